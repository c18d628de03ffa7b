//! U1: the Rechtskreiswechsel of a case and the Übergabe SGB III → SGB II (issue 13/5): the
//! Agentur's VFK sends the handover packet, the Jobcenter lists and takes it over; the
//! Agentur's administration enters the local standard with each partner Jobcenter.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use vierphasen_app::fall::RechtskreiswechselAngabe;
use vierphasen_app::uebergabe::{
    UebergabeEingabe, Uebergabeakte, Uebergabeliste, Uebergabestandard, UebergabestandardEingabe, UebernahmeEingabe,
    Uebernahmeergebnis,
};
use vierphasen_domain::KundeId;

use crate::anmeldung::Benutzer;
use crate::eingabe::{Eingabe, Pfad};
use crate::fehler::{ApiErgebnis, Problem};
use crate::zustand::Zustand;

/// U1: the Rechtskreiswechsel (end of Alg I) of a case, or `null` to remove it; answers with the
/// rule findings. Its dates become Fristen and Wiedervorlagen.
#[utoipa::path(put, path = "/kunden/{id}/rechtskreiswechsel", tag = "Übergabe", params(("id" = i64, Path)),
    request_body = RechtskreiswechselAngabe, responses((status = 200, body = Vec<vierphasen_domain::Befund>),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn rechtskreiswechsel(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(a): Eingabe<RechtskreiswechselAngabe>,
) -> ApiErgebnis<Json<Vec<vierphasen_domain::Befund>>> {
    Ok(Json(z.app.rechtskreiswechsel_setzen(&b.akteur, id, a).await?))
}

/// U1: the responsible VFK sends the handover packet of an SGB III case to a partner Jobcenter;
/// answers with the handover's id.
#[utoipa::path(post, path = "/kunden/{id}/uebergabe", tag = "Übergabe", params(("id" = i64, Path)),
    request_body = UebergabeEingabe, responses((status = 201, body = i64), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn senden(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<UebergabeEingabe>,
) -> ApiErgebnis<(StatusCode, Json<i64>)> {
    Ok((StatusCode::CREATED, Json(z.app.uebergabe_senden(&b.akteur, id, e).await?)))
}

/// The incoming (Jobcenter) and outgoing (Agentur) handovers of the user's Dienststelle, with
/// their delays against the local standard.
#[utoipa::path(get, path = "/uebergaben", tag = "Übergabe",
    responses((status = 200, body = Uebergabeliste), (status = 403, body = Problem)))]
pub async fn liste(State(z): State<Zustand>, Benutzer(b): Benutzer) -> ApiErgebnis<Json<Uebergabeliste>> {
    Ok(Json(z.app.uebergaben(&b.akteur).await?))
}

/// A handover with its packet (a logged read).
#[utoipa::path(get, path = "/uebergaben/{uid}", tag = "Übergabe", params(("uid" = i64, Path)),
    responses((status = 200, body = Uebergabeakte), (status = 404, body = Problem)))]
pub async fn lesen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(uid): Pfad<i64>,
) -> ApiErgebnis<Json<Uebergabeakte>> {
    Ok(Json(z.app.uebergabe_lesen(&b.akteur, uid).await?))
}

/// The Jobcenter takes a waiting handover over: the SGB II case continues the profiling (or a
/// case of the same person is linked); the Erstgespräch SGB II falls due under the standard.
#[utoipa::path(post, path = "/uebergaben/{uid}/uebernahme", tag = "Übergabe", params(("uid" = i64, Path)),
    request_body = UebernahmeEingabe, responses((status = 200, body = Uebernahmeergebnis), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn uebernehmen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(uid): Pfad<i64>,
    Eingabe(e): Eingabe<UebernahmeEingabe>,
) -> ApiErgebnis<Json<Uebernahmeergebnis>> {
    Ok(Json(z.app.uebergabe_uebernehmen(&b.akteur, uid, e).await?))
}

/// The Agentur's responsible VFK withdraws a handover that still waits.
#[utoipa::path(post, path = "/uebergaben/{uid}/zurueckziehen", tag = "Übergabe", params(("uid" = i64, Path)),
    responses((status = 204), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn zurueckziehen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(uid): Pfad<i64>,
) -> ApiErgebnis<StatusCode> {
    z.app.uebergabe_zurueckziehen(&b.akteur, uid).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The local handover standards the user's Dienststelle is part of.
#[utoipa::path(get, path = "/uebergabestandards", tag = "Übergabe",
    responses((status = 200, body = Vec<Uebergabestandard>)))]
pub async fn standards(State(z): State<Zustand>, Benutzer(b): Benutzer) -> ApiErgebnis<Json<Vec<Uebergabestandard>>> {
    Ok(Json(z.app.uebergabestandards(&b.akteur).await?))
}

/// The Agentur's administration enters or changes the standard with one partner Jobcenter.
#[utoipa::path(put, path = "/uebergabestandards", tag = "Übergabe", request_body = UebergabestandardEingabe,
    responses((status = 200, body = Uebergabestandard), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn standard_setzen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Eingabe(e): Eingabe<UebergabestandardEingabe>,
) -> ApiErgebnis<Json<Uebergabestandard>> {
    Ok(Json(z.app.uebergabestandard_setzen(&b.akteur, e).await?))
}
