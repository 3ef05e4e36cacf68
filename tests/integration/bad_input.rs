//! Input that used to be accepted and published (issue 14, finding 7): control characters,
//! duplicate drill ids, impossible coordinates, negative settings, hidden files and symbolic
//! links in `content/`. Each is now an error with file, line, column and what to write
//! instead, or a warning where an error would be wrong.

use crate::support::{Site, assert_contains};

const AS_OF: &str = "2026-04-20";

#[test]
fn control_characters_in_a_body_are_refused() {
    Site::fixture("good").fails_with(
        AS_OF,
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
    Site::fixture("good").fails_with(
        AS_OF,
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
    Site::fixture("good").fails_with(
        AS_OF,
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
    Site::fixture("violations").fails_with(
        AS_OF,
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
    crate::violations::site_from_sheet("danh-sach.csv").fails_with(
        AS_OF,
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

#[test]
fn two_drills_with_the_same_id_are_refused() {
    Site::fixture("drills").fails_with(
        AS_OF,
        |site| site.edit("content/dien-tap/thang-3.md", "id: dt-thu-03", "id: dt-thu-12"),
        r#"lỗi: buổi diễn tập này và buổi diễn tập content/dien-tap/chung-cu.md có cùng mã `dt-thu-12` trong lịch
 --> content/dien-tap/thang-3.md:4:5
  |
4 | id: dt-thu-12
  |     ^^^^^^^^^
  |
  = gợi ý: ứng dụng lịch coi hai sự kiện cùng mã là một và chỉ giữ một buổi: đặt `id` khác cho một trong hai buổi, ví dụ `id: dt-2026-12-b`

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn impossible_coordinates_are_refused() {
    Site::fixture("drills").fails_with(
        AS_OF,
        |site| {
            site.edit(
                "content/dien-tap/chung-cu.md",
                "geo: {lat: 20.99, lng: 105.81}",
                "geo: {lat: 999, lng: -181.5}",
            )
        },
        r#"lỗi: vĩ độ `lat: 999` không có thật: vĩ độ nằm trong khoảng -90 đến 90
  --> content/dien-tap/chung-cu.md:15:14
   |
15 |   geo: {lat: 999, lng: -181.5}
   |              ^^^
   |
   = gợi ý: chép lại toạ độ từ bản đồ: vĩ độ `lat` trước, kinh độ `lng` sau, bằng độ thập phân; ví dụ Hà Nội ở quanh `geo: {lat: 21.0, lng: 105.8}`

lỗi: kinh độ `lng: -181.5` không có thật: kinh độ nằm trong khoảng -180 đến 180
  --> content/dien-tap/chung-cu.md:15:24
   |
15 |   geo: {lat: 999, lng: -181.5}
   |                        ^^^^^^
   |
   = gợi ý: chép lại toạ độ từ bản đồ: vĩ độ `lat` trước, kinh độ `lng` sau, bằng độ thập phân; ví dụ Hà Nội ở quanh `geo: {lat: 21.0, lng: 105.8}`

Không dựng được trang: 2 lỗi.
"#,
    );
}

#[test]
fn coordinates_outside_viet_nam_are_warned_about() {
    let site = Site::fixture("drills");
    site.edit(
        "content/dien-tap/chung-cu.md",
        "geo: {lat: 20.99, lng: 105.81}",
        "geo: {lat: -20.99, lng: 105.81}",
    );
    let run = site.build(AS_OF);
    assert_eq!(
        run.stderr,
        r#"cảnh báo: toạ độ (-20.99, 105.81) nằm ngoài Việt Nam
  --> content/dien-tap/chung-cu.md:15:14
   |
15 |   geo: {lat: -20.99, lng: 105.81}
   |              ^^^^^^
   |
   = gợi ý: kiểm tra lại: có thể đã viết nhầm dấu âm hoặc đổi chỗ vĩ độ và kinh độ; chép lại toạ độ từ bản đồ: vĩ độ `lat` trước, kinh độ `lng` sau, bằng độ thập phân; ví dụ Hà Nội ở quanh `geo: {lat: 21.0, lng: 105.8}`

"#
    );
    assert_contains(&site.read("public/dien-tap/chung-cu/index.html"), r#""latitude":-20.99"#);
}

#[test]
fn a_negative_grace_period_is_refused() {
    Site::fixture("violations").fails_with(
        AS_OF,
        |site| site.edit("site.toml", "grace_days = 30", "grace_days = -30"),
        r#"lỗi: `grace_days` không được là số âm, nhưng đang là -30
  --> site.toml:13:14
   |
13 | grace_days = -30
   |              ^^^
   |
   = gợi ý: `grace_days` là số ngày một cơ sở đã khắc phục còn ở mục “Đã khắc phục” trước khi rời danh sách: một số từ 0 đến 365, ví dụ grace_days = 30 (mặc định)

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn an_absurd_grace_period_is_refused() {
    Site::fixture("violations").fails_with(
        AS_OF,
        |site| site.edit("site.toml", "grace_days = 30", "grace_days = 3000 # ngày"),
        r#"lỗi: `grace_days` là 3000 ngày, quá giới hạn 365 ngày
  --> site.toml:13:14
   |
13 | grace_days = 3000 # ngày
   |              ^^^^
   |
   = gợi ý: `grace_days` là số ngày một cơ sở đã khắc phục còn ở mục “Đã khắc phục” trước khi rời danh sách: một số từ 0 đến 365, ví dụ grace_days = 30 (mặc định)

Không dựng được trang: 1 lỗi.
"#,
    );
}

/// Hidden files that hold content are named in warnings; editors' temporary files and other
/// hidden files are skipped without a word.
#[test]
fn hidden_content_files_are_named_in_warnings() {
    let site = Site::fixture("good");
    let page = site.read("content/bai-viet/goi-114.md");
    site.write("content/bai-viet/.an.md", &page);
    site.write("content/bai-viet/...md", &page);
    site.write("content/.nhap/bai-moi.md", &page);
    site.write("content/bai-viet/.#goi-114.md", "");
    site.write("content/bai-viet/.goi-114.md.swp", "");
    site.write("content/.DS_Store", "");
    let run = site.build(AS_OF);
    assert_eq!(
        run.stderr,
        r#"cảnh báo: thư mục `content/.nhap` bị bỏ qua vì tên bắt đầu bằng dấu chấm (thư mục ẩn), cùng 1 tệp nội dung trong đó
--> content/.nhap
 = gợi ý: nếu đây là nội dung cần đăng, đổi tên thư mục cho không bắt đầu bằng dấu chấm, ví dụ `nhap`; nếu cố ý để ẩn, có thể bỏ qua cảnh báo này

cảnh báo: tệp `content/bai-viet/...md` bị bỏ qua vì tên bắt đầu bằng dấu chấm (tệp ẩn)
--> content/bai-viet/...md
 = gợi ý: nếu đây là nội dung cần đăng, đổi tên tệp cho không bắt đầu bằng dấu chấm, ví dụ `ten-bai.md`; nếu cố ý để ẩn, có thể bỏ qua cảnh báo này

cảnh báo: tệp `content/bai-viet/.an.md` bị bỏ qua vì tên bắt đầu bằng dấu chấm (tệp ẩn)
--> content/bai-viet/.an.md
 = gợi ý: nếu đây là nội dung cần đăng, đổi tên tệp cho không bắt đầu bằng dấu chấm, ví dụ `an.md`; nếu cố ý để ẩn, có thể bỏ qua cảnh báo này

"#
    );
    assert!(!site.exists("public/bai-viet/an/index.html"));
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_inside_content_is_followed() {
    let site = Site::fixture("good");
    std::os::unix::fs::symlink("goi-114.md", site.path("content/bai-viet/goi-114-ban-sao.md"))
        .unwrap();
    std::os::unix::fs::symlink("../bai-viet/so-tay", site.path("content/bai-viet/so-tay-2"))
        .unwrap();
    let run = site.build(AS_OF);
    assert_eq!(run.stderr, "");
    assert_contains(&site.read("public/bai-viet/goi-114-ban-sao/index.html"), "Gọi 114 miễn phí.");
    assert!(site.exists("public/bai-viet/so-tay-2/so-do.svg"));
}

#[cfg(unix)]
#[test]
fn a_symbolic_link_out_of_content_is_refused() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| {
            site.write("ngoai/bi-mat.md", "---\ntitle: \"Bí mật\"\n---\n");
            std::os::unix::fs::symlink(
                "../../ngoai/bi-mat.md",
                site.path("content/bai-viet/bi-mat.md"),
            )
            .unwrap();
        },
        r#"lỗi: liên kết tượng trưng `content/bai-viet/bi-mat.md` trỏ ra ngoài thư mục content/, tới `ngoai/bi-mat.md`
--> content/bai-viet/bi-mat.md
 = gợi ý: chép tệp vào trong content/ thay cho liên kết: pccc chỉ theo liên kết tới tệp hay thư mục nằm trong content/, để một lần dựng không đăng nhầm tệp ở nơi khác trên máy

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[cfg(unix)]
#[test]
fn dangling_and_circular_links_are_refused() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| {
            std::os::unix::fs::symlink("khong-co.md", site.path("content/bai-viet/hong.md"))
                .unwrap();
            std::os::unix::fs::symlink("..", site.path("content/bai-viet/vong")).unwrap();
        },
        r#"lỗi: liên kết tượng trưng `content/bai-viet/hong.md` trỏ tới `khong-co.md`, nơi không có tệp nào
--> content/bai-viet/hong.md
 = gợi ý: sửa liên kết cho trỏ tới một tệp có thật trong content/, hoặc xoá nó

lỗi: liên kết tượng trưng `content/bai-viet/vong` trỏ về một thư mục chứa nó, thành vòng lặp
--> content/bai-viet/vong
 = gợi ý: xoá liên kết này

Không dựng được trang: 2 lỗi.
"#,
    );
}
