//! The plan's indicators (chỉ tiêu, ward plan sections 3.3, 4, 5.3, 6.1; issue 16 point 1):
//! each a record `content/chi-tieu/<slug>.yaml` ([`schema::Spec`]: title, unit, what numerator
//! and denominator count, owner, the plan's task, baseline, target, pace, update frequency,
//! methodology) and its series `content/chi-tieu/<slug>.csv` ([`series`]), the Open SDG
//! pattern. Read and checked here, every problem at once; the status on the build's day is
//! worked out in [`status`]. [`views`](mod@views) makes `/chi-tieu/`, a page per indicator
//! with its chart and table, the downloads and the home page's tiles.

pub mod format;
pub mod schema;
pub mod series;
pub mod shortcode;
pub mod status;
pub mod views;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;

use crate::config::Config;
use crate::content_type::{DataSet, DataSetType, UseProblem};
use crate::diagnostic::{Diagnostic, Problems};
use crate::front_matter::locate::Positions;
use crate::load::{DataFile, SourceFile};
use crate::markdown::DataUse;
use schema::{Spec, Unit};
use series::Row;
use status::Status;

/// The folder of `content/` the indicators live in, and the URL of their list.
pub const DIR: &str = "chi-tieu";

/// The indicators in the registry ([`crate::kinds::DATA_KINDS`]).
pub struct Indicators;

impl DataSetType for Indicators {
    fn dir(&self) -> &'static str {
        DIR
    }

    fn load(
        &self,
        _config: &Config,
        files: &[&DataFile],
        today: Date,
        problems: &mut Problems,
    ) -> Box<dyn DataSet> {
        Box::new(load(files, today, problems))
    }

    fn check_use(&self, set: &dyn DataSet, data_use: &DataUse) -> Option<Result<(), UseProblem>> {
        let dashboard = (set as &dyn std::any::Any).downcast_ref::<Dashboard>()?;
        Some(shortcode::resolve(dashboard, &data_use.code, &data_use.day).map(drop))
    }

    fn use_text(&self, set: &dyn DataSet, data_use: &DataUse) -> Option<String> {
        let dashboard = (set as &dyn std::any::Any).downcast_ref::<Dashboard>()?;
        let (indicator, day) = shortcode::resolve(dashboard, &data_use.code, &data_use.day).ok()?;
        Some(format!("{}: {}", indicator.spec.title, shortcode::sentence(indicator, day)))
    }
}

/// Every indicator, read and checked, with its status on the build's day.
#[derive(Debug, Default)]
pub struct Dashboard {
    /// In the order of the list: by weight, then title.
    pub indicators: Vec<Indicator>,
}

impl Dashboard {
    /// The indicator whose file is `<slug>.yaml`.
    pub fn get(&self, slug: &str) -> Option<&Indicator> {
        self.indicators.iter().find(|i| i.slug == slug)
    }

    /// Whether some indicator is invented sample data.
    pub fn is_sample(&self) -> bool {
        self.indicators.iter().any(|i| i.spec.sample)
    }
}

/// One indicator.
#[derive(Debug, Clone)]
pub struct Indicator {
    /// Its file's name without `.yaml`: its page's address.
    pub slug: String,
    /// What the editor wrote.
    pub spec: Spec,
    /// Its series, date order.
    pub rows: Vec<Row>,
    /// Its status on the build's day.
    pub status: Status,
}

impl Indicator {
    /// The status of this indicator with only the rows up to `day`, as a report dated `day`
    /// sees it.
    pub fn status_on(&self, day: Date) -> Status {
        let rows: Vec<Row> = self.rows.iter().filter(|r| r.date <= day).cloned().collect();
        status::status(&self.spec, &rows, day)
    }
}

/// Reads every indicator from `files` (those under `content/chi-tieu/`): a YAML record each,
/// with the CSV of the same name beside it.
pub fn load(files: &[&DataFile], today: Date, problems: &mut Problems) -> Dashboard {
    let mut by_name: BTreeMap<String, (Option<&DataFile>, Option<&DataFile>)> = BTreeMap::new();
    for &file in files {
        let name = file.content_path.rsplit('/').next().unwrap_or_default();
        let stem = name.rsplit_once('.').map_or(name, |(s, _)| s).to_string();
        match file.extension.as_str() {
            "yaml" | "yml" => by_name.entry(stem).or_default().0 = Some(file),
            "csv" => by_name.entry(stem).or_default().1 = Some(file),
            _ => problems.push(
                Diagnostic::error(&file.path, "không đọc được loại tệp này trong thư mục chỉ tiêu")
                    .help("mỗi chỉ tiêu là một tệp .yaml và một tệp .csv cùng tên, ví dụ thiet-bi-truyen-tin.yaml và thiet-bi-truyen-tin.csv"),
            ),
        }
    }
    let mut indicators = Vec::new();
    for (slug, pair) in by_name {
        match pair {
            (Some(yaml), csv) => {
                if let Some(found) = read(&slug, yaml, csv, today, problems) {
                    indicators.push(found);
                }
            }
            (None, Some(csv)) => problems.push(
                Diagnostic::error(&csv.path, format!("tệp số liệu không có tệp chỉ tiêu `{slug}.yaml` đi kèm"))
                    .help(format!("đặt tệp {slug}.yaml (tên, đơn vị, mục tiêu của chỉ tiêu) cạnh tệp này, hoặc bỏ tệp này nếu không dùng")),
            ),
            (None, None) => {}
        }
    }
    indicators.sort_by(|a, b| (a.spec.weight, &a.spec.title).cmp(&(b.spec.weight, &b.spec.title)));
    Dashboard { indicators }
}

/// The text of a data file as loaded, BOM dropped and NFC.
fn text_of(file: &DataFile) -> Result<Arc<str>, Diagnostic> {
    match &file.bytes {
        Ok(Some(bytes)) => crate::load::decode(&file.path, bytes),
        Ok(None) => Err(Diagnostic::error(&file.path, "tệp lớn hơn giới hạn đọc được")
            .help("tệp số liệu một chỉ tiêu chỉ cần vài chục hàng; kiểm tra đã chọn đúng tệp")),
        Err(d) => Err(d.clone()),
    }
}

/// One indicator from its YAML and CSV files; `None` when the record cannot be read.
fn read(
    slug: &str,
    yaml: &DataFile,
    csv: Option<&DataFile>,
    today: Date,
    problems: &mut Problems,
) -> Option<Indicator> {
    let text = text_of(yaml).map_err(|d| problems.push(d)).ok()?;
    let source = SourceFile {
        path: yaml.path.clone(),
        content_path: String::new(),
        text: Arc::clone(&text),
    };
    let spec: Spec = match crate::front_matter::deserialize_data(&source) {
        Ok(spec) => spec,
        Err(found) => {
            problems.extend(found);
            return None;
        }
    };
    let at = Record { path: &yaml.path, text: &text };
    if !crate::slug::is_valid(slug) {
        problems.push(at.error("title", format!("tên tệp `{slug}.yaml` không dùng được làm địa chỉ trang"))
            .help("đặt tên tệp bằng chữ thường không dấu, số và dấu gạch ngang, ví dụ thiet-bi-truyen-tin.yaml"));
    }
    problems.extend(check(&spec, &at));
    let rows = match csv {
        Some(csv) => match text_of(csv) {
            Ok(csv_text) => {
                let (rows, found) =
                    series::read(&csv.path, &csv_text, spec.unit, spec.frequency, today);
                problems.extend(found);
                rows
            }
            Err(d) => {
                problems.push(d);
                Vec::new()
            }
        },
        None => {
            problems.push(at.error("title", format!("chỉ tiêu `{slug}` chưa có tệp số liệu `{slug}.csv`")).help(format!(
                "đặt tệp {slug}.csv cạnh tệp này, dòng đầu ghi: {}; chưa có số liệu thì chỉ ghi dòng đầu",
                series::HEADER.join(",")
            )));
            Vec::new()
        }
    };
    let status = status::status(&spec, &rows, today);
    Some(Indicator { slug: slug.to_string(), spec, rows, status })
}

/// A record's file, for messages placed at its fields.
struct Record<'a> {
    path: &'a Path,
    text: &'a Arc<str>,
}

impl Record<'_> {
    /// An error at the value of field `key` (dotted), or at its nearest written parent.
    fn error(&self, key: &str, message: String) -> Diagnostic {
        let d = Diagnostic::error(PathBuf::from(self.path), message);
        match Positions::of(self.text).nearest(key) {
            Some(at) => d.at(self.text, at.value_or_key()),
            None => d.at(self.text, 0..0),
        }
    }
}

/// Checks of a record beyond its fields' types: targets in the unit, coherent dates and pace.
fn check(spec: &Spec, at: &Record<'_>) -> Vec<Diagnostic> {
    let mut problems = Vec::new();
    for (key, value) in [
        ("title", &spec.title),
        ("numerator", &spec.numerator),
        ("owner", &spec.owner),
        ("source_task", &spec.source_task),
        ("methodology", &spec.methodology),
    ] {
        if value.trim().is_empty() {
            problems
                .push(at.error(key, format!("thiếu `{key}`")).help("điền nội dung cho trường này"));
        }
    }
    if spec.unit == Unit::PhanTram
        && spec.denominator.as_deref().is_none_or(|d| d.trim().is_empty())
    {
        problems.push(
            at.error("unit", "chỉ tiêu tính theo phần trăm nhưng thiếu `denominator`".into()).help(
                "ghi mẫu số đếm gì, ví dụ denominator: \"Tổng số cơ sở thuộc diện phải lắp\"",
            ),
        );
    }
    for (key, name, mark) in [
        ("target.value", "mục tiêu", spec.target),
        ("baseline.value", "mức ban đầu", spec.baseline),
    ] {
        problems.extend(in_unit(spec.unit, key, name, mark.value, at));
    }
    if spec.target.date <= spec.baseline.date {
        problems.push(
            at.error(
                "target.date",
                format!(
                    "hạn của mục tiêu ({}) không sau ngày của mức ban đầu ({})",
                    crate::dates::short(spec.target.date),
                    crate::dates::short(spec.baseline.date)
                ),
            )
            .help("ghi ngày phải đạt mục tiêu, sau ngày đo mức ban đầu"),
        );
    }
    if spec.target.value < spec.baseline.value {
        problems.push(at.error("target.value", format!(
            "mục tiêu {} thấp hơn mức ban đầu {}",
            format::number(spec.target.value),
            format::number(spec.baseline.value)
        )).help("trang chỉ tính tiến độ cho chỉ tiêu tăng dần; với số cần giảm (ví dụ số vụ cháy), đổi thành tỷ lệ cần tăng"));
    }
    if let Some(band) = spec.band
        && (band.min_per_month < 0.0 || band.min_per_month > band.max_per_month)
    {
        problems.push(at.error("band", format!(
            "nhịp mỗi tháng từ {} đến {} không hợp lệ",
            format::number(band.min_per_month),
            format::number(band.max_per_month)
        )).help("ghi min_per_month không âm và không lớn hơn max_per_month, ví dụ band: {min_per_month: 5, max_per_month: 8}"));
    }
    problems
}

/// A target or baseline that is not in the indicator's unit.
fn in_unit(unit: Unit, key: &str, name: &str, value: f64, at: &Record<'_>) -> Option<Diagnostic> {
    match unit {
        Unit::PhanTram if !(0.0..=100.0).contains(&value) => Some(
            at.error(key, format!("{name} {} nằm ngoài khoảng 0–100 %: chỉ tiêu này tính theo phần trăm (unit: phan_tram)", format::number(value)))
                .help("ghi số từ 0 đến 100, ví dụ value: 100 cho 100 %"),
        ),
        Unit::SoLuong if value.fract() != 0.0 || value < 0.0 => Some(
            at.error(key, format!("{name} {} không phải số nguyên không âm: chỉ tiêu này đếm số lượng (unit: so_luong)", format::number(value)))
                .help("ghi số nguyên, ví dụ value: 12; nếu là tỷ lệ, ghi unit: phan_tram"),
        ),
        _ => None,
    }
}
