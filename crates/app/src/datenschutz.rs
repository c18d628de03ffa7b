//! What the Datenschutz needs around the access log (D3): finding a case by its Kundennummer
//! without opening it (she may not read case contents, so the customer list shows her nothing),
//! the access log with the names of the staff who read the case, and the access log of the whole
//! Dienststelle filtered by user, day and purpose (issue 15/9).

use std::collections::HashMap;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vierphasen_domain::datum::berlin_mitternacht;
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, pruefen};
use vierphasen_store::sql;

use crate::fall::{Protokolleintrag, stammdaten_laden, text_opt};
use crate::{App, AppFehler, grenzen};
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

/// What to look for in the access log of the Dienststelle; every part optional.
#[derive(Debug, Clone, Default, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct Protokollfilter {
    /// Only the reads of this account.
    pub benutzer_id: Option<i64>,
    /// From this day on (Berlin), inclusive.
    pub von: Option<NaiveDate>,
    /// Up to this day (Berlin), inclusive.
    pub bis: Option<NaiveDate>,
    /// Only this purpose (exactly as logged).
    pub zweck: Option<String>,
    /// Only this case.
    pub kundennummer: Option<String>,
}

/// One read in the access log of the Dienststelle.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Protokollzeile {
    pub id: i64,
    pub zeitpunkt: DateTime<Utc>,
    pub benutzer_id: i64,
    /// None: the account no longer exists.
    pub benutzer: Option<String>,
    pub login: Option<String>,
    /// None: the case has been deleted (the log row stays until its own period ends).
    pub kundennummer: Option<String>,
    pub kunde_id: i64,
    pub zweck: String,
}

/// The newest reads that match a filter, with their total.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Protokollauszug {
    pub zeilen: Vec<Protokollzeile>,
    /// All matching reads (`zeilen` holds the newest `hoechstens` of them).
    pub gesamt: i64,
}

/// The filter as bind values (one query for both backends: a missing part is NULL).
struct Bedingungen {
    benutzer_id: Option<i64>,
    ab: Option<DateTime<Utc>>,
    vor: Option<DateTime<Utc>>,
    zweck: Option<String>,
    kundennummer: Option<String>,
}

impl Protokollfilter {
    /// Every part that cannot be a condition is named at once.
    fn bedingungen(&self) -> Result<Bedingungen, AppFehler> {
        let mut fehler = Vec::new();
        for (feld, tag) in [("von", self.von), ("bis", self.bis)] {
            if tag.is_some_and(|t| !(1900..=2200).contains(&t.year())) {
                fehler.push(AppFehler::ungueltig(feld, "Bitte einen Tag zwischen 1900 und 2200 angeben."));
            }
        }
        if let (Some(von), Some(bis)) = (self.von, self.bis)
            && von > bis
        {
            fehler.push(AppFehler::ungueltig("bis", "„Bis“ liegt vor „Von“. Bitte den Zeitraum prüfen."));
        }
        let mut text = |feld: &str, wert: &Option<String>| {
            text_opt(feld, wert.as_deref(), grenzen::BEZEICHNUNG).unwrap_or_else(|e| {
                fehler.push(e);
                None
            })
        };
        let zweck = text("zweck", &self.zweck);
        let kundennummer = text("kundennummer", &self.kundennummer).map(|k| k.to_uppercase());
        AppFehler::alle(fehler)?;
        Ok(Bedingungen {
            benutzer_id: self.benutzer_id,
            ab: self.von.map(berlin_mitternacht),
            vor: self.bis.and_then(|b| b.succ_opt()).map(berlin_mitternacht),
            zweck,
            kundennummer,
        })
    }
}

/// A row of the search with the number of all matching rows (counted before the limit).
#[derive(sqlx::FromRow)]
struct Treffer {
    #[sqlx(flatten)]
    zeile: Protokollzeile,
    gesamt: i64,
}

/// D3: the Datenschutz reads the access log of her Dienststelle.
fn nur_datenschutz(wer: &Akteur) -> Result<(), AppFehler> {
    if pruefen(wer, Aktion::Zugriffsbericht, None) == Entscheidung::Erlaubt {
        Ok(())
    } else {
        Err(AppFehler::Verboten("Das Zugriffsprotokoll sieht der Datenschutz ein (D3).".into()))
    }
}

impl App {
    /// D3 (issue 15/9): the access log of the whole Dienststelle, newest first, filtered — at most
    /// `hoechstens` rows and the total. Datenschutz only. Reads of cases since deleted stay
    /// visible through the reader's Dienststelle.
    pub async fn protokoll_suchen(
        &self,
        wer: &Akteur,
        filter: &Protokollfilter,
        hoechstens: i64,
    ) -> Result<Protokollauszug, AppFehler> {
        nur_datenschutz(wer)?;
        let b = filter.bedingungen()?;
        let mut tx = self.db.begin().await?;
        let treffer = sql!(&mut tx, zeilen<Treffer>
            "SELECT z.id, z.zeitpunkt, z.benutzer_id, b.name AS benutzer, b.login, k.kundennummer, z.kunde_id, z.zweck,
                    COUNT(*) OVER () AS gesamt
             FROM zugriffsprotokoll z LEFT JOIN kunde k ON k.id = z.kunde_id LEFT JOIN benutzer b ON b.id = z.benutzer_id
             WHERE (k.dienststelle_id = $1 OR (k.id IS NULL AND b.dienststelle_id = $1))
               AND ($2 IS NULL OR z.benutzer_id = $2) AND ($3 IS NULL OR z.zeitpunkt >= $3)
               AND ($4 IS NULL OR z.zeitpunkt < $4) AND ($5 IS NULL OR z.zweck = $5)
               AND ($6 IS NULL OR UPPER(k.kundennummer) = $6)
             ORDER BY z.id DESC LIMIT $7",
            wer.dienststelle_id, b.benutzer_id, b.ab, b.vor, &b.zweck, &b.kundennummer, hoechstens)?;
        let gesamt = treffer.first().map_or(0, |t| t.gesamt);
        Ok(Protokollauszug { zeilen: treffer.into_iter().map(|t| t.zeile).collect(), gesamt })
    }

    /// The accounts of the Dienststelle as (id, name, login), for the filter's choice (the
    /// Datenschutz does not get the staff list of the Administration: no roles, no teams).
    pub async fn protokoll_konten(&self, wer: &Akteur) -> Result<Vec<(i64, String, String)>, AppFehler> {
        nur_datenschutz(wer)?;
        let mut tx = self.db.begin().await?;
        Ok(sql!(&mut tx, zeilen<(i64, String, String)>
            "SELECT id, name, login FROM benutzer WHERE dienststelle_id = $1 ORDER BY name, id", wer.dienststelle_id)?)
    }

    /// The purposes logged in the Dienststelle (for the filter's choice), alphabetically.
    pub async fn protokoll_zwecke(&self, wer: &Akteur) -> Result<Vec<String>, AppFehler> {
        nur_datenschutz(wer)?;
        let mut tx = self.db.begin().await?;
        Ok(sql!(&mut tx, zeilen<(String,)>
            "SELECT DISTINCT z.zweck FROM zugriffsprotokoll z JOIN benutzer b ON b.id = z.benutzer_id
             WHERE b.dienststelle_id = $1 ORDER BY z.zweck", wer.dienststelle_id)?
        .into_iter()
        .map(|(z,)| z)
        .collect())
    }
}
