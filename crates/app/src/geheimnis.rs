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
