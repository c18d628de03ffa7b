//! P6 / §8.4: Berechnungshilfe Arbeitsmarktchancen — for a Zielberuf and a region the ratio of
//! open postings to job seekers, its trend over the past months, and related occupations (same
//! Berufsgruppe) with better chances. A pure function over the postings and the registrations.

use chrono::{Datelike, Days, Months};
use serde::Serialize;
use vierphasen_domain::katalog::KldbCode;

use crate::bewertung::{ERDRADIUS_KM, einheitsvektor, entfernung_km};
use crate::meldebestand::Meldebestand;
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
    /// The end of each of the past months, oldest first, then `stichtag` (see [`verlaufstage`]).
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

/// The trend's dates: the last day of each of the `monate` months before the month of
/// `stichtag`, oldest first, then `stichtag` itself.
pub fn verlaufstage(stichtag: Tag, monate: u16) -> Vec<Tag> {
    let d = stichtag.datum();
    let erster = d - Days::new(u64::from(d.day0()));
    (1..=u32::from(monate))
        .rev()
        .filter_map(|m| erster.checked_sub_months(Months::new(m - 1)))
        .map(|e| Tag::aus_datum(e - Days::new(1)))
        .chain([stichtag])
        .collect()
}

fn lage(stellen: &Spalten, meldungen: &Meldebestand, beruf: u16, region: Region, t: Tag) -> Marktlage {
    // Postings open at t: published on or before and not expired (columns b, c).
    let offene =
        in_region(stellen, region).into_iter().filter(|i| stellen.b[*i] <= t.0 && t.0 <= stellen.c[*i]).count();
    // Job seekers registered at t with this Zielberuf, by where they live.
    let mitte = match region {
        Region::Umkreis { ort, km } => Some((einheitsvektor(ort), f32::from(km))),
        Region::Bundesweit => None,
    };
    let suchende = meldungen.gemeldet(beruf, mitte, t);
    Marktlage {
        stichtag: t,
        offene_stellen: offene as u32,
        bewerber: suchende,
        stellen_je_bewerber: (suchende > 0).then(|| offene as f32 / suchende as f32),
    }
}

/// P6: the BAC for `beruf` in `region` on `stichtag`, with `monate` months of trend.
pub fn bac(
    stellen: &Stellenindex,
    meldungen: &Meldebestand,
    beruf: KldbCode,
    region: Region,
    stichtag: Tag,
    monate: u16,
) -> Option<Bac> {
    let b = &stellen.stammdaten().berufe;
    let ci = b.index(beruf)?;
    let sg = stellen.gruppen();
    let aktuell = lage(&sg[usize::from(ci)], meldungen, ci, region, stichtag);
    let verlauf = verlaufstage(stichtag, monate)
        .into_iter()
        .map(|t| lage(&sg[usize::from(ci)], meldungen, ci, region, t))
        .collect();
    let quote = |l: &Marktlage| l.stellen_je_bewerber.unwrap_or(if l.offene_stellen > 0 { f32::INFINITY } else { 0.0 });
    let mut bessere: Vec<BacAlternative> = b
        .gruppe3(ci)
        .filter(|j| *j != ci)
        .map(|j| BacAlternative {
            beruf: b.code(j),
            titel: b.titel(j).to_string(),
            lage: lage(&sg[usize::from(j)], meldungen, j, region, stichtag),
        })
        .filter(|a| a.lage.offene_stellen > 0 && quote(&a.lage) > quote(&aktuell))
        .collect();
    bessere.sort_by(|x, y| quote(&y.lage).total_cmp(&quote(&x.lage)).then(x.beruf.cmp(&y.beruf)));
    Some(Bac { beruf, titel: b.titel(ci).to_string(), aktuell, verlauf, bessere_alternativen: bessere })
}
