//! `pccc new`: a new content file with the front matter its section's content type expects.

use std::path::{Path, PathBuf};

use jiff::civil::Date;

use crate::content_type::{PageType, Types};
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
    let types = crate::kinds::types();
    let kind = section_type(root, section, bytes, &types)?;
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
    let text = kind.skeleton(&crate::front_matter::quote(title), today);
    crate::fs::write(&path, text.as_bytes())?;
    Ok(rel)
}

/// The content type of section `section`, whose `_index.md` holds `bytes`: the type it names,
/// else the one its nearest parent section names (a subsection of lessons holds lessons), else
/// the default.
fn section_type(
    root: &Path,
    section: &str,
    bytes: Vec<u8>,
    types: &Types,
) -> Result<&'static dyn PageType, Problems> {
    let mut dir = section.to_string();
    let mut bytes = Some(bytes);
    loop {
        let content_path =
            if dir.is_empty() { "_index.md".to_string() } else { format!("{dir}/_index.md") };
        let shown = Path::new("content").join(&content_path);
        let read = match bytes.take() {
            Some(bytes) => Some(bytes),
            None => std::fs::read(root.join(&shown)).ok(),
        };
        if let Some(bytes) = read {
            let file = crate::load::SourceFile {
                path: shown.clone(),
                content_path,
                text: crate::load::decode(&shown, &bytes)?,
            };
            let split = crate::front_matter::split(&file)?;
            let meta: SectionMeta = crate::front_matter::deserialize(&file, &split)?;
            if let Some(name) = meta.content_type {
                return types
                    .page(&name)
                    .ok_or_else(|| crate::model::unknown_type(&file, &name, types).into());
            }
        }
        if dir.is_empty() {
            return Ok(types.default_page());
        }
        dir = dir.rsplit_once('/').map_or(String::new(), |(parent, _)| parent.to_string());
    }
}
