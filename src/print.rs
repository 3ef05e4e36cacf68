//! Print: QR codes that lead from paper back to the online page (every page has one, shown on
//! its printout), and A4 posters of a page's key messages, each with its pictogram.
//!
//! The `fast_qr` crate is used only here. A QR code is drawn as one SVG path at build time (no
//! script, no image service); it is written beside the page as `qr.svg` so the HTML stays small
//! and the same file serves the printed handout, the poster and anyone who wants to reuse it.
//! `fast_qr` picks the best of the eight masks as the QR specification asks, about seven times
//! faster than the `qrcode` crate did (0.09 ms against 0.62 ms a code here), which matters when a
//! site has thousands of handouts.

use fast_qr::{ECL, QRBuilder, QRCode};
use serde::Serialize;

use crate::diagnostic::Diagnostic;
use crate::guidance::{
    KeyMessage, KeyMessageView, PictogramView, key_message_texts, key_messages_view, pictogram_view,
};
use crate::model::{Page, Site};
use crate::view::context::MetaView;
use crate::view::{Content, Output, TemplateContext, Templates};

/// File name of a page's QR code, beside its `index.html`.
pub const QR_FILE: &str = "qr.svg";

/// Folder of a page's poster, inside the page's own folder.
pub const POSTER_DIR: &str = "poster";

/// Light modules around the code, as the QR specification asks.
const QUIET_ZONE: usize = 4;

/// An SVG QR code of `text` (a URL), black on white, with a quiet zone, or `None` if the text
/// is too long for any QR code (over about 2 KB). Error correction is medium (15%), which
/// survives a smudged photocopy without making the code dense.
pub fn qr_svg(text: &str) -> Option<String> {
    let code = qr_code(text)?;
    let width = code.size;
    let dark = |x: usize, y: usize| code.data[y * width + x].value();
    let size = width + 2 * QUIET_ZONE;
    let mut path = String::new();
    for y in 0..width {
        let mut x = 0;
        while x < width {
            if dark(x, y) {
                let start = x;
                while x < width && dark(x, y) {
                    x += 1;
                }
                let run = x - start;
                path.push_str(&format!(
                    "M{} {}h{run}v1h-{run}z",
                    start + QUIET_ZONE,
                    y + QUIET_ZONE
                ));
            } else {
                x += 1;
            }
        }
    }
    Some(format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {size} {size}\" \
         shape-rendering=\"crispEdges\"><rect width=\"{size}\" height=\"{size}\" fill=\"#fff\"/>\
         <path fill=\"#000\" d=\"{path}\"/></svg>\n"
    ))
}

/// The QR code of `text`: level M, or L when M cannot hold it.
fn qr_code(text: &str) -> Option<QRCode> {
    [ECL::M, ECL::L].into_iter().find_map(|ecl| QRBuilder::new(text).ecl(ecl).build().ok())
}

/// The URL of a page's poster.
pub fn poster_url(page: &Page) -> String {
    format!("{}{POSTER_DIR}/", page.permalink)
}

/// The URL of a page's QR code.
pub fn qr_url(page: &Page) -> String {
    format!("{}{QR_FILE}", page.permalink)
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
    qr_url: String,
    /// The "call 114" pictogram, beside the emergency number.
    call_pictogram: Option<PictogramView>,
    /// `bài học`, `bài viết`.
    noun: &'static str,
    sample: bool,
}

/// Template of posters; a theme without it has no posters.
pub const POSTER_TEMPLATE: &str = "poster.html";

/// The QR code of each page of `printouts` (page index, the key messages of its poster), and
/// the poster of each that has key messages. Posters need the theme's `poster.html`; themes
/// without it get no posters.
pub fn outputs(
    site: &Site,
    templates: &Templates,
    printouts: &[(usize, &[KeyMessage])],
) -> Vec<Result<Output, Diagnostic>> {
    use rayon::prelude::*;
    let posters = templates.has(POSTER_TEMPLATE);
    // Drawing codes is the costly part: one page per task, on every core.
    printouts
        .par_iter()
        .flat_map_iter(|&(p, key_messages)| {
            let page = &site.pages[p];
            let dir = &page.path[1..];
            let qr = match qr_svg(&page.permalink) {
                Some(svg) => Ok(Output {
                    path: format!("{dir}{QR_FILE}"),
                    content: Content::Bytes(svg.into()),
                }),
                None => Err(crate::front_matter::at_field(
                    &page.file,
                    "slug",
                    format!("địa chỉ trang quá dài để làm mã QR ({} ký tự)", page.permalink.len()),
                )
                .help("đặt `slug` ngắn hơn cho trang")),
            };
            let poster = (posters && !key_messages.is_empty())
                .then(|| poster(site, templates, page, key_messages));
            std::iter::once(qr).chain(poster)
        })
        .collect()
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
        qr_url: qr_url(page),
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
        for run in d.split('M').filter(|r| !r.is_empty()) {
            // "x yhNv1h-Nz"
            let (x, rest) = run.split_once(' ').unwrap();
            let (y, rest) = rest.split_once('h').unwrap();
            let n = rest.split_once('v').unwrap().0;
            let (x, y, n): (usize, usize, usize) =
                (x.parse().unwrap(), y.parse().unwrap(), n.parse().unwrap());
            for i in x..x + n {
                dark[y * size + i] = true;
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

    #[test]
    fn qr_is_a_square_svg_with_a_quiet_zone_that_reads_back_as_the_url() {
        let url = "https://pccc.khuongdinh.example/bai-hoc/be-thoat-hiem-khi-co-chay/";
        let svg = qr_svg(url).unwrap();
        // 66 bytes at level M need version 5: 37 modules, plus 4 on each side.
        assert!(svg.starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 45 45\""));
        // The top row starts with a finder pattern: seven dark modules inside the quiet zone.
        assert!(svg.contains("<path fill=\"#000\" d=\"M4 4h7v1h-7z"), "{svg}");
        assert!(!svg.contains("style="));
        assert_eq!(decode(&svg, 4), url);
        assert_eq!(qr_svg(&"x".repeat(4000)), None);
    }

    #[test]
    fn long_addresses_and_vietnamese_slugs_read_back() {
        for url in [
            "http://127.0.0.1:8000/",
            "https://pccc.khuongdinh.example/bai-viet/huong-dan-thoat-nan-khi-chay-nha-ong-va-chung-cu-mini-trong-ngo-sau/",
            "https://pccc.khuongdinh.example/bai-hoc/%C4%91uong/",
        ] {
            assert_eq!(decode(&qr_svg(url).unwrap(), 3), url);
        }
        // Too long for level M, still a code at level L.
        let long = format!("https://pccc.khuongdinh.example/{}/", "a".repeat(2300));
        assert_eq!(decode(&qr_svg(&long).unwrap(), 2), long);
    }

    #[test]
    fn short_urls_drop_the_scheme() {
        assert_eq!(short_url("https://a.example/b/"), "a.example/b/");
        assert_eq!(short_url("http://127.0.0.1:8000/"), "127.0.0.1:8000/");
    }
}
