//! F2, Z7, P4 in the Folgegespräch, and K1 (DOMAIN §7.3, §8.3).

use serde_json::{Value, json};
use vierphasen_domain::Schwere;
use vierphasen_domain::regeln::frist::FristStatus;

use super::basis::*;

fn vollstaendig() -> Value {
    json!({
        "datum": "2026-11-10",
        "art": "folgegespraech",
        "folgegespraech": {
            "vorbereitung": { "profil_gesichtet": true, "ev_gesichtet": true },
            "schritt1": { "aufgaben": [{ "aufgabe": "Sechs Bewerbungen im Monat", "erledigt": false, "grund": "Zwei Wochen krank" }] },
            "schritt2": { "profiling_geprueft": true, "ziel_besprochen": true, "strategien_geprueft": true },
            "schritt3": { "bewerbungsaktivitaeten": "Zwei Vorstellungsgespräche vereinbart" },
            "schritt4": {
                "vereinbarungen": [{ "text": "Unterlagen für Bildungsgutschein einreichen", "frist": "2026-11-30" }],
                "naechster_termin": "2026-12-15"
            }
        }
    })
}

fn mit_folgegespraech(g: Value) -> Value {
    let mut akte = basis();
    akte["gespraeche"].as_array_mut().unwrap().push(g);
    akte
}

#[test]
fn f2_complete_folgegespraech_has_no_findings() {
    let e = pruefe(&mit_folgegespraech(vollstaendig()), STICHTAG);
    assert!(befunde(&e, "F2").is_empty(), "{:#?}", e.befunde);
}

#[test]
fn f2_each_step_is_required() {
    for schritt in ["schritt1", "schritt2", "schritt3", "schritt4"] {
        let mut g = vollstaendig();
        g["folgegespraech"].as_object_mut().unwrap().remove(schritt);
        let e = pruefe(&mit_folgegespraech(g), STICHTAG);
        assert!(
            e.befunde.iter().any(|b| b.regel == "F2" && b.schwere == Schwere::Fehler && b.bezug.ends_with(schritt)),
            "{schritt}"
        );
    }
}

#[test]
fn f2_details_reason_sanction_followup_dated_tasks() {
    let mut g = vollstaendig();
    g["folgegespraech"]["schritt1"]["aufgaben"][0]["grund"] = Value::Null;
    g["folgegespraech"]["schritt1"]["sanktionstatbestand"] = json!(true);
    g["folgegespraech"]["schritt4"]["vereinbarungen"][0]["frist"] = Value::Null;
    let e = pruefe(&mit_folgegespraech(g), STICHTAG);
    let f2 = befunde(&e, "F2");
    assert!(f2.iter().any(|b| b.1.contains("Ursache")));
    assert!(f2.iter().any(|b| b.1.contains("Sanktionstatbestand")));
    assert!(f2.iter().any(|b| b.1.contains("terminieren")));
}

#[test]
fn f2_step3_skipped_only_for_a_real_handlungsbedarf() {
    let mut g = vollstaendig();
    g["folgegespraech"]["schritt3"] = json!({ "entfaellt_wegen": ["wohnsituation"] });
    assert!(hat(&pruefe(&mit_folgegespraech(g.clone()), STICHTAG), "F2", Schwere::Fehler));
    g["folgegespraech"]["schritt3"] = json!({ "entfaellt_wegen": ["berufliche_qualifikation"] });
    assert!(befunde(&pruefe(&mit_folgegespraech(g), STICHTAG), "F2").is_empty());
}

#[test]
fn z7_goal_discussed_in_every_folgegespraech() {
    let mut g = vollstaendig();
    g["folgegespraech"]["schritt2"]["ziel_besprochen"] = json!(false);
    assert!(hat(&pruefe(&mit_folgegespraech(g), STICHTAG), "Z7", Schwere::Warnung));
}

#[test]
fn p4_zu_klaeren_needs_a_comment_and_is_plausibilised_next_time() {
    let mut akte = mit_folgegespraech(vollstaendig());
    akte["profiling"][0]["merkmale"] = alle_merkmale(&[
        ("berufliche_qualifikation", "handlungsbedarf"),
        ("gesundheitliche_einschraenkungen", "zu_klaeren"),
    ]);
    let e = pruefe(&akte, STICHTAG);
    assert!(hat(&e, "P4", Schwere::Warnung), "plausibilisieren im Folgegespräch");
    akte["profiling"][0]["merkmale"][5]["kommentar"] = Value::Null;
    assert_eq!(katalog().merkmale[5].id, "gesundheitliche_einschraenkungen");
    assert!(hat(&pruefe(&akte, STICHTAG), "P4", Schwere::Fehler));
}

#[test]
fn k1_next_appointment_from_the_kontaktdichtekonzept() {
    // Förderprofil: 56 days after the Folgegespräch on 10.11. → 05.01.2027; agreed 15.12. is earlier.
    let e = pruefe(&mit_folgegespraech(vollstaendig()), STICHTAG);
    let f = e.fristen.iter().find(|f| f.art == "folgegespraech").expect("K1-Frist");
    assert_eq!((f.datum, f.status), (tag("2026-12-15"), FristStatus::Offen));
    assert!(befunde(&e, "K1").is_empty());
    // Agreed later than the concept allows.
    let mut g = vollstaendig();
    g["folgegespraech"]["schritt4"]["naechster_termin"] = json!("2027-02-01");
    let e = pruefe(&mit_folgegespraech(g), STICHTAG);
    assert!(hat(&e, "K1", Schwere::Warnung));
    assert_eq!(e.fristen.iter().find(|f| f.art == "folgegespraech").map(|f| f.datum), Some(tag("2027-01-05")));
    // Overdue.
    let e = pruefe(&mit_folgegespraech(vollstaendig()), "2027-01-10");
    assert!(befunde(&e, "K1").iter().any(|b| b.1.contains("fällig")));
}

#[test]
fn k1_local_concept_of_the_dienststelle_wins() {
    let mut akte = mit_folgegespraech(vollstaendig());
    akte["dienststelle"] = json!({ "kontaktdichte_tage": { "foerderprofil": 21 } });
    let e = pruefe(&akte, STICHTAG);
    assert_eq!(e.fristen.iter().find(|f| f.art == "folgegespraech").map(|f| f.datum), Some(tag("2026-12-01")));
}
