//! The catalogue: complete per the seed, spellings resolved, broken files refused.

use vierphasen_domain::katalog::{KatalogTexte, KldbCode};
use vierphasen_domain::{Katalog, Schluesselgruppe};

use super::basis::katalog;

#[test]
fn catalogue_holds_the_seed_tables() {
    let k = katalog();
    assert_eq!(k.merkmale.len(), 15);
    assert_eq!(k.strategien.len(), 29);
    assert_eq!(k.strategien.iter().filter(|s| s.uebergreifend).count(), 6);
    assert_eq!(k.zieloptionen.len(), 10);
    assert_eq!(k.profillagen.len(), 9);
    assert_eq!(k.z_gruende.len(), 5);
    assert_eq!(
        k.leistungen.iter().filter(|l| l.dienst == "berufspsychologischer_service").count(),
        13,
        "U5: 13 BPS services"
    );
    let kategorien: std::collections::BTreeSet<&str> = k
        .leistungen
        .iter()
        .filter(|l| l.dienst == "berufspsychologischer_service")
        .map(|l| l.kategorie.as_str())
        .collect();
    assert_eq!(kategorien.len(), 6, "U5: in 6 categories");
    assert!(k.produkte.len() >= 20, "PK1");
}

#[test]
fn s14_every_strategy_has_guidance() {
    for s in &katalog().strategien {
        let l = &s.leitfaden;
        assert!(
            !l.schritte.is_empty()
                && !l.aktivitaeten_kunde.is_empty()
                && !l.aktivitaeten_vfk.is_empty()
                && !l.ev_textbaustein.is_empty(),
            "{}",
            s.id
        );
    }
}

#[test]
fn seed_spelling_variants_resolve_to_one_entry() {
    let k = katalog();
    let a = k.finde_strategie("Berufliche (Teil-) Qualifikation realisieren");
    assert!(a.is_some());
    assert_eq!(a, k.finde_strategie("Berufliche (Teil-)Qualifikation realisieren"));
    assert_eq!(a, k.finde_strategie("Berufliche (Teil-) Qualifizierung realisieren"));
    assert_eq!(
        k.finde_strategie("Nachhaltiger Übergang in Selbstständigkeit"),
        k.finde_strategie("uebergang_selbstaendigkeit")
    );
    assert_eq!(k.finde_zieloption("Selbständigkeit").map(|z| z.id.as_str()), Some("selbststaendigkeit"));
    assert_eq!(k.finde_gruppe("R"), Some(Schluesselgruppe::Rahmenbedingungen));
}

#[test]
fn kldb_zielberuf_search_by_example_title() {
    let k = katalog();
    assert!(k.berufe.anzahl() > 1_290);
    let treffer = k.berufe.suchen("Fachinformatiker Anwendungsentwicklung", 5);
    assert_eq!(treffer.first().map(|b| b.kldb.as_str()), Some("43412"));
    assert!(k.berufe.suchen("Bäcker", 5).iter().any(|b| b.titel.contains("Back")));
    let militaer = KldbCode::parse("01104").expect("code");
    assert!(k.berufe.get(militaer).is_some(), "military codes get their leading zero");
    assert!(KldbCode::parse("4341").is_none());
}

#[test]
fn broken_catalogue_is_refused_with_the_file_named() {
    let mut t = KatalogTexte::eingebaut();
    let kaputt = t.strategien.replace("merkmale = [\"berufserfahrung\"]", "merkmale = [\"gibt_es_nicht\"]");
    t.strategien = &kaputt;
    let e = Katalog::laden(t).expect_err("unknown Merkmal");
    assert_eq!(e.datei, "strategien.toml");
    assert!(e.meldung.contains("gibt_es_nicht"));
}

#[test]
fn pk1_products_recommended_per_strategy_and_rechtskreis() {
    let k = katalog();
    let sgb3: Vec<&str> = k
        .produkte_fuer("uebergang_selbstaendigkeit", vierphasen_domain::Rechtskreis::SgbIII)
        .map(|p| p.id.as_str())
        .collect();
    let sgb2: Vec<&str> = k
        .produkte_fuer("uebergang_selbstaendigkeit", vierphasen_domain::Rechtskreis::SgbII)
        .map(|p| p.id.as_str())
        .collect();
    assert!(sgb3.iter().any(|p| p.contains("gruendungszuschuss")), "{sgb3:?}");
    assert!(!sgb2.iter().any(|p| p.contains("gruendungszuschuss")), "Gründungszuschuss is SGB III only: {sgb2:?}");
    assert!(sgb2.iter().any(|p| p.contains("einstiegsgeld")), "{sgb2:?}");
}
