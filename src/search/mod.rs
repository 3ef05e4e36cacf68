//! Site search that finds "đường" when a resident types "duong".
//!
//! At build time every published page (and every record a data set contributes) becomes a
//! [`Document`] (made by `crate::kinds::documents`, which knows the kinds). Its words are folded for matching
//! (NFC, tone and vowel marks removed, đ/Đ to d, lower case; see [`crate::text::fold`]) while
//! the exact lower-case forms are kept, so that the browser ranks exact-accent matches above
//! folded ones; title weighs more than tags, headings, summary, then body, and each document's
//! weights are scaled by its type's weight and, for sample data, `sample_weight` (`[search]`
//! in `site.toml`).
//!
//! The index is written as small JSON files under `/tim-kiem/chi-muc/`:
//!
//! - `meta.json`: the site's address, the number of documents, the type labels, the synonym
//!   groups of `[search]` in `site.toml` (folded), and the first term of every chunk;
//! - `t/<n>.json`: chunks of consecutive folded terms with their postings (and, for terms in
//!   titles, where they stand there), about [`index::CHUNK_BYTES`] each, so a query fetches
//!   only the chunks holding its words; the multi-word synonyms are terms of their own
//!   ("binh cuu hoa"), found only where the words stand in that order;
//! - `d/<id>.json`: one document's URL (its path, when on the site), title, type, summary and
//!   plain text, fetched only for the results shown (for the snippet with the matched words
//!   marked).
//!
//! The page `/tim-kiem/` (theme template `search.html`, or a built-in page when the theme has
//! none) loads `/tim-kiem/search.js`, which is embedded in the binary because it must read the
//! index format this version writes.

pub mod index;
pub mod kept;

use rayon::prelude::*;
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::markdown::escape_html as escape;
use crate::model::{Page, Site};
use crate::view::context::MetaView;
use crate::view::{Content, Output, TemplateContext, Templates};

/// URL path of the search page.
pub const PATH: &str = "/tim-kiem/";
/// Folder of the index files, inside the output.
pub const INDEX_DIR: &str = "tim-kiem/chi-muc";
/// Folder of the documents' fragments (`<id>.json`), inside [`INDEX_DIR`].
pub const DOCUMENTS: &str = "d";
/// The browser script, embedded.
pub const SCRIPT: &str = include_str!("search.js");
/// Version of the index format `search.js` reads.
pub const FORMAT: u32 = 3;

/// Whether `path` (inside the output) is one document's fragment of the index.
pub fn is_document_fragment(path: &str) -> bool {
    let rest = path.strip_prefix(INDEX_DIR).and_then(|rest| rest.strip_prefix('/'));
    let name = rest.and_then(|rest| rest.strip_prefix(DOCUMENTS)?.strip_prefix('/'));
    name.is_some_and(|name| !name.is_empty() && !name.contains('/'))
}

/// One thing search can find: a page, or a record of a content type (a violation).
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Document {
    /// Site path or absolute URL to open.
    pub url: String,
    /// Title.
    pub title: String,
    /// Its type as shown beside the result ("Bài viết", "Diễn tập", "Vi phạm").
    pub kind: String,
    /// One or two sentences.
    pub summary: String,
    /// Headings of the body.
    pub headings: Vec<String>,
    /// Tags.
    pub tags: Vec<String>,
    /// The body as plain text, headings included (snippets are cut from it); a line break
    /// separates fields (of a record, or a page's body from its kind's fields), shown as " · ".
    pub body: String,
    /// Invented sample data (`sample: true`): ranked below real content by
    /// `[search] sample_weight`.
    pub sample: bool,
}

impl Document {
    /// Its fields summed up: two documents with the same key count the same words, in watch
    /// mode's memory of counts ([`index::terms_unless`]) and in a build's kept counts ([`kept`]).
    pub fn key(&self) -> u64 {
        use std::hash::{Hash, Hasher};
        let mut hasher = std::hash::DefaultHasher::new();
        self.hash(&mut hasher);
        hasher.finish()
    }
}

/// What search made in earlier builds of a watch-mode session, so that after an edit it works
/// again only on the documents that changed: each body's plain text, by the body's sum
/// ([`crate::markdown::Rendered::sum`]), and each document's counted words. What no build used
/// since the one before is dropped.
#[derive(Debug, Default)]
pub struct Remembered {
    texts: std::sync::Mutex<Texts>,
    counts: index::Remembered,
}

#[derive(Debug, Default)]
struct Texts {
    generation: u64,
    by_sum: std::collections::HashMap<u64, (std::sync::Arc<str>, u64)>,
}

impl Remembered {
    fn texts(&self) -> std::sync::MutexGuard<'_, Texts> {
        self.texts.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Starts making the documents of a build.
    pub fn begin(&self) {
        let mut texts = self.texts();
        let last = texts.generation;
        texts.by_sum.retain(|_, (_, used)| *used >= last);
        texts.generation += 1;
    }

    /// [`plain_text`] of a rendered body, made once per session.
    fn plain_text(&self, rendered: &crate::markdown::Rendered) -> String {
        let mut texts = self.texts();
        let generation = texts.generation;
        if let Some((text, used)) = texts.by_sum.get_mut(&rendered.sum) {
            *used = generation;
            return text.to_string();
        }
        drop(texts);
        let text = plain_text(&rendered.html);
        self.texts().by_sum.insert(rendered.sum, (text.as_str().into(), generation));
        text
    }
}

/// The document of a page: its title, summary, headings, tags and body, then `extra` (text of
/// its kind's fields); `label` is its type as shown beside the result. The body's plain text is
/// taken from `remembered` when an earlier build of the session made it.
pub fn page_document(
    page: &Page,
    label: &str,
    extra: &str,
    remembered: Option<&Remembered>,
) -> Document {
    let mut body = match remembered {
        Some(remembered) if page.rendered.sum != 0 => remembered.plain_text(&page.rendered),
        _ => plain_text(&page.rendered.html),
    };
    if !extra.is_empty() {
        body.push('\n');
        body.push_str(extra);
    }
    // Room for the HTML it was made from is more than the text needs; every document is held
    // while the index is made.
    body.shrink_to_fit();
    Document {
        url: page.path.clone(),
        title: page.meta.title.clone(),
        kind: label.to_string(),
        summary: page
            .meta
            .description
            .clone()
            .unwrap_or_else(|| page.rendered.summary_text.clone()),
        headings: page.headings.iter().map(|h| h.title.clone()).collect(),
        tags: page.meta.tags.clone(),
        body,
        sample: page.meta.sample,
    }
}

/// The text of an HTML fragment: tags removed, the common entities decoded, blocks separated,
/// runs of white space made one space. One pass over the HTML.
pub fn plain_text(html: &str) -> String {
    const ENTITIES: [(&str, &str); 7] = [
        ("&lt;", "<"),
        ("&gt;", ">"),
        ("&quot;", "\""),
        ("&#39;", "'"),
        ("&#x27;", "'"),
        ("&nbsp;", " "),
        ("&amp;", "&"),
    ];
    let mut out = String::with_capacity(html.len());
    // Whether a space is due before the next character written.
    let mut space = false;
    let mut rest = html;
    while !rest.is_empty() {
        // The text up to the next tag or entity, a run of words at a time.
        let stop = memchr::memchr2(b'<', b'&', rest.as_bytes()).unwrap_or(rest.len());
        push_text(&mut out, &rest[..stop], &mut space);
        rest = &rest[stop..];
        if rest.starts_with('<') {
            let Some(j) = rest.find('>') else { break };
            let tag = &rest[1..j];
            let name = tag.trim_start_matches('/').split([' ', '>']).next().unwrap_or("");
            if matches!(
                name,
                "p" | "li"
                    | "h1"
                    | "h2"
                    | "h3"
                    | "h4"
                    | "h5"
                    | "h6"
                    | "br"
                    | "tr"
                    | "td"
                    | "th"
                    | "div"
                    | "blockquote"
                    | "pre"
            ) {
                push_text(&mut out, " ", &mut space);
            }
            rest = &rest[j + 1..];
        } else if !rest.is_empty() {
            let (text, len) = ENTITIES
                .iter()
                .find(|(entity, _)| rest.starts_with(entity))
                .map_or(("&", 1), |(entity, decoded)| (*decoded, entity.len()));
            push_text(&mut out, text, &mut space);
            rest = &rest[len..];
        }
    }
    out
}

/// Appends `text` to `out`, each run of white space made one space (`space`: one is due before
/// the next word), none at the start.
fn push_text(out: &mut String, text: &str, space: &mut bool) {
    for (i, word) in text.split(char::is_whitespace).enumerate() {
        if i > 0 {
            *space = !out.is_empty();
        }
        if !word.is_empty() {
            if std::mem::take(space) {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
}

/// What ranking takes from `config` for `docs`: the multi-word synonyms as phrases, and each
/// document's weight (its type's, times the sample weight when it is sample data).
fn options(docs: &[Document], config: &crate::config::SearchConfig) -> index::Options {
    let phrases = synonym_groups(config).into_iter().flatten().filter(|alt| alt.len() > 1);
    let factors = docs
        .iter()
        .map(|d| {
            let kind = config.weights.get(&d.kind).copied().unwrap_or(1.0);
            if d.sample { kind * config.sample_weight() } else { kind }
        })
        .collect();
    index::Options { phrases: phrases.collect(), factors }
}

/// A document's text as its snippet is cut from: fields (lines of `body`) joined by " · ".
fn snippet_text(body: &str) -> String {
    let fields: Vec<&str> = body.lines().map(str::trim).filter(|f| !f.is_empty()).collect();
    fields.join(" · ")
}

/// The folded words of each synonym group, for `meta.json`.
fn synonym_groups(config: &crate::config::SearchConfig) -> Vec<Vec<Vec<String>>> {
    config
        .synonyms
        .iter()
        .map(|group| {
            let mut alts: Vec<Vec<String>> = Vec::new();
            for s in group {
                let alt: Vec<String> = index::words(s).map(|w| index::token(w).0).collect();
                if !alts.contains(&alt) {
                    alts.push(alt);
                }
            }
            alts
        })
        .collect()
}

#[derive(Serialize)]
struct Meta<'a> {
    /// Format version.
    v: u32,
    /// Version of the other files: the script adds it to their URLs as `?v=`.
    h: String,
    /// The site's address: a document's URL that is a path is on the site, at this address
    /// followed by the path (not repeated in every document's file).
    b: &'a str,
    /// Number of documents.
    n: usize,
    /// Type labels; documents refer to them by index.
    k: &'a [String],
    /// Synonym groups: alternatives, each a list of folded words.
    s: Vec<Vec<Vec<String>>>,
    /// The first term of each chunk `t/<i>.json`.
    c: Vec<&'a str>,
}

#[derive(Serialize)]
struct Fragment<'a, 'b> {
    u: &'a str,
    t: &'a str,
    k: usize,
    s: &'a str,
    x: &'b str,
}

/// The index files of `docs`, with paths inside the output folder, and a version that changes
/// when any chunk or document does (also written in `meta.json`).
pub fn index_files(
    docs: &[Document],
    config: &crate::config::SearchConfig,
    base_url: &str,
) -> (Vec<(String, String)>, String) {
    index_files_unless(docs, config, base_url, None, None, &|| false).expect("never stopped")
}

/// [`index_files`], given up (`None`) as soon as `stop` says so.
fn index_files_unless(
    docs: &[Document],
    config: &crate::config::SearchConfig,
    base_url: &str,
    remembered: Option<&Remembered>,
    kept: Option<&kept::Kept>,
    stop: &index::Stop<'_>,
) -> Option<(Vec<(String, String)>, String)> {
    let counts = remembered.map(|r| &r.counts);
    let terms = match kept {
        Some(kept) => kept::terms(docs, &options(docs, config), kept),
        None => index::terms_unless(docs, &options(docs, config), counts, stop)?,
    };
    if stop() {
        return None;
    }
    let chunks = index::chunks_unless(&terms, stop)?;
    // Nothing below needs the term map: the chunks hold it.
    drop(terms);
    let (firsts, chunks): (Vec<String>, Vec<String>) = chunks.into_iter().unzip();
    let mut kinds: Vec<String> = Vec::new();
    let kind_of: Vec<usize> = docs
        .iter()
        .map(|doc| match kinds.iter().position(|k| *k == doc.kind) {
            Some(k) => k,
            None => {
                kinds.push(doc.kind.clone());
                kinds.len() - 1
            }
        })
        .collect();
    let fragment = |(id, (doc, &k)): (usize, (&Document, &usize))| {
        // The body holds the headings' text already; snippets are cut from it.
        let body = snippet_text(&doc.body);
        let fragment = Fragment { u: &doc.url, t: &doc.title, k, s: &doc.summary, x: &body };
        // Held until the whole index is made, so without the room serde_json grew it by: at
        // 10,000 pages the fragments' 33 MB took 59 MB.
        let mut json = serde_json::to_string(&fragment).expect("fragments serialise");
        json.shrink_to_fit();
        (format!("{INDEX_DIR}/{DOCUMENTS}/{id}.json"), json)
    };
    // Written on every core, 1,024 documents between two questions to `stop`.
    let mut files = Vec::with_capacity(docs.len() + chunks.len() + 1);
    let numbered: Vec<(usize, (&Document, &usize))> =
        docs.iter().zip(&kind_of).enumerate().collect();
    for block in numbered.chunks(1024) {
        if stop() {
            return None;
        }
        files.par_extend(block.par_iter().copied().map(fragment));
    }
    for (i, json) in chunks.into_iter().enumerate() {
        files.push((format!("{INDEX_DIR}/t/{i}.json"), json));
    }
    // The version covers the chunks and documents; `meta.json`'s own is on the search page
    // (`SearchView::index_version`). Each file is summed up on its own, on every core (40 MB
    // at 10,000 pages), and the sums in order make the version.
    let sums: Vec<u64> = files
        .par_iter()
        .map(|(_, json)| fnv1a(0xcbf2_9ce4_8422_2325_u64, json.as_bytes()))
        .collect();
    let version =
        sums.iter().fold(0xcbf2_9ce4_8422_2325_u64, |h, sum| fnv1a(h, &sum.to_le_bytes()));
    let version = format!("{:08x}", version as u32);
    let meta = Meta {
        v: FORMAT,
        h: version.clone(),
        b: base_url,
        n: docs.len(),
        k: &kinds,
        s: synonym_groups(config),
        c: firsts.iter().map(String::as_str).collect(),
    };
    files.push((format!("{INDEX_DIR}/meta.json"), serde_json::to_string(&meta).expect("meta")));
    Some((files, version))
}

fn fnv1a(seed: u64, bytes: &[u8]) -> u64 {
    bytes.iter().fold(seed, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

/// Values the search page's template receives as `search`.
#[derive(Debug, Serialize)]
pub struct SearchView {
    /// URL of the folder of the index, ending in `/`.
    pub index_url: String,
    /// Version of `meta.json` (a hash of it), which the script adds to its URL as `?v=`: every
    /// file of the index is then fetched under an address that changes with it.
    pub index_version: String,
    /// URL of the script, with a version.
    pub script_url: String,
    /// The sections to browse without JavaScript.
    pub sections: Vec<SectionLink>,
    /// The list of all tags.
    pub tags_url: String,
    /// How many documents the index holds.
    pub count: usize,
}

/// A section to browse.
#[derive(Debug, Serialize)]
pub struct SectionLink {
    /// Title.
    pub title: String,
    /// URL.
    pub permalink: String,
}

/// Every output of search over `docs` (every document of the site): the index files, the script
/// and the search page.
pub fn outputs(
    site: &Site,
    templates: &Templates,
    docs: &[Document],
) -> Vec<Result<Output, Diagnostic>> {
    outputs_unless(site, templates, docs, None, None, &|| false).expect("never stopped")
}

/// [`outputs`], counting again only the documents `remembered` (watch mode's) does not hold,
/// or, for `pccc build`, those that changed since the build `kept` holds the gathering of
/// ([`kept`]), and given up (`None`) as soon as `stop` says so (see [`index::terms_unless`]).
pub fn outputs_unless(
    site: &Site,
    templates: &Templates,
    docs: &[Document],
    remembered: Option<&Remembered>,
    kept: Option<&kept::Kept>,
    stop: &index::Stop<'_>,
) -> Option<Vec<Result<Output, Diagnostic>>> {
    let config = &site.config;
    let (files, _) =
        index_files_unless(docs, &config.search, &config.base_url, remembered, kept, stop)?;
    let index_version = files
        .iter()
        .find(|(path, _)| path.ends_with("/meta.json"))
        .map(|(_, json)| format!("{:08x}", fnv1a(0xcbf2_9ce4_8422_2325, json.as_bytes()) as u32))
        .unwrap_or_default();
    let mut outputs: Vec<Result<Output, Diagnostic>> = files
        .into_iter()
        .map(|(path, json)| Ok(Output { path, content: Content::Bytes(json.into()) }))
        .collect();
    let script = served_script();
    let script_version = fnv1a(0xcbf2_9ce4_8422_2325, script.as_bytes()) as u32;
    outputs.push(Ok(Output {
        path: "tim-kiem/search.js".into(),
        content: Content::Bytes(script.into()),
    }));
    let view = SearchView {
        index_url: config.permalink(&format!("/{INDEX_DIR}/")),
        index_version,
        script_url: config.permalink(&format!("{PATH}search.js?v={script_version:08x}")),
        sections: site
            .sections
            .iter()
            .filter(|s| s.built && !s.is_home())
            .map(|s| SectionLink { title: s.meta.title.clone(), permalink: s.permalink.clone() })
            .collect(),
        tags_url: config.permalink(&format!("/{}/", crate::model::TAGS_PATH)),
        count: docs.len(),
    };
    outputs.push(match taken_by(site) {
        Some(file) => Err(crate::front_matter::at_field(
            file,
            "slug",
            format!("trang này có địa chỉ {PATH}, trùng với trang Tìm kiếm của trang web"),
        )
        .help("đổi tên tệp, hoặc viết `slug:` khác trong phần tiêu đề")),
        None => page(site, templates, &view),
    });
    Some(outputs)
}

/// The script as served: [`SCRIPT`] without its comment lines and indentation, which are a
/// quarter of what a resident's phone would download (its code is unchanged: a line that
/// starts with `//` is a comment in JavaScript, and indentation carries no meaning).
fn served_script() -> String {
    let lines = SCRIPT.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with("//"));
    lines.map(|l| format!("{l}\n")).collect()
}

/// The file of a page or section whose URL is the search page's.
fn taken_by(site: &Site) -> Option<&crate::load::SourceFile> {
    let page = site.pages.iter().find(|p| p.path == PATH).map(|p| &p.file);
    let section = || site.sections.iter().find(|s| s.built && s.path == PATH).map(|s| &s.file);
    page.or_else(section)
}

fn page(site: &Site, templates: &Templates, view: &SearchView) -> Result<Output, Diagnostic> {
    let config = &site.config;
    let html = if templates.has("search.html") {
        let mut meta = MetaView::other(
            site,
            Some("Tìm kiếm"),
            Some("Tìm bài viết và thông tin về PCCC, gõ có dấu hay không dấu đều được."),
            config.permalink(PATH),
        );
        meta.noindex = true;
        let ctx = TemplateContext::page(&meta, PATH).with("search", view);
        templates.render("search.html", &ctx)?
    } else {
        fallback_page(site, view)
    };
    Ok(Output::page(PATH, html))
}

/// The search page for themes without `search.html`.
fn fallback_page(site: &Site, view: &SearchView) -> String {
    let config = &site.config;
    let numbers: String = config
        .emergency
        .iter()
        .map(|e| {
            format!(
                "<li><a href=\"tel:{}\">{}</a>: {}</li>\n",
                escape(&e.number),
                escape(&e.number),
                escape(&e.label)
            )
        })
        .collect();
    let sections: String = view
        .sections
        .iter()
        .map(|s| {
            format!("<li><a href=\"{}\">{}</a></li>\n", escape(&s.permalink), escape(&s.title))
        })
        .collect();
    format!(
        include_str!("fallback.html"),
        lang = escape(&config.language),
        site_title = escape(&config.title),
        home = escape(&config.permalink("/")),
        action = escape(&config.permalink(PATH)),
        script = escape(&view.script_url),
        index = escape(&view.index_url),
        version = escape(&view.index_version),
        sections = sections,
        tags = escape(&view.tags_url),
        numbers = numbers,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_strips_tags_and_decodes_entities() {
        assert_eq!(
            plain_text(
                "<h2 id=\"a\">Đường</h2><p>Gọi <strong>114</strong> &amp; 113.</p><ul><li>A</li><li>B</li></ul>"
            ),
            "Đường Gọi 114 & 113. A B"
        );
        assert_eq!(
            plain_text("  <p> a&nbsp;&nbsp;b </p>\n<p>&amp;lt; &#39;c&#x27;</p> "),
            "a b &lt; 'c'"
        );
        assert_eq!(plain_text("x < y"), "x");
    }

    #[test]
    fn synonyms_are_folded_word_lists() {
        let config = crate::config::SearchConfig {
            synonyms: vec![vec!["PCCC".into(), "phòng cháy chữa cháy".into()]],
            ..Default::default()
        };
        assert_eq!(
            synonym_groups(&config),
            [[vec!["pccc"], vec!["phong", "chay", "chua", "chay"]]]
        );
        assert!(config.check(&"".into()).is_empty());
        let bad = crate::config::SearchConfig {
            synonyms: vec![vec!["PCCC".into()], vec!["a".into(), " ".into()]],
            ..Default::default()
        };
        assert_eq!(bad.check(&"".into()).len(), 2);
    }

    #[test]
    fn the_served_script_has_no_comment_lines() {
        let served = served_script();
        assert!(served.len() < SCRIPT.len() * 3 / 4, "{} of {}", served.len(), SCRIPT.len());
        assert!(served.lines().all(|l| !l.starts_with("//") && !l.starts_with(' ')));
        assert!(served.contains("function fold(s) {"));
    }

    #[test]
    fn snippets_keep_field_boundaries() {
        assert_eq!(
            snippet_text("Công ty A\nKaraoke\nSố 1, phường Khương Đình\n\nTổ dân phố số 4"),
            "Công ty A · Karaoke · Số 1, phường Khương Đình · Tổ dân phố số 4"
        );
    }

    #[test]
    fn sample_data_and_weighted_kinds_rank_lower() {
        let mut config = crate::config::SearchConfig::default();
        config.weights.insert("Vi phạm".into(), 0.5);
        config.sample_weight = Some(0.5);
        let doc =
            |kind: &str, sample| Document { kind: kind.into(), sample, ..Document::default() };
        let docs = [doc("Bài viết", false), doc("Vi phạm", false), doc("Vi phạm", true)];
        assert_eq!(options(&docs, &config).factors, [1.0, 0.5, 0.25]);
    }

    #[test]
    fn index_files_have_fragments_chunks_and_meta() {
        let docs = vec![Document {
            url: "/bai-viet/a/".into(),
            title: "Đường thoát nạn".into(),
            kind: "Bài viết".into(),
            ..Document::default()
        }];
        let (files, version) =
            index_files(&docs, &crate::config::SearchConfig::default(), "https://x.vn");
        let paths: Vec<&str> = files.iter().map(|(p, _)| p.as_str()).collect();
        assert_eq!(
            paths,
            [
                "tim-kiem/chi-muc/d/0.json",
                "tim-kiem/chi-muc/t/0.json",
                "tim-kiem/chi-muc/meta.json"
            ]
        );
        // Only the documents' fragments are left to the server's compression.
        let fragments: Vec<bool> = paths.iter().map(|p| is_document_fragment(p)).collect();
        assert_eq!(fragments, [true, false, false]);
        assert!(!is_document_fragment("tim-kiem/chi-muc/d/") && !is_document_fragment("d/0.json"));
        assert!(files[0].1.contains("\"u\":\"/bai-viet/a/\""), "{}", files[0].1);
        // "đường" in the title: its form, its posting (document 0, weight 12 with one form), its
        // title mask (document 0, word 0), packed ('#' is 0, '/' is 12).
        assert!(files[1].1.contains(r###""duong":[["đường"],"#/","##"]"###), "{}", files[1].1);
        assert_eq!(
            files[2].1,
            format!(
                r#"{{"v":3,"h":"{version}","b":"https://x.vn","n":1,"k":["Bài viết"],"s":[],"c":["bai"]}}"#
            )
        );
        assert_eq!(version.len(), 8);
    }
}
