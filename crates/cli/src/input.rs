//! Reading what the user names: a file, standard input (`-`) or a share link, at most
//! `MAX_SCENARIO_BYTES`, as text. UTF-8 is expected; a UTF-8 byte-order mark is dropped and UTF-16
//! with a byte-order mark (what PowerShell's `>` writes) is read, and anything else that is not
//! UTF-8 is refused with the offset, line and column of the first bad byte.

use roleplay_sim::limits::MAX_SCENARIO_BYTES;
use std::io::Read;

/// How a policy file's byte-order mark is treated: `lint` keeps it (IAM refuses it, and the lint
/// says so at 1:1); scenarios and AWS CLI output drop it, as JSON readers may (RFC 8259 §8.1).
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Bom {
    Keep,
    Drop,
}

/// The text of `source`: a share link (decoded), `-` (standard input) or a file path.
pub fn read(source: &str, bom: Bom) -> Result<String, String> {
    if source.contains("#s=") || source.starts_with("s=") {
        return roleplay_sim::share::decode(source).map_err(|e| e.to_string());
    }
    let (name, bytes) = if source == "-" {
        ("standard input", bounded(std::io::stdin().lock()))
    } else {
        let file = std::fs::File::open(source).map_err(|e| format!("{source}: {e}"))?;
        (source, bounded(file))
    };
    let bytes = bytes.map_err(|e| format!("{name}: {e}"))?;
    text(bytes, bom).map_err(|e| format!("{name}: {e}"))
}

/// At most `MAX_SCENARIO_BYTES`: one byte more is read to tell a file at the limit from a larger one.
fn bounded(reader: impl Read) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    reader
        .take(MAX_SCENARIO_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| e.to_string())?;
    if bytes.len() > MAX_SCENARIO_BYTES {
        return Err(format!(
            "larger than the {} MiB that roleplay reads (docs/reliability.md lists every limit)",
            MAX_SCENARIO_BYTES >> 20
        ));
    }
    Ok(bytes)
}

/// Bytes as text, or why they are not.
pub fn text(bytes: Vec<u8>, bom: Bom) -> Result<String, String> {
    match bytes.as_slice() {
        [0xFF, 0xFE, rest @ ..] => return utf16(rest, u16::from_le_bytes),
        [0xFE, 0xFF, rest @ ..] => return utf16(rest, u16::from_be_bytes),
        [a, 0, b, 0, ..] | [0, a, 0, b, ..] if a.is_ascii() && b.is_ascii() => {
            return Err(
                "this looks like UTF-16 text without a byte-order mark; save it as UTF-8".into(),
            )
        }
        _ => {}
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(bytes.get(..at).unwrap_or_default());
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
        format!(
            "byte 0x{:02X} at offset {at} (line {line}, column {column}) is not UTF-8; save the file as UTF-8",
            bytes.get(at).copied().unwrap_or(0)
        )
    })?;
    Ok(match (bom, text.strip_prefix('\u{feff}')) {
        (Bom::Drop, Some(rest)) => rest.to_string(),
        _ => text,
    })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, String> {
    if !bytes.len().is_multiple_of(2) {
        return Err("UTF-16 text with an odd number of bytes: the file is cut short".into());
    }
    let units = bytes.chunks_exact(2).map(|pair| {
        unit([
            pair.first().copied().unwrap_or(0),
            pair.get(1).copied().unwrap_or(0),
        ])
    });
    let mut out = String::with_capacity(bytes.len() / 2);
    for (i, c) in char::decode_utf16(units).enumerate() {
        match c {
            Ok(c) => out.push(c),
            Err(e) => {
                return Err(format!(
                    "UTF-16 code unit 0x{:04X} at offset {} is an unpaired surrogate",
                    e.unpaired_surrogate(),
                    2 + 2 * i
                ))
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn encodings() {
        assert_eq!(text(b"{}".to_vec(), Bom::Drop).as_deref(), Ok("{}"));
        assert_eq!(
            text(b"\xEF\xBB\xBF{}".to_vec(), Bom::Drop).as_deref(),
            Ok("{}")
        );
        assert_eq!(
            text(b"\xEF\xBB\xBF{}".to_vec(), Bom::Keep).as_deref(),
            Ok("\u{feff}{}")
        );
        assert_eq!(
            text(b"\xFF\xFE{\0}\0".to_vec(), Bom::Drop).as_deref(),
            Ok("{}")
        );
        assert_eq!(
            text(b"\xFE\xFF\0{\0}".to_vec(), Bom::Drop).as_deref(),
            Ok("{}")
        );
        assert_eq!(
            text(b"{\0\"\0".to_vec(), Bom::Drop),
            Err("this looks like UTF-16 text without a byte-order mark; save it as UTF-8".into())
        );
        assert_eq!(
            text(b"{\n  \"a\": \"\xFF\"}".to_vec(), Bom::Drop),
            Err(
                "byte 0xFF at offset 10 (line 2, column 9) is not UTF-8; save the file as UTF-8"
                    .into()
            )
        );
        assert_eq!(
            text(b"\xFF\xFE\x00\xD8".to_vec(), Bom::Drop),
            Err("UTF-16 code unit 0xD800 at offset 2 is an unpaired surrogate".into())
        );
    }
}
