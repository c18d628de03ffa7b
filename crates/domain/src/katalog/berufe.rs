//! KldB 2010 (Fassung 2020) occupations: a Zielberuf is a valid 5-digit code (P1), searchable by
//! title and by the example job titles the classification lists.
//! Quelle: Statistik der Bundesagentur für Arbeit, KldB 2010 – Fassung 2020.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use super::berufssuche::{Herkunft, Suchindex};

/// A 5-digit KldB 2010 code ("Berufsgattung"), e.g. `43412`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(into = "String")]
pub struct KldbCode([u8; 5]);

impl KldbCode {
    /// Accepts exactly five digits.
    pub fn parse(text: &str) -> Option<KldbCode> {
        let b = text.trim().as_bytes();
        if b.len() != 5 || !b.iter().all(u8::is_ascii_digit) {
            return None;
        }
        let mut c = [0u8; 5];
        c.copy_from_slice(b);
        Some(KldbCode(c))
    }
    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("00000")
    }
    /// The first `n` digits (3 = Berufsgruppe, 4 = Berufsuntergruppe).
    pub fn praefix(&self, n: usize) -> &str {
        &self.as_str()[..n.min(5)]
    }
}

impl fmt::Display for KldbCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl From<KldbCode> for String {
    fn from(c: KldbCode) -> String {
        c.as_str().to_string()
    }
}

#[derive(Debug, Clone, Serialize)]
pub struct Berufsbeispiel {
    /// e.g. `43412-103`
    pub code: String,
    pub titel: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Beruf {
    pub kldb: KldbCode,
    pub titel: String,
    pub beispiele: Vec<Berufsbeispiel>,
    /// The job title people use for this code: the first "grundform" of
    /// `catalog/berufsbenennungen.csv` ("Verkäufer/in" for 62102), if it names one.
    pub berufsbezeichnung: Option<String>,
}

impl Beruf {
    /// Order among equally good search hits: the plain occupation (fachlich ausgerichtet, ohne
    /// Spezialisierung) first, then Helfer, Spezialisten, Experten; specialisations and
    /// supervision after the plain one.
    fn rang(&self) -> (u8, u8, KldbCode) {
        let b = self.kldb.as_str().as_bytes();
        let niveau = match b[4] {
            b'2' => 0,
            b'1' => 1,
            b'3' => 2,
            _ => 3,
        };
        let spezialisierung = match b[3] {
            b'0' => 0,
            b'9' => 2,
            _ => 1,
        };
        (niveau, spezialisierung, self.kldb)
    }
}

/// An occupation the search found and the job title it found it by.
#[derive(Debug, Clone)]
pub struct Berufstreffer<'a> {
    pub beruf: &'a Beruf,
    /// The matching title in the form typed ("Verkäuferin", "Pflegefachfrau (Ausbildung)").
    pub benennung: String,
    /// The title is exactly the typed text (up to case, umlaut spelling and gender form).
    pub genau: bool,
    pub herkunft: Herkunft,
    /// How well the title matches (higher is better; a whole typed word is 10).
    pub punkte: i32,
}

/// A job title that names no occupation or more than one (posting import and form).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Zuordnungsfehler {
    /// A five-digit code that is no Berufsgattung.
    UnbekannterCode,
    KeinTreffer,
    /// The best candidates, "code titel".
    Mehrdeutig(Vec<String>),
}

/// All 5-digit occupations with a search index.
#[derive(Debug, Clone, Default)]
pub struct Berufe {
    liste: Vec<Beruf>,
    nach_code: HashMap<KldbCode, usize>,
    index: Suchindex,
}

fn ohne_entities(s: &str) -> String {
    s.replace("&nbsp;", " ").replace("&amp;", "&")
}

/// Splits "Zugeordnete Berufe (Beispiele):  43412-103 Fachinformatiker/in …  43412-104 …".
fn beispiele(text: &str) -> Vec<Berufsbeispiel> {
    let text = ohne_entities(text);
    let text = text.split_once(':').map_or(text.as_str(), |(_, r)| r);
    let mut aus: Vec<Berufsbeispiel> = Vec::new();
    for wort in text.split_whitespace() {
        let ist_code = wort.len() >= 8
            && wort.split_once('-').is_some_and(|(a, b)| {
                (4..=5).contains(&a.len()) && b.len() == 3 && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())
            });
        if ist_code {
            let code = if wort.len() == 8 { format!("0{wort}") } else { wort.to_string() };
            aus.push(Berufsbeispiel { code, titel: String::new() });
        } else if let Some(letztes) = aus.last_mut() {
            if !letztes.titel.is_empty() {
                letztes.titel.push(' ');
            }
            letztes.titel.push_str(wort);
        }
    }
    aus.retain(|b| !b.titel.is_empty());
    aus
}

impl Berufe {
    /// The KldB's level-5 rows and the everyday titles (`benennung;kldb;…`, `#` comments).
    pub(super) fn aus_csv(text: &str, alltag: &str) -> Result<Berufe, String> {
        let text = text.trim_start_matches('\u{feff}');
        let mut leser = csv::ReaderBuilder::new().delimiter(b';').flexible(true).from_reader(text.as_bytes());
        let mut liste = Vec::new();
        for (zeile, satz) in leser.records().enumerate() {
            let satz = satz.map_err(|e| format!("Zeile {}: {e}", zeile + 2))?;
            if satz.get(1) != Some("5") {
                continue;
            }
            let roh = satz.get(0).unwrap_or_default();
            let kldb = KldbCode::parse(&format!("{roh:0>5}"))
                .ok_or_else(|| format!("Zeile {}: ungültiger Schlüssel `{roh}`", zeile + 2))?;
            let titel = ohne_entities(satz.get(2).unwrap_or_default()).trim().to_string();
            let beispiele = beispiele(satz.get(6).unwrap_or_default());
            liste.push(Beruf { kldb, titel, beispiele, berufsbezeichnung: None });
        }
        if liste.len() < 1000 {
            return Err(format!("nur {} Berufsgattungen gefunden, erwartet etwa 1.300", liste.len()));
        }
        let nach_code: HashMap<KldbCode, usize> = liste.iter().enumerate().map(|(i, b)| (b.kldb, i)).collect();
        let mut index = Suchindex::default();
        let nummer = |i: usize| u32::try_from(i).unwrap_or(u32::MAX);
        let mut leser =
            csv::ReaderBuilder::new().delimiter(b';').comment(Some(b'#')).flexible(true).from_reader(alltag.as_bytes());
        for satz in leser.records() {
            let satz = satz.map_err(|e| format!("berufsbenennungen.csv: {e}"))?;
            let zeile = satz.position().map_or(0, |p| p.line());
            let (benennung, code) = (satz.get(0).unwrap_or_default().trim(), satz.get(1).unwrap_or_default().trim());
            let i = KldbCode::parse(code).and_then(|c| nach_code.get(&c)).ok_or_else(|| {
                format!("berufsbenennungen.csv, Zeile {zeile}: `{code}` ist keine Berufsgattung der KldB 2010")
            })?;
            index.eintragen(nummer(*i), benennung, Herkunft::Alltag);
            if satz.get(2).unwrap_or_default().trim().starts_with("grundform") && liste[*i].berufsbezeichnung.is_none()
            {
                liste[*i].berufsbezeichnung = Some(benennung.to_string());
            }
        }
        for (i, b) in liste.iter().enumerate() {
            // "Berufe in der Landwirtschaft (ohne Spezialisierung) – fachlich ausgerichtete
            // Tätigkeiten": the level of requirement is no search term.
            let titel = b.titel.split(" – ").next().unwrap_or(&b.titel);
            index.eintragen(nummer(i), titel, Herkunft::Titel);
            for e in &b.beispiele {
                index.eintragen(nummer(i), &e.titel, Herkunft::Beispiel);
            }
        }
        Ok(Berufe { liste, nach_code, index })
    }

    /// What documents for the customer call the occupation `code` (Issue 15/5): the job title
    /// people use ("Kaufmann/-frau im Einzelhandel"), else the KldB title without its level of
    /// requirement, else the code as stored.
    pub fn bezeichnung(&self, code: &str) -> String {
        let Some(b) = KldbCode::parse(code).and_then(|c| self.get(c)) else { return code.to_string() };
        b.berufsbezeichnung.clone().unwrap_or_else(|| b.titel.split(" – ").next().unwrap_or(&b.titel).to_string())
    }

    pub fn alle(&self) -> &[Beruf] {
        &self.liste
    }

    pub fn anzahl(&self) -> usize {
        self.liste.len()
    }

    pub fn get(&self, code: KldbCode) -> Option<&Beruf> {
        self.nach_code.get(&code).map(|i| &self.liste[*i])
    }

    /// Search by code prefix or job title (see `berufssuche`), best first.
    pub fn finden(&self, anfrage: &str, hoechstens: usize) -> Vec<Berufstreffer<'_>> {
        let anfrage: String = anfrage.trim().chars().take(200).collect();
        if !anfrage.is_empty() && anfrage.bytes().all(|b| b.is_ascii_digit()) {
            return self
                .liste
                .iter()
                .filter(|b| b.kldb.as_str().starts_with(&anfrage))
                .take(hoechstens)
                .map(|b| Berufstreffer {
                    beruf: b,
                    benennung: b.titel.clone(),
                    genau: b.kldb.as_str() == anfrage,
                    herkunft: Herkunft::Titel,
                    punkte: 0,
                })
                .collect();
        }
        self.funde(&anfrage, hoechstens, false)
    }

    fn funde(&self, anfrage: &str, hoechstens: usize, nur_gleich: bool) -> Vec<Berufstreffer<'_>> {
        let rang = |i: u32| self.liste[i as usize].rang();
        self.index
            .finden(anfrage, rang, nur_gleich)
            .into_iter()
            .take(hoechstens)
            .map(|f| Berufstreffer {
                beruf: &self.liste[f.beruf as usize],
                benennung: f.benennung,
                genau: f.genau,
                herkunft: f.herkunft,
                punkte: f.punkte,
            })
            .collect()
    }

    /// The occupations `anfrage` finds, best first.
    pub fn suchen(&self, anfrage: &str, hoechstens: usize) -> Vec<&Beruf> {
        self.finden(anfrage, hoechstens).into_iter().map(|t| t.beruf).collect()
    }

    /// The one occupation a job title names (posting import and form): a five-digit code, or
    /// the best hit when it is exactly the title and no other occupation has the title exactly
    /// (an everyday title of `catalog/berufsbenennungen.csv` decides between them).
    pub fn zuordnen(&self, beruf: &str) -> Result<KldbCode, Zuordnungsfehler> {
        let t = beruf.trim();
        if let Some(code) = KldbCode::parse(t) {
            return self.get(code).map(|b| b.kldb).ok_or(Zuordnungsfehler::UnbekannterCode);
        }
        let eindeutig = |treffer: &[Berufstreffer<'_>]| {
            let genaue: Vec<&Berufstreffer<'_>> = treffer.iter().filter(|x| x.genau).collect();
            match (treffer.first(), genaue.as_slice()) {
                (Some(erster), [einziger]) if erster.beruf.kldb == einziger.beruf.kldb => Some(erster.beruf.kldb),
                (Some(erster), [_, ..]) if erster.genau && erster.herkunft == Herkunft::Alltag => {
                    Some(erster.beruf.kldb)
                }
                _ => None,
            }
        };
        // Titles as the BA writes them need no pass over all words.
        if let Some(code) = eindeutig(&self.funde(t, 5, true)) {
            return Ok(code);
        }
        // Candidates worth naming: a typed word found whole or nearly so (not only a fragment).
        let mut treffer = self.funde(t, 5, false);
        treffer.retain(|x| x.punkte >= 8);
        match eindeutig(&treffer) {
            Some(code) => Ok(code),
            None if treffer.is_empty() => Err(Zuordnungsfehler::KeinTreffer),
            None => Err(Zuordnungsfehler::Mehrdeutig(
                treffer.iter().map(|x| format!("{} {} ({})", x.beruf.kldb, x.beruf.titel, x.benennung)).collect(),
            )),
        }
    }
}
