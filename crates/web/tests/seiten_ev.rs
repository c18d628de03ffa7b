//! The pages of phase 4 over HTTP, as the browser uses them: the Eingliederungsvereinbarung
//! (draft prefilled from goal and strategies, E6; editor; refusals with the field message and the
//! typed rows kept; signature, after which the version is immutable, E5; a new version replaces
//! it), the Kooperationsplan of an SGB II case, and the Beratungsvermerk (V1 prefill, saved into
//! the Kundenakte, Nachtrag, V3). Another Dienststelle's case is not found.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::gemeinsam;

use crate::gemeinsam::{Seite, TestApp, api, heute, konten, spawn_apps, tag, tag_de};
use chrono::Days;
use hyper::{Method, StatusCode};
use serde_json::{Value, json};
use vierphasen_domain::Katalog;

fn leitfaden(strategie: &str) -> vierphasen_domain::katalog::Leitfaden {
    let k = Katalog::standard().unwrap();
    k.strategie(k.finde_strategie(strategie).unwrap()).leitfaden.clone()
}

/// Whitespace collapsed, as `Seite::sichtbar` shows text.
fn einfach(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A registered customer with a profiling (Zielberuf 43412, need in Berufliche Qualifikation,
/// Förderprofil), an agreed goal and three strategies; returns the case id.
async fn fall_mit_plan(t: &TestApp, cookie: &str) -> i64 {
    let vor_zwei_wochen = (heute() - Days::new(14)).to_string();
    let kunde = api(
        t,
        Method::POST,
        "/api/v1/kunden",
        Some(json!({
            "vorname": "Erika", "nachname": "Musterfrau", "geburtsdatum": "1986-05-04", "rechtskreis": "SGB_III",
            "plz": "34117", "arbeitslos_seit": vor_zwei_wochen, "meldung_am": vor_zwei_wochen
        })),
        cookie,
    )
    .await;
    let id = kunde["id"].as_i64().unwrap();
    let k = format!("/api/v1/kunden/{id}");
    let merkmale = gemeinsam::merkmale_mit_bedarf("berufliche_qualifikation");
    let profiling = json!({
        "zielberuf": "43412",
        "staerken": [{ "bezeichnung": "Zuverlässigkeit und Teamfähigkeit", "niveau": "experte", "besondere": true }],
        "merkmale": merkmale,
        "standortbestimmung": { "datum": tag(0), "prognose_monate": 9, "fazit": "Nach einer Anpassungsqualifizierung gute Chancen." },
        "profillage": { "wert": "foerderprofil" },
        "bestaetigt": true
    });
    api(t, Method::POST, &format!("{k}/profiling"), Some(profiling), cookie).await;
    api(
        t,
        Method::POST,
        &format!("{k}/ziele"),
        Some(json!({ "zieloption": "beschaeftigung_lokal", "horizont_monate": 9 })),
        cookie,
    )
    .await;
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

async fn fall(t: &TestApp, id: i64, cookie: &str) -> Value {
    api(t, Method::GET, &format!("/api/v1/kunden/{id}"), None, cookie).await
}

fn ok(s: &Seite, was: &str) {
    assert_eq!(s.status, StatusCode::OK, "{was}: {}", s.sichtbar());
}

fn weiter(s: &Seite, ziel: &str) {
    assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
    assert_eq!(s.weiter(), ziel);
}

#[tokio::test]
async fn ev_und_beratungsvermerk_ueber_die_seiten() {
    for t in spawn_apps().await {
        konten(&t).await;
        let vfk = t.anmelden("vfk").await;
        let id = fall_mit_plan(&t, &vfk).await;
        eingliederungsvereinbarung(&t, &vfk, id).await;
        beratungsvermerk(&t, &vfk, id).await;
        kooperationsplan_und_fremde_dienststelle(&t, id).await;
        t.aufraeumen().await;
    }
}

async fn eingliederungsvereinbarung(t: &TestApp, vfk: &str, id: i64) {
    let seite = format!("/kunden/{id}/ev");

    // No agreement yet: E1 says so, and a draft can be created; SGB III offers no Kooperationsplan.
    let s = t.seite(&seite, vfk).await;
    ok(&s, "EV-Seite");
    let text = s.sichtbar();
    assert!(text.contains("Eingliederungsvereinbarung"), "{text}");
    assert!(text.contains("Nächster Schritt E1"), "the EV follows the goal of today: {text}");
    assert!(text.contains("Entwurf aus Ziel und Strategien erstellen"), "{text}");
    assert!(!s.text.contains("value=\"kooperationsplan\""), "SGB III: nur die EV");

    // E6: the draft is prefilled from the strategies in the order of work (S10), the window's end as deadline.
    weiter(&t.absenden(&seite, &[], vfk).await, &format!("{seite}?gespeichert=entwurf"));
    let s = t.seite(&format!("{seite}?gespeichert=entwurf"), vfk).await;
    ok(&s, "Editor");
    let text = s.sichtbar();
    assert!(text.contains("Der Entwurf wurde aus Ziel und Handlungsstrategien erstellt (E6)"), "{text}");
    let qualifizierung = leitfaden("berufliche_teilqualifikation_realisieren");
    assert!(text.contains(&einfach(&qualifizierung.ev_textbaustein)), "E6-Textbaustein fehlt: {text}");
    assert!(text.contains(&einfach(&leitfaden("vermittlung").ev_textbaustein)), "{text}");
    assert!(text.contains(&einfach(&qualifizierung.aktivitaeten_vfk[0])), "Leistung der Agentur fehlt: {text}");
    assert!(text.contains("Aufgaben und Eigenbemühungen der Kundin bzw. des Kunden"), "{text}");
    assert!(text.contains("Leistungen der Agentur für Arbeit"), "{text}");
    assert!(s.text.contains(&format!("value=\"{}\"", tag(120))), "Frist = Ende des Zeitfensters");
    assert!(text.contains("Entwurf speichern"), "{text}");

    let akte = fall(t, id, vfk).await;
    let ev_id = akte["ids"]["eingliederungsvereinbarungen"][0].as_i64().unwrap();
    let aufgaben = akte["fallakte"]["eingliederungsvereinbarungen"][0]["aufgaben"].as_array().unwrap().clone();
    let bearbeiten = format!("{seite}/{ev_id}");

    // Editing a task's text: saved and shown.
    let mut felder: Vec<(String, String)> = Vec::new();
    for (n, a) in aufgaben.iter().enumerate() {
        let text = if n == 0 {
            "Monatlich mindestens vier Bewerbungen als Fachinformatikerin, Nachweis im Folgegespräch.".to_string()
        } else {
            a["text"].as_str().unwrap().to_string()
        };
        felder.push((format!("aufgaben[{n}].text"), text));
        felder.push((format!("aufgaben[{n}].verantwortlich"), a["verantwortlich"].as_str().unwrap().to_string()));
        felder.push((format!("aufgaben[{n}].frist"), a["frist"].as_str().unwrap_or("").to_string()));
    }
    let paare: Vec<(&str, &str)> = felder.iter().map(|(n, w)| (n.as_str(), w.as_str())).collect();
    weiter(&t.absenden(&bearbeiten, &paare, vfk).await, &format!("{seite}?gespeichert=gespeichert"));
    let s = t.seite(&seite, vfk).await;
    ok(&s, "nach dem Speichern");
    assert!(s.sichtbar().contains("Monatlich mindestens vier Bewerbungen als Fachinformatikerin"), "{}", s.sichtbar());
    let akte = fall(t, id, vfk).await;
    assert_eq!(
        akte["fallakte"]["eingliederungsvereinbarungen"][0]["aufgaben"].as_array().unwrap().len(),
        aufgaben.len()
    );

    // "weitere Aufgabe" adds an empty row and keeps what was typed, without saving.
    let s = t
        .absenden(
            &bearbeiten,
            &[
                ("aufgaben[0].text", "Noch nicht gespeichert"),
                ("aufgaben[0].verantwortlich", "kunde"),
                ("weitere", "dritte"),
            ],
            vfk,
        )
        .await;
    ok(&s, "weitere Aufgabe");
    assert!(s.sichtbar().contains("Noch nicht gespeichert"));
    assert!(s.text.contains("name=\"aufgaben[1].text\""), "neue Zeile");

    // "übernehmen" puts an E6 text block of the guidance into its section, without saving.
    let s = t.seite(&seite, vfk).await;
    let vorher = s.text.matches("(bereits übernommen)").count();
    let schluessel =
        s.text.split("name=\"uebernehmen\" value=\"").nth(1).unwrap().split('"').next().unwrap().to_string();
    let mut mit: Vec<(&str, &str)> = paare.clone();
    mit.push(("uebernehmen", &schluessel));
    let s = t.absenden(&bearbeiten, &mit, vfk).await;
    ok(&s, "übernehmen");
    assert_eq!(s.text.matches("(bereits übernommen)").count(), vorher + 1, "Baustein übernommen");
    assert!(s.sichtbar().contains("Monatlich mindestens vier Bewerbungen als Fachinformatikerin"));

    // U8: a BiZ order is offered the same way and becomes a task of the customer.
    let mut mit: Vec<(&str, &str)> = paare.clone();
    mit.push(("uebernehmen", "biz.1"));
    let s = t.absenden(&bearbeiten, &mit, vfk).await;
    ok(&s, "BiZ-Auftrag übernehmen");
    let biz = "Sie suchen im Berufsinformationszentrum (BiZ) selbständig in Jobbörsen nach passenden Stellen";
    assert!(s.text.matches(biz).count() >= 2, "als Aufgabe und als übernommener Baustein: {}", s.sichtbar());

    // A task without text but with a deadline, and a date that is none: 422, each message at its
    // field, the rows typed kept, nothing saved.
    let s = t
        .absenden(
            &bearbeiten,
            &[
                ("aufgaben[0].text", "Bewerbungsunterlagen überarbeiten und vorlegen."),
                ("aufgaben[0].verantwortlich", "kunde"),
                ("aufgaben[0].frist", &tag(14)),
                ("aufgaben[1].text", ""),
                ("aufgaben[1].verantwortlich", "kunde"),
                ("aufgaben[1].frist", &tag(30)),
                ("aufgaben[2].text", "Anmeldung beim Bildungsträger bestätigen."),
                ("aufgaben[2].verantwortlich", "dritte"),
                ("aufgaben[2].frist", "31.02.2026"),
            ],
            vfk,
        )
        .await;
    assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", s.sichtbar());
    let text = s.sichtbar();
    assert!(text.contains("Bitte korrigieren"), "{text}");
    assert!(text.contains("Aufgabe 2 (Kundin bzw. Kunde): bitte beschreiben, was zu tun ist"), "{text}");
    assert!(text.contains("Frist von Aufgabe 1 (Dritte): bitte ein Datum wie 31.12.2026 angeben"), "{text}");
    assert!(s.text.contains("href=\"#aufgaben-1--text\""), "Link zum Feld");
    assert!(s.text.contains("id=\"aufgaben-1--text\""));
    assert!(s.text.contains("aria-invalid=\"true\""));
    assert!(text.contains("Bewerbungsunterlagen überarbeiten und vorlegen."), "getippte Zeile fehlt: {text}");
    assert!(text.contains("Anmeldung beim Bildungsträger bestätigen."), "{text}");
    assert!(s.text.contains(&format!("value=\"{}\"", tag(30))));
    let akte = fall(t, id, vfk).await;
    assert!(
        akte["fallakte"]["eingliederungsvereinbarungen"][0]["aufgaben"][0]["text"]
            .as_str()
            .unwrap()
            .starts_with("Monatlich mindestens vier Bewerbungen")
    );

    // E4: Eigenbemühungen with number and period, and the Zwischenziel; a period ending before
    // it starts is refused at its field, with what was typed kept.
    let mut mit_eb: Vec<(&str, &str)> = paare.clone();
    let (von, bis_falsch, bis) = (tag(0), (heute() - Days::new(1)).to_string(), tag(180));
    mit_eb.extend([
        ("zwischenziel", "Anpassungsqualifizierung Fachinformatik begonnen"),
        ("eigenbemuehungen-anzahl", "4"),
        ("eigenbemuehungen-turnus", "monat"),
        ("eigenbemuehungen-von", von.as_str()),
        ("eigenbemuehungen-bis", bis_falsch.as_str()),
        ("eigenbemuehungen-nachweis", "Nachweise jeweils zum Folgegespräch vorlegen."),
    ]);
    let s = t.absenden(&bearbeiten, &mit_eb, vfk).await;
    assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", s.sichtbar());
    assert!(s.sichtbar().contains("Eigenbemühungen bis: liegt vor dem Beginn des Zeitraums"), "{}", s.sichtbar());
    assert!(s.text.contains("href=\"#eigenbemuehungen-bis\""), "Link zum Feld");
    assert!(s.text.contains("Anpassungsqualifizierung Fachinformatik begonnen"), "Eingabe bleibt");
    let i = mit_eb.iter().position(|(n, _)| *n == "eigenbemuehungen-bis").unwrap();
    mit_eb[i].1 = bis.as_str();
    weiter(&t.absenden(&bearbeiten, &mit_eb, vfk).await, &format!("{seite}?gespeichert=gespeichert"));
    let akte = fall(t, id, vfk).await;
    let ev = &akte["fallakte"]["eingliederungsvereinbarungen"][0];
    assert_eq!(
        ev["eigenbemuehungen"],
        json!({ "anzahl": 4, "turnus": "monat", "von": von, "bis": bis, "nachweis": "Nachweise jeweils zum Folgegespräch vorlegen." })
    );
    assert_eq!(ev["zwischenziel"], "Anpassungsqualifizierung Fachinformatik begonnen");

    // E5: both signatures and the handover; from then on read-only, no editor.
    let abschluss = format!("{bearbeiten}/abschluss");
    let s = t.seite(&seite, vfk).await;
    assert!(s.sichtbar().contains("Unterschrieben von der Kundin bzw. dem Kunden am"), "{}", s.sichtbar());
    let morgen = tag(1);
    let unterschriften = |kunde: &str, fachkraft: &str, ausgehaendigt: &str| {
        vec![
            ("unterschrift_kunde_am".to_owned(), kunde.to_owned()),
            ("unterschrift_fachkraft_am".to_owned(), fachkraft.to_owned()),
            ("ausgehaendigt_am".to_owned(), ausgehaendigt.to_owned()),
        ]
    };
    let formular = unterschriften(&morgen, &tag(0), "");
    let felder: Vec<(&str, &str)> = formular.iter().map(|(n, w)| (n.as_str(), w.as_str())).collect();
    let s = t.absenden(&abschluss, &felder, vfk).await;
    assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "Zukunft: {}", s.sichtbar());
    assert!(s.sichtbar().contains("Unterschrift der Kundin bzw. des Kunden: liegt in der Zukunft"), "{}", s.sichtbar());
    assert!(s.text.contains(&format!("value=\"{morgen}\"")), "Eingabe bleibt");
    let am = tag(0);
    let formular = unterschriften(&am, &am, "");
    let mut felder: Vec<(&str, &str)> = formular.iter().map(|(n, w)| (n.as_str(), w.as_str())).collect();
    // Without the handover the E5 warning asks for a confirmation first.
    let s = t.absenden(&abschluss, &felder, vfk).await;
    assert!(s.sichtbar().contains("Bitte bestätigen") && s.sichtbar().contains("Warnung E5"), "{}", s.sichtbar());
    felder.push(("bestaetigt", "ja"));
    weiter(&t.absenden(&abschluss, &felder, vfk).await, &format!("{seite}?gespeichert=abschluss"));

    // E5: the handover recorded afterwards (not in the future), then the warning is gone.
    let s = t.seite(&seite, vfk).await;
    assert!(s.sichtbar().contains("Warnung E5"), "{}", s.sichtbar());
    assert!(s.sichtbar().contains("Aushändigung erfassen"), "{}", s.sichtbar());
    let aushaendigung = format!("{bearbeiten}/aushaendigung");
    let s = t.absenden(&aushaendigung, &[("ausgehaendigt_am", &morgen)], vfk).await;
    assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", s.sichtbar());
    assert!(s.sichtbar().contains("Ausgehändigt am: liegt in der Zukunft"), "{}", s.sichtbar());
    assert!(s.text.contains("href=\"#aushaendigung-am\""), "Link zum Feld");
    weiter(
        &t.absenden(&aushaendigung, &[("ausgehaendigt_am", &am)], vfk).await,
        &format!("{seite}?gespeichert=ausgehaendigt"),
    );
    let akte = fall(t, id, vfk).await;
    let ev = &akte["fallakte"]["eingliederungsvereinbarungen"][0];
    assert_eq!(
        (&ev["unterschrift_kunde_am"], &ev["unterschrift_fachkraft_am"], &ev["ausgehaendigt_am"]),
        (&json!(am), &json!(am), &json!(am))
    );
    let s = t.seite(&seite, vfk).await;
    ok(&s, "nach der Unterschrift");
    let text = s.sichtbar();
    assert!(text.contains(&format!("unterschrieben am {}", tag_de(0))), "{text}");
    assert!(text.contains("gültig"), "{text}");
    assert!(text.contains("unveränderlich (E5)"), "{text}");
    assert!(!text.contains("Entwurf speichern"), "kein Editor mehr: {text}");
    assert!(!s.text.contains(&format!("action=\"{bearbeiten}\"")), "kein Editor mehr");
    assert!(text.contains("Monatlich mindestens vier Bewerbungen als Fachinformatikerin"), "{text}");
    assert!(
        text.contains(&format!(
            "Eigenbemühungen mindestens 4 Bewerbungen je Monat vom {} bis {}",
            tag_de(0),
            tag_de(180)
        )),
        "{text}"
    );
    assert!(text.contains("Zwischenziel Anpassungsqualifizierung Fachinformatik begonnen"), "{text}");
    assert!(!text.contains("Warnung E1"), "E1 erfüllt: {text}");
    assert!(!text.contains("Warnung E5"), "E5 erfüllt: {text}");
    assert!(!text.contains("Aushändigung erfassen"), "{text}");

    // A further edit is refused: 409 with the message.
    let s = t
        .absenden(
            &bearbeiten,
            &[("aufgaben[0].text", "Nachträglich geändert"), ("aufgaben[0].verantwortlich", "kunde")],
            vfk,
        )
        .await;
    assert_eq!(s.status, StatusCode::CONFLICT, "{}", s.sichtbar());
    assert!(
        s.sichtbar().contains("Eine abgeschlossene Eingliederungsvereinbarung ist unveränderlich (E5)"),
        "{}",
        s.sichtbar()
    );

    // The preview is the signed document itself, shown in the browser (issue 15: a preview of
    // its own once differed from the PDF; its content is tested in crates/documents).
    let s = t.seite(&format!("{bearbeiten}/vorschau"), vfk).await;
    assert_eq!(s.status, StatusCode::OK);
    assert_eq!(s.kopf["content-type"], "application/pdf");
    assert!(s.kopf["content-disposition"].to_str().unwrap().starts_with("inline;"));
    let pdf = t.seite(&format!("{bearbeiten}/pdf"), vfk).await;
    assert!(pdf.kopf["content-disposition"].to_str().unwrap().starts_with("attachment;"));
    assert_eq!(s.text, pdf.text, "preview and download are the same document");

    // A new version replaces the signed one on its day of signature.
    weiter(&t.absenden(&seite, &[], vfk).await, &format!("{seite}?gespeichert=entwurf"));
    let akte = fall(t, id, vfk).await;
    let neu = akte["ids"]["eingliederungsvereinbarungen"][1].as_i64().unwrap();
    weiter(
        &t.absenden(&format!("{seite}/{neu}/abschluss"), &[("abgeschlossen_am", &am), ("ausgehaendigt_am", &am)], vfk)
            .await,
        &format!("{seite}?gespeichert=abschluss"),
    );
    let text = t.seite(&seite, vfk).await.sichtbar();
    assert!(text.contains(&format!("ersetzt am {}", tag_de(0))), "{text}");
    assert!(text.contains("Alle Versionen (2)"), "{text}");
}

async fn beratungsvermerk(t: &TestApp, vfk: &str, id: i64) {
    let seite = format!("/kunden/{id}/vermerk");

    // V1: prefilled from the profiling and the goal; the hint list names the sources.
    let s = t.seite(&seite, vfk).await;
    ok(&s, "Vermerk");
    // Issue 15/7: the text area takes what the use case accepts (20,000 characters).
    assert!(s.text.contains(r#"name="text" maxlength="20000""#), "{}", s.text);
    let text = s.sichtbar();
    assert!(text.contains("Beratungsvermerk"), "{text}");
    assert!(text.contains("Vorbefüllt nach V1"), "{text}");
    assert!(text.contains(&format!("Zielberuf/Zieltätigkeit – aus Profiling vom {}", tag_de(0))), "{text}");
    assert!(text.contains("Vereinbarte Zieloption – aus Ziel vom"), "{text}");
    assert!(text.contains("(KldB 43412)"), "Zielberuf im Text: {text}");
    assert!(text.contains("Profillage: Förderprofil"), "{text}");
    assert!(s.text.contains("id=\"art\" name=\"art\" value=\"erstgespraech\" checked"), "Erstgespräch vorgewählt");

    // An empty text is refused at its field, the choices kept.
    let s = t.absenden(&seite, &[("datum", &tag(0)), ("art", "folgegespraech"), ("text", "  ")], vfk).await;
    assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", s.sichtbar());
    assert!(s.sichtbar().contains("Text des Vermerks: darf nicht leer sein"), "{}", s.sichtbar());
    assert!(s.text.contains("value=\"folgegespraech\" checked"));

    // Saved: into the Kundenakte's timeline.
    let vermerk = "Erstgespräch geführt. Zielberuf Fachinformatikerin, Qualifizierung besprochen.";
    weiter(
        &t.absenden(&seite, &[("datum", &tag(0)), ("art", "erstgespraech"), ("text", vermerk)], vfk).await,
        &format!("/kunden/{id}?gespeichert=vermerk"),
    );
    let akte = t.seite(&format!("/kunden/{id}?gespeichert=vermerk"), vfk).await;
    ok(&akte, "Kundenakte");
    let text = akte.sichtbar();
    assert!(text.contains("Der Beratungsvermerk wurde gespeichert."), "{text}");
    assert!(text.contains("Beratungsvermerk (Erstgespräch)"), "{text}");
    assert!(text.contains(vermerk), "{text}");

    // V3: read-only below the form, with a Nachtrag under its Vermerk.
    let vid = fall(t, id, vfk).await["ids"]["vermerke"][0].as_i64().unwrap();
    let nachtrag = format!("{seite}/{vid}/nachtrag");
    let s = t.absenden(&nachtrag, &[("text", "")], vfk).await;
    assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
    assert!(s.sichtbar().contains("Nachtrag: darf nicht leer sein"), "{}", s.sichtbar());
    assert!(s.text.contains(&format!("href=\"#nachtrag-{vid}\"")));
    let zusatz = "Bildungsgutschein am selben Tag ausgehändigt.";
    weiter(
        &t.absenden(&nachtrag, &[("text", zusatz)], vfk).await,
        &format!("{seite}?gespeichert=nachtrag#vermerk-{vid}"),
    );
    let s = t.seite(&format!("{seite}?gespeichert=nachtrag"), vfk).await;
    ok(&s, "Vermerk mit Nachtrag");
    let text = s.sichtbar();
    assert!(text.contains("Der Nachtrag wurde gespeichert."), "{text}");
    assert!(text.contains("unveränderlich (V3)"), "{text}");
    let eintrag = s.text.split(&format!("id=\"vermerk-{vid}\"")).nth(1).unwrap().split("</article>").next().unwrap();
    assert!(eintrag.contains(vermerk), "{eintrag}");
    assert!(eintrag.contains(&format!("Nachtrag vom {}", tag_de(0))), "{eintrag}");
    assert!(eintrag.contains(zusatz), "{eintrag}");
    // After a Vermerk, the next one is a Folgegespräch by default (V2).
    assert!(s.text.contains("value=\"folgegespraech\" checked"), "Folgegespräch vorgewählt");
    assert!(text.contains("Vorbefüllt nach V2"), "{text}");
    // A missing case is not found.
    let s = t.absenden(&format!("/kunden/{}/vermerk/{vid}/nachtrag", id + 1000), &[("text", zusatz)], vfk).await;
    assert_eq!(s.status, StatusCode::NOT_FOUND);
}

async fn kooperationsplan_und_fremde_dienststelle(t: &TestApp, fremd: i64) {
    let jc = t.anmelden("vfk.jobcenter").await;
    let kunde = api(
        t,
        Method::POST,
        "/api/v1/kunden",
        Some(json!({ "vorname": "Jonas", "nachname": "Beispiel", "geburtsdatum": "1990-01-02", "rechtskreis": "SGB_II" })),
        &jc,
    )
    .await;
    let id = kunde["id"].as_i64().unwrap();
    let seite = format!("/kunden/{id}/ev");

    // SGB II chooses between EV and Kooperationsplan; the Kooperationsplan is preselected.
    let s = t.seite(&seite, &jc).await;
    ok(&s, "SGB-II-Seite");
    assert!(s.text.contains("value=\"kooperationsplan\" checked"), "{}", s.text);
    assert!(s.sichtbar().contains("Kooperationsplan (§ 15 SGB II"), "{}", s.sichtbar());
    weiter(&t.absenden(&seite, &[("art", "kooperationsplan")], &jc).await, &format!("{seite}?gespeichert=entwurf"));
    let s = t.seite(&seite, &jc).await;
    ok(&s, "Kooperationsplan-Entwurf");
    let text = s.sichtbar();
    assert!(text.contains("Entwurf bearbeiten: Kooperationsplan"), "{text}");
    assert!(text.contains("Nächste Schritte"), "{text}");
    assert!(text.contains("Unterstützung durch das Jobcenter"), "{text}");
    assert!(text.contains("Vereinbart am"), "{text}");
    // A second draft is refused while one exists.
    let s = t.absenden(&seite, &[("art", "kooperationsplan")], &jc).await;
    assert_eq!(s.status, StatusCode::CONFLICT);
    assert!(s.sichtbar().contains("Es gibt bereits einen Entwurf"), "{}", s.sichtbar());

    let ev_id = fall(t, id, &jc).await["ids"]["eingliederungsvereinbarungen"][0].as_i64().unwrap();
    let s = t.seite(&format!("{seite}/{ev_id}/vorschau"), &jc).await;
    assert_eq!((s.status, s.kopf["content-type"].to_str().unwrap()), (StatusCode::OK, "application/pdf"));

    // Another Dienststelle's case is not found, like a missing one; so is another case's EV.
    for pfad in [
        format!("/kunden/{fremd}/ev"),
        format!("/kunden/{fremd}/vermerk"),
        format!("/kunden/{fremd}/ev/{ev_id}/vorschau"),
        "/kunden/999999/ev".to_string(),
        "/kunden/abc/vermerk".to_string(),
    ] {
        let s = t.seite(&pfad, &jc).await;
        assert_eq!(s.status, StatusCode::NOT_FOUND, "{pfad}");
    }
    let s = t.absenden(&format!("/kunden/{fremd}/ev"), &[], &jc).await;
    assert_eq!(s.status, StatusCode::NOT_FOUND);
    let s = t
        .absenden(&format!("/kunden/{fremd}/vermerk"), &[("datum", &tag(0)), ("art", "sonstiges"), ("text", "x")], &jc)
        .await;
    assert_eq!(s.status, StatusCode::NOT_FOUND);
    let vfk = t.anmelden("vfk").await;
    let s = t.seite(&format!("/kunden/{fremd}/ev/{ev_id}/vorschau"), &vfk).await;
    assert_eq!(s.status, StatusCode::NOT_FOUND, "EV eines anderen Falls");
}
