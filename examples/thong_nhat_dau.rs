//! Puts every Markdown, YAML and CSV file under the given folders into one tone-mark style,
//! in place: the one-off rewrite behind `[content] tone_marks` (`src/tone_marks.rs` has the
//! rule; text between backticks is left alone, as the check leaves it).
//!
//! ```sh
//! cargo run --example thong_nhat_dau -- hoà content
//! ```
//!
//! It prints each file it changed and how many words; run `pccc check` afterwards to see that
//! no warning about tone marks is left.

use std::process::ExitCode;

use pccc::tone_marks::{ToneStyle, mismatches, rewrite};

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let style = match args.next().as_deref().map(|s| pccc::text::nfc(s).into_owned()).as_deref() {
        Some("hoà") => ToneStyle::MainVowel,
        Some("hòa") => ToneStyle::FirstVowel,
        _ => {
            eprintln!("cách dùng: thong_nhat_dau <hoà|hòa> <thư mục>...");
            return ExitCode::from(2);
        }
    };
    let mut changed = 0;
    for dir in args {
        for entry in walkdir::WalkDir::new(&dir).sort_by_file_name() {
            let entry = match entry {
                Ok(e) => e,
                Err(e) => {
                    eprintln!("lỗi: {e}");
                    return ExitCode::FAILURE;
                }
            };
            let path = entry.path();
            let text_file = path
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "md" | "yaml" | "yml" | "csv"));
            if !entry.file_type().is_file() || !text_file {
                continue;
            }
            let Ok(text) = std::fs::read_to_string(path) else { continue };
            let words = mismatches(&text, style).len();
            if words == 0 {
                continue;
            }
            if let Err(e) = std::fs::write(path, rewrite(&text, style)) {
                eprintln!("lỗi: không ghi được {}: {e}", path.display());
                return ExitCode::FAILURE;
            }
            println!("{}: {words} chữ", path.display());
            changed += 1;
        }
    }
    println!("Đã sửa {changed} tệp.");
    ExitCode::SUCCESS
}
