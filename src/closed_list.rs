//! Closed lists: fields whose value is one of a fixed set, such as a drill's kind, a lesson's
//! level or a violation's category. One facility for every content type, so that a wrong value
//! is refused in the same words everywhere, with the caret on the value as written, the allowed
//! values with their Vietnamese labels, and what the editor most likely meant.
//!
//! A list is declared with [`closed_list!`]: each value has the name written in front matter
//! and data files (`thcs`), the label readers see ("trung học cơ sở"), and other ways editors
//! say it (aliases: "cấp 2", "THCS"). YAML takes a value by its name only, so that every file
//! of a site writes it the same way; a label or alias written there is refused with the name to
//! write instead. A spreadsheet cell takes the name, the label or an alias, in any case, with or
//! without diacritics: the office types labels ([`read_cell`]).
//!
//! A leaf of the model: it knows no content type.

use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, Deserializer, Visitor};

/// A closed list of values; declare one with [`closed_list!`].
pub trait Closed: Copy + PartialEq + Sized + 'static {
    /// What the field is called in messages ("cấp học", "loại diễn tập").
    const WHAT: &'static str;
    /// Every value, in the order editors see them listed.
    const ALL: &'static [Self];
    /// The name written in front matter and data files (`thcs`).
    fn name(self) -> &'static str;
    /// The Vietnamese label readers see ("trung học cơ sở").
    fn label(self) -> &'static str;
    /// Other ways editors say this value ("cấp 2"), compared as [`read_cell`] compares.
    fn aliases(self) -> &'static [&'static str];
}

/// Declares a closed list: an enum, its [`Closed`] implementation, and serde's reading and
/// writing of it by name. Each value is `Variant = "name", "label";`, with its aliases after
/// the label when it has some: `Thcs = "thcs", "trung học cơ sở", ["cấp 2"];`.
macro_rules! closed_list {
    (
        $(#[$doc:meta])* $vis:vis enum $name:ident, $what:literal {
            $(
                $(#[$vdoc:meta])* $variant:ident = $value:literal, $label:literal
                $(, [$($alias:literal),* $(,)?])? ;
            )+
        }
    ) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
        $vis enum $name {
            $($(#[$vdoc])* $variant,)+
        }

        impl $name {
            /// Every value, in the order editors see them listed.
            pub const ALL: &'static [$name] = &[$($name::$variant,)+];

            /// The name written in front matter and data files.
            pub fn name(self) -> &'static str {
                match self { $($name::$variant => $value,)+ }
            }

            /// The Vietnamese label readers see.
            pub fn label(self) -> &'static str {
                match self { $($name::$variant => $label,)+ }
            }
        }

        impl $crate::closed_list::Closed for $name {
            const WHAT: &'static str = $what;
            const ALL: &'static [$name] = $name::ALL;
            fn name(self) -> &'static str {
                $name::name(self)
            }
            fn label(self) -> &'static str {
                $name::label(self)
            }
            fn aliases(self) -> &'static [&'static str] {
                match self { $($name::$variant => &[$($($alias),*)?],)+ }
            }
        }

        impl<'de> ::serde::Deserialize<'de> for $name {
            fn deserialize<D: ::serde::Deserializer<'de>>(d: D) -> Result<$name, D::Error> {
                $crate::closed_list::deserialize(d)
            }
        }

        impl ::serde::Serialize for $name {
            fn serialize<S: ::serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.name())
            }
        }
    };
}
pub(crate) use closed_list;

/// The value named `written` (spaces around it aside): how front matter and data files say it.
pub fn parse<T: Closed>(written: &str) -> Option<T> {
    let written = written.trim();
    T::ALL.iter().copied().find(|v| v.name() == written)
}

/// The value a spreadsheet cell names: its name, its label or an alias, whatever the case,
/// the diacritics and the joining of words (`Cá nhân`, `ca nhan`, `CA_NHAN`).
pub fn read_cell<T: Closed>(written: &str) -> Option<T> {
    let written = key(written);
    T::ALL.iter().copied().find(|&v| forms(v).any(|form| key(form) == written))
}

/// What an editor most likely meant by `written`: the value it names in other words (its
/// label or an alias, as a cell would read it), else the value whose name or label is closest
/// (a misspelling), else none.
pub fn meant<T: Closed>(written: &str) -> Option<T> {
    if let Some(value) = read_cell(written) {
        return Some(value);
    }
    let names = T::ALL.iter().map(|v| v.name());
    let labels = T::ALL.iter().map(|v| v.label());
    let close = crate::explain::suggest(written, names.chain(labels))?;
    T::ALL.iter().copied().find(|v| v.name() == close || v.label() == close)
}

/// Every value as `name (label)`, in order, for messages.
pub fn allowed<T: Closed>() -> String {
    T::ALL.iter().map(|v| format!("{} ({})", v.name(), v.label())).collect::<Vec<_>>().join(", ")
}

/// Where a value is written, which decides how a suggestion is spelt.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WrittenIn {
    /// Front matter or a YAML data file: the name.
    Yaml,
    /// A spreadsheet cell: the label, as the office types it.
    Cell,
}

/// Why `written` is refused, and what to write instead: the message and the help.
pub fn not_in_list<T: Closed>(written: &str, place: WrittenIn) -> (String, String) {
    let written = written.trim();
    if written.is_empty() {
        return (
            format!("chưa ghi {}", T::WHAT),
            format!("ghi một trong các giá trị cho phép: {}", allowed::<T>()),
        );
    }
    let help = match (meant::<T>(written), place) {
        (Some(v), WrittenIn::Yaml) => {
            format!("có phải bạn muốn viết `{}`? Các giá trị cho phép: ", v.name())
        }
        (Some(v), WrittenIn::Cell) => {
            format!("có phải bạn muốn viết “{}”? Các giá trị cho phép: ", v.label())
        }
        (None, _) => "các giá trị cho phép: ".to_string(),
    };
    (
        format!("{} `{written}` không có trong danh sách cho phép", T::WHAT),
        format!("{help}{}", allowed::<T>()),
    )
}

/// Reads a value of `T` by its name, for `T`'s `Deserialize`. A wrong value is refused while
/// the YAML reader still holds its place, so the error is marked on the value as written; the
/// message is [`not_in_list`]'s, with its help after a line break, as [`crate::explain`]
/// expects of our own messages.
pub fn deserialize<'de, T: Closed, D: Deserializer<'de>>(d: D) -> Result<T, D::Error> {
    d.deserialize_str(Names(PhantomData))
}

/// serde's visitor for [`deserialize`].
struct Names<T>(PhantomData<T>);

impl<T: Closed> Names<T> {
    fn read<E: de::Error>(written: &str) -> Result<T, E> {
        parse(written).ok_or_else(|| {
            let (message, help) = not_in_list::<T>(written, WrittenIn::Yaml);
            E::custom(format!("{message}\n{help}"))
        })
    }
}

impl<T: Closed> Visitor<'_> for Names<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        // Worded for crate::explain, which says "một trong các giá trị cho phép".
        f.write_str("a variant name")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<T, E> {
        Self::read(v)
    }

    // A number or a boolean where a name is expected (`level: 2`, from a parsed value) is a
    // value not in the list, said as such.
    fn visit_u64<E: de::Error>(self, v: u64) -> Result<T, E> {
        Self::read(&v.to_string())
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<T, E> {
        Self::read(&v.to_string())
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<T, E> {
        Self::read(&v.to_string())
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<T, E> {
        Self::read(&v.to_string())
    }

    fn visit_unit<E: de::Error>(self) -> Result<T, E> {
        Self::read("")
    }
}

/// Every way `value` may be written in a cell.
fn forms<T: Closed>(value: T) -> impl Iterator<Item = &'static str> {
    [value.name(), value.label()].into_iter().chain(value.aliases().iter().copied())
}

/// `text` as cells are compared: folded (no diacritics, lowercase), words joined by one space
/// whether written with spaces, `_` or `-`.
fn key(text: &str) -> String {
    let folded = crate::text::fold(text).replace(['_', '-'], " ");
    folded.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The forms that two values of `T` share, which would make a cell ambiguous: a test of every
/// list asks that there be none.
#[cfg(test)]
pub fn clashes<T: Closed>() -> Vec<String> {
    let mut clashes = Vec::new();
    for (i, &a) in T::ALL.iter().enumerate() {
        for &b in &T::ALL[i + 1..] {
            for form in forms(a).filter(|fa| forms(b).any(|fb| key(fb) == key(fa))) {
                clashes.push(format!("`{}` and `{}` both read “{form}”", a.name(), b.name()));
            }
        }
    }
    clashes
}

#[cfg(test)]
mod tests {
    use super::*;

    closed_list! {
        /// A list to test with.
        enum Level, "cấp học" {
            /// Kindergarten.
            MamNon = "mam_non", "mầm non", ["mẫu giáo"];
            /// Lower secondary.
            Thcs = "thcs", "trung học cơ sở", ["cấp 2"];
            /// Upper secondary.
            Thpt = "thpt", "trung học phổ thông";
        }
    }

    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Lesson {
        level: Level,
        #[serde(default)]
        levels: Vec<Level>,
    }

    #[test]
    fn yaml_names_a_value_by_its_name_only() {
        assert_eq!(parse::<Level>("thcs"), Some(Level::Thcs));
        assert_eq!(parse::<Level>(" mam_non "), Some(Level::MamNon));
        assert_eq!(parse::<Level>("THCS"), None);
        assert_eq!(parse::<Level>("trung học cơ sở"), None);
    }

    #[test]
    fn a_cell_names_it_by_name_label_or_alias_in_any_case_and_spelling() {
        for written in ["thcs", "THCS", "Trung học cơ sở", "trung hoc co so", "Cấp 2", "cap-2"]
        {
            assert_eq!(read_cell::<Level>(written), Some(Level::Thcs), "{written}");
        }
        assert_eq!(read_cell::<Level>("MAM NON"), Some(Level::MamNon));
        assert_eq!(read_cell::<Level>("đại học"), None);
        assert_eq!(read_cell::<Level>(""), None);
    }

    #[test]
    fn one_wording_with_every_allowed_value_and_what_was_meant() {
        let allowed = "mam_non (mầm non), thcs (trung học cơ sở), thpt (trung học phổ thông)";
        assert_eq!(
            not_in_list::<Level>(" dai_hoc ", WrittenIn::Yaml),
            (
                "cấp học `dai_hoc` không có trong danh sách cho phép".to_string(),
                format!("các giá trị cho phép: {allowed}")
            )
        );
        for (written, name) in
            [("Cấp 2", "thcs"), ("THCS", "thcs"), ("mẫu giáo", "mam_non"), ("thpt_", "thpt")]
        {
            let (_, help) = not_in_list::<Level>(written, WrittenIn::Yaml);
            assert_eq!(
                help,
                format!("có phải bạn muốn viết `{name}`? Các giá trị cho phép: {allowed}")
            );
        }
        let (message, help) = not_in_list::<Level>("trung học cs", WrittenIn::Cell);
        assert_eq!(message, "cấp học `trung học cs` không có trong danh sách cho phép");
        assert_eq!(
            help,
            format!("có phải bạn muốn viết “trung học cơ sở”? Các giá trị cho phép: {allowed}")
        );
        let (message, help) = not_in_list::<Level>("", WrittenIn::Cell);
        assert_eq!(message, "chưa ghi cấp học");
        assert_eq!(help, format!("ghi một trong các giá trị cho phép: {allowed}"));
    }

    /// The error serde's YAML reader gives for `yaml`, and its 1-based line and column.
    fn refused(yaml: &str) -> (String, Option<(usize, usize)>) {
        let e = serde_yaml::from_str::<Lesson>(yaml).unwrap_err();
        let at = e.location().map(|l| (l.line(), l.column()));
        let message = e.to_string();
        let message = message.split(" at line ").next().unwrap_or("").to_string();
        (message, at)
    }

    #[test]
    fn yaml_refuses_a_wrong_value_at_the_value() {
        let (message, at) = refused("levels: []\nlevel: cap_2\n");
        assert_eq!(at, Some((2, 8)));
        assert!(message.starts_with("level: cấp học `cap_2` không có trong danh sách cho phép\ncó phải bạn muốn viết `thcs`?"), "{message}");
        let (message, at) = refused("level: thcs\nlevels: [thpt, \"đại học\"]\n");
        assert_eq!(at, Some((2, 16)));
        assert!(message.starts_with("levels[1]: cấp học `đại học` không"), "{message}");
        let (message, at) = refused("level: 2\n");
        assert_eq!(at, Some((1, 8)));
        assert!(message.starts_with("level: cấp học `2` không"), "{message}");
        let (message, _) = refused("level:\n");
        assert!(message.starts_with("level: chưa ghi cấp học\n"), "{message}");
        let (message, _) = refused("level: [thcs]\n");
        assert!(message.contains("expected a variant name"), "{message}");
        let ok: Lesson = serde_yaml::from_str("level: \" thcs \"\nlevels: [mam_non]\n").unwrap();
        assert_eq!((ok.level, ok.levels), (Level::Thcs, vec![Level::MamNon]));
        assert_eq!(serde_yaml::to_string(&Level::MamNon).unwrap().trim(), "mam_non");
    }

    #[test]
    fn no_two_values_of_a_list_read_the_same() {
        assert_eq!(clashes::<Level>(), Vec::<String>::new());
        closed_list! {
            enum Clashing, "x" {
                A = "da_khac_phuc", "Đã khắc phục";
                B = "khac", "Đã khắc phục";
            }
        }
        assert_eq!(
            clashes::<Clashing>(),
            [
                "`da_khac_phuc` and `khac` both read “da_khac_phuc”",
                "`da_khac_phuc` and `khac` both read “Đã khắc phục”"
            ]
        );
    }
}
