//! §8.4: a Stellenangebot as entered or imported, checked field by field (German messages naming
//! the field), and the posting as stored and shown.

use chrono::{Days, NaiveDate};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::katalog::kenntnisse::Kenntnisse;
use vierphasen_domain::katalog::{Berufe, KldbCode, Zuordnungsfehler};
use vierphasen_domain::stellen::StellenEingabe;
use vierphasen_matching::{Arbeitszeit, Ort, PlzTabelle};

use crate::AppFehler;
use crate::fall::{text_opt, text_pruefen};
use crate::grenzen;
use crate::plz::plz_pruefen;

/// Days a posting stays open when the source names no end (the BA job details carry none).
pub const LAUFZEIT_TAGE: u64 = 90;

/// A stored posting.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, ToSchema)]
pub struct Stelle {
    pub id: i64,
    pub refnr: String,
    pub titel: String,
    pub arbeitgeber: String,
    /// KldB 2010 code.
    pub beruf: String,
    pub beruf_titel: String,
    pub plz: Option<String>,
    pub ort: String,
    pub land: String,
    pub lat: f64,
    pub lon: f64,
    pub arbeitszeit: String,
    pub faehigkeiten: Vec<String>,
    pub befristet: bool,
    pub eintritt: Option<NaiveDate>,
    pub veroeffentlicht: NaiveDate,
    pub ablauf: NaiveDate,
    pub beschreibung: String,
    pub verguetung: Option<String>,
    /// `import` or `erfasst`.
    pub quelle: String,
}

impl Stelle {
    pub fn offen(&self, heute: NaiveDate) -> bool {
        self.veroeffentlicht <= heute && heute <= self.ablauf
    }
    pub fn ausland(&self) -> bool {
        self.land != INLAND
    }
    /// "34117 Kassel", abroad "Wien Österreich".
    pub fn arbeitsort(&self) -> String {
        let mut teile: Vec<&str> =
            self.plz.as_deref().into_iter().chain([self.ort.as_str()]).filter(|t| !t.is_empty()).collect();
        if self.ausland() {
            teile.push(&self.land);
        }
        teile.join(" ")
    }
}

const INLAND: &str = "Deutschland";

/// The KldB code of `beruf`: a five-digit code, or the job title the Zielberuf search maps to
/// exactly one occupation (`Berufe::zuordnen`); otherwise the message names the candidates.
pub fn beruf_zuordnen(berufe: &Berufe, beruf: &str) -> Result<KldbCode, AppFehler> {
    let t = beruf.trim();
    if t.is_empty() {
        return Err(AppFehler::ungueltig("beruf", "darf nicht leer sein"));
    }
    berufe.zuordnen(t).map_err(|f| {
        AppFehler::ungueltig("beruf", match f {
            Zuordnungsfehler::UnbekannterCode => format!("{t} ist keine Berufsgattung der KldB 2010"),
            Zuordnungsfehler::KeinTreffer => {
                format!("„{t}“ lässt sich keiner Berufsgattung der KldB 2010 zuordnen; bitte den fünfstelligen KldB-Schlüssel angeben")
            }
            Zuordnungsfehler::Mehrdeutig(kandidaten) => format!(
                "„{t}“ passt zu mehreren Berufsgattungen der KldB 2010: {}; bitte den fünfstelligen KldB-Schlüssel angeben",
                kandidaten.join("; ")
            ),
        })
    })
}

/// Working times as codes (`vz,tz`), normalised; field `arbeitszeit`.
pub fn arbeitszeit_pruefen(text: &str) -> Result<String, AppFehler> {
    Arbeitszeit::parse(text)
        .map(Arbeitszeit::kuerzel)
        .ok_or_else(|| AppFehler::ungueltig("arbeitszeit", "erwartet vz, tz, snw, ho oder mj (mit Komma getrennt)"))
}

/// Checks an entry; `heute` fills the publication date.
pub fn stelle_pruefen(
    e: &StellenEingabe,
    berufe: &Berufe,
    plz_tabelle: &PlzTabelle,
    heute: NaiveDate,
) -> Result<Stelle, AppFehler> {
    let refnr = text_pruefen("refnr", &e.refnr, grenzen::STELLE_REFNR)?;
    let titel = text_pruefen("titel", &e.titel, grenzen::STELLE_TEXT)?;
    let arbeitgeber = text_pruefen("arbeitgeber", &e.arbeitgeber, grenzen::STELLE_TEXT)?;
    let code = beruf_zuordnen(berufe, &e.beruf)?;
    let beruf_titel = berufe.get(code).map(|b| b.titel.clone()).unwrap_or_default();
    // The BA's live search writes countries in capitals ("DEUTSCHLAND").
    let land = text_opt("land", e.land.as_deref(), grenzen::ZEILE)?
        .filter(|l| !l.eq_ignore_ascii_case(INLAND))
        .unwrap_or_else(|| INLAND.to_string());
    let ort_name = text_opt("ort", e.ort.as_deref(), grenzen::BEZEICHNUNG)?;
    let (plz, lat, lon, ort) = if land == INLAND {
        let Some(p) = e.plz.as_deref().map(str::trim).filter(|p| !p.is_empty()) else {
            return Err(AppFehler::ungueltig("plz", "fehlt: Stellen in Deutschland brauchen die Postleitzahl"));
        };
        let plz = plz_pruefen(plz_tabelle, "plz", p)?;
        let ort = ort_name.unwrap_or_else(|| {
            let orte = plz_tabelle.eintrag(plz.as_str()).map(|e| e.orte.as_str()).unwrap_or_default();
            orte.split('|').next().unwrap_or_default().to_string()
        });
        let o = plz.ort();
        (Some(plz.into()), e.lat.unwrap_or(f64::from(o.lat)), e.lon.unwrap_or(f64::from(o.lon)), ort)
    } else {
        let (Some(lat), Some(lon)) = (e.lat, e.lon) else {
            return Err(AppFehler::ungueltig("lat", "fehlt: Stellen im Ausland brauchen Koordinaten (lat, lon)"));
        };
        (text_opt("plz", e.plz.as_deref(), 5)?, lat, lon, ort_name.unwrap_or_default())
    };
    if !(-90.0..=90.0).contains(&lat) || !(-180.0..=180.0).contains(&lon) {
        return Err(AppFehler::ungueltig("lat", "Koordinaten außerhalb von −90…90 / −180…180"));
    }
    let arbeitszeit = arbeitszeit_pruefen(&e.arbeitszeit)?;
    let mut faehigkeiten = Vec::new();
    for (i, f) in e.faehigkeiten.iter().enumerate() {
        let f = text_pruefen(&format!("faehigkeiten[{i}]"), f, grenzen::STELLE_TEXT)?;
        if !faehigkeiten.contains(&f) {
            faehigkeiten.push(f);
        }
    }
    let veroeffentlicht = e.veroeffentlicht.unwrap_or(heute);
    let ablauf = e.ablauf.unwrap_or(veroeffentlicht + Days::new(LAUFZEIT_TAGE));
    if ablauf < veroeffentlicht {
        return Err(AppFehler::ungueltig("ablauf", "liegt vor der Veröffentlichung"));
    }
    Ok(Stelle {
        id: 0,
        refnr,
        titel,
        arbeitgeber,
        beruf: code.as_str().to_string(),
        beruf_titel,
        plz,
        ort,
        land,
        lat,
        lon,
        arbeitszeit,
        faehigkeiten,
        befristet: e.befristet,
        eintritt: e.eintritt,
        veroeffentlicht,
        ablauf,
        // Refused when too long or with control characters (NUL, ESC), never cut silently.
        beschreibung: text_opt("beschreibung", Some(&e.beschreibung), grenzen::DOKUMENT)?.unwrap_or_default(),
        verguetung: text_opt("verguetung", e.verguetung.as_deref(), grenzen::STELLE_TEXT)?,
        quelle: "erfasst".into(),
    })
}

/// The posting as the engine sees it; its skills join the vocabulary, each as the skills it names
/// ([`vierphasen_matching::Faehigkeiten::anforderung`]). `None` for a stored code
/// that is no KldB code (a row changed outside the application).
pub fn fuer_index(
    s: &Stelle,
    faehigkeiten: &mut vierphasen_matching::Faehigkeiten,
    kenntnisse: &Kenntnisse,
) -> Option<vierphasen_matching::Stellenangebot> {
    use vierphasen_matching::Tag;
    Some(vierphasen_matching::Stellenangebot {
        id: u64::try_from(s.id).ok()?,
        beruf: KldbCode::parse(&s.beruf)?,
        ort: Ort { lat: s.lat as f32, lon: s.lon as f32, ausland: s.ausland() },
        arbeitszeit: Arbeitszeit::parse(&s.arbeitszeit).unwrap_or(Arbeitszeit::ALLE),
        faehigkeiten: s.faehigkeiten.iter().flat_map(|f| faehigkeiten.anforderung(kenntnisse, f)).collect(),
        eintritt: Tag::aus_datum(s.eintritt.unwrap_or(s.veroeffentlicht)),
        veroeffentlicht: Tag::aus_datum(s.veroeffentlicht),
        ablauf: Tag::aus_datum(s.ablauf),
    })
}
