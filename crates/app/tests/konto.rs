#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Sessions: idle 30 min, absolute 10 h, ended when the account is disabled; the password policy.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use crate::gemeinsam::umgebung;
use chrono::{DateTime, TimeDelta, Utc};
use vierphasen_app::konto::NeuerBenutzer;
use vierphasen_app::{App, AppFehler};
use vierphasen_domain::zugriff::Rolle;
use vierphasen_store::testdb::datenbanken;

const PASSWORT: &str = "Ein-sehr-langes-Passwort-9";

/// An app whose clock the test moves.
fn mit_uhr(app: App) -> (App, Arc<AtomicI64>) {
    let sekunden = Arc::new(AtomicI64::new(Utc::now().timestamp()));
    let s = sekunden.clone();
    let app = app.mit_uhr(Arc::new(move || DateTime::from_timestamp(s.load(Ordering::SeqCst), 0).unwrap_or_default()));
    (app, sekunden)
}

fn vorstellen(uhr: &AtomicI64, dauer: TimeDelta) {
    uhr.fetch_add(dauer.num_seconds(), Ordering::SeqCst);
}

async fn konto(app: &App, dienststelle_id: i64, login: &str) {
    let neu = NeuerBenutzer {
        login: login.into(),
        name: "Test".into(),
        rolle: Rolle::Vfk,
        team_id: None,
        passwort: PASSWORT.into(),
        fachdienst: None,
    };
    app.benutzer_anlegen(None, dienststelle_id, neu).await.unwrap();
}

#[tokio::test]
async fn sitzung_endet_nach_30_minuten_leerlauf_und_nach_10_stunden() {
    for t in datenbanken().await {
        let (app, uhr) = mit_uhr(App::starten(t.db.clone()).await.unwrap());
        let u = umgebung(&app).await;
        konto(&app, u.agentur_id, "k.leer").await;

        let geheim = app.anmelden("k.leer", PASSWORT).await.unwrap().geheim;
        vorstellen(&uhr, TimeDelta::minutes(29));
        app.sitzung_pruefen(&geheim).await.unwrap();
        vorstellen(&uhr, TimeDelta::minutes(31));
        assert!(matches!(app.sitzung_pruefen(&geheim).await, Err(AppFehler::NichtAngemeldet)), "{}", t.name);

        // Active all the time, still ended after 10 hours.
        let geheim = app.anmelden("k.leer", PASSWORT).await.unwrap().geheim;
        for _ in 0..20 {
            vorstellen(&uhr, TimeDelta::minutes(29));
            app.sitzung_pruefen(&geheim).await.unwrap();
        }
        vorstellen(&uhr, TimeDelta::minutes(29));
        assert!(matches!(app.sitzung_pruefen(&geheim).await, Err(AppFehler::NichtAngemeldet)), "{}", t.name);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn deaktiviertes_konto_verliert_alle_sitzungen_und_tokens() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        konto(&app, u.agentur_id, "k.weg").await;
        let a1 = app.anmelden("k.weg", PASSWORT).await.unwrap();
        let (s1, ich) = (a1.geheim, a1.angemeldet);
        let s2 = app.anmelden("k.weg", PASSWORT).await.unwrap().geheim;
        assert_ne!(s1, s2, "jede Anmeldung erhält eine neue Sitzungs-ID");
        let (_, token, _) = app.token_erstellen(&ich, "Skript").await.unwrap();
        app.token_pruefen(&token).await.unwrap();

        app.benutzer_deaktivieren(&u.admin, ich.benutzer_id).await.unwrap();
        for s in [&s1, &s2] {
            assert!(matches!(app.sitzung_pruefen(s).await, Err(AppFehler::NichtAngemeldet)));
        }
        assert!(matches!(app.token_pruefen(&token).await, Err(AppFehler::NichtAngemeldet)));
        assert!(app.anmelden("k.weg", PASSWORT).await.is_err());
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn passwortrichtlinie_beim_anlegen() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        for (pw, grund) in [("kurz", "8 Zeichen"), ("password123", "zu bekannt"), (&*"x".repeat(129), "128 Zeichen")] {
            let neu = NeuerBenutzer {
                login: "k.pw".into(),
                name: "T".into(),
                rolle: Rolle::Vfk,
                team_id: None,
                passwort: pw.into(),
                fachdienst: None,
            };
            match app.benutzer_anlegen(None, u.agentur_id, neu).await.unwrap_err() {
                AppFehler::Ungueltig { feld, meldung } => {
                    assert_eq!(feld, "passwort");
                    assert!(meldung.contains(grund), "{meldung}");
                }
                f => panic!("{f:?}"),
            }
        }
        t.aufraeumen().await;
    }
}
