//! The simulated clock: RFC 3339 instants and `+1h30m`-style offsets. A run never reads the real clock.

use jiff::{SignedDuration, Timestamp};

pub fn default_start() -> Timestamp {
    Timestamp::from_second(1_767_225_600).unwrap_or(Timestamp::UNIX_EPOCH) // 2026-01-01T00:00:00Z
}

pub fn instant(s: &str) -> Option<Timestamp> {
    s.parse::<Timestamp>().ok()
}

/// The time after `at`: an instant, or an offset from `now` with units d, h, m, s (`+90s`, `+1h30m`).
pub fn advance(now: Timestamp, at: &str) -> Option<Timestamp> {
    let Some(offset) = at.strip_prefix('+') else {
        return instant(at);
    };
    let mut total: i64 = 0;
    let mut number = String::new();
    for c in offset.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        let n: i64 = number.parse().ok()?;
        number.clear();
        let unit = match c {
            'd' => 86_400,
            'h' => 3_600,
            'm' => 60,
            's' => 1,
            _ => return None,
        };
        total = total.checked_add(n.checked_mul(unit)?)?;
    }
    if !number.is_empty() || offset.is_empty() {
        return None;
    }
    now.checked_add(SignedDuration::from_secs(total)).ok()
}

/// `2026-01-01T00:00:00Z`: seconds precision, as STS prints Expiration.
pub fn format(t: Timestamp) -> String {
    // Display prints RFC 3339 in UTC; the simulated clock only holds whole seconds.
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets() {
        let t = default_start();
        assert_eq!(
            advance(t, "+1h30m").map(format).as_deref(),
            Some("2026-01-01T01:30:00Z")
        );
        assert_eq!(
            advance(t, "+90s").map(format).as_deref(),
            Some("2026-01-01T00:01:30Z")
        );
        assert_eq!(advance(t, "+0s"), Some(t));
        assert_eq!(advance(t, "+5"), None);
        assert_eq!(advance(t, "+"), None);
        assert_eq!(
            advance(t, "2026-02-01T00:00:00Z").map(format).as_deref(),
            Some("2026-02-01T00:00:00Z")
        );
        assert_eq!(advance(t, "+99999999999999d"), None);
    }
}
