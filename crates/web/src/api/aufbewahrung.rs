//! Retention, deletion and restriction (issue 17/6; Datenschutz): the plan of a case, legal
//! holds, Art. 17 requests, the deletion runs. The run itself is `vierphasen retention run`.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use vierphasen_app::aufbewahrung::{Anordnungsangabe, Aufbewahrungsansicht, Laufzeile, Loeschantragsangabe};
use vierphasen_app::fall::Aenderung;
use vierphasen_domain::KundeId;

use crate::anmeldung::Benutzer;
use crate::eingabe::{Eingabe, Pfad};
use crate::fehler::{ApiErgebnis, Problem};
use crate::zustand::Zustand;

/// The retention plan of a case today: per category the period, its legal basis and what
/// happens (kept until, due, restricted); holds and Art. 17 requests. Logged as a read (D3).
#[utoipa::path(get, path = "/kunden/{id}/aufbewahrung", tag = "Datenschutz", params(("id" = i64, Path)),
    responses((status = 200, body = Aufbewahrungsansicht), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn ansicht(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
) -> ApiErgebnis<Json<Aufbewahrungsansicht>> {
    Ok(Json(z.app.aufbewahrung_ansehen(&b.akteur, id).await?))
}

/// A legal hold: nothing of the case is deleted while it is set; what is due is restricted.
#[utoipa::path(post, path = "/kunden/{id}/aufbewahrungsanordnungen", tag = "Datenschutz", params(("id" = i64, Path)),
    request_body = Anordnungsangabe,
    responses((status = 201, body = Aenderung), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn anordnen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(angabe): Eingabe<Anordnungsangabe>,
) -> ApiErgebnis<(StatusCode, Json<Aenderung>)> {
    Ok((StatusCode::CREATED, Json(z.app.aufbewahrung_anordnen(&b.akteur, id, angabe).await?)))
}

/// Lifts a legal hold; the next deletion run deletes what is due.
#[utoipa::path(post, path = "/kunden/{id}/aufbewahrungsanordnungen/{anordnung}/aufhebung", tag = "Datenschutz",
    params(("id" = i64, Path), ("anordnung" = i64, Path)),
    responses((status = 200, body = Aenderung), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem)))]
pub async fn aufheben(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad((id, anordnung)): Pfad<(KundeId, i64)>,
) -> ApiErgebnis<Json<Aenderung>> {
    Ok(Json(z.app.aufbewahrung_aufheben(&b.akteur, id, anordnung).await?))
}

/// Art. 17: records a customer's request for deletion; the deletion run carries it out.
#[utoipa::path(post, path = "/kunden/{id}/loeschantrag", tag = "Datenschutz", params(("id" = i64, Path)),
    request_body = Loeschantragsangabe,
    responses((status = 201, body = Aenderung), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn loeschantrag(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(angabe): Eingabe<Loeschantragsangabe>,
) -> ApiErgebnis<(StatusCode, Json<Aenderung>)> {
    Ok((StatusCode::CREATED, Json(z.app.loeschantrag_erfassen(&b.akteur, id, angabe).await?)))
}

/// The deletion runs, newest first, with their reports (counts only).
#[utoipa::path(get, path = "/datenschutz/loeschlaeufe", tag = "Datenschutz",
    responses((status = 200, body = Vec<Laufzeile>), (status = 403, body = Problem)))]
pub async fn loeschlaeufe(State(z): State<Zustand>, Benutzer(b): Benutzer) -> ApiErgebnis<Json<Vec<Laufzeile>>> {
    Ok(Json(z.app.loeschlaeufe(&b.akteur).await?))
}
