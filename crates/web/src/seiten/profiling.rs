//! Phase 1: the profiling form (P1–P10, PL1–PL4). Zielberuf search over KldB 2010, Stärken with
//! levels, Potenzialanalyse per Schlüsselgruppe and Merkmal, Standortbestimmung, and the
//! Profillage with the engine's suggestion, which updates live (htmx) and without JavaScript via
//! the "Profillage vorschlagen" button. Every save is a new version. Beside the Zielberuf the
//! BAC (P6) shows its chances.

mod ansicht;
mod bac;
pub mod formular;

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::response::Response;
use axum::routing::{get, post};
use serde::Deserialize;
use vierphasen_app::AppFehler;
use vierphasen_app::fall::Fallansicht;
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::KundeId;
use vierphasen_domain::Rechtskreis;

use self::ansicht::{
    Auswahl, Berufsauswahl, Gruppenansicht, Lageoption, Marke, Meldungen, Staerkenzeile, Vorschlagsbox, alternativen,
    auftragsergebnisse, berufsauswahl, gruppen, i_gruende, lageoptionen, staerken, z_gruende,
};
use self::formular::Formularstand;
use super::anzeige::datum_text;
use super::gespeichert::Gespeichert;
use super::{
    FallPfad, Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, SeitenFehler, html, nach_dem_speichern,
};
use crate::zustand::Zustand;

/// Why the case is opened here (D3: written to the access log).
const ZWECK: &str = "Profiling";

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/kunden/{id}/profiling", get(formular).post(absenden))
        .route("/kunden/{id}/profiling/vorschlag", post(vorschlag))
        .route("/berufe", get(berufe))
        .route("/bac", get(bac::fragment))
}

#[derive(Template)]
#[template(path = "profiling.html")]
struct Profilingseite {
    rahmen: Rahmen,
    id: i64,
    name: String,
    kundennummer: String,
    rechtskreis: &'static str,
    sgb2: bool,
    /// "Version 2 vom 03.02.2026" or empty.
    stand: String,
    f: Formularstand,
    berufe: Berufsauswahl,
    alternativ_titel: Vec<String>,
    staerken: Vec<Staerkenzeile>,
    gruppen: Vec<Gruppenansicht>,
    schwerpunkte: Vec<Auswahl>,
    v: Vorschlagsbox,
    lagen: Vec<Lageoption>,
    z_gruende: Vec<Auswahl>,
    i_gruende: Vec<Auswahl>,
    rueckmeldung: Rueckmeldung,
    meldungen: Meldungen,
    /// P6 for the chosen Zielberuf and the customer's postcode (the latter also in the htmx URL).
    bac: bac::Bacbox,
    plz: String,
    /// Live suggestion while typing; off while an error summary is shown, so a swap does not
    /// move the focus back to it.
    live: bool,
}

/// The live suggestion: the box and, out of band, the marks next to the Profillage radios.
#[derive(Template)]
#[template(path = "teile/profiling_antwort.html")]
struct Vorschlagsantwort {
    v: Vorschlagsbox,
    marken: Vec<Marke>,
}

#[derive(Template)]
#[template(path = "teile/profiling_berufe.html")]
struct Berufsfragment {
    berufe: Berufsauswahl,
}

/// The engine's answer for the form as it stands; a form that cannot be read yet gives the
/// reason instead.
async fn vorschlag_fuer(
    z: &Zustand,
    b: &Angemeldet,
    id: KundeId,
    f: &Formularstand,
) -> Result<Vorschlagsbox, AppFehler> {
    let eingabe = match f.eingabe(false) {
        Ok(e) => e,
        Err(AppFehler::Ungueltig { meldung, .. }) => return Ok(Vorschlagsbox::ohne(meldung)),
        Err(e) => return Err(e),
    };
    match z.app.profillage_vorschlag(&b.akteur, id, eingabe).await {
        Ok(v) => Ok(Vorschlagsbox::aus(&v)),
        Err(AppFehler::Ungueltig { feld, meldung }) => {
            let text = match f.feld(&feld) {
                Some((_, label)) => format!("{label}: {meldung}"),
                None => meldung,
            };
            Ok(Vorschlagsbox::ohne(text))
        }
        Err(e) => Err(e),
    }
}

async fn seite(
    z: &Zustand,
    b: &Angemeldet,
    a: &Fallansicht,
    f: Formularstand,
    rueckmeldung: Rueckmeldung,
) -> Result<Response, AppFehler> {
    let k = z.app.katalog;
    let s = &a.stammdaten;
    let v = vorschlag_fuer(z, b, s.id.into(), &f).await?;
    let bac = bac::bacbox(z, b, &f.zielberuf, s.plz.as_deref())?;
    let meldungen = Meldungen::aus(&f, &rueckmeldung);
    let stand = match a.fallakte.profiling.last() {
        Some(p) => format!("Version {} vom {}", a.fallakte.profiling.len(), datum_text(p.gespeichert_am)),
        None => String::new(),
    };
    let seite = Profilingseite {
        rahmen: Rahmen::neu(b, "kunden"),
        id: s.id,
        name: format!("{} {}", s.vorname, s.nachname),
        kundennummer: s.kundennummer.clone(),
        rechtskreis: s.rechtskreis.label(),
        sgb2: s.rechtskreis == Rechtskreis::SgbII,
        stand,
        berufe: berufsauswahl(k, &f.zielberuf, &f.zielberuf_bezeichnung, &f.berufsuche),
        alternativ_titel: alternativen(k, &f),
        staerken: staerken(&f, &meldungen),
        gruppen: gruppen(k, &f, &meldungen, &auftragsergebnisse(k, &a.fallakte)),
        schwerpunkte: formular::FOERDERGRUPPEN
            .iter()
            .map(|g| Auswahl { id: g.id().to_owned(), label: g.label().to_owned() })
            .collect(),
        lagen: lageoptionen(k, &f, &v, s.rechtskreis),
        z_gruende: z_gruende(k, s.rechtskreis),
        i_gruende: i_gruende(k),
        live: rueckmeldung.leer(),
        bac,
        plz: super::rahmen::urlencode(s.plz.as_deref().unwrap_or_default()),
        v,
        f,
        rueckmeldung,
        meldungen,
    };
    Ok(html(&seite))
}

/// GET: the form, prefilled from the current profiling version.
async fn formular(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
) -> SeitenErgebnis {
    let a = z.app.fall_lesen(&b.akteur, id, Some(ZWECK)).await?;
    let f = Formularstand::aus_version(z.app.katalog, a.fallakte.profiling.last(), z.app.heute());
    Ok(seite(&z, &b, &a, f, Rueckmeldung::default()).await?)
}

/// A refusal as the form's feedback, with the use case's field names turned into this page's
/// input ids (so the summary links land on the input).
fn rueckmeldung(f: &Formularstand, fehler: AppFehler) -> Result<Rueckmeldung, SeitenFehler> {
    let fehler = match fehler {
        AppFehler::Ungueltig { feld, meldung } => match f.feld(&feld) {
            Some((id, label)) => AppFehler::Ungueltig { feld: id, meldung: format!("{label}: {meldung}") },
            None => AppFehler::Ungueltig { feld, meldung },
        },
        e => e,
    };
    Rueckmeldung::aus(fehler)
}

/// POST: saves a new version; the buttons "Berufe suchen", "weitere Zeile" and "Profillage
/// vorschlagen" only show the form again with what was typed.
async fn absenden(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let aktion = f.text("aktion");
    let stand = Formularstand::aus_formular(z.app.katalog, &f, aktion == "zeile");
    if matches!(aktion.as_str(), "suchen" | "zeile" | "vorschlag") {
        let a = z.app.fall_lesen(&b.akteur, id, Some(ZWECK)).await?;
        return Ok(seite(&z, &b, &a, stand, Rueckmeldung::default()).await?);
    }
    let fehler = match stand.eingabe(f.bestaetigt()) {
        Ok(e) => match z.app.profiling_speichern(&b.akteur, id, e).await {
            Ok(_) => return Ok(nach_dem_speichern(&f, id, Gespeichert::Profiling, "ziel")),
            Err(e) => e,
        },
        Err(e) => e,
    };
    let r = rueckmeldung(&stand, fehler)?;
    let status = r.status();
    let a = z.app.fall_lesen(&b.akteur, id, Some(ZWECK)).await?;
    let mut antwort = seite(&z, &b, &a, stand, r).await?;
    *antwort.status_mut() = status;
    Ok(antwort)
}

/// htmx: the suggestion box for the form as it stands (nothing is saved, PL1).
async fn vorschlag(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let stand = Formularstand::aus_formular(z.app.katalog, &f, false);
    let v = vorschlag_fuer(&z, &b, id, &stand).await?;
    Ok(html(&Vorschlagsantwort { marken: v.marken(), v }))
}

#[derive(Debug, Deserialize)]
struct Berufsparameter {
    #[serde(default, alias = "berufsuche")]
    suche: String,
    /// The Zielberuf chosen so far (stays selected above the hits).
    #[serde(default)]
    zielberuf: String,
    /// `zielberuf_bezeichnung_{code}`: the job title the chosen one was found by.
    #[serde(flatten)]
    weitere: std::collections::HashMap<String, String>,
}

/// htmx: the Zielberuf radios for a search over KldB titles and example job titles (P1).
async fn berufe(
    State(z): State<Zustand>,
    SeitenBenutzer(_): SeitenBenutzer,
    Query(p): Query<Berufsparameter>,
) -> SeitenErgebnis {
    let zielberuf = if p.zielberuf.len() == 5 && p.zielberuf.bytes().all(|c| c.is_ascii_digit()) {
        p.zielberuf
    } else {
        String::new()
    };
    let bezeichnung = p.weitere.get(&format!("zielberuf_bezeichnung_{zielberuf}")).cloned().unwrap_or_default();
    Ok(html(&Berufsfragment { berufe: berufsauswahl(z.app.katalog, &zielberuf, &bezeichnung, &p.suche) }))
}
