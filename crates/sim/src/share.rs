//! Share links: the whole scenario in a URL fragment, `#s=1.` + base64url(deflate-raw(compact JSON)).
//! Versioned (`1.`) so links made today decode forever; bounded so a hostile link cannot exhaust memory.

use base64::Engine;
use serde::Serialize;

/// The fragment key and the codec version this build writes.
pub const PREFIX: &str = "s=1.";
/// A link's payload may be at most this long (base64 text), and inflate to at most `MAX_JSON` bytes.
pub const MAX_PAYLOAD: usize = 64 * 1024;
pub const MAX_JSON: usize = 1024 * 1024;

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
    /// Not base64url, or not a deflate stream: the link was cut or altered.
    Corrupt {
        detail: String,
    },
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        match self {
            ShareError::NoScenario => write!(f, "this link carries no scenario (no #s=… part)"),
            ShareError::UnknownVersion { version } => write!(f, "this link uses share format {version}, and this build reads format 1; open it with a newer roleplay"),
            ShareError::TooLarge { limit } => write!(f, "this link's scenario is larger than the {limit}-byte limit"),
            ShareError::Corrupt { detail } => write!(f, "this link is damaged (cut short or altered): {detail}"),
        }
    }
}

impl std::error::Error for ShareError {}

/// The fragment (without `#`) for a scenario text. Valid JSON is compacted first (policy strings keep
/// their bytes); any other text is carried as it is, so nothing a user typed is lost.
pub fn encode(scenario_text: &str) -> String {
    let compact = serde_json::from_str::<serde_json::Value>(scenario_text)
        .map(|v| v.to_string())
        .unwrap_or_else(|_| scenario_text.to_string());
    let packed = miniz_oxide::deflate::compress_to_vec(compact.as_bytes(), 9);
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
        detail: "no version prefix".into(),
    })?;
    if version != "1" {
        return Err(ShareError::UnknownVersion {
            version: version.chars().take(16).collect(),
        });
    }
    if data.len() > MAX_PAYLOAD {
        return Err(ShareError::TooLarge { limit: MAX_PAYLOAD });
    }
    let packed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(data.trim_end_matches('='))
        .map_err(|e| ShareError::Corrupt {
            detail: e.to_string(),
        })?;
    let bytes = miniz_oxide::inflate::decompress_to_vec_with_limit(&packed, MAX_JSON).map_err(
        |e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => {
                ShareError::TooLarge { limit: MAX_JSON }
            }
            _ => ShareError::Corrupt {
                detail: "not a deflate stream".into(),
            },
        },
    )?;
    String::from_utf8(bytes).map_err(|_| ShareError::Corrupt {
        detail: "not UTF-8 text".into(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_bounds() {
        let text = "{\"roleplay\": 1, \"title\": \"x\"}";
        let fragment = encode(text);
        assert!(fragment.starts_with("s=1."));
        assert_eq!(
            decode(&format!("https://h/#{fragment}&quiz=1")).as_deref(),
            Ok("{\"roleplay\":1,\"title\":\"x\"}")
        );
        assert!(wants_quiz(&format!("#{fragment}&quiz=1")));
        assert_eq!(
            decode("#s=2.abc"),
            Err(ShareError::UnknownVersion {
                version: "2".into()
            })
        );
        assert!(matches!(
            decode("#s=1.%%%"),
            Err(ShareError::Corrupt { .. })
        ));
        assert_eq!(decode("https://h/"), Err(ShareError::NoScenario));
        let cut = fragment.get(..fragment.len() / 2).unwrap_or_default();
        assert!(decode(cut).is_err());
        // A decompression bomb: 8 MiB of zeros packs into a few KiB.
        let bomb = miniz_oxide::deflate::compress_to_vec(&vec![b'0'; 8 << 20], 9);
        let link = format!(
            "s=1.{}",
            base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bomb)
        );
        assert!(link.len() < MAX_PAYLOAD);
        assert_eq!(decode(&link), Err(ShareError::TooLarge { limit: MAX_JSON }));
        assert_eq!(
            decode(&format!("s=1.{}", "A".repeat(MAX_PAYLOAD + 1))),
            Err(ShareError::TooLarge { limit: MAX_PAYLOAD })
        );
        // Invalid JSON still travels intact.
        assert_eq!(decode(&encode("{ broken")).as_deref(), Ok("{ broken"));
    }
}
