//! The search index's gathered words kept beside the output (`.pccc/search`), so that the next
//! `pccc build` counts again only the documents that changed.
//!
//! Counting every document's words and gathering them by term was most of a body edit's search
//! index at 10,000 pages (keeping them took that build from 2.02 to 1.50 s of user CPU, median
//! of 15 edits, `bench/build_turns.py`). What is kept is the gathering itself, term by term
//! ([`Gathered`]: the forms met, and per document and form the counts), with each document's
//! key ([`Document::key`]) and body length. A later build of the same program, with
//! the same phrases, takes it: it counts the documents whose key it does not find there, drops
//! the postings of those gone, and gives the others' postings their documents' new ids (pages
//! added, deleted or reordered move them). Weighing and cutting the index into chunks are done
//! again in every build: a document's length moves the average every weight depends on.
//!
//! A debug build gathers everything again as well and panics, naming the difference, when the
//! two disagree; the build's random-edit test runs that check at every step.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, PoisonError};

use foldhash::{HashMap, HashMapExt};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::Document;
use super::index::{self, Counted, Gathered, MAX_FORMS, Options, Phrases, Terms};

/// The format of the kept bytes: bumped whenever what they hold or mean changes.
const FORMAT: u32 = 1;

/// Postings stored in one part of the bytes at most, unless one term has more: each part is
/// encoded and read back on a core of its own (about 5 bytes a posting before LZ4).
const PART: usize = 1 << 14;

/// What a build took from the previous one and keeps for the next.
#[derive(Debug)]
pub struct Kept {
    /// The program that may read what is kept ([`Kept::save`]).
    program: String,
    /// What the previous build kept, until a build takes it.
    previous: Mutex<Option<State>>,
    /// The bytes for the next build, once made.
    saved: Mutex<Vec<u8>>,
    /// Documents whose counts this build took from the previous one.
    taken: AtomicUsize,
}

/// The gathering of a build.
#[derive(Debug, Default)]
pub struct State {
    /// The phrases counted as terms.
    pub phrases: Vec<Vec<String>>,
    /// Each document's key ([`Document::key`]), by id.
    pub keys: Vec<u64>,
    /// Each document's body length in words, by id.
    pub lengths: Vec<usize>,
    /// Every term's gathered postings.
    pub terms: HashMap<Arc<str>, Gathered>,
}

/// The head of the bytes.
#[derive(Serialize, Deserialize)]
struct Head {
    format: u32,
    program: String,
    phrases: Vec<Vec<String>>,
    keys: Vec<u64>,
    lengths: Vec<usize>,
}

/// A part of the terms as written: each term's text, forms and number of postings, then the
/// postings of all its terms column by column (documents as steps from the term's previous
/// one), which LZ4 packs far better than posting by posting (most columns are runs of
/// zeros). [`StoredPart`] reads it back: the same bytes.
struct SavedPart<'a>(&'a [(&'a Arc<str>, &'a Gathered)]);

impl Serialize for SavedPart<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeTuple;
        // Written as [`StoredPart`] reads it, each column straight from the postings, without
        // being made whole first.
        let terms: Vec<&str> = self.0.iter().map(|(term, _)| &***term).collect();
        let forms: Vec<&[String]> = self.0.iter().map(|(_, (forms, _))| forms.as_slice()).collect();
        let counts: Vec<u32> = self.0.iter().map(|(_, (_, e))| e.len() as u32).collect();
        let mut tuple = serializer.serialize_tuple(8)?;
        tuple.serialize_element(&terms)?;
        tuple.serialize_element(&forms)?;
        tuple.serialize_element(&counts)?;
        for column in 0..5 {
            tuple.serialize_element(&Column { terms: self.0, column })?;
        }
        tuple.end()
    }
}

/// One column of the postings of a part's terms ([`SavedPart`]).
struct Column<'a> {
    terms: &'a [(&'a Arc<str>, &'a Gathered)],
    column: usize,
}

impl Serialize for Column<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let total = self.terms.iter().map(|(_, (_, e))| e.len()).sum();
        let mut seq = serializer.serialize_seq(Some(total))?;
        for (_, (_, postings)) in self.terms {
            let mut last = 0;
            for posting in postings {
                let value = posting[self.column];
                // Documents as steps from the term's previous one.
                seq.serialize_element(&if self.column == 0 { value - last } else { value })?;
                last = value;
            }
        }
        seq.end()
    }
}

/// A part of the terms as read back ([`SavedPart`]).
#[derive(Deserialize)]
struct StoredPart {
    terms: Vec<String>,
    forms: Vec<Vec<String>>,
    counts: Vec<u32>,
    columns: [Vec<u32>; 5],
}

impl StoredPart {
    /// Its terms with their postings; `None` when its columns do not add up.
    fn terms(self) -> Option<Vec<(Arc<str>, Gathered)>> {
        let StoredPart { terms, forms, counts, columns } = self;
        let total: usize = counts.iter().map(|&n| n as usize).sum();
        if terms.len() != forms.len()
            || terms.len() != counts.len()
            || columns.iter().any(|c| c.len() != total)
        {
            return None;
        }
        let [docs, forms_met, fields, bodies, masks] = &columns;
        let mut rows = docs.iter().zip(forms_met).zip(fields).zip(bodies).zip(masks);
        let mut out = Vec::with_capacity(terms.len());
        for ((term, forms), n) in terms.into_iter().zip(forms).zip(counts) {
            let mut doc = 0_u32;
            let mut postings = Vec::with_capacity(n as usize);
            for _ in 0..n {
                let ((((step, form), fields), body), mask) = rows.next()?;
                doc = doc.checked_add(*step)?;
                postings.push([doc, *form, *fields, *body, *mask]);
            }
            out.push((Arc::from(term), (forms, postings)));
        }
        Some(out)
    }
}

impl Kept {
    /// Nothing taken from a previous build; what this one gathers is kept for `program`.
    pub fn new(program: &str) -> Kept {
        Kept {
            program: program.to_string(),
            previous: Mutex::new(None),
            saved: Mutex::new(Vec::new()),
            taken: AtomicUsize::new(0),
        }
    }

    /// What `bytes` ([`Kept::save`]) hold, when `program` wrote them in this format, for this
    /// build to take; else nothing taken, as [`Kept::new`].
    pub fn restore(bytes: &[u8], program: &str) -> Kept {
        let kept = Kept::new(program);
        let read = crate::stored::decode::<Head, StoredPart>(bytes, |head| {
            head.format == FORMAT && head.program == program
        });
        let read = read.and_then(|(head, parts)| {
            let parts: Option<Vec<_>> = parts.into_iter().map(StoredPart::terms).collect();
            Some((head, parts?))
        });
        // Ids and form numbers within bounds, or nothing read: a file this program wrote.
        let read = read.filter(|(head, parts)| {
            let documents = head.keys.len();
            head.lengths.len() == documents
                && parts.iter().flatten().all(|(_, (forms, postings))| {
                    postings
                        .iter()
                        .all(|p| (p[0] as usize) < documents && (p[1] as usize) < forms.len())
                })
        });
        if let Some((head, parts)) = read {
            let terms = parts.into_iter().flatten().collect();
            let state =
                State { phrases: head.phrases, keys: head.keys, lengths: head.lengths, terms };
            *kept.previous.lock().unwrap_or_else(PoisonError::into_inner) = Some(state);
        }
        kept
    }

    /// The previous build's state, once.
    pub(super) fn take_previous(&self) -> Option<State> {
        self.previous.lock().unwrap_or_else(PoisonError::into_inner).take()
    }

    /// Documents whose counts this build took from the previous one instead of counting them.
    pub fn taken(&self) -> usize {
        self.taken.load(Ordering::Relaxed)
    }

    /// Keeps `state` for the next build, as bytes.
    pub(super) fn save(&self, state: &State) {
        let head = Head {
            format: FORMAT,
            program: self.program.clone(),
            phrases: state.phrases.clone(),
            keys: state.keys.clone(),
            lengths: state.lengths.clone(),
        };
        let terms: Vec<(&Arc<str>, &Gathered)> = state.terms.iter().collect();
        let mut parts: Vec<SavedPart<'_>> = Vec::new();
        let (mut start, mut postings) = (0, 0);
        for (i, (_, (_, entries))) in terms.iter().enumerate() {
            if postings > 0 && postings + entries.len() > PART {
                parts.push(SavedPart(&terms[start..i]));
                (start, postings) = (i, 0);
            }
            postings += entries.len();
        }
        parts.push(SavedPart(&terms[start..]));
        let bytes = crate::stored::encode(&head, &parts).unwrap_or_default();
        *self.saved.lock().unwrap_or_else(PoisonError::into_inner) = bytes;
    }

    /// The bytes for the next build (empty when nothing was gathered), once.
    pub fn bytes(&self) -> Vec<u8> {
        std::mem::take(&mut *self.saved.lock().unwrap_or_else(PoisonError::into_inner))
    }
}

/// [`index::terms`] for `pccc build`, taking from `kept` what the previous build gathered when
/// it can ([`patch`]) and keeping what this one gathered for the next.
pub fn terms(docs: &[Document], options: &Options, kept: &Kept) -> Terms {
    let phrases = Phrases::new(&options.phrases);
    let keys: Vec<u64> = docs.par_iter().map(Document::key).collect();
    let recounted = AtomicUsize::new(0);
    let recount = |docs: &[&Document]| {
        recounted.fetch_add(docs.len(), Ordering::Relaxed);
        index::count(docs, &phrases)
    };
    let patched = kept
        .take_previous()
        .and_then(|previous| patch(previous, docs, &keys, &options.phrases, recount));
    // A build made again after another replaced the output takes nothing the second time.
    let taken = patched.as_ref().map_or(0, |_| docs.len() - recounted.load(Ordering::Relaxed));
    kept.taken.store(taken, Ordering::Relaxed);
    let state = patched.unwrap_or_else(|| {
        let (terms, lengths) = index::gathered(docs, &phrases);
        State { phrases: options.phrases.clone(), keys: keys.clone(), lengths, terms }
    });
    #[cfg(debug_assertions)]
    {
        let (terms, lengths) = index::gathered(docs, &phrases);
        let sorted =
            |t: &HashMap<Arc<str>, Gathered>| -> std::collections::BTreeMap<String, Gathered> {
                t.iter().map(|(k, v)| (k.to_string(), v.clone())).collect()
            };
        assert_eq!(state.lengths, lengths, "kept search counts: body lengths differ");
        let (kept_terms, counted_terms) = (sorted(&state.terms), sorted(&terms));
        if kept_terms != counted_terms {
            let differ = counted_terms
                .iter()
                .find(|(term, g)| kept_terms.get(*term) != Some(*g))
                .map(|(term, _)| term.clone())
                .or_else(|| kept_terms.keys().find(|t| !counted_terms.contains_key(*t)).cloned());
            panic!("kept search counts differ from counting again, first at term {differ:?}");
        }
    }
    kept.save(&state);
    index::weigh(state.terms, &state.lengths, &options.factors, &|| false).expect("never stopped")
}

/// A changed document's posting: its id, the form met, its weight from the small fields, its
/// count in the body, its title mask.
type Fresh = (u32, Arc<str>, u32, u32, u32);

/// `previous` made into the gathering of `docs` (keys `keys`), counting again with `count` only
/// the documents whose key the previous build did not have (changed, added, or sharing their key
/// with another document); `None` when it cannot be: other phrases, more than a quarter of the
/// documents to count, or a term to make again whose forms were cut at [`MAX_FORMS`] (which form
/// a posting had is then lost). Documents removed, or moved by others added, removed or
/// reordered, keep their counts under their new ids.
pub(super) fn patch(
    previous: State,
    docs: &[Document],
    keys: &[u64],
    phrases: &[Vec<String>],
    count: impl FnOnce(&[&Document]) -> Vec<Counted>,
) -> Option<State> {
    if previous.phrases != phrases {
        return None;
    }
    let moved = Moved::new(&previous.keys, keys);
    // Past a quarter of the documents, counting everything is as quick.
    if moved.changed.len() > keys.len() / 4 {
        return None;
    }
    let changed: Vec<&Document> = moved.changed.iter().map(|&id| &docs[id as usize]).collect();
    let counted = count(&changed);
    let mut lengths: Vec<usize> = moved
        .old_of_new
        .iter()
        .map(|old| match old {
            Some(old) => previous.lengths[*old as usize],
            None => 0,
        })
        .collect();
    // The new postings of the changed documents, by term, in document order.
    let mut fresh: HashMap<Arc<str>, Vec<Fresh>> = HashMap::new();
    for (&id, counted) in moved.changed.iter().zip(&counted) {
        lengths[id as usize] = counted.length;
        for ((term, form), fields, body, mask) in &counted.tokens {
            let postings = fresh.entry(Arc::clone(term)).or_default();
            postings.push((id, Arc::clone(form), *fields, *body, *mask));
        }
    }
    // Terms that lost a document or get one, made again (all of them when documents changed
    // order); the others keep their postings, under the documents' new ids.
    let (kept, held): (Vec<_>, Vec<_>) =
        previous.terms.into_par_iter().partition(|(term, (_, e))| {
            moved.in_order
                && !fresh.contains_key(term)
                && e.iter().all(|p| moved.new_of_old[p[0] as usize].is_some())
        });
    let mut terms: HashMap<Arc<str>, Gathered> = kept
        .into_par_iter()
        .map(|(term, (forms, mut entries))| {
            entries.iter_mut().for_each(|p| p[0] = moved.new_of_old[p[0] as usize].unwrap_or(p[0]));
            (term, (forms, entries))
        })
        .collect();
    // On every core: all the terms, when documents moved.
    let remade = |(term, gathered): (Arc<str>, Gathered)| {
        let postings = fresh.get(&term).cloned().unwrap_or_default();
        Some((term, merged(gathered, postings, &moved.new_of_old)?))
    };
    let touched: Vec<(Arc<str>, Gathered)> =
        held.into_par_iter().map(remade).collect::<Option<_>>()?;
    let remade: std::collections::HashSet<&str> = touched.iter().map(|(t, _)| &**t).collect();
    let new_terms: Vec<(Arc<str>, Gathered)> = fresh
        .iter()
        .filter(|(term, _)| !remade.contains(&***term))
        .map(|(term, postings)| {
            Some((
                Arc::clone(term),
                merged((Vec::new(), Vec::new()), postings.clone(), &moved.new_of_old)?,
            ))
        })
        .collect::<Option<_>>()?;
    drop(remade);
    terms.extend(
        touched.into_iter().chain(new_terms).filter(|(_, (_, entries))| !entries.is_empty()),
    );
    Some(State { phrases: phrases.to_vec(), keys: keys.to_vec(), lengths, terms })
}

/// How the documents of two builds match, by their keys.
struct Moved {
    /// Per new id, the old id of the document with its key, when it had one alone.
    old_of_new: Vec<Option<u32>>,
    /// Per old id, the new id of its document; `None`: removed, or changed.
    new_of_old: Vec<Option<u32>>,
    /// The new ids to count again.
    changed: Vec<u32>,
    /// Whether the documents kept are in the same order as before.
    in_order: bool,
}

impl Moved {
    fn new(old: &[u64], new: &[u64]) -> Moved {
        // A key two documents share (the same page twice) is matched to neither.
        let mut by_key: HashMap<u64, Option<u32>> = HashMap::with_capacity(old.len());
        for (id, key) in old.iter().enumerate() {
            by_key.entry(*key).and_modify(|at| *at = None).or_insert(Some(id as u32));
        }
        let mut uses: HashMap<u64, usize> = HashMap::with_capacity(new.len());
        new.iter().for_each(|key| *uses.entry(*key).or_default() += 1);
        let old_of_new: Vec<Option<u32>> = new
            .iter()
            .map(|key| by_key.get(key).copied().flatten().filter(|_| uses[key] == 1))
            .collect();
        let mut new_of_old = vec![None; old.len()];
        let mut in_order = true;
        let mut last = None;
        for (id, old) in old_of_new.iter().enumerate() {
            if let Some(old) = *old {
                new_of_old[old as usize] = Some(id as u32);
                in_order &= last.is_none_or(|last| last < old);
                last = Some(old);
            }
        }
        let changed =
            (0..new.len()).filter(|&i| old_of_new[i].is_none()).map(|i| i as u32).collect();
        Moved { old_of_new, new_of_old, changed, in_order }
    }
}

/// One term's postings `old`, less those of documents changed or removed, the others under their
/// new ids (`new_of_old`), with `fresh` (those of the changed documents now, in document order),
/// their forms numbered again in the order met as gathering numbers them; `None` when `old`'s
/// forms were cut at [`MAX_FORMS`].
fn merged(old: Gathered, fresh: Vec<Fresh>, new_of_old: &[Option<u32>]) -> Option<Gathered> {
    let (mut table, old_entries) = old;
    if table.len() >= MAX_FORMS {
        return None;
    }
    // Postings with their form's place in `table`: the old forms, then the new ones.
    let mut all: Vec<[u32; 5]> = old_entries
        .into_iter()
        .filter_map(|[doc, form, fields, body, mask]| {
            Some([new_of_old[doc as usize]?, form, fields, body, mask])
        })
        .collect();
    for (doc, form, fields, body, mask) in fresh {
        let at = match table.iter().position(|f| **f == *form) {
            Some(at) => at,
            None => {
                table.push(form.to_string());
                table.len() - 1
            }
        };
        all.push([doc, at as u32, fields, body, mask]);
    }
    // Stable: a document's postings keep their order.
    all.sort_by_key(|posting| posting[0]);
    let mut forms: Vec<String> = Vec::new();
    for posting in &mut all {
        posting[1] = index::form_number(&mut forms, &table[posting[1] as usize]);
    }
    Some((forms, all))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(title: &str, body: &str) -> Document {
        Document {
            url: format!("/{}/", crate::slug::slugify(title)),
            title: title.into(),
            kind: "Bài viết".into(),
            body: body.into(),
            ..Document::default()
        }
    }

    /// Everything gathered anew, as a state.
    fn counted(docs: &[Document], phrases: &[Vec<String>]) -> State {
        let (terms, lengths) = index::gathered(docs, &Phrases::new(phrases));
        let keys = docs.iter().map(Document::key).collect();
        State { phrases: phrases.to_vec(), keys, lengths, terms }
    }

    fn sorted(state: &State) -> std::collections::BTreeMap<String, Gathered> {
        state.terms.iter().map(|(t, g)| (t.to_string(), g.clone())).collect()
    }

    #[test]
    fn a_patched_gathering_is_the_gathering_counted_anew() {
        // Words with several accented forms of one folded term, so that edits add and remove
        // forms and change the order they are met in.
        let words = [
            "hoà",
            "hòa",
            "hoa",
            "hóa",
            "cháy",
            "chay",
            "chạy",
            "bình",
            "binh",
            "cứu",
            "nạn",
            "đường",
            "duong",
            "dương",
            "114",
            "thoát",
        ];
        let phrases = vec![vec!["binh".to_string(), "chay".to_string()]];
        let mut seed = 7_u64;
        let mut next = |n: usize| {
            seed = seed
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (seed >> 33) as usize % n
        };
        let text = |n: usize, next: &mut dyn FnMut(usize) -> usize| {
            (0..n).map(|_| words[next(words.len())]).collect::<Vec<_>>().join(" ")
        };
        let mut docs: Vec<Document> = (0..40)
            .map(|i| doc(&format!("Bài {i} {}", text(2, &mut next)), &text(12, &mut next)))
            .collect();
        let mut previous = counted(&docs, &phrases);
        for step in 0..300 {
            // One to three edits: a body, a title, a document added, removed or moved.
            for _ in 0..=next(3) {
                let i = next(docs.len());
                match next(6) {
                    0 => docs[i].body = text(next(20), &mut next),
                    1 => docs[i].title = format!("Bài {step} {}", text(next(3), &mut next)),
                    2 => docs[i].body.push_str(&format!(" {}", text(3, &mut next))),
                    3 => {
                        let title = format!("Bài mới {step} {}", text(2, &mut next));
                        docs.insert(i, doc(&title, &text(next(15), &mut next)));
                    }
                    4 if docs.len() > 30 => drop(docs.remove(i)),
                    _ => {
                        let j = next(docs.len());
                        docs.swap(i, j);
                    }
                }
            }
            let keys: Vec<u64> = docs.iter().map(Document::key).collect();
            let mut recounted = 0;
            let patched = patch(previous, &docs, &keys, &phrases, |changed| {
                recounted += changed.len();
                index::count(changed, &Phrases::new(&phrases))
            })
            .expect("a few documents changed");
            assert!(recounted <= 3, "step {step}: {recounted} documents counted again");
            let anew = counted(&docs, &phrases);
            assert_eq!(patched.lengths, anew.lengths, "step {step}");
            assert_eq!(sorted(&patched), sorted(&anew), "step {step}");
            previous = patched;
        }
    }

    #[test]
    fn other_phrases_or_documents_are_counted_anew() {
        let docs = vec![doc("Bình chữa cháy", "x"), doc("Thoát nạn", "y")];
        let keys: Vec<u64> = docs.iter().map(Document::key).collect();
        let count = |d: &[&Document]| index::count(d, &Phrases::new(&[]));
        let phrases = vec![vec!["binh".to_string(), "chua".to_string()]];
        assert!(patch(counted(&docs, &[]), &docs, &keys, &phrases, count).is_none());
        assert!(patch(counted(&docs[..1], &[]), &docs, &keys, &[], count).is_none());
        assert!(patch(counted(&docs, &[]), &docs, &keys, &[], count).is_some());
    }

    #[test]
    fn a_term_whose_forms_were_cut_is_counted_anew() {
        // More exact forms of "da" than a term keeps: 18 vowels, after d and after đ.
        let vowels = [
            "a", "à", "á", "ả", "ã", "ạ", "ă", "ằ", "ắ", "ẳ", "ẵ", "ặ", "â", "ầ", "ấ", "ẩ", "ẫ",
            "ậ",
        ];
        let forms: Vec<String> =
            vowels.iter().flat_map(|v| [format!("d{v}"), format!("đ{v}")]).collect();
        let mut docs: Vec<Document> = forms.iter().map(|f| doc(f, &format!("{f} da"))).collect();
        docs.push(doc("Khác", "da"));
        let previous = counted(&docs, &[]);
        assert!(previous.terms["da"].0.len() >= MAX_FORMS);
        let last = docs.len() - 1;
        docs[last].body = "đà".into();
        let keys: Vec<u64> = docs.iter().map(Document::key).collect();
        let count = |d: &[&Document]| index::count(d, &Phrases::new(&[]));
        assert!(patch(previous, &docs, &keys, &[], count).is_none());
    }

    #[test]
    fn what_is_kept_reads_back_for_its_program_only() {
        let docs = vec![doc("Bình chữa cháy", "bình cứu hoả"), doc("Thoát nạn", "đường thoát")];
        let state = counted(&docs, &[vec!["binh".into(), "cuu".into(), "hoa".into()]]);
        let kept = Kept::new("pccc a");
        kept.save(&state);
        let bytes = kept.bytes();
        assert!(kept.bytes().is_empty(), "taken once");
        let back = Kept::restore(&bytes, "pccc a").take_previous().expect("read back");
        assert_eq!(
            (back.phrases.clone(), back.keys.clone()),
            (state.phrases.clone(), state.keys.clone())
        );
        assert_eq!(back.lengths, state.lengths);
        assert_eq!(sorted(&back), sorted(&state));
        assert!(Kept::restore(&bytes, "pccc b").take_previous().is_none());
        assert!(Kept::restore(&bytes[..bytes.len() - 1], "pccc a").take_previous().is_none());
    }
}
