//! Tests of `crates/web/src/seiten/profiling/formular.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use vierphasen_web::seiten::profiling::formular::*;

#[test]
fn praefix_der_regeln_faellt_weg() {
    assert_eq!(ohne_praefix("profiling[2].merkmale[0].kommentar"), "merkmale[0].kommentar");
    assert_eq!(ohne_praefix("profiling.profillage.begruendung"), "profillage.begruendung");
    assert_eq!(ohne_praefix("zielberuf"), "zielberuf");
}

#[test]
fn felder_der_regeln_landen_am_eingabefeld() {
    let f = Formularstand {
        bewertungen: vec![
            Bewertung { merkmal: "a".into(), status: String::new(), kommentar: String::new() },
            Bewertung { merkmal: "b".into(), status: "zu_klaeren".into(), kommentar: String::new() },
        ],
        ..Default::default()
    };
    assert_eq!(f.feld("profiling[0].merkmale[0].kommentar").map(|x| x.0), Some("kommentar_b".to_owned()));
    assert_eq!(f.feld("staerken[2].bezeichnung").map(|x| x.0), Some("staerke_bezeichnung_2".to_owned()));
    assert_eq!(f.feld("profiling.profillage.begruendung").map(|x| x.0), Some("begruendung".to_owned()));
    assert_eq!(f.feld("standortbestimmung.fazit").map(|x| x.0), Some("sb_fazit".to_owned()));
    assert_eq!(f.feld("profiling[0]"), None);
}
