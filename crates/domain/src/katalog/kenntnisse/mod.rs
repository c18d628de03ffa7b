//! The skill vocabulary (§8.4, P2; `catalog/kenntnisse.toml`): Stärken and the skills a posting
//! asks for are free text; this module reads the skills a text names, so "MS Office (Word,
//! Excel)" counts as Textverarbeitung and Tabellenkalkulation, "Führerschein CE" as B, and
//! "Deutsch C1" as Deutsch B2. Texts naming no known skill stay as they are (compared by name).

mod fuehrerschein;
mod sprachen;

use std::collections::HashMap;

use serde::Deserialize;

use super::normalisieren::suchtext;
use crate::fallakte::Niveau;

pub use sprachen::{DEUTSCH, sprache};

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Datei {
    kenntnis: Vec<Eintrag>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Eintrag {
    name: String,
    #[serde(default)]
    begriffe: Vec<String>,
    #[serde(default)]
    umfasst: Vec<String>,
}

/// Words that may follow a term in one word ("Excelkenntnisse", "SAP-Erfahrung" is two words).
const ANHAENGE: [&str; 6] = ["kenntnisse", "kenntnis", "erfahrung", "erfahrungen", "anwendung", "anwendungen"];
/// Words joining an elided compound ("Grund- und Behandlungspflege").
const VERBINDER: [&str; 4] = ["und", "oder", "bzw.", "sowie"];

/// One skill a text names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Begriff {
    /// An entry of the file.
    Eintrag(usize),
    /// A language at a GER level (`None`: not stated).
    Sprache(usize, Option<usize>),
    /// Driving licence classes named together ("C/CE").
    Fuehrerschein,
}

/// The loaded vocabulary.
#[derive(Debug, Clone, Default)]
pub struct Kenntnisse {
    namen: Vec<String>,
    /// Per entry: every entry it covers, itself first (transitive).
    umfasst: Vec<Vec<usize>>,
    /// Term (words joined by one space) → entry.
    begriffe: HashMap<String, usize>,
    /// The most words of a term.
    laengster: usize,
}

/// What one text names: the entries and languages in order, and the licence classes.
#[derive(Debug, Default)]
struct Fund {
    begriffe: Vec<Begriff>,
    klassen: Vec<usize>,
}

impl Kenntnisse {
    /// Reads `catalog/kenntnisse.toml`; names and terms must be unique, every `umfasst` an entry.
    pub fn aus_toml(text: &str) -> Result<Kenntnisse, String> {
        let datei: Datei = toml::from_str(text).map_err(|e| format!("nicht lesbar: {e}"))?;
        let mut k = Kenntnisse::default();
        for (i, e) in datei.kenntnis.iter().enumerate() {
            k.namen.push(e.name.clone());
            for b in std::iter::once(&e.name).chain(&e.begriffe) {
                let schluessel = suchtext(b);
                if schluessel.is_empty() {
                    return Err(format!("„{}“: leerer Begriff", e.name));
                }
                k.laengster = k.laengster.max(schluessel.split(' ').count());
                if let Some(vorher) = k.begriffe.insert(schluessel, i) {
                    return Err(format!("„{b}“ steht bei „{}“ und bei „{}“", datei.kenntnis[vorher].name, e.name));
                }
            }
        }
        let nach_name: HashMap<&str, usize> = k.namen.iter().enumerate().map(|(i, n)| (n.as_str(), i)).collect();
        let direkt: Vec<Vec<usize>> = datei
            .kenntnis
            .iter()
            .map(|e| {
                e.umfasst
                    .iter()
                    .map(|u| {
                        nach_name
                            .get(u.as_str())
                            .copied()
                            .ok_or_else(|| format!("„{}“ umfasst unbekanntes „{u}“", e.name))
                    })
                    .collect()
            })
            .collect::<Result<_, _>>()?;
        for i in 0..k.namen.len() {
            let mut alle = vec![i];
            let mut j = 0;
            while let Some(&n) = alle.get(j) {
                for &u in &direkt[n] {
                    if !alle.contains(&u) {
                        alle.push(u);
                    }
                }
                j += 1;
            }
            k.umfasst.push(alle);
        }
        Ok(k)
    }

    /// The skills a posting asks for with one requirement: each named skill (a licence list by
    /// its lowest class, a language at the level stated or at any level). Empty: the text names
    /// no known skill and is compared as it is.
    pub fn anforderung(&self, text: &str) -> Vec<String> {
        let fund = self.lesen(text);
        let mut aus: Vec<String> = Vec::new();
        for b in &fund.begriffe {
            match *b {
                Begriff::Eintrag(e) => aus.push(self.namen[e].clone()),
                Begriff::Sprache(s, stufe) => aus.push(sprachen::name(s, stufe)),
                Begriff::Fuehrerschein => {
                    aus.extend(fuehrerschein::mindestens(&fund.klassen).into_iter().map(fuehrerschein::name))
                }
            }
        }
        eindeutig(aus)
    }

    /// Every skill someone has who names `text` as a Stärke at `niveau`: the named skills and
    /// all they cover (MS Office → Textverarbeitung, CE → B, Deutsch C1 → Deutsch B2; a
    /// language without a stated level at the level of `niveau`).
    pub fn bestand(&self, text: &str, niveau: Niveau) -> Vec<String> {
        let fund = self.lesen(text);
        let mut aus: Vec<String> = Vec::new();
        for b in &fund.begriffe {
            match *b {
                Begriff::Eintrag(e) => aus.extend(self.umfasst[e].iter().map(|u| self.namen[*u].clone())),
                Begriff::Sprache(s, stufe) => {
                    aus.extend(sprachen::bestand(s, stufe.unwrap_or(sprachen::stufe_aus_niveau(niveau))))
                }
                Begriff::Fuehrerschein => {
                    for k in &fund.klassen {
                        aus.extend(fuehrerschein::umfasst(*k).into_iter().map(fuehrerschein::name));
                    }
                }
            }
        }
        eindeutig(aus)
    }

    /// Terms first (longest at each place), then languages and licences in the words left.
    fn lesen(&self, text: &str) -> Fund {
        let aufgeloest = auslassungen_aufloesen(text, |w| self.begriffe.contains_key(w));
        let folded = suchtext(&aufgeloest);
        let woerter: Vec<&str> = folded.split(' ').filter(|w| !w.is_empty()).collect();
        let mut fund = Fund::default();
        let mut i = 0;
        while i < woerter.len() {
            if let Some((e, n)) = self.begriff_ab(&woerter, i) {
                fund.begriffe.push(Begriff::Eintrag(e));
                i += n;
                continue;
            }
            let (klassen, n) = fuehrerschein::lesen(&woerter, i);
            if n > 0 {
                if fund.klassen.is_empty() {
                    fund.begriffe.push(Begriff::Fuehrerschein);
                }
                fund.klassen.extend(klassen);
                i += n;
                continue;
            }
            if let Some(s) = sprache(woerter[i]) {
                fund.begriffe.push(Begriff::Sprache(s, stufe_bei(&woerter, i)));
            }
            i += 1;
        }
        fund
    }

    /// The entry whose term starts at word `i` (the longest), and its number of words.
    fn begriff_ab(&self, woerter: &[&str], i: usize) -> Option<(usize, usize)> {
        for n in (1..=self.laengster.min(woerter.len() - i)).rev() {
            let folge = woerter[i..i + n].join(" ");
            if let Some(e) = self.begriffe.get(&folge) {
                return Some((*e, n));
            }
            if n == 1 {
                let stamm = ANHAENGE.iter().find_map(|a| folge.strip_suffix(a)).filter(|s| s.len() >= 2);
                if let Some(e) = stamm.and_then(|s| self.begriffe.get(s)) {
                    return Some((*e, 1));
                }
            }
        }
        None
    }
}

/// The level stated next to the language at word `i`: the nearest level word before or after
/// it, not beyond another language ("Deutsch C1, Englisch B2"; "gute Deutschkenntnisse").
fn stufe_bei(woerter: &[&str], i: usize) -> Option<usize> {
    let stufe_an = |j: usize| sprachen::stufe(j.checked_sub(1).map(|v| woerter[v]), woerter[j]);
    for abstand in 1..woerter.len() {
        for j in [i.checked_add(abstand), i.checked_sub(abstand)].into_iter().flatten() {
            let Some(w) = woerter.get(j) else { continue };
            let zwischen = if j > i { i + 1..j } else { j + 1..i };
            if sprache(w).is_some() || zwischen.clone().any(|k| sprache(woerter[k]).is_some()) {
                continue;
            }
            if let Some(s) = stufe_an(j) {
                return Some(s);
            }
        }
    }
    None
}

/// "Grund- und Behandlungspflege" → "Grundpflege und Behandlungspflege" when the completed
/// word is a known term (the shortest ending of the next word that makes one).
fn auslassungen_aufloesen(text: &str, bekannt: impl Fn(&str) -> bool) -> String {
    let woerter: Vec<&str> = text.split_whitespace().collect();
    let mut aus: Vec<String> = Vec::with_capacity(woerter.len());
    for (i, w) in woerter.iter().enumerate() {
        let folgt = woerter.get(i + 1).is_some_and(|v| VERBINDER.contains(&v.to_lowercase().as_str()));
        if let (Some(anfang), true, Some(ganz)) = (w.strip_suffix('-'), folgt, woerter.get(i + 2)) {
            let ganz = suchtext(ganz);
            let anfang = suchtext(anfang);
            let ergaenzt = (1..ganz.len())
                .rev()
                .filter(|k| ganz.is_char_boundary(*k))
                .map(|k| format!("{anfang}{}", &ganz[k..]))
                .find(|kandidat| bekannt(kandidat));
            if let Some(e) = ergaenzt {
                aus.push(e);
                continue;
            }
        }
        aus.push((*w).to_string());
    }
    aus.join(" ")
}

fn eindeutig(liste: Vec<String>) -> Vec<String> {
    let mut aus: Vec<String> = Vec::with_capacity(liste.len());
    for n in liste {
        if !aus.contains(&n) {
            aus.push(n);
        }
    }
    aus
}
