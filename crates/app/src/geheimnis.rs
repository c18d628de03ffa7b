//! Random secrets for session ids and API tokens. Only `hash(secret)` is stored at rest.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;

/// A new secret: 32 random bytes, base64 URL-safe without padding (43 characters).
///
/// # Panics
/// Only if the operating system's random number generator fails.
pub fn neu() -> String {
    URL_SAFE_NO_PAD.encode(zufall::<32>())
}

/// `N` random bytes from the operating system.
///
/// # Panics
/// Only if the operating system's random number generator fails.
pub fn zufall<const N: usize>() -> [u8; N] {
    let mut bytes = [0u8; N];
    if let Err(e) = getrandom::fill(&mut bytes) {
        panic!("Zufallsquelle des Betriebssystems nicht verfügbar: {e}");
    }
    bytes
}

/// SHA-256 of the secret as 64 lower-case hex characters.
pub fn hash(geheimnis: &str) -> String {
    vierphasen_store::sha256_hex(geheimnis)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

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
}
