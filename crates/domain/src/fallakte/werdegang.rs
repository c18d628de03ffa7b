//! The Werdegang: school, training and employment history, part of the Stärken- und
//! Potenzialanalyse (seed 2.1.1: documented "auf den Seiten „Fähigkeiten“, „Lebenslauf“ sowie
//! „Profiling/Ziel/Strategie“"). No rule reads it; the Zielberuf is worked out "auf Basis der
//! bisherigen Tätigkeit(en)".

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::monat::Monat;

/// One stage of the Werdegang.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Werdegangseintrag {
    pub art: Werdegangsart,
    /// First month (`JJJJ-MM`).
    pub von: Monat,
    /// Last month; none = still ongoing.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bis: Option<Monat>,
    /// "Ausbildung zur Kauffrau im Einzelhandel", "Lagerhelfer bei Spedition Muster".
    pub bezeichnung: String,
    /// The occupation as KldB 2010 code (5 digits), where it is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub beruf: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Werdegangsart {
    Schule,
    Ausbildung,
    Studium,
    Beschaeftigung,
    Selbstaendigkeit,
    Sonstiges,
}

impl Werdegangsart {
    pub const ALLE: [Werdegangsart; 6] = [
        Werdegangsart::Schule,
        Werdegangsart::Ausbildung,
        Werdegangsart::Studium,
        Werdegangsart::Beschaeftigung,
        Werdegangsart::Selbstaendigkeit,
        Werdegangsart::Sonstiges,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Werdegangsart::Schule => "Schule",
            Werdegangsart::Ausbildung => "Ausbildung",
            Werdegangsart::Studium => "Studium",
            Werdegangsart::Beschaeftigung => "Beschäftigung",
            Werdegangsart::Selbstaendigkeit => "Selbständigkeit",
            Werdegangsart::Sonstiges => "Sonstiges",
        }
    }

    /// The value in forms and the database (as in JSON).
    pub fn id(self) -> &'static str {
        match self {
            Werdegangsart::Schule => "schule",
            Werdegangsart::Ausbildung => "ausbildung",
            Werdegangsart::Studium => "studium",
            Werdegangsart::Beschaeftigung => "beschaeftigung",
            Werdegangsart::Selbstaendigkeit => "selbstaendigkeit",
            Werdegangsart::Sonstiges => "sonstiges",
        }
    }

    pub fn aus_id(id: &str) -> Option<Werdegangsart> {
        Werdegangsart::ALLE.into_iter().find(|a| a.id() == id)
    }
}

impl Werdegangseintrag {
    /// `09/2015 – 06/2018`, `seit 03/2020`.
    pub fn zeitraum_text(&self) -> String {
        match self.bis {
            Some(b) if b == self.von => self.von.to_string(),
            Some(b) => format!("{} – {b}", self.von),
            None => format!("seit {}", self.von),
        }
    }
}
