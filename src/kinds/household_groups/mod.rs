//! Tổ liên gia an toàn PCCC (fire-safe household groups, ward plan 5.3): neighbouring
//! households, most of them shop-houses, that keep extinguishers and breaking tools, link their
//! alarm bells and act first when a fire starts ("4 tại chỗ"; CATP Hà Nội's guidance, domain
//! brief §4.1).
//!
//! One YAML file a group in `content/to-lien-gia/`. The group's head is published by role
//! ("Tổ trưởng tổ liên gia"); a name only when the data says the person agreed
//! (`name_consent: true`, Luật 91/2025/QH15 Điều 16). No phone number in any published text.
//! Rendered by [`views`](mod@views) through [`crate::view::places`].

pub mod views;

use jiff::civil::Date;
use serde::Deserialize;

use crate::closed_list::closed_list;
use crate::diagnostic::Diagnostic;
use crate::place::{self, Item, Location, Source};

/// The folder of `content/` the records live in, and the URL of the list.
pub const DIR: &str = "to-lien-gia";

/// The Tổ liên gia in the registry ([`crate::kinds::DATA_KINDS`]).
pub struct HouseholdGroups;

closed_list! {
    /// How a group's alarm is connected.
    pub enum Alarm, "kết nối báo cháy" {
        /// No linked alarm yet.
        ChuaCo = "chua_co", "Chưa có chuông liên kết";
        /// The households' bells ring together.
        ChuongLienKet = "chuong_lien_ket", "Chuông báo cháy liên kết giữa các hộ";
        /// Linked bells and a transmission device to the PCCC database (QĐ 8390/QĐ-BCA).
        TruyenTin = "truyen_tin", "Chuông liên kết và thiết bị truyền tin báo cháy về Công an";
    }
}

closed_list! {
    /// Where a group stands.
    pub enum Status, "tình trạng tổ liên gia" {
        /// Working: equipment complete, members trained.
        HoatDong = "hoat_dong", "Đang hoạt động";
        /// Working, some equipment or training missing.
        CanBoSung = "can_bo_sung", "Cần bổ sung phương tiện";
        /// Not working.
        Ngung = "ngung", "Ngừng hoạt động";
    }
}

/// One Tổ liên gia, as written in its YAML file.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Group {
    /// Stable id, the last part of its page's address (`tlg-01`).
    pub id: String,
    /// Its name ("Tổ liên gia an toàn PCCC số 3, ngõ 102 Khương Đình").
    pub name: String,
    /// Invented data for the sample site.
    #[serde(default)]
    pub sample: bool,
    /// Where it is.
    pub location: Location,
    /// How many households.
    pub households: u32,
    /// How many of them are shop-houses.
    #[serde(default)]
    pub shop_houses: Option<u32>,
    /// Who leads it.
    pub head: Head,
    /// Equipment, all households together.
    #[serde(default)]
    pub equipment: Vec<Item>,
    /// The alarm connection.
    pub alarm: Alarm,
    /// Members who use the "Báo cháy 114" app.
    #[serde(default)]
    pub app_114_members: Option<u32>,
    /// Founded on.
    #[serde(default, deserialize_with = "crate::dates::optional_day")]
    pub established_on: Option<Date>,
    /// Last inspected by the ward's police.
    #[serde(default, deserialize_with = "crate::dates::optional_day")]
    pub last_inspected: Option<Date>,
    /// Where it stands.
    pub status: Status,
    /// Anything else readers should know.
    #[serde(default)]
    pub notes: Option<String>,
}

/// Who leads a group: a role; a name only with the person's consent.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Head {
    /// The role ("Tổ trưởng tổ liên gia, chủ hộ số 12").
    pub role: String,
    /// A name, published only when `name_consent` is true.
    #[serde(default)]
    pub name: Option<String>,
    /// Whether the person agreed, in writing, to have their name published.
    #[serde(default)]
    pub name_consent: bool,
}

impl place::PlaceKind for HouseholdGroups {
    type Record = Group;
    const DIR: &'static str = DIR;
    const WHAT: &'static str = "danh sách tổ liên gia";

    fn check(records: &[(Group, Source)]) -> Vec<Diagnostic> {
        check(records)
    }

    fn place(record: &Group) -> (&Location, &str) {
        (&record.location, &record.name)
    }
}

/// The head's name when it may be published.
pub fn published_head(head: &Head) -> String {
    match head.name.as_deref().map(str::trim).filter(|n| !n.is_empty() && head.name_consent) {
        Some(name) => format!("{} ({name})", head.role.trim()),
        None => head.role.trim().to_string(),
    }
}

/// Every problem of every group, all at once.
pub fn check(groups: &[(Group, Source)]) -> Vec<Diagnostic> {
    let mut problems = place::check_ids(groups.iter().map(|(g, s)| (g.id.as_str(), s)), "tlg-01");
    for (g, source) in groups {
        problems.extend(check_one(g, source));
    }
    problems
}

fn check_one(g: &Group, source: &Source) -> Vec<Diagnostic> {
    let mut problems = source.check_location(&g.location);
    if g.name.trim().is_empty() {
        problems.push(source.error("name", "thiếu tên tổ liên gia `name`").help(
            "ghi tên theo nơi ở, ví dụ `name: \"Tổ liên gia an toàn PCCC ngõ 102 Khương Đình\"`",
        ));
    }
    if g.head.role.trim().is_empty() {
        problems.push(
            source
                .error("head.role", "thiếu chức vụ người đứng đầu `head.role`")
                .help("ghi chức vụ, không ghi tên, ví dụ `role: \"Tổ trưởng tổ liên gia\"`"),
        );
    }
    if g.head.name.as_deref().is_some_and(|n| !n.trim().is_empty()) && !g.head.name_consent {
        problems.push(
            source
                .error(
                    "head.name",
                    "tên người đứng đầu `head.name` chỉ được đăng khi người đó đồng ý",
                )
                .help(
                    "xoá dòng `name` và chỉ ghi chức vụ `role`; nếu người đó đã đồng ý bằng văn \
                     bản cho đăng tên, thêm dòng `name_consent: true`",
                )
                .note("Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15, Điều 16"),
        );
    }
    if let Some(shops) = g.shop_houses.filter(|&s| s > g.households) {
        problems.push(
            source
                .error(
                    "shop_houses",
                    format!("số nhà ở kết hợp kinh doanh ({shops}) lớn hơn số hộ ({})", g.households),
                )
                .help("`shop_houses` đếm những hộ trong `households` có kinh doanh; kiểm tra lại hai số"),
        );
    }
    let mut texts: Vec<(&str, &str)> = vec![
        ("name", &g.name),
        ("location.address", &g.location.address),
        ("head.role", &g.head.role),
    ];
    texts.extend(g.head.name.as_deref().map(|n| ("head.name", n)));
    texts.extend(g.notes.as_deref().map(|n| ("notes", n)));
    problems.extend(place::phone_numbers(source, &texts));
    problems
}
