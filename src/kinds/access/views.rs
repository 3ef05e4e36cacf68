//! What the access problems add to the site: the list (`/tiep-can/`, grouped by status, the
//! overdue ones first), a page per record, an Atom feed with one entry per dated step, and the
//! open data (`danh-sach.csv`, `danh-sach.json`, `danh-sach.geojson`) with its data page.

use serde::Serialize;

use super::schema::{ProblemKind, Status, WaterSolution};
use super::{AccessProblems, DIR, Record, Register};
use crate::diagnostic::Diagnostic;
use crate::kinds::kind::DataSetViews;
use crate::model::Site;
use crate::place::{Feature, LocationView, decimal};
use crate::search::Document;
use crate::to_dan_pho::ToDanPho;
use crate::view::context::{MetaView, day_stamp};
use crate::view::feed;
use crate::view::neighbourhood::{Block, Item, SortKey, order};
use crate::view::open_data::{
    self, Allowed, CLOSED, DATE, DataFile, Links, MARK, NUMBER, OpenData, TEXT,
};
use crate::view::{Output, TemplateContext, Templates};

/// The name of the data set, on its pages and in its files.
const TITLE: &str = "Tiếp cận chữa cháy: ngõ sâu, vật cản, nguồn nước bị che chắn";

/// A record as a row of the list.
#[derive(Debug, Serialize)]
pub struct RowView {
    /// Its number on the list and the map.
    pub number: usize,
    /// Id.
    pub id: String,
    /// The record's page.
    pub url: String,
    /// Short name.
    pub title: String,
    /// Label of its kind.
    pub kind: &'static str,
    /// Where: the address with its tổ dân phố, the coordinates and the map links.
    pub location: LocationView,
    /// "Quyết định số …/… ngày …", when there is one.
    pub decision: Option<String>,
    /// Who signed it.
    pub issuer: Option<String>,
    /// Deadline, `05/02/2026`.
    pub deadline: Option<String>,
    /// State code (`qua_han`, `dang_xu_ly`...), for CSS and data.
    pub status: &'static str,
    /// State label.
    pub status_label: &'static str,
    /// Whether the deadline passed unfixed.
    pub overdue: bool,
    /// Day of the latest step, `05/02/2026`.
    pub since: String,
    /// The deep alley's water solution.
    pub water_solution: Option<String>,
}

/// Records published on the build's day (their first step is not after it), in list order.
fn published(site: &Site) -> Vec<&Record> {
    register(site).records.iter().filter(|r| r.state.is_some()).collect()
}

fn row(site: &Site, number: usize, record: &Record) -> RowView {
    let e = &record.entry;
    let state = record.state.expect("rows are made of published records");
    let (status, status_label) = state.label();
    RowView {
        number,
        id: e.id.clone(),
        url: site.config.permalink(&format!("/{DIR}/{}/", e.id)),
        title: e.title.clone(),
        kind: e.kind.label(),
        location: LocationView::new(&e.location, None),
        decision: e.decision.as_ref().map(|d| d.reference()),
        issuer: e.decision.as_ref().map(|d| d.issuer.clone()),
        deadline: e.deadline.map(crate::dates::short),
        status,
        status_label,
        overdue: state.overdue,
        since: crate::dates::short(state.since),
        water_solution: e.water_solution.as_ref().map(solution_text),
    }
}

/// "Bình chữa cháy đặt đầu ngõ: 2 bình bột 8 kg cạnh nhà số 2".
fn solution_text(s: &super::schema::Solution) -> String {
    match s.detail.trim() {
        "" => s.kind.label().to_string(),
        detail => format!("{}: {detail}", s.kind.label()),
    }
}

/// A group of the list: a status and its rows.
#[derive(Debug, Serialize)]
struct Group {
    id: &'static str,
    title: &'static str,
    rows: Vec<RowView>,
}

/// The list's groups: the overdue problems, then those found, being handled and fixed (the
/// overdue ones are not repeated in their status's group).
fn groups(site: &Site) -> Vec<Group> {
    let rows: Vec<RowView> =
        published(site).into_iter().enumerate().map(|(i, r)| row(site, i + 1, r)).collect();
    let mut groups = vec![
        Group { id: "qua-han", title: "Quá hạn xử lý", rows: Vec::new() },
        Group { id: "phat-hien", title: "Mới phát hiện", rows: Vec::new() },
        Group { id: "dang-xu-ly", title: "Đang xử lý", rows: Vec::new() },
        Group { id: "da-khac-phuc", title: "Đã khắc phục", rows: Vec::new() },
    ];
    for row in rows {
        let g = match row.status {
            "qua_han" => 0,
            "phat_hien" => 1,
            "dang_xu_ly" => 2,
            _ => 3,
        };
        groups[g].rows.push(row);
    }
    groups
}

/// The links of the list and record pages.
fn links(site: &Site) -> Links {
    Links::new(site, DIR, true)
}

/// The outputs of the data set; none when the site has no records.
pub fn outputs(site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
    if register(site).records.is_empty() {
        return Vec::new();
    }
    let mut results = vec![list_page(site, templates)];
    for (i, record) in published(site).into_iter().enumerate() {
        results.push(record_page(site, templates, i + 1, record));
    }
    results.push(Ok(csv(site)));
    results.push(json(site));
    results.push(geojson(site));
    results.push(feed(site, templates));
    results
}

/// The last day, up to the build's, any published record changed.
fn modified(site: &Site) -> Option<jiff::civil::Date> {
    published(site).iter().filter_map(|r| r.state.map(|s| s.since)).max()
}

fn list_page(site: &Site, templates: &Templates) -> Result<Output, Diagnostic> {
    let path = format!("/{DIR}/");
    let title = "Tiếp cận chữa cháy";
    let intro = "Ngõ sâu xe chữa cháy không vào được, barie và cọc bê tông chắn đường xe chữa cháy, nguồn nước chữa cháy bị che chắn hay lấn chiếm trên địa bàn phường, và việc xử lý từng chỗ (Kế hoạch PCCC của phường, mục 6.1).";
    let mut meta = MetaView::other(site, Some(title), Some(intro), site.config.permalink(&path));
    meta.modified = modified(site).map(|d| day_stamp(site, d));
    let groups = groups(site);
    let map = overview_map(site);
    let count =
        |f: fn(&RowView) -> bool| groups.iter().flat_map(|g| &g.rows).filter(|r| f(r)).count();
    let ctx = TemplateContext::page(&meta, &path)
        .with("title", title)
        .with("intro", intro)
        .with("today", &crate::dates::short(site.today))
        .with("groups", &groups)
        .with("total", &count(|_| true))
        .with("fixed", &count(|r| r.status == Status::DaKhacPhuc.name()))
        .with("overdue", &count(|r| r.overdue))
        .with("sample", &register(site).is_sample())
        .with("map", &map)
        .with("links", &links(site));
    Ok(Output::page(&path, templates.render("tiep-can-list.html", &ctx)?))
}

/// The overview map of the published problems: marker `n` is problem number `n` of the list
/// (the overdue ones red squares, the others not fixed brown diamonds, the fixed green
/// triangles, so that print in grey still tells them apart).
fn overview_map(site: &Site) -> String {
    use crate::chart::map::Symbol;
    let symbol = |r: &Record| match r.state {
        Some(s) if s.overdue => Symbol::Square,
        Some(s) if s.status == Status::DaKhacPhuc => Symbol::Triangle,
        _ => Symbol::Diamond,
    };
    crate::view::places::overview_map(
        site,
        "Bản đồ các vấn đề tiếp cận chữa cháy (số trên bản đồ là số trong danh sách)",
        published(site).into_iter().map(|r| (&r.entry.location, r.entry.title.as_str(), symbol(r))),
    )
}

/// A record's page: its facts, its steps and where it is.
#[derive(Debug, Serialize)]
struct RecordView {
    row: RowView,
    description: String,
    length_m: Option<String>,
    min_width_m: Option<String>,
    steps: Vec<StepView>,
}

#[derive(Debug, Serialize)]
struct StepView {
    date: String,
    status: &'static str,
    note: String,
}

/// 2.5 -> "2,5": metres the Vietnamese way.
fn metres(m: f64) -> String {
    let text = format!("{:.1}", m);
    text.trim_end_matches(".0").replace('.', ",")
}

fn record_page(
    site: &Site,
    templates: &Templates,
    number: usize,
    record: &Record,
) -> Result<Output, Diagnostic> {
    let e = &record.entry;
    let measurements = e.measurements.as_ref();
    let view = RecordView {
        row: row(site, number, record),
        description: e.description.clone(),
        length_m: measurements.and_then(|m| m.length_m).map(metres),
        min_width_m: measurements.and_then(|m| m.min_width_m).map(metres),
        steps: e
            .steps
            .iter()
            .filter(|s| s.date <= site.today)
            .map(|s| StepView {
                date: crate::dates::short(s.date),
                status: s.status.label(),
                note: s.note.clone(),
            })
            .collect(),
    };
    let path = format!("/{DIR}/{}/", e.id);
    let description = format!("{}: {}", view.row.status_label, e.description);
    let mut meta =
        MetaView::other(site, Some(&e.title), Some(&description), site.config.permalink(&path));
    meta.modified = record.state.map(|s| day_stamp(site, s.since));
    let ctx = TemplateContext::page(&meta, &path)
        .with("record", &view)
        .with("sample", &e.sample)
        .with("links", &links(site));
    let html = templates
        .render("tiep-can-record.html", &ctx)
        .map_err(|d| d.note(format!("khi dựng trang {}", record.source.path.display())))?;
    Ok(Output::page(&path, html))
}

/// The fields of the open data, in the CSV's column order: (JSON key, CSV header, type,
/// meaning).
const FIELDS: [(&str, &str, &str, &str); 17] = [
    ("id", "Mã", TEXT, "Mã của vấn đề, không đổi; cũng là địa chỉ trang của nó."),
    ("sample", "Dữ liệu minh hoạ", MARK, "“có” khi vấn đề là giả định, dùng để thử trang."),
    ("kind", "Loại vấn đề", CLOSED, "Loại vấn đề (nhãn)."),
    ("title", "Tên", TEXT, "Tên ngắn của chỗ có vấn đề."),
    ("address", "Địa chỉ", TEXT, "Địa chỉ, có tổ dân phố."),
    ("to_dan_pho", "Tổ dân phố", TEXT, "Tổ dân phố, dạng “Tổ dân phố số 5”."),
    ("lat", "Vĩ độ", NUMBER, "Vĩ độ (WGS 84), dấu chấm thập phân."),
    ("lon", "Kinh độ", NUMBER, "Kinh độ (WGS 84), dấu chấm thập phân."),
    ("description", "Mô tả", TEXT, "Vấn đề, bằng lời."),
    ("length_m", "Chiều dài ngõ (m)", NUMBER, "Chiều dài ngõ tính từ đường lớn, mét."),
    (
        "min_width_m",
        "Chỗ hẹp nhất (m)",
        NUMBER,
        "Bề rộng chỗ hẹp nhất, mét; xe chữa cháy cần ít nhất 3,5 m.",
    ),
    ("decision", "Quyết định", TEXT, "Quyết định yêu cầu xử lý: số, ký hiệu, ngày, người ký."),
    ("deadline", "Thời hạn xử lý", DATE, "Ngày phải xử lý xong."),
    (
        "water_solution",
        "Giải pháp cấp nước",
        CLOSED,
        "Với ngõ sâu: giải pháp cấp nước chữa cháy (nhãn), rồi chi tiết sau dấu hai chấm.",
    ),
    (
        "status",
        "Tình trạng",
        CLOSED,
        "Tình trạng vào ngày tệp được tạo (tính từ các bước xử lý và thời hạn).",
    ),
    ("status_since", "Từ ngày", DATE, "Ngày của bước xử lý mới nhất."),
    ("url", "Trang", "Địa chỉ web", "Trang của vấn đề trên cổng thông tin."),
];

/// The allowed values of a field of a closed list.
fn allowed(key: &str) -> Vec<Allowed> {
    match key {
        "kind" => Allowed::all::<ProblemKind>(),
        "water_solution" => Allowed::all::<WaterSolution>(),
        "status" => {
            let mut all = Allowed::all::<Status>();
            all.push(Allowed { name: "qua_han", label: "Quá hạn xử lý" });
            all
        }
        _ => Vec::new(),
    }
}

/// The cell of field `key` for `record`, as text.
fn cell(site: &Site, record: &Record, key: &str) -> String {
    let e = &record.entry;
    let m = e.measurements.as_ref();
    let number = |n: Option<f64>| n.map(|n| n.to_string()).unwrap_or_default();
    match key {
        "id" => e.id.clone(),
        "sample" => if e.sample { "có" } else { "" }.into(),
        "kind" => e.kind.label().into(),
        "title" => e.title.clone(),
        "address" => e.location.address.clone(),
        "to_dan_pho" => e.location.to_dan_pho_name(),
        "lat" => e.location.geo.map(|g| decimal(g.lat)).unwrap_or_default(),
        "lon" => e.location.geo.map(|g| decimal(g.lng)).unwrap_or_default(),
        "description" => e.description.clone(),
        "length_m" => number(m.and_then(|m| m.length_m)),
        "min_width_m" => number(m.and_then(|m| m.min_width_m)),
        "decision" => e
            .decision
            .as_ref()
            .map(|d| format!("{} của {}", d.reference(), d.issuer))
            .unwrap_or_default(),
        "deadline" => e.deadline.map(|d| d.to_string()).unwrap_or_default(),
        "water_solution" => e.water_solution.as_ref().map(solution_text).unwrap_or_default(),
        "status" => record.state.map(|s| s.label().1.to_string()).unwrap_or_default(),
        "status_since" => record.state.map(|s| s.since.to_string()).unwrap_or_default(),
        "url" => site.config.permalink(&format!("/{DIR}/{}/", e.id)),
        _ => String::new(),
    }
}

/// `danh-sach.csv`, written by [`crate::spreadsheet::csv`].
fn csv(site: &Site) -> Output {
    let header: Vec<&str> = FIELDS.iter().map(|f| f.1).collect();
    let rows = published(site)
        .into_iter()
        .map(|r| FIELDS.iter().map(|f| cell(site, r, f.0)).collect::<Vec<_>>());
    Output::bytes(format!("{DIR}/danh-sach.csv"), crate::spreadsheet::csv(&header, rows))
}

/// The JSON object of `record`: the CSV's fields, numbers as numbers, the steps as a list.
fn json_record(site: &Site, record: &Record) -> serde_json::Value {
    let mut object = serde_json::Map::new();
    for (key, ..) in FIELDS {
        let value: serde_json::Value = match key {
            "lat" => record.entry.location.geo.map(|g| g.lat).into(),
            "lon" => record.entry.location.geo.map(|g| g.lng).into(),
            "sample" => record.entry.sample.into(),
            _ => match cell(site, record, key) {
                text if text.is_empty() => serde_json::Value::Null,
                text => text.into(),
            },
        };
        object.insert(key.to_string(), value);
    }
    object.insert("status_code".into(), record.state.map(|s| s.label().0).into());
    let steps: Vec<serde_json::Value> = record
        .entry
        .steps
        .iter()
        .filter(|s| s.date <= site.today)
        .map(|s| {
            serde_json::json!({"date": s.date.to_string(), "status": s.status.name(), "note": s.note})
        })
        .collect();
    object.insert("steps".into(), steps.into());
    serde_json::Value::Object(object)
}

/// `danh-sach.json`: the published records.
fn json(site: &Site) -> Result<Output, Diagnostic> {
    let records: Vec<serde_json::Value> =
        published(site).into_iter().map(|r| json_record(site, r)).collect();
    open_data::json_file(site, DIR, TITLE, register(site).is_sample(), records)
}

/// `danh-sach.geojson`: each published problem with coordinates as a point (RFC 7946, through
/// [`crate::place::feature_collection`]), with its kind, state and deadline.
fn geojson(site: &Site) -> Result<Output, Diagnostic> {
    let features: Vec<Feature> = published(site)
        .into_iter()
        .filter_map(|r| {
            let e = &r.entry;
            let state = r.state?;
            Some(Feature {
                geo: e.location.geo?,
                id: e.id.clone(),
                url: site.config.permalink(&format!("/{DIR}/{}/", e.id)),
                name: e.title.clone(),
                status: Some(state.label()),
                properties: vec![
                    ("kind", e.kind.name().into()),
                    ("kind_label", e.kind.label().into()),
                    ("to_dan_pho", e.location.to_dan_pho_name().into()),
                    ("deadline", e.deadline.map(|d| d.to_string()).into()),
                    ("overdue", state.overdue.into()),
                    ("sample", e.sample.into()),
                ],
            })
        })
        .collect();
    open_data::geojson_file(DIR, &features)
}

/// `atom.xml`: one entry per dated step of every published record, newest first.
fn feed(site: &Site, templates: &Templates) -> Result<Output, Diagnostic> {
    let mut entries = Vec::new();
    for record in published(site) {
        let e = &record.entry;
        let url = site.config.permalink(&format!("/{DIR}/{}/", e.id));
        for (n, step) in e.steps.iter().enumerate().filter(|(_, s)| s.date <= site.today) {
            entries.push(feed::Entry {
                day: step.date,
                id: format!("{url}#buoc-{}", n + 1),
                title: format!("{}: {}", e.title, step.status.label()),
                url: url.clone(),
                summary: step.note.clone(),
            });
        }
    }
    let title = "Tiến độ xử lý các vấn đề tiếp cận chữa cháy";
    feed::file(site, templates, feed::PLACES_FEED, DIR, Some(title), entries)
}

fn open_data(site: &Site) -> Option<OpenData> {
    if register(site).records.is_empty() {
        return None;
    }
    let links = links(site);
    let modified = modified(site);
    Some(OpenData {
        path: format!("/{DIR}/"),
        title: TITLE.into(),
        description: vec![
            "Các chỗ xe chữa cháy khó tiếp cận trên địa bàn phường (ngõ sâu, barie, cọc bê tông) và nguồn nước chữa cháy bị che chắn, với quyết định, thời hạn, các bước xử lý và tình trạng vào ngày tệp được tạo.".into(),
            "Toạ độ theo hệ WGS 84; tệp GeoJSON theo RFC 7946 (kinh độ trước, vĩ độ sau).".into(),
        ],
        records: published(site).len(),
        sample: register(site).is_sample(),
        modified: modified.map(|d| day_stamp(site, d)),
        modified_short: modified.map(crate::dates::short),
        files: vec![
            DataFile {
                url: links.csv,
                format: "CSV (UTF-8 có BOM, dấu phẩy, mọi ô trong ngoặc kép)".into(),
                note: "Mở bằng Excel hoặc LibreOffice.".into(),
            },
            DataFile {
                url: links.json,
                format: "JSON".into(),
                note: "Cho phần mềm đọc: các trường như tệp CSV, thêm các bước xử lý.".into(),
            },
            DataFile {
                url: links.geojson,
                format: "GeoJSON (RFC 7946)".into(),
                note: "Toạ độ từng vấn đề, mở được bằng phần mềm bản đồ (QGIS, uMap).".into(),
            },
            DataFile {
                // Always there: `links` asks for the feed.
                url: links.feed.unwrap_or_default(),
                format: "Atom".into(),
                note: "Kênh tin: mỗi bước xử lý một tin.".into(),
            },
        ],
        fields: open_data::fields(&FIELDS, allowed),
    })
}

/// Search documents of the published records.
fn search_docs(site: &Site) -> Vec<Document> {
    published(site)
        .into_iter()
        .map(|r| {
            let e = &r.entry;
            let status = r.state.map(|s| s.label().1).unwrap_or_default();
            Document {
                url: format!("/{DIR}/{}/", e.id),
                title: e.title.clone(),
                kind: "Tiếp cận chữa cháy".into(),
                summary: format!("{status}: {}", e.description),
                headings: Vec::new(),
                tags: vec![e.kind.label().to_string()],
                body: [
                    e.kind.label(),
                    &e.location.address,
                    &e.location.to_dan_pho_name(),
                    &e.description,
                ]
                .join("\n"),
                sample: e.sample,
            }
        })
        .collect()
}

/// The data set of `site`, as loaded (empty when the site has none).
fn register(site: &Site) -> &Register {
    static EMPTY: Register = Register { records: Vec::new() };
    site.data.get::<Register>().unwrap_or(&EMPTY)
}

impl DataSetViews for AccessProblems {
    fn outputs(&self, site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
        outputs(site, templates)
    }

    fn search_docs(&self, site: &Site) -> Vec<Document> {
        search_docs(site)
    }

    fn open_data(&self, site: &Site) -> Option<OpenData> {
        open_data(site)
    }

    fn to_dan_pho_items(&self, site: &Site) -> Vec<(ToDanPho, Item)> {
        to_dan_pho_items(site)
    }
}

/// The published problems on the pages of their tổ dân phố: those not yet fixed first (the
/// overdue ones before the others), then the fixed ones, each with its state and deadline.
fn to_dan_pho_items(site: &Site) -> Vec<(ToDanPho, Item)> {
    let mut items = Vec::new();
    for record in published(site) {
        let e = &record.entry;
        let (Some(tdp), Some(state)) = (e.location.to_dan_pho(), record.state) else {
            continue;
        };
        let label = state.label().1;
        let line = match e.deadline {
            Some(deadline) if state.status != Status::DaKhacPhuc => {
                format!(
                    "{} · {label} · hạn xử lý {}",
                    e.kind.label(),
                    crate::dates::short(deadline)
                )
            }
            _ => format!("{} · {label}", e.kind.label()),
        };
        let tier = match (state.overdue, state.status) {
            (true, _) => 0,
            (false, Status::DaKhacPhuc) => 2,
            _ => 1,
        };
        let item = Item {
            block: Block {
                order: order::ACCESS_PROBLEMS,
                heading: "Ngõ sâu, vật cản xe chữa cháy".into(),
                listing: None,
            },
            title: e.title.clone(),
            url: site.config.permalink(&format!("/{DIR}/{}/", e.id)),
            line,
            sample: e.sample,
            sort: SortKey { tier, rank: 0, text: e.id.clone() },
        };
        items.push((tdp, item));
    }
    items
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn metres_read_the_vietnamese_way() {
        assert_eq!(metres(2.5), "2,5");
        assert_eq!(metres(240.0), "240");
    }
}
