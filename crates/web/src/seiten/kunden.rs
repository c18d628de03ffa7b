//! Kundensuche (live filter with htmx, a plain GET form without JavaScript) and the Kundenakte.

use askama::Template;
use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use serde::Deserialize;
use vierphasen_app::fall::{Akte, Kundensuche, Kundenzeile, SUCHE_AUSSERHALB_AB};
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::zugriff::Rolle;

use super::akte::Aktenbild;
use super::anzeige::datum_text;
use super::gespeichert::{self, Gespeichert};
use super::vermittlung::bild::{Abgelehnt, Vermittlungsbild};
use super::{FallPfad, Rahmen, SeitenBenutzer, SeitenErgebnis, html, mit_status};
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
    /// D1: outside the own cases; opening it asks for a reason.
    pub nur_mit_begruendung: bool,
}

#[derive(Template)]
#[template(path = "kunden.html")]
struct Suchseite {
    rahmen: Rahmen,
    suche: String,
    meine: bool,
    treffer: Vec<Treffer>,
    /// D1: a VFK's search reaches beyond her own cases from this many characters.
    ausserhalb_ab: Option<usize>,
    /// Only a VFK registers customers and has a caseload of her own ("Nur meine Kundinnen und
    /// Kunden"; issue 15/8: no button a role may not use).
    vfk: bool,
    /// Which cases this role's list holds, in words.
    bestand: &'static str,
    /// Teamleitung: handovers to the Dienststelle waiting longer than the standard (U1).
    eskaliert: usize,
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
        nur_mit_begruendung: k.nur_mit_begruendung,
    }
}

pub async fn suche(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    kopf: HeaderMap,
    Query(p): Query<Suchparameter>,
) -> SeitenErgebnis {
    // "Nur meine": a VFK's own caseload; the other roles have none, their list is what they may read.
    let meine = b.rolle == Rolle::Vfk && (p.meine.is_some() || p.abgeschickt.is_none());
    let suche = Kundensuche { suche: Some(p.suche.clone()), meine };
    let treffer: Vec<Treffer> = z.app.kunden_liste(&b.akteur, &suche).await?.into_iter().map(treffer).collect();
    // htmx asks for the result list only (live search).
    if kopf.contains_key("hx-request") && !kopf.contains_key("hx-history-restore-request") {
        return Ok(html(&Trefferliste { treffer, suche: p.suche }));
    }
    let ausserhalb_ab = (b.rolle == Rolle::Vfk).then_some(SUCHE_AUSSERHALB_AB);
    let bestand = match b.rolle {
        Rolle::Teamleitung => "Sie sehen die Kundinnen und Kunden Ihres Teams.",
        Rolle::Fachdienst => "Ein Fachdienst liest Fälle nur über die Aufträge an seinen Dienst: siehe Posteingang.",
        Rolle::Datenschutz => {
            "Für Zugriffsprotokoll, Auskunft und Einschränkung der Verarbeitung; die Akte selbst öffnen Sie nicht."
        }
        Rolle::Vfk | Rolle::Admin => "",
    };
    // U1: the Teamleitung learns here of handovers waiting longer than the local standard.
    let eskaliert = if b.rolle == Rolle::Teamleitung { z.app.eskalierte_uebergaben(&b.akteur).await? } else { 0 };
    Ok(html(&Suchseite {
        rahmen: Rahmen::neu(&b, "kunden"),
        eskaliert,
        suche: p.suche,
        meine,
        treffer,
        ausserhalb_ab,
        vfk: b.rolle == Rolle::Vfk,
        bestand,
    }))
}

#[derive(Debug, Deserialize)]
pub struct Aktenparameter {
    /// Why the file is opened (D3); default by role.
    zweck: Option<String>,
    /// What was just saved (status message after a redirect).
    #[serde(default, deserialize_with = "gespeichert::lesen")]
    gespeichert: Option<Gespeichert>,
}

#[derive(Template)]
#[template(path = "kundenakte.html")]
struct Aktenseite {
    rahmen: Rahmen,
    a: Aktenbild,
    /// The responsible VFK (or her stand-in) works on the case; others read it without the
    /// buttons of the phases (issue 15/8).
    bearbeiten: bool,
    gespeichert: Option<&'static str>,
    /// §8.4: Bewerberprofil, matches, Vermittlungsvorschläge.
    v: Vermittlungsbild,
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
            bearbeiten: b.akteur.zustaendig_fuer_vfk(akte.ansicht.stammdaten.vfk_id),
            gespeichert,
            v: Vermittlungsbild::aus(akte, abgelehnt),
        },
        status,
    )
}

pub async fn akte(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    Query(p): Query<Aktenparameter>,
) -> SeitenErgebnis {
    let akte = z.app.akte_lesen(&b.akteur, id, p.zweck.as_deref()).await?;
    Ok(aktenseite(&b, &z, &akte, p.gespeichert.map(Gespeichert::text), Abgelehnt::default()))
}
