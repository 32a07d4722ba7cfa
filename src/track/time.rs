//! UTC timestamps for "last changed", written as `YYYY-MM-DDTHH:MM:SSZ`.
//! A small civil-date conversion is all tracking needs, so no date crate.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;
use std::time::{SystemTime, UNIX_EPOCH};

/// Seconds since 1970-01-01T00:00:00Z. Orders by time, so the later change wins
/// a merge by plain comparison.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Timestamp(i64);

/// 9999-12-31T23:59:59Z: the last moment four year digits can write.
const MAX_SECS: i64 = 253_402_300_799;

impl Timestamp {
    /// The current time. A clock set before 1970 reads as 1970.
    pub fn now() -> Timestamp {
        let secs = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(MAX_SECS));
        Timestamp::from_unix(secs)
    }

    /// Clamped to years 1970..=9999 so every timestamp can be written back.
    pub fn from_unix(secs: i64) -> Timestamp {
        Timestamp(secs.clamp(0, MAX_SECS))
    }

    pub fn unix(self) -> i64 {
        self.0
    }

    /// Exactly `YYYY-MM-DDTHH:MM:SSZ` with a real date and time, else `None`.
    pub fn parse(text: &str) -> Option<Timestamp> {
        let b = text.as_bytes();
        if b.len() != 20 || b[19] != b'Z' || b[10] != b'T' || b[13] != b':' || b[16] != b':' {
            return None;
        }
        let (year, month, day) = parse_date(&text[..10])?;
        let num = |r: std::ops::Range<usize>| -> Option<i64> {
            let s = &text[r];
            s.bytes()
                .all(|c| c.is_ascii_digit())
                .then(|| s.parse().ok())?
        };
        let (h, m, s) = (num(11..13)?, num(14..16)?, num(17..19)?);
        if h > 23 || m > 59 || s > 59 {
            return None;
        }
        let secs = days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + s;
        (0..=MAX_SECS).contains(&secs).then_some(Timestamp(secs))
    }

    /// `YYYYMMDDTHHMMSS`, for file names.
    pub fn compact(self) -> String {
        let (y, mo, d, h, mi, s) = self.fields();
        format!("{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}")
    }

    /// `YYYY-MM-DD`.
    pub fn date(self) -> String {
        let (y, mo, d, ..) = self.fields();
        format!("{y:04}-{mo:02}-{d:02}")
    }

    fn fields(self) -> (i64, i64, i64, i64, i64, i64) {
        let days = self.0.div_euclid(86_400);
        let rest = self.0.rem_euclid(86_400);
        let (y, mo, d) = civil_from_days(days);
        (y, mo, d, rest / 3600, rest % 3600 / 60, rest % 60)
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (y, mo, d, h, mi, s) = self.fields();
        write!(f, "{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Timestamp {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
        let text = String::deserialize(deserializer)?;
        Timestamp::parse(&text).ok_or_else(|| {
            serde::de::Error::custom(format!(
                "`{}` is not a time like 2024-05-01T09:30:00Z",
                text.escape_default()
            ))
        })
    }
}

/// `YYYY-MM-DD` as a real calendar date.
fn parse_date(text: &str) -> Option<(i64, i64, i64)> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let digits = |s: &str| -> Option<i64> {
        s.bytes()
            .all(|c| c.is_ascii_digit())
            .then(|| s.parse().ok())?
    };
    let (y, m, d) = (
        digits(&text[..4])?,
        digits(&text[5..7])?,
        digits(&text[8..])?,
    );
    ((1..=12).contains(&m) && (1..=days_in_month(y, m)).contains(&d)).then_some((y, m, d))
}

/// Is `text` a date an evidence entry may carry: empty (unknown), `YYYY`,
/// `YYYY-MM` or `YYYY-MM-DD`, with real months and days?
pub fn is_evidence_date(text: &str) -> bool {
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|c| c.is_ascii_digit());
    if !text.is_ascii() {
        return false;
    }
    match text.len() {
        0 => true,
        4 => all_digits(text),
        7 => {
            all_digits(&text[..4])
                && text.as_bytes()[4] == b'-'
                && all_digits(&text[5..])
                && text[5..].parse::<u8>().is_ok_and(|m| (1..=12).contains(&m))
        }
        10 => parse_date(text).is_some(),
        _ => false,
    }
}

fn days_in_month(y: i64, m: i64) -> i64 {
    match m {
        2 if (y % 4 == 0 && y % 100 != 0) || y % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
/// `days_from_civil`).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The inverse of `days_from_civil`.
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = doy - (153 * mp + 2) / 5 + 1;
    let m = if mp < 10 { mp + 3 } else { mp - 9 };
    (
        if m <= 2 {
            yoe + era * 400 + 1
        } else {
            yoe + era * 400
        },
        m,
        d,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_instants_format_as_iso() {
        assert_eq!(Timestamp::from_unix(0).to_string(), "1970-01-01T00:00:00Z");
        // `date -u -d @1700000000`
        assert_eq!(
            Timestamp::from_unix(1_700_000_000).to_string(),
            "2023-11-14T22:13:20Z"
        );
        // A leap day.
        assert_eq!(
            Timestamp::from_unix(951_782_400).to_string(),
            "2000-02-29T00:00:00Z"
        );
        assert_eq!(
            Timestamp::from_unix(i64::MAX).to_string(),
            "9999-12-31T23:59:59Z"
        );
        assert_eq!(
            Timestamp::from_unix(1_700_000_000).compact(),
            "20231114T221320"
        );
        assert_eq!(Timestamp::from_unix(1_700_000_000).date(), "2023-11-14");
    }

    #[test]
    fn parse_round_trips_every_day_for_centuries() {
        // Noon of every 7th day from 1970 to ~2200 covers leap rules including 2100.
        for day in (0..84_000).step_by(7) {
            let t = Timestamp::from_unix(day * 86_400 + 43_200 + day % 60);
            assert_eq!(Timestamp::parse(&t.to_string()), Some(t), "{t}");
        }
    }

    #[test]
    fn parse_rejects_anything_else() {
        for bad in [
            "",
            "2023-11-14",
            "2023-11-14T22:13:20",
            "2023-11-14 22:13:20Z",
            "2023-02-29T00:00:00Z",
            "2023-13-01T00:00:00Z",
            "2023-11-14T24:00:00Z",
            "2023-11-14T22:60:00Z",
            "2023-11-14T22:13:20+08:00",
            "+023-11-14T22:13:20Z",
            "1969-12-31T23:59:59Z",
        ] {
            assert_eq!(Timestamp::parse(bad), None, "{bad}");
        }
        assert!(Timestamp::parse("2024-02-29T23:59:59Z").is_some());
    }

    #[test]
    fn now_is_after_this_code_was_written() {
        assert!(Timestamp::now() > Timestamp::parse("2024-01-01T00:00:00Z").unwrap());
    }

    #[test]
    fn evidence_dates() {
        for ok in ["", "2023", "2023-06", "2023-06-07", "2024-02-29"] {
            assert!(is_evidence_date(ok), "{ok}");
        }
        for bad in [
            "23",
            "20€3-01",
            "2023-6",
            "2023-13",
            "2023-02-30",
            "June 2023",
            "2023/06/07",
        ] {
            assert!(!is_evidence_date(bad), "{bad}");
        }
    }

    #[test]
    fn serde_uses_the_iso_string_and_reports_bad_ones() {
        let t = Timestamp::from_unix(1_700_000_000);
        assert_eq!(
            serde_json::to_string(&t).unwrap(),
            "\"2023-11-14T22:13:20Z\""
        );
        assert_eq!(
            serde_json::from_str::<Timestamp>("\"2023-11-14T22:13:20Z\"").unwrap(),
            t
        );
        let err = serde_json::from_str::<Timestamp>("\"yesterday\"").unwrap_err();
        assert!(err.to_string().contains("not a time like"), "{err}");
    }
}
