"""Writes the .xlsx files of the corpus's spreadsheet cases, each a copy of
tests/fixtures/violations/sheets/danh-sach.xlsx with a few cells changed, or with its sheet's
rows changed as a whole (RESHAPED).

Run from the repository's root: python3 tests/corpus/make_sheets.py
Only Python's standard library is needed: an .xlsx is a zip of XML files, and the fixture
keeps every text in its cell (inline strings), so a cell is changed by replacing its XML.
The zip entries keep the fixture's dates, so the files come out the same on every run.
"""
import copy
import os
import zipfile

FIXTURE = "tests/fixtures/violations/sheets/danh-sach.xlsx"
SHEET = "xl/worksheets/sheet1.xml"


def text_cell(ref, text):
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


# case -> [(XML as in the fixture, XML to write instead)]
CASES = {
    # Row 2, column C "Loại hình": a value not in the list.
    "vp-xlsx-facility-type-unknown": [
        (text_cell("C2", "Karaoke, vũ trường"), text_cell("C2", "Quán hát")),
    ],
    # Row 3, column M "Ngày quyết định": a date typed as text, month 13.
    "vp-xlsx-date-typed-as-text": [
        ('<c r="M3" s="1" t="n"><v>46073</v></c>', text_cell("M3", "20/13/2026")),
    ],
    # Row 1: the heading of column E "Tổ dân phố" deleted.
    "vp-xlsx-missing-column": [
        (text_cell("E1", "Tổ dân phố"), '<c r="E1" t="inlineStr" />'),
    ],
    # Row 4, column G "Chủ cơ sở": empty.
    "vp-xlsx-empty-required-cell": [
        (text_cell("G4", "Công ty Cổ phần Minh hoạ C"), '<c r="G4" t="inlineStr" />'),
    ],
    # Row 6, column O "Số tiền phạt (đồng)": words instead of a number.
    "vp-xlsx-fine-in-words": [
        (text_cell("O6", "30.000.000"), text_cell("O6", "ba mươi triệu")),
    ],
    # Row 4, column D "Địa chỉ": an ID number written with dots, in a published cell.
    "vp-xlsx-personal-id-with-dots": [
        (
            text_cell("D4", "Số 3 ngõ Thử"),
            text_cell("D4", "Số 3 ngõ Thử, chủ nhà CCCD 001.203.004.567"),
        ),
    ],
    # Row 2, column B "Tên cơ sở": a formula Excel would run in the published danh-sach.csv.
    "vp-xlsx-formula-equals": [
        (
            text_cell("B2", "Karaoke Ví Dụ A"),
            text_cell("B2", "=HYPERLINK(&quot;http://x.example&quot;,&quot;Karaoke Ví Dụ A&quot;)"),
        ),
    ],
    # Row 4, column I "Mô tả vi phạm": a BEL (U+0007) pasted in; Excel writes it as _x0007_.
    "vp-xlsx-control-character": [
        (
            text_cell("I4", "Dây điện quá tải ở bếp."),
            text_cell("I4", "Dây điện_x0007_ quá tải ở bếp."),
        ),
    ],
}

SHEET_DATA = "<sheetData>"
SHEET_END = "</sheetData>"


def header_only(sheet):
    """Every row below the header deleted."""
    start, end = sheet.index('<row r="2"'), sheet.index(SHEET_END)
    return sheet[:start] + sheet[end:]


def no_rows(sheet):
    """Every row deleted, the header too."""
    start, end = sheet.index(SHEET_DATA), sheet.index(SHEET_END) + len(SHEET_END)
    return sheet[:start] + "<sheetData/>" + sheet[end:]


def stray_row(sheet):
    """A stray cell in row 20,001, past the limit of 20,000 rows."""
    row = f'<row r="20001">{text_cell("B20001", "lạc")}</row>'
    return sheet.replace(SHEET_END, row + SHEET_END)


def far_right_cells(sheet):
    """A note typed in the last column (XFD) of rows 7 to 68: 62 rows of 16,384 cells each,
    past the limit of 1,000,000 cells, in a file of a few kilobytes."""
    rows = "".join(f'<row r="{r}">{text_cell(f"XFD{r}", "x")}</row>' for r in range(7, 69))
    return sheet.replace(SHEET_END, rows + SHEET_END)


def padded(sheet):
    """The sheet followed by 101 MB of spaces (valid XML): about 100 KB once zipped, past the
    limit of 100 MB unpacked."""
    return sheet + " " * 101_000_000


# case -> the sheet's XML as the case has it, from the fixture's
RESHAPED = {
    "vp-xlsx-header-only": header_only,
    "vp-xlsx-empty-sheet": no_rows,
    "vp-xlsx-row-past-limit": stray_row,
    "vp-xlsx-cells-past-limit": far_right_cells,
    "vp-xlsx-unpacks-past-limit": padded,
}


def edited(sheet, case, edits):
    """The sheet with each (old, new) of `edits` made; each old XML must be there once."""
    for old, new in edits:
        assert sheet.count(old) == 1, f"{case}: {old} is not in the fixture once"
        sheet = sheet.replace(old, new)
    return sheet


def main():
    with zipfile.ZipFile(FIXTURE) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    sheet = dict((info.filename, data) for info, data in entries)[SHEET].decode("utf-8")
    changes = {case: edited(sheet, case, edits) for case, edits in CASES.items()}
    changes.update({case: reshape(sheet) for case, reshape in RESHAPED.items()})
    for case, changed in changes.items():
        target = f"tests/corpus/{case}/site/content/vi-pham/danh-sach.xlsx"
        os.makedirs(os.path.dirname(target), exist_ok=True)
        with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as out:
            for info, data in entries:
                # A copy: writing fills in the entry's offsets and sizes.
                data = changed.encode("utf-8") if info.filename == SHEET else data
                out.writestr(copy.copy(info), data)
        print(target)


if __name__ == "__main__":
    main()
