//! The importer of our posting CSV (`vierphasen import stellen x.csv`): every input gives entries
//! or errors, each with a line number inside the file, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use vierphasen_domain::stellen;

fuzz_target!(|daten: &[u8]| {
    // The CLI reads the file as UTF-8 before the importer sees it.
    let Ok(text) = std::str::from_utf8(daten) else { return };
    if let Ok(eintraege) = stellen::lesen("stellen.csv", text) {
        // The csv reader counts a lone `\r` as a line end too.
        let zeilen = text.split(['\n', '\r']).count();
        for (fundstelle, eintrag) in eintraege {
            // The entry's line, the lines of its fields, and the line of every problem reported.
            let felder = fundstelle.felder.values().map(|(_, z)| *z);
            let probleme = eintrag.err().into_iter().flatten().map(|f| f.zeile);
            for z in std::iter::once(fundstelle.zeile).chain(felder).chain(probleme) {
                assert!((1..=zeilen).contains(&z), "Zeile {z} außerhalb der Datei ({zeilen} Zeilen)");
            }
        }
    }
});
