//! Drills gathered: the section's upcoming and past lists, the listings per tổ dân phố, the
//! calendars, and the next drill on the home page.

use std::collections::BTreeMap;

use jiff::Timestamp;
use serde::Serialize;

use super::ics::{self, Event};
use super::values::{Choice, When, is_upcoming, place_text};
use crate::diagnostic::Diagnostic;
use crate::kinds::drill::{Drill, Drills, Status};
use crate::kinds::kind::PageViews;
use crate::model::{Page, Site};
use crate::slug::slugify;
use crate::to_dan_pho::{self, ToDanPho};
use crate::view::context::{MetaView, SectionView};
use crate::view::neighbourhood::{Block, Item, SortKey, order};
use crate::view::{Output, TemplateContext, Templates};

/// The file name of calendars: `/dien-tap/lich.ics`, `/dien-tap/<drill>/lich.ics`.
pub const ICS_NAME: &str = "lich.ics";

/// The site path of a drill's own calendar.
pub fn ics_path(page: &Page) -> String {
    format!("{}{ICS_NAME}", page.path)
}

/// The URL of a drill's own calendar ("Thêm vào lịch"), made only for a drill still to come and
/// not cancelled: a resident adds a coming drill to their calendar; once it is over, or called
/// off, the button is gone and the section's calendar (subscribed to, refreshed daily) holds the
/// event. At 2,000 past drills that is 2,000 files fewer.
pub fn own_calendar_url(site: &Site, page: &Page, drill: &Drill) -> Option<String> {
    (is_upcoming(drill, site) && drill.status != Status::Huy)
        .then(|| site.config.permalink(&ics_path(page)))
}

/// The URL of the listing of drills in tổ dân phố `tdp` of section `s`.
pub fn tdp_url(site: &Site, s: usize, tdp: ToDanPho) -> String {
    site.config.permalink(&tdp.path(&site.sections[s].path))
}

/// The last part of the address earlier versions gave the listing of a tổ dân phố written
/// `name` ("TDP 5" gave `tdp-5`, "Tổ dân phố số 5" `so-5`): kept as a redirect when it is not
/// the address [`ToDanPho::path`] gives now.
fn old_slug(name: &str) -> String {
    let slug = slugify(name);
    match slug.strip_prefix("to-dan-pho-") {
        Some(rest) if !rest.is_empty() => rest.to_string(),
        _ => slug,
    }
}

/// A drill as listed.
#[derive(Debug, Serialize)]
pub struct DrillSummary<'a> {
    /// Title.
    pub title: &'a str,
    /// URL.
    pub permalink: &'a str,
    /// Description.
    pub description: &'a str,
    /// Example content.
    pub sample: bool,
    /// Kind, in Vietnamese.
    pub kind: &'static str,
    /// Status.
    pub status: Choice,
    /// Why postponed or cancelled.
    pub status_note: Option<&'a str>,
    /// When.
    pub when: Option<When>,
    /// Place.
    pub place: String,
    /// Tổ dân phố, by its name.
    pub to_dan_pho: Option<String>,
    /// Minutes to control the assumed fire, once held.
    pub time_to_control_minutes: Option<u32>,
    /// People rescued, once held.
    pub persons_rescued: Option<u32>,
    /// People taking part.
    pub participants: Option<u32>,
    /// Number of follow-up actions.
    pub follow_up_count: usize,
    /// The drill's calendar file, while the drill is to come ([`own_calendar_url`]).
    pub ics_url: Option<String>,
}

fn summary<'a>(site: &'a Site, page: &'a Page, drill: &'a Drill) -> DrillSummary<'a> {
    let tz = &site.config.timezone;
    DrillSummary {
        title: &page.meta.title,
        permalink: &page.permalink,
        description: page.meta.description.as_deref().unwrap_or(&page.rendered.summary_text),
        sample: page.meta.sample,
        kind: drill.kind.label(),
        status: Choice { name: drill.status.name(), label: drill.status.label() },
        status_note: drill.status_note.as_deref(),
        when: drill.span(tz).map(|(s, e)| When::new(s, e, tz)),
        place: place_text(drill),
        to_dan_pho: drill.to_dan_pho().map(|t| t.name()),
        time_to_control_minutes: drill.results.as_ref().and_then(|r| r.time_to_control_minutes),
        persons_rescued: drill.results.as_ref().and_then(|r| r.persons_rescued),
        participants: drill.participants.as_ref().and_then(|p| p.total),
        follow_up_count: drill.results.as_ref().map_or(0, |r| r.follow_up.len()),
        ics_url: own_calendar_url(site, page, drill),
    }
}

/// The drills of section `s` (all of them when `None`), with their pages.
fn drills_of(site: &Site, s: Option<usize>) -> Vec<(&Page, &Drill)> {
    site.pages
        .iter()
        .filter(|p| s.is_none_or(|s| p.section == s))
        .filter_map(|p| Some((p, p.fields::<Drill>()?)))
        .collect()
}

fn start_of(site: &Site, drill: &Drill) -> Timestamp {
    drill.span(&site.config.timezone).map_or(Timestamp::MIN, |(s, _)| s)
}

/// The three lists of a drills listing, as drills with their pages.
struct Split<'a> {
    upcoming: Vec<(&'a Page, &'a Drill)>,
    changed: Vec<(&'a Page, &'a Drill)>,
    past: Vec<(&'a Page, &'a Drill)>,
}

/// Where a drill is listed on the build's day: a postponed drill waits for its new date
/// whatever its old one, a cancelled one is listed as such until its day has passed (then
/// among the past ones, marked cancelled), and only a drill that will take place is "Sắp diễn
/// ra".
fn split_drills<'a>(site: &Site, drills: &[(&'a Page, &'a Drill)]) -> Split<'a> {
    let mut sorted: Vec<(&Page, &Drill)> = drills.to_vec();
    sorted.sort_by(|a, b| {
        start_of(site, a.1).cmp(&start_of(site, b.1)).then(a.0.path.cmp(&b.0.path))
    });
    let mut split = Split { upcoming: Vec::new(), changed: Vec::new(), past: Vec::new() };
    for (page, drill) in sorted {
        let list = match (drill.status, is_upcoming(drill, site)) {
            (Status::Hoan, _) | (Status::Huy, true) => &mut split.changed,
            (_, true) => &mut split.upcoming,
            (_, false) => &mut split.past,
        };
        list.push((page, drill));
    }
    split.past.reverse();
    split
}

/// A tổ dân phố with drills.
#[derive(Debug, Serialize)]
pub struct Neighbourhood {
    /// Its name ("Tổ dân phố số 5").
    pub name: String,
    /// Its listing.
    pub url: String,
    /// How many drills.
    pub count: usize,
}

/// `drills` in the section's template.
#[derive(Debug, Serialize)]
pub struct DrillLists<'a> {
    /// Still to come on the build's day, soonest first.
    pub upcoming: Vec<DrillSummary<'a>>,
    /// Postponed, or cancelled before their day, soonest first.
    pub changed: Vec<DrillSummary<'a>>,
    /// Already past, latest first.
    pub past: Vec<DrillSummary<'a>>,
    /// The calendar of every drill of the section.
    pub calendar_url: String,
    /// The same calendar as a `webcal:` subscription.
    pub webcal_url: String,
    /// Tổ dân phố with drills, in natural order (2 before 10).
    pub neighbourhoods: Vec<Neighbourhood>,
    /// The name of the tổ dân phố of this listing, on a listing per tổ dân phố.
    pub to_dan_pho: Option<String>,
    /// The page of that tổ dân phố (`/to-dan-pho/so-5/`), which lists these drills with the
    /// group's other records.
    pub to_dan_pho_page: Option<String>,
    /// The Atom feed of the section's drills.
    pub feed_url: String,
    /// The section's page.
    pub section_url: &'a str,
}

/// The tổ dân phố of `drills`, in natural order, with their listings.
fn neighbourhoods(
    site: &Site,
    s: usize,
    drills: &[(&Page, &Drill)],
) -> Vec<(ToDanPho, Neighbourhood)> {
    let mut by_group: BTreeMap<ToDanPho, Neighbourhood> = BTreeMap::new();
    for tdp in drills.iter().filter_map(|(_, d)| d.to_dan_pho()) {
        by_group
            .entry(tdp)
            .or_insert_with(|| Neighbourhood {
                name: tdp.name(),
                url: tdp_url(site, s, tdp),
                count: 0,
            })
            .count += 1;
    }
    by_group.into_iter().collect()
}

fn lists<'a>(
    site: &'a Site,
    s: usize,
    drills: &[(&'a Page, &'a Drill)],
    to_dan_pho: Option<ToDanPho>,
) -> DrillLists<'a> {
    let section = &site.sections[s];
    let split = split_drills(site, drills);
    let view = |v: Vec<(&'a Page, &'a Drill)>| -> Vec<DrillSummary<'a>> {
        v.into_iter().map(|(p, d)| summary(site, p, d)).collect()
    };
    // A listing per tổ dân phố offers that group's calendar.
    let listing = to_dan_pho.map_or_else(|| section.path.clone(), |t| t.path(&section.path));
    let calendar_url = site.config.permalink(&format!("{listing}{ICS_NAME}"));
    let webcal_url = match calendar_url.split_once("://") {
        Some((_, rest)) => format!("webcal://{rest}"),
        None => calendar_url.clone(),
    };
    DrillLists {
        upcoming: view(split.upcoming),
        changed: view(split.changed),
        past: view(split.past),
        calendar_url,
        webcal_url,
        neighbourhoods: neighbourhoods(site, s, &drills_of(site, Some(s)))
            .into_iter()
            .map(|(_, n)| n)
            .collect(),
        to_dan_pho: to_dan_pho.map(|t| t.name()),
        // The group's page lists the drills that are neither drafts nor for editors.
        to_dan_pho_page: to_dan_pho
            .filter(|_| drills.iter().any(|(p, _)| !p.meta.draft && p.is_listed()))
            .map(|t| site.config.permalink(&crate::view::neighbourhood::path(t))),
        feed_url: site.config.permalink(&format!("{}{}", section.path, super::feed::FEED_NAME)),
        section_url: &section.permalink,
    }
}

/// Adds `drills` to the context of a drills section's page.
pub fn section_context(site: &Site, s: usize, context: &mut TemplateContext) {
    let drills = drills_of(site, Some(s));
    context.insert("drills", &lists(site, s, &drills, None));
}

/// The calendars and the listings per tổ dân phố of every drills section.
pub fn extra_outputs(site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
    let clashes = uid_clashes(site);
    if !clashes.is_empty() {
        return clashes.into_iter().map(Err).collect();
    }
    let mut outputs = Vec::new();
    for (s, section) in site.sections.iter().enumerate() {
        if section.kind.name() != crate::content_type::PageType::name(&Drills) || !section.built {
            continue;
        }
        let drills = drills_of(site, Some(s));
        let events: Vec<Event> = drills.iter().map(|(p, d)| event(site, p, d)).collect();
        let name = format!("{} | {}", section.meta.title, site.config.title);
        outputs.push(Ok(Output::bytes(
            format!("{}{ICS_NAME}", &section.path[1..]),
            ics::calendar(&name, &site.config.timezone_name, &events),
        )));
        for ((page, drill), event) in drills.iter().zip(&events) {
            if own_calendar_url(site, page, drill).is_none() {
                continue;
            }
            outputs.push(Ok(Output::bytes(
                ics_path(page)[1..].to_string(),
                ics::calendar(
                    &page.meta.title,
                    &site.config.timezone_name,
                    std::slice::from_ref(event),
                ),
            )));
        }
        for (tdp, _) in neighbourhoods(site, s, &drills) {
            let here: Vec<(&Page, &Drill)> =
                drills.iter().copied().filter(|(_, d)| d.to_dan_pho() == Some(tdp)).collect();
            outputs.push(tdp_page(site, templates, s, tdp, &here));
            let events: Vec<Event> = drills
                .iter()
                .zip(&events)
                .filter(|((_, d), _)| d.to_dan_pho() == Some(tdp))
                .map(|(_, e)| e.clone())
                .collect();
            let name = format!("{} | {} | {}", section.meta.title, tdp.name(), site.config.title);
            outputs.push(Ok(Output::bytes(
                format!("{}{ICS_NAME}", &tdp.path(&section.path)[1..]),
                ics::calendar(&name, &site.config.timezone_name, &events),
            )));
        }
        outputs.push(super::feed::feed(site, templates, s, &drills));
        outputs.extend(old_tdp_addresses(site, templates, s, &drills));
    }
    outputs
}

/// Redirects from the addresses earlier versions gave the listings per tổ dân phố (one per
/// way of writing a group, such as `to-dan-pho/tdp-5/`) to the listing's address now.
fn old_tdp_addresses(
    site: &Site,
    templates: &Templates,
    s: usize,
    drills: &[(&Page, &Drill)],
) -> Vec<Result<Output, Diagnostic>> {
    let section = &site.sections[s].path;
    let mut old: BTreeMap<String, ToDanPho> = BTreeMap::new();
    for (_, drill) in drills {
        let (Some(written), Some(tdp)) = (&drill.location.to_dan_pho, drill.to_dan_pho()) else {
            continue;
        };
        let slug = old_slug(written);
        if !slug.is_empty() && slug != tdp.slug() {
            old.insert(format!("{section}{}/{slug}/", to_dan_pho::DIR), tdp);
        }
    }
    old.into_iter()
        .map(|(from, tdp)| crate::view::redirect(templates, &from, &tdp_url(site, s, tdp)))
        .collect()
}

/// Drills that would share a calendar UID (their `id`, or their slug without one) with an
/// earlier drill of the site: calendar applications keep one event per UID, so the second
/// drill would silently replace the first in a resident's calendar.
fn uid_clashes(site: &Site) -> Vec<Diagnostic> {
    let mut seen: std::collections::HashMap<String, &Page> = std::collections::HashMap::new();
    let mut clashes = Vec::new();
    for page in &site.pages {
        let Some(drill) = page.fields::<Drill>() else { continue };
        let id = drill.id.clone().unwrap_or_else(|| page.slug.clone());
        if let Some(first) = seen.get(id.as_str()) {
            let message = format!(
                "buổi diễn tập này và buổi diễn tập {} có cùng mã `{id}` trong lịch",
                first.file.path.display()
            );
            let d = Diagnostic::error(&page.file.path, message).help(
                "ứng dụng lịch coi hai sự kiện cùng mã là một và chỉ giữ một buổi: đặt `id` khác \
                 cho một trong hai buổi, ví dụ `id: dt-2026-12-b`",
            );
            clashes.push(match id_span(&page.file.text) {
                Some(span) => d.at(&page.file.text, span),
                None => d,
            });
        } else {
            seen.insert(id, page);
        }
    }
    clashes
}

/// Where the value of the front matter's top-level `id` is written.
fn id_span(text: &str) -> Option<std::ops::Range<usize>> {
    let end = text.get(3..)?.find("\n---").map_or(text.len(), |i| i + 3);
    let line = text[..end].find("\nid:")? + 1;
    let value = &text[line + 3..end];
    let value_line = value.split('\n').next().unwrap_or("");
    let start = line + 3 + (value_line.len() - value_line.trim_start().len());
    Some(start..start + value_line.trim().len().max(1))
}

fn tdp_page(
    site: &Site,
    templates: &Templates,
    s: usize,
    tdp: ToDanPho,
    drills: &[(&Page, &Drill)],
) -> Result<Output, Diagnostic> {
    let section = &site.sections[s];
    let path = tdp.path(&section.path);
    let name = tdp.name();
    let title = format!("{}: {name}", section.meta.title);
    let description = format!("Lịch và kết quả các buổi diễn tập PCCC và CNCH ở {name}.");
    let meta =
        MetaView::other(site, Some(&title), Some(&description), site.config.permalink(&path));
    let ctx = TemplateContext::page(&meta, &path)
        .with("section", &SectionView::new(site, section, None))
        .with("drills", &lists(site, s, drills, Some(tdp)));
    let template = section.meta.template.as_deref().unwrap_or(Drills.section_template());
    let html = templates
        .render(template, &ctx)
        .map_err(|d| d.note(format!("khi dựng trang diễn tập của {name}")))?;
    Ok(Output::page(&path, html))
}

/// The calendar event of a drill.
fn event(site: &Site, page: &Page, drill: &Drill) -> Event {
    let tz = &site.config.timezone;
    let (start, end) = drill.span(tz).unwrap_or((Timestamp::UNIX_EPOCH, Timestamp::UNIX_EPOCH));
    let host = site
        .config
        .base_url
        .split_once("://")
        .map_or(site.config.base_url.as_str(), |(_, rest)| rest)
        .split('/')
        .next()
        .unwrap_or("pccc");
    let id = drill.id.clone().unwrap_or_else(|| page.slug.clone());
    // DTSTAMP: when the record was last changed, so that builds give the same file; the
    // build's day when the page has no date.
    let stamp = page
        .meta
        .updated
        .or(page.meta.date)
        .map(|d| d.in_zone(tz).timestamp())
        .unwrap_or_else(|| crate::dates::DateValue::Date(site.today).in_zone(tz).timestamp());
    let mut description = String::new();
    description.push_str(drill.kind.label());
    description.push_str(". ");
    if let Some(note) = &drill.status_note {
        description.push_str(&format!("{}: {note}. ", drill.status.label()));
    }
    if let Some(d) = page.meta.description.as_deref().filter(|d| !d.is_empty()) {
        description.push_str(d);
    } else {
        description.push_str(&page.rendered.summary_text);
    }
    if let Some(org) = &drill.organiser {
        description.push_str(&format!("\nĐơn vị tổ chức: {org}"));
    }
    description.push_str(&format!("\nXem chi tiết: {}", page.permalink));
    let updated = page.meta.updated.map(|d| d.in_zone(tz).timestamp());
    let modified = updated.or_else(|| page.meta.date.map(|d| d.in_zone(tz).timestamp()));
    let mut location = place_text(drill);
    if let Some(tdp) = drill.to_dan_pho() {
        location.push_str(&format!(" ({})", tdp.name()));
    }
    Event {
        uid: format!("{id}@{host}"),
        stamp,
        modified,
        sequence: ics::sequence(updated),
        start,
        end,
        summary: if drill.status == Status::Huy {
            format!("[Đã huỷ] {}", page.meta.title)
        } else {
            page.meta.title.clone()
        },
        location,
        description,
        url: page.permalink.clone(),
        status: match drill.status {
            Status::Huy => "CANCELLED",
            Status::Hoan => "TENTATIVE",
            Status::DuKien | Status::DaToChuc => "CONFIRMED",
        },
        geo: drill.location.geo.map(|g| (g.lat, g.lng)),
    }
}

/// Adds `next_drill` (the next planned drill, if any) to the home page's context.
pub fn home_context(site: &Site, context: &mut TemplateContext) {
    let drills = drills_of(site, None);
    let next = drills
        .iter()
        .filter(|(_, d)| is_upcoming(d, site) && matches!(d.status, Status::DuKien))
        .min_by_key(|(p, d)| (start_of(site, d), p.path.clone()));
    if let Some((page, drill)) = next {
        context.insert("next_drill", &summary(site, page, drill));
        context.insert("drills_url", &site.sections[page.section].permalink);
    }
}

/// The drills of every section on the pages of their tổ dân phố: those that will take place
/// first (soonest first), then postponed or cancelled ones, then past ones (latest first), each
/// with its status and day. Drafts and pages for editors are left out.
pub fn to_dan_pho_items(site: &Site) -> Vec<(ToDanPho, Item)> {
    let drills = drills_of(site, None);
    let mut items = Vec::new();
    for (page, drill) in drills {
        let Some(tdp) = drill.to_dan_pho() else { continue };
        if page.meta.draft || !page.is_listed() {
            continue;
        }
        let start = drill.span(&site.config.timezone).map(|(s, _)| s.as_second());
        let when = drill
            .span(&site.config.timezone)
            .map(|(s, e)| When::new(s, e, &site.config.timezone))
            .map(|w| format!("{}, {}", w.day, w.start_time));
        let (tier, status) = match (drill.status, is_upcoming(drill, site)) {
            (Status::Hoan, _) | (Status::Huy, true) => (1, drill.status.label()),
            (Status::DuKien, true) => (0, "Sắp diễn ra"),
            (_, true) => (0, drill.status.label()),
            (_, false) => (2, drill.status.label()),
        };
        let rank = start.map_or(0, |s| if tier == 2 { -s } else { s });
        let line = match when {
            Some(when) => format!("{status} · {when}"),
            None => status.to_string(),
        };
        let section = &site.sections[page.section];
        let block = Block {
            order: order::DRILLS,
            heading: section.meta.title.clone(),
            listing: Some(tdp_url(site, page.section, tdp)),
        };
        let sort = SortKey { tier, rank, text: page.path.clone() };
        let item = Item {
            block,
            title: page.meta.title.clone(),
            url: page.permalink.clone(),
            line,
            sample: page.meta.sample,
            sort,
        };
        items.push((tdp, item));
    }
    items
}
