//! Due dates the rules produce (EV review, Übergabe steps, next Folgegespräch, S13 conversations).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use crate::regel::Regel;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum FristStatus {
    /// Not yet due.
    Offen,
    /// Due now (within the lead time or the due window).
    Faellig,
    /// Past its latest date.
    Ueberfaellig,
    /// Done.
    Erledigt,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Frist {
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub regel: Regel,
    /// Stable kind, e.g. `ev_ueberpruefung`, `folgegespraech`, `s13_vor_massnahmeende`.
    pub art: &'static str,
    pub bezeichnung: String,
    /// The date it is due.
    pub datum: NaiveDate,
    /// Latest acceptable date (after it: überfällig).
    pub spaetestens: NaiveDate,
    pub status: FristStatus,
    pub bezug: String,
}

impl Frist {
    /// Status from the dates: erledigt wins; after `spaetestens` überfällig; from `faellig_ab` fällig.
    pub fn status(stichtag: NaiveDate, faellig_ab: NaiveDate, spaetestens: NaiveDate, erledigt: bool) -> FristStatus {
        if erledigt {
            FristStatus::Erledigt
        } else if stichtag > spaetestens {
            FristStatus::Ueberfaellig
        } else if stichtag >= faellig_ab {
            FristStatus::Faellig
        } else {
            FristStatus::Offen
        }
    }
}
