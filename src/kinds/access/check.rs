//! Checks on access problems beyond their types: stable unique ids, what a record must carry,
//! a tổ dân phố that reads as one, dated steps in order, a deadline not
//! before its decision, and the water solution of a deep alley (ward plan 6.1: every deep alley
//! fire engines cannot enter gets one).

use jiff::civil::Date;

use super::Record;
use super::schema::{ProblemKind, Status, WaterSolution};
use crate::diagnostic::Diagnostic;

/// Every problem of every record, all at once; `today` is the build's day.
pub fn check(records: &[Record], today: Date) -> Vec<Diagnostic> {
    let ids = records.iter().map(|r| (r.entry.id.as_str(), &r.source));
    let mut problems = crate::place::check_ids(ids, "tc-2026-01");
    for record in records {
        let e = &record.entry;
        let source = &record.source;
        for (key, value) in [("title", &e.title), ("description", &e.description)] {
            if value.trim().is_empty() {
                problems.push(
                    source
                        .error(key, format!("thiếu `{key}`"))
                        .help("điền nội dung cho trường này"),
                );
            }
        }
        problems.extend(location(record));
        problems.extend(steps(record));
        problems.extend(decision(record));
        problems.extend(water(record, today));
    }
    problems
}

/// The location: its address, tổ dân phố and coordinates in the ward ([`crate::place::check`]),
/// and coordinates there at all: a problem off the map cannot be found by a fire engine's crew.
pub fn location(record: &Record) -> Vec<Diagnostic> {
    let source = &record.source;
    let mut problems = source.check_location(&record.entry.location);
    if record.entry.location.geo.is_none() {
        problems.push(
            source.error("location", "chưa ghi toạ độ `location.geo`").help(crate::place::GEO_HELP),
        );
    }
    problems
}

/// The steps: at least one, oldest first, each saying what was done. A step after the build's
/// day is not an error: it is shown from its day on, so the site builds as of any day.
fn steps(record: &Record) -> Vec<Diagnostic> {
    let e = &record.entry;
    let mut problems = Vec::new();
    if e.steps.is_empty() {
        problems.push(record.source.error("steps", "chưa ghi bước xử lý nào (`steps`)").help(
            "ghi ít nhất ngày phát hiện, ví dụ steps: [{date: 2026-03-02, status: phat_hien, \
             note: \"Phát hiện khi kiểm tra\"}]",
        ));
    }
    for (n, pair) in e.steps.windows(2).enumerate() {
        if pair[1].date < pair[0].date {
            problems.push(
                record
                    .source
                    .error(
                        &format!("steps.{}.date", n + 1),
                        format!(
                            "các bước xử lý không theo thứ tự ngày: bước ngày {} ghi sau bước ngày {}",
                            crate::dates::short(pair[1].date),
                            crate::dates::short(pair[0].date)
                        ),
                    )
                    .help("xếp các bước từ cũ đến mới, mỗi bước một ngày"),
            );
        }
    }
    for (n, step) in e.steps.iter().enumerate() {
        if step.note.trim().is_empty() {
            problems.push(
                record
                    .source
                    .error(&format!("steps.{n}.note"), "bước xử lý chưa ghi đã làm gì (`note`)")
                    .help("ghi ngắn gọn việc đã làm, ví dụ \"Tháo dỡ barie đầu ngõ\""),
            );
        }
    }
    problems
}

/// The decision: its number written, and a deadline not before it.
fn decision(record: &Record) -> Vec<Diagnostic> {
    let e = &record.entry;
    let mut problems = Vec::new();
    let Some(d) = &e.decision else { return problems };
    for (key, value) in [
        ("decision.number", &d.number),
        ("decision.symbol", &d.symbol),
        ("decision.issuer", &d.issuer),
    ] {
        if value.trim().is_empty() {
            problems.push(record.source.error(key, format!("thiếu `{key}`")).help(
                "ghi số, ký hiệu, ngày và người ký quyết định, ví dụ decision: {number: \"05\", \
                 symbol: \"QĐ-UBND\", date: 2026-02-02, issuer: \"Chủ tịch UBND phường\"}",
            ));
        }
    }
    if let Some(deadline) = e.deadline.filter(|deadline| *deadline < d.date) {
        problems.push(
            record
                .source
                .error(
                    "deadline",
                    format!(
                        "ngày không hợp lý: thời hạn xử lý ({}) trước ngày quyết định ({})",
                        crate::dates::short(deadline),
                        crate::dates::short(d.date)
                    ),
                )
                .help("kiểm tra lại ngày, tháng, năm"),
        );
    }
    problems
}

/// A water solution belongs to a deep alley, and a deep alley is not fixed without one.
fn water(record: &Record, today: Date) -> Vec<Diagnostic> {
    let e = &record.entry;
    let fixed = super::state_on(e, today).is_some_and(|s| s.status == Status::DaKhacPhuc);
    match (&e.water_solution, e.kind) {
        (Some(_), kind) if kind != ProblemKind::NgoSau => vec![
            record
                .source
                .error(
                    "water_solution",
                    format!(
                        "chỉ ngõ sâu mới ghi giải pháp cấp nước; vấn đề này là “{}”",
                        kind.label()
                    ),
                )
                .help("bỏ `water_solution`, hoặc sửa `kind: ngo_sau` nếu đây là ngõ sâu"),
        ],
        (None, ProblemKind::NgoSau) if fixed => vec![
            record
                .source
                .error("kind", "ngõ sâu đã khắc phục nhưng chưa ghi giải pháp cấp nước")
                .help(format!(
                    "thêm water_solution: {{kind: …, detail: \"…\"}}; các giá trị cho phép: {}",
                    crate::closed_list::allowed::<WaterSolution>()
                )),
        ],
        (Some(s), _) if s.kind == WaterSolution::Khac && s.detail.trim().is_empty() => vec![
            record
                .source
                .error("water_solution.kind", "giải pháp cấp nước “khác” chưa ghi là gì")
                .help(
                    "ghi water_solution.detail, ví dụ \"Bể nước 10 m³ ở nhà văn hoá tổ dân phố\"",
                ),
        ],
        _ => Vec::new(),
    }
}
