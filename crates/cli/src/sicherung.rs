//! `vierphasen backup create|verify|restore` (issue 17/5).
//!
//! SQLite: `VACUUM INTO` — one read transaction, so the copy is consistent while users write,
//! and it finishes under load (the backup API restarts whenever a page changes). PostgreSQL:
//! `pg_dump --format=custom` (a consistent snapshot) and `pg_restore`. The access log's key file
//! and anchor directory are NOT in a backup: they are kept and backed up apart from the database.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};
use std::time::Instant;

use clap::Subcommand;
use vierphasen_store::protokoll::anker;
use vierphasen_store::{Backend, Db, migration, sicherung};

use crate::datenbank::{DbArg, bericht_ausgeben, kette_pruefen, laufzeit};
use crate::protokollsicherung::sqlite_datei;

#[derive(Debug, Subcommand)]
pub enum Backup {
    /// Legt eine Sicherung an, während die Anwendung läuft (SQLite: VACUUM INTO, PostgreSQL:
    /// pg_dump). Schlüsseldatei und Ankerverzeichnis des Zugriffsprotokolls getrennt sichern.
    Create {
        /// Zieldatei (darf noch nicht existieren).
        datei: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
    /// Prüft eine Sicherung: Integrität, Schemastand und Zugriffsprotokoll (mit Schlüssel und
    /// Ankern bis zum Stand der Sicherung). Exit-Code 1, wenn etwas nicht stimmt. Eine
    /// PostgreSQL-Sicherung wird dazu in eine temporäre Datenbank auf dem Server von --database
    /// eingespielt (ohne PostgreSQL-Adresse nur ihr Inhaltsverzeichnis).
    Verify {
        datei: PathBuf,
        /// Die Datenbank, von der die Sicherung stammt (für Schlüssel und Anker, siehe
        /// --protokoll-schluessel), bei PostgreSQL auch der Server für die Prüfung.
        #[command(flatten)]
        db: DbArg,
    },
    /// Spielt eine Sicherung in eine neue Datenbank ein (leer oder nicht vorhanden; eine Datenbank
    /// mit Daten wird nie überschrieben).
    Restore {
        datei: PathBuf,
        #[command(flatten)]
        db: DbArg,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Art {
    Sqlite,
    PgDump,
}

fn art(datei: &Path) -> Result<Art, String> {
    use std::io::Read;
    let mut kopf = [0u8; 16];
    let mut f = std::fs::File::open(datei).map_err(|e| format!("Sicherung „{}“ nicht lesbar: {e}", datei.display()))?;
    let n = f.read(&mut kopf).map_err(|e| format!("Sicherung „{}“ nicht lesbar: {e}", datei.display()))?;
    if n == 16 && &kopf == b"SQLite format 3\0" {
        Ok(Art::Sqlite)
    } else if kopf.starts_with(b"PGDMP") {
        Ok(Art::PgDump)
    } else {
        Err(format!("„{}“ ist weder eine SQLite-Datenbank noch eine pg_dump-Sicherung", datei.display()))
    }
}

pub fn ausfuehren(was: Backup) -> Result<ExitCode, String> {
    match was {
        Backup::Create { datei, db } => anlegen(&datei, &db),
        Backup::Verify { datei, db } => pruefen(&datei, &db),
        Backup::Restore { datei, db } => einspielen(&datei, &db),
    }
}

/// Runs a PostgreSQL client program; a missing program is said in German.
fn programm(name: &str, argumente: &[&std::ffi::OsStr]) -> Result<Vec<u8>, String> {
    let ausgabe = Command::new(name).args(argumente).stdin(Stdio::null()).output().map_err(|e| {
        if e.kind() == std::io::ErrorKind::NotFound {
            format!("{name} nicht gefunden: bitte den PostgreSQL-Client installieren (Debian: apt install postgresql-client)")
        } else {
            format!("{name} nicht startbar: {e}")
        }
    })?;
    if !ausgabe.status.success() {
        return Err(format!("{name} fehlgeschlagen: {}", String::from_utf8_lossy(&ausgabe.stderr).trim()));
    }
    Ok(ausgabe.stdout)
}

/// A temporary path beside `ziel`, renamed into place when complete (no half backup under the
/// final name).
fn teil(ziel: &Path) -> PathBuf {
    let mut name = ziel.file_name().unwrap_or_default().to_os_string();
    name.push(".teil");
    ziel.with_file_name(name)
}

fn fertigstellen(teil: &Path, ziel: &Path) -> Result<(), String> {
    let f = std::fs::File::open(teil).map_err(|e| e.to_string())?;
    f.sync_all().map_err(|e| format!("Sicherung nicht auf die Platte geschrieben: {e}"))?;
    std::fs::rename(teil, ziel).map_err(|e| format!("„{}“ nicht umbenennbar: {e}", teil.display()))
}

fn groesse(datei: &Path) -> String {
    let bytes = std::fs::metadata(datei).map(|m| m.len()).unwrap_or(0);
    format!("{:.1} MB", bytes as f64 / 1e6)
}

fn anlegen(ziel: &Path, arg: &DbArg) -> Result<ExitCode, String> {
    if ziel.exists() {
        return Err(format!("„{}“ gibt es schon; eine Sicherung überschreibt nichts", ziel.display()));
    }
    let url = arg.url();
    let start = Instant::now();
    let teil = teil(ziel);
    let _ = std::fs::remove_file(&teil);
    if let Some(quelle) = sqlite_datei(&url) {
        if !quelle.exists() {
            return Err(format!("Datenbank „{}“ gibt es nicht", quelle.display()));
        }
        laufzeit()?.block_on(async {
            let db = Db::verbinden(&url).await.map_err(|e| e.to_string())?;
            let ergebnis = sicherung::sqlite_kopieren(&db, &teil).await.map_err(|e| e.to_string());
            db.schliessen().await;
            ergebnis
        })?;
    } else if url.starts_with("postgres") {
        programm(
            "pg_dump",
            &["--format=custom".as_ref(), "--file".as_ref(), teil.as_os_str(), "--dbname".as_ref(), url.as_ref()],
        )?;
    } else {
        return Err(format!("Datenbankadresse „{url}“ wird nicht unterstützt"));
    }
    fertigstellen(&teil, ziel)?;
    println!("Sicherung angelegt: {} ({}, {:.1} s).", ziel.display(), groesse(ziel), start.elapsed().as_secs_f64());
    println!(
        "Nicht darin und getrennt zu sichern: Protokollschlüssel {} und Ankerverzeichnis {}.",
        arg.protokoll.schluessel_pfad(&url).display(),
        arg.protokoll.anker_verzeichnis(&url).display()
    );
    Ok(ExitCode::SUCCESS)
}

/// Schema version of the backup against this program; `false` if it is newer.
fn schemastand_ausgeben(stand: Option<i64>, backend: Backend) -> bool {
    let bekannt = sicherung::bekannter_schemastand(backend);
    match stand {
        None => {
            println!("Schemastand: keine Migrationstabelle (keine vierphasen-Datenbank)");
            false
        }
        Some(s) if s == bekannt => {
            println!("Schemastand: {s} (aktuell)");
            true
        }
        Some(s) if s < bekannt => {
            println!("Schemastand: {s} (älter als dieses Programm mit {bekannt}; wird beim Start migriert)");
            true
        }
        Some(s) => {
            println!("Schemastand: {s} (NEUER als dieses Programm mit {bekannt}; mit dieser Version nicht einspielen)");
            false
        }
    }
}

/// Integrity, schema version and access log of a restored copy `db` (migrated first if older,
/// so the chain can be read). `true` when all is well.
async fn datenbank_pruefen(db: &Db, arg: &DbArg) -> Result<bool, String> {
    let fehler = sicherung::integritaet(db).await.map_err(|e| e.to_string())?;
    let mut gut = fehler.is_empty();
    match fehler.as_slice() {
        [] => println!("Integrität: in Ordnung"),
        f => println!("Integrität: FEHLER: {}", f.join("; ")),
    }
    let stand = sicherung::schemastand(db).await.map_err(|e| e.to_string())?;
    if !schemastand_ausgeben(stand, db.backend()) {
        return Ok(false);
    }
    migration::anwenden(db).await.map_err(|e| e.to_string())?;
    let url = arg.url();
    let schluessel = arg.protokoll.schluessel_laden(&url)?;
    let datei = arg.protokoll.anker_datei(&url, &schluessel);
    let bericht = kette_pruefen(db, &schluessel, &datei, true).await?;
    gut &= bericht_ausgeben(&bericht);
    Ok(gut)
}

fn pruefen(datei: &Path, arg: &DbArg) -> Result<ExitCode, String> {
    let gut = match art(datei)? {
        Art::Sqlite => {
            // Checked on a copy: the backup itself stays untouched (migrations, WAL files).
            let kopie = std::env::temp_dir().join(format!("vierphasen_pruefung_{}.db", vierphasen_store::eindeutig()));
            std::fs::copy(datei, &kopie).map_err(|e| format!("Kopie zur Prüfung: {e}"))?;
            let ergebnis = laufzeit()?.block_on(async {
                let db = Db::verbinden(&format!("sqlite://{}", kopie.display())).await.map_err(|e| e.to_string())?;
                let gut = datenbank_pruefen(&db, arg).await;
                db.schliessen().await;
                gut
            });
            for endung in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{endung}", kopie.display()));
            }
            ergebnis?
        }
        Art::PgDump => {
            programm("pg_restore", &["--list".as_ref(), datei.as_os_str()])?;
            println!("pg_restore --list: Inhaltsverzeichnis lesbar");
            let url = arg.url();
            if !url.starts_with("postgres") {
                println!(
                    "Nur das Inhaltsverzeichnis geprüft: für die vollständige Prüfung --database postgres://… angeben \
                     (die Sicherung wird dort in eine temporäre Datenbank eingespielt)."
                );
                true
            } else {
                let tmp =
                    sicherung::pg_mit_name(&url, &format!("vierphasen_pruefung_{}", vierphasen_store::eindeutig()))
                        .map_err(|e| e.to_string())?;
                laufzeit()?.block_on(async {
                    sicherung::pg_anlegen(&tmp).await.map_err(|e| e.to_string())?;
                    let ergebnis = async {
                        programm(
                            "pg_restore",
                            &[
                                "--no-owner".as_ref(),
                                "--exit-on-error".as_ref(),
                                "--dbname".as_ref(),
                                tmp.as_ref(),
                                datei.as_os_str(),
                            ],
                        )?;
                        println!("pg_restore: in eine temporäre Datenbank eingespielt");
                        let db = Db::verbinden_mit(&tmp, 2).await.map_err(|e| e.to_string())?;
                        let gut = datenbank_pruefen(&db, arg).await;
                        db.schliessen().await;
                        gut
                    }
                    .await;
                    let _ = sicherung::pg_loeschen(&tmp).await;
                    ergebnis
                })?
            }
        }
    };
    println!("{}", if gut { "Sicherung in Ordnung." } else { "Sicherung FEHLERHAFT." });
    Ok(if gut { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

fn nicht_leer(ziel: &str) -> String {
    format!(
        "Die Datenbank „{ziel}“ ist nicht leer; eine Sicherung wird nur in eine neue oder leere Datenbank \
         eingespielt (es wurde nichts verändert)"
    )
}

fn einspielen(datei: &Path, arg: &DbArg) -> Result<ExitCode, String> {
    let url = arg.url();
    let start = Instant::now();
    match (art(datei)?, sqlite_datei(&url)) {
        (Art::Sqlite, Some(ziel)) => {
            if ziel.exists() && std::fs::metadata(&ziel).map(|m| m.len()).unwrap_or(0) > 0 {
                let leer = laufzeit()?.block_on(async {
                    let db = Db::verbinden(&url).await.map_err(|e| e.to_string())?;
                    let leer = sicherung::ist_leer(&db).await.map_err(|e| e.to_string());
                    db.schliessen().await;
                    leer
                })?;
                if !leer {
                    return Err(nicht_leer(&url));
                }
            }
            for endung in ["-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{endung}", ziel.display()));
            }
            let teil = teil(&ziel);
            std::fs::copy(datei, &teil).map_err(|e| format!("„{}“ nicht schreibbar: {e}", teil.display()))?;
            fertigstellen(&teil, &ziel)?;
        }
        (Art::PgDump, None) if url.starts_with("postgres") => {
            laufzeit()?.block_on(async {
                sicherung::pg_anlegen(&url).await.map_err(|e| e.to_string())?;
                let db = Db::verbinden_mit(&url, 1).await.map_err(|e| e.to_string())?;
                let leer = sicherung::ist_leer(&db).await.map_err(|e| e.to_string());
                db.schliessen().await;
                if leer? { Ok(()) } else { Err(nicht_leer(&url)) }
            })?;
            programm(
                "pg_restore",
                &[
                    "--no-owner".as_ref(),
                    "--exit-on-error".as_ref(),
                    "--dbname".as_ref(),
                    url.as_ref(),
                    datei.as_os_str(),
                ],
            )?;
        }
        (Art::Sqlite, None) => {
            return Err(
                "Eine SQLite-Sicherung wird in eine SQLite-Datenbank eingespielt (--database sqlite://…)".into()
            );
        }
        (Art::PgDump, _) => {
            return Err(
                "Eine pg_dump-Sicherung wird in eine PostgreSQL-Datenbank eingespielt (--database postgres://…)".into(),
            );
        }
    }
    let (stand, position) = laufzeit()?.block_on(async {
        let db = Db::verbinden(&url).await.map_err(|e| e.to_string())?;
        let stand = sicherung::schemastand(&db).await.map_err(|e| e.to_string());
        let position = anker::kopf(&db).await.map(|(p, _, _)| p).ok();
        db.schliessen().await;
        Ok::<_, String>((stand?, position))
    })?;
    println!(
        "Sicherung eingespielt in {url} ({:.1} s, Schemastand {}).",
        start.elapsed().as_secs_f64(),
        stand.map_or("unbekannt".into(), |s| s.to_string())
    );
    // Anchors written after the backup was taken name rows the restored database never had.
    if let (Some(position), Ok(schluessel)) = (position, arg.protokoll.schluessel_laden(&url)) {
        let datei = arg.protokoll.anker_datei(&url, &schluessel);
        if anker::lesen(&datei, &schluessel).is_ok_and(|alle| alle.iter().any(|a| a.position > position)) {
            println!(
                "Hinweis: {} enthält Anker nach Eintrag {position} des Zugriffsprotokolls (nach der Sicherung \
                 geschrieben). Wird die wiederhergestellte Datenbank weiterbetrieben, diese Ankerdatei vorher \
                 archivieren (umbenennen), sonst meldet `audit verify` die verlorenen Einträge als gelöscht.",
                datei.display()
            );
        }
    }
    Ok(ExitCode::SUCCESS)
}
