//! Conversations (Erstgespräch, Folgegespräch F1/F2, Übergabe U1, with the whole BG P10) and the
//! next appointment per Kontaktdichtekonzept (K1).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::fallakte::{Folgegespraech, Gespraech, Gespraechsart, pruefen_und_aufloesen};
use vierphasen_domain::kalender::kein_arbeitstag_text;
use vierphasen_domain::regeln::kontaktdichte;
use vierphasen_domain::zugriff::{Akteur, Aktion};
use vierphasen_domain::{Befund, Profillage};

use super::{Tor, Verlaufsaktion, text_opt, text_pruefen};
use crate::termine::Terminzeit;
use crate::{App, AppFehler, grenzen};
use vierphasen_domain::KundeId;
use vierphasen_domain::Regel;

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct GespraechEingabe {
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
    pub art: Gespraechsart,
    /// P10: held with the whole Bedarfsgemeinschaft (needs every member's consent).
    #[serde(default)]
    pub mit_bedarfsgemeinschaft: bool,
    /// F1 preparation and the four F2 steps (Folgegespräch only).
    #[serde(default)]
    pub folgegespraech: Option<Folgegespraech>,
    /// K1: the agreed next appointment; without it the Kontaktdichtekonzept proposes one.
    #[serde(default, deserialize_with = "vierphasen_domain::datum::serde_strikt::datum_opt")]
    pub naechster_termin: Option<NaiveDate>,
    #[serde(default)]
    pub bestaetigt: bool,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct GespraechErgebnis {
    pub id: i64,
    /// The next appointment stored with the conversation (agreed or proposed per K1).
    pub naechster_termin: NaiveDate,
    pub befunde: Vec<Befund>,
}

/// Entries of a list of the Folgegespräch at most (tasks reviewed, agreements).
pub const HOECHSTENS_EINTRAEGE: usize = 50;

/// F1/F2: the Folgegespräch's texts trimmed and within their limits (the form and the API alike,
/// issue 15/7), every refusal at once; the fields are named as the form names them.
fn folgegespraech_pruefen(mut f: Folgegespraech) -> Result<Folgegespraech, AppFehler> {
    let mut fehler = Vec::new();
    let mut text = |feld: String, wert: &mut Option<String>, max: usize| match text_opt(&feld, wert.as_deref(), max) {
        Ok(t) => *wert = t,
        Err(e) => fehler.push(e),
    };
    let mut listen = Vec::new();
    if let Some(s1) = &mut f.schritt1 {
        listen.push(("folgegespraech.schritt1.aufgaben", s1.aufgaben.len()));
        for (i, a) in s1.aufgaben.iter_mut().enumerate() {
            text(format!("folgegespraech.schritt1.aufgaben[{i}].grund"), &mut a.grund, grenzen::NOTIZ);
        }
        text("folgegespraech.schritt1.folgeschritte".into(), &mut s1.folgeschritte, grenzen::ABSATZ);
        text("folgegespraech.schritt1.erfolge_misserfolge".into(), &mut s1.erfolge_misserfolge, grenzen::ABSATZ);
    }
    if let Some(s2) = &mut f.schritt2 {
        text("folgegespraech.schritt2.anpassungen".into(), &mut s2.anpassungen, grenzen::ABSATZ);
    }
    if let Some(s3) = &mut f.schritt3 {
        text("folgegespraech.schritt3.bewerbungsaktivitaeten".into(), &mut s3.bewerbungsaktivitaeten, grenzen::ABSATZ);
    }
    if let Some(s4) = &f.schritt4 {
        listen.push(("folgegespraech.schritt4.vereinbarungen", s4.vereinbarungen.len()));
    }
    // The task reviewed and each agreement are required texts.
    let mut pflicht = |feld: String, wert: &mut String, max: usize| match text_pruefen(&feld, wert, max) {
        Ok(t) => *wert = t,
        Err(e) => fehler.push(e),
    };
    for (i, a) in f.schritt1.iter_mut().flat_map(|s| s.aufgaben.iter_mut()).enumerate() {
        pflicht(format!("folgegespraech.schritt1.aufgaben[{i}].aufgabe"), &mut a.aufgabe, grenzen::ABSATZ);
    }
    for (i, v) in f.schritt4.iter_mut().flat_map(|s| s.vereinbarungen.iter_mut()).enumerate() {
        pflicht(format!("folgegespraech.schritt4.vereinbarungen[{i}].text"), &mut v.text, grenzen::KURZTEXT);
    }
    for (feld, n) in listen.into_iter().filter(|(_, n)| *n > HOECHSTENS_EINTRAEGE) {
        fehler.push(AppFehler::ungueltig(feld, format!("höchstens {HOECHSTENS_EINTRAEGE} Einträge, nicht {n}")));
    }
    AppFehler::alle(fehler)?;
    Ok(f)
}

impl App {
    /// Records a conversation. Without an agreed next appointment the Kontaktdichtekonzept of the
    /// Dienststelle proposes it for the current Profillage (K1); the appointment is put into the
    /// responsible VFK's calendar.
    pub async fn gespraech_erfassen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        eingabe: GespraechEingabe,
    ) -> Result<GespraechErgebnis, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        if eingabe.datum > s.heute {
            return Err(AppFehler::ungueltig("datum", "liegt in der Zukunft; erfasst werden geführte Gespräche"));
        }
        if eingabe.folgegespraech.is_some() && eingabe.art != Gespraechsart::Folgegespraech {
            return Err(AppFehler::ungueltig(
                "folgegespraech",
                "Vorbereitung und die vier Schritte (F1, F2) gehören zu einem Folgegespräch",
            ));
        }
        let aus_schritt4 =
            eingabe.folgegespraech.as_ref().and_then(|f| f.schritt4.as_ref()).and_then(|s4| s4.naechster_termin);
        if let (Some(a), Some(b)) = (eingabe.naechster_termin, aus_schritt4)
            && a != b
        {
            return Err(AppFehler::ungueltig(
                "naechster_termin",
                "weicht vom nächsten Termin in Schritt 4 ab (F2); bitte nur einen Termin angeben",
            ));
        }
        let vereinbart = eingabe.naechster_termin.or(aus_schritt4);
        if let Some(t) = vereinbart
            && t <= eingabe.datum
        {
            return Err(AppFehler::ungueltig("naechster_termin", "muss nach dem Gespräch liegen"));
        }
        // An appointment ahead falls on a day the Dienststelle is open.
        if let Some(t) = vereinbart.filter(|t| *t >= s.heute)
            && let Some(m) = kein_arbeitstag_text(t, s.fall.akte.dienststelle.bundesland)
        {
            return Err(AppFehler::ungueltig("naechster_termin", m));
        }
        let naechster_termin = match vereinbart {
            Some(t) => t,
            None => {
                // K1: the interval of the local concept (or the default) for the current Profillage.
                let gf = pruefen_und_aufloesen(s.fall.akte.clone(), self.katalog)?;
                let pruefung = vierphasen_domain::pruefen(&gf, s.heute);
                let profillage =
                    pruefung.profillage.gewaehlt.or(pruefung.profillage.ergebnis.vorschlag).unwrap_or(Profillage::N);
                kontaktdichte::naechster_termin(&gf, profillage, eingabe.datum)
            }
        };
        let gespraech = Gespraech {
            datum: eingabe.datum,
            art: eingabe.art,
            mit_bedarfsgemeinschaft: eingabe.mit_bedarfsgemeinschaft,
            folgegespraech: eingabe.folgegespraech.map(folgegespraech_pruefen).transpose()?,
            naechster_termin: Some(naechster_termin),
        };
        let (id, _) = s.anfuegen(gespraech, Verlaufsaktion::Erfasst).await?;
        // K1: the next appointment in the responsible VFK's calendar.
        let vfk_id = s.fall.stamm.vfk_id;
        let zeit = Terminzeit::default();
        s.termin_anlegen(vfk_id, naechster_termin, Some(Regel::K1), Gespraechsart::Folgegespraech.label(), &zeit)
            .await?;
        let befunde = s.abschliessen(Tor::pruefen(eingabe.bestaetigt)).await?;
        Ok(GespraechErgebnis { id, naechster_termin, befunde })
    }
}
