//! Issue 15/7: the customer search finds people as staff type them — umlauts and accents in any
//! spelling, first and last name in any order, the birth date.

use chrono::NaiveDate;
use vierphasen_app::App;
use vierphasen_app::fall::{Kundensuche, namenssuche};
use vierphasen_store::sql;
use vierphasen_store::testdb::datenbanken;

use crate::gemeinsam::{neuer_kunde, umgebung};

fn suche(text: &str) -> Kundensuche {
    Kundensuche { suche: Some(text.to_owned()), meine: false }
}

async fn namen(app: &App, wer: &vierphasen_domain::zugriff::Akteur, text: &str) -> Vec<String> {
    let mut n: Vec<String> =
        app.kunden_liste(wer, &suche(text)).await.unwrap().into_iter().map(|k| k.nachname).collect();
    n.sort();
    n
}

#[test]
fn namen_werden_gefaltet() {
    assert_eq!(namenssuche::falten("Müller"), namenssuche::falten("Mueller"));
    assert_eq!(namenssuche::falten("Müller"), namenssuche::falten("MULLER"));
    assert_eq!(namenssuche::falten("Ćosić"), "cosic");
    assert_eq!(namenssuche::falten("Łukasz Øster-Straße"), "lukasz oster strasse");
    let s = namenssuche::lesen("Müller 12.04.1985 Inge");
    assert_eq!(s.woerter, ["muller", "inge"]);
    assert_eq!(s.geburtsdatum, NaiveDate::from_ymd_opt(1985, 4, 12));
}

#[tokio::test]
async fn suche_findet_schreibweisen_reihenfolge_und_geburtsdatum() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        for (vorname, nachname, geburtsdatum) in [
            ("Inge", "Müller", "1985-04-12"),
            ("Dragan", "Ćosić", "1979-11-03"),
            ("Hans-Jürgen", "Meyer", "1985-04-12"),
        ] {
            let mut k = neuer_kunde(nachname);
            k.vorname = vorname.into();
            k.geburtsdatum = geburtsdatum.parse().unwrap();
            app.kunde_anlegen(&u.vfk, k).await.unwrap();
        }
        for (eingabe, erwartet) in [
            ("Mueller", vec!["Müller"]),
            ("muller", vec!["Müller"]),
            ("Müller Inge", vec!["Müller"]),
            ("inge mueller", vec!["Müller"]),
            ("Cosic", vec!["Ćosić"]),
            ("ćosić dragan", vec!["Ćosić"]),
            ("Juergen", vec!["Meyer"]),
            ("12.04.1985", vec!["Meyer", "Müller"]),
            ("Meyer 1985-04-12", vec!["Meyer"]),
            ("Müller Hans", vec![]),
            ("Müller 03.11.1979", vec![]),
        ] {
            assert_eq!(namen(&app, &u.vfk, eingabe).await, erwartet, "{}: „{eingabe}“", t.name);
        }
        // The Kundennummer still finds.
        let alle = app.kunden_liste(&u.vfk, &Kundensuche::default()).await.unwrap();
        let nummer = alle.iter().find(|k| k.nachname == "Meyer").unwrap().kundennummer.clone();
        assert_eq!(namen(&app, &u.vfk, &nummer).await, ["Meyer"]);

        // Customers registered before the search key existed get it on the next start.
        let mut tx = app.db.begin().await.unwrap();
        sql!(&mut tx, ausfuehren "UPDATE kunde SET suchname = NULL").unwrap();
        tx.commit().await.unwrap();
        assert!(namen(&app, &u.vfk, "Mueller").await.is_empty());
        let app = App::starten(t.db.clone()).await.unwrap();
        assert_eq!(namen(&app, &u.vfk, "Mueller").await, ["Müller"], "{}", t.name);
        t.aufraeumen().await;
    }
}
