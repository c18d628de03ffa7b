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
fn neue_nummer() -> String {
    let mut bytes = [0u8; 6];
    if getrandom::fill(&mut bytes).is_err() {
        // No randomness: the time still tells requests apart well enough for the log.
        let nanos = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap_or_default().as_nanos();
        bytes.copy_from_slice(&nanos.to_le_bytes()[..6]);
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use axum::Router;
    use axum::body::{Body, to_bytes};
    use axum::http::{Request, StatusCode};
    use axum::routing::get;
    use tower::ServiceExt;
    use vierphasen_app::AppFehler;

    use super::*;
    use crate::fehler::ApiFehler;
    use crate::seiten::SeitenFehler;

    #[test]
    fn zwoelf_hexziffern() {
        let n = neue_nummer();
        assert_eq!(n.len(), 12);
        assert!(n.chars().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(n, neue_nummer());
    }

    /// The number in the header is the one the message names; the chain stays in the log.
    async fn intern(app: Router) -> (StatusCode, String, String) {
        let app = app.layer(axum::middleware::from_fn(nummerieren));
        let antwort = app.oneshot(Request::get("/").body(Body::empty()).unwrap()).await.unwrap();
        let status = antwort.status();
        let nummer = antwort.headers()["x-request-id"].to_str().unwrap().to_owned();
        let text = String::from_utf8(to_bytes(antwort.into_body(), 1 << 20).await.unwrap().to_vec()).unwrap();
        (status, nummer, text)
    }

    fn fehler() -> AppFehler {
        AppFehler::intern("Fall 17 laden", std::io::Error::other("Tabelle kunde kaputt"))
    }

    #[tokio::test]
    async fn api_nennt_die_anfragenummer() {
        let app = Router::new().route("/", get(|| async { Err::<(), ApiFehler>(fehler().into()) }));
        let (status, nummer, text) = intern(app).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        let json: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(json["anfrage"], nummer.as_str());
        assert_eq!(json["detail"], format!("Interner Fehler; bitte mit der Anfragenummer {nummer} melden."));
        assert!(!text.contains("kaputt") && !text.contains("Fall 17"), "{text}");
    }

    #[tokio::test]
    async fn seite_nennt_die_anfragenummer() {
        let app = Router::new().route("/", get(|| async { Err::<(), SeitenFehler>(fehler().into()) }));
        let (status, nummer, text) = intern(app).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert!(text.contains(&format!("Anfragenummer {nummer}")), "{text}");
        assert!(!text.contains("kaputt") && !text.contains("Fall 17"), "{text}");
    }
}
