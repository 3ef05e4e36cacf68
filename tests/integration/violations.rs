//! The public list of violations: status and list membership on several days, CSV and XLSX
//! sheets importing to the same site as YAML, personal data refused, hostile values escaped.

use crate::support::{Site, assert_contains, assert_lacks};

/// The site with its YAML records replaced by one sheet of `sheets/`.
pub fn site_from_sheet(sheet: &str) -> Site {
    let site = Site::fixture("violations");
    for id in ["a", "b", "c", "d", "e"] {
        site.remove(&format!("content/vi-pham/vp-{id}.yaml"));
    }
    let ext = sheet.rsplit('.').next().unwrap();
    site.write(
        &format!("content/vi-pham/danh-sach.{ext}"),
        std::fs::read(site.path(&format!("sheets/{sheet}"))).unwrap(),
    );
    site
}

#[test]
fn list_membership_follows_the_build_day() {
    let site = Site::fixture("violations");
    // 2026-03-15: a, c and d listed; b listed since 1/3; e not yet published.
    site.build("2026-03-15");
    let list = site.read("public/vi-pham/index.html");
    for name in ["Karaoke Ví Dụ A", "Ông Nguyễn Văn Ví Dụ", "Nhà hàng Ví Dụ C", "Trụ sở Minh hoạ D"]
    {
        assert_contains(&list, name);
    }
    assert!(!list.contains("Cửa hàng gas Ví Dụ E"), "e is published from 1/7");
    assert!(!site.exists("public/vi-pham/vp-e/index.html"));
    assert_contains(
        &site.read("public/vi-pham/tinh-trang/chua-khac-phuc/index.html"),
        "Karaoke Ví Dụ A",
    );

    // 2026-04-20: d removed (no page, reason shown), c remediated, b being remediated.
    site.build("2026-04-20");
    let list = site.read("public/vi-pham/index.html");
    assert!(!list.contains("Trụ sở Minh hoạ D") && !list.contains("Nhà hàng Ví Dụ C"));
    let removed = site.read("public/vi-pham/da-go/index.html");
    assert_contains(&removed, "Trụ sở Minh hoạ D");
    assert_contains(&removed, "Sai sót dữ liệu, đăng nhầm");
    let gone = site.read("public/vi-pham/vp-d/index.html");
    assert_contains(&gone, "Hồ sơ vp-d không còn được công khai");
    assert_contains(&gone, "Sai sót dữ liệu, đăng nhầm");
    assert_contains(&gone, r#"<meta name="robots" content="noindex">"#);
    assert_contains(&site.read("public/vi-pham/da-khac-phuc/index.html"), "Nhà hàng Ví Dụ C");
    assert_contains(
        &site.read("public/vi-pham/tinh-trang/dang-khac-phuc/index.html"),
        "Ông Nguyễn Văn Ví Dụ",
    );
    assert_contains(
        &site.read("public/vi-pham/vp-c/index.html"),
        "công khai đến hết ngày 10/05/2026",
    );

    // 2026-06-01: a overdue; c left after its 30 days of grace.
    site.build("2026-06-01");
    assert_contains(&site.read("public/vi-pham/tinh-trang/qua-han/index.html"), "Karaoke Ví Dụ A");
    assert!(!site.read("public/vi-pham/da-khac-phuc/index.html").contains("Nhà hàng Ví Dụ C"));
    let gone = site.read("public/vi-pham/vp-c/index.html");
    assert_contains(&gone, "hết thời hạn công khai 30 ngày");
    assert!(!gone.contains("Nhà hàng Ví Dụ C") && !gone.contains("Số 3 ngõ Thử"));
    let home = site.read("public/index.html");
    assert_contains(
        &home,
        "Đang công khai: <strong>2</strong> cơ sở, trong đó <strong>1</strong> quá hạn",
    );

    // 2026-07-02: e published; views by category and tổ dân phố.
    site.build("2026-07-02");
    assert_contains(
        &site.read("public/vi-pham/loai/nguon-lua-nhiet-chat-chay/index.html"),
        "Cửa hàng gas Ví Dụ E",
    );
    let tdp = site.read("public/vi-pham/to-dan-pho/so-3/index.html");
    assert_contains(&tdp, "Cửa hàng gas Ví Dụ E");
    assert!(!tdp.contains("Karaoke Ví Dụ A"));
}

/// Every way an output could write `amount` đồng: the digits alone, or grouped in thousands by
/// a dot (as Vietnamese does), a comma, a space, a no-break or narrow no-break space, or an
/// HTML no-break space.
fn spellings(amount: u64) -> Vec<String> {
    let digits = amount.to_string();
    let first = match digits.len() % 3 {
        0 => 3,
        n => n,
    };
    let mut groups = vec![&digits[..first]];
    groups.extend(digits.as_bytes()[first..].chunks(3).map(|g| std::str::from_utf8(g).unwrap()));
    let mut all = vec![digits.clone()];
    for separator in [".", ",", " ", "\u{a0}", "\u{202f}", "&nbsp;", "&#160;"] {
        all.push(groups.join(separator));
    }
    all
}

/// Whether `text` holds `number` with no digit right before or after it (5.000.000 is not
/// in 15.000.000).
fn holds_number(text: &str, number: &str) -> bool {
    text.match_indices(number).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + number.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

/// The files of the built site that hold `amount` in any spelling: every page, the CSV and
/// JSON open data, the feeds and the search index alike.
fn files_with_amount(site: &Site, amount: u64) -> Vec<String> {
    let spellings = spellings(amount);
    site.snapshot("public")
        .into_iter()
        .filter(|(_, bytes)| {
            let text = String::from_utf8_lossy(bytes);
            spellings.iter().any(|s| holds_number(&text, s))
        })
        .map(|(path, _)| path)
        .collect()
}

#[test]
fn an_amount_is_found_in_every_spelling() {
    assert_eq!(
        spellings(5_000_000),
        [
            "5000000",
            "5.000.000",
            "5,000,000",
            "5 000 000",
            "5\u{a0}000\u{a0}000",
            "5\u{202f}000\u{202f}000",
            "5&nbsp;000&nbsp;000",
            "5&#160;000&#160;000"
        ]
    );
    assert_eq!(spellings(80_000_000)[1], "80.000.000");
    assert_eq!(spellings(950)[1], "950");
    assert!(holds_number("Phạt tiền 5.000.000 đồng", "5.000.000"));
    assert!(holds_number("\"amount\":5000000}", "5000000"));
    assert!(!holds_number("Phạt tiền 15.000.000 đồng", "5.000.000"));
    assert!(!holds_number("50000000", "5000000"));
}

#[test]
fn individuals_publish_only_the_allowlist_and_are_not_indexed() {
    let site = Site::fixture("violations");
    site.build("2026-05-01");
    let page = site.read("public/vi-pham/vp-b/index.html");
    assert_contains(&page, r#"<meta name="robots" content="noindex">"#);
    assert_contains(&page, "Ông Nguyễn Văn Ví Dụ");
    assert!(!site.read("public/vi-pham/vp-a/index.html").contains("noindex"));
    assert_contains(&site.read("public/vi-pham/vp-a/index.html"), "Phạt tiền 80.000.000 đồng");
    assert_contains(&page, "Bộ phận Một cửa, UBND phường Thử");

    // The individual's record is in the list, but in no file that is downloaded whole (issue
    // 18: the feed named them in entry titles, the CSV and the JSON carried them): the open
    // data, the feed, the search index.
    assert_contains(&site.read("public/vi-pham/index.html"), "Ông Nguyễn Văn Ví Dụ");
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/vi-pham/danh-sach.json")).unwrap();
    let records = json["records"].as_array().unwrap();
    assert!(records.iter().any(|r| r["id"] == "vp-a"));
    assert!(!records.iter().any(|r| r["id"] == "vp-b"));
    assert_lacks(&site.read("public/vi-pham/danh-sach.csv"), "\"vp-b\"");
    assert_lacks(&site.read("public/vi-pham/atom.xml"), "Nguyễn Văn Ví Dụ");
    assert_lacks(&site.read("public/vi-pham/atom.xml"), "vp-b");
    let index = site.snapshot("public/tim-kiem/chi-muc");
    let index_text: String = index.values().map(|b| String::from_utf8_lossy(b)).collect();
    assert_contains(&index_text, "\"/vi-pham/vp-a/\"");
    assert!(!index_text.contains("vp-b") && !index_text.contains("Nguyễn Văn Ví Dụ"));

    // The organisation's fine (80.000.000 đồng) is found where fines are published, so the
    // search below sees a fine in a page, the CSV and the JSON...
    assert_eq!(
        files_with_amount(&site, 80_000_000),
        ["vi-pham/danh-sach.csv", "vi-pham/danh-sach.json", "vi-pham/vp-a/index.html"]
    );
    // ...and the individual's (5.000.000 đồng, not in the allowlist) is in no output at all:
    // no page, the CSV, the JSON, a feed or the search index.
    assert_eq!(
        files_with_amount(&site, 5_000_000),
        Vec::<String>::new(),
        "an individual's fine is not in the allowlist"
    );

    let csv = std::fs::read(site.path("public/vi-pham/danh-sach.csv")).unwrap();
    assert!(
        csv.starts_with(b"\xEF\xBB\xBF\"M\xC3\xA3 h\xE1\xBB\x93 s\xC6\xA1"),
        "UTF-8 BOM, then the quoted header"
    );
}

#[test]
fn sheets_import_to_the_same_site_as_yaml() {
    let yaml = Site::fixture("violations");
    yaml.build("2026-04-20");
    let expected = yaml.snapshot("public/vi-pham");
    assert!(expected.len() > 10);
    for sheet in ["danh-sach.csv", "danh-sach-cham-phay.csv", "danh-sach.xlsx"] {
        let site = site_from_sheet(sheet);
        let run = site.build("2026-04-20");
        assert_contains(&run.stderr, "“Số điện thoại chủ cơ sở”");
        assert_contains(&run.stderr, "không được đăng");
        let got = site.snapshot("public/vi-pham");
        assert_eq!(got.keys().collect::<Vec<_>>(), expected.keys().collect::<Vec<_>>(), "{sheet}");
        for (path, bytes) in &expected {
            assert!(got[path] == *bytes, "{sheet}: {path} differs from the YAML site's");
        }
        for bytes in got.values() {
            assert!(!String::from_utf8_lossy(bytes).contains("Không công khai cột này"));
        }
    }
}

#[test]
fn every_bad_cell_is_reported_at_once() {
    // Rows 2 and 3 cannot be read; row 4 can, and is checked in the same build.
    site_from_sheet("danh-sach.csv").fails_with(
        "2026-04-20",
        |site| {
            let sheet = "content/vi-pham/danh-sach.csv";
            site.edit(sheet, "Karaoke, vũ trường", "Quán hát");
            site.edit(sheet, "20/02/2026", "20/13/2026");
            site.edit(sheet, "Dây điện quá tải ở bếp.", "Gọi 0912345678.");
        },
        r#"lỗi: hàng 2, cột C “Loại hình”: loại hình cơ sở `Quán hát` không có trong danh sách cho phép
 --> content/vi-pham/danh-sach.csv:2:23
  |
2 | vp-a,Karaoke Ví Dụ A,"Quán hát",Số 1 ngõ Thử,Tổ dân phố số 2,Tổ chức,Công ty TNHH Minh hoạ A,"Đưa công trình vào sử dụng khi chưa ngh...
  |                       ^^^^^^^^
  |
  = gợi ý: có phải bạn muốn viết “Quán bar”? Các giá trị cho phép: nha_o_rieng_le (Nhà ở riêng lẻ), nha_o_ket_hop_kinh_doanh (Nhà ở kết hợp kinh doanh), nha_nhieu_tang_nhieu_can_ho (Nhà nhiều tầng nhiều căn hộ), chung_cu (Chung cư), karaoke_vu_truong (Karaoke, vũ trường), quan_bar (Quán bar), nha_hang (Nhà hàng, quán ăn), khach_san_nha_nghi (Khách sạn, nhà nghỉ), cho_tttm (Chợ, trung tâm thương mại), truong_hoc_mam_non (Trường mầm non), truong_hoc (Trường học), co_so_y_te (Cơ sở y tế), kho_xuong (Kho, xưởng), kinh_doanh_gas_xang_dau (Kinh doanh gas, xăng dầu), van_phong (Văn phòng), tru_so_co_quan (Trụ sở cơ quan), nha_tro_cho_thue (Nhà trọ cho thuê), khac (Khác)

lỗi: hàng 3, cột M “Ngày quyết định”: cần một ngày dạng 05/02/2026, nhưng ô ghi “20/13/2026”
 --> content/vi-pham/danh-sach.csv:3:167
  |
3 | ... cháy, dụng cụ phá dỡ",Không có bình chữa cháy.,,06,QĐ-XPHC,20/13/2026,Chủ tịch UBND phường Thử,5.000.000,,31/12/2026,Đang khắc ph...
  |                                                                ^^^^^^^^^^

lỗi: hàng 4, cột I “Mô tả vi phạm”: trường công khai `description` có số điện thoại “0912345678”: không được đăng dữ liệu cá nhân
 --> content/vi-pham/danh-sach.csv:5:142
  |
5 | ...ng ty Cổ phần Minh hoạ C,"Hệ thống điện, thiết bị điện",Gọi 0912345678.,,07,QĐ-XPHC,08/02/2026,Chủ tịch UBND phường Thử,,,30/04/20...
  |                                                                ^^^^^^^^^^
  |
  = gợi ý: xoá số điện thoại khỏi ô này; danh sách công khai chỉ ghi tên, địa chỉ cơ sở, hành vi, quyết định và kết quả khắc phục
  = ghi chú: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15

Không dựng được trang: 3 lỗi.
"#,
    );
}

#[test]
fn personal_data_is_refused_with_file_and_row() {
    // An ID number in a YAML record: the caret is on the number itself, not on the key.
    Site::fixture("violations").fails_with(
        "2026-04-20",
        |site| {
            site.edit(
                "content/vi-pham/vp-a.yaml",
                "lối thoát nạn bị khoá.",
                "lối thoát nạn bị khoá. CCCD 001203004567",
            )
        },
        r#"lỗi: trường công khai `description` có dãy số giống số CMND/CCCD (9 hoặc 12 chữ số) “001203004567”: không được đăng dữ liệu cá nhân
  --> content/vi-pham/vp-a.yaml:11:68
   |
11 | description: "Chưa nghiệm thu về PCCC; lối thoát nạn bị khoá. CCCD 001203004567"
   |                                                                    ^^^^^^^^^^^^
   |
   = gợi ý: xoá số CMND/CCCD khỏi ô này; nếu đó là số tiền, viết có dấu chấm ngăn cách, ví dụ 150.000.000
   = ghi chú: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15

Không dựng được trang: 1 lỗi.
"#,
    );

    // A phone number in a CSV row.
    site_from_sheet("danh-sach.csv").fails_with(
        "2026-04-20",
        |site| {
            site.edit(
                "content/vi-pham/danh-sach.csv",
                "Ông Nguyễn Văn Ví Dụ",
                "Ông Nguyễn Văn Ví Dụ (0912 345 678)",
            )
        },
        r#"lỗi: hàng 3, cột G “Chủ cơ sở”: trường công khai `owner.name` có số điện thoại “0912 345 678”: không được đăng dữ liệu cá nhân
 --> content/vi-pham/danh-sach.csv:3:91
  |
3 | vp-b,Nhà trọ,Nhà trọ cho thuê,Số 2 ngõ Thử,Tổ dân phố số 10,Cá nhân,Ông Nguyễn Văn Ví Dụ (0912 345 678),"Phương tiện chữa cháy, dụng ...
  |                                                                                           ^^^^^^^^^^^^
  |
  = gợi ý: xoá số điện thoại khỏi ô này; danh sách công khai chỉ ghi tên, địa chỉ cơ sở, hành vi, quyết định và kết quả khắc phục
  = ghi chú: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15

Không dựng được trang: 1 lỗi.
"#,
    );

    // A birth date in a semicolon CSV row.
    site_from_sheet("danh-sach-cham-phay.csv").fails_with(
        "2026-04-20",
        |site| {
            site.edit(
                "content/vi-pham/danh-sach.csv",
                "Không có bình chữa cháy.",
                "Chủ nhà sinh năm 1975.",
            )
        },
        r#"lỗi: hàng 3, cột I “Mô tả vi phạm”: trường công khai `description` có ngày sinh hoặc năm sinh “sinh năm 1975”: không được đăng dữ liệu cá nhân
 --> content/vi-pham/danh-sach.csv:3:136
  |
3 | ...n Văn Ví Dụ;Phương tiện chữa cháy, dụng cụ phá dỡ;Chủ nhà sinh năm 1975.;;06;QĐ-XPHC;2026-02-20;Chủ tịch UBND phường Thử;5.000.000...
  |                                                              ^^^^^^^^^^^^^
  |
  = gợi ý: xoá ngày sinh, năm sinh khỏi ô này; danh sách công khai chỉ ghi tên, địa chỉ cơ sở, hành vi, quyết định và kết quả khắc phục
  = ghi chú: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15

Không dựng được trang: 1 lỗi.
"#,
    );

    // A birth year in an XLSX row (`sheets/make_fixtures.py` writes the workbook).
    site_from_sheet("danh-sach.xlsx").fails_with(
        "2026-04-20",
        |site| {
            site.write(
                "content/vi-pham/danh-sach.xlsx",
                std::fs::read(site.path("sheets/danh-sach-ngay-sinh.xlsx")).unwrap(),
            )
        },
        r#"lỗi: hàng 3, cột I “Mô tả vi phạm”: trường công khai `description` có ngày sinh hoặc năm sinh “sinh năm 1975”: không được đăng dữ liệu cá nhân
--> content/vi-pham/danh-sach.xlsx
 = gợi ý: xoá ngày sinh, năm sinh khỏi ô này; danh sách công khai chỉ ghi tên, địa chỉ cơ sở, hành vi, quyết định và kết quả khắc phục
 = ghi chú: Luật Bảo vệ dữ liệu cá nhân số 91/2025/QH15

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_record_needs_a_decision_a_legal_basis_a_unique_id_and_coherent_dates() {
    Site::fixture("violations").fails_with(
        "2026-04-20",
        |site| {
            site.edit(
                "content/vi-pham/vp-e.yaml",
                "legal_basis: \"Kế hoạch số 01/KH-UBND của UBND phường Thử\"\n",
                "",
            );
            site.edit("content/vi-pham/vp-c.yaml", "id: vp-c", "id: vp-a");
            site.edit("content/vi-pham/vp-a.yaml", "since: 2026-02-05", "since: 2026-01-05");
            site.write(
                "content/vi-pham/vp-f.yaml",
                site.read("content/vi-pham/vp-b.yaml").replace("id: vp-b", "id: vp-f").replace(
                    "decision:\n  number: \"06\"\n  symbol: QĐ-XPHC\n  date: 2026-02-20\n  issuer: \"Chủ tịch UBND phường Thử\"\n",
                    "",
                ),
            );
        },
        r#"lỗi: ngày không hợp lý: ngày bắt đầu công khai (05/01/2026) trước 02/02/2026
  --> content/vi-pham/vp-a.yaml:27:10
   |
27 |   since: 2026-01-05
   |          ^^^^^^^^^^
   |
   = gợi ý: kiểm tra lại ngày, tháng, năm

lỗi: mã hồ sơ `vp-a` bị trùng
 --> content/vi-pham/vp-c.yaml:1:1
  |
1 | id: vp-a
  | ^^
  |
  = gợi ý: mỗi hồ sơ một mã riêng, không đổi và không dùng lại mã cũ
  = ghi chú: đã dùng ở content/vi-pham/vp-a.yaml, dòng 1

lỗi: hồ sơ `vp-e` được công khai nhưng thiếu căn cứ công khai
  --> content/vi-pham/vp-e.yaml:21:1
   |
21 | publication:
   | ^^^^^^^^^^^
   |
   = gợi ý: ghi văn bản cho phép công khai, ví dụ "Kế hoạch số 18/KH-UBND ngày 25/7/2025 của UBND phường"

lỗi: hồ sơ `vp-f` được công khai nhưng thiếu quyết định xử lý
 --> content/vi-pham/vp-f.yaml:1:1
  |
1 | id: vp-f
  | ^^^^^^^^
  |
  = gợi ý: ghi số, ký hiệu, ngày và người ký quyết định, ví dụ decision: {number: "05", symbol: "QĐ-XPHC", date: 2026-02-02, issuer: "Chủ tịch UBND phường"}

Không dựng được trang: 4 lỗi.
"#,
    );
}

#[test]
fn a_closed_list_names_its_values() {
    Site::fixture("violations").fails_with(
        "2026-04-20",
        |site| site.edit("content/vi-pham/vp-a.yaml", "kind: to_chuc", "kind: doanh_nghiep"),
        r#"lỗi: loại chủ cơ sở `doanh_nghiep` không có trong danh sách cho phép (trong `owner.kind`)
 --> content/vi-pham/vp-a.yaml:8:9
  |
8 |   kind: doanh_nghiep
  |         ^^^^^^^^^^^^
  |
  = gợi ý: các giá trị cho phép: to_chuc (Tổ chức), ca_nhan (Cá nhân)

Không dựng được trang: 1 lỗi.
"#,
    );
}

const HOSTILE: &str =
    r#"<script>alert("x")</script> 'quote' "double" {{ site.title }} {% if true %}"#;

#[test]
fn hostile_values_are_escaped_in_every_output() {
    let site = Site::fixture("violations");
    let long = "dài ".repeat(2000);
    let hostile = format!("{HOSTILE} {long}");
    let quoted = serde_json::to_string(&hostile).unwrap();
    let mut text = site.read("content/vi-pham/vp-a.yaml");
    // Every free-text field; `to_dan_pho` is read as a group's number, other text is refused.
    for (from, _) in [
        ("\"Karaoke Ví Dụ A\"", ()),
        ("\"Số 1 ngõ Thử\"", ()),
        ("\"Công ty TNHH Minh hoạ A\"", ()),
        ("\"Chưa nghiệm thu về PCCC; lối thoát nạn bị khoá.\"", ()),
        ("\"Nghị định 106/2025/NĐ-CP\"", ()),
        ("\"Chủ tịch UBND phường Thử\"", ()),
        ("\"Buộc thực hiện nghiệm thu về PCCC\"", ()),
        ("\"Kế hoạch số 01/KH-UBND của UBND phường Thử\"", ()),
        ("\"Đăng tải lần đầu\"", ()),
    ] {
        assert!(text.contains(from), "{from}");
        text = text.replace(from, &quoted);
    }
    text = text.replace("number: \"05\"", &format!("number: {quoted}"));
    site.write("content/vi-pham/vp-a.yaml", text);
    site.build("2026-04-20");
    for file in [
        "public/vi-pham/index.html",
        "public/vi-pham/vp-a/index.html",
        "public/vi-pham/tinh-trang/chua-khac-phuc/index.html",
        "public/vi-pham/atom.xml",
    ] {
        let out = site.read(file);
        assert!(!out.contains("<script>alert"), "{file}: raw script");
        assert!(!out.contains(r#""double""#), "{file}: raw quotes");
        assert_contains(&out, "&lt;script&gt;alert(");
        assert_contains(&out, "{{ site.title }}");
    }
    let json: serde_json::Value =
        serde_json::from_str(&site.read("public/vi-pham/danh-sach.json")).unwrap();
    let a = json["records"].as_array().unwrap().iter().find(|r| r["id"] == "vp-a").unwrap();
    for key in [
        "facility.name",
        "facility.address",
        "owner.name",
        "description",
        "publication.legal_basis",
    ] {
        assert_eq!(a[key], hostile.as_str(), "{key}");
    }
    let csv_bytes = std::fs::read(site.path("public/vi-pham/danh-sach.csv")).unwrap();
    let mut reader = csv::Reader::from_reader(&csv_bytes[3..]);
    let headers = reader.headers().unwrap().clone();
    let row = reader.records().map(Result::unwrap).find(|r| &r[0] == "vp-a").unwrap();
    let name = headers.iter().position(|h| h == "Tên cơ sở").unwrap();
    assert_eq!(&row[name], hostile);
    assert_eq!(row.len(), headers.len());
}

#[test]
fn every_mistake_of_a_record_in_one_build() {
    // Issue 14: a record's mistakes came one build at a time, the date's in jiff's English.
    Site::fixture("violations").fails_with(
        "2026-03-15",
        |site| {
            let record = "content/vi-pham/vp-a.yaml";
            site.edit(record, "type: karaoke_vu_truong", "type: karaoke");
            site.edit(record, "  name: \"Karaoke", "  ten: \"Karaoke");
            site.edit(record, "description:", "mo_ta:");
            site.edit(record, "date: 2026-02-02", "date: 2026-02-31");
        },
        r#"lỗi: trường `ten` không dùng được ở đây (trong `facility`)
 --> content/vi-pham/vp-a.yaml:3:3
  |
3 |   ten: "Karaoke Ví Dụ A"
  |   ^^^
  |
  = gợi ý: có phải bạn muốn viết `name`?

lỗi: loại hình cơ sở `karaoke` không có trong danh sách cho phép (trong `facility.type`)
 --> content/vi-pham/vp-a.yaml:4:9
  |
4 |   type: karaoke
  |         ^^^^^^^
  |
  = gợi ý: có phải bạn muốn viết `karaoke_vu_truong`? Các giá trị cho phép: nha_o_rieng_le (Nhà ở riêng lẻ), nha_o_ket_hop_kinh_doanh (Nhà ở kết hợp kinh doanh), nha_nhieu_tang_nhieu_can_ho (Nhà nhiều tầng nhiều căn hộ), chung_cu (Chung cư), karaoke_vu_truong (Karaoke, vũ trường), quan_bar (Quán bar), nha_hang (Nhà hàng, quán ăn), khach_san_nha_nghi (Khách sạn, nhà nghỉ), cho_tttm (Chợ, trung tâm thương mại), truong_hoc_mam_non (Trường mầm non), truong_hoc (Trường học), co_so_y_te (Cơ sở y tế), kho_xuong (Kho, xưởng), kinh_doanh_gas_xang_dau (Kinh doanh gas, xăng dầu), van_phong (Văn phòng), tru_so_co_quan (Trụ sở cơ quan), nha_tro_cho_thue (Nhà trọ cho thuê), khac (Khác)

lỗi: trường `mo_ta` không dùng được ở đây
  --> content/vi-pham/vp-a.yaml:11:1
   |
11 | mo_ta: "Chưa nghiệm thu về PCCC; lối thoát nạn bị khoá."
   | ^^^^^
   |
   = gợi ý: có phải bạn muốn viết `description`?

lỗi: ngày `2026-02-31` không có thật: tháng 2 năm 2026 chỉ có 28 ngày (trong `decision.date`)
  --> content/vi-pham/vp-a.yaml:17:9
   |
17 |   date: 2026-02-31
   |         ^^^^^^^^^^
   |
   = gợi ý: kiểm tra lại; viết ngày theo dạng năm-tháng-ngày, ví dụ 2026-02-05

Không dựng được trang: 4 lỗi.
"#,
    );
}

#[test]
fn a_missing_decision_points_at_the_record() {
    Site::fixture("violations").fails_with(
        "2026-03-15",
        |site| {
            site.edit(
                "content/vi-pham/vp-a.yaml",
                "decision:\n  number: \"05\"\n  symbol: QĐ-XPHC\n  date: 2026-02-02\n  issuer: \"Chủ tịch UBND phường Thử\"\n",
                "",
            )
        },
        r#"lỗi: hồ sơ `vp-a` được công khai nhưng thiếu quyết định xử lý
 --> content/vi-pham/vp-a.yaml:1:1
  |
1 | id: vp-a
  | ^^^^^^^^
  |
  = gợi ý: ghi số, ký hiệu, ngày và người ký quyết định, ví dụ decision: {number: "05", symbol: "QĐ-XPHC", date: 2026-02-02, issuer: "Chủ tịch UBND phường"}

Không dựng được trang: 1 lỗi.
"#,
    );
}

/// The views per tổ dân phố are at `/vi-pham/to-dan-pho/so-<n>/`, the address drills use, one
/// per group however its records write it, named and ordered as numbers; the addresses earlier
/// versions gave them (the slug of the name as written) redirect there.
#[test]
fn views_per_to_dan_pho_have_one_address_and_the_old_ones_redirect() {
    let site = Site::fixture("violations");
    site.edit("content/vi-pham/vp-a.yaml", "\"Tổ dân phố số 2\"", "\"TDP 02\"");
    site.build("2026-07-02");
    let two = site.read("public/vi-pham/to-dan-pho/so-2/index.html");
    assert_contains(&two, "<h1>Cơ sở vi phạm ở Tổ dân phố số 2</h1>");
    // The group goes in the address after the street, in lower case as mid-line.
    assert_contains(&two, "Số 1 ngõ Thử, tổ dân phố số 2</td>");
    // What was written still finds the row in the filter.
    assert_contains(&two, " so 1 ngo thu to dan pho so 2 tdp 02 ");
    assert!(!two.contains("Cửa hàng gas Ví Dụ E"));
    let list = site.read("public/vi-pham/index.html");
    let nav = list.split("<summary>Theo tổ dân phố</summary>").nth(1).unwrap();
    let groups: Vec<&str> = nav
        .split("</ul>")
        .next()
        .unwrap()
        .split("\">")
        .skip(1)
        .filter_map(|s| s.split_once(" (").map(|(name, _)| name))
        .collect();
    assert_eq!(groups, ["Tổ dân phố số 2", "Tổ dân phố số 3", "Tổ dân phố số 10"]);
    assert_contains(nav, "href=\"https://thu.example/vi-pham/to-dan-pho/so-10/\"");
    let files: Vec<String> = site.snapshot("public/vi-pham/to-dan-pho").into_keys().collect();
    assert_eq!(
        files,
        [
            "so-10/index.html",
            "so-2/index.html",
            "so-3/index.html",
            "tdp-02/index.html",
            "to-dan-pho-so-10/index.html",
            "to-dan-pho-so-3/index.html",
        ]
    );
    for (old, new) in
        [("tdp-02", "so-2"), ("to-dan-pho-so-3", "so-3"), ("to-dan-pho-so-10", "so-10")]
    {
        assert_contains(
            &site.read(&format!("public/vi-pham/to-dan-pho/{old}/index.html")),
            &format!(
                "<meta http-equiv=\"refresh\" content=\"0; url=https://thu.example/vi-pham/to-dan-pho/{new}/\">"
            ),
        );
    }
}

#[test]
fn a_to_dan_pho_that_is_not_a_number_is_refused_at_its_value() {
    Site::fixture("violations").fails_with(
        "2026-03-15",
        |site| {
            site.edit(
                "content/vi-pham/vp-a.yaml",
                "\"Tổ dân phố số 2\"",
                "\"Tổ dân phố số 2, phường Thử\"",
            )
        },
        r#"lỗi: không đọc được tổ dân phố `Tổ dân phố số 2, phường Thử`
 --> content/vi-pham/vp-a.yaml:6:16
  |
6 |   to_dan_pho: "Tổ dân phố số 2, phường Thử"
  |                ^^^^^^^^^^^^^^^^^^^^^^^^^^^
  |
  = gợi ý: viết số của tổ dân phố, ví dụ `Tổ dân phố số 5`; cũng đọc được `TDP 5`, `Tổ 5`, `Tổ dân phố 05`, chỉ số `5`, và chữ cái của tổ đã tách như `Tổ dân phố số 5A`

Không dựng được trang: 1 lỗi.
"#,
    );
}

#[test]
fn a_to_dan_pho_cell_that_is_not_a_number_is_refused_at_its_row_and_column() {
    site_from_sheet("danh-sach.csv").fails_with(
        "2026-03-15",
        |site| site.edit("content/vi-pham/danh-sach.csv", "Tổ dân phố số 10", "Tổ dân phố số 0"),
        r#"lỗi: hàng 3, cột E “Tổ dân phố”: tổ dân phố `Tổ dân phố số 0` không có thật: số tổ dân phố bắt đầu từ 1
 --> content/vi-pham/danh-sach.csv:3:44
  |
3 | vp-b,Nhà trọ,Nhà trọ cho thuê,Số 2 ngõ Thử,Tổ dân phố số 0,Cá nhân,Ông Nguyễn Văn Ví Dụ,"Phương tiện chữa cháy, dụng cụ phá dỡ",Không...
  |                                            ^^^^^^^^^^^^^^^
  |
  = gợi ý: viết số của tổ dân phố, ví dụ `Tổ dân phố số 5`; cũng đọc được `TDP 5`, `Tổ 5`, `Tổ dân phố 05`, chỉ số `5`, và chữ cái của tổ đã tách như `Tổ dân phố số 5A`

Không dựng được trang: 1 lỗi.
"#,
    );
}
