//! Loading: walk `content/` and read every file the build needs, as normalised text.
//!
//! The first stage of the pipeline. Markdown files come back as [`SourceFile`]s whose text is
//! valid UTF-8 without a byte-order mark, with `\n` line ends and in NFC; everything else
//! (images, PDFs) comes back as an [`Asset`] to copy. Data files (YAML, CSV, spreadsheets) are
//! never copied: they may hold fields that must not be published.
//!
//! Hidden files (a name starting with a dot) and editors' temporary files are skipped; a hidden
//! file or folder that holds content is named in a warning, since a dot typed by mistake
//! (`.an.md`, `...md`) would otherwise drop a page without a word. A symbolic link is followed
//! when it leads to a file or folder inside `content/`, and refused when it leads outside it, so
//! that a build never publishes a file from elsewhere on the computer by accident.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use rayon::prelude::*;
use walkdir::WalkDir;

use crate::diagnostic::{Diagnostic, Problems};

/// A text file of the site, as loaded.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path relative to the site root, e.g. `content/bai-viet/a.md`.
    pub path: PathBuf,
    /// Path relative to `content/`, with `/` separators, e.g. `bai-viet/a.md`; in NFC whatever
    /// the form of the name on disk ([`to_slash`]).
    pub content_path: String,
    /// The text: UTF-8, NFC, `\n` line ends, no BOM.
    pub text: Arc<str>,
}

/// A file copied as is into the output.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Asset {
    /// Absolute path of the file.
    pub source: PathBuf,
    /// Path relative to `content/`, with `/` separators, in NFC.
    pub content_path: String,
    /// Width and height when it is an image whose header says them (pages get `width` and
    /// `height` attributes from them, so the layout does not jump as images arrive).
    pub size: Option<(u32, u32)>,
}

/// A data file (YAML, CSV, spreadsheet) under `content/`, read for the content type that owns
/// its folder. A file no type owns is read all the same but never used nor copied.
#[derive(Debug, Clone)]
pub struct DataFile {
    /// Absolute path of the file.
    pub source: PathBuf,
    /// Path relative to the site root, as messages show it.
    pub path: PathBuf,
    /// Path relative to `content/`, with `/` separators, in NFC.
    pub content_path: String,
    /// Its extension in lower case (`yaml`, `csv`, `xlsx`), empty when it has none.
    pub extension: String,
    /// Its bytes; `Ok(None)` when it is larger than [`MAX_DATA_BYTES`]. Reading errors are
    /// reported by the content type that owns the file, not for files nobody reads.
    pub bytes: Result<Option<Vec<u8>>, Diagnostic>,
}

/// The largest data file read, in bytes: a sheet of 10,000 records is about 15 MB; past this a
/// file is not read at all, so that a broken or hostile one cannot exhaust memory.
pub const MAX_DATA_BYTES: u64 = 100_000_000;

/// Everything found under `content/`.
#[derive(Debug, Default, Clone)]
pub struct Loaded {
    /// Markdown files.
    pub markdown: Vec<SourceFile>,
    /// Data files (YAML, CSV, spreadsheets), with their bytes, for the content types that own
    /// them.
    pub data: Vec<DataFile>,
    /// Other files, to copy beside the pages they belong to.
    pub assets: Vec<Asset>,
    /// Warnings: hidden files and folders skipped.
    pub warnings: Vec<Diagnostic>,
}

/// Extensions of data files: read, never copied into the output.
const DATA_EXTENSIONS: [&str; 8] = ["yaml", "yml", "csv", "xlsx", "xls", "ods", "toml", "json"];

/// Markdown files read by earlier loads, with the length and modification time each had, so
/// that watch mode reads and decodes again only the files that changed. A file is read again
/// when its length or time differs, or when the watcher saw it change ([`Known::forget`]), so
/// two saves of the same length within the file system's clock tick are not missed.
///
/// It also keeps what the last load found, which the next load takes instead of walking
/// `content/` when the watcher saw nothing but saves of pages it had ([`Known::saved_only`]).
#[derive(Debug, Default)]
pub struct Known {
    files: std::sync::Mutex<std::collections::HashMap<PathBuf, Seen>>,
    listing: std::sync::Mutex<Listing>,
}

/// What the last load found, as saves since changed it.
#[derive(Debug, Default)]
struct Listing {
    /// The files of the last load that found no problem; `None` after one that did, or when a
    /// change made it unknown.
    last: Option<Loaded>,
    /// Whether the next load takes `last` instead of walking.
    skip_walk: bool,
}

/// A file as an earlier load read it.
#[derive(Debug, Clone)]
struct Seen {
    len: u64,
    modified: Option<std::time::SystemTime>,
    text: Arc<str>,
}

impl Known {
    /// Forgets `paths` (relative to the site's root): the watcher saw them change.
    pub fn forget<'a>(&self, paths: impl IntoIterator<Item = &'a PathBuf>) {
        let mut files = self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        for path in paths {
            files.remove(path);
        }
    }

    /// Forgets every file: the watcher may have missed changes.
    pub fn clear(&self) {
        self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner).clear();
        *self.listing() = Listing::default();
    }

    /// The watcher saw nothing but saves of `files`, Markdown files the last load had (read
    /// again): puts them in place of theirs in what the last load found, and lets the next
    /// load take that instead of walking `content/`. Forgets it when one of them is not there.
    /// Any other change must go through [`Known::walk_next`].
    pub fn saved_only(&self, files: &[SourceFile]) {
        let mut listing = self.listing();
        let Some(last) = &mut listing.last else { return };
        for file in files {
            match last.markdown.iter_mut().find(|f| f.content_path == file.content_path) {
                Some(kept) => *kept = file.clone(),
                None => {
                    listing.last = None;
                    return;
                }
            }
        }
        listing.skip_walk = true;
    }

    /// The watcher saw nothing but saves of `saved` (paths relative to the site's root), data
    /// files the last load had: reads them again in place of theirs in what the last load
    /// found, and gives every data file it found. `None` (and what it found forgotten) when one
    /// of them is not there.
    pub fn data_saved<'a>(
        &self,
        root: &Path,
        saved: impl IntoIterator<Item = &'a PathBuf>,
    ) -> Option<Vec<DataFile>> {
        let mut listing = self.listing();
        let last = listing.last.as_mut()?;
        for path in saved {
            let Some(kept) = last.data.iter_mut().find(|f| f.path == *path) else {
                listing.last = None;
                return None;
            };
            *kept = read_data(root, kept.source.clone(), kept.content_path.clone());
        }
        Some(last.data.clone())
    }

    /// Forgets what the last load found: pages were added or removed without a load, so the
    /// next load walks `content/` whatever is saved before it.
    pub fn forget_listing(&self) {
        *self.listing() = Listing::default();
    }

    /// Makes the next load walk `content/` (the default).
    pub fn walk_next(&self) {
        self.listing().skip_walk = false;
    }

    /// What the last load found, when the next load may take it ([`Known::saved_only`]).
    fn take_listing(&self) -> Option<Loaded> {
        let mut listing = self.listing();
        std::mem::take(&mut listing.skip_walk).then(|| listing.last.clone()).flatten()
    }

    /// Keeps what a load found, or forgets it when the load found a problem.
    fn keep_listing(&self, loaded: Option<&Loaded>) {
        self.listing().last = loaded.cloned();
    }

    fn listing(&self) -> std::sync::MutexGuard<'_, Listing> {
        self.listing.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    fn seen(
        &self,
        shown: &Path,
        len: u64,
        modified: Option<std::time::SystemTime>,
    ) -> Option<Arc<str>> {
        let files = self.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let seen = files.get(shown)?;
        (seen.len == len && seen.modified == modified && modified.is_some())
            .then(|| Arc::clone(&seen.text))
    }
}

/// Walks `root/content` and reads every Markdown file, in parallel.
pub fn load_content(root: &Path) -> Result<Loaded, Problems> {
    load_content_known(root, None)
}

/// [`load_content`], taking the text of files unchanged since an earlier load from `known`
/// (and keeping there what this load read).
pub fn load_content_known(root: &Path, known: Option<&Known>) -> Result<Loaded, Problems> {
    let content = root.join("content");
    let mut problems = Problems::new();
    let mut markdown_paths = Vec::new();
    let mut data_paths = Vec::new();
    let mut loaded = Loaded::default();
    if !content.is_dir() {
        return Err(Diagnostic::error("content", "không tìm thấy thư mục `content`")
            .help("tạo thư mục content/ với tệp content/_index.md cho trang chủ")
            .into());
    }
    if let Some(loaded) = known.and_then(Known::take_listing) {
        return Ok(loaded);
    }
    let inside = std::fs::canonicalize(&content).unwrap_or_else(|_| content.clone());
    let mut found = Vec::new();
    let walker = WalkDir::new(&content).follow_links(true).sort_by_file_name().into_iter();
    for entry in walker.filter_entry(|e| e.depth() == 0 || keep(e, root, &inside, &mut found)) {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                problems.push(walk_error(&err, root));
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        let path = entry.into_path();
        let content_path = to_slash(crate::fs::relative(&path, &content));
        match extension(&path).as_deref() {
            Some("md") => markdown_paths.push((path, content_path)),
            Some(ext) if DATA_EXTENSIONS.contains(&ext) => data_paths.push((path, content_path)),
            _ => loaded.assets.push(Asset { source: path, content_path, size: None }),
        }
    }
    loaded.assets.par_iter_mut().for_each(|asset| asset.size = image_size(&asset.source));
    loaded.data = data_paths
        .into_par_iter()
        .map(|(source, content_path)| read_data(root, source, content_path))
        .collect();

    let (markdown, unreadable) = read_markdown(root, markdown_paths, known);
    loaded.markdown = markdown;
    problems.extend(unreadable);
    let (warnings, errors): (Vec<Diagnostic>, Vec<Diagnostic>) =
        found.into_iter().partition(|d| d.severity == crate::diagnostic::Severity::Warning);
    problems.extend(errors);
    loaded.warnings = warnings;
    if let Some(known) = known {
        known.keep_listing(problems.is_empty().then_some(&loaded));
    }
    problems.into_result(loaded)
}

/// Reads the data file at `source` (absolute), at `content_path` in `content/`.
fn read_data(root: &Path, source: PathBuf, content_path: String) -> DataFile {
    let path = crate::fs::relative(&source, root).to_path_buf();
    let extension = extension(&source).unwrap_or_default();
    let bytes = crate::fs::read_at_most(&source, &path, MAX_DATA_BYTES);
    DataFile { source, path, content_path, extension, bytes }
}

/// Whether `path` has the extension of a data file.
pub fn is_data_file(path: &Path) -> bool {
    extension(path).is_some_and(|ext| DATA_EXTENSIONS.contains(&ext.as_str()))
}

/// Reads and decodes the Markdown files at `paths` (with their paths relative to `content/`),
/// in parallel, taking from `known` the text of those unchanged since it read them and keeping
/// there what was read: the files in order, and the problems of those that could not be read.
fn read_markdown(
    root: &Path,
    paths: Vec<(PathBuf, String)>,
    known: Option<&Known>,
) -> (Vec<SourceFile>, Vec<Diagnostic>) {
    let (mut markdown, mut problems) = (Vec::new(), Vec::new());
    let results: Vec<Result<(SourceFile, Option<Seen>), Diagnostic>> = paths
        .into_par_iter()
        .map(|(path, content_path)| {
            let shown = crate::fs::relative(&path, root).to_path_buf();
            // Looked at before reading: a save between the two is read again next time.
            let stamp = known.and_then(|_| std::fs::metadata(&path).ok()).map(|m| {
                let modified = m.modified().ok();
                (m.len(), modified)
            });
            if let (Some(known), Some((len, modified))) = (known, stamp)
                && let Some(text) = known.seen(&shown, len, modified)
            {
                return Ok((SourceFile { path: shown, content_path, text }, None));
            }
            let bytes = crate::fs::read(&path, &shown)?;
            let text = decode(&shown, &bytes)?;
            let seen = stamp.map(|(len, modified)| Seen { len, modified, text: Arc::clone(&text) });
            Ok((SourceFile { path: shown, content_path, text }, seen))
        })
        .collect();
    let mut read = Vec::new();
    for result in results {
        match result {
            Ok((file, seen)) => {
                if let Some(seen) = seen {
                    read.push((file.path.clone(), seen));
                }
                markdown.push(file);
            }
            Err(d) => problems.push(d),
        }
    }
    if let Some(known) = known {
        let mut files = known.files.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        // Only the files of this load are kept: deleted ones are forgotten.
        let present: std::collections::HashSet<&Path> =
            markdown.iter().map(|f| f.path.as_path()).collect();
        files.retain(|path, _| present.contains(path.as_path()));
        files.extend(read);
    }
    (markdown, problems)
}

/// Width and height of an image file, read from its header (or an SVG's root element).
fn image_size(path: &Path) -> Option<(u32, u32)> {
    match extension(path)?.as_str() {
        "png" | "jpg" | "jpeg" | "gif" | "webp" => {
            let size = imagesize::size(path).ok()?;
            Some((u32::try_from(size.width).ok()?, u32::try_from(size.height).ok()?))
        }
        "svg" => svg_size(&std::fs::read_to_string(path).ok()?),
        _ => None,
    }
}

/// The size an SVG declares: its `width` and `height` in pixels, else its `viewBox`.
fn svg_size(svg: &str) -> Option<(u32, u32)> {
    let start = svg.find("<svg")?;
    let tag = &svg[start..start + svg[start..].find('>')?];
    let attr = |name: &str| {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        Some(&tag[at..at + tag[at..].find('"')?])
    };
    let pixels = |v: &str| v.trim().trim_end_matches("px").parse::<f64>().ok().filter(|n| *n > 0.0);
    if let (Some(w), Some(h)) = (attr("width").and_then(pixels), attr("height").and_then(pixels)) {
        return Some((w.round() as u32, h.round() as u32));
    }
    let view: Vec<f64> =
        attr("viewBox")?.split([' ', ',']).filter_map(|n| n.parse().ok()).collect();
    match view[..] {
        [_, _, w, h] if w > 0.0 && h > 0.0 => Some((w.round() as u32, h.round() as u32)),
        _ => None,
    }
}

/// Whether the walk goes into `entry` (never the root): not a hidden or temporary file, and
/// not a symbolic link leading out of `content/` (whose real path is `inside`). What is left
/// out is reported in `found`: a link outside as an error, hidden content as a warning.
fn keep(
    entry: &walkdir::DirEntry,
    root: &Path,
    inside: &Path,
    found: &mut Vec<Diagnostic>,
) -> bool {
    let shown = crate::fs::relative(entry.path(), root);
    if is_ignored(entry.file_name()) {
        if let Some(d) = hidden_content(entry, shown) {
            found.push(d);
        }
        return false;
    }
    if !entry.path_is_symlink() {
        return true;
    }
    match std::fs::canonicalize(entry.path()) {
        Ok(target) if target.starts_with(inside) => true,
        Ok(target) => {
            found.push(
                Diagnostic::error(
                    shown,
                    format!(
                        "liên kết tượng trưng `{}` trỏ ra ngoài thư mục content/, tới `{}`",
                        shown.display(),
                        crate::fs::relative(&target, root).display()
                    ),
                )
                .help(
                    "chép tệp vào trong content/ thay cho liên kết: pccc chỉ theo liên kết tới \
                     tệp hay thư mục nằm trong content/, để một lần dựng không đăng nhầm tệp ở \
                     nơi khác trên máy",
                ),
            );
            false
        }
        // A dangling link: reported by the walk itself, which cannot read it.
        Err(_) => true,
    }
}

/// The warning for a hidden file or folder that holds what the build would read: Markdown or
/// a data file. Editors' temporary files (`.#a.md`, `.a.md.swp`, `.~lock.a.csv#`) and hidden
/// files of other kinds (`.DS_Store`) are skipped without a word.
fn hidden_content(entry: &walkdir::DirEntry, shown: &Path) -> Option<Diagnostic> {
    let name = entry.file_name().to_string_lossy();
    if !name.starts_with('.') || name.starts_with(".#") || name.starts_with(".~") {
        return None;
    }
    let readable = |path: &Path| {
        extension(path).is_some_and(|e| e == "md" || DATA_EXTENSIONS.contains(&e.as_str()))
    };
    let visible = name.trim_start_matches('.');
    let example = if visible.contains('.') { visible.to_string() } else { "ten-bai.md".into() };
    if entry.file_type().is_dir() {
        let count = WalkDir::new(entry.path())
            .into_iter()
            .flatten()
            .filter(|e| e.file_type().is_file() && readable(e.path()))
            .count();
        return (count > 0).then(|| {
            Diagnostic::warning(
                shown,
                format!(
                    "thư mục `{}` bị bỏ qua vì tên bắt đầu bằng dấu chấm (thư mục ẩn), cùng {count} \
                     tệp nội dung trong đó",
                    shown.display()
                ),
            )
            .help(format!(
                "nếu đây là nội dung cần đăng, đổi tên thư mục cho không bắt đầu bằng dấu chấm, \
                 ví dụ `{visible}`; nếu cố ý để ẩn, có thể bỏ qua cảnh báo này"
            ))
        });
    }
    readable(entry.path()).then(|| {
        Diagnostic::warning(
            shown,
            format!("tệp `{}` bị bỏ qua vì tên bắt đầu bằng dấu chấm (tệp ẩn)", shown.display()),
        )
        .help(format!(
            "nếu đây là nội dung cần đăng, đổi tên tệp cho không bắt đầu bằng dấu chấm, ví dụ \
             `{example}`; nếu cố ý để ẩn, có thể bỏ qua cảnh báo này"
        ))
    })
}

/// An error of the walk: a symbolic link that leads nowhere or in a circle, or a folder that
/// cannot be read.
fn walk_error(err: &walkdir::Error, root: &Path) -> Diagnostic {
    let Some(path) = err.path() else {
        return Diagnostic::error("content", "không đọc được thư mục")
            .note(format!("hệ thống báo: {}", crate::explain::walk_error(err)));
    };
    let shown = crate::fs::relative(path, root);
    if err.loop_ancestor().is_some() {
        return Diagnostic::error(
            shown,
            format!(
                "liên kết tượng trưng `{}` trỏ về một thư mục chứa nó, thành vòng lặp",
                shown.display()
            ),
        )
        .help("xoá liên kết này");
    }
    if let Ok(target) = std::fs::read_link(path)
        && !path.exists()
    {
        return Diagnostic::error(
            shown,
            format!(
                "liên kết tượng trưng `{}` trỏ tới `{}`, nơi không có tệp nào",
                shown.display(),
                target.display()
            ),
        )
        .help("sửa liên kết cho trỏ tới một tệp có thật trong content/, hoặc xoá nó");
    }
    Diagnostic::error(shown, "không đọc được thư mục")
        .note(format!("hệ thống báo: {}", crate::explain::walk_error(err)))
}

/// Decodes a file's bytes: UTF-8 required (the error names the line and column of the first
/// bad byte), a byte-order mark dropped, `\r\n` and lone `\r` turned into `\n`, NFC applied.
pub fn decode(shown: &Path, bytes: &[u8]) -> Result<Arc<str>, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    // simdutf8 checks Vietnamese text many times faster than std, which goes a character at a
    // time past ASCII (38 MB of sources at 10,000 pages took one core 0.09 s); for a file it
    // turns away, std says where the bad bytes are.
    let checked = simdutf8::basic::from_utf8(bytes).map_err(|_| std::str::from_utf8(bytes));
    let text = match checked {
        Ok(text) | Err(Ok(text)) => text,
        Err(Err(err)) => {
            let good = &bytes[..err.valid_up_to()];
            let good = std::str::from_utf8(good).unwrap_or_default();
            let (line, column) = crate::diagnostic::line_col(good, good.len());
            // Show the line with the bad bytes replaced, so the editor sees where it is.
            let shown_text: Arc<str> = Arc::from(String::from_utf8_lossy(bytes).as_ref());
            let at = good.len();
            return Err(Diagnostic::error(
                shown,
                format!(
                    "tệp không phải văn bản UTF-8 (dòng {line}, cột {column}, byte thứ {})",
                    err.valid_up_to() + 1
                ),
            )
            .at(&shown_text, at..at + '\u{FFFD}'.len_utf8())
            .label("byte không hợp lệ")
            .help(
                "lưu lại tệp với bảng mã Unicode UTF-8; nếu văn bản cũ dùng phông TCVN3 (ABC) \
                 hoặc VNI, hãy chuyển mã bằng Unikey trước",
            ));
        }
    };
    let unified = if text.contains('\r') {
        std::borrow::Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        std::borrow::Cow::Borrowed(text)
    };
    if crate::text::is_plain_nfc(&unified) {
        return Ok(Arc::from(unified.as_ref()));
    }
    let text: Arc<str> = Arc::from(crate::text::nfc(&unified).as_ref());
    match control_characters(shown, &text) {
        Some(d) => Err(d),
        None => Ok(text),
    }
}

/// Places listed in the note of a control-character error, after the one marked.
const LISTED_CONTROLS: usize = 10;

/// The error for the control characters of `text` (see [`crate::text::is_control`]), if it
/// has any: the first is marked, the others listed by line and column in a note, so that one
/// build shows them all. The text is shown with each one drawn as a visible symbol (␀ for
/// U+0000), since the terminal would otherwise act on them (an ESC starts a colour change).
fn control_characters(shown: &Path, text: &str) -> Option<Diagnostic> {
    let found: Vec<(usize, char)> = crate::text::control_chars(text).collect();
    let &(first, c) = found.first()?;
    let mut visible = String::with_capacity(text.len());
    let mut at = 0..0;
    for (i, ch) in text.char_indices() {
        if crate::text::is_control(ch) {
            let symbol = match u32::from(ch) {
                n @ 0..=0x1F => char::from_u32(0x2400 + n).unwrap_or('\u{FFFD}'),
                0x7F => '\u{2421}',
                _ => '\u{FFFD}',
            };
            if i == first {
                at = visible.len()..visible.len() + symbol.len_utf8();
            }
            visible.push(symbol);
        } else {
            visible.push(ch);
        }
    }
    let code = crate::text::code_point(c);
    let mut d = Diagnostic::error(
        shown,
        format!("ký tự điều khiển {code} không dùng được trong văn bản"),
    )
    .at(&Arc::from(visible), at)
    .label(format!("ký tự ẩn {code}"))
    .help(
        "xoá ký tự này: nó không hiện ra trên màn hình, thường lọt vào khi chép từ PDF, Word \
             hay phần mềm khác, và làm hỏng nguồn tin Atom của trang; nếu không thấy nó, xoá cả \
             chữ bên cạnh rồi gõ lại",
    );
    if found.len() > 1 {
        let places: Vec<String> = found[1..]
            .iter()
            .take(LISTED_CONTROLS)
            .map(|&(i, c)| {
                let (line, column) = crate::diagnostic::line_col(text, i);
                format!("dòng {line}, cột {column} ({})", crate::text::code_point(c))
            })
            .collect();
        let more = found.len() - 1 - places.len();
        let more = if more > 0 { format!(" và {more} chỗ khác") } else { String::new() };
        d = d.note(format!(
            "tệp còn {} ký tự như vậy: {}{more}",
            found.len() - 1,
            places.join("; ")
        ));
    }
    Some(d)
}

/// `bytes` as text, when they are UTF-8: checked with SIMD ([`decode`] says why), for whatever
/// reads text back from bytes.
pub fn utf8(bytes: &[u8]) -> Option<&str> {
    simdutf8::basic::from_utf8(bytes).ok()
}

/// Hidden files and editors' temporary files, which are never content.
pub fn is_ignored(name: &std::ffi::OsStr) -> bool {
    let name = name.to_string_lossy();
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name.ends_with(".bak")
        || name.ends_with(".kate-swp")
        || name.contains("___jb_")
        || name.starts_with("~$")
        || name == "4913"
}

fn extension(path: &Path) -> Option<String> {
    path.extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

/// A relative path with `/` separators, whatever the platform, in NFC: names of files copied
/// from a Mac arrive decomposed (NFD), while links, `template:` values and includes are
/// written, and read, composed. Every name looked up is compared in this form.
pub fn to_slash(path: &Path) -> String {
    let joined =
        path.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
    crate::text::nfc(&joined).into_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes() {
        assert_eq!(svg_size(r#"<?xml?><svg xmlns="x" width="10" height="20px">"#), Some((10, 20)));
        assert_eq!(svg_size(r#"<svg viewBox="0 0 300 150" width="100%">"#), Some((300, 150)));
        assert_eq!(svg_size("<svg>"), None);
    }

    #[test]
    fn decode_strips_bom_unifies_line_ends_and_normalises() {
        let bytes = "\u{FEFF}---\r\ntitle: Khu\u{031B}o\u{031B}ng \u{0110}i\u{0300}nh\r\n---\r\n"
            .as_bytes();
        let text = decode(Path::new("a.md"), bytes).unwrap();
        assert_eq!(&*text, "---\ntitle: Khương Đình\n---\n");
    }

    #[test]
    fn invalid_utf8_names_the_place() {
        let mut bytes = "dòng một\nab".as_bytes().to_vec();
        bytes.push(0xFF);
        let err = decode(Path::new("content/x.md"), &bytes).unwrap_err();
        assert_eq!(err.message, "tệp không phải văn bản UTF-8 (dòng 2, cột 3, byte thứ 15)");
    }

    #[test]
    fn control_characters_are_refused_with_line_column_and_code() {
        let text = "---\ntitle: A\u{0}\n---\n\nMột\u{7}hai \u{1B}[31m ba\n";
        let err = decode(Path::new("content/a.md"), text.as_bytes()).unwrap_err();
        assert_eq!(err.message, "ký tự điều khiển U+0000 không dùng được trong văn bản");
        assert_eq!(err.line_col(), Some((2, 9)));
        assert_eq!(
            err.notes,
            ["tệp còn 2 ký tự như vậy: dòng 5, cột 4 (U+0007); dòng 5, cột 9 (U+001B)"]
        );
        let (shown, span) = err.location.as_ref().unwrap();
        assert_eq!(&shown[span.clone()], "␀");
        assert!(!shown.contains('\u{1B}'), "the terminal would act on an ESC");
        assert!(decode(Path::new("a.md"), "tab\tand\r\nline ends\n".as_bytes()).is_ok());
    }

    #[test]
    fn many_control_characters_are_listed_up_to_ten() {
        let text = "a\u{0}".repeat(15);
        let err = decode(Path::new("a.md"), text.as_bytes()).unwrap_err();
        let note = &err.notes[0];
        assert!(note.starts_with("tệp còn 14 ký tự như vậy: dòng 1, cột 4 (U+0000); "), "{note}");
        assert!(note.ends_with("dòng 1, cột 22 (U+0000) và 4 chỗ khác"), "{note}");
    }

    #[test]
    fn editor_temporary_files_are_ignored() {
        for name in
            [".a.md.swp", "a.md~", "#a.md#", ".#a.md", "4913", "a.md___jb_tmp___", "~$sheet.xlsx"]
        {
            assert!(is_ignored(std::ffi::OsStr::new(name)), "{name}");
        }
        assert!(!is_ignored(std::ffi::OsStr::new("a.md")));
    }
}
