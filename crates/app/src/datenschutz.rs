//! What the Datenschutz needs around the access log (D3): finding a case by its Kundennummer
//! without opening it (she may not read case contents, so the customer list shows her nothing),
//! and the access log with the names of the staff who read the case.

use std::collections::HashMap;

use serde::Serialize;
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, pruefen};
use vierphasen_store::sql;

use crate::fall::{Protokolleintrag, stammdaten_laden};
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

/// The access log of one case with the reader's name (when the account is known).
#[derive(Debug, Clone, Serialize)]
pub struct Protokollansicht {
    pub kundennummer: String,
    pub eintraege: Vec<(Protokolleintrag, Option<String>)>,
}

impl App {
    /// The id of the case with this Kundennummer in the user's Dienststelle, when she may read its
    /// access log; otherwise "not found" (D1) or "not allowed". Nothing of the case is read.
    pub async fn fall_nach_kundennummer(&self, wer: &Akteur, kundennummer: &str) -> Result<i64, AppFehler> {
        let nummer = kundennummer.trim().to_uppercase();
        if nummer.is_empty() || nummer.chars().count() > 64 {
            return Err(AppFehler::ungueltig("kundennummer", "Bitte eine Kundennummer angeben (z. B. K4F7Q2M9XA1)."));
        }
        let mut tx = self.db.begin().await?;
        let Some((id,)) = sql!(&mut tx, zeile<(i64,)>
            "SELECT id FROM kunde WHERE dienststelle_id = $1 AND UPPER(kundennummer) = $2", wer.dienststelle_id, &nummer)?
        else {
            return Err(AppFehler::NichtGefunden("Der Fall"));
        };
        let Some((_, bezug)) = stammdaten_laden(&mut tx, KundeId(id)).await? else {
            return Err(AppFehler::NichtGefunden("Der Fall"));
        };
        match pruefen(wer, Aktion::ProtokollEinsehen, Some(&bezug)) {
            Entscheidung::Erlaubt => Ok(id),
            Entscheidung::Unsichtbar => Err(AppFehler::NichtGefunden("Der Fall")),
            Entscheidung::Verboten | Entscheidung::NurMitBegruendung => {
                Err(AppFehler::Verboten("Das Zugriffsprotokoll sieht der Datenschutz ein (D3).".into()))
            }
        }
    }

    /// D3: the access log of a case (access check in `protokoll_lesen`) with the staff names.
    pub async fn protokoll_mit_namen(&self, wer: &Akteur, kunde_id: KundeId) -> Result<Protokollansicht, AppFehler> {
        let eintraege = self.protokoll_lesen(wer, kunde_id).await?;
        let mut tx = self.db.begin().await?;
        let (kundennummer,) =
            sql!(&mut tx, zeile<(String,)> "SELECT kundennummer FROM kunde WHERE id = $1", kunde_id.0)?
                .ok_or(AppFehler::NichtGefunden("Der Fall"))?;
        let namen: HashMap<i64, String> = sql!(&mut tx, zeilen<(i64, String)>
            "SELECT id, name FROM benutzer
             WHERE id IN (SELECT DISTINCT benutzer_id FROM zugriffsprotokoll WHERE kunde_id = $1)", kunde_id.0)?
        .into_iter()
        .collect();
        let eintraege = eintraege
            .into_iter()
            .map(|e| {
                let name = namen.get(&e.benutzer_id).cloned();
                (e, name)
            })
            .collect();
        Ok(Protokollansicht { kundennummer, eintraege })
    }
}
