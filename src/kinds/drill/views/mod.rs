//! What a drill shows: its page, the drills listing with upcoming and past drills, listings
//! per tổ dân phố, calendars to subscribe to (the section's and each tổ dân phố's), an Atom
//! feed of the drills, and the next drill on the home page.

mod feed;
pub mod ics;
mod lists;
mod page;
mod values;

use super::{Drill, Drills};
use crate::diagnostic::Diagnostic;
use crate::kinds::kind::PageViews;
use crate::model::{Page, Site};
use crate::to_dan_pho::ToDanPho;
use crate::view::neighbourhood::Item;
use crate::view::{Output, TemplateContext, Templates};

pub use page::View;

impl PageViews for Drills {
    fn label(&self) -> &'static str {
        "Diễn tập"
    }

    fn template(&self) -> &'static str {
        "drill.html"
    }

    fn section_template(&self) -> &'static str {
        "drills.html"
    }

    /// The drills' own feed ([`feed`]) stands for the section's.
    fn feeds(&self) -> bool {
        false
    }

    /// The drills listing shows upcoming drills, then past ones with their results, on one page.
    fn paginates(&self) -> bool {
        false
    }

    fn view(&self, site: &Site, page: &Page) -> tera::Value {
        match page.fields::<Drill>() {
            Some(drill) => tera::Value::from_serializable(&drill.view(site, page)),
            None => crate::view::context::no_fields(),
        }
    }

    /// The drill's place, scenario and units.
    fn search_text(&self, page: &Page) -> String {
        let Some(drill) = page.fields::<Drill>() else { return String::new() };
        let mut parts: Vec<&str> = vec![drill.kind.label(), &drill.location.name];
        parts.extend(drill.location.address.as_deref());
        parts.extend(drill.location.to_dan_pho.as_deref());
        parts.extend(drill.organiser.as_deref());
        if let Some(s) = &drill.scenario {
            parts.extend(
                [&s.premises, &s.cause, &s.spread].into_iter().flatten().map(String::as_str),
            );
        }
        parts.extend(drill.forces.iter().map(|f| f.unit.as_str()));
        parts.join("\n")
    }

    /// The calendar subscription, one calendar per drill, listings per tổ dân phố.
    fn outputs(&self, site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
        lists::extra_outputs(site, templates)
    }

    fn section_context(&self, site: &Site, s: usize, context: &mut TemplateContext) {
        lists::section_context(site, s, context);
    }

    fn home_context(&self, site: &Site, context: &mut TemplateContext) {
        lists::home_context(site, context);
    }

    /// Each drill on its group's page, upcoming first, linking to the section's listing.
    fn to_dan_pho_items(&self, site: &Site) -> Vec<(ToDanPho, Item)> {
        lists::to_dan_pho_items(site)
    }
}
