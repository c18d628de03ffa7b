//! D3 with group commit: every read of a case waits until its access-log row is durable, but
//! concurrent reads share one transaction (one fsync) instead of one each. A failed write fails
//! every read of the batch (fail closed).
//!
//! One entry per case, user and purpose and [`FENSTER_MINUTEN`] (issue 15/9): the pages and
//! fragments of one sitting (Akte, Profiling, the matching fragment, the Ziel page …) read the
//! same case for the same purpose; the log says once that the case was opened, not how many
//! requests the screen made. Another purpose, another user or a read after the window is a new
//! entry. The window is remembered per process: a second instance writes its own entry (more,
//! never fewer).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use chrono::{DateTime, TimeDelta, Utc};
use tokio::sync::{mpsc, oneshot};
use vierphasen_store::protokoll::{Schluessel, Zugriff, anhaengen_in};

use crate::{AppFehler, Schreiber};

/// Rows per commit at most; a batch takes whatever is waiting when the previous one finished.
const MAX_STAPEL: usize = 1024;

/// The time window in which repeated reads of a case by one user for one purpose are one entry.
pub const FENSTER_MINUTEN: i64 = 15;

/// Remembered windows from which on the expired ones are dropped.
const MIN_BEREINIGUNG: usize = 100_000;

/// (user, case, purpose) → when the last durable entry was written, and the size at which the
/// expired ones are dropped next (twice what stayed: amortised constant work per read, also
/// when a busy instance holds millions of open windows).
#[derive(Debug)]
struct Fenster {
    zuletzt: HashMap<(i64, i64, String), DateTime<Utc>>,
    bereinigen_ab: usize,
}

impl Default for Fenster {
    fn default() -> Self {
        Fenster { zuletzt: HashMap::new(), bereinigen_ab: MIN_BEREINIGUNG }
    }
}

type Auftrag = (Zugriff, oneshot::Sender<bool>);

#[derive(Debug, Clone)]
pub struct Protokollierer {
    sender: mpsc::Sender<Auftrag>,
    /// For a retention run's cut of the chain (issue 17/6).
    schluessel: Schluessel,
    fenster: Arc<Mutex<Fenster>>,
}

impl Protokollierer {
    /// `schluessel`: the HMAC key of the chain (issue 17/4).
    pub fn starten(schreiber: Schreiber, schluessel: Schluessel) -> Protokollierer {
        let (sender, empfaenger) = mpsc::channel(MAX_STAPEL * 4);
        tokio::spawn(schreiben(schreiber, schluessel.clone(), empfaenger));
        Protokollierer { sender, schluessel, fenster: Arc::default() }
    }

    pub(crate) fn schluessel(&self) -> &Schluessel {
        &self.schluessel
    }

    /// Returns once the row is committed (or an entry for the same user, case and purpose is
    /// durable from less than [`FENSTER_MINUTEN`] ago); an error means the read must not be
    /// answered.
    pub async fn protokollieren(&self, zugriff: Zugriff) -> Result<(), AppFehler> {
        let schluessel = (zugriff.benutzer_id, zugriff.kunde_id, zugriff.zweck.clone());
        let zeitpunkt = zugriff.zeitpunkt;
        if self.im_fenster(&schluessel, zeitpunkt) {
            return Ok(());
        }
        let (fertig, warten) = oneshot::channel();
        let ausfall = || AppFehler::NichtVerfuegbar(vierphasen_store::StoreFehler::NichtGespeichert);
        self.sender.send((zugriff, fertig)).await.map_err(|_| ausfall())?;
        match warten.await {
            Ok(true) => {
                self.merken(schluessel, zeitpunkt);
                Ok(())
            }
            _ => Err(ausfall()),
        }
    }

    fn im_fenster(&self, schluessel: &(i64, i64, String), zeitpunkt: DateTime<Utc>) -> bool {
        let fenster = self.fenster.lock().unwrap_or_else(|e| e.into_inner());
        fenster
            .zuletzt
            .get(schluessel)
            .is_some_and(|&t| t <= zeitpunkt && zeitpunkt - t < TimeDelta::minutes(FENSTER_MINUTEN))
    }

    fn merken(&self, schluessel: (i64, i64, String), zeitpunkt: DateTime<Utc>) {
        let mut fenster = self.fenster.lock().unwrap_or_else(|e| e.into_inner());
        if fenster.zuletzt.len() >= fenster.bereinigen_ab {
            fenster.zuletzt.retain(|_, &mut t| zeitpunkt - t < TimeDelta::minutes(FENSTER_MINUTEN));
            fenster.bereinigen_ab = (fenster.zuletzt.len() * 2).max(MIN_BEREINIGUNG);
        }
        fenster.zuletzt.insert(schluessel, zeitpunkt);
    }
}

async fn stapel_schreiben(
    schreiber: &Schreiber,
    schluessel: &Schluessel,
    zugriffe: &[Zugriff],
) -> Result<(), AppFehler> {
    let mut tx = schreiber.beginnen().await?;
    anhaengen_in(tx.as_mut(), schluessel, zugriffe).await?;
    tx.festschreiben().await
}

async fn schreiben(schreiber: Schreiber, schluessel: Schluessel, mut empfaenger: mpsc::Receiver<Auftrag>) {
    let mut stapel = Vec::with_capacity(MAX_STAPEL);
    while empfaenger.recv_many(&mut stapel, MAX_STAPEL).await > 0 {
        let (zugriffe, antworten): (Vec<Zugriff>, Vec<oneshot::Sender<bool>>) = stapel.drain(..).unzip();
        let ok = match stapel_schreiben(&schreiber, &schluessel, &zugriffe).await {
            Ok(()) => true,
            Err(e) => {
                tracing::error!(fehler = %e, anzahl = zugriffe.len(), "Zugriffsprotokoll konnte nicht geschrieben werden");
                false
            }
        };
        metrics::counter!("vierphasen_zugriffsprotokoll_zeilen").increment(if ok { zugriffe.len() as u64 } else { 0 });
        for a in antworten {
            let _ = a.send(ok);
        }
    }
}
