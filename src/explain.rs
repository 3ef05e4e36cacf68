//! The one place where the libraries' English becomes Vietnamese for editors.
//!
//! serde reports problems in fixed English sentences (`unknown field `x`, expected one of ...`,
//! `invalid type: boolean `false`, expected a string`); so do the YAML reader ([`yaml`]), the
//! TOML reader of `site.toml` ([`toml`]), tera ([`template`]), clap for the command line
//! ([`command_line`]), the CSV and Excel readers and the operating system ([`system`]).
//! Editors are not programmers and read Vietnamese, so each sentence is rewritten here, with a
//! did-you-mean for misspelt names; messages already
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

/// The syntax of the file a message is about, so that examples in help lines can be copied
/// into it as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Syntax {
    /// Front matter and data files: `key: value`.
    Yaml,
    /// `site.toml`: `key = value`.
    Toml,
}

impl Syntax {
    /// `key: value` or `key = value`.
    fn line(self, key: &str, value: &str) -> String {
        match self {
            Syntax::Yaml => format!("{key}: {value}"),
            Syntax::Toml => format!("{key} = {value}"),
        }
    }
}

/// Explains one serde message about a YAML file.
pub fn explain(message: &str) -> Explanation {
    explain_in(message, Syntax::Yaml, None, None)
}

/// Explains one serde message about a file of `syntax`. `key` names the field when the message
/// does not (toml's messages carry no path; YAML's do); `written` is the text at the place
/// the message is about, to the end of its line, when known.
pub fn explain_in(
    message: &str,
    syntax: Syntax,
    key: Option<&str>,
    written: Option<&str>,
) -> Explanation {
    let (path, message) = split_path(message);
    let key = key.or_else(|| path.map(last_field));
    let explained = name_problem(message, syntax)
        .or_else(|| Mismatch::read(message, syntax, key, written).map(|m| m.explain()))
        .or_else(|| wrong_length(message))
        .unwrap_or_else(|| other_sentence(message));
    match path {
        Some(p) => {
            Explanation { message: format!("{} (trong `{p}`)", explained.message), ..explained }
        }
        None => explained,
    }
}

/// serde's sentences about a name: an unknown field or value, a missing or repeated field.
fn name_problem(message: &str, syntax: Syntax) -> Option<Explanation> {
    if let Some(rest) = message.strip_prefix("unknown field `") {
        let (name, expected) = name_and_rest(rest);
        let candidates = names_in(expected);
        return Some(Explanation {
            message: format!("trường `{name}` không dùng được ở đây"),
            help: Some(suggest_help(name, &candidates, "trường")),
            unknown: Some(name.to_string()),
        });
    }
    if let Some(rest) = message.strip_prefix("unknown variant `") {
        let (name, expected) = name_and_rest(rest);
        let candidates = names_in(expected);
        return Some(Explanation {
            message: format!("giá trị `{name}` không có trong danh sách cho phép"),
            help: Some(suggest_help(name, &candidates, "giá trị")),
            unknown: Some(name.to_string()),
        });
    }
    if let Some(rest) = message.strip_prefix("missing field `") {
        let (name, _) = name_and_rest(rest);
        return Some(Explanation {
            message: format!("thiếu trường bắt buộc `{name}`"),
            help: Some(format!("thêm một dòng `{}`", syntax.line(name, "..."))),
            unknown: None,
        });
    }
    let rest = message.strip_prefix("duplicate field `")?;
    let (name, _) = name_and_rest(rest);
    Some(Explanation {
        message: format!("trường `{name}` được viết hai lần"),
        help: Some("giữ một dòng, xoá dòng còn lại".to_string()),
        unknown: None,
    })
}

/// serde's `invalid type: <found>, expected <expected>` or `invalid value: …`, read.
struct Mismatch<'a> {
    /// `kiểu` (type) or `giá trị` (value).
    what: &'static str,
    /// What serde found, in its words: ``integer `5` ``, `string "2 tiếng"`.
    found: &'a str,
    /// What serde expected, in its words: `u32`, `a sequence`.
    expected: &'a str,
    /// The same, in Vietnamese.
    expected_vi: String,
    /// The value found, as written.
    value: String,
    /// Whether the value found is a number.
    number: bool,
    syntax: Syntax,
    key: Option<&'a str>,
    written: Option<&'a str>,
}

impl<'a> Mismatch<'a> {
    fn read(
        message: &'a str,
        syntax: Syntax,
        key: Option<&'a str>,
        written: Option<&'a str>,
    ) -> Option<Mismatch<'a>> {
        let (rest, what) = [("invalid type: ", "kiểu"), ("invalid value: ", "giá trị")]
            .into_iter()
            .find_map(|(prefix, what)| Some((message.strip_prefix(prefix)?, what)))?;
        let (found, expected) = rest.split_once(", expected ").unwrap_or((rest, ""));
        Some(Mismatch {
            what,
            found,
            expected,
            expected_vi: describe_expected(expected),
            value: found_value(found),
            number: found.starts_with("integer") || found.starts_with("floating"),
            syntax,
            key,
            written,
        })
    }

    fn explain(&self) -> Explanation {
        // A number below zero where only 0 and up are allowed is not "not an integer".
        if self.number && self.value.starts_with('-') && is_unsigned(self.expected) {
            return Explanation {
                message: format!(
                    "sai giá trị: cần một số không âm, nhưng gặp số âm `{}`",
                    self.value
                ),
                help: Some(format!(
                    "viết số không có dấu trừ, ví dụ {}",
                    self.example(&self.value[1..])
                )),
                unknown: None,
            };
        }
        let found_vi = describe_found(self.found);
        Explanation {
            message: format!("sai {}: cần {}, nhưng gặp {found_vi}", self.what, self.expected_vi),
            help: self.help(),
            unknown: None,
        }
    }

    /// `key: value` (or `key = value`) when the key is known, else the value alone.
    fn example(&self, value: &str) -> String {
        match self.key {
            Some(key) => self.syntax.line(key, value),
            None => value.to_string(),
        }
    }

    /// What to write instead, for the mismatches editors make.
    fn help(&self) -> Option<String> {
        let (found, expected_vi, value) = (self.found, self.expected_vi.as_str(), &self.value);
        if expected_vi.starts_with("true") {
            Some("viết `true` (có) hoặc `false` (không)".to_string())
        } else if found.starts_with("boolean") && expected_vi.contains("chữ") {
            Some(match self.syntax {
                Syntax::Yaml => "YAML hiểu các chữ yes, no, on, off, true, false là đúng/sai; \
                                 hãy đặt chữ trong ngoặc kép, ví dụ \"no\""
                    .to_string(),
                Syntax::Toml => {
                    format!(
                        "đặt chữ trong ngoặc kép, ví dụ {}",
                        self.example(&format!("\"{value}\""))
                    )
                }
            })
        } else if self.number && expected_vi.contains("chữ") {
            Some(format!(
                "đặt giá trị trong ngoặc kép, ví dụ {}",
                self.example(&format!("\"{value}\""))
            ))
        } else if (expected_vi == "một số" || expected_vi.starts_with("một số nguyên"))
            && !self.number
        {
            let integer = expected_vi.starts_with("một số nguyên");
            let example = |value: &str| self.example(value);
            Some(number_help(found, value, integer, self.key.unwrap_or(""), &example))
        } else if expected_vi.contains("danh sách") {
            Some(list_help(found, self.syntax, self.key))
        } else if expected_vi.starts_with("chữ") && found.starts_with("sequence") {
            Some(self.brackets_help())
        } else {
            None
        }
    }

    /// `title: [Gọi 114, đúng cách]`: the brackets made the text a list.
    fn brackets_help(&self) -> String {
        let inner = self
            .written
            .map(str::trim)
            .and_then(|w| w.strip_prefix('[')?.strip_suffix(']'))
            .filter(|inner| !inner.contains(['[', ']', '"']));
        match inner {
            Some(inner) => format!(
                "dấu [ ] làm giá trị thành một danh sách; bỏ chúng và đặt chữ trong \
                 ngoặc kép: {}",
                self.example(&format!("\"{}\"", inner.trim()))
            ),
            None => format!("viết một đoạn chữ, không phải danh sách: {}", self.example("\"...\"")),
        }
    }
}

/// serde's `invalid length <n>, expected …`.
fn wrong_length(message: &str) -> Option<Explanation> {
    let rest = message.strip_prefix("invalid length ")?;
    let found = rest.split_once(", expected ").map_or(rest, |(found, _)| found);
    Some(Explanation {
        message: format!("sai số phần tử: có {found} phần tử"),
        help: Some(GENERAL_HELP.to_string()),
        unknown: None,
    })
}

/// Any other sentence: our own deserialisers' Vietnamese passes through, a library's English
/// does not.
fn other_sentence(message: &str) -> Explanation {
    if message.is_ascii() {
        // A library's sentence we do not know: its English would not help an editor.
        return Explanation {
            message: "giá trị không đọc được".to_string(),
            help: Some(GENERAL_HELP.to_string()),
            unknown: None,
        };
    }
    // Our own deserialisers write "message\nwhat to write instead" in Vietnamese.
    let (message, help) = match message.split_once('\n') {
        Some((m, h)) => (m, Some(h.to_string())),
        None => (message, None),
    };
    Explanation { message: message.to_string(), help, unknown: None }
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

/// The field a dotted serde path ends with: `sanctions[0].amount_vnd` -> `amount_vnd`.
fn last_field(path: &str) -> &str {
    let last = path.rsplit('.').next().unwrap_or(path);
    last.split('[').next().unwrap_or(last)
}

/// The value serde quotes in its "found" part: `string "2 tiếng"` -> `2 tiếng`,
/// `integer `-5`` -> `-5`.
fn found_value(found: &str) -> String {
    let value = found.split_once(' ').map_or("", |(_, v)| v);
    let value = value.trim_matches('`');
    match value.strip_prefix('"').and_then(|v| v.strip_suffix('"')) {
        Some(quoted) => quoted.replace("\\\"", "\""),
        None => value.to_string(),
    }
}

/// Whether serde's expected type is an unsigned integer (`u32`, `usize`, ...).
fn is_unsigned(expected: &str) -> bool {
    let e = expected.trim();
    e == "usize"
        || e.strip_prefix('u')
            .is_some_and(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
}

/// What to write where a number is expected for `key` and `value` (serde's `found`) was
/// written: the same number without separators or quotes when it is one (`"80.000.000"` ->
/// `80000000`), in digits when it is written in Vietnamese words (`mười hai` -> `12`), in
/// minutes when hours were written for a field in minutes, else an example.
fn number_help(
    found: &str,
    value: &str,
    integer: bool,
    key: &str,
    example: &dyn Fn(&str) -> String,
) -> String {
    let text = value.trim();
    let minutes = key.ends_with("minutes");
    let fallback = if minutes {
        "45"
    } else if integer {
        "1"
    } else {
        "21.5"
    };
    if !found.starts_with("string") {
        return format!("viết một số bằng chữ số, ví dụ {}", example(fallback));
    }
    let plain: String = text.chars().filter(|c| !matches!(c, '.' | ',' | ' ' | '_')).collect();
    if integer && !plain.is_empty() && plain.chars().all(|c| c.is_ascii_digit()) {
        let plain = plain.trim_start_matches('0');
        let plain = if plain.is_empty() { "0" } else { plain };
        return if plain == text {
            format!("bỏ dấu ngoặc kép để giá trị là một số: {}", example(plain))
        } else {
            format!("viết số liền, không có dấu chấm hay dấu cách: {}", example(plain))
        };
    }
    if !integer && let Ok(n) = text.replacen(',', ".", 1).parse::<f64>() {
        return format!(
            "viết số không đặt trong ngoặc kép, phần thập phân sau dấu chấm: {}",
            example(&n.to_string())
        );
    }
    if let Some(n) = number_in_words(text) {
        return format!("viết số bằng chữ số: {}", example(&n.to_string()));
    }
    // A number and its unit: hours become minutes for a field in minutes.
    let digits = text.find(|c: char| !c.is_ascii_digit()).unwrap_or(text.len());
    let (n, unit) = (text[..digits].parse::<u64>(), text[digits..].trim());
    match (n, crate::text::fold(unit).as_str()) {
        (Ok(n), "tieng" | "gio" | "h") if minutes => format!(
            "{n} {unit} là {} phút; chỉ viết số phút: {}",
            n * 60,
            example(&(n * 60).to_string())
        ),
        (Ok(n), "phut") if minutes => {
            format!("chỉ viết số phút, không kèm chữ: {}", example(&n.to_string()))
        }
        (Ok(_), _) if minutes => {
            format!("viết thời lượng bằng số phút, ví dụ {}", example(fallback))
        }
        (Ok(n), _) => format!("chỉ viết số, không kèm chữ: {}", example(&n.to_string())),
        (Err(_), _) => format!("viết một số bằng chữ số, ví dụ {}", example(fallback)),
    }
}

/// A number written in Vietnamese words (`ba`, `mười hai`, `hai mươi lăm`, `một trăm linh
/// năm`, `tám mươi triệu`), read after removing diacritics; `None` for anything else.
pub fn number_in_words(text: &str) -> Option<u64> {
    let folded = crate::text::fold(text);
    let mut words = folded.split_whitespace().peekable();
    words.peek()?;
    let (mut total, mut group, mut digit) = (0u64, 0u64, None::<u64>);
    for word in words {
        let d = match word {
            "khong" => Some(0),
            "mot" => Some(1),
            "hai" => Some(2),
            "ba" => Some(3),
            "bon" | "tu" => Some(4),
            "nam" | "lam" => Some(5),
            "sau" => Some(6),
            "bay" => Some(7),
            "tam" => Some(8),
            "chin" => Some(9),
            _ => None,
        };
        match (d, word) {
            (Some(d), _) if digit.is_none() => digit = Some(d),
            (Some(_), _) => return None,
            (None, "muoi") => group += digit.take().unwrap_or(1) * 10,
            (None, "tram") => group += digit.take().unwrap_or(1) * 100,
            (None, "linh" | "le") => {}
            (None, "nghin" | "ngan") => {
                total += (group + digit.take().unwrap_or(0)).max(1) * 1_000;
                group = 0;
            }
            (None, "trieu") => {
                total += (group + digit.take().unwrap_or(0)).max(1) * 1_000_000;
                group = 0;
            }
            _ => return None,
        }
    }
    Some(total + group + digit.unwrap_or(0))
}

/// What to write where a list is expected.
fn list_help(found: &str, syntax: Syntax, key: Option<&str>) -> String {
    match (syntax, key) {
        // `[menu]` where `[[menu]]` was meant: a table where an array of tables is expected.
        (Syntax::Toml, Some(key)) if found.starts_with("map") => format!(
            "mở mỗi mục của danh sách bằng một dòng [[{key}]] (hai cặp ngoặc vuông), \
             thay cho [{key}]"
        ),
        (Syntax::Toml, _) => "viết danh sách dạng [\"a\", \"b\"]".to_string(),
        (Syntax::Yaml, _) => {
            "viết danh sách dạng [a, b] hoặc mỗi mục một dòng bắt đầu bằng \"- \"".to_string()
        }
    }
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

/// "có phải bạn muốn viết …?" for the candidate closest to `name`, else the list of `what`s that
/// may be written.
pub fn suggest_help(name: &str, candidates: &[&str], what: &str) -> String {
    match suggest(name, candidates.iter().copied()) {
        Some(best) => format!("có phải bạn muốn viết `{best}`?"),
        None if candidates.is_empty() => format!("ở đây không có {what} nào"),
        None => format!("các {what} dùng được: {}", candidates.join(", ")),
    }
}

/// Field names editors may write in Vietnamese (without diacritics, words joined by `_`), and
/// the field they mean. A name may mean a field of several kinds (`ten`: a page's `title`, a
/// place's `name`); the first meaning among the fields allowed where it is written is taken.
const VIETNAMESE_NAMES: &[(&str, &str)] = &[
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
    // Drills.
    ("ma", "id"),
    ("ma_so", "id"),
    ("loai", "kind"),
    ("loai_hinh", "kind"),
    ("hinh_thuc", "kind"),
    ("trang_thai", "status"),
    ("tinh_trang", "status"),
    ("ghi_chu", "status_note"),
    ("ghi_chu_trang_thai", "status_note"),
    ("bat_dau", "start"),
    ("gio_bat_dau", "start"),
    ("thoi_gian_bat_dau", "start"),
    ("ket_thuc", "end"),
    ("gio_ket_thuc", "end"),
    ("thoi_gian_ket_thuc", "end"),
    ("thoi_luong", "duration_minutes"),
    ("so_phut", "duration_minutes"),
    ("dia_diem", "location"),
    ("noi_to_chuc", "location"),
    ("dia_chi", "location"),
    ("dia_chi", "address"),
    ("ten", "name"),
    ("to", "to_dan_pho"),
    ("toa_do", "geo"),
    ("vi_do", "lat"),
    ("kinh_do", "lng"),
    ("don_vi_to_chuc", "organiser"),
    ("to_chuc", "organiser"),
    ("chu_tri", "chaired_by"),
    ("nguoi_chu_tri", "chaired_by"),
    ("ke_hoach", "plan_ref"),
    ("so_ke_hoach", "plan_ref"),
    ("phuong_an", "fire_plan_ref"),
    ("phuong_an_chua_chay", "fire_plan_ref"),
    ("tinh_huong", "scenario"),
    ("kich_ban", "scenario"),
    ("giai_doan", "phases"),
    ("cac_buoc", "phases"),
    ("trinh_tu", "phases"),
    ("luc_luong", "forces"),
    ("luc_luong_tham_gia", "forces"),
    ("trang_bi", "equipment"),
    ("thiet_bi", "equipment"),
    ("phuong_tien", "equipment"),
    ("thanh_phan", "participants"),
    ("thanh_phan_tham_gia", "participants"),
    ("nguoi_tham_gia", "participants"),
    ("ket_qua", "results"),
    ("danh_gia", "results"),
    // Lessons.
    ("cap_hoc", "level"),
    ("cap", "level"),
    ("lop", "grades"),
    ("khoi", "grades"),
    ("khoi_lop", "grades"),
    ("do_tuoi", "grades"),
    ("muc_tieu", "objectives"),
    ("do_dung", "materials"),
    ("do_dung_day_hoc", "materials"),
    ("chuan_bi", "materials"),
    ("hoc_lieu", "materials"),
    ("hoat_dong", "activities"),
    ("cac_hoat_dong", "activities"),
    ("tien_trinh", "activities"),
    ("cau_hoi", "quiz"),
    ("trac_nghiem", "quiz"),
    ("on_tap", "quiz"),
    ("luu_y", "safety_notes"),
    ("luu_y_an_toan", "safety_notes"),
    ("an_toan", "safety_notes"),
];

/// The candidate closest to `word`, when one is close enough to be a likely misspelling, or
/// the field a Vietnamese name means (`ngày` -> `date`).
pub fn suggest<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let folded = crate::text::fold(word);
    let candidates: Vec<&'a str> = candidates.into_iter().collect();
    let key: String = folded.chars().map(|c| if c == ' ' || c == '-' { '_' } else { c }).collect();
    let meant = VIETNAMESE_NAMES
        .iter()
        .filter(|(name, _)| *name == key)
        .find_map(|(_, meant)| candidates.iter().find(|c| *c == meant));
    if let Some(found) = meant {
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
        // Each kind's fields, written in Vietnamese without diacritics.
        let drill = ["title", "kind", "start", "location", "organiser", "forces", "results"];
        assert_eq!(suggest("dia_diem", drill), Some("location"));
        assert_eq!(suggest("địa điểm", drill), Some("location"));
        assert_eq!(suggest("luc_luong", drill), Some("forces"));
        let lesson = ["title", "level", "grades", "duration_minutes", "quiz", "safety_notes"];
        assert_eq!(suggest("cap_hoc", lesson), Some("level"));
        assert_eq!(suggest("thoi_luong", lesson), Some("duration_minutes"));
        // A name with several meanings takes the one allowed where it is written.
        assert_eq!(suggest("ten", ["title", "date"]), Some("title"));
        assert_eq!(suggest("ten", ["name", "address"]), Some("name"));
        assert_eq!(suggest("dia_chi", ["name", "address"]), Some("address"));
    }

    #[test]
    fn vietnamese_number_words_are_read() {
        for (words, n) in [
            ("ba", 3),
            ("năm", 5),
            ("mười", 10),
            ("mười hai", 12),
            ("hai mươi", 20),
            ("hai mươi lăm", 25),
            ("hai mươi mốt", 21),
            ("một trăm linh năm", 105),
            ("tám mươi triệu", 80_000_000),
            ("hai triệu năm trăm nghìn", 2_500_000),
        ] {
            assert_eq!(number_in_words(words), Some(n), "{words}");
        }
        for text in ["nhẹ", "", "ba bốn", "2 tiếng"] {
            assert_eq!(number_in_words(text), None, "{text}");
        }
    }

    #[test]
    fn numbers_written_as_text_get_the_number_to_write() {
        let help = |message: &str, syntax: Syntax, key: Option<&str>| {
            explain_in(message, syntax, key, None).help.unwrap_or_default()
        };
        let yaml = |m: &str| help(m, Syntax::Yaml, None);
        assert_eq!(
            help(r#"invalid type: string "2", expected usize"#, Syntax::Toml, Some("paginate_by")),
            "bỏ dấu ngoặc kép để giá trị là một số: paginate_by = 2"
        );
        assert_eq!(
            yaml(r#"sanctions[0].amount_vnd: invalid type: string "80.000.000", expected u64"#),
            "viết số liền, không có dấu chấm hay dấu cách: amount_vnd: 80000000"
        );
        assert_eq!(
            yaml(r#"forces[0].personnel: invalid type: string "mười hai", expected u32"#),
            "viết số bằng chữ số: personnel: 12"
        );
        assert_eq!(
            yaml(r#"duration_minutes: invalid type: string "2 tiếng", expected u32"#),
            "2 tiếng là 120 phút; chỉ viết số phút: duration_minutes: 120"
        );
        assert_eq!(
            yaml(r#"duration_minutes: invalid type: string "90 phút", expected u32"#),
            "chỉ viết số phút, không kèm chữ: duration_minutes: 90"
        );
        assert_eq!(
            yaml(r#"location.geo.lat: invalid type: string "21,03", expected f64"#),
            "viết số không đặt trong ngoặc kép, phần thập phân sau dấu chấm: lat: 21.03"
        );
        assert_eq!(
            yaml(r#"weight: invalid type: string "nhẹ", expected i32"#),
            "viết một số bằng chữ số, ví dụ weight: 1"
        );
    }

    #[test]
    fn a_negative_number_is_called_negative() {
        let e = explain_in(
            "invalid value: integer `-5`, expected usize",
            Syntax::Toml,
            Some("limit"),
            None,
        );
        assert_eq!(e.message, "sai giá trị: cần một số không âm, nhưng gặp số âm `-5`");
        assert_eq!(e.help.as_deref(), Some("viết số không có dấu trừ, ví dụ limit = 5"));
        let e = explain("duration_minutes: invalid value: integer `-60`, expected u32");
        assert_eq!(
            e.message,
            "sai giá trị: cần một số không âm, nhưng gặp số âm `-60` (trong `duration_minutes`)"
        );
        assert_eq!(e.help.as_deref(), Some("viết số không có dấu trừ, ví dụ duration_minutes: 60"));
    }

    #[test]
    fn help_is_written_in_the_files_syntax() {
        let e = explain_in("missing field `title`", Syntax::Toml, None, None);
        assert_eq!(e.help.as_deref(), Some("thêm một dòng `title = ...`"));
        let e = explain("missing field `title`");
        assert_eq!(e.help.as_deref(), Some("thêm một dòng `title: ...`"));
        let e =
            explain_in("invalid type: map, expected a sequence", Syntax::Toml, Some("menu"), None);
        assert_eq!(
            e.help.as_deref(),
            Some(
                "mở mỗi mục của danh sách bằng một dòng [[menu]] (hai cặp ngoặc vuông), thay cho [menu]"
            )
        );
        let e = explain_in(
            "title: invalid type: sequence, expected a string",
            Syntax::Yaml,
            None,
            Some("[Gọi 114, đúng cách]"),
        );
        assert_eq!(
            e.help.as_deref(),
            Some(
                "dấu [ ] làm giá trị thành một danh sách; bỏ chúng và đặt chữ trong ngoặc kép: title: \"Gọi 114, đúng cách\""
            )
        );
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
