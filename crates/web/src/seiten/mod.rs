//! The HTML side: server-rendered German pages (askama, KERN UX, htmx for partial updates).
//! Every page works without JavaScript; htmx only swaps fragments the server renders anyway.

mod akte;
mod aktivitaeten;
mod anmeldung;
pub mod anzeige;
mod aufbewahrung;
mod auftraege;
mod ausnahme;
mod begriffe;
mod benutzer;
mod briefkopf;
mod datenschutz;
mod dokumente;
mod einwilligungen;
mod ev;
mod folgegespraech;
mod formular;
pub mod gespeichert;
mod kunde_neu;
mod kunden;
mod laengen;
mod meldung;
mod passwort_neu;
mod pfad;
mod profil;
pub mod profiling;
mod rahmen;
mod start;
mod statisch;
mod stellen;
mod strategien;
mod termine;
mod uebergabe;
mod uebergabestandard;
mod vermerk;
mod vermittlung;
mod vertretung;
mod verwaltung;
mod verwaltung_anmeldung;
mod werdegang;
mod ziel;
mod zugriffsprotokoll;
mod zweiter_faktor;

use axum::Router;
use axum::routing::{get, post};

pub use formular::{Formular, Rueckmeldung, beschriften};
pub use laengen::hoechstlaenge;
pub use pfad::{FallPfad, FallZeile, nummer};
pub use rahmen::{
    Rahmen, SeitenBenutzer, SeitenErgebnis, SeitenFehler, html, mit_status, nach_dem_speichern, weiter_zu,
};

use crate::zustand::Zustand;

pub fn router() -> Router<Zustand> {
    Router::new()
        .route("/", get(start::arbeitsliste))
        .route("/anmelden", get(anmeldung::formular).post(anmeldung::anmelden))
        .route("/anmelden/code", get(anmeldung::code_formular).post(anmeldung::code_senden))
        .route("/abmelden", post(anmeldung::abmelden))
        .route("/kunden", get(kunden::suche))
        .route("/kunden/neu", get(kunde_neu::formular).post(kunde_neu::anlegen))
        .route("/kunden/{id}", get(kunden::akte))
        .route("/static/{*datei}", get(statisch::datei))
        .merge(dokumente::routen())
        .merge(profiling::routen())
        .merge(profil::routen())
        .merge(begriffe::routen())
        .merge(zweiter_faktor::routen())
        .merge(verwaltung_anmeldung::routen())
        .merge(verwaltung::routen())
        .merge(benutzer::routen())
        .merge(passwort_neu::routen())
        .merge(briefkopf::routen())
        .merge(datenschutz::routen())
        .merge(aufbewahrung::routen())
        .merge(ausnahme::routen())
        .merge(zugriffsprotokoll::routen())
        .merge(ev::routen())
        .merge(vermerk::routen())
        .merge(strategien::routen())
        .merge(ziel::routen())
        .merge(folgegespraech::routen())
        .merge(einwilligungen::routen())
        .merge(auftraege::routen())
        .merge(vertretung::routen())
        .merge(uebergabe::routen())
        .merge(uebergabestandard::routen())
        .merge(aktivitaeten::routen())
        .merge(werdegang::routen())
        .merge(meldung::routen())
        .merge(termine::routen())
        .merge(stellen::routen())
        .merge(vermittlung::routen())
}
