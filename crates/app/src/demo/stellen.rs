//! Demo Stellenangebote (§8.4): per demo occupation a few postings in the region Musterstadt,
//! asking for the occupation's typical strengths (some for one more skill, so the Kundenakte
//! shows skill gaps and the PK1 suggestion), published over the last weeks.

use chrono::{Days, NaiveDate};

use super::daten::{BERUFE, PLZ};
use crate::stellen::{Fundstelle, StellenEingabe};
use crate::{App, AppFehler};

const ARBEITGEBER: &[&str] = &[
    "Musterstädter Stadtwerke GmbH",
    "Nordhessen Logistik AG",
    "Bäckerei & Café Sonnenschein",
    "Pflegezentrum Am Park gGmbH",
    "Autohaus Fulda-Aue GmbH",
    "Hotel Wilhelmshöhe KG",
    "Handwerksbetrieb Schmidt & Söhne",
    "Kita-Verbund Musterstadt e. V.",
];

/// A further skill some postings ask for (a gap for most profiles).
const ZUSATZ: &str = "Führerschein Klasse B";

/// How employers word some of the strengths the demo customers name: the skill vocabulary
/// (`catalog/kenntnisse.toml`) counts them as the same, so the Kundenakte shows the match in
/// the customer's words (Issue 15/2).
const WIE_ARBEITGEBER_SCHREIBEN: [(&str, &str); 3] = [
    ("MS Office (Word, Excel)", "Textverarbeitung und Tabellenkalkulation"),
    ("Führerschein Klasse CE mit Modul 95", "Führerschein C/CE, Schlüsselzahl 95"),
    ("Staplerschein", "Gabelstaplerschein"),
];

fn verlangt(staerke: &str) -> String {
    WIE_ARBEITGEBER_SCHREIBEN.iter().find(|(s, _)| *s == staerke).map_or(staerke, |(_, a)| a).to_string()
}

/// Creates the postings; returns how many.
pub(super) async fn anlegen(app: &App, heute: NaiveDate) -> Result<usize, AppFehler> {
    let mut eintraege = Vec::new();
    for (i, b) in BERUFE.iter().enumerate() {
        for n in 0..3usize {
            let k = i * 3 + n;
            let mut faehigkeiten: Vec<String> = b.staerken.iter().map(|s| verlangt(s)).collect();
            if n == 1 {
                faehigkeiten.push(ZUSATZ.into());
            }
            eintraege.push((
                Fundstelle::zeile(k + 1),
                Ok(StellenEingabe {
                    refnr: format!("DEMO-{:04}", k + 1),
                    titel: format!("{} (m/w/d)", b.bezeichnung),
                    arbeitgeber: ARBEITGEBER[k % ARBEITGEBER.len()].into(),
                    beruf: b.kldb.into(),
                    plz: Some(PLZ[(k * 7) % PLZ.len()].into()),
                    arbeitszeit: ["vz", "vz,tz", "tz,snw"][n].into(),
                    faehigkeiten,
                    befristet: n == 2,
                    eintritt: Some(heute + Days::new(14 * n as u64)),
                    veroeffentlicht: Some(heute - Days::new((k % 20) as u64)),
                    beschreibung: format!(
                        "Wir suchen zum nächstmöglichen Zeitpunkt eine/n {} für unser Team in Musterstadt.",
                        b.bezeichnung
                    ),
                    verguetung: Some("nach Tarif".into()),
                    ..StellenEingabe::default()
                }),
            ));
        }
    }
    let n = eintraege.len();
    app.stellen_uebernehmen(eintraege).await.map_err(|f| {
        AppFehler::intern_meldung(format!(
            "Demo-Stellen: {}",
            f.iter().map(|e| e.to_string()).collect::<Vec<_>>().join("; ")
        ))
    })?;
    Ok(n)
}
