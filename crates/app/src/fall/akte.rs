//! The case file as the Kundenakte page shows it: the case with its Fallprüfung plus what lies
//! beside the Fallakte — the case's open appointments and Wiedervorlagen and the latest changes
//! (Verlauf) with who made them. One access-log row for the whole view (D3).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vierphasen_domain::fallakte::ProfilingVersion;
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, pruefen};
use vierphasen_store::protokoll::Zugriff;
use vierphasen_store::{Tx, sql};

use super::{
    Fallansicht, Fallmatching, Vermittlungsangaben, fall_laden, lesezweck, stammdaten_laden, vermittlungsangaben_laden,
};
use crate::konto::benutzername;
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

/// Purpose logged for the members of the Bedarfsgemeinschaft shown in a case file.
pub const ZWECK_BG: &str = "Bedarfsgemeinschaft (P10)";

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Aktentermin {
    pub id: i64,
    /// `termin` or `wiedervorlage`.
    pub art: String,
    pub faellig_am: NaiveDate,
    /// `HH:MM`; duration, channel (`vor_ort`, `telefon`, `video`) and room of an appointment.
    pub uhrzeit: Option<String>,
    pub dauer_minuten: Option<i64>,
    pub kanal: Option<String>,
    pub raum: Option<String>,
    pub regel: Option<String>,
    pub text: String,
}

impl Aktentermin {
    pub fn zeit(&self) -> crate::termine::Terminzeit {
        crate::termine::Terminzeit {
            uhrzeit: self.uhrzeit.clone(),
            dauer_minuten: self.dauer_minuten,
            kanal: self.kanal.as_deref().and_then(crate::termine::Kanal::aus_id),
            raum: self.raum.clone(),
        }
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Aktenaenderung {
    pub zeitpunkt: DateTime<Utc>,
    pub benutzer: String,
    pub entitaet: String,
    pub aktion: String,
}

/// Another member of the customer's Bedarfsgemeinschaft (P10: seen together).
#[derive(Debug, Clone, Serialize)]
pub struct BgMitglied {
    /// `None`: a member whose case this user may not read (only counted).
    pub kunde_id: Option<i64>,
    pub name: String,
    pub profillage: Option<String>,
    /// P10: consent to conversations with the whole BG.
    pub einwilligung_am: Option<NaiveDate>,
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
    /// SGB II: the other members of the Bedarfsgemeinschaft with their Profillage (P10).
    pub bedarfsgemeinschaft: Vec<BgMitglied>,
    /// P10: the customer's own consent to conversations with the whole BG.
    pub bg_einwilligung_am: Option<NaiveDate>,
    /// §8.4: matching postings (new ones since the user's last look, F3) and Vermittlungsvorschläge.
    pub matching: Fallmatching,
    pub vermittlungsangaben: Vermittlungsangaben,
}

impl App {
    pub async fn akte_lesen(&self, wer: &Akteur, kunde_id: KundeId, zweck: Option<&str>) -> Result<Akte, AppFehler> {
        let zweck = lesezweck(wer, zweck)?;
        let mut tx = self.db.begin().await?;
        let fall = fall_laden(&mut tx, wer, kunde_id, Aktion::FallLesen, self.jetzt()).await?;
        let stamm = &fall.stamm;
        let termine = sql!(&mut tx, zeilen<Aktentermin>
            "SELECT id, art, faellig_am, uhrzeit, dauer_minuten, kanal, raum, regel, text FROM termin
             WHERE kunde_id = $1 AND erledigt_um IS NULL ORDER BY faellig_am, COALESCE(uhrzeit, ''), id LIMIT 100",
            kunde_id.0)?;
        let aenderungen = sql!(&mut tx, zeilen<Aktenaenderung>
            "SELECT v.zeitpunkt, b.name AS benutzer, v.entitaet, v.aktion FROM verlauf v JOIN benutzer b ON b.id = v.benutzer_id
             WHERE v.kunde_id = $1 ORDER BY v.id DESC LIMIT 50", kunde_id.0)?;
        let vfk_name = match stamm.vfk_id {
            Some(id) => benutzername(&mut tx, id).await?,
            None => None,
        };
        let bedarfsgemeinschaft = match stamm.bedarfsgemeinschaft_id {
            Some(bg) => bg_mitglieder(&mut tx, wer, bg, kunde_id.0).await?,
            None => Vec::new(),
        };
        let mut matching = self.fallmatching(&mut tx, &fall).await?;
        let vermittlungsangaben = vermittlungsangaben_laden(&mut tx, kunde_id).await?;
        drop(tx);
        self.protokoll
            .protokollieren(Zugriff {
                zeitpunkt: self.jetzt(),
                benutzer_id: wer.benutzer_id,
                kunde_id: kunde_id.0,
                zweck,
            })
            .await?;
        self.treffer_gesehen(wer, kunde_id, &mut matching).await?;
        // The members' Profillage shown beside the case is a read of their files too (D3).
        for m in &bedarfsgemeinschaft {
            if let Some(id) = m.kunde_id {
                let zweck = ZWECK_BG.to_owned();
                self.protokoll
                    .protokollieren(Zugriff {
                        zeitpunkt: self.jetzt(),
                        benutzer_id: wer.benutzer_id,
                        kunde_id: id,
                        zweck,
                    })
                    .await?;
            }
        }
        let bg_einwilligung_am = fall.stamm.bg_einwilligung_am;
        Ok(Akte {
            ansicht: self.ansicht(fall)?,
            termine,
            aenderungen,
            vfk_name,
            bedarfsgemeinschaft,
            bg_einwilligung_am,
            matching,
            vermittlungsangaben,
        })
    }
}

/// The other members of a Bedarfsgemeinschaft; a member whose case the user may not read appears
/// without name (D1: nothing about it is revealed but that it exists in the household).
async fn bg_mitglieder(tx: &mut Tx, wer: &Akteur, bg: i64, ohne: i64) -> Result<Vec<BgMitglied>, AppFehler> {
    let ids = sql!(tx, zeilen<(i64,)> "SELECT id FROM kunde WHERE bedarfsgemeinschaft_id = $1 AND id <> $2 ORDER BY id", bg, ohne)?;
    let mut mitglieder = Vec::with_capacity(ids.len());
    for (id,) in ids {
        let Some((stamm, bezug)) = stammdaten_laden(tx, KundeId(id)).await? else { continue };
        if pruefen(wer, Aktion::FallLesen, Some(&bezug)) != Entscheidung::Erlaubt {
            mitglieder.push(BgMitglied {
                kunde_id: None,
                name: "weiteres Mitglied (nicht in Ihrem Zugriff)".into(),
                profillage: None,
                einwilligung_am: None,
            });
            continue;
        }
        let profillage = sql!(tx, zeile<(String,)>
            "SELECT inhalt FROM profiling WHERE kunde_id = $1 ORDER BY id DESC LIMIT 1", id)?
        .and_then(|(inhalt,)| serde_json::from_str::<ProfilingVersion>(&inhalt).ok())
        .and_then(|p| p.profillage.map(|w| w.wert));
        mitglieder.push(BgMitglied {
            kunde_id: Some(id),
            name: format!("{} {}", stamm.vorname, stamm.nachname),
            profillage,
            einwilligung_am: stamm.bg_einwilligung_am,
        });
    }
    Ok(mitglieder)
}
