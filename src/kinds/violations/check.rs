//! Checks on violation records: stable unique ids, what a published record must carry, a
//! tổ dân phố that reads as one, coherent dates, and the personal-data lint over every
//! published field.

use std::collections::HashMap;

use super::personal::{self, Personal};
use super::schema::{Entry, OwnerKind, Remediation};
use super::{Origin, Record};
use crate::diagnostic::Diagnostic;
use crate::front_matter::locate::Positions;
use crate::to_dan_pho::{ToDanPho, Unreadable};

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
        // Empty is reported just above as missing.
        match ToDanPho::read(&e.facility.to_dan_pho) {
            Ok(_) | Err(Unreadable::Empty) => {}
            Err(why) => problems.push(
                record
                    .origin
                    .error_at_value(
                        "facility.to_dan_pho",
                        e.facility.to_dan_pho.trim(),
                        why.message(&e.facility.to_dan_pho),
                    )
                    .help(why.help()),
            ),
        }
        if e.categories.is_empty() {
            problems.push(at("categories", "chưa ghi hành vi vi phạm (`categories`)".into()).help(
                format!(
                    "các giá trị cho phép: {}",
                    crate::closed_list::allowed::<super::schema::Category>()
                ),
            ));
        }
        // A published record must be traceable to a decision and to a legal basis.
        if e.decision.is_none() {
            problems.push(
                at("decision", format!("hồ sơ `{}` được công khai nhưng thiếu quyết định xử lý", e.id))
                    .help("ghi số, ký hiệu, ngày và người ký quyết định, ví dụ decision: {number: \"05\", symbol: \"QĐ-XPHC\", date: 2026-02-02, issuer: \"Chủ tịch UBND phường\"}"),
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
                // Marked on the later date itself, where the field holds several dates.
                problems.push(
                    record
                        .origin
                        .error_at_value(
                            key,
                            &later.to_string(),
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
        before(
            "publication.removal.date",
            e.publication.since,
            removal.date,
            "ngày gỡ khỏi danh sách",
        );
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

impl Personal {
    /// What was found, after "có".
    fn what(self) -> &'static str {
        match self {
            Personal::IdNumber => "dãy số giống số CMND/CCCD (9 hoặc 12 chữ số)",
            Personal::Phone => "số điện thoại",
            Personal::BirthDate => "ngày sinh hoặc năm sinh",
        }
    }

    /// What to do about it.
    fn help(self) -> &'static str {
        match self {
            Personal::IdNumber => {
                "xoá số CMND/CCCD khỏi ô này; nếu đó là số tiền, viết có dấu chấm ngăn cách, ví dụ 150.000.000"
            }
            Personal::Phone => {
                "xoá số điện thoại khỏi ô này; danh sách công khai chỉ ghi tên, địa chỉ cơ sở, hành vi, quyết định và kết quả khắc phục"
            }
            Personal::BirthDate => {
                "xoá ngày sinh, năm sinh khỏi ô này; danh sách công khai chỉ ghi tên, địa chỉ cơ sở, hành vi, quyết định và kết quả khắc phục"
            }
        }
    }
}

/// Every text of `entry` that an output shows (the record page, the lists and their filter,
/// `danh-sach.csv`, `danh-sach.json`, the search index, the feed, the "đã gỡ" list), keyed by
/// its place in the schema (the column's field in sheets). Values from closed lists, dates and
/// the fine (a number shown as "Phạt tiền 80.000.000 đồng") are not free text and are left out.
pub fn published_texts(entry: &Entry) -> Vec<(&'static str, &str)> {
    let may = |key: &str| super::may_publish(entry.owner.kind, key);
    let mut texts: Vec<(&'static str, &str)> = Vec::new();
    for (key, value) in [
        ("id", &entry.id),
        ("facility.name", &entry.facility.name),
        ("facility.address", &entry.facility.address),
        ("facility.to_dan_pho", &entry.facility.to_dan_pho),
        ("owner.name", &entry.owner.name),
        ("description", &entry.description),
    ] {
        if may(key) {
            texts.push((key, value));
        }
    }
    texts.extend(
        entry.legal_refs.iter().filter(|_| may("legal_refs")).map(|r| ("legal_refs", r.as_str())),
    );
    if let Some(d) = entry.decision.as_ref().filter(|_| may("decision")) {
        texts.extend([
            ("decision.number", d.number.as_str()),
            ("decision.symbol", &d.symbol),
            ("decision.issuer", &d.issuer),
        ]);
    }
    if may("corrective_measures") {
        texts.extend(entry.corrective_measures.iter().map(|m| ("corrective_measures", m.as_str())));
    }
    if let Some(basis) =
        entry.publication.legal_basis.as_deref().filter(|_| may("publication.legal_basis"))
    {
        texts.push(("publication.legal_basis", basis));
    }
    // The record page shows an organisation's remediation notes, every record's history (also
    // in the feed), and the "đã gỡ" list the document behind a removal.
    if entry.owner.kind == OwnerKind::ToChuc {
        let notes = entry.remediation.updates.iter().filter_map(|u| u.note.as_deref());
        texts.extend(notes.map(|n| ("remediation.updates", n)));
    }
    texts.extend(entry.history.iter().map(|h| ("history", h.change.as_str())));
    if let Some(removal) = &entry.publication.removal {
        texts.push(("publication.removal.evidence", &removal.evidence));
    }
    texts
}

/// Every published text of `record` checked for personal data: one problem for each piece
/// found, placed on it in YAML, on the cell in sheets.
pub fn personal_data(record: &Record) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (key, value) in published_texts(&record.entry) {
        for found in personal::find(value) {
            let shown = &value[found.span];
            let message = format!(
                "trường công khai `{key}` có {} “{shown}”: không được đăng dữ liệu cá nhân",
                found.kind.what()
            );
            problems.push(
                record
                    .origin
                    .error_at_value(key, shown, message)
                    .help(found.kind.help())
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
                match (text, self.cell_span(row, key), row.line) {
                    (Some(text), Some(cell), _) => d.at(text, cell),
                    (Some(text), None, Some(line)) => d.at_line_col(text, line, 1, 1),
                    _ => d,
                }
            }
            (None, Some(text)) => {
                let d = Diagnostic::error(&self.path, message);
                match Positions::of(text).nearest(key) {
                    Some(at) => d.at(text, at.key.clone()),
                    // A field that is not written: shown at the record's first line.
                    None => d.at(text, first_line(text)),
                }
            }
            (None, None) => Diagnostic::error(&self.path, message),
        }
    }

    /// Like [`Origin::error`], but placed on `value` where it is written in the field `key` of
    /// a YAML file or in its CSV cell (on the key or the whole cell when the value is not
    /// written as is, escaped or folded for example).
    pub fn error_at_value(&self, key: &str, value: &str, message: String) -> Diagnostic {
        if let (Some(row), Some(text)) = (&self.row, &self.text) {
            let d = self.error(key, message);
            // In a CSV cell, on the value itself when the cell holds it as written.
            let found = self.cell_span(row, key).filter(|_| !value.is_empty()).and_then(|cell| {
                text[cell.clone()]
                    .find(value)
                    .map(|at| cell.start + at..cell.start + at + value.len())
            });
            return match found {
                Some(span) => d.at(text, span),
                None => d,
            };
        }
        let (None, Some(text)) = (&self.row, &self.text) else {
            return self.error(key, message);
        };
        let d = Diagnostic::error(&self.path, message);
        let positions = Positions::of(text);
        let Some(at) = positions.nearest(key) else {
            return d;
        };
        // The field's value, or its nearest written parent's, holds the value.
        let written = at.value.clone();
        match text[written.clone()].find(value).filter(|_| !value.is_empty()) {
            Some(i) => d.at(text, written.start + i..written.start + i + value.len()),
            None => d.at(text, at.key.clone()),
        }
    }

    /// The byte range of the CSV cell that holds field `key` in `row`.
    fn cell_span(&self, row: &super::Row, key: &str) -> Option<std::ops::Range<usize>> {
        let (_, index, _) = column_of(row, key)?;
        row.cells.get(*index).cloned()
    }

    /// "content/vi-pham/a.yaml, dòng 3" or "content/vi-pham/b.csv, hàng 4".
    pub fn describe(&self, key: &str) -> String {
        match (&self.row, &self.text) {
            (Some(row), _) => format!("{}, {}", self.path.display(), self.describe_row(row, key)),
            (None, Some(text)) => match Positions::of(text).nearest(key) {
                Some(at) => format!(
                    "{}, dòng {}",
                    self.path.display(),
                    crate::diagnostic::line_col(text, at.key.start).0
                ),
                None => self.path.display().to_string(),
            },
            (None, None) => self.path.display().to_string(),
        }
    }

    fn describe_row(&self, row: &super::Row, key: &str) -> String {
        match column_of(row, key) {
            Some((_, index, header)) => {
                format!(
                    "hàng {}, cột {} “{header}”",
                    row.number,
                    super::sheet::column_letter(*index)
                )
            }
            None => format!("hàng {}", row.number),
        }
    }
}

/// The column that holds field `key` in `row` (the first of a group for `decision`).
fn column_of<'a>(row: &'a super::Row, key: &str) -> Option<&'a (String, usize, String)> {
    row.columns
        .iter()
        .find(|(field, _, _)| field == key)
        .or_else(|| row.columns.iter().find(|(field, _, _)| field.starts_with(key)))
}

/// The first line of a YAML text that is neither blank nor a comment.
fn first_line(text: &str) -> std::ops::Range<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let content = line.trim_end();
        if !content.trim().is_empty() && !content.trim_start().starts_with('#') {
            return offset..offset + content.len();
        }
        offset += line.len();
    }
    0..0
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every string of a record is either typed (a date, a code of a closed list) or checked
    /// for personal data: a text field added to the schema and published without the lint
    /// fails here.
    #[test]
    fn every_free_text_of_a_record_is_checked() {
        use super::super::schema::*;
        let entry: Entry = serde_yaml::from_str(
            "id: t-id\nfacility: {name: t-name, type: khac, address: t-address, to_dan_pho: t-tdp}\n\
             owner: {kind: to_chuc, name: t-owner}\ncategories: [khac]\ndescription: t-desc\n\
             legal_refs: [t-ref]\ndecision: {number: t-no, symbol: t-sym, date: 2026-02-01, issuer: t-iss}\n\
             sanctions: [{type: phat_tien, amount_vnd: 1000}]\ncorrective_measures: [t-measure]\n\
             remediation: {deadline: 2026-04-01, status: dang_khac_phuc, status_date: 2026-03-01,\n  \
             updates: [{date: 2026-03-01, status: dang_khac_phuc, note: t-note}]}\n\
             publication: {legal_basis: t-basis, since: 2026-02-05, until: 2026-12-01,\n  \
             removal: {date: 2026-06-01, reason: sai_sot_du_lieu, evidence: t-evidence}}\n\
             history: [{date: 2026-02-05, change: t-change}]\n",
        )
        .unwrap();
        let checked: Vec<&str> = published_texts(&entry).into_iter().map(|(_, v)| v).collect();
        let mut strings = Vec::new();
        let mut stack = vec![serde_json::to_value(&entry).unwrap()];
        while let Some(value) = stack.pop() {
            match value {
                serde_json::Value::String(s) => strings.push(s),
                serde_json::Value::Array(items) => stack.extend(items),
                serde_json::Value::Object(fields) => stack.extend(fields.into_values()),
                _ => {}
            }
        }
        assert_eq!(strings.iter().filter(|s| s.starts_with("t-")).count(), 15);
        for s in &strings {
            use crate::closed_list::parse;
            let typed = s.parse::<jiff::civil::Date>().is_ok()
                || parse::<FacilityType>(s).is_some()
                || parse::<OwnerKind>(s).is_some()
                || parse::<Category>(s).is_some()
                || parse::<SanctionType>(s).is_some()
                || parse::<Remediation>(s).is_some()
                || parse::<RemovalReason>(s).is_some();
            assert!(typed || checked.contains(&s.as_str()), "`{s}` is not checked");
        }
    }

    #[test]
    fn errors_are_placed_at_their_field_or_its_nearest_parent() {
        let text = "id: a\nfacility:\n  type: b\n  name: c\nowner: {kind: to_chuc, name: d}\n\
                    history:\n  - {date: 2026-02-05, change: \"Gọi 0912 345 678\"}\n";
        let origin =
            Origin { path: "content/vi-pham/a.yaml".into(), text: Some(text.into()), row: None };
        let at = |d: Diagnostic| {
            let (source, span) = d.location.unwrap();
            (crate::diagnostic::line_col(&source, span.start).0, source[span].to_string())
        };
        assert_eq!(at(origin.error("facility.name", String::new())), (4, "name".into()));
        assert_eq!(at(origin.error("owner.name", String::new())), (5, "name".into()));
        assert_eq!(at(origin.error("decision", String::new())), (1, "id: a".into()));
        assert_eq!(
            at(origin.error("facility.to_dan_pho", String::new())),
            (2, "facility".into()),
            "not written: at its group"
        );
        assert_eq!(
            at(origin.error_at_value("history", "0912 345 678", String::new())),
            (7, "0912 345 678".into())
        );
        assert_eq!(origin.describe("owner.kind"), "content/vi-pham/a.yaml, dòng 5");
    }
}
