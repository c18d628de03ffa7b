//! E1–E3 (DOMAIN §7.1).

use serde_json::json;
use vierphasen_domain::Rechtskreis;
use vierphasen_domain::Schwere;
use vierphasen_domain::regeln::ev::gueltigkeit_monate;
use vierphasen_domain::regeln::frist::FristStatus;

use super::basis::*;

#[test]
fn e1_profiling_without_valid_agreement_warns_except_for_z() {
    let mut akte = basis();
    akte["eingliederungsvereinbarungen"] = json!([]);
    assert!(hat(&pruefe(&akte, STICHTAG), "E1", Schwere::Warnung));
    akte["profiling"][0]["z_grund"] = json!({ "grund": "c" });
    akte["profiling"][0]["profillage"] = json!({ "wert": "Z" });
    assert!(befunde(&pruefe(&akte, STICHTAG), "E1").is_empty());
}

#[test]
fn e1_kooperationsplan_only_in_sgb2() {
    let mut akte = basis();
    akte["eingliederungsvereinbarungen"][0]["art"] = json!("kooperationsplan");
    assert!(hat(&pruefe(&akte, STICHTAG), "E1", Schwere::Fehler));
}

#[test]
fn e2_validity_by_rechtskreis_and_age() {
    let p = &katalog().parameter.ev;
    assert_eq!(gueltigkeit_monate(Rechtskreis::SgbIII, 25, p), 6);
    assert_eq!(gueltigkeit_monate(Rechtskreis::SgbIII, 24, p), 3);
    assert_eq!(gueltigkeit_monate(Rechtskreis::SgbII, 19, p), 6);
    let mut akte = basis();
    akte["kunde"]["geburtsdatum"] = json!("2004-01-01"); // 22 at conclusion
    let e = pruefe(&akte, STICHTAG);
    let f = e.fristen.iter().find(|f| f.art == "ev_ueberpruefung").expect("EV-Frist");
    assert_eq!(f.spaetestens, tag("2027-01-01"));
}

#[test]
fn e3_due_and_overdue() {
    let akte = basis(); // concluded 2026-10-01, 6 months → 2027-04-01
    let e = pruefe(&akte, STICHTAG);
    let f = e.fristen.iter().find(|f| f.art == "ev_ueberpruefung").expect("EV-Frist");
    assert_eq!((f.spaetestens, f.status), (tag("2027-04-01"), FristStatus::Offen));
    let e = pruefe(&akte, "2027-03-25");
    assert!(hat(&e, "E3", Schwere::Hinweis));
    let e = pruefe(&akte, "2027-04-02");
    assert!(hat(&e, "E3", Schwere::Warnung));
    assert_eq!(
        e.fristen.iter().find(|f| f.art == "ev_ueberpruefung").map(|f| f.status),
        Some(FristStatus::Ueberfaellig)
    );
}
