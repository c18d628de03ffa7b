//! `vierphasen import stellen FILE`: Stellenangebote from the BA job search JSON or our CSV
//! (§8.4). All or nothing: any bad entry imports nothing and is reported with its line.

use std::process::ExitCode;

use clap::Subcommand;

use crate::datenbank::{DbArg, app, laufzeit};

#[derive(Debug, Subcommand)]
pub enum Import {
    /// Stellenangebote aus einer Datei (.json: BA-Jobsuche, Format „jobdetails“; .csv: siehe README).
    /// Erneuter Import derselben Referenznummer aktualisiert die Stelle. Exit-Code 2 bei Fehlern.
    Stellen {
        datei: String,
        #[command(flatten)]
        db: DbArg,
    },
}

pub fn ausfuehren(was: Import) -> Result<ExitCode, String> {
    let Import::Stellen { datei, db } = was;
    let text = std::fs::read_to_string(&datei).map_err(|e| format!("{datei}: {e}"))?;
    laufzeit()?.block_on(async {
        let app = app(&db).await?;
        let ergebnis = app.stellen_importieren(&datei, &text).await;
        app.db.schliessen().await;
        match ergebnis {
            Ok(b) => {
                println!(
                    "{datei}: {} neu, {} aktualisiert, {} unverändert ({} Stellen im Matching)",
                    b.neu,
                    b.geaendert,
                    b.unveraendert,
                    app.matching.stellen.anzahl()
                );
                Ok(ExitCode::SUCCESS)
            }
            Err(fehler) => {
                eprintln!("{datei}: nichts importiert, {} fehlerhafte Einträge:", fehler.len());
                for f in &fehler {
                    eprintln!("  {f}");
                }
                Ok(ExitCode::from(2))
            }
        }
    })
}
