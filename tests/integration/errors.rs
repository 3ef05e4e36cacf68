//! Bad input: each mistake is reported with file, line, column and what to write instead, the
//! exit code is non-zero, and the previous output is left exactly as it was.

use crate::support::Site;

const AS_OF: &str = "2026-11-28";

#[test]
fn bad_yaml() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| {
            site.edit(
                "content/bai-viet/thoat-nan.md",
                "tags: [thoát nạn, Nhà ống]",
                "tags: [thoát nạn, Nhà ống",
            )
        },
        r#"lỗi: phần tiêu đề sai cú pháp YAML: danh sách mở bằng `[` nhưng thiếu `]` để đóng
 --> content/bai-viet/thoat-nan.md:6:7
  |
6 | tags: [thoát nạn, Nhà ống
  |       ^^^^^^^^^^
  |
  = gợi ý: đóng danh sách trên cùng dòng, ví dụ tags: [thoát nạn, nhà ống]
  = ghi chú: trình đọc YAML nhận ra lỗi ở dòng 7, cột 8

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn unknown_field() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| {
            site.edit("content/bai-viet/thoat-nan.md", "updated: 2026-03-10", "update: 2026-03-10")
        },
        r#"lỗi: trường `update` không dùng được trong bài viết
 --> content/bai-viet/thoat-nan.md:5:1
  |
5 | update: 2026-03-10
  | ^^^^^^ trường lạ
  |
  = gợi ý: có phải bạn muốn viết `updated`?

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn wrong_type() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| {
            site.edit(
                "content/bai-viet/goi-114.md",
                "date: 2026-02-05T08:30",
                "date: 2026-02-05T08:30\ndraft: có",
            )
        },
        r#"lỗi: sai kiểu: cần true hoặc false, nhưng gặp chữ "có" (trong `draft`)
 --> content/bai-viet/goi-114.md:4:8
  |
4 | draft: có
  |        ^^
  |
  = gợi ý: viết `true` (có) hoặc `false` (không)

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn bad_date() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| {
            site.edit("content/bai-viet/goi-114.md", "date: 2026-02-05T08:30", "date: 05/02/2026")
        },
        r#"lỗi: ngày `05/02/2026` phải viết theo thứ tự năm-tháng-ngày (trong `date`)
 --> content/bai-viet/goi-114.md:3:7
  |
3 | date: 05/02/2026
  |       ^^^^^^^^^^
  |
  = gợi ý: viết 2026-02-05 (ngày 5 tháng 2 năm 2026), hoặc kèm giờ: 2026-02-05T08:30

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn duplicate_slug() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| {
            site.write(
                "content/bai-viet/trung.md",
                "---\ntitle: \"Trùng\"\nslug: thoat-nan\n---\n\nNội dung.\n",
            )
        },
        r#"lỗi: hai trang có cùng đường dẫn `/bai-viet/thoat-nan/`: content/bai-viet/thoat-nan.md và content/bai-viet/trung.md
 --> content/bai-viet/thoat-nan.md:1:1
  |
1 | ---
  | ^^^
  |
  = gợi ý: đặt `slug` khác cho một trong hai trang, hoặc đổi tên tệp
  = ghi chú: đường dẫn này trùng với content/bai-viet/trung.md, dòng 3

lỗi: hai trang có cùng đường dẫn `/bai-viet/thoat-nan/`: content/bai-viet/thoat-nan.md và content/bai-viet/trung.md
 --> content/bai-viet/trung.md:3:1
  |
3 | slug: thoat-nan
  | ^^^^
  |
  = gợi ý: đặt `slug` khác cho một trong hai trang, hoặc đổi tên tệp
  = ghi chú: đường dẫn này đã có ở content/bai-viet/thoat-nan.md, dòng 1

Không dựng được trang: 2 lỗi.
"#,
    );
}

#[test]
fn broken_internal_link() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| {
            site.edit(
                "content/bai-viet/thoat-nan.md",
                "@/bai-viet/goi-114.md#noi-gi-khi-goi",
                "@/bai-viet/goi-114.md#noi-gi-khi-goii",
            )
        },
        r#"lỗi: trang `@/bai-viet/goi-114.md` không có mục `#noi-gi-khi-goii`
  --> content/bai-viet/thoat-nan.md:22:15
   |
22 | Gọi ngay, xem [nói gì khi gọi](@/bai-viet/goi-114.md#noi-gi-khi-goii) và [mục dưới](#sau-khi-thoat).
   |               ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = gợi ý: có phải bạn muốn viết `#noi-gi-khi-goi`?

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn missing_page() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| {
            site.edit(
                "content/gioi-thieu.md",
                "@/bai-viet/thoat-nan.md",
                "@/bai-viet/thoat-nan-2.md",
            )
        },
        r#"lỗi: không tìm thấy trang `@/bai-viet/thoat-nan-2.md`
 --> content/gioi-thieu.md:6:26
  |
6 | Trang không có ngày. Xem [bài thoát nạn](@/bai-viet/thoat-nan-2.md).
  |                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = gợi ý: có phải bạn muốn viết `@/bai-viet/thoat-nan.md`?

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn link_to_a_draft() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| site.edit("content/gioi-thieu.md", "@/bai-viet/thoat-nan.md", "@/bai-viet/nhap.md"),
        r#"lỗi: trang `@/bai-viet/nhap.md` là bản nháp (draft: true) nên sẽ không có trên trang web
 --> content/gioi-thieu.md:6:26
  |
6 | Trang không có ngày. Xem [bài thoát nạn](@/bai-viet/nhap.md).
  |                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = gợi ý: đăng trang đó (bỏ draft: true) hoặc bỏ liên kết này

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn missing_template() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| {
            site.edit(
                "content/bai-viet/goi-114.md",
                "tags: [thoát nạn, 114]",
                "tags: [thoát nạn, 114]\ntemplate: tin-tuc.html",
            )
        },
        r#"lỗi: không có mẫu giao diện `tin-tuc.html`
 --> content/bai-viet/goi-114.md:5:1
  |
5 | template: tin-tuc.html
  | ^^^^^^^^
  |
  = gợi ý: tạo tệp templates/tin-tuc.html, hoặc dùng một mẫu có sẵn: 404.html, alias.html, base.html, index.html, list.html, page.html, section.html, tag.html, tags.html

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn template_syntax_error() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| {
            site.edit(
                "themes/thu/templates/page.html",
                "{{ page.title }}</h1>",
                "{{ page.title }</h1>",
            )
        },
        r#"lỗi: mẫu giao diện `page.html` sai cú pháp: gặp `}` nhưng cần `}}`
 --> themes/thu/templates/page.html:5:19
  |
5 | <h1>{{ page.title }</h1>
  |                   ^
  |
  = gợi ý: in giá trị bằng {{ … }}, viết lệnh bằng {% … %} và ghi chú bằng {# … #}; mỗi {% if %}, {% for %}, {% block %} cần thẻ đóng {% endif %}, {% endfor %}, {% endblock %}

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn every_template_syntax_error_is_reported_at_once() {
    // tera stops at the first; pccc parses each template again alone to find them all.
    let site = Site::fixture("good");
    site.edit("themes/thu/templates/page.html", "{{ page.title }}</h1>", "{{ page.title }</h1>");
    site.edit("themes/thu/templates/tags.html", "{%", "{% nhầm %}{%");
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(!run.success, "the build should fail");
    for place in ["themes/thu/templates/page.html:5:19", "themes/thu/templates/tags.html:"] {
        assert!(run.stderr.contains(place), "{place} missing from:\n{}", run.stderr);
    }
    assert_eq!(run.stderr.matches("sai cú pháp").count(), 2, "{}", run.stderr);
    assert!(run.stderr.ends_with("Không dựng được trang: 2 lỗi.\n"), "{}", run.stderr);
}

#[test]
fn template_render_error() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| {
            site.edit(
                "themes/thu/templates/page.html",
                "{{ page.title }}</h1>",
                "{{ page.tittle }}</h1>",
            )
        },
        r#"lỗi: mẫu giao diện `page.html` lỗi khi dựng: không có trường `tittle`
 --> themes/thu/templates/page.html:5:13
  |
5 | <h1>{{ page.tittle }}</h1>
  |             ^^^^^^
  |
  = gợi ý: có phải bạn muốn viết `title`?
  = ghi chú: khi dựng trang content/bai-viet/goi-114.md

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn non_utf8_file() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| site.write("content/bai-viet/cu.md", b"---\ntitle: \"C\xe1c b\xe0i\"\n---\n"),
        r#"lỗi: tệp không phải văn bản UTF-8 (dòng 2, cột 10, byte thứ 14)
 --> content/bai-viet/cu.md:2:10
  |
2 | title: "C�c b�i"
  |          ^ byte không hợp lệ
  |
  = gợi ý: lưu lại tệp với bảng mã Unicode UTF-8; nếu văn bản cũ dùng phông TCVN3 (ABC) hoặc VNI, hãy chuyển mã bằng Unikey trước

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn every_problem_is_reported_at_once() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| {
            site.edit("content/bai-viet/thoat-nan.md", "updated: 2026-03-10", "update: 2026-03-10");
            site.edit(
                "content/gioi-thieu.md",
                "@/bai-viet/thoat-nan.md",
                "@/bai-viet/thoat-nan-2.md",
            );
            site.write("content/bai-viet/khong-tieu-de.md", "Quên phần tiêu đề.\n");
        },
        r#"lỗi: tệp thiếu phần tiêu đề (front matter) ở đầu tệp
 --> content/bai-viet/khong-tieu-de.md:1:1
  |
1 | Quên phần tiêu đề.
  | ^^^^^^^^^^^^^^^^^^ dòng đầu tiên phải là ---
  |
  = gợi ý: bắt đầu tệp bằng phần tiêu đề, ví dụ:
           ---
           title: "Tiêu đề bài viết"
           date: 2026-02-05
           ---

lỗi: trường `update` không dùng được trong bài viết
 --> content/bai-viet/thoat-nan.md:5:1
  |
5 | update: 2026-03-10
  | ^^^^^^ trường lạ
  |
  = gợi ý: có phải bạn muốn viết `updated`?

lỗi: không tìm thấy trang `@/bai-viet/thoat-nan-2.md`
 --> content/gioi-thieu.md:6:26
  |
6 | Trang không có ngày. Xem [bài thoát nạn](@/bai-viet/thoat-nan-2.md).
  |                          ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = gợi ý: có phải bạn muốn viết `@/bai-viet/thoat-nan.md`?

Không dựng được trang: 3 lỗi.
"#,
    );
}

#[test]
fn unknown_config_key() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| site.edit("site.toml", "paginate_by = 2", "paginate_by = 2\nlanguge = \"vi\""),
        r#"lỗi: trường `languge` không dùng được ở đây
 --> site.toml:7:1
  |
7 | languge = "vi"
  | ^^^^^^^
  |
  = gợi ý: có phải bạn muốn viết `language`?

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn unsafe_output_folder() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| {
            site.edit("site.toml", "paginate_by = 2", "paginate_by = 2\noutput_dir = \"content\"")
        },
        r#"lỗi: thư mục xuất `content` nằm trong content; việc dựng trang sẽ ghi đè lên nguồn
 --> site.toml:7:1
  |
7 | output_dir = "content"
  | ^^^^^^^^^^
  |
  = gợi ý: ví dụ: output_dir = "public"

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn section_without_index() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| site.remove("content/bai-viet/_index.md"),
        r#"lỗi: thư mục content/bai-viet chưa có tệp _index.md nên 6 trang trong đó chưa dựng được
--> content/bai-viet
 = gợi ý: tạo tệp content/bai-viet/_index.md với một dòng title, ví dụ:
          ---
          title: "Tên chuyên mục"
          ---

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn image_without_alt_text() {
    Site::fixture("good").fails_with(
        AS_OF,
        |site| site.edit("content/bai-viet/so-tay/index.md", "![Sơ đồ lối thoát]", "![]"),
        r#"lỗi: ảnh thiếu lời mô tả (alt) cho người khiếm thị
 --> content/bai-viet/so-tay/index.md:7:8
  |
7 | Sơ đồ: ![](so-do.svg)
  |        ^^^^^^^^^^^^^^
  |
  = gợi ý: viết trong ngoặc vuông ảnh có gì, ví dụ ![Sơ đồ lối thoát nạn tầng 2](so-do.png)

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn every_mistake_of_a_front_matter_in_one_build() {
    // Issue 14: a bad date and an unknown key were reported first, `draft: có` only after
    // they were fixed.
    Site::fixture("good").fails_with(
        AS_OF,
        |site| {
            site.edit(
                "content/bai-viet/goi-114.md",
                "date: 2026-02-05T08:30",
                "date: 2026-02-30\nngay: 2026-02-05\ndraft: có",
            )
        },
        r#"lỗi: ngày `2026-02-30` không có thật: tháng 2 năm 2026 chỉ có 28 ngày (trong `date`)
 --> content/bai-viet/goi-114.md:3:7
  |
3 | date: 2026-02-30
  |       ^^^^^^^^^^
  |
  = gợi ý: kiểm tra lại; viết ngày theo dạng năm-tháng-ngày, ví dụ 2026-02-05, hoặc kèm giờ: 2026-02-05T08:30

lỗi: trường `ngay` không dùng được trong bài viết
 --> content/bai-viet/goi-114.md:4:1
  |
4 | ngay: 2026-02-05
  | ^^^^ trường lạ
  |
  = gợi ý: có phải bạn muốn viết `date`?

lỗi: sai kiểu: cần true hoặc false, nhưng gặp chữ "có" (trong `draft`)
 --> content/bai-viet/goi-114.md:5:8
  |
5 | draft: có
  |        ^^
  |
  = gợi ý: viết `true` (có) hoặc `false` (không)

Không dựng được trang: 3 lỗi.
"#,
    );
}
