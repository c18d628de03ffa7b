#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The Bewerberprofil from a Fallakte (P9, Z6, F2 step 3) and the BAC (P6).

use crate::gemeinsam::*;
use serde_json::{Value, json};
use vierphasen_domain::{Katalog, einlesen};
use vierphasen_matching::{
    Arbeitszeit, Profilindex, Region, Stellenindex, Umkreis, Zusatzangaben, bac, bewerberprofil_aus,
};

fn beispiel() -> Value {
    serde_json::from_str(include_str!("../../../examples/foerderprofil_sgb3.json")).unwrap()
}

fn angaben() -> Zusatzangaben {
    Zusatzangaben {
        id: 42,
        ort: kassel(),
        arbeitszeit: Arbeitszeit::VZ,
        verfuegbar_ab: chrono::NaiveDate::from_ymd_opt(2026, 12, 1).unwrap(),
        gemeldet_seit: chrono::NaiveDate::from_ymd_opt(2026, 8, 1).unwrap(),
        umkreis_km: None,
    }
}

fn profil_aus(akte: &Value) -> Option<vierphasen_matching::Bewerberprofil> {
    let k = Katalog::standard().unwrap();
    let f = einlesen(&serde_json::to_vec(akte).unwrap(), k).unwrap();
    bewerberprofil_aus(&f, &angaben(), &daten().faehigkeiten)
}

fn merkmal_setzen(akte: &mut Value, merkmal: &str, status: &str) {
    let profiling = akte["profiling"].as_array_mut().unwrap().last_mut().unwrap();
    for m in profiling["merkmale"].as_array_mut().unwrap() {
        if m["merkmal"] == merkmal {
            m["status"] = json!(status);
            if status == "zu_klaeren" {
                m["kommentar"] = json!("wird geklärt");
            }
        }
    }
}

#[test]
fn profil_aus_der_fallakte() {
    let p = profil_aus(&beispiel()).expect("matchingfähig");
    assert_eq!(p.zielberuf, code("26212"));
    assert_eq!(p.alternativberufe, vec![code("26252"), code("26262")]);
    // Z6 lokal: Tagespendelbereich from the catalogue (50 km).
    assert_eq!(p.umkreis, Umkreis::Km(50));
    assert!(!p.bewerbung_entgegen);
    assert_eq!(p.id, 42);
}

#[test]
fn mobilitaet_und_horizont_bestimmen_den_umkreis() {
    let mut akte = beispiel();
    merkmal_setzen(&mut akte, "oertliche_mobilitaet", "handlungsbedarf");
    assert_eq!(profil_aus(&akte).unwrap().umkreis, Umkreis::Km(25));
    let mut akte = beispiel();
    akte["ziele"][0]["zieloption"] = json!("beschaeftigung_ueberregional");
    assert_eq!(profil_aus(&akte).unwrap().umkreis, Umkreis::Inland);
    akte["ziele"][0]["zieloption"] = json!("beschaeftigung_international");
    assert_eq!(profil_aus(&akte).unwrap().umkreis, Umkreis::InlandUndAusland);
    akte["ziele"][0]["zieloption"] = json!("selbststaendigkeit");
    assert!(profil_aus(&akte).is_none(), "keine Stellensuche bei Selbstständigkeit");
}

#[test]
fn nicht_matchingfaehig_ohne_vollstaendige_analyse() {
    let mut akte = beispiel();
    let profiling = akte["profiling"].as_array_mut().unwrap().last_mut().unwrap();
    profiling["merkmale"].as_array_mut().unwrap().pop();
    assert!(profil_aus(&akte).is_none(), "P9: jedes Merkmal bewertet");
}

#[test]
fn handlungsbedarf_gegen_bewerbungen_wird_markiert_nicht_versteckt() {
    let mut akte = beispiel();
    merkmal_setzen(&mut akte, "gesundheitliche_einschraenkungen", "handlungsbedarf");
    let gespraeche = akte["gespraeche"].as_array_mut().unwrap();
    let fg = gespraeche.iter_mut().rev().find(|g| g.get("folgegespraech").is_some()).unwrap();
    fg["folgegespraech"]["schritt3"] = json!({"entfaellt_wegen": ["gesundheitliche_einschraenkungen"]});
    let p = profil_aus(&akte).expect("S12: trotzdem im Matching");
    assert!(p.bewerbung_entgegen);
    let index = Profilindex::aufbauen(daten(), std::slice::from_ref(&p)).unwrap();
    let t = index.suchen(&stelle(1, "26212", kassel()), stichtag(), 5);
    assert_eq!(t.len(), 1);
    assert!(t[0].erklaerung.bewerbung_entgegen);
}

#[test]
fn bac_verhaeltnis_verlauf_und_bessere_nachbarberufe() {
    let d = daten();
    let st = stichtag();
    // 26212: 2 open postings, 4 seekers; 26213 (same Berufsgruppe): 3 postings, 1 seeker.
    let mut stellen = vec![stelle(1, "26212", kassel()), stelle(2, "26212", versetzt(kassel(), 20.0, 0.0))];
    let mut alt = stelle(3, "26212", kassel());
    alt.veroeffentlicht = st.minus(100);
    alt.ablauf = st.minus(40); // open two months ago, expired now
    stellen.push(alt);
    stellen.push(stelle(4, "26212", versetzt(kassel(), 300.0, 0.0))); // outside the region
    for i in 0..3 {
        stellen.push(stelle(10 + i, "26213", kassel()));
    }
    let profile: Vec<_> = (1..=4)
        .map(|i| profil(i, "26212", versetzt(kassel(), i as f64, 90.0), Umkreis::Km(50)))
        .chain([profil(9, "26213", kassel(), Umkreis::Km(50))])
        .collect();
    let si = Stellenindex::aufbauen(d.clone(), &stellen).unwrap();
    let pi = Profilindex::aufbauen(d.clone(), &profile).unwrap();
    let region = Region::Umkreis { ort: kassel(), km: 50 };
    let b = bac(&si, &pi, code("26212"), region, st, 3).unwrap();
    assert_eq!((b.aktuell.offene_stellen, b.aktuell.bewerber), (2, 4));
    assert_eq!(b.aktuell.stellen_je_bewerber, Some(0.5));
    assert_eq!(b.verlauf.len(), 4);
    assert_eq!(b.verlauf.last().unwrap(), &b.aktuell);
    // Two months ago posting 3 was open; 1 and 2 were published 10 days ago.
    assert_eq!(b.verlauf[1].offene_stellen, 1);
    assert_eq!(b.bessere_alternativen.len(), 1);
    assert_eq!(b.bessere_alternativen[0].beruf, code("26213"));
    assert_eq!(b.bessere_alternativen[0].lage.stellen_je_bewerber, Some(3.0));
    let bund = bac(&si, &pi, code("26212"), Region::Bundesweit, st, 0).unwrap();
    assert_eq!(bund.aktuell.offene_stellen, 3);
}
