//! `vierphasen migrate` and `vierphasen audit verify|anker`: the commands that touch the database.

use std::process::ExitCode;

use clap::{Args, Subcommand};
use vierphasen_store::protokoll::{Pruefbericht, Pruefung, anker};
use vierphasen_store::{Db, migration, protokoll};

use crate::protokollsicherung::{ProtokollArg, anker_setzen};

#[derive(Debug, Args)]
pub struct DbArg {
    /// Datenbank: sqlite://datei.db oder postgres://… (sonst VIERPHASEN_DATABASE_URL,
    /// Standard sqlite://vierphasen.db).
    #[arg(long)]
    database: Option<String>,
    #[command(flatten)]
    pub protokoll: ProtokollArg,
}

impl DbArg {
    pub fn url(&self) -> String {
        self.database
            .clone()
            .or_else(|| std::env::var("VIERPHASEN_DATABASE_URL").ok())
            .unwrap_or_else(|| "sqlite://vierphasen.db".to_string())
    }
}

#[derive(Debug, Subcommand)]
pub enum Audit {
    /// Prüft die Kette des Zugriffsprotokolls mit dem Protokollschlüssel und gegen die Anker;
    /// Exit-Code 1, wenn sie gebrochen ist.
    Verify {
        #[command(flatten)]
        db: DbArg,
    },
    /// Schreibt jetzt einen Anker (Position, Kopf-Hash, Zeit) in die Ankerdatei.
    Anker {
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

/// The application on the database (`App::starten_mit` applies the migrations), its access log
/// keyed with the key file (created when missing).
pub(crate) async fn app(arg: &DbArg) -> Result<vierphasen_app::App, String> {
    let url = arg.url();
    let schluessel = arg.protokoll.schluessel_anlegen(&url)?;
    let db = Db::verbinden(&url).await.map_err(|e| e.to_string())?;
    vierphasen_app::App::starten_mit(db, schluessel).await.map_err(|e| e.to_string())
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
        Audit::Verify { db: arg } => laufzeit()?.block_on(async {
            let url = arg.url();
            let schluessel = arg.protokoll.schluessel_laden(&url)?;
            let datei = arg.protokoll.anker_datei(&url, &schluessel);
            let db = verbinden(&arg).await?;
            let ergebnis = kette_pruefen(&db, &schluessel, &datei, false).await;
            db.schliessen().await;
            let bericht = ergebnis?;
            Ok(if bericht_ausgeben(&bericht) { ExitCode::SUCCESS } else { ExitCode::from(1) })
        }),
        Audit::Anker { db: arg } => laufzeit()?.block_on(async {
            let url = arg.url();
            let schluessel = arg.protokoll.schluessel_laden(&url)?;
            let datei = arg.protokoll.anker_datei(&url, &schluessel);
            let db = verbinden(&arg).await?;
            let anker = anker_setzen(&db, &schluessel, &datei).await;
            db.schliessen().await;
            let a = anker?;
            println!("Anker geschrieben: Position {} ({}) in {}", a.position, a.zeit_text(), datei.display());
            Ok(ExitCode::SUCCESS)
        }),
    }
}

/// Checks the chain with the key and the anchors of `datei` (`nur_bis_kopf`: a backup, see
/// `Pruefung`). A forged anchor file is an error.
pub(crate) async fn kette_pruefen(
    db: &Db,
    schluessel: &protokoll::Schluessel,
    datei: &std::path::Path,
    nur_bis_kopf: bool,
) -> Result<Pruefbericht, String> {
    let alle = anker::lesen(datei, schluessel).map_err(|e| e.to_string())?;
    protokoll::pruefen_mit(db, Pruefung { schluessel, anker: &alle, nur_bis_kopf }).await.map_err(|e| e.to_string())
}

/// Prints the result in German; `true` when intact.
pub(crate) fn bericht_ausgeben(bericht: &Pruefbericht) -> bool {
    let anker = match &bericht.letzter_anker {
        None => "keine Anker gefunden (Kürzung am Ende ist so nicht erkennbar)".to_string(),
        Some(a) => format!(
            "{} Anker bestätigt, der letzte bei Eintrag {} vom {}",
            bericht.anker_geprueft,
            a.position,
            a.zeit_text()
        ),
    };
    let spaeter = match bericht.anker_spaeter {
        0 => String::new(),
        n => format!("; {n} neuere Anker nach dem Stand der Sicherung nicht herangezogen"),
    };
    let beginn = match bericht.beginn_ab {
        1 => String::new(),
        n => format!(" ab Eintrag {n} (die älteren hat ein Löschlauf nach Frist gelöscht)"),
    };
    match &bericht.bruch {
        None => {
            println!(
                "Zugriffsprotokoll intakt: {} Einträge{beginn}, Hash-Kette vollständig (HMAC ab Eintrag {}); {anker}{spaeter}.",
                bericht.eintraege, bericht.hmac_ab
            );
            true
        }
        Some((id, grund)) => {
            println!(
                "Zugriffsprotokoll GEBROCHEN bei Eintrag {id}: {grund}. {} Einträge davor sind intakt.",
                bericht.eintraege
            );
            false
        }
    }
}
