//! pccc builds the public fire-safety site of a ward (phường): articles, and later drills,
//! lessons for schools and the public list of facilities violating fire-safety rules, from
//! Markdown and data files, into plain files any web server can serve.
//!
//! Data flows as values through the stages:
//!
//! ```text
//! site.toml ──config──► Config
//! content/** ──load──► SourceFile (UTF-8, NFC) ──parse──► ParsedPage / ParsedSection
//!   ──model──► Site (complete, immutable; every problem collected)
//!   ──render (parallel, tera)──► Vec<Output> ──output──► temporary folder ──swap──► public/
//! ```
//!
//! Every problem is a [`diagnostic::Diagnostic`] naming file, line and column, in Vietnamese for
//! the ward's editors.
#![forbid(unsafe_code)]

pub mod cli;
pub mod config;
pub mod content_type;
pub mod dates;
pub mod diagnostic;
pub mod explain;
pub mod front_matter;
pub mod fs;
pub mod guidance;
pub mod highlight;
pub mod kinds;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pipeline;
pub mod print;
pub mod render;
pub mod scaffold;
pub mod search;
#[cfg(feature = "serve")]
pub mod serve;
pub mod slug;
pub mod text;
pub mod to_dan_pho;
pub mod view;
