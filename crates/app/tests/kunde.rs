#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::gemeinsam::{abmeldung, neuer_kunde, umgebung, verlauf_zeilen};
use vierphasen_app::{App, AppFehler};
use vierphasen_domain::KundeId;
use vierphasen_store::sql;
use vierphasen_store::testdb::datenbanken;

#[tokio::test]
async fn angelegter_kunde_ist_im_fall_lesbar_und_der_zugriff_protokolliert() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Mustermann")).await.unwrap();
        assert_eq!(verlauf_zeilen(&app, id.0).await, 1, "{}: Anlage steht im Verlauf (D2)", t.name);

        let fall = app.fall_lesen(&u.vfk, id, Some("Beratung")).await.unwrap();
        assert_eq!(fall.stammdaten.nachname, "Mustermann");
        assert_eq!(fall.fallakte.meldungen.len(), 1);
        let bericht = vierphasen_store::protokoll::pruefen(&app.db).await.unwrap();
        assert_eq!(bericht.eintraege, 1, "{}: ein Lesezugriff, eine Protokollzeile (D3)", t.name);
        assert!(bericht.intakt());
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn fremde_dienststelle_und_admin_sehen_den_fall_nicht() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Beispiel")).await.unwrap();
        for wer in [&u.vfk_jobcenter, &u.admin] {
            let fehler = app.fall_lesen(wer, id, None).await.unwrap_err();
            assert!(matches!(fehler, AppFehler::NichtGefunden(_)), "{}: {fehler:?}", t.name);
        }
        // A case that does not exist answers the same way.
        let fehler = app.fall_lesen(&u.vfk, KundeId(id.0 + 1000), None).await.unwrap_err();
        assert!(matches!(fehler, AppFehler::NichtGefunden(_)));
        let bericht = vierphasen_store::protokoll::pruefen(&app.db).await.unwrap();
        assert_eq!(bericht.eintraege, 0, "verweigerte Zugriffe zeigen nichts und protokollieren keinen Lesezugriff");
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn kollegin_liest_aber_schreibt_nicht() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Schmidt")).await.unwrap();
        app.fall_lesen(&u.kollegin, id, None).await.unwrap();
        let heute = app.heute();
        let fehler = app.abmelden_kunde(&u.kollegin, id, abmeldung(heute)).await.unwrap_err();
        assert!(matches!(fehler, AppFehler::Verboten(_)), "{fehler:?}");
        app.abmelden_kunde(&u.vfk, id, abmeldung(heute)).await.unwrap();
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn ungueltige_eingaben_nennen_das_feld() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let mut k = neuer_kunde("  ");
        match app.kunde_anlegen(&u.vfk, k.clone()).await.unwrap_err() {
            AppFehler::Ungueltig { feld, .. } => assert_eq!(feld, "nachname"),
            f => panic!("{f:?}"),
        }
        k.nachname = "Meier".into();
        k.plz = Some("1011".into());
        match app.kunde_anlegen(&u.vfk, k.clone()).await.unwrap_err() {
            AppFehler::Ungueltig { feld, .. } => assert_eq!(feld, "plz"),
            f => panic!("{f:?}"),
        }
        k.plz = None;
        k.bedarfsgemeinschaft = Some("BG-1".into());
        match app.kunde_anlegen(&u.vfk, k).await.unwrap_err() {
            AppFehler::Ungueltig { feld, meldung } => {
                assert_eq!(feld, "bedarfsgemeinschaft");
                assert!(meldung.contains("P10"));
            }
            f => panic!("{f:?}"),
        }
        t.aufraeumen().await;
    }
}

/// A customer's PLZ must exist (data/plz), as a posting's must: an unknown one would never be
/// matched (§8.4 Umkreis). Refused with a German message, nothing stored.
#[tokio::test]
async fn unbekannte_postleitzahl_wird_abgelehnt() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        for (plz, meldung) in [
            ("99999", "99999 ist keine deutsche Postleitzahl"),
            ("3411", "bitte die Postleitzahl mit fünf Ziffern angeben, z. B. 34117"),
        ] {
            let mut neu = neuer_kunde("Postleitzahl");
            neu.plz = Some(plz.into());
            let f = app.kunde_anlegen(&u.vfk, neu).await.unwrap_err();
            assert!(
                matches!(&f, AppFehler::Ungueltig { feld, meldung: m } if feld == "plz" && m == meldung),
                "{}: {f:?}",
                t.name
            );
        }
        let mut tx = app.db.begin().await.unwrap();
        let n = sql!(&mut tx, wert<i64> "SELECT COUNT(*) FROM kunde WHERE nachname = 'Postleitzahl'").unwrap();
        assert_eq!(n, 0, "{}", t.name);
        let mut neu = neuer_kunde("Postleitzahl");
        neu.plz = Some(" 34117 ".into());
        drop(tx);
        app.kunde_anlegen(&u.vfk, neu).await.unwrap();
        t.aufraeumen().await;
    }
}

/// Issue 15/7: names in Latin script (with every accent), no emoji; no registration in the
/// Allgemeine Vermittlung before 15.
#[tokio::test]
async fn namen_und_mindestalter_bei_der_anlage() {
    for t in datenbanken().await {
        let app = crate::gemeinsam::am_montag(App::starten(t.db.clone()).await.unwrap());
        let u = umgebung(&app).await;
        let mut k = neuer_kunde("Ćosić-Ołowska O’Neill");
        k.vorname = "Zoë Ş.".into();
        app.kunde_anlegen(&u.vfk, k).await.expect("lateinische Schrift mit Akzenten");
        for (feld, name) in [("nachname", "Müller 😀"), ("vorname", "Иван"), ("nachname", "Meier ★")] {
            let mut k = neuer_kunde("Muster");
            if feld == "vorname" {
                k.vorname = name.into();
            } else {
                k.nachname = name.into();
            }
            match app.kunde_anlegen(&u.vfk, k).await.unwrap_err() {
                AppFehler::Ungueltig { feld: f, meldung } => {
                    assert_eq!(f, feld, "{}: {name}", t.name);
                    assert!(meldung.contains("lateinischen Schrift"), "{meldung}");
                }
                f => panic!("{name}: {f:?}"),
            }
        }
        // 14 years and 11 months on Monday, 7 December 2026.
        let mut jung = neuer_kunde("Jung");
        jung.geburtsdatum = "2012-01-07".parse().unwrap();
        match app.kunde_anlegen(&u.vfk, jung.clone()).await.unwrap_err() {
            AppFehler::Ungueltig { feld, meldung } => {
                assert_eq!(feld, "geburtsdatum");
                assert!(meldung.contains("14 Jahre") && meldung.contains("Berufsberatung"), "{meldung}");
            }
            f => panic!("{f:?}"),
        }
        jung.segment = vierphasen_domain::Segment::AusbV;
        app.kunde_anlegen(&u.vfk, jung).await.expect("die Ausbildungsvermittlung berät auch Jüngere");
        t.aufraeumen().await;
    }
}

/// Issue 15/7: the same person twice (name in another spelling, same birth date) is refused with
/// the existing Kundennummer until the VFK confirms it is another person.
#[tokio::test]
async fn dieselbe_person_zweimal_wird_erst_nach_bestaetigung_angelegt() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let mut k = neuer_kunde("Müller");
        k.vorname = "Inge".into();
        let erste = app.kunde_anlegen(&u.vfk, k.clone()).await.unwrap();
        let nummer = app.fall_lesen(&u.vfk, erste, None).await.unwrap().stammdaten.kundennummer;

        let mut zweite = k.clone();
        zweite.nachname = "Mueller".into();
        match app.kunde_anlegen(&u.kollegin, zweite.clone()).await.unwrap_err() {
            AppFehler::Ungueltig { feld, meldung } => {
                assert_eq!(feld, "bestaetigt", "{}", t.name);
                assert!(meldung.contains(&nummer), "{meldung}");
            }
            f => panic!("{f:?}"),
        }
        zweite.bestaetigt = true;
        app.kunde_anlegen(&u.kollegin, zweite).await.expect("eine andere Person, bestätigt");
        // Another birth date is another person.
        let mut dritte = k;
        dritte.geburtsdatum = "1985-04-13".parse().unwrap();
        app.kunde_anlegen(&u.vfk, dritte).await.unwrap();
        t.aufraeumen().await;
    }
}
