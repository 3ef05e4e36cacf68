//! Content types: what kind of thing a page is (an article, and in time a drill, a lesson).
//!
//! Each content type lives in its own module and owns its front-matter fields, their checks,
//! the template its pages use by default, the values its templates receive, and any outputs it
//! adds besides its pages. This module is the model's list of types: adding one means a variant
//! in each enum below and a module of its own; the loader, the model's assembly and the writer
//! do not change.

pub mod article;
pub mod drill;
pub mod lesson;
pub mod print;
pub mod violations;

use jiff::civil::Date;
use serde::{Deserialize, Serialize};
use tera::Context;

use crate::diagnostic::Diagnostic;
use crate::front_matter::{self, Split};
use crate::load::SourceFile;
use crate::model::{Page, Site};
use crate::view::{Output, Templates};

/// The content type of a section's pages, as written in its `_index.md` (`type: bai_viet`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
pub enum ContentType {
    /// Articles (bài viết), the default.
    #[default]
    #[serde(rename = "bai_viet")]
    Article,
    /// Lessons for schools (bài học).
    #[serde(rename = "bai_hoc")]
    Lesson,
    /// Drills (diễn tập): events with a time and a place, and their calendars.
    #[serde(rename = "dien_tap")]
    Drill,
}

impl ContentType {
    /// The value written in front matter.
    pub fn name(self) -> &'static str {
        match self {
            ContentType::Article => "bai_viet",
            ContentType::Lesson => "bai_hoc",
            ContentType::Drill => "dien_tap",
        }
    }

    /// How editors call one page of this type, in messages.
    pub fn noun(self) -> &'static str {
        match self {
            ContentType::Article => "bài viết",
            ContentType::Lesson => "bài học",
            ContentType::Drill => "buổi diễn tập",
        }
    }

    /// How a search result of this type is labelled.
    pub fn label(self) -> &'static str {
        match self {
            ContentType::Article => "Bài viết",
            ContentType::Lesson => "Bài học",
            ContentType::Drill => "Diễn tập",
        }
    }

    /// The template a page of this type is rendered with by default.
    pub fn template(self) -> &'static str {
        match self {
            ContentType::Article => "page.html",
            ContentType::Lesson => "lesson.html",
            ContentType::Drill => "drill.html",
        }
    }

    /// Whether pages of this type are printed as handouts, with a QR code (`qr.svg` beside the
    /// page) leading back to them: articles and lessons. A drill's page is not a handout.
    pub fn has_printout(self) -> bool {
        !matches!(self, ContentType::Drill)
    }

    /// Whether a section of this type is listed in numbered pages. The drills listing shows
    /// upcoming drills, then past ones with their results, on one page.
    pub fn paginates(self) -> bool {
        !matches!(self, ContentType::Drill)
    }

    /// The template a section of this type is rendered with by default.
    pub fn section_template(self) -> &'static str {
        match self {
            ContentType::Article | ContentType::Lesson => "section.html",
            ContentType::Drill => "drills.html",
        }
    }

    /// The type's own front-matter fields (besides those every page has).
    pub fn fields(self) -> &'static [&'static str] {
        match self {
            ContentType::Article => crate::explain::fields_of::<article::Article>(),
            ContentType::Lesson => crate::explain::fields_of::<lesson::Lesson>(),
            ContentType::Drill => crate::explain::fields_of::<drill::Drill>(),
        }
    }

    /// The front matter of a new page of this type, for `pccc new`.
    pub fn skeleton(self, title: &str, today: Date) -> String {
        let title = front_matter::quote(title);
        match self {
            ContentType::Article => article::skeleton(&title, today),
            ContentType::Lesson => lesson::skeleton(&title, today),
            ContentType::Drill => drill::skeleton(&title, today),
        }
    }
}

/// A page's type-specific fields.
#[derive(Debug, Clone)]
pub enum PageKind {
    /// An article.
    Article(article::Article),
    /// A lesson.
    Lesson(Box<lesson::Lesson>),
    /// A drill.
    Drill(Box<drill::Drill>),
}

impl PageKind {
    /// Reads the fields of `content_type` from a page's front matter, with every problem.
    pub fn parse(
        content_type: ContentType,
        file: &SourceFile,
        split: &Split<'_>,
    ) -> Result<PageKind, Vec<Diagnostic>> {
        Ok(match content_type {
            ContentType::Article => PageKind::Article(front_matter::deserialize_all(file, split)?),
            ContentType::Lesson => {
                PageKind::Lesson(Box::new(front_matter::deserialize_all(file, split)?))
            }
            ContentType::Drill => PageKind::Drill(Box::new(drill::parse(file, split)?)),
        })
    }

    /// The content type.
    pub fn content_type(&self) -> ContentType {
        match self {
            PageKind::Article(_) => ContentType::Article,
            PageKind::Lesson(_) => ContentType::Lesson,
            PageKind::Drill(_) => ContentType::Drill,
        }
    }

    /// Checks beyond the fields' types, such as coherent dates.
    pub fn check(&self, file: &SourceFile, split: &Split<'_>) -> Vec<Diagnostic> {
        match self {
            PageKind::Article(article) => article.check(file, split),
            PageKind::Lesson(lesson) => lesson.check(file, split),
            PageKind::Drill(drill) => drill.check(file, split),
        }
    }

    /// The values of the type-specific fields that `page` receives in templates.
    /// `page` is the page these fields belong to (for its URL and title).
    pub fn view<'a>(&'a self, site: &'a Site, page: &'a Page) -> KindView<'a> {
        match self {
            PageKind::Article(article) => KindView::Article(article.view(site)),
            PageKind::Lesson(lesson) => KindView::Lesson(Box::new(lesson.view(site, page))),
            PageKind::Drill(drill) => KindView::Drill(Box::new(drill.view(site, page))),
        }
    }

    /// Text of the type-specific fields that search should find, beside the page's title,
    /// summary, headings, tags and body (which are always indexed): an article's key messages,
    /// a lesson's objectives, activities and quiz questions; a drill's place, scenario and units.
    pub fn search_text(&self) -> String {
        match self {
            PageKind::Article(article) => article.key_messages.join("\n"),
            PageKind::Drill(drill) => {
                let mut parts: Vec<&str> = vec![drill.kind.label(), &drill.location.name];
                parts.extend(drill.location.address.as_deref());
                parts.extend(drill.location.to_dan_pho.as_deref());
                parts.extend(drill.organiser.as_deref());
                if let Some(s) = &drill.scenario {
                    parts.extend(
                        [&s.premises, &s.cause, &s.spread]
                            .into_iter()
                            .flatten()
                            .map(String::as_str),
                    );
                }
                parts.extend(drill.forces.iter().map(|f| f.unit.as_str()));
                parts.join("\n")
            }
            PageKind::Lesson(lesson) => {
                let o = &lesson.objectives;
                let mut parts: Vec<&str> = vec![&lesson.grades];
                for list in [&o.knowledge, &o.skills, &o.attitude, &lesson.materials] {
                    parts.extend(list.iter().map(String::as_str));
                }
                parts.extend(lesson.activities.iter().map(|a| a.text.as_str()));
                parts.extend(lesson.key_messages.iter().map(String::as_str));
                parts.extend(lesson.quiz.iter().map(|q| q.question.as_str()));
                parts.extend(lesson.safety_notes.iter().map(String::as_str));
                parts.join("\n")
            }
        }
    }

    /// Whether pages of this kind show highlighted code whatever their body (a lesson shows
    /// its embed snippet), so the site needs the code stylesheet.
    pub fn shows_code(&self) -> bool {
        matches!(self, PageKind::Lesson(_))
    }
}

/// Type-specific values, merged into `page` in templates.
#[derive(Debug, Serialize)]
#[serde(untagged)]
pub enum KindView<'a> {
    /// An article's values.
    Article(article::View<'a>),
    /// A lesson's values.
    Lesson(Box<lesson::View<'a>>),
    /// A drill's values.
    Drill(Box<drill::View<'a>>),
}

/// Outputs the content types add besides their pages (calendars, embeds, open data).
pub fn extra_outputs(site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
    let mut outputs = Vec::new();
    // Lessons: embed pages. Every page: a QR code for its printout; with key messages: a poster.
    outputs.extend(lesson::embed::outputs(site, templates));
    outputs.extend(print::outputs(site, templates));
    // Drills: the calendar subscription, one calendar per drill, views per tổ dân phố.
    outputs.extend(drill::extra_outputs(site, templates));
    // The list of violations: its pages, views, open data and feed.
    outputs.extend(violations::outputs(site, templates));
    outputs
}

/// Starts, on the thread pool, the costly first-time work of the content types present (each
/// happens once per process): syntect compiles the HTML grammar for the lessons' embed snippet
/// in tens of milliseconds, most of a small site's build.
pub fn warm_up(mut types: impl Iterator<Item = ContentType>) {
    if types.any(|t| t == ContentType::Lesson) {
        rayon::spawn(lesson::embed::warm_up);
    }
}

/// Search documents for records that are not pages (violations listed in a data file, for
/// example), with their type label ("Vi phạm"); pages are indexed by `crate::search` already.
pub fn search_docs(site: &Site) -> Vec<crate::search::Document> {
    // Published records of organisations only: an individual's record stays off search
    // engines (domain brief §1.6), so its name is not put in a downloadable index either.
    site.violations
        .records
        .iter()
        .filter(|r| r.state.is_published())
        .filter(|r| r.entry.owner.kind == violations::schema::OwnerKind::ToChuc)
        .map(|r| {
            let e = &r.entry;
            let categories: Vec<&str> = e.categories.iter().map(|c| c.label()).collect();
            crate::search::Document {
                url: format!("/{}/{}/", violations::DIR, e.id),
                title: e.facility.name.clone(),
                kind: "Vi phạm".into(),
                summary: format!("{}: {}", r.state.status().1, e.description),
                headings: Vec::new(),
                tags: categories.iter().map(|c| c.to_string()).collect(),
                body: [
                    e.owner.name.as_str(),
                    e.facility.kind.label(),
                    &e.facility.address,
                    &e.facility.to_dan_pho,
                    &categories.join("; "),
                    &e.description,
                ]
                .join("\n"),
            }
        })
        .collect()
}

/// Values the content types add to the context of a section's own page (`s` is not the home).
pub fn section_context(site: &Site, s: usize, context: &mut Context) {
    if site.sections[s].content_type == ContentType::Drill {
        drill::section_context(site, s, context);
    }
}

/// Values the content types add to the home page's template context.
pub fn home_context(site: &Site, context: &mut Context) {
    drill::home_context(site, context);
    violations::home_context(site, context);
}

/// A diagnostic at the line where the top-level front-matter field `key` is written, or at the
/// front matter's opening `---` when it is not written.
pub fn at_key(
    file: &SourceFile,
    split: &Split<'_>,
    key: &str,
    message: impl Into<String>,
) -> Diagnostic {
    let d = Diagnostic::error(&file.path, message);
    let needle = format!("\n{key}:");
    let front = format!("\n{}", split.front);
    match front.find(&needle) {
        Some(i) => {
            let start = split.front_start + i;
            d.at(&file.text, start..start + key.len())
        }
        None => d.at(&file.text, front_matter::OPENING),
    }
}

/// A diagnostic at `value` as written inside the top-level front-matter field `key` (an item
/// of its list, a nested field), so the caret is on the bad item, not on the parent key; at
/// `key` when the value is not written as is (escaped, split over lines).
pub fn at_value(
    file: &SourceFile,
    split: &Split<'_>,
    key: &str,
    value: &str,
    message: impl Into<String>,
) -> Diagnostic {
    let d = at_key(file, split, key, message);
    let Some((_, span)) = &d.location else { return d };
    let front_end = split.front_start + split.front.len();
    // The field runs to the next line that starts another top-level key.
    let rest = &file.text[span.end..front_end];
    let mut end = front_end;
    let mut offset = span.end;
    for line in rest.split_inclusive('\n').skip(1) {
        offset += line.len();
        let first = line.chars().next().unwrap_or(' ');
        if !(first.is_whitespace() || first == '-' || first == '#') {
            end = offset - line.len();
            break;
        }
    }
    match file.text[span.end..end].find(value) {
        Some(i) if !value.is_empty() => {
            let start = span.end + i;
            d.at(&file.text, start..start + value.len())
        }
        _ => d,
    }
}
