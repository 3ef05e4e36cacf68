//! The write stage. Outputs are written into a temporary folder beside the output folder and put
//! in place only when the whole build succeeded, so a build that fails at any point leaves the
//! previous output untouched; nothing is ever written outside the output folder and its
//! temporary sibling. The output folder is the place [`target::resolve`] found and allowed:
//! symbolic links already followed, and never the site's sources or a folder pccc did not make.
//! Every output folder holds pccc's [`target::MARKER`] file.
//!
//! A first build moves the temporary folder in whole. A rebuild over an existing output writes
//! only the files whose bytes changed, then moves them over the old ones and deletes the files
//! no longer produced: rewriting and deleting tens of thousands of unchanged files was most of
//! the time of a rebuild, and a file system slows down for minutes after mass deletions.

pub mod target;

use std::collections::{BTreeSet, HashSet};
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Problems};
use crate::render::{Content, Output};

/// What a write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files in the new output.
    pub files: usize,
    /// Their bytes.
    pub bytes: u64,
    /// Files left as they were, because the previous output had the same bytes.
    pub unchanged: usize,
}

/// Checks that every output path is inside the output folder and used once.
pub fn check(outputs: &[Output], output_dir: &Path) -> Result<(), Problems> {
    let mut problems = Problems::new();
    let mut seen = reserved();
    let shown = shown(output_dir);
    for output in outputs {
        if let Some(d) = check_one(output, output_dir, &shown, |p| seen.insert(p.to_string())) {
            problems.push(d);
        }
    }
    problems.into_result(())
}

/// Output paths taken before any page: the marker, part of every output (so an update keeps
/// it, and a site file of that name is reported as a second writer).
fn reserved() -> HashSet<String> {
    HashSet::from([target::MARKER.to_string()])
}

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

/// A new output being written batch by batch into a folder beside the old one and put in place
/// by [`Staging::finish`]: swapped in whole, or, over an existing output, only its changed files
/// moved in. Each batch is checked like [`check`] (paths inside, each used once, across all
/// batches); after the first problem nothing more is written. Dropped unfinished, it removes
/// what it wrote and leaves the previous output untouched.
#[derive(Debug)]
pub struct Staging {
    output_dir: PathBuf,
    dir: Option<PathBuf>,
    /// Whether an output exists to update in place.
    update: bool,
    /// Paths written into the staging folder, when updating.
    changed: Vec<String>,
    seen: HashSet<String>,
    /// Folders made in the staging folder so far, relative to it.
    made: HashSet<PathBuf>,
    problems: Problems,
    written: Written,
}

impl Staging {
    /// Prepares to replace `output_dir`, a folder [`target::resolve`] allowed; nothing is
    /// created before the first write.
    pub fn new(output_dir: &Path) -> Staging {
        Staging {
            output_dir: output_dir.to_path_buf(),
            dir: None,
            update: output_dir.is_dir(),
            changed: Vec::new(),
            seen: reserved(),
            made: HashSet::new(),
            problems: Problems::new(),
            written: Written { files: 0, bytes: 0, unchanged: 0 },
        }
    }

    /// Checks and writes one batch.
    pub fn write(&mut self, outputs: &[Output]) {
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
        let dir = match self.dir.clone() {
            Some(dir) => dir,
            None => match self.create() {
                Ok(dir) => dir,
                Err(d) => return self.problems.push(d),
            },
        };
        let mut changed: Vec<&Output> = outputs.iter().collect();
        if self.update {
            changed.retain(|output| match unchanged(output, &self.output_dir) {
                Some(bytes) => {
                    self.written.files += 1;
                    self.written.bytes += bytes;
                    self.written.unchanged += 1;
                    false
                }
                None => true,
            });
            self.changed.extend(changed.iter().map(|o| o.path.clone()));
        }
        if let Err(d) = self.make_folders(&changed, &dir) {
            return self.problems.push(d);
        }
        match write_all(&changed, &dir) {
            Ok(w) => {
                self.written.files += w.files;
                self.written.bytes += w.bytes;
            }
            Err(d) => self.problems.push(d),
        }
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
        for &(_, folder) in &new {
            crate::fs::create_dir(&staging.join(folder))?;
            self.made.insert(folder.to_path_buf());
        }
        Ok(())
    }

    fn create(&mut self) -> Result<PathBuf, Diagnostic> {
        let parent = self
            .output_dir
            .parent()
            .ok_or_else(|| Diagnostic::error(&self.output_dir, "thư mục xuất không hợp lệ"))?;
        let mut staging = parent.join(format!(".{}.dang-dung-{}", self.name(), std::process::id()));
        let beside = |d: Diagnostic| {
            d.help(format!(
                "pccc dựng bản mới trong một thư mục tạm cạnh thư mục xuất rồi mới đưa vào, nên cần quyền ghi vào `{}`",
                parent.display()
            ))
        };
        crate::fs::create_dir_all(parent).map_err(beside)?;
        if staging.exists() {
            crate::fs::remove_dir_all(&staging)?;
        }
        match std::fs::create_dir(&staging) {
            Ok(()) => {}
            // A web root that may be written but not its parent (`public` linked to
            // /var/www/phuong): an update can stage inside the output, which it skips.
            Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied && self.update => {
                staging = self.output_dir.join(format!(".pccc-dang-dung-{}", std::process::id()));
                crate::fs::create_dir(&staging).map_err(beside)?;
            }
            Err(e) => return Err(beside(crate::diagnostic::io_error(&staging, "tạo thư mục", &e))),
        }
        self.dir = Some(staging.clone());
        crate::fs::write_new(&staging.join(target::MARKER), target::MARKER_TEXT.as_bytes())?;
        Ok(staging)
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
        let dir = match self.dir.clone() {
            Some(dir) => dir,
            None => self.create()?,
        };
        if self.update {
            update(&dir, &self.output_dir, &self.changed, &self.seen)?;
        } else {
            swap(&dir, &self.output_dir, &self.name())?;
            self.dir = None;
        }
        Ok(self.written)
    }
}

/// The size of `output` if the previous output holds the same bytes at its path.
fn unchanged(output: &Output, output_dir: &Path) -> Option<u64> {
    let target = crate::fs::join_inside(output_dir, &output.path)?;
    // Not through a link: pccc makes none, and the update removes any it finds.
    let size = std::fs::symlink_metadata(&target).ok().filter(|m| m.is_file())?.len();
    let same = match &output.content {
        Content::Bytes(bytes) => {
            bytes.len() as u64 == size && std::fs::read(&target).ok()? == *bytes
        }
        Content::Copy(source) => {
            std::fs::metadata(source).ok()?.len() == size
                && std::fs::read(source).ok()? == std::fs::read(&target).ok()?
        }
    };
    same.then_some(size)
}

/// Updates `output_dir` in place: deletes the files the new output no longer has (`keep` is
/// every path of the new output), then moves each changed file from `staging` over its old
/// version (one rename each, so a reader never sees half a file), and the marker if the old
/// output lacks it.
fn update(
    staging: &Path,
    output_dir: &Path,
    changed: &[String],
    keep: &HashSet<String>,
) -> Result<(), Diagnostic> {
    let mut folders = Vec::new();
    // The staging folder may be inside the output (see `Staging::create`); `filter_entry` does
    // not prune when contents come first. Other staging folders found there are left from
    // killed builds and go as stale files do.
    let inside = staging.starts_with(output_dir);
    for entry in walkdir::WalkDir::new(output_dir).min_depth(1).contents_first(true) {
        let entry = entry.map_err(|e| {
            Diagnostic::error(
                output_dir,
                format!("không đọc được thư mục xuất cũ: {}", crate::explain::walk_error(&e)),
            )
        })?;
        if inside && entry.path().starts_with(staging) {
            continue;
        }
        let relative = entry.path().strip_prefix(output_dir).unwrap_or(entry.path());
        let path: Vec<String> =
            relative.components().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect();
        if entry.file_type().is_dir() {
            folders.push(entry.into_path());
        } else if !keep.contains(&path.join("/")) {
            crate::fs::remove_file(entry.path())?;
        }
    }
    // Folders left empty (deepest first, as listed); those still holding files stay.
    for folder in folders {
        let _ = std::fs::remove_dir(folder);
    }
    let mut made: HashSet<PathBuf> = HashSet::new();
    for path in changed {
        let to = output_dir.join(path);
        if let Some(parent) = to.parent()
            && !made.contains(parent)
        {
            crate::fs::create_dir_all(parent)?;
            made.insert(parent.to_path_buf());
        }
        crate::fs::rename(&staging.join(path), &to)?;
    }
    let marker = output_dir.join(target::MARKER);
    if std::fs::read(&marker).ok().as_deref() != Some(target::MARKER_TEXT.as_bytes()) {
        crate::fs::rename(&staging.join(target::MARKER), &marker)?;
    }
    Ok(())
}

impl Drop for Staging {
    fn drop(&mut self) {
        if let Some(dir) = &self.dir {
            let _ = std::fs::remove_dir_all(dir);
        }
    }
}

/// Writes `outputs` in turn: a build has one writer thread beside the threads that render.
fn write_all(outputs: &[&Output], staging: &Path) -> Result<Written, Diagnostic> {
    let sizes: Result<Vec<u64>, Diagnostic> = outputs
        .iter()
        .map(|output| {
            let target = crate::fs::join_inside(staging, &output.path).ok_or_else(|| {
                Diagnostic::error(staging, format!("đường dẫn không hợp lệ `{}`", output.path))
            })?;
            // The folders are made already (Staging::make_folders).
            match &output.content {
                Content::Bytes(bytes) => {
                    crate::fs::write_new(&target, bytes).map(|()| bytes.len() as u64)
                }
                Content::Copy(source) => {
                    crate::fs::copy_new(source, &target)?;
                    Ok(std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0))
                }
            }
        })
        .collect();
    let sizes = sizes?;
    Ok(Written { files: sizes.len(), bytes: sizes.iter().sum(), unchanged: 0 })
}

/// Replaces `output_dir` with `staging`. The old output is moved aside first and restored if
/// the second rename fails.
fn swap(staging: &Path, output_dir: &Path, name: &str) -> Result<(), Diagnostic> {
    if !output_dir.exists() {
        return crate::fs::rename(staging, output_dir);
    }
    let old = output_dir.with_file_name(format!(".{name}.cu-{}", std::process::id()));
    if old.exists() {
        crate::fs::remove_dir_all(&old)?;
    }
    crate::fs::rename(output_dir, &old)?;
    if let Err(d) = crate::fs::rename(staging, output_dir) {
        let _ = std::fs::rename(&old, output_dir);
        return Err(d);
    }
    // The new site is in place; failing to delete the old copy does not fail the build.
    remove_tree(&old);
    Ok(())
}

/// Deletes a folder tree, its subfolders two levels down in parallel: deleting a large old
/// output one file after another took longer than building the new one.
fn remove_tree(dir: &Path) {
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

#[cfg(test)]
mod tests {
    use super::*;

    fn out(path: &str, text: &str) -> Output {
        Output { path: path.into(), content: Content::Bytes(text.as_bytes().to_vec()) }
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
        let leftovers: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers, [std::ffi::OsString::from("public")]);
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
        assert_eq!(staging.finish().unwrap(), Written { files: 2, bytes: 8, unchanged: 0 });
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
        let leftovers: Vec<_> =
            std::fs::read_dir(dir.path()).unwrap().flatten().map(|e| e.file_name()).collect();
        assert_eq!(leftovers, [std::ffi::OsString::from("public")], "staging removed");
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
}
