//! Ctrl-C, SIGTERM and SIGHUP during `pccc build`: the folders the build was writing are removed,
//! the output stays as it was (or, if the new one was already switched in, stays the new one),
//! and the process exits with 128 + the signal's number (130, 143, 129) and one line on stderr.
//!
//! The removal and the switch must exclude each other: a removal that began before the switch
//! could otherwise put a half-deleted tree in place, and a switch that happened during the
//! removal would leave the process removing the old output's files under a name it no longer
//! has. Both therefore run under one lock, `exclusive`, and the removal ends the process while
//! still holding it, so no switch can follow.
//!
//! This needs state shared by the thread that builds and the thread that receives signals,
//! which cannot be passed as a value: a signal arrives at no call site. It is kept to the
//! minimum: the folders to remove and whether the new output is in place, behind one mutex
//! (`LIVE`). A build that never installs the listener ([`listen`]: only `pccc build` does) pays
//! one uncontended lock per folder made and per switch.
//!
//! The signal is received by `signal-hook`'s iterator on a thread of its own (the handler itself
//! only wakes that thread); a second signal during the cleanup ends the process at once, and
//! what is left is removed by the next build.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// What a stopped build must clean up.
#[derive(Debug, Default)]
pub(crate) struct Live {
    /// Folders this process is writing or removing: staging folders, old outputs moved aside.
    dirs: Vec<PathBuf>,
    /// Whether a new output was put in place: what remains to remove is the old one.
    published: bool,
}

impl Live {
    /// A folder to remove if the build is stopped.
    pub(crate) fn register(&mut self, dir: &Path) {
        self.dirs.push(dir.to_path_buf());
    }

    /// A folder that is gone, or no longer this build's to remove.
    pub(crate) fn forget(&mut self, dir: &Path) {
        self.dirs.retain(|d| d != dir);
    }

    /// The new output is in place; what the staging folder's name holds now, if anything, is
    /// the old one.
    pub(crate) fn published(&mut self) {
        self.published = true;
    }
}

/// The only global state of the write stage; see the module's documentation for why.
static LIVE: Mutex<Live> = Mutex::new(Live { dirs: Vec::new(), published: false });

/// Runs `f` with the cleanup held off: a signal's cleanup waits until `f` returns, and `f`
/// waits for a cleanup under way (which never returns: it ends the process).
pub(crate) fn exclusive<R>(f: impl FnOnce(&mut Live) -> R) -> R {
    // A panic elsewhere while holding the lock leaves a list that is still right.
    let mut live = LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    f(&mut live)
}

/// Waits for a cleanup that a signal started, if any: called before `main` returns, so that an
/// error caused by the cleanup removing the staging folder under the build is not reported in
/// its place, and the process does not exit before the cleanup is done.
pub fn settle() {
    exclusive(|_| ());
}

/// The exit status and the line printed for `signal`, given what was done: whether a staging
/// folder was being written, and whether the new output was in place.
#[cfg_attr(not(unix), allow(dead_code))]
fn stopped(signal: i32, writing: bool, published: bool) -> (i32, String) {
    // The numbers of these three are the same on every Unix.
    let name = match signal {
        2 => "Ctrl-C".to_string(),
        15 => "SIGTERM".to_string(),
        1 => "SIGHUP".to_string(),
        other => format!("tín hiệu {other}"),
    };
    let line = if published {
        format!("Đã dừng ({name}) sau khi bản mới đã vào thư mục xuất.")
    } else if writing {
        format!("Đã dừng ({name}): bản dựng dở đã được xoá, thư mục xuất vẫn là bản trước.")
    } else {
        format!("Đã dừng ({name}) trước khi ghi gì; thư mục xuất vẫn là bản trước.")
    };
    (128 + signal, line)
}

/// Removes what a stopped build was writing, prints one line, and ends the process.
#[cfg_attr(not(unix), allow(dead_code))]
fn clean_up(signal: i32) -> ! {
    let live = LIVE.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    for dir in &live.dirs {
        // Taken from under the build's writer first, which is still running: its next file
        // fails instead of landing in a folder being removed. The new name is one the next
        // build's sweep removes, should this process end before it is gone.
        let doomed = super::lock::doomed(dir);
        let gone = if std::fs::rename(dir, &doomed).is_ok() { doomed } else { dir.clone() };
        // One thread, not the pool: the pool's threads may be waiting for that writer. A file
        // the writer was creating as the folder moved may land after the first pass.
        for _ in 0..20 {
            if std::fs::remove_dir_all(&gone).is_ok() || std::fs::symlink_metadata(&gone).is_err() {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(5));
        }
    }
    let (status, line) = stopped(signal, !live.dirs.is_empty(), live.published);
    let _ = std::io::Write::write_all(&mut std::io::stderr(), format!("{line}\n").as_bytes());
    // Still holding `live`: no switch can begin now.
    std::process::exit(status)
}

/// Starts listening for Ctrl-C, SIGTERM and SIGHUP; from then on they stop the build cleanly.
#[cfg(unix)]
pub fn listen() -> std::io::Result<()> {
    use std::sync::Arc;
    use std::sync::atomic::AtomicBool;

    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};

    let stopping = Arc::new(AtomicBool::new(false));
    for signal in [SIGINT, SIGTERM, SIGHUP] {
        // The second signal ends the process at once; the first arms it (order matters).
        signal_hook::flag::register_conditional_shutdown(signal, 128 + signal, stopping.clone())?;
        signal_hook::flag::register(signal, stopping.clone())?;
    }
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new().name("tin-hieu".into()).spawn(move || {
        if let Some(signal) = signals.forever().next() {
            clean_up(signal);
        }
    })?;
    Ok(())
}

/// Elsewhere the system's default stops the build; the next build removes what it left.
#[cfg(not(unix))]
pub fn listen() -> std::io::Result<()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_signal_has_its_status_and_line() {
        assert_eq!(
            stopped(2, true, false),
            (
                130,
                "Đã dừng (Ctrl-C): bản dựng dở đã được xoá, thư mục xuất vẫn là bản trước.".into()
            )
        );
        assert_eq!(
            stopped(15, true, true),
            (143, "Đã dừng (SIGTERM) sau khi bản mới đã vào thư mục xuất.".into())
        );
        assert_eq!(
            stopped(1, false, false),
            (129, "Đã dừng (SIGHUP) trước khi ghi gì; thư mục xuất vẫn là bản trước.".into())
        );
    }

    #[test]
    fn live_folders_are_listed_until_forgotten() {
        let mut live = Live::default();
        live.register(Path::new("/a"));
        live.register(Path::new("/b"));
        live.forget(Path::new("/a"));
        assert_eq!(live.dirs, [PathBuf::from("/b")]);
        assert!(!live.published);
        live.published();
        assert!(live.published);
    }
}
