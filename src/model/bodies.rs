//! Rendering one Markdown body against the site's link index: its HTML, the pages it links to,
//! and the problems of its links. Assembly renders every body this way, and so does watch
//! mode's fast path for a saved page.

use std::borrow::Cow;
use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use super::links::{Asked, LinkIndex};
use crate::diagnostic::{Diagnostic, Severity};
use crate::load::SourceFile;
use crate::markdown::{self, Heading, Links, MarkdownOptions, Rendered};

/// A page's own picture for share cards (`image:` in its front matter), found and measured.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ShareImage {
    /// Its absolute URL.
    pub url: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
}

/// The smallest side share cards show a picture with (Facebook's minimum for a link preview).
pub const MIN_SHARE_SIDE: u32 = 200;

/// The picture `image` written in the front matter of `file`, found from the file's folder like
/// the images of its body; an error when it is missing or not a picture share cards show (JPEG,
/// PNG, WebP, GIF), a warning when it is smaller than [`MIN_SHARE_SIDE`].
pub fn share_image(
    file: &SourceFile,
    image: &str,
    index: &LinkIndex,
) -> (Option<ShareImage>, Option<Diagnostic>) {
    let dir = file.content_path.rsplit_once('/').map_or("", |(d, _)| d);
    let links = index.for_dir(dir);
    let at = |message: String| match crate::front_matter::split(file) {
        Ok(split) => crate::front_matter::at_value(file, &split, "image", message),
        Err(_) => Diagnostic::error(&file.path, message),
    };
    let example = "ví dụ image: anh-chia-se.jpg, ảnh đặt cạnh tệp bài viết, rộng 1200, cao 630 \
                   điểm ảnh";
    let url = match links.relative(image) {
        Ok(url) => url,
        Err(e) => return (None, Some(at(e.message).help(example))),
    };
    let Some((width, height)) = links.image_size(image) else {
        let message = format!(
            "`image` phải là ảnh JPEG, PNG, WebP hoặc GIF để mạng xã hội hiện được, nhưng \
             `{image}` không phải"
        );
        return (None, Some(at(message).help(example)));
    };
    let small = (width < MIN_SHARE_SIDE || height < MIN_SHARE_SIDE).then(|| {
        let message = format!(
            "ảnh chia sẻ `{image}` chỉ {width}×{height} điểm ảnh: mạng xã hội cần ít nhất \
             {MIN_SHARE_SIDE}×{MIN_SHARE_SIDE}"
        );
        let mut d = at(message).help("dùng ảnh rộng 1200, cao 630 điểm ảnh");
        d.severity = Severity::Warning;
        d
    });
    (Some(ShareImage { url, width, height }), small)
}

/// A rendered body.
#[derive(Clone)]
pub struct Body {
    /// Its HTML and what it holds.
    pub rendered: Rendered,
    /// Pages and sections it links to (paths relative to `content/`).
    pub links_to: Vec<String>,
}

/// Renders the body of `file` (from `body_start`), its links resolved from its folder, with
/// the problems found, placed in the file.
pub fn render(
    file: &SourceFile,
    body_start: usize,
    headings: &[Heading],
    options: MarkdownOptions,
    index: &LinkIndex,
) -> (Body, Vec<Diagnostic>) {
    let links = index.for_dir(folder(file));
    let (body, diagnostics, _) = render_with(file, body_start, headings, options, links);
    (body, diagnostics)
}

/// The folder of `file` inside `content/`, which its links are resolved from.
fn folder(file: &SourceFile) -> &str {
    file.content_path.rsplit_once('/').map_or("", |(d, _)| d)
}

/// [`render`] with `links`, and the questions the body asked them with their answers when
/// `links` records them ([`LinkIndex::for_dir_asking`]).
fn render_with(
    file: &SourceFile,
    body_start: usize,
    headings: &[Heading],
    options: MarkdownOptions,
    links: super::links::DirLinks<'_>,
) -> (Body, Vec<Diagnostic>, Vec<Asked>) {
    let body = &file.text[body_start..];
    let (mut rendered, found) = markdown::render(body, headings, options, &links);
    // Placed in the file, for the model to check them once the data sets are loaded.
    for data_use in &mut rendered.data_uses {
        data_use.span = body_start + data_use.span.start..body_start + data_use.span.end;
    }
    // Marked as this file's, so that a listing showing its summary can tell them from its own.
    let count = rendered.data_uses.len();
    if count > 0 {
        rendered.html =
            markdown::owned_data_markers(&rendered.html, &file.content_path, count).into();
        rendered.summary =
            markdown::owned_data_markers(&rendered.summary, &file.content_path, count);
    }
    let (links_to, asked) = links.finish();
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
    (Body { rendered, links_to }, diagnostics, asked)
}

/// Bodies rendered by earlier builds of a watch-mode session, so that assembling the site again
/// after an edit renders only the bodies that changed. A body is a function of its file's text,
/// the Markdown options, and the answers its links got from the link index (targets' URLs,
/// heading ids and absence, copied files and image sizes: [`Asked`]). When the options change,
/// every body is rendered again; when the index changes (a page added, deleted, renamed or
/// retitled), a body is rendered again only if one of its questions now gets another answer.
///
/// `pccc build` keeps them beside its output too ([`BodyCache::save`], [`BodyCache::restore`]),
/// each with its file's text summed up instead of the text, for the next build of the same
/// program to take.
#[derive(Default)]
pub struct BodyCache {
    state: Mutex<CacheState>,
    /// Bodies given back instead of rendered.
    taken: std::sync::atomic::AtomicUsize,
}

#[derive(Default)]
struct CacheState {
    /// The Markdown options the entries were rendered with, summed up.
    options: u64,
    /// The link index of this assembly, summed up.
    index: u64,
    /// By content path: the file's text and path, where its body starts, and the outcome. The
    /// text is compared, not summed up: a file the load took unchanged from an earlier one
    /// ([`crate::load::Known`]) shares its text, and is told at once.
    entries: HashMap<String, Arc<RenderedFile>>,
}

/// An entry of [`BodyCache`].
struct RenderedFile {
    text: Text,
    path: std::path::PathBuf,
    body_start: usize,
    body: Body,
    diagnostics: Vec<Diagnostic>,
    /// What the body asked the link index, and the answers.
    asked: Vec<Asked>,
    /// The sum of the last link index known to give those answers.
    answered_by: AtomicU64,
}

/// The text an entry of [`BodyCache`] was rendered from.
enum Text {
    /// Held: watch mode's, compared (mostly by pointer, see [`CacheState::entries`]).
    Held(Arc<str>),
    /// Summed up ([`text_sum`]): an entry read back from a build's output.
    Summed(u64),
}

impl Text {
    fn is(&self, text: &Arc<str>) -> bool {
        match self {
            Text::Held(held) => Arc::ptr_eq(held, text) || held == text,
            Text::Summed(sum) => *sum == text_sum(text),
        }
    }
}

/// A text summed up with std's SipHash, as the build cache sums its inputs up
/// (`crate::pipeline`): trusted only by the binary that wrote it.
fn text_sum(text: &str) -> u64 {
    let mut hasher = DefaultHasher::new();
    text.hash(&mut hasher);
    hasher.finish()
}

/// The format of [`BodyCache::save`]'s bytes: bumped whenever what they hold or mean changes.
const SAVED_FORMAT: u32 = 2;

/// How many entries [`BodyCache::save`] encodes together ([`crate::stored`]).
const SAVED_PART: usize = 256;

/// The head of [`BodyCache::save`]'s bytes, which parts of [`SavedEntry`]s follow.
#[derive(serde::Serialize, serde::Deserialize)]
struct Saved {
    format: u32,
    /// The program that wrote it ([`BodyCache::save`]).
    program: String,
    /// [`CacheState::options`].
    options: u64,
}

/// An entry of [`Saved`]: a [`RenderedFile`] with its text summed up. Saving borrows what the
/// entry holds (its HTML alone is 54 MB at 10,000 pages, which a copy held while the pages render
/// would add to the build's peak memory); reading back owns it. Both give the same bytes.
#[derive(PartialEq, serde::Serialize, serde::Deserialize)]
struct SavedEntry<'a> {
    content_path: Cow<'a, str>,
    text: u64,
    path: Cow<'a, std::path::Path>,
    body_start: usize,
    #[serde(deserialize_with = "crate::stored::text")]
    html: Cow<'a, str>,
    #[serde(deserialize_with = "crate::stored::text")]
    summary: Cow<'a, str>,
    #[serde(deserialize_with = "crate::stored::text")]
    summary_text: Cow<'a, str>,
    toc: Cow<'a, [markdown::TocEntry]>,
    has_code: bool,
    word_count: usize,
    data_uses: Cow<'a, [markdown::DataUse]>,
    #[serde(deserialize_with = "crate::stored::text")]
    marked_summary_text: Cow<'a, str>,
    sum: u64,
    links_to: Cow<'a, [String]>,
    asked: Cow<'a, [Asked]>,
}

impl<'a> SavedEntry<'a> {
    fn new(content_path: &'a str, entry: &'a RenderedFile) -> SavedEntry<'a> {
        let text = match &entry.text {
            Text::Held(text) => text_sum(text),
            Text::Summed(sum) => *sum,
        };
        let Body { rendered, links_to } = &entry.body;
        SavedEntry {
            content_path: content_path.into(),
            text,
            path: entry.path.as_path().into(),
            body_start: entry.body_start,
            html: Cow::Borrowed(&rendered.html),
            summary: Cow::Borrowed(&rendered.summary),
            summary_text: Cow::Borrowed(&rendered.summary_text),
            toc: Cow::Borrowed(&rendered.toc),
            has_code: rendered.has_code,
            word_count: rendered.word_count,
            data_uses: Cow::Borrowed(&rendered.data_uses),
            marked_summary_text: Cow::Borrowed(&rendered.marked_summary_text),
            sum: rendered.sum,
            links_to: Cow::Borrowed(links_to),
            asked: Cow::Borrowed(&entry.asked),
        }
    }

    fn entry(self) -> (String, Arc<RenderedFile>) {
        let rendered = Rendered {
            html: self.html.into(),
            summary: self.summary.into_owned(),
            summary_text: self.summary_text.into_owned(),
            toc: self.toc.into_owned(),
            has_code: self.has_code,
            word_count: self.word_count,
            data_uses: self.data_uses.into_owned(),
            marked_summary_text: self.marked_summary_text.into_owned(),
            sum: self.sum,
        };
        let entry = RenderedFile {
            text: Text::Summed(self.text),
            path: self.path.into_owned(),
            body_start: self.body_start,
            body: Body { rendered, links_to: self.links_to.into_owned() },
            diagnostics: Vec::new(),
            asked: self.asked.into_owned(),
            // No index is known to answer as the one it was rendered against: asked again.
            answered_by: AtomicU64::new(0),
        };
        (self.content_path.into_owned(), Arc::new(entry))
    }
}

impl BodyCache {
    /// Starts an assembly of the pages at `paths` (inside `content/`) against `index` with
    /// `options`: forgets every body when the options are not those the entries were rendered
    /// with, and the bodies of other pages (deleted or renamed).
    pub(super) fn begin(
        &self,
        index: &LinkIndex,
        options: MarkdownOptions,
        paths: &std::collections::HashSet<&str>,
    ) {
        let mut hasher = DefaultHasher::new();
        index.sum(&mut hasher);
        let index = hasher.finish();
        let mut hasher = DefaultHasher::new();
        format!("{options:?}").hash(&mut hasher);
        let options = hasher.finish();
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        if state.options != options {
            state.entries.clear();
            state.options = options;
        }
        state.entries.retain(|path, _| paths.contains(path.as_str()));
        state.index = index;
    }

    /// [`render`], or what it gave for the same text in an earlier assembly whose link index
    /// answered the body's questions as `index` does.
    pub(super) fn render(
        &self,
        file: &SourceFile,
        body_start: usize,
        headings: &[Heading],
        options: MarkdownOptions,
        index: &LinkIndex,
    ) -> (Body, Vec<Diagnostic>) {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let sum = state.index;
        let earlier = state.entries.get(&file.content_path).cloned();
        drop(state);
        if let Some(entry) = earlier
            && entry.path == file.path
            && entry.body_start == body_start
            && entry.text.is(&file.text)
            && (entry.answered_by.load(Ordering::Relaxed) == sum
                || super::links::answers_hold(index, folder(file), &entry.asked))
        {
            entry.answered_by.store(sum, Ordering::Relaxed);
            self.taken.fetch_add(1, Ordering::Relaxed);
            if cfg!(debug_assertions) && matches!(entry.text, Text::Summed(_)) {
                same_as_rendered(&entry, file, headings, options, index);
            }
            return (entry.body.clone(), entry.diagnostics.clone());
        }
        let entry = rendered(file, body_start, headings, options, index, sum);
        let given = (entry.body.clone(), entry.diagnostics.clone());
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.entries.insert(file.content_path.clone(), Arc::new(entry));
        given
    }

    /// Whether a body rendered from the page at `content_path` with `text` is kept: the next
    /// assembly is likely to take it rather than render it (unless the options or the answers
    /// of the link index changed).
    pub fn holds(&self, content_path: &str, text: &Arc<str>) -> bool {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.entries.get(content_path).is_some_and(|entry| entry.text.is(text))
    }

    /// The bodies of the last assembly, for a later build of `program` to take
    /// ([`BodyCache::restore`]): those that had no problem (a body with a warning is rendered
    /// again, for its warning to be reported with its file's text).
    pub fn save(&self, program: &str) -> Vec<u8> {
        let state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let mut entries: Vec<SavedEntry<'_>> = state
            .entries
            .iter()
            .filter(|(_, entry)| entry.diagnostics.is_empty())
            .map(|(path, entry)| SavedEntry::new(path, entry))
            .collect();
        // The same bodies give the same bytes, whatever the map's order.
        entries.sort_unstable_by(|a, b| a.content_path.cmp(&b.content_path));
        let saved =
            Saved { format: SAVED_FORMAT, program: program.to_string(), options: state.options };
        let parts: Vec<&[SavedEntry<'_>]> = entries.chunks(SAVED_PART).collect();
        crate::stored::encode(&saved, &parts).unwrap_or_default()
    }

    /// The bodies `bytes` ([`BodyCache::save`]) hold, when `program` wrote them in this format;
    /// `None` when they are another's, of another format, or cannot be read.
    pub fn restore(bytes: &[u8], program: &str) -> Option<BodyCache> {
        let (saved, parts) =
            crate::stored::decode::<Saved, Vec<SavedEntry<'static>>>(bytes, |saved| {
                saved.format == SAVED_FORMAT && saved.program == program
            })?;
        let entries = parts.into_iter().flatten().map(SavedEntry::entry).collect();
        let state = CacheState { options: saved.options, index: 0, entries };
        Some(BodyCache { state: Mutex::new(state), taken: 0.into() })
    }

    /// How many bodies were given back instead of rendered, since the cache was made.
    pub fn taken(&self) -> usize {
        self.taken.load(Ordering::Relaxed)
    }
}

/// The entry of `file`'s body rendered against `index`, whose answers have the sum `answered_by`.
fn rendered(
    file: &SourceFile,
    body_start: usize,
    headings: &[Heading],
    options: MarkdownOptions,
    index: &LinkIndex,
    answered_by: u64,
) -> RenderedFile {
    let links = index.for_dir_asking(folder(file));
    let (mut body, diagnostics, asked) = render_with(file, body_start, headings, options, links);
    body.rendered.sum_up();
    RenderedFile {
        text: Text::Held(file.text.clone()),
        path: file.path.clone(),
        body_start,
        body,
        diagnostics,
        asked,
        answered_by: AtomicU64::new(answered_by),
    }
}

/// `bytes` ([`BodyCache::save`]) with every body's HTML changed, for tests of the check below.
#[cfg(all(test, debug_assertions))]
pub(super) fn tampered(bytes: &[u8]) -> Vec<u8> {
    let (saved, mut parts) =
        crate::stored::decode::<Saved, Vec<SavedEntry<'static>>>(bytes, |_| true)
            .expect("saved bodies");
    parts.iter_mut().flatten().for_each(|entry| entry.html.to_mut().push_str("<p>cũ</p>"));
    crate::stored::encode(&saved, &parts).expect("encoded")
}

/// Panics, naming the file, when `entry`, read back from a build's output, is not what
/// rendering `file` gives now: what an entry keeps leaves nothing out that a body depends on,
/// or a build serves a stale page. Debug builds check every entry they take (the random-edit
/// tests run them); release builds trust them.
fn same_as_rendered(
    entry: &RenderedFile,
    file: &SourceFile,
    headings: &[Heading],
    options: MarkdownOptions,
    index: &LinkIndex,
) {
    let fresh = rendered(file, entry.body_start, headings, options, index, 0);
    let (kept, fresh) =
        (SavedEntry::new(&file.content_path, entry), SavedEntry::new(&file.content_path, &fresh));
    assert!(
        kept == fresh,
        "the body of {} taken from the last build is not what it renders now",
        file.path.display()
    );
}
