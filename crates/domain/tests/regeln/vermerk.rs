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
    assert!(v.abschnitte[0].text.contains("26212"));
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
