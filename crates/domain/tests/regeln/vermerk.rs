//! V1/V2 (DOMAIN §7.2): prefill of the Beratungsvermerk.

use serde_json::json;
use vierphasen_domain::einlesen;
use vierphasen_domain::regeln::vermerk;

use super::basis::*;

#[test]
fn v1_erstgespraech_prefill() {
    let akte = basis();
    let f = einlesen(&serde_json::to_vec(&akte).unwrap(), katalog()).unwrap();
    let v = vermerk::erstgespraech(&f, tag("2026-03-10"));
    let titel: Vec<&str> = v.abschnitte.iter().map(|a| a.titel.as_str()).collect();
    assert_eq!(
        titel,
        [
            "Zielberuf/Zieltätigkeit",
            "Vermittlungsrelevante Handlungsbedarfe",
            "Besondere Stärken",
            "Fazit der Standortbestimmung",
            "Profillage",
            "Vereinbarte Zieloption"
        ]
    );
    // The job title, not the KldB class title with its level ("… – fachlich ausgerichtete …").
    let zielberuf = &v.abschnitte[0].text;
    assert_eq!(*zielberuf, format!("{} (KldB 26212)", katalog().berufe.bezeichnung("26212")));
    assert!(!zielberuf.contains(" – "), "{zielberuf}");
    assert!(v.abschnitte[1].text.contains("Berufliche Qualifikation"));
    assert_eq!(v.abschnitte[2].text, "Schaltpläne lesen");
    assert_eq!(v.abschnitte[4].text, "Förderprofil");
    assert_eq!(v.abschnitte[5].text, "Beschäftigung 1. Arbeitsmarkt lokal (TPB)");
}

#[test]
fn v2_folgegespraech_prefills_changes_of_the_same_or_previous_day_only() {
    let mut akte = basis();
    let mut neu = akte["profiling"][0].clone();
    neu["gespeichert_am"] = json!("2026-11-09");
    neu["merkmale"] =
        alle_merkmale(&[("berufliche_qualifikation", "handlungsbedarf"), ("wohnsituation", "handlungsbedarf")]);
    neu["standortbestimmung"]["prognose_monate"] = json!(11);
    akte["profiling"].as_array_mut().unwrap().push(neu);
    let f = einlesen(&serde_json::to_vec(&akte).unwrap(), katalog()).unwrap();

    let v = vermerk::folgegespraech(&f, tag("2026-11-10"));
    let umfeld = v.abschnitte.iter().find(|a| a.titel == "Änderungen Umfeld").expect("Umfeld");
    assert_eq!(umfeld.text, "Wohnsituation: kein Handlungsbedarf → Handlungsbedarf");
    assert!(v.abschnitte.iter().any(|a| a.titel == "Änderungen Standortbestimmung" && a.text.contains("11 Monate")));
    assert!(!v.abschnitte.iter().any(|a| a.titel == "Änderungen Person"));
    // Two days later the change is no longer prefilled.
    assert!(vermerk::folgegespraech(&f, tag("2026-11-11")).abschnitte.is_empty());
}

/// Issue 15/4: the Folgevermerk records what was said in the four steps, in sentences a reader
/// of the file understands; a Merkmal assessed for the first time without need is no change.
#[test]
fn v2_folgevermerk_records_the_four_steps() {
    let mut akte = basis();
    akte["gespraeche"].as_array_mut().unwrap().push(json!({
        "datum": "2026-11-10",
        "art": "folgegespraech",
        "folgegespraech": {
            "schritt1": { "aufgaben": [
                { "aufgabe": "Sechs Bewerbungen im Monat", "erledigt": false, "grund": "Zwei Wochen krank" },
                { "aufgabe": "Lebenslauf überarbeiten", "erledigt": true }
            ] },
            "schritt2": { "profiling_geprueft": true, "ziel_besprochen": true, "strategien_geprueft": true,
                          "anpassungen": "Qualifizierung vorgezogen" },
            "schritt3": { "bewerbungsaktivitaeten": "Zwei Vorstellungsgespräche vereinbart" },
            "schritt4": {
                "vereinbarungen": [{ "text": "Unterlagen für Bildungsgutschein einreichen", "frist": "2026-11-30" }],
                "naechster_termin": "2026-12-15"
            }
        }
    }));
    let f = einlesen(&serde_json::to_vec(&akte).unwrap(), katalog()).unwrap();
    let v = vermerk::folgegespraech(&f, tag("2026-11-10"));
    let text = |titel: &str| v.abschnitte.iter().find(|a| a.titel == titel).map(|a| a.text.clone()).unwrap_or_default();
    assert_eq!(
        text("Schritt 1: Vereinbarte Aufgaben"),
        "Sechs Bewerbungen im Monat: nicht erledigt – Zwei Wochen krank\nLebenslauf überarbeiten: erledigt"
    );
    assert!(
        text("Schritt 2: Überprüfung von Profiling, Ziel und Strategien")
            .ends_with("Anpassungen: Qualifizierung vorgezogen")
    );
    assert_eq!(text("Schritt 3: Bewerbungsaktivitäten und Rückmeldungen"), "Zwei Vorstellungsgespräche vereinbart");
    assert_eq!(
        text("Schritt 4: Vereinbarungen und nächster Termin"),
        "Unterlagen für Bildungsgutschein einreichen (Kundin bzw. Kunde bis 30.11.2026)\nNächster Termin: 15.12.2026"
    );
    assert_eq!(v.abschnitte[0].quelle, "Folgegespräch vom 10.11.2026");
    assert!(!v.abschnitte.iter().any(|a| a.text.contains("nicht bewertet → kein Handlungsbedarf")));
}
