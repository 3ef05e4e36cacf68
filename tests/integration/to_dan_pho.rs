//! "Tổ dân phố của tôi": the registry hook's items of each kind, the page of each tổ dân phố
//! (drills and violations of the group together, individuals, drafts and pages for editors left
//! out), and the index in natural order.

use pccc::pipeline::{BuildOptions, generate};

use crate::support::{Site, assert_contains};

/// The day the site is built on, as in the drills tests.
const AS_OF: &str = "2026-11-29";

/// A drill, with its title, tổ dân phố, start and status, and one more line of front matter.
fn drill(title: &str, tdp: &str, start: &str, status: &str, extra: &str) -> String {
    format!(
        "---\ntitle: \"{title}\"\nkind: thuc_tap_phuong_an\nstatus: {status}\nstart: {start}\n\
         duration_minutes: 60\nlocation:\n  name: \"Nhà văn hoá thử\"\n  to_dan_pho: \"{tdp}\"\n\
         {extra}---\n\nNội dung.\n"
    )
}

/// The drills fixture with the violations fixture's records, so that one site has both kinds
/// in the same tổ dân phố: group 5 has a held drill, a cancelled one, an upcoming one, a
/// draft, a page for editors, an organisation's violation and an individual's; 5A has a
/// violation; 2 a drill; 10 a drill.
fn site() -> Site {
    let site = Site::fixture("drills");
    let violations = Site::fixture("violations");
    for id in ["vp-a", "vp-b", "vp-c", "vp-d", "vp-e"] {
        let rel = format!("content/vi-pham/{id}.yaml");
        site.write(&rel, violations.read(&rel));
    }
    let five = "to_dan_pho: \"Tổ dân phố số 5\"";
    site.edit("content/vi-pham/vp-a.yaml", "to_dan_pho: \"Tổ dân phố số 2\"", five);
    site.edit("content/vi-pham/vp-b.yaml", "to_dan_pho: \"Tổ dân phố số 10\"", five);
    site.edit("content/vi-pham/vp-e.yaml", "to_dan_pho: \"Tổ dân phố số 3\"", "to_dan_pho: TDP 5a");
    site.edit("content/dien-tap/chung-cu.md", "Tổ dân phố số 12", "Tổ dân phố số 10");
    let files = [
        ("sap-toi", drill("Diễn tập sắp tới", "TDP 5", "2026-12-12T08:00", "du_kien", "")),
        ("to-2", drill("Thực tập ở tổ 2", "Tổ 2", "2026-04-04T08:00", "da_to_chuc", "")),
        ("nhap", drill("Bản nháp", "Tổ 5", "2026-12-20T08:00", "du_kien", "draft: true\n")),
        (
            "bien-tap",
            drill("Cho biên tập", "5", "2026-12-21T08:00", "du_kien", "editors_only: true\n"),
        ),
    ];
    for (slug, text) in files {
        site.write(&format!("content/dien-tap/{slug}.md"), text);
    }
    site
}

/// The hook's items as (group, block heading, title, line), in the registry's order.
fn items(site: &Site, drafts: bool) -> Vec<(String, String, String, String)> {
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        as_of: Some(AS_OF.parse().unwrap()),
        drafts,
        ..BuildOptions::default()
    };
    let generated = generate(&options).expect("the site builds");
    pccc::kinds::to_dan_pho_items(&generated.site)
        .into_iter()
        .map(|(tdp, item)| (tdp.to_string(), item.block.heading, item.title, item.line))
        .collect()
}

#[test]
fn the_hook_gives_each_kind_s_public_records_with_their_group() {
    let site = site();
    // Built with drafts, so that the draft is in the site and the hook must leave it out.
    let mut got = items(&site, true);
    got.sort();
    let want = [
        (
            "10",
            "Diễn tập",
            "Diễn tập chữa cháy, cứu người; toà nhà \"Hoa Hồng\"",
            "Sắp diễn ra · Chủ nhật, 06/12/2026, 08h00",
        ),
        ("2", "Diễn tập", "Thực tập ở tổ 2", "Đã tổ chức · Thứ Bảy, 04/04/2026, 08h00"),
        (
            "5",
            "Cơ sở vi phạm về PCCC",
            "Karaoke Ví Dụ A",
            "Quá hạn khắc phục · hạn khắc phục 02/05/2026",
        ),
        ("5", "Diễn tập", "Diễn tập sắp tới", "Sắp diễn ra · Thứ Bảy, 12/12/2026, 08h00"),
        (
            "5",
            "Diễn tập",
            "Thực tập phương án tổ dân phố số 5",
            "Đã tổ chức · Thứ Bảy, 28/03/2026, 08h30",
        ),
        ("5", "Diễn tập", "Thực tập phương án ở chợ", "Đã huỷ · Chủ nhật, 10/01/2027, 06h00"),
        (
            "5A",
            "Cơ sở vi phạm về PCCC",
            "Cửa hàng gas Ví Dụ E",
            "Quá hạn khắc phục · hạn khắc phục 20/08/2026",
        ),
    ];
    let want: Vec<(String, String, String, String)> = want
        .iter()
        .map(|(a, b, c, d)| (a.to_string(), b.to_string(), c.to_string(), d.to_string()))
        .collect();
    assert_eq!(got, want);
}

#[test]
fn a_group_page_brings_its_drills_and_violations_together() {
    let site = site();
    let run = site.build(AS_OF);
    assert!(run.success, "{}", run.stderr);
    let html = site.read("public/to-dan-pho/so-5/index.html");
    assert_contains(&html, "<h1>Tổ dân phố số 5</h1>");
    // Drills: upcoming first, then postponed or cancelled, then past; with the listing.
    let order = [
        "Diễn tập sắp tới",
        "Thực tập phương án ở chợ",
        "Thực tập phương án tổ dân phố số 5",
        "Karaoke Ví Dụ A",
    ];
    let at: Vec<usize> = order.iter().map(|t| html.find(t).expect(t)).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{order:?} out of order in:\n{html}");
    assert_contains(&html, "<h2 id=\"khoi-1\">Diễn tập (3)</h2>");
    assert_contains(&html, "<h2 id=\"khoi-2\">Cơ sở vi phạm về PCCC (1)</h2>");
    assert_contains(&html, "<a href=\"https://thu.example/dien-tap/to-dan-pho/so-5/\">");
    assert_contains(&html, "<a href=\"https://thu.example/vi-pham/to-dan-pho/so-5/\">");
    assert_contains(&html, "<a href=\"https://thu.example/vi-pham/vp-a/\">Karaoke Ví Dụ A</a>");
    // An individual's record, a draft and a page for editors are not gathered here.
    for absent in ["Nhà trọ", "Nguyễn Văn Ví Dụ", "vp-b", "Bản nháp", "Cho biên tập"]
    {
        assert!(!html.contains(absent), "{absent:?} on the group's page:\n{html}");
    }
    // Records link to the page of their group, an individual's record does not.
    let group = "https://thu.example/to-dan-pho/so-5/";
    assert_contains(
        &site.read("public/dien-tap/sap-toi/index.html"),
        &format!("(<a href=\"{group}\">Tổ dân phố số 5</a>)"),
    );
    assert_contains(
        &site.read("public/vi-pham/vp-a/index.html"),
        &format!(" · <a href=\"{group}\">Thông tin PCCC của tổ dân phố số 5</a></dd>"),
    );
    assert!(!site.read("public/vi-pham/vp-b/index.html").contains(group));
    // So do the kinds' own listings of the group.
    let more = format!("<p><a href=\"{group}\">Mọi thông tin PCCC của tổ dân phố số 5</a>");
    assert_contains(&site.read("public/dien-tap/to-dan-pho/so-5/index.html"), &more);
    assert_contains(&site.read("public/vi-pham/to-dan-pho/so-5/index.html"), &more);
    // Neighbours in natural order.
    assert_contains(&html, "<a href=\"https://thu.example/to-dan-pho/so-2/\" rel=\"prev\">");
    assert_contains(&html, "<a href=\"https://thu.example/to-dan-pho/so-5a/\" rel=\"next\">");
    // The group with only an individual's record has no page; the others are in the sitemap.
    let sitemap = site.read("public/sitemap.xml");
    for group in ["", "so-2/", "so-5/", "so-5a/", "so-10/"] {
        assert_contains(&sitemap, &format!("<loc>https://thu.example/to-dan-pho/{group}</loc>"));
    }
    assert!(!site.exists("public/to-dan-pho/so-12/index.html"));
    assert!(!site.exists("public/to-dan-pho/so-3/index.html"), "vp-d was removed");
}

#[test]
fn the_index_lists_the_groups_in_natural_order_as_links() {
    let site = site();
    assert!(site.build(AS_OF).success);
    let html = site.read("public/to-dan-pho/index.html");
    assert_contains(&html, "<h1>Tổ dân phố của tôi</h1>");
    let names = ["số 2<", "số 5<", "số 5A<", "số 10<"];
    let at: Vec<usize> = names.iter().map(|n| html.find(n).expect(n)).collect();
    assert!(at.windows(2).all(|w| w[0] < w[1]), "{names:?} out of order in:\n{html}");
    assert_contains(
        &html,
        "<li><a href=\"https://thu.example/to-dan-pho/so-5/\"><span class=\"tdp-name\">Tổ dân phố số 5</span> <span class=\"tdp-counts\">Diễn tập: 3 · Cơ sở vi phạm về PCCC: 1</span></a></li>",
    );
}

#[test]
fn search_finds_the_group_pages_without_individuals() {
    let site = site();
    let options = BuildOptions {
        root: site.root().to_path_buf(),
        as_of: Some(AS_OF.parse().unwrap()),
        ..BuildOptions::default()
    };
    let generated = generate(&options).expect("the site builds");
    let docs = pccc::kinds::documents(&generated.site, None);
    let five = docs.iter().find(|d| d.url == "/to-dan-pho/so-5/").expect("group 5 is found");
    assert_eq!(five.title, "Tổ dân phố số 5");
    assert_eq!(five.kind, "Tổ dân phố");
    // Found by the ways the group is written, not by the words of the records it lists (each
    // record is found by itself; an individual's is not in search at all).
    assert_eq!(five.body, "TDP 5\nTổ 5");
    let text = format!("{} {}", five.summary, five.headings.join(" "));
    for absent in ["Karaoke", "Nhà trọ", "Nguyễn", "Diễn tập"] {
        assert!(!text.contains(absent), "{absent:?} in {five:?}");
    }
    assert!(docs.iter().any(|d| d.url == "/to-dan-pho/" && d.title == "Tổ dân phố của tôi"));
}

#[test]
fn a_site_whose_records_name_no_group_has_no_group_pages() {
    let site = Site::fixture("good");
    assert!(site.build(AS_OF).success);
    assert!(!site.exists("public/to-dan-pho"));
}
