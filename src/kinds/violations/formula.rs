//! Spreadsheet formulas in the open data ("CSV injection", OWASP). `danh-sach.csv` carries a
//! byte-order mark so that Excel opens it directly, and Excel (like LibreOffice and Google
//! Sheets) reads a cell that begins with `=`, `+`, `-` or `@` as a formula, which can open a
//! web address or run a command on the reader's computer.
//!
//! Two layers: a published field that begins with `=` or `@` is refused when the records are
//! checked (an editor pasting `=HYPERLINK(…)` into a name made a mistake), and every cell of
//! the CSV that a spreadsheet would read as a formula is written as text anyway
//! ([`neutralise`]), whatever the checks let through.

use std::borrow::Cow;

use super::{Record, may_publish};
use crate::diagnostic::Diagnostic;

/// First characters that make a spreadsheet read a cell as a formula: OWASP's list, with the
/// full-width forms that spreadsheets under East Asian settings read as the ASCII ones.
const FORMULA_START: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// Of those, the ones that never start ordinary text. `+` and `-` are left out: Vietnamese
/// documents use them as list markers ("- Không có bình chữa cháy"), so they are only
/// neutralised in the CSV, never refused.
const REFUSED_START: [char; 4] = ['=', '@', '＝', '＠'];

/// The first character a spreadsheet looks at: spaces, line breaks and invisible characters
/// before it do not stop `  =1+1` from being read as a formula.
fn first_visible(text: &str) -> Option<char> {
    text.chars().find(|c| {
        !(c.is_whitespace() || matches!(c, '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}'))
    })
}

/// Whether a spreadsheet would read `cell` as a formula: it begins with a tab or a carriage
/// return (OWASP), or its first visible character is one of [`FORMULA_START`].
pub fn is_formula(cell: &str) -> bool {
    cell.starts_with(['\t', '\r'])
        || first_visible(cell).is_some_and(|c| FORMULA_START.contains(&c))
}

/// `cell` as a spreadsheet will show it as text: with a leading `'` when it would otherwise be
/// read as a formula (OWASP's advice; the writer also quotes every cell).
pub fn neutralise(cell: &str) -> Cow<'_, str> {
    if is_formula(cell) { Cow::Owned(format!("'{cell}")) } else { Cow::Borrowed(cell) }
}

/// `cell` as it was before [`neutralise`]: without the `'` written before a cell a
/// spreadsheet would read as a formula, as Excel and LibreOffice drop it when they save a
/// sheet. A `'` before anything else is the editor's and stays.
pub fn restore(cell: &str) -> &str {
    match cell.strip_prefix('\'') {
        Some(rest) if is_formula(rest) => rest.trim(),
        _ => cell,
    }
}

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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formulas_are_found_behind_spaces_and_in_full_width() {
        for cell in [
            "=1+1",
            "+1+1",
            "-1+1",
            "@SUM(A1)",
            "\t=1",
            "\tabc",
            "\rabc",
            "  =1+1",
            "\u{A0}=1",
            "\u{200B}=1",
            "\n@x",
            "＝1+1",
            "＋1",
            "－1",
            "＠x",
            "- Không có bình chữa cháy",
        ] {
            assert!(is_formula(cell), "{cell:?}");
            assert_eq!(neutralise(cell), format!("'{cell}"), "{cell:?}");
            // The import reads the cell back as it was, spaces aside (it trims every cell).
            assert_eq!(restore(&neutralise(cell)), cell.trim(), "{cell:?}");
        }
        for cell in ["", "Karaoke A", "1+1", "'=1+1", "vp-2026-0007", "a=b", "2026-05-02", "Số 1"]
        {
            assert!(!is_formula(cell), "{cell:?}");
            assert_eq!(neutralise(cell), cell);
            if !cell.starts_with('\'') {
                assert_eq!(restore(cell), cell);
            }
        }
    }
}
