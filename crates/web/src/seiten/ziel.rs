//! Phase 2 "Ziel festlegen" (Z1–Z8): the agreed Zieloption with its history and the form to
//! agree a new one, the Zieloptionen grouped as in the seed (one fieldset per group).

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use vierphasen_app::AppFehler;
use vierphasen_app::fall::{Fallansicht, ZielEingabe};
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::fallakte::Ziel;
use vierphasen_domain::regeln::ziel::suchhorizont_text;
use vierphasen_domain::{Katalog, Profillage, Rechtskreis};

use super::anzeige::{beruf_name, datum_text, segment_text};
use super::formular::{BefundZeile, befund_zeilen};
use super::gespeichert::{Gespeichert, Hinweis};
use super::{
    FallPfad, Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, html, mit_status, nach_dem_speichern,
};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new().route("/kunden/{id}/ziel", get(seite).post(speichern))
}

/// The Profillage the rules work with: the chosen one, else the engine's suggestion.
pub(super) fn wirksame_profillage(f: &Fallansicht) -> Option<Profillage> {
    let p = &f.pruefung.profillage;
    p.gewaehlt.or(p.ergebnis.vorschlag)
}

/// Who the page is about: shown under the heading of the phase pages (Ziel, Strategien).
#[derive(Debug)]
pub(super) struct Fallkopf {
    pub id: i64,
    pub name: String,
    pub kundennummer: String,
    pub rechtskreis: &'static str,
    pub segment: &'static str,
    pub profillage: String,
}

impl Fallkopf {
    pub(super) fn aus(f: &Fallansicht) -> Fallkopf {
        let s = &f.stammdaten;
        let p = &f.pruefung.profillage;
        let profillage = match (p.gewaehlt, p.ergebnis.vorschlag) {
            (Some(g), _) => g.label().to_owned(),
            (None, Some(v)) => format!("noch nicht gewählt (Vorschlag: {})", v.label()),
            (None, None) => "noch nicht festgelegt".to_owned(),
        };
        Fallkopf {
            id: s.id,
            name: format!("{} {}", s.vorname, s.nachname),
            kundennummer: s.kundennummer.clone(),
            rechtskreis: s.rechtskreis.label(),
            segment: segment_text(s.segment),
            profillage,
        }
    }
}

#[derive(Debug)]
struct Optionszeile {
    id: String,
    /// The input id: the first option carries the field's id so the error summary lands there.
    feld: String,
    label: String,
    hinweise: Vec<String>,
    /// Not selectable in this case, with the rule (Z2).
    gesperrt: Option<String>,
    gewaehlt: bool,
}

#[derive(Debug)]
struct Optionsgruppe {
    label: String,
    optionen: Vec<Optionszeile>,
}

#[derive(Debug)]
struct Zielzeile {
    option: String,
    vereinbart_am: String,
    horizont: String,
    bestaetigt: bool,
    eigene_ziele: String,
}

/// The form prefilled with the current goal (Z7: reviewed in every Folgegespräch).
fn formular_aus_ziel(z: Option<&Ziel>) -> Formular {
    let Some(z) = z else { return Formular::default() };
    let mut felder = vec![("zieloption".to_owned(), z.zieloption.clone())];
    if let Some(h) = z.horizont_monate {
        felder.push(("horizont_monate".to_owned(), h.to_string()));
    }
    if z.beendet_arbeitslosigkeit_oder_verringert_hilfebeduerftigkeit {
        felder.push(("beendet_arbeitslosigkeit_oder_verringert_hilfebeduerftigkeit".to_owned(), "ja".to_owned()));
    }
    if let Some(e) = &z.eigene_ziele {
        felder.push(("eigene_ziele".to_owned(), e.clone()));
    }
    Formular(felder)
}

#[derive(Template)]
#[template(path = "ziel.html")]
struct Zielseite {
    rahmen: Rahmen,
    kopf: Fallkopf,
    zielberuf: String,
    aktuell: Option<Zielzeile>,
    /// Earlier goals, newest first (Z1, Z7).
    frueher: Vec<Zielzeile>,
    /// The rules' findings on the goal (bezug `ziele…`).
    befunde: Vec<BefundZeile>,
    gruppen: Vec<Optionsgruppe>,
    /// The current goal's values, or what was typed.
    f: Formular,
    /// Z5: what the Mini-/Midi-Job must achieve in this Rechtskreis.
    bestaetigung_text: &'static str,
    komplex_horizont: u32,
    rueckmeldung: Rueckmeldung,
    /// The notice after "Speichern und weiter" from the profiling.
    gespeichert: Option<&'static str>,
}

fn zielzeile(katalog: &Katalog, z: &Ziel) -> Zielzeile {
    Zielzeile {
        option: katalog
            .finde_zieloption(&z.zieloption)
            .map(|o| o.label.clone())
            .unwrap_or_else(|| z.zieloption.clone()),
        vereinbart_am: datum_text(z.vereinbart_am),
        horizont: z.horizont_monate.map(|h| format!("{h} Monate")).unwrap_or_default(),
        bestaetigt: z.beendet_arbeitslosigkeit_oder_verringert_hilfebeduerftigkeit,
        eigene_ziele: z.eigene_ziele.clone().unwrap_or_default(),
    }
}

fn gruppen(katalog: &Katalog, rechtskreis: Rechtskreis, gewaehlt: &str) -> Vec<Optionsgruppe> {
    let gewaehlt_id = katalog.finde_zieloption(gewaehlt).map(|o| o.id.as_str()).unwrap_or(gewaehlt);
    let mut erste = true;
    katalog
        .zielgruppen
        .iter()
        .map(|g| Optionsgruppe {
            label: g.label.clone(),
            optionen: katalog
                .zieloptionen
                .iter()
                .filter(|o| o.gruppe == g.id)
                .map(|o| {
                    let mut hinweise = vec![suchhorizont_text(o.suchhorizont).to_owned()];
                    if o.bestaetigung_erforderlich {
                        hinweise.push("Bestätigung erforderlich (Z5)".to_owned());
                    }
                    if o.fuer_komplexe_profillagen {
                        hinweise.push("für ausgewählte komplexe Profillagen (Z3)".to_owned());
                    }
                    let gesperrt = o
                        .nur_rechtskreis
                        .filter(|rk| *rk != rechtskreis)
                        .map(|rk| format!("nicht wählbar: nur im {} (Z2)", rk.label()));
                    let feld = if erste { "zieloption".to_owned() } else { format!("zieloption-{}", o.id) };
                    erste = false;
                    Optionszeile {
                        id: o.id.clone(),
                        feld,
                        label: o.label.clone(),
                        hinweise,
                        gesperrt,
                        gewaehlt: o.id == gewaehlt_id,
                    }
                })
                .collect(),
        })
        .collect()
}

fn seite_bauen(
    b: &Angemeldet,
    fall: &Fallansicht,
    katalog: &Katalog,
    f: Formular,
    rueckmeldung: Rueckmeldung,
) -> Zielseite {
    let ziele = &fall.fallakte.ziele;
    let rechtskreis = fall.stammdaten.rechtskreis;
    let befunde: Vec<_> = fall.pruefung.befunde.iter().filter(|b| b.bezug.starts_with("ziel")).cloned().collect();
    Zielseite {
        rahmen: Rahmen::neu(b, "kunden"),
        kopf: Fallkopf::aus(fall),
        zielberuf: fall
            .fallakte
            .profiling
            .last()
            .and_then(|p| p.zielberuf.as_deref())
            .map(|c| beruf_name(katalog, c))
            .unwrap_or_default(),
        aktuell: ziele.last().map(|z| zielzeile(katalog, z)),
        frueher: ziele.iter().rev().skip(1).map(|z| zielzeile(katalog, z)).collect(),
        befunde: befund_zeilen(&befunde),
        gruppen: gruppen(katalog, rechtskreis, &f.text("zieloption")),
        f,
        bestaetigung_text: match rechtskreis {
            Rechtskreis::SgbII => "Die Beschäftigung verringert die Hilfebedürftigkeit oder beendet sie.",
            Rechtskreis::SgbIII => "Die Beschäftigung beendet die Arbeitslosigkeit.",
        },
        komplex_horizont: katalog.parameter.strategie.komplex_horizont_monate,
        rueckmeldung,
        gespeichert: None,
    }
}

async fn seite(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    Query(p): Query<Hinweis>,
) -> SeitenErgebnis {
    let f = z.app.fall_lesen(&b.akteur, id, None).await?;
    let eingabe = formular_aus_ziel(f.fallakte.ziele.last());
    let mut s = seite_bauen(&b, &f, z.app.katalog, eingabe, Rueckmeldung::default());
    s.gespeichert = p.text();
    Ok(html(&s))
}

fn ziel_eingabe(f: &Formular) -> Result<ZielEingabe, AppFehler> {
    let zieloption = f
        .wert("zieloption")
        .ok_or_else(|| AppFehler::ungueltig("zieloption", "Zieloption: bitte eine Zieloption wählen (Z1)"))?
        .to_owned();
    Ok(ZielEingabe {
        zieloption,
        horizont_monate: f.zahl("horizont_monate", "Zeithorizont")?,
        beendet_arbeitslosigkeit_oder_verringert_hilfebeduerftigkeit: f
            .haken("beendet_arbeitslosigkeit_oder_verringert_hilfebeduerftigkeit"),
        eigene_ziele: f.wert("eigene_ziele").map(str::to_owned),
        bestaetigt: f.bestaetigt(),
    })
}

async fn speichern(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    formular: Formular,
) -> SeitenErgebnis {
    let ergebnis = match ziel_eingabe(&formular) {
        Ok(e) => z.app.ziel_setzen(&b.akteur, id, e).await,
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(_) => Ok(nach_dem_speichern(&formular, id, Gespeichert::Ziel, "strategien")),
        Err(fehler) => {
            let r = Rueckmeldung::aus(fehler)?;
            let f = z.app.fall_lesen(&b.akteur, id, None).await?;
            let status = r.status();
            Ok(mit_status(&seite_bauen(&b, &f, z.app.katalog, formular, r), status))
        }
    }
}
