//! Pages: each Markdown file found its section and parsed with the section's content type;
//! given its slug and URL; kept in this build or left out (a draft, not yet due, expired); and,
//! once bodies and tags are ready, finished.

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::bodies::{self, Body};
use super::links::{Absence, LinkIndex};
use super::meta::PageMeta;
use super::parse::{self, ParsedPage};
use super::sections::SectionPlan;
use super::{Options, PAGINATION_PATH, Page};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Problems};
use crate::front_matter::at_field;
use crate::load::SourceFile;
use crate::markdown::MarkdownOptions;
use crate::slug::{self, slugify};

/// A page parsed with the content type of its section.
pub struct Found {
    /// The page.
    pub parsed: ParsedPage,
    /// Its section.
    pub section: usize,
    /// Whether it is a bundle (`a/index.md`), whose folder holds its files.
    pub bundle: bool,
}

/// The pages, parsed.
pub struct ParsedPages {
    /// Pages that could be read.
    pub pages: Vec<Found>,
    /// Paths relative to `content/` of every Markdown file with errors of its own (sections'
    /// included), of pages outside any section, and of the `_index.md` those lack: links to
    /// them are not reported a second time as missing pages.
    pub unreadable: Vec<String>,
}

/// Finds each page's section and parses the page, in parallel, with that section's type.
/// `unreadable` lists the sections' `_index.md` that could not be read: pages under them are
/// not also reported as lacking one.
pub fn parse(
    files: Vec<SourceFile>,
    sections: &[SectionPlan],
    mut unreadable: Vec<String>,
    options: MarkdownOptions,
    cache: Option<&parse::ParseCache>,
    problems: &mut Problems,
) -> ParsedPages {
    let section_of: HashMap<&str, usize> =
        sections.iter().enumerate().map(|(i, s)| (s.parsed.dir.as_str(), i)).collect();
    let mut jobs = Vec::new();
    let mut homeless: BTreeMap<String, usize> = BTreeMap::new();
    for file in files {
        let (dir, bundle) = page_dir(&file.content_path);
        match section_of.get(dir.as_str()) {
            Some(&section) => jobs.push((file, section, bundle)),
            None => {
                *homeless.entry(dir).or_default() += 1;
                unreadable.push(file.content_path);
            }
        }
    }
    for (dir, count) in homeless {
        let index = index_path(&dir);
        // The home page's folder has its own message, from parsing the sections.
        if !dir.is_empty() && !unreadable.contains(&index) {
            problems.push(missing_section(&dir, count));
        }
        unreadable.push(index);
    }
    if let Some(cache) = cache {
        cache.keep_only(&jobs.iter().map(|(file, _, _)| file.content_path.as_str()).collect());
    }
    let parsed: Vec<_> = jobs
        .into_par_iter()
        .map(|(file, section, bundle)| {
            let path = file.content_path.clone();
            let kind = sections[section].kind;
            let page = match cache {
                Some(cache) => cache.page(file, kind, options),
                None => parse::page(file, kind, options),
            };
            (page, section, bundle, path)
        })
        .collect();
    let mut pages = Vec::with_capacity(parsed.len());
    for ((page, diagnostics), section, bundle, path) in parsed {
        problems.extend(diagnostics);
        match page {
            Some(parsed) => pages.push(Found { parsed, section, bundle }),
            None => unreadable.push(path),
        }
    }
    ParsedPages { pages, unreadable }
}

/// The `_index.md` of a folder of `content/`.
fn index_path(dir: &str) -> String {
    if dir.is_empty() { "_index.md".into() } else { format!("{dir}/_index.md") }
}

/// The section folder of a page, and whether it is a bundle (`a/index.md`).
pub(super) fn page_dir(content_path: &str) -> (String, bool) {
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

/// A page with its URL decided.
pub struct PagePlan {
    /// The page as parsed.
    pub parsed: ParsedPage,
    /// Its section.
    pub section: usize,
    /// Whether it is a bundle (`a/index.md`).
    pub bundle: bool,
    /// The last part of its URL.
    pub slug: String,
    /// Its URL path (`/bai-viet/a/`).
    pub path: String,
    /// Its absolute URL.
    pub permalink: String,
}

/// The pages placed: those in this build, and those left out with why, each by URL path.
pub struct PlacedPages {
    /// Pages in this build.
    pub built: Vec<PagePlan>,
    /// Pages left out of it: links to them are errors that say why.
    pub left_out: Vec<(PagePlan, Absence)>,
}

impl PlacedPages {
    /// Every page placed, built or not.
    pub fn all(&self) -> impl Iterator<Item = (&PagePlan, Option<Absence>)> {
        let built = self.built.iter().map(|p| (p, None));
        built.chain(self.left_out.iter().map(|(p, absence)| (p, Some(*absence))))
    }
}

/// Gives each page its URL and decides whether it is built; two pages of this build at one
/// URL are reported.
pub fn place(
    config: &Config,
    found: Vec<Found>,
    sections: &[SectionPlan],
    options: Options,
    problems: &mut Problems,
) -> PlacedPages {
    let mut built = Vec::with_capacity(found.len());
    let mut left_out = Vec::new();
    for page in found {
        let section = &sections[page.section];
        let absence = absence(config, &page.parsed.meta, section.absent, options);
        let plan = addressed(config, page, &section.path, problems);
        match absence {
            None => built.push(plan),
            Some(absence) => left_out.push((plan, absence)),
        }
    }
    built.sort_by(|a, b| a.path.cmp(&b.path));
    left_out.sort_by(|a, b| a.0.path.cmp(&b.0.path));
    check_unique_paths(sections, &built, problems);
    PlacedPages { built, left_out }
}

/// `page` with its slug and URL, in the section at `section_path` (`/bai-viet/`).
pub(super) fn addressed(
    config: &Config,
    page: Found,
    section_path: &str,
    problems: &mut Problems,
) -> PagePlan {
    let slug = slug_of(&page, problems);
    let path = format!("{section_path}{slug}/");
    let Found { parsed, section, bundle } = page;
    PagePlan { permalink: config.permalink(&path), path, slug, section, bundle, parsed }
}

/// Why a page is left out of a build on `options.today`, if it is.
pub(super) fn absence(
    config: &Config,
    meta: &PageMeta,
    section: Option<Absence>,
    options: Options,
) -> Option<Absence> {
    let tz = &config.timezone;
    if section.is_some() || (meta.draft && !options.drafts) {
        Some(Absence::Draft)
    } else if let Some(d) = meta.publish_date.map(|d| d.date(tz)).filter(|d| *d > options.today) {
        Some(Absence::NotYet(d))
    } else {
        meta.expiry_date.map(|d| d.date(tz)).filter(|d| *d <= options.today).map(Absence::Expired)
    }
}

/// The last part of a page's URL: its `slug`, else its file (or bundle folder) name slugified.
fn slug_of(page: &Found, problems: &mut Problems) -> String {
    let file = &page.parsed.file;
    let stem = {
        let path = &file.content_path;
        let without_ext = path.strip_suffix(".md").unwrap_or(path);
        let without_index = if page.bundle {
            without_ext.strip_suffix("/index").unwrap_or(without_ext)
        } else {
            without_ext
        };
        without_index.rsplit('/').next().unwrap_or(without_index).to_string()
    };
    let slug = match &page.parsed.meta.slug {
        Some(written) if slug::is_valid(written) => written.clone(),
        Some(written) => {
            let fixed = slugify(written);
            problems.push(
                at_field(file, "slug", format!("`slug` không hợp lệ: `{written}`")).help(format!(
                    "slug chỉ gồm chữ thường không dấu, số và dấu gạch ngang, ví dụ slug: {fixed}"
                )),
            );
            fixed
        }
        None => slugify(&stem),
    };
    if slug.is_empty() {
        problems.push(
            at_field(file, "slug", format!("tên tệp `{stem}` không tạo được đường dẫn"))
                .help("đổi tên tệp cho có chữ hoặc số, hoặc thêm dòng slug: ten-bai-viet"),
        );
    } else if slug == PAGINATION_PATH {
        problems.push(at_field(
            file,
            "slug",
            format!("đường dẫn `{PAGINATION_PATH}` dành cho phân trang; hãy đặt slug khác"),
        ));
    }
    slug
}

/// Two sections or pages of this build at one URL: each of the two files is marked (at its
/// `slug`, or its opening `---`), so each shows the problem when opened.
fn check_unique_paths(sections: &[SectionPlan], pages: &[PagePlan], problems: &mut Problems) {
    let mut owners: HashMap<&str, &SourceFile> = HashMap::new();
    let built_sections =
        sections.iter().filter(|s| s.absent.is_none()).map(|s| (s.path.as_str(), &s.parsed.file));
    let built_pages = pages.iter().map(|p| (p.path.as_str(), &p.parsed.file));
    for (path, file) in built_sections.chain(built_pages) {
        if let Some(first) = owners.insert(path, file) {
            let help = "đặt `slug` khác cho một trong hai trang, hoặc đổi tên tệp";
            let message = format!(
                "hai trang có cùng đường dẫn `{path}`: {} và {}",
                first.path.display(),
                file.path.display()
            );
            let there = |other: &SourceFile| {
                let d = at_field(other, "slug", String::new());
                match d.line_col() {
                    Some((line, _)) => format!("{}, dòng {line}", other.path.display()),
                    None => other.path.display().to_string(),
                }
            };
            problems.push(
                at_field(file, "slug", message.clone())
                    .note(format!("đường dẫn này đã có ở {}", there(first)))
                    .help(help),
            );
            problems.push(
                at_field(first, "slug", message)
                    .note(format!("đường dẫn này trùng với {}", there(file)))
                    .help(help),
            );
        }
    }
}

/// Each page's body rendered, in parallel, against the link index, and summed up
/// ([`crate::markdown::Rendered::sum_up`]); those `cache` holds from an earlier assembly are
/// taken from it.
pub fn render(
    pages: &[PagePlan],
    options: MarkdownOptions,
    index: &LinkIndex,
    cache: Option<&bodies::BodyCache>,
    problems: &mut Problems,
) -> Vec<Body> {
    if let Some(cache) = cache {
        let paths = pages.iter().map(|p| p.parsed.file.content_path.as_str()).collect();
        cache.begin(index, options, &paths);
    }
    let rendered: Vec<_> = pages
        .par_iter()
        .map(|p| {
            let parsed = &p.parsed;
            let (file, start, headings) = (&parsed.file, parsed.body_start, &parsed.headings);
            match cache {
                Some(cache) => cache.render(file, start, headings, options, index),
                None => {
                    let (mut body, diagnostics) =
                        bodies::render(file, start, headings, options, index);
                    body.rendered.sum_up();
                    (body, diagnostics)
                }
            }
        })
        .collect();
    let mut out = Vec::with_capacity(rendered.len());
    for (body, diagnostics) in rendered {
        problems.extend(diagnostics);
        out.push(body);
    }
    out
}

/// Each page's own share-card picture (`image:`), found and measured against the link index.
pub fn share_images(
    pages: &[PagePlan],
    index: &LinkIndex,
    problems: &mut Problems,
) -> Vec<Option<bodies::ShareImage>> {
    let found: Vec<_> = pages
        .par_iter()
        .map(|p| match &p.parsed.meta.image {
            Some(image) => bodies::share_image(&p.parsed.file, image, index),
            None => (None, None),
        })
        .collect();
    found
        .into_iter()
        .map(|(image, problem)| {
            problems.extend(problem);
            image
        })
        .collect()
}

/// The finished pages of this build, with their rendered bodies, share-card pictures and tags
/// (indices into the site's tags, in the order the editor wrote them).
pub fn finish(
    plans: Vec<PagePlan>,
    bodies: Vec<Body>,
    images: Vec<Option<bodies::ShareImage>>,
    tags: Vec<Vec<usize>>,
) -> Vec<Page> {
    plans
        .into_iter()
        .zip(bodies)
        .zip(images)
        .zip(tags)
        .map(|(((plan, body), share_image), tags)| finished(plan, body, share_image, tags))
        .collect()
}

/// The page of `plan`, with its rendered body, share-card picture and tags.
pub(super) fn finished(
    plan: PagePlan,
    body: Body,
    share_image: Option<bodies::ShareImage>,
    tags: Vec<usize>,
) -> Page {
    Page {
        file: plan.parsed.file,
        meta: plan.parsed.meta,
        kind: plan.parsed.kind,
        fields: plan.parsed.fields,
        section: plan.section,
        slug: plan.slug,
        path: plan.path,
        permalink: plan.permalink,
        headings: plan.parsed.headings,
        sum: plan.parsed.sum,
        title_key: plan.parsed.title_key,
        rendered: body.rendered,
        links_to: body.links_to,
        share_image,
        tags,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_dirs_and_bundles() {
        assert_eq!(page_dir("bai-viet/a.md"), ("bai-viet".to_string(), false));
        assert_eq!(page_dir("bai-viet/a/index.md"), ("bai-viet".to_string(), true));
        assert_eq!(page_dir("a.md"), (String::new(), false));
        assert_eq!(page_dir("index.md"), (String::new(), false));
    }
}
