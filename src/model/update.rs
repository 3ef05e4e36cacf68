//! Watch mode's fast path: a new version of the site after a save that changed only the body
//! of pages. Their front matter is the same, so their URLs, tags, dates and listings are too;
//! only their rendered bodies change, and the bodies of pages that link to their headings are
//! checked again.

use std::collections::HashSet;

use super::Site;
use super::bodies;
use crate::diagnostic::{Problems, Severity};
use crate::front_matter;
use crate::load::SourceFile;
use crate::markdown;

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

impl Site {
    /// Applies saved files that changed only their pages' bodies. `None` when some file is not
    /// such an edit (a new file, a section, a changed front matter, a first code block): the
    /// caller must then rebuild. On errors the site is left as it was.
    pub fn edit_bodies(&mut self, files: Vec<SourceFile>) -> Option<Result<BodyEdit, Problems>> {
        let mut edits = Vec::with_capacity(files.len());
        for file in files {
            let p =
                self.pages.iter().position(|page| page.file.content_path == file.content_path)?;
            let old = front_matter::split(&self.pages[p].file).ok()?;
            let new = match front_matter::split(&file) {
                Ok(split) => split,
                Err(d) => return Some(Err(d.into())),
            };
            if old.front != new.front {
                return None;
            }
            let headings = markdown::outline(new.body, self.markdown);
            let body_start = new.body_start;
            edits.push((p, file, body_start, headings));
        }

        // Heading ids as they will be, so links between the edited pages check out.
        let mut saved_ids = Vec::new();
        let mut moved_ids = HashSet::new();
        for (p, file, _, headings) in &edits {
            let ids: HashSet<String> = headings.iter().map(|h| h.id.clone()).collect();
            let old = self.links.ids(&file.content_path).cloned().unwrap_or_default();
            if old != ids {
                moved_ids.insert(file.content_path.clone());
            }
            saved_ids.push((self.pages[*p].file.content_path.clone(), old));
            self.links.set_ids(&file.content_path, ids);
        }

        let mut problems = Problems::new();
        let mut rendered = Vec::with_capacity(edits.len());
        for (_, file, body_start, headings) in &edits {
            let (body, diagnostics) =
                bodies::render(file, *body_start, headings, self.markdown, &self.links);
            problems.extend(diagnostics);
            rendered.push((body.rendered, body.links_to));
        }
        let edited: HashSet<usize> = edits.iter().map(|(p, ..)| *p).collect();
        let links_to_moved = |links: &[String]| links.iter().any(|l| moved_ids.contains(l));
        let dependent_pages: Vec<usize> = (0..self.pages.len())
            .filter(|p| !edited.contains(p) && links_to_moved(&self.pages[*p].links_to))
            .collect();
        let dependent_sections: Vec<usize> = (0..self.sections.len())
            .filter(|&s| self.sections[s].built && links_to_moved(&self.sections[s].links_to))
            .collect();
        let recheck = |file: &SourceFile, headings: &[markdown::Heading]| {
            let start = front_matter::split(file).map(|s| s.body_start).unwrap_or(file.text.len());
            let (body, diagnostics) =
                bodies::render(file, start, headings, self.markdown, &self.links);
            (body.rendered, body.links_to, diagnostics)
        };
        let rechecked_pages: Vec<_> = dependent_pages
            .iter()
            .map(|&p| recheck(&self.pages[p].file, &self.pages[p].headings))
            .collect();
        let rechecked_sections: Vec<_> = dependent_sections
            .iter()
            .map(|&s| recheck(&self.sections[s].file, &self.sections[s].headings))
            .collect();
        for (_, _, diagnostics) in rechecked_pages.iter().chain(&rechecked_sections) {
            problems.extend(diagnostics.iter().cloned());
        }

        let needs_stylesheet = rendered.iter().any(|(body, _)| body.has_code) && !self.has_code;
        if problems.has_errors() || needs_stylesheet {
            for (path, ids) in saved_ids {
                self.links.set_ids(&path, ids);
            }
            return if needs_stylesheet && !problems.has_errors() {
                None
            } else {
                Some(Err(sorted(problems)))
            };
        }

        let mut changed: Vec<usize> = Vec::new();
        for ((p, file, _, headings), (body, links_to)) in edits.into_iter().zip(rendered) {
            let page = &mut self.pages[p];
            page.file = file;
            page.headings = headings;
            page.rendered = body;
            page.links_to = links_to;
            changed.push(p);
        }
        for (&p, (body, links_to, _)) in dependent_pages.iter().zip(rechecked_pages) {
            self.pages[p].rendered = body;
            self.pages[p].links_to = links_to;
            changed.push(p);
        }
        for (&s, (body, links_to, _)) in dependent_sections.iter().zip(rechecked_sections) {
            self.sections[s].rendered = body;
            self.sections[s].links_to = links_to;
        }
        let warnings = Problems::from(
            problems.into_iter().filter(|d| d.severity == Severity::Warning).collect::<Vec<_>>(),
        );
        Some(Ok(BodyEdit { pages: changed, sections: dependent_sections, warnings }))
    }
}

fn sorted(mut problems: Problems) -> Problems {
    problems.sort();
    problems
}
