//! Beratungsvermerke (V1–V3): the prefill after an Erst- or Folgegespräch, the immutable Vermerk,
//! and dated addenda (the tables' triggers refuse UPDATE and DELETE on both).

use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use vierphasen_domain::fallakte::{Beratungsvermerk, Vermerkart};
use vierphasen_domain::regeln::vermerk::{Vorbefuellung, erstgespraech, folgegespraech};
use vierphasen_domain::zugriff::{Akteur, Aktion};

use super::Aenderung;
use super::aufloesen;
use super::kunde::text_pruefen;
use super::{Tor, Verlaufsaktion, nachtrag_einfuegen};
use crate::{App, AppFehler, grenzen};
use vierphasen_domain::KundeId;
use vierphasen_domain::Regel;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VermerkEingabe {
    /// The day of the conversation.
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
    pub art: Vermerkart,
    pub text: String,
}

/// V3: a correction or addition to a saved Vermerk, dated today.
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NachtragEingabe {
    pub text: String,
}

impl App {
    /// V1 (Erstgespräch) / V2 (Folgegespräch): the sections a Vermerk of today is prefilled with;
    /// none for `sonstiges`. It shows case content, so the read is logged (D3).
    pub async fn vermerk_vorbefuellung(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        art: Vermerkart,
    ) -> Result<Vorbefuellung, AppFehler> {
        let heute = self.heute();
        let fall = self.fall_oeffnen(wer, kunde_id, Aktion::FallLesen, "Beratungsvermerk vorbefüllen".into()).await?;
        let f = aufloesen(fall.akte, self.katalog, "")?;
        Ok(match art {
            Vermerkart::Erstgespraech => erstgespraech(&f, heute),
            Vermerkart::Folgegespraech => folgegespraech(&f, heute),
            Vermerkart::Sonstiges => Vorbefuellung { regel: Regel::V1, abschnitte: Vec::new() },
        })
    }

    /// V1/V3: saves a Beratungsvermerk; it is immutable from then on.
    pub async fn vermerk_schreiben(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        eingabe: VermerkEingabe,
    ) -> Result<Aenderung, AppFehler> {
        let text = text_pruefen("text", &eingabe.text, grenzen::DOKUMENT)?;
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        if eingabe.datum > s.heute {
            return Err(AppFehler::ungueltig(
                "datum",
                "liegt in der Zukunft: dokumentiert wird ein geführtes Gespräch",
            ));
        }
        let vermerk = Beratungsvermerk { datum: eingabe.datum, art: eingabe.art, text, nachtraege: Vec::new() };
        let (id, i) = s.anfuegen(vermerk, Verlaufsaktion::Angelegt).await?;
        self.vermerk_festhalten(&mut s, wer, i).await?;
        // A Vermerk records what happened: warnings it brings are shown, not asked about.
        let befunde = s.abschliessen(Tor::pruefen(true).fuer(format!("vermerke[{i}]."))).await?;
        Ok(Aenderung { id, befunde })
    }

    /// V3: adds a dated addendum (today) to a Vermerk of this case.
    pub async fn nachtrag_schreiben(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        vermerk_id: i64,
        eingabe: NachtragEingabe,
    ) -> Result<Aenderung, AppFehler> {
        let text = text_pruefen("text", &eingabe.text, grenzen::DOKUMENT)?;
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let i = s
            .fall
            .ids
            .vermerke
            .iter()
            .position(|v| *v == vermerk_id)
            .ok_or(AppFehler::NichtGefunden("Der Beratungsvermerk"))?;
        let nachtrag = vierphasen_domain::fallakte::Nachtrag { datum: s.heute, text };
        let kopf = s.kopf();
        let id = nachtrag_einfuegen(s.tx.as_mut(), kopf, vermerk_id, &nachtrag).await?;
        let nachher = serde_json::json!({ "vermerk_id": vermerk_id, "datum": nachtrag.datum, "text": nachtrag.text });
        s.verlauf::<(), _>("nachtrag", Some(id), Verlaufsaktion::Angelegt, None, Some(&nachher)).await?;
        s.fall.akte.vermerke[i].nachtraege.push(nachtrag);
        self.vermerk_festhalten(&mut s, wer, i).await?;
        let befunde = s.abschliessen(Tor::pruefen(true).fuer(format!("vermerke[{i}]."))).await?;
        Ok(Aenderung { id, befunde })
    }
}
