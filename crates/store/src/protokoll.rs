//! D3: the Zugriffsprotokoll — append-only, hash-chained, written in batches.
//!
//! Each row's hash covers its position, time, user, case, purpose and the previous row's hash, so
//! editing, deleting or reordering any row breaks the chain from there on. Writers lock the single
//! head row (`UPDATE … RETURNING`) so concurrent transactions append one after the other, and many
//! rows go into one commit (a request that reads several cases, or a batch of requests).

use crate::{Db, StoreFehler, Tx, sql};
use chrono::{DateTime, SecondsFormat, SubsecRound, Utc};

/// One read of a case file with its purpose (e.g. `Beratung`, `Auskunft Art. 15`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Zugriff {
    pub zeitpunkt: DateTime<Utc>,
    pub benutzer_id: i64,
    pub kunde_id: i64,
    pub zweck: String,
}

/// The hash of one row (hex SHA-256). Time at microseconds: what both backends store.
pub fn hash(id: i64, z: &Zugriff, vorgaenger: &str) -> String {
    let zeit = z.zeitpunkt.trunc_subsecs(6).to_rfc3339_opts(SecondsFormat::Micros, true);
    let text = format!("{id}|{zeit}|{}|{}|{}|{vorgaenger}", z.benutzer_id, z.kunde_id, z.zweck);
    crate::sha256_hex(&text)
}

/// Appends the entries inside the caller's transaction (fails the transaction on error).
pub async fn anhaengen_in(tx: &mut Tx, eintraege: &[Zugriff]) -> Result<(), StoreFehler> {
    if eintraege.is_empty() {
        return Ok(());
    }
    let (mut zaehler, mut letzter) = sql!(tx, zeile<(i64, String)>
        "UPDATE protokoll_kopf SET zaehler = zaehler + $1 WHERE id = 1 RETURNING zaehler - $1, letzter_hash",
        eintraege.len() as i64)?
    .ok_or(StoreFehler::ProtokollkopfFehlt)?;
    for z in eintraege {
        zaehler += 1;
        let h = hash(zaehler, z, &letzter);
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
pub async fn anhaengen(db: &Db, eintraege: &[Zugriff]) -> Result<(), StoreFehler> {
    let mut tx = db.begin().await?;
    anhaengen_in(&mut tx, eintraege).await?;
    tx.commit().await
}

/// Result of walking the chain.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pruefbericht {
    pub eintraege: i64,
    /// The first row where the chain breaks, and why (German).
    pub bruch: Option<(i64, String)>,
}

impl Pruefbericht {
    pub fn intakt(&self) -> bool {
        self.bruch.is_none()
    }
}

type Zeile = (i64, DateTime<Utc>, i64, i64, String, String, String);

const SEITE: i64 = 10_000;

/// Walks the whole chain page by page; reports the first broken row.
pub async fn pruefen(db: &Db) -> Result<Pruefbericht, StoreFehler> {
    let mut vorher_id = 0i64;
    let mut vorher_hash = "0".repeat(64);
    loop {
        let seite: Vec<Zeile> = crate::mit_pool!(db, p => sqlx::query_as(
            "SELECT id, zeitpunkt, benutzer_id, kunde_id, zweck, vorgaenger_hash, hash FROM zugriffsprotokoll
             WHERE id > $1 ORDER BY id LIMIT $2",
        )
        .bind(vorher_id)
        .bind(SEITE)
        .fetch_all(p)
        .await?);
        let ende = (seite.len() as i64) < SEITE;
        for (id, zeitpunkt, benutzer_id, kunde_id, zweck, vorgaenger, gespeichert) in seite {
            let bruch = |grund: String| Ok(Pruefbericht { eintraege: id - 1, bruch: Some((id, grund)) });
            if id != vorher_id + 1 {
                return bruch(format!("Eintrag {} fehlt (Lücke vor Eintrag {id})", vorher_id + 1));
            }
            if vorgaenger != vorher_hash {
                return bruch("verweist nicht auf den vorherigen Eintrag".into());
            }
            if hash(id, &Zugriff { zeitpunkt, benutzer_id, kunde_id, zweck }, &vorgaenger) != gespeichert {
                return bruch("Inhalt passt nicht zur Prüfsumme (nachträglich verändert)".into());
            }
            vorher_id = id;
            vorher_hash = gespeichert;
        }
        if ende {
            break;
        }
    }
    let (zaehler, letzter): (i64, String) = crate::mit_pool!(db, p => sqlx::query_as("SELECT zaehler, letzter_hash FROM protokoll_kopf WHERE id = 1").fetch_one(p).await?);
    if zaehler != vorher_id || letzter != vorher_hash {
        return Ok(Pruefbericht {
            eintraege: vorher_id,
            bruch: Some((
                vorher_id + 1,
                format!("Kopf der Kette zählt {zaehler} Einträge, gefunden {vorher_id} (Einträge am Ende gelöscht)"),
            )),
        });
    }
    Ok(Pruefbericht { eintraege: vorher_id, bruch: None })
}
