//! D3: the Zugriffsprotokoll is append-only and hash-chained; tampering is found.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic

use vierphasen_store::testdb as gemeinsam;

use chrono::{TimeZone, Utc};
use vierphasen_store::protokoll::{self, Schluessel, Zugriff};
use vierphasen_store::{migration, mit_pool};

pub(crate) fn zugriff(n: i64) -> Zugriff {
    Zugriff {
        zeitpunkt: Utc.with_ymd_and_hms(2026, 11, 24, 9, 0, 0).unwrap() + chrono::Duration::microseconds(n * 1_234_567),
        benutzer_id: 10 + n % 3,
        kunde_id: 100 + n,
        zweck: if n % 2 == 0 { "Beratung".into() } else { "Teamleitung-Qualitätsprüfung".into() },
    }
}

#[tokio::test]
async fn chain_is_intact_after_batches() {
    for t in gemeinsam::datenbanken().await {
        migration::anwenden(&t.db).await.unwrap();
        assert_eq!(protokoll::pruefen(&t.db).await.unwrap().eintraege, 0);
        protokoll::anhaengen(&t.db, &Schluessel::fuer_tests(), &(0..5).map(zugriff).collect::<Vec<_>>()).await.unwrap();
        protokoll::anhaengen(&t.db, &Schluessel::fuer_tests(), &[zugriff(5)]).await.unwrap();
        protokoll::anhaengen(&t.db, &Schluessel::fuer_tests(), &[]).await.unwrap();
        let bericht = protokoll::pruefen(&t.db).await.unwrap();
        assert!(bericht.intakt(), "{}: {bericht:?}", t.name);
        assert_eq!(bericht.eintraege, 6, "{}", t.name);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn rows_cannot_be_changed_through_sql() {
    for t in gemeinsam::datenbanken().await {
        migration::anwenden(&t.db).await.unwrap();
        protokoll::anhaengen(&t.db, &Schluessel::fuer_tests(), &[zugriff(1)]).await.unwrap();
        let update =
            mit_pool!(&t.db, p => sqlx::query("UPDATE zugriffsprotokoll SET zweck = 'x'").execute(p).await.map(|_| ()));
        let delete = mit_pool!(&t.db, p => sqlx::query("DELETE FROM zugriffsprotokoll").execute(p).await.map(|_| ()));
        assert!(update.unwrap_err().to_string().contains("unveränderlich"), "{}", t.name);
        assert!(delete.is_err(), "{}", t.name);
        t.aufraeumen().await;
    }
}

/// What an administrator could do: switch off the guard triggers and run `aenderung`.
pub(crate) async fn ohne_schutz(db: &vierphasen_store::Db, aenderung: &str) {
    let schutz_aus = match db.backend() {
        vierphasen_store::Backend::Sqlite => {
            "DROP TRIGGER IF EXISTS zugriffsprotokoll_kein_update; DROP TRIGGER IF EXISTS zugriffsprotokoll_kein_loeschen;"
        }
        vierphasen_store::Backend::Postgres => "ALTER TABLE zugriffsprotokoll DISABLE TRIGGER USER;",
    };
    let sql = sqlx::AssertSqlSafe(format!("{schutz_aus} {aenderung}"));
    mit_pool!(db, p => {
        sqlx::raw_sql(sql).execute(p).await.unwrap();
    });
}

/// An administrator who disables the guard and edits one row is still found out.
#[tokio::test]
async fn an_edited_row_is_reported() {
    for t in gemeinsam::datenbanken().await {
        migration::anwenden(&t.db).await.unwrap();
        protokoll::anhaengen(&t.db, &Schluessel::fuer_tests(), &(0..4).map(zugriff).collect::<Vec<_>>()).await.unwrap();
        ohne_schutz(&t.db, "UPDATE zugriffsprotokoll SET zweck = 'Neugier' WHERE id = 3").await;
        let (id, grund) = protokoll::pruefen(&t.db).await.unwrap().bruch.expect("Bruch gefunden");
        assert_eq!(id, 3, "{}", t.name);
        assert!(grund.contains("verändert"), "{}: {grund}", t.name);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn a_deleted_row_is_reported() {
    for t in gemeinsam::datenbanken().await {
        migration::anwenden(&t.db).await.unwrap();
        protokoll::anhaengen(&t.db, &Schluessel::fuer_tests(), &(0..4).map(zugriff).collect::<Vec<_>>()).await.unwrap();
        ohne_schutz(&t.db, "DELETE FROM zugriffsprotokoll WHERE id = 2").await;
        let (id, grund) = protokoll::pruefen(&t.db).await.unwrap().bruch.expect("Lücke gefunden");
        assert_eq!(id, 3, "{}", t.name);
        assert!(grund.contains("fehlt"), "{}: {grund}", t.name);
        ohne_schutz(&t.db, "DELETE FROM zugriffsprotokoll WHERE id >= 2").await;
        let (_, grund) = protokoll::pruefen(&t.db).await.unwrap().bruch.expect("Ende fehlt");
        assert!(grund.contains("gelöscht"), "{}: {grund}", t.name);
        t.aufraeumen().await;
    }
}
