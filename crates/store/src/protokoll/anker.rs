//! Anchors of the access log: checkpoints (position, head hash, switch position, time) with an
//! HMAC over them, appended as JSON lines to a file outside the database.
//!
//! The database user can change rows and the head, but not this file (it lives in a directory
//! the server writes and the database cannot reach). `pruefen` compares the chain with every
//! anchor: rows missing after an anchor's position (truncation, even with a repaired head) and a
//! recomputed chain (its hash at the anchor's position differs) are found.

use std::io::Write;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
use serde::{Deserialize, Serialize};

use super::schluessel::Schluessel;
use crate::{Db, StoreFehler};

/// One checkpoint: the chain had `position` rows, the newest with hash `kopf_hash`, keyed from
/// row `hmac_ab` on, at time `zeit`. `mac` = HMAC over all of these.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anker {
    pub position: i64,
    pub kopf_hash: String,
    pub hmac_ab: i64,
    pub zeit: DateTime<Utc>,
    pub mac: String,
}

impl Anker {
    fn text(position: i64, kopf_hash: &str, hmac_ab: i64, zeit: DateTime<Utc>) -> String {
        format!("anker|{position}|{kopf_hash}|{hmac_ab}|{}", zeit.to_rfc3339_opts(SecondsFormat::Micros, true))
    }

    pub fn neu(schluessel: &Schluessel, position: i64, kopf_hash: String, hmac_ab: i64, zeit: DateTime<Utc>) -> Anker {
        let zeit = zeit.trunc_subsecs(6);
        let mac = schluessel.mac_hex(Anker::text(position, &kopf_hash, hmac_ab, zeit).as_bytes());
        Anker { position, kopf_hash, hmac_ab, zeit, mac }
    }

    /// Whether the anchor was written with this key and not changed since.
    pub fn echt(&self, schluessel: &Schluessel) -> bool {
        schluessel.mac_hex(Anker::text(self.position, &self.kopf_hash, self.hmac_ab, self.zeit).as_bytes()) == self.mac
    }

    /// The time as operators read it (UTC).
    pub fn zeit_text(&self) -> String {
        self.zeit.format("%Y-%m-%d %H:%M:%S UTC").to_string()
    }
}

/// The anchor file of the chain with this key in `verzeichnis` (named by the key's fingerprint,
/// so databases with different keys can share one directory, and a restored copy finds its own).
pub fn datei(verzeichnis: &Path, schluessel: &Schluessel) -> PathBuf {
    verzeichnis.join(format!("protokoll-anker-{}.jsonl", schluessel.kennung()))
}

/// The head of the chain now: (rows, hash of the newest, first keyed row).
pub async fn kopf(db: &Db) -> Result<(i64, String, i64), StoreFehler> {
    let kopf: Option<(i64, String, i64)> = crate::mit_pool!(db, p => sqlx::query_as(
        "SELECT zaehler, letzter_hash, hmac_ab FROM protokoll_kopf WHERE id = 1").fetch_optional(p).await?);
    kopf.ok_or(StoreFehler::ProtokollkopfFehlt)
}

/// Reads the head and appends an anchor for it to `datei` (created when missing; flushed to disk).
pub async fn setzen(db: &Db, schluessel: &Schluessel, datei: &Path) -> Result<Anker, StoreFehler> {
    let (position, kopf_hash, hmac_ab) = kopf(db).await?;
    let anker = Anker::neu(schluessel, position, kopf_hash, hmac_ab, Utc::now());
    anhaengen(datei, &anker)?;
    Ok(anker)
}

/// Appends one anchor line and syncs it.
pub fn anhaengen(datei: &Path, anker: &Anker) -> Result<(), StoreFehler> {
    let fehler = |e: String| StoreFehler::Ankerdatei(format!("„{}“: {e}", datei.display()));
    if let Some(verzeichnis) = datei.parent().filter(|v| !v.as_os_str().is_empty()) {
        std::fs::create_dir_all(verzeichnis).map_err(|e| fehler(e.to_string()))?;
    }
    let zeile = serde_json::to_string(anker).map_err(|e| fehler(e.to_string()))?;
    let mut f = std::fs::OpenOptions::new().append(true).create(true).open(datei).map_err(|e| fehler(e.to_string()))?;
    f.write_all(format!("{zeile}\n").as_bytes()).map_err(|e| fehler(e.to_string()))?;
    f.sync_data().map_err(|e| fehler(e.to_string()))
}

/// All anchors of the file, sorted by position; none when the file does not exist. A line that
/// does not parse or whose MAC does not match is an error naming the line.
pub fn lesen(datei: &Path, schluessel: &Schluessel) -> Result<Vec<Anker>, StoreFehler> {
    let text = match std::fs::read_to_string(datei) {
        Ok(t) => t,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(StoreFehler::Ankerdatei(format!("„{}“ nicht lesbar: {e}", datei.display()))),
    };
    let mut alle = Vec::new();
    for (nr, zeile) in text.lines().enumerate().filter(|(_, z)| !z.trim().is_empty()) {
        let ungueltig = || {
            StoreFehler::Ankerdatei(format!("„{}“, Zeile {}: Anker ungültig oder verändert", datei.display(), nr + 1))
        };
        let anker: Anker = serde_json::from_str(zeile).map_err(|_| ungueltig())?;
        if !anker.echt(schluessel) {
            return Err(ungueltig());
        }
        alle.push(anker);
    }
    alle.sort_by_key(|a| a.position);
    Ok(alle)
}
