//! Calendar arithmetic for the rules (dates are parameters; the domain has no clock).

use chrono::{Datelike, Months, NaiveDate};

/// `datum` plus whole months, clamped to the month's end (31 Jan + 1 month = 28/29 Feb).
pub fn plus_monate(datum: NaiveDate, monate: u32) -> NaiveDate {
    datum.checked_add_months(Months::new(monate)).unwrap_or(NaiveDate::MAX)
}

pub fn minus_monate(datum: NaiveDate, monate: u32) -> NaiveDate {
    datum.checked_sub_months(Months::new(monate)).unwrap_or(NaiveDate::MIN)
}

pub fn plus_tage(datum: NaiveDate, tage: u32) -> NaiveDate {
    datum.checked_add_days(chrono::Days::new(u64::from(tage))).unwrap_or(NaiveDate::MAX)
}

pub fn minus_tage(datum: NaiveDate, tage: u32) -> NaiveDate {
    datum.checked_sub_days(chrono::Days::new(u64::from(tage))).unwrap_or(NaiveDate::MIN)
}

/// Whole years from `von` to `bis` (age).
pub fn jahre_zwischen(von: NaiveDate, bis: NaiveDate) -> i32 {
    let mut j = bis.year() - von.year();
    if (bis.month(), bis.day()) < (von.month(), von.day()) {
        j -= 1;
    }
    j
}

/// Local time in Germany (Europe/Berlin) at an instant: CET, CEST from the last Sunday of March
/// 01:00 UTC to the last Sunday of October 01:00 UTC (EU rule since 1996).
pub fn berlin_ortszeit(zeit: chrono::DateTime<chrono::Utc>) -> chrono::NaiveDateTime {
    let jahr = zeit.year();
    let letzter_sonntag = |monat: u32| {
        let ende = NaiveDate::from_ymd_opt(jahr, monat, 31).unwrap_or(NaiveDate::MIN);
        ende - chrono::Days::new(u64::from(ende.weekday().num_days_from_sunday()))
    };
    let beginn = letzter_sonntag(3).and_hms_opt(1, 0, 0).unwrap_or_default().and_utc();
    let ende = letzter_sonntag(10).and_hms_opt(1, 0, 0).unwrap_or_default().and_utc();
    let stunden = if zeit >= beginn && zeit < ende { 2 } else { 1 };
    (zeit + chrono::TimeDelta::hours(stunden)).naive_utc()
}

/// The calendar date in Germany at an instant (see [`berlin_ortszeit`]).
pub fn berlin_datum(zeit: chrono::DateTime<chrono::Utc>) -> NaiveDate {
    berlin_ortszeit(zeit).date()
}

/// The instant a day begins in Germany: 00:00 CET (23:00 UTC the day before) or CEST (22:00 UTC).
pub fn berlin_mitternacht(datum: NaiveDate) -> chrono::DateTime<chrono::Utc> {
    let utc = datum.and_time(chrono::NaiveTime::MIN).and_utc();
    let sommer = utc - chrono::TimeDelta::hours(2);
    if berlin_datum(sommer) == datum { sommer } else { utc - chrono::TimeDelta::hours(1) }
}

/// German date for messages: 24.11.2026.
pub fn de(datum: NaiveDate) -> String {
    format!("{:02}.{:02}.{}", datum.day(), datum.month(), datum.year())
}

/// Strict `JJJJ-MM-TT` (chrono alone also accepts `26-2-3`): exactly ten characters, a real date.
pub fn parse_strikt(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    let ziffern = |r: std::ops::Range<usize>| -> Option<u32> {
        b.get(r.clone())?.iter().try_fold(0u32, |n, c| c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0')))
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(i32::try_from(ziffern(0..4)?).ok()?, ziffern(5..7)?, ziffern(8..10)?)
}

/// serde helpers for the Fallakte's dates (used with `deserialize_with`).
pub mod serde_strikt {
    use chrono::NaiveDate;
    use serde::{Deserialize, Deserializer, de::Error};

    pub fn datum<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        super::parse_strikt(&text)
            .ok_or_else(|| D::Error::custom(format!("kein gültiges Datum, erwartet JJJJ-MM-TT: „{text}“")))
    }

    pub fn datum_opt<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match <Option<std::borrow::Cow<'de, str>>>::deserialize(d)? {
            None => Ok(None),
            Some(text) => super::parse_strikt(&text)
                .map(Some)
                .ok_or_else(|| D::Error::custom(format!("kein gültiges Datum, erwartet JJJJ-MM-TT: „{text}“"))),
        }
    }
}
