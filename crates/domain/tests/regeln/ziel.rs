//! Z1–Z7 (DOMAIN §6).

use serde_json::json;
use vierphasen_domain::Schwere;
use vierphasen_domain::katalog::Suchhorizont as H;
use vierphasen_domain::regeln::ziel::suchhorizont_stufen;

use super::basis::*;

#[test]
fn z1_one_goal_at_a_time_and_a_goal_once_the_profillage_is_set() {
    let mut akte = basis();
    akte["ziele"]
        .as_array_mut()
        .unwrap()
        .push(json!({ "zieloption": "beschaeftigung_ueberregional", "vereinbart_am": "2026-03-10" }));
    assert!(hat(&pruefe(&akte, STICHTAG), "Z1", Schwere::Fehler));
    let mut akte = basis();
    akte["ziele"] = json!([]);
    assert!(hat(&pruefe(&akte, STICHTAG), "Z1", Schwere::Warnung));
    // History: the latest goal is the current one.
    let mut akte = basis();
    akte["ziele"].as_array_mut().unwrap().push(json!({ "zieloption": "Beschäftigung 1. Arbeitsmarkt überregional (außerhalb TPB)", "vereinbart_am": "2026-09-01" }));
    assert!(befunde(&pruefe(&akte, STICHTAG), "Z1").is_empty());
}

/// Z1/P8 (seed 2.1.2): Zielvereinbarungen "bei integrationsnahen Profilen in der Regel im
/// Erstgespräch, bei komplexen Profillagen ggf. im Zweitgespräch". While the Zweitgespräch of a
/// complex profile is pending (none held since the Erstgespräch, its date — the agreed next
/// appointment, else the P8 period — not passed), a missing goal is no warning.
#[test]
fn z1_complex_profile_may_agree_its_goal_in_the_zweitgespraech() {
    let erst = json!({ "datum": "2026-03-10", "art": "erstgespraech", "naechster_termin": "2026-04-01" });
    let erst_ohne_termin = json!({ "datum": "2026-03-10", "art": "erstgespraech" });
    let zweit = json!({ "datum": "2026-03-30", "art": "zweitgespraech" });
    // (complex?, conversations, Stichtag, Z1 warning expected)
    let faelle: &[(bool, Vec<serde_json::Value>, &str, bool)] = &[
        (true, vec![erst.clone()], "2026-03-20", false),
        (true, vec![erst.clone()], "2026-04-01", false),
        (true, vec![erst.clone()], "2026-04-02", true), // Zweitgespräch overdue
        (true, vec![erst_ohne_termin.clone()], "2026-04-07", false), // P8: 28 days
        (true, vec![erst_ohne_termin], "2026-04-08", true),
        (true, vec![erst.clone(), zweit], "2026-03-31", true), // held without a goal
        (true, vec![], "2026-03-20", true),                    // no Erstgespräch recorded
        (false, vec![erst], "2026-03-20", true),               // integrationsnah: in the Erstgespräch
    ];
    for (komplex, gespraeche, stichtag, warnung) in faelle {
        let mut akte = if *komplex { komplexer_fall() } else { basis() };
        akte["ziele"] = json!([]);
        akte["gespraeche"] = json!(gespraeche);
        let e = pruefe(&akte, stichtag);
        assert_eq!(
            hat(&e, "Z1", Schwere::Warnung),
            *warnung,
            "{komplex} {stichtag} {gespraeche:?}: {:?}",
            befunde(&e, "Z1")
        );
    }
}

#[test]
fn z2_stabilisierung_only_in_sgb2() {
    let mut akte = basis();
    akte["ziele"][0]["zieloption"] = json!("stabilisierung_beschaeftigung");
    assert!(hat(&pruefe(&akte, STICHTAG), "Z2", Schwere::Fehler));
    akte["kunde"]["rechtskreis"] = json!("SGB_II");
    akte["kunde"]["erwerbstaetigkeit"] = json!("beschaeftigt"); // the option is for employed customers
    assert!(befunde(&pruefe(&akte, STICHTAG), "Z2").is_empty());
}

/// Z2 (seed 2.1.2): "Für die Gruppe der leistungsberechtigten Beschäftigten und Selbständigen gilt
/// die Zieloption „Stabilisierung bestehender Beschäftigung/Selbständigkeit“." An unemployed SGB II
/// customer cannot stabilise an employment she does not have; Profillage I (PL4) shows employment too.
#[test]
fn z2_stabilisierung_only_for_employed_or_self_employed() {
    // (Rechtskreis, kunde.erwerbstaetigkeit, profiling i_grund, Z2 error expected)
    let faelle: &[(&str, Option<&str>, Option<&str>, bool)] = &[
        ("SGB_II", None, None, true),
        ("SGB_II", Some("beschaeftigt"), None, false),
        ("SGB_II", Some("selbstaendig"), None, false),
        ("SGB_II", None, Some("vollzeit_sozialversicherungspflichtig"), false),
        ("SGB_III", Some("beschaeftigt"), None, true), // Rechtskreis
    ];
    for (rk, erwerb, i_grund, fehler) in faelle {
        let mut akte = basis();
        akte["kunde"]["rechtskreis"] = json!(rk);
        if let Some(x) = erwerb {
            akte["kunde"]["erwerbstaetigkeit"] = json!(x);
        }
        if let Some(x) = i_grund {
            akte["profiling"][0]["i_grund"] = json!(x);
            akte["profiling"][0]["profillage"] = json!({ "wert": "I" });
        }
        akte["ziele"][0]["zieloption"] = json!("stabilisierung_beschaeftigung");
        let e = pruefe(&akte, STICHTAG);
        let z2 = befunde(&e, "Z2");
        assert_eq!(hat(&e, "Z2", Schwere::Fehler), *fehler, "{rk} {erwerb:?} {i_grund:?}: {z2:?}");
        assert!(z2.len() <= 1, "one finding at a time: {z2:?}");
    }
}

#[test]
fn z3_beyond_the_first_labour_market_warns_for_integrationsnah() {
    let mut akte = basis();
    akte["ziele"][0]["zieloption"] = json!("Tätigkeit jenseits 1. Arbeitsmarkt");
    assert!(hat(&pruefe(&akte, STICHTAG), "Z3", Schwere::Warnung));
}

#[test]
fn z4_two_year_horizon_for_complex_profiles() {
    let mut akte = komplexer_fall();
    akte["ziele"][0]["horizont_monate"] = json!(30);
    assert!(hat(&pruefe(&akte, STICHTAG), "Z4", Schwere::Warnung));
    akte["ziele"][0]["horizont_monate"] = json!(24);
    assert!(befunde(&pruefe(&akte, STICHTAG), "Z4").is_empty());
}

#[test]
fn z5_minijob_needs_confirmation() {
    let mut akte = basis();
    akte["ziele"][0]["zieloption"] = json!("mini_midi_kurzfristig");
    assert!(hat(&pruefe(&akte, STICHTAG), "Z5", Schwere::Warnung));
    akte["ziele"][0]["beendet_arbeitslosigkeit_oder_verringert_hilfebeduerftigkeit"] = json!(true);
    assert!(befunde(&pruefe(&akte, STICHTAG), "Z5").is_empty());
}

#[test]
fn z6_wider_horizon_keeps_the_narrower_chances() {
    assert_eq!(suchhorizont_stufen(H::Lokal), &[H::Lokal]);
    assert_eq!(suchhorizont_stufen(H::Ueberregional), &[H::Lokal, H::Ueberregional]);
    assert_eq!(suchhorizont_stufen(H::International), &[H::Lokal, H::Ueberregional, H::International]);
    let k = katalog();
    assert_eq!(
        k.finde_zieloption("Beschäftigung 1. Arbeitsmarkt international").map(|z| z.suchhorizont),
        Some(H::International)
    );
}
