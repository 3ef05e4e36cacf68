//! The search index as data: documents split into words, folded for matching, weighted by the
//! field they occur in, and cut into small chunks the browser fetches one at a time.
//!
//! Pure functions only; `super` turns the result into output files.

use std::collections::BTreeMap;

use foldhash::{HashMap, HashMapExt};
use std::sync::Arc;

use rayon::prelude::*;
use serde::Serialize;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use super::Document;
use crate::text::fold;

/// Weight of one occurrence in the title.
pub const TITLE: u32 = 12;
/// Weight of one occurrence in a tag.
pub const TAG: u32 = 6;
/// Weight of one occurrence in a heading.
pub const HEADING: u32 = 5;
/// Weight of one occurrence in the summary.
pub const SUMMARY: u32 = 3;
/// The most a term's occurrences in the body add (they are counted with diminishing returns).
pub const BODY_MAX: u32 = 8;
/// The most forms (accented spellings) one folded term keeps; further forms share the last slot.
pub const MAX_FORMS: usize = 32;
/// Target size of a chunk of the term index, in bytes of JSON, counting 3 bytes a number (as
/// issue 8's lists of numbers took; [`pack`]ed they take less, and chunks are smaller, with the
/// same terms together).
pub const CHUNK_BYTES: usize = 24 * 1024;

pub use crate::text::words;

/// A word as the index stores it: its folded form (for matching) and its exact lower-case form
/// (for ranking exact-accent matches first), with the tone placed the new way.
pub fn token(word: &str) -> (String, String) {
    (fold(word), canonical_tone(&word.to_lowercase()))
}

/// The five tone marks, as combining characters (huyền, sắc, ngã, hỏi, nặng).
const TONES: [char; 5] = ['\u{300}', '\u{301}', '\u{303}', '\u{309}', '\u{323}'];

/// Places the tone of a word ending in "oa", "oe" or "uy" on its last vowel ("hòa" → "hoà",
/// "thủy" → "thuỷ", "khỏe" → "khoẻ"), so both spellings in use count as the same exact form.
/// `search.js` does the same to the words typed.
pub fn canonical_tone(word: &str) -> String {
    let mut letters: Vec<(char, Vec<char>)> = Vec::new();
    for c in word.nfd() {
        match letters.last_mut() {
            Some(last) if is_combining_mark(c) => last.1.push(c),
            _ => letters.push((c, Vec::new())),
        }
    }
    let n = letters.len();
    if n >= 2 {
        let pair = (letters[n - 2].0, letters[n - 1].0);
        let quy = n >= 3 && letters[n - 3].0 == 'q';
        let open = matches!(pair, ('o', 'a') | ('o', 'e')) || (pair == ('u', 'y') && !quy);
        if open
            && let Some(i) = letters[n - 2].1.iter().position(|m| TONES.contains(m))
            && letters[n - 1].1.iter().all(|m| !TONES.contains(m))
        {
            let tone = letters[n - 2].1.remove(i);
            letters[n - 1].1.push(tone);
        }
    }
    letters.into_iter().flat_map(|(c, marks)| std::iter::once(c).chain(marks)).nfc().collect()
}

/// How much a term's occurrences in a body weigh: 1 occurrence 2, 3 occurrences 4, 7 give 6, 15
/// or more 8, times `norm` (below 1 for bodies longer than average), at least 1 when present.
fn body_weight(count: u32, norm: f64) -> u32 {
    if count == 0 {
        return 0;
    }
    let w = (2.0 * f64::from(count + 1).log2()).min(f64::from(BODY_MAX)) * norm;
    (w.round() as u32).clamp(1, BODY_MAX * 2)
}

/// One term's postings: the accented forms seen and, per document and form, a weight.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct Postings {
    /// Exact lower-case forms, in the order met (documents in order, forms sorted).
    pub forms: Vec<String>,
    /// (document, form index, weight), by document.
    pub entries: Vec<(u32, u32, u32)>,
    /// (document, title mask), by document, for the documents whose title holds the term: bit
    /// `p` is set when the title's word `p` (from 0; the first [`TITLE_WORDS`]) is the term. For a
    /// phrase, the bit of its first word. The browser reads from them whether a title holds the
    /// query as a phrase, and which query words stand in order close together.
    pub titles: Vec<(u32, u32)>,
}

/// Title words whose position is kept (bits of a title mask).
pub const TITLE_WORDS: usize = 24;

/// What ranking takes from the site besides the documents.
#[derive(Debug, Default, Clone)]
pub struct Options {
    /// Phrases indexed as one term each (the words of the multi-word synonyms, folded): the
    /// term is the words joined by a space, found only where the words stand in that order.
    pub phrases: Vec<Vec<String>>,
    /// Each document's weight (its type's, times the sample weight), by document; 1 when
    /// missing.
    pub factors: Vec<f64>,
}

/// The whole term index, by folded term.
pub type Terms = BTreeMap<String, Postings>;

/// Builds the term index of `docs` (document ids are their positions), with the phrases and
/// document weights of `options`.
///
/// Each document's words are counted on every core; a word is folded once per task however
/// often it occurs (folding is the costly part), then the postings are gathered in document
/// order, so the index is the same whatever the number of cores.
pub fn terms(docs: &[Document], options: &Options) -> Terms {
    terms_unless(docs, options, None, &|| false).expect("never stopped")
}

/// [`terms`], taking the counts of documents unchanged since an earlier build from `counts`
/// (watch mode), and given up (`None`) as soon as `stop` says so; it is asked between slices
/// of documents, so a watch-mode rebuild that is no longer wanted stops within a few
/// milliseconds.
pub fn terms_unless(
    docs: &[Document],
    options: &Options,
    counts: Option<&Remembered>,
    stop: &Stop<'_>,
) -> Option<Terms> {
    let phrases = Phrases::new(&options.phrases);
    if let Some(counts) = counts {
        counts.begin(&options.phrases);
    }
    let mut by_term: HashMap<Arc<str>, Gathered> = HashMap::new();
    let mut lengths: Vec<usize> = Vec::with_capacity(docs.len());
    // Documents are counted a slice at a time, so that the counts of every document are never
    // held at once (they took more memory than the finished index).
    for (slice, chunk) in docs.chunks(COUNT_SLICE).enumerate() {
        if stop() {
            return None;
        }
        let counted = match counts {
            Some(counts) => counts.count(chunk, &phrases),
            None => {
                let docs: Vec<&Document> = chunk.iter().collect();
                count(&docs, &phrases).into_iter().map(Arc::new).collect()
            }
        };
        gather(&mut by_term, &mut lengths, slice * COUNT_SLICE, &counted);
    }
    if stop() {
        return None;
    }
    weigh(by_term, &lengths, &options.factors, stop)
}

/// Adds the postings of `counted`, the documents from id `first` on, to `by_term`, and their
/// body lengths to `lengths`.
fn gather(
    by_term: &mut HashMap<Arc<str>, Gathered>,
    lengths: &mut Vec<usize>,
    first: usize,
    counted: &[impl std::borrow::Borrow<Counted>],
) {
    for (i, doc) in counted.iter().enumerate() {
        let doc = doc.borrow();
        let id = (first + i) as u32;
        lengths.push(doc.length);
        for ((term, form), fields, body, mask) in &doc.tokens {
            let (fields, body, mask) = (*fields, *body, *mask);
            // Looked up by its text first: cloning the key for every occurrence counted
            // and dropping it again touched a count shared with the counting threads.
            let (forms, entries) = match by_term.get_mut(&**term) {
                Some(gathered) => gathered,
                None => by_term.entry(Arc::clone(term)).or_default(),
            };
            entries.push([id, form_number(forms, form), fields, body, mask]);
        }
    }
}

/// The number of `form` among a term's `forms` met so far, added to them when new: forms are
/// numbered in the order met, and past [`MAX_FORMS`] share the last number.
pub(super) fn form_number(forms: &mut Vec<String>, form: &str) -> u32 {
    let number = match forms.iter().position(|x| x == form) {
        Some(f) => f,
        None if forms.len() < MAX_FORMS => {
            forms.push(form.to_string());
            forms.len() - 1
        }
        None => MAX_FORMS - 1,
    };
    number as u32
}

/// Every document of `docs` gathered, a slice at a time ([`terms_unless`]).
pub(super) fn gathered(
    docs: &[Document],
    phrases: &Phrases<'_>,
) -> (HashMap<Arc<str>, Gathered>, Vec<usize>) {
    let mut by_term: HashMap<Arc<str>, Gathered> = HashMap::new();
    let mut lengths: Vec<usize> = Vec::with_capacity(docs.len());
    for (slice, chunk) in docs.chunks(COUNT_SLICE).enumerate() {
        let docs: Vec<&Document> = chunk.iter().collect();
        gather(&mut by_term, &mut lengths, slice * COUNT_SLICE, &count(&docs, phrases));
    }
    (by_term, lengths)
}

/// The postings of every term gathered while counting, each weighed for its documents, whose
/// body lengths are `lengths` and weights `factors` (1 when missing); `None` as soon as `stop`
/// says so. Terms are weighed on every core, a block at a time between two questions to
/// `stop`, and the map is built from them in order, in one pass.
pub(super) fn weigh(
    by_term: HashMap<Arc<str>, Gathered>,
    lengths: &[usize],
    factors: &[f64],
    stop: &Stop<'_>,
) -> Option<Terms> {
    let average = (lengths.iter().sum::<usize>() as f64 / lengths.len().max(1) as f64).max(1.0);
    // A long body mentions every word often: its body weights shrink with its length, as in
    // BM25 (half the weight is kept whatever the length). Short bodies (records of a few lines)
    // are not boosted: a word met once there is no stronger than in an article.
    let norms: Vec<f64> =
        lengths.iter().map(|&l| (1.0 / (0.5 + 0.5 * l as f64 / average)).min(1.0)).collect();
    let factor = |doc: u32| factors.get(doc as usize).copied().unwrap_or(1.0);
    let weigh = |(term, (forms, gathered)): (Arc<str>, Gathered)| {
        let mut titles: Vec<(u32, u32)> = Vec::new();
        let mut entries = Vec::with_capacity(gathered.len());
        for [doc, form, fields, body, mask] in gathered {
            let weight = f64::from(fields + body_weight(body, norms[doc as usize]));
            entries.push((doc, form, ((weight * factor(doc)).round() as u32).max(1)));
            match titles.last_mut() {
                _ if mask == 0 => {}
                Some(last) if last.0 == doc => last.1 |= mask,
                _ => titles.push((doc, mask)),
            }
        }
        (term.to_string(), Postings { forms, entries, titles })
    };
    let mut weighed: Vec<(String, Postings)> = Vec::with_capacity(by_term.len());
    let mut by_term = by_term.into_iter();
    loop {
        let block: Vec<(Arc<str>, Gathered)> = by_term.by_ref().take(STOP_EVERY).collect();
        if block.is_empty() {
            break;
        }
        if stop() {
            return None;
        }
        weighed.par_extend(block.into_par_iter().map(weigh));
    }
    weighed.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    Some(weighed.into_iter().collect())
}

/// How many terms are weighed or encoded between two questions to `stop`: a few milliseconds'
/// work.
const STOP_EVERY: usize = 4096;

/// Asked by work that may be given up: `true` once its result is no longer wanted.
pub type Stop<'a> = dyn Fn() -> bool + Sync + 'a;

/// The phrases to index, by their last word, so that each word of a text is checked only
/// against the phrases it may end.
pub(super) struct Phrases<'a> {
    by_last: HashMap<&'a str, Vec<&'a [String]>>,
    /// The most words a phrase has.
    longest: usize,
}

impl<'a> Phrases<'a> {
    pub(super) fn new(phrases: &'a [Vec<String>]) -> Self {
        let mut by_last: HashMap<&str, Vec<&[String]>> = HashMap::new();
        for phrase in phrases.iter().filter(|p| p.len() > 1) {
            by_last.entry(phrase.last().expect("two words").as_str()).or_default().push(phrase);
        }
        let longest = phrases.iter().map(Vec::len).max().unwrap_or(0);
        Phrases { by_last, longest }
    }
}

/// A term's postings while documents are counted: its forms, and per document and form
/// [document, form, weight from small fields, count in the body, title mask].
pub(super) type Gathered = (Vec<String>, Vec<[u32; 5]>);

/// Documents counted at a time by [`terms`].
const COUNT_SLICE: usize = 1024;

/// A token: folded term and exact form.
pub(super) type Token = (Arc<str>, Arc<str>);

/// One document's tokens, each with the weight from its small fields, its count in the body and
/// its title mask, and the number of words in the body. The forms of a term stand together,
/// sorted: the order the index lists a term's forms and postings in. The terms themselves are in
/// no set order (they go to a map).
#[derive(Debug)]
pub struct Counted {
    pub(super) tokens: Vec<(Token, u32, u32, u32)>,
    pub(super) length: usize,
}

/// Counts the tokens of `docs` on every core.
pub(super) fn count<'a>(docs: &[&'a Document], phrases: &'a Phrases<'a>) -> Vec<Counted> {
    docs.par_iter()
        .enumerate()
        .map_init(
            || Tokenizer {
                phrases,
                numbers: HashMap::new(),
                by_token: HashMap::new(),
                terms: HashMap::new(),
                tokens: Vec::new(),
            },
            |tokenizer, (i, doc)| tokenizer.count(i, doc),
        )
        .collect()
}

/// The counts of the documents of earlier builds of a watch-mode session, by the document
/// summed up, so that an edit counts again only the documents it changed. Counts depend on the
/// phrases too: when they change, everything is counted again. Counts no build used since the
/// one before are dropped.
#[derive(Debug, Default)]
pub struct Remembered {
    state: std::sync::Mutex<CountsState>,
}

#[derive(Debug, Default)]
struct CountsState {
    /// The phrases the entries were counted with.
    phrases: Vec<Vec<String>>,
    /// Counts of builds so far.
    generation: u64,
    entries: HashMap<u64, (Arc<Counted>, u64)>,
}

impl Remembered {
    fn lock(&self) -> std::sync::MutexGuard<'_, CountsState> {
        self.state.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Starts a build counting with `phrases`.
    fn begin(&self, phrases: &[Vec<String>]) {
        let mut state = self.lock();
        if state.phrases != phrases {
            state.entries.clear();
            state.phrases = phrases.to_vec();
        }
        let last = state.generation;
        state.entries.retain(|_, (_, used)| *used >= last);
        state.generation += 1;
    }

    /// The counts of `docs`: remembered, or counted now and remembered.
    fn count<'a>(&self, docs: &'a [Document], phrases: &'a Phrases<'a>) -> Vec<Arc<Counted>> {
        let keys: Vec<u64> = docs.par_iter().map(Document::key).collect();
        let mut found: Vec<Option<Arc<Counted>>> = {
            let mut state = self.lock();
            let generation = state.generation;
            keys.iter()
                .map(|key| {
                    let (counted, used) = state.entries.get_mut(key)?;
                    *used = generation;
                    Some(Arc::clone(counted))
                })
                .collect()
        };
        let missing: Vec<usize> = (0..docs.len()).filter(|&i| found[i].is_none()).collect();
        let fresh: Vec<&Document> = missing.iter().map(|&i| &docs[i]).collect();
        let counted = count(&fresh, phrases);
        let mut state = self.lock();
        let generation = state.generation;
        for (i, counted) in missing.into_iter().zip(counted) {
            let counted = Arc::new(counted);
            state.entries.insert(keys[i], (Arc::clone(&counted), generation));
            found[i] = Some(counted);
        }
        found.into_iter().map(|c| c.expect("every document counted")).collect()
    }
}

/// Counts the tokens of the documents of one task. A word is folded the first time the task
/// meets it (folding is the costly part); after that it costs one lookup.
struct Tokenizer<'a> {
    /// The phrases indexed as terms.
    phrases: &'a Phrases<'a>,
    /// Word as written -> token number.
    numbers: HashMap<&'a str, u32>,
    /// Token -> token number, so that spellings with the same token share one count.
    by_token: HashMap<Token, u32>,
    /// Folded term -> term number: a document's tokens are grouped by it, which compares
    /// numbers where sorting by term compared strings.
    terms: HashMap<Arc<str>, u32>,
    /// Per token number: the token, its term's number, and its counts in the document being
    /// counted.
    tokens: Vec<(Token, u32, Counts)>,
}

/// A token's counts in one document.
#[derive(Default, Clone, Copy)]
struct Counts {
    /// Document id + 1: counts of another document are stale.
    stamp: usize,
    /// Weight from the small fields.
    fields: u32,
    /// Occurrences in the body.
    body: u32,
    /// Title mask (see [`Postings::titles`]).
    mask: u32,
}

/// Where a text being counted stands: its field's weight (0 for the body), whether it is the
/// title, and the token numbers of its last words (for phrases).
struct Field {
    weight: u32,
    title: bool,
    recent: Vec<u32>,
}

/// One document's tokens being counted: the tokens met, the body's length.
#[derive(Default)]
struct Tally {
    stamp: usize,
    met: Vec<u32>,
    length: usize,
}

impl<'a> Tokenizer<'a> {
    fn count(&mut self, id: usize, doc: &'a Document) -> Counted {
        let mut tally = Tally { stamp: id + 1, ..Tally::default() };
        self.add(&doc.title, TITLE, true, &mut tally);
        // The type's label ("Diễn tập", "Bài học") counts as a tag: "diễn tập tổ 8" asks for a drill.
        for tag in doc.tags.iter().chain([&doc.kind]) {
            self.add(tag, TAG, false, &mut tally);
        }
        for heading in &doc.headings {
            self.add(heading, HEADING, false, &mut tally);
        }
        self.add(&doc.summary, SUMMARY, false, &mut tally);
        self.add(&doc.body, 0, false, &mut tally);
        let mut met = tally.met;
        let at = |n: u32| &self.tokens[n as usize];
        met.sort_unstable_by(|&a, &b| {
            let (a, b) = (at(a), at(b));
            a.1.cmp(&b.1).then_with(|| a.0.1.cmp(&b.0.1))
        });
        let tokens = met
            .into_iter()
            .map(|n| {
                let (token, _, c) = at(n);
                (token.clone(), c.fields, c.body, c.mask)
            })
            .collect();
        Counted { tokens, length: tally.length }
    }

    /// Counts the words of one field (`weight` 0: the body), and the phrases they make.
    fn add(&mut self, text: &'a str, weight: u32, title: bool, tally: &mut Tally) {
        let mut field = Field { weight, title, recent: Vec::new() };
        for (position, word) in words(text).enumerate() {
            let n = self.number(word);
            self.tally(n, position, &field, tally);
            if weight == 0 {
                tally.length += 1;
            }
            if self.phrases.longest > 1 {
                field.recent.push(n);
                if field.recent.len() > self.phrases.longest {
                    field.recent.remove(0);
                }
                self.phrases_ending(position, &field, tally);
            }
        }
    }

    /// Counts one occurrence of token `n` at word `position` of `field`.
    fn tally(&mut self, n: u32, position: usize, field: &Field, tally: &mut Tally) {
        let counts = &mut self.tokens[n as usize].2;
        if counts.stamp != tally.stamp {
            *counts = Counts { stamp: tally.stamp, ..Counts::default() };
            tally.met.push(n);
        }
        if field.weight == 0 {
            counts.body += 1;
        } else {
            counts.fields += field.weight;
        }
        if field.title && position < TITLE_WORDS {
            counts.mask |= 1 << position;
        }
    }

    /// Counts the phrases that end with the last word of `field` (at `position`).
    fn phrases_ending(&mut self, position: usize, field: &Field, tally: &mut Tally) {
        let last = *field.recent.last().expect("a word was just added");
        let phrases = self.phrases;
        let Some(candidates) = phrases.by_last.get(&*self.tokens[last as usize].0.0) else {
            return;
        };
        for phrase in candidates {
            let Some(start) = field.recent.len().checked_sub(phrase.len()) else { continue };
            let window = &field.recent[start..];
            let matches =
                window.iter().zip(phrase.iter()).all(|(&n, w)| *self.tokens[n as usize].0.0 == **w);
            if matches {
                let form: Vec<&str> =
                    window.iter().map(|&n| &*self.tokens[n as usize].0.1).collect();
                let n = self.intern((phrase.join(" ").into(), form.join(" ").into()));
                self.tally(n, position + 1 - phrase.len(), field, tally);
            }
        }
    }

    fn number(&mut self, word: &'a str) -> u32 {
        if let Some(&n) = self.numbers.get(word) {
            return n;
        }
        let (term, form) = token(word);
        let n = self.intern((term.into(), form.into()));
        self.numbers.insert(word, n);
        n
    }

    /// The number of `token`, given one the first time it is met.
    fn intern(&mut self, token: Token) -> u32 {
        let next = self.tokens.len() as u32;
        let n = *self.by_token.entry(token.clone()).or_insert(next);
        if n == next {
            let terms = self.terms.len() as u32;
            let term = *self.terms.entry(Arc::clone(&token.0)).or_insert(terms);
            self.tokens.push((token, term, Counts::default()));
        }
        n
    }
}

/// One chunk of the term index as JSON: `{"term": [[forms...], postings, title masks]}`, the
/// postings ([`encode`]) and title masks ([`encode_titles`]) as [`pack`]ed strings, the third
/// only when some title holds the term.
#[derive(Debug, Serialize)]
pub struct Chunk<'a>(pub BTreeMap<&'a str, Entry<'a>>);

/// One term of a chunk: its forms, its packed postings, its packed title masks.
#[derive(Debug)]
pub struct Entry<'a>(&'a [String], String, String);

impl Serialize for Entry<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let titled = !self.2.is_empty();
        let mut seq = serializer.serialize_seq(Some(if titled { 3 } else { 2 }))?;
        seq.serialize_element(self.0)?;
        seq.serialize_element(&self.1)?;
        if titled {
            seq.serialize_element(&self.2)?;
        }
        seq.end()
    }
}

/// Digits of [`pack`]: the printable ASCII characters from `#` on, without the backslash (so
/// that JSON needs no escape); a number's last digit is one of the first [`BASE`], its other
/// digits one of the next [`BASE`].
const DIGITS: &[u8; 90] =
    b"#$%&'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[]^_`abcdefghijklmnopqrstuvwxyz{|}";
/// Base of [`pack`].
const BASE: u32 = 45;

/// Writes numbers as one string, each in base [`BASE`], most significant digit first, its last
/// digit marking its end: numbers below 45 (most deltas, weights and positions) take one
/// character instead of two to four with the comma of a JSON list, and the index, gzipped or
/// not, is smaller (`search.js` reads it back with `unpack`).
pub fn pack(numbers: &[u32]) -> String {
    let mut out = Vec::with_capacity(numbers.len() * 2);
    // A `u32` takes at most 6 digits (45^6 > 2^32), written from the last.
    let mut digits = [0; 6];
    for &n in numbers {
        let mut n = n;
        let mut at = digits.len() - 1;
        digits[at] = DIGITS[(n % BASE) as usize];
        n /= BASE;
        while n > 0 {
            at -= 1;
            digits[at] = DIGITS[(BASE + n % BASE) as usize];
            n /= BASE;
        }
        out.extend_from_slice(&digits[at..]);
    }
    String::from_utf8(out).expect("the digits are ASCII")
}

/// Encodes one term's title masks: document ids as deltas, each followed by its mask, written
/// short when it has one bit (most do): its position `p` (below [`TITLE_WORDS`]), else the mask
/// plus [`TITLE_WORDS`] (a mask of two bits or more is 3 or more, so the two never meet).
pub fn encode_titles(postings: &Postings) -> Vec<u32> {
    let mut last = 0;
    let mut out = Vec::with_capacity(postings.titles.len() * 2);
    for &(doc, mask) in &postings.titles {
        let short =
            if mask.is_power_of_two() { mask.trailing_zeros() } else { mask + TITLE_WORDS as u32 };
        out.extend([doc - last, short]);
        last = doc;
    }
    out
}

/// Encodes one term's postings: document ids as deltas, weight and form in one number,
/// `weight * forms + form` where `forms` is the number of the term's forms, so that a term with
/// one form (most) stores its weight alone (a fixed 32 made every weight two digits longer).
pub fn encode(postings: &Postings) -> Vec<u32> {
    let forms = postings.forms.len().max(1) as u32;
    let mut out = Vec::with_capacity(postings.entries.len() * 2);
    let mut last = 0;
    for &(doc, form, weight) in &postings.entries {
        out.push(doc - last);
        out.push(weight * forms + form);
        last = doc;
    }
    out
}

/// [`chunks_unless`], never given up.
#[cfg(test)]
pub fn chunks(terms: &Terms) -> Vec<(String, String)> {
    chunks_unless(terms, &|| false).expect("never stopped")
}

/// Splits the index into chunks of consecutive terms of about [`CHUNK_BYTES`] each; returns
/// each chunk's JSON and its first term, or `None` as soon as `stop` says to give up.
///
/// Terms are encoded on every core, a block at a time between two questions to `stop`; then cut
/// into chunks in order (only sizes are added up there), and the chunks are written on every
/// core.
pub fn chunks_unless(terms: &Terms, stop: &Stop<'_>) -> Option<Vec<(String, String)>> {
    let all: Vec<(&String, &Postings)> = terms.iter().collect();
    let mut encoded: Vec<(usize, Entry<'_>)> = Vec::with_capacity(all.len());
    for block in all.chunks(STOP_EVERY) {
        if stop() {
            return None;
        }
        encoded.par_extend(block.par_iter().map(|&(term, postings)| {
            let encoded = encode(postings);
            let titles = encode_titles(postings);
            let size = term.len()
                + postings.forms.iter().map(|f| f.len() + 3).sum::<usize>()
                + (encoded.len() + titles.len()) * 3
                + 8;
            (size, Entry(&postings.forms, pack(&encoded), pack(&titles)))
        }));
    }
    // Where each chunk starts: a term starts a new one when it would take the chunk past
    // `CHUNK_BYTES` (a chunk holds at least one term).
    let mut starts = Vec::new();
    let mut size = 0;
    for (i, (entry_size, _)) in encoded.iter().enumerate() {
        if i == 0 || size + entry_size > CHUNK_BYTES {
            starts.push(i);
            size = 0;
        }
        size += entry_size;
    }
    let mut entries = encoded.into_iter().map(|(_, entry)| entry);
    let mut chunks: Vec<(&str, Vec<(&str, Entry<'_>)>)> = Vec::with_capacity(starts.len());
    for (n, &start) in starts.iter().enumerate() {
        let end = starts.get(n + 1).copied().unwrap_or(all.len());
        let terms = all[start..end].iter().map(|(term, _)| term.as_str());
        chunks.push((all[start].0, terms.zip(entries.by_ref()).collect()));
    }
    Some(
        chunks
            .into_par_iter()
            .map(|(first, entries)| {
                let json = serde_json::to_string(&Chunk(entries.into_iter().collect()))
                    .expect("chunks serialise");
                (first.to_string(), json)
            })
            .collect(),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, headings: &[&str], body: &str) -> Document {
        Document {
            url: format!("/{}/", crate::slug::slugify(title)),
            title: title.into(),
            kind: "Bài viết".into(),
            summary: String::new(),
            headings: headings.iter().map(|h| h.to_string()).collect(),
            tags: Vec::new(),
            body: body.into(),
            sample: false,
        }
    }

    #[test]
    fn words_keep_vietnamese_letters_and_split_on_punctuation() {
        let w: Vec<&str> = words("Đường thoát nạn: 02-CT/TW, “chuồng cọp”").collect();
        assert_eq!(w, ["Đường", "thoát", "nạn", "02", "CT", "TW", "chuồng", "cọp"]);
        assert_eq!(token("Đường"), ("duong".to_string(), "đường".to_string()));
    }

    #[test]
    fn old_and_new_tone_placement_are_one_exact_form() {
        for (old, new) in [("hòa", "hoà"), ("thủy", "thuỷ"), ("khỏe", "khoẻ"), ("Hóa", "hoá")]
        {
            assert_eq!(token(old).1, new, "{old}");
            assert_eq!(token(new).1, new, "{new}");
        }
        // Only open syllables move; "quý", "hoàn", "toán" and "người" stay as written.
        for word in ["quý", "hoàn", "toán", "người", "đường"] {
            assert_eq!(token(word).1, word);
        }
    }

    #[test]
    fn folded_terms_keep_their_accented_forms() {
        let t =
            terms(&[doc("Đường thoát nạn", &[], "Nhà Dương ở đường số 2")], &Options::default());
        let duong = &t["duong"];
        assert_eq!(duong.forms, ["dương", "đường"]);
        // Two postings for one document: one per form, the title's weighing more.
        assert_eq!(duong.entries, [(0, 0, 2), (0, 1, TITLE + 2)]);
    }

    #[test]
    fn title_outweighs_headings_outweighs_body() {
        let docs = [
            doc("Bình chữa cháy", &[], "x"),
            doc("Khác", &["Bình chữa cháy"], "x"),
            doc("Khác nữa", &[], "bình chữa cháy bình chữa cháy bình chữa cháy"),
        ];
        let t = terms(&docs, &Options::default());
        let w: Vec<u32> = t["binh"].entries.iter().map(|e| e.2).collect();
        assert!(w[0] > w[1] && w[1] > w[2], "{w:?}");
    }

    #[test]
    fn body_weight_grows_slowly_and_is_capped() {
        assert_eq!(body_weight(0, 1.0), 0);
        assert_eq!(body_weight(1, 1.0), 2);
        assert!(body_weight(3, 1.0) < 2 * body_weight(1, 1.0) + 1);
        assert_eq!(body_weight(1000, 1.0), BODY_MAX);
        assert!(body_weight(1000, 1.0) < HEADING * 2);
    }

    #[test]
    fn long_bodies_weigh_less_per_occurrence() {
        assert_eq!(body_weight(15, 0.5), BODY_MAX / 2);
        assert_eq!(body_weight(1, 0.2), 1, "present words keep some weight");
        let short = doc("A", &[], "đường thoát nạn");
        let long = doc("B", &[], &format!("đường thoát nạn {}", "chữ ".repeat(200)));
        let t = terms(&[short, long], &Options::default());
        let w: Vec<u32> = t["duong"].entries.iter().map(|e| e.2).collect();
        assert!(w[0] > w[1], "{w:?}");
    }

    #[test]
    fn titles_keep_word_positions() {
        let t = terms(
            &[doc("Tổ dân phố số 8", &[], "dân"), doc("Khác", &[], "dân")],
            &Options::default(),
        );
        assert_eq!(t["dan"].titles, [(0, 0b10)], "only the first document's title has it");
        assert_eq!(t["8"].titles, [(0, 0b10000)]);
    }

    #[test]
    fn phrases_are_terms_found_only_in_order() {
        let options = Options {
            phrases: vec![vec!["binh".into(), "cuu".into(), "hoa".into()]],
            factors: Vec::new(),
        };
        let docs = [
            doc("Bình cứu hoả", &[], "x"),
            doc("Khác", &[], "hoa bình cứu hỏa"),
            doc("Minh hoạ", &[], "bình gas, cứu người, hoa"),
        ];
        let t = terms(&docs, &options);
        let phrase = &t["binh cuu hoa"];
        assert_eq!(phrase.forms, ["bình cứu hoả"], "one exact form for both tone placements");
        let ids: Vec<u32> = phrase.entries.iter().map(|e| e.0).collect();
        assert_eq!(ids, [0, 1], "the words apart do not make the phrase");
        assert_eq!(phrase.titles, [(0, 1)]);
        assert!(phrase.entries[0].2 >= TITLE, "a phrase in the title weighs as a title word");
    }

    #[test]
    fn document_weights_scale_their_postings() {
        let docs = [doc("Đường", &[], "x"), doc("Đường", &[], "x")];
        let options = Options { phrases: Vec::new(), factors: vec![1.0, 0.25] };
        let w: Vec<u32> = terms(&docs, &options)["duong"].entries.iter().map(|e| e.2).collect();
        assert_eq!(w, [TITLE, TITLE / 4]);
    }

    #[test]
    fn encoding_uses_document_deltas() {
        let p = Postings {
            forms: vec!["a".into(), "b".into()],
            entries: vec![(3, 0, 2), (3, 1, 1), (10, 0, 5)],
            titles: vec![(3, 5), (10, 1), (12, 1 << 20)],
        };
        assert_eq!(encode(&p), [3, 4, 0, 3, 7, 10], "weight * 2 forms + form");
        let one = Postings { forms: vec!["a".into()], entries: vec![(4, 0, 7)], titles: vec![] };
        assert_eq!(encode(&one), [4, 7], "one form: the weight alone");
        assert_eq!(encode_titles(&p), [3, 5 + TITLE_WORDS as u32, 7, 0, 2, 20]);
    }

    #[test]
    fn packed_numbers_take_a_character_each_below_45() {
        assert_eq!(DIGITS.len(), 2 * BASE as usize);
        assert!(!DIGITS.contains(&b'\\') && !DIGITS.contains(&b'"'));
        assert_eq!(pack(&[0, 1, 44]), "#$O");
        // 45 = 1·45 + 0: digit 1 of the leading set, then digit 0 of the last.
        assert_eq!(pack(&[45, 7]), "Q#*");
        assert_eq!(pack(&[45 * 45 * 3 + 2]), "SP%");
        assert_eq!(pack(&[]), "");
    }

    #[test]
    fn weighing_and_encoding_are_given_up_when_asked() {
        let docs: Vec<Document> =
            (0..3000).map(|i| doc(&format!("Bài {i}"), &[], &format!("từ{i} thêm{i}"))).collect();
        // Asked once per slice of 1,024 documents, once after counting, then while weighing.
        use std::sync::atomic::{AtomicUsize, Ordering::SeqCst};
        let asked = AtomicUsize::new(0);
        let stop_at = |n: usize| {
            let asked = &asked;
            move || asked.fetch_add(1, SeqCst) + 1 >= n
        };
        assert!(terms_unless(&docs, &Options::default(), None, &stop_at(5)).is_none());
        assert_eq!(asked.load(SeqCst), 5, "given up at the first question while weighing");
        let t = terms(&docs, &Options::default());
        assert!(t.len() > STOP_EVERY, "enough terms to be asked again while encoding");
        asked.store(0, SeqCst);
        assert!(chunks_unless(&t, &stop_at(2)).is_none());
        assert_eq!(chunks_unless(&t, &|| false).unwrap(), chunks(&t));
    }

    #[test]
    fn chunks_cover_every_term_in_order() {
        let docs: Vec<Document> = (0..3000)
            .map(|i| doc(&format!("Bài {i}"), &[], &format!("từ{i} chung thêm{i}")))
            .collect();
        let t = terms(&docs, &Options::default());
        let c = chunks(&t);
        assert!(c.len() > 1, "3,000 documents make several chunks");
        let firsts: Vec<&String> = c.iter().map(|(f, _)| f).collect();
        let mut sorted = firsts.clone();
        sorted.sort();
        assert_eq!(firsts, sorted);
        let total: usize = c
            .iter()
            .map(|(_, json)| {
                serde_json::from_str::<serde_json::Map<String, serde_json::Value>>(json)
                    .unwrap()
                    .len()
            })
            .sum();
        assert_eq!(total, t.len());
    }
}
