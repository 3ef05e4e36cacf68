//! Content types: what kind of thing a page is (an article, and in time a drill, a lesson).
//!
//! Each content type lives in its own module and owns its front-matter fields, their checks,
//! the template its pages use by default, the values its templates receive, and any outputs it
//! adds besides its pages. This module is the model's list of types: adding one means a variant
//! in each enum below and a module of its own; the loader, the model's assembly and the writer
//! do not change.

pub mod article;
pub mod violations;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::front_matter::{self, Split};
use crate::load::SourceFile;
use crate::model::Site;
use crate::render::{Output, Templates};

/// The content type of a section's pages, as written in its `_index.md` (`type: bai_viet`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum ContentType {
    /// Articles (bài viết), the default.
    #[default]
    #[serde(rename = "bai_viet")]
    Article,
}

impl ContentType {
    /// The value written in front matter.
    pub fn name(self) -> &'static str {
        match self {
            ContentType::Article => "bai_viet",
        }
    }

    /// How editors call one page of this type, in messages.
    pub fn noun(self) -> &'static str {
        match self {
            ContentType::Article => "bài viết",
        }
    }

    /// The template a page of this type is rendered with by default.
    pub fn template(self) -> &'static str {
        match self {
            ContentType::Article => "page.html",
        }
    }

    /// The type's own front-matter fields (besides those every page has).
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            ContentType::Article => crate::explain::fields_of::<article::Article>(),
        }
    }

    /// The front matter of a new page of this type, for `pccc new`.
    pub fn skeleton(self, title: &str, today: Date) -> String {
        let title = front_matter::quote(title);
        match self {
            ContentType::Article => article::skeleton(&title, today),
        }
    }
}

/// A page's type-specific fields.
#[derive(Debug, Clone)]
pub enum PageKind {
    /// An article.
    Article(article::Article),
}

impl PageKind {
    /// Reads the fields of `content_type` from a page's front matter.
    pub fn parse(
        content_type: ContentType,
        file: &SourceFile,
        split: &Split<'_>,
    ) -> Result<PageKind, Diagnostic> {
        Ok(match content_type {
            ContentType::Article => PageKind::Article(front_matter::deserialize(file, split)?),
        })
    }

    /// The content type.
    pub fn content_type(&self) -> ContentType {
        match self {
            PageKind::Article(_) => ContentType::Article,
        }
    }

    /// Checks beyond the fields' types, such as coherent dates.
    pub fn check(&self, file: &SourceFile, split: &Split<'_>) -> Vec<Diagnostic> {
        match self {
            PageKind::Article(article) => article.check(file, split),
        }
    }

    /// The values of the type-specific fields that `page` receives in templates.
    pub fn view<'a>(&'a self, site: &'a Site) -> KindView<'a> {
        match self {
            PageKind::Article(article) => KindView::Article(article.view(site)),
        }
    }
}

/// Type-specific values, merged into `page` in templates.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum KindView<'a> {
    /// An article's values.
    Article(article::View<'a>),
}

/// Outputs the content types add besides their pages (calendars, embeds, open data).
pub fn extra_outputs(site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
    let mut outputs = Vec::new();
    outputs.extend(violations::outputs(site, templates));
    outputs
}

/// Values the content types add to the home page's template context.
pub fn home_context(site: &Site, context: &mut Context) {
    violations::home_context(site, context);
}

/// A diagnostic at the line where the top-level front-matter field `key` is written.
pub fn at_key(
    file: &SourceFile,
    split: &Split<'_>,
    key: &str,
    message: impl Into<String>,
) -> Diagnostic {
    let d = Diagnostic::error(&file.path, message);
    let needle = format!("\n{key}:");
    let front = format!("\n{}", split.front);
    match front.find(&needle) {
        Some(i) => {
            let start = split.front_start + i;
            d.at(&file.text, start..start + key.len())
        }
        None => d,
    }
}
