//! What a content type tells the model: how to read its pages' front matter or its data files,
//! and how to check them.
//!
//! The model knows content types only through these traits: each type implements them in its
//! module of `crate::kinds`, and the registry there hands the list to the model
//! ([`Types`]). What a type shows (its pages' values, its extra outputs, its search documents)
//! is on the view side, in `crate::kinds::kind`. See ARCHITECTURE.md.

use std::any::Any;
use std::fmt;
use std::sync::Arc;

use jiff::civil::Date;

use crate::config::Config;
use crate::diagnostic::{Diagnostic, Problems};
use crate::front_matter::Split;
use crate::load::{DataFile, SourceFile};
use crate::markdown::DataUse;

/// A type of page: Markdown files with front matter, in a section whose `_index.md` names the
/// type (`type: bai_viet`).
pub trait PageType: Send + Sync + 'static {
    /// The value of `type:` in a section's `_index.md` (`bai_viet`).
    fn name(&self) -> &'static str;

    /// How editors call one page of this type, in messages ("bài viết").
    fn noun(&self) -> &'static str;

    /// The type's own front-matter fields, besides those every page has.
    fn fields(&self) -> &'static [&'static str];

    /// The text of a new page of this type, for `pccc new`; `title` is already quoted for YAML.
    fn skeleton(&self, title: &str, today: Date) -> String;

    /// Reads the type's fields from a page's front matter, with every problem.
    fn parse(
        &self,
        file: &SourceFile,
        split: &Split<'_>,
    ) -> Result<Arc<dyn PageFields>, Vec<Diagnostic>>;

    /// Whether every page of the type shows highlighted code whatever its body (a lesson shows
    /// its embed snippet), so the site needs the code stylesheet.
    fn shows_code(&self) -> bool {
        false
    }
}

impl fmt::Debug for dyn PageType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// The fields a page of some type has beside those every page has, read from its front matter.
pub trait PageFields: Any + fmt::Debug + Send + Sync {
    /// Checks beyond the fields' types, such as coherent dates.
    fn check(&self, file: &SourceFile, split: &Split<'_>) -> Vec<Diagnostic>;
}

impl dyn PageFields {
    /// The fields as the type that read them, when they are of type `T`.
    pub fn get<T: Any>(&self) -> Option<&T> {
        (self as &dyn Any).downcast_ref()
    }
}

/// A type of data set: records kept in data files (YAML, CSV, spreadsheets) under one folder of
/// `content/`, such as the public list of violations.
pub trait DataSetType: Send + Sync + 'static {
    /// The folder of `content/` the set's files live in (`vi-pham`).
    fn dir(&self) -> &'static str;

    /// Reads, checks and completes the set from its files (those under [`DataSetType::dir`]),
    /// as the build sees them on `today`. Problems go to `problems`; the set is returned even
    /// then, with what could be read.
    fn load(
        &self,
        config: &Config,
        files: &[&DataFile],
        today: Date,
        problems: &mut Problems,
    ) -> Box<dyn DataSet>;

    /// Checks a data shortcode of a page (`{{ chi_tieu(…) }}`) against this set as
    /// [`DataSetType::load`] returned it: `None` when the shortcode is not this set's, else
    /// what is wrong with it, if anything, as a message and what to write instead.
    fn check_use(&self, set: &dyn DataSet, data_use: &DataUse) -> Option<Result<(), UseProblem>> {
        let _ = (set, data_use);
        None
    }

    /// What a data shortcode that [`DataSetType::check_use`] passed says, as plain text, for
    /// the summary's text (meta descriptions, listings): `None` when it is not this set's.
    fn use_text(&self, set: &dyn DataSet, data_use: &DataUse) -> Option<String> {
        let _ = (set, data_use);
        None
    }

    /// The records of `set` (as [`DataSetType::load`] returned it) that have coordinates; none
    /// for a set of no places.
    fn places(&self, set: &dyn DataSet) -> Vec<Placed> {
        let _ = set;
        Vec::new()
    }
}

/// What is wrong with a data shortcode: the message, and what to write instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UseProblem {
    /// What is wrong, in Vietnamese.
    pub message: String,
    /// What to write instead.
    pub help: String,
}

/// A place of a data set that has coordinates, for checks across every place kind (the map's
/// outline, `[map] outline`).
#[derive(Debug, Clone, PartialEq)]
pub struct Placed {
    /// The record's file, relative to the site root.
    pub file: std::path::PathBuf,
    /// Latitude, degrees north.
    pub lat: f64,
    /// Longitude, degrees east.
    pub lng: f64,
}

/// A data set, loaded. Any sendable value with `Debug` is one.
pub trait DataSet: Any + fmt::Debug + Send + Sync {}

impl<T: Any + fmt::Debug + Send + Sync> DataSet for T {}

/// The content types a build knows, as the model sees them: the registry of `crate::kinds`.
#[derive(Clone)]
pub struct Types {
    /// Types of pages; the first is the default of a section that names none.
    pub pages: Vec<&'static dyn PageType>,
    /// Types of data sets.
    pub data: Vec<&'static dyn DataSetType>,
}

impl Types {
    /// The page type named `name`.
    pub fn page(&self, name: &str) -> Option<&'static dyn PageType> {
        self.pages.iter().copied().find(|t| t.name() == name)
    }

    /// The type of a section that names none.
    pub fn default_page(&self) -> &'static dyn PageType {
        self.pages[0]
    }
}

impl fmt::Debug for Types {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let names: Vec<&str> = self.pages.iter().map(|t| t.name()).collect();
        f.debug_struct("Types")
            .field("pages", &names)
            .field("data", &self.data.iter().map(|t| t.dir()).collect::<Vec<_>>())
            .finish()
    }
}

/// Whether two page types are the same type.
pub fn same(a: &dyn PageType, b: &dyn PageType) -> bool {
    a.name() == b.name()
}
