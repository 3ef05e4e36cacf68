//! Điểm chữa cháy công cộng (community fire points, ward plan 5.3): a cabinet of extinguishers,
//! hose and tools at the mouth of an alley a fire engine cannot enter, for anyone nearby to use
//! before the firefighters arrive (domain brief §4.1).
//!
//! One YAML file a point in `content/diem-chua-chay/`. Each inspection is dated, with its
//! result; the point's status on the build's day is the result of the last inspection up to
//! that day (an inspection dated later is not shown before its day), and every inspection is an entry of the list's Atom feed. Who looks after a point
//! is published by role only: a phone number in any published text stops the build (Luật
//! 91/2025/QH15). Rendered by [`views`](mod@views) through [`crate::view::places`].

pub mod views;

use jiff::civil::Date;
use serde::Deserialize;

use crate::closed_list::closed_list;
use crate::diagnostic::Diagnostic;
use crate::place::{self, Item, Location, Source};

/// The folder of `content/` the records live in, and the URL of the list.
pub const DIR: &str = "diem-chua-chay";

/// The community fire points in the registry ([`crate::kinds::DATA_KINDS`]).
pub struct FirePoints;

closed_list! {
    /// What an inspection found.
    pub enum Finding, "kết quả kiểm tra" {
        /// Everything there and usable.
        Dat = "dat", "Đạt: đủ phương tiện, dùng được";
        /// Something missing or expired.
        CanBoSung = "can_bo_sung", "Cần bổ sung, thay thế phương tiện";
        /// Not usable.
        HuHong = "hu_hong", "Hư hỏng, chưa dùng được";
    }
}

/// A point's status on a day: the result of its last inspection up to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// Never inspected yet.
    ChuaKiemTra,
    /// As the last inspection found.
    Checked(Finding),
}

impl Status {
    /// Status code and label.
    pub fn code(self) -> (&'static str, &'static str) {
        match self {
            Status::ChuaKiemTra => ("chua_kiem_tra", "Chưa kiểm tra"),
            Status::Checked(Finding::Dat) => ("san_sang", "Sẵn sàng sử dụng"),
            Status::Checked(Finding::CanBoSung) => ("can_bo_sung", "Cần bổ sung phương tiện"),
            Status::Checked(Finding::HuHong) => ("hu_hong", "Hư hỏng, chưa dùng được"),
        }
    }
}

/// One community fire point, as written in its YAML file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Point {
    /// Stable id, the last part of its page's address (`dcc-01`).
    pub id: String,
    /// Its name ("Điểm chữa cháy công cộng đầu ngõ 12 Khương Hạ").
    pub name: String,
    /// Invented data for the sample site.
    #[serde(default)]
    pub sample: bool,
    /// Where it is.
    pub location: Location,
    /// What it holds.
    pub equipment: Vec<Item>,
    /// Who looks after it.
    pub responsible: Responsible,
    /// Inspections, in any order.
    #[serde(default)]
    pub inspections: Vec<Inspection>,
    /// Anything else readers should know (where the key is kept, for example).
    #[serde(default)]
    pub notes: Option<String>,
}

/// Who looks after a point: a role, never a private person's phone.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Responsible {
    /// The role ("Tổ trưởng tổ dân phố số 5").
    pub role: String,
    /// The body behind it ("Tổ dân phố số 5", "Công an phường").
    #[serde(default)]
    pub unit: Option<String>,
}

/// One inspection.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Inspection {
    /// When.
    #[serde(deserialize_with = "crate::dates::day")]
    pub date: Date,
    /// What it found.
    pub result: Finding,
    /// What was done or is missing.
    #[serde(default)]
    pub note: Option<String>,
}

impl Point {
    /// The last inspection up to `day`.
    pub fn last_inspection(&self, day: Date) -> Option<&Inspection> {
        self.inspections.iter().filter(|i| i.date <= day).max_by_key(|i| i.date)
    }

    /// The status on `day`.
    pub fn status(&self, day: Date) -> Status {
        self.last_inspection(day).map_or(Status::ChuaKiemTra, |i| Status::Checked(i.result))
    }
}

impl place::PlaceKind for FirePoints {
    type Record = Point;
    const DIR: &'static str = DIR;
    const WHAT: &'static str = "danh sách điểm chữa cháy công cộng";

    fn check(records: &[(Point, Source)]) -> Vec<Diagnostic> {
        check(records)
    }

    fn place(record: &Point) -> (&Location, &str) {
        (&record.location, &record.name)
    }
}

/// Every problem of every point, all at once.
pub fn check(points: &[(Point, Source)]) -> Vec<Diagnostic> {
    let mut problems = place::check_ids(points.iter().map(|(p, s)| (p.id.as_str(), s)), "dcc-01");
    for (p, source) in points {
        problems.extend(source.check_location(&p.location));
        if p.name.trim().is_empty() {
            problems.push(source.error("name", "thiếu tên điểm chữa cháy `name`").help(
                "ghi tên theo nơi đặt, ví dụ `name: \"Điểm chữa cháy công cộng đầu ngõ 12 Khương Hạ\"`",
            ));
        }
        if p.equipment.is_empty() {
            problems.push(
                source
                    .error("equipment", "điểm chữa cháy chưa ghi phương tiện `equipment`")
                    .help("ghi từng loại với số lượng, ví dụ `- {item: binh_chua_chay, qty: 4}`"),
            );
        }
        if p.responsible.role.trim().is_empty() {
            problems.push(
                source
                    .error("responsible.role", "thiếu chức vụ người phụ trách `responsible.role`")
                    .help("ghi chức vụ, không ghi tên hay số điện thoại, ví dụ `role: \"Tổ trưởng tổ dân phố số 5\"`"),
            );
        }
        let mut texts: Vec<(String, &str)> = vec![
            ("name".into(), &p.name),
            ("location.address".into(), &p.location.address),
            ("responsible.role".into(), &p.responsible.role),
        ];
        texts.extend(p.responsible.unit.as_deref().map(|u| ("responsible.unit".into(), u)));
        texts.extend(p.notes.as_deref().map(|n| ("notes".into(), n)));
        for (n, inspection) in p.inspections.iter().enumerate() {
            texts.extend(inspection.note.as_deref().map(|t| (format!("inspections.{n}.note"), t)));
        }
        let texts: Vec<(&str, &str)> = texts.iter().map(|(k, v)| (k.as_str(), *v)).collect();
        problems.extend(place::phone_numbers(source, &texts));
    }
    problems
}
