//! Both backends' migrations build the same schema, and migrations are immutable once applied.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic

use vierphasen_store::testdb as gemeinsam;

use vierphasen_store::{Backend, migration, schema};

#[tokio::test]
async fn migrations_apply_once_and_build_the_same_schema_on_both_backends() {
    let mut schemata = Vec::new();
    for t in gemeinsam::datenbanken().await {
        let neu = migration::anwenden(&t.db).await.expect("Migrationen");
        assert_eq!(neu, migration::fuer(t.db.backend()).iter().map(|m| m.version).collect::<Vec<_>>(), "{}", t.name);
        assert!(
            migration::anwenden(&t.db).await.expect("zweimal").is_empty(),
            "{}: second run applies nothing",
            t.name
        );
        let s = schema::lesen(&t.db).await.expect("Schema");
        assert!(s.tabellen.contains_key("zugriffsprotokoll"), "{}", t.name);
        schemata.push((t.name, s));
        t.aufraeumen().await;
    }
    if std::env::var("TEST_DATABASE_URL").is_ok() {
        let (sqlite, postgres) = (&schemata[0].1, &schemata[1].1);
        for (name, tabelle) in &sqlite.tabellen {
            assert_eq!(Some(tabelle), postgres.tabellen.get(name), "Tabelle {name} weicht ab");
        }
        assert_eq!(sqlite.tabellen.keys().collect::<Vec<_>>(), postgres.tabellen.keys().collect::<Vec<_>>());
        assert_eq!(sqlite.trigger, postgres.trigger);
    }
    // Both backends carry the same list of migrations.
    let versionen = |b| migration::fuer(b).iter().map(|m| (m.version, m.name)).collect::<Vec<_>>();
    assert_eq!(versionen(Backend::Sqlite), versionen(Backend::Postgres));
}

#[tokio::test]
async fn a_changed_applied_migration_is_refused() {
    for t in gemeinsam::datenbanken().await {
        migration::anwenden(&t.db).await.expect("Migrationen");
        vierphasen_store::mit_pool!(&t.db, p => {
            sqlx::query("UPDATE schema_migration SET pruefsumme = 'anders' WHERE version = 1").execute(p).await.expect("update");
        });
        let fehler = migration::anwenden(&t.db).await.expect_err("verändert");
        assert!(fehler.to_string().contains("unveränderlich"), "{}: {fehler}", t.name);
        t.aufraeumen().await;
    }
}

#[test]
fn type_names_of_both_backends_map_to_one_vocabulary() {
    assert_eq!(schema::kanonischer_typ("INTEGER"), schema::kanonischer_typ("bigint"));
    assert_eq!(schema::kanonischer_typ("TIMESTAMPTZ"), schema::kanonischer_typ("timestamp with time zone"));
    assert_ne!(schema::kanonischer_typ("text"), schema::kanonischer_typ("bigint"));
}
