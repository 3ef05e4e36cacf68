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
use crate::explain::{explain, suggest};
use crate::load::SourceFile;

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
    let front = if split.front.trim().is_empty() { "{}" } else { split.front };
    serde_yaml::from_str(front).map_err(|e| yaml_error(file, split, &e))
}

/// `text` as a YAML scalar, quoted when it needs to be.
pub fn quote(text: &str) -> String {
    serde_yaml::to_string(text)
        .map(|s| s.trim_end().to_string())
        .unwrap_or_else(|_| format!("{text:?}"))
}

/// Reads a whole YAML data file into `T`.
pub fn deserialize_data<T: DeserializeOwned>(file: &SourceFile) -> Result<T, Diagnostic> {
    let whole = Split {
        front: &file.text,
        front_start: 0,
        body: "",
        body_start: file.text.len(),
        value: None,
    };
    deserialize(file, &whole)
}

fn yaml_error(file: &SourceFile, split: &Split<'_>, e: &serde_yaml::Error) -> Diagnostic {
    let full = e.to_string();
    let location = e.location();
    // yaml_serde appends " at line L column C" to messages; the position is shown separately.
    let bare = match &location {
        Some(loc) => full
            .strip_suffix(&format!(" at line {} column {}", loc.line(), loc.column()))
            .unwrap_or(&full),
        None => &full,
    };
    if let Some(syntax) = syntax_error(bare) {
        let marks = marks(bare);
        let (line, column) = match (syntax.at_context, marks.as_slice()) {
            (true, [_, context, ..]) => *context,
            (_, [problem, ..]) => *problem,
            _ => location.map(|l| (l.line(), l.column())).unwrap_or((1, 1)),
        };
        let offset = split.front_start + offset_of(split.front, line, column);
        return Diagnostic::error(
            &file.path,
            format!("phần tiêu đề sai cú pháp YAML: {}", syntax.message),
        )
        .at(&file.text, offset..offset + token_len(&file.text, offset))
        .help(syntax.help)
        .note(format!(
            "YAML: {}",
            shift_marks(bare, file.text[..split.front_start].matches('\n').count())
        ));
    }
    let explained = explain(bare);
    let mut d = Diagnostic::error(&file.path, explained.message);
    if let Some(loc) = location {
        let offset = split.front_start + offset_of(split.front, loc.line(), loc.column());
        let len = token_len(&file.text, offset);
        d = d.at(&file.text, offset..offset + len);
    }
    match explained.help {
        Some(help) => d.help(help),
        None => d,
    }
}

/// A YAML syntax error explained for editors.
struct Syntax {
    message: &'static str,
    help: &'static str,
    /// Whether the place that explains the error is where the construct began (libyaml's
    /// "context" mark) rather than where the parser noticed it.
    at_context: bool,
}

/// Explains libyaml's syntax errors; `None` for errors that are not about syntax.
fn syntax_error(message: &str) -> Option<Syntax> {
    const KNOWN: [(&str, &str, &str, bool); 11] = [
        (
            "did not find expected ',' or ']'",
            "danh sách mở bằng `[` nhưng thiếu `]` để đóng",
            "đóng danh sách trên cùng dòng, ví dụ tags: [thoát nạn, nhà ống]",
            true,
        ),
        (
            "did not find expected ',' or '}'",
            "nhóm mở bằng `{` nhưng thiếu `}` để đóng",
            "đóng nhóm bằng `}` trên cùng dòng",
            true,
        ),
        (
            "found unexpected end of stream",
            "chuỗi mở ngoặc kép nhưng chưa đóng",
            "thêm dấu ngoặc kép đóng ở cuối giá trị",
            true,
        ),
        (
            "mapping values are not allowed",
            "có dấu hai chấm `:` ở chỗ không được phép",
            "nếu giá trị có dấu hai chấm, hãy đặt cả giá trị trong ngoặc kép, ví dụ title: \"Bước 1: gọi 114\"; \
             nếu đây là một trường mới, hãy bỏ dấu cách ở đầu dòng",
            false,
        ),
        (
            "tab character",
            "dùng phím Tab để thụt lề",
            "thụt lề bằng dấu cách, không dùng phím Tab",
            false,
        ),
        (
            "found character that cannot start any token",
            "giá trị bắt đầu bằng một ký tự không được phép (như @, ` hoặc Tab)",
            "đặt giá trị trong ngoặc kép; thụt lề bằng dấu cách",
            false,
        ),
        (
            "could not find expected ':'",
            "thiếu dấu hai chấm sau tên trường",
            "viết mỗi trường một dòng dạng `tên: giá trị`",
            true,
        ),
        (
            "did not find expected key",
            "sai thụt lề hoặc thiếu tên trường",
            "mỗi trường một dòng dạng `tên: giá trị`; các dòng của cùng một nhóm phải thụt lề bằng nhau",
            false,
        ),
        (
            "did not find expected node content",
            "thiếu giá trị",
            "viết giá trị sau dấu hai chấm, hoặc đặt giá trị trong ngoặc kép",
            false,
        ),
        (
            "block sequence entries are not allowed",
            "dấu `- ` của danh sách đặt sai chỗ",
            "đặt danh sách ở các dòng dưới tên trường, mỗi mục bắt đầu bằng `- `",
            false,
        ),
        (
            "did not find expected '-' indicator",
            "các mục của danh sách thụt lề không đều",
            "mỗi mục của danh sách bắt đầu bằng `- ` và thụt lề bằng nhau",
            false,
        ),
    ];
    KNOWN
        .iter()
        .find(|(english, ..)| message.contains(english))
        .map(|&(_, message, help, at_context)| Syntax { message, help, at_context })
}

/// Rewrites libyaml's "at line L" (counted in the front matter) as lines of the whole file.
fn shift_marks(message: &str, by: usize) -> String {
    let mut parts = message.split(" at line ");
    let mut out = parts.next().unwrap_or_default().to_string();
    for part in parts {
        let digits: String = part.chars().take_while(char::is_ascii_digit).collect();
        let line = digits.parse::<usize>().map_or(digits.clone(), |l| (l + by).to_string());
        out.push_str(" at line ");
        out.push_str(&line);
        out.push_str(&part[digits.len()..]);
    }
    out
}

/// The `(line, column)` pairs written as "at line L column C" in a libyaml message.
fn marks(message: &str) -> Vec<(usize, usize)> {
    message
        .split(" at line ")
        .skip(1)
        .filter_map(|rest| {
            let (line, rest) = rest.split_once(" column ")?;
            let column: String = rest.chars().take_while(char::is_ascii_digit).collect();
            Some((line.parse().ok()?, column.parse().ok()?))
        })
        .collect()
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
            if let Some(span) = key_span(split, &key) {
                d = d.at(&file.text, span).label("trường lạ");
            }
            match suggest(&key, allowed.iter().copied()) {
                Some(best) => d.help(format!("có phải bạn muốn viết `{best}`?")),
                None => d.help(format!("các trường dùng được: {}", allowed.join(", "))),
            }
        })
        .collect()
}

/// Byte range, in the file, of `key` written at the start of a top-level line.
fn key_span(split: &Split<'_>, key: &str) -> Option<Range<usize>> {
    let mut offset = split.front_start;
    for line in split.front.split_inclusive('\n') {
        let unquoted = line.trim_start_matches(['"', '\'']);
        let quote = line.len() - unquoted.len();
        if let Some(rest) = unquoted.strip_prefix(key) {
            let rest = rest.trim_start_matches(['"', '\'']).trim_start();
            if rest.starts_with(':') {
                let start = offset + quote;
                return Some(start..start + key.len());
            }
        }
        offset += line.len();
    }
    None
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
}
