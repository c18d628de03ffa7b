//! Tests of `crates/domain/src/datum.rs`: its internal pieces, tested from here (the crate has no unit-test build).

use chrono::NaiveDate;
use vierphasen_domain::datum::*;

fn utc(t: &str) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::parse_from_rfc3339(t).map(|d| d.to_utc()).unwrap_or_default()
}

#[test]
fn ein_tag_beginnt_in_berlin_vor_mitternacht_utc() {
    let d = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap_or_default();
    assert_eq!(berlin_mitternacht(d("2027-01-01")), utc("2026-12-31T23:00:00Z"));
    assert_eq!(berlin_mitternacht(d("2027-07-01")), utc("2027-06-30T22:00:00Z"));
}

#[test]
fn mitternacht_in_berlin_ist_schon_der_naechste_tag() {
    // Winter: 23:30 UTC = 00:30 CET; summer: 22:30 UTC = 00:30 CEST.
    assert_eq!(berlin_datum(utc("2026-01-14T23:30:00Z")).to_string(), "2026-01-15");
    assert_eq!(berlin_datum(utc("2026-07-14T22:30:00Z")).to_string(), "2026-07-15");
    assert_eq!(berlin_datum(utc("2026-07-14T21:30:00Z")).to_string(), "2026-07-14");
    // Last Sunday of October 2026 is the 25th: 00:30 UTC is still CEST (02:30 local).
    assert_eq!(berlin_datum(utc("2026-10-24T22:30:00Z")).to_string(), "2026-10-25");
    assert_eq!(berlin_datum(utc("2026-10-25T23:30:00Z")).to_string(), "2026-10-26");
    assert_eq!(berlin_datum(utc("2026-10-25T22:30:00Z")).to_string(), "2026-10-25");
}

#[test]
fn only_full_iso_dates_are_accepted() {
    assert_eq!(parse_strikt("2026-02-28"), NaiveDate::from_ymd_opt(2026, 2, 28));
    for falsch in ["2026-02-30", "26-02-03", "2026-2-3", "2026-02-03 ", "2026/02/03", "", "２026-02-03"] {
        assert_eq!(parse_strikt(falsch), None, "{falsch:?}");
    }
}

#[test]
fn months_clamp_and_ages_count_birthdays() {
    assert_eq!(
        plus_monate(NaiveDate::from_ymd_opt(2026, 1, 31).unwrap(), 1),
        NaiveDate::from_ymd_opt(2026, 2, 28).unwrap()
    );
    let geburt = NaiveDate::from_ymd_opt(2001, 11, 25).unwrap();
    assert_eq!(jahre_zwischen(geburt, NaiveDate::from_ymd_opt(2026, 11, 24).unwrap()), 24);
    assert_eq!(jahre_zwischen(geburt, NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()), 25);
    assert_eq!(de(geburt), "25.11.2001");
}
