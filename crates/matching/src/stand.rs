//! One published snapshot of all groups: readers take it (an `Arc` clone under a read lock held
//! for nanoseconds) and search without locks; a writer builds changed groups aside, then swaps
//! the snapshot. A reader thus sees a posting either before or after a change, never half of it,
//! and a search that starts after an update returned sees the update.

use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use crate::spalten::Spalten;

pub(crate) type Gruppen = Vec<Arc<Spalten>>;

#[derive(Debug)]
pub(crate) struct Veroeffentlicht<S> {
    aktuell: RwLock<Arc<Gruppen>>,
    /// Writers one at a time; the state is the writer's bookkeeping (id → groups).
    schreiber: Mutex<S>,
    /// Replaced snapshots a reader may still hold: freed here by the next writer once no reader
    /// holds them, so a search never pays for dropping a snapshot (B5: p99 under updates).
    abgeloest: Mutex<Vec<Arc<Gruppen>>>,
}

impl<S> Veroeffentlicht<S> {
    pub fn neu(gruppen: Gruppen, schreibzustand: S) -> Self {
        Veroeffentlicht {
            aktuell: RwLock::new(Arc::new(gruppen)),
            schreiber: Mutex::new(schreibzustand),
            abgeloest: Mutex::new(Vec::new()),
        }
    }

    pub fn lesen(&self) -> Arc<Gruppen> {
        Arc::clone(&self.aktuell.read().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    pub fn schreiber(&self) -> MutexGuard<'_, S> {
        self.schreiber.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// Publishes `geaendert` (group index → new group) in one step. Call with the writer lock held.
    pub fn veroeffentlichen(&self, geaendert: Vec<(usize, Spalten)>) {
        if geaendert.is_empty() {
            return;
        }
        let mut neu: Gruppen = self.lesen().as_ref().clone();
        for (i, g) in geaendert {
            neu[i] = Arc::new(g);
        }
        let alt = std::mem::replace(
            &mut *self.aktuell.write().unwrap_or_else(std::sync::PoisonError::into_inner),
            Arc::new(neu),
        );
        let mut abgeloest = self.abgeloest.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        abgeloest.retain(|g| Arc::strong_count(g) > 1);
        abgeloest.push(alt);
    }
}

/// Builds groups from rows in parallel (one thread per core, biggest groups first).
pub(crate) fn parallel_bauen<F>(anzahl: usize, bauen: F) -> Gruppen
where
    F: Fn(usize) -> Spalten + Sync,
{
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).min(anzahl.max(1));
    let naechste = std::sync::atomic::AtomicUsize::new(0);
    let mut ergebnis: Vec<Option<Arc<Spalten>>> = vec![None; anzahl];
    let teile: Vec<Vec<(usize, Spalten)>> = std::thread::scope(|s| {
        let griffe: Vec<_> = (0..threads)
            .map(|_| {
                s.spawn(|| {
                    let mut meine = Vec::new();
                    loop {
                        let i = naechste.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        if i >= anzahl {
                            break;
                        }
                        meine.push((i, bauen(i)));
                    }
                    meine
                })
            })
            .collect();
        griffe.into_iter().map(|g| g.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    });
    for (i, g) in teile.into_iter().flatten() {
        ergebnis[i] = Some(Arc::new(g));
    }
    ergebnis.into_iter().map(|g| g.unwrap_or_default()).collect()
}
