//! U2, U4, U6 and P10 (DOMAIN §8.2, §3).

use serde_json::{Value, json};
use vierphasen_domain::Schwere;
use vierphasen_domain::fallakte::ZavAngaben;
use vierphasen_domain::regeln::zav;

use super::basis::*;

fn mit_auftrag(a: Value) -> Value {
    let mut akte = basis();
    akte["auftraege"] = json!([a]);
    akte
}

#[test]
fn u6_consent_for_aed_and_bps_except_verfuegbarkeit() {
    let akte = mit_auftrag(
        json!({ "datum": "2026-11-01", "leistung": "Psychologische Begutachtung", "fragestellung": "eignungsfeststellung" }),
    );
    assert!(hat(&pruefe(&akte, STICHTAG), "U6", Schwere::Fehler));
    let mut mit = akte.clone();
    mit["einwilligungen"] = json!([{ "umfang": "berufspsychologischer_service", "erteilt_am": "2026-10-20" }]);
    assert!(befunde(&pruefe(&mit, STICHTAG), "U6").is_empty());
    mit["einwilligungen"][0]["widerrufen_am"] = json!("2026-10-25");
    assert!(hat(&pruefe(&mit, STICHTAG), "U6", Schwere::Fehler), "revoked before the referral");
    let verfuegbarkeit = mit_auftrag(
        json!({ "datum": "2026-11-01", "leistung": "aed_gutachten_aktenlage", "fragestellung": "verfuegbarkeit_erwerbsfaehigkeit" }),
    );
    assert!(befunde(&pruefe(&verfuegbarkeit, STICHTAG), "U6").is_empty());
}

#[test]
fn u4_aed_needs_a_prior_documented_conversation() {
    let mut akte = mit_auftrag(
        json!({ "datum": "2026-03-01", "leistung": "aed_sozialmedizinische_beratung", "fragestellung": "verfuegbarkeit_erwerbsfaehigkeit" }),
    );
    assert!(hat(&pruefe(&akte, STICHTAG), "U4", Schwere::Fehler));
    akte["auftraege"][0]["datum"] = json!("2026-03-10");
    assert!(befunde(&pruefe(&akte, STICHTAG), "U4").is_empty());
}

#[test]
fn u2_managementvermittlung_names_every_unmet_criterion() {
    let p = &katalog().parameter.zav;
    let a = ZavAngaben {
        fuehrungserfahrung_jahre: 2.0,
        personalverantwortung: true,
        budgetverantwortung: false,
        bundesweit_mobil: false,
        jahresgehalt_euro: Some(40_000),
        ..Default::default()
    };
    let r = zav::managementvermittlung(&a, Some(tag("2026-01-01")), tag("2026-11-01"), p);
    assert!(!r.zugelassen);
    assert_eq!(r.nicht_erfuellt.len(), 5, "{:?}", r.nicht_erfuellt);
    assert_eq!(r.hinweise.len(), 1, "degree desirable is only a hint");
    let gut = ZavAngaben {
        fuehrungserfahrung_jahre: 5.0,
        personalverantwortung: true,
        budgetverantwortung: true,
        bundesweit_mobil: true,
        jahresgehalt_euro: Some(70_000),
        akademischer_abschluss: true,
        ..Default::default()
    };
    let r = zav::managementvermittlung(&gut, Some(tag("2026-07-01")), tag("2026-11-01"), p);
    assert!(r.zugelassen && r.hinweise.is_empty());
    // "weniger als sechs Monate": exactly six months is too long.
    assert!(!zav::managementvermittlung(&gut, Some(tag("2026-05-01")), tag("2026-11-01"), p).zugelassen);
}

#[test]
fn u2_kuenstlervermittlung_by_area() {
    let k = katalog();
    let a = |bereich: &str, hochschule: bool, erfahrung: bool| ZavAngaben {
        kuenstlerbereich: Some(bereich.into()),
        hochschulabschluss_staatlich_anerkannt: hochschule,
        einschlaegige_berufserfahrung: erfahrung,
        ..Default::default()
    };
    assert!(!zav::kuenstlervermittlung(&a("buehne", false, true), k).zugelassen);
    assert!(zav::kuenstlervermittlung(&a("stab_technik", false, true), k).zugelassen);
    assert!(zav::kuenstlervermittlung(&a("Unterhaltung/Werbung", false, true), k).zugelassen);
    assert!(!zav::kuenstlervermittlung(&a("unterhaltung_werbung", true, false), k).zugelassen);
}

#[test]
fn u2_referral_in_the_case() {
    let akte = mit_auftrag(
        json!({ "datum": "2026-11-01", "leistung": "Managementvermittlung", "zav": { "fuehrungserfahrung_jahre": 1 } }),
    );
    let e = pruefe(&akte, STICHTAG);
    assert!(befunde(&e, "U2").iter().any(|b| b.0 == Schwere::Fehler && b.1.contains("Budgetverantwortung")));
}

#[test]
fn p10_conversation_with_the_whole_bg_needs_every_consent() {
    let mut akte = basis();
    akte["kunde"]["rechtskreis"] = json!("SGB_II");
    akte["eingliederungsvereinbarungen"][0]["art"] = json!("kooperationsplan");
    akte["kunde"]["bedarfsgemeinschaft"] = json!({ "nummer": "BG-1", "mitglieder": [
        { "kundennummer": "K-2", "einwilligung_gemeinsames_gespraech": "2026-10-01" },
        { "kundennummer": "K-3" }
    ] });
    akte["gespraeche"][0]["mit_bedarfsgemeinschaft"] = json!(true);
    let e = pruefe(&akte, STICHTAG);
    assert!(befunde(&e, "P10").iter().any(|b| b.0 == Schwere::Fehler && b.1.contains("K-3") && !b.1.contains("K-2")));
}
