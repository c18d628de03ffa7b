//! Rows of the case tables as they are read (named columns, never positions).

use chrono::NaiveDate;

/// One id column (`SELECT id …`, `… AS id`).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct Id {
    pub id: i64,
}

/// An entry of the Fallakte stored as JSON (`profiling`, `ziel`, `strategie`, `gespraech`, …).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct InhaltZeile {
    pub id: i64,
    pub inhalt: String,
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct MeldungZeile {
    pub id: i64,
    pub beginn: NaiveDate,
    pub ende: Option<NaiveDate>,
    pub abmeldegrund: Option<String>,
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct NachtragZeile {
    pub vermerk_id: i64,
    pub datum: NaiveDate,
    pub text: String,
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct EinwilligungZeile {
    pub id: i64,
    pub umfang: String,
    pub erteilt_am: NaiveDate,
    pub widerrufen_am: Option<NaiveDate>,
}

#[derive(Debug, sqlx::FromRow)]
pub(crate) struct BgMitgliedZeile {
    pub kundennummer: String,
    pub bg_einwilligung_am: Option<NaiveDate>,
}
