//! Facts not yet confirmed in `site.toml` ("CHƯA CÓ", a `base_url` on an example domain):
//! residents read "đang cập nhật", `pccc check` warns with the place and what to write, and
//! `--strict` (the publishing step) refuses to build.

use crate::support::{Site, assert_contains};

const AS_OF: &str = "2026-11-28";

/// The good fixture's `site.toml` on a real-looking domain, with `[owner]` and `[[contacts]]`.
fn with_contacts(site: &Site, contacts: &str) {
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let toml = std::fs::read_to_string(root.join("tests/fixtures/good/site.toml")).unwrap();
    let toml = toml.replace("https://thu.example/", "https://pccc.phuong-thu.vn/");
    site.write("site.toml", format!("{toml}\n{contacts}"));
}

const PENDING: &str = r#"[owner]
masthead = "Cổng thông tin PCCC của UBND phường Thử"
address = "CHƯA CÓ"
hours = "chua co (hỏi Văn phòng)"
office = "Phòng Văn hóa - Xã hội"

[[contacts]]
name = "Công an phường Thử"
phone = "CHƯA CÓ"
corrections = true

[[contacts]]
name = "Điện lực"
phone = "1900 1288"
"#;

const WARNINGS: &str = r#"cảnh báo: chưa có địa chỉ trụ sở của cơ quan quản lý trang
  --> site.toml:27:11
   |
27 | address = "CHƯA CÓ"
   |           ^^^^^^^^^
   |
   = gợi ý: viết địa chỉ trụ sở của cơ quan quản lý trang theo văn bản chính thức của phường vào address = "…"; khi còn “CHƯA CÓ”, trang ghi “đang cập nhật”

cảnh báo: chưa có giờ làm việc của cơ quan quản lý trang
  --> site.toml:28:9
   |
28 | hours = "chua co (hỏi Văn phòng)"
   |         ^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = gợi ý: viết giờ làm việc của cơ quan quản lý trang theo văn bản chính thức của phường vào hours = "…"; khi còn “CHƯA CÓ”, trang ghi “đang cập nhật”

cảnh báo: chưa có số điện thoại của “Công an phường Thử”
  --> site.toml:33:9
   |
33 | phone = "CHƯA CÓ"
   |         ^^^^^^^^^
   |
   = gợi ý: viết số điện thoại đã được chính cơ quan này xác nhận vào phone = "…" (không lấy từ trang chưa kiểm chứng); khi còn “CHƯA CÓ”, trang ghi “đang cập nhật”

"#;

#[test]
fn check_warns_about_every_placeholder_with_its_place_and_what_to_write() {
    let site = Site::fixture("good");
    with_contacts(&site, PENDING);
    let run = site.pccc(&["check", "--as-of", AS_OF]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(run.stderr, WARNINGS);
}

#[test]
fn strict_fails_while_a_placeholder_remains_and_keeps_the_previous_output() {
    let site = Site::fixture("good");
    with_contacts(&site, &PENDING.replace("CHƯA CÓ", "024 0000 0000").replace("chua co", "8:00"));
    let run = site.pccc(&["build", "--strict", "--as-of", AS_OF]);
    assert!(run.success, "confirmed values pass --strict:\n{}", run.stderr);
    assert_eq!(run.stderr, "");
    let before = site.snapshot("public");

    with_contacts(&site, PENDING);
    let errors = WARNINGS.replace("cảnh báo:", "lỗi:") + "Không dựng được trang: 3 lỗi.\n";
    for command in ["build", "check"] {
        let run = site.pccc(&[command, "--strict", "--as-of", AS_OF]);
        assert_eq!(run.code, Some(1), "{command} --strict");
        assert_eq!(run.stderr, errors, "{command} --strict");
    }
    assert_eq!(site.snapshot("public"), before, "the previous output is left untouched");
}

#[test]
fn an_example_base_url_is_a_warning_and_fails_strict() {
    let site = Site::fixture("good");
    let warning = "cảnh báo: `base_url` còn là địa chỉ tạm `https://thu.example`: tên miền \
                   `thu.example` không có thật\n --> site.toml:3:12\n  |\n3 | base_url = \
                   \"https://thu.example/\"\n  |            ^^^^^^^^^^^^^^^^^^^^^^\n  |\n  = gợi \
                   ý: thay bằng địa chỉ do phường cấp trước khi đăng, vì địa chỉ này nằm trong \
                   sơ đồ trang, nguồn tin và mã QR\n\n";
    let run = site.pccc(&["check", "--as-of", AS_OF]);
    assert!(run.success, "{}", run.stderr);
    assert_eq!(run.stderr, warning);
    let run = site.pccc(&["build", "--strict", "--as-of", AS_OF]);
    assert!(!run.success);
    assert_eq!(
        run.stderr,
        warning.replace("cảnh báo:", "lỗi:") + "Không dựng được trang: 1 lỗi.\n"
    );
    assert!(!site.exists("public"), "nothing is written");
    // A preview on a real address given on the command line is not warned about.
    let run = site.pccc(&["check", "--as-of", AS_OF, "--base-url", "http://127.0.0.1:8000"]);
    assert_eq!(run.stderr, "");
}

#[test]
fn a_number_that_is_neither_digits_nor_a_placeholder_is_an_error() {
    let site = Site::fixture("good");
    with_contacts(&site, "[[contacts]]\nname = \"Công an phường Thử\"\nphone = \"gọi 113\"\n");
    let run = site.pccc(&["check", "--as-of", AS_OF]);
    assert!(!run.success);
    assert_eq!(
        run.stderr,
        "lỗi: số điện thoại `gọi 113` của “Công an phường Thử” không đọc được\n  --> \
         site.toml:27:9\n   |\n27 | phone = \"gọi 113\"\n   |         ^^^^^^^^^\n   |\n   = \
         gợi ý: chỉ viết chữ số, có thể cách nhau bằng dấu cách hoặc dấu chấm; khi chưa có số \
         đã được xác nhận, viết phone = \"CHƯA CÓ\"\n\nKhông dựng được trang: 1 lỗi.\n"
    );
}

/// The ward's own numbers on the default theme: a confirmed one is a `tel:` link, one still
/// "CHƯA CÓ" reads "đang cập nhật"; the corrections box ends its sentence even when the text in
/// site.toml has no full stop (issue 17: it ran into "Khi báo, …").
#[test]
fn pages_show_pending_numbers_as_being_updated_and_the_corrections_box_ends_its_sentence() {
    let site = Site::fixture("violations");
    let toml = site.read("site.toml");
    assert!(toml.contains("corrections = \"Bộ phận Một cửa, UBND phường Thử\"\n"));
    site.write("site.toml", format!("{toml}\n{PENDING}"));
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(run.success, "{}", run.stderr);
    let record = site.read("public/vi-pham/vp-a/index.html");
    assert_contains(&record, "đính chính: Bộ phận Một cửa, UBND phường Thử. Khi báo, xin ghi mã");
    assert_contains(
        &record,
        "<li><span class=\"number-pending\">Công an phường Thử: số đang cập nhật</span></li>",
    );
    assert!(!record.contains("Điện lực</a></li>\n  </ul>\n</section>"), "only corrections = true");
    let home = site.read("public/index.html");
    assert_contains(&home, "<p class=\"site-owner\">Cổng thông tin PCCC của UBND phường Thử</p>");
    assert_contains(&home, "<p>Địa chỉ: đang cập nhật</p>");
    assert_contains(&home, "<p>Giờ làm việc: đang cập nhật</p>");
    assert_contains(&home, "<p>Đơn vị chịu trách nhiệm nội dung: Phòng Văn hóa - Xã hội.</p>");
    assert_contains(&home, "<p>Cập nhật ngày <time datetime=\"2026-11-28\">28/11/2026</time>.</p>");
    assert_contains(&home, "<a href=\"tel:19001288\"><strong>1900 1288</strong> Điện lực</a>");
    assert!(!home.contains("CHƯA CÓ") && !home.contains("chua co"), "no placeholder is shown");
}
