//! Time-based one-time passwords (RFC 6238 on RFC 4226): HMAC-SHA-1, 6 digits, 30-second steps,
//! one step of tolerance either way. Base32 (RFC 4648, no padding) for the secret as
//! authenticator apps expect it. Pure: the time is a parameter.

use hmac::{Hmac, KeyInit, Mac};
use sha1::Sha1;

/// Length of a time step in seconds.
pub const SCHRITT_SEKUNDEN: i64 = 30;
/// Digits of a code.
pub const STELLEN: usize = 6;
/// Bytes of a new secret (160 bits, as RFC 4226 recommends).
pub const GEHEIMNIS_BYTES: usize = 20;

const ALPHABET: &[u8; 32] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

/// RFC 4648 base32 without padding.
pub fn base32(daten: &[u8]) -> String {
    let mut aus = String::with_capacity(daten.len().div_ceil(5) * 8);
    let mut puffer: u64 = 0;
    let mut bits = 0u32;
    for &b in daten {
        puffer = (puffer << 8) | u64::from(b);
        bits += 8;
        while bits >= 5 {
            bits -= 5;
            aus.push(char::from(ALPHABET[((puffer >> bits) & 31) as usize]));
        }
    }
    if bits > 0 {
        aus.push(char::from(ALPHABET[((puffer << (5 - bits)) & 31) as usize]));
    }
    aus
}

/// Decodes base32 (case-insensitive, spaces and padding ignored); `None` for other characters.
pub fn base32_lesen(text: &str) -> Option<Vec<u8>> {
    let mut aus = Vec::with_capacity(text.len() * 5 / 8);
    let mut puffer: u64 = 0;
    let mut bits = 0u32;
    for c in text.chars().filter(|c| !c.is_whitespace() && *c != '=') {
        let c = c.to_ascii_uppercase();
        let wert = ALPHABET.iter().position(|&a| char::from(a) == c)? as u64;
        puffer = (puffer << 5) | wert;
        bits += 5;
        if bits >= 8 {
            bits -= 8;
            aus.push(((puffer >> bits) & 0xff) as u8);
        }
    }
    Some(aus)
}

/// The time step of a Unix time in seconds.
pub fn schritt(unix_sekunden: i64) -> i64 {
    unix_sekunden.div_euclid(SCHRITT_SEKUNDEN)
}

/// The HOTP value (RFC 4226) of `zaehler` with `stellen` digits, zero-padded.
pub fn hotp(geheimnis: &[u8], zaehler: u64, stellen: usize) -> String {
    let mut mac = match <Hmac<Sha1> as KeyInit>::new_from_slice(geheimnis) {
        Ok(m) => m,
        // HMAC accepts keys of every length; this branch cannot be taken.
        Err(_) => return String::new(),
    };
    mac.update(&zaehler.to_be_bytes());
    let h = mac.finalize().into_bytes();
    let versatz = usize::from(h[h.len() - 1] & 0x0f);
    let binaer = (u32::from(h[versatz] & 0x7f) << 24)
        | (u32::from(h[versatz + 1]) << 16)
        | (u32::from(h[versatz + 2]) << 8)
        | u32::from(h[versatz + 3]);
    let modul = 10u64.pow(u32::try_from(stellen).unwrap_or(6));
    format!("{:0stellen$}", u64::from(binaer) % modul)
}

/// The 6-digit code of the step containing `unix_sekunden`.
pub fn code(geheimnis: &[u8], unix_sekunden: i64) -> String {
    hotp(geheimnis, u64::try_from(schritt(unix_sekunden)).unwrap_or(0), STELLEN)
}

/// The step whose code `eingabe` is (current step, one before, one after), if it is newer than
/// `zuletzt` (a used step is never accepted again). Compares in constant time per step.
pub fn pruefen(geheimnis: &[u8], eingabe: &str, unix_sekunden: i64, zuletzt: Option<i64>) -> Option<i64> {
    let eingabe: String = eingabe.chars().filter(|c| !c.is_whitespace()).collect();
    if eingabe.len() != STELLEN || !eingabe.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let jetzt = schritt(unix_sekunden);
    let mut treffer = None;
    for s in [jetzt - 1, jetzt, jetzt + 1] {
        let Ok(zaehler) = u64::try_from(s) else { continue };
        let erwartet = hotp(geheimnis, zaehler, STELLEN);
        let gleich = erwartet.bytes().zip(eingabe.bytes()).fold(0u8, |acc, (a, b)| acc | (a ^ b)) == 0;
        if gleich && zuletzt.is_none_or(|z| s > z) {
            treffer = Some(s);
        }
    }
    treffer
}

/// The `otpauth://` URI for authenticator apps (Key Uri Format).
pub fn uri(login: &str, geheimnis_base32: &str) -> String {
    let login: String = login
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect();
    format!(
        "otpauth://totp/vierphasen:{login}?secret={geheimnis_base32}&issuer=vierphasen&algorithm=SHA1&digits=6&period=30"
    )
}
