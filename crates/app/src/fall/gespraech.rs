//! Conversations (Erstgespräch, Folgegespräch F1/F2, Übergabe U1, with the whole BG P10) and the
//! next appointment per Kontaktdichtekonzept (K1).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::fallakte::{Folgegespraech, Gespraech, Gespraechsart, pruefen_und_aufloesen};
use vierphasen_domain::regeln::kontaktdichte;
use vierphasen_domain::zugriff::{Akteur, Aktion};
use vierphasen_domain::{Befund, Profillage};
use vierphasen_store::sql;

use super::schreiben::json;
use super::spalten::als_text;
use crate::{App, AppFehler};

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

impl App {
    /// Records a conversation. Without an agreed next appointment the Kontaktdichtekonzept of the
    /// Dienststelle proposes it for the current Profillage (K1); the appointment is put into the
    /// responsible VFK's calendar.
    pub async fn gespraech_erfassen(
        &self,
        wer: &Akteur,
        kunde_id: i64,
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
            folgegespraech: eingabe.folgegespraech,
            naechster_termin: Some(naechster_termin),
        };
        // Same place as after reloading (ordered by date, then id), so findings keep their paths.
        let stelle = s.fall.akte.gespraeche.partition_point(|g| g.datum <= gespraech.datum);
        s.fall.akte.gespraeche.insert(stelle, gespraech.clone());
        let befunde = s.regeln(eingabe.bestaetigt)?;

        let id = sql!(&mut s.tx, wert<i64>
            "INSERT INTO gespraech (kunde_id, datum, art, erstellt_von, erstellt_um, inhalt)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
            kunde_id, gespraech.datum, als_text(&gespraech.art), s.benutzer_id, s.jetzt, json(&gespraech)?)?;
        s.verlauf::<(), _>("gespraech", Some(id), "erfasst", None, Some(&gespraech)).await?;

        let vfk_id = s.fall.stamm.vfk_id;
        let text = Gespraechsart::Folgegespraech.label();
        let termin_id = sql!(&mut s.tx, wert<i64>
            "INSERT INTO termin (kunde_id, benutzer_id, art, faellig_am, regel, text, erstellt_um)
             VALUES ($1, $2, 'termin', $3, 'K1', $4, $5) RETURNING id",
            kunde_id, vfk_id, naechster_termin, text, s.jetzt)?;
        let termin =
            serde_json::json!({ "faellig_am": naechster_termin, "regel": "K1", "text": text, "benutzer_id": vfk_id });
        s.verlauf::<(), _>("termin", Some(termin_id), "angelegt", None, Some(&termin)).await?;
        s.abschliessen().await?;
        Ok(GespraechErgebnis { id, naechster_termin, befunde })
    }
}
