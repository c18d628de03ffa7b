//! Passwords of local accounts: policy check, Argon2id hashing and verification.
//!
//! Policy: 8 to 128 characters (counted as `char`s), not in the list of common passwords
//! (case-insensitive), not equal to or containing the login name.
//! Hashing: Argon2id v19, m = 19456 KiB (19 MiB), t = 2, p = 1, 16-byte random salt, PHC string.
//! Passwords are Unicode-normalised (NFC) before the policy check, hashing and verification, so
//! "é" typed as one code point or as "e" + combining accent is the same password (ASCII is
//! unchanged by NFC, so existing hashes stay valid).
//!
//! The list of common passwords (`haeufige_passwoerter.txt`) is taken from the npm package
//! `@zxcvbn-ts/language-common` version 4.1.3, file `src/passwords.json` (MIT licence,
//! Copyright (c) 2012-2016 Dan Wheeler and Dropbox, Inc., Copyright (c) 2021 @zxcvbn-ts):
//! the first 10 000 entries in rank order with at least 8 characters, lower-cased,
//! duplicates removed. `@zxcvbn-ts/language-de` 3.0.2 has no password list (only words and
//! names), so no German list was added. See crates/app/README.md, "Häufige Passwörter".

use std::collections::HashSet;
use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use unicode_normalization::UnicodeNormalization;

/// Minimum length in characters.
pub const MINDESTLAENGE: usize = 8;
/// Maximum length in characters.
pub const HOECHSTLAENGE: usize = 128;

/// Login names shorter than this are only refused as the whole password, not as a part of it
/// (otherwise a login like "a" would forbid every password containing an "a").
const LOGIN_TEIL_MINDESTLAENGE: usize = 3;

/// Argon2id parameters: m = 19456 KiB, t = 2, p = 1 (checked at compile time).
const PARAMETER: Params = match Params::new(19_456, 2, 1, None) {
    Ok(p) => p,
    Err(_) => panic!("ungültige Argon2-Parameter"),
};

pub const LISTE: &str = include_str!("haeufige_passwoerter.txt");

/// Why a password does not satisfy the policy.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum PasswortFehler {
    #[error("Das Passwort muss mindestens 8 Zeichen lang sein.")]
    ZuKurz,
    #[error("Das Passwort darf höchstens 128 Zeichen lang sein.")]
    ZuLang,
    #[error("Das Passwort darf den Anmeldenamen nicht enthalten.")]
    EnthaeltLogin,
    #[error("Das Passwort ist zu bekannt und wird in Angriffen zuerst ausprobiert. Bitte ein anderes wählen.")]
    ZuBekannt,
}

pub fn haeufige() -> &'static HashSet<&'static str> {
    static MENGE: OnceLock<HashSet<&'static str>> = OnceLock::new();
    MENGE.get_or_init(|| LISTE.lines().map(str::trim).filter(|z| !z.is_empty()).collect())
}

pub fn argon2() -> Argon2<'static> {
    Argon2::new(Algorithm::Argon2id, Version::V0x13, PARAMETER)
}

/// The password as it is hashed: Unicode NFC.
fn normalisiert(passwort: &str) -> String {
    passwort.nfc().collect()
}

/// Checks a new password against the policy.
pub fn richtlinie_pruefen(passwort: &str, login: &str) -> Result<(), PasswortFehler> {
    let passwort = normalisiert(passwort);
    let passwort = passwort.as_str();
    let laenge = passwort.chars().count();
    if laenge < MINDESTLAENGE {
        return Err(PasswortFehler::ZuKurz);
    }
    if laenge > HOECHSTLAENGE {
        return Err(PasswortFehler::ZuLang);
    }
    let klein = passwort.to_lowercase();
    let login = login.trim().to_lowercase();
    if !login.is_empty()
        && (klein == login || (login.chars().count() >= LOGIN_TEIL_MINDESTLAENGE && klein.contains(&login)))
    {
        return Err(PasswortFehler::EnthaeltLogin);
    }
    if haeufige().contains(klein.as_str()) {
        return Err(PasswortFehler::ZuBekannt);
    }
    Ok(())
}

/// Hashes a password with Argon2id and a fresh random salt; returns the PHC string.
///
/// # Panics
/// Only if the operating system's random number generator fails: hashing with a
/// predictable salt would be worse than refusing the request.
/// [`hashen`] on a blocking thread (argon2 takes its time; the async workers stay free).
pub(crate) async fn hashen_im_hintergrund(passwort: &str) -> Result<String, crate::AppFehler> {
    let p = passwort.to_owned();
    tokio::task::spawn_blocking(move || hashen(&p)).await.map_err(|e| crate::AppFehler::intern("Passwort hashen", e))
}

pub fn hashen(passwort: &str) -> String {
    let mut salz = [0u8; 16];
    if let Err(e) = getrandom::fill(&mut salz) {
        panic!("Zufallsquelle des Betriebssystems nicht verfügbar: {e}");
    }
    let salz = match SaltString::encode_b64(&salz) {
        Ok(s) => s,
        Err(e) => panic!("Salz nicht kodierbar: {e}"),
    };
    match argon2().hash_password(normalisiert(passwort).as_bytes(), &salz) {
        Ok(h) => h.to_string(),
        Err(e) => panic!("Argon2 fehlgeschlagen: {e}"),
    }
}

/// Whether `passwort` matches the PHC string `phc`; false for a malformed hash. A hash made
/// before normalisation from a non-NFC input still matches that input as typed.
pub fn verifizieren(passwort: &str, phc: &str) -> bool {
    let Ok(hash) = PasswordHash::new(phc) else { return false };
    let nfc = normalisiert(passwort);
    argon2().verify_password(nfc.as_bytes(), &hash).is_ok()
        || (nfc != passwort && argon2().verify_password(passwort.as_bytes(), &hash).is_ok())
}

/// Does an equally expensive verification against a fixed dummy hash, so that a login
/// attempt for an unknown account takes as long as one for a known account.
pub fn blindpruefung(passwort: &str) {
    static ATTRAPPE: OnceLock<String> = OnceLock::new();
    let phc = ATTRAPPE.get_or_init(|| hashen("vierphasen-attrappe-ohne-konto"));
    std::hint::black_box(verifizieren(passwort, phc));
}
