//! Issue 13/5, U1: Übergabe SGB III → SGB II. Before the Rechtskreiswechsel the Agentur's VFK
//! sends the partner Jobcenter a handover packet (profiling, goal, strategies, the valid EV, the
//! last Beratungsvermerke and her note, with the legal basis); a VFK or the Teamleitung of the
//! Jobcenter takes it over, which opens the SGB II case continuing the profiling, and the
//! Erstgespräch SGB II falls due under the local standard of the pair ([`standard`]).
//!
//! States: `gesendet` → `uebernommen` (Jobcenter) or `zurueckgezogen` (Agentur, before the
//! Übernahme). Delays are measured per handover: receipt → Übernahme against the standard's
//! days (beyond them the handover is escalated to the Jobcenter's Teamleitung), Rechtskreiswechsel
//! → Erstgespräch SGB II against its deadline.

mod senden;
pub mod standard;
mod uebernahme;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::Fallakte;
use vierphasen_domain::datum::de;
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, Rolle, pruefen};
use vierphasen_store::{Tx, sql};

use crate::fall::{aus_text, lesezweck};
use crate::posteingang::Aktenauszug;
use crate::{App, AppFehler};
pub use senden::UebergabeEingabe;
pub use standard::{Uebergabestandard, UebergabestandardEingabe};
pub use uebernahme::{UebernahmeEingabe, Uebernahmeergebnis};

/// The legal basis recorded with every handover.
pub const RECHTSGRUNDLAGE: &str =
    "§ 50 Abs. 1 SGB II (Übermittlung der Sozialdaten zwischen Agentur für Arbeit und Jobcenter)";

/// The purpose of the access-log row when the Jobcenter reads a packet (D3).
pub const ZWECK_UEBERGABE: &str = "Übergabe SGB III → SGB II (U1)";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Uebergabestatus {
    Gesendet,
    Uebernommen,
    Zurueckgezogen,
}

impl Uebergabestatus {
    pub fn label(self) -> &'static str {
        match self {
            Uebergabestatus::Gesendet => "gesendet, wartet auf Übernahme",
            Uebergabestatus::Uebernommen => "vom Jobcenter übernommen",
            Uebergabestatus::Zurueckgezogen => "zurückgezogen",
        }
    }
}

/// What the Agentur hands over: the case as far as the Jobcenter needs it (a Fallakte holding
/// the current profiling, goal, open strategies, the valid EV, the registrations, the Werdegang
/// and the last Beratungsvermerke), the master data and the VFK's note.
#[derive(Debug, Clone, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Uebergabepaket {
    pub rechtsgrundlage: String,
    pub notiz: String,
    pub vorname: String,
    pub nachname: String,
    pub plz: Option<String>,
    /// The Agentur's Kundennummer.
    pub kundennummer: String,
    /// Who at the Agentur sent it (for questions).
    pub vfk: String,
    pub akte: Fallakte,
}

/// A handover as the lists show it, with its delays.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Uebergabe {
    pub id: i64,
    pub status: Uebergabestatus,
    /// Addressed to the user's Dienststelle (else: sent by it).
    pub eingang: bool,
    pub agentur: String,
    pub jobcenter: String,
    pub name: String,
    pub geburtsdatum: NaiveDate,
    /// The Agentur's case (only for the Agentur).
    pub kunde_id: Option<i64>,
    /// The SGB II case that continues it (only for the Jobcenter).
    pub neuer_kunde_id: Option<i64>,
    pub rechtskreiswechsel: NaiveDate,
    pub gesendet_am: NaiveDate,
    pub uebernommen_am: Option<NaiveDate>,
    pub erstgespraech_bis: Option<NaiveDate>,
    /// The first Erstgespräch (SGB II) held in the SGB II case.
    pub erstgespraech_am: Option<NaiveDate>,
    /// Days from the receipt to the Übernahme (up to today while it waits).
    pub tage_bis_uebernahme: i64,
    /// The standard's days for the Übernahme.
    pub uebernahme_tage: Option<u32>,
    /// Waiting longer than the standard allows: escalated to the Jobcenter's Teamleitung.
    pub eskaliert: bool,
    /// Days from the Rechtskreiswechsel to the Erstgespräch SGB II.
    pub tage_bis_erstgespraech: Option<i64>,
    /// The Erstgespräch was held by its deadline (none: not yet due and not yet held).
    pub erstgespraech_fristgerecht: Option<bool>,
}

impl Uebergabe {
    /// The Übernahme came (or is still) within the standard's days.
    pub fn uebernahme_fristgerecht(&self) -> Option<bool> {
        self.uebernahme_tage.map(|t| self.tage_bis_uebernahme <= i64::from(t))
    }

    /// "Übernahme nach 3 Tagen (Standard 5)" and the like, for lists and pages.
    pub fn verzug_text(&self) -> String {
        let standard = self.uebernahme_tage.map(|t| format!(" (Standard: {t} Tage)")).unwrap_or_default();
        let mut t = match self.status {
            Uebergabestatus::Uebernommen => format!("übernommen nach {} Tagen{standard}", self.tage_bis_uebernahme),
            Uebergabestatus::Gesendet => format!("wartet seit {} Tagen{standard}", self.tage_bis_uebernahme),
            Uebergabestatus::Zurueckgezogen => return "zurückgezogen".into(),
        };
        match (self.erstgespraech_am, self.erstgespraech_bis) {
            (Some(am), _) => t.push_str(&format!("; Erstgespräch SGB II am {}", de(am))),
            (None, Some(bis)) => t.push_str(&format!("; Erstgespräch SGB II fällig bis {}", de(bis))),
            _ => {}
        }
        t
    }
}

/// A handover with its packet, as its page shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Uebergabeakte {
    pub uebergabe: Uebergabe,
    pub paket: Uebergabepaket,
    /// The packet in words: profiling, Werdegang, goal and strategies, Beratungsvermerke.
    pub auszuege: Vec<Aktenauszug>,
    /// The valid EV in words (empty: none was valid).
    pub ev: Vec<String>,
    /// The standard of the pair (deadlines, the agreement on the Antragsausgabe).
    pub standard: Option<Uebergabestandard>,
    /// The user may take it over (a VFK or the Teamleitung of the Jobcenter, while it waits).
    pub uebernehmen: bool,
    /// Open strategies the SGB II case will not continue (only in SGB III, or local to the
    /// Agentur; S5, S11), by name.
    pub nicht_fortgefuehrt: Vec<String>,
}

/// The incoming and outgoing handovers of the user's Dienststelle.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Uebergabeliste {
    pub eingang: Vec<Uebergabe>,
    pub ausgang: Vec<Uebergabe>,
}

type Zeile = (
    i64,
    i64,
    i64,
    i64,
    String,
    String,
    NaiveDate,
    chrono::DateTime<chrono::Utc>,
    Option<NaiveDate>,
    Option<i64>,
    String,
    String,
    String,
    NaiveDate,
    Option<NaiveDate>,
);

/// The handovers the Dienststelle sent or received: all (`id` and `kunde` 0), one by its id, or
/// those of one case (sent from it, or continued in it), waiting ones first, then the newest.
async fn zeilen_laden(tx: &mut Tx, dienststelle_id: i64, id: i64, kunde: i64) -> Result<Vec<Zeile>, AppFehler> {
    Ok(sql!(tx, zeilen<Zeile>
        "SELECT u.id, u.kunde_id, u.agentur_id, u.jobcenter_id, a.name, j.name, u.rechtskreiswechsel, u.gesendet_um,
                u.uebernommen_am, u.neuer_kunde_id, u.status, k.vorname, k.nachname, k.geburtsdatum,
                (SELECT MIN(g.datum) FROM gespraech g
                 WHERE g.kunde_id = u.neuer_kunde_id AND g.art IN ('erstgespraech_sgb2', 'erstgespraech')
                   AND g.datum >= u.uebernommen_am)
         FROM uebergabe u JOIN dienststelle a ON a.id = u.agentur_id JOIN dienststelle j ON j.id = u.jobcenter_id
              JOIN kunde k ON k.id = u.kunde_id
         WHERE (u.agentur_id = $1 OR u.jobcenter_id = $1) AND ($2 = 0 OR u.id = $2)
           AND ($3 = 0 OR (u.kunde_id = $3 AND u.agentur_id = $1) OR (u.neuer_kunde_id = $3 AND u.jobcenter_id = $1))
         ORDER BY CASE WHEN u.status = 'gesendet' THEN 0 ELSE 1 END, u.gesendet_um DESC, u.id DESC LIMIT 1000",
        dienststelle_id, id, kunde)?)
}

/// Only the Vermittlung works with handovers (the VFK and her Teamleitung).
fn vermittlung(wer: &Akteur) -> Result<(), AppFehler> {
    match wer.rolle {
        Rolle::Vfk | Rolle::Teamleitung => Ok(()),
        _ => Err(AppFehler::Verboten(
            "Übergaben an das Jobcenter bearbeiten die Vermittlungsfachkräfte und ihre Teamleitung.".into(),
        )),
    }
}

impl App {
    /// The handovers of the user's Dienststelle: incoming (a Jobcenter: every one addressed to
    /// it, waiting ones first) and outgoing (an Agentur: those of the cases the user may read).
    pub async fn uebergaben(&self, wer: &Akteur) -> Result<Uebergabeliste, AppFehler> {
        vermittlung(wer)?;
        let mut tx = self.db.begin().await?;
        let zeilen = zeilen_laden(&mut tx, wer.dienststelle_id, 0, 0).await?;
        let standards = standard::standards_der_dienststelle(&mut tx, wer.dienststelle_id).await?;
        let mut liste = Uebergabeliste { eingang: Vec::new(), ausgang: Vec::new() };
        for z in zeilen {
            let u = self.uebergabe_aus_zeile(&standards, wer, z)?;
            if u.eingang {
                liste.eingang.push(u);
            } else if self.ausgang_sichtbar(&mut tx, wer, u.kunde_id).await? {
                liste.ausgang.push(u);
            }
        }
        drop(tx);
        // D3: a list of customers is logged like a search (who, when, how many).
        let n = liste.eingang.len() + liste.ausgang.len();
        self.suche_protokollieren(wer, Some("Übergaben"), true, n).await?;
        Ok(liste)
    }

    /// How many handovers to the user's Dienststelle wait longer than their standard allows
    /// (escalated to its Teamleitung; a number, no customer data).
    pub async fn eskalierte_uebergaben(&self, wer: &Akteur) -> Result<usize, AppFehler> {
        let mut tx = self.db.begin().await?;
        let standards = standard::standards_der_dienststelle(&mut tx, wer.dienststelle_id).await?;
        let mut n = 0;
        for z in zeilen_laden(&mut tx, wer.dienststelle_id, 0, 0).await? {
            let u = self.uebergabe_aus_zeile(&standards, wer, z)?;
            n += usize::from(u.eingang && u.eskaliert);
        }
        Ok(n)
    }

    /// A handover with its packet. The Jobcenter reads it while it is addressed to it (logged
    /// with the purpose [`ZWECK_UEBERGABE`] on the Agentur's case); the Agentur reads it like the
    /// case (logged like every read of it).
    pub async fn uebergabe_lesen(&self, wer: &Akteur, id: i64) -> Result<Uebergabeakte, AppFehler> {
        vermittlung(wer)?;
        let mut tx = self.db.begin().await?;
        let (u, paket) = self.uebergabe_laden(&mut tx, wer, id).await?;
        drop(tx);
        let kunde_id = u.agentur_fall;
        if u.uebergabe.eingang {
            self.protokoll
                .protokollieren(vierphasen_store::protokoll::Zugriff {
                    zeitpunkt: self.jetzt(),
                    benutzer_id: wer.benutzer_id,
                    kunde_id,
                    zweck: ZWECK_UEBERGABE.into(),
                })
                .await?;
        } else {
            let zweck = lesezweck(wer, None)?;
            self.fall_oeffnen(wer, vierphasen_domain::KundeId(kunde_id), Aktion::FallLesen, zweck).await?;
        }
        let auszuege =
            vierphasen_domain::fallakte::Aktenteil::ALLE.iter().map(|t| self.auszug(&paket.akte, *t)).collect();
        let ev = ev_zeilen(&paket.akte);
        let uebernehmen = u.uebergabe.eingang && u.uebergabe.status == Uebergabestatus::Gesendet;
        let nicht_fortgefuehrt = uebernahme::nicht_fortgefuehrt(&paket.akte, self.katalog);
        Ok(Uebergabeakte {
            uebergabe: u.uebergabe,
            paket,
            auszuege,
            ev,
            standard: u.standard,
            uebernehmen,
            nicht_fortgefuehrt,
        })
    }

    /// The handovers of one case of the Agentur (its page shows their state).
    pub async fn uebergaben_des_falls(
        &self,
        wer: &Akteur,
        kunde_id: vierphasen_domain::KundeId,
    ) -> Result<Vec<Uebergabe>, AppFehler> {
        let mut tx = self.db.begin().await?;
        let zeilen = zeilen_laden(&mut tx, wer.dienststelle_id, 0, kunde_id.0).await?;
        let standards = standard::standards_der_dienststelle(&mut tx, wer.dienststelle_id).await?;
        zeilen.into_iter().map(|z| self.uebergabe_aus_zeile(&standards, wer, z)).collect()
    }

    /// One handover the user's Dienststelle sent or received (else: not found), with its packet.
    async fn uebergabe_laden(
        &self,
        tx: &mut Tx,
        wer: &Akteur,
        id: i64,
    ) -> Result<(Geladen, Uebergabepaket), AppFehler> {
        let Some(z) = zeilen_laden(tx, wer.dienststelle_id, id, 0).await?.pop() else {
            return Err(AppFehler::NichtGefunden("Die Übergabe"));
        };
        let (agentur_fall, agentur_id, jobcenter_id) = (z.1, z.2, z.3);
        let standards = standard::standards_der_dienststelle(tx, wer.dienststelle_id).await?;
        let standard = standard::des_paars(&standards, agentur_id, jobcenter_id).cloned();
        let uebergabe = self.uebergabe_aus_zeile(&standards, wer, z)?;
        let (paket,) = sql!(tx, zeile<(String,)> "SELECT paket FROM uebergabe WHERE id = $1", id)?
            .ok_or(AppFehler::NichtGefunden("Die Übergabe"))?;
        let paket: Uebergabepaket =
            serde_json::from_str(&paket).map_err(|e| crate::fehler::unlesbar("Gespeichertes Übergabepaket", &e))?;
        Ok((Geladen { uebergabe, agentur_fall, standard }, paket))
    }

    /// A row with its delays; `standards` are those of the user's Dienststelle.
    fn uebergabe_aus_zeile(
        &self,
        standards: &[Uebergabestandard],
        wer: &Akteur,
        z: Zeile,
    ) -> Result<Uebergabe, AppFehler> {
        let (
            id,
            kunde_id,
            agentur_id,
            jobcenter_id,
            agentur,
            jobcenter,
            rechtskreiswechsel,
            gesendet_um,
            uebernommen_am,
            neuer_kunde_id,
            status,
            vorname,
            nachname,
            geburtsdatum,
            erstgespraech_am,
        ) = z;
        let eingang = jobcenter_id == wer.dienststelle_id;
        let status: Uebergabestatus = aus_text("uebergabe.status", &status)?;
        let standard = standard::des_paars(standards, agentur_id, jobcenter_id);
        let heute = self.heute();
        let gesendet_am = gesendet_um.date_naive();
        let tage_bis_uebernahme = (uebernommen_am.unwrap_or(heute) - gesendet_am).num_days();
        let uebernahme_tage = standard.map(|s| s.uebernahme_tage);
        let erstgespraech_bis = match (uebernommen_am, standard) {
            (Some(am), Some(s)) => Some(uebernahme::erstgespraech_bis(rechtskreiswechsel, am, s)),
            _ => None,
        };
        let erstgespraech_fristgerecht = match (erstgespraech_am, erstgespraech_bis) {
            (Some(am), Some(bis)) => Some(am <= bis),
            (None, Some(bis)) if heute > bis => Some(false),
            _ => None,
        };
        Ok(Uebergabe {
            id,
            status,
            eingang,
            agentur,
            jobcenter,
            name: format!("{vorname} {nachname}"),
            geburtsdatum,
            kunde_id: (!eingang).then_some(kunde_id),
            neuer_kunde_id: if eingang { neuer_kunde_id } else { None },
            rechtskreiswechsel,
            gesendet_am,
            uebernommen_am,
            erstgespraech_bis,
            erstgespraech_am,
            tage_bis_uebernahme,
            uebernahme_tage,
            eskaliert: status == Uebergabestatus::Gesendet
                && uebernahme_tage.is_some_and(|t| tage_bis_uebernahme > i64::from(t)),
            tage_bis_erstgespraech: erstgespraech_am.map(|am| (am - rechtskreiswechsel).num_days()),
            erstgespraech_fristgerecht,
        })
    }

    /// An outgoing handover is listed to whom may read its case without a stated reason.
    async fn ausgang_sichtbar(&self, tx: &mut Tx, wer: &Akteur, kunde_id: Option<i64>) -> Result<bool, AppFehler> {
        let Some(id) = kunde_id else { return Ok(false) };
        let Some((_, bezug)) = crate::fall::stammdaten_laden(tx, vierphasen_domain::KundeId(id)).await? else {
            return Ok(false);
        };
        Ok(pruefen(wer, Aktion::FallLesen, Some(&bezug)) == Entscheidung::Erlaubt)
    }
}

/// A loaded handover with the ids its page does not show.
struct Geladen {
    uebergabe: Uebergabe,
    agentur_fall: i64,
    /// The standard of the pair (none if it was removed).
    standard: Option<Uebergabestandard>,
}

/// The valid EV of a packet in words.
fn ev_zeilen(akte: &Fallakte) -> Vec<String> {
    let Some(ev) = akte.eingliederungsvereinbarungen.last() else { return Vec::new() };
    let mut z = vec![format!(
        "{} vom {}{}",
        ev.art.label(),
        de(ev.erstellt_am),
        ev.abgeschlossen_am.map(|a| format!(", abgeschlossen am {}", de(a))).unwrap_or_default()
    )];
    if let Some(bis) = ev.gueltig_bis {
        z.push(format!("Gültig bis {}", de(bis)));
    }
    if let Some(zz) = &ev.zwischenziel {
        z.push(format!("Zwischenziel: {zz}"));
    }
    for a in &ev.aufgaben {
        let frist = a.frist.map(|f| format!(" (bis {})", de(f))).unwrap_or_default();
        z.push(format!("{}: {}{frist}", a.verantwortlich.label(), a.text));
    }
    z
}
