/// What can go wrong in the store; messages are German because operators read them.
#[derive(Debug, thiserror::Error)]
pub enum StoreFehler {
    #[error("Datenbankadresse „{0}“ wird nicht unterstützt (erwartet sqlite://… oder postgres://…)")]
    UnbekannteAdresse(String),
    #[error("Datenbank: {0}")]
    Datenbank(#[from] sqlx::Error),
    #[error("Migration {version} ({name}) wurde nach dem Anwenden verändert; Migrationen sind unveränderlich")]
    MigrationVeraendert { version: i64, name: String },
    #[error("Kopfzeile des Zugriffsprotokolls fehlt (Migration 1 nicht angewendet?)")]
    ProtokollkopfFehlt,
    #[error("Der Sammel-Commit ist fehlgeschlagen; die Änderung wurde nicht gespeichert")]
    NichtGespeichert,
}
