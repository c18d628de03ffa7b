//! Login rate limit (answered with 429): sliding window per key, e.g. per login name or address.

use std::collections::{HashMap, VecDeque};
use std::sync::{Mutex, PoisonError};
use std::time::{Duration, Instant};

/// Every this many calls of `versuch`, keys without attempts in the window are dropped.
const AUFRAEUMEN_ALLE: u32 = 1024;

#[derive(Debug, Default)]
struct Zustand {
    /// Per key the times of the most recent attempts inside the window, oldest first, at most `max`.
    versuche: HashMap<String, VecDeque<Instant>>,
    aufrufe: u32,
}

/// Allows at most `max` attempts per key within any window of length `fenster`.
#[derive(Debug)]
pub struct Drossel {
    max: u32,
    fenster: Duration,
    zustand: Mutex<Zustand>,
}

impl Drossel {
    pub fn neu(max: u32, fenster: Duration) -> Self {
        Self { max, fenster, zustand: Mutex::new(Zustand::default()) }
    }

    /// Records an attempt for `schluessel` at `jetzt`; true if it is within the limit.
    ///
    /// Refused attempts count too, so a client that keeps trying stays blocked until it pauses
    /// for a whole window.
    pub fn versuch(&self, schluessel: &str, jetzt: Instant) -> bool {
        let mut zustand = self.zustand.lock().unwrap_or_else(PoisonError::into_inner);
        zustand.aufrufe += 1;
        if zustand.aufrufe >= AUFRAEUMEN_ALLE {
            zustand.aufrufe = 0;
            let fenster = self.fenster;
            zustand.versuche.retain(|_, zeiten| zeiten.back().is_some_and(|t| im_fenster(*t, jetzt, fenster)));
        }
        if self.max == 0 {
            return false;
        }
        let zeiten = zustand.versuche.entry(schluessel.to_owned()).or_default();
        while zeiten.front().is_some_and(|t| !im_fenster(*t, jetzt, self.fenster)) {
            zeiten.pop_front();
        }
        let erlaubt = zeiten.len() < self.max as usize;
        zeiten.push_back(jetzt);
        // Only the newest `max` attempts matter for the decision: memory per key stays bounded.
        while zeiten.len() > self.max as usize {
            zeiten.pop_front();
        }
        erlaubt
    }

    /// Forgets all attempts for `schluessel`, e.g. after a successful login.
    pub fn zuruecksetzen(&self, schluessel: &str) {
        self.zustand.lock().unwrap_or_else(PoisonError::into_inner).versuche.remove(schluessel);
    }
}

fn im_fenster(zeit: Instant, jetzt: Instant, fenster: Duration) -> bool {
    jetzt.saturating_duration_since(zeit) < fenster
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;

    const S: Duration = Duration::from_secs(1);

    #[test]
    fn grenze_und_fenster() {
        let d = Drossel::neu(3, 60 * S);
        let t0 = Instant::now();
        assert!(d.versuch("anna", t0));
        assert!(d.versuch("anna", t0 + S));
        assert!(d.versuch("anna", t0 + 2 * S));
        assert!(!d.versuch("anna", t0 + 3 * S));
        // other keys are independent
        assert!(d.versuch("bert", t0 + 3 * S));
        // the window slides: at t0+60 the attempts at t0+1, +2 and the refused one at +3 still count
        assert!(!d.versuch("anna", t0 + 60 * S));
        assert!(d.versuch("anna", t0 + 63 * S));
    }

    #[test]
    fn dauerversuche_bleiben_gesperrt() {
        let d = Drossel::neu(2, 10 * S);
        let t0 = Instant::now();
        assert!(d.versuch("x", t0));
        assert!(d.versuch("x", t0));
        for i in 1..30 {
            assert!(!d.versuch("x", t0 + i * S), "{i}");
        }
        assert!(d.versuch("x", t0 + 40 * S));
    }

    #[test]
    fn zuruecksetzen_gibt_frei() {
        let d = Drossel::neu(1, 60 * S);
        let t0 = Instant::now();
        assert!(d.versuch("anna", t0));
        assert!(!d.versuch("anna", t0));
        d.zuruecksetzen("anna");
        assert!(d.versuch("anna", t0));
    }

    #[test]
    fn null_erlaubt_nichts() {
        let d = Drossel::neu(0, 60 * S);
        assert!(!d.versuch("anna", Instant::now()));
    }

    #[test]
    fn speicher_bleibt_begrenzt() {
        let d = Drossel::neu(5, 10 * S);
        let t0 = Instant::now();
        for i in 0..2000 {
            d.versuch(&format!("k{i}"), t0);
        }
        let spaeter = t0 + 11 * S;
        for _ in 0..(AUFRAEUMEN_ALLE as usize) {
            d.versuch("neu", spaeter);
        }
        let zustand = d.zustand.lock().unwrap();
        assert!(zustand.versuche.len() <= 1, "{}", zustand.versuche.len());
        assert!(zustand.versuche.values().all(|z| z.len() <= 5));
    }

    #[test]
    fn vergiftetes_mutex() {
        let d = std::sync::Arc::new(Drossel::neu(1, 60 * S));
        let d2 = d.clone();
        let _ = std::thread::spawn(move || {
            let _g = d2.zustand.lock().unwrap();
            panic!("vergiften");
        })
        .join();
        assert!(d.zustand.is_poisoned());
        let t0 = Instant::now();
        assert!(d.versuch("anna", t0));
        assert!(!d.versuch("anna", t0));
        d.zuruecksetzen("anna");
        assert!(d.versuch("anna", t0));
    }
}
