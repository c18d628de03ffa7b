//! Profil, Administration and the Datenschutz views over HTTP: own sessions (the current one
//! marked, ending another one logs that browser out, never another user's), API tokens (shown
//! once, usable as Bearer, revoked → 401), the password change, creating and deactivating staff
//! accounts (the password policy in German, typed fields kept), teams, the Kontaktdichtekonzept
//! and local strategies, 403 for a VFK; the access log with purposes for the Datenschutz and the
//! Art. 15 Auskunft.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::gemeinsam::{PASSWORT, Seite, TestApp, konten, spawn_apps};
use hyper::{Method, StatusCode};
use serde_json::json;

const NEU: &str = "Blauer-Fluss-am-Morgen-42";

async fn formular_anmelden(t: &TestApp, login: &str, passwort: &str) -> Seite {
    t.absenden("/anmelden", &[("login", login), ("passwort", passwort), ("weiter", "/")], "").await
}

async fn einloggen(t: &TestApp, login: &str) -> String {
    let s = formular_anmelden(t, login, PASSWORT).await;
    assert_eq!(s.status, StatusCode::SEE_OTHER, "{}: {}", t.name, s.sichtbar());
    s.kopf.get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string()
}

/// Still signed in: the own profile (a page of every role) answers 200 instead of leading to
/// the login.
async fn gueltig(t: &TestApp, cookie: &str) -> bool {
    let s = t.seite("/profil", cookie).await;
    match s.status {
        StatusCode::OK => true,
        StatusCode::SEE_OTHER => {
            assert!(s.weiter().starts_with("/anmelden"), "{}", s.weiter());
            false
        }
        andere => panic!("unerwartet {andere}"),
    }
}

/// Every value of `attribut="…"` that starts with `anfang`.
fn attribute(text: &str, anfang: &str) -> Vec<String> {
    text.split(anfang).skip(1).map(|r| format!("{anfang}{}", r.split('"').next().unwrap())).collect()
}

fn kennung(cookie: &str) -> String {
    let wert = cookie.split_once('=').unwrap().1;
    vierphasen_app::geheimnis::hash(wert)[..16].to_string()
}

async fn ich_mit_token(t: &TestApp, token: &str) -> StatusCode {
    t.roh(Method::GET, "/api/v1/ich", None, &[("authorization", format!("Bearer {token}"))]).await.status
}

#[tokio::test]
async fn profil_sitzungen_und_api_tokens() {
    for t in spawn_apps().await {
        konten(&t).await;
        let a = einloggen(&t, "vfk").await;
        let b = einloggen(&t, "vfk").await;

        // The profile: account, both sessions, the current one marked.
        let s = t.seite("/profil", &a).await;
        assert_eq!(s.status, StatusCode::OK, "{}", t.name);
        let text = s.sichtbar();
        for erwartet in
            ["Mein Profil", "Benutzername vfk", "Rolle Vermittlungsfachkraft", "Dienststelle Agentur Test", "Team A"]
        {
            assert!(text.contains(erwartet), "{erwartet}: {text}");
        }
        assert!(text.contains("Angemeldete Sitzungen (2)"), "{text}");
        assert_eq!(text.matches("diese Sitzung").count(), 1, "{text}");
        let beenden = attribute(&s.text, "/profil/sitzungen/");
        assert_eq!(
            beenden,
            vec![format!("/profil/sitzungen/{}/beenden", kennung(&b)), "/profil/sitzungen/beenden".into()]
        );

        // Another user's session cannot be ended from here.
        let kollegin = einloggen(&t, "kollegin").await;
        let s = t.absenden(&format!("/profil/sitzungen/{}/beenden", kennung(&kollegin)), &[], &a).await;
        assert_eq!(s.status, StatusCode::NOT_FOUND);
        assert!(gueltig(&t, &kollegin).await);

        // Ending the other own session logs that browser out; this one stays.
        let s = t.absenden(&beenden[0], &[], &a).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER);
        assert_eq!(s.weiter(), "/profil?erledigt=sitzung");
        assert!(!gueltig(&t, &b).await);
        assert!(gueltig(&t, &a).await);
        let text = t.seite("/profil?erledigt=sitzung", &a).await.sichtbar();
        assert!(text.contains("Die Sitzung wurde beendet.") && text.contains("Angemeldete Sitzungen (1)"), "{text}");

        // "Alle anderen Sitzungen beenden".
        let c = einloggen(&t, "vfk").await;
        let s = t.absenden("/profil/sitzungen/beenden", &[], &a).await;
        assert_eq!(s.weiter(), "/profil?erledigt=andere");
        assert!(!gueltig(&t, &c).await);
        assert!(gueltig(&t, &a).await);

        // A token without a name is refused with the field message.
        let s = t.absenden("/profil/tokens", &[("name", " ")], &a).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.sichtbar().contains("Bitte einen Namen mit 1 bis 100 Zeichen angeben."), "{}", s.sichtbar());
        assert!(s.text.contains(r##"href="#name""##) && s.text.contains(r#"aria-invalid="true""#));

        // A new token: shown once on the answer (no redirect, not in a URL), works as Bearer.
        let s = t.absenden("/profil/tokens", &[("name", "Auswertung Team A")], &a).await;
        assert_eq!(s.status, StatusCode::OK);
        assert!(s.kopf.get("location").is_none());
        let text = s.sichtbar();
        assert!(text.contains("Das API-Token „Auswertung Team A“ wurde erstellt"), "{text}");
        assert!(text.contains("nur dieses eine Mal angezeigt"), "{text}");
        let token = s.text.split(r#"id="neues-token""#).nth(1).unwrap().split(r#"value=""#).nth(1).unwrap();
        let token = token.split('"').next().unwrap().to_string();
        assert_eq!(token.len(), 43, "{token}");
        assert_eq!(ich_mit_token(&t, &token).await, StatusCode::OK);

        // Afterwards the list shows its name, never the secret.
        let s = t.seite("/profil", &a).await;
        assert!(s.sichtbar().contains("API-Tokens (1) ") && s.sichtbar().contains("Auswertung Team A"));
        assert!(!s.text.contains(&token));
        let widerrufen = attribute(&s.text, "/profil/tokens/");
        assert_eq!(widerrufen.len(), 1, "{widerrufen:?}");
        let s = t.absenden(&widerrufen[0], &[], &a).await;
        assert_eq!(s.weiter(), "/profil?erledigt=widerrufen");
        assert_eq!(ich_mit_token(&t, &token).await, StatusCode::UNAUTHORIZED);
        assert!(t.seite("/profil", &a).await.sichtbar().contains("API-Tokens (0)"));
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn passwort_aendern() {
    for t in spawn_apps().await {
        konten(&t).await;
        let a = einloggen(&t, "vfk").await;
        let b = einloggen(&t, "vfk").await;
        let aendern = |bisher: &'static str, neu: &'static str, wiederholung: &'static str| {
            let a = a.clone();
            let t = &t;
            async move {
                t.absenden(
                    "/profil/passwort",
                    &[("passwort_bisher", bisher), ("passwort_neu", neu), ("passwort_wiederholung", wiederholung)],
                    &a,
                )
                .await
            }
        };
        for (bisher, neu, wiederholung, meldung, feld) in [
            ("falsch-falsch-falsch", NEU, NEU, "Das bisherige Passwort ist falsch.", "passwort_bisher"),
            (PASSWORT, "password123", "password123", "Das Passwort ist zu bekannt", "passwort_neu"),
            (
                PASSWORT,
                NEU,
                "Blauer-Fluss-am-Abend-42",
                "Die beiden neuen Passwörter stimmen nicht überein.",
                "passwort_wiederholung",
            ),
        ] {
            let s = aendern(bisher, neu, wiederholung).await;
            assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "{meldung}");
            assert!(s.sichtbar().contains(meldung), "{}", s.sichtbar());
            assert!(s.text.contains(&format!(r##"href="#{feld}""##)), "{feld}");
            assert!(!s.text.contains(PASSWORT) && !s.text.contains(NEU), "passwords are never written back");
        }
        let s = aendern(PASSWORT, NEU, NEU).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        assert_eq!(s.weiter(), "/profil?erledigt=passwort");
        assert!(gueltig(&t, &a).await);
        assert!(!gueltig(&t, &b).await, "the other sessions end");
        assert_eq!(formular_anmelden(&t, "vfk", PASSWORT).await.status, StatusCode::UNAUTHORIZED);
        assert_eq!(formular_anmelden(&t, "vfk", NEU).await.status, StatusCode::SEE_OTHER);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn administration_benutzer_und_teams() {
    for t in spawn_apps().await {
        let k = konten(&t).await;
        let admin = einloggen(&t, "admin").await;
        let s = t.seite("/verwaltung", &admin).await;
        assert_eq!(s.status, StatusCode::OK, "{}", t.name);
        let text = s.sichtbar();
        assert!(text.contains("Administration") && text.contains("Benutzer (8)"), "{text}");
        assert!(text.contains("teamleitung teamleitung Teamleitung A aktiv"), "{text}");
        assert!(text.contains("Teams (2)") && text.contains("Kontaktdichtekonzept Regel K1"), "{text}");

        // A weak password: 422, the policy's German message at the field, the rest kept.
        let team = k.team_b.to_string();
        let mut felder = vec![
            ("name", "Erika Mustermann"),
            ("login", "erika.mustermann"),
            ("rolle", "teamleitung"),
            ("team_id", team.as_str()),
            ("passwort", "password123"),
        ];
        let s = t.absenden("/verwaltung/benutzer", &felder, &admin).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(
            s.sichtbar().contains("Das Passwort ist zu bekannt und wird in Angriffen zuerst ausprobiert."),
            "{}",
            s.sichtbar()
        );
        assert!(s.text.contains(r##"href="#passwort""##) && s.text.contains(r#"id="passwort-fehler""#));
        assert!(s.text.contains(r#"value="Erika Mustermann""#) && s.text.contains(r#"value="erika.mustermann""#));
        assert!(s.text.contains(r#"<option value="teamleitung" selected>"#));
        assert!(s.text.contains(&format!(r#"<option value="{team}" selected>"#)));
        assert!(!s.text.contains("password123"));

        // Valid: 303 back to the list; the new user logs in through the login page.
        felder[4] = ("passwort", NEU);
        let s = t.absenden("/verwaltung/benutzer", &felder, &admin).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        assert_eq!(s.weiter(), "/verwaltung?erledigt=benutzer#h-benutzer");
        let s = t.seite("/verwaltung?erledigt=benutzer", &admin).await;
        assert!(s.sichtbar().contains("Der Benutzer wurde angelegt."));
        assert!(s.sichtbar().contains("Erika Mustermann erika.mustermann Teamleitung B aktiv"), "{}", s.sichtbar());
        let anmeldung = formular_anmelden(&t, "erika.mustermann", NEU).await;
        assert_eq!(anmeldung.status, StatusCode::SEE_OTHER);
        let erika = anmeldung.kopf.get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string();
        assert!(gueltig(&t, &erika).await);

        // The same login again: the message belongs to the field "Benutzername".
        let s = t.absenden("/verwaltung/benutzer", &felder, &admin).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.sichtbar().contains("Den Benutzernamen „erika.mustermann“ gibt es schon."));
        assert!(s.text.contains(r##"href="#login""##));

        // Deactivating: a confirmation step, then her session ends and she cannot log in.
        let erika_id: i64 = {
            let mut tx = t.db().begin().await.unwrap();
            vierphasen_store::sql!(&mut tx, wert<i64> "SELECT id FROM benutzer WHERE login = 'erika.mustermann'")
                .unwrap()
        };
        let link = format!("/verwaltung/benutzer/{erika_id}/deaktivieren");
        assert!(s.text.contains(&format!(r#"href="{link}""#)));
        let frage = t.seite(&link, &admin).await;
        assert_eq!(frage.status, StatusCode::OK);
        assert!(frage.sichtbar().contains("Wirklich deaktivieren?"), "{}", frage.sichtbar());
        let s = t.absenden(&link, &[], &admin).await;
        assert_eq!(s.weiter(), "/verwaltung?erledigt=deaktiviert#h-benutzer");
        assert!(!gueltig(&t, &erika).await);
        assert_eq!(formular_anmelden(&t, "erika.mustermann", NEU).await.status, StatusCode::UNAUTHORIZED);
        assert!(
            t.seite("/verwaltung", &admin)
                .await
                .sichtbar()
                .contains("Erika Mustermann erika.mustermann Teamleitung B deaktiviert")
        );

        // Teams: a new one, and a name that exists.
        let s = t.absenden("/verwaltung/teams", &[("team_name", "Reha")], &admin).await;
        assert_eq!(s.weiter(), "/verwaltung?erledigt=team#h-teams");
        assert!(t.seite("/verwaltung", &admin).await.sichtbar().contains("Teams (3)"));
        let s = t.absenden("/verwaltung/teams", &[("team_name", "A")], &admin).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.sichtbar().contains("Das Team „A“ gibt es schon."));
        assert!(
            s.text.contains(r##"href="#team_name""##)
                && s.text.contains(r#"id="team_name" name="team_name" type="text" value="A""#)
        );

        // The Teamleitung reads, without the forms; a VFK may not even look.
        let tl = einloggen(&t, "teamleitung").await;
        let s = t.seite("/verwaltung", &tl).await;
        assert_eq!(s.status, StatusCode::OK);
        assert!(s.sichtbar().contains("nur lesen"));
        assert!(!s.text.contains(r#"action="/verwaltung/benutzer""#) && !s.text.contains("<input"));
        let s = t.absenden("/verwaltung/teams", &[("team_name", "Heimlich")], &tl).await;
        assert_eq!(s.status, StatusCode::FORBIDDEN);
        let vfk = einloggen(&t, "vfk").await;
        let s = t.seite("/verwaltung", &vfk).await;
        assert_eq!(s.status, StatusCode::FORBIDDEN);
        assert!(s.sichtbar().contains("Nicht erlaubt"), "{}", s.sichtbar());
        let s = t.absenden("/verwaltung/benutzer", &felder, &vfk).await;
        assert_eq!(s.status, StatusCode::FORBIDDEN);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn administration_kontaktdichte_und_lokale_strategien() {
    for t in spawn_apps().await {
        konten(&t).await;
        let admin = einloggen(&t, "admin").await;
        let s = t.seite("/verwaltung", &admin).await;
        // The catalogue's defaults next to the empty field (K1).
        assert!(s.sichtbar().contains("Marktprofil 56 Tage 42 Tage"), "{}", s.sichtbar());
        assert!(
            s.text
                .contains(r#"id="kontaktdichte_tage-marktprofil" name="kontaktdichte_tage.marktprofil" type="number""#)
        );

        // Out of range: 422 at the field, the typed values kept.
        let s = t
            .absenden(
                "/verwaltung/kontaktdichte",
                &[("kontaktdichte_tage.marktprofil", "28"), ("kontaktdichte_tage.N", "0")],
                &admin,
            )
            .await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.sichtbar().contains("1 bis 365 Tage (K1)"), "{}", s.sichtbar());
        assert!(
            s.text.contains(r##"href="#kontaktdichte_tage-N""##)
                && s.text.contains(r#"id="kontaktdichte_tage-N-fehler""#)
        );
        assert!(s.text.contains(r#"value="28""#) && s.text.contains(r#"value="0""#));

        let s = t.absenden("/verwaltung/kontaktdichte", &[("kontaktdichte_tage.marktprofil", "28")], &admin).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        assert_eq!(s.weiter(), "/verwaltung?erledigt=kontaktdichte#h-kontaktdichte");
        let s = t.seite("/verwaltung?erledigt=kontaktdichte", &admin).await;
        assert!(s.sichtbar().contains("Das Kontaktdichtekonzept wurde gespeichert."));
        assert!(s.text.contains(r#"name="kontaktdichte_tage.marktprofil" type="number" inputmode="numeric" min="1" max="365" step="1" value="28""#));
        let konfiguration = t.anfrage(Method::GET, "/api/v1/dienststelle/konfiguration", None, Some(&admin)).await;
        assert_eq!(konfiguration.json["kontaktdichte_tage"], json!({"marktprofil": 28}));

        // Local strategies: "Weitere Zeile" keeps what was typed and adds a row without saving.
        // No technical id is typed (issue 15/9): a new row's id follows from its name.
        let zeile = [
            ("ls_id", ""),
            ("ls_bezeichnung", "Mobilitätstraining Landkreis"),
            ("ls_merkmal", "oertliche_mobilitaet"),
            ("ls_id", ""),
            ("ls_bezeichnung", ""),
            ("ls_merkmal", ""),
        ];
        let mut felder = zeile.to_vec();
        felder.push(("aktion", "zeile"));
        let s = t.absenden("/verwaltung/strategien", &felder, &admin).await;
        assert_eq!(s.status, StatusCode::OK);
        assert!(
            s.sichtbar().contains("Lokale Strategie 2 (neu)")
                && s.text.contains(r#"value="Mobilitätstraining Landkreis""#)
        );
        assert!(!s.sichtbar().contains("Kennung"), "{}", s.sichtbar());

        let mut felder = zeile.to_vec();
        felder.push(("aktion", "speichern"));
        let s = t.absenden("/verwaltung/strategien", &felder, &admin).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        let s = t.seite("/verwaltung?erledigt=strategien", &admin).await;
        assert!(s.sichtbar().contains("Die lokalen Strategien wurden gespeichert."));
        assert!(
            s.text.contains(r#"value="lokal_mobilitaetstraining_landkreis""#)
                && s.text.contains(r#"value="oertliche_mobilitaet" selected"#),
            "{}",
            s.text
        );

        // The Teamleitung sees both settings as text, the strategy by its name only.
        let tl = einloggen(&t, "teamleitung").await;
        let text = t.seite("/verwaltung", &tl).await.sichtbar();
        assert!(text.contains("Marktprofil 56 Tage 42 Tage 28 Tage"), "{text}");
        assert!(text.contains("Mobilitätstraining Landkreis (Örtliche Mobilität"), "{text}");
        assert!(!text.contains("lokal_mobil"), "{text}");

        // Removing it again ("entfernen"): nothing is left.
        let mut felder = vec![
            ("ls_id", "lokal_mobilitaetstraining_landkreis"),
            ("ls_bezeichnung", "Mobilitätstraining Landkreis"),
            ("ls_merkmal", "oertliche_mobilitaet"),
        ];
        felder.push(("ls_entfernen", "1"));
        felder.push(("aktion", "speichern"));
        assert_eq!(t.absenden("/verwaltung/strategien", &felder, &admin).await.status, StatusCode::SEE_OTHER);
        let konfiguration = t.anfrage(Method::GET, "/api/v1/dienststelle/konfiguration", None, Some(&admin)).await;
        assert!(konfiguration.json.get("lokale_strategien").is_none(), "{:#}", konfiguration.json);
        t.aufraeumen().await;
    }
}

// P11: "Die Dauer des Erstgesprächs wird durch die Dienststelle festgelegt. Empfohlen wird eine
// Dauer von ca. 60 Minuten inkl. Vor- und Nachbereitungszeit." The Administration sets the
// durations; the calendar shows them to the VFK.
#[tokio::test]
async fn gespraechsdauer_im_kalender() {
    for t in spawn_apps().await {
        konten(&t).await;
        let admin = einloggen(&t, "admin").await;
        let vfk = einloggen(&t, "vfk").await;
        let text = t.seite("/termine", &vfk).await.sichtbar();
        assert!(text.contains("Erstgespräch ca. 60 Minuten, Folgegespräch im Einzelfall"), "Empfehlung: {text}");

        let felder = [("gespraechsdauer-erstgespraech_minuten", "75"), ("gespraechsdauer-folgegespraech_minuten", "5")];
        let s = t.absenden("/verwaltung/gespraechsdauer", &felder, &admin).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.sichtbar().contains("Folgegespräch: bitte zwischen 15 und 240 Minuten angeben"), "{}", s.sichtbar());
        assert!(s.text.contains(r##"href="#gespraechsdauer-folgegespraech_minuten""##));
        assert!(s.text.contains(r#"value="75""#) && s.text.contains(r#"value="5""#), "Eingaben bleiben");

        let felder =
            [("gespraechsdauer-erstgespraech_minuten", "75"), ("gespraechsdauer-folgegespraech_minuten", "40")];
        let s = t.absenden("/verwaltung/gespraechsdauer", &felder, &admin).await;
        assert_eq!(s.weiter(), "/verwaltung?erledigt=gespraechsdauer#h-gespraechsdauer");
        assert!(
            t.seite("/verwaltung?erledigt=gespraechsdauer", &admin)
                .await
                .sichtbar()
                .contains("Die Gesprächsdauer wurde gespeichert.")
        );
        let text = t.seite("/termine", &vfk).await.sichtbar();
        assert!(text.contains("Erstgespräch ca. 75 Minuten, Folgegespräch ca. 40 Minuten"), "{text}");
        // A VFK reads the setting, she does not change it.
        assert_eq!(t.absenden("/verwaltung/gespraechsdauer", &felder, &vfk).await.status, StatusCode::FORBIDDEN);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn datenschutz_zugriffsprotokoll_und_auskunft() {
    for t in spawn_apps().await {
        konten(&t).await;
        let vfk = einloggen(&t, "vfk").await;
        let a = t
            .anfrage(
                Method::POST,
                "/api/v1/kunden",
                Some(json!({"vorname": "Jürgen", "nachname": "Öztürk-Weiß", "geburtsdatum": "1988-04-12",
                             "rechtskreis": "SGB_III", "plz": "10115"})),
                Some(&vfk),
            )
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.json);
        let id = a.json["id"].as_i64().unwrap();
        let nummer: String = {
            let mut tx = t.db().begin().await.unwrap();
            vierphasen_store::sql!(&mut tx, wert<String> "SELECT kundennummer FROM kunde WHERE id = $1", id).unwrap()
        };
        // Two reads by the VFK with their purposes (D3).
        assert_eq!(t.seite(&format!("/kunden/{id}"), &vfk).await.status, StatusCode::OK);
        assert_eq!(
            t.seite(&format!("/kunden/{id}?zweck=Vorbereitung%20Folgegespr%C3%A4ch"), &vfk).await.status,
            StatusCode::OK
        );

        // The Datenschutz finds the case by its number (the customer list shows her nothing).
        let ds = einloggen(&t, "datenschutz").await;
        let s = t.seite("/verwaltung", &ds).await;
        assert_eq!(s.status, StatusCode::OK);
        assert!(s.sichtbar().contains("Fall nach Kundennummer"), "{}", s.sichtbar());
        let s = t.seite(&format!("/verwaltung/fall?kundennummer={}", nummer.to_lowercase()), &ds).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER);
        assert_eq!(s.weiter(), format!("/kunden/{id}/protokoll"));
        let s = t.seite("/verwaltung/fall?kundennummer=K0000000000", &ds).await;
        assert_eq!(s.status, StatusCode::NOT_FOUND);
        assert!(s.sichtbar().contains("Zu dieser Kundennummer gibt es in Ihrer Dienststelle keinen Fall."));
        assert!(s.text.contains(r#"value="K0000000000""#));

        // The access log: who, when, why.
        let s = t.seite(&format!("/kunden/{id}/protokoll"), &ds).await;
        assert_eq!(s.status, StatusCode::OK, "{}", t.name);
        let text = s.sichtbar();
        assert!(
            text.contains("Zugriffsprotokoll") && text.contains(&format!("Kundennummer {nummer} · 2 Zugriffe")),
            "{text}"
        );
        assert!(text.contains("vfk (Nr. "), "{text}");
        assert!(text.contains("Vorbereitung Folgegespräch") && text.contains(" Beratung "), "{text}");
        assert!(!text.contains("Öztürk"), "the log shows no case content");

        // Not for a VFK (403), not for another Dienststelle (404 like a missing case).
        let s = t.seite(&format!("/kunden/{id}/protokoll"), &vfk).await;
        assert_eq!(s.status, StatusCode::FORBIDDEN);
        assert!(s.sichtbar().contains("Nicht erlaubt"));
        let fremd = einloggen(&t, "vfk.jobcenter").await;
        assert_eq!(t.seite(&format!("/kunden/{id}/protokoll"), &fremd).await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            t.seite(&format!("/verwaltung/fall?kundennummer={nummer}"), &vfk).await.status,
            StatusCode::FORBIDDEN
        );

        // The Art. 15 Auskunft: master data, Verlauf, reads with purposes; itself logged.
        let s = t.seite(&format!("/kunden/{id}/auskunft"), &ds).await;
        assert_eq!(s.status, StatusCode::OK);
        let text = s.sichtbar();
        assert!(text.contains("Auskunft nach Art. 15 DSGVO"), "{text}");
        assert!(text.contains("Name Jürgen Öztürk-Weiß") && text.contains("Geburtsdatum 12.04.1988"), "{text}");
        assert!(text.contains("Kundendaten angelegt"), "{text}");
        // Issue 15/9: reads per day and purpose with their number; signed by the Datenschutz.
        assert!(text.contains("4. Zugriffe auf die Akte") && text.contains("Vorbereitung Folgegespräch 1"), "{text}");
        assert!(text.contains("Für den Datenschutz der Dienststelle: datenschutz, Datenschutz."), "{text}");
        assert!(!text.contains("vfk (Nr."), "the Auskunft names no staff");
        let s = t.seite(&format!("/kunden/{id}/protokoll"), &ds).await;
        assert!(s.sichtbar().contains("Auskunft Art. 15"));
        // The responsible VFK may create it too (the Datenschutz signs the letter); a colleague
        // of another team may not.
        let s = t.seite(&format!("/kunden/{id}/auskunft"), &vfk).await;
        assert_eq!(s.status, StatusCode::OK);
        assert!(s.sichtbar().contains("Das Schreiben unterschreibt der Datenschutz der Dienststelle."));
        let b = einloggen(&t, "vfk.b").await;
        assert_eq!(t.seite(&format!("/kunden/{id}/auskunft"), &b).await.status, StatusCode::FORBIDDEN);

        // Issue 15/9: the log of the Dienststelle, filtered by purpose and case, and as CSV.
        let s = t.seite("/verwaltung", &ds).await;
        assert!(s.text.contains(r#"href="/verwaltung/protokoll""#));
        let s = t.seite(&format!("/verwaltung/protokoll?zweck=Beratung&kundennummer={nummer}"), &ds).await;
        assert_eq!(s.status, StatusCode::OK, "{}", s.sichtbar());
        let text = s.sichtbar();
        assert!(text.contains("1 Eintrag, neueste zuerst") && text.contains("vfk (vfk)"), "{text}");
        let csv = t.seite(&format!("/verwaltung/protokoll.csv?kundennummer={nummer}"), &ds).await;
        assert_eq!(csv.status, StatusCode::OK);
        assert!(csv.kopf["content-type"].to_str().unwrap().starts_with("text/csv"));
        let zeilen: Vec<&str> = csv.text.trim_start_matches('\u{feff}').lines().collect();
        assert_eq!(zeilen[0], "Zeitpunkt;Benutzer;Benutzername;Benutzer-Nr.;Kundennummer;Zweck");
        // Beratung, Vorbereitung Folgegespräch, two Auskünfte (Datenschutz and VFK): 4 rows.
        assert_eq!(zeilen.len(), 5, "{zeilen:?}");
        assert!(
            zeilen.iter().any(|z| z.ends_with(&format!(r#""{nummer}";"Vorbereitung Folgegespräch""#))),
            "{zeilen:?}"
        );
        // A date that is none: the message, the typed filter kept.
        let s = t.seite("/verwaltung/protokoll?von=31.02.2026&zweck=Beratung", &ds).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.sichtbar().contains("Bitte ein Datum wählen"), "{}", s.sichtbar());
        assert!(s.text.contains(r#"value="31.02.2026""#));
        // Not for the VFK.
        assert_eq!(t.seite("/verwaltung/protokoll", &vfk).await.status, StatusCode::FORBIDDEN);
        t.aufraeumen().await;
    }
}
