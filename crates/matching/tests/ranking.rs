#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Ranking properties a user would notice (B1 direction; B2 shares the score).

use crate::gemeinsam::*;
use proptest::prelude::*;
use vierphasen_matching::{
    Arbeitszeit, Berufsbezug, Profilindex, Stellenangebot, Stellenindex, Umkreis, bewerten, einheitsvektor,
    entfernung_km,
};

/// Kassel-area codes: 26212 Zielberuf; 26213 same 4-digit group; 26252 same 3-digit group.
const ZIEL: &str = "26212";
const UNTERGRUPPE: &str = "26213";
const GRUPPE: &str = "26252";
const ALTERNATIV: &str = "51311";

fn beruf_nach_stufe(stufe: u8) -> &'static str {
    match stufe {
        0 => GRUPPE,
        1 => UNTERGRUPPE,
        2 => ALTERNATIV,
        _ => ZIEL,
    }
}

#[test]
fn berufsbezuege_der_testcodes_stimmen() {
    let alt = [code(ALTERNATIV)];
    assert_eq!(vierphasen_matching::berufsbezug(code(ZIEL), &alt, code(ZIEL)), Some(Berufsbezug::Gleich));
    assert_eq!(vierphasen_matching::berufsbezug(code(ZIEL), &alt, code(ALTERNATIV)), Some(Berufsbezug::Alternativ));
    assert_eq!(vierphasen_matching::berufsbezug(code(ZIEL), &alt, code(UNTERGRUPPE)), Some(Berufsbezug::Untergruppe));
    assert_eq!(vierphasen_matching::berufsbezug(code(ZIEL), &alt, code(GRUPPE)), Some(Berufsbezug::Gruppe));
    assert_eq!(vierphasen_matching::berufsbezug(code(ZIEL), &alt, code("43412")), None);
}

#[derive(Debug, Clone)]
struct Variante {
    stufe: u8,
    km: f64,
    grad: f64,
    arbeitszeit_passt: bool,
    faehigkeiten: Vec<usize>,
    eintritt_in: u16,
    alter: u16,
}

fn variante() -> impl Strategy<Value = Variante> {
    (0u8..4, 0.0f64..60.0, 0.0f64..360.0, any::<bool>(), prop::collection::vec(0usize..12, 0..6), 0u16..120, 0u16..120)
        .prop_map(|(stufe, km, grad, arbeitszeit_passt, faehigkeiten, eintritt_in, alter)| Variante {
            stufe,
            km,
            grad,
            arbeitszeit_passt,
            faehigkeiten,
            eintritt_in,
            alter,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A posting at least as good in every factor never ranks below the other one.
    #[test]
    fn besser_in_allem_rankt_nie_tiefer(
        a in variante(),
        besser_stufe in 0u8..4,
        naeher in 0.0f64..1.0,
        id_a in 1u64..1000,
        id_b in 1u64..1000,
        rauschen in prop::collection::vec(variante(), 0..30),
    ) {
        prop_assume!(id_a != id_b);
        let d = daten();
        let alle = faehigkeiten(&d, ZIEL);
        let mut p = profil(5, ZIEL, kassel(), Umkreis::Km(50));
        p.alternativberufe = vec![code(ALTERNATIV)];
        p.faehigkeiten = alle.iter().step_by(2).copied().collect();
        p.verfuegbar_ab = stichtag().plus(40);
        let bauen = |id: u64, v: &Variante| -> Stellenangebot {
            let mut s = stelle(id, beruf_nach_stufe(v.stufe), versetzt(kassel(), v.km, v.grad));
            s.arbeitszeit = if v.arbeitszeit_passt { Arbeitszeit::VZ } else { Arbeitszeit::TZ };
            s.faehigkeiten = v.faehigkeiten.iter().map(|i| alle[i % alle.len()]).collect();
            s.eintritt = stichtag().plus(v.eintritt_in);
            s.veroeffentlicht = stichtag().minus(v.alter);
            s
        };
        let sa = bauen(id_a, &a);
        // B: same or better in every factor.
        let b = Variante {
            stufe: a.stufe.max(besser_stufe),
            km: a.km * naeher,
            grad: a.grad,
            arbeitszeit_passt: a.arbeitszeit_passt || besser_stufe % 2 == 0,
            faehigkeiten: Vec::new(),
            eintritt_in: a.eintritt_in.saturating_add(u16::from(besser_stufe) * 5),
            alter: a.alter / 2,
        };
        let mut sb = bauen(id_b, &b);
        sb.faehigkeiten = sa.faehigkeiten.iter().filter(|f| p.faehigkeiten.contains(f)).copied().collect();
        let mut stellen = vec![sa.clone(), sb.clone()];
        for (i, v) in rauschen.iter().enumerate() {
            stellen.push(bauen(2000 + i as u64, v));
        }
        let index = Stellenindex::aufbauen(d.clone(), &stellen).unwrap();
        let treffer = index.suchen(&p, stichtag(), 100);
        let pos_a = treffer.iter().position(|t| t.id == id_a);
        let pos_b = treffer.iter().position(|t| t.id == id_b);
        let ea = bewerten(&p, &sa, stichtag());
        let eb = bewerten(&p, &sb, stichtag());
        if let Some(ea) = &ea {
            let eb = eb.as_ref().expect("B matcht, wenn A matcht");
            prop_assert!(eb.punkte >= ea.punkte, "A {ea:?} B {eb:?}");
            let pos_a = pos_a.expect("A im Ergebnis");
            let pos_b = pos_b.expect("B im Ergebnis");
            if eb.punkte > ea.punkte || id_b < id_a {
                prop_assert!(pos_b < pos_a);
            }
        } else {
            prop_assert!(pos_a.is_none());
        }
    }

    /// Exactly the postings within the radius come back, also a few metres either side of it.
    #[test]
    fn umkreis_wird_genau_eingehalten(
        radius in prop::sample::select(vec![10u16, 25, 50, 100]),
        orte in prop::collection::vec((-1.5f64..1.5, 0.0f64..360.0), 1..60),
        plz_index in 0usize..8000,
    ) {
        let d = daten();
        let mitte = d.plz.eintraege()[plz_index].ort;
        let p = profil(1, ZIEL, mitte, Umkreis::Km(radius));
        let stellen: Vec<Stellenangebot> = orte
            .iter()
            .enumerate()
            .map(|(i, (delta, grad))| stelle(i as u64 + 1, ZIEL, versetzt(mitte, f64::from(radius) + delta, *grad)))
            .collect();
        let index = Stellenindex::aufbauen(d.clone(), &stellen).unwrap();
        let gefunden: Vec<u64> = {
            let mut v: Vec<u64> = index.suchen(&p, stichtag(), 1000).iter().map(|t| t.id).collect();
            v.sort_unstable();
            v
        };
        let erwartet: Vec<u64> = stellen
            .iter()
            .filter(|s| entfernung_km(einheitsvektor(s.ort), einheitsvektor(mitte)) <= f32::from(radius))
            .map(|s| s.id)
            .collect();
        prop_assert_eq!(gefunden, erwartet);
        // The distance is the great-circle one within a metre per 100 km.
        for s in &stellen {
            let km = entfernung_km(einheitsvektor(s.ort), einheitsvektor(mitte));
            let soll = f64::from(radius) + orte[(s.id - 1) as usize].0;
            prop_assert!((f64::from(km) - soll).abs() < 0.01 + soll * 2e-5, "{km} vs {soll}");
        }
    }

    /// Expired (or not yet published) postings are never returned, in either direction.
    #[test]
    fn abgelaufene_nie(
        zeiten in prop::collection::vec((0u16..60, 0u16..60), 1..50),
    ) {
        let d = daten();
        let st = stichtag();
        let stellen: Vec<Stellenangebot> = zeiten
            .iter()
            .enumerate()
            .map(|(i, (vor, dauer))| {
                let mut s = stelle(i as u64 + 1, ZIEL, versetzt(kassel(), 5.0, 90.0));
                s.veroeffentlicht = st.minus(30).plus(*vor);
                s.ablauf = s.veroeffentlicht.plus(*dauer);
                s
            })
            .collect();
        let p = profil(1, ZIEL, kassel(), Umkreis::Km(25));
        let index = Stellenindex::aufbauen(d.clone(), &stellen).unwrap();
        let treffer = index.suchen(&p, st, 100);
        let offen = stellen.iter().filter(|s| s.offen(st)).count();
        prop_assert_eq!(treffer.len(), offen);
        for t in &treffer {
            let s = &stellen[(t.id - 1) as usize];
            prop_assert!(s.veroeffentlicht <= st && st <= s.ablauf);
        }
        let profile = Profilindex::aufbauen(d.clone(), std::slice::from_ref(&p)).unwrap();
        for s in &stellen {
            prop_assert_eq!(profile.suchen(s, st, 10).len(), usize::from(s.offen(st)));
        }
    }
}

/// Equal postings rank by id, whatever order they were added in, every time.
#[test]
fn gleichstand_nach_id_und_reproduzierbar() {
    let d = daten();
    let ort = versetzt(kassel(), 12.0, 45.0);
    let mut stellen: Vec<Stellenangebot> = (1..=40).map(|i| stelle(i * 7 % 41, ZIEL, ort)).collect();
    let p = profil(1, ZIEL, kassel(), Umkreis::Km(50));
    let a = Stellenindex::aufbauen(d.clone(), &stellen).unwrap().suchen(&p, stichtag(), 20);
    stellen.reverse();
    let index = Stellenindex::aufbauen(d.clone(), &stellen).unwrap();
    let b = index.suchen(&p, stichtag(), 20);
    let ids: Vec<u64> = a.iter().map(|t| t.id).collect();
    assert_eq!(ids, (1..=20).collect::<Vec<u64>>());
    assert_eq!(a, b);
    assert_eq!(index.suchen(&p, stichtag(), 20), b);
}

/// The explanation names each factor and the missing skills.
#[test]
fn erklaerung_nennt_faktoren_und_fehlende_faehigkeiten() {
    let d = daten();
    let alle = faehigkeiten(&d, ZIEL);
    let mut p = profil(1, ZIEL, kassel(), Umkreis::Km(50));
    p.faehigkeiten = vec![alle[0]];
    let mut s = stelle(9, UNTERGRUPPE, versetzt(kassel(), 25.0, 0.0));
    s.faehigkeiten = vec![alle[0], alle[1]];
    s.arbeitszeit = Arbeitszeit::TZ;
    let index = Stellenindex::aufbauen(d.clone(), &[s]).unwrap();
    let t = &index.suchen(&p, stichtag(), 5)[0];
    let e = &t.erklaerung;
    assert_eq!(e.beruf, Berufsbezug::Untergruppe);
    assert_eq!(e.beruf_punkte, 250);
    assert!((e.entfernung_km - 25.0).abs() < 0.05, "{}", e.entfernung_km);
    assert!((74..=75).contains(&e.entfernung_punkte), "{}", e.entfernung_punkte);
    assert_eq!(e.arbeitszeit_punkte, 0);
    assert_eq!((e.faehigkeiten_vorhanden, e.faehigkeiten_benoetigt, e.faehigkeiten_punkte), (1, 2, 100));
    assert_eq!(e.fehlende_faehigkeiten, vec![alle[1]]);
    assert!(!d.faehigkeiten.name(alle[1]).is_empty());
    assert_eq!(e.aktualitaet_punkte, 90);
    assert_eq!(e.eintritt_punkte, 50);
    assert_eq!(t.punkte, 250 + e.entfernung_punkte + 100 + 90 + 50);
}

/// Z6: überregional finds postings anywhere in Germany but none abroad; international both.
#[test]
fn suchhorizont_inland_und_ausland() {
    let d = daten();
    let muenchen = d.plz.ort("80331").unwrap();
    let wien = vierphasen_matching::Ort { lat: 48.2082, lon: 16.3738, ausland: true };
    let stellen = vec![stelle(1, ZIEL, muenchen), stelle(2, ZIEL, wien), stelle(3, ZIEL, kassel())];
    let index = Stellenindex::aufbauen(d.clone(), &stellen).unwrap();
    let ids = |u: Umkreis| -> Vec<u64> {
        index.suchen(&profil(1, ZIEL, kassel(), u), stichtag(), 10).iter().map(|t| t.id).collect()
    };
    assert_eq!(ids(Umkreis::Km(50)), vec![3]);
    assert_eq!(ids(Umkreis::Inland), vec![3, 1]);
    assert_eq!(ids(Umkreis::InlandUndAusland), vec![3, 1, 2]);
}
