//! Values a build keeps beside its output for the next build to read back: the Markdown bodies
//! it rendered (`model::BodyCache`). Tens of megabytes at 10,000 pages, read at the start of
//! every build, so they are stored in a compact binary serde format (postcard, used only here)
//! as a head and parts, each part encoded, compressed, decompressed and decoded on every core:
//! reading 10,000 bodies back is mostly checking that their text is UTF-8, which one core did
//! in 0.2 s.
//!
//! Each part is an LZ4 frame (lz4_flex, used only here) with its length and a checksum of its
//! content: HTML shrinks to a third on the ward's site and to a ninth on the bench's generated
//! pages (at 10,000 pages, 0.08 s of one core to compress and 0.04 s to read back), and a part
//! damaged on disk is turned away instead of read back as other text.
//!
//! The bytes: the head's length (4 bytes, little-endian), the head, the number of parts and
//! each part's length (8 bytes each, little-endian), then the parts. What a head holds (a
//! format number, the program that wrote it) is its owner's to check: these functions only
//! read back what was written, and give `None` for anything else (truncated, damaged, another
//! layout).

use std::io::{Read, Write};

use lz4_flex::frame::{FrameDecoder, FrameEncoder, FrameInfo};
use rayon::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;

/// `head` and `parts` as bytes; `None` if one cannot be encoded.
pub fn encode<H: Serialize, P: Serialize + Sync>(head: &H, parts: &[P]) -> Option<Vec<u8>> {
    let parts: Vec<Vec<u8>> = parts
        .par_iter()
        .map(|part| compress(&postcard::to_allocvec(part).ok()?))
        .collect::<Option<_>>()?;
    let head = postcard::to_allocvec(head).ok()?;
    let total = 4 + head.len() + 8 * (parts.len() + 1) + parts.iter().map(Vec::len).sum::<usize>();
    let mut bytes = Vec::with_capacity(total);
    bytes.extend_from_slice(&u32::try_from(head.len()).ok()?.to_le_bytes());
    bytes.extend_from_slice(&head);
    bytes.extend_from_slice(&(parts.len() as u64).to_le_bytes());
    for part in &parts {
        bytes.extend_from_slice(&(part.len() as u64).to_le_bytes());
    }
    // Each part given back once copied: the bytes are not held twice.
    parts.into_iter().for_each(|part| bytes.extend_from_slice(&part));
    Some(bytes)
}

/// The head of `bytes` ([`encode`]), and its parts if `wanted` says so of the head; `None`
/// unless everything reads whole and nothing is left over.
pub fn decode<H: DeserializeOwned, P: DeserializeOwned + Send>(
    bytes: &[u8],
    wanted: impl FnOnce(&H) -> bool,
) -> Option<(H, Vec<P>)> {
    let (length, rest) = bytes.split_first_chunk::<4>()?;
    let (head, rest) = rest.split_at_checked(usize::try_from(u32::from_le_bytes(*length)).ok()?)?;
    let head: H = postcard::from_bytes(head).ok()?;
    if !wanted(&head) {
        return None;
    }
    let (count, mut rest) = rest.split_first_chunk::<8>()?;
    let count = usize::try_from(u64::from_le_bytes(*count)).ok()?;
    let mut lengths = Vec::with_capacity(count.min(rest.len() / 8));
    for _ in 0..count {
        let (length, after) = rest.split_first_chunk::<8>()?;
        lengths.push(usize::try_from(u64::from_le_bytes(*length)).ok()?);
        rest = after;
    }
    let mut parts = Vec::with_capacity(lengths.len());
    for length in lengths {
        let (part, after) = rest.split_at_checked(length)?;
        parts.push(part);
        rest = after;
    }
    if !rest.is_empty() {
        return None;
    }
    let parts: Option<Vec<P>> =
        parts.into_par_iter().map(|part| postcard::from_bytes(&decompress(part)?).ok()).collect();
    Some((head, parts?))
}

/// Reads back a text field of a stored value (`#[serde(deserialize_with =
/// "crate::stored::text")]` on a `Cow<str>`), its UTF-8 checked with SIMD: reading the
/// 54 MB of HTML of 10,000 bodies back, std's check, a character at a time past ASCII, took
/// 0.08 s of CPU. The bytes are those a `str` is written as, so the field is written as before.
pub fn text<'de, 'a, D: serde::Deserializer<'de>>(
    deserializer: D,
) -> Result<std::borrow::Cow<'a, str>, D::Error> {
    struct Text;
    impl serde::de::Visitor<'_> for Text {
        type Value = String;
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("UTF-8 text")
        }
        fn visit_bytes<E: serde::de::Error>(self, bytes: &[u8]) -> Result<String, E> {
            let text = crate::load::utf8(bytes)
                .ok_or_else(|| E::invalid_value(serde::de::Unexpected::Bytes(bytes), &self))?;
            Ok(text.to_owned())
        }
        fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<String, E> {
            Ok(text.to_owned())
        }
    }
    deserializer.deserialize_bytes(Text).map(std::borrow::Cow::Owned)
}

/// `bytes` as one LZ4 frame that states its length and sums its content up.
fn compress(bytes: &[u8]) -> Option<Vec<u8>> {
    let info = FrameInfo::new().content_size(Some(bytes.len() as u64)).content_checksum(true);
    let mut encoder = FrameEncoder::with_frame_info(info, Vec::with_capacity(bytes.len() / 3));
    encoder.write_all(bytes).ok()?;
    encoder.finish().ok()
}

/// What [`compress`] made of `frame`; `None` unless it reads whole, to the length and the sum
/// the frame states.
fn decompress(frame: &[u8]) -> Option<Vec<u8>> {
    let mut bytes = Vec::with_capacity(frame.len().saturating_mul(4));
    FrameDecoder::new(frame).read_to_end(&mut bytes).ok()?;
    Some(bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_fields_read_back_checked() {
        use std::borrow::Cow;
        #[derive(Debug, PartialEq, Serialize, serde::Deserialize)]
        struct Held<'a> {
            #[serde(deserialize_with = "text")]
            text: Cow<'a, str>,
            other: String,
        }
        let parts = vec![Held { text: "Đường thoát nạn 114".into(), other: "x".into() }];
        let bytes = encode(&1_u32, &parts).unwrap();
        assert_eq!(decode::<u32, Held<'_>>(&bytes, |_| true), Some((1, parts)));
        // Written as a `str` is: a field read as a plain `String` reads it back.
        let plain = encode(&1_u32, &[("Đường".to_string(), "x".to_string())]).unwrap();
        let held = decode::<u32, Held<'_>>(&plain, |_| true).unwrap().1;
        assert_eq!(held[0].text, "Đường");
        // Bytes that are not UTF-8 are turned away, not read as text.
        let broken = encode(&1_u32, &[(serde_bytes_of(&[0x68, 0xff]), "x".to_string())]).unwrap();
        assert_eq!(decode::<u32, Held<'_>>(&broken, |_| true), None);
    }

    /// `bytes` written as a `str`'s bytes are (postcard: its length, then the bytes).
    fn serde_bytes_of(bytes: &[u8]) -> Bytes {
        Bytes(bytes.to_vec())
    }

    struct Bytes(Vec<u8>);

    impl Serialize for Bytes {
        fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(&self.0)
        }
    }

    #[test]
    fn what_is_encoded_reads_back_and_nothing_else_does() {
        let head = ("pccc 0.1.0".to_string(), 7_u32);
        let parts = vec![vec!["Thoát nạn".to_string()], vec![], vec!["114".to_string(); 3]];
        let bytes = encode(&head, &parts).unwrap();
        let back = decode::<(String, u32), Vec<String>>(&bytes, |_| true);
        assert_eq!(back, Some((head.clone(), parts.clone())));
        // Turned away by its head, cut short, with a byte more, empty.
        assert_eq!(decode::<(String, u32), Vec<String>>(&bytes, |h| h.1 == 8), None);
        for cut in [1, 4, 10, bytes.len() - 1] {
            assert_eq!(decode::<(String, u32), Vec<String>>(&bytes[..cut], |_| true), None);
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert_eq!(decode::<(String, u32), Vec<String>>(&longer, |_| true), None);
        assert_eq!(decode::<(String, u32), Vec<String>>(&[], |_| true), None);
        // A part whose text is not UTF-8.
        let mut broken = bytes.clone();
        let at = broken.windows(3).position(|w| w == "114".as_bytes()).unwrap();
        broken[at] = 0xff;
        assert_eq!(decode::<(String, u32), Vec<String>>(&broken, |_| true), None);
        // Any byte of the parts changed, as a disk or a hand might: never read back as other
        // values (a changed letter is still UTF-8; the frame's checksum turns it away).
        let head_length = u32::from_le_bytes(bytes[..4].try_into().unwrap()) as usize;
        let count = u64::from_le_bytes(bytes[4 + head_length..][..8].try_into().unwrap());
        let first = 4 + head_length + 8 + 8 * count as usize;
        let mut turned_away = 0;
        for at in first..bytes.len() {
            let mut changed = bytes.clone();
            changed[at] ^= 0x20;
            let back = decode::<(String, u32), Vec<String>>(&changed, |_| true);
            assert!(back.is_none() || back == Some((head.clone(), parts.clone())), "byte {at}");
            turned_away += usize::from(back.is_none());
        }
        assert!(
            turned_away > (bytes.len() - first) / 2,
            "{turned_away} of {}",
            bytes.len() - first
        );
    }

    #[test]
    fn parts_are_stored_smaller_than_their_text() {
        let html =
            "<p>Khi có cháy, gọi <a href=\"tel:114\">114</a> và thoát nạn theo lối gần nhất.</p>\n";
        let parts = vec![vec![html.repeat(50)]; 2];
        let bytes = encode(&0_u8, &parts).unwrap();
        assert!(bytes.len() < html.len() * 10, "{} bytes", bytes.len());
        assert_eq!(decode::<u8, Vec<String>>(&bytes, |_| true), Some((0, parts)));
    }
}
