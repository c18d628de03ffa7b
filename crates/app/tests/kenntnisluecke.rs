//! Tests of `crates/app/src/fall/kenntnisluecke.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use vierphasen_app::fall::kenntnisluecke::Kenntnisart::{self, *};
use vierphasen_domain::Katalog;

#[test]
fn art_aus_dem_namen_und_ihre_strategie() {
    let faelle = [
        ("Führerschein Klasse B", Fuehrerschein),
        ("Fahrerlaubnis CE mit Modul 95", Fuehrerschein),
        ("Deutsch", Deutsch),
        ("Deutschkenntnisse (B2)", Deutsch),
        ("Englisch - Verhandlungssicher", Fremdsprache),
        ("Türkischkenntnisse", Fremdsprache),
        ("Staplerschein", Fachlich),
        ("Prüfung nach DIN VDE 0100", Fachlich),
        ("Deutschlandweite Montage", Fachlich),
    ];
    for (name, art) in faelle {
        assert_eq!(Kenntnisart::aus_name(name), art, "{name}");
    }
    let k = Katalog::standard().unwrap_or_else(|e| panic!("{e}"));
    for art in [Deutsch, Fremdsprache, Fuehrerschein, Fachlich] {
        assert!(k.finde_strategie(art.strategie()).is_some(), "{art:?}: Strategie im Katalog");
    }
}
