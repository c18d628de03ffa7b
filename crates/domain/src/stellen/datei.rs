//! Reading posting files for `vierphasen import stellen` (§8.4): the JSON of the BA's job search
//! (`ba.rs`) and our CSV (documented in README.md). Every entry keeps its line number for the
//! error report, and every problem of an entry is reported.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::StellenEingabe;

/// A problem with one entry of a file: where, which field, what.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Importfehler {
    pub zeile: usize,
    pub feld: String,
    pub meldung: String,
}

impl std::fmt::Display for Importfehler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if self.feld.is_empty() {
            write!(f, "Zeile {}: {}", self.zeile, self.meldung)
        } else {
            write!(f, "Zeile {}, Feld `{}`: {}", self.zeile, self.feld, self.meldung)
        }
    }
}

/// The entries of a file where they stand: a posting, or every problem of that entry.
pub type Eintraege = Vec<(Fundstelle, Result<StellenEingabe, Vec<Importfehler>>)>;

/// Where an entry stands in its file: its line and, for our fields read under another name or on
/// another line (BA JSON), that name and line — so that a problem found later (the KldB mapping
/// of `hauptberuf`, say) is reported where the user finds it in the file.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Fundstelle {
    pub zeile: usize,
    pub felder: BTreeMap<&'static str, (String, usize)>,
}

impl Fundstelle {
    /// An entry on one line whose fields have our names (CSV, generated entries).
    pub fn zeile(zeile: usize) -> Self {
        Fundstelle { zeile, felder: BTreeMap::new() }
    }

    /// A problem with our field `feld`, at the name and line it has in the file.
    pub fn fehler(&self, feld: &str, meldung: impl Into<String>) -> Importfehler {
        match self.felder.get(feld) {
            Some((name, zeile)) => fehler(*zeile, name, meldung),
            None => fehler(self.zeile, feld, meldung),
        }
    }
}

pub(super) fn fehler(zeile: usize, feld: &str, meldung: impl Into<String>) -> Importfehler {
    Importfehler { zeile, feld: feld.into(), meldung: meldung.into() }
}

/// Reads a file by its extension (`.json` or `.csv`). A file that cannot be read at all is one
/// error; otherwise each entry is read on its own.
pub fn lesen(name: &str, text: &str) -> Result<Eintraege, Importfehler> {
    let text = text.trim_start_matches('\u{feff}');
    let endung = name.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
    match endung.as_str() {
        "json" => super::ba::lesen(text),
        "csv" => csv_lesen(text),
        _ => Err(fehler(0, "", format!("unbekanntes Dateiformat „.{endung}“: erwartet .json (BA-Jobsuche) oder .csv"))),
    }
}

/// The columns of our CSV (`;`-separated, UTF-8, header line required; README.md).
pub const CSV_SPALTEN: [&str; 17] = [
    "refnr",
    "titel",
    "arbeitgeber",
    "beruf",
    "plz",
    "ort",
    "land",
    "lat",
    "lon",
    "arbeitszeit",
    "faehigkeiten",
    "befristet",
    "eintritt",
    "veroeffentlicht",
    "ablauf",
    "verguetung",
    "beschreibung",
];

fn csv_lesen(text: &str) -> Result<Eintraege, Importfehler> {
    let mut leser = csv::ReaderBuilder::new().delimiter(b';').flexible(true).from_reader(text.as_bytes());
    let kopf: Vec<String> = leser
        .headers()
        .map_err(|e| fehler(1, "", format!("Kopfzeile nicht lesbar: {e}")))?
        .iter()
        .map(|h| h.trim().to_ascii_lowercase())
        .collect();
    for pflicht in ["refnr", "titel", "arbeitgeber", "beruf", "arbeitszeit"] {
        if !kopf.iter().any(|h| h == pflicht) {
            return Err(fehler(1, pflicht, "Spalte fehlt in der Kopfzeile"));
        }
    }
    if let Some(fremd) = kopf.iter().find(|h| !CSV_SPALTEN.contains(&h.as_str())) {
        return Err(fehler(1, fremd, format!("unbekannte Spalte; erlaubt: {}", CSV_SPALTEN.join(";"))));
    }
    let mut aus = Vec::new();
    let mut letzter_beginn = None;
    for satz in leser.records() {
        let satz = match satz {
            Ok(s) => s,
            Err(e) => {
                let zeile = e.position().map_or(0, |p| p.line() as usize);
                aus.push((Fundstelle::zeile(zeile), Err(vec![fehler(zeile, "", format!("Zeile nicht lesbar: {e}"))])));
                continue;
            }
        };
        let zeile = satz.position().map_or(0, |p| p.line() as usize);
        letzter_beginn = satz.position().map(|p| (zeile, p.byte() as usize));
        if satz.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        aus.push((Fundstelle::zeile(zeile), csv_eintrag(zeile, &kopf, &satz)));
    }
    // An opening quote that is never closed makes the csv reader take every following line into
    // one field up to the end of the file: refuse that row and say that the rest was not read.
    if let Some((zeile, beginn)) = letzter_beginn
        && text.get(beginn..).is_some_and(anfuehrung_offen)
    {
        aus.retain(|(f, _)| f.zeile != zeile);
        let meldung = "Anführungszeichen nicht geschlossen: die Zeile reicht bis zum Dateiende, die folgenden Zeilen \
                       wurden nicht gelesen";
        aus.push((Fundstelle::zeile(zeile), Err(vec![fehler(zeile, "", meldung)])));
    }
    Ok(aus)
}

/// Whether a quoted field of this (last) record is still open at the end of the text. Quotes
/// open a field only at its start; `""` inside a quoted field is a quote.
fn anfuehrung_offen(satz: &str) -> bool {
    let mut zeichen = satz.chars().peekable();
    let (mut in_anfuehrung, mut feldanfang) = (false, true);
    while let Some(c) = zeichen.next() {
        match (in_anfuehrung, c) {
            (true, '"') if zeichen.peek() == Some(&'"') => {
                zeichen.next();
            }
            (true, '"') => in_anfuehrung = false,
            (true, _) => {}
            (false, '"') if feldanfang => in_anfuehrung = true,
            (false, ';' | '\n' | '\r') => {
                feldanfang = true;
                continue;
            }
            (false, _) => {}
        }
        feldanfang = false;
    }
    in_anfuehrung
}

fn csv_eintrag(zeile: usize, kopf: &[String], satz: &csv::StringRecord) -> Result<StellenEingabe, Vec<Importfehler>> {
    if satz.len() > kopf.len() {
        return Err(vec![fehler(zeile, "", format!("{} Felder, die Kopfzeile hat {}", satz.len(), kopf.len()))]);
    }
    let feld = |name: &str| -> Option<String> {
        kopf.iter()
            .position(|h| h == name)
            .and_then(|i| satz.get(i))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    let mut probleme = Vec::new();
    let mut pflicht = |name: &str| {
        let wert = feld(name);
        if wert.is_none() {
            probleme.push(fehler(zeile, name, "fehlt"));
        }
        wert.unwrap_or_default()
    };
    let (refnr, titel, arbeitgeber, beruf, arbeitszeit) =
        (pflicht("refnr"), pflicht("titel"), pflicht("arbeitgeber"), pflicht("beruf"), pflicht("arbeitszeit"));
    let mut datum = |name: &str| -> Option<NaiveDate> {
        let t = feld(name)?;
        let d = crate::formular::datum(&t);
        if d.is_none() {
            probleme.push(fehler(zeile, name, format!("kein gültiges Datum: „{t}“ (JJJJ-MM-TT oder TT.MM.JJJJ)")));
        }
        d
    };
    let (eintritt, veroeffentlicht, ablauf) = (datum("eintritt"), datum("veroeffentlicht"), datum("ablauf"));
    let mut zahl = |name: &str| -> Option<f64> {
        let t = feld(name)?;
        let z = crate::formular::kommazahl(&t);
        if z.is_none() {
            probleme.push(fehler(zeile, name, format!("keine Zahl: „{t}“")));
        }
        z
    };
    let (lat, lon) = (zahl("lat"), zahl("lon"));
    let befristet = match feld("befristet").as_deref().map(str::to_lowercase).as_deref() {
        None | Some("nein" | "n" | "0" | "false") => false,
        Some("ja" | "j" | "1" | "true") => true,
        Some(t) => {
            probleme.push(fehler(zeile, "befristet", format!("erwartet ja oder nein, nicht „{t}“")));
            false
        }
    };
    if !probleme.is_empty() {
        return Err(probleme);
    }
    Ok(StellenEingabe {
        refnr,
        titel,
        arbeitgeber,
        beruf,
        plz: feld("plz"),
        ort: feld("ort"),
        land: feld("land"),
        lat,
        lon,
        arbeitszeit,
        faehigkeiten: feld("faehigkeiten")
            .map(|t| t.split('|').map(str::trim).filter(|f| !f.is_empty()).map(str::to_string).collect())
            .unwrap_or_default(),
        befristet,
        eintritt,
        veroeffentlicht,
        ablauf,
        beschreibung: feld("beschreibung").unwrap_or_default(),
        verguetung: feld("verguetung"),
    })
}
