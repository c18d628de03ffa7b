//! All integration tests of this crate in one test binary (one link of the dependencies
//! instead of one per file); each former test file is a module here.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic

mod ablauf;
mod anfrage;
mod anmeldung;
mod anzeige_datum;
mod aufbewahrung;
mod csrf;
mod drossel;
mod gemeinsam;
mod gespeichert;
mod kenntnis;
mod matrix;
mod openapi;
mod profiling_formular;
mod seiten_briefkopf;
mod seiten_dokumente;
mod seiten_ev;
mod seiten_gespraech;
mod seiten_grund;
mod seiten_kontopflege;
mod seiten_matching;
mod seiten_meldung;
mod seiten_plan;
mod seiten_profiling;
mod seiten_verwaltung;
mod seiten_werdegang;
mod zweiter_faktor;
