//! Lessons for schools: the lesson page (plan, quiz answers in `<details>`), the "Nhúng bài học"
//! page with the snippets schools copy, the embed pages, QR codes and posters, pictograms, and
//! the messages for wrong values.

use crate::support::{Site, assert_contains, assert_lacks};

/// The text of `html` from `from` (left out) to the next `to` (kept).
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("{from:?} not in:\n{html}")) + from.len();
    let rest = &html[start..];
    &rest[..rest.find(to).map_or(rest.len(), |end| end + to.len())]
}

const AS_OF: &str = "2026-11-28";
const LESSON: &str = "public/bai-hoc/be-thoat-hiem/index.html";
const EMBED: &str = "public/nhung/bai-hoc/be-thoat-hiem/index.html";
const QUIZ_EMBED: &str = "public/nhung/bai-hoc/be-thoat-hiem/cau-hoi/index.html";
const NHUNG: &str = "public/bai-hoc/be-thoat-hiem/nhung/index.html";

/// `html` with its tags removed and the five escapes undone: the text a browser shows.
fn text_of(html: &str) -> String {
    let mut out = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[test]
fn lesson_page_shows_the_plan_and_the_quiz_without_javascript() {
    let site = Site::fixture("lessons");
    site.build(AS_OF);
    let html = site.read(LESSON);
    assert_contains(&html, "<h1>Bé thoát hiểm &amp; tránh khói</h1>");
    assert_contains(&html, "<div><dt>Cấp học</dt><dd>Mầm non</dd></div>");
    assert_contains(&html, "<div><dt>Đối tượng</dt><dd>Trẻ 5–6 tuổi</dd></div>");
    assert_contains(&html, "<div><dt>Thời lượng</dt><dd>30 phút</dd></div>");
    assert_contains(&html, "mỗi năm học có ít nhất 1 buổi");
    for heading in ["Kiến thức", "Kỹ năng", "Thái độ"] {
        assert_contains(&html, &format!("<h3>{heading}</h3>"));
    }
    assert_contains(&html, "<li>Nhận biết khói, lửa, chuông báo cháy</li>");
    assert_contains(&html, "<li>Sơ đồ lối thoát nạn của lớp</li>");
    assert_contains(&html, "<li>Không dùng lửa thật với trẻ</li>");
    assert_contains(
        &html,
        r#"<li><p class="lesson-step-phase"><strong>Thực hành</strong> · 20 phút</p><p>Tập sơ tán ra sân, cô điểm danh</p></li>"#,
    );
    assert_contains(&html, "<li>Cúi thấp, che mũi, đi theo cô</li>");
    // Answers are inside <details>: hidden until opened, and opened without any script.
    assert_contains(
        &html,
        "<details class=\"quiz-answer\">\n        <summary>Xem đáp án câu 1</summary>\n        <p><strong>Đáp án B:</strong> Không</p>\n        <p>Khói tràn vào nhà vệ sinh rất nhanh.</p>",
    );
    // A lower-case letter is accepted.
    assert_contains(&html, "<p><strong>Đáp án B:</strong> 114</p>");
    assert_contains(&html, r#"<a href="https://thu.example/tt06">Thông tư 06/2022/TT-BGDĐT</a>"#);
    assert_contains(
        &html,
        r#"<figure class="lesson-qr">
    <svg class="qr" role="img" aria-label="Mã QR dẫn đến bài học này trên trang của phường" width="132" height="132" viewBox="0 0 "#,
    );
    assert_contains(
        &html,
        r#"<a href="https://thu.example/bai-hoc/be-thoat-hiem/poster/">Áp phích “Ghi nhớ” khổ A4</a>"#,
    );
    // Structured data for search engines: a learning resource for teachers.
    let start = html.find(r#"<script type="application/ld+json">"#).expect("JSON-LD") + 35;
    let end = start + html[start..].find("</script>").unwrap();
    let data: serde_json::Value = serde_json::from_str(&html[start..end]).expect("valid JSON-LD");
    assert_eq!(data["@type"], "LearningResource");
    assert_eq!(data["name"], "Bé thoát hiểm & tránh khói");
    assert_eq!(data["educationalLevel"], "Mầm non");
    assert_eq!(data["timeRequired"], "PT30M");
    assert_eq!(data["teaches"][1], "Không trốn vào nhà vệ sinh");
    assert_contains(&html[start..end], r#"\u0026"#);
    // No inline scripts or styles: every script but the data has a src.
    assert_eq!(html.matches("<script").count(), html.matches("<script src=").count() + 1);
    assert_lacks(&html, " style=\"");
}

/// The `<pre data-copy>` snippets of a page, as the text a browser shows and copies.
fn snippets(html: &str) -> Vec<String> {
    html.split(r#"<pre class="code embed-code" data-copy><code class="language-html">"#)
        .skip(1)
        .map(|part| text_of(&part[..part.find("</pre>").unwrap()]))
        .collect()
}

#[test]
fn the_lesson_page_links_to_its_embed_page_instead_of_showing_code() {
    let site = Site::fixture("lessons");
    site.build(AS_OF);
    let html = site.read(LESSON);
    assert_contains(
        &html,
        r#"<li><a href="https://thu.example/bai-hoc/be-thoat-hiem/nhung/">Nhúng bài học vào trang web của trường</a>: toàn bài hoặc chỉ phần câu hỏi, có mã để sao chép.</li>"#,
    );
    // No code block and nothing to highlight or copy on the lesson page any more.
    assert_lacks(&html, "<pre");
    assert_lacks(&html, "syntax.css");
    assert_lacks(&html, "sao-chep.js");
}

#[test]
fn the_nhung_page_holds_both_snippets_of_the_lesson_and_of_its_quiz() {
    let site = Site::fixture("lessons");
    site.build(AS_OF);
    let html = site.read(NHUNG);
    assert_contains(&html, "<h1>Nhúng bài học: Bé thoát hiểm &amp; tránh khói</h1>");
    assert_contains(&html, r#"<meta name="robots" content="noindex">"#);
    assert_contains(&html, r#"<link rel="stylesheet" href="https://thu.example/syntax.css?v="#);
    assert_contains(&html, r#"<script src="https://thu.example/sao-chep.js?v="#);
    assert_contains(
        &html,
        r#"<a href="https://thu.example/nhung/bai-hoc/be-thoat-hiem/">Xem trước toàn bài</a>"#,
    );
    assert_contains(
        &html,
        r#"<a href="https://thu.example/nhung/bai-hoc/be-thoat-hiem/cau-hoi/">Xem trước phần câu hỏi</a>"#,
    );
    assert_contains(
        &html,
        "<code>frame-src https://thu.example; script-src 'self' https://thu.example</code>",
    );
    assert_contains(&html, r#"<span class="z-entity z-name z-tag"#);
    let snippets = snippets(&html);
    assert_eq!(snippets.len(), 4, "{snippets:?}");
    // The loader form: no inline script, no style attribute; a school's policy allows it with
    // this site's origin in frame-src and script-src.
    assert_eq!(
        snippets[0],
        r#"<iframe src="https://thu.example/nhung/bai-hoc/be-thoat-hiem/" title="Bài học: Bé thoát hiểm &amp; tránh khói" width="100%" height="800" loading="lazy"></iframe>
<script src="https://thu.example/nhung/khung.js" async></script>
"#
    );
    // The inline form, as before, for simple sites: the iframe and a listener that checks
    // origin and source.
    assert_eq!(
        snippets[1],
        r#"<iframe id="pccc-be-thoat-hiem" src="https://thu.example/nhung/bai-hoc/be-thoat-hiem/" title="Bài học: Bé thoát hiểm &amp; tránh khói"
  width="100%" height="800" style="border:0" loading="lazy"></iframe>
<script>
window.addEventListener("message", function (event) {
  var frame = document.getElementById("pccc-be-thoat-hiem");
  if (event.origin !== "https://thu.example" || !frame || event.source !== frame.contentWindow) return;
  var data = event.data;
  if (data && data.type === "pccc-chieu-cao" && typeof data.height === "number") {
    frame.style.height = Math.ceil(data.height) + "px";
  }
});
</script>
"#
    );
    assert!(
        snippets[2].starts_with(
            r#"<iframe src="https://thu.example/nhung/bai-hoc/be-thoat-hiem/cau-hoi/" title="Câu hỏi ôn tập: Bé thoát hiểm &amp; tránh khói""#
        ),
        "{}",
        snippets[2]
    );
    assert_contains(&snippets[3], r#"document.getElementById("pccc-be-thoat-hiem-cau-hoi")"#);
    // A lesson without a quiz has no quiz-only embed.
    let other = site.read("public/bai-hoc/thpt-binh-chua-chay/nhung/index.html");
    assert_eq!(other.matches("data-copy>").count(), 2);
    assert!(!site.exists("public/nhung/bai-hoc/thpt-binh-chua-chay/cau-hoi"));
    let loader = site.read("public/nhung/khung.js");
    assert_contains(&loader, "list[i].height = String(Math.ceil(data.height));");
    assert_contains(&loader, "if (event.origin !== origin) return;");
    let copy = site.read("public/sao-chep.js");
    assert_contains(&copy, "navigator.clipboard.writeText(pre.textContent)");
    // Highlighted colours were made to pass WCAG AA: InspiredGitHub's pale grey is gone.
    let css = site.read("public/syntax.css");
    assert_contains(&css, ".z-comment");
    assert_lacks(&css, "#969896");
    // No inline script or style outside the code shown for copying.
    let outside: String =
        html.split("<pre").map(|p| p.split_once("</pre>").map_or(p, |(_, after)| after)).collect();
    assert_lacks(&outside, " style=\"");
    assert_eq!(outside.matches("<script").count(), outside.matches("<script src=").count());
}

#[test]
fn embed_pages_have_no_navigation_and_report_their_height() {
    let site = Site::fixture("lessons");
    site.build(AS_OF);
    for (page, whole) in [(EMBED, true), (QUIZ_EMBED, false)] {
        let html = site.read(page);
        assert_contains(&html, r#"<meta name="robots" content="noindex">"#);
        assert_contains(
            &html,
            r#"<link rel="canonical" href="https://thu.example/bai-hoc/be-thoat-hiem/">"#,
        );
        // Links open a new tab, not a page of the site inside the school's frame.
        assert_contains(&html, r#"<base target="_blank">"#);
        assert_contains(&html, r#"<link rel="stylesheet" href="https://thu.example/nhung.css?v="#);
        assert_contains(&html, r#"<script src="https://thu.example/nhung.js?v="#);
        assert_lacks(&html, "style.css");
        assert_lacks(&html, "<nav");
        assert_lacks(&html, "site-header");
        assert_lacks(&html, " style=\"");
        assert_eq!(html.matches("<script").count(), 1);
        assert_contains(&html, "<summary>Xem đáp án câu 2</summary>");
        assert_contains(
            &html,
            r#"<a href="https://thu.example/bai-hoc/be-thoat-hiem/" rel="noopener">Xem bài học trên trang"#,
        );
        assert_contains(&html, r#"<a href="tel:114" target="_top">114</a>"#);
        // The whole lesson has its plan and key messages; the quiz alone has neither.
        for part in [
            "<h2 id=\"ghi-nho\">Ghi nhớ</h2>",
            "<h2 id=\"tien-trinh\">Tiến trình bài học</h2>",
            "<h2 id=\"nguon\">",
        ] {
            assert_eq!(html.contains(part), whole, "{page}: {part}");
        }
    }
    assert_contains(
        &site.read(QUIZ_EMBED),
        "<h1>Câu hỏi ôn tập: Bé thoát hiểm &amp; tránh khói</h1>",
    );
    let script = site.read("public/nhung.js");
    assert_contains(
        &script,
        "window.parent.postMessage({ type: 'pccc-chieu-cao', height: height }, '*')",
    );
    // Asked again by the school's loader, it answers.
    assert_contains(&script, "event.data.type !== 'pccc-hoi-chieu-cao'");
    // Every lesson has one, even without quiz or key messages.
    assert!(site.exists("public/nhung/bai-hoc/thpt-binh-chua-chay/index.html"));
    assert!(!site.exists("public/nhung/bai-viet"));
}

#[test]
fn posters_and_qr_codes_for_pages_with_key_messages() {
    let site = Site::fixture("lessons");
    site.build(AS_OF);
    for (page, title, noun) in [
        ("bai-hoc/be-thoat-hiem", "Bé thoát hiểm &amp; tránh khói", "bài học"),
        ("bai-viet/co-ghi-nho", "Sạc xe điện an toàn", "bài viết"),
    ] {
        let poster = site.read(&format!("public/{page}/poster/index.html"));
        assert_contains(&poster, &format!(r#"<h1 class="poster-title">{title}</h1>"#));
        assert_contains(&poster, r#"<meta name="robots" content="noindex">"#);
        // The QR code is inline: no file of its own (issue 20), and it reads back as the page.
        let qr = between(&poster, "<div class=\"poster-qr\">\n    ", "</svg>");
        assert!(
            qr.starts_with(&format!(
                r#"<svg class="qr" role="img" aria-label="Mã QR dẫn đến {noun} trên trang của phường" width="160" height="160" viewBox="0 0 "#
            )),
            "{qr}"
        );
        assert_contains(qr, r##"<path stroke="#000" d="M4 4.5h7m"##);
        assert!(!site.exists(&format!("public/{page}/qr.svg")));
        assert_contains(
            &poster,
            &format!(r#"<span class="poster-url">thu.example/{page}/</span>"#),
        );
        assert_contains(&poster, r#"<a href="tel:114"><strong>114</strong></a>"#);
        assert_lacks(&poster, "<nav");
    }
    let poster = site.read("public/bai-viet/co-ghi-nho/poster/index.html");
    assert_contains(&poster, "<li>Không sạc qua đêm</li>\n    <li>Chờ xe nguội rồi mới sạc</li>");
    // No key messages, no poster.
    assert!(!site.exists("public/bai-hoc/thpt-binh-chua-chay/poster"));
    assert_contains(
        &site.read("public/bai-hoc/thpt-binh-chua-chay/index.html"),
        r#"<svg class="qr" role="img" aria-label="Mã QR dẫn đến bài học này"#,
    );
    assert!(!site.exists("public/bai-viet/khong-ghi-nho/poster"));
    // Every article's printout carries its QR code inline, hidden on screen.
    assert_contains(
        &site.read("public/bai-viet/khong-ghi-nho/index.html"),
        r#"<figure class="print-qr">
    <svg class="qr" role="img" aria-label="Mã QR dẫn đến trang này" width="96" height="96" viewBox="0 0 "#,
    );
    let files: Vec<String> = site.snapshot("public").into_keys().collect();
    assert!(!files.iter().any(|f| f.ends_with("qr.svg")), "{files:?}");
    // The print stylesheet hides the tools and keeps the QR code.
    let css = site.read("public/style.css");
    assert_contains(
        &css,
        ".lesson-tools, .copy-button, .copy-status, .poster-help, .poster-link { display: none; }",
    );
    // The article links to its poster; the one without key messages does not.
    assert_contains(
        &site.read("public/bai-viet/co-ghi-nho/index.html"),
        r#"<p class="poster-link"><a href="https://thu.example/bai-viet/co-ghi-nho/poster/">"#,
    );
    assert_lacks(&site.read("public/bai-viet/khong-ghi-nho/index.html"), "poster-link");
}

/// The article of the fixture with a pictogram beside a key message and one in its text.
fn with_pictograms(site: &Site, key_message: &str, in_text: &str) {
    let article = "content/bai-viet/co-ghi-nho.md";
    site.edit(
        article,
        "  - \"Không sạc qua đêm\"\n",
        &format!("  - text: \"Không sạc qua đêm\"\n    pictogram: {key_message}\n"),
    );
    site.edit(
        article,
        "Bài có ghi nhớ.",
        &format!("Bài có ghi nhớ. {{{{ hinh(ten=\"{in_text}\") }}}}"),
    );
}

#[test]
fn pictograms_show_in_text_beside_key_messages_and_on_posters() {
    let site = Site::fixture("lessons");
    with_pictograms(&site, "khong-sac-xe-qua-dem", "goi-114");
    site.build(AS_OF);
    let svg = site.read("public/hinh/goi-114.svg");
    assert!(svg.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 64 64""#));
    assert!(site.exists("public/hinh/binh-quet.svg"));
    let html = site.read("public/bai-viet/co-ghi-nho/index.html");
    assert_contains(
        &html,
        r#"<p>Bài có ghi nhớ. <img class="hinh" src="https://thu.example/hinh/goi-114.svg?v="#,
    );
    assert_contains(
        &html,
        r#"" alt="Gọi 114 khi có cháy, nổ, cần cứu nạn, cứu hộ" width="64" height="64"></p>"#,
    );
    let beside = r#"<li><span class="co-hinh"><img class="hinh-ghi-nho" src="https://thu.example/hinh/khong-sac-xe-qua-dem.svg?v="#;
    let alt = r#"" alt="Không sạc xe điện qua đêm, không sạc ở lối thoát nạn" width="64" height="64"><span>Không sạc qua đêm</span></span></li>"#;
    let poster = site.read("public/bai-viet/co-ghi-nho/poster/index.html");
    for page in [&html, &poster] {
        assert_contains(page, beside);
        assert_contains(page, alt);
        // A key message written as a plain string shows as before.
        assert_contains(page, "<li>Chờ xe nguội rồi mới sạc</li>");
    }
    // The address in the page is the one `static_url` gives the file: one cached copy.
    let url = html.split(r#"<img class="hinh" src=""#).nth(1).unwrap().split('"').next().unwrap();
    assert!(url.contains("?v="), "{url}");
    assert_lacks(&html, " style=\"");
}

#[test]
fn an_unknown_pictogram_is_an_error_listing_the_names() {
    let names = "goi-114, cui-thap, so-cua, dong-cua, khong-sac-xe-qua-dem, chuong-cop, \
                 binh-rut-chot, binh-huong-voi, binh-bop-van, binh-quet, gas-khong-bat-dien, \
                 gas-mo-cua-so";
    Site::fixture("lessons").fails_with(
        AS_OF,
        |site| {
            with_pictograms(site, "sac-xe", "goi-114");
            site.edit(
                "content/bai-hoc/be-thoat-hiem.md",
                "Ghi chú cho giáo viên.",
                "Ghi chú cho giáo viên. {{ hinh(ten=\"goi-113\") }}",
            );
        },
        &format!(
            r#"lỗi: không có hình `goi-113`
  --> content/bai-hoc/be-thoat-hiem.md:38:24
   |
38 | Ghi chú cho giáo viên. {{{{ hinh(ten="goi-113") }}}}
   |                        ^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = gợi ý: có phải bạn muốn viết `goi-114`? Các hình có sẵn: {names}

lỗi: không có hình `sac-xe`
 --> content/bai-viet/co-ghi-nho.md:6:16
  |
6 |     pictogram: sac-xe
  |                ^^^^^^
  |
  = gợi ý: các hình có sẵn: {names}

Không dựng được trang: 2 lỗi.
"#
        ),
    );
}

#[test]
fn a_key_message_with_a_wrong_field_is_shown_at_the_field() {
    Site::fixture("lessons").fails_with(
        AS_OF,
        |site| {
            site.edit(
                "content/bai-viet/co-ghi-nho.md",
                "  - \"Không sạc qua đêm\"\n",
                "  - text: \"Không sạc qua đêm\"\n    hinh: khong-sac-xe-qua-dem\n",
            )
        },
        r#"lỗi: trường `hinh` không dùng được ở đây (trong `key_messages[0]`)
 --> content/bai-viet/co-ghi-nho.md:6:5
  |
6 |     hinh: khong-sac-xe-qua-dem
  |     ^^^^
  |
  = gợi ý: các trường dùng được: text, pictogram

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn wrong_values_are_all_reported_with_the_allowed_ones() {
    let lesson = "content/bai-hoc/be-thoat-hiem.md";
    Site::fixture("lessons").fails_with(
        AS_OF,
        |site| {
            site.edit(lesson, "level: mam_non", "level: mẫu giáo");
            site.edit(lesson, "phase: thuc_hanh", "phase: luyen_tap");
            site.edit(lesson, "answer: b", "answer: D");
        },
        r#"lỗi: cấp học `mẫu giáo` không có trong danh sách cho phép (trong `level`)
 --> content/bai-hoc/be-thoat-hiem.md:5:8
  |
5 | level: mẫu giáo
  |        ^^^^^^^^
  |
  = gợi ý: có phải bạn muốn viết `mam_non`? Các giá trị cho phép: mam_non (mầm non), tieu_hoc (tiểu học), thcs (trung học cơ sở), thpt (trung học phổ thông)

lỗi: bước (phase) `luyen_tap` không có trong danh sách cho phép (trong `activities[1].phase`)
  --> content/bai-hoc/be-thoat-hiem.md:18:12
   |
18 |   - phase: luyen_tap
   |            ^^^^^^^^^
   |
   = gợi ý: các giá trị cho phép: khoi_dong (Khởi động), kham_pha (Khám phá), thuc_hanh (Thực hành), van_dung (Vận dụng), cung_co (Củng cố)

lỗi: đáp án `D` của câu hỏi 2 không phải một lựa chọn
  --> content/bai-hoc/be-thoat-hiem.md:31:13
   |
31 |     answer: D
   |             ^
   |
   = gợi ý: viết chữ cái của lựa chọn đúng: A, B, C (A là lựa chọn thứ nhất)

Không dựng được trang: 3 lỗi.
"#,
    );
}

#[test]
fn two_lessons_cannot_share_an_embed_page() {
    Site::fixture("lessons").fails_with(
        AS_OF,
        |site| {
            site.write("content/lop-hoc/_index.md", "---\ntitle: \"Lớp học\"\ntype: bai_hoc\n---\n");
            site.write(
                "content/lop-hoc/be-thoat-hiem.md",
                site.read("content/bai-hoc/be-thoat-hiem.md"),
            );
        },
        r#"lỗi: bài học này và bài học content/bai-hoc/be-thoat-hiem.md có cùng trang nhúng /nhung/bai-hoc/be-thoat-hiem/
 --> content/lop-hoc/be-thoat-hiem.md:1:1
  |
1 | ---
  | ^^^
  |
  = gợi ý: đặt `slug` khác cho một trong hai bài học (trước khi gửi đoạn mã nhúng cho trường)

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn missing_fields_and_long_plans_are_explained() {
    Site::fixture("lessons").fails_with(
        AS_OF,
        |site| site.edit("content/bai-hoc/thpt-binh-chua-chay.md", "grades: \"Lớp 10–12\"\n", ""),
        r#"lỗi: thiếu trường bắt buộc `grades`
 --> content/bai-hoc/thpt-binh-chua-chay.md:1:1
  |
1 | ---
  | ^^^
  |
  = gợi ý: thêm một dòng `grades: ...`

Không dựng được trang: 1 lỗi.
"#,
    );

    let site = Site::fixture("lessons");
    site.edit("content/bai-hoc/be-thoat-hiem.md", "duration_minutes: 30", "duration_minutes: 20");
    let run = site.build(AS_OF);
    assert_eq!(
        run.stderr,
        r#"cảnh báo: các hoạt động cộng lại 25 phút, dài hơn thời lượng bài học (20 phút)
  --> content/bai-hoc/be-thoat-hiem.md:14:1
   |
14 | activities:
   | ^^^^^^^^^^
   |
   = gợi ý: rút ngắn các hoạt động, hoặc sửa `duration_minutes`

"#
    );
}

#[test]
fn a_quiz_whose_answers_are_mostly_one_letter_is_warned_about() {
    // Two questions answered B: too few to judge, no warning (the other tests' builds).
    let site = Site::fixture("lessons");
    let lesson = "content/bai-hoc/be-thoat-hiem.md";
    let third = "  - question: \"Khói bay lên hay xuống?\"\n    choices: [\"Xuống\", \"Lên\"]\n    answer: B\n";
    site.edit(lesson, "sources:\n", &format!("{third}sources:\n"));
    // A real address, so that `check` says nothing of `base_url` (tests/integration/placeholders.rs).
    site.edit("site.toml", "https://thu.example", "https://pccc.phuong-thu.vn");
    let run = site.pccc(&["check", "--as-of", AS_OF]);
    assert!(run.success, "a warning does not stop the build: {}", run.stderr);
    assert_eq!(
        run.stderr,
        r#"cảnh báo: đáp án đúng của cả 3 câu hỏi đều là B: học sinh đoán theo chữ cái cũng trúng
  --> content/bai-hoc/be-thoat-hiem.md:24:1
   |
24 | quiz:
   | ^^^^
   |
   = gợi ý: đổi thứ tự các lựa chọn trong `choices` để đáp án đúng rơi vào nhiều chữ khác nhau, rồi sửa `answer` cho khớp; một chữ không nên là đáp án của quá 2/3 số câu

"#
    );
    // Three of four is still mostly one letter; two of four is not.
    let fourth = "  - question: \"Gặp khói, con làm gì?\"\n    choices: [\"Cúi thấp\", \"Đứng thẳng\"]\n    answer: A\n";
    site.edit(lesson, "sources:\n", &format!("{fourth}sources:\n"));
    let run = site.pccc(&["check", "--as-of", AS_OF]);
    assert_contains(&run.stderr, "cảnh báo: đáp án đúng của 3 trong 4 câu hỏi đều là B: ");
    site.edit(
        lesson,
        "[\"113\", \"114\", \"115\"]\n    answer: b",
        "[\"114\", \"113\", \"115\"]\n    answer: a",
    );
    let run = site.pccc(&["check", "--as-of", AS_OF]);
    assert!(run.success);
    assert_eq!(run.stderr, "");
}

/// The ward's sample quizzes pass the check: `pccc check` of the ward's site says nothing about
/// quiz answers (before, B was right in 10 of 14 questions).
#[test]
fn the_ward_quizzes_spread_their_answers() {
    let site = Site::ward();
    let run = site.pccc(&["check", "--as-of", AS_OF]);
    assert!(run.success, "{}", run.stderr);
    assert_lacks(&run.stderr, "đáp án đúng của");
}

/// Gzipped size, as a web server with compression would send it.
fn gzipped(bytes: &[u8]) -> usize {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    encoder.write_all(bytes).unwrap();
    encoder.finish().unwrap().len()
}

/// The gzipped size of a page and the stylesheets, scripts and images it loads from the site.
fn weight(site: &Site, rel: &str, base: &str) -> usize {
    let html = site.read(rel);
    let mut total = gzipped(html.as_bytes());
    for marker in [r#"rel="stylesheet" href=""#, r#"<script src=""#, r#"<img src=""#] {
        for part in html.split(marker).skip(1) {
            let url = part.split('"').next().unwrap().split('?').next().unwrap();
            if let Some(rel) = url.strip_prefix(base) {
                total += gzipped(&std::fs::read(site.path(&format!("public/{rel}"))).unwrap());
            }
        }
    }
    total
}

#[test]
fn the_ward_has_a_lesson_per_level_and_they_stay_small() {
    let site = Site::ward();
    let run = site.pccc(&["build", "--as-of", AS_OF]);
    assert!(run.success, "{}", run.stderr);
    let base = "https://pccc.khuongdinh.example/";
    let mut levels = Vec::new();
    let mut weights = Vec::new();
    for (path, _) in site.snapshot("public/nhung/bai-hoc") {
        let Some(slug) = path.strip_suffix("/index.html").filter(|s| !s.contains('/')) else {
            continue;
        };
        let lesson = format!("public/bai-hoc/{slug}/index.html");
        let html = site.read(&lesson);
        let kicker = html.split("<p class=\"lesson-kicker\">Bài học PCCC · ").nth(1).unwrap();
        levels.push(kicker.split('<').next().unwrap().to_string());
        let page = weight(&site, &lesson, base);
        assert!(page <= 30 * 1024, "{lesson}: {page} bytes gzipped (HTML, CSS, JS, QR)");
        let embed = weight(&site, &format!("public/nhung/bai-hoc/{path}"), base);
        assert!(embed <= 15 * 1024, "embed of {slug}: {embed} bytes gzipped");
        let quiz = weight(&site, &format!("public/nhung/bai-hoc/{slug}/cau-hoi/index.html"), base);
        assert!(quiz <= 10 * 1024, "quiz embed of {slug}: {quiz} bytes gzipped");
        let nhung = weight(&site, &format!("public/bai-hoc/{slug}/nhung/index.html"), base);
        assert!(nhung <= 30 * 1024, "embed page of {slug}: {nhung} bytes gzipped");
        let poster = format!("public/bai-hoc/{slug}/poster/index.html");
        assert_contains(&site.read(&poster), r#"<img class="hinh-goi" src=""#);
        weights.push(format!(
            "{slug}: {page} {embed} {quiz} {nhung} {}",
            weight(&site, &poster, base)
        ));
    }
    // Articles with their pictograms (each `<img>` counted) stay within the budget too.
    for (path, _) in site.snapshot("public/bai-viet") {
        if path.ends_with("/index.html") && !path.contains("trang/") {
            let page = weight(&site, &format!("public/bai-viet/{path}"), base);
            assert!(page <= 30 * 1024, "bai-viet/{path}: {page} bytes gzipped");
            weights.push(format!("bai-viet/{path}: {page}"));
        }
    }
    eprintln!(
        "gzipped bytes (lesson, embed, quiz embed, Nhúng page, poster):\n{}",
        weights.join("\n")
    );
    levels.sort();
    assert_eq!(
        levels,
        ["Mầm non", "Tiểu học", "Trung học cơ sở (THCS)", "Trung học phổ thông (THPT)"]
    );
}
