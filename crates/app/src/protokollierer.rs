//! D3 with group commit: every read of a case waits until its access-log row is durable, but
//! concurrent reads share one transaction (one fsync) instead of one each. A failed write fails
//! every read of the batch (fail closed).

use tokio::sync::{mpsc, oneshot};
use vierphasen_store::protokoll::{Schluessel, Zugriff, anhaengen_in};

use crate::{AppFehler, Schreiber};

/// Rows per commit at most; a batch takes whatever is waiting when the previous one finished.
const MAX_STAPEL: usize = 1024;

type Auftrag = (Zugriff, oneshot::Sender<bool>);

#[derive(Debug, Clone)]
pub struct Protokollierer {
    sender: mpsc::Sender<Auftrag>,
    /// For a retention run's cut of the chain (issue 17/6).
    schluessel: Schluessel,
}

impl Protokollierer {
    /// `schluessel`: the HMAC key of the chain (issue 17/4).
    pub fn starten(schreiber: Schreiber, schluessel: Schluessel) -> Protokollierer {
        let (sender, empfaenger) = mpsc::channel(MAX_STAPEL * 4);
        tokio::spawn(schreiben(schreiber, schluessel.clone(), empfaenger));
        Protokollierer { sender, schluessel }
    }

    pub(crate) fn schluessel(&self) -> &Schluessel {
        &self.schluessel
    }

    /// Returns once the row is committed; an error means the read must not be answered.
    pub async fn protokollieren(&self, zugriff: Zugriff) -> Result<(), AppFehler> {
        let (fertig, warten) = oneshot::channel();
        let ausfall = || AppFehler::NichtVerfuegbar(vierphasen_store::StoreFehler::NichtGespeichert);
        self.sender.send((zugriff, fertig)).await.map_err(|_| ausfall())?;
        match warten.await {
            Ok(true) => Ok(()),
            _ => Err(ausfall()),
        }
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
