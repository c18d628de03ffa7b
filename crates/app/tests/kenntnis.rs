//! D1 need-to-know for VFKs (issue 17 item 1): caseload, team and stand-ins without a reason,
//! any other case of the Dienststelle only after stating one (logged, reported, time-limited);
//! every customer list and search logged.

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{SubsecRound, TimeDelta, Utc};
use vierphasen_app::kenntnis::Ausnahmeangabe;
use vierphasen_app::{App, AppFehler};
use vierphasen_domain::zugriff::{AUSNAHME_GUELTIG_STUNDEN, Ausnahmegrund};
use vierphasen_store::sql;
use vierphasen_store::testdb::datenbanken;

use crate::gemeinsam::{neuer_kunde, umgebung};
use vierphasen_app::fall::Kundensuche;

fn angabe(grund: Ausnahmegrund, erlaeuterung: Option<&str>) -> Ausnahmeangabe {
    Ausnahmeangabe { grund, erlaeuterung: erlaeuterung.map(str::to_owned) }
}

fn suche(text: &str) -> Kundensuche {
    Kundensuche { suche: Some(text.to_owned()), meine: false }
}

#[tokio::test]
async fn fremder_fall_nur_mit_grund_und_nur_fuer_einen_arbeitstag() {
    for t in datenbanken().await {
        // A clock the test moves forward (minutes since the start).
        let versatz = Arc::new(AtomicI64::new(0));
        let start = Utc::now();
        let uhr = {
            let versatz = versatz.clone();
            Arc::new(move || start + TimeDelta::minutes(versatz.load(Ordering::SeqCst)))
        };
        let app = App::starten(t.db.clone()).await.unwrap().mit_uhr(uhr);
        let u = umgebung(&app).await;
        let team_b = app.kunde_anlegen(&u.vfk_b, neuer_kunde("Fremdteam")).await.unwrap();
        let eigenes_team = app.kunde_anlegen(&u.kollegin, neuer_kunde("Teamfall")).await.unwrap();

        // The team's case: read without a reason; another team's: the reason is asked for.
        app.akte_lesen(&u.vfk, eigenes_team, None).await.unwrap();
        let f = app.akte_lesen(&u.vfk, team_b, None).await.unwrap_err();
        assert!(matches!(f, AppFehler::BegruendungNoetig { kunde_id } if kunde_id == team_b.0), "{}: {f}", t.name);
        assert!(f.to_string().contains("Grund"), "{f}");
        assert!(matches!(app.fall_lesen(&u.vfk, team_b, None).await, Err(AppFehler::BegruendungNoetig { .. })));
        // Neither the export outside the own cases.
        assert!(matches!(app.fall_exportieren(&u.vfk, team_b).await, Err(AppFehler::Verboten(_))));

        // "Sonstiges" needs the explanation; a case of another Dienststelle stays invisible.
        let f = app.ausnahmezugriff(&u.vfk, team_b, angabe(Ausnahmegrund::Sonstiges, None)).await.unwrap_err();
        assert!(matches!(&f, AppFehler::Ungueltig { feld, .. } if feld == "erlaeuterung"), "{f}");
        let jc = app.kunde_anlegen(&u.vfk_jobcenter, jobcenter_kunde()).await.unwrap();
        let f = app.ausnahmezugriff(&u.vfk, jc, angabe(Ausnahmegrund::VorspracheOhneTermin, None)).await.unwrap_err();
        assert!(matches!(f, AppFehler::NichtGefunden(_)), "{f}");
        // A case she may read anyway needs no reason.
        let f = app.ausnahmezugriff(&u.vfk, eigenes_team, angabe(Ausnahmegrund::AnrufDesKunden, None)).await;
        assert!(matches!(f, Err(AppFehler::Konflikt(_))));

        let frei = app
            .ausnahmezugriff(&u.vfk, team_b, angabe(Ausnahmegrund::VorspracheOhneTermin, Some("steht am Empfang")))
            .await
            .unwrap();
        assert_eq!(frei.gueltig_bis, start.trunc_subsecs(6) + TimeDelta::hours(AUSNAHME_GUELTIG_STUNDEN));
        app.akte_lesen(&u.vfk, team_b, None).await.unwrap();
        app.fall_lesen(&u.vfk, team_b, None).await.unwrap();
        // Reading only: changes stay with the responsible VFK; the grant is hers alone.
        let f = app.erwerbstaetigkeit_setzen(&u.vfk, team_b, serde_json::from_str("{}").unwrap()).await.unwrap_err();
        assert!(matches!(f, AppFehler::Verboten(_)), "{f}");
        assert!(matches!(app.akte_lesen(&u.kollegin, team_b, None).await, Err(AppFehler::BegruendungNoetig { .. })));

        // The reason is in the hash-chained access log.
        let zwecke = app.protokoll_lesen(&u.datenschutz, team_b).await.unwrap();
        assert!(
            zwecke
                .iter()
                .any(|z| z.benutzer_id == u.vfk.benutzer_id && z.zweck == "Ausnahmezugriff: Vorsprache ohne Termin")
        );

        // The Datenschutz report: who, which case, why, and the reads under the grant (the Akte
        // and the case view for the same purpose in one window: one entry, issue 15/9).
        let bericht = app.zugriffsbericht(&u.datenschutz).await.unwrap();
        assert_eq!(bericht.ausnahmen.len(), 1, "{}", t.name);
        let a = &bericht.ausnahmen[0];
        assert_eq!((a.benutzer.as_str(), a.kunde_id, a.grund.as_str()), ("vfk.a", team_b.0, "vorsprache_ohne_termin"));
        assert_eq!(a.erlaeuterung.as_deref(), Some("steht am Empfang"));
        assert_eq!(a.lesezugriffe, 1, "{}", t.name);
        assert!(matches!(app.zugriffsbericht(&u.vfk).await, Err(AppFehler::Verboten(_))));

        // After a working day the reason has to be given again.
        versatz.store(AUSNAHME_GUELTIG_STUNDEN * 60 + 1, Ordering::SeqCst);
        assert!(matches!(app.akte_lesen(&u.vfk, team_b, None).await, Err(AppFehler::BegruendungNoetig { .. })));
        t.aufraeumen().await;
    }
}

fn jobcenter_kunde() -> vierphasen_app::fall::NeuerKunde {
    let mut k = neuer_kunde("Jobcenterfall");
    k.rechtskreis = vierphasen_domain::Rechtskreis::SgbII;
    k
}

#[tokio::test]
async fn liste_zeigt_den_eigenen_bereich_die_suche_auch_fremde_faelle_markiert_und_protokolliert() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let eigen = app.kunde_anlegen(&u.vfk, neuer_kunde("Sommer")).await.unwrap();
        let team = app.kunde_anlegen(&u.kollegin, neuer_kunde("Sonntag")).await.unwrap();
        let fremd = app.kunde_anlegen(&u.vfk_b, neuer_kunde("Sonnberg")).await.unwrap();

        // Without a search term: caseload and team, not the other team.
        let liste = app.kunden_liste(&u.vfk, &Kundensuche::default()).await.unwrap();
        let ids: Vec<i64> = liste.iter().map(|k| k.id).collect();
        assert!(ids.contains(&eigen.0) && ids.contains(&team.0), "{}", t.name);
        assert!(!ids.contains(&fremd.0), "{}: the other team's case is not listed", t.name);
        assert!(liste.iter().all(|k| !k.nur_mit_begruendung));

        // Two characters do not reach beyond the own cases; three do, marked.
        let zwei = app.kunden_liste(&u.vfk, &suche("So")).await.unwrap();
        assert!(zwei.iter().all(|k| k.id != fremd.0), "{}", t.name);
        let drei = app.kunden_liste(&u.vfk, &suche("Son")).await.unwrap();
        let treffer: Vec<(i64, bool)> = drei.iter().map(|k| (k.id, k.nur_mit_begruendung)).collect();
        assert_eq!(treffer, vec![(fremd.0, true), (team.0, false)], "{}", t.name);
        // Her team's Teamleitung sees no other team at all, however she searches.
        let tl = app.kunden_liste(&u.teamleitung, &suche("Sonnberg")).await.unwrap();
        assert!(tl.is_empty(), "{}", t.name);

        // Every list is logged: who, what, how many.
        let mut tx = app.db.begin().await.unwrap();
        let zeilen = sql!(&mut tx, zeilen<(i64, Option<String>, i64)>
            "SELECT benutzer_id, suche, treffer FROM suchprotokoll ORDER BY id")
        .unwrap();
        drop(tx);
        let vfk = u.vfk.benutzer_id;
        assert_eq!(
            zeilen,
            vec![
                (vfk, None, 2),
                (vfk, Some("So".into()), 2),
                (vfk, Some("Son".into()), 2),
                (u.teamleitung.benutzer_id, Some("Sonnberg".into()), 0),
            ],
            "{}",
            t.name
        );
        let bericht = app.zugriffsbericht(&u.datenschutz).await.unwrap();
        assert_eq!(bericht.suchen.len(), 4);
        assert_eq!(bericht.suchen[0].suche.as_deref(), Some("Sonnberg"), "newest first");
        t.aufraeumen().await;
    }
}
