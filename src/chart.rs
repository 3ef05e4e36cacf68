//! Charts drawn at build time as SVG, inlined in the page: no JavaScript, no request, printable.
//!
//! [`line_chart`] draws an indicator's series (issue 16, point 2): the actual values as a line
//! with dots, the target as a dashed line, the expected range (a pace such as 5–8 points a month
//! from a start point, capped at the target) as a shaded band, the deadline marked and labelled,
//! axes in the Vietnamese form ("17,11 %", "3/2026", "1.234"). [`map`] draws the overview map of
//! places. Both are leaves: they take values and return markup, and know no content type.
//!
//! **Why a module of our own, not a charting crate.** `plotters` 0.3.7 with only its SVG
//! backend (the best kept of the three looked at; `charming` renders through a JavaScript
//! engine, `poloto` leaves its SVG to CSS, its themes a `<style>` element the site's CSP
//! refuses) was tried on the same 14-month chart (`bench/plotters_bieu_do`): 8,815 bytes (1,165
//! with `gzip -9`) against 4,793 (1,285) here for the first chart of `cargo run --example
//! bieu_do_mau`, so size decides nothing. What decides is what the page needs and
//! plotters does not give: `role="img"` with `aria-labelledby` pointing at `<title>` and
//! `<desc>` (plotters writes neither), labels kept apart at 360 px (its mesh takes a number of
//! labels, not their width, so labels such as "12/2026" can touch on a phone), the deadline's
//! label, numbers with a decimal comma and a thousands dot, a band capped at the target, and
//! `class` hooks for the theme. Each would be post-processing of its output; drawing the few
//! shapes ourselves is about 650 lines beside the tests, and one dependency fewer.
//!
//! Layout: a `viewBox` 360 units wide, scaled to the column by the theme's CSS (`.bieu-do`), so
//! one unit is about one CSS pixel on a phone; text is 14 units, which stays ≥ 12 px down to a
//! 310 px wide column. Colours come from the theme's palette and pass 4.5:1 on white; the
//! series, the target and the band also differ by line style (solid with dots, dashed, shaded
//! with dotted edges), so a grey printout keeps them apart.

pub mod map;
mod svg;

use jiff::civil::Date;
use svg::{Anchor, Rect, coord, escape, number, text, text_width};

/// What the values count.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// A percentage, written 0..=100: `17.11` is 17,11 %.
    Percent,
    /// A number of things (facilities, fires, metres).
    Count,
}

/// One value at one date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    pub date: Date,
    pub value: f64,
}

/// An expected range: from `from`, the value grows by between `low_per_month` and
/// `high_per_month` a month (in the chart's unit: percentage points for [`Unit::Percent`]),
/// never past the target.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Band {
    pub from: Point,
    pub low_per_month: f64,
    pub high_per_month: f64,
}

/// A line chart of one indicator. Build it with [`LineChart::new`] and set the optional parts.
#[derive(Debug, Clone, PartialEq)]
pub struct LineChart<'a> {
    /// Unique in the page: the `id`s of the `<title>` and `<desc>` are made from it.
    pub id: &'a str,
    /// The chart's `<title>`, the indicator's name.
    pub title: &'a str,
    /// The `<desc>`: the latest value, the target and the status, in words (the caller writes
    /// it, since it knows the status).
    pub description: &'a str,
    pub unit: Unit,
    /// The actual values, in date order.
    pub points: &'a [Point],
    /// The target value and its deadline.
    pub target: Option<Point>,
    /// The value the plan started from, drawn as an open circle.
    pub baseline: Option<Point>,
    pub band: Option<Band>,
}

impl<'a> LineChart<'a> {
    /// A chart of `points` with no target, baseline or band.
    pub fn new(
        id: &'a str,
        title: &'a str,
        description: &'a str,
        unit: Unit,
        points: &'a [Point],
    ) -> Self {
        LineChart { id, title, description, unit, points, target: None, baseline: None, band: None }
    }
}

/// Width of the `viewBox`, in user units (about CSS pixels on a phone).
const WIDTH: f64 = 360.0;
/// Text size in user units: ≥ 12 px while the chart is drawn at least 310 px wide.
const FONT: f64 = 14.0;
/// Room above the plot for the deadline's label.
const TOP: f64 = 26.0;
const PLOT_HEIGHT: f64 = 160.0;
/// Room right of the plot for half of the last month's label.
const RIGHT: f64 = 34.0;
/// From the plot's bottom to the baseline of the month labels.
const TICK_LABEL_DROP: f64 = 24.0;
/// Height of a row of the legend.
const LEGEND_ROW: f64 = 24.0;
const DAYS_PER_MONTH: f64 = 365.2425 / 12.0;

// The theme's palette (themes/mac-dinh/static/style.css), each ≥ 4.5:1 on white.
const SERIES: &str = "#0b4f9c";
const TARGET: &str = "#b3261e";
const BAND: &str = "#1d6b35";
const INK: &str = "#1b1b1b";
const MUTED: &str = "#4a4a4a";
const GRID: &str = "#d6d6d2";

/// The chart as an `<svg>` element, to be inlined in the page.
pub fn line_chart(chart: &LineChart<'_>) -> String {
    let frame = Frame::of(chart);
    let mut labels = Labels::default();
    let mut body = String::new();
    body.push_str(&y_axis(&frame, &mut labels));
    body.push_str(&x_axis(&frame, &mut labels));
    if let Some(band) = chart.band {
        body.push_str(&band_area(&frame, band, chart.target));
    }
    if let Some(target) = chart.target {
        body.push_str(&target_marks(&frame, target, &mut labels));
    }
    body.push_str(&series(&frame, chart, &mut labels));
    let (legend, legend_height) = legend(chart, frame.legend_top);
    body.push_str(&legend);
    let height = frame.legend_top + legend_height;
    let id = escape(chart.id);
    format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {} {}\" class=\"bieu-do\" \
         role=\"img\" aria-labelledby=\"{id}-tieu-de {id}-mo-ta\" fill=\"{INK}\">\
         <title id=\"{id}-tieu-de\">{}</title><desc id=\"{id}-mo-ta\">{}</desc>{body}</svg>",
        coord(WIDTH),
        coord(height),
        escape(chart.title),
        escape(chart.description),
    )
}

/// The scales: days and values to user units.
struct Frame {
    unit: Unit,
    /// First and last day shown, as days since the first (first of a month each); `None` when
    /// nothing has a date.
    days: Option<(Date, f64)>,
    lo: f64,
    hi: f64,
    step: f64,
    left: f64,
    right: f64,
    top: f64,
    bottom: f64,
    legend_top: f64,
}

impl Frame {
    fn of(chart: &LineChart<'_>) -> Frame {
        let (lo, hi, step) = value_range(chart);
        let widest = ticks(lo, hi, step)
            .map(|v| text_width(&value_label(chart.unit, v, step_decimals(step)), FONT))
            .fold(0.0, f64::max);
        let left = (widest + 10.0).max(24.0);
        let bottom = TOP + PLOT_HEIGHT;
        Frame {
            unit: chart.unit,
            days: date_range(chart),
            lo,
            hi,
            step,
            left,
            right: WIDTH - RIGHT,
            top: TOP,
            bottom,
            legend_top: bottom + TICK_LABEL_DROP + 16.0,
        }
    }

    fn x(&self, date: Date) -> f64 {
        let Some((start, span)) = self.days else { return self.left };
        self.left + (self.right - self.left) * days_between(start, date) / span
    }

    fn y(&self, value: f64) -> f64 {
        self.bottom - (self.bottom - self.top) * (value - self.lo) / (self.hi - self.lo)
    }

    fn last_date(&self) -> Option<Date> {
        let (start, span) = self.days?;
        start.checked_add(jiff::Span::new().days(span.round() as i64)).ok()
    }
}

fn days_between(from: Date, to: Date) -> f64 {
    to.duration_since(from).as_secs_f64() / 86_400.0
}

/// Every date the chart shows, widened to whole months (at least one).
fn date_range(chart: &LineChart<'_>) -> Option<(Date, f64)> {
    let dates = chart
        .points
        .iter()
        .chain(&chart.target)
        .chain(&chart.baseline)
        .chain(chart.band.as_ref().map(|b| &b.from))
        .map(|p| p.date);
    let first = dates.clone().min()?;
    let last = dates.max()?;
    let start = first.first_of_month();
    let mut end = last.first_of_month();
    if end <= last {
        end = end.checked_add(jiff::Span::new().months(1)).unwrap_or(end);
    }
    Some((start, days_between(start, end)))
}

/// The value axis: from 0 (or the lowest value, if below) to a round number at or above every
/// value, the target and the band; percentages up to 100 at least.
fn value_range(chart: &LineChart<'_>) -> (f64, f64, f64) {
    let values = chart
        .points
        .iter()
        .chain(&chart.target)
        .chain(&chart.baseline)
        .chain(chart.band.as_ref().map(|b| &b.from))
        .map(|p| p.value)
        .filter(|v| v.is_finite());
    let (mut lo, mut hi) = values.fold((0.0_f64, 0.0_f64), |(lo, hi), v| (lo.min(v), hi.max(v)));
    if chart.unit == Unit::Percent {
        hi = hi.max(100.0);
    }
    if hi - lo <= 0.0 {
        hi = lo + 1.0;
    }
    let step = nice_step((hi - lo) / 4.0, chart.unit);
    lo = (lo / step).floor() * step;
    hi = (hi / step).ceil() * step;
    (lo, hi, step)
}

/// 1, 2, 2.5 or 5 times a power of ten, at least `rough`; whole numbers for counts.
fn nice_step(rough: f64, unit: Unit) -> f64 {
    let power = 10f64.powf(rough.log10().floor());
    let step = [1.0, 2.0, 2.5, 5.0, 10.0]
        .iter()
        .map(|m| m * power)
        .find(|s| *s >= rough * 0.999)
        .unwrap_or(10.0 * power);
    match unit {
        Unit::Count if step < 1.0 => 1.0,
        Unit::Count if step.fract() != 0.0 => step * 2.0,
        _ => step,
    }
}

fn ticks(lo: f64, hi: f64, step: f64) -> impl Iterator<Item = f64> {
    let n = ((hi - lo) / step).round() as i64;
    (0..=n).map(move |i| lo + step * i as f64)
}

/// Decimals a tick label needs so ticks `step` apart read differently.
fn step_decimals(step: f64) -> usize {
    (0..4).find(|d| (step * 10f64.powi(*d as i32)).fract().abs() < 1e-6).unwrap_or(4)
}

/// "17,11 %" or "1.234".
fn value_label(unit: Unit, value: f64, decimals: usize) -> String {
    match unit {
        Unit::Percent => format!("{} %", number(value, decimals)),
        Unit::Count => number(value, decimals),
    }
}

/// The labels placed so far, so the next one goes where it overlaps none.
#[derive(Default)]
struct Labels {
    placed: Vec<Rect>,
}

impl Labels {
    /// The first of `candidates` (x, baseline y, anchor) whose box is inside the chart and
    /// overlaps no placed label, drawn; `None` when every one would overlap.
    fn place(
        &mut self,
        content: &str,
        class: &str,
        candidates: &[(f64, f64, Anchor)],
    ) -> Option<String> {
        candidates.iter().find_map(|&(x, y, anchor)| {
            let rect = Rect::of_text(content, x, y, FONT, anchor);
            let inside = rect.x >= 0.0 && rect.x + rect.w <= WIDTH && rect.y >= 0.0;
            if !inside || self.placed.iter().any(|r| r.overlaps(&rect)) {
                return None;
            }
            self.placed.push(rect);
            Some(text(x, y, anchor, FONT, class, content))
        })
    }

    /// A label that must be drawn (an axis tick): recorded so later labels avoid it.
    fn force(&mut self, content: &str, class: &str, x: f64, y: f64, anchor: Anchor) -> String {
        self.placed.push(Rect::of_text(content, x, y, FONT, anchor));
        text(x, y, anchor, FONT, class, content)
    }
}

/// Grid lines and value labels.
fn y_axis(frame: &Frame, labels: &mut Labels) -> String {
    let decimals = step_decimals(frame.step);
    let mut out = String::from("<g class=\"truc-y\">");
    for value in ticks(frame.lo, frame.hi, frame.step) {
        let y = frame.y(value);
        let stroke = if value == 0.0 { MUTED } else { GRID };
        out.push_str(&format!(
            "<line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{stroke}\"/>",
            coord(frame.left),
            coord(frame.right),
            y = coord(y)
        ));
        let label = value_label(frame.unit, value, decimals);
        out.push_str(&labels.force(&label, "nhan-y", frame.left - 6.0, y + 5.0, Anchor::End));
    }
    out.push_str("</g>");
    out
}

/// Month ticks, thinned so their labels ("3/2026") never touch.
fn x_axis(frame: &Frame, labels: &mut Labels) -> String {
    let Some((start, _)) = frame.days else { return String::new() };
    let end = frame.last_date().unwrap_or(start);
    let months: Vec<Date> = std::iter::successors(Some(start), |d| {
        d.checked_add(jiff::Span::new().months(1)).ok().filter(|next| *next <= end)
    })
    .collect();
    // Three units apart at least, measured on the widest label of the range.
    let widest =
        months.iter().map(|d| text_width(&month_label(*d), FONT)).fold(0.0, f64::max) + 3.0;
    let step = [1, 2, 3, 4, 6, 12, 24, 60, 120, 240]
        .into_iter()
        .find(|step| {
            let span = frame.x(months[0].saturating_add(jiff::Span::new().months(*step)));
            span - frame.left >= widest
        })
        .unwrap_or(240);
    let mut out = String::from("<g class=\"truc-x\">");
    let y = frame.bottom + TICK_LABEL_DROP;
    for month in months.iter().filter(|d| month_index(**d) % step == 0) {
        let x = frame.x(*month);
        out.push_str(&format!(
            "<line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" stroke=\"{MUTED}\"/>",
            coord(frame.bottom),
            coord(frame.bottom + 5.0),
            x = coord(x)
        ));
        let label = month_label(*month);
        out.push_str(&labels.force(&label, "nhan-x", x, y, Anchor::Middle));
    }
    out.push_str("</g>");
    out
}

/// "3/2026".
fn month_label(date: Date) -> String {
    format!("{}/{}", date.month(), date.year())
}

/// Months since year 0, so a step of 3 falls on January, April, July and October.
fn month_index(date: Date) -> i32 {
    i32::from(date.year()) * 12 + i32::from(date.month()) - 1
}

/// The expected range between the low and the high pace, each capped at the target.
fn band_area(frame: &Frame, band: Band, target: Option<Point>) -> String {
    let Some(end) = target.map(|t| t.date).or(frame.last_date()) else { return String::new() };
    if end <= band.from.date {
        return String::new();
    }
    let cap = target.map(|t| t.value).or((frame.unit == Unit::Percent).then_some(100.0));
    let high = pace_line(band.from, band.high_per_month, cap, end);
    let low = pace_line(band.from, band.low_per_month, cap, end);
    let to_xy = |(date, value): &(Date, f64)| {
        format!("{},{}", coord(frame.x(*date)), coord(frame.y(*value)))
    };
    let upper: Vec<String> = high.iter().map(to_xy).collect();
    let lower: Vec<String> = low.iter().rev().map(to_xy).collect();
    format!(
        "<g class=\"khoang\"><polygon points=\"{} {}\" fill=\"{BAND}\" fill-opacity=\"0.16\"/>\
         <polyline points=\"{}\" fill=\"none\" stroke=\"{BAND}\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>\
         <polyline points=\"{}\" fill=\"none\" stroke=\"{BAND}\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/></g>",
        upper.join(" "),
        lower.join(" "),
        upper.join(" "),
        lower.iter().rev().cloned().collect::<Vec<_>>().join(" "),
    )
}

/// The line `from.value + per_month × months` up to `end`, held at `cap` once it gets there
/// (from either side): two points, or three with the corner where it reaches the cap.
fn pace_line(from: Point, per_month: f64, cap: Option<f64>, end: Date) -> Vec<(Date, f64)> {
    let months = days_between(from.date, end) / DAYS_PER_MONTH;
    let reached = |v: f64| match cap {
        Some(cap) if cap >= from.value => v.min(cap),
        Some(cap) => v.max(cap),
        None => v,
    };
    let free_end = from.value + per_month * months;
    let mut line = vec![(from.date, from.value)];
    if let Some(cap) = cap
        && reached(free_end) != free_end
        && per_month != 0.0
    {
        let days = (cap - from.value) / per_month * DAYS_PER_MONTH;
        if let Ok(corner) = from.date.checked_add(jiff::Span::new().days(days.round() as i64)) {
            line.push((corner, cap));
        }
    }
    line.push((end, reached(free_end)));
    line
}

/// The target as a dashed line across the plot, its deadline as a dotted upright line, each
/// labelled.
fn target_marks(frame: &Frame, target: Point, labels: &mut Labels) -> String {
    let y = frame.y(target.value);
    let x = frame.x(target.date);
    let mut out = format!(
        "<g class=\"muc-tieu\"><line x1=\"{}\" y1=\"{y}\" x2=\"{}\" y2=\"{y}\" stroke=\"{TARGET}\" \
         stroke-width=\"2\" stroke-dasharray=\"8 5\"/><line x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\" \
         stroke=\"{MUTED}\" stroke-width=\"1.5\" stroke-dasharray=\"2 3\"/>",
        coord(frame.left),
        coord(frame.right),
        coord(frame.top - 4.0),
        coord(frame.bottom),
        y = coord(y),
        x = coord(x),
    );
    let deadline = format!("Hạn {}", crate::dates::short(target.date));
    let top = frame.top - 8.0;
    let candidates =
        [(x, top, Anchor::Middle), (x + 4.0, top, Anchor::End), (x - 4.0, top, Anchor::Start)];
    let candidates =
        [candidates, [(x, top, Anchor::End), (x, top, Anchor::Start), (WIDTH, top, Anchor::End)]]
            .concat();
    out.extend(labels.place(&deadline, "nhan-han", &candidates));
    let goal = format!("Mục tiêu {}", value_label(frame.unit, target.value, 2));
    let inner = frame.left + 4.0;
    out.extend(labels.place(
        &goal,
        "nhan-muc-tieu",
        &[
            (inner, y - 6.0, Anchor::Start),
            (inner, y + 18.0, Anchor::Start),
            (frame.right, y + 18.0, Anchor::End),
        ],
    ));
    out.push_str("</g>");
    out
}

/// The actual values: a line, a dot at each, the latest labelled; the baseline as an open
/// circle; "no data yet" written across an empty plot.
fn series(frame: &Frame, chart: &LineChart<'_>, labels: &mut Labels) -> String {
    let mut out = String::from("<g class=\"thuc-te\">");
    if let Some(base) = chart.baseline {
        out.push_str(&format!(
            "<circle class=\"moc\" cx=\"{}\" cy=\"{}\" r=\"5\" fill=\"#fff\" stroke=\"{SERIES}\" stroke-width=\"2\"/>",
            coord(frame.x(base.date)),
            coord(frame.y(base.value))
        ));
    }
    let points: Vec<&Point> = chart.points.iter().filter(|p| p.value.is_finite()).collect();
    if points.is_empty() {
        let middle = (frame.left + frame.right) / 2.0;
        let y = (frame.top + frame.bottom) / 2.0;
        out.extend(labels.place("Chưa có số liệu", "nhan-trong", &[(middle, y, Anchor::Middle)]));
        out.push_str("</g>");
        return out;
    }
    let xy: Vec<(f64, f64)> = points.iter().map(|p| (frame.x(p.date), frame.y(p.value))).collect();
    if xy.len() > 1 {
        let line: Vec<String> =
            xy.iter().map(|(x, y)| format!("{},{}", coord(*x), coord(*y))).collect();
        out.push_str(&format!(
            "<polyline points=\"{}\" fill=\"none\" stroke=\"{SERIES}\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>",
            line.join(" ")
        ));
    }
    for (x, y) in &xy {
        out.push_str(&format!(
            "<circle class=\"diem\" cx=\"{}\" cy=\"{}\" r=\"4\" fill=\"{SERIES}\"/>",
            coord(*x),
            coord(*y)
        ));
    }
    let (x, y) = xy[xy.len() - 1];
    let latest = points[points.len() - 1];
    let decimals = if chart.unit == Unit::Count && latest.value.fract() == 0.0 { 0 } else { 2 };
    let label = value_label(chart.unit, latest.value, decimals);
    let candidates = [
        (x, y - 10.0, Anchor::Middle),
        (x - 8.0, y - 10.0, Anchor::End),
        (x + 8.0, y - 10.0, Anchor::Start),
        (x - 8.0, y + 20.0, Anchor::End),
        (x + 8.0, y + 20.0, Anchor::Start),
        (x, y + 22.0, Anchor::Middle),
    ];
    out.extend(labels.place(&label, "nhan-moi-nhat", &candidates));
    out.push_str("</g>");
    out
}

/// The key under the plot, wrapped into rows that fit the width; returns the markup and its
/// height.
fn legend(chart: &LineChart<'_>, top: f64) -> (String, f64) {
    let mut items: Vec<(&str, String)> = vec![(
        "Thực tế",
        format!(
            "<line x1=\"0\" y1=\"0\" x2=\"20\" y2=\"0\" stroke=\"{SERIES}\" stroke-width=\"2.5\"/><circle cx=\"10\" cy=\"0\" r=\"4\" fill=\"{SERIES}\"/>"
        ),
    )];
    if chart.target.is_some() {
        items.push((
            "Mục tiêu",
            format!("<line x1=\"0\" y1=\"0\" x2=\"20\" y2=\"0\" stroke=\"{TARGET}\" stroke-width=\"2\" stroke-dasharray=\"8 5\"/>"),
        ));
    }
    if chart.band.is_some() {
        items.push((
            "Khoảng dự kiến",
            format!("<rect x=\"0\" y=\"-6\" width=\"20\" height=\"12\" fill=\"{BAND}\" fill-opacity=\"0.16\" stroke=\"{BAND}\" stroke-dasharray=\"2 3\"/>"),
        ));
    }
    if chart.baseline.is_some() {
        items.push((
            "Mốc ban đầu",
            format!("<circle cx=\"10\" cy=\"0\" r=\"5\" fill=\"#fff\" stroke=\"{SERIES}\" stroke-width=\"2\"/>"),
        ));
    }
    let mut out = String::from("<g class=\"chu-giai\">");
    let (mut x, mut row) = (8.0, 0.0);
    for (name, swatch) in items {
        let width = 26.0 + text_width(name, FONT);
        if x > 8.0 && x + width > WIDTH - 4.0 {
            x = 8.0;
            row += 1.0;
        }
        let y = top + row * LEGEND_ROW;
        out.push_str(&format!(
            "<g transform=\"translate({},{})\">{swatch}</g>",
            coord(x),
            coord(y)
        ));
        out.push_str(&text(x + 26.0, y + 5.0, Anchor::Start, FONT, "nhan-chu-giai", name));
        x += width + 14.0;
    }
    out.push_str("</g>");
    (out, (row + 1.0) * LEGEND_ROW)
}

#[cfg(test)]
mod tests;
