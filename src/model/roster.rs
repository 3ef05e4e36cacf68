//! Watch mode's pages added and removed in place: a new version of the site after new
//! Markdown files appeared in a section, or pages' files went away (a rename is both), made
//! from the last one without assembling the site again.
//!
//! Only pages that nothing else shows but their title and address (as for front-matter edits,
//! [`super::update`]) are taken in place, and only when the change cannot reach beyond their
//! section's and tags' listings: a new page that is built (not a draft left out, not due, not
//! expired), outside a bundle, without old addresses, share picture, own template or data
//! shortcodes, at an address no other output has; a page removed that no body, menu entry or
//! notice links to and that has no old addresses. Anything else is left to an assembly, which
//! also reports what is wrong.
//!
//! The site's pages stay in the order of their addresses, as an assembly puts them (search
//! numbers its documents in that order): the lists that hold pages by index (sections',
//! tags', the dated pages) are renumbered, then each new page is put at its place in them.

use super::links::Target;
use super::pages::{self, Found, PagePlan};
use super::update::{PageEdit, given_up, sorted};
use super::{Options, Page, Site};
use crate::content_type::PageType;
use crate::diagnostic::Problems;
use crate::load::SourceFile;

impl Site {
    /// Adds the pages of `added` (files new to the site, read) and removes those at `removed`
    /// (paths relative to `content/` of pages it has whose files are gone), for pages of types
    /// `fronts` accepts (see the module's documentation). `taken` tells whether an address
    /// (`/bai-viet/a/`) is already served. `None` when the change is not such a
    /// change: the caller must then assemble the site again, which this may have left half
    /// changed. On errors (in a new page) the site is left as it was.
    pub fn add_remove(
        &mut self,
        added: Vec<SourceFile>,
        removed: &[String],
        fronts: &dyn Fn(&dyn PageType) -> bool,
        taken: &dyn Fn(&str) -> bool,
    ) -> Option<Result<PageEdit, Problems>> {
        let gone: Vec<usize> = removed
            .iter()
            .map(|path| self.pages.iter().position(|p| &p.file.content_path == path))
            .collect::<Option<_>>()?;
        if !gone.iter().all(|&p| self.removable(p, &gone, fronts)) {
            return None;
        }
        let mut problems = Problems::new();
        let mut planned: Vec<PagePlan> = Vec::with_capacity(added.len());
        for file in added {
            match self.plan(file, &gone, &planned, fronts, taken)? {
                Ok((plan, warnings)) => {
                    problems.extend(warnings);
                    planned.push(plan);
                }
                Err(errors) => problems.extend(errors),
            }
        }
        if problems.has_errors() {
            return Some(Err(sorted(problems)));
        }
        // Links are checked against the site as it will be: the pages gone are no longer
        // there, and the new ones may link to each other.
        let old_targets: Vec<(String, Target)> = gone
            .iter()
            .filter_map(|&p| {
                let path = &self.pages[p].file.content_path;
                self.links.remove_target(path).map(|target| (path.clone(), target))
            })
            .collect();
        for plan in &planned {
            let ids = plan.parsed.headings.iter().map(|h| h.id.clone()).collect();
            let target = Target { url: plan.permalink.clone(), ids: Some(ids), absent: None };
            self.links.add_target(&plan.parsed.file.content_path, target);
        }
        let mut pages = Vec::with_capacity(planned.len());
        let mut rebuild = false;
        for plan in planned {
            let parsed = &plan.parsed;
            let (mut body, diagnostics) = super::bodies::render(
                &parsed.file,
                parsed.body_start,
                &parsed.headings,
                self.markdown,
                &self.links,
            );
            problems.extend(diagnostics);
            // The code stylesheet is made only for a site with code; data shortcodes are
            // checked against the data sets, which only an assembly does.
            let code = body.rendered.has_code || parsed.kind.shows_code();
            rebuild |= (code && !self.has_code) || !body.rendered.data_uses.is_empty();
            body.rendered.sum_up();
            pages.push(pages::finished(plan, body, None, Vec::new()));
        }
        if problems.has_errors() || rebuild {
            for page in &pages {
                self.links.remove_target(&page.file.content_path);
            }
            for (path, target) in old_targets {
                self.links.add_target(&path, target);
            }
            return given_up(problems, rebuild);
        }
        let warnings = problems.take_warnings();
        Some(Ok(self.take_in(gone, pages, warnings)?))
    }

    /// Whether page `p` can leave the site in place, with the pages `gone`: a page of a type
    /// `fronts` accepts, not a bundle, without old addresses or highlighted code (the site's
    /// code stylesheet may go with it), that no other body, menu entry or notice links to.
    fn removable(&self, p: usize, gone: &[usize], fronts: &dyn Fn(&dyn PageType) -> bool) -> bool {
        let page = &self.pages[p];
        let path = &page.file.content_path;
        let linked = |links: &[String]| links.iter().any(|l| l == path);
        let points_here = |url: &str| {
            let rest = url.strip_prefix(page.permalink.as_str());
            rest.is_some_and(|rest| rest.is_empty() || rest.starts_with('#'))
        };
        let others = self.pages.iter().enumerate().filter(|(q, _)| !gone.contains(q));
        fronts(page.kind)
            && !path.ends_with("/index.md")
            && page.meta.aliases.is_empty()
            && !page.rendered.has_code
            && !page.kind.shows_code()
            && !others.into_iter().any(|(_, other)| linked(&other.links_to))
            && !self.sections.iter().any(|s| linked(&s.links_to))
            && !self.menu.iter().any(|m| points_here(&m.url))
            && !self.alerts.iter().any(|a| a.url.as_deref().is_some_and(points_here))
    }

    /// `file`, a Markdown file new to the site, parsed and given its address, with its
    /// warnings, or its errors; `None` when it cannot be added in place. `gone` are the pages removed with it, `others`
    /// the pages added before it.
    fn plan(
        &self,
        file: SourceFile,
        gone: &[usize],
        others: &[PagePlan],
        fronts: &dyn Fn(&dyn PageType) -> bool,
        taken: &dyn Fn(&str) -> bool,
    ) -> Option<Result<(PagePlan, Problems), Problems>> {
        let (dir, bundle) = pages::page_dir(&file.content_path);
        let name = file.content_path.rsplit('/').next().unwrap_or(&file.content_path);
        if bundle || name == "_index.md" {
            return None;
        }
        let section = self.sections.iter().position(|s| s.dir == dir)?;
        let kind = self.sections[section].kind;
        if !self.sections[section].built || !fronts(kind) {
            return None;
        }
        let mut problems = Problems::new();
        if let Some(style) = self.config.content.tone_marks {
            problems.extend(crate::tone_marks::check(&file.path, &file.text, style));
        }
        let (parsed, diagnostics) = super::parse::page(file, kind, self.markdown);
        problems.extend(diagnostics);
        let Some(mut parsed) = parsed else { return Some(Err(problems)) };
        let meta = &parsed.meta;
        let options = Options { today: self.today, drafts: self.drafts };
        if !meta.aliases.is_empty()
            || meta.image.is_some()
            || meta.template.is_some()
            || pages::absence(&self.config, meta, None, options).is_some()
        {
            return None;
        }
        parsed.sum_up();
        let found = Found { parsed, section, bundle };
        let plan =
            pages::addressed(&self.config, found, &self.sections[section].path, &mut problems);
        let path = &plan.path;
        // An address another output has: an assembly tells which two pages share it.
        let gone_from = |p: &str| gone.iter().any(|&g| self.pages[g].path == p);
        let in_use = self.pages.iter().any(|p| &p.path == path)
            || others.iter().any(|p| &p.path == path)
            || self.sections.iter().any(|s| &s.path == path)
            || self.tags.iter().any(|t| &t.path == path)
            || taken(path);
        if in_use && !gone_from(path) {
            return None;
        }
        Some(if problems.has_errors() { Err(problems) } else { Ok((plan, problems)) })
    }

    /// Removes the pages `gone`, puts `added` at their places among the pages (by address)
    /// and in the lists, and tells what changed; `None` when a tag is named otherwise (see
    /// `Site::reorder`).
    fn take_in(
        &mut self,
        gone: Vec<usize>,
        added: Vec<Page>,
        warnings: Problems,
    ) -> Option<PageEdit> {
        let neighbours_before = self.neighbours(&gone);
        let dated = |site: &Site, pages: &[usize]| pages.iter().any(|p| site.dated.contains(p));
        let tagged =
            |site: &Site, pages: &[usize]| pages.iter().any(|&p| !site.pages[p].tags.is_empty());
        let (dated_before, tagged_before) = (dated(self, &gone), tagged(self, &gone));
        let lengths_before: Vec<usize> = self.sections.iter().map(|s| s.pages.len()).collect();
        let (fresh, new_index) = self.merge(&gone, added);
        let config = &self.config;
        for &p in &fresh {
            let page = &self.pages[p];
            let sort_by = self.sections[page.section].meta.sort_by;
            let list = &mut self.sections[page.section].pages;
            super::reposition(&self.pages, list, p, page.is_listed(), sort_by, config);
            let is_dated = page.is_listed() && page.meta.date.is_some();
            let list = &mut self.dated;
            super::reposition(&self.pages, list, p, is_dated, super::SortBy::Date, config);
        }
        let mut sections = self.recounted(&lengths_before);
        if dated_before || dated(self, &fresh) {
            sections.push(0);
        }
        sections.sort_unstable();
        sections.dedup();
        let (tag_places, dropped) = self.retag(&fresh)?;
        let mut pages = fresh.clone();
        pages.extend(neighbours_before.into_iter().filter_map(|p| new_index[p]));
        pages.extend(self.neighbours(&fresh));
        pages.sort_unstable();
        pages.dedup();
        Some(PageEdit {
            pages,
            sections,
            section_places: Vec::new(),
            tag_places,
            dropped,
            tag_index: tagged_before || tagged(self, &fresh),
            fronts: fresh,
            warnings,
        })
    }

    /// Takes the pages `gone` out and merges `added` in by address, renumbering the lists of
    /// pages; gives the new pages' indices, and each old index's new one. The tags are to be
    /// made again: a page gone keeps its place in their old lists (at an index no page has),
    /// so a list that lost one is seen to change.
    fn merge(&mut self, gone: &[usize], added: Vec<Page>) -> (Vec<usize>, Vec<Option<usize>>) {
        let old = std::mem::take(&mut self.pages);
        let mut new_index = vec![None; old.len()];
        let mut added = added;
        added.sort_by(|a, b| a.path.cmp(&b.path));
        let mut added = added.into_iter().peekable();
        let mut fresh = Vec::new();
        self.pages.reserve(old.len() + added.len());
        // The pages are in the order of their addresses: one pass merges the new ones in.
        for (i, page) in old.into_iter().enumerate() {
            if gone.contains(&i) {
                continue;
            }
            while let Some(new) = added.next_if(|new| new.path < page.path) {
                fresh.push(self.pages.len());
                self.pages.push(new);
            }
            new_index[i] = Some(self.pages.len());
            self.pages.push(page);
        }
        for new in added {
            fresh.push(self.pages.len());
            self.pages.push(new);
        }
        let renumber =
            |list: &[usize]| -> Vec<usize> { list.iter().filter_map(|&p| new_index[p]).collect() };
        for section in &mut self.sections {
            section.pages = renumber(&section.pages);
        }
        self.dated = renumber(&self.dated);
        for tag in &mut self.tags {
            tag.pages = tag.pages.iter().map(|&p| new_index[p].unwrap_or(usize::MAX)).collect();
        }
        (fresh, new_index)
    }

    /// The sections whose count of pages is no longer `lengths_before`'s, with their parents:
    /// each listing page of a section tells its count, and its parent's tell its subsections'.
    fn recounted(&self, lengths_before: &[usize]) -> Vec<usize> {
        let mut sections = Vec::new();
        for (s, section) in self.sections.iter().enumerate() {
            if section.pages.len() != lengths_before[s] {
                sections.push(s);
                sections.extend(section.parent);
            }
        }
        sections
    }
}
