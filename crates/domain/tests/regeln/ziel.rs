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

#[test]
fn z2_stabilisierung_only_in_sgb2() {
    let mut akte = basis();
    akte["ziele"][0]["zieloption"] = json!("stabilisierung_beschaeftigung");
    assert!(hat(&pruefe(&akte, STICHTAG), "Z2", Schwere::Fehler));
    akte["kunde"]["rechtskreis"] = json!("SGB_II");
    assert!(befunde(&pruefe(&akte, STICHTAG), "Z2").is_empty());
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
