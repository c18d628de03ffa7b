//! The form reader of every page (`application/x-www-form-urlencoded` bodies) and the parsers of
//! the values people type (dates, months, numbers): never a panic, and a value that was read is
//! the trimmed, non-empty text of its field.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vierphasen_domain::{Monat, formular};

fuzz_target!(|body: &[u8]| {
    let Some(felder) = formular::lesen(body) else { return };
    for (name, _) in &felder {
        let alle = formular::alle(&felder, name);
        if let Some(w) = formular::wert(&felder, name) {
            assert!(!w.is_empty() && w == w.trim());
            assert_eq!(alle.first(), Some(&w), "erster Wert von `{name}`");
            let _ = formular::datum(w);
            let _ = formular::kommazahl(w);
            let _ = Monat::lesen(w);
            let _ = w.parse::<i64>();
        }
    }
});
