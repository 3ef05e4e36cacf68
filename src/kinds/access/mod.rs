//! Access problems for fire engines (ward plan 6.1): deep alleys they cannot enter, barriers
//! and concrete posts that block them, water sources that cannot be reached.
//!
//! Records live in `content/tiep-can/` as YAML files, one record each. They are read and
//! checked here ([`check`]) and given their status on the build's day from their dated steps;
//! [`views`](mod@views) renders the list (grouped by status, the overdue ones first), a page
//! per record, an Atom feed of the steps and the open data.

pub mod check;
pub mod schema;
pub mod views;

use jiff::civil::Date;

use crate::config::Config;
use crate::content_type::{DataSet, DataSetType, Placed};
use crate::diagnostic::Problems;
use crate::load::DataFile;
use crate::place::Source;
use schema::{Entry, Status};

/// The folder of `content/` the records live in, and the URL of the list.
pub const DIR: &str = "tiep-can";

/// The access problems in the registry ([`crate::kinds::DATA_KINDS`]).
pub struct AccessProblems;

impl DataSetType for AccessProblems {
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

/// One record, where it was written, and its state on the build's day.
#[derive(Debug, Clone)]
pub struct Record {
    /// The data.
    pub entry: Entry,
    /// Its file, where messages point.
    pub source: Source,
    /// Its state on the build's day; `None` before its first step (not yet published).
    pub state: Option<State>,
}

/// Where a record stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct State {
    /// The status of the latest step up to that day.
    pub status: Status,
    /// The day of that step.
    pub since: Date,
    /// The deadline passed and the problem is not fixed.
    pub overdue: bool,
}

impl State {
    /// The code (for CSS and data) and label of the state: overdue is said as such.
    pub fn label(self) -> (&'static str, &'static str) {
        if self.overdue {
            ("qua_han", "Quá hạn xử lý")
        } else {
            (self.status.name(), self.status.label())
        }
    }
}

/// The state of `entry` on `day`: the status of its latest step up to `day`, overdue when its
/// deadline is before `day` and it is not fixed; `None` before its first step.
pub fn state_on(entry: &Entry, day: Date) -> Option<State> {
    let step = entry.steps.iter().filter(|s| s.date <= day).max_by_key(|s| s.date)?;
    let overdue = step.status != Status::DaKhacPhuc && entry.deadline.is_some_and(|d| d < day);
    Some(State { status: step.status, since: step.date, overdue })
}

/// Reads every record from `files` (the data files under `content/tiep-can/`), checks them and
/// gives each its state on `today`. Problems go to `problems`.
pub fn load(files: &[&DataFile], today: Date, problems: &mut Problems) -> Register {
    let mut records: Vec<Record> =
        crate::place::read_yaml::<Entry>(files, "mục tiếp cận chữa cháy", problems)
            .into_iter()
            .map(|(entry, source)| Record { entry, source, state: None })
            .collect();
    problems.extend(check::check(&records, today));
    records.sort_by(|a, b| a.entry.id.cmp(&b.entry.id));
    for record in &mut records {
        record.state = state_on(&record.entry, today);
    }
    Register { records }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(deadline: &str, steps: &str) -> Entry {
        serde_yaml::from_str(&format!(
            "id: tc-1\nkind: barie\ntitle: A\ndescription: B\n\
             location: {{address: C, to_dan_pho: TDP 1, geo: {{lat: 20.99, lng: 105.81}}}}\n\
             deadline: {deadline}\nsteps: {steps}\n"
        ))
        .unwrap()
    }

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn state_follows_the_steps_and_the_deadline() {
        let e = entry(
            "2026-05-31",
            "[{date: 2026-03-02, status: phat_hien, note: x}, \
             {date: 2026-04-10, status: dang_xu_ly, note: y}, \
             {date: 2026-07-01, status: da_khac_phuc, note: z}]",
        );
        assert_eq!(state_on(&e, day("2026-03-01")), None);
        let at = |d: &str| state_on(&e, day(d)).map(|s| (s.status, s.overdue));
        assert_eq!(at("2026-03-02"), Some((Status::PhatHien, false)));
        assert_eq!(at("2026-05-31"), Some((Status::DangXuLy, false)));
        assert_eq!(at("2026-06-01"), Some((Status::DangXuLy, true)));
        assert_eq!(at("2026-07-01"), Some((Status::DaKhacPhuc, false)));
        assert_eq!(state_on(&e, day("2026-06-01")).unwrap().label().1, "Quá hạn xử lý");
    }
}
