//! Front matter: a Markdown file's bytes, loaded as the build loads a file (UTF-8, BOM, line
//! ends, NFC), then parsed as a section index and as a page of every registered content type
//! (an article, a lesson, a drill), with the checks of each type and the outline of the body.
//!
//! Must hold: no panic; every problem names the file and points inside it; a file that does
//! not parse says why with at least one error; heading ids are unique.
#![no_main]

use std::collections::HashSet;
use std::path::Path;

use libfuzzer_sys::fuzz_target;
use pccc::load::{SourceFile, decode};
use pccc::markdown::{Heading, MarkdownOptions};
use pccc::model::parse;
use pccc_fuzz::{check_diagnostic, check_failed};

const OPTIONS: MarkdownOptions =
    MarkdownOptions { unsafe_html: false, smart_punctuation: true, highlight_code: true };

fuzz_target!(|data: &[u8]| {
    let page = Path::new("content/bai-viet/a.md");
    let text = match decode(page, data) {
        Ok(text) => text,
        Err(d) => return check_diagnostic(&d, page, None),
    };
    let file = SourceFile { path: page.into(), content_path: "bai-viet/a.md".into(), text };
    for kind in pccc::kinds::types().pages {
        let (parsed, problems) = parse::page(file.clone(), kind, OPTIONS);
        for d in &problems {
            check_diagnostic(d, page, Some(&file.text));
        }
        match parsed {
            Some(parsed) => {
                assert!(file.text.is_char_boundary(parsed.body_start));
                assert_eq!(parsed.kind.name(), kind.name());
                unique_ids(&parsed.headings);
            }
            None => check_failed(&problems),
        }
    }

    let index = Path::new("content/bai-viet/_index.md");
    let file = SourceFile { path: index.into(), content_path: "bai-viet/_index.md".into(), ..file };
    let (parsed, problems) = parse::section(file.clone(), OPTIONS);
    for d in &problems {
        check_diagnostic(d, index, Some(&file.text));
    }
    match parsed {
        Some(section) => {
            assert_eq!(section.dir, "bai-viet");
            unique_ids(&section.headings);
        }
        None => check_failed(&problems),
    }
});

fn unique_ids(headings: &[Heading]) {
    let mut seen = HashSet::new();
    for h in headings {
        assert!(!h.id.is_empty(), "a heading without an id: {h:?}");
        assert!(seen.insert(&h.id), "two headings share the id {:?}", h.id);
    }
}
