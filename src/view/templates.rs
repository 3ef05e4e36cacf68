//! The theme's tera templates, with the site's own `templates/` overriding them file by file,
//! and built-in templates (`sitemap.xml`, `atom.xml`, `robots.txt`, `404.html`, `alias.html`)
//! that either may override. Compiled once per build, then shared by the parallel renders.
//!
//! tera is used only through this module. Its errors carry the template's name and a span;
//! they are turned into diagnostics naming the template's file, line and column, their English
//! explained in Vietnamese by [`crate::explain::template`].

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::{Arc, PoisonError, RwLock};

use bytes::Bytes;
use serde::Serialize;
use tera::{ErrorKind, Kwargs, State, Tera};
use walkdir::WalkDir;

use super::Content;
use super::memo::{By, Memo, Summer};
use super::previous::{Listing, Previous};
use super::template_context::{Sort, TemplateContext};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Problems};
use crate::explain::Template;

/// Built-in templates, any of which a theme or site may override.
const BUILTINS: [(&str, &str); 6] = [
    ("site.webmanifest", include_str!("builtin/site.webmanifest")),
    ("sitemap.xml", include_str!("builtin/sitemap.xml")),
    ("atom.xml", include_str!("builtin/atom.xml")),
    ("robots.txt", include_str!("builtin/robots.txt")),
    ("404.html", include_str!("builtin/404.html")),
    ("alias.html", include_str!("builtin/alias.html")),
];

/// Templates every theme must provide.
pub const REQUIRED: [&str; 5] =
    ["index.html", "section.html", "page.html", "tags.html", "tag.html"];

/// A template's text and the file it came from.
#[derive(Debug, Clone)]
struct Origin {
    /// The file as shown in messages, or `None` for a built-in.
    path: Option<PathBuf>,
    source: Arc<str>,
}

/// The compiled templates of a build.
pub struct Templates {
    tera: Tera,
    origins: HashMap<String, Origin>,
    theme_dir: PathBuf,
    /// What `static_url` answers; files made from templates are added after loading.
    static_urls: Arc<RwLock<StaticUrls>>,
    /// The global `site`, summed up (see [`Memo`]).
    fingerprint: u64,
    /// Each template's name and text and those of the templates it names, summed up.
    fingerprints: HashMap<String, u64>,
    /// The site's settings (`site.toml` as read), summed up: what is rendered from a page's
    /// inputs ([`Templates::rendered_from`]) is also a function of them.
    settings: u64,
    /// Outputs of earlier builds, when the caller keeps them ([`Templates::remember`]).
    memo: Option<Arc<Memo>>,
    /// What the previous build made from what, when a build follows one
    /// ([`Templates::follow`]), with the global values summed up.
    previous: Option<(Arc<Previous>, u64)>,
}

impl std::fmt::Debug for Templates {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Templates")
            .field("names", &self.origins.keys().collect::<Vec<_>>())
            .finish()
    }
}

/// URLs of static files with a content hash, for the `static_url` template function.
pub type StaticUrls = HashMap<String, String>;

/// The templates compiled, before the site they render is known: what a build prepares while
/// it assembles the site ([`Compiled::with_site`]).
pub struct Compiled(Templates);

impl Compiled {
    /// The templates, with the global `site` and `urls`, the static files' URLs for
    /// `static_url`.
    pub fn with_site(self, site: &impl Serialize, urls: StaticUrls) -> Templates {
        let mut templates = self.0;
        templates.tera.global_context().insert("site", site);
        templates.fingerprint = {
            let mut summer = Summer::new();
            summer.add(site);
            summer.digest().0
        };
        *templates.static_urls.write().unwrap_or_else(PoisonError::into_inner) = urls;
        templates
    }
}

impl Templates {
    /// Loads and compiles the templates of the site's theme, its overrides and the built-ins;
    /// `static_url` knows the static files once [`Compiled::with_site`] gives their URLs.
    pub fn compile(config: &Config) -> Result<Compiled, Problems> {
        let mut problems = Problems::new();
        let mut origins: BTreeMap<String, Origin> = BTreeMap::new();
        for (name, text) in BUILTINS {
            origins.insert(name.to_string(), Origin { path: None, source: Arc::from(text) });
        }
        for dir in [config.theme_dir.join("templates"), config.root.join("templates")] {
            read_dir(&config.root, &dir, &mut origins, &mut problems);
        }

        let mut tera = Tera::new();
        let static_urls = Arc::new(RwLock::new(StaticUrls::new()));
        register(&mut tera, Arc::clone(&static_urls));
        tera.autoescape_on([".html", ".htm", ".xml", ".svg"]);
        // A template that cannot be read stops the build, with the syntax errors of the others.
        if problems.has_errors() {
            problems.extend(syntax_errors(&tera, &origins, &config.theme_dir));
            return Err(problems);
        }
        let all: Vec<(&str, &str)> =
            origins.iter().map(|(n, o)| (n.as_str(), &*o.source)).collect();
        if let Err(e) = tera.add_raw_templates(all) {
            match e.kind() {
                // tera stops at the first one and takes the whole set back out: every
                // template is parsed again alone, so that each syntax error is reported.
                ErrorKind::SyntaxError(_) => {
                    problems.extend(syntax_errors(&tera, &origins, &config.theme_dir))
                }
                // Unknown filters, functions, tests and included templates, all at once.
                ErrorKind::Msg(reports) if reports.starts_with("error: ") => {
                    problems.extend(reference_errors(reports, &origins_map(&origins)));
                }
                _ => problems.push(error_from(&e, "", &origins_map(&origins), &config.theme_dir)),
            }
            return Err(problems);
        }
        let origins: HashMap<String, Origin> = origins.into_iter().collect();
        let fingerprints = fingerprints(&origins);
        for name in REQUIRED {
            if !origins.contains_key(name) {
                problems.push(
                    Diagnostic::error(
                        crate::fs::relative(&config.theme_dir.join("templates"), &config.root),
                        format!("giao diện `{}` thiếu mẫu `{name}`", config.theme),
                    )
                    .help(format!(
                        "tạo tệp themes/{}/templates/{name} hoặc templates/{name}",
                        config.theme
                    )),
                );
            }
        }
        let theme_dir = config.theme_dir.clone();
        problems.into_result(Compiled(Templates {
            tera,
            origins,
            theme_dir,
            static_urls,
            // Set with the global `site` ([`Compiled::with_site`]).
            fingerprint: 0,
            fingerprints,
            settings: settings_sum(config),
            memo: None,
            previous: None,
        }))
    }

    /// Makes `static_url(path=…)` give `url` for `path`: for a file made from a template
    /// (the web app manifest), whose hash is known only once it is rendered.
    pub fn add_static_url(&self, path: &str, url: String) {
        let mut urls = self.static_urls.write().unwrap_or_else(PoisonError::into_inner);
        urls.insert(path.to_string(), url);
    }

    /// Whether a template of that name exists.
    pub fn has(&self, name: &str) -> bool {
        self.origins.contains_key(name)
    }

    /// Names of all templates, sorted.
    pub fn names(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.origins.keys().map(String::as_str).collect();
        names.sort_unstable();
        names
    }

    /// Renders with `memo`: a render whose templates and context are those of an earlier one
    /// gives that one's text.
    pub fn remember(&mut self, memo: Arc<Memo>) {
        self.memo = Some(memo);
    }

    /// The names of the templates that render otherwise than in `old`: their text or the text
    /// of a template they name changed ([`fingerprints`]), or they are new or gone. `None` when
    /// every template may render otherwise: the global `site`, the site's settings or the
    /// static files' URLs (the web manifest's is made from a template) are not `old`'s.
    pub fn changed_from(&self, old: &Templates) -> Option<HashSet<String>> {
        let urls =
            |t: &Templates| t.static_urls.read().unwrap_or_else(PoisonError::into_inner).clone();
        if self.fingerprint != old.fingerprint
            || self.settings != old.settings
            || urls(self) != urls(old)
        {
            return None;
        }
        let names = self.fingerprints.keys().chain(old.fingerprints.keys());
        Some(
            names
                .filter(|n| self.fingerprints.get(*n) != old.fingerprints.get(*n))
                .cloned()
                .collect(),
        )
    }

    /// Forgets in the memo what earlier versions of the templates rendered (see
    /// [`Memo::keep_templates`]).
    pub fn forget_old_templates(&self) {
        if let Some(memo) = &self.memo {
            memo.keep_templates(&self.fingerprints.values().copied().collect());
        }
    }

    /// Renders with `previous`, what the previous build of the output made from what: see
    /// [`Templates::kept`].
    pub fn follow(&mut self, previous: Arc<Previous>) {
        self.previous = Some((previous, self.global()));
    }

    /// Whether outputs that can be summed up from their inputs are: in watch mode
    /// ([`Templates::remember`]) and in a build that follows another ([`Templates::follow`]).
    pub fn sums_inputs(&self) -> bool {
        self.memo.is_some() || self.previous.is_some()
    }

    /// Starts a render of every output of the site (`whole`) or of some: see [`Memo::begin`].
    pub fn begin(&self, whole: bool) {
        if let Some(memo) = &self.memo {
            memo.begin(self.global(), whole);
        }
    }

    /// The global values templates render with, summed up: the site and the static files' URLs.
    fn global(&self) -> u64 {
        let mut summer = Summer::new();
        let urls = self.static_urls.read().unwrap_or_else(PoisonError::into_inner);
        let mut urls: Vec<(&String, &String)> = urls.iter().collect();
        urls.sort();
        summer.add(&urls);
        let (urls, _) = summer.digest();
        self.fingerprint ^ urls.rotate_left(1)
    }

    /// In a build that follows another ([`Templates::follow`]): records that output `path` is
    /// rendered by `name` from `inputs` (what its context is made from, summed up, see
    /// [`super::context::PageView::inputs`]), and gives the previous output's file at `path`
    /// when the previous build made it the same way, with the same templates and global values.
    pub fn kept(&self, name: &str, inputs: u64, path: &str) -> Option<Content> {
        use std::hash::{Hash, Hasher};
        let (previous, global) = self.previous.as_ref()?;
        let template = self.fingerprints.get(name)?;
        let mut hasher = std::hash::DefaultHasher::new();
        (global, template, self.settings, inputs, name).hash(&mut hasher);
        previous.kept(path, hasher.finish())
    }

    /// In a build that follows another: what the sitemap read in the previous output's page at
    /// `path`, which this build takes from it ([`Templates::kept`]).
    pub fn kept_listing(&self, path: &str) -> Option<Listing> {
        self.previous.as_ref()?.0.listing(path)
    }

    /// In a build that follows another, or none ([`Templates::follow`]): records what the
    /// sitemap read in this build's page at `path`, for the next build.
    pub fn record_listing(&self, path: &str, listing: &Listing) {
        if let Some((previous, _)) = &self.previous {
            previous.record_listing(path, listing);
        }
    }

    /// Renders `name` with `context` (plus the global `site`).
    pub fn render(&self, name: &str, context: &TemplateContext) -> Result<String, Diagnostic> {
        let bytes = self.render_bytes(name, context)?;
        Ok(String::from_utf8(Vec::from(bytes)).expect("templates render text"))
    }

    /// [`Templates::render`] as bytes: what a page's output is made of, without the check that
    /// the text is UTF-8 that making a `String` costs (a tenth of rendering a page).
    pub fn render_bytes(&self, name: &str, context: &TemplateContext) -> Result<Bytes, Diagnostic> {
        // Every HTML template but the redirect's extends a page layout that reads `meta`.
        debug_assert!(
            context.sort() != Sort::File || !name.ends_with(".html"),
            "`{name}` is a page: render it from TemplateContext::page"
        );
        let Some(memo) = &self.memo else { return self.render_now(name, context) };
        let Some(&template) = self.fingerprints.get(name) else {
            return self.render_now(name, context);
        };
        let digest = context.digest();
        if let Some(text) = memo.get(template, digest, By::Context) {
            return Ok(text);
        }
        let text = self.render_now(name, context)?;
        memo.put(template, digest, By::Context, text.clone());
        Ok(text)
    }

    /// What `name` rendered in an earlier build of the session from the same `inputs` (what its
    /// context is made from, summed up, see [`super::context::PageView::inputs`]) and the same
    /// site settings, without making the context; `None` without a memo.
    /// The text is shared with the memo, not copied.
    pub fn rendered_from(&self, name: &str, inputs: u64) -> Option<Bytes> {
        let (memo, &template) = (self.memo.as_ref()?, self.fingerprints.get(name)?);
        memo.get(template, (inputs, self.settings), By::Inputs)
    }

    /// Remembers `text` as what `name` renders from `inputs` ([`Templates::rendered_from`]).
    pub fn keep_rendered_from(&self, name: &str, inputs: u64, text: &Bytes) {
        if let (Some(memo), Some(&template)) = (&self.memo, self.fingerprints.get(name)) {
            memo.put(template, (inputs, self.settings), By::Inputs, text.clone());
        }
    }

    /// The memo and the site settings, for the summaries listings share across the builds of a
    /// session ([`super::context::ListingValues`]); `None` without a memo.
    pub(super) fn summaries(&self) -> Option<(Arc<Memo>, u64)> {
        self.memo.as_ref().map(|memo| (Arc::clone(memo), self.settings))
    }

    /// Renders `name` with `context` without looking in the memo or keeping the result there.
    pub fn render_unremembered(
        &self,
        name: &str,
        context: &TemplateContext,
    ) -> Result<Bytes, Diagnostic> {
        self.render_now(name, context)
    }

    fn render_now(&self, name: &str, context: &TemplateContext) -> Result<Bytes, Diagnostic> {
        // Tera writes only text into it; a page is 5 to 20 KB. The room left over is given back:
        // an output is held until it is written (in watch mode, until a later build), and the
        // 2,000 record pages a content type renders together held 32 MB of it.
        let mut text = Vec::with_capacity(16 * 1024);
        self.tera
            .render_to(name, &context.values, &mut text)
            .map_err(|e| error_from(&e, name, &self.origins, &self.theme_dir))?;
        Ok(Bytes::from(text.into_boxed_slice()))
    }
}

/// The site's settings summed up, for [`Templates::rendered_from`].
fn settings_sum(config: &Config) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::hash::DefaultHasher::new();
    format!("{config:?}").hash(&mut hasher);
    hasher.finish()
}

/// Each template's fingerprint: its name and text and those of every template it names, found
/// as a quoted name in its text (`{% extends "base.html" %}`, `{% include "partials/x.html" %}`).
/// A template that extends, includes or imports a name made at render time depends on all, and
/// every template depends on those that define components (which any template may use).
fn fingerprints(origins: &HashMap<String, Origin>) -> HashMap<String, u64> {
    let mut names: Vec<&String> = origins.keys().collect();
    names.sort();
    let named = |source: &str| -> Vec<&String> {
        let dynamic = ["extends", "include", "import"].iter().any(|tag| {
            source.match_indices(tag).any(|(at, _)| {
                let rest = source[at + tag.len()..].trim_start();
                !rest.starts_with(['"', '\'']) && source[..at].trim_end().ends_with(['%', '-'])
            })
        });
        if dynamic {
            return names.clone();
        }
        names
            .iter()
            .copied()
            .filter(|n| source.contains(&format!("\"{n}\"")) || source.contains(&format!("'{n}'")))
            .collect()
    };
    let components: Vec<&String> =
        names.iter().copied().filter(|n| origins[*n].source.contains("component ")).collect();
    let uses: HashMap<&String, Vec<&String>> = origins
        .iter()
        .map(|(name, origin)| {
            let mut uses = named(&origin.source);
            uses.extend(components.iter().copied());
            (name, uses)
        })
        .collect();
    let mut fingerprints = HashMap::with_capacity(origins.len());
    for name in origins.keys() {
        let mut seen: std::collections::BTreeSet<&String> = std::collections::BTreeSet::new();
        let mut stack = vec![name];
        while let Some(n) = stack.pop() {
            if seen.insert(n) {
                stack.extend(uses.get(n).into_iter().flatten().copied());
            }
        }
        let mut summer = Summer::new();
        summer.add_str(name);
        for n in seen {
            summer.add_str(n);
            summer.add_str(&origins[n].source);
        }
        fingerprints.insert(name.clone(), summer.digest().0);
    }
    fingerprints
}

/// The syntax errors of each template of `origins`, each parsed alone into a copy of `base`
/// (tera stops at the first error of a set). Parsing them all at once first parses each once
/// when none has an error, which is what builds meet.
fn syntax_errors(
    base: &Tera,
    origins: &BTreeMap<String, Origin>,
    theme_dir: &Path,
) -> Vec<Diagnostic> {
    let by_name = origins_map(origins);
    let mut found = Vec::new();
    for (name, origin) in origins {
        let mut alone = base.clone();
        if let Err(e) = alone.add_raw_template(name, &origin.source)
            && matches!(e.kind(), ErrorKind::SyntaxError(_))
        {
            found.push(error_from(&e, name, &by_name, theme_dir));
        }
    }
    found
}

fn origins_map(origins: &BTreeMap<String, Origin>) -> HashMap<String, Origin> {
    origins.iter().map(|(k, v)| (k.clone(), v.clone())).collect()
}

fn read_dir(
    root: &Path,
    dir: &Path,
    origins: &mut BTreeMap<String, Origin>,
    problems: &mut Problems,
) {
    if !dir.is_dir() {
        return;
    }
    for entry in WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .filter_entry(|e| !crate::load::is_ignored(e.file_name()))
    {
        let entry = match entry {
            Ok(entry) if entry.file_type().is_file() => entry,
            Ok(_) => continue,
            Err(err) => {
                problems.push(
                    Diagnostic::error(crate::fs::relative(dir, root), "không đọc được thư mục mẫu")
                        .note(format!("hệ thống báo: {}", crate::explain::walk_error(&err))),
                );
                continue;
            }
        };
        let shown = crate::fs::relative(entry.path(), root).to_path_buf();
        let name = crate::load::to_slash(crate::fs::relative(entry.path(), dir));
        let result = crate::fs::read(entry.path(), &shown)
            .and_then(|bytes| crate::load::decode(&shown, &bytes));
        match result {
            Ok(source) => {
                origins.insert(name, Origin { path: Some(shown), source });
            }
            Err(d) => problems.push(d),
        }
    }
}

/// tera's checks across templates (a filter, function, test or included template that does not
/// exist) come as one text of reports, each `error: <message>` then ` --> <name>:<line>:<col>`
/// and the line with `^` under the place: one diagnostic each.
fn reference_errors(reports: &str, origins: &HashMap<String, Origin>) -> Vec<Diagnostic> {
    let mut found = Vec::new();
    let lines: Vec<&str> = reports.lines().collect();
    for (i, line) in lines.iter().enumerate() {
        let Some(message) = line.strip_prefix("error: ") else { continue };
        let t = crate::explain::template(message);
        let place = lines.get(i + 1).and_then(|l| l.trim().strip_prefix("--> "));
        let place = place.and_then(|p| {
            let mut parts = p.rsplitn(3, ':');
            let column: usize = parts.next()?.parse().ok()?;
            let line: usize = parts.next()?.parse().ok()?;
            Some((parts.next()?, line, column))
        });
        let width = lines.get(i + 4).map_or(1, |l| l.matches('^').count().max(1));
        let (name, origin) = match place.and_then(|(name, ..)| origins.get(name).map(|o| (name, o)))
        {
            Some(found) => found,
            None => {
                found.push(Diagnostic::error("templates", format!("mẫu giao diện: {}", t.message)));
                continue;
            }
        };
        let path =
            origin.path.clone().unwrap_or_else(|| PathBuf::from(format!("(mẫu có sẵn) {name}")));
        let mut d = Diagnostic::error(path, format!("mẫu giao diện `{name}`: {}", t.message));
        if let Some((_, line, column)) = place {
            let start = crate::diagnostic::offset_of(&origin.source, line, column);
            let end = crate::diagnostic::offset_of(&origin.source, line, column + width);
            d = d.at(&origin.source, start..end);
        }
        if let Some(help) = t.help {
            d = d.help(help);
        }
        if let Some(detail) = t.detail {
            d = d.note(detail);
        }
        found.push(d);
    }
    found
}

/// Turns a tera error into a diagnostic on the template's file, in Vietnamese
/// ([`crate::explain::template`]), with the chain of its causes.
fn error_from(
    e: &tera::Error,
    rendering: &str,
    origins: &HashMap<String, Origin>,
    theme_dir: &Path,
) -> Diagnostic {
    let files = Files { origins, theme_dir };
    let mut d = match e.kind() {
        ErrorKind::SyntaxError(report) | ErrorKind::RenderingError(report) => {
            let syntax = matches!(e.kind(), ErrorKind::SyntaxError(_));
            report_error(report, syntax, rendering, &files)
        }
        other => kind_error(other, rendering, &files),
    };
    let mut cause = std::error::Error::source(e);
    while let Some(c) = cause {
        let t = crate::explain::template(&c.to_string());
        d = d.note(t.detail.unwrap_or(t.message));
        cause = c.source();
    }
    d
}

/// The templates' files, to name the one an error is in.
struct Files<'a> {
    origins: &'a HashMap<String, Origin>,
    theme_dir: &'a Path,
}

impl Files<'_> {
    /// The file of template `name` as shown in messages; the theme's templates folder when
    /// no template is named; a label for a built-in.
    fn of(&self, name: &str) -> PathBuf {
        match self.origins.get(name).and_then(|o| o.path.clone()) {
            Some(path) => path,
            None if name.is_empty() => self.theme_dir.join("templates"),
            None => PathBuf::from(format!("(mẫu có sẵn) {name}")),
        }
    }
}

/// `d` with the help and the detail of an explained message.
fn explained(d: Diagnostic, t: Template) -> Diagnostic {
    let d = match t.help {
        Some(help) => d.help(help),
        None => d,
    };
    match t.detail {
        Some(detail) => d.note(detail),
        None => d,
    }
}

/// A syntax or rendering error, at its place in the template.
fn report_error(
    report: &tera::ReportError,
    syntax: bool,
    rendering: &str,
    files: &Files<'_>,
) -> Diagnostic {
    let name = if report.filename().is_empty() { rendering } else { report.filename() };
    let kind = if syntax { "sai cú pháp" } else { "lỗi khi dựng" };
    let t = crate::explain::template(report.message());
    let d =
        Diagnostic::error(files.of(name), format!("mẫu giao diện `{name}` {kind}: {}", t.message));
    let d = match files.origins.get(name) {
        Some(origin) => d.at(&origin.source, report.span().range.clone()),
        None => d,
    };
    explained(d, t)
}

/// Any other error of tera, on the template being rendered or the one it names.
fn kind_error(kind: &ErrorKind, rendering: &str, files: &Files<'_>) -> Diagnostic {
    match kind {
        ErrorKind::TemplateNotFound(name) => {
            Diagnostic::error(files.of(rendering), format!("không có mẫu giao diện `{name}`"))
        }
        ErrorKind::MissingParent { current, parent } => Diagnostic::error(
            files.of(current),
            format!("mẫu `{current}` kế thừa (extends) mẫu `{parent}`, nhưng không có mẫu đó"),
        ),
        ErrorKind::CircularExtend { tpl, inheritance_chain } => Diagnostic::error(
            files.of(tpl),
            format!("mẫu `{tpl}` kế thừa vòng tròn: {}", inheritance_chain.join(" → ")),
        ),
        ErrorKind::CircularInclude { tpl, include_chain } => Diagnostic::error(
            files.of(tpl),
            format!("mẫu `{tpl}` nhúng (include) vòng tròn: {}", include_chain.join(" → ")),
        ),
        ErrorKind::ComponentNotFound(name) => Diagnostic::error(
            files.of(rendering),
            format!("không có thành phần (component) `{name}`"),
        ),
        ErrorKind::InvalidArgument { expected_type, actual_type } => Diagnostic::error(
            files.of(rendering),
            format!(
                "mẫu giao diện `{rendering}`: sai kiểu giá trị, cần kiểu `{expected_type}` nhưng gặp kiểu `{actual_type}`"
            ),
        ),
        ErrorKind::MissingArgument { arg_name } => Diagnostic::error(
            files.of(rendering),
            format!("mẫu giao diện `{rendering}`: thiếu tham số `{arg_name}`"),
        ),
        ErrorKind::OutOfRangeArgument { value, .. } => Diagnostic::error(
            files.of(rendering),
            format!("mẫu giao diện `{rendering}`: giá trị `{value}` quá lớn hoặc quá nhỏ"),
        ),
        other => {
            let t = crate::explain::template(&other.to_string());
            let d = Diagnostic::error(
                files.of(rendering),
                format!("lỗi mẫu giao diện `{rendering}`: {}", t.message),
            );
            explained(d, t)
        }
    }
}

fn register(tera: &mut Tera, static_urls: Arc<RwLock<StaticUrls>>) {
    tera.register_function(
        "static_url",
        move |kwargs: Kwargs, _: &State<'_>| -> tera::TeraResult<String> {
            let path: &str = kwargs.must_get("path")?;
            let urls = static_urls.read().unwrap_or_else(PoisonError::into_inner);
            urls.get(path.trim_start_matches('/')).cloned().ok_or_else(|| {
                tera::Error::message(format!(
                    "không có tệp tĩnh `{path}` trong static/ của giao diện hay của trang"
                ))
            })
        },
    );
    tera.register_filter("tel", |number: &str, _: Kwargs, _: &State<'_>| -> String {
        number.chars().filter(|c| c.is_ascii_digit() || *c == '+').collect()
    });
    // A value as JSON, for templates that are not HTML (the web app manifest).
    tera.register_filter(
        "json",
        |value: &tera::Value, _: Kwargs, _: &State<'_>| -> tera::TeraResult<String> {
            serde_json::to_string(value)
                .map_err(|_| tera::Error::message("bộ lọc json không viết được giá trị này"))
        },
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(templates: &[(&str, &str)]) -> HashMap<String, u64> {
        let origins = templates
            .iter()
            .map(|(name, text)| (name.to_string(), Origin { path: None, source: Arc::from(*text) }))
            .collect();
        fingerprints(&origins)
    }

    #[test]
    fn a_template_changes_with_what_it_names_and_nothing_else() {
        let base = r#"<main>{% block content %}{% endblock %}</main>"#;
        let page =
            r#"{% extends "base.html" %}{% block content %}{% include "p/x.html" %}{% endblock %}"#;
        let before =
            set(&[("base.html", base), ("page.html", page), ("p/x.html", "x"), ("t.xml", "t")]);
        let after =
            set(&[("base.html", base), ("page.html", page), ("p/x.html", "y"), ("t.xml", "t")]);
        assert_ne!(before["page.html"], after["page.html"], "includes p/x.html");
        assert_ne!(before["p/x.html"], after["p/x.html"]);
        assert_eq!(before["base.html"], after["base.html"]);
        assert_eq!(before["t.xml"], after["t.xml"]);
        // A name made at render time: the template depends on every other.
        let dynamic = r#"{% include name %}"#;
        let before = set(&[("d.html", dynamic), ("t.xml", "t")]);
        let after = set(&[("d.html", dynamic), ("t.xml", "u")]);
        assert_ne!(before["d.html"], after["d.html"]);
    }
}
