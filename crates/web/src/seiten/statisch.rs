//! Vendored front-end files, embedded in the binary (no CDN, no runtime download). Sources,
//! versions and licences: `crates/web/static/README.md`.

use axum::extract::Path;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

/// (path below /static/, content type, bytes)
const DATEIEN: &[(&str, &str, &[u8])] = &[
    ("kern/kern.min.css", "text/css; charset=utf-8", include_bytes!("../../static/kern/kern.min.css")),
    ("vierphasen.css", "text/css; charset=utf-8", include_bytes!("../../static/vierphasen.css")),
    ("htmx/htmx.min.js", "text/javascript; charset=utf-8", include_bytes!("../../static/htmx/htmx.min.js")),
    ("vierphasen.js", "text/javascript; charset=utf-8", include_bytes!("../../static/vierphasen.js")),
    (
        "schrift/source-sans-3-latin-400-normal.woff2",
        "font/woff2",
        include_bytes!("../../static/schrift/source-sans-3-latin-400-normal.woff2"),
    ),
    (
        "schrift/source-sans-3-latin-400-italic.woff2",
        "font/woff2",
        include_bytes!("../../static/schrift/source-sans-3-latin-400-italic.woff2"),
    ),
    (
        "schrift/source-sans-3-latin-600-normal.woff2",
        "font/woff2",
        include_bytes!("../../static/schrift/source-sans-3-latin-600-normal.woff2"),
    ),
    (
        "schrift/source-sans-3-latin-700-normal.woff2",
        "font/woff2",
        include_bytes!("../../static/schrift/source-sans-3-latin-700-normal.woff2"),
    ),
];

pub async fn datei(Path(pfad): Path<String>) -> Response {
    match DATEIEN.iter().find(|(p, _, _)| *p == pfad) {
        Some((_, art, inhalt)) => (
            [
                (header::CONTENT_TYPE, HeaderValue::from_static(art)),
                // Not personal data; the files change only with a new binary.
                (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
            ],
            *inhalt,
        )
            .into_response(),
        None => (StatusCode::NOT_FOUND, "Nicht gefunden").into_response(),
    }
}
