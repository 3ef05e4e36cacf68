//! The model stage: parsed documents assembled into a complete, immutable [`Site`].
//!
//! Assembly decides what a build contains (drafts and dates), gives every page and section its
//! URL, finds files to copy, checks links between pages, renders Markdown bodies (in parallel),
//! and groups pages by tag. Every problem found on the way is collected; the site is returned
//! only when there is none.

pub mod links;
pub mod meta;
pub mod parse;
pub mod update;

use std::collections::{HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

use jiff::civil::Date;
use rayon::prelude::*;

use crate::config::Config;
use crate::content_type::{DataSet, PageFields, PageType, Types};
use crate::diagnostic::{Diagnostic, Problems, Severity};
use crate::load::{Loaded, SourceFile};
use crate::markdown::{self, Heading, MarkdownOptions, Rendered};
use crate::slug::{self, slugify};
use crate::text::collate;
use links::{Absence, LinkIndex, Target};
use meta::{PageMeta, SectionMeta, SortBy};
use parse::{ParsedPage, ParsedSection};

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
}

impl Page {
    /// The fields of its content type, when they are of type `T`.
    pub fn fields<T: std::any::Any>(&self) -> Option<&T> {
        self.fields.get::<T>()
    }
}

/// The data sets of a site, each as its type loaded it.
#[derive(Debug, Default)]
pub struct DataSets(Vec<Box<dyn DataSet>>);

impl DataSets {
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
    pub fn dated_pages(&self) -> Vec<usize> {
        let mut dated: Vec<usize> =
            (0..self.pages.len()).filter(|&i| self.pages[i].meta.date.is_some()).collect();
        sort_pages(&self.pages, &mut dated, SortBy::Date, &self.config);
        dated
    }
}

/// Assembles the site from loaded files. On success, also returns the warnings.
pub fn assemble(
    config: Config,
    loaded: Loaded,
    options: Options,
    types: &Types,
) -> Result<(Site, Problems), Problems> {
    let mut problems = Problems::new();
    problems.extend(loaded.warnings);
    let md = markdown_options(&config);
    let (section_files, page_files): (Vec<_>, Vec<_>) =
        loaded.markdown.into_iter().partition(parse::is_section_index);

    // Files with errors of their own stay known by path, so links to them are not reported
    // a second time as missing pages.
    let mut broken: Vec<String> = Vec::new();
    let mut parsed_sections: Vec<ParsedSection> = Vec::new();
    let section_paths: Vec<String> = section_files.iter().map(|f| f.content_path.clone()).collect();
    for ((section, diagnostics), path) in
        parse::sections(section_files, md).into_iter().zip(section_paths)
    {
        problems.extend(diagnostics);
        match section {
            Some(section) => parsed_sections.push(section),
            None => broken.push(path),
        }
    }
    parsed_sections.sort_by(|a, b| a.dir.cmp(&b.dir));
    // A section's `_index.md` that failed to parse has its own errors: the pages under it are
    // not also reported as lacking one.
    let index_of =
        |dir: &str| if dir.is_empty() { "_index.md".into() } else { format!("{dir}/_index.md") };
    if parsed_sections.first().is_none_or(|s| !s.dir.is_empty()) && !broken.contains(&index_of(""))
    {
        problems.push(
            Diagnostic::error("content/_index.md", "thiếu tệp content/_index.md của trang chủ")
                .help("tạo tệp content/_index.md, ví dụ:\n---\ntitle: \"Trang chủ\"\n---"),
        );
    }
    let sections = place_sections(&config, parsed_sections, options, types, &mut problems);
    // Work every page of a type shares and that takes a while the first time (the lessons'
    // highlighted embed snippet) starts now, beside the parsing.
    for kind in &types.pages {
        if sections.iter().any(|s| s.absent.is_none() && crate::content_type::same(s.kind, *kind)) {
            kind.warm_up();
        }
    }
    let section_of_dir: HashMap<String, usize> =
        sections.iter().enumerate().map(|(i, s)| (s.section.dir.clone(), i)).collect();

    // Pages: find each one's section, then parse with that section's content type.
    let mut jobs = Vec::new();
    let mut orphans: std::collections::BTreeMap<String, usize> = std::collections::BTreeMap::new();
    for file in page_files {
        let (dir, bundle) = page_dir(&file.content_path);
        match section_of_dir.get(&dir) {
            Some(&s) => jobs.push((file, s, bundle)),
            None => {
                *orphans.entry(dir).or_default() += 1;
                broken.push(file.content_path);
            }
        }
    }
    for (dir, count) in orphans {
        let index = index_of(&dir);
        // The home page's folder has its own message (above).
        if !dir.is_empty() && !broken.contains(&index) {
            problems.push(missing_section(&dir, count));
        }
        broken.push(index);
    }
    let parsed: Vec<_> = jobs
        .into_par_iter()
        .map(|(file, s, bundle)| {
            let path = file.content_path.clone();
            (parse::page(file, sections[s].kind, md), s, bundle, path)
        })
        .collect();
    let mut drafts = Vec::new();
    for ((page, diagnostics), s, bundle, path) in parsed {
        problems.extend(diagnostics);
        match page {
            Some(page) => {
                drafts.push(place_page(&config, page, s, bundle, &sections, options, &mut problems))
            }
            None => broken.push(path),
        }
    }
    drafts.sort_by(|a, b| a.path.cmp(&b.path));

    check_unique_paths(&sections, &drafts, &mut problems);
    let files = place_files(&config, &loaded.assets, &sections, &drafts, &mut problems);

    // Every link target, then every body rendered against them.
    let mut index = LinkIndex::new(&config.base_url);
    for path in &broken {
        index.add_target(path, Target { url: String::new(), ids: None, absent: None });
    }
    for s in &sections {
        let ids = Some(s.section.headings.iter().map(|h| h.id.clone()).collect());
        index.add_target(
            &s.section.file.content_path,
            Target { url: s.permalink.clone(), ids, absent: s.absent },
        );
    }
    for p in &drafts {
        let ids = Some(p.parsed.headings.iter().map(|h| h.id.clone()).collect());
        index.add_target(
            &p.parsed.file.content_path,
            Target { url: p.permalink.clone(), ids, absent: p.absent },
        );
    }
    for f in &files {
        let size = f.size;
        index.add_file(&f.content_path, config.permalink(&format!("/{}", f.file.output)), size);
    }

    let present: Vec<PagePlan> = drafts.into_iter().filter(|p| p.absent.is_none()).collect();
    let rendered_pages: Vec<RenderedBody> = present
        .par_iter()
        .map(|p| render_body(&p.parsed.file, p.parsed.body_start, &p.parsed.headings, md, &index))
        .collect();
    let rendered_sections: Vec<RenderedBody> = sections
        .par_iter()
        .map(|s| {
            render_body(&s.section.file, s.section.body_start, &s.section.headings, md, &index)
        })
        .collect();

    let menu = resolve_menu(&config, &index, &mut problems);
    let alerts = active_alerts(&config, &index, options.today, &mut problems);
    check_extra(&config, &mut problems);
    let mut pages: Vec<Page> = Vec::with_capacity(present.len());
    for (plan, (rendered, links_to, diagnostics)) in present.into_iter().zip(rendered_pages) {
        problems.extend(diagnostics);
        pages.push(Page {
            file: plan.parsed.file,
            meta: plan.parsed.meta,
            kind: plan.parsed.kind,
            fields: plan.parsed.fields,
            section: plan.section,
            slug: plan.slug,
            path: plan.path,
            permalink: plan.permalink,
            headings: plan.parsed.headings,
            rendered,
            links_to,
            tags: Vec::new(),
        });
    }
    let tags = collect_tags(&config, &mut pages, &mut problems);
    let redirects = collect_redirects(&config, &sections, &pages, &mut problems);

    // Sections that are left out keep their place in the list (links are checked against
    // them) but get no pages.
    let mut finished: Vec<Section> = Vec::with_capacity(sections.len());
    for (plan, (rendered, links_to, diagnostics)) in sections.into_iter().zip(rendered_sections) {
        if plan.absent.is_none() {
            problems.extend(diagnostics);
        }
        finished.push(Section {
            file: plan.section.file,
            meta: plan.section.meta,
            dir: plan.section.dir,
            path: plan.path,
            permalink: plan.permalink,
            kind: plan.kind,
            parent: plan.parent,
            subsections: Vec::new(),
            pages: Vec::new(),
            headings: plan.section.headings,
            rendered,
            links_to,
            built: plan.absent.is_none(),
        });
    }
    link_sections(&config, &mut finished, &pages);

    let has_code =
        pages.iter().any(|p| p.rendered.has_code) || finished.iter().any(|s| s.rendered.has_code);
    let has_code = has_code || pages.iter().any(|p| p.kind.shows_code());
    let data = load_data(&config, &loaded.data, options.today, types, &mut problems);
    let warnings = problems.take_warnings();
    let site = Site {
        config,
        today: options.today,
        sections: finished,
        pages,
        tags,
        files: files.into_iter().map(|f| f.file).collect(),
        redirects,
        menu,
        alerts,
        has_code,
        links: index,
        markdown: md,
        data,
    };
    problems.into_result((site, warnings))
}

/// Each data set of `types`, from the data files under its folder.
fn load_data(
    config: &Config,
    files: &[crate::load::DataFile],
    today: Date,
    types: &Types,
    problems: &mut Problems,
) -> DataSets {
    DataSets(
        types
            .data
            .iter()
            .map(|t| {
                let prefix = format!("{}/", t.dir());
                let own: Vec<_> =
                    files.iter().filter(|f| f.content_path.starts_with(&prefix)).collect();
                t.load(config, &own, today, problems)
            })
            .collect(),
    )
}

/// The Markdown options of a site.
pub fn markdown_options(config: &Config) -> MarkdownOptions {
    MarkdownOptions {
        unsafe_html: config.markdown.unsafe_html,
        smart_punctuation: config.markdown.smart_punctuation,
        highlight_code: config.markdown.highlight_code,
    }
}

/// A section with its place in the site decided.
struct SectionPlan {
    section: ParsedSection,
    path: String,
    permalink: String,
    kind: &'static dyn PageType,
    parent: Option<usize>,
    absent: Option<Absence>,
}

/// A page with its URL and inclusion decided.
struct PagePlan {
    parsed: ParsedPage,
    section: usize,
    bundle: bool,
    slug: String,
    path: String,
    permalink: String,
    absent: Option<Absence>,
}

fn place_sections(
    config: &Config,
    parsed: Vec<ParsedSection>,
    options: Options,
    types: &Types,
    problems: &mut Problems,
) -> Vec<SectionPlan> {
    let mut plans: Vec<SectionPlan> = Vec::with_capacity(parsed.len());
    let mut index_of: HashMap<String, usize> = HashMap::new();
    for section in parsed {
        let parent = ancestors(&section.dir).find_map(|dir| index_of.get(dir).copied());
        let mut path = String::from("/");
        for segment in section.dir.split('/').filter(|s| !s.is_empty()) {
            let slug = slugify(segment);
            if slug.is_empty() {
                problems.push(crate::front_matter::at_field(
                    &section.file,
                    "slug",
                    format!(
                        "tên thư mục `{segment}` không tạo được đường dẫn; hãy dùng chữ hoặc số"
                    ),
                ));
            }
            path.push_str(&slug);
            path.push('/');
        }
        if section.dir.split('/').next() == Some(TAGS_PATH) {
            problems.push(crate::front_matter::at_field(
                &section.file,
                "slug",
                format!("thư mục `{TAGS_PATH}` dành cho các trang chủ đề; hãy đổi tên thư mục"),
            ));
        }
        let inherited = parent.map(|p: usize| plans[p].kind);
        let named = section.meta.content_type.as_deref().and_then(|name| {
            let kind = types.page(name);
            if kind.is_none() {
                problems.push(unknown_type(&section.file, name, types));
            }
            kind
        });
        let kind = named.or(inherited).unwrap_or_else(|| types.default_page());
        let parent_absent = parent.and_then(|p| plans[p].absent);
        let absent =
            parent_absent.or((section.meta.draft && !options.drafts).then_some(Absence::Draft));
        index_of.insert(section.dir.clone(), plans.len());
        plans.push(SectionPlan {
            permalink: config.permalink(&path),
            path,
            kind,
            parent,
            absent,
            section,
        });
    }
    plans
}

/// A section's `type:` that names no registered type.
pub fn unknown_type(file: &SourceFile, name: &str, types: &Types) -> Diagnostic {
    let split = crate::front_matter::split(file);
    let names: Vec<&str> = types.pages.iter().map(|t| t.name()).collect();
    let message = format!("giá trị `{name}` không có trong danh sách cho phép (trong `type`)");
    let d = match &split {
        Ok(split) => crate::front_matter::at_value(file, split, "type", message),
        Err(_) => crate::front_matter::at_field(file, "type", message),
    };
    d.help(crate::explain::suggest_help(name, &names, "giá trị"))
}

/// Parent folders of `dir`, nearest first, ending with `""`.
fn ancestors(dir: &str) -> impl Iterator<Item = &str> {
    let mut current = Some(dir);
    std::iter::from_fn(move || {
        let d = current?;
        if d.is_empty() {
            current = None;
            return None;
        }
        let parent = d.rsplit_once('/').map_or("", |(p, _)| p);
        current = Some(parent);
        Some(parent)
    })
}

/// The section folder of a page, and whether it is a bundle (`a/index.md`).
fn page_dir(content_path: &str) -> (String, bool) {
    let (dir, name) = content_path.rsplit_once('/').unwrap_or(("", content_path));
    if name == "index.md" && !dir.is_empty() {
        (dir.rsplit_once('/').map_or("", |(p, _)| p).to_string(), true)
    } else {
        (dir.to_string(), false)
    }
}

fn missing_section(dir: &str, pages: usize) -> Diagnostic {
    Diagnostic::error(
        format!("content/{dir}"),
        format!("thư mục content/{dir} chưa có tệp _index.md nên {pages} trang trong đó chưa dựng được"),
    )
        .help(format!("tạo tệp content/{dir}/_index.md với một dòng title, ví dụ:\n---\ntitle: \"Tên chuyên mục\"\n---"))
}

fn place_page(
    config: &Config,
    parsed: ParsedPage,
    section: usize,
    bundle: bool,
    sections: &[SectionPlan],
    options: Options,
    problems: &mut Problems,
) -> PagePlan {
    let tz = &config.timezone;
    let meta = &parsed.meta;
    let absent = if sections[section].absent.is_some() || (meta.draft && !options.drafts) {
        Some(Absence::Draft)
    } else if let Some(d) = meta.publish_date.map(|d| d.date(tz)).filter(|d| *d > options.today) {
        Some(Absence::NotYet(d))
    } else {
        meta.expiry_date.map(|d| d.date(tz)).filter(|d| *d <= options.today).map(Absence::Expired)
    };

    let stem = {
        let path = &parsed.file.content_path;
        let without_ext = path.strip_suffix(".md").unwrap_or(path);
        let without_index = if bundle {
            without_ext.strip_suffix("/index").unwrap_or(without_ext)
        } else {
            without_ext
        };
        without_index.rsplit('/').next().unwrap_or(without_index).to_string()
    };
    let slug = match &meta.slug {
        Some(written) if slug::is_valid(written) => written.clone(),
        Some(written) => {
            let fixed = slugify(written);
            problems.push(
                at_key(
                    &parsed.file,
                    "slug",
                    format!("`slug` không hợp lệ: `{written}`"),
                )
                .help(format!(
                    "slug chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ slug: {fixed}"
                )),
            );
            fixed
        }
        None => slugify(&stem),
    };
    if slug.is_empty() {
        problems.push(
            at_key(&parsed.file, "slug", format!("tên tệp `{stem}` không tạo được đường dẫn"))
                .help("đổi tên tệp cho có chữ hoặc số, hoặc thêm dòng slug: ten-bai-viet"),
        );
    } else if slug == PAGINATION_PATH {
        problems.push(at_key(
            &parsed.file,
            "slug",
            format!("đường dẫn `{PAGINATION_PATH}` dành cho phân trang; hãy đặt slug khác"),
        ));
    }
    let path = format!("{}{slug}/", sections[section].path);
    PagePlan { permalink: config.permalink(&path), path, slug, section, bundle, absent, parsed }
}

/// An error at the line where the top-level field `key` is written, or at the front matter's
/// opening `---` when it is not written.
fn at_key(file: &SourceFile, key: &str, message: String) -> Diagnostic {
    crate::front_matter::at_field(file, key, message)
}

fn check_unique_paths(sections: &[SectionPlan], pages: &[PagePlan], problems: &mut Problems) {
    let mut owners: HashMap<&str, &SourceFile> = HashMap::new();
    let present_sections =
        sections.iter().filter(|s| s.absent.is_none()).map(|s| (s.path.as_str(), &s.section.file));
    let present_pages =
        pages.iter().filter(|p| p.absent.is_none()).map(|p| (p.path.as_str(), &p.parsed.file));
    for (path, file) in present_sections.chain(present_pages) {
        // Each of the two files is marked (at its `slug`, or its opening `---`), so each shows
        // the problem when opened.
        if let Some(first) = owners.insert(path, file) {
            let help = "đặt `slug` khác cho một trong hai trang, hoặc đổi tên tệp";
            let message = format!(
                "hai trang có cùng đường dẫn `{path}`: {} và {}",
                first.path.display(),
                file.path.display()
            );
            let there = |other: &SourceFile| {
                let d = at_key(other, "slug", String::new());
                match d.line_col() {
                    Some((line, _)) => format!("{}, dòng {line}", other.path.display()),
                    None => other.path.display().to_string(),
                }
            };
            problems.push(
                at_key(file, "slug", message.clone())
                    .note(format!("đường dẫn này đã có ở {}", there(first)))
                    .help(help),
            );
            problems.push(
                at_key(first, "slug", message)
                    .note(format!("đường dẫn này trùng với {}", there(file)))
                    .help(help),
            );
        }
    }
}

/// A copied file with the content path links use to find it.
struct PlacedFile {
    file: CopiedFile,
    content_path: String,
    size: Option<(u32, u32)>,
}

fn place_files(
    config: &Config,
    assets: &[crate::load::Asset],
    sections: &[SectionPlan],
    pages: &[PagePlan],
    problems: &mut Problems,
) -> Vec<PlacedFile> {
    let mut dirs: HashMap<&str, (&str, bool)> = HashMap::new();
    for s in sections {
        dirs.insert(s.section.dir.as_str(), (s.path.as_str(), s.absent.is_none()));
    }
    for p in pages.iter().filter(|p| p.bundle) {
        let content_path = &p.parsed.file.content_path;
        let dir = content_path.strip_suffix("/index.md").unwrap_or(content_path);
        dirs.insert(dir, (p.path.as_str(), p.absent.is_none()));
    }
    let mut placed = Vec::new();
    let mut owners: HashMap<String, &str> = HashMap::new();
    for asset in assets {
        let (dir, name) =
            asset.content_path.rsplit_once('/').unwrap_or(("", asset.content_path.as_str()));
        let (url_dir, present) = match dirs.get(dir) {
            Some(&(path, present)) => (path.to_string(), present),
            None => {
                let slugged: Vec<String> =
                    dir.split('/').filter(|s| !s.is_empty()).map(slugify).collect();
                let joined = slugged.join("/");
                (if joined.is_empty() { "/".into() } else { format!("/{joined}/") }, true)
            }
        };
        if !present {
            continue;
        }
        let output = format!("{}{}", &url_dir[1..], file_name(name));
        if let Some(first) = owners.insert(output.clone(), &asset.content_path) {
            problems.push(
                Diagnostic::error(
                    config
                        .root
                        .join("content")
                        .join(&asset.content_path)
                        .strip_prefix(&config.root)
                        .unwrap_or(&asset.source),
                    format!(
                        "hai tệp cùng ra một địa chỉ `/{output}`: content/{first} và content/{}",
                        asset.content_path
                    ),
                )
                .help("đổi tên một trong hai tệp"),
            );
        }
        placed.push(PlacedFile {
            file: CopiedFile { source: asset.source.clone(), output },
            content_path: asset.content_path.clone(),
            size: asset.size,
        });
    }
    placed
}

/// A file name safe in a URL: the stem slugified, the extension lowercased.
fn file_name(name: &str) -> String {
    let (stem, ext) = match name.rsplit_once('.') {
        Some((stem, ext)) if !stem.is_empty() => (stem, Some(ext.to_ascii_lowercase())),
        _ => (name, None),
    };
    let stem = slugify(stem);
    let stem = if stem.is_empty() { "tep".to_string() } else { stem };
    match ext {
        Some(ext) => format!("{stem}.{ext}"),
        None => stem,
    }
}

/// A rendered body, the pages it links to, and its problems.
type RenderedBody = (Rendered, Vec<String>, Vec<Diagnostic>);

fn render_body(
    file: &SourceFile,
    body_start: usize,
    headings: &[Heading],
    options: MarkdownOptions,
    index: &LinkIndex,
) -> RenderedBody {
    let dir = file.content_path.rsplit_once('/').map_or("", |(d, _)| d);
    let body = &file.text[body_start..];
    let links = index.for_dir(dir);
    let (rendered, found) = markdown::render(body, headings, options, &links);
    let links_to = links.linked_pages();
    let diagnostics = found
        .into_iter()
        .map(|p| {
            let span = body_start + p.span.start..body_start + p.span.end;
            let mut d = Diagnostic::error(&file.path, p.message).at(&file.text, span);
            if p.warning {
                d.severity = Severity::Warning;
            }
            match p.help {
                Some(help) => d.help(help),
                None => d,
            }
        })
        .collect();
    (rendered, links_to, diagnostics)
}

/// The alerts of `site.toml` current on `today`, their links resolved.
fn active_alerts(
    config: &Config,
    index: &LinkIndex,
    today: Date,
    problems: &mut Problems,
) -> Vec<ActiveAlert> {
    let mut active = Vec::new();
    for (i, alert) in config.alerts.iter().enumerate() {
        let url = match alert.link.as_deref() {
            Some(link) => match resolve_link(config, index, link) {
                Ok(url) => Some(url),
                Err(e) => {
                    let mut d = config.error_in(
                        &["alert", &i.to_string(), "link"],
                        format!("thông báo: {}", e.message),
                    );
                    if let Some(help) = e.help {
                        d = d.help(help);
                    }
                    problems.push(d);
                    continue;
                }
            },
            None => None,
        };
        let started = alert.from.is_none_or(|from| from <= today);
        let running = alert.until.is_none_or(|until| today <= until);
        if started && running {
            active.push(ActiveAlert { message: alert.message.clone(), level: alert.level, url });
        }
    }
    active
}

/// A link written in `site.toml`: `@/path.md`, a site path, or a full URL; refused, like a
/// Markdown link, when it would run code in the reader's browser.
fn resolve_link(
    config: &Config,
    index: &LinkIndex,
    link: &str,
) -> Result<String, crate::markdown::LinkError> {
    crate::markdown::check_scheme(link)?;
    if let Some(target) = link.strip_prefix("@/") {
        index.content(target)
    } else if link.starts_with('/') {
        Ok(config.permalink(link))
    } else {
        Ok(link.to_string())
    }
}

fn resolve_menu(config: &Config, index: &LinkIndex, problems: &mut Problems) -> Vec<MenuLink> {
    let mut menu = Vec::new();
    for (i, item) in config.menu.iter().enumerate() {
        match resolve_link(config, index, &item.url) {
            Ok(url) => {
                let internal = item.url.starts_with("@/") || item.url.starts_with('/');
                let path =
                    url.strip_prefix(&config.base_url).filter(|_| internal).map(str::to_string);
                menu.push(MenuLink { name: item.name.clone(), url, path });
            }
            Err(e) => {
                let mut d = config
                    .error_in(&["menu", &i.to_string(), "url"], format!("menu: {}", e.message));
                if let Some(help) = e.help {
                    d = d.help(help);
                }
                problems.push(d);
            }
        }
    }
    menu
}

/// `[extra]` holds what a theme wants, links to social networks among them: a string there that
/// a browser would run as code is refused as a menu address would be.
fn check_extra(config: &Config, problems: &mut Problems) {
    type Found = Vec<(Vec<String>, crate::markdown::LinkError)>;
    fn walk(value: &serde_json::Value, path: &mut Vec<String>, found: &mut Found) {
        let mut visit = |step: String, item: &serde_json::Value, found: &mut Found| {
            path.push(step);
            walk(item, path, found);
            path.pop();
        };
        match value {
            serde_json::Value::String(text) => {
                if let Err(e) = crate::markdown::check_scheme(text) {
                    found.push((path.clone(), e));
                }
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    visit(i.to_string(), item, found);
                }
            }
            serde_json::Value::Object(map) => {
                for (key, item) in map {
                    visit(key.clone(), item, found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(&config.extra, &mut vec!["extra".to_string()], &mut found);
    for (path, e) in found {
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        // Array indices are left out of the key shown; the excerpt points at the item.
        let key: Vec<&str> = path.iter().copied().filter(|p| p.parse::<usize>().is_err()).collect();
        let mut d = config.error_in(&path, format!("`{}`: {}", key.join("."), e.message));
        if let Some(help) = e.help {
            d = d.help(help);
        }
        problems.push(d);
    }
}

fn collect_tags(config: &Config, pages: &mut [Page], problems: &mut Problems) -> Vec<Tag> {
    // slug -> (spellings with counts, pages)
    let mut by_slug: HashMap<String, (HashMap<String, usize>, Vec<usize>)> = HashMap::new();
    for (i, page) in pages.iter().enumerate() {
        let mut seen = HashSet::new();
        for name in &page.meta.tags {
            let name = crate::text::nfc(name.trim()).into_owned();
            let slug = slugify(&name);
            if slug.is_empty() {
                problems.push(
                    at_key(&page.file, "tags", format!("chủ đề `{name}` không tạo được đường dẫn"))
                        .help(
                            "một chủ đề cần có chữ hoặc chữ số; xoá chủ đề này hoặc viết lại \
                             bằng chữ, ví dụ tags: [thoát nạn, nhà ống]",
                        ),
                );
                continue;
            }
            if !seen.insert(slug.clone()) {
                continue;
            }
            let entry = by_slug.entry(slug).or_default();
            *entry.0.entry(name).or_default() += 1;
            entry.1.push(i);
        }
    }
    let mut tags: Vec<Tag> = by_slug
        .into_iter()
        .map(|(slug, (spellings, mut tag_pages))| {
            let mut spellings: Vec<(String, usize)> = spellings.into_iter().collect();
            spellings.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| collate(&a.0, &b.0)));
            sort_pages(pages, &mut tag_pages, SortBy::Date, config);
            let path = format!("/{TAGS_PATH}/{slug}/");
            Tag {
                name: spellings.swap_remove(0).0,
                permalink: config.permalink(&path),
                path,
                slug,
                pages: tag_pages,
            }
        })
        .collect();
    tags.sort_by(|a, b| collate(&a.name, &b.name));
    // Each page keeps its tags in the order the editor wrote them.
    let index_of: HashMap<&str, usize> =
        tags.iter().enumerate().map(|(i, t)| (t.slug.as_str(), i)).collect();
    for page in pages.iter_mut() {
        let mut own: Vec<usize> = Vec::new();
        let mut seen: HashSet<usize> = HashSet::new();
        for name in &page.meta.tags {
            if let Some(&t) = index_of.get(slugify(name.trim()).as_str())
                && seen.insert(t)
            {
                own.push(t);
            }
        }
        page.tags = own;
    }
    tags
}

fn collect_redirects(
    config: &Config,
    sections: &[SectionPlan],
    pages: &[Page],
    problems: &mut Problems,
) -> Vec<Redirect> {
    // Output paths already written, and by which file: messages name the other page.
    let taken: HashMap<String, &SourceFile> = pages
        .iter()
        .map(|p| (&p.path, &p.file))
        .chain(sections.iter().filter(|s| s.absent.is_none()).map(|s| (&s.path, &s.section.file)))
        .map(|(path, file)| (format!("{}index.html", &path[1..]), file))
        .collect();
    let mut seen: HashMap<String, &SourceFile> = HashMap::new();
    let from_pages = pages.iter().map(|p| (&p.file, &p.meta.aliases, &p.permalink));
    let from_sections = sections
        .iter()
        .filter(|s| s.absent.is_none())
        .map(|s| (&s.section.file, &s.section.meta.aliases, &s.permalink));
    let mut redirects = Vec::new();
    for (file, aliases, to) in from_pages.chain(from_sections) {
        for alias in aliases {
            let Some(output) = alias_output(alias) else {
                problems.push(
                    at_key(file, "aliases", format!("đường dẫn cũ `{alias}` không hợp lệ"))
                        .help("viết đường dẫn trong trang, ví dụ aliases: [\"/tin-tuc/bai-cu/\"]"),
                );
                continue;
            };
            let clash = match (taken.get(&output), seen.get(&output)) {
                (Some(page), _) => Some((
                    format!("là đường dẫn của trang {}", page.path.display()),
                    "bỏ đường dẫn cũ này: trang đó đang dùng địa chỉ này",
                )),
                (None, Some(other)) if other.path == file.path => Some((
                    "được viết hai lần trong `aliases`".to_string(),
                    "giữ một lần, xoá lần còn lại",
                )),
                (None, Some(other)) => Some((
                    format!("đã là đường dẫn cũ của trang {}", other.path.display()),
                    "một đường dẫn cũ chỉ dẫn tới một trang: giữ nó ở trang đúng, bỏ ở trang kia",
                )),
                (None, None) => None,
            };
            if let Some((why, help)) = clash {
                problems.push(
                    at_key(file, "aliases", format!("đường dẫn cũ `{alias}` {why}")).help(help),
                );
                continue;
            }
            seen.insert(output.clone(), file);
            redirects.push(Redirect { output, to: to.clone() });
        }
    }
    let _ = config;
    redirects.sort_by(|a, b| a.output.cmp(&b.output));
    redirects
}

/// The output file of an alias: `/cu/bai/` becomes `cu/bai/index.html`; `cu.html` stays.
fn alias_output(alias: &str) -> Option<String> {
    // `:` as the writer refuses it (`C:`); caught here, the mistake is shown at its line.
    if alias.contains(':') || alias.contains('\\') || alias.contains('?') || alias.contains('#') {
        return None;
    }
    let trimmed = alias.trim().trim_start_matches('/');
    let normal = crate::fs::normalize(std::path::Path::new(trimmed))?;
    let normal = crate::load::to_slash(&normal);
    if normal.is_empty() {
        return None;
    }
    if normal.ends_with(".html") || normal.ends_with(".htm") {
        Some(normal)
    } else {
        Some(format!("{normal}/index.html"))
    }
}

fn link_sections(config: &Config, sections: &mut [Section], pages: &[Page]) {
    let mut page_lists: Vec<Vec<usize>> = vec![Vec::new(); sections.len()];
    for (i, page) in pages.iter().enumerate() {
        page_lists[page.section].push(i);
    }
    for (s, mut list) in page_lists.into_iter().enumerate() {
        sort_pages(pages, &mut list, sections[s].meta.sort_by, config);
        sections[s].pages = list;
    }
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); sections.len()];
    for (i, s) in sections.iter().enumerate() {
        if let Some(parent) = s.parent {
            children[parent].push(i);
        }
    }
    for (s, mut list) in children.into_iter().enumerate() {
        list.sort_by(|&a, &b| {
            let (a, b) = (&sections[a].meta, &sections[b].meta);
            a.weight
                .unwrap_or(i64::MAX)
                .cmp(&b.weight.unwrap_or(i64::MAX))
                .then_with(|| collate(&a.title, &b.title))
        });
        sections[s].subsections = list;
    }
}

/// Sorts page indices in a section's order.
pub fn sort_pages(pages: &[Page], list: &mut [usize], sort_by: SortBy, config: &Config) {
    let tz = &config.timezone;
    list.sort_by(|&a, &b| {
        let (a, b) = (&pages[a], &pages[b]);
        let by_title = || collate(&a.meta.title, &b.meta.title).then_with(|| a.path.cmp(&b.path));
        match sort_by {
            SortBy::Date => {
                let key = |p: &Page| p.meta.date.map(|d| d.in_zone(tz).timestamp());
                match (key(a), key(b)) {
                    (Some(x), Some(y)) => y.cmp(&x).then_with(by_title),
                    (Some(_), None) => std::cmp::Ordering::Less,
                    (None, Some(_)) => std::cmp::Ordering::Greater,
                    (None, None) => by_title(),
                }
            }
            SortBy::Weight => a
                .meta
                .weight
                .unwrap_or(i64::MAX)
                .cmp(&b.meta.weight.unwrap_or(i64::MAX))
                .then_with(by_title),
            SortBy::Title => by_title(),
        }
    });
}

#[cfg(test)]
mod tests;
