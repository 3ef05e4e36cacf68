//! Numbers and months as Vietnamese readers write them: a comma before decimals, a dot between
//! thousands ("1.234,5"), a space before the percent sign ("17,11 %"), "tháng 3/2026".

use jiff::civil::Date;

use super::schema::Unit;

/// `value` with at most two decimals, trailing zeros dropped: 17.108 is "17,11", 1234 is
/// "1.234", 8.5 is "8,5".
pub fn number(value: f64) -> String {
    let rounded = (value * 100.0).round() / 100.0;
    let negative = rounded < 0.0;
    let text = format!("{:.2}", rounded.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut grouped = String::new();
    for (i, digit) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i) % 3 == 0 {
            grouped.push('.');
        }
        grouped.push(digit);
    }
    let fraction = fraction.trim_end_matches('0');
    let sign = if negative { "-" } else { "" };
    if fraction.is_empty() {
        format!("{sign}{grouped}")
    } else {
        format!("{sign}{grouped},{fraction}")
    }
}

/// `value` in `unit`: "17,11 %" or "1.234".
pub fn in_unit(value: f64, unit: Unit) -> String {
    match unit {
        Unit::PhanTram => format!("{} %", number(value)),
        Unit::SoLuong => number(value),
    }
}

/// "tháng 3/2026".
pub fn month(date: Date) -> String {
    format!("tháng {}/{}", date.month(), date.year())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_vietnamese_way() {
        assert_eq!(number(17.108), "17,11");
        assert_eq!(number(100.0), "100");
        assert_eq!(number(8.5), "8,5");
        assert_eq!(number(1234.0), "1.234");
        assert_eq!(number(1234567.891), "1.234.567,89");
        assert_eq!(number(0.004), "0");
        assert_eq!(in_unit(17.108, Unit::PhanTram), "17,11 %");
        assert_eq!(month("2026-03-31".parse().unwrap()), "tháng 3/2026");
    }
}
