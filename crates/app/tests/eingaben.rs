//! Bad input refused with a German message instead of taken in silently (issue 17 item 7): names
//! of invisible characters or with a reversed writing direction, control characters and
//! over-long posting descriptions, a CSV row whose quote is never closed.

use vierphasen_app::{App, AppFehler};
use vierphasen_store::testdb::datenbanken;

use crate::gemeinsam::{neuer_kunde, umgebung};

#[tokio::test]
async fn namen_ohne_buchstaben_oder_mit_richtungsumkehr_werden_abgelehnt() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        for (name, erwartet) in [
            ("\u{200B}\u{200B}", "unsichtbare Zeichen"),
            ("Mül\u{202E}ler", "Schreibrichtung"),
            ("Anna\u{2066}", "Schreibrichtung"),
            ("---", "mindestens einen Buchstaben"),
        ] {
            let f = app.kunde_anlegen(&u.vfk, neuer_kunde(name)).await.unwrap_err();
            match f {
                AppFehler::Ungueltig { feld, meldung } => {
                    assert_eq!(feld, "nachname");
                    assert!(meldung.contains(erwartet), "{name:?}: {meldung}");
                }
                f => panic!("{name:?}: {f}"),
            }
        }
        // Real names pass: umlauts, hyphens, apostrophes, other scripts.
        for name in ["Müller-Lüdenscheidt", "O'Connor", "Łukasiewicz", "Çelik", "Nguyễn"] {
            app.kunde_anlegen(&u.vfk, neuer_kunde(name)).await.unwrap();
        }
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn stellenbeschreibung_mit_steuerzeichen_oder_zu_lang_wird_gemeldet_nicht_gekuerzt() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let kopf = "refnr;titel;arbeitgeber;beruf;plz;arbeitszeit;beschreibung\n";
        let lang = "x".repeat(20_001);
        for (beschreibung, erwartet) in [
            ("Text\u{0}mit NUL", "Steuerzeichen"),
            ("\u{1b}[31mrot", "Steuerzeichen"),
            (lang.as_str(), "höchstens 20000"),
        ] {
            let csv = format!("{kopf}S-1;Koch;Gasthaus;29302;34117;vz;{beschreibung}\n");
            let fehler = app.stellen_importieren("s.csv", &csv).await.unwrap_err();
            assert_eq!((fehler[0].zeile, fehler[0].feld.as_str()), (2, "beschreibung"), "{}", fehler[0]);
            assert!(fehler[0].meldung.contains(erwartet), "{}", fehler[0]);
        }
        // Exactly the maximum is kept whole.
        let voll = "y".repeat(20_000);
        app.stellen_importieren("s.csv", &format!("{kopf}S-2;Koch;Gasthaus;29302;34117;vz;{voll}\n")).await.unwrap();
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn offenes_anfuehrungszeichen_verschluckt_keine_zeilen_unbemerkt() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let csv = "refnr;titel;arbeitgeber;beruf;plz;arbeitszeit;beschreibung\n\
                   Q-1;Koch;Gasthaus;29302;34117;vz;\"Gute Küche\n\
                   Q-2;Koch;Gasthaus;29302;34117;vz;zweite\n\
                   Q-3;Koch;Gasthaus;29302;34117;vz;dritte\n";
        let fehler = app.stellen_importieren("q.csv", csv).await.unwrap_err();
        assert_eq!(fehler.len(), 1, "{fehler:?}");
        assert_eq!(fehler[0].zeile, 2);
        assert!(fehler[0].meldung.contains("Anführungszeichen nicht geschlossen"), "{}", fehler[0]);
        // A quoted description over several lines with an escaped quote is fine.
        let gut = "refnr;titel;arbeitgeber;beruf;plz;arbeitszeit;beschreibung\n\
                   Q-1;Koch;Gasthaus;29302;34117;vz;\"Erste Zeile\nzweite \"\"Zeile\"\"\"\n\
                   Q-2;Koch;Firma \"Sonne\";29302;34117;vz;kurz\n";
        let bericht = app.stellen_importieren("gut.csv", gut).await.unwrap();
        assert_eq!(bericht.neu, 2, "{bericht:?}");
        t.aufraeumen().await;
    }
}
