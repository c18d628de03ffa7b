//! The draft editor (E4): the tasks as rows of a plain form, grouped by who carries them out, read
//! back exactly as typed (`aufgaben[N].text|verantwortlich|frist|entfernen`), and the E6 text
//! blocks of the chosen strategies (S14 guidance) to take over with one button.

use std::collections::BTreeMap;

use vierphasen_app::AppFehler;
use vierphasen_domain::fallakte::{Aufgabe, Fallakte, Verantwortlich, Vereinbarungsart};
use vierphasen_domain::{Katalog, Rechtskreis};

use super::dokument::{REIHENFOLGE, aus_schluessel, gruppentitel, schluessel};
use crate::fehlerart::einordnen;
use crate::seiten::Formular;
use crate::seiten::anzeige::strategie_name;
use crate::seiten::formular::{Feldfehler, feld_id};

#[derive(Debug, Clone)]
pub struct Zeile {
    /// Number in the field names; kept while the form goes back and forth.
    pub nr: usize,
    /// Position within its group (from 1), for the labels.
    pub pos: usize,
    pub text: String,
    pub verantwortlich: Verantwortlich,
    /// As typed (JJJJ-MM-TT from the date input).
    pub frist: String,
    pub entfernen: bool,
    /// Who carries it out, in words.
    pub wer: &'static str,
}

impl Zeile {
    fn neu(nr: usize, verantwortlich: Verantwortlich, text: String, frist: String) -> Zeile {
        Zeile { nr, pos: 0, text, verantwortlich, frist, entfernen: false, wer: "" }
    }

    pub fn name(&self, feld: &str) -> String {
        format!("aufgaben[{}].{feld}", self.nr)
    }

    pub fn id(&self, feld: &str) -> String {
        feld_id(&self.name(feld))
    }

    pub fn leer(&self) -> bool {
        self.text.trim().is_empty() && self.frist.trim().is_empty()
    }

    pub fn bezeichnung(&self) -> String {
        format!("Aufgabe {} ({})", self.pos, self.wer)
    }

    /// For the choice list: is this the responsibility `wert`?
    pub fn ist(&self, wert: &str) -> bool {
        schluessel(self.verantwortlich) == wert
    }
}

#[derive(Debug)]
pub struct Gruppe {
    pub schluessel: &'static str,
    pub titel: &'static str,
    pub hinweis: &'static str,
    pub zeilen: Vec<Zeile>,
}

#[derive(Debug)]
pub struct Auswahl {
    pub wert: &'static str,
    pub text: &'static str,
}

/// The choice of who carries out a task.
pub fn auswahl() -> Vec<Auswahl> {
    REIHENFOLGE.into_iter().map(|v| Auswahl { wert: schluessel(v), text: v.label() }).collect()
}

fn hinweis(v: Verantwortlich, art: Vereinbarungsart) -> &'static str {
    match (v, art) {
        (Verantwortlich::Kunde, Vereinbarungsart::Eingliederungsvereinbarung) => {
            "Konkret und nachhaltbar: was bis wann zu tun ist. Eigenbemühungen mit Anzahl und Zeitraum, z. B. „monatlich mindestens vier Bewerbungen“; sie werden im Folgegespräch nachgehalten (E4)."
        }
        (Verantwortlich::Kunde, Vereinbarungsart::Kooperationsplan) => {
            "In einfacher Sprache: was die Kundin bzw. der Kunde als Nächstes tut, möglichst mit Datum."
        }
        (Verantwortlich::Vfk, _) => {
            "Was die Vermittlungsfachkraft tut und welche Leistungen gewährt werden, z. B. Vermittlungsvorschläge, Förderung."
        }
        (Verantwortlich::Dritte, _) => {
            "Aktivitäten anderer Stellen, z. B. Bildungsträger, Ärztlicher Dienst, Beratungsstellen."
        }
    }
}

/// The rows of a stored draft, plus one empty row per group for a new task.
pub fn aus_vereinbarung(aufgaben: &[Aufgabe]) -> Vec<Zeile> {
    let mut zeilen: Vec<Zeile> = aufgaben
        .iter()
        .enumerate()
        .map(|(nr, a)| {
            Zeile::neu(nr, a.verantwortlich, a.text.clone(), a.frist.map(|d| d.to_string()).unwrap_or_default())
        })
        .collect();
    for v in REIHENFOLGE {
        leere_zeile(&mut zeilen, v, String::new());
    }
    zeilen
}

/// The rows as submitted, in the order of their numbers.
pub fn aus_formular(f: &Formular) -> Vec<Zeile> {
    let mut roh: BTreeMap<usize, Zeile> = BTreeMap::new();
    for (name, wert) in &f.0 {
        let Some((nr, feld)) = name.strip_prefix("aufgaben[").and_then(|r| r.split_once("].")) else { continue };
        let Ok(nr) = nr.parse::<usize>() else { continue };
        let z = roh.entry(nr).or_insert_with(|| Zeile::neu(nr, Verantwortlich::Kunde, String::new(), String::new()));
        match feld {
            "text" => z.text.clone_from(wert),
            "verantwortlich" => z.verantwortlich = aus_schluessel(wert).unwrap_or_default(),
            "frist" => wert.trim().clone_into(&mut z.frist),
            "entfernen" => z.entfernen = true,
            _ => {}
        }
    }
    roh.into_values().collect()
}

/// Adds a row for `v`; a text fills the group's first empty row if there is one.
pub fn leere_zeile(zeilen: &mut Vec<Zeile>, v: Verantwortlich, text: String) {
    if !text.is_empty()
        && let Some(z) = zeilen.iter_mut().find(|z| z.verantwortlich == v && z.leer() && !z.entfernen)
    {
        z.text = text;
        return;
    }
    let nr = zeilen.iter().map(|z| z.nr + 1).max().unwrap_or(0);
    zeilen.push(Zeile::neu(nr, v, text, String::new()));
}

/// The rows in document order (by responsibility, then as entered), numbered within their group.
pub fn ordnen(zeilen: &[Zeile]) -> Vec<Zeile> {
    let mut geordnet = Vec::with_capacity(zeilen.len());
    for v in REIHENFOLGE {
        let mut eigene: Vec<Zeile> = zeilen.iter().filter(|z| z.verantwortlich == v).cloned().collect();
        eigene.sort_by_key(|z| z.nr);
        for (i, mut z) in eigene.into_iter().enumerate() {
            z.pos = i + 1;
            z.wer = v.label();
            geordnet.push(z);
        }
    }
    geordnet
}

/// The ordered rows as the editor's sections, one per responsibility.
pub fn gruppen(geordnet: Vec<Zeile>, art: Vereinbarungsart, rk: Rechtskreis) -> Vec<Gruppe> {
    REIHENFOLGE
        .into_iter()
        .map(|v| Gruppe {
            schluessel: schluessel(v),
            titel: gruppentitel(v, art, rk),
            hinweis: hinweis(v, art),
            zeilen: geordnet.iter().filter(|z| z.verantwortlich == v).cloned().collect(),
        })
        .collect()
}

/// The tasks to save, in document order, with the row each came from (the use case names a
/// task by its index). Rows marked "entfernen" and empty rows are left out.
pub fn aufgaben(geordnet: &[Zeile], f: &Formular) -> Result<(Vec<Aufgabe>, Vec<Zeile>), Vec<Feldfehler>> {
    let mut aufgaben = Vec::new();
    let mut herkunft = Vec::new();
    let mut fehler = Vec::new();
    for z in geordnet.iter().filter(|z| !z.entfernen && !z.leer()) {
        let frist = match f.datum(&z.name("frist"), &format!("Frist von {}", z.bezeichnung())) {
            Ok(d) => d,
            Err(e) => {
                fehler.push(feldfehler(e));
                None
            }
        };
        if z.text.trim().is_empty() {
            fehler.push(Feldfehler {
                id: z.id("text"),
                meldung: format!("{}: bitte beschreiben, was zu tun ist, oder „entfernen“ ankreuzen.", z.bezeichnung()),
            });
        }
        aufgaben.push(Aufgabe { text: z.text.trim().to_owned(), verantwortlich: z.verantwortlich, frist });
        herkunft.push(z.clone());
    }
    if fehler.is_empty() { Ok((aufgaben, herkunft)) } else { Err(fehler) }
}

/// An input error of the form as its feedback line.
pub fn feldfehler(e: AppFehler) -> Feldfehler {
    match e {
        AppFehler::Ungueltig { feld, meldung } => Feldfehler { id: feld_id(&feld), meldung },
        andere => Feldfehler { id: "aufgaben".into(), meldung: einordnen(&andere).text },
    }
}

/// A use-case message about `aufgaben[j].feld` placed at the row it came from.
pub fn zur_zeile(feld: &str, meldung: &str, herkunft: &[Zeile]) -> Option<Feldfehler> {
    let (j, teil) = feld.strip_prefix("aufgaben[")?.split_once("].")?;
    let z = herkunft.get(j.parse::<usize>().ok()?)?;
    let was = if teil == "frist" { format!("Frist von {}", z.bezeichnung()) } else { z.bezeichnung() };
    Some(Feldfehler { id: z.id(teil), meldung: format!("{was}: {meldung}") })
}

#[derive(Debug)]
pub struct Baustein {
    /// Value of the "übernehmen" button: strategy position and block number.
    pub schluessel: String,
    pub verantwortlich: Verantwortlich,
    pub wer: &'static str,
    pub text: String,
    /// Already among the tasks.
    pub uebernommen: bool,
}

#[derive(Debug)]
pub struct Bausteine {
    pub strategie: String,
    pub zwischenziel: String,
    pub bausteine: Vec<Baustein>,
}

/// E6/S14: for each open strategy in the order of work (S10) the guidance's text block and the
/// activities of customer, VFK and third parties. Local strategies (S11) carry no guidance.
pub fn bausteine(akte: &Fallakte, katalog: &Katalog, zeilen: &[Zeile]) -> Vec<Bausteine> {
    let mut offen: Vec<usize> = (0..akte.strategien.len()).filter(|i| akte.strategien[*i].ergebnis.is_none()).collect();
    offen.sort_by_key(|i| {
        let w = &akte.strategien[*i];
        (w.reihenfolge.unwrap_or(u8::MAX), w.beginn, *i)
    });
    let mut alle = Vec::new();
    for i in offen {
        let w = &akte.strategien[i];
        let Some(r) = katalog.finde_strategie(&w.strategie) else { continue };
        let l = &katalog.strategie(r).leitfaden;
        let quellen = std::iter::once((Verantwortlich::Kunde, &l.ev_textbaustein))
            .chain(l.aktivitaeten_kunde.iter().map(|t| (Verantwortlich::Kunde, t)))
            .chain(l.aktivitaeten_vfk.iter().map(|t| (Verantwortlich::Vfk, t)))
            .chain(l.aktivitaeten_dritte.iter().map(|t| (Verantwortlich::Dritte, t)));
        let mut bausteine: Vec<Baustein> = Vec::new();
        for (k, (v, text)) in quellen.enumerate() {
            if text.trim().is_empty() || bausteine.iter().any(|b| &b.text == text) {
                continue;
            }
            bausteine.push(Baustein {
                schluessel: format!("{i}.{k}"),
                verantwortlich: v,
                wer: v.label(),
                text: text.clone(),
                uebernommen: zeilen.iter().any(|z| !z.entfernen && z.text.trim() == text.trim()),
            });
        }
        alle.push(Bausteine {
            strategie: strategie_name(katalog, &w.strategie),
            zwischenziel: l.zwischenziel.clone(),
            bausteine,
        });
    }
    // U8: the BiZ orders of the seed, as tasks of the customer.
    let biz = katalog
        .leistungen
        .iter()
        .filter_map(|l| l.ev_aufgabe.as_ref())
        .enumerate()
        .map(|(k, text)| Baustein {
            schluessel: format!("biz.{k}"),
            verantwortlich: Verantwortlich::Kunde,
            wer: Verantwortlich::Kunde.label(),
            text: text.clone(),
            uebernommen: zeilen.iter().any(|z| !z.entfernen && z.text.trim() == text.trim()),
        })
        .collect();
    alle.push(Bausteine {
        strategie: "Aufträge zur Nutzung des Berufsinformationszentrums (BiZ)".into(),
        zwischenziel: String::new(),
        bausteine: biz,
    });
    alle
}
