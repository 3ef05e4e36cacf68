//! Pictograms: the small set of SVG pictures drawn for this project (call 114, crawl under
//! smoke, the four steps of an extinguisher…), in `pictograms/` at the repository's root with
//! their licence (CC0) and a list of their alt texts.
//!
//! They are part of the binary, so every site has them and a name can be checked while
//! parsing: Markdown shows one with `{{ hinh(ten="goi-114") }}` (see `markdown::shortcodes`),
//! a key message with `pictogram: goi-114`. Each is written once to `/hinh/<name>.svg` and
//! shown with `<img>`: one file cached for every page that shows it (inline SVG would repeat
//! it in each page), printed like any image, allowed by a policy's `img-src 'self'`, and its
//! alt text is plain `alt`. The Vietnamese alt text is the SVG's own `<title>`, so the file
//! describes itself wherever it is reused. The colours are fixed (ink and the site's red), not
//! `currentColor`: an SVG shown through `<img>` does not inherit the page's colour.

/// Folder of the pictograms in the output: `/hinh/goi-114.svg`.
pub const DIR: &str = "hinh";

/// Width and height, in CSS pixels, of every pictogram's drawing (its `viewBox`).
pub const SIZE: u32 = 64;

/// One pictogram.
#[derive(Debug)]
pub struct Pictogram {
    /// Its name, as editors write it: `goi-114`.
    pub name: &'static str,
    /// The SVG file.
    pub svg: &'static str,
}

macro_rules! pictograms {
    ($($name:literal),* $(,)?) => {
        &[$(Pictogram { name: $name, svg: include_str!(concat!("../pictograms/", $name, ".svg")) }),*]
    };
}

/// Every pictogram, in the order the editors' list shows them.
pub const ALL: &[Pictogram] = pictograms![
    "goi-114",
    "cui-thap",
    "so-cua",
    "dong-cua",
    "khong-sac-xe-qua-dem",
    "chuong-cop",
    "binh-rut-chot",
    "binh-huong-voi",
    "binh-bop-van",
    "binh-quet",
    "gas-khong-bat-dien",
    "gas-mo-cua-so",
];

/// The pictogram called `name`.
pub fn get(name: &str) -> Option<&'static Pictogram> {
    ALL.iter().find(|p| p.name == name)
}

/// The help for a name that is no pictogram: the nearest name, and every name.
pub fn unknown_help(name: &str) -> String {
    let names: Vec<&str> = ALL.iter().map(|p| p.name).collect();
    let list = names.join(", ");
    match crate::explain::suggest(name, names.iter().copied()) {
        Some(best) => format!("có phải bạn muốn viết `{best}`? Các hình có sẵn: {list}"),
        None => format!("các hình có sẵn: {list}"),
    }
}

impl Pictogram {
    /// The Vietnamese alt text: the SVG's `<title>`.
    pub fn alt(&self) -> &'static str {
        let start = self.svg.find("<title>").map_or(0, |i| i + "<title>".len());
        let end = self.svg[start..].find("</title>").map_or(start, |i| start + i);
        &self.svg[start..end]
    }

    /// Its path in the output: `hinh/goi-114.svg`.
    pub fn path(&self) -> String {
        format!("{DIR}/{}.svg", self.name)
    }

    /// Its site path with a version that changes with the drawing, so that it may be cached
    /// for long: `/hinh/goi-114.svg?v=1a2b3c4d`.
    pub fn versioned_path(&self) -> String {
        format!("/{}?v={:08x}", self.path(), fnv1a(self.svg.as_bytes()))
    }
}

/// FNV-1a, as for the other static files' `?v=`: a stable hash for cache-busting, not for
/// security.
fn fnv1a(bytes: &[u8]) -> u32 {
    let hash = bytes
        .iter()
        .fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3));
    hash as u32
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_pictogram_is_a_small_square_drawing_in_two_colours_without_style() {
        for p in ALL {
            assert!(
                p.svg
                    .starts_with("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 64 64\""),
                "{}",
                p.name
            );
            assert!(p.svg.len() < 1024, "{}: {} bytes", p.name, p.svg.len());
            assert!(!p.svg.contains("style"), "{}: no style attribute or element (CSP)", p.name);
            assert!(!p.svg.contains("<script"), "{}", p.name);
            assert!(p.svg.contains("stroke-width=\"4\""), "{}: one stroke width", p.name);
            assert!(!p.svg[p.svg.find('>').unwrap()..].contains("stroke-width"), "{}", p.name);
            // Ink (#1b1b1b, 17:1 on white) and red (#b3261e, 6.5:1): both above WCAG's 3:1
            // for graphics, on white and on the light grey of callouts.
            let colours: std::collections::BTreeSet<&str> =
                p.svg.match_indices('#').map(|(i, _)| &p.svg[i..i + 7]).collect();
            assert!(
                colours.iter().all(|c| ["#1b1b1b", "#b3261e"].contains(c)),
                "{}: {colours:?}",
                p.name
            );
            assert!(p.alt().chars().count() > 10, "{}: alt text", p.name);
            assert_eq!(crate::text::nfc(p.alt()), p.alt(), "{}: NFC", p.name);
        }
    }

    #[test]
    fn the_readme_lists_every_pictogram_with_its_alt_text() {
        let readme = include_str!("../pictograms/README.md");
        for p in ALL {
            let row = format!("| `{}` | {} |", p.name, p.alt());
            assert!(readme.contains(&row), "pictograms/README.md lacks the row\n{row}");
        }
        let rows = readme.lines().filter(|l| l.starts_with("| `")).count();
        assert_eq!(rows, ALL.len(), "pictograms/README.md lists a pictogram the binary lacks");
    }

    #[test]
    fn an_unknown_name_gets_the_nearest_and_the_list() {
        assert!(get("goi-114").is_some());
        assert!(
            unknown_help("goi-113").starts_with(
                "có phải bạn muốn viết `goi-114`? Các hình có sẵn: goi-114, cui-thap,"
            )
        );
        assert!(unknown_help("xyz").starts_with("các hình có sẵn: goi-114, cui-thap, so-cua,"));
    }
}
