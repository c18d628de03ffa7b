//! Use cases of vierphasen (ARCHITECTURE.md "How a request flows"): open the transaction, load,
//! check permission (domain), apply the domain rule, write state + Verlauf + access log, commit,
//! enqueue follow-ups. The only place that combines domain and store.

pub mod arbeiter;
pub mod aufbewahrung;
pub mod datenschutz;
pub mod demo;
pub mod dienststelle;
pub mod fall;
pub mod fehler;
pub mod geheimnis;
pub mod grenzen;
pub mod kenntnis;
pub mod konto;
pub mod kontopflege;
pub mod passwort;
pub mod plz;
pub mod posteingang;
pub mod profil;
pub mod protokollierer;
pub mod schreiber;
pub mod sitzungen;
pub mod stellen;
pub mod teams;
pub mod termine;
pub mod totp;
pub mod uebergabe;
pub mod vertretung;
pub mod zweiter_faktor;

use std::sync::Arc;

use chrono::{DateTime, NaiveDate, Utc};
use vierphasen_domain::Katalog;
use vierphasen_domain::aufbewahrung::Fristen;
use vierphasen_store::Db;

pub use fehler::{AlsIntern, AppFehler, Intern, Kontext};
pub use protokollierer::Protokollierer;
pub use schreiber::Schreiber;

/// The clock of the application (tests and the demo set it).
pub type Uhr = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

#[derive(Clone)]
pub struct App {
    pub db: Db,
    pub katalog: &'static Katalog,
    pub protokoll: Protokollierer,
    pub schreiber: Schreiber,
    /// §8.4: the matching index, kept in step with the database.
    pub matching: Arc<stellen::Matching>,
    uhr: Uhr,
    /// Lifetime of a new API token (`konto::TOKEN_GUELTIGKEIT` unless configured).
    pub token_gueltigkeit: chrono::TimeDelta,
    /// Retention periods (issue 17/6; the shipped defaults unless configured).
    pub fristen: Arc<Fristen>,
}

impl std::fmt::Debug for App {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("App").field("db", &self.db.backend()).finish_non_exhaustive()
    }
}

impl App {
    /// As [`App::starten_mit`] with the fixed, publicly known test key of the access log
    /// (`Schluessel::fuer_tests`): for tests and benchmarks. The command line starts the
    /// application with the key from its key file.
    pub async fn starten(db: Db) -> Result<App, AppFehler> {
        App::starten_mit(db, vierphasen_store::protokoll::Schluessel::fuer_tests()).await
    }

    /// Migrates the database and starts the access-log writer, whose chain is keyed with
    /// `schluessel` (issue 17/4).
    pub async fn starten_mit(db: Db, schluessel: vierphasen_store::protokoll::Schluessel) -> Result<App, AppFehler> {
        vierphasen_store::migration::anwenden(&db).await?;
        let katalog = Katalog::standard().map_err(|e| AppFehler::intern("Katalog laden", e))?;
        let schreiber = Schreiber::starten(db.clone());
        let protokoll = Protokollierer::starten(schreiber.clone(), schluessel);
        // Fonts and templates of the PDF documents load in the background, not on the first print.
        drop(tokio::task::spawn_blocking(vierphasen_documents::vorbereiten));
        let heute = vierphasen_domain::datum::berlin_datum(Utc::now());
        let mut tx = db.begin().await?;
        fall::namenssuche::nachtragen(&mut tx).await?;
        tx.commit().await?;
        let mut tx = db.begin().await?;
        let matching = Arc::new(stellen::Matching::aufbauen(&mut tx, katalog, heute).await?);
        drop(tx);
        Ok(App {
            db,
            katalog,
            protokoll,
            schreiber,
            matching,
            uhr: Arc::new(Utc::now),
            token_gueltigkeit: konto::TOKEN_GUELTIGKEIT,
            fristen: Arc::new(Fristen::standard()),
        })
    }

    pub fn mit_uhr(mut self, uhr: Uhr) -> App {
        self.uhr = uhr;
        self
    }

    pub fn jetzt(&self) -> DateTime<Utc> {
        (self.uhr)()
    }

    /// Today in Germany: the Stichtag of every rule.
    pub fn heute(&self) -> NaiveDate {
        vierphasen_domain::datum::berlin_datum(self.jetzt())
    }
}
