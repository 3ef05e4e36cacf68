//! What an article shows: its key messages and sources, its structured data, its printout.

use serde::Serialize;

use super::{Article, Articles};
use crate::guidance::{KeyMessageView, key_message_texts, key_messages_view};
use crate::kinds::kind::{PageViews, Printout};
use crate::model::{Page, Site};
use crate::view::context::{self, MetaView, SourceView, sources_view};
use crate::view::json_ld;

/// An article's values in `page`.
#[derive(Debug, Serialize)]
pub struct View<'a> {
    /// Up to three things to remember.
    pub key_messages: Vec<KeyMessageView<'a>>,
    /// Sources cited.
    pub sources: Vec<SourceView<'a>>,
    /// The QR code leading to the article, inline SVG, shown on its printout.
    pub qr_svg: Option<String>,
}

impl PageViews for Articles {
    fn label(&self) -> &'static str {
        "Bài viết"
    }

    fn template(&self) -> &'static str {
        "page.html"
    }

    fn printout<'a>(&self, page: &'a Page) -> Option<Printout<'a>> {
        let article = page.fields::<Article>()?;
        Some(Printout { key_messages: &article.key_messages })
    }

    fn view(&self, site: &Site, page: &Page) -> tera::Value {
        let Some(article) = page.fields::<Article>() else { return context::no_fields() };
        let view = View {
            key_messages: key_messages_view(&article.key_messages, &site.config.base_url),
            sources: sources_view(&article.sources, site),
            qr_svg: crate::print::page_qr(page, "Mã QR dẫn đến trang này", 96),
        };
        tera::Value::from_serializable(&view)
    }

    fn reads_only_its_page(&self) -> bool {
        true
    }

    fn lists_only_its_pages(&self) -> bool {
        true
    }

    fn json_ld(&self, site: &Site, page: &Page) -> Option<String> {
        let meta = MetaView::page(site, page);
        let publisher = json_ld::publisher(site);
        let article = json_ld::page("Article", site, page)
            .with("headline", &page.meta.title)
            .with("mainEntityOfPage", &page.permalink)
            .with("datePublished", meta.published)
            .with("dateModified", meta.modified)
            .with("author", &publisher)
            .with("publisher", publisher);
        Some(article.to_script())
    }

    fn search_text(&self, page: &Page) -> String {
        page.fields::<Article>()
            .map(|a| key_message_texts(&a.key_messages).join("\n"))
            .unwrap_or_default()
    }
}
