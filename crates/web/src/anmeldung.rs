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
use vierphasen_app::AppFehler;
use vierphasen_app::konto::{Angemeldet, Anmeldung, Stufe};
use vierphasen_app::sitzungen::Tokenzeile;

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

/// What a session may reach while its user has to enrol the second factor her role requires.
/// `pfad` as a handler sees it: inside the API router without the `/api/v1` prefix.
pub(crate) fn waehrend_einrichtung_erlaubt(pfad: &str) -> bool {
    let pfad = pfad.strip_prefix("/api/v1").unwrap_or(pfad);
    pfad.starts_with("/profil/totp")
        || pfad.starts_with("/profil/zweiter-faktor")
        || matches!(pfad, "/ich" | "/abmeldung")
}

impl FromRequestParts<Zustand> for Benutzer {
    type Rejection = ApiFehler;

    async fn from_request_parts(parts: &mut Parts, z: &Zustand) -> Result<Self, ApiFehler> {
        if let Some(wert) = parts.headers.get(header::AUTHORIZATION).and_then(|v| v.to_str().ok()) {
            let token = wert.strip_prefix("Bearer ").ok_or_else(ApiFehler::nicht_angemeldet)?;
            return Ok(Benutzer(z.app.token_pruefen(token.trim()).await?));
        }
        let geheim = cookie(&parts.headers, z.cookie_name()).ok_or_else(ApiFehler::nicht_angemeldet)?;
        let b = z.app.sitzung_pruefen(geheim).await?;
        if b.zweiter_faktor_fehlt && !waehrend_einrichtung_erlaubt(parts.uri.path()) {
            return Err(ApiFehler::neu(
                StatusCode::FORBIDDEN,
                "zweiter-faktor-einrichten",
                "Zweiter Faktor fehlt",
                "Für Ihre Rolle ist ein zweiter Faktor vorgeschrieben. Bitte zuerst eine Authentifizierungs-App \
                 einrichten (/api/v1/profil/totp); bis dahin ist nichts anderes möglich.",
            ));
        }
        Ok(Benutzer(b))
    }
}

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Anmeldedaten {
    pub login: String,
    pub passwort: String,
    /// The 6-digit code of the authenticator app or a recovery code; needed once a second factor
    /// is enrolled.
    #[serde(default)]
    pub code: Option<String>,
}

pub(crate) fn sitzungscookie(z: &Zustand, wert: &str, max_age: i64) -> HeaderValue {
    let sicher = if z.einstellungen.cookie_sicher { "; Secure" } else { "" };
    let text = format!("{}={wert}; Path=/; HttpOnly; SameSite=Lax; Max-Age={max_age}{sicher}", z.cookie_name());
    HeaderValue::from_str(&text).unwrap_or(HeaderValue::from_static(""))
}

/// Login: sets the session cookie. With a second factor enrolled `code` is needed (401 without
/// it). Repeated failures per account and address → 429 with `Retry-After` (exponential
/// back-off, the same for known and unknown accounts). Needs no credentials.
#[utoipa::path(post, path = "/anmeldung", tag = "Anmeldung", request_body = Anmeldedaten, security(()),
    responses((status = 200, body = Angemeldet), (status = 401, body = crate::fehler::Problem), (status = 429, body = crate::fehler::Problem)))]
pub async fn anmelden(
    State(z): State<Zustand>,
    ConnectInfo(adresse): ConnectInfo<SocketAddr>,
    Eingabe(d): Eingabe<Anmeldedaten>,
) -> ApiErgebnis<Response> {
    let a = sitzung_beginnen(&z, adresse, &d.login, &d.passwort).await?;
    let (geheim, angemeldet) = if a.stufe == Stufe::Code {
        let ergebnis = match d.code.as_deref().map(str::trim).filter(|c| !c.is_empty()) {
            Some(code) => code_pruefen(&z, adresse, &a.geheim, code).await,
            None => Err(ApiFehler::neu(
                StatusCode::UNAUTHORIZED,
                "code-noetig",
                "Zweiter Faktor nötig",
                "Für dieses Konto ist ein zweiter Faktor eingerichtet: Bitte zusätzlich den aktuellen Code aus der \
                 Authentifizierungs-App oder einen Wiederherstellungscode im Feld „code“ senden.",
            )),
        };
        match ergebnis {
            Ok(e) => e,
            Err(f) => {
                z.app.abmelden(&a.geheim).await?;
                return Err(f);
            }
        }
    } else {
        (a.geheim, a.angemeldet)
    };
    let mut antwort = Json(angemeldet).into_response();
    antwort.headers_mut().insert(header::SET_COOKIE, sitzungscookie(&z, &geheim, 10 * 3600));
    Ok(antwort)
}

fn zu_viele(warten: std::time::Duration) -> ApiFehler {
    let s = crate::fehler::sekunden(warten);
    let wann = if s < 120 { format!("{s} Sekunden") } else { format!("{} Minuten", s.div_ceil(60)) };
    ApiFehler::zu_viele(format!("Zu viele fehlgeschlagene Anmeldeversuche. Bitte in {wann} erneut versuchen."), warten)
}

/// The password step for the API and the login page: the back-off per account and address (the
/// same answer for known and unknown accounts), then the password check. A failure counts for
/// the back-off; success ends it only when no code step follows.
pub(crate) async fn sitzung_beginnen(
    z: &Zustand,
    adresse: SocketAddr,
    login: &str,
    passwort: &str,
) -> Result<Anmeldung, ApiFehler> {
    let konto = login.trim().to_lowercase();
    if let Err(warten) = z.drossel.pruefen(&konto, adresse.ip(), Instant::now()) {
        return Err(zu_viele(warten));
    }
    let falsch = |m: String| ApiFehler::neu(StatusCode::UNAUTHORIZED, "anmeldung", "Anmeldung fehlgeschlagen", m);
    // Room for decomposed Unicode forms of a password of at most 128 characters.
    if passwort.chars().count() > 4 * vierphasen_app::passwort::HOECHSTLAENGE || konto.chars().count() > 64 {
        z.drossel.fehlschlag(&konto, adresse.ip(), Instant::now());
        return Err(falsch("Anmeldung fehlgeschlagen: Benutzername oder Passwort ist falsch.".into()));
    }
    match z.app.anmelden(&konto, passwort).await {
        Ok(a) => {
            if a.stufe != Stufe::Code {
                z.drossel.erfolg(&konto, adresse.ip());
            }
            Ok(a)
        }
        Err(AppFehler::Verboten(m)) => {
            z.drossel.fehlschlag(&konto, adresse.ip(), Instant::now());
            Err(falsch(m))
        }
        Err(e) => Err(e.into()),
    }
}

/// The code step: `vorlaeufig` is the session of the password step. Wrong codes count for the
/// back-off of the account and address like wrong passwords.
pub(crate) async fn code_pruefen(
    z: &Zustand,
    adresse: SocketAddr,
    vorlaeufig: &str,
    code: &str,
) -> Result<(String, Angemeldet), ApiFehler> {
    let konto = z.app.login_der_codesitzung(vorlaeufig).await?.ok_or_else(ApiFehler::nicht_angemeldet)?;
    if let Err(warten) = z.drossel.pruefen(&konto, adresse.ip(), Instant::now()) {
        return Err(zu_viele(warten));
    }
    match z.app.anmelden_mit_code(vorlaeufig, code).await {
        Ok(e) => {
            z.drossel.erfolg(&konto, adresse.ip());
            Ok(e)
        }
        Err(AppFehler::Verboten(m)) => {
            z.drossel.fehlschlag(&konto, adresse.ip(), Instant::now());
            Err(ApiFehler::neu(StatusCode::UNAUTHORIZED, "code-falsch", "Anmeldung fehlgeschlagen", m))
        }
        Err(e) => Err(e.into()),
    }
}

/// Logout: ends the session of the cookie and deletes the cookie. Needs no credentials: without
/// a session there is nothing to end, and the answer is the same.
#[utoipa::path(post, path = "/abmeldung", tag = "Anmeldung", security(()), responses((status = 204)))]
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
    /// From then on the token is refused (single-factor access is limited in time).
    pub gueltig_bis: chrono::DateTime<chrono::Utc>,
}

/// The signed-in user's valid tokens with creation, expiry and last use (never the secret).
#[utoipa::path(get, path = "/tokens", tag = "Anmeldung", responses((status = 200, body = Vec<Tokenzeile>), (status = 401, body = crate::fehler::Problem)))]
pub async fn tokens(State(z): State<Zustand>, Benutzer(b): Benutzer) -> ApiErgebnis<Json<Vec<Tokenzeile>>> {
    Ok(Json(z.app.tokens_liste(&b).await?))
}

#[utoipa::path(post, path = "/tokens", tag = "Anmeldung", request_body = NeuesToken, responses((status = 201, body = Token)))]
pub async fn token_erstellen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Eingabe(n): Eingabe<NeuesToken>,
) -> ApiErgebnis<(StatusCode, Json<Token>)> {
    let (id, token, gueltig_bis) = z.app.token_erstellen(&b, &n.name).await?;
    Ok((StatusCode::CREATED, Json(Token { id, token, gueltig_bis })))
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
