//! The whole output of the `good` fixture against a stored tree, `tests/golden/good/`: every
//! file the build writes must be stored there with the same bytes, and nothing else may be
//! stored. Pages, feeds, the sitemap, QR codes and the search index are all in it, so any change
//! to what pccc writes is seen, and reviewed, as a diff of the stored tree.
//!
//! After a deliberate change of the output, `PCCC_BLESS=1 cargo test --test integration golden`
//! rewrites the tree from what pccc writes now; review it with `git diff tests/golden/`. The
//! build is reproducible (the day comes from `--as-of`; no build time, path or version is
//! written), so nothing needs masking. The tree holds text only, to stay reviewable, and leaves
//! out the files of [`COPIES`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use crate::support::{Site, diff_around, snapshot};

/// The build's day.
const AS_OF: &str = "2026-11-28";

/// Output files that are byte copies of a file of the repository: each is compared with that
/// file rather than stored a second time (a change shows in the diff of the file itself).
/// (`tim-kiem/search.js` left it: it is served without its comment lines, so the tree stores it.)
const COPIES: &[(&str, &str)] = &[];

/// How many differing files a failure shows as diffs; the others are only named.
const SHOWN: usize = 3;

/// Unchanged lines shown around each change.
const CONTEXT: usize = 3;

/// Lines longer than this are shown as a window around the first difference.
const WIDTH: usize = 160;

fn stored_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden/good")
}

#[test]
fn the_good_fixture_builds_to_the_stored_tree() {
    let bless = std::env::var_os("PCCC_BLESS").is_some_and(|v| v != "0");
    let site = Site::fixture("good");
    let run = site.build(AS_OF);
    assert_eq!(run.stderr, "", "the good fixture builds without a warning");
    let mut built = site.snapshot("public");
    let mut problems = take_copies(&mut built);
    problems.extend(
        built
            .iter()
            .filter(|(_, bytes)| std::str::from_utf8(bytes).is_err())
            .map(|(path, _)| format!("{path} is not UTF-8 text; the stored tree holds text only")),
    );
    if bless && problems.is_empty() {
        write_tree(&stored_dir(), &built);
    } else if !bless {
        problems.extend(compare(&snapshot(&stored_dir()), &built));
    }
    assert!(
        problems.is_empty(),
        "the output of tests/fixtures/good differs from tests/golden/good:\n\n{}\n\n\
         (after a deliberate change of the output: PCCC_BLESS=1 cargo test --test integration \
         golden, then review git diff tests/golden/)",
        problems.join("\n\n")
    );
}

/// Takes the [`COPIES`] out of `built`, with a problem for each that is missing or no longer
/// the same bytes as its source.
fn take_copies(built: &mut BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut problems = Vec::new();
    for (output, source) in COPIES {
        let expected = std::fs::read(root.join(source)).unwrap_or_else(|e| panic!("{source}: {e}"));
        match built.remove(*output) {
            None => problems.push(format!("{output} was not built")),
            Some(bytes) if bytes != expected => problems.push(format!(
                "{output} is no longer a byte copy of {source}; if it is now made otherwise, \
                 take it out of COPIES in tests/integration/golden.rs so the tree stores it"
            )),
            Some(_) => {}
        }
    }
    problems
}

/// What differs between the `stored` tree and the `built` one, readably: files missing or new,
/// and a diff of the first [`SHOWN`] changed files.
fn compare(stored: &BTreeMap<String, Vec<u8>>, built: &BTreeMap<String, Vec<u8>>) -> Vec<String> {
    let mut problems = Vec::new();
    let missing: Vec<&str> =
        stored.keys().filter(|p| !built.contains_key(*p)).map(String::as_str).collect();
    if !missing.is_empty() {
        problems.push(format!("stored but no longer built: {}", missing.join(", ")));
    }
    let new: Vec<&str> =
        built.keys().filter(|p| !stored.contains_key(*p)).map(String::as_str).collect();
    if !new.is_empty() {
        problems.push(format!("built but not stored: {}", new.join(", ")));
    }
    let changed: Vec<&String> =
        built.keys().filter(|p| stored.get(*p).is_some_and(|s| s != &built[*p])).collect();
    for path in changed.iter().take(SHOWN) {
        let before = String::from_utf8_lossy(&stored[*path]);
        let after = String::from_utf8_lossy(&built[*path]);
        let (line, column) = first_difference(&before, &after);
        problems.push(format!(
            "{path} differs from line {line}, column {column} (- stored, + built):\n{}",
            clip(&diff_around(&before, &after, CONTEXT), column)
        ));
    }
    if changed.len() > SHOWN {
        let rest: Vec<&str> = changed[SHOWN..].iter().map(|p| p.as_str()).collect();
        problems.push(format!("{} more files differ: {}", rest.len(), rest.join(", ")));
    }
    problems
}

/// The line and column (both from 1, the column in characters) where `a` and `b` first differ.
fn first_difference(a: &str, b: &str) -> (usize, usize) {
    let (mut line, mut column) = (1, 1);
    for (x, y) in a.chars().zip(b.chars()) {
        if x != y {
            break;
        }
        if x == '\n' {
            (line, column) = (line + 1, 1);
        } else {
            column += 1;
        }
    }
    (line, column)
}

/// `diff` with every line of more than [`WIDTH`] characters cut to a window around `column`, so
/// a one-line file (JSON, SVG) shows where it changed.
fn clip(diff: &str, column: usize) -> String {
    let mut out = String::new();
    for line in diff.lines() {
        let chars: Vec<char> = line.chars().collect();
        // Each line is the diff's two-character mark, then the text.
        if chars.len() <= WIDTH + 2 {
            out.push_str(line);
        } else {
            let start = (column + 1).saturating_sub(WIDTH / 2).clamp(2, chars.len() - WIDTH);
            let window: String = chars[start..start + WIDTH].iter().collect();
            let head: String = chars[..2].iter().collect();
            let cut_before = if start > 2 { "…" } else { "" };
            let cut_after = if start + WIDTH < chars.len() { "…" } else { "" };
            out.push_str(&format!("{head}{cut_before}{window}{cut_after}"));
        }
        out.push('\n');
    }
    out
}

/// Replaces the tree at `dir` with `files`.
fn write_tree(dir: &Path, files: &BTreeMap<String, Vec<u8>>) {
    if dir.exists() {
        std::fs::remove_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }
    for (path, bytes) in files {
        let target = dir.join(path);
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::write(&target, bytes).unwrap_or_else(|e| panic!("{}: {e}", target.display()));
    }
}

#[test]
fn a_changed_file_is_shown_where_it_changed() {
    let stored = BTreeMap::from([
        ("a.html".to_string(), b"<p>1</p>\n<p>2</p>\n".to_vec()),
        ("gone.txt".to_string(), b"x".to_vec()),
    ]);
    let built = BTreeMap::from([
        ("a.html".to_string(), b"<p>1</p>\n<p>two</p>\n".to_vec()),
        ("new.txt".to_string(), b"y".to_vec()),
    ]);
    assert_eq!(
        compare(&stored, &built),
        [
            "stored but no longer built: gone.txt",
            "built but not stored: new.txt",
            "a.html differs from line 2, column 4 (- stored, + built):\n  <p>1</p>\n- <p>2</p>\n+ <p>two</p>\n",
        ]
    );
}

#[test]
fn a_long_line_is_cut_around_the_difference() {
    let before = format!("{}1{}", "a".repeat(500), "b".repeat(500));
    let after = format!("{}2{}", "a".repeat(500), "b".repeat(500));
    assert_eq!(first_difference(&before, &after), (1, 501));
    let shown = clip(&diff_around(&before, &after, CONTEXT), 501);
    let expected = format!(
        "- …{}1{}…\n+ …{}2{}…\n",
        "a".repeat(80),
        "b".repeat(79),
        "a".repeat(80),
        "b".repeat(79)
    );
    assert_eq!(shown, expected);
    assert_eq!(clip("- short\n", 501), "- short\n");
}
