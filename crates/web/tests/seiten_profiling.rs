//! The profiling page over HTTP as the browser uses it: the form with Schlüsselgruppen and
//! Merkmale, the Zielberuf search, the live Profillage suggestion (PL1/PL2), saving a version
//! (with the confirmation of warnings), refusals by rule with what was typed kept, and other
//! Dienststellen's cases as "not found".

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::gemeinsam::{TestApp, konten, spawn_apps};
use chrono::{Days, Utc};
use hyper::{Method, StatusCode};
use serde_json::json;
use vierphasen_domain::Katalog;

async fn kunde_anlegen(t: &TestApp, cookie: &str) -> i64 {
    let vor_zwei_wochen = (vierphasen_domain::datum::berlin_datum(Utc::now()) - Days::new(14)).to_string();
    let a = t
        .anfrage(
            Method::POST,
            "/api/v1/kunden",
            Some(json!({
                "vorname": "Erika", "nachname": "Musterfrau", "geburtsdatum": "1986-05-04", "rechtskreis": "SGB_III",
                "plz": "34117", "arbeitslos_seit": vor_zwei_wochen, "meldung_am": vor_zwei_wochen
            })),
            Some(cookie),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.json);
    a.json["id"].as_i64().unwrap()
}

/// The form as the browser sends it: every Merkmal assessed (`bedarf` with Handlungsbedarf, the
/// rest without), a Zielberuf, two Stärken and a Standortbestimmung with `prognose` months.
fn formular(bedarf: &[&str], prognose: &str, weitere: &[(&str, &str)]) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = vec![
        ("zielberuf".into(), "43412".into()),
        ("berufsuche".into(), String::new()),
        ("alternativberufe".into(), "43413".into()),
        ("staerken_zeilen".into(), "3".into()),
        ("staerke_bezeichnung_0".into(), "Java- und SQL-Entwicklung".into()),
        ("staerke_niveau_0".into(), "erweitert".into()),
        ("staerke_bezeichnung_1".into(), String::new()),
        ("staerke_niveau_1".into(), "grundkenntnisse".into()),
        ("staerke_bezeichnung_2".into(), "Zuverlässigkeit und Teamfähigkeit".into()),
        ("staerke_niveau_2".into(), "experte".into()),
        ("staerke_besondere_2".into(), "ja".into()),
        ("sb_datum".into(), vierphasen_domain::datum::berlin_datum(Utc::now()).to_string()),
        ("sb_prognose".into(), prognose.into()),
        ("sb_fazit".into(), "Solide Grundlage; gute Chancen im Tagespendelbereich.".into()),
        ("schwerpunkt".into(), String::new()),
        ("sb_heranfuehren".into(), String::new()),
        ("z_grund".into(), String::new()),
    ];
    for m in &Katalog::standard().unwrap().merkmale {
        let status = if bedarf.contains(&m.id.as_str()) { "handlungsbedarf" } else { "kein_handlungsbedarf" };
        f.push((format!("status_{}", m.id), status.into()));
        f.push((format!("kommentar_{}", m.id), String::new()));
    }
    for (n, w) in weitere {
        f.retain(|(name, _)| name != n);
        f.push(((*n).into(), (*w).into()));
    }
    f
}

fn paare(f: &[(String, String)]) -> Vec<(&str, &str)> {
    f.iter().map(|(n, w)| (n.as_str(), w.as_str())).collect()
}

#[tokio::test]
async fn profiling_seite() {
    for t in spawn_apps().await {
        konten(&t).await;
        ablauf(&t).await;
        t.aufraeumen().await;
    }
}

async fn ablauf(t: &TestApp) {
    let vfk = t.anmelden("vfk").await;
    let id = kunde_anlegen(t, &vfk).await;
    let pfad = format!("/kunden/{id}/profiling");

    // The form: every Schlüsselgruppe with its Merkmale and the three statuses; no profiling yet,
    // so the engine says N.
    let s = t.seite(&pfad, &vfk).await;
    assert_eq!(s.status, StatusCode::OK, "{}: {}", t.name, s.text);
    let text = s.sichtbar();
    for erwartet in [
        "Profiling",
        "Erika Musterfrau",
        "Zielberuf Regel P1",
        "Stärkenanalyse Regel P2",
        "Potenzialanalyse Regeln P3–P5",
        "Qualifikation",
        "Leistungsfähigkeit",
        "Motivation",
        "Rahmenbedingungen",
        "Spezifische Arbeits-/Ausbildungsmarktbedingungen",
        "Berufliche Qualifikation",
        "Örtliche Mobilität",
        "zu klären",
        "Standortbestimmung Regel P7",
        "Vorschlag der Regeln Regel PL1",
        "N: Noch nicht festgelegt",
        "Unterstützungsprofil",
    ] {
        assert!(text.contains(erwartet), "{}: „{erwartet}“ fehlt: {text}", t.name);
    }
    assert!(s.text.contains(r#"id="status_berufliche_qualifikation_zu_klaeren""#));
    assert!(s.text.contains(&format!(r#"hx-post="/kunden/{id}/profiling/vorschlag""#)));
    assert!(s.text.contains(r#"id="staerke_bezeichnung_2""#), "drei leere Zeilen für Stärken");

    // Beruf search (htmx fragment): "Fachinformatiker" is an example title of KldB 43412.
    let s = t.seite("/berufe?suche=Fachinformatiker", &vfk).await;
    assert_eq!(s.status, StatusCode::OK);
    assert!(s.text.contains(r#"value="43412""#), "{}", s.text);
    assert!(s.sichtbar().contains("Fachinformatiker"), "{}", s.sichtbar());
    assert!(!s.text.contains("<html"), "nur das Fragment");
    // What people type (issue 15/1): the female form, the job title shown before the class.
    let s = t.seite("/berufe?suche=Verk%C3%A4uferin", &vfk).await;
    let erster = s.text.find(r#"value="62102""#).expect("62102 gefunden");
    assert!(s.text.find(r#"value="62112""#).is_none_or(|i| i > erster), "Kartenverkauf nach Verkauf");
    assert!(s.sichtbar().contains("Verkäuferin – Berufe im Verkauf (ohne Produktspezialisierung)"), "{}", s.sichtbar());
    // Without JavaScript: the "Berufe suchen" button shows the page again with the hits.
    let mut f = formular(&[], "", &[("berufsuche", "Fachinformatiker"), ("aktion", "suchen")]);
    f.retain(|(n, _)| n != "zielberuf");
    let s = t.absenden(&pfad, &paare(&f), &vfk).await;
    assert_eq!(s.status, StatusCode::OK);
    assert!(s.text.contains(r#"id="zielberuf_43412""#), "{}", s.sichtbar());
    assert!(s.text.contains("Java- und SQL-Entwicklung"), "das Getippte bleibt");
    // "Weitere Zeile": the filled Stärken move up, one more empty row.
    let f = formular(&[], "", &[("aktion", "zeile")]);
    let s = t.absenden(&pfad, &paare(&f), &vfk).await;
    assert_eq!(s.status, StatusCode::OK);
    assert!(s.text.contains(r#"value="Zuverlässigkeit und Teamfähigkeit""#));
    assert!(s.text.contains(r#"id="staerke_bezeichnung_5""#), "2 gefüllte + 4 leere Zeilen");
    assert!(!s.text.contains(r#"id="staerke_bezeichnung_6""#));

    // Live suggestion (PL2): no need, prognosis 4 months → Marktprofil.
    let vorschlag = format!("{pfad}/vorschlag");
    let s = t.absenden(&vorschlag, &paare(&formular(&[], "4", &[])), &vfk).await;
    assert_eq!(s.status, StatusCode::OK);
    assert!(s.text.contains(r#"data-ansage="Vorschlag nach den Regeln: Marktprofil."#), "{}", s.text);
    assert!(s.text.contains(r#"id="marke-marktprofil" class="lagemarke" hx-swap-oob="true""#), "{}", s.text);
    assert!(!s.text.contains("<h1"), "nur das Fragment");
    // A need in Berufliche Qualifikation, 9 months → Förderprofil.
    let s = t.absenden(&vorschlag, &paare(&formular(&["berufliche_qualifikation"], "9", &[])), &vfk).await;
    assert!(s.sichtbar().contains("Vorgeschlagen Förderprofil"), "{}", s.sichtbar());
    // Without Standortbestimmung the Profillage stays N (PL2a).
    let s = t.absenden(&vorschlag, &paare(&formular(&[], "", &[("sb_fazit", "")])), &vfk).await;
    assert!(s.sichtbar().contains("Vorgeschlagen N: Noch nicht festgelegt"), "{}", s.sichtbar());
    assert!(s.sichtbar().contains("PL2a"), "{}", s.sichtbar());
    // The choice is checked live: Marktprofil with a need is outside the admissible set.
    let f = formular(&["berufliche_qualifikation"], "9", &[("profillage", "marktprofil")]);
    let s = t.absenden(&vorschlag, &paare(&f), &vfk).await;
    assert!(s.sichtbar().contains("Fehler PL1"), "{}", s.sichtbar());
    // Without JavaScript the button "Profillage vorschlagen" shows the whole page with it.
    let f = formular(&["berufliche_qualifikation"], "9", &[("aktion", "vorschlag")]);
    let s = t.absenden(&pfad, &paare(&f), &vfk).await;
    assert_eq!(s.status, StatusCode::OK);
    assert!(s.sichtbar().contains("Vorgeschlagen Förderprofil"));
    assert!(s.text.contains("vorgeschlagen, zulässig"));

    // A choice outside the admissible set without Begründung is refused by PL1; what was typed
    // stays in the form.
    let kommentar = "Ausbildung 2009, seit 2016 fachfremd; Cloud-Kenntnisse fehlen.";
    let f = formular(
        &["berufliche_qualifikation"],
        "9",
        &[("profillage", "marktprofil"), ("kommentar_berufliche_qualifikation", kommentar)],
    );
    let s = t.absenden(&pfad, &paare(&f), &vfk).await;
    assert_eq!(s.status, StatusCode::CONFLICT, "{}", s.sichtbar());
    let text = s.sichtbar();
    assert!(text.contains("Fehler PL1"), "{text}");
    assert!(text.contains("schriftliche Begründung"), "{text}");
    assert!(s.text.contains(kommentar), "der Kommentar bleibt im Formular");
    assert!(s.text.contains(r#"id="begruendung-fehler""#), "die Meldung steht an der Begründung");
    assert!(s.text.contains(r#"value="marktprofil" aria-describedby="profillage_marktprofil-text" checked"#));

    // P4: "zu klären" without comment is refused; the message stands at the comment.
    let f = formular(&[], "4", &[("status_wohnsituation", "zu_klaeren"), ("profillage", "marktprofil")]);
    let s = t.absenden(&pfad, &paare(&f), &vfk).await;
    assert_eq!(s.status, StatusCode::CONFLICT, "{}", s.sichtbar());
    assert!(s.sichtbar().contains("Fehler P4"), "{}", s.sichtbar());
    assert!(s.text.contains(r#"id="kommentar_wohnsituation-fehler""#), "{}", s.text);
    // An unreadable prognosis is refused with the field named and linked.
    let f = formular(&[], "neun", &[]);
    let s = t.absenden(&pfad, &paare(&f), &vfk).await;
    assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(s.text.contains(r##"href="#sb_prognose""##), "{}", s.text);
    assert!(s.text.contains(r#"value="neun""#));

    // "Speichern und weiter": saved at once — goal, strategy and EV are the next steps of the
    // Erstgespräch, nothing to confirm — and on to the goal (issue 15/3).
    let mut f = formular(
        &["berufliche_qualifikation"],
        "9",
        &[("profillage", "foerderprofil"), ("kommentar_berufliche_qualifikation", kommentar)],
    );
    f.push(("weiter".into(), "ziel".into()));
    let s = t.absenden(&pfad, &paare(&f), &vfk).await;
    assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
    assert_eq!(s.weiter(), format!("/kunden/{id}/ziel?gespeichert=profiling"));
    let ziel = t.seite(s.weiter(), &vfk).await.sichtbar();
    assert!(ziel.contains("Das Profiling wurde gespeichert."), "{ziel}");
    assert!(ziel.contains("Nächster Schritt Z1"), "{ziel}");
    let akte = t.seite(&format!("/kunden/{id}"), &vfk).await.sichtbar();
    assert!(akte.contains("Profillage Förderprofil"), "{akte}");
    assert!(akte.contains("Berufliche Qualifikation"), "{akte}");
    assert!(
        akte.contains(
            "Nächste Schritte Ziel vereinbaren – Profillage festgelegt, aber noch keine Zieloption vereinbart."
        ),
        "{akte}"
    );
    assert!(
        akte.contains("Strategie wählen – Handlungsbedarf „Berufliche Qualifikation“ ohne Handlungsstrategie"),
        "{akte}"
    );
    assert!(!akte.contains("Fehler S1") && !akte.contains("Warnung Z1") && !akte.contains("Warnung E1"), "{akte}");
    // The form now starts from the saved version.
    let s = t.seite(&pfad, &vfk).await;
    assert!(s.sichtbar().contains("Version 1 vom"), "{}", s.sichtbar());
    assert!(s.text.contains(kommentar));
    assert!(s.text.contains(r#"value="foerderprofil" aria-describedby="profillage_foerderprofil-text" checked"#));
    assert!(s.text.contains(r#"id="zielberuf_43412" value="43412" checked"#));

    // Another Dienststelle's case is "not found", like a missing one.
    let fremd = t.anmelden("vfk.jobcenter").await;
    assert_eq!(t.seite(&pfad, &fremd).await.status, StatusCode::NOT_FOUND);
    assert_eq!(t.absenden(&pfad, &paare(&f), &fremd).await.status, StatusCode::NOT_FOUND);
    assert_eq!(t.absenden(&vorschlag, &paare(&f), &fremd).await.status, StatusCode::NOT_FOUND);
    assert_eq!(t.seite("/kunden/999999/profiling", &vfk).await.status, StatusCode::NOT_FOUND);
    assert_eq!(t.seite("/kunden/abc/profiling", &vfk).await.status, StatusCode::NOT_FOUND);
}

/// PL2 on the page: the VFK enters the planned duration of the FbW and ticks that the prognosis
/// exceeds 12 months only because of it (seed: "Übersteigt die Integrationsprognose allein
/// deshalb zwölf Monate, weil … eine Maßnahme zur Förderung der beruflichen Weiterbildung (FbW) …
/// von mehr als 9 Monaten durchlaufen soll, ist der Fall dem Förderprofil zuzuordnen").
#[tokio::test]
async fn profiling_fbw_dauer() {
    for t in spawn_apps().await {
        konten(&t).await;
        let vfk = t.anmelden("vfk").await;
        let id = kunde_anlegen(&t, &vfk).await;
        let pfad = format!("/kunden/{id}/profiling");
        let vorschlag = format!("{pfad}/vorschlag");
        let s = t.seite(&pfad, &vfk).await;
        assert!(s.sichtbar().contains("Geplante Dauer der FbW in Monaten"), "{}", s.sichtbar());
        let fbw = |dauer: &'static str| {
            formular(&["berufliche_qualifikation"], "20", &[("sb_fbw_dauer", dauer), ("sb_fbw", "ja")])
        };
        // More than 9 months: Förderprofil.
        let s = t.absenden(&vorschlag, &paare(&fbw("12")), &vfk).await;
        assert!(s.sichtbar().contains("Vorgeschlagen Förderprofil"), "{}: {}", t.name, s.sichtbar());
        // 9 months: no Förderprofil without Begründung, and the hint says why.
        let s = t.absenden(&vorschlag, &paare(&fbw("9")), &vfk).await;
        assert!(!s.sichtbar().contains("Vorgeschlagen Förderprofil"), "{}: {}", t.name, s.sichtbar());
        assert!(s.sichtbar().contains("FbW von höchstens 9 Monaten"), "{}: {}", t.name, s.sichtbar());
        // Ticked without a duration: asks for it.
        let s = t.absenden(&vorschlag, &paare(&fbw("")), &vfk).await;
        assert!(s.sichtbar().contains("geplante Dauer der FbW"), "{}: {}", t.name, s.sichtbar());
        // Unreadable or zero duration: refused at the field, what was typed stays.
        for (dauer, meldung) in [("zwölf", "ganze Zahl"), ("0", "mindestens 1 Monat")] {
            let s = t.absenden(&pfad, &paare(&fbw(dauer)), &vfk).await;
            assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {}", t.name, s.sichtbar());
            assert!(s.text.contains(r##"href="#sb_fbw_dauer""##), "{}: {}", t.name, s.text);
            assert!(s.sichtbar().contains(meldung), "{}: {}", t.name, s.sichtbar());
            assert!(s.text.contains(&format!(r#"value="{dauer}""#)), "{}", t.name);
        }
        // Saved: the form starts from both facts.
        let mut f = fbw("12");
        f.push(("profillage".into(), "foerderprofil".into()));
        f.push(("bestaetigt".into(), "ja".into()));
        let s = t.absenden(&pfad, &paare(&f), &vfk).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}: {}", t.name, s.sichtbar());
        let s = t.seite(&pfad, &vfk).await;
        assert!(
            s.text.contains(
                r#"id="sb_fbw_dauer" name="sb_fbw_dauer" type="text" inputmode="numeric" pattern="[0-9]*" value="12""#
            ),
            "{}",
            t.name
        );
        assert!(
            s.text.contains(r#"id="sb_fbw" name="sb_fbw" value="ja" aria-describedby="sb_fbw-hinweis" checked"#),
            "{}",
            t.name
        );
        t.aufraeumen().await;
    }
}
