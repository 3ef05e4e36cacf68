//! The model stage: parsed documents assembled into a complete, immutable [`Site`].
//!
//! Assembly decides what a build contains (drafts and dates), gives every page and section its
//! URL, finds files to copy, checks links between pages, renders Markdown bodies (in parallel),
//! and groups pages by tag. [`assemble`] shows the steps in order; each is a function of one
//! file below that returns finished values. Every problem found on the way is collected; the
//! site is returned only when there is none.

mod bodies;
pub use bodies::{BodyCache, ShareImage};
pub use parse::ParseCache;
mod config_links;
mod files;
pub mod links;
pub mod meta;
mod outline;
mod pages;
pub mod parse;
mod redirects;
mod sections;
mod tags;
mod targets;
mod tone;
pub use tone::ToneCache;
mod roster;
pub mod update;

use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;

use crate::config::Config;
use crate::content_type::{DataSet, PageFields, PageType, Types};
use crate::diagnostic::{Diagnostic, Problems};
use crate::load::{DataFile, Loaded, SourceFile};
use crate::markdown::{Heading, MarkdownOptions, Rendered};
use links::LinkIndex;
use meta::{PageMeta, SectionMeta, SortBy};
pub use sections::unknown_type;

/// The first part of the URL of tag pages: `/chu-de/<tag>/`.
pub const TAGS_PATH: &str = "chu-de";
/// The URL part before a listing's page number: `/bai-viet/trang/2/`.
pub const PAGINATION_PATH: &str = "trang";

/// What a build includes.
#[derive(Debug, Clone, Copy)]
pub struct Options {
    /// The day the build treats as today.
    pub today: Date,
    /// Include drafts.
    pub drafts: bool,
}

/// What a watch-mode session keeps of its assemblies, so that assembling again after an edit
/// parses and renders only the pages that changed.
#[derive(Default)]
pub struct Remembered {
    /// Markdown files read.
    pub files: crate::load::Known,
    /// Pages parsed.
    pub parsed: ParseCache,
    /// Bodies rendered.
    pub bodies: BodyCache,
    /// Tone-mark warnings found.
    pub tone_marks: ToneCache,
}

impl Remembered {
    /// What assembling again takes from this session's earlier assemblies.
    pub fn earlier(&self) -> Earlier<'_> {
        Earlier {
            parsed: Some(&self.parsed),
            bodies: Some(&self.bodies),
            tone_marks: Some(&self.tone_marks),
        }
    }
}

/// What an assembly takes from earlier ones: watch mode's [`Remembered`], or the bodies a build
/// finds beside the output it replaces ([`BodyCache::restore`]). What is absent is made anew.
#[derive(Clone, Copy, Default)]
pub struct Earlier<'a> {
    /// Pages parsed.
    pub parsed: Option<&'a ParseCache>,
    /// Bodies rendered.
    pub bodies: Option<&'a BodyCache>,
    /// Tone-mark warnings found.
    pub tone_marks: Option<&'a ToneCache>,
}

/// A section: a folder of `content/` with an `_index.md`.
#[derive(Debug, Clone)]
pub struct Section {
    /// The `_index.md` file.
    pub file: SourceFile,
    /// Its front matter.
    pub meta: SectionMeta,
    /// Its folder relative to `content/` (`""` for the home page).
    pub dir: String,
    /// Its URL path (`/bai-viet/`).
    pub path: String,
    /// Its absolute URL.
    pub permalink: String,
    /// The content type of its pages.
    pub kind: &'static dyn PageType,
    /// Its parent section.
    pub parent: Option<usize>,
    /// Its child sections, in order.
    pub subsections: Vec<usize>,
    /// Its pages, in the section's order.
    pub pages: Vec<usize>,
    /// Its headings.
    pub headings: Vec<Heading>,
    /// Its rendered body.
    pub rendered: Rendered,
    /// Pages and sections its body links to (paths relative to `content/`).
    pub links_to: Vec<String>,
    /// Whether it is in this build (a draft section is not, nor the sections under it).
    pub built: bool,
}

impl Section {
    /// Whether this is the home page's section.
    pub fn is_home(&self) -> bool {
        self.dir.is_empty()
    }
}

/// A page of the site.
#[derive(Debug, Clone)]
pub struct Page {
    /// The Markdown file.
    pub file: SourceFile,
    /// Fields every page has.
    pub meta: PageMeta,
    /// Its content type.
    pub kind: &'static dyn PageType,
    /// Fields of its content type.
    pub fields: Arc<dyn PageFields>,
    /// Its front matter and fields summed up (`ParsedPage::sum`); 0 when not summed up.
    pub sum: u64,
    /// Its title's place in Vietnamese dictionary order (`ParsedPage::title_key`).
    pub title_key: crate::text::SortKey,
    /// Its section.
    pub section: usize,
    /// The last part of its URL.
    pub slug: String,
    /// Its URL path (`/bai-viet/a/`).
    pub path: String,
    /// Its absolute URL.
    pub permalink: String,
    /// Its headings.
    pub headings: Vec<Heading>,
    /// Its rendered body.
    pub rendered: Rendered,
    /// Pages and sections its body links to (paths relative to `content/`).
    pub links_to: Vec<String>,
    /// Its own picture for share cards (`image:`); the site's picture when `None`.
    pub share_image: Option<ShareImage>,
    /// Its tags, as indices into [`Site::tags`].
    pub tags: Vec<usize>,
}

/// A tag and the pages that carry it.
#[derive(Debug, Clone)]
pub struct Tag {
    /// The tag as written (its most common spelling).
    pub name: String,
    /// Its slug.
    pub slug: String,
    /// Its URL path (`/chu-de/thoat-nan/`).
    pub path: String,
    /// Its absolute URL.
    pub permalink: String,
    /// Its pages, newest first.
    pub pages: Vec<usize>,
}

/// A file copied as is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CopiedFile {
    /// Absolute path of the source.
    pub source: PathBuf,
    /// Path in the output folder, `/`-separated.
    pub output: String,
}

/// An old URL that redirects to a page.
#[derive(Debug, Clone)]
pub struct Redirect {
    /// Path in the output folder of the redirect page.
    pub output: String,
    /// The absolute URL it redirects to.
    pub to: String,
}

/// An entry of the main menu, resolved.
#[derive(Debug, Clone)]
pub struct MenuLink {
    /// The text.
    pub name: String,
    /// The absolute URL.
    pub url: String,
    /// The site path when the link is internal, to mark the current entry.
    pub path: Option<String>,
}

/// A notice of `site.toml` shown on every page of this build.
#[derive(Debug, Clone)]
pub struct ActiveAlert {
    /// The text.
    pub message: String,
    /// How urgent.
    pub level: crate::config::AlertLevel,
    /// Where "more" leads, resolved.
    pub url: Option<String>,
}

/// The whole site, complete and immutable.
#[derive(Debug)]
pub struct Site {
    /// The configuration.
    pub config: Config,
    /// The day the build treats as today.
    pub today: Date,
    /// Whether drafts are built (`pccc serve`, `--drafts`): a page's draft mark then decides
    /// nothing of whether or where it is built, only its notice.
    pub drafts: bool,
    /// Sections; the home page's section first.
    pub sections: Vec<Section>,
    /// Pages in this build.
    pub pages: Vec<Page>,
    /// Tags, in Vietnamese alphabetical order.
    pub tags: Vec<Tag>,
    /// Files copied beside pages.
    pub files: Vec<CopiedFile>,
    /// Redirects from old URLs.
    pub redirects: Vec<Redirect>,
    /// The main menu.
    pub menu: Vec<MenuLink>,
    /// Notices from `site.toml` current on the build's day.
    pub alerts: Vec<ActiveAlert>,
    /// Whether some page has highlighted code.
    pub has_code: bool,
    /// Where links can go: every page, section and copied file, with heading ids.
    pub links: LinkIndex,
    /// The Markdown options the bodies were rendered with.
    pub markdown: MarkdownOptions,
    /// The data sets (such as the public list of violations), loaded, in the registry's order.
    pub data: DataSets,
    /// The dated pages readers see, newest first ([`Site::dated_pages`]).
    dated: Vec<usize>,
}

impl Page {
    /// The fields of its content type, when they are of type `T`.
    pub fn fields<T: std::any::Any>(&self) -> Option<&T> {
        self.fields.get::<T>()
    }

    /// Whether the page appears in the lists of the site: section listings (the home page's
    /// included), "Bài mới", tag pages, the Atom feeds, the sitemap and search. A page for the
    /// ward's editors (`editors_only: true`, such as the editors' guide) is built at its
    /// address but listed nowhere: residents reach it only by a link.
    pub fn is_listed(&self) -> bool {
        self.meta.is_listed()
    }

    /// What it is ordered by in lists.
    fn ordered(&self) -> Ordered<'_> {
        Ordered { meta: &self.meta, title: &self.title_key, path: &self.path }
    }
}

/// The data sets of a site, each as its type loaded it.
#[derive(Debug, Default)]
pub struct DataSets(Vec<Box<dyn DataSet>>);

impl DataSets {
    /// The summary's text of a body with data shortcodes, their values in it.
    fn summary_text(&self, rendered: &Rendered, types: &Types) -> String {
        crate::markdown::fill_summary_text(&rendered.marked_summary_text, |n| {
            let Some(data_use) = rendered.data_uses.get(n) else { return String::new() };
            let mut sets = types.data.iter().zip(&self.0);
            sets.find_map(|(t, set)| t.use_text(set.as_ref(), data_use)).unwrap_or_default()
        })
    }

    /// Every data shortcode of `pages` (`{{ chi_tieu(…) }}`) checked by the data set it names,
    /// placed where it is written: an unknown record or a day with no data.
    fn check_uses(&self, bodies: &[(&SourceFile, &Rendered)], types: &Types) -> Vec<Diagnostic> {
        let mut problems = Vec::new();
        for (file, rendered) in bodies {
            for data_use in &rendered.data_uses {
                let checked = types
                    .data
                    .iter()
                    .zip(&self.0)
                    .find_map(|(t, set)| t.check_use(set.as_ref(), data_use));
                let problem = match checked {
                    Some(Ok(())) => continue,
                    Some(Err(problem)) => problem,
                    None => crate::content_type::UseProblem {
                        message: "trang web này không có số liệu chỉ tiêu".to_string(),
                        help: "bỏ mã ngắn chi_tieu đi".to_string(),
                    },
                };
                problems.push(
                    Diagnostic::error(&file.path, problem.message)
                        .at(&file.text, data_use.span.clone())
                        .help(problem.help),
                );
            }
        }
        problems
    }

    /// The data set of type `T`, when the site has one.
    pub fn get<T: std::any::Any>(&self) -> Option<&T> {
        self.0.iter().find_map(|set| (set.as_ref() as &dyn std::any::Any).downcast_ref())
    }
}

impl Site {
    /// The home page's section.
    pub fn home(&self) -> &Section {
        &self.sections[0]
    }

    /// Pages with a date, newest first.
    pub fn dated_pages(&self) -> &[usize] {
        &self.dated
    }
}

/// Assembles the site from loaded files. On success, also returns the warnings.
pub fn assemble(
    config: Config,
    loaded: Loaded,
    options: Options,
    types: &Types,
) -> Result<(Site, Problems), Problems> {
    assemble_cached(config, loaded, options, types, Earlier::default())
}

/// [`assemble`], taking what `cache` holds from earlier assemblies: watch mode's parsed pages,
/// bodies and tone-mark warnings, or the bodies of the build before.
pub fn assemble_cached(
    config: Config,
    loaded: Loaded,
    options: Options,
    types: &Types,
    cache: Earlier<'_>,
) -> Result<(Site, Problems), Problems> {
    let mut problems = Problems::new();
    if let Some(style) = config.content.tone_marks {
        problems.extend(tone::check(&loaded, style, cache.tone_marks));
    }
    problems.extend(loaded.warnings);
    let md = markdown_options(&config);
    let (index_files, page_files) = loaded.markdown.into_iter().partition(parse::is_section_index);
    let parsed = parse::sections(index_files, md, &mut problems);
    let sections = sections::place(&config, parsed.sections, options, types, &mut problems);
    let parsed =
        pages::parse(page_files, &sections, parsed.unreadable, md, cache.parsed, &mut problems);
    let pages = pages::place(&config, parsed.pages, &sections, options, &mut problems);
    let by_date = places_by_date(pages.built.len(), &config, |p| {
        let plan = &pages.built[p];
        Ordered { meta: &plan.parsed.meta, title: &plan.parsed.title_key, path: &plan.path }
    });
    let files = files::place(&config, &loaded.assets, &sections, &pages, &mut problems);
    let links = targets::index(&config, &parsed.unreadable, &sections, &pages, &files);
    // The data sets need no page: read before the bodies, whose first code block of a language
    // may wait for its grammar (`crate::highlight::Warming`); their problems told in order.
    let mut data_problems = Problems::new();
    let data = DataSets::load(&config, &loaded.data, options.today, types, &mut data_problems);
    let page_bodies = pages::render(&pages.built, md, &links, cache.bodies, &mut problems);
    let share_images = pages::share_images(&pages.built, &links, &mut problems);
    let section_bodies = sections::render(&sections, md, &links, &mut problems);
    let menu = config_links::menu(&config, &links, &mut problems);
    let alerts = config_links::alerts(&config, &links, options.today, &mut problems);
    config_links::check_extra(&config, &mut problems);
    let tags = tags::of_plans(&config, &pages.built, &by_date, &mut problems);
    let pages = pages::finish(pages.built, page_bodies, share_images, tags.of_page);
    let sections = sections::finish(&config, sections, section_bodies, &pages, &by_date);
    let redirects = redirects::collect(&sections, &pages, &mut problems);
    problems.extend(data_problems);
    problems.extend(data.check(&config, &pages, &sections, types));
    let (mut pages, mut sections) = (pages, sections);
    data.fill_summaries(&mut pages, &mut sections, types);
    let has_code = pages.iter().any(|p| p.rendered.has_code || p.kind.shows_code())
        || sections.iter().any(|s| s.rendered.has_code);
    let warnings = problems.take_warnings();
    let mut dated: Vec<usize> = (0..pages.len())
        .filter(|&i| pages[i].meta.date.is_some() && pages[i].is_listed())
        .collect();
    dated.sort_unstable_by_key(|&p| by_date[p]);
    let site = Site {
        dated,
        config,
        today: options.today,
        drafts: options.drafts,
        sections,
        pages,
        tags: tags.tags,
        files: files.into_iter().map(|f| f.file).collect(),
        redirects,
        menu,
        alerts,
        has_code,
        links,
        markdown: md,
        data,
    };
    problems.into_result((site, warnings))
}

impl Site {
    /// Takes the data sets again from `files`, every data file of the site, after a save of
    /// data files alone (watch mode): checks the pages' data shortcodes against them and fills
    /// in their summaries' text, as an assembly does. Gives the warnings; on errors the site is
    /// left as it was. What shows the data is for the caller to render again
    /// (`render::render_after_data`).
    pub fn edit_data(&mut self, files: &[DataFile], types: &Types) -> Result<Problems, Problems> {
        let mut problems = Problems::new();
        let data = DataSets::load(&self.config, files, self.today, types, &mut problems);
        problems.extend(data.check(&self.config, &self.pages, &self.sections, types));
        let warnings = problems.take_warnings();
        if problems.has_errors() {
            problems.sort();
            return Err(problems);
        }
        data.fill_summaries(&mut self.pages, &mut self.sections, types);
        self.data = data;
        Ok(warnings)
    }
}

impl DataSets {
    /// What is wrong with the site against the data: every data shortcode of `pages` and
    /// `sections` checked by the set it names, then the places outside the map's outline.
    fn check(
        &self,
        config: &Config,
        pages: &[Page],
        sections: &[Section],
        types: &Types,
    ) -> Vec<Diagnostic> {
        let bodies: Vec<(&SourceFile, &Rendered)> = (pages.iter().map(|p| (&p.file, &p.rendered)))
            .chain(sections.iter().map(|s| (&s.file, &s.rendered)))
            .filter(|(_, rendered)| !rendered.data_uses.is_empty())
            .collect();
        let mut problems = self.check_uses(&bodies, types);
        problems.extend(outline::check(config, self, types));
        problems
    }

    /// The summary's text of every page and section with data shortcodes, their values in it.
    fn fill_summaries(&self, pages: &mut [Page], sections: &mut [Section], types: &Types) {
        let rendered = pages.iter_mut().map(|p| &mut p.rendered);
        for rendered in rendered.chain(sections.iter_mut().map(|s| &mut s.rendered)) {
            if !rendered.data_uses.is_empty() {
                rendered.summary_text = self.summary_text(rendered, types);
            }
        }
    }

    /// Each data set of `types`, from the data files under its folder.
    fn load(
        config: &Config,
        files: &[DataFile],
        today: Date,
        types: &Types,
        problems: &mut Problems,
    ) -> DataSets {
        let load = |t: &&dyn crate::content_type::DataSetType| {
            let prefix = format!("{}/", t.dir());
            let own: Vec<_> =
                files.iter().filter(|f| f.content_path.starts_with(&prefix)).collect();
            t.load(config, &own, today, problems)
        };
        DataSets(types.data.iter().map(load).collect())
    }
}

/// The Markdown options of a site.
pub fn markdown_options(config: &Config) -> MarkdownOptions {
    MarkdownOptions {
        unsafe_html: config.markdown.unsafe_html,
        smart_punctuation: config.markdown.smart_punctuation,
        highlight_code: config.markdown.highlight_code,
    }
}

/// Sorts page indices in a section's order.
pub fn sort_pages(pages: &[Page], list: &mut [usize], sort_by: SortBy, config: &Config) {
    order_pages(list, sort_by, config, |p| pages[p].ordered());
}

/// What a list of pages is ordered by: a page's fields, its title's sort key and its URL path,
/// which breaks every tie (no two pages of a build share one), so the order is total.
struct Ordered<'a> {
    meta: &'a PageMeta,
    title: &'a crate::text::SortKey,
    path: &'a str,
}

/// Sorts indices of pages in a section's order, given what each is ordered by: the order of
/// [`sort_pages`] for pages not yet finished.
fn order_pages<'a>(
    list: &mut [usize],
    sort_by: SortBy,
    config: &Config,
    page: impl Fn(usize) -> Ordered<'a>,
) {
    let tz = &config.timezone;
    // Each page's date as an instant, found once per page rather than at each comparison.
    let mut keyed: Vec<(usize, _)> =
        list.iter().map(|&p| (p, instant(&page(p), sort_by, tz))).collect();
    keyed.sort_by(|&(a, a_date), &(b, b_date)| {
        compare(sort_by, (&page(a), a_date), (&page(b), b_date))
    });
    for (slot, (p, _)) in list.iter_mut().zip(keyed) {
        *slot = p;
    }
}

/// What a page is ordered by first in a list ordered `sort_by`, when it is its date: the date
/// as an instant.
fn instant(
    page: &Ordered<'_>,
    sort_by: SortBy,
    tz: &jiff::tz::TimeZone,
) -> Option<jiff::Timestamp> {
    match sort_by {
        SortBy::Date => page.meta.date.map(|d| d.in_zone(tz).timestamp()),
        SortBy::Weight | SortBy::Title => None,
    }
}

/// The order of two pages in a list ordered `sort_by`, given each page's [`instant`].
fn compare(
    sort_by: SortBy,
    (a, a_date): (&Ordered<'_>, Option<jiff::Timestamp>),
    (b, b_date): (&Ordered<'_>, Option<jiff::Timestamp>),
) -> std::cmp::Ordering {
    use std::cmp::Ordering;
    let by_title = || a.title.cmp(b.title).then_with(|| a.path.cmp(b.path));
    match sort_by {
        SortBy::Date => match (a_date, b_date) {
            (Some(x), Some(y)) => y.cmp(&x).then_with(by_title),
            (Some(_), None) => Ordering::Less,
            (None, Some(_)) => Ordering::Greater,
            (None, None) => by_title(),
        },
        SortBy::Weight => (a.meta.weight.unwrap_or(i64::MAX))
            .cmp(&b.meta.weight.unwrap_or(i64::MAX))
            .then_with(by_title),
        SortBy::Title => by_title(),
    }
}

/// Takes page `p` out of `list` (pages ordered `sort_by`) and, when `keep`, puts it back at its
/// place: the list is then as if sorted again, the order being total.
fn reposition(
    pages: &[Page],
    list: &mut Vec<usize>,
    p: usize,
    keep: bool,
    sort_by: SortBy,
    config: &Config,
) {
    list.retain(|&q| q != p);
    if !keep {
        return;
    }
    let tz = &config.timezone;
    let page = pages[p].ordered();
    let date = instant(&page, sort_by, tz);
    let place = list.partition_point(|&q| {
        let other = pages[q].ordered();
        let other_date = instant(&other, sort_by, tz);
        compare(sort_by, (&other, other_date), (&page, date)) == std::cmp::Ordering::Less
    });
    list.insert(place, p);
}

/// Each page's place among `count` pages put newest first (the order of [`SortBy::Date`]):
/// a list of some of them in that order is the list sorted by place, so the pages are ordered
/// once for every list by date (sections, tags, "Bài mới").
fn places_by_date<'a>(
    count: usize,
    config: &Config,
    page: impl Fn(usize) -> Ordered<'a>,
) -> Vec<usize> {
    let mut order: Vec<usize> = (0..count).collect();
    order_pages(&mut order, SortBy::Date, config, page);
    let mut places = vec![0; count];
    for (place, p) in order.into_iter().enumerate() {
        places[p] = place;
    }
    places
}

#[cfg(test)]
mod tests;
