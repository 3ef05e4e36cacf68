//! A watch-mode session: the first build, then a rebuild for each change set, each turned into
//! a [`Snapshot`] the server shows.
//!
//! The session keeps the last good build's stages (site, static files, compiled templates) and
//! redoes only what a change touches:
//! - `site.toml` or a file it names (the map's outline) changed, or the last build failed:
//!   everything is read and built again;
//! - a template changed: templates are compiled again, without reading or parsing content, and
//!   only the outputs whose template (or one it extends, includes or imports) changed are
//!   rendered again; every output when the web manifest's URL changed with its template;
//! - a static file changed: static files are collected again and every page re-rendered (their
//!   URLs carry a content hash);
//! - only the bodies of existing pages changed: those pages are parsed and rendered again, links
//!   to their headings re-checked, and only the HTML files that show them re-rendered before the
//!   reload; likewise their front matter, for pages nothing else shows but their title and
//!   address, when it keeps where the page is built (`model::update`);
//! - only data files changed: the data sets are loaded again in place and what may show them
//!   rendered again;
//! - only new pages or pages whose files are gone, of such types: taken in place
//!   (`model::roster`), their section's and tags' listing pages rendered again;
//! - any other content change (a section, an asset, a page others link to deleted): content is
//!   loaded and assembled again.
//!
//! Whatever is rebuilt, the outputs that gather many pages follow right after the reload
//! ([`Session::gather`]), in three parts: the files content types add, the feeds, then search,
//! the sitemap and the server files; meanwhile those of the previous build are served. Before
//! them come the listing pages an edit of pages moved further down its lists, which the build
//! left out (it renders those showing the edited pages and the first of each list).
//!
//! Whatever is rebuilt, the session's [`Remembered`] gives the parsed front matter and the
//! bodies of unchanged pages without parsing or rendering their Markdown again, and its [`Memo`] gives every output whose template and values
//! are those of an earlier build without running its template (see `ARCHITECTURE.md`).

use std::collections::{BTreeSet, HashMap};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::state::{Body, Failure, Outputs, Snapshot};
use super::watch::ChangeSet;
use crate::diagnostic::Problems;
use crate::load::SourceFile;
use crate::model::{Remembered, Site};
use crate::pipeline::BuildOptions;
use crate::render::{self, Gathered, Statics};
use crate::search::index::Stop;
use crate::view::{Memo, Output, Templates};

/// Builds and rebuilds one site.
pub struct Session {
    options: BuildOptions,
    /// What templates rendered in earlier builds: only outputs whose values changed are
    /// rendered again.
    memo: Arc<Memo>,
    /// Pages parsed and bodies rendered by earlier builds: only changed pages are parsed and
    /// rendered again.
    remembered: Remembered,
    /// What search made in earlier builds: only changed documents are counted again.
    search: crate::search::Remembered,
    last_good: Option<Built>,
    current: Snapshot,
    /// The files `site.toml` named at the last full build, relative to the root (the map's
    /// outline), read even when the build failed, so that the watcher follows a file that is
    /// still to be written.
    named: Vec<PathBuf>,
    /// Whether each part of the outputs that gather many pages ([`Gathered`], by its number)
    /// is behind the last good build: every build leaves them for [`Session::gather`], which
    /// may be given up for the next save and so left for after a later one.
    gather_due: [bool; 3],
    /// The paths of each part of the outputs that gather many pages in the current snapshot:
    /// until they are made again, those of an earlier build are shown.
    gathered: [BTreeSet<String>; 3],
    /// The listing pages an edit of pages changed that are still to be rendered again, by
    /// output path: the first thing [`Session::gather`] does ([`render::Rerendered`]).
    later: BTreeSet<String>,
    /// The content files of the last change, when it failed and the site was kept as it was
    /// (an edit of pages with an error): the next change takes them again.
    unsettled: BTreeSet<PathBuf>,
}

/// The stages of the last good build.
struct Built {
    site: Site,
    statics: Statics,
    templates: Templates,
}

/// What one build did, for the terminal.
pub enum Outcome {
    /// The build succeeded.
    Built {
        /// Pages in the site.
        pages: usize,
        /// Files rendered by this build.
        files: usize,
        /// How the build was done.
        how: &'static str,
        /// Problems that did not stop it.
        warnings: Problems,
    },
    /// The build failed; the last good build stays up.
    Failed(Arc<Failure>),
}

/// A finished step: the stages to keep, the new outputs, files rendered, how and warnings.
struct Step {
    built: Built,
    outputs: Arc<Outputs>,
    files: usize,
    how: &'static str,
    warnings: Problems,
}

/// A failed step, with the stages that are still good (a body edit with errors leaves the
/// site as it was, so the next save need not rebuild everything).
type Failed = (Option<Built>, Problems);

impl Session {
    /// A session for `options` (whose base URL points at the server).
    pub fn new(options: BuildOptions) -> Session {
        crate::print::remember_qr_codes();
        Session {
            options,
            memo: Memo::new(),
            remembered: Remembered::default(),
            search: crate::search::Remembered::default(),
            last_good: None,
            current: Snapshot::default(),
            named: Vec::new(),
            gather_due: [false; 3],
            gathered: Default::default(),
            later: BTreeSet::new(),
            unsettled: BTreeSet::new(),
        }
    }

    /// The files outside the site's folders that `site.toml` names (relative to the root), for
    /// the watcher ([`super::watch::SiteWatcher::follow`], [`super::watch::classify`]).
    pub fn named_files(&self) -> &[PathBuf] {
        &self.named
    }

    /// What the server shows now.
    pub fn snapshot(&self) -> Snapshot {
        self.current.clone()
    }

    /// Builds again after `change` and makes the result the current snapshot.
    pub fn rebuild(&mut self, change: &ChangeSet) -> Outcome {
        // Files whose saves failed while the site was kept as it was are taken again with this
        // change: one still broken must fail this build too.
        let mut change = change.clone();
        change.content.append(&mut self.unsettled);
        let change = &change;
        self.remembered.files.walk_next();
        if change.everything {
            self.remembered.files.clear();
        } else {
            self.remembered.files.forget(&change.content);
        }
        let result = match self.last_good.take() {
            Some(built) if !change.everything => self.partial(built, change),
            _ => self.full().map_err(|problems| (None, problems)),
        };
        let build = self.current.build + 1;
        match result {
            Ok(step) => {
                let pages = step.built.site.pages.len();
                self.last_good = Some(step.built);
                self.gather_due = [true; 3];
                self.current = Snapshot { build, outputs: step.outputs, failure: None };
                Outcome::Built { pages, files: step.files, how: step.how, warnings: step.warnings }
            }
            Err((kept, problems)) => {
                if kept.is_some() {
                    self.unsettled = change.content.clone();
                }
                self.last_good = kept;
                let failure = Arc::new(Failure::new(problems, &self.current.outputs));
                self.current = Snapshot {
                    build,
                    outputs: Arc::clone(&self.current.outputs),
                    failure: Some(Arc::clone(&failure)),
                };
                Outcome::Failed(failure)
            }
        }
    }

    /// Whether [`Session::gather`] has work to do.
    pub fn gather_due(&self) -> bool {
        (self.gather_due.contains(&true) || !self.later.is_empty()) && self.last_good.is_some()
    }

    /// Renders the next part of what each build leaves for after the reload, so the reload
    /// comes sooner: first the listing pages an edit of pages moved further down its lists
    /// ([`render::Rerendered::later`]), then the outputs that gather many pages ([`Gathered`]:
    /// the files content types add, the feeds, then search, the sitemap and the server files); call
    /// it again while [`Session::gather_due`]. `Ok` with the site paths of the pages among them
    /// that changed (`/tim-kiem/`), which open pages showing them should reload; on errors the
    /// snapshot shows them. `None` when `stop` said to give up (a new save came): nothing
    /// changed, and the gathering is still due.
    pub fn gather(&mut self, stop: &Stop<'_>) -> Option<Result<Vec<String>, Arc<Failure>>> {
        let Some(built) = self.last_good.as_ref() else { return Some(Ok(Vec::new())) };
        if !self.later.is_empty() {
            let listings =
                render::render_listings(&built.site, &built.templates, &self.later, stop)?;
            self.later.clear();
            return Some(self.show_gathered(listings, None));
        }
        let Some(part) = Gathered::ALL.into_iter().find(|&p| self.gather_due[p as usize]) else {
            return Some(Ok(Vec::new()));
        };
        let own = &self.gathered[part as usize];
        let current = Arc::clone(&self.current.outputs);
        let gathered = {
            let shown: Vec<render::Shown<'_>> = match part {
                Gathered::Views | Gathered::Feeds => Vec::new(),
                Gathered::Aggregates => current
                    .files()
                    .filter(|(path, _)| !own.contains(*path))
                    .map(|(path, body)| match body {
                        Body::Bytes(bytes) => (path, Some(&bytes[..])),
                        Body::File(_) => (path, None),
                    })
                    .collect(),
            };
            let (site, search) = (&built.site, Some(&self.search));
            let (templates, statics) = (&built.templates, &built.statics);
            render::render_gathering(site, templates, statics, (part, &shown), search, stop)?
        };
        // Checking and showing them takes a while at 10,000 pages: a save waiting is first.
        if stop() {
            return None;
        }
        let taken = |path: &str| current.has(path) && !own.contains(path);
        let gathered = gathered.and_then(|outputs| {
            crate::output::check_beside(&outputs, &built.site.config.output_dir, taken)?;
            Ok(outputs)
        });
        self.gather_due[part as usize] = false;
        Some(self.show_gathered(gathered, Some(part)))
    }

    /// Shows what [`Session::gather`] made: the outputs of a `part` of the gathering in place
    /// of its earlier ones, every one; listing pages (`None`) in place of those at their paths.
    /// The site paths of the pages that changed, or the failure now shown.
    fn show_gathered(
        &mut self,
        made: Result<Vec<Output>, Problems>,
        part: Option<Gathered>,
    ) -> Result<Vec<String>, Arc<Failure>> {
        let current = Arc::clone(&self.current.outputs);
        match made {
            Ok(outputs) => {
                let changed = outputs
                    .iter()
                    .filter(|o| o.path.ends_with(".html") && current.differs(o))
                    .map(|o| format!("/{}", o.path.strip_suffix("index.html").unwrap_or(&o.path)))
                    .collect();
                let none = BTreeSet::new();
                let own = part.map_or(&none, |part| &self.gathered[part as usize]);
                let updated = Arc::new(current.replacing(own, &outputs));
                if let Some(part) = part {
                    self.gathered[part as usize] = outputs.into_iter().map(|o| o.path).collect();
                }
                self.current = Snapshot { outputs: updated, ..self.current.clone() };
                Ok(changed)
            }
            Err(problems) => {
                let failure = Arc::new(Failure::new(problems, &current));
                self.gather_due = [false; 3];
                self.later.clear();
                self.last_good = None;
                self.current =
                    Snapshot { failure: Some(Arc::clone(&failure)), ..self.current.clone() };
                Err(failure)
            }
        }
    }

    fn full(&mut self) -> Result<Step, Problems> {
        let site_toml = std::fs::read(self.options.root.join(crate::config::FILE_NAME));
        self.named = site_toml
            .ok()
            .and_then(|bytes| String::from_utf8(bytes).ok())
            .and_then(|text| crate::config::map::outline_file_in(&text))
            .into_iter()
            .collect();
        let (generated, statics, templates) =
            crate::pipeline::generate_remembering(&self.options, &self.memo, &self.remembered)?;
        // Every listing page is rendered again.
        self.later.clear();
        let outputs =
            Arc::new(self.beside_gathered(Outputs::new(&generated.site, &generated.outputs)));
        Ok(Step {
            files: generated.outputs.len(),
            built: Built { site: generated.site, statics, templates },
            outputs,
            how: "dựng toàn bộ",
            warnings: generated.warnings,
        })
    }

    /// `outputs` with the outputs that gather many pages of the current snapshot, shown until
    /// [`Session::gather`] makes them again; a path `outputs` now has is no longer theirs.
    fn beside_gathered(&mut self, mut outputs: Outputs) -> Outputs {
        for paths in &mut self.gathered {
            outputs.keep_from(&self.current.outputs, paths);
        }
        outputs
    }

    fn partial(&mut self, mut built: Built, change: &ChangeSet) -> Result<Step, Failed> {
        if change.content.is_empty() {
            return self.rerender(built, change).map_err(|problems| (None, problems));
        }
        if !change.templates
            && !change.statics
            && let Some(files) = self.edited_data(&change.content)
        {
            return match built.site.edit_data(&files, &crate::kinds::types()) {
                Ok(warnings) => {
                    let outputs = render::render_after_data(&built.site, &built.templates)
                        .map_err(|problems| (None, problems))?;
                    Ok(Step {
                        outputs: Arc::new(
                            self.current.outputs.replacing(&BTreeSet::new(), &outputs),
                        ),
                        files: outputs.len(),
                        built,
                        how: "dựng lại theo dữ liệu mới",
                        warnings,
                    })
                }
                Err(problems) => Err((Some(built), problems)),
            };
        }
        if !change.templates
            && !change.statics
            && let Some((added, removed)) = self.added_removed(&built.site, &change.content)
        {
            return match self.add_remove(built, added, &removed) {
                Some(result) => result,
                None => {
                    let mut step = self.full().map_err(|problems| (None, problems))?;
                    step.how = "dựng lại nội dung";
                    Ok(step)
                }
            };
        }
        if !change.templates
            && !change.statics
            && let Some(files) = edited_pages(&built.site, &change.content)
        {
            // Only pages the site has were saved: the next load needs no walk of `content/`.
            self.remembered.files.saved_only(&files);
            match built.site.edit_pages(files, &reads_only_its_page) {
                Some(Ok(edit)) => {
                    let render::Rerendered { now: outputs, later } =
                        render::render_shown(&built.site, &built.templates, &edit)
                            .map_err(|problems| (None, problems))?;
                    self.later.extend(later);
                    let how = if edit.fronts.is_empty() {
                        "dựng lại phần thân bài"
                    } else {
                        "dựng lại các trang đã sửa"
                    };
                    let dropped = render::dropped_files(&edit);
                    return Ok(Step {
                        outputs: Arc::new(self.current.outputs.replacing(&dropped, &outputs)),
                        files: outputs.len(),
                        built,
                        how,
                        warnings: edit.warnings,
                    });
                }
                Some(Err(problems)) => return Err((Some(built), problems)),
                None => {}
            }
        }
        let mut step = self.full().map_err(|problems| (None, problems))?;
        step.how = "dựng lại nội dung";
        Ok(step)
    }

    /// Takes in place new pages and pages whose files are gone ([`Site::add_remove`]); `None`
    /// when they cannot be: the site, which this may have changed, is to be assembled again.
    fn add_remove(
        &mut self,
        mut built: Built,
        added: Vec<SourceFile>,
        removed: &[String],
    ) -> Option<Result<Step, Failed>> {
        let listings_before = render::listing_files(&built.site);
        let gone: Vec<&crate::model::Page> = (built.site.pages.iter())
            .filter(|page| removed.contains(&page.file.content_path))
            .collect();
        let pages_gone: BTreeSet<String> =
            gone.iter().map(|page| crate::view::page_file(&page.path)).collect();
        let sources_gone: Vec<PathBuf> = gone.iter().map(|page| page.file.path.clone()).collect();
        let current = Arc::clone(&self.current.outputs);
        let taken = |path: &str| current.has(&crate::view::page_file(path));
        let edit = match built.site.add_remove(added, removed, &reads_only_its_page, &taken)? {
            Ok(edit) => edit,
            Err(problems) => return Some(Err((Some(built), problems))),
        };
        // The next load walks `content/`: what the last one found lacks these pages.
        self.remembered.files.forget_listing();
        let outputs = match render::render_shown(&built.site, &built.templates, &edit) {
            Ok(render::Rerendered { now, later }) => {
                self.later.extend(later);
                now
            }
            Err(problems) => return Some(Err((None, problems))),
        };
        let mut dropped = render::dropped_files(&edit);
        dropped.extend(pages_gone);
        dropped.extend(listings_before.difference(&render::listing_files(&built.site)).cloned());
        let added: Vec<&crate::model::Page> =
            edit.fronts.iter().map(|&p| &built.site.pages[p]).collect();
        let all = current.replacing(&dropped, &outputs).with_pages(&sources_gone, &added);
        Some(Ok(Step {
            outputs: Arc::new(all),
            files: outputs.len(),
            built,
            how: "thêm, bớt trang",
            warnings: edit.warnings,
        }))
    }

    /// The Markdown files new to the site (read) and the pages whose files are gone (by path
    /// relative to `content/`), when every change is one or the other.
    fn added_removed(
        &self,
        site: &Site,
        changed: &BTreeSet<PathBuf>,
    ) -> Option<(Vec<SourceFile>, Vec<String>)> {
        let root = &self.options.root;
        let (mut added, mut removed) = (Vec::new(), Vec::new());
        for path in changed {
            let inside = path.strip_prefix("content").ok()?;
            let markdown = inside.extension().is_some_and(|e| e.eq_ignore_ascii_case("md"));
            if !markdown || inside.iter().any(crate::load::is_ignored) {
                return None;
            }
            let page = site.pages.iter().find(|page| &page.file.path == path);
            let file = std::fs::symlink_metadata(root.join(path)).ok();
            match (page, file) {
                (Some(page), None) => removed.push(page.file.content_path.clone()),
                (None, Some(file)) if file.is_file() => {
                    added.push(read_source(root, path, crate::load::to_slash(inside))?);
                }
                _ => return None,
            }
        }
        (!changed.is_empty()).then_some((added, removed))
    }

    /// Renders every page again with new templates or static files; content is not read. After
    /// an edit of templates alone, only the outputs whose template renders otherwise.
    fn rerender(&mut self, built: Built, change: &ChangeSet) -> Result<Step, Problems> {
        let Built { site, statics, templates: earlier } = built;
        let statics = if change.statics { render::statics(&site)? } else { statics };
        let compiled = if change.templates || change.statics {
            let mut templates = render::templates(&site, &statics)?;
            templates.remember(Arc::clone(&self.memo));
            Some(templates)
        } else {
            None
        };
        let changed = match &compiled {
            Some(templates) if !change.statics => templates.changed_from(&earlier),
            _ => None,
        };
        let templates = compiled.unwrap_or(earlier);
        let (outputs, all, how) = match changed {
            Some(changed) => {
                let changed = |name: &str| changed.contains(name);
                let outputs = render::render_by_templates(&site, &templates, &changed)?;
                let all = self.current.outputs.replacing(&BTreeSet::new(), &outputs);
                (outputs, all, "dựng lại các trang dùng mẫu đã sửa")
            }
            None => {
                let outputs = render::render_before_gathering(&site, &templates, &statics)?;
                self.later.clear();
                let all = self.beside_gathered(Outputs::new(&site, &outputs));
                let how = if change.templates {
                    "dựng lại theo mẫu mới"
                } else {
                    "dựng lại với tệp tĩnh mới"
                };
                (outputs, all, how)
            }
        };
        Ok(Step {
            outputs: Arc::new(all),
            files: outputs.len(),
            built: Built { site, statics, templates },
            how,
            warnings: Problems::new(),
        })
    }

    /// Every data file of the site, those in `changed` read again, when every change is a save
    /// of a data file the last load found.
    fn edited_data(&self, changed: &BTreeSet<PathBuf>) -> Option<Vec<crate::load::DataFile>> {
        let root = &self.options.root;
        let saved = |path: &PathBuf| crate::load::is_data_file(path) && root.join(path).is_file();
        if changed.is_empty() || !changed.iter().all(saved) {
            return None;
        }
        self.remembered.files.data_saved(root, changed)
    }
}

/// The saved files, read again, when every change is a Markdown page the site already has.
fn edited_pages(site: &Site, changed: &BTreeSet<PathBuf>) -> Option<Vec<SourceFile>> {
    let known: HashMap<&Path, &str> =
        site.pages.iter().map(|p| (p.file.path.as_path(), p.file.content_path.as_str())).collect();
    changed
        .iter()
        .map(|path| read_source(&site.config.root, path, known.get(path.as_path())?.to_string()))
        .collect()
}

/// The Markdown file saved at `path` (relative to `root`), read again; `None` when it cannot be
/// read or decoded (the assembly then reports why).
fn read_source(root: &Path, path: &Path, content_path: String) -> Option<SourceFile> {
    let bytes = std::fs::read(root.join(path)).ok()?;
    let text = crate::load::decode(path, &bytes).ok()?;
    Some(SourceFile { path: path.to_path_buf(), content_path, text })
}

/// Whether pages of `kind` are shown nowhere but on their own page, their neighbours' and the
/// listings (title and address): their front matter, and the pages themselves coming and
/// going, are then taken in place.
fn reads_only_its_page(kind: &dyn crate::content_type::PageType) -> bool {
    crate::kinds::of(kind).reads_only_its_page()
}
