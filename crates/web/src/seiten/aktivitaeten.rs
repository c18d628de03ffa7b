//! F4: activities beside the Folgegespräche (Gruppenmaßnahmen, Bewerbercoaching, Beratung zu
//! Selbstvermarktungsstrategien): the list of a case and the form that records one.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use vierphasen_app::AppFehler;
use vierphasen_app::fall::Akte;
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::KundeId;
use vierphasen_domain::fallakte::{Aktivitaet, Aktivitaetsart};

use super::akte::Aktenbild;
use super::anzeige::datum_text;
use super::gespeichert::{Gespeichert, Hinweis};
use super::{
    FallPfad, Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, beschriften, mit_status, weiter_zu,
};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new().route("/kunden/{id}/aktivitaeten", get(anzeigen).post(erfassen))
}

struct Zeile {
    datum: String,
    art: &'static str,
    beschreibung: String,
    traeger: String,
}

struct Artwahl {
    wert: &'static str,
    text: &'static str,
}

#[derive(Template)]
#[template(path = "aktivitaeten.html")]
struct Seite {
    rahmen: Rahmen,
    a: Aktenbild,
    gespeichert: Option<&'static str>,
    /// Newest first.
    zeilen: Vec<Zeile>,
    arten: Vec<Artwahl>,
    rueckmeldung: Rueckmeldung,
    /// What was typed into the refused form (else today / nothing).
    f: Formular,
    datum: String,
}

fn seite(
    b: &Angemeldet,
    z: &Zustand,
    akte: &Akte,
    f: Formular,
    r: Rueckmeldung,
    gespeichert: Option<&'static str>,
) -> SeitenErgebnis {
    let zeilen = akte
        .ansicht
        .fallakte
        .aktivitaeten
        .iter()
        .rev()
        .map(|a| Zeile {
            datum: datum_text(a.datum),
            art: a.art.label(),
            beschreibung: a.beschreibung.clone(),
            traeger: a.traeger.clone().unwrap_or_default(),
        })
        .collect();
    let heute = z.app.heute();
    let status = r.status();
    Ok(mit_status(
        &Seite {
            rahmen: Rahmen::neu(b, "kunden"),
            a: Aktenbild::aus(akte, z.app.katalog, heute),
            gespeichert,
            zeilen,
            arten: Aktivitaetsart::ALLE.into_iter().map(|a| Artwahl { wert: a.id(), text: a.label() }).collect(),
            rueckmeldung: r,
            datum: f.wert("datum").map_or_else(|| heute.to_string(), str::to_owned),
            f,
        },
        status,
    ))
}

async fn anzeigen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    Query(p): Query<Hinweis>,
) -> SeitenErgebnis {
    let akte = z.app.akte_lesen(&b.akteur, id, None).await?;
    seite(&b, &z, &akte, Formular::default(), Rueckmeldung::default(), p.text())
}

async fn zurueck(b: &Angemeldet, z: &Zustand, kunde: KundeId, fehler: AppFehler, f: Formular) -> SeitenErgebnis {
    let r = beschriften(
        Rueckmeldung::aus(fehler)?,
        &[("datum", "Datum"), ("art", "Art"), ("beschreibung", "Beschreibung"), ("traeger", "Träger")],
    );
    let akte = z.app.akte_lesen(&b.akteur, kunde, None).await?;
    seite(b, z, &akte, f, r, None)
}

/// F4: records an activity.
async fn erfassen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let eingabe = f.datum_pflicht("datum", "Datum").and_then(|datum| {
        let art = f
            .wert("art")
            .and_then(Aktivitaetsart::aus_id)
            .ok_or_else(|| AppFehler::ungueltig("art", "Bitte die Art der Aktivität wählen."))?;
        Ok(Aktivitaet {
            datum,
            art,
            beschreibung: f.text("beschreibung"),
            traeger: f.wert("traeger").map(str::to_owned),
        })
    });
    let ergebnis = match eingabe {
        Ok(a) => z.app.aktivitaet_erfassen(&b.akteur, id, a).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(()) => Ok(weiter_zu(&Gespeichert::Aktivitaet.nach(format!("/kunden/{id}/aktivitaeten")))),
        Err(e) => zurueck(&b, &z, id, e, f).await,
    }
}
