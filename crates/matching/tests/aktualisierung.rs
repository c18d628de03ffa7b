#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Index updates under concurrent searches: a reader sees a posting (or profile) either in its
//! old or in its new state, never a mix; once an update returns, every search sees it.

use std::sync::atomic::{AtomicBool, Ordering};

use crate::gemeinsam::*;
use vierphasen_matching::{Arbeitszeit, Profilindex, Stellenangebot, Stellenindex, Umkreis, bewerten};

#[test]
fn leser_sehen_alt_oder_neu_nie_gemischt() {
    let d = daten();
    let alle = faehigkeiten(&d, "26212");
    let p = {
        let mut p = profil(1, "26212", kassel(), Umkreis::Km(100));
        p.alternativberufe = vec![code("51311")];
        p.faehigkeiten = alle[..2].to_vec();
        p
    };
    // Two states of posting 7: different group (Zielberuf vs alternative), place, skills, dates.
    let mut alt = stelle(7, "26212", versetzt(kassel(), 10.0, 0.0));
    alt.faehigkeiten = alle[..3].to_vec();
    let mut neu = stelle(7, "51311", versetzt(kassel(), 70.0, 200.0));
    neu.faehigkeiten = alle[1..2].to_vec();
    neu.arbeitszeit = Arbeitszeit::TZ;
    neu.veroeffentlicht = stichtag().minus(3);
    let erlaubt = [bewerten(&p, &alt, stichtag()).unwrap(), bewerten(&p, &neu, stichtag()).unwrap()];
    assert_ne!(erlaubt[0].punkte, erlaubt[1].punkte);

    let mut stellen: Vec<Stellenangebot> = (100..400)
        .map(|i| stelle(i, if i % 2 == 0 { "26212" } else { "51311" }, versetzt(kassel(), (i % 90) as f64, i as f64)))
        .collect();
    stellen.push(alt.clone());
    let index = Stellenindex::aufbauen(d.clone(), &stellen).unwrap();
    let fertig = AtomicBool::new(false);
    std::thread::scope(|s| {
        let leser: Vec<_> = (0..2)
            .map(|_| {
                s.spawn(|| {
                    let mut gesehen = [0usize; 2];
                    while !fertig.load(Ordering::Relaxed) {
                        let treffer = index.suchen(&p, stichtag(), 1000);
                        let sieben: Vec<_> = treffer.iter().filter(|t| t.id == 7).collect();
                        assert_eq!(sieben.len(), 1, "Stelle 7 genau einmal");
                        let e = &sieben[0].erklaerung;
                        let i = erlaubt.iter().position(|x| x == e).expect("alter oder neuer Stand, nie gemischt");
                        gesehen[i] += 1;
                    }
                    gesehen
                })
            })
            .collect();
        for runde in 0..400 {
            let s = if runde % 2 == 0 { &neu } else { &alt };
            index.einfuegen(s).unwrap();
            // After the update returned, a search sees it.
            let t = index.suchen(&p, stichtag(), 1000);
            let e = &t.iter().find(|t| t.id == 7).unwrap().erklaerung;
            assert_eq!(e, &bewerten(&p, s, stichtag()).unwrap());
        }
        fertig.store(true, Ordering::Relaxed);
        for l in leser {
            let gesehen = l.join().unwrap();
            assert!(gesehen.iter().sum::<usize>() > 0);
        }
    });
    assert_eq!(index.anzahl(), 301);
}

#[test]
fn einfuegen_und_entfernen_sofort_sichtbar() {
    let d = daten();
    let index = Stellenindex::aufbauen(d.clone(), &[stelle(1, "26212", kassel())]).unwrap();
    let p = profil(1, "26212", kassel(), Umkreis::Km(25));
    assert_eq!(index.suchen(&p, stichtag(), 10).len(), 1);
    // A skill the group has never seen grows its vocabulary.
    let mut s = stelle(2, "26212", versetzt(kassel(), 3.0, 10.0));
    s.faehigkeiten = faehigkeiten(&d, "43412");
    index.einfuegen(&s).unwrap();
    let ids: Vec<u64> = index.suchen(&p, stichtag(), 10).iter().map(|t| t.id).collect();
    assert_eq!(ids, vec![1, 2]);
    assert_eq!(index.stelle(2).unwrap().faehigkeiten, s.faehigkeiten);
    assert!(index.entfernen(1));
    assert!(!index.entfernen(1));
    let ids: Vec<u64> = index.suchen(&p, stichtag(), 10).iter().map(|t| t.id).collect();
    assert_eq!(ids, vec![2]);
    // Unknown occupation codes are refused, the index unchanged.
    assert!(index.einfuegen(&stelle(3, "99999", kassel())).is_err());
    assert_eq!(index.anzahl(), 1);
}

#[test]
fn profile_aendern_sich_in_allen_gruppen_zugleich() {
    let d = daten();
    let mut p = profil(5, "26212", kassel(), Umkreis::Km(50));
    p.alternativberufe = vec![code("51311"), code("26252")];
    let index = Profilindex::aufbauen(d.clone(), std::slice::from_ref(&p)).unwrap();
    let ziel = stelle(1, "26212", kassel());
    let alternativ = stelle(2, "51311", kassel());
    let gruppe = stelle(3, "26252", kassel());
    let fremd = stelle(4, "43412", kassel());
    let gefunden = |s: &Stellenangebot| index.suchen(s, stichtag(), 10).iter().map(|t| t.id).collect::<Vec<u64>>();
    assert_eq!(gefunden(&ziel), vec![5]);
    assert_eq!(gefunden(&alternativ), vec![5]);
    // 26252 is both an alternative and in the Berufsgruppe: found once, as alternative.
    let t = index.suchen(&gruppe, stichtag(), 10);
    assert_eq!(t.len(), 1);
    assert_eq!(t[0].erklaerung, bewerten(&p, &gruppe, stichtag()).unwrap());
    assert!(gefunden(&fremd).is_empty());
    // New Zielberuf 43412, no alternatives.
    let mut q = p.clone();
    q.zielberuf = code("43412");
    q.alternativberufe.clear();
    index.einfuegen(&q).unwrap();
    assert!(gefunden(&ziel).is_empty());
    assert!(gefunden(&alternativ).is_empty());
    assert_eq!(gefunden(&fremd), vec![5]);
    assert!(index.entfernen(5));
    assert!(gefunden(&fremd).is_empty());
}

#[test]
fn abgelaufene_werden_aufgeraeumt() {
    let d = daten();
    let st = stichtag();
    let mut stellen: Vec<_> = (1..=6).map(|i| stelle(i, "26212", versetzt(kassel(), i as f64, 0.0))).collect();
    stellen[1].ablauf = st.minus(400);
    stellen[3].ablauf = st.minus(5);
    let index = Stellenindex::aufbauen(d.clone(), &stellen).unwrap();
    // Expired a year ago: dropped; expired five days ago: kept for the BAC trend, never found.
    assert_eq!(index.abgelaufene_entfernen(st.minus(365)), 1);
    assert_eq!(index.anzahl(), 5);
    assert!(index.stelle(2).is_none());
    assert_eq!(index.stelle(4).unwrap().ablauf, st.minus(5));
    let p = profil(1, "26212", kassel(), Umkreis::Km(25));
    let ids: Vec<u64> = index.suchen(&p, st, 10).iter().map(|t| t.id).collect();
    assert_eq!(ids, vec![1, 3, 5, 6]);
}

mod folgen {
    use std::collections::BTreeMap;

    use proptest::prelude::*;
    use vierphasen_matching::{FaehigkeitId, Profilindex, Stellenindex, Umkreis, orakel};

    use crate::gemeinsam::*;

    const CODES: [&str; 4] = ["26212", "26213", "26252", "51311"];

    fn faehigkeiten(auswahl: &[u8]) -> Vec<FaehigkeitId> {
        let d = daten();
        let eigene = crate::gemeinsam::faehigkeiten(&d, "26212");
        let mut f: Vec<FaehigkeitId> = auswahl
            .iter()
            .map(|a| if *a < 8 { eigene[usize::from(*a) % eigene.len()] } else { FaehigkeitId(u32::from(*a) * 97) })
            .collect();
        f.sort_unstable();
        f.dedup();
        f
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// After any sequence of inserts, replacements and removals, both searches equal brute
        /// force over the postings and profiles as they now are.
        #[test]
        fn nach_aenderungen_gleich_dem_orakel(
            schritte in prop::collection::vec(
                (any::<bool>(), 1u64..12, 0usize..4, 0.0f64..60.0, 0.0f64..360.0, prop::collection::vec(0u8..12, 0..5)),
                1..40,
            ),
        ) {
            let d = daten();
            let st = stichtag();
            let stellen_index = Stellenindex::aufbauen(d.clone(), &[]).unwrap();
            let profil_index = Profilindex::aufbauen(d.clone(), &[]).unwrap();
            let mut stellen = BTreeMap::new();
            let mut profile = BTreeMap::new();
            for (entfernen, id, c, km, grad, f) in &schritte {
                let ort = versetzt(kassel(), *km, *grad);
                if *entfernen {
                    prop_assert_eq!(stellen_index.entfernen(*id), stellen.remove(id).is_some());
                    prop_assert_eq!(profil_index.entfernen(*id), profile.remove(id).is_some());
                } else {
                    let mut s = stelle(*id, CODES[*c], ort);
                    s.faehigkeiten = faehigkeiten(f);
                    stellen_index.einfuegen(&s).unwrap();
                    stellen.insert(*id, s);
                    let mut p = profil(*id, CODES[*c], ort, if *id % 3 == 0 { Umkreis::Inland } else { Umkreis::Km(25 * (1 + (*id % 3) as u16)) });
                    p.alternativberufe = vec![code(CODES[(*c + 1) % 4])];
                    p.faehigkeiten = faehigkeiten(&f.iter().map(|x| x + 1).collect::<Vec<u8>>());
                    profil_index.einfuegen(&p).unwrap();
                    profile.insert(p.id, p);
                }
            }
            let alle_stellen: Vec<_> = stellen.values().cloned().collect();
            let alle_profile: Vec<_> = profile.values().cloned().collect();
            prop_assert_eq!(stellen_index.anzahl(), alle_stellen.len());
            prop_assert_eq!(profil_index.anzahl(), alle_profile.len());
            for p in &alle_profile {
                let ist: Vec<(u64, u32)> = stellen_index.suchen(p, st, 50).iter().map(|t| (t.id, t.punkte)).collect();
                let soll: Vec<(u64, u32)> =
                    orakel::stellen_fuer(p, &alle_stellen, st, 50).iter().map(|t| (t.id, t.punkte)).collect();
                prop_assert_eq!(ist, soll);
            }
            for s in &alle_stellen {
                let ist: Vec<(u64, u32)> = profil_index.suchen(s, st, 50).iter().map(|t| (t.id, t.punkte)).collect();
                let soll: Vec<(u64, u32)> =
                    orakel::profile_fuer(s, &alle_profile, st, 50).iter().map(|t| (t.id, t.punkte)).collect();
                prop_assert_eq!(ist, soll);
            }
        }
    }
}
