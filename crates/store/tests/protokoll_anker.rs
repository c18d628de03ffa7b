//! Issue 17/4: the keyed and anchored chain. An administrator with full database rights deletes
//! the newest rows and repairs the head, or rewrites a row and recomputes the chain (with plain
//! SHA-256 or a wrong key): the anchors and the key find it, on SQLite and PostgreSQL.

use std::path::PathBuf;

use chrono::Utc;
use vierphasen_store::protokoll::{self, Anker, Pruefbericht, Pruefung, Schluessel, Zugriff, anker};
use vierphasen_store::testdb::{self, Testdb};
use vierphasen_store::{Db, migration, mit_pool};

use crate::protokoll::{ohne_schutz, zugriff};

fn schluessel() -> Schluessel {
    Schluessel::aus_bytes(&[7; 32])
}

fn ankerdatei(t: &Testdb) -> PathBuf {
    let nanos = Utc::now().timestamp_nanos_opt().unwrap_or(0);
    std::env::temp_dir().join(format!("vierphasen_anker_{}_{}_{nanos}.jsonl", t.name, std::process::id()))
}

async fn pruefen(db: &Db, anker: &[Anker]) -> Pruefbericht {
    protokoll::pruefen_mit(db, Pruefung { schluessel: &schluessel(), anker, nur_bis_kopf: false }).await.unwrap()
}

/// 12 keyed rows, an anchor after row 10.
async fn kette(t: &Testdb, datei: &std::path::Path) -> Vec<Anker> {
    migration::anwenden(&t.db).await.unwrap();
    let k = schluessel();
    protokoll::anhaengen(&t.db, &k, &(0..6).map(zugriff).collect::<Vec<_>>()).await.unwrap();
    protokoll::anhaengen(&t.db, &k, &(6..10).map(zugriff).collect::<Vec<_>>()).await.unwrap();
    anker::setzen(&t.db, &k, datei).await.unwrap();
    protokoll::anhaengen(&t.db, &k, &(10..12).map(zugriff).collect::<Vec<_>>()).await.unwrap();
    let alle = anker::lesen(datei, &k).unwrap();
    assert_eq!(alle.len(), 1);
    assert_eq!(alle[0].position, 10);
    alle
}

type Zeile = (i64, chrono::DateTime<Utc>, i64, i64, String);

/// Rewrites the chain from row `ab` with `pruefsumme` (what an attacker can compute) and repairs
/// the head: every link and the head agree again.
async fn neu_berechnen(db: &Db, ab: i64, pruefsumme: impl Fn(i64, &Zugriff, &str) -> String) {
    let zeilen: Vec<Zeile> = mit_pool!(db, p => sqlx::query_as(
        "SELECT id, zeitpunkt, benutzer_id, kunde_id, zweck FROM zugriffsprotokoll WHERE id >= $1 ORDER BY id")
        .bind(ab).fetch_all(p).await.unwrap());
    let (mut vorher,): (String,) = mit_pool!(db, p => sqlx::query_as(
        "SELECT COALESCE(MAX(hash), '0000000000000000000000000000000000000000000000000000000000000000') FROM zugriffsprotokoll WHERE id = $1")
        .bind(ab - 1).fetch_one(p).await.unwrap());
    let mut letzte = ab - 1;
    for (id, zeitpunkt, benutzer_id, kunde_id, zweck) in zeilen {
        let h = pruefsumme(id, &Zugriff { zeitpunkt, benutzer_id, kunde_id, zweck }, &vorher);
        mit_pool!(db, p => sqlx::query("UPDATE zugriffsprotokoll SET vorgaenger_hash = $1, hash = $2 WHERE id = $3")
            .bind(&vorher).bind(&h).bind(id).execute(p).await.map(|_| ()).unwrap());
        vorher = h;
        letzte = id;
    }
    mit_pool!(db, p => sqlx::query("UPDATE protokoll_kopf SET zaehler = $1, letzter_hash = $2 WHERE id = 1")
        .bind(letzte).bind(&vorher).execute(p).await.map(|_| ()).unwrap());
}

#[tokio::test]
async fn untouched_keyed_chain_is_intact_with_its_anchor() {
    for t in testdb::datenbanken().await {
        let datei = ankerdatei(&t);
        let anker = kette(&t, &datei).await;
        let bericht = pruefen(&t.db, &anker).await;
        assert!(bericht.intakt(), "{}: {bericht:?}", t.name);
        assert_eq!((bericht.eintraege, bericht.hmac_ab, bericht.anker_geprueft), (12, 1, 1), "{}", t.name);
        // The key matters: with another one nothing verifies.
        let fremd = protokoll::pruefen_mit(
            &t.db,
            Pruefung { schluessel: &Schluessel::aus_bytes(&[8; 32]), anker: &[], nur_bis_kopf: false },
        )
        .await
        .unwrap();
        assert_eq!(fremd.bruch.map(|b| b.0), Some(1), "{}", t.name);
        // A forged anchor line is refused.
        let text = std::fs::read_to_string(&datei).unwrap().replace("\"position\":10", "\"position\":9");
        std::fs::write(&datei, text).unwrap();
        let fehler = anker::lesen(&datei, &schluessel()).unwrap_err().to_string();
        assert!(fehler.contains("Zeile 1"), "{fehler}");
        let _ = std::fs::remove_file(&datei);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn deleting_the_newest_rows_and_fixing_the_head_is_found_by_the_anchor() {
    for t in testdb::datenbanken().await {
        let datei = ankerdatei(&t);
        let anker = kette(&t, &datei).await;
        ohne_schutz(&t.db, "DELETE FROM zugriffsprotokoll WHERE id >= 9").await;
        mit_pool!(&t.db, p => sqlx::query(
            "UPDATE protokoll_kopf SET zaehler = 8, letzter_hash = (SELECT hash FROM zugriffsprotokoll WHERE id = 8) WHERE id = 1")
            .execute(p).await.map(|_| ()).unwrap());
        // Without the anchor the shortened chain looks whole: that is the attack.
        assert!(pruefen(&t.db, &[]).await.intakt(), "{}", t.name);
        let (id, grund) = pruefen(&t.db, &anker).await.bruch.expect("Kürzung gefunden");
        assert_eq!(id, 9, "{}: {grund}", t.name);
        assert!(grund.contains("Einträge 9 bis 10 fehlen") && grund.contains("gelöscht"), "{}: {grund}", t.name);
        // A backup taken at row 8 is not blamed for the newer anchor: it is left out and said so.
        let alt =
            protokoll::pruefen_mit(&t.db, Pruefung { schluessel: &schluessel(), anker: &anker, nur_bis_kopf: true })
                .await
                .unwrap();
        assert!(alt.intakt() && alt.anker_spaeter == 1, "{}: {alt:?}", t.name);
        let _ = std::fs::remove_file(&datei);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn a_row_rewritten_and_the_chain_recomputed_without_the_key_is_found() {
    for t in testdb::datenbanken().await {
        for (versuch, rechnen) in [
            ("SHA-256", Box::new(protokoll::hash) as Box<dyn Fn(i64, &Zugriff, &str) -> String>),
            (
                "falscher Schlüssel",
                Box::new(|id, z: &Zugriff, v: &str| protokoll::mac(&Schluessel::aus_bytes(&[9; 32]), id, z, v)),
            ),
        ] {
            let datei = ankerdatei(&t);
            let anker = kette(&t, &datei).await;
            ohne_schutz(&t.db, "UPDATE zugriffsprotokoll SET zweck = 'Neugier' WHERE id = 5").await;
            neu_berechnen(&t.db, 5, &rechnen).await;
            for mit in [&anker[..], &[][..]] {
                let (id, grund) = pruefen(&t.db, mit).await.bruch.expect("Neuberechnung gefunden");
                assert_eq!(id, 5, "{} {versuch}: {grund}", t.name);
                assert!(grund.contains("nachträglich verändert"), "{} {versuch}: {grund}", t.name);
            }
            let _ = std::fs::remove_file(&datei);
            // A fresh chain for the second attempt.
            mit_pool!(&t.db, p => sqlx::raw_sql(
                "DELETE FROM zugriffsprotokoll; UPDATE protokoll_kopf SET zaehler = 0, letzter_hash = '0000000000000000000000000000000000000000000000000000000000000000' WHERE id = 1")
                .execute(p).await.map(|_| ()).unwrap());
        }
        t.aufraeumen().await;
    }
}

/// Moving the switch position and recomputing everything with plain SHA-256 (a "chain from
/// before the key") is found through the anchor, which pins the switch position.
#[tokio::test]
async fn downgrading_the_chain_to_plain_sha256_is_found_by_the_anchor() {
    for t in testdb::datenbanken().await {
        let datei = ankerdatei(&t);
        let anker = kette(&t, &datei).await;
        ohne_schutz(&t.db, "UPDATE protokoll_kopf SET hmac_ab = 1000 WHERE id = 1").await;
        neu_berechnen(&t.db, 1, protokoll::hash).await;
        assert!(pruefen(&t.db, &[]).await.intakt(), "{}: ohne Anker nicht erkennbar", t.name);
        let (_, grund) = pruefen(&t.db, &anker).await.bruch.expect("Umschaltpunkt verändert");
        assert!(grund.contains("Umschaltpunkt"), "{}: {grund}", t.name);
        let _ = std::fs::remove_file(&datei);
        t.aufraeumen().await;
    }
}

/// A database from before migration 10: its plain rows still verify, new rows are keyed, and a
/// rewrite of the plain part breaks the first keyed row (its MAC covers the link).
#[tokio::test]
async fn a_chain_from_before_the_key_still_verifies_and_is_pinned() {
    for t in testdb::datenbanken().await {
        mit_pool!(&t.db, p => {
            sqlx::raw_sql("CREATE TABLE schema_migration (version BIGINT NOT NULL PRIMARY KEY, name TEXT NOT NULL, pruefsumme TEXT NOT NULL, angewendet_am TIMESTAMPTZ NOT NULL)")
                .execute(p).await.unwrap();
            for m in migration::fuer(t.db.backend()).iter().filter(|m| m.version < 10) {
                sqlx::raw_sql(sqlx::AssertSqlSafe(m.sql)).execute(p).await.unwrap();
                sqlx::query("INSERT INTO schema_migration (version, name, pruefsumme, angewendet_am) VALUES ($1, $2, $3, $4)")
                    .bind(m.version).bind(m.name).bind(vierphasen_store::sha256_hex(m.sql)).bind(Utc::now())
                    .execute(p).await.unwrap();
            }
            // Three rows as the unkeyed version wrote them.
            let mut vorher = "0".repeat(64);
            for id in 1..=3 {
                let z = zugriff(id);
                let h = protokoll::hash(id, &z, &vorher);
                sqlx::query("INSERT INTO zugriffsprotokoll (id, zeitpunkt, benutzer_id, kunde_id, zweck, vorgaenger_hash, hash) VALUES ($1, $2, $3, $4, $5, $6, $7)")
                    .bind(id).bind(z.zeitpunkt).bind(z.benutzer_id).bind(z.kunde_id).bind(&z.zweck).bind(&vorher).bind(&h)
                    .execute(p).await.unwrap();
                vorher = h;
            }
            sqlx::query("UPDATE protokoll_kopf SET zaehler = 3, letzter_hash = $1").bind(&vorher).execute(p).await.unwrap();
        });
        let angewendet = migration::anwenden(&t.db).await.unwrap();
        assert_eq!(angewendet.first(), Some(&10), "{}", t.name);
        let k = schluessel();
        protokoll::anhaengen(&t.db, &k, &(4..7).map(zugriff).collect::<Vec<_>>()).await.unwrap();
        let bericht = pruefen(&t.db, &[]).await;
        assert!(bericht.intakt(), "{}: {bericht:?}", t.name);
        assert_eq!((bericht.eintraege, bericht.hmac_ab), (6, 4), "{}", t.name);

        ohne_schutz(&t.db, "UPDATE zugriffsprotokoll SET zweck = 'Neugier' WHERE id = 2").await;
        // The attacker recomputes the plain part (and the link of row 4, whose MAC he cannot).
        neu_berechnen(
            &t.db,
            2,
            |id, z, v| if id < 4 { protokoll::hash(id, z, v) } else { "f".repeat(64) + &id.to_string() },
        )
        .await;
        let (id, grund) = pruefen(&t.db, &[]).await.bruch.expect("Bruch gefunden");
        assert_eq!(id, 4, "{}: {grund}", t.name);
        t.aufraeumen().await;
    }
}
