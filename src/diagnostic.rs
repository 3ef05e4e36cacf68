//! Problems found while building a site, and how they are shown.
//!
//! Every stage reports what is wrong as a [`Diagnostic`]: the file, the place in it (a byte
//! span into the file's text, shown as line and column), a message in Vietnamese for the
//! ward's editors, and what to write instead when that can be known. Stages collect all their
//! diagnostics and return them together as [`Problems`], so one build lists every mistake.

use std::fmt;
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use annotate_snippets::{AnnotationKind, Group, Level, Renderer, Snippet};

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The build fails.
    Error,
    /// The build goes on; the editor should still look.
    Warning,
}

/// One problem in one file.
#[derive(Debug, Clone)]
pub struct Diagnostic {
    /// Which kind of problem.
    pub severity: Severity,
    /// The file, relative to the site root when it is inside it.
    pub path: PathBuf,
    /// The file's text and the byte range at fault, when the place is known.
    pub location: Option<(Arc<str>, Range<usize>)>,
    /// What is wrong, one sentence.
    pub message: String,
    /// A short text shown under the marked place.
    pub label: Option<String>,
    /// What to write instead.
    pub help: Option<String>,
    /// Further detail: the cause chain of a library error, for example.
    pub notes: Vec<String>,
}

impl Diagnostic {
    /// An error in `path` with no position yet.
    pub fn error(path: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            location: None,
            message: message.into(),
            label: None,
            help: None,
            notes: Vec::new(),
        }
    }

    /// A warning in `path`.
    pub fn warning(path: impl Into<PathBuf>, message: impl Into<String>) -> Diagnostic {
        Diagnostic { severity: Severity::Warning, ..Diagnostic::error(path, message) }
    }

    /// Marks the byte range `span` of `source`, the file's whole text.
    pub fn at(mut self, source: &Arc<str>, span: Range<usize>) -> Diagnostic {
        let start = floor_char_boundary(source, span.start.min(source.len()));
        let end = floor_char_boundary(source, span.end.clamp(start, source.len()));
        self.location = Some((Arc::clone(source), start..end));
        self
    }

    /// Marks `len` bytes at a 1-based `line` and 1-based character `column` of `source`.
    pub fn at_line_col(self, source: &Arc<str>, line: usize, column: usize, len: usize) -> Self {
        let start = offset_of(source, line, column);
        self.at(source, start..start + len)
    }

    /// Sets the text shown under the marked place.
    pub fn label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    /// Sets what to write instead.
    pub fn help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    /// Adds a note.
    pub fn note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    /// The 1-based line and 1-based character column of the marked place.
    pub fn line_col(&self) -> Option<(usize, usize)> {
        let (source, span) = self.location.as_ref()?;
        Some(line_col(source, span.start))
    }

    /// Renders the diagnostic as the terminal and the browser show it: a header, the file
    /// with line and column, the source line with the place marked, then help and notes.
    pub fn render(&self, styled: bool) -> String {
        let renderer = if styled { Renderer::styled() } else { Renderer::plain() };
        let level = match self.severity {
            Severity::Error => Level::ERROR.with_name("lỗi"),
            Severity::Warning => Level::WARNING.with_name("cảnh báo"),
        };
        let path = self.path.display().to_string();
        let title = level.primary_title(&self.message);
        let mut group = match &self.location {
            Some((source, span)) => {
                let mut annotation = AnnotationKind::Primary.span(span.clone());
                if let Some(label) = &self.label {
                    annotation = annotation.label(label.as_str());
                }
                title.element(Snippet::source(&**source).path(path.as_str()).annotation(annotation))
            }
            None => title.element(annotate_snippets::Origin::path(path.as_str())),
        };
        if let Some(help) = &self.help {
            group = group.element(Level::HELP.with_name("gợi ý").message(help.as_str()));
        }
        for note in &self.notes {
            group = group.element(Level::NOTE.with_name("ghi chú").message(note.as_str()));
        }
        let report: [Group<'_>; 1] = [group];
        renderer.render(&report)
    }
}

/// All the problems of one build, in a stable order (by file, then position).
#[derive(Debug, Clone, Default)]
pub struct Problems(Vec<Diagnostic>);

impl Problems {
    /// An empty list.
    pub fn new() -> Problems {
        Problems(Vec::new())
    }

    /// Adds one problem.
    pub fn push(&mut self, diagnostic: Diagnostic) {
        self.0.push(diagnostic);
    }

    /// Adds all of `other`.
    pub fn extend(&mut self, other: impl IntoIterator<Item = Diagnostic>) {
        self.0.extend(other);
    }

    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.0.iter().any(|d| d.severity == Severity::Error)
    }

    /// Number of errors.
    pub fn error_count(&self) -> usize {
        self.0.iter().filter(|d| d.severity == Severity::Error).count()
    }

    /// The problems, sorted.
    pub fn iter(&self) -> impl Iterator<Item = &Diagnostic> {
        self.0.iter()
    }

    /// Whether there are none at all.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Sorts by file, then position, then message, so output does not depend on threads.
    pub fn sort(&mut self) {
        self.0.sort_by(|a, b| {
            let key = |d: &Diagnostic| d.location.as_ref().map(|(_, s)| s.start);
            (a.severity, &a.path, key(a), &a.message).cmp(&(
                b.severity,
                &b.path,
                key(b),
                &b.message,
            ))
        });
        self.0.dedup_by(|a, b| {
            a.path == b.path && a.message == b.message && a.line_col() == b.line_col()
        });
    }

    /// Splits off the warnings, leaving only errors.
    pub fn take_warnings(&mut self) -> Problems {
        let (warnings, errors) = self.0.drain(..).partition(|d| d.severity == Severity::Warning);
        self.0 = errors;
        Problems(warnings)
    }

    /// `Ok(value)` when there is no error, else the problems.
    pub fn into_result<T>(mut self, value: T) -> Result<T, Problems> {
        if self.has_errors() {
            self.sort();
            Err(self)
        } else {
            Ok(value)
        }
    }

    /// Renders every problem, then a one-line summary.
    pub fn render(&self, styled: bool) -> String {
        let mut out = String::new();
        for d in &self.0 {
            out.push_str(&d.render(styled));
            out.push_str("\n\n");
        }
        let errors = self.error_count();
        if errors > 0 {
            out.push_str(&format!("Không dựng được trang: {errors} lỗi.\n"));
        }
        out
    }
}

impl From<Diagnostic> for Problems {
    fn from(d: Diagnostic) -> Problems {
        Problems(vec![d])
    }
}

impl From<Vec<Diagnostic>> for Problems {
    fn from(list: Vec<Diagnostic>) -> Problems {
        let mut problems = Problems(list);
        problems.sort();
        problems
    }
}

impl IntoIterator for Problems {
    type Item = Diagnostic;
    type IntoIter = std::vec::IntoIter<Diagnostic>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.into_iter()
    }
}

impl fmt::Display for Problems {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.render(false))
    }
}

impl std::error::Error for Problems {}

/// Vietnamese text for an I/O failure on `path`: what could not be done, and why in the words
/// of [`crate::explain::io_error_kind`].
pub fn io_error(path: &Path, action: &str, err: &std::io::Error) -> Diagnostic {
    let what = crate::explain::io_error_kind(err);
    Diagnostic::error(path, format!("không {action} được `{}`: {what}", path.display()))
}

/// 1-based line and 1-based character column of byte `offset` in `text`.
pub fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let offset = floor_char_boundary(text, offset.min(text.len()));
    let before = &text[..offset];
    let line = before.bytes().filter(|&b| b == b'\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    (line, text[line_start..offset].chars().count() + 1)
}

/// Byte offset of a 1-based `line` and 1-based character `column` in `text`, clamped to the
/// end of that line.
pub fn offset_of(text: &str, line: usize, column: usize) -> usize {
    let mut start = 0;
    for _ in 1..line {
        match text[start..].find('\n') {
            Some(i) => start += i + 1,
            None => return text.len(),
        }
    }
    let line_text = &text[start..text[start..].find('\n').map_or(text.len(), |i| start + i)];
    start
        + line_text.char_indices().nth(column.saturating_sub(1)).map_or(line_text.len(), |(i, _)| i)
}

fn floor_char_boundary(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_and_column_count_characters() {
        let text = "một\nhai ba\nbốn";
        assert_eq!(line_col(text, 0), (1, 1));
        assert_eq!(line_col(text, text.find("ba").unwrap()), (2, 5));
        assert_eq!(line_col(text, text.find("n").unwrap()), (3, 3));
        assert_eq!(offset_of(text, 2, 5), text.find("ba").unwrap());
        assert_eq!(offset_of(text, 3, 3), text.find("n").unwrap());
        assert_eq!(offset_of(text, 9, 1), text.len());
    }

    #[test]
    fn renders_file_line_column_and_help() {
        let source: Arc<str> = Arc::from("title: A\nngay: 2026-02-05\n");
        let d = Diagnostic::error("content/a.md", "trường `ngay` không có")
            .at_line_col(&source, 2, 1, 4)
            .label("trường lạ")
            .help("có phải bạn muốn viết `date`?");
        assert_eq!(d.line_col(), Some((2, 1)));
        let text = d.render(false);
        assert_eq!(
            text,
            "lỗi: trường `ngay` không có\n \
             --> content/a.md:2:1\n  \
             |\n\
             2 | ngay: 2026-02-05\n  \
             | ^^^^ trường lạ\n  \
             |\n  \
             = gợi ý: có phải bạn muốn viết `date`?"
        );
    }

    #[test]
    fn problems_sort_by_file_and_position() {
        let src: Arc<str> = Arc::from("a\nb\nc");
        let mut p = Problems::new();
        p.push(Diagnostic::error("b.md", "x"));
        p.push(Diagnostic::error("a.md", "y").at(&src, 4..5));
        p.push(Diagnostic::error("a.md", "z").at(&src, 0..1));
        p.sort();
        let order: Vec<_> = p.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(order, ["z", "y", "x"]);
    }
}
