//! `vierphasen bench http` — B3: case work over HTTP (BENCHMARKS.md). The server runs in this
//! process on 127.0.0.1:0 against a fresh database seeded with the demo data; every demo VFK logs
//! in and works her own caseload with the mix 60 % Fallübersicht (writes the access log), 25 %
//! Vermerk, 10 % Strategie anpassen, 5 % EV-Entwurf — every request commits a durable row.
//! Peers in the same run: pgbench TPC-B on the same PostgreSQL server, or for SQLite the fsync
//! rate of the machine (no peer is defined there; it shows how much group commit happens).

pub(crate) mod last;
pub mod vergleich;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::{Duration, Instant};

use clap::Args;
use vierphasen_app::App;
use vierphasen_domain::zugriff::Rolle;
use vierphasen_store::Db;
use vierphasen_web::Einstellungen;

use crate::laufzeit;
use last::{Art, Auftrag, Messung};

/// Target of B3 on SQLite: requests per second …
const ZIEL_SQLITE_RPS: f64 = 5_000.0;
/// … at this p99 (ms).
const ZIEL_P99_MS: f64 = 50.0;
/// Durable writes per second (group commit), both backends.
const ZIEL_DAUERHAFT: f64 = 2_000.0;
/// PostgreSQL: our requests per second as a share of pgbench TPC-B's tps.
const ZIEL_PGBENCH_ANTEIL: f64 = 0.5;

#[derive(Debug, Args)]
pub struct HttpOptionen {
    /// Datenbank (Standard: frische temporäre SQLite-Datei). Eine PostgreSQL-Datenbank, z. B.
    /// postgres://postgres@127.0.0.1:5432/vierphasen_b3, wird GELÖSCHT und neu angelegt; eine
    /// SQLite-Datei darf noch nicht existieren.
    #[arg(long)]
    database: Option<String>,
    /// Messdauer in Sekunden (nach dem Aufwärmen).
    #[arg(long, default_value_t = 20)]
    dauer: u64,
    /// Gleichzeitige Clients (je eine Keep-alive-Verbindung).
    #[arg(long, default_value_t = 64)]
    verbindungen: usize,
    /// Aufwärmen in Sekunden, nicht gemessen (Standard: 3; mit --anfragen 0).
    #[arg(long)]
    aufwaermen: Option<u64>,
    /// Nach so vielen gemessenen Anfragen aufhören statt nach --dauer (Kurzlauf für CI); ohne
    /// --vergleich entfallen dann pgbench und die fsync-Messung (--dauer gilt dann nur für pgbench).
    #[arg(long)]
    anfragen: Option<u64>,
    /// Vergleichsmessung (pgbench bzw. fsync) auch mit --anfragen.
    #[arg(long)]
    vergleich: bool,
    /// Startwert des Zufallsgenerators (gleiche Zahl, gleiche Anfragefolge je Client).
    #[arg(long, default_value_t = 42)]
    seed: u64,
}

/// Where the run's database lives and what to clean up afterwards.
#[derive(Debug)]
pub(crate) enum Ziel {
    Sqlite { url: String, pfad: PathBuf, temporaer: bool },
    Postgres { url: String, adresse: vergleich::PgAdresse },
}

impl Ziel {
    pub(crate) fn bestimmen(database: Option<&str>) -> Result<Ziel, String> {
        let Some(url) = database else {
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.subsec_nanos())
                .unwrap_or(0);
            let pfad = std::env::temp_dir().join(format!("vierphasen_b3_{}_{nanos}.db", std::process::id()));
            return Ok(Ziel::Sqlite { url: format!("sqlite://{}", pfad.display()), pfad, temporaer: true });
        };
        if let Some(rest) = url.strip_prefix("sqlite:") {
            let rest = rest.strip_prefix("//").unwrap_or(rest);
            let pfad = PathBuf::from(rest.split('?').next().unwrap_or(rest));
            if pfad.as_os_str().is_empty() || rest.starts_with(":memory:") {
                return Err(
                    "--database: B3 misst dauerhafte Schreibvorgänge, dafür braucht es eine SQLite-Datei".into()
                );
            }
            if std::fs::metadata(&pfad).is_ok_and(|m| m.len() > 0) {
                return Err(format!(
                    "--database: {} existiert bereits; der Benchmark braucht eine frische Datenbank",
                    pfad.display()
                ));
            }
            return Ok(Ziel::Sqlite { url: url.to_string(), pfad, temporaer: false });
        }
        if url.starts_with("postgres:") || url.starts_with("postgresql:") {
            let adresse = vergleich::PgAdresse::zerlegen(url)?;
            let name = adresse.name.as_str();
            if ["postgres", "test", "template0", "template1", "vierphasen_pgbench"].contains(&name) {
                return Err(format!(
                    "--database: „{name}“ würde gelöscht und neu angelegt; bitte eine eigene Datenbank nennen"
                ));
            }
            return Ok(Ziel::Postgres { url: url.to_string(), adresse });
        }
        Err(format!("--database: unbekannte Adresse „{url}“ (sqlite://… oder postgres://…)"))
    }

    fn backend(&self) -> &'static str {
        match self {
            Ziel::Sqlite { .. } => "sqlite",
            Ziel::Postgres { .. } => "postgres",
        }
    }

    pub(crate) fn url(&self) -> &str {
        match self {
            Ziel::Sqlite { url, .. } | Ziel::Postgres { url, .. } => url,
        }
    }

    pub(crate) fn aufraeumen(&self) {
        if let Ziel::Sqlite { pfad, temporaer: true, .. } = self {
            for endung in ["", "-wal", "-shm"] {
                let _ = std::fs::remove_file(format!("{}{endung}", pfad.display()));
            }
        }
    }
}

pub fn ausfuehren(o: HttpOptionen) -> Result<ExitCode, String> {
    if o.verbindungen == 0 {
        return Err("--verbindungen muss mindestens 1 sein".into());
    }
    let ziel = Ziel::bestimmen(o.database.as_deref())?;
    let ergebnis = laufzeit()?.block_on(lauf(&o, &ziel));
    ziel.aufraeumen();
    ergebnis
}

async fn lauf(o: &HttpOptionen, ziel: &Ziel) -> Result<ExitCode, String> {
    if let Ziel::Postgres { adresse, .. } = ziel {
        vergleich::neu_anlegen(adresse, &adresse.name).await?;
    }
    let t = Instant::now();
    let db = Db::verbinden(ziel.url()).await.map_err(|e| format!("{}: {e}", ziel.url()))?;
    let app = App::starten(db).await.map_err(|e| e.to_string())?;
    let heute = app.heute();
    let demo = vierphasen_app::demo::einrichten(&app, heute).await.map_err(|e| format!("Demo-Daten: {e}"))?;
    let vfk: Vec<String> = demo
        .logins
        .iter()
        // The label is "Vermittlungsfachkraft, Team …".
        .filter(|(_, rolle, _)| rolle.split(',').next() == Some(Rolle::Vfk.label()))
        .map(|(login, _, _)| login.to_string())
        .collect();
    println!(
        "Demo-Daten: {} Kunden, {} Konten, davon {} Vermittlungsfachkräfte ({:.1} s)",
        demo.kunden,
        demo.logins.len(),
        vfk.len(),
        t.elapsed().as_secs_f64()
    );
    let adresse: SocketAddr = "127.0.0.1:0".parse().map_err(|e| format!("{e}"))?;
    let (adresse, server) = vierphasen_web::starten(app.clone(), adresse, Einstellungen { cookie_sicher: false })
        .await
        .map_err(|e| format!("Server: {e}"))?;

    let t = Instant::now();
    let sitzungen = last::vorbereiten(adresse, heute, &vfk, &demo.passwort).await;
    let sitzungen = match sitzungen {
        Ok(s) => Arc::new(s),
        Err(e) => {
            server.abort();
            return Err(e);
        }
    };
    let faelle: usize = sitzungen.iter().map(|s| s.faelle.len()).sum();
    let mit_strategie: usize =
        sitzungen.iter().map(|s| s.faelle.iter().filter(|f| !f.offene_strategien.is_empty()).count()).sum();
    println!(
        "Vorbereitung: {} VFK angemeldet, {faelle} Fälle geöffnet ({mit_strategie} mit verschiebbarer offener Strategie) in {:.1} s",
        sitzungen.len(),
        t.elapsed().as_secs_f64()
    );

    let aufwaermen = Duration::from_secs(o.aufwaermen.unwrap_or(if o.anfragen.is_some() { 0 } else { 3 }));
    let auftrag = Auftrag {
        adresse,
        heute,
        aufwaermen,
        dauer: o.anfragen.is_none().then(|| Duration::from_secs(o.dauer)),
        anfragen: o.anfragen,
        seed: o.seed,
    };
    let messung = last::messen(auftrag.clone(), sitzungen, o.verbindungen).await;
    server.abort();
    app.db.schliessen().await;
    let messung = messung?;

    let vergleichen = o.anfragen.is_none() || o.vergleich;
    let peer = match ziel {
        Ziel::Postgres { adresse, .. } if vergleichen => Peer::Pgbench(vergleich::pgbench(adresse, o.dauer).await),
        Ziel::Sqlite { pfad, .. } if vergleichen => {
            let verzeichnis = match pfad.parent() {
                Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
                _ => PathBuf::from("."),
            };
            Peer::Fsync(vergleich::fsync_rate(&verzeichnis).await)
        }
        _ => Peer::Keiner,
    };
    berichten(o, ziel, &auftrag, &messung, &peer);
    Ok(if messung.fehler_gesamt() == 0 { ExitCode::SUCCESS } else { ExitCode::from(1) })
}

#[derive(Debug)]
enum Peer {
    Keiner,
    /// tps of pgbench TPC-B, or why it was skipped.
    Pgbench(Result<f64, String>),
    /// fsyncs per second on the database's file system, or why it failed.
    Fsync(Result<f64, String>),
}

fn ziel_text(erreicht: bool) -> &'static str {
    if erreicht { "erreicht" } else { "VERFEHLT" }
}

fn berichten(o: &HttpOptionen, ziel: &Ziel, auftrag: &Auftrag, m: &Messung, peer: &Peer) {
    let sekunden = m.dauer.as_secs_f64().max(1e-9);
    let gesamt = m.alle();
    let rps = gesamt.anzahl as f64 / sekunden;
    let ok_rps = m.erfolgreich() as f64 / sekunden;
    let aenderungen = [Art::Vermerk, Art::Strategie, Art::Ev].iter().map(|a| m.art(*a).erfolgreich).sum::<u64>();
    let aenderungen_rps = aenderungen as f64 / sekunden;

    println!();
    println!(
        "B3 Fallarbeit über HTTP — Backend {}, {} Verbindungen, gemessen {:.1} s ({}), Aufwärmen {} s ({} Anfragen), Seed {}",
        ziel.backend(),
        o.verbindungen,
        sekunden,
        match auftrag.anfragen {
            Some(n) => format!("Abbruch nach {n} Anfragen"),
            None => format!("--dauer {}", o.dauer),
        },
        auftrag.aufwaermen.as_secs(),
        m.aufwaerm_anfragen,
        o.seed
    );
    println!(
        "  {:<14} {:>8} {:>6} {:>9} {:>10} {:>10} {:>10} {:>7}",
        "Art", "Anfragen", "Anteil", "Anfr./s", "p50 ms", "p99 ms", "max ms", "Fehler"
    );
    for art in Art::ALLE {
        let s = m.art(art);
        let anteil = 100.0 * s.anzahl as f64 / gesamt.anzahl.max(1) as f64;
        println!(
            "  {:<14} {:>8} {:>5.1}% {:>9.0} {:>10.2} {:>10.2} {:>10.2} {:>7}",
            art.name(),
            s.anzahl,
            anteil,
            s.anzahl as f64 / sekunden,
            s.p50_ms,
            s.p99_ms,
            s.max_ms,
            s.fehler
        );
    }
    println!(
        "  {:<14} {:>8} {:>6} {:>9.0} {:>10.2} {:>10.2} {:>10.2} {:>7}",
        "gesamt", gesamt.anzahl, "", rps, gesamt.p50_ms, gesamt.p99_ms, gesamt.max_ms, gesamt.fehler
    );
    println!(
        "  (EV: {} Entwürfe angelegt, {} Entwürfe abgeschlossen — je Fall abwechselnd, beides mehrzeilig)",
        m.ev_entwuerfe, m.ev_abschluesse
    );
    if m.umgeleitet > 0 {
        println!(
            "  ({} Strategie-Anfragen als Fallübersicht gezählt: Fall ohne verschiebbare offene Strategie)",
            m.umgeleitet
        );
    }
    if m.fehler_gesamt() > 0 {
        println!("Fehler je Art und Status: {}", m.fehler_text());
        for beispiel in &m.beispiele {
            println!("  {beispiel}");
        }
    }

    let ziel_rps = match ziel {
        Ziel::Sqlite { .. } => format!(
            " (Ziel SQLite ≥ {:.0}/s bei p99 ≤ {ZIEL_P99_MS:.0} ms: {})",
            ZIEL_SQLITE_RPS,
            ziel_text(rps >= ZIEL_SQLITE_RPS && gesamt.p99_ms <= ZIEL_P99_MS)
        ),
        Ziel::Postgres { .. } => String::new(),
    };
    println!("Anfragen/s gesamt {rps:.0}{ziel_rps}");
    println!(
        "dauerhafte Schreibvorgänge/s {ok_rps:.0} (Ziel ≥ {ZIEL_DAUERHAFT:.0}/s: {}) | Änderungen/s {aenderungen_rps:.0} (Vermerk + Strategie + EV)",
        ziel_text(ok_rps >= ZIEL_DAUERHAFT)
    );

    // The one-line summary (BENCHMARKS.md), peers with ratios.
    let mut zeile = format!(
        "B3 {} {rps:.0} Anfr./s p50 {:.2} ms p99 {:.2} ms | dauerhaft {ok_rps:.0}/s | Änderungen {aenderungen_rps:.0}/s | Fehler {}",
        ziel.backend(),
        gesamt.p50_ms,
        gesamt.p99_ms,
        gesamt.fehler
    );
    match peer {
        Peer::Keiner => zeile.push_str(" | Vergleich übersprungen (--anfragen ohne --vergleich)"),
        Peer::Pgbench(Ok(tps)) => {
            let anteil = rps / tps.max(1e-9);
            zeile.push_str(&format!(
                " | pgbench TPC-B (-c 32 -j 2 -T {}) {tps:.0} tps: {:.0} % (Ziel ≥ {:.0} %: {})",
                o.dauer,
                100.0 * anteil,
                100.0 * ZIEL_PGBENCH_ANTEIL,
                ziel_text(anteil >= ZIEL_PGBENCH_ANTEIL)
            ));
        }
        Peer::Pgbench(Err(grund)) => zeile.push_str(&format!(" | pgbench übersprungen: {grund}")),
        Peer::Fsync(Ok(rate)) => zeile.push_str(&format!(
            " | fsync dieses Rechners {rate:.0}/s (4 KiB, 200×): {:.1} dauerhafte Schreibvorgänge je fsync",
            ok_rps / rate.max(1e-9)
        )),
        Peer::Fsync(Err(grund)) => zeile.push_str(&format!(" | fsync-Messung fehlgeschlagen: {grund}")),
    }
    println!("{zeile}");
}
