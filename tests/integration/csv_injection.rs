//! Spreadsheet formulas in the open data (issue 14, finding 3): `danh-sach.csv` opens in Excel
//! straight away, so no cell of it may begin as a formula. Fields that begin with `=` or `@`
//! are refused with their line or cell; `+`, `-`, a tab or a carriage return (and the
//! full-width forms) are ordinary text for an editor and go out behind a `'`.

use crate::support::{Site, assert_contains};
use crate::violations::site_from_sheet;

const AS_OF: &str = "2026-04-20";

/// The rows of the built `danh-sach.csv`, header first, after checking its byte-order mark.
fn read_csv(site: &Site) -> Vec<Vec<String>> {
    let bytes = std::fs::read(site.path("public/vi-pham/danh-sach.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF\""), "a BOM, then a quoted cell");
    let mut reader = csv::ReaderBuilder::new().has_headers(false).from_reader(&bytes[3..]);
    reader.records().map(|r| r.unwrap().iter().map(str::to_string).collect()).collect()
}

/// Replaces each quoted value of vp-a.yaml with a YAML string.
fn set(site: &Site, values: &[(&str, &str)]) {
    for (from, to) in values {
        site.edit("content/vi-pham/vp-a.yaml", &format!("\"{from}\""), to);
    }
}

#[test]
fn cells_a_spreadsheet_would_run_are_written_as_text() {
    let site = Site::fixture("violations");
    // YAML escapes, so the file holds the tab and carriage return the cells start with.
    set(
        &site,
        &[
            ("Karaoke Ví Dụ A", r#""+Karaoke Ví Dụ A""#),
            ("Số 1 ngõ Thử", r#""-1 ngõ Thử""#),
            ("Tổ dân phố số 2", r#""\tTổ dân phố số 2""#),
            ("Công ty TNHH Minh hoạ A", r#""\rCông ty TNHH Minh hoạ A""#),
            ("Chưa nghiệm thu về PCCC; lối thoát nạn bị khoá.", r#""  - Chưa nghiệm thu về PCCC""#),
            ("Nghị định 106/2025/NĐ-CP", r#""＋Nghị định 106/2025/NĐ-CP""#),
            ("Buộc thực hiện nghiệm thu về PCCC", r#""－Buộc nghiệm thu""#),
            ("Kế hoạch số 01/KH-UBND của UBND phường Thử", r#""+ Kế hoạch số 01/KH-UBND""#),
        ],
    );
    site.build(AS_OF);
    let rows = read_csv(&site);
    let a = rows.iter().find(|r| r[0] == "vp-a").expect("vp-a is published");
    assert_eq!(
        a,
        &[
            "vp-a",
            "",
            "'+Karaoke Ví Dụ A",
            "Karaoke, vũ trường",
            "'-1 ngõ Thử",
            "'\tTổ dân phố số 2",
            "Tổ chức",
            "'\rCông ty TNHH Minh hoạ A",
            "Đưa công trình vào sử dụng khi chưa nghiệm thu về PCCC; Vi phạm về lối, đường thoát nạn",
            "'  - Chưa nghiệm thu về PCCC",
            "'＋Nghị định 106/2025/NĐ-CP",
            "05",
            "QĐ-XPHC",
            "2026-02-02",
            "Chủ tịch UBND phường Thử",
            "80000000",
            "",
            "'－Buộc nghiệm thu",
            "2026-05-02",
            "",
            "",
            "",
            "'+ Kế hoạch số 01/KH-UBND",
            "2026-02-05",
            "",
            "2026-02-05: Đăng tải lần đầu",
            "Chưa khắc phục",
            "https://thu.example/vi-pham/vp-a/",
        ]
    );
    // No cell of the whole file starts a formula, however it is padded.
    for row in &rows {
        for cell in row {
            let visible = cell.trim_start();
            assert!(
                !visible.starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠'])
                    && !cell.starts_with(['\t', '\r']),
                "{cell:?}"
            );
        }
    }
    // The record page shows the text as written, without the spreadsheet's quote.
    assert_contains(&site.read("public/vi-pham/vp-a/index.html"), "+Karaoke Ví Dụ A");
}

/// The mark is on the text as written, after its spaces, and in a list on its own item (it
/// was on the list's key, a line above); on the key when the value is written with escapes.
#[test]
fn a_field_that_begins_with_a_formula_is_refused_at_its_line() {
    let site = Site::fixture("violations");
    site.build(AS_OF);
    let before = site.snapshot("public");
    set(
        &site,
        &[
            ("Karaoke Ví Dụ A", r#""=HYPERLINK(\"http://x.example\",\"Bấm vào đây\")""#),
            ("Số 1 ngõ Thử", r#""  @SUM(1)""#),
            ("Công ty TNHH Minh hoạ A", r#""＝1+1""#),
            ("Nghị định 106/2025/NĐ-CP", r#""＠x""#),
        ],
    );
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(!run.success);
    let expected = r#"lỗi: trường công khai `facility.name` bắt đầu bằng `=` nên Excel sẽ chạy nó như một công thức: “=HYPERLINK("http://x.example","Bấm vào đây")”
 --> content/vi-pham/vp-a.yaml:3:3
  |
3 |   name: "=HYPERLINK(\"http://x.example\",\"Bấm vào đây\")"
  |   ^^^^
  |
  = gợi ý: bỏ dấu `=` ở đầu và chỉ ghi chữ; không dán công thức hay hàm của Excel (như =HYPERLINK) vào danh sách công khai

lỗi: trường công khai `facility.address` bắt đầu bằng `@` nên Excel sẽ chạy nó như một công thức: “@SUM(1)”
 --> content/vi-pham/vp-a.yaml:5:15
  |
5 |   address: "  @SUM(1)"
  |               ^^^^^^^
  |
  = gợi ý: bỏ dấu `@` ở đầu và chỉ ghi chữ; không dán công thức hay hàm của Excel (như =HYPERLINK) vào danh sách công khai

lỗi: trường công khai `owner.name` bắt đầu bằng `＝` nên Excel sẽ chạy nó như một công thức: “＝1+1”
 --> content/vi-pham/vp-a.yaml:9:10
  |
9 |   name: "＝1+1"
  |          ^^^^^
  |
  = gợi ý: bỏ dấu `＝` ở đầu và chỉ ghi chữ; không dán công thức hay hàm của Excel (như =HYPERLINK) vào danh sách công khai

lỗi: trường công khai `legal_refs` bắt đầu bằng `＠` nên Excel sẽ chạy nó như một công thức: “＠x”
  --> content/vi-pham/vp-a.yaml:13:6
   |
13 |   - "＠x"
   |      ^^^
   |
   = gợi ý: bỏ dấu `＠` ở đầu và chỉ ghi chữ; không dán công thức hay hàm của Excel (như =HYPERLINK) vào danh sách công khai

Không dựng được trang: 4 lỗi.
"#;
    assert_eq!(run.stderr, expected);
    assert_eq!(site.snapshot("public"), before, "the previous output is left untouched");
}

#[test]
fn a_sheet_cell_that_begins_with_a_formula_is_refused_at_its_row_and_column() {
    let site = site_from_sheet("danh-sach.csv");
    site.edit(
        "content/vi-pham/danh-sach.csv",
        "vp-a,Karaoke Ví Dụ A,",
        "vp-a,\"=HYPERLINK(\"\"http://x.example\"\",\"\"Bấm\"\")\",",
    );
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(!run.success);
    assert_contains(
        &run.stderr,
        r#"lỗi: hàng 2, cột B “Tên cơ sở”: trường công khai `facility.name` bắt đầu bằng `=` nên Excel sẽ chạy nó như một công thức: “=HYPERLINK("http://x.example","Bấm")”
 --> content/vi-pham/danh-sach.csv:2:7
"#,
    );
    assert_contains(&run.stderr, "Không dựng được trang: 1 lỗi.");
}
