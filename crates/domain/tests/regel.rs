//! Tests of `crates/domain/src/regel.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use vierphasen_domain::regel::Regel;

#[test]
fn ids_lesen_sich_zurueck() {
    for r in Regel::ALLE {
        assert_eq!(Regel::aus_id(r.id()), Some(*r));
    }
    assert_eq!(Regel::aus_id("S1a"), Some(Regel::S1a));
    assert_eq!(Regel::aus_id("X9"), None);
    assert_eq!(serde_json::to_string(&Regel::PL2a).ok().as_deref(), Some("\"PL2a\""));
}
