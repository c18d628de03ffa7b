//! One change to a case: lock the case row, check permission, load, apply the rule gate, write
//! the Verlauf, commit, enqueue the Wiedervorlagen job.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vierphasen_domain::zugriff::{Akteur, Aktion};
use vierphasen_domain::{Befund, Fallakte};
use vierphasen_store::sql;

use super::vermittlungsangaben_laden;
use super::{Eintrag, Fall, fall_laden, regeln_anwenden, verlauf_schreiben, wiedervorlagen_anstossen};
use crate::schreiber::SchreibTx;
use crate::stellen::Profilquelle;
use crate::{App, AppFehler};

pub(crate) struct Schreibvorgang<'a> {
    pub app: &'a App,
    /// Lent by the batching writer on SQLite (group commit), its own transaction on PostgreSQL.
    pub tx: SchreibTx,
    pub fall: Fall,
    /// The case as loaded, for the rule gate's before/after comparison.
    pub vorher: Fallakte,
    pub benutzer_id: i64,
    pub jetzt: DateTime<Utc>,
    pub heute: NaiveDate,
}

impl App {
    /// Starts a change. The first statement writes the case row, so concurrent changes to one case
    /// run one after the other (row lock on PostgreSQL, the write lock on SQLite).
    pub(crate) async fn aendern(
        &self,
        wer: &Akteur,
        kunde_id: i64,
        aktion: Aktion,
    ) -> Result<Schreibvorgang<'_>, AppFehler> {
        let jetzt = self.jetzt();
        let mut tx = self.schreiber.beginnen().await?;
        sql!(&mut tx, ausfuehren "UPDATE kunde SET geaendert_um = $1 WHERE id = $2", jetzt, kunde_id)?;
        let fall = fall_laden(tx.as_mut(), wer, kunde_id, aktion).await?;
        let vorher = fall.akte.clone();
        Ok(Schreibvorgang { app: self, tx, fall, vorher, benutzer_id: wer.benutzer_id, jetzt, heute: self.heute() })
    }
}

impl Schreibvorgang<'_> {
    /// The rule gate over the changed `fall.akte` (see `regeln_anwenden`).
    pub fn regeln(&self, bestaetigt: bool) -> Result<Vec<Befund>, AppFehler> {
        self.regeln_fuer(bestaetigt, "")
    }

    /// The rule gate; input errors name the field relative to `praefix` (the changed entry).
    pub fn regeln_fuer(&self, bestaetigt: bool, praefix: &str) -> Result<Vec<Befund>, AppFehler> {
        regeln_anwenden(self.app.katalog, &self.vorher, &self.fall.akte, self.heute, bestaetigt, praefix)
    }

    pub async fn verlauf<V: Serialize, N: Serialize>(
        &mut self,
        entitaet: &str,
        entitaet_id: Option<i64>,
        aktion: &str,
        vorher: Option<&V>,
        nachher: Option<&N>,
    ) -> Result<(), AppFehler> {
        let e = Eintrag {
            kunde_id: self.fall.stamm.id,
            benutzer_id: self.benutzer_id,
            zeitpunkt: self.jetzt,
            entitaet,
            entitaet_id,
            aktion,
            vorher,
            nachher,
        };
        verlauf_schreiben(self.tx.as_mut(), e).await
    }

    /// Commits; then the case's Bewerberprofil in the matching index follows the change (§8.4).
    pub async fn abschliessen(mut self) -> Result<(), AppFehler> {
        let id = self.fall.stamm.id;
        wiedervorlagen_anstossen(self.tx.as_mut(), id, self.jetzt).await?;
        let angaben = vermittlungsangaben_laden(self.tx.as_mut(), id).await?;
        self.tx.festschreiben().await?;
        let stamm = &self.fall.stamm;
        let q = Profilquelle { kunde_id: id, plz: stamm.plz.as_deref(), angaben: &angaben, akte: &self.fall.akte };
        self.app.matching.profil_aktualisieren(self.app.katalog, &q, self.heute);
        Ok(())
    }
}

pub(crate) fn json<T: Serialize>(wert: &T) -> Result<String, AppFehler> {
    serde_json::to_string(wert).map_err(|e| AppFehler::intern("Eintrag als JSON", e))
}

/// The Fallakte's date checks see only the stored list; a date that would break the order is
/// refused up front with the field named.
pub(crate) fn nicht_vor(feld: &str, datum: NaiveDate, letztes: Option<NaiveDate>) -> Result<(), AppFehler> {
    match letztes {
        Some(l) if datum < l => Err(AppFehler::ungueltig(
            feld,
            format!(
                "liegt vor dem letzten Eintrag ({}); Einträge sind zeitlich geordnet",
                vierphasen_domain::datum::de(l)
            ),
        )),
        _ => Ok(()),
    }
}
