//! Resource limits: content that is very large or very long must not make a build take
//! quadratic time or unbounded memory (issue 14, finding 6).

use std::io::{Cursor, Read, Write};

use zip::write::SimpleFileOptions;

use crate::support::{Site, assert_contains};
use crate::violations;

const AS_OF: &str = "2026-11-28";

/// One more article in the good fixture, with `front` added to its front matter and `body`.
fn with_article(site: &Site, front: &str, body: &str) {
    site.write(
        "content/bai-viet/danh-sach-dai.md",
        format!("---\ntitle: \"Danh sách dài\"\ndate: 2026-03-02\n{front}---\n\n{body}"),
    );
}

/// Every tag page lists the page with all its tags; before the tags were shared between
/// listings, 20,000 tags on one page took three minutes to build (release build). No time is
/// asserted: the test has to finish within the test run. `check` renders every file like
/// `build` but writes none, so the test measures rendering, not the disk making 20,000 folders.
#[test]
fn a_page_with_20000_distinct_tags_builds() {
    let site = Site::fixture("good");
    let tags: Vec<String> = (0..20_000).map(|i| format!("chủ đề {i}")).collect();
    with_article(&site, &format!("tags: [{}]\n", tags.join(", ")), "Nội dung.\n");
    let run = site.pccc(&["check", "--as-of", AS_OF]);
    assert!(run.success, "{}", run.stderr);
    assert_contains(&run.stdout, "Không có lỗi: 5 trang, 2 chuyên mục (");
    // The fixture's 35 files, the page, a page for each of its tags (and search-index chunks).
    let files: usize =
        run.stdout.split(" (").nth(1).and_then(|s| s.split(' ').next()).unwrap().parse().unwrap();
    assert!(files > 35 + 1 + 20_000, "{}", run.stdout);
}

/// Headings with the same title get `muc`, `muc-1`, `muc-2`...; finding each id used to try
/// every taken number again (20,000 such headings took 34 s in a release build).
#[test]
fn a_page_with_20000_headings_of_one_title_builds() {
    let site = Site::fixture("good");
    with_article(&site, "", &"## Mục\n\nNội dung.\n\n".repeat(20_000));
    site.build(AS_OF);
    let page = site.read("public/bai-viet/danh-sach-dai/index.html");
    assert_contains(&page, r#"<h2 id="muc">Mục</h2>"#);
    assert_contains(&page, r#"<h2 id="muc-19999">Mục</h2>"#);
}

/// The violations fixture's workbook with its sheet's XML passed through `edit`.
fn workbook_with(edit: impl FnOnce(String) -> String) -> Vec<u8> {
    let fixture = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/violations/sheets/danh-sach.xlsx");
    let mut archive = zip::ZipArchive::new(Cursor::new(std::fs::read(fixture).unwrap())).unwrap();
    let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let mut edit = Some(edit);
    for i in 0..archive.len() {
        let mut part = archive.by_index(i).unwrap();
        let name = part.name().unwrap().to_string();
        let mut data = Vec::new();
        part.read_to_end(&mut data).unwrap();
        if name == "xl/worksheets/sheet1.xml" {
            let edit = edit.take().unwrap();
            data = edit(String::from_utf8(data).unwrap()).into_bytes();
        }
        out.start_file(name, SimpleFileOptions::default()).unwrap();
        out.write_all(&data).unwrap();
    }
    out.finish().unwrap().into_inner()
}

const SHEET_DAY: &str = "2026-04-20";

/// A 100 KB file that unpacks to more than 100 MB: refused before it is read.
#[test]
fn a_workbook_that_unpacks_past_the_limit_is_refused() {
    let site = violations::site_from_sheet("danh-sach.xlsx");
    site.fails_with(SHEET_DAY,
        |site| {
            let mut out = zip::ZipWriter::new(Cursor::new(Vec::new()));
            out.start_file("xl/worksheets/sheet1.xml", SimpleFileOptions::default()).unwrap();
            let spaces = vec![b' '; 1_000_000];
            for _ in 0..101 {
                out.write_all(&spaces).unwrap();
            }
            let bytes = out.finish().unwrap().into_inner();
            assert!(bytes.len() < 1_000_000, "{}", bytes.len());
            site.write("content/vi-pham/danh-sach.xlsx", bytes);
        },
        r#"lỗi: tệp Excel khi giải nén lớn hơn 100 MB, quá giới hạn của một bảng
--> content/vi-pham/danh-sach.xlsx
 = gợi ý: danh sách 10.000 hồ sơ chỉ chừng 15 MB: hãy xoá ảnh dán trong bảng, các trang tính không dùng và các hàng trống đã định dạng ở cuối trang tính, rồi lưu lại; nếu thật sự có nhiều dữ liệu như vậy, hãy chia danh sách thành nhiều tệp

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_workbook_row_past_the_limit_is_refused() {
    let site = violations::site_from_sheet("danh-sach.xlsx");
    site.fails_with(SHEET_DAY,
        |site| {
            let bytes = workbook_with(|xml| {
                xml.replace(
                    "</sheetData>",
                    r#"<row r="20001"><c r="B20001" t="inlineStr"><is><t>lạc</t></is></c></row></sheetData>"#,
                )
            });
            site.write("content/vi-pham/danh-sach.xlsx", bytes);
        },
        r#"lỗi: hàng 20.001 có dữ liệu, quá giới hạn 20.000 hàng của một bảng
--> content/vi-pham/danh-sach.xlsx
 = gợi ý: nếu danh sách không dài như vậy, các hàng cuối là hàng thừa: xoá chúng (chọn các hàng, chuột phải, Xoá) rồi lưu lại; nếu thật sự dài như vậy, hãy chia danh sách thành nhiều tệp, mỗi tệp dưới 20.000 hàng

Không dựng được trang: 1 lỗi.
"#,
    );
}

/// Control characters in cells are refused, each named by its cell, together with the
/// sheet's other problems.
#[test]
fn control_characters_in_workbook_cells_are_refused() {
    let site = violations::site_from_sheet("danh-sach.xlsx");
    site.fails_with(SHEET_DAY,
        |site| {
            let bytes = workbook_with(|xml| {
                xml.replace("Karaoke Ví Dụ A", "Karaoke_x0007_ Ví Dụ A")
                    .replace("Nhà hàng Ví Dụ C", "Nhà hàng Ví Dụ C_x001B_[31m")
                    // A bad cell of another kind is reported in the same build.
                    .replace("Karaoke, vũ trường", "Quán hát")
            });
            site.write("content/vi-pham/danh-sach.xlsx", bytes);
        },
        r#"lỗi: hàng 2, cột C “Loại hình”: loại hình cơ sở `Quán hát` không có trong danh sách cho phép
--> content/vi-pham/danh-sach.xlsx
 = gợi ý: có phải bạn muốn viết “Quán bar”? Các giá trị cho phép: nha_o_rieng_le (Nhà ở riêng lẻ), nha_o_ket_hop_kinh_doanh (Nhà ở kết hợp kinh doanh), nha_nhieu_tang_nhieu_can_ho (Nhà nhiều tầng nhiều căn hộ), chung_cu (Chung cư), karaoke_vu_truong (Karaoke, vũ trường), quan_bar (Quán bar), nha_hang (Nhà hàng, quán ăn), khach_san_nha_nghi (Khách sạn, nhà nghỉ), cho_tttm (Chợ, trung tâm thương mại), truong_hoc_mam_non (Trường mầm non), truong_hoc (Trường học), co_so_y_te (Cơ sở y tế), kho_xuong (Kho, xưởng), kinh_doanh_gas_xang_dau (Kinh doanh gas, xăng dầu), van_phong (Văn phòng), tru_so_co_quan (Trụ sở cơ quan), nha_tro_cho_thue (Nhà trọ cho thuê), khac (Khác)

lỗi: ô B2 có ký tự điều khiển U+0007, không dùng được trong văn bản
--> content/vi-pham/danh-sach.xlsx
 = gợi ý: ký tự này không hiện ra trên màn hình, thường lọt vào khi chép từ PDF hay phần mềm khác: gõ lại nội dung ô, hoặc dùng hàm =CLEAN() của Excel để bỏ nó

lỗi: ô B4 có ký tự điều khiển U+001B, không dùng được trong văn bản
--> content/vi-pham/danh-sach.xlsx
 = gợi ý: ký tự này không hiện ra trên màn hình, thường lọt vào khi chép từ PDF hay phần mềm khác: gõ lại nội dung ô, hoặc dùng hàm =CLEAN() của Excel để bỏ nó

Không dựng được trang: 3 lỗi.
"#,
    );
}

#[test]
fn a_workbook_with_only_a_header_is_refused() {
    let site = violations::site_from_sheet("danh-sach.xlsx");
    site.fails_with(SHEET_DAY,
        |site| {
            let bytes = workbook_with(|xml| {
                let start = xml.find("<row r=\"2\"").unwrap();
                let end = xml.find("</sheetData>").unwrap();
                format!("{}{}", &xml[..start], &xml[end..])
            });
            site.write("content/vi-pham/danh-sach.xlsx", bytes);
        },
        r#"lỗi: bảng chỉ có hàng tiêu đề, không có hồ sơ nào
--> content/vi-pham/danh-sach.xlsx
 = gợi ý: mỗi bảng trong content/vi-pham/ phải có ít nhất một hồ sơ, một hàng dưới hàng tiêu đề; nếu phường chưa có hồ sơ nào để đăng, hãy chuyển tệp này ra khỏi thư mục content/vi-pham/ (tệp mẫu để trống thì lưu ở nơi khác)

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn an_empty_workbook_is_refused() {
    let site = violations::site_from_sheet("danh-sach.xlsx");
    site.fails_with(SHEET_DAY,
        |site| {
            let bytes = workbook_with(|xml| {
                let start = xml.find("<sheetData>").unwrap();
                let end = xml.find("</sheetData>").unwrap() + "</sheetData>".len();
                format!("{}<sheetData/>{}", &xml[..start], &xml[end..])
            });
            site.write("content/vi-pham/danh-sach.xlsx", bytes);
        },
        r#"lỗi: trang tính đầu tiên (“Danh sách”) không có ô nào có dữ liệu
--> content/vi-pham/danh-sach.xlsx
 = gợi ý: pccc đọc trang tính đầu tiên của tệp: nếu danh sách nằm ở trang tính khác, hãy kéo trang đó lên đầu rồi lưu lại; nếu phường chưa có hồ sơ nào để đăng, hãy chuyển tệp này ra khỏi thư mục content/vi-pham/

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn an_empty_csv_sheet_is_refused() {
    let site = violations::site_from_sheet("danh-sach.csv");
    site.fails_with(SHEET_DAY,
        |site| site.write("content/vi-pham/danh-sach.csv", ""),
        r#"lỗi: tệp CSV trống: không có hàng tiêu đề, không có hồ sơ
--> content/vi-pham/danh-sach.csv
 = gợi ý: lưu lại danh sách từ Excel dạng “CSV UTF-8 (Comma delimited)”; nếu phường chưa có hồ sơ nào để đăng, hãy chuyển tệp này ra khỏi thư mục content/vi-pham/

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_csv_sheet_with_only_a_header_is_refused() {
    let site = violations::site_from_sheet("danh-sach.csv");
    site.fails_with(SHEET_DAY,
        |site| {
            let text = site.read("content/vi-pham/danh-sach.csv");
            let header = text.lines().next().unwrap();
            site.write("content/vi-pham/danh-sach.csv", format!("{header}\n"));
        },
        r#"lỗi: bảng chỉ có hàng tiêu đề, không có hồ sơ nào
 --> content/vi-pham/danh-sach.csv:1:1
  |
1 | Mã hồ sơ,Tên cơ sở,Loại hình,Địa chỉ,Tổ dân phố,Chủ cơ sở là,Chủ cơ sở,Hành vi vi phạm,Mô tả vi phạm,Căn cứ pháp lý,Số quyết định,Ký ...
  | ^
  |
  = gợi ý: mỗi bảng trong content/vi-pham/ phải có ít nhất một hồ sơ, một hàng dưới hàng tiêu đề; nếu phường chưa có hồ sơ nào để đăng, hãy chuyển tệp này ra khỏi thư mục content/vi-pham/ (tệp mẫu để trống thì lưu ở nơi khác)

Không dựng được trang: 1 lỗi.
"#,
    );
}

/// 999,928 cells in the header and 100 wide rows, then rows of 28 until one passes 1,000,000.
#[test]
fn a_csv_sheet_past_the_cell_limit_is_refused() {
    let site = violations::site_from_sheet("danh-sach.csv");
    site.fails_with(SHEET_DAY,
        |site| {
            let text = site.read("content/vi-pham/danh-sach.csv");
            let header: Vec<&str> = text.lines().next().unwrap().split(',').collect();
            let mut csv = header.join(",") + "\n";
            let wide = vec!["x"; 9_999].join(",");
            for _ in 0..100 {
                csv.push_str(&wide);
                csv.push('\n');
            }
            let short = vec!["y"; 28].join(",");
            for _ in 0..3 {
                csv.push_str(&short);
                csv.push('\n');
            }
            site.write("content/vi-pham/danh-sach.csv", csv);
        },
        r#"lỗi: bảng có hơn 1.000.000 ô (đếm đến ô cuối có dữ liệu của mỗi hàng), vượt ở hàng 104
   --> content/vi-pham/danh-sach.csv:104:1
    |
104 | y,y,y,y,y,y,y,y,y,y,y,y,y,y,y,y,y,y,y,y,y,y,y,y,y,y,y,y
    | ^
    |
    = gợi ý: xoá các cột thừa ở bên phải bảng (không có tên trong hàng tiêu đề) và các ô lạc ở xa, hoặc chia danh sách thành nhiều tệp

Không dựng được trang: 1 lỗi.
"#,
    );
}
