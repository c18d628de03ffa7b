//! Working days and the public holidays of the Länder (issue 15/6): proposed dates skip them.

use chrono::{Datelike, NaiveDate};
use vierphasen_domain::kalender::{
    Bundesland, arbeitstag_ab, arbeitstag_bis, feiertag, kein_arbeitstag, kein_arbeitstag_text, ostersonntag,
};

fn d(j: i32, m: u32, t: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(j, m, t).unwrap()
}

#[test]
fn ostersonntag_nach_dem_gregorianischen_kalender() {
    // Dates as the Physikalisch-Technische Bundesanstalt lists them, incl. the earliest (22 March)
    // and latest (25 April) possible dates.
    for (jahr, monat, tag) in
        [(1818, 3, 22), (2000, 4, 23), (2024, 3, 31), (2025, 4, 20), (2026, 4, 5), (2027, 3, 28), (2038, 4, 25)]
    {
        assert_eq!(ostersonntag(jahr), d(jahr, monat, tag), "{jahr}");
    }
}

#[test]
fn feiertage_je_land_2026() {
    // Land-wide public holidays on 2026's calendar (the count the Länder's laws give; Easter and
    // Whit Sunday, holidays in Brandenburg, fall on Sundays and are not counted).
    let erwartet = [
        (Bundesland::BW, 12),
        (Bundesland::BY, 13),
        (Bundesland::BE, 10),
        (Bundesland::BB, 10),
        (Bundesland::HB, 10),
        (Bundesland::HH, 10),
        (Bundesland::HE, 10),
        (Bundesland::MV, 11),
        (Bundesland::NI, 10),
        (Bundesland::NW, 11),
        (Bundesland::RP, 11),
        (Bundesland::SL, 12),
        (Bundesland::SN, 11),
        (Bundesland::ST, 11),
        (Bundesland::SH, 10),
        (Bundesland::TH, 11),
    ];
    let jahr: Vec<NaiveDate> = d(2026, 1, 1).iter_days().take_while(|t| t.year() == 2026).collect();
    for (land, anzahl) in erwartet {
        let gezaehlt = jahr.iter().filter(|t| feiertag(**t, Some(land)).is_some()).count();
        assert_eq!(gezaehlt, anzahl, "{}", land.name());
    }
    // Without a Land only the nine nationwide ones.
    assert_eq!(jahr.iter().filter(|t| feiertag(**t, None).is_some()).count(), 9);
}

#[test]
fn bewegliche_und_landesfeiertage() {
    assert_eq!(feiertag(d(2027, 5, 17), None), Some("Pfingstmontag"));
    assert_eq!(feiertag(d(2027, 5, 27), Some(Bundesland::NW)), Some("Fronleichnam"));
    assert_eq!(feiertag(d(2027, 5, 27), Some(Bundesland::BE)), None);
    assert_eq!(feiertag(d(2026, 11, 18), Some(Bundesland::SN)), Some("Buß- und Bettag"));
    assert_eq!(feiertag(d(2023, 11, 22), Some(Bundesland::SN)), Some("Buß- und Bettag"));
    assert_eq!(feiertag(d(2026, 11, 18), Some(Bundesland::BY)), None);
    // Introduced later: Frauentag in Berlin 2019, in Mecklenburg-Vorpommern 2023; Reformationstag
    // in the north 2018, once nationwide in 2017.
    assert_eq!(feiertag(d(2022, 3, 8), Some(Bundesland::MV)), None);
    assert_eq!(feiertag(d(2023, 3, 8), Some(Bundesland::MV)), Some("Internationaler Frauentag"));
    assert_eq!(feiertag(d(2017, 10, 31), Some(Bundesland::BY)), Some("Reformationstag"));
    assert_eq!(feiertag(d(2016, 10, 31), Some(Bundesland::NI)), None);
    assert_eq!(feiertag(d(2026, 10, 31), Some(Bundesland::NI)), Some("Reformationstag"));
    // Christmas Eve is no public holiday.
    assert_eq!(feiertag(d(2026, 12, 24), Some(Bundesland::NW)), None);
}

#[test]
fn vorschlaege_fallen_auf_arbeitstage() {
    let nw = Some(Bundesland::NW);
    // The two dates the issue found: a Sunday and Whit Sunday.
    assert_eq!(kein_arbeitstag(d(2027, 1, 31), nw), Some("Sonntag"));
    assert_eq!(arbeitstag_bis(d(2027, 1, 31), nw), d(2027, 1, 29));
    assert_eq!(arbeitstag_bis(d(2027, 5, 16), nw), d(2027, 5, 14));
    // Easter: Good Friday to Easter Monday closed, back to Maundy Thursday.
    assert_eq!(arbeitstag_bis(d(2027, 3, 29), nw), d(2027, 3, 25));
    // Forward over Christmas 2026 (Friday, weekend) to Monday.
    assert_eq!(arbeitstag_ab(d(2026, 12, 25), nw), d(2026, 12, 28));
    // A working day stays.
    assert_eq!(arbeitstag_bis(d(2026, 12, 7), nw), d(2026, 12, 7));
    assert_eq!(arbeitstag_ab(d(2026, 12, 7), nw), d(2026, 12, 7));
}

#[test]
fn meldung_nennt_den_grund() {
    let nw = Some(Bundesland::NW);
    assert_eq!(
        kein_arbeitstag_text(d(2027, 5, 27), nw).unwrap(),
        "Der 27.05.2027 ist ein Feiertag (Fronleichnam in Nordrhein-Westfalen); bitte einen Arbeitstag wählen."
    );
    assert_eq!(
        kein_arbeitstag_text(d(2027, 5, 17), nw).unwrap(),
        "Der 17.05.2027 ist ein Feiertag (Pfingstmontag); bitte einen Arbeitstag wählen."
    );
    assert_eq!(
        kein_arbeitstag_text(d(2027, 1, 30), nw).unwrap(),
        "Der 30.01.2027 ist ein Samstag; bitte einen Arbeitstag wählen."
    );
    assert_eq!(kein_arbeitstag_text(d(2027, 1, 29), nw), None);
}

#[test]
fn kuerzel_lesen() {
    for land in Bundesland::ALLE {
        assert_eq!(Bundesland::aus_kuerzel(land.kuerzel()), Some(land));
    }
    assert_eq!(Bundesland::aus_kuerzel("nw"), Some(Bundesland::NW));
    assert_eq!(Bundesland::aus_kuerzel("XX"), None);
}
