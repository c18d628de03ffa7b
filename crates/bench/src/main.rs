//! `vierphasen-bench` — the measurements of BENCHMARKS.md (the commands are in `src/lib.rs`).

use std::process::ExitCode;

use clap::Parser;
use vierphasen_bench::{Bench, ausfuehren};
use vierphasen_domain::Katalog;

/// The allocator of the shipped binary, so that the measurements match it.
#[global_allocator]
static ALLOKATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// Messungen mit ihren Vergleichssystemen im selben Lauf (siehe BENCHMARKS.md).
#[derive(Debug, Parser)]
#[command(name = "vierphasen-bench", version)]
struct Cli {
    #[command(subcommand)]
    messung: Bench,
}

fn main() -> ExitCode {
    let ergebnis = Katalog::standard().map_err(|e| e.to_string()).and_then(|k| ausfuehren(Cli::parse().messung, k));
    match ergebnis {
        Ok(code) => code,
        Err(meldung) => {
            eprintln!("Fehler: {meldung}");
            ExitCode::from(2)
        }
    }
}
