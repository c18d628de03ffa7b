//! Ids from the path of a page. Text that is no number names nothing that exists: the page
//! answers "not found" exactly like for a missing case or one the user may not see (D1).

use axum::extract::{FromRequestParts, RawPathParams};
use axum::http::request::Parts;
use vierphasen_app::AppFehler;
use vierphasen_domain::KundeId;

use super::SeitenFehler;

/// The case of `/kunden/{id}/…`.
#[derive(Debug, Clone, Copy)]
pub struct FallPfad(pub KundeId);

/// The case and a row below it (`/kunden/{id}/strategien/{sid}/…`).
#[derive(Debug, Clone, Copy)]
pub struct FallZeile(pub KundeId, pub i64);

impl<S: Send + Sync> FromRequestParts<S> for FallPfad {
    type Rejection = SeitenFehler;

    async fn from_request_parts(parts: &mut Parts, s: &S) -> Result<Self, SeitenFehler> {
        let pfad = RawPathParams::from_request_parts(parts, s).await.map_err(|_| fall_fehlt())?;
        Ok(FallPfad(fall(&pfad)?))
    }
}

impl<S: Send + Sync> FromRequestParts<S> for FallZeile {
    type Rejection = SeitenFehler;

    async fn from_request_parts(parts: &mut Parts, s: &S) -> Result<Self, SeitenFehler> {
        let pfad = RawPathParams::from_request_parts(parts, s).await.map_err(|_| fall_fehlt())?;
        let kunde = fall(&pfad)?;
        let (segment, text) = pfad.iter().find(|(name, _)| *name != "id").unwrap_or(("", ""));
        Ok(FallZeile(kunde, nummer(text, zeilenart(segment))?))
    }
}

fn fall(pfad: &RawPathParams) -> Result<KundeId, AppFehler> {
    pfad.iter()
        .find(|(name, _)| *name == "id")
        .and_then(|(_, text)| text.parse().ok())
        .map(KundeId)
        .ok_or_else(fall_fehlt)
}

fn fall_fehlt() -> AppFehler {
    AppFehler::NichtGefunden("Der Fall")
}

/// What the second segment of a case's path names (for "… wurde nicht gefunden.").
fn zeilenart(segment: &str) -> &'static str {
    match segment {
        "sid" => "Die Handlungsstrategie",
        "ev_id" => "Die Eingliederungsvereinbarung",
        "vermerk_id" => "Der Beratungsvermerk",
        "eid" => "Die Einwilligung",
        "vid" => "Der Vermittlungsvorschlag",
        "wid" => "Der Eintrag im Werdegang",
        _ => "Der Eintrag",
    }
}

/// A row id from the path of a page outside a case (`/stellen/{id}`, `/termine/{tid}`).
pub fn nummer(text: &str, was: &'static str) -> Result<i64, AppFehler> {
    text.parse().map_err(|_| AppFehler::NichtGefunden(was))
}
