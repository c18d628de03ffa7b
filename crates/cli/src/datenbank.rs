//! `vierphasen migrate` and `vierphasen audit verify`: the commands that touch the database.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use vierphasen_store::{Db, migration, protokoll};

#[derive(Debug, Args)]
pub struct DbArg {
    /// Datenbank: sqlite://datei.db oder postgres://… (sonst VIERPHASEN_DATABASE_URL,
    /// Standard sqlite://vierphasen.db).
    #[arg(long)]
    database: Option<String>,
}

impl DbArg {
    fn url(&self) -> String {
        self.database
            .clone()
            .or_else(|| std::env::var("VIERPHASEN_DATABASE_URL").ok())
            .unwrap_or_else(|| "sqlite://vierphasen.db".to_string())
    }
}

#[derive(Debug, Subcommand)]
pub enum Audit {
    /// Prüft die Hash-Kette des Zugriffsprotokolls; Exit-Code 1, wenn sie gebrochen ist.
    Verify {
        #[command(flatten)]
        db: DbArg,
    },
}

pub(crate) fn laufzeit() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| format!("Laufzeit: {e}"))
}

async fn verbinden(arg: &DbArg) -> Result<Db, String> {
    let db = Db::verbinden(&arg.url()).await.map_err(|e| e.to_string())?;
    migration::anwenden(&db).await.map_err(|e| e.to_string())?;
    Ok(db)
}

/// The application on the database (`App::starten` applies the migrations).
pub(crate) async fn app(arg: &DbArg) -> Result<vierphasen_app::App, String> {
    let db = Db::verbinden(&arg.url()).await.map_err(|e| e.to_string())?;
    vierphasen_app::App::starten(db).await.map_err(|e| e.to_string())
}

pub fn migrieren(arg: &DbArg) -> Result<ExitCode, String> {
    laufzeit()?.block_on(async {
        let db = Db::verbinden(&arg.url()).await.map_err(|e| e.to_string())?;
        let neu = migration::anwenden(&db).await.map_err(|e| e.to_string())?;
        match neu.as_slice() {
            [] => println!("Datenbank ist aktuell."),
            v => println!("Migrationen angewendet: {v:?}"),
        }
        db.schliessen().await;
        Ok(ExitCode::SUCCESS)
    })
}

pub fn audit(was: Audit) -> Result<ExitCode, String> {
    match was {
        Audit::Verify { db } => laufzeit()?.block_on(async {
            let db = verbinden(&db).await?;
            let bericht = protokoll::pruefen(&db).await.map_err(|e| e.to_string())?;
            db.schliessen().await;
            match bericht.bruch {
                None => {
                    println!("Zugriffsprotokoll intakt: {} Einträge, Hash-Kette vollständig.", bericht.eintraege);
                    Ok(ExitCode::SUCCESS)
                }
                Some((id, grund)) => {
                    println!(
                        "Zugriffsprotokoll GEBROCHEN bei Eintrag {id}: {grund}. {} Einträge davor sind intakt.",
                        bericht.eintraege
                    );
                    Ok(ExitCode::from(1))
                }
            }
        }),
    }
}
