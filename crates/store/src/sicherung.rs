//! The database side of backups (issue 17/5): an online SQLite copy with `VACUUM INTO`, the
//! checks of a backup (integrity, schema version) and whether a restore target is empty.
//! Running `pg_dump`/`pg_restore` is the command line's business.

use std::path::Path;

use sqlx::AssertSqlSafe;

use crate::{Backend, Db, StoreFehler};

/// A consistent copy of a live SQLite database: one read transaction, so writers go on while it
/// runs (unlike the backup API, which restarts whenever a page changes). `ziel` must not exist.
pub async fn sqlite_kopieren(db: &Db, ziel: &Path) -> Result<(), StoreFehler> {
    let Db::Sqlite(p) = db else {
        return Err(StoreFehler::Sicherung("VACUUM INTO gibt es nur bei SQLite".into()));
    };
    let ziel = ziel.to_str().ok_or_else(|| StoreFehler::Sicherung("Zielpfad ist kein gültiger Text".into()))?;
    sqlx::query("VACUUM INTO $1").bind(ziel).execute(p).await?;
    Ok(())
}

/// `PRAGMA integrity_check` of SQLite: empty when the file is sound, else what it found.
pub async fn integritaet(db: &Db) -> Result<Vec<String>, StoreFehler> {
    let Db::Sqlite(p) = db else { return Ok(Vec::new()) };
    let zeilen: Vec<(String,)> = sqlx::query_as("PRAGMA integrity_check").fetch_all(p).await?;
    Ok(zeilen.into_iter().map(|(z,)| z).filter(|z| z != "ok").collect())
}

/// The highest migration applied (`None`: no schema at all).
pub async fn schemastand(db: &Db) -> Result<Option<i64>, StoreFehler> {
    let tabelle = match db.backend() {
        Backend::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migration'",
        Backend::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema() AND table_name = 'schema_migration'"
        }
    };
    let (da,): (i64,) = crate::mit_pool!(db, p => sqlx::query_as(tabelle).fetch_one(p).await?);
    if da == 0 {
        return Ok(None);
    }
    let (stand,): (Option<i64>,) =
        crate::mit_pool!(db, p => sqlx::query_as("SELECT MAX(version) FROM schema_migration").fetch_one(p).await?);
    Ok(stand)
}

/// The highest migration this program knows.
pub fn bekannter_schemastand(backend: Backend) -> i64 {
    crate::migration::fuer(backend).last().map_or(0, |m| m.version)
}

/// Whether the database has no tables (a restore goes only into such a one).
pub async fn ist_leer(db: &Db) -> Result<bool, StoreFehler> {
    let sql = match db.backend() {
        Backend::Sqlite => "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table'",
        Backend::Postgres => {
            "SELECT COUNT(*) FROM information_schema.tables WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
        }
    };
    let (anzahl,): (i64,) = crate::mit_pool!(db, p => sqlx::query_as(sql).fetch_one(p).await?);
    Ok(anzahl == 0)
}

/// The same server address with another database: `postgres://…/name?…` → `…/anders?…`.
pub fn pg_mit_name(url: &str, anders: &str) -> Result<String, StoreFehler> {
    let (ohne_parameter, parameter) = match url.split_once('?') {
        Some((u, p)) => (u, format!("?{p}")),
        None => (url, String::new()),
    };
    let (vorne, _) = ohne_parameter
        .rsplit_once('/')
        .filter(|(vorne, _)| !vorne.ends_with('/'))
        .ok_or_else(|| StoreFehler::Sicherung(format!("PostgreSQL-Adresse ohne Datenbanknamen: {url}")))?;
    Ok(format!("{vorne}/{anders}{parameter}"))
}

/// Splits `postgres://…/name?…` into the URL of the server's `postgres` database and `name`.
pub fn pg_verwaltung(url: &str) -> Result<(String, String), StoreFehler> {
    let ohne_parameter = url.split('?').next().unwrap_or(url);
    let name = ohne_parameter.rsplit_once('/').map(|(_, n)| n).unwrap_or_default();
    if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return Err(StoreFehler::Sicherung(format!(
            "Datenbankname „{name}“ in {url}: erlaubt sind nur Buchstaben, Ziffern und _"
        )));
    }
    Ok((pg_mit_name(url, "postgres")?, name.to_string()))
}

/// Creates the PostgreSQL database of `url` when it does not exist; `true` if created now.
pub async fn pg_anlegen(url: &str) -> Result<bool, StoreFehler> {
    let (verwaltung, name) = pg_verwaltung(url)?;
    let db = Db::verbinden_mit(&verwaltung, 1).await?;
    let Db::Postgres(p) = &db else { return Err(StoreFehler::UnbekannteAdresse(url.into())) };
    let da: Option<(i32,)> =
        sqlx::query_as("SELECT 1 FROM pg_database WHERE datname = $1").bind(&name).fetch_optional(p).await?;
    if da.is_none() {
        // The name was checked to be [A-Za-z0-9_] above.
        sqlx::raw_sql(AssertSqlSafe(format!("CREATE DATABASE \"{name}\""))).execute(p).await?;
    }
    db.schliessen().await;
    Ok(da.is_none())
}

/// Drops the PostgreSQL database of `url` (a temporary one of `backup verify`).
pub async fn pg_loeschen(url: &str) -> Result<(), StoreFehler> {
    let (verwaltung, name) = pg_verwaltung(url)?;
    let db = Db::verbinden_mit(&verwaltung, 1).await?;
    if let Db::Postgres(p) = &db {
        sqlx::raw_sql(AssertSqlSafe(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)"))).execute(p).await?;
    }
    db.schliessen().await;
    Ok(())
}
