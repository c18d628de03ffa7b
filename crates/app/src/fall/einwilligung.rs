//! Consents: to referrals to ÄD and BPS (U6, §32 SGB III) with revocation, and to conversations
//! with the whole Bedarfsgemeinschaft (P10).

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use vierphasen_domain::fallakte::{Einwilligung, Einwilligungsumfang};
use vierphasen_domain::zugriff::{Akteur, Aktion};

use super::Aenderung;
use super::kunde::Datumsangabe;
use super::schreiben::nicht_vor;
use super::{Tor, Verlaufsaktion, bg_einwilligung_setzen};
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EinwilligungEingabe {
    pub umfang: Einwilligungsumfang,
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum")]
    pub erteilt_am: NaiveDate,
}

fn nicht_in_zukunft(feld: &str, datum: NaiveDate, heute: NaiveDate) -> Result<(), AppFehler> {
    if datum > heute {
        return Err(AppFehler::ungueltig(feld, "liegt in der Zukunft"));
    }
    Ok(())
}

impl App {
    /// U6: records a consent (date and scope).
    pub async fn einwilligung_erteilen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        eingabe: EinwilligungEingabe,
    ) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        nicht_in_zukunft("erteilt_am", eingabe.erteilt_am, s.heute)?;
        let neu = Einwilligung { umfang: eingabe.umfang, erteilt_am: eingabe.erteilt_am, widerrufen_am: None };
        let (id, _) = s.anfuegen(neu, Verlaufsaktion::Erteilt).await?;
        // A consent only ever removes findings; there is nothing to confirm.
        let befunde = s.abschliessen(Tor::pruefen(true)).await?;
        Ok(Aenderung { id, befunde })
    }

    /// U6: records the revocation of a consent. A revocation always takes effect (the customer's
    /// right); the findings it causes on referrals (U6) are returned for display, not refused.
    pub async fn einwilligung_widerrufen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        einwilligung_id: i64,
        eingabe: Datumsangabe,
    ) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let Some(i) = s.fall.ids.einwilligungen.iter().position(|e| *e == einwilligung_id) else {
            return Err(AppFehler::NichtGefunden("Die Einwilligung"));
        };
        let vorher = s.fall.akte.einwilligungen[i].clone();
        if vorher.widerrufen_am.is_some() {
            return Err(AppFehler::Konflikt("Die Einwilligung ist bereits widerrufen.".into()));
        }
        nicht_in_zukunft("datum", eingabe.datum, s.heute)?;
        nicht_vor("datum", eingabe.datum, Some(vorher.erteilt_am))?;
        let umfang = vorher.umfang;
        let nachher = Einwilligung { widerrufen_am: Some(eingabe.datum), ..vorher };
        s.ueberschreiben(i, nachher, Verlaufsaktion::Widerrufen).await?;
        super::auftrag::auftraege_stoppen(&mut s, umfang).await?;
        let befunde = s.abschliessen(Tor::melden()).await?;
        Ok(Aenderung { id: einwilligung_id, befunde })
    }

    /// P10: the customer's consent to conversations with the whole Bedarfsgemeinschaft (`None`
    /// withdraws it). It shows in the case files of the other members.
    pub async fn bg_einwilligung_setzen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        erteilt_am: Option<NaiveDate>,
    ) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        if s.fall.stamm.bedarfsgemeinschaft_id.is_none() {
            return Err(AppFehler::ungueltig("erteilt_am", "Der Kunde gehört keiner Bedarfsgemeinschaft an (P10)"));
        }
        if let Some(d) = erteilt_am {
            nicht_in_zukunft("erteilt_am", d, s.heute)?;
        }
        let vorher = s.fall.stamm.bg_einwilligung_am;
        if vorher == erteilt_am {
            return Ok(Aenderung { id: kunde_id.0, befunde: Vec::new() });
        }
        bg_einwilligung_setzen(s.tx.as_mut(), kunde_id, erteilt_am).await?;
        let aktion = if erteilt_am.is_some() {
            Verlaufsaktion::BgEinwilligungErteilt
        } else {
            Verlaufsaktion::BgEinwilligungWiderrufen
        };
        s.verlauf(
            "kunde",
            Some(kunde_id.0),
            aktion,
            Some(&serde_json::json!({ "bg_einwilligung_am": vorher })),
            Some(&serde_json::json!({ "bg_einwilligung_am": erteilt_am })),
        )
        .await?;
        let befunde = s.abschliessen(Tor::pruefen(false)).await?;
        Ok(Aenderung { id: kunde_id.0, befunde })
    }
}
