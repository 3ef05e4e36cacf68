//! What a template receives, beside the global `site`: one type for every output made from a
//! template, whose constructors set what each sort of output always has. A page readers see
//! cannot be made without its `meta` and `current_path`, so its template (and the theme's
//! `base.html` it extends) can rely on them, and a new kind cannot forget one.

use serde::Serialize;

use super::context::MetaView;

/// The values a template renders with. [`super::Templates::render`] takes nothing else.
#[derive(Debug)]
pub struct TemplateContext {
    pub(super) values: tera::Context,
    sort: Sort,
    /// The keys of `values`, in the order they were added, to sum the context up.
    keys: Vec<&'static str>,
}

/// What a context is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Sort {
    /// A page readers see.
    Page,
    /// A page that sends its reader on.
    Redirect,
    /// A file that is not a page.
    File,
}

impl TemplateContext {
    /// The context of a page readers see: `meta`, what its `<head>` says, and `current_path`,
    /// its site path (`/bai-viet/`), which marks the menu entry of the page being read. The
    /// page's own values are added with [`TemplateContext::with`] or
    /// [`TemplateContext::insert`].
    pub fn page(meta: &MetaView, current_path: &str) -> TemplateContext {
        let mut values = tera::Context::new();
        values.insert("meta", meta);
        values.insert("current_path", current_path);
        TemplateContext { values, sort: Sort::Page, keys: vec!["meta", "current_path"] }
    }

    /// The context of a page at an old address that sends its reader on to the URL `to`
    /// (`redirect_to`, for `alias.html`).
    pub fn redirect(to: &str) -> TemplateContext {
        let mut values = tera::Context::new();
        values.insert("redirect_to", to);
        TemplateContext { values, sort: Sort::Redirect, keys: vec!["redirect_to"] }
    }

    /// The context of a file that is not a page (a feed, the sitemap, `robots.txt`, the web
    /// app manifest): no values of its own yet.
    pub fn file() -> TemplateContext {
        TemplateContext { values: tera::Context::new(), sort: Sort::File, keys: Vec::new() }
    }

    /// Adds `value` as `key`.
    pub fn insert(&mut self, key: &'static str, value: &(impl Serialize + ?Sized)) {
        self.values.insert(key, value);
        if !self.keys.contains(&key) {
            self.keys.push(key);
        }
    }

    /// The context with `value` added as `key`.
    pub fn with(mut self, key: &'static str, value: &(impl Serialize + ?Sized)) -> TemplateContext {
        self.insert(key, value);
        self
    }

    /// The context summed up for [`super::memo::Memo`]: equal contexts have equal digests.
    pub(super) fn digest(&self) -> super::memo::Digest {
        let mut summer = super::memo::Summer::new();
        summer.add_str(match self.sort {
            Sort::Page => "page",
            Sort::Redirect => "redirect",
            Sort::File => "file",
        });
        for key in &self.keys {
            summer.add_str(key);
            summer.add(&self.values.get(key));
        }
        summer.digest()
    }

    /// What the context is for.
    pub(super) fn sort(&self) -> Sort {
        self.sort
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta() -> MetaView {
        MetaView {
            title: "Chủ đề | Phường".into(),
            description: "Các chủ đề.".into(),
            url: "https://a.example/chu-de/".into(),
            kind: "website",
            published: None,
            modified: None,
            noindex: false,
            image: None,
        }
    }

    #[test]
    fn a_page_always_has_its_head_and_its_path() {
        let context = TemplateContext::page(&meta(), "/chu-de/").with("tags", &["a", "b"]);
        let values = &context.values;
        let title = values.get("meta").and_then(|m| m.get_from_path("title"));
        assert_eq!(title.and_then(|t| t.as_str()), Some("Chủ đề | Phường"));
        assert_eq!(values.get("current_path").and_then(|p| p.as_str()), Some("/chu-de/"));
        assert!(values.contains_key("tags"));
        assert_eq!(context.sort(), Sort::Page);
    }

    #[test]
    fn a_redirect_and_a_file_have_no_head() {
        let redirect = TemplateContext::redirect("https://a.example/moi/");
        let to = redirect.values.get("redirect_to").and_then(|t| t.as_str());
        assert_eq!(to, Some("https://a.example/moi/"));
        assert!(!redirect.values.contains_key("meta"));
        assert!(!TemplateContext::file().values.contains_key("current_path"));
    }
}
