#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Phases 1–3 and the EV/Vermerk of phase 4 as a VFK walks a customer through them: every
//! refusal names its rule and stores nothing, every change leaves a Verlauf row.

use crate::gemeinsam::{self, neuer_kunde, umgebung, verlauf_zeilen};
use chrono::NaiveDate;
use serde_json::{Value, json};
use vierphasen_app::fall::{
    EvAbschluss, EvBearbeitung, EvEntwurf, NachtragEingabe, ProfilingEingabe, StrategieAbschluss, StrategieAnpassung,
    StrategieEingabe, VermerkEingabe, ZielEingabe,
};
use vierphasen_app::{App, AppFehler};
use vierphasen_domain::datum::plus_monate;
use vierphasen_domain::fallakte::{Dienststelle, Kontaktangaben, Verantwortlich, Vereinbarungsart, Vermerkart};
use vierphasen_domain::{Profillage, Schwere};
use vierphasen_store::sql;
use vierphasen_store::testdb::datenbanken;

fn eingabe<T: serde::de::DeserializeOwned>(v: Value) -> T {
    serde_json::from_value(v).unwrap()
}

/// A profiling of today: Handlungsbedarf in the given Merkmale, all others assessed without
/// need; prognosis 9 months (integrationsnah).
fn profiling(app: &App, bedarfe: &[&str], profillage: Option<Value>, bestaetigt: bool) -> ProfilingEingabe {
    let merkmale: Vec<Value> = app
        .katalog
        .merkmale
        .iter()
        .map(|m| {
            let status = if bedarfe.contains(&m.id.as_str()) { "handlungsbedarf" } else { "kein_handlungsbedarf" };
            json!({ "merkmal": m.id, "status": status })
        })
        .collect();
    eingabe(json!({
        "zielberuf": "26212",
        "staerken": [{ "bezeichnung": "Fehlersuche in Steuerungen", "niveau": "erweitert", "besondere": true }],
        "merkmale": merkmale,
        "standortbestimmung": { "datum": app.heute(), "prognose_monate": 9, "fazit": "Gute Chancen nach Qualifizierung." },
        "profillage": profillage,
        "bestaetigt": bestaetigt,
    }))
}

fn strategie(name: &str, beginn: NaiveDate, ende: NaiveDate, bestaetigt: bool) -> StrategieEingabe {
    eingabe(json!({ "strategie": name, "beginn": beginn, "ende": ende, "bestaetigt": bestaetigt }))
}

/// The rule ids of a refusal (empty for any other error).
fn regeln(f: &AppFehler) -> Vec<&'static str> {
    match f {
        AppFehler::Regelverstoss(b) | AppFehler::BestaetigungNoetig(b) => b.iter().map(|x| x.regel.id()).collect(),
        _ => Vec::new(),
    }
}

#[derive(Debug, PartialEq, Eq, sqlx::FromRow)]
struct Bestand {
    profiling: i64,
    ziele: i64,
    strategien: i64,
    evs: i64,
    vermerke: i64,
    verlauf: i64,
}

async fn bestand(app: &App, kunde_id: i64) -> Bestand {
    let mut tx = app.db.begin().await.unwrap();
    sql!(&mut tx, zeile<Bestand>
        "SELECT (SELECT COUNT(*) FROM profiling WHERE kunde_id = $1) AS profiling,
                (SELECT COUNT(*) FROM ziel WHERE kunde_id = $1) AS ziele,
                (SELECT COUNT(*) FROM strategie WHERE kunde_id = $1) AS strategien,
                (SELECT COUNT(*) FROM eingliederungsvereinbarung WHERE kunde_id = $1) AS evs,
                (SELECT COUNT(*) FROM vermerk WHERE kunde_id = $1) AS vermerke,
                (SELECT COUNT(*) FROM verlauf WHERE kunde_id = $1) AS verlauf",
        kunde_id)
    .unwrap()
    .unwrap()
}

async fn ev_status(app: &App, ev_id: i64) -> String {
    let mut tx = app.db.begin().await.unwrap();
    sql!(&mut tx, wert<String> "SELECT status FROM eingliederungsvereinbarung WHERE id = $1", ev_id).unwrap()
}

#[tokio::test]
async fn sgb3_kunde_durchlaeuft_profiling_ziel_strategien_ev_und_vermerk() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let vfk = &u.vfk;
        let id = app.kunde_anlegen(vfk, neuer_kunde("Phasen")).await.unwrap();
        let heute = app.heute();
        let db = t.name;

        // Phase 1. The engine suggests the Förderprofil for a need in Qualifikation (PL2).
        let bedarf = ["berufliche_qualifikation"];
        let v = app.profillage_vorschlag(vfk, id, profiling(&app, &bedarf, None, false)).await.unwrap();
        assert_eq!(v.ergebnis.vorschlag, Some(Profillage::Foerder), "{db}");
        let v = app
            .profillage_vorschlag(vfk, id, profiling(&app, &bedarf, Some(json!({ "wert": "Marktprofil" })), false))
            .await
            .unwrap();
        assert!(v.wahl.iter().any(|b| b.regel == "PL1"), "{db}: the form shows PL1 before saving: {:?}", v.wahl);
        assert_eq!(bestand(&app, id.0).await.profiling, 0, "{db}: the suggestion saves nothing");

        // PL1: a Profillage outside the admissible set without Begründung is refused.
        let vorher = bestand(&app, id.0).await;
        let f = app
            .profiling_speichern(vfk, id, profiling(&app, &bedarf, Some(json!({ "wert": "marktprofil" })), true))
            .await
            .unwrap_err();
        assert!(matches!(f, AppFehler::Regelverstoss(_)) && regeln(&f).contains(&"PL1"), "{db}: {f:?}");
        assert!(f.to_string().contains("PL1"), "{db}: the message names the rule: {f}");
        assert_eq!(bestand(&app, id.0).await, vorher, "{db}: a refused change stores nothing");

        // The phases still to come in this Erstgespräch (goal, strategy for the need, EV) are the
        // next steps, nothing to confirm (issue 15/3): saved without `bestaetigt`.
        let foerder = json!({ "wert": "foerderprofil" });
        let a = app.profiling_speichern(vfk, id, profiling(&app, &bedarf, Some(foerder), false)).await.unwrap();
        let schritte: Vec<&str> =
            a.befunde.iter().filter(|b| b.schwere == Schwere::NaechsterSchritt).map(|b| b.regel.id()).collect();
        assert_eq!(schritte, ["Z1", "S1", "E1"], "{db}: {:?}", a.befunde);
        let b = bestand(&app, id.0).await;
        assert_eq!((b.profiling, b.verlauf), (1, vorher.verlauf + 1), "{db}: saved with a Verlauf row (D2)");

        // Someone else's caseload: read yes, write no.
        let f = app.profiling_speichern(&u.kollegin, id, profiling(&app, &bedarf, None, true)).await.unwrap_err();
        assert!(matches!(f, AppFehler::Verboten(_)), "{db}: {f:?}");

        // Phase 2. Z2: the SGB II goal is refused; the local one is agreed.
        let f = app
            .ziel_setzen(vfk, id, eingabe(json!({ "zieloption": "stabilisierung_beschaeftigung", "bestaetigt": true })))
            .await
            .unwrap_err();
        assert!(regeln(&f).contains(&"Z2"), "{db}: {f:?}");
        let z: ZielEingabe = eingabe(
            json!({ "zieloption": "Beschäftigung 1. Arbeitsmarkt lokal (TPB)", "eigene_ziele": "Englisch auffrischen" }),
        );
        app.ziel_setzen(vfk, id, z).await.unwrap();
        assert_eq!(bestand(&app, id.0).await.verlauf, vorher.verlauf + 2, "{db}");

        // Phase 3. S5: a strategy of the other Rechtskreis; S2: qualification without
        // Absolventenmanagement. Both refused, nothing stored.
        let (in6, in12, in18) = (plus_monate(heute, 6), plus_monate(heute, 12), plus_monate(heute, 18));
        let vorher = bestand(&app, id.0).await;
        let f =
            app.strategie_waehlen(vfk, id, strategie("mitwirkung_ueberpruefen", heute, in6, true)).await.unwrap_err();
        assert!(matches!(f, AppFehler::Regelverstoss(_)) && regeln(&f) == ["S5"], "{db}: {f:?}");
        let f =
            app.strategie_waehlen(vfk, id, strategie("berufsabschluss_erwerben", heute, in12, true)).await.unwrap_err();
        assert!(regeln(&f).contains(&"S2"), "{db}: {f:?}");
        assert_eq!(bestand(&app, id.0).await, vorher, "{db}");

        app.strategie_waehlen(vfk, id, strategie("Absolventenmanagement", in12, in18, false)).await.unwrap();
        app.strategie_waehlen(vfk, id, strategie("berufsabschluss_erwerben", heute, in12, false)).await.unwrap();
        // S1a: a strategy bound to a Merkmal without need is a warning.
        let f = app
            .strategie_waehlen(vfk, id, strategie("berufserfahrung_ermoeglichen", heute, in6, false))
            .await
            .unwrap_err();
        assert!(matches!(f, AppFehler::BestaetigungNoetig(_)) && regeln(&f) == ["S1a"], "{db}: {f:?}");
        let erfahrung = app
            .strategie_waehlen(vfk, id, strategie("berufserfahrung_ermoeglichen", heute, in6, true))
            .await
            .unwrap()
            .id;
        let vermittlung = app.strategie_waehlen(vfk, id, strategie("vermittlung", heute, in6, false)).await.unwrap().id;
        let b = bestand(&app, id.0).await;
        assert_eq!((b.strategien, b.verlauf), (4, vorher.verlauf + 4), "{db}");

        let anpassung: StrategieAnpassung = eingabe(json!({ "ende": in12, "reihenfolge": 2 }));
        app.strategie_anpassen(vfk, id, vermittlung, anpassung.clone()).await.unwrap();
        let abschluss: StrategieAbschluss = eingabe(json!({ "ergebnis": "storniert", "erledigt_am": heute }));
        app.strategie_abschliessen(vfk, id, erfahrung, abschluss.clone()).await.unwrap();
        assert_eq!(bestand(&app, id.0).await.verlauf, vorher.verlauf + 6, "{db}");
        let f = app.strategie_anpassen(vfk, id, erfahrung, anpassung).await.unwrap_err();
        assert!(matches!(f, AppFehler::Konflikt(_)), "{db}: a closed strategy stays as it is: {f:?}");
        let f = app.strategie_abschliessen(vfk, id, erfahrung, abschluss.clone()).await.unwrap_err();
        assert!(matches!(f, AppFehler::Konflikt(_)), "{db}: {f:?}");
        let automatisch: StrategieAbschluss =
            eingabe(json!({ "ergebnis": "automatisch_erledigt", "erledigt_am": heute }));
        let f = app.strategie_abschliessen(vfk, id, vermittlung, automatisch).await.unwrap_err();
        assert!(matches!(&f, AppFehler::Ungueltig { feld, .. } if feld == "ergebnis"), "{db}: {f:?}");
        // Another case's strategy is not found through this case.
        let andere = app.kunde_anlegen(vfk, neuer_kunde("Andere")).await.unwrap();
        let f = app.strategie_abschliessen(vfk, andere, vermittlung, abschluss).await.unwrap_err();
        assert!(matches!(f, AppFehler::NichtGefunden("Die Handlungsstrategie")), "{db}: {f:?}");

        // Phase 4, EV. A Kooperationsplan does not exist in SGB III (E1).
        let vorher = bestand(&app, id.0).await;
        let f = app.ev_entwerfen(vfk, id, eingabe(json!({ "art": "kooperationsplan" }))).await.unwrap_err();
        assert!(matches!(f, AppFehler::Regelverstoss(_)) && regeln(&f) == ["E1"], "{db}: {f:?}");
        assert_eq!(bestand(&app, id.0).await, vorher, "{db}");

        // E6: the draft carries the guidance of the open strategies, not of the closed one.
        let entwurf = app.ev_entwerfen(vfk, id, eingabe::<EvEntwurf>(json!({}))).await.unwrap().id;
        assert_eq!(ev_status(&app, entwurf).await, "entwurf");
        let fall = app.fall_lesen(vfk, id, None).await.unwrap();
        let ev = fall.fallakte.eingliederungsvereinbarungen.last().unwrap().clone();
        assert_eq!(ev.art, Vereinbarungsart::Eingliederungsvereinbarung, "{db}");
        let baustein =
            |sid: &str| app.katalog.strategien.iter().find(|s| s.id == sid).unwrap().leitfaden.ev_textbaustein.clone();
        let kunde_aufgabe = ev.aufgaben.iter().find(|a| a.text == baustein("absolventenmanagement")).unwrap();
        // Its window begins after this agreement ends (E2, 6 months): no deadline here; one that
        // runs on past the end ends with the agreement.
        assert_eq!((kunde_aufgabe.verantwortlich, kunde_aufgabe.frist), (Verantwortlich::Kunde, None), "{db}");
        let abschluss = ev.aufgaben.iter().find(|a| a.text == baustein("berufsabschluss_erwerben")).unwrap();
        assert!(abschluss.frist.is_some_and(|d| d <= in6), "{db}: {abschluss:?}");
        assert!(ev.aufgaben.iter().any(|a| a.verantwortlich == Verantwortlich::Vfk), "{db}: agency's activities (E4)");
        assert!(!ev.aufgaben.iter().any(|a| a.text == baustein("berufserfahrung_ermoeglichen")), "{db}");
        let f = app.ev_entwerfen(vfk, id, eingabe(json!({}))).await.unwrap_err();
        assert!(matches!(f, AppFehler::Konflikt(_)), "{db}: one draft at a time: {f:?}");

        let mut aufgaben = ev.aufgaben.clone();
        aufgaben.push(eingabe(json!({ "text": "Sie bewerben sich monatlich auf fünf Stellen.", "frist": in6 })));
        let bearbeitung: EvBearbeitung = eingabe(json!({ "aufgaben": aufgaben, "gueltig_bis": in6 }));
        app.ev_bearbeiten(vfk, id, entwurf, bearbeitung.clone()).await.unwrap();
        let abschluss: EvAbschluss = eingabe(json!({ "abgeschlossen_am": heute, "ausgehaendigt_am": heute }));
        app.ev_abschliessen(vfk, id, entwurf, abschluss.clone()).await.unwrap();
        assert_eq!(ev_status(&app, entwurf).await, "abgeschlossen", "{db}");
        assert_eq!(bestand(&app, id.0).await.verlauf, vorher.verlauf + 3, "{db}");

        // E5: a signed EV is immutable.
        let vorher = bestand(&app, id.0).await;
        for f in [
            app.ev_bearbeiten(vfk, id, entwurf, bearbeitung.clone()).await.unwrap_err(),
            app.ev_abschliessen(vfk, id, entwurf, abschluss.clone()).await.unwrap_err(),
        ] {
            assert!(matches!(&f, AppFehler::Konflikt(m) if m.contains("unveränderlich (E5)")), "{db}: {f:?}");
        }
        assert_eq!(bestand(&app, id.0).await, vorher, "{db}");

        // A new version replaces the signed one.
        let neu = app.ev_entwerfen(vfk, id, eingabe(json!({}))).await.unwrap().id;
        app.ev_abschliessen(vfk, id, neu, abschluss).await.unwrap();
        assert_eq!(
            (ev_status(&app, entwurf).await.as_str(), ev_status(&app, neu).await.as_str()),
            ("ersetzt", "abgeschlossen")
        );
        let fall = app.fall_lesen(vfk, id, None).await.unwrap();
        let alt = &fall.fallakte.eingliederungsvereinbarungen[0];
        assert_eq!(
            (alt.ersetzt_am, alt.gueltig_bis),
            (Some(heute), Some(in6)),
            "{db}: content kept, replacement dated"
        );
        assert_eq!(bestand(&app, id.0).await.verlauf, vorher.verlauf + 3, "{db}: draft, conclusion, replacement");

        // Beratungsvermerk: prefilled from the plan (V1), immutable, with an addendum (V3).
        let vb = app.vermerk_vorbefuellung(vfk, id, Vermerkart::Erstgespraech).await.unwrap();
        assert_eq!(vb.regel, "V1");
        let abschnitt = |titel: &str| vb.abschnitte.iter().find(|a| a.titel == titel).map(|a| a.text.clone());
        assert_eq!(abschnitt("Profillage").as_deref(), Some("Förderprofil"), "{db}: {vb:?}");
        assert_eq!(abschnitt("Vereinbarte Zieloption").as_deref(), Some("Beschäftigung 1. Arbeitsmarkt lokal (TPB)"));
        let text: String = vb.abschnitte.iter().map(|a| format!("{}: {}\n", a.titel, a.text)).collect();
        let f = app
            .vermerk_schreiben(
                vfk,
                id,
                eingabe(json!({ "datum": heute, "art": "erstgespraech", "text": "x".repeat(20_001) })),
            )
            .await
            .unwrap_err();
        assert!(matches!(&f, AppFehler::Ungueltig { feld, .. } if feld == "text"), "{db}: {f:?}");
        let vermerk: VermerkEingabe = eingabe(json!({ "datum": heute, "art": "erstgespraech", "text": text }));
        let vermerk_id = app.vermerk_schreiben(vfk, id, vermerk).await.unwrap().id;
        let nachtrag: NachtragEingabe = eingabe(json!({ "text": "Korrektur: Prognose mit der Kundin besprochen." }));
        app.nachtrag_schreiben(vfk, id, vermerk_id, nachtrag.clone()).await.unwrap();
        let f = app.nachtrag_schreiben(vfk, andere, vermerk_id, nachtrag).await.unwrap_err();
        assert!(matches!(f, AppFehler::NichtGefunden(_)), "{db}: {f:?}");
        let mut tx = app.db.begin().await.unwrap();
        let aendern = sql!(&mut tx, ausfuehren "UPDATE vermerk SET inhalt = '{}' WHERE id = $1", vermerk_id);
        assert!(aendern.is_err(), "{db}: the database refuses changing a Vermerk (V3)");
        drop(tx);

        let fall = app.fall_lesen(vfk, id, None).await.unwrap();
        let v = &fall.fallakte.vermerke[0];
        assert!(v.text.contains("Förderprofil") && v.nachtraege.len() == 1 && v.nachtraege[0].datum == heute, "{db}");
        assert_eq!(bestand(&app, id.0).await.verlauf, vorher.verlauf + 5, "{db}");

        // The stored case exports as a Fallakte the checker reads, without errors.
        let export = serde_json::to_vec(&fall.fallakte).unwrap();
        let gelesen = vierphasen_domain::einlesen(&export, app.katalog).unwrap();
        let pruefung = vierphasen_domain::pruefen(&gelesen, heute);
        assert_eq!(pruefung.zusammenfassung.fehler, 0, "{db}: {:?}", pruefung.befunde);
        assert_eq!(pruefung.profillage.gewaehlt, Some(Profillage::Foerder));
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn begruendete_abweichung_und_offener_bedarf_nach_abschluss_werden_gemeldet_nicht_verweigert() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Abweichung")).await.unwrap();
        let heute = app.heute();
        let db = t.name;

        // PL1: outside the admissible set with a written Begründung is saved and flagged.
        let wahl = json!({ "wert": "marktprofil", "begruendung": "Zusage des früheren Arbeitgebers liegt vor." });
        let a = app
            .profiling_speichern(&u.vfk, id, profiling(&app, &["familiaere_situation"], Some(wahl), true))
            .await
            .unwrap();
        assert!(a.befunde.iter().any(|b| b.regel == "PL1"), "{db}: {:?}", a.befunde);
        // Back in the admissible set, then the one strategy for the need.
        let foerder = Some(json!({ "wert": "foerderprofil" }));
        app.profiling_speichern(&u.vfk, id, profiling(&app, &["familiaere_situation"], foerder, true)).await.unwrap();
        let s = app
            .strategie_waehlen(&u.vfk, id, strategie("kinderbetreuung_schaffen", heute, plus_monate(heute, 3), true))
            .await
            .unwrap()
            .id;
        // Closing it leaves the need uncovered until a new Standortbestimmung (S8/S9): reported.
        let abschluss: StrategieAbschluss =
            eingabe(json!({ "ergebnis": "erfolgreich_umgesetzt", "erledigt_am": heute }));
        let a = app.strategie_abschliessen(&u.vfk, id, s, abschluss).await.unwrap();
        assert!(a.befunde.iter().any(|b| b.regel == "S1"), "{db}: {:?}", a.befunde);
        let fall = app.fall_lesen(&u.vfk, id, None).await.unwrap();
        assert!(fall.fallakte.strategien[0].ergebnis.is_some(), "{db}");
        assert_eq!(verlauf_zeilen(&app, id.0).await, 5, "{db}: Anlage, 2 × Profiling, Wahl, Abschluss");
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn ungueltige_eingaben_nennen_das_feld_und_speichern_nichts() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Feld")).await.unwrap();
        let heute = app.heute();
        let vorher = bestand(&app, id.0).await;

        let mut p = profiling(&app, &[], None, true);
        p.zielberuf = Some("99999".into());
        let f = app.profiling_speichern(&u.vfk, id, p).await.unwrap_err();
        assert!(matches!(&f, AppFehler::Ungueltig { feld, .. } if feld == "zielberuf"), "{}: {f:?}", t.name);

        let f = app
            .strategie_waehlen(&u.vfk, id, strategie("vermittlung", heute, heute.pred_opt().unwrap(), true))
            .await
            .unwrap_err();
        assert!(matches!(&f, AppFehler::Ungueltig { feld, .. } if feld == "ende"), "{}: {f:?}", t.name);

        let f = app.ziel_setzen(&u.vfk, id, eingabe(json!({ "zieloption": "Mond" }))).await.unwrap_err();
        assert!(matches!(&f, AppFehler::Ungueltig { feld, .. } if feld == "zieloption"), "{}: {f:?}", t.name);

        let f = serde_json::from_value::<ZielEingabe>(json!({ "zieloption": "beschaeftigung_lokal", "farbe": 1 }));
        assert!(f.is_err(), "unknown fields are refused");

        let f = app.vermerk_schreiben(
            &u.vfk,
            id,
            eingabe(json!({ "datum": heute.succ_opt().unwrap(), "art": "sonstiges", "text": "x" })),
        );
        assert!(matches!(&f.await.unwrap_err(), AppFehler::Ungueltig { feld, .. } if feld == "datum"), "{}", t.name);
        assert_eq!(bestand(&app, id.0).await, vorher, "{}", t.name);
        t.aufraeumen().await;
    }
}

/// The data kept at signing for the document of an EV.
async fn festgehaltene_daten(app: &App, ev_id: i64) -> String {
    let mut tx = app.db.begin().await.unwrap();
    sql!(&mut tx, wert<String>
        "SELECT daten FROM dokument WHERE art = 'eingliederungsvereinbarung' AND bezug_id = $1", ev_id)
    .unwrap()
}

/// The SHA-256 of every document the Verlauf says was kept.
async fn festgehaltene_sha256(app: &App, kunde_id: i64) -> Vec<String> {
    let mut tx = app.db.begin().await.unwrap();
    let zeilen = sql!(&mut tx, zeilen<(Option<String>,)>
        "SELECT nachher FROM verlauf WHERE kunde_id = $1 AND entitaet = 'dokument' ORDER BY id", kunde_id)
    .unwrap();
    zeilen
        .into_iter()
        .filter_map(|(n,)| serde_json::from_str::<Value>(&n?).ok())
        .map(|n| n["sha256"].as_str().unwrap().to_owned())
        .collect()
}

/// E5: the EV "ist … zu unterschreiben und … auszuhändigen"; V3: a Vermerk is not changed after
/// saving. A signed agreement and a saved Vermerk are kept as handed over: a goal and strategy
/// changed afterwards do not change the download, byte for byte; the Verlauf names its SHA-256.
#[tokio::test]
async fn unterschriebene_ev_und_vermerk_bleiben_wie_ausgehaendigt() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let vfk = &u.vfk;
        let db = t.name;
        // E4: the letterhead and the place of signing come from the Dienststelle's configuration.
        let kontakt: Kontaktangaben = eingabe(json!({
            "anschrift": ["Grüner Weg 46", "34117 Kassel"], "telefon": "0561 701-0", "ort": "Kassel",
        }));
        let konfiguration = app.konfiguration_lesen(&u.admin).await.unwrap();
        app.konfiguration_setzen(&u.admin, Dienststelle { kontakt, ..konfiguration }).await.unwrap();
        let id = app.kunde_anlegen(vfk, neuer_kunde("Dokument")).await.unwrap();
        let heute = app.heute();
        let (in6, in12, in18) = (plus_monate(heute, 6), plus_monate(heute, 12), plus_monate(heute, 18));
        let foerder = Some(json!({ "wert": "foerderprofil" }));
        app.profiling_speichern(vfk, id, profiling(&app, &["berufliche_qualifikation"], foerder, true)).await.unwrap();
        let ziel = |option: &str| eingabe::<ZielEingabe>(json!({ "zieloption": option, "bestaetigt": true }));
        app.ziel_setzen(vfk, id, ziel("beschaeftigung_lokal")).await.unwrap();
        app.strategie_waehlen(vfk, id, strategie("Absolventenmanagement", in12, in18, true)).await.unwrap();
        app.strategie_waehlen(vfk, id, strategie("berufsabschluss_erwerben", heute, in12, true)).await.unwrap();
        let ev = app.ev_entwerfen(vfk, id, eingabe::<EvEntwurf>(json!({}))).await.unwrap().id;
        let entwurf = app.ev_pdf(vfk, id, ev).await.unwrap();
        let abschluss = json!({ "abgeschlossen_am": heute, "ausgehaendigt_am": heute, "bestaetigt": true });
        app.ev_abschliessen(vfk, id, ev, eingabe(abschluss)).await.unwrap();
        let daten = festgehaltene_daten(&app, ev).await;
        assert!(
            daten.contains("Grüner Weg 46") && daten.contains("0561 701-0") && daten.contains("Kassel"),
            "{db}: {daten}"
        );
        let unterschrieben = app.ev_pdf(vfk, id, ev).await.unwrap();
        assert!(unterschrieben.starts_with(b"%PDF"), "{db}");
        assert_ne!(unterschrieben, entwurf, "{db}: the signed document is not the draft");
        let sha = vierphasen_store::sha256_hex(&unterschrieben);
        assert_eq!(
            festgehaltene_sha256(&app, id.0).await,
            std::slice::from_ref(&sha),
            "{db}: the Verlauf names the kept document"
        );

        // Z1: a second goal on the same day corrects the first (one Zieloption per day).
        app.ziel_setzen(vfk, id, ziel("beschaeftigung_ueberregional")).await.unwrap();
        let ziele = app.fall_lesen(vfk, id, None).await.unwrap().fallakte.ziele;
        assert_eq!(ziele.len(), 1, "{db}");
        assert_eq!(ziele[0].zieloption, "beschaeftigung_ueberregional", "{db}");
        let vermittlung = app.strategie_waehlen(vfk, id, strategie("vermittlung", heute, in6, true)).await;
        assert!(vermittlung.is_ok(), "{db}: {vermittlung:?}");
        assert!(app.ev_pdf(vfk, id, ev).await.unwrap() == unterschrieben, "{db}: the download is what was signed");

        // V3: the Vermerk as saved; a Nachtrag keeps a new version, the first one stays in the record.
        let vermerk: VermerkEingabe = eingabe(
            json!({ "datum": heute, "art": "erstgespraech", "text": "Ausbildung zur Mechatronikerin besprochen." }),
        );
        let vermerk_id = app.vermerk_schreiben(vfk, id, vermerk).await.unwrap().id;
        let gespeichert = app.vermerk_pdf(vfk, id, vermerk_id).await.unwrap();
        let nachtrag: NachtragEingabe = eingabe(json!({ "text": "Unterlagen wurden nachgereicht." }));
        app.nachtrag_schreiben(vfk, id, vermerk_id, nachtrag).await.unwrap();
        let mit_nachtrag = app.vermerk_pdf(vfk, id, vermerk_id).await.unwrap();
        assert_ne!(mit_nachtrag, gespeichert, "{db}: the Nachtrag is in the document");
        let shas = festgehaltene_sha256(&app, id.0).await;
        let erwartet = [sha, vierphasen_store::sha256_hex(&gespeichert), vierphasen_store::sha256_hex(&mit_nachtrag)];
        assert_eq!(shas, erwartet, "{db}");
        app.ziel_setzen(vfk, id, ziel("beschaeftigung_lokal")).await.unwrap();
        assert!(app.vermerk_pdf(vfk, id, vermerk_id).await.unwrap() == mit_nachtrag, "{db}");
    }
}

/// C2: "Bei Reaktivierung eines Kundendatensatzes nach mehr als 6 Monaten … werden das Profiling
/// und die Profillage auf die Standardeinstellung zurückgesetzt" and open strategies are closed
/// (SGB III). The new registration resets the whole profiling: no Merkmale, Stärken or Zielberuf
/// stay, the Profillage is N and the case is no longer matchingfähig.
#[tokio::test]
async fn wiedermeldung_nach_mehr_als_sechs_monaten_setzt_das_profiling_zurueck() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let vfk = &u.vfk;
        let db = t.name;
        let heute = app.heute();
        let mut neu = neuer_kunde("Rueckkehr");
        neu.meldung_am = Some(heute - chrono::Days::new(400));
        let id = app.kunde_anlegen(vfk, neu).await.unwrap();
        let foerder = Some(json!({ "wert": "foerderprofil" }));
        app.profiling_speichern(vfk, id, profiling(&app, &["berufliche_qualifikation"], foerder, true)).await.unwrap();
        app.strategie_waehlen(vfk, id, strategie("vermittlung", heute, plus_monate(heute, 6), true)).await.unwrap();
        assert!(app.fall_lesen(vfk, id, None).await.unwrap().pruefung.matchingfaehig, "{db}");
        app.abmelden_kunde(vfk, id, gemeinsam::abmeldung(heute - chrono::Days::new(300))).await.unwrap();

        let w = app.meldung_anlegen(vfk, id, heute).await.unwrap();
        assert_eq!(w.art, Some(vierphasen_domain::regeln::lebenslauf::Wiedermeldung::Neukunde), "{db}");
        assert_eq!((w.automatisch_erledigte_strategien, w.profiling_zurueckgesetzt), (1, true), "{db}");
        let fall = app.fall_lesen(vfk, id, None).await.unwrap();
        let p = fall.fallakte.profiling.last().unwrap();
        assert!(p.merkmale.is_empty() && p.staerken.is_empty() && p.zielberuf.is_none(), "{db}: {p:?}");
        assert!(p.profillage.is_none() && p.standortbestimmung.is_none(), "{db}");
        assert!(!fall.pruefung.matchingfaehig, "{db}: nothing assessed, so no Bewerberprofil");
        assert!(!fall.pruefung.befunde.iter().any(|b| b.regel == "C2"), "{db}: {:?}", fall.pruefung.befunde);
    }
}
