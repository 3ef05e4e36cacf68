//! What the community fire points add to the site: the list at `/diem-chua-chay/`, a page per
//! point, the open data, search documents and the Atom feed of inspections, through
//! [`crate::view::places`].

use serde_json::Value;

use super::{DIR, Finding, FirePoints, Point};
use crate::chart::map::Symbol;
use crate::kinds::kind::PlaceViews;
use crate::model::Site;
use crate::place::Source;
use crate::view::neighbourhood::order;
use crate::view::open_data::Allowed;
use crate::view::places::{self, Change, FieldSpec, Record, Set, free};

fn records(site: &Site) -> &[(Point, Source)] {
    places::records::<FirePoints>(site)
}

/// The statuses a point can have, for the data page.
fn statuses() -> Vec<Allowed> {
    vec![
        Allowed { name: "chua_kiem_tra", label: "Chưa kiểm tra" },
        Allowed { name: "san_sang", label: "Sẵn sàng sử dụng" },
        Allowed { name: "can_bo_sung", label: "Cần bổ sung phương tiện" },
        Allowed { name: "hu_hong", label: "Hư hỏng, chưa dùng được" },
    ]
}

fn fields() -> Vec<FieldSpec> {
    vec![
        FieldSpec {
            key: "equipment",
            header: "Phương tiện",
            kind: "Danh sách (ngăn bằng dấu ;)",
            description: "Phương tiện để tại điểm, mỗi loại với số lượng.",
            allowed: free,
        },
        FieldSpec {
            key: "responsible",
            header: "Người phụ trách",
            kind: "Văn bản",
            description: "Chức vụ và đơn vị của người phụ trách điểm; không có tên, số điện thoại.",
            allowed: free,
        },
        FieldSpec {
            key: "last_inspection",
            header: "Kiểm tra gần nhất",
            kind: "Ngày (YYYY-MM-DD)",
            description: "Ngày kiểm tra gần nhất, tính đến ngày dựng trang.",
            allowed: free,
        },
        FieldSpec {
            key: "last_result",
            header: "Kết quả kiểm tra gần nhất",
            kind: "Danh mục",
            description: "Kết quả lần kiểm tra gần nhất; tình trạng của điểm lấy theo kết quả này.",
            allowed: Allowed::all::<Finding>,
        },
        FieldSpec {
            key: "status_code",
            header: "Mã tình trạng",
            kind: "Danh mục",
            description: "Tình trạng của điểm vào ngày dựng trang, dạng mã.",
            allowed: statuses,
        },
        FieldSpec {
            key: "notes",
            header: "Ghi chú",
            kind: "Văn bản",
            description: "Ghi chú, ví dụ nơi giữ chìa khoá tủ.",
            allowed: free,
        },
    ]
}

/// The set as [`crate::view::places`] shows it.
fn set(site: &Site) -> Set {
    let today = site.today;
    let records = records(site)
        .iter()
        .map(|(p, _)| {
            let last = p.last_inspection(today);
            let status = p.status(today).code();
            let responsible = match p.responsible.unit.as_deref() {
                Some(unit) => format!("{}, {unit}", p.responsible.role),
                None => p.responsible.role.clone(),
            };
            Record {
                id: p.id.clone(),
                name: p.name.clone(),
                location: p.location.clone(),
                status: Some(status),
                values: vec![
                    ("equipment", p.equipment.iter().map(|i| i.text()).collect::<Vec<_>>().into()),
                    ("responsible", responsible.into()),
                    ("last_inspection", last.map_or(Value::Null, |i| i.date.to_string().into())),
                    ("last_result", last.map_or(Value::Null, |i| i.result.label().into())),
                    ("status_code", status.0.into()),
                    ("notes", p.notes.clone().into()),
                ],
                changes: Change::history(p.inspections.iter().map(|i| {
                    (i.date, format!("Kiểm tra: {}", i.result.label()), i.note.as_deref())
                })),
                sample: p.sample,
            }
        })
        .collect();
    Set {
        dir: DIR,
        title: "Điểm chữa cháy công cộng",
        label: "Điểm chữa cháy",
        intro: vec![
            "Điểm chữa cháy công cộng là tủ phương tiện (bình chữa cháy, vòi, dụng cụ phá dỡ) đặt \
             ở đầu ngõ, nơi xe chữa cháy khó vào, để người dân ở gần dùng ngay khi mới xảy ra \
             cháy, trong lúc chờ lực lượng chữa cháy đến."
                .into(),
            "Kế hoạch phòng cháy, chữa cháy của phường giao rà soát, đánh giá và nhân rộng mô hình \
             này. Tình trạng của mỗi điểm lấy theo lần kiểm tra gần nhất; mỗi lần kiểm tra được \
             đăng trong nguồn tin thay đổi."
                .into(),
        ],
        fields: fields(),
        columns: vec!["last_inspection"],
        feed: Some("Kiểm tra điểm chữa cháy công cộng"),
        symbol: Symbol::Circle,
        block: (order::COMMUNITY_POINTS, "Điểm chữa cháy công cộng"),
        records,
    }
}

impl PlaceViews for FirePoints {
    fn set(&self, site: &Site) -> Set {
        set(site)
    }

    fn description(&self) -> Vec<String> {
        vec![
            "Danh sách các điểm chữa cháy công cộng của phường: địa chỉ, tổ dân phố, toạ độ, \
             phương tiện, người phụ trách (theo chức vụ), lần kiểm tra gần nhất và tình trạng."
                .into(),
            "Không có tên hay số điện thoại của người dân.".into(),
        ]
    }
}
