//! The first sheet of an `.xlsx` workbook, read within the limits of [`super::sheet`] into its
//! rows, which [`super::import`] makes into records.
//!
//! An `.xlsx` file is a zip of XML parts, and a small file can unpack to gigabytes (a 1 MiB
//! workbook that unpacked to 1 GiB took 30 s and 5 GiB of memory). So before calamine opens a
//! workbook, every part is unpacked once into nothing and its bytes counted: the sizes a zip
//! declares can lie, the bytes read cannot (zip 9.5 also refuses a part that unpacks to more
//! than it declares, and calamine reads through the same crate). Then the sheet is read cell by cell, never as one
//! rectangle: a cell at A1 and one at XFD1048576 would make a rectangle of 17 billion cells.
//! The only module that reads with `zip` and `calamine` (`crate::explain` words their errors).

use std::collections::BTreeMap;
use std::io::{Cursor, Read};
use std::path::Path;

use calamine::{DataRef, Reader, Xlsx};

use super::sheet::{
    Budget, Cell, MAX_BYTES, SheetRow, column_letter, excel_date, over_limit, too_large,
};
use crate::diagnostic::{Diagnostic, Problems};

/// Control characters reported per file; a pasted binary would otherwise give thousands.
const MAX_REPORTED: usize = 10;

/// The rows of the first sheet of the workbook in `bytes` (1-based row number, cells from
/// column A), rows without a filled cell left out, and the cells with control characters (as
/// errors: the rows are still checked, so that one build reports every problem).
pub(super) fn read_rows(
    bytes: &[u8],
    shown: &Path,
) -> Result<(Vec<SheetRow>, Vec<Diagnostic>), Problems> {
    let unreadable = |e: String| {
        Problems::from(
            Diagnostic::error(shown, "không đọc được tệp Excel")
                .note(e)
                .help("lưu lại tệp bằng Excel dạng “Excel Workbook (*.xlsx)”"),
        )
    };
    let explained = |e: calamine::XlsxError| unreadable(crate::explain::xlsx_error(&e));
    if bytes.len() as u64 > MAX_BYTES {
        return Err(too_large(shown, "tệp Excel lớn hơn").into());
    }
    match unpacked_size(bytes, MAX_BYTES) {
        Ok(size) if size <= MAX_BYTES => {}
        Ok(_) => return Err(too_large(shown, "tệp Excel khi giải nén lớn hơn").into()),
        Err(e) => return Err(unreadable(crate::explain::zip_error(&e))),
    }
    let mut workbook = Xlsx::new(Cursor::new(bytes)).map_err(explained)?;
    let Some(sheet) = workbook.sheet_names().into_iter().next() else {
        return Err(unreadable("tệp không có trang tính nào".into()));
    };
    let mut reader = workbook.worksheet_cells_reader(&sheet).map_err(explained)?;
    let mut next = || reader.next_cell().map_err(explained);
    let (rows, problems) = filled_cells(shown, &mut next)?;
    if rows.is_empty() {
        return Err(Diagnostic::error(
            shown,
            format!("trang tính đầu tiên (“{sheet}”) không có ô nào có dữ liệu"),
        )
        .help(
            "pccc đọc trang tính đầu tiên của tệp: nếu danh sách nằm ở trang tính khác, hãy kéo \
             trang đó lên đầu rồi lưu lại; nếu phường chưa có hồ sơ nào để đăng, hãy chuyển tệp \
             này ra khỏi thư mục content/vi-pham/",
        )
        .into());
    }
    Ok((rows.into_iter().map(|(number, cells)| (number, None, cells)).collect(), problems))
}

/// Filled cells by row number, and the errors found in them.
type Filled = (BTreeMap<usize, Vec<Cell>>, Vec<Diagnostic>);

/// The filled cells `next` gives, by row, within the limits; cells with control characters
/// are kept and reported (at most [`MAX_REPORTED`], then a count).
fn filled_cells<'a>(
    shown: &Path,
    next: &mut impl FnMut() -> Result<Option<calamine::Cell<DataRef<'a>>>, Problems>,
) -> Result<Filled, Problems> {
    let mut rows: BTreeMap<usize, Vec<Cell>> = BTreeMap::new();
    let mut budget = Budget::default();
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut control = 0;
    while let Some(found) = next()? {
        let (row, column) = found.get_position();
        let (row, column) = (row as usize + 1, column as usize);
        let cell = cell(found.get_value());
        if cell.is_empty() {
            continue;
        }
        if let Cell::Text(text) = &cell
            && let Some((_, c)) = crate::text::control_chars(text).next()
        {
            control += 1;
            if control <= MAX_REPORTED {
                problems.push(control_in_cell(shown, row, column, c));
            }
        }
        let cells = rows.entry(row).or_default();
        budget.filled(row, column, cells.len()).map_err(|over| over_limit(shown, None, over))?;
        if cells.len() <= column {
            cells.resize(column + 1, Cell::Empty);
        }
        cells[column] = cell;
    }
    if control > MAX_REPORTED
        && let Some(last) = problems.pop()
    {
        problems.push(last.note(format!(
            "còn {} ô khác có ký tự điều khiển, chưa liệt kê ở đây",
            control - MAX_REPORTED
        )));
    }
    Ok((rows, problems))
}

/// A cell as the importer sees it.
fn cell(data: &DataRef<'_>) -> Cell {
    match data {
        DataRef::Empty => Cell::Empty,
        DataRef::String(s) => Cell::Text(crate::text::nfc(s).into_owned()),
        DataRef::SharedString(s) => Cell::Text(crate::text::nfc(s).into_owned()),
        DataRef::Float(f) => Cell::Number(*f),
        DataRef::Int(n) => Cell::Number(*n as f64),
        DataRef::Bool(b) => Cell::Text(if *b { "có" } else { "" }.to_string()),
        DataRef::DateTime(d) => excel_date(d.as_f64()).map_or(Cell::Empty, Cell::Date),
        DataRef::DateTimeIso(s) => Cell::Text(s.chars().take(10).collect()),
        DataRef::DurationIso(s) => Cell::Text(s.clone()),
        DataRef::Error(e) => Cell::Text(format!("#{e:?}")),
    }
}

/// What every part of the zip in `bytes` unpacks to, counted by unpacking them; counting stops
/// once past `limit`.
fn unpacked_size(bytes: &[u8], limit: u64) -> zip::result::ZipResult<u64> {
    let mut archive = zip::ZipArchive::new(Cursor::new(bytes))?;
    // The declared sizes first: a workbook that admits to being too large is not unpacked.
    let declared = (0..archive.len()).try_fold(0u64, |sum, i| {
        Ok::<_, zip::result::ZipError>(sum.saturating_add(archive.by_index_raw(i)?.size()))
    })?;
    if declared > limit {
        return Ok(declared);
    }
    let mut total = 0u64;
    for i in 0..archive.len() {
        let part = archive.by_index(i)?;
        // One byte more than what is left is enough to know the limit is passed.
        let mut bounded = part.take(limit - total + 1);
        total += std::io::copy(&mut bounded, &mut std::io::sink())?;
        if total > limit {
            break;
        }
    }
    Ok(total)
}

fn control_in_cell(shown: &Path, row: usize, column: usize, c: char) -> Diagnostic {
    Diagnostic::error(
        shown,
        format!(
            "ô {}{row} có ký tự điều khiển {}, không dùng được trong văn bản",
            column_letter(column),
            crate::text::code_point(c)
        ),
    )
    .help(
        "ký tự này không hiện ra trên màn hình, thường lọt vào khi chép từ PDF hay phần mềm \
         khác: gõ lại nội dung ô, hoặc dùng hàm =CLEAN() của Excel để bỏ nó",
    )
}

#[cfg(test)]
mod tests {
    use std::io::Write;

    use super::*;

    fn zip_of(parts: &[(&str, &[u8])]) -> Vec<u8> {
        let mut writer = zip::ZipWriter::new(Cursor::new(Vec::new()));
        let options = zip::write::SimpleFileOptions::default();
        for (name, bytes) in parts {
            writer.start_file(*name, options).unwrap();
            writer.write_all(bytes).unwrap();
        }
        writer.finish().unwrap().into_inner()
    }

    #[test]
    fn unpacked_size_counts_every_part() {
        let zip = zip_of(&[("a.xml", &[b' '; 3000]), ("b.xml", &[b'x'; 500])]);
        assert_eq!(unpacked_size(&zip, 10_000).unwrap(), 3500);
        assert!(unpacked_size(&zip, 3499).unwrap() > 3499);
    }

    /// A zip whose headers claim a part unpacks to 3 bytes while it unpacks to 100,000: the
    /// bytes are counted, not the claim believed.
    #[test]
    fn unpacked_size_does_not_believe_declared_sizes() {
        let mut zip = zip_of(&[("a.xml", &[b' '; 100_000])]);
        let real = 100_000u32.to_le_bytes();
        let claimed = 3u32.to_le_bytes();
        let mut patched = 0;
        // The local header (size at offset 22) and the central directory entry (offset 24).
        for (signature, offset) in [(b"PK\x03\x04", 22), (b"PK\x01\x02", 24)] {
            let at = zip.windows(4).position(|w| w == signature).unwrap() + offset;
            assert_eq!(zip[at..at + 4], real);
            zip[at..at + 4].copy_from_slice(&claimed);
            patched += 1;
        }
        assert_eq!(patched, 2);
        match unpacked_size(&zip, 10_000) {
            Ok(size) => assert!(size > 10_000, "{size}"),
            // zip 9.5 itself stops at the declared size and refuses the part ("File is larger
            // than its declared uncompressed size"), and calamine reads through the same crate.
            Err(e) => assert!(e.to_string().contains("declared"), "{e}"),
        }
    }
}
