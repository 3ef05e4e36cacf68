//! Tags (chủ đề): the pages of this build grouped by the slug of each tag they carry, each tag
//! named by its most common spelling.

use std::collections::{HashMap, HashSet};

use super::meta::SortBy;
use super::pages::PagePlan;
use super::{TAGS_PATH, Tag};
use crate::config::Config;
use crate::diagnostic::Problems;
use crate::slug::slugify;
use crate::text::collate;

/// The tags of a site, and those of each page.
pub struct Tags {
    /// Tags, in Vietnamese alphabetical order, each with its pages newest first.
    pub tags: Vec<Tag>,
    /// For each page, its tags as indices into `tags`, in the order the editor wrote them.
    pub of_page: Vec<Vec<usize>>,
}

/// The pages of a slug: how often each spelling is written, and the pages (each once).
type Group = (HashMap<String, usize>, Vec<usize>);

/// Groups `pages` (those of this build, in the site's order) by tag.
pub fn collect(config: &Config, pages: &[PagePlan], problems: &mut Problems) -> Tags {
    let groups = group(pages, problems);
    let mut tags: Vec<Tag> = groups
        .into_iter()
        .map(|(slug, (spellings, mut tag_pages))| {
            let meta = |p: usize| (&pages[p].parsed.meta, pages[p].path.as_str());
            super::order_pages(&mut tag_pages, SortBy::Date, config, meta);
            let path = format!("/{TAGS_PATH}/{slug}/");
            Tag {
                name: most_common(spellings),
                permalink: config.permalink(&path),
                path,
                slug,
                pages: tag_pages,
            }
        })
        .collect();
    tags.sort_by(|a, b| collate(&a.name, &b.name));
    let of_page = of_pages(&tags, pages);
    Tags { tags, of_page }
}

/// Each tag's slug with its spellings and pages; a tag that makes no slug is reported.
fn group(pages: &[PagePlan], problems: &mut Problems) -> HashMap<String, Group> {
    let mut by_slug: HashMap<String, Group> = HashMap::new();
    // A tag is written on many pages: its name and slug are made once.
    let mut made: HashMap<&str, (String, String)> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        let mut seen = HashSet::new();
        for written in &page.parsed.meta.tags {
            let (name, slug) = made
                .entry(written.as_str())
                .or_insert_with(|| {
                    let name = crate::text::nfc(written.trim()).into_owned();
                    let slug = slugify(&name);
                    (name, slug)
                })
                .clone();
            if slug.is_empty() {
                let message = format!("chủ đề `{name}` không tạo được đường dẫn");
                problems.push(
                    crate::front_matter::at_field(&page.parsed.file, "tags", message).help(
                        "một chủ đề cần có chữ hoặc chữ số; xoá chủ đề này hoặc viết lại bằng chữ, \
                     ví dụ tags: [thoát nạn, nhà ống]",
                    ),
                );
                continue;
            }
            // A page for editors is listed on no tag's page.
            if !page.parsed.meta.is_listed() || !seen.insert(slug.clone()) {
                continue;
            }
            let entry = by_slug.entry(slug).or_default();
            *entry.0.entry(name).or_default() += 1;
            entry.1.push(i);
        }
    }
    by_slug
}

/// The spelling written most often; of those written as often, the first in Vietnamese order.
fn most_common(spellings: HashMap<String, usize>) -> String {
    let mut spellings: Vec<(String, usize)> = spellings.into_iter().collect();
    spellings.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| collate(&a.0, &b.0)));
    spellings.swap_remove(0).0
}

/// Each page's tags, as indices into `tags`, in the order the editor wrote them.
fn of_pages(tags: &[Tag], pages: &[PagePlan]) -> Vec<Vec<usize>> {
    let index_of: HashMap<&str, usize> =
        tags.iter().enumerate().map(|(i, t)| (t.slug.as_str(), i)).collect();
    let mut slugs: HashMap<&str, String> = HashMap::new();
    pages
        .iter()
        .map(|page| {
            let mut own: Vec<usize> = Vec::new();
            let mut seen: HashSet<usize> = HashSet::new();
            for name in &page.parsed.meta.tags {
                let slug = slugs.entry(name.as_str()).or_insert_with(|| slugify(name.trim()));
                if let Some(&t) = index_of.get(slug.as_str())
                    && seen.insert(t)
                {
                    own.push(t);
                }
            }
            own
        })
        .collect()
}
