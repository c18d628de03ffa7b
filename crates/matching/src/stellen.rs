//! The posting side: Stellenangebote grouped by 5-digit KldB code in columns; a Bewerberprofil
//! finds its top k (B1).

use std::collections::HashMap;
use std::sync::Arc;

use vierphasen_domain::katalog::KldbCode;

use crate::bewertung::{
    Berufsbezug, ERDRADIUS_KM, Erklaerung, Treffer, aktualitaet_punkte, arbeitszeit_punkte, berufsbezug,
    einheitsvektor, eintritt_punkte, entfernung_km, entfernung_punkte, faehigkeiten_punkte, gewichte, im_umkreis,
    umkreis_km,
};
use crate::spalten::{AUSLAND, Maske, Spalten, Zeile};
use crate::stammdaten::{Berufsraum, Stammdaten};
use crate::stand::{Gruppen, Veroeffentlicht, parallel_bauen};
use crate::topk::TopK;
use crate::typen::{Arbeitszeit, Bewerberprofil, FaehigkeitId, Ort, Stellenangebot, Tag, Umkreis};

/// A change the index refuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IndexFehler {
    #[error("Beruf {0} ist keine Berufsgattung der KldB 2010")]
    UnbekannterBeruf(KldbCode),
}

/// Z-band margin: rounding of the unit vectors (≈ 600 m), so the band never cuts a row inside
/// the radius.
pub(crate) const BAND_RAND: f32 = 1e-4;

fn sortiert(f: &[FaehigkeitId]) -> Vec<FaehigkeitId> {
    let mut v = f.to_vec();
    v.sort_unstable();
    v.dedup();
    v
}

/// In-memory index of Stellenangebote.
#[derive(Debug)]
pub struct Stellenindex {
    daten: Arc<Stammdaten>,
    stand: Veroeffentlicht<HashMap<u64, u16>>,
}

/// What the search asks, precomputed once per query.
struct Anfrage {
    xyz: [f32; 3],
    umkreis: Umkreis,
    radius: f32,
    arbeitszeit: u8,
    verfuegbar: u16,
    stichtag: u16,
}

impl Stellenindex {
    /// Builds the index (in parallel); fails on an occupation code outside the KldB.
    pub fn aufbauen(daten: Arc<Stammdaten>, stellen: &[Stellenangebot]) -> Result<Stellenindex, IndexFehler> {
        let n = daten.berufe.anzahl();
        let mut je_gruppe: Vec<Vec<u32>> = vec![Vec::new(); n];
        let mut wo = HashMap::with_capacity(stellen.len());
        for (i, s) in stellen.iter().enumerate() {
            let g = daten.berufe.index(s.beruf).ok_or(IndexFehler::UnbekannterBeruf(s.beruf))?;
            if let Some(alt) = wo.insert(s.id, g) {
                // A later entry with the same id replaces the earlier one.
                je_gruppe[usize::from(alt)].retain(|j| stellen[*j as usize].id != s.id);
            }
            je_gruppe[usize::from(g)].push(i as u32);
        }
        let gruppen = parallel_bauen(n, |g| {
            let faehigkeiten: Vec<Vec<FaehigkeitId>> =
                je_gruppe[g].iter().map(|i| sortiert(&stellen[*i as usize].faehigkeiten)).collect();
            let zeilen = je_gruppe[g].iter().zip(&faehigkeiten).map(|(i, f)| zeile(&stellen[*i as usize], f)).collect();
            Spalten::aus_zeilen(zeilen, daten.berufe.gruppenvokabular(g as u16).to_vec())
        });
        Ok(Stellenindex { daten, stand: Veroeffentlicht::neu(gruppen, wo) })
    }

    pub fn stammdaten(&self) -> &Arc<Stammdaten> {
        &self.daten
    }

    /// Number of postings (open or not).
    pub fn anzahl(&self) -> usize {
        self.stand.lesen().iter().map(|g| g.len()).sum()
    }

    /// Bytes held by the columns.
    pub fn speicher_bytes(&self) -> usize {
        self.stand.lesen().iter().map(|g| g.bytes() + std::mem::size_of::<Spalten>()).sum()
    }

    /// Adds a posting or replaces the one with the same id; searchable when this returns.
    pub fn einfuegen(&self, s: &Stellenangebot) -> Result<(), IndexFehler> {
        let g = self.daten.berufe.index(s.beruf).ok_or(IndexFehler::UnbekannterBeruf(s.beruf))?;
        let f = sortiert(&s.faehigkeiten);
        let neu = zeile(s, &f);
        let mut wo = self.stand.schreiber();
        let gruppen = self.stand.lesen();
        let mut geaendert = Vec::new();
        match wo.get(&s.id).copied() {
            Some(alt) if alt == g => {
                geaendert.push((usize::from(g), gruppen[usize::from(g)].geaendert(Some(s.id), Some(neu))))
            }
            Some(alt) => {
                geaendert.push((usize::from(alt), gruppen[usize::from(alt)].geaendert(Some(s.id), None)));
                geaendert.push((usize::from(g), gruppen[usize::from(g)].geaendert(None, Some(neu))));
            }
            None => geaendert.push((usize::from(g), gruppen[usize::from(g)].geaendert(None, Some(neu)))),
        }
        self.stand.veroeffentlichen(geaendert);
        wo.insert(s.id, g);
        Ok(())
    }

    /// Removes a posting; false when unknown.
    pub fn entfernen(&self, id: u64) -> bool {
        let mut wo = self.stand.schreiber();
        let Some(g) = wo.remove(&id) else { return false };
        let gruppen = self.stand.lesen();
        self.stand.veroeffentlichen(vec![(usize::from(g), gruppen[usize::from(g)].geaendert(Some(id), None))]);
        true
    }

    /// Drops postings that expired before `vor` (they are kept until then for the BAC trend).
    pub fn abgelaufene_entfernen(&self, vor: Tag) -> usize {
        let mut wo = self.stand.schreiber();
        let gruppen = self.stand.lesen();
        let mut geaendert = Vec::new();
        let mut weg = 0;
        for (gi, g) in gruppen.iter().enumerate() {
            let alte: Vec<u64> = (0..g.len()).filter(|i| g.c[*i] < vor.0).map(|i| g.ids[i]).collect();
            if alte.is_empty() {
                continue;
            }
            for id in &alte {
                wo.remove(id);
            }
            weg += alte.len();
            geaendert.push((gi, g.gefiltert(|i| g.c[i] >= vor.0)));
        }
        self.stand.veroeffentlichen(geaendert);
        weg
    }

    /// B1: the `k` best open postings for a profile, ranked (points desc, id asc), explained.
    pub fn suchen(&self, p: &Bewerberprofil, stichtag: Tag, k: usize) -> Vec<Treffer> {
        let gruppen = self.stand.lesen();
        let q = Anfrage {
            xyz: einheitsvektor(p.ort),
            umkreis: p.umkreis,
            radius: umkreis_km(p.umkreis),
            arbeitszeit: p.arbeitszeit.0,
            verfuegbar: p.verfuegbar_ab.0,
            stichtag: stichtag.0,
        };
        let mut top = TopK::neu(k);
        let mut maske = Maske::default();
        for (gi, bezug) in berufsplan(&self.daten.berufe, p) {
            // The plan is sorted by relation: once the top k beat the best this tier can
            // reach, every later tier is out too.
            if top.voll_ueber(bezug.punkte() + gewichte::REST_HOECHSTENS) {
                break;
            }
            let g = &gruppen[usize::from(gi)];
            g.maske(&p.faehigkeiten, &mut maske);
            durchsuchen(g, &q, bezug.punkte(), &maske, &mut top, u32::from(gi));
        }
        top.eintraege
            .iter()
            .map(|&(punkte, id, gi, zi)| {
                let g = &gruppen[gi as usize];
                let bezug = berufsbezug(p.zielberuf, &p.alternativberufe, self.daten.berufe.code(gi as u16))
                    .unwrap_or(Berufsbezug::Gruppe);
                let erklaerung = erklaeren(g, zi as usize, p, bezug, stichtag);
                Treffer { id, punkte, erklaerung }
            })
            .collect()
    }

    /// A posting as stored (for display); `None` when unknown.
    pub fn stelle(&self, id: u64) -> Option<Stellenangebot> {
        let g = *self.stand.schreiber().get(&id)?;
        let gruppen = self.stand.lesen();
        let s = &gruppen[usize::from(g)];
        let i = s.position(id)?;
        Some(stelle_aus(s, i, self.daten.berufe.code(g)))
    }

    /// Every stored posting (for checks and exports).
    pub fn alle(&self) -> Vec<Stellenangebot> {
        let gruppen = self.stand.lesen();
        let mut aus = Vec::new();
        for (gi, g) in gruppen.iter().enumerate() {
            for i in 0..g.len() {
                aus.push(stelle_aus(g, i, self.daten.berufe.code(gi as u16)));
            }
        }
        aus
    }

    pub(crate) fn gruppen(&self) -> Arc<Gruppen> {
        self.stand.lesen()
    }
}

/// The occupation codes (indices into [`Berufsraum`]) a profile searches, best relation first:
/// the Zielberuf (P1), the alternatives, then the Zielberuf's Berufsuntergruppe and Berufsgruppe.
pub fn berufsplan(b: &Berufsraum, p: &Bewerberprofil) -> Vec<(u16, Berufsbezug)> {
    let mut plan: Vec<(u16, Berufsbezug)> = Vec::new();
    if let Some(zi) = b.index(p.zielberuf) {
        for j in b.gruppe3(zi) {
            if let Some(bz) = berufsbezug(p.zielberuf, &p.alternativberufe, b.code(j)) {
                plan.push((j, bz));
            }
        }
    }
    for a in &p.alternativberufe {
        if let Some(ai) = b.index(*a)
            && !plan.iter().any(|(j, _)| *j == ai)
            && let Some(bz) = berufsbezug(p.zielberuf, &p.alternativberufe, *a)
        {
            plan.push((ai, bz));
        }
    }
    plan.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
    plan
}

fn stelle_aus(s: &Spalten, i: usize, beruf: KldbCode) -> Stellenangebot {
    let (x, y, z) = (f64::from(s.x[i]), f64::from(s.y[i]), f64::from(s.z[i]));
    let ort = Ort {
        lat: z.clamp(-1.0, 1.0).asin().to_degrees() as f32,
        lon: y.atan2(x).to_degrees() as f32,
        ausland: s.flags[i] & AUSLAND != 0,
    };
    Stellenangebot {
        id: s.ids[i],
        beruf,
        ort,
        arbeitszeit: Arbeitszeit(s.flags[i] & Arbeitszeit::ALLE.0),
        faehigkeiten: s.faehigkeiten(i),
        eintritt: Tag(s.a[i]),
        veroeffentlicht: Tag(s.b[i]),
        ablauf: Tag(s.c[i]),
    }
}

fn zeile<'a>(s: &Stellenangebot, f: &'a [FaehigkeitId]) -> Zeile<'a> {
    Zeile {
        id: s.id,
        xyz: einheitsvektor(s.ort),
        flags: (s.arbeitszeit.0 & Arbeitszeit::ALLE.0) | if s.ort.ausland { AUSLAND } else { 0 },
        a: s.eintritt.0,
        b: s.veroeffentlicht.0,
        c: s.ablauf.0,
        radius: 0.0,
        alt: 0,
        faehigkeiten: f,
    }
}

/// The hot loop: one occupation group against one profile.
fn durchsuchen(g: &Spalten, q: &Anfrage, beruf: u32, maske: &Maske, top: &mut TopK, gi: u32) {
    if q.radius.is_finite() {
        let band = q.radius / ERDRADIUS_KM + BAND_RAND;
        for bereich in g.baender(q.xyz[2], |_| band) {
            durchsuchen_bereich(g, q, beruf, maske, top, gi, bereich);
        }
    } else {
        durchsuchen_bereich(g, q, beruf, maske, top, gi, 0..g.len());
    }
}

#[allow(clippy::too_many_arguments)]
fn durchsuchen_bereich(
    g: &Spalten,
    q: &Anfrage,
    beruf: u32,
    maske: &Maske,
    top: &mut TopK,
    gi: u32,
    bereich: std::ops::Range<usize>,
) {
    let st = q.stichtag;
    for i in bereich {
        let (veroeff, ablauf) = (g.b[i], g.c[i]);
        if ablauf < st || veroeff > st {
            continue;
        }
        let flags = g.flags[i];
        let d = entfernung_km([g.x[i], g.y[i], g.z[i]], q.xyz);
        if !im_umkreis(q.umkreis, d, flags & AUSLAND != 0) {
            continue;
        }
        let basis = beruf
            + entfernung_punkte(d, q.radius)
            + arbeitszeit_punkte(q.arbeitszeit, flags)
            + eintritt_punkte(g.a[i], q.verfuegbar, st)
            + aktualitaet_punkte(veroeff, st);
        if !top.koennte(basis + gewichte::FAEHIGKEITEN) {
            continue;
        }
        let treffer = g.treffer(i, maske);
        let punkte = basis + faehigkeiten_punkte(treffer, u32::from(g.anzahl[i]));
        top.rein(punkte, g.ids[i], gi, i as u32);
    }
}

fn erklaeren(g: &Spalten, i: usize, p: &Bewerberprofil, beruf: Berufsbezug, stichtag: Tag) -> Erklaerung {
    let d = entfernung_km([g.x[i], g.y[i], g.z[i]], einheitsvektor(p.ort));
    let benoetigt = g.faehigkeiten(i);
    let fehlende: Vec<FaehigkeitId> = benoetigt.iter().filter(|f| !p.faehigkeiten.contains(f)).copied().collect();
    let vorhanden = (benoetigt.len() - fehlende.len()) as u32;
    let e = Erklaerung {
        punkte: 0,
        beruf,
        beruf_punkte: beruf.punkte(),
        entfernung_km: d,
        entfernung_punkte: entfernung_punkte(d, umkreis_km(p.umkreis)),
        arbeitszeit_punkte: arbeitszeit_punkte(p.arbeitszeit.0, g.flags[i]),
        faehigkeiten_punkte: faehigkeiten_punkte(vorhanden, benoetigt.len() as u32),
        faehigkeiten_vorhanden: vorhanden,
        faehigkeiten_benoetigt: benoetigt.len() as u32,
        fehlende_faehigkeiten: fehlende,
        eintritt_punkte: eintritt_punkte(g.a[i], p.verfuegbar_ab.0, stichtag.0),
        aktualitaet_punkte: aktualitaet_punkte(g.b[i], stichtag.0),
        bewerbung_entgegen: p.bewerbung_entgegen,
    };
    Erklaerung { punkte: e.summe(), ..e }
}
