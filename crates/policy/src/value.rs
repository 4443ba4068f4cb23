//! Typed condition values: numbers, instants, addresses, booleans, bytes. One reading for the lint
//! (which reports a value that does not read), the evaluator (which compiles policy values once) and
//! the simulator (which checks the request context a scenario gives).

use base64::Engine;
use ipnet::IpNet;
use std::net::IpAddr;

/// Parses an IAM number (integer or decimal).
pub fn number(s: &str) -> Option<f64> {
    s.trim().parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Parses an instant as nanoseconds since the epoch: ISO 8601 in the W3C profile (date, date and
/// time with or without seconds and fraction, `Z` or an offset; no zone means UTC) or epoch seconds.
pub fn instant(s: &str) -> Option<i128> {
    let s = s.trim();
    let digits = s.strip_prefix('-').unwrap_or(s);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit() || b == b'.') {
        let secs = s.parse::<f64>().ok()?;
        return Some((secs * 1e9) as i128);
    }
    let (secs, nanos) = crate::instant::parse(s, false)?;
    Some(i128::from(secs) * 1_000_000_000 + i128::from(nanos))
}

/// Parses a CIDR block; a bare address is a /32 (IPv4) or /128 (IPv6, UNCONFIRMED §2.1).
pub fn network(s: &str) -> Option<IpNet> {
    let s = s.trim();
    s.parse::<IpNet>()
        .ok()
        .or_else(|| s.parse::<IpAddr>().ok().map(IpNet::from))
}

/// A request's address: one address, never a block (`10.0.0.0/8` in a request context is a
/// mistake the simulator reports, not the address 10.0.0.0).
pub fn address(s: &str) -> Option<IpAddr> {
    s.trim().parse::<IpAddr>().ok()
}

/// `Bool` accepts `true`/`false` in any case.
pub fn boolean(s: &str) -> Option<bool> {
    if s.eq_ignore_ascii_case("true") {
        Some(true)
    } else if s.eq_ignore_ascii_case("false") {
        Some(false)
    } else {
        None
    }
}

/// `BinaryEquals` values are base64; compare decoded bytes (raw text when it does not decode).
pub fn binary(s: &str) -> Vec<u8> {
    base64_bytes(s).unwrap_or_else(|| s.as_bytes().to_vec())
}

fn base64_bytes(s: &str) -> Option<Vec<u8>> {
    base64::engine::general_purpose::STANDARD
        .decode(s.trim())
        .ok()
}

/// The kind of value an operator family compares, for messages; `None` for text and ARNs, which
/// any string is.
pub fn expected(family: crate::Family) -> Option<&'static str> {
    use crate::Family;
    match family {
        Family::Numeric => Some("a number"),
        Family::Date => Some("a date (ISO 8601, e.g. 2026-01-01T00:00:00Z) or epoch seconds"),
        Family::Ip => Some("an IP address or CIDR block (e.g. 203.0.113.0/24)"),
        Family::Bool | Family::Null => Some("true or false"),
        Family::Binary => Some("base64"),
        Family::String | Family::Arn => None,
    }
}

/// Whether a policy value reads as what its operator family compares.
pub fn readable(family: crate::Family, s: &str) -> bool {
    use crate::Family;
    match family {
        Family::Numeric => number(s).is_some(),
        Family::Date => instant(s).is_some(),
        Family::Ip => network(s).is_some(),
        Family::Bool | Family::Null => boolean(s).is_some(),
        Family::Binary => base64_bytes(s).is_some(),
        Family::String | Family::Arn => true,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_in_every_form() {
        let midnight = 1_767_225_600_000_000_000i128; // 2026-01-01T00:00:00Z
        assert_eq!(instant("2026-01-01T00:00:00Z"), Some(midnight));
        assert_eq!(instant("2026-01-01T00:00:00.000Z"), Some(midnight));
        assert_eq!(instant("2026-01-01T01:00:00+01:00"), Some(midnight));
        assert_eq!(instant("2026-01-01"), Some(midnight));
        assert_eq!(instant("2026-01-01T00:00"), Some(midnight));
        assert_eq!(instant("1767225600"), Some(midnight));
        assert_eq!(instant("yesterday"), None);
        assert_eq!(instant("-"), None);
    }

    #[test]
    fn networks_and_addresses() {
        let n = network("203.0.113.0/24");
        assert!(n.is_some_and(|n| address("203.0.113.9").is_some_and(|a| n.contains(&a))));
        assert_eq!(network("10.0.0.1").map(|n| n.prefix_len()), Some(32));
        assert_eq!(network("2001:DB8::1").map(|n| n.prefix_len()), Some(128));
        assert!(network("2001:DB8:1234:5678::/64").is_some());
        assert!(network("nope").is_none());
    }
}
