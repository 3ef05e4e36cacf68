//! Sections: each parsed `_index.md` given its URL, its parent, its content type and whether
//! it is in this build; then, once pages are finished, its pages and subsections in order.

use std::collections::HashMap;

use rayon::prelude::*;

use super::bodies::{self, Body};
use super::links::{Absence, LinkIndex};
use super::meta::SortBy;
use super::parse::ParsedSection;
use super::{Options, Page, Section, TAGS_PATH};
use crate::config::Config;
use crate::content_type::{PageType, Types};
use crate::diagnostic::{Diagnostic, Problems};
use crate::load::SourceFile;
use crate::markdown::MarkdownOptions;
use crate::slug::slugify;
use crate::text::collate;

/// A section with its place in the site decided.
pub struct SectionPlan {
    /// The section as parsed.
    pub parsed: ParsedSection,
    /// Its URL path (`/bai-viet/`).
    pub path: String,
    /// Its absolute URL.
    pub permalink: String,
    /// The content type of its pages: its own `type`, else its parent's.
    pub kind: &'static dyn PageType,
    /// Its parent section.
    pub parent: Option<usize>,
    /// Why it is left out of this build (a draft, or under one); it keeps its place in the
    /// list all the same, so links to it are told why it is missing.
    pub absent: Option<Absence>,
}

/// Places each section, parents before children (`parsed` is sorted by folder).
pub fn place(
    config: &Config,
    parsed: Vec<ParsedSection>,
    options: Options,
    types: &Types,
    problems: &mut Problems,
) -> Vec<SectionPlan> {
    let mut plans: Vec<SectionPlan> = Vec::with_capacity(parsed.len());
    let mut index_of: HashMap<String, usize> = HashMap::new();
    for section in parsed {
        let parent = ancestors(&section.dir).find_map(|dir| index_of.get(dir).copied());
        let path = url_path(&section, problems);
        let named = section.meta.content_type.as_deref().and_then(|name| {
            let kind = types.page(name);
            if kind.is_none() {
                problems.push(unknown_type(&section.file, name, types));
            }
            kind
        });
        let inherited = parent.map(|p| plans[p].kind);
        let kind = named.or(inherited).unwrap_or_else(|| types.default_page());
        let parent_absent = parent.and_then(|p| plans[p].absent);
        let draft = section.meta.draft && !options.drafts;
        let absent = parent_absent.or(draft.then_some(Absence::Draft));
        index_of.insert(section.dir.clone(), plans.len());
        plans.push(SectionPlan {
            permalink: config.permalink(&path),
            path,
            kind,
            parent,
            absent,
            parsed: section,
        });
    }
    plans
}

/// The URL path of a section: its folders slugified.
fn url_path(section: &ParsedSection, problems: &mut Problems) -> String {
    let mut path = String::from("/");
    for segment in section.dir.split('/').filter(|s| !s.is_empty()) {
        let slug = slugify(segment);
        if slug.is_empty() {
            problems.push(crate::front_matter::at_field(
                &section.file,
                "slug",
                format!("tên thư mục `{segment}` không tạo được đường dẫn; hãy dùng chữ hoặc số"),
            ));
        }
        path.push_str(&slug);
        path.push('/');
    }
    if section.dir.split('/').next() == Some(TAGS_PATH) {
        problems.push(crate::front_matter::at_field(
            &section.file,
            "slug",
            format!("thư mục `{TAGS_PATH}` dành cho các trang chủ đề; hãy đổi tên thư mục"),
        ));
    }
    path
}

/// A section's `type:` that names no registered type.
pub fn unknown_type(file: &SourceFile, name: &str, types: &Types) -> Diagnostic {
    let split = crate::front_matter::split(file);
    let names: Vec<&str> = types.pages.iter().map(|t| t.name()).collect();
    let message = format!("giá trị `{name}` không có trong danh sách cho phép (trong `type`)");
    let d = match &split {
        Ok(split) => crate::front_matter::at_value(file, split, "type", message),
        Err(_) => crate::front_matter::at_field(file, "type", message),
    };
    d.help(crate::explain::suggest_help(name, &names, "giá trị"))
}

/// Parent folders of `dir`, nearest first, ending with `""`.
fn ancestors(dir: &str) -> impl Iterator<Item = &str> {
    let mut current = Some(dir);
    std::iter::from_fn(move || {
        let d = current?;
        if d.is_empty() {
            current = None;
            return None;
        }
        let parent = d.rsplit_once('/').map_or("", |(p, _)| p);
        current = Some(parent);
        Some(parent)
    })
}

/// Each section's body rendered, in parallel, against the link index. The problems of a
/// section left out of the build are not reported: nobody will read it.
pub fn render(
    sections: &[SectionPlan],
    options: MarkdownOptions,
    index: &LinkIndex,
    problems: &mut Problems,
) -> Vec<Body> {
    let rendered: Vec<_> = sections
        .par_iter()
        .map(|s| {
            let parsed = &s.parsed;
            bodies::render(&parsed.file, parsed.body_start, &parsed.headings, options, index)
        })
        .collect();
    let mut out = Vec::with_capacity(rendered.len());
    for (section, (body, diagnostics)) in sections.iter().zip(rendered) {
        if section.absent.is_none() {
            problems.extend(diagnostics);
        }
        out.push(body);
    }
    out
}

/// The finished sections: each with its rendered body, its pages in its order and its
/// subsections by weight, then title. A section left out lists no page.
pub fn finish(
    config: &Config,
    plans: Vec<SectionPlan>,
    bodies: Vec<Body>,
    pages: &[Page],
    by_date: &[usize],
) -> Vec<Section> {
    let page_lists = pages_of(config, &plans, pages, by_date);
    let subsections = subsections_of(&plans);
    let lists = page_lists.into_iter().zip(subsections);
    plans
        .into_iter()
        .zip(bodies)
        .zip(lists)
        .map(|((plan, body), (pages, subsections))| Section {
            file: plan.parsed.file,
            meta: plan.parsed.meta,
            dir: plan.parsed.dir,
            path: plan.path,
            permalink: plan.permalink,
            kind: plan.kind,
            parent: plan.parent,
            subsections,
            pages,
            headings: plan.parsed.headings,
            rendered: body.rendered,
            links_to: body.links_to,
            built: plan.absent.is_none(),
        })
        .collect()
}

/// The pages of each section, in the section's order; `by_date` gives each page's place
/// newest first.
fn pages_of(
    config: &Config,
    plans: &[SectionPlan],
    pages: &[Page],
    by_date: &[usize],
) -> Vec<Vec<usize>> {
    let mut lists: Vec<Vec<usize>> = vec![Vec::new(); plans.len()];
    for (i, page) in pages.iter().enumerate().filter(|(_, p)| p.is_listed()) {
        lists[page.section].push(i);
    }
    for (list, plan) in lists.iter_mut().zip(plans) {
        match plan.parsed.meta.sort_by {
            SortBy::Date => list.sort_unstable_by_key(|&p| by_date[p]),
            sort_by => super::sort_pages(pages, list, sort_by, config),
        }
    }
    lists
}

/// The child sections of each section, by weight (none last), then title.
fn subsections_of(plans: &[SectionPlan]) -> Vec<Vec<usize>> {
    let mut lists: Vec<Vec<usize>> = vec![Vec::new(); plans.len()];
    for (i, plan) in plans.iter().enumerate() {
        if let Some(parent) = plan.parent {
            lists[parent].push(i);
        }
    }
    for list in &mut lists {
        list.sort_by(|&a, &b| {
            let (a, b) = (&plans[a].parsed.meta, &plans[b].parsed.meta);
            a.weight
                .unwrap_or(i64::MAX)
                .cmp(&b.weight.unwrap_or(i64::MAX))
                .then_with(|| collate(&a.title, &b.title))
        });
    }
    lists
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ancestors_walk_up_to_the_root() {
        assert_eq!(ancestors("a/b/c").collect::<Vec<_>>(), ["a/b", "a", ""]);
        assert_eq!(ancestors("").count(), 0);
    }
}
