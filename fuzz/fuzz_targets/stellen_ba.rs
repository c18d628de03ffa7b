//! The importer of the BA job search's JSON (`vierphasen import stellen x.json`): every input
//! gives entries or errors with a line number inside the file, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vierphasen_domain::stellen;

fuzz_target!(|daten: &[u8]| {
    // The CLI reads the file as UTF-8 before the importer sees it.
    let Ok(text) = std::str::from_utf8(daten) else { return };
    if let Ok(eintraege) = stellen::lesen("stellen.json", text) {
        let zeilen = text.split('\n').count();
        for (zeile, _) in eintraege {
            assert!((1..=zeilen).contains(&zeile), "Zeile {zeile} außerhalb der Datei ({zeilen} Zeilen)");
        }
    }
});
