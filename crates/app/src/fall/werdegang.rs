//! The Werdegang of the Stärken- und Potenzialanalyse (seed 2.1.1, VerBIS page „Lebenslauf“):
//! stages are added and removed (a wrong stage is corrected by removing it and adding it anew).

use vierphasen_domain::fallakte::Werdegangseintrag;
use vierphasen_domain::zugriff::{Akteur, Aktion};
use vierphasen_domain::{KundeId, Monat};

use super::{Aenderung, Tor, Verlaufsaktion, text_pruefen};
use crate::grenzen;
use crate::{App, AppFehler};

impl App {
    /// Adds a stage to the customer's Werdegang.
    pub async fn werdegang_erfassen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        eingabe: Werdegangseintrag,
    ) -> Result<Aenderung, AppFehler> {
        let bezeichnung = text_pruefen("bezeichnung", &eingabe.bezeichnung, grenzen::BEZEICHNUNG)?;
        let beruf = eingabe.beruf.as_deref().map(str::trim).filter(|b| !b.is_empty()).map(str::to_owned);
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let dieser = Monat::von_datum(s.heute);
        if eingabe.von > dieser {
            return Err(AppFehler::ungueltig("von", "liegt in der Zukunft; erfasst wird der bisherige Werdegang"));
        }
        if let Some(bis) = eingabe.bis {
            if bis < eingabe.von {
                return Err(AppFehler::ungueltig("bis", format!("liegt vor dem Beginn ({})", eingabe.von)));
            }
            if bis > dieser {
                return Err(AppFehler::ungueltig(
                    "bis",
                    "liegt in der Zukunft; bei einem laufenden Abschnitt das Ende leer lassen",
                ));
            }
        }
        let neu = Werdegangseintrag { art: eingabe.art, von: eingabe.von, bis: eingabe.bis, bezeichnung, beruf };
        let (id, i) = s.anfuegen(neu, Verlaufsaktion::Erfasst).await?;
        // No rule reads the Werdegang; the gate checks the entry (e.g. its KldB code).
        let befunde = s.abschliessen(Tor::pruefen(false).fuer(format!("kunde.werdegang[{i}]."))).await?;
        Ok(Aenderung { id, befunde })
    }

    /// Removes a stage of the Werdegang.
    pub async fn werdegang_entfernen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        eintrag_id: i64,
    ) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let Some(i) = s.fall.ids.werdegang.iter().position(|w| *w == eintrag_id) else {
            return Err(AppFehler::NichtGefunden("Der Eintrag im Werdegang"));
        };
        s.entfernen::<Werdegangseintrag>(i).await?;
        let befunde = s.abschliessen(Tor::pruefen(false)).await?;
        Ok(Aenderung { id: eintrag_id, befunde })
    }
}
