//! `vierphasen audit verify` reports a row edited directly in the database (D3).
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic

use std::process::Command;

use vierphasen_store::protokoll::{self, Zugriff};
use vierphasen_store::{Db, migration};

fn verify(url: &str) -> (i32, String) {
    let o =
        Command::new(env!("CARGO_BIN_EXE_vierphasen")).args(["audit", "verify", "--database", url]).output().unwrap();
    (o.status.code().unwrap_or(-1), String::from_utf8_lossy(&o.stdout).into_owned())
}

#[tokio::test]
async fn audit_verify_finds_the_edited_row() {
    let pfad = std::env::temp_dir().join(format!("vierphasen_audit_{}.db", std::process::id()));
    let url = format!("sqlite://{}", pfad.display());
    let db = Db::verbinden(&url).await.unwrap();
    migration::anwenden(&db).await.unwrap();
    let eintraege: Vec<Zugriff> = (0..5)
        .map(|n| Zugriff { zeitpunkt: chrono::Utc::now(), benutzer_id: 1, kunde_id: 100 + n, zweck: "Beratung".into() })
        .collect();
    protokoll::anhaengen(&db, &eintraege).await.unwrap();

    let (code, text) = verify(&url);
    assert_eq!(code, 0, "{text}");
    assert!(text.contains("intakt: 5 Einträge"), "{text}");

    if let Db::Sqlite(p) = &db {
        sqlx::raw_sql(
            "DROP TRIGGER zugriffsprotokoll_kein_update; UPDATE zugriffsprotokoll SET kunde_id = 999 WHERE id = 2",
        )
        .execute(p)
        .await
        .unwrap();
    }
    db.schliessen().await;
    let (code, text) = verify(&url);
    assert_eq!(code, 1, "{text}");
    assert!(text.contains("GEBROCHEN bei Eintrag 2"), "{text}");
    let _ = std::fs::remove_file(&pfad);
}
