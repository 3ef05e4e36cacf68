//! Watching the site's sources: notify's events, debounced, classified into a [`ChangeSet`].
//!
//! Folders are watched, never single files, because editors save atomically (write a temporary
//! file, then rename it over the original), which would end a watch on the file itself. One
//! save fires several events (truncate, write, rename); they are gathered until the files have
//! been quiet for a moment, so one save means one rebuild. Temporary and backup files of
//! editors are ignored, and so are the output folder and everything outside the site's sources.
//!
//! A file `site.toml` names outside those folders (the map's outline, `[map] outline`) is
//! followed too: [`SiteWatcher::follow`] watches its folder, and a change of it, or of a folder
//! on its way, reads everything again, as a change of `site.toml` does.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::diagnostic::Diagnostic;

/// How long the files must be quiet before a rebuild starts. Short, so a save shows quickly;
/// long enough to gather the events of one save.
const QUIET: Duration = Duration::from_millis(10);
/// The longest a rebuild waits while events keep coming.
const MAX_WAIT: Duration = Duration::from_millis(400);

/// Top-level folders of a site whose changes matter.
const WATCHED_DIRS: [&str; 4] = ["content", "templates", "static", "themes"];

/// What changed since the last build, by kind of source.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ChangeSet {
    /// Files under `content/`, relative to the site root.
    pub content: BTreeSet<PathBuf>,
    /// A template of the site or the theme changed.
    pub templates: bool,
    /// A static file of the site or the theme changed.
    pub statics: bool,
    /// `site.toml` or a file it names changed, or events were lost: everything must be read
    /// again.
    pub everything: bool,
}

impl ChangeSet {
    /// Whether nothing that matters changed.
    pub fn is_empty(&self) -> bool {
        self.content.is_empty() && !self.templates && !self.statics && !self.everything
    }
}

/// Sorts changed paths (absolute) into a change set for the site at `root`, where `site.toml`
/// names the files `named` (relative to `root`: the map's outline). Templates and static files
/// of any theme count, so a change of `theme` in site.toml needs no new watch.
pub fn classify(root: &Path, paths: &BTreeSet<PathBuf>, named: &[PathBuf]) -> ChangeSet {
    let mut set = ChangeSet::default();
    for path in paths {
        let Ok(rel) = path.strip_prefix(root) else { continue };
        if rel.components().any(|c| crate::load::is_ignored(c.as_os_str())) {
            continue;
        }
        // The file itself, or a folder on its way created, removed or renamed.
        if named.iter().any(|file| file.starts_with(rel)) {
            set.everything = true;
            continue;
        }
        let mut parts = rel.components().map(|c| c.as_os_str().to_string_lossy());
        match parts.next().as_deref() {
            Some(crate::config::FILE_NAME) if rel.components().count() == 1 => {
                set.everything = true
            }
            Some("content") => {
                set.content.insert(rel.to_path_buf());
            }
            Some("templates") => set.templates = true,
            Some("static") => set.statics = true,
            Some("themes") => match (parts.next(), parts.next().as_deref()) {
                (Some(_), Some("templates" | "theme.toml")) => set.templates = true,
                (Some(_), Some("static")) => set.statics = true,
                _ => {}
            },
            _ => {}
        }
    }
    set
}

/// Watches the site at `root` until the receiving side of `changes` is dropped.
pub struct SiteWatcher {
    watcher: Box<dyn Watcher + Send>,
    root: PathBuf,
    /// The files `site.toml` names, relative to the root, shared with the debouncer.
    named: Arc<Mutex<Vec<PathBuf>>>,
    /// Folders watched for them, beside the root and the watched folders.
    followed: BTreeSet<PathBuf>,
}

impl SiteWatcher {
    /// Follows the files `site.toml` names now (relative to the root): the nearest existing
    /// folder of each is watched, unless it already is (the root, or a watched folder), so a
    /// save of the file, or its creation, rebuilds everything.
    pub fn follow(&mut self, named: &[PathBuf]) {
        if let Ok(mut shared) = self.named.lock() {
            *shared = named.to_vec();
        }
        for file in named {
            let mut folder = self.root.join(file);
            folder.pop();
            while !folder.is_dir() && folder.pop() {}
            let Ok(rel) = folder.strip_prefix(&self.root) else { continue };
            let watched =
                rel.as_os_str().is_empty() || WATCHED_DIRS.iter().any(|dir| rel.starts_with(dir));
            if !watched && self.followed.insert(folder.clone()) {
                // A folder that cannot be watched only loses live reload for the file.
                let _ = self.watcher.watch(&folder, RecursiveMode::NonRecursive);
            }
        }
    }
}

/// Starts watching. Change sets arrive on the returned channel, debounced.
pub fn watch(root: &Path) -> Result<(SiteWatcher, Receiver<ChangeSet>), Diagnostic> {
    let (raw_tx, raw_rx) = mpsc::channel::<RawEvent>();
    let watcher = start(root, raw_tx)?;
    let (tx, rx) = mpsc::channel();
    let named = Arc::new(Mutex::new(Vec::new()));
    let shared = Arc::clone(&named);
    let root = root.to_path_buf();
    let debounced = root.clone();
    std::thread::Builder::new()
        .name("pccc-watch".into())
        .spawn(move || debounce(&debounced, &raw_rx, &tx, &shared))
        .map_err(|e| crate::diagnostic::io_error(Path::new("."), "khởi động theo dõi tệp", &e))?;
    Ok((SiteWatcher { watcher, root, named, followed: BTreeSet::new() }, rx))
}

enum RawEvent {
    Paths(Vec<PathBuf>),
    Rescan,
}

fn start(root: &Path, tx: Sender<RawEvent>) -> Result<Box<dyn Watcher + Send>, Diagnostic> {
    let handler = move |result: notify::Result<notify::Event>| {
        use notify::EventKind;
        use notify::event::ModifyKind;
        let event = match result {
            Ok(event) if event.need_rescan() => RawEvent::Rescan,
            // Reading a file (as every build does) and touching its metadata change nothing.
            Ok(event)
                if matches!(
                    event.kind,
                    EventKind::Access(_) | EventKind::Modify(ModifyKind::Metadata(_))
                ) =>
            {
                return;
            }
            Ok(event) => RawEvent::Paths(event.paths),
            Err(_) => RawEvent::Rescan,
        };
        let _ = tx.send(event);
    };
    let mut watcher: Box<dyn Watcher + Send> =
        match RecommendedWatcher::new(handler.clone(), notify::Config::default()) {
            Ok(w) => Box::new(w),
            Err(_) => Box::new(poll_watcher(handler.clone())?),
        };
    match add_watches(watcher.as_mut(), root) {
        Ok(()) => Ok(watcher),
        Err(e) if matches!(e.kind, notify::ErrorKind::MaxFilesWatch) => {
            eprintln!(
                "cảnh báo: hệ điều hành không cho theo dõi thêm thư mục (giới hạn inotify); \
                 chuyển sang kiểm tra định kỳ. Có thể nâng giới hạn bằng: \
                 sudo sysctl fs.inotify.max_user_watches=524288"
            );
            let mut poll: Box<dyn Watcher + Send> = Box::new(poll_watcher(handler)?);
            add_watches(poll.as_mut(), root).map_err(|e| watch_error(root, &e))?;
            Ok(poll)
        }
        Err(e) => Err(watch_error(root, &e)),
    }
}

fn poll_watcher(handler: impl notify::EventHandler) -> Result<notify::PollWatcher, Diagnostic> {
    let config = notify::Config::default().with_poll_interval(Duration::from_millis(500));
    notify::PollWatcher::new(handler, config).map_err(|e| watch_error(Path::new("."), &e))
}

fn add_watches(watcher: &mut (dyn Watcher + Send), root: &Path) -> notify::Result<()> {
    // The root itself only for site.toml and for watched folders created later.
    watcher.watch(root, RecursiveMode::NonRecursive)?;
    for dir in WATCHED_DIRS {
        let path = root.join(dir);
        if path.is_dir() {
            watcher.watch(&path, RecursiveMode::Recursive)?;
        }
    }
    Ok(())
}

fn watch_error(root: &Path, e: &notify::Error) -> Diagnostic {
    Diagnostic::error(root, "không theo dõi được các tệp của trang")
        .note(format!("hệ thống báo: {}", crate::explain::watch_error(e)))
}

fn debounce(
    root: &Path,
    raw: &Receiver<RawEvent>,
    tx: &Sender<ChangeSet>,
    named: &Mutex<Vec<PathBuf>>,
) {
    while let Ok(first) = raw.recv() {
        let mut paths = BTreeSet::new();
        let mut rescan = false;
        let mut take = |event: RawEvent| match event {
            RawEvent::Paths(list) => paths.extend(list),
            RawEvent::Rescan => rescan = true,
        };
        take(first);
        let started = Instant::now();
        let mut quiet_until = started + QUIET;
        loop {
            let now = Instant::now();
            let deadline = quiet_until.min(started + MAX_WAIT);
            if now >= deadline {
                break;
            }
            match raw.recv_timeout(deadline - now) {
                Ok(event) => {
                    take(event);
                    quiet_until = Instant::now() + QUIET;
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return,
            }
        }
        let named = named.lock().map(|n| n.clone()).unwrap_or_default();
        let mut set = classify(root, &paths, &named);
        // A watched folder created after the start (templates/, static/) needs a full look.
        let new_top = paths.iter().any(|p| p.parent() == Some(root) && p.is_dir());
        set.everything |= rescan || new_top;
        if !set.is_empty() && tx.send(set).is_err() {
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(paths: &[&str]) -> ChangeSet {
        let root = Path::new("/site");
        let paths = paths.iter().map(|p| root.join(p)).collect();
        classify(root, &paths, &[PathBuf::from("du-lieu/ranh-gioi.geojson")])
    }

    #[test]
    fn classifies_by_folder() {
        let c = set(&["content/bai-viet/a.md", "content/bai-viet/anh.jpg"]);
        assert_eq!(c.content.len(), 2);
        assert!(!c.templates && !c.statics && !c.everything);
        assert!(set(&["themes/mac-dinh/templates/page.html"]).templates);
        assert!(set(&["templates/page.html"]).templates);
        assert!(set(&["themes/mac-dinh/static/style.css"]).statics);
        assert!(set(&["static/logo.svg"]).statics);
        assert!(set(&["site.toml"]).everything);
    }

    #[test]
    fn a_file_site_toml_names_and_the_folders_on_its_way_read_everything() {
        for path in ["du-lieu/ranh-gioi.geojson", "du-lieu"] {
            let c = set(&[path]);
            assert!(c.everything && c.content.is_empty(), "{path}: {c:?}");
        }
        assert!(set(&["du-lieu/khac.geojson"]).is_empty());
        assert!(set(&["du-lieu/.ranh-gioi.geojson.swp"]).is_empty());
    }

    #[test]
    fn ignores_outputs_and_editor_files() {
        for path in [
            "public/index.html",
            "themes/README.md",
            "content/bai-viet/.a.md.swp",
            "content/bai-viet/a.md~",
            "content/bai-viet/#a.md#",
            "content/bai-viet/4913",
            "content/.git/x",
            "target/debug/pccc",
            "Cargo.toml",
            "content/bai-viet/a.md___jb_tmp___",
        ] {
            assert!(set(&[path]).is_empty(), "{path}");
        }
    }
}
