//! The Atom feeds of the data sets (`<folder>/atom.xml` of the place sets, the access problems
//! and the violations): one entry per dated change of a record, newest first, each set
//! rendering them with its own template from the same values.

use jiff::civil::Date;
use serde::Serialize;

use super::context::day_stamp;
use super::{Output, TemplateContext, Templates};
use crate::diagnostic::Diagnostic;
use crate::model::Site;

/// The template of the feeds of places and access problems (a title, entries of dated changes).
pub const PLACES_FEED: &str = "places-atom.xml";

/// One entry: a dated change of a record.
#[derive(Debug, Serialize)]
pub struct Entry {
    /// The day of the change.
    #[serde(skip)]
    pub day: Date,
    /// The entry's id: the record's page with a fragment naming the change.
    pub id: String,
    /// Its title.
    pub title: String,
    /// The page it links to.
    pub url: String,
    /// What changed.
    pub summary: String,
}

/// An entry as the templates read it: with its day as RFC 3339.
#[derive(Debug, Serialize)]
struct Shown<'a> {
    #[serde(flatten)]
    entry: &'a Entry,
    updated: String,
}

/// `<dir>/atom.xml`, the feed of the data set listed at `/<dir>/`, rendered with `template`
/// from [`context`], with `title` when the template shows one.
pub fn file(
    site: &Site,
    templates: &Templates,
    template: &str,
    dir: &str,
    title: Option<&str>,
    entries: Vec<Entry>,
) -> Result<Output, Diagnostic> {
    let mut ctx = context(site, &format!("/{dir}/"), entries);
    if let Some(title) = title {
        ctx = ctx.with("title", title);
    }
    Ok(Output::bytes(format!("{dir}/atom.xml"), templates.render(template, &ctx)?))
}

/// The context of the feed of the data set listed at site path `list` (`/tiep-can/`): its
/// `entries` newest first (by day, then id), `updated` (the newest entry's day, or the build's
/// day when there is none) and the addresses of the feed and of the list.
fn context(site: &Site, list: &str, mut entries: Vec<Entry>) -> TemplateContext {
    entries.sort_by(|a, b| b.day.cmp(&a.day).then_with(|| a.id.cmp(&b.id)));
    let updated = day_stamp(site, entries.first().map_or(site.today, |e| e.day));
    let shown: Vec<Shown<'_>> =
        entries.iter().map(|entry| Shown { entry, updated: day_stamp(site, entry.day) }).collect();
    TemplateContext::file()
        .with("entries", &shown)
        .with("updated", &updated)
        .with("feed_url", &site.config.permalink(&format!("{list}atom.xml")))
        .with("list_url", &site.config.permalink(list))
}
