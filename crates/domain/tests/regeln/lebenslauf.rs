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

/// C2/PL2a (seed 2.1.1): "Bei erstmaliger Aufnahme einer Kundin bzw. eines Kunden bzw. bei
/// Reaktivierung eines Kundendatensatzes nach mehr als 6 Monaten verfügt die Profillage über die
/// Grundeinstellung „N: Noch nicht festgelegt“." — in both Rechtskreise. Closing the strategies is
/// stated for SGB III only ("sogenannter Neukunde im SGB III").
#[test]
fn c2_sgb2_reactivation_after_six_months_resets_the_profillage() {
    let mut akte = basis();
    akte["kunde"]["rechtskreis"] = json!("SGB_II");
    akte["eingliederungsvereinbarungen"][0]["art"] = json!("kooperationsplan");
    akte["meldungen"] = json!([{ "beginn": "2026-03-01", "ende": "2026-04-30" }]);
    let f = einlesen(&serde_json::to_vec(&akte).unwrap(), katalog()).unwrap();
    // (new registration, Profillage reset expected)
    for (datum, zuruecksetzen) in [("2026-10-30", false), ("2026-12-01", true)] {
        let r = reaktivieren(&f, tag(datum)).expect("Wiedermeldung");
        assert!(r.automatisch_erledigen.is_empty(), "{datum}: SGB II closes no strategy");
        assert!(!r.profiling_zuruecksetzen, "{datum}: SGB II keeps the profiling");
        assert_eq!(r.profillage_zuruecksetzen, zuruecksetzen, "{datum}");
        let letzte = &f.akte.profiling[0];
        let neu = r.zurueckgesetzte_version(letzte, tag(datum));
        assert_eq!(neu.is_some(), zuruecksetzen, "{datum}");
        if let Some(neu) = neu {
            assert_eq!(neu.gespeichert_am, tag(datum));
            assert!(neu.profillage.is_none() && neu.standortbestimmung.is_none());
            assert_eq!(
                (&neu.merkmale, &neu.zielberuf, &neu.staerken),
                (&letzte.merkmale, &letzte.zielberuf, &letzte.staerken)
            );
        }
    }
    // A stored SGB II case re-registered after more than 6 months still showing the old
    // Profillage: a C2 error for the Profillage, none for the strategies.
    akte["meldungen"] = json!([{ "beginn": "2026-03-01", "ende": "2026-04-30" }, { "beginn": "2026-11-15" }]);
    let e = pruefe(&akte, STICHTAG);
    let c2: Vec<_> = e.befunde.iter().filter(|b| b.regel == "C2").map(|b| b.bezug.as_str()).collect();
    assert_eq!(c2, vec!["profiling"], "{:#?}", e.befunde);
}

/// C2 (seed 2.1.3): "Meldet sich eine Kundin bzw. ein Kunde nach Ablauf von 6 Monaten erneut
/// (sogenannter Neukunde im SGB III), werden noch offene Handlungsstrategien automatisch als
/// erledigt gekennzeichnet und das Profiling und die Profillage werden auf die
/// Standardeinstellung zurückgesetzt." — the whole profiling, not only the Profillage.
#[test]
fn c2_sgb3_neukunde_resets_the_whole_profiling() {
    let mut akte = basis();
    akte["meldungen"] = json!([{ "beginn": "2026-03-01", "ende": "2026-04-30" }]);
    let f = einlesen(&serde_json::to_vec(&akte).unwrap(), katalog()).unwrap();
    let neu_am = tag("2026-11-15");
    let r = reaktivieren(&f, neu_am).expect("Wiedermeldung");
    assert!(r.profiling_zuruecksetzen && r.profillage_zuruecksetzen);
    let v = r.zurueckgesetzte_version(&f.akte.profiling[0], neu_am).expect("zurückgesetzt");
    assert!(v.merkmale.is_empty() && v.staerken.is_empty() && v.zielberuf.is_none(), "{v:?}");
    assert!(v.standortbestimmung.is_none() && v.profillage.is_none() && v.schwerpunkt.is_none());
    // Applied as the app does: the case is no longer matchingfähig and back at N, without C2 findings.
    let mut akte = f.akte.clone();
    akte.meldungen.push(vierphasen_domain::fallakte::Meldung { beginn: neu_am, ende: None, abmeldegrund: None });
    for i in r.automatisch_erledigen {
        akte.strategien[i].ergebnis = Some(vierphasen_domain::fallakte::StrategieErgebnis::AutomatischErledigt);
        akte.strategien[i].erledigt_am = Some(neu_am);
    }
    akte.profiling.push(v);
    let e = pruefe(&serde_json::to_value(&akte).unwrap(), STICHTAG);
    assert!(!e.matchingfaehig);
    assert_eq!(e.profillage.ergebnis.vorschlag, Some(vierphasen_domain::Profillage::N));
    assert!(befunde(&e, "C2").is_empty(), "{:#?}", e.befunde);
    assert!(
        befunde(&e, "P1").is_empty(),
        "a reset profiling is not yet a profiling without Zielberuf: {:#?}",
        e.befunde
    );
}

/// G1 scope (seed 2.1): the model covers the Allgemeine Vermittlung; "Alle übrigen
/// Konstellationen werden durch das „Leitkonzept für die Bereiche Ausbildungsvermittlung und
/// berufliche Rehabilitation“ abgedeckt." A case of those segments gets a hint, never more.
#[test]
fn g1_ausbildungsvermittlung_and_reha_follow_another_concept() {
    // (segment, hint expected)
    for (segment, hinweis) in [(None, false), (Some("AV"), false), (Some("AusbV"), true), (Some("Reha"), true)] {
        let mut akte = basis();
        if let Some(s) = segment {
            akte["kunde"]["segment"] = json!(s);
        }
        let e = pruefe(&akte, STICHTAG);
        let g1 = befunde(&e, "G1");
        assert_eq!(!g1.is_empty(), hinweis, "{segment:?}");
        assert!(g1.iter().all(|b| b.0 == Schwere::Hinweis && b.1.contains("Leitkonzept")), "{g1:?}");
    }
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
