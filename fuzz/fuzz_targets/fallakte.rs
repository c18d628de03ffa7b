//! The Fallakte reader (`vierphasen pruefen`, the import, the JSON API's case files): any bytes
//! give a checked Fallakte or a German error, never a panic; a Fallakte that was read is checked
//! against every rule (the Fallprüfung must not panic on what the reader accepted either).
#![no_main]

use chrono::NaiveDate;
use libfuzzer_sys::fuzz_target;
use vierphasen_domain::{Katalog, einlesen, pruefen};

fuzz_target!(|daten: &[u8]| {
    let katalog = Katalog::standard().expect("eingebauter Katalog");
    if let Ok(akte) = einlesen(daten, katalog) {
        let stichtag = NaiveDate::from_ymd_opt(2026, 12, 6).expect("gültiges Datum");
        let _ = pruefen(&akte, stichtag);
    }
});
