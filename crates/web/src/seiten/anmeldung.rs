//! Login and logout pages (same rate limits and answers as the API login).

use std::net::SocketAddr;

use askama::Template;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderMap, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

use super::{Formular, html, mit_status, weiter_zu};
use crate::anmeldung::{cookie, sitzung_beginnen, sitzungscookie};
use crate::zustand::Zustand;

#[derive(Template)]
#[template(path = "anmelden.html")]
struct Anmeldeseite {
    weiter: String,
    login: String,
    fehler: Option<String>,
    abgemeldet: bool,
}

#[derive(Debug, Deserialize)]
pub struct Parameter {
    weiter: Option<String>,
    abgemeldet: Option<String>,
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
        Ok((geheim, _)) => {
            let mut antwort = weiter_zu(&weiter);
            antwort.headers_mut().insert(header::SET_COOKIE, sitzungscookie(&z, &geheim, 10 * 3600));
            antwort
        }
        Err(e) => {
            let status = e.0;
            mit_status(&Anmeldeseite { weiter, login, fehler: Some(e.1.detail), abgemeldet: false }, status)
        }
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
