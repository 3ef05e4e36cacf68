//! Where a build may write. `site.toml`'s `output_dir` is checked as written when the
//! configuration is read; here, just before a build writes, it is resolved as the file system
//! sees it (symbolic links followed, `..` read after them) and refused when that place is, holds
//! or lies inside the site's sources, is a file, or is a folder with content that pccc did not
//! make. A build replaces everything in its output folder, so any of these would delete or
//! overwrite somebody's work.
//!
//! pccc marks each output folder it makes with a [`MARKER`] file; a folder that has content but
//! no marker is somebody else's, and the message says how to proceed.

use std::path::{Path, PathBuf};

use crate::config::{Config, FILE_NAME, PROTECTED, PROTECTED_FILES};
use crate::diagnostic::{Diagnostic, io_error};
use crate::fs::Unresolved;

/// The name of the file that marks a folder as pccc's output.
pub const MARKER: &str = ".pccc-output";

/// What the marker file says to whoever opens it.
pub const MARKER_TEXT: &str = "Thư mục này do pccc dựng ra. Mỗi lần dựng, pccc thay toàn bộ \
nội dung của nó: đừng để tệp nào khác ở đây.\nThis folder is made by pccc; every build \
replaces everything in it.\n";

/// How many of a foreign folder's entries a message names.
const NAMED: usize = 3;

/// The output folder of `config` as the file system reaches it, if a build may replace it.
pub fn resolve(config: &Config) -> Result<PathBuf, Diagnostic> {
    let refuse = Refusal { config, shown: crate::fs::relative(&config.output_dir, &config.root) };
    let real = crate::fs::resolve(&config.output_dir).map_err(|u| refuse.unreachable(u))?;
    if let Some(clash) = clash_with_sources(&real, &config.root) {
        return Err(refuse.sources(&real, &clash));
    }
    if let Some(file) = real.ancestors().find(|p| p.exists()).filter(|p| !p.is_dir()) {
        return Err(refuse.file(&real, file));
    }
    if let Some(names) = foreign_content(&real)? {
        return Err(refuse.foreign(&real, &names));
    }
    Ok(real)
}

/// The messages that refuse an output folder, each naming it as `site.toml` writes it.
struct Refusal<'a> {
    config: &'a Config,
    /// `output_dir` relative to the site's root.
    shown: &'a Path,
}

impl Refusal<'_> {
    /// An error at `output_dir` in `site.toml`, or about the folder when it is not written there.
    fn error(&self, message: String) -> Diagnostic {
        match &self.config.output_dir_span {
            Some(span) => {
                Diagnostic::error(FILE_NAME, message).at(&self.config.source, span.clone())
            }
            None => Diagnostic::error(self.shown, message),
        }
    }

    /// `d`, with a note saying where a symbolic link on the way leads.
    fn through_link(&self, d: Diagnostic, real: &Path) -> Diagnostic {
        // `a/../public` leads where it reads; only a link makes `real` differ.
        if crate::fs::normalize(&self.config.output_dir).as_deref() == Some(real) {
            d
        } else {
            d.note(format!(
                "`{}` dẫn tới `{}` qua liên kết tượng trưng (symlink)",
                self.shown.display(),
                crate::fs::relative(real, &self.config.root).display()
            ))
        }
    }

    /// The folder cannot be reached: a link leads nowhere or cannot be followed.
    fn unreachable(&self, unresolved: Unresolved) -> Diagnostic {
        let (shown, root) = (self.shown.display(), &self.config.root);
        match unresolved {
            Unresolved::Dangling { link, target } => self.error(if link == self.config.output_dir {
                format!(
                    "thư mục xuất `{shown}` là liên kết tới `{}`, nhưng nơi đó không tồn tại",
                    target.display()
                )
            } else {
                format!(
                    "thư mục xuất `{shown}` đi qua liên kết `{}` tới `{}`, nhưng nơi đó không tồn tại",
                    crate::fs::relative(&link, root).display(),
                    target.display()
                )
            })
            .help("tạo thư mục mà liên kết trỏ tới rồi dựng lại, hoặc xoá liên kết để pccc tự tạo thư mục xuất"),
            Unresolved::Unfollowable { link, error } => self.error(format!(
                "thư mục xuất `{shown}` đi qua liên kết `{}` mà hệ thống không lần theo được",
                crate::fs::relative(&link, root).display(),
            ))
            .note(format!("hệ thống báo: {}", crate::explain::io_error_kind(&error)))
            .help(format!(
                "xem liên kết trỏ tới đâu (ls -l {}): có thể nó trỏ vòng về chính nó; sửa hoặc xoá liên kết rồi dựng lại",
                crate::fs::relative(&link, root).display()
            )),
            Unresolved::Io(path, e) => io_error(&path, "đọc", &e),
        }
    }

    /// The folder is, holds or lies inside the site's sources (`clash` says how).
    fn sources(&self, real: &Path, clash: &str) -> Diagnostic {
        self.through_link(self.error(format!(
            "thư mục xuất `{}` {clash}; mỗi lần dựng, pccc xoá những gì nó không tạo trong thư mục xuất, nên sẽ xoá mất nguồn của trang",
            self.shown.display()
        )), real)
        .help("chọn một thư mục riêng chỉ để chứa trang đã dựng, ví dụ output_dir = \"public\"; nếu đó là một liên kết, hãy xoá liên kết (nơi nó trỏ tới vẫn còn nguyên)")
    }

    /// The folder is a file, or lies under `file`.
    fn file(&self, real: &Path, file: &Path) -> Diagnostic {
        let message = if file == real {
            format!(
                "thư mục xuất `{}` đang là một tệp; dựng trang sẽ thay mất tệp này",
                self.shown.display()
            )
        } else {
            format!(
                "thư mục xuất `{}` nằm dưới `{}`, là một tệp chứ không phải thư mục",
                self.shown.display(),
                crate::fs::relative(file, &self.config.root).display()
            )
        };
        self.through_link(self.error(message), real).help(
            "chọn tên của một thư mục chưa có hoặc do pccc tạo, ví dụ output_dir = \"public\"",
        )
    }

    /// The folder has content without pccc's marker: `names`, sorted.
    fn foreign(&self, real: &Path, names: &[String]) -> Diagnostic {
        let mut listed = names.iter().take(NAMED).cloned().collect::<Vec<_>>().join(", ");
        if names.len() > NAMED {
            listed.push_str(&format!(" và {} mục khác", names.len() - NAMED));
        }
        self.through_link(self.error(format!(
            "thư mục xuất `{}` đã có nội dung mà không do pccc dựng ra (thiếu tệp đánh dấu `{MARKER}`); mỗi lần dựng, pccc xoá mọi thứ trong thư mục xuất mà nó không tạo",
            self.shown.display()
        )), real)
        .note(format!("trong đó có: {listed}"))
        .help(format!(
            "nếu đó là bản dựng của pccc phiên bản cũ hoặc không cần nữa, đổi tên hay xoá thư mục (ví dụ: mv {0} {0}.cu) rồi dựng lại; nếu đó là thư mục web còn chứa tệp khác, hãy cho pccc dựng vào một thư mục trống riêng",
            self.shown.display()
        ))
    }
}

/// How `real` overlaps the site's sources, if it does.
fn clash_with_sources(real: &Path, root: &Path) -> Option<String> {
    if real == root {
        return Some("là chính thư mục của trang".into());
    }
    if root.starts_with(real) {
        return Some("chứa thư mục của trang".into());
    }
    let sources = PROTECTED.iter().chain(PROTECTED_FILES.iter());
    for name in sources {
        // A source that is itself a link is compared where it leads; one that does not exist
        // has nothing to lose.
        let Ok(source) = std::fs::canonicalize(root.join(name)) else { continue };
        let what = if PROTECTED_FILES.contains(name) {
            format!("tệp {name}")
        } else {
            format!("thư mục {name}/")
        };
        if real == source {
            return Some(format!("là {what}"));
        }
        if real.starts_with(&source) {
            return Some(format!("nằm trong {what}"));
        }
        if source.starts_with(real) {
            return Some(format!("chứa {what}"));
        }
    }
    None
}

/// The sorted names in `dir` when it is a folder with content and no marker.
fn foreign_content(dir: &Path) -> Result<Option<Vec<String>>, Diagnostic> {
    if !dir.is_dir() || dir.join(MARKER).is_file() {
        return Ok(None);
    }
    let entries = std::fs::read_dir(dir).map_err(|e| io_error(dir, "đọc thư mục", &e))?;
    let mut names: Vec<String> =
        entries.flatten().map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    Ok((!names.is_empty()).then_some(names))
}

#[cfg(all(test, unix))]
mod tests {
    use std::os::unix::fs::symlink;
    use std::sync::Arc;

    use super::*;

    /// A site in a temporary folder with `output_dir` set, and its configuration.
    fn site(output_dir: &str) -> (tempfile::TempDir, Config) {
        let dir = tempfile::tempdir().unwrap();
        let root = std::fs::canonicalize(dir.path()).unwrap();
        std::fs::create_dir_all(root.join("themes/mac-dinh/templates")).unwrap();
        std::fs::create_dir_all(root.join("content")).unwrap();
        std::fs::write(root.join("content/_index.md"), "---\ntitle: T\n---\n").unwrap();
        let toml =
            format!("title = \"T\"\nbase_url = \"https://x.vn\"\noutput_dir = \"{output_dir}\"\n");
        std::fs::write(root.join(FILE_NAME), &toml).unwrap();
        let config =
            crate::config::parse(&root, Arc::from(toml.as_str()), &["mac-dinh".to_string()])
                .unwrap();
        (dir, config)
    }

    fn refused(config: &Config) -> String {
        resolve(config).expect_err("must be refused").render(false)
    }

    #[test]
    fn a_link_into_the_sources_is_refused() {
        let (_dir, config) = site("out");
        symlink("content", config.root.join("out")).unwrap();
        let err = refused(&config);
        assert!(err.contains("thư mục xuất `out` là thư mục content/;"), "{err}");
        assert!(err.contains("site.toml:3:14"), "{err}");
        assert!(err.contains("`out` dẫn tới `content` qua liên kết tượng trưng"), "{err}");

        let (_dir, config) = site("out");
        symlink(config.root.parent().unwrap(), config.root.join("out")).unwrap();
        assert!(refused(&config).contains("chứa thư mục của trang"));
    }

    #[test]
    fn a_link_that_steps_back_into_the_sources_is_refused() {
        let (_dir, config) = site("sau/../moi");
        std::fs::create_dir_all(config.root.join("content/bai-viet")).unwrap();
        symlink("content/bai-viet", config.root.join("sau")).unwrap();
        let err = refused(&config);
        assert!(err.contains("nằm trong thư mục content/"), "{err}");
    }

    #[test]
    fn a_file_is_not_an_output_folder() {
        let (_dir, config) = site("README.md");
        std::fs::write(config.root.join("README.md"), "# Đọc tôi\n").unwrap();
        assert!(refused(&config).contains("thư mục xuất `README.md` đang là một tệp"));
        let (_dir, config) = site("README.md/trang");
        std::fs::write(config.root.join("README.md"), "# Đọc tôi\n").unwrap();
        assert!(refused(&config).contains("nằm dưới `README.md`, là một tệp"));
    }

    #[test]
    fn a_folder_with_content_and_no_marker_is_refused() {
        let (_dir, config) = site("public");
        let public = config.root.join("public");
        std::fs::create_dir_all(&public).unwrap();
        assert_eq!(resolve(&config).unwrap(), public, "an empty folder may be used");
        for name in ["a.html", "b", "c", "d"] {
            std::fs::write(public.join(name), "x").unwrap();
        }
        let err = refused(&config);
        assert!(err.contains("trong đó có: a.html, b, c và 1 mục khác"), "{err}");
        std::fs::write(public.join(MARKER), MARKER_TEXT).unwrap();
        assert_eq!(resolve(&config).unwrap(), public);
    }

    #[test]
    fn a_link_to_a_web_root_leads_the_build_there() {
        let (_dir, config) = site("public");
        let elsewhere = tempfile::tempdir().unwrap();
        let web = elsewhere.path().join("html");
        std::fs::create_dir_all(&web).unwrap();
        symlink(&web, config.root.join("public")).unwrap();
        let web = std::fs::canonicalize(&web).unwrap();
        assert_eq!(resolve(&config).unwrap(), web);
        std::fs::write(web.join("index.html"), "trang của đơn vị khác").unwrap();
        let err = refused(&config);
        assert!(err.contains("thiếu tệp đánh dấu `.pccc-output`"), "{err}");
        std::fs::remove_dir_all(&web).unwrap();
        let err = refused(&config);
        assert!(err.contains("thư mục xuất `public` là liên kết tới"), "{err}");
        assert!(err.contains("nhưng nơi đó không tồn tại"), "{err}");
    }
}
