//! Lessons for schools: the lesson page (plan, quiz answers in `<details>`, the snippet schools
//! copy), the embed page, QR codes and posters, and the messages for wrong values.

use crate::support::{Site, assert_contains, assert_lacks};

const AS_OF: &str = "2026-11-28";
const LESSON: &str = "public/bai-hoc/be-thoat-hiem/index.html";
const EMBED: &str = "public/nhung/bai-hoc/be-thoat-hiem/index.html";

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
        r#"<img src="https://thu.example/bai-hoc/be-thoat-hiem/qr.svg" width="132" height="132" alt="Mã QR dẫn đến bài học này trên trang của phường">"#,
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

#[test]
fn lesson_page_shows_the_snippet_highlighted_with_a_copy_button_script() {
    let site = Site::fixture("lessons");
    site.build(AS_OF);
    let html = site.read(LESSON);
    assert_contains(&html, r#"<link rel="stylesheet" href="https://thu.example/syntax.css?v="#);
    assert_contains(&html, r#"<script src="https://thu.example/sao-chep.js?v="#);
    let start = html.find(r#"<pre class="code embed-code" data-copy><code class="language-html">"#);
    let start = start.expect("the snippet");
    let end = start + html[start..].find("</pre>").unwrap();
    let snippet = &html[start..end];
    assert_contains(snippet, r#"<span class="z-entity z-name z-tag"#);
    // What the school copies: the iframe and a listener that checks origin and source.
    let code = text_of(snippet);
    assert_eq!(
        code,
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
    let copy = site.read("public/sao-chep.js");
    assert_contains(&copy, "navigator.clipboard.writeText(pre.textContent)");
    // Highlighted colours were made to pass WCAG AA: InspiredGitHub's pale grey is gone.
    let css = site.read("public/syntax.css");
    assert_contains(&css, ".z-comment");
    assert_lacks(&css, "#969896");
}

#[test]
fn embed_pages_have_no_navigation_and_report_their_height() {
    let site = Site::fixture("lessons");
    site.build(AS_OF);
    let html = site.read(EMBED);
    assert_contains(&html, r#"<meta name="robots" content="noindex">"#);
    assert_contains(
        &html,
        r#"<link rel="canonical" href="https://thu.example/bai-hoc/be-thoat-hiem/">"#,
    );
    assert_contains(&html, r#"<link rel="stylesheet" href="https://thu.example/nhung.css?v="#);
    assert_contains(&html, r#"<script src="https://thu.example/nhung.js?v="#);
    assert_lacks(&html, "style.css");
    assert_lacks(&html, "<nav");
    assert_lacks(&html, "site-header");
    assert_eq!(html.matches("<script").count(), 1);
    assert_contains(&html, "<h1>Bé thoát hiểm &amp; tránh khói</h1>");
    assert_contains(&html, "<summary>Xem đáp án câu 2</summary>");
    assert_contains(
        &html,
        r#"<a href="https://thu.example/bai-hoc/be-thoat-hiem/" target="_blank" rel="noopener">Xem bài học đầy đủ"#,
    );
    assert_contains(&html, r#"<a href="tel:114">114</a>"#);
    let script = site.read("public/nhung.js");
    assert_contains(
        &script,
        "window.parent.postMessage({ type: 'pccc-chieu-cao', height: height }, '*')",
    );
    // Every lesson has one, even without quiz or key messages.
    assert!(site.exists("public/nhung/bai-hoc/thpt-binh-chua-chay/index.html"));
    assert!(!site.exists("public/nhung/bai-viet"));
}

#[test]
fn posters_and_qr_codes_for_pages_with_key_messages() {
    let site = Site::fixture("lessons");
    site.build(AS_OF);
    for (page, title) in [
        ("bai-hoc/be-thoat-hiem", "Bé thoát hiểm &amp; tránh khói"),
        ("bai-viet/co-ghi-nho", "Sạc xe điện an toàn"),
    ] {
        let poster = site.read(&format!("public/{page}/poster/index.html"));
        assert_contains(&poster, &format!(r#"<h1 class="poster-title">{title}</h1>"#));
        assert_contains(&poster, r#"<meta name="robots" content="noindex">"#);
        assert_contains(
            &poster,
            &format!(r#"<img src="https://thu.example/{page}/qr.svg" width="160" height="160""#),
        );
        assert_contains(
            &poster,
            &format!(r#"<span class="poster-url">thu.example/{page}/</span>"#),
        );
        assert_contains(&poster, r#"<a href="tel:114"><strong>114</strong></a>"#);
        assert_lacks(&poster, "<nav");
        let qr = site.read(&format!("public/{page}/qr.svg"));
        assert!(qr.starts_with(r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 "#), "{qr}");
        assert_contains(&qr, r##"<path fill="#000" d="M4 4h7v1h-7z"##);
    }
    let poster = site.read("public/bai-viet/co-ghi-nho/poster/index.html");
    assert_contains(&poster, "<li>Không sạc qua đêm</li>\n    <li>Chờ xe nguội rồi mới sạc</li>");
    // No key messages, no poster.
    assert!(!site.exists("public/bai-hoc/thpt-binh-chua-chay/poster"));
    assert!(site.exists("public/bai-hoc/thpt-binh-chua-chay/qr.svg"));
    assert!(!site.exists("public/bai-viet/khong-ghi-nho/poster"));
    assert!(site.exists("public/bai-viet/khong-ghi-nho/qr.svg"));
    // Every article's printout carries its QR code, hidden on screen.
    assert_contains(
        &site.read("public/bai-viet/khong-ghi-nho/index.html"),
        r#"<figure class="print-qr">
    <img src="https://thu.example/bai-viet/khong-ghi-nho/qr.svg" width="96" height="96" alt="Mã QR dẫn đến trang này">"#,
    );
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
    for (path, _) in site.snapshot("public/nhung/bai-hoc") {
        let slug = path.strip_suffix("/index.html").expect("one page per lesson");
        let lesson = format!("public/bai-hoc/{slug}/index.html");
        let html = site.read(&lesson);
        let kicker = html.split("<p class=\"lesson-kicker\">Bài học PCCC · ").nth(1).unwrap();
        levels.push(kicker.split('<').next().unwrap().to_string());
        let page = weight(&site, &lesson, base);
        assert!(page <= 30 * 1024, "{lesson}: {page} bytes gzipped (HTML, CSS, JS, QR)");
        let embed = weight(&site, &format!("public/nhung/bai-hoc/{path}"), base);
        assert!(embed <= 10 * 1024, "embed of {slug}: {embed} bytes gzipped");
        assert!(site.exists(&format!("public/bai-hoc/{slug}/poster/index.html")));
    }
    levels.sort();
    assert_eq!(
        levels,
        ["Mầm non", "Tiểu học", "Trung học cơ sở (THCS)", "Trung học phổ thông (THPT)"]
    );
}
