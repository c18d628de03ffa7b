//! Peers of B3 in the same run: pgbench TPC-B on the same PostgreSQL server, and the fsync rate
//! of the machine for SQLite. Also the fresh PostgreSQL databases both need.

use std::io::Write;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

use vierphasen_store::Db;
use vierphasen_store::sqlx;

/// Scratch database of the pgbench peer (dropped afterwards).
pub const PGBENCH_DB: &str = "vierphasen_pgbench";
/// fsync calibration: this many 4 KiB writes, each followed by fsync.
const FSYNCS: u32 = 200;

/// A PostgreSQL URL split around its database name, so neighbours on the same server can be named.
#[derive(Debug, Clone)]
pub struct PgAdresse {
    /// `postgres://user@host:port`
    vorne: String,
    pub name: String,
    /// `?…` or empty.
    abfrage: String,
}

impl PgAdresse {
    pub fn zerlegen(url: &str) -> Result<PgAdresse, String> {
        let (ohne, abfrage) = match url.split_once('?') {
            Some((o, a)) => (o, format!("?{a}")),
            None => (url, String::new()),
        };
        let ohne_schema = ohne.split_once("://").map_or("", |(_, r)| r);
        let name = match (ohne_schema.contains('/'), ohne.rsplit_once('/')) {
            (true, Some((_, n))) => n,
            _ => "",
        };
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Err(format!(
                "--database: „{url}“ braucht einen Datenbanknamen aus Buchstaben, Ziffern und _ (…/vierphasen_b3)"
            ));
        }
        let vorne = ohne[..ohne.len() - name.len() - 1].to_string();
        Ok(PgAdresse { vorne, name: name.to_string(), abfrage })
    }

    pub fn mit_name(&self, name: &str) -> String {
        format!("{}/{name}{}", self.vorne, self.abfrage)
    }
}

async fn ausfuehren(verwaltung: &Db, befehl: String) -> Result<(), String> {
    match verwaltung {
        Db::Postgres(p) => sqlx::raw_sql(sqlx::AssertSqlSafe(befehl.clone()))
            .execute(p)
            .await
            .map(|_| ())
            .map_err(|e| format!("{befehl}: {e}")),
        Db::Sqlite(_) => Err("keine PostgreSQL-Verbindung".into()),
    }
}

/// A connection to the server's `postgres` (or else `test`) database.
async fn verwaltung(a: &PgAdresse) -> Result<Db, String> {
    let mut letzter = String::new();
    for name in ["postgres", "test"] {
        match Db::verbinden(&a.mit_name(name)).await {
            Ok(db) => return Ok(db),
            Err(e) => letzter = format!("{}: {e}", a.mit_name(name)),
        }
    }
    Err(format!("Verwaltungsverbindung: {letzter}"))
}

/// DROP DATABASE IF EXISTS … WITH (FORCE); CREATE DATABASE … (names are checked in `zerlegen`).
pub async fn neu_anlegen(a: &PgAdresse, name: &str) -> Result<(), String> {
    let v = verwaltung(a).await?;
    let ergebnis = async {
        ausfuehren(&v, format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await?;
        ausfuehren(&v, format!("CREATE DATABASE \"{name}\"")).await
    }
    .await;
    v.schliessen().await;
    ergebnis
}

async fn loeschen(a: &PgAdresse, name: &str) {
    if let Ok(v) = verwaltung(a).await {
        let _ = ausfuehren(&v, format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).await;
        v.schliessen().await;
    }
}

fn pgbench_aufrufen(argumente: &[String]) -> Result<String, String> {
    let aus = Command::new("pgbench").args(argumente).output().map_err(|e| format!("pgbench: {e}"))?;
    if !aus.status.success() {
        let fehler = String::from_utf8_lossy(&aus.stderr);
        return Err(format!("pgbench {}: {}", argumente.first().map_or("", String::as_str), fehler.trim()));
    }
    Ok(String::from_utf8_lossy(&aus.stdout).into_owned())
}

/// `tps = 1234.5 (without initial connection time)`
pub fn tps_lesen(ausgabe: &str) -> Option<f64> {
    ausgabe.lines().find_map(|z| z.trim().strip_prefix("tps = ")?.split_whitespace().next()?.parse().ok())
}

/// pgbench's standard TPC-B (`-c 32 -j 2 -T dauer`, scale 10) on a scratch database of the same
/// server; its tps, or why it was skipped.
pub async fn pgbench(a: &PgAdresse, dauer: u64) -> Result<f64, String> {
    if let Err(e) = Command::new("pgbench").arg("--version").output() {
        return Err(if e.kind() == std::io::ErrorKind::NotFound {
            "pgbench nicht im PATH".to_string()
        } else {
            format!("pgbench: {e}")
        });
    }
    neu_anlegen(a, PGBENCH_DB).await?;
    let url = a.mit_name(PGBENCH_DB);
    println!("pgbench: -i -s 10, dann TPC-B -c 32 -j 2 -T {dauer} auf {PGBENCH_DB} …");
    let lauf = tokio::task::spawn_blocking(move || {
        pgbench_aufrufen(&["-i".into(), "-s".into(), "10".into(), "-q".into(), url.clone()])?;
        let aus = pgbench_aufrufen(&[
            "-c".into(),
            "32".into(),
            "-j".into(),
            "2".into(),
            "-T".into(),
            dauer.to_string(),
            url,
        ])?;
        tps_lesen(&aus).ok_or_else(|| format!("pgbench: keine tps-Zeile in der Ausgabe: {}", aus.trim()))
    })
    .await
    .map_err(|e| format!("pgbench: {e}"));
    loeschen(a, PGBENCH_DB).await;
    lauf?
}

/// fsyncs per second: `FSYNCS` × (write 4 KiB, fsync) to a scratch file in `verzeichnis`.
pub async fn fsync_rate(verzeichnis: &Path) -> Result<f64, String> {
    let pfad = verzeichnis.join(format!(".vierphasen_b3_fsync_{}.tmp", std::process::id()));
    tokio::task::spawn_blocking(move || {
        let messen = || -> std::io::Result<f64> {
            let mut datei = std::fs::File::create(&pfad)?;
            let block = [0x5Au8; 4096];
            let t = Instant::now();
            for _ in 0..FSYNCS {
                datei.write_all(&block)?;
                datei.sync_all()?;
            }
            Ok(f64::from(FSYNCS) / t.elapsed().as_secs_f64().max(1e-9))
        };
        let rate = messen().map_err(|e| format!("{}: {e}", pfad.display()));
        let _ = std::fs::remove_file(&pfad);
        rate
    })
    .await
    .map_err(|e| e.to_string())?
}
