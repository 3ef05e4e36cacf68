//! A decision as records cite it: "Quyết định số 05/QĐ-UBND ngày 02/02/2026 của Chủ tịch UBND
//! phường", with its number, symbol, day signed and signer. The decision ordering an access
//! problem fixed and the decision sanctioning a violation are read and cited the same way.
//!
//! A leaf: the kinds' schemas deserialize it from YAML, the violations' import builds it from
//! a spreadsheet's row.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

/// A decision: "Quyết định số 05/QĐ-UBND ngày 02/02/2026 của Chủ tịch UBND phường".
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Decision {
    /// Number ("05").
    pub number: String,
    /// Symbol ("QĐ-UBND", "QĐ-XPHC").
    pub symbol: String,
    /// Date signed.
    #[serde(deserialize_with = "crate::dates::day")]
    pub date: Date,
    /// Who signed it.
    pub issuer: String,
}

impl Decision {
    /// "Quyết định số 05/QĐ-UBND ngày 02/02/2026", number and symbol without the spaces around
    /// them.
    pub fn reference(&self) -> String {
        format!(
            "Quyết định số {}/{} ngày {}",
            self.number.trim(),
            self.symbol.trim(),
            crate::dates::short(self.date)
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_decision_is_cited_by_number_symbol_and_day() {
        let d: Decision = serde_yaml::from_str(
            "{number: ' 05', symbol: 'QĐ-UBND ', date: 2026-02-02, issuer: Chủ tịch UBND phường}",
        )
        .unwrap();
        assert_eq!(d.reference(), "Quyết định số 05/QĐ-UBND ngày 02/02/2026");
    }
}
