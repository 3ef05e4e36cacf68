//! File-system helpers that put the path into every error, so a failure always names its file.

use std::fs;
use std::path::{Component, Path, PathBuf};

use crate::diagnostic::{Diagnostic, io_error};

/// Reads a whole file.
pub fn read(path: &Path, shown: &Path) -> Result<Vec<u8>, Diagnostic> {
    fs::read(path).map_err(|e| io_error(shown, "đọc", &e))
}

/// Reads a whole file of at most `limit` bytes; `None` when it is larger. The bytes are
/// counted as they are read, so a file that grows meanwhile cannot pass either.
pub fn read_at_most(path: &Path, shown: &Path, limit: u64) -> Result<Option<Vec<u8>>, Diagnostic> {
    use std::io::Read;
    let file = fs::File::open(path).map_err(|e| io_error(shown, "đọc", &e))?;
    let mut bytes = Vec::new();
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| io_error(shown, "đọc", &e))?;
    Ok((bytes.len() as u64 <= limit).then_some(bytes))
}

/// Writes a whole file, creating its parent folders.
pub fn write(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    if let Some(parent) = path.parent() {
        create_dir_all(parent)?;
    }
    fs::write(path, bytes).map_err(|e| io_error(path, "ghi", &e))
}

/// Copies a file, creating the destination's parent folders.
pub fn copy(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    if let Some(parent) = to.parent() {
        create_dir_all(parent)?;
    }
    fs::copy(from, to).map(drop).map_err(|e| io_error(from, "sao chép", &e))
}

/// Writes a new file into an existing folder. An existing file is never opened: in a staging
/// folder it could be a hard link to the previous output's file, which writing would change.
pub fn write_new(path: &Path, bytes: &[u8]) -> Result<(), Diagnostic> {
    use std::io::Write;
    fs::File::options()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| file.write_all(bytes))
        .map_err(|e| io_error(path, "ghi", &e))
}

/// Copies a file to a new file in an existing folder, with its permissions, as [`write_new`]
/// writes; returns the bytes copied.
pub fn copy_new(from: &Path, to: &Path) -> Result<u64, Diagnostic> {
    let mut source = fs::File::open(from).map_err(|e| io_error(from, "sao chép", &e))?;
    let permissions = source.metadata().map_err(|e| io_error(from, "sao chép", &e))?.permissions();
    let copied =
        fs::File::options().write(true).create_new(true).open(to).and_then(|mut target| {
            let copied = std::io::copy(&mut source, &mut target)?;
            target.set_permissions(permissions)?;
            Ok(copied)
        });
    copied.map_err(|e| io_error(to, "ghi", &e))
}

/// Creates one folder whose parent exists.
pub fn create_dir(path: &Path) -> Result<(), Diagnostic> {
    fs::create_dir(path).map_err(|e| io_error(path, "tạo thư mục", &e))
}

/// Creates a folder and its parents.
pub fn create_dir_all(path: &Path) -> Result<(), Diagnostic> {
    fs::create_dir_all(path).map_err(|e| io_error(path, "tạo thư mục", &e))
}

/// Removes a folder and everything in it.
pub fn remove_dir_all(path: &Path) -> Result<(), Diagnostic> {
    fs::remove_dir_all(path).map_err(|e| io_error(path, "xoá thư mục", &e))
}

/// Deletes a file.
pub fn remove_file(path: &Path) -> Result<(), Diagnostic> {
    fs::remove_file(path).map_err(|e| io_error(path, "xoá", &e))
}

/// Renames a file or folder.
pub fn rename(from: &Path, to: &Path) -> Result<(), Diagnostic> {
    fs::rename(from, to).map_err(|e| io_error(from, "đổi tên", &e))
}

/// `path` relative to `base` for messages, or `path` itself when it is outside `base`.
pub fn relative<'a>(path: &'a Path, base: &Path) -> &'a Path {
    path.strip_prefix(base).unwrap_or(path)
}

/// Normalises `.` and `..` without touching the disk; `None` if `..` climbs above the start.
pub fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            other => out.push(other),
        }
    }
    Some(out)
}

/// Why [`resolve`] could not say where a path leads.
#[derive(Debug)]
pub enum Unresolved {
    /// `link` is a symbolic link to `target`, which does not exist.
    Dangling {
        /// The link.
        link: PathBuf,
        /// What it points to, as written in the link.
        target: PathBuf,
    },
    /// `link` is a symbolic link that cannot be followed: a loop, or a folder on the way that
    /// may not be read.
    Unfollowable {
        /// The link.
        link: PathBuf,
        /// What the system said.
        error: std::io::Error,
    },
    /// The file system refused to answer for `path`.
    Io(PathBuf, std::io::Error),
}

/// Where the absolute `path` leads on disk: every symbolic link on the way is followed, and a
/// `..` steps back from where the link led, as the kernel reads the path. Parts that do not
/// exist yet are appended as written.
pub fn resolve(path: &Path) -> Result<PathBuf, Unresolved> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::Prefix(_) | Component::RootDir => out.push(component),
            Component::CurDir => {}
            Component::ParentDir => {
                out.pop();
            }
            Component::Normal(name) => {
                let next = out.join(name);
                out = match fs::symlink_metadata(&next) {
                    Ok(meta) => {
                        fs::canonicalize(&next).map_err(|e| match fs::read_link(&next) {
                            Ok(target) if e.kind() == std::io::ErrorKind::NotFound => {
                                Unresolved::Dangling { link: next.clone(), target }
                            }
                            _ if meta.file_type().is_symlink() => {
                                Unresolved::Unfollowable { link: next.clone(), error: e }
                            }
                            _ => Unresolved::Io(next.clone(), e),
                        })?
                    }
                    // Not there yet, or under a file: the rest is appended as written, and
                    // whoever writes there meets the file.
                    Err(e)
                        if matches!(
                            e.kind(),
                            std::io::ErrorKind::NotFound | std::io::ErrorKind::NotADirectory
                        ) =>
                    {
                        next
                    }
                    Err(e) => return Err(Unresolved::Io(next, e)),
                };
            }
        }
    }
    Ok(out)
}

/// Joins a `/`-separated site path (such as `bai-viet/a/index.html`) to `base`, refusing any
/// path that is absolute or climbs out of `base`.
pub fn join_inside(base: &Path, rel: &str) -> Option<PathBuf> {
    let mut out = base.to_path_buf();
    for part in rel.split('/') {
        match part {
            "" | "." => {}
            ".." => return None,
            part if part.contains('\\') || part.contains(':') => return None,
            part => out.push(part),
        }
    }
    (out != base).then_some(out)
}

/// What a file looked like on disk when pccc wrote it (a file of the output): its size,
/// modification time and (on Unix) inode. A hand edit or a copy over it changes at least one of them (an
/// editor that saves by renaming gives a new inode, one that writes in place a new time).
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Stamp {
    /// Bytes.
    pub size: u64,
    /// Modification time: seconds and nanoseconds since 1970.
    pub modified: (i64, u32),
    /// The inode, where the system has one; else 0.
    pub inode: u64,
}

impl Stamp {
    /// The stamp of the file at `path` (not through a link); `None` if it is not a file.
    pub fn of(path: &Path) -> Option<Stamp> {
        Stamp::of_metadata(&std::fs::symlink_metadata(path).ok()?)
    }

    /// The stamp of the file `meta` describes; `None` if it is not a file.
    pub fn of_metadata(meta: &std::fs::Metadata) -> Option<Stamp> {
        if !meta.is_file() {
            return None;
        }
        let modified = meta.modified().ok()?;
        let since = match modified.duration_since(std::time::UNIX_EPOCH) {
            Ok(after) => (i64::try_from(after.as_secs()).ok()?, after.subsec_nanos()),
            Err(before) => (-i64::try_from(before.duration().as_secs()).ok()?, 0),
        };
        #[cfg(unix)]
        let inode = std::os::unix::fs::MetadataExt::ino(meta);
        #[cfg(not(unix))]
        let inode = 0;
        Some(Stamp { size: meta.len(), modified: since, inode })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn join_inside_refuses_escapes() {
        let base = Path::new("/site/public");
        assert_eq!(join_inside(base, "a/b.html"), Some(PathBuf::from("/site/public/a/b.html")));
        assert_eq!(join_inside(base, "/a/./b/"), Some(PathBuf::from("/site/public/a/b")));
        assert_eq!(join_inside(base, "../etc/passwd"), None);
        assert_eq!(join_inside(base, "a/../../x"), None);
        assert_eq!(join_inside(base, "a\\..\\x"), None);
        assert_eq!(join_inside(base, "C:/x"), None);
        assert_eq!(join_inside(base, ""), None);
    }

    #[test]
    fn read_at_most_stops_past_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.csv");
        fs::write(&path, "1234567890").unwrap();
        let shown = Path::new("a.csv");
        assert_eq!(read_at_most(&path, shown, 10).unwrap().as_deref(), Some(&b"1234567890"[..]));
        assert_eq!(read_at_most(&path, shown, 9).unwrap(), None);
    }

    #[test]
    fn normalize_handles_dots() {
        assert_eq!(normalize(Path::new("a/./b/../c")), Some(PathBuf::from("a/c")));
        assert_eq!(normalize(Path::new("../a")), None);
    }

    #[cfg(unix)]
    #[test]
    fn resolve_follows_links_before_stepping_back() {
        let dir = tempfile::tempdir().unwrap();
        let root = fs::canonicalize(dir.path()).unwrap();
        fs::create_dir_all(root.join("site/content/bai-viet")).unwrap();
        std::os::unix::fs::symlink("content", root.join("site/out")).unwrap();
        std::os::unix::fs::symlink(root.join("site/content/bai-viet"), root.join("site/sau"))
            .unwrap();
        let r = |p: &str| resolve(&root.join(p)).unwrap();
        assert_eq!(r("site/out"), root.join("site/content"));
        assert_eq!(r("site/out/moi/x"), root.join("site/content/moi/x"));
        // `sau/..` is `content`, not `site`: the link is followed first.
        assert_eq!(r("site/sau/../public"), root.join("site/content/public"));
        assert_eq!(r("site/./chua-co/../public"), root.join("site/public"));
        std::os::unix::fs::symlink(root.join("khong-co"), root.join("site/hong")).unwrap();
        match resolve(&root.join("site/hong/x")) {
            Err(Unresolved::Dangling { link, target }) => {
                assert_eq!(link, root.join("site/hong"));
                assert_eq!(target, root.join("khong-co"));
            }
            other => panic!("{other:?}"),
        }
        std::os::unix::fs::symlink("vong", root.join("site/vong")).unwrap();
        assert!(matches!(
            resolve(&root.join("site/vong/x")),
            Err(Unresolved::Unfollowable { link, .. }) if link == root.join("site/vong")
        ));
        fs::write(root.join("site/tep.md"), "x").unwrap();
        assert_eq!(r("site/tep.md/con"), root.join("site/tep.md/con"));
    }
}
