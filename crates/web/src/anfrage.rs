//! Every request gets a random number: in the response header `x-request-id`, in the span of its
//! log lines, and in the German message of an internal fault — so a user's report finds the log.

use axum::extract::Request;
use axum::http::HeaderValue;
use axum::middleware::Next;
use axum::response::Response;
use tracing::Instrument;

tokio::task_local! {
    static ANFRAGE: String;
}

/// Middleware (`axum::middleware::from_fn`): handlers, extractors and error conversions run
/// inside the scope of the request's number.
pub async fn nummerieren(req: Request, next: Next) -> Response {
    let nummer = neue_nummer();
    let span = tracing::info_span!("anfrage", id = %nummer, methode = %req.method(), pfad = %req.uri().path());
    let mut antwort = ANFRAGE.scope(nummer.clone(), next.run(req).instrument(span)).await;
    if let Ok(wert) = HeaderValue::from_str(&nummer) {
        antwort.headers_mut().insert("x-request-id", wert);
    }
    antwort
}

/// The number of the current request; outside a request (never in the router) a fresh one, so
/// the message and the log line still name the same number.
pub fn nummer() -> String {
    ANFRAGE.try_with(Clone::clone).unwrap_or_else(|_| neue_nummer())
}

/// 12 hex digits (48 random bits): enough to tell a day's requests apart, short to read aloud.
pub fn neue_nummer() -> String {
    let mut bytes = [0u8; 6];
    if getrandom::fill(&mut bytes).is_err() {
        // No randomness: the time still tells requests apart well enough for the log.
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
        bytes.copy_from_slice(&nanos.to_le_bytes()[..6]);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
