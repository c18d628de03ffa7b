//! Reading a Fallakte: JSON → [`Fallakte`] → [`GepruefteFallakte`] (every catalogue reference
//! resolved, every date plausible). Bad input becomes an [`EingabeFehler`] naming the field.

mod aktivitaet;
mod daten;
mod einlesen;
mod werdegang;

pub use aktivitaet::{Aktivitaet, Aktivitaetsart};

pub use daten::*;
pub use einlesen::{
    EingabeFehler, GepruefteFallakte, Profilingstand, StrategieArt, StrategieGeprueft, einlesen, pruefen_und_aufloesen,
};
pub use werdegang::{Werdegangsart, Werdegangseintrag};
