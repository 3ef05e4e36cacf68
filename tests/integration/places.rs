//! The place kinds (issue 16, points 3, 4 and 8): Tổ liên gia an toàn PCCC (`/to-lien-gia/`),
//! điểm chữa cháy công cộng (`/diem-chua-chay/`) and đội dân phòng (`/doi-dan-phong/`): their
//! pages, map links, open data read back (GeoJSON per RFC 7946, CSV, JSON), feeds of status
//! changes, and every mistake an editor can make, with its exact report.

use serde_json::Value;

use crate::support::{Site, assert_contains, assert_lacks};

fn json(site: &Site, rel: &str) -> Value {
    serde_json::from_str(&site.read(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// A GeoJSON FeatureCollection as RFC 7946 has it: points with `[longitude, latitude]`, each
/// inside the ward, with the record's id, name, page and status; returns the features by id.
fn features(site: &Site, rel: &str) -> Vec<(String, f64, f64, Value)> {
    let doc = json(site, rel);
    assert_eq!(doc["type"], "FeatureCollection", "{rel}");
    let mut out = Vec::new();
    for f in doc["features"].as_array().expect("features") {
        assert_eq!(f["type"], "Feature");
        assert_eq!(f["geometry"]["type"], "Point");
        let c = f["geometry"]["coordinates"].as_array().unwrap();
        assert_eq!(c.len(), 2, "a position is [longitude, latitude]");
        let (lng, lat) = (c[0].as_f64().unwrap(), c[1].as_f64().unwrap());
        assert!((105.80..=105.825).contains(&lng) && (20.985..=21.005).contains(&lat), "{c:?}");
        for n in [lng, lat] {
            let decimals = n.to_string().split('.').nth(1).map_or(0, str::len);
            assert!(decimals <= 6, "{n} has more than 6 decimals");
        }
        let p = &f["properties"];
        for key in ["id", "name", "url"] {
            assert!(p[key].is_string(), "{key} in {p}");
        }
        out.push((p["id"].as_str().unwrap().to_string(), lng, lat, p.clone()));
    }
    out
}

/// The rows of a CSV written with a byte-order mark.
fn csv_rows(site: &Site, rel: &str) -> Vec<Vec<String>> {
    let bytes = std::fs::read(site.path(rel)).unwrap();
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").expect("the CSV starts with a BOM");
    csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(text)
        .records()
        .map(|r| r.unwrap().iter().map(str::to_string).collect())
        .collect()
}

#[test]
fn household_groups_have_pages_map_links_and_open_data() {
    let site = Site::fixture("places");
    site.build("2026-03-15");
    let list = site.read("public/to-lien-gia/index.html");
    assert_contains(&list, "<h1>Tổ liên gia an toàn PCCC</h1>");
    assert_contains(
        &list,
        "<a href=\"https://thu.example/to-lien-gia/tlg-a/\">Tổ liên gia thử A</a>",
    );
    assert_contains(&list, "<strong>Dữ liệu minh hoạ.</strong>");
    let a = site.read("public/to-lien-gia/tlg-a/index.html");
    assert_contains(&a, "<a href=\"geo:20.9902,105.8131\">Mở bản đồ trên điện thoại</a>");
    assert_contains(
        &a,
        "<a href=\"https://www.openstreetmap.org/?mlat=20.9902&amp;mlon=105.8131#map=18/20.9902/105.8131\">",
    );
    assert_contains(&a, "<dd>Ngõ Thử 1 phố Khương Hạ, tổ dân phố số 3, phường Khương Đình</dd>");
    assert_contains(&a, "<li>Bình chữa cháy xách tay: 14</li>");
    // No coordinates: no map links; the head's name only because the data says they agreed.
    let b = site.read("public/to-lien-gia/tlg-b/index.html");
    assert_lacks(&b, "geo:");
    assert_contains(&b, "<dd>Tổ trưởng (Nguyễn Văn Thử)</dd>");

    let points = features(&site, "public/to-lien-gia/danh-sach.geojson");
    assert_eq!(points.len(), 1, "only tlg-a has coordinates");
    let (id, lng, lat, p) = &points[0];
    assert_eq!((id.as_str(), *lng, *lat), ("tlg-a", 105.8131, 20.9902));
    assert_eq!(p["url"], "https://thu.example/to-lien-gia/tlg-a/");
    assert_eq!(p["status"], "hoat_dong");
    assert_eq!(p["households"], 14);
    assert_eq!(p["sample"], true);

    let rows = csv_rows(&site, "public/to-lien-gia/danh-sach.csv");
    assert_eq!(rows.len(), 3);
    assert_eq!(
        &rows[0][..7],
        ["Mã", "Tên", "Địa chỉ", "Tổ dân phố", "Vĩ độ", "Kinh độ", "Tình trạng"]
    );
    assert_eq!(
        &rows[1][..7],
        [
            "tlg-a",
            "Tổ liên gia thử A",
            "Ngõ Thử 1 phố Khương Hạ",
            "Tổ dân phố số 3",
            "20.9902",
            "105.8131",
            "Đang hoạt động"
        ]
    );
    assert_eq!(rows[2][4], "", "no coordinates, an empty cell");
    let data = json(&site, "public/to-lien-gia/danh-sach.json");
    let records = data["records"].as_array().unwrap();
    assert_eq!(records.len(), 2);
    assert_eq!(records[1]["head"], "Tổ trưởng (Nguyễn Văn Thử)");
    assert_eq!(records[1]["lat"], Value::Null);
    assert_eq!(records[0]["equipment"][1], "Chuông báo cháy liên kết: 14");

    // Search finds the list (one document for the set), with the groups' names in it.
    let index = site.snapshot("public/tim-kiem/chi-muc");
    let doc = index
        .values()
        .map(|bytes| String::from_utf8_lossy(bytes).into_owned())
        .find(|text| text.contains("\"/to-lien-gia/\""))
        .expect("a search document for /to-lien-gia/");
    assert_contains(&doc, "Tổ liên gia thử B");
    let open = site.read("public/to-lien-gia/du-lieu/index.html");
    assert_contains(&open, "danh-sach.geojson");
    let sitemap = site.read("public/sitemap.xml");
    for page in
        ["to-lien-gia/", "to-lien-gia/tlg-a/", "diem-chua-chay/dcc-a/", "doi-dan-phong/ddp-5/"]
    {
        assert_contains(&sitemap, &format!("<loc>https://thu.example/{page}</loc>"));
    }
}

#[test]
fn a_fire_point_takes_the_status_of_its_last_inspection() {
    let site = Site::fixture("places");
    for (as_of, status) in [
        ("2025-06-01", "Chưa kiểm tra"),
        ("2026-01-01", "Cần bổ sung phương tiện"),
        ("2026-03-15", "Sẵn sàng sử dụng"),
    ] {
        site.build(as_of);
        let page = site.read("public/diem-chua-chay/dcc-a/index.html");
        assert_contains(&page, "<span class=\"vp-status vp-status-");
        assert_contains(&page, &format!("\">{status}</span> (tính đến ngày"));
        let points = features(&site, "public/diem-chua-chay/danh-sach.geojson");
        assert_eq!(points[0].3["status_label"], status, "{as_of}");
    }
    // The feed has each inspection up to the build's day, newest first.
    let feed = site.read("public/diem-chua-chay/atom.xml");
    let first = feed.find("Kiểm tra: Đạt").expect("the February inspection");
    let second = feed.find("Kiểm tra: Cần bổ sung").expect("the September inspection");
    assert!(first < second, "newest first");
    assert_contains(&feed, "<link href=\"https://thu.example/diem-chua-chay/dcc-a/\"/>");
}

#[test]
fn a_team_is_active_or_not_by_its_last_change() {
    let site = Site::fixture("places");
    site.build("2026-02-01");
    let data = json(&site, "public/doi-dan-phong/danh-sach.json");
    assert_eq!(data["records"][0]["active"], "hoat_dong");
    assert_eq!(data["records"][0]["status"], "Đang hoạt động");
    site.build("2026-03-15");
    let data = json(&site, "public/doi-dan-phong/danh-sach.json");
    assert_eq!(data["records"][0]["active"], "khong_hoat_dong");
    let feed = site.read("public/doi-dan-phong/atom.xml");
    assert_contains(
        &feed,
        "<title>Đội dân phòng thử tổ dân phố số 5: Không hoạt động. Tạm ngừng để kiện toàn.</title>",
    );
    let list = site.read("public/doi-dan-phong/index.html");
    assert_contains(&list, "<td data-label=\"Số đội viên\">15</td>");
}

#[test]
fn a_household_group_reports_every_mistake_at_once() {
    Site::fixture("places").fails_with(
        "2026-03-15",
        |site| {
            let group = "content/to-lien-gia/tlg-a.yaml";
            site.edit(group, "geo: {lat: 20.9902, lng: 105.8131}", "geo: {lat: 105.8131, lng: 20.9902}");
            site.edit(group, "shop_houses: 9", "shop_houses: 19");
            site.edit(
                group,
                "  role: \"Tổ trưởng tổ liên gia\"",
                "  role: \"Tổ trưởng, gọi 0912 345 678\"\n  name: \"Nguyễn Văn Thử\"",
            );
        },
        r#"lỗi: vĩ độ và kinh độ bị đổi chỗ: `lat: 105.8131` là một kinh độ, `lng: 20.9902` là một vĩ độ
 --> content/to-lien-gia/tlg-a.yaml:7:14
  |
7 |   geo: {lat: 105.8131, lng: 20.9902}
  |              ^^^^^^^^
  |
  = gợi ý: viết `geo: {lat: 20.9902, lng: 105.8131}`: vĩ độ `lat` (ở Hà Nội khoảng 21) trước, kinh độ `lng` (khoảng 105,8) sau

lỗi: số nhà ở kết hợp kinh doanh (19) lớn hơn số hộ (14)
 --> content/to-lien-gia/tlg-a.yaml:9:14
  |
9 | shop_houses: 19
  |              ^^
  |
  = gợi ý: `shop_houses` đếm những hộ trong `households` có kinh doanh; kiểm tra lại hai số

lỗi: trường công khai `head.role` có số điện thoại “0912 345 678”: không được đăng số điện thoại riêng
  --> content/to-lien-gia/tlg-a.yaml:11:25
   |
11 |   role: "Tổ trưởng, gọi 0912 345 678"
   |                         ^^^^^^^^^^^^
   |
   = gợi ý: xoá số điện thoại; ghi chức vụ của người phụ trách (ví dụ “Tổ trưởng tổ dân phố”), người dân liên hệ qua Công an phường hoặc gọi 114
   = ghi chú: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15: không đăng số điện thoại riêng của người dân

lỗi: tên người đứng đầu `head.name` chỉ được đăng khi người đó đồng ý
  --> content/to-lien-gia/tlg-a.yaml:12:9
   |
12 |   name: "Nguyễn Văn Thử"
   |         ^^^^^^^^^^^^^^^^
   |
   = gợi ý: xoá dòng `name` và chỉ ghi chức vụ `role`; nếu người đó đã đồng ý bằng văn bản cho đăng tên, thêm dòng `name_consent: true`
   = ghi chú: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15, Điều 16

Không dựng được trang: 4 lỗi.
"#,
    );
}

#[test]
fn a_point_outside_the_ward_a_phone_and_a_decimal_comma_are_refused() {
    Site::fixture("places").fails_with(
        "2026-03-15",
        |site| {
            let point = "content/diem-chua-chay/dcc-a.yaml";
            site.edit(point, "geo: {lat: 20.9937, lng: 105.8162}", "geo: {lat: 21.0285, lng: 105.8542}");
            site.edit(point, "role: \"Tổ trưởng tổ dân phố số 5\"", "role: \"Bác tổ trưởng, 024 3856 1234\"");
            site.edit("content/doi-dan-phong/ddp-5.yaml", "lat: 20.9929", "lat: \"20,9929\"");
        },
        r#"lỗi: toạ độ `lat: 21.0285, lng: 105.8542` nằm ngoài phường Khương Đình: vĩ độ `lat` phải từ 20.985 đến 21.005, kinh độ `lng` từ 105.8 đến 105.825
 --> content/diem-chua-chay/dcc-a.yaml:6:14
  |
6 |   geo: {lat: 21.0285, lng: 105.8542}
  |              ^^^^^^^
  |
  = gợi ý: kiểm tra lại dấu âm và các chữ số; chép lại toạ độ của điểm từ bản đồ (nhấp chuột phải vào điểm trên OpenStreetMap hoặc Google Maps để thấy toạ độ): vĩ độ `lat` trước, kinh độ `lng` sau, bằng độ thập phân với dấu chấm; ví dụ ở phường Khương Đình: `geo: {lat: 20.9935, lng: 105.8142}`

lỗi: trường công khai `responsible.role` có số điện thoại “024 3856 1234”: không được đăng số điện thoại riêng
  --> content/diem-chua-chay/dcc-a.yaml:11:25
   |
11 |   role: "Bác tổ trưởng, 024 3856 1234"
   |                         ^^^^^^^^^^^^^
   |
   = gợi ý: xoá số điện thoại; ghi chức vụ của người phụ trách (ví dụ “Tổ trưởng tổ dân phố”), người dân liên hệ qua Công an phường hoặc gọi 114
   = ghi chú: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15: không đăng số điện thoại riêng của người dân

lỗi: toạ độ `20,9929` viết bằng dấu phẩy (trong `location.geo.lat`)
 --> content/doi-dan-phong/ddp-5.yaml:6:14
  |
6 |   geo: {lat: "20,9929", lng: 105.8149}
  |              ^^^
  |
  = gợi ý: viết số thập phân bằng dấu chấm: `20.9929`

Không dựng được trang: 3 lỗi.
"#,
    );
}

#[test]
fn a_second_team_for_one_to_dan_pho_is_refused() {
    Site::fixture("places").fails_with(
        "2026-03-15",
        |site| {
            let first = site.read("content/doi-dan-phong/ddp-5.yaml");
            site.write(
                "content/doi-dan-phong/ddp-5b.yaml",
                first
                    .replace("id: ddp-5", "id: ddp-5b")
                    .replace("\"Tổ dân phố số 5\"", "\"TDP 05\""),
            );
        },
        r#"lỗi: Tổ dân phố số 5 đã có đội dân phòng
 --> content/doi-dan-phong/ddp-5b.yaml:5:16
  |
5 |   to_dan_pho: "TDP 05"
  |                ^^^^^^
  |
  = gợi ý: mỗi tổ dân phố một đội dân phòng: gộp hai tệp, hoặc sửa lại tổ dân phố
  = ghi chú: đội đã ghi ở content/doi-dan-phong/ddp-5.yaml

Không dựng được trang: 1 lỗi.
"#,
    );
}

/// The list draws the map with the list's numbers; a record without coordinates keeps its
/// number in the list and has no marker.
#[test]
fn the_list_has_a_map_numbered_as_its_rows() {
    let site = Site::fixture("places");
    site.build("2026-03-15");
    let list = site.read("public/to-lien-gia/index.html");
    let svg_start = list.find("<svg").expect("a map");
    let table = list.find("<table").expect("a table");
    assert!(svg_start < table, "the map comes before the list");
    let svg = &list[svg_start..list.find("</svg>").unwrap()];
    assert_contains(svg, "role=\"img\"");
    assert_contains(svg, "Bản đồ: Tổ liên gia an toàn PCCC");
    assert_contains(svg, "class=\"so\">1</text>");
    assert_lacks(svg, "class=\"so\">2</text>");
    assert_contains(&list, "<td data-label=\"STT\">2</td>");
}

/// Each place kind lists its records on the page of their tổ dân phố.
#[test]
fn places_are_listed_on_the_page_of_their_to_dan_pho() {
    let site = Site::fixture("places");
    site.build("2026-03-15");
    let five = site.read("public/to-dan-pho/so-5/index.html");
    assert_contains(&five, "Đội dân phòng (1)</h2>");
    assert_contains(
        &five,
        "<a href=\"https://thu.example/doi-dan-phong/ddp-5/\">Đội dân phòng thử tổ dân phố số 5</a><br><span class=\"meta\">Không hoạt động</span>",
    );
    assert_contains(
        &five,
        "<a href=\"https://thu.example/diem-chua-chay/dcc-a/\">Điểm chữa cháy thử A</a><br><span class=\"meta\">Sẵn sàng sử dụng</span>",
    );
    let three = site.read("public/to-dan-pho/so-3/index.html");
    assert_contains(
        &three,
        "<a href=\"https://thu.example/to-lien-gia/tlg-a/\">Tổ liên gia thử A</a>",
    );
}
