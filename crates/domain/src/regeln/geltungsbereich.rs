//! G1: the scope of the model (seed 2.1).

use crate::befund::Befund;
use crate::fallakte::GepruefteFallakte;
use crate::grundtypen::Segment;
use crate::regel::Regel;

/// G1: the 4-Phasen-Modell is for the customers of the Allgemeine Vermittlung (seed 2.1: "Alle
/// übrigen Konstellationen werden durch das „Leitkonzept für die Bereiche Ausbildungsvermittlung
/// und berufliche Rehabilitation“ abgedeckt"). A case of the segment AusbV or Reha is still checked
/// (S6 even needs them), with a hint that another concept governs it; never more than a hint.
pub fn geltungsbereich_pruefen(f: &GepruefteFallakte<'_>) -> Vec<Befund> {
    let bereich = match f.akte.kunde.segment {
        Segment::AV => return Vec::new(),
        Segment::AusbV => "der Ausbildungsvermittlung",
        Segment::Reha => "der beruflichen Rehabilitation",
    };
    vec![Befund::hinweis(
        Regel::G1,
        "kunde.segment",
        format!(
            "Kundin bzw. Kunde {bereich}: Das 4-Phasen-Modell gilt für die Allgemeine Vermittlung. Maßgeblich ist das „Leitkonzept für die Bereiche Ausbildungsvermittlung und berufliche Rehabilitation“; diese Prüfung ist nur ein Anhalt."
        ),
    )]
}
