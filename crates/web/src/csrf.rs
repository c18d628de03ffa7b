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

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    fn kopf(paare: &[(&'static str, &'static str)]) -> HeaderMap {
        let mut k = HeaderMap::new();
        for (n, w) in paare {
            k.insert(*n, w.parse().unwrap());
        }
        k
    }

    #[test]
    fn nur_zustandsaendernde_methoden_geprueft() {
        let k = kopf(&[("sec-fetch-site", "cross-site")]);
        let query = Method::from_bytes(b"QUERY").unwrap();
        for m in [Method::GET, Method::HEAD, Method::OPTIONS, Method::TRACE, Method::CONNECT, query] {
            assert!(zulaessig(&m, &k, None));
        }
    }

    #[test]
    fn sec_fetch_site() {
        let post = Method::POST;
        assert!(!zulaessig(&post, &kopf(&[("sec-fetch-site", "cross-site")]), None));
        assert!(!zulaessig(&post, &kopf(&[("sec-fetch-site", "same-site")]), None));
        assert!(zulaessig(&post, &kopf(&[("sec-fetch-site", "same-origin")]), None));
        assert!(zulaessig(&post, &kopf(&[("sec-fetch-site", "none")]), None));
        // decisive even when a bearer token or a matching Origin is present
        let k = kopf(&[
            ("sec-fetch-site", "cross-site"),
            ("origin", "https://vp.example"),
            ("host", "vp.example"),
            ("authorization", "Bearer abc"),
        ]);
        assert!(!zulaessig(&Method::DELETE, &k, None));
    }

    #[test]
    fn origin_gleich_erlaubt() {
        let k = kopf(&[("origin", "https://vp.example"), ("host", "vp.example")]);
        assert!(zulaessig(&Method::POST, &k, None));
        let k = kopf(&[("origin", "http://localhost:8080"), ("host", "localhost:8080")]);
        assert!(zulaessig(&Method::PUT, &k, None));
        let k = kopf(&[("origin", "https://VP.example:443"), ("host", "vp.example")]);
        assert!(zulaessig(&Method::POST, &k, None));
    }

    #[test]
    fn origin_abweichend_abgelehnt() {
        let k = kopf(&[("origin", "https://boese.example"), ("host", "vp.example")]);
        assert!(!zulaessig(&Method::POST, &k, None));
        let k = kopf(&[("origin", "http://localhost:9999"), ("host", "localhost:8080")]);
        assert!(!zulaessig(&Method::POST, &k, None));
        let k = kopf(&[("origin", "null"), ("host", "vp.example")]);
        assert!(!zulaessig(&Method::POST, &k, None));
        let k = kopf(&[("origin", "https://vp.example")]);
        assert!(!zulaessig(&Method::POST, &k, None));
    }

    #[test]
    fn eigener_host_hat_vorrang() {
        // behind a proxy the Host header is the internal address
        let k = kopf(&[("origin", "https://vp.example"), ("host", "127.0.0.1:3000")]);
        assert!(zulaessig(&Method::POST, &k, Some("vp.example")));
        assert!(!zulaessig(&Method::POST, &k, None));
        let k = kopf(&[("origin", "https://127.0.0.1:3000"), ("host", "127.0.0.1:3000")]);
        assert!(!zulaessig(&Method::POST, &k, Some("vp.example")));
    }

    #[test]
    fn ohne_browserkoepfe() {
        assert!(zulaessig(&Method::POST, &kopf(&[("authorization", "Bearer abc123")]), None));
        assert!(zulaessig(&Method::PATCH, &kopf(&[("authorization", "bearer abc123")]), None));
        let keks = ("cookie", "sitzung=abc");
        assert!(zulaessig(&Method::POST, &kopf(&[keks, ("authorization", "Bearer abc123")]), None));
        assert!(!zulaessig(&Method::POST, &kopf(&[keks]), None));
        assert!(!zulaessig(&Method::POST, &kopf(&[keks, ("authorization", "Bearer ")]), None));
        assert!(!zulaessig(&Method::POST, &kopf(&[keks, ("authorization", "Basic YTpi")]), None));
        // Without a cookie nothing could have been borrowed: anonymous, refused later if need be.
        assert!(zulaessig(&Method::POST, &kopf(&[]), None));
        assert!(zulaessig(&Method::PUT, &kopf(&[("authorization", "Basic YTpi")]), None));
    }
}
