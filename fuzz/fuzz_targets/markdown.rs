//! The Markdown pipeline as a page goes through it: the body after the front matter (or the
//! whole input, when it has none) outlined, then rendered to HTML with links resolved by the
//! model's real link index (pages, a draft, an image beside the page), headings given ids, code
//! highlighted. Rendered twice: with the ward's options (raw HTML off, smart punctuation,
//! highlighting) and with raw HTML on and the rest off.
//!
//! Must hold: no panic; heading ids unique; every problem marks a place inside the body; with
//! raw HTML off, the HTML (page and summary) holds only elements and attributes Markdown makes,
//! and no link or image leads to `javascript:`, `vbscript:` or `data:`. The one comment allowed
//! is the marker of a data shortcode the render recorded (`markdown::data_marker`), which the
//! indicators replace when the page is rendered; any other comment is an error.
#![no_main]

use std::collections::HashSet;
use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pccc::front_matter;
use pccc::load::{SourceFile, decode};
use pccc::markdown::{self, MarkdownOptions};
use pccc::model::links::{Absence, LinkIndex, Target};
use pccc_fuzz::check_safe_html;

const WARD: MarkdownOptions =
    MarkdownOptions { unsafe_html: false, smart_punctuation: true, highlight_code: true };
const RAW: MarkdownOptions =
    MarkdownOptions { unsafe_html: true, smart_punctuation: false, highlight_code: false };

/// A small site to link to: an article with headings, its section, a draft, an image.
static LINKS: LazyLock<LinkIndex> = LazyLock::new(|| {
    let base = "https://pccc.khuongdinh.example";
    let mut index = LinkIndex::new(base);
    let ids = |ids: &[&str]| Some(ids.iter().map(|s| s.to_string()).collect::<HashSet<_>>());
    let page = |url: &str, ids, absent| Target { url: format!("{base}{url}"), ids, absent };
    index.add_target("bai-viet/a.md", page("/bai-viet/a/", ids(&["goi-114", "muc-1"]), None));
    index.add_target("bai-viet/_index.md", page("/bai-viet/", ids(&[]), None));
    index.add_target("bai-viet/nhap.md", page("/bai-viet/nhap/", None, Some(Absence::Draft)));
    index.add_target("_index.md", page("/", ids(&["gioi-thieu"]), None));
    index.add_file("bai-viet/anh.jpg", format!("{base}/bai-viet/anh.jpg"), Some((640, 480)));
    index
});

fuzz_target!(|data: &[u8]| {
    let path = Path::new("content/bai-viet/b.md");
    let Ok(text) = decode(path, data) else { return };
    let file = SourceFile { path: path.into(), content_path: "bai-viet/b.md".into(), text };
    let body = front_matter::split(&file).map_or(&*file.text, |split| split.body);
    for options in [WARD, RAW] {
        let headings = markdown::outline(body, options);
        let mut ids = HashSet::new();
        for h in &headings {
            assert!(ids.insert(h.id.as_str()), "two headings share the id {:?}", h.id);
        }
        let links = LINKS.for_dir("bai-viet");
        let (rendered, problems) = markdown::render(body, &headings, options, &links);
        for p in &problems {
            assert!(p.span.start <= p.span.end && p.span.end <= body.len(), "{p:?}");
            assert!(!p.message.is_empty(), "{p:?}");
        }
        if !options.unsafe_html {
            for (what, html) in [("page", &*rendered.html), ("summary", &rendered.summary)] {
                let mut html = html.to_string();
                for n in 0..rendered.data_uses.len() {
                    html = html.replace(&markdown::data_marker(n), "");
                }
                if let Err(e) = check_safe_html(&html) {
                    panic!("unsafe {what} HTML with raw HTML off: {e}\n--- HTML:\n{html}");
                }
            }
        }
    }
});
