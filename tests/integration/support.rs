//! A fixture site in a temporary folder, the `pccc` binary run over it, and the checks every
//! module shares: [`Site::fails_with`] for a mistake's exact report, [`diff`] for readable
//! failures when a text differs from the one expected.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The outcome of one run of `pccc`.
#[derive(Debug)]
pub struct Run {
    pub success: bool,
    /// The exit code; `None` when a signal ended the process.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

/// A copy of a fixture site.
pub struct Site {
    dir: tempfile::TempDir,
}

impl Site {
    /// Copies `tests/fixtures/<name>` into a new temporary folder, with the repository's
    /// `themes/` when the fixture has no `themes/` of its own: the `drills`, `lessons` and
    /// `violations` fixtures name the default theme, whose templates show their kinds.
    pub fn fixture(name: &str) -> Site {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let from = root.join("tests/fixtures").join(name);
        let dir = tempfile::tempdir().expect("temporary folder");
        copy_dir(&from, dir.path());
        if !from.join("themes").exists() {
            copy_dir(&root.join("themes"), &dir.path().join("themes"));
        }
        Site { dir }
    }

    /// A copy of the repository's own site (the ward's real site).
    pub fn ward() -> Site {
        let root = Path::new(env!("CARGO_MANIFEST_DIR"));
        let dir = tempfile::tempdir().expect("temporary folder");
        for part in ["content", "themes", "static", "templates"] {
            if root.join(part).is_dir() {
                copy_dir(&root.join(part), &dir.path().join(part));
            }
        }
        std::fs::copy(root.join("site.toml"), dir.path().join("site.toml")).expect("site.toml");
        Site { dir }
    }

    /// A copy of this site in a new temporary folder, its output folder included.
    pub fn copy(&self) -> Site {
        let dir = tempfile::tempdir().expect("temporary folder");
        for entry in walkdir::WalkDir::new(self.root()).min_depth(1) {
            let entry = entry.expect("site entry");
            let target = dir.path().join(entry.path().strip_prefix(self.root()).unwrap());
            if entry.file_type().is_dir() {
                std::fs::create_dir_all(&target).unwrap();
            } else {
                std::fs::copy(entry.path(), &target).unwrap();
            }
        }
        Site { dir }
    }

    pub fn root(&self) -> &Path {
        self.dir.path()
    }

    pub fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Writes a file of the site, creating folders.
    pub fn write(&self, rel: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(rel);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    /// Replaces `from` with `to` in a file of the site; the text must be there.
    pub fn edit(&self, rel: &str, from: &str, to: &str) {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} does not contain {from:?}");
        self.write(rel, text.replacen(from, to, 1));
    }

    pub fn remove(&self, rel: &str) {
        std::fs::remove_file(self.path(rel)).unwrap();
    }

    /// Reads a file of the site as text.
    pub fn read(&self, rel: &str) -> String {
        std::fs::read_to_string(self.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
    }

    pub fn exists(&self, rel: &str) -> bool {
        self.path(rel).exists()
    }

    /// Runs `pccc` with `args` in the site's folder, with a scrubbed environment.
    pub fn pccc(&self, args: &[&str]) -> Run {
        let out = Command::new(env!("CARGO_BIN_EXE_pccc"))
            .args(args)
            .current_dir(self.root())
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .output()
            .expect("run pccc");
        Run {
            success: out.status.success(),
            code: out.status.code(),
            stdout: String::from_utf8(out.stdout).expect("utf-8 stdout"),
            stderr: String::from_utf8(out.stderr).expect("utf-8 stderr"),
        }
    }

    /// `pccc build --as-of <date>`, which must succeed.
    pub fn build(&self, as_of: &str) -> Run {
        let run = self.pccc(&["build", "--as-of", as_of]);
        assert!(run.success, "build failed:\n{}", run.stderr);
        run
    }

    /// Builds this site on `as_of`, applies `mistake`, and checks that the next build fails
    /// with exactly `expected` on stderr (the whole report, every line of it) and nothing on
    /// stdout, leaves the first build's output as it was, and leaves no hidden (staging) folder
    /// in the site.
    #[track_caller]
    pub fn fails_with(&self, as_of: &str, mistake: impl FnOnce(&Site), expected: &str) {
        self.build(as_of);
        let before = self.snapshot("public");
        mistake(self);
        let run = self.pccc(&["build", "--as-of", as_of]);
        assert!(!run.success, "the build should fail; it printed:\n{}", run.stderr);
        assert_eq!(run.stdout, "");
        if run.stderr != expected {
            eprintln!("--- actual stderr ---\n{}--- end ---", run.stderr);
        }
        assert!(
            run.stderr == expected,
            "stderr differs from the expected report (- expected, + actual):\n{}",
            diff(expected, &run.stderr)
        );
        assert_eq!(self.snapshot("public"), before, "the previous output must be left untouched");
        let leftovers: Vec<String> =
            self.top_level().into_iter().filter(|n| n.starts_with('.')).collect();
        assert!(leftovers.is_empty(), "temporary folders left behind: {leftovers:?}");
    }

    /// Every file under `rel` with its bytes, to compare whole outputs.
    pub fn snapshot(&self, rel: &str) -> BTreeMap<String, Vec<u8>> {
        snapshot(&self.path(rel))
    }

    /// Names directly in the site's root folder.
    pub fn top_level(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.root())
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }
}

fn copy_dir(from: &Path, to: &Path) {
    for entry in walkdir::WalkDir::new(from) {
        let entry = entry.expect("fixture entry");
        let target = to.join(entry.path().strip_prefix(from).unwrap());
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).unwrap();
        } else if !entry.path().components().any(|c| c.as_os_str() == "public") {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// Asserts that `haystack` contains `needle`, showing the haystack if not.
#[track_caller]
pub fn assert_contains(haystack: &str, needle: &str) {
    assert!(haystack.contains(needle), "expected to find {needle:?} in:\n{haystack}");
}

/// Asserts that `haystack` does not contain `needle`.
#[track_caller]
pub fn assert_lacks(haystack: &str, needle: &str) {
    assert!(!haystack.contains(needle), "did not expect {needle:?} in:\n{haystack}");
}

/// Every file under `base` with its bytes (links are not followed), to compare whole trees.
pub fn snapshot(base: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    for entry in walkdir::WalkDir::new(base).into_iter().flatten() {
        if entry.file_type().is_file() {
            let key = entry.path().strip_prefix(base).unwrap().to_string_lossy().into_owned();
            // The build cache differs from build to build: it names the program and its output.
            // The bodies kept beside it name the program too.
            if pccc::output::CACHE_FILES.contains(&key.as_str()) {
                continue;
            }
            files.insert(key, std::fs::read(entry.path()).unwrap());
        }
    }
    files
}

/// A line diff of `expected` and `actual`: unchanged lines with two spaces, removed ones with
/// `-`, added ones with `+`. Messages are a few dozen lines, so the quadratic longest common
/// subsequence is cheap, and a test helper needs no crate for it.
pub fn diff(expected: &str, actual: &str) -> String {
    diff_around(expected, actual, usize::MAX)
}

/// [`diff`] showing only `context` unchanged lines around each change; longer runs of
/// unchanged lines are shown as one line saying how many were left out.
pub fn diff_around(expected: &str, actual: &str, context: usize) -> String {
    let lines = diff_lines(expected, actual);
    let mut changed: Vec<usize> =
        lines.iter().enumerate().filter(|(_, (tag, _))| *tag != ' ').map(|(i, _)| i).collect();
    let final_line_end = expected.ends_with('\n') != actual.ends_with('\n');
    if final_line_end {
        changed.push(lines.len().saturating_sub(1));
    }
    let near =
        |i: usize| context == usize::MAX || changed.iter().any(|&c| c.abs_diff(i) <= context);
    let mut out = String::new();
    let mut skipped = 0;
    for (i, (tag, line)) in lines.iter().enumerate() {
        if *tag == ' ' && !near(i) {
            skipped += 1;
            continue;
        }
        if skipped > 0 {
            out.push_str(&format!("  … ({skipped} unchanged lines)\n"));
            skipped = 0;
        }
        out.push_str(&format!("{tag} {line}\n"));
    }
    if skipped > 0 {
        out.push_str(&format!("  … ({skipped} unchanged lines)\n"));
    }
    if final_line_end {
        out.push_str("(the two differ in the final line end)\n");
    }
    out
}

/// Every line of `expected` and `actual` in diff order, tagged ` `, `-` or `+`.
fn diff_lines<'a>(expected: &'a str, actual: &'a str) -> Vec<(char, &'a str)> {
    let a: Vec<&str> = expected.lines().collect();
    let b: Vec<&str> = actual.lines().collect();
    // common[i][j]: length of the longest common subsequence of a[i..] and b[j..].
    let mut common = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for i in (0..a.len()).rev() {
        for j in (0..b.len()).rev() {
            common[i][j] = if a[i] == b[j] {
                common[i + 1][j + 1] + 1
            } else {
                common[i + 1][j].max(common[i][j + 1])
            };
        }
    }
    let (mut i, mut j, mut out) = (0, 0, Vec::new());
    while i < a.len() || j < b.len() {
        if i < a.len() && j < b.len() && a[i] == b[j] {
            out.push((' ', a[i]));
            (i, j) = (i + 1, j + 1);
        } else if i < a.len() && (j == b.len() || common[i + 1][j] >= common[i][j + 1]) {
            out.push(('-', a[i]));
            i += 1;
        } else {
            out.push(('+', b[j]));
            j += 1;
        }
    }
    out
}

#[test]
fn diff_marks_removed_and_added_lines() {
    assert_eq!(diff("a\nb\nc\n", "a\nx\nc\n"), "  a\n- b\n+ x\n  c\n");
    assert_eq!(diff("a\n", "a\nb\n"), "  a\n+ b\n");
    assert_eq!(diff("a\n", "a"), "  a\n(the two differ in the final line end)\n");
}

#[test]
fn diff_around_leaves_out_unchanged_lines_far_from_a_change() {
    let expected = "1\n2\n3\n4\n5\n6\n7\n8\n";
    let actual = "1\n2\n3\n4\nfive\n6\n7\n8\n";
    assert_eq!(
        diff_around(expected, actual, 1),
        "  … (3 unchanged lines)\n  4\n- 5\n+ five\n  6\n  … (2 unchanged lines)\n"
    );
    assert_eq!(diff_around(expected, actual, usize::MAX), diff(expected, actual));
    assert_eq!(
        diff_around("1\n2\n3\n4\n", "1\n2\n3\n4", 1),
        "  … (2 unchanged lines)\n  3\n  4\n(the two differ in the final line end)\n"
    );
}
