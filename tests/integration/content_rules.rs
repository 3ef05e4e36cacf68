//! House rules for content: pages for editors kept out of every list, and one tone-mark style
//! across the site (`[content] tone_marks` in `site.toml`).

use crate::support::{Site, assert_contains, assert_lacks};

const AS_OF: &str = "2026-11-29";

/// A page for editors, dated after every other page so that it would head every list.
const GUIDE: &str = "---\ntitle: \"Sổ tay người biên tập\"\ndate: 2026-11-28\ntags: [thoát nạn, biên tập]\neditors_only: true\n---\n\nCách sửa bài.\n";

#[test]
fn a_page_for_editors_is_built_but_listed_nowhere() {
    let site = Site::fixture("good");
    site.write("content/bai-viet/so-tay-bien-tap.md", GUIDE);
    site.build(AS_OF);
    // The page itself is there, for the editors who follow a link to it.
    assert_contains(&site.read("public/bai-viet/so-tay-bien-tap/index.html"), "Cách sửa bài.");
    // Nowhere a resident browses: the home page's newest pages, the section's listing, the
    // tag pages, the feeds, the sitemap, the search index.
    for listing in [
        "public/index.html",
        "public/bai-viet/index.html",
        "public/chu-de/thoat-nan/index.html",
        "public/chu-de/index.html",
        "public/atom.xml",
        "public/bai-viet/atom.xml",
        "public/sitemap.xml",
    ] {
        assert_lacks(&site.read(listing), "so-tay-bien-tap");
        assert_lacks(&site.read(listing), "Sổ tay người biên tập");
    }
    assert!(!site.exists("public/chu-de/bien-tap/index.html"), "a tag only editors' pages carry");
    let search = std::fs::read_dir(site.path("public/tim-kiem/chi-muc/d")).unwrap();
    for doc in search {
        assert_lacks(&std::fs::read_to_string(doc.unwrap().path()).unwrap(), "so-tay-bien-tap");
    }

    // Without the flag, the same page heads the lists: the test above can fail.
    site.edit("content/bai-viet/so-tay-bien-tap.md", "editors_only: true\n", "");
    site.build(AS_OF);
    assert_contains(&site.read("public/index.html"), "<li>Sổ tay người biên tập</li>");
    assert_contains(&site.read("public/atom.xml"), "so-tay-bien-tap");
    assert_contains(&site.read("public/sitemap.xml"), "so-tay-bien-tap");
}

#[test]
fn the_ward_guide_for_editors_stays_out_of_the_home_page_and_feeds() {
    let site = Site::ward();
    site.build("2026-12-05");
    let home = site.read("public/index.html");
    assert_lacks(&home, "huong-dan-bien-tap");
    assert_lacks(&site.read("public/atom.xml"), "huong-dan-bien-tap");
    assert_lacks(&site.read("public/sitemap.xml"), "huong-dan-bien-tap");
    assert!(site.exists("public/huong-dan-bien-tap/index.html"));
}

#[test]
fn words_in_the_other_tone_mark_style_are_warned_about_with_the_word_to_write() {
    let site = Site::fixture("good");
    site.edit(
        "site.toml",
        "paginate_by = 2\n",
        "paginate_by = 2\n\n[content]\ntone_marks = \"hoà\"\n",
    );
    site.write(
        "content/bai-viet/dau.md",
        "---\ntitle: \"Hoà giải\"\n---\n\nHòa bình, hoàn thành, quý, ngoài, `hòa` trong mã.\nGiữ sức khỏe.\n",
    );
    let run = site.build(AS_OF);
    assert_eq!(
        run.stderr,
        r#"cảnh báo: “Hòa” đặt dấu thanh kiểu “hòa, khỏe, thủy”; trang này thống nhất kiểu “hoà, khoẻ, thuỷ”
 --> content/bai-viet/dau.md:5:1
  |
5 | Hòa bình, hoàn thành, quý, ngoài, `hòa` trong mã.
  | ^^^
  |
  = gợi ý: viết “Hoà” (site.toml, mục [content]: tone_marks = "hoà")

cảnh báo: “khỏe” đặt dấu thanh kiểu “hòa, khỏe, thủy”; trang này thống nhất kiểu “hoà, khoẻ, thuỷ”
 --> content/bai-viet/dau.md:6:9
  |
6 | Giữ sức khỏe.
  |         ^^^^
  |
  = gợi ý: viết “khoẻ” (site.toml, mục [content]: tone_marks = "hoà")

"#
    );

    // The other style, chosen in site.toml, turns the warnings around.
    site.edit("site.toml", "tone_marks = \"hoà\"", "tone_marks = \"hòa\"");
    let run = site.build(AS_OF);
    assert_contains(
        &run.stderr,
        "cảnh báo: “Hoà” đặt dấu thanh kiểu “hoà, khoẻ, thuỷ”; trang này thống nhất kiểu “hòa, khỏe, thủy”",
    );
    assert_eq!(run.stderr.matches("cảnh báo:").count(), 1, "{}", run.stderr);

    // Without the setting, no check.
    site.edit("site.toml", "tone_marks = \"hòa\"", "");
    assert_eq!(site.build(AS_OF).stderr, "");
}

/// Issue 17: places and forces said once, addresses from the house to the ward, lists that
/// say their order, drill addresses without a status in them (the old ones redirect).
#[test]
fn the_ward_site_reads_right_in_its_lists() {
    let site = Site::ward();
    site.build("2026-12-05");
    let nha_tro = site.read("public/dien-tap/tdp-3-nha-tro/index.html");
    assert_contains(
        &nha_tro,
        "<dd>Khu nhà trọ trong ngõ 29 phố Khương Hạ (<a href=\"https://pccc.khuongdinh.example/to-dan-pho/so-3/\">Tổ dân phố số 3</a>)",
    );
    assert_lacks(&nha_tro, "ngõ 29, ngõ 29");
    let tower = site.read("public/dien-tap/chung-cu-cao-tang/index.html");
    assert_contains(&tower, "<li>Đội PCCC cơ sở của toà nhà: 20 người</li>");
    assert_lacks(&tower, "(Đội PCCC cơ sở)");
    for (old, new) in [("tdp-3-hoan", "tdp-3-nha-tro"), ("cho-huy", "cho-dan-sinh-khuong-dinh")] {
        assert_contains(
            &site.read(&format!("public/dien-tap/{old}/index.html")),
            &format!("https://pccc.khuongdinh.example/dien-tap/{new}/"),
        );
    }
    let list = site.read("public/vi-pham/index.html");
    assert_contains(
        &list,
        "<td data-label=\"Địa chỉ\">Số 4, ngõ Minh Hoạ 1, tổ dân phố số 1, phường Khương Đình</td>",
    );
    assert_contains(
        &list,
        "<span class=\"vp-order\">Danh sách xếp theo tổ dân phố (số nhỏ trước); trong mỗi tổ dân phố, theo mã hồ sơ.</span>",
    );
}

/// The ward's site chooses `tone_marks = "hoà"` and all its content follows it (the content is
/// put into that style by `cargo run --example thong_nhat_dau -- hoà content`).
#[test]
fn the_ward_site_writes_one_tone_mark_style() {
    let site = Site::ward();
    assert_contains(&site.read("site.toml"), "[content]\ntone_marks = \"hoà\"");
    let run = site.build("2026-12-05");
    assert_lacks(&run.stderr, "đặt dấu thanh kiểu");
}
