//! Watch mode is always right: random sequences of edits (bodies, titles, dates, tags, drafts,
//! new, deleted and renamed pages, templates, static files, data records, the map's outline, a
//! broken file then its fix) over a site with every kind, each applied on disk and handed to the watch-mode
//! [`Session`] as the watcher would, and after every step what the session serves is compared,
//! file by file and byte for byte, with a clean build of the same files. The session works in
//! memory, so the live-reload script (added by the HTTP layer) is not part of what is compared.
//!
//! Seeded: the seed is printed; `PCCC_SEED=<n>` replays a run, `PCCC_EDITS=<n>` makes it longer.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use pccc::pipeline::BuildOptions;
use pccc::serve::session::{Outcome, Session};
use pccc::serve::state::Body;
use pccc::serve::watch::{self, ChangeSet};
use pccc::view::Content;

use crate::support::{Site, diff_around};

/// Steps in a plain `cargo test`.
const DEFAULT_EDITS: usize = 100;

#[test]
fn random_edits_serve_what_a_clean_build_makes() {
    let (seed, steps) = seed_and_steps("random edits");
    let site = every_kind();
    let options = serve_options(&site);
    let mut session = Session::new(options.clone());
    let everything = ChangeSet { everything: true, ..ChangeSet::default() };
    let mut editor = Editor { root: options.root.clone(), rng: Rng(seed | 1), n: 0 };
    let first = settle(&mut session, &everything);
    compare(&session, first, &options, "the first build", seed);
    // A step that broke the site is followed by its undo, as an editor would fix it.
    let mut pending: Option<Before> = None;
    // Edits whose gathering was given up for the next save, not compared yet: one of them may
    // have broken an output made only then (a feed's template), so they are undone with the
    // next step when it fails.
    let mut unchecked: Before = Vec::new();
    let (mut failed, mut interrupted) = (0, 0);
    // How the session built, counted for the summary.
    let mut hows: BTreeMap<&str, usize> = BTreeMap::new();
    for step in 1..=steps {
        let (what, touched, undoable) = match pending.take() {
            Some(before) => {
                restore(&before);
                ("undo the last edit".to_string(), paths(&before), None)
            }
            None => {
                let (what, before) = editor.edit();
                (what, paths(&before), Some(before))
            }
        };
        let change = watch::classify(&options.root, &touched, session.named_files());
        if undoable.is_some() && editor.rng.below(2) == 0 {
            // The next save comes while the outputs a build leaves for after the reload are
            // made: watch mode gives them up, and makes them after that save instead.
            if let Outcome::Built { how, .. } = session.rebuild(&change) {
                *hows.entry(how).or_default() += 1;
                let due = session.gather_due();
                assert!(
                    session.gather(&|| true).is_none() == due && session.gather_due() == due,
                    "step {step}: {what}: a gathering given up must stay due (PCCC_SEED={seed})"
                );
                interrupted += usize::from(due);
                unchecked.extend(undoable.into_iter().flatten());
                continue;
            }
        }
        let how = settle_telling(&mut session, &change);
        *hows.entry(how.unwrap_or("failed")).or_default() += 1;
        let outcome = how.is_some();
        let edits = undoable.map(|before| {
            let mut edits = std::mem::take(&mut unchecked);
            edits.extend(before);
            edits
        });
        if !compare(&session, outcome, &options, &format!("step {step}: {what}"), seed) {
            pending = edits;
            failed += 1;
        }
    }
    eprintln!(
        "random edits: {steps} steps, {failed} of them a failed build (then undone), \
         {interrupted} builds whose later outputs were given up for the next save; built: {hows:?}"
    );
    assert!(failed < steps / 2, "most steps failed: the edits are too often wrong to test much");
}

/// A watch-mode session over `site`, its first build made and gathered, with its options.
fn started(site: &Site) -> (BuildOptions, Session) {
    let options = serve_options(site);
    let mut session = Session::new(options.clone());
    let everything = ChangeSet { everything: true, ..ChangeSet::default() };
    assert!(settle(&mut session, &everything), "the first build");
    (options, session)
}

/// Watch mode's options for `site`.
fn serve_options(site: &Site) -> BuildOptions {
    BuildOptions {
        root: site.root().canonicalize().unwrap(),
        as_of: Some(jiff::civil::date(2026, 11, 28)),
        drafts: true,
        base_url: Some("http://127.0.0.1:1111".to_string()),
        ..BuildOptions::default()
    }
}

/// The outputs that gather many pages are made after the reload as one set: until then those
/// of the previous build are served, then the new set replaces them whole, so a file no longer
/// made (the calendar of a drill to come, once the drill is deleted) is no longer served.
#[test]
fn outputs_no_longer_gathered_are_no_longer_served() {
    let site = every_kind();
    let (options, mut session) = started(&site);
    let calendar = "dien-tap/chung-cu/lich.ics";
    let served = |session: &Session| session.snapshot().outputs.lookup(calendar).is_some();
    assert!(served(&session), "the drill to come has its own calendar");
    let drill = options.root.join("content/dien-tap/chung-cu.md");
    std::fs::remove_file(&drill).unwrap();
    let change = watch::classify(&options.root, &BTreeSet::from([drill]), session.named_files());
    assert!(matches!(session.rebuild(&change), Outcome::Built { .. }));
    assert!(session.snapshot().outputs.lookup("dien-tap/chung-cu/").is_none());
    assert!(served(&session), "the previous build's calendar is served until gathered");
    assert!(session.gather(&|| false).is_some_and(|gathered| gathered.is_ok()));
    assert!(!served(&session), "a calendar no longer made is no longer served");
    assert!(session.gather_due(), "the feeds come next");
    assert!(session.gather(&|| false).is_some_and(|gathered| gathered.is_ok()));
    assert!(session.gather_due(), "then search and the sitemap");
    assert!(session.gather(&|| false).is_some_and(|gathered| gathered.is_ok()));
    assert!(!session.gather_due());
    assert!(compare(&session, true, &options, "the drill deleted", 0));
}

/// The feeds are gathered in a part of their own, before the search index (most of the
/// gathering's time on a large site): a new title is in the feeds while search is still due.
#[test]
fn the_feeds_come_before_the_search_index() {
    let site = every_kind();
    let (options, mut session) = started(&site);
    let feed = |session: &Session| match session.snapshot().outputs.lookup("bai-viet/atom.xml") {
        Some((_, Body::Bytes(bytes))) => String::from_utf8_lossy(bytes).into_owned(),
        other => panic!("the articles' feed: {other:?}"),
    };
    assert!(feed(&session).contains("Sạc xe điện an toàn"));
    site.edit("content/bai-viet/co-ghi-nho.md", "Sạc xe điện an toàn", "Sạc xe điện thật an toàn");
    let page = options.root.join("content/bai-viet/co-ghi-nho.md");
    let change = watch::classify(&options.root, &BTreeSet::from([page]), session.named_files());
    assert!(matches!(session.rebuild(&change), Outcome::Built { .. }));
    let mut parts = 0;
    while !feed(&session).contains("Sạc xe điện thật an toàn") {
        assert!(session.gather(&|| false).is_some_and(|gathered| gathered.is_ok()));
        parts += 1;
        assert!(parts <= 2, "the feed is still the previous build's");
    }
    assert!(session.gather_due(), "search and the sitemap come after the feeds");
    assert!(session.gather(&|| false).is_some_and(|gathered| gathered.is_ok()));
    assert!(!session.gather_due());
    assert!(compare(&session, true, &options, "a title edited", 0));
}

/// After an edit of pages, the pages, the listing pages showing them and the first page of
/// every list it changed come with the reload; the listing pages further down that it moved
/// come first in the gathering right after, which a new save stops like the rest of it (what
/// was left is then made after that save's build, or dropped when that save drops it).
#[test]
fn listing_pages_further_down_follow_right_after_the_reload() {
    let site = every_kind();
    let (options, mut session) = started(&site);
    let text = |session: &Session, path: &str| match session.snapshot().outputs.lookup(path) {
        Some((_, Body::Bytes(bytes))) => String::from_utf8(bytes.to_vec()).unwrap(),
        _ => panic!("{path} is not served from memory"),
    };
    let rebuild = |session: &mut Session, rel: &str| {
        let touched = BTreeSet::from([options.root.join(rel)]);
        let change = watch::classify(&options.root, &touched, session.named_files());
        match session.rebuild(&change) {
            Outcome::Built { how, .. } => how,
            Outcome::Failed(failure) => panic!("{rel}: {}", failure.problems.render(false)),
        }
    };
    let second = text(&session, "/bai-viet/trang/2/");
    let moi = "content/bai-viet/moi-nhat.md";
    site.write(moi, "---\ntitle: \"Bài mới nhất\"\ndate: 2026-11-27\n---\n\nGọi 114.\n");
    assert_eq!(rebuild(&mut session, moi), "thêm, bớt trang");
    assert!(text(&session, "/bai-viet/moi-nhat/").contains("Bài mới nhất"));
    assert!(text(&session, "/bai-viet/").contains("Bài mới nhất"), "the first listing page");
    assert_eq!(text(&session, "/bai-viet/trang/2/"), second, "not made before the reload");
    assert!(session.gather(&|| true).is_none() && session.gather_due(), "a save stops it");
    assert_eq!(text(&session, "/bai-viet/trang/2/"), second);
    let reloaded = session.gather(&|| false).expect("made").expect("no error");
    assert!(reloaded.contains(&"/bai-viet/trang/2/".to_string()), "{reloaded:?}");
    assert_ne!(text(&session, "/bai-viet/trang/2/"), second, "made right after the reload");
    while session.gather_due() {
        assert!(session.gather(&|| false).is_some_and(|gathered| gathered.is_ok()));
    }
    assert!(compare(&session, true, &options, "a new page among the newest", 0));
    // Its listing pages still to be made when it is deleted: the last is no longer made.
    site.write(moi, "---\ntitle: \"Bài mới hơn\"\ndate: 2026-11-27\n---\n\nGọi 114.\n");
    let moi_hon = "content/bai-viet/moi-hon.md";
    site.write(moi_hon, "---\ntitle: \"Bài mới hơn nữa\"\ndate: 2026-11-26\n---\n\nGọi 114.\n");
    assert_eq!(rebuild(&mut session, moi_hon), "thêm, bớt trang");
    assert!(session.gather(&|| true).is_none() && session.gather_due());
    assert_eq!(rebuild(&mut session, moi), "dựng lại các trang đã sửa");
    assert!(session.gather(&|| true).is_none() && session.gather_due());
    site.remove(moi_hon);
    assert_eq!(saved(&mut session, &options, "a new page deleted", moi_hon), "thêm, bớt trang");
}

/// Watch mode keeps a page's rendered body while the pages its links ask for answer as before:
/// deleting, adding back and renaming the page other pages link to, and adding an unrelated
/// page, each leaves what a clean build makes, or fails as it fails.
#[test]
fn bodies_follow_the_pages_they_link_to() {
    let site = every_kind();
    let (options, mut session) = started(&site);
    let root = &options.root;
    let linked = root.join("content/bai-viet/co-ghi-nho.md");
    let moved = root.join("content/bai-viet/co-ghi-nho-moi.md");
    let other = root.join("content/bai-viet/them.md");
    let text = std::fs::read(&linked).unwrap();
    let mut step = |what: &str, touched: &[&PathBuf], expect_built: bool| {
        let touched: BTreeSet<PathBuf> = touched.iter().map(|p| p.to_path_buf()).collect();
        let change = watch::classify(root, &touched, session.named_files());
        let built = settle(&mut session, &change);
        assert_eq!(compare(&session, built, &options, what, 0), expect_built, "{what}");
    };
    std::fs::remove_file(&linked).unwrap();
    step("the linked page deleted", &[&linked], false);
    std::fs::write(&linked, &text).unwrap();
    step("the linked page back", &[&linked], true);
    std::fs::write(&other, "---\ntitle: \"Thêm\"\ndate: 2026-10-01\n---\n\nBài thêm.\n").unwrap();
    step("an unrelated page added", &[&other], true);
    std::fs::rename(&linked, &moved).unwrap();
    step("the linked page renamed", &[&linked, &moved], false);
    std::fs::rename(&moved, &linked).unwrap();
    step("the linked page renamed back", &[&linked, &moved], true);
}

/// A page's front matter edited (title, date, tags, description) is taken in place, the site
/// not assembled again, and what the session serves is what a clean build makes: the page
/// moved in its section's listing pages (two pages each here) and in its tags', a tag's count,
/// a new tag, a tag gone and a tag's listing page gone, the home page's newest pages and when
/// they last changed. An edit that changes whether or where a page is built (its slug), or the
/// name a tag is shown with, assembles the site again; one with an error fails as a clean
/// build does, and its fix is taken without assembling either.
#[test]
fn front_matter_edits_are_taken_in_place() {
    let site = every_kind();
    let (options, mut session) = started(&site);
    let in_place = "dựng lại các trang đã sửa";
    let mut step = |what: &str, rel: &str, from: &str, to: &str| {
        site.edit(rel, from, to);
        saved(&mut session, &options, what, rel)
    };
    let (o_cam, binh_gas) = ("content/bai-viet/o-cam.md", "content/bai-viet/binh-gas.md");
    assert_eq!(step("a title", o_cam, "title: \"", "title: \"Chú ý: "), in_place);
    assert_eq!(step("the newest", binh_gas, "date: 2026-03-02", "date: 2026-12-01"), in_place);
    assert_eq!(step("the oldest", binh_gas, "date: 2026-12-01", "date: 2025-01-01"), in_place);
    // Not among the newest pages, but the newest change: the home page tells when.
    let updated = "date: 2025-01-01\nupdated: 2026-11-28";
    assert_eq!(step("updated", binh_gas, "date: 2025-01-01", updated), in_place);
    assert_eq!(step("a tag more", o_cam, "tags: [điện]", "tags: [điện, gas]"), in_place);
    assert_eq!(step("a new tag", o_cam, "tags: [điện, gas]", "tags: [điện, gas, ổ cắm]"), in_place);
    // The tag's page is no longer served.
    let last = step("a tag's last page", o_cam, "tags: [điện, gas, ổ cắm]", "tags: [điện, gas]");
    assert_eq!(last, in_place);
    // “điện” on three pages (listed two a page), then on two: its second listing page goes.
    let loi_thoat = "content/bai-viet/loi-thoat.md";
    let more = step("3 pages", loi_thoat, "[thoát nạn, chung cư]", "[thoát nạn, chung cư, điện]");
    assert_eq!(more, in_place);
    let fewer = step("2 pages", loi_thoat, "[thoát nạn, chung cư, điện]", "[thoát nạn, chung cư]");
    assert_eq!(fewer, in_place);
    // Written otherwise on more pages than before, a tag's name changes on every page.
    let how = step("named otherwise", o_cam, "tags: [điện, gas]", "tags: [Điện, gas]");
    assert_eq!(how, in_place, "one spelling of two: the first in Vietnamese order stays");
    let how = step("named otherwise", loi_thoat, "chung cư]", "chung cư, Điện]");
    assert!(how != in_place && how != "failed", "{how}");
    let description = "description: \"Mô tả mới.\"\ntitle: \"Giữ";
    assert_eq!(
        step("a description", "content/bai-viet/loi-thoat.md", "title: \"Giữ", description),
        in_place
    );
    assert_eq!(step("a broken title", o_cam, "title: \"Chú ý: ", "title: [\"Chú ý: "), "failed");
    // The site kept is the one before the error, whose front matter the fix brings back.
    let fixed = step("fixed", o_cam, "title: [\"Chú ý: ", "title: \"Chú ý: ");
    assert_eq!(fixed, "dựng lại phần thân bài");
    // Watch mode builds drafts: a draft mark shows a notice on the page and in the listings.
    assert_eq!(step("a draft", o_cam, "title: \"", "draft: true\ntitle: \""), in_place);
    assert_eq!(step("published", o_cam, "draft: true\n", ""), in_place);
    let how = step("a slug", o_cam, "title: \"", "slug: o-cam-dien\ntitle: \"");
    assert!(how != in_place && how != "failed", "{how}");
}

/// New pages and pages whose files are gone are taken in place, the site not assembled again,
/// and what the session serves is what a clean build makes: a new page among the newest, with a
/// tag of its own and one of other pages (six articles two a page: the listing gets a page
/// more), its deletion (the listing page and the tag's pages no longer served), a rename, one
/// with a broken link (fails as a clean build does, then its fix), two new pages linking to each
/// other, a page in a section inside the articles' (whose listing shows its count of pages), a
/// page for editors. A page other pages link to, and a new page of a type that shows more than
/// its own page (a drill), assemble the site again.
#[test]
fn pages_added_and_removed_are_taken_in_place() {
    let site = every_kind();
    // A section in the articles', whose count of pages their listing pages show.
    site.write("content/bai-viet/luu-tru/_index.md", "---\ntitle: \"Lưu trữ\"\n---\n");
    let counts =
        "{% for s in section.subsections %}<p>{{ s.title }}: {{ s.page_count }}</p>{% endfor %}";
    site.write(
        "templates/muc-luc.html",
        format!("{{% extends \"section.html\" %}}{{% block content %}}{counts}{{% endblock content %}}\n"),
    );
    site.edit("content/bai-viet/_index.md", "---\n", "---\ntemplate: muc-luc.html\n");
    let (options, mut session) = started(&site);
    let in_place = "thêm, bớt trang";
    let root = options.root.clone();
    let mut step = |what: &str, rels: &[&str]| {
        let touched: BTreeSet<PathBuf> = rels.iter().map(|rel| root.join(rel)).collect();
        let change = watch::classify(&root, &touched, session.named_files());
        let how = settle_telling(&mut session, &change);
        assert!(compare(&session, how.is_some(), &options, what, 0) == how.is_some(), "{what}");
        (how.unwrap_or("failed"), session.snapshot())
    };
    let article = |title: &str, date: &str, tags: &str, body: &str| {
        format!("---\ntitle: \"{title}\"\ndate: {date}\ntags: {tags}\n---\n\n{body}\n")
    };
    let moi = "content/bai-viet/moi.md";
    site.write(moi, article("Bài mới", "2026-11-20", "[gas, mới]", "Gọi 114."));
    let (how, snapshot) = step("a new page", &[moi]);
    assert_eq!(how, in_place);
    assert!(
        snapshot.outputs.lookup("/bai-viet/trang/4/").is_some(),
        "{:?}",
        snapshot.outputs.len()
    );
    assert!(snapshot.outputs.lookup("/chu-de/moi/").is_some());
    // Its errors would show on its own page.
    let source = Path::new(moi);
    assert_eq!(snapshot.outputs.page_of(source), Some("bai-viet/moi/index.html"));
    site.remove(moi);
    let (how, snapshot) = step("the new page deleted", &[moi]);
    assert_eq!(how, in_place);
    assert_eq!(snapshot.outputs.page_of(source), None);
    assert!(snapshot.outputs.lookup("/bai-viet/moi/").is_none());
    assert!(snapshot.outputs.lookup("/bai-viet/trang/4/").is_none());
    assert!(snapshot.outputs.lookup("/chu-de/moi/").is_none());
    // Renamed: the page at its new address, the old one gone.
    let (o_cam, o_cam_moi) = ("content/bai-viet/o-cam.md", "content/bai-viet/o-cam-moi.md");
    site.write(o_cam_moi, site.read(o_cam));
    site.remove(o_cam);
    let (how, snapshot) = step("a page renamed", &[o_cam, o_cam_moi]);
    assert_eq!(how, in_place);
    assert!(snapshot.outputs.lookup("/bai-viet/o-cam/").is_none());
    // A broken link fails as a clean build does; the site stays, and the fix is in place.
    let hong = "content/bai-viet/hong.md";
    site.write(hong, article("Hỏng", "2026-01-05", "[]", "Xem [bài](@/bai-viet/khong-co.md)."));
    assert_eq!(step("a new page with a broken link", &[hong]).0, "failed");
    site.write(hong, article("Hỏng", "2026-01-05", "[]", "Đã sửa."));
    assert_eq!(step("its link fixed", &[hong]).0, in_place);
    // Two new pages that link to each other.
    let (a, b) = ("content/bai-viet/a-moi.md", "content/bai-viet/b-moi.md");
    site.write(a, article("A mới", "2026-02-01", "[điện]", "Xem [B](@/bai-viet/b-moi.md)."));
    site.write(b, article("B mới", "2026-02-02", "[]", "Xem [A](@/bai-viet/a-moi.md#dau)."));
    assert_eq!(step("two pages linking to each other", &[a, b]).0, "failed");
    site.write(b, article("B mới", "2026-02-02", "[]", "Xem [A](@/bai-viet/a-moi.md)."));
    assert_eq!(step("the anchor dropped", &[b]).0, in_place);
    // In the section inside the articles', whose count their listing pages show; one for the
    // ward's editors, listed nowhere.
    let cu = "content/bai-viet/luu-tru/cu.md";
    site.write(cu, article("Bài cũ", "2025-01-05", "[gas]", "Lưu trữ."));
    assert_eq!(step("a page in a section inside another", &[cu]).0, in_place);
    let noi_bo = "content/bai-viet/noi-bo.md";
    let text = article("Nội bộ", "2026-03-05", "[gas]", "Cho cán bộ.");
    site.write(noi_bo, text.replace("---\n\n", "editors_only: true\n---\n\n"));
    assert_eq!(step("a page for editors", &[noi_bo]).0, in_place);
    site.remove(cu);
    site.remove(noi_bo);
    assert_eq!(step("both deleted", &[cu, noi_bo]).0, in_place);
    // Deleting a page others link to fails as a clean build does (by assembling).
    let linked = "content/bai-viet/co-ghi-nho.md";
    let text = site.read(linked);
    site.remove(linked);
    assert_eq!(step("a linked page deleted", &[linked]).0, "failed");
    site.write(linked, text);
    let (how, _) = step("the linked page back", &[linked]);
    assert!(how != "failed", "{how}");
    // A drill is shown in more than its own page (the calendar, the drills' lists).
    let drill = "content/dien-tap/moi.md";
    site.write(
        drill,
        site.read("content/dien-tap/chung-cu.md").replace("id: dt-thu-12", "id: dt-moi"),
    );
    let (how, _) = step("a new drill", &[drill]);
    assert!(how != in_place && how != "failed", "{how}");
}

/// An edit of templates alone renders again only the outputs whose template (or a template it
/// extends or includes) changed; the others are the last build's, and what the session serves
/// is what a clean build makes: a template of one page, the tag listings', the page of every
/// tag, the not-found page, a partial of the articles, a broken template and its fix. A template
/// whose output is a static file's URL (the web manifest) renders every output again.
#[test]
fn template_edits_render_what_uses_them() {
    let site = every_kind();
    site.write("templates/rieng.html", "{% extends \"page.html\" %}\n");
    let o_cam = "content/bai-viet/o-cam.md";
    site.edit(o_cam, "title: \"", "template: rieng.html\ntitle: \"");
    let (options, mut session) = started(&site);
    let by_template = "dựng lại các trang dùng mẫu đã sửa";
    let theme = "themes/mac-dinh/templates";
    let mut step = |what: &str, rel: &str, from: &str, to: &str| {
        site.edit(rel, from, to);
        saved(&mut session, &options, what, rel)
    };
    let own =
        "{% extends \"page.html\" %}\n{% block content %}<p>Riêng</p>{{ super() }}{% endblock %}\n";
    let rieng = "templates/rieng.html";
    assert_eq!(step("one page's", rieng, "{% extends \"page.html\" %}\n", own), by_template);
    for (template, what) in [
        ("tag.html", "the tags' listings"),
        ("tags.html", "the tags' page"),
        ("404.html", "not found"),
    ] {
        let path = format!("{theme}/{template}");
        let text = site.read(&path);
        let at = text.rfind("</").unwrap();
        let marked = format!("{}<i hidden>{what}</i>{}", &text[..at], &text[at..]);
        site.write(&path, &marked);
        assert_eq!(step(what, &path, "<i hidden>", "<i hidden>Sửa: "), by_template, "{what}");
    }
    let broken = step("broken", rieng, "<p>Riêng</p>", "<p>{{ khong_co }}</p>");
    assert_eq!(broken, "failed");
    let fixed = step("fixed", rieng, "<p>{{ khong_co }}</p>", "<p>Riêng lại</p>");
    assert!(
        fixed != "failed" && fixed != by_template,
        "after a failure the site is built whole: {fixed}"
    );
    assert_eq!(step("again", rieng, "<p>Riêng lại</p>", "<p>Riêng</p>"), by_template);
    let manifest = format!("{theme}/site.webmanifest");
    let how = step("the manifest", &manifest, "\"name\"", "\"description\": \"Sửa\",\n  \"name\"");
    assert_eq!(how, "dựng lại theo mẫu mới");
}

/// A save that broke a page, then a save of another page: the site still fails as a clean
/// build does, the first page being still broken.
#[test]
fn a_broken_page_stays_broken_while_another_is_saved() {
    let site = every_kind();
    let (options, mut session) = started(&site);
    let mut step = |what: &str, rel: &str, from: &str, to: &str| {
        site.edit(rel, from, to);
        saved(&mut session, &options, what, rel)
    };
    let (o_cam, binh_gas) = ("content/bai-viet/o-cam.md", "content/bai-viet/binh-gas.md");
    assert_eq!(step("a broken link", o_cam, "\n\n", "\n\n[x](@/khong-co.md)\n\n"), "failed");
    assert_eq!(step("another page", binh_gas, "\n\n", "\n\nThêm.\n\n"), "failed");
    let fixed = step("fixed", o_cam, "[x](@/khong-co.md)", "[x](@/bai-viet/binh-gas.md)");
    assert_eq!(fixed, "dựng lại phần thân bài");
    assert_eq!(step("another again", binh_gas, "Thêm.", "Thêm nữa."), "dựng lại phần thân bài");
}

/// A save of data files alone (violation records, an indicator's figures) takes the data sets
/// again in place, the pages not assembled again: what the session serves is what a clean
/// build makes, the pages and listings showing an indicator's value included, and a record or
/// a figure with an error fails as a clean build does, until it is fixed. A new or deleted data
/// file assembles the site again.
#[test]
fn data_edits_are_taken_in_place() {
    let site = every_kind();
    let indicators =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/indicators/content/chi-tieu");
    for entry in std::fs::read_dir(indicators).unwrap() {
        let entry = entry.unwrap();
        let name = entry.file_name().to_string_lossy().into_owned();
        site.write(&format!("content/chi-tieu/{name}"), std::fs::read(entry.path()).unwrap());
    }
    let value = "{{ chi_tieu(ma=\"truyen-tin\", ngay=\"2026-03-31\") }}";
    site.write("content/bao-cao/_index.md", "---\ntitle: \"Báo cáo\"\ntype: bao_cao\n---\n");
    site.write(
        "content/bao-cao/so-ket.md",
        format!(
            "---\ntitle: \"Sơ kết\"\ndate: 2026-05-01\nloai: so_ket\n---\n\nĐến nay: {value}.\n"
        ),
    );
    // In the first paragraph: the article's summary in its listings shows the value too.
    site.edit("content/bai-viet/o-cam.md", ": xem [", &format!(": {value}, xem ["));
    let (options, mut session) = started(&site);
    let in_place = "dựng lại theo dữ liệu mới";
    // Writes `text` at `rel` (deletes it with `None`), then builds and compares.
    let mut step = |what: &str, rel: &str, text: Option<String>| {
        match text {
            Some(text) => site.write(rel, text),
            None => site.remove(rel),
        }
        saved(&mut session, &options, what, rel)
    };
    let edited = |rel: &str, from: &str, to: &str| {
        let text = site.read(rel);
        assert!(text.contains(from), "{rel}: {from}");
        Some(text.replacen(from, to, 1))
    };
    let (record, figures) = ("content/vi-pham/vp-a.yaml", "content/chi-tieu/truyen-tin.csv");
    let renamed = edited(record, "Karaoke Ví Dụ A", "Karaoke Ví Dụ A Mới");
    assert_eq!(step("a record's name", record, renamed), in_place);
    let original = site.read(figures);
    let march = original.lines().find(|l| l.starts_with("2026-03-31")).unwrap();
    assert_eq!(march, "2026-03-31,71,415,17.11,");
    let more = "2026-03-31,72,415,17.35,".to_string();
    assert_eq!(step("a figure", figures, edited(figures, march, &more)), in_place);
    let wrong = edited(record, "categories: [", "categories: [khong_co_loai_nay, ");
    assert_eq!(step("a wrong category", record, wrong), "failed");
    // Another record saved while the first is still wrong: still failing.
    let other = edited("content/vi-pham/vp-b.yaml", "name: \"Nhà trọ\"", "name: \"Nhà trọ Khác\"");
    assert_eq!(step("another record", "content/vi-pham/vp-b.yaml", other), "failed");
    let fixed = edited(record, "categories: [khong_co_loai_nay, ", "categories: [");
    assert_eq!(step("fixed", record, fixed), in_place);
    // The day the report and the article show has no figure on or before it any more.
    let text = site.read(figures);
    let gone: Vec<&str> = text.split_inclusive('\n').filter(|l| !l.starts_with("2026-0")).collect();
    let april = text.lines().find(|l| l.starts_with("2026-04-30")).unwrap();
    let gone = Some(format!("{}{april}\r\n", gone.concat()));
    assert_eq!(step("the shown figures gone", figures, gone), "failed");
    assert_eq!(step("back", figures, Some(original)), in_place);
    let new = site.read(record).replace("vp-a", "vp-z").replace("Ví Dụ A", "Ví Dụ Z");
    let how = step("a new record file", "content/vi-pham/vp-z.yaml", Some(new));
    assert!(how != in_place && how != "failed", "{how}");
    let how = step("a record file deleted", "content/vi-pham/vp-z.yaml", None);
    assert!(how != in_place && how != "failed", "{how}");
}

/// With a tone-mark style in site.toml, watch mode warns of a word written the other way in
/// every save: an edit of pages the site has (which renders only what shows them) checks the
/// saved files, front matter included, a whole rebuild every file (taking unchanged files'
/// warnings from the last one), and a word put right is no longer reported by either.
#[test]
fn tone_marks_are_checked_at_every_save() {
    let site = every_kind();
    let toml = site.read("site.toml");
    assert!(!toml.contains("[content]"));
    site.write("site.toml", format!("{toml}\n[content]\ntone_marks = \"hoà\"\n"));
    let (options, mut session) = started(&site);
    let page = "content/bai-viet/binh-gas.md";
    let other = "content/bai-viet/o-cam.md";
    let mut save = |rel: &str, from: &str, to: &str| {
        site.edit(rel, from, to);
        let touched = BTreeSet::from([options.root.join(rel)]);
        let change = watch::classify(&options.root, &touched, session.named_files());
        match session.rebuild(&change) {
            Outcome::Built { how, warnings, .. } => {
                // The warnings about the two files this test saves.
                let found: Vec<String> = warnings
                    .iter()
                    .filter(|d| d.path.ends_with(page) || d.path.ends_with(other))
                    .map(|d| format!("{}: {}", d.path.file_name().unwrap().display(), d.message))
                    .collect();
                (how, found)
            }
            Outcome::Failed(failure) => panic!("{}", failure.problems.render(false)),
        }
    };
    let wrong = |file: &str| {
        format!(
            "{file}: “khỏe” đặt dấu thanh kiểu “hòa, khỏe, thủy”; trang này thống nhất kiểu \
             “hoà, khoẻ, thuỷ”"
        )
    };
    let body_only = "dựng lại phần thân bài";
    let in_place = "dựng lại các trang đã sửa";
    let ghi_nho = "## Ghi nhớ\n";
    assert_eq!(
        save(page, ghi_nho, "## Ghi nhớ\n\nGiữ sức khỏe.\n"),
        (body_only, vec![wrong("binh-gas.md")])
    );
    // A changed old address: the site is assembled again, every file checked.
    let alias = "aliases: [\"/bai-cu/o-cam/\"]\n";
    let (how, found) = save(other, "title: \"", &format!("{alias}title: \""));
    assert!(how != body_only && how != in_place, "{how}");
    assert_eq!(found, [wrong("binh-gas.md")], "an unchanged file's warning, from the last check");
    // A new title: only the saved file is checked, its front matter with its body.
    let title = save(other, "title: \"", "title: \"Giữ sức khỏe: ");
    assert_eq!(title, (in_place, vec![wrong("o-cam.md")]));
    assert_eq!(save(page, "sức khỏe", "sức khoẻ"), (body_only, vec![]));
    let (how, found) = save(other, &format!("{alias}title: \"Giữ sức khỏe: "), "title: \"");
    assert!(how != body_only && how != in_place, "{how}");
    assert!(found.is_empty(), "{found:?}");
}

/// `pccc build` over its previous output (with the build cache) is always right: after each
/// random edit of the same kinds, a build over the output must leave, file for file and byte
/// for byte, what a clean build makes in a fresh folder (the cache itself aside), or fail as
/// that build fails and leave the output and cache as they were. Some steps change nothing
/// (nothing saved, or a file saved with the same bytes): the build must then say so and write
/// nothing.
#[test]
fn random_edits_build_over_the_output_what_a_clean_build_makes() {
    let (seed, steps) = seed_and_steps("random edits (build)");
    let site = every_kind();
    let options = BuildOptions {
        root: site.root().canonicalize().unwrap(),
        as_of: Some(jiff::civil::date(2026, 11, 28)),
        drafts: true,
        ..BuildOptions::default()
    };
    let mut editor = Editor { root: options.root.clone(), rng: Rng(seed | 1), n: 0 };
    let replay = format!("(replay with PCCC_SEED={seed})");
    let first = built_over(&options, "the first build", &replay).map(|r| (r.unchanged, r.taken));
    assert_eq!(first, Some((false, 0)));
    let (mut pending, mut failed, mut kept): (Option<Before>, usize, usize) = (None, 0, 0);
    // Files builds that did some work took from the previous output instead of rendering them,
    // and Markdown bodies (checked against a new render in a debug build).
    let (mut taken, mut bodies, mut search) = (0, 0, 0);
    for step in 1..=steps {
        let (what, undoable, same) = match pending.take() {
            Some(before) => {
                restore(&before);
                ("undo the last edit".to_string(), None, false)
            }
            None if editor.rng.below(10) == 0 => ("nothing".to_string(), None, true),
            None if editor.rng.below(10) == 0 => {
                let saved = editor.pick(editor.files(""));
                let saved = saved.unwrap();
                std::fs::write(&saved, std::fs::read(&saved).unwrap()).unwrap();
                (format!("{} saved unchanged", editor.relative(&saved)), None, true)
            }
            None => {
                let (what, before) = editor.edit();
                (what, Some(before), false)
            }
        };
        let what = format!("step {step}: {what}");
        match built_over(&options, &what, &replay) {
            None => {
                pending = undoable;
                failed += 1;
            }
            Some(report) => {
                let unchanged = report.unchanged;
                assert!(
                    !same || unchanged,
                    "{what}: the build did not see that nothing changed {replay}"
                );
                kept += usize::from(unchanged);
                taken += if unchanged { 0 } else { report.taken };
                bodies += report.bodies_taken;
                search += report.search_taken;
            }
        }
    }
    eprintln!(
        "random edits (build): {steps} steps, {failed} failed (then undone), {kept} kept the \
         output, {taken} files, {bodies} bodies and {search} search documents' counts taken \
         from the previous build by the others"
    );
    assert!(failed < steps / 2, "most steps failed: the edits are too often wrong to test much");
    assert!(taken > 0, "no build took a file from the previous output {replay}");
    assert!(bodies > 0, "no build took a body from the previous build {replay}");
    assert!(search > 0, "no build took search counts from the previous build {replay}");
}

/// Builds over the output `public`, then cleanly into a fresh folder, and compares the two.
/// The report of the first when both succeeded (whether it found nothing to do, how many files
/// and bodies it took from the previous build); `None` when both failed (with the same
/// problems), the output and its cache then untouched.
fn built_over(options: &BuildOptions, what: &str, replay: &str) -> Option<pccc::pipeline::Report> {
    let output = options.root.join("public");
    let cache = || pccc::output::CACHE_FILES.map(|name| std::fs::read(output.join(name)).ok());
    let before = (cache(), crate::support::snapshot(&output));
    let over = pccc::pipeline::build(options);
    let fresh = options.root.join("sach");
    let _ = std::fs::remove_dir_all(&fresh);
    let clean =
        pccc::pipeline::build(&BuildOptions { output_dir: Some(fresh.clone()), ..options.clone() });
    match (over, clean) {
        (Ok(report), Ok(_)) => {
            let expected = crate::support::snapshot(&fresh);
            same_files(&expected, &crate::support::snapshot(&output), what, replay);
            assert!(
                output.join(pccc::output::CACHE).is_file(),
                "{what}: no cache written {replay}"
            );
            Some(report)
        }
        (Err(problems), Err(expected)) => {
            let (shown, expected) = (problems.render(false), expected.render(false));
            assert!(
                shown == expected,
                "{what}: the build over the output reports other problems than a clean build {replay}:\n{}",
                diff_around(&expected, &shown, 3)
            );
            let after = (cache(), crate::support::snapshot(&output));
            assert!(
                after == before,
                "{what}: a failed build changed the output or its cache {replay}"
            );
            None
        }
        (over, clean) => panic!(
            "{what}: the build over the output {} but a clean build {} {replay}:\n{}",
            if over.is_ok() { "succeeded" } else { "failed" },
            if clean.is_ok() { "succeeded" } else { "failed" },
            over.err().or(clean.err()).map(|p| p.render(false)).unwrap_or_default()
        ),
    }
}

/// The seed (printed, `PCCC_SEED` to replay) and the number of steps (`PCCC_EDITS`).
fn seed_and_steps(name: &str) -> (u64, usize) {
    let seed = std::env::var("PCCC_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap();
        now.as_nanos() as u64
    });
    let steps =
        std::env::var("PCCC_EDITS").ok().and_then(|s| s.parse().ok()).unwrap_or(DEFAULT_EDITS);
    eprintln!("{name}: PCCC_SEED={seed} PCCC_EDITS={steps}");
    (seed, steps)
}

fn paths(before: &Before) -> BTreeSet<PathBuf> {
    before.iter().map(|(path, _)| path.clone()).collect()
}

/// Rebuilds after `change` and gathers what each build leaves for after the reload, as
/// `pccc serve` does; `true` when the build succeeded.
fn settle(session: &mut Session, change: &ChangeSet) -> bool {
    settle_telling(session, change).is_some()
}

/// [`settle`], telling how the session built when it did.
fn settle_telling(session: &mut Session, change: &ChangeSet) -> Option<&'static str> {
    let Outcome::Built { how, .. } = session.rebuild(change) else {
        return None;
    };
    while session.gather_due() {
        if session.gather(&|| false).is_none_or(|gathered| gathered.is_err()) {
            return None;
        }
    }
    Some(how)
}

/// Hands the save of `rel` to the session as the watcher would, gathers, and compares what it
/// serves with a clean build (`what` names the step): how the session built, or "failed" when
/// it failed as the clean build does.
fn saved(session: &mut Session, options: &BuildOptions, what: &str, rel: &str) -> &'static str {
    let touched = BTreeSet::from([options.root.join(rel)]);
    let change = watch::classify(&options.root, &touched, session.named_files());
    let how = settle_telling(session, &change);
    assert!(compare(session, how.is_some(), options, what, 0) == how.is_some(), "{what}");
    how.unwrap_or("failed")
}

/// Compares the session's snapshot with a clean build; returns whether the clean build
/// succeeded.
fn compare(session: &Session, built: bool, options: &BuildOptions, what: &str, seed: u64) -> bool {
    let clean = pccc::pipeline::generate(options);
    let snapshot = session.snapshot();
    let replay = format!("(replay with PCCC_SEED={seed})");
    match clean {
        Err(problems) => {
            assert!(
                !built && snapshot.failure.is_some(),
                "{what}: a clean build fails but the session built {replay}:\n{}",
                problems.render(false)
            );
            let shown = snapshot.failure.as_ref().unwrap().problems.render(false);
            let expected = problems.render(false);
            assert!(
                shown == expected,
                "{what}: the session reports other problems than a clean build {replay}:\n{}",
                diff_around(&expected, &shown, 3)
            );
            false
        }
        Ok(generated) => {
            assert!(
                built && snapshot.failure.is_none(),
                "{what}: a clean build succeeds but the session failed {replay}:\n{}",
                snapshot.failure.map(|f| f.problems.render(false)).unwrap_or_default()
            );
            let expected: BTreeMap<String, Vec<u8>> = generated
                .outputs
                .iter()
                .map(|o| {
                    let bytes = match &o.content {
                        Content::Bytes(bytes) => bytes.to_vec(),
                        Content::Copy(path) | Content::Kept { source: path, .. } => {
                            std::fs::read(path).unwrap()
                        }
                    };
                    (o.path.clone(), bytes)
                })
                .collect();
            let served: BTreeMap<String, Vec<u8>> = snapshot
                .outputs
                .files()
                .map(|(path, body)| {
                    let bytes = match body {
                        Body::Bytes(bytes) => bytes.to_vec(),
                        Body::File(path) => std::fs::read(path).unwrap(),
                    };
                    (path.to_string(), bytes)
                })
                .collect();
            same_files(&expected, &served, what, &replay);
            true
        }
    }
}

#[track_caller]
fn same_files(
    expected: &BTreeMap<String, Vec<u8>>,
    served: &BTreeMap<String, Vec<u8>>,
    what: &str,
    replay: &str,
) {
    let missing: Vec<&String> = expected.keys().filter(|k| !served.contains_key(*k)).collect();
    let extra: Vec<&String> = served.keys().filter(|k| !expected.contains_key(*k)).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "{what}: the session serves other files than a clean build makes {replay}:\n\
         missing: {missing:?}\nextra: {extra:?}"
    );
    for (path, bytes) in expected {
        let got = &served[path];
        if got != bytes {
            panic!(
                "{what}: {path} differs from a clean build's {replay} (- clean, + served):\n{}",
                diff_around(&String::from_utf8_lossy(bytes), &String::from_utf8_lossy(got), 2)
            );
        }
    }
}

/// A site with every kind: the lessons fixture (articles, lessons), the drills and the
/// violations fixtures' content, community fire points under the fixture outline of the map
/// (`[map] outline`, a file outside the watched folders), a few tagged articles and two
/// articles per listing page, so that edits move pages across listing pages.
fn every_kind() -> Site {
    let site = Site::fixture("lessons");
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    for (fixture, dir) in [
        ("drills", "content/dien-tap"),
        ("violations", "content/vi-pham"),
        ("places", "content/diem-chua-chay"),
    ] {
        for entry in std::fs::read_dir(fixtures.join(fixture).join(dir)).unwrap() {
            let entry = entry.unwrap();
            let bytes = std::fs::read(entry.path()).unwrap();
            site.write(&format!("{dir}/{}", entry.file_name().to_string_lossy()), bytes);
        }
    }
    site.edit("site.toml", "author = ", "paginate_by = 2\nauthor = ");
    let toml = site.read("site.toml");
    site.write(
        "site.toml",
        format!(
            "{toml}\n[violations]\ngrace_days = 30\ncorrections = \"Bộ phận Một cửa, UBND phường \
             Thử\"\n\n[map]\noutline = \"{OUTLINE}\"\n"
        ),
    );
    let outline = std::fs::read(fixtures.join("outline/ranh-gioi-thu.geojson")).unwrap();
    site.write(OUTLINE, outline);
    let articles = [
        ("binh-gas", "Đặt bình gas xa nguồn nhiệt", "2026-03-02", "[gas, bếp]"),
        ("o-cam", "Không cắm nhiều thiết bị vào một ổ", "2026-04-10", "[điện]"),
        ("loi-thoat", "Giữ lối thoát nạn thông thoáng", "2026-06-21", "[thoát nạn, chung cư]"),
        ("bao-chay", "Kiểm tra đầu báo cháy mỗi tháng", "2026-09-15", "[chung cư, điện]"),
    ];
    for (slug, title, date, tags) in articles {
        site.write(
            &format!("content/bai-viet/{slug}.md"),
            format!(
                "---\ntitle: \"{title}\"\ndate: {date}\ntags: {tags}\n---\n\n{title}: xem \
                 [bài sạc xe](@/bai-viet/co-ghi-nho.md).\n\n## Ghi nhớ\n\nGọi 114 khi có cháy.\n"
            ),
        );
    }
    site.write("static/ghi-chu.txt", "Ghi chú tĩnh.\n");
    site
}

/// The map's outline, outside the folders `pccc serve` watches whole.
const OUTLINE: &str = "du-lieu/ranh-gioi-thu.geojson";

/// Before an edit: each file it touched and its bytes before (`None`: it did not exist).
type Before = Vec<(PathBuf, Option<Vec<u8>>)>;

/// Makes random edits in the site's folder.
struct Editor {
    root: PathBuf,
    rng: Rng,
    /// Counts edits, to make each new text unique.
    n: usize,
}

const TAGS: [&str; 5] = ["điện", "gas", "chung cư", "thoát nạn", "bếp"];

impl Editor {
    /// One random edit: what it was, and the files it touched as they were before.
    fn edit(&mut self) -> (String, Before) {
        self.n += 1;
        loop {
            let choice = self.rng.below(100);
            let made = match choice {
                0..=19 => self.page_text("body", |text, n| {
                    Some(format!("{text}\nĐoạn thêm số {n}.\n\n## Mục {n}\n"))
                }),
                20..=29 => self.page_text("title", |text, n| {
                    set_field(text, "title", &format!("\"Tiêu đề số {n}\""))
                }),
                30..=37 => {
                    let day = 1 + self.rng.below(28);
                    let month = 1 + self.rng.below(12);
                    self.page_text("date", move |text, _| {
                        let field = if text.contains("\nstart:") { "start" } else { "date" };
                        set_field(text, field, &format!("2026-{month:02}-{day:02}"))
                    })
                }
                38..=45 => {
                    let tags = self.tags();
                    self.page_text("tags", move |text, _| set_field(text, "tags", &tags))
                }
                46..=51 => self.page_text("draft", |text, _| {
                    if text.contains("\ndraft: true\n") {
                        Some(text.replacen("\ndraft: true\n", "\n", 1))
                    } else {
                        set_field(text, "draft", "true")
                    }
                }),
                52..=58 => self.new_page(),
                59..=63 => self.delete_page(),
                64..=69 => self.rename_page(),
                70..=76 => self.template(),
                77..=80 => self.static_file(),
                81..=91 => self.record(),
                92..=95 => self.outline(),
                _ => self.page_text("broken front matter", |text, _| {
                    set_field(text, "title", "[chưa đóng")
                }),
            };
            if let Some(made) = made {
                return made;
            }
        }
    }

    fn tags(&mut self) -> String {
        let chosen: Vec<&str> = TAGS.iter().copied().filter(|_| self.rng.below(3) == 0).collect();
        format!("[{}]", chosen.join(", "))
    }

    /// Every file under `content/` ending in `ext`, sorted.
    fn files(&self, ext: &str) -> Vec<PathBuf> {
        let mut files: Vec<PathBuf> = walkdir::WalkDir::new(self.root.join("content"))
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file())
            .map(|e| e.into_path())
            .filter(|p| p.to_string_lossy().ends_with(ext))
            .collect();
        files.sort();
        files
    }

    /// Pages that are plain files (not a section's `_index.md` nor a bundle's `index.md`).
    fn leaf_pages(&self) -> Vec<PathBuf> {
        let mut pages = self.files(".md");
        pages
            .retain(|p| !matches!(p.file_name().unwrap().to_str(), Some("_index.md" | "index.md")));
        pages
    }

    fn pick(&mut self, from: Vec<PathBuf>) -> Option<PathBuf> {
        (!from.is_empty()).then(|| from[self.rng.below(from.len())].clone())
    }

    fn relative(&self, path: &Path) -> String {
        path.strip_prefix(&self.root).unwrap().to_string_lossy().into_owned()
    }

    /// Rewrites a random Markdown file (sections included) with `change`.
    fn page_text(
        &mut self,
        what: &str,
        change: impl Fn(&str, usize) -> Option<String>,
    ) -> Option<(String, Before)> {
        let path = self.pick(self.files(".md"))?;
        let text = std::fs::read_to_string(&path).unwrap();
        let new = change(&text, self.n)?;
        let before = vec![write(&path, Some(new.as_bytes()))];
        Some((format!("{what} of {}", self.relative(&path)), before))
    }

    /// A copy of a page beside it, with a new title and without its own addresses.
    fn new_page(&mut self) -> Option<(String, Before)> {
        let from = self.pick(self.leaf_pages())?;
        let text = std::fs::read_to_string(&from).unwrap();
        let text: String = text
            .lines()
            .filter(|l| !l.starts_with("aliases:") && !l.starts_with("slug:"))
            .fold(String::new(), |mut out, line| {
                out.push_str(line);
                out.push('\n');
                out
            });
        let text = set_field(&text, "title", &format!("\"Bài mới số {}\"", self.n))?;
        let path = from.with_file_name(format!("moi-{}.md", self.n));
        let before = vec![write(&path, Some(text.as_bytes()))];
        Some((format!("new page {} (from {})", self.relative(&path), self.relative(&from)), before))
    }

    fn delete_page(&mut self) -> Option<(String, Before)> {
        let path = self.pick(self.leaf_pages())?;
        Some((format!("delete {}", self.relative(&path)), vec![write(&path, None)]))
    }

    fn rename_page(&mut self) -> Option<(String, Before)> {
        let from = self.pick(self.leaf_pages())?;
        let bytes = std::fs::read(&from).unwrap();
        let stem = from.file_stem().unwrap().to_string_lossy().into_owned();
        let stem = stem.split("-doi-").next().unwrap().to_string();
        let to = from.with_file_name(format!("{stem}-doi-{}.md", self.n));
        let before = vec![write(&from, None), write(&to, Some(&bytes))];
        Some((format!("rename {} to {}", self.relative(&from), self.relative(&to)), before))
    }

    /// A visible change in a random template of the theme; now and then a broken one.
    fn template(&mut self) -> Option<(String, Before)> {
        let dir = self.root.join("themes/mac-dinh/templates");
        let mut templates: Vec<PathBuf> = walkdir::WalkDir::new(&dir)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file() && e.path().extension() == Some("html".as_ref()))
            .map(|e| e.into_path())
            .collect();
        templates.sort();
        let path = self.pick(templates)?;
        let text = std::fs::read_to_string(&path).unwrap();
        let at = text.rfind("</")?;
        let insert = if self.rng.below(8) == 0 {
            "{{ khong_co_bien_nay }}".to_string()
        } else {
            format!("<i hidden>m{}</i>", self.n)
        };
        let new = format!("{}{insert}{}", &text[..at], &text[at..]);
        let before = vec![write(&path, Some(new.as_bytes()))];
        Some((format!("template {}", self.relative(&path)), before))
    }

    /// A site static file changed or added, or the theme's stylesheet changed.
    fn static_file(&mut self) -> Option<(String, Before)> {
        let (path, text) = match self.rng.below(3) {
            0 => (self.root.join("static/ghi-chu.txt"), format!("Ghi chú số {}.\n", self.n)),
            1 => (self.root.join(format!("static/them-{}.txt", self.n)), "Tệp thêm.\n".into()),
            _ => {
                let path = self.root.join("themes/mac-dinh/static/style.css");
                let text = std::fs::read_to_string(&path).ok()?;
                (path, format!("{text}\n/* {} */\n", self.n))
            }
        };
        let before = vec![write(&path, Some(text.as_bytes()))];
        Some((format!("static file {}", self.relative(&path)), before))
    }

    /// The violation records (the fire points stay as they are: the outline's edits show on
    /// their map).
    fn records(&self) -> Vec<PathBuf> {
        let dir = self.root.join("content/vi-pham");
        self.files(".yaml").into_iter().filter(|p| p.starts_with(&dir)).collect()
    }

    /// The map's outline: a corner moved (or, now and then, the file broken).
    fn outline(&mut self) -> Option<(String, Before)> {
        let path = self.root.join(OUTLINE);
        let text = std::fs::read_to_string(&path).ok()?;
        let new = if self.rng.below(6) == 0 {
            text.replacen("\"coordinates\"", "\"coordinates\" [", 1)
        } else {
            // The corners between the first and the last (which must stay equal).
            let corners = ["[105.822, ", "[105.823, ", "[105.812, ", "[105.803, "];
            let corner = corners[self.rng.below(corners.len())];
            let at = text.find(corner)? + corner.len();
            let end = at + text[at..].find(']')?;
            let lat = 20.98 + self.rng.below(30) as f64 / 1000.0;
            format!("{}{lat:.3}{}", &text[..at], &text[end..])
        };
        let before = vec![write(&path, Some(new.as_bytes()))];
        Some((format!("outline {OUTLINE}"), before))
    }

    /// A violation record changed, added or removed.
    fn record(&mut self) -> Option<(String, Before)> {
        let from = self.pick(self.records())?;
        let text = std::fs::read_to_string(&from).unwrap();
        let n = self.n;
        match self.rng.below(4) {
            0 => {
                let to = from.with_file_name(format!("vp-m{n}.yaml"));
                let id = text.lines().next()?.strip_prefix("id: ")?;
                let new = text.replacen(&format!("id: {id}"), &format!("id: vp-m{n}"), 1);
                let before = vec![write(&to, Some(new.as_bytes()))];
                Some((format!("new record {}", self.relative(&to)), before))
            }
            1 if self.records().len() > 2 => {
                Some((format!("delete record {}", self.relative(&from)), vec![write(&from, None)]))
            }
            _ => {
                let new = set_field(&text, "description", &format!("\"Mô tả số {n}.\""))?;
                let before = vec![write(&from, Some(new.as_bytes()))];
                Some((format!("record {}", self.relative(&from)), before))
            }
        }
    }
}

/// Writes (or with `None` removes) `path`; returns it with its bytes before.
fn write(path: &Path, bytes: Option<&[u8]>) -> (PathBuf, Option<Vec<u8>>) {
    let old = std::fs::read(path).ok();
    match bytes {
        Some(bytes) => {
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, bytes).unwrap();
        }
        None => std::fs::remove_file(path).unwrap(),
    }
    (path.to_path_buf(), old)
}

/// Puts the files of `before` back as they were (the undo of an edit).
fn restore(before: &Before) {
    for (path, bytes) in before.iter().rev() {
        match bytes {
            Some(bytes) => std::fs::write(path, bytes).unwrap(),
            None => {
                let _ = std::fs::remove_file(path);
            }
        }
    }
}

/// `text` with the top-level field `name` of its front matter (or of a YAML record, which has
/// no `---`) set to `value` on one line: the line replaced, or added at the top.
fn set_field(text: &str, name: &str, value: &str) -> Option<String> {
    let prefix = format!("{name}:");
    let (start, rest) = match text.strip_prefix("---\n") {
        Some(rest) => (4, rest),
        None => (0, text),
    };
    let end = if start == 4 { rest.find("\n---")? + start + 1 } else { text.len() };
    let mut out = String::with_capacity(text.len() + value.len());
    out.push_str(&text[..start]);
    let mut found = false;
    let mut lines = text[start..end].split_inclusive('\n').peekable();
    while let Some(line) = lines.next() {
        if !found && line.starts_with(&prefix) {
            found = true;
            out.push_str(&format!("{prefix} {value}\n"));
            // A block list or map under the field goes with it.
            while lines.peek().is_some_and(|l| l.starts_with(' ') || l.starts_with('-')) {
                lines.next();
            }
        } else {
            out.push_str(line);
        }
    }
    if !found {
        out.insert_str(start, &format!("{prefix} {value}\n"));
    }
    out.push_str(&text[end..]);
    Some(out)
}

/// xorshift64*: a small seeded generator, so a failing run can be replayed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
}

#[test]
fn set_field_replaces_or_adds_one_line() {
    let page = "---\ntitle: \"A\"\ntags:\n  - x\n  - y\ndate: 2026-01-01\n---\n\nBody.\n";
    assert_eq!(
        set_field(page, "tags", "[z]").unwrap(),
        "---\ntitle: \"A\"\ntags: [z]\ndate: 2026-01-01\n---\n\nBody.\n"
    );
    assert_eq!(
        set_field(page, "draft", "true").unwrap(),
        "---\ndraft: true\ntitle: \"A\"\ntags:\n  - x\n  - y\ndate: 2026-01-01\n---\n\nBody.\n"
    );
    assert_eq!(set_field("id: a\nx: 1\n", "x", "2").unwrap(), "id: a\nx: 2\n");
}
