//! "Tổ dân phố của tôi": what the kinds contribute to the page of each tổ dân phố.
//!
//! Every kind that knows the tổ dân phố of its records (drills, violations, and the place kinds)
//! returns them as [`Item`]s through its `to_dan_pho_items` hook
//! ([`crate::kinds::kind::PageViews::to_dan_pho_items`],
//! [`crate::kinds::kind::DataSetViews::to_dan_pho_items`]). An item is a typed value the page of
//! the group (`/to-dan-pho/so-5/`, [`crate::to_dan_pho::ToDanPho::slug`]) renders generically:
//! the block it goes in (its heading, its place on the page, the kind's own listing for the
//! group), a title and a link, one line of status or date, and the sample flag. A new kind adds
//! a block by returning items; the template does not change.

use std::collections::BTreeMap;

use serde::Serialize;

use super::context::MetaView;
use super::{Output, TemplateContext, Templates};
use crate::diagnostic::Diagnostic;
use crate::model::Site;
use crate::to_dan_pho::ToDanPho;

/// Where a kind's block stands on a group's page, smaller first. One constant per kind, so
/// that kinds written apart agree on the order: what a resident acts on soonest (a drill to
/// attend) first, what the group has (its team, its points, its water) after what is wrong.
pub mod order {
    /// Drills, upcoming first.
    pub const DRILLS: u32 = 10;
    /// Facilities on the public list of violations.
    pub const VIOLATIONS: u32 = 20;
    /// Access problems: deep alleys, barriers, blocked water sources.
    pub const ACCESS_PROBLEMS: u32 = 30;
    /// The group's đội dân phòng.
    pub const TEAM: u32 = 40;
    /// Tổ liên gia an toàn PCCC.
    pub const SAFETY_GROUPS: u32 = 50;
    /// Điểm chữa cháy công cộng.
    pub const COMMUNITY_POINTS: u32 = 60;
    /// Water sources: hydrants, ponds.
    pub const WATER_SOURCES: u32 = 70;
    /// Indicators measured per tổ dân phố.
    pub const INDICATORS: u32 = 80;
}

/// The block of a group's page an item goes in: one per kind (and per section, for a page
/// kind with several sections).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Block {
    /// Its place on the page, smaller first: a constant of [`order`].
    pub order: u32,
    /// Its heading ("Diễn tập", "Cơ sở vi phạm về PCCC").
    pub heading: String,
    /// The URL of the kind's own listing of the group (`/dien-tap/to-dan-pho/so-5/`), when it
    /// has one: the block links to it.
    pub listing: Option<String>,
}

/// Where an item goes in its block: by `tier` (0 first: "upcoming" before "past", "not fixed"
/// before "fixed"), then `rank` (a date as a number, negated for latest first), then `text`
/// (a title or an id, so the order never depends on the order of files).
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct SortKey {
    /// The coarse order.
    pub tier: u8,
    /// The order within a tier.
    pub rank: i64,
    /// The last tie-break.
    pub text: String,
}

/// One record a kind lists on a group's page.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    /// The block it goes in.
    pub block: Block,
    /// Its title as residents read it (a drill's title, a facility's name).
    pub title: String,
    /// The URL of its own page.
    pub url: String,
    /// One line of status or date ("Sắp diễn ra · Thứ Bảy, 12/12/2026, 08h00").
    pub line: String,
    /// Invented sample data: marked on the page.
    pub sample: bool,
    /// Its place in its block.
    pub sort: SortKey,
}

/// The folder of the pages of the tổ dân phố: `/to-dan-pho/` and `/to-dan-pho/so-5/`.
pub const PATH: &str = "/to-dan-pho/";

/// The template of the index.
pub const INDEX_TEMPLATE: &str = "to-dan-pho-index.html";

/// The template of a group's page.
pub const GROUP_TEMPLATE: &str = "to-dan-pho.html";

/// The label of these pages among search results and in `[search] weights`.
pub const LABEL: &str = "Tổ dân phố";

/// The title of the index.
pub const INDEX_TITLE: &str = "Tổ dân phố của tôi";

/// The site path of the page of `tdp`: `/to-dan-pho/so-5/`.
pub fn path(tdp: ToDanPho) -> String {
    format!("{PATH}{}/", tdp.slug())
}

/// One group with what the kinds list there, its blocks in page order, each block's items in
/// their order.
#[derive(Debug, Serialize)]
pub struct Group {
    /// "Tổ dân phố số 5".
    pub name: String,
    /// Its page.
    pub url: String,
    /// What is listed there, block by block.
    pub blocks: Vec<BlockView>,
    /// Whether anything listed is sample data.
    pub sample: bool,
}

/// A block of a group's page.
#[derive(Debug, Serialize)]
pub struct BlockView {
    /// Its heading.
    pub heading: String,
    /// The kind's own listing of the group.
    pub listing: Option<String>,
    /// The items, in order.
    pub items: Vec<ItemView>,
}

/// An item as the template shows it.
#[derive(Debug, Serialize)]
pub struct ItemView {
    /// Title.
    pub title: String,
    /// URL.
    pub url: String,
    /// Status or date.
    pub line: String,
    /// Sample data.
    pub sample: bool,
}

/// The groups `items` name, in natural order (2 before 10, 5 before 5A), each with its blocks.
pub fn groups(site: &Site, items: &[(ToDanPho, Item)]) -> Vec<(ToDanPho, Group)> {
    let mut by_group: BTreeMap<ToDanPho, BTreeMap<&Block, Vec<&Item>>> = BTreeMap::new();
    for (tdp, item) in items {
        by_group.entry(*tdp).or_default().entry(&item.block).or_default().push(item);
    }
    by_group
        .into_iter()
        .map(|(tdp, blocks)| {
            let blocks: Vec<BlockView> = blocks
                .into_iter()
                .map(|(block, mut items)| {
                    items.sort_by(|a, b| a.sort.cmp(&b.sort).then_with(|| a.url.cmp(&b.url)));
                    BlockView {
                        heading: block.heading.clone(),
                        listing: block.listing.clone(),
                        items: items.into_iter().map(ItemView::of).collect(),
                    }
                })
                .collect();
            let sample = blocks.iter().flat_map(|b| &b.items).any(|i| i.sample);
            let url = site.config.permalink(&path(tdp));
            (tdp, Group { name: tdp.name(), url, blocks, sample })
        })
        .collect()
}

impl ItemView {
    fn of(item: &Item) -> ItemView {
        ItemView {
            title: item.title.clone(),
            url: item.url.clone(),
            line: item.line.clone(),
            sample: item.sample,
        }
    }
}

/// A group as the index lists it: its name, its page, and what is there in a few words
/// ("Diễn tập: 2 · Cơ sở vi phạm về PCCC: 1").
#[derive(Debug, Serialize)]
struct Entry<'a> {
    name: &'a str,
    url: &'a str,
    counts: String,
}

/// The index and a page per group; nothing when no kind names a group.
pub fn outputs(
    site: &Site,
    templates: &Templates,
    items: &[(ToDanPho, Item)],
) -> Vec<Result<Output, Diagnostic>> {
    let groups = groups(site, items);
    if groups.is_empty() {
        return Vec::new();
    }
    let mut outputs = vec![index(site, templates, &groups)];
    for (i, (tdp, group)) in groups.iter().enumerate() {
        let previous = i.checked_sub(1).map(|p| &groups[p].1);
        let next = groups.get(i + 1).map(|(_, g)| g);
        outputs.push(group_page(site, templates, *tdp, group, previous, next));
    }
    outputs
}

fn index(
    site: &Site,
    templates: &Templates,
    groups: &[(ToDanPho, Group)],
) -> Result<Output, Diagnostic> {
    let entries: Vec<Entry<'_>> = groups
        .iter()
        .map(|(_, g)| Entry { name: &g.name, url: &g.url, counts: counts(g) })
        .collect();
    let description = "Chọn tổ dân phố nơi bạn ở để xem các buổi diễn tập, cơ sở vi phạm và \
        thông tin về phòng cháy, chữa cháy ở đó.";
    let url = site.config.permalink(PATH);
    let meta = MetaView::other(site, Some(INDEX_TITLE), Some(description), url);
    let ctx = TemplateContext::page(&meta, PATH)
        .with("title", INDEX_TITLE)
        .with("intro", description)
        .with("groups", &entries);
    let html = templates.render(INDEX_TEMPLATE, &ctx)?;
    Ok(Output::page(PATH, html))
}

/// What a group's page holds, in a few words.
pub fn counts(group: &Group) -> String {
    let parts: Vec<String> =
        group.blocks.iter().map(|b| format!("{}: {}", b.heading, b.items.len())).collect();
    parts.join(" · ")
}

fn group_page(
    site: &Site,
    templates: &Templates,
    tdp: ToDanPho,
    group: &Group,
    previous: Option<&Group>,
    next: Option<&Group>,
) -> Result<Output, Diagnostic> {
    let path = path(tdp);
    let description = format!("Phòng cháy, chữa cháy ở {}: {}.", group.name, counts(group));
    let meta =
        MetaView::other(site, Some(&group.name), Some(&description), site.config.permalink(&path));
    let ctx = TemplateContext::page(&meta, &path)
        .with("title", &group.name)
        .with("group", group)
        .with("index_title", INDEX_TITLE)
        .with("index_url", &site.config.permalink(PATH))
        .with("previous", &previous)
        .with("next", &next);
    let html = templates
        .render(GROUP_TEMPLATE, &ctx)
        .map_err(|d| d.note(format!("khi dựng trang của {}", group.name)))?;
    Ok(Output::page(&path, html))
}
