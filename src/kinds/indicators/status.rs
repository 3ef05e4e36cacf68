//! Where an indicator stands on the build's day, and the rule that says so in plain
//! Vietnamese, shown on its page.
//!
//! In this order: no figure at all is "chưa có số liệu"; the latest figure reaching the target
//! is "hoàn thành"; a latest figure older than the period before the current one (for a
//! monthly indicator, on 05/12 a figure of November or later is due) is "chưa có số liệu";
//! otherwise the latest figure is compared with the least the plan expects on its day:
//! "đúng tiến độ" at or above, "chậm tiến độ" below. The least expected is the baseline plus
//! the band's lower pace for each month since (capped at the target) when the plan gives a
//! pace, else the straight line from the baseline to the target.

use jiff::civil::Date;
use serde::Serialize;

use super::format::in_unit;
use super::schema::{Frequency, Spec};
use super::series::Row;

/// The four statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum Status {
    /// The target is reached.
    HoanThanh,
    /// At or above the least expected.
    DungTienDo,
    /// Below it.
    ChamTienDo,
    /// No figure in the last expected period.
    ChuaCoSoLieu,
}

impl Status {
    /// The code (for CSS and data) and the label.
    pub fn code(self) -> &'static str {
        match self {
            Status::HoanThanh => "hoan_thanh",
            Status::DungTienDo => "dung_tien_do",
            Status::ChamTienDo => "cham_tien_do",
            Status::ChuaCoSoLieu => "chua_co_so_lieu",
        }
    }

    /// As readers see it.
    pub fn label(self) -> &'static str {
        match self {
            Status::HoanThanh => "Hoàn thành",
            Status::DungTienDo => "Đúng tiến độ",
            Status::ChamTienDo => "Chậm tiến độ",
            Status::ChuaCoSoLieu => "Chưa có số liệu",
        }
    }
}

/// Average days in a month, for a pace given per month.
const DAYS_PER_MONTH: f64 = 365.2425 / 12.0;

/// Months from `from` to `to`, with a fraction.
pub fn months_between(from: Date, to: Date) -> f64 {
    (to - from).get_days() as f64 / DAYS_PER_MONTH
}

/// The least the plan expects of `spec` on `day`.
pub fn expected(spec: &Spec, day: Date) -> f64 {
    let (base, target) = (spec.baseline, spec.target);
    if day <= base.date {
        return base.value;
    }
    if day >= target.date {
        return target.value;
    }
    match spec.band {
        Some(band) => {
            (base.value + band.min_per_month * months_between(base.date, day)).min(target.value)
        }
        None => {
            let share = months_between(base.date, day) / months_between(base.date, target.date);
            base.value + (target.value - base.value) * share
        }
    }
}

/// The first day of the period before the one `today` is in: a figure dated on or after it
/// is fresh.
pub fn due_since(frequency: Frequency, today: Date) -> Date {
    let months = frequency.months();
    let index = i32::from(today.year()) * 12 + i32::from(today.month()) - 1;
    let start = index - index.rem_euclid(months) - months;
    Date::new((start / 12) as i16, (start % 12 + 1) as i8, 1).unwrap_or(today)
}

/// The latest row with a value.
pub fn latest(rows: &[Row]) -> Option<(&Row, f64)> {
    rows.iter().rev().find_map(|r| r.value.map(|v| (r, v)))
}

/// The status of `spec` with `rows` on `today`.
pub fn status(spec: &Spec, rows: &[Row], today: Date) -> Status {
    let Some((row, value)) = latest(rows) else { return Status::ChuaCoSoLieu };
    // Two decimals, as shown: 99.996 reads as 100 and counts as reached.
    let shown = |v: f64| (v * 100.0).round();
    if shown(value) >= shown(spec.target.value) {
        Status::HoanThanh
    } else if row.date < due_since(spec.frequency, today) {
        Status::ChuaCoSoLieu
    } else if shown(value) >= shown(expected(spec, row.date)) {
        Status::DungTienDo
    } else {
        Status::ChamTienDo
    }
}

/// The rule of the statuses of `spec`, one sentence each, in the order of [`status`].
pub fn rule(spec: &Spec) -> Vec<String> {
    let unit = spec.unit;
    let target = in_unit(spec.target.value, unit);
    let base = in_unit(spec.baseline.value, unit);
    let period = spec.frequency.period();
    let deadline = crate::dates::short(spec.target.date);
    let since = crate::dates::short(spec.baseline.date);
    let pace = match spec.band {
        Some(band) => format!(
            "mức ban đầu {base} (ngày {since}) cộng thêm {} mỗi tháng (nhịp thấp nhất kế hoạch giao), không quá mục tiêu",
            pace(band.min_per_month, unit)
        ),
        None => format!(
            "mức trên đường thẳng nối mức ban đầu {base} (ngày {since}) với mục tiêu {target} (ngày {deadline})"
        ),
    };
    vec![
        format!("Hoàn thành: số liệu mới nhất đạt mục tiêu {target}."),
        format!(
            "Chưa có số liệu: chưa có số liệu nào, hoặc số liệu mới nhất cũ hơn {period} trước (chỉ tiêu cập nhật {}).",
            spec.frequency.label()
        ),
        format!(
            "Đúng tiến độ: số liệu mới nhất bằng hoặc cao hơn mức cần đạt vào ngày của nó, là {pace}."
        ),
        "Chậm tiến độ: số liệu mới nhất thấp hơn mức cần đạt đó.".to_string(),
    ]
}

/// A pace a month: "5 điểm phần trăm" or "3".
fn pace(per_month: f64, unit: super::schema::Unit) -> String {
    match unit {
        super::schema::Unit::PhanTram => {
            format!("{} điểm phần trăm", super::format::number(per_month))
        }
        super::schema::Unit::SoLuong => super::format::number(per_month),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(s: &str) -> Date {
        s.parse().unwrap()
    }

    #[test]
    fn a_figure_is_due_for_the_period_before_the_current_one() {
        assert_eq!(due_since(Frequency::HangThang, day("2026-12-05")), day("2026-11-01"));
        assert_eq!(due_since(Frequency::HangThang, day("2027-01-20")), day("2026-12-01"));
        assert_eq!(due_since(Frequency::HangQuy, day("2027-01-20")), day("2026-10-01"));
        assert_eq!(due_since(Frequency::HangQuy, day("2026-12-31")), day("2026-07-01"));
        assert_eq!(due_since(Frequency::HangNam, day("2026-12-05")), day("2025-01-01"));
    }
}
