//! Reading a front matter (or a data file) field by field after it failed as a whole, so one
//! build reports every mistake: serde stops at the first error of a struct, which hid
//! `draft: có` behind a bad date until the date was fixed.
//!
//! Each top-level field is read alone (the other lines emptied, so lines and columns stay
//! those of the file), then, for a field that fails, each of its items alone. A field's
//! absence caused by reading it alone, or a syntax error caused by cutting the text, is not
//! reported; a required field that is really not written is.

use std::ops::Range;

use serde::de::DeserializeOwned;

use super::{Split, bare_message, deserialize, location, read, yaml_error};
use crate::diagnostic::Diagnostic;
use crate::explain;
use crate::load::SourceFile;

/// Reads the front matter into `T`, reporting the problem of every field at once: each
/// top-level field is read again alone, so a bad date does not hide a bad `draft` below it.
pub fn deserialize_all<T: DeserializeOwned>(
    file: &SourceFile,
    split: &Split<'_>,
) -> Result<T, Vec<Diagnostic>> {
    let first = match deserialize::<T>(file, split) {
        Ok(value) => return Ok(value),
        Err(first) => first,
    };
    let entries = top_level_entries(split.front);
    // Text that is not YAML at all cannot be read field by field.
    if entries.is_empty() || serde_yaml::from_str::<serde_yaml::Value>(split.front).is_err() {
        return Err(vec![first]);
    }
    let mut problems: Vec<Diagnostic> = Vec::new();
    let mut good = Vec::new();
    for entry in &entries {
        match read::<T>(&keep_lines(split.front, std::slice::from_ref(entry))) {
            Err(e) if is_field_error(&e) => {
                problems.extend(entry_problems::<T>(file, split, entry, &e));
            }
            _ => good.push(entry.clone()),
        }
    }
    // A required field that is not written shows only once every written field reads well.
    if let Err(e) = read::<T>(&keep_lines(split.front, &good))
        && let Some((None, name)) = explain::missing_field(&bare_message(&e))
        && !entries.iter().any(|entry| entry_key(split.front, entry) == Some(name))
    {
        problems.push(yaml_error(file, split, &bare_message(&e), location(&e)));
    }
    if problems.is_empty() {
        problems.push(first);
    }
    Err(problems)
}

/// The problems of one top-level entry whose reading alone failed with `e`: each of its items
/// (a list's entries, a group's fields) is read alone in turn, with the entry's first line, so
/// two mistakes inside `facility:` show together; `e` itself when that finds nothing else.
fn entry_problems<T: DeserializeOwned>(
    file: &SourceFile,
    split: &Split<'_>,
    entry: &Range<usize>,
    e: &serde_yaml::Error,
) -> Vec<Diagnostic> {
    let whole = yaml_error(file, split, &bare_message(e), location(e));
    let children = children(split.front, entry);
    let (Some(key), true) = (entry_key(split.front, entry), children.len() > 1) else {
        return vec![whole];
    };
    let head_end = split.front[entry.clone()].find('\n').map_or(entry.end, |i| entry.start + i + 1);
    let head = entry.start..head_end;
    let mut found: Vec<Diagnostic> = Vec::new();
    let mut item = 0;
    for (child, is_item) in &children {
        if let Err(e) = read::<T>(&keep_lines(split.front, &[head.clone(), child.clone()])) {
            let bare = bare_message(&e);
            // Reading one field of a group alone leaves the group's other fields missing.
            let artifact = explain::yaml_syntax(&bare).is_some()
                || matches!(explain::missing_field(&bare), Some((None, _)))
                || matches!(explain::missing_field(&bare), Some((Some(path), _)) if path == key);
            if !artifact {
                // A list's item read alone is its first: give it back its place in the list.
                let bare = match bare.strip_prefix(&format!("{key}[0]")) {
                    Some(rest) if *is_item => format!("{key}[{item}]{rest}"),
                    _ => bare,
                };
                let d = yaml_error(file, split, &bare, location(&e));
                if !found.iter().any(|f| f.message == d.message && f.line_col() == d.line_col()) {
                    found.push(d);
                }
            }
        }
        item += usize::from(*is_item);
    }
    if found.is_empty() {
        found.push(whole);
    }
    found
}

/// The items of a top-level entry: the lines below its key, grouped at the shallowest
/// indentation (a list's `- ` entries, a group's fields), each marked whether it is a list's
/// entry.
fn children(front: &str, entry: &Range<usize>) -> Vec<(Range<usize>, bool)> {
    let text = &front[entry.clone()];
    let mut lines = Vec::new();
    let mut offset = entry.start;
    for line in text.split_inclusive('\n') {
        lines.push((offset, line));
        offset += line.len();
    }
    let content = |line: &str| !line.trim().is_empty() && !line.trim_start().starts_with('#');
    let indent = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let Some(depth) =
        lines.iter().skip(1).filter(|(_, l)| content(l)).map(|(_, l)| indent(l)).min()
    else {
        return Vec::new();
    };
    let mut children: Vec<(Range<usize>, bool)> = Vec::new();
    for &(start, line) in lines.iter().skip(1) {
        let end = start + line.len();
        let starts_child = content(line) && indent(line) == depth;
        match children.last_mut() {
            Some(last) if !starts_child => last.0.end = end,
            _ if starts_child => children.push((start..end, line[depth..].starts_with("- "))),
            _ => {}
        }
    }
    children
}

/// Whether an error of a field read alone is the field's own, not an effect of reading it
/// alone (the other fields missing) nor of cutting the text (a syntax error).
fn is_field_error(e: &serde_yaml::Error) -> bool {
    let bare = bare_message(e);
    explain::yaml_syntax(&bare).is_none()
        && !matches!(explain::missing_field(&bare), Some((None, _)))
}

/// The byte ranges of `front`'s top-level entries: a key's line and the lines below it up to
/// the next key written at the start of a line.
fn top_level_entries(front: &str) -> Vec<Range<usize>> {
    let mut entries: Vec<Range<usize>> = Vec::new();
    let mut offset = 0;
    for line in front.split_inclusive('\n') {
        let starts_key = line.starts_with(|c: char| !c.is_whitespace() && !"#-]}".contains(c));
        match entries.last_mut() {
            Some(last) if !starts_key => last.end = offset + line.len(),
            _ if starts_key => entries.push(offset..offset + line.len()),
            _ => {}
        }
        offset += line.len();
    }
    entries
}

/// The key a top-level entry starts with.
fn entry_key<'a>(front: &'a str, entry: &Range<usize>) -> Option<&'a str> {
    let (key, _) = front[entry.clone()].split_once(':')?;
    Some(key.trim().trim_matches(['"', '\'']))
}

/// `front` with only the lines of `keep`; the others are emptied, so every kept line keeps
/// its number and each character its column.
fn keep_lines(front: &str, keep: &[Range<usize>]) -> String {
    let mut out = String::with_capacity(front.len());
    let mut offset = 0;
    for line in front.split_inclusive('\n') {
        if keep.iter().any(|r| r.contains(&offset)) {
            out.push_str(line);
        } else if line.ends_with('\n') {
            out.push('\n');
        }
        offset += line.len();
    }
    out
}
