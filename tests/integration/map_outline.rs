//! The ward's outline under the overview maps (issue 16, point 4): `[map] outline` in
//! `site.toml` names a GeoJSON file of the site; every overview map of places draws it inside
//! its frame, under the same markers; every mistake with the file or the setting has its exact
//! report. The outline used is a fixture (`tests/fixtures/outline/`), not the ward's boundary.

use std::path::Path;

use crate::support::{Site, assert_contains, assert_lacks};

const AS_OF: &str = "2026-03-15";

/// The list pages of the five place kinds, each with an overview map.
const MAPS: [&str; 5] = [
    "public/to-lien-gia/index.html",
    "public/diem-chua-chay/index.html",
    "public/doi-dan-phong/index.html",
    "public/tiep-can/index.html",
    "public/nguon-nuoc/index.html",
];

/// A site with every place kind: the `places` fixture and the access problems and water
/// sources of the `tiep-can` fixture.
fn every_place_kind() -> Site {
    let site = Site::fixture("places");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for dir in ["content/tiep-can", "content/nguon-nuoc"] {
        for entry in std::fs::read_dir(fixtures.join("tiep-can").join(dir)).unwrap() {
            let entry = entry.unwrap();
            let bytes = std::fs::read(entry.path()).unwrap();
            site.write(&format!("{dir}/{}", entry.file_name().to_string_lossy()), bytes);
        }
    }
    site
}

/// `site` with the fixture outline at `du-lieu/ranh-gioi-thu.geojson` and the setting naming it.
fn with_outline(site: &Site) {
    let fixture =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/outline/ranh-gioi-thu.geojson");
    site.write("du-lieu/ranh-gioi-thu.geojson", std::fs::read(fixture).unwrap());
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        format!("{toml}\n[map]\noutline = \"du-lieu/ranh-gioi-thu.geojson\"\n"),
    );
}

/// What a map draws: its viewBox size, the outline's vertices (none without one) and the
/// markers' numbers and places.
#[derive(Debug, PartialEq)]
struct Drawn {
    size: (f64, f64),
    outline: Vec<(f64, f64)>,
    markers: Vec<(String, f64, f64)>,
}

fn drawn(page: &str) -> Drawn {
    use quick_xml::events::Event;
    let start = page.find("<svg").expect("a map");
    let end = page[start..].find("</svg>").unwrap() + start + "</svg>".len();
    let mut reader = quick_xml::Reader::from_str(&page[start..end]);
    let mut map = Drawn { size: (0.0, 0.0), outline: Vec::new(), markers: Vec::new() };
    loop {
        match reader.read_event().expect("well-formed SVG") {
            Event::Eof => break,
            Event::Empty(e) | Event::Start(e) => {
                let attr = |name: &str| -> String {
                    e.attributes()
                        .flatten()
                        .find(|a| a.key.as_ref() == name)
                        .map(|a| a.value.to_string())
                        .unwrap_or_default()
                };
                let pair = |text: &str| -> (f64, f64) {
                    let (x, y) = text.split_once(',').unwrap();
                    (x.parse().unwrap(), y.parse().unwrap())
                };
                match (e.name().as_ref(), attr("class").as_str()) {
                    ("svg", _) => {
                        let v: Vec<f64> =
                            attr("viewBox").split(' ').map(|n| n.parse().unwrap()).collect();
                        map.size = (v[2], v[3]);
                    }
                    ("path", "ranh-gioi") => {
                        let d = attr("d");
                        map.outline =
                            d.split(['M', 'L', 'Z']).filter(|p| !p.is_empty()).map(pair).collect();
                    }
                    ("g", "diem") => {
                        let t = attr("transform");
                        let (x, y) = pair(t.trim_start_matches("translate(").trim_end_matches(')'));
                        map.markers.push((attr("data-so"), x, y));
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    map
}

/// Whether (x, y) is inside the polygon `ring` (even-odd rule).
fn inside(ring: &[(f64, f64)], (x, y): (f64, f64)) -> bool {
    let mut inside = false;
    for (i, &(x1, y1)) in ring.iter().enumerate() {
        let (x2, y2) = ring[(i + 1) % ring.len()];
        if (y1 > y) != (y2 > y) && x < x1 + (y - y1) * (x2 - x1) / (y2 - y1) {
            inside = !inside;
        }
    }
    inside
}

#[test]
fn every_overview_map_draws_the_outline_inside_its_frame_under_the_same_points() {
    let site = every_place_kind();
    site.build(AS_OF);
    let before: Vec<Drawn> = MAPS.iter().map(|page| drawn(&site.read(page))).collect();
    for map in &before {
        assert!(map.outline.is_empty(), "no outline without the setting: {map:?}");
    }
    with_outline(&site);
    let run = site.build(AS_OF);
    assert_lacks(&run.stderr, "ranh giới");
    let mut markers = 0;
    for (page, before) in MAPS.iter().zip(&before) {
        let map = drawn(&site.read(page));
        // The fixture's five corners, the first repeated to close the ring.
        assert_eq!(map.outline.len(), 6, "{page}: {map:?}");
        let (w, h) = map.size;
        for &(x, y) in &map.outline {
            assert!((0.0..=w).contains(&x) && (0.0..=h).contains(&y), "{page}: {x},{y} in {w}×{h}");
        }
        // West is left, north is up: the fixture's westmost corner (105.803) is the leftmost
        // vertex, its northmost (21.003) the topmost.
        let left = map.outline.iter().cloned().fold(f64::MAX, |a, p| a.min(p.0));
        let top = map.outline.iter().cloned().fold(f64::MAX, |a, p| a.min(p.1));
        assert_eq!((map.outline[4].0, map.outline[3].1), (left, top), "{page}: {map:?}");
        // The same markers, numbered alike; each fixture place lies inside the fixture outline.
        let numbers = |m: &Drawn| m.markers.iter().map(|(n, ..)| n.clone()).collect::<Vec<_>>();
        assert_eq!(numbers(&map), numbers(before), "{page}");
        for (n, x, y) in &map.markers {
            assert!(inside(&map.outline, (*x, *y)), "{page}: marker {n} at {x},{y} outside");
            assert!(*x - 16.0 >= 0.0 && *x + 16.0 <= w && *y - 16.0 >= 0.0 && *y + 16.0 <= h);
        }
        markers += map.markers.len();
    }
    assert!(markers >= 4, "the fixtures place points on the maps: {markers}");
}

#[test]
fn without_the_setting_the_file_is_not_read_and_nothing_is_drawn() {
    let site = every_place_kind();
    site.build(AS_OF);
    let before = site.snapshot("public");
    // A broken file no setting names changes nothing.
    site.write("du-lieu/ranh-gioi-thu.geojson", "không phải JSON");
    site.build(AS_OF);
    assert!(before == site.snapshot("public"), "the output changed");
    for page in MAPS {
        assert_lacks(&site.read(page), "ranh-gioi");
    }
}

/// The report of a build of `every_place_kind` with the outline, after `mistake`.
fn fails_with(mistake: impl FnOnce(&Site), expected: &str) {
    let site = every_place_kind();
    with_outline(&site);
    site.fails_with(AS_OF, mistake, expected);
}

const HELP: &str = "  = gợi ý: tệp ranh giới là GeoJSON (RFC 7946) có một `Polygon` hoặc \
    `MultiPolygon` (để trần, hoặc trong một `Feature` hay `FeatureCollection`), mỗi toạ độ viết \
    [kinh độ, vĩ độ], mỗi vòng khép kín (toạ độ cuối trùng toạ độ đầu); có thể xuất ranh giới \
    phường từ OpenStreetMap rồi đối chiếu với bản đồ địa giới chính thức\n";

/// The report of an outline whose GeoJSON is wrong without a position.
fn in_the_file(message: &str) -> String {
    format!(
        "lỗi: {message}\n--> du-lieu/ranh-gioi-thu.geojson\n{}{}\nKhông dựng được trang: 1 lỗi.\n",
        &HELP[1..],
        " = ghi chú: tệp này là ranh giới trên bản đồ, đặt ở site.toml dòng 13\n"
    )
}

fn geojson(site: &Site, text: &str) {
    site.write("du-lieu/ranh-gioi-thu.geojson", text);
}

#[test]
fn a_missing_file_is_placed_on_the_setting() {
    fails_with(
        |site| site.remove("du-lieu/ranh-gioi-thu.geojson"),
        "lỗi: không tìm thấy tệp ranh giới `du-lieu/ranh-gioi-thu.geojson`
  --> site.toml:13:11
   |
13 | outline = \"du-lieu/ranh-gioi-thu.geojson\"
   |           ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
   |
   = gợi ý: đặt tệp GeoJSON ranh giới phường vào đường dẫn này (tính từ thư mục có site.toml), hoặc xoá dòng `outline` để vẽ bản đồ không có ranh giới

Không dựng được trang: 1 lỗi.
",
    );
}

#[test]
fn a_path_out_of_the_site_into_the_output_or_with_backslashes_is_refused() {
    let path_help = "   = gợi ý: ghi đường dẫn tính từ thư mục của trang (nơi có site.toml), ngăn \
                     cách bằng dấu /, ví dụ: outline = \"du-lieu/ranh-gioi.geojson\"\n";
    for (written, message, help) in [
        (
            "../ranh-gioi.geojson",
            "tệp ranh giới `../ranh-gioi.geojson` nằm ngoài thư mục của trang",
            path_help,
        ),
        (
            "/etc/ranh-gioi.geojson",
            "tệp ranh giới `/etc/ranh-gioi.geojson` nằm ngoài thư mục của trang",
            path_help,
        ),
        (
            "du-lieu\\\\ranh-gioi-thu.geojson",
            "đường dẫn `du-lieu\\ranh-gioi-thu.geojson` dùng dấu \\ (kiểu Windows): hãy dùng dấu /",
            path_help,
        ),
        (
            "public/ranh-gioi.geojson",
            "tệp ranh giới `public/ranh-gioi.geojson` nằm trong thư mục xuất `public`, nơi mỗi lần \
             dựng trang bị thay mới",
            "   = gợi ý: để tệp ở một thư mục khác của trang, ví dụ: outline = \"du-lieu/ranh-gioi.geojson\"\n",
        ),
    ] {
        let value = format!("\"{written}\"");
        let expected = format!(
            "lỗi: {message}\n  --> site.toml:13:11\n   |\n13 | outline = {value}\n   |           {}\n   |\n{help}\nKhông dựng được trang: 1 lỗi.\n",
            "^".repeat(value.chars().count())
        );
        fails_with(
            |site| {
                site.edit("site.toml", "\"du-lieu/ranh-gioi-thu.geojson\"", &value);
            },
            &expected,
        );
    }
}

#[test]
fn a_json_syntax_error_is_placed_in_the_file() {
    fails_with(
        |site| geojson(site, "{\"type\": \"Polygon\",\n \"coordinates\": [[[105.805, 20.987] [105.822, 20.988]]]}\n"),
        &format!(
            "lỗi: tệp không phải JSON hợp lệ: sai cú pháp JSON (thiếu hoặc thừa dấu phẩy, ngoặc hay dấu nháy)
 --> du-lieu/ranh-gioi-thu.geojson:2:37
  |
2 |  \"coordinates\": [[[105.805, 20.987] [105.822, 20.988]]]}}
  |                                     ^
  |
{HELP}  = ghi chú: tệp này là ranh giới trên bản đồ, đặt ở site.toml dòng 13

Không dựng được trang: 1 lỗi.
"
        ),
    );
}

#[test]
fn geojson_that_is_not_a_closed_polygon_in_longitude_latitude_is_refused() {
    for (text, message) in [
        (
            r#"{"type": "Feature", "properties": {}, "geometry": {"type": "Point", "coordinates": [105.81, 20.99]}}"#,
            "ranh giới phải là `Polygon` hoặc `MultiPolygon`, không phải `Point`",
        ),
        (
            r#"{"type": "Polygon", "coordinates": [[[20.987, 105.805], [20.988, 105.822], [21.001, 105.823], [20.987, 105.805]]]}"#,
            "toạ độ [20.987, 105.805]: vĩ độ 105.805 nằm ngoài −90..90; có lẽ đã viết vĩ độ \
             trước, GeoJSON viết kinh độ trước: [105.805, 20.987]",
        ),
        (
            r#"{"type": "Polygon", "coordinates": [[[105.805, 20.987], [105.822, 20.988], [105.823, 21.001], [105.812, 21.003]]]}"#,
            "vòng thứ 1 chưa khép kín: toạ độ cuối [105.812, 21.003] phải trùng toạ độ đầu \
             [105.805, 20.987]",
        ),
        (
            r#"{"type": "FeatureCollection", "features": []}"#,
            "GeoJSON không có vùng nào: cần một `Polygon` hoặc `MultiPolygon`",
        ),
        (
            r#"{"coordinates": [[[105.805, 20.987], [105.822, 20.988], [105.823, 21.001], [105.805, 20.987]]]}"#,
            "GeoJSON thiếu `type`: viết `\"type\": \"Polygon\"` hoặc `\"MultiPolygon\"`",
        ),
    ] {
        fails_with(|site| geojson(site, text), &in_the_file(message));
    }
}

#[test]
fn an_unknown_key_of_map_is_named() {
    fails_with(
        |site| site.edit("site.toml", "[map]\n", "[map]\nduong_vien = 1\n"),
        "lỗi: trường `duong_vien` không dùng được ở đây
  --> site.toml:13:1
   |
13 | duong_vien = 1
   | ^^^^^^^^^^
   |
   = gợi ý: các trường dùng được: outline

Không dựng được trang: 1 lỗi.
",
    );
}

#[test]
fn an_outline_that_leaves_out_most_places_is_a_warning() {
    let site = every_place_kind();
    with_outline(&site);
    // A corner of the ward, south-west: one place of seven inside.
    geojson(
        &site,
        r#"{"type": "Polygon", "coordinates": [[[105.800, 20.985], [105.8135, 20.985],
            [105.8135, 20.990], [105.800, 20.990], [105.800, 20.985]]]}"#,
    );
    let run = site.build(AS_OF);
    assert_contains(
        &run.stderr,
        "cảnh báo: 6 trong 7 địa điểm có toạ độ nằm ngoài ranh giới trong tệp này
--> du-lieu/ranh-gioi-thu.geojson
 = gợi ý: kiểm tra tệp có đúng là ranh giới của phường không (mỗi toạ độ viết [kinh độ, vĩ độ]), rồi kiểm tra `geo` của các địa điểm nằm ngoài
 = ghi chú: ví dụ: content/diem-chua-chay/dcc-a.yaml, content/doi-dan-phong/ddp-5.yaml, content/nguon-nuoc/nn-a.yaml, …
",
    );
    // Half inside is not "most outside": no warning.
    geojson(
        &site,
        r#"{"type": "Polygon", "coordinates": [[[105.800, 20.985], [105.8165, 20.985],
            [105.8165, 20.9935], [105.800, 20.9935], [105.800, 20.985]]]}"#,
    );
    assert_lacks(&site.build(AS_OF).stderr, "ngoài ranh giới");
}
