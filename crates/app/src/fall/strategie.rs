//! Phase 3 (S1–S13): choosing, adjusting and closing Handlungsstrategien.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use vierphasen_domain::Katalog;
use vierphasen_domain::fallakte::{StrategieErgebnis, StrategieWahl};
use vierphasen_domain::zugriff::{Akteur, Aktion};

use super::Aenderung;

use super::schreiben::Schreibvorgang;
use super::{Tor, Verlaufsaktion};
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StrategieEingabe {
    /// Strategy id or label, or the id of a local strategy of the Dienststelle (S11).
    pub strategie: String,
    /// The Merkmal it addresses (needed only when the strategy serves several).
    #[serde(default)]
    pub merkmal: Option<String>,
    /// S7: Zeitfenster.
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum")]
    pub beginn: NaiveDate,
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum")]
    pub ende: NaiveDate,
    /// S10: the order the VFK chose (1 = first).
    #[serde(default)]
    pub reihenfolge: Option<u8>,
    /// PK1: products used (ids or labels).
    #[serde(default)]
    pub produkte: Vec<String>,
    /// Confirms the warnings the change brings (e.g. S1a, S7).
    #[serde(default)]
    pub bestaetigt: bool,
}

/// Changes to an open strategy; absent fields stay as they are.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StrategieAnpassung {
    #[serde(default, deserialize_with = "vierphasen_domain::datum::serde_strikt::datum_opt")]
    pub beginn: Option<NaiveDate>,
    #[serde(default, deserialize_with = "vierphasen_domain::datum::serde_strikt::datum_opt")]
    pub ende: Option<NaiveDate>,
    #[serde(default)]
    pub reihenfolge: Option<u8>,
    /// Replaces the products when present.
    #[serde(default)]
    pub produkte: Option<Vec<String>>,
    #[serde(default)]
    pub bestaetigt: bool,
}

/// S8: marking a strategy erledigt.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct StrategieAbschluss {
    /// `erfolgreich_umgesetzt`, `nicht_erfolgreich_umgesetzt` or `storniert`.
    pub ergebnis: StrategieErgebnis,
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum")]
    pub erledigt_am: NaiveDate,
    #[serde(default)]
    pub bestaetigt: bool,
}

fn zeitfenster_pruefen(beginn: NaiveDate, ende: NaiveDate) -> Result<(), AppFehler> {
    if ende < beginn {
        return Err(AppFehler::ungueltig(
            "ende",
            format!("liegt vor dem Beginn des Zeitfensters ({}) (S7)", vierphasen_domain::datum::de(beginn)),
        ));
    }
    Ok(())
}

fn reihenfolge_pruefen(r: Option<u8>) -> Result<(), AppFehler> {
    if r == Some(0) {
        return Err(AppFehler::ungueltig("reihenfolge", "beginnt bei 1 (S10)"));
    }
    Ok(())
}

/// Products by id; an unknown one stays as entered, so the Fallakte check names it.
fn produkte_ids(k: &Katalog, produkte: &[String]) -> Result<Vec<String>, AppFehler> {
    if produkte.len() > 50 {
        return Err(AppFehler::ungueltig("produkte", "höchstens 50"));
    }
    Ok(produkte.iter().map(|p| k.finde_produkt(p).map_or_else(|| p.trim().to_string(), |x| x.id.clone())).collect())
}

/// The position of a strategy of this case; another case's id is not found either.
fn position(s: &Schreibvorgang<'_>, strategie_id: i64) -> Result<usize, AppFehler> {
    s.fall
        .ids
        .strategien
        .iter()
        .position(|x| *x == strategie_id)
        .ok_or(AppFehler::NichtGefunden("Die Handlungsstrategie"))
}

fn offen(s: &Schreibvorgang<'_>, i: usize) -> Result<StrategieWahl, AppFehler> {
    let w = s.fall.akte.strategien[i].clone();
    if let Some(e) = w.ergebnis {
        return Err(AppFehler::Konflikt(format!(
            "Die Handlungsstrategie ist bereits erledigt ({}); eine neue Strategie ist nach einer erneuten Standortbestimmung möglich (S9).",
            e.label()
        )));
    }
    Ok(w)
}

impl App {
    /// S1–S13: chooses a strategy today with its Zeitfenster.
    pub async fn strategie_waehlen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        eingabe: StrategieEingabe,
    ) -> Result<Aenderung, AppFehler> {
        zeitfenster_pruefen(eingabe.beginn, eingabe.ende)?;
        reihenfolge_pruefen(eingabe.reihenfolge)?;
        let k = self.katalog;
        let produkte = produkte_ids(k, &eingabe.produkte)?;
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let strategie = match k.finde_strategie(&eingabe.strategie) {
            Some(r) => k.strategie(r).id.clone(),
            // A local strategy (S11) is named by its id.
            None => eingabe.strategie.trim().to_string(),
        };
        let merkmal = eingabe
            .merkmal
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| k.finde_merkmal(t).map_or_else(|| t.to_string(), |m| k.merkmal(m).id.clone()));
        let wahl = StrategieWahl {
            strategie,
            merkmal,
            gewaehlt_am: s.heute,
            beginn: Some(eingabe.beginn),
            ende: Some(eingabe.ende),
            geaendert_am: None,
            ergebnis: None,
            erledigt_am: None,
            reihenfolge: eingabe.reihenfolge,
            produkte,
        };
        let (id, i) = s.anfuegen(wahl, Verlaufsaktion::Gewaehlt).await?;
        let befunde = s.abschliessen(Tor::pruefen(eingabe.bestaetigt).fuer(format!("strategien[{i}]."))).await?;
        Ok(Aenderung { id, befunde })
    }

    /// S7/S10/PK1: adjusts the window, order or products of an open strategy.
    pub async fn strategie_anpassen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        strategie_id: i64,
        eingabe: StrategieAnpassung,
    ) -> Result<Aenderung, AppFehler> {
        reihenfolge_pruefen(eingabe.reihenfolge)?;
        let produkte = eingabe.produkte.as_deref().map(|p| produkte_ids(self.katalog, p)).transpose()?;
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let i = position(&s, strategie_id)?;
        let vorher = offen(&s, i)?;
        let mut nachher = vorher.clone();
        nachher.beginn = eingabe.beginn.or(vorher.beginn);
        nachher.ende = eingabe.ende.or(vorher.ende);
        let (Some(beginn), Some(ende)) = (nachher.beginn, nachher.ende) else {
            return Err(AppFehler::ungueltig("beginn", "Bitte Beginn und Ende des Zeitfensters angeben (S7)."));
        };
        zeitfenster_pruefen(beginn, ende)?;
        // E3: a changed strategy is an occasion to update the agreement.
        nachher.geaendert_am = Some(s.heute);
        if eingabe.reihenfolge.is_some() {
            nachher.reihenfolge = eingabe.reihenfolge;
        }
        if let Some(p) = produkte {
            nachher.produkte = p;
        }
        s.ueberschreiben(i, nachher, Verlaufsaktion::Angepasst).await?;
        let befunde = s.abschliessen(Tor::pruefen(eingabe.bestaetigt).fuer(format!("strategien[{i}]."))).await?;
        Ok(Aenderung { id: strategie_id, befunde })
    }

    /// S8: marks an open strategy erledigt with its outcome. A need it leaves uncovered is
    /// reported (S1), not refused: a new strategy follows a new Standortbestimmung (S9).
    pub async fn strategie_abschliessen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        strategie_id: i64,
        eingabe: StrategieAbschluss,
    ) -> Result<Aenderung, AppFehler> {
        if eingabe.ergebnis == StrategieErgebnis::AutomatischErledigt {
            return Err(AppFehler::ungueltig(
                "ergebnis",
                "„automatisch erledigt“ setzt nur die Wiedermeldung nach mehr als 6 Monaten (C2)",
            ));
        }
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let i = position(&s, strategie_id)?;
        let vorher = offen(&s, i)?;
        if eingabe.erledigt_am > s.heute {
            return Err(AppFehler::ungueltig("erledigt_am", "liegt in der Zukunft"));
        }
        if eingabe.erledigt_am < vorher.gewaehlt_am {
            return Err(AppFehler::ungueltig(
                "erledigt_am",
                format!("liegt vor der Wahl der Strategie ({})", vierphasen_domain::datum::de(vorher.gewaehlt_am)),
            ));
        }
        let mut nachher = vorher.clone();
        nachher.ergebnis = Some(eingabe.ergebnis);
        nachher.erledigt_am = Some(eingabe.erledigt_am);
        s.ueberschreiben(i, nachher, Verlaufsaktion::Erledigt).await?;
        let befunde = s.abschliessen(Tor::pruefen(eingabe.bestaetigt).fuer(format!("strategien[{i}]."))).await?;
        Ok(Aenderung { id: strategie_id, befunde })
    }
}
