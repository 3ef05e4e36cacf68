//! The write stage. A build writes its output into a staging folder and puts it in place only
//! when the whole build succeeded, so a build that fails at any point leaves the previous output
//! untouched, and one that is stopped at any point (kill -9, Ctrl-C, a power cut) leaves either
//! the previous output or the new one, whole. Nothing is ever written outside the output folder
//! and the staging folder beside it. The output folder is the place [`target::resolve`] found and
//! allowed: symbolic links already followed, and never the site's sources or a folder pccc did
//! not make. Every output folder holds pccc's [`target::MARKER`] file.
//!
//! The staging folder (`.public.dang-dung-<pid>`, beside the output) receives the complete new
//! tree: a file whose bytes the previous output already has is a hard link to that file (the
//! same inode: nothing copied, its date kept, which keeps web caches valid), any other file a new
//! file. No file is ever written in place, so the previous output never changes through a shared
//! inode. `publish::switch` then exchanges the two folders in one step and keeps the old one
//! beside the output (`.public.ban-truoc`). The next build moves that tree to its staging folder
//! and makes it into the new output ([`Place::Reused`]) instead of making every folder and link
//! again: a file that already holds the new bytes stays, any other is replaced by a link or a new
//! file renamed over it (its old inode may be one the output shares), and what the new output
//! lacks is deleted. Nothing in that tree is trusted without reading it: its files are compared
//! byte for byte, links in it are replaced, never followed, and a kept tree that is a link or
//! lacks the marker is not used.
//!
//! Staging folders of builds that died are removed by the next build (`lock`); Ctrl-C and
//! SIGTERM remove the current one ([`interrupt`]).
//!
//! Where the output cannot be switched whole (its parent folder may not be written, or it is a
//! mount point; see [`InPlace`]), the staging folder is made inside the output and receives only
//! the files whose bytes changed, which are then moved over the old ones one by one, and the
//! files no longer produced deleted. That update is not atomic: a build killed during it leaves
//! old and new files mixed until the next build. The build says so in a warning.

pub mod compress;
pub mod interrupt;
mod lock;
mod publish;
pub mod target;

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use crate::diagnostic::{Diagnostic, Problems};
use crate::view::{Content, Output};

/// What a write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files in the new output.
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
    /// Files kept from the previous output, because it had the same bytes: linked into the new
    /// tree, or left where they were by an update in place.
    pub unchanged: usize,
    /// Set when the output was updated file by file instead of switched whole, with the reason.
    pub in_place: Option<InPlace>,
}

/// Why an output was updated file by file in place instead of switched whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InPlace {
    /// The folder holding the output may not be written, so nothing can be made beside it: a
    /// web root the editor owns in a folder that belongs to the system (`/var/www/phuong`).
    ParentReadOnly,
    /// The output folder is a mount point, which cannot be renamed.
    MountPoint,
}

impl InPlace {
    /// The warning a build that updated `output_dir` in place gives, saying what to change.
    pub fn warning(self, output_dir: &Path) -> Diagnostic {
        let parent = output_dir.parent().unwrap_or(output_dir);
        let (why, help) = match self {
            InPlace::ParentReadOnly => (
                format!("pccc không được ghi vào `{}`, thư mục chứa thư mục xuất", parent.display()),
                format!(
                    "cho người dựng trang quyền ghi vào `{}`, để pccc dựng bản mới bên cạnh rồi thay cả thư mục trong một bước",
                    parent.display()
                ),
            ),
            InPlace::MountPoint => (
                "thư mục xuất là một điểm gắn ổ đĩa (mount point), không đổi tên được".to_string(),
                "gắn ổ vào thư mục cha rồi cho output_dir trỏ tới một thư mục con trong đó, để pccc thay cả thư mục trong một bước".to_string(),
            ),
        };
        Diagnostic::warning(
            output_dir,
            format!(
                "{why}, nên bản mới được chép đè từng tệp một: nếu lần dựng bị ngắt giữa chừng (mất điện, kill -9), trang có thể lẫn tệp cũ và mới cho tới lần dựng sau"
            ),
        )
        .help(help)
    }
}

/// Whether the output in `output_dir` holds exactly the files of `expected`, each with its
/// stamp: nothing deleted, added or changed since the build that listed them. The marker, the
/// cache's folder and the staging folders of builds under way are not the output's files.
pub fn as_written(output_dir: &Path, expected: &std::collections::HashMap<&str, Stamp>) -> bool {
    use std::sync::atomic::{AtomicUsize, Ordering};
    let build_file = |relative: &str| {
        !relative.contains('/')
            && (relative == target::MARKER
                || Some(relative) == CACHE.split('/').next()
                || lock::is_inside(relative))
    };
    let same = AtomicUsize::new(0);
    let turned_away = walk(output_dir, &|relative, found| match found {
        Found::Folder => !build_file(relative),
        Found::Other(entry) => {
            build_file(relative)
                || expected.get(relative).is_some_and(|stamp| {
                    let meta = entry.metadata().ok();
                    let kept = meta.as_ref().and_then(Stamp::of_metadata) == Some(*stamp);
                    same.fetch_add(usize::from(kept), Ordering::Relaxed);
                    kept
                })
        }
    });
    // Only the build's own folders may be turned away, and every expected file found as it was.
    turned_away.is_ok_and(|turned| turned.iter().all(|(_, folder)| *folder))
        && same.into_inner() == expected.len()
}

/// An entry of a tree [`walk`] meets: a folder, or anything else, whose metadata (not through
/// a link) costs a system call per file, asked only where needed: pruning a reused tree of
/// 50,000 files needs names alone.
enum Found<'a> {
    Folder,
    Other(&'a std::fs::DirEntry),
}

/// Walks the tree at `dir` without following links, its folders read on every core, asking
/// `keep` of each entry with its path relative to `dir` (`/` between the parts): a folder it
/// turns away is not entered. Returns each entry turned away, with whether it is a folder; the
/// first folder that cannot be read stops the walk. Files are looked at through the folder
/// they were listed from (`fstatat`), not by a path from the root: an output's 50,000 files
/// took 0.3 s walked and then looked at one by one, most of the time a build with nothing to
/// do takes.
fn walk(
    dir: &Path,
    keep: &(dyn Fn(&str, Found<'_>) -> bool + Sync),
) -> Result<Vec<(PathBuf, bool)>, (PathBuf, std::io::Error)> {
    walk_below(dir, "", keep)
}

fn walk_below(
    dir: &Path,
    prefix: &str,
    keep: &(dyn Fn(&str, Found<'_>) -> bool + Sync),
) -> Result<Vec<(PathBuf, bool)>, (PathBuf, std::io::Error)> {
    use rayon::prelude::*;
    let failed = |e| (dir.to_path_buf(), e);
    let mut turned_away = Vec::new();
    let mut folders = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(failed)? {
        let entry = entry.map_err(failed)?;
        let relative = format!("{prefix}{}", entry.file_name().to_string_lossy());
        if entry.file_type().map_err(failed)?.is_dir() {
            if keep(&relative, Found::Folder) {
                folders.push((entry.path(), relative + "/"));
            } else {
                turned_away.push((entry.path(), true));
            }
        } else if !keep(&relative, Found::Other(&entry)) {
            turned_away.push((entry.path(), false));
        }
    }
    let below: Vec<Vec<(PathBuf, bool)>> = folders
        .par_iter()
        .map(|(path, prefix)| walk_below(path, prefix, keep))
        .collect::<Result<_, _>>()?;
    turned_away.extend(below.into_iter().flatten());
    Ok(turned_away)
}

/// Removes what dead builds left beside and inside `output_dir`, as a build that writes does
/// before it begins: a build that finds nothing to write still tidies up.
pub fn sweep(output_dir: &Path) {
    let name = output_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    if let Some(parent) = output_dir.parent() {
        lock::sweep(parent, |entry| lock::is_beside(entry, &name));
    }
    lock::sweep(output_dir, lock::is_inside);
}

/// Checks that every output path is inside the output folder and used once.
pub fn check(outputs: &[Output], output_dir: &Path) -> Result<(), Problems> {
    check_beside(outputs, output_dir, |_| false)
}

/// [`check`] for `outputs` added beside others, already checked, whose paths `taken` tells.
pub fn check_beside(
    outputs: &[Output],
    output_dir: &Path,
    taken: impl Fn(&str) -> bool,
) -> Result<(), Problems> {
    let mut problems = Problems::new();
    let mut seen = reserved();
    let shown = shown(output_dir);
    for output in outputs {
        let first_use = |p: &str| !taken(p) && seen.insert(p.to_string());
        if let Some(d) = check_one(output, output_dir, &shown, first_use) {
            problems.push(d);
        }
    }
    problems.into_result(())
}

/// Output paths taken before any page: the marker and the build cache, part of every output
/// (so an update keeps them, and a site file of either name is reported as a second writer).
fn reserved() -> HashSet<String> {
    let mut reserved = HashSet::from([target::MARKER.to_string()]);
    reserved.extend(CACHE_FILES.map(str::to_string));
    reserved
}

/// Where a build keeps its cache in the output ([`Staging::put_cache`]): a dot-name, which the
/// server rules in `deploy/` refuse to serve, and no page, sitemap or search index lists.
pub const CACHE: &str = ".pccc/cache";

/// Where a build keeps the bodies it rendered, for the next build to take
/// ([`crate::model::BodyCache::save`]), beside [`CACHE`].
pub const BODIES: &str = ".pccc/bodies";

/// Where a build keeps what its search index gathered, for the next build to take
/// ([`crate::search::kept`]), beside [`CACHE`].
pub const SEARCH: &str = ".pccc/search";

/// Every file of the build cache: no other output may be in [`CACHE_FOLDER`].
pub const CACHE_FILES: [&str; 3] = [CACHE, BODIES, SEARCH];

/// The folder of [`CACHE`], pccc's own: no other output may be in it.
const CACHE_FOLDER: &str = ".pccc/";

pub use crate::fs::Stamp;

fn shown(output_dir: &Path) -> PathBuf {
    output_dir.file_name().map_or_else(|| PathBuf::from("public"), PathBuf::from)
}

/// Checks one output; `first_use` inserts its path into the caller's set of seen paths.
fn check_one(
    output: &Output,
    output_dir: &Path,
    shown: &Path,
    first_use: impl FnOnce(&str) -> bool,
) -> Option<Diagnostic> {
    if crate::fs::join_inside(output_dir, &output.path).is_none() {
        Some(Diagnostic::error(
            shown,
            format!("từ chối ghi `{}`: đường dẫn ra ngoài thư mục xuất", output.path),
        ))
    } else if output.path.starts_with(CACHE_FOLDER) && !CACHE_FILES.contains(&output.path.as_str())
    {
        Some(
            Diagnostic::error(
                shown.join(&output.path),
                format!(
                    "không ghi được `{}`: thư mục `{CACHE_FOLDER}` là của riêng pccc",
                    output.path
                ),
            )
            .help("đổi tên tệp hoặc thư mục này trong static/"),
        )
    } else if !first_use(&output.path) {
        Some(
            Diagnostic::error(shown.join(&output.path), format!("hai nội dung cùng ghi vào `{}`", output.path))
                .help("một tệp trong static/ hoặc một đường dẫn cũ (aliases) trùng với một trang; đổi tên một bên"),
        )
    } else {
        None
    }
}

/// Writes `outputs` as the new content of `output_dir`, replacing the old one only on success.
pub fn write(outputs: &[Output], output_dir: &Path) -> Result<Written, Problems> {
    check(outputs, output_dir)?;
    let mut staging = Staging::new(output_dir);
    staging.write(outputs);
    staging.finish()
}

/// The compressed copies of a batch of outputs ([`copies`]).
#[derive(Debug)]
pub struct Copies(Result<Vec<Output>, Diagnostic>);

/// The compressed copies in `formats` of the text files among `outputs`, on every core, each
/// linked from the output now in `output_dir` where it has one made from the same bytes
/// ([`compress::copies`]). A build makes them on the thread that rendered the batch, so that
/// its writer thread only writes ([`Staging::write_with`]).
pub fn copies(
    outputs: &[Output],
    output_dir: &Path,
    formats: crate::config::Precompress,
) -> Copies {
    use rayon::prelude::*;
    if !formats.any() {
        return Copies(Ok(Vec::new()));
    }
    let old = output_dir.is_dir().then_some(output_dir);
    let copies: Result<Vec<Vec<Output>>, Diagnostic> =
        outputs.par_iter().map(|output| compress::copies(output, old, formats)).collect();
    Copies(copies.map(|copies| copies.concat()))
}

/// A new output being written batch by batch into a staging folder and put in place by
/// [`Staging::finish`]. Each batch is checked like [`check`] (paths inside, each used once,
/// across all batches); after the first problem nothing more is written. Dropped unfinished, it
/// removes what it wrote and leaves the previous output untouched.
#[derive(Debug)]
pub struct Staging {
    output_dir: PathBuf,
    /// Made at the first write.
    folder: Option<Folder>,
    /// Tests force an update in place, which needs a parent folder root cannot be kept from.
    forced: Option<InPlace>,
    /// Paths written into the staging folder, when updating in place.
    changed: Vec<String>,
    seen: HashSet<String>,
    /// Folders made in the staging folder so far, relative to it.
    made: HashSet<PathBuf>,
    problems: Problems,
    written: Written,
    /// Whether any file was written anew (not linked from the previous output): only then must
    /// the staging folder be flushed to disk before the switch.
    fresh: bool,
    /// Which compressed copies text files get beside them ([`compress`]).
    precompress: crate::config::Precompress,
    /// Every file written so far (the marker and cache aside), as it is on disk.
    manifest: Vec<(String, Stamp)>,
    /// Every file put in place so far, in a reused tree: what [`prune`] keeps.
    placed: HashSet<String>,
    /// A file to be kept from the previous output ([`Content::Kept`]) was no longer the one
    /// the previous build wrote: another build replaced the output meanwhile.
    kept_gone: bool,
}

/// The staging folder of a build.
#[derive(Debug)]
struct Folder {
    path: PathBuf,
    place: Place,
    /// Held while the folder exists, so that another build's sweep leaves it alone; `None`
    /// where the file system has no locks.
    _lock: Option<lock::Lock>,
}

/// What the staging folder holds and where.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Place {
    /// The complete new tree, beside the output, switched in whole. `old`: an output exists,
    /// whose files are reused where their bytes are the same.
    Beside { old: bool },
    /// The complete new tree beside the output, made from the output before the previous one
    /// ([`lock::kept_name`]): its files that already hold the new bytes stay, the others are
    /// replaced one by one (linked from the previous output or written, then renamed over),
    /// what the new output lacks is deleted, and it is switched in whole.
    Reused,
    /// Only the changed files, inside the output, moved over the old ones.
    Inside(InPlace),
}

impl Staging {
    /// Prepares to replace `output_dir`, a folder [`target::resolve`] allowed; nothing is
    /// created before the first write.
    pub fn new(output_dir: &Path) -> Staging {
        Staging {
            output_dir: output_dir.to_path_buf(),
            folder: None,
            forced: None,
            changed: Vec::new(),
            seen: reserved(),
            made: HashSet::new(),
            problems: Problems::new(),
            written: Written { files: 0, bytes: 0, unchanged: 0, in_place: None },
            fresh: false,
            precompress: crate::config::Precompress::default(),
            manifest: Vec::new(),
            placed: HashSet::new(),
            kept_gone: false,
        }
    }

    /// Whether the build failed because a file it was to keep from the previous output was
    /// replaced meanwhile by another build: rendering it would succeed.
    pub fn kept_gone(&self) -> bool {
        self.kept_gone
    }

    /// Every file written so far (the marker and the cache aside), with its stamp as it will be
    /// in the output: a file keeps its stamp when the staging folder is switched in or moved
    /// over the old output.
    pub fn manifest(&self) -> &[(String, Stamp)] {
        &self.manifest
    }

    /// Files written so far, compressed copies included.
    pub fn files(&self) -> usize {
        self.written.files
    }

    /// Puts a file of the build cache (`name`, one of [`CACHE_FILES`]) into the new output, to
    /// be switched in with it (a build that fails never leaves a cache of its own). It does not
    /// make the staging folder need a flush before the switch: a cache a power cut leaves empty
    /// is read as no cache.
    pub fn put_cache(&mut self, name: &str, bytes: Vec<u8>) {
        debug_assert!(CACHE_FILES.contains(&name), "not a file of the cache: {name}");
        if self.problems.has_errors() {
            return;
        }
        let output = Output { path: name.to_string(), content: Content::Bytes(bytes.into()) };
        let placed = self.folder().and_then(|(dir, place)| {
            self.make_folders(&[&output], &dir)?;
            match place {
                Place::Inside(_) => self.changed.push(output.path.clone()),
                Place::Reused => {
                    self.placed.insert(output.path.clone());
                    let found = unchanged(&output, &dir);
                    return replace_file(&output, &dir, None, false, found).map(drop);
                }
                Place::Beside { .. } => {}
            }
            place_file(&output, &dir, None).map(drop)
        });
        if let Err(d) = placed {
            self.problems.push(d);
        }
    }

    /// Writes the copies `formats` names beside each text file from now on ([`compress`]).
    pub fn precompress(&mut self, formats: crate::config::Precompress) {
        self.precompress = formats;
    }

    /// Checks and writes one batch, with the compressed copies of its text files if asked.
    pub fn write(&mut self, outputs: &[Output]) {
        let copies = copies(outputs, &self.output_dir, self.precompress);
        self.write_with(outputs, copies);
    }

    /// [`Staging::write`] with the copies made already, by [`copies`] with this staging's
    /// output folder and formats.
    pub fn write_with(&mut self, outputs: &[Output], copies: Copies) {
        self.write_batch(outputs);
        if !self.problems.has_errors() {
            match copies.0 {
                Ok(copies) => self.write_batch(&copies),
                Err(d) => self.problems.push(d),
            }
        }
    }

    fn write_batch(&mut self, outputs: &[Output]) {
        let shown = shown(&self.output_dir);
        for output in outputs {
            let seen = &mut self.seen;
            if let Some(d) =
                check_one(output, &self.output_dir, &shown, |p| seen.insert(p.to_string()))
            {
                self.problems.push(d);
            }
        }
        if self.problems.has_errors() {
            return;
        }
        if let Err(d) = self.write_checked(outputs) {
            self.problems.push(d);
        }
    }

    fn write_checked(&mut self, outputs: &[Output]) -> Result<(), Diagnostic> {
        let (dir, place) = self.folder()?;
        let output_dir = self.output_dir.clone();
        let mut changed: Vec<&Output> = outputs.iter().collect();
        if let Place::Inside(_) = place {
            let mut kept = Vec::new();
            changed.retain(|output| match unchanged(output, &output_dir) {
                Some(stamp) => {
                    kept.push((output.path.clone(), stamp));
                    false
                }
                None => true,
            });
            kept.iter().for_each(|(_, stamp)| self.count(stamp.size, true));
            self.changed.extend(changed.iter().map(|o| o.path.clone()));
            self.manifest.extend(kept);
        }
        self.make_folders(&changed, &dir)?;
        let old = matches!(place, Place::Beside { old: true } | Place::Reused)
            .then_some(output_dir.as_path());
        // In a reused tree, which files already hold their output is found on every core
        // (a look at each file, and a read of those that may have changed): most of the
        // writer's work on a large site, where most files stay.
        let found: Vec<Option<Stamp>> = if place == Place::Reused {
            use rayon::prelude::*;
            changed.par_iter().map(|output| unchanged(output, &dir)).collect()
        } else {
            Vec::new()
        };
        for (n, output) in changed.into_iter().enumerate() {
            let placed = if place == Place::Reused {
                let ours = self.made.contains(Path::new(&output.path));
                self.placed.insert(output.path.clone());
                replace_file(output, &dir, old, ours, found[n])
            } else {
                place_file(output, &dir, old)
            };
            let placed = placed.inspect_err(|_| {
                if let Content::Kept { source, stamp } = &output.content {
                    self.kept_gone |= Stamp::of(source) != Some(*stamp);
                }
            })?;
            self.count(placed.size, placed.reused);
            match placed.stamp {
                Some(stamp) => self.manifest.push((output.path.clone(), stamp)),
                None => self.stamp(output, &dir)?,
            }
        }
        Ok(())
    }

    /// Adds `output`, as found in `folder`, to the manifest.
    fn stamp(&mut self, output: &Output, folder: &Path) -> Result<(), Diagnostic> {
        let path = folder.join(&output.path);
        let stamp = Stamp::of(&path)
            .ok_or_else(|| Diagnostic::error(&path, "tệp vừa ghi không còn ở thư mục tạm"))?;
        self.manifest.push((output.path.clone(), stamp));
        Ok(())
    }

    fn count(&mut self, bytes: u64, reused: bool) {
        self.fresh |= !reused;
        self.written.files += 1;
        self.written.bytes += bytes;
        self.written.unchanged += usize::from(reused);
    }

    /// Makes the folders `outputs` go into, each once per build, parents first: making folders
    /// is much of the cost of writing a large site, and asking again for one that exists costs
    /// a failing system call per file.
    fn make_folders(&mut self, outputs: &[&Output], staging: &Path) -> Result<(), Diagnostic> {
        // (depth, folder): a folder sorts after its parent.
        let mut new: BTreeSet<(usize, &Path)> = BTreeSet::new();
        for output in outputs {
            let mut folder = Path::new(&output.path).parent();
            while let Some(f) = folder.filter(|f| !f.as_os_str().is_empty()) {
                if self.made.contains(f) || !new.insert((f.components().count(), f)) {
                    break;
                }
                folder = f.parent();
            }
        }
        let reused = self.folder.as_ref().is_some_and(|f| f.place == Place::Reused);
        for &(_, folder) in &new {
            let path = staging.join(folder);
            if reused {
                make_folder_over(&path, self.placed.contains(&*folder.to_string_lossy()))?;
            } else {
                crate::fs::create_dir(&path)?;
            }
            self.made.insert(folder.to_path_buf());
        }
        Ok(())
    }

    /// The staging folder and what it holds, made on first use with the marker in it.
    fn folder(&mut self) -> Result<(PathBuf, Place), Diagnostic> {
        if let Some(folder) = &self.folder {
            return Ok((folder.path.clone(), folder.place));
        }
        let folder = self.create()?;
        let (dir, place) = (folder.path.clone(), folder.place);
        self.folder = Some(folder);
        let marker = Output {
            path: target::MARKER.to_string(),
            content: Content::Bytes(bytes::Bytes::from_static(target::MARKER_TEXT.as_bytes())),
        };
        let Placed { reused, .. } = match place {
            Place::Reused => {
                // Where files are written before they are renamed; kept by the cache, if any.
                let cache_folder = Path::new(CACHE_FOLDER.trim_end_matches('/'));
                make_folder_over(&dir.join(cache_folder), false)?;
                self.placed.insert(marker.path.clone());
                let found = unchanged(&marker, &dir);
                replace_file(&marker, &dir, Some(&self.output_dir), false, found)?
            }
            Place::Beside { old } => {
                place_file(&marker, &dir, old.then_some(self.output_dir.as_path()))?
            }
            Place::Inside(_) => place_file(&marker, &dir, None)?,
        };
        self.fresh |= !reused;
        Ok((dir, place))
    }

    /// Removes what dead builds left, then makes and locks this build's staging folder: beside
    /// the output where it can, else inside it (see [`InPlace`]).
    fn create(&self) -> Result<Folder, Diagnostic> {
        let parent = self
            .output_dir
            .parent()
            .ok_or_else(|| Diagnostic::error(&self.output_dir, "thư mục xuất không hợp lệ"))?;
        let beside = |d: Diagnostic| {
            d.help(format!(
                "pccc dựng bản mới trong một thư mục tạm cạnh thư mục xuất rồi mới đưa vào, nên cần quyền ghi vào `{}`",
                parent.display()
            ))
        };
        crate::fs::create_dir_all(parent).map_err(beside)?;
        let name = self.name();
        let pid = std::process::id();
        lock::sweep(parent, |entry| lock::is_beside(entry, &name));
        let old = self.output_dir.is_dir();
        let mut place = match self.forced {
            Some(why) => Place::Inside(why),
            None if old && mount_point(&self.output_dir) => Place::Inside(InPlace::MountPoint),
            None => Place::Beside { old },
        };
        if place == (Place::Beside { old }) {
            match make_registered(parent, |attempt| lock::beside_name(&name, pid, attempt)) {
                // Also when the output is gone (`rm -rf public`) and the one before it is kept:
                // made anew, the output would share no file with that tree, and every later
                // build, reusing one tree to make the next, would compare all their files.
                Ok((path, lock)) => {
                    let claimed = claim_kept(&parent.join(lock::kept_name(&name)), &path)?;
                    return Ok(claimed.unwrap_or(Folder { path, place, _lock: lock }));
                }
                Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied && old => {
                    place = Place::Inside(InPlace::ParentReadOnly);
                }
                Err(e) => {
                    let staging = parent.join(lock::beside_name(&name, pid, 0));
                    return Err(beside(crate::diagnostic::io_error(&staging, "tạo thư mục", &e)));
                }
            }
        }
        lock::sweep(&self.output_dir, lock::is_inside);
        let (path, lock) = make_registered(&self.output_dir, |a| lock::inside_name(pid, a))
            .map_err(|e| crate::diagnostic::io_error(&self.output_dir, "ghi vào", &e))?;
        Ok(Folder { path, place, _lock: lock })
    }

    fn name(&self) -> String {
        self.output_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default()
    }

    /// Puts the new output in place of the old one, or reports every problem met.
    pub fn finish(mut self) -> Result<Written, Problems> {
        let problems = std::mem::take(&mut self.problems);
        if problems.has_errors() {
            return problems.into_result(self.written);
        }
        let (dir, place) = self.folder()?;
        match place {
            Place::Beside { .. } | Place::Reused => {
                if place == Place::Reused {
                    prune(&dir, &self.placed, &self.made)?;
                }
                publish::switch(&dir, &self.output_dir, &self.name(), self.fresh)?;
                // Switched in, or removed with the old output: nothing is left to clean up.
                interrupt::exclusive(|live| live.forget(&dir));
                self.folder = None;
            }
            Place::Inside(why) => {
                // One update at a time: two interleaved would leave files of both.
                let held = publish::lock_output(&self.output_dir)?;
                interrupt::exclusive(|live| {
                    publish::update(&dir, &self.output_dir, &self.changed, &self.seen)?;
                    live.published();
                    Ok::<(), Diagnostic>(())
                })?;
                drop(held);
                self.written.in_place = Some(why);
            }
        }
        Ok(self.written)
    }
}

/// Makes and locks a staging folder in `parent`, listed for removal if the build is stopped:
/// both under [`interrupt::exclusive`], so that no folder escapes a cleanup.
fn make_registered(
    parent: &Path,
    name: impl Fn(u32) -> String,
) -> std::io::Result<(PathBuf, Option<lock::Lock>)> {
    interrupt::exclusive(|live| {
        let made = lock::make_locked(parent, name)?;
        live.register(&made.0);
        Ok(made)
    })
}

/// Moves `kept`, the output before the previous one ([`lock::kept_name`]), to `staging`, this
/// build's new and still empty staging folder, which it replaces: the new output is then made
/// from it ([`Place::Reused`]). `None`, with nothing moved, when there is no such tree, it is
/// not a folder pccc made (a link, or a folder without the marker) or another build holds it.
fn claim_kept(kept: &Path, staging: &Path) -> Result<Option<Folder>, Diagnostic> {
    // Not through a link: what a link leads to is not pccc's.
    if !std::fs::symlink_metadata(kept).is_ok_and(|m| m.is_dir()) {
        return Ok(None);
    }
    // Where folders cannot be locked, a build running beside this one could be claiming it too.
    let Some(held) = lock::Lock::try_take(kept).ok().flatten().filter(|l| l.is_at(kept)) else {
        return Ok(None);
    };
    if !std::fs::symlink_metadata(kept.join(target::MARKER)).is_ok_and(|m| m.is_file()) {
        return Ok(None);
    }
    // A folder may be renamed over an empty one in one step.
    if std::fs::rename(kept, staging).is_err() {
        return Ok(None);
    }
    // What is there now must be the folder examined and locked above, not something put in
    // its place meanwhile.
    if !held.is_at(staging) {
        if std::fs::symlink_metadata(staging).is_ok_and(|m| !m.is_dir()) {
            let _ = std::fs::remove_file(staging);
        }
        return Err(Diagnostic::error(staging, "thư mục tạm bị thay trong lúc pccc đang dựng")
            .help(publish::CONCURRENT));
    }
    Ok(Some(Folder { path: staging.to_path_buf(), place: Place::Reused, _lock: Some(held) }))
}

/// Where [`replace_file`] writes a file before renaming it into place: in [`CACHE_FOLDER`],
/// which no output but the cache may use ([`check_one`]).
const BEING_WRITTEN: &str = ".pccc/dang-ghi";

/// Puts `output` into `staging`, a tree reused from an older output ([`Place::Reused`]): left
/// as it is when its file there holds the same bytes, else replaced in one rename by a hard link
/// to the file at the same path in `old`, the previous output, when that has the same bytes, or
/// by a new file. A file of the reused tree may be a link to one the web server is reading now,
/// so nothing is written into it. `ours`: the folder at that path, if any, was made by this
/// build. `found`: what [`unchanged`] gave for `output` in `staging`, looked at beforehand.
/// Returns the size and whether an existing file was reused.
fn replace_file(
    output: &Output,
    staging: &Path,
    old: Option<&Path>,
    ours: bool,
    found: Option<Stamp>,
) -> Result<Placed, Diagnostic> {
    let target = crate::fs::join_inside(staging, &output.path).ok_or_else(|| {
        Diagnostic::error(staging, format!("đường dẫn không hợp lệ `{}`", output.path))
    })?;
    if let Some(stamp) = found {
        return Ok(Placed::kept(stamp));
    }
    let temp = staging.join(BEING_WRITTEN);
    let _ = std::fs::remove_file(&temp);
    let placed = link_or_write(output, old, &temp)?;
    // A folder of the older output where a file goes now (`x/index.html` then, `x` now).
    if !ours && std::fs::symlink_metadata(&target).is_ok_and(|m| m.is_dir()) {
        crate::fs::remove_dir_all(&target)?;
    }
    std::fs::rename(&temp, &target).map_err(|e| crate::diagnostic::io_error(&target, "ghi", &e))?;
    Ok(placed)
}

/// Makes sure the folder at `path`, whose parent is a folder of this build, is a folder in a
/// reused tree: one there is kept, a file or a link of the older output in its place deleted.
/// `ours`: a file at that path was written by this build, which is then an error.
fn make_folder_over(path: &Path, ours: bool) -> Result<(), Diagnostic> {
    match std::fs::symlink_metadata(path) {
        Ok(found) if found.is_dir() => return Ok(()),
        Ok(_) if !ours => {
            std::fs::remove_file(path).map_err(|e| crate::diagnostic::io_error(path, "xoá", &e))?;
        }
        _ => {}
    }
    crate::fs::create_dir(path)
}

/// Deletes from `staging`, a reused tree made into the new output, what the new output lacks:
/// files not in `placed` and folders not in `made`, without following links.
fn prune(
    staging: &Path,
    placed: &HashSet<String>,
    made: &HashSet<PathBuf>,
) -> Result<(), Diagnostic> {
    let doomed = walk(staging, &|relative, found| match found {
        Found::Folder => made.contains(Path::new(relative)),
        Found::Other(_) => placed.contains(relative),
    })
    .map_err(|(path, e)| crate::diagnostic::io_error(&path, "đọc", &e))?;
    use rayon::prelude::*;
    doomed.par_iter().try_for_each(|(path, is_dir)| {
        let removed =
            if *is_dir { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) };
        removed.map_err(|e| crate::diagnostic::io_error(path, "xoá", &e))
    })
}

/// Whether `dir` is on another file system than its parent: a mount point, which cannot be
/// renamed or exchanged.
#[cfg(unix)]
fn mount_point(dir: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(dir), dir.parent().map(std::fs::metadata)) {
        (Ok(dir), Some(Ok(parent))) => dir.dev() != parent.dev(),
        _ => false,
    }
}

#[cfg(not(unix))]
fn mount_point(_dir: &Path) -> bool {
    false
}

/// A file put into a staging folder.
#[derive(Debug, Clone, Copy)]
struct Placed {
    /// Bytes.
    size: u64,
    /// Whether it is a file of an earlier output, kept or linked.
    reused: bool,
    /// Its stamp when already known (a file found unchanged or linked and checked), so that the
    /// manifest does not look at it again.
    stamp: Option<Stamp>,
}

impl Placed {
    fn new(size: u64, reused: bool) -> Placed {
        Placed { size, reused, stamp: None }
    }

    /// A file of an earlier output, found as `stamp` says.
    fn kept(stamp: Stamp) -> Placed {
        Placed { size: stamp.size, reused: true, stamp: Some(stamp) }
    }
}

/// Puts `output` into the staging folder `staging`: a hard link to the file at the same path in
/// `old`, the previous output, when that file has the same bytes, else a new file.
fn place_file(output: &Output, staging: &Path, old: Option<&Path>) -> Result<Placed, Diagnostic> {
    let target = crate::fs::join_inside(staging, &output.path).ok_or_else(|| {
        Diagnostic::error(staging, format!("đường dẫn không hợp lệ `{}`", output.path))
    })?;
    // The folders are made already (Staging::make_folders).
    link_or_write(output, old, &target)
}

/// Makes `target`, a new file, hold `output`: a hard link to the file at the same path in
/// `old`, the previous output, when that file has the same bytes, else a file written anew; a
/// file kept from the previous output ([`Content::Kept`]) is linked by [`link_kept`].
fn link_or_write(output: &Output, old: Option<&Path>, target: &Path) -> Result<Placed, Diagnostic> {
    if let Content::Kept { source, stamp } = &output.content {
        return link_kept(source, *stamp, target);
    }
    let previous = old.and_then(|old| crate::fs::join_inside(old, &output.path));
    if let Some(size) = previous.and_then(|previous| link_if_same(output, &previous, target)) {
        return Ok(Placed::new(size, true));
    }
    let size = match &output.content {
        Content::Bytes(bytes) => crate::fs::write_new(target, bytes).map(|()| bytes.len() as u64),
        Content::Copy(source) => crate::fs::copy_new(source, target),
        Content::Kept { .. } => unreachable!("linked above"),
    }?;
    Ok(Placed::new(size, false))
}

/// The bytes of `source`, a file of the previous output ([`Content::Kept`]), if it is still as
/// `stamp` says (read from the file opened and checked).
fn read_kept(source: &Path, stamp: Stamp) -> Option<Vec<u8>> {
    let mut file = std::fs::File::open(source).ok()?;
    if file.metadata().ok().as_ref().and_then(Stamp::of_metadata) != Some(stamp) {
        return None;
    }
    let mut bytes = Vec::with_capacity(stamp.size as usize);
    std::io::Read::read_to_end(&mut file, &mut bytes).ok()?;
    Some(bytes)
}

/// Makes `target`, a new file, the file `source` of the previous output ([`Content::Kept`]) if
/// it is still as `stamp` says: a hard link to it, or where none can be made a copy of its
/// bytes, read from the file opened and checked. An error when it is not that file any more:
/// another build replaced the output since this one looked ([`Staging::kept_gone`]).
fn link_kept(source: &Path, stamp: Stamp, target: &Path) -> Result<Placed, Diagnostic> {
    let gone = || {
        Diagnostic::error(source, "tệp của lần dựng trước đã bị thay trong lúc dựng")
            .help("một lần dựng khác vừa ghi thư mục đầu ra: chạy lại lệnh dựng")
    };
    if std::fs::hard_link(source, target).is_ok() {
        // The link is checked, not the path: another build may have switched the output
        // between the two.
        if Stamp::of(target) == Some(stamp) {
            return Ok(Placed::kept(stamp));
        }
        let _ = std::fs::remove_file(target);
        return Err(gone());
    }
    let bytes = read_kept(source, stamp).ok_or_else(gone)?;
    crate::fs::write_new(target, &bytes)?;
    Ok(Placed::new(bytes.len() as u64, false))
}

/// Hard-links `previous` at `target` if it holds `output`'s bytes; its size if so. Where the
/// link cannot be made (another file system, no hard links, a file of another owner) the caller
/// writes the file.
fn link_if_same(output: &Output, previous: &Path, target: &Path) -> Option<u64> {
    // Not through a link: pccc makes none, and what a link leads to is not the output's.
    let found = std::fs::symlink_metadata(previous).ok().filter(|m| m.is_file())?;
    let expected = match &output.content {
        Content::Bytes(bytes) => bytes.len() as u64,
        Content::Copy(source) => std::fs::metadata(source).ok()?.len(),
        Content::Kept { .. } => return None,
    };
    if found.len() != expected {
        return None;
    }
    std::fs::hard_link(previous, target).ok()?;
    // The link is read, not the path it was made from: another build may have switched the
    // output between the two. It must be the file examined above (not a link made from a link
    // put there since), and pccc never writes into an existing file, so what it holds now is
    // what it will hold.
    let linked = std::fs::File::open(target)
        .ok()
        .filter(|file| file.metadata().is_ok_and(|held| lock::same_file(&held, &found)));
    let same = linked.is_some_and(|mut file| {
        let mut bytes = Vec::with_capacity(expected as usize);
        std::io::Read::read_to_end(&mut file, &mut bytes).is_ok()
            && match &output.content {
                Content::Bytes(new) => bytes == *new,
                Content::Copy(source) => std::fs::read(source).is_ok_and(|new| new == bytes),
                Content::Kept { .. } => false,
            }
    });
    if same {
        Some(expected)
    } else {
        let _ = std::fs::remove_file(target);
        None
    }
}

/// The stamp of the file at `output`'s path in `output_dir` if it holds `output`'s bytes: for a
/// file kept from the previous output ([`Content::Kept`]), if it is that very file or holds the
/// same bytes (a reused tree whose files were made anew, copied back from elsewhere say, shares
/// none with the previous output, and replacing every file there costs ten times more than
/// reading both).
fn unchanged(output: &Output, output_dir: &Path) -> Option<Stamp> {
    let target = crate::fs::join_inside(output_dir, &output.path)?;
    if let Content::Kept { source, stamp } = &output.content {
        let found = Stamp::of(&target)?;
        let same = found == *stamp
            || (found.size == stamp.size
                && read_kept(source, *stamp)
                    .is_some_and(|kept| std::fs::read(&target).is_ok_and(|bytes| bytes == kept)));
        return same.then_some(found);
    }
    // Not through a link: pccc makes none, and the update removes any it finds.
    let found = Stamp::of(&target)?;
    let size = found.size;
    let same = match &output.content {
        Content::Bytes(bytes) => {
            bytes.len() as u64 == size && std::fs::read(&target).ok()? == *bytes
        }
        Content::Copy(source) => {
            std::fs::metadata(source).ok()?.len() == size
                && std::fs::read(source).ok()? == std::fs::read(&target).ok()?
        }
        Content::Kept { .. } => unreachable!("compared by stamp above"),
    };
    same.then_some(found)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(folder) = self.folder.take() {
            lock::remove_tree(&folder.path);
            interrupt::exclusive(|live| live.forget(&folder.path));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn out(path: &str, text: &str) -> Output {
        Output { path: path.into(), content: Content::Bytes(text.as_bytes().to_vec().into()) }
    }

    #[test]
    fn replaces_the_output_whole() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write(&[out("a/index.html", "một"), out("cu.txt", "cũ")], &public).unwrap();
        let written = write(&[out("a/index.html", "hai")], &public).unwrap();
        assert_eq!(written.files, 1);
        assert_eq!(std::fs::read_to_string(public.join("a/index.html")).unwrap(), "hai");
        assert!(!public.join("cu.txt").exists(), "stale files go with the old output");
        // The old output is kept beside, for the next build to start from.
        assert_eq!(names(dir.path()), [".public.ban-truoc", "public"]);
    }

    #[test]
    fn a_failed_write_leaves_the_previous_output() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write(&[out("index.html", "tốt")], &public).unwrap();
        let missing = Output {
            path: "x.png".into(),
            content: Content::Copy(dir.path().join("khong-co.png")),
        };
        assert!(write(&[out("index.html", "mới"), missing], &public).is_err());
        assert_eq!(std::fs::read_to_string(public.join("index.html")).unwrap(), "tốt");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
    }

    #[test]
    fn staging_checks_paths_across_batches() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write(&[out("index.html", "tốt")], &public).unwrap();
        let mut staging = Staging::new(&public);
        staging.write(&[out("a/index.html", "1")]);
        staging.write(&[out("a/index.html", "2"), out("b.html", "3")]);
        let err = staging.finish().unwrap_err().to_string();
        assert!(err.contains("hai nội dung cùng ghi vào `a/index.html`"), "{err}");
        assert_eq!(std::fs::read_to_string(public.join("index.html")).unwrap(), "tốt");
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "staging removed");
    }

    #[test]
    fn staging_writes_batches_and_drops_cleanly() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let mut staging = Staging::new(&public);
        staging.write(&[out("a/index.html", "một")]);
        staging.write(&[out("b/index.html", "hai")]);
        assert_eq!(
            staging.finish().unwrap(),
            Written { files: 2, bytes: 8, unchanged: 0, in_place: None }
        );
        assert_eq!(std::fs::read_to_string(public.join("b/index.html")).unwrap(), "hai");

        let mut unfinished = Staging::new(&public);
        unfinished.write(&[out("c/index.html", "ba")]);
        drop(unfinished);
        assert!(!public.join("c").exists());
        assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1, "staging removed");
    }

    #[test]
    fn a_rebuild_rewrites_only_changed_files_and_deletes_stale_ones() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write(
            &[
                out("index.html", "trang chủ"),
                out("a/index.html", "một"),
                out("cu/sau/index.html", "cũ"),
                out("doi/index.html", "trước"),
            ],
            &public,
        )
        .unwrap();
        let kept = public.join("a/index.html");
        let mark = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        std::fs::File::options().write(true).open(&kept).unwrap().set_modified(mark).unwrap();

        let written = write(
            &[
                out("index.html", "trang chủ"),
                out("a/index.html", "một"),
                out("doi/index.html", "sau"),
                out("moi/index.html", "mới"),
            ],
            &public,
        )
        .unwrap();
        assert_eq!((written.files, written.unchanged), (4, 2));
        assert_eq!(
            written.bytes,
            ["trang chủ", "một", "sau", "mới"].map(str::len).iter().sum::<usize>() as u64
        );
        // The unchanged file was not rewritten.
        assert_eq!(std::fs::metadata(&kept).unwrap().modified().unwrap(), mark);
        assert_eq!(std::fs::read_to_string(public.join("doi/index.html")).unwrap(), "sau");
        assert_eq!(std::fs::read_to_string(public.join("moi/index.html")).unwrap(), "mới");
        assert!(!public.join("cu").exists(), "stale files and their emptied folders go");
        assert_eq!(names(dir.path()), [".public.ban-truoc", "public"], "staging removed");
    }

    #[test]
    fn a_rebuild_puts_a_file_where_a_folder_was_and_back() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write(&[out("x/index.html", "thư mục")], &public).unwrap();
        write(&[out("x", "tệp")], &public).unwrap();
        assert_eq!(std::fs::read_to_string(public.join("x")).unwrap(), "tệp");
        write(&[out("x/index.html", "lại thư mục")], &public).unwrap();
        assert_eq!(std::fs::read_to_string(public.join("x/index.html")).unwrap(), "lại thư mục");
    }

    #[cfg(unix)]
    #[test]
    fn a_link_left_in_the_output_is_replaced_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write(&[out("a.html", "một")], &public).unwrap();
        let elsewhere = dir.path().join("cua-ai-do.html");
        std::fs::write(&elsewhere, "một").unwrap();
        std::fs::remove_file(public.join("a.html")).unwrap();
        std::os::unix::fs::symlink(&elsewhere, public.join("a.html")).unwrap();
        let written = write(&[out("a.html", "một")], &public).unwrap();
        assert_eq!(written.unchanged, 0, "the same bytes behind a link are not the output's");
        assert!(std::fs::symlink_metadata(public.join("a.html")).unwrap().is_file());
        assert_eq!(std::fs::read_to_string(&elsewhere).unwrap(), "một");
    }

    #[test]
    fn every_output_is_marked() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write(&[out("a.html", "1")], &public).unwrap();
        let marker = public.join(target::MARKER);
        assert_eq!(std::fs::read_to_string(&marker).unwrap(), target::MARKER_TEXT);
        // Lost by hand, it is put back by the next update; it never counts as a page's file.
        std::fs::remove_file(&marker).unwrap();
        let written = write(&[out("a.html", "1")], &public).unwrap();
        assert_eq!((written.files, written.unchanged), (1, 1));
        assert_eq!(std::fs::read_to_string(&marker).unwrap(), target::MARKER_TEXT);
        let err = write(&[out(target::MARKER, "x")], &public).unwrap_err().to_string();
        assert!(err.contains("hai nội dung cùng ghi vào `.pccc-output`"), "{err}");
    }

    #[test]
    fn refuses_paths_outside_and_duplicates() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let err = write(&[out("../thoat.html", "x")], &public).unwrap_err().to_string();
        assert!(err.contains("ra ngoài thư mục xuất"), "{err}");
        assert!(!dir.path().join("thoat.html").exists());
        let err =
            write(&[out("a.html", "1"), out("a.html", "2")], &public).unwrap_err().to_string();
        assert!(err.contains("hai nội dung cùng ghi vào `a.html`"), "{err}");
        assert!(!public.exists());
    }

    /// Everything under `dir`: files with their text, folders as names ending in `/`.
    fn tree(dir: &Path) -> std::collections::BTreeMap<String, String> {
        walkdir::WalkDir::new(dir)
            .min_depth(1)
            .into_iter()
            .flatten()
            .map(|e| {
                let name = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                if e.file_type().is_dir() {
                    (name + "/", String::new())
                } else {
                    (name, std::fs::read_to_string(e.path()).unwrap())
                }
            })
            .collect()
    }

    /// A [`tree`] as written here.
    fn expected(entries: &[(&str, &str)]) -> std::collections::BTreeMap<String, String> {
        entries.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect()
    }

    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .flatten()
            .map(|e| e.file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[cfg(unix)]
    #[test]
    fn a_rebuild_links_unchanged_files_and_never_writes_into_the_old_tree() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write(
            &[out("a/index.html", "một"), out("b/index.html", "hai"), out("cu.html", "cũ")],
            &public,
        )
        .unwrap();
        // Hold the old files as a reader that opened them would: through links of our own.
        std::fs::hard_link(public.join("a/index.html"), dir.path().join("a-cu")).unwrap();
        std::fs::hard_link(public.join("b/index.html"), dir.path().join("b-cu")).unwrap();
        let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
        let kept = inode(&public.join("a/index.html"));

        let written = write(
            &[out("a/index.html", "một"), out("b/index.html", "HAI"), out("moi.html", "mới")],
            &public,
        )
        .unwrap();
        assert_eq!((written.files, written.unchanged, written.in_place), (3, 1, None));
        assert_eq!(inode(&public.join("a/index.html")), kept, "the same file, linked");
        assert_eq!(std::fs::read_to_string(dir.path().join("b-cu")).unwrap(), "hai");
        assert_eq!(
            tree(&public),
            expected(&[
                (".pccc-output", target::MARKER_TEXT),
                ("a/", ""),
                ("a/index.html", "một"),
                ("b/", ""),
                ("b/index.html", "HAI"),
                ("moi.html", "mới"),
            ]),
        );
        // The old tree is kept whole beside the output, with its own link to the unchanged file.
        assert_eq!(std::fs::metadata(dir.path().join("a-cu")).unwrap().nlink(), 3);
        assert_eq!(names(dir.path()), [".public.ban-truoc", "a-cu", "b-cu", "public"]);
        let kept = dir.path().join(".public.ban-truoc");
        assert_eq!(std::fs::read_to_string(kept.join("b/index.html")).unwrap(), "hai");
        assert!(kept.join("cu.html").exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_build_is_made_from_the_output_before_the_last_without_writing_into_it() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
        let first = [
            out("a/index.html", "một"),
            out("b/index.html", "hai"),
            out("cu/sau/index.html", "cũ"),
            out("x/index.html", "thư mục"),
            out("y", "tệp"),
        ];
        write(&first, &public).unwrap();
        let second =
            [out("a/index.html", "một"), out("b/index.html", "HAI"), out("moi.html", "mới")];
        write(&second, &public).unwrap();
        let kept = dir.path().join(".public.ban-truoc");
        assert_eq!(std::fs::read_to_string(kept.join("y")).unwrap(), "tệp");
        // Held as a web server reading the output would.
        std::fs::hard_link(public.join("b/index.html"), dir.path().join("b-doc")).unwrap();
        let (a, b) = (inode(&public.join("a/index.html")), inode(&public.join("b/index.html")));
        let folder = inode(&kept.join("a"));

        let written = write(
            &[
                out("a/index.html", "một"),
                out("b/index.html", "HAI"),
                out("c/index.html", "ba"),
                out("x", "tệp thay thư mục"),
                out("y/index.html", "thư mục thay tệp"),
            ],
            &public,
        )
        .unwrap();
        assert_eq!((written.files, written.unchanged), (5, 2));
        assert_eq!(
            tree(&public),
            expected(&[
                (".pccc-output", target::MARKER_TEXT),
                ("a/", ""),
                ("a/index.html", "một"),
                ("b/", ""),
                ("b/index.html", "HAI"),
                ("c/", ""),
                ("c/index.html", "ba"),
                ("x", "tệp thay thư mục"),
                ("y/", ""),
                ("y/index.html", "thư mục thay tệp"),
            ]),
            "exactly the new output: the older one's files and folders gone"
        );
        assert_eq!(inode(&public.join("a")), folder, "the older output's folder, made over");
        assert_eq!(inode(&public.join("a/index.html")), a, "kept where it was");
        assert_eq!(inode(&public.join("b/index.html")), b, "linked from the previous output");
        assert_eq!(std::fs::read_to_string(dir.path().join("b-doc")).unwrap(), "HAI");
        // The previous output is now the kept one, whole.
        assert_eq!(std::fs::read_to_string(kept.join("moi.html")).unwrap(), "mới");
        assert_eq!(names(dir.path()), [".public.ban-truoc", "b-doc", "public"]);
    }

    /// A file kept from the previous output, as `pccc build` hands it over.
    fn kept_from(public: &Path, path: &str) -> Output {
        let source = public.join(path);
        let stamp = Stamp::of(&source).unwrap();
        Output { path: path.into(), content: Content::Kept { source, stamp } }
    }

    /// Writes `outputs` into `public` with both compressed copies, as a build with
    /// `precompress = ["gzip", "br"]`.
    fn compressed(outputs: &[Output], public: &Path) -> Result<Written, Problems> {
        let mut staging = Staging::new(public);
        staging.precompress(crate::config::Precompress { gzip: true, brotli: true });
        staging.write(outputs);
        staging.finish()
    }

    #[cfg(unix)]
    #[test]
    fn files_kept_from_the_previous_output_are_its_own_with_their_copies() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let inode = |p: &str| std::fs::metadata(public.join(p)).unwrap().ino();
        let page = "<p>Gọi 114 khi có cháy.</p>\n".repeat(20);
        compressed(&[out("a/index.html", &page), out("b/index.html", &page)], &public).unwrap();
        let first = ["a/index.html", "a/index.html.gz", "a/index.html.br"].map(inode);
        let files = |dir: &Path| -> Vec<(String, Vec<u8>)> {
            let walk = walkdir::WalkDir::new(dir).sort_by_file_name().into_iter();
            let files = walk.map(Result::unwrap).filter(|e| e.file_type().is_file());
            let file = |e: walkdir::DirEntry| {
                let name = e.path().strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(e.path()).unwrap())
            };
            files.map(file).filter(|(name, _)| !name.starts_with(".pccc/")).collect()
        };
        let before = files(&public);
        assert_eq!(before.len(), 7, "the marker, two pages and their copies");
        // Over an output (the second build), then over the one before it (the third).
        for build in ["second", "third"] {
            let written = compressed(
                &[kept_from(&public, "a/index.html"), out("b/index.html", &page)],
                &public,
            )
            .unwrap();
            assert_eq!((written.files, written.unchanged), (6, 6), "{build}");
            let now = ["a/index.html", "a/index.html.gz", "a/index.html.br"].map(inode);
            assert_eq!(now, first, "{build}: the same files and copies, neither read nor written");
            assert!(files(&public) == before, "{build}: other files than the first build's");
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_kept_file_the_reused_tree_holds_as_another_file_is_compared_not_replaced() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
        let pages = [out("a/index.html", "một"), out("b/index.html", "hai")];
        write(&pages, &public).unwrap();
        write(&pages, &public).unwrap();
        let kept = dir.path().join(".public.ban-truoc");
        // The kept tree's file made anew with the same bytes (copied back from elsewhere, say):
        // it shares no file with the output.
        std::fs::remove_file(kept.join("a/index.html")).unwrap();
        std::fs::write(kept.join("a/index.html"), "một").unwrap();
        let older = inode(&kept.join("a/index.html"));
        assert_ne!(inode(&public.join("a/index.html")), older);
        let written =
            write(&[kept_from(&public, "a/index.html"), out("b/index.html", "HAI")], &public)
                .unwrap();
        assert_eq!((written.files, written.unchanged), (2, 1));
        assert_eq!(inode(&public.join("a/index.html")), older, "the reused tree's file, kept");
        assert_eq!(std::fs::read_to_string(public.join("a/index.html")).unwrap(), "một");
    }

    #[cfg(unix)]
    #[test]
    fn a_deleted_output_is_made_again_from_the_tree_kept_beside_it() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let inode = |p: &Path| std::fs::metadata(p).unwrap().ino();
        let pages = [out("a/index.html", "một"), out("b/index.html", "hai"), out("c", "ba")];
        write(&pages, &public).unwrap();
        write(&pages, &public).unwrap();
        let kept = dir.path().join(".public.ban-truoc");
        let a = inode(&kept.join("a/index.html"));
        std::fs::remove_dir_all(&public).unwrap();
        // Built from nothing, but into the kept tree: files with the same bytes stay, the others
        // are replaced, what the site lacks goes.
        let written =
            write(&[out("a/index.html", "một"), out("b/index.html", "HAI")], &public).unwrap();
        assert_eq!((written.files, written.unchanged), (2, 1));
        assert_eq!(inode(&public.join("a/index.html")), a, "the kept tree's file");
        assert_eq!(
            tree(&public),
            expected(&[
                (".pccc-output", target::MARKER_TEXT),
                ("a/", ""),
                ("a/index.html", "một"),
                ("b/", ""),
                ("b/index.html", "HAI"),
            ]),
        );
        assert!(!kept.exists(), "made into the output");
        // The builds after share their files with the trees they reuse: a kept page is the same
        // file in both, and is neither compared nor replaced.
        write(&[out("a/index.html", "một"), out("b/index.html", "HAI")], &public).unwrap();
        assert_eq!(inode(&kept.join("a/index.html")), a);
        let written =
            write(&[kept_from(&public, "a/index.html"), out("b/index.html", "HAI")], &public)
                .unwrap();
        assert_eq!((written.files, written.unchanged), (2, 2));
        assert_eq!(inode(&public.join("a/index.html")), a);
        assert_eq!(inode(&kept.join("a/index.html")), a);
    }

    #[cfg(unix)]
    #[test]
    fn a_kept_file_replaced_meanwhile_fails_the_write_and_says_why() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write(&[out("a/index.html", "một"), out("b/index.html", "hai")], &public).unwrap();
        let a = kept_from(&public, "a/index.html");
        // Other builds switch in outputs of their own after this one looked: the file is in
        // neither the output nor the tree kept beside it (had it been, it would be kept).
        write(&[out("a/index.html", "MỘT"), out("b/index.html", "hai")], &public).unwrap();
        write(&[out("a/index.html", "Một"), out("b/index.html", "hai")], &public).unwrap();
        let before = tree(&public);
        let mut staging = Staging::new(&public);
        staging.write(&[a, out("b/index.html", "hai")]);
        assert!(staging.kept_gone());
        let problems = staging.finish().unwrap_err().render(false);
        assert!(
            problems.contains("tệp của lần dựng trước đã bị thay trong lúc dựng"),
            "{problems}"
        );
        assert_eq!(tree(&public), before, "the output as the other build left it");
        // A write that fails otherwise is not taken for that.
        let mut staging = Staging::new(&public);
        staging.write(&[out("../ra-ngoai.html", "x")]);
        assert!(!staging.kept_gone());
    }

    #[cfg(unix)]
    #[test]
    fn a_kept_tree_that_is_a_link_or_not_pccc_s_is_left_alone_and_links_in_one_not_followed() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let kept = dir.path().join(".public.ban-truoc");
        let outside = dir.path().join("nguon");
        std::fs::create_dir_all(outside.join("a")).unwrap();
        std::fs::write(outside.join("a/index.html"), "nguồn").unwrap();
        std::fs::write(outside.join(target::MARKER), target::MARKER_TEXT).unwrap();
        std::os::unix::fs::symlink(&outside, &kept).unwrap();
        for text in ["một", "hai", "ba"] {
            write(&[out("a/index.html", text)], &public).unwrap();
            assert_eq!(std::fs::read_to_string(public.join("a/index.html")).unwrap(), text);
        }
        assert_eq!(std::fs::read_to_string(outside.join("a/index.html")).unwrap(), "nguồn");
        assert!(std::fs::symlink_metadata(&kept).unwrap().is_symlink());

        // A folder of that name without the marker is not an output of pccc's.
        std::fs::remove_file(&kept).unwrap();
        std::fs::create_dir(&kept).unwrap();
        std::fs::write(kept.join("ghi-chu.txt"), "của ai đó").unwrap();
        for text in ["bốn", "năm"] {
            write(&[out("a/index.html", text)], &public).unwrap();
        }
        assert_eq!(names(&kept), ["ghi-chu.txt"]);

        // In a kept tree, a link where a folder or a file was is replaced, not followed.
        std::fs::remove_dir_all(&kept).unwrap();
        write(&[out("a/index.html", "sáu"), out("b.html", "sáu")], &public).unwrap();
        write(&[out("a/index.html", "bảy"), out("b.html", "bảy")], &public).unwrap();
        std::fs::remove_dir_all(kept.join("a")).unwrap();
        std::os::unix::fs::symlink(outside.join("a"), kept.join("a")).unwrap();
        std::fs::remove_file(kept.join("b.html")).unwrap();
        std::os::unix::fs::symlink(outside.join("a/index.html"), kept.join("b.html")).unwrap();
        write(&[out("a/index.html", "tám"), out("b.html", "tám")], &public).unwrap();
        assert_eq!(std::fs::read_to_string(outside.join("a/index.html")).unwrap(), "nguồn");
        assert_eq!(names(&outside), [".pccc-output", "a"]);
        for file in ["a/index.html", "b.html"] {
            assert!(std::fs::symlink_metadata(public.join(file)).unwrap().is_file(), "{file}");
            assert_eq!(std::fs::read_to_string(public.join(file)).unwrap(), "tám");
        }
        assert!(std::fs::symlink_metadata(public.join("a")).unwrap().is_dir());
    }

    #[test]
    fn the_cache_folder_is_pccc_s_own() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        let err = write(&[out(".pccc/dang-ghi", "x")], &public).unwrap_err().to_string();
        assert!(err.contains("thư mục `.pccc/` là của riêng pccc"), "{err}");
        assert!(!public.exists());
    }

    #[cfg(unix)]
    #[test]
    fn folders_left_by_dead_builds_are_removed_and_a_live_builds_kept() {
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write(&[out("index.html", "một")], &public).unwrap();
        let beside = |name: &str| dir.path().join(name);
        for dead in [".public.dang-dung-999999", ".public.cu-999998", ".public.dang-dung-9-1"] {
            std::fs::create_dir_all(beside(dead).join("a")).unwrap();
            std::fs::write(beside(dead).join("a/index.html"), "dở").unwrap();
        }
        std::fs::create_dir(public.join(".pccc-dang-dung-999996")).unwrap();
        let live = beside(".public.dang-dung-999997");
        std::fs::create_dir(&live).unwrap();
        std::fs::write(live.join("index.html"), "đang dựng").unwrap();
        let held = lock::Lock::try_take(&live).unwrap().expect("free");
        std::fs::create_dir(beside(".public.dang-dung-ghi-chu")).unwrap();

        write(&[out("index.html", "hai")], &public).unwrap();
        assert_eq!(
            names(dir.path()),
            [
                ".public.ban-truoc",
                ".public.dang-dung-999997",
                ".public.dang-dung-ghi-chu",
                "public"
            ]
        );
        assert_eq!(names(&public), [".pccc-output", "index.html"]);
        assert_eq!(std::fs::read_to_string(live.join("index.html")).unwrap(), "đang dựng");
        drop(held);
        write(&[out("index.html", "ba")], &public).unwrap();
        assert_eq!(names(dir.path()), [".public.ban-truoc", ".public.dang-dung-ghi-chu", "public"]);
    }

    #[cfg(unix)]
    #[test]
    fn an_output_that_cannot_be_switched_is_updated_in_place() {
        use std::os::unix::fs::MetadataExt;
        let dir = tempfile::tempdir().unwrap();
        let public = dir.path().join("public");
        write(
            &[out("a/index.html", "một"), out("b/index.html", "hai"), out("cu/index.html", "cũ")],
            &public,
        )
        .unwrap();
        let kept = std::fs::metadata(public.join("a/index.html")).unwrap().ino();
        std::fs::create_dir(public.join(".pccc-dang-dung-999996")).unwrap();
        let live = public.join(".pccc-dang-dung-999997");
        std::fs::create_dir(&live).unwrap();
        std::fs::write(live.join("x.html"), "đang dựng").unwrap();
        let held = lock::Lock::try_take(&live).unwrap().expect("free");

        let mut staging = Staging::new(&public);
        staging.forced = Some(InPlace::ParentReadOnly);
        staging.write(&[out("a/index.html", "một"), out("b/index.html", "HAI")]);
        let written = staging.finish().unwrap();
        assert_eq!((written.files, written.unchanged), (2, 1));
        assert_eq!(written.in_place, Some(InPlace::ParentReadOnly));
        assert_eq!(std::fs::metadata(public.join("a/index.html")).unwrap().ino(), kept);
        assert_eq!(std::fs::read_to_string(public.join("b/index.html")).unwrap(), "HAI");
        // The dead build's folder and the stale page went; the live build's folder stayed.
        assert_eq!(names(&public), [".pccc-dang-dung-999997", ".pccc-output", "a", "b"]);
        assert_eq!(std::fs::read_to_string(live.join("x.html")).unwrap(), "đang dựng");
        assert_eq!(names(dir.path()), ["public"]);
        drop(held);
    }

    #[test]
    fn the_in_place_warning_says_what_to_change() {
        let warning = InPlace::ParentReadOnly.warning(Path::new("/var/www/phuong")).render(false);
        assert_eq!(
            warning,
            "cảnh báo: pccc không được ghi vào `/var/www`, thư mục chứa thư mục xuất, nên bản mới được chép đè từng tệp một: nếu lần dựng bị ngắt giữa chừng (mất điện, kill -9), trang có thể lẫn tệp cũ và mới cho tới lần dựng sau\n--> /var/www/phuong\n = gợi ý: cho người dựng trang quyền ghi vào `/var/www`, để pccc dựng bản mới bên cạnh rồi thay cả thư mục trong một bước"
        );
        let warning = InPlace::MountPoint.warning(Path::new("/srv/public")).render(false);
        assert_eq!(
            warning,
            "cảnh báo: thư mục xuất là một điểm gắn ổ đĩa (mount point), không đổi tên được, nên bản mới được chép đè từng tệp một: nếu lần dựng bị ngắt giữa chừng (mất điện, kill -9), trang có thể lẫn tệp cũ và mới cho tới lần dựng sau\n--> /srv/public\n = gợi ý: gắn ổ vào thư mục cha rồi cho output_dir trỏ tới một thư mục con trong đó, để pccc thay cả thư mục trong một bước"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn a_mount_point_is_told_apart() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("public")).unwrap();
        assert!(!mount_point(&dir.path().join("public")));
        assert!(mount_point(Path::new("/proc")), "/proc is mounted on its own");
    }
}
