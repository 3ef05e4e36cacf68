//! The diacritic fold's word list, `tests/fixtures/fold.tsv`: each input with what
//! `pccc::text::fold` makes of it. The browser suite (`tests/browser/fold.test.js`) checks the
//! two scripts residents type into against the same file, so the three folds cannot drift apart.
//!
//! `PCCC_BLESS=1 cargo test --test integration fold` rewrites the second column from
//! `text::fold` (after a deliberate change to the fold, or to fill in a word added alone on a
//! line); review the diff.

use std::path::PathBuf;

use pccc::text::fold;
use unicode_normalization::UnicodeNormalization;

fn fixture() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/fold.tsv")
}

/// A line of the list: its number (from 1), the input and the folded form written after it
/// (`None` when the line holds the input alone).
struct Entry<'a> {
    line: usize,
    input: &'a str,
    folded: Option<&'a str>,
}

/// The entries of the list; comments (`#`) and blank lines are skipped.
fn entries(text: &str) -> Vec<Entry<'_>> {
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.is_empty() && !l.starts_with('#'))
        .map(|(i, l)| {
            let (input, folded) = match l.split_once('\t') {
                Some((input, folded)) => (input, Some(folded)),
                None => (l, None),
            };
            Entry { line: i + 1, input, folded }
        })
        .collect()
}

/// The list with every entry's second column written by `fold`.
fn blessed(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for l in text.lines() {
        if l.is_empty() || l.starts_with('#') {
            out.push_str(l);
        } else {
            let input = l.split_once('\t').map_or(l, |(input, _)| input);
            out.push_str(&format!("{input}\t{}", fold(input)));
        }
        out.push('\n');
    }
    out
}

/// What the list must hold at least: every Vietnamese vowel with every tone, in lower and
/// upper case, composed (NFC) and decomposed (NFD), and đ/Đ.
fn required() -> Vec<(String, &'static str)> {
    // Base letter and the mark that makes the vowel (breve, circumflex, horn).
    const VOWELS: [&str; 12] = [
        "a", "a\u{306}", "a\u{302}", "e", "e\u{302}", "i", "o", "o\u{302}", "o\u{31B}", "u",
        "u\u{31B}", "y",
    ];
    // None, huyền, sắc, hỏi, ngã, nặng.
    const TONES: [&str; 6] = ["", "\u{300}", "\u{301}", "\u{309}", "\u{303}", "\u{323}"];
    let mut letters = Vec::new();
    for vowel in VOWELS {
        for tone in TONES {
            let lower = format!("{vowel}{tone}");
            for letter in [lower.clone(), lower.to_uppercase()] {
                letters.push((letter.nfc().collect(), "NFC"));
                letters.push((letter.nfd().collect(), "NFD"));
            }
        }
    }
    letters.extend([("đ".into(), "NFC"), ("Đ".into(), "NFC")]);
    letters
}

#[test]
fn the_word_list_is_what_text_fold_gives() {
    let path = fixture();
    let text = std::fs::read_to_string(&path).expect("tests/fixtures/fold.tsv is readable");
    if std::env::var_os("PCCC_BLESS").is_some_and(|v| v != "0") {
        std::fs::write(&path, blessed(&text)).expect("tests/fixtures/fold.tsv is writable");
        return;
    }
    let list = entries(&text);
    let mut problems: Vec<String> = list
        .iter()
        .filter_map(|e| {
            let folded = fold(e.input);
            match e.folded {
                Some(written) if written == folded => None,
                Some(written) => Some(format!(
                    "line {}: fold({:?}) is {folded:?}, the list says {written:?}",
                    e.line, e.input
                )),
                None => Some(format!("line {}: {:?} has no folded form", e.line, e.input)),
            }
        })
        .collect();
    for (letter, form) in required() {
        if !list.iter().any(|e| e.input == letter) {
            let escaped: String = letter.escape_unicode().collect();
            problems.push(format!("missing: {letter} ({form}, {escaped})"));
        }
    }
    assert!(
        problems.is_empty(),
        "tests/fixtures/fold.tsv disagrees with text::fold (after a deliberate change: \
         PCCC_BLESS=1 cargo test --test integration fold, then review the diff):\n{}",
        problems.join("\n")
    );
}

#[test]
fn bless_fills_in_a_word_written_alone_and_keeps_comments() {
    let text = "# a comment\n\nĐường thoát nạn\nPHÒNG CHÁY\tsai\n";
    assert_eq!(
        blessed(text),
        "# a comment\n\nĐường thoát nạn\tduong thoat nan\nPHÒNG CHÁY\tphong chay\n"
    );
    let list = entries(text);
    assert_eq!(list.len(), 2);
    assert_eq!((list[0].line, list[0].input, list[0].folded), (3, "Đường thoát nạn", None));
    assert_eq!(list[1].folded, Some("sai"));
}
