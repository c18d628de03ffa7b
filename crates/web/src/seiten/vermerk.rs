//! The Beratungsvermerk (V1–V3): a new Vermerk prefilled after an Erst- or Folgegespräch, with
//! the list of what came from which saved change, editable before saving; below it the saved
//! Vermerke, immutable, each with its dated Nachträge and a form for one more.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::{get, post};
use chrono::NaiveDate;
use serde::Deserialize;
use vierphasen_app::AppFehler;
use vierphasen_app::fall::{Fallansicht, NachtragEingabe, VermerkEingabe};
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::fallakte::{Fallakte, Gespraechsart, Vermerkart};
use vierphasen_domain::regeln::vermerk::Vorbefuellung;

use super::anzeige::{datum_text, vermerkart};
use super::ev::{Kopf, kopf};
use super::formular::{Feldfehler, feld_id};
use super::gespeichert::{self, Gespeichert};
use super::{
    FallPfad, FallZeile, Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, html, mit_status, weiter_zu,
};
use crate::zustand::Zustand;
use vierphasen_domain::KundeId;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/kunden/{id}/vermerk", get(anzeigen).post(schreiben))
        .route("/kunden/{id}/vermerk/{vermerk_id}/nachtrag", post(nachtrag))
}

const ARTEN: [Vermerkart; 3] = [Vermerkart::Erstgespraech, Vermerkart::Folgegespraech, Vermerkart::Sonstiges];

fn wert(a: Vermerkart) -> &'static str {
    match a {
        Vermerkart::Erstgespraech => "erstgespraech",
        Vermerkart::Folgegespraech => "folgegespraech",
        Vermerkart::Sonstiges => "sonstiges",
    }
}

fn art_aus(s: &str) -> Option<Vermerkart> {
    ARTEN.into_iter().find(|a| wert(*a) == s)
}

/// What the Vermerk most likely documents: a conversation recorded today, else the first
/// conversation (no Vermerk yet) or a Folgegespräch.
fn vermutete_art(akte: &Fallakte, heute: NaiveDate) -> Vermerkart {
    match akte.gespraeche.iter().rfind(|g| g.datum == heute).map(|g| g.art) {
        Some(Gespraechsart::Erstgespraech | Gespraechsart::Zweitgespraech | Gespraechsart::ErstgespraechSgb2) => {
            Vermerkart::Erstgespraech
        }
        Some(Gespraechsart::Folgegespraech) => Vermerkart::Folgegespraech,
        Some(_) => Vermerkart::Sonstiges,
        None if akte.vermerke.is_empty() => Vermerkart::Erstgespraech,
        None => Vermerkart::Folgegespraech,
    }
}

/// The prefill as the text of the textarea: one paragraph per section.
fn vorbefuellter_text(v: &Vorbefuellung) -> String {
    v.abschnitte
        .iter()
        .map(|a| {
            if a.text.contains('\n') { format!("{}:\n{}", a.titel, a.text) } else { format!("{}: {}", a.titel, a.text) }
        })
        .collect::<Vec<_>>()
        .join("\n\n")
}

#[derive(Debug)]
pub struct Artwahl {
    pub wert: &'static str,
    pub text: &'static str,
    pub id: &'static str,
    pub regel: &'static str,
}

fn artwahl() -> Vec<Artwahl> {
    ARTEN
        .into_iter()
        .map(|a| Artwahl {
            wert: wert(a),
            text: vermerkart(a),
            id: match a {
                Vermerkart::Erstgespraech => "art",
                Vermerkart::Folgegespraech => "art-folgegespraech",
                Vermerkart::Sonstiges => "art-sonstiges",
            },
            regel: match a {
                Vermerkart::Erstgespraech => "V1",
                Vermerkart::Folgegespraech => "V2",
                Vermerkart::Sonstiges => "",
            },
        })
        .collect()
}

/// One prefilled section and where it came from (V1/V2).
#[derive(Debug)]
pub struct Herkunft {
    pub titel: String,
    pub quelle: String,
}

#[derive(Debug)]
pub struct Nachtragszeile {
    pub datum: String,
    pub text: String,
}

#[derive(Debug)]
pub struct Vermerkzeile {
    pub id: i64,
    pub datum: String,
    pub art: &'static str,
    pub text: String,
    pub nachtraege: Vec<Nachtragszeile>,
    /// The refused Nachtrag belongs here: its feedback and the text typed.
    pub abgelehnt: bool,
    pub entwurf: String,
}

#[derive(Template)]
#[template(path = "vermerk.html")]
struct Vermerkseite {
    rahmen: Rahmen,
    k: Kopf,
    art: &'static str,
    arten: Vec<Artwahl>,
    regel: &'static str,
    herkunft: Vec<Herkunft>,
    datum: String,
    text: String,
    vermerke: Vec<Vermerkzeile>,
    rueckmeldung: Rueckmeldung,
    /// The feedback belongs to the new Vermerk (not to a Nachtrag).
    neu_abgelehnt: bool,
    gespeichert: Option<&'static str>,
}

fn vermerke(a: &Fallansicht) -> Vec<Vermerkzeile> {
    a.fallakte
        .vermerke
        .iter()
        .zip(&a.ids.vermerke)
        .rev()
        .map(|(v, id)| Vermerkzeile {
            id: *id,
            datum: datum_text(v.datum),
            art: vermerkart(v.art),
            text: v.text.clone(),
            nachtraege: v
                .nachtraege
                .iter()
                .map(|n| Nachtragszeile { datum: datum_text(n.datum), text: n.text.clone() })
                .collect(),
            abgelehnt: false,
            entwurf: String::new(),
        })
        .collect()
}

/// What the new-Vermerk form shows: the art, the prefill, and the text (prefilled unless typed).
struct Neu {
    art: Vermerkart,
    datum: String,
    text: Option<String>,
}

async fn seite(z: &Zustand, b: &Angemeldet, a: &Fallansicht, neu: Neu) -> Result<Vermerkseite, AppFehler> {
    let v = z.app.vermerk_vorbefuellung(&b.akteur, KundeId(a.stammdaten.id), neu.art).await?;
    Ok(Vermerkseite {
        rahmen: Rahmen::neu(b, "kunden"),
        k: kopf(a),
        art: wert(neu.art),
        arten: artwahl(),
        regel: if neu.art == Vermerkart::Sonstiges { "" } else { v.regel.id() },
        herkunft: v.abschnitte.iter().map(|x| Herkunft { titel: x.titel.clone(), quelle: x.quelle.clone() }).collect(),
        text: neu.text.unwrap_or_else(|| vorbefuellter_text(&v)),
        datum: neu.datum,
        vermerke: vermerke(a),
        rueckmeldung: Rueckmeldung::default(),
        neu_abgelehnt: false,
        gespeichert: None,
    })
}

#[derive(Debug, Deserialize)]
pub struct Seitenparameter {
    art: Option<String>,
    #[serde(default, deserialize_with = "gespeichert::lesen")]
    gespeichert: Option<Gespeichert>,
}

async fn anzeigen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    Query(p): Query<Seitenparameter>,
) -> SeitenErgebnis {
    let a = z.app.fall_lesen(&b.akteur, id, None).await?;
    let heute = z.app.heute();
    let art = p.art.as_deref().and_then(art_aus).unwrap_or_else(|| vermutete_art(&a.fallakte, heute));
    let mut s = seite(&z, &b, &a, Neu { art, datum: heute.to_string(), text: None }).await?;
    s.gespeichert = p.gespeichert.map(Gespeichert::text);
    Ok(html(&s))
}

/// A use-case message with the name of its field.
fn feldfehler(fehler: AppFehler) -> Result<Rueckmeldung, super::SeitenFehler> {
    match fehler {
        AppFehler::Ungueltig { feld, meldung } => {
            let was = match feld.as_str() {
                "text" => "Text des Vermerks: ",
                "datum" => "Datum des Gesprächs: ",
                _ => "",
            };
            let id = feld_id(&feld);
            Ok(Rueckmeldung {
                fehler: vec![Feldfehler { id, meldung: format!("{was}{meldung}") }],
                ..Default::default()
            })
        }
        andere => Rueckmeldung::aus(andere),
    }
}

/// V1/V3: saves the Vermerk (immutable from then on) and shows it in the Kundenakte.
async fn schreiben(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let art = f.wert("art").and_then(art_aus);
    let datum = f.datum_pflicht("datum", "Datum des Gesprächs");
    let text = f.text("text");
    let r = match (art, datum) {
        (Some(art), Ok(datum)) => {
            match z.app.vermerk_schreiben(&b.akteur, id, VermerkEingabe { datum, art, text: text.clone() }).await {
                Ok(_) => return Ok(weiter_zu(&Gespeichert::Vermerk.nach(format!("/kunden/{id}")))),
                Err(e) => feldfehler(e)?,
            }
        }
        (art, datum) => {
            let mut fehler = Vec::new();
            if let Err(AppFehler::Ungueltig { feld, meldung }) = datum {
                fehler.push(Feldfehler { id: feld, meldung });
            }
            if art.is_none() {
                fehler.push(Feldfehler { id: "art".into(), meldung: "Art des Gesprächs: bitte auswählen".into() });
            }
            Rueckmeldung { fehler, ..Default::default() }
        }
    };
    let a = z.app.fall_lesen(&b.akteur, id, None).await?;
    let art = art.unwrap_or_else(|| vermutete_art(&a.fallakte, z.app.heute()));
    let mut s = seite(&z, &b, &a, Neu { art, datum: f.text("datum"), text: Some(text) }).await?;
    let status = r.status();
    s.rueckmeldung = r;
    s.neu_abgelehnt = true;
    Ok(mit_status(&s, status))
}

/// V3: a dated addendum to a saved Vermerk.
async fn nachtrag(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, vermerk_id): FallZeile,
    f: Formular,
) -> SeitenErgebnis {
    let text = f.text("text");
    let fehler = match z.app.nachtrag_schreiben(&b.akteur, id, vermerk_id, NachtragEingabe { text: text.clone() }).await
    {
        Ok(_) => {
            return Ok(weiter_zu(
                &(Gespeichert::Nachtrag.nach(format!("/kunden/{id}/vermerk")) + &format!("#vermerk-{vermerk_id}")),
            ));
        }
        Err(e) => e,
    };
    let r = match fehler {
        AppFehler::Ungueltig { meldung, .. } => Rueckmeldung {
            fehler: vec![Feldfehler { id: format!("nachtrag-{vermerk_id}"), meldung: format!("Nachtrag: {meldung}") }],
            ..Default::default()
        },
        andere => Rueckmeldung::aus(andere)?,
    };
    let a = z.app.fall_lesen(&b.akteur, id, None).await?;
    let heute = z.app.heute();
    let art = vermutete_art(&a.fallakte, heute);
    let mut s = seite(&z, &b, &a, Neu { art, datum: heute.to_string(), text: None }).await?;
    if let Some(v) = s.vermerke.iter_mut().find(|v| v.id == vermerk_id) {
        v.abgelehnt = true;
        v.entwurf = text;
    }
    let status = r.status();
    s.rueckmeldung = r;
    Ok(mit_status(&s, status))
}
