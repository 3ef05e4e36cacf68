//! What the line chart and the overview map share: escaping, coordinates written short, numbers
//! in the Vietnamese form, and a conservative guess of a text's width so labels can be kept
//! apart before a browser measures them.

/// Text made safe inside SVG elements and inside attribute values (`&`, `<`, `>`, `"`, `'`).
/// The same escape as `markdown::escape_html`; called directly so this leaf imports no sibling.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    // Writing to a String cannot fail.
    let _ = pulldown_cmark_escape::escape_html(&mut out, text);
    out
}

/// A coordinate in user units with at most one decimal: enough at any size the site shows, and
/// a 14-month chart stays a few kilobytes.
pub fn coord(value: f64) -> String {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded == 0.0 {
        return "0".to_string(); // never "-0"
    }
    let text = format!("{rounded:.1}");
    text.strip_suffix(".0").map(str::to_string).unwrap_or(text)
}

/// A number as Vietnamese write it: "1.234.567", "17,11", "-3,5". `decimals` is the most
/// decimals written; trailing zeros are dropped ("17,10" becomes "17,1").
pub fn number(value: f64, decimals: usize) -> String {
    let text = format!("{:.*}", decimals, value.abs());
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let fraction = fraction.trim_end_matches('0');
    let mut out = String::new();
    let negative = value < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    if negative {
        out.push('-');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    if !fraction.is_empty() {
        out.push(',');
        out.push_str(fraction);
    }
    out
}

/// How wide `text` is drawn at `font_size`, at most: the advance widths of DejaVu Sans (the
/// widest of the fonts the theme falls back to, and the one the browser tests run with), so
/// the guess is at or above the real width on phones (Roboto) and desktops alike.
pub fn text_width(text: &str, font_size: f64) -> f64 {
    text.chars().map(em_width).sum::<f64>() * font_size
}

/// One character's advance in DejaVu Sans, in em, rounded up; a Vietnamese letter with its
/// marks is as wide as its base letter, so letters outside ASCII take the widest of their case.
fn em_width(c: char) -> f64 {
    match c {
        '0'..='9' => 0.637,
        ' ' | '.' | ',' | '\u{a0}' => 0.3179,
        '/' | ':' | ';' => 0.337,
        '-' | '(' | ')' => 0.391,
        '%' => 0.951,
        '–' | '…' => 0.5,
        'i' | 'j' | 'l' => 0.278,
        'f' | 't' => 0.392,
        'r' => 0.411,
        'm' => 0.974,
        'w' => 0.818,
        'M' => 0.863,
        'W' => 0.989,
        c if c.is_lowercase() => 0.636,
        c if c.is_uppercase() => 0.788,
        _ => 1.0,
    }
}

/// An axis-aligned box, for keeping labels and markers apart.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Rect {
    /// The box of a label drawn at (`x`, baseline `y`) with `text-anchor` `anchor`.
    pub fn of_text(text: &str, x: f64, y: f64, font_size: f64, anchor: Anchor) -> Rect {
        let w = text_width(text, font_size);
        let left = match anchor {
            Anchor::Start => x,
            Anchor::Middle => x - w / 2.0,
            Anchor::End => x - w,
        };
        // Ascenders (and Vietnamese tone marks) reach about 1.0 em above the baseline,
        // descenders 0.25 em below.
        Rect { x: left, y: y - font_size, w, h: font_size * 1.25 }
    }

    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.x + other.w
            && other.x < self.x + self.w
            && self.y < other.y + other.h
            && other.y < self.y + self.h
    }
}

/// SVG's `text-anchor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

impl Anchor {
    pub fn attr(self) -> &'static str {
        match self {
            Anchor::Start => "start",
            Anchor::Middle => "middle",
            Anchor::End => "end",
        }
    }
}

/// A `<text>` element: position, anchor, size and class as attributes (no `style=`: the site's
/// CSP forbids inline styles), its content escaped.
pub fn text(x: f64, y: f64, anchor: Anchor, font_size: f64, class: &str, content: &str) -> String {
    let anchor = match anchor {
        Anchor::Start => String::new(),
        other => format!(" text-anchor=\"{}\"", other.attr()),
    };
    format!(
        "<text x=\"{}\" y=\"{}\"{anchor} font-size=\"{}\" class=\"{class}\">{}</text>",
        coord(x),
        coord(y),
        coord(font_size),
        escape(content)
    )
}

/// The SVG read back with an XML parser, for the tests of the chart and the map.
#[cfg(test)]
pub mod read_back {
    use quick_xml::events::Event;
    use std::collections::HashMap;

    /// An element: its name, attributes (unescaped), the text directly inside it, and the
    /// names of the elements it sits in (outermost first).
    #[derive(Debug, Clone)]
    pub struct Element {
        pub name: String,
        pub attrs: HashMap<String, String>,
        pub text: String,
        pub parents: Vec<String>,
    }

    impl Element {
        pub fn attr(&self, name: &str) -> &str {
            self.attrs.get(name).map(String::as_str).unwrap_or("")
        }
        pub fn num(&self, name: &str) -> f64 {
            self.attr(name).parse().unwrap_or_else(|_| panic!("{name} of {self:?}"))
        }
        pub fn class(&self) -> &str {
            self.attr("class")
        }
    }

    /// Every element in document order; panics when the markup is not well-formed XML.
    pub fn elements(svg: &str) -> Vec<Element> {
        let mut reader = quick_xml::Reader::from_str(svg);
        let mut out: Vec<Element> = Vec::new();
        let mut open: Vec<usize> = Vec::new();
        loop {
            match reader.read_event().expect("well-formed SVG") {
                Event::Start(e) => {
                    out.push(element(&e, &open, &out));
                    open.push(out.len() - 1);
                }
                Event::Empty(e) => out.push(element(&e, &open, &out)),
                Event::End(_) => {
                    open.pop();
                }
                Event::Text(t) => {
                    let text = t.xml10_content();
                    if let Some(&i) = open.last() {
                        out[i].text.push_str(&text);
                    }
                }
                Event::GeneralRef(r) => {
                    let text = quick_xml::escape::unescape(&format!("&{};", &*r))
                        .expect("known entity")
                        .into_owned();
                    if let Some(&i) = open.last() {
                        out[i].text.push_str(&text);
                    }
                }
                Event::Eof => break,
                _ => {}
            }
        }
        assert!(open.is_empty(), "unclosed elements in {svg}");
        out
    }

    fn element(e: &quick_xml::events::BytesStart<'_>, open: &[usize], out: &[Element]) -> Element {
        let attrs = e
            .attributes()
            .map(|a| {
                let a = a.expect("attribute");
                let value =
                    a.normalized_value(quick_xml::XmlVersion::Implicit1_0).expect("escaped value");
                (a.key.as_ref().to_string(), value.into_owned())
            })
            .collect();
        Element {
            name: e.name().as_ref().to_string(),
            attrs,
            text: String::new(),
            parents: open.iter().map(|&i| out[i].name.clone()).collect(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_written_the_vietnamese_way() {
        for (value, decimals, expected) in [
            (17.11, 2, "17,11"),
            (17.1, 2, "17,1"),
            (100.0, 2, "100"),
            (1234.0, 0, "1.234"),
            (1234567.5, 1, "1.234.567,5"),
            (-3.5, 1, "-3,5"),
            (-0.001, 2, "0"),
            (0.0, 0, "0"),
            (999.0, 0, "999"),
        ] {
            assert_eq!(number(value, decimals), expected, "{value}");
        }
    }

    #[test]
    fn coordinates_are_short_and_never_negative_zero() {
        assert_eq!(coord(12.0), "12");
        assert_eq!(coord(12.34), "12.3");
        assert_eq!(coord(-0.01), "0");
        assert_eq!(coord(-4.25), "-4.3");
    }

    #[test]
    fn text_is_escaped_in_content_and_attributes() {
        assert_eq!(
            escape(r#"<a href="x">'&'</a>"#),
            "&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;"
        );
    }

    #[test]
    fn boxes_overlap_only_when_they_share_area() {
        let a = Rect::of_text("3/2026", 100.0, 50.0, 14.0, Anchor::Middle);
        let b = Rect::of_text("4/2026", 100.0 + a.w + 0.001, 50.0, 14.0, Anchor::Middle);
        let c = Rect::of_text("4/2026", 100.0 + a.w - 1.0, 50.0, 14.0, Anchor::Middle);
        assert!(!a.overlaps(&b));
        assert!(a.overlaps(&c));
    }
}
