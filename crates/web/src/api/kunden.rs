//! Customers and the case file (phase 1 starts here).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};
use vierphasen_app::fall::{
    Abmeldung, Datumsangabe, ErwerbstaetigkeitAngabe, Fallansicht, Kundensuche, Kundenzeile, NeuerKunde,
    Wiedermeldungsergebnis,
};

use vierphasen_domain::KundeId;

use crate::anmeldung::Benutzer;
use crate::eingabe::{Abfrage, Eingabe, Pfad};
use crate::fehler::{ApiErgebnis, Problem};
use crate::zustand::Zustand;

#[derive(Debug, Serialize, ToSchema)]
pub struct Angelegt {
    pub id: i64,
}

#[utoipa::path(post, path = "/kunden", tag = "Kunden", request_body = NeuerKunde,
    responses((status = 201, body = Angelegt), (status = 422, body = Problem), (status = 403, body = Problem)))]
pub async fn anlegen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Eingabe(neu): Eingabe<NeuerKunde>,
) -> ApiErgebnis<(StatusCode, Json<Angelegt>)> {
    let id = z.app.kunde_anlegen(&b.akteur, neu).await?;
    Ok((StatusCode::CREATED, Json(Angelegt { id: id.0 })))
}

#[utoipa::path(get, path = "/kunden", tag = "Kunden", params(Kundensuche), responses((status = 200, body = Vec<Kundenzeile>)))]
pub async fn liste(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Abfrage(suche): Abfrage<Kundensuche>,
) -> ApiErgebnis<Json<Vec<Kundenzeile>>> {
    Ok(Json(z.app.kunden_liste(&b.akteur, &suche).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct Zweck {
    /// Why the case file is opened (D3), e.g. `Beratung`; default by role.
    pub zweck: Option<String>,
}

/// Opens the case file; the read is logged with its purpose before the answer (D3).
#[utoipa::path(get, path = "/kunden/{id}", tag = "Kunden", params(("id" = i64, Path), Zweck),
    responses((status = 200, body = Fallansicht), (status = 404, body = Problem)))]
pub async fn lesen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Abfrage(q): Abfrage<Zweck>,
) -> ApiErgebnis<Json<Fallansicht>> {
    Ok(Json(z.app.fall_lesen(&b.akteur, id, q.zweck.as_deref()).await?))
}

/// C1/C2: a new registration episode (re-registration).
#[utoipa::path(post, path = "/kunden/{id}/meldungen", tag = "Kunden", params(("id" = i64, Path)), request_body = Datumsangabe,
    responses((status = 201, body = Wiedermeldungsergebnis), (status = 409, body = Problem)))]
pub async fn meldung(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(d): Eingabe<Datumsangabe>,
) -> ApiErgebnis<(StatusCode, Json<Wiedermeldungsergebnis>)> {
    Ok((StatusCode::CREATED, Json(z.app.meldung_anlegen(&b.akteur, id, d.datum).await?)))
}

#[utoipa::path(post, path = "/kunden/{id}/abmeldung", tag = "Kunden", params(("id" = i64, Path)), request_body = Abmeldung,
    responses((status = 204), (status = 409, body = Problem)))]
pub async fn abmeldung(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(a): Eingabe<Abmeldung>,
) -> ApiErgebnis<StatusCode> {
    z.app.abmelden_kunde(&b.akteur, id, a).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Z2/PL4: the customer's work beside the benefit changed; answers with the rule findings.
#[utoipa::path(put, path = "/kunden/{id}/erwerbstaetigkeit", tag = "Kunden", params(("id" = i64, Path)),
    request_body = ErwerbstaetigkeitAngabe, responses((status = 200, body = Vec<vierphasen_domain::Befund>),
        (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn erwerbstaetigkeit(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(a): Eingabe<ErwerbstaetigkeitAngabe>,
) -> ApiErgebnis<Json<Vec<vierphasen_domain::Befund>>> {
    Ok(Json(z.app.erwerbstaetigkeit_setzen(&b.akteur, id, a).await?))
}
