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

/// The template of data pages.
pub const TEMPLATE: &str = "open-data.html";

/// The folder of a data set's data page, under the data set's own (`/vi-pham/du-lieu/`).
pub const PAGE_DIR: &str = "du-lieu";

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
