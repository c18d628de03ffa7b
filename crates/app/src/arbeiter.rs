//! Persistent jobs and the worker that runs them. A signed EV or a saved Vermerk enqueues a
//! `dokumente` job that makes the PDF of the kept document (E5/V3). Every change to a case enqueues a
//! `wiedervorlagen` job (fall/verlauf.rs); the worker derives the case's Wiedervorlagen from the
//! rules' due dates: EV review (E2), Übergabe steps (U1), next Folgegespräch (K1), conversations
//! around qualifying measures (S13), N profiles awaiting the Zweitgespräch (P8), and Merkmale
//! "zu klären" (P4).
//!
//! Several instances may run the worker: a job is claimed with an optimistic
//! `UPDATE … WHERE faellig_um = <as read>` that moves it into a lease; only one instance wins.
//! Generated rows carry a unique `schluessel`, so a job that runs twice creates nothing twice.

use std::collections::HashSet;
use std::time::Duration;

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use vierphasen_domain::MerkmalStatus;
use vierphasen_domain::fallakte::Auftragsstatus as AS;
use vierphasen_domain::fallakte::pruefen_und_aufloesen;
use vierphasen_domain::kalender::arbeitstag_bis;
use vierphasen_domain::regeln::fachdienst::regel_des_dienstes;
use vierphasen_domain::regeln::frist::FristStatus;
use vierphasen_domain::zugriff::{Akteur, Aktion, Rolle};
use vierphasen_store::{Tx, sql};

use crate::fall::{JOB_DOKUMENTE, JOB_WIEDERVORLAGEN, fall_laden, stammdaten_laden};
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

/// After this many failed attempts a job stays in the table for inspection and is not run again.
pub const MAX_VERSUCHE: i64 = 8;
/// How long a claimed job belongs to the instance that claimed it.
const LEASE: TimeDelta = TimeDelta::minutes(5);
/// Jobs per round of the worker loop.
const STAPEL: usize = 100;

type JobZeile = (i64, String, Option<i64>, DateTime<Utc>, i64);

/// One Wiedervorlage to be stored.
struct Wiedervorlage {
    regel: String,
    art: String,
    datum: NaiveDate,
    text: String,
}

impl App {
    /// Runs up to `max` due jobs; returns how many were completed. A failing job is retried with
    /// exponential back-off (2^n minutes) and given up after [`MAX_VERSUCHE`] attempts.
    pub async fn jobs_abarbeiten(&self, max: usize) -> Result<usize, AppFehler> {
        let jetzt = self.jetzt();
        let grenze = i64::try_from(max).unwrap_or(i64::MAX);
        let mut tx = self.db.begin().await?;
        let faellig: Vec<JobZeile> = sql!(&mut tx, zeilen<JobZeile>
            "SELECT id, art, kunde_id, faellig_um, versuche FROM job
             WHERE faellig_um <= $1 AND versuche < $2 ORDER BY faellig_um, id LIMIT $3",
            jetzt, MAX_VERSUCHE, grenze)?;
        drop(tx);
        let mut erledigt = 0;
        for (id, art, kunde_id, faellig_um, versuche) in faellig {
            // Claim: only the instance whose UPDATE still sees the value it read wins.
            let lease = self.jetzt() + LEASE;
            let mut tx = self.schreiber.beginnen().await?;
            let n = sql!(&mut tx, ausfuehren
                "UPDATE job SET faellig_um = $1 WHERE id = $2 AND faellig_um = $3", lease, id, faellig_um)?;
            tx.festschreiben().await?;
            if n == 0 {
                continue;
            }
            match self.job_ausfuehren(id, &art, kunde_id).await {
                Ok(()) => erledigt += 1,
                Err(fehler) => self.job_zurueckstellen(id, &art, versuche, &fehler).await?,
            }
        }
        Ok(erledigt)
    }

    /// Writes go through the batching writer like every change (on SQLite a transaction that
    /// reads first and writes later would fail at once under concurrent writers).
    async fn job_ausfuehren(&self, id: i64, art: &str, kunde_id: Option<i64>) -> Result<(), AppFehler> {
        if art != JOB_WIEDERVORLAGEN && art != JOB_DOKUMENTE {
            return Err(AppFehler::intern_meldung(format!("Unbekannte Jobart „{art}“")));
        }
        let kunde_id = KundeId(kunde_id.ok_or_else(|| AppFehler::intern_meldung("Job ohne Fall"))?);
        if art == JOB_DOKUMENTE {
            // Typesetting takes a while: in its own transactions, not in the writer's.
            self.dokumente_setzen(kunde_id).await?;
        }
        let mut tx = self.schreiber.beginnen().await?;
        if art == JOB_WIEDERVORLAGEN {
            wiedervorlagen_ableiten(self, tx.as_mut(), kunde_id).await?;
        }
        sql!(&mut tx, ausfuehren "DELETE FROM job WHERE id = $1", id)?;
        tx.festschreiben().await
    }

    async fn job_zurueckstellen(&self, id: i64, art: &str, versuche: i64, fehler: &AppFehler) -> Result<(), AppFehler> {
        let versuche = (versuche + 1).min(MAX_VERSUCHE);
        let meldung: String = fehler.fuer_das_protokoll().chars().take(1000).collect();
        let jetzt = self.jetzt();
        let naechster = jetzt + TimeDelta::minutes(1i64 << versuche);
        let mut tx = self.schreiber.beginnen().await?;
        sql!(&mut tx, ausfuehren
            "UPDATE job SET versuche = $1, letzter_fehler = $2, faellig_um = $3 WHERE id = $4",
            versuche, &meldung, naechster, id)?;
        tx.festschreiben().await?;
        // No case content or ids in the log: the job id leads to the stored error.
        if versuche >= MAX_VERSUCHE {
            tracing::warn!(
                job = id,
                art,
                versuche,
                "Job nach {MAX_VERSUCHE} Versuchen aufgegeben; siehe job.letzter_fehler"
            );
        } else {
            tracing::info!(job = id, art, versuche, "Job fehlgeschlagen, neuer Versuch später");
        }
        Ok(())
    }
}

/// Derives the case's Wiedervorlagen for its responsible VFK. Generated entries that no longer
/// correspond to a due date (met, or replaced by a newer date) are closed.
async fn wiedervorlagen_ableiten(app: &App, tx: &mut Tx, kunde_id: KundeId) -> Result<usize, AppFehler> {
    let jetzt = app.jetzt();
    let heute = app.heute();
    // Serialises with changes to the case (they lock the same row first, see `App::aendern`), so
    // a change committed after this job was claimed enqueues a job of its own.
    sql!(tx, ausfuehren "UPDATE kunde SET geaendert_um = geaendert_um WHERE id = $1", kunde_id.0)?;
    let Some((stamm, _)) = stammdaten_laden(tx, kunde_id).await? else {
        return Ok(0);
    };
    // Wiedervorlagen go to the responsible VFK: the case is read as she sees it (a case
    // restricted without her produces none, she could not open it).
    let Some(vfk_id) = stamm.vfk_id else {
        return Ok(0);
    };
    let vfk = Akteur {
        benutzer_id: vfk_id,
        rolle: Rolle::Vfk,
        dienststelle_id: stamm.dienststelle_id,
        team_id: stamm.team_id,
        vertritt: Vec::new(),
        fachdienst: None,
    };
    let fall = match fall_laden(tx, &vfk, kunde_id, Aktion::FallLesen, jetzt).await {
        Ok(f) => f,
        Err(AppFehler::NichtGefunden(_)) => return Ok(0),
        Err(e) => return Err(e),
    };
    let auftrag_ids = fall.ids.auftraege.clone();
    let gf = pruefen_und_aufloesen(fall.akte, app.katalog)?;
    let pruefung = vierphasen_domain::pruefen(&gf, heute);

    // One row per event: a K1 deadline met by an appointment already in the calendar needs no
    // reminder of its own.
    let termin_bis = sql!(tx, zeile<(NaiveDate,)>
        "SELECT faellig_am FROM termin WHERE kunde_id = $1 AND art = 'termin' AND erledigt_um IS NULL
         ORDER BY faellig_am LIMIT 1", kunde_id.0)?
    .map(|(d,)| d);
    // A reminder falls on the Dienststelle's last working day before the deadline.
    let land = gf.akte.dienststelle.bundesland;
    let mut neu: Vec<Wiedervorlage> = pruefung
        .fristen
        .iter()
        .filter(|f| f.status != FristStatus::Erledigt)
        .filter(|f| !(f.regel == "K1" && termin_bis.is_some_and(|t| t <= f.datum)))
        .map(|f| Wiedervorlage {
            regel: f.regel.id().into(),
            art: f.art.into(),
            datum: arbeitstag_bis(f.datum, land),
            text: f.bezeichnung.clone(),
        })
        .collect();
    // P4: Merkmale "zu klären" are plausibilised in the next Folgegespräch (before the first
    // one is held: due from the day of the profiling). A fixed date keeps the key stable.
    let naechstes =
        pruefung.fristen.iter().find(|f| f.regel == "K1" && f.status != FristStatus::Erledigt).map(|f| f.datum);
    if let Some((version, _)) = gf.aktuelles_profiling() {
        let bis = arbeitstag_bis(naechstes.unwrap_or(version.gespeichert_am), land);
        for m in version.merkmale.iter().filter(|m| m.status == MerkmalStatus::ZuKlaeren) {
            let (id, label) = match app.katalog.finde_merkmal(&m.merkmal) {
                Some(r) => (app.katalog.merkmal(r).id.clone(), app.katalog.merkmal(r).label.clone()),
                None => (m.merkmal.clone(), m.merkmal.clone()),
            };
            neu.push(Wiedervorlage {
                regel: "P4".into(),
                art: format!("zu_klaeren_{id}"),
                datum: bis,
                text: format!("Merkmal „{label}“ ist zu klären: im nächsten Folgegespräch plausibilisieren"),
            });
        }
    }

    // Issue 13/1: a result to take note of, a question back to answer.
    for ((a, l), id) in gf.akte.auftraege.iter().zip(&gf.auftraege).zip(&auftrag_ids) {
        let dienst = app.katalog.dienst(&l.dienst).map_or("Fachdienst", |d| d.label.as_str());
        let text = match a.status {
            AS::ErgebnisMitgeteilt => format!("Ergebnis „{}“ ({dienst}) liegt vor: zur Kenntnis nehmen", l.label),
            AS::Zurueckgegeben => format!("Rückfrage zum Auftrag „{}“ ({dienst}) beantworten", l.label),
            _ => continue,
        };
        // A fixed date keeps the key stable: the result's day, else the referral's (due at once).
        let datum = a.ergebnis.as_ref().map_or(a.datum, |e| e.datum);
        neu.push(Wiedervorlage {
            regel: regel_des_dienstes(&l.dienst).map_or("U4", |r| r.id()).into(),
            art: format!("auftrag_{id}_{}", a.status.id()),
            datum: arbeitstag_bis(datum, land),
            text,
        });
    }

    let mut schluessel_neu = HashSet::with_capacity(neu.len());
    let mut angelegt = 0;
    for w in &neu {
        let schluessel = format!("{kunde_id}:{}:{}:{}", w.regel, w.art, w.datum);
        angelegt += sql!(tx, ausfuehren
            "INSERT INTO termin (kunde_id, benutzer_id, art, faellig_am, regel, text, schluessel, erstellt_um)
             VALUES ($1, $2, 'wiedervorlage', $3, $4, $5, $6, $7)
             ON CONFLICT (schluessel) DO NOTHING",
            kunde_id.0, vfk_id, w.datum, &w.regel, &w.text, &schluessel, jetzt)?;
        schluessel_neu.insert(schluessel);
    }
    let offen = sql!(tx, zeilen<(i64, String)>
        "SELECT id, schluessel FROM termin
         WHERE kunde_id = $1 AND art = 'wiedervorlage' AND schluessel IS NOT NULL AND erledigt_um IS NULL", kunde_id.0)?;
    for (id, schluessel) in offen {
        if !schluessel_neu.contains(&schluessel) {
            sql!(tx, ausfuehren "UPDATE termin SET erledigt_um = $1 WHERE id = $2", jetzt, id)?;
        }
    }
    Ok(usize::try_from(angelegt).unwrap_or(usize::MAX))
}

/// Runs the worker forever: every `takt` the due jobs, in rounds of 100 while more are waiting;
/// once a day the postings expired beyond the BAC trend leave the matching index (§8.4).
pub fn arbeiter_starten(app: App, takt: Duration) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut uhr = tokio::time::interval(takt.max(Duration::from_millis(10)));
        uhr.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut aufgeraeumt_am = None;
        loop {
            uhr.tick().await;
            let heute = app.heute();
            if aufgeraeumt_am != Some(heute) {
                app.matching.abgelaufene_entfernen(heute);
                aufgeraeumt_am = Some(heute);
            }
            loop {
                match app.jobs_abarbeiten(STAPEL).await {
                    Ok(n) if n >= STAPEL => continue,
                    Ok(_) => break,
                    Err(e) => {
                        tracing::warn!(fehler = %e, "Jobs konnten nicht abgearbeitet werden");
                        break;
                    }
                }
            }
        }
    })
}
