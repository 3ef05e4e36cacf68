//! Where a field of a YAML text is written: its key and its value, found by dotted path
//! (`location.geo.lat`, `quiz.2.answer`, or serde's `forces[0].type`).
//!
//! serde's YAML reader gives a position only with its own errors. A check that runs after
//! reading (a drill's end before its start, a quiz answer that names no choice, a record's
//! missing legal basis) must find the field again to mark it. Here the text is parsed once
//! more, by an event parser that reports where each node starts and ends, so the place found
//! is the one the YAML reader read: nested groups, lists, flow style (`{lat: 21, lng: 105}`,
//! `[a, b]`), quoted keys, comments and values over several lines all come out right, and
//! only the YAML text given is searched (a page's front matter, never its body).
//!
//! The parse runs only when a message needs a position, so a build without mistakes never
//! pays for it. This module is the only one that knows `saphyr_parser`.

use std::ops::Range;

use saphyr_parser::{Event, Parser, Span};

/// Where one node of a YAML text is written, in bytes of that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located {
    /// The key, without its quotes. A list's item has no key: this is the item itself.
    pub key: Range<usize>,
    /// The value as written, quotes included; empty when nothing is written (`key:`).
    pub value: Range<usize>,
}

impl Located {
    /// These spans moved `by` bytes further, from a front matter's text to its file's.
    pub fn shifted(self, by: usize) -> Located {
        Located {
            key: self.key.start + by..self.key.end + by,
            value: self.value.start + by..self.value.end + by,
        }
    }

    /// The value, or the key when no value is written.
    pub fn value_or_key(&self) -> Range<usize> {
        if self.value.is_empty() { self.key.clone() } else { self.value.clone() }
    }
}

/// Deepest nesting followed: deeper nodes are passed over, not located (serde's reader refuses
/// such text before any check could ask, and the bound keeps the walk's recursion small).
const MAX_DEPTH: usize = 64;

/// Every node of a YAML text, by dotted path.
#[derive(Debug, Default)]
pub struct Positions {
    /// Path (`quiz.2.answer`) and place, in the order the nodes end.
    nodes: Vec<(String, Located)>,
}

impl Positions {
    /// Parses `yaml` (its first document). Text the parser cannot read to its end keeps the
    /// nodes read before the mistake.
    pub fn of(yaml: &str) -> Positions {
        let mut events = Vec::new();
        for item in Parser::new_from_str(yaml) {
            match item {
                Ok((Event::DocumentEnd | Event::StreamEnd, _)) | Err(_) => break,
                Ok((Event::StreamStart | Event::DocumentStart(_) | Event::Nothing, _)) => {}
                Ok(event) => events.push(event),
            }
        }
        let bytes = Bytes::new(yaml);
        let mut walk = Walk { text: yaml, events, next: 0, bytes, nodes: Vec::new() };
        walk.node("", 0);
        Positions { nodes: walk.nodes }
    }

    /// The node at `path`, dotted (`quiz.2.answer`) or as serde writes it (`quiz[2].answer`).
    pub fn get(&self, path: &str) -> Option<&Located> {
        let path = normalise(path);
        self.nodes.iter().find(|(p, _)| *p == path).map(|(_, at)| at)
    }

    /// Every node, children before their parent.
    pub fn iter(&self) -> impl Iterator<Item = &Located> {
        self.nodes.iter().map(|(_, at)| at)
    }

    /// The node at `path` or, when it is not written, at the nearest of its parents that is;
    /// `None` when not even the first part of the path is written.
    pub fn nearest(&self, path: &str) -> Option<&Located> {
        let mut path = normalise(path);
        loop {
            if let Some((_, at)) = self.nodes.iter().find(|(p, _)| *p == path) {
                return Some(at);
            }
            path.truncate(path.rfind('.')?);
        }
    }
}

/// `quiz[2].answer` -> `quiz.2.answer`.
fn normalise(path: &str) -> String {
    path.replace('[', ".").replace(']', "").trim_start_matches('.').to_string()
}

/// The parser's character positions as byte offsets.
enum Bytes {
    /// ASCII text: the same numbers.
    Same,
    /// The byte offset of each character, and the text's length after the last.
    Table(Vec<usize>),
}

impl Bytes {
    fn new(text: &str) -> Bytes {
        if text.is_ascii() {
            return Bytes::Same;
        }
        Bytes::Table(text.char_indices().map(|(i, _)| i).chain([text.len()]).collect())
    }

    fn at(&self, chars: usize) -> usize {
        match self {
            Bytes::Same => chars,
            Bytes::Table(table) => table.get(chars).or(table.last()).copied().unwrap_or(0),
        }
    }

    fn span(&self, span: Span) -> Range<usize> {
        self.at(span.start.index())..self.at(span.end.index())
    }
}

/// A walk over the events of one document, recording each node's path and place.
struct Walk<'a> {
    text: &'a str,
    events: Vec<(Event<'a>, Span)>,
    next: usize,
    bytes: Bytes,
    nodes: Vec<(String, Located)>,
}

impl Walk<'_> {
    /// Reads the node starting at the next event, recording it and its children under
    /// `path`; returns where it is written. `None` when the events end first.
    fn node(&mut self, path: &str, depth: usize) -> Option<Range<usize>> {
        let (event, span) = self.events.get(self.next)?;
        let start = self.bytes.span(*span);
        self.next += 1;
        match event {
            Event::SequenceStart(..) | Event::MappingStart(..) if depth >= MAX_DEPTH => {
                self.skip(start)
            }
            Event::SequenceStart(..) => self.sequence(path, start, depth),
            Event::MappingStart(..) => self.mapping(path, start, depth),
            // A block scalar's event runs to the next line; the value ends with its text.
            _ => {
                let written = self.text.get(start.clone()).unwrap_or("");
                Some(start.start..start.start + written.trim_end().len())
            }
        }
    }

    /// Passes over the rest of a list or group nested too deep to be recorded.
    fn skip(&mut self, start: Range<usize>) -> Option<Range<usize>> {
        let mut open = 1;
        loop {
            let (event, span) = self.events.get(self.next)?;
            self.next += 1;
            match event {
                Event::SequenceStart(..) | Event::MappingStart(..) => open += 1,
                Event::SequenceEnd | Event::MappingEnd if open == 1 => {
                    return Some(start.start..self.bytes.span(*span).end);
                }
                Event::SequenceEnd | Event::MappingEnd => open -= 1,
                _ => {}
            }
        }
    }

    /// A list's items, each recorded at `path.index`.
    fn sequence(&mut self, path: &str, start: Range<usize>, depth: usize) -> Option<Range<usize>> {
        let mut end = start.end;
        for index in 0.. {
            if let (Event::SequenceEnd, span) = self.events.get(self.next)? {
                let close = self.bytes.span(*span);
                self.next += 1;
                return Some(start.start..self.end(start.start, end, close));
            }
            let item = join(path, &index.to_string());
            let at = self.node(&item, depth + 1)?;
            end = end.max(at.end);
            self.nodes.push((item, Located { key: at.clone(), value: at }));
        }
        None
    }

    /// A group's fields, each recorded at `path.key`.
    fn mapping(&mut self, path: &str, start: Range<usize>, depth: usize) -> Option<Range<usize>> {
        let mut end = start.end;
        loop {
            let (event, span) = self.events.get(self.next)?;
            if let Event::MappingEnd = event {
                let close = self.bytes.span(*span);
                self.next += 1;
                return Some(start.start..self.end(start.start, end, close));
            }
            // A key that is itself a list or a group (`? [a, b]: c`) names no field.
            let name = match event {
                Event::Scalar(name, ..) => name.to_string(),
                _ => "\0".to_string(),
            };
            let key = self.node(&join(path, "\0"), depth + 1)?;
            let field = join(path, &name);
            let value = self.node(&field, depth + 1)?;
            end = end.max(key.end).max(value.end);
            let key = unquoted(self.text, key);
            self.nodes.push((field, Located { key, value }));
        }
    }

    /// Where a list or group that starts at `start` and whose last item ends at `last` ends:
    /// at its closing bracket `close` in flow style (`[a, b]`); else at its last item, since a
    /// block's end event lies past blank lines and comments that do not belong to it.
    fn end(&self, start: usize, last: usize, close: Range<usize>) -> usize {
        let flow = self.text.get(start..).is_some_and(|rest| rest.starts_with(['[', '{']));
        if flow { close.end.max(last) } else { last }
    }
}

/// `key` without the quotes it is written in, if any, within `text`.
fn unquoted(text: &str, key: Range<usize>) -> Range<usize> {
    let written = text.get(key.clone()).unwrap_or("");
    for quote in ['"', '\''] {
        if written.len() >= 2 && written.starts_with(quote) && written.ends_with(quote) {
            return key.start + 1..key.end - 1;
        }
    }
    key
}

/// `path.part`, or `part` at the top.
fn join(path: &str, part: &str) -> String {
    if path.is_empty() { part.to_string() } else { format!("{path}.{part}") }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The key and value of `path` in `yaml`, as written.
    fn find<'a>(yaml: &'a str, path: &str) -> Option<(&'a str, &'a str)> {
        let at = Positions::of(yaml).get(path)?.clone();
        Some((&yaml[at.key], &yaml[at.value]))
    }

    fn line(yaml: &str, path: &str) -> usize {
        let at = Positions::of(yaml).get(path).unwrap().clone();
        yaml[..at.key.start].matches('\n').count() + 1
    }

    #[test]
    fn nested_groups() {
        let yaml =
            "location:\n  name: Nhà văn hoá\n  geo:\n    lat: 21.0\n    lng: 105.8\nname: B\n";
        assert_eq!(find(yaml, "location.geo.lat"), Some(("lat", "21.0")));
        assert_eq!(find(yaml, "location.geo.lng"), Some(("lng", "105.8")));
        assert_eq!(find(yaml, "location.name"), Some(("name", "Nhà văn hoá")));
        // A nested key is not a top-level one, nor the other way round.
        assert_eq!(find(yaml, "name"), Some(("name", "B")));
        assert_eq!(line(yaml, "name"), 6);
        assert_eq!(find(yaml, "geo"), None);
        assert_eq!(find(yaml, "location.geo"), Some(("geo", "lat: 21.0\n    lng: 105.8")));
    }

    #[test]
    fn lists_by_index_dotted_or_as_serde_writes_them() {
        let yaml = "quiz:\n  - question: Một?\n    answer: B\n  - question: Hai?\n    \
                    choices:\n      - A\n      - B\n    answer: D\n";
        assert_eq!(find(yaml, "quiz.1.answer"), Some(("answer", "D")));
        assert_eq!(find(yaml, "quiz[1].answer"), Some(("answer", "D")));
        assert_eq!(line(yaml, "quiz.1.answer"), 8);
        assert_eq!(find(yaml, "quiz.1.choices.1"), Some(("B", "B")));
        assert_eq!(find(yaml, "quiz.0.answer"), Some(("answer", "B")));
        assert_eq!(find(yaml, "quiz.2"), None);
    }

    #[test]
    fn flow_style() {
        let yaml = "tags: [a, \"b, c\"]\nforces:\n  - {unit: \"Đội 5\", type: dan_phong}\n  \
                    - {unit: B, type: y}\ngeo: {lat: 21.0, lng: 105.8}\n";
        assert_eq!(find(yaml, "tags"), Some(("tags", "[a, \"b, c\"]")));
        assert_eq!(find(yaml, "tags.1"), Some(("\"b, c\"", "\"b, c\"")));
        assert_eq!(find(yaml, "forces.0.type"), Some(("type", "dan_phong")));
        assert_eq!(find(yaml, "forces.1.type"), Some(("type", "y")));
        assert_eq!(
            find(yaml, "forces.0"),
            Some(("{unit: \"Đội 5\", type: dan_phong}", "{unit: \"Đội 5\", type: dan_phong}"))
        );
        assert_eq!(find(yaml, "geo.lng"), Some(("lng", "105.8")));
    }

    #[test]
    fn quoted_keys_are_found_without_their_quotes() {
        let yaml = "\"dat\": 1\n'ngay': \"2026-01-01\"\n? tags\n: [a]\n";
        assert_eq!(find(yaml, "dat"), Some(("dat", "1")));
        assert_eq!(find(yaml, "ngay"), Some(("ngay", "\"2026-01-01\"")));
        assert_eq!(find(yaml, "tags"), Some(("tags", "[a]")));
    }

    #[test]
    fn comments_are_not_part_of_values() {
        let yaml = "# đầu tệp: title: X\ntitle: A # title: B\ntags:\n  # - c\n  - a\n\n# cuối\n";
        assert_eq!(find(yaml, "title"), Some(("title", "A")));
        assert_eq!(line(yaml, "title"), 2);
        assert_eq!(find(yaml, "tags"), Some(("tags", "- a")));
        assert_eq!(find(yaml, "tags.0"), Some(("a", "a")));
    }

    #[test]
    fn values_over_several_lines() {
        let yaml = "description: >\n  một\n  hai\nplain: ba\n  bốn\nliteral: |\n  năm\ntitle: B\n";
        assert_eq!(find(yaml, "description"), Some(("description", "một\n  hai")));
        assert_eq!(find(yaml, "plain"), Some(("plain", "ba\n  bốn")));
        assert_eq!(find(yaml, "literal"), Some(("literal", "năm")));
        assert_eq!(line(yaml, "title"), 8);
    }

    #[test]
    fn a_key_written_inside_a_value_is_not_a_key() {
        let yaml = "description: \"xem template: x\"\nnote: |\n  template: y\ntemplate: z\n";
        assert_eq!(find(yaml, "template"), Some(("template", "z")));
        assert_eq!(line(yaml, "template"), 4);
    }

    #[test]
    fn an_empty_value_is_empty() {
        let yaml = "a:\nb: 1\n";
        let at = Positions::of(yaml).get("a").unwrap().clone();
        assert_eq!(&yaml[at.key.clone()], "a");
        assert!(at.value.is_empty());
        assert_eq!(at.value_or_key(), at.key);
    }

    #[test]
    fn the_nearest_written_parent() {
        let yaml = "id: a\npublication:\n  since: 2026-02-05\n";
        let positions = Positions::of(yaml);
        let at = positions.nearest("publication.legal_basis").unwrap();
        assert_eq!(&yaml[at.key.clone()], "publication");
        let at = positions.nearest("publication.since").unwrap();
        assert_eq!(&yaml[at.key.clone()], "since");
        assert_eq!(positions.nearest("decision.date"), None);
    }

    #[test]
    fn text_that_is_not_yaml_to_its_end_keeps_what_came_before() {
        let yaml = "title: A\ndate: 2026-01-01\ntags: [a, b\n";
        assert_eq!(find(yaml, "title"), Some(("title", "A")));
        assert_eq!(find(yaml, "date"), Some(("date", "2026-01-01")));
        assert_eq!(Positions::of("").get("title"), None);
        assert_eq!(Positions::of(": : :\n\t- [").get("a"), None);
    }

    #[test]
    fn only_the_first_document_is_read() {
        let yaml = "title: A\n---\ntitle: B\n";
        assert_eq!(Positions::of(yaml).get("title").map(|at| at.key.start), Some(0));
    }

    #[test]
    fn deep_nesting_stops_the_walk_without_failing() {
        let yaml = format!("b: 1\na: {}{}\n", "[".repeat(200), "]".repeat(200));
        let positions = Positions::of(&yaml);
        assert!(positions.get("b").is_some());
        assert!(positions.get("a.0").is_some());
        assert!(positions.get(&format!("a{}", ".0".repeat(100))).is_none());
        let yaml = format!("a: {}{}\nb: 1\n", "{x: ".repeat(200), "}".repeat(200));
        assert!(Positions::of(&yaml).get("b").is_some(), "what follows is still read");
    }
}
