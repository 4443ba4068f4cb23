//! The simulated clock: RFC 3339 instants and `+1h30m`-style offsets. A run never reads the real clock.

use jiff::{SignedDuration, Timestamp};

pub fn default_start() -> Timestamp {
    Timestamp::from_second(1_767_225_600).unwrap_or(Timestamp::UNIX_EPOCH) // 2026-01-01T00:00:00Z
}

/// An RFC 3339 instant (`roleplay_policy::instant`: no time-zone machinery in the page).
pub fn instant(s: &str) -> Option<Timestamp> {
    let (secs, nanos) = roleplay_policy::instant::parse(s, true)?;
    Timestamp::from_nanosecond(i128::from(secs) * 1_000_000_000 + i128::from(nanos)).ok()
}

/// Why a time does not read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimeError {
    /// Neither an RFC 3339 instant nor an offset such as `+1h30m`.
    Unreadable,
    /// Well formed, but outside the clock's range (-9999-01-02T01:59:59Z to 9999-12-30T22:00:00Z).
    OutOfRange,
}

impl TimeError {
    /// The message for `text`, which was to be `what` ("an instant", "an instant or an offset").
    pub fn message(self, text: &str, what: &str) -> String {
        match self {
            TimeError::Unreadable => format!("\"{text}\" is not {what} such as 2026-01-01T00:00:00Z{}", if what.contains("offset") { ", +90s, +5m or +1h30m" } else { "" }),
            TimeError::OutOfRange => format!("\"{text}\" is out of range: the simulated clock runs from -9999-01-02T01:59:59Z to 9999-12-30T22:00:00Z"),
        }
    }
}

/// An RFC 3339 instant, telling a well-formed one beyond the clock's range from one that is not an
/// instant at all.
pub fn instant_checked(s: &str) -> Result<Timestamp, TimeError> {
    if let Some(t) = instant(s) {
        return Ok(t);
    }
    // Our reader takes years 0000–9999 with any offset; what it reads that jiff's range cannot hold
    // (9999-12-31 with a negative offset) is out of range. jiff's own parser stays out of the page.
    let civil = roleplay_policy::instant::parse(s, true);
    Err(if civil.is_some() {
        TimeError::OutOfRange
    } else {
        TimeError::Unreadable
    })
}

/// The time after `at`: an instant, or an offset from `now` with units d, h, m, s (`+90s`, `+1h30m`).
pub fn advance(now: Timestamp, at: &str) -> Option<Timestamp> {
    advance_checked(now, at).ok()
}

/// [`advance`], saying why a time does not read.
pub fn advance_checked(now: Timestamp, at: &str) -> Result<Timestamp, TimeError> {
    let Some(offset) = at.strip_prefix('+') else {
        return instant_checked(at);
    };
    let mut total: i64 = 0;
    let mut number = String::new();
    for c in offset.chars() {
        if c.is_ascii_digit() {
            number.push(c);
            continue;
        }
        // Digits the offset's units cannot hold (over i64) are out of range, like the sum.
        let n: i64 = match number.parse() {
            Ok(n) => n,
            Err(_) if !number.is_empty() => return Err(TimeError::OutOfRange),
            Err(_) => return Err(TimeError::Unreadable),
        };
        number.clear();
        let unit = match c {
            'd' => 86_400,
            'h' => 3_600,
            'm' => 60,
            's' => 1,
            _ => return Err(TimeError::Unreadable),
        };
        total = n
            .checked_mul(unit)
            .and_then(|s| total.checked_add(s))
            .ok_or(TimeError::OutOfRange)?;
    }
    if !number.is_empty() || offset.is_empty() {
        return Err(TimeError::Unreadable);
    }
    now.checked_add(SignedDuration::from_secs(total))
        .map_err(|_| TimeError::OutOfRange)
}

/// `issued` plus `seconds`, or the clock's last instant when that is beyond it: a session that
/// outlives the clock never expires in the simulation (it is not cut to zero length).
pub fn expiry(issued: Timestamp, seconds: i64) -> Timestamp {
    issued
        .checked_add(SignedDuration::from_secs(seconds))
        .unwrap_or(if seconds > 0 { Timestamp::MAX } else { issued })
}

/// `2026-01-01T00:00:00Z`: seconds precision, as STS prints Expiration (a fraction when the instant
/// has one, as RFC 3339 writes it).
pub fn format(t: Timestamp) -> String {
    // Written by hand: a run prints every step's instants (jiff's general printer was 2 % of it), and
    // the page carries no jiff printer. Years stay within 0000–9999: instants are read with four-digit
    // years and the clock only moves forward within jiff's range.
    let secs = t.as_second();
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    let time = secs.rem_euclid(86_400);
    let two = |n: i64| [b'0' + (n / 10 % 10) as u8, b'0' + (n % 10) as u8];
    let ([y0, y1], [y2, y3]) = (two(year / 100), two(year % 100));
    let ([mo0, mo1], [d0, d1]) = (two(month), two(day));
    let [h0, h1] = two(time / 3_600);
    let ([mi0, mi1], [s0, s1]) = (two(time / 60 % 60), two(time % 60));
    let text = [
        y0, y1, y2, y3, b'-', mo0, mo1, b'-', d0, d1, b'T', h0, h1, b':', mi0, mi1, b':', s0, s1,
    ];
    // Digits and separators only: always UTF-8. Years outside 0000–9999 (none a scenario reaches)
    // are written as RFC 3339's expanded years, `-000001`.
    let mut out = if (0..=9999).contains(&year) {
        String::from_utf8(text.to_vec()).unwrap_or_default()
    } else {
        let sign = if year < 0 { '-' } else { '+' };
        let rest =
            String::from_utf8(text.get(4..).unwrap_or_default().to_vec()).unwrap_or_default();
        format!("{sign}{:06}{rest}", year.unsigned_abs())
    };
    let nanos = t.subsec_nanosecond();
    if nanos > 0 {
        let digits = format!("{nanos:09}");
        out.push('.');
        out.push_str(digits.trim_end_matches('0'));
    }
    out.push('Z');
    out
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
        assert_eq!(
            advance_checked(t, "+99999999999999d"),
            Err(TimeError::OutOfRange)
        );
        assert!(advance_checked(t, "+60000000h").is_ok_and(|t| t.to_string().starts_with("8870-")));
        assert_eq!(advance_checked(t, "+90000000h"), Err(TimeError::OutOfRange));
        assert_eq!(
            advance_checked(t, "+99999999999999999999s"),
            Err(TimeError::OutOfRange)
        );
        assert_eq!(advance_checked(t, "+5x"), Err(TimeError::Unreadable));
        assert_eq!(advance_checked(t, "soon"), Err(TimeError::Unreadable));
        assert_eq!(
            instant_checked("9999-12-31T00:00:00Z"),
            Err(TimeError::OutOfRange)
        );
        assert_eq!(
            instant_checked("9999-12-31T00:00:00+01:00"),
            Err(TimeError::OutOfRange)
        );
        assert_eq!(
            instant_checked("2026-13-01T00:00:00Z"),
            Err(TimeError::Unreadable)
        );
        assert!(instant_checked("9999-12-30T22:00:00Z").is_ok());
        assert_eq!(expiry(Timestamp::MAX, 3600), Timestamp::MAX);
        assert_eq!(expiry(t, i64::MAX), Timestamp::MAX);
        assert_eq!(expiry(t, 3600), advance(t, "+1h").unwrap_or(t));
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
