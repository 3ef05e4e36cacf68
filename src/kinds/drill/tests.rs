//! The checks of a drill's front matter beyond its types ([`PageFields::check`] for [`Drill`]):
//! each problem with its exact message, its place in the file and what to write instead.

use std::sync::Arc;

use super::*;
use crate::diagnostic::Severity;

/// The lines of a drill that passes every check; tests replace some.
const DRILL: &str = "title: Thực tập phương án\nkind: thuc_tap_phuong_an\nstatus: du_kien\n\
    start: 2026-12-05T08:00\nduration_minutes: 90\nlocation:\n  name: Nhà văn hoá\n";

/// The problems the checks find in a drill whose front matter is `front` (between the `---`
/// lines), each as [`shown`]. Panics if the fields cannot be read at all.
fn check(front: &str) -> Vec<String> {
    let file = SourceFile {
        path: "content/dien-tap/a.md".into(),
        content_path: "dien-tap/a.md".into(),
        text: Arc::from(format!("---\n{front}---\n\nNội dung.\n")),
    };
    let split = crate::front_matter::split(&file).expect("front matter");
    let value = split.parse();
    let split = split.with_value(value.as_ref());
    let drill = parse(&file, &split).unwrap_or_else(|ds| panic!("fields not read: {ds:?}"));
    drill.check(&file, &split).iter().map(shown).collect()
}

/// `DRILL` with the line starting with `key:` replaced by `line` (dropped when `line` is empty),
/// and `more` lines added.
fn drill(key: &str, line: &str, more: &str) -> String {
    let mut front: String = DRILL
        .lines()
        .map(|l| if l.starts_with(&format!("{key}:")) { line } else { l })
        .filter(|l| !l.is_empty())
        .map(|l| format!("{l}\n"))
        .collect();
    front.push_str(more);
    front
}

/// One diagnostic on one line: severity, file, line and column, the text marked, the label,
/// message and help.
fn shown(d: &Diagnostic) -> String {
    let severity = match d.severity {
        Severity::Error => "lỗi",
        Severity::Warning => "cảnh báo",
    };
    let mut line = format!("{severity} {}", d.path.display());
    if let (Some((line_no, col)), Some((text, span))) = (d.line_col(), &d.location) {
        line.push_str(&format!(":{line_no}:{col} `{}`", &text[span.clone()]));
    }
    if let Some(label) = &d.label {
        line.push_str(&format!(" ({label})"));
    }
    line.push_str(&format!(": {}", d.message));
    if let Some(help) = &d.help {
        line.push_str(&format!(" | gợi ý: {help}"));
    }
    line
}

#[test]
fn a_complete_drill_passes() {
    assert_eq!(check(DRILL), Vec::<String>::new());
    let held = drill("status", "status: da_to_chuc", "results:\n  objectives_met: true\n");
    assert_eq!(check(&held), Vec::<String>::new());
    let with_end = drill("duration_minutes", "end: 2026-12-05T10:00", "");
    assert_eq!(check(&with_end), Vec::<String>::new());
}

#[test]
fn a_drill_without_start_is_marked_at_the_opening_line() {
    assert_eq!(
        check(&drill("start", "", "")),
        ["lỗi content/dien-tap/a.md:1:1 `---`: buổi diễn tập thiếu thời gian bắt đầu `start` | \
          gợi ý: thêm một dòng ngày và giờ bắt đầu theo giờ Hà Nội, ví dụ \
          `start: 2026-12-05T08:00`"]
    );
}

#[test]
fn a_start_without_time_is_marked_at_its_key() {
    assert_eq!(
        check(&drill("start", "start: 2026-12-05", "")),
        ["lỗi content/dien-tap/a.md:5:1 `start`: thời gian bắt đầu chưa có giờ | gợi ý: viết cả \
          ngày và giờ, ví dụ `start: 2026-12-05T08:00`"]
    );
}

#[test]
fn an_end_before_or_at_the_start_is_marked_at_its_value() {
    let before = drill("duration_minutes", "end: 2026-12-05T07:30", "");
    assert_eq!(
        check(&before),
        ["lỗi content/dien-tap/a.md:6:6 `2026-12-05T07:30` (trước giờ bắt đầu): giờ kết thúc \
          07h30 ngày 05/12/2026 không sau giờ bắt đầu 08h00 ngày 05/12/2026 | gợi ý: kiểm tra \
          lại ngày và giờ; giờ viết theo đồng hồ 24 giờ, ví dụ 14:00 là 2 giờ chiều"]
    );
    let same = drill("duration_minutes", "end: 2026-12-05T08:00", "");
    assert_eq!(
        check(&same),
        ["lỗi content/dien-tap/a.md:6:6 `2026-12-05T08:00` (trùng giờ bắt đầu): giờ kết thúc \
          08h00 ngày 05/12/2026 không sau giờ bắt đầu 08h00 ngày 05/12/2026 | gợi ý: kiểm tra \
          lại ngày và giờ; giờ viết theo đồng hồ 24 giờ, ví dụ 14:00 là 2 giờ chiều"]
    );
}

#[test]
fn an_end_without_time_is_marked_at_its_key() {
    assert_eq!(
        check(&drill("duration_minutes", "end: 2026-12-05", "")),
        ["lỗi content/dien-tap/a.md:6:1 `end`: giờ kết thúc chưa có giờ | gợi ý: viết cả ngày và \
          giờ, ví dụ `end: 2026-12-05T10:00`"]
    );
}

#[test]
fn end_and_duration_are_one_or_the_other() {
    let both = drill("duration_minutes", "duration_minutes: 90\nend: 2026-12-05T10:00", "");
    assert_eq!(
        check(&both),
        ["lỗi content/dien-tap/a.md:6:1 `duration_minutes`: viết cả `end` và `duration_minutes` \
          | gợi ý: chỉ giữ một trong hai: giờ kết thúc `end` hoặc thời lượng `duration_minutes`"]
    );
    assert_eq!(
        check(&drill("duration_minutes", "", "")),
        ["lỗi content/dien-tap/a.md:5:1 `start`: buổi diễn tập chưa có giờ kết thúc | gợi ý: \
          thêm `end: 2026-12-05T10:00` hoặc `duration_minutes: 120`"]
    );
}

#[test]
fn a_duration_of_zero_or_over_a_day_is_refused() {
    assert_eq!(
        check(&drill("duration_minutes", "duration_minutes: 0", "")),
        ["lỗi content/dien-tap/a.md:6:1 `duration_minutes`: thời lượng bằng 0 phút | gợi ý: viết \
          số phút buổi diễn tập kéo dài, ví dụ `duration_minutes: 90`"]
    );
    assert_eq!(
        check(&drill("duration_minutes", "duration_minutes: 1441", "")),
        ["lỗi content/dien-tap/a.md:6:1 `duration_minutes`: thời lượng 1441 phút dài hơn một \
          ngày | gợi ý: viết thời lượng bằng phút, ví dụ `duration_minutes: 90` là một tiếng \
          rưỡi"]
    );
    // A whole day is the longest drill accepted.
    assert_eq!(
        check(&drill("duration_minutes", "duration_minutes: 1440", "")),
        Vec::<String>::new()
    );
}

#[test]
fn results_before_the_drill_is_held_are_refused() {
    let planned = drill("status", "status: du_kien", "results:\n  objectives_met: true\n");
    assert_eq!(
        check(&planned),
        ["lỗi content/dien-tap/a.md:9:1 `results`: buổi diễn tập có kết quả nhưng trạng thái là \
          `du_kien` (Dự kiến) | gợi ý: khi đã tổ chức, viết `status: da_to_chuc`; nếu chưa, bỏ \
          phần `results`"]
    );
    let cancelled = drill("status", "status: huy", "results:\n  objectives_met: true\n");
    assert_eq!(
        check(&cancelled),
        ["lỗi content/dien-tap/a.md:9:1 `results`: buổi diễn tập có kết quả nhưng trạng thái là \
          `huy` (Đã huỷ) | gợi ý: khi đã tổ chức, viết `status: da_to_chuc`; nếu chưa, bỏ phần \
          `results`"]
    );
    // Only a planned or a cancelled drill is refused results.
    let postponed = drill("status", "status: hoan", "results:\n  objectives_met: false\n");
    assert_eq!(check(&postponed), Vec::<String>::new());
}

const GEO_HELP_SHOWN: &str = "chép lại toạ độ từ bản đồ: vĩ độ `lat` trước, kinh độ `lng` sau, \
    bằng độ thập phân; ví dụ Hà Nội ở quanh `geo: {lat: 21.0, lng: 105.8}`";

#[test]
fn coordinates_out_of_range_are_errors_at_their_value() {
    let geo = drill("location", "location:\n  geo: {lat: 91.5, lng: -181}", "");
    assert_eq!(
        check(&geo),
        [
            format!(
                "lỗi content/dien-tap/a.md:8:14 `91.5`: vĩ độ `lat: 91.5` không có thật: vĩ độ \
                 nằm trong khoảng -90 đến 90 | gợi ý: {GEO_HELP_SHOWN}"
            ),
            format!(
                "lỗi content/dien-tap/a.md:8:25 `-181`: kinh độ `lng: -181` không có thật: kinh \
                 độ nằm trong khoảng -180 đến 180 | gợi ý: {GEO_HELP_SHOWN}"
            ),
        ]
    );
}

#[test]
fn coordinates_outside_viet_nam_are_a_warning() {
    // A longitude with its sign lost: a real place, in Mexico.
    let signed = drill("location", "location:\n  geo:\n    lat: 21.0\n    lng: -105.8", "");
    assert_eq!(
        check(&signed),
        [format!(
            "cảnh báo content/dien-tap/a.md:9:10 `21.0`: toạ độ (21, -105.8) nằm ngoài Việt Nam \
             | gợi ý: kiểm tra lại: có thể đã viết nhầm dấu âm hoặc đổi chỗ vĩ độ và kinh độ; \
             {GEO_HELP_SHOWN}"
        )]
    );
    // Swapped, the latitude is impossible: the error alone is reported.
    let swapped = drill("location", "location:\n  geo:\n    lat: 105.8\n    lng: 21.0", "");
    assert_eq!(
        check(&swapped),
        [format!(
            "lỗi content/dien-tap/a.md:9:10 `105.8`: vĩ độ `lat: 105.8` không có thật: vĩ độ nằm \
             trong khoảng -90 đến 90 | gợi ý: {GEO_HELP_SHOWN}"
        )]
    );
    let hanoi = drill("location", "location:\n  geo: {lat: 21.0285, lng: 105.8542}", "");
    assert_eq!(check(&hanoi), Vec::<String>::new());
}

#[test]
fn an_unreadable_to_dan_pho_is_marked_at_its_value() {
    let group = |written: &str| {
        let line = format!("location:\n  to_dan_pho: {written}");
        check(&drill("location", &line, ""))
    };
    let help = "viết số của tổ dân phố, ví dụ `Tổ dân phố số 5`; cũng đọc được `TDP 5`, `Tổ 5`, \
                `Tổ dân phố 05`, chỉ số `5`, và chữ cái của tổ đã tách như `Tổ dân phố số 5A`";
    assert_eq!(
        group("Tổ liên gia số 3"),
        [format!(
            "lỗi content/dien-tap/a.md:8:15 `Tổ liên gia số 3`: không đọc được tổ dân phố `Tổ \
             liên gia số 3` | gợi ý: {help}"
        )]
    );
    assert_eq!(
        group("\"TDP 0\""),
        [format!(
            "lỗi content/dien-tap/a.md:8:15 `\"TDP 0\"`: tổ dân phố `TDP 0` không có thật: số tổ \
             dân phố bắt đầu từ 1 | gợi ý: {help}"
        )]
    );
    // Left empty, as `pccc new` writes it, it is not written.
    assert_eq!(group("\"\""), Vec::<String>::new());
    assert_eq!(group("TDP 05"), Vec::<String>::new());
}

#[test]
fn every_problem_of_a_drill_is_reported_at_once() {
    let front = drill("start", "start: 2026-12-05", "results:\n  objectives_met: true\n");
    let front = front.replace("duration_minutes: 90", "duration_minutes: 0");
    let front = front.replace("  name: Nhà văn hoá", "  name: Nhà văn hoá\n  to_dan_pho: Tổ 0");
    let help = "viết số của tổ dân phố, ví dụ `Tổ dân phố số 5`; cũng đọc được `TDP 5`, `Tổ 5`, \
                `Tổ dân phố 05`, chỉ số `5`, và chữ cái của tổ đã tách như `Tổ dân phố số 5A`";
    assert_eq!(
        check(&front),
        [
            format!(
                "lỗi content/dien-tap/a.md:9:15 `Tổ 0`: tổ dân phố `Tổ 0` không có thật: số tổ \
                 dân phố bắt đầu từ 1 | gợi ý: {help}"
            ),
            "lỗi content/dien-tap/a.md:5:1 `start`: thời gian bắt đầu chưa có giờ | gợi ý: viết \
             cả ngày và giờ, ví dụ `start: 2026-12-05T08:00`"
                .to_string(),
            "lỗi content/dien-tap/a.md:6:1 `duration_minutes`: thời lượng bằng 0 phút | gợi ý: \
             viết số phút buổi diễn tập kéo dài, ví dụ `duration_minutes: 90`"
                .to_string(),
            "lỗi content/dien-tap/a.md:10:1 `results`: buổi diễn tập có kết quả nhưng trạng thái \
             là `du_kien` (Dự kiến) | gợi ý: khi đã tổ chức, viết `status: da_to_chuc`; nếu \
             chưa, bỏ phần `results`"
                .to_string(),
        ]
    );
}

#[test]
fn closed_lists_read_unambiguously() {
    use crate::closed_list::clashes;
    assert_eq!(clashes::<Kind>(), Vec::<String>::new());
    assert_eq!(clashes::<Status>(), Vec::<String>::new());
    assert_eq!(clashes::<ForceType>(), Vec::<String>::new());
}
