//! EDM primitive types that need more than a std or crate type, and their serde helpers.
//!
//! - [`DateTimeOffset`] and [`TimeOfDay`] parse to `time` values but keep the text they were
//!   read from: the service writes fractions with varying digits (`.9489247`, `.951111`,
//!   `.2730000`), and a re-serialised value must be the text that arrived, not a normalised
//!   one. Values built from `time` types get the service's own canonical form.
//! - [`Duration`] is ISO 8601 text (`PT1H30M`, `P1D`), validated, with its parts parsed.
//! - `Edm.Binary` fields are `Vec<u8>` serialised as base64 through [`base64`]; [`Base64`] is
//!   the same as a type, for a bare binary value (a function's `{"value": ...}`).
//! - `Edm.Date` is `time::Date` (its serde form is `YYYY-MM-DD`), `Edm.Guid` is
//!   `uuid::Uuid`.
//!
//! The parsers are written out here rather than taken from `time`'s RFC 3339 support so the
//! accepted forms are exactly the ones documented below, and `time` builds without its
//! parsing and formatting features.

use std::cmp::Ordering;
use std::fmt;
use std::hash::{Hash, Hasher};
use std::str::FromStr;

pub mod base64;
mod duration;

pub use self::base64::Base64;
pub use self::duration::{Duration, DurationParts};

/// A text that is not a valid value of an EDM primitive type.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParseError {
    /// The EDM type (`DateTimeOffset`, `TimeOfDay`, `Duration`, `Binary`).
    pub kind: &'static str,
    /// The rejected text.
    pub text: String,
}

impl ParseError {
    pub(crate) fn new(kind: &'static str, text: &str) -> Self {
        Self {
            kind,
            text: text.to_owned(),
        }
    }
}

impl fmt::Display for ParseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a valid Edm.{}", self.text, self.kind)
    }
}

impl std::error::Error for ParseError {}

/// Exactly `n` ASCII digits at the start of `text`, and the rest.
fn digits(text: &str, n: usize) -> Option<(u32, &str)> {
    let head = text.get(..n)?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    Some((head.parse().ok()?, &text[n..]))
}

/// `.fraction` (one or more digits) at the start of `text`, as nanoseconds (digits past the
/// ninth are dropped), and the rest; `(0, text)` when there is no `.`.
fn fraction(text: &str) -> Option<(u32, &str)> {
    let Some(after) = text.strip_prefix('.') else {
        return Some((0, text));
    };
    let len = after.bytes().take_while(u8::is_ascii_digit).count();
    if len == 0 {
        return None;
    }
    let mut nanos = 0u32;
    for (i, b) in after.bytes().take(9).enumerate().take(len) {
        nanos += u32::from(b - b'0') * 10u32.pow(8 - i as u32);
    }
    Some((nanos, &after[len..]))
}

/// `[-]YYYY-MM-DD`.
fn parse_date(text: &str) -> Option<(time::Date, &str)> {
    let (negative, text) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (year, text) = digits(text, 4)?;
    let (month, text) = digits(text.strip_prefix('-')?, 2)?;
    let (day, text) = digits(text.strip_prefix('-')?, 2)?;
    let year = i32::try_from(year).ok()?;
    let year = if negative { -year } else { year };
    let month = time::Month::try_from(u8::try_from(month).ok()?).ok()?;
    let date = time::Date::from_calendar_date(year, month, u8::try_from(day).ok()?).ok()?;
    Some((date, text))
}

/// `HH:MM[:SS[.fraction]]`, as OData writes a time of day.
fn parse_time(text: &str) -> Option<(time::Time, &str)> {
    let (hour, text) = digits(text, 2)?;
    let (minute, text) = digits(text.strip_prefix(':')?, 2)?;
    let (second, nanos, text) = match text.strip_prefix(':') {
        Some(rest) => {
            let (second, rest) = digits(rest, 2)?;
            let (nanos, rest) = fraction(rest)?;
            (second, nanos, rest)
        }
        None => (0, 0, text),
    };
    let time = time::Time::from_hms_nano(
        u8::try_from(hour).ok()?,
        u8::try_from(minute).ok()?,
        u8::try_from(second).ok()?,
        nanos,
    )
    .ok()?;
    Some((time, text))
}

/// `Z`, `z` or `±HH:MM`; nothing is UTC (see [`DateTimeOffset`]).
fn parse_offset(text: &str) -> Option<time::UtcOffset> {
    match text {
        "" | "Z" | "z" => return Some(time::UtcOffset::UTC),
        _ => {}
    }
    let (sign, rest) = match text.as_bytes().first()? {
        b'+' => (1i8, &text[1..]),
        b'-' => (-1i8, &text[1..]),
        _ => return None,
    };
    let (hours, rest) = digits(rest, 2)?;
    let (minutes, rest) = digits(rest.strip_prefix(':')?, 2)?;
    if !rest.is_empty() {
        return None;
    }
    let hours = i8::try_from(hours).ok()?;
    let minutes = i8::try_from(minutes).ok()?;
    time::UtcOffset::from_hms(sign * hours, sign * minutes, 0).ok()
}

fn write_date(out: &mut String, date: time::Date) {
    use fmt::Write as _;
    let year = date.year();
    let sign = if year < 0 { "-" } else { "" };
    let _ = write!(
        out,
        "{sign}{:04}-{:02}-{:02}",
        year.unsigned_abs(),
        u8::from(date.month()),
        date.day()
    );
}

/// `HH:MM:SS`, then the fraction: `digits` fixed digits, or as few as needed when `None`.
fn write_time(out: &mut String, time: time::Time, digits: Option<usize>) {
    use fmt::Write as _;
    let _ = write!(
        out,
        "{:02}:{:02}:{:02}",
        time.hour(),
        time.minute(),
        time.second()
    );
    let nanos = time.nanosecond();
    if nanos != 0 {
        let all = format!("{nanos:09}");
        let shown = match digits {
            Some(n) => &all[..n.min(9)],
            None => all.trim_end_matches('0'),
        };
        out.push('.');
        out.push_str(shown);
    }
}

/// Parsed value plus source text: equal when both are, ordered by value then text, so
/// `Eq`, `Ord` and `Hash` agree.
macro_rules! text_backed {
    ($name:ident, $value:ty) => {
        impl $name {
            /// The parsed value.
            pub fn get(&self) -> $value {
                self.value
            }

            /// The text this value was read from (or its canonical form, when built from a
            /// value).
            pub fn as_str(&self) -> &str {
                &self.text
            }
        }

        impl PartialEq for $name {
            fn eq(&self, other: &Self) -> bool {
                self.value == other.value && self.text == other.text
            }
        }

        impl Eq for $name {}

        impl Hash for $name {
            fn hash<H: Hasher>(&self, state: &mut H) {
                self.value.hash(state);
                self.text.hash(state);
            }
        }

        impl PartialOrd for $name {
            fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
                Some(self.cmp(other))
            }
        }

        impl Ord for $name {
            fn cmp(&self, other: &Self) -> Ordering {
                self.value
                    .cmp(&other.value)
                    .then_with(|| self.text.cmp(&other.text))
            }
        }

        impl From<$value> for $name {
            fn from(value: $value) -> Self {
                Self::new(value)
            }
        }

        impl From<$name> for $value {
            fn from(value: $name) -> Self {
                value.value
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.text)
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                serializer.serialize_str(&self.text)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                let text = <String as serde::Deserialize>::deserialize(deserializer)?;
                text.parse().map_err(serde::de::Error::custom)
            }
        }
    };
}

/// `Edm.DateTimeOffset`: an instant with the offset it was written in.
///
/// Read: `YYYY-MM-DDTHH:MM[:SS[.fraction]]` then `Z` or `±HH:MM` (RFC 3339, with OData's
/// optional seconds and any number of fraction digits, nanoseconds kept). A value without an
/// offset is read as UTC, which is what Graph documents its timestamps to be. Written back:
/// exactly the text that was read. Built from a `time::OffsetDateTime`: the service's form,
/// fraction digits as needed and `Z` for UTC (`2017-01-01T00:02:14.9489247-08:00`,
/// `0001-01-01T00:00:00Z`).
///
/// Equality compares the instant, the offset and the text; compare [`get`](Self::get) values
/// to compare instants alone.
#[derive(Clone, Debug)]
pub struct DateTimeOffset {
    value: time::OffsetDateTime,
    text: Box<str>,
}

impl DateTimeOffset {
    /// The value with its canonical text.
    pub fn new(value: time::OffsetDateTime) -> Self {
        // RFC 3339 offsets have no seconds; such a value is written in UTC instead.
        let value = if value.offset().seconds_past_minute() == 0 {
            value
        } else {
            value
                .checked_to_offset(time::UtcOffset::UTC)
                .unwrap_or(value)
        };
        let mut text = String::with_capacity(33);
        write_date(&mut text, value.date());
        text.push('T');
        write_time(&mut text, value.time(), None);
        let offset = value.offset();
        if offset.is_utc() {
            text.push('Z');
        } else {
            use fmt::Write as _;
            let sign = if offset.is_negative() { '-' } else { '+' };
            let _ = write!(
                text,
                "{sign}{:02}:{:02}",
                offset.whole_hours().unsigned_abs(),
                offset.minutes_past_hour().unsigned_abs()
            );
        }
        Self {
            value,
            text: text.into(),
        }
    }
}

impl FromStr for DateTimeOffset {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        let parse = || {
            let (date, rest) = parse_date(text)?;
            let rest = rest.strip_prefix(['T', 't'])?;
            let (time, rest) = parse_time(rest)?;
            let offset = parse_offset(rest)?;
            Some(time::PrimitiveDateTime::new(date, time).assume_offset(offset))
        };
        match parse() {
            Some(value) => Ok(Self {
                value,
                text: text.into(),
            }),
            None => Err(ParseError::new("DateTimeOffset", text)),
        }
    }
}

text_backed!(DateTimeOffset, time::OffsetDateTime);

/// `Edm.TimeOfDay`: a time of day, `HH:MM[:SS[.fraction]]`.
///
/// Written back as the text that was read. Built from a `time::Time`: `HH:MM:SS`, plus seven
/// fraction digits (the service's form, `12:03:30.2730000`) when there is a fraction, nine
/// when the value is finer than 100 ns.
#[derive(Clone, Debug)]
pub struct TimeOfDay {
    value: time::Time,
    text: Box<str>,
}

impl TimeOfDay {
    /// The value with its canonical text.
    pub fn new(value: time::Time) -> Self {
        let digits = if value.nanosecond() % 100 == 0 { 7 } else { 9 };
        let mut text = String::with_capacity(18);
        write_time(&mut text, value, Some(digits));
        Self {
            value,
            text: text.into(),
        }
    }
}

impl FromStr for TimeOfDay {
    type Err = ParseError;

    fn from_str(text: &str) -> Result<Self, ParseError> {
        match parse_time(text) {
            Some((value, "")) => Ok(Self {
                value,
                text: text.into(),
            }),
            _ => Err(ParseError::new("TimeOfDay", text)),
        }
    }
}

text_backed!(TimeOfDay, time::Time);
