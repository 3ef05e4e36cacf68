//! The output is switched whole: a reader of `public/` (a web server) never meets a missing file
//! or a page of two versions while builds replace it; Ctrl-C and SIGTERM remove the staging
//! folder and keep the old output; staging folders of dead builds are removed by the next build,
//! a live build's are not; two builds at once leave one whole site.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::support::{Site, snapshot};

pub const AS_OF: &str = "2026-11-28";

/// The two versions of a generated site: B changes one article in ten, deletes one in twenty
/// and adds one for every twenty.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    A,
    B,
}

/// A small generated article. Out of the search index: a file fewer per page keeps the many
/// builds of these tests shorter.
fn article(i: usize, text: &str) -> String {
    format!(
        "---\ntitle: \"Trang {i}\"\ndate: 2025-{:02}-{:02}\nin_search: false\n---\n\n{text}\n",
        i % 12 + 1,
        i % 28 + 1
    )
}

/// Writes the `pages` generated articles of `version` into the content folder `content`.
pub fn write_version(content: &Path, pages: usize, version: Version) {
    let folder = content.join("bai-viet");
    for i in 0..pages + pages / 20 {
        let path = folder.join(format!("p-{i:04}.md"));
        let text = match version {
            Version::A if i < pages => format!("Trang {i}, bản đầu."),
            Version::B if i >= pages => format!("Trang {i}, trang mới."),
            Version::B if i % 20 == 3 => continue,
            Version::B if i % 10 == 1 => format!("Trang {i}, bản sửa."),
            Version::B => format!("Trang {i}, bản đầu."),
            Version::A => continue,
        };
        std::fs::write(path, article(i, &text)).unwrap();
    }
}

/// Staging folders and old outputs moved aside, beside the output folder `output` (as the
/// file system reaches it) and inside it; not the previous output the switch keeps for the next
/// build (`.public.ban-truoc`, see [`kept`]).
pub fn leftovers(output: &Path) -> Vec<String> {
    let name = output.file_name().unwrap().to_string_lossy().into_owned();
    let names = |dir: &Path| -> Vec<String> {
        std::fs::read_dir(dir)
            .map(|r| r.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect())
            .unwrap_or_default()
    };
    let mut found: Vec<String> = names(output.parent().unwrap())
        .into_iter()
        .filter(|n| n.starts_with(&format!(".{name}.")) && *n != format!(".{name}.ban-truoc"))
        .collect();
    found.extend(names(output).into_iter().filter(|n| n.starts_with(".pccc-dang-dung")));
    found.sort();
    found
}

/// The previous output, kept beside the output folder `output` for the next build to start
/// from, if it is there as a folder pccc made (with its marker).
pub fn kept(output: &Path) -> Option<PathBuf> {
    let name = output.file_name()?.to_string_lossy().into_owned();
    let kept = output.with_file_name(format!(".{name}.ban-truoc"));
    let marked = std::fs::symlink_metadata(kept.join(".pccc-output")).is_ok_and(|m| m.is_file());
    (std::fs::symlink_metadata(&kept).is_ok_and(|m| m.is_dir()) && marked).then_some(kept)
}

/// Copies the folder `from` to `to`.
pub fn copy_tree(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.unwrap();
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// The good fixture with `pages` generated articles of version A.
fn generated(pages: usize) -> Site {
    let site = Site::fixture("good");
    site.edit("site.toml", "paginate_by = 2", "paginate_by = 20");
    write_version(&site.path("content"), pages, Version::A);
    site
}

/// `pccc build` in `root`, started.
fn start(root: &Path) -> std::process::Child {
    Command::new(env!("CARGO_BIN_EXE_pccc"))
        .args(["build", "--as-of", AS_OF])
        .current_dir(root)
        .env_clear()
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start pccc")
}

/// The version number written in a page ("phiên bản 3"), if every mention agrees.
fn version_of(page: &str) -> Result<u32, String> {
    let found: Vec<u32> = page
        .split("phiên bản ")
        .skip(1)
        .map(|rest| rest.chars().take_while(char::is_ascii_digit).collect::<String>())
        .map(|digits| digits.parse().unwrap_or(0))
        .collect();
    match found.first() {
        Some(&v) if found.len() == 3 && found.iter().all(|&f| f == v) => Ok(v),
        _ => Err(format!("versions {found:?} in one page")),
    }
}

/// Pages that every version has, read by the reader.
const WATCHED: usize = 40;

/// Writes version `n` of the watched pages (title and body say it) and of a rotating set of
/// others, some deleted in this version.
fn write_round(site: &Site, n: u32) {
    for i in 0..WATCHED {
        let text = format!(
            "---\ntitle: \"Trang {i}, phiên bản {n}\"\ndate: 2025-03-{:02}\n---\n\nNội dung phiên bản {n}.\n",
            i % 28 + 1
        );
        site.write(&format!("content/bai-viet/p-{i:04}.md"), text);
    }
    for i in (WATCHED..300).filter(|i| i % 5 == n as usize % 5) {
        let _ = std::fs::remove_file(site.path(&format!("content/bai-viet/p-{i:04}.md")));
    }
    for i in (WATCHED..300).filter(|i| i % 5 == (n as usize + 1) % 5) {
        site.write(&format!("content/bai-viet/p-{i:04}.md"), article(i, &format!("Bản {n}.")));
    }
}

/// Rebuilds `site` `rounds` times while a reader reads the watched pages through `public/`
/// without pause; every read must find the page whole and of one version, never older than
/// one read before.
fn read_while_rebuilding(site: &Site, rounds: u32) {
    write_round(site, 1);
    site.build(AS_OF);
    let pages: Vec<PathBuf> =
        (0..WATCHED).map(|i| site.path(&format!("public/bai-viet/p-{i:04}/index.html"))).collect();
    let stop = Arc::new(AtomicBool::new(false));
    let reader = std::thread::spawn({
        let (pages, stop) = (pages.clone(), stop.clone());
        move || {
            let mut seen = vec![1u32; pages.len()];
            let mut reads = 0usize;
            // Sweeps until told to stop, then once more: every page is read after the last
            // build ended, however far into a sweep the reader was then.
            loop {
                let last_sweep = stop.load(Ordering::Relaxed);
                for (page, last) in pages.iter().zip(&mut seen) {
                    let text = std::fs::read_to_string(page)
                        .map_err(|e| format!("{}: {e}", page.display()))?;
                    let version =
                        version_of(&text).map_err(|e| format!("{}: {e}", page.display()))?;
                    if version < *last {
                        return Err(format!("{}: version {version} after {last}", page.display()));
                    }
                    *last = version;
                    reads += 1;
                }
                if last_sweep {
                    break;
                }
            }
            Ok::<_, String>((reads, seen))
        }
    });
    for n in 2..=rounds + 1 {
        write_round(site, n);
        site.build(AS_OF);
        let first = std::fs::read_to_string(&pages[0]).unwrap();
        assert_eq!(version_of(&first), Ok(n), "the build's pages are in place when it ends");
    }
    stop.store(true, Ordering::Relaxed);
    let (reads, seen) = reader.join().unwrap().unwrap_or_else(|e| panic!("the reader saw {e}"));
    assert!(reads > WATCHED, "{reads} reads");
    assert!(seen.iter().all(|&v| v == rounds + 1), "{seen:?}");
}

#[test]
fn a_reader_of_public_never_sees_a_missing_or_mixed_page() {
    let site = generated(300);
    read_while_rebuilding(&site, 5);
    assert_eq!(leftovers(&site.path("public")), Vec::<String>::new());
    assert!(kept(&site.path("public")).is_some(), "the previous output, for the next build");
}

#[test]
fn a_reader_through_a_link_to_the_web_root_never_sees_a_missing_or_mixed_page() {
    let web = tempfile::tempdir().unwrap();
    let root = web.path().join("html");
    std::fs::create_dir(&root).unwrap();
    let site = generated(300);
    std::os::unix::fs::symlink(&root, site.path("public")).unwrap();
    read_while_rebuilding(&site, 5);
    assert!(std::fs::symlink_metadata(site.path("public")).unwrap().file_type().is_symlink());
    assert_eq!(leftovers(&root), Vec::<String>::new());
    let mut beside: Vec<_> =
        std::fs::read_dir(web.path()).unwrap().flatten().map(|e| e.file_name()).collect();
    beside.sort();
    assert_eq!(
        beside,
        [".html.ban-truoc", "html"],
        "the previous output is kept beside the web root"
    );
}

#[test]
fn a_rebuild_keeps_unchanged_files_and_the_old_output_is_never_written_through() {
    use std::os::unix::fs::MetadataExt;
    let site = generated(30);
    site.build(AS_OF);
    let kept = site.path("public/bai-viet/p-0002/index.html");
    let changed = site.path("public/bai-viet/p-0001/index.html");
    let inode = std::fs::metadata(&kept).unwrap().ino();
    // A web server that has the old page open, as a link of its own.
    let held = site.path("doc-do.html");
    std::fs::hard_link(&changed, &held).unwrap();
    let before = std::fs::read(&held).unwrap();
    site.write("content/bai-viet/p-0001.md", article(1, "Đã sửa."));
    site.build(AS_OF);
    assert_eq!(std::fs::metadata(&kept).unwrap().ino(), inode, "linked, not rewritten");
    assert!(site.read("public/bai-viet/p-0001/index.html").contains("Đã sửa."));
    assert_eq!(std::fs::read(&held).unwrap(), before, "the old file is as it was");
}

/// A build made from the output before the previous one, kept beside the output, writes what a
/// clean build writes, byte for byte, whatever that older output held (pages since added,
/// deleted, changed back and forth), and does not write into a file the output it replaces
/// shares with it.
#[test]
fn a_build_made_from_the_kept_output_is_a_clean_build_s() {
    use std::os::unix::fs::MetadataExt;
    let site = generated(60);
    let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
    let clean = |site: &Site| {
        let _ = std::fs::remove_dir_all(site.path("sach"));
        let run = site.pccc(&["build", "--as-of", AS_OF, "-o", "sach"]);
        assert!(run.success, "{}", run.stderr);
        site.snapshot("sach")
    };
    site.build(AS_OF);
    // Each build starts from the output two builds back: pages and a static file that is
    // sometimes a folder differ from it in every round but the second.
    let (folder, file) = (true, false);
    let rounds = [
        (Version::B, folder),
        (Version::A, folder),
        (Version::A, file),
        (Version::B, file),
        (Version::B, folder),
    ];
    for (round, (version, as_folder)) in rounds.into_iter().enumerate() {
        // Only this version's pages: B adds three and deletes three of A's.
        for entry in std::fs::read_dir(site.path("content/bai-viet")).unwrap().flatten() {
            if entry.file_name().to_string_lossy().starts_with("p-") {
                std::fs::remove_file(entry.path()).unwrap();
            }
        }
        write_version(&site.path("content"), 60, version);
        let _ = std::fs::remove_dir_all(site.path("static/tep-hay-thu-muc"));
        let _ = std::fs::remove_file(site.path("static/tep-hay-thu-muc"));
        if as_folder {
            site.write("static/tep-hay-thu-muc/a.txt", "một thư mục");
        } else {
            site.write("static/tep-hay-thu-muc", "một tệp");
        }
        if round == 4 {
            site.write("content/bai-viet/p-0005.md", article(5, "Sửa thêm một trang."));
        }
        // The output about to be replaced, held open as a web server would hold it.
        let held = site.path("doc-do.html");
        let _ = std::fs::remove_file(&held);
        std::fs::hard_link(site.path("public/bai-viet/p-0001/index.html"), &held).unwrap();
        let before = std::fs::read(&held).unwrap();
        let older = kept(&site.path("public")).map(|k| inode(&k.join("bai-viet")));
        site.build(AS_OF);
        let (built, clean) = (site.snapshot("public"), clean(&site));
        assert_eq!(built.keys().collect::<Vec<_>>(), clean.keys().collect::<Vec<_>>());
        let differ: Vec<_> = built.keys().filter(|k| built[*k] != clean[*k]).collect();
        assert!(differ.is_empty(), "round {round}: {differ:?} differ from a clean build's");
        assert_eq!(std::fs::read(&held).unwrap(), before, "round {round}: written through");
        if let Some(older) = older {
            assert_eq!(inode(&site.path("public/bai-viet")), older, "round {round}: made anew");
        }
        assert!(kept(&site.path("public")).is_some(), "round {round}");
        assert_eq!(leftovers(&site.path("public")), Vec::<String>::new());
    }
}

/// Starts a build of `site` and waits until it has begun writing its staging folder.
fn start_writing(site: &Site) -> (std::process::Child, PathBuf) {
    let child = start(site.root());
    let staging = site.path(&format!(".public.dang-dung-{}", child.id()));
    let waited = Instant::now();
    while !staging.join("bai-viet").exists() {
        assert!(waited.elapsed() < Duration::from_secs(60), "the build never began writing");
        std::thread::sleep(Duration::from_micros(500));
    }
    (child, staging)
}

#[test]
fn sigterm_and_ctrl_c_remove_the_staging_folder_and_keep_the_old_output() {
    use rustix::process::{Pid, Signal, kill_process};
    let site = generated(1500);
    site.build(AS_OF);
    let before = snapshot(&site.path("public"));
    write_version(&site.path("content"), 1500, Version::B);
    let term = (
        Signal::TERM,
        143,
        "Đã dừng (SIGTERM): bản dựng dở đã được xoá, thư mục xuất vẫn là bản trước.\n",
    );
    let int = (
        Signal::INT,
        130,
        "Đã dừng (Ctrl-C): bản dựng dở đã được xoá, thư mục xuất vẫn là bản trước.\n",
    );
    // Each twice: the build's writer is still adding files while the cleanup removes them.
    for (signal, status, line) in [term, int, term, int] {
        let (child, staging) = start_writing(&site);
        kill_process(Pid::from_child(&child), signal).unwrap();
        let run = child.wait_with_output().unwrap();
        assert_eq!(String::from_utf8_lossy(&run.stderr), line);
        assert_eq!(run.status.code(), Some(status));
        assert!(run.stdout.is_empty());
        assert!(!staging.exists(), "the staging folder is removed");
        assert_eq!(leftovers(&site.path("public")), Vec::<String>::new());
        assert!(snapshot(&site.path("public")) == before, "the old output stays");
    }
}

#[test]
fn staging_folders_of_dead_builds_are_removed_and_a_live_builds_kept() {
    let site = generated(20);
    site.build(AS_OF);
    for dead in [".public.dang-dung-4194999", ".public.dang-dung-77-1", ".public.cu-4194998"] {
        site.write(&format!("{dead}/bai-viet/index.html"), "dở dang");
    }
    site.write("public/.pccc-dang-dung-4194997/index.html", "dở dang");
    // A build running now, as far as the lock says: this test process holds it.
    site.write(".public.dang-dung-4194996/index.html", "đang dựng");
    let live = std::fs::File::open(site.path(".public.dang-dung-4194996")).unwrap();
    live.try_lock().unwrap();
    site.write(".public.ghi-chu/x.txt", "không phải thư mục tạm");

    site.build(AS_OF);
    assert_eq!(leftovers(&site.path("public")), [".public.dang-dung-4194996", ".public.ghi-chu"]);
    assert_eq!(site.read(".public.dang-dung-4194996/index.html"), "đang dựng");
    drop(live);
    site.build(AS_OF);
    assert_eq!(leftovers(&site.path("public")), [".public.ghi-chu"]);
}

#[test]
fn two_builds_at_once_leave_one_whole_site() {
    // Two copies of the site (say, two editors' checkouts) built into one web root at once.
    let web = tempfile::tempdir().unwrap();
    let root = web.path().join("html");
    std::fs::create_dir(&root).unwrap();
    let (a, b) = (generated(300), generated(300));
    write_version(&b.path("content"), 300, Version::B);
    for site in [&a, &b] {
        std::os::unix::fs::symlink(&root, site.path("public")).unwrap();
    }
    b.build(AS_OF);
    let expected_b = snapshot(&root);
    a.build(AS_OF);
    let expected_a = snapshot(&root);
    for round in 0..4 {
        let (first, second) = if round % 2 == 0 { (&a, &b) } else { (&b, &a) };
        let runs =
            [start(first.root()), start(second.root())].map(|c| c.wait_with_output().unwrap());
        for run in &runs {
            assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        }
        let now = snapshot(&root);
        assert!(now == expected_a || now == expected_b, "round {round}: a mix of both sites");
        assert_eq!(leftovers(&root), Vec::<String>::new());
    }
}

#[test]
fn a_web_root_whose_folder_pccc_may_not_write_is_updated_in_place_with_a_warning() {
    use std::os::unix::fs::PermissionsExt;
    let mode = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    };
    let web = tempfile::tempdir().unwrap();
    let (www, html) = (web.path().join("www"), web.path().join("www/html"));
    std::fs::create_dir_all(&html).unwrap();
    let (site, expected) = (generated(30), generated(30));
    std::os::unix::fs::symlink(&html, site.path("public")).unwrap();
    // Root may write anywhere: the build then runs as `nobody`, who owns only the web root.
    let as_root = rustix::process::geteuid().is_root();
    if as_root {
        std::os::unix::fs::chown(&html, Some(65534), Some(65534)).unwrap();
    }
    for dir in [web.path(), site.root()] {
        mode(dir, 0o755);
    }
    mode(&www, 0o555);
    let build = |site: &Site| {
        let mut command = if as_root {
            let mut c = Command::new("setpriv");
            c.args(["--reuid=65534", "--regid=65534", "--clear-groups"]);
            c.arg(env!("CARGO_BIN_EXE_pccc"));
            c
        } else {
            Command::new(env!("CARGO_BIN_EXE_pccc"))
        };
        let run = command
            .args(["build", "--as-of", AS_OF])
            .current_dir(site.root())
            .env_clear()
            .output()
            .expect("run pccc");
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        String::from_utf8(run.stderr).unwrap()
    };
    let warning = format!(
        "cảnh báo: pccc không được ghi vào `{}`, thư mục chứa thư mục xuất, nên bản mới được chép đè từng tệp một: nếu lần dựng bị ngắt giữa chừng (mất điện, kill -9), trang có thể lẫn tệp cũ và mới cho tới lần dựng sau\n--> {}\n = gợi ý: cho người dựng trang quyền ghi vào `{}`, để pccc dựng bản mới bên cạnh rồi thay cả thư mục trong một bước\n\n",
        www.display(),
        html.display(),
        www.display()
    );
    for round in 0..2 {
        if round == 1 {
            for s in [&site, &expected] {
                write_version(&s.path("content"), 30, Version::B);
            }
        }
        assert_eq!(build(&site), warning);
        expected.build(AS_OF);
        assert!(snapshot(&html) == expected.snapshot("public"), "round {round}");
        assert_eq!(leftovers(&html), Vec::<String>::new());
    }
    mode(&www, 0o755);
}
