//! What the Folgegespräch form shows: the F1 checklist, the four F2 steps with the tasks of the
//! valid EV and the open Handlungsbedarfe of the case, the agreements and the next appointment
//! (K1) — filled with what was typed, each field with its error and rule findings next to it.

use chrono::NaiveDate;
use vierphasen_app::fall::Akte;
use vierphasen_domain::fallakte::GepruefteFallakte;
use vierphasen_domain::regeln::ev::gueltige;
use vierphasen_domain::{Katalog, MerkmalStatus};

use super::eingabe::{VORBEREITUNG, Zeile, vereinbarungen};
use crate::seiten::Formular;
use crate::seiten::anzeige::{datum_text, merkmal_name};
use crate::seiten::formular::{BefundZeile, Rueckmeldung, feld_id};

/// One input with what was typed and what the rules say about it.
#[derive(Debug, Clone, Default)]
pub struct Feld {
    pub name: String,
    pub id: String,
    pub wert: String,
    /// Checkbox ticked.
    pub an: bool,
    pub fehler: Option<String>,
    pub befunde: Vec<BefundZeile>,
}

impl Feld {
    pub fn markiert(&self) -> bool {
        self.fehler.is_some() || !self.befunde.is_empty()
    }

    /// `aria-describedby`: the hint (if the field has one) and the messages.
    pub fn beschrieben_durch(&self, mit_hinweis: bool) -> String {
        let mut ids = Vec::new();
        if mit_hinweis {
            ids.push(format!("{}-hinweis", self.id));
        }
        if self.markiert() {
            ids.push(format!("{}-meldung", self.id));
        }
        ids.join(" ")
    }
}

#[derive(Debug, Clone)]
pub struct Haken {
    pub feld: Feld,
    pub label: String,
}

#[derive(Debug, Clone)]
pub struct Schritt {
    pub anker: &'static str,
    pub kurz: &'static str,
    pub aktuell: bool,
    pub zu_korrigieren: bool,
}

#[derive(Debug, Clone)]
pub struct Aufgabenzeile {
    pub nr: usize,
    pub text: String,
    pub verantwortlich: &'static str,
    pub frist: String,
    /// Hidden field carrying the task text.
    pub aufgabe: Feld,
    /// Radio group `ja`/`nein`; `id` is the first radio's.
    pub erledigt: Feld,
    pub grund: Feld,
}

#[derive(Debug, Clone)]
pub struct Vereinbarungszeile {
    pub nr: usize,
    pub text: Feld,
    pub verantwortlich: Feld,
    pub frist: Feld,
}

/// The K1 proposal for the next Folgegespräch.
#[derive(Debug, Clone)]
pub struct K1Vorschlag {
    pub datum: NaiveDate,
    pub tage: u32,
    pub profillage: &'static str,
}

impl K1Vorschlag {
    pub fn text(&self) -> String {
        format!(
            "Vorschlag nach Kontaktdichtekonzept: {} (K1, {} Tage bei {})",
            datum_text(self.datum),
            self.tage,
            self.profillage
        )
    }
}

#[derive(Debug, Clone)]
pub struct Formularbild {
    pub schritte: Vec<Schritt>,
    pub datum: Feld,
    /// P10: only for a customer in a Bedarfsgemeinschaft.
    pub bedarfsgemeinschaft: Option<Feld>,
    pub vorbereitung: Vec<Haken>,
    pub ev_text: String,
    pub aufgaben: Vec<Aufgabenzeile>,
    pub sanktionstatbestand: Feld,
    pub folgeschritte: Feld,
    pub erfolge_misserfolge: Feld,
    pub schritt1: Vec<BefundZeile>,
    pub profiling_geprueft: Feld,
    pub ziel_besprochen: Feld,
    pub strategien_geprueft: Feld,
    pub anpassungen: Feld,
    pub schritt2: Vec<BefundZeile>,
    pub bewerbungsaktivitaeten: Feld,
    pub bedarfe: Vec<Haken>,
    pub suchlauf: Feld,
    pub schritt3: Vec<BefundZeile>,
    pub vereinbarungen: Vec<Vereinbarungszeile>,
    pub naechster_termin: Feld,
    pub schritt4: Vec<BefundZeile>,
    /// The K1 proposal as the hint of the date input.
    pub k1: String,
}

/// How the form is shown: fresh, with one more agreement row, or after a refusal.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Modus {
    Neu,
    WeitereZeile,
    Korrektur,
}

/// Where a finding belongs: the form field (as named in the form) it concerns.
fn ort(b: &BefundZeile) -> String {
    const MARKE: &str = "folgegespraech.";
    match b.bezug.find(MARKE) {
        Some(p) => match &b.bezug[p + MARKE.len()..] {
            "schritt4.naechster_termin" => "naechster_termin".to_owned(),
            rest => rest.to_owned(),
        },
        None => match b.regel {
            "K1" => "naechster_termin".to_owned(),
            "P10" => "mit_bedarfsgemeinschaft".to_owned(),
            _ => String::new(),
        },
    }
}

/// Field ids of the use case's input errors as this form names them
/// (`gespraeche[3].folgegespraech.schritt1…` → `schritt1…`).
pub fn ids_angleichen(mut r: Rueckmeldung) -> Rueckmeldung {
    let marke = feld_id("folgegespraech.");
    for f in &mut r.fehler {
        if let Some(p) = f.id.find(&marke) {
            f.id = f.id[p + marke.len()..].to_owned();
        }
        if f.id == feld_id("schritt4.naechster_termin") {
            f.id = "naechster_termin".to_owned();
        }
    }
    r
}

/// An ISO date for `<input type="date">` from what was typed.
fn iso(wert: &str) -> String {
    NaiveDate::parse_from_str(wert, "%d.%m.%Y").map(|d| d.to_string()).unwrap_or_else(|_| wert.to_owned())
}

struct Bau<'a> {
    f: &'a Formular,
    r: &'a Rueckmeldung,
    orte: Vec<(String, BefundZeile)>,
}

impl Bau<'_> {
    fn feld(&self, name: &str) -> Feld {
        let id = feld_id(name);
        Feld {
            name: name.to_owned(),
            fehler: self.r.zu(&id).map(str::to_owned),
            id,
            wert: self.f.text(name),
            an: self.f.haken(name),
            befunde: self.orte.iter().filter(|(o, _)| o == name).map(|(_, b)| b.clone()).collect(),
        }
    }

    fn datum(&self, name: &str) -> Feld {
        let mut f = self.feld(name);
        f.wert = iso(&f.wert);
        f
    }

    fn schritt(&self, name: &str) -> Vec<BefundZeile> {
        self.orte.iter().filter(|(o, _)| o == name).map(|(_, b)| b.clone()).collect()
    }

    /// The step (0 = preparation … 4) with errors or findings; `None` when all is well.
    fn erster_markierter(&self) -> Option<usize> {
        let schluessel = self.r.fehler.iter().map(|f| f.id.clone()).chain(self.orte.iter().map(|(o, _)| feld_id(o)));
        schluessel.map(|s| schritt_von(&s)).min()
    }

    fn markiert(&self, schritt: usize) -> bool {
        self.r.fehler.iter().any(|f| schritt_von(&f.id) == schritt)
            || self.orte.iter().any(|(o, b)| schritt_von(&feld_id(o)) == schritt && b.art == "danger")
    }
}

/// The step a field id belongs to.
fn schritt_von(id: &str) -> usize {
    ["schritt1", "schritt2", "schritt3", "schritt4"]
        .iter()
        .position(|p| id.starts_with(p))
        .map(|i| i + 1)
        .unwrap_or(if id == "naechster_termin" { 4 } else { 0 })
}

const SCHRITTE: [(&str, &str); 5] = [
    ("vorbereitung", "Vorbereitung"),
    ("schritt-1", "Schritt 1: Abgleich mit der Eingliederungsvereinbarung"),
    ("schritt-2", "Schritt 2: Profiling, Ziel und Strategien"),
    ("schritt-3", "Schritt 3: Bewerbungsaktivitäten"),
    ("schritt-4", "Schritt 4: Vereinbarungen und Termin"),
];

pub struct Kontext<'a> {
    pub akte: &'a Akte,
    pub gf: &'a GepruefteFallakte<'a>,
    pub katalog: &'a Katalog,
    pub heute: NaiveDate,
    pub k1: &'a K1Vorschlag,
}

pub fn bauen(k: &Kontext<'_>, f: &Formular, r: &Rueckmeldung, modus: Modus) -> Formularbild {
    let akte = &k.akte.ansicht.fallakte;
    let bau = Bau { f, r, orte: r.befunde.iter().map(|b| (ort(b), b.clone())).collect() };
    let aktuell = match modus {
        Modus::WeitereZeile => 4,
        _ => bau.erster_markierter().unwrap_or(0),
    };
    let schritte = SCHRITTE
        .iter()
        .enumerate()
        .map(|(i, (anker, kurz))| Schritt { anker, kurz, aktuell: i == aktuell, zu_korrigieren: bau.markiert(i) })
        .collect();

    // Step 1: the tasks of the EV valid on the day of the conversation, as F2 counts them.
    let am = f.datum("datum", "").ok().flatten().unwrap_or(k.heute);
    let ev = gueltige(k.gf, am).map(|(i, abgeschlossen)| (&akte.eingliederungsvereinbarungen[i], abgeschlossen));
    let ev_text = match ev {
        Some((e, abgeschlossen)) => format!(
            "Gültige Vereinbarung, abgeschlossen am {}{}: {} Aufgaben.",
            datum_text(abgeschlossen),
            e.gueltig_bis.map(|d| format!(", gültig bis {}", datum_text(d))).unwrap_or_default(),
            e.nachzuhalten().len()
        ),
        None => "Es gibt keine gültige Eingliederungsvereinbarung. Besprechen Sie die Umsetzung der Absprachen aus dem letzten Gespräch.".to_owned(),
    };
    let aufgaben = ev
        .map(|(e, _)| e.nachzuhalten())
        .unwrap_or_default()
        .iter()
        .enumerate()
        .map(|(j, a)| {
            let name = |feld: &str| format!("schritt1.aufgaben[{j}].{feld}");
            let mut aufgabe = bau.feld(&name("aufgabe"));
            aufgabe.wert = a.text.clone();
            Aufgabenzeile {
                nr: j + 1,
                text: a.text.clone(),
                verantwortlich: a.verantwortlich.label(),
                frist: a.frist.map(datum_text).unwrap_or_default(),
                aufgabe,
                erledigt: bau.feld(&name("erledigt")),
                grund: bau.feld(&name("grund")),
            }
        })
        .collect();

    // Step 3: the Handlungsbedarfe of the current profiling that may stand against applications.
    let gewaehlt = f.alle("schritt3.entfaellt_wegen");
    let bedarfe = akte
        .profiling
        .last()
        .map(|p| p.merkmale.iter().filter(|m| m.status == MerkmalStatus::Handlungsbedarf).collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|m| Haken {
            feld: Feld {
                name: "schritt3.entfaellt_wegen".to_owned(),
                id: feld_id(&format!("schritt3.entfaellt_wegen.{}", m.merkmal)),
                wert: m.merkmal.clone(),
                an: gewaehlt.contains(&m.merkmal.as_str()),
                ..Feld::default()
            },
            label: merkmal_name(k.katalog, &m.merkmal),
        })
        .collect();

    // Step 4: the typed rows (numbered as the use case sees them) and one empty row to add.
    let mut zeilen: Vec<Zeile> = match modus {
        Modus::Neu => Vec::new(),
        Modus::WeitereZeile => vereinbarungen(f, false),
        Modus::Korrektur => vereinbarungen(f, true),
    };
    let leer = if modus == Modus::Neu { 2 } else { 1 };
    zeilen.extend(std::iter::repeat_n(Zeile::default(), leer));
    let vereinbarungen = zeilen
        .into_iter()
        .enumerate()
        .map(|(j, z)| {
            let name = |feld: &str| format!("schritt4.vereinbarungen[{j}].{feld}");
            // The values come from the row list: after a refusal it is renumbered.
            let mut text = bau.feld(&name("text"));
            text.wert = z.text;
            let mut verantwortlich = bau.feld(&name("verantwortlich"));
            verantwortlich.wert = if z.verantwortlich.is_empty() { "kunde".to_owned() } else { z.verantwortlich };
            let mut frist = bau.feld(&name("frist"));
            frist.wert = iso(&z.frist);
            Vereinbarungszeile { nr: j + 1, text, verantwortlich, frist }
        })
        .collect();

    let sgb2_bg = k.akte.ansicht.stammdaten.bedarfsgemeinschaft.is_some();
    Formularbild {
        schritte,
        datum: bau.datum("datum"),
        bedarfsgemeinschaft: sgb2_bg.then(|| bau.feld("mit_bedarfsgemeinschaft")),
        vorbereitung: VORBEREITUNG
            .iter()
            .map(|(feld, label)| Haken { feld: bau.feld(&format!("vorbereitung.{feld}")), label: (*label).to_owned() })
            .collect(),
        ev_text,
        aufgaben,
        sanktionstatbestand: bau.feld("schritt1.sanktionstatbestand"),
        folgeschritte: bau.feld("schritt1.folgeschritte"),
        erfolge_misserfolge: bau.feld("schritt1.erfolge_misserfolge"),
        schritt1: [bau.schritt("schritt1"), bau.schritt("schritt1.aufgaben")].concat(),
        profiling_geprueft: bau.feld("schritt2.profiling_geprueft"),
        ziel_besprochen: bau.feld("schritt2.ziel_besprochen"),
        strategien_geprueft: bau.feld("schritt2.strategien_geprueft"),
        anpassungen: bau.feld("schritt2.anpassungen"),
        schritt2: bau.schritt("schritt2"),
        bewerbungsaktivitaeten: bau.feld("schritt3.bewerbungsaktivitaeten"),
        bedarfe,
        suchlauf: bau.feld("schritt3.suchlauf_durchgefuehrt"),
        schritt3: bau.schritt("schritt3"),
        vereinbarungen,
        naechster_termin: bau.datum("naechster_termin"),
        schritt4: [bau.schritt("schritt4"), bau.schritt("schritt4.vereinbarungen")].concat(),
        k1: format!(
            "{}. Engere zeitliche Taktungen sind fallangemessen immer möglich; ohne Angabe gilt der Vorschlag.",
            k.k1.text()
        ),
    }
}
