//! Precompressed copies of the text files of an output (`precompress` in `site.toml`): `x.html.gz`
//! (gzip; `precompress = true`) and, when the site lists it, `x.html.br` (brotli;
//! `precompress = ["gzip", "br"]`) beside `x.html`, which nginx (`gzip_static`, and
//! `brotli_static` with its module) and Caddy (`file_server { precompressed br gzip }`) send as
//! they are instead of compressing every response, at a level too slow to use on the fly.
//!
//! The copies are ordinary outputs of the build, so the write stage treats them like the rest:
//! one whose bytes the previous output already has is linked, not written, and one whose file
//! is gone from the site is gone from the new output. The copies in the previous output are
//! reused without compressing again when the previous output's file has the new file's bytes:
//! a copy is made from its file alone, and the previous output's copies came from its file,
//! since an output is switched whole or, updated in place, has each file's copies moved in
//! before the file itself (so an update cut short leaves at worst new copies beside an old file,
//! which then differs and is compressed again). Comparing the file costs one read; checking the
//! copies cost decompressing both.
//!
//! The `flate2` and `brotli` crates are used only here.

use std::borrow::Cow;
use std::io::Write;
use std::path::Path;

use crate::config::Precompress;
use crate::diagnostic::Diagnostic;
use crate::view::{Content, Output};

/// Extensions of the files compressed: the text files a site has.
const TEXT: [&str; 11] =
    ["html", "htm", "css", "js", "json", "xml", "svg", "txt", "csv", "ics", "webmanifest"];

/// Smaller files are left alone: compressed, they would barely shrink (nginx's `gzip_min_length`
/// in deploy/nginx.conf is the same).
pub const MIN_BYTES: usize = 256;

// The search index's fragments, one per document (`crate::search::is_document_fragment`), get
// no copies either. A search fetches the ten it shows; brotli at `BROTLI_QUALITY` makes them no
// smaller than gzip does (bench/build_vs_hugo.py's 10,000 pages: 3,508 bytes at the median,
// 1,357 in brotli, 1,350 in gzip 6), and the servers pccc has configurations for compress them
// as they send them: nginx's `gzip on` for `application/json` at level 5 (1,327 bytes) and
// Caddy's `encode zstd gzip`. Their copies were 20,000 of the 73,000 files of that site's build
// under the ward's theme, and a tenth of its compressing, for no byte a resident saves.

/// gzip level. On 1,000 pages of bench/precompress.py's site (3,279 text files, 13.4 MB) level 9
/// took 0.27 s for 4,078 kB and 6 (zlib's default) 0.16 s for 4,146 kB (+1.7 %): browsers that
/// take brotli (all current ones, over HTTPS) never fetch these.
const GZIP_LEVEL: u32 = 6;
/// Brotli quality. The `brotli` crate's encoder keeps a hash table allocated and zeroed anew for
/// each file, 32 MB at quality 8 and 9, 8 MB at 7, 2 MB at 6, 1 MB at 5. On the ward's 272 text
/// files (2.4 MB, one after another) quality 9 took 0.68 s, most of it the kernel's page faults
/// (two thousand a file), 7 took 0.15 s and 6 0.07 s, for 626, 627 and 639 kB of copies (gzip -9:
/// 674 kB; brotli 11: 579 kB in 2.3 s). On the 1,000 pages above, 6 took 0.59 s for 3,983 kB and
/// 5 0.41 s for 3,992 kB (+0.2 %; 9: 3,900 kB in 5.0 s).
const BROTLI_QUALITY: u32 = 5;
/// Smallest brotli window (log2 of bytes): below 17 the crate picks, at qualities 5 to 8, a
/// hasher it lacks and falls back to one of 2^23 slots (32 MB) whatever the quality, so a small file
/// costs as much as a large one; a window larger than the file loses nothing in size.
const BROTLI_MIN_WINDOW: u32 = 17;
/// Largest brotli window (log2 of bytes). A file gets the smallest window that holds it: a
/// larger one gains nothing on a file that fits, and the encoder's buffers grow with it.
const BROTLI_WINDOW: u32 = 22;

/// The brotli window for `len` bytes: the smallest that holds them, from
/// [`BROTLI_MIN_WINDOW`] to [`BROTLI_WINDOW`].
fn brotli_window(len: usize) -> u32 {
    let bits = usize::BITS - len.max(1).leading_zeros();
    bits.clamp(BROTLI_MIN_WINDOW, BROTLI_WINDOW)
}

/// A compression format of the copies.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Gzip,
    Brotli,
}

impl Format {
    const ALL: [Format; 2] = [Format::Gzip, Format::Brotli];

    /// The formats `precompress` names, gzip first.
    fn chosen(formats: Precompress) -> impl Iterator<Item = Format> {
        let on = [formats.gzip, formats.brotli];
        Format::ALL.into_iter().zip(on).filter_map(|(format, on)| on.then_some(format))
    }

    fn extension(self) -> &'static str {
        match self {
            Format::Gzip => "gz",
            Format::Brotli => "br",
        }
    }

    fn compress(self, bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::with_capacity(bytes.len() / 3);
        match self {
            Format::Gzip => {
                // No file name and a zero time in the header: the same bytes give the same copy.
                let mut encoder = flate2::GzBuilder::new()
                    .mtime(0)
                    .write(&mut out, flate2::Compression::new(GZIP_LEVEL));
                encoder.write_all(bytes).expect("writing to memory");
                encoder.finish().expect("writing to memory");
            }
            Format::Brotli => {
                let params = brotli::enc::BrotliEncoderParams {
                    quality: BROTLI_QUALITY as i32,
                    lgwin: brotli_window(bytes.len()) as i32,
                    size_hint: bytes.len(),
                    mode: brotli::enc::backward_references::BrotliEncoderMode::BROTLI_MODE_TEXT,
                    ..Default::default()
                };
                brotli::BrotliCompress(&mut &bytes[..], &mut out, &params)
                    .expect("writing to memory");
            }
        }
        out
    }
}

/// Whether a file at `path` (inside the output) gets compressed copies, by its extension.
pub fn is_text(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or(path);
    name.rsplit_once('.').is_some_and(|(_, ext)| TEXT.contains(&ext))
}

/// Whether `path` (inside the output) is the name of a compressed copy of a text file.
pub fn is_copy(path: &str) -> bool {
    Format::ALL.into_iter().any(|format| {
        path.strip_suffix(format.extension())
            .and_then(|rest| rest.strip_suffix('.'))
            .is_some_and(is_text)
    })
}

/// The compressed copies of `output` in `formats` (none for a file that is not text or is
/// small), each linked from `old` (the previous output) where it has one and its file there has
/// the same bytes.
pub fn copies(
    output: &Output,
    old: Option<&Path>,
    formats: Precompress,
) -> Result<Vec<Output>, Diagnostic> {
    if !is_text(&output.path) || crate::search::is_document_fragment(&output.path) {
        return Ok(Vec::new());
    }
    let bytes: Cow<'_, [u8]> = match &output.content {
        Content::Bytes(bytes) => Cow::Borrowed(bytes),
        Content::Copy(source) => Cow::Owned(crate::fs::read(source, source)?),
        Content::Kept { source, stamp } => {
            return kept_copies(&output.path, source, stamp.size, formats);
        }
    };
    if bytes.len() < MIN_BYTES {
        return Ok(Vec::new());
    }
    let unchanged = old
        .and_then(|old| crate::fs::join_inside(old, &output.path))
        .is_some_and(|previous| std::fs::read(previous).is_ok_and(|b| b == *bytes));
    Ok(Format::chosen(formats)
        .map(|format| {
            let path = format!("{}.{}", output.path, format.extension());
            let previous =
                old.filter(|_| unchanged).and_then(|old| crate::fs::join_inside(old, &path));
            match previous.filter(|previous| previous.is_file()) {
                Some(previous) => Output { path, content: Content::Copy(previous) },
                None => Output::bytes(path, format.compress(&bytes)),
            }
        })
        .collect())
}

/// The copies in `formats` of `path`, a file of `size` bytes kept from the previous output at
/// `source` ([`Content::Kept`]): those beside it there are kept too, since they were made from
/// it (see the module's comment); one missing there is made from its bytes.
fn kept_copies(
    path: &str,
    source: &Path,
    size: u64,
    formats: Precompress,
) -> Result<Vec<Output>, Diagnostic> {
    if size < MIN_BYTES as u64 {
        return Ok(Vec::new());
    }
    let mut bytes = None;
    let mut copies = Vec::new();
    for format in Format::chosen(formats) {
        let mut beside = source.as_os_str().to_owned();
        beside.push(".");
        beside.push(format.extension());
        let beside = std::path::PathBuf::from(beside);
        let path = format!("{path}.{}", format.extension());
        match crate::fs::Stamp::of(&beside) {
            Some(stamp) => {
                copies.push(Output { path, content: Content::Kept { source: beside, stamp } })
            }
            None => {
                let bytes = match &bytes {
                    Some(bytes) => bytes,
                    None => bytes.insert(crate::fs::read(source, source)?),
                };
                copies.push(Output::bytes(path, format.compress(bytes)));
            }
        }
    }
    Ok(copies)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Read;

    /// `precompress = ["gzip", "br"]`.
    const BOTH: Precompress = Precompress { gzip: true, brotli: true };
    /// `precompress = true`.
    const GZIP: Precompress = Precompress { gzip: true, brotli: false };

    /// What `bytes`, a copy in `format`, decompresses to.
    fn decompress(format: Format, bytes: &[u8]) -> Vec<u8> {
        let mut out = Vec::new();
        match format {
            Format::Gzip => flate2::read::GzDecoder::new(bytes).read_to_end(&mut out),
            Format::Brotli => brotli::Decompressor::new(bytes, 4096).read_to_end(&mut out),
        }
        .unwrap();
        out
    }

    fn page() -> Output {
        Output::bytes("bai-viet/index.html", "<p>Gọi 114 khi có cháy.</p>\n".repeat(40))
    }

    #[test]
    fn text_files_get_both_copies_that_decompress_to_them() {
        let copies = copies(&page(), None, BOTH).unwrap();
        let paths: Vec<&str> = copies.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["bai-viet/index.html.gz", "bai-viet/index.html.br"]);
        let Content::Bytes(original) = page().content else { unreachable!() };
        for (copy, format) in copies.iter().zip(Format::ALL) {
            let Content::Bytes(bytes) = &copy.content else { panic!("compressed anew") };
            assert!(bytes.len() < original.len() / 5, "{format:?}: {} bytes", bytes.len());
            assert_eq!(decompress(format, bytes), original, "{format:?}");
        }
        // The same bytes give the same copies, so an unchanged file keeps its copies' dates.
        assert_eq!(super::copies(&page(), None, BOTH).unwrap(), copies);
    }

    #[test]
    fn a_site_gets_the_copies_it_names() {
        let paths = |formats| -> Vec<String> {
            copies(&page(), None, formats).unwrap().into_iter().map(|c| c.path).collect()
        };
        assert_eq!(paths(GZIP), ["bai-viet/index.html.gz"]);
        let brotli = Precompress { gzip: false, brotli: true };
        assert_eq!(paths(brotli), ["bai-viet/index.html.br"]);
        assert!(paths(Precompress::default()).is_empty());
        // A file kept from an output built with both copies keeps only the gzip one; its
        // brotli copy is not in the new output, which the writer then leaves out.
        let Content::Bytes(bytes) = page().content else { unreachable!() };
        let old = old_output(std::str::from_utf8(&bytes).unwrap(), b"the old gzip copy");
        std::fs::write(old.path().join("bai-viet/index.html.br"), b"the old brotli copy").unwrap();
        let source = old.path().join("bai-viet/index.html");
        let stamp = crate::fs::Stamp::of(&source).unwrap();
        let kept =
            Output { path: "bai-viet/index.html".into(), content: Content::Kept { source, stamp } };
        let copies = copies(&kept, Some(old.path()), GZIP).unwrap();
        let paths: Vec<&str> = copies.iter().map(|c| c.path.as_str()).collect();
        assert_eq!(paths, ["bai-viet/index.html.gz"]);
        assert!(
            matches!(&copies[0].content, Content::Kept { source, .. } if source.ends_with("index.html.gz"))
        );
    }

    #[test]
    fn the_brotli_window_fits_the_file() {
        assert_eq!(brotli_window(300), BROTLI_MIN_WINDOW);
        assert_eq!(brotli_window(200_000), 18);
        assert_eq!(brotli_window(1 << 30), BROTLI_WINDOW);
    }

    #[test]
    fn small_and_binary_files_and_search_fragments_get_none() {
        assert!(copies(&Output::bytes("a.css", "a{}"), None, BOTH).unwrap().is_empty());
        // A search fragment, which the server compresses as it sends it; not the index's chunks.
        let json = format!("{{\"x\":\"{}\"}}", "Gọi 114 khi có cháy. ".repeat(40));
        let fragment = Output::bytes("tim-kiem/chi-muc/d/12.json", json.clone());
        assert!(copies(&fragment, None, BOTH).unwrap().is_empty());
        assert_eq!(
            copies(&Output::bytes("tim-kiem/chi-muc/t/3.json", json), None, BOTH).unwrap().len(),
            2
        );
        assert!(copies(&Output::bytes("a.png", vec![0; 4096]), None, BOTH).unwrap().is_empty());
        assert!(is_text("dien-tap/lich.ics") && is_text("site.webmanifest"));
        assert!(!is_text("_headers") && !is_text("anh.jpg") && !is_text("html"));
    }

    #[test]
    fn copies_are_named_after_a_text_file() {
        assert!(is_copy("bai-viet/index.html.gz") && is_copy("style.css.br"));
        assert!(!is_copy("index.html") && !is_copy("anh.png.gz") && !is_copy("tai-lieu.gz"));
    }

    /// The previous output holding `page()` with `gz` as its gzip copy and no brotli copy.
    fn old_output(page: &str, gz: &[u8]) -> tempfile::TempDir {
        let old = tempfile::tempdir().unwrap();
        std::fs::create_dir(old.path().join("bai-viet")).unwrap();
        std::fs::write(old.path().join("bai-viet/index.html"), page).unwrap();
        std::fs::write(old.path().join("bai-viet/index.html.gz"), gz).unwrap();
        old
    }

    #[test]
    fn the_old_copies_of_an_unchanged_file_are_reused_the_missing_one_is_made() {
        let fresh = copies(&page(), None, BOTH).unwrap();
        let Content::Bytes(page_bytes) = page().content else { unreachable!() };
        let old = old_output(std::str::from_utf8(&page_bytes).unwrap(), b"the old gzip copy");
        let again = copies(&page(), Some(old.path()), BOTH).unwrap();
        assert_eq!(again[0].content, Content::Copy(old.path().join("bai-viet/index.html.gz")));
        assert_eq!(again[1], fresh[1], "no brotli copy to reuse: made anew");
    }

    #[test]
    fn the_old_copies_of_a_changed_file_are_not_reused() {
        // An update in place cut short after the copies were moved, before the file was.
        let fresh = copies(&page(), None, BOTH).unwrap();
        let Content::Bytes(gz) = &fresh[0].content else { unreachable!() };
        let old = old_output("<p>Bản cũ của trang.</p>\n", gz);
        assert_eq!(copies(&page(), Some(old.path()), BOTH).unwrap(), fresh);
    }
}
