//! D2: the Verlauf row of a change (same transaction), and the job that derives the case's
//! Wiedervorlagen afterwards.

use chrono::{DateTime, Utc};
use serde::Serialize;
use vierphasen_store::{Tx, sql};

use crate::AppFehler;

pub(crate) struct Eintrag<'a, V: Serialize, N: Serialize> {
    pub kunde_id: i64,
    pub benutzer_id: i64,
    pub zeitpunkt: DateTime<Utc>,
    pub entitaet: &'a str,
    pub entitaet_id: Option<i64>,
    pub aktion: &'a str,
    pub vorher: Option<&'a V>,
    pub nachher: Option<&'a N>,
}

fn als_json<T: Serialize>(wert: Option<&T>) -> Result<Option<String>, AppFehler> {
    wert.map(|w| serde_json::to_string(w).map_err(|e| AppFehler::intern("Verlauf als JSON", e))).transpose()
}

pub(crate) async fn verlauf_schreiben<V: Serialize, N: Serialize>(
    tx: &mut Tx,
    e: Eintrag<'_, V, N>,
) -> Result<(), AppFehler> {
    sql!(tx, ausfuehren
        "INSERT INTO verlauf (kunde_id, benutzer_id, zeitpunkt, entitaet, entitaet_id, aktion, vorher, nachher)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        e.kunde_id, e.benutzer_id, e.zeitpunkt, e.entitaet, e.entitaet_id, e.aktion, als_json(e.vorher)?, als_json(e.nachher)?)?;
    Ok(())
}

/// Asks the worker to (re)derive the case's Wiedervorlagen; one waiting job per case is enough.
pub(crate) async fn wiedervorlagen_anstossen(
    tx: &mut Tx,
    kunde_id: i64,
    jetzt: DateTime<Utc>,
) -> Result<(), AppFehler> {
    let wartet = sql!(tx, zeile<(i64,)>
        "SELECT id FROM job WHERE art = 'wiedervorlagen' AND kunde_id = $1 AND versuche = 0 LIMIT 1", kunde_id)?;
    if wartet.is_none() {
        sql!(tx, ausfuehren
            "INSERT INTO job (art, kunde_id, faellig_um, versuche, erstellt_um) VALUES ('wiedervorlagen', $1, $2, 0, $2)",
            kunde_id, jetzt)?;
    }
    Ok(())
}
