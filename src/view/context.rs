//! The typed values templates receive. Each view borrows from the model and serialises into
//! the template context; dates arrive already written the Vietnamese way.

use jiff::civil::Date;
use jiff::tz::TimeZone;
use serde::Serialize;

use crate::config::EmergencyNumber;
use crate::dates::{self, DateValue};
use crate::guidance::Source;
use crate::markdown::TocEntry;
use crate::model::parse::hash_debug;
use crate::model::{Page, Section, Site, TAGS_PATH};

/// A date in every form a template may want.
#[derive(Debug, Clone, Serialize)]
pub struct DateView {
    /// `2026-02-05`.
    pub iso: String,
    /// `2026-02-05T08:30:00+07:00`.
    pub rfc3339: String,
    /// `05/02/2026`.
    pub short: String,
    /// `ngày 05 tháng 02 năm 2026`.
    pub formal: String,
    /// `Thứ Năm`.
    pub weekday: &'static str,
    /// `08h30`, when a time was written.
    pub time: Option<String>,
}

impl DateView {
    /// Views a written date in the site's zone.
    pub fn new(value: &DateValue, tz: &TimeZone) -> DateView {
        let zoned = value.in_zone(tz);
        let date = zoned.date();
        DateView {
            iso: date.to_string(),
            rfc3339: dates::rfc3339(&zoned),
            short: dates::short(date),
            formal: dates::formal(date),
            weekday: dates::weekday(date),
            time: value.has_time().then(|| dates::time(zoned.time())),
        }
    }

    /// Views a calendar day.
    pub fn of_date(date: Date, tz: &TimeZone) -> DateView {
        DateView::new(&DateValue::Date(date), tz)
    }
}

/// `site`: available in every template.
#[derive(Debug, Serialize)]
pub struct SiteView<'a> {
    /// Site title.
    pub title: &'a str,
    /// Site description.
    pub description: &'a str,
    /// Absolute URL without a trailing slash.
    pub base_url: &'a str,
    /// The home page's URL.
    pub home_url: String,
    /// Language tag.
    pub language: &'a str,
    /// Publisher.
    pub author: &'a str,
    /// Emergency numbers, the primary one first.
    pub emergency: &'a [EmergencyNumber],
    /// The primary emergency number (114).
    pub primary_emergency: Option<&'a EmergencyNumber>,
    /// The main menu.
    pub menu: Vec<MenuView<'a>>,
    /// Notices to show on every page.
    pub alerts: Vec<AlertView<'a>>,
    /// The list of all tags.
    pub tags_url: String,
    /// The site-wide Atom feed.
    pub feed_url: String,
    /// The build's date.
    pub today: DateView,
    /// Free-form values from `site.toml`.
    pub extra: &'a serde_json::Value,
    /// `[owner]`: the masthead line and the footer's address, hours and office.
    pub owner: OwnerView<'a>,
    /// `[[contacts]]`: the ward's own numbers.
    pub contacts: Vec<ContactView<'a>>,
}

/// A value of `site.toml` as residents read it: `None` when not written, "đang cập nhật"
/// ([`crate::config::PENDING`]) while it is a placeholder.
fn shown(value: &str) -> Option<&str> {
    let value = value.trim();
    if value.is_empty() {
        None
    } else if crate::config::is_placeholder(value) {
        Some(crate::config::PENDING)
    } else {
        Some(value)
    }
}

/// `site.owner`: who publishes the site.
#[derive(Debug, Serialize)]
pub struct OwnerView<'a> {
    /// "Cổng thông tin PCCC của UBND phường Khương Đình".
    pub masthead: Option<&'a str>,
    /// The office's address.
    pub address: Option<&'a str>,
    /// Working hours.
    pub hours: Option<&'a str>,
    /// The office responsible for the content.
    pub office: Option<&'a str>,
}

/// One of `site.contacts`: a local office and its number.
#[derive(Debug, Serialize)]
pub struct ContactView<'a> {
    /// Who answers.
    pub name: &'a str,
    /// The number as written, or "đang cập nhật".
    pub phone: &'a str,
    /// The number to dial (`tel:`), when it is confirmed.
    pub tel: Option<String>,
    /// When to call.
    pub note: Option<&'a str>,
    /// Where the office is.
    pub address: Option<&'a str>,
    /// Shown in the corrections box of violation records.
    pub corrections: bool,
}

impl<'a> OwnerView<'a> {
    fn new(owner: &'a crate::config::Owner) -> OwnerView<'a> {
        OwnerView {
            masthead: shown(&owner.masthead),
            address: shown(&owner.address),
            hours: shown(&owner.hours),
            office: shown(&owner.office),
        }
    }
}

impl<'a> ContactView<'a> {
    fn new(contact: &'a crate::config::Contact) -> ContactView<'a> {
        ContactView {
            name: &contact.name,
            phone: shown(&contact.phone).unwrap_or(crate::config::PENDING),
            tel: crate::config::tel(&contact.phone),
            note: shown(&contact.note),
            address: shown(&contact.address),
            corrections: contact.corrections,
        }
    }
}

/// A notice shown on every page.
#[derive(Debug, Serialize)]
pub struct AlertView<'a> {
    /// The text.
    pub message: &'a str,
    /// `thong_tin`, `canh_bao` or `khan_cap`.
    pub level: crate::config::AlertLevel,
    /// The level in Vietnamese.
    pub label: &'static str,
    /// Where to read more.
    pub url: Option<&'a str>,
}

/// An entry of the main menu.
#[derive(Debug, Serialize)]
pub struct MenuView<'a> {
    /// Text.
    pub name: &'a str,
    /// Absolute URL.
    pub url: &'a str,
    /// Site path for internal links, to mark the current entry.
    pub path: Option<&'a str>,
}

impl<'a> SiteView<'a> {
    /// The view of `site`.
    pub fn new(site: &'a Site) -> SiteView<'a> {
        let c = &site.config;
        SiteView {
            title: &c.title,
            description: &c.description,
            base_url: &c.base_url,
            home_url: c.permalink("/"),
            language: &c.language,
            author: super::json_ld::publisher_name(c),
            emergency: &c.emergency,
            primary_emergency: c.emergency.first(),
            menu: site
                .menu
                .iter()
                .map(|m| MenuView { name: &m.name, url: &m.url, path: m.path.as_deref() })
                .collect(),
            alerts: site
                .alerts
                .iter()
                .map(|a| AlertView {
                    message: &a.message,
                    level: a.level,
                    label: match a.level {
                        crate::config::AlertLevel::ThongTin => "Thông báo",
                        crate::config::AlertLevel::CanhBao => "Cảnh báo",
                        crate::config::AlertLevel::KhanCap => "Khẩn cấp",
                    },
                    url: a.url.as_deref(),
                })
                .collect(),
            tags_url: c.permalink(&format!("/{TAGS_PATH}/")),
            feed_url: c.permalink("/atom.xml"),
            today: DateView::of_date(site.today, &c.timezone),
            extra: &c.extra,
            owner: OwnerView::new(&c.owner),
            contacts: c.contacts.iter().map(ContactView::new).collect(),
        }
    }
}

/// A link to a tag.
#[derive(Debug, Serialize)]
pub struct TagLink<'a> {
    /// The tag.
    pub name: &'a str,
    /// Its page.
    pub permalink: &'a str,
}

/// A link to a section.
#[derive(Debug, Serialize)]
pub struct SectionLink<'a> {
    /// Title.
    pub title: &'a str,
    /// URL.
    pub permalink: &'a str,
    /// Site path.
    pub path: &'a str,
}

/// A page as listed in sections, tag pages and feeds.
#[derive(Debug, Serialize)]
pub struct PageSummary<'a> {
    /// Title.
    pub title: &'a str,
    /// URL.
    pub permalink: &'a str,
    /// Site path.
    pub path: &'a str,
    /// Date.
    pub date: Option<DateView>,
    /// Last update.
    pub updated: Option<DateView>,
    /// The description, or the start of the body.
    pub description: &'a str,
    /// The summary as HTML.
    pub summary: &'a str,
    /// Tags, as template values (see [`ListingValues`]).
    pub tags: tera::Value,
    /// Content type (`bai_viet`).
    #[serde(rename = "type")]
    pub content_type: &'static str,
    /// Example content, not yet real.
    pub sample: bool,
    /// Not published: shown only by `pccc serve` and `pccc build --drafts`, with a banner.
    pub draft: bool,
}

impl<'a> PageSummary<'a> {
    /// The summary of `page`.
    pub fn new(site: &'a Site, page: &'a Page) -> PageSummary<'a> {
        PageSummary::with_tags(site, page, tag_values(site, page))
    }

    /// The summary of `page`, with its tags already made into template values.
    pub fn with_tags(site: &'a Site, page: &'a Page, tags: tera::Value) -> PageSummary<'a> {
        let tz = &site.config.timezone;
        PageSummary {
            title: &page.meta.title,
            permalink: &page.permalink,
            path: &page.path,
            date: page.meta.date.as_ref().map(|d| DateView::new(d, tz)),
            updated: page.meta.updated.as_ref().map(|d| DateView::new(d, tz)),
            description: page.meta.description.as_deref().unwrap_or(&page.rendered.summary_text),
            summary: &page.rendered.summary,
            tags,
            content_type: page.kind.name(),
            sample: page.meta.sample,
            draft: page.meta.draft,
        }
    }
}

/// The links to a page's tags, as a template value.
fn tag_values(site: &Site, page: &Page) -> tera::Value {
    let links: Vec<TagLink<'_>> = page
        .tags
        .iter()
        .map(|&t| TagLink { name: &site.tags[t].name, permalink: &site.tags[t].permalink })
        .collect();
    tera::Value::from_serializable(&links)
}

/// What every listing that shows a page reads of it, made once per render and shared by the
/// listings (a page is listed in its section and on each of its tags' pages).
///
/// Its summary ([`PageSummary`], with its tag links), made into a template value: a tera value
/// is reference-counted, so putting it into a context again costs nothing, where serialising it
/// again would cost its dates, texts and one value per tag. A page with N tags is listed on N
/// tag pages, so without sharing a build did N × N work (release build: 10,000 tags on one page
/// took 20 to 50 s, 20,000 about three minutes; see `bench/long_lists.py`). And in watch mode,
/// its summary summed up ([`PageSummary::inputs`]).
pub struct ListingValues {
    summaries: Vec<std::sync::OnceLock<tera::Value>>,
    sums: Vec<std::sync::OnceLock<Option<u64>>>,
    /// Watch mode's memo and the site's settings: summaries made by earlier builds.
    memo: Option<(std::sync::Arc<super::memo::Memo>, u64)>,
}

impl ListingValues {
    /// Room for every page of `site`, made on first use; in watch mode, with the summaries
    /// earlier builds made with `templates`' memo.
    pub fn new(site: &Site, templates: &super::Templates) -> ListingValues {
        fn cells<T>(site: &Site) -> Vec<std::sync::OnceLock<T>> {
            (0..site.pages.len()).map(|_| std::sync::OnceLock::new()).collect()
        }
        ListingValues { summaries: cells(site), sums: cells(site), memo: templates.summaries() }
    }

    /// The summary of page `p` as a template value, made at most once per build; in watch mode,
    /// the one an earlier build made from the same values ([`PageSummary::inputs`]) with the
    /// same settings. A listing page shows ten, and a page moved to the top of its section or
    /// added there changes every listing page of it: making their summaries again was a third
    /// of rendering them, and dropping them another tenth.
    pub fn summary(&self, site: &Site, p: usize) -> tera::Value {
        let make = || tera::Value::from_serializable(&PageSummary::new(site, &site.pages[p]));
        let shared = || {
            let Some((memo, settings)) = &self.memo else { return make() };
            match self.summary_inputs(site, p) {
                Some(inputs) => memo.summary((inputs, *settings), make),
                None => make(),
            }
        };
        match self.summaries.get(p) {
            Some(cell) => cell.get_or_init(shared).clone(),
            None => shared(),
        }
    }

    /// [`PageSummary::inputs`] of page `p` as one sum, made at most once per build.
    pub fn summary_inputs(&self, site: &Site, p: usize) -> Option<u64> {
        let sum = || {
            use std::hash::Hasher;
            let mut h = std::hash::DefaultHasher::new();
            PageSummary::inputs(site, p, &mut h).then(|| h.finish())
        };
        match self.sums.get(p) {
            Some(cell) => *cell.get_or_init(sum),
            None => sum(),
        }
    }
}

/// `page`: the page being rendered.
#[derive(Debug, Serialize)]
pub struct PageView<'a> {
    /// Everything a listing shows.
    #[serde(flatten)]
    pub summary: PageSummary<'a>,
    /// The last part of the URL.
    pub slug: &'a str,
    /// The body as HTML.
    pub content: &'a str,
    /// Table of contents.
    pub toc: &'a [TocEntry],
    /// Words in the body.
    pub word_count: usize,
    /// Minutes to read, at least 1.
    pub reading_minutes: usize,
    /// The page's section.
    pub section: SectionLink<'a>,
    /// The fields of the page's content type (a map, from its kind's views).
    #[serde(flatten)]
    pub fields: tera::Value,
    /// Whether the page needs the code stylesheet.
    pub has_code: bool,
    /// The previous page in the section's order.
    pub previous: Option<PageLink<'a>>,
    /// The next page in the section's order.
    pub next: Option<PageLink<'a>>,
    /// Free-form values from front matter.
    pub extra: Option<&'a serde_json::Value>,
    /// The source file, relative to `content/`.
    pub source_path: &'a str,
    /// schema.org structured data (JSON) for an article; other types bring their own.
    pub article_json_ld: Option<String>,
}

/// `meta`: what the `<head>` says about the page being rendered, for search engines and for
/// link previews on Zalo and Facebook (Open Graph).
#[derive(Debug, Serialize)]
pub struct MetaView {
    /// The `<title>`: the page's title, then the site's.
    pub title: String,
    /// The one-sentence description.
    pub description: String,
    /// The canonical URL.
    pub url: String,
    /// Open Graph type: `article` for dated pages, else `website`.
    pub kind: &'static str,
    /// When the page was published (RFC 3339).
    pub published: Option<String>,
    /// When it was last updated (RFC 3339).
    pub modified: Option<String>,
    /// Whether search engines should leave the page out.
    pub noindex: bool,
    /// The page's own share-card picture (`image:` in its front matter); the theme's when `None`.
    pub image: Option<ImageView>,
}

/// A picture with its size, for `og:image`.
#[derive(Debug, Serialize)]
pub struct ImageView {
    /// Absolute URL.
    pub url: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

impl MetaView {
    /// The head of a page of the site.
    pub fn page(site: &Site, page: &Page) -> MetaView {
        let tz = &site.config.timezone;
        let published = page.meta.date.map(|d| DateView::new(&d, tz).rfc3339);
        MetaView {
            title: format!("{} | {}", page.meta.title, site.config.title),
            description: page
                .meta
                .description
                .clone()
                .unwrap_or_else(|| page.rendered.summary_text.clone()),
            url: page.permalink.clone(),
            kind: if published.is_some() { "article" } else { "website" },
            modified: page
                .meta
                .updated
                .map(|d| DateView::new(&d, tz).rfc3339)
                .or_else(|| published.clone()),
            published,
            // A page for editors is kept out of the sitemap and from search engines alike.
            noindex: !page.is_listed(),
            image: page.share_image.as_ref().map(|i| ImageView {
                url: i.url.clone(),
                width: i.width,
                height: i.height,
            }),
        }
    }

    /// The head of any other page: a listing, the 404 page.
    pub fn other(
        site: &Site,
        title: Option<&str>,
        description: Option<&str>,
        url: String,
    ) -> MetaView {
        MetaView {
            title: match title {
                Some(t) => format!("{t} | {}", site.config.title),
                None => site.config.title.clone(),
            },
            description: description
                .filter(|d| !d.is_empty())
                .unwrap_or(&site.config.description)
                .to_string(),
            url,
            kind: "website",
            published: None,
            modified: None,
            noindex: false,
            image: None,
        }
    }
}

/// The start of day `d` in the site's time zone, as RFC 3339: a page's `modified`, a feed's
/// `updated`, a data set's last change.
pub fn day_stamp(site: &Site, d: Date) -> String {
    dates::rfc3339(&DateValue::Date(d).in_zone(&site.config.timezone))
}

/// A page's kind-specific fields when it has none: an empty map, merged into `page`.
pub fn no_fields() -> tera::Value {
    tera::Value::from_serializable(&std::collections::BTreeMap::<&str, ()>::new())
}

/// A cited source.
#[derive(Debug, Serialize)]
pub struct SourceView<'a> {
    /// Title.
    pub title: &'a str,
    /// Issuer or publisher.
    pub publisher: Option<&'a str>,
    /// Link.
    pub url: Option<&'a str>,
    /// Date.
    pub date: Option<DateView>,
}

/// Sources as templates receive them.
pub fn sources_view<'a>(sources: &'a [Source], site: &Site) -> Vec<SourceView<'a>> {
    sources
        .iter()
        .map(|s| SourceView {
            title: &s.title,
            publisher: s.publisher.as_deref(),
            url: s.url.as_deref(),
            date: s.date.as_ref().map(|d| DateView::new(d, &site.config.timezone)),
        })
        .collect()
}

/// A link to a page.
#[derive(Debug, Serialize)]
pub struct PageLink<'a> {
    /// Title.
    pub title: &'a str,
    /// URL.
    pub permalink: &'a str,
}

/// Vietnamese is read at about 200 words a minute.
const WORDS_PER_MINUTE: usize = 200;

impl<'a> PageView<'a> {
    /// The view of page `index`, with the values of its kind's fields (a map) and its kind's
    /// structured data, if any.
    pub fn new(
        site: &'a Site,
        index: usize,
        fields: tera::Value,
        article_json_ld: Option<String>,
    ) -> PageView<'a> {
        let page = &site.pages[index];
        let section = &site.sections[page.section];
        let position = section.pages.iter().position(|&p| p == index);
        let link = |i: usize| PageLink {
            title: &site.pages[i].meta.title,
            permalink: &site.pages[i].permalink,
        };
        PageView {
            summary: PageSummary::new(site, page),
            slug: &page.slug,
            content: &page.rendered.html,
            toc: &page.rendered.toc,
            word_count: page.rendered.word_count,
            reading_minutes: page.rendered.word_count.div_ceil(WORDS_PER_MINUTE).max(1),
            section: SectionLink {
                title: &section.meta.title,
                permalink: &section.permalink,
                path: &section.path,
            },
            fields,
            has_code: page.rendered.has_code,
            previous: position.and_then(|p| p.checked_sub(1)).map(|p| link(section.pages[p])),
            next: position.and_then(|p| section.pages.get(p + 1)).map(|&p| link(p)),
            extra: page.meta.extra.as_ref(),
            source_path: &page.file.content_path,
            article_json_ld,
        }
    }
}

impl PageSummary<'_> {
    /// Adds to `h` everything [`PageSummary::new`] reads of page `index` (see
    /// [`PageView::inputs`]); `false` when its body is not summed up or holds data shortcodes
    /// (filled in where it is listed), and it cannot be told from another.
    pub fn inputs(site: &Site, index: usize, h: &mut impl std::hash::Hasher) -> bool {
        use std::hash::Hash;
        let page = &site.pages[index];
        if page.rendered.sum == 0 || !page.rendered.data_uses.is_empty() {
            return false;
        }
        let meta = &page.meta;
        (&meta.title, &page.permalink, &page.path, page.kind.name()).hash(h);
        hash_debug(h, &(meta.date, meta.updated));
        (&meta.description, &page.rendered.summary_text, page.rendered.sum).hash(h);
        (meta.sample, meta.draft).hash(h);
        for &t in &page.tags {
            (&site.tags[t].name, &site.tags[t].permalink).hash(h);
        }
        true
    }
}

impl PageView<'_> {
    /// Sums up everything of the site that [`PageView::new`] and [`MetaView::page`] read for
    /// page `index`, but the kind's fields and structured data and the site's settings: the
    /// page's front matter, fields, addresses and body, its tags, its section's link and its
    /// neighbours' links. Watch mode renders a page whose sum, template and settings are those
    /// of an earlier build as it did then, without making its context, when its kind's views
    /// read nothing else ([`crate::kinds::kind::PageViews::reads_only_its_page`]).
    ///
    /// Keep it in step with those two constructors: a debug build renders every page it skips
    /// all the same and panics when the outputs differ (the random-edit tests run it).
    pub fn inputs(site: &Site, index: usize) -> Option<u64> {
        use std::hash::{Hash, Hasher};
        let page = &site.pages[index];
        if page.rendered.sum == 0 {
            // Not summed up: the body cannot be told from another.
            return None;
        }
        let mut h = std::hash::DefaultHasher::new();
        match page.sum {
            0 => hash_debug(&mut h, &(&page.meta, &page.fields)),
            sum => sum.hash(&mut h),
        }
        hash_debug(&mut h, &page.share_image);
        page.kind.name().hash(&mut h);
        (&page.slug, &page.path, &page.permalink, &page.file.content_path).hash(&mut h);
        (page.rendered.sum, &page.rendered.summary_text, page.is_listed()).hash(&mut h);
        for &t in &page.tags {
            (&site.tags[t].name, &site.tags[t].permalink).hash(&mut h);
        }
        let section = &site.sections[page.section];
        (&section.meta.title, &section.permalink, &section.path).hash(&mut h);
        let position = section.pages.iter().position(|&p| p == index);
        let before = position.and_then(|p| p.checked_sub(1)).map(|p| section.pages[p]);
        let after = position.and_then(|p| section.pages.get(p + 1)).copied();
        for neighbour in [before, after] {
            neighbour.map(|i| (&site.pages[i].meta.title, &site.pages[i].permalink)).hash(&mut h);
        }
        Some(h.finish())
    }
}

/// A child section as listed in its parent.
#[derive(Debug, Serialize)]
pub struct SectionSummary<'a> {
    /// Title.
    pub title: &'a str,
    /// URL.
    pub permalink: &'a str,
    /// Description.
    pub description: &'a str,
    /// Number of pages.
    pub page_count: usize,
}

/// `section`: the section being rendered.
#[derive(Debug, Serialize)]
pub struct SectionView<'a> {
    /// Title.
    pub title: &'a str,
    /// Description.
    pub description: &'a str,
    /// URL.
    pub permalink: &'a str,
    /// Site path.
    pub path: &'a str,
    /// The body as HTML.
    pub content: &'a str,
    /// Table of contents.
    pub toc: &'a [TocEntry],
    /// Number of pages.
    pub page_count: usize,
    /// Child sections.
    pub subsections: Vec<SectionSummary<'a>>,
    /// The section's Atom feed, if it has dated pages.
    pub feed_url: Option<String>,
    /// Whether the body needs the code stylesheet.
    pub has_code: bool,
    /// Free-form values from front matter.
    pub extra: Option<&'a serde_json::Value>,
}

impl<'a> SectionView<'a> {
    /// The view of a section.
    pub fn new(site: &'a Site, section: &'a Section, feed_url: Option<String>) -> SectionView<'a> {
        SectionView {
            title: &section.meta.title,
            description: section
                .meta
                .description
                .as_deref()
                .unwrap_or(&section.rendered.summary_text),
            permalink: &section.permalink,
            path: &section.path,
            content: &section.rendered.html,
            toc: &section.rendered.toc,
            page_count: section.pages.len(),
            subsections: section
                .subsections
                .iter()
                .map(|&s| {
                    let s = &site.sections[s];
                    SectionSummary {
                        title: &s.meta.title,
                        permalink: &s.permalink,
                        description: s
                            .meta
                            .description
                            .as_deref()
                            .unwrap_or(&s.rendered.summary_text),
                        page_count: s.pages.len(),
                    }
                })
                .collect(),
            feed_url,
            has_code: section.rendered.has_code,
            extra: section.meta.extra.as_ref(),
        }
    }
}

/// `paginator`: one page of a listing.
#[derive(Debug, Serialize)]
pub struct Paginator {
    /// This page's number, from 1.
    pub number: usize,
    /// This listing page's URL.
    pub url: String,
    /// Number of listing pages.
    pub total_pages: usize,
    /// Number of items over all listing pages.
    pub total_items: usize,
    /// The items on this listing page: [`PageSummary`]s, as template values.
    pub items: Vec<tera::Value>,
    /// URL of the previous listing page.
    pub previous: Option<String>,
    /// URL of the next listing page.
    pub next: Option<String>,
    /// Links to listing pages by number: the first, the last and the two on each side of this
    /// one, in order.
    pub links: Vec<PageNumber>,
}

/// A link to one listing page.
#[derive(Debug, Serialize)]
pub struct PageNumber {
    /// Its number.
    pub number: usize,
    /// Its URL.
    pub url: String,
    /// Whether it is the page being rendered.
    pub current: bool,
    /// Whether listing pages are left out between the previous link and this one.
    pub gap: bool,
}
