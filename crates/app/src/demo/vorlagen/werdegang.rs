//! The Werdegang and the F4 activities of a demo case. Both are derived from what the case
//! already is (age, occupation, conversation dates, name) without drawing random numbers, so the
//! rest of the demo stays as it was.

use chrono::{Datelike, NaiveDate};
use vierphasen_domain::Monat;
use vierphasen_domain::datum::minus_monate;
use vierphasen_domain::fallakte::{Aktivitaet, Aktivitaetsart, Werdegangsart, Werdegangseintrag};

use super::{Bau, tag};

const BETRIEBE: [&str; 5] = [
    "Hansen & Söhne GmbH",
    "Regio Service GmbH",
    "Nordstern Handel GmbH",
    "Brückner Betriebe KG",
    "Lindenhof Dienstleistungen GmbH",
];

const TRAEGER: [&str; 3] = ["Bildungswerk am Fluss gGmbH", "Perspektive Arbeit e. V.", "Lernwerkstatt Mitte GmbH"];

fn monat(jahr: i32, m: u32) -> Monat {
    Monat::neu(jahr, m).unwrap_or_else(|| Monat::von_datum(NaiveDate::MIN))
}

impl Bau<'_> {
    /// School, training (skilled occupations) and the last employment up to the month before the
    /// registration; stages that would lie after it are left out.
    pub(super) fn werdegang(&self, meldung: NaiveDate) -> Vec<Werdegangseintrag> {
        let geboren = self.geburtsdatum.year();
        let ende = Monat::von_datum(minus_monate(meldung, 1));
        let b = &self.beruf;
        let schulende = geboren + if b.helfer { 15 } else { 16 };
        let betrieb = BETRIEBE[self.nachname.len() % BETRIEBE.len()];
        let mut stufen = vec![Werdegangseintrag {
            art: Werdegangsart::Schule,
            von: monat(geboren + 6, 8),
            bis: Some(monat(schulende, 7)),
            bezeichnung: if b.helfer { "Hauptschulabschluss" } else { "Mittlerer Schulabschluss" }.into(),
            beruf: None,
        }];
        let mut beginn = schulende;
        if !b.helfer {
            stufen.push(Werdegangseintrag {
                art: Werdegangsart::Ausbildung,
                von: monat(schulende, 8),
                bis: Some(monat(schulende + 3, 7)),
                bezeichnung: format!("Ausbildung: {}", b.bezeichnung),
                beruf: Some(b.kldb.into()),
            });
            beginn = schulende + 3;
        }
        stufen.push(Werdegangseintrag {
            art: Werdegangsart::Beschaeftigung,
            von: monat(beginn, 9),
            bis: Some(ende),
            bezeichnung: format!("{} bei {betrieb}", b.bezeichnung),
            beruf: Some(b.kldb.into()),
        });
        stufen
            .into_iter()
            .filter(|s| s.von <= ende)
            .map(|s| Werdegangseintrag { bis: s.bis.map(|b| b.min(ende)), ..s })
            .collect()
    }

    /// F4: strength-oriented activation between the conversations of about every second case
    /// (a coaching after the first conversation, for some a group format later).
    pub(super) fn aktivitaeten(&self, gespraeche: &[NaiveDate]) -> Vec<Aktivitaet> {
        let (Some(&erstes), Some(&letztes)) = (gespraeche.first(), gespraeche.last()) else { return Vec::new() };
        if erstes == letztes || self.vorname.len() % 2 == 1 {
            return Vec::new();
        }
        let traeger = TRAEGER[self.nachname.len() % TRAEGER.len()];
        let mut liste = vec![Aktivitaet {
            datum: tag(erstes, 10).min(self.heute),
            art: Aktivitaetsart::Bewerbercoaching,
            beschreibung: "Bewerbungstraining: Unterlagen überarbeitet, Vorstellungsgespräch geübt".into(),
            traeger: Some(traeger.into()),
        }];
        if self.nachname.len().is_multiple_of(2) && tag(erstes, 24) < letztes {
            liste.push(Aktivitaet {
                datum: tag(erstes, 24),
                art: Aktivitaetsart::Gruppenmassnahme,
                beschreibung: "Gruppenberatung „Stärken zeigen“ zur Selbstvermarktung, zwei Vormittage".into(),
                traeger: None,
            });
        }
        liste
    }
}
