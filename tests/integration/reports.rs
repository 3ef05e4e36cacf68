//! Reports (`content/bao-cao/`, `type: bao_cao`): an indicator's value and chart as of a day
//! through `{{ chi_tieu(…) }}`, the figures after that day left out, and every mistake in the
//! shortcode reported where it is written.

use crate::support::{Site, assert_contains, assert_lacks};

/// The fixture's build day: its series end on 30/04/2026.
const AS_OF: &str = "2026-05-15";

const SECTION: &str = "---\ntitle: \"Báo cáo\"\ntype: bao_cao\n---\n";

/// The indicators fixture with a report whose body is `body`.
fn with_report(body: &str) -> Site {
    let site = Site::fixture("indicators");
    site.write("content/bao-cao/_index.md", SECTION);
    site.write(
        "content/bao-cao/so-ket.md",
        format!("---\ntitle: \"Sơ kết thử\"\ndate: 2026-05-01\nloai: so_ket\ndu_thao: true\n---\n\n{body}"),
    );
    site
}

#[test]
fn the_value_sentence_is_the_indicator_as_of_the_day() {
    let site = with_report(
        "Đến cuối tháng 3: {{ chi_tieu(ma=\"truyen-tin\", ngay=\"2026-03-31\") }}.\n\n\
         {{ chi_tieu(ma=\"truyen-tin\", ngay=\"2026-04-30\") }}\n",
    );
    let run = site.build(AS_OF);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let page = site.read("public/bao-cao/so-ket/index.html");
    let link = "<a href=\"https://thu.example/chi-tieu/truyen-tin/\">Tỷ lệ cơ sở thử đã lắp thiết bị truyền tin báo cháy</a>";
    // On 31/03 the April figure does not exist yet: March's value, March's status.
    assert_contains(
        &page,
        &format!(
            "<p>Đến cuối tháng 3: {link}: 17,11 % (tháng 3/2026), mục tiêu 100 % trước 01/07/2027: đúng tiến độ.</p>"
        ),
    );
    assert_contains(
        &page,
        &format!(
            "<p>{link}: 24,1 % (tháng 4/2026), mục tiêu 100 % trước 01/07/2027: đúng tiến độ</p>"
        ),
    );
    assert_contains(&page, "Báo cáo sơ kết · <strong>Dự thảo</strong>");
    assert_lacks(&page, "pccc:chi-tieu");
    // The section's feed carries the values too, not the markers.
    let feed = site.read("public/bao-cao/atom.xml");
    assert_contains(&feed, "17,11 % (tháng 3/2026), mục tiêu 100 % trước 01/07/2027");
    assert_lacks(&feed, "pccc:chi-tieu");
}

#[test]
fn the_chart_leaves_out_the_figures_after_the_day() {
    let site = with_report(
        "{{ chi_tieu(ma=\"truyen-tin\", ngay=\"2026-03-31\", bieu_do=true) }}\n\n\
         Cả ba tháng: {{ chi_tieu(ma=\"truyen-tin\", ngay=\"2026-04-30\", bieu_do=true) }}\n",
    );
    site.build(AS_OF);
    let page = site.read("public/bao-cao/so-ket/index.html");
    // A paragraph of its own: a figure, the sentence as its caption.
    let start = page.find("<figure class=\"bc-chi-tieu\">").expect("a figure");
    let end = start + page[start..].find("</figure>").unwrap();
    let figure = &page[start..end];
    assert_eq!(figure.matches("class=\"diem\"").count(), 2, "February and March only");
    assert_contains(figure, "id=\"chi-tieu-1-truyen-tin");
    assert_contains(figure, "Số liệu đến ngày 31/03/2026: 17,11 % (tháng 3/2026)");
    assert_contains(figure, "<figcaption><a href=");
    // Within a paragraph: the chart and the sentence in it, every figure to 30/04.
    let rest = &page[end..];
    assert_eq!(rest.matches("class=\"diem\"").count(), 3, "February to April");
    assert_contains(rest, "id=\"chi-tieu-2-truyen-tin");
    // The indicator's own page still shows every figure.
    let own = site.read("public/chi-tieu/truyen-tin/index.html");
    assert_eq!(own.matches("class=\"diem\"").count(), 3);
}

#[test]
fn each_mistake_in_the_shortcode_is_reported_where_it_is_written() {
    with_report("Tốt: {{ chi_tieu(ma=\"truyen-tin\", ngay=\"2026-04-30\") }}\n").fails_with(
        AS_OF,
        |site| {
            site.write(
                "content/bao-cao/so-ket.md",
                "---\ntitle: \"Sơ kết thử\"\ndate: 2026-05-01\nloai: so_ket\n---\n\n\
                 A {{ chi_tieu(ma=\"truyen-tim\", ngay=\"2026-04-30\") }}\n\n\
                 B {{ chi_tieu(ma=\"truyen-tin\", ngay=\"30/04/2026\") }}\n\n\
                 C {{ chi_tieu(ma=\"truyen-tin\", ngay=\"2026-01-15\") }}\n\n\
                 D {{ chi_tieu(ma=\"truyen-tin\") }}\n",
            );
        },
        r#"lỗi: không có chỉ tiêu `truyen-tim`
 --> content/bao-cao/so-ket.md:7:3
  |
7 | A {{ chi_tieu(ma="truyen-tim", ngay="2026-04-30") }}
  |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = gợi ý: mã chỉ tiêu là tên tệp trong content/chi-tieu/, bỏ .yaml; các mã có: dan-phong, truyen-tin

lỗi: ngày `30/04/2026` phải viết theo thứ tự năm-tháng-ngày
 --> content/bao-cao/so-ket.md:9:3
  |
9 | B {{ chi_tieu(ma="truyen-tin", ngay="30/04/2026") }}
  |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = gợi ý: viết 2026-04-30 (ngày 30 tháng 4 năm 2026)

lỗi: chỉ tiêu `truyen-tin` chưa có số liệu nào đến ngày 15/01/2026
  --> content/bao-cao/so-ket.md:11:3
   |
11 | C {{ chi_tieu(ma="truyen-tin", ngay="2026-01-15") }}
   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = gợi ý: số liệu đầu tiên là ngày 28/02/2026; chọn ngày từ đó trở đi, ví dụ ngay="2026-02-28"

lỗi: mã ngắn `{{ chi_tieu(ma=“truyen-tin”) }}` viết chưa đúng
  --> content/bao-cao/so-ket.md:13:3
   |
13 | D {{ chi_tieu(ma="truyen-tin") }}
   |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = gợi ý: viết {{ chi_tieu(ma="thiet-bi-truyen-tin", ngay="2026-11-30") }}: mã chỉ tiêu (tên tệp trong content/chi-tieu/, bỏ .yaml) và ngày đặt trong ngoặc kép; thêm bieu_do=true để có biểu đồ

Không dựng được trang: 4 lỗi.
"#,
    );
}

#[test]
fn a_listing_shows_a_summary_s_values_as_text_and_a_section_fills_its_own() {
    let site = with_report(
        "Kết quả: {{ chi_tieu(ma=\"truyen-tin\", ngay=\"2026-04-30\", bieu_do=true) }}\n\n\
         Đoạn sau.\n",
    );
    site.write(
        "content/bao-cao/_index.md",
        format!(
            "{SECTION}\nMới nhất: {{{{ chi_tieu(ma=\"truyen-tin\", ngay=\"2026-03-31\") }}}}\n\n\
             {{{{ chi_tieu(ma=\"truyen-tin\", ngay=\"2026-04-30\", bieu_do=true) }}}}\n"
        ),
    );
    let run = site.build(AS_OF);
    assert!(run.stderr.is_empty(), "{}", run.stderr);
    let listing = site.read("public/bao-cao/index.html");
    assert_lacks(&listing, "pccc:chi-tieu");
    // The section's own text: its values, and its chart as a figure.
    assert_contains(&listing, "Mới nhất: <a href=\"https://thu.example/chi-tieu/truyen-tin/\">");
    assert_contains(&listing, ": 17,11 % (tháng 3/2026), mục tiêu 100 % trước 01/07/2027");
    assert_eq!(listing.matches("<figure class=\"bc-chi-tieu\">").count(), 1, "{listing}");
    assert_contains(&listing, "id=\"chi-tieu-2-truyen-tin");
    // The report's summary: the value as text, its chart left for the report's page.
    assert_contains(
        &listing,
        "<p>Kết quả: Tỷ lệ cơ sở thử đã lắp thiết bị truyền tin báo cháy: 24,1 % (tháng 4/2026), \
         mục tiêu 100 % trước 01/07/2027: đúng tiến độ</p>",
    );
    // So is the section's description.
    assert_contains(
        &listing,
        "<meta name=\"description\" content=\"Mới nhất: Tỷ lệ cơ sở thử đã lắp thiết bị truyền \
         tin báo cháy: 17,11 % (tháng 3/2026), mục tiêu 100 % trước 01/07/2027: đúng tiến độ\">",
    );
    // The feed's summary of the report is its HTML, values filled, without the chart.
    let feed = site.read("public/bao-cao/atom.xml");
    assert_lacks(&feed, "pccc:chi-tieu");
    let summary = &feed[feed.find("<summary").unwrap()..feed.find("</summary>").unwrap()];
    assert_contains(summary, "Kết quả: &lt;a href=&quot;https://thu.example/chi-tieu/truyen-tin/");
    assert_lacks(summary, "svg");
    assert_eq!(listing.matches("<svg").count(), 1, "only the section's own chart");
    let page = site.read("public/bao-cao/so-ket/index.html");
    assert_eq!(page.matches("class=\"diem\"").count(), 3, "the report keeps its chart");
}

#[test]
fn a_mistake_in_a_section_s_shortcode_is_reported_too() {
    with_report("Tốt.\n").fails_with(
        AS_OF,
        |site| {
            let index = "X {{ chi_tieu(ma=\"truyen-tim\", ngay=\"2026-04-30\") }}\n";
            site.write("content/bao-cao/_index.md", format!("{SECTION}\n{index}"));
        },
        r#"lỗi: không có chỉ tiêu `truyen-tim`
 --> content/bao-cao/_index.md:6:3
  |
6 | X {{ chi_tieu(ma="truyen-tim", ngay="2026-04-30") }}
  |   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = gợi ý: mã chỉ tiêu là tên tệp trong content/chi-tieu/, bỏ .yaml; các mã có: dan-phong, truyen-tin

Không dựng được trang: 1 lỗi.
"#,
    );
}
