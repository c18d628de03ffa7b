//! `vierphasen import stellen FILE [--teilweise]`: Stellenangebote from the BA job search JSON or
//! our CSV (§8.4). All or nothing by default: any bad entry imports nothing and is reported with
//! its line; `--teilweise` imports the valid entries and reports the others.

use std::process::ExitCode;

use clap::Subcommand;

use crate::datenbank::{DbArg, app, laufzeit};

#[derive(Debug, Subcommand)]
pub enum Import {
    /// Stellenangebote aus einer Datei (.json: BA-Jobsuche, Stellendetails oder Trefferliste
    /// /pc/v6/jobs; .csv: siehe README). Erneuter Import derselben Referenznummer aktualisiert die
    /// Stelle. Exit-Code 2 bei Fehlern (nichts importiert), mit --teilweise 1 (gültige importiert).
    Stellen {
        datei: String,
        /// Die gültigen Einträge importieren und die fehlerhaften melden, statt alles abzulehnen.
        #[arg(long)]
        teilweise: bool,
        #[command(flatten)]
        db: DbArg,
    },
}

pub fn ausfuehren(was: Import) -> Result<ExitCode, String> {
    let Import::Stellen { datei, teilweise, db } = was;
    let text = std::fs::read_to_string(&datei).map_err(|e| format!("{datei}: {e}"))?;
    laufzeit()?.block_on(async {
        let app = app(&db).await?;
        let ergebnis = if teilweise {
            app.stellen_teilweise_importieren(&datei, &text).await
        } else {
            app.stellen_importieren(&datei, &text).await
        };
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
                if b.abgewiesen.is_empty() {
                    return Ok(ExitCode::SUCCESS);
                }
                eprintln!("{datei}: Einträge mit Fehlern nicht importiert ({} Fehler):", b.abgewiesen.len());
                for f in &b.abgewiesen {
                    eprintln!("  {f}");
                }
                Ok(ExitCode::from(1))
            }
            Err(fehler) => {
                eprintln!("{datei}: nichts importiert, {} Fehler:", fehler.len());
                for f in &fehler {
                    eprintln!("  {f}");
                }
                Ok(ExitCode::from(2))
            }
        }
    })
}
