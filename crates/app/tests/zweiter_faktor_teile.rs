//! Tests of `crates/app/src/zweiter_faktor.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use vierphasen_app::zweiter_faktor::*;
use vierphasen_domain::zugriff::Rolle;

#[test]
fn wiederherstellungscodes_form() {
    let c = neuer_wiederherstellungscode();
    assert_eq!(c.len(), 11, "{c}");
    assert_eq!(&c[5..6], "-");
    assert_eq!(code_normalisiert(&c.to_uppercase()).len(), 10);
    assert_ne!(c, neuer_wiederherstellungscode());
}

#[test]
fn rollen_die_fallinhalte_lesen() {
    assert!(liest_fallinhalte(Rolle::Vfk));
    assert!(liest_fallinhalte(Rolle::Datenschutz));
    assert!(!liest_fallinhalte(Rolle::Admin));
}
