//! Tags (chủ đề): the pages of this build grouped by the slug of each tag they carry, each tag
//! named by its most common spelling.

use std::collections::HashMap;

use super::meta::PageMeta;
use super::pages::PagePlan;
use super::{TAGS_PATH, Tag};
use crate::config::Config;
use crate::diagnostic::Problems;
use crate::load::SourceFile;
use crate::slug::slugify;
use crate::text::collate;

/// The tags of a site, and those of each page.
pub struct Tags {
    /// Tags, in Vietnamese alphabetical order, each with its pages newest first.
    pub tags: Vec<Tag>,
    /// For each page, its tags as indices into `tags`, in the order the editor wrote them.
    pub of_page: Vec<Vec<usize>>,
}

/// A slug, how often each spelling of it is written, and the pages (each once).
type Group = (String, HashMap<String, usize>, Vec<usize>);

/// Groups pages (the front matter and file of each page of this build, in the site's order) by
/// tag; `order` puts a tag's pages (given in the site's order) newest first, given its slug.
pub fn collect(
    config: &Config,
    pages: &[(&PageMeta, &SourceFile)],
    order: impl Fn(&str, &mut Vec<usize>),
    problems: &mut Problems,
) -> Tags {
    let Grouped { groups, of_page } = group(pages, problems);
    let count = groups.len();
    // Each group's place among the tags; a tag no listed page carries has none.
    let mut tags: Vec<(usize, Tag)> = groups
        .into_iter()
        .enumerate()
        .filter(|(_, (_, _, tag_pages))| !tag_pages.is_empty())
        .map(|(g, (slug, spellings, mut tag_pages))| {
            order(&slug, &mut tag_pages);
            let path = format!("/{TAGS_PATH}/{slug}/");
            let name = most_common(spellings);
            (g, Tag { name, permalink: config.permalink(&path), path, slug, pages: tag_pages })
        })
        .collect();
    tags.sort_by(|(_, a), (_, b)| collate(&a.name, &b.name));
    let mut place = vec![None; count];
    for (i, (g, _)) in tags.iter().enumerate() {
        place[*g] = Some(i);
    }
    let of_page = of_page
        .into_iter()
        .map(|groups| groups.into_iter().filter_map(|g| place.get(g).copied().flatten()).collect())
        .collect();
    Tags { tags: tags.into_iter().map(|(_, tag)| tag).collect(), of_page }
}

/// [`collect`] for the pages of an assembly, `by_date` giving each one's place newest first.
pub fn of_plans(
    config: &Config,
    plans: &[PagePlan],
    by_date: &[usize],
    problems: &mut Problems,
) -> Tags {
    let metas: Vec<(&PageMeta, &SourceFile)> =
        plans.iter().map(|plan| (&plan.parsed.meta, &plan.parsed.file)).collect();
    let order = |_: &str, list: &mut Vec<usize>| list.sort_unstable_by_key(|&p| by_date[p]);
    collect(config, &metas, order, problems)
}

/// The tags written on the pages, grouped by slug.
struct Grouped {
    /// Each slug with how often each spelling is written on listed pages, and those pages
    /// (each once, in the site's order).
    groups: Vec<Group>,
    /// For each page, the groups of its tags, in the order the editor wrote them, each once.
    of_page: Vec<Vec<usize>>,
}

/// Groups the tags of `pages` by slug; a tag that makes no slug is reported. A tag as written
/// is trimmed, normalised and slugged once, however many pages carry it.
fn group(pages: &[(&PageMeta, &SourceFile)], problems: &mut Problems) -> Grouped {
    let mut groups: Vec<Group> = Vec::new();
    let mut group_of_slug: HashMap<String, usize> = HashMap::new();
    // A tag as written -> its name and its group (`None`: it makes no slug).
    let mut written: HashMap<&str, (String, Option<usize>)> = HashMap::new();
    let mut of_page = Vec::with_capacity(pages.len());
    for (i, (meta, file)) in pages.iter().enumerate() {
        let mut own: Vec<usize> = Vec::new();
        for tag in &meta.tags {
            let (name, group) = written.entry(tag.as_str()).or_insert_with(|| {
                let name = crate::text::nfc(tag.trim()).into_owned();
                let slug = slugify(&name);
                let group = (!slug.is_empty()).then(|| {
                    *group_of_slug.entry(slug.clone()).or_insert_with(|| {
                        groups.push((slug, HashMap::new(), Vec::new()));
                        groups.len() - 1
                    })
                });
                (name, group)
            });
            let Some(g) = *group else {
                let message = format!("chủ đề `{name}` không tạo được đường dẫn");
                problems.push(crate::front_matter::at_field(file, "tags", message).help(
                    "một chủ đề cần có chữ hoặc chữ số; xoá chủ đề này hoặc viết lại bằng chữ, \
                     ví dụ tags: [thoát nạn, nhà ống]",
                ));
                continue;
            };
            if own.contains(&g) {
                continue;
            }
            own.push(g);
            // A page for editors is listed on no tag's page.
            if meta.is_listed() {
                let (_, spellings, tag_pages) = &mut groups[g];
                // The name is copied only the first time it is counted.
                match spellings.get_mut(name.as_str()) {
                    Some(count) => *count += 1,
                    None => _ = spellings.insert(name.clone(), 1),
                }
                tag_pages.push(i);
            }
        }
        of_page.push(own);
    }
    Grouped { groups, of_page }
}

/// The spelling written most often; of those written as often, the first in Vietnamese order.
fn most_common(spellings: HashMap<String, usize>) -> String {
    let mut spellings: Vec<(String, usize)> = spellings.into_iter().collect();
    spellings.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| collate(&a.0, &b.0)));
    spellings.swap_remove(0).0
}
