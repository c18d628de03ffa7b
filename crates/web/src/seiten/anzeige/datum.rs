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
