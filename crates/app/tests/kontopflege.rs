//! Issue 15/9: the Administration changes role and team, hands out a one-time link for a new
//! password and moves a caseload; each recorded as an account event.

use crate::gemeinsam::{neuer_kunde, umgebung, verlauf_zeilen};
use vierphasen_app::konto::NeuerBenutzer;
use vierphasen_app::kontopflege::Kontoaenderung;
use vierphasen_app::{App, AppFehler};
use vierphasen_domain::zugriff::Rolle;
use vierphasen_store::sql;
use vierphasen_store::testdb::datenbanken;

const PASSWORT: &str = "Ein-sehr-langes-Passwort-9";
const NEU: &str = "Ganz-anderes-Kennwort-2027";

#[tokio::test]
async fn bestand_uebertragen_dann_rolle_wechseln() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let a = app.kunde_anlegen(&u.vfk, neuer_kunde("Erster")).await.unwrap();
        let b = app.kunde_anlegen(&u.vfk, neuer_kunde("Zweite")).await.unwrap();
        let fremd = app.kunde_anlegen(&u.kollegin, neuer_kunde("Bleibt")).await.unwrap();
        let vorher = verlauf_zeilen(&app, a.0).await;

        // A VFK with cases keeps her role until her caseload is moved; the message says how many.
        let zur_teamleitung = Kontoaenderung { rolle: Rolle::Teamleitung, team_id: Some(u.team_a), fachdienst: None };
        let f = app.konto_aendern(&u.admin, u.vfk.benutzer_id, zur_teamleitung.clone()).await.unwrap_err();
        assert!(
            matches!(&f, AppFehler::Ungueltig { feld, meldung } if feld == "rolle" && meldung.contains("2 Fälle")),
            "{}: {f}",
            t.name
        );

        // Only the Administration moves a caseload, only to another active VFK.
        assert!(matches!(
            app.bestand_uebertragen(&u.teamleitung, u.vfk.benutzer_id, u.vfk_b.benutzer_id).await,
            Err(AppFehler::Verboten(_))
        ));
        assert!(matches!(
            app.bestand_uebertragen(&u.admin, u.vfk.benutzer_id, u.datenschutz.benutzer_id).await,
            Err(AppFehler::Ungueltig { .. })
        ));
        assert_eq!(app.fallbestand(&u.admin, u.vfk.benutzer_id).await.unwrap(), 2);
        let n = app.bestand_uebertragen(&u.admin, u.vfk.benutzer_id, u.vfk_b.benutzer_id).await.unwrap();
        assert_eq!(n, 2, "{}", t.name);
        let mut tx = app.db.begin().await.unwrap();
        let zustaendig: Vec<(i64, Option<i64>, Option<i64>)> = sql!(&mut tx, zeilen<(i64, Option<i64>, Option<i64>)>
            "SELECT id, vfk_id, team_id FROM kunde ORDER BY id")
        .unwrap();
        drop(tx);
        for (id, vfk, team) in zustaendig {
            if id == fremd.0 {
                assert_eq!(vfk, Some(u.kollegin.benutzer_id));
            } else if id == a.0 || id == b.0 {
                // The new VFK and her team.
                assert_eq!((vfk, team), (Some(u.vfk_b.benutzer_id), Some(u.team_b)), "{}", t.name);
            }
        }
        // D2: each case's Verlauf says so.
        assert_eq!(verlauf_zeilen(&app, a.0).await, vorher + 1);
        // The new VFK reads the case without a reason; the former one no longer.
        app.akte_lesen(&u.vfk_b, a, None).await.unwrap();

        // Now the role can change; the account events name both.
        app.konto_aendern(&u.admin, u.vfk.benutzer_id, zur_teamleitung).await.unwrap();
        let ereignisse = app.konto_ereignisse(&u.admin).await.unwrap();
        let texte: Vec<String> =
            ereignisse.iter().map(|e| format!("{}: {}", e.art, e.angabe.clone().unwrap_or_default())).collect();
        assert!(texte.iter().any(|e| e == "bestand_uebertragen: 2 Fälle an vfk.b"), "{texte:?}");
        assert!(texte.iter().any(|e| e == "rolle_geaendert: Vermittlungsfachkraft → Teamleitung"), "{texte:?}");

        // Nobody changes her own role; a team of another Dienststelle is refused.
        let f = app
            .konto_aendern(
                &u.admin,
                u.admin.benutzer_id,
                Kontoaenderung { rolle: Rolle::Vfk, team_id: None, fachdienst: None },
            )
            .await;
        assert!(matches!(f, Err(AppFehler::Ungueltig { .. })), "{f:?}");
        let mut tx = app.db.begin().await.unwrap();
        let team_jc =
            sql!(&mut tx, wert<i64> "SELECT team_id FROM benutzer WHERE id = $1", u.vfk_jobcenter.benutzer_id).unwrap();
        drop(tx);
        let f = app
            .konto_aendern(
                &u.admin,
                u.kollegin.benutzer_id,
                Kontoaenderung { rolle: Rolle::Vfk, team_id: Some(team_jc), fachdienst: None },
            )
            .await;
        assert!(matches!(f, Err(AppFehler::Ungueltig { ref feld, .. }) if feld == "team_id"), "{f:?}");
        // A team change alone.
        app.konto_aendern(
            &u.admin,
            u.kollegin.benutzer_id,
            Kontoaenderung { rolle: Rolle::Vfk, team_id: Some(u.team_b), fachdienst: None },
        )
        .await
        .unwrap();
        let liste = app.benutzer_liste(&u.admin).await.unwrap();
        assert_eq!(liste.iter().find(|b| b.id == u.kollegin.benutzer_id).unwrap().team_id, Some(u.team_b));
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn neues_passwort_ueber_einmaligen_link() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let neu = NeuerBenutzer {
            login: "vergesslich".into(),
            name: "Vera Vergesslich".into(),
            rolle: Rolle::Vfk,
            team_id: Some(u.team_a),
            passwort: PASSWORT.into(),
            fachdienst: None,
        };
        let id = app.benutzer_anlegen(Some(&u.admin), u.agentur_id, neu).await.unwrap();

        // Only the Administration, not for her own account.
        assert!(matches!(app.passwort_link_erstellen(&u.teamleitung, id).await, Err(AppFehler::Verboten(_))));
        assert!(matches!(
            app.passwort_link_erstellen(&u.admin, u.admin.benutzer_id).await,
            Err(AppFehler::Konflikt(_))
        ));
        let erster = app.passwort_link_erstellen(&u.admin, id).await.unwrap();
        let link = app.passwort_link_erstellen(&u.admin, id).await.unwrap();
        // A newer link replaces the older one.
        assert!(matches!(app.passwort_link_login(&erster.geheim).await, Err(AppFehler::NichtGefunden(_))));
        assert_eq!(app.passwort_link_login(&link.geheim).await.unwrap(), "vergesslich");

        // The policy and the repetition, then the password is set once.
        let f = app.passwort_per_link_setzen(&link.geheim, NEU, "anders").await.unwrap_err();
        assert!(matches!(&f, AppFehler::Ungueltig { feld, .. } if feld == "passwort_wiederholung"), "{f}");
        let f = app.passwort_per_link_setzen(&link.geheim, "kurz", "kurz").await.unwrap_err();
        assert!(matches!(&f, AppFehler::Ungueltig { feld, .. } if feld == "passwort_neu"), "{f}");
        app.passwort_per_link_setzen(&link.geheim, NEU, NEU).await.unwrap();
        assert!(app.anmelden("vergesslich", NEU).await.is_ok(), "{}", t.name);
        assert!(app.anmelden("vergesslich", PASSWORT).await.is_err(), "{}", t.name);
        let f = app.passwort_per_link_setzen(&link.geheim, "Noch-ein-Kennwort-2028", "Noch-ein-Kennwort-2028").await;
        assert!(matches!(f, Err(AppFehler::NichtGefunden(_))), "{}: used up", t.name);
        t.aufraeumen().await;
    }
}
