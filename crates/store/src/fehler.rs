/// What can go wrong in the store; messages are German because operators read them. They name
/// tables, columns and constraints, never stored values.
#[derive(Debug, thiserror::Error)]
pub enum StoreFehler {
    #[error("Datenbankadresse „{0}“ wird nicht unterstützt (erwartet sqlite://… oder postgres://…)")]
    UnbekannteAdresse(String),
    /// The database is not reachable right now (connection, pool, lock, serialization): nothing
    /// was changed and the same request may succeed in a moment.
    #[error("Datenbank nicht erreichbar: {0}")]
    NichtErreichbar(#[source] sqlx::Error),
    /// A UNIQUE constraint refused a row. The key is `tabelle.spalte_spalte` (the constrained
    /// columns joined by `_`), the same on both backends, e.g. `team.dienststelle_id_name`.
    #[error("Eindeutigkeit verletzt: {0}")]
    Eindeutig(String),
    /// Anything else the database answered: a bug of ours (SQL, types, schema).
    #[error("Datenbank: {0}")]
    Datenbank(#[source] sqlx::Error),
    #[error("Migration {version} ({name}) wurde nach dem Anwenden verändert; Migrationen sind unveränderlich")]
    MigrationVeraendert { version: i64, name: String },
    #[error("Kopfzeile des Zugriffsprotokolls fehlt (Migration 1 nicht angewendet?)")]
    ProtokollkopfFehlt,
    #[error("Der Sammel-Commit ist fehlgeschlagen; die Änderung wurde nicht gespeichert")]
    NichtGespeichert,
    #[error(transparent)]
    Protokollschluessel(#[from] crate::protokoll::schluessel::SchluesselFehler),
    #[error("Ankerdatei des Zugriffsprotokolls {0}")]
    Ankerdatei(String),
    #[error("Sicherung: {0}")]
    Sicherung(String),
}

impl StoreFehler {
    /// Whether the same request may succeed in a moment (503 rather than 500).
    pub fn voruebergehend(&self) -> bool {
        matches!(self, StoreFehler::NichtErreichbar(_) | StoreFehler::NichtGespeichert)
    }
}

impl From<sqlx::Error> for StoreFehler {
    fn from(e: sqlx::Error) -> Self {
        if let Some(schluessel) = eindeutig_schluessel(&e) {
            return StoreFehler::Eindeutig(schluessel);
        }
        let voruebergehend = match &e {
            sqlx::Error::PoolTimedOut
            | sqlx::Error::PoolClosed
            | sqlx::Error::Io(_)
            | sqlx::Error::Tls(_)
            | sqlx::Error::WorkerCrashed => true,
            // PostgreSQL: serialization failure, deadlock, connection exceptions (class 08),
            // too many connections, shutdown; SQLite: BUSY, LOCKED.
            sqlx::Error::Database(d) => d.code().is_some_and(|c| {
                matches!(c.as_ref(), "40001" | "40P01" | "53300" | "57P01" | "57P03" | "5" | "6" | "517" | "262")
                    || c.starts_with("08")
            }),
            _ => false,
        };
        if voruebergehend { StoreFehler::NichtErreichbar(e) } else { StoreFehler::Datenbank(e) }
    }
}

/// `tabelle.spalten` of a unique violation. SQLite says "UNIQUE constraint failed: team.dienststelle_id,
/// team.name"; PostgreSQL names the constraint `team_dienststelle_id_name_key` of table `team`.
fn eindeutig_schluessel(e: &sqlx::Error) -> Option<String> {
    let d = e.as_database_error()?;
    if !d.is_unique_violation() {
        return None;
    }
    if let Some(spalten) = d.message().strip_prefix("UNIQUE constraint failed: ") {
        let mut tabelle = "";
        let namen: Vec<&str> = spalten
            .split(", ")
            .filter_map(|s| s.split_once('.'))
            .map(|(t, s)| {
                tabelle = t;
                s
            })
            .collect();
        return Some(format!("{tabelle}.{}", namen.join("_")));
    }
    let tabelle = d.table()?;
    let spalten = d.constraint()?.strip_prefix(tabelle)?.strip_prefix('_')?.strip_suffix("_key")?;
    Some(format!("{tabelle}.{spalten}"))
}
