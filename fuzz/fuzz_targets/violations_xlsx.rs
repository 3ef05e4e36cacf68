//! The office's Excel sheet (`content/vi-pham/*.xlsx`): the workbook's bytes read into records
//! with the default Vietnamese headers, as the build reads them, then the records checked.
//!
//! Must hold: no panic; every problem names the workbook and marks no text position (a workbook
//! has rows and columns, named in the message, not lines); a workbook that cannot be read says
//! why with at least one error; every record comes from a row below the header.
#![no_main]

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::LazyLock;

use libfuzzer_sys::fuzz_target;
use pccc::diagnostic::{Diagnostic, Problems};
use pccc::kinds::violations::check;
use pccc::kinds::violations::import::{Columns, parse_xlsx};
use pccc_fuzz::{check_diagnostic, check_failed};

static COLUMNS: LazyLock<Columns> =
    LazyLock::new(|| Columns::new(&BTreeMap::new()).expect("the default headers map"));

fn check(d: &Diagnostic, path: &Path) {
    check_diagnostic(d, path, None);
    assert!(d.location.is_none(), "a text position in a workbook: {d:?}");
}

fuzz_target!(|data: &[u8]| {
    let path = Path::new("content/vi-pham/danh-sach.xlsx");
    let mut warnings = Problems::new();
    let result = parse_xlsx(path, data, &COLUMNS, &mut warnings);
    warnings.iter().for_each(|d| check(d, path));
    match result {
        Ok(records) => {
            for record in &records {
                assert_eq!(record.origin.path, path);
                assert!(record.origin.row.as_ref().is_some_and(|row| row.number >= 2));
            }
            check::check(&records).iter().for_each(|d| check(d, path));
        }
        Err(problems) => {
            problems.iter().for_each(|d| check(d, path));
            check_failed(&problems.into_iter().collect::<Vec<_>>());
        }
    }
});
