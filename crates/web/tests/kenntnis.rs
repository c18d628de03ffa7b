#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Issue 17 in the browser's and the API client's view: break-the-glass as a page (the reason
//! form instead of the file, the file after the reason, the report for the Datenschutz), the
//! marked search hits, and the small HTTP points (HSTS, `Connection: close`, German serde
//! messages, the OpenAPI document's refusals).

use crate::gemeinsam::{konten, spawn_app, spawn_apps};
use hyper::{Method, StatusCode};
use serde_json::{Value, json};
use vierphasen_store::testdb::datenbanken;

fn kunde(nachname: &str) -> Value {
    json!({ "vorname": "Test", "nachname": nachname, "geburtsdatum": "1980-05-05", "rechtskreis": "SGB_III" })
}

#[tokio::test]
async fn fremde_akte_zeigt_das_grundformular_und_oeffnet_sich_nach_dem_grund() {
    for t in spawn_apps().await {
        konten(&t).await;
        let vfk = t.anmelden("vfk").await;
        let vfk_b = t.anmelden("vfk.b").await;
        let a = t.anfrage(Method::POST, "/api/v1/kunden", Some(kunde("Brandtner")), Some(&vfk_b)).await;
        let id = a.json["id"].as_i64().unwrap();

        // The search finds her, marked; the list without a term does not.
        let liste = t.seite("/kunden?abgeschickt=1", &vfk).await;
        assert!(!liste.sichtbar().contains("Brandtner"), "{}", t.name);
        let suche = t.seite("/kunden?abgeschickt=1&suche=Brandt", &vfk).await;
        assert!(
            suche.sichtbar().contains("Brandtner, Test nicht Ihr Bestand: Öffnen nur mit Grund"),
            "{}",
            suche.sichtbar()
        );

        // The file answers with the reason form (403), not with its content.
        let akte = t.seite(&format!("/kunden/{id}"), &vfk).await;
        assert_eq!(akte.status, StatusCode::FORBIDDEN, "{}", t.name);
        let text = akte.sichtbar();
        assert!(text.contains("Grund für den Zugriff angeben") && text.contains("Vorsprache ohne Termin"), "{text}");
        assert!(!text.contains("Profillage"), "nothing of the file is shown: {text}");

        // No reason chosen, or "Sonstiges" without explanation: the form again with the message.
        let leer = t.absenden(&format!("/kunden/{id}/ausnahmezugriff"), &[], &vfk).await;
        assert_eq!(leer.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(leer.sichtbar().contains("Bitte einen Grund auswählen."), "{}", leer.sichtbar());
        let sonst = t.absenden(&format!("/kunden/{id}/ausnahmezugriff"), &[("grund", "sonstiges")], &vfk).await;
        assert!(sonst.sichtbar().contains("bitte den Grund erläutern"), "{}", sonst.sichtbar());
        assert!(sonst.text.contains(r#"value="sonstiges" checked"#), "the choice is kept");

        let ok =
            t.absenden(&format!("/kunden/{id}/ausnahmezugriff"), &[("grund", "vorsprache_ohne_termin")], &vfk).await;
        assert_eq!((ok.status, ok.weiter()), (StatusCode::SEE_OTHER, format!("/kunden/{id}").as_str()));
        let akte = t.seite(&format!("/kunden/{id}"), &vfk).await;
        assert_eq!(akte.status, StatusCode::OK, "{}", t.name);
        assert!(akte.sichtbar().contains("Brandtner"));

        // The Datenschutz reads who opened which file why, and the searches.
        let ds = t.anmelden("datenschutz").await;
        let bericht = t.seite("/verwaltung/zugriffsbericht", &ds).await;
        assert_eq!(bericht.status, StatusCode::OK);
        let text = bericht.sichtbar();
        assert!(text.contains("Ausnahmezugriffe (1)") && text.contains("Vorsprache ohne Termin"), "{text}");
        assert!(text.contains("„Brandt“"), "the search term is listed: {text}");
        assert_eq!(t.seite("/verwaltung/zugriffsbericht", &vfk).await.status, StatusCode::FORBIDDEN);
        let api = t.anfrage(Method::GET, "/api/v1/datenschutz/zugriffsbericht", None, Some(&ds)).await;
        assert_eq!(api.json["ausnahmen"][0]["grund"], "vorsprache_ohne_termin", "{}", api.json);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn hsts_nur_ueber_https() {
    let mut dbs = datenbanken().await;
    let t = spawn_app(dbs.remove(0)).await;
    let a = t.roh(Method::GET, "/health", None, &[]).await;
    assert!(a.kopf.get("strict-transport-security").is_none(), "plain-http localhost: no HSTS");
    // With secure cookies (--https or not on loopback) every answer carries HSTS for a year.
    let app = t.app.clone();
    let einstellungen = vierphasen_web::Einstellungen { cookie_sicher: true };
    let (adresse, _lauf) = vierphasen_web::starten(app, "127.0.0.1:0".parse().unwrap(), einstellungen).await.unwrap();
    let antwort = kopf_von_health(adresse).await;
    assert!(antwort.contains("strict-transport-security: max-age=31536000; includesubdomains"), "{antwort}");
    t.aufraeumen().await;
}

/// A raw HTTP/1.1 GET of /health; the answer's head in lower case.
async fn kopf_von_health(adresse: std::net::SocketAddr) -> String {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let mut s = tokio::net::TcpStream::connect(adresse).await.unwrap();
    s.write_all(b"GET /health HTTP/1.1\r\nhost: localhost\r\nconnection: close\r\n\r\n").await.unwrap();
    let mut aus = String::new();
    s.read_to_string(&mut aus).await.unwrap();
    aus.split("\r\n\r\n").next().unwrap().to_lowercase()
}

#[tokio::test]
async fn abweisung_vor_dem_koerper_schliesst_die_verbindung_ausdruecklich() {
    let mut dbs = datenbanken().await;
    let t = spawn_app(dbs.remove(0)).await;
    // Cross-site POST with a body: refused before the body is read.
    let kopf = [("origin", "https://fremd.example".to_string())];
    let a = t.roh(Method::POST, "/api/v1/kunden", Some(kunde("X").to_string()), &kopf).await;
    assert_eq!(a.status, StatusCode::FORBIDDEN);
    assert_eq!(a.kopf.get("connection").and_then(|v| v.to_str().ok()), Some("close"));
    // A GET without a body keeps the connection.
    let a = t.roh(Method::GET, "/api/v1/kunden", None, &kopf).await;
    assert_eq!(a.status, StatusCode::UNAUTHORIZED);
    assert!(a.kopf.get("connection").is_none());
    t.aufraeumen().await;
}

#[tokio::test]
async fn serde_meldungen_auf_deutsch() {
    let mut dbs = datenbanken().await;
    let t = spawn_app(dbs.remove(0)).await;
    konten(&t).await;
    let c = t.anmelden("vfk").await;
    let kopf = [("sec-fetch-site", "same-origin".to_string()), ("cookie", c.clone())];
    let faelle = [
        (r#"{"vorname":"A","vorname":"B"}"#, "doppelt"),
        (r#"{"vorname":"A""#, "unvollständiges JSON"),
        (r#"{"vorname":1}"#, "falscher Typ, erwartet: Text"),
        (r#"{"vorname":"A",}"#, "kein gültiges JSON"),
        // A list is no object, not even one whose fields all have defaults.
        (r#"[null, null]"#, "falscher Typ, erwartet: Objekt"),
    ];
    for (koerper, erwartet) in faelle {
        let a = t.roh(Method::POST, "/api/v1/kunden", Some(koerper.into()), &kopf).await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{koerper}");
        let detail = a.json["detail"].as_str().unwrap();
        assert!(detail.contains(erwartet), "{koerper}: {detail}");
        for englisch in ["duplicate", "EOF", "expected", "invalid", "trailing"] {
            assert!(!detail.contains(englisch), "{koerper}: {detail}");
        }
    }
    // Every field of the profiling has a default: serde alone would read a list into it.
    let a = t.roh(Method::POST, "/api/v1/kunden/1/profillage-vorschlag", Some("[null, null]".into()), &kopf).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", a.json);
    let a = t.anfrage(Method::GET, "/api/v1/kunden?meine=vielleicht", None, Some(&c)).await;
    assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(a.json["detail"].as_str().unwrap().contains("true oder false"), "{}", a.json);
    t.aufraeumen().await;
}

#[tokio::test]
async fn openapi_nennt_jede_abweisung_als_problem_json() {
    let dok = serde_json::to_value(vierphasen_web::openapi()).unwrap();
    assert_eq!(dok["servers"][0]["url"], "/api/v1");
    let anlegen = &dok["paths"]["/kunden"]["post"]["responses"];
    for status in ["401", "403", "413", "415", "422", "500", "503"] {
        let inhalt = &anlegen[status]["content"];
        assert!(inhalt["application/problem+json"].is_object(), "{status}: {anlegen}");
        assert!(inhalt.get("application/json").is_none(), "{status}");
    }
    let lesen = &dok["paths"]["/kunden/{id}"]["get"]["responses"];
    assert!(lesen["404"]["content"]["application/problem+json"].is_object());
    assert!(lesen["200"]["content"]["application/json"].is_object(), "success stays JSON");
    assert!(lesen.get("415").is_none(), "a GET has no body to refuse");
    assert!(dok["paths"]["/anmeldung"]["post"]["responses"]["429"].is_object());
}
