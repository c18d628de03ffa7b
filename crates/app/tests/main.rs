//! All integration tests of this crate in one test binary (one link of the dependencies
//! instead of one per file); each former test file is a module here.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic

mod aufbewahrung;
mod betrieb;
mod demo;
mod eingaben;
mod geheimnis;
mod gemeinsam;
mod kenntnis;
mod kenntnisluecke;
mod konto;
mod kontopflege;
mod kunde;
mod kundensuche;
mod passwort;
mod phasen;
mod sammelcommit;
mod stellen;
mod totp;
mod uebergabe;
mod vertretung;
mod werdegang_aktivitaeten;
mod zugriffsprotokoll;
mod zweiter_faktor;
mod zweiter_faktor_teile;
