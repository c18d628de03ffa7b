//! The glossary (Issue 15/5): the abbreviations and terms of the 4-Phasen-Modell the pages use,
//! in plain German, for every role. Linked from the foot of every page.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::routing::get;

use super::{Rahmen, SeitenBenutzer, SeitenErgebnis, html};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new().route("/begriffe", get(seite))
}

/// (Begriff, ausgeschrieben, Erklärung), alphabetical.
const BEGRIFFE: &[(&str, &str, &str)] = &[
    ("ÄD", "Ärztlicher Dienst", "Berät sozialmedizinisch und begutachtet, ob und wie lange jemand arbeiten kann."),
    (
        "AG-S",
        "Arbeitgeber-Service",
        "Berät Arbeitgeber, nimmt Stellenangebote auf und sucht passende Bewerberinnen und Bewerber.",
    ),
    (
        "BAC",
        "Berechnungshilfe Arbeitsmarktchancen",
        "Offene Stellen je arbeitsuchender Person im Zielberuf rund um den Wohnort, mit der Entwicklung der letzten sechs Monate.",
    ),
    (
        "BG",
        "Bedarfsgemeinschaft",
        "Die Personen, die im SGB II gemeinsam wirtschaften und gemeinsam Bürgergeld erhalten.",
    ),
    ("BiZ", "Berufsinformationszentrum", "Informiert über Berufe, Ausbildung und Studium."),
    ("BPS", "Berufspsychologischer Service", "Klärt mit Tests und Gesprächen Eignung, Fähigkeiten und Interessen."),
    (
        "EV",
        "Eingliederungsvereinbarung",
        "Schriftliche Vereinbarung über Ziel, Aufgaben, Eigenbemühungen und Leistungen (Phase 4); im SGB II seit 1. Juli 2023 der Kooperationsplan.",
    ),
    ("FbW", "Förderung der beruflichen Weiterbildung", "Geförderte Weiterbildung, zum Beispiel mit Bildungsgutschein."),
    (
        "GER",
        "Gemeinsamer Europäischer Referenzrahmen für Sprachen",
        "Sprachniveaus von A1 (Anfänger) bis C2 (nahezu muttersprachlich); der Abgleich der Kenntnisse nutzt sie.",
    ),
    ("IFK", "Integrationsfachkraft", "Die Vermittlungsfachkraft im Jobcenter (SGB II)."),
    (
        "KldB",
        "Klassifikation der Berufe 2010",
        "Das Verzeichnis der Berufe der Bundesagentur für Arbeit; jeder Beruf hat einen fünfstelligen Schlüssel.",
    ),
    (
        "Kontaktdichtekonzept",
        "",
        "Wie oft Folgegespräche je Profillage stattfinden; ein engerer Abstand ist immer möglich, ein weiterer nicht.",
    ),
    ("Kooperationsplan", "", "Der gemeinsam erstellte Plan im SGB II, in einfacher Sprache und ohne Unterschrift."),
    (
        "Profillage",
        "",
        "Einordnung nach der Nähe zum Arbeitsmarkt: Markt-, Aktivierungs-, Förder-, Entwicklungs-, Stabilisierungs- oder Unterstützungsprofil.",
    ),
    (
        "Rechtskreis",
        "",
        "SGB III (Arbeitslosenversicherung, Agentur für Arbeit) oder SGB II (Grundsicherung, Jobcenter).",
    ),
    (
        "Schlüsselgruppen",
        "",
        "Qualifikation, Leistungsfähigkeit, Motivation, Rahmenbedingungen und Arbeitsmarktbedingungen.",
    ),
    (
        "SGB II",
        "Zweites Buch Sozialgesetzbuch",
        "Grundsicherung für Arbeitsuchende (Bürgergeld), zuständig ist das Jobcenter.",
    ),
    (
        "SGB III",
        "Drittes Buch Sozialgesetzbuch",
        "Arbeitsförderung (zum Beispiel Arbeitslosengeld), zuständig ist die Agentur für Arbeit.",
    ),
    ("TBD", "Technischer Beratungsdienst", "Berät zu Arbeitsplätzen, Hilfsmitteln und technischen Anpassungen."),
    (
        "TPB",
        "Tagespendelbereich",
        "Das Gebiet, das jemand täglich zur Arbeit und zurück erreichen kann; das Matching sucht bei einem lokalen Ziel in diesem Umkreis.",
    ),
    (
        "VFK",
        "Vermittlungsfachkraft",
        "Berät und vermittelt Arbeitsuchende; führt die vier Phasen mit der Kundin bzw. dem Kunden.",
    ),
    (
        "ZAV",
        "Zentrale Auslands- und Fachvermittlung",
        "Vermittelt unter anderem ins Ausland und Fach- und Führungskräfte.",
    ),
    (
        "Zieloption",
        "",
        "Das vereinbarte Ziel, zum Beispiel Beschäftigung auf dem 1. Arbeitsmarkt lokal, überregional oder international.",
    ),
];

struct Begriff {
    kurz: &'static str,
    lang: &'static str,
    erklaerung: &'static str,
}

#[derive(Template)]
#[template(path = "begriffe.html")]
struct Begriffsseite {
    rahmen: Rahmen,
    begriffe: Vec<Begriff>,
}

async fn seite(SeitenBenutzer(b): SeitenBenutzer, State(_): State<Zustand>) -> SeitenErgebnis {
    let begriffe = BEGRIFFE.iter().map(|(kurz, lang, erklaerung)| Begriff { kurz, lang, erklaerung }).collect();
    Ok(html(&Begriffsseite { rahmen: Rahmen::neu(&b, ""), begriffe }))
}
