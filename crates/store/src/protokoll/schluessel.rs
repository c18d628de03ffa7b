//! The key of the access log's chain: HMAC-SHA256, the key kept in a file outside the database.
//!
//! Whoever can write the database but not read this file can neither recompute a row's MAC after
//! changing it nor forge an anchor. The file holds 32 random bytes as 64 hex digits and is created
//! with mode 0600 on first start.

use std::io::Write;
use std::path::Path;

use hmac::{KeyInit, Mac};

type HmacSha256 = hmac::Hmac<sha2::Sha256>;

/// What can go wrong with the key file (German: operators read it).
#[derive(Debug, thiserror::Error)]
pub enum SchluesselFehler {
    #[error("Protokollschlüssel „{pfad}“ nicht lesbar: {fehler}")]
    NichtLesbar { pfad: String, fehler: std::io::Error },
    #[error("Protokollschlüssel „{pfad}“ konnte nicht angelegt werden: {fehler}")]
    NichtAnlegbar { pfad: String, fehler: String },
    #[error("Protokollschlüssel „{0}“ ist ungültig (erwartet 64 Hexadezimalziffern)")]
    Ungueltig(String),
}

/// The key, prepared for HMAC-SHA256. Never printed.
#[derive(Clone)]
pub struct Schluessel {
    mac: HmacSha256,
    kennung: String,
}

impl std::fmt::Debug for Schluessel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Schluessel({})", self.kennung)
    }
}

impl Schluessel {
    pub fn aus_bytes(bytes: &[u8; 32]) -> Schluessel {
        // HMAC pads a key shorter than the block (64 bytes) with zeros (RFC 2104), so this is
        // HMAC with the 32-byte key, without the fallible `new_from_slice`.
        let mut block = [0u8; 64];
        block[..32].copy_from_slice(bytes);
        let mac = <HmacSha256 as KeyInit>::new(&block.into());
        let mut s = Schluessel { mac, kennung: String::new() };
        s.kennung = s.mac_hex(b"vierphasen-protokoll-kennung")[..16].to_string();
        s
    }

    /// A fixed, publicly known key for tests and `App::starten` in tests: never in production.
    pub fn fuer_tests() -> Schluessel {
        Schluessel::aus_bytes(&[0x5a; 32])
    }

    /// A fingerprint of the key (first 16 hex digits of a MAC over a constant): names the
    /// anchor file, so chains with different keys never share one.
    pub fn kennung(&self) -> &str {
        &self.kennung
    }

    /// HMAC-SHA256 of `daten` as lower-case hex.
    pub fn mac_hex(&self, daten: &[u8]) -> String {
        let mut m = self.mac.clone();
        m.update(daten);
        hex(&m.finalize().into_bytes())
    }

    /// Reads the key file.
    pub fn laden(pfad: &Path) -> Result<Schluessel, SchluesselFehler> {
        let text = std::fs::read_to_string(pfad)
            .map_err(|fehler| SchluesselFehler::NichtLesbar { pfad: pfad.display().to_string(), fehler })?;
        let ungueltig = || SchluesselFehler::Ungueltig(pfad.display().to_string());
        let text = text.trim();
        if text.len() != 64 || !text.is_ascii() {
            return Err(ungueltig());
        }
        let mut bytes = [0u8; 32];
        for (i, b) in bytes.iter_mut().enumerate() {
            *b = u8::from_str_radix(&text[2 * i..2 * i + 2], 16).map_err(|_| ungueltig())?;
        }
        Ok(Schluessel::aus_bytes(&bytes))
    }

    /// Reads the key file, or creates it (mode 0600, 32 random bytes) when it does not exist.
    /// Returns the key and whether it was created now.
    pub fn laden_oder_anlegen(pfad: &Path) -> Result<(Schluessel, bool), SchluesselFehler> {
        if pfad.exists() {
            return Ok((Schluessel::laden(pfad)?, false));
        }
        let fehler = |f: String| SchluesselFehler::NichtAnlegbar { pfad: pfad.display().to_string(), fehler: f };
        let mut bytes = [0u8; 32];
        getrandom::fill(&mut bytes).map_err(|e| fehler(e.to_string()))?;
        if let Some(verzeichnis) = pfad.parent().filter(|v| !v.as_os_str().is_empty()) {
            std::fs::create_dir_all(verzeichnis).map_err(|e| fehler(e.to_string()))?;
        }
        let mut optionen = std::fs::OpenOptions::new();
        optionen.write(true).create_new(true);
        #[cfg(unix)]
        std::os::unix::fs::OpenOptionsExt::mode(&mut optionen, 0o600);
        let mut datei = optionen.open(pfad).map_err(|e| fehler(e.to_string()))?;
        datei.write_all(format!("{}\n", hex(&bytes)).as_bytes()).map_err(|e| fehler(e.to_string()))?;
        datei.sync_all().map_err(|e| fehler(e.to_string()))?;
        Ok((Schluessel::aus_bytes(&bytes), true))
    }
}

pub(crate) fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
