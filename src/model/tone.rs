//! The site's tone-mark style checked over every Markdown and text data file (YAML, CSV), in
//! parallel, each file's warnings remembered by watch mode so that a save checks only the
//! files it changed.

use std::collections::HashMap;
use std::path::Path;
use std::sync::{Arc, Mutex, PoisonError};

use rayon::prelude::*;

use crate::diagnostic::Diagnostic;
use crate::load::Loaded;
use crate::tone_marks::ToneStyle;

/// Each file's warnings from earlier assemblies, by path, with the text and style they were
/// found for.
#[derive(Default)]
pub struct ToneCache {
    entries: Mutex<HashMap<std::path::PathBuf, Checked>>,
}

/// A file's warnings, and what they were found in.
struct Checked {
    text: Arc<str>,
    style: ToneStyle,
    warnings: Vec<Diagnostic>,
}

impl ToneCache {
    /// The warnings of `text` (the file at `path`), from an earlier check of the same text
    /// and style or found now.
    fn check(&self, path: &Path, text: Arc<str>, style: ToneStyle) -> Vec<Diagnostic> {
        let found = self.lock().get(path).and_then(|c| {
            let same = c.style == style && (Arc::ptr_eq(&c.text, &text) || c.text == text);
            same.then(|| c.warnings.clone())
        });
        if let Some(warnings) = found {
            return warnings;
        }
        let warnings = crate::tone_marks::check(path, &text, style);
        let entry = Checked { text, style, warnings: warnings.clone() };
        self.lock().insert(path.to_path_buf(), entry);
        warnings
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<std::path::PathBuf, Checked>> {
        self.entries.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A warning for every word of the Markdown and text data files (YAML, CSV) written in the
/// other tone-mark style than the site's (`[content] tone_marks`), file after file in the
/// order loaded. With `cache`, a file checked before with the same text is not checked again,
/// and files no longer loaded are forgotten.
pub(super) fn check(
    loaded: &Loaded,
    style: ToneStyle,
    cache: Option<&ToneCache>,
) -> Vec<Diagnostic> {
    let markdown = loaded.markdown.iter().map(|f| (f.path.as_path(), Arc::clone(&f.text)));
    let data = loaded.data.iter().filter_map(|f| {
        let text = matches!(f.extension.as_str(), "yaml" | "yml" | "csv");
        let bytes = f.bytes.as_ref().ok()?.as_ref().filter(|_| text)?;
        Some((f.path.as_path(), Arc::from(std::str::from_utf8(bytes).ok()?)))
    });
    let files: Vec<(&Path, Arc<str>)> = markdown.chain(data).collect();
    if let Some(cache) = cache {
        let paths: std::collections::HashSet<&Path> = files.iter().map(|(p, _)| *p).collect();
        cache.lock().retain(|path, _| paths.contains(path.as_path()));
    }
    let found: Vec<Vec<Diagnostic>> = files
        .into_par_iter()
        .map(|(path, text)| match cache {
            Some(cache) => cache.check(path, text, style),
            None => crate::tone_marks::check(path, &text, style),
        })
        .collect();
    found.into_iter().flatten().collect()
}
