//! Administration: who is responsible for a case, the §35 SGB I restriction, the configuration of
//! the Dienststelle, teams and staff accounts, stand-ins.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use vierphasen_app::dienststelle::{Benutzerzeile, Teamzeile};
use vierphasen_app::fall::{Aenderung, Sperre, Zustaendigkeit};
use vierphasen_app::konto::NeuerBenutzer;
use vierphasen_app::vertretung::{VertretungEingabe, Vertretungszeile};
use vierphasen_domain::KundeId;
use vierphasen_domain::fallakte::Dienststelle;

use super::kunden::Angelegt;
use crate::anmeldung::Benutzer;
use crate::eingabe::{Eingabe, Pfad};
use crate::fehler::{ApiErgebnis, Problem};
use crate::zustand::Zustand;

/// Reassigns a case to another VFK (Teamleitung).
#[utoipa::path(put, path = "/kunden/{id}/zustaendigkeit", tag = "Verwaltung", params(("id" = i64, Path)),
    request_body = Zustaendigkeit,
    responses((status = 200, body = Aenderung), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn zustaendigkeit(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<Zustaendigkeit>,
) -> ApiErgebnis<Json<Aenderung>> {
    Ok(Json(z.app.zustaendigkeit_aendern(&b.akteur, id, e).await?))
}

/// §35 SGB I: restricts a case to the named users, or lifts the restriction (Datenschutz).
#[utoipa::path(put, path = "/kunden/{id}/sperre", tag = "Verwaltung", params(("id" = i64, Path)), request_body = Sperre,
    responses((status = 200, body = Aenderung), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 422, body = Problem)))]
pub async fn sperre(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<Sperre>,
) -> ApiErgebnis<Json<Aenderung>> {
    Ok(Json(z.app.sperre_setzen(&b.akteur, id, e).await?))
}

/// The configuration of the user's Dienststelle (local strategies S11, Kontaktdichtekonzept K1).
#[utoipa::path(get, path = "/dienststelle/konfiguration", tag = "Verwaltung",
    responses((status = 200, body = Dienststelle)))]
pub async fn konfiguration(State(z): State<Zustand>, Benutzer(b): Benutzer) -> ApiErgebnis<Json<Dienststelle>> {
    Ok(Json(z.app.konfiguration_lesen(&b.akteur).await?))
}

/// Replaces the configuration (Administration); answers it as stored.
#[utoipa::path(put, path = "/dienststelle/konfiguration", tag = "Verwaltung", request_body = Dienststelle,
    responses((status = 200, body = Dienststelle), (status = 403, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn konfiguration_setzen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Eingabe(neu): Eingabe<Dienststelle>,
) -> ApiErgebnis<Json<Dienststelle>> {
    Ok(Json(z.app.konfiguration_setzen(&b.akteur, neu).await?))
}

/// The teams of the Dienststelle (Administration, Teamleitung).
#[utoipa::path(get, path = "/teams", tag = "Verwaltung",
    responses((status = 200, body = Vec<Teamzeile>), (status = 403, body = Problem)))]
pub async fn teams(State(z): State<Zustand>, Benutzer(b): Benutzer) -> ApiErgebnis<Json<Vec<Teamzeile>>> {
    Ok(Json(z.app.teams_liste(&b.akteur).await?))
}

/// The staff of the Dienststelle (Administration, Teamleitung).
#[utoipa::path(get, path = "/benutzer", tag = "Verwaltung",
    responses((status = 200, body = Vec<Benutzerzeile>), (status = 403, body = Problem)))]
pub async fn benutzer(State(z): State<Zustand>, Benutzer(b): Benutzer) -> ApiErgebnis<Json<Vec<Benutzerzeile>>> {
    Ok(Json(z.app.benutzer_liste(&b.akteur).await?))
}

/// A new staff account in the user's Dienststelle (Administration).
#[utoipa::path(post, path = "/benutzer", tag = "Verwaltung", request_body = NeuerBenutzer,
    responses((status = 201, body = Angelegt), (status = 403, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn benutzer_anlegen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Eingabe(neu): Eingabe<NeuerBenutzer>,
) -> ApiErgebnis<(StatusCode, Json<Angelegt>)> {
    let id = z.app.benutzer_anlegen(Some(&b.akteur), b.dienststelle_id, neu).await?;
    Ok((StatusCode::CREATED, Json(Angelegt { id })))
}

/// Disables an account; its sessions and tokens end at once (Administration).
#[utoipa::path(post, path = "/benutzer/{bid}/deaktivierung", tag = "Verwaltung", params(("bid" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn benutzer_deaktivieren(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(bid): Pfad<i64>,
) -> ApiErgebnis<StatusCode> {
    z.app.benutzer_deaktivieren(&b.akteur, bid).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Issue 13/6: the stand-ins of the user (VFK: for her and by her; Teamleitung: her team's).
#[utoipa::path(get, path = "/vertretungen", tag = "Verwaltung",
    responses((status = 200, body = Vec<Vertretungszeile>), (status = 403, body = Problem)))]
pub async fn vertretungen(State(z): State<Zustand>, Benutzer(b): Benutzer) -> ApiErgebnis<Json<Vec<Vertretungszeile>>> {
    Ok(Json(z.app.vertretungen(&b.akteur).await?))
}

/// Issue 13/6: enters a stand-in (or changes its days): the VFK for herself, the Teamleitung for
/// a VFK of her team. During the days the stand-in reads and changes the caseload.
#[utoipa::path(put, path = "/vertretungen", tag = "Verwaltung", request_body = VertretungEingabe,
    responses((status = 204), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn vertretung_eintragen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Eingabe(e): Eingabe<VertretungEingabe>,
) -> ApiErgebnis<StatusCode> {
    z.app.vertretung_eintragen(&b.akteur, e).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// Issue 13/6: ends a stand-in at once.
#[utoipa::path(delete, path = "/vertretungen/{vertretene_id}/{vertreter_id}", tag = "Verwaltung",
    params(("vertretene_id" = i64, Path), ("vertreter_id" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn vertretung_beenden(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad((vertretene, vertreter)): Pfad<(i64, i64)>,
) -> ApiErgebnis<StatusCode> {
    z.app.vertretung_beenden(&b.akteur, vertretene, vertreter).await?;
    Ok(StatusCode::NO_CONTENT)
}
