//! The office's CSV sheet (`content/vi-pham/*.csv`): bytes read into records with the default
//! Vietnamese headers, as the build reads them, then the records checked.
//!
//! Must hold: no panic; every problem names the sheet and, when it points, points inside the
//! sheet's text; a sheet that cannot be read says why with at least one error; every record
//! comes from a row below the header.
#![no_main]

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pccc::diagnostic::Problems;
use pccc::kinds::violations::check;
use pccc::kinds::violations::import::{Columns, parse_csv};
use pccc::load::decode;
use pccc_fuzz::{check_diagnostic, check_failed, check_problems};

static COLUMNS: LazyLock<Columns> =
    LazyLock::new(|| Columns::new(&BTreeMap::new()).expect("the default headers map"));

fuzz_target!(|data: &[u8]| {
    let path = Path::new("content/vi-pham/danh-sach.csv");
    let text = decode(path, data).ok();
    let mut warnings = Problems::new();
    let result = parse_csv(path, data, &COLUMNS, &mut warnings);
    check_problems(&warnings, path, text.as_deref());
    match result {
        Ok(records) => {
            for record in &records {
                assert_eq!(record.origin.path, path);
                assert!(record.origin.row.as_ref().is_some_and(|row| row.number >= 2));
            }
            for d in check::check(&records) {
                check_diagnostic(&d, path, text.as_deref());
            }
        }
        Err(problems) => {
            check_problems(&problems, path, None);
            check_failed(&problems.into_iter().collect::<Vec<_>>());
        }
    }
});
