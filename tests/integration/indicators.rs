//! The plan's indicators (`content/chi-tieu/`): the status of each of the ward's sample
//! indicators on three days, every data check with its exact message, the downloads read back,
//! the home page's tiles and the plan page's links.

use crate::support::{Site, assert_contains};

/// The fixture's build day: its series end on 30/04/2026.
const AS_OF: &str = "2026-05-15";

/// The status label in `so-lieu.json` of indicator `slug` of a built site.
fn status(site: &Site, slug: &str) -> String {
    let json: serde_json::Value =
        serde_json::from_str(&site.read(&format!("public/chi-tieu/{slug}/so-lieu.json"))).unwrap();
    json["status_label"].as_str().unwrap().to_string()
}

#[test]
fn the_ward_indicators_status_on_three_days() {
    let site = Site::ward();
    let expected = [
        // slug, 28/11/2026, 20/01/2027, 01/08/2027
        ("thiet-bi-truyen-tin", ["Chậm tiến độ", "Chưa có số liệu", "Chưa có số liệu"]),
        ("vi-pham-duoc-xu-ly", ["Đúng tiến độ", "Chưa có số liệu", "Chưa có số liệu"]),
        ("vu-chay-dieu-tra", ["Hoàn thành", "Hoàn thành", "Hoàn thành"]),
        ("ngo-sau-cap-nuoc", ["Đúng tiến độ", "Chưa có số liệu", "Chưa có số liệu"]),
        ("barie-coc-be-tong", ["Đúng tiến độ", "Chưa có số liệu", "Chưa có số liệu"]),
        ("doi-dan-phong", ["Đúng tiến độ", "Đúng tiến độ", "Chưa có số liệu"]),
    ];
    for (n, day) in ["2026-11-28", "2027-01-20", "2027-08-01"].into_iter().enumerate() {
        let run = site.build(day);
        assert!(run.stderr.is_empty(), "{day}: {}", run.stderr);
        let list = site.read("public/chi-tieu/index.html");
        for (slug, statuses) in &expected {
            assert_eq!(status(&site, slug), statuses[n], "{slug} on {day}");
            let page = site.read(&format!("public/chi-tieu/{slug}/index.html"));
            assert_contains(&page, &format!("\">{}</span>", statuses[n]));
            assert_contains(&page, "Dữ liệu minh hoạ.");
            assert_contains(
                &list,
                &format!("href=\"https://pccc.khuongdinh.example/chi-tieu/{slug}/\""),
            );
        }
    }
}

#[test]
fn the_behind_indicator_says_why() {
    let site = Site::ward();
    site.build("2026-11-28");
    let page = site.read("public/chi-tieu/thiet-bi-truyen-tin/index.html");
    // 8,98 % on 25/02/2026 plus 5 points a month for 273 days (8,97 average months):
    // 53,83 %; 176/418 = 42,11 %.
    assert_contains(&page, "Mức cần đạt vào ngày 25/11/2026: 53,83 %; đạt 42,11 %.");
    assert_contains(
        &page,
        "Đúng tiến độ: số liệu mới nhất bằng hoặc cao hơn mức cần đạt vào ngày của nó, là mức ban đầu 8,98 % (ngày 25/02/2026) cộng thêm 5 điểm phần trăm mỗi tháng (nhịp thấp nhất kế hoạch giao), không quá mục tiêu.",
    );
    assert_contains(&page, "<dd>5–8 điểm phần trăm mỗi tháng</dd>");
    // The month without figures is a row of the table, said so.
    let table = site.read("public/chi-tieu/ngo-sau-cap-nuoc/index.html");
    assert_contains(
        &table,
        "<tr><th scope=\"row\">25/06/2026</th><td></td><td></td><td>Không có số liệu</td>",
    );
}

#[test]
fn home_tiles_and_plan_links() {
    let site = Site::ward();
    site.build("2026-11-28");
    let home = site.read("public/index.html");
    assert_contains(&home, "Tiến độ chỉ tiêu Kế hoạch PCCC");
    assert_contains(
        &home,
        "<strong>42,11 %</strong> <span class=\"ct-when\">ngày 25/11/2026</span>",
    );
    assert_contains(
        &home,
        "<a href=\"https://pccc.khuongdinh.example/chi-tieu/\">Xem tất cả chỉ tiêu</a>",
    );
    let tiles = home.matches("class=\"ct-tile\"").count();
    assert_eq!(tiles, 3, "three headline indicators");
    let plan = site.read("public/ke-hoach-pccc/index.html");
    for slug in [
        "thiet-bi-truyen-tin",
        "vi-pham-duoc-xu-ly",
        "vu-chay-dieu-tra",
        "ngo-sau-cap-nuoc",
        "barie-coc-be-tong",
        "doi-dan-phong",
    ] {
        assert_contains(&plan, &format!("/chi-tieu/{slug}/\""));
    }
    assert!(!plan.contains("Trang này sẽ đăng tiến độ"), "the promise is kept, not repeated");
}

#[test]
fn downloads_read_back_as_the_series() {
    let site = Site::fixture("indicators");
    site.build(AS_OF);
    let bytes = std::fs::read(site.path("public/chi-tieu/truyen-tin/so-lieu.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a BOM for Excel");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, ["date", "numerator", "denominator", "value", "note"]);
    let rows: Vec<Vec<String>> =
        reader.records().map(|r| r.unwrap().iter().map(String::from).collect()).collect();
    assert_eq!(
        rows,
        [
            ["2026-02-28", "37", "412", "8.98", "Số liệu gốc"],
            ["2026-03-31", "71", "415", "17.11", ""],
            ["2026-04-30", "100", "415", "24.1", "Có ghi chú, có dấu phẩy"],
        ]
    );
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/chi-tieu/truyen-tin/so-lieu.json")).unwrap();
    assert_eq!(json["status"], "dung_tien_do");
    assert_eq!(json["target"], serde_json::json!({"date": "2027-07-01", "value": 100.0}));
    let series = json["series"].as_array().unwrap();
    assert_eq!(series.len(), 3);
    assert_eq!(
        series[1],
        serde_json::json!({"date": "2026-03-31", "numerator": 71, "denominator": 415, "value": 17.11, "note": ""})
    );
    assert_eq!(series[2]["value"], 24.1);
    // The count indicator: 2 on 31/03, behind the straight line from 0 on 31/01 to 12 on
    // 31/12 (2,12 that day).
    assert_eq!(status(&site, "dan-phong"), "Chậm tiến độ");
    // Listed on the data page and in search.
    let data = site.read("public/chi-tieu/du-lieu/index.html");
    assert_contains(&data, "https://thu.example/chi-tieu/truyen-tin/so-lieu.csv");
    assert_contains(&site.read("public/chi-tieu/index.html"), "Đúng tiến độ");
    // Two months later without a new figure.
    site.build("2026-07-10");
    assert_eq!(status(&site, "truyen-tin"), "Chưa có số liệu");
}

#[test]
fn every_series_mistake_at_once() {
    Site::fixture("indicators").fails_with(
        AS_OF,
        |site| {
            site.write(
                "content/chi-tieu/truyen-tin.csv",
                concat!(
                    "date,numerator,denominator,value,note\n",
                    "2026-02-28,37,412,8.98,\n",
                    "2026-03-31,420,415,,\n",
                    "2026-03-15,71,415,17.5,\n",
                    "2026-04-31,1,2,,\n",
                    "2026-04-30,100,415,abc,\n",
                    "2026-05-01,7l,10,,\n",
                    "2026-05-02,5,0,,\n",
                    "2026-05-03,5,,,\n",
                    "2026-05-04,,,120,\n",
                    "2026-12-31,120,415,,\n",
                ),
            );
            site.edit("content/chi-tieu/truyen-tin.yaml", "value: 100}", "value: 120}");
        },
        r#"lỗi: hàng 3, cột B “numerator”: tử số 420 lớn hơn mẫu số 415
 --> content/chi-tieu/truyen-tin.csv:3:12
  |
3 | 2026-03-31,420,415,,
  |            ^^^
  |
  = gợi ý: tử số là một phần của mẫu số; kiểm tra lại hai số này

lỗi: hàng 4, cột A “date”: ngày 15/03/2026 không sau ngày của hàng trên (31/03/2026)
 --> content/chi-tieu/truyen-tin.csv:4:1
  |
4 | 2026-03-15,71,415,17.5,
  | ^^^^^^^^^^
  |
  = gợi ý: xếp các hàng theo ngày tăng dần, mỗi ngày một hàng

lỗi: hàng 4, cột D “value”: giá trị 17,5 không khớp với 71/415 = 17,11 %
 --> content/chi-tieu/truyen-tin.csv:4:19
  |
4 | 2026-03-15,71,415,17.5,
  |                   ^^^^
  |
  = gợi ý: ghi 17.11, hoặc để trống để trang tự tính

lỗi: hàng 5, cột A “date”: không đọc được ngày `2026-04-31`
 --> content/chi-tieu/truyen-tin.csv:5:1
  |
5 | 2026-04-31,1,2,,
  | ^^^^^^^^^^
  |
  = gợi ý: ghi ngày dạng YYYY-MM-DD, ví dụ 2026-03-31

lỗi: hàng 6, cột D “value”: `abc` không phải số
 --> content/chi-tieu/truyen-tin.csv:6:20
  |
6 | 2026-04-30,100,415,abc,
  |                    ^^^
  |
  = gợi ý: ghi một số, ví dụ 17.11, hoặc để trống để trang tự tính từ tử số và mẫu số

lỗi: hàng 7, cột B “numerator”: `7l` không phải số nguyên không âm
 --> content/chi-tieu/truyen-tin.csv:7:12
  |
7 | 2026-05-01,7l,10,,
  |            ^^
  |
  = gợi ý: ghi số đếm được, không dấu phân cách hàng nghìn, ví dụ 1234

lỗi: hàng 8, cột C “denominator”: mẫu số bằng 0
 --> content/chi-tieu/truyen-tin.csv:8:14
  |
8 | 2026-05-02,5,0,,
  |              ^
  |
  = gợi ý: mẫu số là tổng số phải tính (ví dụ tổng số cơ sở), lớn hơn 0

lỗi: hàng 9, cột C “denominator”: có tử số nhưng thiếu mẫu số
 --> content/chi-tieu/truyen-tin.csv:9:14
  |
9 | 2026-05-03,5,,,
  |              ^
  |
  = gợi ý: ghi mẫu số (tổng số phải tính) để trang tính tỷ lệ

lỗi: hàng 10, cột D “value”: giá trị 120 ngoài khoảng 0–100 %
  --> content/chi-tieu/truyen-tin.csv:10:14
   |
10 | 2026-05-04,,,120,
   |              ^^^
   |
   = gợi ý: chỉ tiêu tính theo phần trăm: ghi giá trị từ 0 đến 100

lỗi: hàng 11, cột A “date”: ngày 31/12/2026 sau ngày dựng trang (15/05/2026)
  --> content/chi-tieu/truyen-tin.csv:11:1
   |
11 | 2026-12-31,120,415,,
   | ^^^^^^^^^^
   |
   = gợi ý: chỉ ghi số liệu đã có đến hôm nay; kiểm tra lại năm, tháng của ngày này

lỗi: mục tiêu 120 nằm ngoài khoảng 0–100 %: chỉ tiêu này tính theo phần trăm (unit: phan_tram)
 --> content/chi-tieu/truyen-tin.yaml:8:35
  |
8 | target: {date: 2027-07-01, value: 120}
  |                                   ^^^
  |
  = gợi ý: ghi số từ 0 đến 100, ví dụ value: 100 cho 100 %

Không dựng được trang: 11 lỗi.
"#,
    );
}

#[test]
fn targets_in_the_unit_and_files_in_pairs() {
    Site::fixture("indicators").fails_with(
        AS_OF,
        |site| {
            site.edit("content/chi-tieu/dan-phong.yaml", "value: 12}", "value: 12.5}");
            site.remove("content/chi-tieu/truyen-tin.yaml");
            site.edit("content/chi-tieu/dan-phong.csv", "date,numerator", "ngay,numerator");
        },
        r#"lỗi: dòng đầu của tệp số liệu phải là tên các cột
 --> content/chi-tieu/dan-phong.csv:1:1
  |
1 | ngay,numerator,denominator,value,note
  | ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = gợi ý: dòng đầu ghi đúng: date,numerator,denominator,value,note

lỗi: mục tiêu 12,5 không phải số nguyên không âm: chỉ tiêu này đếm số lượng (unit: so_luong)
 --> content/chi-tieu/dan-phong.yaml:7:35
  |
7 | target: {date: 2026-12-31, value: 12.5}
  |                                   ^^^^
  |
  = gợi ý: ghi số nguyên, ví dụ value: 12; nếu là tỷ lệ, ghi unit: phan_tram

lỗi: tệp số liệu không có tệp chỉ tiêu `truyen-tin.yaml` đi kèm
--> content/chi-tieu/truyen-tin.csv
 = gợi ý: đặt tệp truyen-tin.yaml (tên, đơn vị, mục tiêu của chỉ tiêu) cạnh tệp này, hoặc bỏ tệp này nếu không dùng

Không dựng được trang: 3 lỗi.
"#,
    );
}

#[test]
fn a_month_left_out_is_a_warning() {
    let site = Site::fixture("indicators");
    site.edit("content/chi-tieu/truyen-tin.csv", "2026-03-31,71,415,17.11,\r\n", "");
    let run = site.build(AS_OF);
    assert_eq!(
        run.stderr,
        r#"cảnh báo: hàng 3, cột A “date”: thiếu số liệu tháng 3/2026 (giữa hàng 2 và hàng 3)
 --> content/chi-tieu/truyen-tin.csv:3:1
  |
3 | 2026-04-30,100,415,,"Có ghi chú, có dấu phẩy"
  | ^^^^^^^^^^
  |
  = gợi ý: thêm hàng của tháng 3/2026; nếu tháng đó không có số liệu, ghi một hàng với ngày trong tháng đó, để trống các số và ghi lý do ở cột note

"#
    );
    // Said to be without figures on purpose: no warning.
    site.edit(
        "content/chi-tieu/truyen-tin.csv",
        "2026-04-30",
        "2026-03-31,,,,Chưa tổng hợp\r\n2026-04-30",
    );
    assert_eq!(site.build(AS_OF).stderr, "");
}

/// The dots of the chart on an indicator's page: (cx, cy) of each `circle.diem`.
fn dots(page: &str) -> Vec<(f64, f64)> {
    use quick_xml::events::Event;
    let start = page.find("<svg").expect("a chart");
    let end = page[start..].find("</svg>").unwrap() + start + "</svg>".len();
    let mut reader = quick_xml::Reader::from_str(&page[start..end]);
    let mut dots = Vec::new();
    loop {
        match reader.read_event().expect("well-formed SVG") {
            Event::Eof => break,
            Event::Empty(e) | Event::Start(e) if e.name().as_ref() == "circle" => {
                let attr = |name: &str| -> Option<String> {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .map(|a| a.value.to_string())
                };
                if attr("class").as_deref() == Some("diem") {
                    let n = |k: &str| attr(k).unwrap().parse::<f64>().unwrap();
                    dots.push((n("cx"), n("cy")));
                }
            }
            _ => {}
        }
    }
    dots
}

#[test]
fn the_chart_draws_the_series() {
    let site = Site::ward();
    site.build("2026-11-28");
    for slug in ["thiet-bi-truyen-tin", "ngo-sau-cap-nuoc", "doi-dan-phong"] {
        let page = site.read(&format!("public/chi-tieu/{slug}/index.html"));
        assert_contains(&page, "role=\"img\"");
        let json: serde_json::Value =
            serde_json::from_str(&site.read(&format!("public/chi-tieu/{slug}/so-lieu.json")))
                .unwrap();
        // The rows with a value, as (days since the first, value).
        let first: jiff::civil::Date = json["series"][0]["date"].as_str().unwrap().parse().unwrap();
        let series: Vec<(f64, f64)> = json["series"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|r| !r["value"].is_null())
            .map(|r| {
                let date: jiff::civil::Date = r["date"].as_str().unwrap().parse().unwrap();
                ((date - first).get_days() as f64, r["value"].as_f64().unwrap())
            })
            .collect();
        let dots = dots(&page);
        assert_eq!(dots.len(), series.len(), "{slug}: a dot per value");
        // x grows with the days and y falls as the value grows, each in one proportion, to
        // the rounding of the coordinates (0.1 unit).
        let (d0, s0) = (dots[0], series[0]);
        let (dn, sn) = (dots[dots.len() - 1], series[series.len() - 1]);
        let per_day = (dn.0 - d0.0) / (sn.0 - s0.0);
        let per_value = (dn.1 - d0.1) / (sn.1 - s0.1);
        assert!(per_day > 0.0 && per_value < 0.0, "{slug}: {per_day} {per_value}");
        for (dot, point) in dots.iter().zip(&series) {
            let x = d0.0 + per_day * (point.0 - s0.0);
            let y = d0.1 + per_value * (point.1 - s0.1);
            assert!(
                (dot.0 - x).abs() < 0.2 && (dot.1 - y).abs() < 0.2,
                "{slug}: {dot:?} for {point:?}"
            );
        }
    }
    // The description states the latest value, the target and the status.
    let page = site.read("public/chi-tieu/thiet-bi-truyen-tin/index.html");
    assert_contains(
        &page,
        "Giá trị mới nhất 42,11 % ngày 25/11/2026; mục tiêu 100 % đến ngày 01/07/2027; tình trạng: chậm tiến độ.",
    );
}
