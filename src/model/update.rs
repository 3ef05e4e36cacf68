//! Watch mode's fast path: a new version of the site after a save that changed only the body
//! of pages. Their front matter is the same, so their URLs, tags, dates and listings are too;
//! only their rendered bodies change, and the bodies of pages that link to their headings are
//! checked again.

use std::collections::HashSet;

use super::Site;
use super::bodies::{self, Body};
use crate::diagnostic::{Diagnostic, Problems, Severity};
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

/// A saved page whose front matter is unchanged.
struct Edit {
    /// The page's index.
    page: usize,
    /// The file as saved.
    file: SourceFile,
    /// Where its body starts.
    body_start: usize,
    /// Its body's headings.
    headings: Vec<Heading>,
}

/// The other pages and the sections rendered again because they link to a page whose heading
/// ids changed.
struct Rechecked {
    pages: Vec<(usize, Body)>,
    sections: Vec<(usize, Body)>,
}

impl Site {
    /// Applies saved files that changed only their pages' bodies. `None` when some file is not
    /// such an edit (a new file, a section, a changed front matter, a first code block, a data
    /// shortcode): the caller must then rebuild. On errors the site is left as it was.
    pub fn edit_bodies(&mut self, files: Vec<SourceFile>) -> Option<Result<BodyEdit, Problems>> {
        let edits = match self.body_edits(files)? {
            Ok(edits) => edits,
            Err(d) => return Some(Err(d.into())),
        };
        let (saved_ids, moved_ids) = self.set_new_ids(&edits);
        let mut problems = Problems::new();
        // The site's tone-mark style, in the saved files (an assembly checks every file).
        if let Some(style) = self.config.content.tone_marks {
            let files = edits.iter().map(|e| &e.file);
            problems.extend(files.flat_map(|f| crate::tone_marks::check(&f.path, &f.text, style)));
        }
        let mut render = |file: &SourceFile, start: usize, headings: &[Heading]| {
            let (mut body, diagnostics) =
                bodies::render(file, start, headings, self.markdown, &self.links);
            // Watch mode's: summed up like the bodies of its assemblies (`BodyCache`).
            body.rendered.sum_up();
            problems.extend(diagnostics);
            body
        };
        let rendered: Vec<Body> =
            edits.iter().map(|e| render(&e.file, e.body_start, &e.headings)).collect();
        let rechecked = self.recheck(&edits, &moved_ids, &mut render);
        let needs_stylesheet = rendered.iter().any(|body| body.rendered.has_code) && !self.has_code;
        // A data shortcode is checked against the data sets, which only assembly does.
        let uses_data = rendered.iter().any(|body| !body.rendered.data_uses.is_empty());
        let rebuild = needs_stylesheet || uses_data;
        if problems.has_errors() || rebuild {
            for (path, ids) in saved_ids {
                self.links.set_ids(&path, ids);
            }
            return if rebuild && !problems.has_errors() {
                None
            } else {
                Some(Err(sorted(problems)))
            };
        }
        let warnings = Problems::from(
            problems.into_iter().filter(|d| d.severity == Severity::Warning).collect::<Vec<_>>(),
        );
        Some(Ok(self.apply(edits, rendered, rechecked, warnings)))
    }

    /// Each saved file as an edit of a page's body; `None` when one is not (see
    /// [`Site::edit_bodies`]), an error when one's front matter cannot be split.
    fn body_edits(&self, files: Vec<SourceFile>) -> Option<Result<Vec<Edit>, Diagnostic>> {
        let mut edits = Vec::with_capacity(files.len());
        for file in files {
            let page =
                self.pages.iter().position(|page| page.file.content_path == file.content_path)?;
            let old = front_matter::split(&self.pages[page].file).ok()?;
            let new = match front_matter::split(&file) {
                Ok(split) => split,
                Err(d) => return Some(Err(d)),
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

    /// Puts the edited pages' heading ids as they will be into the link index, so links
    /// between the edited pages check out. Returns the ids as they were, to put back if the
    /// edit fails, and the pages whose ids changed.
    fn set_new_ids(&mut self, edits: &[Edit]) -> (Vec<(String, HashSet<String>)>, HashSet<String>) {
        let mut saved_ids = Vec::new();
        let mut moved_ids = HashSet::new();
        for edit in edits {
            let path = &edit.file.content_path;
            let ids: HashSet<String> = edit.headings.iter().map(|h| h.id.clone()).collect();
            let old = self.links.ids(path).cloned().unwrap_or_default();
            if old != ids {
                moved_ids.insert(path.clone());
            }
            saved_ids.push((self.pages[edit.page].file.content_path.clone(), old));
            self.links.set_ids(path, ids);
        }
        (saved_ids, moved_ids)
    }

    /// Renders again, with `render`, the other pages and the built sections whose bodies link
    /// to a page of `moved_ids`.
    fn recheck(
        &self,
        edits: &[Edit],
        moved_ids: &HashSet<String>,
        render: &mut impl FnMut(&SourceFile, usize, &[Heading]) -> Body,
    ) -> Rechecked {
        let edited: HashSet<usize> = edits.iter().map(|e| e.page).collect();
        let links_to_moved = |links: &[String]| links.iter().any(|l| moved_ids.contains(l));
        let mut again = |file: &SourceFile, headings: &[Heading]| {
            let start = front_matter::split(file).map(|s| s.body_start).unwrap_or(file.text.len());
            render(file, start, headings)
        };
        let pages = (0..self.pages.len())
            .filter(|p| !edited.contains(p) && links_to_moved(&self.pages[*p].links_to))
            .map(|p| (p, again(&self.pages[p].file, &self.pages[p].headings)))
            .collect();
        let sections = (0..self.sections.len())
            .filter(|&s| self.sections[s].built && links_to_moved(&self.sections[s].links_to))
            .map(|s| (s, again(&self.sections[s].file, &self.sections[s].headings)))
            .collect();
        Rechecked { pages, sections }
    }

    /// Puts the new bodies in place.
    fn apply(
        &mut self,
        edits: Vec<Edit>,
        rendered: Vec<Body>,
        rechecked: Rechecked,
        warnings: Problems,
    ) -> BodyEdit {
        let mut changed: Vec<usize> = Vec::new();
        for (edit, body) in edits.into_iter().zip(rendered) {
            let page = &mut self.pages[edit.page];
            page.file = edit.file;
            page.headings = edit.headings;
            page.rendered = body.rendered;
            page.links_to = body.links_to;
            changed.push(edit.page);
        }
        for (p, body) in rechecked.pages {
            self.pages[p].rendered = body.rendered;
            self.pages[p].links_to = body.links_to;
            changed.push(p);
        }
        let mut sections = Vec::with_capacity(rechecked.sections.len());
        for (s, body) in rechecked.sections {
            self.sections[s].rendered = body.rendered;
            self.sections[s].links_to = body.links_to;
            sections.push(s);
        }
        BodyEdit { pages: changed, sections, warnings }
    }
}

fn sorted(mut problems: Problems) -> Problems {
    problems.sort();
    problems
}
