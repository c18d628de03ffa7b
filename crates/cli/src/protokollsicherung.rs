//! Where the access log's key and anchors live (issue 17/4), and the server's anchor writer.
//!
//! Key file: `--protokoll-schluessel`, else `VIERPHASEN_PROTOKOLL_SCHLUESSEL_DATEI`, else beside
//! the SQLite file (`<datei>.protokollschluessel`) or, for PostgreSQL, `vierphasen.protokollschluessel`
//! in the working directory. Anchor directory: `--protokoll-anker`, else
//! `VIERPHASEN_PROTOKOLL_ANKER_VERZEICHNIS`, else the key file's directory. Both belong outside
//! the database's reach and are backed up separately from it.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use clap::Args;
use vierphasen_store::Db;
use vierphasen_store::protokoll::{Schluessel, anker};

#[derive(Debug, Clone, Args)]
pub struct ProtokollArg {
    /// Schlüsseldatei des Zugriffsprotokolls (HMAC; sonst VIERPHASEN_PROTOKOLL_SCHLUESSEL_DATEI,
    /// Standard: neben der SQLite-Datei `<datei>.protokollschluessel`, bei PostgreSQL
    /// `vierphasen.protokollschluessel` im Arbeitsverzeichnis). Wird beim ersten Start angelegt.
    #[arg(long, value_name = "DATEI")]
    protokoll_schluessel: Option<PathBuf>,
    /// Verzeichnis der Ankerdatei (sonst VIERPHASEN_PROTOKOLL_ANKER_VERZEICHNIS, Standard: das
    /// Verzeichnis der Schlüsseldatei).
    #[arg(long, value_name = "VERZEICHNIS")]
    protokoll_anker: Option<PathBuf>,
}

/// The SQLite file of a `sqlite:` URL (`None` for PostgreSQL and in-memory databases).
pub fn sqlite_datei(url: &str) -> Option<PathBuf> {
    let rest = url.strip_prefix("sqlite://").or_else(|| url.strip_prefix("sqlite:"))?;
    let pfad = rest.split('?').next().unwrap_or(rest);
    (!pfad.is_empty() && !pfad.starts_with(':')).then(|| PathBuf::from(pfad))
}

impl ProtokollArg {
    pub fn schluessel_pfad(&self, url: &str) -> PathBuf {
        if let Some(p) = &self.protokoll_schluessel {
            return p.clone();
        }
        if let Some(p) = std::env::var_os("VIERPHASEN_PROTOKOLL_SCHLUESSEL_DATEI").filter(|p| !p.is_empty()) {
            return PathBuf::from(p);
        }
        match sqlite_datei(url) {
            Some(datei) => {
                let mut name = datei.file_name().unwrap_or_default().to_os_string();
                name.push(".protokollschluessel");
                datei.with_file_name(name)
            }
            None => PathBuf::from("vierphasen.protokollschluessel"),
        }
    }

    pub fn anker_verzeichnis(&self, url: &str) -> PathBuf {
        if let Some(p) = &self.protokoll_anker {
            return p.clone();
        }
        if let Some(p) = std::env::var_os("VIERPHASEN_PROTOKOLL_ANKER_VERZEICHNIS").filter(|p| !p.is_empty()) {
            return PathBuf::from(p);
        }
        match self.schluessel_pfad(url).parent() {
            Some(v) if !v.as_os_str().is_empty() => v.to_path_buf(),
            _ => PathBuf::from("."),
        }
    }

    /// The key for writing: created (0600) when missing, which is said on stderr.
    pub fn schluessel_anlegen(&self, url: &str) -> Result<Schluessel, String> {
        let pfad = self.schluessel_pfad(url);
        let (schluessel, neu) = Schluessel::laden_oder_anlegen(&pfad).map_err(|e| e.to_string())?;
        if neu {
            eprintln!(
                "Protokollschlüssel angelegt: {} (getrennt von der Datenbank aufbewahren und sichern)",
                pfad.display()
            );
        }
        Ok(schluessel)
    }

    /// The key for checking: must exist.
    pub fn schluessel_laden(&self, url: &str) -> Result<Schluessel, String> {
        Schluessel::laden(&self.schluessel_pfad(url)).map_err(|e| e.to_string())
    }

    pub fn anker_datei(&self, url: &str, schluessel: &Schluessel) -> PathBuf {
        anker::datei(&self.anker_verzeichnis(url), schluessel)
    }
}

/// When the server writes an anchor: every `minuten` if the log grew, and whenever it grew by
/// `eintraege` rows.
#[derive(Debug, Clone, Copy, Args)]
pub struct Ankertakt {
    /// Anker des Zugriffsprotokolls spätestens alle so viele Minuten (wenn es gewachsen ist).
    #[arg(long, default_value_t = 5)]
    pub anker_minuten: u64,
    /// Anker des Zugriffsprotokolls spätestens nach so vielen neuen Einträgen.
    #[arg(long, default_value_t = 10_000)]
    pub anker_eintraege: i64,
}

/// Writes an anchor at start and then as `takt` says, until aborted (the caller writes one
/// more at shutdown). Failures are logged and retried on the next tick; the log itself goes on.
pub fn anker_starten(db: Db, schluessel: Schluessel, datei: PathBuf, takt: Ankertakt) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        let mut letzte: Option<(i64, Instant)> = None;
        let mut uhr = tokio::time::interval(Duration::from_secs(5));
        let frist = Duration::from_secs(takt.anker_minuten.saturating_mul(60));
        loop {
            uhr.tick().await;
            let position = match anker::kopf(&db).await {
                Ok((p, _, _)) => p,
                Err(e) => {
                    tracing::warn!(fehler = %e, "Kopf des Zugriffsprotokolls nicht lesbar");
                    continue;
                }
            };
            let faellig = match letzte {
                None => true,
                Some((p, seit)) => {
                    position - p >= takt.anker_eintraege.max(1) || (position != p && seit.elapsed() >= frist)
                }
            };
            if faellig {
                match anker::setzen(&db, &schluessel, &datei).await {
                    Ok(a) => letzte = Some((a.position, Instant::now())),
                    Err(e) => tracing::error!(fehler = %e, "Anker des Zugriffsprotokolls nicht geschrieben"),
                }
            }
        }
    })
}

/// One anchor now (shutdown, `vierphasen audit anker`).
pub async fn anker_setzen(db: &Db, schluessel: &Schluessel, datei: &Path) -> Result<anker::Anker, String> {
    anker::setzen(db, schluessel, datei).await.map_err(|e| e.to_string())
}
