//! The JSON of the BA's job search (§8.4) in the shapes it ships, recognised by their keys:
//! - job details (`/pc/v4/jobdetails`): one object, a list of them, or the v4 result list
//!   `{"stellenangebote": [...]}` — `refnr`, `titel`, `arbeitgeber`, `beruf`, `arbeitsorte`, …;
//! - the result list of the live search `/pc/v6/jobs`: `{"ergebnisliste": [...]}` — `referenznummer`,
//!   `stellenangebotsTitel`, `firma`, `hauptberuf`, `stellenlokationen[].adresse`,
//!   `datumErsteVeroeffentlichung`, `veroeffentlichungszeitraum.von`, `eintrittszeitraum.von`, ….
//!
//! Every problem of an entry is reported at once: a missing field at the line of its entry, a
//! wrong one at its own line.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::Value;
use serde_json::value::RawValue;

use super::StellenEingabe;
use super::datei::{Eintraege, Fundstelle, Importfehler, fehler};

/// What a file or an entry in an unknown shape is told.
const FORMEN: &str = "verstanden werden die Stellendetails der BA-Jobsuche (ein Objekt mit `refnr`, `titel`, \
                      `arbeitgeber`, `beruf`, eine Liste davon oder `{\"stellenangebote\": […]}`) und die Trefferliste \
                      von /pc/v6/jobs (`{\"ergebnisliste\": […]}` mit `referenznummer`, `stellenangebotsTitel`, \
                      `firma`, `hauptberuf`)";

/// Keys by which an object is recognised as a posting of either shape.
const KENNUNGEN: [&str; 4] = ["refnr", "referenznummer", "titel", "stellenangebotsTitel"];

pub(super) fn lesen(text: &str) -> Result<Eintraege, Importfehler> {
    let kein_json = |e: serde_json::Error| {
        let meldung = if e.is_eof() {
            "unvollständiges JSON: die Datei endet mitten in einem Eintrag".to_string()
        } else {
            format!("kein gültiges JSON (Spalte {})", e.column())
        };
        fehler(e.line(), "", meldung)
    };
    let roh: Vec<&RawValue> = match text.trim_start().as_bytes().first() {
        Some(b'[') => serde_json::from_str(text).map_err(kein_json)?,
        Some(b'{') => {
            let oben: BTreeMap<String, &RawValue> = serde_json::from_str(text).map_err(kein_json)?;
            match ["ergebnisliste", "stellenangebote"].into_iter().find_map(|k| oben.get(k).map(|r| (k, r))) {
                Some((k, liste)) => serde_json::from_str(liste.get())
                    .map_err(|_| fehler(zeile_von(text, liste.get()), k, "erwartet eine Liste von Stellenangeboten"))?,
                None if KENNUNGEN.iter().any(|k| oben.contains_key(*k)) => {
                    vec![serde_json::from_str(text).map_err(kein_json)?]
                }
                None => return Err(fehler(1, "", format!("unbekannte Form ({}); {FORMEN}", schluessel(&oben)))),
            }
        }
        _ => return Err(fehler(1, "", format!("erwartet ein JSON-Objekt oder eine Liste; {FORMEN}"))),
    };
    Ok(roh
        .into_iter()
        .map(|r| {
            let zeile = zeile_von(text, r.get());
            let mut fundstelle = Fundstelle::zeile(zeile);
            let e = eintrag(text, &mut fundstelle, r);
            (fundstelle, e)
        })
        .collect())
}

fn zeile_von(text: &str, teil: &str) -> usize {
    let versatz = (teil.as_ptr() as usize).saturating_sub(text.as_ptr() as usize).min(text.len());
    text[..versatz].bytes().filter(|b| *b == b'\n').count() + 1
}

fn schluessel(felder: &BTreeMap<String, &RawValue>) -> String {
    if felder.is_empty() {
        return "ein leeres Objekt".into();
    }
    let mut namen: Vec<String> = felder.keys().take(8).map(|k| format!("`{k}`")).collect();
    if felder.len() > 8 {
        namen.push("…".into());
    }
    format!("gefunden: {}", namen.join(", "))
}

/// The fields of one entry with their lines; collects the problems and where each of our fields
/// was found.
struct Eintrag<'a> {
    text: &'a str,
    felder: BTreeMap<String, &'a RawValue>,
    fehler: Vec<Importfehler>,
    fundstelle: &'a mut Fundstelle,
}

impl Eintrag<'_> {
    fn wert(&mut self, name: &str) -> Option<(usize, Value)> {
        let roh = *self.felder.get(name)?;
        let zeile = zeile_von(self.text, roh.get());
        match serde_json::from_str::<Value>(roh.get()) {
            Ok(Value::Null) => None,
            Ok(v) => Some((zeile, v)),
            Err(_) => {
                self.fehler.push(fehler(zeile, name, "kein gültiger JSON-Wert"));
                None
            }
        }
    }

    fn falsch(&mut self, zeile: usize, name: &str, erwartet: &str) {
        self.fehler.push(fehler(zeile, name, format!("falscher Typ, erwartet: {erwartet}")));
    }

    /// Our field `unser` was read from `name` at `zeile`.
    fn gefunden(&mut self, unser: &'static str, name: &str, zeile: usize) {
        self.fundstelle.felder.insert(unser, (name.to_string(), zeile));
    }

    /// A text (a number is taken as its digits, e.g. a numeric reference); empty counts as absent.
    fn text(&mut self, unser: &'static str, name: &str) -> Option<String> {
        let (zeile, v) = self.wert(name)?;
        let t = match v {
            Value::String(t) => Some(t.trim().to_string()).filter(|t| !t.is_empty()),
            Value::Number(n) => Some(n.to_string()),
            _ => {
                self.falsch(zeile, name, "Text");
                None
            }
        };
        if t.is_some() {
            self.gefunden(unser, name, zeile);
        }
        t
    }

    /// The first present of several names (the two shapes name the same thing differently).
    fn erster_text(&mut self, unser: &'static str, namen: &[&str]) -> Option<String> {
        namen.iter().find_map(|n| self.text(unser, n))
    }

    fn objekt(&mut self, name: &str) -> Option<(usize, serde_json::Map<String, Value>)> {
        match self.wert(name)? {
            (zeile, Value::Object(o)) => Some((zeile, o)),
            (zeile, _) => {
                self.falsch(zeile, name, "Objekt");
                None
            }
        }
    }

    fn liste(&mut self, name: &str) -> Option<(usize, Vec<Value>)> {
        match self.wert(name)? {
            (zeile, Value::Array(l)) => Some((zeile, l)),
            (zeile, _) => {
                self.falsch(zeile, name, "Liste");
                None
            }
        }
    }

    /// `2026-11-20` or with a time (`2026-11-20T08:00:00`), directly or as `{"von": …}`.
    fn datum(&mut self, unser: &'static str, name: &str) -> Option<NaiveDate> {
        let (zeile, v) = self.wert(name)?;
        self.gefunden(unser, name, zeile);
        let t = match &v {
            Value::String(t) => t.trim(),
            Value::Object(o) => match o.get("von") {
                Some(Value::String(t)) => t.trim(),
                Some(Value::Null) | None => return None,
                Some(_) => {
                    self.falsch(zeile, &format!("{name}.von"), "Datum als Text");
                    return None;
                }
            },
            _ => {
                self.falsch(zeile, name, "Datum als Text");
                return None;
            }
        };
        if t.is_empty() {
            return None;
        }
        let datum = crate::datum::parse_strikt(t.get(..10).unwrap_or(t));
        if datum.is_none() {
            self.fehler.push(fehler(zeile, name, format!("kein gültiges Datum: „{t}“ (erwartet JJJJ-MM-TT)")));
        }
        datum
    }

    fn erstes_datum(&mut self, unser: &'static str, namen: &[&str]) -> Option<NaiveDate> {
        namen.iter().find_map(|n| self.datum(unser, n))
    }
}

/// The place of work: the first of `arbeitsorte`, `arbeitsort`, or the `adresse` of the first of
/// `stellenlokationen` (v6); coordinates where the entry has them.
#[derive(Default)]
struct Ort {
    plz: Option<String>,
    ort: Option<String>,
    land: Option<String>,
    lat: Option<f64>,
    lon: Option<f64>,
}

fn ort_aus(o: &serde_json::Map<String, Value>) -> Ort {
    let text = |o: &serde_json::Map<String, Value>, k: &str| match o.get(k) {
        Some(Value::String(t)) if !t.trim().is_empty() => Some(t.trim().to_string()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let adresse = match o.get("adresse") {
        Some(Value::Object(a)) => a,
        _ => o,
    };
    let koordinaten = match (o.get("koordinaten"), adresse.get("koordinaten")) {
        (Some(Value::Object(k)), _) | (_, Some(Value::Object(k))) => Some(k),
        _ => None,
    };
    let zahl = |k: &str| koordinaten.and_then(|ko| ko.get(k)).and_then(Value::as_f64);
    Ort {
        plz: text(adresse, "plz"),
        ort: text(adresse, "ort"),
        land: text(adresse, "land"),
        lat: zahl("lat"),
        lon: zahl("lon"),
    }
}

fn arbeitsort(e: &mut Eintrag<'_>) -> Ort {
    for name in ["arbeitsorte", "stellenlokationen"] {
        if let Some((zeile, liste)) = e.liste(name) {
            for unser in ["plz", "ort", "land", "lat", "lon"] {
                e.gefunden(unser, name, zeile);
            }
            return match liste.first() {
                Some(Value::Object(o)) => ort_aus(o),
                None => Ort::default(),
                Some(_) => {
                    e.falsch(zeile, name, "Liste von Objekten");
                    Ort::default()
                }
            };
        }
    }
    let Some((zeile, o)) = e.objekt("arbeitsort") else { return Ort::default() };
    for unser in ["plz", "ort", "land", "lat", "lon"] {
        e.gefunden(unser, "arbeitsort", zeile);
    }
    ort_aus(&o)
}

fn arbeitszeit(e: &mut Eintrag<'_>) -> String {
    let mut k = Vec::new();
    if let Some((zeile, modelle)) = e.liste("arbeitszeitmodelle") {
        e.gefunden("arbeitszeit", "arbeitszeitmodelle", zeile);
        for m in modelle {
            let t = m.as_str().unwrap_or_default().trim().to_ascii_uppercase();
            match t.as_str() {
                "VOLLZEIT" | "VZ" => k.push("vz"),
                "TEILZEIT" | "TZ" => k.push("tz"),
                "SCHICHT_NACHTARBEIT_WOCHENENDE" | "SNW" => k.push("snw"),
                "HEIM_TELEARBEIT" | "HO" => k.push("ho"),
                "MINIJOB" | "MJ" => k.push("mj"),
                _ => e.fehler.push(fehler(zeile, "arbeitszeitmodelle", format!("unbekanntes Arbeitszeitmodell „{m}“"))),
            }
        }
    }
    // No model named (the v6 result list names none): the posting fits every working time.
    if k.is_empty() { "vz,tz,snw,ho,mj".into() } else { k.join(",") }
}

/// `{"hierarchieName": "Gastronomie", "auspraegungen": {"Grundkenntnisse": ["Speisen zubereiten"]}}`:
/// the names, or the group's name when it lists none. A language keeps its level
/// ("Deutsch (Erweiterte Kenntnisse)"), which the skill vocabulary reads as a GER level.
fn faehigkeiten(e: &mut Eintrag<'_>) -> Vec<String> {
    let mut aus = Vec::new();
    for name in ["fertigkeiten", "sprachkenntnisse", "fuehrerscheine"] {
        let Some((_, liste)) = e.liste(name) else { continue };
        for k in liste {
            let mut namen: Vec<String> = Vec::new();
            for (stufe, eintraege) in k.get("auspraegungen").and_then(Value::as_object).into_iter().flatten() {
                for n in eintraege.as_array().into_iter().flatten().filter_map(Value::as_str) {
                    namen.push(if name == "sprachkenntnisse" { format!("{n} ({stufe})") } else { n.to_string() });
                }
            }
            if namen.is_empty() {
                aus.extend(k.get("hierarchieName").and_then(Value::as_str).map(str::to_string));
            } else {
                aus.extend(namen);
            }
        }
    }
    aus
}

fn eintrag<'a>(
    text: &'a str,
    fundstelle: &'a mut Fundstelle,
    roh: &'a RawValue,
) -> Result<StellenEingabe, Vec<Importfehler>> {
    let zeile = fundstelle.zeile;
    let felder: BTreeMap<String, &RawValue> =
        serde_json::from_str(roh.get()).map_err(|_| vec![fehler(zeile, "", "Eintrag ist kein JSON-Objekt")])?;
    if !KENNUNGEN.iter().any(|k| felder.contains_key(*k)) {
        return Err(vec![fehler(zeile, "", format!("unbekannte Form ({}); {FORMEN}", schluessel(&felder)))]);
    }
    // The v6 result list names the fields differently; a missing one is named as that shape names it.
    let v6 =
        ["stellenangebotsTitel", "firma", "stellenlokationen", "hauptberuf"].iter().any(|k| felder.contains_key(*k));
    let mut e = Eintrag { text, felder, fehler: Vec::new(), fundstelle };

    // Only work is matched (Z: Arbeitsaufnahme); Selbstständigkeit is no posting for job seekers.
    if let Some((z, art)) = e.wert("angebotsart") {
        let art = art.as_str().map_or(art.to_string(), str::to_string);
        if matches!(art.to_ascii_uppercase().as_str(), "SELBSTAENDIGKEIT" | "2") {
            e.fehler.push(fehler(z, "angebotsart", "Angebote zur Selbstständigkeit sind keine Stellenangebote"));
        }
    }
    let refnr = e.erster_text("refnr", &["refnr", "referenznummer"]);
    let titel = e.erster_text("titel", &["titel", "stellenangebotsTitel"]);
    let arbeitgeber = e.erster_text("arbeitgeber", &["arbeitgeber", "firma"]);
    let beruf = e.erster_text("beruf", &["beruf", "hauptberuf"]);
    let ort = arbeitsort(&mut e);
    let arbeitszeit = arbeitszeit(&mut e);
    let befristet = match e.wert("befristung") {
        Some((_, Value::String(t))) => t.eq_ignore_ascii_case("BEFRISTET"),
        Some((_, Value::Number(n))) => n.as_u64() == Some(1),
        _ => false,
    };
    let faehigkeiten = faehigkeiten(&mut e);
    let eintritt = e.erstes_datum("eintritt", &["eintrittsdatum", "eintrittszeitraum"]);
    let veroeffentlicht = e.erstes_datum(
        "veroeffentlicht",
        &[
            "aktuelleVeroeffentlichungsdatum",
            "veroeffentlichungszeitraum",
            "ersteVeroeffentlichungsdatum",
            "datumErsteVeroeffentlichung",
        ],
    );
    let beschreibung =
        e.erster_text("beschreibung", &["stellenbeschreibung", "stellenangebotsBeschreibung"]).unwrap_or_default();
    let verguetung = e.text("verguetung", "verguetung");

    let namen = if v6 {
        ["referenznummer", "stellenangebotsTitel", "firma", "hauptberuf"]
    } else {
        ["refnr", "titel", "arbeitgeber", "beruf"]
    };
    let pflicht = [refnr.is_some(), titel.is_some(), arbeitgeber.is_some(), beruf.is_some()];
    let mut fehlend: Vec<Importfehler> =
        namen.iter().zip(pflicht).filter(|(_, da)| !da).map(|(n, _)| fehler(zeile, n, "fehlt")).collect();
    fehlend.append(&mut e.fehler);
    if !fehlend.is_empty() {
        fehlend.sort_by_key(|f| f.zeile);
        return Err(fehlend);
    }
    Ok(StellenEingabe {
        refnr: refnr.unwrap_or_default(),
        titel: titel.unwrap_or_default(),
        arbeitgeber: arbeitgeber.unwrap_or_default(),
        beruf: beruf.unwrap_or_default(),
        plz: ort.plz,
        ort: ort.ort,
        land: ort.land,
        lat: ort.lat,
        lon: ort.lon,
        arbeitszeit,
        faehigkeiten,
        befristet,
        eintritt,
        veroeffentlicht,
        ablauf: None,
        beschreibung,
        verguetung,
    })
}
