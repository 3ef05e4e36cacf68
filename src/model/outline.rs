//! The map's outline (`[map] outline`) against the places of every kind: an outline that
//! leaves out most of the places is likely the wrong file (another ward's, or written latitude
//! first throughout), or the places' coordinates are wrong. A warning, since neither stops the
//! site from being right elsewhere.

use crate::config::Config;
use crate::content_type::{Placed, Types};
use crate::diagnostic::Diagnostic;

use super::DataSets;

/// How many of the records outside the outline the warning names.
const NAMED: usize = 3;

/// The warning when more than half of the places with coordinates lie outside the outline.
pub(super) fn check(config: &Config, data: &DataSets, types: &Types) -> Option<Diagnostic> {
    let (outline, file) = (config.map.outline.as_ref()?, config.map.outline_file.as_ref()?);
    let places: Vec<Placed> =
        types.data.iter().zip(&data.0).flat_map(|(t, set)| t.places(set.as_ref())).collect();
    let mut outside: Vec<&Placed> =
        places.iter().filter(|p| !outline.contains(p.lng, p.lat)).collect();
    if outside.len() * 2 <= places.len() {
        return None;
    }
    outside.sort_by(|a, b| a.file.cmp(&b.file));
    let named: Vec<String> =
        outside.iter().take(NAMED).map(|p| p.file.display().to_string()).collect();
    Some(
        Diagnostic::warning(
            file,
            format!(
                "{} trong {} địa điểm có toạ độ nằm ngoài ranh giới trong tệp này",
                outside.len(),
                places.len()
            ),
        )
        .help(
            "kiểm tra tệp có đúng là ranh giới của phường không (mỗi toạ độ viết [kinh độ, vĩ \
             độ]), rồi kiểm tra `geo` của các địa điểm nằm ngoài",
        )
        .note(format!(
            "ví dụ: {}{}",
            named.join(", "),
            if outside.len() > NAMED { ", …" } else { "" }
        )),
    )
}
