//! What guidance pages (articles, lessons) share: the few messages to remember, each with a
//! pictogram if the editor gives one, and the sources they rest on (the law, a decree, an
//! authority's advice), with their checks.

use serde::de::{self, Deserializer, MapAccess, Visitor};
use serde::{Deserialize, Serialize};

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

/// A message to remember ("Ghi nhớ"), written as a string, or as `{text, pictogram}` to show
/// a pictogram beside it (in the box and on the poster):
///
/// ```yaml
/// key_messages:
///   - "Không sạc xe qua đêm"
///   - text: "Gọi 114 ngay khi thấy cháy"
///     pictogram: goi-114
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KeyMessage {
    /// What to remember.
    pub text: String,
    /// The name of a pictogram ([`crate::pictogram`]).
    pub pictogram: Option<String>,
}

impl<'de> Deserialize<'de> for KeyMessage {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(KeyMessageVisitor)
    }
}

/// Reads either form of a key message, with serde's own messages for a wrong field (which
/// `explain` says in Vietnamese); an untagged enum would only say that nothing matched.
struct KeyMessageVisitor;

impl<'de> Visitor<'de> for KeyMessageVisitor {
    type Value = KeyMessage;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a string or a map with `text` and `pictogram`")
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<KeyMessage, E> {
        Ok(KeyMessage { text: text.to_string(), pictogram: None })
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<KeyMessage, A::Error> {
        /// The keys, read as serde's derive reads them: an unknown one is an error at the key.
        #[derive(Deserialize)]
        #[serde(field_identifier, rename_all = "snake_case")]
        enum Field {
            Text,
            Pictogram,
        }
        let (mut text, mut pictogram) = (None, None);
        while let Some(key) = map.next_key::<Field>()? {
            match key {
                Field::Text => text = Some(map.next_value::<String>()?),
                Field::Pictogram => pictogram = Some(map.next_value::<String>()?),
            }
        }
        let text = text.ok_or_else(|| de::Error::missing_field("text"))?;
        Ok(KeyMessage { text, pictogram })
    }
}

/// The texts of `messages`, for search and structured data.
pub fn key_message_texts(messages: &[KeyMessage]) -> Vec<&str> {
    messages.iter().map(|m| m.text.as_str()).collect()
}

/// A key message as templates receive it.
#[derive(Debug, Serialize)]
pub struct KeyMessageView<'a> {
    /// What to remember.
    pub text: &'a str,
    /// Its pictogram, if any.
    pub pictogram: Option<PictogramView>,
}

/// A pictogram as templates receive it: `<img src="{{ url }}" alt="{{ alt }}" width="{{ size }}">`.
#[derive(Debug, Serialize)]
pub struct PictogramView {
    /// Its URL, with a version.
    pub url: String,
    /// Its Vietnamese alt text.
    pub alt: &'static str,
    /// Its width and height in CSS pixels.
    pub size: u32,
}

/// The key messages of a page for templates; `base_url` is the site's.
pub fn key_messages_view<'a>(
    messages: &'a [KeyMessage],
    base_url: &str,
) -> Vec<KeyMessageView<'a>> {
    messages
        .iter()
        .map(|m| KeyMessageView {
            text: &m.text,
            pictogram: m.pictogram.as_deref().and_then(|name| pictogram_view(name, base_url)),
        })
        .collect()
}

/// The pictogram called `name` for templates, if there is one; `base_url` is the site's.
pub fn pictogram_view(name: &str, base_url: &str) -> Option<PictogramView> {
    crate::pictogram::get(name).map(|p| PictogramView {
        url: format!("{base_url}{}", p.versioned_path()),
        alt: p.alt(),
        size: crate::pictogram::SIZE,
    })
}

/// A warning when a page has more key messages than `readers` ("người đọc", "học sinh")
/// remember; an error for each pictogram that does not exist.
pub fn check_key_messages(
    messages: &[KeyMessage],
    readers: &str,
    file: &SourceFile,
    split: &Split<'_>,
) -> Vec<Diagnostic> {
    let mut problems: Vec<Diagnostic> = messages
        .iter()
        .enumerate()
        .filter_map(|(i, m)| Some((i, m.pictogram.as_deref()?)))
        .filter(|(_, name)| crate::pictogram::get(name).is_none())
        .map(|(i, name)| {
            at_value(
                file,
                split,
                &format!("key_messages.{i}.pictogram"),
                format!("không có hình `{name}`"),
            )
            .help(crate::pictogram::unknown_help(name))
        })
        .collect();
    problems.extend(too_many_key_messages(messages.len(), readers, file, split));
    problems
}

fn too_many_key_messages(
    count: usize,
    readers: &str,
    file: &SourceFile,
    split: &Split<'_>,
) -> Option<Diagnostic> {
    if count <= MAX_KEY_MESSAGES {
        return None;
    }
    let mut d = at_key(
        file,
        split,
        "key_messages",
        format!(
            "có {count} ý \"ghi nhớ\"; {readers} nhớ tốt nhất khi chỉ có tối đa {MAX_KEY_MESSAGES}"
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
