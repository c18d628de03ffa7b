//! The Stellenangebot form: what was typed becomes a `StellenEingabe` (skills one per line,
//! working times as checkboxes), a stored posting fills the form for editing, and the use case's
//! field names become the form's input ids and labels.

use vierphasen_app::AppFehler;
use vierphasen_app::stellen::{Stelle, StellenEingabe};

use crate::seiten::formular::{Rueckmeldung, feld_id};
use crate::seiten::{Formular, beschriften};

/// Input ids with their labels (for the error summary).
pub const FELDER: [(&str, &str); 16] = [
    ("refnr", "Referenznummer"),
    ("titel", "Titel"),
    ("arbeitgeber", "Arbeitgeber"),
    ("beruf", "Beruf"),
    ("plz", "Postleitzahl"),
    ("ort", "Ort"),
    ("land", "Land"),
    ("lat", "Breitengrad"),
    ("lon", "Längengrad"),
    ("arbeitszeit", "Arbeitszeit"),
    ("faehigkeiten", "Verlangte Kenntnisse"),
    ("eintritt", "Eintritt"),
    ("veroeffentlicht", "Veröffentlicht am"),
    ("ablauf", "Offen bis"),
    ("beschreibung", "Beschreibung"),
    ("verguetung", "Vergütung"),
];

pub fn eingabe(f: &Formular) -> Result<StellenEingabe, AppFehler> {
    let text_opt = |name: &str| f.wert(name).map(str::to_owned);
    Ok(StellenEingabe {
        refnr: f.text("refnr"),
        titel: f.text("titel"),
        arbeitgeber: f.text("arbeitgeber"),
        beruf: f.text("beruf"),
        plz: text_opt("plz"),
        ort: text_opt("ort"),
        land: text_opt("land"),
        lat: f.kommazahl("lat", "Breitengrad")?,
        lon: f.kommazahl("lon", "Längengrad")?,
        arbeitszeit: f.alle("arbeitszeit").join(","),
        faehigkeiten: f
            .text("faehigkeiten")
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_owned)
            .collect(),
        befristet: f.haken("befristet"),
        eintritt: f.datum("eintritt", "Eintritt")?,
        veroeffentlicht: f.datum("veroeffentlicht", "Veröffentlicht am")?,
        ablauf: f.datum("ablauf", "Offen bis")?,
        beschreibung: f.text("beschreibung"),
        verguetung: text_opt("verguetung"),
    })
}

/// The stored posting as the form's values.
pub fn aus_stelle(s: &Stelle) -> Formular {
    let mut w: Vec<(String, String)> = [
        ("refnr", s.refnr.clone()),
        ("titel", s.titel.clone()),
        ("arbeitgeber", s.arbeitgeber.clone()),
        ("beruf", s.beruf.clone()),
        ("plz", s.plz.clone().unwrap_or_default()),
        ("ort", s.ort.clone()),
        ("faehigkeiten", s.faehigkeiten.join("\n")),
        ("eintritt", s.eintritt.map(|d| d.to_string()).unwrap_or_default()),
        ("veroeffentlicht", s.veroeffentlicht.to_string()),
        ("ablauf", s.ablauf.to_string()),
        ("beschreibung", s.beschreibung.clone()),
        ("verguetung", s.verguetung.clone().unwrap_or_default()),
    ]
    .into_iter()
    .map(|(n, v)| (n.to_owned(), v))
    .collect();
    if s.ausland() {
        w.push(("land".into(), s.land.clone()));
        w.push(("lat".into(), s.lat.to_string()));
        w.push(("lon".into(), s.lon.to_string()));
    }
    if s.befristet {
        w.push(("befristet".into(), "ja".into()));
    }
    w.extend(s.arbeitszeit.split(',').filter(|k| !k.is_empty()).map(|k| ("arbeitszeit".to_owned(), k.to_owned())));
    Formular(w)
}

/// A refusal as the form's feedback: `faehigkeiten[2]` points to the skills box, every message
/// names its field.
pub fn rueckmeldung(fehler: AppFehler) -> Result<Rueckmeldung, crate::seiten::SeitenFehler> {
    let mut r = Rueckmeldung::aus(fehler)?;
    let praefix = feld_id("faehigkeiten[");
    for f in &mut r.fehler {
        if f.id.starts_with(&praefix) {
            f.id = "faehigkeiten".into();
        }
    }
    Ok(beschriften(r, &FELDER))
}
