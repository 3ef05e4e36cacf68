//! Print: QR codes that lead from paper back to the online page (every page has one, shown on
//! its printout), and A4 posters of a page's key messages, each with its pictogram.
//!
//! The `fast_qr` crate is used only here. A QR code is drawn as one SVG path at build time (no
//! script, no image service) and put inline in the page, its handout and its poster. It used to
//! be a file beside the page (`qr.svg`), which every visit fetched anyway (a hidden `<img>` is
//! still loaded) and which made a third of the files of a large site (issue 20): inline, the
//! page is about 0.6 kB heavier gzipped and the site has a file and a request fewer per page.
//! `fast_qr` picks the best of the eight masks as the QR specification asks, about seven times
//! faster than the `qrcode` crate did (0.09 ms against 0.62 ms a code here), which matters when a
//! site has thousands of handouts.

use std::collections::HashMap;
use std::sync::Mutex;

use fast_qr::{ECL, QRBuilder, QRCode};
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::guidance::{
    KeyMessage, KeyMessageView, PictogramView, key_message_texts, key_messages_view, pictogram_view,
};
use crate::model::{Page, Site};
use crate::view::context::MetaView;
use crate::view::{Output, TemplateContext, Templates};

/// Folder of a page's poster, inside the page's own folder.
pub const POSTER_DIR: &str = "poster";

/// Light modules around the code, as the QR specification asks.
const QUIET_ZONE: usize = 4;

/// Longest address checked without drawing: any text up to this many bytes fits a QR code at
/// level M (version 40 holds 2,331 bytes), so only longer ones are drawn to find out.
const QR_SURE_BYTES: usize = 2331;

/// An SVG QR code of `text` (a URL), black on white, with a quiet zone, `width` and `height`
/// of `px` pixels and `label` as its accessible name, to be put inline in a page (no file, no
/// request of its own); `None` if the text is too long for any QR code (over about 2 KB).
/// Error correction is medium (15%), which survives a smudged photocopy without making the code
/// dense. Each row of modules is one stroked line through the row's middle, with a relative
/// move between dark runs, which keeps the markup about half the size of a rectangle per run.
pub fn qr_svg(text: &str, label: &str, px: u32) -> Option<String> {
    let codes = drawn();
    // A one-off build keeps nothing: it draws at once, without making a key.
    let Some(remembered) = codes.as_ref() else {
        drop(codes);
        return draw_qr(text, label, px);
    };
    let key = (text.to_string(), label.to_string(), px);
    if let Some(svg) = remembered.get(&key) {
        return svg.clone();
    }
    drop(codes);
    let svg = draw_qr(text, label, px);
    if let Some(codes) = drawn().as_mut() {
        if codes.len() >= REMEMBERED_QR_CODES {
            codes.clear();
        }
        codes.insert(key, svg.clone());
    }
    svg
}

/// QR codes drawn so far, by text, label and size, when [`remember_qr_codes`] was called.
type Drawn = HashMap<(String, String, u32), Option<String>>;

/// The QR codes of this process, kept only in watch mode: a page's code changes only with its
/// address, but its view, which holds the code, is made again at every rebuild; choosing a
/// code's mask (eight drawn and scored) took about a fifth of a rebuild's time at 10,000 pages.
/// A one-off build draws each code once and keeps none.
static DRAWN: Mutex<Option<Drawn>> = Mutex::new(None);

/// At most this many codes are kept (about 3 kB each); past it, the memory starts again empty.
const REMEMBERED_QR_CODES: usize = 50_000;

fn drawn() -> std::sync::MutexGuard<'static, Option<Drawn>> {
    DRAWN.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// Keeps every QR code drawn from now on, for the rebuilds of watch mode.
pub fn remember_qr_codes() {
    drawn().get_or_insert_with(HashMap::new);
}

fn draw_qr(text: &str, label: &str, px: u32) -> Option<String> {
    let code = qr_code(text)?;
    let width = code.size;
    let dark = |x: usize, y: usize| code.data[y * width + x].value();
    let size = width + 2 * QUIET_ZONE;
    let mut path = String::new();
    for y in 0..width {
        // Where the pen stands on this row (None before its first run).
        let mut pen: Option<usize> = None;
        let mut x = 0;
        while x < width {
            if !dark(x, y) {
                x += 1;
                continue;
            }
            let start = x;
            while x < width && dark(x, y) {
                x += 1;
            }
            match pen {
                None => path.push_str(&format!("M{} {}.5", start + QUIET_ZONE, y + QUIET_ZONE)),
                Some(at) => path.push_str(&format!("m{} 0", start - at)),
            }
            path.push_str(&format!("h{}", x - start));
            pen = Some(x);
        }
    }
    let label = crate::markdown::escape_html(label);
    Some(format!(
        "<svg class=\"qr\" role=\"img\" aria-label=\"{label}\" width=\"{px}\" height=\"{px}\" \
         viewBox=\"0 0 {size} {size}\" shape-rendering=\"crispEdges\">\
         <rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path stroke=\"#000\" d=\"{path}\"/></svg>"
    ))
}

/// Whether `text` fits a QR code, drawn only when it is too long to be sure.
fn fits_qr(text: &str) -> bool {
    text.len() <= QR_SURE_BYTES || qr_code(text).is_some()
}

/// The QR code of `text`: level M, or L when M cannot hold it.
fn qr_code(text: &str) -> Option<QRCode> {
    [ECL::M, ECL::L].into_iter().find_map(|ecl| QRBuilder::new(text).ecl(ecl).build().ok())
}

/// The URL of a page's poster.
pub fn poster_url(page: &Page) -> String {
    format!("{}{POSTER_DIR}/", page.permalink)
}

/// What `poster.html` receives as `poster`.
#[derive(Debug, Serialize)]
struct PosterView<'a> {
    title: &'a str,
    /// The page the poster comes from.
    permalink: &'a str,
    /// The page's URL without `https://`, short enough to type from paper.
    short_url: String,
    messages: Vec<KeyMessageView<'a>>,
    /// The page's QR code, inline SVG.
    qr_svg: Option<String>,
    /// The "call 114" pictogram, beside the emergency number.
    call_pictogram: Option<PictogramView>,
    /// `bài học`, `bài viết`.
    noun: &'static str,
    sample: bool,
}

/// Template of posters; a theme without it has no posters.
pub const POSTER_TEMPLATE: &str = "poster.html";

/// The check of each page of `printouts` (page index, the key messages of its poster) that its
/// address fits a QR code (the code itself is drawn inline in the page by its kind's view), and
/// the poster of each that has key messages. Posters need the theme's `poster.html`; themes
/// without it get no posters.
pub fn outputs(
    site: &Site,
    templates: &Templates,
    printouts: &[(usize, &[KeyMessage])],
) -> Vec<Result<Output, Diagnostic>> {
    use rayon::prelude::*;
    let posters = templates.has(POSTER_TEMPLATE);
    printouts
        .par_iter()
        .flat_map_iter(|&(p, key_messages)| {
            let page = &site.pages[p];
            let too_long = (!fits_qr(&page.permalink)).then(|| Err(too_long_for_qr(page)));
            let poster = (posters && !key_messages.is_empty())
                .then(|| poster(site, templates, page, key_messages));
            too_long.into_iter().chain(poster)
        })
        .collect()
}

/// The error of a page whose address is too long for a QR code.
fn too_long_for_qr(page: &Page) -> Diagnostic {
    crate::front_matter::at_field(
        &page.file,
        "slug",
        format!("địa chỉ trang quá dài để làm mã QR ({} ký tự)", page.permalink.len()),
    )
    .help("đặt `slug` ngắn hơn cho trang")
}

/// The QR code of `page`'s printout, inline, `px` pixels wide, named `label` for screen
/// readers; `None` when the address is too long (the build reports it from [`outputs`]).
pub fn page_qr(page: &Page, label: &str, px: u32) -> Option<String> {
    qr_svg(&page.permalink, label, px)
}

fn poster(
    site: &Site,
    templates: &Templates,
    page: &Page,
    messages: &[KeyMessage],
) -> Result<Output, Diagnostic> {
    let view = PosterView {
        title: &page.meta.title,
        permalink: &page.permalink,
        short_url: short_url(&page.permalink),
        messages: key_messages_view(messages, &site.config.base_url),
        qr_svg: page_qr(
            page,
            &format!("Mã QR dẫn đến {} trên trang của phường", page.kind.noun()),
            160,
        ),
        call_pictogram: pictogram_view("goi-114", &site.config.base_url),
        noun: page.kind.noun(),
        sample: page.meta.sample,
    };
    let url = poster_url(page);
    let title = format!("Áp phích: {}", page.meta.title);
    let description =
        format!("Áp phích khổ A4 in được: {}", key_message_texts(messages).join("; "));
    let mut meta = MetaView::other(site, Some(&title), Some(&description), url);
    meta.noindex = true;
    let path = format!("{}{POSTER_DIR}/", page.path);
    let ctx = TemplateContext::page(&meta, &path).with("poster", &view);
    let html = templates
        .render(POSTER_TEMPLATE, &ctx)
        .map_err(|d| d.note(format!("khi dựng áp phích của {}", page.file.path.display())))?;
    Ok(Output::page(&path, html))
}

/// `https://pccc.example/bai-hoc/x/` -> `pccc.example/bai-hoc/x/`.
pub fn short_url(url: &str) -> String {
    url.trim_start_matches("https://").trim_start_matches("http://").to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Draws `svg` (as [`qr_svg`] writes it) at `scale` pixels a module and reads it back with
    /// `rqrr`, a decoder that shares no code with the encoder.
    fn decode(svg: &str, scale: usize) -> String {
        let size: usize =
            svg.split("viewBox=\"0 0 ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
        let d = svg.split(" d=\"").nth(1).unwrap().split('"').next().unwrap();
        let mut dark = vec![false; size * size];
        // Rows "Mx y.5hN" then "mG 0hN" for each further run of the row.
        for row in d.split('M').filter(|r| !r.is_empty()) {
            let (x, rest) = row.split_once(' ').unwrap();
            let (y, mut rest) = rest.split_once(".5h").unwrap();
            let (mut x, y): (usize, usize) = (x.parse().unwrap(), y.parse().unwrap());
            loop {
                let (n, next) = rest.split_once('m').unwrap_or((rest, ""));
                let n: usize = n.parse().unwrap();
                for i in x..x + n {
                    dark[y * size + i] = true;
                }
                x += n;
                if next.is_empty() {
                    break;
                }
                let (gap, after) = next.split_once(" 0h").unwrap();
                x += gap.parse::<usize>().unwrap();
                rest = after;
            }
        }
        let pixels = size * scale;
        let mut image = rqrr::PreparedImage::prepare_from_greyscale(pixels, pixels, |x, y| {
            if dark[(y / scale) * size + x / scale] { 0 } else { 255 }
        });
        let grids = image.detect_grids();
        assert_eq!(grids.len(), 1, "one code in the picture");
        grids[0].decode().unwrap().1
    }

    fn svg(url: &str) -> String {
        qr_svg(url, "Mã QR", 96).unwrap()
    }

    #[test]
    fn qr_is_a_square_inline_svg_with_a_quiet_zone_that_reads_back_as_the_url() {
        let url = "https://pccc.khuongdinh.example/bai-hoc/be-thoat-hiem-khi-co-chay/";
        let svg = qr_svg(url, "Mã QR dẫn đến <bài>", 132).unwrap();
        // 66 bytes at level M need version 5: 37 modules, plus 4 on each side.
        assert!(
            svg.starts_with(
                "<svg class=\"qr\" role=\"img\" aria-label=\"Mã QR dẫn đến &lt;bài&gt;\" \
                 width=\"132\" height=\"132\" viewBox=\"0 0 45 45\" shape-rendering=\"crispEdges\">\
                 <rect width=\"45\" height=\"45\" fill=\"#fff\"/><path stroke=\"#000\" d=\"M4 4.5h7m"
            ),
            "{svg}"
        );
        // The top row ends with the other finder pattern: seven dark modules inside the zone.
        assert!(svg.contains("h7M4 5.5h1m5 0h1"), "{svg}");
        assert!(svg.ends_with("\"/></svg>"));
        assert!(!svg.contains("style="));
        assert_eq!(decode(&svg, 4), url);
        assert_eq!(qr_svg(&"x".repeat(4000), "Mã QR", 96), None);
        // 2,406 bytes; a rectangle per run, as codes were drawn before, took about 4 kB.
        assert!(svg.len() < 2500, "{} bytes", svg.len());
    }

    #[test]
    fn remembered_codes_are_kept_by_address_label_and_size() {
        // Watch mode's memory (global to the process: other tests then read from it, which
        // gives them the same codes).
        remember_qr_codes();
        let url = "https://pccc.khuongdinh.example/bai-viet/goi-114/";
        let first = qr_svg(url, "Mã QR một", 96).unwrap();
        assert_eq!(qr_svg(url, "Mã QR một", 96).unwrap(), first);
        assert_eq!(first, draw_qr(url, "Mã QR một", 96).unwrap());
        assert!(qr_svg(url, "Mã QR hai", 96).unwrap().contains("aria-label=\"Mã QR hai\""));
        assert!(qr_svg(url, "Mã QR một", 132).unwrap().contains("width=\"132\""));
        assert_eq!(
            decode(&qr_svg("https://a.example/khac/", "Mã QR một", 96).unwrap(), 4),
            "https://a.example/khac/"
        );
        assert_eq!(qr_svg(&"x".repeat(4000), "Mã QR", 96), None);
    }

    #[test]
    fn long_addresses_and_vietnamese_slugs_read_back() {
        for url in [
            "http://127.0.0.1:8000/",
            "https://pccc.khuongdinh.example/bai-viet/huong-dan-thoat-nan-khi-chay-nha-ong-va-chung-cu-mini-trong-ngo-sau/",
            "https://pccc.khuongdinh.example/bai-hoc/%C4%91uong/",
        ] {
            assert_eq!(decode(&svg(url), 3), url);
        }
        // Too long for level M, still a code at level L.
        let long = format!("https://pccc.khuongdinh.example/{}/", "a".repeat(2300));
        assert_eq!(decode(&svg(&long), 2), long);
    }

    #[test]
    fn addresses_are_drawn_to_check_them_only_when_too_long_to_be_sure() {
        assert!(fits_qr(&"a".repeat(QR_SURE_BYTES)));
        // Above level M's capacity, level L still holds it.
        assert!(fits_qr(&"a".repeat(QR_SURE_BYTES + 100)));
        assert!(!fits_qr(&"a".repeat(3000)));
        // The bound is right: at level M, one more byte than it holds needs level L.
        assert!(QRBuilder::new("a".repeat(QR_SURE_BYTES)).ecl(ECL::M).build().is_ok());
        assert!(QRBuilder::new("a".repeat(QR_SURE_BYTES + 1)).ecl(ECL::M).build().is_err());
    }

    #[test]
    fn short_urls_drop_the_scheme() {
        assert_eq!(short_url("https://a.example/b/"), "a.example/b/");
        assert_eq!(short_url("http://127.0.0.1:8000/"), "127.0.0.1:8000/");
    }
}
