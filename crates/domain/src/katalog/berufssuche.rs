//! The Zielberuf search (P1) for what people type (issue 15/1): every job title in its male and
//! female form, everyday titles from `catalog/berufsbenennungen.csv`, umlauts spelled either way,
//! typing in progress, compounds ("Pfarramtssekretärin" is a Sekretärin) and typos tolerated.
//!
//! Ranking: a title that is exactly what was typed first, then titles with fewer words beside the
//! typed ones; among equals the everyday title, then the plain occupation (fachlich ausgerichtet,
//! ohne Spezialisierung) before Helfer, Spezialisten, Experten and specialisations.

use std::collections::{HashMap, HashSet};

use super::berufe::KldbCode;
use super::berufsformen::formen;
use super::normalisieren::suchtext;

/// Where a job title of the index comes from; the order is the preference among equal scores.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Herkunft {
    /// `catalog/berufsbenennungen.csv`: an everyday title and the code it means.
    Alltag,
    /// A "Zugeordneter Beruf" of the KldB.
    Beispiel,
    /// The title of the Berufsgattung itself.
    Titel,
}

/// Points of a word of the query against a word of a title.
const GLEICH: i32 = 10;
const TIPPFEHLER: i32 = 7;
const ANGEFANGEN: i32 = 7;
const ABGEKUERZT: i32 = 5;
const ZWEI_TIPPFEHLER: i32 = 5;
const ZUSAMMENGESETZT: i32 = 4;
/// The typed word is a compound ending in a title's word ("Pfarramtssekretärin"): one less for a
/// short last part.
const GRUNDWORT: i32 = 7;
/// Per word of a title that the query does not contain.
const UEBERZAEHLIG: i32 = 1;
/// An everyday title typed as it is is what `catalog/berufsbenennungen.csv` says it means.
const ALLTAG_BONUS: i32 = 2;

/// Words that carry no meaning for the occupation.
const FUELLWOERTER: &[&str] = &[
    "in",
    "im",
    "der",
    "die",
    "das",
    "des",
    "dem",
    "den",
    "ein",
    "eine",
    "einer",
    "einem",
    "eines",
    "bei",
    "beim",
    "fuer",
    "von",
    "vom",
    "und",
    "u",
    "als",
    "am",
    "an",
    "auf",
    "mit",
    "zu",
    "zur",
    "zum",
    "aus",
    "oder",
    "sowie",
    "berufe",
    "taetigkeiten",
    "ohne",
    "spezialisierung",
    "sonstige",
    "spezifische",
    "taetigkeitsangabe",
    "fachlich",
    "ausgerichtete",
    "komplexe",
    "hoch",
    "spezialistentaetigkeiten",
    "helfer",
    "anlerntaetigkeiten",
    "prof",
];

/// Agent nouns for activity nouns, so that "Filialleitung" finds the Filialleiter/in.
const TAETIGKEIT_ZU_BERUF: &[(&str, &str)] = &[("leitung", "leiter"), ("beratung", "berater"), ("pflege", "pfleger")];

fn inhaltswoerter(text: &str) -> Vec<String> {
    suchtext(text).split(' ').filter(|w| w.len() > 1 && !FUELLWOERTER.contains(w)).map(str::to_string).collect()
}

#[derive(Debug, Clone)]
struct Eintrag {
    beruf: u32,
    anzeige: String,
    woerter: Vec<u32>,
    herkunft: Herkunft,
}

/// One occupation found: the best-matching title and its score.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fund {
    /// Index into the list of occupations.
    pub beruf: u32,
    /// The title in the form that matched ("Pflegefachfrau (Ausbildung)").
    pub benennung: String,
    pub herkunft: Herkunft,
    pub punkte: i32,
    /// Every typed word is a word of the title and the title has no other word.
    pub genau: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Suchindex {
    eintraege: Vec<Eintrag>,
    nummer: HashMap<String, u32>,
    woerter: Vec<String>,
    /// `woerter` as chars, for the typo distance.
    zeichen: Vec<Vec<char>>,
    vorkommen: Vec<Vec<u32>>,
}

impl Suchindex {
    /// Adds both forms of `benennung` for occupation `beruf`.
    pub fn eintragen(&mut self, beruf: u32, benennung: &str, herkunft: Herkunft) {
        let [m, w] = formen(benennung);
        for form in [m.clone(), w].into_iter().enumerate().filter(|(i, f)| *i == 0 || *f != m).map(|(_, f)| f) {
            let woerter: Vec<u32> = inhaltswoerter(&form).into_iter().map(|w| self.wort(w)).collect();
            if woerter.is_empty() {
                continue;
            }
            let id = u32::try_from(self.eintraege.len()).unwrap_or(u32::MAX);
            for w in woerter.iter().copied().collect::<HashSet<u32>>() {
                self.vorkommen[w as usize].push(id);
            }
            self.eintraege.push(Eintrag { beruf, anzeige: form, woerter, herkunft });
        }
    }

    fn wort(&mut self, wort: String) -> u32 {
        if let Some(n) = self.nummer.get(&wort) {
            return *n;
        }
        let n = u32::try_from(self.woerter.len()).unwrap_or(u32::MAX);
        self.nummer.insert(wort.clone(), n);
        self.zeichen.push(wort.chars().collect());
        self.woerter.push(wort);
        self.vorkommen.push(Vec::new());
        n
    }

    /// The words of the index that a typed word matches, with points; `nur_gleich`: only the
    /// same word (a lookup instead of a pass over all words).
    fn passende_woerter(&self, q: &str, zuletzt_getippt: bool, nur_gleich: bool) -> Vec<(u32, i32)> {
        if nur_gleich {
            return self.nummer.get(q).map(|w| (*w, GLEICH)).into_iter().collect();
        }
        let q_zeichen: Vec<char> = q.chars().collect();
        let ql = q_zeichen.len();
        // A word the index has is no typo.
        let vertippt = !self.nummer.contains_key(q);
        let mut zeilen = [Vec::new(), Vec::new(), Vec::new()];
        let mut aus = Vec::new();
        for (i, v) in self.woerter.iter().enumerate() {
            let g = if v == q {
                GLEICH
            } else if ql >= 3 && v.starts_with(q) {
                if zuletzt_getippt { ANGEFANGEN } else { ABGEKUERZT }
            } else if v.len() >= 4 && q.ends_with(v.as_str()) {
                // "pfarramtssekretaerin" ends with "sekretaerin": a kind of Sekretärin.
                GRUNDWORT - i32::from(v.len() < 8)
            } else if ql >= 4 && v.ends_with(q) {
                ZUSAMMENGESETZT
            } else if vertippt && ql >= 5 && self.zeichen[i].len().abs_diff(ql) <= 2 {
                let grenze = if ql >= 7 { 2 } else { 1 };
                match distanz(&q_zeichen, &self.zeichen[i], grenze, &mut zeilen) {
                    Some(1) => TIPPFEHLER,
                    Some(2) => ZWEI_TIPPFEHLER,
                    _ => 0,
                }
            } else {
                0
            };
            if g > 0 {
                aus.push((u32::try_from(i).unwrap_or(u32::MAX), g));
            }
        }
        aus
    }

    /// The occupations `anfrage` finds, best first, one `Fund` per occupation; `rang` orders
    /// equal scores (the plain occupation first). `nur_gleich`: only titles with the typed words
    /// as they are (fast, for mapping many postings).
    pub fn finden(&self, anfrage: &str, rang: impl Fn(u32) -> (u8, u8, KldbCode), nur_gleich: bool) -> Vec<Fund> {
        let [m, w] = formen(anfrage);
        let mut beste: HashMap<u32, Fund> = HashMap::new();
        let mut gesehen = HashSet::new();
        for form in [m, w] {
            let woerter = inhaltswoerter(&form);
            let woerter = if nur_gleich { woerter } else { self.erweitern(woerter) };
            if woerter.is_empty() || !gesehen.insert(woerter.clone()) {
                continue;
            }
            for fund in self.finden_form(&woerter, nur_gleich) {
                let besser = beste.get(&fund.beruf).is_none_or(|b| {
                    (fund.punkte, std::cmp::Reverse(fund.herkunft)) > (b.punkte, std::cmp::Reverse(b.herkunft))
                });
                if besser {
                    beste.insert(fund.beruf, fund);
                }
            }
        }
        let mut funde: Vec<Fund> = beste.into_values().collect();
        funde.sort_by(|a, b| {
            b.punkte
                .cmp(&a.punkte)
                .then(b.genau.cmp(&a.genau))
                .then(a.herkunft.cmp(&b.herkunft))
                .then(rang(a.beruf).cmp(&rang(b.beruf)))
        });
        funde
    }

    /// A typed word the index does not have: an activity becomes the occupation
    /// ("Filialleitung" → "filialleiter"), and a compound gets its first part as a word of its own
    /// ("Bäckermeister" → "baecker", the index has "Meister/in - Bäcker- und Konditorenhandwerk").
    fn erweitern(&self, woerter: Vec<String>) -> Vec<String> {
        let mut aus: Vec<String> = Vec::new();
        for mut q in woerter {
            if !self.nummer.contains_key(&q) {
                for (taetigkeit, beruf) in TAETIGKEIT_ZU_BERUF {
                    if let Some(stamm) = q.strip_suffix(taetigkeit)
                        && stamm.len() >= 3
                    {
                        q = format!("{stamm}{beruf}");
                        break;
                    }
                }
            }
            if !self.nummer.contains_key(&q)
                && let Some(erstes) = self.bestimmungswort(&q)
                && !aus.contains(&erstes)
            {
                aus.push(erstes);
            }
            if !aus.contains(&q) {
                aus.push(q);
            }
        }
        aus
    }

    /// The first part of a compound whose last part is a word of the index, without the
    /// linking "s" ("pfarramtssekretaerin" → "pfarramt").
    fn bestimmungswort(&self, q: &str) -> Option<String> {
        let grundwort = self
            .woerter
            .iter()
            .filter(|v| v.len() >= 5 && v.len() + 3 <= q.len() && q.ends_with(v.as_str()))
            .max_by_key(|v| v.len())?;
        let erstes = &q[..q.len() - grundwort.len()];
        let erstes = match erstes.strip_suffix('s') {
            Some(ohne) if ohne.len() >= 4 => ohne,
            _ => erstes,
        };
        Some(erstes.to_string())
    }

    fn finden_form(&self, woerter: &[String], nur_gleich: bool) -> Vec<Fund> {
        let letztes = woerter.len() - 1;
        // Per entry: the best points of each typed word.
        let mut je_eintrag: HashMap<u32, Vec<i32>> = HashMap::new();
        let mut getroffen: HashSet<u32> = HashSet::new();
        let mut bestes_wort = 0;
        for (qi, q) in woerter.iter().enumerate() {
            for (w, g) in self.passende_woerter(q, qi == letztes, nur_gleich) {
                getroffen.insert(w);
                bestes_wort = bestes_wort.max(g);
                for e in &self.vorkommen[w as usize] {
                    let punkte = je_eintrag.entry(*e).or_insert_with(|| vec![0; woerter.len()]);
                    punkte[qi] = punkte[qi].max(g);
                }
            }
        }
        if bestes_wort < ZUSAMMENGESETZT {
            return Vec::new();
        }
        let mut aus: HashMap<u32, Fund> = HashMap::new();
        for (e, punkte) in je_eintrag {
            let eintrag = &self.eintraege[e as usize];
            let ueberzaehlig = eintrag.woerter.iter().filter(|w| !getroffen.contains(w)).count();
            let genau = ueberzaehlig == 0 && punkte.iter().all(|p| *p == GLEICH);
            let summe: i32 = punkte.iter().sum::<i32>()
                - UEBERZAEHLIG * i32::try_from(ueberzaehlig).unwrap_or(i32::MAX / 4)
                + if genau && eintrag.herkunft == Herkunft::Alltag { ALLTAG_BONUS } else { 0 };
            let fund = Fund {
                beruf: eintrag.beruf,
                benennung: eintrag.anzeige.clone(),
                herkunft: eintrag.herkunft,
                punkte: summe,
                genau,
            };
            let besser = aus.get(&eintrag.beruf).is_none_or(|b| {
                (fund.punkte, fund.genau, std::cmp::Reverse(fund.herkunft))
                    > (b.punkte, b.genau, std::cmp::Reverse(b.herkunft))
            });
            if besser {
                aus.insert(eintrag.beruf, fund);
            }
        }
        aus.into_values().collect()
    }
}

/// Damerau–Levenshtein distance (optimal string alignment) of `a` and `b` if it is at most
/// `grenze`. `zeilen`: reused buffers.
fn distanz(a: &[char], b: &[char], grenze: usize, zeilen: &mut [Vec<usize>; 3]) -> Option<usize> {
    if a.len().abs_diff(b.len()) > grenze {
        return None;
    }
    let breite = b.len() + 1;
    let [vorvorige, vorige, zeile] = zeilen;
    vorvorige.clear();
    vorvorige.resize(breite, 0);
    vorige.clear();
    vorige.extend(0..breite);
    zeile.clear();
    zeile.resize(breite, 0);
    for i in 1..=a.len() {
        zeile[0] = i;
        let mut kleinste = zeile[0];
        for j in 1..breite {
            let kosten = usize::from(a[i - 1] != b[j - 1]);
            let mut d = (vorige[j] + 1).min(zeile[j - 1] + 1).min(vorige[j - 1] + kosten);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d = d.min(vorvorige[j - 2] + 1);
            }
            zeile[j] = d;
            kleinste = kleinste.min(d);
        }
        if kleinste > grenze {
            return None;
        }
        std::mem::swap(vorvorige, vorige);
        std::mem::swap(vorige, zeile);
    }
    let d = vorige[b.len()];
    (d <= grenze).then_some(d)
}
