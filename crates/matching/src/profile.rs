//! The profile side: matchingfähige Bewerberprofile (P9) grouped by Zielberuf, and once more
//! by each alternative occupation; a Stellenangebot finds its top k candidates (B2).

use std::collections::HashMap;
use std::sync::Arc;

use crate::bewertung::{
    Berufsbezug, ERDRADIUS_KM, Erklaerung, Treffer, aktualitaet_punkte, arbeitszeit_punkte, einheitsvektor,
    eintritt_punkte, entfernung_km, entfernung_punkte, faehigkeiten_punkte, gewichte, im_umkreis, umkreis_km,
};
use crate::spalten::{AUSLAND, ENTGEGEN, Maske, Spalten, Zeile};
use crate::stammdaten::Stammdaten;
use crate::stand::{Veroeffentlicht, parallel_bauen};
use crate::stellen::{BAND_RAND, IndexFehler};
use crate::topk::TopK;
use crate::typen::{Bewerberprofil, FaehigkeitId, Stellenangebot, Tag, Umkreis};

/// Where one profile is stored: its Zielberuf group and the groups of its alternatives.
#[derive(Debug, Clone, Default)]
struct Lage {
    gruppen: Vec<usize>,
}

/// In-memory index of Bewerberprofile. Groups `0..n` hold profiles by Zielberuf, groups
/// `n..2n` by alternative occupation.
#[derive(Debug)]
pub struct Profilindex {
    daten: Arc<Stammdaten>,
    stand: Veroeffentlicht<HashMap<u64, Lage>>,
}

/// A profile reduced to the group indices it is stored under.
struct Einordnung {
    ziel: usize,
    /// Bit j: the code at position j of the Zielberuf's Berufsgruppe is an alternative.
    alt_maske: u64,
    alternativen: Vec<usize>,
    faehigkeiten: Vec<FaehigkeitId>,
}

impl Profilindex {
    fn einordnen(daten: &Stammdaten, p: &Bewerberprofil) -> Result<Einordnung, IndexFehler> {
        let b = &daten.berufe;
        let zi = b.index(p.zielberuf).ok_or(IndexFehler::UnbekannterBeruf(p.zielberuf))?;
        let g3 = b.gruppe3(zi);
        let mut alt_maske = 0u64;
        let mut alternativen = Vec::new();
        for a in &p.alternativberufe {
            let ai = b.index(*a).ok_or(IndexFehler::UnbekannterBeruf(*a))?;
            if ai == zi || alternativen.contains(&usize::from(ai)) {
                continue;
            }
            if g3.contains(&ai) && ai - g3.start < 64 {
                alt_maske |= 1 << (ai - g3.start);
            }
            alternativen.push(usize::from(ai));
        }
        let mut faehigkeiten = p.faehigkeiten.clone();
        faehigkeiten.sort_unstable();
        faehigkeiten.dedup();
        Ok(Einordnung { ziel: usize::from(zi), alt_maske, alternativen, faehigkeiten })
    }

    /// Builds the index (in parallel). The caller passes only matchingfähige profiles (P9).
    pub fn aufbauen(daten: Arc<Stammdaten>, profile: &[Bewerberprofil]) -> Result<Profilindex, IndexFehler> {
        let n = daten.berufe.anzahl();
        let mut einordnung = Vec::with_capacity(profile.len());
        let mut je_gruppe: Vec<Vec<u32>> = vec![Vec::new(); 2 * n];
        let mut wo: HashMap<u64, Lage> = HashMap::with_capacity(profile.len());
        for (i, p) in profile.iter().enumerate() {
            let e = Profilindex::einordnen(&daten, p)?;
            let mut lage = Lage { gruppen: vec![e.ziel] };
            lage.gruppen.extend(e.alternativen.iter().map(|a| n + a));
            if let Some(alt) = wo.insert(p.id, lage.clone()) {
                for g in alt.gruppen {
                    je_gruppe[g].retain(|j| profile[*j as usize].id != p.id);
                }
            }
            for g in &lage.gruppen {
                je_gruppe[*g].push(i as u32);
            }
            einordnung.push(e);
        }
        let gruppen = parallel_bauen(2 * n, |g| {
            let zeilen = je_gruppe[g]
                .iter()
                .map(|i| {
                    let e = &einordnung[*i as usize];
                    zeile(&profile[*i as usize], e, g < n)
                })
                .collect();
            Spalten::aus_zeilen(zeilen, daten.berufe.gruppenvokabular((g % n) as u16).to_vec())
        });
        Ok(Profilindex { daten, stand: Veroeffentlicht::neu(gruppen, wo) })
    }

    pub fn anzahl(&self) -> usize {
        let n = self.daten.berufe.anzahl();
        self.stand.lesen()[..n].iter().map(|g| g.len()).sum()
    }

    pub fn speicher_bytes(&self) -> usize {
        self.stand.lesen().iter().map(|g| g.bytes() + std::mem::size_of::<Spalten>()).sum()
    }

    /// Adds or replaces a profile (all its groups change in one published step).
    pub fn einfuegen(&self, p: &Bewerberprofil) -> Result<(), IndexFehler> {
        let n = self.daten.berufe.anzahl();
        let e = Profilindex::einordnen(&self.daten, p)?;
        let mut neue_lage = Lage { gruppen: vec![e.ziel] };
        neue_lage.gruppen.extend(e.alternativen.iter().map(|a| n + a));
        let mut wo = self.stand.schreiber();
        let gruppen = self.stand.lesen();
        let alte_lage = wo.get(&p.id).cloned().unwrap_or_default();
        let mut alle: Vec<usize> = alte_lage.gruppen.iter().chain(&neue_lage.gruppen).copied().collect();
        alle.sort_unstable();
        alle.dedup();
        let geaendert = alle
            .into_iter()
            .map(|g| {
                let weg = alte_lage.gruppen.contains(&g).then_some(p.id);
                let neu = neue_lage.gruppen.contains(&g).then(|| zeile(p, &e, g < n));
                (g, gruppen[g].geaendert(weg, neu))
            })
            .collect();
        self.stand.veroeffentlichen(geaendert);
        wo.insert(p.id, neue_lage);
        Ok(())
    }

    /// Removes a profile (e.g. no longer matchingfähig); false when unknown.
    pub fn entfernen(&self, id: u64) -> bool {
        let mut wo = self.stand.schreiber();
        let Some(lage) = wo.remove(&id) else { return false };
        let gruppen = self.stand.lesen();
        self.stand.veroeffentlichen(lage.gruppen.iter().map(|g| (*g, gruppen[*g].geaendert(Some(id), None))).collect());
        true
    }

    /// B2: the `k` best candidates for a posting (empty when the posting is not open).
    pub fn suchen(&self, s: &Stellenangebot, stichtag: Tag, k: usize) -> Vec<Treffer> {
        let b = &self.daten.berufe;
        let n = b.anzahl();
        let Some(ci) = b.index(s.beruf) else { return Vec::new() };
        if !s.offen(stichtag) {
            return Vec::new();
        }
        let gruppen = self.stand.lesen();
        let g3 = b.gruppe3(ci);
        let mut plan: Vec<(usize, Berufsbezug, u64)> =
            vec![(usize::from(ci), Berufsbezug::Gleich, 0), (n + usize::from(ci), Berufsbezug::Alternativ, 0)];
        let ausschluss = if ci - g3.start < 64 { 1u64 << (ci - g3.start) } else { 0 };
        for j in g3.clone().filter(|j| *j != ci) {
            let bezug =
                if b.code(j).praefix(4) == s.beruf.praefix(4) { Berufsbezug::Untergruppe } else { Berufsbezug::Gruppe };
            plan.push((usize::from(j), bezug, ausschluss));
        }
        plan.sort_by(|x, y| y.1.cmp(&x.1).then(x.0.cmp(&y.0)));
        let mut f = s.faehigkeiten.clone();
        f.sort_unstable();
        f.dedup();
        let q = Stelle {
            xyz: einheitsvektor(s.ort),
            ausland: s.ort.ausland,
            arbeitszeit: s.arbeitszeit.0,
            eintritt: s.eintritt.0,
            fest: aktualitaet_punkte(s.veroeffentlicht.0, stichtag.0),
            benoetigt: f.len() as u32,
            stichtag: stichtag.0,
        };
        let mut top = TopK::neu(k);
        let mut maske = Maske::default();
        for (gi, bezug, ausschluss) in plan {
            if top.voll_ueber(bezug.punkte() + gewichte::REST_HOECHSTENS) {
                break;
            }
            let g = &gruppen[gi];
            g.maske(&f, &mut maske);
            durchsuchen(g, &q, bezug.punkte(), ausschluss, &maske, &mut top, gi as u32);
        }
        top.eintraege
            .iter()
            .map(|&(punkte, id, gi, zi)| {
                let bezug = if gi as usize >= n {
                    Berufsbezug::Alternativ
                } else if gi as usize == usize::from(ci) {
                    Berufsbezug::Gleich
                } else if b.code(gi as u16).praefix(4) == s.beruf.praefix(4) {
                    Berufsbezug::Untergruppe
                } else {
                    Berufsbezug::Gruppe
                };
                let erklaerung = erklaeren(&gruppen[gi as usize], zi as usize, s, &f, bezug, stichtag);
                Treffer { id, punkte, erklaerung }
            })
            .collect()
    }
}

struct Stelle {
    xyz: [f32; 3],
    ausland: bool,
    arbeitszeit: u8,
    eintritt: u16,
    /// Points that depend only on the posting (recency).
    fest: u32,
    benoetigt: u32,
    stichtag: u16,
}

fn zeile<'a>(p: &Bewerberprofil, e: &'a Einordnung, primaer: bool) -> Zeile<'a> {
    let ausland = if p.umkreis == Umkreis::InlandUndAusland { AUSLAND } else { 0 };
    let entgegen = if p.bewerbung_entgegen { ENTGEGEN } else { 0 };
    Zeile {
        id: p.id,
        xyz: einheitsvektor(p.ort),
        flags: (p.arbeitszeit.0 & crate::Arbeitszeit::ALLE.0) | ausland | entgegen,
        a: p.verfuegbar_ab.0,
        b: 0,
        c: 0,
        radius: umkreis_km(p.umkreis),
        alt: if primaer { e.alt_maske } else { 0 },
        faehigkeiten: &e.faehigkeiten,
    }
}

fn umkreis_der_zeile(g: &Spalten, i: usize) -> Umkreis {
    let r = g.radius[i];
    if r.is_finite() {
        Umkreis::Km(r as u16)
    } else if g.flags[i] & AUSLAND != 0 {
        Umkreis::InlandUndAusland
    } else {
        Umkreis::Inland
    }
}

fn durchsuchen(g: &Spalten, q: &Stelle, beruf: u32, ausschluss: u64, maske: &Maske, top: &mut TopK, gi: u32) {
    // Local rows: per radius run only the z band that radius reaches; none abroad.
    if !q.ausland {
        for bereich in g.baender(q.xyz[2], |r| r / ERDRADIUS_KM + BAND_RAND) {
            durchsuchen_bereich(g, q, beruf, ausschluss, maske, top, gi, bereich);
        }
    }
    durchsuchen_bereich(g, q, beruf, ausschluss, maske, top, gi, g.n_lokal..g.len());
}

#[allow(clippy::too_many_arguments)]
fn durchsuchen_bereich(
    g: &Spalten,
    q: &Stelle,
    beruf: u32,
    ausschluss: u64,
    maske: &Maske,
    top: &mut TopK,
    gi: u32,
    bereich: std::ops::Range<usize>,
) {
    let st = q.stichtag;
    for i in bereich {
        if g.alt[i] & ausschluss != 0 {
            continue; // found through the alternative-occupation group, with its better relation
        }
        let flags = g.flags[i];
        let d = entfernung_km([g.x[i], g.y[i], g.z[i]], q.xyz);
        let r = g.radius[i];
        let passt = if r.is_finite() { !q.ausland && d <= r } else { !q.ausland || flags & AUSLAND != 0 };
        if !passt {
            continue;
        }
        let basis = beruf
            + q.fest
            + entfernung_punkte(d, r)
            + arbeitszeit_punkte(flags, q.arbeitszeit)
            + eintritt_punkte(q.eintritt, g.a[i], st);
        if !top.koennte(basis + gewichte::FAEHIGKEITEN) {
            continue;
        }
        let treffer = g.treffer(i, maske);
        top.rein(basis + faehigkeiten_punkte(treffer, q.benoetigt), g.ids[i], gi, i as u32);
    }
}

fn erklaeren(
    g: &Spalten,
    i: usize,
    s: &Stellenangebot,
    benoetigt: &[FaehigkeitId],
    beruf: Berufsbezug,
    stichtag: Tag,
) -> Erklaerung {
    let umkreis = umkreis_der_zeile(g, i);
    let d = entfernung_km([g.x[i], g.y[i], g.z[i]], einheitsvektor(s.ort));
    debug_assert!(im_umkreis(umkreis, d, s.ort.ausland));
    let vorhanden_liste = g.faehigkeiten(i);
    let fehlende: Vec<FaehigkeitId> = benoetigt.iter().filter(|f| !vorhanden_liste.contains(f)).copied().collect();
    let vorhanden = (benoetigt.len() - fehlende.len()) as u32;
    let e = Erklaerung {
        punkte: 0,
        beruf,
        beruf_punkte: beruf.punkte(),
        entfernung_km: d,
        entfernung_punkte: entfernung_punkte(d, umkreis_km(umkreis)),
        arbeitszeit_punkte: arbeitszeit_punkte(g.flags[i], s.arbeitszeit.0),
        faehigkeiten_punkte: faehigkeiten_punkte(vorhanden, benoetigt.len() as u32),
        faehigkeiten_vorhanden: vorhanden,
        faehigkeiten_benoetigt: benoetigt.len() as u32,
        fehlende_faehigkeiten: fehlende,
        eintritt_punkte: eintritt_punkte(s.eintritt.0, g.a[i], stichtag.0),
        aktualitaet_punkte: aktualitaet_punkte(s.veroeffentlicht.0, stichtag.0),
        bewerbung_entgegen: g.flags[i] & ENTGEGEN != 0,
    };
    Erklaerung { punkte: e.summe(), ..e }
}
