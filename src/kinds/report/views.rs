//! What a report shows: its kind, whether it is a draft, its sources. The indicators' values
//! and charts in its text are filled in by the indicators ([`crate::kinds::fill_data_uses`]).

use serde::Serialize;

use super::{Report, Reports};
use crate::kinds::kind::PageViews;
use crate::model::{Page, Site};
use crate::view::context::{self, SourceView, sources_view};

/// A report's values in `page`.
#[derive(Debug, Serialize)]
pub struct View<'a> {
    /// "Báo cáo sơ kết".
    pub report_kind: &'static str,
    /// A draft for comment.
    pub draft_for_comment: bool,
    /// Sources cited.
    pub sources: Vec<SourceView<'a>>,
}

impl PageViews for Reports {
    fn label(&self) -> &'static str {
        "Báo cáo"
    }

    fn template(&self) -> &'static str {
        "bao-cao.html"
    }

    fn view(&self, site: &Site, page: &Page) -> tera::Value {
        let Some(report) = page.fields::<Report>() else { return context::no_fields() };
        let view = View {
            report_kind: report.loai.label(),
            draft_for_comment: report.du_thao,
            sources: sources_view(&report.sources, site),
        };
        tera::Value::from_serializable(&view)
    }
}
