//! The bad-input corpus: every folder of `tests/corpus/` is one mistake an editor can make
//! (see `tests/corpus/README.md` for the format). For each case the base site is built once
//! (the "previous output"), the case's files are laid over a copy of it, and `pccc build` and
//! `pccc check` must both refuse it with exactly the expected exit code and message, leave the
//! previous output byte for byte as it was, and leave nothing behind (no staging folder).
//!
//! Every case runs, on all cores, and every failing case is reported at once with a line diff.
//! `PCCC_BLESS=1 cargo test --test integration corpus` rewrites the expected files from what
//! pccc prints now; `PCCC_CORPUS=<text>` runs only the cases whose name contains the text.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

use serde::Deserialize;

use crate::support::{Run, Site, diff, snapshot};

/// The day every case is built on, unless its `case.toml` says otherwise.
const AS_OF: &str = "2026-11-28";

/// What stands for the site's temporary folder in expected messages.
const SITE_TOKEN: &str = "<site>";

/// The files of a case folder.
const SPEC: &str = "case.toml";
const STDERR: &str = "stderr.txt";
const OVERLAY: &str = "site";

/// `case.toml`.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Spec {
    /// The mistake, in one line, for whoever reads the case.
    mistake: String,
    /// The site the case starts from: a folder of `tests/fixtures/`, or `ward`.
    base: String,
    /// The build's day (`--as-of`).
    #[serde(default)]
    as_of: Option<String>,
    /// Files or folders of the base site the case deletes.
    #[serde(default)]
    remove: Vec<String>,
    /// Symbolic links the case makes, after its files are laid over the site: the link's path
    /// in the site, and what it points to, relative to the link's folder (`ln -s target path`).
    #[serde(default)]
    links: BTreeMap<String, String>,
    /// The exit code pccc must end with.
    #[serde(default)]
    exit_code: Option<i32>,
}

/// One case: its folder and its spec.
struct Case {
    name: String,
    dir: PathBuf,
    spec: Spec,
}

impl Case {
    fn as_of(&self) -> &str {
        self.spec.as_of.as_deref().unwrap_or(AS_OF)
    }
}

/// What running a case gave.
struct Outcome {
    /// pccc build's stderr, the site's folder replaced by [`SITE_TOKEN`].
    stderr: String,
    code: Option<i32>,
    /// Everything that went wrong, each a readable paragraph.
    failures: Vec<String>,
}

fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus")
}

#[test]
fn every_case() {
    let bless = std::env::var_os("PCCC_BLESS").is_some_and(|v| v != "0");
    let only = std::env::var("PCCC_CORPUS").ok();
    let (cases, mut failures) = read_cases(only.as_deref());
    let bases = build_bases(&cases);
    let outcomes = run_all(&cases, &bases);
    for (case, outcome) in cases.iter().zip(outcomes) {
        let mut problems = outcome.failures;
        if bless && outcome.code != Some(0) {
            bless_case(case, &outcome.stderr, outcome.code);
        } else if !bless {
            problems.extend(compare(case, &outcome.stderr, outcome.code));
        }
        if !problems.is_empty() {
            failures.push(format!(
                "=== {} ({})\n{}",
                case.name,
                case.spec.mistake,
                problems.join("\n")
            ));
        }
    }
    if only.is_none() && cases.len() < 100 {
        failures.push(format!("the corpus should hold at least 100 cases, it has {}", cases.len()));
    }
    assert!(
        failures.is_empty(),
        "{} problems in {} corpus cases{}:\n\n{}",
        failures.len(),
        cases.len(),
        if bless { "" } else { " (after a deliberate message change: PCCC_BLESS=1)" },
        failures.join("\n\n")
    );
}

/// Every case folder, sorted by name, and the problems of folders that are not valid cases.
fn read_cases(only: Option<&str>) -> (Vec<Case>, Vec<String>) {
    let mut cases = Vec::new();
    let mut problems = Vec::new();
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(corpus_dir())
        .expect("tests/corpus")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        if only.is_some_and(|text| !name.contains(text)) {
            continue;
        }
        match read_case(&dir) {
            // Symbolic links are made on Unix systems only.
            Ok(spec) if !cfg!(unix) && !spec.links.is_empty() => {}
            Ok(spec) => cases.push(Case { name, dir, spec }),
            Err(e) => problems.push(format!("=== {name}\n{e}")),
        }
    }
    (cases, problems)
}

fn read_case(dir: &Path) -> Result<Spec, String> {
    for entry in std::fs::read_dir(dir).map_err(|e| e.to_string())?.flatten() {
        let file = entry.file_name().to_string_lossy().into_owned();
        if ![SPEC, STDERR, OVERLAY].contains(&file.as_str()) {
            return Err(format!(
                "unexpected `{file}`: a case holds {SPEC}, {STDERR} and {OVERLAY}/"
            ));
        }
    }
    let text = std::fs::read_to_string(dir.join(SPEC)).map_err(|e| format!("{SPEC}: {e}"))?;
    let spec: Spec = toml::from_str(&text).map_err(|e| format!("{SPEC}: {e}"))?;
    let known = spec.base == "ward" || fixture(&spec.base).is_dir();
    if !known {
        return Err(format!("{SPEC}: no base site `{}`", spec.base));
    }
    let outside = |r: &String| Path::new(r).is_absolute() || r.contains("..");
    if let Some(bad) = spec.remove.iter().find(|r| outside(r)) {
        return Err(format!("{SPEC}: `{bad}` in remove is not a path inside the site"));
    }
    if let Some(bad) = spec.links.keys().find(|r| outside(r)) {
        return Err(format!("{SPEC}: `{bad}` in links is not a path inside the site"));
    }
    // A link may lead out of its folder, or nowhere, but not to a path of this computer: the
    // message would then depend on the machine that runs the test.
    if let Some(bad) = spec.links.values().find(|t| Path::new(t).is_absolute()) {
        return Err(format!("{SPEC}: `{bad}` in links is an absolute path; write it relative"));
    }
    if spec.exit_code == Some(0) {
        return Err(format!("{SPEC}: exit_code 0: the corpus holds input pccc must refuse"));
    }
    Ok(spec)
}

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name)
}

/// Each base site the cases use, built once on each day they use: cases start from a copy.
fn build_bases(cases: &[Case]) -> BTreeMap<(String, String), Site> {
    let wanted: BTreeSet<(String, String)> =
        cases.iter().map(|c| (c.spec.base.clone(), c.as_of().to_string())).collect();
    wanted
        .into_iter()
        .map(|(base, as_of)| {
            let site = base_site(&base);
            site.build(&as_of);
            ((base, as_of), site)
        })
        .collect()
}

/// A fixture (with the repository's themes when it has none of its own), or the ward's site.
fn base_site(base: &str) -> Site {
    if base == "ward" { Site::ward() } else { Site::fixture(base) }
}

/// Runs every case, as many at once as there are cores.
fn run_all(cases: &[Case], bases: &BTreeMap<(String, String), Site>) -> Vec<Outcome> {
    let next = AtomicUsize::new(0);
    let done: Mutex<Vec<(usize, Outcome)>> = Mutex::new(Vec::new());
    let workers = std::thread::available_parallelism().map_or(2, |n| n.get());
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(case) = cases.get(i) else { break };
                    let base = &bases[&(case.spec.base.clone(), case.as_of().to_string())];
                    let outcome = run_case(case, base);
                    done.lock().unwrap().push((i, outcome));
                }
            });
        }
    });
    let mut done = done.into_inner().unwrap();
    done.sort_by_key(|(i, _)| *i);
    done.into_iter().map(|(_, outcome)| outcome).collect()
}

/// Files with their bytes, and folders, of a whole site.
#[derive(PartialEq)]
struct Tree {
    files: BTreeMap<String, Vec<u8>>,
    dirs: BTreeSet<String>,
}

impl Tree {
    fn of(root: &Path) -> Tree {
        let dirs = walkdir::WalkDir::new(root)
            .min_depth(1)
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_dir())
            .map(|e| e.path().strip_prefix(root).unwrap().to_string_lossy().into_owned())
            .collect();
        Tree { files: snapshot(root), dirs }
    }

    /// What changed from `self` to `after`, one line each.
    fn changes(&self, after: &Tree) -> Vec<String> {
        let mut lines = Vec::new();
        for (path, bytes) in &after.files {
            match self.files.get(path) {
                None => lines.push(format!("  new file {path}")),
                Some(old) if old != bytes => lines.push(format!("  changed {path}")),
                Some(_) => {}
            }
        }
        lines.extend(
            self.files
                .keys()
                .filter(|p| !after.files.contains_key(*p))
                .map(|p| format!("  deleted {p}")),
        );
        lines.extend(after.dirs.difference(&self.dirs).map(|d| format!("  new folder {d}/")));
        lines.extend(self.dirs.difference(&after.dirs).map(|d| format!("  deleted folder {d}/")));
        lines
    }
}

fn run_case(case: &Case, base: &Site) -> Outcome {
    let site = base.copy();
    let previous = site.snapshot("public");
    let mut failures = Vec::new();
    for rel in &case.spec.remove {
        let path = site.path(rel);
        let removed = if path.is_dir() {
            std::fs::remove_dir_all(&path)
        } else {
            std::fs::remove_file(&path)
        };
        if let Err(e) = removed {
            failures.push(format!("cannot remove {rel}: {e}"));
        }
    }
    let overlay = case.dir.join(OVERLAY);
    for (rel, bytes) in snapshot(&overlay) {
        site.write(&rel, bytes);
    }
    for (rel, target) in &case.spec.links {
        if let Err(e) = symlink(target, &site.path(rel)) {
            failures.push(format!("cannot make the link {rel} -> {target}: {e}"));
        }
    }
    let before = Tree::of(site.root());
    let as_of = case.as_of();
    let build = site.pccc(&["build", "--as-of", as_of]);
    let stderr = tokenise(&build.stderr, site.root());
    failures.extend(refused(&build, "build"));
    if site.snapshot("public") != previous {
        failures.push("the previous output was changed".to_string());
    }
    let after = Tree::of(site.root());
    if after != before {
        failures.push(format!(
            "the build left the site changed:\n{}",
            before.changes(&after).join("\n")
        ));
    }
    let check = site.pccc(&["check", "--as-of", as_of]);
    failures.extend(refused(&check, "check"));
    let check_stderr = tokenise(&check.stderr, site.root());
    if (check.code, &check_stderr) != (build.code, &stderr) {
        failures.push(format!(
            "`pccc check` reports otherwise than `pccc build` (exit {:?}, build {:?}):\n{}",
            check.code,
            build.code,
            diff(&stderr, &check_stderr)
        ));
    }
    let after_check = Tree::of(site.root());
    if after_check != after {
        failures.push(format!(
            "`pccc check` changed the site:\n{}",
            after.changes(&after_check).join("\n")
        ));
    }
    Outcome { stderr, code: build.code, failures }
}

/// Makes the symbolic link `path` to `target`, and the folders it is in.
#[cfg(unix)]
fn symlink(target: &str, path: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(path.parent().expect("a path inside the site"))?;
    std::os::unix::fs::symlink(target, path)
}

#[cfg(not(unix))]
fn symlink(_: &str, _: &Path) -> std::io::Result<()> {
    Err(std::io::Error::other("symbolic links are made on Unix systems only"))
}

/// What is wrong with a run that should have refused the input.
fn refused(run: &Run, command: &str) -> Vec<String> {
    let mut failures = Vec::new();
    if run.success {
        failures.push(format!("`pccc {command}` succeeded; this input must be refused"));
    }
    if !run.stdout.is_empty() {
        failures.push(format!("`pccc {command}` printed on stdout:\n{}", run.stdout));
    }
    failures
}

/// `text` with the site's temporary folder written as [`SITE_TOKEN`], so it does not change
/// from run to run.
fn tokenise(text: &str, root: &Path) -> String {
    let mut text = text.to_string();
    let canonical = std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf());
    for path in [canonical, root.to_path_buf()] {
        text = text.replace(&path.display().to_string(), SITE_TOKEN);
    }
    text
}

/// The case's expected exit code and stderr against what pccc did.
fn compare(case: &Case, stderr: &str, code: Option<i32>) -> Vec<String> {
    let mut failures = Vec::new();
    match case.spec.exit_code {
        None => {
            failures.push(format!("{SPEC} has no exit_code (run with PCCC_BLESS=1 to record it)"))
        }
        Some(expected) if Some(expected) != code => {
            failures.push(format!("exit code {code:?}, expected {expected}"))
        }
        Some(_) => {}
    }
    match std::fs::read_to_string(case.dir.join(STDERR)) {
        Ok(expected) if expected == stderr => {}
        Ok(expected) => failures.push(format!(
            "stderr differs from {STDERR} (- expected, + actual):\n{}",
            diff(&expected, stderr)
        )),
        Err(_) => failures.push(format!("no {STDERR} (run with PCCC_BLESS=1 to record it)")),
    }
    failures
}

/// Writes what pccc printed as the case's expectation.
fn bless_case(case: &Case, stderr: &str, code: Option<i32>) {
    std::fs::write(case.dir.join(STDERR), stderr).expect("write stderr.txt");
    let path = case.dir.join(SPEC);
    let text = std::fs::read_to_string(&path).expect("read case.toml");
    std::fs::write(&path, with_exit_code(&text, code.unwrap_or(-1))).expect("write case.toml");
}

/// `case.toml`'s text with `exit_code = code` in place of any it had: with the other keys,
/// before the first table (`[links]`) and the blank lines that part it from them, since a key
/// written after a table's header belongs to that table.
fn with_exit_code(text: &str, code: i32) -> String {
    let mut lines: Vec<&str> =
        text.lines().filter(|l| !l.trim_start().starts_with("exit_code")).collect();
    let table = lines.iter().position(|l| l.trim_start().starts_with('[')).unwrap_or(lines.len());
    let at = lines[..table].iter().rposition(|l| !l.trim().is_empty()).map_or(0, |i| i + 1);
    let line = format!("exit_code = {code}");
    lines.insert(at, &line);
    lines.join("\n") + "\n"
}

#[test]
fn the_exit_code_is_written_before_any_table() {
    assert_eq!(
        with_exit_code("mistake = \"m\"\nbase = \"good\"\n", 1),
        "mistake = \"m\"\nbase = \"good\"\nexit_code = 1\n"
    );
    assert_eq!(
        with_exit_code("base = \"good\"\nexit_code = 2\n\n[links]\n\"a\" = \"b\"\n", 1),
        "base = \"good\"\nexit_code = 1\n\n[links]\n\"a\" = \"b\"\n"
    );
}

#[test]
fn a_staging_folder_left_behind_is_a_change() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("public")).unwrap();
    std::fs::write(dir.path().join("public/index.html"), "cũ").unwrap();
    let before = Tree::of(dir.path());
    std::fs::create_dir(dir.path().join(".public.dang-dung-4242")).unwrap();
    std::fs::write(dir.path().join("public/index.html"), "mới").unwrap();
    let after = Tree::of(dir.path());
    assert!(before != after);
    assert_eq!(
        before.changes(&after),
        ["  changed public/index.html", "  new folder .public.dang-dung-4242/"]
    );
}
