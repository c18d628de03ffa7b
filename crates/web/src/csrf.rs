//! CSRF protection for state-changing requests without tokens, from the headers browsers send:
//! `Sec-Fetch-Site` first, then `Origin`. A request with neither (curl, API clients, a very old
//! browser) and a cookie must carry `Authorization: Bearer …`, which a browser never adds on its
//! own; without a cookie it has no credentials a foreign site could have borrowed and goes on as
//! anonymous (401 where a login is needed, 405 for a method no route takes).

use axum::http::header::{AUTHORIZATION, COOKIE, HOST, ORIGIN};
use axum::http::{HeaderMap, Method};

/// Whether a request may be processed. `eigener_host` (host[:port]) overrides the `Host` header
/// for the `Origin` comparison, e.g. behind a reverse proxy. Only POST, PUT, PATCH and DELETE
/// change state; no route takes any other method, so the router answers those with 405.
pub fn zulaessig(methode: &Method, kopf: &HeaderMap, eigener_host: Option<&str>) -> bool {
    if !matches!(*methode, Method::POST | Method::PUT | Method::PATCH | Method::DELETE) {
        return true;
    }
    if let Some(seite) = kopf.get("sec-fetch-site") {
        let seite = seite.to_str().unwrap_or("").trim();
        return seite.eq_ignore_ascii_case("same-origin") || seite.eq_ignore_ascii_case("none");
    }
    if let Some(herkunft) = kopf.get(ORIGIN) {
        let Ok(herkunft) = herkunft.to_str() else { return false };
        let Some((schema, herkunft)) = herkunft.trim().split_once("://") else { return false };
        let erwartet = match eigener_host {
            Some(h) => h,
            None => match kopf.get(HOST).and_then(|h| h.to_str().ok()) {
                Some(h) => h,
                None => return false,
            },
        };
        let erwartet = erwartet.trim();
        let erwartet = erwartet.split_once("://").map_or(erwartet, |(_, rest)| rest);
        return autoritaet(herkunft, schema) == autoritaet(erwartet, schema);
    }
    if !kopf.contains_key(COOKIE) {
        return true;
    }
    kopf.get(AUTHORIZATION).and_then(|a| a.to_str().ok()).is_some_and(|a| {
        a.trim()
            .split_once(' ')
            .is_some_and(|(art, token)| art.eq_ignore_ascii_case("bearer") && !token.trim().is_empty())
    })
}

/// host[:port] lower-cased, without path and without the default port of `schema`.
fn autoritaet(s: &str, schema: &str) -> String {
    let s = s.split('/').next().unwrap_or("").to_ascii_lowercase();
    let standard = match schema.to_ascii_lowercase().as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => "",
    };
    match s.strip_suffix(standard) {
        Some(ohne) if !standard.is_empty() => ohne.to_owned(),
        _ => s,
    }
}
