//! The postal code as the system accepts it, for customers and postings alike: a known German
//! PLZ (§8.4: the Umkreis of the matching needs its place; an unknown PLZ would silently never
//! be matched).

use vierphasen_matching::{Plz, PlzTabelle};

use crate::AppFehler;

/// `text` as a known PLZ, or a German message on the field `feld`.
pub fn plz_pruefen(tabelle: &PlzTabelle, feld: &str, text: &str) -> Result<Plz, AppFehler> {
    let text = text.trim();
    if text.len() != 5 || !text.bytes().all(|b| b.is_ascii_digit()) {
        return Err(AppFehler::ungueltig(feld, "bitte die Postleitzahl mit fünf Ziffern angeben, z. B. 34117"));
    }
    tabelle.bekannt(text).ok_or_else(|| AppFehler::ungueltig(feld, format!("{text} ist keine deutsche Postleitzahl")))
}

/// As [`plz_pruefen`]; a missing or empty PLZ is none.
pub fn plz_optional(tabelle: &PlzTabelle, feld: &str, text: Option<&str>) -> Result<Option<Plz>, AppFehler> {
    match text.map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => plz_pruefen(tabelle, feld, t).map(Some),
        None => Ok(None),
    }
}
