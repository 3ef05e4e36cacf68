//! The view side's shared values: the output files every view produces, the theme's
//! templates, what a template is rendered with ([`template_context`]), the typed values
//! templates receive ([`context`]), the structured data pages carry ([`json_ld`]) and the data
//! pages of the data sets ([`open_data`]).
//!
//! It sits above the model and below [`crate::render`]: each content type's views (in
//! `crate::kinds`), search and the printouts build their outputs from these, and `render`
//! runs them all.

pub mod context;
pub mod feed;
pub mod json_ld;
pub mod memo;
pub mod neighbourhood;
pub mod open_data;
pub mod places;
pub mod previous;
pub mod template_context;
pub mod templates;

use std::path::PathBuf;

pub use memo::Memo;
pub use previous::{Listing, Previous};
pub use template_context::TemplateContext;
pub use templates::{Compiled, StaticUrls, Templates};

use crate::diagnostic::Diagnostic;

/// One file of the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Output {
    /// Path inside the output folder, `/`-separated, never absolute or climbing out.
    pub path: String,
    /// What to put there.
    pub content: Content,
}

/// The content of an output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Content {
    /// Bytes rendered in memory; shared, so that an output remembered from an earlier build
    /// of watch mode is handed on without a copy.
    Bytes(bytes::Bytes),
    /// A file to copy as is.
    Copy(PathBuf),
    /// The file at the same path in the previous output, which the build that made it rendered
    /// from the same inputs with the same templates ([`Previous`]): `pccc build` links it
    /// instead of rendering it again. `stamp` is what it was like when written; the writer
    /// checks it again, since another build may have replaced that output meanwhile.
    Kept {
        /// The file in the previous output.
        source: PathBuf,
        /// What it was like when the previous build wrote it.
        stamp: crate::fs::Stamp,
    },
}

impl Output {
    /// An output of bytes rendered in memory.
    pub fn bytes(path: impl Into<String>, bytes: impl Into<bytes::Bytes>) -> Output {
        Output { path: path.into(), content: Content::Bytes(bytes.into()) }
    }

    /// The `index.html` of the page at site path `path` (`/bai-viet/` is written to
    /// `bai-viet/index.html`).
    pub fn page(path: &str, html: impl Into<bytes::Bytes>) -> Output {
        Output::bytes(page_file(path), html)
    }
}

/// The output path of the page at site path `path`: see [`Output::page`].
pub fn page_file(path: &str) -> String {
    format!("{}index.html", path.strip_prefix('/').unwrap_or(path))
}

/// The template of pages that send their reader on.
pub const REDIRECT_TEMPLATE: &str = "alias.html";

/// The page at site path `from` (an old address) that sends its reader on to the URL `to`.
pub fn redirect(templates: &Templates, from: &str, to: &str) -> Result<Output, Diagnostic> {
    let html = templates.render(REDIRECT_TEMPLATE, &TemplateContext::redirect(to))?;
    Ok(Output::page(from, html))
}
