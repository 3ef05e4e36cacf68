//! Water sources for fire fighting (ward plan 6.1): fire hydrants, ponds and lakes, tanks;
//! whether each is usable, when it was last checked, why not when it is not, and whether fire
//! engines can reach it.
//!
//! Records live in `content/nguon-nuoc/` as YAML files, one record each; they are read and
//! checked here and rendered by [`views`](mod@views) into the list, a page per source and the
//! open data.

pub mod views;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::closed_list::closed_list;
use crate::config::Config;
use crate::content_type::{DataSet, DataSetType, Placed};
use crate::diagnostic::{Diagnostic, Problems};
use crate::load::DataFile;
use crate::place::Source;

/// The folder of `content/` the records live in, and the URL of the list.
pub const DIR: &str = "nguon-nuoc";

/// The water sources in the registry ([`crate::kinds::DATA_KINDS`]).
pub struct WaterSources;

impl DataSetType for WaterSources {
    fn dir(&self) -> &'static str {
        DIR
    }

    fn places(&self, set: &dyn DataSet) -> Vec<Placed> {
        let Some(register) = (set as &dyn std::any::Any).downcast_ref::<Register>() else {
            return Vec::new();
        };
        register.records.iter().filter_map(|r| r.entry.location.placed(&r.source.path)).collect()
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
}

closed_list! {
    /// What sort of water source.
    pub enum SourceKind, "loại nguồn nước" {
        /// A fire hydrant on the city's water mains.
        TruNuoc = "tru_nuoc", "Trụ nước chữa cháy", ["trụ nước", "họng nước"];
        /// A pond or lake fire engines can pump from.
        AoHo = "ao_ho", "Ao, hồ", ["ao", "hồ"];
        /// A tank kept for fire fighting.
        BeNuoc = "be_nuoc", "Bể nước chữa cháy", ["bể"];
    }
}

closed_list! {
    /// How close a fire engine gets.
    pub enum EngineAccess, "xe chữa cháy tiếp cận" {
        /// The engine parks beside it.
        XeVaoDuoc = "xe_vao_duoc", "Xe chữa cháy đỗ sát được";
        /// The engine stops some way off; hoses are laid to it.
        XeDungXa = "xe_dung_xa", "Xe chữa cháy dừng cách xa, phải trải vòi";
        /// No engine can reach it; only portable pumps.
        KhongTiepCan = "khong_tiep_can", "Xe chữa cháy không tiếp cận được";
    }
}

/// One water source.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Stable id, never reused (`nn-01`); also the page's address.
    pub id: String,
    /// Invented data for the sample site.
    #[serde(default)]
    pub sample: bool,
    /// What sort.
    pub kind: SourceKind,
    /// Its name ("Trụ nước chữa cháy trước số 45 phố Khương Trung").
    pub name: String,
    /// Where it is.
    pub location: crate::place::Location,
    /// Whether it gives water on the day of the last check.
    pub usable: bool,
    /// Why not, when it is not usable.
    #[serde(default)]
    pub reason: Option<String>,
    /// The day of the last check.
    #[serde(deserialize_with = "crate::dates::day")]
    pub last_checked: Date,
    /// How close a fire engine gets.
    pub engine_access: EngineAccess,
    /// Size or flow, in plain words ("Hồ rộng khoảng 1,2 ha").
    #[serde(default)]
    pub capacity: Option<String>,
}

/// Every source, checked.
#[derive(Debug, Default)]
pub struct Register {
    /// Sources sorted by id.
    pub records: Vec<Record>,
}

impl Register {
    /// Whether some source is invented sample data.
    pub fn is_sample(&self) -> bool {
        self.records.iter().any(|r| r.entry.sample)
    }
}

/// One source and where it was written.
#[derive(Debug, Clone)]
pub struct Record {
    /// The data.
    pub entry: Entry,
    /// Its file, where messages point.
    pub source: Source,
}

/// Reads every source from `files` (the data files under `content/nguon-nuoc/`) and checks
/// them as of `today`. Problems go to `problems`.
pub fn load(files: &[&DataFile], today: Date, problems: &mut Problems) -> Register {
    let mut records: Vec<Record> =
        crate::place::read_yaml::<Entry>(files, "mục nguồn nước chữa cháy", problems)
            .into_iter()
            .map(|(entry, source)| Record { entry, source })
            .collect();
    problems.extend(check(&records, today));
    records.sort_by(|a, b| a.entry.id.cmp(&b.entry.id));
    Register { records }
}

/// Every problem of every source, all at once: stable unique ids, what a source must carry, a
/// tổ dân phố that reads as one, the reason of an unusable source; a check after `today` is
/// a warning.
pub fn check(records: &[Record], today: Date) -> Vec<Diagnostic> {
    let ids = records.iter().map(|r| (r.entry.id.as_str(), &r.source));
    let mut problems = crate::place::check_ids(ids, "nn-01");
    for record in records {
        let e = &record.entry;
        let source = &record.source;
        if e.name.trim().is_empty() {
            problems
                .push(source.error("name", "thiếu `name`").help("điền nội dung cho trường này"));
        }
        problems.extend(source.check_location(&e.location));
        if e.location.geo.is_none() {
            problems.push(
                source
                    .error("location", "chưa ghi toạ độ `location.geo`")
                    .help(crate::place::GEO_HELP),
            );
        }
        let reason = e.reason.as_deref().map(str::trim).filter(|r| !r.is_empty());
        match (e.usable, reason) {
            (false, None) => problems.push(
                source
                    .error("usable", "nguồn nước không dùng được nhưng chưa ghi lý do (`reason`)")
                    .help("thêm reason: \"…\", ví dụ reason: \"Van trụ bị kẹt, không mở được\""),
            ),
            (true, Some(_)) => problems.push(
                source
                    .error("reason", "đã ghi lý do không dùng được nhưng nguồn nước ghi `usable: true`")
                    .help("nếu nguồn nước không dùng được, sửa thành `usable: false`; nếu đã dùng lại được, bỏ `reason`"),
            ),
            _ => {}
        }
        // A warning, not an error: a site built as of an earlier day (`--as-of`) still builds.
        if e.last_checked > today {
            let mut warning = source.error(
                "last_checked",
                format!(
                    "ngày kiểm tra {} sau ngày dựng trang {}",
                    crate::dates::short(e.last_checked),
                    crate::dates::short(today)
                ),
            );
            warning.severity = crate::diagnostic::Severity::Warning;
            problems.push(warning.help("ghi ngày đã kiểm tra; kiểm tra lại ngày, tháng, năm"));
        }
    }
    problems
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_cell_reads_as_two_values() {
        use crate::closed_list::clashes;
        assert_eq!(clashes::<SourceKind>(), Vec::<String>::new());
        assert_eq!(clashes::<EngineAccess>(), Vec::<String>::new());
    }
}
