//! Seeded generator of the national workload (BENCHMARKS.md): 1 M Stellenangebote and 4.5 M
//! Bewerberprofile at scale 1.
//!
//! - Occupations: Zipf (s = 1) over the 5-digit KldB codes, the rank of each code drawn by a
//!   seeded shuffle (the same for postings and profiles, so supply and demand share the shape).
//! - Places: PLZ centroids drawn uniformly **per PLZ**. The PLZ file has no population; the
//!   proxy is that a place weighs by its number of PLZ (Berlin has ~190, a village one), and a
//!   PLZ area holds roughly similar numbers of people. 1 % of postings lie abroad.
//! - Skills: sets drawn from the code's KldB "Einschlüsse" (activities); some from a
//!   neighbouring code of the same Berufsgruppe.
//! - Working time from {vz, tz, snw, ho, mj}; dates around `stichtag`, some postings expired.

use vierphasen_domain::katalog::KldbCode;

use crate::stammdaten::Stammdaten;
use crate::typen::{Arbeitszeit, Bewerberprofil, FaehigkeitId, Ort, Stellenangebot, Tag, Umkreis};

/// xorshift64*: small, fast, reproducible.
#[derive(Debug, Clone)]
pub struct Zufall(u64);

impl Zufall {
    /// An independent stream per `strom` (SplitMix64 of seed and stream).
    pub fn neu(seed: u64, strom: u64) -> Zufall {
        let mut z = seed ^ strom.wrapping_add(1).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Zufall((z ^ (z >> 31)).max(1))
    }
    pub fn zahl(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
    pub fn bis(&mut self, n: u64) -> u64 {
        ((u128::from(self.zahl()) * u128::from(n.max(1))) >> 64) as u64
    }
    pub fn chance(&mut self, prozent: u64) -> bool {
        self.bis(100) < prozent
    }
    /// Uniform in [0, 1).
    pub fn anteil(&mut self) -> f64 {
        (self.zahl() >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Sizes and shape of a workload.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Lastprofil {
    /// 1.0 = national size (1 M postings, 4.5 M profiles).
    pub skala: f64,
    pub seed: u64,
    pub stichtag: Tag,
}

impl Lastprofil {
    pub fn stellen(&self) -> usize {
        ((1_000_000.0 * self.skala).round() as usize).max(1)
    }
    pub fn profile(&self) -> usize {
        ((4_500_000.0 * self.skala).round() as usize).max(1)
    }
}

/// Draws occupation codes with Zipf s = 1 over a seeded ranking of all codes.
#[derive(Debug, Clone)]
pub struct ZipfBerufe {
    /// rank → code index
    rang: Vec<u16>,
    /// cumulative weights, last = 1
    kumuliert: Vec<f64>,
}

impl ZipfBerufe {
    pub fn neu(anzahl: usize, seed: u64) -> ZipfBerufe {
        let mut z = Zufall::neu(seed, 0xB3);
        let mut rang: Vec<u16> = (0..anzahl as u16).collect();
        for i in (1..rang.len()).rev() {
            let j = z.bis(i as u64 + 1) as usize;
            rang.swap(i, j);
        }
        let summe: f64 = (1..=anzahl).map(|r| 1.0 / r as f64).sum();
        let mut acc = 0.0;
        let kumuliert = (1..=anzahl)
            .map(|r| {
                acc += 1.0 / r as f64 / summe;
                acc
            })
            .collect();
        ZipfBerufe { rang, kumuliert }
    }
    pub fn ziehen(&self, z: &mut Zufall) -> u16 {
        let u = z.anteil();
        let r = self.kumuliert.partition_point(|k| *k < u).min(self.rang.len() - 1);
        self.rang[r]
    }
}

/// Places abroad for the few foreign postings (Z6 international).
const AUSLAND: [(f32, f32); 6] = [
    (48.2082, 16.3738),
    (47.3769, 8.5417),
    (52.3676, 4.9041),
    (48.8566, 2.3522),
    (50.0755, 14.4378),
    (55.6761, 12.5683),
];

struct Ziehung<'a> {
    daten: &'a Stammdaten,
    zipf: ZipfBerufe,
}

impl Ziehung<'_> {
    fn ort(&self, z: &mut Zufall) -> Ort {
        let e = self.daten.plz.eintraege();
        e[z.bis(e.len() as u64) as usize].ort
    }

    /// `n` distinct activities of the code (fewer when it lists fewer), sometimes one of a
    /// neighbour in the Berufsgruppe.
    fn faehigkeiten(&self, z: &mut Zufall, code: u16, min: u64, max: u64, nachbar: u64) -> Vec<FaehigkeitId> {
        let b = &self.daten.berufe;
        let eigene = b.taetigkeiten(code);
        let n = (min + z.bis(max - min + 1)).min(eigene.len() as u64) as usize;
        let mut aus: Vec<FaehigkeitId> = Vec::with_capacity(n + 1);
        while aus.len() < n {
            let f = eigene[z.bis(eigene.len() as u64) as usize];
            if !aus.contains(&f) {
                aus.push(f);
            }
        }
        if z.chance(nachbar) {
            let g = b.gruppe3(code);
            let j = g.start + z.bis(u64::from(g.end - g.start)) as u16;
            let fremde = b.taetigkeiten(j);
            if !fremde.is_empty() {
                let f = fremde[z.bis(fremde.len() as u64) as usize];
                if !aus.contains(&f) {
                    aus.push(f);
                }
            }
        }
        aus.sort_unstable();
        aus
    }
}

/// Posting `i` of the workload (deterministic per seed and index).
fn stelle(w: &Ziehung<'_>, l: &Lastprofil, i: usize) -> Stellenangebot {
    let mut z = Zufall::neu(l.seed, 1_000_000_000 + i as u64);
    let code = w.zipf.ziehen(&mut z);
    let mut ort = w.ort(&mut z);
    if z.chance(1) {
        let (lat, lon) = AUSLAND[z.bis(AUSLAND.len() as u64) as usize];
        ort = Ort { lat, lon, ausland: true };
    }
    let arbeitszeit = match z.bis(100) {
        0..55 => Arbeitszeit::VZ,
        55..80 => Arbeitszeit::TZ,
        80..88 => Arbeitszeit::SNW,
        88..92 => Arbeitszeit::HO,
        92..95 => Arbeitszeit::VZ.und(Arbeitszeit::HO),
        _ => Arbeitszeit::MJ,
    };
    let veroeffentlicht = l.stichtag.minus(z.bis(150) as u16);
    let ablauf = veroeffentlicht.plus(30 + z.bis(120) as u16);
    let eintritt = veroeffentlicht.plus(z.bis(90) as u16);
    Stellenangebot {
        id: i as u64 + 1,
        beruf: w.daten.berufe.code(code),
        ort,
        arbeitszeit,
        faehigkeiten: w.faehigkeiten(&mut z, code, 2, 6, 15),
        eintritt,
        veroeffentlicht,
        ablauf,
    }
}

/// Profile `i` of the workload.
fn profil(w: &Ziehung<'_>, l: &Lastprofil, i: usize) -> Bewerberprofil {
    let b = &w.daten.berufe;
    let mut z = Zufall::neu(l.seed, 2_000_000_000 + i as u64);
    let code = w.zipf.ziehen(&mut z);
    let zielberuf = b.code(code);
    let mut alternativ: Vec<u16> = Vec::new();
    for _ in 0..z.bis(3) {
        let a = if z.chance(50) {
            let g = b.gruppe3(code);
            g.start + z.bis(u64::from(g.end - g.start)) as u16
        } else {
            w.zipf.ziehen(&mut z)
        };
        if a != code && !alternativ.contains(&a) {
            alternativ.push(a);
        }
    }
    let mut faehigkeiten = w.faehigkeiten(&mut z, code, 2, 10, 30);
    if let Some(a) = alternativ.first() {
        faehigkeiten.extend(w.faehigkeiten(&mut z, *a, 0, 2, 0));
        faehigkeiten.sort_unstable();
        faehigkeiten.dedup();
    }
    let arbeitszeit = match z.bis(100) {
        0..40 => Arbeitszeit::VZ,
        40..60 => Arbeitszeit::VZ.und(Arbeitszeit::TZ),
        60..75 => Arbeitszeit::TZ,
        75..85 => Arbeitszeit::VZ.und(Arbeitszeit::SNW),
        85..90 => Arbeitszeit::TZ.und(Arbeitszeit::HO),
        90..95 => Arbeitszeit::MJ,
        _ => Arbeitszeit::ALLE,
    };
    let umkreis = match z.bis(100) {
        0..30 => Umkreis::Km(25),
        30..70 => Umkreis::Km(50),
        70..85 => Umkreis::Km(100),
        85..97 => Umkreis::Inland,
        _ => Umkreis::InlandUndAusland,
    };
    Bewerberprofil {
        id: i as u64 + 1,
        zielberuf,
        alternativberufe: alternativ.into_iter().map(|a| b.code(a)).collect::<Vec<KldbCode>>(),
        faehigkeiten,
        arbeitszeit,
        verfuegbar_ab: l.stichtag.minus(30).plus(z.bis(90) as u16),
        ort: w.ort(&mut z),
        umkreis,
        bewerbung_entgegen: z.chance(10),
    }
}

fn parallel<T: Send>(n: usize, f: impl Fn(usize) -> T + Sync) -> Vec<T> {
    let threads = std::thread::available_parallelism().map_or(1, |t| t.get()).clamp(1, 8);
    let stueck = n.div_ceil(threads).max(1);
    std::thread::scope(|s| {
        let griffe: Vec<_> = (0..threads)
            .map(|t| {
                let f = &f;
                s.spawn(move || (t * stueck..((t + 1) * stueck).min(n)).map(f).collect::<Vec<T>>())
            })
            .collect();
        griffe.into_iter().flat_map(|g| g.join().unwrap_or_else(|e| std::panic::resume_unwind(e))).collect()
    })
}

/// The postings of the workload (ids 1..=n), generated in parallel; same seed, same data.
pub fn stellenangebote(daten: &Stammdaten, l: &Lastprofil) -> Vec<Stellenangebot> {
    let w = Ziehung { daten, zipf: ZipfBerufe::neu(daten.berufe.anzahl(), l.seed) };
    parallel(l.stellen(), |i| stelle(&w, l, i))
}

/// The profiles of the workload (ids 1..=n), all matchingfähig.
pub fn bewerberprofile(daten: &Stammdaten, l: &Lastprofil) -> Vec<Bewerberprofil> {
    let w = Ziehung { daten, zipf: ZipfBerufe::neu(daten.berufe.anzahl(), l.seed) };
    parallel(l.profile(), |i| profil(&w, l, i))
}

/// B5 churn: posting `id` changed (new place, dates, skills) as an update stream would send it.
pub fn aenderung(daten: &Stammdaten, l: &Lastprofil, id: u64, runde: u64) -> Stellenangebot {
    let w = Ziehung { daten, zipf: ZipfBerufe::neu(daten.berufe.anzahl(), l.seed) };
    let i = (id.saturating_sub(1) as usize).wrapping_add(runde as usize * 7_919) % l.stellen().max(1);
    let mut s = stelle(&w, l, i);
    s.id = id;
    s.veroeffentlicht = l.stichtag;
    s.ablauf = l.stichtag.plus(60);
    s
}
