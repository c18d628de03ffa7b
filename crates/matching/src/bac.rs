//! P6 / §8.4: Berechnungshilfe Arbeitsmarktchancen — for a Zielberuf and a region the ratio of
//! open postings to job seekers, its trend, and related occupations (same Berufsgruppe) with
//! better chances. A pure function over both indexes.

use serde::Serialize;
use vierphasen_domain::katalog::KldbCode;

use crate::bewertung::{ERDRADIUS_KM, einheitsvektor, entfernung_km};
use crate::profile::Profilindex;
use crate::spalten::Spalten;
use crate::stellen::{BAND_RAND, Stellenindex};
use crate::typen::{Ort, Tag};

/// The region: around a place, or all of Germany.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub enum Region {
    Umkreis { ort: Ort, km: u16 },
    Bundesweit,
}

/// Postings and seekers at one date.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Marktlage {
    pub stichtag: Tag,
    pub offene_stellen: u32,
    pub bewerber: u32,
    /// Open postings per job seeker; `None` without job seekers.
    pub stellen_je_bewerber: Option<f32>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct BacAlternative {
    pub beruf: KldbCode,
    pub titel: String,
    pub lage: Marktlage,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bac {
    pub beruf: KldbCode,
    pub titel: String,
    pub aktuell: Marktlage,
    /// One entry per month back from `stichtag` (30-day steps), oldest first, ending with now.
    pub verlauf: Vec<Marktlage>,
    /// Codes of the same Berufsgruppe with more postings per seeker, best first.
    pub bessere_alternativen: Vec<BacAlternative>,
}

fn in_region(g: &Spalten, region: Region) -> Vec<usize> {
    match region {
        Region::Bundesweit => (0..g.len()).collect(),
        Region::Umkreis { ort, km } => {
            let xyz = einheitsvektor(ort);
            let r = f32::from(km);
            // Rows of any radius count by their own place; the band covers local rows only.
            let band = r / ERDRADIUS_KM + BAND_RAND;
            g.baender(xyz[2], |_| band)
                .flatten()
                .chain(g.n_lokal..g.len())
                .filter(|i| !ort.ausland && entfernung_km([g.x[*i], g.y[*i], g.z[*i]], xyz) <= r)
                .collect()
        }
    }
}

fn lage(stellen: &Spalten, bewerber: &Spalten, region: Region, t: Tag) -> Marktlage {
    // Postings open at t: published on or before and not expired (columns b, c).
    let offene =
        in_region(stellen, region).into_iter().filter(|i| stellen.b[*i] <= t.0 && t.0 <= stellen.c[*i]).count();
    // Seekers registered at t (column b = gemeldet_seit). Profiles that have left since are not
    // in the index, so earlier months count only today's seekers (a lower bound).
    let suchende = in_region(bewerber, region).into_iter().filter(|i| bewerber.b[*i] <= t.0).count();
    Marktlage {
        stichtag: t,
        offene_stellen: offene as u32,
        bewerber: suchende as u32,
        stellen_je_bewerber: (suchende > 0).then(|| offene as f32 / suchende as f32),
    }
}

/// P6: the BAC for `beruf` in `region` on `stichtag`, with `monate` months of trend.
pub fn bac(
    stellen: &Stellenindex,
    profile: &Profilindex,
    beruf: KldbCode,
    region: Region,
    stichtag: Tag,
    monate: u16,
) -> Option<Bac> {
    let b = &stellen.stammdaten().berufe;
    let ci = b.index(beruf)?;
    let sg = stellen.gruppen();
    let pg = profile.gruppen();
    let aktuell = lage(&sg[usize::from(ci)], &pg[usize::from(ci)], region, stichtag);
    let verlauf = (0..=monate)
        .rev()
        .map(|m| lage(&sg[usize::from(ci)], &pg[usize::from(ci)], region, stichtag.minus(m.saturating_mul(30))))
        .collect();
    let quote = |l: &Marktlage| l.stellen_je_bewerber.unwrap_or(if l.offene_stellen > 0 { f32::INFINITY } else { 0.0 });
    let mut bessere: Vec<BacAlternative> = b
        .gruppe3(ci)
        .filter(|j| *j != ci)
        .map(|j| BacAlternative {
            beruf: b.code(j),
            titel: b.titel(j).to_string(),
            lage: lage(&sg[usize::from(j)], &pg[usize::from(j)], region, stichtag),
        })
        .filter(|a| a.lage.offene_stellen > 0 && quote(&a.lage) > quote(&aktuell))
        .collect();
    bessere.sort_by(|x, y| quote(&y.lage).total_cmp(&quote(&x.lage)).then(x.beruf.cmp(&y.beruf)));
    Some(Bac { beruf, titel: b.titel(ci).to_string(), aktuell, verlauf, bessere_alternativen: bessere })
}
