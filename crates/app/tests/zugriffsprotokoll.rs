//! Issue 15/9: the access log writes one entry per case, user, purpose and time window, and the
//! Datenschutz filters the log of her Dienststelle by user, day, purpose and case.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{TimeDelta, Utc};
use vierphasen_app::datenschutz::Protokollfilter;
use vierphasen_app::protokollierer::FENSTER_MINUTEN;
use vierphasen_app::{App, AppFehler};
use vierphasen_store::testdb::datenbanken;

use crate::gemeinsam::{neuer_kunde, umgebung};

#[tokio::test]
async fn ein_eintrag_je_fall_zweck_und_zeitfenster() {
    for t in datenbanken().await {
        let minuten = Arc::new(AtomicI64::new(0));
        let start = Utc::now();
        let uhr = {
            let m = minuten.clone();
            Arc::new(move || start + TimeDelta::minutes(m.load(Ordering::SeqCst)))
        };
        let app = App::starten(t.db.clone()).await.unwrap().mit_uhr(uhr);
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Fenster")).await.unwrap();
        let zwecke = |app: &App| {
            let app = app.clone();
            let ds = u.datenschutz.clone();
            async move { app.protokoll_lesen(&ds, id).await.unwrap().into_iter().map(|e| e.zweck).collect::<Vec<_>>() }
        };

        // The Akte, the matching fragment and the Akte again: one sitting, one entry.
        app.akte_lesen(&u.vfk, id, None).await.unwrap();
        app.fall_lesen(&u.vfk, id, None).await.unwrap();
        minuten.store(FENSTER_MINUTEN - 1, Ordering::SeqCst);
        app.akte_lesen(&u.vfk, id, None).await.unwrap();
        assert_eq!(zwecke(&app).await, vec!["Beratung"], "{}", t.name);
        // Another purpose and another user are entries of their own.
        app.akte_lesen(&u.vfk, id, Some("Vorbereitung Folgegespräch")).await.unwrap();
        app.akte_lesen(&u.kollegin, id, None).await.unwrap();
        assert_eq!(zwecke(&app).await.len(), 3, "{}", t.name);
        // After the window the same read is logged again.
        minuten.store(2 * FENSTER_MINUTEN, Ordering::SeqCst);
        app.akte_lesen(&u.vfk, id, None).await.unwrap();
        assert_eq!(zwecke(&app).await.len(), 4, "{}", t.name);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn datenschutz_filtert_das_protokoll_der_dienststelle() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let a = app.kunde_anlegen(&u.vfk, neuer_kunde("Alpha")).await.unwrap();
        let b = app.kunde_anlegen(&u.kollegin, neuer_kunde("Beta")).await.unwrap();
        let jc = app
            .kunde_anlegen(
                &u.vfk_jobcenter,
                serde_json::from_value(serde_json::json!({
                    "vorname": "Jana", "nachname": "Jobcenter", "geburtsdatum": "1990-01-01", "rechtskreis": "SGB_II",
                }))
                .unwrap(),
            )
            .await
            .unwrap();
        app.akte_lesen(&u.vfk, a, None).await.unwrap();
        app.akte_lesen(&u.kollegin, b, None).await.unwrap();
        app.akte_lesen(&u.kollegin, a, Some("Vertretung")).await.unwrap();
        app.akte_lesen(&u.vfk_jobcenter, jc, None).await.unwrap();

        let alle = app.protokoll_suchen(&u.datenschutz, &Protokollfilter::default(), 100).await.unwrap();
        // Only her Dienststelle (not the Jobcenter's read), newest first.
        assert_eq!(alle.gesamt, 3, "{}", t.name);
        assert_eq!(alle.zeilen[0].zweck, "Vertretung");
        assert!(alle.zeilen.iter().all(|z| z.kunde_id != jc.0));
        assert_eq!(alle.zeilen[0].login.as_deref(), Some("vfk.a2"));

        let nur = |f: Protokollfilter| {
            let app = app.clone();
            let ds = u.datenschutz.clone();
            async move { app.protokoll_suchen(&ds, &f, 100).await.unwrap() }
        };
        let kollegin = nur(Protokollfilter { benutzer_id: Some(u.kollegin.benutzer_id), ..Default::default() }).await;
        assert_eq!(kollegin.gesamt, 2);
        let vertretung = nur(Protokollfilter { zweck: Some("Vertretung".into()), ..Default::default() }).await;
        assert_eq!(vertretung.gesamt, 1);
        let nummer = alle.zeilen.iter().find(|z| z.kunde_id == a.0).unwrap().kundennummer.clone().unwrap();
        let fall = nur(Protokollfilter { kundennummer: Some(nummer.to_lowercase()), ..Default::default() }).await;
        assert_eq!(fall.gesamt, 2, "{}: Kundennummer in any case", t.name);
        let heute = app.heute();
        let tag = nur(Protokollfilter { von: Some(heute), bis: Some(heute), ..Default::default() }).await;
        assert_eq!(tag.gesamt, 3);
        let gestern = nur(Protokollfilter { bis: heute.pred_opt(), ..Default::default() }).await;
        assert_eq!(gestern.gesamt, 0);
        // At most the rows asked for, the total still counts all.
        let eine = app.protokoll_suchen(&u.datenschutz, &Protokollfilter::default(), 1).await.unwrap();
        assert_eq!((eine.zeilen.len(), eine.gesamt), (1, 3));
        // A period the wrong way round is a clear refusal; the VFK may not read the log.
        let falsch = Protokollfilter {
            von: Some(heute),
            bis: heute.pred_opt(),
            zweck: Some("a\u{0}b".into()),
            ..Default::default()
        };
        let f = app.protokoll_suchen(&u.datenschutz, &falsch, 10).await.unwrap_err();
        let AppFehler::UngueltigeFelder(felder) = f else { panic!("{f}") };
        let felder: Vec<&str> = felder.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(felder, ["bis", "zweck"], "all at once");
        assert!(matches!(
            app.protokoll_suchen(&u.vfk, &Protokollfilter::default(), 10).await,
            Err(AppFehler::Verboten(_))
        ));
        assert!(app.protokoll_zwecke(&u.datenschutz).await.unwrap().contains(&"Vertretung".to_owned()));
        t.aufraeumen().await;
    }
}
