//! How pages show values: German dates and times, and the labels of catalogue entries and of the
//! domain's enums. The one home for what several pages show the same way.

pub mod datum;
mod labels;

pub use datum::{datum_text, tag_text, zeit_text};
pub use labels::{
    aktivitaet_text, anlass, beruf_name, einwilligung_text, merkmal_name, profillage_text, segment_text,
    strategie_name, strategie_status, termin_anlass, vermerkart, werdegang_text,
};
