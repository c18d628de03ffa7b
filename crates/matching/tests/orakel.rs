#![allow(clippy::unwrap_used, clippy::expect_used)]
//! The index against brute force on a generated scale-0.001 workload: the same top 20 (B1) and
//! top 50 (B2), with the same points, in the same order.

use crate::gemeinsam;

use vierphasen_matching::erzeugen::{Lastprofil, bewerberprofile, stellenangebote};
use vierphasen_matching::{FaehigkeitId, Profilindex, Stellenindex, orakel};

#[test]
fn b1_und_b2_gleich_dem_orakel() {
    let daten = gemeinsam::daten();
    let last = Lastprofil { skala: 0.001, seed: 7, stichtag: gemeinsam::stichtag() };
    let mut stellen = stellenangebote(&daten, &last);
    let mut profile = bewerberprofile(&daten, &last);
    // Some skills from outside the occupation's own vocabulary, on both sides.
    let fremd = |i: u64| FaehigkeitId((i * 7919 % 20) as u32 * 400);
    for s in stellen.iter_mut().filter(|s| s.id % 5 == 0) {
        s.faehigkeiten.push(fremd(s.id));
        s.faehigkeiten.sort_unstable();
        s.faehigkeiten.dedup();
    }
    for p in profile.iter_mut().filter(|p| p.id % 3 == 0) {
        p.faehigkeiten.extend([fremd(p.id), fremd(p.id + 1)]);
        p.faehigkeiten.sort_unstable();
        p.faehigkeiten.dedup();
    }
    assert_eq!((stellen.len(), profile.len()), (1000, 4500));
    let si = Stellenindex::aufbauen(daten.clone(), &stellen).unwrap();
    let pi = Profilindex::aufbauen(daten.clone(), &profile).unwrap();
    let st = last.stichtag;

    let mut nicht_leer = 0;
    for p in profile.iter() {
        let ist = si.suchen(p, st, 20);
        let soll = orakel::stellen_fuer(p, &stellen, st, 20);
        let ist_ids: Vec<(u64, u32)> = ist.iter().map(|t| (t.id, t.punkte)).collect();
        let soll_ids: Vec<(u64, u32)> = soll.iter().map(|t| (t.id, t.punkte)).collect();
        assert_eq!(ist_ids, soll_ids, "Profil {}", p.id);
        for (a, b) in ist.iter().zip(&soll) {
            assert_eq!(a.erklaerung, b.erklaerung, "Erklärung Profil {} Stelle {}", p.id, a.id);
        }
        nicht_leer += usize::from(!ist.is_empty());
    }
    assert!(nicht_leer > 1500, "zu wenige Profile mit Treffern: {nicht_leer}");

    let mut nicht_leer = 0;
    for s in stellen.iter() {
        let ist = pi.suchen(s, st, 50);
        let soll = orakel::profile_fuer(s, &profile, st, 50);
        let ist_ids: Vec<(u64, u32)> = ist.iter().map(|t| (t.id, t.punkte)).collect();
        let soll_ids: Vec<(u64, u32)> = soll.iter().map(|t| (t.id, t.punkte)).collect();
        assert_eq!(ist_ids, soll_ids, "Stelle {}", s.id);
        for (a, b) in ist.iter().zip(&soll) {
            assert_eq!(a.erklaerung, b.erklaerung, "Erklärung Stelle {} Profil {}", s.id, a.id);
        }
        nicht_leer += usize::from(!ist.is_empty());
    }
    assert!(nicht_leer > 400, "zu wenige Stellen mit Treffern: {nicht_leer}");
}
