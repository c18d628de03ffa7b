//! Issue 15/9 over HTTP: the Administration edits an account (role, team), moves a caseload and
//! hands out a one-time link with which the user sets a new password herself.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::gemeinsam::{PASSWORT, TestApp, konten, spawn_apps};
use hyper::{Method, StatusCode};
use serde_json::json;

const NEU: &str = "Gruener-Apfel-im-Winter-77";

async fn einloggen(t: &TestApp, login: &str, passwort: &str) -> Option<String> {
    let s = t.absenden("/anmelden", &[("login", login), ("passwort", passwort), ("weiter", "/")], "").await;
    (s.status == StatusCode::SEE_OTHER && !s.weiter().starts_with("/anmelden"))
        .then(|| s.kopf.get("set-cookie").unwrap().to_str().unwrap().split(';').next().unwrap().to_string())
}

async fn benutzer_id(t: &TestApp, cookie: &str) -> i64 {
    t.anfrage(Method::GET, "/api/v1/ich", None, Some(cookie)).await.json["benutzer_id"].as_i64().unwrap()
}

#[tokio::test]
async fn bestand_uebertragen_rolle_aendern_und_passwort_link() {
    for t in spawn_apps().await {
        konten(&t).await;
        let admin = einloggen(&t, "admin", PASSWORT).await.unwrap();
        let vfk = einloggen(&t, "vfk", PASSWORT).await.unwrap();
        let vfk_id = benutzer_id(&t, &vfk).await;
        let b_id = benutzer_id(&t, &einloggen(&t, "vfk.b", PASSWORT).await.unwrap()).await;
        let a = t
            .anfrage(
                Method::POST,
                "/api/v1/kunden",
                Some(json!({"vorname": "Ida", "nachname": "Umzug", "geburtsdatum": "1979-03-02", "rechtskreis": "SGB_III"})),
                Some(&vfk),
            )
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.json);

        // The list leads to the account; the account page shows the caseload.
        let s = t.seite("/verwaltung", &admin).await;
        assert!(s.text.contains(&format!(r#"href="/verwaltung/benutzer/{vfk_id}""#)), "{}", t.name);
        let s = t.seite(&format!("/verwaltung/benutzer/{vfk_id}"), &admin).await;
        assert_eq!(s.status, StatusCode::OK);
        assert!(s.sichtbar().contains("vfk betreut 1 Fall."), "{}", s.sichtbar());

        // A role change first needs the caseload moved: the message says so, the choice is kept.
        let s = t
            .absenden(&format!("/verwaltung/benutzer/{vfk_id}"), &[("rolle", "teamleitung"), ("team_id", "")], &admin)
            .await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", s.sichtbar());
        assert!(s.sichtbar().contains("Übertragen Sie zuerst den Fallbestand"), "{}", s.sichtbar());
        assert!(s.text.contains(r#"<option value="teamleitung" selected>"#));
        // Moving without a target names the field; with one, the cases move.
        let s = t.absenden(&format!("/verwaltung/benutzer/{vfk_id}/bestand"), &[("an", "")], &admin).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.sichtbar().contains("Bitte die Vermittlungsfachkraft wählen"), "{}", s.sichtbar());
        let s =
            t.absenden(&format!("/verwaltung/benutzer/{vfk_id}/bestand"), &[("an", &b_id.to_string())], &admin).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        let s = t.seite(s.weiter(), &admin).await;
        assert!(
            s.sichtbar().contains("Der Fallbestand wurde übertragen.")
                && s.sichtbar().contains("vfk betreut keine Fälle.")
        );
        let s = t
            .absenden(&format!("/verwaltung/benutzer/{vfk_id}"), &[("rolle", "teamleitung"), ("team_id", "")], &admin)
            .await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        // Her session ended with the role; signed in again she is Teamleitung.
        assert!(t.seite("/profil", &vfk).await.weiter().starts_with("/anmelden"));
        let neu = einloggen(&t, "vfk", PASSWORT).await.unwrap();
        assert_eq!(t.anfrage(Method::GET, "/api/v1/ich", None, Some(&neu)).await.json["rolle"], "teamleitung");

        // A password link: shown once, used once by the user herself.
        let kollegin_id = benutzer_id(&t, &einloggen(&t, "kollegin", PASSWORT).await.unwrap()).await;
        let s = t.absenden(&format!("/verwaltung/benutzer/{kollegin_id}/passwortlink"), &[], &admin).await;
        assert_eq!(s.status, StatusCode::OK, "{}", s.sichtbar());
        assert!(s.sichtbar().contains("Dieser Link wird nur jetzt angezeigt."));
        let pfad = s.text.split("/passwort-neu/").nth(1).unwrap().split('"').next().unwrap();
        let pfad = format!("/passwort-neu/{pfad}");
        let s = t.seite(&pfad, "").await;
        assert_eq!(s.status, StatusCode::OK);
        assert!(s.sichtbar().contains("Für das Konto kollegin"), "{}", s.sichtbar());
        let s = t.absenden(&pfad, &[("passwort_neu", NEU), ("passwort_wiederholung", "anders")], "").await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.sichtbar().contains("stimmen nicht überein"), "{}", s.sichtbar());
        let s = t.absenden(&pfad, &[("passwort_neu", NEU), ("passwort_wiederholung", NEU)], "").await;
        assert_eq!(s.weiter(), "/anmelden?passwort=neu");
        assert!(t.seite("/anmelden?passwort=neu", "").await.sichtbar().contains("Ihr neues Passwort ist gesetzt."));
        assert!(einloggen(&t, "kollegin", NEU).await.is_some(), "{}", t.name);
        assert!(einloggen(&t, "kollegin", PASSWORT).await.is_none());
        let s = t.seite(&pfad, "").await;
        assert_eq!(s.status, StatusCode::NOT_FOUND);
        assert!(s.sichtbar().contains("Dieser Link gilt nicht (mehr)."));

        // The account events say what happened; others than the Administration may not.
        let s = t.seite("/verwaltung/anmeldung", &admin).await;
        let text = s.sichtbar();
        assert!(text.contains("Fallbestand übertragen: 1 Fall an vfk.b"), "{text}");
        assert!(text.contains("Rolle geändert: Vermittlungsfachkraft → Teamleitung"), "{text}");
        assert!(text.contains("Neues Passwort über den Link gesetzt"), "{text}");
        let tl = einloggen(&t, "teamleitung", PASSWORT).await.unwrap();
        assert_eq!(t.seite(&format!("/verwaltung/benutzer/{kollegin_id}"), &tl).await.status, StatusCode::FORBIDDEN);
        t.aufraeumen().await;
    }
}
