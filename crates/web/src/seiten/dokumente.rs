//! The documents as PDF downloads: Eingliederungsvereinbarung / Kooperationsplan, Beratungsvermerk,
//! Auskunft nach Art. 15 DSGVO (tagged PDF/UA-1 from crates/documents).

use axum::Router;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::{SeitenBenutzer, SeitenErgebnis, fall_id, nummer};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/kunden/{id}/ev/{ev_id}/pdf", get(ev))
        .route("/kunden/{id}/vermerk/{vermerk_id}/pdf", get(vermerk))
        .route("/kunden/{id}/auskunft/pdf", get(auskunft))
}

fn pdf(inhalt: Vec<u8>, datei: &str) -> Response {
    let anhang = HeaderValue::from_str(&format!("attachment; filename=\"{datei}.pdf\""))
        .unwrap_or(HeaderValue::from_static("attachment"));
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf")), (header::CONTENT_DISPOSITION, anhang)],
        inhalt,
    )
        .into_response()
}

async fn ev(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path((id, ev_id)): Path<(String, String)>,
) -> SeitenErgebnis {
    let (id, ev_id) = (fall_id(&id)?, nummer(&ev_id, "Die Vereinbarung")?);
    Ok(pdf(z.app.ev_pdf(&b.akteur, id, ev_id).await?, &format!("Vereinbarung-{id}-{ev_id}")))
}

async fn vermerk(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path((id, vermerk_id)): Path<(String, String)>,
) -> SeitenErgebnis {
    let (id, vermerk_id) = (fall_id(&id)?, nummer(&vermerk_id, "Der Vermerk")?);
    Ok(pdf(z.app.vermerk_pdf(&b.akteur, id, vermerk_id).await?, &format!("Beratungsvermerk-{id}-{vermerk_id}")))
}

async fn auskunft(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path(id): Path<String>,
) -> SeitenErgebnis {
    let id = fall_id(&id)?;
    Ok(pdf(z.app.auskunft_pdf(&b.akteur, id).await?, &format!("Auskunft-Art15-{id}")))
}
