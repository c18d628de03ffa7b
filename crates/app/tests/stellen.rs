#![allow(clippy::unwrap_used, clippy::expect_used)]

//! §8.4 in the application: importing postings (BA JSON, CSV, bad rows), the index kept in step
//! with every change, matches on the case with explanations, Vermittlungsvorschläge and their
//! lifecycle, candidates for a posting (need-to-know), and the F3 worklist.

use crate::gemeinsam;

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use chrono::{NaiveDate, TimeZone, Utc};
use vierphasen_app::fall::{ImportStamm, VorschlagAenderung, VorschlagEingabe, VorschlagStatus, ZWECK_BEWERBERSUCHE};
use vierphasen_app::stellen::{StellenEingabe, Stellensuche};
use vierphasen_app::{App, AppFehler};
use vierphasen_domain::Fallakte;
use vierphasen_domain::KundeId;
use vierphasen_store::sql;
use vierphasen_store::testdb::datenbanken;

fn heute() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()
}

/// The clock starts at 10:00 of `heute()` and moves one second per reading (F3 compares times).
async fn app(db: vierphasen_store::Db) -> App {
    let start = Utc.with_ymd_and_hms(2026, 11, 24, 10, 0, 0).unwrap();
    let sekunden = Arc::new(AtomicI64::new(0));
    App::starten(db)
        .await
        .unwrap()
        .mit_uhr(Arc::new(move || start + chrono::Duration::seconds(sekunden.fetch_add(1, Ordering::Relaxed))))
}

fn beispiel(name: &str) -> String {
    std::fs::read_to_string(format!("{}/../../examples/{name}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

async fn anzahl_stellen(app: &App) -> i64 {
    let mut tx = app.db.begin().await.unwrap();
    sql!(&mut tx, wert<i64> "SELECT COUNT(*) FROM stellenangebot").unwrap()
}

/// The SGB III example case (Zielberuf 26212 Elektroniker/in, local goal) living in 34117 Kassel.
async fn elektroniker(app: &App, u: &gemeinsam::Umgebung) -> i64 {
    let akte: Fallakte = serde_json::from_str(&beispiel("foerderprofil_sgb3.json")).unwrap();
    let stamm = ImportStamm { vorname: "Erika".into(), nachname: "Strom".into(), plz: Some("34117".into()) };
    app.fall_importieren(&u.vfk, stamm, akte).await.unwrap().0
}

#[tokio::test]
async fn import_der_beispieldateien_ist_wiederholbar_und_uebernimmt_die_felder() {
    for t in datenbanken().await {
        let app = app(t.db.clone()).await;
        let u = gemeinsam::umgebung(&app).await;
        let b = app.stellen_importieren("stellen_ba.json", &beispiel("stellen_ba.json")).await.unwrap();
        assert_eq!((b.neu, b.geaendert, b.unveraendert), (3, 0, 0), "{}", t.name);
        let c = app.stellen_importieren("stellen.csv", &beispiel("stellen.csv")).await.unwrap();
        assert_eq!(c.neu, 4, "{}", t.name);

        // Again: nothing changes; a changed title updates the one posting.
        let b = app.stellen_importieren("stellen_ba.json", &beispiel("stellen_ba.json")).await.unwrap();
        assert_eq!((b.neu, b.geaendert, b.unveraendert), (0, 0, 3), "{}", t.name);
        let geaendert = beispiel("stellen_ba.json").replace("für unser Hotelrestaurant", "für unser Bistro");
        let b = app.stellen_importieren("stellen_ba.json", &geaendert).await.unwrap();
        assert_eq!((b.neu, b.geaendert, b.unveraendert), (0, 1, 2), "{}", t.name);
        assert_eq!(anzahl_stellen(&app).await, 7, "{}", t.name);

        let alle = app.stellen_suchen(&u.vfk, &Stellensuche { beruf: None, alle: true }).await.unwrap();
        let lager = alle.iter().find(|s| s.refnr == "10000-1201234567-S").unwrap();
        // The BA job title maps to its KldB code through the KldB example titles.
        assert_eq!(lager.beruf, "51312");
        assert_eq!(lager.arbeitszeit, "vz,snw");
        assert_eq!(lager.veroeffentlicht, NaiveDate::from_ymd_opt(2026, 11, 18).unwrap());
        assert_eq!(lager.ablauf, NaiveDate::from_ymd_opt(2027, 2, 16).unwrap(), "90 days open when no end is given");
        assert!(lager.faehigkeiten.contains(&"Staplerschein".to_string()));
        assert!(
            lager.faehigkeiten.contains(&"Deutsch (Erweiterte Kenntnisse)".to_string()),
            "{:?}",
            lager.faehigkeiten
        );
        let koch = alle.iter().find(|s| s.refnr == "10000-1209876543-S").unwrap();
        assert_eq!((koch.beruf.as_str(), koch.befristet), ("29302", true));
        assert_eq!(koch.titel, "Koch / Köchin (m/w/d) für unser Bistro");
        let wien = alle.iter().find(|s| s.refnr == "CSV-2026-004").unwrap();
        assert!(wien.ausland() && wien.ort == "Wien");
        let verkauf = alle.iter().find(|s| s.refnr == "CSV-2026-002").unwrap();
        assert_eq!(verkauf.veroeffentlicht, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap(), "TT.MM.JJJJ");

        // Many places: coordinates from the PLZ table survive storage, so a re-import changes nothing.
        let plz = std::fs::read_to_string(format!("{}/../../data/plz/plz_de.csv", env!("CARGO_MANIFEST_DIR"))).unwrap();
        let mut csv = String::from("refnr;titel;arbeitgeber;beruf;plz;arbeitszeit\n");
        for (i, zeile) in plz.lines().skip(1).step_by(20).enumerate() {
            csv.push_str(&format!("V-{i};Koch;Gasthaus;29302;{};vz\n", &zeile[..5]));
        }
        let erst = app.stellen_importieren("viele.csv", &csv).await.unwrap();
        let wieder = app.stellen_importieren("viele.csv", &csv).await.unwrap();
        assert!(erst.neu > 400, "{erst:?}");
        assert_eq!((wieder.neu, wieder.geaendert, wieder.unveraendert), (0, 0, erst.neu), "{}", t.name);
    }
}

#[tokio::test]
async fn ba_json_als_liste_in_huelle_und_als_einzelnes_objekt() {
    for t in datenbanken().await {
        let app = app(t.db.clone()).await;
        let huelle = r#"{"stellenangebote": [
  {"refnr": "H-1", "titel": "Koch", "arbeitgeber": "X", "beruf": "Koch/Köchin", "arbeitsort": {"plz": "34117", "ort": "Kassel"},
   "arbeitszeitmodelle": ["TEILZEIT"], "befristung": 1, "angebotsart": "ARBEIT"}
], "maxErgebnisse": 1}"#;
        assert_eq!(app.stellen_importieren("suche.json", huelle).await.unwrap().neu, 1, "{}", t.name);
        let einzeln = r#"{"referenznummer": "E-1", "titel": "Lager", "arbeitgeber": "Y", "beruf": "51312",
  "arbeitsorte": [{"plz": "34119"}], "aktuelleVeroeffentlichungsdatum": "2026-11-20T08:00:00"}"#;
        assert_eq!(app.stellen_importieren("details.json", einzeln).await.unwrap().neu, 1, "{}", t.name);
        let selbst = r#"{"refnr": "S-1", "titel": "Franchise", "arbeitgeber": "Z", "beruf": "51312",
  "arbeitsorte": [{"plz": "34119"}], "angebotsart": "SELBSTAENDIGKEIT"}"#;
        let f = app.stellen_importieren("selbst.json", selbst).await.unwrap_err();
        assert_eq!((f[0].zeile, f[0].feld.as_str()), (2, "angebotsart"), "the line of the field");
        let u = gemeinsam::umgebung(&app).await;
        let alle = app.stellen_suchen(&u.vfk, &Stellensuche { beruf: None, alle: true }).await.unwrap();
        let koch = alle.iter().find(|s| s.refnr == "H-1").unwrap();
        assert_eq!((koch.beruf.as_str(), koch.arbeitszeit.as_str(), koch.befristet), ("29302", "tz", true));
        let lager = alle.iter().find(|s| s.refnr == "E-1").unwrap();
        assert_eq!(lager.veroeffentlicht, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
        assert_eq!(lager.arbeitszeit, "vz,tz,snw,ho,mj", "no model named: every working time");
    }
}

/// The live search `/pc/v6/jobs` answers in other field names than the job details (issue 15/10).
#[tokio::test]
async fn trefferliste_v6_der_ba_wird_wie_die_stellendetails_importiert() {
    for t in datenbanken().await {
        let app = app(t.db.clone()).await;
        let b = app.stellen_importieren("v6.json", &beispiel("stellen_ba_v6.json")).await.unwrap();
        assert_eq!((b.neu, b.abgewiesen.len()), (3, 0), "{}", t.name);
        let u = gemeinsam::umgebung(&app).await;
        let alle = app.stellen_suchen(&u.vfk, &Stellensuche { beruf: None, alle: true }).await.unwrap();
        let e = alle.iter().find(|s| s.refnr == "10001-1003683246-S").unwrap();
        assert_eq!(e.titel, "Elektroniker für Energie- und Gebäudetechnik (m/w/d)");
        assert_eq!((e.arbeitgeber.as_str(), e.beruf.as_str()), ("Elektro Fulda-Aue GmbH", "26212"));
        assert_eq!((e.plz.as_deref(), e.ort.as_str()), (Some("34123"), "Kassel"));
        assert_eq!(e.land, "Deutschland", "the live search writes DEUTSCHLAND");
        assert_eq!(e.veroeffentlicht, NaiveDate::from_ymd_opt(2026, 11, 16).unwrap());
        assert_eq!(e.eintritt, NaiveDate::from_ymd_opt(2027, 1, 1));
        let v = alle.iter().find(|s| s.refnr == "10001-1003699811-S").unwrap();
        assert_eq!(v.veroeffentlicht, NaiveDate::from_ymd_opt(2026, 11, 21).unwrap(), "veroeffentlichungszeitraum.von");
    }
}

#[tokio::test]
async fn alle_fehler_eines_eintrags_auf_einmal_an_der_zeile_des_feldes() {
    for t in datenbanken().await {
        let app = app(t.db.clone()).await;
        let json = r#"{"ergebnisliste": [
  {"referenznummer": "V-1",
   "hauptberuf": "Koch/Köchin",
   "stellenlokationen": [{"adresse": {"plz": "34117"}}],
   "veroeffentlichungszeitraum": {"von": "2026-13-01"}}
]}"#;
        let fehler = app.stellen_importieren("v6.json", json).await.unwrap_err();
        let kurz: Vec<(usize, &str)> = fehler.iter().map(|f| (f.zeile, f.feld.as_str())).collect();
        assert_eq!(kurz, [(2, "stellenangebotsTitel"), (2, "firma"), (5, "veroeffentlichungszeitraum")], "{}", t.name);
        assert!(fehler[2].to_string().contains("kein gültiges Datum: „2026-13-01“"), "{}", fehler[2]);

        // What the application finds later (the KldB mapping) is named as the file names it.
        let json = r#"{"ergebnisliste": [
  {"referenznummer": "V-2", "stellenangebotsTitel": "Mars", "firma": "Z",
   "hauptberuf": "Astronaut/in auf dem Mars",
   "stellenlokationen": [{"adresse": {"plz": "34117"}}]}
]}"#;
        let fehler = app.stellen_importieren("v6.json", json).await.unwrap_err();
        let kurz: Vec<(usize, &str)> = fehler.iter().map(|f| (f.zeile, f.feld.as_str())).collect();
        assert_eq!(kurz, [(3, "hauptberuf")], "{}", t.name);

        // A file in a shape we do not know says which shapes are understood.
        let fehler = app.stellen_importieren("fremd.json", r#"{"jobs": [], "anzahl": 0}"#).await.unwrap_err();
        let text = fehler[0].to_string();
        assert!(text.contains("unbekannte Form (gefunden: `anzahl`, `jobs`)"), "{text}");
        assert!(text.contains("ergebnisliste") && text.contains("stellenangebote"), "{text}");
        let fehler = app.stellen_importieren("liste.json", r#"[{"name": "Koch"}]"#).await.unwrap_err();
        assert!(fehler[0].to_string().starts_with("Zeile 1: unbekannte Form (gefunden: `name`)"), "{}", fehler[0]);
        assert_eq!(anzahl_stellen(&app).await, 0, "{}", t.name);
    }
}

#[tokio::test]
async fn teilweise_importiert_die_gueltigen_und_meldet_die_anderen() {
    for t in datenbanken().await {
        let app = app(t.db.clone()).await;
        let json = r#"[
  {"refnr": "T-1", "titel": "Koch", "arbeitgeber": "X", "beruf": "29302", "arbeitsorte": [{"plz": "34117"}]},
  {"refnr": "T-2", "titel": "Koch", "beruf": "29302", "arbeitsorte": [{"plz": "34117"}]},
  {"refnr": "T-3", "titel": "Lager", "arbeitgeber": "Y", "beruf": "51312", "arbeitsorte": [{"plz": "34119"}]}
]"#;
        assert!(app.stellen_importieren("t.json", json).await.is_err());
        assert_eq!(anzahl_stellen(&app).await, 0, "the default stays all or nothing ({})", t.name);
        let b = app.stellen_teilweise_importieren("t.json", json).await.unwrap();
        assert_eq!(b.neu, 2, "{}", t.name);
        let kurz: Vec<(usize, &str)> = b.abgewiesen.iter().map(|f| (f.zeile, f.feld.as_str())).collect();
        assert_eq!(kurz, [(3, "arbeitgeber")], "{}", t.name);
        assert_eq!(anzahl_stellen(&app).await, 2, "{}", t.name);
        // A file that cannot be read at all imports nothing, partial or not.
        assert!(app.stellen_teilweise_importieren("t.json", "[{").await.is_err());
    }
}

#[tokio::test]
async fn fehlerhafte_zeilen_werden_mit_zeile_und_grund_gemeldet_und_nichts_wird_importiert() {
    for t in datenbanken().await {
        let app = app(t.db.clone()).await;
        let fehler =
            app.stellen_importieren("stellen_fehlerhaft.csv", &beispiel("stellen_fehlerhaft.csv")).await.unwrap_err();
        let kurz: Vec<(usize, &str)> = fehler.iter().map(|f| (f.zeile, f.feld.as_str())).collect();
        // Every problem of a row at once: row 5 has an impossible date and an unknown answer.
        assert_eq!(
            kurz,
            [(2, "plz"), (3, "beruf"), (4, "arbeitszeit"), (5, "veroeffentlicht"), (5, "befristet")],
            "{}",
            t.name
        );
        assert!(fehler[0].to_string().starts_with("Zeile 2, Feld `plz`: 99999 ist keine deutsche Postleitzahl"));
        assert!(fehler[1].meldung.contains("KldB"), "{}", fehler[1]);
        assert_eq!(anzahl_stellen(&app).await, 0, "nothing half-imported ({})", t.name);

        // JSON: a broken entry names its line; a duplicate reference number too.
        let json = r#"[
  {"refnr": "A-1", "titel": "Koch", "arbeitgeber": "X", "beruf": "29302", "arbeitsorte": [{"plz": "34117"}]},
  {"refnr": "A-1", "titel": "Koch", "arbeitgeber": "X", "beruf": "29302", "arbeitsorte": [{"plz": "34117"}]},
  {"refnr": "A-3", "titel": "Koch", "beruf": "29302", "arbeitsorte": [{"plz": "34117"}]}
]"#;
        let fehler = app.stellen_importieren("neu.json", json).await.unwrap_err();
        let kurz: Vec<(usize, &str)> = fehler.iter().map(|f| (f.zeile, f.feld.as_str())).collect();
        assert_eq!(kurz, [(3, "refnr"), (4, "arbeitgeber")], "{}", t.name);
        let fehler = app.stellen_importieren("stellen.xlsx", "x").await.unwrap_err();
        assert!(fehler[0].meldung.contains("unbekanntes Dateiformat"));
        assert_eq!(anzahl_stellen(&app).await, 0);
    }
}

#[tokio::test]
async fn treffer_erklaert_vorschlag_durchlaeuft_den_lebenszyklus() {
    for t in datenbanken().await {
        let app = app(t.db.clone()).await;
        let u = gemeinsam::umgebung(&app).await;
        app.stellen_importieren("stellen.csv", &beispiel("stellen.csv")).await.unwrap();
        let id = elektroniker(&app, &u).await;

        // F3: before the VFK looked, the case is on her worklist.
        let liste = app.neue_treffer(&u.vfk).await.unwrap();
        assert_eq!(liste.iter().map(|n| (n.kunde_id, n.neue)).collect::<Vec<_>>(), [(id, 1)], "{}", t.name);

        let m = app.treffer_lesen(&u.vfk, KundeId(id), None).await.unwrap();
        let p = m.profil.as_ref().expect("matchingfähig (P9)");
        assert!(p.zielberuf.starts_with("26212"), "{}", p.zielberuf);
        assert!(p.umkreis.starts_with("50 km"), "{}", p.umkreis);
        // Only the electrician posting nearby: not the one in Vienna (local goal, Z6).
        assert_eq!(m.treffer.len(), 1, "{:?}", m.treffer.iter().map(|t| &t.stelle.refnr).collect::<Vec<_>>());
        let tr = &m.treffer[0];
        assert_eq!(tr.stelle.refnr, "CSV-2026-003");
        assert!(tr.neu);
        let beruf = &tr.faktoren[0];
        assert_eq!((beruf.name, beruf.punkte, beruf.text.as_str()), ("Beruf", 400, "Zielberuf"));
        assert_eq!(tr.faktoren.iter().map(|f| f.punkte).sum::<u32>(), tr.punkte);
        // The skill vocabulary (Issue 15/2) counts what a person would: the Stärken
        // "Elektroinstallation im Wohnungsbau (Berufsabschluss …)" and "Führerschein Klasse B und
        // eigener Pkw" cover two of the three skills asked for, named in the customer's words;
        // the VDE 0100 test (the case notes it is missing) is the gap, and the good match
        // suggests a qualification with its products for it (PK1).
        assert_eq!(tr.fehlende_kenntnisse, ["Prüfung nach DIN VDE 0100"], "{}", t.name);
        assert_eq!(
            tr.vorhandene_kenntnisse,
            [
                "Elektroinstallation – angegeben als „Elektroinstallation im Wohnungsbau (Berufsabschluss Elektroniker, 2008)“",
                "Führerschein Klasse B – angegeben als „Führerschein Klasse B und eigener Pkw“",
            ],
            "{}",
            t.name
        );
        let kenntnisse = tr.faktoren.iter().find(|f| f.name == "Kenntnisse").unwrap();
        assert_eq!((kenntnisse.punkte, kenntnisse.text.as_str()), (133, "2 von 3 vorhanden"));
        let vorschlaege: Vec<(&str, Vec<&str>)> = tr
            .qualifizierung
            .iter()
            .map(|q| (q.strategie.as_str(), q.kenntnisse.iter().map(String::as_str).collect()))
            .collect();
        assert_eq!(
            vorschlaege,
            [("berufliche_teilqualifikation_realisieren", vec!["Prüfung nach DIN VDE 0100"])],
            "{}",
            t.name
        );
        assert!(tr.qualifizierung.iter().all(|q| !q.produkte.is_empty()));

        // Seen: the worklist is empty until a new posting arrives.
        assert!(app.neue_treffer(&u.vfk).await.unwrap().is_empty());

        let v = app.vorschlag_anlegen(&u.vfk, KundeId(id), VorschlagEingabe { stelle_id: tr.stelle.id }).await.unwrap();
        let doppelt = app.vorschlag_anlegen(&u.vfk, KundeId(id), VorschlagEingabe { stelle_id: tr.stelle.id }).await;
        assert!(matches!(doppelt, Err(AppFehler::Konflikt(_))));
        let schritt = |status, grund: Option<&str>| VorschlagAenderung {
            status,
            ablehnungsgrund: grund.map(str::to_string),
            rueckmeldung: Some("Vorstellung am Montag".into()),
        };
        let sprung = app
            .vorschlag_aendern(&u.vfk, KundeId(id), v.id, schritt(VorschlagStatus::Vorstellungsgespraech, None))
            .await;
        match sprung {
            Err(AppFehler::Ungueltig { feld, meldung }) => {
                assert_eq!(feld, "status");
                assert_eq!(meldung, "Nach „vorgeschlagen“ folgt beworben oder abgelehnt");
            }
            anders => panic!("{anders:?}"),
        }
        app.vorschlag_aendern(&u.vfk, KundeId(id), v.id, schritt(VorschlagStatus::Beworben, None)).await.unwrap();
        let ohne_grund =
            app.vorschlag_aendern(&u.vfk, KundeId(id), v.id, schritt(VorschlagStatus::Abgelehnt, None)).await;
        assert!(matches!(ohne_grund, Err(AppFehler::Ungueltig { ref feld, .. }) if feld == "ablehnungsgrund"));
        app.vorschlag_aendern(
            &u.vfk,
            KundeId(id),
            v.id,
            schritt(VorschlagStatus::Abgelehnt, Some("Stelle anderweitig besetzt")),
        )
        .await
        .unwrap();
        let m = app.treffer_lesen(&u.vfk, KundeId(id), None).await.unwrap();
        let vs = &m.vorschlaege[0];
        assert_eq!(vs.status, VorschlagStatus::Abgelehnt);
        assert_eq!(vs.ablehnungsgrund.as_deref(), Some("Stelle anderweitig besetzt"));
        assert_eq!(vs.rueckmeldung.as_deref(), Some("Vorstellung am Montag"));
        assert_eq!(m.treffer[0].vorschlag, Some(VorschlagStatus::Abgelehnt));
        let danach =
            app.vorschlag_aendern(&u.vfk, KundeId(id), v.id, schritt(VorschlagStatus::Eingestellt, None)).await;
        assert!(matches!(danach, Err(AppFehler::Ungueltig { ref meldung, .. }) if meldung.contains("abgeschlossen")));
        assert_eq!(gemeinsam::verlauf_zeilen_von(&app, id, "vermittlungsvorschlag").await, 3, "{}", t.name);
    }
}

#[tokio::test]
async fn index_folgt_jeder_aenderung_und_bewerber_nur_mit_zugriff() {
    for t in datenbanken().await {
        let app = app(t.db.clone()).await;
        let u = gemeinsam::umgebung(&app).await;
        let id = elektroniker(&app, &u).await;
        let stelle = |refnr: &str, ablauf: Option<NaiveDate>| StellenEingabe {
            refnr: refnr.into(),
            titel: "Elektroniker/in (m/w/d)".into(),
            arbeitgeber: "Stadtwerke".into(),
            beruf: "Elektroniker/in - Energie- und Gebäudetechnik".into(),
            plz: Some("34119".into()),
            arbeitszeit: "vz".into(),
            veroeffentlicht: Some(heute()),
            ablauf,
            ..StellenEingabe::default()
        };
        // Entered through the use case: searchable when it returns.
        let s = app.stelle_speichern(&u.vfk, None, stelle("API-1", None)).await.unwrap();
        assert_eq!(s.beruf, "26212");
        assert_eq!(app.treffer_lesen(&u.vfk, KundeId(id), None).await.unwrap().treffer.len(), 1);
        let neu = app.neue_treffer(&u.vfk).await.unwrap();
        assert!(neu.is_empty(), "seen just now");
        let s2 = app.stelle_speichern(&u.vfk, None, stelle("API-2", None)).await.unwrap();
        assert_eq!(app.neue_treffer(&u.vfk).await.unwrap()[0].neue, 1, "only the posting after the last look");

        // Posting → candidates: the VFK sees her case; another Dienststelle only counts it.
        let l = app.bewerber_zur_stelle(&u.vfk, s.id).await.unwrap();
        assert_eq!(l.bewerber.iter().map(|b| b.kunde_id).collect::<Vec<_>>(), [id]);
        assert_eq!(l.bewerber[0].name, "Erika Strom");
        let fremd = app.bewerber_zur_stelle(&u.vfk_jobcenter, s.id).await.unwrap();
        assert!(fremd.bewerber.is_empty());
        assert_eq!(fremd.weitere_ohne_zugriff, 1);
        let mut tx = app.db.begin().await.unwrap();
        let protokoll = sql!(&mut tx, wert<i64>
            "SELECT COUNT(*) FROM zugriffsprotokoll WHERE kunde_id = $1 AND zweck = $2", id, ZWECK_BEWERBERSUCHE)
        .unwrap();
        drop(tx);
        assert_eq!(protokoll, 1, "only the named candidate is a logged read ({})", t.name);

        // Expired by an edit: out of matching at once.
        let gestern = heute().pred_opt().unwrap();
        let mut e = stelle("API-2", Some(gestern));
        e.veroeffentlicht = Some(gestern);
        app.stelle_speichern(&u.vfk, Some(s2.id), e).await.unwrap();
        assert_eq!(app.treffer_lesen(&u.vfk, KundeId(id), None).await.unwrap().treffer.len(), 1);

        // A refused role, a bad field.
        assert!(matches!(
            app.stelle_speichern(&u.datenschutz, None, stelle("X", None)).await,
            Err(AppFehler::Verboten(_))
        ));
        let mut e = stelle("API-3", None);
        e.arbeitszeit = "immer".into();
        assert!(
            matches!(app.stelle_speichern(&u.vfk, None, e).await, Err(AppFehler::Ungueltig { ref feld, .. }) if feld == "arbeitszeit")
        );
        let e = stelle("API-1", None);
        assert!(
            matches!(app.stelle_speichern(&u.vfk, None, e).await, Err(AppFehler::Ungueltig { ref feld, .. }) if feld == "refnr")
        );

        // The case leaves matching when deregistered.
        app.abmelden_kunde(&u.vfk, KundeId(id), gemeinsam::abmeldung(heute())).await.unwrap();
        let m = app.treffer_lesen(&u.vfk, KundeId(id), None).await.unwrap();
        assert!(m.profil.is_none() && m.treffer.is_empty());
        assert_eq!(m.ohne_profil.as_deref(), Some("Der Kunde ist nicht arbeitsuchend gemeldet."));
        assert!(app.bewerber_zur_stelle(&u.vfk, s.id).await.unwrap().bewerber.is_empty());
    }
}

#[tokio::test]
async fn bac_zaehlt_stellen_und_bewerber_der_region() {
    for t in datenbanken().await {
        let app = app(t.db.clone()).await;
        let u = gemeinsam::umgebung(&app).await;
        app.stellen_importieren("stellen.csv", &beispiel("stellen.csv")).await.unwrap();
        let id = elektroniker(&app, &u).await;
        let b = app.bac(&u.vfk, "26212", Some("34117")).unwrap();
        assert_eq!((b.aktuell.offene_stellen, b.aktuell.bewerber), (1, 1), "{}", t.name);
        assert_eq!(b.aktuell.stellen_je_bewerber, Some(1.0));
        assert_eq!(b.verlauf.len(), 7, "six months back and now");
        // P6 trend per month end: registered since 13.07.2026, Zielberuf from the profiling of
        // 01.09.2026, so counted from the end of September.
        let monate = |b: &vierphasen_matching::Bac| -> Vec<(String, u32)> {
            b.verlauf.iter().map(|l| (l.stichtag.datum().to_string(), l.bewerber)).collect()
        };
        let erwartet = |heute: u32| {
            let tage =
                ["2026-05-31", "2026-06-30", "2026-07-31", "2026-08-31", "2026-09-30", "2026-10-31", "2026-11-24"];
            tage.iter().zip([0, 0, 0, 0, 1, 1, heute]).map(|(t, n)| (t.to_string(), n)).collect::<Vec<_>>()
        };
        assert_eq!(monate(&b), erwartet(1), "{}", t.name);
        // Deregistered today: no longer a job seeker now, still one in the past months.
        app.abmelden_kunde(&u.vfk, KundeId(id), gemeinsam::abmeldung(heute())).await.unwrap();
        let b = app.bac(&u.vfk, "26212", Some("34117")).unwrap();
        assert_eq!(monate(&b), erwartet(0), "{}", t.name);
        let weit = app.bac(&u.vfk, "26212", Some("80331")).unwrap();
        assert_eq!((weit.aktuell.offene_stellen, weit.aktuell.bewerber), (0, 0), "München is outside the radius");
        assert!(matches!(app.bac(&u.vfk, "2621", None), Err(AppFehler::Ungueltig { .. })));
    }
}

/// Job titles as the BA and employers write them map to the occupation they name; a title of
/// several occupations is refused with the candidates named (issue 15/1).
#[tokio::test]
async fn berufsbezeichnungen_der_ba_werden_zugeordnet_mehrdeutige_nennen_die_kandidaten() {
    for t in datenbanken().await {
        let app = app(t.db.clone()).await;
        let csv = "refnr;titel;arbeitgeber;beruf;plz;arbeitszeit\n\
                   P-1;Pflegefachkraft (m/w/d);Klinikum;Pflegefachmann/-frau;34117;vz\n\
                   P-2;Verkäuferin;Markt;Verkäufer/in;34117;tz\n";
        assert_eq!(app.stellen_importieren("pflege.csv", csv).await.unwrap().neu, 2, "{}", t.name);
        let u = gemeinsam::umgebung(&app).await;
        let alle = app.stellen_suchen(&u.vfk, &Stellensuche { beruf: None, alle: true }).await.unwrap();
        let beruf = |refnr: &str| alle.iter().find(|s| s.refnr == refnr).map(|s| s.beruf.clone());
        assert_eq!(beruf("P-1").as_deref(), Some("81302"), "the BA's own title");
        assert_eq!(beruf("P-2").as_deref(), Some("62102"));

        let mehrdeutig = "refnr;titel;arbeitgeber;beruf;plz;arbeitszeit\nM-1;Mechaniker;Werk;Industriemechanikerin Produktion;34117;vz\n";
        let f = app.stellen_importieren("mehrdeutig.csv", mehrdeutig).await.unwrap_err();
        assert_eq!((f[0].zeile, f[0].feld.as_str()), (2, "beruf"), "{f:?}");
        assert!(f[0].meldung.contains("passt zu mehreren Berufsgattungen") && f[0].meldung.contains("24202"), "{f:?}");
    }
}
