//! P6: the BAC – Berechnungshilfe Arbeitsmarktchancen beside the Zielberuf: open postings and
//! job seekers in the customer's Tagespendelbereich, their ratio, its trend over the last months
//! and better chances in the same Berufsgruppe (§8.4). Rendered with the profiling page for the
//! chosen Zielberuf; htmx fetches it again from `/bac` when another Zielberuf is chosen.

use askama::Template;
use axum::extract::{Query, State};
use serde::Deserialize;
use vierphasen_app::AppFehler;
use vierphasen_app::konto::Angemeldet;
use vierphasen_matching::{Bac, Marktlage};

use crate::seiten::anzeige::datum_text;
use crate::seiten::{SeitenBenutzer, SeitenErgebnis, html};
use crate::zustand::Zustand;

/// One row of the BAC tables.
#[derive(Debug, Clone)]
pub struct Baczeile {
    /// Stichtag or occupation.
    pub bezeichnung: String,
    pub offene_stellen: u32,
    pub bewerber: u32,
    pub quote: String,
}

#[derive(Debug, Clone)]
pub struct Bacdaten {
    pub beruf: String,
    pub region: String,
    pub aktuell: Baczeile,
    /// In words, e.g. "steigend (von 0,40 auf 0,55 Stellen je Bewerber)".
    pub tendenz: String,
    /// Oldest first.
    pub verlauf: Vec<Baczeile>,
    pub alternativen: Vec<Baczeile>,
}

/// The box: the figures, or why there are none.
#[derive(Debug, Clone, Default)]
pub struct Bacbox {
    pub daten: Option<Bacdaten>,
    pub text: String,
}

fn quote(l: &Marktlage) -> String {
    match l.stellen_je_bewerber {
        Some(q) => format!("{q:.2}").replace('.', ","),
        None => "– (keine Bewerber)".into(),
    }
}

fn zeile(bezeichnung: String, l: &Marktlage) -> Baczeile {
    Baczeile { bezeichnung, offene_stellen: l.offene_stellen, bewerber: l.bewerber, quote: quote(l) }
}

/// From the first month with job seekers to now.
fn tendenz(verlauf: &[Marktlage]) -> String {
    let erste = verlauf.iter().position(|l| l.stellen_je_bewerber.is_some());
    let (Some(i), Some(letzte)) = (erste, verlauf.last()) else {
        return "nicht bestimmbar (keine Bewerber im Zeitraum)".into();
    };
    let (Some(a), Some(b)) = (verlauf[i].stellen_je_bewerber, letzte.stellen_je_bewerber) else {
        return "nicht bestimmbar (heute keine Bewerber)".into();
    };
    if i + 1 == verlauf.len() {
        return "nicht bestimmbar (erst in diesem Monat Bewerber)".into();
    }
    let wort = if (b - a).abs() < 0.005 {
        "gleichbleibend"
    } else if b > a {
        "steigend"
    } else {
        "fallend"
    };
    format!(
        "{wort} (von {} am {} auf {} heute)",
        quote(&verlauf[i]),
        datum_text(verlauf[i].stichtag.datum()),
        quote(letzte)
    )
}

fn daten(b: &Bac, region: String) -> Bacdaten {
    Bacdaten {
        beruf: format!("{} {}", b.beruf.as_str(), b.titel),
        region,
        aktuell: zeile("heute".into(), &b.aktuell),
        tendenz: tendenz(&b.verlauf),
        verlauf: b.verlauf.iter().map(|l| zeile(format!("Stand {}", datum_text(l.stichtag.datum())), l)).collect(),
        alternativen: b
            .bessere_alternativen
            .iter()
            .map(|a| zeile(format!("{} {}", a.beruf.as_str(), a.titel), &a.lage))
            .collect(),
    }
}

/// The BAC for `beruf` around the customer's postcode; without a valid one, nationwide.
pub fn bacbox(z: &Zustand, b: &Angemeldet, beruf: &str, plz: Option<&str>) -> Result<Bacbox, AppFehler> {
    let beruf = beruf.trim();
    if beruf.is_empty() {
        return Ok(Bacbox {
            daten: None,
            text: "Sobald ein Zielberuf gewählt ist, zeigt die BAC seine Arbeitsmarktchancen.".into(),
        });
    }
    let km = z.app.katalog.parameter.matching.tagespendelbereich_km;
    let plz = plz.map(str::trim).filter(|p| !p.is_empty());
    let ergebnis = match plz {
        Some(p) => z
            .app
            .bac(&b.akteur, beruf, Some(p))
            .map(|bac| (bac, format!("im Umkreis von {km} km um {p} (Tagespendelbereich)"))),
        None => Err(AppFehler::ungueltig("plz", "fehlt")),
    };
    let (bac, region) = match ergebnis {
        Ok(x) => x,
        // No usable postcode in the master data: the figures for all of Germany.
        Err(AppFehler::Ungueltig { feld, .. }) if feld == "plz" => {
            (z.app.bac(&b.akteur, beruf, None)?, "bundesweit (keine gültige Postleitzahl in den Stammdaten)".into())
        }
        Err(AppFehler::Ungueltig { meldung, .. }) => return Ok(Bacbox { daten: None, text: meldung }),
        Err(e) => return Err(e),
    };
    Ok(Bacbox { daten: Some(daten(&bac, region)), text: String::new() })
}

#[derive(Template)]
#[template(path = "teile/treffer_bac.html")]
struct Bacfragment {
    bac: Bacbox,
}

#[derive(Debug, Deserialize)]
pub struct Bacparameter {
    #[serde(default, alias = "beruf")]
    zielberuf: String,
    #[serde(default)]
    plz: String,
}

/// htmx: the box for another Zielberuf (figures from the application's own data, no case read).
pub async fn fragment(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Query(p): Query<Bacparameter>,
) -> SeitenErgebnis {
    let bac = bacbox(&z, &b, &p.zielberuf, Some(&p.plz))?;
    Ok(html(&Bacfragment { bac }))
}
