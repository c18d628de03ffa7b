//! Issue 13/5, U1: the Übergabe SGB III → SGB II. The Agentur's VFK enters the end of the
//! Arbeitslosengeld and sends the packet to a partner Jobcenter; the Jobcenter reads it (logged
//! with its purpose) and takes it over, which continues the profiling in an SGB II case with the
//! Erstgespräch due under the local standard. Who may do what, and the delays as measured.

use crate::gemeinsam::{am_montag, neuer_kunde, umgebung};
use chrono::{NaiveDate, TimeDelta};
use serde_json::{Value, json};
use vierphasen_app::fall::{ProfilingEingabe, RechtskreiswechselAngabe, StrategieEingabe, ZielEingabe};
use vierphasen_app::konto::NeuerBenutzer;
use vierphasen_app::uebergabe::{
    UebergabeEingabe, UebergabestandardEingabe, Uebergabestatus, UebernahmeEingabe, ZWECK_UEBERGABE,
};
use vierphasen_app::{App, AppFehler};
use vierphasen_domain::fallakte::Rechtskreiswechsel;
use vierphasen_domain::zugriff::Rolle;
use vierphasen_domain::{KundeId, Rechtskreis};
use vierphasen_store::sql;
use vierphasen_store::testdb::datenbanken;

fn eingabe<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).unwrap()
}

/// Profiling (Förderprofil, need in the qualification), goal and a national strategy.
async fn integrationsarbeit(app: &App, vfk: &vierphasen_domain::zugriff::Akteur, id: KundeId) {
    let merkmale: Vec<Value> = app
        .katalog
        .merkmale
        .iter()
        .map(|m| {
            let status = if m.id == "berufliche_qualifikation" { "handlungsbedarf" } else { "kein_handlungsbedarf" };
            json!({ "merkmal": m.id, "status": status })
        })
        .collect();
    let profiling: ProfilingEingabe = eingabe(json!({
        "zielberuf": "26212",
        "merkmale": merkmale,
        "standortbestimmung": { "datum": app.heute(), "prognose_monate": 9, "fazit": "Gute Chancen nach Qualifizierung." },
        "profillage": { "wert": "foerderprofil" },
        "bestaetigt": true,
    }));
    app.profiling_speichern(vfk, id, profiling).await.unwrap();
    let ziel: ZielEingabe = eingabe(json!({ "zieloption": "beschaeftigung_lokal", "bestaetigt": true }));
    app.ziel_setzen(vfk, id, ziel).await.unwrap();
    let heute = app.heute();
    let wahl = |strategie: &str, beginn: i64, ende: i64| -> StrategieEingabe {
        eingabe(json!({
            "strategie": strategie, "beginn": heute + TimeDelta::days(beginn), "ende": heute + TimeDelta::days(ende),
            "bestaetigt": true,
        }))
    };
    // S2: a Berufsabschluss comes with the Absolventenmanagement after it.
    app.strategie_waehlen(vfk, id, wahl("absolventenmanagement", 300, 480)).await.unwrap();
    app.strategie_waehlen(vfk, id, wahl("berufsabschluss_erwerben", 0, 300)).await.unwrap();
    // S5: only in SGB III; the Jobcenter does not continue it.
    app.strategie_waehlen(vfk, id, wahl("verfuegbarkeit_ueberpruefen", 0, 60)).await.unwrap();
}

fn wechsel(datum: NaiveDate, erfolgt: bool) -> RechtskreiswechselAngabe {
    RechtskreiswechselAngabe {
        rechtskreiswechsel: Some(Rechtskreiswechsel {
            datum,
            antrag_sgb2_erwartet: true,
            erfolgt,
            erstgespraech_bis: None,
        }),
    }
}

fn standard(jobcenter_id: i64) -> UebergabestandardEingabe {
    UebergabestandardEingabe {
        jobcenter_id,
        uebernahme_tage: 5,
        erstgespraech_tage: 14,
        antragsausgabe: "Termin in der Eingangszone, Antrag wird mitgegeben.".into(),
    }
}

fn notiz(jobcenter_id: i64) -> UebergabeEingabe {
    UebergabeEingabe { jobcenter_id, notiz: "Weiterbildung beantragt; bitte im Erstgespräch aufgreifen.".into() }
}

#[tokio::test]
async fn uebergabe_an_das_jobcenter_setzt_das_profiling_fort() {
    for t in datenbanken().await {
        let db = t.name;
        let app = am_montag(App::starten(t.db.clone()).await.unwrap());
        let u = umgebung(&app).await;
        let heute = app.heute();
        let vfk = &u.vfk;
        let jc = &u.vfk_jobcenter;
        let id = app.kunde_anlegen(vfk, neuer_kunde("Wechsel")).await.unwrap();
        integrationsarbeit(&app, vfk, id).await;

        // Nothing is sent without the date of the change; the SGB III side cannot mark it done.
        let f = app.uebergabe_senden(vfk, id, notiz(u.jobcenter_id)).await.unwrap_err();
        assert!(matches!(&f, AppFehler::Konflikt(m) if m.contains("Rechtskreiswechsels")), "{db}: {f:?}");
        let datum = heute + TimeDelta::days(30);
        let f = app.rechtskreiswechsel_setzen(vfk, id, wechsel(datum, true)).await.unwrap_err();
        assert!(matches!(&f, AppFehler::Ungueltig { feld, .. } if feld == "erfolgt"), "{db}: {f:?}");
        app.rechtskreiswechsel_setzen(vfk, id, wechsel(datum, false)).await.unwrap();
        let fristen: Vec<&str> =
            app.fall_lesen(vfk, id, None).await.unwrap().pruefung.fristen.iter().map(|f| f.art).collect();
        assert!(
            fristen.contains(&"uebergabe_gruppeninformation") && fristen.contains(&"uebergabe_abschlussgespraech"),
            "{db}: the timeline of U1 follows from the date: {fristen:?}"
        );

        // Only to a partner with a standard, which the Agentur's administration enters.
        let f = app.uebergabe_senden(vfk, id, notiz(u.jobcenter_id)).await.unwrap_err();
        assert!(matches!(&f, AppFehler::Ungueltig { feld, .. } if feld == "jobcenter_id"), "{db}: {f:?}");
        let f = app.uebergabestandard_setzen(vfk, standard(u.jobcenter_id)).await.unwrap_err();
        assert!(matches!(f, AppFehler::Verboten(_)), "{db}: {f:?}");
        app.uebergabestandard_setzen(&u.admin, standard(u.jobcenter_id)).await.unwrap();

        let uid = app.uebergabe_senden(vfk, id, notiz(u.jobcenter_id)).await.unwrap();
        let f = app.uebergabe_senden(vfk, id, notiz(u.jobcenter_id)).await.unwrap_err();
        assert!(matches!(&f, AppFehler::Konflikt(m) if m.contains("wartet bereits")), "{db}: {f:?}");

        // The Agentur lists it as outgoing to whom reads the case; team B does not.
        let l = app.uebergaben(vfk).await.unwrap();
        assert_eq!((l.eingang.len(), l.ausgang.len()), (0, 1), "{db}");
        assert!(app.uebergaben(&u.vfk_b).await.unwrap().ausgang.is_empty(), "{db}");
        assert!(matches!(app.uebergaben(&u.aed).await, Err(AppFehler::Verboten(_))), "{db}");

        // The Jobcenter finds it in its Eingang and reads the packet, logged with the purpose.
        let l = app.uebergaben(jc).await.unwrap();
        assert_eq!((l.eingang.len(), l.ausgang.len()), (1, 0), "{db}");
        assert!(!l.eingang[0].eskaliert, "{db}");
        let akte = app.uebergabe_lesen(jc, uid).await.unwrap();
        assert!(akte.uebernehmen && akte.paket.notiz.starts_with("Weiterbildung"), "{db}");
        assert_eq!(akte.nicht_fortgefuehrt, ["Verfügbarkeit überprüfen (nur SGB III)"], "{db}");
        let profiling = akte.auszuege.iter().flat_map(|a| &a.zeilen).any(|z| z.starts_with("Profiling vom"));
        assert!(profiling, "{db}: {:?}", akte.auszuege);
        let mut tx = app.db.begin().await.unwrap();
        let gelesen = sql!(&mut tx, wert<i64>
            "SELECT COUNT(*) FROM zugriffsprotokoll WHERE kunde_id = $1 AND benutzer_id = $2 AND zweck = $3",
            id.0, jc.benutzer_id, ZWECK_UEBERGABE)
        .unwrap();
        drop(tx);
        assert_eq!(gelesen, 1, "{db}");

        // The Agentur does not take it over; the Jobcenter's VFK does, into her caseload.
        let f = app.uebergabe_uebernehmen(vfk, uid, UebernahmeEingabe::default()).await.unwrap_err();
        assert!(matches!(f, AppFehler::Verboten(_)), "{db}: {f:?}");
        let e = app.uebergabe_uebernehmen(jc, uid, UebernahmeEingabe::default()).await.unwrap();
        assert!(!e.verknuepft && e.nicht_fortgefuehrt == ["Verfügbarkeit überprüfen (nur SGB III)"], "{db}: {e:?}");
        assert_eq!(e.erstgespraech_bis, datum + TimeDelta::days(14), "{db}: 14 days after the change");
        let f = app.uebergabe_uebernehmen(jc, uid, UebernahmeEingabe::default()).await.unwrap_err();
        assert!(matches!(&f, AppFehler::Konflikt(m) if m.contains("übernommen")), "{db}: {f:?}");
        let f = app.uebergabe_zurueckziehen(vfk, uid).await.unwrap_err();
        assert!(matches!(&f, AppFehler::Konflikt(m) if m.contains("übernommen")), "{db}: {f:?}");

        // The SGB II case continues: same Profillage and profiling, goal and strategy; the
        // Erstgespräch SGB II is due by the standard's day.
        let neu = app.fall_lesen(jc, KundeId(e.kunde_id), None).await.unwrap();
        let alt = app.fall_lesen(vfk, id, None).await.unwrap();
        assert_eq!(neu.stammdaten.rechtskreis, Rechtskreis::SgbII, "{db}");
        assert_eq!(neu.stammdaten.vfk_id, Some(jc.benutzer_id), "{db}");
        assert_eq!(neu.fallakte.profiling, alt.fallakte.profiling, "{db}: the profiling is continued, not restarted");
        assert_eq!(neu.fallakte.ziele, alt.fallakte.ziele, "{db}");
        let mut strategien: Vec<&str> = neu.fallakte.strategien.iter().map(|s| s.strategie.as_str()).collect();
        strategien.sort_unstable();
        assert_eq!(strategien, ["absolventenmanagement", "berufsabschluss_erwerben"], "{db}");
        let erstgespraech = neu.pruefung.fristen.iter().find(|f| f.art == "uebergabe_erstgespraech_sgb2");
        assert_eq!(erstgespraech.map(|f| f.spaetestens), Some(e.erstgespraech_bis), "{db}: {:?}", neu.pruefung.fristen);

        // Both sides see it taken over the day it came.
        let l = app.uebergaben(vfk).await.unwrap();
        assert_eq!(l.ausgang[0].status, Uebergabestatus::Uebernommen, "{db}");
        assert_eq!(l.ausgang[0].uebernahme_fristgerecht(), Some(true), "{db}");
        assert_eq!(app.uebergaben(jc).await.unwrap().eingang[0].neuer_kunde_id, Some(e.kunde_id), "{db}");
    }
}

#[tokio::test]
async fn uebergabe_ohne_uebernahme_eskaliert_und_die_teamleitung_verteilt() {
    for t in datenbanken().await {
        let db = t.name;
        let app = am_montag(App::starten(t.db.clone()).await.unwrap());
        let u = umgebung(&app).await;
        let heute = app.heute();
        app.uebergabestandard_setzen(&u.admin, standard(u.jobcenter_id)).await.unwrap();
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Bekannt")).await.unwrap();
        integrationsarbeit(&app, &u.vfk, id).await;
        app.rechtskreiswechsel_setzen(&u.vfk, id, wechsel(heute - TimeDelta::days(2), false)).await.unwrap();
        let uid = app.uebergabe_senden(&u.vfk, id, notiz(u.jobcenter_id)).await.unwrap();
        let mut tx = app.db.begin().await.unwrap();
        let vor_neun_tagen = app.jetzt() - TimeDelta::days(9);
        sql!(&mut tx, ausfuehren "UPDATE uebergabe SET gesendet_um = $1 WHERE id = $2", vor_neun_tagen, uid).unwrap();
        tx.commit().await.unwrap();

        // Nine days without Übernahme against a standard of five: escalated.
        let l = app.uebergaben(&u.vfk_jobcenter).await.unwrap();
        assert!(l.eingang[0].eskaliert && l.eingang[0].tage_bis_uebernahme == 9, "{db}: {:?}", l.eingang[0]);

        // The Jobcenter knows the person already (same name and birth date): linked, not doubled.
        let mut bekannt = neuer_kunde("Bekannt");
        bekannt.rechtskreis = Rechtskreis::SgbII;
        let vorhanden = app.kunde_anlegen(&u.vfk_jobcenter, bekannt).await.unwrap();

        // The Teamleitung of the Jobcenter names the VFK who continues it.
        let neu = NeuerBenutzer {
            login: "tl.jc".into(),
            name: "Teamleitung Jobcenter".into(),
            rolle: Rolle::Teamleitung,
            team_id: None,
            passwort: "Ein-sehr-langes-Passwort-9".into(),
            fachdienst: None,
        };
        app.benutzer_anlegen(None, u.jobcenter_id, neu).await.unwrap();
        let tl = app.anmelden("tl.jc", "Ein-sehr-langes-Passwort-9").await.unwrap().angemeldet.akteur;
        assert_eq!(app.uebergaben(&tl).await.unwrap().eingang.len(), 1, "{db}");
        let f = app.uebergabe_uebernehmen(&tl, uid, UebernahmeEingabe::default()).await.unwrap_err();
        assert!(matches!(&f, AppFehler::Ungueltig { feld, .. } if feld == "vfk_id"), "{db}: {f:?}");
        let f = app.uebergabe_uebernehmen(&tl, uid, UebernahmeEingabe { vfk_id: Some(u.vfk.benutzer_id) }).await;
        assert!(
            matches!(&f, Err(AppFehler::Ungueltig { feld, .. }) if feld == "vfk_id"),
            "{db}: not the Agentur's VFK"
        );
        let e = app
            .uebergabe_uebernehmen(&tl, uid, UebernahmeEingabe { vfk_id: Some(u.vfk_jobcenter.benutzer_id) })
            .await
            .unwrap();
        assert!(e.verknuepft && e.kunde_id == vorhanden.0, "{db}: {e:?}");
        // Taken over after the change: the Erstgespräch counts from the Übernahme.
        assert_eq!(e.erstgespraech_bis, heute + TimeDelta::days(14), "{db}");
        let l = app.uebergaben(&u.vfk_jobcenter).await.unwrap();
        assert!(!l.eingang[0].eskaliert && l.eingang[0].uebernahme_fristgerecht() == Some(false), "{db}");
        let fall = app.fall_lesen(&u.vfk_jobcenter, vorhanden, None).await.unwrap();
        assert!(fall.fallakte.kunde.rechtskreiswechsel.is_some_and(|w| w.erfolgt), "{db}");
        assert_eq!(fall.fallakte.profiling.len(), 1, "{db}: the packet's profiling, as it had none");
    }
}
