//! `vierphasen-bench …`: measurements with their peers in the same run (BENCHMARKS.md). Its own
//! binary, so that the shipped `vierphasen` links no benchmark peer (tantivy) and is compiled once.

mod erzeugen;
pub mod http;
mod matching;
mod seiten;
mod zufall;

use std::process::ExitCode;
use std::time::Instant;

use chrono::NaiveDate;
use clap::Subcommand;
use vierphasen_domain::{Katalog, einlesen, pruefen};

#[derive(Debug, Subcommand)]
pub enum Bench {
    /// Fallprüfung über generierte Fälle auf einem Kern (JSON-Parsen inklusive).
    Pruefen {
        /// Anzahl der Fälle.
        #[arg(long, default_value_t = 100_000)]
        anzahl: usize,
        /// Startwert des Generators (gleiche Zahl, gleiche Fälle).
        #[arg(long, default_value_t = 42)]
        seed: u64,
    },
    /// B3: Fallarbeit über HTTP (60 % Fallübersicht, 25 % Vermerk, 10 % Strategie, 5 % EV), jede
    /// Anfrage dauerhaft; Server und Clients in diesem Prozess, Vergleich pgbench bzw. fsync.
    Http(http::HttpOptionen),
    /// Issue 4: Renderzeit jeder Seitenart der Oberfläche auf den Demo-Daten (p50/p95, Ziel ≤ 50 ms p95).
    Seiten(seiten::SeitenOptionen),
    /// B0, B1, B2, B5: Matching-Engine gegen tantivy, PostgreSQL (--database) und Brute-Force-Orakel.
    Matching(matching::MatchingOptionen),
}

/// The Tokio runtime of the measurements that serve or query over the network.
fn laufzeit() -> Result<tokio::runtime::Runtime, String> {
    tokio::runtime::Builder::new_multi_thread().enable_all().build().map_err(|e| format!("Laufzeit: {e}"))
}

pub fn ausfuehren(b: Bench, katalog: &'static Katalog) -> Result<ExitCode, String> {
    match b {
        Bench::Pruefen { anzahl, seed } => pruefen_bench(anzahl, seed, katalog),
        Bench::Http(o) => http::ausfuehren(o),
        Bench::Seiten(o) => seiten::ausfuehren(o),
        Bench::Matching(o) => matching::ausfuehren(o),
    }
}

fn pruefen_bench(anzahl: usize, seed: u64, katalog: &Katalog) -> Result<ExitCode, String> {
    let stichtag = NaiveDate::from_ymd_opt(2026, 11, 24).ok_or("Datum")?;
    let t = Instant::now();
    let faelle = erzeugen::faelle(anzahl, seed, katalog, stichtag)?;
    let bytes: usize = faelle.iter().map(Vec::len).sum();
    println!(
        "generiert: {anzahl} Fälle, {:.1} MB JSON (Ø {} Bytes) in {:.2} s",
        bytes as f64 / 1e6,
        bytes / anzahl.max(1),
        t.elapsed().as_secs_f64()
    );

    // Peer: parsing the same JSON into an untyped value (the floor any checker pays).
    let t = Instant::now();
    let mut knoten = 0usize;
    for f in &faelle {
        let v: serde_json::Value = serde_json::from_slice(f).map_err(|e| e.to_string())?;
        knoten += usize::from(v.is_object());
    }
    let nur_parsen = t.elapsed().as_secs_f64();

    // Peer: typed parsing into the Fallakte structs without any rule.
    let t = Instant::now();
    for f in &faelle {
        let text = std::str::from_utf8(f).map_err(|e| e.to_string())?;
        let a: vierphasen_domain::Fallakte = serde_json::from_str(text).map_err(|e| e.to_string())?;
        knoten += usize::from(a.format == 1);
    }
    let typisiert = t.elapsed().as_secs_f64();

    let t = Instant::now();
    let (mut fehler, mut befunde) = (0usize, 0usize);
    for f in &faelle {
        let akte = einlesen(f, katalog).map_err(|e| format!("generierter Fall ungültig: {e}"))?;
        let e = pruefen(&akte, stichtag);
        fehler += usize::from(e.hat_fehler());
        befunde += e.befunde.len();
    }
    let voll = t.elapsed().as_secs_f64();
    let rate = anzahl as f64 / voll;
    println!(
        "pruefen {:.0} Fälle/s ({:.2} µs/Fall, 1 Kern) | serde_json::Value nur parsen {:.0} Fälle/s ({:.1}x) | Fallakte nur parsen {:.0} Fälle/s ({:.1}x) | Befunde {befunde}, Fälle mit Fehler {fehler}, geprüft {knoten}",
        rate,
        voll * 1e6 / anzahl as f64,
        anzahl as f64 / nur_parsen,
        voll / nur_parsen,
        anzahl as f64 / typisiert,
        voll / typisiert
    );
    println!("bundesweit 4,5 Mio. Fälle: {:.1} s auf einem Kern (Ziel: ≥ 100.000 Fälle/s)", 4_500_000.0 / rate);
    Ok(ExitCode::SUCCESS)
}
