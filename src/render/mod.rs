//! The render stage: the site and its templates into the files of the output, in parallel.
//!
//! It makes the outputs every site has (pages, section listings, tag pages, feeds, sitemap,
//! 404, redirects) and runs what the kinds add (their views, through the registry in
//! [`crate::kinds`]) and search, in batches handed to the write stage. Nothing here touches the
//! disk except reading the static files whose hash goes into their URLs.

mod sitemap;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use serde::Serialize;
use walkdir::WalkDir;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Problems};
use crate::model::update::PageEdit;
use crate::model::{PAGINATION_PATH, Section, Site, TAGS_PATH};
use crate::view::context::{
    self as context, DateView, ListingValues, MetaView, PageNumber, PageView, Paginator,
    SectionView, SiteView,
};
use crate::view::{Compiled, Content, Output, StaticUrls, TemplateContext, Templates};

pub mod servers;

/// Static files of the theme and the site (the site's win), and generated stylesheets.
#[derive(Debug, Default)]
pub struct Statics {
    /// The files to write.
    pub outputs: Vec<Output>,
    /// Their URLs with a content hash, by path.
    pub urls: StaticUrls,
}

/// Collects the static files of `site` and computes their URLs.
pub fn statics(site: &Site) -> Result<Statics, Problems> {
    with_code_style(statics_of(&site.config), site)
}

/// The static files of the theme and the site, and the pictograms, with their URLs: all of
/// [`statics`] but the code's stylesheet, which depends on the content.
pub fn statics_of(config: &Config) -> Result<Statics, Problems> {
    let mut problems = Problems::new();
    let mut files: HashMap<String, PathBuf> = HashMap::new();
    for dir in [config.theme_dir.join("static"), config.root.join("static")] {
        if !dir.is_dir() {
            continue;
        }
        for entry in
            WalkDir::new(&dir).into_iter().filter_entry(|e| !crate::load::is_ignored(e.file_name()))
        {
            match entry {
                Ok(e) if e.file_type().is_file() => {
                    let rel = crate::load::to_slash(crate::fs::relative(e.path(), &dir));
                    files.insert(rel, e.into_path());
                }
                Ok(_) => {}
                Err(err) => problems.push(
                    Diagnostic::error(
                        crate::fs::relative(&dir, &config.root),
                        "không đọc được thư mục static",
                    )
                    .note(format!("hệ thống báo: {}", crate::explain::walk_error(&err))),
                ),
            }
        }
    }
    let mut statics = Statics::default();
    let mut sorted: Vec<(String, PathBuf)> = files.into_iter().collect();
    sorted.sort();
    for (rel, path) in sorted {
        match crate::fs::read(&path, crate::fs::relative(&path, &config.root)) {
            Ok(bytes) => {
                statics.urls.insert(rel.clone(), hashed_url(config, &rel, &bytes));
                statics.outputs.push(Output { path: rel, content: Content::Copy(path) });
            }
            Err(d) => problems.push(d),
        }
    }
    // The pictograms every site has, unless its theme or its own static files draw one anew.
    for p in crate::pictogram::ALL {
        let path = p.path();
        if !statics.urls.contains_key(&path) {
            statics.urls.insert(path.clone(), format!("{}{}", config.base_url, p.versioned_path()));
            statics.outputs.push(Output::bytes(path, p.svg));
        }
    }
    problems.into_result(statics)
}

/// `statics` ([`statics_of`]) with the stylesheet of highlighted code when a page of `site`
/// shows code; or the problems of both.
pub fn with_code_style(
    statics: Result<Statics, Problems>,
    site: &Site,
) -> Result<Statics, Problems> {
    let config = &site.config;
    let mut problems = Problems::new();
    let mut statics = statics.unwrap_or_else(|found| {
        problems.extend(found);
        Statics::default()
    });
    if site.has_code {
        match crate::highlight::stylesheet(&config.markdown.highlight_theme) {
            Some(css) => {
                let path = crate::highlight::STYLESHEET.to_string();
                statics.urls.insert(path.clone(), hashed_url(config, &path, css.as_bytes()));
                statics.outputs.push(Output::bytes(path, css));
            }
            None => problems.push(
                config
                    .error_at(
                        "highlight_theme",
                        format!("không có bảng màu `{}`", config.markdown.highlight_theme),
                    )
                    .help(format!(
                        "các bảng màu có sẵn: {}",
                        crate::highlight::theme_names().join(", ")
                    )),
            ),
        }
    }
    problems.into_result(statics)
}

fn hashed_url(config: &Config, rel: &str, bytes: &[u8]) -> String {
    format!("{}/{rel}?v={:08x}", config.base_url, fnv1a(bytes) as u32)
}

/// FNV-1a: a tiny, stable hash for cache-busting URLs (not for security).
fn fnv1a(bytes: &[u8]) -> u64 {
    bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// The web app manifest, made from the template of that name.
const MANIFEST: &str = "site.webmanifest";

/// Loads the templates for `site`. `static_url(path="site.webmanifest")` gives the manifest's
/// URL with its hash, like a static file's, so that browsers may keep it as long.
pub fn templates(site: &Site, statics: &Statics) -> Result<Templates, Problems> {
    templates_for(Templates::compile(&site.config)?, site, statics)
}

/// [`templates`] from templates compiled before `site` was assembled, with the URLs of
/// `statics`, which may have gained the code's stylesheet meanwhile ([`with_code_style`]).
pub fn templates_for(
    compiled: Compiled,
    site: &Site,
    statics: &Statics,
) -> Result<Templates, Problems> {
    let templates = compiled.with_site(&SiteView::new(site), statics.urls.clone());
    let manifest = templates.render(MANIFEST, &TemplateContext::file())?;
    templates.add_static_url(MANIFEST, hashed_url(&site.config, MANIFEST, manifest.as_bytes()));
    Ok(templates)
}

/// One unit of rendering work.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Job {
    Page(usize),
    Section(usize, usize),
    Tags,
    Tag(usize, usize),
    Feed(Option<usize>),
    Robots,
    NotFound,
    Manifest,
    Redirect(usize),
}

/// Renders every output of `site`, static files included, ordered by path.
pub fn render(
    site: &Site,
    templates: &Templates,
    statics: &Statics,
) -> Result<Vec<Output>, Problems> {
    let outputs = Mutex::new(Vec::new());
    render_batches(site, templates, statics, None, usize::MAX, |batch| {
        outputs.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend(batch);
    })?;
    Ok(sorted(outputs))
}

/// Watch mode's render before the reload: every output of `site` but those that gather many
/// pages ([`render_gathering`], made right after), ordered by path: the pages, listing and tag
/// pages, static files, `robots.txt`, the 404 page, the manifest and the redirect pages.
/// On a problem, the outputs left for later are made too, so that every problem a build would
/// report is reported.
pub fn render_before_gathering(
    site: &Site,
    templates: &Templates,
    statics: &Statics,
) -> Result<Vec<Output>, Problems> {
    templates.begin(true);
    templates_found(site, templates)?;
    let outputs = Mutex::new(Vec::new());
    let rendered = render_site(site, templates, statics, None, usize::MAX, false, |batch| {
        outputs.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend(batch);
    });
    match rendered {
        Ok(()) => Ok(sorted(outputs)),
        Err(mut problems) => {
            for part in Gathered::ALL {
                let gathered =
                    render_gathering(site, templates, statics, (part, &[]), None, &|| false);
                problems.extend(gathered.and_then(Result::err).into_iter().flatten());
            }
            problems.sort();
            Err(problems)
        }
    }
}

fn sorted(outputs: Mutex<Vec<Output>>) -> Vec<Output> {
    let mut outputs = outputs.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    outputs
}

/// Renders every output of `site` like [`render`], handing them to `sink` in batches of about
/// `batch` files, so that a build can write each batch and drop it instead of holding the whole
/// output in memory. `sink` is called from several threads, in no fixed order.
/// Once a problem is found no further batch is handed over, but rendering goes
/// on so that every problem is reported. The search index counts again only the documents
/// that changed since the build `kept` holds the gathering of, and keeps its own there
/// ([`crate::search::kept`]).
pub fn render_batches(
    site: &Site,
    templates: &Templates,
    statics: &Statics,
    kept: Option<&crate::search::kept::Kept>,
    batch: usize,
    sink: impl Fn(Vec<Output>) + Sync,
) -> Result<(), Problems> {
    templates.begin(true);
    // The top-level names of the output, for the server files written last (`servers`).
    let top = std::sync::Mutex::new(servers::TopLevel::new());
    let recorded = |outputs: Vec<Output>| {
        let mut top = top.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        servers::record_top_level(&mut top, outputs.iter().map(|o| o.path.as_str()));
        drop(top);
        sink(outputs);
    };
    render_site(site, templates, statics, kept, batch, true, recorded)?;
    let top = top.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    sink(servers::outputs(site, &top));
    Ok(())
}

/// Every output of the site but the server files, handed to `sink` as [`render_batches`] says;
/// without the outputs that gather many pages unless `gathering` ([`render_before_gathering`]).
fn render_site(
    site: &Site,
    templates: &Templates,
    statics: &Statics,
    kept: Option<&crate::search::kept::Kept>,
    batch: usize,
    gathering: bool,
    sink: impl Fn(Vec<Output>) + Sync,
) -> Result<(), Problems> {
    templates_found(site, templates)?;
    let mut problems = Problems::new();
    let static_files = static_files(statics);
    // The sitemap lists the pages as they are written (see `sitemap`), gathered here.
    let listed: Mutex<Vec<sitemap::Entry>> = Mutex::new(Vec::new());
    // Hands over what succeeded when nothing failed; returns the problems.
    let deliver = |results: Vec<Result<Output, Diagnostic>>| {
        let mut problems = Problems::new();
        let outputs = collect(beside_statics(site, &static_files, results), &mut problems);
        if gathering {
            // On every core. A page taken from the previous output is listed as that build read
            // it, or read again when it kept no reading.
            let base_url = &site.config.base_url;
            let entries: Vec<sitemap::Entry> = outputs
                .par_iter()
                .filter_map(|o| {
                    let listing = sitemap::listing(o, |path| templates.kept_listing(path))?;
                    templates.record_listing(&o.path, &listing);
                    sitemap::listed(listing, base_url, &o.path)
                })
                .collect();
            listed.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend(entries);
        }
        if !problems.has_errors() {
            sink(outputs);
        }
        problems
    };
    // The outputs that gather many pages (the search index; the calendars, views, QR codes and
    // posters of the content types) are made on threads of their own while the pages render in
    // batches, and handed over as soon as they are ready: the search index has a sequential
    // part, which would otherwise leave a core idle at the end.
    let join = |handle: std::thread::ScopedJoinHandle<'_, Problems>| {
        handle.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
    };
    let (extra, search) = std::thread::scope(|scope| {
        let extra = gathering.then(|| scope.spawn(|| extra_outputs(site, templates, &deliver)));
        let search = gathering.then(|| scope.spawn(|| deliver(all_search(site, templates, kept))));
        let shared = ListingValues::new(site, templates);
        let mut jobs = jobs(site);
        jobs.retain(|job| gathering || !gathers(*job));
        for chunk in jobs.chunks(batch.max(1)) {
            let results = run_all(site, templates, &shared, chunk);
            if problems.has_errors() {
                collect(results, &mut problems);
            } else {
                problems.extend(deliver(results));
            }
        }
        (extra.map(join), search.map(join))
    });
    problems.extend(extra.into_iter().flatten());
    problems.extend(search.into_iter().flatten());
    let listed = listed.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner);
    let mut outputs = copied(site, statics);
    if gathering {
        match sitemap_of(templates, listed) {
            Ok(output) => outputs.push(output),
            Err(d) => problems.push(d),
        }
    }
    if !problems.has_errors() {
        sink(outputs);
    }
    problems.into_result(())
}

/// The outputs the kinds add besides their pages, each part handed to `deliver` as soon as it
/// is made ([`crate::kinds::extra_outputs_each`]); the problems `deliver` found.
fn extra_outputs(
    site: &Site,
    templates: &Templates,
    deliver: &(impl Fn(Vec<Result<Output, Diagnostic>>) -> Problems + Sync),
) -> Problems {
    let problems = Mutex::new(Problems::new());
    crate::kinds::extra_outputs_each(site, templates, |part| {
        let more = deliver(part);
        problems.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend(more);
    });
    problems.into_inner().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Whether every page finds its template.
fn templates_found(site: &Site, templates: &Templates) -> Result<(), Problems> {
    let mut problems = Problems::new();
    check_templates(site, templates, &mut problems);
    // A section's missing page_template is found once for each of its pages; sorting drops the
    // repeats.
    problems.sort();
    problems.into_result(())
}

/// `results` with each output at the path of a static file turned into a problem that names
/// the static file, rather than two unnamed writers of the output folder.
fn beside_statics(
    site: &Site,
    static_files: &HashMap<&str, &Path>,
    results: Vec<Result<Output, Diagnostic>>,
) -> Vec<Result<Output, Diagnostic>> {
    let over = |output: Output| match static_files.get(output.path.as_str()) {
        Some(source) => Err(static_over_page(site, source, &output.path)),
        None => Ok(output),
    };
    results.into_iter().map(|result| result.and_then(over)).collect()
}

/// The static files of the output by path, with the file each is copied from.
fn static_files(statics: &Statics) -> HashMap<&str, &Path> {
    statics
        .outputs
        .iter()
        .filter_map(|o| match &o.content {
            Content::Copy(source) => Some((o.path.as_str(), source.as_path())),
            Content::Bytes(_) | Content::Kept { .. } => None,
        })
        .collect()
}

/// The files copied as they are: the static files, and those beside the pages of bundles.
fn copied(site: &Site, statics: &Statics) -> Vec<Output> {
    let mut outputs: Vec<Output> = statics.outputs.to_vec();
    outputs.extend(
        site.files
            .iter()
            .map(|f| Output { path: f.output.clone(), content: Content::Copy(f.source.clone()) }),
    );
    outputs
}

/// A static file at the output path of a page, a listing or an old address (aliases).
fn static_over_page(site: &Site, source: &Path, output: &str) -> Diagnostic {
    let file = crate::fs::relative(source, &site.config.root);
    let url = format!("/{}", output.strip_suffix("index.html").unwrap_or(output));
    let page = site
        .pages
        .iter()
        .map(|p| (&p.path, &p.file))
        .chain(site.sections.iter().map(|s| (&s.path, &s.file)));
    let what = match page.into_iter().find(|(path, _)| **path == url) {
        Some((_, file)) => format!("trang {}", file.path.display()),
        None => "một trang".to_string(),
    };
    Diagnostic::error(file, format!("tệp `{}` trùng đường dẫn `{url}` của {what}", file.display()))
        .help("đổi tên hoặc chuyển tệp này trong thư mục static, hoặc đặt `slug` khác cho trang đó")
}

/// What watch mode renders after an edit of pages ([`render_shown`]).
#[derive(Debug)]
pub struct Rerendered {
    /// Rendered before the reload: the pages, the listing pages showing them, the first
    /// listing page of every section and tag the edit changed, and the page listing the tags.
    pub now: Vec<Output>,
    /// The output paths of the other listing pages the edit changed (the pages further down a
    /// list that moved by one place), left for just after the reload ([`render_listings`]).
    pub later: std::collections::BTreeSet<String>,
}

/// The HTML files an edit of pages may have changed ([`PageEdit`]): the pages' own, the
/// listing pages they appear on (the home page's when they are among the newest), every listing
/// page of the sections and tags it names, and the page listing the tags when it may have
/// changed. Watch mode re-renders only these after such an edit, those an editor looks at
/// first before the reload and the rest of the listing pages right after it ([`Rerendered`]).
pub fn render_shown(
    site: &Site,
    templates: &Templates,
    edit: &PageEdit,
) -> Result<Rerendered, Problems> {
    templates.begin(false);
    let mut wanted: Vec<Job> = Vec::new();
    let recent: Vec<usize> = site.dated_pages().iter().copied().take(RECENT).collect();
    let mut listings: Vec<usize> = edit.sections.clone();
    // The listing pages of the places given: a page numbered from 1 shows `per_page` places.
    let numbers = |places: &std::ops::Range<usize>, per_page: usize| {
        (places.start / per_page + 1)..=(places.end.saturating_sub(1) / per_page + 1)
    };
    for (s, places) in &edit.section_places {
        // A listing that shows more than its own pages is made again whole.
        if !crate::kinds::of(site.sections[*s].kind).lists_only_its_pages() {
            listings.push(*s);
        } else if !places.is_empty() {
            let numbers = numbers(places, paginate_by(site, *s));
            wanted.extend(numbers.map(|n| Job::Section(*s, n)));
        }
    }
    for (t, places) in edit.tag_places.iter().filter(|(_, places)| !places.is_empty()) {
        let numbers = numbers(places, site.config.paginate_by.max(1));
        wanted.extend(numbers.map(|n| Job::Tag(*t, n)));
    }
    if edit.tag_index {
        wanted.push(Job::Tags);
    }
    // The listing pages showing the edited pages.
    let mut showing: Vec<Job> = Vec::new();
    for &p in &edit.pages {
        let page = &site.pages[p];
        wanted.push(Job::Page(p));
        let section = &site.sections[page.section];
        if let Some(i) = section.pages.iter().position(|&x| x == p) {
            showing.push(Job::Section(page.section, i / paginate_by(site, page.section) + 1));
        }
        for &t in &page.tags {
            if let Some(i) = site.tags[t].pages.iter().position(|&x| x == p) {
                showing.push(Job::Tag(t, i / site.config.paginate_by.max(1) + 1));
            }
        }
        if recent.contains(&p) {
            listings.push(0);
        }
    }
    wanted.extend_from_slice(&showing);
    for s in listings {
        let count = pages_needed(site.sections[s].pages.len(), paginate_by(site, s));
        wanted.extend((1..=count).map(|n| Job::Section(s, n)));
    }
    wanted.sort();
    wanted.dedup();
    let (now, later): (Vec<Job>, Vec<Job>) = wanted.into_iter().partition(|job| match job {
        Job::Section(_, n) | Job::Tag(_, n) => *n == 1 || showing.contains(job),
        _ => true,
    });
    let mut problems = Problems::new();
    let now = collect(
        run_all(site, templates, &ListingValues::new(site, templates), &now),
        &mut problems,
    );
    let later = later.into_iter().filter_map(|job| listing_file(site, job)).collect();
    problems.into_result(Rerendered { now, later })
}

/// The listing pages of `site` at the output paths `later` (those [`render_shown`] left for
/// after the reload; a path the site no longer makes is passed over), ordered by path. Given up
/// (`None`) as soon as `stop` says so, asked between slices of them.
pub fn render_listings(
    site: &Site,
    templates: &Templates,
    later: &std::collections::BTreeSet<String>,
    stop: &crate::search::index::Stop<'_>,
) -> Option<Result<Vec<Output>, Problems>> {
    let mut wanted = jobs(site);
    wanted.retain(|&job| listing_file(site, job).is_some_and(|path| later.contains(&path)));
    templates.begin(false);
    let shared = ListingValues::new(site, templates);
    let mut problems = Problems::new();
    let mut outputs = Vec::with_capacity(wanted.len());
    for slice in wanted.chunks(LISTINGS_BETWEEN_STOPS) {
        if stop() {
            return None;
        }
        outputs.extend(collect(run_all(site, templates, &shared, slice), &mut problems));
    }
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    Some(problems.into_result(outputs))
}

/// How many listing pages [`render_listings`] renders between two questions to `stop` (a few
/// milliseconds of work on two cores).
const LISTINGS_BETWEEN_STOPS: usize = 64;

/// The output path of a listing page (a section's or a tag's); `None` for any other job.
fn listing_file(site: &Site, job: Job) -> Option<String> {
    let listing = |base: &str, n: usize| Some(crate::view::page_file(&listing_path(base, n)));
    match job {
        Job::Section(s, n) => listing(&site.sections[s].path, n),
        Job::Tag(t, n) => listing(&site.tags[t].path, n),
        _ => None,
    }
}

/// The output paths of the listing pages an edit of pages no longer makes
/// ([`PageEdit::dropped`]).
pub fn dropped_files(edit: &PageEdit) -> std::collections::BTreeSet<String> {
    let pages = edit.dropped.iter().flat_map(|(path, numbers)| {
        numbers.clone().map(|n| crate::view::page_file(&listing_path(path, n)))
    });
    pages.collect()
}

/// The output paths of every listing page of the sections and tags: watch mode compares them
/// before and after pages are added or removed in place, to drop those no longer made.
pub fn listing_files(site: &Site) -> std::collections::BTreeSet<String> {
    jobs(site).into_iter().filter_map(|job| listing_file(site, job)).collect()
}

/// The template `job` renders (with those it extends, includes and imports; no job renders two).
fn job_template(site: &Site, job: Job) -> &str {
    match job {
        Job::Page(p) => page_template(site, p),
        Job::Section(s, _) => section_template(site, s),
        Job::Tags => "tags.html",
        Job::Tag(..) => "tag.html",
        Job::Feed(_) => "atom.xml",
        Job::Robots => "robots.txt",
        Job::NotFound => "404.html",
        Job::Manifest => MANIFEST,
        Job::Redirect(_) => crate::view::REDIRECT_TEMPLATE,
    }
}

/// The outputs watch mode shows before the reload ([`render_before_gathering`]) made with a
/// template `changed` says renders otherwise ([`Templates::changed_from`]): after an edit of
/// templates alone (the site, its settings and the static files' URLs the same), every other
/// output is the last build's.
pub fn render_by_templates(
    site: &Site,
    templates: &Templates,
    changed: &dyn Fn(&str) -> bool,
) -> Result<Vec<Output>, Problems> {
    templates.forget_old_templates();
    render_jobs_where(site, templates, |job| changed(job_template(site, job)))
}

/// The outputs watch mode shows before the reload ([`render_before_gathering`]) that may show
/// the data sets, after a save of data files alone ([`Site::edit_data`]): the home page (the
/// content types add to it), the pages and listings of types that read more than their own
/// page, and those that show a body with data shortcodes (the listings by their summaries).
/// Every other output is the last build's. Those whose values did not change come from the
/// memo.
pub fn render_after_data(site: &Site, templates: &Templates) -> Result<Vec<Output>, Problems> {
    let data_uses = |p: usize| !site.pages[p].rendered.data_uses.is_empty();
    let shown = |items: &[usize], per_page: usize, n: usize| {
        on_page(items, per_page, n).iter().any(|&p| data_uses(p))
    };
    render_jobs_where(site, templates, |job| match job {
        Job::Page(p) => data_uses(p) || !crate::kinds::of(site.pages[p].kind).reads_only_its_page(),
        Job::Section(s, n) => {
            let section = &site.sections[s];
            section.is_home()
                || !crate::kinds::of(section.kind).lists_only_its_pages()
                || !section.rendered.data_uses.is_empty()
                || shown(&section.pages, paginate_by(site, s), n)
        }
        Job::Tag(t, n) => shown(&site.tags[t].pages, site.config.paginate_by.max(1), n),
        _ => false,
    })
}

/// Renders the jobs `wanted` keeps of those watch mode shows before the reload.
fn render_jobs_where(
    site: &Site,
    templates: &Templates,
    wanted: impl Fn(Job) -> bool,
) -> Result<Vec<Output>, Problems> {
    templates.begin(false);
    templates_found(site, templates)?;
    let mut jobs = jobs(site);
    jobs.retain(|&job| !gathers(job) && wanted(job));
    let mut problems = Problems::new();
    let outputs = collect(
        run_all(site, templates, &ListingValues::new(site, templates), &jobs),
        &mut problems,
    );
    problems.into_result(outputs)
}

/// Whether `job` makes an output that gathers many pages, left by watch mode for after the
/// reload ([`render_gathering`]).
fn gathers(job: Job) -> bool {
    matches!(job, Job::Feed(_))
}

/// An output of watch mode's render before the reload ([`render_before_gathering`]): its path,
/// and its bytes when it was rendered in memory (not a file copied as it is).
pub type Shown<'a> = (&'a str, Option<&'a [u8]>);

/// The parts of what watch mode makes right after the reload, in the order it makes them
/// ([`render_gathering`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gathered {
    /// The outputs the content types add beside their pages (the violations' lists and records,
    /// calendars, posters): first, since an edit of a data record shows there.
    Views,
    /// The feeds: a few milliseconds, so that a feed reader or an editor checking one sees an
    /// edit long before the search index is made again.
    Feeds,
    /// The outputs that read every page: the search index and page, then the sitemap and the
    /// server files, which also read the other outputs.
    Aggregates,
}

impl Gathered {
    /// Every part, in the order they are made.
    pub const ALL: [Gathered; 3] = [Gathered::Views, Gathered::Feeds, Gathered::Aggregates];
}

/// One part of the outputs that gather many pages, which watch mode makes right after the
/// reload, ordered by path. The sitemap and the server files also read `shown`: every other
/// output (made by [`render_before_gathering`], and the views). `search` is what search made
/// in earlier builds of the session. Given up (`None`) as soon as `stop` says so: asked
/// first, between the parts, and while the search index is made, so that watch mode can take
/// the next save at once instead of finishing outputs that save would make again.
pub fn render_gathering(
    site: &Site,
    templates: &Templates,
    statics: &Statics,
    (part, shown): (Gathered, &[Shown<'_>]),
    search: Option<&crate::search::Remembered>,
    stop: &crate::search::index::Stop<'_>,
) -> Option<Result<Vec<Output>, Problems>> {
    if stop() {
        return None;
    }
    templates.begin(false);
    let results = match part {
        Gathered::Views => crate::kinds::extra_outputs(site, templates),
        Gathered::Feeds => {
            let mut feeds = jobs(site);
            feeds.retain(|job| gathers(*job));
            run_all(site, templates, &ListingValues::new(site, templates), &feeds)
        }
        Gathered::Aggregates => search_outputs(site, templates, search, None, stop)?,
    };
    let mut problems = Problems::new();
    let mut outputs = collect(beside_statics(site, &static_files(statics), results), &mut problems);
    if part != Gathered::Aggregates {
        outputs.sort_by(|a, b| a.path.cmp(&b.path));
        return Some(problems.into_result(outputs));
    }
    if stop() {
        return None;
    }
    let base_url = &site.config.base_url;
    // Every page shown is read (its head): `stop` is asked between slices of them.
    let mut listed: Vec<sitemap::Entry> = Vec::with_capacity(shown.len());
    for slice in shown.chunks(STOP_EVERY) {
        if stop() {
            return None;
        }
        let entries =
            slice.par_iter().filter_map(|&(path, bytes)| sitemap::entry_of(base_url, path, bytes?));
        listed.par_extend(entries);
    }
    listed.extend(outputs.iter().filter_map(|o| sitemap::entry(base_url, o)));
    match sitemap_of(templates, listed) {
        Ok(output) => outputs.push(output),
        Err(d) => problems.push(d),
    }
    if stop() {
        return None;
    }
    let mut top = servers::TopLevel::new();
    let paths = shown.iter().map(|(path, _)| *path);
    servers::record_top_level(&mut top, paths.chain(outputs.iter().map(|o| o.path.as_str())));
    outputs.extend(servers::outputs(site, &top));
    outputs.sort_by(|a, b| a.path.cmp(&b.path));
    Some(problems.into_result(outputs))
}

/// How many shown pages the sitemap reads between two questions to `stop` (a few milliseconds
/// of work).
const STOP_EVERY: usize = 1024;

/// Search's outputs for a build, with what the previous one `kept` ([`render_batches`]).
fn all_search(
    site: &Site,
    templates: &Templates,
    kept: Option<&crate::search::kept::Kept>,
) -> Vec<Result<Output, Diagnostic>> {
    search_outputs(site, templates, None, kept, &|| false).expect("never stopped")
}

/// Search's outputs over every document of the site, with what search made in earlier builds
/// of a watch-mode session, or what the previous `pccc build` kept; given up (`None`) as soon
/// as `stop` says so.
fn search_outputs(
    site: &Site,
    templates: &Templates,
    search: Option<&crate::search::Remembered>,
    kept: Option<&crate::search::kept::Kept>,
    stop: &crate::search::index::Stop<'_>,
) -> Option<Vec<Result<Output, Diagnostic>>> {
    let documents = crate::kinds::documents(site, search);
    crate::search::outputs_unless(site, templates, &documents, search, kept, stop)
}

fn run_all(
    site: &Site,
    templates: &Templates,
    shared: &ListingValues,
    jobs: &[Job],
) -> Vec<Result<Output, Diagnostic>> {
    jobs.par_iter().map(|&job| run(site, templates, shared, job)).collect()
}

fn collect(results: Vec<Result<Output, Diagnostic>>, problems: &mut Problems) -> Vec<Output> {
    let mut outputs = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(output) => outputs.push(output),
            Err(d) => problems.push(d),
        }
    }
    outputs
}

/// How many of the newest pages the home page lists.
const RECENT: usize = 6;

/// Pages per listing page of section `s`. A type whose listing is not a plain paged list (the
/// drills: upcoming, then past with results) gets one listing page holding all its pages.
fn paginate_by(site: &Site, s: usize) -> usize {
    let section = &site.sections[s];
    if !crate::kinds::of(section.kind).paginates() {
        return usize::MAX;
    }
    section.meta.paginate_by.unwrap_or(site.config.paginate_by).max(1)
}

/// The items listing page `n` (from 1) of `items` shows, `per_page` a page.
fn on_page(items: &[usize], per_page: usize, n: usize) -> &[usize] {
    let start = (n - 1).saturating_mul(per_page).min(items.len());
    &items[start..start.saturating_add(per_page).min(items.len())]
}

fn pages_needed(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

fn jobs(site: &Site) -> Vec<Job> {
    let mut jobs: Vec<Job> = (0..site.pages.len()).map(Job::Page).collect();
    for (s, section) in site.sections.iter().enumerate() {
        if !section.built {
            continue;
        }
        for n in 1..=pages_needed(section.pages.len(), paginate_by(site, s)) {
            jobs.push(Job::Section(s, n));
        }
        if has_feed(site, section) {
            jobs.push(Job::Feed(Some(s)));
        }
    }
    jobs.push(Job::Tags);
    for (t, tag) in site.tags.iter().enumerate() {
        for n in 1..=pages_needed(tag.pages.len(), site.config.paginate_by) {
            jobs.push(Job::Tag(t, n));
        }
    }
    jobs.extend([Job::Feed(None), Job::Robots, Job::NotFound, Job::Manifest]);
    jobs.extend((0..site.redirects.len()).map(Job::Redirect));
    jobs
}

fn page_template(site: &Site, p: usize) -> &str {
    let page = &site.pages[p];
    page.meta
        .template
        .as_deref()
        .or(site.sections[page.section].meta.page_template.as_deref())
        .unwrap_or(crate::kinds::of(page.kind).template())
}

fn section_template(site: &Site, s: usize) -> &str {
    let section = &site.sections[s];
    section.meta.template.as_deref().unwrap_or(if section.is_home() {
        "index.html"
    } else {
        crate::kinds::of(section.kind).section_template()
    })
}

/// Every page's template must exist; each missing one is reported at the line that names it.
fn check_templates(site: &Site, templates: &Templates, problems: &mut Problems) {
    let missing = |file: &crate::load::SourceFile, key: &str, name: &str| {
        let mut d = Diagnostic::error(&file.path, format!("không có mẫu giao diện `{name}`"));
        // At the field when it is written in the front matter; the kind's own template is not.
        let split = crate::front_matter::split(file).ok();
        if let Some(at) = split.and_then(|split| crate::front_matter::locate(&split, key)) {
            d = d.at(&file.text, at.key);
        }
        match crate::explain::suggest(name, templates.names()) {
            Some(best) => d.help(format!("có phải bạn muốn viết `{best}`?")),
            None => d.help(format!(
                "tạo tệp templates/{name}, hoặc dùng một mẫu có sẵn: {}",
                templates
                    .names()
                    .into_iter()
                    .filter(|n| n.ends_with(".html"))
                    .collect::<Vec<_>>()
                    .join(", ")
            )),
        }
    };
    for (p, page) in site.pages.iter().enumerate() {
        let name = page_template(site, p);
        if !templates.has(name) {
            let (file, key) = if page.meta.template.is_some() {
                (&page.file, "template")
            } else {
                (&site.sections[page.section].file, "page_template")
            };
            problems.push(missing(file, key, name));
        }
    }
    for (s, section) in site.sections.iter().enumerate() {
        let name = section_template(site, s);
        if section.meta.template.is_some() && !templates.has(name) {
            problems.push(missing(&section.file, "template", name));
        }
    }
}

/// Renders one job: each is a function below.
fn run(
    site: &Site,
    templates: &Templates,
    shared: &ListingValues,
    job: Job,
) -> Result<Output, Diagnostic> {
    match job {
        Job::Page(p) => page(site, templates, p),
        Job::Section(s, n) => section(site, templates, shared, s, n),
        Job::Tags => tags(site, templates),
        Job::Tag(t, n) => tag(site, templates, shared, t, n),
        Job::Feed(section) => feed(site, templates, section),
        Job::Robots => file(templates, "robots.txt"),
        Job::NotFound => not_found(site, templates),
        Job::Manifest => file(templates, MANIFEST),
        Job::Redirect(r) => redirect(site, templates, r),
    }
}

/// Page `p`, with its kind's fields and structured data.
fn page(site: &Site, templates: &Templates, p: usize) -> Result<Output, Diagnostic> {
    let page = &site.pages[p];
    let kind = crate::kinds::of(page.kind);
    let name = page_template(site, p);
    let skippable = kind.reads_only_its_page() && page.rendered.data_uses.is_empty();
    let inputs =
        (templates.sums_inputs() && skippable).then(|| PageView::inputs(site, p)).flatten();
    let path = crate::view::page_file(&page.path);
    made_from_inputs(templates, name, inputs, (path, &page.file.path), |render| {
        let view = PageView::new(site, p, kind.view(site, page), kind.json_ld(site, page));
        let ctx = TemplateContext::page(&MetaView::page(site, page), &page.path);
        let html = render(&ctx.with("page", &view))
            .map_err(|d| d.note(format!("khi dựng trang {}", page.file.path.display())))?;
        Ok(crate::kinds::fill_rendered(site, Some(&page.file.content_path), html))
    })
}

/// Output `path` rendered with template `name` from what `make` makes (giving it the render to
/// use), or, in watch mode, what `name` rendered from the same `inputs` in an earlier build
/// without making anything, or, in a build over an output, the previous output's file when the
/// previous build made it from the same inputs ([`Templates::kept`]): for outputs whose inputs
/// are summed up without making their context ([`PageView::inputs`], [`listing_inputs`]).
/// Remembered by its inputs, an output is not also remembered by its context. A debug build
/// makes it all the same and panics when the outputs differ, naming `source`: the inputs then
/// miss something it is made from.
fn made_from_inputs(
    templates: &Templates,
    name: &str,
    inputs: Option<u64>,
    (path, source): (String, &Path),
    make: impl FnOnce(
        &dyn Fn(&TemplateContext) -> Result<bytes::Bytes, Diagnostic>,
    ) -> Result<bytes::Bytes, Diagnostic>,
) -> Result<Output, Diagnostic> {
    let differs = |what: &str| {
        format!(
            "{} ({name}): rendered otherwise than from the same inputs in {what}; its inputs \
             miss something it is made from",
            source.display()
        )
    };
    if let Some(kept) = inputs.and_then(|inputs| templates.kept(name, inputs, &path)) {
        if cfg!(debug_assertions)
            && let Content::Kept { source: file, .. } = &kept
        {
            let html = make(&|ctx: &TemplateContext| templates.render_unremembered(name, ctx))?;
            assert!(std::fs::read(file).is_ok_and(|b| b == html), "{}", differs("the last build"));
        }
        return Ok(Output { path, content: kept });
    }
    let earlier = inputs.and_then(|inputs| templates.rendered_from(name, inputs));
    let earlier = match earlier {
        Some(html) if !cfg!(debug_assertions) => return Ok(Output::bytes(path, html)),
        earlier => earlier,
    };
    let html = make(&|ctx: &TemplateContext| match inputs {
        Some(_) => templates.render_unremembered(name, ctx),
        None => templates.render_bytes(name, ctx),
    })?;
    match (earlier, inputs) {
        (Some(earlier), _) => assert!(earlier == html, "{}", differs("an earlier build")),
        (None, Some(inputs)) => templates.keep_rendered_from(name, inputs, &html),
        (None, None) => {}
    }
    Ok(Output::bytes(path, html))
}

/// Sums up listing page `n` of `items` (`per_page` a page) as [`Paginator`] shows it, beside
/// `what` the listing is: the number of items and the summary of each listed page
/// ([`PageSummary::inputs`]). `None` outside watch mode, or when a listed page cannot be told
/// from another.
fn listing_inputs(
    site: &Site,
    (templates, shared): (&Templates, &ListingValues),
    what: impl std::hash::Hash,
    items: &[usize],
    per_page: usize,
    n: usize,
) -> Option<u64> {
    use std::hash::{Hash, Hasher};
    if !templates.sums_inputs() {
        return None;
    }
    let mut h = std::hash::DefaultHasher::new();
    (what, items.len(), per_page, n).hash(&mut h);
    for &p in on_page(items, per_page.max(1), n) {
        shared.summary_inputs(site, p)?.hash(&mut h);
    }
    Some(h.finish())
}

/// Listing page `n` of section `s`, with what its kind adds; the home page is the first
/// listing page of the root section.
fn section(
    site: &Site,
    templates: &Templates,
    shared: &ListingValues,
    s: usize,
    n: usize,
) -> Result<Output, Diagnostic> {
    let section = &site.sections[s];
    let feed = has_feed(site, section)
        .then(|| site.config.permalink(&format!("{}atom.xml", section.path)));
    let name = section_template(site, s);
    let inputs = section_inputs(site, (templates, shared), s, n, feed.as_deref());
    let path = crate::view::page_file(&listing_path(&section.path, n));
    made_from_inputs(templates, name, inputs, (path, &section.file.path), |render| {
        let pages = paginator(site, shared, &section.pages, &section.path, paginate_by(site, s), n);
        let mut meta = section_meta(site, section, n, pages.url.clone());
        meta.modified = if section.is_home() {
            newest(site, site.dated_pages().iter().copied())
        } else {
            let per_page = paginate_by(site, s);
            newest(site, on_page(&section.pages, per_page, n).iter().copied())
        };
        let ctx = TemplateContext::page(&meta, &section.path)
            .with("section", &SectionView::new(site, section, feed))
            .with("paginator", &pages);
        let ctx = if section.is_home() {
            home(ctx, site, shared, section)
        } else {
            let mut ctx = ctx;
            crate::kinds::section_context(site, s, &mut ctx);
            ctx
        };
        let html = render(&ctx)
            .map_err(|d| d.note(format!("khi dựng chuyên mục {}", section.file.path.display())))?;
        Ok(crate::kinds::fill_rendered(site, Some(&section.file.content_path), html))
    })
}

/// Sums up listing page `n` of section `s` ([`listing_inputs`]) with what [`SectionView`] and
/// the page's head read of the section; `None` for the home page (which shows what the kinds
/// add) and a section whose kind adds to its listing.
fn section_inputs(
    site: &Site,
    (templates, shared): (&Templates, &ListingValues),
    s: usize,
    n: usize,
    feed: Option<&str>,
) -> Option<u64> {
    let section = &site.sections[s];
    let kind = crate::kinds::of(section.kind);
    let own = &section.rendered;
    let plain = kind.lists_only_its_pages() && own.data_uses.is_empty();
    // `pccc check` keeps nothing: it sums nothing up.
    if !templates.sums_inputs() || section.is_home() || !plain {
        return None;
    }
    // As `SectionView` lists them: title, address, description, number of pages.
    let subsections: Vec<_> = (section.subsections.iter())
        .map(|&c| &site.sections[c])
        .map(|c| {
            let description = (c.meta.description.as_deref(), &c.rendered.summary_text);
            (&c.meta.title, &c.permalink, description, c.pages.len())
        })
        .collect();
    let what = (
        ("section", format!("{:?}", section.meta), &section.path, &section.permalink, feed),
        (&own.html, &own.summary_text, format!("{:?}", own.toc), own.has_code),
        subsections,
    );
    listing_inputs(site, (templates, shared), what, &section.pages, paginate_by(site, s), n)
}

/// Whether `section` has an Atom feed of its own: it is not the home page (whose feed is the
/// site's), has dated pages, and its type does not write the feed itself.
fn has_feed(site: &Site, section: &Section) -> bool {
    !section.is_home()
        && crate::kinds::of(section.kind).feeds()
        && section.pages.iter().any(|&p| site.pages[p].meta.date.is_some())
}

/// The head of listing page `n` of `section`, at `url`: the site's own on the home page.
fn section_meta(site: &Site, section: &Section, n: usize, url: String) -> MetaView {
    let title = if section.is_home() {
        None
    } else if n > 1 {
        Some(format!("{} (trang {n})", section.meta.title))
    } else {
        Some(section.meta.title.clone())
    };
    let description = section.meta.description.as_deref().unwrap_or(&section.rendered.summary_text);
    MetaView::other(site, title.as_deref(), Some(description), url)
}

/// The home page's context with the newest pages, the sections and what the kinds add.
fn home(
    ctx: TemplateContext,
    site: &Site,
    shared: &ListingValues,
    section: &Section,
) -> TemplateContext {
    let recent: Vec<tera::Value> =
        site.dated_pages().iter().copied().take(RECENT).map(|p| shared.summary(site, p)).collect();
    let sections = SectionView::new(site, section, None).subsections;
    let mut ctx = ctx.with("recent", &recent).with("sections", &sections);
    crate::kinds::home_context(site, &mut ctx);
    ctx
}

/// The newest `updated` or `date` of `pages` (RFC 3339): when a listing of them last changed.
fn newest(site: &Site, pages: impl IntoIterator<Item = usize>) -> Option<String> {
    let tz = &site.config.timezone;
    let dates: Vec<_> = pages
        .into_iter()
        .filter_map(|p| site.pages[p].meta.updated.or(site.pages[p].meta.date))
        .map(|d| (d.date(tz), d))
        .collect();
    // Written only for the newest day's dates (the home page's newest is of every dated page).
    let day = dates.iter().map(|(day, _)| *day).max()?;
    dates
        .iter()
        .filter(|(d, _)| *d == day)
        .map(|(_, d)| crate::dates::rfc3339(&d.in_zone(tz)))
        .max()
}

/// The list of all tags, with how many pages each has.
fn tags(site: &Site, templates: &Templates) -> Result<Output, Diagnostic> {
    #[derive(Serialize)]
    struct TagCount<'a> {
        name: &'a str,
        permalink: &'a str,
        count: usize,
    }
    let tags: Vec<TagCount<'_>> = site
        .tags
        .iter()
        .map(|t| TagCount { name: &t.name, permalink: &t.permalink, count: t.pages.len() })
        .collect();
    let path = format!("/{TAGS_PATH}/");
    let mut meta = MetaView::other(site, Some("Chủ đề"), None, site.config.permalink(&path));
    meta.modified = newest(site, site.tags.iter().flat_map(|t| t.pages.iter().copied()));
    let ctx = TemplateContext::page(&meta, &path).with("tags", &tags);
    Ok(Output::page(&path, templates.render("tags.html", &ctx)?))
}

/// Listing page `n` of tag `t`.
fn tag(
    site: &Site,
    templates: &Templates,
    shared: &ListingValues,
    t: usize,
    n: usize,
) -> Result<Output, Diagnostic> {
    let tag = &site.tags[t];
    let per_page = site.config.paginate_by.max(1);
    let what = ("tag", &tag.name, &tag.path, &tag.permalink);
    let inputs = listing_inputs(site, (templates, shared), what, &tag.pages, per_page, n);
    let source = Path::new(TAGS_PATH);
    let path = crate::view::page_file(&listing_path(&tag.path, n));
    made_from_inputs(templates, "tag.html", inputs, (path, source), |render| {
        let pages = paginator(site, shared, &tag.pages, &tag.path, site.config.paginate_by, n);
        let title = format!("Chủ đề “{}”", tag.name);
        let description = format!("Các bài về chủ đề {}.", tag.name);
        let mut meta = MetaView::other(site, Some(&title), Some(&description), pages.url.clone());
        meta.modified = newest(site, on_page(&tag.pages, per_page, n).iter().copied());
        let ctx = TemplateContext::page(&meta, &tag.path)
            .with("tag", &context::TagLink { name: &tag.name, permalink: &tag.permalink })
            .with("paginator", &pages);
        Ok(crate::kinds::fill_rendered(site, None, render(&ctx)?))
    })
}

/// The page shown for an address that does not exist.
fn not_found(site: &Site, templates: &Templates) -> Result<Output, Diagnostic> {
    let url = site.config.permalink("/404.html");
    let mut meta = MetaView::other(site, Some("Không tìm thấy trang"), None, url);
    meta.noindex = true;
    let ctx = TemplateContext::page(&meta, "/404.html");
    Ok(Output::bytes("404.html", templates.render("404.html", &ctx)?))
}

/// A file of the site's root made from the template of the same name, with no values of its
/// own (`robots.txt`, `site.webmanifest`).
fn file(templates: &Templates, name: &str) -> Result<Output, Diagnostic> {
    Ok(Output::bytes(name, templates.render(name, &TemplateContext::file())?))
}

/// Redirect `r`: an old address (`aliases`) sending its reader on.
fn redirect(site: &Site, templates: &Templates, r: usize) -> Result<Output, Diagnostic> {
    let redirect = &site.redirects[r];
    let ctx = TemplateContext::redirect(&redirect.to);
    let html = templates.render(crate::view::REDIRECT_TEMPLATE, &ctx)?;
    Ok(Output::bytes(redirect.output.clone(), html))
}

/// The path of listing page `n` of a listing at `base` (`/bai-viet/`).
fn listing_path(base: &str, n: usize) -> String {
    if n == 1 { base.to_string() } else { format!("{base}{PAGINATION_PATH}/{n}/") }
}

fn paginator(
    site: &Site,
    shared: &ListingValues,
    items: &[usize],
    base: &str,
    per_page: usize,
    n: usize,
) -> Paginator {
    let total_pages = pages_needed(items.len(), per_page);
    let url = |k: usize| site.config.permalink(&listing_path(base, k));
    Paginator {
        number: n,
        url: url(n),
        total_pages,
        total_items: items.len(),
        items: on_page(items, per_page, n).iter().map(|&p| shared.summary(site, p)).collect(),
        previous: (n > 1).then(|| url(n - 1)),
        next: (n < total_pages).then(|| url(n + 1)),
        links: page_window(n, total_pages)
            .into_iter()
            .scan(0, |last, k| {
                let gap = k > *last + 1 && *last > 0;
                *last = k;
                Some(PageNumber { number: k, url: url(k), current: k == n, gap })
            })
            .collect(),
    }
}

/// The listing pages a listing page links to by number: the first, the last, and the two on
/// each side of page `n`. A list of years of articles would otherwise show hundreds of numbers
/// on a phone (and cost the build a link to every listing page on every listing page).
fn page_window(n: usize, total: usize) -> Vec<usize> {
    let mut pages: Vec<usize> = [1, total].into_iter().chain(n.saturating_sub(2)..=n + 2).collect();
    pages.retain(|&k| (1..=total).contains(&k));
    pages.sort_unstable();
    pages.dedup();
    pages
}

#[derive(Serialize)]
struct FeedView<'a> {
    title: String,
    subtitle: &'a str,
    permalink: String,
    alternate: String,
    updated: String,
    entries: Vec<FeedEntry<'a>>,
}

#[derive(Serialize)]
struct FeedEntry<'a> {
    title: &'a str,
    permalink: &'a str,
    published: String,
    updated: String,
    summary: String,
    content: String,
    tags: Vec<context::TagLink<'a>>,
}

/// The dated pages of section `s`, newest first.
fn dated_in(site: &Site, s: usize) -> Vec<usize> {
    let section = &site.sections[s];
    let mut pages: Vec<usize> =
        section.pages.iter().copied().filter(|&p| site.pages[p].meta.date.is_some()).collect();
    crate::model::sort_pages(
        &site.pages,
        &mut pages,
        crate::model::meta::SortBy::Date,
        &site.config,
    );
    pages
}

fn feed(site: &Site, templates: &Templates, section: Option<usize>) -> Result<Output, Diagnostic> {
    let config = &site.config;
    let tz = &config.timezone;
    let (title, subtitle, base, pages) = match section {
        Some(s) => {
            let sec = &site.sections[s];
            let title = format!("{} | {}", sec.meta.title, config.title);
            let subtitle = sec.meta.description.as_deref().unwrap_or("");
            (title, subtitle, sec.path.clone(), dated_in(site, s))
        }
        None => (
            config.title.clone(),
            config.description.as_str(),
            "/".to_string(),
            site.dated_pages().to_vec(),
        ),
    };
    let entries: Vec<FeedEntry<'_>> = pages
        .iter()
        .take(config.feeds.limit)
        .map(|&p| {
            let page = &site.pages[p];
            let published =
                page.meta.date.map(|d| DateView::new(&d, tz).rfc3339).unwrap_or_default();
            let updated = page
                .meta
                .updated
                .map(|d| DateView::new(&d, tz).rfc3339)
                .unwrap_or_else(|| published.clone());
            FeedEntry {
                title: &page.meta.title,
                permalink: &page.permalink,
                published,
                updated,
                summary: match &page.meta.description {
                    Some(description) => description.clone(),
                    None => crate::kinds::fill_data_uses(site, None, page.rendered.summary.clone()),
                },
                // The values of its `{{ chi_tieu(…) }}`, as on the page.
                content: crate::kinds::fill_data_uses(
                    site,
                    Some(&page.file.content_path),
                    page.rendered.html.to_string(),
                ),
                tags: page
                    .tags
                    .iter()
                    .map(|&t| context::TagLink {
                        name: &site.tags[t].name,
                        permalink: &site.tags[t].permalink,
                    })
                    .collect(),
            }
        })
        .collect();
    let updated = entries
        .iter()
        .map(|e| e.updated.clone())
        .max()
        .unwrap_or_else(|| DateView::of_date(site.today, tz).rfc3339);
    let view = FeedView {
        title,
        subtitle,
        permalink: config.permalink(&format!("{base}atom.xml")),
        alternate: config.permalink(&base),
        updated,
        entries,
    };
    let xml = templates.render("atom.xml", &TemplateContext::file().with("feed", &view))?;
    Ok(Output::bytes(format!("{}atom.xml", &base[1..]), xml))
}

/// `sitemap.xml` of the pages written, by URL.
fn sitemap_of(
    templates: &Templates,
    mut entries: Vec<sitemap::Entry>,
) -> Result<Output, Diagnostic> {
    entries.sort_by(|a, b| a.permalink.cmp(&b.permalink));
    let ctx = TemplateContext::file().with("entries", &entries);
    Ok(Output::bytes("sitemap.xml", templates.render("sitemap.xml", &ctx)?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listing_paths() {
        assert_eq!(listing_path("/bai-viet/", 1), "/bai-viet/");
        assert_eq!(listing_path("/bai-viet/", 3), "/bai-viet/trang/3/");
        assert_eq!(pages_needed(0, 10), 1);
        assert_eq!(pages_needed(21, 10), 3);
    }

    #[test]
    fn long_listings_link_the_ends_and_the_neighbours() {
        assert_eq!(page_window(1, 1), [1]);
        assert_eq!(page_window(2, 4), [1, 2, 3, 4]);
        assert_eq!(page_window(1, 400), [1, 2, 3, 400]);
        assert_eq!(page_window(200, 400), [1, 198, 199, 200, 201, 202, 400]);
        assert_eq!(page_window(399, 400), [1, 397, 398, 399, 400]);
    }

    #[test]
    fn fnv_is_stable() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
