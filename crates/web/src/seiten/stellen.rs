//! §8.4 Stellenangebote: the list (by KldB prefix, also expired ones), entering and editing a
//! posting, and the other direction of matching — the candidates for a posting (the view of the
//! Arbeitgeber-Service, U3): only cases the user may read are named, the rest counted.

mod formular;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::get;
use serde::Deserialize;
use vierphasen_app::AppFehler;
use vierphasen_app::fall::Bewerbertreffer;
use vierphasen_app::konto::Angemeldet;
use vierphasen_app::stellen::{Stelle, Stellensuche};
use vierphasen_domain::zugriff::Rolle;
use vierphasen_matching::Arbeitszeit;

use super::anzeige::datum_text;
use super::formular::Rueckmeldung;
use super::gespeichert::{Gespeichert, Hinweis};
use super::vermittlung::bild::{Arbeitszeitwahl, arbeitszeitwahl};
use super::{Formular, Rahmen, SeitenBenutzer, SeitenErgebnis, mit_status, nummer, weiter_zu};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/stellen", get(liste))
        .route("/stellen/neu", get(neu).post(anlegen))
        .route("/stellen/{id}", get(detail).post(aendern))
}

/// Entering and changing postings: Vermittlung, Teamleitung, Administration (as the use case).
fn darf_pflegen(b: &Angemeldet) -> bool {
    matches!(b.rolle, Rolle::Vfk | Rolle::Teamleitung | Rolle::Admin)
}

/// A posting in the list.
struct Stellenzeile {
    id: i64,
    titel: String,
    arbeitgeber: String,
    ort: String,
    beruf: String,
    arbeitszeit: String,
    veroeffentlicht: String,
    ablauf: String,
    offen: bool,
}

fn zeile(s: &Stelle, heute: chrono::NaiveDate) -> Stellenzeile {
    Stellenzeile {
        id: s.id,
        titel: s.titel.clone(),
        arbeitgeber: s.arbeitgeber.clone(),
        ort: s.arbeitsort(),
        beruf: format!("{} {}", s.beruf, s.beruf_titel),
        arbeitszeit: Arbeitszeit::parse(&s.arbeitszeit).map(Arbeitszeit::text).unwrap_or_default(),
        veroeffentlicht: datum_text(s.veroeffentlicht),
        ablauf: datum_text(s.ablauf),
        offen: s.offen(heute),
    }
}

#[derive(Debug, Deserialize)]
struct Filter {
    #[serde(default)]
    beruf: String,
    alle: Option<String>,
}

#[derive(Template)]
#[template(path = "stellen.html")]
struct Listenseite {
    rahmen: Rahmen,
    beruf: String,
    alle: bool,
    stellen: Vec<Stellenzeile>,
    darf_pflegen: bool,
    rueckmeldung: Rueckmeldung,
}

async fn liste(State(z): State<Zustand>, SeitenBenutzer(b): SeitenBenutzer, Query(p): Query<Filter>) -> SeitenErgebnis {
    let alle = p.alle.is_some();
    let suche = Stellensuche { beruf: Some(p.beruf.clone()), alle };
    let heute = z.app.heute();
    let (stellen, rueckmeldung) = match z.app.stellen_suchen(&b.akteur, &suche).await {
        Ok(s) => (s.iter().map(|s| zeile(s, heute)).collect(), Rueckmeldung::default()),
        Err(e @ AppFehler::Ungueltig { .. }) => {
            (Vec::new(), super::beschriften(Rueckmeldung::aus(e)?, &[("beruf", "Beruf (KldB)")]))
        }
        Err(e) => return Err(e.into()),
    };
    let status = rueckmeldung.status();
    Ok(mit_status(
        &Listenseite {
            rahmen: Rahmen::neu(&b, "stellen"),
            beruf: p.beruf,
            alle,
            stellen,
            darf_pflegen: darf_pflegen(&b),
            rueckmeldung,
        },
        status,
    ))
}

/// The fields of the posting form (new and edit).
#[derive(Template)]
#[template(path = "stellen_neu.html")]
struct Neuseite {
    rahmen: Rahmen,
    f: Formular,
    arbeitszeit: Vec<Arbeitszeitwahl>,
    rueckmeldung: Rueckmeldung,
}

fn neuseite(b: &Angemeldet, f: Formular, rueckmeldung: Rueckmeldung) -> SeitenErgebnis {
    let status = rueckmeldung.status();
    let arbeitszeit = arbeitszeitwahl(&f.alle("arbeitszeit"));
    Ok(mit_status(&Neuseite { rahmen: Rahmen::neu(b, "stellen"), f, arbeitszeit, rueckmeldung }, status))
}

async fn neu(SeitenBenutzer(b): SeitenBenutzer) -> SeitenErgebnis {
    if !darf_pflegen(&b) {
        return Err(
            AppFehler::Verboten("Stellenangebote pflegen Vermittlung, Teamleitung und Administration.".into()).into()
        );
    }
    // Default: full time (the most frequent case); the user may untick it.
    neuseite(&b, Formular(vec![("arbeitszeit".into(), "vz".into())]), Rueckmeldung::default())
}

async fn anlegen(State(z): State<Zustand>, SeitenBenutzer(b): SeitenBenutzer, f: Formular) -> SeitenErgebnis {
    let ergebnis = match formular::eingabe(&f) {
        Ok(e) => z.app.stelle_speichern(&b.akteur, None, e).await,
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(s) => Ok(weiter_zu(&Gespeichert::Stelle.nach(format!("/stellen/{}", s.id)))),
        Err(e) => neuseite(&b, f, formular::rueckmeldung(e)?),
    }
}

/// A candidate as the AG-S sees it.
struct Bewerberzeile {
    t: Bewerbertreffer,
    /// The proposal's status in words.
    vorschlag: Option<&'static str>,
}

#[derive(Template)]
#[template(path = "stellen_detail.html")]
struct Detailseite {
    rahmen: Rahmen,
    gespeichert: Option<&'static str>,
    s: Stellenzeile,
    refnr: String,
    faehigkeiten: Vec<String>,
    befristet: bool,
    eintritt: String,
    beschreibung: String,
    verguetung: String,
    quelle: &'static str,
    bewerber: Vec<Bewerberzeile>,
    weitere: usize,
    darf_pflegen: bool,
    /// The edit form: stored values, or what was typed.
    f: Formular,
    arbeitszeit: Vec<Arbeitszeitwahl>,
    /// Which form the feedback belongs to: `bewerber` (a proposal) or `bearbeiten`.
    ort: &'static str,
    rueckmeldung: Rueckmeldung,
}

struct Detail {
    gespeichert: Option<&'static str>,
    f: Option<Formular>,
    ort: &'static str,
    rueckmeldung: Rueckmeldung,
}

async fn detailseite(b: &Angemeldet, z: &Zustand, id: i64, d: Detail) -> SeitenErgebnis {
    let liste = z.app.bewerber_zur_stelle(&b.akteur, id).await?;
    let st = &liste.stelle;
    let f = d.f.unwrap_or_else(|| formular::aus_stelle(st));
    let status = d.rueckmeldung.status();
    let seite = Detailseite {
        rahmen: Rahmen::neu(b, "stellen"),
        gespeichert: d.gespeichert,
        s: zeile(st, z.app.heute()),
        refnr: st.refnr.clone(),
        faehigkeiten: st.faehigkeiten.clone(),
        befristet: st.befristet,
        eintritt: st.eintritt.map(datum_text).unwrap_or_else(|| "ab sofort".into()),
        beschreibung: st.beschreibung.clone(),
        verguetung: st.verguetung.clone().unwrap_or_default(),
        quelle: if st.quelle == "import" { "Import" } else { "erfasst" },
        bewerber: liste
            .bewerber
            .into_iter()
            .map(|t| Bewerberzeile { vorschlag: t.vorschlag.map(|v| v.label()), t })
            .collect(),
        weitere: liste.weitere_ohne_zugriff,
        darf_pflegen: darf_pflegen(b),
        arbeitszeit: arbeitszeitwahl(&f.alle("arbeitszeit")),
        f,
        ort: d.ort,
        rueckmeldung: d.rueckmeldung,
    };
    Ok(mit_status(&seite, status))
}

async fn detail(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path(id): Path<String>,
    Query(p): Query<Hinweis>,
) -> SeitenErgebnis {
    let id = nummer(&id, "Die Stelle")?;
    let d = Detail { gespeichert: p.text(), f: None, ort: "", rueckmeldung: Rueckmeldung::default() };
    detailseite(&b, &z, id, d).await
}

/// The posting's page after a refused Vermittlungsvorschlag from its candidate list.
pub async fn detail_mit(b: &Angemeldet, z: &Zustand, id: i64, r: Rueckmeldung) -> SeitenErgebnis {
    detailseite(b, z, id, Detail { gespeichert: None, f: None, ort: "bewerber", rueckmeldung: r }).await
}

async fn aendern(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path(id): Path<String>,
    f: Formular,
) -> SeitenErgebnis {
    let id = nummer(&id, "Die Stelle")?;
    let ergebnis = match formular::eingabe(&f) {
        Ok(e) => z.app.stelle_speichern(&b.akteur, Some(id), e).await,
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(s) => Ok(weiter_zu(&Gespeichert::Stelle.nach(format!("/stellen/{}", s.id)))),
        Err(e) => {
            let r = formular::rueckmeldung(e)?;
            detailseite(&b, &z, id, Detail { gespeichert: None, f: Some(f), ort: "bearbeiten", rueckmeldung: r }).await
        }
    }
}
