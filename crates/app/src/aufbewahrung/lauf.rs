//! The deletion run (issue 17/6): every case that is not registered is planned with the periods
//! (`vierphasen_domain::aufbewahrung::planen`); what is due is deleted, what must be kept under a
//! hold or an obligation is restricted, and the logs lose the entries past their period. Cases go
//! in packages of [`PAKET`], each in one transaction; a dry run rolls each package back, so it
//! reports exactly what a real run on the same Stichtag would do.

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::Rechtskreis;
use vierphasen_domain::aufbewahrung::{Aufbewahrungslage, Datenkategorie, Protokollart, Verfuegung, planen};
use vierphasen_domain::datum::berlin_datum;
use vierphasen_store::{Tx, sql};

use crate::fall::aus_text;
use crate::{App, AppFehler};

/// Cases per transaction.
const PAKET: i64 = 2000;

/// What one category lost in a run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Kategorieloeschung {
    pub kategorie: Datenkategorie,
    /// Cases whose data of this category were deleted.
    pub faelle: u64,
    /// Rows deleted (all tables of the category).
    pub zeilen: u64,
}

impl Kategorieloeschung {
    /// "Arbeitsdaten (…): 1 Fall, 3 Einträge" — the line of the report on the page and in the CLI.
    pub fn text(&self) -> String {
        format!(
            "{}: {}, {}",
            self.kategorie.label(),
            anzahl(self.faelle, "Fall", "Fälle"),
            anzahl(self.zeilen, "Eintrag", "Einträge")
        )
    }
}

/// "1 Fall", "3 Fälle": a number with its noun in singular or plural.
pub fn anzahl(n: u64, eins: &str, viele: &str) -> String {
    if n == 1 { format!("1 {eins}") } else { format!("{n} {viele}") }
}

/// The report of a run: counts only, no personal data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
pub struct Loeschbericht {
    pub stichtag: NaiveDate,
    /// Nothing was changed (`--dry-run`).
    pub trocken: bool,
    /// Cases not registered (or restricted) that were planned.
    pub faelle_geprueft: u64,
    /// Cases deleted completely, master data included.
    pub faelle_geloescht: u64,
    /// Cases restricted after the run (Art. 18), newly or still.
    pub faelle_eingeschraenkt: u64,
    /// Restrictions lifted (hold lifted and data deleted, or registered again).
    pub einschraenkungen_aufgehoben: u64,
    pub kategorien: Vec<Kategorieloeschung>,
    pub zugriffsprotokoll_zeilen: u64,
    pub suchprotokoll_zeilen: u64,
    /// Art. 17 requests carried out completely (the case is gone).
    pub loeschantraege_erledigt: u64,
}

impl Loeschbericht {
    fn neu(stichtag: NaiveDate, trocken: bool) -> Loeschbericht {
        Loeschbericht {
            stichtag,
            trocken,
            faelle_geprueft: 0,
            faelle_geloescht: 0,
            faelle_eingeschraenkt: 0,
            einschraenkungen_aufgehoben: 0,
            kategorien: Datenkategorie::ALLE
                .into_iter()
                .map(|kategorie| Kategorieloeschung { kategorie, faelle: 0, zeilen: 0 })
                .collect(),
            zugriffsprotokoll_zeilen: 0,
            suchprotokoll_zeilen: 0,
            loeschantraege_erledigt: 0,
        }
    }

    /// Whether the run deleted or changed anything.
    pub fn leer(&self) -> bool {
        self.faelle_geloescht == 0
            && self.kategorien.iter().all(|k| k.zeilen == 0 && k.faelle == 0)
            && self.zugriffsprotokoll_zeilen == 0
            && self.suchprotokoll_zeilen == 0
            && self.einschraenkungen_aufgehoben == 0
    }
}

/// One candidate as the plan needs it.
#[derive(sqlx::FromRow)]
struct Kandidat {
    id: i64,
    rechtskreis: String,
    erstellt_um: DateTime<Utc>,
    eingeschraenkt: bool,
    offen: i64,
    abgemeldet_am: Option<NaiveDate>,
    anordnungen: i64,
    antrag_am: Option<NaiveDate>,
}

/// The facts of a case for its plan; `None` while it is registered.
pub(crate) fn lage(
    rechtskreis: Rechtskreis,
    offen: bool,
    abgemeldet_am: Option<NaiveDate>,
    erstellt_um: DateTime<Utc>,
    anordnungen: i64,
    antrag_am: Option<NaiveDate>,
) -> Aufbewahrungslage {
    Aufbewahrungslage {
        rechtskreis,
        // Never registered at all: the period runs from the creation of the record.
        abgemeldet_am: if offen { None } else { Some(abgemeldet_am.unwrap_or_else(|| berlin_datum(erstellt_um))) },
        angeordnet: anordnungen > 0,
        loeschantrag_am: antrag_am,
    }
}

impl App {
    /// Issue 17/6: deletes what is due on `stichtag` (see the module documentation); `trocken`
    /// changes nothing. A real run is recorded in `loeschlauf` with its report.
    pub async fn loeschlauf(&self, stichtag: NaiveDate, trocken: bool) -> Result<Loeschbericht, AppFehler> {
        let begonnen_um = self.jetzt();
        let mut bericht = Loeschbericht::neu(stichtag, trocken);
        let mut nach_id = 0i64;
        loop {
            // Through the writer: on SQLite the package joins the serialised writes (a read
            // transaction upgraded later could fail on a commit made in between); dropped
            // without `festschreiben`, only its own work is rolled back.
            let mut tx = self.schreiber.beginnen().await?;
            let kandidaten = sql!(tx.as_mut(), zeilen<Kandidat>
                "SELECT k.id, k.rechtskreis, k.erstellt_um, k.eingeschraenkt_seit IS NOT NULL AS eingeschraenkt,
                        (SELECT COUNT(*) FROM meldung m WHERE m.kunde_id = k.id AND m.ende IS NULL) AS offen,
                        (SELECT MAX(m.ende) FROM meldung m WHERE m.kunde_id = k.id) AS abgemeldet_am,
                        (SELECT COUNT(*) FROM aufbewahrungsanordnung a WHERE a.kunde_id = k.id AND a.aufgehoben_um IS NULL) AS anordnungen,
                        (SELECT MIN(l.eingegangen_am) FROM loeschantrag l WHERE l.kunde_id = k.id) AS antrag_am
                 FROM kunde k WHERE k.id > $1 ORDER BY k.id LIMIT $2", nach_id, PAKET)?;
            let Some(letzter) = kandidaten.last() else { break };
            nach_id = letzter.id;
            self.paket_loeschen(tx.as_mut(), &kandidaten, stichtag, &mut bericht).await?;
            if !trocken {
                tx.festschreiben().await?;
            }
        }
        let mut tx = self.schreiber.beginnen().await?;
        freigabe(tx.as_mut(), true).await?;
        let grenze = |art| vierphasen_domain::datum::berlin_mitternacht(self.fristen.protokoll_grenze(art, stichtag));
        bericht.zugriffsprotokoll_zeilen = vierphasen_store::protokoll::kappen_in(
            tx.as_mut(),
            self.protokoll.schluessel(),
            grenze(Protokollart::Zugriffsprotokoll),
        )
        .await? as u64;
        bericht.suchprotokoll_zeilen = sql!(tx.as_mut(), ausfuehren
            "DELETE FROM suchprotokoll WHERE zeitpunkt < $1", grenze(Protokollart::Suchprotokoll))?;
        freigabe(tx.as_mut(), false).await?;
        if !trocken {
            let text = serde_json::to_string(&bericht).map_err(|e| AppFehler::intern("Löschbericht als JSON", e))?;
            sql!(tx.as_mut(), ausfuehren
                "INSERT INTO loeschlauf (stichtag, begonnen_um, beendet_um, bericht) VALUES ($1, $2, $3, $4)",
                stichtag, begonnen_um, self.jetzt(), &text)?;
            tx.festschreiben().await?;
        }
        Ok(bericht)
    }

    async fn paket_loeschen(
        &self,
        tx: &mut Tx,
        kandidaten: &[Kandidat],
        stichtag: NaiveDate,
        bericht: &mut Loeschbericht,
    ) -> Result<(), AppFehler> {
        // What was deleted already, per case and category, for which deregistration.
        let erledigt: BTreeMap<(i64, String), NaiveDate> = sql!(tx, zeilen<(i64, String, NaiveDate)>
            "SELECT kunde_id, kategorie, abgemeldet_am FROM kategorie_geloescht WHERE kunde_id >= $1 AND kunde_id <= $2",
            kandidaten[0].id, kandidaten[kandidaten.len() - 1].id)?
        .into_iter()
        .map(|(k, kat, am)| ((k, kat), am))
        .collect();
        let mut ziele: Vec<(i64, &'static str)> = Vec::new();
        let mut erledigt_neu: Vec<(i64, Datenkategorie, NaiveDate)> = Vec::new();
        for k in kandidaten {
            if k.offen > 0 && !k.eingeschraenkt {
                continue;
            }
            let l = lage(
                aus_text("rechtskreis", &k.rechtskreis)?,
                k.offen > 0,
                k.abgemeldet_am,
                k.erstellt_um,
                k.anordnungen,
                k.antrag_am,
            );
            bericht.faelle_geprueft += 1;
            let plan = planen(&self.fristen, &l, stichtag);
            let abgemeldet = l.abgemeldet_am.unwrap_or(stichtag);
            let ganz = plan.vollstaendig_loeschen();
            if ganz {
                ziele.push((k.id, "stammdaten"));
                bericht.faelle_geloescht += 1;
            }
            for (kategorie, v) in &plan.kategorien {
                let schon = erledigt.get(&(k.id, kategorie.id().to_owned())) == Some(&abgemeldet);
                // Deleting the case as a whole takes every row, also one added after an earlier run.
                if *v == Verfuegung::Loeschen && (!schon || ganz) {
                    ziele.push((k.id, kategorie.id()));
                }
                if *v == Verfuegung::Loeschen && !schon {
                    erledigt_neu.push((k.id, *kategorie, abgemeldet));
                }
            }
            match (plan.einschraenken(), k.eingeschraenkt) {
                (true, _) => {
                    ziele.push((k.id, "einschraenken"));
                    bericht.faelle_eingeschraenkt += 1;
                }
                (false, true) if !plan.vollstaendig_loeschen() => {
                    ziele.push((k.id, "freigeben"));
                    bericht.einschraenkungen_aufgehoben += 1;
                }
                (false, true) => bericht.einschraenkungen_aufgehoben += 1,
                (false, false) => {}
            }
        }
        if ziele.is_empty() {
            return Ok(());
        }
        freigabe(tx, true).await?;
        for (kunde_id, kategorie) in &ziele {
            sql!(tx, ausfuehren "INSERT INTO loeschziel (kunde_id, kategorie) VALUES ($1, $2)", *kunde_id, *kategorie)?;
        }
        for kl in &mut bericht.kategorien {
            kl.faelle += erledigt_neu.iter().filter(|(_, k, _)| *k == kl.kategorie).count() as u64;
            kl.zeilen += kategorie_loeschen(tx, kl.kategorie).await?;
        }
        let jetzt = self.jetzt();
        for &(kunde_id, kategorie, abgemeldet) in &erledigt_neu {
            sql!(tx, ausfuehren "DELETE FROM kategorie_geloescht WHERE kunde_id = $1 AND kategorie = $2",
                kunde_id, kategorie.id())?;
            sql!(tx, ausfuehren
                "INSERT INTO kategorie_geloescht (kunde_id, kategorie, abgemeldet_am, geloescht_am) VALUES ($1, $2, $3, $4)",
                kunde_id, kategorie.id(), abgemeldet, stichtag)?;
        }
        // Art. 18: restricted cases leave every list and calendar; their open appointments end.
        sql!(tx, ausfuehren
            "UPDATE kunde SET eingeschraenkt_seit = $1
             WHERE eingeschraenkt_seit IS NULL AND id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'einschraenken')",
            stichtag)?;
        sql!(tx, ausfuehren
            "UPDATE termin SET erledigt_um = $1
             WHERE erledigt_um IS NULL AND kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'einschraenken')",
            jetzt)?;
        sql!(tx, ausfuehren
            "UPDATE kunde SET eingeschraenkt_seit = NULL
             WHERE id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'freigeben')")?;
        bericht.loeschantraege_erledigt += sql!(tx, ausfuehren
            "UPDATE loeschantrag SET erledigt_um = $1
             WHERE erledigt_um IS NULL AND kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'stammdaten')",
            jetzt)?;
        stammdaten_loeschen(tx).await?;
        sql!(tx, ausfuehren "DELETE FROM loeschziel")?;
        freigabe(tx, false).await
    }
}

/// Opens or closes the permission the triggers of the Verlauf, the Vermerke and the access log
/// ask for; it exists only inside this transaction.
async fn freigabe(tx: &mut Tx, an: bool) -> Result<(), AppFehler> {
    if an {
        sql!(tx, ausfuehren "INSERT INTO loeschfreigabe (id) VALUES (1)")?;
    } else {
        sql!(tx, ausfuehren "DELETE FROM loeschfreigabe")?;
    }
    Ok(())
}

/// Deletes the rows of one category of the cases in `loeschziel`; returns the rows deleted.
async fn kategorie_loeschen(tx: &mut Tx, kategorie: Datenkategorie) -> Result<u64, AppFehler> {
    let mut n = 0;
    match kategorie {
        Datenkategorie::Arbeitsdaten => {
            n += sql!(tx, ausfuehren "DELETE FROM treffer_gesehen WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'arbeitsdaten')")?;
            n += sql!(tx, ausfuehren "DELETE FROM vermittlungsvorschlag WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'arbeitsdaten')")?;
            n += sql!(tx, ausfuehren "DELETE FROM termin WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'arbeitsdaten')")?;
            n += sql!(tx, ausfuehren "DELETE FROM job WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'arbeitsdaten')")?;
            n += sql!(tx, ausfuehren "DELETE FROM auftrag WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'arbeitsdaten')")?;
            // U1: the handover packet holds the case's working data.
            n += sql!(tx, ausfuehren "DELETE FROM uebergabe WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'arbeitsdaten')")?;
            n += sql!(tx, ausfuehren "DELETE FROM einwilligung WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'arbeitsdaten')")?;
            n += sql!(tx, ausfuehren "DELETE FROM gespraech WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'arbeitsdaten')")?;
            n += sql!(tx, ausfuehren "DELETE FROM strategie WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'arbeitsdaten')")?;
            n += sql!(tx, ausfuehren "DELETE FROM ziel WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'arbeitsdaten')")?;
            n += sql!(tx, ausfuehren "DELETE FROM profiling WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'arbeitsdaten')")?;
            n += sql!(tx, ausfuehren "DELETE FROM aktivitaet WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'arbeitsdaten')")?;
            n += sql!(tx, ausfuehren "DELETE FROM werdegang WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'arbeitsdaten')")?;
            // The Bewerberprofil's facts in the customer row (the master data stay).
            sql!(tx, ausfuehren
                "UPDATE kunde SET arbeitszeit = NULL, verfuegbar_ab = NULL, umkreis_km = NULL, erwerbstaetigkeit = NULL,
                        arbeitslos_seit = NULL, bg_einwilligung_am = NULL, rechtskreiswechsel = NULL
                 WHERE id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'arbeitsdaten')")?;
        }
        Datenkategorie::Vereinbarungen => {
            n += sql!(tx, ausfuehren "DELETE FROM eingliederungsvereinbarung WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'vereinbarungen')")?;
        }
        Datenkategorie::Vermerke => {
            n += sql!(tx, ausfuehren "DELETE FROM nachtrag WHERE vermerk_id IN
                (SELECT v.id FROM vermerk v WHERE v.kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'vermerke'))")?;
            n += sql!(tx, ausfuehren "DELETE FROM vermerk WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'vermerke')")?;
        }
        Datenkategorie::Verlauf => {
            n += sql!(tx, ausfuehren "DELETE FROM verlauf WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'verlauf')")?;
        }
        Datenkategorie::Dokumente => {
            n += sql!(tx, ausfuehren "DELETE FROM dokument WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'dokumente')")?;
        }
    }
    Ok(n)
}

/// The rest of a case deleted completely: its registrations, grants, holds, the record of what
/// was deleted, the customer row, and a Bedarfsgemeinschaft no one belongs to any more.
async fn stammdaten_loeschen(tx: &mut Tx) -> Result<(), AppFehler> {
    sql!(tx, ausfuehren "DELETE FROM kunde_freigabe WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'stammdaten')")?;
    sql!(tx, ausfuehren "DELETE FROM uebergabe WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'stammdaten')")?;
    sql!(tx, ausfuehren "UPDATE uebergabe SET neuer_kunde_id = NULL WHERE neuer_kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'stammdaten')")?;
    sql!(tx, ausfuehren "DELETE FROM ausnahmezugriff WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'stammdaten')")?;
    sql!(tx, ausfuehren "DELETE FROM aufbewahrungsanordnung WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'stammdaten')")?;
    sql!(tx, ausfuehren "DELETE FROM kategorie_geloescht WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'stammdaten')")?;
    sql!(tx, ausfuehren "DELETE FROM meldung WHERE kunde_id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'stammdaten')")?;
    let bgs = sql!(tx, zeilen<(i64,)>
        "SELECT DISTINCT bedarfsgemeinschaft_id FROM kunde
         WHERE bedarfsgemeinschaft_id IS NOT NULL AND id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'stammdaten')")?;
    sql!(tx, ausfuehren "DELETE FROM kunde WHERE id IN (SELECT kunde_id FROM loeschziel WHERE kategorie = 'stammdaten')")?;
    for (bg,) in bgs {
        sql!(tx, ausfuehren
            "DELETE FROM bedarfsgemeinschaft WHERE id = $1 AND NOT EXISTS (SELECT 1 FROM kunde WHERE bedarfsgemeinschaft_id = $1)", bg)?;
    }
    Ok(())
}
