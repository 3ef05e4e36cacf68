//! What a sheet is made of, however it was written: cells and rows, the place of a CSV row in
//! its file, and the limits every sheet is read within ([`MAX_BYTES`], [`MAX_ROWS`],
//! [`MAX_CELLS`]) so that a broken or hostile file cannot stall a build or exhaust memory.
//!
//! [`super::import`] (CSV, and records from rows) and [`super::workbook`] (`.xlsx`) both read
//! sheets into these values; this module knows neither `csv` nor `calamine`, so neither reader
//! needs the other.

use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;

use super::schema::thousands;
use crate::diagnostic::Diagnostic;

/// Most bytes a sheet may take: a CSV file, an `.xlsx` file, and what the parts of an `.xlsx`
/// unpack to. 10,000 records of the office's table take about 4 MB as CSV and 15 MB unpacked
/// as `.xlsx` (measured with the test fixtures' rows), so this leaves room for any sheet within
/// [`MAX_ROWS`], with formatting and pasted pictures, while a file that unpacks to gigabytes
/// is stopped after reading 100 MB.
pub const MAX_BYTES: u64 = 100_000_000;

/// Most rows a sheet may have, the header included. A ward lists hundreds of facilities, a few
/// thousand records over the years; 20,000 is ten times that, and still builds in seconds.
/// A sheet past it is almost certainly something else: a whole district's export, or rows
/// filled down by mistake.
pub const MAX_ROWS: usize = 20_000;

/// Most cells a sheet may have, counted in each row up to its last filled cell: 20,000 rows of
/// 50 columns (the office's table has 28). Bounds the memory a sheet takes (a cell filled far
/// to the right, at column XFD, would otherwise count as 16,384).
pub const MAX_CELLS: usize = 1_000_000;

/// A cell as read.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text.
    Text(String),
    /// A number (spreadsheets).
    Number(f64),
    /// A date (spreadsheets).
    Date(Date),
}

impl Cell {
    /// The cell as text, trimmed; a whole number without decimals.
    pub(super) fn text(&self) -> String {
        match self {
            Cell::Empty => String::new(),
            Cell::Text(t) => t.trim().to_string(),
            Cell::Number(n) if n.fract() == 0.0 => format!("{}", *n as i64),
            Cell::Number(n) => n.to_string(),
            Cell::Date(d) => d.to_string(),
        }
    }

    pub(super) fn is_empty(&self) -> bool {
        self.text().is_empty()
    }
}

/// A row of a sheet: its number (the header is row 1 when it is the first line), the
/// place it is written at (CSV only), and its cells from column A.
pub(super) type SheetRow = (usize, Option<Place>, Vec<Cell>);

/// Where a CSV row is written: the line it starts on and each cell's text (byte ranges of the
/// file, by column), so messages mark the cell itself.
#[derive(Debug)]
pub(super) struct Place {
    pub(super) line: usize,
    pub(super) cells: Vec<std::ops::Range<usize>>,
}

/// `A`, `B`, ..., `Z`, `AA` for a 0-based column index.
pub fn column_letter(index: usize) -> String {
    let mut n = index + 1;
    let mut out = Vec::new();
    while n > 0 {
        let r = (n - 1) % 26;
        out.push(b'A' + r as u8);
        n = (n - 1) / 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// A date from Excel's serial day number (days since 1899-12-30); `None` past jiff's calendar
/// (`Span::days` would panic on a number such as 99999999 in a date column).
pub(super) fn excel_date(serial: f64) -> Option<Date> {
    if !serial.is_finite() {
        return None;
    }
    let base = Date::new(1899, 12, 30).ok()?;
    base.checked_add(jiff::Span::new().try_days(serial.floor() as i64).ok()?).ok()
}

/// What a sheet has used of [`MAX_ROWS`] and [`MAX_CELLS`] so far.
#[derive(Debug, Default)]
pub(super) struct Budget {
    cells: usize,
}

/// Which limit a sheet passed, and at which row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Over {
    /// A filled cell in this row, past [`MAX_ROWS`].
    Rows(usize),
    /// [`MAX_CELLS`] passed in this row.
    Cells(usize),
}

impl Budget {
    /// Counts a filled cell at 1-based `row` and 0-based `column`, in a row that reached
    /// `width` cells so far.
    pub(super) fn filled(&mut self, row: usize, column: usize, width: usize) -> Result<(), Over> {
        if row > MAX_ROWS {
            return Err(Over::Rows(row));
        }
        self.cells += (column + 1).saturating_sub(width);
        if self.cells > MAX_CELLS {
            return Err(Over::Cells(row));
        }
        Ok(())
    }
}

/// The error for a sheet past a limit, at the CSV line when there is one.
pub(super) fn over_limit(shown: &Path, at: Option<(&Arc<str>, usize)>, over: Over) -> Diagnostic {
    let n = |n: usize| thousands(n as u64);
    let d = match over {
        Over::Rows(row) => Diagnostic::error(
            shown,
            format!("hàng {} có dữ liệu, quá giới hạn {} hàng của một bảng", n(row), n(MAX_ROWS)),
        )
        .help(format!(
            "nếu danh sách không dài như vậy, các hàng cuối là hàng thừa: xoá chúng (chọn các \
             hàng, chuột phải, Xoá) rồi lưu lại; nếu thật sự dài như vậy, hãy chia danh sách \
             thành nhiều tệp, mỗi tệp dưới {} hàng",
            n(MAX_ROWS)
        )),
        Over::Cells(row) => Diagnostic::error(
            shown,
            format!(
                "bảng có hơn {} ô (đếm đến ô cuối có dữ liệu của mỗi hàng), vượt ở hàng {}",
                n(MAX_CELLS),
                n(row)
            ),
        )
        .help(
            "xoá các cột thừa ở bên phải bảng (không có tên trong hàng tiêu đề) và các ô lạc ở \
             xa, hoặc chia danh sách thành nhiều tệp",
        ),
    };
    match (at, over) {
        (Some((text, line)), _) => d.at_line_col(text, line, 1, 1),
        _ => d,
    }
}

/// The error for a sheet file larger than [`MAX_BYTES`].
pub(super) fn too_large(shown: &Path, what: &str) -> Diagnostic {
    Diagnostic::error(
        shown,
        format!("{what} {} MB, quá giới hạn của một bảng", thousands(MAX_BYTES / 1_000_000)),
    )
    .help(
        "danh sách 10.000 hồ sơ chỉ chừng 15 MB: hãy xoá ảnh dán trong bảng, các trang tính \
         không dùng và các hàng trống đã định dạng ở cuối trang tính, rồi lưu lại; nếu thật sự \
         có nhiều dữ liệu như vậy, hãy chia danh sách thành nhiều tệp",
    )
}

/// `text` cut after 60 characters, for quoting a cell in a message.
pub(super) fn shorten(text: &str) -> String {
    let mut chars = text.chars();
    let short: String = chars.by_ref().take(60).collect();
    if chars.next().is_some() { format!("{short}…") } else { short }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_budget_counts_rows_and_cells_up_to_the_last_filled_one() {
        let mut budget = Budget::default();
        assert_eq!(budget.filled(1, 27, 0), Ok(()));
        assert_eq!(budget.filled(2, 3, 28), Ok(()), "inside a row already as wide");
        assert_eq!(budget.cells, 28);
        assert_eq!(budget.filled(MAX_ROWS + 1, 0, 0), Err(Over::Rows(MAX_ROWS + 1)));
        assert_eq!(budget.filled(3, MAX_CELLS - 29, 0), Ok(()));
        assert_eq!(budget.filled(4, 0, 0), Err(Over::Cells(4)));
    }

    #[test]
    fn columns_are_lettered_like_excel() {
        assert_eq!(column_letter(0), "A");
        assert_eq!(column_letter(25), "Z");
        assert_eq!(column_letter(26), "AA");
    }

    #[test]
    fn excel_serial_days_are_dates_within_the_calendar() {
        assert_eq!(excel_date(46058.0), Some(Date::new(2026, 2, 5).unwrap()));
        // A number far past any calendar in a date column is not a date (it made jiff panic).
        for serial in [99_999_999.0, -1e12, f64::MAX, f64::NAN] {
            assert_eq!(excel_date(serial), None, "{serial}");
        }
    }
}
