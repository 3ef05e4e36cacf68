//! Putting a finished output in place of the old one.
//!
//! A complete new tree, staged beside the output, is switched in with one
//! `renameat2(RENAME_EXCHANGE)` (`renameatx_np(RENAME_SWAP)` on macOS): the output's name leads
//! to the old tree before the call and to the new tree after it, with no moment in between, so
//! whatever stops pccc (kill -9, Ctrl-C, a power cut) leaves exactly one of the two in place. The
//! old tree, now under the staging name, is then kept beside the output
//! ([`super::lock::kept_name`]) for the next build to make its tree from (see
//! [`super::Staging`]). Before the switch the new files are flushed to disk (`syncfs`), so that
//! after a power cut the switched-in tree has its bytes; a first output, with no previous one to
//! lose, is renamed in without it.
//!
//! Where the exchange is not available (other systems, or file systems that answer EINVAL or
//! ENOSYS), the switch is two renames, the old output aside and then the new one in: between
//! them the output's name leads nowhere for a moment (a web server answers 404), and a process
//! killed right there leaves no output until the next build, which makes it again. The old tree
//! stays whole beside it (`.public.cu-<pid>`) until that build removes it.
//!
//! [`update`] is the other way, for outputs that cannot be switched whole (see
//! [`super::InPlace`]): changed files moved over the old ones one by one.
//!
//! The system calls for the exchange and the flush are here only, through `rustix`.

use std::collections::HashSet;
use std::io;
use std::path::{Path, PathBuf};

use super::{interrupt, lock, target};
use crate::diagnostic::{Diagnostic, io_error};

/// How a switch went, for tests.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Switched {
    /// There was no output: the new tree was renamed into place.
    Renamed,
    /// One exchange of the two names.
    Exchanged,
    /// The old output renamed aside, then the new one in.
    TwoRenames,
}

/// Puts the complete tree `staging`, a folder beside `output` that this build holds locked,
/// in place of `output`, then keeps the old tree for the next build ([`keep`]). `name` is the
/// output folder's name, for the kept tree and for the folder the old one is moved aside to
/// when the exchange is not available. `fresh`: some
/// files in `staging` were written anew, not linked from the old output, and must reach the
/// disk first (a tree of links and folders only is ordered by the file system's journal).
pub(crate) fn switch(
    staging: &Path,
    output: &Path,
    name: &str,
    fresh: bool,
) -> Result<Switched, Diagnostic> {
    // A first output (none there, as after `rm -rf public`) is renamed in without the flush:
    // there is no previous output a power cut could spoil, and a flush of the whole file system
    // cost a cold build at 10,000 pages seconds on a busy disk. The next build compares bytes, so
    // a file a power cut left empty is written again.
    if std::fs::symlink_metadata(output).is_err() {
        let renamed = interrupt::exclusive(|live| {
            std::fs::rename(staging, output).inspect(|()| live.published())
        });
        match renamed {
            Ok(()) => return Ok(Switched::Renamed),
            // Another build put its output there meanwhile: switch with it.
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::AlreadyExists | io::ErrorKind::DirectoryNotEmpty
                ) => {}
            Err(e) => return Err(io_error(output, "đưa bản mới vào", &e)),
        }
    }
    if fresh {
        flush(staging);
    }
    let held = lock_output(output)?;
    let exchanged =
        interrupt::exclusive(|live| exchange_names(staging, output).inspect(|()| live.published()));
    let switched = match exchanged {
        Ok(()) => {
            // The old tree is under the staging name, locked by `held`.
            keep(staging, output, name);
            Switched::Exchanged
        }
        Err(e) if unsupported(&e) => {
            swap_aside(staging, output, name)?;
            Switched::TwoRenames
        }
        Err(e) => return Err(refused_switch(output, &e)),
    };
    drop(held);
    Ok(switched)
}

/// Keeps `old`, the tree a switch replaced, under [`lock::kept_name`] beside `output`, where
/// the next build starts from it ([`super::Staging`]); removes it if something else has that
/// name already (a build running at the same time kept its own, or one no build could claim).
fn keep(old: &Path, output: &Path, name: &str) {
    // A rename never follows a link at the new name, and fails onto anything but an empty folder.
    if std::fs::rename(old, output.with_file_name(lock::kept_name(name))).is_err() {
        lock::remove_tree(old);
    }
}

/// The switch where the exchange is not available: see the module's documentation for the
/// window it leaves. The old output is locked by the caller, so no sweep takes it for a dead
/// build's while it is aside.
fn swap_aside(staging: &Path, output: &Path, name: &str) -> Result<(), Diagnostic> {
    let aside = output.with_file_name(lock::aside_name(name, std::process::id()));
    two_renames(staging, output, &aside)?;
    lock::remove_tree(&aside);
    interrupt::exclusive(|live| live.forget(&aside));
    Ok(())
}

/// Locks the output folder, so that no other build switches or updates it while this one does;
/// waits for a build that is switching it now, then locks the folder that build put in its place.
pub(crate) fn lock_output(output: &Path) -> Result<Option<lock::Lock>, Diagnostic> {
    for _ in 0..8 {
        match lock::Lock::take(output) {
            Ok(held) if held.is_at(output) => return Ok(Some(held)),
            Ok(_) => continue,
            Err(e) if e.kind() == io::ErrorKind::NotFound => {
                return Err(io_error(output, "mở", &e).help(CONCURRENT));
            }
            // No locks here: the switch is still one exchange.
            Err(_) => return Ok(None),
        }
    }
    Err(Diagnostic::error(output, "thư mục xuất bị thay liên tục trong lúc pccc đang thay nó")
        .help(CONCURRENT))
}

pub(crate) const CONCURRENT: &str =
    "có một lần dựng khác đang ghi vào cùng thư mục xuất; đợi lần đó xong rồi dựng lại";

/// The message for a switch the system refused, naming what a deployer can change.
fn refused_switch(output: &Path, e: &io::Error) -> Diagnostic {
    let d = io_error(output, "thay", e);
    if is_errno(e, &[errno::BUSY, errno::XDEV]) {
        // The output is a mount point, or something holds it busy.
        d.help("thư mục xuất có vẻ là một điểm gắn ổ đĩa (mount point): gắn ổ vào thư mục cha rồi cho output_dir trỏ tới một thư mục con trong đó")
    } else {
        d
    }
}

/// The error numbers this module tells apart, as `rustix` names them on Unix; elsewhere none.
#[cfg(unix)]
mod errno {
    pub(super) use rustix::io::Errno;
    pub(super) const BUSY: Errno = Errno::BUSY;
    pub(super) const XDEV: Errno = Errno::XDEV;
    pub(super) const UNSUPPORTED: [Errno; 4] =
        [Errno::INVAL, Errno::NOSYS, Errno::NOTSUP, Errno::OPNOTSUPP];

    pub(super) fn code(errno: &Errno) -> i32 {
        errno.raw_os_error()
    }
}

#[cfg(not(unix))]
mod errno {
    pub(super) type Errno = i32;
    pub(super) const BUSY: Errno = -1;
    pub(super) const XDEV: Errno = -1;
    pub(super) const UNSUPPORTED: [Errno; 0] = [];

    pub(super) fn code(errno: &Errno) -> i32 {
        *errno
    }
}

/// Whether `e` is one of the system's `codes`.
fn is_errno(e: &io::Error, codes: &[errno::Errno]) -> bool {
    codes.iter().any(|code| e.raw_os_error() == Some(errno::code(code)))
}

/// The switch without the exchange: the old output aside, the new one in; the old one back if
/// the second rename fails and nothing took its place.
fn two_renames(staging: &Path, output: &Path, aside: &Path) -> Result<(), Diagnostic> {
    interrupt::exclusive(|live| {
        live.register(aside);
        std::fs::rename(output, aside).map_err(|e| {
            let d = io_error(output, "đổi tên", &e);
            if e.kind() == io::ErrorKind::NotFound { d.help(CONCURRENT) } else { d }
        })?;
        // The window: the output's name leads nowhere until the next call returns.
        match std::fs::rename(staging, output) {
            Ok(()) => {
                live.published();
                Ok(())
            }
            Err(e) => {
                if std::fs::symlink_metadata(output).is_err() {
                    let _ = std::fs::rename(aside, output);
                }
                Err(io_error(output, "đưa bản mới vào", &e).help(CONCURRENT))
            }
        }
    })
}

#[cfg(any(target_os = "linux", target_os = "android", target_vendor = "apple"))]
fn exchange_names(a: &Path, b: &Path) -> io::Result<()> {
    use rustix::fs::{CWD, RenameFlags, renameat_with};
    renameat_with(CWD, a, CWD, b, RenameFlags::EXCHANGE).map_err(io::Error::from)
}

#[cfg(not(any(target_os = "linux", target_os = "android", target_vendor = "apple")))]
fn exchange_names(_a: &Path, _b: &Path) -> io::Result<()> {
    Err(io::ErrorKind::Unsupported.into())
}

/// Whether the exchange failed because this system or file system does not have it.
fn unsupported(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::Unsupported || is_errno(e, &errno::UNSUPPORTED)
}

#[cfg(test)]
thread_local! {
    /// Flushes made by this thread, for tests.
    static FLUSHES: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

/// Writes the staged files to disk before they are switched in: without it, a power cut soon
/// after the switch can leave the new tree's files empty (the rename reaches the disk before
/// the data, on ext4 with delayed allocation). Failing to flush does not fail the build: the
/// files are written, only not yet safe from a power cut.
fn flush(staging: &Path) {
    #[cfg(test)]
    FLUSHES.with(|n| n.set(n.get() + 1));
    #[cfg(any(target_os = "linux", target_os = "android"))]
    if let Ok(dir) = std::fs::File::open(staging) {
        // One call for the whole file system: the same work as a flush per file, without a
        // journal commit for each of thousands of files.
        let _ = rustix::fs::syncfs(&dir);
    }
    // Other Unix systems: every file system (the call may return before the disk is done).
    #[cfg(all(unix, not(any(target_os = "linux", target_os = "android"))))]
    {
        let _ = staging;
        rustix::fs::sync();
    }
    // Elsewhere the system writes the files in its own time.
    #[cfg(not(unix))]
    let _ = staging;
}

/// The order `update` moves the changed files in: compressed copies before the files they are
/// copies of, so that an update cut short never leaves a new file beside its old copies, which
/// the next build would reuse (see [`super::compress`]).
fn move_order(changed: &[String]) -> impl Iterator<Item = &String> {
    let (copies, files): (Vec<&String>, Vec<&String>) =
        changed.iter().partition(|path| super::compress::is_copy(path));
    copies.into_iter().chain(files)
}

/// Updates `output` in place from `staging`, a folder inside it holding the changed files:
/// deletes the files the new output no longer has (`keep` is every path of the new output),
/// then moves each changed file over its old version (one rename each, so a reader never sees
/// half a file), and the marker if the old output lacks it. Other builds' staging folders in
/// the output are left alone: dead ones were swept before this build began, live ones are
/// their builds' to remove.
pub(crate) fn update(
    staging: &Path,
    output: &Path,
    changed: &[String],
    keep: &HashSet<String>,
) -> Result<(), Diagnostic> {
    let mut folders = Vec::new();
    let walk = walkdir::WalkDir::new(output).min_depth(1).contents_first(false).into_iter();
    for entry in walk
        .filter_entry(|e| e.depth() != 1 || !e.file_name().to_str().is_some_and(lock::is_inside))
    {
        let entry = entry.map_err(|e| {
            Diagnostic::error(
                output,
                format!("không đọc được thư mục xuất cũ: {}", crate::explain::walk_error(&e)),
            )
        })?;
        let relative = entry.path().strip_prefix(output).unwrap_or(entry.path());
        let path: Vec<String> =
            relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        if entry.file_type().is_dir() {
            folders.push(entry.into_path());
        } else if !keep.contains(&path.join("/")) {
            crate::fs::remove_file(entry.path())?;
        }
    }
    // Folders left empty (deepest first); those still holding files stay.
    for folder in folders.iter().rev() {
        let _ = std::fs::remove_dir(folder);
    }
    let mut made: HashSet<PathBuf> = HashSet::new();
    for path in move_order(changed) {
        let to = output.join(path);
        if let Some(parent) = to.parent()
            && !made.contains(parent)
        {
            crate::fs::create_dir_all(parent)?;
            made.insert(parent.to_path_buf());
        }
        crate::fs::rename(&staging.join(path), &to)?;
    }
    let marker = output.join(target::MARKER);
    if std::fs::read(&marker).ok().as_deref() != Some(target::MARKER_TEXT.as_bytes()) {
        crate::fs::rename(&staging.join(target::MARKER), &marker)?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn in_place_the_copies_are_moved_before_their_files() {
        let changed: Vec<String> =
            ["a/index.html", "a/index.html.gz", "anh.png", "a/index.html.br", "goc.gz"]
                .map(String::from)
                .into();
        let order: Vec<&str> = move_order(&changed).map(String::as_str).collect();
        assert_eq!(
            order,
            ["a/index.html.gz", "a/index.html.br", "a/index.html", "anh.png", "goc.gz"]
        );
    }

    fn tree(dir: &Path, files: &[(&str, &str)]) {
        for (path, text) in files {
            let path = dir.join(path);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
    }

    fn read(path: PathBuf) -> String {
        std::fs::read_to_string(path).unwrap()
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

    #[test]
    fn the_exchange_switches_and_keeps_the_old_tree_for_the_next_build() {
        let dir = tempfile::tempdir().unwrap();
        let (output, staging) = (dir.path().join("public"), dir.path().join(".public.dang-dung-1"));
        tree(&output, &[("index.html", "cũ"), ("cu/index.html", "cũ")]);
        tree(&staging, &[("index.html", "mới")]);
        let switched = switch(&staging, &output, "public", true).unwrap();
        // tmpfs, ext4, xfs and btrfs have it; a file system without it takes the other way,
        // which removes the old tree.
        assert!(matches!(switched, Switched::Exchanged | Switched::TwoRenames), "{switched:?}");
        assert_eq!(read(output.join("index.html")), "mới");
        if switched == Switched::Exchanged {
            assert_eq!(names(dir.path()), [".public.ban-truoc", "public"]);
            assert_eq!(read(dir.path().join(".public.ban-truoc/cu/index.html")), "cũ");
            // One kept already (another build's) stays; this one's old tree goes.
            tree(&staging, &[("index.html", "mới hơn")]);
            assert_eq!(switch(&staging, &output, "public", true).unwrap(), Switched::Exchanged);
            assert_eq!(read(output.join("index.html")), "mới hơn");
            assert_eq!(read(dir.path().join(".public.ban-truoc/index.html")), "cũ");
        }
        assert_eq!(names(dir.path()).last().map(String::as_str), Some("public"));
        assert!(!staging.exists());
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn the_exchange_is_one_step_on_linux() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        tree(&a, &[("x", "a")]);
        tree(&b, &[("x", "b")]);
        exchange_names(&a, &b).unwrap();
        assert_eq!((read(a.join("x")), read(b.join("x"))), ("b".into(), "a".into()));
    }

    #[test]
    fn without_the_exchange_two_renames_switch_and_leave_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (output, staging) = (dir.path().join("public"), dir.path().join(".public.dang-dung-1"));
        tree(&output, &[("index.html", "cũ")]);
        tree(&staging, &[("index.html", "mới")]);
        let held = lock_output(&output).unwrap();
        swap_aside(&staging, &output, "public").unwrap();
        drop(held);
        assert_eq!(read(output.join("index.html")), "mới");
        assert_eq!(names(dir.path()), ["public"]);
    }

    #[test]
    fn a_first_output_is_renamed_in() {
        let dir = tempfile::tempdir().unwrap();
        let (output, staging) = (dir.path().join("public"), dir.path().join(".public.dang-dung-1"));
        tree(&staging, &[("index.html", "mới")]);
        assert_eq!(switch(&staging, &output, "public", true).unwrap(), Switched::Renamed);
        assert_eq!(names(dir.path()), ["public"]);
    }

    /// A cold build (`rm -rf public && pccc build`) has no output a power cut could spoil: no
    /// flush of the whole file system. A build over an output flushes its new files first.
    #[test]
    fn only_a_switch_over_an_output_flushes_first() {
        let flushes = || FLUSHES.with(|n| n.get());
        let dir = tempfile::tempdir().unwrap();
        let (output, staging) = (dir.path().join("public"), dir.path().join(".public.dang-dung-1"));
        tree(&staging, &[("index.html", "mới")]);
        let before = flushes();
        switch(&staging, &output, "public", true).unwrap();
        assert_eq!(flushes(), before);
        tree(&staging, &[("index.html", "mới hơn")]);
        switch(&staging, &output, "public", true).unwrap();
        assert_eq!(flushes(), before + 1);
        // Only links and folders: nothing to flush.
        tree(&staging, &[("index.html", "mới hơn")]);
        switch(&staging, &output, "public", false).unwrap();
        assert_eq!(flushes(), before + 1);
        assert_eq!(read(output.join("index.html")), "mới hơn");
    }

    #[test]
    fn a_switch_waits_for_a_cleanup_under_way() {
        use std::sync::mpsc::channel;
        let dir = tempfile::tempdir().unwrap();
        let (output, staging) = (dir.path().join("public"), dir.path().join(".public.dang-dung-1"));
        tree(&output, &[("index.html", "cũ")]);
        tree(&staging, &[("index.html", "mới")]);
        // A signal's cleanup holds this lock while it removes the staging folder (and then
        // ends the process holding it); this thread stands in for it.
        let (holding, held) = channel();
        let (release, released) = channel::<()>();
        let cleanup = std::thread::spawn(move || {
            interrupt::exclusive(|_| {
                holding.send(()).unwrap();
                released.recv().unwrap();
            })
        });
        held.recv().unwrap();
        let switcher = std::thread::spawn({
            let (staging, output) = (staging.clone(), output.clone());
            move || switch(&staging, &output, "public", true).map(drop).map_err(|d| d.message)
        });
        std::thread::sleep(std::time::Duration::from_millis(300));
        assert_eq!(read(output.join("index.html")), "cũ", "no switch during a cleanup");
        assert_eq!(read(staging.join("index.html")), "mới");
        release.send(()).unwrap();
        cleanup.join().unwrap();
        switcher.join().unwrap().unwrap();
        assert_eq!(read(output.join("index.html")), "mới");
    }

    #[test]
    fn a_failed_second_rename_puts_the_old_output_back() {
        let dir = tempfile::tempdir().unwrap();
        let output = dir.path().join("public");
        let aside = dir.path().join(".public.cu-1");
        tree(&output, &[("index.html", "cũ")]);
        let err = two_renames(&dir.path().join("khong-co"), &output, &aside).unwrap_err();
        assert!(err.message.starts_with("không đưa bản mới vào được"), "{}", err.message);
        assert_eq!(read(output.join("index.html")), "cũ");
        assert!(!aside.exists());
    }

    #[cfg(unix)]
    #[test]
    fn exchange_errors_that_mean_unsupported() {
        use rustix::io::Errno;
        for code in [Errno::INVAL, Errno::NOSYS, Errno::OPNOTSUPP] {
            assert!(unsupported(&io::Error::from(code)), "{code:?}");
        }
        assert!(unsupported(&io::ErrorKind::Unsupported.into()));
        for code in [Errno::ACCESS, Errno::BUSY, Errno::XDEV, Errno::NOENT] {
            assert!(!unsupported(&io::Error::from(code)), "{code:?}");
        }
        let busy = refused_switch(Path::new("/srv/public"), &io::Error::from(Errno::BUSY));
        assert!(busy.help.unwrap().contains("điểm gắn ổ đĩa"));
    }
}
