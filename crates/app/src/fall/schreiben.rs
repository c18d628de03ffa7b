//! One change to a case: lock the case row, check permission, load, change the Fallakte and its
//! rows together (`anfuegen`, `ueberschreiben`), write the Verlauf, and commit through the rule
//! gate (`abschliessen`), which runs whenever the Fallakte differs from what was loaded.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vierphasen_domain::zugriff::{Akteur, Aktion};
use vierphasen_domain::{Befund, Fallakte, KundeId, Regel};
use vierphasen_store::sql;

use super::regeln::{Tor, tor_pruefen};
use super::speicher::{
    Eintrag, Eintragsart, Kopf, Verlaufsaktion, termin_einfuegen, verlauf_schreiben, wiedervorlagen_anstossen,
};
use super::{Fall, fall_laden, vermittlungsangaben_laden};
use crate::schreiber::SchreibTx;
use crate::stellen::Profilquelle;
use crate::termine::Terminzeit;
use crate::{App, AppFehler};

pub(crate) struct Schreibvorgang<'a> {
    pub app: &'a App,
    /// Lent by the batching writer on SQLite (group commit), its own transaction on PostgreSQL.
    pub tx: SchreibTx,
    pub fall: Fall,
    /// The case as loaded, for the rule gate's before/after comparison.
    vorher: Fallakte,
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
        kunde_id: KundeId,
        aktion: Aktion,
    ) -> Result<Schreibvorgang<'_>, AppFehler> {
        let jetzt = self.jetzt();
        let mut tx = self.schreiber.beginnen().await?;
        sql!(&mut tx, ausfuehren "UPDATE kunde SET geaendert_um = $1 WHERE id = $2", jetzt, kunde_id.0)?;
        let fall = fall_laden(tx.as_mut(), wer, kunde_id, aktion, jetzt).await?;
        let vorher = fall.akte.clone();
        Ok(Schreibvorgang { app: self, tx, fall, vorher, benutzer_id: wer.benutzer_id, jetzt, heute: self.heute() })
    }
}

impl Schreibvorgang<'_> {
    pub fn kunde_id(&self) -> KundeId {
        KundeId(self.fall.stamm.id)
    }

    pub(crate) fn kopf(&self) -> Kopf {
        Kopf { kunde_id: self.kunde_id(), von: self.benutzer_id, jetzt: self.jetzt, katalog: self.app.katalog }
    }

    /// Adds an entry to the Fallakte at its place (as it will be read back), writes its row and
    /// its Verlauf row. A new version of a history (profiling, goal) shows the one before it as
    /// "vorher". Returns the row id and the entry's index in its list.
    pub async fn anfuegen<E: Eintragsart>(&mut self, e: E, aktion: Verlaufsaktion) -> Result<(i64, usize), AppFehler> {
        let liste = E::liste(&mut self.fall.akte);
        let stelle = match e.ordnung() {
            Some(d) => liste.partition_point(|x| x.ordnung().is_some_and(|o| o <= d)),
            None => liste.len(),
        };
        let vorige = if E::VERSIONEN && stelle > 0 { liste.get(stelle - 1).cloned() } else { None };
        let kopf = self.kopf();
        let id = e.einfuegen(self.tx.as_mut(), kopf).await?;
        self.verlauf(E::TABELLE, Some(id), aktion, vorige.as_ref(), Some(&e)).await?;
        E::liste(&mut self.fall.akte).insert(stelle, e);
        E::ids(&mut self.fall.ids).insert(stelle, id);
        Ok((id, stelle))
    }

    /// Replaces the entry at `i` of its list: Fallakte, row and Verlauf row (before → after).
    pub async fn ueberschreiben<E: Eintragsart>(
        &mut self,
        i: usize,
        e: E,
        aktion: Verlaufsaktion,
    ) -> Result<(), AppFehler> {
        let id = E::ids(&mut self.fall.ids)[i];
        let vorher = E::liste(&mut self.fall.akte)[i].clone();
        let kopf = self.kopf();
        e.ueberschreiben(self.tx.as_mut(), id, kopf).await?;
        self.verlauf(E::TABELLE, Some(id), aktion, Some(&vorher), Some(&e)).await?;
        E::liste(&mut self.fall.akte)[i] = e;
        Ok(())
    }

    /// Removes the entry at `i` of its list (where the kind allows it): Fallakte, row and
    /// Verlauf row (before → nothing).
    pub async fn entfernen<E: Eintragsart>(&mut self, i: usize) -> Result<(), AppFehler> {
        let id = E::ids(&mut self.fall.ids)[i];
        let vorher = E::liste(&mut self.fall.akte)[i].clone();
        E::loeschen(self.tx.as_mut(), id).await?;
        self.verlauf::<_, E>(E::TABELLE, Some(id), Verlaufsaktion::Entfernt, Some(&vorher), None).await?;
        E::liste(&mut self.fall.akte).remove(i);
        E::ids(&mut self.fall.ids).remove(i);
        Ok(())
    }

    /// An appointment in `benutzer_id`'s calendar for this case, with its Verlauf row.
    pub async fn termin_anlegen(
        &mut self,
        benutzer_id: Option<i64>,
        faellig_am: NaiveDate,
        regel: Option<Regel>,
        text: &str,
        zeit: &Terminzeit,
    ) -> Result<i64, AppFehler> {
        let regel = regel.map(Regel::id);
        let (kunde_id, jetzt) = (self.kunde_id(), self.jetzt);
        let id =
            termin_einfuegen(self.tx.as_mut(), kunde_id, benutzer_id, faellig_am, regel, text, zeit, jetzt).await?;
        let mut termin = serde_json::json!({ "faellig_am": faellig_am, "text": text, "benutzer_id": benutzer_id });
        if let Some(r) = regel {
            termin["regel"] = r.into();
        }
        if let Some(u) = &zeit.uhrzeit {
            termin["uhrzeit"] = u.as_str().into();
        }
        if let Some(d) = zeit.dauer_minuten {
            termin["dauer_minuten"] = d.into();
        }
        if let Some(k) = zeit.kanal {
            termin["kanal"] = k.id().into();
        }
        if let Some(r) = &zeit.raum {
            termin["raum"] = r.as_str().into();
        }
        self.verlauf::<(), _>("termin", Some(id), Verlaufsaktion::Angelegt, None, Some(&termin)).await?;
        Ok(id)
    }

    /// A Verlauf row for a change that is not an entry of the Fallakte (master data, a
    /// referral's answer, an appointment, a proposal).
    pub async fn verlauf<V: Serialize, N: Serialize>(
        &mut self,
        entitaet: &str,
        entitaet_id: Option<i64>,
        aktion: Verlaufsaktion,
        vorher: Option<&V>,
        nachher: Option<&N>,
    ) -> Result<(), AppFehler> {
        let e = Eintrag {
            kunde_id: self.kunde_id(),
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

    /// Commits through the rule gate: when the Fallakte differs from what was loaded, the
    /// Fallprüfung of both sides decides (`tor`); a refusal rolls everything back. Afterwards the
    /// case's Bewerberprofil in the matching index follows the change (§8.4). Returns the
    /// findings the change brought.
    pub async fn abschliessen(self, tor: Tor) -> Result<Vec<Befund>, AppFehler> {
        let Schreibvorgang { app, mut tx, fall: Fall { stamm, akte, ids: _ }, vorher, jetzt, heute, .. } = self;
        let (akte, befunde) =
            if akte == vorher { (akte, Vec::new()) } else { tor_pruefen(app.katalog, vorher, akte, heute, &tor)? };
        let id = KundeId(stamm.id);
        wiedervorlagen_anstossen(tx.as_mut(), id, jetzt).await?;
        let angaben = vermittlungsangaben_laden(tx.as_mut(), id).await?;
        tx.festschreiben().await?;
        let q = Profilquelle { kunde_id: stamm.id, plz: stamm.plz.as_deref(), angaben: &angaben, akte: &akte };
        app.matching.profil_aktualisieren(app.katalog, &q, heute);
        Ok(befunde)
    }
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
