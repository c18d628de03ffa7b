//! The documents as PDF downloads: Eingliederungsvereinbarung / Kooperationsplan, Beratungsvermerk,
//! the letter of a Vermittlungsvorschlag, Auskunft nach Art. 15 DSGVO (tagged PDF/UA-1 from crates/documents).
//! The preview of a Vereinbarung is the same PDF shown in the browser (issue 15: a preview of its
//! own once differed from the document the customer signs).

use axum::Router;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;

use super::{FallPfad, FallZeile, SeitenBenutzer, SeitenErgebnis};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/kunden/{id}/ev/{ev_id}/pdf", get(ev))
        .route("/kunden/{id}/ev/{ev_id}/vorschau", get(ev_vorschau))
        .route("/kunden/{id}/vermerk/{vermerk_id}/pdf", get(vermerk))
        .route("/kunden/{id}/auskunft/pdf", get(auskunft))
        .route("/kunden/{id}/vorschlaege/{vorschlag_id}/pdf", get(vorschlag))
}

fn pdf(inhalt: Vec<u8>, datei: &str) -> Response {
    pdf_als(inhalt, datei, "attachment")
}

/// `art`: "attachment" (download) or "inline" (shown in the browser).
fn pdf_als(inhalt: Vec<u8>, datei: &str, art: &'static str) -> Response {
    let anhang =
        HeaderValue::from_str(&format!("{art}; filename=\"{datei}.pdf\"")).unwrap_or(HeaderValue::from_static(art));
    (
        [(header::CONTENT_TYPE, HeaderValue::from_static("application/pdf")), (header::CONTENT_DISPOSITION, anhang)],
        inhalt,
    )
        .into_response()
}

async fn ev(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, ev_id): FallZeile,
) -> SeitenErgebnis {
    Ok(pdf(z.app.ev_pdf(&b.akteur, id, ev_id).await?, &format!("Vereinbarung-{id}-{ev_id}")))
}

async fn ev_vorschau(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, ev_id): FallZeile,
) -> SeitenErgebnis {
    Ok(pdf_als(z.app.ev_pdf(&b.akteur, id, ev_id).await?, &format!("Vereinbarung-{id}-{ev_id}"), "inline"))
}

async fn vermerk(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, vermerk_id): FallZeile,
) -> SeitenErgebnis {
    Ok(pdf(z.app.vermerk_pdf(&b.akteur, id, vermerk_id).await?, &format!("Beratungsvermerk-{id}-{vermerk_id}")))
}

async fn vorschlag(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, vorschlag_id): FallZeile,
) -> SeitenErgebnis {
    Ok(pdf(
        z.app.vorschlag_pdf(&b.akteur, id, vorschlag_id).await?,
        &format!("Vermittlungsvorschlag-{id}-{vorschlag_id}"),
    ))
}

async fn auskunft(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
) -> SeitenErgebnis {
    Ok(pdf(z.app.auskunft_pdf(&b.akteur, id).await?, &format!("Auskunft-Art15-{id}")))
}
