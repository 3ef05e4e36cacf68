//! The registry of content types (kinds): the one place that lists them.
//!
//! A kind is one module: its schema and checks (what it tells the model, through
//! [`crate::content_type`]) and, in its `views` submodule, what it shows (through
//! [`kind::PageViews`] or [`kind::DataSetViews`]), both implemented for one unit type. Adding a
//! kind is that module, its templates, and one line below. See ARCHITECTURE.md.

pub mod article;
pub mod drill;
pub mod kind;
pub mod lesson;
pub mod violations;

use crate::content_type::{self, PageType, Types};
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::search::Document;
use crate::view::{Output, TemplateContext, Templates};
use kind::{DataKind, PageKind};

/// Types of pages; the first is the default of a section that names none.
pub static PAGE_KINDS: &[&dyn PageKind] = &[
    &article::Articles, // bai_viet: guidance residents read
    &lesson::Lessons,   // bai_hoc: lessons for schools
    &drill::Drills,     // dien_tap: drills, with calendars
];

/// Types of data sets.
pub static DATA_KINDS: &[&dyn DataKind] = &[
    &violations::Violations, // vi-pham: the public list of violating facilities
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
    let mut outputs = Vec::new();
    for kind in PAGE_KINDS {
        outputs.extend(kind.outputs(site, templates));
    }
    let printouts: Vec<(usize, &[crate::guidance::KeyMessage])> = site
        .pages
        .iter()
        .enumerate()
        .filter_map(|(p, page)| Some((p, of(page.kind).printout(page)?.key_messages)))
        .collect();
    outputs.extend(crate::print::outputs(site, templates, &printouts));
    for kind in DATA_KINDS {
        outputs.extend(kind.outputs(site, templates));
        if let Some(data) = kind.open_data(site) {
            outputs.push(crate::view::open_data::page(site, templates, &data));
        }
    }
    outputs
}

/// Every document search finds: each page in search, then the records of the data sets.
pub fn documents(site: &Site) -> Vec<Document> {
    use rayon::prelude::*;
    let mut docs: Vec<Document> = site
        .pages
        .par_iter()
        .filter(|page| page.meta.in_search && page.is_listed())
        .map(|page| {
            let kind = of(page.kind);
            crate::search::page_document(page, kind.label(), &kind.search_text(page))
        })
        .collect();
    for kind in DATA_KINDS {
        docs.extend(kind.search_docs(site));
    }
    docs
}

/// Values the kind of section `s` adds to its own page's context (`s` is not the home).
pub fn section_context(site: &Site, s: usize, context: &mut TemplateContext) {
    of(site.sections[s].kind).section_context(site, s, context);
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
