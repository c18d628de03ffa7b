//! Who is asking: the session cookie or a bearer token; login, logout, API tokens.

use std::net::SocketAddr;
use std::time::Instant;

use axum::Json;
use axum::extract::{ConnectInfo, FromRequestParts, State};
use axum::http::request::Parts;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_app::konto::Angemeldet;

use crate::eingabe::{Eingabe, Pfad};
use crate::fehler::{ApiErgebnis, ApiFehler};
use crate::zustand::Zustand;

/// The signed-in user of this request.
#[derive(Debug, Clone)]
pub struct Benutzer(pub Angemeldet);

pub(crate) fn cookie<'a>(kopf: &'a HeaderMap, name: &str) -> Option<&'a str> {
    kopf.get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|paar| paar.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, w)| w)
}

impl FromRequestParts<Zustand> for Benutzer {
    type Rejection = ApiFehler;

    async fn from_request_parts(parts: &mut Parts, z: &Zustand) -> Result<Self, ApiFehler> {
        if let Some(wert) = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) {
            let token = wert.strip_prefix("Bearer ").ok_or_else(ApiFehler::nicht_angemeldet)?;
            return Ok(Benutzer(z.app.token_pruefen(token.trim()).await?));
        }
        let geheim = cookie(&parts.headers, z.cookie_name()).ok_or_else(ApiFehler::nicht_angemeldet)?;
        Ok(Benutzer(z.app.sitzung_pruefen(geheim).await?))
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Anmeldedaten {
    pub login: String,
    pub passwort: String,
}

pub(crate) fn sitzungscookie(z: &Zustand, wert: &str, max_age: i64) -> HeaderValue {
    let sicher = if z.einstellungen.cookie_sicher { "; Secure" } else { "" };
    let text = format!("{}={wert}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{sicher}", z.cookie_name());
    HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static(""))
}

/// Login: sets the session cookie. Too many attempts per address or per account → 429, the
/// same for known and unknown accounts.
#[utoipa::path(post, path = "/anmeldung", tag = "Anmeldung", request_body = Anmeldedaten,
    responses((status = 200, body = Angemeldet), (status = 401, body = crate::fehler::Problem), (status = 429, body = crate::fehler::Problem)))]
pub async fn anmelden(
    State(z): State<Zustand>,
    ConnectInfo(adresse): ConnectInfo<SocketAddr>,
    Eingabe(d): Eingabe<Anmeldedaten>,
) -> ApiErgebnis<Response> {
    let (geheim, angemeldet) = sitzung_beginnen(&z, adresse, &d.login, &d.passwort).await?;
    let mut antwort = Json(angemeldet).into_response();
    antwort.headers_mut().insert(header::SET_COOKIE, sitzungscookie(&z, &geheim, 10 * 3600));
    Ok(antwort)
}

/// Login for the API and the login page: rate limits per address and per account (the same
/// answer for known and unknown accounts), then the password check.
pub(crate) async fn sitzung_beginnen(
    z: &Zustand,
    adresse: SocketAddr,
    login: &str,
    passwort: &str,
) -> Result<(String, Angemeldet), ApiFehler> {
    let jetzt = Instant::now();
    let konto = login.trim().to_lowercase();
    let ip_ok = z.drossel_ip.versuch(&adresse.ip().to_string(), jetzt);
    let konto_ok = z.drossel_konto.versuch(&konto, jetzt);
    if !ip_ok || !konto_ok {
        return Err(ApiFehler::neu(
            StatusCode::TOO_MANY_REQUESTS,
            "zu-viele-versuche",
            "Zu viele Anmeldeversuche",
            "Zu viele Anmeldeversuche. Bitte einige Minuten warten.",
        ));
    }
    if passwort.chars().count() > 128 || konto.chars().count() > 64 {
        return Err(ApiFehler::neu(
            StatusCode::UNAUTHORIZED,
            "anmeldung",
            "Anmeldung fehlgeschlagen",
            "Anmeldung fehlgeschlagen: Benutzername oder Passwort ist falsch.",
        ));
    }
    match z.app.anmelden(&konto, passwort).await {
        Ok(ergebnis) => {
            z.drossel_konto.zuruecksetzen(&konto);
            Ok(ergebnis)
        }
        Err(vierphasen_app::AppFehler::Verboten(m)) => {
            Err(ApiFehler::neu(StatusCode::UNAUTHORIZED, "anmeldung", "Anmeldung fehlgeschlagen", m))
        }
        Err(e) => Err(e.into()),
    }
}

#[utoipa::path(post, path = "/abmeldung", tag = "Anmeldung", responses((status = 204)))]
pub async fn abmelden(State(z): State<Zustand>, kopf: HeaderMap) -> ApiErgebnis<Response> {
    if let Some(geheim) = cookie(&kopf, z.cookie_name()) {
        z.app.abmelden(geheim).await?;
    }
    let mut antwort = StatusCode::NO_CONTENT.into_response();
    antwort.headers_mut().insert(header::SET_COOKIE, sitzungscookie(&z, "", 0));
    Ok(antwort)
}

#[utoipa::path(get, path = "/ich", tag = "Anmeldung", responses((status = 200, body = Angemeldet), (status = 401, body = crate::fehler::Problem)))]
pub async fn ich(Benutzer(b): Benutzer) -> Json<Angemeldet> {
    Json(b)
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeuesToken {
    pub name: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Token {
    pub id: i64,
    /// Shown once; only its hash is stored.
    pub token: String,
}

#[utoipa::path(post, path = "/tokens", tag = "Anmeldung", request_body = NeuesToken, responses((status = 201, body = Token)))]
pub async fn token_erstellen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Eingabe(n): Eingabe<NeuesToken>,
) -> ApiErgebnis<(StatusCode, Json<Token>)> {
    let (id, token) = z.app.token_erstellen(&b, &n.name).await?;
    Ok((StatusCode::CREATED, Json(Token { id, token })))
}

#[utoipa::path(delete, path = "/tokens/{id}", tag = "Anmeldung", params(("id" = i64, Path)), responses((status = 204)))]
pub async fn token_widerrufen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<i64>,
) -> ApiErgebnis<StatusCode> {
    z.app.token_widerrufen(&b, id).await?;
    Ok(StatusCode::NO_CONTENT)
}
