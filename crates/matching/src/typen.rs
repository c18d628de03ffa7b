//! The two sides of a match and their small value types.

use chrono::NaiveDate;
use serde::Serialize;
use vierphasen_domain::katalog::KldbCode;

/// A calendar date as days since 2000-01-01 (u16 reaches 2179): small enough for columns.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default, Serialize)]
pub struct Tag(pub u16);

const EPOCHE: NaiveDate = match NaiveDate::from_ymd_opt(2000, 1, 1) {
    Some(d) => d,
    None => NaiveDate::MIN,
};

impl Tag {
    /// Dates before 2000 become day 0, dates after 2179 the last day.
    pub fn aus_datum(d: NaiveDate) -> Tag {
        Tag((d - EPOCHE).num_days().clamp(0, i64::from(u16::MAX)) as u16)
    }
    pub fn datum(self) -> NaiveDate {
        EPOCHE + chrono::Days::new(u64::from(self.0))
    }
    pub fn plus(self, tage: u16) -> Tag {
        Tag(self.0.saturating_add(tage))
    }
    pub fn minus(self, tage: u16) -> Tag {
        Tag(self.0.saturating_sub(tage))
    }
}

/// Working time as a set: a posting offers one or more, a profile accepts one or more.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize)]
pub struct Arbeitszeit(pub u8);

impl Arbeitszeit {
    /// Vollzeit
    pub const VZ: Arbeitszeit = Arbeitszeit(1);
    /// Teilzeit
    pub const TZ: Arbeitszeit = Arbeitszeit(2);
    /// Schicht/Nacht/Wochenende
    pub const SNW: Arbeitszeit = Arbeitszeit(4);
    /// Heim-/Telearbeit
    pub const HO: Arbeitszeit = Arbeitszeit(8);
    /// Minijob
    pub const MJ: Arbeitszeit = Arbeitszeit(16);
    pub const ALLE: Arbeitszeit = Arbeitszeit(31);
    /// Short code and German name of every working time.
    pub const ARTEN: [(&'static str, &'static str, Arbeitszeit); 5] = [
        ("vz", "Vollzeit", Arbeitszeit::VZ),
        ("tz", "Teilzeit", Arbeitszeit::TZ),
        ("snw", "Schicht/Nacht/Wochenende", Arbeitszeit::SNW),
        ("ho", "Heim-/Telearbeit", Arbeitszeit::HO),
        ("mj", "Minijob", Arbeitszeit::MJ),
    ];

    pub fn und(self, andere: Arbeitszeit) -> Arbeitszeit {
        Arbeitszeit(self.0 | andere.0)
    }
    pub fn passt(self, andere: Arbeitszeit) -> bool {
        self.0 & andere.0 != 0
    }
    /// Parses `vz`, `tz`, `snw`, `ho`, `mj` (comma-separated for several).
    pub fn parse(text: &str) -> Option<Arbeitszeit> {
        let mut m = 0u8;
        for teil in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
            m |= Arbeitszeit::ARTEN.iter().find(|(n, _, _)| n.eq_ignore_ascii_case(teil))?.2.0;
        }
        (m != 0).then_some(Arbeitszeit(m))
    }
    /// `vz,tz` etc.
    pub fn kuerzel(self) -> String {
        let teile: Vec<&str> =
            Arbeitszeit::ARTEN.iter().filter(|(_, _, a)| self.passt(*a)).map(|(n, _, _)| *n).collect();
        teile.join(",")
    }
    /// "Vollzeit, Teilzeit" etc.
    pub fn text(self) -> String {
        let teile: Vec<&str> =
            Arbeitszeit::ARTEN.iter().filter(|(_, _, a)| self.passt(*a)).map(|(_, t, _)| *t).collect();
        teile.join(", ")
    }
}

/// A place: WGS84 coordinates (a PLZ centroid in Germany, or a place abroad).
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Ort {
    pub lat: f32,
    pub lon: f32,
    /// Outside Germany: only for profiles with the international horizon (Z6).
    pub ausland: bool,
}

/// Where a job seeker looks (Z6 and Örtliche Mobilität).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum Umkreis {
    /// Within so many km (lokal = Tagespendelbereich).
    Km(u16),
    /// überregional: all of Germany.
    Inland,
    /// international: Germany and abroad.
    InlandUndAusland,
}

/// Index into the skill vocabulary ([`crate::Faehigkeiten`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct FaehigkeitId(pub u32);

/// A vacancy as the engine sees it.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stellenangebot {
    pub id: u64,
    pub beruf: KldbCode,
    pub ort: Ort,
    pub arbeitszeit: Arbeitszeit,
    /// Required skills.
    pub faehigkeiten: Vec<FaehigkeitId>,
    /// Start of work (a date in the past means "ab sofort").
    pub eintritt: Tag,
    pub veroeffentlicht: Tag,
    /// Last day the posting is open; afterwards it is never returned.
    pub ablauf: Tag,
}

impl Stellenangebot {
    /// Open on `stichtag`: published and not expired.
    pub fn offen(&self, stichtag: Tag) -> bool {
        self.veroeffentlicht <= stichtag && stichtag <= self.ablauf
    }
}

/// A job seeker's profile for matching (§8.4), derived from the current profiling
/// ([`crate::bewerberprofil_aus`]).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bewerberprofil {
    pub id: u64,
    /// P1
    pub zielberuf: KldbCode,
    /// Alternative occupations (never the Zielberuf itself).
    pub alternativberufe: Vec<KldbCode>,
    /// P2: Stärken that name a skill of the vocabulary.
    pub faehigkeiten: Vec<FaehigkeitId>,
    pub arbeitszeit: Arbeitszeit,
    pub verfuegbar_ab: Tag,
    pub ort: Ort,
    pub umkreis: Umkreis,
    /// F2 step 3: open Handlungsbedarfe stand against applications. Marked, never hidden (S12).
    pub bewerbung_entgegen: bool,
}
