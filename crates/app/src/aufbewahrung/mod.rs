//! Retention, deletion and restriction for the Datenschutz (issue 17/6; § 84 SGB X, Art. 17/18
//! GDPR): the plan of a case with its periods and legal bases, legal holds, Art. 17 requests,
//! and the record of the deletion runs ([`lauf`]).

pub mod lauf;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::KundeId;
use vierphasen_domain::aufbewahrung::{Anordnungsgrund, Datenkategorie, Verfuegung, planen};
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, pruefen};
use vierphasen_store::protokoll::Zugriff;
use vierphasen_store::sql;

use crate::fall::{Aenderung, Tor, Verlaufsaktion, als_text, aus_text, text_opt};
use crate::grenzen;
use crate::{App, AppFehler};
pub use lauf::{Kategorieloeschung, Loeschbericht, anzahl};

/// The purpose logged when the Datenschutz opens the retention page of a case (D3).
pub const ZWECK: &str = "Aufbewahrung und Löschung (Art. 17/18 DSGVO)";

/// A legal hold as the Datenschutz enters it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Anordnungsangabe {
    pub grund: Anordnungsgrund,
    /// Aktenzeichen of the proceedings; for `sonstiges` the explanation (then required).
    #[serde(default)]
    pub aktenzeichen: Option<String>,
}

/// An Art. 17 request as the Datenschutz enters it.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Loeschantragsangabe {
    /// The day the request came in.
    pub eingegangen_am: NaiveDate,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Anordnungszeile {
    pub id: i64,
    pub grund: Anordnungsgrund,
    pub aktenzeichen: Option<String>,
    pub angeordnet_um: DateTime<Utc>,
    pub aufgehoben_um: Option<DateTime<Utc>>,
}

/// One category of the plan: its period, legal basis and what happens to it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Planzeile {
    pub kategorie: Datenkategorie,
    pub jahre: u32,
    pub pflicht: bool,
    pub rechtsgrundlage: String,
    pub verfuegung: Verfuegung,
    /// Deleted by the run of this day (for the current deregistration).
    pub geloescht_am: Option<NaiveDate>,
}

/// The retention page of a case for the Datenschutz.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Aufbewahrungsansicht {
    pub kunde_id: i64,
    pub kundennummer: String,
    pub stichtag: NaiveDate,
    /// End of the last registration; `null` while registered.
    pub abgemeldet_am: Option<NaiveDate>,
    pub eingeschraenkt_seit: Option<NaiveDate>,
    pub plan: Vec<Planzeile>,
    pub anordnungen: Vec<Anordnungszeile>,
    /// The days Art. 17 requests came in.
    pub loeschantraege: Vec<NaiveDate>,
}

/// One deletion run for the list of runs.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Laufzeile {
    pub beendet_um: DateTime<Utc>,
    pub bericht: Loeschbericht,
}

#[derive(sqlx::FromRow)]
struct Lagezeile {
    kundennummer: String,
    rechtskreis: String,
    erstellt_um: DateTime<Utc>,
    eingeschraenkt_seit: Option<NaiveDate>,
    offen: i64,
    abgemeldet_am: Option<NaiveDate>,
}

impl App {
    /// Only the Datenschutz, only a case she may see (D1): the case's relation decides.
    async fn aufbewahrung_pruefen(&self, wer: &Akteur, kunde_id: KundeId) -> Result<(), AppFehler> {
        let mut tx = self.db.begin().await?;
        let Some((_, bezug)) = crate::fall::stammdaten_laden(&mut tx, kunde_id).await? else {
            return Err(AppFehler::NichtGefunden("Der Fall"));
        };
        match pruefen(wer, Aktion::SperreSetzen, Some(&bezug)) {
            Entscheidung::Erlaubt => Ok(()),
            Entscheidung::Unsichtbar => Err(AppFehler::NichtGefunden("Der Fall")),
            Entscheidung::Verboten | Entscheidung::NurMitBegruendung => Err(AppFehler::Verboten(
                "Aufbewahrung, Sperrung und Löschanträge verwaltet der Datenschutz (Art. 17/18 DSGVO).".into(),
            )),
        }
    }

    /// The plan of a case today, its holds and requests (Datenschutz; logged as a read, D3).
    pub async fn aufbewahrung_ansehen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
    ) -> Result<Aufbewahrungsansicht, AppFehler> {
        self.aufbewahrung_pruefen(wer, kunde_id).await?;
        let zugriff = Zugriff {
            zeitpunkt: self.jetzt(),
            benutzer_id: wer.benutzer_id,
            kunde_id: kunde_id.0,
            zweck: ZWECK.into(),
        };
        self.protokoll.protokollieren(zugriff).await?;
        let mut tx = self.db.begin().await?;
        let z = sql!(&mut tx, zeile<Lagezeile>
            "SELECT k.kundennummer, k.rechtskreis, k.erstellt_um, k.eingeschraenkt_seit,
                    (SELECT COUNT(*) FROM meldung m WHERE m.kunde_id = k.id AND m.ende IS NULL) AS offen,
                    (SELECT MAX(m.ende) FROM meldung m WHERE m.kunde_id = k.id) AS abgemeldet_am
             FROM kunde k WHERE k.id = $1", kunde_id.0)?
        .ok_or(AppFehler::NichtGefunden("Der Fall"))?;
        type AnordnungRoh = (i64, String, Option<String>, DateTime<Utc>, Option<DateTime<Utc>>);
        let anordnungen = sql!(&mut tx, zeilen<AnordnungRoh>
            "SELECT id, grund, aktenzeichen, angeordnet_um, aufgehoben_um FROM aufbewahrungsanordnung
             WHERE kunde_id = $1 ORDER BY id", kunde_id.0)?
        .into_iter()
        .map(|(id, grund, aktenzeichen, angeordnet_um, aufgehoben_um)| {
            Ok(Anordnungszeile { id, grund: aus_text("grund", &grund)?, aktenzeichen, angeordnet_um, aufgehoben_um })
        })
        .collect::<Result<Vec<_>, AppFehler>>()?;
        let loeschantraege: Vec<NaiveDate> = sql!(&mut tx, zeilen<(NaiveDate,)>
            "SELECT eingegangen_am FROM loeschantrag WHERE kunde_id = $1 ORDER BY eingegangen_am", kunde_id.0)?
        .into_iter()
        .map(|(d,)| d)
        .collect();
        let geloescht: Vec<(String, NaiveDate, NaiveDate)> = sql!(&mut tx, zeilen<(String, NaiveDate, NaiveDate)>
            "SELECT kategorie, abgemeldet_am, geloescht_am FROM kategorie_geloescht WHERE kunde_id = $1", kunde_id.0)?;
        let aktiv = anordnungen.iter().filter(|a| a.aufgehoben_um.is_none()).count() as i64;
        let lage = lauf::lage(
            aus_text("rechtskreis", &z.rechtskreis)?,
            z.offen > 0,
            z.abgemeldet_am,
            z.erstellt_um,
            aktiv,
            loeschantraege.first().copied(),
        );
        let stichtag = self.heute();
        let plan = planen(&self.fristen, &lage, stichtag)
            .kategorien
            .into_iter()
            .map(|(kategorie, verfuegung)| {
                let frist = self.fristen.fuer(kategorie, lage.rechtskreis);
                let geloescht_am = geloescht
                    .iter()
                    .find(|(k, fuer, _)| k == kategorie.id() && Some(*fuer) == lage.abgemeldet_am)
                    .map(|(_, _, am)| *am);
                Planzeile {
                    kategorie,
                    jahre: frist.jahre,
                    pflicht: frist.pflicht,
                    rechtsgrundlage: frist.rechtsgrundlage.clone(),
                    verfuegung,
                    geloescht_am,
                }
            })
            .collect();
        Ok(Aufbewahrungsansicht {
            kunde_id: kunde_id.0,
            kundennummer: z.kundennummer,
            stichtag,
            abgemeldet_am: lage.abgemeldet_am,
            eingeschraenkt_seit: z.eingeschraenkt_seit,
            plan,
            anordnungen,
            loeschantraege,
        })
    }

    /// A legal hold: no data of the case are deleted while it is set; what is due is restricted.
    pub async fn aufbewahrung_anordnen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        angabe: Anordnungsangabe,
    ) -> Result<Aenderung, AppFehler> {
        let aktenzeichen = text_opt("aktenzeichen", angabe.aktenzeichen.as_deref(), grenzen::BEZEICHNUNG)?;
        if angabe.grund == Anordnungsgrund::Sonstiges && aktenzeichen.is_none() {
            return Err(AppFehler::ungueltig(
                "aktenzeichen",
                "Bei „Sonstiges Verfahren“ bitte das Verfahren benennen.",
            ));
        }
        // `aendern` checks the access (SperreSetzen: the Datenschutz only) while it loads the case.
        let mut s = self.aendern(wer, kunde_id, Aktion::SperreSetzen).await?;
        let id = sql!(&mut s.tx, wert<i64>
            "INSERT INTO aufbewahrungsanordnung (kunde_id, grund, aktenzeichen, angeordnet_von, angeordnet_um)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
            kunde_id.0, als_text(&angabe.grund), aktenzeichen.as_deref(), wer.benutzer_id, s.jetzt)?;
        let nachher = serde_json::json!({ "grund": angabe.grund.label(), "aktenzeichen": aktenzeichen });
        s.verlauf::<(), _>("aufbewahrungsanordnung", Some(id), Verlaufsaktion::Angelegt, None, Some(&nachher)).await?;
        let befunde = s.abschliessen(Tor::pruefen(false)).await?;
        Ok(Aenderung { id, befunde })
    }

    /// Lifts a hold: the next run deletes what is due.
    pub async fn aufbewahrung_aufheben(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        anordnung_id: i64,
    ) -> Result<Aenderung, AppFehler> {
        // `aendern` checks the access (SperreSetzen: the Datenschutz only) while it loads the case.
        let mut s = self.aendern(wer, kunde_id, Aktion::SperreSetzen).await?;
        let n = sql!(&mut s.tx, ausfuehren
            "UPDATE aufbewahrungsanordnung SET aufgehoben_von = $1, aufgehoben_um = $2
             WHERE id = $3 AND kunde_id = $4 AND aufgehoben_um IS NULL",
            wer.benutzer_id, s.jetzt, anordnung_id, kunde_id.0)?;
        if n == 0 {
            return Err(AppFehler::Konflikt(
                "Diese Aufbewahrungsanordnung gibt es nicht oder sie ist schon aufgehoben.".into(),
            ));
        }
        s.verlauf::<(), ()>("aufbewahrungsanordnung", Some(anordnung_id), Verlaufsaktion::Aufgehoben, None, None)
            .await?;
        let befunde = s.abschliessen(Tor::pruefen(false)).await?;
        Ok(Aenderung { id: anordnung_id, befunde })
    }

    /// Art. 17: records the request; the deletion run carries it out (what is kept only for the
    /// placement work goes at once after the deregistration, the rest is restricted until its
    /// period ends). While the customer is registered, the data are needed (Art. 17(3)(b)).
    pub async fn loeschantrag_erfassen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        angabe: Loeschantragsangabe,
    ) -> Result<Aenderung, AppFehler> {
        if angabe.eingegangen_am > self.heute() {
            return Err(AppFehler::ungueltig("eingegangen_am", "Der Eingang darf nicht in der Zukunft liegen."));
        }
        // `aendern` checks the access (SperreSetzen: the Datenschutz only) while it loads the case.
        let mut s = self.aendern(wer, kunde_id, Aktion::SperreSetzen).await?;
        let id = sql!(&mut s.tx, wert<i64>
            "INSERT INTO loeschantrag (dienststelle_id, kunde_id, eingegangen_am, erfasst_von, erfasst_um)
             VALUES ($1, $2, $3, $4, $5) RETURNING id",
            wer.dienststelle_id, kunde_id.0, angabe.eingegangen_am, wer.benutzer_id, s.jetzt)?;
        let nachher = serde_json::json!({ "eingegangen_am": angabe.eingegangen_am });
        s.verlauf::<(), _>("loeschantrag", Some(id), Verlaufsaktion::Erfasst, None, Some(&nachher)).await?;
        let befunde = s.abschliessen(Tor::pruefen(false)).await?;
        Ok(Aenderung { id, befunde })
    }

    /// The deletion runs, newest first (Datenschutz): counts only.
    pub async fn loeschlaeufe(&self, wer: &Akteur) -> Result<Vec<Laufzeile>, AppFehler> {
        if pruefen(wer, Aktion::Zugriffsbericht, None) != Entscheidung::Erlaubt {
            return Err(AppFehler::Verboten("Die Löschläufe sieht der Datenschutz ein.".into()));
        }
        let mut tx = self.db.begin().await?;
        sql!(&mut tx, zeilen<(DateTime<Utc>, String)>
            "SELECT beendet_um, bericht FROM loeschlauf ORDER BY id DESC LIMIT 100")?
        .into_iter()
        .map(|(beendet_um, text)| {
            let bericht = serde_json::from_str(&text).map_err(|e| AppFehler::intern("Löschbericht lesen", e))?;
            Ok(Laufzeile { beendet_um, bericht })
        })
        .collect()
    }
}
