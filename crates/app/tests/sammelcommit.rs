#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Group commit: concurrent changes share commits, a refused change rolls back only itself.

use crate::gemeinsam::{abmeldung, neuer_kunde, umgebung, verlauf_zeilen};
use vierphasen_app::{App, AppFehler};
use vierphasen_store::testdb::datenbanken;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn gleichzeitige_aenderungen_bleiben_getrennt_erhalten() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let heute = app.heute();
        let mut kunden = Vec::new();
        for i in 0..24 {
            kunden.push(app.kunde_anlegen(&u.vfk, neuer_kunde(&format!("Parallel{i}"))).await.unwrap());
        }
        let mut laeufe = Vec::new();
        for (i, &id) in kunden.iter().enumerate() {
            let app = app.clone();
            let vfk = u.vfk.clone();
            // Every third one is refused after the case row was already touched (date before the registration).
            let ende = if i % 3 == 0 { heute - chrono::Days::new(400) } else { heute };
            laeufe.push(tokio::spawn(async move { app.abmelden_kunde(&vfk, id, abmeldung(ende)).await }));
        }
        let mut ok = 0;
        for l in laeufe {
            match l.await.unwrap() {
                Ok(()) => ok += 1,
                Err(AppFehler::Ungueltig { feld, .. }) => assert_eq!(feld, "datum"),
                Err(e) => panic!("{}: {e:?}", t.name),
            }
        }
        assert_eq!(ok, 16, "{}", t.name);
        for (i, &id) in kunden.iter().enumerate() {
            let fall = app.fall_lesen(&u.vfk, id, None).await.unwrap();
            let abgemeldet = fall.fallakte.meldungen[0].ende.is_some();
            assert_eq!(abgemeldet, i % 3 != 0, "{}: Kunde {i}", t.name);
            assert_eq!(verlauf_zeilen(&app, id.0).await, if i % 3 == 0 { 1 } else { 2 });
        }
        assert!(vierphasen_store::protokoll::pruefen(&app.db).await.unwrap().intakt());
        t.aufraeumen().await;
    }
}
