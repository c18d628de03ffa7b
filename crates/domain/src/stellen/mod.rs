//! §8.4 Stellenangebote as they arrive: the input of the API and of the importers, and the
//! readers of posting files (BA job search JSON in its shapes, our CSV). Pure parsing, no checks against the
//! catalogue (those are the application's, `vierphasen_app::stellen`).

mod ba;
mod datei;

use chrono::NaiveDate;
use serde::Deserialize;

pub use datei::{CSV_SPALTEN, Eintraege, Fundstelle, Importfehler, lesen};

/// A posting as the API and the importers deliver it.
#[derive(Debug, Clone, Default, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StellenEingabe {
    /// Reference number (BA `refnr`); a second posting with the same number replaces the first.
    pub refnr: String,
    pub titel: String,
    pub arbeitgeber: String,
    /// KldB 2010 code (five digits) or a job title the KldB lists as example ("Koch/Köchin").
    pub beruf: String,
    /// German postal code of the place of work; abroad: `land` with `lat`/`lon`.
    #[serde(default)]
    pub plz: Option<String>,
    #[serde(default)]
    pub ort: Option<String>,
    /// Default "Deutschland".
    #[serde(default)]
    pub land: Option<String>,
    #[serde(default)]
    pub lat: Option<f64>,
    #[serde(default)]
    pub lon: Option<f64>,
    /// `vz`, `tz`, `snw`, `ho`, `mj`, comma-separated (Vollzeit, Teilzeit, Schicht/Nacht/Wochenende,
    /// Heim-/Telearbeit, Minijob).
    pub arbeitszeit: String,
    #[serde(default)]
    pub faehigkeiten: Vec<String>,
    #[serde(default)]
    pub befristet: bool,
    #[serde(default, deserialize_with = "crate::datum::serde_strikt::datum_opt")]
    pub eintritt: Option<NaiveDate>,
    /// Default: today.
    #[serde(default, deserialize_with = "crate::datum::serde_strikt::datum_opt")]
    pub veroeffentlicht: Option<NaiveDate>,
    /// Last day open. Default: 90 days after publication.
    #[serde(default, deserialize_with = "crate::datum::serde_strikt::datum_opt")]
    pub ablauf: Option<NaiveDate>,
    #[serde(default)]
    pub beschreibung: String,
    #[serde(default)]
    pub verguetung: Option<String>,
}
