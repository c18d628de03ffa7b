//! Tests of `crates/domain/src/katalog/normalisieren.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use vierphasen_domain::katalog::normalisieren::*;

#[test]
fn seed_spellings_fold_to_one_key() {
    assert_eq!(
        schluessel("Berufliche (Teil-) Qualifikation realisieren"),
        schluessel("Berufliche (Teil-)Qualifikation realisieren")
    );
    assert_eq!(schluessel("Selbstständigkeit"), schluessel("Selbständigkeit"));
    assert_ne!(schluessel("Berufsabschluss erwerben"), schluessel("Schulabschluss erwerben"));
}

#[test]
fn search_text_spells_out_umlauts() {
    assert_eq!(suchtext("Bäcker/in – Fachkraft"), "baecker in fachkraft");
}
