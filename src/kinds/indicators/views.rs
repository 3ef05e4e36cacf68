//! What the indicators add to the site: `/chi-tieu/` (every indicator with its latest value,
//! target and status), `/chi-tieu/<slug>/` (the chart, the rule of the status, methodology,
//! the data as a table), the downloads `/chi-tieu/<slug>/so-lieu.csv` (UTF-8 with a BOM, for
//! Excel) and `so-lieu.json`, the data page, search documents and the home page's tiles.

use serde::Serialize;

use super::format::{in_unit, month, number};
use super::schema::Unit;
use super::series::HEADER;
use super::shortcode::{resolve, sentence};
use super::status::{expected, latest};
use super::{DIR, Dashboard, Indicator, Indicators};
use crate::dates::short;
use crate::diagnostic::Diagnostic;
use crate::kinds::kind::DataSetViews;
use crate::markdown::{DataUse, escape_html};
use crate::model::Site;
use crate::search::Document;
use crate::view::context::{MetaView, day_stamp};
use crate::view::open_data::{DataFile, Field, OpenData};
use crate::view::{Output, TemplateContext, Templates};
use jiff::civil::Date;

/// An indicator as its page, the list and the tiles show it.
#[derive(Debug, Serialize)]
pub struct IndicatorView {
    /// Its file's name.
    pub slug: String,
    /// Its page.
    pub url: String,
    /// What is measured.
    pub title: String,
    /// "phần trăm".
    pub unit: &'static str,
    /// What the numerator counts.
    pub numerator: String,
    /// What the denominator counts.
    pub denominator: Option<String>,
    /// The office in charge.
    pub owner: String,
    /// The plan's task.
    pub source_task: String,
    /// How the figures are counted.
    pub methodology: String,
    /// "hằng tháng".
    pub frequency: &'static str,
    /// "8,98 % (25/02/2026)".
    pub baseline: String,
    /// "100 %".
    pub target: String,
    /// "01/07/2027".
    pub deadline: String,
    /// "5–8 điểm phần trăm mỗi tháng".
    pub band: Option<String>,
    /// The latest value ("41,2 %"), when there is one.
    pub latest: Option<String>,
    /// Its date, "25/11/2026".
    pub latest_date: Option<String>,
    /// "Mức cần đạt vào ngày 25/11/2026: 53,98 %".
    pub expected: Option<String>,
    /// Status code.
    pub status: &'static str,
    /// Status label.
    pub status_label: &'static str,
    /// The rule of the statuses, a sentence each.
    pub rule: Vec<String>,
    /// The series, as the table shows it.
    pub rows: Vec<RowView>,
    /// Downloads.
    pub csv: String,
    /// Downloads.
    pub json: String,
    /// Invented sample data.
    pub sample: bool,
}

/// The chart of `indicator` ([`crate::chart::line_chart`]): its values against the target,
/// the plan's pace as a band from the baseline, the deadline marked; `id` is unique in the
/// page. Its description says the latest value, the target and the status in words.
pub fn chart(indicator: &Indicator, view: &IndicatorView, id: &str) -> String {
    let description = match (&view.latest, &view.latest_date) {
        (Some(latest), Some(date)) => format!(
            "Giá trị mới nhất {latest} ngày {date}; mục tiêu {} đến ngày {}; tình trạng: {}.",
            view.target,
            view.deadline,
            view.status_label.to_lowercase()
        ),
        _ => format!("Chưa có số liệu; mục tiêu {} đến ngày {}.", view.target, view.deadline),
    };
    line(indicator, None, &description, id)
}

/// The chart of `indicator` with the figures up to `until` (all when `None`), described by
/// `description`.
fn line(indicator: &Indicator, until: Option<Date>, description: &str, id: &str) -> String {
    use crate::chart::{Band, LineChart, Point, Unit as ChartUnit, line_chart};
    let spec = &indicator.spec;
    let points: Vec<Point> = indicator
        .rows
        .iter()
        .filter(|r| until.is_none_or(|day| r.date <= day))
        .filter_map(|r| r.value.map(|value| Point { date: r.date, value }))
        .collect();
    let unit = match spec.unit {
        Unit::PhanTram => ChartUnit::Percent,
        Unit::SoLuong => ChartUnit::Count,
    };
    let mark = |m: super::schema::Mark| Point { date: m.date, value: m.value };
    let mut chart = LineChart::new(id, &spec.title, description, unit, &points);
    chart.target = Some(mark(spec.target));
    chart.baseline = Some(mark(spec.baseline));
    chart.band = spec.band.map(|b| Band {
        from: mark(spec.baseline),
        low_per_month: b.min_per_month,
        high_per_month: b.max_per_month,
    });
    line_chart(&chart)
}

/// What a report's `{{ chi_tieu(…) }}` shows (checked by the model): the value sentence as of
/// its day ([`sentence`]) and, with `bieu_do=true`, the chart of the figures up to that day
/// above it; `block` when the shortcode is a paragraph of its own (a figure then, with the
/// sentence as its caption, instead of text in a paragraph).
fn report_use(site: &Site, data_use: &DataUse, id: &str, block: bool) -> Option<String> {
    let dashboard = site.data.get::<Dashboard>()?;
    let (indicator, day) = resolve(dashboard, &data_use.code, &data_use.day).ok()?;
    let text = escape_html(&sentence(indicator, day));
    let link = format!(
        "<a href=\"{}\">{}</a>",
        escape_html(&site.config.permalink(&format!("/{DIR}/{}/", indicator.slug))),
        escape_html(&indicator.spec.title)
    );
    let chart = data_use.chart.then(|| {
        let description = format!("Số liệu đến ngày {}: {}.", short(day), sentence(indicator, day));
        line(indicator, Some(day), &description, &format!("{id}-{}", indicator.slug))
    });
    Some(match (chart, block) {
        (Some(chart), true) => format!(
            "<figure class=\"bc-chi-tieu\">{chart}<figcaption>{link}: {text}</figcaption></figure>"
        ),
        (Some(chart), false) => format!("{chart}{link}: {text}"),
        (None, true) => format!("<p>{link}: {text}</p>"),
        (None, false) => format!("{link}: {text}"),
    })
}

/// A row of the table.
#[derive(Debug, Serialize)]
pub struct RowView {
    /// "25/11/2026".
    pub date: String,
    /// "tháng 11/2026".
    pub month: String,
    /// "1.234" or empty.
    pub numerator: String,
    /// "1.234" or empty.
    pub denominator: String,
    /// "17,11 %" or "Không có số liệu".
    pub value: String,
    /// The note.
    pub note: String,
}

/// The view of `indicator` on `site`.
pub fn view(site: &Site, indicator: &Indicator) -> IndicatorView {
    let spec = &indicator.spec;
    let unit = spec.unit;
    let path = |file: &str| site.config.permalink(&format!("/{DIR}/{}/{file}", indicator.slug));
    let last = latest(&indicator.rows);
    let count = |n: Option<u64>| n.map(|n| number(n as f64)).unwrap_or_default();
    IndicatorView {
        slug: indicator.slug.clone(),
        url: path(""),
        title: spec.title.clone(),
        unit: unit.label(),
        numerator: spec.numerator.clone(),
        denominator: spec.denominator.clone(),
        owner: spec.owner.clone(),
        source_task: spec.source_task.clone(),
        methodology: spec.methodology.clone(),
        frequency: spec.frequency.label(),
        baseline: format!(
            "{} ({})",
            in_unit(spec.baseline.value, unit),
            crate::dates::short(spec.baseline.date)
        ),
        target: in_unit(spec.target.value, unit),
        deadline: crate::dates::short(spec.target.date),
        band: spec.band.map(|b| {
            let what = if unit == Unit::PhanTram { " điểm phần trăm" } else { "" };
            format!("{}–{}{what} mỗi tháng", number(b.min_per_month), number(b.max_per_month))
        }),
        latest: last.map(|(_, v)| in_unit(v, unit)),
        latest_date: last.map(|(r, _)| crate::dates::short(r.date)),
        expected: last.map(|(r, _)| {
            format!(
                "Mức cần đạt vào ngày {}: {}",
                crate::dates::short(r.date),
                in_unit(expected(spec, r.date), unit)
            )
        }),
        status: indicator.status.code(),
        status_label: indicator.status.label(),
        rule: super::status::rule(spec),
        rows: indicator
            .rows
            .iter()
            .map(|r| RowView {
                date: crate::dates::short(r.date),
                month: month(r.date),
                numerator: count(r.numerator),
                denominator: count(r.denominator),
                value: r.value.map_or_else(|| "Không có số liệu".into(), |v| in_unit(v, unit)),
                note: r.note.clone(),
            })
            .collect(),
        csv: path("so-lieu.csv"),
        json: path("so-lieu.json"),
        sample: spec.sample,
    }
}

/// The indicators of `site`, as loaded (none when the site has none).
fn dashboard(site: &Site) -> &Dashboard {
    static EMPTY: Dashboard = Dashboard { indicators: Vec::new() };
    site.data.get::<Dashboard>().unwrap_or(&EMPTY)
}

impl DataSetViews for Indicators {
    fn fill_use(&self, site: &Site, data_use: &DataUse, id: &str, block: bool) -> Option<String> {
        report_use(site, data_use, id, block)
    }

    fn outputs(&self, site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
        outputs(site, templates)
    }

    fn search_docs(&self, site: &Site) -> Vec<Document> {
        dashboard(site).indicators.iter().map(|i| search_doc(site, i)).collect()
    }

    fn open_data(&self, site: &Site) -> Option<OpenData> {
        open_data(site)
    }

    fn home_context(&self, site: &Site, context: &mut TemplateContext) {
        home_context(site, context);
    }
}

/// Title of the list.
const TITLE: &str = "Chỉ tiêu của Kế hoạch PCCC";
/// What the list is.
const INTRO: &str = "Tiến độ các chỉ tiêu trong Kế hoạch của UBND phường thực hiện Chỉ thị 02-CT/TW về phòng cháy, chữa cháy: số liệu mới nhất, mục tiêu và tình trạng so với lộ trình.";

/// The list, a page per indicator and its downloads; nothing when the site has none.
fn outputs(site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
    let indicators = &dashboard(site).indicators;
    if indicators.is_empty() {
        return Vec::new();
    }
    let views: Vec<IndicatorView> = indicators.iter().map(|i| view(site, i)).collect();
    let mut results = vec![list_page(site, templates, &views)];
    for (indicator, view) in indicators.iter().zip(&views) {
        results.push(indicator_page(site, templates, view));
        results.push(Ok(csv(indicator)));
        results.push(json(site, indicator, view));
    }
    results
}

/// The latest day of any indicator's figures, RFC 3339, for `modified`.
fn stamp(site: &Site, indicators: &[&Indicator]) -> Option<String> {
    let last = indicators.iter().filter_map(|i| i.rows.last().map(|r| r.date)).max()?;
    Some(day_stamp(site, last))
}

fn list_page(
    site: &Site,
    templates: &Templates,
    views: &[IndicatorView],
) -> Result<Output, Diagnostic> {
    let path = format!("/{DIR}/");
    let mut meta = MetaView::other(site, Some(TITLE), Some(INTRO), site.config.permalink(&path));
    let all: Vec<&Indicator> = dashboard(site).indicators.iter().collect();
    meta.modified = stamp(site, &all);
    let ctx = TemplateContext::page(&meta, &path)
        .with("title", TITLE)
        .with("intro", INTRO)
        .with("indicators", views)
        .with("sample", &dashboard(site).is_sample())
        .with("today", &crate::dates::short(site.today))
        .with("data_page", &site.config.permalink(&format!("/{DIR}/du-lieu/")));
    Ok(Output::page(&path, templates.render("chi-tieu-list.html", &ctx)?))
}

fn indicator_page(
    site: &Site,
    templates: &Templates,
    view: &IndicatorView,
) -> Result<Output, Diagnostic> {
    let path = format!("/{DIR}/{}/", view.slug);
    let description = match &view.latest {
        Some(latest) => format!(
            "{}: {latest} (ngày {}), mục tiêu {} đến {}. Tình trạng: {}.",
            view.title,
            view.latest_date.as_deref().unwrap_or_default(),
            view.target,
            view.deadline,
            view.status_label.to_lowercase()
        ),
        None => format!("{}: chưa có số liệu.", view.title),
    };
    let mut meta =
        MetaView::other(site, Some(&view.title), Some(&description), site.config.permalink(&path));
    if let Some(indicator) = dashboard(site).get(&view.slug) {
        meta.modified = stamp(site, &[indicator]);
    }
    let chart = dashboard(site)
        .get(&view.slug)
        .map(|indicator| chart(indicator, view, &format!("bieu-do-{}", view.slug)));
    let ctx = TemplateContext::page(&meta, &path)
        .with("indicator", view)
        .with("chart", &chart)
        .with("list_url", &site.config.permalink(&format!("/{DIR}/")))
        .with("today", &crate::dates::short(site.today));
    Ok(Output::page(&path, templates.render("chi-tieu.html", &ctx)?))
}

/// `so-lieu.csv`: the series as written (`.` decimals, ISO dates) with the value worked out
/// where it was left blank, UTF-8 with a byte-order mark so that Excel reads the diacritics.
fn csv(indicator: &Indicator) -> Output {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .quote_style(csv::QuoteStyle::Necessary)
        .from_writer(Vec::new());
    let _ = writer.write_record(HEADER);
    let count = |n: Option<u64>| n.map(|n| n.to_string()).unwrap_or_default();
    for r in &indicator.rows {
        // A note a spreadsheet would run as a formula gets a `'` in front.
        let note = crate::spreadsheet::neutralise(&r.note).into_owned();
        let _ = writer.write_record([
            r.date.to_string(),
            count(r.numerator),
            count(r.denominator),
            r.value.map(|v| format!("{}", (v * 100.0).round() / 100.0)).unwrap_or_default(),
            note,
        ]);
    }
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(writer.into_inner().unwrap_or_default());
    Output::bytes(format!("{DIR}/{}/so-lieu.csv", indicator.slug), bytes)
}

/// `so-lieu.json`: the indicator's record, its status on the build's day and its series.
fn json(site: &Site, indicator: &Indicator, view: &IndicatorView) -> Result<Output, Diagnostic> {
    let spec = &indicator.spec;
    let rows: Vec<serde_json::Value> = indicator
        .rows
        .iter()
        .map(|r| {
            serde_json::json!({
                "date": r.date.to_string(),
                "numerator": r.numerator,
                "denominator": r.denominator,
                "value": r.value.map(|v| (v * 100.0).round() / 100.0),
                "note": r.note,
            })
        })
        .collect();
    let document = serde_json::json!({
        "id": indicator.slug,
        "title": spec.title,
        "unit": spec.unit.name(),
        "numerator": spec.numerator,
        "denominator": spec.denominator,
        "owner": spec.owner,
        "source_task": spec.source_task,
        "baseline": {"date": spec.baseline.date.to_string(), "value": spec.baseline.value},
        "target": {"date": spec.target.date.to_string(), "value": spec.target.value},
        "band": spec.band.map(|b| serde_json::json!({"min_per_month": b.min_per_month, "max_per_month": b.max_per_month})),
        "frequency": spec.frequency.name(),
        "methodology": spec.methodology,
        "as_of": site.today.to_string(),
        "status": indicator.status.code(),
        "status_label": indicator.status.label(),
        "url": view.url,
        "publisher": site.config.author,
        "sample": spec.sample,
        "series": rows,
    });
    let text = serde_json::to_string_pretty(&document)
        .map_err(|_| Diagnostic::error("so-lieu.json", "không viết được dữ liệu JSON"))?;
    Ok(Output::bytes(format!("{DIR}/{}/so-lieu.json", indicator.slug), text))
}

/// The data page's description of the series files.
fn open_data(site: &Site) -> Option<OpenData> {
    let dashboard = dashboard(site);
    if dashboard.indicators.is_empty() {
        return None;
    }
    let all: Vec<&Indicator> = dashboard.indicators.iter().collect();
    let mut files = Vec::new();
    for i in &dashboard.indicators {
        let url = |f: &str| site.config.permalink(&format!("/{DIR}/{}/{f}", i.slug));
        files.push(DataFile {
            url: url("so-lieu.csv"),
            format: "CSV (UTF-8 có BOM, dấu phẩy)".into(),
            note: format!("{}: chuỗi số liệu.", i.spec.title),
        });
        files.push(DataFile {
            url: url("so-lieu.json"),
            format: "JSON".into(),
            note: format!("{}: thông tin chỉ tiêu, tình trạng và chuỗi số liệu.", i.spec.title),
        });
    }
    let field = |header: &str, kind: &'static str, description: &str| Field {
        header: header.to_string(),
        key: Some(header.to_string()),
        kind,
        description: description.to_string(),
        allowed: Vec::new(),
    };
    let modified = all.iter().filter_map(|i| i.rows.last().map(|r| r.date)).max();
    Some(OpenData {
        path: format!("/{DIR}/"),
        title: "Chỉ tiêu của Kế hoạch PCCC phường".into(),
        description: vec![
            "Chuỗi số liệu của từng chỉ tiêu trong Kế hoạch của UBND phường thực hiện Chỉ thị 02-CT/TW: mỗi chỉ tiêu một tệp CSV và một tệp JSON (theo cách của Open SDG).".into(),
            "Số thập phân dùng dấu chấm; ngày dạng YYYY-MM-DD. Tệp JSON có thêm thông tin chỉ tiêu (mục tiêu, lộ trình, đơn vị theo dõi) và tình trạng vào ngày tệp được tạo.".into(),
        ],
        records: dashboard.indicators.iter().map(|i| i.rows.len()).sum(),
        sample: dashboard.is_sample(),
        modified: stamp(site, &all),
        modified_short: modified.map(crate::dates::short),
        files,
        fields: vec![
            field("date", "Ngày, dạng YYYY-MM-DD (ISO 8601)", "Ngày của số liệu."),
            field("numerator", "Số nguyên", "Tử số: số đếm được (ví dụ số cơ sở đã lắp); trống khi không có."),
            field("denominator", "Số nguyên", "Mẫu số: tổng số phải tính; trống với chỉ tiêu đếm số lượng."),
            field("value", "Số, dấu chấm thập phân", "Giá trị theo đơn vị của chỉ tiêu (phần trăm từ 0 đến 100); trống khi kỳ đó không có số liệu."),
            field("note", "Chữ", "Ghi chú."),
        ],
    })
}

fn search_doc(site: &Site, indicator: &Indicator) -> Document {
    let v = view(site, indicator);
    Document {
        url: format!("/{DIR}/{}/", indicator.slug),
        title: v.title.clone(),
        kind: "Chỉ tiêu".into(),
        summary: match &v.latest {
            Some(latest) => {
                format!("{}: {latest}, mục tiêu {} đến {}.", v.status_label, v.target, v.deadline)
            }
            None => format!("{}.", v.status_label),
        },
        headings: Vec::new(),
        tags: Vec::new(),
        body: [
            v.numerator.as_str(),
            v.denominator.as_deref().unwrap_or_default(),
            &v.owner,
            &v.source_task,
            &v.methodology,
        ]
        .join("\n"),
        sample: indicator.spec.sample,
    }
}

/// The home page's tiles.
#[derive(Debug, Serialize)]
struct Tiles {
    url: String,
    tiles: Vec<IndicatorView>,
    sample: bool,
}

/// Adds `indicators` (the headline indicators, and the list's URL) to the home page.
fn home_context(site: &Site, context: &mut TemplateContext) {
    let dashboard = dashboard(site);
    let tiles: Vec<IndicatorView> =
        dashboard.indicators.iter().filter(|i| i.spec.headline).map(|i| view(site, i)).collect();
    if tiles.is_empty() {
        return;
    }
    let sample = tiles.iter().any(|t| t.sample);
    context.insert(
        "indicators",
        &Tiles { url: site.config.permalink(&format!("/{DIR}/")), tiles, sample },
    );
}
