//! The matching pages (§8.4) over HTTP as the browser uses them: a Stellenangebot entered through
//! the form appears in the list and, with its points and their reason, in the Kundenakte of a
//! matching case; the Arbeitsliste names the case with new matches until the case is opened (F3);
//! a match becomes a Vermittlungsvorschlag whose lifecycle refuses wrong steps and a rejection
//! without reason (422); the Folgegespräch shows the proposals (F1); the candidates of a posting
//! (AG-S) name only cases in the user's access; the profiling shows the BAC (P6).

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::gemeinsam;

use crate::gemeinsam::{Seite, TestApp, api, konten, spawn_apps, tag};
use hyper::{Method, StatusCode};
use serde_json::json;

fn enthaelt(s: &Seite, text: &str) {
    assert!(s.sichtbar().contains(text), "„{text}“ fehlt:\n{}", s.sichtbar());
}

fn fehlt(s: &Seite, text: &str) {
    assert!(!s.sichtbar().contains(text), "„{text}“ steht da:\n{}", s.sichtbar());
}

/// A matchingfähig case (P9): registered, PLZ 10115, complete profiling with Zielberuf 43412 and
/// the Stärke "SQL", a local goal (Z6) and the strategies incl. "Vermittlung" (F3).
async fn matchingfaehiger_fall(t: &TestApp, cookie: &str, vorname: &str, nachname: &str, rechtskreis: &str) -> i64 {
    let kunde = json!({ "vorname": vorname, "nachname": nachname, "geburtsdatum": "1985-03-02",
                        "rechtskreis": rechtskreis, "plz": "10115", "meldung_am": tag(0) });
    let id = api(t, Method::POST, "/api/v1/kunden", Some(kunde), cookie).await["id"].as_i64().unwrap();
    let k = format!("/api/v1/kunden/{id}");
    let merkmale = gemeinsam::merkmale_mit_bedarf("berufliche_qualifikation");
    let profiling = json!({
        "zielberuf": "43412",
        "staerken": [{ "bezeichnung": "PostgreSQL", "niveau": "erweitert" }],
        "merkmale": merkmale,
        "standortbestimmung": { "datum": tag(0), "prognose_monate": 9, "fazit": "Gute Chancen mit Anpassungsqualifizierung." },
        "profillage": { "wert": "foerderprofil" },
        "bestaetigt": true
    });
    api(t, Method::POST, &format!("{k}/profiling"), Some(profiling), cookie).await;
    let ziel = json!({ "zieloption": "beschaeftigung_lokal", "horizont_monate": 9 });
    api(t, Method::POST, &format!("{k}/ziele"), Some(ziel), cookie).await;
    for s in [
        json!({ "strategie": "absolventenmanagement", "merkmal": "berufliche_qualifikation", "beginn": tag(120), "ende": tag(210), "reihenfolge": 2 }),
        json!({ "strategie": "berufliche_teilqualifikation_realisieren", "merkmal": "berufliche_qualifikation",
                "beginn": tag(14), "ende": tag(120), "reihenfolge": 1 }),
        json!({ "strategie": "vermittlung", "beginn": tag(0), "ende": tag(240), "reihenfolge": 3 }),
    ] {
        api(t, Method::POST, &format!("{k}/strategien"), Some(s), cookie).await;
    }
    id
}

const STELLE: [(&str, &str); 9] = [
    ("refnr", "10000-TEST-0001-S"),
    ("titel", "Datenbankentwicklerin (m/w/d)"),
    ("arbeitgeber", "Spree Daten GmbH"),
    ("beruf", "43412"),
    ("plz", "10117"),
    ("arbeitszeit", "vz"),
    ("arbeitszeit", "tz"),
    ("faehigkeiten", "SQL\nRust"),
    ("beschreibung", "Wir suchen Verstärkung für unsere Datenplattform."),
];

/// The id in a path like `/stellen/7?gespeichert=stelle` after `praefix`.
fn id_nach(text: &str, praefix: &str) -> i64 {
    let rest = &text[text.find(praefix).unwrap_or_else(|| panic!("{praefix} fehlt in {text}")) + praefix.len()..];
    rest.chars().take_while(char::is_ascii_digit).collect::<String>().parse().unwrap()
}

#[tokio::test]
async fn stelle_erfassen_passen_vorschlagen() {
    for t in spawn_apps().await {
        konten(&t).await;
        let vfk = t.anmelden("vfk").await;
        let jc = t.anmelden("vfk.jobcenter").await;
        let petra = matchingfaehiger_fall(&t, &vfk, "Petra", "Passmann", "SGB_III").await;
        let bruno = matchingfaehiger_fall(&t, &jc, "Bruno", "Fremdling", "SGB_II").await;

        // Nothing new yet (F3), and the navigation offers the postings.
        let s = t.seite("/", &vfk).await;
        enthaelt(&s, "Keine neuen passenden Stellen");
        assert!(s.text.contains(r#"href="/stellen""#));

        // A posting without working time: 422, the field named, the input kept.
        let s = t.seite("/stellen/neu", &vfk).await;
        assert_eq!(s.status, StatusCode::OK, "{}: {}", t.name, s.sichtbar());
        enthaelt(&s, "Neues Stellenangebot");
        let ohne: Vec<_> = STELLE.iter().filter(|(n, _)| *n != "arbeitszeit").copied().collect();
        let s = t.absenden("/stellen/neu", &ohne, &vfk).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {}", t.name, s.sichtbar());
        enthaelt(&s, "Arbeitszeit: erwartet vz, tz");
        assert!(s.text.contains(r#"value="Spree Daten GmbH""#));

        // Entered through the form: on to its page, listed in /stellen and by KldB prefix.
        let s = t.absenden("/stellen/neu", &STELLE, &vfk).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}: {}", t.name, s.sichtbar());
        let stelle = id_nach(s.weiter(), "/stellen/");
        let s = t.seite("/stellen", &vfk).await;
        enthaelt(&s, "Datenbankentwicklerin (m/w/d) Spree Daten GmbH · 10117");
        enthaelt(&s, "Vollzeit, Teilzeit");
        enthaelt(&t.seite("/stellen?beruf=434", &vfk).await, "Datenbankentwicklerin");
        enthaelt(&t.seite("/stellen?beruf=2", &vfk).await, "Keine Stellenangebote für diese Auswahl.");
        let s = t.seite("/stellen?beruf=Koch", &vfk).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        enthaelt(&s, "Beruf (KldB): erwartet einen KldB-Schlüssel");

        // F3: before the case is opened the Arbeitsliste names it, with the strategy marker.
        let s = t.seite("/", &vfk).await;
        enthaelt(&s, "Neue passende Stellen (1) Regel F3");
        enthaelt(&s, "Petra Passmann");
        enthaelt(&s, "Datenbankentwicklerin (m/w/d)");
        enthaelt(&s, "Strategie Vermittlung");
        assert!(s.text.contains(&format!(r##"href="/kunden/{petra}#vermittlung""##)));

        // The Kundenakte: profile, the match with points, reason per factor, missing skill.
        let akte = format!("/kunden/{petra}");
        let s = t.seite(&akte, &vfk).await;
        assert_eq!(s.status, StatusCode::OK, "{}: {}", t.name, s.sichtbar());
        enthaelt(&s, "Passende Stellen");
        enthaelt(&s, "Zielberuf 43412");
        enthaelt(&s, "1 passende Stellen, davon 1 neu");
        enthaelt(&s, "Datenbankentwicklerin (m/w/d) neu Spree Daten GmbH");
        assert!(s.sichtbar().contains(" von 1000 Begründung der Punkte"), "{}", s.sichtbar());
        enthaelt(&s, "Beruf 400 von 400 Zielberuf");
        enthaelt(&s, "km Arbeitszeit 100 von 100 passt");
        enthaelt(&s, "1 von 2 vorhanden");
        // The skill vocabulary: PostgreSQL covers the SQL asked for, named in her words (15/2).
        enthaelt(&s, "vorhanden: SQL – angegeben als „PostgreSQL“");
        enthaelt(&s, "fehlt: Rust");
        enthaelt(&s, "Noch kein Vermittlungsvorschlag.");

        // Opened: no longer new (F3), neither on the Arbeitsliste nor in the Akte.
        enthaelt(&t.seite("/", &vfk).await, "Keine neuen passenden Stellen");
        let s = t.seite(&akte, &vfk).await;
        enthaelt(&s, "1 passende Stellen Stellenangebot");
        assert!(!s.text.contains(r#"<span class="kern-label">neu</span>"#));

        // Proposed: into "Vermittlungsvorschläge" with status vorgeschlagen.
        let s = t.absenden(&format!("{akte}/vorschlaege"), &[("stelle_id", &stelle.to_string())], &vfk).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}: {}", t.name, s.sichtbar());
        let s = t.seite(s.weiter(), &vfk).await;
        enthaelt(&s, "Der Vermittlungsvorschlag wurde angelegt");
        enthaelt(&s, "vorgeschlagen, Status: vorgeschlagen");
        enthaelt(&s, "Vermittlungsvorschläge (1)");
        let vorschlag = id_nach(&s.text, &format!("{akte}/vorschlaege/"));
        let pfad = format!("{akte}/vorschlaege/{vorschlag}");
        // The letter to the customer (Issue 15/5): a PDF with the posting, linked from the row.
        enthaelt(&s, "Brief an die Kundin bzw. den Kunden (PDF)");
        let brief = t.seite(&format!("{pfad}/pdf"), &vfk).await;
        assert_eq!(brief.status, StatusCode::OK, "{}", t.name);
        assert_eq!(brief.kopf.get("content-type").unwrap(), "application/pdf");
        assert!(brief.text.starts_with("%PDF-") && brief.text.contains("pdfuaid:part"));
        assert_eq!(t.seite(&format!("{akte}/vorschlaege/999999/pdf"), &vfk).await.status, StatusCode::NOT_FOUND);
        // Only the allowed next steps are offered.
        assert!(s.text.contains(r#"<option value="beworben">beworben</option>"#));
        assert!(!s.text.contains(r#"<option value="eingestellt">"#));
        // Twice is refused.
        let s = t.absenden(&format!("{akte}/vorschlaege"), &[("stelle_id", &stelle.to_string())], &vfk).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        enthaelt(&s, "bereits vorgeschlagen");

        // A step the lifecycle does not allow: 422 with the German message.
        let s = t.absenden(&pfad, &[("status", "eingestellt")], &vfk).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {}", t.name, s.sichtbar());
        enthaelt(&s, "Neuer Status: Nach „vorgeschlagen“ folgt beworben oder abgelehnt");
        // "abgelehnt" without a reason: 422 naming the field, the feedback typed is kept.
        let felder = [("status", "abgelehnt"), ("rueckmeldung", "Absage per Telefon")];
        let s = t.absenden(&pfad, &felder, &vfk).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {}", t.name, s.sichtbar());
        enthaelt(&s, "Ablehnungsgrund: ist bei „abgelehnt“ anzugeben");
        assert!(s.text.contains(&format!(r##"href="#vorschlag-{vorschlag}-ablehnungsgrund""##)), "{}", s.text);
        assert!(s.text.contains(">Absage per Telefon</textarea>"));
        // The next step with the employer's feedback.
        let felder = [("status", "beworben"), ("rueckmeldung", "Eingang der Bewerbung bestätigt")];
        let s = t.absenden(&pfad, &felder, &vfk).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}: {}", t.name, s.sichtbar());
        let s = t.seite(&akte, &vfk).await;
        enthaelt(&s, "vorgeschlagen, Status: beworben");
        enthaelt(&s, "Eingang der Bewerbung bestätigt");

        // F1 / F2 step 3: the Folgegespräch shows the proposal with the employer's feedback.
        let s = t.seite(&format!("{akte}/folgegespraech"), &vfk).await;
        assert_eq!(s.status, StatusCode::OK, "{}: {}", t.name, s.sichtbar());
        enthaelt(&s, "Rückmeldungen zu offenen Vermittlungsvorschlägen: 1 offen Regel F1");
        enthaelt(&s, "Datenbankentwicklerin (m/w/d) Spree Daten GmbH");
        enthaelt(&s, "Eingang der Bewerbung bestätigt");
        enthaelt(&s, "Aktuell 1 passende Stellen");
        assert!(s.text.contains(&format!(r##"href="/kunden/{petra}#vermittlung""##)));

        // The candidates (AG-S): the own case named with its status, the other Dienststelle's
        // case only counted.
        let s = t.seite(&format!("/stellen/{stelle}"), &vfk).await;
        assert_eq!(s.status, StatusCode::OK, "{}: {}", t.name, s.sichtbar());
        enthaelt(&s, "Passende Bewerberinnen und Bewerber (1)");
        enthaelt(&s, "Petra Passmann");
        enthaelt(&s, "vorgeschlagen, Status: beworben");
        enthaelt(&s, "Weitere 1 passende Bewerber in Fällen ohne Ihren Zugriff");
        fehlt(&s, "Fremdling");
        let s = t.seite(&format!("/stellen/{stelle}"), &jc).await;
        enthaelt(&s, "Bruno Fremdling");
        fehlt(&s, "Passmann");
        // Proposed from there, back to the posting.
        let felder = [("stelle_id", stelle.to_string()), ("von", "stelle".to_string())];
        let felder: Vec<(&str, &str)> = felder.iter().map(|(n, w)| (*n, w.as_str())).collect();
        let s = t.absenden(&format!("/kunden/{bruno}/vorschlaege"), &felder, &jc).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}: {}", t.name, s.sichtbar());
        assert_eq!(s.weiter(), format!("/stellen/{stelle}?gespeichert=vorschlag#bewerber"));
        // Another Dienststelle's case cannot be proposed: not found, like a missing one.
        let s = t.absenden(&format!("/kunden/{bruno}/vorschlaege"), &felder, &vfk).await;
        assert_eq!(s.status, StatusCode::NOT_FOUND);

        // Angaben für das Matching: a radius beyond 500 km is refused, Teilzeit is saved.
        let s = t.absenden(&format!("{akte}/vermittlungsangaben"), &[("umkreis_km", "900")], &vfk).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {}", t.name, s.sichtbar());
        enthaelt(&s, "Umkreis: zwischen 1 und 500 km");
        assert!(s.text.contains(r#"value="900""#));
        let s = t
            .absenden(&format!("{akte}/vermittlungsangaben"), &[("arbeitszeit", "tz"), ("umkreis_km", "20")], &vfk)
            .await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}: {}", t.name, s.sichtbar());
        let s = t.seite(&akte, &vfk).await;
        enthaelt(&s, "Arbeitszeit Teilzeit");
        enthaelt(&s, "20 km um den Wohnort");

        // P6: the BAC beside the Zielberuf — one posting, two job seekers around 10115.
        let s = t.seite(&format!("{akte}/profiling"), &vfk).await;
        assert_eq!(s.status, StatusCode::OK, "{}: {}", t.name, s.sichtbar());
        enthaelt(&s, "BAC – Berechnungshilfe Arbeitsmarktchancen Regel P6");
        enthaelt(&s, "1 offene Stellen, 2 Bewerber, 0,50 Stellen je Bewerber");
        enthaelt(&s, "aus den eigenen Daten dieser Anwendung");
        enthaelt(&s, "Verlauf der letzten Monate");
        // A posting of a related occupation without job seekers: a better alternative.
        let andere = json!({ "refnr": "10000-TEST-0002-S", "titel": "Softwareentwickler Spezialist", "arbeitgeber": "Havel IT",
                             "beruf": "43413", "plz": "10115", "arbeitszeit": "vz" });
        api(&t, Method::POST, "/api/v1/stellen", Some(andere), &vfk).await;
        let s = t.seite(&format!("{akte}/profiling"), &vfk).await;
        enthaelt(&s, "Bessere Alternativen in der Berufsgruppe:");
        enthaelt(
            &s,
            "43413 Berufe in der Softwareentwicklung – komplexe Spezialistentätigkeiten 1 0 – (keine Bewerber)",
        );
        let s = t.seite("/bac?zielberuf=43412&plz=10115", &vfk).await;
        assert_eq!(s.status, StatusCode::OK);
        enthaelt(&s, "43412");
        enthaelt(&s, "Stellen je Bewerber");

        // Datenschutz sees no postings, nor the navigation entry.
        let ds = t.anmelden("datenschutz").await;
        assert_eq!(t.seite("/stellen", &ds).await.status, StatusCode::FORBIDDEN);
        assert!(!t.seite("/verwaltung", &ds).await.text.contains(r#"href="/stellen""#));
        t.aufraeumen().await;
    }
}
