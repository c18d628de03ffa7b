//! Reading a Fallakte: JSON → [`Fallakte`] → [`GepruefteFallakte`] (every catalogue reference
//! resolved, every date plausible). Bad input becomes an [`EingabeFehler`] naming the field.

mod daten;
mod einlesen;

pub use daten::*;
pub use einlesen::{
    EingabeFehler, GepruefteFallakte, Profilingstand, StrategieArt, StrategieGeprueft, einlesen, pruefen_und_aufloesen,
};
