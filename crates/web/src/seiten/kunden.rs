//! Kundensuche (live filter with htmx, a plain GET form without JavaScript) and the Kundenakte.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use vierphasen_app::fall::{Akte, Kundensuche, Kundenzeile};
use vierphasen_app::konto::Angemeldet;

use super::akte::Aktenbild;
use super::start::datum_text;
use super::vermittlung::bild::{Abgelehnt, Vermittlungsbild};
use super::{Rahmen, SeitenBenutzer, SeitenErgebnis, fall_id, html, mit_status};
use crate::zustand::Zustand;

#[derive(Debug, Deserialize)]
pub struct Suchparameter {
    #[serde(default)]
    suche: String,
    /// Checkbox: only my caseload (default on the first visit).
    meine: Option<String>,
    /// Set by the form, so an unticked "meine" box is told apart from the first visit.
    abgeschickt: Option<String>,
}

pub struct Treffer {
    pub id: i64,
    pub name: String,
    pub kundennummer: String,
    pub geburtsdatum: String,
    pub rechtskreis: &'static str,
}

#[derive(Template)]
#[template(path = "kunden.html")]
struct Suchseite {
    rahmen: Rahmen,
    suche: String,
    meine: bool,
    treffer: Vec<Treffer>,
}

#[derive(Template)]
#[template(path = "teile/treffer.html")]
struct Trefferliste {
    treffer: Vec<Treffer>,
    suche: String,
}

fn treffer(k: Kundenzeile) -> Treffer {
    Treffer {
        id: k.id,
        name: format!("{}, {}", k.nachname, k.vorname),
        kundennummer: k.kundennummer,
        geburtsdatum: datum_text(k.geburtsdatum),
        rechtskreis: k.rechtskreis.label(),
    }
}

pub async fn suche(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    kopf: HeaderMap,
    Query(p): Query<Suchparameter>,
) -> SeitenErgebnis {
    let meine = p.meine.is_some() || p.abgeschickt.is_none();
    let suche = Kundensuche { suche: Some(p.suche.clone()), meine };
    let treffer: Vec<Treffer> = z.app.kunden_liste(&b.akteur, &suche).await?.into_iter().map(treffer).collect();
    // htmx asks for the result list only (live search).
    if kopf.contains_key("hx-request") && !kopf.contains_key("hx-history-restore-request") {
        return Ok(html(&Trefferliste { treffer, suche: p.suche }));
    }
    Ok(html(&Suchseite { rahmen: Rahmen::neu(&b, "kunden"), suche: p.suche, meine, treffer }))
}

#[derive(Debug, Deserialize)]
pub struct Aktenparameter {
    /// Why the file is opened (D3); default by role.
    zweck: Option<String>,
    /// What was just saved (status message after a redirect).
    gespeichert: Option<String>,
}

#[derive(Template)]
#[template(path = "kundenakte.html")]
struct Aktenseite {
    rahmen: Rahmen,
    a: Aktenbild,
    gespeichert: Option<&'static str>,
    /// §8.4: Bewerberprofil, matches, Vermittlungsvorschläge.
    v: Vermittlungsbild,
}

/// The query of a page reached by the redirect after a save (`?gespeichert=…`).
#[derive(Debug, Deserialize)]
pub struct Gespeichert {
    gespeichert: Option<String>,
}

impl Gespeichert {
    /// What was saved, as the redirect named it.
    pub fn was(&self) -> Option<&str> {
        self.gespeichert.as_deref()
    }
    /// The confirmation of the case pages.
    pub fn text(&self) -> Option<&'static str> {
        gespeichert_text(self.was())
    }
}

/// The confirmation shown after a successful save (fixed texts: nothing from the URL is echoed).
pub fn gespeichert_text(was: Option<&str>) -> Option<&'static str> {
    Some(match was? {
        "kunde" => "Die Kundin / der Kunde wurde angelegt. Weiter mit dem Profiling.",
        "profiling" => "Das Profiling wurde gespeichert.",
        "ziel" => "Das Ziel wurde gespeichert.",
        "strategie" => "Die Handlungsstrategie wurde gespeichert.",
        "strategie_angepasst" => "Die Handlungsstrategie wurde angepasst.",
        "strategie_erfolgreich" => {
            "Die Handlungsstrategie ist als „erfolgreich umgesetzt“ erledigt. Auswirkungen auf Merkmale und Profillage im Profiling prüfen (S8)."
        }
        "strategie_nicht_erfolgreich" => {
            "Die Handlungsstrategie ist als „nicht erfolgreich umgesetzt“ erledigt. Auswirkungen auf Merkmale und Profillage im Profiling prüfen (S8); eine neue Strategie folgt einer erneuten Standortbestimmung (S9)."
        }
        "strategie_storniert" => {
            "Die Handlungsstrategie ist als „storniert“ erledigt. Eine neue Strategie folgt einer erneuten Standortbestimmung (S9)."
        }
        "ev" => "Die Eingliederungsvereinbarung wurde gespeichert.",
        "vermerk" => "Der Beratungsvermerk wurde gespeichert.",
        "gespraech" => "Das Gespräch wurde gespeichert.",
        "einwilligung" => "Die Einwilligung wurde gespeichert.",
        "termin" => "Der Termin wurde gespeichert.",
        "termin_erledigt" => "Der Eintrag wurde als erledigt markiert.",
        "widerruf" => "Der Widerruf der Einwilligung wurde gespeichert.",
        "bg_einwilligung" => "Die Einwilligung zum Gespräch mit der Bedarfsgemeinschaft wurde gespeichert.",
        "auftrag" => "Der Auftrag wurde gespeichert.",
        "vorschlag" => "Der Vermittlungsvorschlag wurde angelegt (Status: vorgeschlagen).",
        "vorschlag_status" => "Der Vermittlungsvorschlag wurde aktualisiert.",
        "vermittlungsangaben" => "Die Angaben für das Matching wurden gespeichert.",
        _ => return None,
    })
}

/// The Kundenakte; after a refused form of the §8.4 section (`abgelehnt`) with its feedback
/// (422) and the input kept.
pub fn aktenseite(
    b: &Angemeldet,
    z: &Zustand,
    akte: &Akte,
    gespeichert: Option<&'static str>,
    abgelehnt: Abgelehnt,
) -> Response {
    let status = abgelehnt.rueckmeldung.status();
    mit_status(
        &Aktenseite {
            rahmen: Rahmen::neu(b, "kunden"),
            a: Aktenbild::aus(akte, z.app.katalog, z.app.heute()),
            gespeichert,
            v: Vermittlungsbild::aus(akte, abgelehnt),
        },
        status,
    )
}

pub async fn akte(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path(id): Path<String>,
    Query(p): Query<Aktenparameter>,
) -> SeitenErgebnis {
    let id = fall_id(&id)?;
    let akte = z.app.akte_lesen(&b.akteur, id, p.zweck.as_deref()).await?;
    Ok(aktenseite(&b, &z, &akte, gespeichert_text(p.gespeichert.as_deref()), Abgelehnt::default()))
}
