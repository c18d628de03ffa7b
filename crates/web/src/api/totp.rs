//! The signed-in user's second factor (TOTP, RFC 6238): status, start, confirm (answers the
//! recovery codes once), remove with a current code. Also the only routes a session reaches
//! whose role requires a second factor not yet enrolled.

use std::net::SocketAddr;
use std::time::Instant;

use axum::Json;
use axum::extract::{ConnectInfo, State};
use axum::http::{HeaderMap, StatusCode};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_app::AppFehler;
use vierphasen_app::zweiter_faktor::{Einrichtung, Status};

use crate::anmeldung::{Benutzer, cookie};
use crate::eingabe::Eingabe;
use crate::fehler::{ApiErgebnis, ApiFehler, Problem};
use crate::zustand::Zustand;

#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Code {
    /// The current 6-digit code of the app (or, to remove, a recovery code).
    pub code: String,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Wiederherstellungscodes {
    /// Shown once; only their hashes are stored. Each is usable once instead of a code.
    pub wiederherstellungscodes: Vec<String>,
}

#[utoipa::path(get, path = "/profil/totp", tag = "Anmeldung",
    responses((status = 200, body = Status), (status = 401, body = Problem)))]
pub async fn status(State(z): State<Zustand>, Benutzer(b): Benutzer) -> ApiErgebnis<Json<Status>> {
    Ok(Json(z.app.zweiter_faktor_status(&b).await?))
}

/// Starts the enrolment: a new secret for the app (`uri` as QR code or `geheimnis` typed in).
#[utoipa::path(post, path = "/profil/totp", tag = "Anmeldung",
    responses((status = 201, body = Einrichtung), (status = 401, body = Problem), (status = 409, body = Problem)))]
pub async fn starten(State(z): State<Zustand>, Benutzer(b): Benutzer) -> ApiErgebnis<(StatusCode, Json<Einrichtung>)> {
    Ok((StatusCode::CREATED, Json(z.app.zweiter_faktor_starten(&b).await?)))
}

/// Confirms the enrolment with a current code; answers the recovery codes (only this once).
#[utoipa::path(post, path = "/profil/totp/bestaetigen", tag = "Anmeldung", request_body = Code,
    responses((status = 200, body = Wiederherstellungscodes), (status = 401, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn bestaetigen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    kopf: HeaderMap,
    Eingabe(c): Eingabe<Code>,
) -> ApiErgebnis<Json<Wiederherstellungscodes>> {
    let geheim = cookie(&kopf, z.cookie_name());
    let wiederherstellungscodes = z.app.zweiter_faktor_bestaetigen(&b, geheim, &c.code).await?;
    Ok(Json(Wiederherstellungscodes { wiederherstellungscodes }))
}

/// Removes the second factor with a current code or a recovery code. Wrong codes count like
/// failed logins (back-off, 429 with `Retry-After`).
#[utoipa::path(delete, path = "/profil/totp", tag = "Anmeldung", request_body = Code,
    responses((status = 204), (status = 401, body = Problem), (status = 404, body = Problem), (status = 422, body = Problem),
        (status = 429, body = Problem)))]
pub async fn entfernen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    ConnectInfo(adresse): ConnectInfo<SocketAddr>,
    Eingabe(c): Eingabe<Code>,
) -> ApiErgebnis<StatusCode> {
    if let Err(warten) = z.drossel.pruefen(&b.login, adresse.ip(), Instant::now()) {
        return Err(ApiFehler::zu_viele("Zu viele falsche Codes. Bitte später erneut versuchen.", warten));
    }
    match z.app.zweiter_faktor_entfernen(&b, &c.code).await {
        Ok(()) => {
            z.drossel.erfolg(&b.login, adresse.ip());
            Ok(StatusCode::NO_CONTENT)
        }
        Err(e) => {
            if matches!(e, AppFehler::Ungueltig { .. }) {
                z.drossel.fehlschlag(&b.login, adresse.ip(), Instant::now());
            }
            Err(e.into())
        }
    }
}
