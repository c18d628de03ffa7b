//! The score of a (Bewerberprofil, Stellenangebot) pair: integer points per factor with
//! documented weights, the same function in both directions. [`bewerten`] is the reference
//! (the brute-force oracle uses it); the index computes the same numbers from its columns.

use serde::Serialize;
use vierphasen_domain::katalog::KldbCode;

use crate::typen::{Arbeitszeit, Bewerberprofil, FaehigkeitId, Ort, Stellenangebot, Tag, Umkreis};

/// Weights (points). Maximum total: 400 + 150 + 100 + 200 + 50 + 100 = 1000.
pub mod gewichte {
    /// Occupation: the Zielberuf itself.
    pub const BERUF_GLEICH: u32 = 400;
    /// Occupation: one of the alternative occupations the customer named.
    pub const BERUF_ALTERNATIV: u32 = 300;
    /// Occupation: same Berufsuntergruppe (first four digits) as the Zielberuf.
    pub const BERUF_UNTERGRUPPE: u32 = 250;
    /// Occupation: same Berufsgruppe (first three digits) as the Zielberuf.
    pub const BERUF_GRUPPE: u32 = 150;
    /// Distance: full points at 0 km, falling linearly to 0 at the radius.
    pub const ENTFERNUNG: u32 = 150;
    /// Distance scale for profiles without a radius (überregional/international, Z6).
    pub const ENTFERNUNG_OHNE_UMKREIS_KM: f32 = 500.0;
    /// Working time: the posting offers one the profile accepts.
    pub const ARBEITSZEIT: u32 = 100;
    /// Skills: share of the posting's required skills the profile has.
    pub const FAEHIGKEITEN: u32 = 200;
    /// Start date: full points when the customer is available at the start, 0 from 60 days late.
    pub const EINTRITT: u32 = 50;
    pub const EINTRITT_TAGE: u32 = 60;
    /// Recency: one point less per day since publication.
    pub const AKTUALITAET: u32 = 100;
    /// The most points everything except the occupation can add.
    pub const REST_HOECHSTENS: u32 = ENTFERNUNG + ARBEITSZEIT + FAEHIGKEITEN + EINTRITT + AKTUALITAET;
}

use gewichte as g;

/// How the posting's occupation relates to the profile (best relation wins).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub enum Berufsbezug {
    Gruppe,
    Untergruppe,
    Alternativ,
    Gleich,
}

impl Berufsbezug {
    pub fn punkte(self) -> u32 {
        match self {
            Berufsbezug::Gleich => g::BERUF_GLEICH,
            Berufsbezug::Alternativ => g::BERUF_ALTERNATIV,
            Berufsbezug::Untergruppe => g::BERUF_UNTERGRUPPE,
            Berufsbezug::Gruppe => g::BERUF_GRUPPE,
        }
    }
    pub fn label(self) -> &'static str {
        match self {
            Berufsbezug::Gleich => "Zielberuf",
            Berufsbezug::Alternativ => "Alternativberuf",
            Berufsbezug::Untergruppe => "gleiche Berufsuntergruppe (4-Steller)",
            Berufsbezug::Gruppe => "gleiche Berufsgruppe (3-Steller)",
        }
    }
}

/// `None`: the occupation is unrelated, no match.
pub fn berufsbezug(zielberuf: KldbCode, alternativ: &[KldbCode], beruf: KldbCode) -> Option<Berufsbezug> {
    if beruf == zielberuf {
        Some(Berufsbezug::Gleich)
    } else if alternativ.contains(&beruf) {
        Some(Berufsbezug::Alternativ)
    } else if beruf.praefix(4) == zielberuf.praefix(4) {
        Some(Berufsbezug::Untergruppe)
    } else if beruf.praefix(3) == zielberuf.praefix(3) {
        Some(Berufsbezug::Gruppe)
    } else {
        None
    }
}

pub const ERDRADIUS_KM: f32 = 6371.0;

/// A point on the unit sphere: distance needs no trigonometry per pair.
pub fn einheitsvektor(o: Ort) -> [f32; 3] {
    let (lat, lon) = (f64::from(o.lat).to_radians(), f64::from(o.lon).to_radians());
    [(lat.cos() * lon.cos()) as f32, (lat.cos() * lon.sin()) as f32, lat.sin() as f32]
}

/// Straight-line (chord) distance in km; differs from the great-circle distance by less than
/// 1e-5 relative up to 100 km (about 1 m), and is what radius and points use everywhere.
#[inline]
pub fn entfernung_km(a: [f32; 3], b: [f32; 3]) -> f32 {
    let (dx, dy, dz) = (a[0] - b[0], a[1] - b[1], a[2] - b[2]);
    ERDRADIUS_KM * (dx * dx + dy * dy + dz * dz).sqrt()
}

impl Ort {
    pub fn entfernung_km(&self, anderer: &Ort) -> f32 {
        entfernung_km(einheitsvektor(*self), einheitsvektor(*anderer))
    }
}

/// Z6: within the radius (`d` from [`entfernung_km`]); postings abroad only for "international".
#[inline]
pub fn im_umkreis(umkreis: Umkreis, d: f32, ausland: bool) -> bool {
    match umkreis {
        Umkreis::Km(r) => !ausland && d <= f32::from(r),
        Umkreis::Inland => !ausland,
        Umkreis::InlandUndAusland => true,
    }
}

/// Radius in km as f32 (`INFINITY` without radius).
pub fn umkreis_km(u: Umkreis) -> f32 {
    match u {
        Umkreis::Km(r) => f32::from(r),
        Umkreis::Inland | Umkreis::InlandUndAusland => f32::INFINITY,
    }
}

#[inline]
pub fn entfernung_punkte(d: f32, umkreis_km: f32) -> u32 {
    let skala = if umkreis_km.is_finite() { umkreis_km.max(1.0) } else { g::ENTFERNUNG_OHNE_UMKREIS_KM };
    (g::ENTFERNUNG as f32 * (1.0 - d / skala)).max(0.0) as u32
}

#[inline]
pub fn arbeitszeit_punkte(profil: u8, stelle: u8) -> u32 {
    if profil & stelle & Arbeitszeit::ALLE.0 != 0 { g::ARBEITSZEIT } else { 0 }
}

#[inline]
pub fn faehigkeiten_punkte(treffer: u32, benoetigt: u32) -> u32 {
    (g::FAEHIGKEITEN * treffer.min(benoetigt)).checked_div(benoetigt).unwrap_or(g::FAEHIGKEITEN)
}

/// Start date against availability; a date before `stichtag` counts as `stichtag` (ab sofort).
#[inline]
pub fn eintritt_punkte(eintritt: u16, verfuegbar_ab: u16, stichtag: u16) -> u32 {
    let beginn = u32::from(eintritt.max(stichtag));
    let verfuegbar = u32::from(verfuegbar_ab.max(stichtag));
    let spaet = verfuegbar.saturating_sub(beginn);
    g::EINTRITT - (spaet.min(g::EINTRITT_TAGE) * g::EINTRITT / g::EINTRITT_TAGE)
}

#[inline]
pub fn aktualitaet_punkte(veroeffentlicht: u16, stichtag: u16) -> u32 {
    g::AKTUALITAET - u32::from(stichtag.saturating_sub(veroeffentlicht)).min(g::AKTUALITAET)
}

/// Why a posting got its score.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Erklaerung {
    pub punkte: u32,
    pub beruf: Berufsbezug,
    pub beruf_punkte: u32,
    pub entfernung_km: f32,
    pub entfernung_punkte: u32,
    pub arbeitszeit_punkte: u32,
    pub faehigkeiten_punkte: u32,
    pub faehigkeiten_vorhanden: u32,
    pub faehigkeiten_benoetigt: u32,
    /// Required skills the profile lacks (names via [`crate::Faehigkeiten::name`]).
    pub fehlende_faehigkeiten: Vec<FaehigkeitId>,
    pub eintritt_punkte: u32,
    pub aktualitaet_punkte: u32,
    /// F2 step 3: Handlungsbedarfe stand against applications (a mark, S12: never hidden).
    pub bewerbung_entgegen: bool,
}

/// The reference score: `None` when the pair does not match at all (unrelated occupation,
/// outside the radius, posting not open on `stichtag`).
pub fn bewerten(p: &Bewerberprofil, s: &Stellenangebot, stichtag: Tag) -> Option<Erklaerung> {
    if !s.offen(stichtag) {
        return None;
    }
    let beruf = berufsbezug(p.zielberuf, &p.alternativberufe, s.beruf)?;
    let d = entfernung_km(einheitsvektor(p.ort), einheitsvektor(s.ort));
    if !im_umkreis(p.umkreis, d, s.ort.ausland) {
        return None;
    }
    let mut benoetigt: Vec<FaehigkeitId> = s.faehigkeiten.clone();
    benoetigt.sort_unstable();
    benoetigt.dedup();
    let fehlende: Vec<FaehigkeitId> = benoetigt.iter().filter(|f| !p.faehigkeiten.contains(f)).copied().collect();
    let vorhanden = (benoetigt.len() - fehlende.len()) as u32;
    let e = Erklaerung {
        punkte: 0,
        beruf,
        beruf_punkte: beruf.punkte(),
        entfernung_km: d,
        entfernung_punkte: entfernung_punkte(d, umkreis_km(p.umkreis)),
        arbeitszeit_punkte: arbeitszeit_punkte(p.arbeitszeit.0, s.arbeitszeit.0),
        faehigkeiten_punkte: faehigkeiten_punkte(vorhanden, benoetigt.len() as u32),
        faehigkeiten_vorhanden: vorhanden,
        faehigkeiten_benoetigt: benoetigt.len() as u32,
        fehlende_faehigkeiten: fehlende,
        eintritt_punkte: eintritt_punkte(s.eintritt.0, p.verfuegbar_ab.0, stichtag.0),
        aktualitaet_punkte: aktualitaet_punkte(s.veroeffentlicht.0, stichtag.0),
        bewerbung_entgegen: p.bewerbung_entgegen,
    };
    Some(Erklaerung { punkte: e.summe(), ..e })
}

impl Erklaerung {
    pub fn summe(&self) -> u32 {
        self.beruf_punkte
            + self.entfernung_punkte
            + self.arbeitszeit_punkte
            + self.faehigkeiten_punkte
            + self.eintritt_punkte
            + self.aktualitaet_punkte
    }
}

/// A ranked result: higher points first, ties by the smaller id (deterministic).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Treffer {
    pub id: u64,
    pub punkte: u32,
    pub erklaerung: Erklaerung,
}

/// The ranking order of `(punkte, id)`: true when `a` ranks before `b`.
#[inline]
pub fn vor(a: (u32, u64), b: (u32, u64)) -> bool {
    a.0 > b.0 || (a.0 == b.0 && a.1 < b.1)
}
