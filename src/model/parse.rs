//! The parse stage: each Markdown file into a typed document, in parallel.
//!
//! Sections (`_index.md`) are parsed first, because a section names the content type of its
//! pages and a page's fields depend on its type.

use std::collections::{HashMap, HashSet};

use std::sync::{Mutex, PoisonError};

use rayon::prelude::*;

use super::meta::{PageMeta, SectionMeta};
use crate::diagnostic::{Diagnostic, Problems};
use crate::explain::fields_of;
use crate::front_matter;
use std::sync::Arc;

use crate::content_type::{PageFields, PageType};
use crate::load::SourceFile;
use crate::markdown::{self, Heading, MarkdownOptions};

/// A section's `_index.md`, parsed.
#[derive(Debug, Clone)]
pub struct ParsedSection {
    /// The file.
    pub file: SourceFile,
    /// Its folder relative to `content/` (`""` for the home page, `bai-viet`).
    pub dir: String,
    /// Its front matter.
    pub meta: SectionMeta,
    /// Byte offset of the body in the file.
    pub body_start: usize,
    /// The body's headings.
    pub headings: Vec<Heading>,
}

/// A page, parsed.
#[derive(Debug, Clone)]
pub struct ParsedPage {
    /// The file.
    pub file: SourceFile,
    /// Fields every page has.
    pub meta: PageMeta,
    /// Its content type.
    pub kind: &'static dyn PageType,
    /// Fields of its content type.
    pub fields: Arc<dyn PageFields>,
    /// Byte offset of the body in the file.
    pub body_start: usize,
    /// The body's headings.
    pub headings: Vec<Heading>,
    /// Its title's place in Vietnamese dictionary order, for the lists ordered by title.
    pub title_key: crate::text::SortKey,
    /// Its front matter and fields summed up ([`hash_debug`]), so that watch mode can tell an
    /// unchanged page without reading them again; 0 when not summed up (a one-off build has no
    /// use for it).
    pub sum: u64,
}

impl ParsedPage {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.file.text[self.body_start..]
    }

    /// Sums up its front matter and fields into [`ParsedPage::sum`] (watch mode's).
    pub fn sum_up(&mut self) {
        let mut h = std::hash::DefaultHasher::new();
        hash_debug(&mut h, &(&self.meta, &self.fields));
        self.sum = std::hash::Hasher::finish(&h).max(1);
    }
}

impl ParsedSection {
    /// The Markdown body.
    pub fn body(&self) -> &str {
        &self.file.text[self.body_start..]
    }
}

/// Whether `file` is a section index.
pub fn is_section_index(file: &SourceFile) -> bool {
    file.content_path == "_index.md" || file.content_path.ends_with("/_index.md")
}

/// A parsed document, or nothing when it has errors; with every problem found either way.
pub type Parsed<T> = (Option<T>, Vec<Diagnostic>);

/// The sections' `_index.md` files, parsed.
pub struct ParsedSections {
    /// Sections that could be read, by folder (the home page's first).
    pub sections: Vec<ParsedSection>,
    /// Paths relative to `content/` of the `_index.md` files with errors of their own.
    pub unreadable: Vec<String>,
}

/// Parses every section index, in parallel; a site without the home page's is reported.
pub fn sections(
    files: Vec<SourceFile>,
    options: MarkdownOptions,
    problems: &mut Problems,
) -> ParsedSections {
    let parsed: Vec<(Parsed<ParsedSection>, String)> = files
        .into_par_iter()
        .map(|file| {
            let path = file.content_path.clone();
            (section(file, options), path)
        })
        .collect();
    let mut sections = Vec::with_capacity(parsed.len());
    let mut unreadable = Vec::new();
    for ((section, diagnostics), path) in parsed {
        problems.extend(diagnostics);
        match section {
            Some(section) => sections.push(section),
            None => unreadable.push(path),
        }
    }
    sections.sort_by(|a, b| a.dir.cmp(&b.dir));
    // A home page's `_index.md` that failed to parse has its own errors.
    let home_unreadable = unreadable.iter().any(|path| path == "_index.md");
    if sections.first().is_none_or(|s| !s.dir.is_empty()) && !home_unreadable {
        problems.push(
            Diagnostic::error("content/_index.md", "thiếu tệp content/_index.md của trang chủ")
                .help("tạo tệp content/_index.md, ví dụ:\n---\ntitle: \"Trang chủ\"\n---"),
        );
    }
    ParsedSections { sections, unreadable }
}

/// Parses one section index, reporting every problem in its front matter.
pub fn section(file: SourceFile, options: MarkdownOptions) -> Parsed<ParsedSection> {
    let split = match front_matter::split(&file) {
        Ok(split) => split,
        Err(d) => return (None, vec![d]),
    };
    let meta: SectionMeta = match front_matter::deserialize_all(&file, &split) {
        Ok(meta) => meta,
        Err(problems) => return (None, problems),
    };
    let headings = markdown::outline(split.body, options);
    let dir = file.content_path.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
    let body_start = split.body_start;
    (Some(ParsedSection { file, dir, meta, body_start, headings }), Vec::new())
}

/// Parses one page of the given content type, reporting every problem in its front matter.
pub fn page(
    file: SourceFile,
    kind: &'static dyn PageType,
    options: MarkdownOptions,
) -> Parsed<ParsedPage> {
    let split = match front_matter::split(&file) {
        Ok(split) => split,
        Err(d) => return (None, vec![d]),
    };
    // Three readers (unknown keys, common fields, the type's fields) share one parse.
    let value = split.parse();
    let split = split.with_value(value.as_ref());
    let mut problems = Vec::new();
    let allowed: Vec<&str> = fields_of::<PageMeta>().iter().chain(kind.fields()).copied().collect();
    problems.extend(front_matter::unknown_keys(&file, &split, &allowed, kind.noun()));
    let meta = front_matter::deserialize_all::<PageMeta>(&file, &split)
        .map_err(|ds| problems.extend(ds))
        .ok();
    let fields = kind.parse(&file, &split).map_err(|ds| problems.extend(ds)).ok();
    match (meta, fields) {
        // The type's own checks (a drill's start, its end after it) need its fields read, and
        // run beside the other problems, so one build shows them all.
        (Some(meta), Some(fields)) => {
            problems.extend(fields.check(&file, &split));
            if problems.iter().any(|d| d.severity == crate::diagnostic::Severity::Error) {
                return (None, problems);
            }
            let headings = markdown::outline(split.body, options);
            let body_start = split.body_start;
            let title_key = crate::text::SortKey::of(&meta.title);
            let page =
                ParsedPage { file, meta, kind, fields, body_start, headings, title_key, sum: 0 };
            (Some(page), problems)
        }
        _ => (None, problems),
    }
}

/// Pages parsed by earlier builds of a watch-mode session, so that assembling the site again
/// after an edit parses only the files that changed: parsing front matter (YAML, then the
/// common and the type's fields) took about 0.28 s of each rebuild at 10,000 pages. A page's
/// parse is a function of its file (path and text), its content type and the Markdown options
/// (for its headings), which key the entries. The text is compared, not summed up: a file the
/// load took unchanged from an earlier one ([`crate::load::Known`]) shares its text, and is
/// told at once.
#[derive(Default)]
pub struct ParseCache {
    /// By content path.
    entries: Mutex<HashMap<String, ParsedFile>>,
}

/// An entry of [`ParseCache`]: what a page was parsed from, and the outcome.
struct ParsedFile {
    text: std::sync::Arc<str>,
    path: std::path::PathBuf,
    kind: &'static str,
    options: MarkdownOptions,
    parsed: Parsed<ParsedPage>,
}

impl ParsedFile {
    fn is_of(&self, file: &SourceFile, kind: &'static str, options: MarkdownOptions) -> bool {
        let same_text = std::sync::Arc::ptr_eq(&self.text, &file.text) || self.text == file.text;
        same_text && self.path == file.path && self.kind == kind && self.options == options
    }
}

impl ParseCache {
    /// [`page`], or what it gave for the same file, type and options in an earlier assembly.
    pub(super) fn page(
        &self,
        file: SourceFile,
        kind: &'static dyn PageType,
        options: MarkdownOptions,
    ) -> Parsed<ParsedPage> {
        let found = self.lock().get(&file.content_path).and_then(|entry| {
            entry.is_of(&file, kind.name(), options).then(|| entry.parsed.clone())
        });
        if let Some(parsed) = found {
            return parsed;
        }
        let (content_path, text, path) =
            (file.content_path.clone(), file.text.clone(), file.path.clone());
        let (mut parsed, problems) = page(file, kind, options);
        if let Some(page) = &mut parsed {
            page.sum_up();
        }
        let parsed = (parsed, problems);
        let entry = ParsedFile { text, path, kind: kind.name(), options, parsed: parsed.clone() };
        self.lock().insert(content_path, entry);
        parsed
    }

    /// Forgets the pages not among `paths` (content paths): files deleted or renamed.
    pub(super) fn keep_only(&self, paths: &HashSet<&str>) {
        self.lock().retain(|path, _| paths.contains(path.as_str()));
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, ParsedFile>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// Adds `value` to `h` as its `Debug` form reads, without making that text: for values whose
/// types do not implement `Hash` (dates, the kinds' fields, YAML values).
pub fn hash_debug(h: &mut impl std::hash::Hasher, value: &impl std::fmt::Debug) {
    /// Text written into a hasher.
    struct Hashing<'a, H>(&'a mut H);
    impl<H: std::hash::Hasher> std::fmt::Write for Hashing<'_, H> {
        fn write_str(&mut self, text: &str) -> std::fmt::Result {
            self.0.write(text.as_bytes());
            Ok(())
        }
    }
    let _ = std::fmt::Write::write_fmt(&mut Hashing(h), format_args!("{value:?}"));
}
