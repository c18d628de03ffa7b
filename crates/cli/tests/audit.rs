//! `vierphasen audit verify` reports a row edited directly in the database (D3), and with the
//! key and the anchors (issue 17/4) the newest rows deleted with the head repaired.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic

use std::path::{Path, PathBuf};
use std::process::Command;

use vierphasen_store::protokoll::{self, Schluessel, Zugriff};
use vierphasen_store::{Db, migration};

fn verzeichnis(name: &str) -> PathBuf {
    let v = std::env::temp_dir().join(format!("vierphasen_{name}_{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&v);
    std::fs::create_dir_all(&v).unwrap();
    v
}

fn audit(was: &str, url: &str, schluessel: &Path) -> (i32, String) {
    let o = Command::new(env!("CARGO_BIN_EXE_vierphasen"))
        .args(["audit", was, "--database", url, "--protokoll-schluessel"])
        .arg(schluessel)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&o.stdout).into_owned() + &String::from_utf8_lossy(&o.stderr);
    (o.status.code().unwrap_or(-1), text)
}

async fn kette(url: &str, schluessel: &Path, anzahl: i64) -> Db {
    let (k, neu) = Schluessel::laden_oder_anlegen(schluessel).unwrap();
    assert!(neu);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        assert_eq!(std::fs::metadata(schluessel).unwrap().permissions().mode() & 0o777, 0o600);
    }
    let db = Db::verbinden(url).await.unwrap();
    migration::anwenden(&db).await.unwrap();
    let eintraege: Vec<Zugriff> = (0..anzahl)
        .map(|n| Zugriff { zeitpunkt: chrono::Utc::now(), benutzer_id: 1, kunde_id: 100 + n, zweck: "Beratung".into() })
        .collect();
    protokoll::anhaengen(&db, &k, &eintraege).await.unwrap();
    db
}

#[tokio::test]
async fn audit_verify_finds_the_edited_row() {
    let v = verzeichnis("audit");
    let url = format!("sqlite://{}", v.join("a.db").display());
    let schluessel = v.join("schluessel");
    let db = kette(&url, &schluessel, 5).await;

    let (code, text) = audit("verify", &url, &schluessel);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("intakt: 5 Einträge") && text.contains("keine Anker"), "{text}");

    if let Db::Sqlite(p) = &db {
        sqlx::raw_sql(
            "DROP TRIGGER zugriffsprotokoll_kein_update; UPDATE zugriffsprotokoll SET kunde_id = 999 WHERE id = 2",
        )
        .execute(p)
        .await
        .unwrap();
    }
    db.schliessen().await;
    let (code, text) = audit("verify", &url, &schluessel);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("GEBROCHEN bei Eintrag 2"), "{text}");

    // Without its key the chain cannot be checked at all.
    let (code, text) = audit("verify", &url, &v.join("fehlt"));
    assert_eq!(code, 2, "{text}");
    assert!(text.contains("Protokollschlüssel"), "{text}");
    let _ = std::fs::remove_dir_all(&v);
}

#[tokio::test]
async fn audit_verify_finds_deleted_newest_rows_through_the_anchor() {
    let v = verzeichnis("audit_anker");
    let url = format!("sqlite://{}", v.join("a.db").display());
    let schluessel = v.join("schluessel");
    let db = kette(&url, &schluessel, 6).await;
    let (code, text) = audit("anker", &url, &schluessel);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("Anker geschrieben: Position 6"), "{text}");
    // The anchor file lives in the key file's directory, not in the database.
    assert_eq!(
        std::fs::read_dir(&v)
            .unwrap()
            .filter(|e| e.as_ref().unwrap().file_name().to_string_lossy().ends_with(".jsonl"))
            .count(),
        1
    );
    let (code, text) = audit("verify", &url, &schluessel);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("1 Anker bestätigt, der letzte bei Eintrag 6"), "{text}");

    if let Db::Sqlite(p) = &db {
        sqlx::raw_sql(
            "DROP TRIGGER zugriffsprotokoll_kein_loeschen; DELETE FROM zugriffsprotokoll WHERE id > 4;
             UPDATE protokoll_kopf SET zaehler = 4, letzter_hash = (SELECT hash FROM zugriffsprotokoll WHERE id = 4)",
        )
        .execute(p)
        .await
        .unwrap();
    }
    db.schliessen().await;
    let (code, text) = audit("verify", &url, &schluessel);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("GEBROCHEN bei Eintrag 5: Einträge 5 bis 6 fehlen"), "{text}");
    let _ = std::fs::remove_dir_all(&v);
}
