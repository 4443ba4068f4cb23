//! Deterministic identifiers and credentials: functions of the scenario, never random, so a shared
//! link shows the same keys everywhere.

const BASE32: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
const BASE64: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// `prefix` followed by `len` characters of a deterministic stream: an FNV-1a hash of the seed (its
/// parts in order) feeds a SplitMix64 generator. Cheap enough to run on every keystroke; these are
/// look-alike credentials, not secrets.
fn id<const N: usize>(prefix: &str, seed: &[&str], len: usize, alphabet: &[u8; N]) -> String {
    let mut state = seed
        .iter()
        .flat_map(|part| part.bytes())
        .fold(0xcbf2_9ce4_8422_2325u64, |h, b| {
            (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01b3)
        });
    let mut out = Vec::with_capacity(prefix.len() + len);
    out.extend_from_slice(prefix.as_bytes());
    let mut left = len;
    while left > 0 {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^= z >> 31;
        // N is a power of two, so the remainder compiles to a mask.
        out.extend(
            z.to_le_bytes()
                .into_iter()
                .take(left)
                .map(|byte| alphabet.get(usize::from(byte) % N).copied().unwrap_or(b'A')),
        );
        left = left.saturating_sub(8);
    }
    // The prefixes and alphabets are ASCII, so this never fails.
    String::from_utf8(out).unwrap_or_default()
}

/// A unique id such as `AROA` + 17 characters (roles), `AIDA` (users).
pub fn unique_id(prefix: &str, seed: &str) -> String {
    id(prefix, &[seed], 17, BASE32)
}

/// Temporary credentials for one session, derived from its seed.
pub struct Credentials {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: String,
}

impl Credentials {
    /// The `Credentials` object of an STS response, expiring at `expires`.
    pub fn json(&self, expires: jiff::Timestamp) -> serde_json::Value {
        serde_json::json!({
            "AccessKeyId": self.access_key_id,
            "SecretAccessKey": self.secret_access_key,
            "SessionToken": self.session_token,
            "Expiration": crate::clock::format(expires),
        })
    }
}

pub fn credentials(seed: &str) -> Credentials {
    Credentials {
        access_key_id: id("ASIA", &["key ", seed], 16, BASE32),
        secret_access_key: id("", &["secret ", seed], 40, BASE64),
        session_token: id("IQoJb3JpZ2luX2Vj", &["token ", seed], 240, BASE64),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_deterministic_and_shaped_like_aws() {
        let a = unique_id("AROA", "arn:aws:iam::111122223333:role/Deploy");
        assert_eq!(
            a,
            unique_id("AROA", "arn:aws:iam::111122223333:role/Deploy")
        );
        assert_eq!(a.len(), 21);
        assert!(a.starts_with("AROA"));
        let c = credentials("s1");
        assert_eq!(c.access_key_id.len(), 20);
        assert_eq!(c.secret_access_key.len(), 40);
        assert_eq!(c.session_token.len(), 256);
        // The values themselves are part of what a shared link shows: they never change.
        assert_eq!(a, "AROA3JEYHKFECLXXKG5UX");
        assert_eq!(c.access_key_id, "ASIADU5L3N4DWIG4ATZJ");
        assert_eq!(
            c.secret_access_key,
            "Ma/l7ehe1EOYXSHbUY5Hg8IbmDK7ynhzj0MOSMNf"
        );
        assert!(c.session_token.ends_with("pARXG0rY6TtY"));
    }
}
