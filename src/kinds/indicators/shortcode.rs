//! The indicator shortcode of reports (`{{ chi_tieu(ma="…", ngay="…") }}`, issue 16 point 7):
//! checked here against the loaded indicators, as the model asks through
//! [`crate::content_type::DataSetType::check_use`]; [`views`](super::views) fills its marker
//! with [`sentence`] and, with `bieu_do=true`, the chart as of that day.

use jiff::civil::Date;

use super::format::{in_unit, month};
use super::{Dashboard, Indicator};
use crate::content_type::UseProblem;
use crate::dates::{bad_date, short};

/// The indicator and day a checked shortcode names, or what is wrong with it: an unknown code,
/// a day not written `năm-tháng-ngày`, a day before the indicator's first figure.
pub fn resolve<'a>(
    dashboard: &'a Dashboard,
    code: &str,
    day: &str,
) -> Result<(&'a Indicator, Date), UseProblem> {
    let Some(indicator) = dashboard.get(code) else {
        let codes: Vec<&str> = dashboard.indicators.iter().map(|i| i.slug.as_str()).collect();
        return Err(UseProblem {
            message: format!("không có chỉ tiêu `{code}`"),
            help: format!(
                "mã chỉ tiêu là tên tệp trong content/chi-tieu/, bỏ .yaml; các mã có: {}",
                codes.join(", ")
            ),
        });
    };
    // Only `2026-11-30`: jiff also reads forms editors do not write.
    let parsed = (day.trim().len() == 10).then(|| day.trim().parse::<Date>().ok()).flatten();
    let Some(date) = parsed else {
        let text = bad_date(day, false);
        let (message, help) = text.split_once('\n').unwrap_or((&text, ""));
        return Err(UseProblem { message: message.to_string(), help: help.to_string() });
    };
    if !indicator.rows.iter().any(|r| r.date <= date && r.value.is_some()) {
        let first = indicator.rows.iter().find(|r| r.value.is_some());
        return Err(UseProblem {
            message: format!("chỉ tiêu `{code}` chưa có số liệu nào đến ngày {}", short(date)),
            help: match first {
                Some(row) => format!(
                    "số liệu đầu tiên là ngày {}; chọn ngày từ đó trở đi, ví dụ ngay=\"{}\"",
                    short(row.date),
                    row.date
                ),
                None => {
                    format!("thêm số liệu vào content/chi-tieu/{code}.csv, hoặc bỏ mã ngắn này đi")
                }
            },
        });
    }
    Ok((indicator, date))
}

/// The value of `indicator` as of `day`, for a report: "42,11 % (tháng 11/2026), mục tiêu
/// 100 % trước 01/07/2027: chậm tiến độ". Only the figures up to `day` count, as the report
/// dated `day` saw them.
pub fn sentence(indicator: &Indicator, day: Date) -> String {
    let spec = &indicator.spec;
    let latest = indicator.rows.iter().rev().find_map(|r| match r.value {
        Some(value) if r.date <= day => Some((r.date, value)),
        _ => None,
    });
    let value = match latest {
        Some((date, value)) => format!("{} ({})", in_unit(value, spec.unit), month(date)),
        None => "chưa có số liệu".to_string(),
    };
    format!(
        "{value}, mục tiêu {} trước {}: {}",
        in_unit(spec.target.value, spec.unit),
        short(spec.target.date),
        indicator.status_on(day).label().to_lowercase()
    )
}
