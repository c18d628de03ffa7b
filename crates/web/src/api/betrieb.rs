//! Running a case: consents, appointments, and the case leaving the
//! system (export, Art. 15 Auskunft, access log).

use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use utoipa::ToSchema;
use vierphasen_app::datenschutz::{Protokollauszug, Protokollfilter};
use vierphasen_app::fall::{Aenderung, Auskunft, Datumsangabe, EinwilligungEingabe, Protokolleintrag};
use vierphasen_app::kenntnis::{Ausnahmeangabe, Ausnahmefreigabe, Zugriffsbericht};
use vierphasen_app::termine::{TerminEingabe, TerminFilter, Terminzeile};
use vierphasen_domain::Fallakte;
use vierphasen_domain::KundeId;

use crate::anmeldung::Benutzer;
use crate::eingabe::{Abfrage, Eingabe, Pfad};
use crate::fehler::{ApiErgebnis, Problem};
use crate::zustand::Zustand;

/// U6: a consent (to referrals to ÄD/BPS, or to conversations with the whole BG).
#[utoipa::path(post, path = "/kunden/{id}/einwilligungen", tag = "Betrieb", params(("id" = i64, Path)),
    request_body = EinwilligungEingabe,
    responses((status = 201, body = Aenderung), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn einwilligung(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<EinwilligungEingabe>,
) -> ApiErgebnis<(StatusCode, Json<Aenderung>)> {
    Ok((StatusCode::CREATED, Json(z.app.einwilligung_erteilen(&b.akteur, id, e).await?)))
}

/// Revokes a consent as of the given day.
#[utoipa::path(post, path = "/kunden/{id}/einwilligungen/{eid}/widerruf", tag = "Betrieb",
    params(("id" = i64, Path), ("eid" = i64, Path)), request_body = Datumsangabe,
    responses((status = 200, body = Aenderung), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn einwilligung_widerrufen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad((id, eid)): Pfad<(KundeId, i64)>,
    Eingabe(d): Eingabe<Datumsangabe>,
) -> ApiErgebnis<Json<Aenderung>> {
    Ok(Json(z.app.einwilligung_widerrufen(&b.akteur, id, eid, d).await?))
}

/// P10: the customer's consent to conversations with the whole Bedarfsgemeinschaft.
#[derive(Debug, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct BgEinwilligung {
    /// Day the consent was given; `null` withdraws it.
    #[serde(deserialize_with = "vierphasen_domain::datum::serde_strikt::datum_opt")]
    #[schema(required = true)]
    pub datum: Option<NaiveDate>,
}

/// P10: sets or withdraws the consent to conversations with the whole Bedarfsgemeinschaft.
#[utoipa::path(put, path = "/kunden/{id}/bg-einwilligung", tag = "Betrieb", params(("id" = i64, Path)),
    request_body = BgEinwilligung,
    responses((status = 200, body = Aenderung), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn bg_einwilligung(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<BgEinwilligung>,
) -> ApiErgebnis<Json<Aenderung>> {
    Ok(Json(z.app.bg_einwilligung_setzen(&b.akteur, id, e.datum).await?))
}

/// The user's own appointments and Wiedervorlagen (E2, U1, K1, S13, P4, P8).
// The query parameters of `TerminFilter` are listed here: its `IntoParams` derive would describe
// them as path parameters (it does not say `parameter_in = Query`).
#[utoipa::path(get, path = "/termine", tag = "Betrieb",
    params(TerminFilter),
    responses((status = 200, body = Vec<Terminzeile>), (status = 422, body = Problem)))]
pub async fn termine(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Abfrage(f): Abfrage<TerminFilter>,
) -> ApiErgebnis<Json<Vec<Terminzeile>>> {
    Ok(Json(z.app.termine_liste(&b.akteur, &f).await?))
}

/// An appointment in the calendar of the case's VFK.
#[utoipa::path(post, path = "/kunden/{id}/termine", tag = "Betrieb", params(("id" = i64, Path)), request_body = TerminEingabe,
    responses((status = 201, body = Aenderung), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn termin(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<TerminEingabe>,
) -> ApiErgebnis<(StatusCode, Json<Aenderung>)> {
    Ok((StatusCode::CREATED, Json(z.app.termin_anlegen(&b.akteur, id, e).await?)))
}

/// Marks an appointment or Wiedervorlage done.
#[utoipa::path(post, path = "/termine/{tid}/erledigt", tag = "Betrieb", params(("tid" = i64, Path)),
    responses((status = 204), (status = 403, body = Problem), (status = 404, body = Problem), (status = 409, body = Problem)))]
pub async fn termin_erledigt(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(tid): Pfad<i64>,
) -> ApiErgebnis<StatusCode> {
    z.app.termin_erledigen(&b.akteur, tid).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The whole Fallakte as JSON (a download; the export is logged before the answer, D3).
#[utoipa::path(get, path = "/kunden/{id}/export", tag = "Betrieb", params(("id" = i64, Path)),
    responses((status = 200, body = Fallakte), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn export(State(z): State<Zustand>, Benutzer(b): Benutzer, Pfad(id): Pfad<KundeId>) -> ApiErgebnis<Response> {
    let akte = z.app.fall_exportieren(&b.akteur, id).await?;
    let mut antwort = Json(akte).into_response();
    if let Ok(wert) = HeaderValue::from_str(&format!("attachment; filename=\"fallakte-{id}.json\"")) {
        antwort.headers_mut().insert(header::CONTENT_DISPOSITION, wert);
    }
    Ok(antwort)
}

/// Art. 15 DSGVO: stored data, history of changes and the reads with their purposes.
#[utoipa::path(get, path = "/kunden/{id}/auskunft", tag = "Betrieb", params(("id" = i64, Path)),
    responses((status = 200, body = Auskunft), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn auskunft(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
) -> ApiErgebnis<Json<Auskunft>> {
    Ok(Json(z.app.auskunft_art15(&b.akteur, id).await?))
}

/// D3: the access log of a case (Datenschutz).
#[utoipa::path(get, path = "/kunden/{id}/protokoll", tag = "Betrieb", params(("id" = i64, Path)),
    responses((status = 200, body = Vec<Protokolleintrag>), (status = 403, body = Problem), (status = 404, body = Problem)))]
pub async fn protokoll(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
) -> ApiErgebnis<Json<Vec<Protokolleintrag>>> {
    Ok(Json(z.app.protokoll_lesen(&b.akteur, id).await?))
}

/// D1 break-the-glass: a VFK states why she opens a case outside her caseload, team and
/// stand-ins; the case is then readable for her for a working day (logged, reported).
#[utoipa::path(post, path = "/kunden/{id}/ausnahmezugriff", tag = "Betrieb", params(("id" = i64, Path)),
    request_body = Ausnahmeangabe,
    responses((status = 201, body = Ausnahmefreigabe), (status = 403, body = Problem), (status = 404, body = Problem),
        (status = 409, body = Problem), (status = 422, body = Problem)))]
pub async fn ausnahmezugriff(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(angabe): Eingabe<Ausnahmeangabe>,
) -> ApiErgebnis<(StatusCode, Json<Ausnahmefreigabe>)> {
    Ok((StatusCode::CREATED, Json(z.app.ausnahmezugriff(&b.akteur, id, angabe).await?)))
}

/// Rows of the access log the API answers at most (the newest; `gesamt` counts all).
const PROTOKOLL_HOECHSTENS: i64 = 1000;

/// D3 (Datenschutz, issue 15/9): the access log of the own Dienststelle, newest first, filtered
/// by user, days (Berlin, inclusive), purpose and case.
#[utoipa::path(get, path = "/datenschutz/zugriffsprotokoll", tag = "Betrieb", params(Protokollfilter),
    responses((status = 200, body = Protokollauszug), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn zugriffsprotokoll(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Abfrage(f): Abfrage<Protokollfilter>,
) -> ApiErgebnis<Json<Protokollauszug>> {
    Ok(Json(z.app.protokoll_suchen(&b.akteur, &f, PROTOKOLL_HOECHSTENS).await?))
}

/// D1/D3 (Datenschutz): exceptional reads and customer searches of the own Dienststelle.
#[utoipa::path(get, path = "/datenschutz/zugriffsbericht", tag = "Betrieb",
    responses((status = 200, body = Zugriffsbericht), (status = 403, body = Problem)))]
pub async fn zugriffsbericht(State(z): State<Zustand>, Benutzer(b): Benutzer) -> ApiErgebnis<Json<Zugriffsbericht>> {
    Ok(Json(z.app.zugriffsbericht(&b.akteur).await?))
}
