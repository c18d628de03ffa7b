//! Working days: the public holidays of the 16 Länder, computed for any year (Easter by the
//! Gregorian computus, the rest from the Länder's Feiertagsgesetze), so that proposed dates
//! (next Folgegespräch, Wiedervorlagen) fall on days the Dienststelle is open.
//!
//! Sources: the Feiertagsgesetze of the Länder as summarised by the Bundesministerium des Innern
//! ("Gesetzliche Feiertage", bmi.bund.de) — Land-wide holidays only. Holidays of single communes
//! are not counted (Fronleichnam in parts of Sachsen and Thüringen, the Augsburger Friedensfest),
//! except Mariä Himmelfahrt in Bayern, a holiday in most of its communes: a proposal that avoids
//! it in the others costs one day, one that lands on it costs an appointment.

use chrono::{Datelike, Days, NaiveDate, Weekday};
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// A Land by its official abbreviation (ISO 3166-2:DE).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Bundesland {
    BW,
    BY,
    BE,
    BB,
    HB,
    HH,
    HE,
    MV,
    NI,
    NW,
    RP,
    SL,
    SN,
    ST,
    SH,
    TH,
}

impl Bundesland {
    pub const ALLE: [Bundesland; 16] = [
        Self::BW,
        Self::BY,
        Self::BE,
        Self::BB,
        Self::HB,
        Self::HH,
        Self::HE,
        Self::MV,
        Self::NI,
        Self::NW,
        Self::RP,
        Self::SL,
        Self::SN,
        Self::ST,
        Self::SH,
        Self::TH,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Self::BW => "Baden-Württemberg",
            Self::BY => "Bayern",
            Self::BE => "Berlin",
            Self::BB => "Brandenburg",
            Self::HB => "Bremen",
            Self::HH => "Hamburg",
            Self::HE => "Hessen",
            Self::MV => "Mecklenburg-Vorpommern",
            Self::NI => "Niedersachsen",
            Self::NW => "Nordrhein-Westfalen",
            Self::RP => "Rheinland-Pfalz",
            Self::SL => "Saarland",
            Self::SN => "Sachsen",
            Self::ST => "Sachsen-Anhalt",
            Self::SH => "Schleswig-Holstein",
            Self::TH => "Thüringen",
        }
    }

    /// The abbreviation as stored (`NW`).
    pub fn kuerzel(self) -> &'static str {
        match self {
            Self::BW => "BW",
            Self::BY => "BY",
            Self::BE => "BE",
            Self::BB => "BB",
            Self::HB => "HB",
            Self::HH => "HH",
            Self::HE => "HE",
            Self::MV => "MV",
            Self::NI => "NI",
            Self::NW => "NW",
            Self::RP => "RP",
            Self::SL => "SL",
            Self::SN => "SN",
            Self::ST => "ST",
            Self::SH => "SH",
            Self::TH => "TH",
        }
    }

    pub fn aus_kuerzel(text: &str) -> Option<Self> {
        Self::ALLE.into_iter().find(|l| l.kuerzel().eq_ignore_ascii_case(text.trim()))
    }
}

/// Easter Sunday of a Gregorian year (anonymous Gregorian algorithm, Meeus/Jones/Butcher).
pub fn ostersonntag(jahr: i32) -> NaiveDate {
    let a = jahr.rem_euclid(19);
    let b = jahr.div_euclid(100);
    let c = jahr.rem_euclid(100);
    let d = b / 4;
    let e = b % 4;
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let i = c / 4;
    let k = c % 4;
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let monat = (h + l - 7 * m + 114) / 31;
    let tag = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(jahr, monat.unsigned_abs(), tag.unsigned_abs()).unwrap_or(NaiveDate::MIN)
}

/// The public holiday on `datum`, if any: nationwide ones always, those of a Land when the
/// Dienststelle's Land is known.
pub fn feiertag(datum: NaiveDate, land: Option<Bundesland>) -> Option<&'static str> {
    use Bundesland::*;
    let jahr = datum.year();
    let ostern = ostersonntag(jahr);
    let nach_ostern = |tage: i64| ostern.checked_add_signed(chrono::TimeDelta::days(tage));
    let am = |monat: u32, tag: u32| NaiveDate::from_ymd_opt(jahr, monat, tag) == Some(datum);
    let in_land = |laender: &[Bundesland]| land.is_some_and(|l| laender.contains(&l));
    // Buß- und Bettag: the Wednesday before 23 November.
    let buss_und_bettag = NaiveDate::from_ymd_opt(jahr, 11, 22).map(|d| {
        let zurueck = (d.weekday().num_days_from_monday() + 7 - Weekday::Wed.num_days_from_monday()) % 7;
        d - Days::new(u64::from(zurueck))
    });
    let treffer: [(bool, &'static str); 18] = [
        (am(1, 1), "Neujahr"),
        (am(1, 6) && in_land(&[BW, BY, ST]), "Heilige Drei Könige"),
        (am(3, 8) && (in_land(&[BE]) && jahr >= 2019 || in_land(&[MV]) && jahr >= 2023), "Internationaler Frauentag"),
        (nach_ostern(-2) == Some(datum), "Karfreitag"),
        (nach_ostern(1) == Some(datum), "Ostermontag"),
        (am(5, 1), "Tag der Arbeit"),
        (am(5, 8) && in_land(&[BE]) && (jahr == 2020 || jahr == 2025), "Tag der Befreiung"),
        (nach_ostern(39) == Some(datum), "Christi Himmelfahrt"),
        (nach_ostern(50) == Some(datum), "Pfingstmontag"),
        (nach_ostern(60) == Some(datum) && in_land(&[BW, BY, HE, NW, RP, SL]), "Fronleichnam"),
        (am(8, 15) && in_land(&[BY, SL]), "Mariä Himmelfahrt"),
        (am(9, 20) && in_land(&[TH]) && jahr >= 2019, "Weltkindertag"),
        (am(10, 3), "Tag der Deutschen Einheit"),
        (
            am(10, 31)
                && (jahr == 2017 || in_land(&[BB, MV, SN, ST, TH]) || in_land(&[HB, HH, NI, SH]) && jahr >= 2018),
            "Reformationstag",
        ),
        (am(11, 1) && in_land(&[BW, BY, NW, RP, SL]), "Allerheiligen"),
        (buss_und_bettag == Some(datum) && in_land(&[SN]), "Buß- und Bettag"),
        (am(12, 25), "1. Weihnachtstag"),
        (am(12, 26), "2. Weihnachtstag"),
    ];
    treffer.into_iter().find(|(ja, _)| *ja).map(|(_, name)| name)
}

/// Why `datum` is no working day ("Sonntag", "Pfingstmontag"), or `None` for a working day
/// (Monday to Friday, no public holiday).
pub fn kein_arbeitstag(datum: NaiveDate, land: Option<Bundesland>) -> Option<&'static str> {
    match datum.weekday() {
        Weekday::Sat => Some("Samstag"),
        Weekday::Sun => Some("Sonntag"),
        _ => feiertag(datum, land),
    }
}

/// The last working day on or before `datum`: for a date that must not be exceeded (the
/// Kontaktdichtekonzept's "spätestens", a review deadline), the proposal moves earlier.
pub fn arbeitstag_bis(datum: NaiveDate, land: Option<Bundesland>) -> NaiveDate {
    arbeitstag_suchen(datum, land, NaiveDate::pred_opt)
}

/// The first working day on or after `datum` (for an appointment that must not be earlier).
pub fn arbeitstag_ab(datum: NaiveDate, land: Option<Bundesland>) -> NaiveDate {
    arbeitstag_suchen(datum, land, NaiveDate::succ_opt)
}

fn arbeitstag_suchen(
    datum: NaiveDate,
    land: Option<Bundesland>,
    schritt: fn(&NaiveDate) -> Option<NaiveDate>,
) -> NaiveDate {
    let mut d = datum;
    // At most a long weekend with adjacent holidays; the bound only guards against a bug.
    for _ in 0..14 {
        if kein_arbeitstag(d, land).is_none() {
            return d;
        }
        d = schritt(&d).unwrap_or(d);
    }
    datum
}

/// German text for a refused date: "Der 24.05.2027 ist ein Feiertag (Pfingstmontag in
/// Nordrhein-Westfalen)."
pub fn kein_arbeitstag_text(datum: NaiveDate, land: Option<Bundesland>) -> Option<String> {
    let grund = kein_arbeitstag(datum, land)?;
    let tag = crate::datum::de(datum);
    Some(match (grund, land) {
        ("Samstag" | "Sonntag", _) => format!("Der {tag} ist ein {grund}; bitte einen Arbeitstag wählen."),
        (_, Some(l)) if feiertag(datum, None).is_none() => {
            format!("Der {tag} ist ein Feiertag ({grund} in {}); bitte einen Arbeitstag wählen.", l.name())
        }
        _ => format!("Der {tag} ist ein Feiertag ({grund}); bitte einen Arbeitstag wählen."),
    })
}
