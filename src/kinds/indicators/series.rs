//! An indicator's series, `content/chi-tieu/<slug>.csv` (the Open SDG pattern: one CSV per
//! indicator): `date,numerator,denominator,value,note`, UTF-8 with or without a byte-order
//! mark, `.` as the decimal mark. Read and checked here, every problem placed at its row and
//! column: dates in order and not after the build's day, numerator ≤ denominator, a value that
//! agrees with numerator/denominator to the digits written; a month left out of a monthly
//! series is a warning. A row with a date, no numbers and a note says a period has no figure
//! on purpose, and silences that warning.

use std::ops::Range;
use std::path::Path;
use std::sync::Arc;

use jiff::civil::Date;

use super::format::number;
use super::schema::{Frequency, Unit};
use crate::diagnostic::Diagnostic;

/// The columns, in order, as the first line writes them.
pub const HEADER: [&str; 5] = ["date", "numerator", "denominator", "value", "note"];

/// One row of the series.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    /// The day the figure stands for.
    pub date: Date,
    /// What the numerator counts, that day.
    pub numerator: Option<u64>,
    /// What the denominator counts, that day.
    pub denominator: Option<u64>,
    /// The value in the indicator's unit: written, or worked out from the counts; `None` for
    /// a period without a figure.
    pub value: Option<f64>,
    /// A note for readers.
    pub note: String,
}

/// The text of a series and where each row is written, for messages.
#[derive(Debug, Clone)]
pub struct Sheet<'a> {
    path: &'a Path,
    text: &'a Arc<str>,
}

/// A row as written: its number (the header is row 1) and its cells' byte ranges.
struct Written {
    number: usize,
    cells: Vec<Range<usize>>,
}

impl Sheet<'_> {
    /// A problem in column `column` of `row`.
    fn at(&self, row: &Written, column: usize, message: String, warning: bool) -> Diagnostic {
        let letter = char::from(b'A' + column as u8);
        let message = format!("hàng {}, cột {letter} “{}”: {message}", row.number, HEADER[column]);
        let d = if warning {
            Diagnostic::warning(self.path, message)
        } else {
            Diagnostic::error(self.path, message)
        };
        let cell = row.cells.get(column).or(row.cells.last()).cloned().unwrap_or(0..0);
        d.at(self.text, cell)
    }
}

/// Reads the series `text` of `path` for an indicator in `unit` updated at `frequency`, as
/// the build sees it on `today`: its rows, and every problem (errors and warnings).
pub fn read(
    path: &Path,
    text: &Arc<str>,
    unit: Unit,
    frequency: Frequency,
    today: Date,
) -> (Vec<Row>, Vec<Diagnostic>) {
    let sheet = Sheet { path, text };
    let mut problems = Vec::new();
    let mut lines = records(text);
    let Some(header) = lines.next() else {
        return (Vec::new(), vec![header_error(&sheet, 0..0)]);
    };
    let names: Vec<String> =
        header.cells.iter().map(|c| unquote(&text[c.clone()]).trim().to_lowercase()).collect();
    if names != HEADER {
        let end = header.cells.last().map_or(0, |c| c.end);
        return (Vec::new(), vec![header_error(&sheet, 0..end)]);
    }
    let mut rows: Vec<(Written, Row)> = Vec::new();
    for written in lines {
        if let Some(row) = read_row(&sheet, &written, unit, &mut problems) {
            if let Some((_, before)) = rows.last() {
                order(&sheet, &written, before, &row, &mut problems);
            }
            if row.date > today {
                problems.push(sheet.at(
                    &written,
                    0,
                    format!(
                        "ngày {} sau ngày dựng trang ({})",
                        crate::dates::short(row.date),
                        crate::dates::short(today)
                    ),
                    false,
                ).help("chỉ ghi số liệu đã có đến hôm nay; kiểm tra lại năm, tháng của ngày này"));
            }
            rows.push((written, row));
        }
    }
    if frequency == Frequency::HangThang {
        problems.extend(missing_months(&sheet, &rows));
    }
    (rows.into_iter().map(|(_, r)| r).collect(), problems)
}

fn header_error(sheet: &Sheet<'_>, span: Range<usize>) -> Diagnostic {
    Diagnostic::error(sheet.path, "dòng đầu của tệp số liệu phải là tên các cột")
        .at(sheet.text, span)
        .help(format!("dòng đầu ghi đúng: {}", HEADER.join(",")))
}

/// A later row whose date is not after the one above.
fn order(
    sheet: &Sheet<'_>,
    written: &Written,
    before: &Row,
    row: &Row,
    problems: &mut Vec<Diagnostic>,
) {
    if row.date <= before.date {
        problems.push(
            sheet
                .at(
                    written,
                    0,
                    format!(
                        "ngày {} không sau ngày của hàng trên ({})",
                        crate::dates::short(row.date),
                        crate::dates::short(before.date)
                    ),
                    false,
                )
                .help("xếp các hàng theo ngày tăng dần, mỗi ngày một hàng"),
        );
    }
}

/// One row, or `None` when its date cannot be read (reported).
fn read_row(
    sheet: &Sheet<'_>,
    written: &Written,
    unit: Unit,
    problems: &mut Vec<Diagnostic>,
) -> Option<Row> {
    let cell = |i: usize| -> String {
        written
            .cells
            .get(i)
            .map_or_else(String::new, |c| unquote(&sheet.text[c.clone()]).trim().to_string())
    };
    let date = match cell(0).parse::<Date>() {
        Ok(date) => Some(date),
        Err(_) => {
            problems.push(
                sheet
                    .at(written, 0, format!("không đọc được ngày `{}`", cell(0)), false)
                    .help("ghi ngày dạng YYYY-MM-DD, ví dụ 2026-03-31"),
            );
            None
        }
    };
    let count = |i: usize, problems: &mut Vec<Diagnostic>| -> Option<u64> {
        let text = cell(i);
        let text = text.as_str();
        if text.is_empty() {
            return None;
        }
        text.parse::<u64>()
            .map_err(|_| {
                problems.push(
                    sheet
                        .at(written, i, format!("`{text}` không phải số nguyên không âm"), false)
                        .help("ghi số đếm được, không dấu phân cách hàng nghìn, ví dụ 1234"),
                );
            })
            .ok()
    };
    let numerator = count(1, problems);
    let denominator = count(2, problems);
    let written_value = match cell(3).as_str() {
        "" => None,
        text => match text.parse::<f64>() {
            Ok(v) if v.is_finite() => Some((v, decimals(text))),
            _ => {
                let help = if text.contains(',') {
                    "dùng dấu chấm thập phân trong tệp số liệu, ví dụ 17.11 (trang tự hiện thành 17,11)"
                } else {
                    "ghi một số, ví dụ 17.11, hoặc để trống để trang tự tính từ tử số và mẫu số"
                };
                problems.push(
                    sheet.at(written, 3, format!("`{text}` không phải số"), false).help(help),
                );
                None
            }
        },
    };
    let value = value(sheet, written, unit, numerator, denominator, written_value, problems);
    Some(Row { date: date?, numerator, denominator, value, note: cell(4) })
}

/// The value of a row: the one written, checked against the counts, or the counts' own.
fn value(
    sheet: &Sheet<'_>,
    written: &Written,
    unit: Unit,
    numerator: Option<u64>,
    denominator: Option<u64>,
    given: Option<(f64, usize)>,
    problems: &mut Vec<Diagnostic>,
) -> Option<f64> {
    let computed = match (unit, numerator, denominator) {
        (Unit::SoLuong, Some(n), _) => Some(n as f64),
        (Unit::PhanTram, Some(n), Some(d)) => {
            if d == 0 {
                problems.push(
                    sheet
                        .at(written, 2, "mẫu số bằng 0".into(), false)
                        .help("mẫu số là tổng số phải tính (ví dụ tổng số cơ sở), lớn hơn 0"),
                );
                None
            } else if n > d {
                problems.push(
                    sheet
                        .at(written, 1, format!("tử số {n} lớn hơn mẫu số {d}"), false)
                        .help("tử số là một phần của mẫu số; kiểm tra lại hai số này"),
                );
                None
            } else {
                Some(n as f64 * 100.0 / d as f64)
            }
        }
        (Unit::PhanTram, Some(_), None) => {
            problems.push(
                sheet
                    .at(written, 2, "có tử số nhưng thiếu mẫu số".into(), false)
                    .help("ghi mẫu số (tổng số phải tính) để trang tính tỷ lệ"),
            );
            None
        }
        _ => None,
    };
    let Some((value, digits)) = given else { return computed };
    if unit == Unit::PhanTram && !(0.0..=100.0).contains(&value) {
        problems.push(
            sheet
                .at(written, 3, format!("giá trị {} ngoài khoảng 0–100 %", number(value)), false)
                .help("chỉ tiêu tính theo phần trăm: ghi giá trị từ 0 đến 100"),
        );
        return None;
    }
    if let Some(expected) = computed {
        // Agrees to the digits written: 17.11 or 17.1 for 71/415 = 17.108…
        let tolerance = 0.5 * 10f64.powi(-(digits as i32)) + 1e-9;
        if (value - expected).abs() > tolerance {
            let counts = match (unit, numerator, denominator) {
                (Unit::PhanTram, Some(n), Some(d)) => {
                    format!("{n}/{d} = {} %", number(expected))
                }
                _ => format!("tử số {}", number(expected)),
            };
            problems.push(
                sheet
                    .at(
                        written,
                        3,
                        format!("giá trị {} không khớp với {counts}", number(value)),
                        false,
                    )
                    .help(format!("ghi {:.2}, hoặc để trống để trang tự tính", expected)),
            );
            return None;
        }
    }
    Some(value)
}

/// Digits after the decimal point of a number as written.
fn decimals(text: &str) -> usize {
    text.split_once('.').map_or(0, |(_, d)| d.len())
}

/// A warning for each gap of more than a month between two rows of a monthly series.
fn missing_months(sheet: &Sheet<'_>, rows: &[(Written, Row)]) -> Vec<Diagnostic> {
    let mut warnings = Vec::new();
    for pair in rows.windows(2) {
        let ((above, a), (written, b)) = (&pair[0], &pair[1]);
        let index = |d: Date| i32::from(d.year()) * 12 + i32::from(d.month()) - 1;
        let gap: Vec<String> = (index(a.date) + 1..index(b.date))
            .map(|i| format!("{}/{}", i % 12 + 1, i / 12))
            .collect();
        if gap.is_empty() {
            continue;
        }
        let months = if gap.len() == 1 {
            format!("tháng {}", gap[0])
        } else {
            format!("các tháng {}", gap.join(", "))
        };
        warnings.push(
            sheet
                .at(
                    written,
                    0,
                    format!(
                        "thiếu số liệu {months} (giữa hàng {} và hàng {})",
                        above.number, written.number
                    ),
                    true,
                )
                .help(format!(
                    "thêm hàng của {months}; nếu {} không có số liệu, ghi một hàng với ngày trong tháng đó, để trống các số và ghi lý do ở cột note",
                    if gap.len() == 1 { "tháng đó" } else { "tháng nào" }
                )),
        );
    }
    warnings
}

/// The records of a CSV text: the header first; blank lines skipped.
fn records(text: &str) -> impl Iterator<Item = Written> + '_ {
    let mut at = 0;
    let mut number = 0;
    std::iter::from_fn(move || {
        loop {
            if at >= text.len() {
                return None;
            }
            let (cells, next) = cells(text, at);
            let start = at;
            at = next;
            number += 1;
            if text[start..next].trim().is_empty() {
                number -= 1;
                continue;
            }
            return Some(Written { number, cells });
        }
    })
}

/// The cells of the record starting at byte `start`, each without its quotes, and where the
/// next record starts. A quoted cell may hold commas, doubled quotes and line breaks.
fn cells(text: &str, start: usize) -> (Vec<Range<usize>>, usize) {
    let bytes = text.as_bytes();
    let mut cells = Vec::new();
    let mut i = start;
    loop {
        let (cell, after) = if bytes.get(i) == Some(&b'"') {
            let open = i + 1;
            let mut j = open;
            while j < bytes.len() {
                if bytes[j] == b'"' {
                    if bytes.get(j + 1) == Some(&b'"') {
                        j += 2;
                        continue;
                    }
                    break;
                }
                j += 1;
            }
            let mut k = (j + 1).min(bytes.len());
            while k < bytes.len() && !matches!(bytes[k], b',' | b'\n') {
                k += 1;
            }
            (open..j.min(bytes.len()), k)
        } else {
            let mut j = i;
            while j < bytes.len() && !matches!(bytes[j], b',' | b'\n') {
                j += 1;
            }
            let end = if j > i && bytes[j - 1] == b'\r' { j - 1 } else { j };
            (i..end, j)
        };
        cells.push(cell);
        match bytes.get(after) {
            Some(b',') => i = after + 1,
            Some(_) => return (cells, after + 1),
            None => return (cells, after),
        }
    }
}

/// A cell's text with the doubled quotes of a quoted cell made single.
fn unquote(cell: &str) -> String {
    cell.replace("\"\"", "\"")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read_text(text: &str, today: &str) -> (Vec<Row>, Vec<String>) {
        let text: Arc<str> = Arc::from(text);
        let (rows, problems) = read(
            Path::new("s.csv"),
            &text,
            Unit::PhanTram,
            Frequency::HangThang,
            today.parse().unwrap(),
        );
        (rows, problems.into_iter().map(|d| d.message).collect())
    }

    #[test]
    fn cells_keep_quoted_commas() {
        let text = "a,\"b, c\",d\r\ne,,f\n";
        let (cells, next) = cells(text, 0);
        let got: Vec<&str> = cells.iter().map(|c| &text[c.clone()]).collect();
        assert_eq!(got, ["a", "b, c", "d"]);
        let (cells, _) = super::cells(text, next);
        let got: Vec<&str> = cells.iter().map(|c| &text[c.clone()]).collect();
        assert_eq!(got, ["e", "", "f"]);
    }

    #[test]
    fn values_are_worked_out_and_checked() {
        let (rows, problems) = read_text(
            "date,numerator,denominator,value,note\n2026-02-28,37,412,8.98,Số liệu gốc\n2026-03-31,71,415,,\n2026-04-30,,,,\"Chưa tổng hợp, nghỉ lễ\"\n",
            "2026-05-01",
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(rows[0].value, Some(8.98));
        assert!((rows[1].value.unwrap() - 17.108).abs() < 0.001);
        assert_eq!(rows[2].value, None);
        assert_eq!(rows[2].note, "Chưa tổng hợp, nghỉ lễ");
    }

    #[test]
    fn a_gap_in_a_monthly_series_is_a_warning() {
        let (_, problems) = read_text(
            "date,numerator,denominator,value,note\n2026-01-31,1,2,,\n2026-04-30,1,2,,\n",
            "2026-05-01",
        );
        assert_eq!(
            problems,
            [
                "hàng 3, cột A “date”: thiếu số liệu các tháng 2/2026, 3/2026 (giữa hàng 2 và hàng 3)"
            ]
        );
    }
}
