//! What the water sources add to the site: the list (`/nguon-nuoc/`, the unusable ones first),
//! a page per source, and the open data (`danh-sach.csv`, `danh-sach.json`,
//! `danh-sach.geojson`) with its data page.

use serde::Serialize;

use super::{DIR, EngineAccess, Record, Register, SourceKind, WaterSources};
use crate::diagnostic::Diagnostic;
use crate::kinds::kind::DataSetViews;
use crate::model::Site;
use crate::place::{Feature, LocationView, decimal};
use crate::search::Document;
use crate::to_dan_pho::ToDanPho;
use crate::view::context::{MetaView, day_stamp};
use crate::view::neighbourhood::{Block, Item, SortKey, order};
use crate::view::open_data::{
    self, Allowed, CLOSED, DATE, DataFile, Links, MARK, NUMBER, OpenData, TEXT,
};
use crate::view::{Output, TemplateContext, Templates, feed};

/// The name of the data set, on its pages and in its files.
const TITLE: &str = "Nguồn nước chữa cháy: trụ nước, ao hồ, bể nước";

/// A source as a row of the list and the head of its page.
#[derive(Debug, Serialize)]
pub struct RowView {
    /// Its number on the list and the map.
    pub number: usize,
    /// Id.
    pub id: String,
    /// The source's page.
    pub url: String,
    /// Name.
    pub name: String,
    /// Label of its kind.
    pub kind: &'static str,
    /// Where: the address with its tổ dân phố, the coordinates and the map links.
    pub location: LocationView,
    /// Whether it gives water.
    pub usable: bool,
    /// Why not.
    pub reason: Option<String>,
    /// Last check, `05/02/2026`.
    pub last_checked: String,
    /// How close a fire engine gets.
    pub engine_access: &'static str,
    /// Size or flow.
    pub capacity: Option<String>,
}

fn row(site: &Site, number: usize, record: &Record) -> RowView {
    let e = &record.entry;
    RowView {
        number,
        id: e.id.clone(),
        url: site.config.permalink(&format!("/{DIR}/{}/", e.id)),
        name: e.name.clone(),
        kind: e.kind.label(),
        location: LocationView::new(&e.location, None),
        usable: e.usable,
        reason: e.reason.clone().filter(|_| !e.usable),
        last_checked: crate::dates::short(e.last_checked),
        engine_access: e.engine_access.label(),
        capacity: e.capacity.clone(),
    }
}

/// The links of the list and record pages.
fn links(site: &Site) -> Links {
    Links::new(site, DIR, true)
}

/// The outputs of the data set; none when the site has no records.
pub fn outputs(site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
    let records = &register(site).records;
    if records.is_empty() {
        return Vec::new();
    }
    let mut results = vec![list_page(site, templates)];
    for (i, record) in records.iter().enumerate() {
        results.push(record_page(site, templates, i + 1, record));
    }
    results.push(Ok(csv(site)));
    results.push(json(site));
    results.push(geojson(site));
    results.push(feed(site, templates));
    results
}

/// `atom.xml`: the last check of every source, newest first, so that a hydrant found out of
/// order (or back in order) reaches whoever follows the feed; a new check is a new entry.
fn feed(site: &Site, templates: &Templates) -> Result<Output, Diagnostic> {
    let entries = register(site)
        .records
        .iter()
        .filter(|r| r.entry.last_checked <= site.today)
        .map(|r| {
            let e = &r.entry;
            let url = site.config.permalink(&format!("/{DIR}/{}/", e.id));
            let state = if e.usable { "dùng được" } else { "không dùng được" };
            let day = crate::dates::short(e.last_checked);
            let mut summary = format!("Kiểm tra ngày {day}: {state}.");
            if let Some(reason) = e.reason.as_ref().filter(|_| !e.usable) {
                summary.push_str(&format!(" {reason}"));
            }
            feed::Entry {
                day: e.last_checked,
                id: format!("{url}#kiem-tra-{}", e.last_checked),
                title: format!("{}: {state}", e.name),
                url,
                summary,
            }
        })
        .collect();
    let title = "Tình trạng các nguồn nước chữa cháy";
    feed::file(site, templates, feed::PLACES_FEED, DIR, Some(title), entries)
}

/// The day of the latest check.
fn modified(site: &Site) -> Option<jiff::civil::Date> {
    register(site).records.iter().map(|r| r.entry.last_checked).max()
}

/// A group of the list.
#[derive(Debug, Serialize)]
struct Group {
    id: &'static str,
    title: &'static str,
    rows: Vec<RowView>,
}

fn list_page(site: &Site, templates: &Templates) -> Result<Output, Diagnostic> {
    let path = format!("/{DIR}/");
    let title = "Nguồn nước chữa cháy";
    let intro = "Trụ nước chữa cháy, ao hồ và bể nước mà xe chữa cháy lấy nước trên địa bàn phường: nguồn nào dùng được, kiểm tra lần cuối ngày nào, xe chữa cháy đến gần được không (Kế hoạch PCCC của phường, mục 6.1).";
    let mut meta = MetaView::other(site, Some(title), Some(intro), site.config.permalink(&path));
    meta.modified = modified(site).map(|d| day_stamp(site, d));
    let mut groups = [
        Group { id: "khong-dung-duoc", title: "Không dùng được", rows: Vec::new() },
        Group { id: "dung-duoc", title: "Dùng được", rows: Vec::new() },
    ];
    for (i, record) in register(site).records.iter().enumerate() {
        groups[usize::from(record.entry.usable)].rows.push(row(site, i + 1, record));
    }
    let ctx = TemplateContext::page(&meta, &path)
        .with("title", title)
        .with("intro", intro)
        .with("today", &crate::dates::short(site.today))
        .with("groups", &groups)
        .with("total", &register(site).records.len())
        .with("unusable", &groups[0].rows.len())
        .with("map", &overview_map(site))
        .with("sample", &register(site).is_sample())
        .with("links", &links(site));
    Ok(Output::page(&path, templates.render("nguon-nuoc-list.html", &ctx)?))
}

fn record_page(
    site: &Site,
    templates: &Templates,
    number: usize,
    record: &Record,
) -> Result<Output, Diagnostic> {
    let e = &record.entry;
    let view = row(site, number, record);
    let path = format!("/{DIR}/{}/", e.id);
    let state = if e.usable { "Dùng được" } else { "Không dùng được" };
    let description = format!("{}: {state}, kiểm tra ngày {}.", e.kind.label(), view.last_checked);
    let mut meta =
        MetaView::other(site, Some(&e.name), Some(&description), site.config.permalink(&path));
    meta.modified = Some(day_stamp(site, e.last_checked));
    let ctx = TemplateContext::page(&meta, &path)
        .with("source", &view)
        .with("sample", &e.sample)
        .with("links", &links(site));
    let html = templates
        .render("nguon-nuoc-record.html", &ctx)
        .map_err(|d| d.note(format!("khi dựng trang {}", record.source.path.display())))?;
    Ok(Output::page(&path, html))
}

/// The fields of the open data, in the CSV's column order: (JSON key, CSV header, type,
/// meaning).
const FIELDS: [(&str, &str, &str, &str); 14] = [
    ("id", "Mã", TEXT, "Mã của nguồn nước, không đổi; cũng là địa chỉ trang của nó."),
    ("sample", "Dữ liệu minh hoạ", MARK, "“có” khi nguồn nước là giả định, dùng để thử trang."),
    ("kind", "Loại nguồn nước", CLOSED, "Loại nguồn nước (nhãn)."),
    ("name", "Tên", TEXT, "Tên của nguồn nước."),
    ("address", "Địa chỉ", TEXT, "Địa chỉ, có tổ dân phố."),
    ("to_dan_pho", "Tổ dân phố", TEXT, "Tổ dân phố, dạng “Tổ dân phố số 5”."),
    ("lat", "Vĩ độ", NUMBER, "Vĩ độ (WGS 84), dấu chấm thập phân."),
    ("lon", "Kinh độ", NUMBER, "Kinh độ (WGS 84), dấu chấm thập phân."),
    ("usable", "Dùng được", MARK, "“có” khi nguồn nước lấy được nước vào lần kiểm tra gần nhất."),
    ("reason", "Lý do không dùng được", TEXT, "Khi không dùng được: vì sao."),
    ("last_checked", "Kiểm tra lần cuối", DATE, "Ngày kiểm tra gần nhất."),
    ("engine_access", "Xe chữa cháy tiếp cận", CLOSED, "Xe chữa cháy đến gần được đến đâu (nhãn)."),
    ("capacity", "Dung tích, lưu lượng", TEXT, "Cỡ của nguồn nước, bằng lời."),
    ("url", "Trang", "Địa chỉ web", "Trang của nguồn nước trên cổng thông tin."),
];

/// The cell of field `key` for `record`, as text.
fn cell(site: &Site, record: &Record, key: &str) -> String {
    let e = &record.entry;
    let mark = |b: bool| if b { "có" } else { "" }.to_string();
    match key {
        "id" => e.id.clone(),
        "sample" => mark(e.sample),
        "kind" => e.kind.label().into(),
        "name" => e.name.clone(),
        "address" => e.location.address.clone(),
        "to_dan_pho" => e.location.to_dan_pho_name(),
        "lat" => e.location.geo.map(|g| decimal(g.lat)).unwrap_or_default(),
        "lon" => e.location.geo.map(|g| decimal(g.lng)).unwrap_or_default(),
        "usable" => mark(e.usable),
        "reason" => e.reason.clone().filter(|_| !e.usable).unwrap_or_default(),
        "last_checked" => e.last_checked.to_string(),
        "engine_access" => e.engine_access.label().into(),
        "capacity" => e.capacity.clone().unwrap_or_default(),
        "url" => site.config.permalink(&format!("/{DIR}/{}/", e.id)),
        _ => String::new(),
    }
}

/// `danh-sach.csv`, written by [`crate::spreadsheet::csv`].
fn csv(site: &Site) -> Output {
    let header: Vec<&str> = FIELDS.iter().map(|f| f.1).collect();
    let rows = register(site)
        .records
        .iter()
        .map(|r| FIELDS.iter().map(|f| cell(site, r, f.0)).collect::<Vec<_>>());
    Output::bytes(format!("{DIR}/danh-sach.csv"), crate::spreadsheet::csv(&header, rows))
}

/// The JSON object of `record`: the CSV's fields, numbers and marks as JSON numbers and
/// booleans, the closed lists by name beside their labels.
fn json_record(site: &Site, record: &Record) -> serde_json::Value {
    let e = &record.entry;
    let mut object = serde_json::Map::new();
    for (key, ..) in FIELDS {
        let value: serde_json::Value = match key {
            "lat" => e.location.geo.map(|g| g.lat).into(),
            "lon" => e.location.geo.map(|g| g.lng).into(),
            "sample" => e.sample.into(),
            "usable" => e.usable.into(),
            _ => match cell(site, record, key) {
                text if text.is_empty() => serde_json::Value::Null,
                text => text.into(),
            },
        };
        object.insert(key.to_string(), value);
    }
    object.insert("kind_code".into(), e.kind.name().into());
    object.insert("engine_access_code".into(), e.engine_access.name().into());
    serde_json::Value::Object(object)
}

/// `danh-sach.json`: every source.
fn json(site: &Site) -> Result<Output, Diagnostic> {
    let records: Vec<serde_json::Value> =
        register(site).records.iter().map(|r| json_record(site, r)).collect();
    open_data::json_file(site, DIR, TITLE, register(site).is_sample(), records)
}

/// `danh-sach.geojson`: each source with coordinates as a point (RFC 7946, through
/// [`crate::place::feature_collection`]), usable or not, with its engine access.
fn geojson(site: &Site) -> Result<Output, Diagnostic> {
    let features: Vec<Feature> = register(site)
        .records
        .iter()
        .filter_map(|r| {
            let e = &r.entry;
            let status = if e.usable {
                ("dung_duoc", "Dùng được")
            } else {
                ("khong_dung_duoc", "Không dùng được")
            };
            Some(Feature {
                geo: e.location.geo?,
                id: e.id.clone(),
                url: site.config.permalink(&format!("/{DIR}/{}/", e.id)),
                name: e.name.clone(),
                status: Some(status),
                properties: vec![
                    ("kind", e.kind.name().into()),
                    ("kind_label", e.kind.label().into()),
                    ("usable", e.usable.into()),
                    ("reason", e.reason.clone().filter(|_| !e.usable).into()),
                    ("last_checked", e.last_checked.to_string().into()),
                    ("engine_access", e.engine_access.name().into()),
                    ("to_dan_pho", e.location.to_dan_pho_name().into()),
                    ("sample", e.sample.into()),
                ],
            })
        })
        .collect();
    open_data::geojson_file(DIR, &features)
}

/// The overview map: marker `n` is source number `n` of the list (usable ones blue circles,
/// the others red squares, told apart in grey print by their shape).
fn overview_map(site: &Site) -> String {
    use crate::chart::map::Symbol;
    crate::view::places::overview_map(
        site,
        "Bản đồ các nguồn nước chữa cháy (số trên bản đồ là số trong danh sách)",
        register(site).records.iter().map(|r| {
            let symbol = if r.entry.usable { Symbol::Circle } else { Symbol::Square };
            (&r.entry.location, r.entry.name.as_str(), symbol)
        }),
    )
}

fn open_data(site: &Site) -> Option<OpenData> {
    let records = &register(site).records;
    if records.is_empty() {
        return None;
    }
    let links = links(site);
    let modified = modified(site);
    let allowed = |key: &str| match key {
        "kind" => Allowed::all::<SourceKind>(),
        "engine_access" => Allowed::all::<EngineAccess>(),
        _ => Vec::new(),
    };
    Some(OpenData {
        path: format!("/{DIR}/"),
        title: TITLE.into(),
        description: vec![
            "Các nguồn nước xe chữa cháy lấy được trên địa bàn phường (trụ nước chữa cháy, ao hồ, bể nước), tình trạng dùng được hay không vào lần kiểm tra gần nhất, và xe chữa cháy đến gần được đến đâu.".into(),
            "Toạ độ theo hệ WGS 84; tệp GeoJSON theo RFC 7946 (kinh độ trước, vĩ độ sau).".into(),
        ],
        records: records.len(),
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
                note: "Cho phần mềm đọc: các trường như tệp CSV.".into(),
            },
            DataFile {
                url: links.geojson,
                format: "GeoJSON (RFC 7946)".into(),
                note: "Toạ độ từng nguồn nước, mở được bằng phần mềm bản đồ (QGIS, uMap).".into(),
            },
        ],
        fields: open_data::fields(&FIELDS, allowed),
    })
}

/// Search documents of the sources.
fn search_docs(site: &Site) -> Vec<Document> {
    register(site)
        .records
        .iter()
        .map(|r| {
            let e = &r.entry;
            let state = match &e.reason {
                Some(reason) if !e.usable => format!("Không dùng được: {reason}"),
                _ => "Dùng được".to_string(),
            };
            Document {
                url: format!("/{DIR}/{}/", e.id),
                title: e.name.clone(),
                kind: "Nguồn nước chữa cháy".into(),
                summary: format!("{}. {state}.", e.kind.label()),
                headings: Vec::new(),
                tags: vec![e.kind.label().to_string()],
                body: [
                    e.kind.label(),
                    &e.location.address,
                    &e.location.to_dan_pho_name(),
                    e.engine_access.label(),
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

impl DataSetViews for WaterSources {
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

/// The sources on the pages of their tổ dân phố: the unusable ones first, with the reason.
fn to_dan_pho_items(site: &Site) -> Vec<(ToDanPho, Item)> {
    let mut items = Vec::new();
    for record in &register(site).records {
        let e = &record.entry;
        let Some(tdp) = e.location.to_dan_pho() else { continue };
        let checked = crate::dates::short(e.last_checked);
        let line = match (&e.reason, e.usable) {
            (Some(reason), false) => format!("Không dùng được: {reason} · kiểm tra {checked}"),
            _ => format!("{} · dùng được · kiểm tra {checked}", e.kind.label()),
        };
        let item = Item {
            block: Block {
                order: order::WATER_SOURCES,
                heading: "Nguồn nước chữa cháy".into(),
                listing: None,
            },
            title: e.name.clone(),
            url: site.config.permalink(&format!("/{DIR}/{}/", e.id)),
            line,
            sample: e.sample,
            sort: SortKey { tier: u8::from(e.usable), rank: 0, text: e.id.clone() },
        };
        items.push((tdp, item));
    }
    items
}
