//! The build cache (`public/.pccc/cache`): a build over an output made from the same inputs,
//! by the same program, with the same options, writes nothing and says so; anything else that
//! could change a file (an input, an option, the output edited by hand, a cache that cannot be
//! trusted) makes a build whose output is a clean build's.

use std::collections::BTreeMap;
use std::time::SystemTime;

use crate::support::{Run, Site};

const AS_OF: &str = "2026-11-28";

/// The report line of a build that found nothing to do, for a site built by `first`.
fn unchanged_line(first: &Run) -> String {
    // "Đã dựng 9 trang, 3 chuyên mục (58 tệp) vào /tmp/…/public trong 0,41 giây."
    let counts = first.stdout.strip_prefix("Đã dựng ").expect(&first.stdout);
    let (counts, rest) = counts.split_once(" vào ").unwrap();
    let (dir, _) = rest.rsplit_once(" trong ").unwrap();
    format!(
        "Không có gì thay đổi từ lần dựng trước: {counts} trong {dir} vẫn đúng, không dựng lại \
         tệp nào ("
    )
}

/// Whether `run` found nothing to do.
fn kept(run: &Run) -> bool {
    run.stdout.starts_with("Không có gì thay đổi từ lần dựng trước")
}

/// The output of a clean build of `site` (its inputs copied, no output) with `args`.
fn clean(site: &Site, args: &[&str]) -> BTreeMap<String, Vec<u8>> {
    let copy = site.copy();
    std::fs::remove_dir_all(copy.path("public")).unwrap();
    let run = copy.pccc(args);
    assert!(run.success, "{}", run.stderr);
    copy.snapshot("public")
}

/// Builds `site` with `args`, which must do the whole build and leave a clean build's output;
/// then the same build again, which must find nothing to do.
#[track_caller]
fn rebuilt(site: &Site, args: &[&str], why: &str) {
    let run = site.pccc(args);
    assert!(run.success, "{why}: {}", run.stderr);
    assert!(run.stdout.starts_with("Đã dựng "), "{why}: the build kept the output: {}", run.stdout);
    assert!(site.snapshot("public") == clean(site, args), "{why}: not a clean build's output");
    let again = site.pccc(args);
    assert!(kept(&again), "{why}: the next build did the work again: {}", again.stdout);
}

fn modified(site: &Site, rel: &str) -> (SystemTime, u64) {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(site.path(rel)).unwrap();
    (meta.modified().unwrap(), meta.ino())
}

#[test]
fn a_build_over_its_own_output_writes_nothing_and_says_so_with_its_warnings() {
    let site = Site::fixture("good");
    site.write("content/.ghi-chu.md", "---\ntitle: Ẩn\n---\n");
    let first = site.build(AS_OF);
    assert!(first.stderr.contains("bị bỏ qua vì tên bắt đầu bằng dấu chấm"), "{}", first.stderr);
    let before = site.snapshot("public");
    let (page, cache) =
        (modified(&site, "public/index.html"), modified(&site, "public/.pccc/cache"));

    let second = site.build(AS_OF);
    let line = unchanged_line(&first);
    assert!(second.stdout.starts_with(&line), "{}\nexpected: {line}…", second.stdout);
    assert!(second.stdout.ends_with(" giây).\n"), "{}", second.stdout);
    assert_eq!(second.stderr, first.stderr, "the warnings of the build that made the output");
    assert_eq!(site.snapshot("public"), before);
    assert_eq!(modified(&site, "public/index.html"), page, "nothing written");
    assert_eq!(modified(&site, "public/.pccc/cache"), cache, "not even the cache");

    // A file saved again with the same bytes (a new date) is no change.
    let text = site.read("content/bai-viet/goi-114.md");
    site.write("content/bai-viet/goi-114.md", text);
    assert!(kept(&site.build(AS_OF)));
}

#[test]
fn a_cache_that_cannot_be_trusted_is_ignored_and_written_again() {
    let site = Site::fixture("good");
    site.build(AS_OF);
    let args = ["build", "--as-of", AS_OF];
    let cache = site.read("public/.pccc/cache");
    let half = cache[..cache.len() / 2].to_string();
    let cases = [
        ("empty", String::new()),
        ("truncated", half),
        ("not JSON", "không phải bộ nhớ đệm".to_string()),
        ("another format", cache.replacen("\"format\":3,", "\"format\":2,", 1)),
        ("another program", cache.replacen("\"program\":\"pccc ", "\"program\":\"pccc 0.0.1 ", 1)),
    ];
    for (why, text) in cases {
        assert_ne!(text, cache, "{why}: the case changes nothing");
        site.write("public/.pccc/cache", text);
        rebuilt(&site, &args, why);
    }
    std::fs::remove_dir_all(site.path("public/.pccc")).unwrap();
    rebuilt(&site, &args, "no cache");
}

#[test]
fn an_output_changed_by_hand_is_built_again() {
    use std::os::unix::fs::MetadataExt;
    let site = Site::fixture("good");
    site.build(AS_OF);
    let args = ["build", "--as-of", AS_OF];
    std::fs::remove_file(site.path("public/bai-viet/goi-114/index.html")).unwrap();
    rebuilt(&site, &args, "a page deleted");
    std::fs::remove_dir_all(site.path("public/bai-viet")).unwrap();
    rebuilt(&site, &args, "a folder deleted");
    let page = site.read("public/index.html");
    site.write("public/index.html", page.replacen("<title>", "<title>X", 1));
    rebuilt(&site, &args, "a page edited, another size");
    // The same size, and the date of the file it replaces: saved by renaming a new file over it.
    let path = site.path("public/index.html");
    let (time, inode) =
        (modified(&site, "public/index.html").0, std::fs::metadata(&path).unwrap().ino());
    let edited = page.replacen("<title>", "<TITLE>", 1);
    assert!(edited.len() == page.len() && edited != page);
    site.write("public/moi.html", edited);
    std::fs::File::options()
        .write(true)
        .open(site.path("public/moi.html"))
        .unwrap()
        .set_modified(time)
        .unwrap();
    std::fs::rename(site.path("public/moi.html"), &path).unwrap();
    assert_ne!(std::fs::metadata(&path).unwrap().ino(), inode);
    rebuilt(&site, &args, "a page replaced, same size and date");
    site.write("public/them.html", "thêm bằng tay");
    rebuilt(&site, &args, "a file added");
    assert!(!site.exists("public/them.html"));
}

#[test]
fn other_options_or_inputs_build_again() {
    let site = Site::fixture("good");
    site.build(AS_OF);
    rebuilt(&site, &["build", "--as-of", "2026-12-31"], "another day");
    rebuilt(&site, &["build", "--as-of", "2026-12-31", "--drafts"], "drafts");
    rebuilt(
        &site,
        &["build", "--as-of", "2026-12-31", "--base-url", "https://khac.example"],
        "base URL",
    );
    let args = ["build", "--as-of", AS_OF];
    rebuilt(&site, &args, "back to the first options");
    site.edit("themes/thu/templates/page.html", "</h1>", "</h1><p>Mẫu mới</p>");
    rebuilt(&site, &args, "a theme's template edited");
    site.edit("site.toml", "paginate_by = 2", "paginate_by = 3");
    rebuilt(&site, &args, "site.toml edited");
    site.write("static/moi.txt", "tệp tĩnh mới");
    rebuilt(&site, &args, "a static file added");
    std::fs::remove_file(site.path("content/bai-viet/sap-dang.md")).unwrap();
    rebuilt(&site, &args, "a page deleted");
}

/// The paths of a table of the build cache of `site`: `made`, the outputs made from summed-up
/// inputs; `listings`, the pages whose sitemap reading it keeps.
fn cached_paths(site: &Site, table: &str) -> Vec<String> {
    let cache: serde_json::Value = serde_json::from_str(&site.read("public/.pccc/cache")).unwrap();
    let entries = cache[table].as_array().unwrap();
    entries.iter().map(|entry| entry[0].as_str().unwrap().to_string()).collect()
}

/// A build over an output whose inputs changed takes from it, neither rendered nor written
/// again, each page and listing page the change does not reach, and leaves a clean build's
/// output; after a template's edit, none of the outputs made from that template.
#[test]
fn a_build_takes_from_the_previous_output_what_a_change_does_not_reach() {
    let site = Site::fixture("good");
    let options = pccc::pipeline::BuildOptions {
        root: site.root().canonicalize().unwrap(),
        as_of: Some(jiff::civil::date(2026, 11, 28)),
        ..pccc::pipeline::BuildOptions::default()
    };
    let args = ["build", "--as-of", AS_OF];
    let first = pccc::pipeline::build(&options).unwrap();
    assert_eq!(first.taken, 0, "nothing to take from");
    let made = cached_paths(&site, "made");
    assert_eq!(made.len(), 10, "four pages and six listing pages: {made:?}");
    // What the sitemap read in each page is kept too, for a build that takes the page to list it
    // unread (debug builds read it all the same, and panic when it reads otherwise).
    let listed = cached_paths(&site, "listings");
    assert!(made.iter().all(|p| listed.contains(p)), "{listed:?}");
    // Each output's file, as an inode: one the build did not replace keeps its own.
    let inodes = || -> Vec<(String, u64)> {
        use std::os::unix::fs::MetadataExt;
        let inode = |p: &String| std::fs::metadata(site.path(&format!("public/{p}"))).unwrap();
        made.iter().map(|p| (p.clone(), inode(p).ino())).collect()
    };
    let before = inodes();

    // A body edit: its page and the listings that show its summary (the section's first page
    // and its two tags' pages) are made again, the six others taken.
    site.edit("content/bai-viet/goi-114.md", "Gọi 114 miễn phí.", "Gọi 114 miễn phí, 24/24.");
    let report = pccc::pipeline::build(&options).unwrap();
    assert!(!report.unchanged);
    assert_eq!(report.taken, 6, "{made:?}");
    assert!(site.snapshot("public") == clean(&site, &args), "not a clean build's output");
    let after = inodes();
    let kept: Vec<&str> =
        before.iter().zip(&after).filter(|(b, a)| b == a).map(|(b, _)| b.0.as_str()).collect();
    assert!(!kept.contains(&"bai-viet/goi-114/index.html"), "{kept:?}");
    assert!(kept.contains(&"bai-viet/thoat-nan/index.html"), "{kept:?}");

    // A template of every page: only the listing pages are taken (their templates did not
    // change, nor did what they show).
    site.edit("themes/thu/templates/page.html", "</h1>", "</h1><p>Mẫu mới</p>");
    let report = pccc::pipeline::build(&options).unwrap();
    assert_eq!(report.taken, 6, "the six listing pages");
    assert!(site.snapshot("public") == clean(&site, &args), "not a clean build's output");
}
