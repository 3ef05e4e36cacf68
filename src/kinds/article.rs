//! Articles (bài viết): the default content type, for guidance residents read.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Severity};
use crate::front_matter::Split;
use crate::load::SourceFile;
use crate::model::Site;
use crate::model::meta::Source;
use crate::view::context::DateView;

/// Readers, and pupils, remember three messages at most (the ward plan's "dễ nhớ").
const MAX_KEY_MESSAGES: usize = 3;

/// Fields of an article, beside those every page has.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Article {
    /// Up to three things to remember, shown in a "Ghi nhớ" box.
    #[serde(default)]
    pub key_messages: Vec<String>,
    /// The law or authority the article rests on.
    #[serde(default)]
    pub sources: Vec<Source>,
}

impl Article {
    /// Checks beyond types: how many key messages, and that sources link over the web.
    pub fn check(&self, file: &SourceFile, split: &Split<'_>) -> Vec<Diagnostic> {
        let mut problems: Vec<Diagnostic> =
            check_key_messages(&self.key_messages, "người đọc", file, split).into_iter().collect();
        problems.extend(check_sources(&self.sources, file, split));
        problems
    }

    /// The values templates receive.
    pub fn view<'a>(&'a self, site: &'a Site) -> View<'a> {
        View { key_messages: &self.key_messages, sources: sources_view(&self.sources, site) }
    }
}

/// A warning when a page has more key messages than `readers` ("người đọc", "học sinh")
/// remember.
pub fn check_key_messages(
    messages: &[String],
    readers: &str,
    file: &SourceFile,
    split: &Split<'_>,
) -> Option<Diagnostic> {
    if messages.len() <= MAX_KEY_MESSAGES {
        return None;
    }
    let mut d = super::at_key(
        file,
        split,
        "key_messages",
        format!(
            "có {} ý \"ghi nhớ\"; {readers} nhớ tốt nhất khi chỉ có tối đa {MAX_KEY_MESSAGES}",
            messages.len()
        ),
    )
    .help("giữ 3 ý quan trọng nhất, mỗi ý không quá 12 chữ");
    d.severity = Severity::Warning;
    Some(d)
}

/// Every source's link must be a web address.
pub fn check_sources(sources: &[Source], file: &SourceFile, split: &Split<'_>) -> Vec<Diagnostic> {
    sources
        .iter()
        .filter_map(|s| s.url.as_deref())
        .filter(|url| !(url.starts_with("https://") || url.starts_with("http://")))
        .map(|url| {
            super::at_value(
                file,
                split,
                "sources",
                url,
                format!("địa chỉ nguồn `{url}` không phải địa chỉ web"),
            )
            .help("viết địa chỉ đầy đủ bắt đầu bằng https://")
        })
        .collect()
}

/// Sources as templates receive them.
pub fn sources_view<'a>(sources: &'a [Source], site: &Site) -> Vec<SourceView<'a>> {
    sources
        .iter()
        .map(|s| SourceView {
            title: &s.title,
            publisher: s.publisher.as_deref(),
            url: s.url.as_deref(),
            date: s.date.as_ref().map(|d| DateView::new(d, &site.config.timezone)),
        })
        .collect()
}

/// An article's values in `page`.
#[derive(Debug, Serialize)]
pub struct View<'a> {
    /// Up to three things to remember.
    pub key_messages: &'a [String],
    /// Sources cited.
    pub sources: Vec<SourceView<'a>>,
}

/// A cited source.
#[derive(Debug, Serialize)]
pub struct SourceView<'a> {
    /// Title.
    pub title: &'a str,
    /// Issuer or publisher.
    pub publisher: Option<&'a str>,
    /// Link.
    pub url: Option<&'a str>,
    /// Date.
    pub date: Option<DateView>,
}

/// The front matter of a new article.
pub fn skeleton(title: &str, today: Date) -> String {
    format!(
        "---\ntitle: {title}\ndescription: \"\"\ndate: {today}\ndraft: true\ntags: []\nkey_messages: []\nsources: []\n---\n\nViết nội dung ở đây.\n"
    )
}
