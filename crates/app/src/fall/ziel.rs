//! Phase 2 (Z1–Z8): agreeing the Zieloption. Every agreement is a new row; the latest holds,
//! earlier ones stay as history (Z1, Z7).

use serde::Deserialize;
use utoipa::ToSchema;
use vierphasen_domain::fallakte::Ziel;
use vierphasen_domain::zugriff::{Akteur, Aktion};

use super::Aenderung;
use super::schreiben::nicht_vor;
use super::text_opt;
use super::{Tor, Verlaufsaktion};
use crate::grenzen;
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ZielEingabe {
    /// Zieloption id or label.
    pub zieloption: String,
    /// Z4: horizon of the goal in months.
    #[serde(default)]
    pub horizont_monate: Option<u16>,
    /// Z5: the Mini-/Midi-Job ends unemployment or reduces the need.
    #[serde(default)]
    pub beendet_arbeitslosigkeit_oder_verringert_hilfebeduerftigkeit: bool,
    /// Z8: further goals the customer pursues on her own.
    #[serde(default)]
    pub eigene_ziele: Option<String>,
    /// Confirms the warnings the change brings (e.g. Z3, Z5).
    #[serde(default)]
    pub bestaetigt: bool,
}

impl App {
    /// Z1–Z8: agrees a Zieloption today; it replaces the current one, which stays in the history
    /// (a second agreement on the same day corrects the first).
    pub async fn ziel_setzen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        eingabe: ZielEingabe,
    ) -> Result<Aenderung, AppFehler> {
        if let Some(h) = eingabe.horizont_monate
            && !(1..=240).contains(&h)
        {
            return Err(AppFehler::ungueltig("horizont_monate", "zwischen 1 und 240 Monaten"));
        }
        let eigene_ziele = text_opt("eigene_ziele", eingabe.eigene_ziele.as_deref(), grenzen::ABSATZ)?;
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let k = self.katalog;
        let ziel = Ziel {
            zieloption: k
                .finde_zieloption(&eingabe.zieloption)
                .map_or_else(|| eingabe.zieloption.trim().to_string(), |o| o.id.clone()),
            vereinbart_am: s.heute,
            horizont_monate: eingabe.horizont_monate,
            beendet_arbeitslosigkeit_oder_verringert_hilfebeduerftigkeit: eingabe
                .beendet_arbeitslosigkeit_oder_verringert_hilfebeduerftigkeit,
            eigene_ziele,
        };
        let vorher = s.fall.akte.ziele.last().cloned();
        nicht_vor("vereinbart_am", s.heute, vorher.as_ref().map(|z| z.vereinbart_am))?;
        // Z1: exactly one Zieloption per day, so a second one on the same day corrects the first
        // (the Verlauf keeps both); on a later day the new one replaces it and both stay.
        let (id, i) = match s.fall.akte.ziele.len().checked_sub(1) {
            Some(i) if vorher.as_ref().is_some_and(|z| z.vereinbart_am == s.heute) => {
                s.ueberschreiben(i, ziel, Verlaufsaktion::Korrigiert).await?;
                (s.fall.ids.ziele[i], i)
            }
            _ => s.anfuegen(ziel, Verlaufsaktion::Vereinbart).await?,
        };
        let befunde = s.abschliessen(Tor::pruefen(eingabe.bestaetigt).fuer(format!("ziele[{i}]."))).await?;
        Ok(Aenderung { id, befunde })
    }
}
