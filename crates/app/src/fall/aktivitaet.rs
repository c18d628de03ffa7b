//! F4: activities beside the Folgegespräche (group formats, Bewerbercoaching,
//! Selbstvermarktung), recorded as they took place.

use vierphasen_domain::KundeId;
use vierphasen_domain::fallakte::Aktivitaet;
use vierphasen_domain::zugriff::{Akteur, Aktion};

use super::{Aenderung, Tor, Verlaufsaktion, text_opt, text_pruefen};
use crate::grenzen;
use crate::{App, AppFehler};

impl App {
    /// F4: records an activity the customer took part in.
    pub async fn aktivitaet_erfassen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        eingabe: Aktivitaet,
    ) -> Result<Aenderung, AppFehler> {
        let beschreibung = text_pruefen("beschreibung", &eingabe.beschreibung, grenzen::KURZTEXT)?;
        let traeger = text_opt("traeger", eingabe.traeger.as_deref(), grenzen::BEZEICHNUNG)?;
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        if eingabe.datum > s.heute {
            return Err(AppFehler::ungueltig(
                "datum",
                "liegt in der Zukunft; erfasst werden Aktivitäten, die stattgefunden haben",
            ));
        }
        let neu = Aktivitaet { datum: eingabe.datum, art: eingabe.art, beschreibung, traeger };
        let (id, i) = s.anfuegen(neu, Verlaufsaktion::Erfasst).await?;
        // No rule reads activities: the gate only checks the entry is readable.
        let befunde = s.abschliessen(Tor::pruefen(false).fuer(format!("aktivitaeten[{i}]."))).await?;
        Ok(Aenderung { id, befunde })
    }
}
