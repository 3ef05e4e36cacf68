//! Alerts: GitHub's `> [!NOTE]` … `> [!CAUTION]` quotes become boxes titled in Vietnamese
//! (`<aside class="callout callout-caution">` with "Không được"), styled by the theme.

use pulldown_cmark::{BlockQuoteKind, Event, Tag, TagEnd};

/// The start and end of an alert as the box's HTML; every other event as it is.
pub(super) fn callout(event: Event<'_>) -> Event<'_> {
    match event {
        Event::Start(Tag::BlockQuote(Some(kind))) => {
            let (class, title) = kind_names(kind);
            Event::Html(
                format!("<aside class=\"callout callout-{class}\" role=\"note\"><p class=\"callout-title\">{title}</p>\n").into(),
            )
        }
        Event::End(TagEnd::BlockQuote(Some(_))) => Event::Html("</aside>\n".into()),
        other => other,
    }
}

/// The class and the Vietnamese title of a kind of alert.
fn kind_names(kind: BlockQuoteKind) -> (&'static str, &'static str) {
    match kind {
        BlockQuoteKind::Note => ("note", "Lưu ý"),
        BlockQuoteKind::Tip => ("tip", "Mẹo"),
        BlockQuoteKind::Important => ("important", "Ghi nhớ"),
        BlockQuoteKind::Warning => ("warning", "Cảnh báo"),
        BlockQuoteKind::Caution => ("caution", "Không được"),
    }
}

#[cfg(test)]
mod tests {
    use super::super::test_support::{html, parse};
    use super::*;

    fn alerts(body: &str) -> String {
        html(parse(body).map(|(event, _)| callout(event)))
    }

    #[test]
    fn each_kind_of_alert_is_a_box_with_its_vietnamese_title() {
        for (marker, class, title) in [
            ("NOTE", "note", "Lưu ý"),
            ("TIP", "tip", "Mẹo"),
            ("IMPORTANT", "important", "Ghi nhớ"),
            ("WARNING", "warning", "Cảnh báo"),
            ("CAUTION", "caution", "Không được"),
        ] {
            assert_eq!(
                alerts(&format!("> [!{marker}]\n> Sạc xe qua đêm.\n")),
                format!(
                    "<aside class=\"callout callout-{class}\" role=\"note\">\
                     <p class=\"callout-title\">{title}</p>\n<p>Sạc xe qua đêm.</p>\n</aside>\n"
                )
            );
        }
    }

    #[test]
    fn a_plain_quote_stays_a_quote() {
        assert_eq!(
            alerts("> Trích.\n\n> [!KHAC]\n> x\n"),
            "<blockquote>\n<p>Trích.</p>\n</blockquote>\n<blockquote>\n<p>[!KHAC]\nx</p>\n</blockquote>\n"
        );
    }
}
