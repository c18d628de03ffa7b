//! Writing the entries of a case: one implementation per entry kind of the Fallakte (its list,
//! its ids, its row), so that a use case never writes a case row itself. `Schreibvorgang`
//! (`fall/schreiben.rs`) puts an entry into the Fallakte, its row and its Verlauf row in one call;
//! the Fallakte import uses the same row functions.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use vierphasen_domain::Fallakte;
use vierphasen_domain::KundeId;
use vierphasen_domain::fallakte::{
    Aktivitaet, Auftrag, Beratungsvermerk, Eingliederungsvereinbarung, Einwilligung, Gespraech, Meldung, Nachtrag,
    ProfilingVersion, StrategieWahl, Werdegangseintrag, Ziel,
};
use vierphasen_domain::katalog::Katalog;
use vierphasen_store::{Tx, sql};

use super::spalten::als_text;
use crate::AppFehler;
use crate::fall::FallIds;

/// Who writes and when: what every entry row carries besides its content.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Kopf {
    pub kunde_id: KundeId,
    pub von: i64,
    pub jetzt: DateTime<Utc>,
    /// Rows that carry a catalogue fact beside their content (the service of a referral).
    pub katalog: &'static Katalog,
}

/// An entry as stored JSON (`inhalt`).
pub(crate) fn json<T: Serialize>(wert: &T) -> Result<String, AppFehler> {
    serde_json::to_string(wert).map_err(|e| AppFehler::intern("Eintrag als JSON", e))
}

/// One kind of entry of the Fallakte.
pub(crate) trait Eintragsart: Serialize + Clone + Sized {
    /// Its table, also the entity name of its Verlauf rows.
    const TABELLE: &'static str;
    /// A history of versions (profiling, goal): the Verlauf of a new one shows its predecessor.
    const VERSIONEN: bool = false;
    fn liste(akte: &mut Fallakte) -> &mut Vec<Self>;
    fn ids(ids: &mut FallIds) -> &mut Vec<i64>;
    /// The date the stored list is ordered by (then by id); `None`: in the order written.
    fn ordnung(&self) -> Option<NaiveDate>;
    /// Inserts the row; returns its id.
    async fn einfuegen(&self, tx: &mut Tx, k: Kopf) -> Result<i64, AppFehler>;
    /// Overwrites the row `id` with this state.
    async fn ueberschreiben(&self, tx: &mut Tx, id: i64, k: Kopf) -> Result<(), AppFehler>;
    /// Deletes the row `id`; only lists the VFK may correct by removing an entry allow it.
    async fn loeschen(tx: &mut Tx, id: i64) -> Result<(), AppFehler> {
        let _ = (tx, id);
        Err(AppFehler::intern_meldung(format!("Einträge in `{}` werden nicht gelöscht", Self::TABELLE)))
    }
}

/// Only the Fallakte's append-only histories are never overwritten; their `ueberschreiben` says so.
fn unveraenderlich(tabelle: &str) -> AppFehler {
    AppFehler::intern_meldung(format!("Einträge in `{tabelle}` werden nicht überschrieben"))
}

impl Eintragsart for Meldung {
    const TABELLE: &'static str = "meldung";
    fn liste(akte: &mut Fallakte) -> &mut Vec<Self> {
        &mut akte.meldungen
    }
    fn ids(ids: &mut FallIds) -> &mut Vec<i64> {
        &mut ids.meldungen
    }
    fn ordnung(&self) -> Option<NaiveDate> {
        Some(self.beginn)
    }
    async fn einfuegen(&self, tx: &mut Tx, k: Kopf) -> Result<i64, AppFehler> {
        Ok(sql!(tx, wert<i64>
            "INSERT INTO meldung (kunde_id, beginn, ende, abmeldegrund) VALUES ($1, $2, $3, $4) RETURNING id",
            k.kunde_id.0, self.beginn, self.ende, self.abmeldegrund.as_ref().map(als_text))?)
    }
    async fn ueberschreiben(&self, tx: &mut Tx, id: i64, _: Kopf) -> Result<(), AppFehler> {
        sql!(tx, ausfuehren "UPDATE meldung SET beginn = $1, ende = $2, abmeldegrund = $3 WHERE id = $4",
            self.beginn, self.ende, self.abmeldegrund.as_ref().map(als_text), id)?;
        Ok(())
    }
}

impl Eintragsart for ProfilingVersion {
    const TABELLE: &'static str = "profiling";
    const VERSIONEN: bool = true;
    fn liste(akte: &mut Fallakte) -> &mut Vec<Self> {
        &mut akte.profiling
    }
    fn ids(ids: &mut FallIds) -> &mut Vec<i64> {
        &mut ids.profiling
    }
    fn ordnung(&self) -> Option<NaiveDate> {
        Some(self.gespeichert_am)
    }
    async fn einfuegen(&self, tx: &mut Tx, k: Kopf) -> Result<i64, AppFehler> {
        Ok(sql!(tx, wert<i64>
            "INSERT INTO profiling (kunde_id, gespeichert_am, erstellt_von, erstellt_um, inhalt)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
            k.kunde_id.0, self.gespeichert_am, k.von, k.jetzt, json(self)?)?)
    }
    /// P: every save is a new version.
    async fn ueberschreiben(&self, _: &mut Tx, _: i64, _: Kopf) -> Result<(), AppFehler> {
        Err(unveraenderlich(Self::TABELLE))
    }
}

impl Eintragsart for Ziel {
    const TABELLE: &'static str = "ziel";
    const VERSIONEN: bool = true;
    fn liste(akte: &mut Fallakte) -> &mut Vec<Self> {
        &mut akte.ziele
    }
    fn ids(ids: &mut FallIds) -> &mut Vec<i64> {
        &mut ids.ziele
    }
    fn ordnung(&self) -> Option<NaiveDate> {
        Some(self.vereinbart_am)
    }
    async fn einfuegen(&self, tx: &mut Tx, k: Kopf) -> Result<i64, AppFehler> {
        Ok(sql!(tx, wert<i64>
            "INSERT INTO ziel (kunde_id, vereinbart_am, erstellt_von, erstellt_um, inhalt) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            k.kunde_id.0, self.vereinbart_am, k.von, k.jetzt, json(self)?)?)
    }
    /// Z1: the goal has a history (a later agreement is a new entry); only the agreement of the
    /// same day is corrected in place.
    async fn ueberschreiben(&self, tx: &mut Tx, id: i64, k: Kopf) -> Result<(), AppFehler> {
        sql!(tx, ausfuehren
            "UPDATE ziel SET vereinbart_am = $1, erstellt_von = $2, erstellt_um = $3, inhalt = $4 WHERE id = $5",
            self.vereinbart_am, k.von, k.jetzt, json(self)?, id)?;
        Ok(())
    }
}

impl Eintragsart for StrategieWahl {
    const TABELLE: &'static str = "strategie";
    fn liste(akte: &mut Fallakte) -> &mut Vec<Self> {
        &mut akte.strategien
    }
    fn ids(ids: &mut FallIds) -> &mut Vec<i64> {
        &mut ids.strategien
    }
    fn ordnung(&self) -> Option<NaiveDate> {
        None
    }
    async fn einfuegen(&self, tx: &mut Tx, k: Kopf) -> Result<i64, AppFehler> {
        Ok(sql!(tx, wert<i64>
            "INSERT INTO strategie (kunde_id, gewaehlt_am, erledigt, erstellt_von, erstellt_um, geaendert_um, inhalt)
             VALUES ($1, $2, $3, $4, $5, $5, $6) RETURNING id",
            k.kunde_id.0, self.gewaehlt_am, self.ergebnis.is_some(), k.von, k.jetzt, json(self)?)?)
    }
    async fn ueberschreiben(&self, tx: &mut Tx, id: i64, k: Kopf) -> Result<(), AppFehler> {
        sql!(tx, ausfuehren "UPDATE strategie SET erledigt = $1, geaendert_um = $2, inhalt = $3 WHERE id = $4",
            self.ergebnis.is_some(), k.jetzt, json(self)?, id)?;
        Ok(())
    }
}

/// E5: the stored status of a version (draft, concluded, replaced).
fn ev_status(ev: &Eingliederungsvereinbarung) -> &'static str {
    if ev.ersetzt_am.is_some() {
        "ersetzt"
    } else if ev.abgeschlossen_am.is_some() {
        "abgeschlossen"
    } else {
        "entwurf"
    }
}

impl Eintragsart for Eingliederungsvereinbarung {
    const TABELLE: &'static str = "eingliederungsvereinbarung";
    fn liste(akte: &mut Fallakte) -> &mut Vec<Self> {
        &mut akte.eingliederungsvereinbarungen
    }
    fn ids(ids: &mut FallIds) -> &mut Vec<i64> {
        &mut ids.eingliederungsvereinbarungen
    }
    fn ordnung(&self) -> Option<NaiveDate> {
        Some(self.erstellt_am)
    }
    async fn einfuegen(&self, tx: &mut Tx, k: Kopf) -> Result<i64, AppFehler> {
        Ok(sql!(tx, wert<i64>
            "INSERT INTO eingliederungsvereinbarung (kunde_id, erstellt_am, status, erstellt_von, erstellt_um, inhalt)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            k.kunde_id.0, self.erstellt_am, ev_status(self), k.von, k.jetzt, json(self)?)?)
    }
    /// E5: only a draft changes (edited or concluded), and a concluded version only to replaced
    /// or by its handover (the use case changes nothing else); the row's status guards it
    /// against a concurrent change.
    async fn ueberschreiben(&self, tx: &mut Tx, id: i64, _: Kopf) -> Result<(), AppFehler> {
        let (bisher, oder) = match ev_status(self) {
            "ersetzt" => ("abgeschlossen", "abgeschlossen"),
            "abgeschlossen" => ("entwurf", "abgeschlossen"),
            _ => ("entwurf", "entwurf"),
        };
        let n = sql!(tx, ausfuehren
            "UPDATE eingliederungsvereinbarung SET status = $1, inhalt = $2 WHERE id = $3 AND status IN ($4, $5)",
            ev_status(self), json(self)?, id, bisher, oder)?;
        if n != 1 {
            return Err(AppFehler::Konflikt(crate::fall::ev::UNVERAENDERLICH.into()));
        }
        Ok(())
    }
}

impl Eintragsart for Gespraech {
    const TABELLE: &'static str = "gespraech";
    fn liste(akte: &mut Fallakte) -> &mut Vec<Self> {
        &mut akte.gespraeche
    }
    fn ids(ids: &mut FallIds) -> &mut Vec<i64> {
        &mut ids.gespraeche
    }
    fn ordnung(&self) -> Option<NaiveDate> {
        Some(self.datum)
    }
    async fn einfuegen(&self, tx: &mut Tx, k: Kopf) -> Result<i64, AppFehler> {
        Ok(sql!(tx, wert<i64>
            "INSERT INTO gespraech (kunde_id, datum, art, erstellt_von, erstellt_um, inhalt)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            k.kunde_id.0, self.datum, als_text(&self.art), k.von, k.jetzt, json(self)?)?)
    }
    async fn ueberschreiben(&self, _: &mut Tx, _: i64, _: Kopf) -> Result<(), AppFehler> {
        Err(unveraenderlich(Self::TABELLE))
    }
}

impl Eintragsart for Beratungsvermerk {
    const TABELLE: &'static str = "vermerk";
    fn liste(akte: &mut Fallakte) -> &mut Vec<Self> {
        &mut akte.vermerke
    }
    fn ids(ids: &mut FallIds) -> &mut Vec<i64> {
        &mut ids.vermerke
    }
    fn ordnung(&self) -> Option<NaiveDate> {
        Some(self.datum)
    }
    /// V3: the Vermerk is stored as written; its addenda are rows of their own (`nachtrag_einfuegen`).
    async fn einfuegen(&self, tx: &mut Tx, k: Kopf) -> Result<i64, AppFehler> {
        let ohne_nachtraege = Beratungsvermerk { nachtraege: Vec::new(), ..self.clone() };
        Ok(sql!(tx, wert<i64>
            "INSERT INTO vermerk (kunde_id, datum, erstellt_von, erstellt_um, inhalt) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            k.kunde_id.0, self.datum, k.von, k.jetzt, json(&ohne_nachtraege)?)?)
    }
    /// V3: immutable after saving.
    async fn ueberschreiben(&self, _: &mut Tx, _: i64, _: Kopf) -> Result<(), AppFehler> {
        Err(unveraenderlich(Self::TABELLE))
    }
}

/// V3: an addendum to the Vermerk `vermerk_id`.
pub(crate) async fn nachtrag_einfuegen(tx: &mut Tx, k: Kopf, vermerk_id: i64, n: &Nachtrag) -> Result<i64, AppFehler> {
    Ok(sql!(tx, wert<i64>
        "INSERT INTO nachtrag (vermerk_id, datum, text, erstellt_von, erstellt_um) VALUES ($1, $2, $3, $4, $5) RETURNING id",
        vermerk_id, n.datum, &n.text, k.von, k.jetzt)?)
}

/// A referral row carries the catalogue id of the service (`leistung`; the Fallakte may name it
/// by its label, the import resolves it first), the service it is addressed to (`dienst`) and its
/// state; `erledigt` is "closed for the service" (the access decision reads it).
pub(crate) async fn auftrag_einfuegen(tx: &mut Tx, k: Kopf, a: &Auftrag, leistung: &str) -> Result<i64, AppFehler> {
    let dienst = k.katalog.finde_leistung(leistung).map_or("", |l| l.dienst.as_str());
    Ok(sql!(tx, wert<i64>
        "INSERT INTO auftrag (kunde_id, datum, leistung, dienst, status, erledigt, erstellt_von, erstellt_um, inhalt)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
        k.kunde_id.0, a.datum, leistung, dienst, a.status.id(), !a.status.offen(), k.von, k.jetzt, json(a)?)?)
}

impl Eintragsart for Auftrag {
    const TABELLE: &'static str = "auftrag";
    fn liste(akte: &mut Fallakte) -> &mut Vec<Self> {
        &mut akte.auftraege
    }
    fn ids(ids: &mut FallIds) -> &mut Vec<i64> {
        &mut ids.auftraege
    }
    fn ordnung(&self) -> Option<NaiveDate> {
        Some(self.datum)
    }
    async fn einfuegen(&self, tx: &mut Tx, k: Kopf) -> Result<i64, AppFehler> {
        auftrag_einfuegen(tx, k, self, &self.leistung).await
    }
    /// Issue 13/1: a step of the lifecycle (the service and the referral itself stay).
    async fn ueberschreiben(&self, tx: &mut Tx, id: i64, _: Kopf) -> Result<(), AppFehler> {
        sql!(tx, ausfuehren "UPDATE auftrag SET status = $1, erledigt = $2, inhalt = $3 WHERE id = $4",
            self.status.id(), !self.status.offen(), json(self)?, id)?;
        Ok(())
    }
}

impl Eintragsart for Einwilligung {
    const TABELLE: &'static str = "einwilligung";
    fn liste(akte: &mut Fallakte) -> &mut Vec<Self> {
        &mut akte.einwilligungen
    }
    fn ids(ids: &mut FallIds) -> &mut Vec<i64> {
        &mut ids.einwilligungen
    }
    fn ordnung(&self) -> Option<NaiveDate> {
        Some(self.erteilt_am)
    }
    async fn einfuegen(&self, tx: &mut Tx, k: Kopf) -> Result<i64, AppFehler> {
        Ok(sql!(tx, wert<i64>
            "INSERT INTO einwilligung (kunde_id, umfang, erteilt_am, widerrufen_am, erstellt_von, erstellt_um)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            k.kunde_id.0, als_text(&self.umfang), self.erteilt_am, self.widerrufen_am, k.von, k.jetzt)?)
    }
    /// U6: only the revocation changes a consent.
    async fn ueberschreiben(&self, tx: &mut Tx, id: i64, _: Kopf) -> Result<(), AppFehler> {
        sql!(tx, ausfuehren "UPDATE einwilligung SET widerrufen_am = $1 WHERE id = $2", self.widerrufen_am, id)?;
        Ok(())
    }
}

impl Eintragsart for Aktivitaet {
    const TABELLE: &'static str = "aktivitaet";
    fn liste(akte: &mut Fallakte) -> &mut Vec<Self> {
        &mut akte.aktivitaeten
    }
    fn ids(ids: &mut FallIds) -> &mut Vec<i64> {
        &mut ids.aktivitaeten
    }
    fn ordnung(&self) -> Option<NaiveDate> {
        Some(self.datum)
    }
    async fn einfuegen(&self, tx: &mut Tx, k: Kopf) -> Result<i64, AppFehler> {
        Ok(sql!(tx, wert<i64>
            "INSERT INTO aktivitaet (kunde_id, datum, art, erstellt_von, erstellt_um, inhalt)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            k.kunde_id.0, self.datum, self.art.id(), k.von, k.jetzt, json(self)?)?)
    }
    /// F4: a record of what took place.
    async fn ueberschreiben(&self, _: &mut Tx, _: i64, _: Kopf) -> Result<(), AppFehler> {
        Err(unveraenderlich(Self::TABELLE))
    }
}

impl Eintragsart for Werdegangseintrag {
    const TABELLE: &'static str = "werdegang";
    fn liste(akte: &mut Fallakte) -> &mut Vec<Self> {
        &mut akte.kunde.werdegang
    }
    fn ids(ids: &mut FallIds) -> &mut Vec<i64> {
        &mut ids.werdegang
    }
    fn ordnung(&self) -> Option<NaiveDate> {
        Some(self.von.erster_tag())
    }
    async fn einfuegen(&self, tx: &mut Tx, k: Kopf) -> Result<i64, AppFehler> {
        Ok(sql!(tx, wert<i64>
            "INSERT INTO werdegang (kunde_id, von, art, erstellt_von, erstellt_um, inhalt)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            k.kunde_id.0, self.von.iso(), self.art.id(), k.von, k.jetzt, json(self)?)?)
    }
    /// A stage is corrected by removing it and adding it anew.
    async fn ueberschreiben(&self, _: &mut Tx, _: i64, _: Kopf) -> Result<(), AppFehler> {
        Err(unveraenderlich(Self::TABELLE))
    }
    async fn loeschen(tx: &mut Tx, id: i64) -> Result<(), AppFehler> {
        sql!(tx, ausfuehren "DELETE FROM werdegang WHERE id = $1", id)?;
        Ok(())
    }
}
