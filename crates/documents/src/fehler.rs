//! The one error of this crate.

/// A document could not be produced.
///
/// The messages are German (they may reach the UI); the typst diagnostics are included verbatim
/// with file and line of the template, for the developers.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum DokumentFehler {
    /// The input contradicts itself (e.g. a Nachtrag without its author).
    #[error("Ungültige Angaben für das Dokument: {0}")]
    Eingabe(String),
    /// The data could not be serialised for the template (should not happen).
    #[error("Die Daten für die Vorlage `{vorlage}` konnten nicht aufbereitet werden: {meldung}")]
    Daten { vorlage: &'static str, meldung: String },
    /// typst refused the template or the data (a bug in a template).
    #[error("Die Vorlage `{vorlage}` konnte nicht gesetzt werden:\n{diagnosen}")]
    Satz { vorlage: &'static str, diagnosen: String },
    /// The PDF export failed, e.g. because PDF/UA-1 is not met.
    #[error("Das PDF zu `{vorlage}` konnte nicht erzeugt werden (PDF/UA-1):\n{diagnosen}")]
    Pdf { vorlage: &'static str, diagnosen: String },
}
