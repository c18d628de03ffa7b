//! Tests of `crates/domain/src/monat.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use chrono::NaiveDate;
use vierphasen_domain::monat::*;

#[test]
fn monate_lesen() {
    let sep = Monat::neu(2015, 9);
    assert_eq!(Monat::parse_strikt("2015-09").ok(), sep);
    for eingabe in ["2015-09", "09/2015", "9/2015", "09.2015", " 9.2015 "] {
        assert_eq!(Monat::lesen(eingabe).ok(), sep, "{eingabe:?}");
    }
    for falsch in ["2015-9", "2015-13", "13/2015", "09/15", "2015", "", "1899-12", "2015-09-01"] {
        assert!(Monat::lesen(falsch).is_err(), "{falsch:?}");
    }
    assert!(Monat::parse_strikt("09/2015").is_err());
    let m = Monat::neu(2015, 9).unwrap_or_else(|| Monat::von_datum(NaiveDate::MIN));
    assert_eq!(m.to_string(), "09/2015");
    assert_eq!(serde_json::to_string(&m).ok().as_deref(), Some("\"2015-09\""));
    assert!(Monat::neu(2015, 8) < Monat::neu(2015, 9));
}
