//! Reading posting files for `vierphasen import stellen` (§8.4): the JSON of the BA's public job
//! search (job-details shape; one object, a list, or `{"stellenangebote": [...]}`) and our CSV
//! (documented in README.md). Every entry keeps its line number for the error report.

use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::Value;
use serde_json::value::RawValue;

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

pub type Eintraege = Vec<(usize, Result<StellenEingabe, Importfehler>)>;

fn fehler(zeile: usize, feld: &str, meldung: impl Into<String>) -> Importfehler {
    Importfehler { zeile, feld: feld.into(), meldung: meldung.into() }
}

/// Reads a file by its extension (`.json` or `.csv`). A file that cannot be read at all is one
/// error; otherwise each entry is read on its own.
pub fn lesen(name: &str, text: &str) -> Result<Eintraege, Importfehler> {
    let text = text.trim_start_matches('\u{feff}');
    let endung = name.rsplit('.').next().unwrap_or_default().to_ascii_lowercase();
    match endung.as_str() {
        "json" => json_lesen(text),
        "csv" => csv_lesen(text),
        _ => Err(fehler(0, "", format!("unbekanntes Dateiformat „.{endung}“: erwartet .json (BA-Jobsuche) oder .csv"))),
    }
}

fn zeile_von(text: &str, teil: &str) -> usize {
    let versatz = (teil.as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len());
    text[..versatz].bytes().filter(|b| *b == b'\n').count() + 1
}

fn json_lesen(text: &str) -> Result<Eintraege, Importfehler> {
    #[derive(Deserialize)]
    struct Huelle<'a> {
        #[serde(borrow)]
        stellenangebote: Vec<&'a RawValue>,
    }
    let kein_json = |e: serde_json::Error| fehler(e.line(), "", format!("kein gültiges JSON: {e}"));
    let roh: Vec<&RawValue> = match text.trim_start().as_bytes().first() {
        Some(b'[') => serde_json::from_str(text).map_err(kein_json)?,
        Some(b'{') => {
            let alles: &RawValue = serde_json::from_str(text).map_err(kein_json)?;
            match serde_json::from_str::<Huelle<'_>>(alles.get()) {
                Ok(h) => h.stellenangebote,
                Err(_) => vec![alles],
            }
        }
        _ => return Err(fehler(1, "", "erwartet ein JSON-Objekt oder eine Liste von Stellenangeboten")),
    };
    Ok(roh
        .into_iter()
        .map(|r| {
            let zeile = zeile_von(text, r.get());
            (zeile, ba_eintrag(zeile, r.get()))
        })
        .collect())
}

/// One job-details object of the BA job search. Fields we do not use are ignored.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct BaStelle {
    refnr: Option<String>,
    referenznummer: Option<String>,
    titel: Option<String>,
    beruf: Option<String>,
    hauptberuf: Option<String>,
    arbeitgeber: Option<String>,
    arbeitsorte: Vec<BaOrt>,
    arbeitsort: Option<BaOrt>,
    arbeitszeitmodelle: Vec<String>,
    befristung: Option<Value>,
    eintrittsdatum: Option<String>,
    aktuelle_veroeffentlichungsdatum: Option<String>,
    erste_veroeffentlichungsdatum: Option<String>,
    fertigkeiten: Vec<BaKenntnis>,
    sprachkenntnisse: Vec<BaKenntnis>,
    fuehrerscheine: Vec<BaKenntnis>,
    verguetung: Option<String>,
    angebotsart: Option<Value>,
    stellenbeschreibung: Option<String>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
struct BaOrt {
    plz: Option<String>,
    ort: Option<String>,
    land: Option<String>,
    koordinaten: Option<BaKoordinaten>,
}

#[derive(Debug, Default, Clone, Deserialize)]
#[serde(default)]
struct BaKoordinaten {
    lat: Option<f64>,
    lon: Option<f64>,
}

/// `{"hierarchieName": "Gastronomie", "auspraegungen": {"Grundkenntnisse": ["Speisen zubereiten"]}}`
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
struct BaKenntnis {
    hierarchie_name: Option<String>,
    auspraegungen: std::collections::BTreeMap<String, Vec<String>>,
}

fn ba_datum(zeile: usize, feld: &str, wert: Option<&str>) -> Result<Option<NaiveDate>, Importfehler> {
    match wert.map(str::trim).filter(|t| !t.is_empty()) {
        None => Ok(None),
        // The BA writes dates as `2026-11-20` or with a time (`2026-11-20T08:00:00`).
        Some(t) => crate::datum::parse_strikt(t.get(..10).unwrap_or(t))
            .map(Some)
            .ok_or_else(|| fehler(zeile, feld, format!("kein gültiges Datum: „{t}“ (erwartet JJJJ-MM-TT)"))),
    }
}

fn ba_arbeitszeit(zeile: usize, modelle: &[String]) -> Result<String, Importfehler> {
    let mut k = Vec::new();
    for m in modelle {
        k.push(match m.trim().to_ascii_uppercase().as_str() {
            "VOLLZEIT" | "VZ" => "vz",
            "TEILZEIT" | "TZ" => "tz",
            "SCHICHT_NACHTARBEIT_WOCHENENDE" | "SNW" => "snw",
            "HEIM_TELEARBEIT" | "HO" => "ho",
            "MINIJOB" | "MJ" => "mj",
            _ => return Err(fehler(zeile, "arbeitszeitmodelle", format!("unbekanntes Arbeitszeitmodell „{m}“"))),
        });
    }
    // No model named: the posting fits every working time.
    Ok(if k.is_empty() { "vz,tz,snw,ho,mj".into() } else { k.join(",") })
}

fn ba_eintrag(zeile: usize, json: &str) -> Result<StellenEingabe, Importfehler> {
    let s: BaStelle = serde_json::from_str(json).map_err(|e| fehler(zeile + e.line() - 1, "", e.to_string()))?;
    // Only work is matched (Z: Arbeitsaufnahme); Selbstständigkeit is no posting for job seekers.
    let art = s.angebotsart.as_ref().map(|v| v.as_str().map_or(v.to_string(), str::to_string)).unwrap_or_default();
    if matches!(art.to_ascii_uppercase().as_str(), "SELBSTAENDIGKEIT" | "2") {
        return Err(fehler(zeile, "angebotsart", "Angebote zur Selbstständigkeit sind keine Stellenangebote"));
    }
    let ort = s.arbeitsorte.first().cloned().or(s.arbeitsort).unwrap_or_default();
    let koord = ort.koordinaten.clone().unwrap_or_default();
    let befristet = match &s.befristung {
        Some(Value::String(t)) => t.eq_ignore_ascii_case("BEFRISTET"),
        Some(Value::Number(n)) => n.as_u64() == Some(1),
        _ => false,
    };
    let mut faehigkeiten = Vec::new();
    for k in s.fertigkeiten.iter().chain(&s.sprachkenntnisse).chain(&s.fuehrerscheine) {
        let namen: Vec<&String> = k.auspraegungen.values().flatten().collect();
        if namen.is_empty() {
            faehigkeiten.extend(k.hierarchie_name.clone());
        } else {
            faehigkeiten.extend(namen.into_iter().cloned());
        }
    }
    let refnr = s.refnr.or(s.referenznummer).ok_or_else(|| fehler(zeile, "refnr", "fehlt"))?;
    Ok(StellenEingabe {
        refnr,
        titel: s.titel.ok_or_else(|| fehler(zeile, "titel", "fehlt"))?,
        arbeitgeber: s.arbeitgeber.ok_or_else(|| fehler(zeile, "arbeitgeber", "fehlt"))?,
        beruf: s.beruf.or(s.hauptberuf).ok_or_else(|| fehler(zeile, "beruf", "fehlt"))?,
        plz: ort.plz,
        ort: ort.ort,
        land: ort.land,
        lat: koord.lat,
        lon: koord.lon,
        arbeitszeit: ba_arbeitszeit(zeile, &s.arbeitszeitmodelle)?,
        faehigkeiten,
        befristet,
        eintritt: ba_datum(zeile, "eintrittsdatum", s.eintrittsdatum.as_deref())?,
        veroeffentlicht: ba_datum(
            zeile,
            "aktuelleVeroeffentlichungsdatum",
            s.aktuelle_veroeffentlichungsdatum.as_deref().or(s.erste_veroeffentlichungsdatum.as_deref()),
        )?,
        ablauf: None,
        beschreibung: s.stellenbeschreibung.unwrap_or_default(),
        verguetung: s.verguetung,
    })
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
                aus.push((zeile, Err(fehler(zeile, "", format!("Zeile nicht lesbar: {e}")))));
                continue;
            }
        };
        let zeile = satz.position().map_or(0, |p| p.line() as usize);
        letzter_beginn = satz.position().map(|p| (zeile, p.byte() as usize));
        if satz.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        aus.push((zeile, csv_eintrag(zeile, &kopf, &satz)));
    }
    // An opening quote that is never closed makes the csv reader take every following line into
    // one field up to the end of the file: refuse that row and say that the rest was not read.
    if let Some((zeile, beginn)) = letzter_beginn
        && text.get(beginn..).is_some_and(anfuehrung_offen)
    {
        aus.retain(|(z, _)| *z != zeile);
        let meldung = "Anführungszeichen nicht geschlossen: die Zeile reicht bis zum Dateiende, die folgenden Zeilen \
                       wurden nicht gelesen";
        aus.push((zeile, Err(fehler(zeile, "", meldung))));
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

fn csv_eintrag(zeile: usize, kopf: &[String], satz: &csv::StringRecord) -> Result<StellenEingabe, Importfehler> {
    if satz.len() > kopf.len() {
        return Err(fehler(zeile, "", format!("{} Felder, die Kopfzeile hat {}", satz.len(), kopf.len())));
    }
    let feld = |name: &str| -> Option<String> {
        kopf.iter()
            .position(|h| h == name)
            .and_then(|i| satz.get(i))
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
    };
    let datum = |name: &str| -> Result<Option<NaiveDate>, Importfehler> {
        match feld(name) {
            None => Ok(None),
            Some(t) => crate::formular::datum(&t)
                .map(Some)
                .ok_or_else(|| fehler(zeile, name, format!("kein gültiges Datum: „{t}“ (JJJJ-MM-TT oder TT.MM.JJJJ)"))),
        }
    };
    let zahl = |name: &str| -> Result<Option<f64>, Importfehler> {
        match feld(name) {
            None => Ok(None),
            Some(t) => crate::formular::kommazahl(&t)
                .map(Some)
                .ok_or_else(|| fehler(zeile, name, format!("keine Zahl: „{t}“"))),
        }
    };
    let befristet = match feld("befristet").as_deref().map(str::to_lowercase).as_deref() {
        None | Some("nein" | "n" | "0" | "false") => false,
        Some("ja" | "j" | "1" | "true") => true,
        Some(t) => return Err(fehler(zeile, "befristet", format!("erwartet ja oder nein, nicht „{t}“"))),
    };
    Ok(StellenEingabe {
        refnr: feld("refnr").unwrap_or_default(),
        titel: feld("titel").unwrap_or_default(),
        arbeitgeber: feld("arbeitgeber").unwrap_or_default(),
        beruf: feld("beruf").unwrap_or_default(),
        plz: feld("plz"),
        ort: feld("ort"),
        land: feld("land"),
        lat: zahl("lat")?,
        lon: zahl("lon")?,
        arbeitszeit: feld("arbeitszeit").unwrap_or_default(),
        faehigkeiten: feld("faehigkeiten")
            .map(|t| t.split('|').map(str::trim).filter(|f| !f.is_empty()).map(str::to_string).collect())
            .unwrap_or_default(),
        befristet,
        eintritt: datum("eintritt")?,
        veroeffentlicht: datum("veroeffentlicht")?,
        ablauf: datum("ablauf")?,
        beschreibung: feld("beschreibung").unwrap_or_default(),
        verguetung: feld("verguetung"),
    })
}
