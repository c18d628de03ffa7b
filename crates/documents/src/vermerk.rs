//! The Beratungsvermerk (V1–V3): date, kind of conversation, text and author; immutable once
//! saved (V3, D1), so corrections appear only as dated Nachträge with their own author.

use chrono::{DateTime, Utc};
use serde::Serialize;
use vierphasen_domain::fallakte::Beratungsvermerk;

use crate::DokumentFehler;
use crate::eingabe::{Briefkopf, KopfDaten, Person, de, de_zeit};
use crate::namen::{self, absaetze};
use crate::welt::{Satzdaten, Vorlage, satzdaten, setzen_aus};

/// Who wrote the Vermerk and its Nachträge (the domain record keeps only dates and texts; the
/// store knows the authors).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct VermerkKontext {
    /// Name (and role) of the author, e.g. "Maria Beispiel (Vermittlungsfachkraft)".
    pub verfasst_von: String,
    /// When it was saved (shown as "gespeichert am"), if known.
    pub gespeichert_um: Option<DateTime<Utc>>,
    /// The author of each Nachtrag, in the order of `Beratungsvermerk::nachtraege`.
    pub nachtrag_verfasser: Vec<String>,
}

#[derive(Debug, Serialize)]
struct NachtragDaten {
    nr: usize,
    datum: String,
    verfasser: String,
    text: Vec<Vec<String>>,
}

#[derive(Debug, Serialize)]
struct VermerkDaten<'a> {
    kopf: KopfDaten<'a>,
    gespraech_am: String,
    art: &'static str,
    verfasst_von: &'a str,
    gespeichert_um: Option<String>,
    text: Vec<Vec<String>>,
    nachtraege: Vec<NachtragDaten>,
}

/// Renders a Beratungsvermerk with its Nachträge as PDF/UA-1. The document is dated with the day
/// of the conversation.
pub fn vermerk_pdf(
    kopf: &Briefkopf,
    person: &Person,
    vermerk: &Beratungsvermerk,
    kontext: &VermerkKontext,
) -> Result<Vec<u8>, DokumentFehler> {
    setzen_aus(&vermerk_satzdaten(kopf, person, vermerk, kontext)?)
}

/// The data [`vermerk_pdf`] sets (V3: kept when the Vermerk is saved, set later with [`crate::setzen_aus`]).
pub fn vermerk_satzdaten(
    kopf: &Briefkopf,
    person: &Person,
    vermerk: &Beratungsvermerk,
    kontext: &VermerkKontext,
) -> Result<Satzdaten, DokumentFehler> {
    if kontext.nachtrag_verfasser.len() != vermerk.nachtraege.len() {
        return Err(DokumentFehler::Eingabe(format!(
            "Zu jedem Nachtrag gehört sein Verfasser (V3): {} Nachträge, {} Verfasser.",
            vermerk.nachtraege.len(),
            kontext.nachtrag_verfasser.len()
        )));
    }
    let daten = VermerkDaten {
        kopf: KopfDaten::neu("Beratungsvermerk", vermerk.datum, kopf, person),
        gespraech_am: de(vermerk.datum),
        art: namen::vermerkart(vermerk.art),
        verfasst_von: &kontext.verfasst_von,
        gespeichert_um: kontext.gespeichert_um.map(de_zeit),
        text: absaetze(&vermerk.text),
        nachtraege: vermerk
            .nachtraege
            .iter()
            .zip(&kontext.nachtrag_verfasser)
            .enumerate()
            .map(|(i, (n, wer))| NachtragDaten {
                nr: i + 1,
                datum: de(n.datum),
                verfasser: wer.clone(),
                text: absaetze(&n.text),
            })
            .collect(),
    };
    satzdaten(Vorlage::Beratungsvermerk, &daten)
}
