//! Files for the web server, written at the root of the output: the part of a server's
//! configuration that depends on the site. The fixed part (types, charset, compression, cache,
//! security headers) is in `deploy/nginx.conf` and `deploy/Caddyfile`; these repeat its headers
//! for hosts that read only files.
//!
//! - `_redirects` and `_headers`, in the format Netlify and Cloudflare Pages read: the old
//!   addresses (`aliases`) as 301 redirects; the security headers, with framing allowed under
//!   [`EMBED_DIR`] only. Those hosts add a rule's headers to those of every other rule that
//!   matches, and two policies would both apply, so `_headers` names each top-level folder and
//!   file of this output instead of one rule for all.
//! - `_redirects.nginx` and `_redirects.caddy`: the same redirects, for an nginx server block to
//!   `include` and a Caddyfile to `import`.
//!
//! Only aliases written with plain URL characters (`a-z`, `0-9`, `-._~/`) go into these files:
//! they are included into a server's configuration, where other characters would need escaping
//! three different ways. An alias with others is still served by its redirect page
//! (`alias.html`: a `noindex` page with a canonical link and an immediate refresh), and the
//! files say so in a comment.

use std::collections::BTreeSet;

use crate::model::Site;
use crate::view::Output;

/// The content security policy of every page, without `frame-ancestors`: only this site's own
/// scripts, styles and images (pages carry no inline script or style; JSON-LD is data).
pub const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'self'; form-action 'self'";

/// The folder of the embed pages, which schools' sites may frame.
pub const EMBED_DIR: &str = "nhung";

/// Headers on every response besides the policy and the framing rule.
const COMMON_HEADERS: [(&str, &str); 3] = [
    ("X-Content-Type-Options", "nosniff"),
    ("Referrer-Policy", "strict-origin-when-cross-origin"),
    (
        "Permissions-Policy",
        "camera=(), microphone=(), geolocation=(), payment=(), usb=(), interest-cohort=()",
    ),
];

/// The names of the files this module writes.
pub const FILES: [&str; 4] = ["_headers", "_redirects", "_redirects.nginx", "_redirects.caddy"];

/// The top-level names of an output: a folder (`bai-viet`, `true`) or a file (`style.css`).
pub type TopLevel = BTreeSet<(String, bool)>;

/// Adds the top-level name of each output path to `top`.
pub fn record_top_level<'a>(top: &mut TopLevel, paths: impl IntoIterator<Item = &'a str>) {
    for path in paths {
        match path.split_once('/') {
            Some((dir, _)) => top.insert((dir.to_string(), true)),
            None => top.insert((path.to_string(), false)),
        };
    }
}

/// The four files, for `site` whose output has the top-level names `top`.
pub fn outputs(site: &Site, top: &TopLevel) -> Vec<Output> {
    let redirects = redirects(site);
    vec![
        Output::bytes(FILES[0], headers(top)),
        Output::bytes(FILES[1], netlify_redirects(&redirects)),
        Output::bytes(FILES[2], nginx_redirects(&redirects)),
        Output::bytes(FILES[3], caddy_redirects(&redirects)),
    ]
}

/// The redirects of the site, for the server: each old address written with plain URL
/// characters, as requested (with and without the final `/` of a folder), and where it goes, as
/// a path when it is on this site.
#[derive(Debug, Default, PartialEq, Eq)]
struct Redirects {
    /// (old path, new URL).
    rules: Vec<(String, String)>,
    /// Old addresses left to their redirect pages.
    skipped: Vec<String>,
}

fn redirects(site: &Site) -> Redirects {
    let mut result = Redirects::default();
    for redirect in &site.redirects {
        let to = redirect.to.strip_prefix(&site.config.base_url).unwrap_or(&redirect.to);
        let to = if to.starts_with('/') { to } else { &redirect.to };
        let from = match redirect.output.strip_suffix("index.html") {
            Some(dir) => format!("/{dir}"),
            None => format!("/{}", redirect.output),
        };
        if !from.bytes().all(|b| b.is_ascii_alphanumeric() || b"-._~/".contains(&b)) {
            result.skipped.push(from);
            continue;
        }
        if from.len() > 1
            && let Some(bare) = from.strip_suffix('/')
        {
            result.rules.push((bare.to_string(), encode(to)));
        }
        result.rules.push((from, encode(to)));
    }
    result
}

/// `url` with every character a server configuration could read as syntax (quotes, `$`, `{`,
/// spaces, anything not ASCII) percent-encoded.
fn encode(url: &str) -> String {
    let mut out = String::with_capacity(url.len());
    for b in url.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/%:@!*+,=&()?".contains(&b) {
            out.push(b as char);
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

const WRITTEN_BY: &str =
    "# Written by `pccc build` at every build: edit the site, not this file.\n";

/// The comment listing the old addresses left to their redirect pages.
fn skipped_note(redirects: &Redirects) -> String {
    if redirects.skipped.is_empty() {
        return String::new();
    }
    let mut note = String::from(
        "# Old addresses with characters other than a-z, 0-9 and -._~/ are not listed here: their\n# redirect pages (a refresh to the new address) still send readers on:\n",
    );
    for path in &redirects.skipped {
        note.push_str(&format!("#   {}\n", path.escape_debug()));
    }
    note
}

/// `_redirects` for Netlify and Cloudflare Pages. Netlify serves an existing file before a
/// rule without `!`, so there the redirect page answers `/cu/bai/` (it still redirects).
fn netlify_redirects(redirects: &Redirects) -> String {
    let mut text = format!("{WRITTEN_BY}# Old addresses (aliases) of the site's pages.\n");
    text.push_str(&skipped_note(redirects));
    for (from, to) in &redirects.rules {
        text.push_str(&format!("{from} {to} 301\n"));
    }
    text
}

/// `_redirects.nginx`, for `include` inside the server block (after `deploy/nginx.conf`).
fn nginx_redirects(redirects: &Redirects) -> String {
    let mut text = format!(
        "{WRITTEN_BY}# Old addresses (aliases) of the site's pages as 301 redirects; include it in the\n# server block after deploy/nginx.conf and reload nginx after a build that changes aliases.\n"
    );
    text.push_str(&skipped_note(redirects));
    for (from, to) in &redirects.rules {
        text.push_str(&format!("location = {from} {{ return 301 {to}; }}\n"));
    }
    text
}

/// `_redirects.caddy`, for `import` inside the site block of the Caddyfile.
fn caddy_redirects(redirects: &Redirects) -> String {
    let mut text =
        format!("{WRITTEN_BY}# Old addresses (aliases) of the site's pages as 301 redirects.\n");
    text.push_str(&skipped_note(redirects));
    for (from, to) in &redirects.rules {
        text.push_str(&format!("redir {from} {to} permanent\n"));
    }
    text
}

/// `_headers` for Netlify and Cloudflare Pages: the security headers on every path, the policy
/// with `frame-ancestors 'none'` on each top-level name but [`EMBED_DIR`], which any site may
/// frame. The cache is left to the host (those hosts revalidate every file; their rules cannot
/// tell a `?v=` address from another).
pub fn headers(top: &TopLevel) -> String {
    let mut text = format!("{WRITTEN_BY}/*\n");
    for (name, value) in COMMON_HEADERS {
        text.push_str(&format!("  {name}: {value}\n"));
    }
    let strict = format!(
        "  Content-Security-Policy: {CSP}; frame-ancestors 'none'\n  X-Frame-Options: DENY\n"
    );
    let mut paths: Vec<String> = vec!["/".into()];
    for (name, dir) in top {
        if FILES.contains(&name.as_str()) {
            continue;
        }
        if name == EMBED_DIR && *dir {
            continue;
        }
        paths.push(if *dir { format!("/{name}/*") } else { format!("/{name}") });
    }
    for path in paths {
        text.push_str(&format!("{path}\n{strict}"));
    }
    text.push_str(&format!(
        "/{EMBED_DIR}/*\n  Content-Security-Policy: {CSP}; frame-ancestors *\n"
    ));
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_frame_only_the_embeds() {
        let mut top = TopLevel::new();
        record_top_level(
            &mut top,
            ["index.html", "bai-viet/a/index.html", "nhung/bai-hoc/x/index.html", "style.css"],
        );
        let text = headers(&top);
        for path in ["/\n", "/index.html\n", "/bai-viet/*\n", "/style.css\n"] {
            let at = text.find(&format!("\n{path}")).unwrap_or_else(|| panic!("{path}: {text}"));
            assert!(text[at..].contains("frame-ancestors 'none'\n  X-Frame-Options: DENY"));
        }
        assert_eq!(text.matches("/nhung/").count(), 1, "{text}");
        assert!(text.ends_with(&format!(
            "/nhung/*\n  Content-Security-Policy: {CSP}; frame-ancestors *\n"
        )));
    }

    #[test]
    fn urls_are_encoded_for_configuration_files() {
        assert_eq!(encode("/bai-viet/a_b~c/"), "/bai-viet/a_b~c/");
        assert_eq!(encode("/a b/$x{y};\"đ"), "/a%20b/%24x%7By%7D%3B%22%C4%91");
    }

    #[test]
    fn redirect_files_list_each_plain_alias_twice_and_note_the_others() {
        let redirects = Redirects {
            rules: vec![
                ("/cu/bai".into(), "/moi/".into()),
                ("/cu/bai/".into(), "/moi/".into()),
                ("/cu.html".into(), "/moi/".into()),
            ],
            skipped: vec!["/cũ/".into()],
        };
        let nginx = nginx_redirects(&redirects);
        assert!(nginx.contains("location = /cu/bai { return 301 /moi/; }\nlocation = /cu/bai/ { return 301 /moi/; }\nlocation = /cu.html { return 301 /moi/; }\n"), "{nginx}");
        assert!(nginx.contains("#   /cũ/\n"), "{nginx}");
        assert!(netlify_redirects(&redirects).contains("/cu/bai/ /moi/ 301\n"));
        assert!(caddy_redirects(&redirects).contains("redir /cu/bai/ /moi/ permanent\n"));
    }
}
