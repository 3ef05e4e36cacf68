//! The record of one access problem, as written in `content/tiep-can/*.yaml`: a deep alley fire
//! engines cannot enter, a barrier or concrete post that blocks them, a blocked water source
//! (ward plan 6.1; domain brief §4.2), with its closed lists of values and their labels.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::closed_list::closed_list;
pub use crate::decision::Decision;

closed_list! {
    /// What blocks fire engines or their water.
    pub enum ProblemKind, "loại vấn đề" {
        /// An alley fire engines cannot drive into (narrower than 3,5 m or lower than 4,5 m).
        NgoSau = "ngo_sau", "Ngõ sâu xe chữa cháy không vào được", ["ngõ sâu"];
        /// A barrier across a road or alley.
        Barie = "barie", "Barie chắn đường xe chữa cháy", ["ba ri e"];
        /// Concrete posts across a road or alley.
        CocBeTong = "coc_be_tong", "Cọc bê tông chắn đường xe chữa cháy", ["cọc"];
        /// A hydrant or pond that cannot be reached or used.
        NguonNuocBiChan = "nguon_nuoc_bi_chan", "Nguồn nước chữa cháy bị che chắn, lấn chiếm";
    }
}

closed_list! {
    /// Where the handling stands after a dated step.
    pub enum Status, "tình trạng" {
        /// Found, not yet handled.
        PhatHien = "phat_hien", "Phát hiện";
        /// Being handled.
        DangXuLy = "dang_xu_ly", "Đang xử lý";
        /// Fixed.
        DaKhacPhuc = "da_khac_phuc", "Đã khắc phục";
    }
}

closed_list! {
    /// How water reaches a fire at the end of a deep alley the engines cannot enter.
    pub enum WaterSolution, "giải pháp cấp nước" {
        /// Extinguishers kept at the mouth of the alley.
        BinhDauNgo = "binh_chua_chay_dau_ngo", "Bình chữa cháy đặt đầu ngõ";
        /// A fire hydrant fitted at or in the alley.
        TruNuoc = "tru_nuoc", "Lắp trụ nước chữa cháy";
        /// A public fire-fighting point (hose, pump, extinguishers) in the alley.
        DiemChuaChay = "diem_chua_chay_cong_cong", "Điểm chữa cháy công cộng";
        /// A water tank for fire fighting.
        BeNuoc = "be_nuoc", "Bể nước chữa cháy";
        /// Something else, said in `detail`.
        Khac = "khac", "Giải pháp khác";
    }
}

/// One access problem.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Stable id, never reused (`tc-2026-01`); also the record page's address.
    pub id: String,
    /// Invented data for the sample site.
    #[serde(default)]
    pub sample: bool,
    /// What sort of problem.
    pub kind: ProblemKind,
    /// A short name ("Ngõ Minh Hoạ 12 phố Khương Hạ").
    pub title: String,
    /// Where it is.
    pub location: crate::place::Location,
    /// What was found, in plain words.
    pub description: String,
    /// Length and narrowest width of an alley, in metres.
    #[serde(default)]
    pub measurements: Option<Measurements>,
    /// The decision ordering it fixed, when there is one.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// The day it must be fixed by.
    #[serde(default, deserialize_with = "crate::dates::optional_day")]
    pub deadline: Option<Date>,
    /// For a deep alley: how water reaches a fire there.
    #[serde(default)]
    pub water_solution: Option<Solution>,
    /// What was done, dated, oldest first; the first is usually the finding.
    #[serde(default)]
    pub steps: Vec<Step>,
}

/// An alley's size.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Measurements {
    /// Length from the street, in metres.
    #[serde(default)]
    pub length_m: Option<f64>,
    /// Narrowest width, in metres (fire engines need at least 3,5 m).
    #[serde(default)]
    pub min_width_m: Option<f64>,
}

/// A deep alley's water solution.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Solution {
    /// Which.
    pub kind: WaterSolution,
    /// Where and how much ("2 bình bột 8 kg ở đầu ngõ, cạnh nhà số 2").
    #[serde(default)]
    pub detail: String,
}

/// A dated step.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Step {
    /// When.
    #[serde(deserialize_with = "crate::dates::day")]
    pub date: Date,
    /// Status from then on.
    pub status: Status,
    /// What was done.
    pub note: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_cell_reads_as_two_values() {
        use crate::closed_list::clashes;
        assert_eq!(clashes::<ProblemKind>(), Vec::<String>::new());
        assert_eq!(clashes::<Status>(), Vec::<String>::new());
        assert_eq!(clashes::<WaterSolution>(), Vec::<String>::new());
    }
}
