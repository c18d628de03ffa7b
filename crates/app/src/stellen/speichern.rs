//! Stellenangebote in the database: the filter columns beside the whole posting as JSON.

use chrono::{DateTime, NaiveDate, Utc};
use vierphasen_store::{Tx, sql};

use super::Stelle;
use crate::AppFehler;
use crate::fall::json;

/// A stored posting from its JSON and row id.
pub(crate) fn stelle_aus_json(id: i64, inhalt: &str) -> Result<Stelle, AppFehler> {
    let mut s: Stelle = serde_json::from_str(inhalt)
        .map_err(|e| crate::fehler::unlesbar(format_args!("Gespeicherte Stelle {id}"), &e))?;
    s.id = id;
    Ok(s)
}

/// Postings still open on `ab` or later, with their arrival time.
pub(crate) async fn stellen_seit(tx: &mut Tx, ab: NaiveDate) -> Result<Vec<(Stelle, DateTime<Utc>)>, AppFehler> {
    sql!(tx, zeilen<(i64, String, DateTime<Utc>)>
        "SELECT id, inhalt, erstellt_um FROM stellenangebot WHERE ablauf >= $1 ORDER BY id", ab)?
    .into_iter()
    .map(|(id, inhalt, um)| Ok((stelle_aus_json(id, &inhalt)?, um)))
    .collect()
}

pub(crate) async fn stelle_laden(tx: &mut Tx, id: i64) -> Result<Option<(Stelle, DateTime<Utc>)>, AppFehler> {
    match zeile_nach_id(tx, id).await? {
        Some(z) => Ok(Some((stelle_aus_json(id, &z.inhalt)?, z.erstellt_um))),
        None => Ok(None),
    }
}

/// What saving did.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Schreibart {
    Neu,
    Geaendert,
    Unveraendert,
}

/// A stored row as written: its JSON is compared as text (see [`stelle_schreiben`]).
pub(crate) struct Zeile {
    pub id: i64,
    pub inhalt: String,
    pub erstellt_um: DateTime<Utc>,
}

pub(crate) async fn zeile_nach_refnr(tx: &mut Tx, refnr: &str) -> Result<Option<Zeile>, AppFehler> {
    Ok(sql!(tx, zeile<(i64, String, DateTime<Utc>)>
        "SELECT id, inhalt, erstellt_um FROM stellenangebot WHERE refnr = $1", refnr)?
    .map(|(id, inhalt, erstellt_um)| Zeile { id, inhalt, erstellt_um }))
}

pub(crate) async fn zeile_nach_id(tx: &mut Tx, id: i64) -> Result<Option<Zeile>, AppFehler> {
    Ok(sql!(tx, zeile<(String, DateTime<Utc>)> "SELECT inhalt, erstellt_um FROM stellenangebot WHERE id = $1", id)?
        .map(|(inhalt, erstellt_um)| Zeile { id, inhalt, erstellt_um }))
}

/// Writes `stelle` over `bisher` (all columns, the reference number too), or inserts it.
pub(crate) async fn stelle_schreiben(
    tx: &mut Tx,
    bisher: Option<Zeile>,
    stelle: &Stelle,
    jetzt: DateTime<Utc>,
) -> Result<(Stelle, DateTime<Utc>, Schreibart), AppFehler> {
    // Stored without its id (the column holds it); compared as text, so a float that does not
    // survive a JSON round trip bit for bit never counts as a change.
    let inhalt_neu = json(&Stelle { id: 0, ..stelle.clone() })?;
    match bisher {
        Some(Zeile { id, inhalt, erstellt_um }) => {
            let neu = Stelle { id, ..stelle.clone() };
            if inhalt == inhalt_neu {
                return Ok((neu, erstellt_um, Schreibart::Unveraendert));
            }
            sql!(tx, ausfuehren
                "UPDATE stellenangebot SET refnr = $1, beruf = $2, plz = $3, veroeffentlicht = $4, ablauf = $5,
                        quelle = $6, inhalt = $7, geaendert_um = $8 WHERE id = $9",
                neu.refnr.as_str(), neu.beruf.as_str(), neu.plz.as_deref(), neu.veroeffentlicht, neu.ablauf,
                neu.quelle.as_str(), inhalt_neu, jetzt, id)?;
            Ok((neu, erstellt_um, Schreibart::Geaendert))
        }
        None => {
            let id = sql!(tx, wert<i64>
                "INSERT INTO stellenangebot (refnr, beruf, plz, veroeffentlicht, ablauf, quelle, inhalt, erstellt_um, geaendert_um)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
                stelle.refnr.as_str(), stelle.beruf.as_str(), stelle.plz.as_deref(), stelle.veroeffentlicht,
                stelle.ablauf, stelle.quelle.as_str(), inhalt_neu, jetzt, jetzt)?;
            Ok((Stelle { id, ..stelle.clone() }, jetzt, Schreibart::Neu))
        }
    }
}

/// Postings for the list page: newest first, optionally by occupation prefix and open only.
pub(crate) async fn stellen_liste(
    tx: &mut Tx,
    beruf_praefix: &str,
    offen_am: Option<NaiveDate>,
    hoechstens: i64,
) -> Result<Vec<Stelle>, AppFehler> {
    let muster = format!("{beruf_praefix}%");
    let zeilen = match offen_am {
        Some(t) => sql!(tx, zeilen<(i64, String)>
            "SELECT id, inhalt FROM stellenangebot WHERE beruf LIKE $1 AND veroeffentlicht <= $2 AND ablauf >= $2
             ORDER BY veroeffentlicht DESC, id DESC LIMIT $3", muster.as_str(), t, hoechstens)?,
        None => sql!(tx, zeilen<(i64, String)>
            "SELECT id, inhalt FROM stellenangebot WHERE beruf LIKE $1 ORDER BY veroeffentlicht DESC, id DESC LIMIT $2",
            muster.as_str(), hoechstens)?,
    };
    zeilen.into_iter().map(|(id, inhalt)| stelle_aus_json(id, &inhalt)).collect()
}
