//! The importer of our posting CSV (`vierphasen import stellen x.csv`): every input gives entries
//! or errors with a line number inside the file, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vierphasen_domain::stellen;

fuzz_target!(|daten: &[u8]| {
    // The CLI reads the file as UTF-8 before the importer sees it.
    let Ok(text) = std::str::from_utf8(daten) else { return };
    if let Ok(eintraege) = stellen::lesen("stellen.csv", text) {
        // The csv reader counts a lone `\r` as a line end too.
        let zeilen = text.split(['\n', '\r']).count();
        for (zeile, _) in eintraege {
            assert!((1..=zeilen).contains(&zeile), "Zeile {zeile} außerhalb der Datei ({zeilen} Zeilen)");
        }
    }
});
