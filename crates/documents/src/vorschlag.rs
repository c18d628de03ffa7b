//! The Vermittlungsvorschlag letter (§8.4, Issue 15/5): the posting proposed to the customer, how
//! to apply, the deadlines to apply and to answer, and the Rechtsfolgenbelehrung of her
//! Rechtskreis. Dated with the day of the proposal, so a reprint is the same letter.

use chrono::NaiveDate;
use serde::Serialize;
use vierphasen_domain::Rechtskreis;

use crate::DokumentFehler;
use crate::eingabe::{Briefkopf, KopfDaten, Person, de};
use crate::namen::absaetze;
use crate::welt::{Vorlage, setzen};

/// Rechtsfolgenbelehrung for a job offer in SGB III: Sperrzeit bei Arbeitsablehnung
/// (§ 159 Abs. 1 Satz 2 Nr. 2, Abs. 4 SGB III).
pub const BELEHRUNG_VORSCHLAG_SGB3: &str = "Lehnen Sie die angebotene Beschäftigung ohne wichtigen Grund ab, treten \
Sie sie nicht an oder verhindern Sie durch Ihr Verhalten, dass ein Beschäftigungsverhältnis zustande kommt – \
insbesondere ein Vorstellungsgespräch –, tritt eine Sperrzeit bei Arbeitsablehnung ein (§\u{a0}159 Abs.\u{a0}1 Satz 2 \
Nr.\u{a0}2 SGB\u{a0}III). Sie dauert beim ersten Mal drei Wochen, beim zweiten Mal sechs Wochen und in allen weiteren \
Fällen zwölf Wochen (§\u{a0}159 Abs.\u{a0}4 SGB\u{a0}III). Während der Sperrzeit ruht Ihr Anspruch auf Arbeitslosengeld; die \
Anspruchsdauer mindert sich um die Tage der Sperrzeit (§\u{a0}148 Abs.\u{a0}1 Nr.\u{a0}3 SGB\u{a0}III). Haben Sie insgesamt \
Anlass für Sperrzeiten von mindestens 21 Wochen gegeben, erlischt Ihr Anspruch (§\u{a0}161 Abs.\u{a0}1 Nr.\u{a0}2 \
SGB\u{a0}III).\n\nEine Sperrzeit tritt nicht ein, wenn Sie für Ihr Verhalten einen wichtigen Grund haben. Die \
Tatsachen dafür haben Sie darzulegen und nachzuweisen, wenn sie in Ihrer Sphäre oder in Ihrem \
Verantwortungsbereich liegen (§\u{a0}159 Abs.\u{a0}1 Satz 3 SGB\u{a0}III).";

/// Rechtsfolgenbelehrung for a job offer in SGB II: Pflichtverletzung (§ 31 Abs. 1 Satz 1 Nr. 2
/// SGB II), Minderung (§§ 31a, 31b SGB II).
pub const BELEHRUNG_VORSCHLAG_SGB2: &str = "Weigern Sie sich ohne wichtigen Grund, diese zumutbare Arbeit aufzunehmen, \
oder verhindern Sie durch Ihr Verhalten, dass sie zustande kommt – insbesondere ein Vorstellungsgespräch –, ist \
das eine Pflichtverletzung (§\u{a0}31 Abs.\u{a0}1 Satz 1 Nr.\u{a0}2 SGB\u{a0}II). Das Bürgergeld kann dann nach §§\u{a0}31a und \
31b SGB\u{a0}II gemindert werden.\n\nEine Minderung tritt nicht ein, wenn Sie einen wichtigen Grund für Ihr Verhalten \
darlegen und nachweisen.";

/// The posting as the letter names it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VorgeschlageneStelle {
    pub refnr: String,
    pub titel: String,
    pub arbeitgeber: String,
    /// "34117 Kassel" or "Wien, Österreich".
    pub arbeitsort: String,
    /// "Vollzeit, Teilzeit".
    pub arbeitszeit: String,
    pub befristet: bool,
    /// `None` or a past date: "ab sofort".
    pub eintritt: Option<NaiveDate>,
    pub verguetung: Option<String>,
    pub beschreibung: String,
}

/// What the letter needs beyond the letterhead and the customer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct VorschlagBrief {
    pub stelle: VorgeschlageneStelle,
    pub rechtskreis: Rechtskreis,
    /// The day of the proposal (the letter's date).
    pub vorgeschlagen_am: NaiveDate,
    /// Apply by this day.
    pub bewerben_bis: NaiveDate,
    /// Tell the VFK the outcome by this day.
    pub rueckmeldung_bis: NaiveDate,
}

#[derive(Debug, Serialize)]
struct VorschlagDaten<'a> {
    kopf: KopfDaten<'a>,
    refnr: &'a str,
    stelle: Vec<(&'static str, String)>,
    beschreibung: Vec<Vec<String>>,
    bewerben_bis: String,
    rueckmeldung_bis: String,
    rechtsfolgenbelehrung: Vec<Vec<String>>,
}

/// Renders the letter as PDF/UA-1.
pub fn vorschlag_pdf(kopf: &Briefkopf, person: &Person, brief: &VorschlagBrief) -> Result<Vec<u8>, DokumentFehler> {
    let s = &brief.stelle;
    let eintritt = match s.eintritt {
        Some(d) if d > brief.vorgeschlagen_am => format!("zum {}", de(d)),
        _ => "ab sofort".into(),
    };
    let mut stelle = vec![
        ("Stelle", s.titel.clone()),
        ("Arbeitgeber", s.arbeitgeber.clone()),
        ("Arbeitsort", s.arbeitsort.clone()),
        ("Arbeitszeit", s.arbeitszeit.clone()),
        ("Beginn", eintritt),
        ("Vertrag", if s.befristet { "befristet" } else { "unbefristet" }.to_string()),
    ];
    if let Some(v) = s.verguetung.as_ref().filter(|v| !v.trim().is_empty()) {
        stelle.push(("Vergütung", v.clone()));
    }
    stelle.push(("Referenznummer", s.refnr.clone()));
    let belehrung = match brief.rechtskreis {
        Rechtskreis::SgbIII => BELEHRUNG_VORSCHLAG_SGB3,
        Rechtskreis::SgbII => BELEHRUNG_VORSCHLAG_SGB2,
    };
    let daten = VorschlagDaten {
        kopf: KopfDaten::neu("Vermittlungsvorschlag", brief.vorgeschlagen_am, kopf, person),
        refnr: &s.refnr,
        stelle,
        beschreibung: absaetze(&s.beschreibung),
        bewerben_bis: de(brief.bewerben_bis),
        rueckmeldung_bis: de(brief.rueckmeldung_bis),
        rechtsfolgenbelehrung: absaetze(belehrung),
    };
    setzen(Vorlage::Vermittlungsvorschlag, &daten)
}
