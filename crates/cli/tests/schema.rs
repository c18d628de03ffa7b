//! docs/fallakte.schema.json is generated; this keeps it from drifting from the code.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic

use std::process::Command;

#[test]
fn schema_datei_ist_aktuell() {
    let o = Command::new(env!("CARGO_BIN_EXE_vierphasen")).arg("schema").output().unwrap();
    assert_eq!(o.status.code(), Some(0), "vierphasen schema: {}", String::from_utf8_lossy(&o.stderr));
    let erzeugt = String::from_utf8(o.stdout).unwrap();
    let pfad = concat!(env!("CARGO_MANIFEST_DIR"), "/../../docs/fallakte.schema.json");
    let datei = std::fs::read_to_string(pfad).unwrap_or_default().replace("\r\n", "\n");
    assert!(
        erzeugt == datei,
        "docs/fallakte.schema.json ist veraltet (weicht von `vierphasen schema` ab). Neu erzeugen mit:\n\n    \
         cargo run -q -p vierphasen -- schema > docs/fallakte.schema.json\n\nund docs/fallakte.md prüfen."
    );
}
