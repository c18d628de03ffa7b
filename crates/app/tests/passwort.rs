//! Tests of `crates/app/src/passwort.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use argon2::password_hash::{PasswordHasher, SaltString};
use vierphasen_app::passwort::*;

#[test]
fn zu_kurz() {
    assert_eq!(richtlinie_pruefen("Kx7#pQ2", "anna"), Err(PasswortFehler::ZuKurz));
    // 7 characters but 14 bytes: counted in characters
    assert_eq!(richtlinie_pruefen("äöüäöüä", "anna"), Err(PasswortFehler::ZuKurz));
    assert_eq!(PasswortFehler::ZuKurz.to_string(), "Das Passwort muss mindestens 8 Zeichen lang sein.");
}

#[test]
fn zu_lang() {
    assert_eq!(richtlinie_pruefen(&"x".repeat(129), "anna"), Err(PasswortFehler::ZuLang));
    assert_eq!(richtlinie_pruefen(&"x".repeat(128), "anna"), Ok(()));
}

#[test]
fn genau_acht_ok() {
    assert_eq!(richtlinie_pruefen("Kx7#pQ2m", "anna"), Ok(()));
    assert_eq!(richtlinie_pruefen("äöüäöüäß", "anna"), Ok(()));
}

#[test]
fn haeufige_abgelehnt() {
    for p in ["password123", "PassWord123", "passwort", "hallo123", "12345678", "iloveyou"] {
        assert_eq!(richtlinie_pruefen(p, "anna"), Err(PasswortFehler::ZuBekannt), "{p}");
    }
}

#[test]
fn liste_wohlgeformt() {
    let liste: Vec<&str> = LISTE.lines().collect();
    assert_eq!(liste.len(), 10_000);
    assert_eq!(haeufige().len(), 10_000);
    for z in liste {
        assert!(z.chars().count() >= MINDESTLAENGE, "{z}");
        assert_eq!(z, z.to_lowercase(), "{z}");
        assert_eq!(z, z.trim(), "{z}");
    }
}

#[test]
fn login_abgelehnt() {
    assert_eq!(richtlinie_pruefen("mmustermann", "mmustermann"), Err(PasswortFehler::EnthaeltLogin));
    assert_eq!(richtlinie_pruefen("XyMMusterMann42", "mmustermann"), Err(PasswortFehler::EnthaeltLogin));
    // very short logins are only refused as the whole password
    assert_eq!(richtlinie_pruefen("Kx7#pQ2m", "x"), Ok(()));
    assert_eq!(richtlinie_pruefen("Kx7#pQ2m", ""), Ok(()));
}

#[test]
fn hash_und_pruefung() {
    let phc = hashen("Kx7#pQ2m-lang");
    assert!(phc.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"), "{phc}");
    assert!(verifizieren("Kx7#pQ2m-lang", &phc));
    assert!(!verifizieren("Kx7#pQ2m-lanG", &phc));
    assert_ne!(phc, hashen("Kx7#pQ2m-lang"), "salt must be random");
}

#[test]
fn unicode_normalisiert() {
    let zusammengesetzt = "Caf\u{e9}-Kx7#pQ2m";
    let zerlegt = "Cafe\u{301}-Kx7#pQ2m";
    assert_ne!(zusammengesetzt, zerlegt);
    let phc = hashen(zusammengesetzt);
    assert!(verifizieren(zerlegt, &phc));
    assert!(verifizieren(zusammengesetzt, &phc));
    let phc = hashen(zerlegt);
    assert!(verifizieren(zusammengesetzt, &phc));
    // a hash of an ASCII password from before the normalisation is unaffected
    let salz = SaltString::encode_b64(&[7u8; 16]).unwrap();
    let alt = argon2().hash_password(b"Kx7#pQ2m-lang", &salz).unwrap().to_string();
    assert!(verifizieren("Kx7#pQ2m-lang", &alt));
    // counted after normalisation: 7 composed characters are too short
    assert_eq!(
        richtlinie_pruefen("e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}e\u{301}", "anna"),
        Err(PasswortFehler::ZuKurz)
    );
}

#[test]
fn kaputter_hash() {
    assert!(!verifizieren("egal", ""));
    assert!(!verifizieren("egal", "kein-phc"));
    assert!(!verifizieren("egal", "$argon2id$v=19$m=19456,t=2,p=1$"));
}

#[test]
fn blindpruefung_laeuft() {
    blindpruefung("irgendwas");
    blindpruefung("irgendwas");
}
