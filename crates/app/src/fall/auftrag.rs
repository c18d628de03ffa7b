//! Referrals to the Fachdienste and the ZAV (U2–U8): consent (U6), prior conversation (U4) and the
//! ZAV admission criteria (U2) are checked by the rule gate.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use vierphasen_domain::fallakte::{Auftrag, Fragestellung, ZavAngaben};
use vierphasen_domain::zugriff::{Akteur, Aktion};
use vierphasen_store::sql;

use super::Aenderung;
use super::schreiben::json;
use crate::{App, AppFehler};

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AuftragEingabe {
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
    /// Service id or label from the catalogue (`fachdienste.toml`).
    pub leistung: String,
    #[serde(default)]
    pub fragestellung: Fragestellung,
    /// U2: facts for the ZAV admission criteria.
    #[serde(default)]
    pub zav: Option<ZavAngaben>,
    #[serde(default)]
    pub bestaetigt: bool,
}

impl App {
    /// Refers the customer to a Fachdienst or the ZAV.
    pub async fn auftrag_erteilen(
        &self,
        wer: &Akteur,
        kunde_id: i64,
        eingabe: AuftragEingabe,
    ) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let leistung = self.katalog.finde_leistung(eingabe.leistung.trim()).ok_or_else(|| {
            AppFehler::ungueltig("leistung", format!("unbekannte Leistung „{}“", eingabe.leistung.trim()))
        })?;
        if eingabe.datum > s.heute {
            return Err(AppFehler::ungueltig(
                "datum",
                "liegt in der Zukunft; ein Auftrag wird mit dem Tag der Erteilung erfasst",
            ));
        }
        let auftrag = Auftrag {
            datum: eingabe.datum,
            leistung: leistung.id.clone(),
            fragestellung: eingabe.fragestellung,
            zav: eingabe.zav,
        };
        let stelle = s.fall.akte.auftraege.partition_point(|a| a.datum <= auftrag.datum);
        s.fall.akte.auftraege.insert(stelle, auftrag.clone());
        let befunde = s.regeln(eingabe.bestaetigt)?;
        let id = sql!(&mut s.tx, wert<i64>
            "INSERT INTO auftrag (kunde_id, datum, leistung, erledigt, erstellt_von, erstellt_um, inhalt)
             VALUES ($1, $2, $3, FALSE, $4, $5, $6) RETURNING id",
            kunde_id, auftrag.datum, &auftrag.leistung, s.benutzer_id, s.jetzt, json(&auftrag)?)?;
        s.verlauf::<(), _>("auftrag", Some(id), "erteilt", None, Some(&auftrag)).await?;
        s.abschliessen().await?;
        Ok(Aenderung { id, befunde })
    }

    /// Marks a referral as answered; the Fachdienst then no longer sees the case (D3).
    pub async fn auftrag_erledigen(
        &self,
        wer: &Akteur,
        kunde_id: i64,
        auftrag_id: i64,
    ) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        if !s.fall.ids.auftraege.contains(&auftrag_id) {
            return Err(AppFehler::NichtGefunden("Der Auftrag"));
        }
        let n = sql!(&mut s.tx, ausfuehren
            "UPDATE auftrag SET erledigt = TRUE WHERE id = $1 AND kunde_id = $2 AND erledigt = FALSE", auftrag_id, kunde_id)?;
        if n == 0 {
            return Err(AppFehler::Konflikt("Der Auftrag ist bereits erledigt.".into()));
        }
        s.verlauf(
            "auftrag",
            Some(auftrag_id),
            "erledigt",
            Some(&serde_json::json!({ "erledigt": false })),
            Some(&serde_json::json!({ "erledigt": true })),
        )
        .await?;
        s.abschliessen().await?;
        Ok(Aenderung { id: auftrag_id, befunde: Vec::new() })
    }
}
