#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The Bewerberprofil from a Fallakte (P9, Z6, F2 step 3) and the BAC (P6).

use crate::gemeinsam::*;
use serde_json::{Value, json};
use vierphasen_domain::{Fallakte, Katalog, einlesen};
use vierphasen_matching::{
    Arbeitszeit, Meldebestand, Meldezeit, Profilindex, Region, Stellenindex, Tag, Umkreis, Zusatzangaben, bac,
    bewerberprofil_aus, meldezeiten,
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

/// A registration stretch with Zielberuf `beruf` from `von` until before `bis`.
fn zeit(beruf: &str, von: &str, bis: Option<&str>) -> Meldezeit {
    let tag = |d: &str| Tag::aus_datum(d.parse::<chrono::NaiveDate>().unwrap());
    Meldezeit { beruf: code(beruf), von: tag(von), bis: bis.map(tag) }
}

#[test]
fn meldezeiten_je_meldung_und_zielberuf() {
    // Two registrations; the Zielberuf changes in the second. Before the first profiling the
    // customer counts for no occupation.
    let akte: Fallakte = serde_json::from_value(json!({
        "format": 1,
        "kunde": { "geburtsdatum": "1980-01-01", "rechtskreis": "SGB_III" },
        "meldungen": [{ "beginn": "2026-01-01", "ende": "2026-03-01" }, { "beginn": "2026-05-01" }],
        "profiling": [
            { "gespeichert_am": "2026-01-10", "zielberuf": "26212" },
            { "gespeichert_am": "2026-06-01", "zielberuf": "26213" }
        ]
    }))
    .unwrap();
    assert_eq!(
        meldezeiten(&akte),
        [
            zeit("26212", "2026-01-10", Some("2026-03-01")),
            zeit("26212", "2026-05-01", Some("2026-06-01")),
            zeit("26213", "2026-06-01", None),
        ]
    );
}

#[test]
fn bac_verhaeltnis_verlauf_und_bessere_nachbarberufe() {
    let d = daten();
    let st = stichtag(); // 24.11.2026
    // 26212: 2 open postings; 26213 (same Berufsgruppe): 3 postings.
    let mut stellen = vec![stelle(1, "26212", kassel()), stelle(2, "26212", versetzt(kassel(), 20.0, 0.0))];
    let mut alt = stelle(3, "26212", kassel());
    alt.veroeffentlicht = st.minus(100);
    alt.ablauf = st.minus(40); // open from 16.08. to 15.10., expired now
    stellen.push(alt);
    stellen.push(stelle(4, "26212", versetzt(kassel(), 300.0, 0.0))); // outside the region
    for i in 0..3 {
        stellen.push(stelle(10 + i, "26213", kassel()));
    }
    // Job seekers by registration: three since August, one since October, one who left in
    // September, one outside the region; one in 26213.
    let m = Meldebestand::neu(d.clone());
    let nah = |i: u64| Some(versetzt(kassel(), i as f64, 90.0));
    for i in 1..=3 {
        m.setzen(i, nah(i), &[zeit("26212", "2026-08-16", None)]);
    }
    m.setzen(4, nah(4), &[zeit("26212", "2026-10-05", None)]);
    m.setzen(5, nah(5), &[zeit("26212", "2026-06-15", Some("2026-09-10"))]);
    m.setzen(7, Some(versetzt(kassel(), 300.0, 0.0)), &[zeit("26212", "2026-01-01", None)]);
    m.setzen(9, Some(kassel()), &[zeit("26213", "2026-01-01", None)]);
    let si = Stellenindex::aufbauen(d.clone(), &stellen).unwrap();
    let region = Region::Umkreis { ort: kassel(), km: 50 };
    let b = bac(&si, &m, code("26212"), region, st, 3).unwrap();
    assert_eq!((b.aktuell.offene_stellen, b.aktuell.bewerber), (2, 4));
    assert_eq!(b.aktuell.stellen_je_bewerber, Some(0.5));
    assert_eq!(b.verlauf.last().unwrap(), &b.aktuell);
    // P6 trend: the end of each past month, counting who was registered then.
    let tage: Vec<String> = b.verlauf.iter().map(|l| l.stichtag.datum().to_string()).collect();
    assert_eq!(tage, ["2026-08-31", "2026-09-30", "2026-10-31", "2026-11-24"]);
    let lage: Vec<(u32, u32)> = b.verlauf.iter().map(|l| (l.offene_stellen, l.bewerber)).collect();
    assert_eq!(lage, [(1, 4), (1, 3), (0, 4), (2, 4)]);
    assert_eq!(b.bessere_alternativen.len(), 1);
    assert_eq!(b.bessere_alternativen[0].beruf, code("26213"));
    assert_eq!(b.bessere_alternativen[0].lage.stellen_je_bewerber, Some(3.0));
    let bund = bac(&si, &m, code("26212"), Region::Bundesweit, st, 0).unwrap();
    assert_eq!((bund.aktuell.offene_stellen, bund.aktuell.bewerber), (3, 5));
    // A job seeker leaves: today's count drops, the past months keep her.
    m.setzen(1, nah(1), &[zeit("26212", "2026-08-16", Some("2026-11-20"))]);
    let b = bac(&si, &m, code("26212"), region, st, 3).unwrap();
    let bewerber: Vec<u32> = b.verlauf.iter().map(|l| l.bewerber).collect();
    assert_eq!(bewerber, [4, 3, 4, 3]);
}
