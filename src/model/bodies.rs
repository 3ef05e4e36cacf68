//! Rendering one Markdown body against the site's link index: its HTML, the pages it links to,
//! and the problems of its links. Assembly renders every body this way, and so does watch
//! mode's fast path for a saved page.

use super::links::LinkIndex;
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::SourceFile;
use crate::markdown::{self, Heading, MarkdownOptions, Rendered};

/// A rendered body.
pub struct Body {
    /// Its HTML and what it holds.
    pub rendered: Rendered,
    /// Pages and sections it links to (paths relative to `content/`).
    pub links_to: Vec<String>,
}

/// Renders the body of `file` (from `body_start`), its links resolved from its folder, with
/// the problems found, placed in the file.
pub fn render(
    file: &SourceFile,
    body_start: usize,
    headings: &[Heading],
    options: MarkdownOptions,
    index: &LinkIndex,
) -> (Body, Vec<Diagnostic>) {
    let dir = file.content_path.rsplit_once('/').map_or("", |(d, _)| d);
    let body = &file.text[body_start..];
    let links = index.for_dir(dir);
    let (rendered, found) = markdown::render(body, headings, options, &links);
    let links_to = links.linked_pages();
    let diagnostics = found
        .into_iter()
        .map(|p| {
            let span = body_start + p.span.start..body_start + p.span.end;
            let mut d = Diagnostic::error(&file.path, p.message).at(&file.text, span);
            if p.warning {
                d.severity = Severity::Warning;
            }
            match p.help {
                Some(help) => d.help(help),
                None => d,
            }
        })
        .collect();
    (Body { rendered, links_to }, diagnostics)
}
