//! What the Tổ liên gia add to the site: the list at `/to-lien-gia/`, a page per group, the
//! open data and search documents, through [`crate::view::places`].

use serde_json::Value;

use super::{Alarm, DIR, Group, HouseholdGroups, published_head};
use crate::chart::map::Symbol;
use crate::kinds::kind::PlaceViews;
use crate::model::Site;
use crate::place::Source;
use crate::view::neighbourhood::order;
use crate::view::open_data::Allowed;
use crate::view::places::{self, FieldSpec, Record, Set, free};

fn records(site: &Site) -> &[(Group, Source)] {
    places::records::<HouseholdGroups>(site)
}

fn fields() -> Vec<FieldSpec> {
    vec![
        FieldSpec {
            key: "households",
            header: "Số hộ",
            kind: "Số nguyên",
            description: "Số hộ gia đình tham gia tổ liên gia.",
            allowed: free,
        },
        FieldSpec {
            key: "shop_houses",
            header: "Số hộ kinh doanh",
            kind: "Số nguyên",
            description: "Trong đó, số nhà ở kết hợp kinh doanh; trống khi chưa thống kê.",
            allowed: free,
        },
        FieldSpec {
            key: "head",
            header: "Người đứng đầu",
            kind: "Văn bản",
            description: "Chức vụ người đứng đầu tổ; tên chỉ ghi khi người đó đồng ý.",
            allowed: free,
        },
        FieldSpec {
            key: "alarm",
            header: "Kết nối báo cháy",
            kind: "Danh mục",
            description: "Cách các hộ báo cháy cho nhau và cho Công an.",
            allowed: Allowed::all::<Alarm>,
        },
        FieldSpec {
            key: "equipment",
            header: "Phương tiện",
            kind: "Danh sách (ngăn bằng dấu ;)",
            description: "Phương tiện chữa cháy của cả tổ, mỗi loại với số lượng.",
            allowed: free,
        },
        FieldSpec {
            key: "app_114_members",
            header: "Số người dùng ứng dụng Báo cháy 114",
            kind: "Số nguyên",
            description: "Số thành viên đã cài ứng dụng Báo cháy 114.",
            allowed: free,
        },
        FieldSpec {
            key: "established_on",
            header: "Ngày thành lập",
            kind: "Ngày (YYYY-MM-DD)",
            description: "Ngày thành lập tổ.",
            allowed: free,
        },
        FieldSpec {
            key: "last_inspected",
            header: "Kiểm tra gần nhất",
            kind: "Ngày (YYYY-MM-DD)",
            description: "Ngày Công an phường kiểm tra tổ lần gần nhất.",
            allowed: free,
        },
        FieldSpec {
            key: "notes",
            header: "Ghi chú",
            kind: "Văn bản",
            description: "Ghi chú.",
            allowed: free,
        },
    ]
}

/// The set as [`crate::view::places`] shows it.
fn set(site: &Site) -> Set {
    let records = records(site)
        .iter()
        .map(|(g, _)| {
            let day =
                |d: Option<jiff::civil::Date>| d.map_or(Value::Null, |d| d.to_string().into());
            Record {
                id: g.id.clone(),
                name: g.name.clone(),
                location: g.location.clone(),
                status: Some((g.status.name(), g.status.label())),
                values: vec![
                    ("households", g.households.into()),
                    ("shop_houses", g.shop_houses.into()),
                    ("head", published_head(&g.head).into()),
                    ("alarm", g.alarm.label().into()),
                    ("equipment", g.equipment.iter().map(|i| i.text()).collect::<Vec<_>>().into()),
                    ("app_114_members", g.app_114_members.into()),
                    ("established_on", day(g.established_on)),
                    ("last_inspected", day(g.last_inspected)),
                    ("notes", g.notes.clone().into()),
                ],
                changes: Vec::new(),
                sample: g.sample,
            }
        })
        .collect();
    Set {
        dir: DIR,
        title: "Tổ liên gia an toàn PCCC",
        label: "Tổ liên gia",
        intro: vec![
            "Tổ liên gia an toàn phòng cháy, chữa cháy gồm các hộ liền kề, nhất là nhà ở kết hợp \
             kinh doanh, cùng trang bị bình chữa cháy, dụng cụ phá dỡ, chuông báo cháy liên kết \
             và hỗ trợ nhau xử lý ngay khi mới xảy ra cháy theo phương châm “bốn tại chỗ” \
             (hướng dẫn của Công an thành phố Hà Nội)."
                .into(),
            "Kế hoạch phòng cháy, chữa cháy của phường giao rà soát, đánh giá và nhân rộng mô hình \
             này. Người đứng đầu mỗi tổ được ghi theo chức vụ; khi cần liên hệ, xin qua Công an \
             phường."
                .into(),
        ],
        fields: fields(),
        columns: vec!["households", "alarm"],
        feed: None,
        symbol: Symbol::Square,
        block: (order::SAFETY_GROUPS, "Tổ liên gia an toàn PCCC"),
        records,
    }
}

impl PlaceViews for HouseholdGroups {
    fn set(&self, site: &Site) -> Set {
        set(site)
    }

    fn description(&self) -> Vec<String> {
        vec![
            "Danh sách các Tổ liên gia an toàn PCCC của phường: địa chỉ, tổ dân phố, toạ độ, số \
             hộ, phương tiện, kết nối báo cháy và tình trạng."
                .into(),
            "Không có tên hay số điện thoại của người dân: người đứng đầu tổ được ghi theo chức \
             vụ."
            .into(),
        ]
    }
}
