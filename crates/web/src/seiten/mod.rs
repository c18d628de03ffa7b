//! The HTML side: server-rendered German pages (askama, KERN UX, htmx for partial updates).
//! Every page works without JavaScript; htmx only swaps fragments the server renders anyway.

mod akte;
mod anmeldung;
mod einwilligungen;
mod folgegespraech;
mod formular;
mod kunden;
mod rahmen;
mod start;
mod statisch;
mod termine;

use axum::Router;
use axum::routing::{get, post};

pub use formular::{Formular, Rueckmeldung};
pub use rahmen::{Rahmen, SeitenBenutzer, SeitenFehler, SeitenErgebnis, html, weiter_zu};

use crate::zustand::Zustand;

pub fn router() -> Router<Zustand> {
    Router::new()
        .route("/", get(start::arbeitsliste))
        .route("/anmelden", get(anmeldung::formular).post(anmeldung::anmelden))
        .route("/abmelden", post(anmeldung::abmelden))
        .route("/kunden", get(kunden::suche))
        .route("/kunden/{id}", get(kunden::akte))
        .route("/static/{*datei}", get(statisch::datei))
        .merge(folgegespraech::routen())
        .merge(einwilligungen::routen())
        .merge(termine::routen())
}
