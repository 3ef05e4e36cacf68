//! The write stage: outputs into a temporary folder beside the output folder, then swapped in
//! whole. A build that fails at any point leaves the previous output untouched, and nothing is
//! ever written outside the output folder and its temporary sibling.

use std::collections::HashSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diagnostic::{Diagnostic, Problems};
use crate::render::{Content, Output};

/// What a write did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    /// Files written.
    pub files: usize,
    /// Bytes written.
    pub bytes: u64,
}

/// Checks that every output path is inside the output folder and used once.
pub fn check(outputs: &[Output], output_dir: &Path) -> Result<(), Problems> {
    let mut problems = Problems::new();
    let mut seen = HashSet::new();
    let shown = output_dir.file_name().map_or_else(|| PathBuf::from("public"), PathBuf::from);
    for output in outputs {
        if crate::fs::join_inside(output_dir, &output.path).is_none() {
            problems.push(Diagnostic::error(
                &shown,
                format!("từ chối ghi `{}`: đường dẫn ra ngoài thư mục xuất", output.path),
            ));
        } else if !seen.insert(output.path.as_str()) {
            problems.push(
                Diagnostic::error(shown.join(&output.path), format!("hai nội dung cùng ghi vào `{}`", output.path))
                    .help("một tệp trong static/ hoặc một đường dẫn cũ (aliases) trùng với một trang; đổi tên một bên"),
            );
        }
    }
    problems.into_result(())
}

/// Writes `outputs` as the new content of `output_dir`, replacing the old one only on success.
pub fn write(outputs: &[Output], output_dir: &Path) -> Result<Written, Problems> {
    check(outputs, output_dir)?;
    let parent = output_dir
        .parent()
        .ok_or_else(|| Diagnostic::error(output_dir, "thư mục xuất không hợp lệ"))?;
    let name = output_dir.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    crate::fs::create_dir_all(parent)?;
    let staging = parent.join(format!(".{name}.dang-dung-{}", std::process::id()));
    if staging.exists() {
        crate::fs::remove_dir_all(&staging)?;
    }
    crate::fs::create_dir_all(&staging)?;

    let result = write_all(outputs, &staging)
        .and_then(|written| swap(&staging, output_dir, &name).map(|()| written));
    if result.is_err() && staging.exists() {
        let _ = std::fs::remove_dir_all(&staging);
    }
    result.map_err(Problems::from)
}

fn write_all(outputs: &[Output], staging: &Path) -> Result<Written, Diagnostic> {
    let sizes: Result<Vec<u64>, Diagnostic> = outputs
        .par_iter()
        .map(|output| {
            let target = crate::fs::join_inside(staging, &output.path).ok_or_else(|| {
                Diagnostic::error(staging, format!("đường dẫn không hợp lệ `{}`", output.path))
            })?;
            match &output.content {
                Content::Bytes(bytes) => {
                    crate::fs::write(&target, bytes).map(|()| bytes.len() as u64)
                }
                Content::Copy(source) => {
                    crate::fs::copy(source, &target)?;
                    Ok(std::fs::metadata(&target).map(|m| m.len()).unwrap_or(0))
                }
            }
        })
        .collect();
    let sizes = sizes?;
    Ok(Written { files: sizes.len(), bytes: sizes.iter().sum() })
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
    let _ = std::fs::remove_dir_all(&old);
    Ok(())
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
