//! Addresses written in `site.toml` (issue 14, finding 4): a menu `url`, an alert `link` or a
//! string of `[extra]` that would run code in the reader's browser is refused like a Markdown
//! link, however a browser would still read it, at its line and column, together with the
//! content's other problems.

use crate::support::Site;

const AS_OF: &str = "2026-11-28";

#[test]
fn code_running_addresses_in_site_toml_are_refused_with_the_contents_problems() {
    let site = Site::fixture("good");
    site.build(AS_OF);
    let before = site.snapshot("public");
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        format!(
            r#"{toml}
[[menu]]
name = "Hỏi đáp"
url = "JavaScript:alert(document.cookie)"

[[menu]]
name = "Tab"
url = "java\tscript:alert(1)"

[[menu]]
name = "Khoảng trắng"
url = '  javascript:alert(1)'

[[alert]]
message = "Mùa hanh khô"
link = "data:text/html,<script>alert(1)</script>"

[[alert]]
message = "Ký tự điều khiển"
link = "\u0001VBScript:msgbox(1)"

[extra.mang_xa_hoi]
facebook = "https://facebook.example/phuong"
zalo = ["https://zalo.example/phuong", "javascript:alert(1)"]
"#
        ),
    );
    site.edit("content/bai-viet/thoat-nan.md", "updated: 2026-03-10", "update: 2026-03-10");
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(!run.success);
    assert_eq!(run.stdout, "");
    assert_eq!(
        run.stderr,
        r#"lỗi: trường `update` không dùng được trong bài viết
 --> content/bai-viet/thoat-nan.md:5:1
  |
5 | update: 2026-03-10
  | ^^^^^^ trường lạ
  |
  = gợi ý: có phải bạn muốn viết `updated`?

lỗi: menu: liên kết `JavaScript:alert(document.cookie)` bị chặn vì có thể chạy mã trên máy người đọc
  --> site.toml:27:7
   |
27 | url = "JavaScript:alert(document.cookie)"
   |       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = gợi ý: dùng địa chỉ bắt đầu bằng https://, http://, tel:, mailto:, / (một trang của trang này) hoặc @/đường/dẫn.md

lỗi: menu: liên kết `java\tscript:alert(1)` bị chặn vì có thể chạy mã trên máy người đọc
  --> site.toml:31:7
   |
31 | url = "java\tscript:alert(1)"
   |       ^^^^^^^^^^^^^^^^^^^^^^^
   |
   = gợi ý: dùng địa chỉ bắt đầu bằng https://, http://, tel:, mailto:, / (một trang của trang này) hoặc @/đường/dẫn.md

lỗi: menu: liên kết `  javascript:alert(1)` bị chặn vì có thể chạy mã trên máy người đọc
  --> site.toml:35:7
   |
35 | url = '  javascript:alert(1)'
   |       ^^^^^^^^^^^^^^^^^^^^^^^
   |
   = gợi ý: dùng địa chỉ bắt đầu bằng https://, http://, tel:, mailto:, / (một trang của trang này) hoặc @/đường/dẫn.md

lỗi: thông báo: liên kết `data:text/html,<script>alert(1)</script>` bị chặn vì có thể chạy mã trên máy người đọc
  --> site.toml:39:8
   |
39 | link = "data:text/html,<script>alert(1)</script>"
   |        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = gợi ý: dùng địa chỉ bắt đầu bằng https://, http://, tel:, mailto:, / (một trang của trang này) hoặc @/đường/dẫn.md

lỗi: thông báo: liên kết `\u0001VBScript:msgbox(1)` bị chặn vì có thể chạy mã trên máy người đọc
  --> site.toml:43:8
   |
43 | link = "\u0001VBScript:msgbox(1)"
   |        ^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = gợi ý: dùng địa chỉ bắt đầu bằng https://, http://, tel:, mailto:, / (một trang của trang này) hoặc @/đường/dẫn.md

lỗi: `extra.mang_xa_hoi.zalo`: liên kết `javascript:alert(1)` bị chặn vì có thể chạy mã trên máy người đọc
  --> site.toml:47:40
   |
47 | zalo = ["https://zalo.example/phuong", "javascript:alert(1)"]
   |                                        ^^^^^^^^^^^^^^^^^^^^^
   |
   = gợi ý: dùng địa chỉ bắt đầu bằng https://, http://, tel:, mailto:, / (một trang của trang này) hoặc @/đường/dẫn.md

Không dựng được trang: 7 lỗi.
"#
    );
    assert_eq!(site.snapshot("public"), before, "the previous output is left untouched");
}

#[test]
fn ordinary_addresses_in_site_toml_still_become_links() {
    let site = Site::fixture("good");
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        format!(
            "{toml}\n[[menu]]\nname = \"Gọi 114\"\nurl = \"tel:114\"\n\n[[menu]]\nname = \"Thư\"\nurl = \"mailto:pccc@thu.example\"\n\n\
             [[menu]]\nname = \"Bộ Công an\"\nurl = \"https://bocongan.example/\"\n\n\
             [[alert]]\nmessage = \"Diễn tập\"\nlink = \"/chu-de/\"\n\n[extra]\nfacebook = \"https://facebook.example/phuong\"\n"
        ),
    );
    site.build(AS_OF);
    let home = site.read("public/index.html");
    for href in [
        r#"href="tel:114""#,
        r#"href="mailto:pccc@thu.example""#,
        r#"href="https://bocongan.example/""#,
    ] {
        crate::support::assert_contains(&home, href);
    }
}
