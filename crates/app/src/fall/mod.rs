//! One case: loading it (with the access decision first), the rule gate every change passes, and
//! the Verlauf row every change writes.

mod akte;
mod auftrag;
mod bewerber;
mod dokumente;
mod einwilligung;
mod ev;
mod export;
mod gespraech;
mod import;
mod kunde;
mod laden;
mod profiling;
mod regeln;
mod schreiben;
mod spalten;
mod strategie;
mod verlauf;
mod vermerk;
mod vermittlung;
mod vermittlungsangaben;
mod vorschlag;
mod ziel;
mod zustaendigkeit;

pub use kunde::{Datumsangabe, Fallansicht, Kundensuche, Kundenzeile, NeuerKunde, Wiedermeldungsergebnis};

pub use akte::{Akte, Aktenaenderung, Aktentermin, BgMitglied};
pub use auftrag::AuftragEingabe;
pub use bewerber::{BEWERBER_JE_STELLE, Bewerberliste, Bewerbertreffer, NeueTreffer};
pub use dokumente::{ZWECK_DRUCK_EV, ZWECK_DRUCK_VERMERK};
pub use einwilligung::EinwilligungEingabe;
pub use ev::{EvAbschluss, EvBearbeitung, EvEntwurf};
pub use export::{Auskunft, Protokolleintrag, VerlaufEintrag, ZugriffEintrag};
pub use gespraech::{GespraechEingabe, GespraechErgebnis};
pub use import::ImportStamm;
pub(crate) use kunde::{lesezweck, text_opt, text_pruefen};
pub use laden::{Fall, FallIds, Stammdaten};
pub(crate) use laden::{akte_laden, fall_laden, freigaben, stammdaten_laden};
pub use profiling::{ProfilingEingabe, ProfillageVorschlag};
pub use regeln::Aenderung;
pub(crate) use regeln::{aufloesen, regeln_anwenden};
pub(crate) use schreiben::json;
pub(crate) use spalten::{als_text, aus_text};
pub use strategie::{StrategieAbschluss, StrategieAnpassung, StrategieEingabe};
pub(crate) use verlauf::{Eintrag, verlauf_schreiben, wiedervorlagen_anstossen};
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
