//! D1 break-the-glass on the pages: a case outside the own caseload, team and stand-ins shows a
//! form for the reason instead of its content; the reason opens it (logged, reported). The
//! Datenschutz reads the exceptional reads and the customer searches of her Dienststelle.

use askama::Template;
use axum::Router;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use axum::routing::{get, post};
use vierphasen_app::AppFehler;
use vierphasen_app::kenntnis::Ausnahmeangabe;
use vierphasen_domain::zugriff::{AUSNAHME_GUELTIG_STUNDEN, Ausnahmegrund};

use super::anzeige::zeit_text;
use super::{FallPfad, Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, html, mit_status, weiter_zu};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/kunden/{id}/ausnahmezugriff", post(begruenden))
        .route("/verwaltung/zugriffsbericht", get(bericht))
}

#[derive(Template)]
#[template(path = "ausnahme.html")]
struct Ausnahmeseite {
    kunde_id: i64,
    gruende: Vec<(&'static str, &'static str)>,
    grund: String,
    erlaeuterung: String,
    stunden: i64,
    rueckmeldung: Rueckmeldung,
}

/// The form for the reason, shown where the case would be (403: the content is not shown).
pub fn ausnahmeseite(kunde_id: i64, eingabe: &Formular, rueckmeldung: Rueckmeldung) -> Response {
    let status = if rueckmeldung.leer() { StatusCode::FORBIDDEN } else { rueckmeldung.status() };
    let seite = Ausnahmeseite {
        kunde_id,
        gruende: Ausnahmegrund::ALLE.into_iter().map(|g| (g.id(), g.label())).collect(),
        grund: eingabe.text("grund"),
        erlaeuterung: eingabe.text("erlaeuterung"),
        stunden: AUSNAHME_GUELTIG_STUNDEN,
        rueckmeldung,
    };
    mit_status(&seite, status)
}

async fn begruenden(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let ergebnis = match f.wert("grund").and_then(Ausnahmegrund::aus_id) {
        Some(grund) => {
            let angabe = Ausnahmeangabe { grund, erlaeuterung: f.wert("erlaeuterung").map(str::to_owned) };
            z.app.ausnahmezugriff(&b.akteur, id, angabe).await
        }
        None => Err(AppFehler::ungueltig("grund", "Bitte einen Grund auswählen.")),
    };
    match ergebnis {
        Ok(_) => Ok(weiter_zu(&format!("/kunden/{}", id.0))),
        Err(e) => Ok(ausnahmeseite(id.0, &f, Rueckmeldung::aus(e)?)),
    }
}

pub struct Ausnahmezeile {
    kunde_id: i64,
    zeit: String,
    bis: String,
    benutzer: String,
    kundennummer: String,
    grund: &'static str,
    erlaeuterung: Option<String>,
    lesezugriffe: i64,
}

pub struct Suchzeile {
    zeit: String,
    benutzer: String,
    suche: Option<String>,
    nur_eigene: bool,
    treffer: i64,
}

#[derive(Template)]
#[template(path = "zugriffsbericht.html")]
struct Berichtseite {
    rahmen: Rahmen,
    stunden: i64,
    ausnahmen: Vec<Ausnahmezeile>,
    suchen: Vec<Suchzeile>,
}

async fn bericht(State(z): State<Zustand>, SeitenBenutzer(b): SeitenBenutzer) -> SeitenErgebnis {
    let bericht = z.app.zugriffsbericht(&b.akteur).await?;
    let ausnahmen = bericht
        .ausnahmen
        .into_iter()
        .map(|a| Ausnahmezeile {
            kunde_id: a.kunde_id,
            zeit: zeit_text(a.erstellt_um),
            bis: zeit_text(a.gueltig_bis),
            benutzer: a.benutzer,
            kundennummer: a.kundennummer,
            grund: Ausnahmegrund::aus_id(&a.grund).map_or("unbekannt", Ausnahmegrund::label),
            erlaeuterung: a.erlaeuterung,
            lesezugriffe: a.lesezugriffe,
        })
        .collect();
    let suchen = bericht
        .suchen
        .into_iter()
        .map(|s| Suchzeile {
            zeit: zeit_text(s.zeitpunkt),
            benutzer: s.benutzer,
            suche: s.suche,
            nur_eigene: s.nur_eigene,
            treffer: s.treffer,
        })
        .collect();
    Ok(html(&Berichtseite {
        rahmen: Rahmen::neu(&b, "verwaltung"),
        stunden: AUSNAHME_GUELTIG_STUNDEN,
        ausnahmen,
        suchen,
    }))
}
