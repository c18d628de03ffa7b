//! Tests of `crates/web/src/seiten/anzeige/datum.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use chrono::{DateTime, NaiveDate, Utc};
use vierphasen_web::seiten::anzeige::datum::*;

#[test]
fn winter_und_sommerzeit() {
    let winter = DateTime::parse_from_rfc3339("2026-01-15T08:05:00Z").unwrap().with_timezone(&Utc);
    assert_eq!(zeit_text(winter), "15.01.2026, 09:05 Uhr");
    let sommer = DateTime::parse_from_rfc3339("2026-07-01T22:30:00Z").unwrap().with_timezone(&Utc);
    assert_eq!(zeit_text(sommer), "02.07.2026, 00:30 Uhr");
    assert_eq!(tag_text(sommer), "02.07.2026");
    assert_eq!(datum_text(NaiveDate::from_ymd_opt(2026, 3, 5).unwrap()), "05.03.2026");
}
