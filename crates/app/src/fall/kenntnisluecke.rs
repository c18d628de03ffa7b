//! PK1 "skill gap → measure": the kind of a skill a good match misses decides the strategy the
//! proposal names. Postings name skills in free text (the BA lists languages and driving
//! licences by name), so the kind is read from the name; this is the one place that does it.

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

/// Languages postings ask for besides German (word stems, lower case).
const FREMDSPRACHEN: [&str; 24] = [
    "englisch",
    "französisch",
    "spanisch",
    "italienisch",
    "portugiesisch",
    "niederländisch",
    "polnisch",
    "tschechisch",
    "russisch",
    "ukrainisch",
    "rumänisch",
    "bulgarisch",
    "ungarisch",
    "kroatisch",
    "serbisch",
    "griechisch",
    "türkisch",
    "arabisch",
    "persisch",
    "chinesisch",
    "japanisch",
    "dänisch",
    "schwedisch",
    "norwegisch",
];

impl Kenntnisart {
    /// The kind of a skill by the words of its name ("Führerschein Klasse B", "Deutsch",
    /// "Englischkenntnisse", "Prüfung nach DIN VDE 0100").
    pub fn aus_name(name: &str) -> Kenntnisart {
        let klein = name.to_lowercase();
        let woerter: Vec<&str> = klein.split(|c: char| !c.is_alphanumeric()).filter(|w| !w.is_empty()).collect();
        if woerter.iter().any(|w| w.contains("führerschein") || w.contains("fahrerlaubnis")) {
            Kenntnisart::Fuehrerschein
        } else if woerter
            .iter()
            .any(|w| *w == "deutsch" || w.starts_with("deutschkenntnis") || w.starts_with("deutschsprach"))
        {
            Kenntnisart::Deutsch
        } else if woerter.iter().any(|w| FREMDSPRACHEN.iter().any(|s| w.starts_with(s))) {
            Kenntnisart::Fremdsprache
        } else {
            Kenntnisart::Fachlich
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
