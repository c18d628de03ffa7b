//! Security headers on every response, CSRF check on every state-changing request, request
//! metrics (route template and status only: no ids, no personal data).

use axum::extract::{MatchedPath, Request};
use axum::http::{HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::fehler::ApiFehler;

const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; font-src 'self'; \
                   connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";
/// Swagger UI sets inline styles (never inline script).
const CSP_DOKU: &str = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; \
                        font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// HSTS for a year, sent when the server is reached over HTTPS only (`--https` or not on loopback).
pub const HSTS: &str = "max-age=31536000; includeSubDomains";

/// A refusal of a request whose body was not read (yet) ends the keep-alive connection (the
/// unread rest cannot be told from the next request): say so with `Connection: close`.
fn verbindung_schliessen(antwort: &mut Response, mit_koerper: bool) {
    let vor_dem_koerper = matches!(antwort.status().as_u16(), 401 | 403 | 404 | 405 | 413 | 415 | 429);
    if mit_koerper && vor_dem_koerper {
        antwort.headers_mut().insert(header::CONNECTION, HeaderValue::from_static("close"));
    }
}

pub async fn sicherheit(req: Request, next: Next) -> Response {
    let mit_koerper = req.headers().get(header::CONTENT_LENGTH).is_some_and(|l| l.as_bytes() != b"0")
        || req.headers().contains_key(header::TRANSFER_ENCODING);
    if !crate::csrf::zulaessig(req.method(), req.headers(), None) {
        let mut antwort = ApiFehler::neu(
            StatusCode::FORBIDDEN,
            "csrf",
            "Anfrage abgelehnt",
            "Die Anfrage kam von einer fremden Seite und wurde abgelehnt (CSRF-Schutz).",
        )
        .into_response();
        verbindung_schliessen(&mut antwort, mit_koerper);
        return antwort;
    }
    let doku = req.uri().path().starts_with("/api/v1/docs");
    let route =
        req.extensions().get::<MatchedPath>().map(|p| p.as_str().to_string()).unwrap_or_else(|| "unbekannt".into());
    let methode = req.method().to_string();
    let beginn = std::time::Instant::now();
    let mut antwort = next.run(req).await;
    verbindung_schliessen(&mut antwort, mit_koerper);
    let status = antwort.status().as_u16().to_string();
    metrics::counter!("vierphasen_http_anfragen", "route" => route.clone(), "methode" => methode, "status" => status)
        .increment(1);
    metrics::histogram!("vierphasen_http_dauer_sekunden", "route" => route).record(beginn.elapsed().as_secs_f64());
    let k = antwort.headers_mut();
    k.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(if doku { CSP_DOKU } else { CSP }));
    k.insert(header::X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    k.insert(header::X_FRAME_OPTIONS, HeaderValue::from_static("DENY"));
    k.insert(header::REFERRER_POLICY, HeaderValue::from_static("no-referrer"));
    k.insert("cross-origin-opener-policy", HeaderValue::from_static("same-origin"));
    k.insert("permissions-policy", HeaderValue::from_static("camera=(), microphone=(), geolocation=()"));
    if !doku && !k.contains_key(header::CACHE_CONTROL) {
        // Case data must never land in a shared or browser cache.
        k.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    antwort
}
