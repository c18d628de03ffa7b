//! Tests of `crates/documents/src/namen.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use vierphasen_documents::namen::absaetze;

#[test]
fn leerzeilen_trennen_absaetze_zeilenumbrueche_bleiben() {
    assert_eq!(
        absaetze("Erster\nzweite Zeile\n\n\r\nDritter  \n"),
        vec![vec!["Erster".to_string(), "zweite Zeile".into()], vec!["Dritter".into()]]
    );
    assert!(absaetze("  \n\n").is_empty());
}
