//! RFC 9457 problem+json with a German `detail`; rule violations carry their rule ids.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use vierphasen_app::AppFehler;
use vierphasen_domain::Befund;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// `urn:vierphasen:problem:<art>`
    #[serde(rename = "type")]
    pub typ: String,
    pub title: String,
    pub status: u16,
    /// German explanation for the user.
    pub detail: String,
    /// The field that was refused (422).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feld: Option<String>,
    /// Rule ids of DOMAIN.md behind a refusal.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regeln: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub befunde: Vec<Befund>,
}

#[derive(Debug)]
pub struct ApiFehler(pub StatusCode, pub Problem);

impl ApiFehler {
    pub fn neu(status: StatusCode, art: &str, titel: &str, detail: impl Into<String>) -> Self {
        ApiFehler(
            status,
            Problem {
                typ: format!("urn:vierphasen:problem:{art}"),
                title: titel.into(),
                status: status.as_u16(),
                detail: detail.into(),
                feld: None,
                regeln: Vec::new(),
                befunde: Vec::new(),
            },
        )
    }

    pub fn ungueltig(feld: impl Into<String>, meldung: impl Into<String>) -> Self {
        let feld = feld.into();
        let mut f = Self::neu(
            StatusCode::UNPROCESSABLE_ENTITY,
            "ungueltige-eingabe",
            "Ungültige Eingabe",
            format!("Feld `{feld}`: {}", meldung.into()),
        );
        f.1.feld = Some(feld);
        f
    }

    pub fn nicht_angemeldet() -> Self {
        AppFehler::NichtAngemeldet.into()
    }

    fn mit_befunden(mut self, befunde: Vec<Befund>) -> Self {
        let mut regeln: Vec<String> = befunde.iter().map(|b| b.regel.to_string()).collect();
        regeln.dedup();
        self.1.regeln = regeln;
        self.1.befunde = befunde;
        self
    }
}

impl From<AppFehler> for ApiFehler {
    fn from(f: AppFehler) -> Self {
        let detail = f.to_string();
        match f {
            AppFehler::NichtAngemeldet => {
                Self::neu(StatusCode::UNAUTHORIZED, "nicht-angemeldet", "Nicht angemeldet", detail)
            }
            AppFehler::NichtGefunden(_) => Self::neu(StatusCode::NOT_FOUND, "nicht-gefunden", "Nicht gefunden", detail),
            AppFehler::Verboten(_) => Self::neu(StatusCode::FORBIDDEN, "verboten", "Nicht erlaubt", detail),
            AppFehler::Regelverstoss(b) => {
                Self::neu(StatusCode::UNPROCESSABLE_ENTITY, "regelverstoss", "Regelverstoß", detail).mit_befunden(b)
            }
            AppFehler::BestaetigungNoetig(b) => Self::neu(
                StatusCode::CONFLICT,
                "bestaetigung-noetig",
                "Bestätigung nötig",
                format!("{detail} — zum Speichern erneut mit \"bestaetigt\": true senden."),
            )
            .mit_befunden(b),
            AppFehler::Ungueltig { feld, meldung } => Self::ungueltig(feld, meldung),
            AppFehler::Konflikt(_) => Self::neu(StatusCode::CONFLICT, "konflikt", "Konflikt", detail),
            AppFehler::Speicher(e) => {
                // The store's message names tables and constraints, never personal data.
                tracing::error!(fehler = %e, "Speicherfehler");
                Self::neu(
                    StatusCode::SERVICE_UNAVAILABLE,
                    "speicher",
                    "Vorübergehend nicht verfügbar",
                    "Der Speicher ist gerade nicht erreichbar; nichts wurde geändert. Bitte gleich noch einmal versuchen.",
                )
            }
        }
    }
}

impl IntoResponse for ApiFehler {
    fn into_response(self) -> Response {
        let mut antwort = (self.0, axum::Json(self.1)).into_response();
        antwort.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        antwort
    }
}

pub type ApiErgebnis<T> = Result<T, ApiFehler>;
