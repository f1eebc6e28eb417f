//! `Edm.Duration`: ISO 8601 duration text, validated, kept as written, with its parts.

use std::fmt;
use std::str::FromStr;

use super::{fraction, ParseError};

/// The parts of an ISO 8601 duration, as written (`P1Y2M3W4DT5H6M7.5S`).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct DurationParts {
    /// A leading `-`.
    pub negative: bool,
    pub years: u64,
    pub months: u64,
    pub weeks: u64,
    pub days: u64,
    pub hours: u64,
    pub minutes: u64,
    pub seconds: u64,
    /// The seconds' fraction, in nanoseconds (digits past the ninth are dropped).
    pub nanoseconds: u32,
}

/// `Edm.Duration`: ISO 8601 duration text (`PT1H30M`, `P1D`, `-PT3M9.8396734S`), validated
/// and kept as written, with its [`parts`](Self::parts) parsed.
///
/// Accepted: an optional `-`, `P`, then any of `nY`, `nM`, `nW`, `nD` in that order, then
/// optionally `T` and any of `nH`, `nM`, `n[.fraction]S`; at least one part, and at least
/// one after a `T`.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Duration {
    text: Box<str>,
    parts: DurationParts,
}

impl Duration {
    /// The text as written.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// The parsed parts.
    pub fn parts(&self) -> DurationParts {
        self.parts
    }

    /// The length as a `time::Duration`, when it has one: `None` when the text has years or
    /// months (their length depends on the calendar) or does not fit. Weeks are 7 days and
    /// days 24 hours.
    pub fn to_time(&self) -> Option<time::Duration> {
        let p = self.parts;
        if p.years != 0 || p.months != 0 {
            return None;
        }
        let days = p.weeks.checked_mul(7)?.checked_add(p.days)?;
        let seconds = days
            .checked_mul(86_400)?
            .checked_add(p.hours.checked_mul(3_600)?)?
            .checked_add(p.minutes.checked_mul(60)?)?
            .checked_add(p.seconds)?;
        let seconds = i64::try_from(seconds).ok()?;
        let nanos = i32::try_from(p.nanoseconds).ok()?;
        let length = time::Duration::new(seconds, nanos);
        Some(if p.negative { -length } else { length })
    }
}

impl From<time::Duration> for Duration {
    /// The canonical text: `[-]P[nD][T[nH][nM][n[.fraction]S]]`, `PT0S` for zero.
    fn from(value: time::Duration) -> Self {
        use fmt::Write as _;
        let negative = value.is_negative();
        let total = value.whole_seconds().unsigned_abs();
        let nanoseconds = value.subsec_nanoseconds().unsigned_abs();
        let parts = DurationParts {
            negative,
            days: total / 86_400,
            hours: total % 86_400 / 3_600,
            minutes: total % 3_600 / 60,
            seconds: total % 60,
            nanoseconds,
            ..DurationParts::default()
        };
        let mut text = String::from(if negative { "-P" } else { "P" });
        if parts.days != 0 {
            let _ = write!(text, "{}D", parts.days);
        }
        let has_time = parts.hours != 0 || parts.minutes != 0 || parts.seconds != 0;
        if has_time || nanoseconds != 0 || parts.days == 0 {
            text.push('T');
            if parts.hours != 0 {
                let _ = write!(text, "{}H", parts.hours);
            }
            if parts.minutes != 0 {
                let _ = write!(text, "{}M", parts.minutes);
            }
            if parts.seconds != 0 || nanoseconds != 0 || !has_time {
                let _ = write!(text, "{}", parts.seconds);
                if nanoseconds != 0 {
                    let fraction = format!("{nanoseconds:09}");
                    let _ = write!(text, ".{}", fraction.trim_end_matches('0'));
                }
                text.push('S');
            }
        }
        Self {
            text: text.into(),
            parts,
        }
    }
}

impl FromStr for Duration {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        parse_duration(text)
            .map(|parts| Self {
                text: text.into(),
                parts,
            })
            .ok_or_else(|| ParseError::new("Duration", text))
    }
}

fn parse_duration(text: &str) -> Option<DurationParts> {
    let mut parts = DurationParts::default();
    let rest = match text.strip_prefix('-') {
        Some(rest) => {
            parts.negative = true;
            rest
        }
        None => text,
    };
    let rest = rest.strip_prefix('P')?;
    let (date, time) = match rest.split_once('T') {
        Some((date, time)) => (date, Some(time)),
        None => (rest, None),
    };
    // (designator, slot) in the order ISO 8601 requires; each at most once.
    let mut any = false;
    let mut date = date;
    for designator in ['Y', 'M', 'W', 'D'] {
        if let Some((number, rest)) = number_before(date, designator) {
            let slot = match designator {
                'Y' => &mut parts.years,
                'M' => &mut parts.months,
                'W' => &mut parts.weeks,
                _ => &mut parts.days,
            };
            *slot = number;
            date = rest;
            any = true;
        }
    }
    if !date.is_empty() {
        return None;
    }
    if let Some(mut time) = time {
        let mut any_time = false;
        for designator in ['H', 'M'] {
            if let Some((number, rest)) = number_before(time, designator) {
                if designator == 'H' {
                    parts.hours = number;
                } else {
                    parts.minutes = number;
                }
                time = rest;
                any_time = true;
            }
        }
        if let Some(body) = time.strip_suffix('S') {
            let whole_len = body.bytes().take_while(u8::is_ascii_digit).count();
            if whole_len == 0 {
                return None;
            }
            parts.seconds = body[..whole_len].parse().ok()?;
            let (nanos, rest) = fraction(&body[whole_len..])?;
            if !rest.is_empty() {
                return None;
            }
            parts.nanoseconds = nanos;
            time = "";
            any_time = true;
        }
        if !time.is_empty() || !any_time {
            return None;
        }
        any = true;
    }
    any.then_some(parts)
}

/// Digits followed by `designator` at the start of `text`: the number and the rest.
fn number_before(text: &str, designator: char) -> Option<(u64, &str)> {
    let len = text.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 || !text[len..].starts_with(designator) {
        return None;
    }
    Some((text[..len].parse().ok()?, &text[len + 1..]))
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.text)
    }
}

impl serde::Serialize for Duration {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.text)
    }
}

impl<'de> serde::Deserialize<'de> for Duration {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <String as serde::Deserialize>::deserialize(deserializer)?;
        text.parse().map_err(serde::de::Error::custom)
    }
}
