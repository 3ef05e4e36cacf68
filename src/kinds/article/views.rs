//! What an article shows: its key messages and sources, its structured data, its printout.

use serde::Serialize;

use super::{Article, Articles};
use crate::kinds::kind::{PageViews, Printout};
use crate::model::{Page, Site};
use crate::view::context::{self, MetaView, SourceView, sources_view};

/// An article's values in `page`.
#[derive(Debug, Serialize)]
pub struct View<'a> {
    /// Up to three things to remember.
    pub key_messages: &'a [String],
    /// Sources cited.
    pub sources: Vec<SourceView<'a>>,
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
            key_messages: &article.key_messages,
            sources: sources_view(&article.sources, site),
        };
        tera::Value::from_serializable(&view)
    }

    fn json_ld(&self, site: &Site, page: &Page) -> Option<String> {
        Some(context::article_json_ld(site, page, &MetaView::page(site, page)))
    }

    fn search_text(&self, page: &Page) -> String {
        page.fields::<Article>().map(|a| a.key_messages.join("\n")).unwrap_or_default()
    }
}
