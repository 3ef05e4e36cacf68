//! Links written in `site.toml` (the menu, the alerts, strings of `[extra]`), resolved against
//! the site's link index once it is known, and refused like links of a page when they would run
//! code in the reader's browser.

use jiff::civil::Date;

use super::links::LinkIndex;
use super::{ActiveAlert, MenuLink};
use crate::config::Config;
use crate::diagnostic::Problems;

/// The alerts of `site.toml` current on `today`, their links resolved.
pub fn alerts(
    config: &Config,
    index: &LinkIndex,
    today: Date,
    problems: &mut Problems,
) -> Vec<ActiveAlert> {
    let mut active = Vec::new();
    for (i, alert) in config.alerts.iter().enumerate() {
        let url = match alert.link.as_deref() {
            Some(link) => match resolve_link(config, index, link) {
                Ok(url) => Some(url),
                Err(e) => {
                    let mut d = config.error_in(
                        &["alert", &i.to_string(), "link"],
                        format!("thông báo: {}", e.message),
                    );
                    if let Some(help) = e.help {
                        d = d.help(help);
                    }
                    problems.push(d);
                    continue;
                }
            },
            None => None,
        };
        let started = alert.from.is_none_or(|from| from <= today);
        let running = alert.until.is_none_or(|until| today <= until);
        if started && running {
            active.push(ActiveAlert { message: alert.message.clone(), level: alert.level, url });
        }
    }
    active
}

/// A link written in `site.toml`: `@/path.md`, a site path, or a full URL; refused, like a
/// Markdown link, when it would run code in the reader's browser.
fn resolve_link(
    config: &Config,
    index: &LinkIndex,
    link: &str,
) -> Result<String, crate::markdown::LinkError> {
    crate::markdown::check_scheme(link)?;
    if let Some(target) = link.strip_prefix("@/") {
        index.content(target)
    } else if link.starts_with('/') {
        Ok(config.permalink(link))
    } else {
        Ok(link.to_string())
    }
}

/// The main menu of `site.toml`, its links resolved.
pub fn menu(config: &Config, index: &LinkIndex, problems: &mut Problems) -> Vec<MenuLink> {
    let mut menu = Vec::new();
    for (i, item) in config.menu.iter().enumerate() {
        match resolve_link(config, index, &item.url) {
            Ok(url) => {
                let internal = item.url.starts_with("@/") || item.url.starts_with('/');
                let path =
                    url.strip_prefix(&config.base_url).filter(|_| internal).map(str::to_string);
                menu.push(MenuLink { name: item.name.clone(), url, path });
            }
            Err(e) => {
                let mut d = config
                    .error_in(&["menu", &i.to_string(), "url"], format!("menu: {}", e.message));
                if let Some(help) = e.help {
                    d = d.help(help);
                }
                problems.push(d);
            }
        }
    }
    menu
}

/// `[extra]` holds what a theme wants, links to social networks among them: a string there that
/// a browser would run as code is refused as a menu address would be.
pub fn check_extra(config: &Config, problems: &mut Problems) {
    type Found = Vec<(Vec<String>, crate::markdown::LinkError)>;
    fn walk(value: &serde_json::Value, path: &mut Vec<String>, found: &mut Found) {
        let mut visit = |step: String, item: &serde_json::Value, found: &mut Found| {
            path.push(step);
            walk(item, path, found);
            path.pop();
        };
        match value {
            serde_json::Value::String(text) => {
                if let Err(e) = crate::markdown::check_scheme(text) {
                    found.push((path.clone(), e));
                }
            }
            serde_json::Value::Array(items) => {
                for (i, item) in items.iter().enumerate() {
                    visit(i.to_string(), item, found);
                }
            }
            serde_json::Value::Object(map) => {
                for (key, item) in map {
                    visit(key.clone(), item, found);
                }
            }
            _ => {}
        }
    }
    let mut found = Vec::new();
    walk(&config.extra, &mut vec!["extra".to_string()], &mut found);
    for (path, e) in found {
        let path: Vec<&str> = path.iter().map(String::as_str).collect();
        // Array indices are left out of the key shown; the excerpt points at the item.
        let key: Vec<&str> = path.iter().copied().filter(|p| p.parse::<usize>().is_err()).collect();
        let mut d = config.error_in(&path, format!("`{}`: {}", key.join("."), e.message));
        if let Some(help) = e.help {
            d = d.help(help);
        }
        problems.push(d);
    }
}
