//! Tests of `crates/web/src/csrf.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use axum::http::{HeaderMap, Method};
use vierphasen_web::csrf::*;

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
