//! Who publishes the site and how residents reach them: `[owner]` (the masthead line, the
//! office's address and hours) and `[[contacts]]` (the ward's own numbers: UBND, Công an
//! phường, the area's fire and rescue team, electricity and water incidents).
//!
//! Facts a resident might act on are never invented: until the ward has confirmed a value, an
//! editor writes [`PLACEHOLDER`] ("CHƯA CÓ") instead, pages show [`PENDING`] ("đang cập
//! nhật"), `pccc check` warns about each one, and `--strict` (the publishing step) fails.
//! The same holds for a `base_url` on a reserved example domain ([`example_domain`]).

use serde::Deserialize;

use crate::diagnostic::Diagnostic;

/// What an editor writes for a fact not yet confirmed: `phone = "CHƯA CÓ"`. Any value that
/// begins with it, in capitals or not, with or without accents ("chua co"), counts, so a
/// reminder may follow: `"CHƯA CÓ (hỏi Công an phường)"`.
pub const PLACEHOLDER: &str = "CHƯA CÓ";

/// What residents read in place of a value not yet confirmed.
pub const PENDING: &str = "đang cập nhật";

/// Whether `value` is a placeholder ([`PLACEHOLDER`]) rather than a confirmed fact.
pub fn is_placeholder(value: &str) -> bool {
    crate::text::fold(value.trim()).starts_with("chua co")
}

/// The value, or `None` when it is empty or a placeholder.
pub fn confirmed(value: &str) -> Option<&str> {
    let value = value.trim();
    (!value.is_empty() && !is_placeholder(value)).then_some(value)
}

/// `[owner]`: the body that publishes the site. Every field is optional.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct Owner {
    /// The line above the site's name on every page, saying whose site it is
    /// ("Cổng thông tin PCCC của UBND phường Khương Đình").
    pub masthead: String,
    /// The office's address, in the footer.
    pub address: String,
    /// Working hours, in the footer.
    pub hours: String,
    /// The office responsible for the content ("Phòng Văn hóa - Xã hội").
    pub office: String,
    /// The ward, as postal addresses name it ("Phường Khương Đình"): structured data of places.
    pub locality: String,
    /// The province or city ("Hà Nội").
    pub region: String,
}

/// One `[[contacts]]` entry: a local office residents may call.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Contact {
    /// Who answers ("Công an phường Khương Đình").
    pub name: String,
    /// The number, or [`PLACEHOLDER`].
    pub phone: String,
    /// When to call ("Mất điện, chập cháy đường dây").
    #[serde(default)]
    pub note: String,
    /// Where the office is, or [`PLACEHOLDER`].
    #[serde(default)]
    pub address: String,
    /// Shown in the "Thông tin chưa đúng?" box of every violation record.
    #[serde(default)]
    pub corrections: bool,
}

/// The `tel:` form of a written number ("024 3858.1234" → "02438581234"), `None` when the
/// number is a placeholder or has no digit.
pub fn tel(phone: &str) -> Option<String> {
    let phone = confirmed(phone)?;
    let digits: String = phone.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect();
    digits.chars().any(|c| c.is_ascii_digit()).then_some(digits)
}

/// Whether a confirmed number is written with digits, spaces, dots, hyphens and brackets only,
/// a `+` at most at the start.
fn well_written(phone: &str) -> bool {
    let rest = phone.strip_prefix('+').unwrap_or(phone);
    rest.chars().any(|c| c.is_ascii_digit())
        && rest.chars().all(|c| c.is_ascii_digit() || " .-()".contains(c))
}

/// A place in `site.toml`: the path of a value (`["contacts", "1", "phone"]`) and a diagnostic
/// marked there, made by the caller, which knows the file.
pub type Mark<'a> = &'a dyn Fn(&[&str], Diagnostic) -> Diagnostic;

/// Errors: numbers that are neither confirmed digits nor a placeholder.
pub fn check(contacts: &[Contact], mark: Mark<'_>, file: &str) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (i, contact) in contacts.iter().enumerate() {
        let Some(phone) = confirmed(&contact.phone) else { continue };
        if !well_written(phone) {
            let d = Diagnostic::error(
                file,
                format!("số điện thoại `{phone}` của “{}” không đọc được", contact.name),
            )
            .help(format!(
                "chỉ viết chữ số, có thể cách nhau bằng dấu cách hoặc dấu chấm; khi chưa có số \
                 đã được xác nhận, viết phone = \"{PLACEHOLDER}\""
            ));
            problems.push(mark(&["contacts", &i.to_string(), "phone"], d));
        }
    }
    problems
}

/// One value still a placeholder: where it is, what it is, what to write.
struct Missing {
    path: Vec<String>,
    what: String,
    help: String,
}

/// Warnings (errors when `strict`): every placeholder of `[owner]` and `[[contacts]]`.
pub fn placeholders(
    owner: &Owner,
    contacts: &[Contact],
    mark: Mark<'_>,
    file: &str,
    strict: bool,
) -> Vec<Diagnostic> {
    let shown = format!("khi còn “{PLACEHOLDER}”, trang ghi “{PENDING}”");
    let mut missing = Vec::new();
    let owner_fields = [
        ("masthead", &owner.masthead, "dòng tên cơ quan ở đầu trang"),
        ("address", &owner.address, "địa chỉ trụ sở của cơ quan quản lý trang"),
        ("hours", &owner.hours, "giờ làm việc của cơ quan quản lý trang"),
        ("office", &owner.office, "đơn vị chịu trách nhiệm nội dung"),
    ];
    for (key, value, what) in owner_fields {
        if is_placeholder(value) {
            missing.push(Missing {
                path: vec!["owner".into(), key.into()],
                what: what.into(),
                help: format!(
                    "viết {what} theo văn bản chính thức của phường vào {key} = \"…\"; {shown}"
                ),
            });
        }
    }
    for (i, contact) in contacts.iter().enumerate() {
        for (key, value, what) in
            [("phone", &contact.phone, "số điện thoại"), ("address", &contact.address, "địa chỉ")]
        {
            if is_placeholder(value) {
                missing.push(Missing {
                    path: vec!["contacts".into(), i.to_string(), key.into()],
                    what: format!("{what} của “{}”", contact.name),
                    help: format!(
                        "viết {what} đã được chính cơ quan này xác nhận vào {key} = \"…\" (không \
                         lấy từ trang chưa kiểm chứng); {shown}"
                    ),
                });
            }
        }
    }
    missing
        .into_iter()
        .map(|m| {
            let message = format!("chưa có {}", m.what);
            let d = if strict {
                Diagnostic::error(file, message)
            } else {
                Diagnostic::warning(file, message)
            };
            let path: Vec<&str> = m.path.iter().map(String::as_str).collect();
            mark(&path, d.help(m.help))
        })
        .collect()
}

/// The domain of `base_url` when it is one reserved for examples (RFC 2606, RFC 6761):
/// `.example`, `.test`, `.invalid`, `.localhost` or `example.com`, `.net`, `.org`. Such an
/// address works nowhere on the internet.
pub fn example_domain(base_url: &str) -> Option<&str> {
    let host = base_url.split_once("://").map_or(base_url, |(_, rest)| rest);
    let host = host.split(['/', '?', '#']).next().unwrap_or(host);
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let name = host.split(':').next().unwrap_or(host).trim_end_matches('.');
    let lower = name.to_ascii_lowercase();
    let reserved_tld = [".example", ".test", ".invalid", ".localhost"]
        .iter()
        .any(|tld| lower.ends_with(tld) || lower == tld[1..]);
    let reserved_domain = ["example.com", "example.net", "example.org"]
        .iter()
        .any(|d| lower == *d || lower.ends_with(&format!(".{d}")));
    (reserved_tld || reserved_domain).then_some(name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn placeholders_are_read_as_editors_write_them() {
        for yes in ["CHƯA CÓ", "chưa có", "Chua co", "  CHUA CO (hỏi Công an phường)"] {
            assert!(is_placeholder(yes), "{yes}");
        }
        for no in ["", "024 3858 1234", "Chưa", "có"] {
            assert!(!is_placeholder(no), "{no}");
        }
        assert_eq!(confirmed(" CHƯA CÓ "), None);
        assert_eq!(confirmed(""), None);
        assert_eq!(confirmed(" 114 "), Some("114"));
    }

    #[test]
    fn tel_keeps_digits_and_a_plus() {
        assert_eq!(tel("024 3858.1234").as_deref(), Some("02438581234"));
        assert_eq!(tel("+84 24 3858 1234").as_deref(), Some("+842438581234"));
        assert_eq!(tel("CHƯA CÓ"), None);
        assert!(well_written("(024) 3858-1234"));
        assert!(!well_written("024 3858 1234 máy lẻ 5"));
        assert!(!well_written("++84"));
    }

    #[test]
    fn example_domains_are_recognised() {
        for (url, host) in [
            ("https://pccc.khuongdinh.example", Some("pccc.khuongdinh.example")),
            ("https://thu.example/", Some("thu.example")),
            ("http://localhost:8000", Some("localhost")),
            ("https://www.example.org/x", Some("www.example.org")),
            ("https://a.test:8443", Some("a.test")),
            ("https://khuongdinh.hanoi.gov.vn", None),
            ("https://example.gov.vn", None),
            ("http://127.0.0.1:1111", None),
        ] {
            assert_eq!(example_domain(url), host, "{url}");
        }
    }
}
