//! Calendar arithmetic for the rules (dates are parameters; the domain has no clock).

use chrono::{Datelike, Months, NaiveDate};

/// `datum` plus whole months, clamped to the month's end (31 Jan + 1 month = 28/29 Feb).
pub fn plus_monate(datum: NaiveDate, monate: u32) -> NaiveDate {
    datum.checked_add_months(Months::new(monate)).unwrap_or(NaiveDate::MAX)
}

pub fn minus_monate(datum: NaiveDate, monate: u32) -> NaiveDate {
    datum.checked_sub_months(Months::new(monate)).unwrap_or(NaiveDate::MIN)
}

pub fn plus_tage(datum: NaiveDate, tage: u32) -> NaiveDate {
    datum.checked_add_days(chrono::Days::new(u64::from(tage))).unwrap_or(NaiveDate::MAX)
}

/// Whole years from `von` to `bis` (age).
pub fn jahre_zwischen(von: NaiveDate, bis: NaiveDate) -> i32 {
    let mut j = bis.year() - von.year();
    if (bis.month(), bis.day()) < (von.month(), von.day()) {
        j -= 1;
    }
    j
}

/// German date for messages: 24.11.2026.
pub fn de(datum: NaiveDate) -> String {
    format!("{:02}.{:02}.{}", datum.day(), datum.month(), datum.year())
}
