//! Reference data the engine needs: the KldB 2010 occupations with their "Einschlüsse"
//! (the skill vocabulary) and the PLZ centroids (distance). Both are embedded, so the engine
//! needs no files at run time.
//! Quellen: Statistik der Bundesagentur für Arbeit, KldB 2010 – Fassung 2020;
//! PLZ: © OpenStreetMap contributors, ODbL 1.0 (data/README.md).

use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

use vierphasen_domain::fallakte::Niveau;
use vierphasen_domain::katalog::kenntnisse::Kenntnisse;
use vierphasen_domain::katalog::{KatalogTexte, KldbCode};

use crate::typen::{FaehigkeitId, Ort};

/// The reference data could not be read (a broken embedded file).
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("Stammdaten `{datei}`: {meldung}")]
pub struct StammdatenFehler {
    pub datei: &'static str,
    pub meldung: String,
}

fn fehler(datei: &'static str, meldung: impl Into<String>) -> StammdatenFehler {
    StammdatenFehler { datei, meldung: meldung.into() }
}

/// The skill vocabulary: every activity ("Einschluss") of the KldB, plus names a caller adds.
#[derive(Debug, Clone, Default)]
pub struct Faehigkeiten {
    namen: Vec<String>,
    nach_name: HashMap<String, FaehigkeitId>,
}

/// Case- and space-insensitive key of a skill name.
fn name_schluessel(name: &str) -> String {
    name.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

impl Faehigkeiten {
    pub fn anzahl(&self) -> usize {
        self.namen.len()
    }
    pub fn name(&self, id: FaehigkeitId) -> &str {
        self.namen.get(id.0 as usize).map_or("", String::as_str)
    }
    pub fn finde(&self, name: &str) -> Option<FaehigkeitId> {
        self.nach_name.get(&name_schluessel(name)).copied()
    }
    /// The id of `name`, added when new.
    pub fn aufnehmen(&mut self, name: &str) -> FaehigkeitId {
        let schluessel = name_schluessel(name);
        if let Some(id) = self.nach_name.get(&schluessel) {
            return *id;
        }
        let id = FaehigkeitId(self.namen.len() as u32);
        self.namen.push(name.split_whitespace().collect::<Vec<_>>().join(" "));
        self.nach_name.insert(schluessel, id);
        id
    }
    /// What a posting's required skill `text` asks for: the skills of the vocabulary it names
    /// ("Textverarbeitung und Tabellenkalkulation" is two), or the text itself.
    pub fn anforderung(&mut self, k: &Kenntnisse, text: &str) -> Vec<FaehigkeitId> {
        let namen = k.anforderung(text);
        if namen.is_empty() { vec![self.aufnehmen(text)] } else { namen.iter().map(|n| self.aufnehmen(n)).collect() }
    }
    /// Adds the names of [`Faehigkeiten::bestand`], so a posting asking for one later finds it.
    pub fn bestand_aufnehmen(&mut self, k: &Kenntnisse, text: &str, niveau: Niveau) {
        self.aufnehmen(text);
        for n in k.bestand(text, niveau) {
            self.aufnehmen(&n);
        }
    }
    /// What someone with the Stärke `text` at `niveau` has: the text itself and every skill of
    /// the vocabulary it names or covers ("MS Office" → Textverarbeitung, "CE" → B). Names not
    /// yet known are left out (no posting asks for them).
    pub fn bestand(&self, k: &Kenntnisse, text: &str, niveau: Niveau) -> Vec<FaehigkeitId> {
        std::iter::once(text.to_string()).chain(k.bestand(text, niveau)).filter_map(|n| self.finde(&n)).collect()
    }
}

/// The 5-digit KldB codes in code order, with their groups and typical activities.
#[derive(Debug, Clone, Default)]
pub struct Berufsraum {
    codes: Vec<KldbCode>,
    titel: Vec<String>,
    nach_code: HashMap<KldbCode, u16>,
    /// Per code: the range of codes sharing its first three digits (contiguous, codes are sorted).
    gruppe3: Vec<(u16, u16)>,
    taetigkeiten: Vec<Vec<FaehigkeitId>>,
    /// Per code: the sorted union of the activities of its Berufsgruppe.
    gruppenvokabular: Vec<Arc<Vec<FaehigkeitId>>>,
}

impl Berufsraum {
    pub fn anzahl(&self) -> usize {
        self.codes.len()
    }
    pub fn index(&self, code: KldbCode) -> Option<u16> {
        self.nach_code.get(&code).copied()
    }
    pub fn code(&self, i: u16) -> KldbCode {
        self.codes[usize::from(i)]
    }
    pub fn titel(&self, i: u16) -> &str {
        &self.titel[usize::from(i)]
    }
    pub fn codes(&self) -> &[KldbCode] {
        &self.codes
    }
    /// Codes of the same Berufsgruppe (first three digits), including `i`.
    pub fn gruppe3(&self, i: u16) -> std::ops::Range<u16> {
        let (a, b) = self.gruppe3[usize::from(i)];
        a..b
    }
    /// The activities of all codes of the Berufsgruppe of `i`: the skill vocabulary the index
    /// keeps as bits for that group.
    pub fn gruppenvokabular(&self, i: u16) -> &[FaehigkeitId] {
        &self.gruppenvokabular[usize::from(i)]
    }
    /// The activities the KldB lists for the code ("Einschlüsse").
    pub fn taetigkeiten(&self, i: u16) -> &[FaehigkeitId] {
        &self.taetigkeiten[usize::from(i)]
    }
}

/// Splits the "Einschlüsse" text into activities (the KldB separates them by runs of spaces).
fn taetigkeiten_aus(text: &str) -> impl Iterator<Item = String> + '_ {
    let text = text.replace("&nbsp;", " ").replace("&amp;", "&");
    let teile: Vec<String> = text.split("  ").map(str::trim).filter(|t| t.len() > 2).map(str::to_string).collect();
    teile.into_iter()
}

/// A German postal code that exists (it is in the PLZ table): the only way to get one is
/// [`PlzTabelle::bekannt`], so a customer's or a posting's PLZ always has a place for the Umkreis.
#[derive(Debug, Clone, PartialEq)]
pub struct Plz(String, Ort);

impl Plz {
    pub fn as_str(&self) -> &str {
        &self.0
    }
    /// The centroid (distance of the Umkreis).
    pub fn ort(&self) -> Ort {
        self.1
    }
}

impl std::fmt::Display for Plz {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<Plz> for String {
    fn from(p: Plz) -> String {
        p.0
    }
}

/// One PLZ with its centroid.
#[derive(Debug, Clone, PartialEq)]
pub struct PlzEintrag {
    pub plz: String,
    pub ort: Ort,
    /// Place names, `|`-separated in the source.
    pub orte: String,
}

/// German postal codes with centroids (8,168 entries).
#[derive(Debug, Clone, Default)]
pub struct PlzTabelle {
    eintraege: Vec<PlzEintrag>,
    nach_plz: HashMap<String, usize>,
}

impl PlzTabelle {
    pub fn aus_csv(text: &str) -> Result<PlzTabelle, StammdatenFehler> {
        let mut leser = csv::ReaderBuilder::new().from_reader(text.as_bytes());
        let mut eintraege = Vec::new();
        for (z, satz) in leser.records().enumerate() {
            let satz = satz.map_err(|e| fehler("plz_de.csv", format!("Zeile {}: {e}", z + 2)))?;
            let zahl = |i: usize| -> Result<f32, StammdatenFehler> {
                satz.get(i)
                    .and_then(|t| t.parse::<f64>().ok())
                    .map(|v| v as f32)
                    .ok_or_else(|| fehler("plz_de.csv", format!("Zeile {}: Spalte {i} ist keine Zahl", z + 2)))
            };
            let plz = satz.get(0).unwrap_or_default().to_string();
            if plz.len() != 5 || !plz.bytes().all(|b| b.is_ascii_digit()) {
                return Err(fehler("plz_de.csv", format!("Zeile {}: ungültige PLZ `{plz}`", z + 2)));
            }
            let ort = Ort { lat: zahl(1)?, lon: zahl(2)?, ausland: false };
            eintraege.push(PlzEintrag { plz, ort, orte: satz.get(3).unwrap_or_default().to_string() });
        }
        if eintraege.len() < 8000 {
            return Err(fehler("plz_de.csv", format!("nur {} Postleitzahlen", eintraege.len())));
        }
        let nach_plz = eintraege.iter().enumerate().map(|(i, e)| (e.plz.clone(), i)).collect();
        Ok(PlzTabelle { eintraege, nach_plz })
    }
    pub fn ort(&self, plz: &str) -> Option<Ort> {
        self.eintrag(plz).map(|e| e.ort)
    }
    pub fn eintrag(&self, plz: &str) -> Option<&PlzEintrag> {
        self.nach_plz.get(plz.trim()).map(|i| &self.eintraege[*i])
    }
    /// The PLZ if it is in the table (leading and trailing spaces ignored).
    pub fn bekannt(&self, plz: &str) -> Option<Plz> {
        self.eintrag(plz).map(|e| Plz(e.plz.clone(), e.ort))
    }
    pub fn eintraege(&self) -> &[PlzEintrag] {
        &self.eintraege
    }
}

/// Occupations, skill vocabulary and PLZ table together.
#[derive(Debug, Clone)]
pub struct Stammdaten {
    pub berufe: Berufsraum,
    pub faehigkeiten: Faehigkeiten,
    pub plz: PlzTabelle,
}

static EINGEBAUT: OnceLock<Result<Arc<Stammdaten>, StammdatenFehler>> = OnceLock::new();

impl Stammdaten {
    /// The embedded KldB 2010 and PLZ data, loaded once per process.
    pub fn eingebaut() -> Result<Arc<Stammdaten>, StammdatenFehler> {
        EINGEBAUT
            .get_or_init(|| {
                Stammdaten::laden(KatalogTexte::eingebaut().kldb_csv, include_str!("../../../data/plz/plz_de.csv"))
                    .map(Arc::new)
            })
            .clone()
    }

    /// Reads the KldB CSV (`;`, quoted, BOM) and the PLZ CSV.
    pub fn laden(kldb_csv: &str, plz_csv: &str) -> Result<Stammdaten, StammdatenFehler> {
        let text = kldb_csv.trim_start_matches('\u{feff}');
        let mut leser = csv::ReaderBuilder::new().delimiter(b';').flexible(true).from_reader(text.as_bytes());
        let mut faehigkeiten = Faehigkeiten::default();
        let mut zeilen: Vec<(KldbCode, String, Vec<FaehigkeitId>)> = Vec::new();
        for (z, satz) in leser.records().enumerate() {
            let satz = satz.map_err(|e| fehler("KldB", format!("Zeile {}: {e}", z + 2)))?;
            if satz.get(1) != Some("5") {
                continue;
            }
            let roh = satz.get(0).unwrap_or_default();
            let code = KldbCode::parse(&format!("{roh:0>5}"))
                .ok_or_else(|| fehler("KldB", format!("Zeile {}: ungültiger Schlüssel `{roh}`", z + 2)))?;
            let titel = satz.get(2).unwrap_or_default().replace("&nbsp;", " ").trim().to_string();
            let mut ids: Vec<FaehigkeitId> =
                taetigkeiten_aus(satz.get(5).unwrap_or_default()).map(|t| faehigkeiten.aufnehmen(&t)).collect();
            ids.sort_unstable();
            ids.dedup();
            zeilen.push((code, titel, ids));
        }
        if zeilen.len() < 1000 || zeilen.len() > usize::from(u16::MAX) {
            return Err(fehler("KldB", format!("{} Berufsgattungen, erwartet etwa 1.300", zeilen.len())));
        }
        zeilen.sort_by_key(|a| a.0);
        zeilen.dedup_by(|a, b| a.0 == b.0);
        let codes: Vec<KldbCode> = zeilen.iter().map(|z| z.0).collect();
        let nach_code = codes.iter().enumerate().map(|(i, c)| (*c, i as u16)).collect();
        let mut gruppe3 = vec![(0u16, 0u16); codes.len()];
        let mut start = 0usize;
        for i in 1..=codes.len() {
            if i == codes.len() || codes[i].praefix(3) != codes[start].praefix(3) {
                for g in &mut gruppe3[start..i] {
                    *g = (start as u16, i as u16);
                }
                start = i;
            }
        }
        let (titel, taetigkeiten): (Vec<String>, Vec<Vec<FaehigkeitId>>) =
            zeilen.into_iter().map(|(_, t, f)| (t, f)).unzip();
        if gruppe3.iter().any(|(a, b)| b - a > 64) {
            return Err(fehler("KldB", "eine Berufsgruppe hat mehr als 64 Berufsgattungen"));
        }
        let mut gruppenvokabular: Vec<Arc<Vec<FaehigkeitId>>> = Vec::with_capacity(codes.len());
        for (i, (a, b)) in gruppe3.iter().enumerate() {
            if i > 0 && gruppe3[i - 1] == (*a, *b) {
                let vorher = Arc::clone(&gruppenvokabular[i - 1]);
                gruppenvokabular.push(vorher);
                continue;
            }
            let mut v: Vec<FaehigkeitId> =
                taetigkeiten[usize::from(*a)..usize::from(*b)].iter().flatten().copied().collect();
            v.sort_unstable();
            v.dedup();
            gruppenvokabular.push(Arc::new(v));
        }
        let berufe = Berufsraum { codes, titel, nach_code, gruppe3, taetigkeiten, gruppenvokabular };
        Ok(Stammdaten { berufe, faehigkeiten, plz: PlzTabelle::aus_csv(plz_csv)? })
    }
}
