//! KldB 2010 (Fassung 2020) occupations: a Zielberuf is a valid 5-digit code (P1), searchable by
//! title and by the example job titles the classification lists.
//! Quelle: Statistik der Bundesagentur für Arbeit, KldB 2010 – Fassung 2020.

use std::collections::HashMap;
use std::fmt;

use serde::Serialize;

use super::normalisieren::suchtext;

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
    #[serde(skip)]
    such: String,
}

/// All 5-digit occupations with a search index.
#[derive(Debug, Clone, Default)]
pub struct Berufe {
    liste: Vec<Beruf>,
    nach_code: HashMap<KldbCode, usize>,
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
    pub(super) fn aus_csv(text: &str) -> Result<Berufe, String> {
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
            let mut such = suchtext(&titel);
            for b in &beispiele {
                such.push('\n');
                such.push_str(&suchtext(&b.titel));
            }
            liste.push(Beruf { kldb, titel, beispiele, such });
        }
        if liste.len() < 1000 {
            return Err(format!("nur {} Berufsgattungen gefunden, erwartet etwa 1.300", liste.len()));
        }
        let nach_code = liste.iter().enumerate().map(|(i, b)| (b.kldb, i)).collect();
        Ok(Berufe { liste, nach_code })
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

    /// Search by code prefix, title or example job title; every word of the query must occur.
    /// Title matches rank before example matches; ties by code.
    pub fn suchen(&self, anfrage: &str, hoechstens: usize) -> Vec<&Beruf> {
        let anfrage = anfrage.trim();
        if !anfrage.is_empty() && anfrage.bytes().all(|b| b.is_ascii_digit()) {
            return self.liste.iter().filter(|b| b.kldb.as_str().starts_with(anfrage)).take(hoechstens).collect();
        }
        let woerter: Vec<String> = suchtext(anfrage).split(' ').filter(|w| !w.is_empty()).map(str::to_string).collect();
        if woerter.is_empty() {
            return Vec::new();
        }
        let mut treffer: Vec<(u8, &Beruf)> = self
            .liste
            .iter()
            .filter(|b| woerter.iter().all(|w| b.such.contains(w.as_str())))
            .map(|b| {
                let titel = b.such.split('\n').next().unwrap_or_default();
                (u8::from(!woerter.iter().all(|w| titel.contains(w.as_str()))), b)
            })
            .collect();
        treffer.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.kldb.cmp(&b.1.kldb)));
        treffer.into_iter().take(hoechstens).map(|(_, b)| b).collect()
    }
}
