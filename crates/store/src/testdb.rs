//! Fresh databases per test: SQLite always, PostgreSQL when `TEST_DATABASE_URL` is set.

use crate::{Db, eindeutig};

#[derive(Debug)]
pub struct Testdb {
    pub name: &'static str,
    pub db: Db,
    aufraeumen: Option<(String, String)>,
    datei: Option<std::path::PathBuf>,
}

/// SQLite in a temporary file, plus PostgreSQL in a database of its own when configured.
#[allow(clippy::expect_used, clippy::panic)]
pub async fn datenbanken() -> Vec<Testdb> {
    let mut alle = Vec::new();
    let pfad = std::env::temp_dir().join(format!("vierphasen_test_{}.db", eindeutig()));
    let db = Db::verbinden(&format!("sqlite://{}", pfad.display())).await.expect("SQLite-Testdatenbank");
    alle.push(Testdb { name: "sqlite", db, aufraeumen: None, datei: Some(pfad) });
    if let Ok(basis) = std::env::var("TEST_DATABASE_URL") {
        let name = format!("vierphasen_test_{}", eindeutig());
        let verwaltung = Db::verbinden(&basis).await.expect("TEST_DATABASE_URL erreichbar");
        if let Db::Postgres(p) = &verwaltung {
            // Concurrent CREATE DATABASE can collide on the template ("being accessed by other
            // users"); tests start many at once, so try again briefly.
            let mut versuch = 0;
            while let Err(e) = sqlx::raw_sql(sqlx::AssertSqlSafe(format!("CREATE DATABASE {name}"))).execute(p).await {
                versuch += 1;
                assert!(versuch < 20, "CREATE DATABASE: {e}");
                tokio::time::sleep(std::time::Duration::from_millis(50 * versuch)).await;
            }
        }
        let url = match basis.rsplit_once('/') {
            Some((vorne, _)) => format!("{vorne}/{name}"),
            None => panic!("TEST_DATABASE_URL ohne Datenbanknamen"),
        };
        let db = Db::verbinden_mit(&url, 4).await.expect("Testdatenbank");
        verwaltung.schliessen().await;
        alle.push(Testdb { name: "postgres", db, aufraeumen: Some((basis, name)), datei: None });
    }
    alle
}

impl Testdb {
    /// Drops the PostgreSQL test database, removes the SQLite files.
    pub async fn aufraeumen(self) {
        self.db.schliessen().await;
        if let Some(pfad) = &self.datei {
            for endung in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{endung}", pfad.display()));
            }
        }
        if let Some((basis, name)) = self.aufraeumen
            && let Ok(Db::Postgres(p)) = Db::verbinden(&basis).await
        {
            let _ = sqlx::raw_sql(sqlx::AssertSqlSafe(format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)")))
                .execute(&p)
                .await;
        }
    }
}
