//! Embedding lessons in schools' own websites.
//!
//! Each lesson gets a page at `/nhung/bai-hoc/<slug>/`: no site navigation, its own small
//! stylesheet, and a tiny static script (`nhung.js`) that tells the parent page its height with
//! `postMessage`. The lesson page shows the snippet a school copies: the `<iframe>` and a few
//! lines of script that resize it, accepting messages only from this site's origin and from
//! that very frame.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::kinds::lesson::Lesson;
use crate::markdown::escape_html;
use crate::model::{Page, Site};
use crate::view::context::{MetaView, PageView};
use crate::view::{Output, TemplateContext, Templates};

/// Where embed pages live, under the site's root.
pub const EMBED_DIR: &str = "nhung/bai-hoc";

/// Height the frame starts at, before the first message arrives.
const INITIAL_HEIGHT: u32 = 800;

/// The type of the messages the embed page sends (also in `nhung.js`).
pub const MESSAGE_TYPE: &str = "pccc-chieu-cao";

/// The embed page and the snippet for one lesson.
#[derive(Debug, Serialize)]
pub struct EmbedView {
    /// The embed page's URL.
    pub url: String,
    /// The snippet as plain text.
    pub snippet: String,
    /// The snippet highlighted as HTML (classes, styled by `syntax.css`), or escaped when
    /// highlighting is unavailable.
    pub snippet_html: String,
}

impl EmbedView {
    /// The embed of the lesson `page`.
    pub fn new(site: &Site, page: &Page) -> EmbedView {
        let url = embed_url(site, page);
        let origin = origin(&site.config.base_url);
        let snippet = snippet(&url, &origin, &page.slug, &page.meta.title);
        let snippet_html = highlighted_snippet(&url, &origin, &page.slug, &page.meta.title)
            .unwrap_or_else(|| escape_html(&snippet));
        EmbedView { url, snippet, snippet_html }
    }
}

/// Stand-ins for the values that differ between lessons: the snippet is highlighted once per
/// process with these in place (syntect's HTML grammar is costly to run for every lesson), and
/// each lesson's values, escaped, replace them. Each sits inside one string of the snippet, so
/// highlighting leaves it whole.
const STAND_INS: [&str; 4] = ["PCCCURLX", "PCCCORIGINX", "PCCCSLUGX", "PCCCTITLEX"];

/// The snippet with stand-ins, highlighted once per process.
fn snippet_template() -> Option<&'static String> {
    static TEMPLATE: std::sync::OnceLock<Option<String>> = std::sync::OnceLock::new();
    TEMPLATE
        .get_or_init(|| {
            let [url, origin, slug, title] = STAND_INS;
            crate::highlight::highlight(&snippet(url, origin, slug, title), "html")
        })
        .as_ref()
}

/// Highlights the snippet ahead of the first lesson that shows it.
pub fn warm_up() {
    snippet_template();
}

fn highlighted_snippet(url: &str, origin: &str, slug: &str, title: &str) -> Option<String> {
    let template = snippet_template()?;
    // The values as the snippet writes them (the title is escaped there), then escaped for
    // HTML like the rest of the highlighted text.
    let title = escape_html(title);
    let values = [url, origin, slug, title.as_str()];
    let mut html = template.clone();
    for (stand_in, value) in STAND_INS.iter().zip(values) {
        html = html.replace(stand_in, &escape_html(value));
    }
    Some(html)
}

/// The embed page's URL.
pub fn embed_url(site: &Site, page: &Page) -> String {
    site.config.permalink(&format!("/{EMBED_DIR}/{}/", page.slug))
}

/// The origin (scheme, host and port) of a base URL: what `event.origin` is in the parent.
pub fn origin(base_url: &str) -> String {
    let after_scheme = base_url.find("://").map(|i| i + 3).unwrap_or(0);
    match base_url[after_scheme..].find('/') {
        Some(i) => base_url[..after_scheme + i].to_string(),
        None => base_url.to_string(),
    }
}

/// The HTML a school pastes into its page.
pub fn snippet(url: &str, origin: &str, slug: &str, title: &str) -> String {
    let id = format!("pccc-{slug}");
    let title = escape_html(title);
    format!(
        r#"<iframe id="{id}" src="{url}" title="Bài học: {title}"
  width="100%" height="{INITIAL_HEIGHT}" style="border:0" loading="lazy"></iframe>
<script>
window.addEventListener("message", function (event) {{
  var frame = document.getElementById("{id}");
  if (event.origin !== "{origin}" || !frame || event.source !== frame.contentWindow) return;
  var data = event.data;
  if (data && data.type === "{MESSAGE_TYPE}" && typeof data.height === "number") {{
    frame.style.height = Math.ceil(data.height) + "px";
  }}
}});
</script>
"#
    )
}

/// Template of embed pages; a theme without it has no embed pages.
pub const TEMPLATE: &str = "lesson-embed.html";

/// The embed page of every lesson, if the theme has the template for them.
pub fn outputs(site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
    if !templates.has(TEMPLATE) {
        return Vec::new();
    }
    let mut seen: std::collections::HashMap<&str, &Page> = std::collections::HashMap::new();
    let mut clashes = Vec::new();
    for page in site.pages.iter().filter(|p| p.fields::<Lesson>().is_some()) {
        if let Some(first) = seen.insert(&page.slug, page) {
            clashes.push(Err(crate::front_matter::at_field(
                &page.file,
                "slug",
                format!(
                    "bài học này và bài học {} có cùng trang nhúng /{EMBED_DIR}/{}/",
                    first.file.path.display(),
                    page.slug
                ),
            )
            .help("đặt `slug` khác cho một trong hai bài học (trước khi gửi đoạn mã nhúng cho trường)")));
        }
    }
    if !clashes.is_empty() {
        return clashes;
    }
    site.pages
        .iter()
        .enumerate()
        .filter_map(|(i, page)| Some((i, page, page.fields::<Lesson>()?)))
        .map(|(i, page, lesson)| {
            let fields = tera::Value::from_serializable(&lesson.view(site, page));
            let mut meta = MetaView::page(site, page);
            meta.noindex = true;
            let path = format!("/{EMBED_DIR}/{}/", page.slug);
            let ctx = TemplateContext::page(&meta, &path)
                .with("page", &PageView::new(site, i, fields, None));
            let html = templates.render(TEMPLATE, &ctx).map_err(|d| {
                d.note(format!("khi dựng trang nhúng của {}", page.file.path.display()))
            })?;
            Ok(Output::page(&path, html))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origins_keep_scheme_host_and_port() {
        assert_eq!(origin("https://pccc.khuongdinh.example"), "https://pccc.khuongdinh.example");
        assert_eq!(origin("http://127.0.0.1:8123/"), "http://127.0.0.1:8123");
        assert_eq!(origin("https://a.example/pccc"), "https://a.example");
    }

    #[test]
    fn the_snippet_highlighted_once_equals_the_snippet_highlighted_each_time() {
        let (url, origin, slug) =
            ("https://a.example/nhung/bai-hoc/be/", "https://a.example", "be");
        let each_time = |title: &str| {
            crate::highlight::highlight(&snippet(url, origin, slug, title), "html").unwrap()
        };
        let once = |title: &str| highlighted_snippet(url, origin, slug, title).unwrap();
        // A plain title: the same markup.
        assert_eq!(once("Bé thoát nạn"), each_time("Bé thoát nạn"));
        // A title with characters escaped in the snippet: the same text; syntect colours
        // the entities when it sees them, the stand-in does not.
        let title = "Bé & \"lửa\" <b>đỏ</b>";
        let text = crate::search::plain_text;
        assert_eq!(text(&once(title)), text(&each_time(title)));
    }

    #[test]
    fn the_snippet_checks_origin_and_source() {
        let s = snippet("https://a.example/nhung/bai-hoc/x/", "https://a.example", "x", "Bé & lửa");
        assert!(s.starts_with("<iframe id=\"pccc-x\" src=\"https://a.example/nhung/bai-hoc/x/\""));
        assert!(s.contains("title=\"Bài học: Bé &amp; lửa\""), "{s}");
        let s = snippet("https://a.example/", "https://a.example", "x", "\"Bé\" <b>'lửa'</b>");
        assert!(
            s.contains("title=\"Bài học: &quot;Bé&quot; &lt;b&gt;&#39;lửa&#39;&lt;/b&gt;\""),
            "{s}"
        );
        assert!(s.contains("event.origin !== \"https://a.example\""), "{s}");
        assert!(s.contains("event.source !== frame.contentWindow"), "{s}");
    }
}
