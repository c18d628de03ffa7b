//! Tests of `crates/domain/src/formular.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use chrono::NaiveDate;
use vierphasen_domain::formular::*;

#[test]
fn liest_wiederholte_namen_und_leere_werte() {
    let f = lesen(b"a=+1+&b=&a=2&c=%C3%A4").unwrap();
    assert_eq!(wert(&f, "a"), Some("1"));
    assert_eq!(wert(&f, "b"), None);
    assert_eq!(alle(&f, "a"), ["1", "2"]);
    assert_eq!(wert(&f, "c"), Some("ä"));
    // Bytes that are no UTF-8 arrive as U+FFFD, as browsers show them; the form is not lost.
    assert_eq!(wert(&lesen(b"a=%FF").unwrap(), "a"), Some("\u{fffd}"));
}

#[test]
fn datum_und_zahl_wie_getippt() {
    let tag = NaiveDate::from_ymd_opt(2026, 12, 31);
    assert_eq!(datum("2026-12-31"), tag);
    assert_eq!(datum("31.12.2026"), tag);
    assert_eq!(datum("31.13.2026"), None);
    assert_eq!(kommazahl("52,52"), Some(52.52));
    assert_eq!(kommazahl("52.52"), Some(52.52));
    assert_eq!(kommazahl("52 Grad"), None);
}
