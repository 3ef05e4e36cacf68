//! `site.toml`: read into a raw struct that mirrors the file, then validated into the
//! [`Config`] the rest of the pipeline uses (base URL checked, time zone resolved, folders made
//! absolute and checked to be safe places to write).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::tz::TimeZone;
use serde::Deserialize;

use crate::diagnostic::{Diagnostic, Problems};
use crate::explain::{Syntax, explain_in};

mod contacts;
pub mod map;
pub use contacts::{
    Contact, Owner, PENDING, PLACEHOLDER, confirmed, example_domain, is_placeholder, tel,
};

/// Name of the configuration file at the site root.
pub const FILE_NAME: &str = "site.toml";

/// `site.toml` exactly as written.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: String,
    #[serde(default)]
    description: String,
    base_url: String,
    #[serde(default = "default_language")]
    language: String,
    #[serde(default = "default_timezone")]
    timezone: String,
    #[serde(default = "default_theme")]
    theme: String,
    #[serde(default = "default_output_dir")]
    output_dir: toml::Spanned<String>,
    #[serde(default)]
    precompress: Option<toml::Spanned<toml::Value>>,
    #[serde(default)]
    author: String,
    #[serde(default = "default_paginate_by")]
    paginate_by: usize,
    #[serde(default)]
    markdown: MarkdownConfig,
    #[serde(default)]
    feeds: FeedConfig,
    #[serde(default)]
    emergency: Vec<EmergencyNumber>,
    #[serde(default)]
    menu: Vec<MenuItem>,
    #[serde(default)]
    alert: Vec<RawAlert>,
    #[serde(default)]
    search: SearchConfig,
    #[serde(default)]
    extra: toml::Table,
    #[serde(default)]
    violations: ViolationSettings,
    #[serde(default)]
    owner: Owner,
    #[serde(default)]
    contacts: Vec<Contact>,
    #[serde(default)]
    content: ContentConfig,
    #[serde(default)]
    open_data: OpenDataSettings,
    #[serde(default)]
    map: map::RawMap,
}

/// `[content]` in `site.toml`: house rules for the text of the content files.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct ContentConfig {
    /// Where the tone mark goes in "oa", "oe", "uy" (`"hoà"` or `"hòa"`); when set, `pccc
    /// check` warns about every word written the other way. None: no check.
    pub tone_marks: Option<crate::tone_marks::ToneStyle>,
}

/// One `[[alert]]` as written: a seasonal or urgent notice shown on every page.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAlert {
    message: String,
    #[serde(default)]
    level: AlertLevel,
    #[serde(default)]
    link: Option<String>,
    #[serde(default)]
    from: Option<toml::value::Datetime>,
    #[serde(default)]
    until: Option<toml::value::Datetime>,
}

/// How urgent an alert is.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, serde::Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AlertLevel {
    /// Information (thông tin).
    #[default]
    ThongTin,
    /// A warning, e.g. dry season (cảnh báo).
    CanhBao,
    /// An emergency, e.g. an evacuation (khẩn cấp).
    KhanCap,
}

/// A notice shown on every page between two dates.
#[derive(Debug, Clone)]
pub struct Alert {
    /// The text.
    pub message: String,
    /// How urgent.
    pub level: AlertLevel,
    /// A link for more (`@/...`, a site path or a full URL).
    pub link: Option<String>,
    /// First day shown.
    pub from: Option<jiff::civil::Date>,
    /// Last day shown.
    pub until: Option<jiff::civil::Date>,
}

fn default_language() -> String {
    "vi".into()
}
fn default_timezone() -> String {
    "Asia/Ho_Chi_Minh".into()
}
fn default_theme() -> String {
    "mac-dinh".into()
}
fn default_output_dir() -> toml::Spanned<String> {
    // An empty span: not written in the file.
    toml::Spanned::new(0..0, "public".into())
}
fn default_paginate_by() -> usize {
    10
}

/// `[markdown]`: how article bodies are turned into HTML.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct MarkdownConfig {
    /// Emit raw HTML written in Markdown. Off by default: it is shown as text instead.
    pub unsafe_html: bool,
    /// Curly quotes, dashes and ellipses.
    pub smart_punctuation: bool,
    /// Highlight fenced code blocks with syntect.
    pub highlight_code: bool,
    /// The syntect theme whose colours the generated stylesheet uses.
    pub highlight_theme: String,
}

impl Default for MarkdownConfig {
    fn default() -> Self {
        MarkdownConfig {
            unsafe_html: false,
            smart_punctuation: true,
            highlight_code: true,
            highlight_theme: "InspiredGitHub".into(),
        }
    }
}

/// `[feeds]`: the Atom feeds.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct FeedConfig {
    /// How many entries a feed carries, newest first.
    pub limit: usize,
}

impl Default for FeedConfig {
    fn default() -> Self {
        FeedConfig { limit: 20 }
    }
}

/// One `[[emergency]]` number, shown in every page's header as a `tel:` link.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct EmergencyNumber {
    /// The number to dial, digits only.
    pub number: String,
    /// What it is for, in Vietnamese.
    pub label: String,
    /// The number shown most prominently (114).
    #[serde(default)]
    pub primary: bool,
}

/// One `[[menu]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MenuItem {
    /// The text of the link.
    pub name: String,
    /// `@/section/_index.md`, a site path such as `/chu-de/`, or a full URL.
    pub url: String,
}

/// `[search]` in `site.toml`.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SearchConfig {
    /// Groups of words or phrases that mean the same (`["PCCC", "phòng cháy chữa cháy"]`):
    /// a query with one finds pages with any.
    pub synonyms: Vec<Vec<String>>,
    /// Weight in ranking of each type of content, by the label shown beside a result
    /// (`"Vi phạm" = 0.5`); a type not named weighs 1.
    pub weights: std::collections::BTreeMap<String, f64>,
    /// Weight of sample data (`sample: true`), times its type's; 1 when not given.
    pub sample_weight: Option<f64>,
}

impl SearchConfig {
    /// The weight of sample data (1 when not given).
    pub fn sample_weight(&self) -> f64 {
        self.sample_weight.unwrap_or(1.0)
    }

    /// Problems in the synonym groups: a group needs two entries, each with a word.
    pub fn check(&self, config_source: &Arc<str>) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let weights = self.weights.iter().map(|(k, w)| (k.as_str(), *w));
        for (name, weight) in weights.chain(self.sample_weight.map(|w| ("sample_weight", w))) {
            if !(0.0..=10.0).contains(&weight) {
                let mut d = Diagnostic::error(
                    crate::config::FILE_NAME,
                    format!("hệ số xếp hạng của \"{name}\" là {weight}, phải từ 0 đến 10"),
                )
                .help("1 là bình thường; số nhỏ hơn 1 đưa loại nội dung này xuống dưới, ví dụ 0.5");
                let from = config_source.find("[search]").unwrap_or(0);
                if let Some(start) = config_source[from..].find(name).map(|i| from + i) {
                    d = d.at(config_source, start..start + name.len());
                }
                problems.push(d);
            }
        }
        for group in &self.synonyms {
            let empty = group.iter().any(|s| crate::text::words(s).next().is_none());
            if group.len() < 2 || empty {
                let shown = group.join("\", \"");
                let needle = group.first().map(String::as_str).unwrap_or("synonyms");
                let mut d = Diagnostic::error(
                    crate::config::FILE_NAME,
                    format!("nhóm từ đồng nghĩa [\"{shown}\"] cần ít nhất hai cách viết, mỗi cách có chữ"),
                )
                .help("ví dụ: synonyms = [[\"PCCC\", \"phòng cháy chữa cháy\"]]");
                let from = config_source.find("[search]").unwrap_or(0);
                if let Some(start) = config_source[from..].find(needle).map(|i| from + i) {
                    d = d.at(config_source, start..start + needle.len());
                }
                problems.push(d);
            }
        }
        problems
    }
}

/// `[violations]` in `site.toml`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ViolationSettings {
    /// Days a remediated record stays on the "đã khắc phục" list.
    #[serde(default = "default_grace_days")]
    pub grace_days: i64,
    /// Who to contact to correct a record, shown on every record page.
    #[serde(default)]
    pub corrections: String,
    /// Spreadsheet column headers and the fields they fill (`"Tên cơ sở" = "facility.name"`);
    /// when absent, the violations' default columns.
    #[serde(default)]
    pub columns: BTreeMap<String, String>,
}

/// `[open_data]` in `site.toml`: the terms on which the ward's data files may be re-used. The
/// licence is the ward's legal decision: pccc never picks one, and the data pages say it has not
/// been chosen until `license` is written (for example `license = "CC BY 4.0"`, with
/// `license_url = "https://creativecommons.org/licenses/by/4.0/deed.vi"`).
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct OpenDataSettings {
    /// The licence's name, as the ward's decision gives it.
    #[serde(default)]
    pub license: Option<String>,
    /// Where its text is.
    #[serde(default)]
    pub license_url: Option<String>,
    /// How often the ward commits to update its data, in Vietnamese; when absent, the data
    /// pages say what pccc knows: the files are rewritten at each build, and when they last
    /// changed.
    #[serde(default)]
    pub update_frequency: Option<String>,
}

fn default_grace_days() -> i64 {
    30
}

/// Most days a remediated record may stay on the "đã khắc phục" list. A facility that put
/// things right is no longer in breach; a year is ample to show it, and a longer stay keeps
/// names public for no purpose of the list (a typo such as 3000 for 30 would do that).
pub const MAX_GRACE_DAYS: i64 = 365;

impl ViolationSettings {
    /// Values the types accept but the list cannot use, placed in `source` (site.toml's text).
    pub fn check(&self, source: &Arc<str>) -> Vec<Diagnostic> {
        let days = self.grace_days;
        let message = if days < 0 {
            format!("`grace_days` không được là số âm, nhưng đang là {days}")
        } else if days > MAX_GRACE_DAYS {
            format!("`grace_days` là {days} ngày, quá giới hạn {MAX_GRACE_DAYS} ngày")
        } else {
            return Vec::new();
        };
        let d = Diagnostic::error(FILE_NAME, message).help(format!(
            "`grace_days` là số ngày một cơ sở đã khắc phục còn ở mục “Đã khắc phục” trước khi \
             rời danh sách: một số từ 0 đến {MAX_GRACE_DAYS}, ví dụ grace_days = 30 (mặc định)"
        ));
        vec![match violations_value_span(source, "grace_days") {
            Some(span) => d.at(source, span),
            None => d,
        }]
    }
}

/// The value of `key = value` in the `[violations]` table of `source`.
fn violations_value_span(source: &str, key: &str) -> Option<std::ops::Range<usize>> {
    let table = source.find("[violations]")?;
    let at = table + source[table..].find(key)?;
    let equals = at + source[at..].find('=')? + 1;
    let rest = &source[equals..];
    let value = rest.split(['\n', '#']).next().unwrap_or("");
    let start = equals + (value.len() - value.trim_start().len());
    Some(start..start + value.trim().len().max(1))
}

impl Default for ViolationSettings {
    fn default() -> ViolationSettings {
        ViolationSettings {
            grace_days: default_grace_days(),
            corrections: String::new(),
            columns: BTreeMap::new(),
        }
    }
}

/// The validated configuration.
#[derive(Debug, Clone)]
pub struct Config {
    /// The site's root folder (where `site.toml` is), absolute.
    pub root: PathBuf,
    /// The text of `site.toml`, for error excerpts.
    pub source: Arc<str>,
    /// Site title.
    pub title: String,
    /// One-sentence description for the home page and feeds.
    pub description: String,
    /// Absolute URL of the site, without a trailing slash.
    pub base_url: String,
    /// BCP 47 language tag (`vi`).
    pub language: String,
    /// IANA name of the time zone.
    pub timezone_name: String,
    /// The time zone in which dates without an offset are read and "today" is computed.
    pub timezone: TimeZone,
    /// The theme's name.
    pub theme: String,
    /// The theme's folder, absolute.
    pub theme_dir: PathBuf,
    /// The output folder, absolute, as written (`..` kept); inside `root` when read without
    /// links. Where it leads on disk is [`crate::output::target::resolve`]'s to say.
    pub output_dir: PathBuf,
    /// Where the value of `output_dir` is written in `site.toml`, quotes included; `None` when
    /// the default is used.
    pub output_dir_span: Option<std::ops::Range<usize>>,
    /// Which compressed copies `build` writes beside each text file of the output.
    pub precompress: Precompress,
    /// Publisher named in feeds and structured data.
    pub author: String,
    /// Default number of pages per listing page.
    pub paginate_by: usize,
    /// Markdown options.
    pub markdown: MarkdownConfig,
    /// Feed options.
    pub feeds: FeedConfig,
    /// Emergency numbers, the primary one first.
    pub emergency: Vec<EmergencyNumber>,
    /// Main menu.
    pub menu: Vec<MenuItem>,
    /// Notices shown on every page while they are current.
    pub alerts: Vec<Alert>,
    /// `[search]`: synonyms.
    pub search: SearchConfig,
    /// Free-form values for themes.
    pub extra: serde_json::Value,
    /// The public list of violations (`[violations]`).
    pub violations: ViolationSettings,
    /// `[owner]`: who publishes the site, shown in the masthead and the footer.
    pub owner: Owner,
    /// `[[contacts]]`: the ward's own numbers, on the emergency page and in the footer.
    pub contacts: Vec<Contact>,
    /// House rules for the text of content files (`[content]`).
    pub content: ContentConfig,
    /// The terms of the open data (`[open_data]`).
    pub open_data: OpenDataSettings,
    /// The overview maps of places (`[map]`): the ward's outline.
    pub map: map::MapConfig,
}

impl Config {
    /// The content folder.
    pub fn content_dir(&self) -> PathBuf {
        self.root.join("content")
    }

    /// The absolute URL of a site path (`/bai-viet/a/`).
    pub fn permalink(&self, path: &str) -> String {
        format!("{}{}", self.base_url, path)
    }

    /// The path of `site.toml` as shown in messages.
    pub fn shown_path(&self) -> &Path {
        Path::new(FILE_NAME)
    }

    /// A diagnostic pointing at the value at `path` in `site.toml` (`["menu", "2", "url"]`:
    /// array items by their index), as written, quotes included.
    pub fn error_in(&self, path: &[&str], message: impl Into<String>) -> Diagnostic {
        let d = Diagnostic::error(FILE_NAME, message);
        match value_span(&self.source, path) {
            Some(span) => d.at(&self.source, span),
            None => d,
        }
    }

    /// Every value still to be filled in before the site is published: placeholders
    /// ([`PLACEHOLDER`]) in `[owner]` and `[[contacts]]`, and a `base_url` on an example domain.
    /// Warnings, or errors when `strict` (`--strict`, the publishing step).
    pub fn placeholders(&self, strict: bool) -> Vec<Diagnostic> {
        let mark = |path: &[&str], d: Diagnostic| match value_span(&self.source, path) {
            Some(span) => d.at(&self.source, span),
            None => d,
        };
        let mut found = Vec::new();
        if let Some(domain) = example_domain(&self.base_url) {
            let message = format!(
                "`base_url` còn là địa chỉ tạm `{}`: tên miền `{domain}` không có thật",
                self.base_url
            );
            let d = if strict {
                Diagnostic::error(FILE_NAME, message)
            } else {
                Diagnostic::warning(FILE_NAME, message)
            };
            let d = d.help(
                "thay bằng địa chỉ do phường cấp trước khi đăng, vì địa chỉ này nằm trong sơ đồ \
                 trang, nguồn tin và mã QR",
            );
            // A preview address given with --base-url is not written in site.toml.
            let written = value_span(&self.source, &["base_url"])
                .filter(|span| self.source[span.clone()].contains(domain));
            found.push(match written {
                Some(span) => d.at(&self.source, span),
                None => d,
            });
        }
        found.extend(contacts::placeholders(&self.owner, &self.contacts, &mark, FILE_NAME, strict));
        found
    }

    /// A diagnostic pointing at the first occurrence of `needle` in `site.toml`.
    pub fn error_at(&self, needle: &str, message: impl Into<String>) -> Diagnostic {
        error_at(&self.source, needle, message)
    }
}

/// Reads and validates `root/site.toml`.
pub fn load(root: &Path) -> Result<Config, Problems> {
    let path = root.join(FILE_NAME);
    let bytes = crate::fs::read(&path, Path::new(FILE_NAME)).map_err(|d| {
        d.help("chạy lệnh trong thư mục của trang (nơi có tệp site.toml), hoặc dùng --root")
    })?;
    let text = crate::load::decode(Path::new(FILE_NAME), &bytes)?;
    let mut config = parse(root, text, &installed_themes(root))?;
    config.map.outline = map::read(&config)?;
    Ok(config)
}

/// Validates the text of `site.toml` for a site at `root` whose `themes/` holds the themes
/// named in `themes` (folders with a `templates/` folder). Pure: [`load`] reads the disk.
pub fn parse(root: &Path, source: Arc<str>, themes: &[String]) -> Result<Config, Problems> {
    let raw: RawConfig = toml::from_str(&source).map_err(|e| {
        // toml marks a top-level key that is missing at 0..0, where another key is written.
        let span = e.span().filter(|span| span.end > 0);
        let written = span.clone().map(|span| &source[span]);
        let key = span.clone().and_then(|span| key_at(&source, span));
        let explained = crate::explain::toml_syntax(e.message())
            .unwrap_or_else(|| explain_in(e.message(), Syntax::Toml, key, written));
        let mut d = Diagnostic::error(FILE_NAME, explained.message);
        if let Some(span) = span {
            d = d.at(&source, span);
        }
        let help = match e.message() {
            "missing field `title`" => Some(
                "thêm một dòng ở đầu tệp, ví dụ: title = \"An toàn PCCC phường Khương Đình\""
                    .into(),
            ),
            "missing field `base_url`" => Some(
                "thêm một dòng ở đầu tệp với địa chỉ của trang, ví dụ: \
                 base_url = \"https://phuong.example.gov.vn\""
                    .into(),
            ),
            _ => explained.help,
        };
        if let Some(help) = help {
            d = d.help(help);
        }
        Problems::from(d)
    })?;
    validate(root, raw, source, themes)
}

/// Checks what the types of `RawConfig` let through and makes the [`Config`], reporting every
/// problem of the file at once. `names`: the installed themes.
fn validate(
    root: &Path,
    raw: RawConfig,
    source: Arc<str>,
    names: &[String],
) -> Result<Config, Problems> {
    let mut problems = Problems::new();
    let base_url = base_url(&raw.base_url, &source, &mut problems);
    let timezone = timezone(&raw.timezone, &source, &mut problems);
    problems.extend(theme_problem(&raw.theme, names, &source));
    let output_dir_span = Some(raw.output_dir.span()).filter(|span| !span.is_empty());
    let output_dir = output_dir(root, raw.output_dir.get_ref(), &raw.theme, &source, &mut problems);
    if raw.paginate_by == 0 {
        problems.push(
            error_at(&source, "paginate_by", "`paginate_by` phải lớn hơn 0")
                .help("viết số mục trên mỗi trang danh sách, ví dụ: paginate_by = 10"),
        );
    }
    let emergency = emergency(raw.emergency, &source, &mut problems);
    let alerts = raw.alert.into_iter().map(|alert| self::alert(alert, &source, &mut problems));
    let alerts = alerts.collect();
    problems.extend(raw.search.check(&source));
    let mark = |path: &[&str], d: Diagnostic| match value_span(&source, path) {
        Some(span) => d.at(&source, span),
        None => d,
    };
    problems.extend(contacts::check(&raw.contacts, &mark, FILE_NAME));
    let extra = serde_json::to_value(&raw.extra).unwrap_or(serde_json::Value::Null);
    let map = map::settings(raw.map, root, &output_dir, &source, &mut problems);
    let precompress = precompress(raw.precompress.as_ref(), &source, &mut problems);
    let config = Config {
        root: root.to_path_buf(),
        source: Arc::clone(&source),
        title: raw.title,
        description: raw.description,
        base_url,
        language: raw.language,
        timezone_name: raw.timezone,
        timezone,
        theme_dir: root.join("themes").join(&raw.theme),
        theme: raw.theme,
        output_dir,
        output_dir_span,
        precompress,
        author: raw.author,
        paginate_by: raw.paginate_by,
        markdown: raw.markdown,
        feeds: raw.feeds,
        emergency,
        menu: raw.menu,
        alerts,
        search: raw.search,
        extra,
        violations: raw.violations,
        owner: raw.owner,
        contacts: raw.contacts,
        content: raw.content,
        open_data: raw.open_data,
        map,
    };
    problems.extend(config.violations.check(&config.source));
    problems.into_result(config)
}

/// `precompress` in `site.toml`: which compressed copies of each text file of the output `build`
/// writes beside it, for a server that sends a file's copy instead of compressing it
/// ([`crate::output::compress`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Precompress {
    /// `x.gz`, which nginx sends with `gzip_static` (built into Debian's nginx).
    pub gzip: bool,
    /// `x.br`, which nginx sends only with its brotli module, and Caddy with `precompressed br`.
    pub brotli: bool,
}

impl Precompress {
    /// Whether any copy is written.
    pub fn any(self) -> bool {
        self.gzip || self.brotli
    }
}

/// What `precompress` may say, for editors.
const PRECOMPRESS_HELP: &str = "viết precompress = true (bản nén .gz, nginx gửi bằng gzip_static), \
     precompress = false (không ghi bản nén), hoặc kể từng kiểu: precompress = [\"gzip\", \"br\"]";

/// Reads `precompress`: `true` (gzip copies), `false`, or a list of formats, `["gzip", "br"]`.
/// Until December 2026 `true` meant brotli copies too: on the ward's pages they are 5 % smaller
/// than gzip's, took twice gzip's time to make (30 % of the CPU time of the ward's cold build),
/// and Debian's nginx cannot send them without a module it lacks.
fn precompress(
    value: Option<&toml::Spanned<toml::Value>>,
    source: &Arc<str>,
    problems: &mut Problems,
) -> Precompress {
    let Some(value) = value else { return Precompress::default() };
    let wrong = |span: std::ops::Range<usize>, message: String| {
        Diagnostic::error(FILE_NAME, message).at(source, span).help(PRECOMPRESS_HELP)
    };
    let items = match value.get_ref() {
        toml::Value::Boolean(on) => return Precompress { gzip: *on, brotli: false },
        toml::Value::Array(items) => items,
        _ => {
            let written = source.get(value.span()).unwrap_or_default();
            let message = format!(
                "`precompress` cần true, false hoặc một danh sách kiểu nén, nhưng gặp `{written}`"
            );
            problems.push(wrong(value.span(), message));
            return Precompress::default();
        }
    };
    let mut formats = Precompress::default();
    for (i, item) in items.iter().enumerate() {
        // However an editor capitalises it.
        match item.as_str().map(|name| name.trim().to_ascii_lowercase()).as_deref() {
            Some("gzip" | "gz") => formats.gzip = true,
            Some("br" | "brotli") => formats.brotli = true,
            _ => {
                // Found by reading the file again: only for a wrong item.
                let span =
                    value_span(source, &["precompress", &i.to_string()]).unwrap_or(value.span());
                let written = source.get(span.clone()).unwrap_or_default();
                let message = format!(
                    "`precompress` không có kiểu nén `{written}`: chỉ có \"gzip\" (.gz) và \"br\" (.br)"
                );
                problems.push(wrong(span, message));
            }
        }
    }
    formats
}

/// A diagnostic at the first occurrence of `needle` in `source` (site.toml's text).
fn error_at(source: &Arc<str>, needle: &str, message: impl Into<String>) -> Diagnostic {
    let d = Diagnostic::error(FILE_NAME, message);
    match source.find(needle) {
        Some(start) => d.at(source, start..start + needle.len()),
        None => d,
    }
}

/// `base_url` as written without its trailing slashes; it must be a full `http(s)://` address.
fn base_url(written: &str, source: &Arc<str>, problems: &mut Problems) -> String {
    check_base_url("base_url", written).unwrap_or_else(|message| {
        problems.push(
            error_at(source, "base_url", message)
                .help("ví dụ: base_url = \"https://phuong.example.gov.vn\""),
        );
        written.trim_end_matches('/').to_string()
    })
}

/// The one rule for a site's address, for `base_url` in `site.toml` and `--base-url` alike
/// (`name` is how the editor wrote the setting): a full `http(s)://` address without spaces.
/// Returns it without its trailing slashes, or the message saying what is wrong.
pub fn check_base_url(name: &str, written: &str) -> Result<String, String> {
    let base_url = written.trim_end_matches('/').to_string();
    if !(base_url.starts_with("https://") || base_url.starts_with("http://"))
        || base_url.contains(char::is_whitespace)
    {
        return Err(format!("`{name}` phải là địa chỉ đầy đủ, nhưng đang là `{written}`"));
    }
    Ok(base_url)
}

/// The time zone named `name`; UTC, with a problem, when there is none of that name.
fn timezone(name: &str, source: &Arc<str>, problems: &mut Problems) -> TimeZone {
    TimeZone::get(name).unwrap_or_else(|_| {
        problems.push(
            error_at(source, "timezone", format!("không biết múi giờ `{name}`"))
                .help("dùng tên múi giờ IANA, ví dụ timezone = \"Asia/Ho_Chi_Minh\""),
        );
        TimeZone::UTC
    })
}

/// What is wrong with `theme`, which must name one of the installed themes `names`.
fn theme_problem(theme: &str, names: &[String], source: &Arc<str>) -> Option<Diagnostic> {
    let suggest =
        |written: &str| crate::explain::suggest(written, names.iter().map(String::as_str));
    if theme.is_empty() || theme.contains(['/', '\\']) || theme.starts_with('.') {
        // The name of a folder of themes/, not a path: the last part is likely what was meant.
        let last = theme.rsplit(['/', '\\']).find(|p| !p.is_empty() && !p.starts_with('.'));
        let help = match last.and_then(suggest) {
            Some(best) => format!("chỉ viết tên thư mục trong themes/, ví dụ theme = \"{best}\""),
            None => format!(
                "chỉ viết tên một thư mục trong themes/, không có / hay dấu chấm ở đầu; có sẵn: {}",
                names.join(", ")
            ),
        };
        Some(error_at(source, "theme", format!("tên giao diện `{theme}` không hợp lệ")).help(help))
    } else if !names.iter().any(|name| name == theme) {
        let mut d = error_at(source, "theme", format!("không tìm thấy giao diện `{theme}`"))
            .note(format!("cần có thư mục themes/{theme}/templates"));
        if let Some(best) = suggest(theme) {
            d = d.help(format!("có phải bạn muốn viết theme = \"{best}\"?"));
        } else if !names.is_empty() {
            d = d.help(format!("các giao diện có sẵn: {}", names.join(", ")));
        }
        Some(d)
    } else {
        None
    }
}

/// The output folder, absolute ([`check_output_dir`]); `public` in `root`, with a problem, when
/// the one written is not a safe place to write.
fn output_dir(
    root: &Path,
    written: &str,
    theme: &str,
    source: &Arc<str>,
    problems: &mut Problems,
) -> PathBuf {
    check_output_dir(root, written, theme).unwrap_or_else(|message| {
        problems
            .push(error_at(source, "output_dir", message).help("ví dụ: output_dir = \"public\""));
        root.join("public")
    })
}

/// The emergency numbers, the primary one first; a number of other than digits and a second
/// `primary = true` are problems.
fn emergency(
    mut numbers: Vec<EmergencyNumber>,
    source: &Arc<str>,
    problems: &mut Problems,
) -> Vec<EmergencyNumber> {
    for e in &numbers {
        if e.number.is_empty() || !e.number.chars().all(|c| c.is_ascii_digit()) {
            problems.push(
                error_at(
                    source,
                    &format!("\"{}\"", e.number),
                    format!("số khẩn cấp `{}` chỉ được có chữ số", e.number),
                )
                .help("ví dụ: number = \"114\""),
            );
        }
    }
    problems.extend(second_primary(&numbers, source));
    numbers.sort_by_key(|e| !e.primary);
    numbers
}

/// The problem of more than one number marked `primary = true`: placed on the last one, with
/// where the first is.
fn second_primary(numbers: &[EmergencyNumber], source: &Arc<str>) -> Option<Diagnostic> {
    let primaries: Vec<usize> = (0..numbers.len()).filter(|&i| numbers[i].primary).collect();
    let [first, .., last] = primaries[..] else { return None };
    let span = |i: usize| value_span(source, &["emergency", &i.to_string(), "primary"]);
    let mut d = Diagnostic::error(FILE_NAME, "chỉ một số khẩn cấp được đánh dấu `primary = true`")
        .help(
            "giữ primary = true ở một số duy nhất, số được hiện to nhất trên mỗi trang; \
             xoá dòng đó ở các số còn lại",
        );
    if let Some(span) = span(last) {
        d = d.at(source, span);
    }
    if let Some(span) = span(first) {
        let line = crate::diagnostic::line_col(source, span.start).0;
        d = d.note(format!("số {} đã được đánh dấu ở dòng {line}", numbers[first].number));
    }
    Some(d)
}

/// One `[[alert]]` with its days read; a `from` or `until` that is not a plain date is a
/// problem, and the alert is then shown without that bound.
fn alert(alert: RawAlert, source: &Arc<str>, problems: &mut Problems) -> Alert {
    let mut day = |value: Option<toml::value::Datetime>, key: &str| {
        alert_day(value?, key, source).unwrap_or_else(|d| {
            problems.push(d);
            None
        })
    };
    let from = day(alert.from, "from");
    let until = day(alert.until, "until");
    Alert { message: alert.message, level: alert.level, link: alert.link, from, until }
}

/// The day an alert's `key` (`from`, `until`) gives: a date without a time; `None` for a date
/// that does not exist.
fn alert_day(
    value: toml::value::Datetime,
    key: &str,
    source: &Arc<str>,
) -> Result<Option<jiff::civil::Date>, Diagnostic> {
    match (value.date, value.time) {
        (Some(d), None) => {
            Ok(jiff::civil::Date::new(d.year as i16, d.month as i8, d.day as i8).ok())
        }
        _ => Err(error_at(
            source,
            key,
            format!("`{key}` của thông báo phải là một ngày, nhưng đang là `{value}`"),
        )
        .help(format!("ví dụ: {key} = 2026-12-31"))),
    }
}

/// Where the value at `path` is written in `source`. Read again from the text (toml keeps
/// every value's span there), as only messages need it.
fn value_span(source: &str, path: &[&str]) -> Option<std::ops::Range<usize>> {
    use toml::de::{DeTable, DeValue};
    let document = DeTable::parse(source).ok()?;
    let (first, rest) = path.split_first()?;
    let mut value = document.get_ref().get(*first)?;
    for step in rest {
        value = match value.get_ref() {
            DeValue::Table(table) => table.get(*step)?,
            DeValue::Array(items) => items.get(step.parse::<usize>().ok()?)?,
            _ => return None,
        };
    }
    Some(value.span())
}

/// The key a value at `span` of site.toml is written under: `limit` for `limit = -5`, `menu`
/// for a `[menu]` header.
fn key_at(source: &str, span: std::ops::Range<usize>) -> Option<&str> {
    let written = source.get(span.clone())?.trim();
    if let Some(header) = written.strip_prefix('[') {
        let name = header.trim_matches(['[', ']']).trim();
        return Some(name.rsplit('.').next().unwrap_or(name).trim());
    }
    let line_start = source[..span.start].rfind('\n').map_or(0, |i| i + 1);
    let (key, _) = source[line_start..span.start].rsplit_once('=')?;
    let key = key.trim().trim_start_matches(['{', ',', ' ']);
    let key = key.rsplit([',', '{']).next().unwrap_or(key).trim();
    let key = key.rsplit('.').next().unwrap_or(key).trim_matches(['"', '\'']);
    (!key.is_empty()).then_some(key)
}

/// The themes installed in `root/themes`: folders with a `templates/` folder, by name.
fn installed_themes(root: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(root.join("themes"))
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().join("templates").is_dir())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

/// Folders of the project the build must never replace, write into or delete: the site's
/// sources and the tool's own.
pub const PROTECTED: [&str; 8] =
    ["content", "themes", "static", "templates", "src", "tests", ".git", ".ci"];

/// Files of the project the output folder must never be, contain or replace.
pub const PROTECTED_FILES: [&str; 2] = [FILE_NAME, "Cargo.toml"];

impl Config {
    /// Puts the output in `written` (`-o` on the command line, relative to the site's root or
    /// absolute) instead of `output_dir`, under the same rules; the message says what is wrong.
    pub fn set_output_dir(&mut self, written: &Path) -> Result<(), String> {
        let shown = written.to_string_lossy();
        self.output_dir = check_output_dir(&self.root, &shown, &self.theme)?;
        self.output_dir_span = None;
        Ok(())
    }
}

/// Resolves `output_dir` as written (without the file system: `output::target` follows links
/// before the build writes) and refuses places a build must not replace: the project root or an
/// ancestor, anything outside the project, and the project's own source folders.
fn check_output_dir(root: &Path, output_dir: &str, theme: &str) -> Result<PathBuf, String> {
    let written = Path::new(output_dir);
    let rel = if written.is_absolute() {
        written.strip_prefix(root).map_err(|_| {
            format!(
                "thư mục xuất `{output_dir}` nằm ngoài thư mục của trang; hãy chọn một thư mục con"
            )
        })?
    } else {
        written
    };
    let rel = crate::fs::normalize(rel).ok_or_else(|| {
        format!("thư mục xuất `{output_dir}` nằm ngoài thư mục của trang; hãy chọn một thư mục con")
    })?;
    if rel.as_os_str().is_empty() {
        return Err(format!(
            "thư mục xuất `{output_dir}` là chính thư mục của trang; việc dựng trang sẽ xoá mất nội dung"
        ));
    }
    let first = rel.components().next().map(|c| c.as_os_str().to_string_lossy().into_owned());
    if let Some(first) = first
        && PROTECTED.contains(&first.as_str())
    {
        let what = if first == "themes" { format!("giao diện (themes/{theme})") } else { first };
        return Err(format!(
            "thư mục xuất `{output_dir}` nằm trong {what}; việc dựng trang sẽ ghi đè lên nguồn"
        ));
    }
    if PROTECTED_FILES.iter().any(|file| rel == Path::new(file)) {
        return Err(format!("thư mục xuất `{output_dir}` trùng với một tệp của dự án"));
    }
    // As written: `output::target` reads any `..` after following links, as the system does.
    Ok(root.join(written))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(toml: &str) -> Result<Config, Problems> {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("themes/mac-dinh/templates")).unwrap();
        parse(dir.path(), Arc::from(toml), &installed_themes(dir.path()))
    }

    #[test]
    fn minimal_config_gets_defaults() {
        let c = site("title = \"T\"\nbase_url = \"https://x.vn/\"\n").unwrap();
        assert_eq!(c.base_url, "https://x.vn");
        assert_eq!(c.language, "vi");
        assert_eq!(c.timezone_name, "Asia/Ho_Chi_Minh");
        assert!(c.output_dir.ends_with("public"));
        assert_eq!(c.permalink("/a/"), "https://x.vn/a/");
    }

    #[test]
    fn unknown_key_is_an_error_with_a_suggestion() {
        let err = site("title = \"T\"\nbase_url = \"https://x.vn\"\ntheem = \"a\"\n").unwrap_err();
        let text = err.to_string();
        assert!(text.contains("lỗi: trường `theem` không dùng được ở đây"), "{text}");
        assert!(text.contains("site.toml:3:1"), "{text}");
        assert!(text.contains("có phải bạn muốn viết `theme`?"), "{text}");
    }

    #[test]
    fn output_dir_must_be_a_safe_subfolder() {
        for bad in [
            ".",
            "..",
            "../out",
            "/tmp/out",
            "content",
            "content/x",
            "themes/mac-dinh",
            "static",
            "a/../..",
        ] {
            let toml =
                format!("title = \"T\"\nbase_url = \"https://x.vn\"\noutput_dir = \"{bad}\"\n");
            let err = site(&toml).expect_err(bad).to_string();
            assert!(err.contains("thư mục xuất"), "{bad}: {err}");
        }
        let ok = site("title = \"T\"\nbase_url = \"https://x.vn\"\noutput_dir = \"build/site\"\n")
            .unwrap();
        assert!(ok.output_dir.ends_with("build/site"));
    }

    #[test]
    fn keys_are_found_from_the_value_they_hold() {
        let toml = "title = \"T\"\n[feeds]\nlimit = -5\n[menu]\nx = { name = 3 }\n";
        let at = |needle: &str| {
            let start = toml.find(needle).unwrap();
            key_at(toml, start..start + needle.len())
        };
        assert_eq!(at("-5"), Some("limit"));
        assert_eq!(at("[menu]"), Some("menu"));
        assert_eq!(at("3"), Some("name"));
        assert_eq!(at("\"T\""), Some("title"));
    }

    #[test]
    fn output_dir_span_is_the_written_value() {
        let toml = "# output_dir = \"cu\"\ntitle = \"T\"\nbase_url = \"https://x.vn\"\noutput_dir = 'ra' # ghi chú\n";
        let span = site(toml).unwrap().output_dir_span.unwrap();
        assert_eq!(&toml[span], "'ra'");
        assert_eq!(
            site("title = \"T\"\nbase_url = \"https://x.vn\"\n").unwrap().output_dir_span,
            None
        );
    }

    #[test]
    fn values_are_found_by_their_path() {
        let toml = "title = \"T\"\nbase_url = \"https://x.vn\"\n[[menu]]\nname = \"A\"\nurl = \"/a/\"\n\
                    [[menu]]\nname = \"B\"\nurl = '/a/'\n[extra.mang_xa_hoi]\nfacebook = [\"x\", \"y\"]\n";
        let config = site(toml).unwrap();
        let span = |path: &[&str]| value_span(&config.source, path).map(|s| &toml[s]);
        assert_eq!(span(&["menu", "0", "url"]), Some("\"/a/\""));
        assert_eq!(span(&["menu", "1", "url"]), Some("'/a/'"));
        assert_eq!(span(&["extra", "mang_xa_hoi", "facebook", "1"]), Some("\"y\""));
        assert_eq!(span(&["menu", "2", "url"]), None);
        assert_eq!(span(&["title", "x"]), None);
        let d = config.error_in(&["menu", "1", "url"], "sai");
        assert_eq!(d.line_col(), Some((8, 7)));
    }

    #[test]
    fn alerts_have_levels_and_dates() {
        let c = site(
            "title = \"T\"\nbase_url = \"https://x.vn\"\n[[alert]]\nmessage = \"Hanh khô\"\nlevel = \"canh_bao\"\nuntil = 2026-12-31\n",
        )
        .unwrap();
        assert_eq!(c.alerts[0].level, AlertLevel::CanhBao);
        assert_eq!(c.alerts[0].until, Some(jiff::civil::date(2026, 12, 31)));
        let err = site("title = \"T\"\nbase_url = \"https://x.vn\"\n[[alert]]\nmessage = \"x\"\nlevel = \"khan\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.contains("giá trị `khan` không có trong danh sách cho phép"), "{err}");
        assert!(err.contains("có phải bạn muốn viết `khan_cap`?"), "{err}");
    }

    #[test]
    fn all_problems_are_reported_together() {
        let toml =
            "title = \"T\"\nbase_url = \"x.vn\"\ntimezone = \"Mars/Base\"\ntheme = \"khong-co\"\n";
        let err = site(toml).unwrap_err();
        assert_eq!(err.error_count(), 3, "{err}");
    }

    #[test]
    fn precompress_names_the_copies() {
        let with =
            |value: &str| site(&format!("title = \"T\"\nbase_url = \"https://x.vn\"\n{value}"));
        let formats = |value: &str| with(value).unwrap().precompress;
        let (gzip, both) =
            (Precompress { gzip: true, brotli: false }, Precompress { gzip: true, brotli: true });
        assert_eq!(formats(""), Precompress::default());
        assert_eq!(formats("precompress = false\n"), Precompress::default());
        assert_eq!(formats("precompress = true\n"), gzip, "brotli only when named");
        assert_eq!(formats("precompress = [\"gzip\", \"br\"]\n"), both);
        assert_eq!(formats("precompress = [\"brotli\", \"gz\"]\n"), both);
        assert_eq!(formats("precompress = [\"GZIP\", \" Br\"]\n"), both);
        assert_eq!(formats("precompress = [\"gzip\"]\n"), gzip);
        assert_eq!(formats("precompress = []\n"), Precompress::default());
        // Every wrong name at once, each where it is written, with what to write instead.
        let err = with("precompress = [\"gzip\", \"zstd\", 5]\n").unwrap_err();
        assert_eq!(err.error_count(), 2, "{err}");
        let text = err.to_string();
        assert!(
            text.contains("không có kiểu nén `\"zstd\"`") && text.contains("site.toml:3:24"),
            "{text}"
        );
        assert!(
            text.contains("không có kiểu nén `5`") && text.contains("site.toml:3:32"),
            "{text}"
        );
        assert!(text.contains("precompress = [\"gzip\", \"br\"]"), "{text}");
        let err = with("precompress = \"có\"\n").unwrap_err().to_string();
        assert!(
            err.contains("cần true, false hoặc một danh sách kiểu nén, nhưng gặp `\"có\"`"),
            "{err}"
        );
        assert!(err.contains("site.toml:3:15"), "{err}");
    }
}
