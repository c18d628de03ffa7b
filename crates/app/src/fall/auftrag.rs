//! Referrals to the Fachdienste and the ZAV (U2–U8): consent (U6), prior conversation (U4) and the
//! ZAV admission criteria (U2) are checked by the rule gate.

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use vierphasen_domain::fallakte::{Auftrag, Fragestellung, ZavAngaben};
use vierphasen_domain::zugriff::{Akteur, Aktion};

use super::Aenderung;
use super::kunde::text_opt;
use super::{Tor, Verlaufsaktion, auftrag_erledigen as auftrag_erledigt_setzen};
use crate::grenzen;
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

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
        kunde_id: KundeId,
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
        let zav = match eingabe.zav {
            Some(z) => Some(self.zav_angaben(z)?),
            None => None,
        };
        let auftrag =
            Auftrag { datum: eingabe.datum, leistung: leistung.id.clone(), fragestellung: eingabe.fragestellung, zav };
        let (id, _) = s.anfuegen(auftrag, Verlaufsaktion::Erteilt).await?;
        let befunde = s.abschliessen(Tor::pruefen(eingabe.bestaetigt)).await?;
        Ok(Aenderung { id, befunde })
    }

    /// U2: the ZAV facts as stored: Branche and Region by id (an unknown one stays as entered, so
    /// the Fallakte check names it), the Zielposition as a checked text.
    fn zav_angaben(&self, z: ZavAngaben) -> Result<ZavAngaben, AppFehler> {
        let k = self.katalog;
        Ok(ZavAngaben {
            zielposition: text_opt("zav.zielposition", z.zielposition.as_deref(), grenzen::BEZEICHNUNG)?,
            branche: z.branche.as_deref().map(str::trim).map(|t| k.zav_branche(t).map_or(t, |x| &x.id).to_owned()),
            region: z.region.as_deref().map(str::trim).map(|t| k.zav_region(t).map_or(t, |x| &x.id).to_owned()),
            ..z
        })
    }

    /// Marks a referral as answered; the Fachdienst then no longer sees the case (D3).
    pub async fn auftrag_erledigen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        auftrag_id: i64,
    ) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        if !s.fall.ids.auftraege.contains(&auftrag_id) {
            return Err(AppFehler::NichtGefunden("Der Auftrag"));
        }
        if !auftrag_erledigt_setzen(s.tx.as_mut(), kunde_id, auftrag_id).await? {
            return Err(AppFehler::Konflikt("Der Auftrag ist bereits erledigt.".into()));
        }
        s.verlauf(
            "auftrag",
            Some(auftrag_id),
            Verlaufsaktion::Erledigt,
            Some(&serde_json::json!({ "erledigt": false })),
            Some(&serde_json::json!({ "erledigt": true })),
        )
        .await?;
        let befunde = s.abschliessen(Tor::pruefen(false)).await?;
        Ok(Aenderung { id: auftrag_id, befunde })
    }
}
