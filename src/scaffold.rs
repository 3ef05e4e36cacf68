//! `pccc new`: a new content file with the front matter its section's content type expects.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::diagnostic::{Diagnostic, Problems};
use crate::model::meta::SectionMeta;

/// Creates `content/<section>/<slug>.md` for a page titled `title`, as a draft dated `today`.
/// Returns the new file's path relative to the root.
pub fn new_page(root: &Path, section: &str, title: &str, today: Date) -> Result<PathBuf, Problems> {
    let section = section.trim_matches('/');
    let index = root.join("content").join(section).join("_index.md");
    let shown = Path::new("content").join(section).join("_index.md");
    let bytes = crate::fs::read(&index, &shown).map_err(|_| {
        Diagnostic::error(&shown, format!("không có chuyên mục `{section}`"))
            .help("tên chuyên mục là tên thư mục trong content/ có tệp _index.md, ví dụ: bai-viet")
    })?;
    let file = crate::load::SourceFile {
        path: shown.clone(),
        content_path: format!("{section}/_index.md"),
        text: crate::load::decode(&shown, &bytes)?,
    };
    let split = crate::front_matter::split(&file)?;
    let meta: SectionMeta = crate::front_matter::deserialize(&file, &split)?;
    let slug = crate::slug::slugify(title);
    if slug.is_empty() {
        return Err(Diagnostic::error(&shown, "tiêu đề cần có chữ hoặc số").into());
    }
    let rel = Path::new("content").join(section).join(format!("{slug}.md"));
    let path = root.join(&rel);
    if path.exists() {
        return Err(Diagnostic::error(&rel, "tệp này đã có")
            .help("chọn tiêu đề khác, hoặc sửa tệp đã có")
            .into());
    }
    let text = meta.content_type.unwrap_or_default().skeleton(title, today);
    crate::fs::write(&path, text.as_bytes())?;
    Ok(rel)
}
