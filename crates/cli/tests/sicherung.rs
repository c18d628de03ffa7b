//! Issue 17/5: `vierphasen backup create` under write load, `backup verify`, `backup restore`
//! into a fresh database, a server started on it, and the restored data equal to the backup's
//! (a canonical dump: every table's rows, serialised and sorted). SQLite always; PostgreSQL when
//! `TEST_DATABASE_URL` is set and pg_dump is installed.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

use vierphasen_store::protokoll::{Schluessel, Zugriff, anker};
use vierphasen_store::{Backend, Db, mit_pool};

fn vierphasen(argumente: &[&str]) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_vierphasen")).args(argumente).output().unwrap();
    let text = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    (o.status.code().unwrap_or(-1), text)
}

/// Every table's rows as text, sorted: equal dumps, equal data.
async fn kanonisch(db: &Db) -> Vec<String> {
    let tabellen: Vec<(String,)> = match db.backend() {
        Backend::Sqlite => mit_pool!(db, p => sqlx::query_as(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name")
            .fetch_all(p).await.unwrap()),
        Backend::Postgres => mit_pool!(db, p => sqlx::query_as(
            "SELECT table_name::text FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1")
            .fetch_all(p).await.unwrap()),
    };
    let mut dump = Vec::new();
    for (tabelle,) in tabellen {
        let sql = match db.backend() {
            Backend::Sqlite => {
                let spalten: Vec<(String,)> = mit_pool!(db, p => sqlx::query_as("SELECT name FROM pragma_table_info($1) ORDER BY cid")
                    .bind(&tabelle).fetch_all(p).await.unwrap());
                let ausdruck: Vec<String> = spalten.iter().map(|(s,)| format!("quote(\"{s}\")")).collect();
                format!("SELECT {} FROM \"{tabelle}\"", ausdruck.join(" || '|' || "))
            }
            Backend::Postgres => format!("SELECT row_to_json(t)::text FROM \"{tabelle}\" t"),
        };
        let mut zeilen: Vec<(String,)> =
            mit_pool!(db, p => sqlx::query_as(sqlx::AssertSqlSafe(sql)).fetch_all(p).await.unwrap());
        zeilen.sort();
        dump.push(format!("== {tabelle}: {}", zeilen.len()));
        dump.extend(zeilen.into_iter().map(|(z,)| z));
    }
    dump
}

/// `vierphasen serve` on the database; waits for its address, asks /health, stops it (SIGTERM).
fn server_gesund(url: &str, schluessel: &Path, anker: &Path) {
    let mut kind = Command::new(env!("CARGO_BIN_EXE_vierphasen"))
        .args(["serve", "--bind", "127.0.0.1:0", "--database", url, "--protokoll-schluessel"])
        .arg(schluessel)
        .arg("--protokoll-anker")
        .arg(anker)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let mut zeilen = BufReader::new(kind.stdout.take().unwrap()).lines();
    let adresse = loop {
        let zeile = zeilen.next().expect("Server beendet ohne Adresse").unwrap();
        if let Some(rest) = zeile.strip_prefix("vierphasen läuft: http://") {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    let mut verbindung = std::net::TcpStream::connect(&adresse).unwrap();
    write!(verbindung, "GET /health HTTP/1.1\r\nHost: {adresse}\r\nConnection: close\r\n\r\n").unwrap();
    let mut antwort = String::new();
    verbindung.read_to_string(&mut antwort).unwrap();
    assert!(antwort.starts_with("HTTP/1.1 200"), "{antwort}");
    Command::new("kill").args(["-TERM", &kind.id().to_string()]).status().unwrap();
    assert!(kind.wait().unwrap().success());
}

/// The live database with the demo data and a task writing access-log rows through the app
/// (group commit) until `halt` is set; returns the number of rows written.
async fn schreiblast(
    url: &str,
    schluessel: &Schluessel,
    halt: Arc<AtomicBool>,
) -> (tokio::task::JoinHandle<()>, Arc<AtomicU64>) {
    let app = vierphasen_app::App::starten_mit(Db::verbinden(url).await.unwrap(), schluessel.clone()).await.unwrap();
    vierphasen_app::demo::einrichten(&app, app.heute()).await.unwrap();
    let zaehler = Arc::new(AtomicU64::new(0));
    let z = zaehler.clone();
    let aufgabe = tokio::spawn(async move {
        let mut n = 0i64;
        while !halt.load(Ordering::Relaxed) {
            let schreiben = (0..8).map(|i| {
                app.protokoll.protokollieren(Zugriff {
                    zeitpunkt: chrono::Utc::now(),
                    benutzer_id: 1,
                    kunde_id: n * 8 + i,
                    zweck: "Last".into(),
                })
            });
            for ergebnis in futures_util::future::join_all(schreiben).await {
                ergebnis.unwrap();
                z.fetch_add(1, Ordering::Relaxed);
            }
            n += 1;
        }
        app.db.schliessen().await;
    });
    (aufgabe, zaehler)
}

struct Lauf {
    quelle: String,
    ziel: String,
    referenz: String,
    datei: PathBuf,
    verzeichnis: PathBuf,
}

/// Backup under load, verify, restore, refuse a second restore, start a server on the copy.
async fn sichern_und_einspielen(lauf: &Lauf) {
    let schluessel_datei = lauf.verzeichnis.join("schluessel");
    let (schluessel, _) = Schluessel::laden_oder_anlegen(&schluessel_datei).unwrap();
    let halt = Arc::new(AtomicBool::new(false));
    let (aufgabe, zaehler) = schreiblast(&lauf.quelle, &schluessel, halt.clone()).await;
    let ankerdatei = anker::datei(&lauf.verzeichnis, &schluessel);
    let live = Db::verbinden_mit(&lauf.quelle, 2).await.unwrap();
    while zaehler.load(Ordering::Relaxed) < 200 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    anker::setzen(&live, &schluessel, &ankerdatei).await.unwrap();

    let vorher = zaehler.load(Ordering::Relaxed);
    let datei = lauf.datei.to_str().unwrap().to_string();
    let schluessel_arg = schluessel_datei.to_str().unwrap().to_string();
    let quelle = lauf.quelle.clone();
    let (code, text) = tokio::task::spawn_blocking(move || {
        vierphasen(&["backup", "create", &datei, "--database", &quelle, "--protokoll-schluessel", &schluessel_arg])
    })
    .await
    .unwrap();
    let waehrend = zaehler.load(Ordering::Relaxed) - vorher;
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Sicherung angelegt") && text.contains("getrennt zu sichern"), "{text}");
    // Writers went on while the backup ran, and an anchor is written past the backup's head.
    while zaehler.load(Ordering::Relaxed) < vorher + waehrend + 100 {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
    anker::setzen(&live, &schluessel, &ankerdatei).await.unwrap();
    halt.store(true, Ordering::Relaxed);
    aufgabe.await.unwrap();
    assert!(waehrend > 0, "keine Schreibvorgänge während der Sicherung");
    let (live_kopf, _, _) = anker::kopf(&live).await.unwrap();

    let datei = lauf.datei.to_str().unwrap();
    let schluessel_arg = schluessel_datei.to_str().unwrap();
    let (code, text) =
        vierphasen(&["backup", "verify", datei, "--database", &lauf.quelle, "--protokoll-schluessel", schluessel_arg]);
    assert_eq!(code, 0, "{text}");
    let neueste = vierphasen_store::sicherung::bekannter_schemastand(Backend::Sqlite);
    assert!(text.contains(&format!("Schemastand: {neueste} (aktuell)")), "{text}");
    assert!(
        text.contains("Zugriffsprotokoll intakt") && text.contains("1 neuere Anker nach dem Stand der Sicherung"),
        "{text}"
    );
    assert!(text.contains("Sicherung in Ordnung."), "{text}");

    let (code, text) =
        vierphasen(&["backup", "restore", datei, "--database", &lauf.ziel, "--protokoll-schluessel", schluessel_arg]);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Sicherung eingespielt") && text.contains("archivieren"), "{text}");
    let (code, text) = vierphasen(&["backup", "restore", datei, "--database", &lauf.ziel]);
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("ist nicht leer"), "{text}");

    // The restored chain is the live chain up to the backup's head (append-only), and intact.
    let wieder = Db::verbinden_mit(&lauf.ziel, 2).await.unwrap();
    let (kopf, _, _) = anker::kopf(&wieder).await.unwrap();
    assert!(kopf > 200 && kopf < live_kopf, "{kopf} / {live_kopf}");
    let zeilen = |db: &Db| {
        let db = db.clone();
        async move {
            let z: Vec<(i64, String)> = mit_pool!(&db, p => sqlx::query_as("SELECT id, hash FROM zugriffsprotokoll WHERE id <= $1 ORDER BY id")
                .bind(kopf).fetch_all(p).await.unwrap());
            z
        }
    };
    assert_eq!(zeilen(&live).await, zeilen(&wieder).await);
    // The restored database equals the backup: SQLite the backup file itself (a copy, so the
    // backup stays untouched), PostgreSQL a second restore of the same dump.
    if let Some(pfad) = lauf.referenz.strip_prefix("sqlite://") {
        std::fs::copy(&lauf.datei, pfad).unwrap();
    } else {
        let (code, text) = vierphasen(&["backup", "restore", datei, "--database", &lauf.referenz]);
        assert_eq!(code, 0, "{text}");
    }
    let referenz = Db::verbinden_mit(&lauf.referenz, 2).await.unwrap();
    let erwartet = kanonisch(&referenz).await;
    let gefunden = kanonisch(&wieder).await;
    assert!(erwartet.len() > 50, "{}", erwartet.len());
    assert!(erwartet == gefunden, "eingespielte Daten weichen von der Sicherung ab");
    referenz.schliessen().await;
    wieder.schliessen().await;
    live.schliessen().await;

    // A server starts on the restored database and answers (its worker may then process the
    // restored jobs: that is the application working, so the comparison above comes first).
    server_gesund(&lauf.ziel, &schluessel_datei, &lauf.verzeichnis.join("anker_wieder"));
    let (code, text) = vierphasen(&[
        "audit",
        "verify",
        "--database",
        &lauf.ziel,
        "--protokoll-schluessel",
        schluessel_arg,
        "--protokoll-anker",
        lauf.verzeichnis.join("anker_wieder").to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{text}");
}

fn verzeichnis(name: &str) -> PathBuf {
    let v = std::env::temp_dir().join(format!("vierphasen_sicherung_{name}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&v);
    std::fs::create_dir_all(&v).unwrap();
    v
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_backup_under_write_load_restores_to_the_same_data() {
    let v = verzeichnis("sqlite");
    let lauf = Lauf {
        quelle: format!("sqlite://{}", v.join("live.db").display()),
        ziel: format!("sqlite://{}", v.join("wieder.db").display()),
        referenz: format!("sqlite://{}", v.join("referenz.db").display()),
        datei: v.join("sicherung.db"),
        verzeichnis: v.clone(),
    };
    sichern_und_einspielen(&lauf).await;
    let _ = std::fs::remove_dir_all(&v);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_backup_under_write_load_restores_to_the_same_data() {
    let Ok(basis) = std::env::var("TEST_DATABASE_URL") else { return };
    if Command::new("pg_dump").arg("--version").output().is_err() {
        eprintln!("pg_dump fehlt: PostgreSQL-Sicherung nicht getestet");
        return;
    }
    let v = verzeichnis("postgres");
    let (vorne, _) = basis.rsplit_once('/').unwrap();
    let name = format!("vierphasen_sicherung_{}", std::process::id());
    let lauf = Lauf {
        quelle: format!("{vorne}/{name}_live"),
        ziel: format!("{vorne}/{name}_wieder"),
        referenz: format!("{vorne}/{name}_referenz"),
        datei: v.join("sicherung.dump"),
        verzeichnis: v.clone(),
    };
    vierphasen_store::sicherung::pg_anlegen(&lauf.quelle).await.unwrap();
    sichern_und_einspielen(&lauf).await;
    for db in [&lauf.quelle, &lauf.ziel, &lauf.referenz] {
        vierphasen_store::sicherung::pg_loeschen(db).await.unwrap();
    }
    let _ = std::fs::remove_dir_all(&v);
}
