//! `vierphasen` — the command line of the 4-Phasen-Modell.

mod aufbewahrung;
mod datenbank;
mod dienst;
mod import;
mod katalog_ausgabe;
mod protokollsicherung;
mod sicherung;

use std::io::Read;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use vierphasen_domain::{Katalog, einlesen, pruefen};

/// mimalloc: the Fallprüfung allocates many small strings; glibc malloc cost ~15 % of the time.
#[global_allocator]
static ALLOKATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[derive(Debug, Parser)]
#[command(name = "vierphasen", version, about = "4-Phasen-Modell der Integrationsarbeit")]
struct Cli {
    #[command(subcommand)]
    befehl: Befehl,
}

#[derive(Debug, Subcommand)]
enum Befehl {
    /// Prüft eine Fallakte (JSON) gegen alle Regeln und gibt das Ergebnis als JSON aus.
    /// Exit-Code 0: keine Fehler, 1: Befunde mit Schwere „fehler“, 2: ungültige Eingabe.
    Pruefen {
        /// Pfad zur Fallakte oder `-` für die Standardeingabe.
        datei: String,
        /// Stichtag JJJJ-MM-TT (Standard: heute).
        #[arg(long)]
        stichtag: Option<String>,
    },
    /// Gibt den Katalog aus (Schlüsselgruppen, Strategien, Zieloptionen, …).
    Katalog {
        /// Maschinenlesbar als JSON.
        #[arg(long)]
        json: bool,
    },
    /// Sucht Zielberufe in der KldB 2010 (Titel, Beispielberufe oder Code-Anfang).
    Beruf { suche: Vec<String> },
    /// Gibt das JSON-Schema der Fallakte aus.
    Schema,
    /// Wendet die Datenbank-Migrationen an (SQLite oder PostgreSQL).
    Migrate {
        #[command(flatten)]
        db: datenbank::DbArg,
    },
    /// Zugriffsprotokoll (D3).
    Audit {
        #[command(subcommand)]
        was: datenbank::Audit,
    },
    /// Sicherung und Wiederherstellung der Datenbank (SQLite: VACUUM INTO, PostgreSQL: pg_dump).
    Backup {
        #[command(subcommand)]
        was: sicherung::Backup,
    },
    /// Aufbewahrungsfristen und Löschung (§ 84 SGB X, Art. 17/18 DSGVO).
    Retention {
        #[command(subcommand)]
        was: aufbewahrung::Retention,
    },
    /// Startet den Server (Web-API, Wiedervorlagen-Arbeiter); mit --demo samt Demo-Daten.
    Serve(dienst::Serve),
    /// Legt Demo-Dienststellen, -Benutzer und -Kunden in einer leeren Datenbank an.
    Demo {
        #[command(flatten)]
        db: datenbank::DbArg,
    },
    /// Benutzerkonten.
    User {
        #[command(subcommand)]
        was: dienst::User,
    },
    /// Daten einlesen (Stellenangebote).
    Import {
        #[command(subcommand)]
        was: import::Import,
    },
}

fn main() -> ExitCode {
    match ausfuehren(Cli::parse()) {
        Ok(code) => code,
        Err(meldung) => {
            eprintln!("Fehler: {meldung}");
            ExitCode::from(2)
        }
    }
}

fn katalog() -> Result<&'static Katalog, String> {
    Katalog::standard().map_err(|e| e.to_string())
}

fn ausfuehren(cli: Cli) -> Result<ExitCode, String> {
    match cli.befehl {
        Befehl::Pruefen { datei, stichtag } => {
            let stichtag = match stichtag {
                Some(t) => vierphasen_domain::datum::parse_strikt(&t)
                    .ok_or_else(|| format!("--stichtag „{t}“ ist kein gültiges Datum (JJJJ-MM-TT)"))?,
                None => chrono::Local::now().date_naive(),
            };
            let mut json = Vec::new();
            if datei == "-" {
                std::io::stdin().read_to_end(&mut json).map_err(|e| format!("Standardeingabe nicht lesbar: {e}"))?;
            } else {
                json = std::fs::read(&datei).map_err(|e| format!("Datei „{datei}“ nicht lesbar: {e}"))?;
            }
            let akte = einlesen(&json, katalog()?).map_err(|e| e.to_string())?;
            let ergebnis = pruefen(&akte, stichtag);
            println!("{}", serde_json::to_string_pretty(&ergebnis).map_err(|e| e.to_string())?);
            Ok(if ergebnis.hat_fehler() { ExitCode::from(1) } else { ExitCode::SUCCESS })
        }
        Befehl::Katalog { json } => {
            let k = katalog()?;
            if json {
                println!("{}", serde_json::to_string_pretty(k).map_err(|e| e.to_string())?);
            } else {
                print!("{}", katalog_ausgabe::text(k));
            }
            Ok(ExitCode::SUCCESS)
        }
        Befehl::Beruf { suche } => {
            let k = katalog()?;
            let treffer = k.berufe.finden(&suche.join(" "), 20);
            if treffer.is_empty() {
                println!("Kein Beruf gefunden.");
            }
            for t in treffer {
                if t.benennung == t.beruf.titel {
                    println!("{}  {}", t.beruf.kldb, t.beruf.titel);
                } else {
                    println!("{}  {} – {}", t.beruf.kldb, t.benennung, t.beruf.titel);
                }
            }
            Ok(ExitCode::SUCCESS)
        }
        Befehl::Schema => {
            println!(
                "{}",
                serde_json::to_string_pretty(&vierphasen_domain::fallakte_schema()).map_err(|e| e.to_string())?
            );
            Ok(ExitCode::SUCCESS)
        }
        Befehl::Import { was } => import::ausfuehren(was),
        Befehl::Migrate { db } => datenbank::migrieren(&db),
        Befehl::Serve(s) => dienst::serve(s),
        Befehl::User { was } => dienst::user(was),
        Befehl::Demo { db } => dienst::demo(db),
        Befehl::Audit { was } => datenbank::audit(was),
        Befehl::Backup { was } => sicherung::ausfuehren(was),
        Befehl::Retention { was } => aufbewahrung::ausfuehren(was),
    }
}
