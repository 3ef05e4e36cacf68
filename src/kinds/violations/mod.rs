//! The public list of violating facilities (danh sách công khai vi phạm về PCCC, ward plan 4.4).
//!
//! Records live in `content/vi-pham/` as YAML files (one record each) or as rows of the
//! office's spreadsheets (`.csv`, `.xlsx`). They are read and checked here, given their status
//! on the build's day, and rendered by [`views`](mod@views) into the list, its views, a page per record,
//! open data and a feed. Only an allowlist of fields is ever published ([`published`]); for an
//! individual even less, and anything a reader would read as an ID number, a phone number or a
//! birth date in a published field stops the build ([`personal`]).

pub mod check;
pub mod formula;
pub mod import;
pub mod personal;
pub mod schema;
pub mod sheet;
pub mod views;
mod workbook;

use std::path::{Path, PathBuf};
use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::Config;
use crate::content_type::{DataSet, DataSetType};
use crate::diagnostic::{Diagnostic, Problems};
use crate::load::{DataFile, SourceFile};
use schema::{Entry, OwnerKind, Remediation, RemovalReason};

/// The folder of `content/` the records live in, and the URL of the list.
pub const DIR: &str = "vi-pham";

/// The list of violations in the registry ([`crate::kinds::DATA_KINDS`]).
pub struct Violations;

impl DataSetType for Violations {
    fn dir(&self) -> &'static str {
        DIR
    }

    fn load(
        &self,
        config: &Config,
        files: &[&DataFile],
        today: Date,
        problems: &mut Problems,
    ) -> Box<dyn DataSet> {
        Box::new(load(config, files, today, problems))
    }
}

/// Every record, checked, with its state on the build's day.
#[derive(Debug, Default)]
pub struct Register {
    /// Records sorted by id.
    pub records: Vec<Record>,
}

impl Register {
    /// Whether some record is invented sample data.
    pub fn is_sample(&self) -> bool {
        self.records.iter().any(|r| r.entry.sample)
    }
}

/// One record and where it came from.
#[derive(Debug, Clone)]
pub struct Record {
    /// The data.
    pub entry: Entry,
    /// Where it was written, for messages.
    pub origin: Origin,
    /// Its state on the build's day.
    pub state: State,
}

/// Where a record was written.
#[derive(Debug, Clone)]
pub struct Origin {
    /// The file, relative to the site root.
    pub path: PathBuf,
    /// Its text, for YAML and CSV files.
    pub text: Option<Arc<str>>,
    /// The spreadsheet row, for imported records.
    pub row: Option<Row>,
}

/// A spreadsheet row a record came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Row {
    /// Row number as the spreadsheet shows it (the header is row 1).
    pub number: usize,
    /// Line of the text where the row starts, for CSV files.
    pub line: Option<usize>,
    /// Byte range of each cell's text in the file, by column index, for CSV files.
    pub cells: Vec<std::ops::Range<usize>>,
    /// Field key, column index (0-based) and header of each mapped column.
    pub columns: Vec<(String, usize, String)>,
}

/// Where a record stands on the build's day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    /// Not yet published.
    Pending,
    /// On the public list.
    Listed {
        /// Remediation status.
        status: Remediation,
        /// The deadline passed without remediation.
        overdue: bool,
    },
    /// Remediated, on the "đã khắc phục" list until `leaves`.
    Remediated {
        /// Remediated on.
        on: Date,
        /// Last day shown.
        leaves: Date,
    },
    /// Remediated long enough ago to have left the lists; only counted.
    Retired,
    /// Taken off the list ("đã gỡ").
    Removed {
        /// When.
        on: Date,
        /// Why.
        reason: RemovalReason,
    },
}

impl State {
    /// Whether the record has a page and appears in open data.
    pub fn is_published(self) -> bool {
        matches!(self, State::Listed { .. } | State::Remediated { .. })
    }

    /// The status code (for CSS and data) and its label.
    pub fn status(self) -> (&'static str, &'static str) {
        match self {
            State::Listed { overdue: true, .. } => ("qua_han", "Quá hạn khắc phục"),
            State::Listed { status, .. } => (status.name(), status.label()),
            State::Remediated { .. } | State::Retired => ("da_khac_phuc", "Đã khắc phục"),
            State::Removed { .. } => ("da_go", "Đã gỡ khỏi danh sách"),
            State::Pending => ("chua_cong_khai", "Chưa công khai"),
        }
    }
}

/// The remediation status of `entry` on `day`: the latest dated status up to that day.
pub fn status_on(entry: &Entry, day: Date) -> (Remediation, Option<Date>) {
    let mut steps: Vec<(Date, Remediation)> =
        entry.remediation.updates.iter().map(|u| (u.date, u.status)).collect();
    if let Some(status) = entry.remediation.status {
        let since = entry
            .remediation
            .status_date
            .or(entry.decision.as_ref().map(|d| d.date))
            .unwrap_or(entry.publication.since);
        steps.push((since, status));
    }
    steps.sort_by_key(|(d, _)| *d);
    steps
        .into_iter()
        .rev()
        .find(|(d, _)| *d <= day)
        .map(|(d, s)| (s, Some(d)))
        .unwrap_or((Remediation::ChuaKhacPhuc, None))
}

/// The state of `entry` on `day`, remediated records staying `grace_days` on their list.
pub fn state_on(entry: &Entry, day: Date, grace_days: i64) -> State {
    let publication = &entry.publication;
    if publication.since > day {
        return State::Pending;
    }
    if let Some(removal) = publication.removal.as_ref().filter(|r| r.date <= day) {
        return State::Removed { on: removal.date, reason: removal.reason };
    }
    if let Some(until) = publication.until.filter(|u| *u < day) {
        return State::Removed { on: until, reason: RemovalReason::HetThoiHan };
    }
    match status_on(entry, day) {
        (Remediation::DaKhacPhuc, on) => {
            let on = on.unwrap_or(publication.since);
            // A grace longer than the calendar (jiff's spans stop at about 20,000 years) means
            // the record stays: jiff's `days` would panic on it.
            let leaves = jiff::Span::new()
                .try_days(grace_days.max(0))
                .ok()
                .and_then(|grace| on.checked_add(grace).ok())
                .unwrap_or(Date::MAX);
            if day > leaves { State::Retired } else { State::Remediated { on, leaves } }
        }
        (status, _) => State::Listed {
            status,
            overdue: status != Remediation::ChuyenDieuTra
                && entry.remediation.deadline.is_some_and(|d| d < day),
        },
    }
}

/// A published field: its key (`facility.name`), CSV header, and value as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    /// Key in the YAML schema; also the JSON key.
    pub key: &'static str,
    /// Column header in the CSV download.
    pub header: &'static str,
    /// The value.
    pub value: String,
}

/// The allowlist: every published field, in the CSV's column order.
pub const PUBLISHED: [(&str, &str); 16] = [
    ("id", "Mã hồ sơ"),
    ("facility.name", "Tên cơ sở"),
    ("facility.type", "Loại hình"),
    ("facility.address", "Địa chỉ"),
    ("facility.to_dan_pho", "Tổ dân phố"),
    ("owner.kind", "Chủ cơ sở là"),
    ("owner.name", "Chủ cơ sở"),
    ("categories", "Hành vi vi phạm"),
    ("description", "Mô tả vi phạm"),
    ("legal_refs", "Căn cứ pháp lý"),
    ("decision", "Quyết định xử lý"),
    ("sanctions", "Hình thức xử phạt"),
    ("corrective_measures", "Biện pháp khắc phục"),
    ("remediation.deadline", "Thời hạn khắc phục"),
    ("publication.legal_basis", "Căn cứ công khai"),
    ("publication.since", "Công khai từ ngày"),
];

/// Fields an individual's record may publish (Luật 91/2025/QH15 Điều 16; domain brief §1.6):
/// the name, the facility's address, the violation, the decision and the status.
const INDIVIDUAL: [&str; 11] = [
    "id",
    "facility.address",
    "facility.to_dan_pho",
    "owner.kind",
    "owner.name",
    "categories",
    "description",
    "legal_refs",
    "decision",
    "remediation.deadline",
    "publication.since",
];

/// Whether `key` may be published for an owner of this kind.
pub fn may_publish(kind: OwnerKind, key: &str) -> bool {
    match kind {
        OwnerKind::ToChuc => PUBLISHED.iter().any(|(k, _)| *k == key),
        OwnerKind::CaNhan => INDIVIDUAL.contains(&key),
    }
}

/// The published fields of `entry`, as text; withheld fields are left out.
pub fn published(entry: &Entry) -> Vec<Field> {
    let join = |items: Vec<String>| items.join("; ");
    PUBLISHED
        .iter()
        .filter(|(key, _)| may_publish(entry.owner.kind, key))
        .map(|&(key, header)| {
            let value = match key {
                "id" => entry.id.clone(),
                "facility.name" => entry.facility.name.clone(),
                "facility.type" => entry.facility.kind.label().to_string(),
                "facility.address" => entry.facility.address.clone(),
                "facility.to_dan_pho" => entry.facility.to_dan_pho.clone(),
                "owner.kind" => entry.owner.kind.label().to_string(),
                "owner.name" => entry.owner.name.clone(),
                "categories" => {
                    join(entry.categories.iter().map(|c| c.label().to_string()).collect())
                }
                "description" => entry.description.clone(),
                "legal_refs" => join(entry.legal_refs.clone()),
                "decision" => entry
                    .decision
                    .as_ref()
                    .map(|d| format!("{} của {}", d.reference(), d.issuer))
                    .unwrap_or_default(),
                "sanctions" => join(entry.sanctions.iter().map(|s| s.text()).collect()),
                "corrective_measures" => join(entry.corrective_measures.clone()),
                "remediation.deadline" => {
                    entry.remediation.deadline.map(|d| d.to_string()).unwrap_or_default()
                }
                "publication.legal_basis" => {
                    entry.publication.legal_basis.clone().unwrap_or_default()
                }
                "publication.since" => entry.publication.since.to_string(),
                _ => String::new(),
            };
            Field { key, header, value }
        })
        .collect()
}

/// Reads every record from `files` (the data files under `content/vi-pham/`, as loaded), checks
/// them and gives each its state on `today`. Problems go to `problems`.
pub fn load(
    config: &Config,
    files: &[&DataFile],
    today: Date,
    problems: &mut Problems,
) -> Register {
    let mut records = Vec::new();
    let columns = match import::Columns::new(&config.violations.columns) {
        Ok(columns) => columns,
        Err(ds) => {
            for (header, message) in ds {
                problems.push(
                    config
                        .error_at(&header, message)
                        .help(format!("các trường có thể dùng: {}", import::FIELDS.join(", "))),
                );
            }
            return Register::default();
        }
    };
    // One record a file: read on every core. Sheets are read in turn below.
    let yaml: Vec<Option<Result<Record, Problems>>> = files
        .par_iter()
        .map(|file| matches!(file.extension.as_str(), "yaml" | "yml").then(|| read_yaml(file)))
        .collect();
    for (file, yaml) in files.iter().zip(yaml) {
        let shown = file.path.as_path();
        let result = match (yaml, file.extension.as_str()) {
            (Some(record), _) => record.map(|r| vec![r]),
            (None, "csv") => bytes_of(file, "tệp CSV lớn hơn")
                .and_then(|bytes| import::parse_csv(shown, bytes, &columns, problems)),
            (None, "xlsx") => bytes_of(file, "tệp Excel lớn hơn")
                .and_then(|bytes| import::parse_xlsx(shown, bytes, &columns, problems)),
            _ => Err(Problems::from(
                Diagnostic::error(shown, "không đọc được loại tệp này trong danh sách vi phạm")
                    .help("dùng tệp .yaml (mỗi tệp một hồ sơ), .csv hoặc .xlsx"),
            )),
        };
        match result {
            Ok(found) => records.extend(found),
            Err(found) => problems.extend(found.iter().cloned()),
        }
    }
    problems.extend(check::check(&records));
    records.sort_by(|a, b| a.entry.id.cmp(&b.entry.id));
    for record in &mut records {
        record.state = state_on(&record.entry, today, config.violations.grace_days);
    }
    Register { records }
}

/// The bytes of a data file as loaded; `too_large` begins the message for one past the limit.
fn bytes_of<'a>(file: &'a DataFile, too_large: &str) -> Result<&'a [u8], Problems> {
    match &file.bytes {
        Ok(Some(bytes)) => Ok(bytes),
        Ok(None) => Err(sheet::too_large(&file.path, too_large).into()),
        Err(d) => Err(d.clone().into()),
    }
}

fn read_yaml(file: &DataFile) -> Result<Record, Problems> {
    parse_yaml(&file.path, bytes_of(file, "tệp YAML lớn hơn")?)
}

/// Reads one record from the `bytes` of a YAML file; `shown` is the path messages name. Pure:
/// the build reads through the files under `content/vi-pham/`, the fuzz targets call it directly.
pub fn parse_yaml(shown: &Path, bytes: &[u8]) -> Result<Record, Problems> {
    let text = crate::load::decode(shown, bytes)?;
    let file = SourceFile {
        path: shown.to_path_buf(),
        content_path: String::new(),
        text: Arc::clone(&text),
    };
    let entry: Entry = crate::front_matter::deserialize_data(&file).map_err(Problems::from)?;
    Ok(Record {
        entry,
        origin: Origin { path: shown.to_path_buf(), text: Some(text), row: None },
        state: State::Pending,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use schema::*;

    fn entry() -> Entry {
        serde_yaml::from_str(
            "id: vp-1\nfacility: {name: A, type: khac, address: B, to_dan_pho: C}\n\
             owner: {kind: to_chuc, name: D}\ncategories: [khac]\ndescription: E\n\
             decision: {number: '1', symbol: QĐ-XPHC, date: 2026-02-01, issuer: F}\n\
             remediation:\n  deadline: 2026-04-01\n  status: da_khac_phuc\n  status_date: 2026-05-10\n  \
             updates: [{date: 2026-03-01, status: dang_khac_phuc}]\n\
             publication: {legal_basis: G, since: 2026-02-05}\n",
        )
        .unwrap()
    }

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn state_follows_the_dates() {
        let e = entry();
        assert_eq!(state_on(&e, day("2026-02-01"), 30), State::Pending);
        assert_eq!(
            state_on(&e, day("2026-02-10"), 30),
            State::Listed { status: Remediation::ChuaKhacPhuc, overdue: false }
        );
        assert_eq!(
            state_on(&e, day("2026-03-02"), 30),
            State::Listed { status: Remediation::DangKhacPhuc, overdue: false }
        );
        assert_eq!(
            state_on(&e, day("2026-04-02"), 30),
            State::Listed { status: Remediation::DangKhacPhuc, overdue: true }
        );
        assert_eq!(
            state_on(&e, day("2026-05-10"), 30),
            State::Remediated { on: day("2026-05-10"), leaves: day("2026-06-09") }
        );
        assert_eq!(state_on(&e, day("2026-06-10"), 30), State::Retired);
    }

    #[test]
    fn a_grace_longer_than_the_calendar_keeps_the_record() {
        // Found by the `violations_yaml` fuzz target: `grace_days = 9999999` in site.toml
        // made jiff panic.
        let e = entry();
        for grace in [7_304_485, 9_999_999, i64::MAX] {
            assert_eq!(
                state_on(&e, day("2026-06-10"), grace),
                State::Remediated { on: day("2026-05-10"), leaves: Date::MAX },
                "{grace}"
            );
        }
    }

    #[test]
    fn individuals_publish_less() {
        let mut e = entry();
        e.owner.kind = OwnerKind::CaNhan;
        let keys: Vec<&str> = published(&e).iter().map(|f| f.key).collect();
        assert!(!keys.contains(&"facility.name"));
        assert!(!keys.contains(&"sanctions"));
        assert!(keys.contains(&"owner.name"));
    }
}
