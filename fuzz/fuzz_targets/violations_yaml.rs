//! A violation record written as YAML (`content/vi-pham/*.yaml`): read as the build reads it,
//! then checked (ids, decision, dates, personal data), given its state on a few days, and its
//! published fields listed.
//!
//! Must hold: no panic; every problem names the file and points inside it; a published record
//! never shows a field its owner's kind withholds.
#![no_main]

use std::path::Path;

use jiff::civil::Date;
use libfuzzer_sys::fuzz_target;
use pccc::kinds::violations::{self, check, may_publish, published, state_on};
use pccc::load::decode;
use pccc_fuzz::check_diagnostic;

fuzz_target!(|data: &[u8]| {
    let path = Path::new("content/vi-pham/vp-2026-0001.yaml");
    let text = decode(path, data).ok();
    let record = match violations::parse_yaml(path, data) {
        Ok(record) => record,
        Err(problems) => {
            assert!(problems.iter().next().is_some(), "a refused record carries an error");
            for d in problems.iter() {
                check_diagnostic(d, path, text.as_deref());
            }
            return;
        }
    };
    assert_eq!(record.origin.path, path);
    for d in check::check(std::slice::from_ref(&record)) {
        check_diagnostic(&d, path, text.as_deref());
    }
    for day in [Date::MIN, Date::constant(2026, 6, 1), Date::MAX] {
        for grace in [0, 30, i64::MAX] {
            state_on(&record.entry, day, grace);
        }
    }
    for field in published(&record.entry) {
        assert!(may_publish(record.entry.owner.kind, field.key), "{} published", field.key);
    }
});
