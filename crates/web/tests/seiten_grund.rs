//! The HTML frame over HTTP: login page and form, redirect of anonymous page requests, the
//! Arbeitsliste, Kundensuche (full page and htmx fragment), the Kundenakte with its access-log
//! row, the same "not found" page for a case of another Dienststelle as for a missing one,
//! logout, the embedded assets, and no open redirect after login.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::gemeinsam::{PASSWORT, TestApp, konten, spawn_apps};
use hyper::{Method, StatusCode};
use serde_json::json;

async fn formular_anmelden(t: &TestApp, login: &str, weiter: &str) -> String {
    let s = t.absenden("/anmelden", &[("login", login), ("passwort", PASSWORT), ("weiter", weiter)], "").await;
    assert_eq!(s.status, StatusCode::SEE_OTHER, "{}: {}", t.name, s.sichtbar());
    let cookie = s.kopf.get("set-cookie").unwrap().to_str().unwrap();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax"), "{cookie}");
    cookie.split(';').next().unwrap().to_string()
}

async fn kunde_anlegen(t: &TestApp, cookie: &str, vorname: &str, nachname: &str) -> i64 {
    let a = t
        .anfrage(
            Method::POST,
            "/api/v1/kunden",
            Some(json!({"vorname": vorname, "nachname": nachname, "geburtsdatum": "1988-04-12",
                         "rechtskreis": "SGB_III", "plz": "10115"})),
            Some(cookie),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.json);
    a.json["id"].as_i64().unwrap()
}

#[tokio::test]
async fn anmeldung_arbeitsliste_suche_und_akte() {
    for t in spawn_apps().await {
        konten(&t).await;

        // Anonymous: every page leads to the login, and back to where the user wanted to go.
        let s = t.seite("/kunden?suche=M", "").await;
        assert_eq!(s.status, StatusCode::SEE_OTHER);
        assert_eq!(s.weiter(), "/anmelden?weiter=%2Fkunden%3Fsuche%3DM");
        let s = t.seite("/anmelden?weiter=%2Fkunden", "").await;
        assert_eq!(s.status, StatusCode::OK);
        assert!(s.sichtbar().contains("Anmelden Benutzername Passwort"), "{}", s.sichtbar());
        assert!(s.text.contains(r#"value="/kunden""#));

        // A wrong password: the page says so and keeps the login name.
        let s = t.absenden("/anmelden", &[("login", "vfk"), ("passwort", "falsch-falsch"), ("weiter", "/")], "").await;
        assert_eq!(s.status, StatusCode::UNAUTHORIZED);
        assert!(s.sichtbar().contains("Benutzername oder Passwort ist falsch"), "{}", s.sichtbar());
        assert!(s.text.contains(r#"value="vfk""#));

        let cookie = formular_anmelden(&t, "vfk", "/kunden").await;
        let id = kunde_anlegen(&t, &cookie, "Jürgen", "Öztürk-Weiß").await;

        let s = t.seite("/", &cookie).await;
        assert_eq!(s.status, StatusCode::OK);
        let text = s.sichtbar();
        assert!(text.contains("Arbeitsliste für"), "{text}");
        assert!(text.contains("Termine heute"), "{text}");
        assert_eq!(s.kopf.get("cache-control").unwrap(), "no-store");
        assert!(s.kopf.get("content-security-policy").unwrap().to_str().unwrap().contains("script-src 'self'"));

        // Search: the full page without JavaScript, the result list alone for htmx.
        let s = t.seite("/kunden?suche=zt%C3%BCrk&abgeschickt=1", &cookie).await;
        assert_eq!(s.status, StatusCode::OK);
        assert!(s.sichtbar().contains("1 Treffer für „ztürk“ Name Kundennummer"), "{}", s.sichtbar());
        assert!(s.text.contains(&format!(r#"href="/kunden/{id}""#)));
        let kopf = [("cookie", cookie.clone()), ("hx-request", "true".to_string())];
        let s = t.html(Method::GET, "/kunden?suche=nobody&abgeschickt=1", None, &kopf).await;
        assert!(s.text.trim_start().starts_with("<section id=\"trefferliste\""), "{}", s.text);
        assert!(s.sichtbar().contains("0 Treffer"));

        // The Kundenakte: name, Kundennummer, phases, and the read is in the access log (D3).
        let s = t.seite(&format!("/kunden/{id}"), &cookie).await;
        assert_eq!(s.status, StatusCode::OK);
        let text = s.sichtbar();
        assert!(text.contains("Jürgen Öztürk-Weiß"), "{text}");
        assert!(text.contains("SGB III"));
        assert!(text.contains("Phase 1: Profiling Noch kein Profiling"), "{text}");
        assert!(text.contains("Zeitleiste: Vermerke und Änderungen"));
        let zugriffe: i64 = {
            let mut tx = t.db().begin().await.unwrap();
            vierphasen_store::sql!(&mut tx, wert<i64> "SELECT COUNT(*) FROM zugriffsprotokoll WHERE kunde_id = $1", id)
                .unwrap()
        };
        assert_eq!(zugriffe, 1, "{}", t.name);

        // A case of another Dienststelle answers exactly like a missing one (D1).
        let fremd = formular_anmelden(&t, "vfk.jobcenter", "/").await;
        let fremde_akte = t.seite(&format!("/kunden/{id}"), &fremd).await;
        let fehlend = t.seite("/kunden/999999", &fremd).await;
        assert_eq!(fremde_akte.status, StatusCode::NOT_FOUND);
        assert_eq!(fremde_akte.text, fehlend.text);
        assert_eq!(t.seite("/kunden/abc", &fremd).await.status, StatusCode::NOT_FOUND);

        // Logout ends the session: the old cookie leads to the login again.
        let s = t.absenden("/abmelden", &[], &cookie).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER);
        assert_eq!(s.weiter(), "/anmelden?abgemeldet=1");
        assert_eq!(t.seite("/", &cookie).await.status, StatusCode::SEE_OTHER);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn kein_offener_redirect_und_eingebettete_dateien() {
    for t in spawn_apps().await {
        konten(&t).await;
        for boese in ["https://example.org/", "//example.org/", "/\\example.org"] {
            let s = t.absenden("/anmelden", &[("login", "vfk"), ("passwort", PASSWORT), ("weiter", boese)], "").await;
            assert_eq!(s.status, StatusCode::SEE_OTHER);
            assert_eq!(s.weiter(), "/", "{boese}");
        }
        for (pfad, art) in [
            ("/static/kern/kern.min.css", "text/css; charset=utf-8"),
            ("/static/htmx/htmx.min.js", "text/javascript; charset=utf-8"),
            ("/static/schrift/source-sans-3-latin-400-normal.woff2", "font/woff2"),
        ] {
            let s = t.seite(pfad, "").await;
            assert_eq!(s.status, StatusCode::OK, "{pfad}");
            assert_eq!(s.kopf.get("content-type").unwrap(), art);
            assert!(!s.text.is_empty());
        }
        // The pages load nothing from elsewhere (no CDN).
        let s = t.seite("/anmelden", "").await;
        assert!(!s.text.contains("http://") && !s.text.contains("https://"), "{}", s.text);
        assert_eq!(t.seite("/static/../Cargo.toml", "").await.status, StatusCode::NOT_FOUND);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn neuer_kunde_ueber_das_formular() {
    for t in spawn_apps().await {
        konten(&t).await;
        let cookie = formular_anmelden(&t, "vfk", "/").await;
        let s = t.seite("/kunden/neu", &cookie).await;
        assert_eq!(s.status, StatusCode::OK);
        assert!(s.sichtbar().contains("Neue Kundin / neuer Kunde"));
        // SGB III Dienststelle: no Bedarfsgemeinschaft field (P10 is SGB II).
        assert!(!s.text.contains(r#"name="bedarfsgemeinschaft""#));
        // Issue 15/7: the browser stops a name where the server would refuse it; a date has no limit.
        assert!(s.text.contains(r#"name="vorname" type="text" value="" maxlength="100""#), "{}", s.text);
        assert!(!s.text.contains(r#"type="date" value="" maxlength"#));

        // Missing first name and a bad postcode: the summary names both fields at once (issue
        // 15/7), the input stays.
        let felder = [("vorname", ""), ("nachname", "Schäfer"), ("geburtsdatum", "1990-02-03"), ("plz", "1234")];
        let s = t.absenden("/kunden/neu", &felder, &cookie).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", s.sichtbar());
        assert!(s.sichtbar().contains("Bitte korrigieren Vorname: darf nicht leer sein"), "{}", s.sichtbar());
        assert!(s.text.contains(r##"href="#vorname""##) && s.text.contains(r##"href="#plz""##), "{}", s.sichtbar());
        assert!(s.text.contains(r#"value="Schäfer""#) && s.text.contains(r#"value="1234""#));
        assert!(s.text.contains(r#"aria-invalid="true""#));

        // An empty form: every required field at once, not only the birth date.
        let s = t.absenden("/kunden/neu", &[("vorname", ""), ("nachname", ""), ("geburtsdatum", "")], &cookie).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        for feld in ["vorname", "nachname", "geburtsdatum"] {
            assert!(s.text.contains(&format!(r##"href="#{feld}""##)), "{feld}: {}", s.sichtbar());
        }
        // The API answers the same with every field.
        let a = t
            .anfrage(
                Method::POST,
                "/api/v1/kunden",
                Some(serde_json::json!({ "vorname": "", "nachname": "😀", "geburtsdatum": "2020-01-01", "rechtskreis": "SGB_III" })),
                Some(cookie.as_str()),
            )
            .await;
        assert_eq!(a.status, StatusCode::UNPROCESSABLE_ENTITY);
        let felder: Vec<&str> =
            a.json["felder"].as_array().unwrap().iter().map(|f| f["feld"].as_str().unwrap()).collect();
        assert_eq!(felder, ["vorname", "nachname", "geburtsdatum"], "{:#}", a.json);

        let felder = [("vorname", "Lea"), ("nachname", "Schäfer"), ("geburtsdatum", "03.02.1990"), ("plz", "34117")];
        let s = t.absenden("/kunden/neu", &felder, &cookie).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        let akte = t.seite(s.weiter(), &cookie).await;
        let text = akte.sichtbar();
        assert!(text.contains("Die Kundin / der Kunde wurde angelegt") && text.contains("Lea Schäfer"), "{text}");
        assert!(text.contains("03.02.1990"), "{text}");
        // The timeline in words (issue 15/5), not "kunde: angelegt".
        assert!(text.contains("Kundendaten angelegt") && !text.contains("kunde: angelegt"), "{text}");
        t.aufraeumen().await;
    }
}

/// Issue 15/8: every role starts where its work is, its navigation holds only what it may use,
/// and a case read by someone who may not change it shows no buttons of the phases.
#[tokio::test]
async fn startseite_und_navigation_je_rolle() {
    for t in spawn_apps().await {
        konten(&t).await;
        let vfk = t.anmelden("vfk").await;
        let id = kunde_anlegen(&t, &vfk, "Rita", "Rollen").await;

        let s = t.seite("/", &vfk).await;
        assert_eq!(s.status, StatusCode::OK, "{}", t.name);
        assert!(s.sichtbar().contains("Arbeitsliste Kunden Termine Übergaben Stellen Profil"), "{}", s.sichtbar());
        assert!(t.seite("/kunden", &vfk).await.sichtbar().contains("Neue Kundin / neuen Kunden anlegen"));
        let akte = t.seite(&format!("/kunden/{id}"), &vfk).await;
        assert!(akte.text.contains("Arbeitsschritte dieser Akte"), "{}", t.name);

        for (login, start, navigation) in [
            ("teamleitung", "/kunden", "Kunden Termine Übergaben Stellen Administration Profil"),
            ("fachdienst", "/auftraege", "Posteingang Stellen Profil"),
            ("admin", "/verwaltung", "Stellen Administration Profil"),
            ("datenschutz", "/verwaltung", "Kunden Administration Profil"),
        ] {
            let c = t.anmelden(login).await;
            let s = t.seite("/", &c).await;
            assert_eq!((s.status, s.weiter()), (StatusCode::SEE_OTHER, start), "{}: {login}", t.name);
            let ziel = t.seite(start, &c).await;
            assert_eq!(ziel.status, StatusCode::OK, "{}: {login}", t.name);
            assert!(ziel.sichtbar().contains(&format!("Abmelden {navigation}")), "{login}: {}", ziel.sichtbar());
            assert!(!ziel.sichtbar().contains("Arbeitsliste"), "{login}: {}", ziel.sichtbar());
            assert!(!ziel.sichtbar().contains("Neue Kundin / neuen Kunden anlegen"), "{login}");
            // Every page links the glossary of the model's abbreviations (Issue 15/5).
            assert!(ziel.text.contains(r#"href="/begriffe""#), "{login}");
            let begriffe = t.seite("/begriffe", &c).await.sichtbar();
            assert!(begriffe.contains("TPB Tagespendelbereich Das Gebiet, das jemand täglich"), "{login}: {begriffe}");
        }
        let tl = t.anmelden("teamleitung").await;
        let liste = t.seite("/kunden", &tl).await.sichtbar();
        assert!(liste.contains("Sie sehen die Kundinnen und Kunden Ihres Teams."), "{liste}");
        assert!(liste.contains("Rollen, Rita") && !liste.contains("Nur meine"), "the team's cases at once: {liste}");
        let akte = t.seite(&format!("/kunden/{id}"), &tl).await;
        assert_eq!(akte.status, StatusCode::OK, "{}", t.name);
        assert!(
            !akte.text.contains("Arbeitsschritte dieser Akte") && !akte.text.contains("/profiling\""),
            "{}",
            t.name
        );
        assert!(
            akte.sichtbar().contains("Sie lesen diese Akte; bearbeiten kann sie die zuständige Vermittlungsfachkraft")
        );
        // No form of the VFK's on a read-only Akte: matching details neither (Issue 15/8).
        assert!(akte.text.contains("Angaben für das Matching"), "{}", t.name);
        assert!(!akte.text.contains(r#"/vermittlungsangaben""#), "{}", t.name);
        assert!(akte.sichtbar().contains("Ändern kann diese Angaben die zuständige Vermittlungsfachkraft."));
        assert!(t.seite(&format!("/kunden/{id}"), &vfk).await.text.contains(r#"/vermittlungsangaben""#));
    }
}
