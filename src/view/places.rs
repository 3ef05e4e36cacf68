//! What a data set of places shows, the same way for every place kind (Tổ liên gia, điểm chữa
//! cháy công cộng, đội dân phòng): the list page with its numbered list (`places.html`), a
//! page per record (`place.html`), the open data (`danh-sach.csv` with a byte-order mark,
//! `danh-sach.json`, `danh-sach.geojson`), the data page's description and, where status
//! changes matter, an Atom feed of them (`atom.xml`).
//!
//! A kind describes its records as a [`Set`]: the fields it publishes, each record's values
//! for them (already checked, so nothing private reaches this module), its location and its
//! dated changes. The sitemap lists the pages by itself (`crate::render::sitemap`).

use jiff::civil::Date;
use serde::Serialize;
use serde_json::Value;

use super::context::{MetaView, day_stamp};
use super::feed;
use super::neighbourhood::{Block, Item, SortKey};
use super::open_data::{self, Allowed, DataFile, Field as DataField, Links, OpenData};
use super::{Output, TemplateContext, Templates};
use crate::chart::map::{MapPoint, Symbol};
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::place::{self, Feature, Geo, Location, LocationView, PlaceKind, Source};
use crate::to_dan_pho::ToDanPho;

/// A data set of places, described for its outputs.
#[derive(Debug)]
pub struct Set {
    /// Its folder and the address of its list (`to-lien-gia`).
    pub dir: &'static str,
    /// The list's title ("Tổ liên gia an toàn PCCC").
    pub title: &'static str,
    /// What one record is called, for the page's breadcrumbs and search ("Tổ liên gia").
    pub label: &'static str,
    /// The list's introduction, paragraph by paragraph, citing the law or plan behind it.
    pub intro: Vec<String>,
    /// The fields published for each record besides id, name, location and status, in the
    /// CSV's column order.
    pub fields: Vec<FieldSpec>,
    /// The keys of [`Set::fields`] shown as columns of the list.
    pub columns: Vec<&'static str>,
    /// The feed's title, when the set has one.
    pub feed: Option<&'static str>,
    /// The marker of its records on the overview map.
    pub symbol: Symbol,
    /// Its block on the pages of the tổ dân phố: its place ([`order`]) and heading.
    pub block: (u32, &'static str),
    /// The records, in list order.
    pub records: Vec<Record>,
}

/// A published field.
#[derive(Debug, Clone)]
pub struct FieldSpec {
    /// Its key in the YAML schema and the JSON.
    pub key: &'static str,
    /// Its column header and label on the record's page.
    pub header: &'static str,
    /// Its type, for the data page ("Số nguyên").
    pub kind: &'static str,
    /// What it means, for the data page.
    pub description: &'static str,
    /// The allowed values of a closed list.
    pub allowed: fn() -> Vec<Allowed>,
}

/// No closed list.
pub fn free() -> Vec<Allowed> {
    Vec::new()
}

/// One record, as published.
#[derive(Debug)]
pub struct Record {
    /// Its id, also the last part of its page's address.
    pub id: String,
    /// Its name.
    pub name: String,
    /// Where it is.
    pub location: Location,
    /// Its status code and label, when it has one.
    pub status: Option<(&'static str, &'static str)>,
    /// Its value of each of [`Set::fields`], by key: a string, a number, a list of strings,
    /// or null when not written.
    pub values: Vec<(&'static str, Value)>,
    /// Dated changes, oldest first: the record's history and the feed's entries.
    pub changes: Vec<Change>,
    /// Invented sample data.
    pub sample: bool,
}

/// A dated change of a record.
#[derive(Debug, Clone, Serialize)]
pub struct Change {
    /// When.
    #[serde(skip)]
    pub date: Date,
    /// The same day as readers read it.
    pub day: String,
    /// What changed, one sentence.
    pub text: String,
}

impl Change {
    /// The change `text` on `date`.
    pub fn new(date: Date, text: String) -> Change {
        Change { date, day: crate::dates::short(date), text }
    }

    /// A record's dated changes, oldest first (changes of the same day in the order given),
    /// each said as its `head` ("Kiểm tra: Đạt…") and its note when it has one:
    /// "Kiểm tra: Đạt…. Đã thay bình".
    pub fn history<'a>(
        changes: impl IntoIterator<Item = (Date, String, Option<&'a str>)>,
    ) -> Vec<Change> {
        let mut changes: Vec<(Date, String, Option<&str>)> = changes.into_iter().collect();
        changes.sort_by_key(|(date, ..)| *date);
        changes
            .into_iter()
            .map(|(date, head, note)| match note {
                Some(note) => Change::new(date, format!("{head}. {note}")),
                None => Change::new(date, format!("{head}.")),
            })
            .collect()
    }
}

impl Set {
    /// Whether some record is invented sample data.
    pub fn is_sample(&self) -> bool {
        self.records.iter().any(|r| r.sample)
    }

    fn path(&self) -> String {
        format!("/{}/", self.dir)
    }

    fn record_path(&self, record: &Record) -> String {
        format!("/{}/{}/", self.dir, record.id)
    }
}

/// The records of place kind `K` in `site`, as loaded ([`crate::place::Records`]); none when
/// the site has none.
pub fn records<K: PlaceKind>(site: &Site) -> &[(K::Record, Source)] {
    site.data.get::<place::Records<K>>().map_or(&[], |r| r.0.as_slice())
}

/// `value` as a cell and as the page shows it: lists joined by "; ", null as nothing.
pub fn text(value: &Value) -> String {
    match value {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(text).collect::<Vec<_>>().join("; "),
        other => other.to_string(),
    }
}

/// A field as the record's page and the list show it.
#[derive(Debug, Serialize)]
struct FieldView {
    key: &'static str,
    header: &'static str,
    text: String,
    items: Vec<String>,
}

/// A record as its page and the list show it.
#[derive(Debug, Serialize)]
struct RecordView {
    number: usize,
    id: String,
    url: String,
    name: String,
    location: LocationView,
    status: Option<&'static str>,
    status_label: Option<&'static str>,
    fields: Vec<FieldView>,
    columns: Vec<FieldView>,
    changes: Vec<Change>,
}

fn record_view(site: &Site, set: &Set, number: usize, record: &Record) -> RecordView {
    let view = |spec: &FieldSpec| {
        let value = record.values.iter().find(|(k, _)| *k == spec.key).map(|(_, v)| v);
        let items = match value {
            Some(Value::Array(items)) => items.iter().map(text).collect(),
            _ => Vec::new(),
        };
        // Dates are ISO in the data, as readers write them on the page (`10/05/2024`).
        let shown = value.map(text).unwrap_or_default();
        let shown = match shown.parse::<Date>() {
            Ok(day) if spec.kind.starts_with("Ngày") => crate::dates::short(day),
            _ => shown,
        };
        FieldView { key: spec.key, header: spec.header, text: shown, items }
    };
    RecordView {
        number,
        id: record.id.clone(),
        url: site.config.permalink(&set.record_path(record)),
        name: record.name.clone(),
        location: LocationView::new(&record.location, Some(&ward(site))),
        status: record.status.map(|s| s.0),
        status_label: record.status.map(|s| s.1),
        fields: set.fields.iter().map(view).collect(),
        columns: set.fields.iter().filter(|f| set.columns.contains(&f.key)).map(view).collect(),
        changes: record.changes.iter().filter(|c| c.date <= site.today).cloned().collect(),
    }
}

/// The ward's name as addresses end with it ("phường Khương Đình"), from the site's author
/// when it names one.
fn ward(site: &Site) -> String {
    let author = site.config.author.trim();
    match crate::text::fold(author).find("phuong ") {
        Some(_) => {
            let at = author
                .char_indices()
                .map(|(i, _)| i)
                .find(|&i| crate::text::fold(&author[i..]).starts_with("phuong "));
            let rest = &author[at.unwrap_or(0)..];
            let mut chars = rest.chars();
            chars.next().map_or_else(String::new, |c| c.to_lowercase().chain(chars).collect())
        }
        None => String::new(),
    }
}

/// Links shared by the list and the record pages.
#[derive(Debug, Serialize)]
struct Nav {
    title: &'static str,
    label: &'static str,
    url: String,
    csv: String,
    json: String,
    geojson: String,
    feed: Option<String>,
    data_page: String,
    today: String,
    sample: bool,
}

impl Nav {
    fn new(site: &Site, set: &Set) -> Nav {
        let links = Links::new(site, set.dir, set.feed.is_some());
        Nav {
            title: set.title,
            label: set.label,
            url: links.list,
            csv: links.csv,
            json: links.json,
            geojson: links.geojson,
            feed: links.feed,
            data_page: links.data_page,
            today: crate::dates::short(site.today),
            sample: set.is_sample(),
        }
    }
}

/// Every output of `set`; none when it has no records.
pub fn outputs(site: &Site, templates: &Templates, set: &Set) -> Vec<Result<Output, Diagnostic>> {
    if set.records.is_empty() {
        return Vec::new();
    }
    let nav = Nav::new(site, set);
    let views: Vec<RecordView> =
        set.records.iter().enumerate().map(|(i, r)| record_view(site, set, i + 1, r)).collect();
    let mut results = vec![list_page(site, templates, set, &nav, &views)];
    for (record, view) in set.records.iter().zip(&views) {
        results.push(record_page(site, templates, set, &nav, record, view));
    }
    results.push(Ok(csv(site, set)));
    results.push(json(site, set));
    results.push(geojson(site, set));
    if set.feed.is_some() {
        results.push(feed(site, templates, set));
    }
    results
}

fn list_page(
    site: &Site,
    templates: &Templates,
    set: &Set,
    nav: &Nav,
    views: &[RecordView],
) -> Result<Output, Diagnostic> {
    let path = set.path();
    let description = set.intro.first().map(String::as_str);
    let mut meta =
        MetaView::other(site, Some(set.title), description, site.config.permalink(&path));
    meta.modified = last_change(set).map(|d| day_stamp(site, d));
    let headers: Vec<&str> =
        set.fields.iter().filter(|f| set.columns.contains(&f.key)).map(|f| f.header).collect();
    let map = overview_map(
        site,
        &format!("Bản đồ: {} (số trên bản đồ là số thứ tự trong danh sách)", set.title),
        set.records.iter().map(|r| (&r.location, r.name.as_str(), set.symbol)),
    );
    let ctx = TemplateContext::page(&meta, &path)
        .with("title", set.title)
        .with("intro", &set.intro)
        .with("nav", nav)
        .with("headers", &headers)
        .with("records", views)
        .with("has_status", &set.records.iter().any(|r| r.status.is_some()))
        .with("mapped", &set.records.iter().filter(|r| r.location.geo.is_some()).count())
        .with("map", &map);
    Ok(Output::page(&path, templates.render("places.html", &ctx)?))
}

/// The overview map of a list of places, the one every place list draws (sets of this module,
/// access problems, water sources): marker `n` is place `n` of `places`, in list order; a place
/// without coordinates keeps its number and is not drawn. The markers do not link: the list
/// does, and the `role="group"` that links bring is refused by the Nu HTML Checker on an
/// `<svg>`.
pub fn overview_map<'a>(
    site: &Site,
    caption: &str,
    places: impl IntoIterator<Item = (&'a Location, &'a str, Symbol)>,
) -> String {
    let points: Vec<MapPoint<'a>> = places
        .into_iter()
        .map(|(location, label, symbol)| MapPoint {
            lat: location.geo.map_or(f64::NAN, |g| g.lat),
            lon: location.geo.map_or(f64::NAN, |g| g.lng),
            label,
            href: None,
            symbol,
        })
        .collect();
    crate::chart::map::overview("ban-do", caption, &points, site.config.map.outline.as_deref())
}

fn record_page(
    site: &Site,
    templates: &Templates,
    set: &Set,
    nav: &Nav,
    record: &Record,
    view: &RecordView,
) -> Result<Output, Diagnostic> {
    let path = set.record_path(record);
    let description = match record.status {
        Some((_, label)) => format!("{}: {label}. {}", set.label, view.location.full_address),
        None => format!("{}: {}", set.label, view.location.full_address),
    };
    let mut meta = MetaView::other(site, Some(&record.name), Some(&description), view.url.clone());
    meta.modified = view.changes.iter().map(|c| c.date).max().map(|d| day_stamp(site, d));
    let ctx = TemplateContext::page(&meta, &path).with("record", view).with("nav", nav);
    let html = templates.render("place.html", &ctx)?;
    Ok(Output::page(&path, html))
}

fn last_change(set: &Set) -> Option<Date> {
    set.records.iter().flat_map(|r| r.changes.iter().map(|c| c.date)).max()
}

/// The columns every place set starts with: (JSON key, CSV header).
const LEADING: [(&str, &str); 7] = [
    ("id", "Mã"),
    ("name", "Tên"),
    ("address", "Địa chỉ"),
    ("to_dan_pho", "Tổ dân phố"),
    ("lat", "Vĩ độ"),
    ("lng", "Kinh độ"),
    ("status", "Tình trạng"),
];

/// One record's leading values: id, name, address, tổ dân phố, coordinates, status label.
fn leading(record: &Record) -> [Value; 7] {
    let view = LocationView::new(&record.location, None);
    let number = |v: Option<f64>| v.map_or(Value::Null, |v| Value::from((v * 1e6).round() / 1e6));
    [
        record.id.clone().into(),
        record.name.clone().into(),
        record.location.address.clone().into(),
        view.to_dan_pho.into(),
        number(record.location.geo.map(|g| g.lat)),
        number(record.location.geo.map(|g| g.lng)),
        record.status.map_or(Value::Null, |s| s.1.into()),
    ]
}

/// `danh-sach.csv`, written by [`crate::spreadsheet::csv`].
fn csv(site: &Site, set: &Set) -> Output {
    let mut header: Vec<&str> = LEADING.iter().map(|(_, h)| *h).collect();
    header.extend(set.fields.iter().map(|f| f.header));
    header.extend(["Dữ liệu minh hoạ", "Trang"]);
    let rows = set.records.iter().map(|record| {
        let mut cells: Vec<String> = leading(record).iter().map(text).collect();
        cells.extend(set.fields.iter().map(|f| {
            record
                .values
                .iter()
                .find(|(k, _)| *k == f.key)
                .map(|(_, v)| text(v))
                .unwrap_or_default()
        }));
        cells.push(if record.sample { "có" } else { "không" }.to_string());
        cells.push(site.config.permalink(&set.record_path(record)));
        cells
    });
    let bytes = crate::spreadsheet::csv(&header, rows);
    Output::bytes(format!("{}/danh-sach.csv", set.dir), bytes)
}

/// `danh-sach.json`: the same fields, keyed as in the YAML schema, numbers as numbers.
fn json(site: &Site, set: &Set) -> Result<Output, Diagnostic> {
    let records: Vec<Value> = set
        .records
        .iter()
        .map(|record| {
            let mut object = serde_json::Map::new();
            for ((key, _), value) in LEADING.iter().zip(leading(record)) {
                object.insert((*key).to_string(), value);
            }
            object.insert("status_code".into(), record.status.map(|s| s.0).into());
            for (key, value) in &record.values {
                object.insert((*key).to_string(), value.clone());
            }
            object.insert("sample".into(), record.sample.into());
            object.insert("url".into(), site.config.permalink(&set.record_path(record)).into());
            Value::Object(object)
        })
        .collect();
    open_data::json_file(site, set.dir, set.title, set.is_sample(), records)
}

/// `danh-sach.geojson`: the records with coordinates as an RFC 7946 `FeatureCollection`.
fn geojson(site: &Site, set: &Set) -> Result<Output, Diagnostic> {
    let features: Vec<Feature> = set
        .records
        .iter()
        .filter_map(|record| {
            let geo: Geo = record.location.geo?;
            let mut properties = vec![
                ("address", Value::from(record.location.address.clone())),
                ("to_dan_pho", Value::from(LocationView::new(&record.location, None).to_dan_pho)),
            ];
            properties.extend(record.values.iter().cloned());
            properties.push(("sample", record.sample.into()));
            Some(Feature {
                geo,
                id: record.id.clone(),
                url: site.config.permalink(&set.record_path(record)),
                name: record.name.clone(),
                status: record.status,
                properties,
            })
        })
        .collect();
    open_data::geojson_file(set.dir, &features)
}

/// `atom.xml`: every change up to the build's day, newest first.
fn feed(site: &Site, templates: &Templates, set: &Set) -> Result<Output, Diagnostic> {
    let mut entries = Vec::new();
    for record in &set.records {
        let url = site.config.permalink(&set.record_path(record));
        for (n, change) in record.changes.iter().enumerate().filter(|(_, c)| c.date <= site.today) {
            entries.push(feed::Entry {
                day: change.date,
                id: format!("{url}#thay-doi-{}", n + 1),
                title: format!("{}: {}", record.name, change.text),
                url: url.clone(),
                summary: change.text.clone(),
            });
        }
    }
    let title = set.feed.unwrap_or(set.title);
    feed::file(site, templates, feed::PLACES_FEED, set.dir, Some(title), entries)
}

/// What search finds of a set: one document, its list, titled as the set and holding its
/// introduction and each record's name, address and status. One document for the set rather
/// than one a record: six sample groups named "Tổ liên gia mẫu số …" crowded every other page
/// out of the results for "tổ liên gia". The kind turns it into a `crate::search::Document`
/// (this module does not import `search`, which imports `view`).
#[derive(Debug)]
pub struct SearchEntry {
    /// The list's site path.
    pub url: String,
    /// The set's title.
    pub title: &'static str,
    /// Its first paragraph.
    pub summary: String,
    /// The introduction, then one line a record.
    pub body: String,
    /// Whether every record is sample data.
    pub sample: bool,
}

/// The search entry of `set`; none when it has no records.
pub fn search_entry(set: &Set) -> Option<SearchEntry> {
    if set.records.is_empty() {
        return None;
    }
    let mut body: Vec<String> = set.intro.clone();
    for record in &set.records {
        let location = LocationView::new(&record.location, None);
        let status = record.status.map_or("", |s| s.1);
        body.push(format!(
            "{}: {}, {}. {status}",
            record.name, location.address, location.to_dan_pho
        ));
    }
    Some(SearchEntry {
        url: set.path(),
        title: set.title,
        summary: set.intro.first().cloned().unwrap_or_default(),
        body: body.join("\n"),
        sample: set.records.iter().all(|r| r.sample),
    })
}

/// The data page's description of `set`.
pub fn open_data(site: &Site, set: &Set, description: Vec<String>) -> Option<OpenData> {
    if set.records.is_empty() {
        return None;
    }
    let links = Links::new(site, set.dir, false);
    let leading_kinds = [
        ("Văn bản", "Mã hồ sơ, cũng là phần cuối địa chỉ trang của hồ sơ."),
        ("Văn bản", "Tên."),
        ("Văn bản", "Số nhà, ngõ, phố."),
        ("Văn bản", "Tổ dân phố, viết “Tổ dân phố số 5”."),
        ("Số thập phân (độ, WGS 84)", "Vĩ độ; trống khi chưa có toạ độ."),
        ("Số thập phân (độ, WGS 84)", "Kinh độ; trống khi chưa có toạ độ."),
        ("Văn bản", "Tình trạng vào ngày dựng trang."),
    ];
    let mut fields: Vec<DataField> = LEADING
        .iter()
        .zip(leading_kinds)
        .map(|((key, header), (kind, description))| DataField {
            header: (*header).to_string(),
            key: Some((*key).to_string()),
            kind,
            description: description.to_string(),
            allowed: Vec::new(),
        })
        .collect();
    fields.extend(set.fields.iter().map(|f| DataField {
        header: f.header.to_string(),
        key: Some(f.key.to_string()),
        kind: f.kind,
        description: f.description.to_string(),
        allowed: (f.allowed)(),
    }));
    let changed = last_change(set);
    Some(OpenData {
        path: set.path(),
        title: set.title.to_string(),
        description,
        records: set.records.len(),
        sample: set.is_sample(),
        modified: changed.map(|d| day_stamp(site, d)),
        modified_short: changed.map(crate::dates::short),
        files: vec![
            DataFile {
                url: links.csv,
                format: "CSV (UTF-8, có BOM)".into(),
                note: "mở bằng Excel hoặc LibreOffice".into(),
            },
            DataFile {
                url: links.json,
                format: "JSON".into(),
                note: "cùng các trường, cho chương trình máy tính".into(),
            },
            DataFile {
                url: links.geojson,
                format: "GeoJSON (RFC 7946)".into(),
                note: "các điểm có toạ độ, mở được bằng QGIS, uMap, geojson.io".into(),
            },
        ],
        fields,
    })
}

/// The records of `set` on the pages of their tổ dân phố, in its block, by name, each with its
/// status.
pub fn to_dan_pho_items(site: &Site, set: &Set) -> Vec<(ToDanPho, Item)> {
    let (order, heading) = set.block;
    set.records
        .iter()
        .filter_map(|record| {
            let tdp = record.location.to_dan_pho()?;
            let item = Item {
                block: Block { order, heading: heading.to_string(), listing: None },
                title: record.name.clone(),
                url: site.config.permalink(&set.record_path(record)),
                line: record.status.map_or_else(String::new, |s| s.1.to_string()),
                sample: record.sample,
                sort: SortKey { tier: 0, rank: 0, text: crate::text::fold(&record.name) },
            };
            Some((tdp, item))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_history_is_oldest_first_with_its_notes() {
        let day = |s: &str| s.parse::<Date>().unwrap();
        let history = Change::history([
            (day("2026-05-02"), "Tạm ngừng".to_string(), Some("Đội trưởng chuyển đi")),
            (day("2024-03-01"), "Hoạt động".to_string(), None),
        ]);
        let texts: Vec<(&str, &str)> =
            history.iter().map(|c| (c.day.as_str(), c.text.as_str())).collect();
        assert_eq!(
            texts,
            [("01/03/2024", "Hoạt động."), ("02/05/2026", "Tạm ngừng. Đội trưởng chuyển đi")]
        );
    }
}
