//! Instants as IAM policies and scenarios write them: ISO 8601 in the W3C profile —
//! `YYYY-MM-DD`, then optionally `Thh:mm`, `:ss` and a fraction, then `Z` or an offset `±hh:mm`.
//!
//! Read here rather than with jiff's parser, which carries RFC 9557 annotations and time-zone database
//! support nobody writes in a policy: that machinery was about a twentieth of the page's wasm
//! (docs/benchmarks.md). jiff stays the reference: the tests hold this reader to it.

/// Seconds since 1970-01-01T00:00:00Z and nanoseconds of `text`. With `rfc3339`, the time and the
/// zone are required (a scenario's clock); without, a date alone is midnight UTC and a time without a
/// zone is UTC (IAM's Date operators).
pub fn parse(text: &str, rfc3339: bool) -> Option<(i64, u32)> {
    let b = text.as_bytes();
    let year = digits(b, 0, 4)?;
    let month = digits(b, 5, 2)?;
    let day = digits(b, 8, 2)?;
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') || !(1..=12).contains(&month) {
        return None;
    }
    if day < 1 || day > days_in_month(year, month) {
        return None;
    }
    let date = days_from_civil(year, month, day) * 86_400;
    let Some(&separator) = b.get(10) else {
        return (!rfc3339).then_some((date, 0));
    };
    if !matches!(separator, b'T' | b't' | b' ') {
        return None;
    }
    let (hour, minute) = (digits(b, 11, 2)?, digits(b, 14, 2)?);
    if b.get(13) != Some(&b':') || hour > 23 || minute > 59 {
        return None;
    }
    let mut at = 16;
    let mut second = 0;
    let mut nanos = 0;
    if b.get(at) == Some(&b':') {
        second = digits(b, at + 1, 2)?;
        if second > 59 {
            return None;
        }
        at += 3;
        if b.get(at) == Some(&b'.') {
            let (n, used) = fraction(b.get(at + 1..)?)?;
            nanos = n;
            at += 1 + used;
        }
    }
    let offset = match b.get(at..)? {
        [] if !rfc3339 => 0,
        [b'Z' | b'z'] => 0,
        [sign @ (b'+' | b'-'), rest @ ..] => {
            let seconds = zone(rest)?;
            if *sign == b'+' {
                seconds
            } else {
                -seconds
            }
        }
        _ => return None,
    };
    Some((date + hour * 3_600 + minute * 60 + second - offset, nanos))
}

/// `n` ASCII digits at `at`, as a number.
fn digits(b: &[u8], at: usize, n: usize) -> Option<i64> {
    let part = b.get(at..at + n)?;
    part.iter().try_fold(0i64, |acc, d| {
        d.is_ascii_digit().then(|| acc * 10 + i64::from(d - b'0'))
    })
}

/// Up to nine fraction digits (more are read and dropped), as nanoseconds, and how many were read.
fn fraction(b: &[u8]) -> Option<(u32, usize)> {
    let used = b.iter().take_while(|d| d.is_ascii_digit()).count();
    if used == 0 {
        return None;
    }
    let mut nanos = 0u32;
    for i in 0..9 {
        let d = b
            .get(i)
            .filter(|_| i < used)
            .map_or(0, |d| u32::from(d - b'0'));
        nanos = nanos * 10 + d;
    }
    Some((nanos, used))
}

/// `hh:mm`, `hhmm` or `hh`, as seconds (at most 23:59).
fn zone(b: &[u8]) -> Option<i64> {
    let (h, m) = match b.len() {
        2 => (digits(b, 0, 2)?, 0),
        4 => (digits(b, 0, 2)?, digits(b, 2, 2)?),
        5 if b.get(2) == Some(&b':') => (digits(b, 0, 2)?, digits(b, 3, 2)?),
        _ => return None,
    };
    (h <= 23 && m <= 59).then_some(h * 3_600 + m * 60)
}

fn leap(year: i64) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i64, month: i64) -> i64 {
    match month {
        2 if leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
pub fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let year_of_era = y.rem_euclid(400);
    let shifted = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;

    fn nanos((secs, nanos): (i64, u32)) -> i128 {
        i128::from(secs) * 1_000_000_000 + i128::from(nanos)
    }

    fn jiff_timestamp(s: &str) -> Option<i128> {
        Some(s.parse::<jiff::Timestamp>().ok()?.as_nanosecond())
    }

    /// Every RFC 3339 form jiff reads the same, and the W3C forms jiff reads as civil times in UTC.
    #[test]
    fn agrees_with_jiff() {
        let mut cases = Vec::new();
        for (y, m, d) in [
            (1970, 1, 1),
            (2026, 1, 1),
            (2024, 2, 29),
            (2000, 2, 29),
            (1900, 3, 1),
            (9999, 12, 30),
            (1, 1, 1),
            (2026, 12, 31),
        ] {
            for time in [
                "00:00:00",
                "23:59:59",
                "12:34:56.5",
                "01:02:03.123456789",
                "10:00",
            ] {
                for zone in ["Z", "z", "+01:00", "-05:30", "+0000", "+14"] {
                    cases.push(format!("{y:04}-{m:02}-{d:02}T{time}{zone}"));
                }
            }
        }
        for case in &cases {
            let (ours, theirs) = (parse(case, true).map(nanos), jiff_timestamp(case));
            // Beyond jiff's range (past 9999-12-30T22:00Z) only this reader has a value.
            let beyond =
                theirs.is_none() && ours.is_some_and(|n| n > jiff::Timestamp::MAX.as_nanosecond());
            assert!(ours == theirs || beyond, "{case}: {ours:?} {theirs:?}");
        }
        for bad in [
            "2026-02-30T00:00:00Z",
            "2023-02-29T00:00:00Z",
            "2026-13-01T00:00:00Z",
            "2026-01-01T24:00:00Z",
            "2026-01-01T00:60:00Z",
            "2026-01-01T00:00:60Z",
            "2026-01-01T00:00:00",
            "2026-01-01",
            "2026-1-01T00:00:00Z",
            "soon",
            "",
            "2026-01-01T00:00:00.Z",
            "2026-01-01T00:00:00+25:00",
        ] {
            assert_eq!(parse(bad, true), None, "{bad}");
        }
        let civil = |s: &str| {
            let dt = s.parse::<jiff::civil::DateTime>().ok()?;
            Some(
                dt.to_zoned(jiff::tz::TimeZone::UTC)
                    .ok()?
                    .timestamp()
                    .as_nanosecond(),
            )
        };
        for w3c in [
            "2026-01-01",
            "2026-01-01T10:00",
            "2026-01-01T10:00:05",
            "2026-01-01T10:00:05.25",
            "2024-02-29",
        ] {
            assert_eq!(parse(w3c, false).map(nanos), civil(w3c), "{w3c}");
        }
    }

    #[test]
    fn days_from_civil_inverts_the_calendar() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2026, 1, 1), 20_454);
        assert_eq!(days_from_civil(1969, 12, 31), -1);
    }
}
