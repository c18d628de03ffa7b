//! D3: the Zugriffsprotokoll — append-only, hash-chained, written in batches.
//!
//! Each row's hash covers its position, time, user, case, purpose and the previous row's hash, so
//! editing, deleting or reordering any row breaks the chain from there on. Writers lock the single
//! head row (`UPDATE … RETURNING`) so concurrent transactions append one after the other, and many
//! rows go into one commit (a request that reads several cases, or a batch of requests).
//!
//! Keyed (issue 17/4): from row `protokoll_kopf.hmac_ab` on, a row's "hash" is HMAC-SHA256 with
//! a key outside the database ([`schluessel`]); the rows before (written before migration 10)
//! keep their plain SHA-256. Migration 10 sets the switch position to the next row, so every row
//! written since is keyed. [`anker`] pins positions, head hashes and the switch position outside
//! the database, which finds truncation and a chain recomputed (or downgraded to plain SHA-256).
//!
//! Retention (issue 17/6): [`kappen_in`] deletes the oldest rows (a prefix) inside a deletion
//! run; the head then records where the chain begins and the hash before it, with an HMAC over
//! both, so the rest still verifies and a cut made without the key is found.

pub mod anker;
pub mod schluessel;

use crate::{Db, StoreFehler, Tx, sql};
pub use anker::Anker;
use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};
pub use schluessel::Schluessel;

/// One read of a case file with its purpose (e.g. `Beratung`, `Auskunft Art. 15`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zugriff {
    pub zeitpunkt: DateTime<Utc>,
    pub benutzer_id: i64,
    pub kunde_id: i64,
    pub zweck: String,
}

fn zeile_text(id: i64, z: &Zugriff, vorgaenger: &str) -> String {
    let zeit = z.zeitpunkt.trunc_subsecs(6).to_rfc3339_opts(SecondsFormat::Micros, true);
    format!("{id}|{zeit}|{}|{}|{}|{vorgaenger}", z.benutzer_id, z.kunde_id, z.zweck)
}

/// The plain hash of one row (hex SHA-256), for rows before the switch position. Time at
/// microseconds: what both backends store.
pub fn hash(id: i64, z: &Zugriff, vorgaenger: &str) -> String {
    crate::sha256_hex(zeile_text(id, z, vorgaenger))
}

/// The keyed hash of one row (hex HMAC-SHA256 over the same text as [`hash`]).
pub fn mac(schluessel: &Schluessel, id: i64, z: &Zugriff, vorgaenger: &str) -> String {
    schluessel.mac_hex(zeile_text(id, z, vorgaenger).as_bytes())
}

/// Hash of row `id`: keyed from the switch position `hmac_ab` on.
fn pruefsumme(schluessel: &Schluessel, hmac_ab: i64, id: i64, z: &Zugriff, vorgaenger: &str) -> String {
    if id >= hmac_ab { mac(schluessel, id, z, vorgaenger) } else { hash(id, z, vorgaenger) }
}

/// Appends the entries inside the caller's transaction (fails the transaction on error).
pub async fn anhaengen_in(tx: &mut Tx, schluessel: &Schluessel, eintraege: &[Zugriff]) -> Result<(), StoreFehler> {
    if eintraege.is_empty() {
        return Ok(());
    }
    let (mut zaehler, mut letzter, hmac_ab) = sql!(tx, zeile<(i64, String, i64)>
        "UPDATE protokoll_kopf SET zaehler = zaehler + $1 WHERE id = 1 RETURNING zaehler - $1, letzter_hash, hmac_ab",
        eintraege.len() as i64)?
    .ok_or(StoreFehler::ProtokollkopfFehlt)?;
    for z in eintraege {
        zaehler += 1;
        let h = pruefsumme(schluessel, hmac_ab, zaehler, z, &letzter);
        sql!(tx, ausfuehren
            "INSERT INTO zugriffsprotokoll (id, zeitpunkt, benutzer_id, kunde_id, zweck, vorgaenger_hash, hash)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
            zaehler, z.zeitpunkt.trunc_subsecs(6), z.benutzer_id, z.kunde_id, &z.zweck, &letzter, &h)?;
        letzter = h;
    }
    sql!(tx, ausfuehren "UPDATE protokoll_kopf SET letzter_hash = $1 WHERE id = 1", &letzter)?;
    Ok(())
}

/// Appends in a transaction of its own.
pub async fn anhaengen(db: &Db, schluessel: &Schluessel, eintraege: &[Zugriff]) -> Result<(), StoreFehler> {
    let mut tx = db.begin().await?;
    anhaengen_in(&mut tx, schluessel, eintraege).await?;
    tx.commit().await
}

/// The text the HMAC of a cut covers.
fn beginn_text(beginn_ab: i64, vorgaenger: &str) -> String {
    format!("beginn|{beginn_ab}|{vorgaenger}")
}

/// Issue 17/6: deletes the rows made before `vor` — the oldest rows, a prefix of the chain up to
/// the first row at or after `vor` — and records the new beginning in the head (keyed). Runs in
/// the caller's transaction, which must hold the deletion permission (`loeschfreigabe`). Returns
/// the number of rows deleted.
pub async fn kappen_in(tx: &mut Tx, schluessel: &Schluessel, vor: DateTime<Utc>) -> Result<i64, StoreFehler> {
    // Locks the head like an append, so no row is added meanwhile.
    let (zaehler, letzter, beginn_ab) = sql!(tx, zeile<(i64, String, i64)>
        "UPDATE protokoll_kopf SET zaehler = zaehler WHERE id = 1 RETURNING zaehler, letzter_hash, beginn_ab")?
    .ok_or(StoreFehler::ProtokollkopfFehlt)?;
    let erster_bleibt = sql!(tx, wert<Option<i64>>
        "SELECT MIN(id) FROM zugriffsprotokoll WHERE zeitpunkt >= $1", vor.trunc_subsecs(6))?;
    let letzter_weg = erster_bleibt.map_or(zaehler, |id| id - 1);
    if letzter_weg < beginn_ab {
        return Ok(0);
    }
    let vorgaenger = if letzter_weg == zaehler {
        letzter
    } else {
        sql!(tx, wert<String> "SELECT hash FROM zugriffsprotokoll WHERE id = $1", letzter_weg)?
    };
    let geloescht = sql!(tx, ausfuehren "DELETE FROM zugriffsprotokoll WHERE id <= $1", letzter_weg)?;
    let neu_ab = letzter_weg + 1;
    let mac = schluessel.mac_hex(beginn_text(neu_ab, &vorgaenger).as_bytes());
    sql!(tx, ausfuehren "UPDATE protokoll_kopf SET beginn_ab = $1, beginn_vorgaenger = $2, beginn_mac = $3 WHERE id = 1",
        neu_ab, &vorgaenger, &mac)?;
    Ok(geloescht as i64)
}

/// Result of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pruefbericht {
    /// Rows confirmed intact (before the break, if any).
    pub eintraege: i64,
    /// The first row kept: the rows before it were deleted by retention runs (issue 17/6).
    pub beginn_ab: i64,
    /// The first row where the chain breaks, and why (German).
    pub bruch: Option<(i64, String)>,
    /// The first keyed row (rows before it carry plain SHA-256).
    pub hmac_ab: i64,
    /// Anchors the chain was compared with, and the newest of them.
    pub anker_geprueft: usize,
    pub letzter_anker: Option<Anker>,
    /// Anchors past the head that were left out on purpose (a backup is older than they are).
    pub anker_spaeter: usize,
}

impl Pruefbericht {
    pub fn intakt(&self) -> bool {
        self.bruch.is_none()
    }
}

/// What the chain is checked with.
#[derive(Debug, Clone, Copy)]
pub struct Pruefung<'a> {
    pub schluessel: &'a Schluessel,
    /// The anchors (sorted by position), see [`anker::lesen`].
    pub anker: &'a [Anker],
    /// A backup: anchors past its head were written after it was taken and are not held
    /// against it (its own truncation after the newest older anchor cannot be seen then).
    pub nur_bis_kopf: bool,
}

type Zeile = (i64, DateTime<Utc>, i64, i64, String, String, String);

const SEITE: i64 = 10_000;

/// Walks the chain with the key `App::starten` uses in tests and no anchors (tests only).
pub async fn pruefen(db: &Db) -> Result<Pruefbericht, StoreFehler> {
    pruefen_mit(db, Pruefung { schluessel: &Schluessel::fuer_tests(), anker: &[], nur_bis_kopf: false }).await
}

/// Walks the whole chain page by page against the key and the anchors; reports the first broken
/// row. Rows appended while it runs (after the head it read first) are not looked at.
pub async fn pruefen_mit(db: &Db, pruefung: Pruefung<'_>) -> Result<Pruefbericht, StoreFehler> {
    let (zaehler, letzter, hmac_ab) = anker::kopf(db).await?;
    let (anker, anker_spaeter): (Vec<&Anker>, Vec<&Anker>) =
        pruefung.anker.iter().partition(|a| !pruefung.nur_bis_kopf || a.position <= zaehler);
    let (beginn_ab, beginn_vorgaenger, beginn_mac) = beginn(db).await?;
    let mut bericht = Pruefbericht {
        eintraege: 0,
        beginn_ab,
        bruch: None,
        hmac_ab,
        anker_geprueft: anker.len(),
        letzter_anker: anker.last().map(|a| (*a).clone()),
        anker_spaeter: anker_spaeter.len(),
    };
    let gebrochen = |mut b: Pruefbericht, id: i64, grund: String| {
        b.eintraege = id - beginn_ab;
        b.bruch = Some((id, grund));
        b
    };
    // The switch position is pinned by every anchor: moving it (to recompute keyed rows with
    // plain SHA-256) is a rewrite of the rows in between.
    if let Some(a) = anker.iter().find(|a| a.hmac_ab != hmac_ab) {
        return Ok(gebrochen(
            bericht,
            a.hmac_ab.min(hmac_ab).max(1),
            format!(
                "Umschaltpunkt der Verschlüsselung verändert (Anker vom {}: HMAC ab Eintrag {}, Datenbank: ab Eintrag {hmac_ab}; Einträge nachträglich neu berechnet)",
                a.zeit_text(),
                a.hmac_ab
            ),
        ));
    }
    // A cut by a retention run: the chain goes on from the recorded hash; only the key can have
    // recorded it, and an anchor at the last deleted row must agree with it.
    let kappung_echt = match beginn_mac {
        None => beginn_ab == 1 && beginn_vorgaenger == "0".repeat(64),
        Some(mac) => pruefung.schluessel.mac_hex(beginn_text(beginn_ab, &beginn_vorgaenger).as_bytes()) == mac,
    };
    if !kappung_echt {
        return Ok(gebrochen(
            bericht,
            beginn_ab,
            format!(
                "Beginn der Kette bei Eintrag {beginn_ab} nicht von einem Löschlauf gesetzt (Einträge davor gelöscht)"
            ),
        ));
    }
    let mut naechster = anker.iter().peekable();
    let mut bestaetigt = beginn_ab - 1;
    let mut vorher_id = beginn_ab - 1;
    let mut vorher_hash = beginn_vorgaenger;
    while let Some(a) = naechster.next_if(|a| a.position <= vorher_id) {
        if a.position == vorher_id && a.kopf_hash != vorher_hash {
            return Ok(gebrochen(
                bericht,
                beginn_ab,
                format!("Beginn der Kette passt nicht zum Anker vom {} (nachträglich neu berechnet)", a.zeit_text()),
            ));
        }
    }
    'seiten: loop {
        let seite: Vec<Zeile> = crate::mit_pool!(db, p => sqlx::query_as(
            "SELECT id, zeitpunkt, benutzer_id, kunde_id, zweck, vorgaenger_hash, hash FROM zugriffsprotokoll
             WHERE id > $1 AND id <= $2 ORDER BY id LIMIT $3",
        )
        .bind(vorher_id)
        .bind(zaehler)
        .bind(SEITE)
        .fetch_all(p)
        .await?);
        let ende = (seite.len() as i64) < SEITE;
        for (id, zeitpunkt, benutzer_id, kunde_id, zweck, vorgaenger, gespeichert) in seite {
            if id != vorher_id + 1 {
                return Ok(gebrochen(bericht, id, format!("Eintrag {} fehlt (Lücke vor Eintrag {id})", vorher_id + 1)));
            }
            if vorgaenger != vorher_hash {
                return Ok(gebrochen(bericht, id, "verweist nicht auf den vorherigen Eintrag".into()));
            }
            let z = Zugriff { zeitpunkt, benutzer_id, kunde_id, zweck };
            if pruefsumme(pruefung.schluessel, hmac_ab, id, &z, &vorgaenger) != gespeichert {
                return Ok(gebrochen(bericht, id, "Inhalt passt nicht zur Prüfsumme (nachträglich verändert)".into()));
            }
            while let Some(a) = naechster.next_if(|a| a.position <= id) {
                if a.position == id && a.kopf_hash != gespeichert {
                    return Ok(gebrochen(
                        bericht,
                        bestaetigt + 1,
                        format!(
                            "Einträge {} bis {id} passen nicht zum Anker vom {} (nachträglich neu berechnet)",
                            bestaetigt + 1,
                            a.zeit_text()
                        ),
                    ));
                }
                bestaetigt = a.position;
            }
            vorher_id = id;
            vorher_hash = gespeichert;
        }
        if ende || vorher_id >= zaehler {
            break 'seiten;
        }
    }
    if zaehler != vorher_id || letzter != vorher_hash {
        return Ok(gebrochen(
            bericht,
            vorher_id + 1,
            format!("Kopf der Kette zählt {zaehler} Einträge, gefunden {vorher_id} (Einträge am Ende gelöscht)"),
        ));
    }
    if let Some(a) = naechster.find(|a| a.position > vorher_id) {
        return Ok(gebrochen(
            bericht,
            vorher_id + 1,
            format!(
                "Einträge {} bis {} fehlen: der Anker vom {} zählt {} Einträge (Einträge am Ende gelöscht)",
                vorher_id + 1,
                a.position,
                a.zeit_text(),
                a.position
            ),
        ));
    }
    bericht.eintraege = vorher_id - (beginn_ab - 1);
    Ok(bericht)
}

/// Where the chain begins after retention runs: (first row, hash before it, HMAC of the cut).
async fn beginn(db: &Db) -> Result<(i64, String, Option<String>), StoreFehler> {
    let beginn: Option<(i64, String, Option<String>)> = crate::mit_pool!(db, p => sqlx::query_as(
        "SELECT beginn_ab, beginn_vorgaenger, beginn_mac FROM protokoll_kopf WHERE id = 1").fetch_optional(p).await?);
    beginn.ok_or(StoreFehler::ProtokollkopfFehlt)
}
