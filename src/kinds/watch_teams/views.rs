//! What the đội dân phòng add to the site: the list at `/doi-dan-phong/`, a page per team, the
//! open data, search documents and the Atom feed of status changes, through
//! [`crate::view::places`].

use serde_json::Value;

use super::{DIR, Status, Team, WatchTeams};
use crate::chart::map::Symbol;
use crate::kinds::kind::PlaceViews;
use crate::model::Site;
use crate::place::Source;
use crate::view::neighbourhood::order;
use crate::view::open_data::Allowed;
use crate::view::places::{self, Change, FieldSpec, Record, Set, free};

fn records(site: &Site) -> &[(Team, Source)] {
    places::records::<WatchTeams>(site)
}

fn fields() -> Vec<FieldSpec> {
    vec![
        FieldSpec {
            key: "members",
            header: "Số đội viên",
            kind: "Số nguyên",
            description: "Số đội viên.",
            allowed: free,
        },
        FieldSpec {
            key: "leader_role",
            header: "Đội trưởng",
            kind: "Văn bản",
            description: "Chức vụ của đội trưởng; không có tên.",
            allowed: free,
        },
        FieldSpec {
            key: "trained_on",
            header: "Huấn luyện gần nhất",
            kind: "Ngày (YYYY-MM-DD)",
            description: "Ngày đội được huấn luyện nghiệp vụ PCCC lần gần nhất.",
            allowed: free,
        },
        FieldSpec {
            key: "active",
            header: "Hoạt động",
            kind: "Danh mục",
            description: "Đội có đang hoạt động vào ngày dựng trang hay không.",
            allowed: Allowed::all::<Status>,
        },
        FieldSpec {
            key: "equipment",
            header: "Phương tiện",
            kind: "Danh sách (ngăn bằng dấu ;)",
            description: "Phương tiện của đội, mỗi loại với số lượng.",
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
        .map(|(t, _)| {
            let status = t.status(site.today);
            Record {
                id: t.id.clone(),
                name: t.name.clone(),
                location: t.location.clone(),
                status: status.map(|s| (s.name(), s.label())),
                values: vec![
                    ("members", t.members.into()),
                    ("leader_role", t.leader_role.clone().into()),
                    ("trained_on", t.trained_on.map_or(Value::Null, |d| d.to_string().into())),
                    ("active", status.map(|s| s.name()).into()),
                    ("equipment", t.equipment.iter().map(|i| i.text()).collect::<Vec<_>>().into()),
                    ("notes", t.notes.clone().into()),
                ],
                changes: Change::history(
                    t.history.iter().map(|c| (c.date, c.status.label().into(), c.note.as_deref())),
                ),
                sample: t.sample,
            }
        })
        .collect();
    Set {
        dir: DIR,
        title: "Đội dân phòng các tổ dân phố",
        label: "Đội dân phòng",
        intro: vec![
            "Đội dân phòng là lực lượng tại chỗ của mỗi tổ dân phố: tuyên truyền, kiểm tra, và \
             khi có cháy thì báo 114, cắt điện, hướng dẫn thoát nạn, dùng phương tiện tại chỗ \
             dập lửa trong lúc chờ lực lượng chữa cháy."
                .into(),
            "Kế hoạch phòng cháy, chữa cháy của phường đặt mục tiêu duy trì hoạt động hiệu quả \
             100% đội dân phòng tại tổ dân phố. Mỗi lần một đội bắt đầu hay ngừng hoạt động được \
             đăng trong nguồn tin thay đổi."
                .into(),
        ],
        fields: fields(),
        columns: vec!["members", "trained_on"],
        feed: Some("Hoạt động của các đội dân phòng"),
        symbol: Symbol::Triangle,
        block: (order::TEAM, "Đội dân phòng"),
        records,
    }
}

impl PlaceViews for WatchTeams {
    fn set(&self, site: &Site) -> Set {
        set(site)
    }

    fn description(&self) -> Vec<String> {
        vec![
            "Danh sách đội dân phòng của các tổ dân phố: nơi đặt, số đội viên, đội trưởng (theo \
             chức vụ), lần huấn luyện gần nhất, phương tiện và tình trạng hoạt động."
                .into(),
            "Không có tên hay số điện thoại của người dân.".into(),
        ]
    }
}
