//! The whole HTTP application: /api/v1 (+ OpenAPI document, Swagger UI), /health, /metrics,
//! security middleware; serving with graceful shutdown.

use std::net::SocketAddr;
use std::sync::OnceLock;

use axum::Router;
use axum::extract::{DefaultBodyLimit, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;
use metrics_exporter_prometheus::{PrometheusBuilder, PrometheusHandle};
use tokio::net::TcpListener;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa_swagger_ui::SwaggerUi;
use vierphasen_app::App;

use crate::fehler::ApiFehler;
use crate::zustand::{Einstellungen, Zustand};

/// One recorder per process (tests start many servers).
fn prometheus() -> &'static PrometheusHandle {
    static HANDLE: OnceLock<PrometheusHandle> = OnceLock::new();
    HANDLE.get_or_init(|| {
        let recorder = PrometheusBuilder::new().build_recorder();
        let handle = recorder.handle();
        let _ = metrics::set_global_recorder(recorder);
        handle
    })
}

pub fn openapi() -> utoipa::openapi::OpenApi {
    crate::api::teile().1
}

pub fn router(app: App, einstellungen: Einstellungen) -> Router {
    let https = einstellungen.cookie_sicher;
    let zustand = Zustand::neu(app, einstellungen);
    let (api, doku) = crate::api::teile();
    let api = api.fallback(|| async {
        ApiFehler::neu(StatusCode::NOT_FOUND, "nicht-gefunden", "Nicht gefunden", "Diese Adresse gibt es nicht.")
    });
    let router = Router::new()
        .nest("/api/v1", api)
        .merge(SwaggerUi::new("/api/v1/docs").url("/api/v1/openapi.json", doku))
        .merge(crate::seiten::router())
        .route("/health", get(gesund))
        .route("/metrics", get(metriken))
        .layer(axum::middleware::from_fn(crate::kopfzeilen::sicherheit));
    let router = if https {
        router.layer(SetResponseHeaderLayer::overriding(
            header::STRICT_TRANSPORT_SECURITY,
            HeaderValue::from_static(crate::kopfzeilen::HSTS),
        ))
    } else {
        router
    };
    router
        .layer(DefaultBodyLimit::max(1024 * 1024))
        // Outermost: every answer, also a refusal of the layers inside, carries its number.
        .layer(axum::middleware::from_fn(crate::anfrage::nummerieren))
        .with_state(zustand)
}

/// Prometheus metrics for the Administration only (session or an Admin's API token): the
/// counters tell about use of the system (issue 17 item 7).
async fn metriken(crate::anmeldung::Benutzer(b): crate::anmeldung::Benutzer) -> Result<String, ApiFehler> {
    if b.rolle != vierphasen_domain::zugriff::Rolle::Admin {
        return Err(ApiFehler::neu(
            StatusCode::FORBIDDEN,
            "verboten",
            "Nicht erlaubt",
            "Die Messwerte sieht nur die Administration (Sitzung oder API-Token).",
        ));
    }
    Ok(prometheus().render())
}

/// Healthy when the database answers.
async fn gesund(State(z): State<Zustand>) -> impl IntoResponse {
    match z.app.db.begin().await {
        Ok(_) => (StatusCode::OK, "ok"),
        Err(_) => (StatusCode::SERVICE_UNAVAILABLE, "Datenbank nicht erreichbar"),
    }
}

/// Binds and serves until Ctrl-C / SIGTERM (requests in flight finish).
pub async fn starten(
    app: App,
    adresse: SocketAddr,
    einstellungen: Einstellungen,
) -> std::io::Result<(SocketAddr, tokio::task::JoinHandle<std::io::Result<()>>)> {
    prometheus();
    let listener = TcpListener::bind(adresse).await?;
    let gebunden = listener.local_addr()?;
    let dienst = router(app, einstellungen).into_make_service_with_connect_info::<SocketAddr>();
    let lauf = tokio::spawn(async move { axum::serve(listener, dienst).with_graceful_shutdown(beenden()).await });
    Ok((gebunden, lauf))
}

async fn beenden() {
    let strg_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let term = async {
        if let Ok(mut s) = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            s.recv().await;
        }
    };
    #[cfg(not(unix))]
    let term = std::future::pending::<()>();
    tokio::select! {
        () = strg_c => {},
        () = term => {},
    }
}
