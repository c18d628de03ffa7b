//! Tests of `crates/app/src/geheimnis.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use vierphasen_app::geheimnis::*;

#[test]
fn zufaellig_und_lang_genug() {
    let a = neu();
    let b = neu();
    assert_ne!(a, b);
    assert_eq!(a.len(), 43);
    assert!(a.chars().all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_'), "{a}");
}

#[test]
fn hash_stabil() {
    let h = hash("abc");
    assert_eq!(h, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    assert_eq!(h, hash("abc"));
    assert_eq!(h.len(), 64);
    assert!(h.chars().all(|c| c.is_ascii_hexdigit()));
    assert_ne!(h, hash("abd"));
}
