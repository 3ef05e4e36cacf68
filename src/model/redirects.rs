//! Redirects: the old URLs (`aliases`) of the sections and pages of this build, each checked
//! against the URLs already taken and against the other aliases.

use std::collections::HashMap;

use super::{Page, Redirect, Section};
use crate::diagnostic::Problems;
use crate::front_matter::at_field;
use crate::load::SourceFile;

/// The redirects of the site, by output path; a clash or an alias that is not a path inside
/// the site is reported at the page's `aliases`.
pub fn collect(sections: &[Section], pages: &[Page], problems: &mut Problems) -> Vec<Redirect> {
    let built: Vec<&Section> = sections.iter().filter(|s| s.built).collect();
    // Output paths already written, and by which file: messages name the other page.
    let taken: HashMap<String, &SourceFile> = pages
        .iter()
        .map(|p| (&p.path, &p.file))
        .chain(built.iter().map(|s| (&s.path, &s.file)))
        .map(|(path, file)| (format!("{}index.html", &path[1..]), file))
        .collect();
    let mut seen: HashMap<String, &SourceFile> = HashMap::new();
    let from_pages = pages.iter().map(|p| (&p.file, &p.meta.aliases, &p.permalink));
    let from_sections = built.iter().map(|s| (&s.file, &s.meta.aliases, &s.permalink));
    let mut redirects = Vec::new();
    for (file, aliases, to) in from_pages.chain(from_sections) {
        for alias in aliases {
            let Some(output) = alias_output(alias) else {
                problems.push(
                    at_field(file, "aliases", format!("đường dẫn cũ `{alias}` không hợp lệ"))
                        .help("viết đường dẫn trong trang, ví dụ aliases: [\"/tin-tuc/bai-cu/\"]"),
                );
                continue;
            };
            if let Some((why, help)) = clash(file, taken.get(&output), seen.get(&output)) {
                let message = format!("đường dẫn cũ `{alias}` {why}");
                problems.push(at_field(file, "aliases", message).help(help));
                continue;
            }
            seen.insert(output.clone(), file);
            redirects.push(Redirect { output, to: to.clone() });
        }
    }
    redirects.sort_by(|a, b| a.output.cmp(&b.output));
    redirects
}

/// How an alias of `file` clashes with the URL of a page (`page`) or with an alias met before
/// (`other`, of the same file or another), and what to do.
fn clash(
    file: &SourceFile,
    page: Option<&&SourceFile>,
    other: Option<&&SourceFile>,
) -> Option<(String, &'static str)> {
    match (page, other) {
        (Some(page), _) => Some((
            format!("là đường dẫn của trang {}", page.path.display()),
            "bỏ đường dẫn cũ này: trang đó đang dùng địa chỉ này",
        )),
        (None, Some(other)) if other.path == file.path => {
            Some(("được viết hai lần trong `aliases`".to_string(), "giữ một lần, xoá lần còn lại"))
        }
        (None, Some(other)) => Some((
            format!("đã là đường dẫn cũ của trang {}", other.path.display()),
            "một đường dẫn cũ chỉ dẫn tới một trang: giữ nó ở trang đúng, bỏ ở trang kia",
        )),
        (None, None) => None,
    }
}

/// The output file of an alias: `/cu/bai/` becomes `cu/bai/index.html`; `cu.html` stays.
fn alias_output(alias: &str) -> Option<String> {
    // `:` as the writer refuses it (`C:`); caught here, the mistake is shown at its line.
    if alias.contains(':') || alias.contains('\\') || alias.contains('?') || alias.contains('#') {
        return None;
    }
    let trimmed = alias.trim().trim_start_matches('/');
    let normal = crate::fs::normalize(std::path::Path::new(trimmed))?;
    let normal = crate::load::to_slash(&normal);
    if normal.is_empty() {
        return None;
    }
    if normal.ends_with(".html") || normal.ends_with(".htm") {
        Some(normal)
    } else {
        Some(format!("{normal}/index.html"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn aliases_stay_inside_the_site() {
        assert_eq!(alias_output("/tin-tuc/bai-cu/").as_deref(), Some("tin-tuc/bai-cu/index.html"));
        assert_eq!(alias_output("cu.html").as_deref(), Some("cu.html"));
        // `/cu/:goi/` was refused only by the writer, with no line to show (issue 14).
        for bad in ["../x", "/", "https://a.vn/x", "a/../../b", "a?b=1", "/cu/:goi/", "C:/x"] {
            assert_eq!(alias_output(bad), None, "{bad}");
        }
    }
}
