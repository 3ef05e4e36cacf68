//! Drills (diễn tập, thực tập phương án chữa cháy và CNCH): events with a place and a time,
//! announced before and reported after.
//!
//! A drill page's front matter follows the domain brief (§2.2): kind, status, start and end in
//! the site's time zone, location with its tổ dân phố, forces, equipment, participants and, once
//! held, results with follow-up actions. Besides the pages, the type adds a calendar of every
//! drill (`/dien-tap/lich.ics`), one calendar file per drill, and a listing per tổ dân phố.

pub mod views;

use jiff::civil::Date;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

use std::sync::Arc;

use crate::closed_list::closed_list;
use crate::content_type::{PageFields, PageType};
use crate::dates::DateValue;
use crate::diagnostic::Diagnostic;
use crate::front_matter::{self, Split};
use crate::load::SourceFile;
use crate::to_dan_pho::{ToDanPho, Unreadable};

/// How long a drill lasts when neither `end` nor `duration_minutes` is written is not guessed:
/// editors write one of them. This is the longest drill the checks accept, in minutes.
const MAX_MINUTES: i64 = 24 * 60;

closed_list! {
    /// What sort of exercise a drill is.
    pub enum Kind, "loại diễn tập" {
        /// Exercise of an approved fire and rescue plan (thực tập phương án).
        ThucTapPhuongAn = "thuc_tap_phuong_an", "Thực tập phương án chữa cháy và CNCH";
        /// A larger exercise with several forces (diễn tập).
        DienTap = "dien_tap", "Diễn tập nhiều lực lượng";
        /// Skills training for residents and local forces.
        HuanLuyenKyNang = "huan_luyen_ky_nang", "Huấn luyện kỹ năng";
        /// Evacuation of a school.
        SoTanTruongHoc = "so_tan_truong_hoc", "Diễn tập sơ tán trường học";
        /// Training of a Tổ liên gia an toàn PCCC.
        TapHuanToLienGia = "tap_huan_to_lien_gia", "Tập huấn tổ liên gia an toàn PCCC";
    }
}

closed_list! {
    /// Where a drill stands.
    pub enum Status, "trạng thái" {
        /// Planned (dự kiến).
        DuKien = "du_kien", "Dự kiến";
        /// Held (đã tổ chức).
        DaToChuc = "da_to_chuc", "Đã tổ chức";
        /// Postponed (hoãn).
        Hoan = "hoan", "Hoãn";
        /// Cancelled (huỷ).
        Huy = "huy", "Đã huỷ";
    }
}

closed_list! {
    /// The kind of force taking part.
    pub enum ForceType, "loại lực lượng" {
        /// Professional fire and rescue police.
        CanhSatPccc = "canh_sat_pccc", "Cảnh sát PCCC và CNCH";
        /// Ward police.
        CongAnPhuong = "cong_an_phuong", "Công an phường";
        /// Civil defence (dân phòng).
        DanPhong = "dan_phong", "Dân phòng";
        /// A Tổ liên gia an toàn PCCC.
        ToLienGia = "to_lien_gia", "Tổ liên gia an toàn PCCC";
        /// On-site fire team of a facility.
        CoSo = "co_so", "Đội PCCC cơ sở";
        /// Health workers.
        YTe = "y_te", "Y tế";
        /// The electricity company.
        DienLuc = "dien_luc", "Điện lực";
        /// Militia (dân quân tự vệ).
        DanQuan = "dan_quan", "Dân quân tự vệ";
        /// School staff and teachers.
        NhaTruong = "nha_truong", "Nhà trường";
        /// Any other force.
        Khac = "khac", "Lực lượng khác";
    }
}

// The enum is declared by `closed_list!`, which cannot mark a default variant.
#[allow(clippy::derivable_impls)]
impl Default for Status {
    fn default() -> Status {
        Status::DuKien
    }
}

/// Fields of a drill, beside those every page has.
#[derive(Debug, Clone, Deserialize)]
pub struct Drill {
    /// A stable identifier (`dt-2026-03`), used in the calendar's UID; the slug when absent.
    #[serde(default)]
    pub id: Option<String>,
    /// The kind of exercise.
    pub kind: Kind,
    /// Where it stands; planned when not written.
    #[serde(default)]
    pub status: Status,
    /// Why it was postponed or cancelled, or what changed.
    #[serde(default)]
    pub status_note: Option<String>,
    /// When it starts: local date and time in the site's zone (`2026-12-05T08:00`).
    #[serde(default)]
    pub start: Option<DateValue>,
    /// When it ends.
    #[serde(default)]
    pub end: Option<DateValue>,
    /// How long it lasts, when `end` is not written.
    #[serde(default)]
    pub duration_minutes: Option<u32>,
    /// Where.
    pub location: Location,
    /// Who organises it.
    #[serde(default)]
    pub organiser: Option<String>,
    /// Who chairs it: a role, not a personal name.
    #[serde(default)]
    pub chaired_by: Option<String>,
    /// The plan (kế hoạch) it is held under.
    #[serde(default)]
    pub plan_ref: Option<PlanRef>,
    /// The approved fire plan it exercises.
    #[serde(default)]
    pub fire_plan_ref: Option<String>,
    /// The assumed situation.
    #[serde(default)]
    pub scenario: Option<Scenario>,
    /// Phases, in order.
    #[serde(default)]
    pub phases: Vec<Phase>,
    /// Forces taking part.
    #[serde(default)]
    pub forces: Vec<Force>,
    /// Equipment used.
    #[serde(default)]
    pub equipment: Vec<Equipment>,
    /// Who took part, counted.
    #[serde(default)]
    pub participants: Option<Participants>,
    /// What the drill showed, once held.
    #[serde(default)]
    pub results: Option<Results>,
}

/// Where a drill takes place.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Location {
    /// The place (`Nhà văn hoá tổ dân phố số 5`).
    pub name: String,
    /// Street address.
    #[serde(default)]
    pub address: Option<String>,
    /// The tổ dân phố as written (`Tổ dân phố số 5`, `TDP 5`), for the listings per
    /// neighbourhood; read by [`Drill::to_dan_pho`].
    #[serde(default)]
    pub to_dan_pho: Option<String>,
    /// Coordinates.
    #[serde(default)]
    pub geo: Option<Geo>,
}

/// A point on the map.
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Geo {
    /// Latitude.
    pub lat: f64,
    /// Longitude.
    pub lng: f64,
}

/// A plan document: "Kế hoạch số 12/KH-UBND ngày 05/3/2026 của UBND phường".
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlanRef {
    /// Number.
    pub so: String,
    /// Symbol (`KH-UBND`).
    #[serde(default)]
    pub ky_hieu: Option<String>,
    /// Date issued.
    #[serde(default, deserialize_with = "crate::dates::optional_day")]
    pub ngay: Option<Date>,
    /// Who issued it.
    #[serde(default)]
    pub issuer: Option<String>,
}

/// The assumed situation of a drill.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// The assumed time of the fire (`09:15`).
    #[serde(default)]
    pub assumed_time: Option<String>,
    /// The premises (`nhà ở kết hợp kinh doanh, 5 tầng`).
    #[serde(default)]
    pub premises: Option<String>,
    /// The assumed cause.
    #[serde(default)]
    pub cause: Option<String>,
    /// How fire and smoke spread.
    #[serde(default)]
    pub spread: Option<String>,
    /// People assumed trapped.
    #[serde(default)]
    pub trapped_persons: Option<u32>,
}

/// One phase of a drill.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Phase {
    /// What the phase is.
    pub name: String,
    /// How long it lasts.
    #[serde(default)]
    pub minutes: Option<u32>,
    /// What is done.
    #[serde(default)]
    pub actions: Option<String>,
}

/// A force taking part.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Force {
    /// The unit's name.
    pub unit: String,
    /// Its kind.
    #[serde(rename = "type")]
    pub force_type: ForceType,
    /// Headcount.
    #[serde(default)]
    pub personnel: Option<u32>,
    /// Vehicles.
    #[serde(default)]
    pub vehicles: Option<u32>,
}

/// Equipment used.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Equipment {
    /// What (`bình chữa cháy xách tay`).
    pub item: String,
    /// How many.
    #[serde(default)]
    pub qty: Option<u32>,
}

/// Who took part.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Participants {
    /// Everyone.
    #[serde(default)]
    pub total: Option<u32>,
    /// Residents.
    #[serde(default)]
    pub residents: Option<u32>,
    /// Households represented.
    #[serde(default)]
    pub households_represented: Option<u32>,
    /// Pupils and students.
    #[serde(default)]
    pub students: Option<u32>,
    /// Officials and officers.
    #[serde(default)]
    pub officials: Option<u32>,
}

/// What a held drill showed.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Results {
    /// Minutes until the assumed fire was under control.
    #[serde(default)]
    pub time_to_control_minutes: Option<u32>,
    /// People rescued in the scenario.
    #[serde(default)]
    pub persons_rescued: Option<u32>,
    /// Whether the drill met its objectives.
    #[serde(default)]
    pub objectives_met: Option<bool>,
    /// What went well.
    #[serde(default)]
    pub strengths: Vec<String>,
    /// What went wrong.
    #[serde(default)]
    pub issues: Vec<String>,
    /// What will be fixed, by whom, by when.
    #[serde(default)]
    pub follow_up: Vec<FollowUp>,
}

/// An action decided after a drill.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FollowUp {
    /// What.
    pub action: String,
    /// Who: a body or a role.
    pub owner: String,
    /// By when.
    #[serde(default, deserialize_with = "crate::dates::optional_day")]
    pub due: Option<Date>,
}

/// The drill type, in the registry ([`crate::kinds::PAGE_KINDS`]).
pub struct Drills;

impl PageType for Drills {
    fn name(&self) -> &'static str {
        "dien_tap"
    }

    fn noun(&self) -> &'static str {
        "buổi diễn tập"
    }

    fn fields(&self) -> &'static [&'static str] {
        crate::explain::fields_of::<Drill>()
    }

    fn skeleton(&self, title: &str, today: Date) -> String {
        skeleton(title, today)
    }

    fn parse(
        &self,
        file: &SourceFile,
        split: &Split<'_>,
    ) -> Result<Arc<dyn PageFields>, Vec<Diagnostic>> {
        Ok(Arc::new(parse(file, split)?))
    }
}

/// Reads a drill's fields from its front matter, with every problem.
pub fn parse(file: &SourceFile, split: &Split<'_>) -> Result<Drill, Vec<Diagnostic>> {
    front_matter::deserialize_all(file, split)
}

/// Where Viet Nam lies, Hoàng Sa and Trường Sa included, with a margin: coordinates outside
/// are possible (a drill abroad is not), so they are only warned about.
const VIET_NAM_LAT: std::ops::RangeInclusive<f64> = 4.0..=23.5;
const VIET_NAM_LNG: std::ops::RangeInclusive<f64> = 102.0..=118.0;

/// How coordinates are written, for messages.
const GEO_HELP: &str = "chép lại toạ độ từ bản đồ: vĩ độ `lat` trước, kinh độ `lng` sau, bằng \
    độ thập phân; ví dụ Hà Nội ở quanh `geo: {lat: 21.0, lng: 105.8}`";

impl Geo {
    /// A latitude outside -90..90 or a longitude outside -180..180 is an error (it would go
    /// into the page's schema.org data and the calendar); a point outside Viet Nam, a warning.
    fn check(self, file: &SourceFile, split: &Split<'_>) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        let placed = |d: Diagnostic, span: Option<std::ops::Range<usize>>| match span {
            Some(span) => d.at(&file.text, span),
            None => d,
        };
        for (key, value, range, name) in
            [("lat", self.lat, -90.0..=90.0, "vĩ độ"), ("lng", self.lng, -180.0..=180.0, "kinh độ")]
        {
            if !range.contains(&value) {
                let span = geo_value(split, key);
                let written = span.clone().map_or(value.to_string(), |s| file.text[s].to_string());
                let message = format!(
                    "{name} `{key}: {written}` không có thật: {name} nằm trong khoảng {} đến {}",
                    range.start(),
                    range.end()
                );
                problems.push(placed(Diagnostic::error(&file.path, message), span).help(GEO_HELP));
            }
        }
        let in_viet_nam = VIET_NAM_LAT.contains(&self.lat) && VIET_NAM_LNG.contains(&self.lng);
        if problems.is_empty() && !in_viet_nam {
            let message = format!("toạ độ ({}, {}) nằm ngoài Việt Nam", self.lat, self.lng);
            let d = placed(Diagnostic::warning(&file.path, message), geo_value(split, "lat"));
            problems.push(d.help(format!(
                "kiểm tra lại: có thể đã viết nhầm dấu âm hoặc đổi chỗ vĩ độ và kinh độ; {GEO_HELP}"
            )));
        }
        problems
    }
}

/// The span, in the file, of the value of `key` inside `location.geo`.
fn geo_value(split: &Split<'_>, key: &str) -> Option<std::ops::Range<usize>> {
    let at = front_matter::locate(split, &format!("location.geo.{key}"))?;
    (!at.value.is_empty()).then_some(at.value)
}

/// Example of `start`, for messages.
const START_EXAMPLE: &str = "start: 2026-12-05T08:00";

impl PageFields for Drill {
    /// Checks beyond types: a tổ dân phố that reads as one, a start with a time, an end after
    /// it, results only once held.
    fn check(&self, file: &SourceFile, split: &Split<'_>) -> Vec<Diagnostic> {
        let mut problems = self.location.geo.map_or_else(Vec::new, |g| g.check(file, split));
        problems.extend(self.check_to_dan_pho(file, split));
        problems.extend(status_in_address(file, split));
        let Some(start) = self.start else {
            problems.push(
                front_matter::at_key(
                    file,
                    split,
                    "start",
                    "buổi diễn tập thiếu thời gian bắt đầu `start`",
                )
                .help(format!(
                    "thêm một dòng ngày và giờ bắt đầu theo giờ Hà Nội, ví dụ `{START_EXAMPLE}`"
                )),
            );
            return problems;
        };
        if !start.has_time() {
            problems.push(
                front_matter::at_key(file, split, "start", "thời gian bắt đầu chưa có giờ")
                    .help(format!("viết cả ngày và giờ, ví dụ `{START_EXAMPLE}`")),
            );
        }
        problems.extend(self.check_end(file, split, start));
        problems.extend(self.check_results(file, split));
        problems
    }
}

/// A warning when the last part of a drill's address says a status ("cho-huy",
/// "tdp-3-hoan", "...-du-kien", "...-da-to-chuc"): the address stays when the status changes,
/// and then says something false.
fn status_in_address(file: &SourceFile, split: &Split<'_>) -> Option<Diagnostic> {
    let written = front_matter::locate(split, "slug").filter(|at| !at.value.is_empty());
    let slug = match &written {
        Some(at) => crate::slug::slugify(file.text[at.value.clone()].trim_matches(['"', '\''])),
        None => {
            let path = file.content_path.trim_end_matches(".md");
            let path = path.strip_suffix("/index").unwrap_or(path);
            path.rsplit('/').next().unwrap_or(path).to_string()
        }
    };
    let last = slug.rsplit('-').next().unwrap_or(&slug);
    let status = match last {
        "huy" => "huỷ",
        "hoan" => "hoãn",
        _ if slug.ends_with("du-kien") => "dự kiến",
        _ if slug.ends_with("da-to-chuc") => "đã tổ chức",
        _ => return None,
    };
    let folder = file.content_path.rsplit_once('/').map_or("", |(dir, _)| dir);
    let message = format!(
        "địa chỉ của buổi diễn tập (`{slug}`) ghi trạng thái “{status}”: khi trạng thái đổi, \
         địa chỉ vẫn giữ và sẽ nói sai"
    );
    let rename = if written.is_some() {
        "đặt `slug` theo nơi và việc, không theo trạng thái (ví dụ `slug: tdp-3-nha-tro`)"
    } else {
        "đặt tên tệp theo nơi và việc, không theo trạng thái (ví dụ `tdp-3-nha-tro.md`)"
    };
    let help = format!(
        "{rename}; nếu trang đã đăng, thêm `aliases: [\"/{folder}/{slug}/\"]` để liên kết cũ \
         vẫn dẫn tới trang"
    );
    let d = Diagnostic::warning(&file.path, message).help(help);
    Some(match written {
        Some(at) => d.at(&file.text, at.value),
        None => d,
    })
}

impl Drill {
    /// The end of a drill that starts at `start`: one of `end` (with a time, after the start)
    /// and `duration_minutes` (above 0, at most a day).
    fn check_end(
        &self,
        file: &SourceFile,
        split: &Split<'_>,
        start: DateValue,
    ) -> Option<Diagnostic> {
        match (self.end, self.duration_minutes) {
            (Some(_), Some(_)) => Some(
                front_matter::at_key(
                    file,
                    split,
                    "duration_minutes",
                    "viết cả `end` và `duration_minutes`",
                )
                .help(
                    "chỉ giữ một trong hai: giờ kết thúc `end` hoặc thời lượng `duration_minutes`",
                ),
            ),
            (None, None) => Some(
                front_matter::at_key(file, split, "start", "buổi diễn tập chưa có giờ kết thúc")
                    .help("thêm `end: 2026-12-05T10:00` hoặc `duration_minutes: 120`"),
            ),
            (Some(end), None) if !end.has_time() => Some(
                front_matter::at_key(file, split, "end", "giờ kết thúc chưa có giờ")
                    .help("viết cả ngày và giờ, ví dụ `end: 2026-12-05T10:00`"),
            ),
            (Some(end), None) => {
                let comparable = matches!(
                    (start, end),
                    (DateValue::Instant(_), DateValue::Instant(_))
                        | (DateValue::Local(_), DateValue::Local(_))
                );
                let utc = |v: DateValue| v.in_zone(&jiff::tz::TimeZone::UTC).timestamp();
                (comparable && utc(end) <= utc(start))
                    .then(|| end_before_start(file, split, start, end))
            }
            (None, Some(0)) => Some(
                front_matter::at_key(file, split, "duration_minutes", "thời lượng bằng 0 phút")
                    .help("viết số phút buổi diễn tập kéo dài, ví dụ `duration_minutes: 90`"),
            ),
            (None, Some(m)) if i64::from(m) > MAX_MINUTES => Some(
                front_matter::at_key(
                    file,
                    split,
                    "duration_minutes",
                    format!("thời lượng {m} phút dài hơn một ngày"),
                )
                .help("viết thời lượng bằng phút, ví dụ `duration_minutes: 90` là một tiếng rưỡi"),
            ),
            (None, Some(_)) => None,
        }
    }

    /// Results written for a drill that is still planned, or was cancelled.
    fn check_results(&self, file: &SourceFile, split: &Split<'_>) -> Option<Diagnostic> {
        if self.results.is_none() || !matches!(self.status, Status::DuKien | Status::Huy) {
            return None;
        }
        let message = format!(
            "buổi diễn tập có kết quả nhưng trạng thái là `{}` ({})",
            self.status.name(),
            self.status.label()
        );
        Some(
            front_matter::at_key(file, split, "results", message)
                .help("khi đã tổ chức, viết `status: da_to_chuc`; nếu chưa, bỏ phần `results`"),
        )
    }

    /// The tổ dân phố of its place; `None` when not written, left empty or, before the checks
    /// refuse it, not readable.
    pub fn to_dan_pho(&self) -> Option<ToDanPho> {
        self.location.to_dan_pho.as_deref().and_then(|t| ToDanPho::read(t).ok())
    }

    /// A `location.to_dan_pho` that is not a tổ dân phố, reported at the value. Left empty, as
    /// `pccc new` writes it, it is not written.
    fn check_to_dan_pho(&self, file: &SourceFile, split: &Split<'_>) -> Option<Diagnostic> {
        let written = self.location.to_dan_pho.as_deref()?;
        let why = match ToDanPho::read(written) {
            Ok(_) | Err(Unreadable::Empty) => return None,
            Err(why) => why,
        };
        let message = why.message(written);
        let d = front_matter::at_value(file, split, "location.to_dan_pho", message);
        Some(d.help(why.help()))
    }

    /// Start and end as instants, once checked; `None` before a start is known.
    pub fn span(&self, tz: &jiff::tz::TimeZone) -> Option<(Timestamp, Timestamp)> {
        let start = self.start?.in_zone(tz).timestamp();
        let end = match (self.end, self.duration_minutes) {
            (Some(end), _) => end.in_zone(tz).timestamp(),
            (None, Some(m)) => start + SignedDuration::from_mins(i64::from(m)),
            (None, None) => start + SignedDuration::from_hours(2),
        };
        Some((start, end.max(start)))
    }
}

fn end_before_start(
    file: &SourceFile,
    split: &Split<'_>,
    start: DateValue,
    end: DateValue,
) -> Diagnostic {
    front_matter::at_value(
        file,
        split,
        "end",
        format!("giờ kết thúc {} không sau giờ bắt đầu {}", show(end), show(start)),
    )
    .label(if end == start { "trùng giờ bắt đầu" } else { "trước giờ bắt đầu" })
    .help("kiểm tra lại ngày và giờ; giờ viết theo đồng hồ 24 giờ, ví dụ 14:00 là 2 giờ chiều")
}

fn show(value: DateValue) -> String {
    match value {
        DateValue::Local(dt) => {
            format!("{} ngày {}", crate::dates::time(dt.time()), crate::dates::short(dt.date()))
        }
        other => other.to_string(),
    }
}

/// The front matter of a new drill.
pub fn skeleton(title: &str, today: Date) -> String {
    format!(
        "---\ntitle: {title}\ndescription: \"\"\nkind: thuc_tap_phuong_an\nstatus: du_kien\nstart: {today}T08:00\nduration_minutes: 90\nlocation:\n  name: \"\"\n  address: \"\"\n  to_dan_pho: \"\"\norganiser: \"\"\ndraft: true\n---\n\nViết kịch bản và nội dung buổi diễn tập ở đây.\n"
    )
}

#[cfg(test)]
mod tests;
