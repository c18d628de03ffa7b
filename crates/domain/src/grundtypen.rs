//! Fixed value sets of the model: the code reasons about them, so they are enums, not data.
//! Their labels still come from the catalogue (`catalog/*.toml`).

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// Rechtskreis of a customer or a Dienststelle (Agentur = SGB III, Jobcenter = SGB II).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Rechtskreis {
    #[serde(rename = "SGB_II", alias = "SGB II")]
    SgbII,
    #[serde(rename = "SGB_III", alias = "SGB III")]
    SgbIII,
}

impl Rechtskreis {
    pub fn label(self) -> &'static str {
        match self {
            Rechtskreis::SgbII => "SGB II",
            Rechtskreis::SgbIII => "SGB III",
        }
    }
}

/// Segment of a customer (DOMAIN §1): Allgemeine Vermittlung, Ausbildungsvermittlung, Reha.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Segment {
    #[default]
    AV,
    AusbV,
    Reha,
}

/// The five Schlüsselgruppen (P3). Order of declaration is the catalogue order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Schluesselgruppe {
    Qualifikation,
    Leistungsfaehigkeit,
    Motivation,
    Rahmenbedingungen,
    Arbeitsmarktbedingungen,
}

impl Schluesselgruppe {
    pub const ALLE: [Schluesselgruppe; 5] = [
        Schluesselgruppe::Qualifikation,
        Schluesselgruppe::Leistungsfaehigkeit,
        Schluesselgruppe::Motivation,
        Schluesselgruppe::Rahmenbedingungen,
        Schluesselgruppe::Arbeitsmarktbedingungen,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Schluesselgruppe::Qualifikation => "qualifikation",
            Schluesselgruppe::Leistungsfaehigkeit => "leistungsfaehigkeit",
            Schluesselgruppe::Motivation => "motivation",
            Schluesselgruppe::Rahmenbedingungen => "rahmenbedingungen",
            Schluesselgruppe::Arbeitsmarktbedingungen => "arbeitsmarktbedingungen",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Schluesselgruppe::Qualifikation => "Qualifikation",
            Schluesselgruppe::Leistungsfaehigkeit => "Leistungsfähigkeit",
            Schluesselgruppe::Motivation => "Motivation",
            Schluesselgruppe::Rahmenbedingungen => "Rahmenbedingungen",
            Schluesselgruppe::Arbeitsmarktbedingungen => "Arbeitsmarktbedingungen",
        }
    }

    /// S10: recommended order of work R → L → M → Q (A leads to no strategy, P5).
    pub fn empfohlener_rang(self) -> u8 {
        match self {
            Schluesselgruppe::Rahmenbedingungen => 0,
            Schluesselgruppe::Leistungsfaehigkeit => 1,
            Schluesselgruppe::Motivation => 2,
            Schluesselgruppe::Qualifikation => 3,
            Schluesselgruppe::Arbeitsmarktbedingungen => 4,
        }
    }

    pub(crate) fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A small set of Schlüsselgruppen (bitset; the rules of PL2 are set algebra).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Gruppen(u8);

impl Gruppen {
    pub fn leer() -> Self {
        Gruppen(0)
    }
    pub fn mit(self, g: Schluesselgruppe) -> Self {
        Gruppen(self.0 | g.bit())
    }
    pub fn ohne(self, g: Schluesselgruppe) -> Self {
        Gruppen(self.0 & !g.bit())
    }
    pub fn enthaelt(self, g: Schluesselgruppe) -> bool {
        self.0 & g.bit() != 0
    }
    pub fn anzahl(self) -> u32 {
        self.0.count_ones()
    }
    pub fn ist_leer(self) -> bool {
        self.0 == 0
    }
    pub fn schnitt(self, andere: Gruppen) -> Gruppen {
        Gruppen(self.0 & andere.0)
    }
    pub fn iter(self) -> impl Iterator<Item = Schluesselgruppe> {
        Schluesselgruppe::ALLE.into_iter().filter(move |g| self.enthaelt(*g))
    }
    /// Q, L, R: the "Förder" groups of PL2 (F = G ∩ {Q, L, R}).
    pub fn foerdergruppen() -> Gruppen {
        Gruppen::leer()
            .mit(Schluesselgruppe::Qualifikation)
            .mit(Schluesselgruppe::Leistungsfaehigkeit)
            .mit(Schluesselgruppe::Rahmenbedingungen)
    }
}

impl FromIterator<Schluesselgruppe> for Gruppen {
    fn from_iter<I: IntoIterator<Item = Schluesselgruppe>>(iter: I) -> Self {
        iter.into_iter().fold(Gruppen::leer(), Gruppen::mit)
    }
}

/// Profillagen (§4): six derived ones plus N, Z, I.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub enum Profillage {
    #[serde(rename = "marktprofil")]
    Markt,
    #[serde(rename = "aktivierungsprofil")]
    Aktivierung,
    #[serde(rename = "foerderprofil")]
    Foerder,
    #[serde(rename = "entwicklungsprofil")]
    Entwicklung,
    #[serde(rename = "stabilisierungsprofil")]
    Stabilisierung,
    #[serde(rename = "unterstuetzungsprofil")]
    Unterstuetzung,
    N,
    Z,
    I,
}

impl Profillage {
    pub const ALLE: [Profillage; 9] = [
        Profillage::Markt,
        Profillage::Aktivierung,
        Profillage::Foerder,
        Profillage::Entwicklung,
        Profillage::Stabilisierung,
        Profillage::Unterstuetzung,
        Profillage::N,
        Profillage::Z,
        Profillage::I,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Profillage::Markt => "marktprofil",
            Profillage::Aktivierung => "aktivierungsprofil",
            Profillage::Foerder => "foerderprofil",
            Profillage::Entwicklung => "entwicklungsprofil",
            Profillage::Stabilisierung => "stabilisierungsprofil",
            Profillage::Unterstuetzung => "unterstuetzungsprofil",
            Profillage::N => "N",
            Profillage::Z => "Z",
            Profillage::I => "I",
        }
    }

    /// The seed's name (also in `catalog/profillagen.toml`).
    pub fn label(self) -> &'static str {
        match self {
            Profillage::Markt => "Marktprofil",
            Profillage::Aktivierung => "Aktivierungsprofil",
            Profillage::Foerder => "Förderprofil",
            Profillage::Entwicklung => "Entwicklungsprofil",
            Profillage::Stabilisierung => "Stabilisierungsprofil",
            Profillage::Unterstuetzung => "Unterstützungsprofil",
            Profillage::N => "N: Noch nicht festgelegt",
            Profillage::Z => "Z: Zuordnung nicht erforderlich",
            Profillage::I => "I: Integriert, aber weiter hilfebedürftig",
        }
    }

    pub fn ist_integrationsnah(self) -> bool {
        matches!(self, Profillage::Markt | Profillage::Aktivierung | Profillage::Foerder)
    }

    pub fn ist_komplex(self) -> bool {
        matches!(self, Profillage::Entwicklung | Profillage::Stabilisierung | Profillage::Unterstuetzung)
    }
}

/// Status of a Merkmal in the Potenzialanalyse (P3, P4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MerkmalStatus {
    #[default]
    KeinHandlungsbedarf,
    Handlungsbedarf,
    ZuKlaeren,
}

impl MerkmalStatus {
    pub fn label(self) -> &'static str {
        match self {
            MerkmalStatus::KeinHandlungsbedarf => "kein Handlungsbedarf",
            MerkmalStatus::Handlungsbedarf => "Handlungsbedarf",
            MerkmalStatus::ZuKlaeren => "zu klären",
        }
    }
}
