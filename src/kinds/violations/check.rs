//! Checks on violation records: stable unique ids, what a published record must carry,
//! coherent dates, and the personal-data lint over every published field.

use std::collections::HashMap;

use super::schema::{OwnerKind, Remediation};
use super::{Origin, Record, published};
use crate::diagnostic::Diagnostic;

/// Every problem of every record, all at once.
pub fn check(records: &[Record]) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    let mut seen: HashMap<&str, &Record> = HashMap::new();
    for record in records {
        let e = &record.entry;
        let at = |key: &str, message: String| record.origin.error(key, message);
        if !crate::slug::is_valid(&e.id) {
            problems.push(
                at("id", format!("mã hồ sơ `{}` không hợp lệ", e.id)).help(
                    "chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ vp-2026-0007",
                ),
            );
        } else if let Some(first) = seen.insert(&e.id, record) {
            problems.push(
                at("id", format!("mã hồ sơ `{}` bị trùng", e.id))
                    .note(format!("đã dùng ở {}", first.origin.describe("id")))
                    .help("mỗi hồ sơ một mã riêng, không đổi và không dùng lại mã cũ"),
            );
        }
        for (key, value) in [
            ("facility.name", &e.facility.name),
            ("facility.address", &e.facility.address),
            ("facility.to_dan_pho", &e.facility.to_dan_pho),
            ("owner.name", &e.owner.name),
            ("description", &e.description),
        ] {
            if value.trim().is_empty() {
                problems.push(at(key, format!("thiếu `{key}`")).help("điền nội dung cho ô này"));
            }
        }
        if e.categories.is_empty() {
            problems.push(
                at("categories", "chưa ghi hành vi vi phạm (`categories`)".into())
                    .help(format!("các giá trị: {}", super::schema::Category::allowed())),
            );
        }
        // A published record must be traceable to a decision and to a legal basis.
        if e.decision.is_none() {
            problems.push(
                at("decision", format!("hồ sơ `{}` được công khai nhưng thiếu quyết định xử lý", e.id))
                    .help("ghi số, ký hiệu, ngày và người ký quyết định, ví dụ decision: {number: \"05\", symbol: \"QĐ-XPHC\", date: 2026-02-02, issuer: \"Chủ tịch UBND phường Khương Đình\"}"),
            );
        }
        if e.publication.legal_basis.as_deref().is_none_or(|b| b.trim().is_empty()) {
            problems.push(
                at(
                    "publication.legal_basis",
                    format!("hồ sơ `{}` được công khai nhưng thiếu căn cứ công khai", e.id),
                )
                .help("ghi văn bản cho phép công khai, ví dụ \"Kế hoạch số 18/KH-UBND ngày 25/7/2025 của UBND phường\""),
            );
        }
        problems.extend(check_dates(record));
        problems.extend(personal_data(record));
        problems.extend(super::formula::check(record));
    }
    problems
}

fn check_dates(record: &Record) -> Vec<Diagnostic> {
    let e = &record.entry;
    let mut problems = Vec::new();
    let mut before =
        |key: &str, earlier: jiff::civil::Date, later: jiff::civil::Date, what: &str| {
            if later < earlier {
                problems.push(
                    record
                        .origin
                        .error(
                            key,
                            format!(
                                "ngày không hợp lý: {what} ({}) trước {}",
                                crate::dates::short(later),
                                crate::dates::short(earlier)
                            ),
                        )
                        .help("kiểm tra lại ngày, tháng, năm"),
                );
            }
        };
    if let Some(decision) = &e.decision {
        before("publication.since", decision.date, e.publication.since, "ngày bắt đầu công khai");
        if let Some(deadline) = e.remediation.deadline {
            before("remediation.deadline", decision.date, deadline, "thời hạn khắc phục");
        }
        for u in &e.remediation.updates {
            before("remediation.updates", decision.date, u.date, "ngày cập nhật khắc phục");
        }
        if let Some(d) = e.remediation.status_date {
            before("remediation.status_date", decision.date, d, "ngày cập nhật kết quả khắc phục");
        }
    }
    if let Some(until) = e.publication.until {
        before("publication.until", e.publication.since, until, "ngày kết thúc công khai");
    }
    if let Some(removal) = &e.publication.removal {
        before("publication.removal", e.publication.since, removal.date, "ngày gỡ khỏi danh sách");
    }
    if let (Some(last), Some(d)) =
        (e.remediation.updates.iter().map(|u| u.date).max(), e.remediation.status_date)
    {
        before("remediation.status_date", last, d, "ngày của kết quả khắc phục mới nhất");
    }
    if e.remediation.status == Some(Remediation::DaKhacPhuc) && e.remediation.status_date.is_none()
    {
        problems.push(
            record
                .origin
                .error(
                    "remediation.status",
                    "đã khắc phục nhưng chưa ghi ngày khắc phục xong".into(),
                )
                .help("thêm remediation.status_date (cột “Ngày cập nhật kết quả”)"),
        );
    }
    problems
}

/// What a published value must never hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Personal {
    /// 9 or 12 digits in a row: CMND or CCCD.
    IdNumber,
    /// A Vietnamese phone number.
    Phone,
    /// A birth date or year.
    BirthDate,
}

impl Personal {
    fn message(self) -> &'static str {
        match self {
            Personal::IdNumber => "có dãy số giống số CMND/CCCD (9 hoặc 12 chữ số)",
            Personal::Phone => "có số điện thoại",
            Personal::BirthDate => "có ngày sinh hoặc năm sinh",
        }
    }
}

/// Finds personal data in `text`: an ID-like number, a phone number or a birth date.
pub fn find_personal(text: &str) -> Option<Personal> {
    let chars: Vec<char> = text.chars().collect();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        // A group of digit runs joined by single spaces, dots or hyphens.
        let plus = i > 0 && chars[i - 1] == '+';
        let mut digits = String::new();
        let mut runs = Vec::new();
        loop {
            let run_start = i;
            while i < chars.len() && chars[i].is_ascii_digit() {
                digits.push(chars[i]);
                i += 1;
            }
            runs.push(i - run_start);
            if i + 1 < chars.len()
                && matches!(chars[i], ' ' | '.' | '-')
                && chars[i + 1].is_ascii_digit()
            {
                i += 1;
            } else {
                break;
            }
        }
        if runs.iter().any(|&n| n == 9 || n == 12) {
            return Some(Personal::IdNumber);
        }
        let mobile = digits.len() == 10 && digits.starts_with('0') && !digits.starts_with("00");
        let international =
            (plus || digits.starts_with("84")) && digits.len() == 11 && digits.starts_with("84");
        let landline = digits.len() == 11 && digits.starts_with("02");
        if mobile || international || landline {
            return Some(Personal::Phone);
        }
    }
    // Birth dates: "sinh năm 1980", "ngày sinh 01/02/1980", "SN 1980".
    let folded = crate::text::fold(text);
    let words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric() && c != '/')
        .filter(|w| !w.is_empty())
        .collect();
    for (k, w) in words.iter().enumerate() {
        if *w == "sinh" || *w == "sn" || *w == "dob" {
            let near = words.iter().skip(k + 1).take(3);
            for next in near {
                let year_like = next.split('/').any(|p| {
                    p.len() == 4
                        && p.chars().all(|c| c.is_ascii_digit())
                        && (p.starts_with("19") || p.starts_with("20"))
                });
                if year_like {
                    return Some(Personal::BirthDate);
                }
            }
        }
    }
    None
}

/// Every published field of `record` checked for personal data.
pub fn personal_data(record: &Record) -> Vec<Diagnostic> {
    let mut texts: Vec<(&str, String)> =
        published(&record.entry).into_iter().map(|f| (f.key, f.value)).collect();
    let e = &record.entry;
    // Shown on the record page besides the table's fields.
    for r in &e.history {
        texts.push(("history", r.change.clone()));
    }
    if e.owner.kind == OwnerKind::ToChuc {
        for u in &e.remediation.updates {
            texts.push(("remediation.updates", u.note.clone().unwrap_or_default()));
        }
    }
    if let Some(removal) = &e.publication.removal {
        texts.push(("publication.removal", removal.evidence.clone()));
    }
    let mut problems = Vec::new();
    for (key, value) in texts {
        if let Some(found) = find_personal(&value) {
            problems.push(
                record
                    .origin
                    .error(key, format!("trường công khai `{key}` {}: không được đăng dữ liệu cá nhân", found.message()))
                    .help(if found == Personal::IdNumber {
                        "xoá số CMND/CCCD khỏi ô này; nếu đó là số tiền, viết có dấu chấm ngăn cách, ví dụ 150.000.000"
                    } else {
                        "xoá số điện thoại, ngày sinh khỏi ô này; danh sách công khai chỉ ghi tên, địa chỉ cơ sở, hành vi, quyết định và kết quả khắc phục"
                    })
                    .note("Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15"),
            );
        }
    }
    problems
}

impl Origin {
    /// An error about field `key` of this record, placed at the key (YAML) or the cell (rows).
    pub fn error(&self, key: &str, message: String) -> Diagnostic {
        match (&self.row, &self.text) {
            (Some(row), text) => {
                let d = Diagnostic::error(
                    &self.path,
                    format!("{}: {message}", self.describe_row(row, key)),
                );
                match (text, row.line) {
                    (Some(text), Some(line)) => d.at_line_col(text, line, 1, 1),
                    _ => d,
                }
            }
            (None, Some(text)) => {
                let d = Diagnostic::error(&self.path, message);
                match locate(text, key) {
                    Some(span) => d.at(text, span),
                    None => d,
                }
            }
            (None, None) => Diagnostic::error(&self.path, message),
        }
    }

    /// "content/vi-pham/a.yaml, dòng 3" or "content/vi-pham/b.csv, hàng 4".
    pub fn describe(&self, key: &str) -> String {
        match (&self.row, &self.text) {
            (Some(row), _) => format!("{}, {}", self.path.display(), self.describe_row(row, key)),
            (None, Some(text)) => match locate(text, key) {
                Some(span) => format!(
                    "{}, dòng {}",
                    self.path.display(),
                    crate::diagnostic::line_col(text, span.start).0
                ),
                None => self.path.display().to_string(),
            },
            (None, None) => self.path.display().to_string(),
        }
    }

    fn describe_row(&self, row: &super::Row, key: &str) -> String {
        let column = row
            .columns
            .iter()
            .find(|(field, _, _)| field == key)
            .or_else(|| row.columns.iter().find(|(field, _, _)| field.starts_with(key)));
        match column {
            Some((_, index, header)) => {
                format!(
                    "hàng {}, cột {} “{header}”",
                    row.number,
                    super::import::column_letter(*index)
                )
            }
            None => format!("hàng {}", row.number),
        }
    }
}

/// The span of the key at dotted path `key` in a YAML text (`facility.name`); the closest
/// parent's key when the field itself is not written.
pub fn locate(text: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        lines.push((offset, line));
        offset += line.len();
    }
    // (line index, indent, span) of the last part found.
    let mut parent: Option<(usize, usize, std::ops::Range<usize>)> = None;
    for part in key.split('.') {
        let needle = format!("{part}:");
        let mut hit = None;
        if let Some((index, _, span)) = &parent {
            let (start, line) = lines[*index];
            let after = span.end - start;
            for sep in ['{', ' ', ','] {
                if let Some(pos) = line[after..].find(&format!("{sep}{needle}")) {
                    let s = span.end + pos + 1;
                    hit = Some((*index, usize::MAX, s..s + part.len()));
                    break;
                }
            }
        }
        if hit.is_none() {
            let first = parent.as_ref().map_or(0, |(i, _, _)| i + 1);
            for (index, &(start, line)) in lines.iter().enumerate().skip(first) {
                let trimmed = line.trim_start();
                if trimmed.trim().is_empty() || trimmed.starts_with('#') {
                    continue;
                }
                let indent = line.len() - trimmed.len();
                if parent.as_ref().is_some_and(|(_, p, _)| indent <= *p && *p != usize::MAX) {
                    break;
                }
                let item = trimmed.strip_prefix("- ").unwrap_or(trimmed);
                let at = indent + (trimmed.len() - item.len());
                if (parent.is_some() || indent == 0) && item.starts_with(&needle) {
                    hit = Some((index, indent, start + at..start + at + part.len()));
                    break;
                }
            }
        }
        match hit {
            Some(h) => parent = Some(h),
            None => break,
        }
    }
    parent.map(|(_, _, span)| span)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn personal_data_is_found() {
        assert_eq!(find_personal("CCCD 001203004567"), Some(Personal::IdNumber));
        assert_eq!(find_personal("CMND 012345678"), Some(Personal::IdNumber));
        assert_eq!(find_personal("liên hệ 0912 345 678"), Some(Personal::Phone));
        assert_eq!(find_personal("gọi 0912.345.678"), Some(Personal::Phone));
        assert_eq!(find_personal("+84912345678"), Some(Personal::Phone));
        assert_eq!(find_personal("ông A, sinh năm 1975"), Some(Personal::BirthDate));
        assert_eq!(find_personal("Ngày sinh: 02/03/1980"), Some(Personal::BirthDate));
    }

    #[test]
    fn ordinary_numbers_pass() {
        for text in [
            "Phạt tiền 150.000.000 đồng",
            "Quyết định số 46/QĐ-XPHC ngày 10/6/2025",
            "Điểm a khoản 2 Điều 12 Nghị định 106/2025/NĐ-CP",
            "Số 12, ngõ 102 phố Khương Đình",
            "Gọi 114",
            "Kế hoạch số 18/KH-UBND ngày 25/7/2025",
        ] {
            assert_eq!(find_personal(text), None, "{text}");
        }
    }

    #[test]
    fn nested_keys_are_located() {
        let text = "id: a\nfacility:\n  type: b\n  name: c\nowner: {kind: to_chuc, name: d}\n";
        let span = locate(text, "facility.name").unwrap();
        assert_eq!(&text[span], "name");
        assert_eq!(
            crate::diagnostic::line_col(text, locate(text, "facility.name").unwrap().start).0,
            4
        );
        let span = locate(text, "owner.name").unwrap();
        assert_eq!(&text[span.clone()], "name");
        assert_eq!(crate::diagnostic::line_col(text, span.start).0, 5);
    }
}
