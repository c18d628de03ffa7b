//! The registration page (C1/C2) as a VFK uses it: deregistration with its reason, refused
//! without a reason or for a future date (input kept), and the new registration whose notice
//! says what the rules made of it.

use chrono::Days;
use hyper::{Method, StatusCode};
use serde_json::json;

use crate::gemeinsam::{api, heute, konten, spawn_apps, tag, tag_de};

fn vor(tage: u64) -> String {
    (heute() - Days::new(tage)).to_string()
}

#[tokio::test]
async fn abmeldung_mit_grund_und_wiedermeldung() {
    for t in spawn_apps().await {
        konten(&t).await;
        let vfk = t.anmelden("vfk").await;
        let kunde = json!({ "vorname": "Jana", "nachname": "Abgang", "geburtsdatum": "1990-03-02",
                            "rechtskreis": "SGB_III", "plz": "34117", "meldung_am": vor(400) });
        let id = api(&t, Method::POST, "/api/v1/kunden", Some(kunde), &vfk).await["id"].as_i64().unwrap();
        let pfad = format!("/kunden/{id}/meldung");
        assert!(t.seite(&format!("/kunden/{id}"), &vfk).await.text.contains(&format!(r#"href="{pfad}""#)));

        let s = t.seite(&pfad, &vfk).await;
        assert_eq!(s.status, StatusCode::OK);
        let text = s.sichtbar();
        assert!(text.contains("Abmeldung erfassen") && text.contains("gemeldet"), "{text}");
        assert!(!text.contains("Wiedermeldung erfassen"), "{text}");

        // Refused: no reason; a date in the future. What was typed stays.
        let abmelden = format!("{pfad}/abmeldung");
        let s = t.absenden(&abmelden, &[("datum", &vor(300))], &vfk).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.sichtbar().contains("Bitte den Grund der Abmeldung wählen."), "{}", s.sichtbar());
        assert!(s.text.contains(&format!(r#"value="{}""#, vor(300))));
        let s = t.absenden(&abmelden, &[("datum", &tag(2)), ("grund", "ausbildung")], &vfk).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.sichtbar().contains("liegt in der Zukunft"), "{}", s.sichtbar());
        assert!(s.text.contains(r#"value="ausbildung" checked"#));

        // Deregistered 300 days ago because she started an apprenticeship.
        let s = t.absenden(&abmelden, &[("datum", &vor(300)), ("grund", "ausbildung")], &vfk).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER);
        assert_eq!(s.weiter(), format!("{pfad}?gespeichert=abmeldung"));
        let text = t.seite(s.weiter(), &vfk).await.sichtbar();
        assert!(text.contains("Die Abmeldung wurde gespeichert."), "{text}");
        assert!(text.contains("Aufnahme einer Ausbildung") && text.contains("Wiedermeldung erfassen"), "{text}");
        let fall = api(&t, Method::GET, &format!("/api/v1/kunden/{id}"), None, &vfk).await;
        let meldung = &fall["fallakte"]["meldungen"][0];
        assert_eq!(
            (meldung["ende"].as_str(), meldung["abmeldegrund"].as_str()),
            (Some(vor(300).as_str()), Some("ausbildung"))
        );

        // Back after more than six months: a Neukunde (C2).
        let s = t.absenden(&pfad, &[("datum", &tag(0))], &vfk).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER);
        assert_eq!(s.weiter(), format!("{pfad}?gespeichert=wiedermeldung_c2"));
        let text = t.seite(s.weiter(), &vfk).await.sichtbar();
        assert!(text.contains("Neukundin / ein Neukunde (C2)") && text.contains("Abmeldung erfassen"), "{text}");

        // Deregistered and back on the same day: a Reaktivierungskunde (C1).
        let s = t.absenden(&abmelden, &[("datum", &tag(0)), ("grund", "sonstiger_abgang")], &vfk).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER);
        let s = t.absenden(&pfad, &[("datum", &tag(0))], &vfk).await;
        assert_eq!(s.weiter(), format!("{pfad}?gespeichert=wiedermeldung_c1"));
        let text = t.seite(s.weiter(), &vfk).await.sichtbar();
        assert!(text.contains("Reaktivierungskunde (C1)"), "{text}");
        assert!(text.contains(&format!("{} {} Sonstiger Abgang", tag_de(0), tag_de(0))), "{text}");
        t.aufraeumen().await;
    }
}

// Z2: "Für die Gruppe der leistungsberechtigten Beschäftigten und Selbständigen gilt die
// Zieloption „Stabilisierung bestehender Beschäftigung/Selbständigkeit“": a Jobcenter VFK records
// that a customer took up a Minijob, and the goal agreed for it is no longer a finding; when the
// job ends, the finding shows on the page.
#[tokio::test]
async fn erwerbstaetigkeit_im_sgb2_aendern() {
    for t in spawn_apps().await {
        konten(&t).await;
        let vfk = t.anmelden("vfk.jobcenter").await;
        let kunde = json!({ "vorname": "Mira", "nachname": "Nebenjob", "geburtsdatum": "1992-07-12",
                            "rechtskreis": "SGB_II", "plz": "34117", "meldung_am": vor(30) });
        let id = api(&t, Method::POST, "/api/v1/kunden", Some(kunde), &vfk).await["id"].as_i64().unwrap();
        let pfad = format!("/kunden/{id}/meldung");
        let s = t.seite(&pfad, &vfk).await;
        assert!(s.sichtbar().contains("Erwerbstätigkeit neben dem Leistungsbezug"), "{}", s.sichtbar());
        assert!(s.text.contains(r#"id="erwerbstaetigkeit" name="erwerbstaetigkeit" value="" checked"#), "{}", s.text);

        let aendern = format!("{pfad}/erwerbstaetigkeit");
        let s = t.absenden(&aendern, &[("erwerbstaetigkeit", "verbeamtet")], &vfk).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.sichtbar().contains("Bitte eine Angabe aus der Liste wählen."), "{}", s.sichtbar());

        let s = t.absenden(&aendern, &[("erwerbstaetigkeit", "beschaeftigt")], &vfk).await;
        assert_eq!(s.weiter(), format!("{pfad}?gespeichert=erwerbstaetigkeit"));
        let s = t.seite(s.weiter(), &vfk).await;
        assert!(s.sichtbar().contains("Die Erwerbstätigkeit wurde gespeichert."), "{}", s.sichtbar());
        assert!(s.text.contains(r#"value="beschaeftigt" checked"#), "{}", s.text);
        let ziel = json!({ "zieloption": "stabilisierung_beschaeftigung", "bestaetigt": true });
        api(&t, Method::POST, &format!("/api/v1/kunden/{id}/ziele"), Some(ziel), &vfk).await;
        let text = t.seite(&pfad, &vfk).await.sichtbar();
        assert!(!text.contains("Fehler Z2"), "beschäftigt: Z2 erfüllt: {text}");

        // The Minijob ended: recorded, never refused, and the page names the Z2 finding.
        let s = t.absenden(&aendern, &[("erwerbstaetigkeit", "")], &vfk).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER);
        let text = t.seite(&pfad, &vfk).await.sichtbar();
        assert!(
            text.contains("Fehler Z2") && text.contains("nicht als beschäftigt oder selbständig erfasst"),
            "{text}"
        );
        let fall = api(&t, Method::GET, &format!("/api/v1/kunden/{id}"), None, &vfk).await;
        assert!(fall["fallakte"]["kunde"].get("erwerbstaetigkeit").is_none(), "{fall}");
    }
}
