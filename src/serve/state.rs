//! What the server shows: the outputs of the last good build, and the problems of the last
//! build when it failed.

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use crate::diagnostic::Problems;
use crate::model::Site;
use crate::view::{Content, Output, page_file};

/// One file the server can send.
#[derive(Debug, Clone)]
pub enum Body {
    /// Rendered in memory.
    Bytes(bytes::Bytes),
    /// Copied as is: read from its source on each request.
    File(PathBuf),
}

/// The outputs of a good build, by path in the output folder (`bai-viet/a/index.html`).
#[derive(Debug, Default)]
pub struct Outputs {
    /// Keys shared between snapshots: a new snapshot copies the map, not the paths.
    files: HashMap<Arc<str>, Body>,
    /// Which output page each source file produces, to show a file's errors in its place.
    page_of_source: Arc<HashMap<PathBuf, String>>,
}

impl Outputs {
    /// The outputs of a built site.
    pub fn new(site: &Site, outputs: &[Output]) -> Outputs {
        let mut files = HashMap::with_capacity(outputs.len());
        for output in outputs {
            files.insert(Arc::from(output.path.as_str()), body(output));
        }
        Outputs { files, page_of_source: Arc::new(page_of_source(site)) }
    }

    /// These outputs, after pages were added or removed without a whole build: the source
    /// files `gone` no longer have an output page, and the pages `added` have theirs.
    pub fn with_pages(mut self, gone: &[PathBuf], added: &[&crate::model::Page]) -> Outputs {
        let pages = Arc::make_mut(&mut self.page_of_source);
        for path in gone {
            pages.remove(path);
        }
        pages.extend(added.iter().map(|page| (page.file.path.clone(), page_file(&page.path))));
        self
    }

    /// Finds what to send for a request path (`/bai-viet/a/`): the file itself, or the
    /// `index.html` of a folder. Never touches the disk with the request path.
    pub fn lookup(&self, request_path: &str) -> Option<(&str, &Body)> {
        let key = request_path.trim_start_matches('/');
        let candidates = [key.to_string(), format!("{}/index.html", key.trim_end_matches('/'))];
        candidates.into_iter().find_map(|k| {
            self.files.get_key_value(k.trim_start_matches('/')).map(|(k, b)| (&**k, b))
        })
    }

    /// The output page of a source file, if it has one.
    pub fn page_of(&self, source: &std::path::Path) -> Option<&str> {
        self.page_of_source.get(source).map(String::as_str)
    }

    /// Adds the files of `earlier` at `paths` that these outputs do not have; `paths` keeps
    /// only those added.
    pub fn keep_from(&mut self, earlier: &Outputs, paths: &mut BTreeSet<String>) {
        paths.retain(|path| {
            if self.files.contains_key(path.as_str()) {
                return false;
            }
            let Some((key, body)) = earlier.files.get_key_value(path.as_str()) else {
                return false;
            };
            self.files.insert(Arc::clone(key), body.clone());
            true
        });
    }

    /// These outputs with the files at `old` replaced by `new`.
    pub fn replacing(&self, old: &BTreeSet<String>, new: &[Output]) -> Outputs {
        let mut files = self.files.clone();
        for path in old {
            files.remove(path.as_str());
        }
        for output in new {
            files.insert(Arc::from(output.path.as_str()), body(output));
        }
        Outputs { files, page_of_source: Arc::clone(&self.page_of_source) }
    }

    /// Whether there is a file at `path`.
    pub fn has(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// Whether `output` differs from the file of the same path.
    pub fn differs(&self, output: &Output) -> bool {
        match (self.files.get(output.path.as_str()), &output.content) {
            (Some(Body::Bytes(old)), Content::Bytes(new)) => old[..] != new[..],
            (Some(Body::File(old)), Content::Copy(new)) => old != new,
            _ => true,
        }
    }

    /// Every file by output path, in no particular order.
    pub fn files(&self) -> impl Iterator<Item = (&str, &Body)> {
        self.files.iter().map(|(path, body)| (&**path, body))
    }

    /// Number of files.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// Whether there is no file at all.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

/// Which output page each source file of `site` produces.
fn page_of_source(site: &Site) -> HashMap<PathBuf, String> {
    let pages = site.pages.iter().map(|page| (page.file.path.clone(), page_file(&page.path)));
    let built = site.sections.iter().filter(|s| s.built);
    let sections = built.map(|section| (section.file.path.clone(), page_file(&section.path)));
    pages.chain(sections).collect()
}

fn body(output: &Output) -> Body {
    match &output.content {
        Content::Bytes(bytes) => Body::Bytes(bytes.clone()),
        Content::Copy(path) | Content::Kept { source: path, .. } => Body::File(path.clone()),
    }
}

/// The problems of a failed build and the pages they stand in for.
#[derive(Debug)]
pub struct Failure {
    /// Every problem.
    pub problems: Problems,
    /// Output pages whose sources have errors: they show the error page instead.
    pub pages: HashSet<String>,
    /// Whether the problems concern every page (a template, site.toml, the theme).
    pub everywhere: bool,
}

impl Failure {
    /// Works out which pages of `outputs` a failed build's problems stand in for.
    pub fn new(problems: Problems, outputs: &Outputs) -> Failure {
        let mut pages = HashSet::new();
        let mut everywhere = false;
        for d in problems.iter() {
            if let Some(page) = outputs.page_of(&d.path) {
                pages.insert(page.to_string());
            } else if !d.path.starts_with("content") {
                everywhere = true;
            }
        }
        Failure { problems, pages, everywhere }
    }

    /// Whether the output `path` must show the error page.
    pub fn covers(&self, path: &str) -> bool {
        (self.everywhere && path.ends_with(".html")) || self.pages.contains(path)
    }
}

/// What the server shows at one moment.
#[derive(Debug, Clone, Default)]
pub struct Snapshot {
    /// Counts builds, good or not; the reload event carries it.
    pub build: u64,
    /// The last good build.
    pub outputs: Arc<Outputs>,
    /// The last build's problems, when it failed.
    pub failure: Option<Arc<Failure>>,
}
