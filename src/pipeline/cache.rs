//! The build cache: what `pccc build` keeps in the output folder ([`crate::output::CACHE`]) so
//! that a build over an output made from the same inputs, by the same program, with the same
//! settings, does nothing.
//!
//! The cache holds a [`Key`] (a format number, the program's version and identity, the
//! settings that change the output, and every input file's size and content hash), the report
//! of the build that wrote it (counts and warnings), and the manifest of the files it wrote with
//! their [`Stamp`]s. A later build computes its own key; when the key is the cache's and every
//! file of the output is still as the manifest says (nothing deleted, added, or changed by
//! hand), the output is that build's, byte for byte, and nothing is rendered or written.
//!
//! It also keeps, for every output rendered from inputs summed up without making its context,
//! the key it was made with ([`crate::view::Previous`]): a build over an output of the same
//! program and settings whose inputs changed takes from it every such file it would make with
//! the same key, instead of rendering it again; and what the sitemap read in each of those
//! pages ([`crate::view::Listing`]), so that such a build lists the pages it takes without
//! reading them.
//!
//! Inputs are compared by content, never by date: an editor may copy a file over another and
//! keep its date. Their hash is std's SipHash, which may change between Rust releases; the key
//! names the program, so a cache written by another binary is never trusted. Anything unread
//! or unexpected (a missing, truncated or corrupt cache, another format or program) reads as no
//! cache: the build is whole, and writes a new cache with its output.

use std::collections::{BTreeMap, HashMap};
use std::hash::Hasher;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use crate::diagnostic::{Diagnostic, Problems, Severity};
use crate::output::Stamp;

/// The format of the cache: bumped whenever what it holds or means changes.
const FORMAT: u32 = 3;

/// The folders of a site whose files a build reads (besides `site.toml`): content, every
/// installed theme (templates and static files; the list of themes is checked too), the
/// site's own templates and static files.
const INPUT_FOLDERS: [&str; 4] = ["content", "themes", "templates", "static"];

/// The settings of a build that change its output, as the build resolved them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Settings {
    /// The day treated as today (`--as-of`, else the date in the site's time zone).
    pub today: String,
    /// Drafts included.
    pub drafts: bool,
    /// The base URL links are made with (`--base-url` or `site.toml`).
    pub base_url: String,
    /// The output folder, as the file system reaches it.
    pub output_dir: PathBuf,
    /// `--strict`.
    pub strict: bool,
}

/// Everything an output is a function of: if two builds have the same key, they make the
/// same files.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Key {
    format: u32,
    /// The version and the identity of the binary.
    program: String,
    settings: Settings,
    /// Every input file under the site's root, by path with `/`: its size and content hash.
    inputs: BTreeMap<String, (u64, u64)>,
}

/// What the report of a build said, for a later build that keeps its output.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Summary {
    /// Pages built.
    pub pages: usize,
    /// Sections built.
    pub sections: usize,
    /// Files in the output.
    pub files: usize,
    warnings: Vec<Warning>,
}

impl Summary {
    /// A summary of a build's counts and `warnings` (errors are never kept: a build with
    /// errors writes nothing).
    pub fn new(pages: usize, sections: usize, files: usize, warnings: &Problems) -> Summary {
        let warnings = warnings.iter().map(Warning::from).collect();
        Summary { pages, sections, files, warnings }
    }

    /// The warnings, as the build that wrote the cache reported them.
    pub fn warnings(&self) -> Problems {
        let mut problems = Problems::new();
        problems.extend(self.warnings.iter().map(Warning::diagnostic));
        problems
    }
}

/// A warning as the cache keeps it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Warning {
    path: PathBuf,
    /// The file's text and the byte range marked.
    location: Option<(String, (usize, usize))>,
    message: String,
    label: Option<String>,
    help: Option<String>,
    notes: Vec<String>,
}

impl From<&Diagnostic> for Warning {
    fn from(d: &Diagnostic) -> Warning {
        Warning {
            path: d.path.clone(),
            location: d.location.as_ref().map(|(text, r)| marked_lines(text, r.start, r.end)),
            message: d.message.clone(),
            label: d.label.clone(),
            help: d.help.clone(),
            notes: d.notes.clone(),
        }
    }
}

/// The lines of `text` that `start..end` marks, after as many empty lines as come before them,
/// with the span moved along: the warning shows the same lines, line and column, and the cache
/// does not hold a copy of every file with a warning (a tone-mark check can warn on every page).
fn marked_lines(text: &str, start: usize, end: usize) -> (String, (usize, usize)) {
    let (start, end) = (start.min(text.len()), end.min(text.len()));
    let first = text[..start].rfind('\n').map_or(0, |i| i + 1);
    let last = text[end..].find('\n').map_or(text.len(), |i| end + i);
    let before = text[..first].matches('\n').count();
    let kept = format!("{}{}", "\n".repeat(before), &text[first..last]);
    let moved = first - before;
    (kept, (start - moved, end - moved))
}

impl Warning {
    fn diagnostic(&self) -> Diagnostic {
        Diagnostic {
            severity: Severity::Warning,
            path: self.path.clone(),
            location: self
                .location
                .as_ref()
                .map(|(text, (start, end))| (text.as_str().into(), *start..*end)),
            message: self.message.clone(),
            label: self.label.clone(),
            help: self.help.clone(),
            notes: self.notes.clone(),
        }
    }
}

/// The cache file.
#[derive(Serialize, Deserialize)]
pub struct Cache {
    key: Key,
    summary: Summary,
    /// Every file of the output but the marker and the cache, with its stamp.
    outputs: Vec<(String, Stamp)>,
    /// The outputs made from summed-up inputs, with the key each was made with.
    made: Vec<(String, u64)>,
    /// What the sitemap read in each page of `made` ([`crate::view::Listing`]).
    listings: Vec<(String, crate::view::Listing)>,
}

impl Key {
    /// The key of a build of the site at `root` with `settings`: every input file read and
    /// hashed. `None` when an input cannot be read (the build reports it) or the program's
    /// identity is unknown: then no cache is trusted.
    /// `named` are the files `site.toml` names outside those folders (the map's outline),
    /// relative to `root`.
    pub fn new(root: &Path, settings: Settings, named: &[PathBuf]) -> Option<Key> {
        let inputs = inputs(root, named)?;
        Some(Key { format: FORMAT, program: program()?, settings, inputs })
    }

    /// The version and identity of the program ([`program`]).
    pub fn program(&self) -> &str {
        &self.program
    }
}

/// The bodies rendered by the build that made the output in `output_dir`
/// ([`crate::output::BODIES`]), if the program of `key` wrote them: for a build whose key the
/// cache found of the same build ([`Cache::same_build`]).
fn bodies(output_dir: &Path, key: &Key) -> Option<crate::model::BodyCache> {
    let bytes = std::fs::read(output_dir.join(crate::output::BODIES)).ok()?;
    crate::model::BodyCache::restore(&bytes, &key.program)
}

/// What the previous build left in `output_dir` for a build with `key`, of its program and
/// settings, read side by side: the bodies it rendered ([`bodies`]), and what its search index
/// gathered ([`search`]) or, when it left nothing, a place for what this build gathers. A first
/// build (no previous output of this program and settings) takes neither and keeps no search
/// counts: they are for the builds of an editor's session, and gathering them cost a first build
/// (a deployment's) 30 MB more memory at its peak at 10,000 pages.
pub fn left(
    output_dir: &Path,
    key: &Key,
) -> (Option<crate::model::BodyCache>, Option<crate::search::kept::Kept>) {
    let (bodies, search) = rayon::join(|| bodies(output_dir, key), || search(output_dir, key));
    (bodies, Some(search))
}

/// What the search index of the previous build gathered ([`crate::output::SEARCH`]), for a
/// build with `key` to take when the program of `key` wrote it; else nothing to take.
fn search(output_dir: &Path, key: &Key) -> crate::search::kept::Kept {
    match std::fs::read(output_dir.join(crate::output::SEARCH)).ok() {
        Some(bytes) => crate::search::kept::Kept::restore(&bytes, &key.program),
        None => crate::search::kept::Kept::new(&key.program),
    }
}

/// The program's version and the identity of its binary (path, size, modification time): a
/// rebuilt binary has another identity, even with the same version.
fn program() -> Option<String> {
    let exe = std::env::current_exe().ok()?;
    let stamp = Stamp::of(&std::fs::canonicalize(&exe).ok()?)?;
    Some(format!(
        "pccc {} {} {} {}.{:09} {}",
        env!("CARGO_PKG_VERSION"),
        exe.display(),
        stamp.size,
        stamp.modified.0,
        stamp.modified.1,
        stamp.inode
    ))
}

/// Every file a build of the site at `root` may read (`site.toml`, the files it names, the
/// input folders), with its size and hash; links are followed (as the content loader does),
/// so what they lead to is what is hashed.
fn inputs(root: &Path, named: &[PathBuf]) -> Option<BTreeMap<String, (u64, u64)>> {
    use rayon::prelude::*;
    let mut files =
        vec![(crate::config::FILE_NAME.to_string(), root.join(crate::config::FILE_NAME))];
    files.extend(named.iter().map(|file| (slashed(file), root.join(file))));
    for folder in INPUT_FOLDERS {
        let dir = root.join(folder);
        if !dir.exists() {
            continue;
        }
        for entry in walkdir::WalkDir::new(&dir).follow_links(true) {
            let entry = entry.ok()?;
            if entry.file_type().is_file() {
                let relative = entry.path().strip_prefix(root).ok()?;
                files.push((slashed(relative), entry.into_path()));
            }
        }
    }
    files
        .into_par_iter()
        .map(|(name, path)| {
            let bytes = std::fs::read(&path).ok()?;
            let mut hasher = std::hash::DefaultHasher::new();
            hasher.write(&bytes);
            Some((name, (bytes.len() as u64, hasher.finish())))
        })
        .collect()
}

fn slashed(path: &Path) -> String {
    let parts: Vec<_> = path.components().map(|c| c.as_os_str().to_string_lossy()).collect();
    parts.join("/")
}

/// The cache's bytes, for [`crate::output::Staging::put_cache`]: `made` and `listings` as
/// [`crate::view::Previous::made`] and [`crate::view::Previous::listings`] give them.
pub fn encode(
    key: &Key,
    summary: &Summary,
    outputs: &[(String, Stamp)],
    previous: &crate::view::Previous,
) -> Vec<u8> {
    #[derive(Serialize)]
    struct Borrowed<'a> {
        key: &'a Key,
        summary: &'a Summary,
        outputs: &'a [(String, Stamp)],
        made: &'a [(String, u64)],
        listings: &'a [(String, crate::view::Listing)],
    }
    let (made, listings) = (previous.made(), previous.listings());
    let borrowed = Borrowed { key, summary, outputs, made: &made, listings: &listings };
    serde_json::to_vec(&borrowed).unwrap_or_default()
}

impl Cache {
    /// The cache of the output in `output_dir`; `None` when there is none or it cannot be read
    /// as one of this format.
    pub fn read(output_dir: &Path) -> Option<Cache> {
        let bytes = std::fs::read(output_dir.join(crate::output::CACHE)).ok()?;
        serde_json::from_slice(&bytes).ok()
    }

    /// The summary of the build that made the output in `output_dir`, when the cache has `key`
    /// and every file of the output is as that build left it: then this build has nothing to do.
    pub fn unchanged(&self, output_dir: &Path, key: &Key) -> Option<Summary> {
        if self.key != *key {
            return None;
        }
        let expected: HashMap<&str, Stamp> =
            self.outputs.iter().map(|(path, stamp)| (path.as_str(), *stamp)).collect();
        crate::output::as_written(output_dir, &expected).then(|| self.summary.clone())
    }

    /// Whether the build that wrote this cache was of the program of `key`, with its settings
    /// (its inputs may differ): then a build with `key` may take what it left
    /// ([`Cache::previous`], [`bodies`]).
    pub fn same_build(&self, key: &Key) -> bool {
        let (a, b) = (&self.key, key);
        (a.format, &a.program, &a.settings) == (b.format, &b.program, &b.settings)
    }

    /// What the build that made the output in `output_dir` made from what, for a build with
    /// `key` to take from it ([`crate::view::Previous`]), when both are of the same program
    /// with the same settings (their inputs may differ).
    pub fn previous(self, output_dir: &Path, key: &Key) -> Option<crate::view::Previous> {
        if !self.same_build(key) {
            return None;
        }
        let stamps: HashMap<String, Stamp> = self.outputs.into_iter().collect();
        let made = self.made.into_iter().filter_map(|(path, made)| {
            let stamp = *stamps.get(&path)?;
            Some((path, (made, stamp)))
        });
        let listings = self.listings.into_iter().collect();
        Some(crate::view::Previous::new(output_dir.to_path_buf(), made.collect(), listings))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_kept_warning_reads_back_as_it_was_reported() {
        let source: std::sync::Arc<str> =
            "---\ntitle: Hòa\n---\n\nMột đoạn.\n\nHai: hòa hợp,\nba dòng.\nCuối.\n".into();
        let at = source.find("hòa hợp").unwrap();
        let warning = Diagnostic::warning("content/a.md", "chữ `hòa` đặt dấu kiểu cũ")
            .at(&source, at..at + "hòa".len())
            .label("ở đây")
            .help("viết `Hoà`")
            .note("một ghi chú");
        let mut problems = Problems::new();
        problems.push(warning);
        problems.push(Diagnostic::warning("content/a.md", "dòng đầu").at(&source, 0..3));
        let end = source.find("Cuối").unwrap();
        problems.push(Diagnostic::warning("content/a.md", "hai dòng").at(&source, at..end + 4));
        problems.push(Diagnostic::warning("site.toml", "không có vị trí"));
        let summary = Summary::new(1, 2, 3, &problems);
        let bytes = serde_json::to_vec(&summary).unwrap();
        let back: Summary = serde_json::from_slice(&bytes).unwrap();
        assert_eq!(back.warnings().render(false), problems.render(false));
        // Only the marked lines are kept.
        assert!(!String::from_utf8(bytes).unwrap().contains("Một đoạn"));
        assert_eq!(back.warnings().render(true), problems.render(true));
    }
}
