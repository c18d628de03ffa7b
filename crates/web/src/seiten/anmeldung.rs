//! Login and logout pages (same back-off and answers as the API login). With a second factor
//! the password step leads to the code step (`/anmelden/code`); a user who must enrol one goes
//! to `/profil/zweiter-faktor` first.

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use vierphasen_app::konto::{CODE_FRIST, Stufe};

use super::{Formular, html, mit_status, weiter_zu};
use crate::anmeldung::{code_pruefen, cookie, sitzung_beginnen, sitzungscookie};
use crate::fehler::ApiFehler;
use crate::zustand::Zustand;

#[derive(Template)]
#[template(path = "anmelden.html")]
struct Anmeldeseite {
    weiter: String,
    login: String,
    fehler: Option<String>,
    abgemeldet: bool,
    /// Just set a new password through a one-time link.
    passwort_neu: bool,
}

#[derive(Template)]
#[template(path = "anmelden_code.html")]
struct Codeseite {
    weiter: String,
    fehler: Option<String>,
}

/// A refused login page keeps its status; a 429 says when to try again.
fn abgelehnt<T: Template>(seite: &T, e: &ApiFehler) -> Response {
    let mut antwort = mit_status(seite, e.0);
    if e.0 == StatusCode::TOO_MANY_REQUESTS {
        let s = e.1.nochmal_nach.unwrap_or(60).max(1);
        antwort.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(s));
    }
    antwort
}

#[derive(Debug, Deserialize)]
pub struct Parameter {
    weiter: Option<String>,
    abgemeldet: Option<String>,
    passwort: Option<String>,
}

/// Only paths of this site (no `//host`, no scheme): no open redirect.
fn sicheres_ziel(ziel: Option<&str>) -> String {
    match ziel {
        Some(z) if z.starts_with('/') && !z.starts_with("//") && !z.contains('\\') => z.to_owned(),
        _ => "/".to_owned(),
    }
}

pub async fn formular(Query(p): Query<Parameter>) -> Response {
    html(&Anmeldeseite {
        weiter: sicheres_ziel(p.weiter.as_deref()),
        login: String::new(),
        fehler: None,
        abgemeldet: p.abgemeldet.is_some(),
        passwort_neu: p.passwort.as_deref() == Some("neu"),
    })
}

pub async fn anmelden(
    State(z): State<Zustand>,
    ConnectInfo(adresse): ConnectInfo<SocketAddr>,
    f: Formular,
) -> Response {
    let weiter = sicheres_ziel(f.wert("weiter"));
    let login = f.text("login");
    let passwort = f.0.iter().find(|(n, _)| n == "passwort").map(|(_, w)| w.as_str()).unwrap_or_default();
    match sitzung_beginnen(&z, adresse, &login, passwort).await {
        Ok(a) => {
            let (ziel, dauer) = match a.stufe {
                Stufe::Voll => (weiter, 10 * 3600),
                Stufe::Code => {
                    (format!("/anmelden/code?weiter={}", super::rahmen::urlencode(&weiter)), CODE_FRIST.num_seconds())
                }
                Stufe::Einrichten => ("/profil/zweiter-faktor".to_owned(), 10 * 3600),
            };
            let mut antwort = weiter_zu(&ziel);
            antwort.headers_mut().insert(header::SET_COOKIE, sitzungscookie(&z, &a.geheim, dauer));
            antwort
        }
        Err(e) => {
            let seite = Anmeldeseite {
                weiter,
                login,
                fehler: Some(e.1.detail.clone()),
                abgemeldet: false,
                passwort_neu: false,
            };
            abgelehnt(&seite, &e)
        }
    }
}

/// The code step's form (after the password).
pub async fn code_formular(State(z): State<Zustand>, kopf: HeaderMap, Query(p): Query<Parameter>) -> Response {
    let weiter = sicheres_ziel(p.weiter.as_deref());
    if cookie(&kopf, z.cookie_name()).is_none() {
        return weiter_zu(&format!("/anmelden?weiter={}", super::rahmen::urlencode(&weiter)));
    }
    html(&Codeseite { weiter, fehler: None })
}

pub async fn code_senden(
    State(z): State<Zustand>,
    ConnectInfo(adresse): ConnectInfo<SocketAddr>,
    kopf: HeaderMap,
    f: Formular,
) -> Response {
    let weiter = sicheres_ziel(f.wert("weiter"));
    let vorlaeufig = cookie(&kopf, z.cookie_name()).unwrap_or_default();
    let code = f.text("code");
    match code_pruefen(&z, adresse, vorlaeufig, &code).await {
        Ok((geheim, _)) => {
            let mut antwort = weiter_zu(&weiter);
            antwort.headers_mut().insert(header::SET_COOKIE, sitzungscookie(&z, &geheim, 10 * 3600));
            antwort
        }
        Err(e) if e.0 == StatusCode::UNAUTHORIZED && e.1.typ.ends_with(":nicht-angemeldet") => {
            let fehler = "Die Anmeldung ist abgelaufen (5 Minuten für den Code). Bitte erneut anmelden.".to_owned();
            let seite = Anmeldeseite {
                weiter,
                login: String::new(),
                fehler: Some(fehler),
                abgemeldet: false,
                passwort_neu: false,
            };
            mit_status(&seite, StatusCode::UNAUTHORIZED)
        }
        Err(e) => abgelehnt(&Codeseite { weiter, fehler: Some(e.1.detail.clone()) }, &e),
    }
}

pub async fn abmelden(State(z): State<Zustand>, kopf: HeaderMap) -> Response {
    if let Some(geheim) = cookie(&kopf, z.cookie_name())
        && let Err(e) = z.app.abmelden(geheim).await
    {
        return super::SeitenFehler(e).into_response();
    }
    let mut antwort = weiter_zu("/anmelden?abgemeldet=1");
    antwort.headers_mut().insert(header::SET_COOKIE, sitzungscookie(&z, "", 0));
    antwort
}
