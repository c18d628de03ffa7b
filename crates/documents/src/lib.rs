#![doc = include_str!("../README.md")]

mod auskunft;
mod eingabe;
mod fehler;
pub mod namen;
mod vereinbarung;
mod vermerk;
mod vorschlag;
mod welt;

pub use auskunft::{Angabe, AuskunftDokument, Rechtsinformationen, VerlaufEintrag, Zugriffstag, auskunft_pdf};
pub use eingabe::{Briefkopf, Person};
pub use fehler::DokumentFehler;
pub use vereinbarung::{
    EvKontext, RECHTSFOLGENBELEHRUNG_SGB2, RECHTSFOLGENBELEHRUNG_SGB3, vereinbarung_pdf, vereinbarung_satzdaten,
};
pub use vermerk::{VermerkKontext, vermerk_pdf, vermerk_satzdaten};
pub use vorschlag::{
    BELEHRUNG_VORSCHLAG_SGB2, BELEHRUNG_VORSCHLAG_SGB3, VorgeschlageneStelle, VorschlagBrief, vorschlag_pdf,
};
pub use welt::{Satzdaten, setzen_aus, vorbereiten};
