//! The personal-data table (`tests/fixtures/personal-data.toml`) through the real build: every
//! refused string, put into every published text field of a violation record written in YAML,
//! in a CSV sheet and in an XLSX sheet, fails the build with its exact message and place; every
//! passing string builds and is published. One site per source format holds the whole table
//! (one record per string), so the table runs in a few builds.

use std::collections::BTreeSet;

use crate::support::{Site, assert_lacks};

const AS_OF: &str = "2026-04-20";

#[derive(serde::Deserialize)]
struct Table {
    refused: Vec<Refused>,
    passing: Vec<Passing>,
}

#[derive(serde::Deserialize)]
struct Refused {
    text: String,
    kind: String,
    found: String,
}

#[derive(serde::Deserialize)]
struct Passing {
    text: String,
}

fn table() -> Table {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/personal-data.toml");
    toml::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// The message for a refused string found in field `key`, as the editor reads it.
fn message(key: &str, case: &Refused) -> String {
    let what = match case.kind.as_str() {
        "phone" => "số điện thoại",
        "id" => "dãy số giống số CMND/CCCD (9 hoặc 12 chữ số)",
        "birth" => "ngày sinh hoặc năm sinh",
        other => panic!("unknown kind {other}"),
    };
    format!("trường công khai `{key}` có {what} “{}”: không được đăng dữ liệu cá nhân", case.found)
}

/// The violations fixture with the themes and without its records.
fn empty_site() -> Site {
    let site = Site::fixture("violations");
    for id in ["a", "b", "c", "d", "e"] {
        site.remove(&format!("content/vi-pham/vp-{id}.yaml"));
    }
    site
}

/// Each error of a failed build as (message, place after `-->`), and the count it announces.
fn errors(stderr: &str) -> (BTreeSet<(String, String)>, usize) {
    let mut found = BTreeSet::new();
    let mut lines = stderr.lines().peekable();
    while let Some(line) = lines.next() {
        if let Some(message) = line.strip_prefix("lỗi: ") {
            let place = lines.peek().and_then(|l| l.split_once("--> ")).map(|(_, p)| p);
            found.insert((message.to_string(), place.unwrap_or_default().to_string()));
        }
    }
    let count = stderr
        .lines()
        .find_map(|l| l.strip_prefix("Không dựng được trang: "))
        .and_then(|l| l.strip_suffix(" lỗi."))
        .map_or(0, |n| n.parse().unwrap());
    (found, count)
}

/// Builds `site`, which must fail with exactly the `expected` errors.
#[track_caller]
fn fails_with_exactly(site: &Site, expected: &BTreeSet<(String, String)>) {
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(!run.success, "the build should fail");
    assert!(!site.exists("public"), "a failed build writes nothing");
    let (got, count) = errors(&run.stderr);
    let missing: Vec<_> = expected.difference(&got).take(10).collect();
    let extra: Vec<_> = got.difference(expected).take(10).collect();
    assert!(missing.is_empty() && extra.is_empty(), "missing: {missing:#?}\nextra: {extra:#?}");
    assert_eq!(count, expected.len(), "one error for each string in each field");
}

/// A YAML record of an organisation with `value` in every published text field; `{V}` marks
/// where, each on its own line, with the field's key.
const YAML: &str = r#"id: {ID}
facility:
  name: {V} facility.name
  type: karaoke_vu_truong
  address: {V} facility.address
  to_dan_pho: "Tổ dân phố số 2"
owner:
  kind: to_chuc
  name: {V} owner.name
categories: [thoat_nan]
description: {V} description
legal_refs:
  - {V} legal_refs
decision:
  number: {V} decision.number
  symbol: {V} decision.symbol
  date: 2026-02-02
  issuer: {V} decision.issuer
sanctions:
  - {type: phat_tien, amount_vnd: 80000000}
corrective_measures:
  - {V} corrective_measures
remediation:
  deadline: 2026-05-02
  updates:
    - date: 2026-03-01
      status: dang_khac_phuc
      note: {V} remediation.updates
publication:
  legal_basis: {V} publication.legal_basis
  since: 2026-02-05
  removal:
    date: 2026-12-01
    reason: sai_sot_du_lieu
    evidence: {V} publication.removal.evidence
history:
  - date: 2026-02-05
    change: {V} history
"#;

/// The record with `value` (quoted for YAML) in every field, and each field's key and line.
fn yaml_record(id: &str, value: &str) -> (String, Vec<(String, usize, String)>) {
    let quoted = serde_json::to_string(value).unwrap();
    let mut text = String::new();
    let mut fields = Vec::new();
    for (n, line) in YAML.lines().enumerate() {
        let line = line.replace("{ID}", id);
        let line = match line.split_once("{V} ") {
            Some((before, key)) => {
                let line = format!("{before}{quoted}");
                fields.push((key.to_string(), n + 1, line.clone()));
                line
            }
            None => line,
        };
        text.push_str(&line);
        text.push('\n');
    }
    (text, fields)
}

#[test]
fn refused_strings_fail_the_build_in_every_field_of_a_yaml_record() {
    let site = empty_site();
    let mut expected = BTreeSet::new();
    for (n, case) in table().refused.iter().enumerate() {
        let id = format!("vp-t-{n:03}");
        let (text, fields) = yaml_record(&id, &case.text);
        let file = format!("content/vi-pham/{id}.yaml");
        site.write(&file, text);
        for (key, line, source) in fields {
            // The caret is on the text found, counted in characters as the editor's cursor is.
            let at = source.find(&case.found).expect("the found text is written as is");
            let column = source[..at].chars().count() + 1;
            expected.insert((message(&key, case), format!("{file}:{line}:{column}")));
        }
    }
    fails_with_exactly(&site, &expected);
}

/// Sheet columns (the default headers) and, for text fields, the key the lint names.
const COLUMNS: [(&str, Option<&str>); 23] = [
    ("Mã hồ sơ", None),
    ("Tên cơ sở", Some("facility.name")),
    ("Loại hình", None),
    ("Địa chỉ", Some("facility.address")),
    // Not free text: a tổ dân phố reads as a group's number or is refused (`to_dan_pho`).
    ("Tổ dân phố", None),
    ("Chủ cơ sở là", None),
    ("Chủ cơ sở", Some("owner.name")),
    ("Hành vi vi phạm", None),
    ("Mô tả vi phạm", Some("description")),
    ("Căn cứ pháp lý", Some("legal_refs")),
    ("Số quyết định", Some("decision.number")),
    ("Ký hiệu quyết định", Some("decision.symbol")),
    ("Ngày quyết định", None),
    ("Người ký quyết định", Some("decision.issuer")),
    ("Số tiền phạt (đồng)", None),
    ("Biện pháp khắc phục", Some("corrective_measures")),
    ("Thời hạn khắc phục", None),
    ("Căn cứ công khai", Some("publication.legal_basis")),
    ("Công khai từ ngày", None),
    ("Ngày gỡ", None),
    ("Lý do gỡ", None),
    ("Văn bản gỡ", Some("publication.removal.evidence")),
    ("Lịch sử thay đổi", Some("history")),
];

/// A sheet row of an organisation's record with `value` in every text column.
fn sheet_row(id: &str, value: &str) -> Vec<String> {
    let history = format!("05/02/2026: {value}");
    let fixed = [
        id,
        "Karaoke, vũ trường",
        "Tổ dân phố số 2",
        "Tổ chức",
        "Vi phạm về lối, đường thoát nạn",
        "02/02/2026",
        "80.000.000",
        "02/05/2026",
        "05/02/2026",
        "01/12/2026",
        "Sai sót dữ liệu, đăng nhầm",
    ];
    let mut fixed = fixed.iter();
    COLUMNS
        .iter()
        .map(|(header, key)| match (key, *header) {
            (Some("history"), _) => history.clone(),
            (Some(_), _) => value.to_string(),
            (None, _) => fixed.next().unwrap().to_string(),
        })
        .collect()
}

/// The header and one row per string.
fn sheet(strings: &[&str]) -> Vec<Vec<String>> {
    let mut rows = vec![COLUMNS.iter().map(|(h, _)| h.to_string()).collect()];
    for (n, text) in strings.iter().enumerate() {
        rows.push(sheet_row(&format!("vp-t-{n:03}"), text));
    }
    rows
}

fn write_csv(site: &Site, rows: &[Vec<String>]) -> String {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.write_record(row).unwrap();
    }
    let file = "content/vi-pham/danh-sach.csv".to_string();
    site.write(&file, writer.into_inner().unwrap());
    file
}

fn write_xlsx(site: &Site, rows: &[Vec<String>]) -> String {
    let mut workbook = rust_xlsxwriter::Workbook::new();
    let sheet = workbook.add_worksheet();
    for (r, row) in rows.iter().enumerate() {
        for (c, cell) in row.iter().enumerate() {
            sheet.write_string(r as u32, c as u16, cell).unwrap();
        }
    }
    let file = "content/vi-pham/danh-sach.xlsx".to_string();
    site.write(&file, workbook.save_to_buffer().unwrap());
    file
}

/// The errors a sheet with one row per refused string gives, placed by
/// `place(row, column index, the text found)`.
fn sheet_errors(
    cases: &[Refused],
    place: impl Fn(usize, usize, &str) -> String,
) -> BTreeSet<(String, String)> {
    let mut expected = BTreeSet::new();
    for (n, case) in cases.iter().enumerate() {
        let row = n + 2;
        for (index, (header, key)) in COLUMNS.iter().enumerate() {
            let Some(key) = key else { continue };
            let letter = char::from(b'A' + index as u8);
            let cell = format!("hàng {row}, cột {letter} “{header}”");
            let at = place(row, index, &case.found);
            expected.insert((format!("{cell}: {}", message(key, case)), at));
        }
    }
    expected
}

/// The 1-based character column of `found` in cell `index` of a CSV line written by the csv
/// crate from `cells`: where pccc marks it (the cell's start when the text is not there as
/// written).
fn csv_column(cells: &[String], index: usize, found: &str) -> usize {
    let mut writer = csv::Writer::from_writer(Vec::new());
    writer.write_record(cells).unwrap();
    let line = String::from_utf8(writer.into_inner().unwrap()).unwrap();
    let mut start = 0;
    for cell in &cells[..index] {
        // The cell alone as a record: its text as written, then a line end as long as the
        // comma after it in the row.
        let mut one = csv::Writer::from_writer(Vec::new());
        one.write_record([cell]).unwrap();
        start += one.into_inner().unwrap().len();
    }
    let rest = &line[start..];
    let quoted = rest.starts_with('"');
    let cell_start = start + usize::from(quoted);
    let at = line[cell_start..].find(found).map_or(cell_start, |i| cell_start + i);
    line[..at].chars().count() + 1
}

#[test]
fn refused_strings_fail_the_build_in_every_column_of_a_csv_sheet() {
    let table = table();
    let site = empty_site();
    let strings: Vec<&str> = table.refused.iter().map(|c| c.text.as_str()).collect();
    let rows = sheet(&strings);
    let file = write_csv(&site, &rows);
    // A CSV row is a line of the file: the place is the text found, in its cell on that line.
    let place = |row: usize, index: usize, found: &str| {
        format!("{file}:{row}:{}", csv_column(&rows[row - 1], index, found))
    };
    fails_with_exactly(&site, &sheet_errors(&table.refused, place));
}

#[test]
fn refused_strings_fail_the_build_in_every_column_of_an_xlsx_sheet() {
    let table = table();
    let site = empty_site();
    let strings: Vec<&str> = table.refused.iter().map(|c| c.text.as_str()).collect();
    let file = write_xlsx(&site, &sheet(&strings));
    fails_with_exactly(&site, &sheet_errors(&table.refused, |_, _, _| file.clone()));
}

/// Builds `site`, which must succeed, and checks that every record of the list's JSON has
/// `strings[n]` as its description: the strings were published, not skipped.
#[track_caller]
fn publishes(site: &Site, strings: &[&str]) {
    site.build(AS_OF);
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/vi-pham/danh-sach.json")).unwrap();
    let records = json["records"].as_array().unwrap();
    assert_eq!(records.len(), strings.len());
    for (n, text) in strings.iter().enumerate() {
        let record = records.iter().find(|r| r["id"] == format!("vp-t-{n:03}")).unwrap();
        assert_eq!(record["description"], *text);
        assert_eq!(record["facility.address"], *text);
    }
}

#[test]
fn ordinary_facts_build_in_every_field_of_yaml_records_and_sheets() {
    let table = table();
    let strings: Vec<&str> = table.passing.iter().map(|c| c.text.as_str()).collect();
    let site = empty_site();
    for (n, text) in strings.iter().enumerate() {
        let id = format!("vp-t-{n:03}");
        site.write(&format!("content/vi-pham/{id}.yaml"), yaml_record(&id, text).0);
    }
    publishes(&site, &strings);

    let site = empty_site();
    write_csv(&site, &sheet(&strings));
    publishes(&site, &strings);

    let site = empty_site();
    write_xlsx(&site, &sheet(&strings));
    publishes(&site, &strings);
}

#[test]
fn what_an_individual_withholds_is_neither_checked_nor_published() {
    // The name of an individual's facility, the measures, the legal basis and remediation
    // notes are never published for an individual (the allowlist), so they are not checked
    // either: the build succeeds and the phone number is in no output.
    let site = empty_site();
    let (text, _) = yaml_record("vp-t-000", "Cửa hàng Minh hoạ");
    let mut text = text.replace("kind: to_chuc", "kind: ca_nhan");
    for (from, to) in [
        ("  name: \"Cửa hàng Minh hoạ\"\n  type", "  name: \"Cửa hàng gọi 0912 345 678\"\n  type"),
        (
            "corrective_measures:\n  - \"Cửa hàng Minh hoạ\"",
            "corrective_measures:\n  - \"gọi 0912 345 678\"",
        ),
        ("note: \"Cửa hàng Minh hoạ\"", "note: \"gọi 0912 345 678\""),
        ("legal_basis: \"Cửa hàng Minh hoạ\"", "legal_basis: \"gọi 0912 345 678\""),
    ] {
        assert!(text.contains(from), "{from}");
        text = text.replacen(from, to, 1);
    }
    site.write("content/vi-pham/vp-t-000.yaml", text);
    site.build(AS_OF);
    let page = site.read("public/vi-pham/vp-t-000/index.html");
    assert!(page.contains("Cửa hàng Minh hoạ"), "the published fields are on the page");
    for (file, bytes) in site.snapshot("public") {
        assert_lacks(&format!("{file}: {}", String::from_utf8_lossy(&bytes)), "0912 345 678");
    }
}

/// Runs a build that must fail, leaving the output of the last good build as it was.
fn report(site: &Site) -> String {
    let before = site.snapshot("public");
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(!run.success, "the build should fail");
    assert_eq!(site.snapshot("public"), before, "the previous output is left untouched");
    run.stderr
}

#[test]
fn the_report_names_the_kind_the_text_and_the_place_in_yaml() {
    let site = Site::fixture("violations");
    site.build(AS_OF);
    site.edit(
        "content/vi-pham/vp-a.yaml",
        "lối thoát nạn bị khoá.",
        "Chủ cơ sở (ĐT (024) 3856 1234) sinh ngày 01 tháng 02 năm 1985.",
    );
    assert_eq!(
        report(&site),
        r#"lỗi: trường công khai `description` có số điện thoại “(024) 3856 1234”: không được đăng dữ liệu cá nhân
  --> content/vi-pham/vp-a.yaml:11:54
   |
11 | description: "Chưa nghiệm thu về PCCC; Chủ cơ sở (ĐT (024) 3856 1234) sinh ngày 01 tháng 02 năm 1985."
   |                                                      ^^^^^^^^^^^^^^^
   |
   = gợi ý: xoá số điện thoại khỏi ô này; danh sách công khai chỉ ghi tên, địa chỉ cơ sở, hành vi, quyết định và kết quả khắc phục
   = ghi chú: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15

lỗi: trường công khai `description` có ngày sinh hoặc năm sinh “sinh ngày 01 tháng 02 năm 1985”: không được đăng dữ liệu cá nhân
  --> content/vi-pham/vp-a.yaml:11:71
   |
11 | description: "Chưa nghiệm thu về PCCC; Chủ cơ sở (ĐT (024) 3856 1234) sinh ngày 01 tháng 02 năm 1985."
   |                                                                       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = gợi ý: xoá ngày sinh, năm sinh khỏi ô này; danh sách công khai chỉ ghi tên, địa chỉ cơ sở, hành vi, quyết định và kết quả khắc phục
   = ghi chú: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15

Không dựng được trang: 2 lỗi.
"#
    );
}

#[test]
fn the_report_names_the_kind_the_text_and_the_cell_in_sheets() {
    let mut rows = sheet(&["Minh hoạ"]);
    rows[1][6] = "Ông A, CMND số 125 456 789".into();
    let site = empty_site();
    write_csv(&site, &rows);
    assert_eq!(
        report(&site),
        r#"lỗi: hàng 2, cột G “Chủ cơ sở”: trường công khai `owner.name` có dãy số giống số CMND/CCCD (9 hoặc 12 chữ số) “125 456 789”: không được đăng dữ liệu cá nhân
 --> content/vi-pham/danh-sach.csv:2:89
  |
2 | vp-t-000,Minh hoạ,"Karaoke, vũ trường",Minh hoạ,Tổ dân phố số 2,Tổ chức,"Ông A, CMND số 125 456 789","Vi phạm về lối, đường thoát nạn...
  |                                                                                         ^^^^^^^^^^^
  |
  = gợi ý: xoá số CMND/CCCD khỏi ô này; nếu đó là số tiền, viết có dấu chấm ngăn cách, ví dụ 150.000.000
  = ghi chú: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15

Không dựng được trang: 1 lỗi.
"#
    );

    let site = empty_site();
    write_xlsx(&site, &rows);
    assert_eq!(
        report(&site),
        r#"lỗi: hàng 2, cột G “Chủ cơ sở”: trường công khai `owner.name` có dãy số giống số CMND/CCCD (9 hoặc 12 chữ số) “125 456 789”: không được đăng dữ liệu cá nhân
--> content/vi-pham/danh-sach.xlsx
 = gợi ý: xoá số CMND/CCCD khỏi ô này; nếu đó là số tiền, viết có dấu chấm ngăn cách, ví dụ 150.000.000
 = ghi chú: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15

Không dựng được trang: 1 lỗi.
"#
    );
}
