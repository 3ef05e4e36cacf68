//! Where every link of the site can go: pages, sections, their headings, and copied files.
//!
//! Built once from the whole site before any body is rendered, then shared by the parallel
//! renders. A link to a page that exists but is left out of this build (a draft, a page not
//! yet due) is an error too: the reader would get a 404.

use std::collections::{HashMap, HashSet};
use std::sync::Mutex;

use jiff::civil::Date;

use crate::dates;
use crate::markdown::{LinkError, Links, suggest_anchor};

/// Why a page that exists is not in this build.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Absence {
    /// `draft: true`.
    Draft,
    /// `publish_date` is after the build's date.
    NotYet(Date),
    /// `expiry_date` is on or before the build's date.
    Expired(Date),
}

/// A page or section a link can point at.
#[derive(Debug, Clone)]
pub struct Target {
    /// Its absolute URL.
    pub url: String,
    /// The ids of its headings; `None` when unknown because the file itself has errors (links
    /// to it are then not reported again).
    pub ids: Option<HashSet<String>>,
    /// Why it is not built, if it is not.
    pub absent: Option<Absence>,
}

/// All link targets of a site, by path relative to `content/`.
#[derive(Debug, Default)]
pub struct LinkIndex {
    base_url: String,
    targets: HashMap<String, Target>,
    files: HashMap<String, String>,
    image_sizes: HashMap<String, (u32, u32)>,
}

impl LinkIndex {
    /// An empty index for a site at `base_url`.
    pub fn new(base_url: &str) -> LinkIndex {
        LinkIndex { base_url: base_url.to_string(), ..LinkIndex::default() }
    }

    /// Feeds everything a body's links are checked against to `hasher`, in a fixed order.
    pub(super) fn sum(&self, hasher: &mut impl std::hash::Hasher) {
        use std::hash::Hash;
        self.base_url.hash(hasher);
        let mut targets: Vec<(&String, &Target)> = self.targets.iter().collect();
        targets.sort_unstable_by(|a, b| a.0.cmp(b.0));
        for (path, target) in targets {
            path.hash(hasher);
            target.url.hash(hasher);
            format!("{:?}", target.absent).hash(hasher);
            match &target.ids {
                Some(ids) => {
                    let mut ids: Vec<&String> = ids.iter().collect();
                    ids.sort_unstable();
                    ids.hash(hasher);
                }
                None => 0xffu8.hash(hasher),
            }
        }
        let mut files: Vec<(&String, &String)> = self.files.iter().collect();
        files.sort_unstable();
        files.hash(hasher);
        let mut sizes: Vec<(&String, &(u32, u32))> = self.image_sizes.iter().collect();
        sizes.sort_unstable();
        sizes.hash(hasher);
    }

    /// Adds a page or section (`bai-viet/a.md`, `bai-viet/_index.md`).
    pub fn add_target(&mut self, content_path: &str, target: Target) {
        self.targets.insert(content_path.to_string(), target);
    }

    /// Takes the target at `content_path` out (watch mode's page removed in place), giving it
    /// back.
    pub fn remove_target(&mut self, content_path: &str) -> Option<Target> {
        self.targets.remove(content_path)
    }

    /// Adds a copied file, its URL and, for an image, its width and height.
    pub fn add_file(&mut self, content_path: &str, url: String, size: Option<(u32, u32)>) {
        self.files.insert(content_path.to_string(), url);
        if let Some(size) = size {
            self.image_sizes.insert(content_path.to_string(), size);
        }
    }

    /// The links of a file in the folder `dir` of `content/` (`""` for the top).
    pub fn for_dir<'a>(&'a self, dir: &'a str) -> DirLinks<'a> {
        DirLinks { index: self, dir, pages: Mutex::new(Vec::new()), asked: None }
    }

    /// [`LinkIndex::for_dir`], recording every question asked with its answer ([`Asked`]),
    /// for watch mode's memory of rendered bodies.
    pub fn for_dir_asking<'a>(&'a self, dir: &'a str) -> DirLinks<'a> {
        DirLinks { asked: Some(Mutex::default()), ..self.for_dir(dir) }
    }

    /// A site-absolute path as a URL.
    fn absolute(&self, target: &str) -> String {
        format!("{}{target}", self.base_url)
    }

    /// Replaces the heading ids of a page or section; `false` if it is not known.
    pub fn set_ids(&mut self, content_path: &str, ids: HashSet<String>) -> bool {
        match self.targets.get_mut(content_path) {
            Some(target) => {
                target.ids = Some(ids);
                true
            }
            None => false,
        }
    }

    /// The heading ids of a page or section.
    pub fn ids(&self, content_path: &str) -> Option<&HashSet<String>> {
        self.targets.get(content_path).and_then(|t| t.ids.as_ref())
    }

    /// Resolves `path#anchor` (a path relative to `content/`).
    pub fn content(&self, target: &str) -> Result<String, LinkError> {
        let (path, anchor) = split_anchor(target);
        let path = crate::text::nfc(path);
        let Some(found) = self.targets.get(path.as_ref()) else {
            let near = suggest_path(&path, sorted(self.targets.keys()));
            return Err(LinkError {
                message: format!("không tìm thấy trang `@/{path}`"),
                help: Some(match near {
                    Some(near) => format!("có phải bạn muốn viết `@/{near}`?"),
                    None => {
                        "đường dẫn tính từ thư mục content/, ví dụ @/bai-viet/goi-114.md".into()
                    }
                }),
            });
        };
        if let Some(absence) = found.absent {
            let (why, help) = match absence {
                Absence::Draft => (
                    "là bản nháp (draft: true)".to_string(),
                    "đăng trang đó (bỏ draft: true) hoặc bỏ liên kết này".to_string(),
                ),
                Absence::NotYet(d) => (
                    format!("chưa đến ngày đăng ({})", dates::short(d)),
                    "đợi đến ngày đăng hoặc bỏ liên kết này".to_string(),
                ),
                Absence::Expired(d) => {
                    (format!("đã hết hạn từ {}", dates::short(d)), "bỏ liên kết này".to_string())
                }
            };
            return Err(LinkError {
                message: format!("trang `@/{path}` {why} nên sẽ không có trên trang web"),
                help: Some(help),
            });
        }
        match (anchor, &found.ids) {
            (Some(anchor), Some(ids)) if !ids.contains(anchor) => Err(LinkError {
                message: format!("trang `@/{path}` không có mục `#{anchor}`"),
                help: suggest_anchor(anchor, sorted(ids)),
            }),
            (Some(anchor), _) => Ok(format!("{}#{anchor}", found.url)),
            (None, _) => Ok(found.url.clone()),
        }
    }
}

/// Links as seen from one folder of `content/`. Remembers which pages were linked to, so
/// that a change of their headings can re-check the links, and, when asked to
/// ([`LinkIndex::for_dir_asking`]), every question asked with its answer ([`Asked`]).
pub struct DirLinks<'a> {
    index: &'a LinkIndex,
    dir: &'a str,
    pages: Mutex<Vec<String>>,
    asked: Option<Mutex<Vec<Asked>>>,
}

/// A question a body asked the link index, with the answer it got: what the body was rendered
/// from, besides its text. A body whose questions get the same answers from another index
/// renders the same from it ([`answers_hold`]). A build keeps them with the bodies beside its
/// output ([`super::BodyCache::save`]).
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum Asked {
    /// [`Links::content`].
    Content(String, Result<String, LinkError>),
    /// [`Links::relative`].
    Relative(String, Result<String, LinkError>),
    /// [`Links::absolute`].
    Absolute(String, String),
    /// [`Links::image_size`].
    ImageSize(String, Option<(u32, u32)>),
}

/// Whether `index` answers each of `asked`, asked from folder `dir`, as it was answered.
pub fn answers_hold(index: &LinkIndex, dir: &str, asked: &[Asked]) -> bool {
    let links = index.for_dir(dir);
    asked.iter().all(|asked| match asked {
        Asked::Content(target, answer) => links.index.content(target) == *answer,
        Asked::Relative(target, answer) => links.answer_relative(target) == *answer,
        Asked::Absolute(target, answer) => links.index.absolute(target) == *answer,
        Asked::ImageSize(target, answer) => links.answer_image_size(target) == *answer,
    })
}

impl DirLinks<'_> {
    /// The pages and sections (paths relative to `content/`) linked to, and every question
    /// asked with its answer, in the order asked (none unless recorded).
    pub fn finish(self) -> (Vec<String>, Vec<Asked>) {
        let mut pages = self.pages.into_inner().unwrap_or_default();
        pages.sort();
        pages.dedup();
        let asked = self.asked.and_then(|asked| asked.into_inner().ok()).unwrap_or_default();
        (pages, asked)
    }

    fn ask<T: Clone>(&self, answer: T, asked: impl FnOnce(T) -> Asked) -> T {
        if let Some(Ok(mut all)) = self.asked.as_ref().map(Mutex::lock) {
            all.push(asked(answer.clone()));
        }
        answer
    }

    fn remember(&self, target: &str) {
        let path = split_anchor(target).0;
        if let Ok(mut pages) = self.pages.lock() {
            pages.push(crate::text::nfc(path).into_owned());
        }
    }
}

impl Links for DirLinks<'_> {
    fn content(&self, target: &str) -> Result<String, LinkError> {
        self.remember(target);
        self.ask(self.index.content(target), |a| Asked::Content(target.to_string(), a))
    }

    fn relative(&self, target: &str) -> Result<String, LinkError> {
        let answer = self.answer_relative(target);
        self.ask(answer, |a| Asked::Relative(target.to_string(), a))
    }

    fn absolute(&self, target: &str) -> String {
        self.ask(self.index.absolute(target), |a| Asked::Absolute(target.to_string(), a))
    }

    fn image_size(&self, target: &str) -> Option<(u32, u32)> {
        let answer = self.answer_image_size(target);
        self.ask(answer, |a| Asked::ImageSize(target.to_string(), a))
    }
}

impl DirLinks<'_> {
    fn answer_relative(&self, target: &str) -> Result<String, LinkError> {
        let (path, anchor) = split_anchor(target);
        let decoded = percent_decode(path);
        let Some(normal) = self.content_path_of(path) else {
            return Err(LinkError {
                message: format!("liên kết `{target}` trỏ ra ngoài thư mục content/"),
                help: Some("dùng @/ với đường dẫn tính từ content/".into()),
            });
        };
        if normal.ends_with(".md") {
            let with_anchor = match anchor {
                Some(a) => format!("{normal}#{a}"),
                None => normal,
            };
            self.remember(&with_anchor);
            return self.index.content(&with_anchor);
        }
        match self.index.files.get(&normal) {
            Some(url) => Ok(match anchor {
                Some(a) => format!("{url}#{a}"),
                None => url.clone(),
            }),
            None => Err(LinkError {
                message: format!("không tìm thấy tệp `{decoded}` (tìm ở content/{normal})"),
                help: Some(
                    "đặt tệp cạnh bài viết, hoặc dùng @/đường/dẫn.md để trỏ tới một trang".into(),
                ),
            }),
        }
    }

    fn answer_image_size(&self, target: &str) -> Option<(u32, u32)> {
        let path = self.content_path_of(split_anchor(target).0)?;
        self.index.image_sizes.get(&path).copied()
    }
}

impl DirLinks<'_> {
    /// A path relative to this folder as a path relative to `content/`; `None` if it climbs
    /// out of `content/`.
    fn content_path_of(&self, path: &str) -> Option<String> {
        let decoded = percent_decode(path);
        let joined = if self.dir.is_empty() { decoded } else { format!("{}/{decoded}", self.dir) };
        let normal = crate::fs::normalize(std::path::Path::new(&joined))?;
        Some(crate::load::to_slash(&normal))
    }
}

/// `names` in alphabetical order: a suggestion, or a list in a message, that does not depend on
/// the order of a hash map, so a build says the same thing each time.
fn sorted<'a>(names: impl IntoIterator<Item = &'a String>) -> Vec<&'a str> {
    let mut names: Vec<&str> = names.into_iter().map(String::as_str).collect();
    names.sort_unstable();
    names
}

/// The known path most like `path`, comparing file names within the same folder first, so a
/// long shared folder prefix does not make unrelated pages look alike.
fn suggest_path<'a>(path: &str, known: Vec<&'a str>) -> Option<&'a str> {
    let (dir, name) = path.rsplit_once('/').unwrap_or(("", path));
    let same_dir = known.iter().filter(|k| k.rsplit_once('/').map_or("", |(d, _)| d) == dir);
    let names: Vec<(&str, &str)> =
        same_dir.map(|k| (k.rsplit('/').next().unwrap_or(k), *k)).collect();
    if let Some(best) = crate::explain::suggest(name, names.iter().map(|(n, _)| *n)) {
        return names.iter().find(|(n, _)| *n == best).map(|(_, k)| *k);
    }
    known.iter().find(|k| k.rsplit('/').next() == Some(name)).copied()
}

fn split_anchor(target: &str) -> (&str, Option<&str>) {
    match target.split_once('#') {
        Some((path, anchor)) => (path, Some(anchor)),
        None => (target, None),
    }
}

/// Decodes `%20`-style escapes; anything malformed is kept as written.
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%'
            && let Some(hex) = text.get(i + 1..i + 3)
            && let Ok(byte) = u8::from_str_radix(hex, 16)
        {
            out.push(byte);
            i += 3;
            continue;
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8(out).unwrap_or_else(|_| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn index() -> LinkIndex {
        let mut index = LinkIndex::new("https://x.vn");
        let ids = Some(["khi-co-chay".to_string()].into_iter().collect());
        index.add_target(
            "bai-viet/a.md",
            Target { url: "https://x.vn/bai-viet/a/".into(), ids, absent: None },
        );
        index.add_target(
            "bai-viet/nhap.md",
            Target {
                url: "https://x.vn/bai-viet/nhap/".into(),
                ids: Some(HashSet::new()),
                absent: Some(Absence::Draft),
            },
        );
        index.add_file(
            "bai-viet/ảnh 1.jpg",
            "https://x.vn/bai-viet/anh-1.jpg".into(),
            Some((800, 600)),
        );
        index
    }

    #[test]
    fn content_links_check_pages_and_anchors() {
        let index = index();
        assert_eq!(
            index.content("bai-viet/a.md#khi-co-chay").unwrap(),
            "https://x.vn/bai-viet/a/#khi-co-chay"
        );
        let e = index.content("bai-viet/b.md").unwrap_err();
        assert_eq!(e.message, "không tìm thấy trang `@/bai-viet/b.md`");
        assert_eq!(e.help.as_deref(), Some("có phải bạn muốn viết `@/bai-viet/a.md`?"));
        let e = index.content("bai-viet/a.md#khi-co-chayy").unwrap_err();
        assert_eq!(e.message, "trang `@/bai-viet/a.md` không có mục `#khi-co-chayy`");
        assert_eq!(e.help.as_deref(), Some("có phải bạn muốn viết `#khi-co-chay`?"));
        let e = index.content("bai-viet/nhap.md").unwrap_err();
        assert_eq!(
            e.message,
            "trang `@/bai-viet/nhap.md` là bản nháp (draft: true) nên sẽ không có trên trang web"
        );
    }

    #[test]
    fn suggestions_do_not_depend_on_hash_order() {
        // Each index hashes with its own random keys: 20 of them would not agree by chance.
        let messages: HashSet<(String, String)> = (0..20)
            .map(|_| {
                let mut index = LinkIndex::new("https://x.vn");
                let ids: HashSet<String> = ["muc-1", "muc-2", "muc-3"].map(String::from).into();
                for path in ["a/b1.md", "a/b2.md", "a/b3.md", "a/b4.md"] {
                    let target =
                        Target { url: String::new(), ids: Some(ids.clone()), absent: None };
                    index.add_target(path, target);
                }
                let near = index.content("a/b5.md").unwrap_err().help.unwrap();
                let far = index.content("a/b1.md#khac").unwrap_err().help.unwrap();
                (near, far)
            })
            .collect();
        let expected = (
            "có phải bạn muốn viết `@/a/b4.md`?".to_string(),
            "các mục có trong trang: #muc-1, #muc-2, #muc-3".to_string(),
        );
        assert_eq!(messages, HashSet::from([expected]));
    }

    #[test]
    fn linked_pages_are_remembered() {
        let index = index();
        let links = index.for_dir("bai-viet");
        let _ = links.content("bai-viet/a.md#khi-co-chay");
        let _ = links.relative("a.md");
        let _ = links.relative("ảnh%201.jpg");
        let _ = links.content("khong-co.md");
        assert_eq!(links.finish().0, ["bai-viet/a.md", "khong-co.md"]);
    }

    #[test]
    fn relative_links_find_files_and_pages() {
        let index = index();
        let links = index.for_dir("bai-viet");
        assert_eq!(links.relative("ảnh%201.jpg").unwrap(), "https://x.vn/bai-viet/anh-1.jpg");
        assert_eq!(links.image_size("ảnh%201.jpg"), Some((800, 600)));
        assert_eq!(links.image_size("khac.jpg"), None);
        assert_eq!(
            links.relative("a.md#khi-co-chay").unwrap(),
            "https://x.vn/bai-viet/a/#khi-co-chay"
        );
        assert_eq!(
            index.for_dir("").relative("bai-viet/a.md").unwrap(),
            "https://x.vn/bai-viet/a/"
        );
        assert!(links.relative("../../etc/passwd").unwrap_err().message.contains("ra ngoài"));
        assert_eq!(
            links.relative("khong-co.pdf").unwrap_err().message,
            "không tìm thấy tệp `khong-co.pdf` (tìm ở content/bai-viet/khong-co.pdf)"
        );
        assert_eq!(links.absolute("/chu-de/"), "https://x.vn/chu-de/");
    }
}
