//! Choosing the backend once, from the URL.

use std::str::FromStr;
use std::time::Duration;

use sqlx::postgres::{PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous};

use crate::StoreFehler;

#[derive(Debug, Clone)]
pub enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl Db {
    /// `sqlite://datei.db` (created when missing) or `postgres://…`.
    pub async fn verbinden(url: &str) -> Result<Db, StoreFehler> {
        Db::verbinden_mit(url, 16).await
    }

    /// As `verbinden`, with at most `verbindungen` PostgreSQL connections (tests run many
    /// databases side by side on one server).
    pub async fn verbinden_mit(url: &str, verbindungen: u32) -> Result<Db, StoreFehler> {
        if url.starts_with("sqlite:") {
            let optionen = SqliteConnectOptions::from_str(url)?
                .create_if_missing(true)
                .journal_mode(SqliteJournalMode::Wal)
                // Every commit durable (B3); throughput comes from batching writes per commit.
                .synchronous(SqliteSynchronous::Full)
                .foreign_keys(true)
                .busy_timeout(Duration::from_secs(5));
            let pool = SqlitePoolOptions::new().max_connections(8).connect_with(optionen).await?;
            Ok(Db::Sqlite(pool))
        } else if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let pool = PgPoolOptions::new()
                .max_connections(verbindungen)
                .acquire_timeout(Duration::from_secs(10))
                .connect(url)
                .await?;
            Ok(Db::Postgres(pool))
        } else {
            Err(StoreFehler::UnbekannteAdresse(url.to_string()))
        }
    }

    pub fn backend(&self) -> Backend {
        match self {
            Db::Sqlite(_) => Backend::Sqlite,
            Db::Postgres(_) => Backend::Postgres,
        }
    }

    pub async fn schliessen(&self) {
        crate::mit_pool!(self, p => p.close().await)
    }
}
