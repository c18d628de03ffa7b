//! U1: the local handover standard of an Agentur and a partner Jobcenter (the seed's "örtliches
//! Schnittstellenkonzept", 2.2.1): within how many days the Jobcenter takes a handover over,
//! within how many days after the change it holds the Erstgespräch SGB II, and what the two agreed
//! about the appointment for the Antragsausgabe. The Agentur's administration enters it; a row
//! makes the Jobcenter a partner the Agentur can hand cases to.

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::Rechtskreis;
use vierphasen_domain::zugriff::{Akteur, Rolle};
use vierphasen_store::{Tx, sql};

use crate::fall::{als_text, text_pruefen};
use crate::{App, AppFehler, grenzen};

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Uebergabestandard {
    pub agentur_id: i64,
    pub agentur: String,
    pub jobcenter_id: i64,
    pub jobcenter: String,
    /// Days from the receipt of a handover to its Übernahme; beyond them it escalates to the
    /// Jobcenter's Teamleitung.
    pub uebernahme_tage: u32,
    /// Days after the Rechtskreiswechsel (or a later Übernahme) by which the Erstgespräch SGB II
    /// is held.
    pub erstgespraech_tage: u32,
    /// The local agreement on the appointment for the Antragsausgabe (shown to the Agentur's VFK
    /// for the Abschlussgespräch).
    pub antragsausgabe: String,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UebergabestandardEingabe {
    pub jobcenter_id: i64,
    pub uebernahme_tage: u32,
    pub erstgespraech_tage: u32,
    pub antragsausgabe: String,
}

/// At most this many days for either deadline (a quarter).
const HOECHSTENS_TAGE: u32 = 92;

type Zeile = (i64, String, i64, String, i64, i64, String);

fn standard(
    (agentur_id, agentur, jobcenter_id, jobcenter, uebernahme, erstgespraech, antragsausgabe): Zeile,
) -> Uebergabestandard {
    Uebergabestandard {
        agentur_id,
        agentur,
        jobcenter_id,
        jobcenter,
        uebernahme_tage: u32::try_from(uebernahme).unwrap_or(0),
        erstgespraech_tage: u32::try_from(erstgespraech).unwrap_or(0),
        antragsausgabe,
    }
}

/// The standards of a Dienststelle: an Agentur's with its partner Jobcenter, a Jobcenter's with
/// the Agenturen that hand over to it.
pub(crate) async fn standards_der_dienststelle(tx: &mut Tx, id: i64) -> Result<Vec<Uebergabestandard>, AppFehler> {
    Ok(sql!(tx, zeilen<Zeile>
        "SELECT s.agentur_id, a.name, s.jobcenter_id, j.name, s.uebernahme_tage, s.erstgespraech_tage, s.antragsausgabe
         FROM uebergabestandard s JOIN dienststelle a ON a.id = s.agentur_id JOIN dienststelle j ON j.id = s.jobcenter_id
         WHERE s.agentur_id = $1 OR s.jobcenter_id = $1 ORDER BY a.name, j.name",
        id)?
    .into_iter()
    .map(standard)
    .collect())
}

/// The standard of one pair among `standards`, if the two are partners.
pub(crate) fn des_paars(
    standards: &[Uebergabestandard],
    agentur_id: i64,
    jobcenter_id: i64,
) -> Option<&Uebergabestandard> {
    standards.iter().find(|s| s.agentur_id == agentur_id && s.jobcenter_id == jobcenter_id)
}

/// The standard of one pair, if the two are partners.
pub(crate) async fn standard_des_paars(
    tx: &mut Tx,
    agentur_id: i64,
    jobcenter_id: i64,
) -> Result<Option<Uebergabestandard>, AppFehler> {
    Ok(des_paars(&standards_der_dienststelle(tx, agentur_id).await?, agentur_id, jobcenter_id).cloned())
}

impl App {
    /// The handover standards the user's Dienststelle is part of.
    pub async fn uebergabestandards(&self, wer: &Akteur) -> Result<Vec<Uebergabestandard>, AppFehler> {
        standards_der_dienststelle(&mut self.db.begin().await?, wer.dienststelle_id).await
    }

    /// The Jobcenter an Agentur may name as partner: the Dienststellen of SGB II (id, name).
    pub async fn jobcenter_auswahl(&self) -> Result<Vec<(i64, String)>, AppFehler> {
        let mut tx = self.db.begin().await?;
        Ok(sql!(&mut tx, zeilen<(i64, String)>
            "SELECT id, name FROM dienststelle WHERE rechtskreis = $1 ORDER BY name", als_text(&Rechtskreis::SgbII))?)
    }

    /// The Agentur's administration enters or changes the standard with one partner Jobcenter.
    pub async fn uebergabestandard_setzen(
        &self,
        wer: &Akteur,
        e: UebergabestandardEingabe,
    ) -> Result<Uebergabestandard, AppFehler> {
        if wer.rolle != Rolle::Admin {
            return Err(AppFehler::Verboten("Den Übergabestandard trägt die Administration der Agentur ein.".into()));
        }
        let mut tx = self.schreiber.beginnen().await?;
        let (rechtskreis,) = sql!(tx.as_mut(), zeile<(String,)> "SELECT rechtskreis FROM dienststelle WHERE id = $1",
            wer.dienststelle_id)?
        .ok_or(AppFehler::NichtGefunden("Die Dienststelle"))?;
        if rechtskreis != als_text(&Rechtskreis::SgbIII) {
            return Err(AppFehler::Verboten(
                "Den Übergabestandard trägt die Agentur für Arbeit ein, die Fälle übergibt (U1).".into(),
            ));
        }
        if !self.jobcenter_auswahl().await?.iter().any(|(id, _)| *id == e.jobcenter_id) {
            return Err(AppFehler::ungueltig("jobcenter_id", "Bitte ein Jobcenter aus der Liste wählen"));
        }
        for (feld, tage) in [("uebernahme_tage", e.uebernahme_tage), ("erstgespraech_tage", e.erstgespraech_tage)] {
            if !(1..=HOECHSTENS_TAGE).contains(&tage) {
                return Err(AppFehler::ungueltig(feld, format!("zwischen 1 und {HOECHSTENS_TAGE} Tagen")));
            }
        }
        let antragsausgabe = text_pruefen("antragsausgabe", &e.antragsausgabe, grenzen::ABSATZ)?;
        sql!(tx.as_mut(), ausfuehren "DELETE FROM uebergabestandard WHERE agentur_id = $1 AND jobcenter_id = $2",
            wer.dienststelle_id, e.jobcenter_id)?;
        sql!(tx.as_mut(), ausfuehren
            "INSERT INTO uebergabestandard (agentur_id, jobcenter_id, uebernahme_tage, erstgespraech_tage, antragsausgabe)
             VALUES ($1, $2, $3, $4, $5)",
            wer.dienststelle_id, e.jobcenter_id, i64::from(e.uebernahme_tage), i64::from(e.erstgespraech_tage),
            &antragsausgabe)?;
        let neu = standard_des_paars(tx.as_mut(), wer.dienststelle_id, e.jobcenter_id)
            .await?
            .ok_or(AppFehler::NichtGefunden("Der Übergabestandard"))?;
        tx.festschreiben().await?;
        Ok(neu)
    }
}
