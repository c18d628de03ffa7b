//! F4: activities beside the Folgegespräche. Seed 2.1.4 („Stärkenorientierte
//! Kundenaktivierung“): "Eine aktivierende Betreuung und Unterstützung durch Gruppenmaßnahmen bzw.
//! Einzel- und Gruppenberatungen im Sinne eines Bewerbercoaching bzw. zur Entwicklung von
//! Selbstvermarktungsstrategien … können dabei Folgegespräche sinnvoll ergänzen." No rule reads them.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// One activity the customer took part in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Aktivitaet {
    /// The day it took place (or began).
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
    pub art: Aktivitaetsart,
    /// What it was, briefly ("Bewerbungstraining, 3 Termine").
    pub beschreibung: String,
    /// The Träger who ran it, if not the Dienststelle itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub traeger: Option<String>,
}

/// F4: the kinds the seed names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Aktivitaetsart {
    /// Gruppenmaßnahme.
    Gruppenmassnahme,
    /// Einzel- oder Gruppenberatung im Sinne eines Bewerbercoachings.
    Bewerbercoaching,
    /// Beratung zur Entwicklung von Selbstvermarktungsstrategien.
    Selbstvermarktung,
    Sonstige,
}

impl Aktivitaetsart {
    pub const ALLE: [Aktivitaetsart; 4] = [
        Aktivitaetsart::Gruppenmassnahme,
        Aktivitaetsart::Bewerbercoaching,
        Aktivitaetsart::Selbstvermarktung,
        Aktivitaetsart::Sonstige,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Aktivitaetsart::Gruppenmassnahme => "Gruppenmaßnahme",
            Aktivitaetsart::Bewerbercoaching => "Bewerbercoaching (Einzel- oder Gruppenberatung)",
            Aktivitaetsart::Selbstvermarktung => "Beratung zu Selbstvermarktungsstrategien",
            Aktivitaetsart::Sonstige => "Sonstige Aktivität",
        }
    }

    /// The value in forms and the database (as in JSON).
    pub fn id(self) -> &'static str {
        match self {
            Aktivitaetsart::Gruppenmassnahme => "gruppenmassnahme",
            Aktivitaetsart::Bewerbercoaching => "bewerbercoaching",
            Aktivitaetsart::Selbstvermarktung => "selbstvermarktung",
            Aktivitaetsart::Sonstige => "sonstige",
        }
    }

    pub fn aus_id(id: &str) -> Option<Aktivitaetsart> {
        Aktivitaetsart::ALLE.into_iter().find(|a| a.id() == id)
    }
}
