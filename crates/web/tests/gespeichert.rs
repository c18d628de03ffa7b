//! Tests of `crates/web/src/seiten/gespeichert.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use vierphasen_web::seiten::gespeichert::*;

#[test]
fn schluessel_hin_und_zurueck() {
    for g in [Gespeichert::Kunde, Gespeichert::EvBearbeitet, Gespeichert::Stelle] {
        assert_eq!(Gespeichert::aus(g.schluessel()), Some(g));
    }
    assert_eq!(Gespeichert::aus("<script>"), None);
    assert_eq!(Gespeichert::Ziel.nach("/kunden/7"), "/kunden/7?gespeichert=ziel");
    assert_eq!(Erledigt::Sitzung.nach("/profil"), "/profil?erledigt=sitzung");
    assert_eq!(Erledigt::aus("sitzung"), Some(Erledigt::Sitzung));
}
