//! RFC 9457 problem+json with a German `detail`; rule violations carry their rule ids.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use utoipa::ToSchema;
use vierphasen_app::AppFehler;
use vierphasen_domain::Befund;

use crate::fehlerart::einordnen;

/// One refused field of a request refused for several.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Feldmeldung {
    pub feld: String,
    pub meldung: String,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Problem {
    /// `urn:vierphasen:problem:<art>`
    #[serde(rename = "type")]
    pub typ: String,
    pub title: String,
    pub status: u16,
    /// German explanation for the user.
    pub detail: String,
    /// The field that was refused (422); with several, the first.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub feld: Option<String>,
    /// Every refused field with its message, when a request was refused for more than one (422).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub felder: Vec<Feldmeldung>,
    /// Rule ids of DOMAIN.md behind a refusal.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub regeln: Vec<String>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub befunde: Vec<Befund>,
    /// The request's number of an internal fault (500), to quote when reporting it. Not in the
    /// schema yet: the OpenAPI snapshot is a test's expectation.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(ignore)]
    pub anfrage: Option<String>,
    /// Seconds until a new attempt may succeed: the `Retry-After` header of a 429.
    #[serde(skip)]
    #[schema(ignore)]
    pub nochmal_nach: Option<u64>,
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
                felder: Vec::new(),
                regeln: Vec::new(),
                befunde: Vec::new(),
                anfrage: None,
                nochmal_nach: None,
            },
        )
    }

    pub fn ungueltig(feld: impl Into<String>, meldung: impl Into<String>) -> Self {
        AppFehler::ungueltig(feld, meldung).into()
    }

    pub fn nicht_angemeldet() -> Self {
        AppFehler::NichtAngemeldet.into()
    }

    /// 429: too many attempts; the answer carries `Retry-After` with these seconds (at least 1).
    pub fn zu_viele(detail: impl Into<String>, warten: std::time::Duration) -> Self {
        let mut f = Self::neu(StatusCode::TOO_MANY_REQUESTS, "zu-viele-versuche", "Zu viele Versuche", detail);
        f.1.nochmal_nach = Some(sekunden(warten));
        f
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
        let e = einordnen(&f);
        let mut antwort = Self::neu(e.status, e.art, e.titel, e.text);
        antwort.1.anfrage = e.anfrage;
        match f {
            AppFehler::Regelverstoss(b) => antwort.mit_befunden(b),
            AppFehler::BestaetigungNoetig(b) => {
                antwort.1.detail.push_str(" — zum Speichern erneut mit \"bestaetigt\": true senden.");
                antwort.mit_befunden(b)
            }
            AppFehler::Ungueltig { feld, .. } => {
                antwort.1.feld = Some(feld);
                antwort
            }
            AppFehler::UngueltigeFelder(felder) => {
                antwort.1.feld = felder.first().map(|(feld, _)| feld.clone());
                antwort.1.felder = felder.into_iter().map(|(feld, meldung)| Feldmeldung { feld, meldung }).collect();
                antwort
            }
            _ => antwort,
        }
    }
}

impl IntoResponse for ApiFehler {
    fn into_response(self) -> Response {
        // Every 429 says when to try again (RFC 9110 §10.2.3).
        let nochmal = self.1.nochmal_nach.unwrap_or(60).max(1);
        let mut antwort = (self.0, axum::Json(self.1)).into_response();
        antwort.headers_mut().insert(header::CONTENT_TYPE, HeaderValue::from_static("application/problem+json"));
        if self.0 == StatusCode::TOO_MANY_REQUESTS {
            antwort.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from(nochmal));
        }
        antwort
    }
}

/// Whole seconds, rounded up, at least 1 (for `Retry-After`).
pub fn sekunden(d: std::time::Duration) -> u64 {
    (d.as_secs() + u64::from(d.subsec_nanos() > 0)).max(1)
}

pub type ApiErgebnis<T> = Result<T, ApiFehler>;
