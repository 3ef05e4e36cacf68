"""Writes the .xlsx files of the corpus's spreadsheet cases, each a copy of
tests/fixtures/violations/sheets/danh-sach.xlsx with a few cells changed.

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
}


def main():
    with zipfile.ZipFile(FIXTURE) as source:
        entries = [(info, source.read(info)) for info in source.infolist()]
    sheet = dict((info.filename, data) for info, data in entries)[SHEET].decode("utf-8")
    for case, edits in CASES.items():
        changed = sheet
        for old, new in edits:
            assert changed.count(old) == 1, f"{case}: {old} is not in the fixture once"
            changed = changed.replace(old, new)
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
