//! Share links: the whole scenario in a URL fragment. `#s=2.` + base64url(deflate-raw(compact JSON))
//! compressed against a preset dictionary of IAM and scenario-format vocabulary, so a typical
//! scenario's link stays under 1,000 characters; `#s=1.` links (the same without the dictionary) keep
//! opening forever. Versioned so links made today decode forever; bounded so a hostile link cannot
//! exhaust memory.

use base64::Engine;
use miniz_oxide::deflate::core::{
    compress, create_comp_flags_from_zip_params, CompressorOxide, TDEFLFlush, TDEFLStatus,
};
use miniz_oxide::inflate::core::{decompress, inflate_flags, DecompressorOxide};
use miniz_oxide::inflate::TINFLStatus;
use serde::Serialize;

/// The fragment key and the codec version this build writes.
pub const PREFIX: &str = "s=2.";
/// A link's payload may be at most this long (base64 text), and inflate to at most `MAX_JSON` bytes.
pub const MAX_PAYLOAD: usize = 64 * 1024;
pub const MAX_JSON: usize = 1024 * 1024;

/// Format 2's preset dictionary: substrings common to the conformance corpus and the gallery (made by
/// `bench/share-dictionary.py`). Links depend on every byte of it: it never changes; a new one would
/// be format 3 (a test pins its hash).
pub const DICTIONARY_V2: &[u8] = include_bytes!("share-dictionary-v2.txt");

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", rename_all = "camelCase")]
pub enum ShareError {
    /// No `s=` parameter in the link.
    NoScenario,
    UnknownVersion {
        version: String,
    },
    TooLarge {
        limit: usize,
    },
    /// Not base64url, not a deflate stream, or more after its end: the link was cut or altered.
    Corrupt {
        detail: String,
    },
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            ShareError::NoScenario => write!(f, "this link carries no scenario (no #s=… part)"),
            ShareError::UnknownVersion { version } => write!(f, "this link uses share format {version}, and this build reads formats 1 and 2; open it with a newer roleplay"),
            ShareError::TooLarge { limit } => write!(f, "this link's scenario is larger than the {} limit", size(*limit)),
            ShareError::Corrupt { detail } => write!(f, "this link is damaged (cut short or altered): {detail}"),
        }
    }
}

impl std::error::Error for ShareError {}

/// `65536` → `64 KiB`, `1048576` → `1 MiB`.
fn size(bytes: usize) -> String {
    match bytes {
        b if b >= 1 << 20 && b.is_multiple_of(1 << 20) => format!("{} MiB", b >> 20),
        b if b >= 1 << 10 && b.is_multiple_of(1 << 10) => format!("{} KiB", b >> 10),
        b => format!("{b}-byte"),
    }
}

/// Valid JSON without the white space between its tokens — keys keep their order and strings
/// every byte; any other text as it is, so nothing a user typed is lost.
fn compact(scenario_text: &str) -> String {
    if serde_json::from_str::<serde::de::IgnoredAny>(scenario_text).is_err() {
        return scenario_text.to_string();
    }
    let mut out = String::with_capacity(scenario_text.len());
    let (mut in_string, mut escaped) = (false, false);
    for c in scenario_text.chars() {
        if in_string {
            match c {
                _ if escaped => escaped = false,
                '\\' => escaped = true,
                '"' => in_string = false,
                _ => {}
            }
        } else if c == '"' {
            in_string = true;
        } else if matches!(c, ' ' | '\t' | '\n' | '\r') {
            continue;
        }
        out.push(c);
    }
    out
}

/// The fragment (without `#`) for a scenario text, in the current format.
pub fn encode(scenario_text: &str) -> String {
    let packed = deflate_with_dictionary(compact(scenario_text).as_bytes(), DICTIONARY_V2);
    format!(
        "{PREFIX}{}",
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(packed)
    )
}

/// A full link: `base` (e.g. `https://example.org/roleplay/`) with the fragment.
pub fn link(base: &str, scenario_text: &str) -> String {
    format!(
        "{}#{}",
        base.split('#').next().unwrap_or(base),
        encode(scenario_text)
    )
}

/// A link only when [`decode`] will open it: the scenario within `MAX_JSON` and the payload within
/// `MAX_PAYLOAD`.
pub fn checked_link(base: &str, scenario_text: &str) -> Result<String, ShareError> {
    if compact(scenario_text).len() > MAX_JSON {
        return Err(ShareError::TooLarge { limit: MAX_JSON });
    }
    let link = link(base, scenario_text);
    if payload(&link).map_or(0, str::len) > MAX_PAYLOAD + PREFIX.len() {
        return Err(ShareError::TooLarge { limit: MAX_PAYLOAD });
    }
    Ok(link)
}

/// Raw deflate of `data` with `dictionary` as its history: the dictionary is compressed first and
/// flushed to a byte boundary (a sync flush ends with an empty stored block), and only what follows
/// is kept — blocks whose back-references may reach into the dictionary, as zlib's preset
/// dictionaries do.
fn deflate_with_dictionary(data: &[u8], dictionary: &[u8]) -> Vec<u8> {
    let flags = create_comp_flags_from_zip_params(10, -15, 0);
    let mut compressor = CompressorOxide::new(flags);
    let mut primed = Vec::new();
    run_compressor(&mut compressor, dictionary, TDEFLFlush::Sync, &mut primed);
    let mut out = Vec::with_capacity(data.len() / 2 + 64);
    run_compressor(&mut compressor, data, TDEFLFlush::Finish, &mut out);
    out
}

fn run_compressor(c: &mut CompressorOxide, mut input: &[u8], flush: TDEFLFlush, out: &mut Vec<u8>) {
    let mut buffer = vec![0u8; 16 * 1024];
    loop {
        let (status, consumed, written) = compress(c, input, &mut buffer, flush);
        out.extend_from_slice(buffer.get(..written).unwrap_or_default());
        input = input.get(consumed..).unwrap_or_default();
        match status {
            TDEFLStatus::Done => return,
            TDEFLStatus::Okay if input.is_empty() && written < buffer.len() => return,
            TDEFLStatus::Okay => {}
            // Only a bad parameter stops the compressor; what it wrote so far is all there is.
            _ => return,
        }
    }
}

/// Inflates raw deflate data whose history starts with `dictionary`, to at most `MAX_JSON` bytes,
/// and refuses anything after the stream's end. The output grows as it fills (as miniz_oxide's own
/// `decompress_to_vec` does): a small link costs a small buffer, not a zeroed mebibyte.
fn inflate(packed: &[u8], dictionary: &[u8]) -> Result<Vec<u8>, ShareError> {
    let limit = dictionary.len() + MAX_JSON + 1;
    let mut out = dictionary.to_vec();
    out.resize(
        (dictionary.len() + packed.len().saturating_mul(4)).clamp(dictionary.len() + 4096, limit),
        0,
    );
    let mut state = DecompressorOxide::new();
    let flags = inflate_flags::TINFL_FLAG_USING_NON_WRAPPING_OUTPUT_BUF;
    let damaged = |detail: &str| ShareError::Corrupt {
        detail: detail.into(),
    };
    let (mut input, mut at) = (packed, dictionary.len());
    loop {
        let (status, consumed, written) = decompress(&mut state, input, &mut out, at, flags);
        at += written;
        input = input.get(consumed..).unwrap_or_default();
        match status {
            TINFLStatus::Done if !input.is_empty() => {
                return Err(damaged(
                    "there is data after the end of the scenario, so the link was altered",
                ))
            }
            TINFLStatus::Done if at - dictionary.len() > MAX_JSON => {
                return Err(ShareError::TooLarge { limit: MAX_JSON })
            }
            TINFLStatus::Done => {
                out.truncate(at);
                out.drain(..dictionary.len());
                return Ok(out);
            }
            TINFLStatus::HasMoreOutput if out.len() < limit => {
                let grown = out.len().saturating_mul(2).min(limit);
                out.resize(grown, 0);
            }
            TINFLStatus::HasMoreOutput => return Err(ShareError::TooLarge { limit: MAX_JSON }),
            TINFLStatus::NeedsMoreInput | TINFLStatus::FailedCannotMakeProgress => {
                return Err(damaged(
                    "the scenario's data ends too early, so the link was cut short",
                ))
            }
            _ => {
                return Err(damaged(
                    "the scenario's data does not unpack, so the link was altered",
                ))
            }
        }
    }
}

/// The `s=` value of a link, a fragment, or the bare value.
fn payload(link: &str) -> Option<&str> {
    let fragment = link.split_once('#').map(|(_, f)| f).unwrap_or(link);
    fragment
        .split('&')
        .find_map(|part| part.strip_prefix("s="))
        .or_else(|| {
            (!fragment.contains('='))
                .then_some(fragment)
                .filter(|f| f.contains('.'))
        })
}

/// Whether a link asks for quiz mode (`…&quiz=1`).
pub fn wants_quiz(link: &str) -> bool {
    let fragment = link.split_once('#').map(|(_, f)| f).unwrap_or(link);
    fragment.split('&').any(|p| p == "quiz=1")
}

/// The scenario text a link carries.
pub fn decode(link: &str) -> Result<String, ShareError> {
    let value = payload(link.trim()).ok_or(ShareError::NoScenario)?;
    let (version, data) = value.split_once('.').ok_or_else(|| ShareError::Corrupt {
        detail: "the scenario part has no format version (it should start s=2.)".into(),
    })?;
    let dictionary: &[u8] = match version {
        "1" => &[],
        "2" => DICTIONARY_V2,
        _ => {
            return Err(ShareError::UnknownVersion {
                version: version.chars().take(16).collect(),
            })
        }
    };
    if data.len() > MAX_PAYLOAD {
        return Err(ShareError::TooLarge { limit: MAX_PAYLOAD });
    }
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|e| ShareError::Corrupt {
            detail: base64_detail(&e, data),
        })?;
    let bytes = inflate(&packed, dictionary)?;
    String::from_utf8(bytes).map_err(|_| ShareError::Corrupt {
        detail: "the scenario inside is not text".into(),
    })
}

/// base64's error, for a person: which character, where.
fn base64_detail(e: &base64::DecodeError, data: &str) -> String {
    match e {
        base64::DecodeError::InvalidByte(at, _) | base64::DecodeError::InvalidLastSymbol(at, _) => {
            let c = data
                .get(*at..)
                .and_then(|s| s.chars().next())
                .unwrap_or('?');
            format!(
                "character {} of the scenario part, {c:?}, cannot appear in a roleplay link",
                at + 1
            )
        }
        base64::DecodeError::InvalidLength(_) => {
            "the scenario part has a length no link can have, so it was cut short".into()
        }
        base64::DecodeError::InvalidPadding => {
            "the scenario part ends in a way no link does".into()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b64(bytes: &[u8]) -> String {
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
    }

    #[test]
    fn round_trip_and_bounds() {
        let text = "{\"roleplay\": 1, \"title\": \"x\"}";
        let fragment = encode(text);
        assert!(fragment.starts_with("s=2."));
        assert_eq!(
            decode(&format!("https://h/#{fragment}&quiz=1")).as_deref(),
            Ok("{\"roleplay\":1,\"title\":\"x\"}")
        );
        assert!(wants_quiz(&format!("#{fragment}&quiz=1")));
        assert_eq!(
            decode("#s=9.abc"),
            Err(ShareError::UnknownVersion {
                version: "9".into()
            })
        );
        assert_eq!(decode("https://h/"), Err(ShareError::NoScenario));
        let cut = fragment.get(..fragment.len() / 2).unwrap_or_default();
        assert!(decode(cut).is_err());
        // A decompression bomb: 8 MiB of zeros packs into a few KiB.
        for version in ["1", "2"] {
            let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b'0'; 8 << 20], 9);
            let link = format!("s={version}.{}", b64(&bomb));
            assert!(link.len() < MAX_PAYLOAD);
            assert_eq!(decode(&link), Err(ShareError::TooLarge { limit: MAX_JSON }));
        }
        assert_eq!(
            decode(&format!("s=1.{}", "A".repeat(MAX_PAYLOAD + 1))),
            Err(ShareError::TooLarge { limit: MAX_PAYLOAD })
        );
        // Invalid JSON still travels intact.
        assert_eq!(decode(&encode("{ broken")).as_deref(), Ok("{ broken"));
    }

    /// Format 1 links (no dictionary) keep opening; format 2 is the same JSON, shorter.
    #[test]
    fn both_formats_decode() {
        let text = r#"{"roleplay":1,"principals":[{"type":"role","arn":"arn:aws:iam::111122223333:role/App"}]}"#;
        let v1 = format!(
            "s=1.{}",
            b64(&miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9))
        );
        assert_eq!(decode(&v1).as_deref(), Ok(text));
        let v2 = encode(text);
        assert_eq!(decode(&v2).as_deref(), Ok(text));
        assert!(v2.len() < v1.len(), "{v2} vs {v1}");
    }

    /// Anything after the deflate stream's end means the link was altered: refused, not ignored.
    #[test]
    fn data_after_the_end_is_refused() {
        let text = "{\"roleplay\":1}";
        let mut v1 = miniz_oxide::deflate::compress_to_vec(text.as_bytes(), 9);
        v1.extend_from_slice(b"junk");
        let mut v2 = deflate_with_dictionary(text.as_bytes(), DICTIONARY_V2);
        v2.extend_from_slice(b"junk");
        for link in [format!("s=1.{}", b64(&v1)), format!("s=2.{}", b64(&v2))] {
            assert_eq!(
                decode(&link).map_err(|e| e.to_string()),
                Err("this link is damaged (cut short or altered): there is data after the end of the scenario, so the link was altered".into())
            );
        }
    }

    /// Damage is described for a person, with where it is.
    #[test]
    fn messages_name_the_damage() {
        let message = |link: &str| {
            decode(link)
                .map_err(|e| e.to_string())
                .err()
                .unwrap_or_default()
        };
        assert_eq!(
            message("#s=2.ab!d"),
            "this link is damaged (cut short or altered): character 3 of the scenario part, '!', cannot appear in a roleplay link"
        );
        assert_eq!(
            message("#s=2.__8"),
            "this link is damaged (cut short or altered): the scenario's data does not unpack, so the link was altered"
        );
        let fragment = encode("{\"roleplay\":1,\"title\":\"a longer title to cut\"}");
        let cut = fragment.get(..fragment.len() - 6).unwrap_or_default();
        assert_eq!(
            message(cut),
            "this link is damaged (cut short or altered): the scenario's data ends too early, so the link was cut short"
        );
        assert_eq!(
            message("#s=abc"),
            "this link is damaged (cut short or altered): the scenario part has no format version (it should start s=2.)"
        );
    }

    /// `checked_link` refuses what `decode` would refuse.
    #[test]
    fn checked_links_open() {
        let big = format!("{{\"roleplay\":1,\"title\":\"{}\"}}", "x".repeat(MAX_JSON));
        assert_eq!(
            checked_link("h/", &big),
            Err(ShareError::TooLarge { limit: MAX_JSON })
        );
        // Random text does not compress: over 64 KiB of base64 before it reaches 1 MiB.
        let noise: String = (0..60_000u32)
            .map(|i| {
                char::from_u32(0x4E00 + (i.wrapping_mul(2_654_435_761) >> 20) % 20_000)
                    .unwrap_or('x')
            })
            .collect();
        let noisy = format!("{{\"roleplay\":1,\"title\":\"{noise}\"}}");
        assert_eq!(
            checked_link("h/", &noisy),
            Err(ShareError::TooLarge { limit: MAX_PAYLOAD })
        );
        let fine = checked_link("h/", "{\"roleplay\":1}");
        assert!(fine.as_deref().is_ok_and(|l| decode(l).is_ok()));
    }

    /// Links depend on every byte of the dictionary (FNV-1a of it, pinned).
    #[test]
    fn the_dictionary_never_changes() {
        let hash = DICTIONARY_V2
            .iter()
            .fold(0xcbf2_9ce4_8422_2325_u64, |h, &b| {
                (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3)
            });
        assert_eq!(
            (DICTIONARY_V2.len(), hash),
            (24_152, 6_902_593_690_973_907_994)
        );
    }
}
