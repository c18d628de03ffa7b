//! What a use case can answer instead of a result. Messages are German: they reach the user.

use vierphasen_domain::Befund;
use vierphasen_store::StoreFehler;

#[derive(Debug, thiserror::Error)]
pub enum AppFehler {
    #[error("Nicht angemeldet oder die Sitzung ist abgelaufen. Bitte erneut anmelden.")]
    NichtAngemeldet,
    /// Also the answer for a case the user may not see: a denial reveals nothing (D1).
    #[error("{0} wurde nicht gefunden.")]
    NichtGefunden(&'static str),
    #[error("{0}")]
    Verboten(String),
    /// A `fehler` finding refuses the change; the findings name their rule ids.
    #[error("Die Änderung verstößt gegen Regeln des 4-Phasen-Modells: {}", regeln(.0))]
    Regelverstoss(Vec<Befund>),
    /// `warnung` findings need an explicit confirmation (`bestaetigt: true`).
    #[error("Bitte bestätigen: {}", regeln(.0))]
    BestaetigungNoetig(Vec<Befund>),
    #[error("Feld `{feld}`: {meldung}")]
    Ungueltig { feld: String, meldung: String },
    #[error("{0}")]
    Konflikt(String),
    #[error("Speicher nicht verfügbar: {0}")]
    Speicher(#[from] StoreFehler),
}

fn regeln(befunde: &[Befund]) -> String {
    befunde.iter().map(|b| format!("{} ({})", b.meldung, b.regel)).collect::<Vec<_>>().join("; ")
}

impl AppFehler {
    pub fn ungueltig(feld: impl Into<String>, meldung: impl Into<String>) -> Self {
        AppFehler::Ungueltig { feld: feld.into(), meldung: meldung.into() }
    }
}

impl From<vierphasen_domain::EingabeFehler> for AppFehler {
    fn from(e: vierphasen_domain::EingabeFehler) -> Self {
        AppFehler::Ungueltig { feld: e.feld, meldung: e.meldung }
    }
}
