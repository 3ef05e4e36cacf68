//! The registry of content types (kinds): the one place that lists them.
//!
//! A kind is one module: its schema and checks (what it tells the model, through
//! [`crate::content_type`]) and, in its `views` submodule, what it shows (through
//! [`kind::PageViews`] or [`kind::DataSetViews`]), both implemented for one unit type. Adding a
//! kind is that module, its templates, and one line below. See ARCHITECTURE.md.

pub mod access;
pub mod article;
pub mod drill;
pub mod fire_points;
pub mod household_groups;
pub mod indicators;
pub mod kind;
pub mod lesson;
pub mod report;
pub mod violations;
pub mod watch_teams;
pub mod water;

use crate::content_type::{self, PageType, Types};
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::search::Document;
use crate::to_dan_pho::ToDanPho;
use crate::view::neighbourhood::Item;
use crate::view::{Output, TemplateContext, Templates};
use kind::{DataKind, PageKind};

/// Types of pages; the first is the default of a section that names none.
pub static PAGE_KINDS: &[&dyn PageKind] = &[
    &article::Articles, // bai_viet: guidance residents read
    &lesson::Lessons,   // bai_hoc: lessons for schools
    &drill::Drills,     // dien_tap: drills, with calendars
    &report::Reports,   // bao_cao: reviews citing the indicators as of a day
];

/// Types of data sets.
pub static DATA_KINDS: &[&dyn DataKind] = &[
    &violations::Violations, // vi-pham: the public list of violating facilities
    &household_groups::HouseholdGroups, // to-lien-gia: Tổ liên gia an toàn PCCC
    &fire_points::FirePoints, // diem-chua-chay: điểm chữa cháy công cộng
    &watch_teams::WatchTeams, // doi-dan-phong: đội dân phòng per tổ dân phố
    &access::AccessProblems, // tiep-can: deep alleys, barriers, blocked water sources
    &water::WaterSources,    // nguon-nuoc: hydrants, ponds, tanks
    &indicators::Indicators, // chi-tieu: the plan's indicators, their series and status
];

/// The registered types, as the model sees them.
pub fn types() -> Types {
    Types {
        pages: PAGE_KINDS.iter().map(|&k| k as &dyn PageType).collect(),
        data: DATA_KINDS.iter().map(|&k| k as &dyn content_type::DataSetType).collect(),
    }
}

/// The kind of a page type the model holds.
pub fn of(t: &dyn PageType) -> &'static dyn PageKind {
    PAGE_KINDS.iter().copied().find(|k| content_type::same(*k, t)).unwrap_or(PAGE_KINDS[0])
}

/// Outputs the kinds add besides their pages: calendars, embeds, printouts, data sets.
pub fn extra_outputs(site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
    let outputs = std::sync::Mutex::new(Vec::new());
    extra_outputs_each(site, templates, |part| {
        outputs.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend(part);
    });
    outputs.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// One part of [`extra_outputs`].
#[derive(Clone, Copy)]
enum Extra {
    /// A data set's views, with its open data.
    Data(&'static dyn DataKind),
    /// A page kind's.
    Page(&'static dyn PageKind),
    /// The printouts of the pages that have one.
    Printouts,
    /// The tổ dân phố pages.
    Neighbourhoods,
}

impl Extra {
    fn outputs(self, site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
        match self {
            Extra::Data(kind) => {
                let mut outputs = kind.outputs(site, templates);
                if let Some(data) = kind.open_data(site) {
                    outputs.push(crate::view::open_data::page(site, templates, &data));
                }
                outputs
            }
            Extra::Page(kind) => kind.outputs(site, templates),
            Extra::Printouts => {
                let printouts: Vec<(usize, &[crate::guidance::KeyMessage])> = site
                    .pages
                    .iter()
                    .enumerate()
                    .filter_map(|(p, page)| Some((p, of(page.kind).printout(page)?.key_messages)))
                    .collect();
                crate::print::outputs(site, templates, &printouts)
            }
            Extra::Neighbourhoods => {
                crate::view::neighbourhood::outputs(site, templates, &to_dan_pho_items(site))
            }
        }
    }
}

/// [`extra_outputs`], made part by part (a data set's views with its open data, a page kind's,
/// the printouts, the tổ dân phố pages) on two threads, the data sets' on one and the rest on
/// the other, each part handed to `each` as soon as it is made: a build compresses and writes
/// the first parts while the others are made. Made one after another, they were the last
/// outputs of the ward's build, 55 ms after its pages.
pub fn extra_outputs_each(
    site: &Site,
    templates: &Templates,
    each: impl Fn(Vec<Result<Output, Diagnostic>>) + Sync,
) {
    let data: Vec<Extra> = DATA_KINDS.iter().map(|&kind| Extra::Data(kind)).collect();
    let pages: Vec<Extra> = (PAGE_KINDS.iter().map(|&kind| Extra::Page(kind)))
        .chain([Extra::Printouts, Extra::Neighbourhoods])
        .collect();
    std::thread::scope(|scope| {
        scope.spawn(|| data.iter().for_each(|part| each(part.outputs(site, templates))));
        pages.iter().for_each(|part| each(part.outputs(site, templates)));
    });
}

/// Every document search finds: each page in search, then the records of the data sets.
pub fn documents(site: &Site, remembered: Option<&crate::search::Remembered>) -> Vec<Document> {
    use rayon::prelude::*;
    if let Some(remembered) = remembered {
        remembered.begin();
    }
    let mut docs: Vec<Document> = site
        .pages
        .par_iter()
        .filter(|page| page.meta.in_search && page.is_listed())
        .map(|page| {
            let kind = of(page.kind);
            crate::search::page_document(page, kind.label(), &kind.search_text(page), remembered)
        })
        .collect();
    for kind in DATA_KINDS {
        docs.extend(kind.search_docs(site));
    }
    docs.extend(to_dan_pho_documents(site));
    docs
}

/// What search finds: the index, then each group's page, titled with its name so that a
/// resident typing "to dan pho 5" finds the page first, and holding the titles it lists.
fn to_dan_pho_documents(site: &Site) -> Vec<Document> {
    use crate::view::neighbourhood::{INDEX_TITLE, LABEL, PATH, groups, path};
    let groups = groups(site, &to_dan_pho_items(site));
    if groups.is_empty() {
        return Vec::new();
    }
    let names: Vec<&str> = groups.iter().map(|(_, g)| g.name.as_str()).collect();
    let mut docs = vec![Document {
        url: PATH.to_string(),
        title: INDEX_TITLE.to_string(),
        kind: LABEL.to_string(),
        summary: "Chọn tổ dân phố nơi bạn ở.".to_string(),
        body: names.join("\n"),
        ..Document::default()
    }];
    // A group's page is found by the group's name and the ways editors and residents write it
    // ("TDP 5", "Tổ 5"), not by the words of what it lists: each record is a document of its
    // own, and a query for a record's words ("diễn tập tổ dân phố 5") should find the record.
    for (tdp, group) in &groups {
        docs.push(Document {
            url: path(*tdp),
            title: group.name.clone(),
            kind: LABEL.to_string(),
            summary: format!("Thông tin phòng cháy, chữa cháy đăng trên trang về {}.", group.name),
            body: format!("TDP {tdp}\nTổ {tdp}"),
            // The group is real even when what it lists is sample data: not ranked down.
            ..Document::default()
        });
    }
    docs
}

/// `html`, an output of page or section `own` (its content path; `None` for other outputs),
/// with each data shortcode's marker (`{{ chi_tieu(…) }}`) replaced by what the data set it
/// names shows. The page's own shortcodes are shown in full, a chart included; those of other
/// pages' summaries (a listing, a feed) as text only, so that a listing stays light and no
/// chart id is repeated. A marker that is a paragraph of its own takes the paragraph's place,
/// so that a chart is a figure and not inside a `<p>`.
pub fn fill_data_uses(site: &Site, own: Option<&str>, html: String) -> String {
    let Some(first) = crate::markdown::next_owned_marker(&html, 0) else { return html };
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    let mut next = Some(first);
    while let Some(marker) = next {
        let mut span = marker.span.clone();
        let block = html[..span.start].ends_with("<p>") && html[span.end..].starts_with("</p>");
        if block {
            span = span.start - "<p>".len()..span.end + "</p>".len();
        }
        out.push_str(&html[copied..span.start]);
        out.push_str(&fill_marker(site, own, &marker, block));
        copied = span.end;
        next = crate::markdown::next_owned_marker(&html, copied);
    }
    out.push_str(&html[copied..]);
    out
}

/// [`fill_data_uses`] for a rendered output: given back as it is when it has no marker, which
/// a search for the markers' opening tells without reading it as text.
pub fn fill_rendered(site: &Site, own: Option<&str>, html: bytes::Bytes) -> bytes::Bytes {
    if !crate::markdown::has_owned_marker(&html) {
        return html;
    }
    let text = String::from_utf8(Vec::from(html)).expect("templates render text");
    bytes::Bytes::from(fill_data_uses(site, own, text))
}

/// What `marker` shows (see [`fill_data_uses`]); nothing when its body is gone, which the
/// model's checks rule out.
fn fill_marker(
    site: &Site,
    own: Option<&str>,
    marker: &crate::markdown::OwnedMarker,
    block: bool,
) -> String {
    let rendered = site
        .pages
        .iter()
        .map(|p| (&p.file, &p.rendered))
        .chain(site.sections.iter().map(|s| (&s.file, &s.rendered)))
        .find(|(file, _)| file.content_path == marker.owner)
        .map(|(_, rendered)| rendered);
    let Some(data_use) = rendered.and_then(|r| r.data_uses.get(marker.n)) else {
        return String::new();
    };
    let mut data_use = data_use.clone();
    data_use.chart &= own == Some(marker.owner.as_str());
    let id = format!("chi-tieu-{}", marker.n + 1);
    DATA_KINDS.iter().find_map(|k| k.fill_use(site, &data_use, &id, block)).unwrap_or_default()
}

/// Values the kind of section `s` adds to its own page's context (`s` is not the home).
pub fn section_context(site: &Site, s: usize, context: &mut TemplateContext) {
    of(site.sections[s].kind).section_context(site, s, context);
}

/// What every kind lists on the pages of the tổ dân phố (`/to-dan-pho/so-5/`), through its
/// `to_dan_pho_items` hook; the groups that have items are the groups that get a page.
pub fn to_dan_pho_items(site: &Site) -> Vec<(ToDanPho, Item)> {
    let mut items = Vec::new();
    for kind in PAGE_KINDS {
        items.extend(kind.to_dan_pho_items(site));
    }
    for kind in DATA_KINDS {
        items.extend(kind.to_dan_pho_items(site));
    }
    items
}

/// Values the kinds add to the home page's context.
pub fn home_context(site: &Site, context: &mut TemplateContext) {
    for kind in PAGE_KINDS {
        kind.home_context(site, context);
    }
    for kind in DATA_KINDS {
        kind.home_context(site, context);
    }
}
