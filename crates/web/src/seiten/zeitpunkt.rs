//! Instants as the pages show them: date and time in Germany (TT.MM.JJJJ, HH:MM Uhr).

use chrono::{DateTime, Datelike, Days, NaiveDate, TimeDelta, Utc};

/// CET, CEST from the last Sunday of March 01:00 UTC to the last Sunday of October 01:00 UTC (the
/// rule `vierphasen_domain::datum::berlin_datum` uses for the date).
fn berlin(zeit: DateTime<Utc>) -> chrono::NaiveDateTime {
    let letzter_sonntag = |monat: u32| {
        let ende = NaiveDate::from_ymd_opt(zeit.year(), monat, 31).unwrap_or(NaiveDate::MIN);
        ende - Days::new(u64::from(ende.weekday().num_days_from_sunday()))
    };
    let beginn = letzter_sonntag(3).and_hms_opt(1, 0, 0).unwrap_or_default().and_utc();
    let ende = letzter_sonntag(10).and_hms_opt(1, 0, 0).unwrap_or_default().and_utc();
    let stunden = if zeit >= beginn && zeit < ende { 2 } else { 1 };
    (zeit + TimeDelta::hours(stunden)).naive_utc()
}

/// `24.11.2026, 09:05 Uhr`
pub fn zeit_text(zeit: DateTime<Utc>) -> String {
    berlin(zeit).format("%d.%m.%Y, %H:%M Uhr").to_string()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn winter_und_sommerzeit() {
        let winter = DateTime::parse_from_rfc3339("2026-01-15T08:05:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(zeit_text(winter), "15.01.2026, 09:05 Uhr");
        let sommer = DateTime::parse_from_rfc3339("2026-07-01T22:30:00Z").unwrap().with_timezone(&Utc);
        assert_eq!(zeit_text(sommer), "02.07.2026, 00:30 Uhr");
    }
}
