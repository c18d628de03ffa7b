//! The customer's registration episodes (C1/C2): deregistration with its reason, and the new
//! registration, which the rules turn into a Reaktivierungskunde (C1) or a Neukunde (C2); in
//! SGB II also her work beside the benefit as it changes (Z2, PL4).

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::{get, post};
use vierphasen_app::AppFehler;
use vierphasen_app::fall::{Abmeldung, Akte, ErwerbstaetigkeitAngabe};
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::fallakte::{Abmeldegrund, Erwerbstaetigkeit};
use vierphasen_domain::regeln::lebenslauf::Wiedermeldung;
use vierphasen_domain::{KundeId, Rechtskreis, Regel};

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
        .route("/kunden/{id}/meldung/erwerbstaetigkeit", post(erwerbstaetigkeit))
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
    /// SGB II: the Erwerbstätigkeit form is shown, with the current value (id, "" = none).
    sgb2: bool,
    erwerbstaetigkeit: &'static str,
    erwerbstaetigkeiten: Vec<Grundwahl>,
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
    let befunde: Vec<_> = akte
        .ansicht
        .pruefung
        .befunde
        .iter()
        .filter(|b| matches!(b.regel, Regel::C2 | Regel::PL2a | Regel::Z2 | Regel::PL4))
        .cloned()
        .collect();
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
            sgb2: akte.ansicht.stammdaten.rechtskreis == Rechtskreis::SgbII,
            erwerbstaetigkeit: akte.ansicht.fallakte.kunde.erwerbstaetigkeit.map_or("", Erwerbstaetigkeit::id),
            erwerbstaetigkeiten: Erwerbstaetigkeit::ALLE
                .into_iter()
                .map(|e| Grundwahl { wert: e.id(), text: e.label() })
                .collect(),
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

/// Z2/PL4: the customer's work beside the benefit changed (a fact: saved, findings shown).
async fn erwerbstaetigkeit(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let angabe = match f.wert("erwerbstaetigkeit") {
        None => Ok(None),
        Some(w) => Erwerbstaetigkeit::aus_id(w)
            .map(Some)
            .ok_or_else(|| AppFehler::ungueltig("erwerbstaetigkeit", "Bitte eine Angabe aus der Liste wählen.")),
    };
    let ergebnis = match angabe {
        Ok(e) => z.app.erwerbstaetigkeit_setzen(&b.akteur, id, ErwerbstaetigkeitAngabe { erwerbstaetigkeit: e }).await,
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(_) => Ok(weiter_zu(&Gespeichert::Erwerbstaetigkeit.nach(format!("/kunden/{id}/meldung")))),
        Err(e) => zurueck(&b, &z, id, e, &f).await,
    }
}
