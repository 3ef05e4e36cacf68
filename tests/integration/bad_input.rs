//! Input that used to be accepted and published (issue 14, finding 7): control characters,
//! duplicate drill ids, impossible coordinates, negative settings, hidden files and symbolic
//! links in `content/`. Each is now an error with file, line, column and what to write
//! instead, or a warning where an error would be wrong.

use crate::support::{Site, assert_contains};

const AS_OF: &str = "2026-04-20";

/// Builds the `fixture` site, applies `mistake`, and checks that the next build fails with
/// exactly `expected` and leaves the first build's output as it was.
#[track_caller]
pub fn refused(site: &Site, mistake: impl FnOnce(&Site), expected: &str) {
    site.build(AS_OF);
    let before = site.snapshot("public");
    mistake(site);
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(!run.success, "the build should fail");
    if run.stderr != expected {
        eprintln!("--- actual stderr ---\n{}--- end ---", run.stderr);
    }
    assert_eq!(run.stderr, expected);
    assert_eq!(site.snapshot("public"), before, "the previous output must be left untouched");
}

#[test]
fn control_characters_in_a_body_are_refused() {
    refused(
        &Site::fixture("good"),
        |site| {
            site.edit(
                "content/bai-viet/thoat-nan.md",
                "Khói nguy hiểm",
                "Khói\u{0} nguy\u{1B}[31m hiểm",
            )
        },
        r#"lỗi: ký tự điều khiển U+0000 không dùng được trong văn bản
  --> content/bai-viet/thoat-nan.md:16:5
   |
16 | Khói␀ nguy␛[31m hiểm hơn lửa.
   |     ^ ký tự ẩn U+0000
   |
   = gợi ý: xoá ký tự này: nó không hiện ra trên màn hình, thường lọt vào khi chép từ PDF, Word hay phần mềm khác, và làm hỏng nguồn tin Atom của trang; nếu không thấy nó, xoá cả chữ bên cạnh rồi gõ lại
   = ghi chú: tệp còn 1 ký tự như vậy: dòng 16, cột 11 (U+001B)

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn control_characters_in_front_matter_are_refused() {
    refused(
        &Site::fixture("good"),
        |site| {
            site.edit(
                "content/bai-viet/thoat-nan.md",
                "Các bước thoát nạn.",
                "Các bước\u{7F} thoát\u{85} nạn.",
            )
        },
        r#"lỗi: ký tự điều khiển U+007F không dùng được trong văn bản
 --> content/bai-viet/thoat-nan.md:3:23
  |
3 | description: "Các bước␡ thoát� nạn."
  |                       ^ ký tự ẩn U+007F
  |
  = gợi ý: xoá ký tự này: nó không hiện ra trên màn hình, thường lọt vào khi chép từ PDF, Word hay phần mềm khác, và làm hỏng nguồn tin Atom của trang; nếu không thấy nó, xoá cả chữ bên cạnh rồi gõ lại
  = ghi chú: tệp còn 1 ký tự như vậy: dòng 3, cột 30 (U+0085)

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn control_characters_in_site_toml_are_refused() {
    refused(
        &Site::fixture("good"),
        |site| site.edit("site.toml", "Trang thử\"", "Trang thử\u{8}\""),
        r#"lỗi: ký tự điều khiển U+0008 không dùng được trong văn bản
 --> site.toml:1:19
  |
1 | title = "Trang thử␈"
  |                   ^ ký tự ẩn U+0008
  |
  = gợi ý: xoá ký tự này: nó không hiện ra trên màn hình, thường lọt vào khi chép từ PDF, Word hay phần mềm khác, và làm hỏng nguồn tin Atom của trang; nếu không thấy nó, xoá cả chữ bên cạnh rồi gõ lại

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn control_characters_in_a_violation_record_are_refused() {
    refused(
        &crate::violations::site(),
        |site| site.edit("content/vi-pham/vp-c.yaml", "Dây điện quá tải", "Dây điện\u{2} quá tải"),
        r#"lỗi: ký tự điều khiển U+0002 không dùng được trong văn bản
  --> content/vi-pham/vp-c.yaml:11:23
   |
11 | description: "Dây điện␂ quá tải ở bếp."
   |                       ^ ký tự ẩn U+0002
   |
   = gợi ý: xoá ký tự này: nó không hiện ra trên màn hình, thường lọt vào khi chép từ PDF, Word hay phần mềm khác, và làm hỏng nguồn tin Atom của trang; nếu không thấy nó, xoá cả chữ bên cạnh rồi gõ lại

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn control_characters_in_a_csv_cell_are_refused() {
    refused(
        &crate::violations::site_from_sheet("danh-sach.csv"),
        |site| {
            site.edit("content/vi-pham/danh-sach.csv", "Dây điện quá tải", "Dây điện\u{2} quá tải")
        },
        r#"lỗi: ký tự điều khiển U+0002 không dùng được trong văn bản
 --> content/vi-pham/danh-sach.csv:5:146
  |
5 | ... phần Minh hoạ C,"Hệ thống điện, thiết bị điện",Dây điện␂ quá tải ở bếp.,,07,QĐ-XPHC,08/02/2026,Chủ tịch UBND phường Thử,,,30/04/2...
  |                                                            ^ ký tự ẩn U+0002
  |
  = gợi ý: xoá ký tự này: nó không hiện ra trên màn hình, thường lọt vào khi chép từ PDF, Word hay phần mềm khác, và làm hỏng nguồn tin Atom của trang; nếu không thấy nó, xoá cả chữ bên cạnh rồi gõ lại

Không dựng được trang: 1 lỗi.
"#,
    );
}
