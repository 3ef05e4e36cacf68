//! Đội dân phòng (the neighbourhood fire watch team of each tổ dân phố): the core of the
//! "bốn tại chỗ" forces; the ward plan keeps 100 % of them active (ward plan 5.3, Luật PCCC và
//! CNCH 2024).
//!
//! One YAML file a team in `content/doi-dan-phong/`, at most one team a tổ dân phố. Its
//! status (active or not) changes are dated in `history`; the status on the build's day is the
//! last change up to that day, and each change is an entry of the list's Atom feed. The leader
//! is published by role. Rendered by [`views`](mod@views) through [`crate::view::places`].

pub mod views;

use std::collections::HashMap;

use jiff::civil::Date;
use serde::Deserialize;

use crate::closed_list::closed_list;
use crate::diagnostic::Diagnostic;
use crate::place::{self, Item, Location, Source};

/// The folder of `content/` the records live in, and the URL of the list.
pub const DIR: &str = "doi-dan-phong";

/// The đội dân phòng in the registry ([`crate::kinds::DATA_KINDS`]).
pub struct WatchTeams;

closed_list! {
    /// Whether a team is active.
    pub enum Status, "tình trạng đội dân phòng" {
        /// Active: meets, trains, on call.
        HoatDong = "hoat_dong", "Đang hoạt động";
        /// Not active.
        KhongHoatDong = "khong_hoat_dong", "Không hoạt động";
    }
}

/// One đội dân phòng, as written in its YAML file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Team {
    /// Stable id, the last part of its page's address (`ddp-tdp-5`).
    pub id: String,
    /// Its name ("Đội dân phòng tổ dân phố số 5").
    pub name: String,
    /// Invented data for the sample site.
    #[serde(default)]
    pub sample: bool,
    /// Its base (a community house) and its tổ dân phố.
    pub location: Location,
    /// How many members.
    pub members: u32,
    /// The leader's role ("Tổ trưởng tổ dân phố kiêm đội trưởng").
    pub leader_role: String,
    /// Last trained on (PCCC training by the ward's police).
    #[serde(default, deserialize_with = "crate::dates::optional_day")]
    pub trained_on: Option<Date>,
    /// Equipment of the team.
    #[serde(default)]
    pub equipment: Vec<Item>,
    /// Dated status changes, the founding first.
    pub history: Vec<Change>,
    /// Anything else readers should know.
    #[serde(default)]
    pub notes: Option<String>,
}

/// A dated change of a team's status.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Change {
    /// When.
    #[serde(deserialize_with = "crate::dates::day")]
    pub date: Date,
    /// The status from that day.
    pub status: Status,
    /// Why.
    #[serde(default)]
    pub note: Option<String>,
}

impl Team {
    /// The status on `day`: the last change up to it; none before the first.
    pub fn status(&self, day: Date) -> Option<Status> {
        self.history.iter().filter(|c| c.date <= day).max_by_key(|c| c.date).map(|c| c.status)
    }
}

impl place::PlaceKind for WatchTeams {
    type Record = Team;
    const DIR: &'static str = DIR;
    const WHAT: &'static str = "danh sách đội dân phòng";

    fn check(records: &[(Team, Source)]) -> Vec<Diagnostic> {
        check(records)
    }

    fn place(record: &Team) -> (&Location, &str) {
        (&record.location, &record.name)
    }
}

/// Every problem of every team, all at once.
pub fn check(teams: &[(Team, Source)]) -> Vec<Diagnostic> {
    let mut problems = place::check_ids(teams.iter().map(|(t, s)| (t.id.as_str(), s)), "ddp-tdp-5");
    let mut by_group: HashMap<crate::to_dan_pho::ToDanPho, &Source> = HashMap::new();
    for (t, source) in teams {
        problems.extend(source.check_location(&t.location));
        if let Some(group) = t.location.to_dan_pho()
            && let Some(first) = by_group.insert(group, source)
        {
            problems.push(
                source
                    .error_at_value(
                        "location.to_dan_pho",
                        t.location.to_dan_pho.trim(),
                        format!("{} đã có đội dân phòng", group.name()),
                    )
                    .note(format!("đội đã ghi ở {}", first.path.display()))
                    .help("mỗi tổ dân phố một đội dân phòng: gộp hai tệp, hoặc sửa lại tổ dân phố"),
            );
        }
        if t.name.trim().is_empty() {
            problems.push(
                source.error("name", "thiếu tên đội `name`").help(
                    "ghi tên theo tổ dân phố, ví dụ `name: \"Đội dân phòng tổ dân phố số 5\"`",
                ),
            );
        }
        if t.leader_role.trim().is_empty() {
            problems.push(source.error("leader_role", "thiếu chức vụ đội trưởng `leader_role`").help(
                "ghi chức vụ, không ghi tên, ví dụ `leader_role: \"Đội trưởng, tổ trưởng tổ dân phố\"`",
            ));
        }
        if t.history.is_empty() {
            problems.push(
                source
                    .error("history", "chưa ghi tình trạng của đội trong `history`")
                    .help("ghi ít nhất ngày thành lập, ví dụ `- {date: 2024-03-01, status: hoat_dong, note: \"Thành lập đội\"}`"),
            );
        }
        let mut texts: Vec<(String, &str)> = vec![
            ("name".into(), &t.name),
            ("location.address".into(), &t.location.address),
            ("leader_role".into(), &t.leader_role),
        ];
        texts.extend(t.notes.as_deref().map(|n| ("notes".into(), n)));
        for (n, change) in t.history.iter().enumerate() {
            texts.extend(change.note.as_deref().map(|x| (format!("history.{n}.note"), x)));
        }
        let texts: Vec<(&str, &str)> = texts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        problems.extend(place::phone_numbers(source, &texts));
    }
    problems
}
