//! Rendering one Markdown body against the site's link index: its HTML, the pages it links to,
//! and the problems of its links. Assembly renders every body this way, and so does watch
//! mode's fast path for a saved page.

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
#[derive(Default)]
pub struct BodyCache {
    state: Mutex<CacheState>,
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
    text: Arc<str>,
    path: std::path::PathBuf,
    body_start: usize,
    body: Body,
    diagnostics: Vec<Diagnostic>,
    /// What the body asked the link index, and the answers.
    asked: Vec<Asked>,
    /// The sum of the last link index known to give those answers.
    answered_by: AtomicU64,
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
            && (Arc::ptr_eq(&entry.text, &file.text) || entry.text == file.text)
            && entry.path == file.path
            && entry.body_start == body_start
            && (entry.answered_by.load(Ordering::Relaxed) == sum
                || super::links::answers_hold(index, folder(file), &entry.asked))
        {
            entry.answered_by.store(sum, Ordering::Relaxed);
            return (entry.body.clone(), entry.diagnostics.clone());
        }
        let links = index.for_dir_asking(folder(file));
        let (mut body, diagnostics, asked) =
            render_with(file, body_start, headings, options, links);
        body.rendered.sum_up();
        let entry = RenderedFile {
            text: file.text.clone(),
            path: file.path.clone(),
            body_start,
            body: body.clone(),
            diagnostics: diagnostics.clone(),
            asked,
            answered_by: AtomicU64::new(sum),
        };
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.entries.insert(file.content_path.clone(), Arc::new(entry));
        (body, diagnostics)
    }
}
