//! The storage boundary of a case: every read and write of the case tables (`kunde`, the
//! entries of the Fallakte, `verlauf`, the kept documents) goes through here, with named row structs. Use cases
//! work on the Fallakte and call these functions (mostly through `Schreibvorgang`).

mod dokumente;
mod eintraege;
mod kunde;
mod laden;
mod spalten;
mod verlauf;
mod zeilen;

pub(crate) use dokumente::{
    DokumentZeile, Dokumentart, JOB_DOKUMENTE, dokument_festhalten, dokument_laden, dokumente_ohne_pdf, pdf_festhalten,
    pdf_laden,
};
pub(crate) use eintraege::{Eintragsart, Kopf, auftrag_einfuegen, json, nachtrag_einfuegen};
pub(crate) use kunde::{
    NeuerKundeZeile, bedarfsgemeinschaft, bg_einwilligung_setzen, dienststelle_laden, kunde_einfuegen, sperre_setzen,
    termin_einfuegen, zustaendigkeit_setzen,
};
pub use laden::{Fall, FallIds, Stammdaten};
pub(crate) use laden::{akte_laden, fall_laden, freigaben, stammdaten_laden};
pub(crate) use spalten::{als_text, aus_text, neue_kundennummer};
pub use verlauf::verlauf_satz;
pub(crate) use verlauf::{Eintrag, JOB_WIEDERVORLAGEN, Verlaufsaktion, verlauf_schreiben, wiedervorlagen_anstossen};
