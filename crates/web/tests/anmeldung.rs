#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::gemeinsam::{PASSWORT, konten, spawn_apps};
use hyper::{Method, StatusCode};
use serde_json::json;

#[tokio::test]
async fn anmeldung_setzt_ein_sicheres_sitzungscookie_und_abmeldung_beendet_die_sitzung() {
    for t in spawn_apps().await {
        konten(&t).await;
        let a = t
            .anfrage(Method::POST, "/api/v1/anmeldung", Some(json!({"login": "VFK", "passwort": PASSWORT})), None)
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}: {:?}", t.name, a.json);
        let set = a.kopf.get("set-cookie").unwrap().to_str().unwrap().to_string();
        for teil in ["HttpOnly", "SameSite=Lax", "Path=/"] {
            assert!(set.contains(teil), "{set}");
        }
        let cookie = set.split(';').next().unwrap().to_string();
        let ich = t.anfrage(Method::GET, "/api/v1/ich", None, Some(&cookie)).await;
        assert_eq!(ich.status, StatusCode::OK);
        assert_eq!(ich.json["rolle"], "vfk");
        assert!(ich.json.get("passwort_hash").is_none());

        let ab = t.anfrage(Method::POST, "/api/v1/abmeldung", None, Some(&cookie)).await;
        assert_eq!(ab.status, StatusCode::NO_CONTENT);
        let danach = t.anfrage(Method::GET, "/api/v1/ich", None, Some(&cookie)).await;
        assert_eq!(danach.status, StatusCode::UNAUTHORIZED);
        assert_eq!(danach.kopf.get("content-type").unwrap(), "application/problem+json");
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn falsches_passwort_und_unbekannter_benutzer_antworten_gleich() {
    for t in spawn_apps().await {
        konten(&t).await;
        let falsch = t
            .anfrage(
                Method::POST,
                "/api/v1/anmeldung",
                Some(json!({"login": "vfk", "passwort": "falsch-falsch"})),
                None,
            )
            .await;
        let unbekannt = t
            .anfrage(
                Method::POST,
                "/api/v1/anmeldung",
                Some(json!({"login": "niemand", "passwort": "falsch-falsch"})),
                None,
            )
            .await;
        assert_eq!(falsch.status, StatusCode::UNAUTHORIZED);
        assert_eq!(falsch.status, unbekannt.status);
        assert_eq!(falsch.json, unbekannt.json, "keine Auskunft darüber, ob es das Konto gibt");
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn zu_viele_fehlversuche_fuer_ein_konto_ergeben_429() {
    for t in spawn_apps().await {
        konten(&t).await;
        let mut letzte = StatusCode::OK;
        for _ in 0..11 {
            letzte = t
                .anfrage(
                    Method::POST,
                    "/api/v1/anmeldung",
                    Some(json!({"login": "vfk", "passwort": "falsch-falsch"})),
                    None,
                )
                .await
                .status;
        }
        assert_eq!(letzte, StatusCode::TOO_MANY_REQUESTS);
        // Even the right password is refused while the account is throttled.
        let richtig = t
            .anfrage(Method::POST, "/api/v1/anmeldung", Some(json!({"login": "vfk", "passwort": PASSWORT})), None)
            .await;
        assert_eq!(richtig.status, StatusCode::TOO_MANY_REQUESTS);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn fremde_seite_kann_nichts_aendern() {
    for t in spawn_apps().await {
        konten(&t).await;
        let cookie = t.anmelden("vfk").await;
        let koerper = json!({"vorname": "A", "nachname": "B", "geburtsdatum": "1990-01-01", "rechtskreis": "SGB_III"})
            .to_string();
        let a = t
            .roh(
                Method::POST,
                "/api/v1/kunden",
                Some(koerper.clone()),
                &[("cookie", cookie.clone()), ("sec-fetch-site", "cross-site".into())],
            )
            .await;
        assert_eq!(a.status, StatusCode::FORBIDDEN);
        assert_eq!(a.json["type"], "urn:vierphasen:problem:csrf");
        let liste = t.anfrage(Method::GET, "/api/v1/kunden", None, Some(&cookie)).await;
        assert_eq!(liste.json.as_array().unwrap().len(), 0, "nichts angelegt");
        // A method no route takes changes nothing: 405 with the allowed methods, not the CSRF 403.
        for methode in [Method::TRACE, Method::from_bytes(b"QUERY").unwrap()] {
            let a = t
                .roh(
                    methode.clone(),
                    "/api/v1/kunden",
                    None,
                    &[("cookie", cookie.clone()), ("sec-fetch-site", "cross-site".into())],
                )
                .await;
            assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED, "{methode}");
            assert!(a.kopf.get("allow").is_some(), "{methode}: Allow fehlt");
        }
        // Without any credentials: the answer of the route (405, 401), not the CSRF refusal.
        let a = t.roh(Method::PUT, "/api/v1/abmeldung", None, &[]).await;
        assert_eq!(a.status, StatusCode::METHOD_NOT_ALLOWED);
        let a = t.roh(Method::POST, "/api/v1/kunden", Some(koerper.clone()), &[]).await;
        assert_eq!(a.status, StatusCode::UNAUTHORIZED);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn api_token_fuer_maschinen_und_sicherheitskopfzeilen() {
    for t in spawn_apps().await {
        konten(&t).await;
        let cookie = t.anmelden("vfk").await;
        let tok =
            t.anfrage(Method::POST, "/api/v1/tokens", Some(json!({"name": "Schnittstelle"})), Some(&cookie)).await;
        assert_eq!(tok.status, StatusCode::CREATED);
        let token = tok.json["token"].as_str().unwrap().to_string();
        let koerper =
            json!({"vorname": "Max", "nachname": "Muster", "geburtsdatum": "1990-01-01", "rechtskreis": "SGB_III"});
        let a = t
            .roh(
                Method::POST,
                "/api/v1/kunden",
                Some(koerper.to_string()),
                &[("authorization", format!("Bearer {token}"))],
            )
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.json);
        let fall = t
            .roh(
                Method::GET,
                &format!("/api/v1/kunden/{}", a.json["id"]),
                None,
                &[("authorization", format!("Bearer {token}"))],
            )
            .await;
        assert_eq!(fall.status, StatusCode::OK);
        assert_eq!(fall.kopf.get("cache-control").unwrap(), "no-store");
        assert!(fall.kopf.get("content-security-policy").unwrap().to_str().unwrap().contains("frame-ancestors 'none'"));
        assert_eq!(fall.kopf.get("x-content-type-options").unwrap(), "nosniff");
        assert!(fall.kopf.get("referrer-policy").is_some());

        let widerruf =
            t.anfrage(Method::DELETE, &format!("/api/v1/tokens/{}", tok.json["id"]), None, Some(&cookie)).await;
        assert_eq!(widerruf.status, StatusCode::NO_CONTENT);
        let danach = t.roh(Method::GET, "/api/v1/kunden", None, &[("authorization", format!("Bearer {token}"))]).await;
        assert_eq!(danach.status, StatusCode::UNAUTHORIZED);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn ungueltige_eingaben_ergeben_422_mit_feldnamen_nie_500() {
    for t in spawn_apps().await {
        konten(&t).await;
        let cookie = t.anmelden("vfk").await;
        let faelle = [
            (
                json!({"vorname": "A", "nachname": "B", "geburtsdatum": "1990-13-01", "rechtskreis": "SGB_III"}),
                "geburtsdatum",
            ),
            (
                json!({"vorname": "A", "nachname": "B", "geburtsdatum": "1990-01-01", "rechtskreis": "SGB_IV"}),
                "rechtskreis",
            ),
            (
                json!({"vorname": "A", "nachname": "B", "geburtsdatum": "1990-01-01", "rechtskreis": "SGB_III", "x": 1}),
                "x",
            ),
            (json!({"vorname": "A", "geburtsdatum": "1990-01-01", "rechtskreis": "SGB_III"}), "nachname"),
            (
                json!({"vorname": "A".repeat(101), "nachname": "B", "geburtsdatum": "1990-01-01", "rechtskreis": "SGB_III"}),
                "vorname",
            ),
        ];
        for (koerper, feld) in faelle {
            let a = t.anfrage(Method::POST, "/api/v1/kunden", Some(koerper.clone()), Some(&cookie)).await;
            assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{koerper}: {:?}", a.json);
            assert_eq!(a.json["feld"], feld, "{koerper}: {:?}", a.json);
        }
        let kaputt = t
            .roh(
                Method::POST,
                "/api/v1/kunden",
                Some("{\"vorname\":".into()),
                &[("cookie", cookie.clone()), ("sec-fetch-site", "same-origin".into())],
            )
            .await;
        assert_eq!(kaputt.status, StatusCode::UNPROCESSABLE_ENTITY);
        let id = t.anfrage(Method::GET, "/api/v1/kunden/abc", None, Some(&cookie)).await;
        assert_eq!(id.status, StatusCode::NOT_FOUND);
        let gross = t.anfrage(Method::GET, "/api/v1/kunden/99999999999999999999999", None, Some(&cookie)).await;
        assert_eq!(gross.status, StatusCode::NOT_FOUND);
        t.aufraeumen().await;
    }
}
