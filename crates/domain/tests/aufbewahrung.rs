//! Tests of `crates/domain/src/aufbewahrung/mod.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use chrono::NaiveDate;
use vierphasen_domain::Rechtskreis;
use vierphasen_domain::aufbewahrung::*;

fn tag(j: i32, m: u32, t: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(j, m, t).unwrap_or_default()
}

fn lage(abgemeldet: Option<NaiveDate>, angeordnet: bool, antrag: Option<NaiveDate>) -> Aufbewahrungslage {
    Aufbewahrungslage {
        rechtskreis: Rechtskreis::SgbIII,
        abgemeldet_am: abgemeldet,
        angeordnet,
        loeschantrag_am: antrag,
    }
}

#[test]
fn standardfristen_vollstaendig() {
    let f = Fristen::standard();
    assert_eq!(f.fuer(Datenkategorie::Vermerke, Rechtskreis::SgbII).jahre, 10);
    assert_eq!(f.fuer(Datenkategorie::Vermerke, Rechtskreis::SgbIII).jahre, 5);
    assert_eq!(f.protokoll_grenze(Protokollart::Zugriffsprotokoll, tag(2027, 3, 1)), tag(2025, 1, 1));
}

#[test]
fn frist_endet_am_jahresende_geloescht_wird_am_tag_danach() {
    let f = Fristen::standard();
    let ab = Some(tag(2024, 2, 10));
    // Working data: 2 years after the end of 2024 → kept through 31.12.2026.
    let am = |d| planen(&f, &lage(ab, false, None), d).verfuegung(Datenkategorie::Arbeitsdaten);
    assert_eq!(am(tag(2026, 12, 31)), Verfuegung::Behalten { bis: tag(2026, 12, 31) });
    assert_eq!(am(tag(2027, 1, 1)), Verfuegung::Loeschen);
    // Registered: nothing runs, whatever was requested.
    let p = planen(&f, &lage(None, false, Some(tag(2020, 1, 1))), tag(2040, 1, 1));
    assert!(p.kategorien.iter().all(|(_, v)| *v == Verfuegung::Laeuft));
}

#[test]
fn antrag_loescht_arbeitsdaten_und_schraenkt_pflichtdaten_ein() {
    let f = Fristen::standard();
    let p = planen(&f, &lage(Some(tag(2026, 5, 1)), false, Some(tag(2026, 6, 1))), tag(2026, 6, 2));
    assert_eq!(p.verfuegung(Datenkategorie::Arbeitsdaten), Verfuegung::Loeschen);
    let bis = tag(2031, 12, 31);
    let grund = Einschraenkungsgrund::Aufbewahrungspflicht { bis };
    assert_eq!(p.verfuegung(Datenkategorie::Vermerke), Verfuegung::Einschraenken { grund });
    assert!(p.einschraenken() && !p.vollstaendig_loeschen());
    // A hold keeps what is due, restricted.
    let p = planen(&f, &lage(Some(tag(2010, 5, 1)), true, None), tag(2026, 6, 2));
    assert!(p.kategorien.iter().all(|(_, v)| matches!(v, Verfuegung::Einschraenken { .. })));
    assert!(!p.vollstaendig_loeschen());
}

#[test]
fn fehlerhafte_fristen_werden_abgewiesen() {
    let ohne_sgb2 = STANDARD_TOML.replacen("rechtskreis = \"SGB_II\"", "rechtskreis = \"SGB_III\"", 1);
    assert!(Fristen::aus_toml(&ohne_sgb2).unwrap_err().contains("genau einmal"));
    let zu_lang = STANDARD_TOML.replacen("jahre = 2", "jahre = 200", 1);
    assert!(Fristen::aus_toml(&zu_lang).unwrap_err().contains("1 bis 30"));
}
