//! Reading a Fallakte: JSON → [`Fallakte`] → [`GepruefteFallakte`] (every catalogue reference
//! resolved, every date plausible). Bad input becomes an [`EingabeFehler`] naming the field.

mod aktivitaet;
mod auftrag;
mod daten;
mod einlesen;
mod werdegang;

pub use aktivitaet::{Aktivitaet, Aktivitaetsart};
pub use auftrag::{
    Aktenteil, Auftrag, Auftragsergebnis, Auftragsschritt, Auftragsstatus, Einschraenkungsdauer, Fragestellung,
    Leistungsbild,
};

pub use daten::*;
pub use einlesen::{
    EingabeFehler, GepruefteFallakte, Profilingstand, StrategieArt, StrategieGeprueft, einlesen, pruefen_und_aufloesen,
};
pub use werdegang::{Werdegangsart, Werdegangseintrag};
