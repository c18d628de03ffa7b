#![doc = include_str!("../README.md")]

pub mod aufbewahrung;
pub mod befund;
pub mod datum;
pub mod fallakte;
pub mod formular;
pub mod grundtypen;
pub mod ids;
pub mod kalender;
pub mod katalog;
pub mod monat;
pub mod pruefung;
pub mod regel;
pub mod regeln;
pub mod stellen;
pub mod tor;
pub mod zugriff;

pub use befund::{Befund, Schwere};
pub use fallakte::{EingabeFehler, Fallakte, GepruefteFallakte, einlesen};
pub use grundtypen::{Gruppen, MerkmalStatus, Profillage, Rechtskreis, Schluesselgruppe, Segment};
pub use ids::{BenutzerId, DienststelleId, KundeId, StelleId};
pub use katalog::{Katalog, KatalogFehler};
pub use monat::Monat;
pub use pruefung::{Pruefergebnis, pruefen};
pub use regel::Regel;
pub use tor::{Torentscheid, entscheiden};

/// JSON Schema of the Fallakte (docs/fallakte.schema.json is generated from it).
pub fn fallakte_schema() -> serde_json::Value {
    serde_json::to_value(schemars::schema_for!(Fallakte)).unwrap_or_default()
}
