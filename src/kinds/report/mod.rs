//! Reports (báo cáo sơ kết, tổng kết; issue 16 point 7): pages in a section whose `_index.md`
//! says `type: bao_cao`, such as `content/bao-cao/`. Their text may show an indicator's value,
//! and its chart, as of a day through `{{ chi_tieu(ma="…", ngay="…") }}`
//! ([`crate::markdown::DataUse`]), which the indicators check and fill, so a report stays
//! consistent with the data it cites.

mod views;

use std::sync::Arc;

use jiff::civil::Date;
use serde::Deserialize;

use crate::closed_list::closed_list;
use crate::content_type::{PageFields, PageType};
use crate::diagnostic::Diagnostic;
use crate::front_matter::{self, Split};
use crate::guidance::{Source, check_sources};
use crate::load::SourceFile;

/// The report type, in the registry ([`crate::kinds::PAGE_KINDS`]).
pub struct Reports;

closed_list! {
    /// What a report reviews.
    pub enum Kind, "loại báo cáo" {
        /// A review part of the way (sơ kết), such as the plan's yearly review.
        SoKet = "so_ket", "Báo cáo sơ kết";
        /// The review at the end (tổng kết).
        TongKet = "tong_ket", "Báo cáo tổng kết";
    }
}

/// Fields of a report, beside those every page has.
#[derive(Debug, Clone, Deserialize)]
pub struct Report {
    /// Sơ kết or tổng kết.
    pub loai: Kind,
    /// Whether it is a draft for comment (dự thảo), not the text the ward adopted.
    #[serde(default)]
    pub du_thao: bool,
    /// The plan or law the report answers to.
    #[serde(default)]
    pub sources: Vec<Source>,
}

impl PageType for Reports {
    fn name(&self) -> &'static str {
        "bao_cao"
    }

    fn noun(&self) -> &'static str {
        "báo cáo"
    }

    fn fields(&self) -> &'static [&'static str] {
        crate::explain::fields_of::<Report>()
    }

    fn skeleton(&self, title: &str, today: Date) -> String {
        format!(
            "---\ntitle: {title}\ndescription: \"\"\ndate: {today}\ndraft: true\nloai: so_ket\ndu_thao: true\nsources: []\n---\n\nViết nội dung ở đây. Số liệu một chỉ tiêu đến một ngày: `{{{{ chi_tieu(ma=\"thiet-bi-truyen-tin\", ngay=\"{today}\") }}}}` (bỏ hai dấu `)\n"
        )
    }

    fn parse(
        &self,
        file: &SourceFile,
        split: &Split<'_>,
    ) -> Result<Arc<dyn PageFields>, Vec<Diagnostic>> {
        Ok(Arc::new(front_matter::deserialize_all::<Report>(file, split)?))
    }
}

impl PageFields for Report {
    /// Sources must link over the web.
    fn check(&self, file: &SourceFile, split: &Split<'_>) -> Vec<Diagnostic> {
        check_sources(&self.sources, file, split)
    }
}
