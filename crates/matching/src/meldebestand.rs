//! P6: who was registered as job seeker when, by Zielberuf and place — the BAC's job seekers for
//! every month of its trend, also those who have left since (the profile index holds today's
//! matchingfähige profiles only).

use std::collections::HashMap;
use std::sync::{Arc, PoisonError, RwLock};

use vierphasen_domain::Fallakte;
use vierphasen_domain::katalog::KldbCode;

use crate::bewertung::{einheitsvektor, entfernung_km};
use crate::stammdaten::Stammdaten;
use crate::typen::{Ort, Tag};

/// A stretch of a registration (C1/C2 `meldungen`) with one Zielberuf (P1): from `von` until
/// the day before `bis` (none: still registered).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Meldezeit {
    pub beruf: KldbCode,
    pub von: Tag,
    pub bis: Option<Tag>,
}

impl Meldezeit {
    /// Registered with this Zielberuf on `t`.
    pub fn umfasst(&self, t: Tag) -> bool {
        self.von <= t && self.bis.is_none_or(|b| t < b)
    }
}

/// The registration stretches of a case by Zielberuf: each registration episode cut by the
/// profiling versions, each stretch with the Zielberuf of the version in force.
/// **Interpretation:** before the first profiling of an episode, and under a version without
/// Zielberuf (e.g. the reset of C2), the customer counts for no occupation.
pub fn meldezeiten(akte: &Fallakte) -> Vec<Meldezeit> {
    let mut zeiten = Vec::new();
    for m in &akte.meldungen {
        let ende = m.ende.map(Tag::aus_datum);
        for (i, p) in akte.profiling.iter().enumerate() {
            let naechste = akte.profiling.get(i + 1).map(|n| Tag::aus_datum(n.gespeichert_am));
            let von = Tag::aus_datum(p.gespeichert_am).max(Tag::aus_datum(m.beginn));
            let bis = match (naechste, ende) {
                (Some(a), Some(b)) => Some(a.min(b)),
                (a, b) => a.or(b),
            };
            let Some(beruf) = p.zielberuf.as_deref().and_then(KldbCode::parse) else { continue };
            if bis.is_none_or(|b| von < b) {
                zeiten.push(Meldezeit { beruf, von, bis });
            }
        }
    }
    zeiten
}

#[derive(Debug, Default)]
struct Bestand {
    /// Per KldB code (index of the Berufsraum): job seeker, place, stretch.
    je_beruf: Vec<Vec<(u64, [f32; 3], Meldezeit)>>,
    /// Per job seeker: the codes holding stretches of hers.
    berufe: HashMap<u64, Vec<u16>>,
}

/// The registration stretches of every job seeker, grouped by Zielberuf.
#[derive(Debug)]
pub struct Meldebestand {
    daten: Arc<Stammdaten>,
    bestand: RwLock<Bestand>,
}

impl Meldebestand {
    pub fn neu(daten: Arc<Stammdaten>) -> Meldebestand {
        let je_beruf = vec![Vec::new(); daten.berufe.anzahl()];
        Meldebestand { daten, bestand: RwLock::new(Bestand { je_beruf, berufe: HashMap::new() }) }
    }

    /// Replaces the stretches of job seeker `id`, living at `ort` (none: unknown, she is left
    /// out). Stretches of unknown codes are left out.
    pub fn setzen(&self, id: u64, ort: Option<Ort>, zeiten: &[Meldezeit]) {
        let mut b = self.bestand.write().unwrap_or_else(PoisonError::into_inner);
        for i in b.berufe.remove(&id).unwrap_or_default() {
            b.je_beruf[usize::from(i)].retain(|(k, _, _)| *k != id);
        }
        let Some(ort) = ort else { return };
        let xyz = einheitsvektor(ort);
        let mut berufe: Vec<u16> = Vec::new();
        for z in zeiten {
            let Some(i) = self.daten.berufe.index(z.beruf) else { continue };
            b.je_beruf[usize::from(i)].push((id, xyz, *z));
            if !berufe.contains(&i) {
                berufe.push(i);
            }
        }
        if !berufe.is_empty() {
            b.berufe.insert(id, berufe);
        }
    }

    /// Job seekers with stretches.
    pub fn anzahl(&self) -> usize {
        self.bestand.read().unwrap_or_else(PoisonError::into_inner).berufe.len()
    }

    /// Job seekers registered on `t` with the Zielberuf of code index `i`, living within `km`
    /// of `mitte` (none: everywhere).
    pub(crate) fn gemeldet(&self, i: u16, mitte: Option<([f32; 3], f32)>, t: Tag) -> u32 {
        let b = self.bestand.read().unwrap_or_else(PoisonError::into_inner);
        b.je_beruf[usize::from(i)]
            .iter()
            .filter(|(_, xyz, z)| z.umfasst(t) && mitte.is_none_or(|(m, km)| entfernung_km(*xyz, m) <= km))
            .count() as u32
    }
}
