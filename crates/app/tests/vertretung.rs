//! Issue 13/6: a stand-in for a period, entered by the VFK herself or her Teamleitung. During the
//! days the stand-in changes the caseload and finds its appointments in her Arbeitsliste; before
//! and after them she does not; others may not enter one.

use crate::gemeinsam::{am_montag, neuer_kunde, umgebung};
use chrono::TimeDelta;
use serde_json::json;
use vierphasen_app::fall::EinwilligungEingabe;
use vierphasen_app::konto::NeuerBenutzer;
use vierphasen_app::termine::{TerminEingabe, TerminFilter};
use vierphasen_app::vertretung::VertretungEingabe;
use vierphasen_app::{App, AppFehler};
use vierphasen_domain::zugriff::{Akteur, Rolle};
use vierphasen_store::testdb::datenbanken;

const PASSWORT: &str = "Ein-sehr-langes-Passwort-9";

async fn vfk(app: &App, dienststelle_id: i64, team_id: i64, login: &str) -> i64 {
    let neu = NeuerBenutzer {
        login: login.into(),
        name: format!("Name {login}"),
        rolle: Rolle::Vfk,
        team_id: Some(team_id),
        passwort: PASSWORT.into(),
        fachdienst: None,
    };
    app.benutzer_anlegen(None, dienststelle_id, neu).await.unwrap()
}

/// As she is after logging in (her stand-ins of today).
async fn angemeldet(app: &App, login: &str) -> Akteur {
    app.anmelden(login, PASSWORT).await.unwrap().angemeldet.akteur
}

#[tokio::test]
async fn vertretung_gilt_nur_in_ihrem_zeitraum() {
    for t in datenbanken().await {
        let app = am_montag(App::starten(t.db.clone()).await.unwrap());
        let u = umgebung(&app).await;
        let heute = app.heute();
        let tag = |n: i64| Some(heute + TimeDelta::days(n));
        let a_id = vfk(&app, u.agentur_id, u.team_a, "vfk.urlaub").await;
        let b_id = vfk(&app, u.agentur_id, u.team_b, "vfk.vertretung").await;
        let a = angemeldet(&app, "vfk.urlaub").await;
        let kunde = app.kunde_anlegen(&a, neuer_kunde("Vertreten")).await.unwrap();
        let termin: TerminEingabe = serde_json::from_value(json!({ "datum": heute, "text": "Rückruf" })).unwrap();
        app.termin_anlegen(&a, kunde, termin).await.unwrap();
        let einwilligung = || -> EinwilligungEingabe {
            serde_json::from_value(json!({ "umfang": "aerztlicher_dienst", "erteilt_am": heute })).unwrap()
        };
        let eintrag = |von, bis| VertretungEingabe { vertretene_id: a_id, vertreter_id: b_id, von, bis };

        // Only she or her Teamleitung enters it; a colleague of another team may not.
        let b = angemeldet(&app, "vfk.vertretung").await;
        assert!(matches!(app.vertretung_eintragen(&b, eintrag(None, None)).await, Err(AppFehler::Verboten(_))));
        match app.vertretung_eintragen(&a, eintrag(tag(5), tag(1))).await {
            Err(AppFehler::Ungueltig { feld, .. }) => assert_eq!(feld, "bis"),
            e => panic!("{}: {e:?}", t.name),
        }
        match app.vertretung_eintragen(&a, eintrag(tag(-9), tag(-2))).await {
            Err(AppFehler::Ungueltig { feld, meldung }) => {
                assert_eq!((feld.as_str(), meldung.as_str()), ("bis", "liegt in der Vergangenheit"))
            }
            e => panic!("{}: {e:?}", t.name),
        }

        // Planned from tomorrow: today nothing changes for the stand-in.
        app.vertretung_eintragen(&a, eintrag(tag(1), tag(5))).await.unwrap();
        let b = angemeldet(&app, "vfk.vertretung").await;
        assert!(b.vertritt.is_empty(), "{}", t.name);
        assert!(app.einwilligung_erteilen(&b, kunde, einwilligung()).await.is_err(), "{}", t.name);
        let liste = app.termine_liste(&b, &TerminFilter { bis: tag(0), erledigte: false }).await.unwrap();
        assert!(liste.is_empty(), "{}: {liste:?}", t.name);

        // From yesterday (the same pair: the new days replace the old): she works the caseload
        // and sees its appointment in her Arbeitsliste, marked as a stand-in's.
        app.vertretung_eintragen(&a, eintrag(tag(-1), tag(5))).await.unwrap();
        let b = angemeldet(&app, "vfk.vertretung").await;
        assert_eq!(b.vertritt, vec![a_id], "{}", t.name);
        app.einwilligung_erteilen(&b, kunde, einwilligung()).await.unwrap();
        let liste = app.termine_liste(&b, &TerminFilter { bis: tag(0), erledigte: false }).await.unwrap();
        assert_eq!(liste.len(), 1, "{}", t.name);
        assert_eq!(liste[0].vertretung_fuer.as_deref(), Some("Name vfk.urlaub"));
        let zeilen = app.vertretungen(&a).await.unwrap();
        assert_eq!(zeilen.len(), 1, "{}", t.name);
        assert!(zeilen[0].gilt_heute && zeilen[0].von == tag(-1) && zeilen[0].bis == tag(5));

        // Her Teamleitung sees and ends it; from then on the stand-in has no access.
        assert_eq!(app.vertretungen(&u.teamleitung).await.unwrap().len(), 1, "{}", t.name);
        app.vertretung_beenden(&u.teamleitung, a_id, b_id).await.unwrap();
        let b = angemeldet(&app, "vfk.vertretung").await;
        assert!(b.vertritt.is_empty(), "{}", t.name);
        assert!(app.vertretungen(&a).await.unwrap().is_empty());
        assert!(matches!(app.vertretung_beenden(&u.teamleitung, a_id, b_id).await, Err(AppFehler::NichtGefunden(_))));
        t.aufraeumen().await;
    }
}
