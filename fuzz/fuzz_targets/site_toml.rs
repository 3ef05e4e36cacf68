//! `site.toml`: its bytes loaded and validated as the build does, for a site at the root of
//! this repository (so the theme `mac-dinh` exists and a valid file is accepted).
//!
//! Must hold: no panic; every problem names `site.toml` and points inside it; a file that is
//! refused says why with at least one error.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use pccc::config;
use pccc::load::decode;
use pccc_fuzz::{check_diagnostic, check_failed, check_problems};

fuzz_target!(|data: &[u8]| {
    let path = Path::new("site.toml");
    let root = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/.."));
    let text = match decode(path, data) {
        Ok(text) => text,
        Err(d) => return check_diagnostic(&d, path, None),
    };
    if let Err(problems) = config::parse(root, text.clone(), &["mac-dinh".to_string()]) {
        check_problems(&problems, path, Some(&text));
        check_failed(&problems.into_iter().collect::<Vec<_>>());
    }
});
