//! What the previous `pccc build` made its outputs from, so that a build over its output takes
//! from there, instead of rendering again, what it would make from the same inputs.
//!
//! Watch mode keeps earlier renders in memory ([`super::Memo`]); a build starts without them.
//! What it has is the previous output and the cache beside it (`crate::pipeline`'s build cache),
//! which keeps a key for every output rendered from inputs summed up without making its context
//! (pages and listing pages: [`super::context::PageView::inputs`]): the template's
//! fingerprint, the global values (the site, the static files' URLs), the site's settings and
//! those inputs, summed up together ([`super::Templates::kept`]). Equal keys, equal bytes: watch
//! mode trusts the same sums (its random-edits test compares it with clean builds, and a debug
//! build renders a kept output all the same and panics when it differs). The cache is trusted
//! only when written by the same binary with the same settings, since the sums are of this
//! program's hasher and values. A file is taken only when its key is this build's and it is
//! still as the previous build wrote it (its [`Stamp`]); the writer checks the stamp again when
//! it links the file.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

use super::Content;
use crate::fs::Stamp;

/// The previous output's files by the key they were made with, and this build's keys; the
/// sitemap's reading of the previous output's pages, and this build's.
#[derive(Debug, Default)]
pub struct Previous {
    /// The previous output folder.
    dir: PathBuf,
    /// Its files made from summed-up inputs, by path: the key and the stamp.
    made: HashMap<String, (u64, Stamp)>,
    /// This build's outputs made from summed-up inputs: path and key, for the next build.
    now: Mutex<Vec<(String, u64)>>,
    /// How many files this build took from the previous output.
    taken: AtomicUsize,
    /// What the sitemap read in each page of the previous output, by path.
    listings: HashMap<String, Listing>,
    /// What it read in this build's pages, for the next build.
    listed: Mutex<Vec<(String, Listing)>>,
}

impl Previous {
    /// The output in `dir`, whose files at the paths of `made` were made with those keys and
    /// are as those stamps say, and whose pages read as `listings` say.
    pub fn new(
        dir: PathBuf,
        made: HashMap<String, (u64, Stamp)>,
        listings: HashMap<String, Listing>,
    ) -> Previous {
        Previous { dir, made, listings, ..Previous::default() }
    }

    /// No previous output that can be used: nothing is kept, the keys are recorded.
    pub fn none() -> Previous {
        Previous::default()
    }

    /// Records that this build makes `path` with `key`, and gives the file of the previous
    /// output at `path` if that was made with the same key and is still as written.
    pub(super) fn kept(&self, path: &str, key: u64) -> Option<Content> {
        self.now.lock().unwrap_or_else(PoisonError::into_inner).push((path.to_string(), key));
        let &(made, stamp) = self.made.get(path)?;
        if made != key {
            return None;
        }
        let source = crate::fs::join_inside(&self.dir, path)?;
        (Stamp::of(&source) == Some(stamp)).then(|| {
            self.taken.fetch_add(1, Ordering::Relaxed);
            Content::Kept { source, stamp }
        })
    }

    /// The paths and keys recorded by this build, sorted by path.
    pub fn made(&self) -> Vec<(String, u64)> {
        let mut made = self.now.lock().unwrap_or_else(PoisonError::into_inner).clone();
        made.sort_unstable();
        made
    }

    /// What the sitemap read in the page at `path` of the previous output: asked only of a page
    /// this build takes from it ([`Previous::kept`]), whose bytes are those it read.
    pub(super) fn listing(&self, path: &str) -> Option<Listing> {
        self.listings.get(path).cloned()
    }

    /// Records what the sitemap read in this build's page at `path`.
    pub(super) fn record_listing(&self, path: &str, listing: &Listing) {
        let mut listed = self.listed.lock().unwrap_or_else(PoisonError::into_inner);
        listed.push((path.to_string(), listing.clone()));
    }

    /// What the sitemap read in those of this build's pages the next build may take (those it
    /// recorded a key for, [`Previous::made`]), sorted by path.
    pub fn listings(&self) -> Vec<(String, Listing)> {
        let now = self.now.lock().unwrap_or_else(PoisonError::into_inner);
        let made: std::collections::HashSet<&str> = now.iter().map(|(p, _)| p.as_str()).collect();
        let listed = self.listed.lock().unwrap_or_else(PoisonError::into_inner);
        let mut listed: Vec<(String, Listing)> =
            listed.iter().filter(|(path, _)| made.contains(path.as_str())).cloned().collect();
        listed.sort_unstable();
        listed
    }

    /// How many outputs this build took from the previous output, and how many it recorded.
    pub fn counts(&self) -> (usize, usize) {
        let recorded = self.now.lock().unwrap_or_else(PoisonError::into_inner).len();
        (self.taken.load(Ordering::Relaxed), recorded)
    }
}

/// What the sitemap reads in a page of the output (`crate::render::sitemap`): whether search
/// engines may list it, and its last change. A build keeps it in its cache for each page the
/// next one may take from the output unchanged, which then lists the page without reading it
/// again (14,000 pages, 192 MB, at 10,000 articles).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, serde::Serialize, serde::Deserialize)]
pub struct Listing {
    /// Neither `noindex` nor a redirect.
    pub listed: bool,
    /// Its last change, `2026-02-05`.
    pub lastmod: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_is_kept_only_with_its_key_and_as_it_was_written() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("a")).unwrap();
        std::fs::write(dir.path().join("a/index.html"), "<p>a</p>").unwrap();
        std::fs::write(dir.path().join("b.html"), "<p>b</p>").unwrap();
        let stamp = |p: &str| Stamp::of(&dir.path().join(p)).unwrap();
        let made = HashMap::from([
            ("a/index.html".to_string(), (7, stamp("a/index.html"))),
            ("b.html".to_string(), (8, stamp("b.html"))),
        ]);
        let previous = Previous::new(dir.path().to_path_buf(), made, HashMap::new());
        let kept = previous.kept("a/index.html", 7);
        let source = dir.path().join("a/index.html");
        assert_eq!(kept, Some(Content::Kept { source, stamp: stamp("a/index.html") }));
        // Another key, a file changed since, a path the previous build did not make.
        assert_eq!(previous.kept("a/index.html", 6), None);
        std::fs::write(dir.path().join("b.html"), "<p>B, sửa tay</p>").unwrap();
        assert_eq!(previous.kept("b.html", 8), None);
        assert_eq!(previous.kept("c.html", 9), None);
        assert_eq!(previous.counts(), (1, 4));
        let made = previous.made();
        let made: Vec<(&str, u64)> = made.iter().map(|(p, k)| (p.as_str(), *k)).collect();
        assert_eq!(made, [("a/index.html", 6), ("a/index.html", 7), ("b.html", 8), ("c.html", 9)]);
    }
}
