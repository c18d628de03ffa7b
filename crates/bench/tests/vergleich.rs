//! Tests of `crates/bench/src/http/vergleich.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use vierphasen_bench::http::vergleich::*;

#[test]
fn adresse_zerlegen() {
    let a = PgAdresse::zerlegen("postgres://postgres@127.0.0.1:5432/vierphasen_b3").unwrap();
    assert_eq!(a.name, "vierphasen_b3");
    assert_eq!(a.mit_name("postgres"), "postgres://postgres@127.0.0.1:5432/postgres");
    let a = PgAdresse::zerlegen("postgresql://u:p@h/b3?sslmode=disable").unwrap();
    assert_eq!(a.mit_name(PGBENCH_DB), "postgresql://u:p@h/vierphasen_pgbench?sslmode=disable");
    assert!(PgAdresse::zerlegen("postgres://h:5432").is_err());
    assert!(PgAdresse::zerlegen("postgres://h/x;DROP").is_err());
}

#[test]
fn tps_aus_pgbench() {
    let aus = "latency average = 10.1 ms\ninitial connection time = 20.2 ms\ntps = 3167.412 (without initial connection time)\n";
    assert_eq!(tps_lesen(aus), Some(3167.412));
    assert_eq!(tps_lesen("nichts"), None);
}
