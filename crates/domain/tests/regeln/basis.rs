//! A small valid case to vary per test, and helpers to read the findings.

use chrono::NaiveDate;
use serde_json::{Value, json};
use vierphasen_domain::{Katalog, Pruefergebnis, Schwere, einlesen, pruefen};

pub fn katalog() -> &'static Katalog {
    Katalog::standard().expect("Katalog lädt")
}

pub fn tag(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").expect("Datum")
}

/// SGB III, 40 years, Förderprofil with a need in Berufliche Qualifikation, a complete plan.
pub fn basis() -> Value {
    json!({
        "format": 1,
        "kunde": { "kundennummer": "K-TEST", "geburtsdatum": "1986-05-04", "rechtskreis": "SGB_III" },
        "meldungen": [{ "beginn": "2026-03-01" }],
        "profiling": [{
            "gespeichert_am": "2026-03-10",
            "zielberuf": "26212",
            "staerken": [{ "bezeichnung": "Schaltpläne lesen", "niveau": "erweitert", "besondere": true }],
            "merkmale": alle_merkmale(&[("berufliche_qualifikation", "handlungsbedarf")]),
            "standortbestimmung": { "datum": "2026-03-10", "prognose_monate": 9, "fazit": "Mit Abschluss gute Chancen." },
            "profillage": { "wert": "foerderprofil" }
        }],
        "ziele": [{ "zieloption": "beschaeftigung_lokal", "vereinbart_am": "2026-03-10" }],
        "strategien": [
            { "strategie": "berufliche_teilqualifikation_realisieren", "gewaehlt_am": "2026-03-10", "beginn": "2026-04-01", "ende": "2027-01-31" },
            { "strategie": "absolventenmanagement", "gewaehlt_am": "2026-03-10", "beginn": "2027-01-31", "ende": "2027-04-30" },
            { "strategie": "vermittlung", "gewaehlt_am": "2026-03-10", "beginn": "2026-03-10", "ende": "2027-04-30" }
        ],
        "eingliederungsvereinbarungen": [{
            "erstellt_am": "2026-10-01", "abgeschlossen_am": "2026-10-01", "unterschrift_kunde_am": "2026-10-01", "unterschrift_fachkraft_am": "2026-10-01", "ausgehaendigt_am": "2026-10-01",
            "aufgaben": [{ "text": "Sechs Bewerbungen im Monat", "frist": "2026-11-30" }]
        }],
        "gespraeche": [{ "datum": "2026-11-01", "art": "einzelberatung", "naechster_termin": "2026-12-01" }],
        "vermerke": [{ "datum": "2026-03-10", "art": "erstgespraech", "text": "Erstgespräch" }]
    })
}

/// Entwicklungsprofil: needs in Qualifikation and Rahmenbedingungen, prognosis 18 months, a
/// strategy for each need (`strategien[3]` is "Wohnsituation stabilisieren").
pub fn komplexer_fall() -> Value {
    let mut akte = basis();
    akte["profiling"][0]["merkmale"] =
        alle_merkmale(&[("berufliche_qualifikation", "handlungsbedarf"), ("wohnsituation", "handlungsbedarf")]);
    akte["profiling"][0]["standortbestimmung"]["prognose_monate"] = json!(18);
    akte["profiling"][0]["profillage"] = json!({ "wert": "entwicklungsprofil" });
    if let Some(liste) = akte["strategien"].as_array_mut() {
        liste.push(json!({ "strategie": "wohnsituation_stabilisieren", "gewaehlt_am": "2026-03-10", "beginn": "2026-03-10", "ende": "2026-12-31" }));
    }
    akte
}

/// Every Merkmal of the catalogue assessed; the given ones with the given status.
pub fn alle_merkmale(besonders: &[(&str, &str)]) -> Value {
    let liste: Vec<Value> = katalog()
        .merkmale
        .iter()
        .map(|m| {
            let status = besonders.iter().find(|(id, _)| *id == m.id).map_or("kein_handlungsbedarf", |(_, s)| s);
            let mut v = json!({ "merkmal": m.id, "status": status });
            if status == "zu_klaeren" {
                v["kommentar"] = json!("Gutachten angefordert");
            }
            v
        })
        .collect();
    Value::Array(liste)
}

pub fn pruefe(akte: &Value, stichtag: &str) -> Pruefergebnis {
    let json = serde_json::to_vec(akte).expect("json");
    let f = einlesen(&json, katalog()).unwrap_or_else(|e| panic!("Fallakte ungültig: {e}"));
    pruefen(&f, tag(stichtag))
}

/// The findings of one rule as (severity, message).
pub fn befunde<'a>(e: &'a Pruefergebnis, regel: &str) -> Vec<(Schwere, &'a str)> {
    e.befunde.iter().filter(|b| b.regel == regel).map(|b| (b.schwere, b.meldung.as_str())).collect()
}

pub fn hat(e: &Pruefergebnis, regel: &str, schwere: Schwere) -> bool {
    e.befunde.iter().any(|b| b.regel == regel && b.schwere == schwere)
}

pub fn fehlerfrei(e: &Pruefergebnis) -> bool {
    !e.befunde.iter().any(|b| b.schwere == Schwere::Fehler)
}

pub const STICHTAG: &str = "2026-11-24";
