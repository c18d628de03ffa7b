//! One transaction on either backend, and the `sql!` macro that runs one SQL text on it.
//!
//! Rows come back as tuples (`FromRow` for both backends); columns use only types both decode
//! alike: BIGINT ↔ i64, TEXT ↔ String, BOOLEAN ↔ bool, DATE ↔ NaiveDate,
//! TIMESTAMPTZ ↔ DateTime<Utc>, each also as Option.

use sqlx::{Postgres, Sqlite, Transaction};

use crate::{Db, StoreFehler};

#[derive(Debug)]
pub enum Tx {
    Sqlite(Transaction<'static, Sqlite>),
    Postgres(Transaction<'static, Postgres>),
}

impl Db {
    pub async fn begin(&self) -> Result<Tx, StoreFehler> {
        Ok(match self {
            Db::Sqlite(p) => Tx::Sqlite(p.begin().await?),
            Db::Postgres(p) => Tx::Postgres(p.begin().await?),
        })
    }
}

impl AsMut<Tx> for Tx {
    fn as_mut(&mut self) -> &mut Tx {
        self
    }
}

/// What `sql!` runs on: a `Tx` or anything that lends one (the app's batched writer).
pub fn als_tx<T: AsMut<Tx> + ?Sized>(t: &mut T) -> &mut Tx {
    t.as_mut()
}

impl Tx {
    pub async fn commit(self) -> Result<(), StoreFehler> {
        match self {
            Tx::Sqlite(t) => t.commit().await?,
            Tx::Postgres(t) => t.commit().await?,
        }
        Ok(())
    }
}

/// `sql!(tx, ausfuehren "UPDATE …", a, b)` → rows affected;
/// `sql!(tx, zeilen<(i64, String)> "SELECT …", a)` → Vec; `sql!(tx, zeile<…> …)` → Option;
/// `sql!(tx, wert<i64> "… RETURNING id", …)` → one value. All give `Result<_, StoreFehler>`;
/// `tx` is a `&mut` of a `Tx` or of something that lends one (`AsMut<Tx>`).
#[macro_export]
macro_rules! sql {
    (@lauf $tx:expr, $t:ident => $lauf:expr) => {{
        let r: Result<_, $crate::StoreFehler> = match $crate::als_tx($tx) {
            $crate::Tx::Sqlite($t) => $lauf.map_err(Into::into),
            $crate::Tx::Postgres($t) => $lauf.map_err(Into::into),
        };
        r
    }};
    ($tx:expr, ausfuehren $q:literal $(, $b:expr)* $(,)?) => {
        $crate::sql!(@lauf $tx, t => $crate::sqlx::query($q)$(.bind($b))*.execute(&mut **t).await.map(|r| r.rows_affected()))
    };
    ($tx:expr, zeilen<$ty:ty> $q:literal $(, $b:expr)* $(,)?) => {
        $crate::sql!(@lauf $tx, t => $crate::sqlx::query_as::<_, $ty>($q)$(.bind($b))*.fetch_all(&mut **t).await)
    };
    ($tx:expr, zeile<$ty:ty> $q:literal $(, $b:expr)* $(,)?) => {
        $crate::sql!(@lauf $tx, t => $crate::sqlx::query_as::<_, $ty>($q)$(.bind($b))*.fetch_optional(&mut **t).await)
    };
    ($tx:expr, wert<$ty:ty> $q:literal $(, $b:expr)* $(,)?) => {
        $crate::sql!(@lauf $tx, t => $crate::sqlx::query_scalar::<_, $ty>($q)$(.bind($b))*.fetch_one(&mut **t).await)
    };
}
