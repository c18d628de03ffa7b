//! Registering a customer (start of phase 1): Stammdaten, Arbeitsuchendmeldung, for SGB II the
//! Bedarfsgemeinschaft (P10). The new case goes to the caseload of the VFK who registers it.

use askama::Template;
use axum::extract::State;
use vierphasen_app::AppFehler;
use vierphasen_app::fall::NeuerKunde;
use vierphasen_domain::fallakte::Erwerbstaetigkeit;
use vierphasen_domain::{Rechtskreis, Segment};

use super::gespeichert::Gespeichert;
use super::{Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, beschriften, html, mit_status, weiter_zu};
use crate::zustand::Zustand;

#[derive(Template)]
#[template(path = "kunde_neu.html")]
struct Anlageseite {
    rahmen: Rahmen,
    sgb2: bool,
    f: Formular,
    rueckmeldung: Rueckmeldung,
}

pub async fn formular(State(z): State<Zustand>, SeitenBenutzer(b): SeitenBenutzer) -> SeitenErgebnis {
    let sgb2 = z.app.rechtskreis_der_dienststelle(&b.akteur).await? == Rechtskreis::SgbII;
    let seite = Anlageseite {
        rahmen: Rahmen::neu(&b, "kunden"),
        sgb2,
        f: Formular::default(),
        rueckmeldung: Rueckmeldung::default(),
    };
    Ok(html(&seite))
}

/// The form as the use case takes it, or every field the page itself cannot read.
fn eingabe(f: &Formular, rechtskreis: Rechtskreis) -> Result<NeuerKunde, Vec<AppFehler>> {
    let segment = match f.wert("segment") {
        None | Some("AV") => Ok(Segment::AV),
        Some("AusbV") => Ok(Segment::AusbV),
        Some("Reha") => Ok(Segment::Reha),
        Some(_) => Err(AppFehler::ungueltig("segment", "Bitte ein Segment aus der Liste wählen")),
    };
    let erwerbstaetigkeit = match f.wert("erwerbstaetigkeit") {
        None => Ok(None),
        Some(w) => Erwerbstaetigkeit::aus_id(w)
            .map(Some)
            .ok_or_else(|| AppFehler::ungueltig("erwerbstaetigkeit", "Bitte eine Angabe aus der Liste wählen")),
    };
    let geburtsdatum = f.datum_pflicht("geburtsdatum", "Geburtsdatum");
    let arbeitslos_seit = f.datum("arbeitslos_seit", "Arbeitslos seit");
    let meldung_am = f.datum("meldung_am", "Arbeitsuchend gemeldet am");
    match (segment, erwerbstaetigkeit, geburtsdatum, arbeitslos_seit, meldung_am) {
        (Ok(segment), Ok(erwerbstaetigkeit), Ok(geburtsdatum), Ok(arbeitslos_seit), Ok(meldung_am)) => Ok(NeuerKunde {
            vorname: f.text("vorname"),
            nachname: f.text("nachname"),
            geburtsdatum,
            rechtskreis,
            segment,
            plz: f.wert("plz").map(str::to_owned),
            bedarfsgemeinschaft: f.wert("bedarfsgemeinschaft").map(str::to_owned),
            arbeitslos_seit,
            erwerbstaetigkeit,
            meldung_am,
            bestaetigt: f.bestaetigt(),
        }),
        (a, b, c, d, e) => Err([a.err(), b.err(), c.err(), d.err(), e.err()].into_iter().flatten().collect()),
    }
}

pub async fn anlegen(State(z): State<Zustand>, SeitenBenutzer(b): SeitenBenutzer, f: Formular) -> SeitenErgebnis {
    let rechtskreis = z.app.rechtskreis_der_dienststelle(&b.akteur).await?;
    let ergebnis = match eingabe(&f, rechtskreis) {
        Ok(neu) => z.app.kunde_anlegen(&b.akteur, neu).await,
        // What the page cannot read, and what the use case says about the rest (issue 15/7).
        Err(mut fehler) => {
            let stamm = z.app.stammdaten_vorpruefen(&f.text("vorname"), &f.text("nachname"), f.wert("plz"));
            fehler.extend(stamm.err().unwrap_or_default());
            Err(AppFehler::alle(fehler)
                .err()
                .unwrap_or_else(|| AppFehler::intern_meldung("Formular ohne Fehler abgewiesen")))
        }
    };
    match ergebnis {
        Ok(id) => Ok(weiter_zu(&Gespeichert::Kunde.nach(format!("/kunden/{id}")))),
        Err(e) => {
            let namen = [
                ("vorname", "Vorname"),
                ("nachname", "Nachname"),
                ("geburtsdatum", "Geburtsdatum"),
                ("plz", "Postleitzahl"),
                ("bedarfsgemeinschaft", "Bedarfsgemeinschaft"),
                ("segment", "Segment"),
            ];
            let rueckmeldung = beschriften(Rueckmeldung::aus(e)?, &namen);
            let status = rueckmeldung.status();
            let seite = Anlageseite {
                rahmen: Rahmen::neu(&b, "kunden"),
                sgb2: rechtskreis == Rechtskreis::SgbII,
                f,
                rueckmeldung,
            };
            Ok(mit_status(&seite, status))
        }
    }
}
