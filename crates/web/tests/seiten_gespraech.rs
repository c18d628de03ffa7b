//! The pages of the Folgegespräch (F1, F2, K1), the Einwilligungen (U6, P10) and the Termine over
//! HTTP as the browser uses them: forms, 303 after saving, 422/409 with the input kept, 404 for a
//! case of another Dienststelle.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::gemeinsam;

use crate::gemeinsam::{
    Seite, TestApp, api, heute, k1_tag, k1_tag_de, konten, spawn_apps, tag, tag_de, werktag, werktag_de,
};
use chrono::Days;
use hyper::{Method, StatusCode};
use serde_json::{Value, json};

fn gestern() -> String {
    (heute() - Days::new(1)).to_string()
}

fn kunde(nachname: &str, rechtskreis: &str, bg: Option<&str>) -> Value {
    let mut k = json!({ "vorname": "Erika", "nachname": nachname, "geburtsdatum": "1986-05-04",
                        "rechtskreis": rechtskreis, "plz": "34117", "arbeitslos_seit": tag(0) });
    if let Some(bg) = bg {
        k["bedarfsgemeinschaft"] = json!(bg);
    }
    k
}

/// An SGB III case through the four phases: Förderprofil with a need in Berufliche
/// Qualifikation, goal, strategies and a signed EV. Returns the case id and the EV's tasks.
async fn fall_mit_ev(t: &TestApp, vfk: &str) -> (i64, Vec<String>) {
    let id = api(t, Method::POST, "/api/v1/kunden", Some(kunde("Musterfrau", "SGB_III", None)), vfk).await["id"]
        .as_i64()
        .unwrap();
    let k = format!("/api/v1/kunden/{id}");
    let merkmale = gemeinsam::merkmale_mit_bedarf("berufliche_qualifikation");
    let profiling = json!({
        "zielberuf": "43412",
        "staerken": [{ "bezeichnung": "Java- und SQL-Entwicklung", "niveau": "erweitert" }],
        "merkmale": merkmale,
        "standortbestimmung": { "datum": tag(0), "prognose_monate": 9, "fazit": "Nach einer Anpassungsqualifizierung gute Chancen." },
        "profillage": { "wert": "foerderprofil" },
        "bestaetigt": true
    });
    api(t, Method::POST, &format!("{k}/profiling"), Some(profiling), vfk).await;
    api(
        t,
        Method::POST,
        &format!("{k}/ziele"),
        Some(json!({ "zieloption": "beschaeftigung_lokal", "horizont_monate": 9 })),
        vfk,
    )
    .await;
    for s in [
        json!({ "strategie": "absolventenmanagement", "merkmal": "berufliche_qualifikation", "beginn": tag(120), "ende": tag(210), "reihenfolge": 2 }),
        json!({ "strategie": "berufliche_teilqualifikation_realisieren", "merkmal": "berufliche_qualifikation",
                "beginn": tag(14), "ende": tag(120), "reihenfolge": 1, "produkte": ["foerderung_berufliche_weiterbildung"] }),
        json!({ "strategie": "vermittlung", "beginn": tag(0), "ende": tag(240), "reihenfolge": 3 }),
    ] {
        api(t, Method::POST, &format!("{k}/strategien"), Some(s), vfk).await;
    }
    let evid = api(t, Method::POST, &format!("{k}/ev"), Some(json!({})), vfk).await["id"].as_i64().unwrap();
    api(
        t,
        Method::POST,
        &format!("{k}/ev/{evid}/abschluss"),
        Some(json!({ "abgeschlossen_am": tag(0), "ausgehaendigt_am": tag(0) })),
        vfk,
    )
    .await;
    let fall = api(t, Method::GET, &k, None, vfk).await;
    let aufgaben = fall["fallakte"]["eingliederungsvereinbarungen"][0]["aufgaben"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["text"].as_str().unwrap().to_owned())
        .collect::<Vec<_>>();
    assert!(!aufgaben.is_empty(), "die EV hat Aufgaben");
    (id, aufgaben)
}

/// A complete Folgegespräch as the form sends it; `aendern` adjusts single fields.
fn folgegespraech(aufgaben: &[String], naechster: &str) -> Vec<(String, String)> {
    let mut f: Vec<(String, String)> = vec![("datum".into(), tag(0))];
    for v in ["profil_gesichtet", "standortbestimmung_gesichtet", "ev_gesichtet", "unterlagen_ausgewertet"] {
        f.push((format!("vorbereitung.{v}"), "ja".into()));
    }
    for (j, a) in aufgaben.iter().enumerate() {
        f.push((format!("schritt1.aufgaben[{j}].aufgabe"), a.clone()));
        f.push((format!("schritt1.aufgaben[{j}].erledigt"), "nein".into()));
        f.push((format!("schritt1.aufgaben[{j}].grund"), "Frist läuft noch.".into()));
    }
    f.extend([
        ("schritt1.erfolge_misserfolge".into(), "Bildungsgutschein beantragt.".into()),
        ("schritt1.folgeschritte".into(), String::new()),
        ("schritt2.profiling_geprueft".into(), "ja".into()),
        ("schritt2.ziel_besprochen".into(), "ja".into()),
        ("schritt2.strategien_geprueft".into(), "ja".into()),
        ("schritt2.anpassungen".into(), "Keine.".into()),
        ("schritt3.bewerbungsaktivitaeten".into(), "Bewerbungsunterlagen um die Qualifizierung ergänzt.".into()),
        ("schritt3.suchlauf_durchgefuehrt".into(), "ja".into()),
        ("schritt4.vereinbarungen[0].text".into(), "Anmeldebestätigung des Bildungsträgers vorlegen.".into()),
        ("schritt4.vereinbarungen[0].verantwortlich".into(), "kunde".into()),
        ("schritt4.vereinbarungen[0].frist".into(), tag(14)),
        ("schritt4.vereinbarungen[1].text".into(), String::new()),
        ("schritt4.vereinbarungen[1].verantwortlich".into(), "kunde".into()),
        ("schritt4.vereinbarungen[1].frist".into(), String::new()),
        ("naechster_termin".into(), naechster.to_owned()),
    ]);
    f
}

fn setzen(f: &mut [(String, String)], name: &str, wert: &str) {
    f.iter_mut().find(|(n, _)| n == name).unwrap_or_else(|| panic!("{name} fehlt")).1 = wert.to_owned();
}

async fn absenden(t: &TestApp, pfad: &str, felder: &[(String, String)], cookie: &str) -> Seite {
    let paare: Vec<(&str, &str)> = felder.iter().map(|(n, w)| (n.as_str(), w.as_str())).collect();
    t.absenden(pfad, &paare, cookie).await
}

#[tokio::test]
async fn folgegespraech_einwilligungen_und_termine() {
    for t in spawn_apps().await {
        konten(&t).await;
        let vfk = t.anmelden("vfk").await;
        let (id, aufgaben) = fall_mit_ev(&t, &vfk).await;
        folgegespraech_seite(&t, &vfk, id, &aufgaben).await;
        folgegespraech_abgelehnt(&t, &vfk, id, &aufgaben).await;
        folgegespraech_gespeichert(&t, &vfk, id, &aufgaben).await;
        einwilligungen(&t, &vfk, id).await;
        bedarfsgemeinschaft(&t).await;
        termine(&t, &vfk, id).await;
        fremde_dienststelle(&t, id).await;
        t.aufraeumen().await;
    }
}

async fn folgegespraech_seite(t: &TestApp, vfk: &str, id: i64, aufgaben: &[String]) {
    let s = t.seite(&format!("/kunden/{id}/folgegespraech"), vfk).await;
    assert_eq!(s.status, StatusCode::OK, "{}", s.text);
    let text = s.sichtbar();
    for teil in [
        "Folgegespräch",
        "Vorbereitung Regel F1",
        "1. Schritt: Abgleich mit Eingliederungsvereinbarung und Umsetzung",
        "2. Schritt: Überprüfung Profiling, Ziel und Strategieauswahl",
        "3. Schritt: Besprechung Bewerbungsaktivitäten",
        "4. Schritt: Vereinbarung nächste Schritte und Terminierung",
        "Stärken- und Potenzialprofil gesichtet",
        "Folgegespräch speichern",
    ] {
        assert!(text.contains(teil), "{}: „{teil}“ fehlt: {text}", t.name);
    }
    // The step overview marks where the VFK is.
    assert!(s.text.contains(r##"href="#vorbereitung" aria-current="step""##), "{}", s.text);
    // Step 1 lists the tasks of the signed EV, each to be answered.
    for (j, a) in aufgaben.iter().enumerate() {
        assert!(text.contains(&format!("Aufgabe {}: {a}", j + 1)), "{}: Aufgabe „{a}“ fehlt: {text}", t.name);
    }
    assert!(s.text.contains(r#"name="schritt1.aufgaben[0].erledigt" value="nein""#), "{}", s.text);
    // Step 3 offers the open Handlungsbedarf; step 4 the K1 proposal (Förderprofil: 56 days).
    assert!(text.contains("Berufliche Qualifikation"), "{text}");
    assert!(
        s.text.contains(&format!(r#"id="naechster_termin" name="naechster_termin" value="{}""#, k1_tag(56))),
        "{}",
        s.text
    );
    assert!(
        text.contains(&format!(
            "Vorschlag nach Kontaktdichtekonzept: {} (K1, 56 Tage bei Förderprofil)",
            k1_tag_de(56)
        )),
        "{text}"
    );
}

async fn folgegespraech_abgelehnt(t: &TestApp, vfk: &str, id: i64, aufgaben: &[String]) {
    let pfad = format!("/kunden/{id}/folgegespraech");
    // The next appointment must lie after the conversation: 422, every input kept.
    let mut f = folgegespraech(aufgaben, &gestern());
    let s = absenden(t, &pfad, &f, vfk).await;
    assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "{}: {}", t.name, s.text);
    let text = s.sichtbar();
    assert!(text.contains("Nächstes Folgegespräch: muss nach dem Gespräch liegen"), "{text}");
    assert!(s.text.contains(r##"href="#naechster_termin""##), "die Zusammenfassung verweist auf das Feld");
    assert!(s.text.contains(r#"aria-invalid="true""#));
    assert!(s.text.contains(&format!(r#"value="{}""#, gestern())), "das Datum bleibt stehen");
    assert!(s.text.contains("Bildungsgutschein beantragt."), "Schritt 1 bleibt stehen");
    assert!(s.text.contains("Anmeldebestätigung des Bildungsträgers vorlegen."), "Schritt 4 bleibt stehen");
    assert!(s.text.contains(r#"value="nein" checked"#), "die Antworten zu den Aufgaben bleiben stehen");
    assert!(
        s.text.contains(r##"href="#schritt-4" aria-current="step""##),
        "der Schritt mit dem Fehler ist der aktuelle"
    );

    // An agreement with a deadline but without text: the form says which row.
    f = folgegespraech(aufgaben, &werktag(42));
    setzen(&mut f, "schritt4.vereinbarungen[0].text", "");
    let s = absenden(t, &pfad, &f, vfk).await;
    assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", s.text);
    assert!(s.sichtbar().contains("Vereinbarung 1: Bitte die Aktivität beschreiben."), "{}", s.sichtbar());
    assert!(s.text.contains(r#"id="schritt4-vereinbarungen-0--text""#));
    assert!(s.text.contains("Keine."), "Schritt 2 bleibt stehen");

    // A task not done without its reason: refused by F2, the finding stands next to the task.
    f = folgegespraech(aufgaben, &werktag(42));
    setzen(&mut f, "schritt1.aufgaben[0].grund", "");
    let s = absenden(t, &pfad, &f, vfk).await;
    assert_eq!(s.status, StatusCode::CONFLICT, "{}", s.text);
    let text = s.sichtbar();
    assert!(text.contains("Fehler F2"), "{text}");
    assert!(text.contains("nicht umgesetzt – Ursache angeben"), "{text}");
    assert!(s.text.contains(r#"id="schritt1-aufgaben-0--grund-meldung""#), "der Befund steht beim Feld: {}", s.text);

    // "Weitere Zeile" saves nothing and adds a row.
    f = folgegespraech(aufgaben, &werktag(42));
    f.push(("aktion".into(), "zeile".into()));
    let s = absenden(t, &pfad, &f, vfk).await;
    assert_eq!(s.status, StatusCode::OK);
    assert!(s.sichtbar().contains("Vereinbarung 3"), "{}", s.sichtbar());
    assert!(s.text.contains("Anmeldebestätigung des Bildungsträgers vorlegen."));
    let fall = api(t, Method::GET, &format!("/api/v1/kunden/{id}"), None, vfk).await;
    assert!(fall["fallakte"]["gespraeche"].as_array().is_none_or(Vec::is_empty), "nichts gespeichert");
}

async fn folgegespraech_gespeichert(t: &TestApp, vfk: &str, id: i64, aufgaben: &[String]) {
    let s = absenden(t, &format!("/kunden/{id}/folgegespraech"), &folgegespraech(aufgaben, &werktag(42)), vfk).await;
    assert_eq!(s.status, StatusCode::SEE_OTHER, "{}: {}", t.name, s.sichtbar());
    assert_eq!(s.weiter(), format!("/kunden/{id}/vermerk?gespeichert=gespraech"));
    let fall = api(t, Method::GET, &format!("/api/v1/kunden/{id}"), None, vfk).await;
    let g = &fall["fallakte"]["gespraeche"][0];
    assert_eq!(g["art"], "folgegespraech");
    assert_eq!(g["folgegespraech"]["schritt4"]["naechster_termin"], werktag(42));
    assert_eq!(g["folgegespraech"]["schritt1"]["aufgaben"].as_array().unwrap().len(), aufgaben.len());
    assert_eq!(
        g["folgegespraech"]["schritt4"]["vereinbarungen"].as_array().unwrap().len(),
        1,
        "leere Zeile nicht gespeichert"
    );
    // The Kundenakte's timeline shows it; the next appointment is in the case's calendar.
    let akte = t.seite(&format!("/kunden/{id}"), vfk).await.sichtbar();
    assert!(akte.contains("Gespräch erfasst"), "{akte}");
    let termine = t.seite(&format!("/kunden/{id}/termine"), vfk).await.sichtbar();
    assert!(
        termine.contains(&format!("{} Termin: Folgegespräch nach Kontaktdichtekonzept (K1)", werktag_de(42))),
        "{termine}"
    );
}

async fn einwilligungen(t: &TestApp, vfk: &str, id: i64) {
    let pfad = format!("/kunden/{id}/einwilligungen");
    let s = t.seite(&pfad, vfk).await;
    assert_eq!(s.status, StatusCode::OK);
    let text = s.sichtbar();
    assert!(
        text.contains("Einwilligungen")
            && text.contains("§ 32 SGB III")
            && text.contains("Es ist keine Einwilligung erfasst."),
        "{text}"
    );

    // Refused: no scope, and a date in the future; what was typed stays.
    let s = t.absenden(&pfad, &[("erteilt_am", &tag(0))], vfk).await;
    assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(s.sichtbar().contains("Bitte angeben, wofür die Einwilligung gilt."), "{}", s.sichtbar());
    let s = t.absenden(&pfad, &[("umfang", "berufspsychologischer_service"), ("erteilt_am", &tag(3))], vfk).await;
    assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(s.sichtbar().contains("Erteilt am: liegt in der Zukunft"), "{}", s.sichtbar());
    assert!(s.text.contains(r#"value="berufspsychologischer_service" checked"#));
    assert!(s.text.contains(&format!(r#"value="{}""#, tag(3))));

    // Granted three days ago, shown with its date.
    let vor_drei = (heute() - Days::new(3)).to_string();
    let s = t.absenden(&pfad, &[("umfang", "aerztlicher_dienst"), ("erteilt_am", &vor_drei)], vfk).await;
    assert_eq!(s.status, StatusCode::SEE_OTHER);
    assert_eq!(s.weiter(), format!("{pfad}?gespeichert=einwilligung"));
    let s = t.seite(s.weiter(), vfk).await;
    let text = s.sichtbar();
    let erteilt = (heute() - Days::new(3)).format("%d.%m.%Y").to_string();
    assert!(text.contains("Die Einwilligung wurde gespeichert."), "{text}");
    assert!(text.contains(&format!("Ärztlicher Dienst {erteilt} gültig")), "{text}");

    // Revoked today: the date shows, the revoke form is gone.
    let fall = api(t, Method::GET, &format!("/api/v1/kunden/{id}"), None, vfk).await;
    let eid = fall["ids"]["einwilligungen"][0].as_i64().unwrap();
    let s = t.absenden(&format!("{pfad}/{eid}/widerruf"), &[("datum", &tag(1))], vfk).await;
    assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "Widerruf in der Zukunft");
    assert!(
        s.text.contains(&format!(r#"id="widerruf-{eid}""#))
            && s.sichtbar().contains("Widerrufen am: liegt in der Zukunft"),
        "{}",
        s.sichtbar()
    );
    let s = t.absenden(&format!("{pfad}/{eid}/widerruf"), &[("datum", &tag(0))], vfk).await;
    assert_eq!(s.status, StatusCode::SEE_OTHER);
    let s = t.seite(s.weiter(), vfk).await;
    let text = s.sichtbar();
    assert!(text.contains(&format!("Ärztlicher Dienst {erteilt} {}", tag_de(0))), "{text}");
    assert!(!s.text.contains(&format!("/einwilligungen/{eid}/widerruf")), "kein zweiter Widerruf");
    let akte = t.seite(&format!("/kunden/{id}"), vfk).await.sichtbar();
    assert!(akte.contains(&format!("Ärztlicher Dienst: erteilt am {erteilt}, widerrufen am {}", tag_de(0))), "{akte}");
}

async fn bedarfsgemeinschaft(t: &TestApp) {
    let jc = t.anmelden("vfk.jobcenter").await;
    let id =
        api(t, Method::POST, "/api/v1/kunden", Some(kunde("Beispiel", "SGB_II", Some("BG-4711"))), &jc).await["id"]
            .as_i64()
            .unwrap();
    let pfad = format!("/kunden/{id}/einwilligungen");
    let text = t.seite(&pfad, &jc).await.sichtbar();
    assert!(text.contains("Gespräch mit der Bedarfsgemeinschaft Regel P10") && text.contains("BG-4711"), "{text}");
    let s = t.absenden(&format!("{pfad}/bedarfsgemeinschaft"), &[("erteilt_am", &tag(0))], &jc).await;
    assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
    let text = t.seite(s.weiter(), &jc).await.sichtbar();
    assert!(
        text.contains(&format!("Einwilligung dieser Kundin bzw. dieses Kunden erteilt am {}", tag_de(0))),
        "{text}"
    );
    let s = t
        .absenden(&format!("{pfad}/bedarfsgemeinschaft"), &[("erteilt_am", &tag(0)), ("aktion", "widerrufen")], &jc)
        .await;
    assert_eq!(s.status, StatusCode::SEE_OTHER);
    let text = t.seite(s.weiter(), &jc).await.sichtbar();
    assert!(text.contains("Einwilligung dieser Kundin bzw. dieses Kunden keine Einwilligung"), "{text}");
}

async fn termine(t: &TestApp, vfk: &str, id: i64) {
    let pfad = format!("/kunden/{id}/termine");
    let s = t.seite(&pfad, vfk).await;
    assert_eq!(s.status, StatusCode::OK);
    let k1 = format!(
        "Kontaktdichtekonzept (K1): Nächstes Folgegespräch (56 Tage nach dem Folgegespräch bei Förderprofil), fällig am {}",
        werktag_de(42)
    );
    assert!(s.sichtbar().contains(&k1), "{}", s.sichtbar());
    assert!(
        s.text.contains(&format!(r#"id="datum" name="datum" value="{}""#, werktag(42))),
        "der Vorschlag ist vorbelegt"
    );

    // Refused: a date in the past; the text stays.
    let s = t.absenden(&pfad, &[("datum", &gestern()), ("text", "Rückruf Bildungsträger")], vfk).await;
    assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(s.sichtbar().contains("Datum: liegt in der Vergangenheit"), "{}", s.sichtbar());
    assert!(s.text.contains(r#"value="Rückruf Bildungsträger""#));

    let s = t.absenden(&pfad, &[("datum", &werktag(3)), ("text", "Rückruf Bildungsträger")], vfk).await;
    assert_eq!(s.status, StatusCode::SEE_OTHER);
    assert_eq!(s.weiter(), format!("{pfad}?gespeichert=termin"));
    let text = t.seite(s.weiter(), vfk).await.sichtbar();
    assert!(text.contains(&format!("{} Termin Rückruf Bildungsträger", werktag_de(3))), "{text}");

    // The calendar lists it under its day with the case; "Erledigt" removes it from the open list.
    let s = t.seite("/termine", vfk).await;
    assert_eq!(s.status, StatusCode::OK);
    let text = s.sichtbar();
    assert!(text.contains("Rückruf Bildungsträger") && text.contains("Musterfrau, Erika"), "{text}");
    assert!(s.text.contains(&format!(r#"href="/kunden/{id}""#)));
    let termine = api(t, Method::GET, "/api/v1/termine", None, vfk).await;
    let tid = termine.as_array().unwrap().iter().find(|z| z["text"] == "Rückruf Bildungsträger").unwrap()["id"]
        .as_i64()
        .unwrap();
    assert!(s.text.contains(&format!(r#"action="/termine/{tid}/erledigt""#)));
    let s = t.absenden(&format!("/termine/{tid}/erledigt"), &[("bis", &tag(28))], vfk).await;
    assert_eq!(s.status, StatusCode::SEE_OTHER);
    assert_eq!(s.weiter(), format!("/termine?gespeichert=termin_erledigt&bis={}", tag(28)));
    let s = t.seite(s.weiter(), vfk).await;
    assert!(s.sichtbar().contains("Der Eintrag wurde als erledigt markiert."));
    assert!(!s.sichtbar().contains("Rückruf Bildungsträger"), "nicht mehr offen");
    let s = t.seite(&format!("/termine?bis={}&erledigte=ja", tag(28)), vfk).await;
    assert!(s.sichtbar().contains(&format!("Rückruf Bildungsträger erledigt am {}", tag_de(0))), "{}", s.sichtbar());
    assert!(!t.seite(&pfad, vfk).await.sichtbar().contains("Rückruf Bildungsträger"));

    // With htmx the filter answers the list alone.
    let kopf = [
        ("sec-fetch-site", "same-origin".to_string()),
        ("cookie", vfk.to_string()),
        ("hx-request", "true".to_string()),
    ];
    let s = t.html(Method::GET, &format!("/termine?bis={}", tag(90)), None, &kopf).await;
    assert_eq!(s.status, StatusCode::OK);
    assert!(s.text.trim_start().starts_with(r#"<section id="terminliste""#), "{}", s.text);
    assert!(s.sichtbar().contains("Folgegespräch nach Kontaktdichtekonzept"), "{}", s.sichtbar());
}

async fn fremde_dienststelle(t: &TestApp, id: i64) {
    let jc = t.anmelden("vfk.jobcenter").await;
    for pfad in ["folgegespraech", "einwilligungen", "termine"] {
        let s = t.seite(&format!("/kunden/{id}/{pfad}"), &jc).await;
        assert_eq!(s.status, StatusCode::NOT_FOUND, "{pfad}");
        assert!(s.sichtbar().contains("Der Fall wurde nicht gefunden."), "{}", s.sichtbar());
    }
    let s = t.seite("/kunden/999999/folgegespraech", &jc).await;
    assert_eq!(s.status, StatusCode::NOT_FOUND);
    let f = folgegespraech(&[], &werktag(42));
    assert_eq!(absenden(t, &format!("/kunden/{id}/folgegespraech"), &f, &jc).await.status, StatusCode::NOT_FOUND);
    let s = t.absenden(&format!("/kunden/{id}/termine"), &[("datum", &werktag(3)), ("text", "x")], &jc).await;
    assert_eq!(s.status, StatusCode::NOT_FOUND);
    let s = t
        .absenden(
            &format!("/kunden/{id}/einwilligungen"),
            &[("umfang", "aerztlicher_dienst"), ("erteilt_am", &tag(0))],
            &jc,
        )
        .await;
    assert_eq!(s.status, StatusCode::NOT_FOUND);
    // Nor can the other Dienststelle's VFK see the case's appointments in her calendar.
    assert!(!t.seite("/termine?bis=9999-12-31", &jc).await.sichtbar().contains("Musterfrau"));
}
