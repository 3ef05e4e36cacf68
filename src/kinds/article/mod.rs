//! Articles (bài viết): the default content type, for guidance residents read.

mod views;

use std::sync::Arc;

use jiff::civil::Date;
use serde::Deserialize;

use crate::content_type::{PageFields, PageType};
use crate::diagnostic::Diagnostic;
use crate::front_matter::{self, Split};
use crate::guidance::{KeyMessage, Source, check_key_messages, check_sources};
use crate::load::SourceFile;

/// The article type, in the registry ([`crate::kinds::PAGE_KINDS`]).
pub struct Articles;

/// Fields of an article, beside those every page has.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Article {
    /// Up to three things to remember, shown in a "Ghi nhớ" box.
    #[serde(default)]
    pub key_messages: Vec<KeyMessage>,
    /// The law or authority the article rests on.
    #[serde(default)]
    pub sources: Vec<Source>,
}

impl PageType for Articles {
    fn name(&self) -> &'static str {
        "bai_viet"
    }

    fn noun(&self) -> &'static str {
        "bài viết"
    }

    fn fields(&self) -> &'static [&'static str] {
        crate::explain::fields_of::<Article>()
    }

    fn skeleton(&self, title: &str, today: Date) -> String {
        format!(
            "---\ntitle: {title}\ndescription: \"\"\ndate: {today}\ndraft: true\ntags: []\nkey_messages: []\nsources: []\n---\n\nViết nội dung ở đây.\n"
        )
    }

    fn parse(
        &self,
        file: &SourceFile,
        split: &Split<'_>,
    ) -> Result<Arc<dyn PageFields>, Vec<Diagnostic>> {
        Ok(Arc::new(front_matter::deserialize_all::<Article>(file, split)?))
    }
}

impl PageFields for Article {
    /// Checks beyond types: how many key messages, and that sources link over the web.
    fn check(&self, file: &SourceFile, split: &Split<'_>) -> Vec<Diagnostic> {
        let mut problems: Vec<Diagnostic> =
            check_key_messages(&self.key_messages, "người đọc", file, split).into_iter().collect();
        problems.extend(check_sources(&self.sources, file, split));
        problems
    }
}
