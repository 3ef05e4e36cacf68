//! schema.org structured data (JSON-LD), the one place that writes it: the vocabulary the
//! kinds share (a page as a schema.org thing, the ward's office as publisher or organiser, a
//! place with its address) and the serialisation safe inside `<script>`. Each kind's views
//! state only their own properties (an article's headline, a lesson's level, a drill's dates).
//!
//! Properties are written in the order of their names, as they always have been (serde_json
//! writes its maps sorted unless its `preserve_order` feature is on). A [`Node`] keeps them in a
//! `BTreeMap`, so the order stays the same whichever features a dependency turns on: pages are
//! reproducible byte for byte.

use std::collections::BTreeMap;

use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::config::Config;
use crate::model::{Page, Site};

/// The vocabulary every document is written in.
const CONTEXT: &str = "https://schema.org";

/// The country of every address; the ward and city come from `[owner]` in `site.toml`.
const COUNTRY: &str = "VN";

/// A schema.org node: its `@type` and its properties, in the order of their names.
#[derive(Debug, Clone, PartialEq)]
pub struct Node(BTreeMap<&'static str, Value>);

impl Node {
    /// A node of schema.org type `kind` (`Article`, `Place`) with no properties yet.
    pub fn new(kind: &'static str) -> Node {
        Node(BTreeMap::from([("@type", Value::from(kind))]))
    }

    /// The node with property `key` set to `value` (`None` is written `null`).
    pub fn with(mut self, key: &'static str, value: impl Serialize) -> Node {
        // serde_json fails only on a map whose keys are not strings, which no caller gives;
        // such a value would be written `null` rather than stop the build.
        self.0.insert(key, serde_json::to_value(value).unwrap_or(Value::Null));
        self
    }

    /// The node with property `key` set when there is a value, left out when there is none.
    pub fn with_some(self, key: &'static str, value: Option<impl Serialize>) -> Node {
        match value {
            Some(value) => self.with(key, value),
            None => self,
        }
    }

    /// The node as a JSON-LD document (with its `@context`), safe inside a `<script>` element.
    pub fn to_script(&self) -> String {
        let mut document = self.0.clone();
        document.insert("@context", Value::from(CONTEXT));
        let json = serde_json::to_string(&document).unwrap_or_default();
        script_safe(&json)
    }
}

impl Serialize for Node {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

/// `json` with `<`, `>` and `&` written as JSON escapes, so that no value can close the
/// `<script>` it sits in (`</script>`) or open a comment there (`<!--`).
fn script_safe(json: &str) -> String {
    json.replace('<', "\\u003c").replace('>', "\\u003e").replace('&', "\\u0026")
}

/// A page of the site as a node of type `kind`: its description, language and URL. The kind
/// adds its title under the name its type gives it (`headline`, `name`).
pub fn page(kind: &'static str, site: &Site, page: &Page) -> Node {
    let description =
        page.meta.description.as_deref().unwrap_or(&page.rendered.summary_text).to_string();
    Node::new(kind)
        .with("description", description)
        .with("inLanguage", &site.config.language)
        .with("url", &page.permalink)
}

/// The name the site is published under: its author (the ward's office), or its title.
pub fn publisher_name(config: &Config) -> &str {
    if config.author.is_empty() { &config.title } else { &config.author }
}

/// A public body by its name.
pub fn organisation(name: &str) -> Node {
    Node::new("GovernmentOrganization").with("name", name)
}

/// The site's publisher: the ward's office (or the site), with the site's address.
pub fn publisher(site: &Site) -> Node {
    organisation(publisher_name(&site.config)).with("url", site.config.permalink("/"))
}

/// A place in the ward of `config` (`[owner]`'s `locality` and `region`, left out when not
/// written): its name, its street address if known, its coordinates if known (latitude,
/// longitude).
pub fn place(config: &Config, name: &str, street: Option<&str>, geo: Option<(f64, f64)>) -> Node {
    let written = |value: &str| crate::config::confirmed(value).map(str::to_string);
    let address = street.map(|street| {
        Node::new("PostalAddress")
            .with("streetAddress", street)
            .with_some("addressLocality", written(&config.owner.locality))
            .with_some("addressRegion", written(&config.owner.region))
            .with("addressCountry", COUNTRY)
    });
    let geo = geo.map(|(latitude, longitude)| {
        Node::new("GeoCoordinates").with("latitude", latitude).with("longitude", longitude)
    });
    Node::new("Place").with("name", name).with_some("address", address).with_some("geo", geo)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A configuration whose `[owner]` holds `owner` (lines of TOML).
    fn config(owner: &str) -> Config {
        let toml = format!("title = \"T\"\nbase_url = \"https://a.vn\"\n[owner]\n{owner}\n");
        let themes = ["mac-dinh".to_string()];
        crate::config::parse(std::path::Path::new("/site"), toml.into(), &themes).unwrap()
    }

    #[test]
    fn properties_are_written_in_the_order_of_their_names_nested_ones_too() {
        let config = config("locality = \"Phường Khương Đình\"\nregion = \"Hà Nội\"");
        let node = Node::new("Event")
            .with("url", "https://a.example/")
            .with("location", place(&config, "Nhà văn hoá", Some("ngõ 102"), Some((20.99, 105.8))))
            .with("description", None::<&str>)
            .with_some("endDate", None::<String>);
        assert_eq!(
            node.to_script(),
            r#"{"@context":"https://schema.org","@type":"Event","description":null,"location":{"@type":"Place","address":{"@type":"PostalAddress","addressCountry":"VN","addressLocality":"Phường Khương Đình","addressRegion":"Hà Nội","streetAddress":"ngõ 102"},"geo":{"@type":"GeoCoordinates","latitude":20.99,"longitude":105.8},"name":"Nhà văn hoá"},"url":"https://a.example/"}"#
        );
    }

    #[test]
    fn the_ward_of_an_address_comes_from_site_toml_and_is_left_out_until_known() {
        let node = place(&config("region = \"CHƯA CÓ\""), "Sân", Some("ngõ 1"), None);
        assert_eq!(
            node.to_script(),
            r#"{"@context":"https://schema.org","@type":"Place","address":{"@type":"PostalAddress","addressCountry":"VN","streetAddress":"ngõ 1"},"name":"Sân"}"#
        );
    }

    #[test]
    fn no_value_can_close_the_script_element() {
        let node = Node::new("Article").with("headline", "</script><!-- & -->");
        let script = node.to_script();
        assert!(!script.contains('<') && !script.contains('>') && !script.contains('&'));
        assert!(script.contains(r#""headline":"\u003c/script\u003e\u003c!-- \u0026 --\u003e""#));
        let back: Value = serde_json::from_str(&script).unwrap();
        assert_eq!(back["headline"], "</script><!-- & -->");
    }

    #[test]
    fn a_place_without_address_or_coordinates_has_only_its_name() {
        assert_eq!(
            serde_json::to_string(&place(&config(""), "Chợ", None, None)).unwrap(),
            r#"{"@type":"Place","name":"Chợ"}"#
        );
    }
}
