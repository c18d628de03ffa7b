//! The Werdegang page and the F4 activities page as a VFK uses them: a stage or an activity
//! saved and shown (on the page, in the Kundenakte, in the Auskunft), bad input refused with the
//! German message and what was typed kept; a stage removed again; the same through the API.

use chrono::Days;
use hyper::{Method, StatusCode};
use serde_json::json;
use vierphasen_domain::Monat;

use crate::gemeinsam::{api, heute, konten, spawn_apps, tag, tag_de};

async fn kunde(t: &crate::gemeinsam::TestApp, vfk: &str, nachname: &str) -> i64 {
    let kunde = json!({ "vorname": "Jana", "nachname": nachname, "geburtsdatum": "1990-03-02",
                        "rechtskreis": "SGB_III", "plz": "34117" });
    api(t, Method::POST, "/api/v1/kunden", Some(kunde), vfk).await["id"].as_i64().unwrap()
}

#[tokio::test]
async fn werdegang_erfassen_ablehnen_entfernen() {
    for t in spawn_apps().await {
        konten(&t).await;
        let vfk = t.anmelden("vfk").await;
        let id = kunde(&t, &vfk, "Werdegang").await;
        let pfad = format!("/kunden/{id}/werdegang");
        let akte = t.seite(&format!("/kunden/{id}"), &vfk).await;
        assert!(akte.text.contains(&format!(r#"href="{pfad}""#)), "Kundenakte verlinkt den Werdegang");
        assert!(akte.sichtbar().contains("Noch kein Werdegang erfasst."));
        assert!(t.seite(&format!("/kunden/{id}/profiling"), &vfk).await.text.contains(&format!(r#"href="{pfad}""#)));

        let s = t.seite(&pfad, &vfk).await;
        assert_eq!(s.status, StatusCode::OK);
        assert!(s.sichtbar().contains("Es ist noch kein Abschnitt erfasst."), "{}", s.sichtbar());

        // Refused: the end before the start; the month in the future. What was typed stays.
        let s = t
            .absenden(
                &pfad,
                &[
                    ("art", "ausbildung"),
                    ("von", "08/2009"),
                    ("bis", "07/2008"),
                    ("bezeichnung", "Ausbildung zur Kauffrau im Einzelhandel"),
                ],
                &vfk,
            )
            .await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.sichtbar().contains("Bis: liegt vor dem Beginn (08/2009)"), "{}", s.sichtbar());
        assert!(s.text.contains(r#"value="07/2008""#) && s.text.contains(r#"value="ausbildung" checked"#));
        assert!(s.text.contains("Ausbildung zur Kauffrau im Einzelhandel"));
        let zukunft = Monat::von_datum(heute() + Days::new(40)).to_string();
        let s =
            t.absenden(&pfad, &[("art", "beschaeftigung"), ("von", &zukunft), ("bezeichnung", "Lager")], &vfk).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.sichtbar().contains("Von: liegt in der Zukunft"), "{}", s.sichtbar());
        let s = t
            .absenden(&pfad, &[("art", "beschaeftigung"), ("von", "Sommer 2019"), ("bezeichnung", "Lager")], &vfk)
            .await;
        assert!(s.sichtbar().contains("Von: bitte einen Monat wie 09/2015 angeben"), "{}", s.sichtbar());
        let s = t.absenden(&pfad, &[("von", "08/2009"), ("bezeichnung", "Lager")], &vfk).await;
        assert!(s.sichtbar().contains("Bitte die Art des Abschnitts wählen."), "{}", s.sichtbar());
        assert!(s.sichtbar().contains("Es ist noch kein Abschnitt erfasst."), "nichts gespeichert");

        // Saved: an apprenticeship with its occupation, then the job after it.
        let s = t
            .absenden(
                &pfad,
                &[
                    ("art", "ausbildung"),
                    ("von", "08/2009"),
                    ("bis", "7.2012"),
                    ("bezeichnung", "Ausbildung zur Kauffrau im Einzelhandel"),
                    ("beruf", "62102"),
                ],
                &vfk,
            )
            .await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        assert_eq!(s.weiter(), format!("{pfad}?gespeichert=werdegang"));
        let text = t.seite(s.weiter(), &vfk).await.sichtbar();
        assert!(text.contains("Der Abschnitt wurde in den Werdegang übernommen."), "{text}");
        assert!(text.contains("08/2009 – 07/2012 Ausbildung Ausbildung zur Kauffrau im Einzelhandel"), "{text}");
        assert!(text.contains("(62102)"), "{text}");
        let s = t
            .absenden(
                &pfad,
                &[("art", "beschaeftigung"), ("von", "2012-08"), ("bezeichnung", "Verkäuferin bei Nordstern Handel")],
                &vfk,
            )
            .await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());

        let akte = t.seite(&format!("/kunden/{id}"), &vfk).await.sichtbar();
        assert!(akte.contains("Werdegang (2)"), "{akte}");
        assert!(akte.contains("seit 08/2012 · Beschäftigung: Verkäuferin bei Nordstern Handel"), "{akte}");
        let auskunft = t.seite(&format!("/kunden/{id}/auskunft"), &vfk).await.sichtbar();
        assert!(
            auskunft.contains("08/2009 – 07/2012 · Ausbildung: Ausbildung zur Kauffrau im Einzelhandel"),
            "{auskunft}"
        );

        // Removed again: the row's button.
        let fall = api(&t, Method::GET, &format!("/api/v1/kunden/{id}"), None, &vfk).await;
        let wid = fall["ids"]["werdegang"][1].as_i64().unwrap();
        let s = t.absenden(&format!("{pfad}/{wid}/entfernen"), &[], &vfk).await;
        assert_eq!(s.weiter(), format!("{pfad}?gespeichert=werdegang_entfernt"));
        let text = t.seite(s.weiter(), &vfk).await.sichtbar();
        assert!(text.contains("Bisheriger Werdegang (1)") && !text.contains("Nordstern"), "{text}");

        // The API: JSON in the Fallakte's form, months as JJJJ-MM.
        let eintrag =
            json!({ "art": "schule", "von": "1996-08", "bis": "2006-07", "bezeichnung": "Realschulabschluss" });
        let a = api(&t, Method::POST, &format!("/api/v1/kunden/{id}/werdegang"), Some(eintrag), &vfk).await;
        let falsch = json!({ "art": "schule", "von": "08/1996", "bezeichnung": "Realschulabschluss" });
        let r = t.anfrage(Method::POST, &format!("/api/v1/kunden/{id}/werdegang"), Some(falsch), Some(&vfk)).await;
        assert_eq!(r.status, StatusCode::UNPROCESSABLE_ENTITY, "{:#}", r.json);
        let weg = format!("/api/v1/kunden/{id}/werdegang/{}", a["id"]);
        api(&t, Method::DELETE, &weg, None, &vfk).await;
        let fall = api(&t, Method::GET, &format!("/api/v1/kunden/{id}"), None, &vfk).await;
        assert_eq!(fall["fallakte"]["kunde"]["werdegang"][0]["von"], "2009-08");
        assert_eq!(fall["fallakte"]["kunde"]["werdegang"].as_array().map(Vec::len), Some(1));
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn aktivitaet_erfassen_und_ablehnen() {
    for t in spawn_apps().await {
        konten(&t).await;
        let vfk = t.anmelden("vfk").await;
        let id = kunde(&t, &vfk, "Aktiv").await;
        let pfad = format!("/kunden/{id}/aktivitaeten");
        assert!(t.seite(&format!("/kunden/{id}"), &vfk).await.text.contains(&format!(r#"href="{pfad}""#)));
        assert!(
            t.seite(&format!("/kunden/{id}/folgegespraech"), &vfk).await.text.contains(&format!(r#"href="{pfad}""#))
        );

        let s = t.seite(&pfad, &vfk).await;
        assert_eq!(s.status, StatusCode::OK);
        let text = s.sichtbar();
        assert!(
            text.contains("Stärkenorientierte Kundenaktivierung (F4)")
                && text.contains("Es ist keine Aktivität erfasst.")
        );
        assert!(text.contains("Bewerbercoaching (Einzel- oder Gruppenberatung)"), "{text}");

        // Refused: a date in the future; no kind; no description. What was typed stays.
        let s = t
            .absenden(
                &pfad,
                &[("datum", &tag(3)), ("art", "gruppenmassnahme"), ("beschreibung", "Jobmesse im Rathaus")],
                &vfk,
            )
            .await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.sichtbar().contains("Datum: liegt in der Zukunft"), "{}", s.sichtbar());
        assert!(s.text.contains(&format!(r#"value="{}""#, tag(3))) && s.text.contains("Jobmesse im Rathaus"));
        assert!(s.text.contains(r#"value="gruppenmassnahme" checked"#));
        let s = t.absenden(&pfad, &[("datum", &tag(0)), ("beschreibung", "Jobmesse")], &vfk).await;
        assert!(s.sichtbar().contains("Bitte die Art der Aktivität wählen."), "{}", s.sichtbar());
        let s = t.absenden(&pfad, &[("datum", &tag(0)), ("art", "sonstige")], &vfk).await;
        assert!(s.sichtbar().contains("Beschreibung: darf nicht leer sein"), "{}", s.sichtbar());
        assert!(s.sichtbar().contains("Es ist keine Aktivität erfasst."), "nichts gespeichert");

        // Saved and shown, also in the Kundenakte and the Auskunft.
        let s = t
            .absenden(
                &pfad,
                &[
                    ("datum", &tag(0)),
                    ("art", "bewerbercoaching"),
                    ("beschreibung", "Bewerbungstraining, drei Termine"),
                    ("traeger", "Bildungswerk am Fluss"),
                ],
                &vfk,
            )
            .await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        assert_eq!(s.weiter(), format!("{pfad}?gespeichert=aktivitaet"));
        let text = t.seite(s.weiter(), &vfk).await.sichtbar();
        assert!(text.contains("Die Aktivität wurde gespeichert."), "{text}");
        assert!(text.contains("Erfasste Aktivitäten (1)"), "{text}");
        assert!(text.contains("Bewerbungstraining, drei Termine Bildungswerk am Fluss"), "{text}");
        let zeile = format!(
            "{} · Bewerbercoaching (Einzel- oder Gruppenberatung): Bewerbungstraining, drei Termine (Träger: Bildungswerk am Fluss)",
            tag_de(0)
        );
        assert!(t.seite(&format!("/kunden/{id}"), &vfk).await.sichtbar().contains(&zeile));
        assert!(t.seite(&format!("/kunden/{id}/auskunft"), &vfk).await.sichtbar().contains(&zeile));

        // The API takes the Fallakte's form.
        let a = json!({ "datum": tag(0), "art": "selbstvermarktung", "beschreibung": "Workshop Profil im Netz" });
        api(&t, Method::POST, &format!("/api/v1/kunden/{id}/aktivitaeten"), Some(a), &vfk).await;
        let fall = api(&t, Method::GET, &format!("/api/v1/kunden/{id}"), None, &vfk).await;
        assert_eq!(fall["fallakte"]["aktivitaeten"].as_array().map(Vec::len), Some(2));
        t.aufraeumen().await;
    }
}
