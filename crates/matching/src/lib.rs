#![doc = include_str!("../README.md")]

mod bac;
mod bewertung;
pub mod erzeugen;
mod meldebestand;
pub mod orakel;
mod profil;
mod profile;
mod spalten;
mod stammdaten;
mod stand;
mod stellen;
mod topk;
mod typen;

pub use bac::{Bac, BacAlternative, Marktlage, Region, bac, verlaufstage};
pub use bewertung::{
    Berufsbezug, ERDRADIUS_KM, Erklaerung, Treffer, aktualitaet_punkte, arbeitszeit_punkte, berufsbezug, bewerten,
    einheitsvektor, eintritt_punkte, entfernung_km, entfernung_punkte, faehigkeiten_punkte, gewichte, im_umkreis,
    umkreis_km, vor,
};
pub use meldebestand::{Meldebestand, Meldezeit, meldezeiten};
pub use profil::{MOBILITAET_EINGESCHRAENKT_ANTEIL_PROZENT, Zusatzangaben, bewerberprofil_aus};
pub use profile::Profilindex;
pub use stammdaten::{Berufsraum, Faehigkeiten, Plz, PlzEintrag, PlzTabelle, Stammdaten, StammdatenFehler};
pub use stellen::{IndexFehler, Stellenindex, berufsplan};
pub use typen::{Arbeitszeit, Bewerberprofil, FaehigkeitId, Ort, Stellenangebot, Tag, Umkreis};
