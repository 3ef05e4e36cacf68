//! The one place where the libraries' English becomes Vietnamese for editors.
//!
//! serde reports problems in fixed English sentences (`unknown field `x`, expected one of ...`,
//! `invalid type: boolean `false`, expected a string`); so do the YAML reader ([`yaml`]), the
//! TOML reader of `site.toml` ([`toml`]), tera ([`template`]), clap for the command line
//! ([`command_line`]), the CSV and Excel readers and the operating system ([`system`]). Editors are not programmers and read Vietnamese, so
//! each sentence is rewritten here, with a did-you-mean for misspelt names; messages already
//! written in Vietnamese by our own deserialisers pass through unchanged. A sentence we do not
//! know gets a general Vietnamese message rather than its English.

mod command_line;
mod system;
mod template;
mod toml;
mod yaml;

pub use command_line::{CommandLine, command_line};
#[cfg(feature = "serve")]
pub use system::watch_error;
pub use system::{csv_error, io_error_kind, walk_error, xlsx_error, zip_error};
pub use template::{Template, template};
pub use toml::toml_syntax;
pub use yaml::{Place, YamlSyntax, marks, position, yaml_syntax};

use serde::de::{self, Deserialize, Deserializer, Visitor};

/// A Vietnamese message and, when one can be given, what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Explanation {
    /// What is wrong.
    pub message: String,
    /// What to write instead.
    pub help: Option<String>,
    /// The unknown name that was written, when the problem is an unknown field or value.
    pub unknown: Option<String>,
}

/// Explains one serde message. `context` names what was being read ("tiêu đề trang").
pub fn explain(message: &str) -> Explanation {
    let (path, message) = split_path(message);
    let at = |m: String| match path {
        Some(p) => format!("{m} (trong `{p}`)"),
        None => m,
    };
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, expected) = name_and_rest(rest);
        let candidates = names_in(expected);
        return Explanation {
            message: at(format!("trường `{name}` không dùng được ở đây")),
            help: Some(suggest_help(name, &candidates, "trường")),
            unknown: Some(name.to_string()),
        };
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (name, expected) = name_and_rest(rest);
        let candidates = names_in(expected);
        return Explanation {
            message: at(format!("giá trị `{name}` không có trong danh sách cho phép")),
            help: Some(suggest_help(name, &candidates, "giá trị")),
            unknown: Some(name.to_string()),
        };
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let (name, _) = name_and_rest(rest);
        return Explanation {
            message: at(format!("thiếu trường bắt buộc `{name}`")),
            help: Some(format!("thêm một dòng `{name}: ...`")),
            unknown: None,
        };
    }
    if let Some(rest) = message.strip_prefix("duplicate field `") {
        let (name, _) = name_and_rest(rest);
        return Explanation {
            message: at(format!("trường `{name}` được viết hai lần")),
            help: Some("giữ một dòng, xoá dòng còn lại".to_string()),
            unknown: None,
        };
    }
    for (prefix, what) in [("invalid type: ", "kiểu"), ("invalid value: ", "giá trị")] {
        if let Some(rest) = message.strip_prefix(prefix) {
            let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
            let found_vi = describe_found(found);
            let expected_vi = describe_expected(expected);
            let help = if expected_vi.starts_with("true") {
                Some("viết `true` (có) hoặc `false` (không)".to_string())
            } else if found.starts_with("boolean") && expected_vi.contains("chữ") {
                Some(
                    "YAML hiểu các chữ yes, no, on, off, true, false là đúng/sai; \
                     hãy đặt chữ trong ngoặc kép, ví dụ \"no\""
                        .to_string(),
                )
            } else if (found.starts_with("integer") || found.starts_with("floating"))
                && expected_vi.contains("chữ")
            {
                Some("đặt giá trị trong ngoặc kép, ví dụ \"114\"".to_string())
            } else if expected_vi.contains("danh sách") {
                Some("viết danh sách dạng [a, b] hoặc mỗi mục một dòng bắt đầu bằng \"- \"".into())
            } else {
                None
            };
            return Explanation {
                message: at(format!("sai {what}: cần {expected_vi}, nhưng gặp {found_vi}")),
                help,
                unknown: None,
            };
        }
    }
    if let Some(rest) = message.strip_prefix("invalid length ") {
        let found = rest.split_once(", expected ").map_or(rest, |(found, _)| found);
        return Explanation {
            message: at(format!("sai số phần tử: có {found} phần tử")),
            help: Some(GENERAL_HELP.to_string()),
            unknown: None,
        };
    }
    if message.is_ascii() {
        // A library's sentence we do not know: its English would not help an editor.
        return Explanation {
            message: at("giá trị không đọc được".to_string()),
            help: Some(GENERAL_HELP.to_string()),
            unknown: None,
        };
    }
    // Our own deserialisers write "message\nwhat to write instead" in Vietnamese.
    let (message, help) = match message.split_once('\n') {
        Some((m, h)) => (m, Some(h.to_string())),
        None => (message, None),
    };
    Explanation { message: at(message.to_string()), help, unknown: None }
}

/// What to write instead, for a value whose problem has no better explanation.
const GENERAL_HELP: &str = "kiểm tra giá trị ở chỗ được đánh dấu: chữ đặt trong ngoặc kép, \
     số viết không có dấu cách, ngày viết dạng 2026-02-05, true hoặc false cho có hoặc không";

/// How serde's own sentences begin.
const SERDE_STARTS: [&str; 7] = [
    "unknown field",
    "unknown variant",
    "missing field",
    "duplicate field",
    "invalid type",
    "invalid value",
    "invalid length",
];

/// Whether `message` is one of serde's sentences about a value's name or type (after the
/// `path: ` yaml_serde puts before nested fields).
fn is_serde(message: &str) -> bool {
    let (_, rest) = split_path(message);
    SERDE_STARTS.iter().any(|s| rest.starts_with(s))
}

/// Whether `message` says a required field is missing, and which (`None` if not).
pub fn missing_field(message: &str) -> Option<(Option<&str>, &str)> {
    let (path, rest) = split_path(message);
    let name = rest.strip_prefix("missing field `")?.split('`').next()?;
    Some((path, name))
}

/// Splits a `path: message` prefix (as yaml_serde writes for nested fields) off `message`.
fn split_path(message: &str) -> (Option<&str>, &str) {
    const STARTS: [&str; 7] = SERDE_STARTS;
    let is_path = |p: &str| {
        !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || "_.[]-".contains(c))
    };
    if let Some((path, rest)) = message.split_once(": ")
        && is_path(path)
        && (STARTS.iter().any(|s| rest.starts_with(s)) || !rest.is_ascii())
    {
        return (Some(path), rest);
    }
    (None, message)
}

/// The name serde quotes at the start of `rest` and what follows it. The name ends where
/// serde's own words resume, so a name holding a back-quote is kept whole.
fn name_and_rest(rest: &str) -> (&str, &str) {
    for end in ["`, expected ", "`, there are no "] {
        if let Some((name, after)) = rest.rsplit_once(end) {
            return (name, after);
        }
    }
    rest.split_once('`').unwrap_or((rest, ""))
}

/// The back-quoted names in serde's "expected one of `a`, `b`" tail.
fn names_in(expected: &str) -> Vec<&str> {
    expected.split('`').skip(1).step_by(2).collect()
}

fn suggest_help(name: &str, candidates: &[&str], what: &str) -> String {
    match suggest(name, candidates.iter().copied()) {
        Some(best) => format!("có phải bạn muốn viết `{best}`?"),
        None if candidates.is_empty() => format!("ở đây không có {what} nào"),
        None => format!("các {what} dùng được: {}", candidates.join(", ")),
    }
}

/// Field names editors may write in Vietnamese, and the field they mean.
const VIETNAMESE_NAMES: [(&str, &str); 24] = [
    ("tieu_de", "title"),
    ("tieude", "title"),
    ("ten", "title"),
    ("mo_ta", "description"),
    ("tom_tat", "description"),
    ("ngay", "date"),
    ("ngay_dang", "date"),
    ("cap_nhat", "updated"),
    ("ngay_cap_nhat", "updated"),
    ("nhap", "draft"),
    ("ban_nhap", "draft"),
    ("the", "tags"),
    ("chu_de", "tags"),
    ("tu_khoa", "tags"),
    ("nguon", "sources"),
    ("nguon_tham_khao", "sources"),
    ("ghi_nho", "key_messages"),
    ("thong_diep", "key_messages"),
    ("het_han", "expiry_date"),
    ("ngay_het_han", "expiry_date"),
    ("ngay_dang_bai", "publish_date"),
    ("duong_dan", "slug"),
    ("thu_tu", "weight"),
    ("minh_hoa", "sample"),
];

/// The candidate closest to `word`, when one is close enough to be a likely misspelling, or
/// the field a Vietnamese name means (`ngày` -> `date`).
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let folded = crate::text::fold(word);
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let key: String = folded.chars().map(|c| if c == ' ' || c == '-' { '_' } else { c }).collect();
    if let Some((_, meant)) = VIETNAMESE_NAMES.iter().find(|(name, _)| *name == key)
        && let Some(found) = candidates.iter().find(|c| *c == meant)
    {
        return Some(found);
    }
    candidates
        .into_iter()
        .map(|c| (strsim::jaro_winkler(&folded, &crate::text::fold(c)), c))
        .filter(|(score, _)| *score >= 0.8)
        .max_by(|a, b| a.0.total_cmp(&b.0))
        .map(|(_, c)| c)
}

fn describe_found(found: &str) -> String {
    let value = found.split_once(' ').map(|(_, v)| v.trim_matches('`')).unwrap_or("");
    if found.starts_with("boolean") {
        format!("giá trị đúng/sai `{value}`")
    } else if found.starts_with("integer") || found.starts_with("floating") {
        format!("số `{value}`")
    } else if found.starts_with("string") {
        format!("chữ {value}")
    } else if found.starts_with("sequence") {
        "một danh sách".to_string()
    } else if found.starts_with("map") {
        "một nhóm trường".to_string()
    } else if found.starts_with("unit") || found == "null" || found.starts_with("Option") {
        "giá trị rỗng".to_string()
    } else if found.starts_with("char") {
        format!("ký tự {value}")
    } else {
        "một giá trị khác".to_string()
    }
}

fn describe_expected(expected: &str) -> String {
    let e = expected.trim();
    if e.is_empty() {
        return "giá trị khác".to_string();
    }
    if e.contains("string") || e.contains("char") {
        return "chữ (một chuỗi ký tự)".to_string();
    }
    if e.contains("bool") {
        return "true hoặc false".to_string();
    }
    if e.contains("sequence") || e.starts_with("a list") {
        return "một danh sách".to_string();
    }
    if e.starts_with('u') && e[1..].chars().all(|c| c.is_ascii_digit()) || e == "usize" {
        return "một số nguyên từ 0 trở lên".to_string();
    }
    if e.starts_with('i') || e.contains("integer") {
        return "một số nguyên".to_string();
    }
    if e.starts_with('f') && e[1..].chars().all(|c| c.is_ascii_digit()) {
        return "một số".to_string();
    }
    if e.starts_with("struct") || e.contains("map") {
        return "một nhóm trường (mỗi dòng `tên: giá trị`)".to_string();
    }
    if e.contains("date") {
        return "một ngày dạng 2026-02-05".to_string();
    }
    if e.contains("enum") || e.contains("variant") {
        return "một trong các giá trị cho phép".to_string();
    }
    if e.contains("unit") {
        return "giá trị rỗng".to_string();
    }
    "giá trị khác".to_string()
}

/// The field names of a struct that derives `Deserialize`, read from serde's own metadata, so
/// lists of allowed fields never drift from the struct.
pub fn fields_of<'de, T: Deserialize<'de>>() -> &'static [&'static str] {
    struct Probe<'a>(&'a mut &'static [&'static str]);
    #[derive(Debug)]
    struct Stop;
    impl std::fmt::Display for Stop {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("stop")
        }
    }
    impl std::error::Error for Stop {}
    impl de::Error for Stop {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Stop
        }
    }
    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = Stop;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Stop> {
            Err(Stop)
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Stop> {
            *self.0 = fields;
            Err(Stop)
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_suggests_the_closest_name() {
        let e = explain("unknown field `titel`, expected one of `title`, `date`, `tags`");
        assert_eq!(e.message, "trường `titel` không dùng được ở đây");
        assert_eq!(e.help.as_deref(), Some("có phải bạn muốn viết `title`?"));
        let e = explain("unknown field `xyz`, expected `title` or `date`");
        assert_eq!(e.help.as_deref(), Some("các trường dùng được: title, date"));
        // A back-quote in the name written does not cut it short.
        let e = explain("unknown field `a`b`, expected one of `title`, `date`");
        assert_eq!(e.message, "trường `a`b` không dùng được ở đây");
        assert_eq!(e.help.as_deref(), Some("các trường dùng được: title, date"));
    }

    #[test]
    fn yaml_booleans_get_a_quoting_hint() {
        let e = explain("invalid type: boolean `false`, expected a string");
        assert_eq!(
            e.message,
            "sai kiểu: cần chữ (một chuỗi ký tự), nhưng gặp giá trị đúng/sai `false`"
        );
        assert!(e.help.unwrap().contains("ngoặc kép"));
    }

    #[test]
    fn nested_paths_are_kept() {
        let e = explain("location: unknown field `adress`, expected `name` or `address`");
        assert_eq!(e.message, "trường `adress` không dùng được ở đây (trong `location`)");
        assert_eq!(e.help.as_deref(), Some("có phải bạn muốn viết `address`?"));
    }

    #[test]
    fn vietnamese_messages_pass_through() {
        let e = explain("ngày `05/02/2026` không đúng dạng");
        assert_eq!(e.message, "ngày `05/02/2026` không đúng dạng");
        let e = explain("date: ngày `05/02/2026` không đúng dạng\nviết 2026-02-05");
        assert_eq!(e.message, "ngày `05/02/2026` không đúng dạng (trong `date`)");
        assert_eq!(e.help.as_deref(), Some("viết 2026-02-05"));
    }

    #[test]
    fn suggestions_ignore_diacritics_and_reject_far_names() {
        assert_eq!(suggest("ngay", ["ngày", "tiêu đề"]), Some("ngày"));
        assert_eq!(suggest("descripton", ["title", "description"]), Some("description"));
        assert_eq!(suggest("zzz", ["title", "description"]), None);
        // Field names written in Vietnamese point to the field they mean.
        assert_eq!(suggest("ngày", ["title", "date"]), Some("date"));
        assert_eq!(suggest("tiêu đề", ["title", "date"]), Some("title"));
        assert_eq!(suggest("chủ-đề", ["title", "tags"]), Some("tags"));
        assert_eq!(suggest("ngay", ["title"]), None);
    }

    #[test]
    fn fields_come_from_serde() {
        #[derive(serde::Deserialize)]
        #[allow(dead_code)]
        struct Example {
            title: String,
            #[serde(rename = "type")]
            kind: String,
        }
        assert_eq!(fields_of::<Example>(), ["title", "type"]);
    }
}
