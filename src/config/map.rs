//! `[map]` in `site.toml`: the ward's outline under the overview maps of places (issue 16,
//! point 4).
//!
//! ```toml
//! [map]
//! outline = "du-lieu/ranh-gioi.geojson"   # relative to the folder of site.toml
//! ```
//!
//! The file is a GeoJSON (RFC 7946) `Polygon` or `MultiPolygon`, bare or in a `Feature` or
//! `FeatureCollection`, read by [`crate::chart::map::read_outline`]. [`settings`] checks the
//! path as written (pure, part of `config::parse`); [`read`], called by `config::load`, reads
//! the file: the one place the outline touches the disk. Without the setting nothing is read
//! and the maps are drawn as before, without an outline.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Deserialize;

use super::FILE_NAME;
use crate::chart::map::Outline;
use crate::diagnostic::Diagnostic;

/// `[map]` as written.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawMap {
    #[serde(default)]
    outline: Option<toml::Spanned<String>>,
}

/// `[map]`, checked; the outline itself is read by `config::load`.
#[derive(Debug, Clone, Default)]
pub struct MapConfig {
    /// The outline's file as written in `outline`, relative to the site's root, checked to
    /// stay inside it; `None` without the setting.
    pub outline_file: Option<PathBuf>,
    /// Where the value of `outline` is written in `site.toml`, quotes included.
    pub outline_span: Option<Range<usize>>,
    /// The outline read from `outline_file` by `config::load` (`config::parse` reads no file,
    /// so a configuration it returns has none yet).
    pub outline: Option<Arc<Outline>>,
}

/// How an outline is written and where a ward gets one, for every message about it.
pub const OUTLINE_HELP: &str = "tệp ranh giới là GeoJSON (RFC 7946) có một `Polygon` hoặc \
    `MultiPolygon` (để trần, hoặc trong một `Feature` hay `FeatureCollection`), mỗi toạ độ viết \
    [kinh độ, vĩ độ], mỗi vòng khép kín (toạ độ cuối trùng toạ độ đầu); có thể xuất ranh giới \
    phường từ OpenStreetMap rồi đối chiếu với bản đồ địa giới chính thức";

/// The example in messages about the path.
const EXAMPLE: &str = "ví dụ: outline = \"du-lieu/ranh-gioi.geojson\"";

/// `[map]` checked: the path is relative to `root`, written with `/`, and stays inside the
/// site without reaching into the output folder `output_dir` (rebuilt at every build).
pub(super) fn settings(
    raw: RawMap,
    root: &Path,
    output_dir: &Path,
    source: &Arc<str>,
    problems: &mut crate::diagnostic::Problems,
) -> MapConfig {
    let Some(written) = raw.outline else { return MapConfig::default() };
    let span = written.span();
    let outline_file = match outline_path(written.get_ref()) {
        Ok(path) if root.join(&path).starts_with(output_dir) => {
            let output = crate::fs::relative(output_dir, root).display().to_string();
            problems.push(
                Diagnostic::error(
                    FILE_NAME,
                    format!(
                        "tệp ranh giới `{}` nằm trong thư mục xuất `{output}`, nơi mỗi lần dựng \
                         trang bị thay mới",
                        written.get_ref()
                    ),
                )
                .at(source, span.clone())
                .help(format!("để tệp ở một thư mục khác của trang, {EXAMPLE}")),
            );
            None
        }
        Ok(path) => Some(path),
        Err(message) => {
            problems.push(Diagnostic::error(FILE_NAME, message).at(source, span.clone()).help(
                format!(
                    "ghi đường dẫn tính từ thư mục của trang (nơi có site.toml), ngăn cách bằng \
                     dấu /, {EXAMPLE}"
                ),
            ));
            None
        }
    };
    MapConfig { outline_file, outline_span: Some(span), outline: None }
}

/// The outline's path as written, relative and inside the site, or what is wrong with it.
fn outline_path(written: &str) -> Result<PathBuf, String> {
    if written.trim().is_empty() {
        return Err("`outline` trống: cần đường dẫn của tệp ranh giới".to_string());
    }
    if written.contains('\\') {
        return Err(format!("đường dẫn `{written}` dùng dấu \\ (kiểu Windows): hãy dùng dấu /"));
    }
    let path = Path::new(written);
    let inside = !path.is_absolute() && !written.contains(':');
    match crate::fs::normalize(path).filter(|p| inside && !p.as_os_str().is_empty()) {
        Some(path) => Ok(path),
        None => Err(format!("tệp ranh giới `{written}` nằm ngoài thư mục của trang")),
    }
}

/// The file `outline` names in the text of a `site.toml`, relative to the site's root, when it
/// reads as one; nothing is checked beyond the path. For `pccc serve`, which watches the file
/// even while the site does not build.
pub fn outline_file_in(site_toml: &str) -> Option<PathBuf> {
    let table: toml::Table = toml::from_str(site_toml).ok()?;
    let written = table.get("map")?.get("outline")?.as_str()?;
    outline_path(written).ok()
}

/// Reads the outline `config` names (`None` without the setting). A file missing is placed on
/// the setting in `site.toml`; what is wrong inside the file, on the file, with the line and
/// column where the JSON parser says.
pub(super) fn read(config: &super::Config) -> Result<Option<Arc<Outline>>, Diagnostic> {
    let Some(file) = &config.map.outline_file else { return Ok(None) };
    let setting = |d: Diagnostic| match &config.map.outline_span {
        Some(span) => d.at(&config.source, span.clone()),
        None => d,
    };
    let path = config.root.join(file);
    if !path.exists() {
        return Err(setting(Diagnostic::error(
            FILE_NAME,
            format!("không tìm thấy tệp ranh giới `{}`", file.display()),
        ))
        .help(
            "đặt tệp GeoJSON ranh giới phường vào đường dẫn này (tính từ thư mục có site.toml), \
             hoặc xoá dòng `outline` để vẽ bản đồ không có ranh giới",
        ));
    }
    let bytes = crate::fs::read(&path, file)?;
    let text = crate::load::decode(file, &bytes)?;
    parse(file, &text, config).map(|outline| Some(Arc::new(outline)))
}

/// The outline in `text`, the file `file` named in `config`; pure.
fn parse(file: &Path, text: &Arc<str>, config: &super::Config) -> Result<Outline, Diagnostic> {
    crate::chart::map::read_outline(text).map_err(|e| {
        let mut d = Diagnostic::error(file, e.message).help(OUTLINE_HELP);
        if let Some((line, column)) = e.line_col {
            d = d.at_line_col(text, line, column, 1);
        }
        if let Some(span) = &config.map.outline_span {
            let line = crate::diagnostic::line_col(&config.source, span.start).0;
            d = d.note(format!("tệp này là ranh giới trên bản đồ, đặt ở {FILE_NAME} dòng {line}"));
        }
        d
    })
}
