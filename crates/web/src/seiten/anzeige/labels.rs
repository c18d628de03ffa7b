//! Labels: catalogue entries by their id (the seed's terms), the domain's enums in German.

use chrono::NaiveDate;
use vierphasen_domain::Katalog;
use vierphasen_domain::fallakte::{Aktivitaet, StrategieWahl, Werdegangseintrag};

use super::datum_text;

/// What a Wiedervorlage is about, by the rule that produced it.
pub fn anlass(regel: Option<&str>) -> &'static str {
    match regel {
        Some("E2" | "E3") => "Eingliederungsvereinbarung überprüfen",
        Some("K1") => "Folgegespräch nach Kontaktdichtekonzept",
        Some("U1") => "Übergabe an das Jobcenter",
        Some(r) if r.starts_with('U') => "Auftrag an einen Fachdienst",
        Some("P4") => "„zu klären“ im Profiling",
        Some("P8") => "Zweitgespräch (Profillage N)",
        Some("S13") => "Anschluss an Qualifizierung",
        Some(r) if r.starts_with('S') => "Handlungsstrategie überprüfen",
        _ => "Termin",
    }
}

/// An entry of the calendar: an appointment, or a Wiedervorlage by its rule.
pub fn termin_anlass(art: &str, regel: Option<&str>) -> &'static str {
    if art == "termin" { "Termin" } else { anlass(regel) }
}

pub fn strategie_name(katalog: &Katalog, id: &str) -> String {
    katalog.finde_strategie(id).map(|r| katalog.strategie(r).label.clone()).unwrap_or_else(|| id.to_owned())
}

pub fn merkmal_name(katalog: &Katalog, id: &str) -> String {
    katalog.finde_merkmal(id).map(|r| katalog.merkmal(r).label.clone()).unwrap_or_else(|| id.to_owned())
}

pub fn beruf_name(katalog: &Katalog, code: &str) -> String {
    vierphasen_domain::katalog::KldbCode::parse(code)
        .and_then(|c| katalog.berufe.get(c))
        .map(|b| format!("{} ({code})", b.titel))
        .unwrap_or_else(|| code.to_owned())
}

pub fn strategie_status(s: &StrategieWahl, heute: NaiveDate) -> String {
    match s.ergebnis {
        Some(e) => {
            format!("{}{}", e.label(), s.erledigt_am.map(|d| format!(" am {}", datum_text(d))).unwrap_or_default())
        }
        None if s.ende.is_some_and(|e| e < heute) => "offen – Zeitfenster abgelaufen".to_owned(),
        None if s.beginn.is_some_and(|b| b > heute) => "geplant".to_owned(),
        None => "in Umsetzung".to_owned(),
    }
}

pub fn vermerkart(a: vierphasen_domain::fallakte::Vermerkart) -> &'static str {
    use vierphasen_domain::fallakte::Vermerkart::*;
    match a {
        Erstgespraech => "Erstgespräch",
        Folgegespraech => "Folgegespräch",
        Sonstiges => "Sonstiges",
    }
}

pub fn segment_text(s: vierphasen_domain::Segment) -> &'static str {
    match s {
        vierphasen_domain::Segment::AV => "Allgemeine Vermittlung",
        vierphasen_domain::Segment::AusbV => "Ausbildungsvermittlung",
        vierphasen_domain::Segment::Reha => "Rehabilitation",
    }
}

pub fn einwilligung_text(u: vierphasen_domain::fallakte::Einwilligungsumfang) -> &'static str {
    match u {
        vierphasen_domain::fallakte::Einwilligungsumfang::AerztlicherDienst => "Ärztlicher Dienst",
        vierphasen_domain::fallakte::Einwilligungsumfang::BerufspsychologischerService => {
            "Berufspsychologischer Service"
        }
    }
}

pub fn profillage_text(katalog: &Katalog, wert: &str) -> String {
    katalog.finde_profillage(wert).map(|p| p.label().to_owned()).unwrap_or_else(|| wert.to_owned())
}

/// A stage of the Werdegang in one line: "08/2010 – 07/2013 · Ausbildung: Ausbildung zur
/// Verkäuferin (Beruf: Verkäufer/in (62102))".
pub fn werdegang_text(katalog: &Katalog, w: &Werdegangseintrag) -> String {
    let beruf = w.beruf.as_deref().map(|c| format!(" (Beruf: {})", beruf_name(katalog, c))).unwrap_or_default();
    format!("{} · {}: {}{beruf}", w.zeitraum_text(), w.art.label(), w.bezeichnung)
}

/// F4: an activity in one line: "12.03.2026 · Gruppenmaßnahme: … (Träger: …)".
pub fn aktivitaet_text(a: &Aktivitaet) -> String {
    let traeger = a.traeger.as_deref().map(|t| format!(" (Träger: {t})")).unwrap_or_default();
    format!("{} · {}: {}{traeger}", datum_text(a.datum), a.art.label(), a.beschreibung)
}
