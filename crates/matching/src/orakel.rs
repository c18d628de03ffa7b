//! Brute force: every pair scored with the reference [`bewerten`]; what the index must equal.

use crate::bewertung::{Treffer, bewerten, vor};
use crate::typen::{Bewerberprofil, Stellenangebot, Tag};

fn beste(mut alle: Vec<Treffer>, k: usize) -> Vec<Treffer> {
    alle.sort_by(|a, b| {
        if vor((a.punkte, a.id), (b.punkte, b.id)) {
            std::cmp::Ordering::Less
        } else if a.punkte == b.punkte && a.id == b.id {
            std::cmp::Ordering::Equal
        } else {
            std::cmp::Ordering::Greater
        }
    });
    alle.truncate(k);
    alle
}

/// The top `k` postings for a profile by scoring all of them.
pub fn stellen_fuer(p: &Bewerberprofil, stellen: &[Stellenangebot], stichtag: Tag, k: usize) -> Vec<Treffer> {
    let alle = stellen
        .iter()
        .filter_map(|s| bewerten(p, s, stichtag).map(|e| Treffer { id: s.id, punkte: e.punkte, erklaerung: e }))
        .collect();
    beste(alle, k)
}

/// The top `k` profiles for a posting by scoring all of them.
pub fn profile_fuer(s: &Stellenangebot, profile: &[Bewerberprofil], stichtag: Tag, k: usize) -> Vec<Treffer> {
    let alle = profile
        .iter()
        .filter_map(|p| bewerten(p, s, stichtag).map(|e| Treffer { id: p.id, punkte: e.punkte, erklaerung: e }))
        .collect();
    beste(alle, k)
}

/// Share of `erwartet` found in `gefunden` (recall@k; 1.0 when nothing was expected).
pub fn recall(gefunden: &[Treffer], erwartet: &[Treffer]) -> f64 {
    if erwartet.is_empty() {
        return 1.0;
    }
    let n = erwartet.iter().filter(|e| gefunden.iter().any(|g| g.id == e.id)).count();
    n as f64 / erwartet.len() as f64
}
