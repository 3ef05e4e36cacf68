//! Watch mode's fast path: a new version of the site after a save of pages it already has,
//! made from the last one without assembling the site again.
//!
//! A page whose front matter is the same keeps its URL, tags, date and places in listings;
//! only its rendered body changes, and the bodies of pages that link to its headings are
//! checked again. A page whose front matter changed but not what decides whether and where
//! it is built (its slug, old addresses, draft unless drafts are built, publish and expiry
//! dates, editors-only mark, share picture and template) also takes its new fields, and is
//! put at its new place in its section, among the dated pages and in each of its tags, the
//! site's tags made again when its tags changed.

use std::collections::HashSet;
use std::ops::Range;

use super::bodies::{self, Body};
use super::meta::{PageMeta, SortBy};
use super::parse::ParsedPage;
use super::{Site, Tag};
use crate::content_type::PageType;
use crate::diagnostic::{Diagnostic, Problems};
use crate::front_matter;
use crate::load::SourceFile;
use crate::markdown::{self, Heading};

/// What an edit of pages changed, for watch mode to render again.
#[derive(Debug)]
pub struct PageEdit {
    /// Pages whose own page, and the listing pages showing them, changed: the edited ones,
    /// those re-checked, and the neighbours (in their section) of a page whose front matter
    /// changed, which show its title.
    pub pages: Vec<usize>,
    /// Sections whose every listing page may have changed: those whose rendered body was
    /// re-checked, and the home page's when a page whose front matter changed is or was dated
    /// (the home page lists the newest pages and tells when the newest changed).
    pub sections: Vec<usize>,
    /// The places in sections' lists of pages whose page changed, after a front matter
    /// changed: the listing pages showing them changed.
    pub section_places: Places,
    /// The same in tags' lists.
    pub tag_places: Places,
    /// Listing pages no longer made: a tag's address (`/chu-de/gas/`) and the numbers of its
    /// listing pages gone, all of them when no page carries the tag any more.
    pub dropped: Vec<Dropped>,
    /// Whether the page listing the tags may have changed: the tags changed, or a page whose
    /// front matter changed carries tags (the page tells when the newest tagged page changed).
    pub tag_index: bool,
    /// The pages whose front matter changed, or that are new ([`Site::add_remove`]).
    pub fronts: Vec<usize>,
    /// Problems that do not stop the build.
    pub warnings: Problems,
}

/// A saved page.
struct Edit {
    /// The page's index.
    page: usize,
    /// The file as saved.
    file: SourceFile,
    /// Where its body starts.
    body_start: usize,
    /// Its body's headings.
    headings: Vec<Heading>,
    /// Its front matter and fields as saved, when they changed.
    front: Option<ParsedPage>,
    /// The warnings of its front matter, when it changed.
    warnings: Vec<Diagnostic>,
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
    #[cfg(test)]
    pub fn edit_bodies(&mut self, files: Vec<SourceFile>) -> Option<Result<PageEdit, Problems>> {
        self.edit_pages(files, &|_| false)
    }

    /// Applies saved files of pages the site has, as [`Site::edit_bodies`] does, also when the
    /// front matter of a page of a content type `fronts` accepts changed but not what decides
    /// whether and where the page is built (see the module's documentation). `fronts` accepts
    /// the types whose pages nothing else shows but their title and address, in their
    /// neighbours' pages and the listings. `None` when some file is not such an edit: the
    /// caller must then rebuild the site, which this may have left half changed. On errors
    /// the site is left as it was.
    pub fn edit_pages(
        &mut self,
        files: Vec<SourceFile>,
        fronts: &dyn Fn(&dyn PageType) -> bool,
    ) -> Option<Result<PageEdit, Problems>> {
        let mut edits = match self.edits(files, fronts)? {
            Ok(edits) => edits,
            Err(problems) => return Some(Err(sorted(problems))),
        };
        let (saved_ids, moved_ids) = self.set_new_ids(&edits);
        let mut problems = Problems::new();
        // The warnings of the saved front matter (the errors stopped at `edits`).
        for edit in &mut edits {
            problems.extend(std::mem::take(&mut edit.warnings));
        }
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
            return given_up(problems, rebuild);
        }
        let warnings = problems.take_warnings();
        let fronts: Vec<usize> =
            edits.iter().filter(|e| e.front.is_some()).map(|e| e.page).collect();
        // The tags as written, compared before the new front matter takes the old one's place.
        let retag = edits.iter().any(|e| {
            e.front.as_ref().is_some_and(|front| front.meta.tags != self.pages[e.page].meta.tags)
        });
        let neighbours_before = self.neighbours(&fronts);
        let dated = |site: &Site| fronts.iter().any(|p| site.dated.contains(p));
        let tagged = |site: &Site| fronts.iter().any(|&p| !site.pages[p].tags.is_empty());
        let (dated_before, tagged_before) = (dated(self), tagged(self));
        let mut edit = self.apply(edits, rendered, rechecked, warnings);
        if !fronts.is_empty() {
            let reordered = self.reorder(&fronts, retag)?;
            edit.pages.extend(neighbours_before.into_iter().chain(self.neighbours(&fronts)));
            edit.pages.sort_unstable();
            edit.pages.dedup();
            if dated_before || dated(self) {
                edit.sections.push(0);
                edit.sections.sort_unstable();
                edit.sections.dedup();
            }
            edit.tag_index = retag || tagged_before || tagged(self);
            edit.section_places = reordered.section_places;
            edit.tag_places = reordered.tag_places;
            edit.dropped = reordered.dropped;
            edit.fronts = fronts;
        }
        Some(Ok(edit))
    }

    /// Each saved file as an edit of a page; `None` when one is not (see
    /// [`Site::edit_pages`]), the problems when some front matter has errors.
    fn edits(
        &self,
        files: Vec<SourceFile>,
        fronts: &dyn Fn(&dyn PageType) -> bool,
    ) -> Option<Result<Vec<Edit>, Problems>> {
        let mut edits = Vec::with_capacity(files.len());
        let mut problems = Problems::new();
        for file in files {
            let page =
                self.pages.iter().position(|page| page.file.content_path == file.content_path)?;
            let old = &self.pages[page];
            let old_split = front_matter::split(&old.file).ok()?;
            let new = match front_matter::split(&file) {
                Ok(split) => split,
                Err(d) => {
                    problems.push(d);
                    continue;
                }
            };
            let headings = markdown::outline(new.body, self.markdown);
            let body_start = new.body_start;
            if old_split.front == new.front {
                let warnings = Vec::new();
                edits.push(Edit { page, file, body_start, headings, front: None, warnings });
                continue;
            }
            if !fronts(old.kind) {
                return None;
            }
            let (parsed, warnings) = super::parse::page(file.clone(), old.kind, self.markdown);
            let Some(mut parsed) = parsed else {
                problems.extend(warnings);
                continue;
            };
            if !same_place(&old.meta, &parsed.meta, self.drafts) {
                return None;
            }
            parsed.sum_up();
            let front = Some(parsed);
            edits.push(Edit { page, file, body_start, headings, front, warnings });
        }
        Some(if problems.is_empty() { Ok(edits) } else { Err(problems) })
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
    ) -> PageEdit {
        let mut changed: Vec<usize> = Vec::new();
        for (edit, body) in edits.into_iter().zip(rendered) {
            let page = &mut self.pages[edit.page];
            if let Some(front) = edit.front {
                page.meta = front.meta;
                page.fields = front.fields;
                page.sum = front.sum;
                page.title_key = front.title_key;
            }
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
        PageEdit {
            pages: changed,
            sections,
            section_places: Vec::new(),
            tag_places: Vec::new(),
            dropped: Vec::new(),
            tag_index: false,
            fronts: Vec::new(),
            warnings,
        }
    }

    /// The neighbours of the pages `fronts` in their sections, whose pages show their titles.
    pub(super) fn neighbours(&self, fronts: &[usize]) -> Vec<usize> {
        let mut neighbours = Vec::new();
        for &p in fronts {
            let list = &self.sections[self.pages[p].section].pages;
            if let Some(i) = list.iter().position(|&x| x == p) {
                neighbours.extend(i.checked_sub(1).map(|i| list[i]));
                neighbours.extend(list.get(i + 1).copied());
            }
        }
        neighbours
    }

    /// Puts each of the pages `fronts`, whose front matter changed, at its place in its
    /// section, among the dated pages and in its tags; when the tags written on one changed
    /// (`retag`), the site's tags are made again. Returns the places that changed in the
    /// sections' lists and the tags', and the tags' listing pages no longer made. `None` when
    /// a tag is named otherwise (its most common spelling changed): that changes every page
    /// carrying it, and the site is to be assembled again.
    fn reorder(&mut self, fronts: &[usize], retag: bool) -> Option<Reordered> {
        let mut sections: Vec<usize> = fronts.iter().map(|&p| self.pages[p].section).collect();
        sections.sort_unstable();
        sections.dedup();
        let lists_before: Vec<Vec<usize>> =
            sections.iter().map(|&s| self.sections[s].pages.clone()).collect();
        let config = &self.config;
        for &p in fronts {
            let page = &self.pages[p];
            let section = page.section;
            let sort_by = self.sections[section].meta.sort_by;
            let (pages, list) = (&self.pages, &mut self.sections[section].pages);
            super::reposition(pages, list, p, page.is_listed(), sort_by, config);
            let dated = page.is_listed() && page.meta.date.is_some();
            super::reposition(&self.pages, &mut self.dated, p, dated, SortBy::Date, config);
        }
        let section_places = sections
            .into_iter()
            .zip(lists_before)
            .map(|(s, before)| (s, changed_places(&before, &self.sections[s].pages, fronts)))
            .collect();
        let (tag_places, dropped) =
            if retag { self.retag(fronts)? } else { (self.reorder_tags(fronts), Vec::new()) };
        Some(Reordered { section_places, tag_places, dropped })
    }

    /// Puts each of the pages `fronts` at its place in each of its tags, which are the same.
    fn reorder_tags(&mut self, fronts: &[usize]) -> Places {
        let mut tags: Vec<usize> =
            fronts.iter().flat_map(|&p| &self.pages[p].tags).copied().collect();
        tags.sort_unstable();
        tags.dedup();
        let lists_before: Vec<Vec<usize>> =
            tags.iter().map(|&t| self.tags[t].pages.clone()).collect();
        for &p in fronts {
            let listed = self.pages[p].is_listed();
            for &t in &self.pages[p].tags {
                let list = &mut self.tags[t].pages;
                super::reposition(&self.pages, list, p, listed, SortBy::Date, &self.config);
            }
        }
        tags.into_iter()
            .zip(lists_before)
            .map(|(t, before)| (t, changed_places(&before, &self.tags[t].pages, fronts)))
            .collect()
    }

    /// The site's tags made again after the tags of pages `fronts` changed, with the places
    /// that changed in each and the listing pages no longer made; see [`Site::reorder`].
    pub(super) fn retag(&mut self, fronts: &[usize]) -> Option<(Places, Vec<Dropped>)> {
        let metas: Vec<(&PageMeta, &SourceFile)> =
            self.pages.iter().map(|p| (&p.meta, &p.file)).collect();
        let mut problems = Problems::new();
        let (pages, config) = (&self.pages, &self.config);
        // A tag whose pages are those it had, none of them edited, keeps its order: no page's
        // place changed (sorting every tag again was a third of making them again).
        let before: std::collections::HashMap<&str, &[usize]> =
            self.tags.iter().map(|t| (t.slug.as_str(), t.pages.as_slice())).collect();
        let kept = |slug: &str, list: &[usize]| {
            let old = before.get(slug).filter(|old| old.len() == list.len())?;
            let mut sorted = old.to_vec();
            sorted.sort_unstable();
            (sorted == list && !list.iter().any(|p| fronts.contains(p))).then_some(*old)
        };
        let order = |slug: &str, list: &mut Vec<usize>| match kept(slug, list) {
            Some(old) => list.copy_from_slice(old),
            None => super::sort_pages(pages, list, SortBy::Date, config),
        };
        let tags = super::tags::collect(config, &metas, order, &mut problems);
        if problems.has_errors() {
            return None;
        }
        let per_page = self.config.paginate_by.max(1);
        let listing_pages = |tag: &Tag| tag.pages.len().div_ceil(per_page).max(1);
        // Tags found by slug, not by a search through every tag: a site may have thousands.
        let new_by_slug: std::collections::HashMap<&str, &Tag> =
            tags.tags.iter().map(|t| (t.slug.as_str(), t)).collect();
        let mut dropped = Vec::new();
        for old in &self.tags {
            let new = new_by_slug.get(old.slug.as_str()).copied();
            // The name shows on every page carrying the tag and in every listing of them.
            if new.is_some_and(|new| new.name != old.name) {
                return None;
            }
            let left = new.map_or(0, listing_pages);
            if left < listing_pages(old) {
                dropped.push((old.path.clone(), left + 1..=listing_pages(old)));
            }
        }
        let places = (tags.tags.iter().enumerate())
            .map(|(t, tag)| {
                let before = before.get(tag.slug.as_str()).copied().unwrap_or_default();
                (t, changed_places(before, &tag.pages, fronts))
            })
            .filter(|(_, places)| !places.is_empty())
            .collect();
        for (page, of_page) in self.pages.iter_mut().zip(tags.of_page) {
            page.tags = of_page;
        }
        self.tags = tags.tags;
        Some((places, dropped))
    }
}

/// The places in a list of pages that changed, from `before` to `after`: those whose page
/// differs, and those of the pages `edited` (whose summary changed) in either. Every place
/// when the list's length changed: each listing page tells how many pages there are.
pub(super) fn changed_places(before: &[usize], after: &[usize], edited: &[usize]) -> Range<usize> {
    if before.len() != after.len() {
        return 0..after.len();
    }
    let same_start = before.iter().zip(after).take_while(|(a, b)| a == b).count();
    let tail = before.iter().rev().zip(after.iter().rev()).take_while(|(a, b)| a == b);
    let same_end = tail.count().min(after.len() - same_start);
    let (mut start, mut end) = if same_start == after.len() {
        (after.len(), 0)
    } else {
        (same_start, after.len() - same_end)
    };
    for list in [before, after] {
        for (i, p) in list.iter().enumerate() {
            if edited.contains(p) {
                start = start.min(i);
                end = end.max(i + 1);
            }
        }
    }
    start..end.max(start)
}

/// Lists of pages (sections' or tags', by index) and the places that changed in each.
pub type Places = Vec<(usize, Range<usize>)>;

/// Listing pages no longer made: see [`PageEdit::dropped`].
pub type Dropped = (String, std::ops::RangeInclusive<usize>);

/// The places that changed in the lists of pages an edit reordered.
struct Reordered {
    /// In each section's list, by section.
    section_places: Places,
    /// In each tag's list, by tag (after the edit).
    tag_places: Places,
    /// Tags' listing pages no longer made.
    dropped: Vec<Dropped>,
}

/// Whether a page's front matter as saved, `new`, keeps what decides whether the page is
/// built and at which addresses, and what is checked against other files: its slug, old
/// addresses, draft (unless `drafts` are built, as in watch mode: then it only shows a notice
/// on the page and in its summary), publish and expiry dates, editors-only mark, share picture
/// and template.
fn same_place(old: &PageMeta, new: &PageMeta, drafts: bool) -> bool {
    old.slug == new.slug
        && old.aliases == new.aliases
        && (old.draft == new.draft || drafts)
        && old.publish_date == new.publish_date
        && old.expiry_date == new.expiry_date
        && old.editors_only == new.editors_only
        && old.image == new.image
        && old.template == new.template
}

/// What an edit in place that cannot go on gives: `None` when the site is to be assembled
/// again (`rebuild`, and no error), else the errors.
pub(super) fn given_up(problems: Problems, rebuild: bool) -> Option<Result<PageEdit, Problems>> {
    if rebuild && !problems.has_errors() { None } else { Some(Err(sorted(problems))) }
}

pub(super) fn sorted(mut problems: Problems) -> Problems {
    problems.sort();
    problems
}
