//! Drills (diễn tập): their pages, the split between upcoming and past drills on the build's
//! day, the listings per tổ dân phố, the calendars read back by an independent iCalendar parser,
//! and the messages for bad drill records.

use crate::support::{Site, assert_contains};

/// The day the fixture is built on, a week before its planned drill.
const AS_OF: &str = "2026-11-29";

/// The text between `from` and the next `to` in `html`.
fn between<'a>(html: &'a str, from: &str, to: &str) -> &'a str {
    let start = html.find(from).unwrap_or_else(|| panic!("{from:?} not in:\n{html}"));
    let rest = &html[start..];
    &rest[..rest.find(to).unwrap_or(rest.len())]
}

/// The titles of the drills listed in the part of the section page under heading `id`.
fn listed(html: &str, id: &str) -> Vec<String> {
    between(html, &format!("<h2 id=\"{id}\""), "</section>")
        .split("<h3 class=\"card-title\"><a href=\"")
        .skip(1)
        .map(|card| card.split('>').nth(1).unwrap().split('<').next().unwrap().to_string())
        .collect()
}

const HELD: &str = "Thực tập phương án tổ dân phố số 5";
const PLANNED: &str = "Diễn tập chữa cháy, cứu người; toà nhà &quot;Hoa Hồng&quot;";
const CANCELLED: &str = "Thực tập phương án ở chợ";

#[test]
fn a_drill_page_reads_as_facts_with_a_calendar_link_and_event_data() {
    let site = Site::fixture("drills");
    site.build(AS_OF);
    let html = site.read("public/dien-tap/chung-cu/index.html");
    assert_contains(&html, "<p class=\"drill-kind\">Diễn tập nhiều lực lượng</p>");
    assert_contains(&html, "Sắp diễn ra</p>");
    assert_contains(
        &html,
        "<time datetime=\"2026-12-06T08:00:00+07:00\">08h00, Chủ nhật, 06/12/2026</time> đến <time datetime=\"2026-12-06T10:30:00+07:00\">10h30</time> (khoảng 150 phút)",
    );
    assert_contains(
        &html,
        "<a class=\"drill-button\" href=\"https://thu.example/dien-tap/chung-cu/lich.ics\" download>Thêm vào lịch</a>",
    );
    assert_contains(
        &html,
        "<a href=\"https://thu.example/dien-tap/to-dan-pho/so-12/\">Tổ dân phố số 12</a>",
    );

    // schema.org Event, read back as JSON.
    let json = between(&html, "<script type=\"application/ld+json\">", "</script>")
        .trim_start_matches("<script type=\"application/ld+json\">");
    let event: serde_json::Value = serde_json::from_str(json).expect("JSON-LD is JSON");
    assert_eq!(event["@type"], "Event");
    assert_eq!(event["startDate"], "2026-12-06T08:00:00+07:00");
    assert_eq!(event["endDate"], "2026-12-06T10:30:00+07:00");
    assert_eq!(event["eventStatus"], "https://schema.org/EventScheduled");
    assert_eq!(event["location"]["name"], "Toà nhà Hoa Hồng, sảnh A; cổng chính");
    assert_eq!(event["name"], "Diễn tập chữa cháy, cứu người; toà nhà \"Hoa Hồng\"");

    // A held drill shows its results and follow-up actions.
    let held = site.read("public/dien-tap/thang-3/index.html");
    assert_contains(&held, "<strong>20 phút</strong> khống chế đám cháy giả định");
    assert_contains(
        &held,
        "<td>Đặt điểm chữa cháy công cộng đầu ngách 102/15</td><td>UBND phường Thử</td><td><time datetime=\"2026-06-30\">30/06/2026</time></td>",
    );
    assert_contains(&held, "Tổng cộng 27 người và 2 phương tiện.");

    // A cancelled one says so, offers no calendar link and is marked cancelled for machines.
    let cancelled = site.read("public/dien-tap/cho/index.html");
    assert_contains(&cancelled, "Đã huỷ: gộp vào buổi diễn tập chung");
    assert!(!cancelled.contains("Thêm vào lịch"));
    assert_contains(&cancelled, "\"eventStatus\":\"https://schema.org/EventCancelled\"");
}

#[test]
fn upcoming_and_past_drills_split_on_the_build_day() {
    let site = Site::fixture("drills");
    site.build(AS_OF);
    let section = site.read("public/dien-tap/index.html");
    // A cancelled drill is not "coming": it has a list of its own between the two.
    assert_eq!(listed(&section, "sap-dien-ra"), [PLANNED]);
    assert_eq!(listed(&section, "hoan-huy"), [CANCELLED]);
    assert_eq!(listed(&section, "da-qua"), [HELD]);
    assert_contains(&section, "<h2 id=\"sap-dien-ra\">Sắp diễn ra (1)</h2>");
    assert_contains(&section, "<h2 id=\"hoan-huy\">Hoãn hoặc huỷ (1)</h2>");
    let order = ["id=\"sap-dien-ra\"", "id=\"hoan-huy\"", "id=\"da-qua\""].map(|h| section.find(h));
    assert!(
        order.windows(2).all(|w| w[0] < w[1]),
        "upcoming, then postponed or cancelled, then past"
    );
    assert_contains(&section, "href=\"webcal://thu.example/dien-tap/lich.ics\"");
    let home = site.read("public/index.html");
    assert_contains(
        between(&home, "<section class=\"next-drill\"", "</section>"),
        "href=\"https://thu.example/dien-tap/chung-cu/\"",
    );

    // On the drill's own day it is still upcoming; the next day it is past, newest first.
    site.build("2026-12-06");
    let section = site.read("public/dien-tap/index.html");
    assert_eq!(listed(&section, "sap-dien-ra"), [PLANNED]);
    assert_eq!(listed(&section, "hoan-huy"), [CANCELLED]);
    site.build("2027-02-01");
    let section = site.read("public/dien-tap/index.html");
    assert!(listed(&section, "sap-dien-ra").is_empty());
    assert_contains(&section, "Chưa có buổi diễn tập nào được lên lịch.");
    // Once its day has passed, a cancelled drill is among the past ones, marked cancelled.
    assert!(!section.contains("id=\"hoan-huy\""));
    assert_eq!(listed(&section, "da-qua"), [CANCELLED, PLANNED, HELD]);
    // A planned drill whose day has passed does not claim to be coming.
    assert_contains(
        &site.read("public/dien-tap/chung-cu/index.html"),
        "Đã qua ngày dự kiến, chưa cập nhật kết quả",
    );
    // A cancelled drill is never "the next drill".
    assert!(!site.read("public/index.html").contains("next-drill"));
}

/// A postponed drill waits for its new date under "Hoãn hoặc huỷ", even after its old day.
#[test]
fn a_postponed_drill_is_listed_with_the_cancelled_ones_until_it_has_a_new_date() {
    let site = Site::fixture("drills");
    let held = site.read("content/dien-tap/thang-3.md");
    let postponed = held
        .replace("status: da_to_chuc", "status: hoan\nstatus_note: \"vì mưa\"")
        .replace("title: \"Thực tập phương án tổ dân phố số 5\"", "title: \"Buổi hoãn\"")
        .replace("id: ", "id: hoan-");
    let postponed = match postponed.find("results:") {
        Some(i) => {
            let end = postponed[i..].find("\n---").map_or(postponed.len(), |e| i + e);
            format!("{}{}", &postponed[..i], &postponed[end + 1..])
        }
        None => postponed,
    };
    site.write("content/dien-tap/hoan.md", postponed);
    site.build(AS_OF);
    let section = site.read("public/dien-tap/index.html");
    assert_eq!(listed(&section, "hoan-huy"), ["Buổi hoãn", CANCELLED]);
    assert_eq!(listed(&section, "da-qua"), [HELD]);
}

/// An address that says a status ("cho-huy") would say it after the status changes.
#[test]
fn a_drill_address_that_says_a_status_is_warned_about() {
    let site = Site::fixture("drills");
    let text = site.read("content/dien-tap/cho.md");
    site.remove("content/dien-tap/cho.md");
    site.write("content/dien-tap/cho-huy.md", text);
    site.edit("content/dien-tap/thang-3.md", "title:", "slug: \"tdp-5-da-to-chuc\"\ntitle:");
    let run = site.build(AS_OF);
    assert_eq!(
        run.stderr,
        r#"cảnh báo: địa chỉ của buổi diễn tập (`cho-huy`) ghi trạng thái “huỷ”: khi trạng thái đổi, địa chỉ vẫn giữ và sẽ nói sai
--> content/dien-tap/cho-huy.md
 = gợi ý: đặt tên tệp theo nơi và việc, không theo trạng thái (ví dụ `tdp-3-nha-tro.md`); nếu trang đã đăng, thêm `aliases: ["/dien-tap/cho-huy/"]` để liên kết cũ vẫn dẫn tới trang

cảnh báo: địa chỉ của buổi diễn tập (`tdp-5-da-to-chuc`) ghi trạng thái “đã tổ chức”: khi trạng thái đổi, địa chỉ vẫn giữ và sẽ nói sai
 --> content/dien-tap/thang-3.md:2:7
  |
2 | slug: "tdp-5-da-to-chuc"
  |       ^^^^^^^^^^^^^^^^^^
  |
  = gợi ý: đặt `slug` theo nơi và việc, không theo trạng thái (ví dụ `slug: tdp-3-nha-tro`); nếu trang đã đăng, thêm `aliases: ["/dien-tap/tdp-5-da-to-chuc/"]` để liên kết cũ vẫn dẫn tới trang

"#
    );
}

#[test]
fn each_to_dan_pho_has_its_own_listing() {
    let site = Site::fixture("drills");
    site.build(AS_OF);
    let five = site.read("public/dien-tap/to-dan-pho/so-5/index.html");
    assert_contains(&five, "<h1>Diễn tập: Tổ dân phố số 5</h1>");
    assert_eq!(listed(&five, "hoan-huy"), [CANCELLED]);
    assert_eq!(listed(&five, "da-qua"), [HELD]);
    let twelve = site.read("public/dien-tap/to-dan-pho/so-12/index.html");
    assert_eq!(listed(&twelve, "sap-dien-ra"), [PLANNED]);
    assert!(listed(&twelve, "da-qua").is_empty());
}

/// Listings per tổ dân phố are at `/dien-tap/to-dan-pho/so-<n>/`, one per group however its
/// drills write it, named and ordered as numbers; the addresses earlier versions gave other
/// spellings (`to-dan-pho/tdp-05/`) redirect there.
#[test]
fn one_listing_per_to_dan_pho_however_written_and_old_addresses_redirect() {
    let site = Site::fixture("drills");
    site.edit("content/dien-tap/cho.md", "\"Tổ dân phố số 5\"", "\"TDP 05\"");
    site.edit("content/dien-tap/chung-cu.md", "\"Tổ dân phố số 12\"", "\"tổ 12\"");
    site.build("2026-11-29");
    let five = site.read("public/dien-tap/to-dan-pho/so-5/index.html");
    assert_contains(&five, "<h1>Diễn tập: Tổ dân phố số 5</h1>");
    assert_eq!(listed(&five, "hoan-huy"), [CANCELLED]);
    assert_eq!(listed(&five, "da-qua"), [HELD]);
    let section = site.read("public/dien-tap/index.html");
    let groups: Vec<&str> = between(&section, "<ul class=\"drill-neighbourhoods\">", "</ul>")
        .split("\">")
        .skip(1)
        .filter_map(|s| s.split_once("</a>").map(|(name, _)| name))
        .collect();
    assert_eq!(groups, ["Tổ dân phố số 5", "Tổ dân phố số 12"]);
    assert_contains(
        &site.read("public/dien-tap/cho/index.html"),
        "<a href=\"https://thu.example/dien-tap/to-dan-pho/so-5/\">Tổ dân phố số 5</a>",
    );
    let calendar = parse_calendar(&site.read("public/dien-tap/chung-cu/lich.ics"));
    let location = unescape(property(&calendar.events[0], "LOCATION"));
    assert!(location.ends_with(" (Tổ dân phố số 12)"), "{location}");
    let files: Vec<String> = site.snapshot("public/dien-tap/to-dan-pho").into_keys().collect();
    assert_eq!(
        files,
        [
            "so-12/index.html",
            "so-12/lich.ics",
            "so-5/index.html",
            "so-5/lich.ics",
            "tdp-05/index.html",
            "to-12/index.html"
        ]
    );
    for (old, new) in [("tdp-05", "so-5"), ("to-12", "so-12")] {
        assert_contains(
            &site.read(&format!("public/dien-tap/to-dan-pho/{old}/index.html")),
            &format!(
                "<meta http-equiv=\"refresh\" content=\"0; url=https://thu.example/dien-tap/to-dan-pho/{new}/\">"
            ),
        );
    }
}

#[test]
fn a_to_dan_pho_that_is_not_a_number_is_refused_at_its_value() {
    Site::fixture("drills").fails_with(
        "2026-11-29",
        |site| site.edit("content/dien-tap/cho.md", "\"Tổ dân phố số 5\"", "\"Tổ liên gia số 5\""),
        r#"lỗi: không đọc được tổ dân phố `Tổ liên gia số 5`
  --> content/dien-tap/cho.md:11:15
   |
11 |   to_dan_pho: "Tổ liên gia số 5"
   |               ^^^^^^^^^^^^^^^^^^
   |
   = gợi ý: viết số của tổ dân phố, ví dụ `Tổ dân phố số 5`; cũng đọc được `TDP 5`, `Tổ 5`, `Tổ dân phố 05`, chỉ số `5`, và chữ cái của tổ đã tách như `Tổ dân phố số 5A`

Không dựng được trang: 1 lỗi.
"#,
    );
}

/// Undoes RFC 5545 TEXT escaping; the parser leaves values as written.
fn unescape(value: &str) -> String {
    let mut out = String::new();
    let mut chars = value.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') | Some('N') => out.push('\n'),
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn parse_calendar(text: &str) -> ical::parser::ical::component::IcalCalendar {
    let mut parser = ical::IcalParser::new(std::io::BufReader::new(text.as_bytes()));
    let calendar = parser.next().expect("one calendar").expect("a valid calendar");
    assert!(parser.next().is_none(), "only one calendar");
    calendar
}

fn property<'a>(event: &'a ical::parser::ical::component::IcalEvent, name: &str) -> &'a str {
    event
        .properties
        .iter()
        .find(|p| p.name == name)
        .and_then(|p| p.value.as_deref())
        .unwrap_or_else(|| panic!("no {name} in {event:?}"))
}

#[test]
fn calendars_are_valid_icalendar_read_back_by_another_parser() {
    let site = Site::fixture("drills");
    site.build(AS_OF);
    let text = site.read("public/dien-tap/lich.ics");

    // Lines end in CRLF and none is longer than 75 octets.
    assert!(text.ends_with("\r\n"));
    assert!(!text.replace("\r\n", "").contains('\n'), "bare LF in the calendar");
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
    }
    assert!(text.contains("\r\n "), "the long description must be folded");

    let calendar = parse_calendar(&text);
    assert_eq!(calendar.events.len(), 3);
    let by_uid = |uid: &str| {
        calendar
            .events
            .iter()
            .find(|e| property(e, "UID") == uid)
            .unwrap_or_else(|| panic!("no event {uid}"))
    };

    let planned = by_uid("dt-thu-12@thu.example");
    assert_eq!(property(planned, "DTSTART"), "20261206T010000Z");
    assert_eq!(property(planned, "DTEND"), "20261206T033000Z");
    assert_eq!(property(planned, "STATUS"), "CONFIRMED");
    assert_eq!(
        unescape(property(planned, "SUMMARY")),
        "Diễn tập chữa cháy, cứu người; toà nhà \"Hoa Hồng\""
    );
    assert_eq!(
        property(planned, "SUMMARY"),
        "Diễn tập chữa cháy\\, cứu người\\; toà nhà \"Hoa Hồng\""
    );
    assert_eq!(
        unescape(property(planned, "LOCATION")),
        "Toà nhà Hoa Hồng, sảnh A; cổng chính, số 1 đường Thử (Tổ dân phố số 12)"
    );
    assert_eq!(
        unescape(property(planned, "DESCRIPTION")),
        "Diễn tập nhiều lực lượng. Tình huống: cháy căn hộ tầng 15, khói lan; cư dân thoát nạn bằng thang bộ.\n\
         Dòng thứ hai, có dấu \\ gạch ngược. Nghiêngnghiêngnghiêngnghiêngnghiêngnghiêngnghiêngnghiêngnghiêngnghiêng.\n\
         Đơn vị tổ chức: Ban quản lý toà nhà\n\
         Xem chi tiết: https://thu.example/dien-tap/chung-cu/"
    );
    assert_eq!(property(planned, "URL"), "https://thu.example/dien-tap/chung-cu/");
    assert_eq!(property(planned, "GEO"), "20.99;105.81");

    let held = by_uid("dt-thu-03@thu.example");
    assert_eq!(property(held, "DTSTART"), "20260328T013000Z");
    assert_eq!(property(held, "DTEND"), "20260328T030000Z");

    // A cancelled drill stays in the feed, marked cancelled; without an `id` its UID is its slug.
    let cancelled = by_uid("cho@thu.example");
    assert_eq!(property(cancelled, "STATUS"), "CANCELLED");
    assert_eq!(property(cancelled, "DTSTART"), "20270109T230000Z");

    // Every event has a DTSTAMP, the same from one build to the next on the same day.
    assert!(calendar.events.iter().all(|e| property(e, "DTSTAMP").ends_with('Z')));
    site.build(AS_OF);
    assert_eq!(site.read("public/dien-tap/lich.ics"), text);

    // One calendar per drill, with that drill only.
    let one = parse_calendar(&site.read("public/dien-tap/chung-cu/lich.ics"));
    assert_eq!(one.events.len(), 1);
    assert_eq!(property(&one.events[0], "UID"), "dt-thu-12@thu.example");
}

#[test]
fn missing_start() {
    Site::fixture("drills").fails_with(
        AS_OF,
        |site| site.edit("content/dien-tap/chung-cu.md", "start: 2026-12-06T08:00\n", ""),
        r#"lỗi: buổi diễn tập thiếu thời gian bắt đầu `start`
 --> content/dien-tap/chung-cu.md:1:1
  |
1 | ---
  | ^^^
  |
  = gợi ý: thêm một dòng ngày và giờ bắt đầu theo giờ Hà Nội, ví dụ `start: 2026-12-05T08:00`

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn unknown_kind() {
    Site::fixture("drills").fails_with(
        AS_OF,
        |site| site.edit("content/dien-tap/chung-cu.md", "kind: dien_tap", "kind: dien-tap-lon"),
        r#"lỗi: loại diễn tập `dien-tap-lon` không có trong danh sách cho phép (trong `kind`)
 --> content/dien-tap/chung-cu.md:7:7
  |
7 | kind: dien-tap-lon
  |       ^^^^^^^^^^^^
  |
  = gợi ý: có phải bạn muốn viết `dien_tap`? Các giá trị cho phép: thuc_tap_phuong_an (Thực tập phương án chữa cháy và CNCH), dien_tap (Diễn tập nhiều lực lượng), huan_luyen_ky_nang (Huấn luyện kỹ năng), so_tan_truong_hoc (Diễn tập sơ tán trường học), tap_huan_to_lien_gia (Tập huấn tổ liên gia an toàn PCCC)

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn end_before_start() {
    Site::fixture("drills").fails_with(
        AS_OF,
        |site| {
            site.edit(
                "content/dien-tap/chung-cu.md",
                "end: 2026-12-06T10:30",
                "end: 2026-12-06T07:30",
            )
        },
        r#"lỗi: giờ kết thúc 07h30 ngày 06/12/2026 không sau giờ bắt đầu 08h00 ngày 06/12/2026
  --> content/dien-tap/chung-cu.md:10:6
   |
10 | end: 2026-12-06T07:30
   |      ^^^^^^^^^^^^^^^^ trước giờ bắt đầu
   |
   = gợi ý: kiểm tra lại ngày và giờ; giờ viết theo đồng hồ 24 giờ, ví dụ 14:00 là 2 giờ chiều

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn wrong_force_type_lists_the_allowed_values() {
    Site::fixture("drills").fails_with(
        AS_OF,
        |site| site.edit("content/dien-tap/thang-3.md", "type: dan_phong", "type: dân phòng"),
        r#"lỗi: loại lực lượng `dân phòng` không có trong danh sách cho phép (trong `forces[0].type`)
  --> content/dien-tap/thang-3.md:15:40
   |
15 |   - {unit: "Đội dân phòng số 5", type: dân phòng, personnel: 12}
   |                                        ^^^^^^^^^
   |
   = gợi ý: có phải bạn muốn viết `dan_phong`? Các giá trị cho phép: canh_sat_pccc (Cảnh sát PCCC và CNCH), cong_an_phuong (Công an phường), dan_phong (Dân phòng), to_lien_gia (Tổ liên gia an toàn PCCC), co_so (Đội PCCC cơ sở), y_te (Y tế), dien_luc (Điện lực), dan_quan (Dân quân tự vệ), nha_truong (Nhà trường), khac (Lực lượng khác)

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn the_ward_site_has_sample_drills_before_and_after_its_day() {
    let site = Site::ward();
    site.build(AS_OF);
    let section = site.read("public/dien-tap/index.html");
    let upcoming = listed(&section, "sap-dien-ra");
    let past = listed(&section, "da-qua");
    assert!(upcoming.len() >= 2 && past.len() >= 3, "upcoming {upcoming:?}, past {past:?}");
    let mut kinds = Vec::new();
    let mut neighbourhoods = std::collections::BTreeSet::new();
    let mut drills = 0;
    for (path, bytes) in site.snapshot("public/dien-tap") {
        if !path.ends_with("/index.html") || path.contains("to-dan-pho/") {
            continue;
        }
        let html = String::from_utf8(bytes).unwrap();
        if html.contains("<title>Trang đã chuyển địa chỉ</title>") {
            continue; // the old address of a renamed drill
        }
        assert_contains(&html, "Dữ liệu minh hoạ.");
        assert!(html.len() < 40 * 1024, "{path}: {} bytes", html.len());
        let kind = between(&html, "<p class=\"drill-kind\">", "</p>").to_string();
        kinds.push(kind);
        neighbourhoods.insert(between(&html, "/dien-tap/to-dan-pho/", "\"").to_string());
        drills += 1;
    }
    assert!(drills >= 6, "only {drills} drills");
    assert!(neighbourhoods.len() >= 3, "{neighbourhoods:?}");
    assert!(kinds.iter().any(|k| k.contains("sơ tán trường học")), "{kinds:?}");
    let calendar = parse_calendar(&site.read("public/dien-tap/lich.ics"));
    assert_eq!(calendar.events.len(), drills);
    // The home page shows the next drill.
    assert_contains(&site.read("public/index.html"), "Buổi diễn tập sắp tới");
}

/// Calendar applications apply a change only when the event says it is newer (issue 18, point
/// 7): every event has a SEQUENCE that grows with the drill's `updated`, and LAST-MODIFIED; a
/// subscribed calendar says to fetch it daily. Read back with the `ical` parser.
#[test]
fn a_changed_drill_has_a_higher_sequence_and_subscribers_refresh_daily() {
    let site = Site::fixture("drills");
    site.build(AS_OF);
    let text = site.read("public/dien-tap/lich.ics");
    for line in ["REFRESH-INTERVAL;VALUE=DURATION:P1D\r\n", "X-PUBLISHED-TTL:P1D\r\n"] {
        assert_contains(&text, line);
    }
    let calendar = parse_calendar(&text);
    let refresh = calendar.properties.iter().find(|p| p.name == "REFRESH-INTERVAL").unwrap();
    assert_eq!(refresh.value.as_deref(), Some("P1D"));
    let sequence = |site: &Site| {
        let calendar = parse_calendar(&site.read("public/dien-tap/chung-cu/lich.ics"));
        let event = &calendar.events[0];
        let modified = event
            .properties
            .iter()
            .find(|p| p.name == "LAST-MODIFIED")
            .and_then(|p| p.value.clone());
        (property(event, "SEQUENCE").parse::<u32>().unwrap(), modified)
    };
    // Never changed: the first revision, and no time of change to give.
    assert_eq!(sequence(&site), (0, None));

    let drill = "content/dien-tap/chung-cu.md";
    site.edit(drill, "status: du_kien\n", "status: du_kien\nupdated: 2026-11-20T09:00\n");
    site.build(AS_OF);
    let (first, modified) = sequence(&site);
    assert!(first > 0);
    assert_eq!(modified.as_deref(), Some("20261120T020000Z"));
    // Postponed an hour later the same day: a higher sequence, in every calendar holding it.
    site.edit(
        drill,
        "status: du_kien\nupdated: 2026-11-20T09:00",
        "status: hoan\nupdated: 2026-11-20T10:00",
    );
    site.build(AS_OF);
    let (second, _) = sequence(&site);
    assert_eq!(second, first + 60);
    for file in ["public/dien-tap/lich.ics", "public/dien-tap/to-dan-pho/so-12/lich.ics"] {
        let calendar = parse_calendar(&site.read(file));
        let event = calendar
            .events
            .iter()
            .find(|e| property(e, "UID") == "dt-thu-12@thu.example")
            .unwrap_or_else(|| panic!("{file}"));
        assert_eq!(property(event, "SEQUENCE"), second.to_string(), "{file}");
        assert_eq!(property(event, "STATUS"), "TENTATIVE", "{file}");
    }
}

/// Each tổ dân phố has its own calendar of its drills, linked from its page, and the drills
/// have an Atom feed, newest change first.
#[test]
fn each_to_dan_pho_has_a_calendar_and_the_drills_a_feed() {
    let site = Site::fixture("drills");
    site.build(AS_OF);
    let twelve = parse_calendar(&site.read("public/dien-tap/to-dan-pho/so-12/lich.ics"));
    let uids: Vec<&str> = twelve.events.iter().map(|e| property(e, "UID")).collect();
    assert_eq!(uids, ["dt-thu-12@thu.example"]);
    let all = parse_calendar(&site.read("public/dien-tap/lich.ics"));
    assert!(all.events.len() > twelve.events.len());
    let page = site.read("public/dien-tap/to-dan-pho/so-12/index.html");
    assert_contains(&page, "href=\"webcal://thu.example/dien-tap/to-dan-pho/so-12/lich.ics\"");
    assert_contains(&page, "href=\"https://thu.example/dien-tap/atom.xml\"");

    let feed = site.read("public/dien-tap/atom.xml");
    assert_contains(&feed, "<id>https://thu.example/dien-tap/atom.xml</id>");
    assert_eq!(feed.matches("<entry>").count(), all.events.len());
    assert_contains(&feed, "<title>[Đã huỷ] ");
    assert_contains(
        &feed,
        "<link rel=\"alternate\" type=\"text/html\" href=\"https://thu.example/dien-tap/chung-cu/\"/>",
    );
    assert_contains(
        &site.read("public/dien-tap/index.html"),
        "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Diễn tập\" href=\"https://thu.example/dien-tap/atom.xml\">",
    );
}

/// A drill's own calendar ("Thêm vào lịch") is made only while the drill is to come and not
/// cancelled; the section's calendar keeps every drill (issue 20: one file per past drill was
/// most of a drills section's files).
#[test]
fn only_drills_to_come_have_a_calendar_of_their_own() {
    let site = Site::fixture("drills");
    site.build(AS_OF);
    assert!(site.exists("public/dien-tap/chung-cu/lich.ics"));
    for (drill, why) in [("thang-3", "held"), ("cho", "cancelled")] {
        assert!(!site.exists(&format!("public/dien-tap/{drill}/lich.ics")), "{why}");
        let html = site.read(&format!("public/dien-tap/{drill}/index.html"));
        assert!(!html.contains("lich.ics"), "{why}: {html}");
        assert!(!html.contains("Thêm vào lịch"), "{why}");
    }
    let all = site.read("public/dien-tap/lich.ics");
    assert_eq!(all.matches("BEGIN:VEVENT").count(), 3);
    // The home page offers the coming drill's calendar.
    assert_contains(
        &site.read("public/index.html"),
        "<a href=\"https://thu.example/dien-tap/chung-cu/lich.ics\" download>Thêm vào lịch</a>",
    );

    // The day after it, the drill is over: its calendar and button are gone.
    site.build("2026-12-07");
    assert!(!site.exists("public/dien-tap/chung-cu/lich.ics"));
    assert!(!site.read("public/dien-tap/chung-cu/index.html").contains("Thêm vào lịch"));
    assert_eq!(site.read("public/dien-tap/lich.ics").matches("BEGIN:VEVENT").count(), 3);
}
