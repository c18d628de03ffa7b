//! All integration tests of this crate in one test binary (one link of the dependencies
//! instead of one per file); each former test file is a module here.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic

mod aufbewahrung;
mod berufssuche;
mod datum;
mod eigenschaften;
mod formular;
mod kalender;
mod kenntnisse;
mod monat;
mod normalisieren;
mod regel;
mod regeln;
mod tor;
mod werdegang;
mod zugriff;
