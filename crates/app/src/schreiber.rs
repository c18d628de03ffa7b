//! Group commit for SQLite: every commit is an fsync (~350/s on our machines), so changes and
//! access-log rows from concurrent requests share one transaction. One writer task owns the
//! transaction and lends it to one use case at a time inside a SAVEPOINT: a use case that fails
//! rolls back only its own savepoint; the batch commits when no request is waiting (or after
//! `MAX_STAPEL`), and every use case of the batch returns only after that commit (durable).
//! PostgreSQL groups concurrent commits itself: there each use case has its own transaction.

use tokio::sync::{mpsc, oneshot};
use vierphasen_store::{Db, StoreFehler, Tx, sql};

use crate::AppFehler;

const MAX_STAPEL: usize = 256;

type Anfrage = oneshot::Sender<SchreibTx>;

#[derive(Debug, Clone)]
pub enum Schreiber {
    Direkt(Db),
    Gebuendelt(mpsc::Sender<Anfrage>),
}

/// A write transaction: its own (PostgreSQL) or lent by the writer task (SQLite).
#[derive(Debug)]
pub struct SchreibTx {
    tx: Option<Tx>,
    rueckgabe: Option<oneshot::Sender<(Tx, bool)>>,
    dauerhaft: Option<oneshot::Receiver<bool>>,
}

impl AsMut<Tx> for SchreibTx {
    fn as_mut(&mut self) -> &mut Tx {
        match self.tx.as_mut() {
            Some(tx) => tx,
            // `tx` is only taken by `festschreiben(self)` and `drop`.
            None => unreachable!("Schreibtransaktion nach dem Abschluss benutzt"),
        }
    }
}

fn nicht_gespeichert() -> AppFehler {
    AppFehler::NichtVerfuegbar(StoreFehler::NichtGespeichert)
}

impl SchreibTx {
    /// Commits (own transaction) or hands the transaction back and waits for the batch's commit.
    pub async fn festschreiben(mut self) -> Result<(), AppFehler> {
        let tx = self.tx.take().ok_or_else(nicht_gespeichert)?;
        match (self.rueckgabe.take(), self.dauerhaft.take()) {
            (Some(rueckgabe), Some(dauerhaft)) => {
                rueckgabe.send((tx, true)).map_err(|_| nicht_gespeichert())?;
                match dauerhaft.await {
                    Ok(true) => Ok(()),
                    _ => Err(nicht_gespeichert()),
                }
            }
            _ => Ok(tx.commit().await?),
        }
    }
}

impl Drop for SchreibTx {
    /// A use case that ends without `festschreiben` (an error, a refusal) gives the lent
    /// transaction back so that only its savepoint is rolled back.
    fn drop(&mut self) {
        if let (Some(tx), Some(rueckgabe)) = (self.tx.take(), self.rueckgabe.take()) {
            let _ = rueckgabe.send((tx, false));
        }
    }
}

impl Schreiber {
    pub fn starten(db: Db) -> Schreiber {
        match db {
            Db::Sqlite(_) => {
                let (sender, empfaenger) = mpsc::channel(MAX_STAPEL * 4);
                tokio::spawn(buendeln(db, empfaenger));
                Schreiber::Gebuendelt(sender)
            }
            Db::Postgres(_) => Schreiber::Direkt(db),
        }
    }

    pub async fn beginnen(&self) -> Result<SchreibTx, AppFehler> {
        match self {
            Schreiber::Direkt(db) => Ok(SchreibTx { tx: Some(db.begin().await?), rueckgabe: None, dauerhaft: None }),
            Schreiber::Gebuendelt(sender) => {
                let (antwort, warten) = oneshot::channel();
                sender.send(antwort).await.map_err(|_| nicht_gespeichert())?;
                warten.await.map_err(|_| nicht_gespeichert())
            }
        }
    }
}

/// Lends `tx` to one use case inside a savepoint; returns the transaction (None if it was lost)
/// and whether the use case's work stays in the batch.
async fn verleihen(mut tx: Tx, anfrage: Anfrage, warten: &mut Vec<oneshot::Sender<bool>>) -> Option<Tx> {
    sql!(&mut tx, ausfuehren "SAVEPOINT schritt").ok()?;
    let (rueckgabe, zurueck) = oneshot::channel();
    let (bestaetigen, dauerhaft) = oneshot::channel();
    let leihe = SchreibTx { tx: Some(tx), rueckgabe: Some(rueckgabe), dauerhaft: Some(dauerhaft) };
    if let Err(mut l) = anfrage.send(leihe) {
        // The request is gone (client disconnected): take the transaction back unused.
        l.rueckgabe = None;
        let mut tx = l.tx.take()?;
        sql!(&mut tx, ausfuehren "RELEASE SAVEPOINT schritt").ok()?;
        return Some(tx);
    }
    let (mut tx, behalten) = zurueck.await.ok()?;
    if behalten {
        sql!(&mut tx, ausfuehren "RELEASE SAVEPOINT schritt").ok()?;
        warten.push(bestaetigen);
    } else {
        sql!(&mut tx, ausfuehren "ROLLBACK TO SAVEPOINT schritt").ok()?;
        sql!(&mut tx, ausfuehren "RELEASE SAVEPOINT schritt").ok()?;
    }
    Some(tx)
}

async fn buendeln(db: Db, mut empfaenger: mpsc::Receiver<Anfrage>) {
    while let Some(erste) = empfaenger.recv().await {
        let mut warten = Vec::new();
        let mut tx = match db.begin().await {
            Ok(tx) => Some(tx),
            Err(e) => {
                tracing::error!(fehler = %e, "Schreibtransaktion konnte nicht beginnen");
                continue;
            }
        };
        let mut naechste = Some(erste);
        let mut anzahl = 0;
        while let Some(anfrage) = naechste.take() {
            let Some(t) = tx.take() else { break };
            tx = verleihen(t, anfrage, &mut warten).await;
            anzahl += 1;
            if anzahl < MAX_STAPEL {
                naechste = empfaenger.try_recv().ok();
            }
        }
        let ok = match tx {
            Some(t) => match t.commit().await {
                Ok(()) => true,
                Err(e) => {
                    tracing::error!(fehler = %e, anzahl, "Sammel-Commit fehlgeschlagen");
                    false
                }
            },
            None => {
                tracing::error!(anzahl, "Schreibtransaktion verloren; Stapel verworfen");
                false
            }
        };
        metrics::counter!("vierphasen_sammel_commits").increment(1);
        metrics::histogram!("vierphasen_sammel_commit_groesse").record(warten.len() as f64);
        for w in warten {
            let _ = w.send(ok);
        }
    }
}
