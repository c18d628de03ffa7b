//! S1–S11, S13 (DOMAIN §5).

use serde_json::json;
use vierphasen_domain::Schwere;
use vierphasen_domain::regeln::frist::FristStatus;

use super::basis::*;

#[test]
fn basis_case_is_valid() {
    let e = pruefe(&basis(), STICHTAG);
    assert!(fehlerfrei(&e), "{:#?}", e.befunde);
}

#[test]
fn s1_need_without_strategy_is_an_error_naming_the_options() {
    let mut akte = basis();
    akte["profiling"][0]["merkmale"] =
        alle_merkmale(&[("berufliche_qualifikation", "handlungsbedarf"), ("oertliche_mobilitaet", "handlungsbedarf")]);
    let e = pruefe(&akte, STICHTAG);
    let s1 = befunde(&e, "S1");
    assert_eq!(s1.len(), 1);
    assert_eq!(s1[0].0, Schwere::Fehler);
    assert!(s1[0].1.contains("Örtliche Mobilität") && s1[0].1.contains("Mobilität erhöhen"));
}

#[test]
fn s1_local_strategy_of_the_dienststelle_covers_its_merkmal() {
    let mut akte = basis();
    akte["profiling"][0]["merkmale"] =
        alle_merkmale(&[("berufliche_qualifikation", "handlungsbedarf"), ("oertliche_mobilitaet", "handlungsbedarf")]);
    akte["dienststelle"] = json!({ "lokale_strategien": [{ "id": "fuehrerschein_plus", "bezeichnung": "Führerschein-Patenschaft", "merkmal": "oertliche_mobilitaet" }] });
    akte["strategien"].as_array_mut().unwrap().push(json!({ "strategie": "fuehrerschein_plus", "gewaehlt_am": "2026-03-10", "beginn": "2026-03-10", "ende": "2026-09-30" }));
    akte["strategien"][3]["ende"] = json!("2026-12-31");
    let e = pruefe(&akte, STICHTAG);
    assert!(befunde(&e, "S1").is_empty(), "{:#?}", e.befunde);
}

#[test]
fn s1a_strategy_for_a_merkmal_without_need_is_a_warning() {
    let mut akte = basis();
    akte["profiling"][0]["profillage"] = json!({ "wert": "entwicklungsprofil", "begruendung": "Test" });
    akte["strategien"].as_array_mut().unwrap().push(json!({ "strategie": "wohnsituation_stabilisieren", "gewaehlt_am": "2026-03-10", "beginn": "2026-03-10", "ende": "2026-12-31" }));
    let e = pruefe(&akte, STICHTAG);
    assert_eq!(befunde(&e, "S1a").first().map(|b| b.0), Some(Schwere::Warnung));
}

#[test]
fn s2_qualification_requires_absolventenmanagement_after_its_end() {
    let mut akte = basis();
    akte["strategien"].as_array_mut().unwrap().remove(1);
    let e = pruefe(&akte, STICHTAG);
    assert!(hat(&e, "S2", Schwere::Fehler));

    let mut akte = basis();
    akte["strategien"][1]["beginn"] = json!("2026-12-01"); // before the end 2027-01-31
    let e = pruefe(&akte, STICHTAG);
    assert!(befunde(&e, "S2").iter().any(|b| b.1.contains("frühestens")));
}

#[test]
fn s3_marktprofil_only_uebergreifende_strategies() {
    let mut akte = basis();
    akte["profiling"][0]["merkmale"] = alle_merkmale(&[]);
    akte["profiling"][0]["standortbestimmung"]["prognose_monate"] = json!(3);
    akte["profiling"][0]["profillage"] = json!({ "wert": "marktprofil" });
    let e = pruefe(&akte, STICHTAG);
    assert!(hat(&e, "S3", Schwere::Fehler));
    akte["strategien"] = json!([{ "strategie": "vermittlung", "gewaehlt_am": "2026-03-10", "beginn": "2026-03-10", "ende": "2026-12-31" }]);
    assert!(befunde(&pruefe(&akte, STICHTAG), "S3").is_empty());
}

#[test]
fn s4_aktivierungsprofil_only_its_groups() {
    let mut akte = basis();
    akte["profiling"][0]["merkmale"] = alle_merkmale(&[("eigeninitiative_arbeitshaltung", "handlungsbedarf")]);
    akte["profiling"][0]["standortbestimmung"]["prognose_monate"] = json!(4);
    akte["profiling"][0]["profillage"] = json!({ "wert": "aktivierungsprofil" });
    akte["strategien"] = json!([
        { "strategie": "perspektiven_veraendern", "gewaehlt_am": "2026-03-10", "beginn": "2026-03-10", "ende": "2026-12-31" },
        { "strategie": "mobilitaet_erhoehen", "gewaehlt_am": "2026-03-10", "beginn": "2026-03-10", "ende": "2026-12-31" }
    ]);
    let e = pruefe(&akte, STICHTAG);
    let s4 = befunde(&e, "S4");
    assert_eq!(s4.len(), 1);
    assert!(s4[0].1.contains("Mobilität erhöhen"));
}

#[test]
fn s5_rechtskreis_and_s6_segment_restrictions() {
    let mut akte = basis();
    akte["strategien"].as_array_mut().unwrap().push(json!({ "strategie": "Mitwirkung überprüfen", "gewaehlt_am": "2026-03-10", "beginn": "2026-03-10", "ende": "2026-12-31" }));
    assert!(hat(&pruefe(&akte, STICHTAG), "S5", Schwere::Fehler));
    akte["kunde"]["rechtskreis"] = json!("SGB_II");
    akte["eingliederungsvereinbarungen"][0]["art"] = json!("kooperationsplan");
    assert!(befunde(&pruefe(&akte, STICHTAG), "S5").is_empty());

    let mut akte = basis();
    akte["profiling"][0]["merkmale"] = alle_merkmale(&[
        ("berufliche_qualifikation", "handlungsbedarf"),
        ("schulische_qualifikation", "handlungsbedarf"),
    ]);
    akte["strategien"].as_array_mut().unwrap().push(json!({ "strategie": "berufsausbildung_vorbereiten", "gewaehlt_am": "2026-03-10", "beginn": "2026-03-10", "ende": "2026-12-31" }));
    assert!(hat(&pruefe(&akte, STICHTAG), "S6", Schwere::Fehler));
    akte["kunde"]["segment"] = json!("Reha");
    assert!(befunde(&pruefe(&akte, STICHTAG), "S6").is_empty());
}

#[test]
fn s7_two_year_horizon_for_complex_profiles() {
    let mut akte = komplexer_fall();
    akte["strategien"][3]["ende"] = json!("2028-06-30");
    let e = pruefe(&akte, STICHTAG);
    let s7 = befunde(&e, "S7");
    assert_eq!(s7.len(), 1, "{s7:?}");
    assert_eq!(s7[0].0, Schwere::Warnung);
}

#[test]
fn s8_open_beyond_window_and_profiling_review_after_end() {
    let mut akte = basis();
    akte["strategien"][2]["ende"] = json!("2026-10-31");
    assert!(hat(&pruefe(&akte, STICHTAG), "S8", Schwere::Warnung));
    let mut akte = basis();
    akte["strategien"][2]["ergebnis"] = json!("erfolgreich_umgesetzt");
    akte["strategien"][2]["erledigt_am"] = json!("2026-10-15");
    let e = pruefe(&akte, STICHTAG);
    assert!(befunde(&e, "S8").iter().any(|b| b.0 == Schwere::Hinweis && b.1.contains("Profiling prüfen")));
}

#[test]
fn s9_new_strategy_after_abort_only_after_new_standortbestimmung() {
    let mut akte = basis();
    akte["strategien"][0]["ergebnis"] = json!("nicht_erfolgreich_umgesetzt");
    akte["strategien"][0]["erledigt_am"] = json!("2026-07-01");
    akte["strategien"].as_array_mut().unwrap().push(json!({ "strategie": "berufsabschluss_erwerben", "gewaehlt_am": "2026-07-15", "beginn": "2026-08-01", "ende": "2027-01-31" }));
    let e = pruefe(&akte, STICHTAG);
    assert!(hat(&e, "S9", Schwere::Fehler));
    // A new Standortbestimmung between the end and the new choice makes it valid.
    let mut neu = akte["profiling"][0].clone();
    neu["gespeichert_am"] = json!("2026-07-10");
    neu["standortbestimmung"]["datum"] = json!("2026-07-10");
    akte["profiling"].as_array_mut().unwrap().push(neu);
    assert!(befunde(&pruefe(&akte, STICHTAG), "S9").is_empty());
}

#[test]
fn s10_order_is_a_hint_never_an_error() {
    let mut akte = basis();
    akte["profiling"][0]["merkmale"] =
        alle_merkmale(&[("berufliche_qualifikation", "handlungsbedarf"), ("wohnsituation", "handlungsbedarf")]);
    akte["strategien"].as_array_mut().unwrap().push(json!({ "strategie": "wohnsituation_stabilisieren", "gewaehlt_am": "2026-03-10", "beginn": "2026-06-01", "ende": "2026-12-31" }));
    let e = pruefe(&akte, STICHTAG);
    let s10 = befunde(&e, "S10");
    assert_eq!(s10.len(), 1);
    assert_eq!(s10[0].0, Schwere::Hinweis);
    assert!(s10[0].1.contains("Qualifikation → Rahmenbedingungen"));
    // R first: no hint.
    akte["strategien"][3]["beginn"] = json!("2026-03-10");
    assert!(befunde(&pruefe(&akte, STICHTAG), "S10").is_empty());
}

#[test]
fn s13_conversations_around_the_end_of_a_qualifying_measure() {
    let mut akte = basis();
    akte["strategien"][0]["ende"] = json!("2026-10-31");
    akte["strategien"][1]["beginn"] = json!("2026-10-31");
    akte["gespraeche"] = json!([]);
    let e = pruefe(&akte, STICHTAG);
    let fristen: Vec<_> = e.fristen.iter().filter(|f| f.regel == "S13").collect();
    assert_eq!(fristen.len(), 2);
    assert_eq!(fristen[0].datum, tag("2026-07-31"));
    assert_eq!(fristen[0].status, FristStatus::Ueberfaellig);
    assert_eq!(fristen[1].status, FristStatus::Ueberfaellig, "after-end conversation due until 14.11.");
    assert!(hat(&e, "S13", Schwere::Warnung));
    // Documented conversations before and right after the end.
    akte["gespraeche"].as_array_mut().unwrap().push(json!({ "datum": "2026-08-05", "art": "einzelberatung" }));
    akte["vermerke"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "datum": "2026-11-03", "art": "sonstiges", "text": "Absolventengespräch" }));
    let e = pruefe(&akte, STICHTAG);
    assert!(e.fristen.iter().filter(|f| f.regel == "S13").all(|f| f.status == FristStatus::Erledigt));
}

// S9: "Nach Ablauf oder Abbruch einer Handlungsstrategie kann eine neue Handlungsstrategie nur
// nach einer erneuten Standortbestimmung und ggf. Änderung der Profillage ausgewählt werden."
// Any new strategy (of any Merkmal, or übergreifend) after any strategy ended. Ablauf: its run
// ended (erfolgreich or nicht erfolgreich umgesetzt, or its window passed while open);
// Abbruch: storniert, or closed automatically (C2).
#[test]
fn s9_any_new_strategy_after_any_ended_one_needs_a_new_standortbestimmung() {
    // (case, index of the strategy that ends, its ending, new strategy, new Standortbestimmung, S9 expected)
    let faelle = [
        (
            "Qualifizierung storniert, neue Strategie anderer Merkmal",
            0,
            Some("storniert"),
            "mobilitaet_erhoehen",
            false,
            true,
        ),
        (
            "Qualifizierung nicht erfolgreich, neue übergreifende Strategie",
            0,
            Some("nicht_erfolgreich_umgesetzt"),
            "uebergang_selbstaendigkeit",
            false,
            true,
        ),
        (
            "Vermittlung erfolgreich umgesetzt, neue Strategie",
            2,
            Some("erfolgreich_umgesetzt"),
            "mobilitaet_erhoehen",
            false,
            true,
        ),
        (
            "Vermittlung automatisch erledigt (C2), neue Strategie",
            2,
            Some("automatisch_erledigt"),
            "mobilitaet_erhoehen",
            false,
            true,
        ),
        ("Zeitfenster der Vermittlung abgelaufen, neue Strategie", 2, None, "mobilitaet_erhoehen", false, true),
        (
            "Vermittlung storniert, erneute Standortbestimmung davor",
            2,
            Some("storniert"),
            "mobilitaet_erhoehen",
            true,
            false,
        ),
    ];
    for (fall, j, ergebnis, strategie, standort, erwartet) in faelle {
        let mut akte = basis();
        akte["profiling"][0]["merkmale"] = alle_merkmale(&[
            ("berufliche_qualifikation", "handlungsbedarf"),
            ("oertliche_mobilitaet", "handlungsbedarf"),
        ]);
        match ergebnis {
            Some(erg) => {
                akte["strategien"][j]["ergebnis"] = json!(erg);
                akte["strategien"][j]["erledigt_am"] = json!("2026-07-01");
            }
            None => akte["strategien"][j]["ende"] = json!("2026-07-01"),
        }
        akte["strategien"].as_array_mut().unwrap().push(
            json!({ "strategie": strategie, "gewaehlt_am": "2026-07-15", "beginn": "2026-07-15", "ende": "2027-01-29" }),
        );
        if standort {
            let mut neu = akte["profiling"][0].clone();
            neu["gespeichert_am"] = json!("2026-07-10");
            neu["standortbestimmung"]["datum"] = json!("2026-07-10");
            akte["profiling"].as_array_mut().unwrap().push(neu);
        }
        let e = pruefe(&akte, STICHTAG);
        let s9: Vec<_> = e.befunde.iter().filter(|b| b.regel == "S9").collect();
        assert_eq!(!s9.is_empty(), erwartet, "{fall}: {s9:#?}");
        assert!(s9.iter().all(|b| b.schwere == Schwere::Fehler && b.bezug == "strategien[3]"), "{fall}: {s9:#?}");
    }
}

// S7: "Die für die Kundin bzw. den Kunden individuell ausgewählten Handlungsstrategien sind
// jeweils mit einem Zeitfenster der Umsetzung zu versehen." A missing window is a finding; the
// Fallakte stays readable and every other rule still runs.
#[test]
fn s7_strategy_without_window_is_a_finding_not_bad_input() {
    for fehlt in [&["beginn"][..], &["ende"], &["beginn", "ende"]] {
        let mut akte = basis();
        for feld in fehlt {
            akte["strategien"][2].as_object_mut().unwrap().remove(*feld);
        }
        // Another rule's finding must still be reported.
        akte["eingliederungsvereinbarungen"][0]["art"] = json!("kooperationsplan");
        let e = pruefe(&akte, STICHTAG);
        let s7: Vec<_> = e.befunde.iter().filter(|b| b.regel == "S7").collect();
        assert_eq!(s7.len(), 1, "{fehlt:?}: {s7:#?}");
        assert_eq!((s7[0].schwere, s7[0].bezug.as_str()), (Schwere::Fehler, "strategien[2]"), "{fehlt:?}");
        assert!(s7[0].meldung.contains("Zeitfenster"), "{fehlt:?}");
        assert!(hat(&e, "E1", Schwere::Fehler), "{fehlt:?}: the rest is checked");
    }
}
