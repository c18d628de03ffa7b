//! A finding of a rule: rule id, severity, German message, and what it refers to.

use schemars::JsonSchema;
use serde::Serialize;

use crate::regel::Regel;

/// How a finding acts (DOMAIN: `fehler` blocks saving, `warnung` needs confirmation,
/// `hinweis` informs; `naechster_schritt` names the phase of the model that follows the work done
/// today — no mistake, nothing to confirm; issue 15/3).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Schwere {
    Fehler,
    Warnung,
    #[serde(rename = "naechster_schritt")]
    NaechsterSchritt,
    Hinweis,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Befund {
    /// Rule id of DOMAIN.md, e.g. `S2`, `PL3`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub regel: Regel,
    pub schwere: Schwere,
    /// German message for the placement officer.
    pub meldung: String,
    /// The part of the Fallakte it concerns, as a path (`strategien[2]`, `profiling`).
    pub bezug: String,
}

impl Befund {
    pub fn fehler(regel: Regel, bezug: impl Into<String>, meldung: impl Into<String>) -> Self {
        Self::neu(regel, Schwere::Fehler, bezug, meldung)
    }
    pub fn warnung(regel: Regel, bezug: impl Into<String>, meldung: impl Into<String>) -> Self {
        Self::neu(regel, Schwere::Warnung, bezug, meldung)
    }
    pub fn hinweis(regel: Regel, bezug: impl Into<String>, meldung: impl Into<String>) -> Self {
        Self::neu(regel, Schwere::Hinweis, bezug, meldung)
    }
    /// A finding of a phase the case has not reached yet: the next step while the work of
    /// `heute` goes on (the Erstgespräch through Profiling, Ziel, Strategien, EV), else `sonst`
    /// — on a later day the phase is overdue.
    pub fn schritt_oder(
        heute: bool,
        sonst: Schwere,
        regel: Regel,
        bezug: impl Into<String>,
        meldung: impl Into<String>,
    ) -> Self {
        Self::neu(regel, if heute { Schwere::NaechsterSchritt } else { sonst }, bezug, meldung)
    }
    fn neu(regel: Regel, schwere: Schwere, bezug: impl Into<String>, meldung: impl Into<String>) -> Self {
        Befund { regel, schwere, meldung: meldung.into(), bezug: bezug.into() }
    }
}

impl Befund {
    /// Whether this finding, brought by a change, refuses the change: every `fehler` except
    /// those of rules that are reported, never refused (S1, see [`Regel::verweigert_nie`]).
    pub fn verweigert(&self) -> bool {
        self.schwere == Schwere::Fehler && !self.regel.verweigert_nie()
    }

    /// The same finding (rule, severity, reference), whatever its wording.
    pub fn gleich(&self, anderer: &Befund) -> bool {
        self.regel == anderer.regel && self.schwere == anderer.schwere && self.bezug == anderer.bezug
    }
}
