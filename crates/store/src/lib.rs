#![doc = include_str!("../README.md")]

mod fehler;
pub mod migration;
pub mod protokoll;
pub mod schema;
pub mod sicherung;
/// Fresh databases per test (SQLite file; PostgreSQL from `TEST_DATABASE_URL`) for the tests of
/// store, app and web.
#[doc(hidden)]
pub mod testdb;
mod tx;
mod verbinden;

pub use fehler::StoreFehler;
pub use tx::{Tx, als_tx};
pub use verbinden::{Backend, Db};

// The `sql!` macro names these paths.
#[doc(hidden)]
pub use sqlx;

/// SHA-256 as lower-case hex (migration checksums, the access log's chain, token hashes, kept
/// documents).
/// A name part unique among this machine's processes and calls (process id, counter, nanoseconds),
/// for temporary files and databases.
pub fn eindeutig() -> String {
    static ZAEHLER: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let nanos =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map(|d| d.subsec_nanos()).unwrap_or(0);
    format!("{}_{}_{nanos}", std::process::id(), ZAEHLER.fetch_add(1, std::sync::atomic::Ordering::Relaxed))
}

pub fn sha256_hex(daten: impl AsRef<[u8]>) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(daten.as_ref()).iter().map(|b| format!("{b:02x}")).collect()
}

/// Runs the same block on whichever pool the database has (the SQL text is the same for both).
#[macro_export]
macro_rules! mit_pool {
    ($db:expr, $pool:ident => $body:expr) => {
        match $db {
            $crate::Db::Sqlite($pool) => $body,
            $crate::Db::Postgres($pool) => $body,
        }
    };
}
