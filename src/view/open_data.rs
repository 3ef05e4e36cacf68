//! The data page of a data set (`/<folder>/du-lieu/`, template `open-data.html`): what a
//! re-user needs before downloading: the files, every field with its type and its allowed
//! values, the licence, how often the data changes and when it last did.
//!
//! A data set describes its open data through
//! [`crate::kinds::kind::DataSetViews::open_data`]; the page is made here the same way for
//! every data set, so the next one gets its page by describing its fields. The licence is the
//! ward's decision (`[open_data]` in `site.toml`): until it is written the page says it has not
//! been chosen, and never names one in its place.

use serde::Serialize;

use super::context::MetaView;
use super::{Output, TemplateContext, Templates};
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::place::Feature;

/// The template of data pages.
pub const TEMPLATE: &str = "open-data.html";

/// The folder of a data set's data page, under the data set's own (`/vi-pham/du-lieu/`).
pub const PAGE_DIR: &str = "du-lieu";

/// Types of a field as the data pages of the access problems and water sources say them.
pub const TEXT: &str = "Chữ";
/// A mark: "có" or nothing.
pub const MARK: &str = "Đánh dấu (“có” hoặc trống)";
/// A value of a closed list, written by its label.
pub const CLOSED: &str = "Một giá trị trong danh sách dưới đây (ghi bằng nhãn)";
/// An ISO date.
pub const DATE: &str = "Ngày, dạng YYYY-MM-DD (ISO 8601)";
/// A decimal number.
pub const NUMBER: &str = "Số thập phân, dấu chấm";

/// The addresses of a data set's list, open-data files and data page, as its list and record
/// pages link them (`links.csv`, `links.data_page`…).
#[derive(Debug, Serialize)]
pub struct Links {
    /// The list.
    pub list: String,
    /// `danh-sach.csv`.
    pub csv: String,
    /// `danh-sach.json`.
    pub json: String,
    /// `danh-sach.geojson`.
    pub geojson: String,
    /// `atom.xml`, when the data set has a feed.
    pub feed: Option<String>,
    /// The data page.
    pub data_page: String,
}

impl Links {
    /// The links of the data set listed at `/<dir>/`; `feed` when it has an Atom feed.
    pub fn new(site: &Site, dir: &str, feed: bool) -> Links {
        let file = |name: &str| site.config.permalink(&format!("/{dir}/{name}"));
        Links {
            list: file(""),
            csv: file("danh-sach.csv"),
            json: file("danh-sach.json"),
            geojson: file("danh-sach.geojson"),
            feed: feed.then(|| file("atom.xml")),
            data_page: file(&format!("{PAGE_DIR}/")),
        }
    }
}

/// What a data set publishes as open data.
#[derive(Debug, Serialize)]
pub struct OpenData {
    /// The site path of the data set's list (`/vi-pham/`); the page is at `<path>du-lieu/`.
    pub path: String,
    /// Its name ("Danh sách công khai cơ sở vi phạm về PCCC").
    pub title: String,
    /// What it holds and what it leaves out, in a few sentences.
    pub description: Vec<String>,
    /// How many records the files hold.
    pub records: usize,
    /// Whether the records are invented sample data.
    pub sample: bool,
    /// When the data last changed, RFC 3339.
    pub modified: Option<String>,
    /// The same day as readers read it (`28/03/2026`).
    pub modified_short: Option<String>,
    /// The files.
    pub files: Vec<DataFile>,
    /// The fields, in the order of the CSV's columns.
    pub fields: Vec<Field>,
}

/// A file of the data set.
#[derive(Debug, Serialize)]
pub struct DataFile {
    /// Its URL.
    pub url: String,
    /// Format, for readers ("CSV (UTF-8, có BOM)").
    pub format: String,
    /// What it is for.
    pub note: String,
}

/// A field of the data set.
#[derive(Debug, Serialize)]
pub struct Field {
    /// Column header in the CSV.
    pub header: String,
    /// Key in the JSON file, when it has the field.
    pub key: Option<String>,
    /// Its type, in Vietnamese ("Ngày (YYYY-MM-DD)").
    pub kind: &'static str,
    /// What it means.
    pub description: String,
    /// The allowed values of a closed list: (value written, label).
    pub allowed: Vec<Allowed>,
}

/// One allowed value of a closed list.
#[derive(Debug, Serialize)]
pub struct Allowed {
    /// As data files write it (`karaoke_vu_truong`).
    pub name: &'static str,
    /// As the CSV and the pages show it.
    pub label: &'static str,
}

impl Allowed {
    /// Every value of closed list `T`.
    pub fn all<T: crate::closed_list::Closed>() -> Vec<Allowed> {
        T::ALL.iter().map(|v| Allowed { name: v.name(), label: v.label() }).collect()
    }
}

/// The terms of re-use, from `[open_data]`.
#[derive(Debug, Serialize)]
struct Terms<'a> {
    /// The licence's name; `None` while the ward has not chosen one.
    license: Option<&'a str>,
    /// A link to it, when it is a web address.
    license_url: Option<&'a str>,
    /// How often the data is updated, as the ward says it.
    update_frequency: Option<&'a str>,
}

/// The data page of `data`.
pub fn page(site: &Site, templates: &Templates, data: &OpenData) -> Result<Output, Diagnostic> {
    let settings = &site.config.open_data;
    let terms = Terms {
        license: settings.license.as_deref().map(str::trim).filter(|l| !l.is_empty()),
        // Only a web address becomes a link: a `javascript:` one would run in readers' browsers.
        license_url: settings
            .license_url
            .as_deref()
            .filter(|u| u.starts_with("https://") || u.starts_with("http://")),
        update_frequency: settings.update_frequency.as_deref(),
    };
    let path = format!("{}{PAGE_DIR}/", data.path);
    let title = format!("Dữ liệu mở: {}", data.title);
    let description = data.description.first().map(String::as_str);
    let mut meta = MetaView::other(site, Some(&title), description, site.config.permalink(&path));
    meta.modified = data.modified.clone();
    let ctx = TemplateContext::page(&meta, &path)
        .with("title", &title)
        .with("data", data)
        .with("terms", &terms)
        .with("list_url", &site.config.permalink(&data.path));
    Ok(Output::page(&path, templates.render(TEMPLATE, &ctx)?))
}

/// The fields of a data set described by a table of (JSON key, CSV header, type, meaning), in
/// the CSV's column order; `allowed` gives the values of a closed list by key.
pub fn fields(
    table: &[(&str, &str, &'static str, &str)],
    allowed: impl Fn(&str) -> Vec<Allowed>,
) -> Vec<Field> {
    table
        .iter()
        .map(|&(key, header, kind, description)| Field {
            header: header.into(),
            key: Some(key.into()),
            kind,
            description: description.into(),
            allowed: allowed(key),
        })
        .collect()
}

/// `<dir>/danh-sach.json`: the data set's title, its publisher (the site's author), the
/// build's day, whether it is sample data, and its records.
pub fn json_file(
    site: &Site,
    dir: &str,
    title: &str,
    sample: bool,
    records: Vec<serde_json::Value>,
) -> Result<Output, Diagnostic> {
    let document = serde_json::json!({
        "title": title,
        "publisher": site.config.author,
        "as_of": site.today.to_string(),
        "sample": sample,
        "records": records,
    });
    let text = serde_json::to_string_pretty(&document)
        .map_err(|_| Diagnostic::error("danh-sach.json", "không viết được dữ liệu JSON"))?;
    Ok(Output::bytes(format!("{dir}/danh-sach.json"), text))
}

/// `<dir>/danh-sach.geojson`: `features` as an RFC 7946 `FeatureCollection`
/// ([`crate::place::feature_collection`]).
pub fn geojson_file(dir: &str, features: &[Feature]) -> Result<Output, Diagnostic> {
    let text = serde_json::to_string_pretty(&crate::place::feature_collection(features))
        .map_err(|_| Diagnostic::error("danh-sach.geojson", "không viết được dữ liệu GeoJSON"))?;
    Ok(Output::bytes(format!("{dir}/danh-sach.geojson"), text))
}
