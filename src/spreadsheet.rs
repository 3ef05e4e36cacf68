//! What the site hands to spreadsheets: the CSV files of the open data (`danh-sach.csv` of
//! every data set) and the guard against spreadsheet formulas in them ("CSV injection",
//! OWASP). Excel (like LibreOffice and Google Sheets) reads a cell that begins with `=`, `+`,
//! `-` or `@` as a formula, which can open a web address or run a command on the reader's
//! computer; every cell that would be read so is written as text ([`neutralise`]), and the
//! import of the office's sheets takes that mark off again ([`restore`]).
//!
//! A leaf: it takes text and returns bytes, for the view side of every kind and for the
//! violations' import and checks alike.

use std::borrow::Cow;

/// First characters that make a spreadsheet read a cell as a formula: OWASP's list, with the
/// full-width forms that spreadsheets under East Asian settings read as the ASCII ones.
pub const FORMULA_START: [char; 8] = ['=', '+', '-', '@', '＝', '＋', '－', '＠'];

/// The first character a spreadsheet looks at: spaces, line breaks and invisible characters
/// before it do not stop `  =1+1` from being read as a formula.
pub fn first_visible(text: &str) -> Option<char> {
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
/// read as a formula (OWASP's advice; [`csv`] also quotes every cell).
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

/// A CSV file a spreadsheet opens as text: UTF-8 with a byte-order mark (so that Excel reads
/// the diacritics), lines ended by CRLF, every cell quoted (so that a `;` or `,` inside a cell
/// never starts a new one, whichever separator the reader's Excel expects) and every cell of
/// `rows` that a spreadsheet would run as a formula [`neutralise`]d.
pub fn csv<S: AsRef<str>>(header: &[&str], rows: impl IntoIterator<Item = Vec<S>>) -> Vec<u8> {
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .quote_style(::csv::QuoteStyle::Always)
        .from_writer(Vec::new());
    // Writing into a `Vec` cannot fail.
    let _ = writer.write_record(header);
    for row in rows {
        let _ = writer.write_record(row.iter().map(|cell| neutralise(cell.as_ref()).into_owned()));
    }
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(writer.into_inner().unwrap_or_default());
    bytes
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
            " @x",
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

    /// Every cell a spreadsheet would run comes back from the CSV with a `'` in front; the
    /// others come back unchanged.
    #[test]
    fn csv_cells_never_start_a_formula() {
        let cells = [
            "=HYPERLINK(\"http://x.example\",\"Bấm\")",
            "+1+1",
            "-2+3",
            "@SUM(A1:A2)",
            "\t=1+1",
            "\r=1+1",
            "  =1+1",
            "＝1+1",
            "＋1",
            "－1",
            "＠x",
            "Karaoke A; =1+1, \"x\"",
            "Số 1 ngõ Thử",
        ];
        let row: Vec<String> = cells.iter().map(|c| c.to_string()).collect();
        let bytes = csv(&["a"; 13], [row]);
        assert!(bytes.starts_with(b"\xEF\xBB\xBF\"a\",\"a\""));
        let mut reader = ::csv::Reader::from_reader(&bytes[3..]);
        let read: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
        assert_eq!(read.len(), 1);
        let got: Vec<&str> = read[0].iter().collect();
        let mut expected: Vec<String> = cells[..11].iter().map(|c| format!("'{c}")).collect();
        expected.push(cells[11].to_string());
        expected.push(cells[12].to_string());
        assert_eq!(got, expected);
    }
}
