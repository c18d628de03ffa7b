//! The customer search as people type (issue 15/7): "Mueller" and "Muller" find Müller, "Cosic"
//! finds Ćosić, "Müller Inge" and "Inge Müller" find the same person, "12.04.1985" finds by
//! birth date.

use chrono::NaiveDate;
use vierphasen_domain::katalog::normalisieren::suchtext;
use vierphasen_store::{Tx, sql};

use crate::AppFehler;

/// Words of a name folded for search: lower case ASCII, diacritics dropped (ć → c), umlauts in
/// every spelling alike (ü, ue, u → u), anything else a word break.
pub fn falten(text: &str) -> String {
    // `suchtext` spells umlauts out (ü → ue) and breaks words; `deunicode` takes the remaining
    // letters to ASCII (ć → c, ł → l, ø → o).
    let ascii = deunicode::deunicode(&suchtext(text)).to_lowercase();
    ascii.replace("ae", "a").replace("oe", "o").replace("ue", "u")
}

/// The stored search key of a customer (`kunde.suchname`).
pub fn suchname(vorname: &str, nachname: &str) -> String {
    falten(&format!("{vorname} {nachname}"))
}

/// At most this many name words go into the query; more narrow nothing a person would miss.
pub const MAX_WOERTER: usize = 4;

/// A search as typed: name words (folded, in any order) and a birth date, if one of the words is
/// a date (TT.MM.JJJJ or JJJJ-MM-TT).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Suchbegriff {
    pub woerter: Vec<String>,
    pub geburtsdatum: Option<NaiveDate>,
}

pub fn lesen(text: &str) -> Suchbegriff {
    let mut s = Suchbegriff::default();
    for teil in text.split_whitespace() {
        let datum = vierphasen_domain::formular::datum(teil);
        match datum {
            Some(d) if s.geburtsdatum.is_none() => s.geburtsdatum = Some(d),
            _ => s.woerter.extend(falten(teil).split(' ').filter(|w| !w.is_empty()).map(str::to_owned)),
        }
    }
    s.woerter.truncate(MAX_WOERTER);
    s
}

/// Fills the search key of customers registered before it existed (migration 0015), in batches.
pub(crate) async fn nachtragen(tx: &mut Tx) -> Result<usize, AppFehler> {
    let mut n = 0;
    loop {
        let zeilen = sql!(tx, zeilen<(i64, String, String)>
            "SELECT id, vorname, nachname FROM kunde WHERE suchname IS NULL ORDER BY id LIMIT 1000")?;
        if zeilen.is_empty() {
            return Ok(n);
        }
        for (id, vorname, nachname) in zeilen {
            sql!(tx, ausfuehren "UPDATE kunde SET suchname = $1 WHERE id = $2", suchname(&vorname, &nachname), id)?;
            n += 1;
        }
    }
}
