//! Catalogue ids to the seed's labels, for printing. An id the catalogue does not know is printed
//! as stored (the documents show what is in the case, they do not check it: that is the Fallprüfung).

use vierphasen_domain::Katalog;
use vierphasen_domain::fallakte::{LokaleStrategie, StrategieErgebnis, StrategieWahl, Vereinbarungsart, Vermerkart};
use vierphasen_domain::katalog::KldbCode;

pub(crate) fn strategie(katalog: &Katalog, lokale: &[LokaleStrategie], id: &str) -> String {
    if let Some(r) = katalog.finde_strategie(id) {
        return katalog.strategie(r).label.clone();
    }
    // S11: a local strategy of the Dienststelle.
    lokale.iter().find(|l| l.id == id).map_or_else(|| id.to_string(), |l| l.bezeichnung.clone())
}

/// S14: the Zwischenziel of a national strategy as the document of `art` words it; local
/// strategies carry no guidance.
pub(crate) fn zwischenziel(katalog: &Katalog, id: &str, art: Vereinbarungsart) -> Option<String> {
    katalog.finde_strategie(id).map(|r| katalog.strategie(r).leitfaden.zwischenziel_fuer(art).to_string())
}

/// Z1: the seed's label, its abbreviation written out for the customer ("lokal (TPB)" →
/// "lokal (im Tagespendelbereich)", Issue 15/5).
pub(crate) fn zieloption(katalog: &Katalog, id: &str) -> String {
    katalog.finde_zieloption(id).map_or_else(|| id.to_string(), |z| z.label.replace("(TPB)", "(im Tagespendelbereich)"))
}

pub(crate) fn produkt(katalog: &Katalog, id: &str) -> String {
    katalog.finde_produkt(id).map_or_else(|| id.to_string(), |p| p.label.clone())
}

pub(crate) fn merkmal(katalog: &Katalog, id: &str) -> String {
    katalog.finde_merkmal(id).map_or_else(|| id.to_string(), |r| katalog.merkmal(r).label.clone())
}

pub(crate) fn profillage(katalog: &Katalog, wert: &str) -> String {
    katalog.finde_profillage(wert).map_or_else(|| wert.to_string(), |p| p.label().to_string())
}

pub(crate) fn leistung(katalog: &Katalog, id: &str) -> String {
    katalog.finde_leistung(id).map_or_else(|| id.to_string(), |l| l.label.clone())
}

/// P1: "Titel (KldB 72212)".
pub(crate) fn beruf(katalog: &Katalog, code: &str) -> String {
    KldbCode::parse(code)
        .and_then(|c| katalog.berufe.get(c))
        .map_or_else(|| format!("KldB {code}"), |b| format!("{} (KldB {code})", b.titel))
}

pub(crate) fn vermerkart(art: Vermerkart) -> &'static str {
    match art {
        Vermerkart::Erstgespraech => "Erstgespräch",
        Vermerkart::Folgegespraech => "Folgegespräch",
        Vermerkart::Sonstiges => "Sonstiges Gespräch",
    }
}

/// S8: offen or the outcome.
pub(crate) fn strategie_status(w: &StrategieWahl) -> String {
    match (w.ergebnis, w.erledigt_am) {
        (None, _) => "offen".into(),
        (Some(e), Some(am)) => format!("{} am {}", StrategieErgebnis::label(e), crate::eingabe::de(am)),
        (Some(e), None) => e.label().into(),
    }
}

/// E6/S10: the open strategies in the order of work (chosen order, then start of the window).
pub(crate) fn offene_strategien(strategien: &[StrategieWahl]) -> Vec<&StrategieWahl> {
    let mut offen: Vec<(usize, &StrategieWahl)> =
        strategien.iter().enumerate().filter(|(_, w)| w.ergebnis.is_none()).collect();
    offen.sort_by_key(|(i, w)| (w.reihenfolge.unwrap_or(u8::MAX), w.beginn.unwrap_or(chrono::NaiveDate::MAX), *i));
    offen.into_iter().map(|(_, w)| w).collect()
}

/// A text as paragraphs of lines: blank lines separate paragraphs, single line breaks stay.
pub fn absaetze(text: &str) -> Vec<Vec<String>> {
    let mut ergebnis: Vec<Vec<String>> = Vec::new();
    let mut aktuell: Vec<String> = Vec::new();
    for zeile in text.replace("\r\n", "\n").split('\n') {
        if zeile.trim().is_empty() {
            if !aktuell.is_empty() {
                ergebnis.push(std::mem::take(&mut aktuell));
            }
        } else {
            aktuell.push(zeile.trim_end().to_string());
        }
    }
    if !aktuell.is_empty() {
        ergebnis.push(aktuell);
    }
    ergebnis
}
