//! U1: the Agentur's administration enters the local handover standard with each partner
//! Jobcenter (issue 13/5); the Teamleitung reads it.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use serde::Deserialize;
use vierphasen_app::AppFehler;
use vierphasen_app::konto::Angemeldet;
use vierphasen_app::uebergabe::{Uebergabestandard, UebergabestandardEingabe};
use vierphasen_domain::zugriff::Rolle;

use super::gespeichert::{self, Erledigt};
use super::verwaltung::Auswahl;
use super::{Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, beschriften, mit_status, weiter_zu};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new().route("/verwaltung/uebergabe", get(anzeigen).post(speichern))
}

#[derive(Template)]
#[template(path = "uebergabestandard.html")]
struct Seite {
    rahmen: Rahmen,
    erledigt: Option<&'static str>,
    admin: bool,
    standards: Vec<Uebergabestandard>,
    jobcenter: Vec<Auswahl>,
    f: Formular,
    rueckmeldung: Rueckmeldung,
}

#[derive(Debug, Deserialize)]
pub struct Parameter {
    #[serde(default, deserialize_with = "gespeichert::lesen")]
    erledigt: Option<Erledigt>,
}

async fn seite(
    b: &Angemeldet,
    z: &Zustand,
    f: Formular,
    rueckmeldung: Rueckmeldung,
    erledigt: Option<&'static str>,
) -> SeitenErgebnis {
    if !matches!(b.rolle, Rolle::Admin | Rolle::Teamleitung) {
        return Err(AppFehler::Verboten("Den Übergabestandard pflegt die Administration.".into()).into());
    }
    let standards = z.app.uebergabestandards(&b.akteur).await?;
    let jobcenter = z
        .app
        .jobcenter_auswahl()
        .await?
        .into_iter()
        .map(|(id, name)| Auswahl { wert: id.to_string(), text: name })
        .collect();
    let status = rueckmeldung.status();
    Ok(mit_status(
        &Seite {
            rahmen: Rahmen::neu(b, "verwaltung"),
            erledigt,
            admin: b.rolle == Rolle::Admin,
            standards,
            jobcenter,
            f,
            rueckmeldung,
        },
        status,
    ))
}

async fn anzeigen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Query(p): Query<Parameter>,
) -> SeitenErgebnis {
    let vorgabe = Formular(vec![("uebernahme_tage".into(), "5".into()), ("erstgespraech_tage".into(), "14".into())]);
    seite(&b, &z, vorgabe, Rueckmeldung::default(), p.erledigt.map(Erledigt::text)).await
}

async fn speichern(State(z): State<Zustand>, SeitenBenutzer(b): SeitenBenutzer, f: Formular) -> SeitenErgebnis {
    let eingabe = (|| {
        let pflicht = |name: &str, label: &str| {
            f.zahl::<u32>(name, label)?.ok_or_else(|| AppFehler::ungueltig(name, "Bitte eine Zahl angeben."))
        };
        Ok::<_, AppFehler>(UebergabestandardEingabe {
            jobcenter_id: f
                .zahl::<i64>("jobcenter_id", "Jobcenter")?
                .ok_or_else(|| AppFehler::ungueltig("jobcenter_id", "Bitte das Jobcenter wählen."))?,
            uebernahme_tage: pflicht("uebernahme_tage", "Übernahme binnen Tagen")?,
            erstgespraech_tage: pflicht("erstgespraech_tage", "Erstgespräch SGB II binnen Tagen")?,
            antragsausgabe: f.text("antragsausgabe"),
        })
    })();
    let ergebnis = match eingabe {
        Ok(e) => z.app.uebergabestandard_setzen(&b.akteur, e).await,
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(_) => Ok(weiter_zu(&Erledigt::Uebergabestandard.nach("/verwaltung/uebergabe"))),
        Err(e) => {
            let r = beschriften(
                Rueckmeldung::aus(e)?,
                &[
                    ("jobcenter_id", "Jobcenter"),
                    ("uebernahme_tage", "Übernahme binnen Tagen"),
                    ("erstgespraech_tage", "Erstgespräch SGB II binnen Tagen"),
                    ("antragsausgabe", "Vereinbarung zur Antragsausgabe"),
                ],
            );
            seite(&b, &z, f, r, None).await
        }
    }
}
