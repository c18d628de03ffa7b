//! Table tests per rule id of DOMAIN.md. Each test names the rule it proves; removing the rule
//! makes it fail.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic

mod basis;
mod ev;
mod fachdienste;
mod folgegespraech;
mod katalog;
mod lebenslauf;
mod profillage;
mod strategien;
mod vermerk;
mod vermittlung;
mod ziel;
