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
    // Written by hand: a run prints every step's instants, and jiff's general printer was 2 % of it.
    // Fractions of a second and years outside 0000–9999 are left to jiff (RFC 3339 in UTC).
    let secs = t.as_second();
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    if t.subsec_nanosecond() != 0 || !(0..=9999).contains(&year) {
        return t.to_string();
    }
    let time = secs.rem_euclid(86_400);
    let two = |n: i64| [b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8];
    let ([y0, y1], [y2, y3]) = (two(year / 100), two(year % 100));
    let ([mo0, mo1], [d0, d1]) = (two(month), two(day));
    let [h0, h1] = two(time / 3_600);
    let ([mi0, mi1], [s0, s1]) = (two(time / 60 % 60), two(time % 60));
    let text = [
        y0, y1, y2, y3, b'-', mo0, mo1, b'-', d0, d1, b'T', h0, h1, b':', mi0, mi1, b':', s0, s1,
        b'Z',
    ];
    // Digits and separators only: always UTF-8.
    String::from_utf8(text.to_vec()).unwrap_or_default()
}

/// Year, month and day of a count of days since 1970-01-01 (proleptic Gregorian; Howard Hinnant's
/// `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let day_of_era = z.rem_euclid(146_097);
    let year_of_era =
        (day_of_era - day_of_era / 1_460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let shifted_month = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * shifted_month + 2) / 5 + 1;
    let month = if shifted_month < 10 {
        shifted_month + 3
    } else {
        shifted_month - 9
    };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
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

    #[test]
    fn format_agrees_with_jiff() {
        // Every day from 1900 to 2400 at a changing time of day, leap years and centuries included,
        // and the instants it leaves to jiff: fractions of a second, years before 0000 and after 9999.
        let mut second = -2_208_988_800_i64; // 1900-01-01
        while second < 13_569_465_600 {
            let t = Timestamp::from_second(second).unwrap_or(Timestamp::UNIX_EPOCH);
            assert_eq!(format(t), t.to_string());
            second += 86_400 + 3_599;
        }
        for text in [
            "2026-01-01T00:00:00.5Z",
            "-000001-12-31T23:59:59Z",
            "1969-12-31T23:59:59Z",
            "9999-12-31T23:59:59Z",
        ] {
            let t = instant(text).unwrap_or(Timestamp::UNIX_EPOCH);
            assert_eq!(format(t), t.to_string(), "{text}");
        }
    }
}
