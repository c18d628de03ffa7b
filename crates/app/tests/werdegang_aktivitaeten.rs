//! The Werdegang (Stärken- und Potenzialanalyse) and the F4 activities beside the
//! Folgegespräche: saved, read back in order, with a Verlauf row; bad input refused with a German
//! message and nothing stored.

use chrono::Days;
use serde_json::json;
use vierphasen_app::{App, AppFehler};
use vierphasen_domain::fallakte::{Aktivitaet, Werdegangseintrag};
use vierphasen_domain::{KundeId, Monat};
use vierphasen_store::testdb::datenbanken;

use crate::gemeinsam::{neuer_kunde, umgebung, verlauf_zeilen_von};

fn stufe(wert: serde_json::Value) -> Werdegangseintrag {
    serde_json::from_value(wert).unwrap()
}

fn aktivitaet(wert: serde_json::Value) -> Aktivitaet {
    serde_json::from_value(wert).unwrap()
}

fn ungueltig(f: AppFehler) -> (String, String) {
    match f {
        AppFehler::Ungueltig { feld, meldung } => (feld, meldung),
        f => panic!("erwartet eine abgelehnte Eingabe, war {f:?}"),
    }
}

async fn werdegang(app: &App, u: &vierphasen_domain::zugriff::Akteur, id: KundeId) -> Vec<String> {
    let fall = app.fall_lesen(u, id, None).await.unwrap();
    fall.fallakte.kunde.werdegang.iter().map(|w| format!("{}: {}", w.zeitraum_text(), w.bezeichnung)).collect()
}

#[tokio::test]
async fn werdegang_wird_geordnet_gespeichert_und_abschnitte_entfernt() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Werdegang")).await.unwrap();

        let arbeit = json!({ "art": "beschaeftigung", "von": "2012-02", "bis": "2024-12",
                             "bezeichnung": "Verkäuferin bei Nordstern Handel", "beruf": "62102" });
        let a = app.werdegang_erfassen(&u.vfk, id, stufe(arbeit)).await.unwrap();
        // Entered later, but earlier in time: the list stays in the order of the Werdegang.
        let ausbildung = json!({ "art": "ausbildung", "von": "2009-08", "bis": "2012-01",
                                 "bezeichnung": "  Ausbildung zur Kauffrau im Einzelhandel  " });
        app.werdegang_erfassen(&u.vfk, id, stufe(ausbildung)).await.unwrap();
        assert_eq!(
            werdegang(&app, &u.vfk, id).await,
            vec![
                "08/2009 – 01/2012: Ausbildung zur Kauffrau im Einzelhandel",
                "02/2012 – 12/2024: Verkäuferin bei Nordstern Handel"
            ],
            "{}",
            t.name
        );
        assert_eq!(verlauf_zeilen_von(&app, id.0, "werdegang").await, 2, "{}", t.name);

        // Refused, with the field named and nothing stored.
        let heute = app.heute();
        let naechster = Monat::von_datum(heute + Days::new(40)).iso();
        let falsch = [
            (
                json!({ "art": "studium", "von": "2015-10", "bis": "2014-09", "bezeichnung": "Studium BWL" }),
                "bis",
                "liegt vor dem Beginn (10/2015)",
            ),
            (
                json!({ "art": "sonstiges", "von": naechster, "bezeichnung": "Freiwilligendienst" }),
                "von",
                "liegt in der Zukunft",
            ),
            (
                json!({ "art": "beschaeftigung", "von": "2025-01", "bis": naechster, "bezeichnung": "Befristete Stelle" }),
                "bis",
                "bei einem laufenden Abschnitt das Ende leer lassen",
            ),
            (json!({ "art": "schule", "von": "1995-08", "bezeichnung": "   " }), "bezeichnung", "darf nicht leer sein"),
            (
                json!({ "art": "beschaeftigung", "von": "2025-01", "bezeichnung": "Lager", "beruf": "99999" }),
                "beruf",
                "KldB-Code 99999 gibt es nicht",
            ),
        ];
        for (eingabe, feld, text) in falsch {
            let (f, m) = ungueltig(app.werdegang_erfassen(&u.vfk, id, stufe(eingabe)).await.unwrap_err());
            assert_eq!(f, feld, "{}: {m}", t.name);
            assert!(m.contains(text), "{}: {m}", t.name);
        }
        assert_eq!(werdegang(&app, &u.vfk, id).await.len(), 2, "{}: nichts gespeichert", t.name);

        // A stage running until now has no end.
        let laufend = json!({ "art": "selbstaendigkeit", "von": Monat::von_datum(heute).iso(),
                              "bezeichnung": "Nebenberuflich selbständig (Onlinehandel)" });
        app.werdegang_erfassen(&u.vfk, id, stufe(laufend)).await.unwrap();
        assert!(werdegang(&app, &u.vfk, id).await[2].starts_with("seit "), "{}", t.name);

        // Removing a stage: gone from the Fallakte, the Verlauf keeps it.
        app.werdegang_entfernen(&u.vfk, id, a.id).await.unwrap();
        let liste = werdegang(&app, &u.vfk, id).await;
        assert_eq!(liste.len(), 2, "{}", t.name);
        assert!(!liste.iter().any(|w| w.contains("Verkäuferin")), "{}", t.name);
        assert_eq!(verlauf_zeilen_von(&app, id.0, "werdegang").await, 4, "{}", t.name);
        assert!(matches!(app.werdegang_entfernen(&u.vfk, id, a.id).await.unwrap_err(), AppFehler::NichtGefunden(_)));

        // Only who may edit the case: a VFK of another team sees nothing.
        let fremd = app.werdegang_entfernen(&u.vfk_jobcenter, id, a.id).await.unwrap_err();
        assert!(matches!(fremd, AppFehler::NichtGefunden(_)), "{}: {fremd:?}", t.name);

        // The export carries it (and reads as a Fallakte).
        let akte = app.fall_exportieren(&u.vfk, id).await.unwrap();
        assert_eq!(akte.kunde.werdegang.len(), 2);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn aktivitaeten_werden_erfasst_und_zukuenftige_abgelehnt() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Aktiv")).await.unwrap();
        let heute = app.heute();
        let vor = |tage: u64| heute - Days::new(tage);

        let coaching = json!({ "datum": vor(3), "art": "bewerbercoaching",
                               "beschreibung": "Bewerbungstraining, drei Termine", "traeger": " Bildungswerk am Fluss " });
        let gruppe = json!({ "datum": vor(20), "art": "gruppenmassnahme",
                             "beschreibung": "Gruppenberatung zur Selbstvermarktung", "traeger": "" });
        app.aktivitaet_erfassen(&u.vfk, id, aktivitaet(coaching)).await.unwrap();
        let g = app.aktivitaet_erfassen(&u.vfk, id, aktivitaet(gruppe)).await.unwrap();
        assert!(g.befunde.is_empty(), "{}: keine Regel liest Aktivitäten", t.name);

        let fall = app.fall_lesen(&u.vfk, id, None).await.unwrap();
        let liste = &fall.fallakte.aktivitaeten;
        assert_eq!(liste.len(), 2, "{}", t.name);
        assert_eq!((liste[0].datum, liste[0].traeger.as_deref()), (vor(20), None), "{}: älteste zuerst", t.name);
        assert_eq!(liste[1].traeger.as_deref(), Some("Bildungswerk am Fluss"), "{}", t.name);
        assert_eq!(fall.ids.aktivitaeten.len(), 2);
        assert_eq!(verlauf_zeilen_von(&app, id.0, "aktivitaet").await, 2, "{}", t.name);

        let morgen = json!({ "datum": heute + Days::new(1), "art": "sonstige", "beschreibung": "Jobmesse" });
        let (feld, m) = ungueltig(app.aktivitaet_erfassen(&u.vfk, id, aktivitaet(morgen)).await.unwrap_err());
        assert_eq!((feld.as_str(), m.contains("liegt in der Zukunft")), ("datum", true), "{}: {m}", t.name);
        let leer = json!({ "datum": heute, "art": "sonstige", "beschreibung": " " });
        let (feld, _) = ungueltig(app.aktivitaet_erfassen(&u.vfk, id, aktivitaet(leer)).await.unwrap_err());
        assert_eq!(feld, "beschreibung");
        assert_eq!(app.fall_lesen(&u.vfk, id, None).await.unwrap().fallakte.aktivitaeten.len(), 2, "{}", t.name);

        let auskunft = app.auskunft_art15(&u.vfk, id).await.unwrap();
        assert_eq!(auskunft.fallakte.aktivitaeten.len(), 2, "{}: in der Auskunft", t.name);
        t.aufraeumen().await;
    }
}
