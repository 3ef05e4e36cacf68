//! The line chart read back with an XML parser: dots map back to the series through the axes'
//! own labels, labels are in the Vietnamese form, never overlap, and every text is escaped.

use super::svg::read_back::{Element, elements};
use super::svg::{Anchor, Rect};
use super::*;
use jiff::civil::date;

/// Fourteen monthly values of the transmission-device indicator (sample figures).
fn monthly() -> Vec<Point> {
    let values = [0.0, 3.2, 8.5, 12.0, 17.11, 21.4, 26.0, 30.5, 36.2, 41.0, 44.8, 50.3, 55.0, 61.7];
    values
        .iter()
        .enumerate()
        .map(|(i, v)| {
            let month = date(2025, 6, 1).checked_add(jiff::Span::new().months(i as i64)).unwrap();
            Point { date: month.last_of_month(), value: *v }
        })
        .collect()
}

fn full(points: &[Point]) -> LineChart<'_> {
    LineChart {
        target: Some(Point { date: date(2027, 7, 1), value: 100.0 }),
        baseline: Some(Point { date: date(2025, 6, 1), value: 0.0 }),
        band: Some(Band {
            from: Point { date: date(2025, 6, 1), value: 0.0 },
            low_per_month: 5.0,
            high_per_month: 8.0,
        }),
        ..LineChart::new(
            "thiet-bi",
            "Cơ sở có thiết bị truyền tin",
            "Mới nhất 61,7 %.",
            Unit::Percent,
            points,
        )
    }
}

fn of_class<'e>(all: &'e [Element], class: &str) -> Vec<&'e Element> {
    all.iter().filter(|e| e.class() == class).collect()
}

/// A linear map from two labelled ticks: (position, value) pairs.
fn inverse(a: (f64, f64), b: (f64, f64)) -> impl Fn(f64) -> f64 {
    move |pos| a.1 + (pos - a.0) * (b.1 - a.1) / (b.0 - a.0)
}

/// "3/2026" → days since 1970-01-01 of 2026-03-01.
fn month_label_days(label: &str) -> f64 {
    let (m, y) = label.split_once('/').expect("M/YYYY");
    let first = date(y.parse().unwrap(), m.parse().unwrap(), 1);
    days_between(date(1970, 1, 1), first)
}

/// "17,5 %" or "1.234" → the number.
fn read_number(label: &str) -> f64 {
    label.trim_end_matches(" %").replace('.', "").replace(',', ".").parse().unwrap()
}

#[test]
fn dots_map_back_to_the_values_and_dates_through_the_axis_labels() {
    let points = monthly();
    let all = elements(&line_chart(&full(&points)));
    let ys = of_class(&all, "nhan-y");
    let to_value = inverse(
        (ys[0].num("y") - 5.0, read_number(&ys[0].text)),
        (ys[ys.len() - 1].num("y") - 5.0, read_number(&ys[ys.len() - 1].text)),
    );
    let xs = of_class(&all, "nhan-x");
    let to_day = inverse(
        (xs[0].num("x"), month_label_days(&xs[0].text)),
        (xs[xs.len() - 1].num("x"), month_label_days(&xs[xs.len() - 1].text)),
    );
    let dots = of_class(&all, "diem");
    assert_eq!(dots.len(), points.len());
    for (dot, point) in dots.iter().zip(&points) {
        // One decimal of a unit: 0.1 unit is 0.07 % of the value axis, 0.25 day of the date axis.
        assert!((to_value(dot.num("cy")) - point.value).abs() < 0.1, "{dot:?} {point:?}");
        let day = days_between(date(1970, 1, 1), point.date);
        assert!((to_day(dot.num("cx")) - day).abs() < 0.5, "{dot:?} {point:?}");
    }
}

#[test]
fn labels_are_in_the_vietnamese_form() {
    let points = monthly();
    let all = elements(&line_chart(&full(&points)));
    let texts: Vec<&str> = of_class(&all, "nhan-y").iter().map(|e| e.text.as_str()).collect();
    assert_eq!(texts, ["0 %", "25 %", "50 %", "75 %", "100 %"]);
    let months: Vec<&str> = of_class(&all, "nhan-x").iter().map(|e| e.text.as_str()).collect();
    // June 2025 to July 2027 is 26 months: every sixth, on the half-years.
    assert_eq!(months, ["7/2025", "1/2026", "7/2026", "1/2027", "7/2027"]);
    assert_eq!(of_class(&all, "nhan-moi-nhat")[0].text, "61,7 %");
    assert_eq!(of_class(&all, "nhan-han")[0].text, "Hạn 01/07/2027");
    assert_eq!(of_class(&all, "nhan-muc-tieu")[0].text, "Mục tiêu 100 %");
    let legend: Vec<&str> =
        of_class(&all, "nhan-chu-giai").iter().map(|e| e.text.as_str()).collect();
    assert_eq!(legend, ["Thực tế", "Mục tiêu", "Khoảng dự kiến", "Mốc ban đầu"]);
}

#[test]
fn a_count_with_a_large_range_has_thousands_dots_and_whole_steps() {
    let points = [
        Point { date: date(2026, 1, 31), value: 1200.0 },
        Point { date: date(2026, 2, 28), value: 45_800.0 },
        Point { date: date(2026, 3, 31), value: 1_234_567.0 },
    ];
    let chart = LineChart::new("dem", "Số", "", Unit::Count, &points);
    let all = elements(&line_chart(&chart));
    let ys: Vec<&str> = of_class(&all, "nhan-y").iter().map(|e| e.text.as_str()).collect();
    assert_eq!(ys, ["0", "500.000", "1.000.000", "1.500.000"]);
    assert_eq!(of_class(&all, "nhan-moi-nhat")[0].text, "1.234.567");
    // The widest label still fits left of the plot.
    let widest =
        all.iter().filter(|e| e.class() == "nhan-y").map(|e| e.num("x")).fold(f64::MAX, f64::min);
    assert!(widest - text_width("1.500.000", FONT) >= 0.0);
    assert!((text_width("1.500.000", 1.0) - (7.0 * 0.637 + 2.0 * 0.3179)).abs() < 1e-9);
}

#[test]
fn small_counts_step_by_whole_numbers() {
    let points = [
        Point { date: date(2026, 1, 31), value: 2.0 },
        Point { date: date(2026, 2, 28), value: 3.0 },
    ];
    let all = elements(&line_chart(&LineChart::new("it", "Ít", "", Unit::Count, &points)));
    let ys: Vec<&str> = of_class(&all, "nhan-y").iter().map(|e| e.text.as_str()).collect();
    assert_eq!(ys, ["0", "1", "2", "3"]);
}

#[test]
fn the_svg_is_labelled_by_its_title_and_description() {
    let points = monthly();
    let all = elements(&line_chart(&full(&points)));
    let svg = &all[0];
    assert_eq!(svg.name, "svg");
    assert_eq!(svg.attr("role"), "img");
    assert_eq!(svg.attr("aria-labelledby"), "thiet-bi-tieu-de thiet-bi-mo-ta");
    let title = all.iter().find(|e| e.name == "title").unwrap();
    let desc = all.iter().find(|e| e.name == "desc").unwrap();
    assert_eq!(
        (title.attr("id"), title.text.as_str()),
        ("thiet-bi-tieu-de", "Cơ sở có thiết bị truyền tin")
    );
    assert_eq!((desc.attr("id"), desc.text.as_str()), ("thiet-bi-mo-ta", "Mới nhất 61,7 %."));
    assert!(svg.attr("viewBox").starts_with("0 0 360 "));
}

#[test]
fn no_inline_style_and_every_text_at_least_fourteen_units() {
    let points = monthly();
    let markup = line_chart(&full(&points));
    assert!(!markup.contains("style"), "{markup}");
    for e in elements(&markup).iter().filter(|e| e.name == "text") {
        assert!(e.num("font-size") >= 14.0, "{e:?}");
    }
}

#[test]
fn every_text_put_in_is_escaped() {
    let points = monthly();
    let chart = LineChart {
        id: "a\"b<",
        title: "<script>alert(1)</script> & \"x\"",
        description: "'</desc><g>",
        ..full(&points)
    };
    let markup = line_chart(&chart);
    assert!(!markup.contains("<script>"));
    let all = elements(&markup);
    assert_eq!(
        all.iter().find(|e| e.name == "title").unwrap().text,
        "<script>alert(1)</script> & \"x\""
    );
    assert_eq!(all.iter().find(|e| e.name == "desc").unwrap().text, "'</desc><g>");
    assert_eq!(all[0].attr("aria-labelledby"), "a\"b<-tieu-de a\"b<-mo-ta");
}

fn boxes(all: &[Element]) -> Vec<(String, Rect)> {
    all.iter()
        .filter(|e| e.name == "text")
        .map(|e| {
            let anchor = match e.attr("text-anchor") {
                "middle" => Anchor::Middle,
                "end" => Anchor::End,
                _ => Anchor::Start,
            };
            (
                e.text.clone(),
                Rect::of_text(&e.text, e.num("x"), e.num("y"), e.num("font-size"), anchor),
            )
        })
        .collect()
}

#[test]
fn no_two_labels_overlap_and_all_stay_inside() {
    let points = monthly();
    let long: Vec<Point> = (0..60)
        .map(|i| Point {
            date: date(2022, 1, 31)
                .checked_add(jiff::Span::new().months(i))
                .unwrap()
                .last_of_month(),
            value: i as f64 * 1.6,
        })
        .collect();
    let near_target = [Point { date: date(2027, 6, 30), value: 99.5 }];
    for chart in [full(&points), full(&long), full(&near_target), full(&[])] {
        let markup = line_chart(&chart);
        let labels = boxes(&elements(&markup));
        for (i, (a, ra)) in labels.iter().enumerate() {
            assert!(ra.x >= 0.0 && ra.x + ra.w <= WIDTH, "{a} outside: {ra:?}");
            for (b, rb) in &labels[i + 1..] {
                assert!(!ra.overlaps(rb), "{a} {ra:?} overlaps {b} {rb:?}");
            }
        }
    }
}

#[test]
fn no_points_says_so_and_still_draws_the_target() {
    let all = elements(&line_chart(&full(&[])));
    assert!(of_class(&all, "diem").is_empty());
    assert_eq!(of_class(&all, "nhan-trong")[0].text, "Chưa có số liệu");
    assert_eq!(of_class(&all, "nhan-muc-tieu")[0].text, "Mục tiêu 100 %");
    // Nothing at all with a date: no month axis, the message alone.
    let bare = elements(&line_chart(&LineChart::new("x", "X", "", Unit::Count, &[])));
    assert!(of_class(&bare, "nhan-x").is_empty());
    assert_eq!(of_class(&bare, "nhan-trong")[0].text, "Chưa có số liệu");
}

#[test]
fn one_point_is_a_dot_without_a_line() {
    let points = [Point { date: date(2026, 3, 31), value: 17.11 }];
    let markup = line_chart(&LineChart::new("mot", "Một", "", Unit::Percent, &points));
    let all = elements(&markup);
    assert_eq!(of_class(&all, "diem").len(), 1);
    assert!(!all.iter().any(|e| e.name == "polyline"));
    assert_eq!(of_class(&all, "nhan-moi-nhat")[0].text, "17,11 %");
    let months: Vec<&str> = of_class(&all, "nhan-x").iter().map(|e| e.text.as_str()).collect();
    assert_eq!(months, ["3/2026", "4/2026"]);
}

#[test]
fn all_zero_counts_have_an_axis_from_zero_to_one() {
    let points = [
        Point { date: date(2026, 1, 31), value: 0.0 },
        Point { date: date(2026, 2, 28), value: 0.0 },
    ];
    let all = elements(&line_chart(&LineChart::new("khong", "Không", "", Unit::Count, &points)));
    let ys: Vec<&str> = of_class(&all, "nhan-y").iter().map(|e| e.text.as_str()).collect();
    assert_eq!(ys, ["0", "1"]);
    let dots = of_class(&all, "diem");
    assert!(dots.iter().all(|d| d.num("cy") == TOP + PLOT_HEIGHT));
}

#[test]
fn values_over_the_target_widen_the_axis() {
    let points = [
        Point { date: date(2026, 1, 31), value: 80.0 },
        Point { date: date(2026, 2, 28), value: 130.0 },
    ];
    let chart = LineChart {
        target: Some(Point { date: date(2026, 6, 30), value: 100.0 }),
        ..LineChart::new("vuot", "Vượt", "", Unit::Count, &points)
    };
    let all = elements(&line_chart(&chart));
    let top = of_class(&all, "nhan-y").last().unwrap().text.clone();
    assert!(read_number(&top) >= 130.0, "{top}");
    for dot in of_class(&all, "diem") {
        assert!(dot.num("cy") >= TOP, "{dot:?} above the plot");
    }
}

#[test]
fn a_target_before_the_first_point_starts_the_axis() {
    let points = [
        Point { date: date(2026, 3, 31), value: 40.0 },
        Point { date: date(2026, 4, 30), value: 45.0 },
    ];
    let chart = LineChart {
        target: Some(Point { date: date(2025, 12, 31), value: 100.0 }),
        ..LineChart::new("tre", "Trễ", "", Unit::Percent, &points)
    };
    let all = elements(&line_chart(&chart));
    let deadline =
        all.iter().find(|e| e.name == "line" && e.attr("stroke-dasharray") == "2 3").unwrap();
    let left = all.iter().find(|e| e.name == "line").unwrap().num("x1");
    // The month axis starts on 1 December 2025, the deadline's month: the line is just right of
    // the plot's left edge (30 of 152 days), before the first dot.
    assert!(deadline.num("x1") > left && deadline.num("x1") < of_class(&all, "diem")[0].num("cx"));
    assert_eq!(of_class(&all, "nhan-han")[0].text, "Hạn 31/12/2025");
}

#[test]
fn the_band_runs_between_the_two_paces_and_stops_at_the_target() {
    let from = Point { date: date(2026, 1, 1), value: 10.0 };
    let end = date(2027, 1, 1);
    let high = pace_line(from, 8.0, Some(100.0), end);
    // 10 + 8 × 12.0 months would be 106: held at 100 from the corner on (after 11.25 months).
    assert_eq!(high.len(), 3);
    assert_eq!(high[1].1, 100.0);
    // 90 / 8 × 30.44 days = 342.4 days after 1 January.
    assert_eq!(high[1].0, date(2026, 12, 9));
    assert_eq!(high[2], (end, 100.0));
    let low = pace_line(from, 5.0, Some(100.0), end);
    assert_eq!(low.len(), 2);
    assert!((low[1].1 - 70.0).abs() < 0.1, "{low:?}");
    // A target below the start (fewer violations): the pace goes down and stops there.
    let down = pace_line(Point { date: date(2026, 1, 1), value: 50.0 }, -10.0, Some(20.0), end);
    assert_eq!(down.last().unwrap().1, 20.0);
}

#[test]
fn the_band_is_drawn_under_the_target_line() {
    let points = monthly();
    let all = elements(&line_chart(&full(&points)));
    let polygon = all.iter().find(|e| e.name == "polygon" && e.parents.last().is_some()).unwrap();
    let target_y = all
        .iter()
        .find(|e| e.name == "line" && e.attr("stroke-dasharray") == "8 5")
        .unwrap()
        .num("y1");
    for pair in polygon.attr("points").split(' ') {
        let y: f64 = pair.split(',').nth(1).unwrap().parse().unwrap();
        assert!(y >= target_y - 0.05, "{pair} above the target at {target_y}");
    }
}

#[test]
fn a_fourteen_month_chart_stays_small() {
    let points = monthly();
    let markup = line_chart(&full(&points));
    // 4,793 bytes when written (1,285 gzipped); a page carries it inline: held under 6 KB.
    assert!(markup.len() < 6_000, "{} bytes", markup.len());
}
