//! pccc builds the public fire-safety site of a ward (phường): articles, drills, lessons for
//! schools and the public list of facilities violating fire-safety rules, from Markdown and data
//! files, into plain files any web server can serve.
//!
//! Data flows as values through the stages:
//!
//! ```text
//! site.toml ──config──► Config
//! content/** ──load──► SourceFile (Markdown, NFC) · DataFile (bytes) · Asset (image size)
//!   ──model──► Site (complete, immutable; every problem collected; kinds given as values)
//!   ──render (views of each kind, search; parallel, tera)──► Output files
//!   ──output──► staging folder ──publish (one atomic switch)──► public/
//! ```
//!
//! Content types (articles, lessons, drills, the list of violations) are listed once, in
//! [`kinds`]; the model knows them only through [`content_type`]. Every problem is a
//! [`diagnostic::Diagnostic`] naming file, line and column, in Vietnamese for the ward's
//! editors. ARCHITECTURE.md at the repository root describes the layers and their rules, which
//! `tests/integration/architecture.rs` enforces.
#![forbid(unsafe_code)]

pub mod chart;
pub mod cli;
pub mod closed_list;
pub mod config;
pub mod content_type;
pub mod dates;
pub mod decision;
pub mod diagnostic;
pub mod explain;
pub mod front_matter;
pub mod fs;
pub mod guidance;
pub mod highlight;
pub mod init;
pub mod kinds;
pub mod load;
pub mod markdown;
pub mod model;
pub mod output;
pub mod pictogram;
pub mod pipeline;
pub mod place;
pub mod print;
pub mod render;
pub mod scaffold;
pub mod search;
#[cfg(feature = "serve")]
pub mod serve;
pub mod slug;
pub mod spreadsheet;
pub mod stored;
pub mod text;
pub mod to_dan_pho;
pub mod tone_marks;
pub mod view;
