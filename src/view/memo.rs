//! What templates rendered in earlier builds, to render again only what changed.
//!
//! A template's output is a function of three things: the template (and every template it
//! extends, includes or imports), the global values the templates were loaded with (`site`,
//! the static files' URLs), and the context it is rendered with. Every output made from a
//! template goes through [`super::Templates::render`] with a [`super::TemplateContext`], so the
//! memo sits there, for every kind alike: a render whose template set and context are the same
//! as in an earlier build gives the earlier text without running the template.
//!
//! Each template is summed up as a fingerprint of its name and text and those of every template
//! it names (extends, includes, imports), so that editing a template renders again only what
//! uses it; the global values are summed up as one fingerprint, and when it changes nothing is
//! reused. The context is summed up as a digest of its values. Entries not used by the last whole-site render are dropped,
//! so the memo holds about one build's outputs.

use std::collections::HashMap;
use std::hash::{DefaultHasher, Hash, Hasher};
use std::sync::{Arc, Mutex, PoisonError};

use bytes::Bytes;

/// Outputs of earlier renders by template and context; shared by the builds of one session.
#[derive(Debug, Default)]
pub struct Memo {
    state: Mutex<State>,
}

#[derive(Debug, Default)]
struct State {
    /// The fingerprint of the global values the entries were rendered with.
    fingerprint: u64,
    /// Counts whole-site renders; each entry remembers the last one that used it.
    generation: u64,
    entries: HashMap<Key, (Bytes, u64)>,
    /// Pages' summaries as template values, by what they are made from summed up and the
    /// site's settings ([`super::context::ListingValues::summary`]), with the last whole render
    /// that used each.
    summaries: HashMap<(u64, u64), (tera::Value, u64)>,
    hits: usize,
    misses: usize,
}

/// A template's fingerprint, the digest of a context or of what a context is made from, and
/// which of the two it is.
type Key = (u64, Digest, By);

/// What an entry's digest sums up.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum By {
    /// The context's values.
    Context,
    /// What the context is made from, summed up without making it (see
    /// [`super::context::PageView::inputs`]).
    Inputs,
}

/// A context summed up: its hash and the length of what was hashed.
pub type Digest = (u64, u64);

impl Memo {
    /// A new, empty memo.
    pub fn new() -> Arc<Memo> {
        Arc::new(Memo::default())
    }

    /// Starts a render with global values of `fingerprint`: forgets everything when they are
    /// not those of the entries; when `whole` (every output of the site is about to be rendered),
    /// drops the entries the previous whole render did not use.
    pub fn begin(&self, fingerprint: u64, whole: bool) {
        let mut state = self.lock();
        if state.fingerprint != fingerprint {
            state.entries.clear();
            state.summaries.clear();
            state.fingerprint = fingerprint;
        }
        if whole {
            let last = state.generation;
            state.entries.retain(|_, (_, used)| *used >= last);
            state.summaries.retain(|_, (_, used)| *used >= last);
            state.generation += 1;
        }
        state.hits = 0;
        state.misses = 0;
    }

    /// Forgets what templates other than those of fingerprints `templates` rendered: after an
    /// edit of templates, the old versions' entries would never be asked for again.
    pub fn keep_templates(&self, templates: &std::collections::HashSet<u64>) {
        self.lock().entries.retain(|(template, _, _), _| templates.contains(template));
    }

    /// The text rendered earlier by the template of fingerprint `template` with a context of
    /// `digest`.
    pub(super) fn get(&self, template: u64, digest: Digest, by: By) -> Option<Bytes> {
        let mut state = self.lock();
        let generation = state.generation;
        let found = state.entries.get_mut(&(template, digest, by)).map(|(text, used)| {
            *used = generation;
            text.clone()
        });
        match found {
            Some(_) => state.hits += 1,
            None => state.misses += 1,
        }
        found
    }

    /// Remembers `text` as rendered by the template of fingerprint `template` with a context
    /// of `digest`.
    pub(super) fn put(&self, template: u64, digest: Digest, by: By, text: Bytes) {
        let mut state = self.lock();
        let generation = state.generation;
        state.entries.insert((template, digest, by), (text, generation));
    }

    /// The summary made earlier from `key` (see [`super::context::ListingValues::summary`]),
    /// else the one `make` makes, kept for the next builds.
    pub(super) fn summary(
        &self,
        key: (u64, u64),
        make: impl FnOnce() -> tera::Value,
    ) -> tera::Value {
        let kept = {
            let mut state = self.lock();
            let generation = state.generation;
            state.summaries.get_mut(&key).map(|(value, used)| {
                *used = generation;
                value.clone()
            })
        };
        if let Some(value) = kept {
            return value;
        }
        // Made without the lock: the other threads rendering look up theirs meanwhile.
        let value = make();
        let mut state = self.lock();
        let generation = state.generation;
        state.summaries.insert(key, (value.clone(), generation));
        value
    }

    /// Renders answered from the memo and renders run since [`Memo::begin`].
    pub fn counts(&self) -> (usize, usize) {
        let state = self.lock();
        (state.hits, state.misses)
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }
}

/// A hasher fed by a serializer: values are summed up as the JSON they would be written as,
/// without making that text.
pub(super) struct Summer {
    hasher: DefaultHasher,
    length: u64,
}

impl Summer {
    pub(super) fn new() -> Summer {
        Summer { hasher: DefaultHasher::new(), length: 0 }
    }

    /// Adds `value`; a value that cannot be written as JSON adds a mark of its own, so that it
    /// never matches an earlier one by accident.
    pub(super) fn add(&mut self, value: &impl serde::Serialize) {
        if serde_json::to_writer(&mut *self, value).is_err() {
            self.hasher.write_u64(self.length);
            self.length = u64::MAX;
        }
        // Marks the end of one value, so that ("ab", "c") and ("a", "bc") differ.
        self.hasher.write_u8(0xff);
    }

    /// Adds a plain string.
    pub(super) fn add_str(&mut self, text: &str) {
        text.hash(&mut self.hasher);
        self.length = self.length.wrapping_add(text.len() as u64);
    }

    pub(super) fn digest(&self) -> Digest {
        (self.hasher.finish(), self.length)
    }
}

impl std::io::Write for Summer {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.hasher.write(buf);
        self.length = self.length.wrapping_add(buf.len() as u64);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn digest(values: &[&str]) -> Digest {
        let mut summer = Summer::new();
        for v in values {
            summer.add(v);
        }
        summer.digest()
    }

    #[test]
    fn digests_tell_values_apart() {
        assert_eq!(digest(&["a", "b"]), digest(&["a", "b"]));
        assert_ne!(digest(&["ab", "c"]), digest(&["a", "bc"]));
        assert_ne!(digest(&["a"]), digest(&["b"]));
    }

    #[test]
    fn a_new_template_set_forgets_and_whole_renders_drop_unused_entries() {
        let memo = Memo::new();
        memo.begin(1, true);
        memo.put(7, (1, 1), By::Context, Bytes::from_static("một".as_bytes()));
        memo.put(7, (2, 1), By::Context, Bytes::from_static("hai".as_bytes()));
        memo.begin(1, true);
        assert_eq!(memo.get(7, (1, 1), By::Context).as_deref(), Some("một".as_bytes()));
        assert_eq!(memo.counts(), (1, 0));
        // (2, 1) was not used by the second whole render: the third drops it.
        memo.begin(1, true);
        assert_eq!(memo.get(7, (2, 1), By::Context), None);
        assert_eq!(memo.get(7, (1, 1), By::Context).as_deref(), Some("một".as_bytes()));
        memo.begin(2, false);
        assert_eq!(memo.get(7, (1, 1), By::Context), None);
    }

    #[test]
    fn entries_of_templates_edited_away_are_forgotten() {
        let memo = Memo::new();
        memo.begin(1, true);
        memo.put(7, (1, 1), By::Context, Bytes::from_static(b"cu"));
        memo.put(8, (1, 1), By::Inputs, Bytes::from_static(b"giu"));
        memo.keep_templates(&std::collections::HashSet::from([8, 9]));
        assert_eq!(memo.get(7, (1, 1), By::Context), None);
        assert_eq!(memo.get(8, (1, 1), By::Inputs).as_deref(), Some(&b"giu"[..]));
    }
}
