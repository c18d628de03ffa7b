//! Migration 0006 (issue 12): stored profiling versions and ZAV referrals of the former format
//! read as the new facts, on both backends.

use serde_json::{Value, json};
use vierphasen_store::testdb as gemeinsam;
use vierphasen_store::{migration, mit_pool};

/// One case with two profiling versions (old FbW flag true and false, one without
/// Standortbestimmung) and two referrals (Managementvermittlung, Künstlervermittlung).
const ALTE_ZEILEN: &str = r#"
INSERT INTO dienststelle (id, name, rechtskreis, konfiguration, erstellt_um)
    VALUES (1, 'Agentur', 'SGB_III', '{}', '2026-01-01 00:00:00+00');
INSERT INTO benutzer (id, dienststelle_id, login, name, rolle, passwort_hash, aktiv, erstellt_um)
    VALUES (1, 1, 'vfk', 'VFK', 'vfk', 'x', TRUE, '2026-01-01 00:00:00+00');
INSERT INTO kunde (id, kundennummer, dienststelle_id, vorname, nachname, geburtsdatum, rechtskreis, segment,
                   gesperrt, erstellt_um, geaendert_um)
    VALUES (1, 'K-1', 1, 'A', 'B', '1980-01-01', 'SGB_III', 'AV', FALSE, '2026-01-01 00:00:00+00', '2026-01-01 00:00:00+00');
INSERT INTO profiling (id, kunde_id, gespeichert_am, erstellt_von, erstellt_um, inhalt) VALUES
    (1, 1, '2026-01-01', 1, '2026-01-01 00:00:00+00',
     '{"gespeichert_am":"2026-01-01","standortbestimmung":{"datum":"2026-01-01","prognose_monate":20,"fazit":"x","fbw_ueber_9_monate":true}}'),
    (2, 1, '2026-01-02', 1, '2026-01-02 00:00:00+00',
     '{"gespeichert_am":"2026-01-02","standortbestimmung":{"datum":"2026-01-02","prognose_monate":8,"fazit":"y","fbw_ueber_9_monate":false}}'),
    (3, 1, '2026-01-03', 1, '2026-01-03 00:00:00+00', '{"gespeichert_am":"2026-01-03"}');
INSERT INTO auftrag (id, kunde_id, datum, leistung, erledigt, erstellt_von, erstellt_um, inhalt) VALUES
    (1, 1, '2026-01-01', 'zav_managementvermittlung', FALSE, 1, '2026-01-01 00:00:00+00',
     '{"datum":"2026-01-01","leistung":"zav_managementvermittlung","zav":{"fuehrungserfahrung_jahre":4.0}}'),
    (2, 1, '2026-01-01', 'zav_kuenstlervermittlung', FALSE, 1, '2026-01-01 00:00:00+00',
     '{"datum":"2026-01-01","leistung":"zav_kuenstlervermittlung","zav":{"kuenstlerbereich":"buehne"}}');
"#;

async fn inhalte(db: &vierphasen_store::Db, tabelle: &str) -> Vec<Value> {
    let sql = sqlx::AssertSqlSafe(format!("SELECT inhalt FROM {tabelle} ORDER BY id"));
    let zeilen: Vec<(String,)> = mit_pool!(db, p => sqlx::query_as(sql).fetch_all(p).await.unwrap());
    zeilen.iter().map(|(t,)| serde_json::from_str(t).unwrap()).collect()
}

#[tokio::test]
async fn fbw_flag_and_current_leadership_are_migrated() {
    for t in gemeinsam::datenbanken().await {
        migration::anwenden(&t.db).await.unwrap();
        let m6 = migration::fuer(t.db.backend()).iter().find(|m| m.version == 6).expect("0006_fakten");
        // The rows as written before 0006, then 0006 itself once more.
        mit_pool!(&t.db, p => {
            sqlx::raw_sql(ALTE_ZEILEN).execute(p).await.unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(m6.sql)).execute(p).await.unwrap();
        });
        let profiling = inhalte(&t.db, "profiling").await;
        // PL2: the old flag becomes `prognose_nur_wegen_fbw`; the duration stays unknown.
        assert_eq!(
            profiling[0]["standortbestimmung"],
            json!({ "datum": "2026-01-01", "prognose_monate": 20, "fazit": "x", "prognose_nur_wegen_fbw": true }),
            "{}",
            t.name
        );
        assert_eq!(profiling[1]["standortbestimmung"]["prognose_nur_wegen_fbw"], json!(false), "{}", t.name);
        assert!(profiling[1]["standortbestimmung"].get("fbw_ueber_9_monate").is_none(), "{}", t.name);
        assert_eq!(profiling[2], json!({ "gespeichert_am": "2026-01-03" }), "{}", t.name);
        // U2: a Managementvermittlung referral keeps the years as current leadership experience.
        let auftraege = inhalte(&t.db, "auftrag").await;
        assert_eq!(
            auftraege[0]["zav"],
            json!({ "fuehrungserfahrung_jahre": 4.0, "fuehrungserfahrung_aktuell": true }),
            "{}",
            t.name
        );
        assert_eq!(auftraege[1]["zav"], json!({ "kuenstlerbereich": "buehne" }), "{}", t.name);
        t.aufraeumen().await;
    }
}
