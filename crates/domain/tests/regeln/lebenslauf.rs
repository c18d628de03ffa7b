//! C1/C2 (DOMAIN §8.1) and U1 (§8.2).

use serde_json::json;
use vierphasen_domain::regeln::frist::FristStatus;
use vierphasen_domain::regeln::lebenslauf::{Wiedermeldung, reaktivieren, wiedermeldung};
use vierphasen_domain::{Rechtskreis, Schwere, einlesen};

use super::basis::*;

#[test]
fn c1_c2_six_months_decide() {
    let r = Rechtskreis::SgbIII;
    assert_eq!(wiedermeldung(r, tag("2026-01-31"), tag("2026-07-31"), 6), Wiedermeldung::Reaktivierungskunde);
    assert_eq!(wiedermeldung(r, tag("2026-01-31"), tag("2026-08-01"), 6), Wiedermeldung::Neukunde);
    assert_eq!(
        wiedermeldung(Rechtskreis::SgbII, tag("2025-01-31"), tag("2026-08-01"), 6),
        Wiedermeldung::Reaktivierungskunde
    );
}

#[test]
fn c2_reactivation_closes_open_strategies_and_resets_profiling() {
    let mut akte = basis();
    akte["meldungen"] = json!([{ "beginn": "2026-03-01", "ende": "2026-04-30" }]);
    let f = einlesen(&serde_json::to_vec(&akte).unwrap(), katalog()).unwrap();
    let neu = reaktivieren(&f, tag("2026-12-01")).expect("Wiedermeldung");
    assert_eq!(neu.art, Wiedermeldung::Neukunde);
    assert_eq!(neu.automatisch_erledigen, vec![0, 1, 2]);
    assert!(neu.profiling_zuruecksetzen);
    let c1 = reaktivieren(&f, tag("2026-09-01")).expect("Wiedermeldung");
    assert_eq!(c1.art, Wiedermeldung::Reaktivierungskunde);
    assert!(c1.automatisch_erledigen.is_empty() && !c1.profiling_zuruecksetzen);
}

#[test]
fn c2_stored_case_with_stale_strategies_is_an_error() {
    let mut akte = basis();
    akte["meldungen"] = json!([{ "beginn": "2026-03-01", "ende": "2026-04-30" }, { "beginn": "2026-11-15" }]);
    let e = pruefe(&akte, STICHTAG);
    assert_eq!(befunde(&e, "C2").len(), 4, "three open strategies and the Profillage");
    assert!(hat(&e, "C2", Schwere::Fehler));
}

#[test]
fn u1_uebergabe_dates_before_the_rechtskreiswechsel() {
    let mut akte = basis();
    akte["kunde"]["rechtskreiswechsel"] = json!({ "datum": "2027-03-31", "antrag_sgb2_erwartet": true });
    let e = pruefe(&akte, STICHTAG);
    let u1: Vec<_> = e.fristen.iter().filter(|f| f.regel == "U1").collect();
    assert_eq!(u1.len(), 2);
    assert_eq!((u1[0].art, u1[0].datum), ("uebergabe_gruppeninformation", tag("2026-12-31")));
    assert_eq!((u1[1].art, u1[1].datum), ("uebergabe_abschlussgespraech", tag("2027-02-28")));
    assert!(u1[1].bezeichnung.contains("Antragsausgabe"));
    let e = pruefe(&akte, "2027-04-01");
    assert!(hat(&e, "U1", Schwere::Warnung));
    akte["gespraeche"].as_array_mut().unwrap().push(json!({ "datum": "2027-01-05", "art": "gruppeninformation" }));
    let e = pruefe(&akte, "2027-01-10");
    assert_eq!(
        e.fristen.iter().find(|f| f.art == "uebergabe_gruppeninformation").map(|f| f.status),
        Some(FristStatus::Erledigt)
    );
}

#[test]
fn u1_prompt_erstgespraech_sgb2_after_the_change() {
    let mut akte = basis();
    akte["kunde"]["rechtskreis"] = json!("SGB_II");
    akte["kunde"]["rechtskreiswechsel"] = json!({ "datum": "2026-11-01", "erfolgt": true });
    let e = pruefe(&akte, STICHTAG);
    let f = e.fristen.iter().find(|f| f.art == "uebergabe_erstgespraech_sgb2").expect("U1");
    assert_eq!((f.spaetestens, f.status), (tag("2026-11-15"), FristStatus::Ueberfaellig));
}
