//! The overview map read back: projection order, numbers, links, escaping, outline errors.

use super::super::svg::read_back::{Element, elements};
use super::*;

fn point(lat: f64, lon: f64, label: &str) -> MapPoint<'_> {
    MapPoint { lat, lon, label, href: None, symbol: Symbol::Circle }
}

/// The (x, y) of each marker, by its number.
fn markers(all: &[Element]) -> Vec<(String, f64, f64)> {
    all.iter()
        .filter(|e| e.class() == "diem")
        .map(|e| {
            let t = e.attr("transform").trim_start_matches("translate(").trim_end_matches(')');
            let (x, y) = t.split_once(',').unwrap();
            (e.attr("data-so").to_string(), x.parse().unwrap(), y.parse().unwrap())
        })
        .collect()
}

#[test]
fn longitude_is_x_and_latitude_is_y_upward() {
    let points = [
        point(20.990, 105.810, "giữa"),
        point(20.990, 105.820, "phía đông"),
        point(21.000, 105.810, "phía bắc"),
    ];
    let all = elements(&overview("m", "Bản đồ", &points, None));
    let m = markers(&all);
    assert_eq!(m.iter().map(|(n, ..)| n.as_str()).collect::<Vec<_>>(), ["1", "2", "3"]);
    let (centre, east, north) = (&m[0], &m[1], &m[2]);
    assert!(east.1 > centre.1 && (east.2 - centre.2).abs() < 0.1, "east is right: {m:?}");
    assert!(north.2 < centre.2 && (north.1 - centre.1).abs() < 0.1, "north is up: {m:?}");
    // cos(20.99°) = 0.934: 0.01° of longitude is drawn 0.934 times as long as 0.01° of latitude.
    let ratio = (east.1 - centre.1) / (centre.2 - north.2);
    assert!((ratio - 20.99f64.to_radians().cos()).abs() < 0.01, "{ratio}");
}

#[test]
fn everything_fits_inside_the_view_box() {
    let points =
        [point(20.985, 105.805, "a"), point(20.995, 105.815, "b"), point(20.99, 105.83, "c")];
    let markup = overview("m", "Bản đồ", &points, None);
    let all = elements(&markup);
    let view: Vec<f64> = all[0].attr("viewBox").split(' ').map(|v| v.parse().unwrap()).collect();
    for (n, x, y) in markers(&all) {
        assert!(
            x - 16.0 >= 0.0 && x + 16.0 <= view[2] && y - 16.0 >= 0.0 && y + 16.0 <= view[3],
            "{n} at {x},{y}"
        );
    }
    assert!(!markup.contains("style"));
}

#[test]
fn markers_on_the_same_spot_are_moved_apart_and_keep_their_numbers() {
    let points =
        [point(20.99, 105.81, "a"), point(20.99, 105.81, "b"), point(20.99, 105.8101, "c")];
    let markup = overview("m", "Bản đồ", &points, None);
    // Two moved: two lines back to their places, both drawn before (under) the first marker.
    assert_eq!(markup.matches("<line").count(), 2);
    assert!(markup.rfind("<line").unwrap() < markup.find("class=\"diem\"").unwrap());
    let m = markers(&elements(&markup));
    assert_eq!(m.len(), 3);
    for (i, a) in m.iter().enumerate() {
        for b in &m[i + 1..] {
            assert!((a.1 - b.1).abs() >= 32.0 || (a.2 - b.2).abs() >= 32.0, "{a:?} on {b:?}");
        }
    }
}

#[test]
fn a_point_without_valid_coordinates_is_skipped_but_keeps_the_numbering() {
    let points =
        [point(20.99, 105.81, "a"), point(f64::NAN, 105.81, "b"), point(20.991, 105.812, "c")];
    let m = markers(&elements(&overview("m", "Bản đồ", &points, None)));
    assert_eq!(m.iter().map(|(n, ..)| n.as_str()).collect::<Vec<_>>(), ["1", "3"]);
}

#[test]
fn links_labels_and_roles() {
    let linked = [MapPoint {
        href: Some("/diem-chua-chay/a/?x=1&y=2"),
        ..point(20.99, 105.81, "Điểm \"A\" <1>")
    }];
    let all = elements(&overview("dd", "Các điểm & tổ", &linked, None));
    assert_eq!(all[0].attr("role"), "group");
    assert_eq!(all[0].attr("aria-labelledby"), "dd-tieu-de");
    assert_eq!(all.iter().find(|e| e.name == "title").unwrap().text, "Các điểm & tổ");
    let a = all.iter().find(|e| e.name == "a").unwrap();
    assert_eq!(a.attr("href"), "/diem-chua-chay/a/?x=1&y=2");
    assert_eq!(a.attr("aria-label"), "1. Điểm \"A\" <1>");
    let number = all.iter().find(|e| e.class() == "so").unwrap();
    assert_eq!(number.text, "1");
    let plain = elements(&overview("dd", "X", &[point(20.99, 105.81, "a")], None));
    assert_eq!(plain[0].attr("role"), "img");
    assert!(!plain.iter().any(|e| e.name == "a"));
}

#[test]
fn north_arrow_and_a_round_scale_bar() {
    // North-west and south-east: the north-east corner is the arrow's.
    let points = [point(20.995, 105.805, "a"), point(20.985, 105.815, "b")];
    let all = elements(&overview("m", "Bản đồ", &points, None));
    assert_eq!(all.iter().find(|e| e.class() == "nhan-bac").unwrap().text, "B");
    let label = &all.iter().find(|e| e.class() == "nhan-ti-le").unwrap().text;
    // 0.01° of longitude at 20.99° N is 1,038 m over 312 units: a quarter of the width (90
    // units) is 300 m, rounded down to 200 m.
    assert_eq!(label, "200 m");
    let bar = all.iter().find(|e| e.name == "path" && e.parents.len() == 2).unwrap();
    let d = bar.attr("d");
    let (start, end): (f64, f64) = (
        d[1..d.find(',').unwrap()].parse().unwrap(),
        d[d.find('H').unwrap() + 1..d.rfind('V').unwrap()].parse().unwrap(),
    );
    let m = markers(&all);
    let metres_per_unit =
        0.01f64.to_radians() * 6_371_008.8 * 20.99f64.to_radians().cos() / (m[1].1 - m[0].1);
    assert!(
        ((end - start) * metres_per_unit - 200.0).abs() < 2.0,
        "{}",
        (end - start) * metres_per_unit
    );
}

const WARD: &str = r#"{"type":"Feature","properties":{"ten":"Khương Đình"},"geometry":{"type":"Polygon",
  "coordinates":[[[105.80,20.98],[105.82,20.98],[105.82,21.00],[105.80,21.00],[105.80,20.98]]]}}"#;

#[test]
fn the_outline_is_read_and_drawn_under_the_points() {
    let outline = read_outline(WARD).unwrap();
    assert_eq!(outline.rings.len(), 1);
    assert_eq!(outline.rings[0][1], (105.82, 20.98));
    let markup = overview("m", "Bản đồ", &[point(20.99, 105.81, "a")], Some(&outline));
    let all = elements(&markup);
    let path = all.iter().find(|e| e.class() == "ranh-gioi").unwrap();
    let d = path.attr("d");
    assert!(d.starts_with('M') && d.ends_with('Z'));
    // The point in the middle of the square is drawn in the middle of the outline's box.
    let xs: Vec<f64> = d
        .trim_end_matches('Z')
        .split(['M', 'L'])
        .filter(|s| !s.is_empty())
        .map(|p| p.split(',').next().unwrap().parse().unwrap())
        .collect();
    let middle = (xs.iter().cloned().fold(f64::MAX, f64::min)
        + xs.iter().cloned().fold(f64::MIN, f64::max))
        / 2.0;
    assert!((markers(&all)[0].1 - middle).abs() < 0.2);
    let outline_at = markup.find("ranh-gioi").unwrap();
    assert!(
        outline_at < markup.find("dia-diem").unwrap(),
        "the outline is drawn first, under the points"
    );
}

#[test]
fn points_inside_the_outline_and_its_holes() {
    let square = read_outline(WARD).unwrap();
    assert!(square.contains(105.81, 20.99));
    assert!(!square.contains(105.83, 20.99) && !square.contains(105.81, 21.01));
    let holed = r#"{"type":"Polygon","coordinates":[[[0,0],[4,0],[4,4],[0,4],[0,0]],[[1,1],[3,1],[3,3],[1,3],[1,1]]]}"#;
    let holed = read_outline(holed).unwrap();
    assert!(holed.contains(0.5, 0.5) && !holed.contains(2.0, 2.0));
}

#[test]
fn a_multipolygon_and_a_feature_collection_are_read() {
    let multi = r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,2]]]]}"#;
    assert_eq!(read_outline(multi).unwrap().rings.len(), 2);
    let collection = format!(r#"{{"type":"FeatureCollection","features":[{WARD},{WARD}]}}"#);
    assert_eq!(read_outline(&collection).unwrap().rings.len(), 2);
}

#[test]
fn outline_errors_say_what_is_wrong_in_vietnamese() {
    for (geojson, message) in [
        (
            r#"{"type":"Polygon","coordinates":[[[105.8,20.9],[105.9,20.9],[105.9,21.0]]]}"#,
            "một vòng chỉ có 3 toạ độ: vòng khép kín cần ít nhất 4, toạ độ cuối trùng toạ độ đầu",
        ),
        (
            r#"{"type":"Point","coordinates":[105.8,20.9]}"#,
            "ranh giới phải là `Polygon` hoặc `MultiPolygon`, không phải `Point`",
        ),
        (
            r#"{"coordinates":[]}"#,
            "GeoJSON thiếu `type`: viết `\"type\": \"Polygon\"` hoặc `\"MultiPolygon\"`",
        ),
        (
            r#"{"type":"Polygon","coordinates":[[[20.98,105.8],[20.99,105.8],[20.99,105.81],[20.98,105.8]]]}"#,
            "toạ độ [20.98, 105.8]: vĩ độ 105.8 nằm ngoài −90..90; có lẽ đã viết vĩ độ trước, \
             GeoJSON viết kinh độ trước: [105.8, 20.98]",
        ),
        (
            r#"{"type":"Polygon","coordinates":[[[105.8,20.9],[105.9,20.9],[105.8,20.9]]]}"#,
            "một vòng chỉ có 3 toạ độ: vòng khép kín cần ít nhất 4, toạ độ cuối trùng toạ độ đầu",
        ),
        (
            r#"{"type":"Polygon","coordinates":[[["a","b"]]]}"#,
            "toạ độ `[\"a\",\"b\"]` phải là hai số [kinh độ, vĩ độ]",
        ),
        (
            r#"{"type":"FeatureCollection","features":[]}"#,
            "GeoJSON không có vùng nào: cần một `Polygon` hoặc `MultiPolygon`",
        ),
        (r#"{"type":"Feature","geometry":null}"#, "một `Feature` không có `geometry`"),
        (
            r#"{"type":"MultiPolygon","coordinates":[[[[0,0],[1,0],[1,1],[0,0]]],[[[2,2],[3,2],[3,3],[2,3]]]]}"#,
            "vòng thứ 2 chưa khép kín: toạ độ cuối [2, 3] phải trùng toạ độ đầu [2, 2]",
        ),
    ] {
        let error = read_outline(geojson).unwrap_err();
        assert_eq!((error.message.as_str(), error.line_col), (message, None), "{geojson}");
    }
}

#[test]
fn a_json_syntax_error_says_where() {
    let error =
        read_outline("{\"type\":\"Polygon\",\n \"coordinates\":[[[105.8,20.9],[105.9,20.9]")
            .unwrap_err();
    assert_eq!(
        error,
        OutlineError {
            message: "tệp không phải JSON hợp lệ: tệp kết thúc giữa chừng, thiếu `]` hoặc `}`"
                .to_string(),
            line_col: Some((2, 42)),
        }
    );
    // Columns count characters: "Đình" is 4 of them, 6 bytes.
    let error =
        read_outline("{\"ten\": \"Đình\", \"type\": \"Polygon\" \"coordinates\": []}").unwrap_err();
    assert_eq!(error.line_col, Some((1, 35)));
    assert_eq!(
        error.message,
        "tệp không phải JSON hợp lệ: sai cú pháp JSON (thiếu hoặc thừa dấu phẩy, ngoặc hay dấu nháy)"
    );
}

#[test]
fn no_points_and_no_outline_says_so() {
    let all = elements(&overview("m", "Bản đồ", &[], None));
    assert_eq!(all[0].attr("role"), "img");
    assert_eq!(
        all.iter().find(|e| e.class() == "nhan-trong").unwrap().text,
        "Chưa có địa điểm nào có toạ độ"
    );
}
