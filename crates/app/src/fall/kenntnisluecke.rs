//! PK1 "skill gap → measure": the kind of a skill a good match misses decides the strategy the
//! proposal names. Postings name skills in free text (the BA lists languages and driving
//! licences by name), so the kind is read from the name; this is the one place that does it.

use vierphasen_domain::katalog::kenntnisse::{DEUTSCH, sprache};
use vierphasen_domain::katalog::normalisieren::suchtext;

/// The kind of a missing skill.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kenntnisart {
    /// German language skills.
    Deutsch,
    /// Another language.
    Fremdsprache,
    /// A driving licence (Führerschein, Fahrerlaubnis).
    Fuehrerschein,
    /// Professional knowledge: everything else.
    Fachlich,
}

impl Kenntnisart {
    /// The kind of a skill by the words of its name ("Führerschein Klasse B", "Deutsch",
    /// "Englischkenntnisse", "Prüfung nach DIN VDE 0100").
    pub fn aus_name(name: &str) -> Kenntnisart {
        let text = suchtext(name);
        let woerter: Vec<&str> = text.split(' ').collect();
        if woerter.iter().any(|w| w.contains("fuehrerschein") || w.contains("fahrerlaubnis")) {
            Kenntnisart::Fuehrerschein
        } else {
            match woerter.iter().find_map(|w| sprache(w)) {
                Some(DEUTSCH) => Kenntnisart::Deutsch,
                Some(_) => Kenntnisart::Fremdsprache,
                None => Kenntnisart::Fachlich,
            }
        }
    }

    /// The catalogue id of the strategy that closes such a gap (§5): Sprachkenntnisse →
    /// "Deutsche Sprachkenntnisse erwerben bzw. verbessern" / "Integrationsrelevante
    /// Fremdsprachenkenntnisse erwerben", a licence → "Mobilität erhöhen", otherwise "Berufliche
    /// (Teil-)Qualifikation realisieren".
    pub fn strategie(self) -> &'static str {
        match self {
            Kenntnisart::Deutsch => "deutsche_sprachkenntnisse_erwerben",
            Kenntnisart::Fremdsprache => "fremdsprachenkenntnisse_erwerben",
            Kenntnisart::Fuehrerschein => "mobilitaet_erhoehen",
            Kenntnisart::Fachlich => "berufliche_teilqualifikation_realisieren",
        }
    }
}
