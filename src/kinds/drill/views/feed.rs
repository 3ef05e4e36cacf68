//! The Atom feed of a drills section (`/dien-tap/atom.xml`): one entry per drill, newest change
//! first, for residents and the press who follow the ward in a feed reader. An entry's title
//! says the drill's status when it is postponed or cancelled, so that a change shows.
//!
//! Drills have no `date` of publication (their day is `start`), so the site's feed of dated
//! pages leaves them out and this feed takes its place for the section (see
//! [`crate::kinds::kind::PageViews::feeds`]). It is rendered with the same `atom.xml` template.

use jiff::civil::Date;
use serde::Serialize;

use super::values::place_text;
use crate::dates::DateValue;
use crate::diagnostic::Diagnostic;
use crate::kinds::drill::{Drill, Status};
use crate::model::{Page, Site};
use crate::view::context::DateView;
use crate::view::{Output, TemplateContext, Templates};

/// The file name of the feed in the section's folder.
pub const FEED_NAME: &str = "atom.xml";

/// `feed` in `atom.xml`, as the site's feeds give it.
#[derive(Debug, Serialize)]
struct FeedView<'a> {
    title: String,
    subtitle: &'a str,
    permalink: String,
    alternate: &'a str,
    updated: String,
    entries: Vec<Entry<'a>>,
}

#[derive(Debug, Serialize)]
struct Entry<'a> {
    title: String,
    permalink: &'a str,
    published: String,
    updated: String,
    summary: String,
    content: String,
    tags: Vec<String>,
}

/// When a drill was announced and last changed: its `date` and `updated`, else the date of the
/// plan it belongs to, else its day once past, else the build's day.
fn dates(site: &Site, page: &Page, drill: &Drill) -> (DateValue, DateValue) {
    let tz = &site.config.timezone;
    let fallback = || {
        let plan = drill.plan_ref.as_ref().and_then(|p| p.ngay);
        let day: Option<Date> = drill.start.map(|start| start.date(tz));
        DateValue::Date(plan.or(day.filter(|d| *d <= site.today)).unwrap_or(site.today))
    };
    let published = page.meta.date.unwrap_or_else(fallback);
    (published, page.meta.updated.unwrap_or(published))
}

/// The feed of section `s`, whose drills are `drills`.
pub fn feed(
    site: &Site,
    templates: &Templates,
    s: usize,
    drills: &[(&Page, &Drill)],
) -> Result<Output, Diagnostic> {
    let tz = &site.config.timezone;
    let section = &site.sections[s];
    let mut entries: Vec<(jiff::Timestamp, Entry<'_>)> = drills
        .iter()
        .map(|&(page, drill)| {
            let (published, updated) = dates(site, page, drill);
            let mut summary = format!("{}. {}", drill.kind.label(), place_text(drill));
            if let Some((start, end)) = drill.span(tz) {
                let when = super::values::When::new(start, end, tz);
                summary = format!("{}, {}. {summary}", when.start_time, when.day);
            }
            if let Some(note) = &drill.status_note {
                summary.push_str(&format!(". {}: {note}", drill.status.label()));
            }
            let title = match drill.status {
                Status::Hoan | Status::Huy => {
                    format!("[{}] {}", drill.status.label(), page.meta.title)
                }
                Status::DuKien | Status::DaToChuc => page.meta.title.clone(),
            };
            let entry = Entry {
                title,
                permalink: &page.permalink,
                published: DateView::new(&published, tz).rfc3339,
                updated: DateView::new(&updated, tz).rfc3339,
                summary,
                // The values of its `{{ chi_tieu(…) }}`, as on the page.
                content: crate::kinds::fill_data_uses(
                    site,
                    Some(&page.file.content_path),
                    page.rendered.html.to_string(),
                ),
                tags: Vec::new(),
            };
            (updated.in_zone(tz).timestamp(), entry)
        })
        .collect();
    entries.sort_by(|a, b| b.0.cmp(&a.0).then_with(|| a.1.permalink.cmp(b.1.permalink)));
    entries.truncate(site.config.feeds.limit);
    let updated = entries
        .first()
        .map(|(_, e)| e.updated.clone())
        .unwrap_or_else(|| DateView::of_date(site.today, tz).rfc3339);
    let view = FeedView {
        title: format!("{} | {}", section.meta.title, site.config.title),
        subtitle: section.meta.description.as_deref().unwrap_or(""),
        permalink: site.config.permalink(&format!("{}{FEED_NAME}", section.path)),
        alternate: &section.permalink,
        updated,
        entries: entries.into_iter().map(|(_, e)| e).collect(),
    };
    let xml = templates.render("atom.xml", &TemplateContext::file().with("feed", &view))?;
    Ok(Output::bytes(format!("{}{FEED_NAME}", &section.path[1..]), xml))
}
