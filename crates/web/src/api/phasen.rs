//! The four phases of a case: profiling (1), goal (2), strategies (3), Eingliederungsvereinbarung
//! (4), and the Beratungsvermerke and conversations along the way.

use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use utoipa::IntoParams;
use vierphasen_app::fall::{
    Aenderung, EvAbschluss, EvAushaendigung, EvBearbeitung, EvEntwurf, GespraechEingabe, GespraechErgebnis,
    NachtragEingabe, ProfilingEingabe, ProfillageVorschlag, StrategieAbschluss, StrategieAnpassung, StrategieEingabe,
    VermerkEingabe, ZielEingabe,
};
use vierphasen_domain::KundeId;
use vierphasen_domain::fallakte::{Aktivitaet, Vermerkart, Werdegangseintrag};
use vierphasen_domain::regeln::vermerk::Vorbefuellung;

use crate::anmeldung::Benutzer;
use crate::eingabe::{Abfrage, Eingabe, Pfad};
use crate::fehler::{ApiErgebnis, Problem};
use crate::zustand::Zustand;

/// Phase 1: saves a new profiling version (P1–P8, PL1–PL4).
#[utoipa::path(post, path = "/kunden/{id}/profiling", tag = "Phasen", params(("id" = i64, Path)),
    request_body = ProfilingEingabe,
    responses((status = 201, body = Aenderung), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn profiling(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<ProfilingEingabe>,
) -> ApiErgebnis<(StatusCode, Json<Aenderung>)> {
    Ok((StatusCode::CREATED, Json(z.app.profiling_speichern(&b.akteur, id, e).await?)))
}

/// PL1–PL4: the Profillage the engine derives for the entered profiling; nothing is saved.
#[utoipa::path(post, path = "/kunden/{id}/profillage-vorschlag", tag = "Phasen", params(("id" = i64, Path)),
    request_body = ProfilingEingabe,
    responses((status = 200, body = ProfillageVorschlag), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn profillage_vorschlag(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<ProfilingEingabe>,
) -> ApiErgebnis<Json<ProfillageVorschlag>> {
    Ok(Json(z.app.profillage_vorschlag(&b.akteur, id, e).await?))
}

/// Phase 2: sets the goal (Zieloption).
#[utoipa::path(post, path = "/kunden/{id}/ziele", tag = "Phasen", params(("id" = i64, Path)), request_body = ZielEingabe,
    responses((status = 201, body = Aenderung), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn ziel(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<ZielEingabe>,
) -> ApiErgebnis<(StatusCode, Json<Aenderung>)> {
    Ok((StatusCode::CREATED, Json(z.app.ziel_setzen(&b.akteur, id, e).await?)))
}

/// Phase 3: chooses a strategy.
#[utoipa::path(post, path = "/kunden/{id}/strategien", tag = "Phasen", params(("id" = i64, Path)),
    request_body = StrategieEingabe,
    responses((status = 201, body = Aenderung), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn strategie(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<StrategieEingabe>,
) -> ApiErgebnis<(StatusCode, Json<Aenderung>)> {
    Ok((StatusCode::CREATED, Json(z.app.strategie_waehlen(&b.akteur, id, e).await?)))
}

/// Adjusts an open strategy (time window, order, products).
#[utoipa::path(patch, path = "/kunden/{id}/strategien/{sid}", tag = "Phasen",
    params(("id" = i64, Path), ("sid" = i64, Path)), request_body = StrategieAnpassung,
    responses((status = 200, body = Aenderung), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn strategie_anpassen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad((id, sid)): Pfad<(KundeId, i64)>,
    Eingabe(e): Eingabe<StrategieAnpassung>,
) -> ApiErgebnis<Json<Aenderung>> {
    Ok(Json(z.app.strategie_anpassen(&b.akteur, id, sid, e).await?))
}

/// Concludes a strategy with its result.
#[utoipa::path(post, path = "/kunden/{id}/strategien/{sid}/abschluss", tag = "Phasen",
    params(("id" = i64, Path), ("sid" = i64, Path)), request_body = StrategieAbschluss,
    responses((status = 200, body = Aenderung), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn strategie_abschliessen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad((id, sid)): Pfad<(KundeId, i64)>,
    Eingabe(e): Eingabe<StrategieAbschluss>,
) -> ApiErgebnis<Json<Aenderung>> {
    Ok(Json(z.app.strategie_abschliessen(&b.akteur, id, sid, e).await?))
}

/// Phase 4: a draft Eingliederungsvereinbarung (or Kooperationsplan), prefilled from the plan.
#[utoipa::path(post, path = "/kunden/{id}/ev", tag = "Phasen", params(("id" = i64, Path)), request_body = EvEntwurf,
    responses((status = 201, body = Aenderung), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn ev_entwerfen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<EvEntwurf>,
) -> ApiErgebnis<(StatusCode, Json<Aenderung>)> {
    Ok((StatusCode::CREATED, Json(z.app.ev_entwerfen(&b.akteur, id, e).await?)))
}

/// Edits a draft; a concluded one is immutable (E5, 409).
#[utoipa::path(put, path = "/kunden/{id}/ev/{evid}", tag = "Phasen", params(("id" = i64, Path), ("evid" = i64, Path)),
    request_body = EvBearbeitung,
    responses((status = 200, body = Aenderung), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn ev_bearbeiten(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad((id, evid)): Pfad<(KundeId, i64)>,
    Eingabe(e): Eingabe<EvBearbeitung>,
) -> ApiErgebnis<Json<Aenderung>> {
    Ok(Json(z.app.ev_bearbeiten(&b.akteur, id, evid, e).await?))
}

/// E5: signature or agreement; the draft becomes immutable.
#[utoipa::path(post, path = "/kunden/{id}/ev/{evid}/abschluss", tag = "Phasen",
    params(("id" = i64, Path), ("evid" = i64, Path)), request_body = EvAbschluss,
    responses((status = 200, body = Aenderung), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn ev_abschliessen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad((id, evid)): Pfad<(KundeId, i64)>,
    Eingabe(e): Eingabe<EvAbschluss>,
) -> ApiErgebnis<Json<Aenderung>> {
    Ok(Json(z.app.ev_abschliessen(&b.akteur, id, evid, e).await?))
}

/// E5: the handover of a signed agreement, when it was not recorded with the signature.
#[utoipa::path(post, path = "/kunden/{id}/ev/{evid}/aushaendigung", tag = "Phasen",
    params(("id" = i64, Path), ("evid" = i64, Path)), request_body = EvAushaendigung,
    responses((status = 200, body = Aenderung), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn ev_aushaendigen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad((id, evid)): Pfad<(KundeId, i64)>,
    Eingabe(e): Eingabe<EvAushaendigung>,
) -> ApiErgebnis<Json<Aenderung>> {
    Ok(Json(z.app.ev_aushaendigen(&b.akteur, id, evid, e).await?))
}

#[derive(Debug, Deserialize, IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct Vermerkabfrage {
    /// The kind of the Vermerk to prefill.
    pub art: Vermerkart,
}

/// V1/V2: the sections a Vermerk of today is prefilled with (the read is logged, D3).
#[utoipa::path(get, path = "/kunden/{id}/vermerke/vorbefuellung", tag = "Phasen", params(("id" = i64, Path), Vermerkabfrage),
    responses((status = 200, body = Vorbefuellung), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn vorbefuellung(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Abfrage(q): Abfrage<Vermerkabfrage>,
) -> ApiErgebnis<Json<Vorbefuellung>> {
    Ok(Json(z.app.vermerk_vorbefuellung(&b.akteur, id, q.art).await?))
}

/// V1/V3: saves a Beratungsvermerk; immutable from then on.
#[utoipa::path(post, path = "/kunden/{id}/vermerke", tag = "Phasen", params(("id" = i64, Path)), request_body = VermerkEingabe,
    responses((status = 201, body = Aenderung), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn vermerk(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<VermerkEingabe>,
) -> ApiErgebnis<(StatusCode, Json<Aenderung>)> {
    Ok((StatusCode::CREATED, Json(z.app.vermerk_schreiben(&b.akteur, id, e).await?)))
}

/// V3: a dated addendum to a saved Vermerk.
#[utoipa::path(post, path = "/kunden/{id}/vermerke/{vid}/nachtraege", tag = "Phasen",
    params(("id" = i64, Path), ("vid" = i64, Path)), request_body = NachtragEingabe,
    responses((status = 201, body = Aenderung), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn nachtrag(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad((id, vid)): Pfad<(KundeId, i64)>,
    Eingabe(e): Eingabe<NachtragEingabe>,
) -> ApiErgebnis<(StatusCode, Json<Aenderung>)> {
    Ok((StatusCode::CREATED, Json(z.app.nachtrag_schreiben(&b.akteur, id, vid, e).await?)))
}

/// Records a conversation (Erst-, Folgegespräch F1/F2, Übergabe); the answer names the next
/// appointment (agreed, or proposed by the Kontaktdichtekonzept, K1).
#[utoipa::path(post, path = "/kunden/{id}/gespraeche", tag = "Phasen", params(("id" = i64, Path)),
    request_body = GespraechEingabe,
    responses((status = 201, body = GespraechErgebnis), (status = 404, body = Problem), (status = 409, body = Problem),
        (status = 422, body = Problem)))]
pub async fn gespraech(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<GespraechEingabe>,
) -> ApiErgebnis<(StatusCode, Json<GespraechErgebnis>)> {
    Ok((StatusCode::CREATED, Json(z.app.gespraech_erfassen(&b.akteur, id, e).await?)))
}

/// F4: records an activity beside the Folgegespräche (Gruppenmaßnahme, Bewerbercoaching,
/// Beratung zu Selbstvermarktungsstrategien).
#[utoipa::path(post, path = "/kunden/{id}/aktivitaeten", tag = "Phasen", params(("id" = i64, Path)),
    request_body = Aktivitaet,
    responses((status = 201, body = Aenderung), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn aktivitaet(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<Aktivitaet>,
) -> ApiErgebnis<(StatusCode, Json<Aenderung>)> {
    Ok((StatusCode::CREATED, Json(z.app.aktivitaet_erfassen(&b.akteur, id, e).await?)))
}

/// Phase 1: adds a stage to the Werdegang of the Stärken- und Potenzialanalyse.
#[utoipa::path(post, path = "/kunden/{id}/werdegang", tag = "Phasen", params(("id" = i64, Path)),
    request_body = Werdegangseintrag,
    responses((status = 201, body = Aenderung), (status = 404, body = Problem), (status = 422, body = Problem)))]
pub async fn werdegang(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad(id): Pfad<KundeId>,
    Eingabe(e): Eingabe<Werdegangseintrag>,
) -> ApiErgebnis<(StatusCode, Json<Aenderung>)> {
    Ok((StatusCode::CREATED, Json(z.app.werdegang_erfassen(&b.akteur, id, e).await?)))
}

/// Removes a stage of the Werdegang (a wrong stage is removed and added anew).
#[utoipa::path(delete, path = "/kunden/{id}/werdegang/{wid}", tag = "Phasen",
    params(("id" = i64, Path), ("wid" = i64, Path)),
    responses((status = 200, body = Aenderung), (status = 404, body = Problem)))]
pub async fn werdegang_entfernen(
    State(z): State<Zustand>,
    Benutzer(b): Benutzer,
    Pfad((id, wid)): Pfad<(KundeId, i64)>,
) -> ApiErgebnis<Json<Aenderung>> {
    Ok(Json(z.app.werdegang_entfernen(&b.akteur, id, wid).await?))
}
