//! The customer's registration episodes (C1/C2): deregistration with its reason, and the new
//! registration, which the rules turn into a Reaktivierungskunde (C1) or a Neukunde (C2).

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::{get, post};
use vierphasen_app::AppFehler;
use vierphasen_app::fall::{Abmeldung, Akte};
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::fallakte::Abmeldegrund;
use vierphasen_domain::regeln::lebenslauf::Wiedermeldung;
use vierphasen_domain::{KundeId, Regel};

use super::akte::Aktenbild;
use super::anzeige::datum_text;
use super::formular::{BefundZeile, befund_zeilen};
use super::gespeichert::{Gespeichert, Hinweis};
use super::{
    FallPfad, Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, beschriften, mit_status, weiter_zu,
};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/kunden/{id}/meldung", get(anzeigen).post(wiedermelden))
        .route("/kunden/{id}/meldung/abmeldung", post(abmelden))
}

struct Zeitraum {
    beginn: String,
    ende: String,
    grund: &'static str,
}

struct Grundwahl {
    wert: &'static str,
    text: &'static str,
}

#[derive(Template)]
#[template(path = "meldung.html")]
struct Seite {
    rahmen: Rahmen,
    a: Aktenbild,
    gespeichert: Option<&'static str>,
    zeitraeume: Vec<Zeitraum>,
    /// Registered now: the deregistration form is shown, else the registration form.
    gemeldet: bool,
    gruende: Vec<Grundwahl>,
    befunde: Vec<BefundZeile>,
    rueckmeldung: Rueckmeldung,
    /// What was typed into the refused form (else today / nothing).
    datum: String,
    grund: String,
}

fn seite(
    b: &Angemeldet,
    z: &Zustand,
    akte: &Akte,
    getippt: (Option<String>, String),
    r: Rueckmeldung,
    gespeichert: Option<&'static str>,
) -> SeitenErgebnis {
    let heute = z.app.heute();
    let meldungen = &akte.ansicht.fallakte.meldungen;
    let zeitraeume = meldungen
        .iter()
        .rev()
        .map(|m| Zeitraum {
            beginn: datum_text(m.beginn),
            ende: m.ende.map(datum_text).unwrap_or_default(),
            grund: m.abmeldegrund.map_or("", Abmeldegrund::label),
        })
        .collect();
    let befunde: Vec<_> =
        akte.ansicht.pruefung.befunde.iter().filter(|b| matches!(b.regel, Regel::C2 | Regel::PL2a)).cloned().collect();
    let status = r.status();
    Ok(mit_status(
        &Seite {
            rahmen: Rahmen::neu(b, "kunden"),
            a: Aktenbild::aus(akte, z.app.katalog, heute),
            gespeichert,
            zeitraeume,
            gemeldet: meldungen.last().is_some_and(|m| m.ende.is_none()),
            gruende: Abmeldegrund::ALLE.into_iter().map(|g| Grundwahl { wert: g.id(), text: g.label() }).collect(),
            befunde: befund_zeilen(&befunde),
            rueckmeldung: r,
            datum: getippt.0.unwrap_or_else(|| heute.to_string()),
            grund: getippt.1,
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
    seite(&b, &z, &akte, (None, String::new()), Rueckmeldung::default(), p.text())
}

async fn zurueck(b: &Angemeldet, z: &Zustand, kunde: KundeId, fehler: AppFehler, f: &Formular) -> SeitenErgebnis {
    let r = beschriften(Rueckmeldung::aus(fehler)?, &[("datum", "Datum"), ("grund", "Abmeldegrund")]);
    let akte = z.app.akte_lesen(&b.akteur, kunde, None).await?;
    seite(b, z, &akte, (f.wert("datum").map(str::to_owned), f.text("grund")), r, None)
}

/// C1/C2: the deregistration with its reason.
async fn abmelden(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let eingabe = f.datum_pflicht("datum", "Abgemeldet am").and_then(|datum| {
        let grund = f
            .wert("grund")
            .and_then(Abmeldegrund::aus_id)
            .ok_or_else(|| AppFehler::ungueltig("grund", "Bitte den Grund der Abmeldung wählen."))?;
        Ok(Abmeldung { datum, grund })
    });
    match eingabe {
        Ok(a) => match z.app.abmelden_kunde(&b.akteur, id, a).await {
            Ok(()) => Ok(weiter_zu(&Gespeichert::Abmeldung.nach(format!("/kunden/{id}/meldung")))),
            Err(e) => zurueck(&b, &z, id, e, &f).await,
        },
        Err(e) => zurueck(&b, &z, id, e, &f).await,
    }
}

/// C1/C2: a new registration; the notice says what the rules made of it.
async fn wiedermelden(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let ergebnis = match f.datum_pflicht("datum", "Gemeldet ab") {
        Ok(datum) => z.app.meldung_anlegen(&b.akteur, id, datum).await,
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(w) => {
            let notiz = match w.art {
                Some(Wiedermeldung::Reaktivierungskunde) => Gespeichert::WiedermeldungC1,
                Some(Wiedermeldung::Neukunde) => Gespeichert::WiedermeldungC2,
                None => Gespeichert::Wiedermeldung,
            };
            Ok(weiter_zu(&notiz.nach(format!("/kunden/{id}/meldung"))))
        }
        Err(e) => zurueck(&b, &z, id, e, &f).await,
    }
}
