//! The Werdegang of the Stärken- und Potenzialanalyse (seed 2.1.1, VerBIS page „Lebenslauf“):
//! school, training and employment as stages with months; a wrong stage is removed and added anew.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::{get, post};
use vierphasen_app::AppFehler;
use vierphasen_app::fall::Akte;
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::KundeId;
use vierphasen_domain::fallakte::{Werdegangsart, Werdegangseintrag};

use super::akte::Aktenbild;
use super::anzeige::beruf_name;
use super::gespeichert::{Gespeichert, Hinweis};
use super::{
    FallPfad, FallZeile, Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, beschriften, mit_status,
    weiter_zu,
};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/kunden/{id}/werdegang", get(anzeigen).post(erfassen))
        .route("/kunden/{id}/werdegang/{wid}/entfernen", post(entfernen))
}

struct Zeile {
    id: i64,
    zeitraum: String,
    art: &'static str,
    bezeichnung: String,
    beruf: String,
}

struct Artwahl {
    wert: &'static str,
    text: &'static str,
}

#[derive(Template)]
#[template(path = "werdegang.html")]
struct Seite {
    rahmen: Rahmen,
    a: Aktenbild,
    gespeichert: Option<&'static str>,
    /// Oldest first, as a CV reads.
    zeilen: Vec<Zeile>,
    arten: Vec<Artwahl>,
    rueckmeldung: Rueckmeldung,
    /// What was typed into the refused form.
    f: Formular,
}

fn seite(
    b: &Angemeldet,
    z: &Zustand,
    akte: &Akte,
    f: Formular,
    r: Rueckmeldung,
    gespeichert: Option<&'static str>,
) -> SeitenErgebnis {
    let k = z.app.katalog;
    let zeilen = akte
        .ansicht
        .fallakte
        .kunde
        .werdegang
        .iter()
        .zip(&akte.ansicht.ids.werdegang)
        .map(|(w, id)| Zeile {
            id: *id,
            zeitraum: w.zeitraum_text(),
            art: w.art.label(),
            bezeichnung: w.bezeichnung.clone(),
            beruf: w.beruf.as_deref().map(|c| beruf_name(k, c)).unwrap_or_default(),
        })
        .collect();
    let status = r.status();
    Ok(mit_status(
        &Seite {
            rahmen: Rahmen::neu(b, "kunden"),
            a: Aktenbild::aus(akte, k, z.app.heute()),
            gespeichert,
            zeilen,
            arten: Werdegangsart::ALLE.into_iter().map(|a| Artwahl { wert: a.id(), text: a.label() }).collect(),
            rueckmeldung: r,
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
        &[("art", "Art"), ("von", "Von"), ("bis", "Bis"), ("bezeichnung", "Bezeichnung"), ("beruf", "Beruf")],
    );
    let akte = z.app.akte_lesen(&b.akteur, kunde, None).await?;
    seite(b, z, &akte, f, r, None)
}

/// What the form says, as the use case takes it.
fn eintrag(f: &Formular) -> Result<Werdegangseintrag, AppFehler> {
    let art = f
        .wert("art")
        .and_then(Werdegangsart::aus_id)
        .ok_or_else(|| AppFehler::ungueltig("art", "Bitte die Art des Abschnitts wählen."))?;
    let von = f.monat("von", "Von")?.ok_or_else(|| AppFehler::ungueltig("von", "Von: bitte einen Monat angeben"))?;
    Ok(Werdegangseintrag {
        art,
        von,
        bis: f.monat("bis", "Bis")?,
        bezeichnung: f.text("bezeichnung"),
        beruf: f.wert("beruf").map(str::to_owned),
    })
}

async fn erfassen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let ergebnis = match eintrag(&f) {
        Ok(w) => z.app.werdegang_erfassen(&b.akteur, id, w).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(()) => Ok(weiter_zu(&Gespeichert::Werdegang.nach(format!("/kunden/{id}/werdegang")))),
        Err(e) => zurueck(&b, &z, id, e, f).await,
    }
}

async fn entfernen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, wid): FallZeile,
) -> SeitenErgebnis {
    z.app.werdegang_entfernen(&b.akteur, id, wid).await?;
    Ok(weiter_zu(&Gespeichert::WerdegangEntfernt.nach(format!("/kunden/{id}/werdegang"))))
}
