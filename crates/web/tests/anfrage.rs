//! Tests of `crates/web/src/anfrage.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use axum::Router;
use axum::body::{Body, to_bytes};
use axum::http::{Request, StatusCode};
use axum::routing::get;
use tower::ServiceExt;
use vierphasen_app::AppFehler;

use vierphasen_web::anfrage::*;
use vierphasen_web::fehler::ApiFehler;
use vierphasen_web::seiten::SeitenFehler;

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
