//! The pages of phase 2 (Ziel, Z1–Z8) and phase 3 (Handlungsstrategien, S1–S14, PK1) over HTTP:
//! the Zieloptionen grouped as in the seed, a goal saved, refused by a rule (Z2), confirmed after
//! a warning (Z5), and a second goal on the same day refused (Z1); the catalogue's strategies for
//! a need of the profiling, a strategy chosen, a wrong window and an SGB II-only strategy refused
//! (S5), a strategy adjusted and closed with its outcome; another Dienststelle's case is not found.

#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::gemeinsam::{Seite, TestApp, konten, spawn_apps, tag, tag_de};
use hyper::{Method, StatusCode};
use serde_json::{Value, json};
use vierphasen_domain::{Katalog, Rechtskreis};

/// An SGB III customer with a saved profiling: Handlungsbedarf in Örtliche Mobilität only,
/// prognosis 9 months (Förderprofil).
async fn kunde_mit_profiling(t: &TestApp, cookie: &str) -> i64 {
    kunde_mit_bedarf(t, cookie, "oertliche_mobilitaet", "Kein Führerschein, Arbeitsorte im Umland schlecht erreichbar.")
        .await
}

/// An SGB III customer with a saved Förderprofil whose only Handlungsbedarf is `merkmal`.
async fn kunde_mit_bedarf(t: &TestApp, cookie: &str, merkmal: &str, kommentar: &str) -> i64 {
    let a = t
        .anfrage(
            Method::POST,
            "/api/v1/kunden",
            Some(json!({"vorname": "Petra", "nachname": "Planmann", "geburtsdatum": "1984-02-17",
                         "rechtskreis": "SGB_III", "plz": "10115", "meldung_am": tag(0)})),
            Some(cookie),
        )
        .await;
    assert_eq!(a.status, StatusCode::CREATED, "{}: {:?}", t.name, a.json);
    let id = a.json["id"].as_i64().unwrap();
    let merkmale: Vec<Value> = Katalog::standard()
        .unwrap()
        .merkmale
        .iter()
        .map(|m| {
            if m.id == merkmal {
                json!({ "merkmal": m.id, "status": "handlungsbedarf", "kommentar": kommentar })
            } else {
                json!({ "merkmal": m.id, "status": "kein_handlungsbedarf" })
            }
        })
        .collect();
    let profiling = json!({
        "zielberuf": "43412",
        "merkmale": merkmale,
        "standortbestimmung": { "datum": tag(0), "prognose_monate": 9, "fazit": "Gute Chancen, wenn die Mobilität gelöst ist." },
        "profillage": { "wert": "foerderprofil" },
        "bestaetigt": true
    });
    let a = t.anfrage(Method::POST, &format!("/api/v1/kunden/{id}/profiling"), Some(profiling), Some(cookie)).await;
    assert_eq!(a.status, StatusCode::CREATED, "{}: {:?}", t.name, a.json);
    id
}

fn enthaelt(s: &Seite, text: &str) {
    assert!(s.sichtbar().contains(text), "„{text}“ fehlt:\n{}", s.sichtbar());
}

#[tokio::test]
async fn ziel_vereinbaren_mit_regeln() {
    for t in spawn_apps().await {
        konten(&t).await;
        let vfk = t.anmelden("vfk").await;
        let id = kunde_mit_profiling(&t, &vfk).await;
        let pfad = format!("/kunden/{id}/ziel");

        // The Zieloptionen grouped as in the seed, each group a fieldset with its legend.
        let s = t.seite(&pfad, &vfk).await;
        assert_eq!(s.status, StatusCode::OK, "{}", s.sichtbar());
        enthaelt(&s, "Phase 2: Ziel festlegen");
        enthaelt(&s, "Profillage: Förderprofil");
        for g in &Katalog::standard().unwrap().zielgruppen {
            assert!(s.text.contains(&format!(r#"<legend class="kern-label">{}</legend>"#, g.label)), "{}", g.label);
        }
        enthaelt(&s, "Bestätigung erforderlich (Z5)");
        enthaelt(&s, "für ausgewählte komplexe Profillagen (Z3)");
        enthaelt(&s, "nicht wählbar: nur im SGB II (Z2)");
        enthaelt(&s, "Noch keine Zieloption vereinbart.");
        // Profillage set today, no goal yet: the next step, no warning (Z1, issue 15/3).
        enthaelt(&s, "Nächster Schritt Z1");

        // Without an option: the field's message, linked to the first radio button.
        let s = t.absenden(&pfad, &[("horizont_monate", "6")], &vfk).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(s.text.contains(r##"href="#zieloption""##) && s.text.contains(r#"id="zieloption""#), "{}", s.text);
        enthaelt(&s, "bitte eine Zieloption wählen");

        // An option of the other Rechtskreis is refused by Z2; the input stays.
        let s =
            t.absenden(&pfad, &[("zieloption", "stabilisierung_beschaeftigung"), ("horizont_monate", "7")], &vfk).await;
        assert_eq!(s.status, StatusCode::CONFLICT, "{}", s.sichtbar());
        enthaelt(&s, "Fehler Z2");
        enthaelt(&s, "gibt es nur im SGB II");
        assert!(s.text.contains(r#"value="7""#));

        // Mini-Jobs need the confirmation of Z5: the warning with the checkbox, typed text kept.
        let felder = [
            ("zieloption", "mini_midi_kurzfristig"),
            ("horizont_monate", "6"),
            ("eigene_ziele", "Später Teilzeit im Büro."),
        ];
        let s = t.absenden(&pfad, &felder, &vfk).await;
        assert_eq!(s.status, StatusCode::CONFLICT, "{}", s.sichtbar());
        enthaelt(&s, "Bitte bestätigen");
        enthaelt(&s, "Warnung Z5");
        assert!(s.text.contains(r#"name="bestaetigt""#));
        assert!(
            s.text.contains(
                r#"value="mini_midi_kurzfristig" aria-describedby="zieloption-mini_midi_kurzfristig-hinweis" checked"#
            ),
            "{}",
            s.text
        );
        assert!(s.text.contains("Später Teilzeit im Büro."));
        let mut bestaetigt = felder.to_vec();
        bestaetigt.push(("bestaetigt", "ja"));
        let s = t.absenden(&pfad, &bestaetigt, &vfk).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        assert_eq!(s.weiter(), format!("/kunden/{id}?gespeichert=ziel"));
        let akte = t.seite(s.weiter(), &vfk).await;
        enthaelt(&akte, "Das Ziel wurde gespeichert.");
        enthaelt(&akte, "Phase 2: Ziel Mini-Jobs, Midi-Jobs, kurzfristige Beschäftigung");

        // The page shows the current goal; a second goal on the same day corrects it (Z1: one
        // Zieloption per day), the case keeps one goal.
        let s = t.seite(&pfad, &vfk).await;
        enthaelt(&s, "Aktuelles Ziel Zieloption Mini-Jobs, Midi-Jobs, kurzfristige Beschäftigung");
        enthaelt(&s, "Zeithorizont 6 Monate");
        enthaelt(&s, "Später Teilzeit im Büro.");
        let s = t.absenden(&pfad, &[("zieloption", "beschaeftigung_lokal"), ("bestaetigt", "ja")], &vfk).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        let s = t.seite(&pfad, &vfk).await;
        enthaelt(&s, "Aktuelles Ziel Zieloption Beschäftigung 1. Arbeitsmarkt lokal");
        let fall = crate::gemeinsam::api(&t, hyper::Method::GET, &format!("/api/v1/kunden/{id}"), None, &vfk).await;
        assert_eq!(fall["fallakte"]["ziele"].as_array().unwrap().len(), 1);

        // Another Dienststelle's case answers like a missing one.
        let fremd = t.anmelden("vfk.jobcenter").await;
        let fremde = t.seite(&pfad, &fremd).await;
        assert_eq!(fremde.status, StatusCode::NOT_FOUND);
        assert_eq!(fremde.text, t.seite("/kunden/999999/ziel", &fremd).await.text);
        let s = t.absenden(&pfad, &[("zieloption", "beschaeftigung_lokal")], &fremd).await;
        assert_eq!(s.status, StatusCode::NOT_FOUND);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn strategien_waehlen_anpassen_abschliessen() {
    for t in spawn_apps().await {
        konten(&t).await;
        let vfk = t.anmelden("vfk").await;
        let id = kunde_mit_profiling(&t, &vfk).await;
        let pfad = format!("/kunden/{id}/strategien");
        let k = Katalog::standard().unwrap();
        let produkt = k.produkte_fuer("mobilitaet_erhoehen", Rechtskreis::SgbIII).next().unwrap();

        // The need of the profiling with its catalogue row, guidance and products; the need
        // without strategy at the top (S1); Vermittlung first; SGB II-only entries marked (S5).
        let s = t.seite(&pfad, &vfk).await;
        assert_eq!(s.status, StatusCode::OK, "{}", s.sichtbar());
        enthaelt(&s, "Phase 3: Handlungsstrategien");
        enthaelt(
            &s,
            "Offene Punkte zum Umsetzungsfahrplan (1) Nächster Schritt S1 Handlungsbedarf „Örtliche Mobilität“ ohne Handlungsstrategie",
        );
        enthaelt(&s, "Schritt 1: Örtliche Mobilität (Rahmenbedingungen) Handlungsbedarf Kein Führerschein");
        enthaelt(&s, "Mobilität erhöhen Empfehlungen zur Ausgestaltung (S14) Zwischenziel");
        enthaelt(&s, &produkt.label);
        enthaelt(&s, "Vermittlung hat immer Vorrang Regel S12");
        enthaelt(&s, "Übergreifende Handlungsstrategien Vermittlung hat immer Vorrang Regel S12");
        enthaelt(&s, "Mitwirkung überprüfen (nur SGB II) Nicht wählbar – S5");
        let form = "w-oertliche_mobilitaet-mobilitaet_erhoehen";
        assert!(
            s.text.contains(&format!(r#"id="{form}-beginn" name="beginn" type="date" value="{}""#, tag(0))),
            "{}",
            s.text
        );

        // A window ending before it begins: the message under the field, the input kept.
        let falsch = [
            ("formular", form),
            ("strategie", "mobilitaet_erhoehen"),
            ("merkmal", "oertliche_mobilitaet"),
            ("beginn", &tag(30)),
            ("ende", &tag(10)),
            ("reihenfolge", "1"),
        ];
        let s = t.absenden(&pfad, &falsch, &vfk).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", s.sichtbar());
        assert!(s.text.contains(&format!(r##"href="#{form}-ende""##)), "{}", s.text);
        assert!(s.text.contains(&format!(r#"id="{form}-ende-fehler""#)));
        assert!(s.text.contains(&format!(r#"value="{}""#, tag(30))));
        enthaelt(&s, "(S7)");

        // Choosing it: back to the page with the status message, the entry in the plan.
        let gut = [
            ("formular", form),
            ("strategie", "mobilitaet_erhoehen"),
            ("merkmal", "oertliche_mobilitaet"),
            ("beginn", &tag(0)),
            ("ende", &tag(90)),
            ("reihenfolge", "1"),
            ("produkte", &produkt.id),
        ];
        let s = t.absenden(&pfad, &gut, &vfk).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        assert_eq!(s.weiter(), format!("{pfad}?gespeichert=strategie"));
        let s = t.seite(s.weiter(), &vfk).await;
        enthaelt(&s, "Die Handlungsstrategie wurde gespeichert.");
        enthaelt(&s, "Gewählte Handlungsstrategien (1 offen)");
        enthaelt(
            &s,
            &format!(
                "Mobilität erhöhen Örtliche Mobilität {} – {} 1 in Umsetzung {}",
                tag_de(0),
                tag_de(90),
                produkt.label
            ),
        );
        enthaelt(&s, "Offene Punkte zum Umsetzungsfahrplan (0)");
        enthaelt(&s, "Abgedeckt durch: Mobilität erhöhen");

        // An SGB II-only strategy for this SGB III customer is refused with S5 in the form.
        let s5 = [
            ("formular", "w-andere"),
            ("strategie", "mitwirkung_ueberpruefen"),
            ("merkmal", ""),
            ("beginn", &tag(0)),
            ("ende", &tag(60)),
        ];
        let s = t.absenden(&pfad, &s5, &vfk).await;
        assert_eq!(s.status, StatusCode::CONFLICT, "{}", s.sichtbar());
        enthaelt(&s, "Fehler S5");
        enthaelt(&s, "nur im SGB II");
        assert!(s.text.contains(r#"<option value="mitwirkung_ueberpruefen" selected>"#), "{}", s.text);
        assert!(s.text.contains(&format!(r#"id="w-andere-ende" name="ende" type="date" value="{}""#, tag(60))));

        // Adjusting the order, then closing it with its outcome.
        let fall = t.anfrage(Method::GET, &format!("/api/v1/kunden/{id}"), None, Some(&vfk)).await;
        let sid = fall.json["ids"]["strategien"][0].as_i64().unwrap();
        let s = t
            .absenden(
                &format!("{pfad}/{sid}/anpassen"),
                &[("formular", &format!("a-{sid}")), ("beginn", &tag(0)), ("ende", &tag(120)), ("reihenfolge", "2")],
                &vfk,
            )
            .await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        let s = t.seite(s.weiter(), &vfk).await;
        enthaelt(&s, "Die Handlungsstrategie wurde angepasst.");
        enthaelt(&s, &format!("Mobilität erhöhen Örtliche Mobilität {} – {} 2 in Umsetzung –", tag_de(0), tag_de(120)));

        let ende = format!("{pfad}/{sid}/abschliessen");
        let e = format!("e-{sid}");
        let s = t.absenden(&ende, &[("formular", &e), ("erledigt_am", &tag(0))], &vfk).await;
        assert_eq!(s.status, StatusCode::UNPROCESSABLE_ENTITY);
        enthaelt(&s, "bitte ein Ergebnis wählen");
        assert!(s.text.contains(&format!(r#"id="bearbeiten-{sid}" open"#)));
        let s = t
            .absenden(&ende, &[("formular", &e), ("ergebnis", "erfolgreich_umgesetzt"), ("erledigt_am", &tag(0))], &vfk)
            .await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        assert_eq!(s.weiter(), format!("{pfad}?gespeichert=strategie_erfolgreich"));
        let s = t.seite(s.weiter(), &vfk).await;
        enthaelt(&s, "Die Handlungsstrategie ist als „erfolgreich umgesetzt“ erledigt.");
        enthaelt(
            &s,
            &format!(
                "Erledigte Handlungsstrategien (1) Strategie Merkmal Zeitraum Ergebnis Produkte Regeln Mobilität erhöhen Örtliche Mobilität {} – {} erfolgreich umgesetzt am {}",
                tag_de(0),
                tag_de(120),
                tag_de(0)
            ),
        );
        // The need is open again (S1); a new strategy follows a new Standortbestimmung (S9).
        enthaelt(&s, "Nächster Schritt S1 Handlungsbedarf „Örtliche Mobilität“ ohne Handlungsstrategie");
        enthaelt(&s, "(S9)");

        // Another Dienststelle's case answers like a missing one, for reading and writing.
        let fremd = t.anmelden("vfk.jobcenter").await;
        let fremde = t.seite(&pfad, &fremd).await;
        assert_eq!(fremde.status, StatusCode::NOT_FOUND);
        assert_eq!(fremde.text, t.seite("/kunden/999999/strategien", &fremd).await.text);
        assert_eq!(t.absenden(&pfad, &gut, &fremd).await.status, StatusCode::NOT_FOUND);
        assert_eq!(
            t.absenden(&ende, &[("ergebnis", "storniert"), ("erledigt_am", &tag(0))], &fremd).await.status,
            StatusCode::NOT_FOUND
        );
        t.aufraeumen().await;
    }
}

// S2: "Choosing „Berufliche (Teil-)Qualifikation realisieren“ or „Berufsabschluss erwerben“
// requires also choosing and scheduling „Absolventenmanagement“ (its window starts no earlier than
// the qualification's end)." The page proposes the Absolventenmanagement from the qualification's
// end: the one just refused for want of it, and the one chosen.
#[tokio::test]
async fn absolventenmanagement_beginnt_mit_dem_ende_der_qualifizierung() {
    for t in spawn_apps().await {
        konten(&t).await;
        let vfk = t.anmelden("vfk").await;
        let id = kunde_mit_bedarf(&t, &vfk, "berufliche_qualifikation", "Anpassungsqualifizierung nötig.").await;
        let pfad = format!("/kunden/{id}/strategien");
        let am = "w-berufliche_qualifikation-absolventenmanagement";
        let quali = "w-berufliche_qualifikation-berufliche_teilqualifikation_realisieren";
        let beginn = |s: &crate::gemeinsam::Seite, form: &str, tag: &str| {
            assert!(
                s.text.contains(&format!(r#"id="{form}-beginn" name="beginn" type="date" value="{tag}""#)),
                "{form} ab {tag}: {}",
                s.text
            );
        };
        // Nothing chosen yet: today.
        let s = t.seite(&pfad, &vfk).await;
        beginn(&s, am, &tag(0));

        // The qualification alone is refused (S2); the Absolventenmanagement form next to it now
        // starts at the qualification's end.
        let qualifizierung = [
            ("formular", quali),
            ("strategie", "berufliche_teilqualifikation_realisieren"),
            ("merkmal", "berufliche_qualifikation"),
            ("beginn", &tag(0)),
            ("ende", &tag(120)),
            ("reihenfolge", "1"),
        ];
        let s = t.absenden(&pfad, &qualifizierung, &vfk).await;
        assert_eq!(s.status, StatusCode::CONFLICT, "{}", s.sichtbar());
        enthaelt(&s, "Fehler S2");
        beginn(&s, quali, &tag(0));
        beginn(&s, am, &tag(120));

        // Absolventenmanagement first, then the qualification: both saved, and the proposal
        // follows the chosen qualification's end.
        let absolventen = [
            ("formular", am),
            ("strategie", "absolventenmanagement"),
            ("merkmal", "berufliche_qualifikation"),
            ("beginn", &tag(120)),
            ("ende", &tag(210)),
            ("reihenfolge", "2"),
        ];
        let s = t.absenden(&pfad, &absolventen, &vfk).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        let frueher = tag(100);
        let mut spaeter = qualifizierung;
        spaeter[4] = ("ende", &frueher);
        let s = t.absenden(&pfad, &spaeter, &vfk).await;
        assert_eq!(s.status, StatusCode::SEE_OTHER, "{}", s.sichtbar());
        let s = t.seite(&pfad, &vfk).await;
        beginn(&s, am, &tag(100));
        t.aufraeumen().await;
    }
}
