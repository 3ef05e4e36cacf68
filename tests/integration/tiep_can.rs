//! Access problems for fire engines (`/tiep-can/`) and water sources (`/nguon-nuoc/`): overdue
//! on two as-of days, the list grouped by status, the open data read back (CSV, JSON), the Atom
//! feed of steps parsed, the ward's samples, and every check's message.

use crate::support::{Site, assert_contains, assert_lacks};

const AS_OF: &str = "2026-06-15";

/// The `<section>` of the list whose heading has id `id`, empty when there is none.
fn group<'a>(html: &'a str, id: &str) -> &'a str {
    let Some(start) = html.find(&format!(r#"<section aria-labelledby="{id}">"#)) else {
        return "";
    };
    let end = html[start..].find("</section>").map_or(html.len(), |e| start + e);
    &html[start..end]
}

/// Editing `file` of the fixture, its first `from` made `to`, stops the build on [`AS_OF`]
/// with exactly `report` and leaves the previous output as it was.
fn refused(file: &str, from: &str, to: &str, report: &str) {
    Site::fixture("tiep-can").fails_with(AS_OF, |site| site.edit(file, from, to), report);
}

#[test]
fn overdue_follows_the_as_of_day() {
    let site = Site::fixture("tiep-can");
    // 2026-07-01: tc-b is being handled, its deadline (31/07) not yet passed; tc-a is fixed.
    site.build("2026-07-01");
    let list = site.read("public/tiep-can/index.html");
    assert_eq!(group(&list, "qua-han"), "", "nothing is overdue on 01/07");
    assert_contains(group(&list, "dang-xu-ly"), "Cọc bê tông ngách Thử B");
    assert_contains(group(&list, "da-khac-phuc"), "Ngõ Thử A");
    assert_contains(&list, "<strong>2</strong> vấn đề, trong đó <strong>1</strong> đã khắc phục.");
    // 2026-08-15: the deadline passed unfixed.
    site.build("2026-08-15");
    let list = site.read("public/tiep-can/index.html");
    let overdue = group(&list, "qua-han");
    assert_contains(overdue, "<h2 id=\"qua-han\">Quá hạn xử lý (1)</h2>");
    assert_contains(overdue, "Cọc bê tông ngách Thử B");
    assert_eq!(group(&list, "dang-xu-ly"), "", "an overdue problem is not listed twice");
    assert_contains(&list, "<strong>1</strong> quá hạn xử lý");
    let page = site.read("public/tiep-can/tc-b/index.html");
    assert_contains(&page, r#"<span class="vp-status vp-status-qua_han">Quá hạn xử lý</span>"#);
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/tiep-can/danh-sach.json")).unwrap();
    let b = json["records"].as_array().unwrap().iter().find(|r| r["id"] == "tc-b").unwrap();
    assert_eq!(b["status_code"], "qua_han");
    assert_eq!(b["status"], "Quá hạn xử lý");
}

/// A check dated after the build's day is a warning, so that the site still builds as of an
/// earlier day.
#[test]
fn a_check_after_the_build_day_is_a_warning() {
    let site = Site::fixture("tiep-can");
    site.edit(
        "content/nguon-nuoc/nn-a.yaml",
        "last_checked: 2026-05-10",
        "last_checked: 2026-07-10",
    );
    let run = site.build(AS_OF);
    assert_contains(
        &run.stderr,
        r#"cảnh báo: ngày kiểm tra 10/07/2026 sau ngày dựng trang 15/06/2026
  --> content/nguon-nuoc/nn-a.yaml:10:15
   |
10 | last_checked: 2026-07-10
   |               ^^^^^^^^^^
   |
   = gợi ý: ghi ngày đã kiểm tra; kiểm tra lại ngày, tháng, năm
"#,
    );
}

#[test]
fn a_problem_is_published_from_its_first_step() {
    let site = Site::fixture("tiep-can");
    site.edit("content/nguon-nuoc/nn-a.yaml", "2026-05-10", "2026-03-10");
    site.build("2026-04-01");
    // tc-b is found on 20/04: not yet on the list, in the data or the feed.
    assert!(!site.exists("public/tiep-can/tc-b/index.html"));
    assert_lacks(&site.read("public/tiep-can/index.html"), "Cọc bê tông ngách Thử B");
    assert_lacks(&site.read("public/tiep-can/danh-sach.csv"), "tc-b");
    assert_lacks(&site.read("public/tiep-can/atom.xml"), "tc-b");
    // Steps after the build's day are not shown: tc-a's fix of 25/05 is not yet there.
    let a = site.read("public/tiep-can/tc-a/index.html");
    assert_contains(&a, "Đang xử lý</span> từ ngày 20/03/2026");
    assert_lacks(&a, "Đặt bình ở đầu ngõ");
}

#[test]
fn the_csv_reads_back() {
    let site = Site::fixture("tiep-can");
    site.build(AS_OF);
    let bytes = std::fs::read(site.path("public/tiep-can/danh-sach.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "a byte-order mark for Excel");
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header[..4], ["Mã", "Dữ liệu minh hoạ", "Loại vấn đề", "Tên"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 2);
    let cell = |row: &csv::StringRecord, name: &str| {
        row[header.iter().position(|h| h == name).unwrap()].to_string()
    };
    let a = &rows[0];
    assert_eq!(cell(a, "Mã"), "tc-a");
    assert_eq!(cell(a, "Dữ liệu minh hoạ"), "có");
    assert_eq!(cell(a, "Loại vấn đề"), "Ngõ sâu xe chữa cháy không vào được");
    assert_eq!(cell(a, "Tổ dân phố"), "Tổ dân phố số 4");
    assert_eq!(cell(a, "Vĩ độ"), "20.9893");
    assert_eq!(cell(a, "Kinh độ"), "105.8162");
    assert_eq!(cell(a, "Chỗ hẹp nhất (m)"), "2.2");
    assert_eq!(
        cell(a, "Quyết định"),
        "Quyết định số MH-01/QĐ-UBND ngày 10/03/2026 của Chủ tịch UBND phường Thử"
    );
    assert_eq!(
        cell(a, "Giải pháp cấp nước"),
        "Bình chữa cháy đặt đầu ngõ: 2 bình bột 8 kg ở đầu ngõ"
    );
    assert_eq!(cell(a, "Tình trạng"), "Đã khắc phục");
    assert_eq!(cell(a, "Từ ngày"), "2026-05-25");
    assert_eq!(cell(a, "Trang"), "https://thu.example/tiep-can/tc-a/");
    assert_eq!(cell(&rows[1], "Dữ liệu minh hoạ"), "");
    assert_eq!(cell(&rows[1], "Tình trạng"), "Đang xử lý");

    let bytes = std::fs::read(site.path("public/nguon-nuoc/danh-sach.csv")).unwrap();
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    let mut reader = csv::Reader::from_reader(&bytes[3..]);
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    let b = &rows[1];
    let cell = |name: &str| b[header.iter().position(|h| h == name).unwrap()].to_string();
    assert_eq!(cell("Mã"), "nn-b");
    assert_eq!(cell("Dùng được"), "");
    assert_eq!(cell("Lý do không dùng được"), "Lối xuống ao bị lấn chiếm");
    assert_eq!(cell("Kiểm tra lần cuối"), "2026-04-15");
    assert_eq!(cell("Xe chữa cháy tiếp cận"), "Xe chữa cháy dừng cách xa, phải trải vòi");
}

#[test]
fn the_json_reads_back() {
    let site = Site::fixture("tiep-can");
    site.build(AS_OF);
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/tiep-can/danh-sach.json")).unwrap();
    assert_eq!(json["as_of"], AS_OF);
    assert_eq!(json["sample"], true);
    let a = &json["records"][0];
    assert_eq!(a["id"], "tc-a");
    assert_eq!(a["lat"], 20.9893);
    assert_eq!(a["lon"], 105.8162);
    assert_eq!(a["deadline"], "2026-06-30");
    assert_eq!(a["status_code"], "da_khac_phuc");
    let steps = a["steps"].as_array().unwrap();
    assert_eq!(steps.len(), 3);
    assert_eq!(steps[2]["date"], "2026-05-25");
    assert_eq!(steps[2]["status"], "da_khac_phuc");
    assert_eq!(steps[2]["note"], "Đặt bình ở đầu ngõ");
    assert_eq!(json["records"][1]["water_solution"], serde_json::Value::Null);

    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/nguon-nuoc/danh-sach.json")).unwrap();
    let records = json["records"].as_array().unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[0]["usable"], true);
    assert_eq!(records[0]["reason"], serde_json::Value::Null);
    assert_eq!(records[1]["usable"], false);
    assert_eq!(records[1]["reason"], "Lối xuống ao bị lấn chiếm");
    assert_eq!(records[1]["kind_code"], "ao_ho");
    assert_eq!(records[1]["engine_access_code"], "xe_dung_xa");
}

#[test]
fn the_geojson_reads_back_longitude_first() {
    let site = Site::fixture("tiep-can");
    site.build("2026-08-15");
    let geo: serde_json::Value =
        serde_json::from_str(&site.read("public/tiep-can/danh-sach.geojson")).unwrap();
    assert_eq!(geo["type"], "FeatureCollection");
    let features = geo["features"].as_array().unwrap();
    assert_eq!(features.len(), 2);
    let b = &features[1];
    assert_eq!(b["type"], "Feature");
    assert_eq!(b["geometry"]["type"], "Point");
    // RFC 7946: longitude, then latitude (tc-b is written `geo: {lat: 20.9852, lng: 105.8176}`).
    assert_eq!(b["geometry"]["coordinates"], serde_json::json!([105.8176, 20.9852]));
    let p = &b["properties"];
    assert_eq!(p["id"], "tc-b");
    assert_eq!(p["name"], "Cọc bê tông ngách Thử B");
    assert_eq!(p["url"], "https://thu.example/tiep-can/tc-b/");
    assert_eq!(p["status"], "qua_han");
    assert_eq!(p["overdue"], true);
    assert_eq!(p["kind"], "coc_be_tong");
    assert_eq!(p["deadline"], "2026-07-31");

    let geo: serde_json::Value =
        serde_json::from_str(&site.read("public/nguon-nuoc/danh-sach.geojson")).unwrap();
    let b = &geo["features"][1];
    assert_eq!(b["geometry"]["coordinates"], serde_json::json!([105.8128, 20.9871]));
    assert_eq!(b["properties"]["usable"], false);
    assert_eq!(b["properties"]["status"], "khong_dung_duoc");
    assert_eq!(b["properties"]["reason"], "Lối xuống ao bị lấn chiếm");
    assert_eq!(b["properties"]["engine_access"], "xe_dung_xa");
    // Every record page links to the phone's map app and to OpenStreetMap.
    let page = site.read("public/nguon-nuoc/nn-b/index.html");
    assert_contains(&page, r#"<a href="geo:20.9871,105.8128">Mở bản đồ trên điện thoại</a>"#);
    assert_contains(
        &page,
        r#"<a href="https://www.openstreetmap.org/?mlat=20.9871&amp;mlon=105.8128#map=18/20.9871/105.8128">"#,
    );
    // The list shows the overview map before its numbered list.
    let list = site.read("public/tiep-can/index.html");
    let map = list.find(r#"class="ban-do""#).expect("the overview map");
    assert!(map < list.find("<table").unwrap());
}

/// The entries of an Atom feed, read with an XML parser: (id, title, link, updated, summary).
fn atom_entries(xml: &str) -> Vec<[String; 5]> {
    use quick_xml::events::Event;
    let mut reader = quick_xml::Reader::from_str(xml);
    let (mut entries, mut current, mut field) = (Vec::new(), None::<[String; 5]>, None);
    loop {
        match reader.read_event().expect("well-formed Atom") {
            Event::Start(e) if e.name().as_ref() == "entry" => current = Some(Default::default()),
            Event::End(e) if e.name().as_ref() == "entry" => entries.extend(current.take()),
            Event::Start(e) => {
                field = ["id", "title", "", "updated", "summary"]
                    .iter()
                    .position(|n| !n.is_empty() && e.name().as_ref() == *n);
            }
            Event::Empty(e) if e.name().as_ref() == "link" => {
                if let Some(entry) = current.as_mut() {
                    let href = e.try_get_attribute("href").unwrap().unwrap();
                    entry[2] = href.value.to_string();
                }
            }
            Event::Text(t) => {
                if let (Some(entry), Some(i)) = (current.as_mut(), field) {
                    entry[i].push_str(&t.into_inner());
                }
            }
            // Entities come apart from the text around them.
            Event::GeneralRef(r) => {
                if let (Some(entry), Some(i)) = (current.as_mut(), field) {
                    let name = r.to_string();
                    let named =
                        [("amp", '&'), ("lt", '<'), ("gt", '>'), ("quot", '"'), ("apos", '\'')];
                    let c = named.iter().find(|(n, _)| *n == name).map(|(_, c)| *c);
                    entry[i].push(c.or_else(|| r.resolve_char_ref().unwrap()).expect("an entity"));
                }
            }
            Event::End(_) => field = None,
            Event::Eof => break,
            _ => {}
        }
    }
    entries
}

#[test]
fn the_feed_has_one_entry_per_step_newest_first() {
    let site = Site::fixture("tiep-can");
    site.build(AS_OF);
    let xml = site.read("public/tiep-can/atom.xml");
    assert_contains(&xml, "<id>https://thu.example/tiep-can/atom.xml</id>");
    assert_contains(&xml, "<updated>2026-05-25T00:00:00+07:00</updated>");
    let entries = atom_entries(&xml);
    // tc-a's three steps and tc-b's two.
    assert_eq!(entries.len(), 5);
    let first = &entries[0];
    assert_eq!(first[0], "https://thu.example/tiep-can/tc-a/#buoc-3");
    assert_eq!(first[1], "Ngõ Thử A: Đã khắc phục");
    assert_eq!(first[2], "https://thu.example/tiep-can/tc-a/");
    assert_eq!(first[3], "2026-05-25T00:00:00+07:00");
    assert_eq!(first[4], "Đặt bình ở đầu ngõ");
    let updated: Vec<&str> = entries.iter().map(|e| e[3].as_str()).collect();
    let mut sorted = updated.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(updated, sorted, "newest first");
    let mut ids: Vec<&str> = entries.iter().map(|e| e[0].as_str()).collect();
    ids.dedup();
    assert_eq!(ids.len(), 5, "every entry its own id");
    // Linked from the list.
    assert_contains(
        &site.read("public/tiep-can/index.html"),
        r#"<link rel="alternate" type="application/atom+xml" title="Tiến độ xử lý các vấn đề tiếp cận chữa cháy" href="https://thu.example/tiep-can/atom.xml">"#,
    );
}

#[test]
fn the_water_feed_has_each_source_s_last_check_newest_first() {
    let site = Site::fixture("tiep-can");
    site.build(AS_OF);
    let xml = site.read("public/nguon-nuoc/atom.xml");
    assert_contains(&xml, "<id>https://thu.example/nguon-nuoc/atom.xml</id>");
    assert_contains(&xml, "<updated>2026-05-10T00:00:00+07:00</updated>");
    let entries = atom_entries(&xml);
    let expected = [
        [
            "https://thu.example/nguon-nuoc/nn-a/#kiem-tra-2026-05-10",
            "Trụ nước Thử A: dùng được",
            "https://thu.example/nguon-nuoc/nn-a/",
            "2026-05-10T00:00:00+07:00",
            "Kiểm tra ngày 10/05/2026: dùng được.",
        ],
        [
            "https://thu.example/nguon-nuoc/nn-b/#kiem-tra-2026-04-15",
            "Ao Thử B: không dùng được",
            "https://thu.example/nguon-nuoc/nn-b/",
            "2026-04-15T00:00:00+07:00",
            "Kiểm tra ngày 15/04/2026: không dùng được. Lối xuống ao bị lấn chiếm",
        ],
    ];
    assert_eq!(entries, expected.map(|e| e.map(String::from)).to_vec());
    // A new check is a new entry, on top.
    site.edit("content/nguon-nuoc/nn-b.yaml", "usable: false", "usable: true");
    site.edit("content/nguon-nuoc/nn-b.yaml", "reason: \"Lối xuống ao bị lấn chiếm\"\n", "");
    site.edit("content/nguon-nuoc/nn-b.yaml", "2026-04-15", "2026-06-01");
    site.build(AS_OF);
    let entries = atom_entries(&site.read("public/nguon-nuoc/atom.xml"));
    assert_eq!(entries[0][0], "https://thu.example/nguon-nuoc/nn-b/#kiem-tra-2026-06-01");
    assert_eq!(entries[0][1], "Ao Thử B: dùng được");
    let list = site.read("public/nguon-nuoc/index.html");
    assert_contains(
        &list,
        r#"<link rel="alternate" type="application/atom+xml" title="Tình trạng các nguồn nước chữa cháy" href="https://thu.example/nguon-nuoc/atom.xml">"#,
    );
    assert_contains(&list, r#"<a href="https://thu.example/nguon-nuoc/atom.xml">"#);
}

#[test]
fn both_data_sets_are_on_the_open_data_pages_the_sitemap_search_and_their_groups() {
    let site = Site::fixture("tiep-can");
    site.build(AS_OF);
    let data = site.read("public/tiep-can/du-lieu/index.html");
    assert_contains(&data, "https://thu.example/tiep-can/danh-sach.csv");
    assert_contains(&data, "phat_hien");
    assert_contains(&site.read("public/nguon-nuoc/du-lieu/index.html"), "khong_tiep_can");
    let sitemap = site.read("public/sitemap.xml");
    for url in ["tiep-can/", "tiep-can/tc-a/", "nguon-nuoc/", "nguon-nuoc/nn-b/"] {
        assert_contains(&sitemap, &format!("<loc>https://thu.example/{url}</loc>"));
    }
    let seven = site.read("public/to-dan-pho/so-7/index.html");
    assert_contains(&seven, "Ao Thử B");
    assert_contains(&seven, "Không dùng được: Lối xuống ao bị lấn chiếm · kiểm tra 15/04/2026");
    let nine = site.read("public/to-dan-pho/so-9/index.html");
    assert_contains(&nine, "Cọc bê tông ngách Thử B");
    assert_contains(&nine, "Đang xử lý · hạn xử lý 31/07/2026");
    let water = site.read("public/nguon-nuoc/index.html");
    assert_contains(group(&water, "khong-dung-duoc"), "Ao Thử B");
    assert_contains(group(&water, "dung-duoc"), "Trụ nước Thử A");
}

#[test]
fn the_ward_samples_cover_the_plan() {
    let site = Site::ward();
    site.build("2026-12-05");
    let json = |rel: &str| -> serde_json::Value { serde_json::from_str(&site.read(rel)).unwrap() };
    let access = json("public/tiep-can/danh-sach.json");
    let records = access["records"].as_array().unwrap();
    assert!(records.len() >= 6, "6+ access problems");
    let status = |code: &str| records.iter().filter(|r| r["status_code"] == code).count();
    assert!(status("da_khac_phuc") >= 2, "some fixed");
    for kind in [
        "Ngõ sâu xe chữa cháy không vào được",
        "Barie chắn đường xe chữa cháy",
        "Cọc bê tông chắn đường xe chữa cháy",
        "Nguồn nước chữa cháy bị che chắn, lấn chiếm",
    ] {
        assert!(records.iter().any(|r| r["kind"] == kind), "a sample of {kind}");
    }
    let water = json("public/nguon-nuoc/danh-sach.json");
    let sources = water["records"].as_array().unwrap();
    assert!(sources.len() >= 4, "4+ water sources");
    assert!(sources.iter().any(|s| s["usable"] == false), "one unusable");
    for r in records.iter().chain(sources) {
        assert_eq!(r["sample"], true, "{} is marked as sample data", r["id"]);
        let (lat, lon) = (r["lat"].as_f64().unwrap(), r["lon"].as_f64().unwrap());
        assert!(
            (20.980..21.000).contains(&lat) && (105.805..105.825).contains(&lon),
            "{}",
            r["id"]
        );
    }
    // Decision numbers read as samples, never as a real decision.
    for r in records.iter().filter(|r| !r["decision"].is_null()) {
        assert_contains(r["decision"].as_str().unwrap(), "số MH-");
    }
    // One problem is overdue (from 01/08/2026). Building the ward's site on an earlier day
    // is refused since the indicators hold figures after it; `overdue_follows_the_as_of_day`
    // checks the days before and after a deadline on the fixture.
    assert_contains(
        group(&site.read("public/tiep-can/index.html"), "qua-han"),
        "Cọc bê tông ngách Minh Hoạ 7/15 Kim Giang",
    );
}

#[test]
fn an_invalid_id_is_refused() {
    refused(
        r#"content/tiep-can/tc-b.yaml"#,
        r#"id: tc-b"#,
        r#"id: TC B"#,
        r#"lỗi: mã hồ sơ `TC B` không hợp lệ
 --> content/tiep-can/tc-b.yaml:1:5
  |
1 | id: TC B
  |     ^^^^
  |
  = gợi ý: chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ tc-2026-01

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_duplicate_id_names_the_first() {
    Site::fixture("tiep-can").fails_with(
        AS_OF,
        |site| {
            site.write(
                r#"content/tiep-can/tc-c.yaml"#,
                r#"id: tc-b
kind: barie
title: "Barie Thử C"
location: {address: "Ngõ Thử C", to_dan_pho: "Tổ dân phố số 2", geo: {lat: 20.9921, lng: 105.8148}}
description: "Barie khoá ban đêm."
steps:
  - {date: 2026-03-25, status: phat_hien, note: "Phát hiện khi thực tập phương án"}
"#,
            );
        },
        r#"lỗi: mã hồ sơ `tc-b` bị trùng
 --> content/tiep-can/tc-c.yaml:1:5
  |
1 | id: tc-b
  |     ^^^^
  |
  = gợi ý: mỗi hồ sơ một mã riêng: mã là địa chỉ trang của hồ sơ, không đổi
  = ghi chú: đã dùng ở content/tiep-can/tc-b.yaml

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_missing_title_is_refused() {
    refused(
        r#"content/tiep-can/tc-b.yaml"#,
        r#"title: "Cọc bê tông ngách Thử B""#,
        r#"title: """#,
        r#"lỗi: thiếu `title`
 --> content/tiep-can/tc-b.yaml:3:8
  |
3 | title: ""
  |        ^^
  |
  = gợi ý: điền nội dung cho trường này

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn an_unreadable_to_dan_pho_is_refused() {
    refused(
        r#"content/tiep-can/tc-b.yaml"#,
        r#"to_dan_pho: "Tổ dân phố số 9""#,
        r#"to_dan_pho: "Ngõ 9""#,
        r#"lỗi: không đọc được tổ dân phố `Ngõ 9`
 --> content/tiep-can/tc-b.yaml:6:16
  |
6 |   to_dan_pho: "Ngõ 9"
  |                ^^^^^
  |
  = gợi ý: viết số của tổ dân phố, ví dụ `Tổ dân phố số 5`; cũng đọc được `TDP 5`, `Tổ 5`, `Tổ dân phố 05`, chỉ số `5`, và chữ cái của tổ đã tách như `Tổ dân phố số 5A`

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_kind_outside_the_list_is_refused_with_the_name_meant() {
    refused(
        r#"content/tiep-can/tc-b.yaml"#,
        r#"kind: coc_be_tong"#,
        r#"kind: cọc bê tông"#,
        r#"lỗi: loại vấn đề `cọc bê tông` không có trong danh sách cho phép (trong `kind`)
 --> content/tiep-can/tc-b.yaml:2:7
  |
2 | kind: cọc bê tông
  |       ^^^^^^^^^^^
  |
  = gợi ý: có phải bạn muốn viết `coc_be_tong`? Các giá trị cho phép: ngo_sau (Ngõ sâu xe chữa cháy không vào được), barie (Barie chắn đường xe chữa cháy), coc_be_tong (Cọc bê tông chắn đường xe chữa cháy), nguon_nuoc_bi_chan (Nguồn nước chữa cháy bị che chắn, lấn chiếm)

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_problem_without_steps_is_refused() {
    refused(
        r#"content/tiep-can/tc-b.yaml"#,
        r#"steps:
  - {date: 2026-04-20, status: phat_hien, note: "Người dân báo"}
  - {date: 2026-05-10, status: dang_xu_ly, note: "Vận động các hộ tháo dỡ"}
"#,
        r#"steps: []
"#,
        r#"lỗi: chưa ghi bước xử lý nào (`steps`)
  --> content/tiep-can/tc-b.yaml:11:8
   |
11 | steps: []
   |        ^^
   |
   = gợi ý: ghi ít nhất ngày phát hiện, ví dụ steps: [{date: 2026-03-02, status: phat_hien, note: "Phát hiện khi kiểm tra"}]

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn steps_out_of_date_order_are_refused() {
    refused(
        r#"content/tiep-can/tc-b.yaml"#,
        r#"date: 2026-05-10"#,
        r#"date: 2026-04-10"#,
        r#"lỗi: các bước xử lý không theo thứ tự ngày: bước ngày 10/04/2026 ghi sau bước ngày 20/04/2026
  --> content/tiep-can/tc-b.yaml:13:12
   |
13 |   - {date: 2026-04-10, status: dang_xu_ly, note: "Vận động các hộ tháo dỡ"}
   |            ^^^^^^^^^^
   |
   = gợi ý: xếp các bước từ cũ đến mới, mỗi bước một ngày

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_step_without_a_note_is_refused() {
    refused(
        r#"content/tiep-can/tc-b.yaml"#,
        r#"note: "Vận động các hộ tháo dỡ""#,
        r#"note: """#,
        r#"lỗi: bước xử lý chưa ghi đã làm gì (`note`)
  --> content/tiep-can/tc-b.yaml:13:50
   |
13 |   - {date: 2026-05-10, status: dang_xu_ly, note: ""}
   |                                                  ^^
   |
   = gợi ý: ghi ngắn gọn việc đã làm, ví dụ "Tháo dỡ barie đầu ngõ"

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_decision_without_its_number_is_refused() {
    refused(
        r#"content/tiep-can/tc-b.yaml"#,
        r#"number: "MH-03""#,
        r#"number: """#,
        r#"lỗi: thiếu `decision.number`
 --> content/tiep-can/tc-b.yaml:9:20
  |
9 | decision: {number: "", symbol: "QĐ-UBND", date: 2026-05-05, issuer: "Chủ tịch UBND phường Thử"}
  |                    ^^
  |
  = gợi ý: ghi số, ký hiệu, ngày và người ký quyết định, ví dụ decision: {number: "05", symbol: "QĐ-UBND", date: 2026-02-02, issuer: "Chủ tịch UBND phường"}

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_deadline_before_its_decision_is_refused() {
    refused(
        r#"content/tiep-can/tc-b.yaml"#,
        r#"deadline: 2026-07-31"#,
        r#"deadline: 2026-05-01"#,
        r#"lỗi: ngày không hợp lý: thời hạn xử lý (01/05/2026) trước ngày quyết định (05/05/2026)
  --> content/tiep-can/tc-b.yaml:10:11
   |
10 | deadline: 2026-05-01
   |           ^^^^^^^^^^
   |
   = gợi ý: kiểm tra lại ngày, tháng, năm

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_water_solution_belongs_to_a_deep_alley() {
    refused(
        r#"content/tiep-can/tc-b.yaml"#,
        r#"deadline: 2026-07-31"#,
        r#"deadline: 2026-07-31
water_solution: {kind: tru_nuoc}"#,
        r#"lỗi: chỉ ngõ sâu mới ghi giải pháp cấp nước; vấn đề này là “Cọc bê tông chắn đường xe chữa cháy”
  --> content/tiep-can/tc-b.yaml:11:17
   |
11 | water_solution: {kind: tru_nuoc}
   |                 ^^^^^^^^^^^^^^^^
   |
   = gợi ý: bỏ `water_solution`, hoặc sửa `kind: ngo_sau` nếu đây là ngõ sâu

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_deep_alley_is_not_fixed_without_a_water_solution() {
    refused(
        r#"content/tiep-can/tc-a.yaml"#,
        r#"water_solution:
  kind: binh_chua_chay_dau_ngo
  detail: "2 bình bột 8 kg ở đầu ngõ"
"#,
        r#""#,
        r#"lỗi: ngõ sâu đã khắc phục nhưng chưa ghi giải pháp cấp nước
 --> content/tiep-can/tc-a.yaml:3:7
  |
3 | kind: ngo_sau
  |       ^^^^^^^
  |
  = gợi ý: thêm water_solution: {kind: …, detail: "…"}; các giá trị cho phép: binh_chua_chay_dau_ngo (Bình chữa cháy đặt đầu ngõ), tru_nuoc (Lắp trụ nước chữa cháy), diem_chua_chay_cong_cong (Điểm chữa cháy công cộng), be_nuoc (Bể nước chữa cháy), khac (Giải pháp khác)

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_file_other_than_yaml_is_refused() {
    Site::fixture("tiep-can").fails_with(
        AS_OF,
        |site| {
            site.write(r#"content/tiep-can/danh-sach.csv"#, r#"a,b"#);
        },
        r#"lỗi: không đọc được loại tệp này trong mục tiếp cận chữa cháy
--> content/tiep-can/danh-sach.csv
 = gợi ý: dùng tệp .yaml, mỗi tệp một hồ sơ

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn an_other_water_solution_says_what_it_is() {
    refused(
        r#"content/tiep-can/tc-a.yaml"#,
        r#"  kind: binh_chua_chay_dau_ngo
  detail: "2 bình bột 8 kg ở đầu ngõ"
"#,
        r#"  kind: khac
"#,
        r#"lỗi: giải pháp cấp nước “khác” chưa ghi là gì
  --> content/tiep-can/tc-a.yaml:18:9
   |
18 |   kind: khac
   |         ^^^^
   |
   = gợi ý: ghi water_solution.detail, ví dụ "Bể nước 10 m³ ở nhà văn hoá tổ dân phố"

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn an_unusable_source_gives_its_reason() {
    refused(
        r#"content/nguon-nuoc/nn-b.yaml"#,
        r#"reason: "Lối xuống ao bị lấn chiếm"
"#,
        r#""#,
        r#"lỗi: nguồn nước không dùng được nhưng chưa ghi lý do (`reason`)
 --> content/nguon-nuoc/nn-b.yaml:8:9
  |
8 | usable: false
  |         ^^^^^
  |
  = gợi ý: thêm reason: "…", ví dụ reason: "Van trụ bị kẹt, không mở được"

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_usable_source_has_no_reason() {
    refused(
        r#"content/nguon-nuoc/nn-a.yaml"#,
        r#"usable: true"#,
        r#"usable: true
reason: "Van kẹt""#,
        r#"lỗi: đã ghi lý do không dùng được nhưng nguồn nước ghi `usable: true`
  --> content/nguon-nuoc/nn-a.yaml:10:9
   |
10 | reason: "Van kẹt"
   |         ^^^^^^^^^
   |
   = gợi ý: nếu nguồn nước không dùng được, sửa thành `usable: false`; nếu đã dùng lại được, bỏ `reason`

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_source_with_an_invalid_id_is_refused() {
    refused(
        r#"content/nguon-nuoc/nn-a.yaml"#,
        r#"id: nn-a"#,
        r#"id: nn a"#,
        r#"lỗi: mã hồ sơ `nn a` không hợp lệ
 --> content/nguon-nuoc/nn-a.yaml:1:5
  |
1 | id: nn a
  |     ^^^^
  |
  = gợi ý: chỉ dùng chữ thường không dấu, số và dấu gạch ngang, ví dụ nn-01

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_duplicate_source_id_names_the_first() {
    refused(
        r#"content/nguon-nuoc/nn-b.yaml"#,
        r#"id: nn-b"#,
        r#"id: nn-a"#,
        r#"lỗi: mã hồ sơ `nn-a` bị trùng
 --> content/nguon-nuoc/nn-b.yaml:1:5
  |
1 | id: nn-a
  |     ^^^^
  |
  = gợi ý: mỗi hồ sơ một mã riêng: mã là địa chỉ trang của hồ sơ, không đổi
  = ghi chú: đã dùng ở content/nguon-nuoc/nn-a.yaml

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_source_without_a_name_is_refused() {
    refused(
        r#"content/nguon-nuoc/nn-b.yaml"#,
        r#"name: "Ao Thử B""#,
        r#"name: " ""#,
        r#"lỗi: thiếu `name`
 --> content/nguon-nuoc/nn-b.yaml:3:7
  |
3 | name: " "
  |       ^^^
  |
  = gợi ý: điền nội dung cho trường này

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_source_in_group_zero_is_refused() {
    refused(
        r#"content/nguon-nuoc/nn-b.yaml"#,
        r#"to_dan_pho: "Tổ dân phố số 7""#,
        r#"to_dan_pho: "Tổ 0""#,
        r#"lỗi: tổ dân phố `Tổ 0` không có thật: số tổ dân phố bắt đầu từ 1
 --> content/nguon-nuoc/nn-b.yaml:6:16
  |
6 |   to_dan_pho: "Tổ 0"
  |                ^^^^
  |
  = gợi ý: viết số của tổ dân phố, ví dụ `Tổ dân phố số 5`; cũng đọc được `TDP 5`, `Tổ 5`, `Tổ dân phố 05`, chỉ số `5`, và chữ cái của tổ đã tách như `Tổ dân phố số 5A`

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_source_file_other_than_yaml_is_refused() {
    Site::fixture("tiep-can").fails_with(
        AS_OF,
        |site| {
            site.write(r#"content/nguon-nuoc/nn.csv"#, r#"a,b"#);
        },
        r#"lỗi: không đọc được loại tệp này trong mục nguồn nước chữa cháy
--> content/nguon-nuoc/nn.csv
 = gợi ý: dùng tệp .yaml, mỗi tệp một hồ sơ

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_problem_without_coordinates_is_refused() {
    refused(
        r#"content/tiep-can/tc-b.yaml"#,
        r#"  geo: {lat: 20.9852, lng: 105.8176}
"#,
        r#""#,
        r#"lỗi: chưa ghi toạ độ `location.geo`
 --> content/tiep-can/tc-b.yaml:5:3
  |
5 | /   address: "Ngách Thử B đường Kim Giang"
6 | |   to_dan_pho: "Tổ dân phố số 9"
  | |_______________________________^
  |
  = gợi ý: chép lại toạ độ của điểm từ bản đồ (nhấp chuột phải vào điểm trên OpenStreetMap hoặc Google Maps để thấy toạ độ): vĩ độ `lat` trước, kinh độ `lng` sau, bằng độ thập phân với dấu chấm; ví dụ ở phường Khương Đình: `geo: {lat: 20.9935, lng: 105.8142}`

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_problem_outside_the_ward_is_refused() {
    refused(
        r#"content/tiep-can/tc-b.yaml"#,
        r#"lat: 20.9852, lng: 105.8176"#,
        r#"lat: 21.0285, lng: 105.8542"#,
        r#"lỗi: toạ độ `lat: 21.0285, lng: 105.8542` nằm ngoài phường Khương Đình: vĩ độ `lat` phải từ 20.985 đến 21.005, kinh độ `lng` từ 105.8 đến 105.825
 --> content/tiep-can/tc-b.yaml:7:14
  |
7 |   geo: {lat: 21.0285, lng: 105.8542}
  |              ^^^^^^^
  |
  = gợi ý: kiểm tra lại dấu âm và các chữ số; chép lại toạ độ của điểm từ bản đồ (nhấp chuột phải vào điểm trên OpenStreetMap hoặc Google Maps để thấy toạ độ): vĩ độ `lat` trước, kinh độ `lng` sau, bằng độ thập phân với dấu chấm; ví dụ ở phường Khương Đình: `geo: {lat: 20.9935, lng: 105.8142}`

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_source_with_swapped_coordinates_is_refused() {
    refused(
        r#"content/nguon-nuoc/nn-b.yaml"#,
        r#"lat: 20.9871, lng: 105.8128"#,
        r#"lat: 105.8128, lng: 20.9871"#,
        r#"lỗi: vĩ độ và kinh độ bị đổi chỗ: `lat: 105.8128` là một kinh độ, `lng: 20.9871` là một vĩ độ
 --> content/nguon-nuoc/nn-b.yaml:7:14
  |
7 |   geo: {lat: 105.8128, lng: 20.9871}
  |              ^^^^^^^^
  |
  = gợi ý: viết `geo: {lat: 20.9871, lng: 105.8128}`: vĩ độ `lat` (ở Hà Nội khoảng 21) trước, kinh độ `lng` (khoảng 105,8) sau

Không dựng được trang: 1 lỗi.
"#,
    );
}
