//! What every page shares: the signed-in user (or a redirect to the login page), the frame with
//! navigation, rendering, and errors as German pages.

use askama::Template;
use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use vierphasen_app::AppFehler;
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::KundeId;
use vierphasen_domain::zugriff::Rolle;

use super::Formular;
use super::gespeichert::Gespeichert;
use crate::anmeldung::cookie;
use crate::fehlerart::einordnen;
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
            // Her role requires a second factor: nothing but its enrolment until it is done.
            Ok(a) if a.zweiter_faktor_fehlt && !crate::anmeldung::waehrend_einrichtung_erlaubt(parts.uri.path()) => {
                Err(Redirect::to("/profil/zweiter-faktor").into_response())
            }
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
    /// "Arbeitsliste": the VFK's day (the other roles start elsewhere, see `start`).
    pub arbeitsliste: bool,
    /// "Kunden": every role that reads cases (the Administration reads none; a Fachdienst reads
    /// them only through its referrals).
    pub kunden: bool,
    /// "Posteingang": the referrals to the user's service (issue 13/1).
    pub posteingang: bool,
    /// "Termine": the own calendar of VFK and Teamleitung.
    pub termine: bool,
    /// "Übergaben": handovers Agentur → Jobcenter (U1, issue 13/5), for VFK and Teamleitung.
    pub uebergaben: bool,
}

impl Rahmen {
    pub fn neu(b: &Angemeldet, aktiv: &'static str) -> Rahmen {
        Rahmen {
            name: b.name.clone(),
            rolle: b.rolle.label(),
            aktiv,
            verwaltung: matches!(b.rolle, Rolle::Admin | Rolle::Teamleitung | Rolle::Datenschutz),
            stellen: b.rolle != Rolle::Datenschutz,
            arbeitsliste: b.rolle == Rolle::Vfk,
            kunden: !matches!(b.rolle, Rolle::Admin | Rolle::Fachdienst),
            posteingang: b.rolle == Rolle::Fachdienst,
            termine: matches!(b.rolle, Rolle::Vfk | Rolle::Teamleitung),
            uebergaben: matches!(b.rolle, Rolle::Vfk | Rolle::Teamleitung),
        }
    }

    /// `aria-current` for the navigation entry of this page.
    pub fn aktuell(&self, eintrag: &str) -> &'static str {
        if self.aktiv == eintrag { "page" } else { "false" }
    }
}

/// Renders a page; a template error is a programming error and answers 500 with the request's
/// number, the details go to the log.
pub fn html<T: Template>(seite: &T) -> Response {
    match seite.render() {
        Ok(text) => Html(text).into_response(),
        Err(e) => {
            let nummer = crate::anfrage::nummer();
            tracing::error!(anfrage = %nummer, fehler = %e, "Seite konnte nicht erzeugt werden");
            let text = format!("Die Seite konnte nicht erzeugt werden; bitte mit der Anfragenummer {nummer} melden.");
            (StatusCode::INTERNAL_SERVER_ERROR, text).into_response()
        }
    }
}

/// A page with another status than 200 (a refused form with the input kept: see
/// `Rueckmeldung::status`).
pub fn mit_status<T: Template>(seite: &T, status: StatusCode) -> Response {
    let mut antwort = html(seite);
    *antwort.status_mut() = status;
    antwort
}

/// After a successful POST: the browser loads the target with GET (no double submit on reload).
pub fn weiter_zu(ziel: &str) -> Response {
    (StatusCode::SEE_OTHER, [(header::LOCATION, ziel.to_owned())]).into_response()
}

/// Where a save of the Erstgespräch leads: with "Speichern und weiter" (`weiter` in the form) to
/// the next phase's page (`naechste`, e.g. `ziel`), else to the Kundenakte; the notice of what
/// was saved goes along (issue 15/3).
pub fn nach_dem_speichern(f: &Formular, id: KundeId, was: Gespeichert, naechste: &str) -> Response {
    if f.wert("weiter").is_some() {
        weiter_zu(&was.nach(format_args!("/kunden/{id}/{naechste}")))
    } else {
        weiter_zu(&was.nach(format_args!("/kunden/{id}")))
    }
}

pub type SeitenErgebnis = Result<Response, SeitenFehler>;

/// An error as a German page with the status of `fehlerart::einordnen`. A case the user may not
/// see is "not found" (D1); an internal fault shows the request's number.
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
        match self.0 {
            AppFehler::NichtAngemeldet => return Redirect::to("/anmelden").into_response(),
            // D1 break-the-glass: where the case would be, the form for the reason.
            AppFehler::BegruendungNoetig { kunde_id } => {
                return super::ausnahme::ausnahmeseite(kunde_id, &Default::default(), Default::default());
            }
            _ => {}
        }
        let e = einordnen(&self.0);
        mit_status(&Fehlerseite { titel: e.seitentitel, text: e.text }, e.status)
    }
}
