#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Issue 17: the second factor in the use cases (stages of a session, replay, expiry of the code
//! step, the Dienststelle's requirement), API tokens that expire, passwords normalised to NFC.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use crate::gemeinsam::umgebung;
use chrono::{DateTime, TimeDelta, Utc};
use vierphasen_app::konto::{NeuerBenutzer, Stufe};
use vierphasen_app::zweiter_faktor::Vorgabe;
use vierphasen_app::{App, AppFehler, totp};
use vierphasen_domain::zugriff::Rolle;
use vierphasen_store::testdb::datenbanken;

fn mit_uhr(app: App) -> (App, Arc<AtomicI64>) {
    let sekunden = Arc::new(AtomicI64::new(Utc::now().timestamp()));
    let s = sekunden.clone();
    let app = app.mit_uhr(Arc::new(move || DateTime::from_timestamp(s.load(Ordering::SeqCst), 0).unwrap_or_default()));
    (app, sekunden)
}

async fn konto(app: &App, dienststelle_id: i64, login: &str, rolle: Rolle, passwort: &str) {
    let neu = NeuerBenutzer {
        login: login.into(),
        name: "Test".into(),
        rolle,
        team_id: None,
        passwort: passwort.into(),
        fachdienst: None,
    };
    app.benutzer_anlegen(None, dienststelle_id, neu).await.unwrap();
}

const PASSWORT: &str = "Ein-sehr-langes-Passwort-9";

#[tokio::test]
async fn stufen_der_anmeldung_und_keine_wiederverwendung() {
    for t in datenbanken().await {
        let (app, uhr) = mit_uhr(App::starten(t.db.clone()).await.unwrap());
        let u = umgebung(&app).await;
        konto(&app, u.agentur_id, "z.vfk", Rolle::Vfk, PASSWORT).await;
        konto(&app, u.agentur_id, "z.admin", Rolle::Admin, PASSWORT).await;
        // Required by default for a case-reading role, not for the Administration.
        let a = app.anmelden("z.vfk", PASSWORT).await.unwrap();
        assert_eq!(a.stufe, Stufe::Einrichten, "{}", t.name);
        assert!(app.sitzung_pruefen(&a.geheim).await.unwrap().zweiter_faktor_fehlt);
        assert_eq!(app.anmelden("z.admin", PASSWORT).await.unwrap().stufe, Stufe::Voll);

        let e = app.zweiter_faktor_starten(&a.angemeldet).await.unwrap();
        let geheim = totp::base32_lesen(&e.geheimnis).unwrap();
        let jetzt = || uhr.load(Ordering::SeqCst);
        let c0 = totp::code(&geheim, jetzt());
        let codes = app.zweiter_faktor_bestaetigen(&a.angemeldet, Some(&a.geheim), &c0).await.unwrap();
        assert_eq!(codes.len(), 10);
        assert!(!app.sitzung_pruefen(&a.geheim).await.unwrap().zweiter_faktor_fehlt, "the session is full now");

        // Password step → code step; the session of the password step signs in nobody.
        let b = app.anmelden("z.vfk", PASSWORT).await.unwrap();
        assert_eq!(b.stufe, Stufe::Code);
        assert!(matches!(app.sitzung_pruefen(&b.geheim).await, Err(AppFehler::NichtAngemeldet)));
        assert!(matches!(app.anmelden_mit_code(&b.geheim, &c0).await, Err(AppFehler::Verboten(_))), "replay");
        uhr.fetch_add(30, Ordering::SeqCst);
        let c1 = totp::code(&geheim, jetzt());
        let (voll, _) = app.anmelden_mit_code(&b.geheim, &c1).await.unwrap();
        app.sitzung_pruefen(&voll).await.unwrap();
        assert!(app.anmelden_mit_code(&b.geheim, &c1).await.is_err(), "the code-step session is gone");

        // The code step waits 5 minutes at most.
        let c = app.anmelden("z.vfk", PASSWORT).await.unwrap();
        uhr.fetch_add(6 * 60, Ordering::SeqCst);
        let c2 = totp::code(&geheim, jetzt());
        assert!(matches!(app.anmelden_mit_code(&c.geheim, &c2).await, Err(AppFehler::NichtAngemeldet)));

        // Turned off for the Dienststelle: no enrolment forced.
        konto(&app, u.agentur_id, "z.neu", Rolle::Teamleitung, PASSWORT).await;
        app.zweiter_faktor_vorgeben(None, u.agentur_id, Vorgabe { pflicht: false, fuer_alle: false }).await.unwrap();
        assert_eq!(app.anmelden("z.neu", PASSWORT).await.unwrap().stufe, Stufe::Voll);
        app.zweiter_faktor_vorgeben(None, u.agentur_id, Vorgabe { pflicht: false, fuer_alle: true }).await.unwrap();
        assert_eq!(app.anmelden("z.admin", PASSWORT).await.unwrap().stufe, Stufe::Einrichten);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn api_tokens_laufen_ab() {
    for t in datenbanken().await {
        let (mut app, uhr) = mit_uhr(App::starten(t.db.clone()).await.unwrap());
        app.token_gueltigkeit = TimeDelta::days(7);
        let u = umgebung(&app).await;
        konto(&app, u.agentur_id, "z.token", Rolle::Admin, PASSWORT).await;
        let ich = app.anmelden("z.token", PASSWORT).await.unwrap().angemeldet;
        let (_, token, bis) = app.token_erstellen(&ich, "Skript").await.unwrap();
        assert_eq!(bis.timestamp(), uhr.load(Ordering::SeqCst) + 7 * 86_400);
        app.token_pruefen(&token).await.unwrap();
        let liste = app.tokens_liste(&ich).await.unwrap();
        assert!(liste[0].zuletzt_um.is_some(), "last use recorded");
        uhr.fetch_add(7 * 86_400 - 1, Ordering::SeqCst);
        app.token_pruefen(&token).await.unwrap();
        uhr.fetch_add(1, Ordering::SeqCst);
        assert!(matches!(app.token_pruefen(&token).await, Err(AppFehler::NichtAngemeldet)), "{}", t.name);
        assert!(app.tokens_liste(&ich).await.unwrap().is_empty());
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn passwort_in_zerlegter_unicode_form() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        app.zweiter_faktor_vorgeben(None, u.agentur_id, Vorgabe { pflicht: false, fuer_alle: false }).await.unwrap();
        // "Café-Übergang-7" composed (NFC) at creation, decomposed (NFD) at login, and vice versa.
        let nfc = "Caf\u{e9}-\u{dc}bergang-7";
        let nfd = "Cafe\u{301}-U\u{308}bergang-7";
        konto(&app, u.agentur_id, "z.nfc", Rolle::Vfk, nfc).await;
        konto(&app, u.agentur_id, "z.nfd", Rolle::Vfk, nfd).await;
        assert!(app.anmelden("z.nfc", nfd).await.is_ok(), "{}", t.name);
        assert!(app.anmelden("z.nfd", nfc).await.is_ok());
        assert!(app.anmelden("z.nfc", "Cafe-Ubergang-7").await.is_err());
        t.aufraeumen().await;
    }
}
