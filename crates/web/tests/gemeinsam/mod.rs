//! `spawn_app()`: the whole server on port 0 with a fresh database (SQLite always, PostgreSQL
//! when TEST_DATABASE_URL is set), and a small HTTP client that behaves like a browser or an
//! API client.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::net::SocketAddr;

use chrono::{Days, NaiveDate, Utc};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{HeaderMap, Method, Request, StatusCode};
use hyper_util::client::legacy::Client;
use hyper_util::client::legacy::connect::HttpConnector;
use hyper_util::rt::TokioExecutor;
use serde_json::Value;
use vierphasen_app::App;
use vierphasen_app::konto::NeuerBenutzer;
use vierphasen_domain::zugriff::Rolle;
use vierphasen_store::testdb::{Testdb, datenbanken};
use vierphasen_store::{Db, sql};
use vierphasen_web::Einstellungen;

pub const PASSWORT: &str = "Sehr-geheimes-Testpasswort-7";

/// The rules' Stichtag: today in Germany, as the server counts it.
pub fn heute() -> NaiveDate {
    vierphasen_domain::datum::berlin_datum(Utc::now())
}

/// Today plus `tage` as the API and `<input type="date">` write dates (JJJJ-MM-TT).
pub fn tag(tage: u64) -> String {
    (heute() + Days::new(tage)).to_string()
}

/// Today plus `tage` as the pages show dates (TT.MM.JJJJ).
pub fn tag_de(tage: u64) -> String {
    (heute() + Days::new(tage)).format("%d.%m.%Y").to_string()
}

/// The first working day at least `tage` ahead (JJJJ-MM-TT): appointments and agreed dates are
/// refused on weekends and public holidays (the test Dienststellen have no Land: the nationwide ones).
pub fn werktag(tage: u64) -> String {
    vierphasen_domain::kalender::arbeitstag_ab(heute() + Days::new(tage), None).to_string()
}

pub fn werktag_de(tage: u64) -> String {
    vierphasen_domain::kalender::arbeitstag_ab(heute() + Days::new(tage), None).format("%d.%m.%Y").to_string()
}

/// What the Kontaktdichtekonzept proposes `tage` ahead: the last working day up to then (K1).
pub fn k1_tag(tage: u64) -> String {
    vierphasen_domain::kalender::arbeitstag_bis(heute() + Days::new(tage), None).to_string()
}

pub fn k1_tag_de(tage: u64) -> String {
    vierphasen_domain::kalender::arbeitstag_bis(heute() + Days::new(tage), None).format("%d.%m.%Y").to_string()
}

/// A JSON request that must succeed; fails the test with the answer otherwise.
pub async fn api(t: &TestApp, methode: Method, pfad: &str, koerper: Option<Value>, cookie: &str) -> Value {
    let text = format!("{methode} {pfad}");
    let a = t.anfrage(methode, pfad, koerper, Some(cookie)).await;
    assert!(a.status.is_success(), "{}: {text}: {} {:#}", t.name, a.status, a.json);
    a.json
}

#[derive(Debug)]
pub struct TestApp {
    pub name: &'static str,
    pub adresse: SocketAddr,
    pub app: App,
    testdb: Testdb,
    client: Client<HttpConnector, Full<Bytes>>,
}

#[derive(Debug)]
pub struct Antwort {
    pub status: StatusCode,
    pub kopf: HeaderMap,
    pub json: Value,
}

#[derive(Debug)]
pub struct Seite {
    pub status: StatusCode,
    pub kopf: HeaderMap,
    pub text: String,
}

impl Seite {
    /// Where a 303 after a form points.
    pub fn weiter(&self) -> &str {
        self.kopf.get("location").and_then(|l| l.to_str().ok()).unwrap_or("")
    }

    /// The visible text without tags and with single spaces (for "the page says …" assertions).
    pub fn sichtbar(&self) -> String {
        let mut aus = String::with_capacity(self.text.len());
        let mut im_tag = false;
        for c in self.text.chars() {
            match c {
                '<' => im_tag = true,
                '>' => {
                    im_tag = false;
                    aus.push(' ');
                }
                c if !im_tag => aus.push(c),
                _ => {}
            }
        }
        let aus = aus
            .replace("&#34;", "\"")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
            .replace("&lt;", "<")
            .replace("&gt;", ">");
        aus.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// One server per configured database.
pub async fn spawn_apps() -> Vec<TestApp> {
    let mut alle = Vec::new();
    for t in datenbanken().await {
        alle.push(spawn_app(t).await);
    }
    alle
}

pub async fn spawn_app(testdb: Testdb) -> TestApp {
    let app = App::starten(testdb.db.clone()).await.unwrap();
    let (adresse, _lauf) =
        vierphasen_web::starten(app.clone(), "127.0.0.1:0".parse().unwrap(), Einstellungen { cookie_sicher: false })
            .await
            .unwrap();
    let client = Client::builder(TokioExecutor::new()).build_http();
    TestApp { name: testdb.name, adresse, app, testdb, client }
}

impl TestApp {
    pub fn db(&self) -> &Db {
        &self.testdb.db
    }

    pub async fn aufraeumen(self) {
        self.testdb.aufraeumen().await;
    }

    /// A request as a same-origin browser page would send it (cookie, Sec-Fetch-Site).
    pub async fn anfrage(&self, methode: Method, pfad: &str, koerper: Option<Value>, cookie: Option<&str>) -> Antwort {
        let mut kopf = vec![("sec-fetch-site", "same-origin".to_string())];
        if let Some(c) = cookie {
            kopf.push(("cookie", c.to_string()));
        }
        self.roh(methode, pfad, koerper.map(|k| k.to_string()), &kopf).await
    }

    pub async fn roh(&self, methode: Method, pfad: &str, koerper: Option<String>, kopf: &[(&str, String)]) -> Antwort {
        let mut req = Request::builder().method(methode).uri(format!("http://{}{pfad}", self.adresse));
        for (n, w) in kopf {
            req = req.header(*n, w);
        }
        if koerper.is_some() {
            req = req.header("content-type", "application/json");
        }
        let req = req.body(Full::new(Bytes::from(koerper.unwrap_or_default()))).unwrap();
        let antwort = self.client.request(req).await.unwrap();
        let status = antwort.status();
        let kopf = antwort.headers().clone();
        let bytes = antwort.into_body().collect().await.unwrap().to_bytes();
        let json = serde_json::from_slice(&bytes).unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()));
        Antwort { status, kopf, json }
    }

    /// A page as the browser gets it: status, headers and the HTML text.
    pub async fn seite(&self, pfad: &str, cookie: &str) -> Seite {
        let kopf = [("sec-fetch-site", "same-origin".to_string()), ("cookie", cookie.to_string())];
        self.html(Method::GET, pfad, None, &kopf).await
    }

    /// Submits an HTML form (urlencoded, same-origin) like the browser does.
    pub async fn absenden(&self, pfad: &str, felder: &[(&str, &str)], cookie: &str) -> Seite {
        let kopf = [("sec-fetch-site", "same-origin".to_string()), ("cookie", cookie.to_string())];
        let koerper = serde_urlencoded::to_string(felder).unwrap();
        self.html(Method::POST, pfad, Some(koerper), &kopf).await
    }

    pub async fn html(&self, methode: Method, pfad: &str, formular: Option<String>, kopf: &[(&str, String)]) -> Seite {
        let mut req = Request::builder().method(methode).uri(format!("http://{}{pfad}", self.adresse));
        for (n, w) in kopf {
            req = req.header(*n, w);
        }
        if formular.is_some() {
            req = req.header("content-type", "application/x-www-form-urlencoded");
        }
        let req = req.body(Full::new(Bytes::from(formular.unwrap_or_default()))).unwrap();
        let antwort = self.client.request(req).await.unwrap();
        let status = antwort.status();
        let kopf = antwort.headers().clone();
        let bytes = antwort.into_body().collect().await.unwrap().to_bytes();
        Seite { status, kopf, text: String::from_utf8_lossy(&bytes).into_owned() }
    }

    /// Logs in; returns the cookie to send (`name=value`).
    pub async fn anmelden(&self, login: &str) -> String {
        let a = self
            .anfrage(
                Method::POST,
                "/api/v1/anmeldung",
                Some(serde_json::json!({"login": login, "passwort": PASSWORT})),
                None,
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "Anmeldung {login}: {:?}", a.json);
        let set = a.kopf.get("set-cookie").unwrap().to_str().unwrap();
        set.split(';').next().unwrap().to_string()
    }
}

#[derive(Debug, Clone)]
pub struct Konten {
    pub agentur_id: i64,
    pub jobcenter_id: i64,
    pub team_a: i64,
    pub team_b: i64,
}

/// Two Dienststellen (second factor not required: tests sign in with the password; the tests of
/// the second factor switch it on), teams, and one account per role (logins `vfk`, `kollegin`, `vfk.b`,
/// `teamleitung`, `fachdienst`, `admin`, `datenschutz`, `vfk.jobcenter`; password PASSWORT).
pub async fn konten(t: &TestApp) -> Konten {
    let mut tx = t.db().begin().await.unwrap();
    let jetzt = Utc::now();
    let agentur_id = sql!(&mut tx, wert<i64>
        "INSERT INTO dienststelle (name, rechtskreis, konfiguration, erstellt_um, zweiter_faktor_pflicht) VALUES ('Agentur Test', 'SGB_III', '{}', $1, FALSE) RETURNING id", jetzt).unwrap();
    let jobcenter_id = sql!(&mut tx, wert<i64>
        "INSERT INTO dienststelle (name, rechtskreis, konfiguration, erstellt_um, zweiter_faktor_pflicht) VALUES ('Jobcenter Test', 'SGB_II', '{}', $1, FALSE) RETURNING id", jetzt).unwrap();
    let team_a =
        sql!(&mut tx, wert<i64> "INSERT INTO team (dienststelle_id, name) VALUES ($1, 'A') RETURNING id", agentur_id)
            .unwrap();
    let team_b =
        sql!(&mut tx, wert<i64> "INSERT INTO team (dienststelle_id, name) VALUES ($1, 'B') RETURNING id", agentur_id)
            .unwrap();
    let team_jc = sql!(&mut tx, wert<i64> "INSERT INTO team (dienststelle_id, name) VALUES ($1, 'JC') RETURNING id", jobcenter_id).unwrap();
    tx.commit().await.unwrap();
    for (login, rolle, dst, team, fachdienst) in [
        ("vfk", Rolle::Vfk, agentur_id, Some(team_a), None),
        ("kollegin", Rolle::Vfk, agentur_id, Some(team_a), None),
        ("vfk.b", Rolle::Vfk, agentur_id, Some(team_b), None),
        ("teamleitung", Rolle::Teamleitung, agentur_id, Some(team_a), None),
        ("fachdienst", Rolle::Fachdienst, agentur_id, None, Some("aerztlicher_dienst")),
        ("bps", Rolle::Fachdienst, agentur_id, None, Some("berufspsychologischer_service")),
        ("admin", Rolle::Admin, agentur_id, None, None),
        ("datenschutz", Rolle::Datenschutz, agentur_id, None, None),
        ("vfk.jobcenter", Rolle::Vfk, jobcenter_id, Some(team_jc), None),
    ] {
        let neu = NeuerBenutzer {
            login: login.into(),
            name: login.into(),
            rolle,
            team_id: team,
            passwort: PASSWORT.into(),
            fachdienst: fachdienst.map(str::to_owned),
        };
        t.app.benutzer_anlegen(None, dst, neu).await.unwrap();
    }
    Konten { agentur_id, jobcenter_id, team_a, team_b }
}

/// The Potenzialanalyse of a profiling: a Handlungsbedarf in `merkmal`, none elsewhere.
pub fn merkmale_mit_bedarf(merkmal: &str) -> Vec<Value> {
    vierphasen_domain::Katalog::standard()
        .unwrap()
        .merkmale
        .iter()
        .map(|m| {
            let status = if m.id == merkmal { "handlungsbedarf" } else { "kein_handlungsbedarf" };
            serde_json::json!({ "merkmal": m.id, "status": status })
        })
        .collect()
}
