//! What a content type shows: the view side of a kind, beside what it tells the model
//! ([`crate::content_type`]). Each kind implements both for one unit type, and the registry
//! ([`super::PAGE_KINDS`], [`super::DATA_KINDS`]) lists that type once.

use crate::content_type::{DataSetType, PageType};
use crate::diagnostic::Diagnostic;
use crate::markdown::DataUse;
use crate::model::{Page, Site};
use crate::search::Document;
use crate::to_dan_pho::ToDanPho;
use crate::view::neighbourhood::Item;
use crate::view::open_data::OpenData;
use crate::view::places::{self, Set};
use crate::view::{Output, TemplateContext, Templates};

/// What a page of a type shows, and what the type adds to the site.
pub trait PageViews: Send + Sync {
    /// How a search result of this type is labelled ("Bài viết").
    fn label(&self) -> &'static str;

    /// The template a page of this type is rendered with by default.
    fn template(&self) -> &'static str;

    /// The template a section of this type is rendered with by default.
    fn section_template(&self) -> &'static str {
        "section.html"
    }

    /// Whether a section of this type gets the site's Atom feed of its dated pages; `false`
    /// when the type writes its section's feed itself among its [`PageViews::outputs`].
    fn feeds(&self) -> bool {
        true
    }

    /// Whether a section of this type is listed in numbered pages.
    fn paginates(&self) -> bool {
        true
    }

    /// Whether a page of this type is printed as a handout with a QR code leading back to it
    /// (drawn inline by the kind's view), and which key messages its A4 poster shows, if any.
    fn printout<'a>(&self, page: &'a Page) -> Option<Printout<'a>> {
        let _ = page;
        None
    }

    /// The values of the type's fields that `page` receives in templates, merged into `page`.
    fn view(&self, site: &Site, page: &Page) -> tera::Value;

    /// Whether [`PageViews::view`] and [`PageViews::json_ld`] read nothing but the page and the
    /// site's settings (`site.toml`): no other page, no data set. Watch mode then renders a page
    /// of this type again only when what it is made from changed
    /// ([`crate::view::context::PageView::inputs`]); otherwise, after every edit, it makes the
    /// page's context to see whether it changed.
    fn reads_only_its_page(&self) -> bool {
        false
    }

    /// Whether a section of this type adds nothing to its listing pages
    /// ([`PageViews::section_context`] adds nothing): watch mode then renders a listing page
    /// again only when what it lists changed (see `render::listing_inputs`).
    fn lists_only_its_pages(&self) -> bool {
        false
    }

    /// schema.org structured data of the page, as JSON safe inside `<script>`, when the page's
    /// template takes it from `page.article_json_ld`.
    fn json_ld(&self, site: &Site, page: &Page) -> Option<String> {
        let _ = (site, page);
        None
    }

    /// Text of the type's fields that search should find, beside the page's title, summary,
    /// headings, tags and body (which are always indexed).
    fn search_text(&self, page: &Page) -> String {
        let _ = page;
        String::new()
    }

    /// Outputs the type adds besides its pages (calendars, embeds).
    fn outputs(&self, site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
        let _ = (site, templates);
        Vec::new()
    }

    /// Values the type adds to the context of section `s`'s own page when `s` is of this type.
    fn section_context(&self, site: &Site, s: usize, context: &mut TemplateContext) {
        let _ = (site, s, context);
    }

    /// Values the type adds to the home page's context.
    fn home_context(&self, site: &Site, context: &mut TemplateContext) {
        let _ = (site, context);
    }

    /// What pages of this type list on the page of each tổ dân phố (`/to-dan-pho/so-5/`): one
    /// [`Item`] per page that names its group, in a block of its own
    /// ([`crate::view::neighbourhood::Block`], with a place from
    /// [`crate::view::neighbourhood::order`] and the type's listing of the group, if any).
    /// Leave out what residents must not find there: drafts, `editors_only` pages. Nothing by
    /// default; the groups that have items get a page, and the index `/to-dan-pho/` lists them.
    fn to_dan_pho_items(&self, site: &Site) -> Vec<(ToDanPho, Item)> {
        let _ = site;
        Vec::new()
    }
}

/// What a page's printout shows.
#[derive(Debug, Clone, Copy)]
pub struct Printout<'a> {
    /// The key messages its poster shows; no poster when empty.
    pub key_messages: &'a [crate::guidance::KeyMessage],
}

/// What a data set shows.
pub trait DataSetViews: Send + Sync {
    /// Its outputs: pages, views, open data, feeds.
    fn outputs(&self, site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>>;

    /// The HTML of a page's data shortcode (`{{ chi_tieu(…) }}`, checked by the model through
    /// [`crate::content_type::DataSetType::check_use`]) when it is this set's; `id` is unique
    /// in the page, `block` whether the shortcode is a paragraph of its own. `None` by default.
    fn fill_use(&self, site: &Site, data_use: &DataUse, id: &str, block: bool) -> Option<String> {
        let _ = (site, data_use, id, block);
        None
    }
    /// Its records that search finds.
    fn search_docs(&self, site: &Site) -> Vec<Document> {
        let _ = site;
        Vec::new()
    }

    /// Values it adds to the home page's context.
    fn home_context(&self, site: &Site, context: &mut TemplateContext) {
        let _ = (site, context);
    }

    /// Its open data (files, fields, allowed values), described for the data page the site
    /// makes for it ([`crate::view::open_data`]); `None` when it publishes none.
    fn open_data(&self, site: &Site) -> Option<OpenData> {
        let _ = site;
        None
    }

    /// What records of this data set list on the page of each tổ dân phố (`/to-dan-pho/so-5/`):
    /// one [`Item`] per published record that names its group, in a block of its own
    /// ([`crate::view::neighbourhood::Block`], with a place from
    /// [`crate::view::neighbourhood::order`] and the data set's listing of the group, if any).
    /// Leave out what must not be gathered there: records of individuals (a page per group
    /// would point at a person's home), unpublished records. Nothing by default.
    fn to_dan_pho_items(&self, site: &Site) -> Vec<(ToDanPho, Item)> {
        let _ = site;
        Vec::new()
    }
}

/// The view side of a place kind that [`crate::view::places`] shows whole (Tổ liên gia, điểm
/// chữa cháy công cộng, đội dân phòng): it describes its records as a [`Set`] and its data
/// page's description; its list, record pages, open data, feed, search document and items on
/// the pages of the tổ dân phố follow, through the [`DataSetViews`] every `PlaceViews` has.
pub trait PlaceViews: Send + Sync {
    /// The records of `site` as a set of places.
    fn set(&self, site: &Site) -> Set;

    /// What the data page says the set holds and leaves out, paragraph by paragraph.
    fn description(&self) -> Vec<String>;
}

impl<T: PlaceViews> DataSetViews for T {
    fn outputs(&self, site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
        places::outputs(site, templates, &self.set(site))
    }

    fn search_docs(&self, site: &Site) -> Vec<Document> {
        let set = self.set(site);
        places::search_entry(&set)
            .map(|e| Document {
                url: e.url,
                title: e.title.into(),
                kind: set.label.into(),
                summary: e.summary,
                headings: Vec::new(),
                tags: Vec::new(),
                body: e.body,
                sample: e.sample,
            })
            .into_iter()
            .collect()
    }

    fn open_data(&self, site: &Site) -> Option<OpenData> {
        places::open_data(site, &self.set(site), self.description())
    }

    fn to_dan_pho_items(&self, site: &Site) -> Vec<(ToDanPho, Item)> {
        places::to_dan_pho_items(site, &self.set(site))
    }
}

/// A type of page, both sides.
pub trait PageKind: PageType + PageViews {}

impl<T: PageType + PageViews> PageKind for T {}

/// A type of data set, both sides.
pub trait DataKind: DataSetType + DataSetViews {}

impl<T: DataSetType + DataSetViews> DataKind for T {}
