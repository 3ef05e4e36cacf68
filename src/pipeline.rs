//! The whole pipeline, load -> parse -> model -> render -> write, as one call per command.

use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicBool;
use std::sync::atomic::Ordering::Relaxed;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use jiff::civil::Date;

use crate::diagnostic::{Diagnostic, Problems};
use crate::model::{self, Site};
use crate::render;
use crate::view::{Output, Previous};

mod cache;

/// How to build.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site's root folder (where `site.toml` is).
    pub root: PathBuf,
    /// The day to treat as today; by default the current date in the site's time zone.
    pub as_of: Option<Date>,
    /// Include drafts.
    pub drafts: bool,
    /// Use this base URL instead of the one in `site.toml` (for previews); checked by the
    /// caller with [`crate::config::check_base_url`].
    pub base_url: Option<String>,
    /// Fail while `site.toml` still holds placeholders or an example `base_url`
    /// ([`crate::config::Config::placeholders`]): the publishing step's build.
    pub strict: bool,
    /// Write into this folder instead of `output_dir` (`-o`): relative to the site's root, or
    /// absolute; the same rules apply.
    pub output_dir: Option<PathBuf>,
}

/// What a build produced.
#[derive(Debug)]
pub struct Generated {
    /// The assembled site.
    pub site: Site,
    /// Every output file.
    pub outputs: Vec<Output>,
    /// Problems that did not stop the build.
    pub warnings: Problems,
}

/// A summary of a finished build, for the terminal.
#[derive(Debug)]
pub struct Report {
    /// Pages built.
    pub pages: usize,
    /// Sections built.
    pub sections: usize,
    /// Files in the output.
    pub files: usize,
    /// Where the output went, when it was written.
    pub output_dir: Option<PathBuf>,
    /// Problems that did not stop the build.
    pub warnings: Problems,
    /// Wall time.
    pub elapsed: Duration,
    /// The day the build treated as today.
    pub today: Date,
    /// The site's address the links were made with.
    pub base_url: String,
    /// Nothing was rendered or written: the output was already this build's ([`cache`]).
    pub unchanged: bool,
    /// Files taken from the previous output instead of rendered ([`crate::view::Previous`]):
    /// all of them when `unchanged`.
    pub taken: usize,
    /// Markdown bodies taken from the previous build instead of rendered
    /// ([`model::BodyCache::restore`]).
    pub bodies_taken: usize,
    /// Search documents whose counted words were taken from the previous build instead of
    /// counted again ([`crate::search::kept`]).
    pub search_taken: usize,
}

/// Runs every stage up to rendering, in memory.
pub fn generate(options: &BuildOptions) -> Result<Generated, Problems> {
    generate_for(options, Writes::No)
}

/// What watch mode keeps of a build: the generated site, and the static files and templates it
/// was rendered with, the templates rendering with `memo` ([`crate::view::Memo`]) so that
/// outputs whose template and values did not change since an earlier build are not rendered
/// again, and the parsed pages and bodies of unchanged pages taken from `remembered`. The
/// outputs are those watch mode shows before the reload: all but those that gather many pages
/// ([`render::render_before_gathering`]).
pub fn generate_remembering(
    options: &BuildOptions,
    memo: &std::sync::Arc<crate::view::Memo>,
    remembered: &model::Remembered,
) -> Result<(Generated, render::Statics, crate::view::Templates), Problems> {
    let Prepared { site, mut templates, statics, warnings, .. } =
        prepare(options, Writes::No, Some(remembered))?;
    templates.remember(std::sync::Arc::clone(memo));
    let outputs = render::render_before_gathering(&site, &templates, &statics)?;
    crate::output::check(&outputs, &site.config.output_dir)?;
    Ok((Generated { site, outputs, warnings }, statics, templates))
}

fn generate_for(options: &BuildOptions, writes: Writes) -> Result<Generated, Problems> {
    let Prepared { site, templates, statics, warnings, .. } = prepare(options, writes, None)?;
    let outputs = render::render(&site, &templates, &statics)?;
    crate::output::check(&outputs, &site.config.output_dir)?;
    Ok(Generated { site, outputs, warnings })
}

/// The assembled site and what rendering it needs.
struct Prepared {
    site: Site,
    templates: crate::view::Templates,
    statics: render::Statics,
    warnings: Problems,
    /// The output folder: for a command that writes it, as the file system reaches it, checked
    /// to be a place the build may replace ([`crate::output::target`]); else as configured.
    output_dir: PathBuf,
}

/// Whether a command would write the output folder.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Writes {
    /// `build`, which writes it.
    Output,
    /// `check`, which tells what `build` would refuse, and what is still to be filled in.
    Checked,
    /// `serve`, which builds into memory.
    No,
}

fn prepare(
    options: &BuildOptions,
    writes: Writes,
    remembered: Option<&model::Remembered>,
) -> Result<Prepared, Problems> {
    let configured = configure(options, writes)?;
    let earlier = remembered.map_or_else(model::Earlier::default, model::Remembered::earlier);
    assemble(options, configured, remembered.map(|r| &r.files), earlier)
}

/// A command's settings, resolved: the site's configuration with the options applied.
struct Configured {
    root: PathBuf,
    config: crate::config::Config,
    /// See [`Prepared::output_dir`]; an error is reported with the content's problems.
    output_dir: Result<PathBuf, Diagnostic>,
    today: Date,
    /// What is still to be filled in, for `check` and `--strict`.
    placeholders: Vec<Diagnostic>,
}

fn configure(options: &BuildOptions, writes: Writes) -> Result<Configured, Problems> {
    let root = canonical_root(&options.root)?;
    let mut config = crate::config::load(&root)?;
    if let Some(base_url) = &options.base_url {
        config.base_url = base_url.trim_end_matches('/').to_string();
    }
    if let Some(dir) = &options.output_dir {
        config.set_output_dir(dir).map_err(|message| {
            Diagnostic::error("--output-dir", message)
                .help("chọn một thư mục con của thư mục trang, ví dụ: -o public")
        })?;
    }
    // Checked before anything is written; reported together with the content's problems.
    let output_dir = match writes {
        Writes::Output | Writes::Checked => crate::output::target::resolve(&config),
        Writes::No => Ok(config.output_dir.clone()),
    };
    // What is still to be filled in: warnings of `check`, errors of `--strict`. A plain
    // `build` and `serve` (previews) stay quiet: residents read "đang cập nhật" meanwhile.
    let placeholders = if options.strict || writes == Writes::Checked {
        config.placeholders(options.strict)
    } else {
        Vec::new()
    };
    let today = crate::dates::today(options.as_of, &config.timezone);
    Ok(Configured { root, config, output_dir, today, placeholders })
}

fn assemble(
    options: &BuildOptions,
    configured: Configured,
    known: Option<&crate::load::Known>,
    earlier: model::Earlier<'_>,
) -> Result<Prepared, Problems> {
    let loaded = crate::load::load_content_known(&configured.root, known);
    assemble_loaded(options, configured, loaded, earlier)
}

/// [`assemble`] with the content loaded.
fn assemble_loaded(
    options: &BuildOptions,
    configured: Configured,
    loaded: Result<crate::load::Loaded, Problems>,
    earlier: model::Earlier<'_>,
) -> Result<Prepared, Problems> {
    let Configured { config, output_dir, today, placeholders, .. } = configured;
    // While one core compiles the grammars of the code the pages show, the other reads the
    // static files, compiles the templates and compiles grammars too, then assembles the site:
    // its pages' bodies are the first to need the grammars.
    let code: Vec<(String, Arc<str>)> = match &loaded {
        Ok(loaded) if config.markdown.highlight_code => {
            let files = loaded.markdown.iter();
            files.map(|file| (file.content_path.clone(), Arc::clone(&file.text))).collect()
        }
        _ => Vec::new(),
    };
    let kept = earlier.bodies;
    let warming: OnceLock<crate::highlight::Warming<'_>> = OnceLock::new();
    // Set once the site is assembled: warming up after that would serve nothing.
    let assembled_yet = AtomicBool::new(false);
    let ((assembled, rendering), ()) = rayon::join(
        || {
            let rendering = Rendering::prepare(&config);
            if let Some(warming) = warming.get() {
                warming.help();
            }
            let assembled = loaded.and_then(|loaded| {
                let options = model::Options { today, drafts: options.drafts };
                model::assemble_cached(config, loaded, options, &crate::kinds::types(), earlier)
            });
            assembled_yet.store(true, Relaxed);
            (assembled, rendering)
        },
        || {
            if !assembled_yet.load(Relaxed) {
                warm_up(&code, kept, &warming);
            }
        },
    );
    let ((site, mut warnings), output_dir) = match (assembled, output_dir) {
        (Ok(assembled), Ok(output_dir)) if !options.strict || placeholders.is_empty() => {
            (assembled, output_dir)
        }
        (assembled, output_dir) => {
            let mut problems: Problems = assembled.err().unwrap_or_default();
            problems.extend(output_dir.err());
            if options.strict {
                problems.extend(placeholders);
            }
            problems.sort();
            return Err(problems);
        }
    };
    warnings.extend(placeholders);
    let (templates, statics) = rendering.finish(&site)?;
    warnings.sort();
    Ok(Prepared { site, templates, statics, warnings, output_dir })
}

/// Starts compiling the grammars of the code blocks of `code` (each page's content path and
/// text), but for the bodies `kept` holds: an assembly takes those as they were.
fn warm_up<'a>(
    code: &'a [(String, Arc<str>)],
    kept: Option<&model::BodyCache>,
    warming: &OnceLock<crate::highlight::Warming<'a>>,
) {
    let blocks = code.iter().flat_map(|(path, text)| {
        let blocks = crate::markdown::fenced_blocks(text);
        let taken = !blocks.is_empty() && kept.is_some_and(|kept| kept.holds(path, text));
        if taken { Vec::new() } else { blocks }
    });
    warming.get_or_init(|| crate::highlight::Warming::new(blocks)).help();
}

/// What rendering needs that is prepared before the site is assembled: the static files and the
/// compiled templates.
struct Rendering {
    statics: Result<render::Statics, Problems>,
    compiled: Result<crate::view::Compiled, Problems>,
}

impl Rendering {
    fn prepare(config: &crate::config::Config) -> Rendering {
        let statics = render::statics_of(config);
        Rendering { statics, compiled: crate::view::Templates::compile(config) }
    }

    /// The static files with the code's stylesheet if `site` needs it, and the templates for
    /// `site`; or the problems of both.
    fn finish(self, site: &Site) -> Result<(crate::view::Templates, render::Statics), Problems> {
        match (render::with_code_style(self.statics, site), self.compiled) {
            (Ok(statics), Ok(compiled)) => {
                Ok((render::templates_for(compiled, site, &statics)?, statics))
            }
            (statics, compiled) => {
                let mut problems = statics.err().unwrap_or_default();
                problems.extend(compiled.err().into_iter().flatten());
                problems.sort();
                Err(problems)
            }
        }
    }
}

/// How many files `build` renders before writing them and rendering the next ones: enough to
/// keep both cores busy, few enough that the whole output is never in memory at once.
const WRITE_BATCH: usize = 512;

/// How many rendered batches may wait for the writer: rendering runs ahead of writing by at most
/// this many, which bounds the memory held.
const WRITE_QUEUE: usize = 2;

/// `pccc build`: generates the site and puts it in the output folder. Outputs are written into a
/// staging folder batch by batch as they are rendered; the output folder changes only when
/// everything succeeded, switched whole for the new one ([`crate::output`]), with the build
/// cache ([`cache`]) in it. When that cache says the output is already what this build would
/// make, nothing is rendered or written.
pub fn build(options: &BuildOptions) -> Result<Report, Problems> {
    let start = Instant::now();
    let configured = configure(options, Writes::Output)?;
    // Every input read and summed up, and the previous build's cache read (7 MB at 10,000
    // pages), side by side.
    let (key, cache) = rayon::join(
        || {
            let output_dir = configured.output_dir.as_ref().ok()?;
            let settings = cache::Settings {
                today: configured.today.to_string(),
                drafts: options.drafts,
                base_url: configured.config.base_url.clone(),
                output_dir: output_dir.clone(),
                strict: options.strict,
            };
            let named: Vec<PathBuf> = configured.config.map.outline_file.iter().cloned().collect();
            cache::Key::new(&configured.root, settings, &named)
        },
        || configured.output_dir.as_deref().ok().and_then(cache::Cache::read),
    );
    if let (Some(key), Ok(output_dir), Some(cache)) = (&key, &configured.output_dir, &cache)
        && let Some(summary) = cache.unchanged(output_dir, key)
    {
        crate::output::sweep(output_dir);
        return Ok(Report {
            pages: summary.pages,
            sections: summary.sections,
            files: summary.files,
            output_dir: Some(output_dir.clone()),
            warnings: summary.warnings(),
            elapsed: start.elapsed(),
            today: configured.today,
            base_url: configured.config.base_url.clone(),
            unchanged: true,
            taken: summary.files,
            bodies_taken: 0,
            search_taken: 0,
        });
    }
    // What the previous output holds is indexed (50,000 files at 10,000 pages) while the site
    // is assembled; the bodies the previous build rendered, when it was this program's with
    // these settings, are read while the content is loaded (else an empty cache, which the
    // assembly fills for the next build).
    let output_dir = configured.output_dir.as_ref().ok().cloned();
    let same_build = matches!((&key, &cache), (Some(key), Some(cache)) if cache.same_build(key));
    let ((prepared, bodies, search), previous) = rayon::join(
        || {
            let (loaded, (bodies, search)) = rayon::join(
                || crate::load::load_content_known(&configured.root, None),
                || match (&key, output_dir.as_deref().filter(|_| same_build)) {
                    (Some(key), Some(output_dir)) => cache::left(output_dir, key),
                    _ => (None, None),
                },
            );
            let bodies = bodies.unwrap_or_default();
            let earlier = model::Earlier { bodies: Some(&bodies), ..model::Earlier::default() };
            (assemble_loaded(options, configured, loaded, earlier), bodies, search)
        },
        || match (&key, &output_dir, cache) {
            (Some(key), Some(output_dir), Some(cache)) => cache.previous(output_dir, key),
            _ => None,
        },
    );
    let mut prepared = prepared?;
    let previous = Arc::new(previous.unwrap_or_else(Previous::none));
    let kept = key.as_ref().map(|key| Kept { key, bodies: &bodies, search: search.as_ref() });
    let written = write_whole(&mut prepared, kept, Arc::clone(&previous), start);
    discard((prepared, bodies, search, previous));
    written
}

/// [`write`], and again without taking anything from the previous output when another build
/// replaced it while this one took files from it: everything is then rendered again.
fn write_whole(
    prepared: &mut Prepared,
    kept: Option<Kept<'_>>,
    previous: Arc<Previous>,
    start: Instant,
) -> Result<Report, Problems> {
    match write(prepared, kept, previous, start)? {
        Written::Done(report) => Ok(report),
        Written::KeptGone => match write(prepared, kept, Previous::none().into(), start)? {
            Written::Done(report) => Ok(report),
            Written::KeptGone => unreachable!("nothing was taken from the previous output"),
        },
    }
}

/// Drops `value` on a thread of its own, so that the command ends without waiting for it: the
/// memory a build held (pages, bodies, what the previous output holds) took about 0.1 s to
/// give back at 10,000 pages, and a process that exits gives it back at once. Only for values
/// whose dropping does nothing but free memory (no file is removed or flushed).
fn discard<T: Send + 'static>(value: T) {
    // A thread that cannot be started drops the value here.
    let _ = std::thread::Builder::new().name("discard".into()).spawn(move || drop(value));
}

/// How [`write`] ended, when no problem stopped it.
enum Written {
    Done(Report),
    /// A file taken from the previous output was replaced by another build meanwhile
    /// ([`crate::output::Staging::kept_gone`]): nothing was switched in.
    KeptGone,
}

/// What a build keeps beside its output for the next one: the cache for its key, the bodies it
/// rendered, and what its search index gathered.
#[derive(Clone, Copy)]
struct Kept<'a> {
    key: &'a cache::Key,
    bodies: &'a model::BodyCache,
    /// `None` in a first build ([`build`]).
    search: Option<&'a crate::search::kept::Kept>,
}

/// Renders the prepared site into a staging folder, taking from the previous output what
/// `previous` says it has, with what `kept` says (nothing but an empty cache without it), and
/// switches it in.
fn write(
    prepared: &mut Prepared,
    kept: Option<Kept<'_>>,
    previous: Arc<Previous>,
    start: Instant,
) -> Result<Written, Problems> {
    prepared.templates.follow(Arc::clone(&previous));
    let Prepared { site, templates, statics, warnings, output_dir } = &*prepared;
    let (batches, writer) = writer(output_dir);
    // The bodies are put into bytes while the pages render (54 MB, compressed to 6 MB, at
    // 10,000 pages), on a thread of their own (not the pool's, which renders and compresses the
    // outputs meanwhile), and written as soon as they are.
    let rendered = std::thread::scope(|scope| {
        scope.spawn(|| {
            let bytes = kept.map(|kept| kept.bodies.save(kept.key.program())).unwrap_or_default();
            let _ = batches.send(ToWriter::Cache(crate::output::BODIES, bytes));
        });
        let search = kept.and_then(|kept| kept.search);
        render::render_batches(site, templates, statics, search, WRITE_BATCH, |batch| {
            // Compressed here, beside the rendering, so that the writer only writes.
            let copies = crate::output::copies(&batch, output_dir, site.config.precompress);
            // The writer stops only by panicking, which `join` below reports.
            let _ = batches.send(ToWriter::Outputs(batch, copies));
        })
    });
    drop(batches);
    let mut staging = writer.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic));
    if staging.kept_gone() {
        return Ok(Written::KeptGone);
    }
    // Dropping the staging folder unfinished removes it and keeps the previous output.
    rendered?;
    let search = kept.and_then(|kept| kept.search).map(|search| search.bytes());
    let search = search.unwrap_or_default();
    staging.put_cache(crate::output::SEARCH, search);
    // Without a key an empty cache, which no build trusts, replaces the previous one.
    let cache = kept.map_or_else(Vec::new, |kept| {
        let sections = site.sections.iter().filter(|s| s.built).count();
        let summary = cache::Summary::new(site.pages.len(), sections, staging.files(), warnings);
        cache::encode(kept.key, &summary, staging.manifest(), &previous)
    });
    staging.put_cache(crate::output::CACHE, cache);
    let written = staging.finish()?;
    let mut warnings = warnings.clone();
    if let Some(in_place) = written.in_place {
        warnings.push(in_place.warning(output_dir));
    }
    let mut report = report(site, warnings, written.files, Some(output_dir.clone()), start);
    report.taken = previous.counts().0;
    report.bodies_taken = kept.map_or(0, |kept| kept.bodies.taken());
    report.search_taken = kept.and_then(|kept| kept.search).map_or(0, |search| search.taken());
    Ok(Written::Done(report))
}

/// What the rendering hands the writer thread ([`writer`]).
enum ToWriter {
    /// Outputs to write, with their compressed copies.
    Outputs(Vec<Output>, crate::output::Copies),
    /// A file of the build cache, ready before the last outputs are.
    Cache(&'static str, Vec<u8>),
}

/// The thread that writes a build's outputs into a staging folder for `output_dir` while the
/// others render the next batches (on a large site the file system's work, making folders and
/// files, takes about as long as rendering), and what to send it: it returns the staging
/// folder once the sender is dropped.
fn writer(
    output_dir: &std::path::Path,
) -> (std::sync::mpsc::SyncSender<ToWriter>, std::thread::JoinHandle<crate::output::Staging>) {
    let (sender, received) = std::sync::mpsc::sync_channel::<ToWriter>(WRITE_QUEUE);
    let output_dir = output_dir.to_path_buf();
    let writer = std::thread::spawn(move || {
        let mut staging = crate::output::Staging::new(&output_dir);
        for message in received {
            match message {
                ToWriter::Outputs(batch, copies) => staging.write_with(&batch, copies),
                ToWriter::Cache(name, bytes) => staging.put_cache(name, bytes),
            }
        }
        staging
    });
    (sender, writer)
}

/// `pccc check`: everything `build` does except writing.
pub fn check(options: &BuildOptions) -> Result<Report, Problems> {
    let start = Instant::now();
    let generated = generate_for(options, Writes::Checked)?;
    let files = generated.outputs.len();
    Ok(report(&generated.site, generated.warnings, files, None, start))
}

fn report(
    site: &Site,
    warnings: Problems,
    files: usize,
    output_dir: Option<PathBuf>,
    start: Instant,
) -> Report {
    Report {
        pages: site.pages.len(),
        sections: site.sections.iter().filter(|s| s.built).count(),
        files,
        output_dir,
        warnings,
        elapsed: start.elapsed(),
        today: site.today,
        base_url: site.config.base_url.clone(),
        unchanged: false,
        taken: 0,
        bodies_taken: 0,
        search_taken: 0,
    }
}

fn canonical_root(root: &Path) -> Result<PathBuf, Problems> {
    let root = if root.as_os_str().is_empty() { Path::new(".") } else { root };
    std::fs::canonicalize(root).map_err(|e| {
        Problems::from(
            crate::diagnostic::io_error(root, "mở thư mục", &e)
                .help("kiểm tra đường dẫn truyền cho --root"),
        )
    })
}

/// Checks that `root` looks like a site, for commands that create files in it.
pub fn site_root(root: &Path) -> Result<PathBuf, Problems> {
    let root = canonical_root(root)?;
    if !root.join(crate::config::FILE_NAME).is_file() {
        return Err(Diagnostic::error(crate::config::FILE_NAME, "không tìm thấy tệp site.toml")
            .help("chạy lệnh trong thư mục của trang, hoặc dùng --root")
            .into());
    }
    Ok(root)
}
