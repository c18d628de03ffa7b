//! What every page shares: the signed-in user (or a redirect to the login page), the frame with
//! navigation, rendering, and errors as German pages.

use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use vierphasen_app::AppFehler;
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::zugriff::Rolle;

use crate::anmeldung::cookie;
use crate::zustand::Zustand;

/// The signed-in user of a page request; without a valid session the browser goes to the login
/// page and comes back afterwards.
#[derive(Debug, Clone)]
pub struct SeitenBenutzer(pub Angemeldet);

impl FromRequestParts<Zustand> for SeitenBenutzer {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, z: &Zustand) -> Result<Self, Response> {
        let zurueck = || {
            let ziel = parts.uri.path_and_query().map(|p| p.as_str()).unwrap_or("/");
            let ziel = if parts.method == axum::http::Method::GET { ziel } else { "/" };
            Redirect::to(&format!("/anmelden?weiter={}", urlencode(ziel))).into_response()
        };
        let Some(geheim) = cookie(&parts.headers, z.cookie_name()) else { return Err(zurueck()) };
        match z.app.sitzung_pruefen(geheim).await {
            Ok(a) => Ok(SeitenBenutzer(a)),
            Err(AppFehler::NichtAngemeldet) => Err(zurueck()),
            Err(f) => Err(SeitenFehler::from(f).into_response()),
        }
    }
}

pub(crate) fn urlencode(s: &str) -> String {
    serde_urlencoded::to_string([("", s)]).map(|t| t.trim_start_matches('=').to_owned()).unwrap_or_default()
}

/// Header and navigation of every page behind the login.
#[derive(Debug, Clone)]
pub struct Rahmen {
    pub name: String,
    pub rolle: &'static str,
    /// The navigation entry of this page (`start`, `kunden`, `termine`, `verwaltung`, `profil`).
    pub aktiv: &'static str,
    pub verwaltung: bool,
    /// The navigation entry "Stellen" (§8.4): every role but Datenschutz reads postings.
    pub stellen: bool,
}

impl Rahmen {
    pub fn neu(b: &Angemeldet, aktiv: &'static str) -> Rahmen {
        Rahmen {
            name: b.name.clone(),
            rolle: b.rolle.label(),
            aktiv,
            verwaltung: matches!(b.rolle, Rolle::Admin | Rolle::Teamleitung | Rolle::Datenschutz),
            stellen: b.rolle != Rolle::Datenschutz,
        }
    }

    /// `aria-current` for the navigation entry of this page.
    pub fn aktuell(&self, eintrag: &str) -> &'static str {
        if self.aktiv == eintrag { "page" } else { "false" }
    }
}

/// Renders a page; a template error is a programming error and answers 500 without details.
pub fn html<T: Template>(seite: &T) -> Response {
    match seite.render() {
        Ok(text) => Html(text).into_response(),
        Err(e) => {
            tracing::error!(fehler = %e, "Seite konnte nicht erzeugt werden");
            (StatusCode::INTERNAL_SERVER_ERROR, "Die Seite konnte nicht erzeugt werden.").into_response()
        }
    }
}

/// A page with another status than 200 (a refused form: 422/409, with the input kept).
pub fn mit_status<T: Template>(seite: &T, status: StatusCode) -> Response {
    let mut antwort = html(seite);
    *antwort.status_mut() = status;
    antwort
}

/// A row id from the path; text that is no number names a row that does not exist (404).
pub fn nummer(text: &str, was: &'static str) -> Result<i64, AppFehler> {
    text.parse().map_err(|_| AppFehler::NichtGefunden(was))
}

/// The case id from the path: a bad one is "not found" like a missing case (D1).
pub fn fall_id(text: &str) -> Result<i64, AppFehler> {
    nummer(text, "Der Fall")
}

/// After a successful POST: the browser loads the target with GET (no double submit on reload).
pub fn weiter_zu(ziel: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, ziel.to_owned())]).into_response()
}

pub type SeitenErgebnis = Result<Response, SeitenFehler>;

/// An error as a German page. A case the user may not see is "not found" (D1).
#[derive(Debug)]
pub struct SeitenFehler(pub AppFehler);

impl From<AppFehler> for SeitenFehler {
    fn from(f: AppFehler) -> Self {
        SeitenFehler(f)
    }
}

#[derive(Template)]
#[template(path = "fehler.html")]
struct Fehlerseite {
    titel: &'static str,
    text: String,
}

impl IntoResponse for SeitenFehler {
    fn into_response(self) -> Response {
        let (status, titel) = match &self.0 {
            AppFehler::NichtAngemeldet => return Redirect::to("/anmelden").into_response(),
            AppFehler::NichtGefunden(_) => (StatusCode::NOT_FOUND, "Nicht gefunden"),
            AppFehler::Verboten(_) => (StatusCode::FORBIDDEN, "Nicht erlaubt"),
            AppFehler::Ungueltig { .. } => (StatusCode::UNPROCESSABLE_ENTITY, "Ungültige Eingabe"),
            AppFehler::Regelverstoss(_) | AppFehler::BestaetigungNoetig(_) | AppFehler::Konflikt(_) => {
                (StatusCode::CONFLICT, "Nicht möglich")
            }
            AppFehler::Speicher(_) => (StatusCode::SERVICE_UNAVAILABLE, "Vorübergehend nicht verfügbar"),
        };
        let text = match &self.0 {
            AppFehler::Speicher(e) => {
                tracing::error!(fehler = %e, "Speicherfehler");
                "Die Datenbank ist gerade nicht erreichbar. Bitte in einigen Sekunden erneut versuchen.".to_owned()
            }
            f => f.to_string(),
        };
        mit_status(&Fehlerseite { titel, text }, status)
    }
}
