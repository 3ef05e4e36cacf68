//! A sample page of the charts and the overview map of `pccc::chart`, with the theme's CSS, for
//! looking at and for the browser test (`tests/browser/charts.test.js`): charts the ward's
//! data does not have (counts in the millions, one point by the target, no point at all) and a
//! map over an outline, beside the site's own indicator pages.
//!
//! ```sh
//! cargo run --example bieu_do_mau            # writes target/bieu-do-mau/index.html
//! ```
//!
//! It prints the size of each chart's markup, for comparing with
//! `bench/plotters_bieu_do` (the first chart drawn with plotters).
//!
//! The figures are sample data (marked so on the page), the places fictitious, the outline a
//! rough rectangle around the ward, not its real boundary.

use std::path::Path;
use std::process::ExitCode;

use jiff::civil::{Date, date};
use pccc::chart::map::{MapPoint, Symbol, overview, read_outline};
use pccc::chart::{Band, LineChart, Point, Unit, line_chart};

fn monthly(start: Date, values: &[f64]) -> Vec<Point> {
    values
        .iter()
        .enumerate()
        .map(|(i, v)| Point {
            date: start.saturating_add(jiff::Span::new().months(i as i64)).last_of_month(),
            value: *v,
        })
        .collect()
}

/// Each chart with the heading and the caption a page would give it.
fn charts() -> Vec<(String, String)> {
    let devices = monthly(
        date(2025, 10, 1),
        &[0.0, 3.2, 8.5, 12.0, 17.11, 21.4, 26.0, 30.5, 36.2, 41.0, 44.8, 50.3, 55.0, 61.7],
    );
    let from = Point { date: date(2025, 10, 1), value: 0.0 };
    let full = LineChart {
        target: Some(Point { date: date(2027, 7, 1), value: 100.0 }),
        baseline: Some(from),
        band: Some(Band { from, low_per_month: 5.0, high_per_month: 8.0 }),
        ..LineChart::new(
            "thiet-bi",
            "Cơ sở có thiết bị truyền tin báo cháy (số liệu mẫu)",
            "Số liệu mẫu. Mới nhất 61,7 % (tháng 11/2026); mục tiêu 100 % trước 01/07/2027; \
             chậm tiến độ.",
            Unit::Percent,
            &devices,
        )
    };
    let checks = monthly(date(2026, 1, 1), &[1_200.0, 45_800.0, 230_000.0, 1_234_567.0]);
    let count = LineChart::new(
        "luot",
        "Lượt kiểm tra (số liệu mẫu)",
        "Số liệu mẫu. Mới nhất 1.234.567 lượt (tháng 4/2026).",
        Unit::Count,
        &checks,
    );
    let near = [Point { date: date(2026, 10, 31), value: 99.5 }];
    let near_target = LineChart {
        target: Some(Point { date: date(2026, 12, 31), value: 100.0 }),
        ..LineChart::new(
            "gan",
            "Một điểm sát mục tiêu (mẫu)",
            "Số liệu mẫu. 99,5 %.",
            Unit::Percent,
            &near,
        )
    };
    let none = LineChart {
        target: Some(Point { date: date(2027, 7, 1), value: 100.0 }),
        ..LineChart::new("trong", "Chưa có số liệu (mẫu)", "Chưa có số liệu.", Unit::Percent, &[])
    };
    [full, count, near_target, none].iter().map(|c| (c.title.to_string(), line_chart(c))).collect()
}

const OUTLINE: &str = r#"{"type":"Polygon","coordinates":[[[105.806,20.9905],[105.8215,20.9905],
  [105.8215,21.0005],[105.806,21.0005],[105.806,20.9905]]]}"#;

fn map() -> Result<String, String> {
    let outline = read_outline(OUTLINE).map_err(|e| e.message)?;
    let places = [
        (20.9951, 105.8102, "Điểm chữa cháy công cộng mẫu A", Symbol::Circle),
        (20.9953, 105.8104, "Điểm chữa cháy công cộng mẫu B", Symbol::Circle),
        (20.9932, 105.8150, "Tổ liên gia mẫu số 1", Symbol::Square),
        (20.9978, 105.8181, "Ngõ sâu mẫu (xe chữa cháy không vào được)", Symbol::Triangle),
        (20.9921, 105.8199, "Trụ nước mẫu", Symbol::Diamond),
    ];
    let points: Vec<MapPoint<'_>> = places
        .iter()
        .map(|&(lat, lon, label, symbol)| MapPoint {
            lat,
            lon,
            label,
            href: Some("#danh-sach"),
            symbol,
        })
        .collect();
    let list: String = places.iter().map(|p| format!("<li>{}</li>", p.2)).collect();
    Ok(format!(
        "{}<ol id=\"danh-sach\">{list}</ol>",
        overview("ban-do", "Bản đồ các địa điểm mẫu", &points, Some(&outline))
    ))
}

fn page() -> Result<String, String> {
    let charts: String = charts()
        .into_iter()
        .map(|(title, svg)| {
            println!("{} bytes: {title}", svg.len());
            format!("<section><h2>{}</h2>{svg}</section>", pccc::markdown::escape_html(&title))
        })
        .collect();
    Ok(format!(
        "<!doctype html>\n<html lang=\"vi\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Biểu đồ và bản đồ mẫu</title><link rel=\"stylesheet\" href=\"style.css\"></head>\
         <body><main id=\"noi-dung\"><h1>Biểu đồ và bản đồ mẫu</h1>\
         <p>Trang mẫu của pccc: số liệu và địa điểm đều là mẫu, không phải số liệu thật.</p>\
         {charts}<section><h2>Bản đồ</h2>{}</section></main></body></html>\n",
        map()?
    ))
}

fn main() -> ExitCode {
    let out = Path::new(env!("CARGO_MANIFEST_DIR")).join("target").join("bieu-do-mau");
    let css = Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/mac-dinh/static/style.css");
    let written = page().and_then(|html| {
        std::fs::create_dir_all(&out).map_err(|e| format!("{}: {e}", out.display()))?;
        std::fs::copy(&css, out.join("style.css"))
            .map_err(|e| format!("{}: {e}", css.display()))?;
        std::fs::write(out.join("index.html"), html).map_err(|e| format!("{}: {e}", out.display()))
    });
    match written {
        Ok(()) => {
            println!("{}", out.join("index.html").display());
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("lỗi: {e}");
            ExitCode::FAILURE
        }
    }
}
