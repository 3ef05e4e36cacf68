//! What editors write in front matter, as typed structs.
//!
//! A page's front matter is read by two structs: [`PageMeta`], the fields every content type
//! shares, and the fields of its own content type (see [`crate::kinds`]). Neither
//! rejects unknown top-level fields itself; the parse stage checks the file's keys against the
//! union of both, so one list of allowed fields is reported with a did-you-mean. Nested
//! structs reject unknown fields directly.

use serde::Deserialize;

use crate::dates::DateValue;

/// Fields every page has, whatever its content type.
#[derive(Debug, Clone, Deserialize)]
pub struct PageMeta {
    /// The title.
    pub title: String,
    /// One-sentence summary for cards, feeds and `<meta name="description">`.
    #[serde(default)]
    pub description: Option<String>,
    /// Date of publication shown to readers.
    #[serde(default)]
    pub date: Option<DateValue>,
    /// Date of the last significant update.
    #[serde(default)]
    pub updated: Option<DateValue>,
    /// A draft is built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// The page is left out of builds before this day.
    #[serde(default)]
    pub publish_date: Option<DateValue>,
    /// The page is left out of builds from this day on.
    #[serde(default)]
    pub expiry_date: Option<DateValue>,
    /// The last part of the URL; by default made from the file name.
    #[serde(default)]
    pub slug: Option<String>,
    /// Tags (chủ đề), shown as links to a page per tag.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Order in sections sorted by weight (smaller first).
    #[serde(default)]
    pub weight: Option<i64>,
    /// A template of the theme to render this page with instead of the default.
    #[serde(default)]
    pub template: Option<String>,
    /// Old URLs of this page, which will redirect to it.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Example content, not yet real: the page says so to readers ("dữ liệu minh hoạ").
    #[serde(default)]
    pub sample: bool,
    /// A picture of its own for share cards (Open Graph, Twitter), beside the page's file like
    /// the images of its text (`image: anh-chia-se.jpg`); the site's picture when absent.
    #[serde(default)]
    pub image: Option<String>,
    /// Whether the site's search finds this page (`in_search: false` keeps it out, as for the
    /// editors' guide, which mentions every topic).
    #[serde(default = "yes")]
    pub in_search: bool,
    /// A page for the site's editors, not residents (`editors_only: true`): built, but kept
    /// out of every list, feed, the sitemap and search (see [`super::Page::is_listed`]).
    #[serde(default)]
    pub editors_only: bool,
    /// Free-form values for templates.
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
}

impl PageMeta {
    /// Whether a page with this front matter is listed; see [`super::Page::is_listed`].
    pub fn is_listed(&self) -> bool {
        !self.editors_only
    }
}

fn yes() -> bool {
    true
}

/// How a section orders its pages.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SortBy {
    /// Newest first; undated pages last.
    #[default]
    Date,
    /// Smallest weight first.
    Weight,
    /// Title, in Vietnamese alphabetical order.
    Title,
}

/// Front matter of a section's `_index.md`.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionMeta {
    /// The section's title.
    pub title: String,
    /// One-sentence description.
    #[serde(default)]
    pub description: Option<String>,
    /// How pages are ordered.
    #[serde(default)]
    pub sort_by: SortBy,
    /// Pages per listing page; the site's default when absent.
    #[serde(default)]
    pub paginate_by: Option<usize>,
    /// Order among sibling sections.
    #[serde(default)]
    pub weight: Option<i64>,
    /// A draft section is built only with `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Template for the section's own page.
    #[serde(default)]
    pub template: Option<String>,
    /// Template for its pages.
    #[serde(default)]
    pub page_template: Option<String>,
    /// The content type of its pages.
    #[serde(default, rename = "type")]
    pub content_type: Option<String>,
    /// Old URLs of this section.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Free-form values for templates.
    #[serde(default)]
    pub extra: Option<serde_json::Value>,
}
