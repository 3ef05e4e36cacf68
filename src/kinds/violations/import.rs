//! Import from the office's spreadsheets: `.csv` (UTF-8 with or without BOM, `,` or `;`) and
//! `.xlsx`, one record per row, Vietnamese column headers mapped to fields by `site.toml`.
//!
//! Every bad cell is reported (file, row, column, what was expected), all at once. Columns the
//! table does not map are never read into a record, so they can never be published; a warning
//! names them. A sheet is read within the limits of [`super::sheet`] (size, rows, cells), and a
//! sheet without records is an error. This module is the only one that knows `csv`;
//! [`super::workbook`] reads `.xlsx` files into the same rows ([`crate::explain`] words the
//! errors of both).

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;

use super::schema::*;
use super::sheet::{
    Budget, Cell, MAX_BYTES, Place, SheetRow, column_letter, excel_date, over_limit, shorten,
    too_large,
};
use super::{Origin, Record, Row, State};
use crate::closed_list::{self, Closed, WrittenIn};
use crate::diagnostic::{Diagnostic, Problems};

/// Fields a column can fill.
pub const FIELDS: [&str; 29] = [
    "id",
    "sample",
    "facility.name",
    "facility.type",
    "facility.address",
    "facility.to_dan_pho",
    "owner.kind",
    "owner.name",
    "categories",
    "description",
    "legal_refs",
    "decision.number",
    "decision.symbol",
    "decision.date",
    "decision.issuer",
    "sanctions.fine_vnd",
    "sanctions.suspension_months",
    "corrective_measures",
    "remediation.deadline",
    "remediation.status",
    "remediation.status_date",
    "remediation.updates",
    "publication.legal_basis",
    "publication.since",
    "publication.until",
    "publication.removal.date",
    "publication.removal.reason",
    "publication.removal.evidence",
    "history",
];

/// The office's headers, used when `site.toml` has no `[violations.columns]`; `danh-sach.csv`
/// is written with the same headers, so that it can be imported back.
pub const DEFAULT_COLUMNS: [(&str, &str); 29] = [
    ("Mã hồ sơ", "id"),
    ("Dữ liệu minh hoạ", "sample"),
    ("Tên cơ sở", "facility.name"),
    ("Loại hình", "facility.type"),
    ("Địa chỉ", "facility.address"),
    ("Tổ dân phố", "facility.to_dan_pho"),
    ("Chủ cơ sở là", "owner.kind"),
    ("Chủ cơ sở", "owner.name"),
    ("Hành vi vi phạm", "categories"),
    ("Mô tả vi phạm", "description"),
    ("Căn cứ pháp lý", "legal_refs"),
    ("Số quyết định", "decision.number"),
    ("Ký hiệu quyết định", "decision.symbol"),
    ("Ngày quyết định", "decision.date"),
    ("Người ký quyết định", "decision.issuer"),
    ("Số tiền phạt (đồng)", "sanctions.fine_vnd"),
    ("Đình chỉ hoạt động (tháng)", "sanctions.suspension_months"),
    ("Biện pháp khắc phục", "corrective_measures"),
    ("Thời hạn khắc phục", "remediation.deadline"),
    ("Kết quả khắc phục", "remediation.status"),
    ("Ngày cập nhật kết quả", "remediation.status_date"),
    ("Các bước khắc phục", "remediation.updates"),
    ("Căn cứ công khai", "publication.legal_basis"),
    ("Công khai từ ngày", "publication.since"),
    ("Công khai đến ngày", "publication.until"),
    ("Ngày gỡ", "publication.removal.date"),
    ("Lý do gỡ", "publication.removal.reason"),
    ("Văn bản gỡ", "publication.removal.evidence"),
    ("Lịch sử thay đổi", "history"),
];

/// Columns `danh-sach.csv` adds after the fields, worked out at each build (the status on the
/// build's day, the record's page): a downloaded list put back in `content/vi-pham/` has them,
/// and they are passed over without a warning.
pub const DERIVED: [&str; 2] = ["Tình trạng", "Trang hồ sơ"];

const REQUIRED: [&str; 10] = [
    "id",
    "facility.name",
    "facility.type",
    "facility.address",
    "facility.to_dan_pho",
    "owner.kind",
    "owner.name",
    "categories",
    "description",
    "publication.since",
];

/// The header-to-field table.
#[derive(Debug, Clone)]
pub struct Columns {
    /// Folded header and field key.
    map: Vec<(String, &'static str)>,
}

impl Columns {
    /// The table from `site.toml`, or the default; unknown fields are (header, message) errors.
    pub fn new(configured: &BTreeMap<String, String>) -> Result<Columns, Vec<(String, String)>> {
        if configured.is_empty() {
            return Ok(Columns {
                map: DEFAULT_COLUMNS.iter().map(|(h, f)| (crate::text::fold(h), *f)).collect(),
            });
        }
        let mut map = Vec::new();
        let mut errors = Vec::new();
        for (header, field) in configured {
            match FIELDS.iter().find(|f| **f == field.as_str()) {
                Some(f) => map.push((crate::text::fold(header.trim()), *f)),
                None => errors.push((
                    format!("\"{field}\""),
                    format!("cột “{header}” ghi vào trường `{field}`, nhưng không có trường này"),
                )),
            }
        }
        if errors.is_empty() { Ok(Columns { map }) } else { Err(errors) }
    }

    fn field(&self, header: &str) -> Option<&'static str> {
        let folded = crate::text::fold(crate::text::nfc(header.trim()).as_ref());
        self.map.iter().find(|(h, _)| *h == folded).map(|(_, f)| *f)
    }
}

/// Reads the records of a CSV sheet's `bytes`; `shown` is the path messages name. Pure: the
/// build reads the bytes in the load stage, and the fuzz targets (`fuzz/`) call it directly.
pub fn parse_csv(
    shown: &Path,
    bytes: &[u8],
    columns: &Columns,
    warnings: &mut Problems,
) -> Result<Vec<Record>, Problems> {
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_large(shown, "tệp CSV lớn hơn").into());
    }
    let text = crate::load::decode(shown, bytes)?;
    let read = csv_rows(shown, &text, warnings)?;
    if read.quoted > 0 && read.rows.len() <= 1 {
        // Every record was refused for its quotes (already reported): the sheet is not empty,
        // and saying it is would send the editor looking for the wrong mistake.
        return Ok(Vec::new());
    }
    if read.rows.is_empty() {
        return Err(Diagnostic::error(
            shown,
            "tệp CSV trống: không có hàng tiêu đề, không có hồ sơ",
        )
        .help(
            "lưu lại danh sách từ Excel dạng “CSV UTF-8 (Comma delimited)”; nếu phường chưa \
             có hồ sơ nào để đăng, hãy chuyển tệp này ra khỏi thư mục content/vi-pham/",
        )
        .into());
    }
    records_from(shown, Some(text), read.rows, columns, warnings)
}

/// The rows of a CSV sheet, as far as they could be read.
struct CsvRows {
    /// The rows with a filled cell, the header first.
    rows: Vec<SheetRow>,
    /// How many rows were left out for a misplaced quote (each reported).
    quoted: usize,
}

/// `;` when the first line has more of them than commas (Excel writes `;` where the comma is
/// the decimal sign), else `,`.
fn delimiter(text: &str) -> u8 {
    let first_line = text.lines().next().unwrap_or_default();
    if first_line.matches(';').count() > first_line.matches(',').count() { b';' } else { b',' }
}

/// Reads `text` row by row within the limits of [`super::sheet`]. A row with a misplaced quote
/// is reported in `warnings` and left out; a file the reader cannot go on reading, or a sheet
/// past a limit, is the error.
fn csv_rows(shown: &Path, text: &Arc<str>, warnings: &mut Problems) -> Result<CsvRows, Problems> {
    let delimiter = delimiter(text);
    let mut reader = csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .has_headers(false)
        .flexible(true)
        .from_reader(text.as_bytes());
    let mut rows: Vec<SheetRow> = Vec::new();
    let mut budget = Budget::default();
    let mut quoted = 0;
    for (i, result) in reader.records().enumerate() {
        let record = result.map_err(|e| broken_csv(shown, text, &e))?;
        let line = record.position().map_or(0, |p| p.line() as usize);
        let start = record.position().map_or(0, |p| p.byte() as usize);
        let raw = raw_cells(text, start, delimiter, record.len());
        if let Some(quote) = raw.bad_quote {
            // The cells after a misplaced quote are shifted: their errors would only mislead,
            // so the row is reported once, for its quote.
            let header = rows.first().and_then(|(_, _, h)| h.get(quote.column));
            let header = header.map(Cell::text).unwrap_or_default();
            let what = QuotedRow { number: i + 1, header: &header, delimiter };
            warnings.push(quote_error(shown, text, &what, &quote));
            quoted += 1;
            continue;
        }
        let Some(cells) = filled_cells(&record) else { continue };
        budget
            .filled(i + 1, cells.len() - 1, 0)
            .map_err(|over| over_limit(shown, Some((text, line)), over))?;
        rows.push((i + 1, Some(Place { line, cells: raw.spans }), cells));
    }
    Ok(CsvRows { rows, quoted })
}

/// The cells of `record` up to its last filled one; `None` for a row without one. Trailing
/// empty cells (`;;;;` to the end of a line) are not kept, nor counted, and neither are empty
/// rows: a file of 100 MB of `;` lines would otherwise hold millions of them.
fn filled_cells(record: &csv::StringRecord) -> Option<Vec<Cell>> {
    let mut cells: Vec<Cell> = record
        .iter()
        .map(|c| match crate::spreadsheet::restore(c.trim()) {
            "" => Cell::Empty,
            c => Cell::Text(c.to_string()),
        })
        .collect();
    let last = cells.iter().rposition(|c| !c.is_empty())?;
    cells.truncate(last + 1);
    Some(cells)
}

/// The error for a CSV file the reader stops in.
fn broken_csv(shown: &Path, text: &Arc<str>, e: &csv::Error) -> Diagnostic {
    let line = e.position().map_or(1, |p| p.line() as usize);
    Diagnostic::error(shown, format!("tệp CSV hỏng ở dòng {line}"))
        .at_line_col(text, line, 1, 1)
        .note(format!("trình đọc CSV báo: {}", crate::explain::csv_error(e)))
        .help("mở lại bằng Excel và lưu dạng “CSV UTF-8 (Comma delimited)”")
}

/// The cells of one CSV record as written in the file.
#[derive(Debug, PartialEq, Eq)]
struct RawCells {
    /// Each cell's text, without its surrounding quotes.
    spans: Vec<std::ops::Range<usize>>,
    /// The first cell whose quotes do not close where the cell ends.
    bad_quote: Option<BadQuote>,
}

/// A cell that opens a double quote that is not closed right at the end of the cell.
#[derive(Debug, PartialEq, Eq)]
struct BadQuote {
    /// Column index of the cell.
    column: usize,
    /// Byte offset of the opening quote.
    open: usize,
    /// Byte offset of the quote the reader took as the closing one, if any.
    close: Option<usize>,
}

/// Finds the `count` cells of the CSV record starting at byte `start` of `text`, read as the
/// csv crate reads them (RFC 4180: a cell starting with `"` runs to the next lone `"`, `""`
/// being a quote inside; anything after that quote, up to the delimiter, still belongs to the
/// cell). The csv crate gives only the record's start, not its cells'.
fn raw_cells(text: &str, start: usize, delimiter: u8, count: usize) -> RawCells {
    let bytes = text.as_bytes();
    let ends_cell = |b: u8| b == delimiter || b == b'\n' || b == b'\r';
    let mut spans = Vec::with_capacity(count);
    let mut bad_quote = None;
    let mut i = start;
    for column in 0..count {
        let cell_start = i;
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            let mut close = None;
            while i < bytes.len() {
                if bytes[i] == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    close = Some(i);
                    i += 1;
                    break;
                }
                i += 1;
            }
            let after_close = i;
            while i < bytes.len() && !ends_cell(bytes[i]) {
                i += 1;
            }
            match close {
                Some(close) if i == after_close => spans.push(cell_start + 1..close),
                _ => {
                    bad_quote.get_or_insert(BadQuote { column, open: cell_start, close });
                    spans.push(cell_start..i);
                }
            }
        } else {
            while i < bytes.len() && !ends_cell(bytes[i]) {
                i += 1;
            }
            spans.push(cell_start..i);
        }
        if bytes.get(i) != Some(&delimiter) {
            break;
        }
        i += 1;
    }
    RawCells { spans, bad_quote }
}

/// The row of a [`BadQuote`], for its message.
struct QuotedRow<'a> {
    number: usize,
    /// The header of the quote's column, if the header row was read.
    header: &'a str,
    delimiter: u8,
}

/// The one error of a CSV row whose cell opens a quote that does not close where it should.
fn quote_error(shown: &Path, text: &Arc<str>, row: &QuotedRow<'_>, quote: &BadQuote) -> Diagnostic {
    let column = match row.header {
        "" => column_letter(quote.column),
        header => format!("{} “{header}”", column_letter(quote.column)),
    };
    let sep = char::from(row.delimiter);
    let d = Diagnostic::error(
        shown,
        format!("hàng {}, cột {column}: ô mở dấu ngoặc kép nhưng không đóng ở cuối ô", row.number),
    )
    .at(text, quote.open..quote.open + 1)
    .label("mở ngoặc kép ở đây")
    .help(format!(
        "đóng ngoặc kép ở cuối ô, ngay trước dấu `{sep}` sang ô sau, ví dụ \"Karaoke, vũ trường\"{sep} \
         hoặc bỏ dấu ngoặc kép mở; dấu ngoặc kép nằm trong ô thì viết hai lần: \"\""
    ));
    match quote.close {
        Some(close) => {
            let (line, column) = crate::diagnostic::line_col(text, close);
            d.note(format!(
                "dấu ngoặc kép đóng nằm ở dòng {line}, cột {column}: mọi thứ ở giữa bị gộp vào \
                 một ô, nên các ô sau bị lệch cột"
            ))
        }
        None => d.note("không có dấu ngoặc kép đóng: mọi thứ đến cuối tệp bị gộp vào một ô"),
    }
}

/// Reads the records of the first sheet of the `.xlsx` workbook in `bytes`; `shown` is the
/// path messages name. Pure, like [`parse_csv`].
pub fn parse_xlsx(
    shown: &Path,
    bytes: &[u8],
    columns: &Columns,
    warnings: &mut Problems,
) -> Result<Vec<Record>, Problems> {
    let (rows, control) = super::workbook::read_rows(bytes, shown)?;
    warnings.extend(control);
    records_from(shown, None, rows, columns, warnings)
}

const NO_RECORDS_HELP: &str = "mỗi bảng trong content/vi-pham/ phải có ít nhất một hồ sơ, một \
    hàng dưới hàng tiêu đề; nếu phường chưa có hồ sơ nào để đăng, hãy chuyển tệp này ra khỏi \
    thư mục content/vi-pham/ (tệp mẫu để trống thì lưu ở nơi khác)";

/// A column the table maps: its field, its index (0-based) and its header as written, as
/// [`Row::columns`] holds them.
type Mapped = (String, usize, String);

/// Rows (number, CSV line, cells), the first being the header, into records.
fn records_from(
    shown: &Path,
    text: Option<Arc<str>>,
    rows: Vec<SheetRow>,
    columns: &Columns,
    sink: &mut Problems,
) -> Result<Vec<Record>, Problems> {
    let mut rows = rows.into_iter().filter(|(_, _, cells)| cells.iter().any(|c| !c.is_empty()));
    let Some((_, header_place, header)) = rows.next() else {
        return Err(Diagnostic::error(shown, "bảng trống: không có hàng tiêu đề, không có hồ sơ")
            .help(NO_RECORDS_HELP)
            .into());
    };
    let header_line = text.as_ref().zip(header_place.map(|p| p.line));
    let mut rows = rows.peekable();
    if rows.peek().is_none() {
        // An empty list published in place of a full one would take every record off the
        // public list without a word: refused, so the previous output stays until someone
        // looks.
        let d = Diagnostic::error(shown, "bảng chỉ có hàng tiêu đề, không có hồ sơ nào")
            .help(NO_RECORDS_HELP);
        return Err(on_header(d, header_line, None).into());
    }
    let mapped = mapped_columns(shown, &header, columns, header_line, sink)?;
    let mut problems = Vec::new();
    let records: Vec<Record> =
        rows.filter_map(|row| record_of(shown, &text, &mapped, row, &mut problems)).collect();
    // Rows that could be read are still checked, so every problem shows in one build.
    sink.extend(problems);
    Ok(records)
}

/// `d` shown on a CSV's header line (`at`: the file's text and the line number), at the header
/// `name` when the line has it; for a workbook (`at` is `None`), `d` as it is.
fn on_header(d: Diagnostic, at: Option<(&Arc<str>, usize)>, name: Option<&str>) -> Diagnostic {
    let Some((text, line)) = at else { return d };
    let start = crate::diagnostic::offset_of(text, line, 1);
    let row = text[start..].split('\n').next().unwrap_or("");
    match name.and_then(|n| row.rfind(n).map(|i| (i, n.len()))) {
        Some((i, len)) => d.at(text, start + i..start + i + len),
        None => d.at_line_col(text, line, 1, 1),
    }
}

/// The columns of the `header` row that the table maps to a field. Columns it does not map are
/// named in a warning in `sink` (they are never read); a field filled by two columns, or a
/// required field by none, is an error, shown on the header line `at`.
fn mapped_columns(
    shown: &Path,
    header: &[Cell],
    columns: &Columns,
    at: Option<(&Arc<str>, usize)>,
    sink: &mut Problems,
) -> Result<Vec<Mapped>, Problems> {
    let mut problems = Problems::new();
    let mut mapped: Vec<Mapped> = Vec::new();
    let mut unmapped = Vec::new();
    for (index, cell) in header.iter().enumerate() {
        let name = cell.text();
        if name.is_empty() {
            continue;
        }
        match columns.field(&name) {
            Some(field) if mapped.iter().any(|(f, _, _)| f == field) => {
                let d = Diagnostic::error(
                    shown,
                    format!(
                        "cột {} “{name}” lặp lại trường `{field}` của một cột khác",
                        column_letter(index)
                    ),
                )
                .help("xoá một trong hai cột, hoặc đổi tên cột cho đúng trường của nó");
                problems.push(on_header(d, at, Some(&name)));
            }
            Some(field) => mapped.push((field.to_string(), index, name)),
            None if is_derived(&name) => {}
            None => unmapped.push(format!("{} “{name}”", column_letter(index))),
        }
    }
    if !unmapped.is_empty() {
        sink.push(
            Diagnostic::warning(
                shown,
                format!(
                    "các cột sau không được ghép với trường nào nên không được đăng: {}",
                    unmapped.join(", ")
                ),
            )
            .help("nếu cần đăng, thêm tên cột vào bảng [violations.columns] trong site.toml"),
        );
    }
    problems.extend(missing_columns(shown, &mapped, at));
    if problems.has_errors() {
        return Err(problems);
    }
    Ok(mapped)
}

/// An error for each required field that no column of `mapped` fills.
fn missing_columns(
    shown: &Path,
    mapped: &[Mapped],
    at: Option<(&Arc<str>, usize)>,
) -> Vec<Diagnostic> {
    let filled = |field: &str| mapped.iter().any(|(f, _, _)| f == field);
    let missing = REQUIRED.into_iter().filter(|field| !filled(field));
    missing
        .map(|field| {
            let header =
                DEFAULT_COLUMNS.iter().find(|(_, f)| *f == field).map_or(field, |(h, _)| *h);
            let d = Diagnostic::error(shown, format!("thiếu cột “{header}” (trường `{field}`)"))
                .help("thêm cột này vào hàng tiêu đề, đúng tên như trong hướng dẫn");
            on_header(d, at, None)
        })
        .collect()
}

/// Whether `header` is one of the [`DERIVED`] columns of `danh-sach.csv`.
fn is_derived(header: &str) -> bool {
    let folded = crate::text::fold(crate::text::nfc(header.trim()).as_ref());
    DERIVED.iter().any(|d| crate::text::fold(d) == folded)
}

/// The record of one row of the sheet, when its cells read; their problems go to `problems`.
fn record_of(
    shown: &Path,
    text: &Option<Arc<str>>,
    mapped: &[Mapped],
    (number, place, cells): SheetRow,
    problems: &mut Vec<Diagnostic>,
) -> Option<Record> {
    let (line, spans) = place.map_or((None, Vec::new()), |p| (Some(p.line), p.cells));
    let row = Row { number, line, cells: spans, columns: mapped.to_vec() };
    let origin = Origin { path: shown.to_path_buf(), text: text.clone(), row: Some(row) };
    let values: BTreeMap<&str, Cell> = mapped
        .iter()
        .map(|(field, index, _)| {
            (
                FIELDS.iter().copied().find(|f| f == field).unwrap_or("id"),
                cells.get(*index).cloned().unwrap_or(Cell::Empty),
            )
        })
        .collect();
    let mut cells = Cells { values, origin: &origin, problems: Vec::new() };
    let entry = cells.entry();
    problems.extend(cells.problems);
    Some(Record { entry: entry?, origin, state: State::Pending })
}

/// One row's cells by field, with the problems found while reading them.
struct Cells<'a> {
    values: BTreeMap<&'static str, Cell>,
    origin: &'a Origin,
    problems: Vec<Diagnostic>,
}

impl Cells<'_> {
    fn cell(&self, field: &str) -> Cell {
        self.values.get(field).cloned().unwrap_or(Cell::Empty)
    }

    fn bad(&mut self, field: &str, expected: String) {
        let found = self.cell(field).text();
        let message = if found.is_empty() {
            format!("ô trống; cần {expected}")
        } else {
            format!("cần {expected}, nhưng ô ghi “{}”", shorten(&found))
        };
        self.problems.push(self.origin.error(field, message));
    }

    fn text(&mut self, field: &str, required: bool) -> String {
        let text = self.cell(field).text();
        if required && text.is_empty() {
            self.bad(field, "nội dung".into());
        }
        text
    }

    fn optional(&mut self, field: &str) -> Option<String> {
        Some(self.text(field, false)).filter(|t| !t.is_empty())
    }

    fn list(&mut self, field: &str) -> Vec<String> {
        split_list(&self.cell(field).text())
    }

    fn date(&mut self, field: &str, required: bool) -> Option<Date> {
        let cell = self.cell(field);
        if cell.is_empty() {
            if required {
                self.bad(field, "một ngày dạng 05/02/2026".into());
            }
            return None;
        }
        let parsed = match &cell {
            Cell::Date(d) => Some(*d),
            Cell::Number(n) => excel_date(*n),
            other => parse_date(&other.text()),
        };
        if parsed.is_none() {
            self.bad(field, "một ngày dạng 05/02/2026".into());
        }
        parsed
    }

    fn number(&mut self, field: &str) -> Option<u64> {
        let cell = self.cell(field);
        if cell.is_empty() {
            return None;
        }
        let digits: String =
            cell.text().chars().filter(|c| !matches!(c, '.' | ' ' | ',' | '\u{a0}')).collect();
        let parsed = digits.parse().ok();
        if parsed.is_none() {
            self.bad(field, "một số, ví dụ 80.000.000".into());
        }
        parsed
    }

    /// A value of closed list `T`: by its name or its label, as the office types it.
    fn closed<T: Closed>(&mut self, field: &str) -> Option<T> {
        let text = self.cell(field).text();
        if text.is_empty() {
            self.bad(field, format!("một trong các giá trị: {}", closed_list::allowed::<T>()));
            return None;
        }
        self.item(field, &text).map_err(|d| self.problems.push(d)).ok()
    }

    /// The value of closed list `T` that `written` (a cell, or an item of a list cell) names,
    /// or the error to show at `written` in the cell of `field`.
    fn item<T: Closed>(&self, field: &str, written: &str) -> Result<T, Diagnostic> {
        closed_list::read_cell(written).ok_or_else(|| {
            let (message, help) = closed_list::not_in_list::<T>(written, WrittenIn::Cell);
            self.origin.error_at_value(field, written, message).help(help)
        })
    }

    /// The row's record, each cell read in the order of [`FIELDS`]; `None` once a cell is bad.
    fn entry(&mut self) -> Option<Entry> {
        let id = self.text("id", true);
        let sample = self.sample();
        let facility = self.facility();
        let owner = self.owner();
        let categories = self.categories();
        let description = self.text("description", true);
        let legal_refs = self.list("legal_refs");
        let decision = self.decision();
        let sanctions = self.sanctions();
        let corrective_measures = self.list("corrective_measures");
        let remediation = self.remediation();
        let publication = self.publication();
        let history = self.history();
        // A row with a bad cell is left out of the later checks, which would only repeat it.
        if !self.problems.is_empty() {
            return None;
        }
        Some(Entry {
            id,
            sample,
            facility: facility?,
            owner: owner?,
            categories,
            description,
            legal_refs,
            decision,
            sanctions,
            corrective_measures,
            remediation,
            publication: publication?,
            history,
        })
    }

    /// Whether the row is marked as invented sample data (`x`, `có`, `1`, `true`).
    fn sample(&self) -> bool {
        matches!(crate::text::fold(&self.cell("sample").text()).as_str(), "x" | "co" | "1" | "true")
    }

    fn facility(&mut self) -> Option<Facility> {
        let name = self.text("facility.name", true);
        let kind = self.closed::<FacilityType>("facility.type");
        let address = self.text("facility.address", true);
        let to_dan_pho = self.text("facility.to_dan_pho", true);
        Some(Facility { name, kind: kind?, address, to_dan_pho })
    }

    fn owner(&mut self) -> Option<Owner> {
        let kind = self.closed::<OwnerKind>("owner.kind");
        let name = self.text("owner.name", true);
        Some(Owner { kind: kind?, name })
    }

    /// The violations of the row: at least one, each of the closed list.
    fn categories(&mut self) -> Vec<Category> {
        let mut categories = Vec::new();
        let category_cells = self.list("categories");
        for text in &category_cells {
            match self.item::<Category>("categories", text) {
                Ok(category) => categories.push(category),
                Err(d) => self.problems.push(d.note(
                    "một ô ghi được nhiều hành vi, cách nhau bởi dấu chấm phẩy (;) hoặc mỗi hành \
                     vi một dòng",
                )),
            }
        }
        if category_cells.is_empty() {
            let allowed = closed_list::allowed::<Category>();
            self.bad("categories", format!("ít nhất một hành vi trong: {allowed}"));
        }
        categories
    }

    /// The decision, when one of its cells is filled; then all of them are required.
    fn decision(&mut self) -> Option<Decision> {
        let fields = ["decision.number", "decision.symbol", "decision.date", "decision.issuer"];
        if fields.iter().all(|f| self.cell(f).is_empty()) {
            return None;
        }
        let number = self.text("decision.number", true);
        let symbol = self.text("decision.symbol", true);
        let date = self.date("decision.date", true);
        let issuer = self.text("decision.issuer", true);
        date.map(|date| Decision { number, symbol, date, issuer })
    }

    /// A fine and a suspension, each when its cell is filled.
    fn sanctions(&mut self) -> Vec<Sanction> {
        let mut sanctions = Vec::new();
        if let Some(amount) = self.number("sanctions.fine_vnd") {
            sanctions.push(Sanction {
                kind: SanctionType::PhatTien,
                amount_vnd: Some(amount),
                months: None,
            });
        }
        if let Some(months) = self.number("sanctions.suspension_months") {
            sanctions.push(Sanction {
                kind: SanctionType::DinhChiCoThoiHan,
                amount_vnd: None,
                months: Some(months as u32),
            });
        }
        sanctions
    }

    fn remediation(&mut self) -> RemediationInfo {
        let deadline = self.date("remediation.deadline", false);
        let status = if self.cell("remediation.status").is_empty() {
            None
        } else {
            self.closed::<Remediation>("remediation.status")
        };
        let status_date = self.date("remediation.status_date", false);
        let updates = self.updates();
        RemediationInfo { deadline, status, status_date, updates }
    }

    /// The dated remediation steps, one a line (`15/03/2026: Đang khắc phục: what was done`,
    /// the note optional); the first line written otherwise is reported, and the rest is not
    /// read.
    fn updates(&mut self) -> Vec<Update> {
        const EXPECTED: &str =
            "mỗi dòng một bước dạng “15/03/2026: Đang khắc phục: Đã thay bình chữa cháy”";
        let mut updates = Vec::new();
        let text = self.cell("remediation.updates").text();
        for line in text.lines().map(str::trim).filter(|l| !l.is_empty()) {
            let Some((date, rest)) = line.split_once(':') else {
                self.bad("remediation.updates", EXPECTED.into());
                break;
            };
            let (status, note) = match rest.split_once(':') {
                Some((status, note)) => (status.trim(), Some(note.trim().to_string())),
                None => (rest.trim(), None),
            };
            let Some(date) = parse_date(date) else {
                self.bad("remediation.updates", EXPECTED.into());
                break;
            };
            match self.item::<Remediation>("remediation.updates", status) {
                Ok(status) => {
                    updates.push(Update { date, status, note: note.filter(|n| !n.is_empty()) })
                }
                Err(d) => {
                    self.problems.push(d);
                    break;
                }
            }
        }
        updates
    }

    fn publication(&mut self) -> Option<Publication> {
        let legal_basis = self.optional("publication.legal_basis");
        let since = self.date("publication.since", true);
        let until = self.date("publication.until", false);
        let removal = self.removal();
        Some(Publication { legal_basis, since: since?, until, removal })
    }

    /// The removal from the list, when its date or reason is filled; then all of its cells
    /// are required.
    fn removal(&mut self) -> Option<Removal> {
        let fields = ["publication.removal.date", "publication.removal.reason"];
        if fields.iter().all(|f| self.cell(f).is_empty()) {
            return None;
        }
        let date = self.date("publication.removal.date", true);
        let reason = self.closed::<RemovalReason>("publication.removal.reason");
        let evidence = self.text("publication.removal.evidence", true);
        date.zip(reason).map(|(date, reason)| Removal { date, reason, evidence })
    }

    /// The revisions, one a line (`05/02/2026: change`); the first line written otherwise is
    /// reported, and the rest is not read.
    fn history(&mut self) -> Vec<Revision> {
        let mut history = Vec::new();
        for line in self.cell("history").text().lines().map(str::trim).filter(|l| !l.is_empty()) {
            let parsed = line.split_once(':').and_then(|(d, change)| {
                Some(Revision { date: parse_date(d)?, change: change.trim().to_string() })
            });
            match parsed {
                Some(r) => history.push(r),
                None => {
                    self.bad(
                        "history",
                        "mỗi dòng một thay đổi dạng “05/02/2026: Đăng tải lần đầu”".into(),
                    );
                    break;
                }
            }
        }
        history
    }
}

/// Items of a list cell: one per line, or separated by semicolons.
fn split_list(text: &str) -> Vec<String> {
    text.split(['\n', ';']).map(str::trim).filter(|s| !s.is_empty()).map(String::from).collect()
}

/// `05/02/2026`, `5/2/2026`, `05-02-2026` or `2026-02-05`.
pub fn parse_date(text: &str) -> Option<Date> {
    let text = text.trim();
    if let Ok(d) = text.parse::<Date>() {
        return Some(d);
    }
    let parts: Vec<&str> = text.split(['/', '-', '.']).collect();
    if let [d, m, y] = parts.as_slice()
        && y.len() == 4
    {
        return Date::new(y.parse().ok()?, m.parse().ok()?, d.parse().ok()?).ok();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_are_found_where_they_are_written() {
        let text = "h\na,\"b, c\",\"d \"\"e\"\"\",,\"f\ng\"\nx;y\n";
        let start = text.find('a').unwrap();
        let raw = raw_cells(text, start, b',', 5);
        let cells: Vec<&str> = raw.spans.iter().map(|s| &text[s.clone()]).collect();
        assert_eq!(cells, ["a", "b, c", "d \"\"e\"\"", "", "f\ng"]);
        assert_eq!(raw.bad_quote, None);
        // The same cells as the csv crate reads.
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .from_reader(text.as_bytes());
        let record = reader.records().nth(1).unwrap().unwrap();
        let unquoted: Vec<String> = cells.iter().map(|c| c.replace("\"\"", "\"")).collect();
        assert_eq!(record.iter().collect::<Vec<_>>(), unquoted);
        assert_eq!(record.position().unwrap().byte() as usize, start);
        let start = text.find('x').unwrap();
        let raw = raw_cells(text, start, b';', 2);
        assert_eq!(raw.spans.iter().map(|s| &text[s.clone()]).collect::<Vec<_>>(), ["x", "y"]);
    }

    #[test]
    fn a_quote_closed_inside_a_cell_is_found() {
        // The opening quote of the second cell is closed by the third cell's quote.
        let text = "a,\"b, c,\"d\",e";
        let raw = raw_cells(text, 0, b',', 3);
        assert_eq!(raw.bad_quote, Some(BadQuote { column: 1, open: 2, close: Some(8) }));
        assert_eq!(&text[raw.spans[1].clone()], "\"b, c,\"d\"");
        // A quote that never closes runs to the end of the text.
        let text = "a,\"b\nc,d\n";
        let raw = raw_cells(text, 0, b',', 2);
        assert_eq!(raw.bad_quote, Some(BadQuote { column: 1, open: 2, close: None }));
    }

    #[test]
    fn dates_in_the_forms_offices_type() {
        let d = Date::new(2026, 2, 5).unwrap();
        for text in ["05/02/2026", "5/2/2026", "2026-02-05", "05-02-2026"] {
            assert_eq!(parse_date(text), Some(d), "{text}");
        }
        assert_eq!(parse_date("31/02/2026"), None);
    }
}

#[cfg(test)]
mod fixture_tests {
    use std::path::{Path, PathBuf};

    use super::*;

    fn fixture(rel: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/violations").join(rel)
    }

    fn entries(mut records: Vec<Record>) -> Vec<Entry> {
        records.sort_by(|a, b| a.entry.id.cmp(&b.entry.id));
        records.into_iter().map(|r| r.entry).collect()
    }

    #[test]
    fn sheets_import_to_the_same_records_as_yaml() {
        let yaml: Vec<Record> = ["a", "b", "c", "d", "e"]
            .iter()
            .map(|id| {
                let rel = format!("content/vi-pham/vp-{id}.yaml");
                super::super::parse_yaml(Path::new(&rel), &std::fs::read(fixture(&rel)).unwrap())
                    .unwrap()
            })
            .collect();
        let expected = entries(yaml);
        assert_eq!(expected.len(), 5);
        let columns = Columns::new(&BTreeMap::new()).unwrap();
        for sheet in ["danh-sach.csv", "danh-sach-cham-phay.csv", "danh-sach.xlsx"] {
            let path = fixture(&format!("sheets/{sheet}"));
            let mut warnings = Problems::new();
            let records = if sheet.ends_with(".xlsx") {
                parse_xlsx(
                    Path::new(sheet),
                    &std::fs::read(&path).unwrap(),
                    &columns,
                    &mut warnings,
                )
            } else {
                parse_csv(Path::new(sheet), &std::fs::read(&path).unwrap(), &columns, &mut warnings)
            }
            .unwrap();
            assert!(!warnings.has_errors(), "{sheet}: {}", warnings.render(false));
            assert_eq!(warnings.iter().count(), 1, "{sheet}: the unmapped column is named");
            assert_eq!(entries(records), expected, "{sheet}");
        }
    }

    #[test]
    fn a_value_in_excels_last_cell_is_refused_without_reading_a_grid() {
        // calamine's Range is a dense grid: this workbook (the five records and "Ghi chú" in
        // XFD1048576) made it allocate 17 billion cells, and the process aborted. The
        // violations_xlsx fuzz target got there through a damaged cell reference, which
        // release builds wrap into a column in the billions. Read cell by cell, the far row
        // is past the row limit and refused with what to delete.
        let columns = Columns::new(&BTreeMap::new()).unwrap();
        let mut warnings = Problems::new();
        let path = fixture("sheets/danh-sach-o-cuoi.xlsx");
        let refused = parse_xlsx(
            Path::new("o-cuoi.xlsx"),
            &std::fs::read(&path).unwrap(),
            &columns,
            &mut warnings,
        );
        let problems = refused.expect_err("a row past the limit");
        let messages: Vec<&str> = problems.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(messages, ["hàng 1.048.576 có dữ liệu, quá giới hạn 20.000 hàng của một bảng"]);
    }
}
