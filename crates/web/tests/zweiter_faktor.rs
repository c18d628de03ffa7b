//! Issue 17: the second factor (TOTP) in the API and on the pages, the back-off of failed logins
//! (an attacker elsewhere cannot lock a user out; `Retry-After` on every 429), `/metrics` for
//! the Administration only.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::net::IpAddr;

use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Method, Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::{Value, json};
use vierphasen_app::totp;

use crate::gemeinsam::{Antwort, PASSWORT, TestApp, api, konten, spawn_apps};

fn unix() -> i64 {
    chrono::Utc::now().timestamp()
}

fn code(geheimnis: &str, versatz: i64) -> String {
    totp::code(&totp::base32_lesen(geheimnis).unwrap(), unix() + versatz)
}

fn cookie_aus(a: &Antwort) -> String {
    a.kopf.get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string()
}

async fn anmeldung(t: &TestApp, login: &str, code: Option<&str>) -> Antwort {
    let mut koerper = json!({"login": login, "passwort": PASSWORT});
    if let Some(c) = code {
        koerper["code"] = json!(c);
    }
    t.anfrage(Method::POST, "/api/v1/anmeldung", Some(koerper), None).await
}

/// Enrols TOTP for the signed-in user through the API; returns the secret and recovery codes.
async fn einrichten(t: &TestApp, cookie: &str) -> (String, Vec<String>) {
    let start = api(t, Method::POST, "/api/v1/profil/totp", None, cookie).await;
    let geheimnis = start["geheimnis"].as_str().unwrap().to_string();
    assert!(start["uri"].as_str().unwrap().starts_with("otpauth://totp/vierphasen:"), "{start}");
    let falsch =
        t.anfrage(Method::POST, "/api/v1/profil/totp/bestaetigen", Some(json!({"code": "000000"})), Some(cookie)).await;
    if code(&geheimnis, 0) != "000000" {
        assert_eq!(falsch.status, StatusCode::UNPROCESSABLE_ENTITY, "{:?}", falsch.json);
    }
    let ok =
        api(t, Method::POST, "/api/v1/profil/totp/bestaetigen", Some(json!({"code": code(&geheimnis, 0)})), cookie)
            .await;
    let codes: Vec<String> =
        ok["wiederherstellungscodes"].as_array().unwrap().iter().map(|c| c.as_str().unwrap().to_string()).collect();
    (geheimnis, codes)
}

#[tokio::test]
async fn totp_einrichten_und_mit_code_anmelden() {
    for t in spawn_apps().await {
        konten(&t).await;
        let cookie = t.anmelden("vfk").await;
        let status = api(&t, Method::GET, "/api/v1/profil/totp", None, &cookie).await;
        assert_eq!(status["eingerichtet"], false);
        let (geheimnis, codes) = einrichten(&t, &cookie).await;
        assert_eq!(codes.len(), 10);
        let status = api(&t, Method::GET, "/api/v1/profil/totp", None, &cookie).await;
        assert_eq!(status["eingerichtet"], true);
        assert_eq!(status["codes_uebrig"], 10);

        // Password alone: 401 naming the missing code, in German.
        let ohne = anmeldung(&t, "vfk", None).await;
        assert_eq!(ohne.status, StatusCode::UNAUTHORIZED, "{}", t.name);
        assert_eq!(ohne.json["type"], "urn:vierphasen:problem:code-noetig");
        assert!(ohne.json["detail"].as_str().unwrap().contains("Code aus der Authentifizierungs-App"), "{}", ohne.json);
        assert!(ohne.kopf.get("set-cookie").is_none());
        // A wrong code and the code already used for the confirmation are refused.
        let falsch =
            anmeldung(&t, "vfk", Some(if code(&geheimnis, 0) == "123456" { "654321" } else { "123456" })).await;
        assert_eq!(falsch.status, StatusCode::UNAUTHORIZED);
        let schon_benutzt = anmeldung(&t, "vfk", Some(&code(&geheimnis, 0))).await;
        assert_eq!(schon_benutzt.status, StatusCode::UNAUTHORIZED, "a used step must not count twice");
        // The next step's code (within the tolerance) signs in, once.
        let naechster = code(&geheimnis, 30);
        let ok = anmeldung(&t, "vfk", Some(&naechster)).await;
        assert_eq!(ok.status, StatusCode::OK, "{:?}", ok.json);
        let neu = cookie_aus(&ok);
        assert_eq!(t.anfrage(Method::GET, "/api/v1/kunden", None, Some(&neu)).await.status, StatusCode::OK);
        assert_eq!(anmeldung(&t, "vfk", Some(&naechster)).await.status, StatusCode::UNAUTHORIZED);
        // A recovery code works once, typed in upper case too.
        let ok = anmeldung(&t, "vfk", Some(&codes[0].to_uppercase())).await;
        assert_eq!(ok.status, StatusCode::OK, "{:?}", ok.json);
        assert_eq!(anmeldung(&t, "vfk", Some(&codes[0])).await.status, StatusCode::UNAUTHORIZED);
        let status = api(&t, Method::GET, "/api/v1/profil/totp", None, &neu).await;
        assert_eq!(status["codes_uebrig"], 9);

        // Removing needs a valid code; afterwards the password alone suffices again.
        let weg = t.anfrage(Method::DELETE, "/api/v1/profil/totp", Some(json!({"code": "999999x"})), Some(&neu)).await;
        assert_eq!(weg.status, StatusCode::UNPROCESSABLE_ENTITY);
        let weg = t.anfrage(Method::DELETE, "/api/v1/profil/totp", Some(json!({"code": codes[1]})), Some(&neu)).await;
        assert_eq!(weg.status, StatusCode::NO_CONTENT, "{:?}", weg.json);
        assert_eq!(anmeldung(&t, "vfk", None).await.status, StatusCode::OK);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn seitenanmeldung_fragt_nach_dem_code() {
    for t in spawn_apps().await {
        konten(&t).await;
        let cookie = t.anmelden("kollegin").await;
        let (geheimnis, _) = einrichten(&t, &cookie).await;
        let felder = [("login", "kollegin"), ("passwort", PASSWORT), ("weiter", "/kunden")];
        let s = t.absenden("/anmelden", &felder, "").await;
        assert_eq!(s.status, StatusCode::SEE_OTHER);
        assert_eq!(s.weiter(), "/anmelden/code?weiter=%2Fkunden");
        let vorlaeufig = s.kopf.get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
        // The session of the password step signs in nobody.
        assert_eq!(
            t.anfrage(Method::GET, "/api/v1/ich", None, Some(&vorlaeufig)).await.status,
            StatusCode::UNAUTHORIZED
        );
        let formular = t.seite("/anmelden/code?weiter=%2Fkunden", &vorlaeufig).await;
        assert_eq!(formular.status, StatusCode::OK);
        assert!(formular.text.contains(r#"autocomplete="one-time-code""#));
        assert!(formular.text.contains(r#"inputmode="numeric""#));
        let falsch = t.absenden("/anmelden/code", &[("code", "12345"), ("weiter", "/kunden")], &vorlaeufig).await;
        assert_eq!(falsch.status, StatusCode::UNAUTHORIZED);
        assert!(falsch.sichtbar().contains("Der Code ist falsch"), "{}", falsch.sichtbar());
        let c = code(&geheimnis, 30);
        let ok = t.absenden("/anmelden/code", &[("code", &c), ("weiter", "/kunden")], &vorlaeufig).await;
        assert_eq!(ok.status, StatusCode::SEE_OTHER, "{}", ok.sichtbar());
        assert_eq!(ok.weiter(), "/kunden");
        let voll = ok.kopf.get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
        assert_ne!(voll, vorlaeufig, "a new session id after the second factor");
        assert_eq!(t.seite("/kunden", &voll).await.status, StatusCode::OK);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn pflichtrolle_ohne_totp_muss_zuerst_einrichten() {
    for t in spawn_apps().await {
        konten(&t).await;
        let admin = t.anmelden("admin").await;
        let s = t.absenden("/verwaltung/anmeldung/vorgabe", &[("pflicht", "ja")], &admin).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        // Admin is not a case-reading role: she stays signed in with the password alone.
        assert_eq!(anmeldung(&t, "admin", None).await.status, StatusCode::OK);

        let a = anmeldung(&t, "vfk", None).await;
        assert_eq!(a.status, StatusCode::OK);
        assert_eq!(a.json["zweiter_faktor_fehlt"], true);
        let cookie = cookie_aus(&a);
        let kunden = t.anfrage(Method::GET, "/api/v1/kunden", None, Some(&cookie)).await;
        assert_eq!(kunden.status, StatusCode::FORBIDDEN);
        assert_eq!(kunden.json["type"], "urn:vierphasen:problem:zweiter-faktor-einrichten");
        let token = t.anfrage(Method::POST, "/api/v1/tokens", Some(json!({"name": "x"})), Some(&cookie)).await;
        assert_eq!(token.status, StatusCode::FORBIDDEN, "no token around the second factor");
        let seite = t.seite("/kunden", &cookie).await;
        assert_eq!(seite.status, StatusCode::SEE_OTHER);
        assert_eq!(seite.weiter(), "/profil/zweiter-faktor");
        let seite = t.seite("/profil/zweiter-faktor", &cookie).await;
        assert_eq!(seite.status, StatusCode::OK);
        assert!(seite.sichtbar().contains("Für Ihre Rolle vorgeschrieben"), "{}", seite.sichtbar());
        // Enrolment on the page: start, QR code and key, confirm.
        let s = t.absenden("/profil/zweiter-faktor/starten", &[], &cookie).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER);
        let seite = t.seite("/profil/zweiter-faktor", &cookie).await;
        assert!(seite.text.contains("<svg role=\"img\""), "inline QR code");
        let geheimnis = seite.text.split(r#"id="schluessel" type="text" readonly value=""#).nth(1).unwrap();
        let geheimnis = &geheimnis[..geheimnis.find('"').unwrap()];
        let s = t.absenden("/profil/zweiter-faktor/bestaetigen", &[("code", &code(geheimnis, 0))], &cookie).await;
        assert_eq!(s.status, StatusCode::OK);
        assert!(s.sichtbar().contains("Ihre Wiederherstellungscodes"));
        assert_eq!(s.text.matches("<li><code>").count(), 10);
        // Now the same session reaches everything.
        assert_eq!(t.anfrage(Method::GET, "/api/v1/kunden", None, Some(&cookie)).await.status, StatusCode::OK);
        assert_eq!(t.seite("/kunden", &cookie).await.status, StatusCode::OK);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn administration_setzt_den_zweiten_faktor_zurueck() {
    for t in spawn_apps().await {
        konten(&t).await;
        let cookie = t.anmelden("vfk.b").await;
        let ich = api(&t, Method::GET, "/api/v1/ich", None, &cookie).await;
        einrichten(&t, &cookie).await;
        let admin = t.anmelden("admin").await;
        let seite = t.seite("/verwaltung/anmeldung", &admin).await;
        assert_eq!(seite.status, StatusCode::OK);
        assert!(seite.sichtbar().contains("Zweiter Faktor eingerichtet"), "{}", seite.sichtbar());
        // Other roles may not.
        let vfk = t.anmelden("vfk").await;
        assert_eq!(t.seite("/verwaltung/anmeldung", &vfk).await.status, StatusCode::FORBIDDEN);
        let pfad = format!("/verwaltung/anmeldung/{}/zuruecksetzen", ich["benutzer_id"]);
        assert_eq!(t.absenden(&pfad, &[], &vfk).await.status, StatusCode::FORBIDDEN);

        let s = t.absenden(&pfad, &[], &admin).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER);
        // Her sessions ended; the password alone signs in again; the reset is recorded.
        assert_eq!(t.anfrage(Method::GET, "/api/v1/ich", None, Some(&cookie)).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(anmeldung(&t, "vfk.b", None).await.status, StatusCode::OK);
        let seite = t.seite("/verwaltung/anmeldung?erledigt=zurueckgesetzt", &admin).await;
        assert!(
            seite.sichtbar().contains("Zweiter Faktor von der Administration zurückgesetzt"),
            "{}",
            seite.sichtbar()
        );
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn tokens_laufen_ab_und_zeigen_die_letzte_nutzung() {
    for t in spawn_apps().await {
        konten(&t).await;
        let cookie = t.anmelden("vfk").await;
        let neu = api(&t, Method::POST, "/api/v1/tokens", Some(json!({"name": "Skript"})), &cookie).await;
        let token = neu["token"].as_str().unwrap().to_string();
        let bis = chrono::DateTime::parse_from_rfc3339(neu["gueltig_bis"].as_str().unwrap()).unwrap();
        let tage = (bis.with_timezone(&chrono::Utc) - chrono::Utc::now()).num_days();
        assert!((89..=90).contains(&tage), "{tage}");
        let kopf = [("authorization", format!("Bearer {token}"))];
        assert_eq!(t.roh(Method::GET, "/api/v1/kunden", None, &kopf).await.status, StatusCode::OK);
        let liste = api(&t, Method::GET, "/api/v1/tokens", None, &cookie).await;
        assert_eq!(liste[0]["name"], "Skript");
        assert!(liste[0]["zuletzt_um"].is_string(), "{liste}");
        // Expired: refused and no longer listed.
        let mut tx = t.db().begin().await.unwrap();
        let gestern = chrono::Utc::now() - chrono::TimeDelta::days(1);
        vierphasen_store::sql!(&mut tx, ausfuehren "UPDATE api_token SET gueltig_bis = $1", gestern).unwrap();
        tx.commit().await.unwrap();
        assert_eq!(t.roh(Method::GET, "/api/v1/kunden", None, &kopf).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(api(&t, Method::GET, "/api/v1/tokens", None, &cookie).await, json!([]));
        t.aufraeumen().await;
    }
}

/// A request from another loopback address (127.0.0.0/8), as from another client.
async fn von(t: &TestApp, adresse: &str, login: &str, passwort: &str) -> (StatusCode, Option<u64>, Value) {
    let mut verbinder = HttpConnector::new();
    verbinder.set_local_address(Some(adresse.parse::<IpAddr>().unwrap()));
    let client: Client<_, Full<Bytes>> = Client::builder(TokioExecutor::new()).build(verbinder);
    let koerper = json!({"login": login, "passwort": passwort}).to_string();
    let req = Request::builder()
        .method(Method::POST)
        .uri(format!("http://{}/api/v1/anmeldung", t.adresse))
        .header("content-type", "application/json")
        .header("sec-fetch-site", "same-origin")
        .body(Full::new(Bytes::from(koerper)))
        .unwrap();
    let a = client.request(req).await.unwrap();
    let status = a.status();
    let nochmal = a.headers().get("retry-after").map(|v| v.to_str().unwrap().parse().unwrap());
    let bytes = a.into_body().collect().await.unwrap().to_bytes();
    (status, nochmal, serde_json::from_slice(&bytes).unwrap_or(Value::Null))
}

#[tokio::test]
async fn angreifer_an_einer_adresse_sperrt_niemanden_aus() {
    for t in spawn_apps().await {
        konten(&t).await;
        let mut antworten = Vec::new();
        for _ in 0..12 {
            antworten.push(von(&t, "127.0.0.2", "vfk", "falsch-falsch").await);
        }
        assert!(antworten[..5].iter().all(|a| a.0 == StatusCode::UNAUTHORIZED), "{antworten:?}");
        let gedrosselt: Vec<_> = antworten.iter().filter(|a| a.0 == StatusCode::TOO_MANY_REQUESTS).collect();
        assert!(!gedrosselt.is_empty(), "{antworten:?}");
        for a in &gedrosselt {
            assert!(a.1.is_some_and(|s| s >= 1), "Retry-After on every 429: {a:?}");
            assert!(a.2["detail"].as_str().unwrap().contains("Bitte in"), "{a:?}");
        }
        // The right password from the attacker's address waits too ...
        assert_eq!(von(&t, "127.0.0.2", "vfk", PASSWORT).await.0, StatusCode::TOO_MANY_REQUESTS);
        // ... but not from the user's own address.
        let (status, _, json) = von(&t, "127.0.0.3", "vfk", PASSWORT).await;
        assert_eq!(status, StatusCode::OK, "{json}");
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn rueckstellung_waechst() {
    for t in spawn_apps().await {
        konten(&t).await;
        for _ in 0..5 {
            assert_eq!(von(&t, "127.0.0.4", "kollegin", "falsch-falsch").await.0, StatusCode::UNAUTHORIZED);
        }
        let erste = von(&t, "127.0.0.4", "kollegin", "falsch-falsch").await;
        assert_eq!((erste.0, erste.1), (StatusCode::TOO_MANY_REQUESTS, Some(1)));
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        assert_eq!(von(&t, "127.0.0.4", "kollegin", "falsch-falsch").await.0, StatusCode::UNAUTHORIZED);
        let zweite = von(&t, "127.0.0.4", "kollegin", "falsch-falsch").await;
        assert_eq!((zweite.0, zweite.1), (StatusCode::TOO_MANY_REQUESTS, Some(2)));
        // The Administration sees the account with its failures.
        let admin = t.anmelden("admin").await;
        let seite = t.seite("/verwaltung/anmeldung", &admin).await;
        assert!(seite.sichtbar().contains("kollegin 6 1"), "{}", seite.sichtbar());
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn metriken_nur_fuer_die_administration() {
    for t in spawn_apps().await {
        konten(&t).await;
        assert_eq!(t.anfrage(Method::GET, "/metrics", None, None).await.status, StatusCode::UNAUTHORIZED);
        let vfk = t.anmelden("vfk").await;
        assert_eq!(t.anfrage(Method::GET, "/metrics", None, Some(&vfk)).await.status, StatusCode::FORBIDDEN);
        let admin = t.anmelden("admin").await;
        assert_eq!(t.anfrage(Method::GET, "/metrics", None, Some(&admin)).await.status, StatusCode::OK);
        t.aufraeumen().await;
    }
}
