//! The case file as the Kundenakte page shows it: the case with its Fallprüfung plus what lies
//! beside the Fallakte — the case's open appointments and Wiedervorlagen and the latest changes
//! (Verlauf) with who made them. One access-log row for the whole view (D3).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vierphasen_domain::fallakte::pruefen_und_aufloesen;
use vierphasen_domain::zugriff::{Akteur, Aktion, standardzweck};
use vierphasen_store::protokoll::Zugriff;
use vierphasen_store::sql;

use super::{Fall, Fallansicht, fall_laden, text_pruefen};
use crate::{App, AppFehler};

#[derive(Debug, Clone, Serialize)]
pub struct Aktentermin {
    pub id: i64,
    /// `termin` or `wiedervorlage`.
    pub art: String,
    pub faellig_am: NaiveDate,
    pub regel: Option<String>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Aktenaenderung {
    pub zeitpunkt: DateTime<Utc>,
    pub benutzer: String,
    pub entitaet: String,
    pub aktion: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Akte {
    pub ansicht: Fallansicht,
    /// Open entries, earliest first.
    pub termine: Vec<Aktentermin>,
    /// The latest changes, newest first (at most 50).
    pub aenderungen: Vec<Aktenaenderung>,
    /// Name of the responsible VFK.
    pub vfk_name: Option<String>,
}

impl App {
    pub async fn akte_lesen(&self, wer: &Akteur, kunde_id: i64, zweck: Option<&str>) -> Result<Akte, AppFehler> {
        let zweck = match zweck {
            Some(z) => text_pruefen("zweck", z, 100)?,
            None => standardzweck(wer.rolle).to_string(),
        };
        let mut tx = self.db.begin().await?;
        let Fall { stamm, akte, ids } = fall_laden(&mut tx, wer, kunde_id, Aktion::FallLesen).await?;
        let termine = sql!(&mut tx, zeilen<(i64, String, NaiveDate, Option<String>, String)>
            "SELECT id, art, faellig_am, regel, text FROM termin
             WHERE kunde_id = $1 AND erledigt_um IS NULL ORDER BY faellig_am, id LIMIT 100", kunde_id)?
        .into_iter()
        .map(|(id, art, faellig_am, regel, text)| Aktentermin { id, art, faellig_am, regel, text })
        .collect();
        let aenderungen = sql!(&mut tx, zeilen<(DateTime<Utc>, String, String, String)>
            "SELECT v.zeitpunkt, b.name, v.entitaet, v.aktion FROM verlauf v JOIN benutzer b ON b.id = v.benutzer_id
             WHERE v.kunde_id = $1 ORDER BY v.id DESC LIMIT 50", kunde_id)?
        .into_iter()
        .map(|(zeitpunkt, benutzer, entitaet, aktion)| Aktenaenderung { zeitpunkt, benutzer, entitaet, aktion })
        .collect();
        let vfk_name = match stamm.vfk_id {
            Some(id) => sql!(&mut tx, zeile<(String,)> "SELECT name FROM benutzer WHERE id = $1", id)?.map(|(n,)| n),
            None => None,
        };
        drop(tx);
        self.protokoll
            .protokollieren(Zugriff { zeitpunkt: self.jetzt(), benutzer_id: wer.benutzer_id, kunde_id, zweck })
            .await?;
        let pruefung = vierphasen_domain::pruefen(&pruefen_und_aufloesen(akte.clone(), self.katalog)?, self.heute());
        Ok(Akte {
            ansicht: Fallansicht { stammdaten: stamm, fallakte: akte, ids, pruefung },
            termine,
            aenderungen,
            vfk_name,
        })
    }
}
