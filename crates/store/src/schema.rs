//! The schema as the database reports it, in one form for both backends, so that a test can
//! prove the SQLite and PostgreSQL migrations build the same tables, columns, keys and indexes.

use std::collections::{BTreeMap, BTreeSet};

use crate::{Db, StoreFehler};

#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Spalte {
    pub name: String,
    /// Canonical type: bigint, smallint, text, boolean, date, timestamptz, double, bytes.
    pub typ: String,
    pub nicht_null: bool,
    pub primaerschluessel: bool,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tabelle {
    pub spalten: Vec<Spalte>,
    /// (column, referenced table, referenced column)
    pub fremdschluessel: BTreeSet<(String, String, String)>,
    /// (unique, columns) of every index except the primary key.
    pub indizes: BTreeSet<(bool, Vec<String>)>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Schema {
    pub tabellen: BTreeMap<String, Tabelle>,
    pub trigger: BTreeSet<String>,
}

/// Maps both backends' type names onto one vocabulary.
pub fn kanonischer_typ(typ: &str) -> String {
    let t = typ.trim().to_ascii_lowercase();
    match t.as_str() {
        "integer" | "int" | "int8" | "bigint" => "bigint",
        "int2" | "smallint" => "smallint",
        "text" | "character varying" | "varchar" => "text",
        "bool" | "boolean" => "boolean",
        "date" => "date",
        "timestamptz" | "timestamp with time zone" => "timestamptz",
        "real" | "double precision" | "float8" | "double" => "double",
        "blob" | "bytea" => "bytes",
        _ => return t,
    }
    .to_string()
}

pub async fn lesen(db: &Db) -> Result<Schema, StoreFehler> {
    match db {
        Db::Sqlite(p) => sqlite(p).await,
        Db::Postgres(p) => postgres(p).await,
    }
}

async fn sqlite(p: &sqlx::SqlitePool) -> Result<Schema, StoreFehler> {
    let mut schema = Schema::default();
    let namen: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'")
            .fetch_all(p)
            .await?;
    for (name,) in namen {
        let mut t = Tabelle::default();
        let spalten: Vec<(String, String, i64, i64)> =
            sqlx::query_as("SELECT name, type, \"notnull\", pk FROM pragma_table_info($1)")
                .bind(&name)
                .fetch_all(p)
                .await?;
        for (n, typ, nn, pk) in spalten {
            t.spalten.push(Spalte {
                name: n,
                typ: kanonischer_typ(&typ),
                nicht_null: nn != 0 || pk != 0,
                primaerschluessel: pk != 0,
            });
        }
        let fks: Vec<(String, String, String)> =
            sqlx::query_as("SELECT \"from\", \"table\", \"to\" FROM pragma_foreign_key_list($1)")
                .bind(&name)
                .fetch_all(p)
                .await?;
        t.fremdschluessel.extend(fks);
        let indizes: Vec<(String, i64, String)> =
            sqlx::query_as("SELECT name, \"unique\", origin FROM pragma_index_list($1)")
                .bind(&name)
                .fetch_all(p)
                .await?;
        for (index, eindeutig, herkunft) in indizes {
            if herkunft == "pk" {
                continue;
            }
            let spalten: Vec<(String,)> = sqlx::query_as("SELECT name FROM pragma_index_info($1) ORDER BY seqno")
                .bind(&index)
                .fetch_all(p)
                .await?;
            t.indizes.insert((eindeutig != 0, spalten.into_iter().map(|(s,)| s).collect()));
        }
        t.spalten.sort();
        schema.tabellen.insert(name, t);
    }
    let trigger: Vec<(String,)> =
        sqlx::query_as("SELECT name FROM sqlite_master WHERE type = 'trigger'").fetch_all(p).await?;
    schema.trigger = trigger.into_iter().map(|(t,)| t).collect();
    Ok(schema)
}

async fn postgres(p: &sqlx::PgPool) -> Result<Schema, StoreFehler> {
    let mut schema = Schema::default();
    let namen: Vec<(String,)> = sqlx::query_as(
        "SELECT table_name::text FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'",
    )
    .fetch_all(p)
    .await?;
    for (name,) in namen {
        let mut t = Tabelle::default();
        let pk: Vec<(String,)> = sqlx::query_as(
            "SELECT a.attname::text FROM pg_index ix
             JOIN pg_class c ON c.oid = ix.indrelid
             JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = ANY(ix.indkey)
             WHERE ix.indisprimary AND c.relname = $1 AND c.relnamespace = current_schema()::regnamespace",
        )
        .bind(&name)
        .fetch_all(p)
        .await?;
        let spalten: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT column_name::text, data_type::text, is_nullable::text FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name = $1",
        )
        .bind(&name)
        .fetch_all(p)
        .await?;
        for (n, typ, nullable) in spalten {
            let ist_pk = pk.iter().any(|(x,)| *x == n);
            t.spalten.push(Spalte {
                name: n,
                typ: kanonischer_typ(&typ),
                nicht_null: nullable == "NO",
                primaerschluessel: ist_pk,
            });
        }
        let fks: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT a.attname::text, ziel.relname::text, af.attname::text FROM pg_constraint c
             JOIN pg_class t ON t.oid = c.conrelid
             JOIN pg_class ziel ON ziel.oid = c.confrelid
             JOIN LATERAL unnest(c.conkey, c.confkey) AS k(von, nach) ON true
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.von
             JOIN pg_attribute af ON af.attrelid = c.confrelid AND af.attnum = k.nach
             WHERE c.contype = 'f' AND t.relname = $1 AND t.relnamespace = current_schema()::regnamespace",
        )
        .bind(&name)
        .fetch_all(p)
        .await?;
        t.fremdschluessel.extend(fks);
        let indizes: Vec<(bool, String)> = sqlx::query_as(
            "SELECT ix.indisunique, array_to_string(array(
                 SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY AS k(attnum, ord)
                 JOIN pg_attribute a ON a.attrelid = ix.indrelid AND a.attnum = k.attnum ORDER BY k.ord), ',')
             FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid
             WHERE t.relname = $1 AND t.relnamespace = current_schema()::regnamespace AND NOT ix.indisprimary",
        )
        .bind(&name)
        .fetch_all(p)
        .await?;
        for (eindeutig, spalten) in indizes {
            t.indizes.insert((eindeutig, spalten.split(',').map(str::to_string).collect()));
        }
        t.spalten.sort();
        schema.tabellen.insert(name, t);
    }
    let trigger: Vec<(String,)> = sqlx::query_as(
        "SELECT DISTINCT t.tgname::text FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
         WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace",
    )
    .fetch_all(p)
    .await?;
    schema.trigger = trigger.into_iter().map(|(t,)| t).collect();
    Ok(schema)
}
