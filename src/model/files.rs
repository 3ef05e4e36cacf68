//! Files copied as they are: each placed beside its section or bundle page, under a name safe in
//! a URL; those of a section or page left out of the build are left out with it.

use std::collections::HashMap;

use super::CopiedFile;
use super::pages::PlacedPages;
use super::sections::SectionPlan;
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Problems};
use crate::load::Asset;
use crate::slug::slugify;

/// A copied file with the content path links use to find it.
pub struct PlacedFile {
    /// Where it goes.
    pub file: CopiedFile,
    /// Its path relative to `content/`.
    pub content_path: String,
    /// Width and height, for an image.
    pub size: Option<(u32, u32)>,
}

/// Places every asset of this build; two at one address are reported.
pub fn place(
    config: &Config,
    assets: &[Asset],
    sections: &[SectionPlan],
    pages: &PlacedPages,
    problems: &mut Problems,
) -> Vec<PlacedFile> {
    // Folder → (URL path, whether built): sections, then bundles.
    let mut dirs: HashMap<&str, (&str, bool)> = HashMap::new();
    for s in sections {
        dirs.insert(s.parsed.dir.as_str(), (s.path.as_str(), s.absent.is_none()));
    }
    for (p, absence) in pages.all().filter(|(p, _)| p.bundle) {
        let content_path = &p.parsed.file.content_path;
        let dir = content_path.strip_suffix("/index.md").unwrap_or(content_path);
        dirs.insert(dir, (p.path.as_str(), absence.is_none()));
    }
    let mut placed = Vec::new();
    let mut owners: HashMap<String, &str> = HashMap::new();
    for asset in assets {
        let (dir, name) =
            asset.content_path.rsplit_once('/').unwrap_or(("", asset.content_path.as_str()));
        let (url_dir, built) = match dirs.get(dir) {
            Some(&(path, built)) => (path.to_string(), built),
            None => (slugged_dir(dir), true),
        };
        if !built {
            continue;
        }
        let output = format!("{}{}", &url_dir[1..], file_name(name));
        if let Some(first) = owners.insert(output.clone(), &asset.content_path) {
            problems.push(same_address(config, asset, first, &output));
        }
        placed.push(PlacedFile {
            file: CopiedFile { source: asset.source.clone(), output },
            content_path: asset.content_path.clone(),
            size: asset.size,
        });
    }
    placed
}

/// The URL path of a folder that is neither a section nor a bundle: its parts slugified.
fn slugged_dir(dir: &str) -> String {
    let slugged: Vec<String> = dir.split('/').filter(|s| !s.is_empty()).map(slugify).collect();
    let joined = slugged.join("/");
    if joined.is_empty() { "/".into() } else { format!("/{joined}/") }
}

fn same_address(config: &Config, asset: &Asset, first: &str, output: &str) -> Diagnostic {
    let shown = config.root.join("content").join(&asset.content_path);
    Diagnostic::error(
        shown.strip_prefix(&config.root).unwrap_or(&asset.source),
        format!(
            "hai tệp cùng ra một địa chỉ `/{output}`: content/{first} và content/{}",
            asset.content_path
        ),
    )
    .help("đổi tên một trong hai tệp")
}

/// A file name safe in a URL: the stem slugified, the extension lowercased.
fn file_name(name: &str) -> String {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, Some(ext.to_ascii_lowercase())),
        _ => (name, None),
    };
    let stem = slugify(stem);
    let stem = if stem.is_empty() { "tep".to_string() } else { stem };
    match ext {
        Some(ext) => format!("{stem}.{ext}"),
        None => stem,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_names_are_url_safe() {
        assert_eq!(file_name("Ảnh đám cháy.JPG"), "anh-dam-chay.jpg");
        assert_eq!(file_name("phuong-an.pdf"), "phuong-an.pdf");
        assert_eq!(file_name("!!.png"), "tep.png");
        assert_eq!(file_name("README"), "readme");
    }
}
