//! One case: its use cases; loading and writing it through the storage boundary (`speicher`), the
//! rule gate every change passes (`regeln`, at commit in `schreiben`).

mod akte;
mod aktivitaet;
mod auftrag;
mod bewerber;
mod dokumente;
mod einwilligung;
pub(crate) mod ev;
mod export;
mod gespraech;
mod import;
pub mod kenntnisluecke;
mod kunde;
pub mod namenssuche;
mod profiling;
mod regeln;
mod schreiben;
mod speicher;
mod strategie;
mod vermerk;
mod vermittlung;
mod vermittlungsangaben;
mod vorschlag;
mod werdegang;
mod ziel;
mod zustaendigkeit;

pub use kunde::{
    Abmeldung, Datumsangabe, ErwerbstaetigkeitAngabe, Fallansicht, Kundensuche, Kundenzeile, NeuerKunde,
    RechtskreiswechselAngabe, SUCHE_AUSSERHALB_AB, Wiedermeldungsergebnis,
};

pub use akte::{Akte, Aktenaenderung, Aktentermin, BgMitglied};
pub(crate) use auftrag::auftrag_des_akteurs;
pub use auftrag::{AuftragEingabe, AuftragsschrittEingabe, ErgebnisEingabe, GER_NIVEAUS};
pub use bewerber::{BEWERBER_JE_STELLE, Bewerberliste, Bewerbertreffer, NeueTreffer};
pub use dokumente::{ZWECK_DRUCK_EV, ZWECK_DRUCK_VERMERK};
pub use einwilligung::EinwilligungEingabe;
pub use ev::{EvAbschluss, EvAushaendigung, EvBearbeitung, EvEntwurf};
pub use export::{Auskunft, Protokolleintrag, VerlaufEintrag, Zugriffstag};
pub use gespraech::{GespraechEingabe, GespraechErgebnis, HOECHSTENS_EINTRAEGE};
pub use import::ImportStamm;
pub(crate) use kunde::{lesezweck, text_opt, text_pruefen};
pub use profiling::{ProfilingEingabe, ProfillageVorschlag};
pub use regeln::Aenderung;
pub(crate) use regeln::{Tor, aufloesen};
pub(crate) use speicher::{
    Eintrag, Eintragsart, JOB_DOKUMENTE, JOB_WIEDERVORLAGEN, Kopf, NeuerKundeZeile, Verlaufsaktion, akte_laden,
    als_text, auftrag_einfuegen, aus_text, bedarfsgemeinschaft, bg_einwilligung_setzen, dienststelle_laden, fall_laden,
    freigaben, json, kunde_einfuegen, nachtrag_einfuegen, neue_kundennummer, sperre_setzen, stammdaten_laden,
    termin_einfuegen, verlauf_schreiben, wiedervorlagen_anstossen, zustaendigkeit_setzen,
};
pub use speicher::{Fall, FallIds, Stammdaten, verlauf_satz};
pub use strategie::{StrategieAbschluss, StrategieAnpassung, StrategieEingabe};
pub use vermerk::{NachtragEingabe, VermerkEingabe};
pub use vermittlung::{
    Faktor, Fallmatching, Profilangaben, QUALIFIZIERUNG_AB_PUNKTEN, Qualifizierungsvorschlag, Stellentreffer,
    TREFFER_JE_FALL, ZWECK_BEWERBERSUCHE, ZWECK_MATCHING,
};
pub use vermittlungsangaben::Vermittlungsangaben;
pub(crate) use vermittlungsangaben::vermittlungsangaben_laden;
pub use vorschlag::{Vorschlag, VorschlagAenderung, VorschlagEingabe, VorschlagStatus};
pub use ziel::ZielEingabe;
pub use zustaendigkeit::{Sperre, Zustaendigkeit};
