//! Dates and instants as the pages show them: in Germany (Europe/Berlin), TT.MM.JJJJ, HH:MM Uhr.

use chrono::{DateTime, NaiveDate, Utc};
use vierphasen_domain::datum::{berlin_datum, berlin_ortszeit};

/// `24.11.2026`
pub fn datum_text(d: NaiveDate) -> String {
    vierphasen_domain::datum::de(d)
}

/// The day of an instant in Germany: `24.11.2026`.
pub fn tag_text(zeit: DateTime<Utc>) -> String {
    datum_text(berlin_datum(zeit))
}

/// `24.11.2026, 09:05 Uhr`
pub fn zeit_text(zeit: DateTime<Utc>) -> String {
    berlin_ortszeit(zeit).format("%d.%m.%Y, %H:%M Uhr").to_string()
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
        assert_eq!(tag_text(sommer), "02.07.2026");
        assert_eq!(datum_text(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()), "05.03.2026");
    }
}
