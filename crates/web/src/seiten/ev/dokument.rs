//! The agreement as the customer gets it (E4): tasks grouped by who carries them out, in the
//! words of the Eingliederungsvereinbarung (§ 37 SGB III, § 15 SGB II up to June 2023) or of the
//! Kooperationsplan (§ 15 SGB II since 1 July 2023), and each version's state (E5).

use vierphasen_domain::Rechtskreis;
use vierphasen_domain::fallakte::{Aufgabe, Eingliederungsvereinbarung, Verantwortlich, Vereinbarungsart};

use crate::seiten::anzeige::datum_text;

/// The order the document lists the tasks in: the customer's own responsibility first (E4).
pub const REIHENFOLGE: [Verantwortlich; 3] = [Verantwortlich::Kunde, Verantwortlich::Vfk, Verantwortlich::Dritte];

pub fn art_name(art: Vereinbarungsart) -> &'static str {
    art.label()
}

/// The agreement in force as a heading: "Gültige Eingliederungsvereinbarung", "Gültiger
/// Kooperationsplan" (the adjective follows the noun's gender).
pub fn gueltige_name(art: Vereinbarungsart) -> &'static str {
    match art {
        Vereinbarungsart::Eingliederungsvereinbarung => "Gültige Eingliederungsvereinbarung",
        Vereinbarungsart::Kooperationsplan => "Gültiger Kooperationsplan",
    }
}

/// The form and query value of a responsibility.
pub fn schluessel(v: Verantwortlich) -> &'static str {
    match v {
        Verantwortlich::Kunde => "kunde",
        Verantwortlich::Vfk => "vfk",
        Verantwortlich::Dritte => "dritte",
    }
}

pub fn aus_schluessel(s: &str) -> Option<Verantwortlich> {
    REIHENFOLGE.into_iter().find(|v| schluessel(*v) == s)
}

/// The heading of a group of tasks; the Kooperationsplan uses its own rubrics (§ 15 SGB II).
pub fn gruppentitel(v: Verantwortlich, art: Vereinbarungsart, rk: Rechtskreis) -> &'static str {
    match (art, v, rk) {
        (Vereinbarungsart::Kooperationsplan, Verantwortlich::Kunde, _) => "Nächste Schritte",
        (Vereinbarungsart::Kooperationsplan, Verantwortlich::Vfk, _) => "Unterstützung durch das Jobcenter",
        (Vereinbarungsart::Kooperationsplan, Verantwortlich::Dritte, _) => "Unterstützung durch andere Stellen",
        (_, Verantwortlich::Kunde, _) => "Aufgaben und Eigenbemühungen der Kundin bzw. des Kunden",
        (_, Verantwortlich::Vfk, Rechtskreis::SgbIII) => "Leistungen der Agentur für Arbeit",
        (_, Verantwortlich::Vfk, Rechtskreis::SgbII) => "Leistungen des Jobcenters",
        (_, Verantwortlich::Dritte, _) => "Aktivitäten Dritter",
    }
}

#[derive(Debug)]
pub struct Aufgabentext {
    pub text: String,
    /// TT.MM.JJJJ or empty.
    pub frist: String,
}

#[derive(Debug)]
pub struct Aufgabenliste {
    pub titel: &'static str,
    pub aufgaben: Vec<Aufgabentext>,
}

/// The tasks in document order, one list per responsibility (empty lists included, so the
/// document shows "keine" rather than leaving a rubric out).
pub fn gruppieren(aufgaben: &[Aufgabe], art: Vereinbarungsart, rk: Rechtskreis) -> Vec<Aufgabenliste> {
    REIHENFOLGE
        .into_iter()
        .map(|v| Aufgabenliste {
            titel: gruppentitel(v, art, rk),
            aufgaben: aufgaben
                .iter()
                .filter(|a| a.verantwortlich == v)
                .map(|a| Aufgabentext { text: a.text.clone(), frist: a.frist.map(datum_text).unwrap_or_default() })
                .collect(),
        })
        .collect()
}

/// E5: the state of a version in words.
pub fn status(e: &Eingliederungsvereinbarung) -> (&'static str, &'static str) {
    match (e.abgeschlossen_am, e.ersetzt_am) {
        (_, Some(_)) => ("ersetzt", "info"),
        (Some(_), None) => ("gültig", "success"),
        (None, None) => ("Entwurf", "warning"),
    }
}

/// What concluding means for this kind: an EV is signed, a Kooperationsplan is agreed.
pub fn abschluss_wort(art: Vereinbarungsart) -> &'static str {
    match art {
        Vereinbarungsart::Eingliederungsvereinbarung => "unterschrieben",
        Vereinbarungsart::Kooperationsplan => "vereinbart",
    }
}

/// One row of the list of versions.
#[derive(Debug)]
pub struct Version {
    pub id: i64,
    pub art: &'static str,
    pub erstellt: String,
    /// E.g. "unterschrieben am 03.02.2026", or empty.
    pub abgeschlossen: String,
    pub ausgehaendigt: String,
    pub gueltig_bis: String,
    pub ersetzt: String,
    pub status: &'static str,
    pub badge: &'static str,
    pub aufgaben: usize,
}

/// `spaetestens`: the E3 review date of the version in force (from the Fallprüfung).
pub fn version(id: i64, e: &Eingliederungsvereinbarung, spaetestens: Option<String>) -> Version {
    let (status, badge) = status(e);
    Version {
        id,
        art: art_name(e.art),
        erstellt: datum_text(e.erstellt_am),
        abgeschlossen: e
            .abgeschlossen_am
            .map(|d| format!("{} am {}", abschluss_wort(e.art), datum_text(d)))
            .unwrap_or_default(),
        ausgehaendigt: e.ausgehaendigt_am.map(datum_text).unwrap_or_default(),
        gueltig_bis: match (e.gueltig_bis, spaetestens) {
            (Some(d), _) => datum_text(d),
            (None, Some(s)) => format!("{s} (nach E2/E3)"),
            (None, None) => String::new(),
        },
        ersetzt: e.ersetzt_am.map(datum_text).unwrap_or_default(),
        status,
        badge,
        aufgaben: e.aufgaben.len(),
    }
}
