//! Front matter: the YAML block between `---` lines at the top of a Markdown file.
//!
//! The parse stage's entry point for every content type, and the only module that touches
//! YAML (the crate is named `serde_yaml` in our code; Cargo.toml says which maintained fork
//! stands behind that name). Positions in YAML errors are shifted by the opening delimiter
//! so they point at the line and column of the file the editor has open.

use std::ops::Range;

use serde::de::{DeserializeOwned, IgnoredAny, MapAccess, Visitor};
use serde::{Deserialize, Deserializer};

use crate::diagnostic::{Diagnostic, offset_of};
use crate::explain::{self, Place, suggest};
use crate::load::SourceFile;

mod fields;
pub mod locate;

pub use fields::deserialize_all;
pub use locate::Located;
use locate::Positions;

/// A Markdown file split into its front matter and its body.
#[derive(Debug, Clone, Copy)]
pub struct Split<'a> {
    /// The YAML text between the delimiters.
    pub front: &'a str,
    /// Byte offset of `front` in the file.
    pub front_start: usize,
    /// The Markdown after the closing delimiter.
    pub body: &'a str,
    /// Byte offset of `body` in the file.
    pub body_start: usize,
    /// `front` parsed once, when the caller reads it several times ([`Split::parse`]).
    pub value: Option<&'a serde_yaml::Value>,
}

impl<'a> Split<'a> {
    /// Parses the front matter once: the value to give [`Split::with_value`], or `None` when it
    /// is not valid YAML (each reader then reports the error at its place).
    pub fn parse(&self) -> Option<serde_yaml::Value> {
        serde_yaml::from_str(self.front).ok()
    }

    /// This split, with its front matter parsed already: [`deserialize`] and [`unknown_keys`]
    /// read the value instead of parsing the text again.
    pub fn with_value(self, value: Option<&'a serde_yaml::Value>) -> Split<'a> {
        Split { value, ..self }
    }
}

/// The span of the front matter's opening `---`: where a problem of the whole front matter (a
/// field that is not written) is shown.
pub const OPENING: Range<usize> = 0..3;

/// An error in `file` at the key of the front-matter field `path`: a problem about a page as a
/// whole (its address, its file name) still points into the file the editor opens. Placed as
/// [`at_key`] places it, in a file without front matter at its start.
pub fn at_field(file: &SourceFile, path: &str, message: impl Into<String>) -> Diagnostic {
    match split(file) {
        Ok(split) => at_key(file, &split, path, message),
        Err(_) => Diagnostic::error(&file.path, message).at(&file.text, 0..0),
    }
}

/// Where the field at dotted `path` (`location.geo.lat`, `quiz.2.answer`, `forces[0].type`)
/// of `split`'s YAML is written: its key and value, in bytes of the file.
pub fn locate(split: &Split<'_>, path: &str) -> Option<Located> {
    Positions::of(split.front).get(path).map(|at| at.clone().shifted(split.front_start))
}

/// An error at the key of the field at dotted `path`, at the nearest of its parents that is
/// written when it is not, or at the start of the YAML when none is (a page's opening `---`).
pub fn at_key(
    file: &SourceFile,
    split: &Split<'_>,
    path: &str,
    message: impl Into<String>,
) -> Diagnostic {
    let at = Positions::of(split.front).nearest(path).map(|at| at.key.clone());
    place(file, split, at, Diagnostic::error(&file.path, message))
}

/// An error at the value of the field at dotted `path` as written (an item of a list, a
/// nested field), so the caret is on what is wrong; placed as [`at_key`] places it when the
/// field has no value written.
pub fn at_value(
    file: &SourceFile,
    split: &Split<'_>,
    path: &str,
    message: impl Into<String>,
) -> Diagnostic {
    let positions = Positions::of(split.front);
    let at = match positions.get(path) {
        Some(at) => Some(at.value_or_key()),
        None => positions.nearest(path).map(|at| at.key.clone()),
    };
    place(file, split, at, Diagnostic::error(&file.path, message))
}

/// `d` at `at` (bytes of `split.front`), or at the start of the YAML.
fn place(
    file: &SourceFile,
    split: &Split<'_>,
    at: Option<Range<usize>>,
    d: Diagnostic,
) -> Diagnostic {
    match at {
        Some(at) => d.at(&file.text, at.start + split.front_start..at.end + split.front_start),
        // A page's front matter opens with `---`; a data file is YAML from its first line.
        None if split.front_start > 0 => d.at(&file.text, OPENING),
        None => {
            let first = first_key_offset(split.front);
            d.at(&file.text, first..first + token_len(&file.text, first))
        }
    }
}

const EXAMPLE: &str = "bắt đầu tệp bằng phần tiêu đề, ví dụ:\n---\ntitle: \"Tiêu đề bài viết\"\ndate: 2026-02-05\n---";

/// Splits `file` at its `---` delimiters.
pub fn split(file: &SourceFile) -> Result<Split<'_>, Diagnostic> {
    let text = &*file.text;
    let first_line_end = text.find('\n').unwrap_or(text.len());
    if text[..first_line_end].trim_end() != "---" {
        return Err(Diagnostic::error(
            &file.path,
            "tệp thiếu phần tiêu đề (front matter) ở đầu tệp",
        )
        .at(&file.text, 0..first_line_end)
        .label("dòng đầu tiên phải là ---")
        .help(EXAMPLE));
    }
    let front_start = (first_line_end + 1).min(text.len());
    let mut line_start = front_start;
    while line_start < text.len() {
        let line_end = text[line_start..].find('\n').map_or(text.len(), |i| line_start + i);
        if text[line_start..line_end].trim_end() == "---" {
            let body_start = (line_end + 1).min(text.len());
            return Ok(Split {
                front: &text[front_start..line_start],
                front_start,
                body: &text[body_start..],
                body_start,
                value: None,
            });
        }
        line_start = line_end + 1;
    }
    Err(Diagnostic::error(&file.path, "phần tiêu đề (front matter) không có dòng --- kết thúc")
        .at(&file.text, 0..3)
        .label("mở ở đây")
        .help("thêm một dòng chỉ có --- sau trường cuối cùng của phần tiêu đề"))
}

/// Reads the front matter into `T`, explaining any error in Vietnamese at its file position.
/// Stops at the first error; [`deserialize_all`] finds them all.
pub fn deserialize<T: DeserializeOwned>(
    file: &SourceFile,
    split: &Split<'_>,
) -> Result<T, Diagnostic> {
    // From the parsed value when there is one. Reading a value is stricter than reading text
    // (`title: 2024` is a number in a value, a string to `from_str`), and its errors have no
    // position: on any error the text is read, which decides and explains.
    if let Some(Ok(value)) = split.value.filter(|v| !v.is_null()).map(T::deserialize) {
        return Ok(value);
    }
    read::<T>(split.front).map_err(|e| yaml_error(file, split, &bare_message(&e), location(&e)))
}

/// Reads YAML text into `T`; an empty text is an empty mapping.
fn read<T: DeserializeOwned>(text: &str) -> Result<T, serde_yaml::Error> {
    serde_yaml::from_str(if text.trim().is_empty() { "{}" } else { text })
}

/// `text` as a YAML scalar, quoted when it needs to be.
pub fn quote(text: &str) -> String {
    serde_yaml::to_string(text)
        .map(|s| s.trim_end().to_string())
        .unwrap_or_else(|_| format!("{text:?}"))
}

/// Reads a whole YAML data file into `T`, reporting every field's problem.
pub fn deserialize_data<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Vec<Diagnostic>> {
    let whole = Split {
        front: &file.text,
        front_start: 0,
        body: "",
        body_start: file.text.len(),
        value: None,
    };
    deserialize_all(file, &whole)
}

/// A YAML error's message without the position yaml_serde appends to it.
fn bare_message(e: &serde_yaml::Error) -> String {
    let full = e.to_string();
    match e.location() {
        Some(loc) => full
            .strip_suffix(&format!(" at line {} column {}", loc.line(), loc.column()))
            .map_or(full.clone(), str::to_string),
        None => full,
    }
}

/// Where yaml_serde places an error, as 1-based line and column of the text read.
fn location(e: &serde_yaml::Error) -> Option<(usize, usize)> {
    e.location().map(|l| (l.line(), l.column()))
}

/// A YAML error as a diagnostic: its `bare` message (position removed) explained in
/// Vietnamese, shown at `location` (line and column of the front matter) or where it says.
fn yaml_error(
    file: &SourceFile,
    split: &Split<'_>,
    bare: &str,
    location: Option<(usize, usize)>,
) -> Diagnostic {
    // serde reads as it parses, so a type error can come before a syntax error further on
    // (an unclosed `[` turns the next line into a list item): the syntax error, the cause,
    // is reported instead.
    if explain::yaml_syntax(bare).is_none()
        && let Err(parse) = serde_yaml::from_str::<serde_yaml::Value>(split.front)
        && explain::yaml_syntax(&bare_message(&parse)).is_some()
    {
        return yaml_error(file, split, &bare_message(&parse), self::location(&parse));
    }
    let bare = bare.to_string();
    // A data file is YAML from its first line; a page's YAML is its front matter.
    let data = split.front_start == 0;
    let at_line_col =
        |(line, column): (usize, usize)| split.front_start + offset_of(split.front, line, column);
    if let Some(syntax) = explain::yaml_syntax(&bare) {
        let marks = explain::marks(&bare);
        // The reader's errors before any line is read give a byte position instead.
        let byte = explain::position(&bare).map(|b| floor_boundary(split.front, b));
        let noticed = marks.first().copied().or(location.filter(|_| byte.is_none()));
        let offset = match (syntax.place, marks.as_slice()) {
            (Place::Context, [_, context, ..]) => at_line_col(*context),
            (Place::Anchor, _) => split.front_start + first_anchor(split.front),
            (Place::Separator, _) => split.front_start + separator(split.front),
            _ => match (noticed, byte) {
                (Some(mark), _) => at_line_col(mark),
                (None, Some(byte)) => split.front_start + byte,
                (None, None) => split.front_start,
            },
        };
        let subject = if data { "tệp" } else { "phần tiêu đề" };
        let mut d = Diagnostic::error(&file.path, format!("{subject} {}", syntax.message))
            .at(&file.text, offset..offset + token_len(&file.text, offset))
            .help(syntax.help);
        if let Some(mark) = noticed.filter(|&m| at_line_col(m) != offset) {
            let shift = file.text[..split.front_start].matches('\n').count();
            d = d.note(format!(
                "trình đọc YAML nhận ra lỗi ở dòng {}, cột {}",
                mark.0 + shift,
                mark.1
            ));
        }
        return d;
    }
    // The rest of the line at the error, for examples made from what was written.
    let written = location.map(|mark| file.text[at_line_col(mark)..].lines().next().unwrap_or(""));
    let explained = explain::explain_in(&bare, explain::Syntax::Yaml, None, written);
    let mut d = Diagnostic::error(&file.path, explained.message);
    let top_missing = matches!(explain::missing_field(&bare), Some((None, _)));
    d = match location {
        // A missing field has no line of its own: the front matter's opening `---`, or the
        // first line of a data file.
        _ if top_missing && !data => d.at(&file.text, OPENING),
        _ if top_missing => {
            let first = first_key_offset(split.front);
            d.at(&file.text, first..first + token_len(&file.text, first))
        }
        Some(mark) => d.at(&file.text, written_at(file, split, at_line_col(mark))),
        None => d.at(&file.text, 0..0),
    };
    match explained.help {
        Some(help) => d.help(help),
        None => d,
    }
}

/// What to mark for an error the YAML reader places at `offset` of the file: the word written
/// there or, when nothing is (`kind:` left empty), the key whose value is missing.
fn written_at(file: &SourceFile, split: &Split<'_>, offset: usize) -> Range<usize> {
    let text = split.front;
    let local = offset.saturating_sub(split.front_start).min(text.len());
    let rest = text[local..].split('\n').next().unwrap_or("");
    if rest.trim().is_empty() {
        let line_start = text[..local].rfind('\n').map_or(0, |i| i + 1);
        let positions = Positions::of(text);
        let key = positions
            .iter()
            .find(|at| at.value.is_empty() && at.key.start >= line_start && at.key.end <= local);
        if let Some(at) = key {
            return at.key.start + split.front_start..at.key.end + split.front_start;
        }
    }
    offset..offset + token_len(&file.text, offset)
}

/// `byte`, clamped to `text` and moved back to the start of the character it falls in.
fn floor_boundary(text: &str, byte: usize) -> usize {
    let mut byte = byte.min(text.len());
    while !text.is_char_boundary(byte) {
        byte -= 1;
    }
    byte
}

/// Byte offset of the first anchor (`&name`) in `text`, or 0.
fn first_anchor(text: &str) -> usize {
    text.match_indices('&')
        .find(|(i, _)| {
            text[i + 1..].starts_with(|c: char| c.is_alphanumeric())
                && (*i == 0 || text[..*i].ends_with([' ', '[', ',', '\n', '-']))
        })
        .map_or(0, |(i, _)| i)
}

/// Byte offset of the first `---` or `...` line after some content: where a second document
/// starts; 0 when there is none.
fn separator(text: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if offset > 0 && matches!(line.trim_end(), "---" | "...") {
            return offset;
        }
        offset += line.len();
    }
    0
}

/// Byte offset of the first line that is neither blank nor a comment.
fn first_key_offset(text: &str) -> usize {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if !trimmed.is_empty() && !trimmed.starts_with('#') {
            return offset + (line.len() - line.trim_start().len());
        }
        offset += line.len();
    }
    0
}

/// Length of the word or value starting at `offset`, to underline it.
fn token_len(text: &str, offset: usize) -> usize {
    let rest = &text[offset.min(text.len())..];
    let line = rest.split('\n').next().unwrap_or("");
    let word = line.split([':', ',', ']', '}']).next().unwrap_or("").trim_end();
    word.len().max(1).min(line.len().max(1))
}

/// Reports each top-level key of the front matter that is not in `allowed`, with a
/// did-you-mean. Used where a file's fields are read by more than one struct.
pub fn unknown_keys(
    file: &SourceFile,
    split: &Split<'_>,
    allowed: &[&str],
    what: &str,
) -> Vec<Diagnostic> {
    let keys = match split.value {
        Some(value) => TopKeys::deserialize(value),
        None => serde_yaml::from_str::<TopKeys>(split.front),
    };
    let Ok(TopKeys(keys)) = keys else {
        return Vec::new();
    };
    keys.into_iter()
        .filter(|k| !allowed.contains(&k.as_str()))
        .map(|key| {
            let mut d = Diagnostic::error(
                &file.path,
                format!("trường `{key}` không dùng được trong {what}"),
            );
            // A key not written at the start of a line (`? key`, a key in braces) is shown
            // where its text is, or at the opening `---`.
            let span = key_span(split, &key).or_else(|| {
                let at = split.front_start + split.front.find(key.as_str())?;
                Some(at..at + key.len())
            });
            d = d.at(&file.text, span.unwrap_or(OPENING)).label("trường lạ");
            match suggest(&key, allowed.iter().copied()) {
                Some(best) => d.help(format!("có phải bạn muốn viết `{best}`?")),
                None => d.help(format!("các trường dùng được: {}", allowed.join(", "))),
            }
        })
        .collect()
}

/// Byte range, in the file, of the top-level key `key`.
fn key_span(split: &Split<'_>, key: &str) -> Option<Range<usize>> {
    let positions = Positions::of(split.front);
    let at = positions.get(key).filter(|_| !key.contains(['.', '[']))?;
    Some(at.key.start + split.front_start..at.key.end + split.front_start)
}

/// The top-level keys of a YAML mapping, in order.
struct TopKeys(Vec<String>);

impl<'de> Deserialize<'de> for TopKeys {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Keys;
        impl<'de> Visitor<'de> for Keys {
            type Value = TopKeys;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a mapping")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<TopKeys, A::Error> {
                let mut keys = Vec::new();
                while let Some(key) = map.next_key::<serde_yaml::Value>()? {
                    map.next_value::<IgnoredAny>()?;
                    let key = match key {
                        serde_yaml::Value::String(s) => s,
                        other => {
                            serde_yaml::to_string(&other).unwrap_or_default().trim().to_string()
                        }
                    };
                    keys.push(key);
                }
                Ok(TopKeys(keys))
            }
        }
        deserializer.deserialize_map(Keys)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    fn file(text: &str) -> SourceFile {
        SourceFile {
            path: "content/a.md".into(),
            content_path: "a.md".into(),
            text: Arc::from(text),
        }
    }

    #[derive(Debug, Deserialize)]
    #[serde(deny_unknown_fields)]
    struct Front {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
        #[serde(default)]
        draft: bool,
        #[serde(default)]
        #[allow(dead_code)]
        extra: Option<serde_yaml::Value>,
    }

    #[test]
    fn split_finds_front_matter_and_body_offsets() {
        let f = file("---\ntitle: A\n---\nThân bài\n");
        let s = split(&f).unwrap();
        assert_eq!(s.front, "title: A\n");
        assert_eq!(s.front_start, 4);
        assert_eq!(s.body, "Thân bài\n");
        assert_eq!(&f.text[s.body_start..], "Thân bài\n");
        let empty = file("---\n---");
        assert_eq!(split(&empty).unwrap().body, "");
        let trailing_spaces = file("---  \ntitle: A\n---   \nx");
        assert_eq!(split(&trailing_spaces).unwrap().body, "x");
    }

    #[test]
    fn fields_are_found_in_the_front_matter_only() {
        let f = file("---\ntitle: A\nquiz:\n  - answer: D\n---\nslug: thân bài\nquiz:\n");
        let s = split(&f).unwrap();
        let at = |d: Diagnostic| (d.line_col(), d.location.map(|(t, span)| t[span].to_string()));
        // Not written in the front matter: at its opening `---`, not at the body's line.
        assert_eq!(at(at_field(&f, "slug", "")), (Some((1, 1)), Some("---".into())));
        assert_eq!(at(at_key(&f, &s, "slug", "")), (Some((1, 1)), Some("---".into())));
        assert_eq!(at(at_key(&f, &s, "quiz", "")), (Some((3, 1)), Some("quiz".into())));
        assert_eq!(at(at_value(&f, &s, "quiz.0.answer", "")), (Some((4, 13)), Some("D".into())));
        // A field not written: at the nearest parent that is (a list's item has no key).
        assert_eq!(
            at(at_value(&f, &s, "quiz.0.choices", "")),
            (Some((4, 5)), Some("answer: D".into()))
        );
        assert_eq!(locate(&s, "quiz.1"), None);
        // A file without front matter: at its start.
        let f = file("slug: a\n");
        assert_eq!(at(at_field(&f, "slug", "")), (Some((1, 1)), Some(String::new())));
    }

    #[test]
    fn missing_delimiters_are_errors() {
        let e = split(&file("title: A\n")).unwrap_err();
        assert_eq!(e.message, "tệp thiếu phần tiêu đề (front matter) ở đầu tệp");
        assert_eq!(e.line_col(), Some((1, 1)));
        let e = split(&file("---\ntitle: A\n")).unwrap_err();
        assert_eq!(e.message, "phần tiêu đề (front matter) không có dòng --- kết thúc");
    }

    #[test]
    fn yaml_positions_point_into_the_file() {
        let f = file("---\ntitle: \"Đường dây nóng\"\ntags: [a, b\n---\n");
        let s = split(&f).unwrap();
        let e = deserialize::<Front>(&f, &s).unwrap_err();
        assert_eq!(
            e.message,
            "phần tiêu đề sai cú pháp YAML: danh sách mở bằng `[` nhưng thiếu `]` để đóng"
        );
        // Shown where the list opens, not where libyaml gave up.
        assert_eq!(e.line_col(), Some((3, 7)), "{}", e.render(false));
    }

    #[test]
    fn a_syntax_error_further_on_is_reported_before_a_type_error() {
        // serde meets `draft: [x, y` as a list (a type error) before libyaml meets the
        // missing `]`; the missing `]` is what the editor must fix.
        let f = file(
            "draft: [co, khong
title: A
",
        );
        let errors = deserialize_data::<Front>(&f).unwrap_err();
        assert_eq!(errors.len(), 1, "{errors:?}");
        let whole = &errors[0];
        assert_eq!(
            whole.message,
            "tệp sai cú pháp YAML: danh sách mở bằng `[` nhưng thiếu `]` để đóng"
        );
        assert_eq!(whole.line_col(), Some((1, 8)), "{}", whole.render(false));
        let f = file(
            "---
draft: [co, khong
title: A
---
",
        );
        let e = deserialize::<Front>(&f, &split(&f).unwrap()).unwrap_err();
        assert_eq!(
            e.message,
            "phần tiêu đề sai cú pháp YAML: danh sách mở bằng `[` nhưng thiếu `]` để đóng"
        );
    }

    #[test]
    fn common_syntax_errors_are_explained() {
        for (front, message, line) in [
            ("title: Bước 1: gọi 114\n", "có dấu hai chấm `:` ở chỗ không được phép", 2),
            ("title: \"Chưa đóng\ndate: 2026-01-01\n", "chuỗi mở ngoặc kép nhưng chưa đóng", 2),
            ("title: A\n\ttags: [a]\n", "dùng phím Tab để thụt lề", 3),
            ("title: A\n  date: 2026-01-01\n", "có dấu hai chấm `:` ở chỗ không được phép", 3),
        ] {
            let f = file(&format!("---\n{front}---\n"));
            let s = split(&f).unwrap();
            let e = deserialize::<Front>(&f, &s).unwrap_err();
            assert_eq!(e.message, format!("phần tiêu đề sai cú pháp YAML: {message}"), "{front:?}");
            assert_eq!(e.line_col().map(|(l, _)| l), Some(line), "{front:?}: {}", e.render(false));
        }
    }

    #[test]
    fn unknown_field_is_reported_at_its_line() {
        let f = file("---\ntitle: \"Đường\"\ntagz: [a]\n---\n");
        let s = split(&f).unwrap();
        let e = deserialize::<Front>(&f, &s).unwrap_err();
        assert_eq!(e.message, "trường `tagz` không dùng được ở đây");
        assert_eq!(e.line_col(), Some((3, 1)));
        assert_eq!(e.help.as_deref(), Some("có phải bạn muốn viết `tags`?"));
    }

    #[test]
    fn yaml_11_pitfalls() {
        // yaml_serde follows YAML 1.2: `no` in a text field stays the text "no" (YAML 1.1
        // would have made it `false`), and a leading zero keeps a number-like text intact.
        let f = file("---\ntitle: no\ntags: [on, 0912]\n---\n");
        let s = split(&f).unwrap();
        let ok = deserialize::<Front>(&f, &s).unwrap();
        assert_eq!(ok.title, "no");
        assert_eq!(ok.tags, ["on", "0912"]);
        assert!(!ok.draft);
        // The other side of the same rule: `yes` is not a boolean, and the editor is told so.
        let f = file("---\ntitle: A\ndraft: yes\n---\n");
        let s = split(&f).unwrap();
        let e = deserialize::<Front>(&f, &s).unwrap_err();
        assert_eq!(
            e.message,
            "sai kiểu: cần true hoặc false, nhưng gặp chữ \"yes\" (trong `draft`)"
        );
        assert_eq!(e.line_col(), Some((3, 8)));
        assert_eq!(e.help.as_deref(), Some("viết `true` (có) hoặc `false` (không)"));
    }

    #[test]
    fn wrong_type_is_explained() {
        let f = file("---\ntitle: A\ntags: thoát nạn\n---\n");
        let s = split(&f).unwrap();
        let e = deserialize::<Front>(&f, &s).unwrap_err();
        assert_eq!(
            e.message,
            "sai kiểu: cần một danh sách, nhưng gặp chữ \"thoát nạn\" (trong `tags`)"
        );
        assert_eq!(e.line_col(), Some((3, 7)));
    }

    #[test]
    fn a_parsed_value_reads_like_the_text_and_errors_keep_their_place() {
        // `title: 2024` is a number in a parsed value; the text reads it as a string.
        let f = file("---\ntitle: 2024\ntags: [a, b]\n---\n");
        let s = split(&f).unwrap();
        let value = s.parse();
        let parsed = s.with_value(value.as_ref());
        let front = deserialize::<Front>(&f, &parsed).unwrap();
        assert_eq!((front.title.as_str(), front.tags.len()), ("2024", 2));
        let keys = unknown_keys(&f, &parsed, &["title"], "bài viết");
        assert_eq!(keys.len(), 1);
        assert_eq!(keys[0].line_col(), Some((3, 1)));

        let f = file("---\ntitle: A\ntags: thoát nạn\n---\n");
        let s = split(&f).unwrap();
        let value = s.parse();
        let e = deserialize::<Front>(&f, &s.with_value(value.as_ref())).unwrap_err();
        assert_eq!(e.line_col(), Some((3, 7)), "{}", e.message);
    }

    #[test]
    fn unknown_top_level_keys_are_all_listed() {
        let f = file("---\ntitle: A\nngay: 2026-01-01\n\"dat\": 1\n---\n");
        let s = split(&f).unwrap();
        let problems = unknown_keys(&f, &s, &["title", "date"], "bài viết");
        assert_eq!(problems.len(), 2);
        assert_eq!(problems[0].message, "trường `ngay` không dùng được trong bài viết");
        assert_eq!(problems[0].line_col(), Some((3, 1)));
        assert_eq!(problems[1].line_col(), Some((4, 2)));
        assert_eq!(problems[1].help.as_deref(), Some("có phải bạn muốn viết `date`?"));
    }

    #[test]
    fn every_field_mistake_is_reported_at_once() {
        // Issue 14: a bad date hid `draft: có` until it was fixed.
        let f = file("---\ntitle: A\ndate: 05/02/2026\ntags: a\ndraft: có\n---\n");
        let s = split(&f).unwrap();
        let problems = deserialize_all::<Front>(&f, &s).unwrap_err();
        let found: Vec<(Option<(usize, usize)>, &str)> =
            problems.iter().map(|d| (d.line_col(), d.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (Some((3, 1)), "trường `date` không dùng được ở đây"),
                (Some((4, 7)), "sai kiểu: cần một danh sách, nhưng gặp chữ \"a\" (trong `tags`)"),
                (
                    Some((5, 8)),
                    "sai kiểu: cần true hoặc false, nhưng gặp chữ \"có\" (trong `draft`)"
                ),
            ]
        );
        // A missing required field is reported beside the others, at the opening `---`.
        let f = file("---\ndraft: có\ntags: [a]\n---\n");
        let s = split(&f).unwrap();
        let problems = deserialize_all::<Front>(&f, &s).unwrap_err();
        let found: Vec<(Option<(usize, usize)>, &str)> =
            problems.iter().map(|d| (d.line_col(), d.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (
                    Some((2, 8)),
                    "sai kiểu: cần true hoặc false, nhưng gặp chữ \"có\" (trong `draft`)"
                ),
                (Some((1, 1)), "thiếu trường bắt buộc `title`"),
            ]
        );
    }

    #[test]
    fn yaml_limits_and_hidden_characters_are_explained_at_their_place() {
        let deep = format!("---\ntitle: A\nextra: {}{}\n---\n", "[".repeat(200), "]".repeat(200));
        let laughs = "---\ntitle: A\nextra:\n  a: &a [x, x, x, x, x, x, x, x, x]\n\
             \x20 b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n\
             \x20 c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n\
             \x20 d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n\
             \x20 e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n\
             \x20 f: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n---\n";
        for (text, message, place) in [
            (
                deep.as_str(),
                "phần tiêu đề lồng nhau quá sâu (quá nhiều tầng ngoặc hoặc thụt lề)",
                (3, 1),
            ),
            (
                laughs,
                "phần tiêu đề dùng bí danh YAML (`&tên` và `*tên`) nhân lên quá nhiều lần",
                (4, 6),
            ),
            (
                "---\ntitle: \"a\u{1}b\"\n---\n",
                "phần tiêu đề có ký tự điều khiển (ký tự ẩn) không được phép",
                (2, 10),
            ),
            (
                "---\ntitle: \"Gọi\u{7f}\"\n---\n",
                "phần tiêu đề có ký tự điều khiển (ký tự ẩn) không được phép",
                (2, 12),
            ),
        ] {
            let f = file(text);
            let s = split(&f).unwrap();
            let e = deserialize::<Front>(&f, &s).unwrap_err();
            assert_eq!(e.message, message);
            assert_eq!(e.line_col().map(|(l, _)| l), Some(place.0), "{}", e.render(false));
            if place.1 > 1 {
                assert_eq!(e.line_col(), Some(place), "{}", e.render(false));
            }
        }
    }

    #[test]
    fn data_files_say_file_not_front_matter() {
        let f = file("id: a\ntags: [a, b\n");
        let e = deserialize_data::<serde_yaml::Value>(&f).unwrap_err();
        assert_eq!(
            e[0].message,
            "tệp sai cú pháp YAML: danh sách mở bằng `[` nhưng thiếu `]` để đóng"
        );
    }

    #[test]
    fn mistakes_inside_a_group_or_a_list_are_reported_together() {
        #[derive(Debug, Deserialize)]
        #[serde(deny_unknown_fields)]
        #[allow(dead_code)]
        struct Place {
            name: String,
            #[serde(default)]
            floors: u32,
        }
        #[derive(Debug, Deserialize)]
        #[allow(dead_code)]
        struct Record {
            place: Place,
            #[serde(default)]
            tags: Vec<String>,
        }
        let f =
            file("---\nplace:\n  ten: A\n  floors: ba\ntags:\n  - [a]\n  - b\n  - {c: d}\n---\n");
        let s = split(&f).unwrap();
        let problems = deserialize_all::<Record>(&f, &s).unwrap_err();
        let found: Vec<(Option<(usize, usize)>, &str)> =
            problems.iter().map(|d| (d.line_col(), d.message.as_str())).collect();
        assert_eq!(
            found,
            [
                (Some((3, 3)), "trường `ten` không dùng được ở đây (trong `place`)"),
                (
                    Some((4, 11)),
                    "sai kiểu: cần một số nguyên từ 0 trở lên, nhưng gặp chữ \"ba\" (trong `place.floors`)"
                ),
                (
                    Some((6, 5)),
                    "sai kiểu: cần chữ (một chuỗi ký tự), nhưng gặp một danh sách (trong `tags[0]`)"
                ),
                (
                    Some((8, 5)),
                    "sai kiểu: cần chữ (một chuỗi ký tự), nhưng gặp một nhóm trường (trong `tags[2]`)"
                ),
            ]
        );
        // A required field missing inside the group is still reported, once the rest reads.
        let f = file("---\nplace:\n  floors: 3\n---\n");
        let s = split(&f).unwrap();
        let problems = deserialize_all::<Record>(&f, &s).unwrap_err();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].message, "thiếu trường bắt buộc `name` (trong `place`)");
    }
}
