//! The folders a build works in beside (or inside) the output, how a live build claims them, and
//! their removal: those that a build which died (kill -9, a power cut) left behind, and a
//! build's own once it is done with them ([`remove_tree`], which the switch and the writer use).
//! It imports none of its sibling files, so `publish` and `interrupt` build on it.
//!
//! A build holds an exclusive lock (`flock`, through [`std::fs::File::try_lock`]) on its staging
//! folder from the moment it makes it until the folder is gone, and on the old output while it
//! switches it out and removes it. The kernel releases the lock when the process ends, however
//! it ends, and a new process that happens to get a dead one's pid does not inherit it (a pid
//! check would take that folder for a live one, or worse, a live folder for a dead one). So a
//! build removes a folder of this kind exactly when it can take its lock; the folder of a build
//! running at the same time is locked and left alone.
//!
//! Where the file system has no locks (some network file systems), nothing is removed that could
//! be live: a folder whose lock cannot be taken stays.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

/// How a staging folder beside the output is named after it: `.public.dang-dung-<pid>`.
const BESIDE: &str = "dang-dung";

/// How an old output moved aside by the two-rename switch is named: `.public.cu-<pid>`.
const ASIDE: &str = "cu";

/// How the output before the last one is kept beside the output for the next build to start
/// from: `.public.ban-truoc`. No build's own, so no sweep removes it.
const KEPT: &str = "ban-truoc";

/// The name of a staging folder inside the output (when the output's parent may not be
/// written): `.pccc-dang-dung-<pid>`.
const INSIDE: &str = ".pccc-dang-dung-";

/// How many names [`make_locked`] tries before giving up.
const ATTEMPTS: u32 = 8;

/// An exclusive lock on a folder, held until dropped.
#[derive(Debug)]
pub(crate) struct Lock {
    file: File,
}

impl Lock {
    /// Takes the lock on the folder at `dir` if no other open handle holds it: `Ok(None)` when
    /// one does. An error means the folder is gone or cannot be locked on this file system.
    pub(crate) fn try_take(dir: &Path) -> io::Result<Option<Lock>> {
        let file = open_folder(dir)?;
        match file.try_lock() {
            Ok(()) => Ok(Some(Lock { file })),
            Err(std::fs::TryLockError::WouldBlock) => Ok(None),
            Err(std::fs::TryLockError::Error(e)) => Err(e),
        }
    }

    /// Takes the lock on the folder at `dir`, waiting for whoever holds it.
    pub(crate) fn take(dir: &Path) -> io::Result<Lock> {
        let file = open_folder(dir)?;
        file.lock()?;
        Ok(Lock { file })
    }

    /// Whether the locked folder is still the one at `dir`: a folder may be removed or
    /// replaced between opening and locking it.
    pub(crate) fn is_at(&self, dir: &Path) -> bool {
        match (self.file.metadata(), std::fs::symlink_metadata(dir)) {
            (Ok(held), Ok(there)) => same_file(&held, &there),
            _ => false,
        }
    }
}

#[cfg(unix)]
fn open_folder(dir: &Path) -> io::Result<File> {
    File::open(dir)
}

/// Folders cannot be opened as files elsewhere; such a folder counts as unlockable.
#[cfg(not(unix))]
fn open_folder(_dir: &Path) -> io::Result<File> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Whether two metadata describe one file. Elsewhere than on Unix this cannot be told, and
/// the answer is no: files are then written anew instead of linked.
#[cfg(unix)]
pub(crate) fn same_file(a: &std::fs::Metadata, b: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    (a.dev(), a.ino()) == (b.dev(), b.ino())
}

#[cfg(not(unix))]
pub(crate) fn same_file(_a: &std::fs::Metadata, _b: &std::fs::Metadata) -> bool {
    false
}

/// The name of the staging folder beside the output folder `output`.
pub(crate) fn beside_name(output: &str, pid: u32, attempt: u32) -> String {
    format!(".{output}.{BESIDE}-{}", numbered(pid, attempt))
}

/// The name under which the two-rename switch moves the old output `output` aside.
pub(crate) fn aside_name(output: &str, pid: u32) -> String {
    format!(".{output}.{ASIDE}-{pid}")
}

/// The name under which the switch keeps the output it replaced, beside the output folder
/// `output`, for the next build (see [`super::Staging`]).
pub(crate) fn kept_name(output: &str) -> String {
    format!(".{output}.{KEPT}")
}

/// The name of a staging folder inside the output.
pub(crate) fn inside_name(pid: u32, attempt: u32) -> String {
    format!("{INSIDE}{}", numbered(pid, attempt))
}

/// `1234`, then `1234-1`, `1234-2`: another machine or container sharing the folder may run a
/// build under the same pid.
fn numbered(pid: u32, attempt: u32) -> String {
    if attempt == 0 { pid.to_string() } else { format!("{pid}-{attempt}") }
}

/// Whether `entry`, a name in the output's parent folder, is a staging folder or an old output
/// moved aside, of the output folder named `output`.
pub(crate) fn is_beside(entry: &str, output: &str) -> bool {
    let Some(rest) = entry.strip_prefix('.').and_then(|r| r.strip_prefix(output)) else {
        return false;
    };
    [BESIDE, ASIDE].iter().any(|kind| {
        rest.strip_prefix('.')
            .and_then(|r| r.strip_prefix(kind))
            .and_then(|r| r.strip_prefix('-'))
            .is_some_and(is_numbered)
    })
}

/// Whether `entry`, a name inside the output folder, is a staging folder.
pub(crate) fn is_inside(entry: &str) -> bool {
    entry.strip_prefix(INSIDE).is_some_and(is_numbered)
}

/// `1234` or `1234-5`, as [`numbered`] writes them, with [`doomed`]'s `-0` after either.
fn is_numbered(text: &str) -> bool {
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let parts: Vec<&str> = text.split('-').collect();
    (1..=3).contains(&parts.len()) && parts.iter().all(|p| digits(p))
}

/// The name a stopped build moves one of its folders to before removing it: beside it, never
/// one [`make_locked`] gives, and one the sweep of the next build recognises.
pub(crate) fn doomed(dir: &Path) -> PathBuf {
    let mut name = dir.file_name().unwrap_or_default().to_os_string();
    name.push("-0");
    dir.with_file_name(name)
}

/// Removes the folders in `folder` whose names `ours` accepts and whose lock can be taken: those
/// of builds that are no longer running. Returns the paths removed.
pub(crate) fn sweep(folder: &Path, ours: impl Fn(&str) -> bool) -> Vec<PathBuf> {
    let Ok(entries) = std::fs::read_dir(folder) else { return Vec::new() };
    let mut removed = Vec::new();
    for entry in entries.flatten() {
        // Not through a link: pccc makes none of these, and what a link leads to is not ours.
        let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
        if !is_dir || !entry.file_name().to_str().is_some_and(&ours) {
            continue;
        }
        let path = entry.path();
        if let Ok(Some(lock)) = Lock::try_take(&path)
            && lock.is_at(&path)
        {
            remove_tree(&path);
            drop(lock);
            removed.push(path);
        }
    }
    removed
}

/// Deletes a folder tree, its subfolders two levels down in parallel: deleting a large old
/// output one file after another took longer than building the new one. Errors are ignored:
/// what is left is removed by the next build's sweep.
pub(crate) fn remove_tree(dir: &Path) {
    // (path, is a folder, not a link to one)
    let children = |d: &Path| -> Vec<(PathBuf, bool)> {
        std::fs::read_dir(d)
            .map(|r| {
                r.flatten().map(|e| (e.path(), e.file_type().is_ok_and(|t| t.is_dir()))).collect()
            })
            .unwrap_or_default()
    };
    let remove = |(path, is_dir): &(PathBuf, bool)| {
        let _ = if *is_dir { std::fs::remove_dir_all(path) } else { std::fs::remove_file(path) };
    };
    let top = children(dir);
    let second: Vec<(PathBuf, bool)> =
        top.iter().filter(|(_, is_dir)| *is_dir).flat_map(|(p, _)| children(p)).collect();
    second.par_iter().for_each(remove);
    top.par_iter().for_each(remove);
    let _ = std::fs::remove_dir_all(dir);
}

/// Makes a new folder in `parent`, named by `name` (given the attempt number), and locks it.
/// The lock is `None` where the file system has none.
pub(crate) fn make_locked(
    parent: &Path,
    name: impl Fn(u32) -> String,
) -> io::Result<(PathBuf, Option<Lock>)> {
    for attempt in 0..ATTEMPTS {
        let path = parent.join(name(attempt));
        match std::fs::create_dir(&path) {
            // Another build's, live (a dead one's would have been swept): take the next name.
            Err(e) if e.kind() == io::ErrorKind::AlreadyExists => continue,
            Err(e) => return Err(e),
            Ok(()) => {}
        }
        match Lock::try_take(&path) {
            Ok(Some(lock)) if lock.is_at(&path) => return Ok((path, Some(lock))),
            // Another build's sweep took the new folder for a dead one between making and
            // locking it, and is removing it: make another.
            Ok(_) => continue,
            Err(e) if e.kind() == io::ErrorKind::NotFound => continue,
            Err(_) => return Ok((path, None)),
        }
    }
    Err(io::Error::new(
        io::ErrorKind::AlreadyExists,
        "các thư mục tạm đều đang được lần dựng khác dùng",
    ))
}

#[cfg(all(test, unix))]
mod tests {
    use super::*;

    #[test]
    fn names_are_recognised_strictly() {
        let pid = 4321;
        assert_eq!(beside_name("public", pid, 0), ".public.dang-dung-4321");
        assert_eq!(beside_name("public", pid, 2), ".public.dang-dung-4321-2");
        assert_eq!(aside_name("public", pid), ".public.cu-4321");
        assert_eq!(inside_name(pid, 1), ".pccc-dang-dung-4321-1");
        assert_eq!(kept_name("public"), ".public.ban-truoc");
        for name in [
            ".public.dang-dung-4321",
            ".public.dang-dung-4321-2",
            ".public.cu-4321",
            ".public.dang-dung-4321-2-0",
            ".public.cu-4321-0",
        ] {
            assert!(is_beside(name, "public"), "{name}");
        }
        for name in [
            ".public.dang-dung-",
            ".public.dang-dung-12a",
            ".public.dang-dung-1-",
            ".public.dang-dung-1-2-3-4",
            ".public.dang-dung-1--2",
            ".public.dang-dung-4321.bak",
            ".html.dang-dung-4321",
            "public.dang-dung-4321",
            ".public.cu-moi",
            ".public.cu",
            ".publicx.cu-1",
            ".public.ban-truoc",
            ".pccc-dang-dung-4321",
        ] {
            assert!(!is_beside(name, "public"), "{name}");
        }
        assert!(is_inside(".pccc-dang-dung-4321") && is_inside(".pccc-dang-dung-4321-7"));
        for dir in [".public.dang-dung-4321", ".public.dang-dung-4321-2", ".public.cu-4321"] {
            let gone = doomed(&Path::new("/var/www").join(dir));
            assert_eq!(gone.parent(), Some(Path::new("/var/www")));
            let name = gone.file_name().unwrap().to_str().unwrap();
            assert!(is_beside(name, "public") && name != dir, "{name}");
        }
        let gone = doomed(Path::new("/var/www/html/.pccc-dang-dung-4321"));
        assert!(is_inside(gone.file_name().unwrap().to_str().unwrap()));
        assert!(!is_inside(".pccc-dang-dung-") && !is_inside(".pccc-output"));
        assert!(!is_inside(".public.dang-dung-4321"));
    }

    #[test]
    fn sweep_removes_unlocked_folders_and_leaves_locked_ones() {
        let dir = tempfile::tempdir().unwrap();
        let dead = dir.path().join(".public.dang-dung-1");
        let live = dir.path().join(".public.dang-dung-2");
        let other = dir.path().join(".html.dang-dung-3");
        for folder in [&dead, &live, &other] {
            std::fs::create_dir_all(folder.join("a/b")).unwrap();
            std::fs::write(folder.join("a/b/index.html"), "x").unwrap();
        }
        std::fs::write(dir.path().join(".public.cu-4"), "a file, not a folder").unwrap();
        // A lock taken through another open handle conflicts, even in the same process.
        let held = Lock::try_take(&live).unwrap().expect("free");
        assert!(Lock::try_take(&live).unwrap().is_none());
        let removed = sweep(dir.path(), |n| is_beside(n, "public"));
        assert_eq!(removed, vec![dead.clone()]);
        assert!(!dead.exists() && live.join("a/b/index.html").exists() && other.exists());
        assert!(dir.path().join(".public.cu-4").is_file());
        drop(held);
        assert_eq!(sweep(dir.path(), |n| is_beside(n, "public")), vec![live.clone()]);
    }

    #[test]
    fn a_new_folder_is_locked_and_takes_the_next_name_when_taken() {
        let dir = tempfile::tempdir().unwrap();
        let name = |attempt| beside_name("public", 7, attempt);
        let (first, lock) = make_locked(dir.path(), name).unwrap();
        assert_eq!(first, dir.path().join(".public.dang-dung-7"));
        let lock = lock.expect("locks work here");
        assert!(lock.is_at(&first));
        assert!(Lock::try_take(&first).unwrap().is_none(), "held by its maker");
        let (second, _lock) = make_locked(dir.path(), name).unwrap();
        assert_eq!(second, dir.path().join(".public.dang-dung-7-1"));
    }

    #[test]
    fn a_lock_knows_when_its_folder_was_replaced() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("x");
        std::fs::create_dir(&path).unwrap();
        let lock = Lock::take(&path).unwrap();
        assert!(lock.is_at(&path));
        std::fs::rename(&path, dir.path().join("y")).unwrap();
        std::fs::create_dir(&path).unwrap();
        assert!(!lock.is_at(&path));
    }
}
