//! The OpenAPI document: served without login, OpenAPI 3.1, stable (snapshot), every path it
//! names is routed, and the Swagger UI is served from the binary (no external resources).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::gemeinsam::{konten, spawn_apps};
use hyper::{Method, StatusCode};
use serde_json::Value;

/// `/kunden/{id}/strategien/{sid}` → `/kunden/1/strategien/1`.
fn beispielpfad(vorlage: &str) -> String {
    vorlage
        .split('/')
        .map(|teil| if teil.starts_with('{') && teil.ends_with('}') { "1" } else { teil })
        .collect::<Vec<_>>()
        .join("/")
}

#[tokio::test]
async fn das_dokument_ist_openapi_3_1_und_stabil() {
    let mut erste = true;
    for t in spawn_apps().await {
        let a = t.anfrage(Method::GET, "/api/v1/openapi.json", None, None).await;
        assert_eq!(a.status, StatusCode::OK, "{}: {:?}", t.name, a.json);
        let version = a.json["openapi"].as_str().unwrap_or_default();
        assert!(version.starts_with("3.1"), "openapi = {version}");
        for tag in ["Anmeldung", "Kunden", "Phasen", "Betrieb", "Verwaltung"] {
            assert!(a.json["tags"].as_array().unwrap().iter().any(|t| t["name"] == tag), "Tag {tag} fehlt");
        }
        // The same document on every backend; compared once.
        if erste {
            insta::assert_json_snapshot!("openapi", a.json);
            erste = false;
        }
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn jeder_pfad_des_dokuments_ist_geroutet() {
    for t in spawn_apps().await {
        konten(&t).await;
        let doku = t.anfrage(Method::GET, "/api/v1/openapi.json", None, None).await.json;
        let pfade = doku["paths"].as_object().unwrap();
        assert!(pfade.len() >= 39, "nur {} Pfade", pfade.len());
        let mut operationen = 0;
        for (vorlage, eintrag) in pfade {
            let pfad = format!("/api/v1{}", beispielpfad(vorlage));
            for methode in eintrag.as_object().unwrap().keys() {
                let Ok(m) = Method::from_bytes(methode.to_uppercase().as_bytes()) else { continue };
                operationen += 1;
                // Without login: every route exists (401/415/…), none falls through to 404 or 405.
                let a = t.anfrage(m.clone(), &pfad, None, None).await;
                assert_ne!(a.status, StatusCode::NOT_FOUND, "{methode} {pfad}: {:?}", a.json);
                assert_ne!(a.status, StatusCode::METHOD_NOT_ALLOWED, "{methode} {pfad}");
            }
        }
        assert!(operationen >= pfade.len());

        // Logged in (Administration): every GET without parameters answers, none is unknown.
        let cookie = t.anmelden("admin").await;
        for (vorlage, eintrag) in pfade {
            if vorlage.contains('{') || eintrag.get("get").is_none() {
                continue;
            }
            let a = t.anfrage(Method::GET, &format!("/api/v1{vorlage}"), None, Some(&cookie)).await;
            assert_ne!(a.status, StatusCode::NOT_FOUND, "GET {vorlage}: {:?}", a.json);
            assert!(!a.status.is_server_error(), "GET {vorlage}: {} {:?}", a.status, a.json);
        }

        // An address outside the document is the API's own 404 (problem+json).
        let unbekannt = t.anfrage(Method::GET, "/api/v1/gibt-es-nicht", None, Some(&cookie)).await;
        assert_eq!(unbekannt.status, StatusCode::NOT_FOUND);
        assert_eq!(unbekannt.json["type"], "urn:vierphasen:problem:nicht-gefunden");
        t.aufraeumen().await;
    }
}

/// `src="…"` and `href="…"` values of an HTML page.
fn quellen(html: &str) -> Vec<String> {
    let mut liste = Vec::new();
    for attribut in ["src=", "href="] {
        for (i, _) in html.match_indices(attribut) {
            let rest = &html[i + attribut.len()..];
            let Some(zeichen) = rest.chars().next().filter(|c| *c == '"' || *c == '\'') else { continue };
            if let Some(ende) = rest[1..].find(zeichen) {
                liste.push(rest[1..=ende].to_string());
            }
        }
    }
    liste
}

#[tokio::test]
async fn swagger_ui_kommt_aus_dem_programm() {
    for t in spawn_apps().await {
        let a = t.anfrage(Method::GET, "/api/v1/docs/", None, None).await;
        assert_eq!(a.status, StatusCode::OK);
        assert!(a.kopf.get("content-type").unwrap().to_str().unwrap().starts_with("text/html"));
        let html = a.json.as_str().expect("HTML");
        assert!(html.contains("swagger-ui"), "{html}");
        let quellen = quellen(html);
        assert!(!quellen.is_empty(), "{html}");
        for q in &quellen {
            assert!(
                !q.starts_with("http://") && !q.starts_with("https://") && !q.starts_with("//"),
                "externe Quelle {q}"
            );
            // Each resource is served by the binary itself.
            let pfad = format!("/api/v1/docs/{}", q.trim_start_matches("./"));
            let r = t.anfrage(Method::GET, &pfad, None, None).await;
            assert_eq!(r.status, StatusCode::OK, "{pfad}");
        }
        // The initializer points at our own document.
        let init = t.anfrage(Method::GET, "/api/v1/docs/swagger-initializer.js", None, None).await;
        assert_eq!(init.status, StatusCode::OK);
        let js = match &init.json {
            Value::String(s) => s.clone(),
            v => v.to_string(),
        };
        assert!(js.contains("/api/v1/openapi.json"), "{js}");
        assert!(!js.contains("http://") && !js.contains("https://"), "{js}");
        t.aufraeumen().await;
    }
}
