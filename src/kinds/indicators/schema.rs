//! What an editor writes in `content/chi-tieu/<slug>.yaml`: one indicator of the ward's plan
//! (domain brief §6.2), its target and the pace the plan asks for.

use jiff::civil::Date;
use serde::Deserialize;

use crate::closed_list::closed_list;

closed_list! {
    /// What the indicator's values count.
    pub enum Unit, "đơn vị của chỉ tiêu" {
        /// A share, 0 to 100 (17.11 is 17,11 %): numerator over denominator.
        PhanTram = "phan_tram", "phần trăm", ["%", "ty le"];
        /// A number of things (drills held, teams set up).
        SoLuong = "so_luong", "số lượng";
    }
}

closed_list! {
    /// How often new figures are due.
    pub enum Frequency, "tần suất cập nhật" {
        /// Every month.
        HangThang = "hang_thang", "hằng tháng", ["hàng tháng"];
        /// Every quarter.
        HangQuy = "hang_quy", "hằng quý", ["hàng quý"];
        /// Every year.
        HangNam = "hang_nam", "hằng năm", ["hàng năm"];
    }
}

impl Frequency {
    /// Length of one period, in months.
    pub fn months(self) -> i32 {
        match self {
            Frequency::HangThang => 1,
            Frequency::HangQuy => 3,
            Frequency::HangNam => 12,
        }
    }

    /// The period as a noun ("tháng").
    pub fn period(self) -> &'static str {
        match self {
            Frequency::HangThang => "tháng",
            Frequency::HangQuy => "quý",
            Frequency::HangNam => "năm",
        }
    }
}

/// One indicator.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Spec {
    /// What is measured ("Tỷ lệ cơ sở đã lắp thiết bị truyền tin báo cháy").
    pub title: String,
    /// Percent or count.
    pub unit: Unit,
    /// What the numerator counts ("Số cơ sở đã lắp và kết nối").
    pub numerator: String,
    /// What the denominator counts; none for a count.
    #[serde(default)]
    pub denominator: Option<String>,
    /// The office in charge, as the plan names it ("Công an phường").
    pub owner: String,
    /// The task of the plan it measures ("Kế hoạch …, mục II.3.3").
    pub source_task: String,
    /// Where the measure starts.
    pub baseline: Mark,
    /// The target and its deadline.
    pub target: Mark,
    /// The pace the plan asks for, in points (percent) or units (count) a month.
    #[serde(default)]
    pub band: Option<Band>,
    /// How often new figures are due.
    pub frequency: Frequency,
    /// How the figures are counted, in plain words.
    pub methodology: String,
    /// Shown as a tile on the home page.
    #[serde(default)]
    pub headline: bool,
    /// Invented data for the sample site.
    #[serde(default)]
    pub sample: bool,
    /// Order on the list, small first; then by title.
    #[serde(default)]
    pub weight: i64,
}

/// A dated value: the baseline or the target.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Mark {
    /// The day.
    pub date: Date,
    /// The value, in the indicator's unit.
    pub value: f64,
}

/// The plan's pace: at least `min_per_month` and up to `max_per_month` a month from the
/// baseline.
#[derive(Debug, Clone, Copy, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Band {
    /// Least expected gain a month.
    pub min_per_month: f64,
    /// Most expected gain a month.
    pub max_per_month: f64,
}
