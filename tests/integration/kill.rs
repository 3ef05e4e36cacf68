//! The kill test: builds of a site of a few thousand pages are stopped at random moments (kill -9
//! mostly, some SIGTERM and Ctrl-C), and every time the output must be exactly the previous site
//! or exactly the new one, and the next build must succeed, give the new site and leave no
//! staging folder.
//!
//! The moments are drawn by a seeded generator; the seed is printed, and `PCCC_KILL_SEED=<seed>
//! cargo test --test integration kill` replays a failure with the same moments (the build's own
//! speed still varies from run to run).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::publish::{AS_OF, Version, copy_tree, leftovers, write_version};
use crate::support::Site;

/// Pages of the generated site.
const PAGES: usize = 2000;

/// Builds stopped.
const KILLS: usize = 50;

/// Every entry under `dir`: files with their bytes, folders as `None`. pccc makes no links.
fn tree(dir: &Path) -> BTreeMap<String, Option<Vec<u8>>> {
    let mut entries = BTreeMap::new();
    for entry in walkdir::WalkDir::new(dir).min_depth(1) {
        let entry = entry.unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()));
        let name = entry.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
        // The build cache names the files' dates, which differ from build to build; the
        // bodies kept beside it are the cache's too.
        if pccc::output::CACHE_FILES.contains(&name.as_str()) {
            continue;
        }
        let kind = entry.file_type();
        assert!(!kind.is_symlink(), "a link in the output: {name}");
        let bytes = kind.is_file().then(|| std::fs::read(entry.path()).unwrap());
        entries.insert(name, bytes);
    }
    entries
}

/// What tells `now` apart from `expected`, for a failure message.
fn difference(
    now: &BTreeMap<String, Option<Vec<u8>>>,
    expected: &BTreeMap<String, Option<Vec<u8>>>,
) -> String {
    let missing: Vec<&String> = expected.keys().filter(|k| !now.contains_key(*k)).collect();
    let extra: Vec<&String> = now.keys().filter(|k| !expected.contains_key(*k)).collect();
    let changed: Vec<&String> = now
        .iter()
        .filter(|(k, v)| expected.get(*k).is_some_and(|e| e != *v))
        .map(|(k, _)| k)
        .collect();
    format!(
        "{} entries; {} missing (first {:?}), {} extra (first {:?}), {} with other bytes (first {:?})",
        now.len(),
        missing.len(),
        missing.first(),
        extra.len(),
        extra.first(),
        changed.len(),
        changed.first()
    )
}

/// splitmix64: a small seeded generator, enough to spread moments over a build.
struct Moments(u64);

impl Moments {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    /// A moment in `0..span`.
    fn within(&mut self, span: Duration) -> Duration {
        Duration::from_micros(self.next() % span.as_micros().max(1) as u64)
    }
}

fn seed() -> u64 {
    std::env::var("PCCC_KILL_SEED").ok().and_then(|s| s.parse().ok()).unwrap_or_else(|| {
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_nanos()
            as u64
    })
}

/// How a build is stopped.
#[derive(Debug, Clone, Copy)]
enum Stop {
    Kill,
    Term,
    Interrupt,
}

impl Stop {
    fn nth(i: usize) -> Stop {
        match i % 10 {
            3 => Stop::Term,
            7 => Stop::Interrupt,
            _ => Stop::Kill,
        }
    }

    fn send(self, child: &mut Child) {
        use rustix::process::{Pid, Signal, kill_process};
        let signal = match self {
            Stop::Kill => return child.kill().expect("kill -9"),
            Stop::Term => Signal::TERM,
            Stop::Interrupt => Signal::INT,
        };
        // The build may have ended already; it is not reaped before `wait`, so this cannot
        // reach another process.
        kill_process(Pid::from_child(child), signal).expect("send the signal");
    }

    /// The exit status and the start of the line a build stopped cleanly gives.
    fn clean_exit(self) -> Option<(i32, &'static str)> {
        match self {
            Stop::Kill => None,
            Stop::Term => Some((143, "Đã dừng (SIGTERM)")),
            Stop::Interrupt => Some((130, "Đã dừng (Ctrl-C)")),
        }
    }
}

/// The site with the content of `version` in `content/` (the other version waits beside it).
struct Switcher {
    site: Site,
    current: Version,
}

impl Switcher {
    fn new() -> Switcher {
        let site = Site::fixture("good");
        site.edit("site.toml", "paginate_by = 2", "paginate_by = 20");
        let content = site.path("content");
        copy_tree(&content, &site.path("content-b"));
        write_version(&content, PAGES, Version::A);
        write_version(&site.path("content-b"), PAGES, Version::B);
        Switcher { site, current: Version::A }
    }

    fn put(&mut self, version: Version) {
        if version != self.current {
            let (content, waiting) = (self.site.path("content"), self.site.path("content-b"));
            let aside = self.site.path("content-doi");
            std::fs::rename(&content, &aside).unwrap();
            std::fs::rename(&waiting, &content).unwrap();
            std::fs::rename(&aside, &waiting).unwrap();
            self.current = version;
        }
    }

    fn start(&self) -> Child {
        Command::new(env!("CARGO_BIN_EXE_pccc"))
            .args(["build", "--as-of", AS_OF])
            .current_dir(self.site.root())
            .env_clear()
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start pccc")
    }

    fn output(&self) -> PathBuf {
        self.site.path("public")
    }
}

/// Whether `status` is the end of a build stopped by `stop`; `stderr` is what it printed.
fn stopped_as_expected(stop: Stop, status: ExitStatus, stderr: &str) -> bool {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal(), stop.clean_exit()) {
        (Some(0), _, _) => true,
        // Killed, or stopped before pccc listened for the signal (nothing written yet).
        (None, Some(_), _) => true,
        (Some(code), _, Some((expected, line))) => code == expected && stderr.starts_with(line),
        _ => false,
    }
}

#[test]
fn a_build_stopped_at_any_moment_leaves_the_old_site_or_the_new_one() {
    let seed = seed();
    eprintln!("kill test seed: {seed} (replay: PCCC_KILL_SEED={seed})");
    let mut moments = Moments(seed);
    let started = Instant::now();
    let mut site = Switcher::new();
    site.put(Version::B);
    site.site.build(AS_OF);
    let b = tree(&site.output());
    std::fs::remove_dir_all(site.output()).unwrap();
    site.put(Version::A);
    site.site.build(AS_OF);
    let a = tree(&site.output());
    assert!(a.len() > 2 * PAGES && a != b, "{} entries", a.len());

    // How long a whole build of the other version over this one takes: the span of the
    // moments, measured again at each next build (the machine's load changes).
    site.put(Version::B);
    let timed = Instant::now();
    assert!(site.start().wait().unwrap().success());
    let mut span = timed.elapsed();
    assert!(tree(&site.output()) == b);

    let mut outcomes = BTreeMap::<&str, usize>::new();
    for i in 0..KILLS {
        // B over A, then A over B: each way changes, adds and deletes pages.
        let (old, new, to) = if i % 2 == 0 { (&b, &a, Version::A) } else { (&a, &b, Version::B) };
        site.put(to);
        let stop = Stop::nth(i);
        let moment = moments.within(span);
        let mut child = site.start();
        std::thread::sleep(moment);
        stop.send(&mut child);
        let run = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&run.stderr);
        let context = format!("stop {i} ({stop:?} at {moment:?} of {span:?}, seed {seed})");
        assert!(
            stopped_as_expected(stop, run.status, &stderr),
            "{context}: {:?} {stderr}",
            run.status
        );
        let now = tree(&site.output());
        let outcome = if now == *old {
            "old site"
        } else if run.status.success() {
            "finished before the stop"
        } else if now == *new {
            "new site"
        } else {
            panic!("{context}: the output is neither site: {}", difference(&now, new));
        };
        *outcomes.entry(outcome).or_default() += 1;
        if stop.clean_exit().is_some_and(|(code, _)| run.status.code() == Some(code)) {
            assert_eq!(leftovers(&site.output()), Vec::<String>::new(), "{context}");
        }

        let timed = Instant::now();
        let next = site.site.pccc(&["build", "--as-of", AS_OF]);
        if outcome == "old site" {
            span = timed.elapsed();
        }
        assert!(next.success, "{context}: the next build failed: {}", next.stderr);
        assert!(
            tree(&site.output()) == *new,
            "{context}: the next build: {}",
            difference(&tree(&site.output()), new)
        );
        assert_eq!(leftovers(&site.output()), Vec::<String>::new(), "{context}");
    }
    eprintln!(
        "{KILLS} builds stopped in {:?} (the last whole build: {span:?}): {outcomes:?}",
        started.elapsed()
    );
}
