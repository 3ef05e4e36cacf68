//! Watch mode's fast path: a new version of the site after a save that changed only the body
//! of pages. Their front matter is the same, so their URLs, tags, dates and listings are too;
//! only their rendered bodies change, and the bodies of pages that link to their headings are
//! checked again.

use std::collections::HashSet;

use super::{RenderedBody, Site};
use crate::diagnostic::{Problems, Severity};
use crate::front_matter;
use crate::load::SourceFile;
use crate::markdown::{self, Heading};

/// What a body edit changed.
#[derive(Debug)]
pub struct BodyEdit {
    /// Pages whose rendered body changed (the edited ones and those re-checked).
    pub pages: Vec<usize>,
    /// Sections whose rendered body was re-checked.
    pub sections: Vec<usize>,
    /// Problems that do not stop the build.
    pub warnings: Problems,
}

/// A saved page whose front matter is unchanged: its place in `Site::pages`, the new file,
/// where the body starts in it, and the body's headings.
struct Edit {
    page: usize,
    file: SourceFile,
    body_start: usize,
    headings: Vec<Heading>,
}

/// The edited pages' heading ids as they were, to put back if the edit fails, and the pages
/// whose ids changed.
struct Ids {
    saved: Vec<(String, HashSet<String>)>,
    moved: HashSet<String>,
}

/// Bodies rendered again because they link to a page whose heading ids changed: pages (not
/// the edited ones) and sections, by index.
struct Rechecked {
    pages: Vec<(usize, RenderedBody)>,
    sections: Vec<(usize, RenderedBody)>,
}

impl Site {
    /// Applies saved files that changed only their pages' bodies. `None` when some file is not
    /// such an edit (a new file, a section, a changed front matter, a first code block): the
    /// caller must then rebuild. On errors the site is left as it was.
    pub fn edit_bodies(&mut self, files: Vec<SourceFile>) -> Option<Result<BodyEdit, Problems>> {
        let edits = match self.body_edits(files)? {
            Ok(edits) => edits,
            Err(problems) => return Some(Err(problems)),
        };
        let ids = self.expect_ids(&edits);
        let rendered: Vec<RenderedBody> = edits
            .iter()
            .map(|e| {
                super::render_body(&e.file, e.body_start, &e.headings, self.markdown, &self.links)
            })
            .collect();
        let edited: HashSet<usize> = edits.iter().map(|e| e.page).collect();
        let rechecked = self.recheck_links_to(&ids.moved, &edited);
        let mut problems = Problems::new();
        let bodies = rendered
            .iter()
            .chain(rechecked.pages.iter().chain(&rechecked.sections).map(|(_, b)| b));
        for (_, _, diagnostics) in bodies {
            problems.extend(diagnostics.iter().cloned());
        }

        let needs_stylesheet = rendered.iter().any(|(body, ..)| body.has_code) && !self.has_code;
        if problems.has_errors() || needs_stylesheet {
            for (path, ids) in ids.saved {
                self.links.set_ids(&path, ids);
            }
            return if needs_stylesheet && !problems.has_errors() {
                None
            } else {
                Some(Err(sorted(problems)))
            };
        }
        let sections = rechecked.sections.iter().map(|(s, _)| *s).collect();
        let pages = self.apply(edits, rendered, rechecked);
        let warnings = Problems::from(
            problems.into_iter().filter(|d| d.severity == Severity::Warning).collect::<Vec<_>>(),
        );
        Some(Ok(BodyEdit { pages, sections, warnings }))
    }

    /// Each saved file as an edit of a page's body: `None` as soon as one is not (see
    /// [`Site::edit_bodies`]), the problem of the first whose front matter cannot be read.
    fn body_edits(&self, files: Vec<SourceFile>) -> Option<Result<Vec<Edit>, Problems>> {
        let mut edits = Vec::with_capacity(files.len());
        for file in files {
            let page =
                self.pages.iter().position(|page| page.file.content_path == file.content_path)?;
            let old = front_matter::split(&self.pages[page].file).ok()?;
            let new = match front_matter::split(&file) {
                Ok(split) => split,
                Err(d) => return Some(Err(d.into())),
            };
            if old.front != new.front {
                return None;
            }
            let headings = markdown::outline(new.body, self.markdown);
            let body_start = new.body_start;
            edits.push(Edit { page, file, body_start, headings });
        }
        Some(Ok(edits))
    }

    /// Gives the edited pages their heading ids as they will be, so links between the edited
    /// pages check out; returns the ids they had and which pages' ids changed.
    fn expect_ids(&mut self, edits: &[Edit]) -> Ids {
        let mut saved = Vec::new();
        let mut moved = HashSet::new();
        for edit in edits {
            let path = &edit.file.content_path;
            let ids: HashSet<String> = edit.headings.iter().map(|h| h.id.clone()).collect();
            let old = self.links.ids(path).cloned().unwrap_or_default();
            if old != ids {
                moved.insert(path.clone());
            }
            saved.push((self.pages[edit.page].file.content_path.clone(), old));
            self.links.set_ids(path, ids);
        }
        Ids { saved, moved }
    }

    /// Renders again the bodies of the pages (but the `edited` ones) and built sections that
    /// link to a page in `moved`, against the heading ids as they will be.
    fn recheck_links_to(&self, moved: &HashSet<String>, edited: &HashSet<usize>) -> Rechecked {
        let links_to_moved = |links: &[String]| links.iter().any(|l| moved.contains(l));
        let recheck = |file: &SourceFile, headings: &[Heading]| {
            let start = front_matter::split(file).map(|s| s.body_start).unwrap_or(file.text.len());
            super::render_body(file, start, headings, self.markdown, &self.links)
        };
        let pages = (0..self.pages.len())
            .filter(|p| !edited.contains(p) && links_to_moved(&self.pages[*p].links_to))
            .map(|p| (p, recheck(&self.pages[p].file, &self.pages[p].headings)))
            .collect();
        let sections = (0..self.sections.len())
            .filter(|&s| self.sections[s].built && links_to_moved(&self.sections[s].links_to))
            .map(|s| (s, recheck(&self.sections[s].file, &self.sections[s].headings)))
            .collect();
        Rechecked { pages, sections }
    }

    /// Puts the edited files and every new body in place; returns the pages changed, the
    /// edited ones first.
    fn apply(
        &mut self,
        edits: Vec<Edit>,
        rendered: Vec<RenderedBody>,
        rechecked: Rechecked,
    ) -> Vec<usize> {
        let mut changed: Vec<usize> = Vec::new();
        for (edit, (body, links_to, _)) in edits.into_iter().zip(rendered) {
            let page = &mut self.pages[edit.page];
            page.file = edit.file;
            page.headings = edit.headings;
            page.rendered = body;
            page.links_to = links_to;
            changed.push(edit.page);
        }
        for (p, (body, links_to, _)) in rechecked.pages {
            self.pages[p].rendered = body;
            self.pages[p].links_to = links_to;
            changed.push(p);
        }
        for (s, (body, links_to, _)) in rechecked.sections {
            self.sections[s].rendered = body;
            self.sections[s].links_to = links_to;
        }
        changed
    }
}

fn sorted(mut problems: Problems) -> Problems {
    problems.sort();
    problems
}
