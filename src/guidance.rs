//! What guidance pages (articles, lessons) share: the few messages to remember, and the sources
//! they rest on (the law, a decree, an authority's advice), with their checks.

use serde::Deserialize;

use crate::dates::DateValue;
use crate::diagnostic::{Diagnostic, Severity};
use crate::front_matter::{Split, at_key, at_value};
use crate::load::SourceFile;

/// Readers, and pupils, remember three messages at most (the ward plan's "dễ nhớ").
pub const MAX_KEY_MESSAGES: usize = 3;

/// A source a page cites: a law, a decree, the advice of an authority.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Source {
    /// Title of the document or page.
    pub title: String,
    /// Who issued or published it.
    #[serde(default)]
    pub publisher: Option<String>,
    /// Where to read it.
    #[serde(default)]
    pub url: Option<String>,
    /// When it was issued or published.
    #[serde(default)]
    pub date: Option<DateValue>,
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
    let mut d = at_key(
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
        .enumerate()
        .filter_map(|(i, s)| Some((i, s.url.as_deref()?)))
        .filter(|(_, url)| !(url.starts_with("https://") || url.starts_with("http://")))
        .map(|(i, url)| {
            at_value(
                file,
                split,
                &format!("sources.{i}.url"),
                format!("địa chỉ nguồn `{url}` không phải địa chỉ web"),
            )
            .help("viết địa chỉ đầy đủ bắt đầu bằng https://")
        })
        .collect()
}
