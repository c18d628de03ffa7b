//! §8.4 Matching: Stellenangebote, matches both ways, Vermittlungsvorschläge, BAC (P6).

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::IntoParams;
use vierphasen_app::fall::{
    Aenderung, Bewerberliste, Fallmatching, Vermittlungsangaben, VorschlagAenderung, VorschlagEingabe,
};
use vierphasen_app::stellen::{Stelle, StellenEingabe, Stellensuche};

use super::kunden::Zweck;
use vierphasen_domain::KundeId;

use crate::anmeldung::Benutzer;
use crate::eingabe::{Abfrage, Eingabe, Pfad};
use crate::fehler::{ApiErgebnis, Problem};
use crate::zustand::Zustand;

/// Postings, newest first (at most 200); open ones unless `alle`.
#[utoipa::path(get, path = "/stellen", tag = "Matching", params(Stellensuche),
    responses((status = 200, body = Vec<Stelle>), (status = 422, body = Problem)))]
pub async fn stellen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Abfrage(suche): Abfrage<Stellensuche>,
) -> ApiErgebnis<Json<Vec<Stelle>>> {
    Ok(Json(z.app.stellen_suchen(&b.akteur, &suche).await?))
}

/// Enters a posting; searchable for matching when the answer arrives (B5).
#[utoipa::path(post, path = "/stellen", tag = "Matching", request_body = StellenEingabe,
    responses((status = 201, body = Stelle), (status = 403, body = Problem), (status = 422, body = Problem)))]
pub async fn stelle_anlegen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Eingabe(e): Eingabe<StellenEingabe>,
) -> ApiErgebnis<(StatusCode, Json<Stelle>)> {
    Ok((StatusCode::CREATED, Json(z.app.stelle_speichern(&b.akteur, None, e).await?)))
}

#[utoipa::path(get, path = "/stellen/{id}", tag = "Matching", params(("id" = i64, Path)),
    responses((status = 200, body = Stelle), (status = 404, body = Problem)))]
pub async fn stelle(State(z): State<Zustand>, Benutzer(b): Benutzer, Pfad(id): Pfad<i64>) -> ApiErgebnis<Json<Stelle>> {
    Ok(Json(z.app.stelle_lesen(&b.akteur, id).await?))
}

/// Changes a posting (an end date in the past takes it out of matching).
#[utoipa::path(put, path = "/stellen/{id}", tag = "Matching", params(("id" = i64, Path)), request_body = StellenEingabe,
    responses((status = 200, body = Stelle), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn stelle_aendern(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<i64>,
    Eingabe(e): Eingabe<StellenEingabe>,
) -> ApiErgebnis<Json<Stelle>> {
    Ok(Json(z.app.stelle_speichern(&b.akteur, Some(id), e).await?))
}

/// Posting → candidates (AG-S view): only cases the user may read are named, each read logged.
#[utoipa::path(get, path = "/stellen/{id}/bewerber", tag = "Matching", params(("id" = i64, Path)),
    responses((status = 200, body = Bewerberliste), (status = 404, body = Problem)))]
pub async fn bewerber(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<i64>,
) -> ApiErgebnis<Json<Bewerberliste>> {
    Ok(Json(z.app.bewerber_zur_stelle(&b.akteur, id).await?))
}

/// Candidate → postings: the case's matches, explained per factor, and its Vermittlungsvorschläge
/// (a logged read, D3; marks the matches seen, F3).
#[utoipa::path(get, path = "/kunden/{id}/treffer", tag = "Matching", params(("id" = i64, Path), Zweck),
    responses((status = 200, body = Fallmatching), (status = 404, body = Problem)))]
pub async fn treffer(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Abfrage(q): Abfrage<Zweck>,
) -> ApiErgebnis<Json<Fallmatching>> {
    Ok(Json(z.app.treffer_lesen(&b.akteur, id, q.zweck.as_deref()).await?))
}

/// Turns a match into a Vermittlungsvorschlag (S12: never blocked by open strategies).
#[utoipa::path(post, path = "/kunden/{id}/vorschlaege", tag = "Matching", params(("id" = i64, Path)),
    request_body = VorschlagEingabe,
    responses((status = 201, body = Aenderung), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn vorschlag(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<VorschlagEingabe>,
) -> ApiErgebnis<(StatusCode, Json<Aenderung>)> {
    Ok((StatusCode::CREATED, Json(z.app.vorschlag_anlegen(&b.akteur, id, e).await?)))
}

/// The next step of a proposal (vorgeschlagen → beworben → Vorstellungsgespräch → eingestellt,
/// or abgelehnt with a reason) and the employer's feedback.
#[utoipa::path(put, path = "/kunden/{id}/vorschlaege/{vid}", tag = "Matching",
    params(("id" = i64, Path), ("vid" = i64, Path)), request_body = VorschlagAenderung,
    responses((status = 200, body = Aenderung), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn vorschlag_aendern(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad((id, vid)): Pfad<(KundeId, i64)>,
    Eingabe(e): Eingabe<VorschlagAenderung>,
) -> ApiErgebnis<Json<Aenderung>> {
    Ok(Json(z.app.vorschlag_aendern(&b.akteur, id, vid, e).await?))
}

/// Working time, availability and commuting radius of the Bewerberprofil.
#[utoipa::path(put, path = "/kunden/{id}/vermittlungsangaben", tag = "Matching", params(("id" = i64, Path)),
    request_body = Vermittlungsangaben,
    responses((status = 204), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn vermittlungsangaben(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<Vermittlungsangaben>,
) -> ApiErgebnis<StatusCode> {
    z.app.vermittlungsangaben_setzen(&b.akteur, id, e).await?;
    Ok(StatusCode::NO_CONTENT)
}

#[derive(Debug, Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
#[serde(deny_unknown_fields)]
pub struct BacAnfrage {
    /// KldB 2010 code (five digits).
    pub beruf: String,
    /// Around this postcode (Tagespendelbereich); without: nationwide.
    pub plz: Option<String>,
}

/// P6: open postings per job seeker for an occupation and region, monthly trend, better related
/// occupations (same Berufsgruppe) — from the system's own data.
#[utoipa::path(get, path = "/bac", tag = "Matching", params(BacAnfrage),
    responses((status = 200, body = Object, description = "Bac: aktuell, verlauf, bessere_alternativen"),
        (status = 422, body = Problem)))]
pub async fn bac(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Abfrage(q): Abfrage<BacAnfrage>,
) -> ApiErgebnis<Json<vierphasen_matching::Bac>> {
    Ok(Json(z.app.bac(&b.akteur, &q.beruf, q.plz.as_deref())?))
}
