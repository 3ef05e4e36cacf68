//! Embedding lessons in schools' own websites.
//!
//! Each lesson gets framed pages under `/nhung/bai-hoc/<slug>/` (no site navigation, their own
//! small stylesheet, and a static script, `nhung.js`, that tells the parent page its height
//! with `postMessage`): the whole lesson there, and the quiz alone at `cau-hoi/`. A teachers'
//! page beside the lesson, `/bai-hoc/<slug>/nhung/` ("Nhúng bài học"), holds the snippets a
//! school copies, two for each framed page:
//!
//! - the loader form: a plain `<iframe>` and `<script src=".../nhung/khung.js">`, a file of this
//!   site. No inline script and no `style=` attribute, so a school whose pages carry a content
//!   security policy allows it with `frame-src` and `script-src` of this site's origin alone;
//! - the inline form: the `<iframe>` and a few lines of script pasted with it, for a site that
//!   cannot load a script from elsewhere and has no such policy.
//!
//! Both accept a height only from this site's origin and from the very frame it came from.

use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::kinds::lesson::Lesson;
use crate::markdown::escape_html;
use crate::model::{Page, Site};
use crate::view::context::{MetaView, PageView};
use crate::view::{Output, TemplateContext, Templates};

/// Where embed pages live, under the site's root.
pub const EMBED_DIR: &str = "nhung/bai-hoc";

/// The quiz-only embed, inside a lesson's embed folder.
pub const QUIZ_DIR: &str = "cau-hoi";

/// The teachers' page of a lesson's snippets, inside the lesson's own folder.
pub const SNIPPETS_DIR: &str = "nhung";

/// The loader script schools include, a static file of the theme. Its URL carries no `?v=`:
/// schools paste it once and keep it, and must get the current file.
pub const LOADER: &str = "nhung/khung.js";

/// Height the frame starts at, before the first message arrives.
const INITIAL_HEIGHT: u32 = 800;

/// The type of the messages the embed page sends (also in `nhung.js` and `khung.js`).
pub const MESSAGE_TYPE: &str = "pccc-chieu-cao";

/// What a framed page shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Part {
    /// The lesson: facts, objectives, plan, key messages, quiz, sources.
    Whole,
    /// The review questions alone, for a class's page.
    Quiz,
}

impl Part {
    /// The framed page's path: `/nhung/bai-hoc/<slug>/`, `/nhung/bai-hoc/<slug>/cau-hoi/`.
    pub fn path(self, slug: &str) -> String {
        match self {
            Part::Whole => format!("/{EMBED_DIR}/{slug}/"),
            Part::Quiz => format!("/{EMBED_DIR}/{slug}/{QUIZ_DIR}/"),
        }
    }

    /// The name templates test (`embed_part`).
    fn name(self) -> &'static str {
        match self {
            Part::Whole => "bai-hoc",
            Part::Quiz => "cau-hoi",
        }
    }

    /// The frame's id in the inline snippet: `pccc-<slug>`, `pccc-<slug>-cau-hoi`.
    fn frame_id(self, slug: &str) -> String {
        match self {
            Part::Whole => format!("pccc-{slug}"),
            Part::Quiz => format!("pccc-{slug}-{QUIZ_DIR}"),
        }
    }

    /// The frame's title, which screen readers announce.
    fn frame_title(self, title: &str) -> String {
        match self {
            Part::Whole => format!("Bài học: {title}"),
            Part::Quiz => format!("Câu hỏi ôn tập: {title}"),
        }
    }

    /// The parts a lesson has: the quiz alone only when there is one.
    fn of(lesson: &Lesson) -> &'static [Part] {
        if lesson.quiz.is_empty() { &[Part::Whole] } else { &[Part::Whole, Part::Quiz] }
    }
}

/// The two forms of snippet.
#[derive(Debug, Clone, Copy)]
enum Form {
    /// `<iframe>` and the site's `khung.js`.
    Loader,
    /// `<iframe>` and the script written out.
    Inline,
}

/// The values a snippet is made of.
#[derive(Debug, Clone, Copy)]
struct Values<'a> {
    /// The framed page.
    url: &'a str,
    /// This site's origin, which the inline script checks.
    origin: &'a str,
    /// The frame's id, for the inline script.
    id: &'a str,
    /// The frame's title, unescaped.
    title: &'a str,
    /// The loader script's URL.
    loader: &'a str,
}

/// The snippet as a school pastes it.
fn snippet(form: Form, v: Values<'_>) -> String {
    let Values { url, origin, id, loader, .. } = v;
    let title = escape_html(v.title);
    match form {
        Form::Loader => format!(
            r#"<iframe src="{url}" title="{title}" width="100%" height="{INITIAL_HEIGHT}" loading="lazy"></iframe>
<script src="{loader}" async></script>
"#
        ),
        Form::Inline => format!(
            r#"<iframe id="{id}" src="{url}" title="{title}"
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
        ),
    }
}

/// Stand-ins for the values that differ between snippets: each form is highlighted with these
/// in place ([`baked`]), and each snippet's values, escaped, replace them. Each sits inside one
/// string of the snippet, so highlighting leaves it whole.
const STAND_INS: Values<'static> = Values {
    url: "PCCCURLX",
    origin: "PCCCORIGINX",
    id: "PCCCIDX",
    title: "PCCCTITLEX",
    loader: "PCCCLOADERX",
};

/// A form with stand-ins as syntect highlights it as HTML, kept in the source: it depends on
/// nothing but this file and syntect's grammars, and making it took syntect 60 to 90 ms of
/// CPU in every build with lessons (compiling its HTML and JavaScript grammars), a quarter of
/// the CPU time of the ward's cold build. A test makes it again and says so when it differs (a new syntect, a
/// changed snippet); `PCCC_BLESS=1 cargo test --lib baked` writes it anew.
fn baked(form: Form) -> &'static str {
    match form {
        Form::Loader => include_str!("embed/loader.html"),
        Form::Inline => include_str!("embed/inline.html"),
    }
}

/// The snippet highlighted as HTML (classes, styled by `syntax.css`).
fn highlighted(form: Form, v: Values<'_>) -> String {
    // The values as the snippet writes them (the title is escaped there), then escaped for
    // HTML like the rest of the highlighted text.
    let title = escape_html(v.title);
    let pairs = [
        (STAND_INS.url, v.url),
        (STAND_INS.origin, v.origin),
        (STAND_INS.id, v.id),
        (STAND_INS.title, title.as_str()),
        (STAND_INS.loader, v.loader),
    ];
    let mut html = baked(form).to_string();
    for (stand_in, value) in pairs {
        html = html.replace(stand_in, &escape_html(value));
    }
    html
}

/// A snippet for the template: as text, and highlighted.
#[derive(Debug, Serialize)]
pub struct SnippetView {
    /// What the school pastes.
    pub text: String,
    /// The same, highlighted.
    pub html: String,
}

impl SnippetView {
    fn new(form: Form, v: Values<'_>) -> SnippetView {
        SnippetView { text: snippet(form, v), html: highlighted(form, v) }
    }
}

/// One framed page of a lesson and its two snippets.
#[derive(Debug, Serialize)]
pub struct PartView {
    /// `bai-hoc` or `cau-hoi`.
    pub name: &'static str,
    /// The framed page's URL, to preview it.
    pub url: String,
    /// The `<iframe>` and the site's loader script: for any site, with or without a content
    /// security policy.
    pub loader: SnippetView,
    /// The `<iframe>` and its script written out: for a site that cannot load scripts from
    /// elsewhere.
    pub inline: SnippetView,
}

/// What `lesson-nhung.html` receives as `nhung`.
#[derive(Debug, Serialize)]
pub struct SnippetsView<'a> {
    /// The lesson's title.
    pub title: &'a str,
    /// The lesson's URL.
    pub lesson_url: &'a str,
    /// This site's origin, for the `frame-src` and `script-src` a school adds to its policy.
    pub origin: String,
    /// The loader script's URL.
    pub loader_url: String,
    /// Whether the lesson is example content.
    pub sample: bool,
    /// The whole lesson, then the quiz alone when it has one.
    pub parts: Vec<PartView>,
}

impl<'a> SnippetsView<'a> {
    /// The snippets of the lesson `page`.
    pub fn new(site: &Site, page: &'a Page, lesson: &Lesson) -> SnippetsView<'a> {
        let origin = origin(&site.config.base_url);
        let loader_url = site.config.permalink(&format!("/{LOADER}"));
        let parts = Part::of(lesson)
            .iter()
            .map(|&part| {
                let url = site.config.permalink(&part.path(&page.slug));
                let id = part.frame_id(&page.slug);
                let title = part.frame_title(&page.meta.title);
                let v = Values {
                    url: &url,
                    origin: &origin,
                    id: &id,
                    title: &title,
                    loader: &loader_url,
                };
                PartView {
                    name: part.name(),
                    loader: SnippetView::new(Form::Loader, v),
                    inline: SnippetView::new(Form::Inline, v),
                    url,
                }
            })
            .collect();
        SnippetsView {
            title: &page.meta.title,
            lesson_url: &page.permalink,
            origin,
            loader_url,
            sample: page.meta.sample,
            parts,
        }
    }
}

/// The URL of a lesson's "Nhúng bài học" page.
pub fn snippets_url(page: &Page) -> String {
    format!("{}{SNIPPETS_DIR}/", page.permalink)
}

/// The origin (scheme, host and port) of a base URL: what `event.origin` is in the parent.
pub fn origin(base_url: &str) -> String {
    let after_scheme = base_url.find("://").map(|i| i + 3).unwrap_or(0);
    match base_url[after_scheme..].find('/') {
        Some(i) => base_url[..after_scheme + i].to_string(),
        None => base_url.to_string(),
    }
}

/// Template of framed pages; a theme without it has no embeds.
pub const TEMPLATE: &str = "lesson-embed.html";

/// Template of the "Nhúng bài học" page; a theme without it has none.
pub const SNIPPETS_TEMPLATE: &str = "lesson-nhung.html";

/// The framed pages of every lesson and their "Nhúng bài học" pages, if the theme has the
/// templates for them.
pub fn outputs(site: &Site, templates: &Templates) -> Vec<Result<Output, Diagnostic>> {
    if !templates.has(TEMPLATE) {
        return Vec::new();
    }
    let clashes = clashes(site);
    if !clashes.is_empty() {
        return clashes;
    }
    let with_snippets = templates.has(SNIPPETS_TEMPLATE);
    let mut outputs = Vec::new();
    for (i, page, lesson) in site
        .pages
        .iter()
        .enumerate()
        .filter_map(|(i, page)| Some((i, page, page.fields::<Lesson>()?)))
    {
        for &part in Part::of(lesson) {
            outputs.push(framed(site, templates, i, page, lesson, part));
        }
        if with_snippets {
            outputs.push(snippets_page(site, templates, page, lesson));
        }
    }
    outputs
}

/// Two lessons with one slug would share their framed pages.
fn clashes(site: &Site) -> Vec<Result<Output, Diagnostic>> {
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
    clashes
}

/// One framed page of a lesson.
fn framed(
    site: &Site,
    templates: &Templates,
    i: usize,
    page: &Page,
    lesson: &Lesson,
    part: Part,
) -> Result<Output, Diagnostic> {
    let fields = tera::Value::from_serializable(&lesson.view(site, page));
    let mut meta = MetaView::page(site, page);
    meta.noindex = true;
    let path = part.path(&page.slug);
    let ctx = TemplateContext::page(&meta, &path)
        .with("page", &PageView::new(site, i, fields, None))
        .with("embed_part", part.name());
    let html = templates
        .render(TEMPLATE, &ctx)
        .map_err(|d| d.note(format!("khi dựng trang nhúng của {}", page.file.path.display())))?;
    let html = crate::kinds::fill_data_uses(site, Some(&page.file.content_path), html);
    Ok(Output::page(&path, html))
}

/// The "Nhúng bài học" page of a lesson, for teachers and schools' web admins.
fn snippets_page(
    site: &Site,
    templates: &Templates,
    page: &Page,
    lesson: &Lesson,
) -> Result<Output, Diagnostic> {
    let view = SnippetsView::new(site, page, lesson);
    let title = format!("Nhúng bài học: {}", page.meta.title);
    let description = format!(
        "Mã để nhúng bài học “{}” (toàn bài hoặc chỉ phần câu hỏi) vào trang web của trường.",
        page.meta.title
    );
    let mut meta = MetaView::other(site, Some(&title), Some(&description), snippets_url(page));
    meta.noindex = true;
    let path = format!("{}{SNIPPETS_DIR}/", page.path);
    let ctx = TemplateContext::page(&meta, &path).with("nhung", &view);
    let html = templates.render(SNIPPETS_TEMPLATE, &ctx).map_err(|d| {
        d.note(format!("khi dựng trang “Nhúng bài học” của {}", page.file.path.display()))
    })?;
    Ok(Output::page(&path, html))
}

#[cfg(test)]
mod tests {
    use super::*;

    const V: Values<'static> = Values {
        url: "https://a.example/nhung/bai-hoc/be/",
        origin: "https://a.example",
        id: "pccc-be",
        title: "Bài học: Bé thoát nạn",
        loader: "https://a.example/nhung/khung.js",
    };

    #[test]
    fn origins_keep_scheme_host_and_port() {
        assert_eq!(origin("https://pccc.khuongdinh.example"), "https://pccc.khuongdinh.example");
        assert_eq!(origin("http://127.0.0.1:8123/"), "http://127.0.0.1:8123");
        assert_eq!(origin("https://a.example/pccc"), "https://a.example");
    }

    #[test]
    fn the_baked_highlighting_is_syntect_s() {
        for (form, name) in [(Form::Loader, "loader"), (Form::Inline, "inline")] {
            let made = crate::highlight::highlight(&snippet(form, STAND_INS), "html").unwrap();
            let path =
                format!("{}/src/kinds/lesson/views/embed/{name}.html", env!("CARGO_MANIFEST_DIR"));
            if std::env::var_os("PCCC_BLESS").is_some() {
                std::fs::write(&path, &made).unwrap();
                continue;
            }
            assert!(
                made == baked(form),
                "{path} is not what syntect makes of the {name} snippet now: \
                 PCCC_BLESS=1 cargo test --lib baked writes it anew"
            );
        }
    }

    #[test]
    fn each_form_highlighted_once_equals_the_form_highlighted_each_time() {
        for form in [Form::Loader, Form::Inline] {
            let each_time = |title: &str| {
                crate::highlight::highlight(&snippet(form, Values { title, ..V }), "html").unwrap()
            };
            let once = |title: &str| highlighted(form, Values { title, ..V });
            // A plain title: the same markup.
            assert_eq!(once("Bé thoát nạn"), each_time("Bé thoát nạn"));
            // A title with characters escaped in the snippet: the same text; syntect colours
            // the entities when it sees them, the stand-in does not.
            let title = "Bé & \"lửa\" <b>đỏ</b>";
            let text = crate::search::plain_text;
            assert_eq!(text(&once(title)), text(&each_time(title)));
        }
    }

    #[test]
    fn the_loader_form_has_no_inline_script_or_style() {
        let s = snippet(Form::Loader, Values { title: "Bé & lửa", ..V });
        assert_eq!(
            s,
            "<iframe src=\"https://a.example/nhung/bai-hoc/be/\" title=\"Bé &amp; lửa\" \
             width=\"100%\" height=\"800\" loading=\"lazy\"></iframe>\n\
             <script src=\"https://a.example/nhung/khung.js\" async></script>\n"
        );
    }

    #[test]
    fn the_inline_form_checks_origin_and_source() {
        let s = snippet(Form::Inline, Values { title: "\"Bé\" <b>'lửa'</b>", ..V });
        assert!(
            s.starts_with("<iframe id=\"pccc-be\" src=\"https://a.example/nhung/bai-hoc/be/\"")
        );
        assert!(s.contains("title=\"&quot;Bé&quot; &lt;b&gt;&#39;lửa&#39;&lt;/b&gt;\""), "{s}");
        assert!(s.contains("event.origin !== \"https://a.example\""), "{s}");
        assert!(s.contains("event.source !== frame.contentWindow"), "{s}");
    }

    #[test]
    fn parts_have_their_own_paths_and_ids() {
        assert_eq!(Part::Whole.path("be"), "/nhung/bai-hoc/be/");
        assert_eq!(Part::Quiz.path("be"), "/nhung/bai-hoc/be/cau-hoi/");
        assert_eq!(Part::Quiz.frame_id("be"), "pccc-be-cau-hoi");
        assert_eq!(Part::Quiz.frame_title("Bé"), "Câu hỏi ôn tập: Bé");
    }
}
