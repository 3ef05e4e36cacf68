//! The record of one violation, as written in `content/vi-pham/*.yaml` or imported from a
//! spreadsheet row, and its closed lists of values with their Vietnamese labels.

use jiff::civil::Date;
use serde::{Deserialize, Serialize};

use crate::closed_list::closed_list;
pub use crate::decision::Decision;

closed_list! {
    /// Whose facility it is: drives the personal-data rules.
    pub enum OwnerKind, "loại chủ cơ sở" {
        /// An organisation.
        ToChuc = "to_chuc", "Tổ chức";
        /// An individual (a household business, a landlord).
        CaNhan = "ca_nhan", "Cá nhân";
    }
}

closed_list! {
    /// The kind of facility.
    pub enum FacilityType, "loại hình cơ sở" {
        /// A house.
        NhaORiengLe = "nha_o_rieng_le", "Nhà ở riêng lẻ";
        /// A house with a shop.
        NhaOKetHopKinhDoanh = "nha_o_ket_hop_kinh_doanh", "Nhà ở kết hợp kinh doanh";
        /// A multi-storey building of many flats ("chung cư mini").
        NhaNhieuTangNhieuCanHo = "nha_nhieu_tang_nhieu_can_ho", "Nhà nhiều tầng nhiều căn hộ";
        /// An apartment building.
        ChungCu = "chung_cu", "Chung cư";
        /// Karaoke, dance hall.
        KaraokeVuTruong = "karaoke_vu_truong", "Karaoke, vũ trường";
        /// Bar.
        QuanBar = "quan_bar", "Quán bar";
        /// Restaurant.
        NhaHang = "nha_hang", "Nhà hàng, quán ăn";
        /// Hotel, guest house.
        KhachSanNhaNghi = "khach_san_nha_nghi", "Khách sạn, nhà nghỉ";
        /// Market, shopping centre.
        ChoTttm = "cho_tttm", "Chợ, trung tâm thương mại";
        /// Kindergarten.
        TruongMamNon = "truong_hoc_mam_non", "Trường mầm non";
        /// School.
        TruongHoc = "truong_hoc", "Trường học";
        /// Health facility.
        CoSoYTe = "co_so_y_te", "Cơ sở y tế";
        /// Warehouse, workshop.
        KhoXuong = "kho_xuong", "Kho, xưởng";
        /// Gas or fuel trade.
        KinhDoanhGasXangDau = "kinh_doanh_gas_xang_dau", "Kinh doanh gas, xăng dầu";
        /// Office.
        VanPhong = "van_phong", "Văn phòng";
        /// Head office of an agency.
        TruSoCoQuan = "tru_so_co_quan", "Trụ sở cơ quan";
        /// Rooms to let.
        NhaTroChoThue = "nha_tro_cho_thue", "Nhà trọ cho thuê";
        /// Other.
        Khac = "khac", "Khác";
    }
}

closed_list! {
    /// What rule was broken (domain brief §1.3).
    pub enum Category, "hành vi vi phạm" {
        /// Put into use without PCCC acceptance: the ward plan's priority.
        ChuaNghiemThu = "chua_nghiem_thu_dua_vao_su_dung", "Đưa công trình vào sử dụng khi chưa nghiệm thu về PCCC";
        /// Built or used without design approval.
        ChuaThamDinh = "chua_tham_dinh_thiet_ke", "Thi công, sử dụng khi chưa thẩm định thiết kế về PCCC";
        /// Escape routes.
        ThoatNan = "thoat_nan", "Vi phạm về lối, đường thoát nạn";
        /// Fire alarms.
        BaoChay = "bao_chay", "Hệ thống, thiết bị báo cháy";
        /// Firefighting equipment.
        PhuongTien = "chua_chay_phuong_tien", "Phương tiện chữa cháy, dụng cụ phá dỡ";
        /// Water for firefighting.
        NguonNuoc = "nguon_nuoc", "Nguồn nước chữa cháy";
        /// Electrical systems.
        Dien = "dien", "Hệ thống điện, thiết bị điện";
        /// Records, rules, fire plans.
        HoSo = "ho_so_noi_quy_phuong_an", "Hồ sơ, nội quy, phương án chữa cháy";
        /// Training.
        HuanLuyen = "tuyen_truyen_huan_luyen", "Tuyên truyền, huấn luyện, bồi dưỡng nghiệp vụ";
        /// Fire sources, heat sources, flammables.
        NguonLua = "nguon_lua_nhiet_chat_chay", "Quản lý nguồn lửa, nguồn nhiệt, chất dễ cháy";
        /// Obstructing fire engines.
        GiaoThong = "giao_thong_chua_chay", "Cản trở giao thông phục vụ chữa cháy";
        /// Other.
        Khac = "khac", "Khác";
    }
}

closed_list! {
    /// The form of a sanction (Law on handling administrative violations).
    pub enum SanctionType, "hình thức xử phạt" {
        /// Warning.
        CanhCao = "canh_cao", "Cảnh cáo";
        /// Fine.
        PhatTien = "phat_tien", "Phạt tiền";
        /// Licence withdrawn.
        TuocGiayPhep = "tuoc_quyen_su_dung_giay_phep", "Tước quyền sử dụng giấy phép";
        /// Activity suspended for a time (additional penalty).
        DinhChiCoThoiHan = "dinh_chi_hoat_dong_co_thoi_han", "Đình chỉ hoạt động có thời hạn";
        /// Suspended (PCCC administrative measure, not a penalty).
        TamDinhChi = "tam_dinh_chi", "Tạm đình chỉ hoạt động";
        /// Stopped (PCCC administrative measure, not a penalty).
        DinhChi = "dinh_chi", "Đình chỉ hoạt động";
    }
}

closed_list! {
    /// Where remediation stands, as the office writes it.
    pub enum Remediation, "kết quả khắc phục" {
        /// Not remediated.
        ChuaKhacPhuc = "chua_khac_phuc", "Chưa khắc phục";
        /// Being remediated.
        DangKhacPhuc = "dang_khac_phuc", "Đang khắc phục";
        /// Remediated.
        DaKhacPhuc = "da_khac_phuc", "Đã khắc phục";
        /// Handed to the investigating authority.
        ChuyenDieuTra = "chuyen_co_quan_dieu_tra", "Chuyển cơ quan điều tra";
    }
}

closed_list! {
    /// Why a record left the list early.
    pub enum RemovalReason, "lý do gỡ" {
        /// Remediated.
        DaKhacPhuc = "da_khac_phuc", "Đã khắc phục";
        /// Listed by mistake.
        SaiSot = "sai_sot_du_lieu", "Sai sót dữ liệu, đăng nhầm";
        /// The publication period ended.
        HetThoiHan = "het_thoi_han_cong_khai", "Hết thời hạn công khai";
        /// The decision was annulled.
        QuyetDinhBiHuy = "quyet_dinh_bi_huy", "Quyết định bị huỷ bỏ";
    }
}

/// One violation record.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Entry {
    /// Stable id, never reused (`vp-2026-0007`); also the record page's address.
    pub id: String,
    /// Invented data for the sample site.
    #[serde(default)]
    pub sample: bool,
    /// The facility.
    pub facility: Facility,
    /// Its owner or the person in charge.
    pub owner: Owner,
    /// What rules were broken.
    pub categories: Vec<Category>,
    /// What was found, in plain words.
    pub description: String,
    /// Articles of law broken ("Điểm a khoản 2 Điều 12 Nghị định 106/2025/NĐ-CP").
    #[serde(default)]
    pub legal_refs: Vec<String>,
    /// The sanctioning decision.
    #[serde(default)]
    pub decision: Option<Decision>,
    /// Sanctions imposed.
    #[serde(default)]
    pub sanctions: Vec<Sanction>,
    /// Corrective measures ordered ("Buộc thực hiện nghiệm thu về PCCC").
    #[serde(default)]
    pub corrective_measures: Vec<String>,
    /// Where remediation stands.
    #[serde(default)]
    pub remediation: RemediationInfo,
    /// Whether, why and how long the record is public.
    pub publication: Publication,
    /// Changes to the record, shown on its page and in the feed.
    #[serde(default)]
    pub history: Vec<Revision>,
}

/// The facility where the violation was found.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Facility {
    /// Its name ("Karaoke Ví Dụ").
    pub name: String,
    /// Its kind.
    #[serde(rename = "type")]
    pub kind: FacilityType,
    /// Street address ("Số 5 ngõ 10 phố Khương Đình").
    pub address: String,
    /// The tổ dân phố ("Tổ dân phố số 3").
    pub to_dan_pho: String,
}

/// The owner or person in charge.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Owner {
    /// Organisation or individual.
    pub kind: OwnerKind,
    /// Name.
    pub name: String,
}

/// A sanction.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Sanction {
    /// Its form.
    #[serde(rename = "type")]
    pub kind: SanctionType,
    /// The fine, in đồng.
    #[serde(default)]
    pub amount_vnd: Option<u64>,
    /// How many months, for suspensions.
    #[serde(default)]
    pub months: Option<u32>,
}

/// Remediation: deadline, status, dated steps.
#[derive(Debug, Clone, Default, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct RemediationInfo {
    /// The deadline set by the decision.
    #[serde(default, deserialize_with = "crate::dates::optional_day")]
    pub deadline: Option<Date>,
    /// The latest status.
    #[serde(default)]
    pub status: Option<Remediation>,
    /// Since when the latest status holds.
    #[serde(default, deserialize_with = "crate::dates::optional_day")]
    pub status_date: Option<Date>,
    /// Earlier steps, dated.
    #[serde(default)]
    pub updates: Vec<Update>,
}

/// A dated remediation step.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Update {
    /// When.
    #[serde(deserialize_with = "crate::dates::day")]
    pub date: Date,
    /// Status from then on.
    pub status: Remediation,
    /// What was done.
    #[serde(default)]
    pub note: Option<String>,
}

/// Publication: legal basis and period.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Publication {
    /// The document that allows publishing (Luật 91/2025/QH15 Điều 16: "theo quy định của pháp luật").
    #[serde(default)]
    pub legal_basis: Option<String>,
    /// First day on the list.
    #[serde(deserialize_with = "crate::dates::day")]
    pub since: Date,
    /// Last day on the list, when decided.
    #[serde(default, deserialize_with = "crate::dates::optional_day")]
    pub until: Option<Date>,
    /// Early removal.
    #[serde(default)]
    pub removal: Option<Removal>,
}

/// Why and when a record was taken off the list.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Removal {
    /// When.
    #[serde(deserialize_with = "crate::dates::day")]
    pub date: Date,
    /// Why.
    pub reason: RemovalReason,
    /// The document proving it ("Văn bản số 12/CAP-PCCC ngày ...").
    pub evidence: String,
}

/// One change to a record.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct Revision {
    /// When.
    #[serde(deserialize_with = "crate::dates::day")]
    pub date: Date,
    /// What changed.
    pub change: String,
}

impl Sanction {
    /// "Phạt tiền 80.000.000 đồng", "Đình chỉ hoạt động có thời hạn 3 tháng".
    pub fn text(&self) -> String {
        let mut text = self.kind.label().to_string();
        if let Some(amount) = self.amount_vnd {
            text.push_str(&format!(" {} đồng", thousands(amount)));
        }
        if let Some(months) = self.months {
            text.push_str(&format!(" {months} tháng"));
        }
        text
    }
}

/// 80000000 -> "80.000.000", the Vietnamese way.
pub fn thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_takes_names_and_cells_take_labels_too() {
        use crate::closed_list::{parse, read_cell};
        assert_eq!(parse::<Category>("thoat_nan"), Some(Category::ThoatNan));
        assert_eq!(parse::<Category>("Vi phạm về lối, đường thoát nạn"), None);
        assert_eq!(
            read_cell::<Category>("vi pham ve loi, duong thoat nan"),
            Some(Category::ThoatNan)
        );
        assert_eq!(read_cell::<OwnerKind>("Cá nhân"), Some(OwnerKind::CaNhan));
        assert_eq!(read_cell::<OwnerKind>("người"), None);
    }

    #[test]
    fn no_cell_reads_as_two_values() {
        use crate::closed_list::clashes;
        assert_eq!(clashes::<OwnerKind>(), Vec::<String>::new());
        assert_eq!(clashes::<FacilityType>(), Vec::<String>::new());
        assert_eq!(clashes::<Category>(), Vec::<String>::new());
        assert_eq!(clashes::<SanctionType>(), Vec::<String>::new());
        assert_eq!(clashes::<Remediation>(), Vec::<String>::new());
        assert_eq!(clashes::<RemovalReason>(), Vec::<String>::new());
    }

    #[test]
    fn money_reads_the_vietnamese_way() {
        assert_eq!(thousands(80_000_000), "80.000.000");
        assert_eq!(thousands(500), "500");
    }
}
