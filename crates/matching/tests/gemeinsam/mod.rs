//! Helpers for the matching tests.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::sync::Arc;

use vierphasen_domain::katalog::KldbCode;
use vierphasen_matching::{Arbeitszeit, Bewerberprofil, FaehigkeitId, Ort, Stammdaten, Stellenangebot, Tag, Umkreis};

pub fn daten() -> Arc<Stammdaten> {
    Stammdaten::eingebaut().expect("Stammdaten")
}

pub fn stichtag() -> Tag {
    Tag::aus_datum(chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap())
}

pub fn code(s: &str) -> KldbCode {
    KldbCode::parse(s).unwrap()
}

/// Mitte von Kassel (PLZ 34117).
pub fn kassel() -> Ort {
    daten().plz.ort("34117").unwrap()
}

/// A place `km` away from `o` in direction `grad` (0 = north), on the sphere.
pub fn versetzt(o: Ort, km: f64, grad: f64) -> Ort {
    let r = 6371.0f64;
    let (lat1, lon1) = (f64::from(o.lat).to_radians(), f64::from(o.lon).to_radians());
    let d = km / r;
    let b = grad.to_radians();
    let lat2 = (lat1.sin() * d.cos() + lat1.cos() * d.sin() * b.cos()).asin();
    let lon2 = lon1 + (b.sin() * d.sin() * lat1.cos()).atan2(d.cos() - lat1.sin() * lat2.sin());
    Ort { lat: lat2.to_degrees() as f32, lon: lon2.to_degrees() as f32, ausland: false }
}

pub fn profil(id: u64, ziel: &str, ort: Ort, umkreis: Umkreis) -> Bewerberprofil {
    Bewerberprofil {
        id,
        zielberuf: code(ziel),
        alternativberufe: Vec::new(),
        faehigkeiten: Vec::new(),
        arbeitszeit: Arbeitszeit::VZ,
        verfuegbar_ab: stichtag(),
        ort,
        umkreis,
        bewerbung_entgegen: false,
    }
}

pub fn stelle(id: u64, beruf: &str, ort: Ort) -> Stellenangebot {
    Stellenangebot {
        id,
        beruf: code(beruf),
        ort,
        arbeitszeit: Arbeitszeit::VZ,
        faehigkeiten: Vec::new(),
        eintritt: stichtag(),
        veroeffentlicht: stichtag().minus(10),
        ablauf: stichtag().plus(30),
    }
}

pub fn faehigkeiten(daten: &Stammdaten, beruf: &str) -> Vec<FaehigkeitId> {
    let i = daten.berufe.index(code(beruf)).unwrap();
    daten.berufe.taetigkeiten(i).to_vec()
}
