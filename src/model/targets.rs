//! The link index of a site: every place a link can go, built from the sections, pages and
//! files once they are placed and before any body is rendered.

use super::files::PlacedFile;
use super::links::{LinkIndex, Target};
use super::pages::PlacedPages;
use super::sections::SectionPlan;
use crate::config::Config;

/// Every section and page, with its heading ids and why it is left out if it is; every copied
/// file with its image size. Files in `unreadable` have errors of their own: they are known,
/// with no URL, so links to them are not reported a second time.
pub fn index(
    config: &Config,
    unreadable: &[String],
    sections: &[SectionPlan],
    pages: &PlacedPages,
    files: &[PlacedFile],
) -> LinkIndex {
    let mut index = LinkIndex::new(&config.base_url);
    for path in unreadable {
        index.add_target(path, Target { url: String::new(), ids: None, absent: None });
    }
    for s in sections {
        let ids = Some(s.parsed.headings.iter().map(|h| h.id.clone()).collect());
        let target = Target { url: s.permalink.clone(), ids, absent: s.absent };
        index.add_target(&s.parsed.file.content_path, target);
    }
    for (p, absent) in pages.all() {
        let ids = Some(p.parsed.headings.iter().map(|h| h.id.clone()).collect());
        let target = Target { url: p.permalink.clone(), ids, absent };
        index.add_target(&p.parsed.file.content_path, target);
    }
    for f in files {
        index.add_file(&f.content_path, config.permalink(&format!("/{}", f.file.output)), f.size);
    }
    index
}
