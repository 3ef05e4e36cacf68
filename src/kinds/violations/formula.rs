//! Spreadsheet formulas in the open data ("CSV injection", OWASP). `danh-sach.csv` carries a
//! byte-order mark so that Excel opens it directly, and Excel (like LibreOffice and Google
//! Sheets) reads a cell that begins with `=`, `+`, `-` or `@` as a formula, which can open a
//! web address or run a command on the reader's computer.
//!
//! Two layers: a published field that begins with `=` or `@` is refused when the records are
//! checked (an editor pasting `=HYPERLINK(…)` into a name made a mistake), and every cell of
//! the CSV that a spreadsheet would read as a formula is written as text anyway
//! ([`crate::spreadsheet::neutralise`]), whatever the checks let through. This module is the
//! first layer; the second, shared by every data set's CSV, is [`crate::spreadsheet`].

use super::{Record, may_publish};
use crate::diagnostic::Diagnostic;
use crate::spreadsheet::first_visible;

/// Of the first characters that make a spreadsheet read a cell as a formula
/// ([`crate::spreadsheet::FORMULA_START`]), the ones that never start ordinary text. `+` and
/// `-` are left out: Vietnamese documents use them as list markers ("- Không có bình chữa
/// cháy"), so they are only neutralised in the CSV, never refused.
const REFUSED_START: [char; 4] = ['=', '@', '＝', '＠'];

/// The texts an editor wrote into the published fields of `record`, with the key each is
/// reported at. Labels, dates and amounts come from pccc and cannot begin with a formula.
fn written(record: &Record) -> Vec<(&'static str, &str)> {
    let e = &record.entry;
    // (key reported, key of the allowlist, text)
    let mut texts = vec![
        ("facility.name", "facility.name", e.facility.name.as_str()),
        ("facility.address", "facility.address", e.facility.address.as_str()),
        ("facility.to_dan_pho", "facility.to_dan_pho", e.facility.to_dan_pho.as_str()),
        ("owner.name", "owner.name", e.owner.name.as_str()),
        ("description", "description", e.description.as_str()),
    ];
    texts.extend(e.legal_refs.iter().map(|r| ("legal_refs", "legal_refs", r.as_str())));
    if let Some(decision) = &e.decision {
        texts.push(("decision.issuer", "decision", decision.issuer.as_str()));
    }
    texts.extend(
        e.corrective_measures
            .iter()
            .map(|m| ("corrective_measures", "corrective_measures", m.as_str())),
    );
    if let Some(basis) = &e.publication.legal_basis {
        texts.push(("publication.legal_basis", "publication.legal_basis", basis.as_str()));
    }
    // Only what goes out: a withheld field never reaches a spreadsheet.
    texts
        .into_iter()
        .filter(|(_, published, _)| may_publish(e.owner.kind, published))
        .map(|(key, _, text)| (key, text))
        .collect()
}

/// A problem for every published field of `record` that begins with `=` or `@`.
pub fn check(record: &Record) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (key, text) in written(record) {
        let Some(sign) = first_visible(text).filter(|c| REFUSED_START.contains(c)) else {
            continue;
        };
        problems.push(
            record
                .origin
                .error_at_value(
                    key,
                    text.trim(),
                    format!(
                        "trường công khai `{key}` bắt đầu bằng `{sign}` nên Excel sẽ chạy nó như một công thức: “{}”",
                        super::sheet::shorten(text.trim())
                    ),
                )
                .help(format!(
                    "bỏ dấu `{sign}` ở đầu và chỉ ghi chữ; không dán công thức hay hàm của Excel (như =HYPERLINK) vào danh sách công khai"
                )),
        );
    }
    problems
}
