//! Referrals to the Fachdienste and the ZAV (U2–U8) and their lifecycle (issue 13/1): the VFK
//! refers, the service finds the referral in its inbox, takes it, may ask back and answers; the
//! VFK takes note of the result.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use vierphasen_app::fall::{Aenderung, AuftragEingabe, AuftragsschrittEingabe};
use vierphasen_app::posteingang::{Auftragsakte, Posteingang};
use vierphasen_domain::KundeId;

use crate::anmeldung::Benutzer;
use crate::eingabe::{Eingabe, Pfad};
use crate::fehler::{ApiErgebnis, Problem};
use crate::zustand::Zustand;

/// U2–U8: a referral to a Fachdienst or the ZAV. For the Ärztlicher Dienst ask for
/// `aed_sozialmedizinische_beratung` or `aed_begutachtung`; the doctor chooses the format (U4).
#[utoipa::path(post, path = "/kunden/{id}/auftraege", tag = "Fachdienste", params(("id" = i64, Path)),
    request_body = AuftragEingabe,
    responses((status = 201, body = Aenderung), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn erteilen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<AuftragEingabe>,
) -> ApiErgebnis<(StatusCode, Json<Aenderung>)> {
    Ok((StatusCode::CREATED, Json(z.app.auftrag_erteilen(&b.akteur, id, e).await?)))
}

/// The inbox of the logged-in Fachdienst user: the open referrals to her service, oldest first,
/// with their age against the service level.
#[utoipa::path(get, path = "/auftraege", tag = "Fachdienste",
    responses((status = 200, body = Posteingang), (status = 403, body = Problem)))]
pub async fn posteingang(State(z): State<Zustand>, Benutzer(b): Benutzer) -> ApiErgebnis<Json<Posteingang>> {
    Ok(Json(z.app.posteingang(&b.akteur).await?))
}

/// A referral with the parts of the case file it opens to the service (logged read).
#[utoipa::path(get, path = "/kunden/{id}/auftraege/{aid}", tag = "Fachdienste",
    params(("id" = i64, Path), ("aid" = i64, Path)),
    responses((status = 200, body = Auftragsakte), (status = 404, body = Problem)))]
pub async fn lesen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad((id, aid)): Pfad<(KundeId, i64)>,
) -> ApiErgebnis<Json<Auftragsakte>> {
    Ok(Json(z.app.auftrag_lesen(&b.akteur, id, aid).await?))
}

/// One step of the referral's lifecycle: `annehmen`, `bearbeiten`, `zurueckgeben`,
/// `ergebnis_mitteilen` (the service); `erneut_senden`, `zur_kenntnis_nehmen`, `stornieren` (the
/// responsible VFK). A step the current state does not allow is refused (409) naming the state.
#[utoipa::path(post, path = "/kunden/{id}/auftraege/{aid}/schritt", tag = "Fachdienste",
    params(("id" = i64, Path), ("aid" = i64, Path)),
    request_body = AuftragsschrittEingabe,
    responses((status = 200, body = Aenderung), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn schritt(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad((id, aid)): Pfad<(KundeId, i64)>,
    Eingabe(e): Eingabe<AuftragsschrittEingabe>,
) -> ApiErgebnis<Json<Aenderung>> {
    Ok(Json(z.app.auftrag_schritt(&b.akteur, id, aid, e).await?))
}
