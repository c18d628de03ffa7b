//! Every rule of DOMAIN.md, one module per area. Each function is pure: the date is a parameter.

pub mod ev;
pub mod fachdienst;
pub mod folgegespraech;
pub mod frist;
pub mod geltungsbereich;
pub mod kontaktdichte;
pub mod lebenslauf;
pub mod profiling;
pub mod profillage;
pub mod strategien;
pub mod uebergabe;
pub mod vermerk;
pub mod vermittlung;
pub mod zav;
pub mod ziel;
