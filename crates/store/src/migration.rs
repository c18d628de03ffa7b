//! Embedded migrations per backend, applied in order, each in its own transaction.

use chrono::Utc;
use sqlx::AssertSqlSafe;

use crate::{Backend, Db, StoreFehler};

#[derive(Debug, Clone, Copy)]
pub struct Migration {
    pub version: i64,
    pub name: &'static str,
    pub sql: &'static str,
}

macro_rules! migrationen {
    ($backend:literal: $($version:literal $name:literal),* $(,)?) => {
        &[$(Migration {
            version: $version,
            name: $name,
            sql: include_str!(concat!("../migrations/", $backend, "/", $name, ".sql")),
        }),*]
    };
}

pub const SQLITE: &[Migration] = migrationen!("sqlite":
    1 "0001_zugriffsprotokoll", 2 "0002_faelle", 3 "0003_stellen", 4 "0004_dokumente", 5 "0005_lebenslauf",
    6 "0006_fakten", 7 "0007_ev_unterschriften", 9 "0009_aktivitaeten_werdegang", 10 "0010_protokoll_schluessel",
    11 "0011_zweiter_faktor", 12 "0012_kenntnis", 13 "0013_aufbewahrung",
    14 "0014_termin_zeit", 15 "0015_kunde_suchname", 16 "0016_kontopflege",
    17 "0017_auftragsweg", 18 "0018_vertretung", 19 "0019_uebergabe");
pub const POSTGRES: &[Migration] = migrationen!("postgres":
    1 "0001_zugriffsprotokoll", 2 "0002_faelle", 3 "0003_stellen", 4 "0004_dokumente", 5 "0005_lebenslauf",
    6 "0006_fakten", 7 "0007_ev_unterschriften", 9 "0009_aktivitaeten_werdegang", 10 "0010_protokoll_schluessel",
    11 "0011_zweiter_faktor", 12 "0012_kenntnis", 13 "0013_aufbewahrung",
    14 "0014_termin_zeit", 15 "0015_kunde_suchname", 16 "0016_kontopflege",
    17 "0017_auftragsweg", 18 "0018_vertretung", 19 "0019_uebergabe");

pub fn fuer(backend: Backend) -> &'static [Migration] {
    match backend {
        Backend::Sqlite => SQLITE,
        Backend::Postgres => POSTGRES,
    }
}

const TABELLE: &str = "CREATE TABLE IF NOT EXISTS schema_migration (
    version BIGINT NOT NULL PRIMARY KEY,
    name TEXT NOT NULL,
    pruefsumme TEXT NOT NULL,
    angewendet_am TIMESTAMPTZ NOT NULL
)";

/// Applies what is missing; returns the versions applied now.
pub async fn anwenden(db: &Db) -> Result<Vec<i64>, StoreFehler> {
    let mut neu = Vec::new();
    crate::mit_pool!(db, pool => {
        sqlx::query(TABELLE).execute(pool).await?;
        for m in fuer(db.backend()) {
            let mut tx = pool.begin().await?;
            if db.backend() == Backend::Postgres {
                // Two instances starting at once: the second waits, then sees the migration done.
                sqlx::query("SELECT pg_advisory_xact_lock(7420001)").execute(&mut *tx).await?;
            }
            let vorhanden: Option<(String,)> =
                sqlx::query_as("SELECT pruefsumme FROM schema_migration WHERE version = $1").bind(m.version).fetch_optional(&mut *tx).await?;
            match vorhanden {
                Some((summe,)) if summe == crate::sha256_hex(m.sql) => continue,
                Some(_) => return Err(StoreFehler::MigrationVeraendert { version: m.version, name: m.name.to_string() }),
                None => {}
            }
            sqlx::raw_sql(AssertSqlSafe(m.sql)).execute(&mut *tx).await?;
            sqlx::query("INSERT INTO schema_migration (version, name, pruefsumme, angewendet_am) VALUES ($1, $2, $3, $4)")
                .bind(m.version)
                .bind(m.name)
                .bind(crate::sha256_hex(m.sql))
                .bind(Utc::now())
                .execute(&mut *tx)
                .await?;
            tx.commit().await?;
            neu.push(m.version);
        }
    });
    Ok(neu)
}
