//! Access control (DOMAIN §8.5 D3, issue 3 item 4): who may do what with which case.
//!
//! Pure: the app layer loads the actor and the case's relations ([`FallBezug`]) and asks
//! [`pruefen`]; this module does no I/O and knows no clock. D1 need-to-know: a case is visible
//! only in the own Dienststelle, and within it only as far as the role needs it.

use std::str::FromStr;

use serde::{Deserialize, Serialize};

/// Role of a staff member. Serialized (and stored in the db column) as its snake_case id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Rolle {
    Vfk,
    Teamleitung,
    Fachdienst,
    Admin,
    Datenschutz,
}

impl Rolle {
    pub fn alle() -> [Rolle; 5] {
        [Rolle::Vfk, Rolle::Teamleitung, Rolle::Fachdienst, Rolle::Admin, Rolle::Datenschutz]
    }

    /// The id used in JSON and in the db column (same as the serde name).
    pub fn as_str(self) -> &'static str {
        match self {
            Rolle::Vfk => "vfk",
            Rolle::Teamleitung => "teamleitung",
            Rolle::Fachdienst => "fachdienst",
            Rolle::Admin => "admin",
            Rolle::Datenschutz => "datenschutz",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Rolle::Vfk => "Vermittlungsfachkraft",
            Rolle::Teamleitung => "Teamleitung",
            Rolle::Fachdienst => "Fachdienst",
            Rolle::Admin => "Administration",
            Rolle::Datenschutz => "Datenschutz",
        }
    }
}

/// A role id that is none of [`Rolle::as_str`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unbekannte Rolle `{0}`")]
pub struct UnbekannteRolle(pub String);

impl FromStr for Rolle {
    type Err = UnbekannteRolle;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Rolle::alle().into_iter().find(|r| r.as_str() == s).ok_or_else(|| UnbekannteRolle(s.to_owned()))
    }
}

/// The logged-in staff member, as far as access control needs her.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Akteur {
    pub benutzer_id: i64,
    pub rolle: Rolle,
    pub dienststelle_id: i64,
    pub team_id: Option<i64>,
    /// Ids of the VFKs she stands in for (Vertretung).
    pub vertritt: Vec<i64>,
}

/// What access control needs to know about a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FallBezug {
    pub dienststelle_id: i64,
    pub team_id: Option<i64>,
    /// The responsible VFK.
    pub vfk_id: Option<i64>,
    /// §35 SGB I: restricted case (e.g. a staff member as customer), visible only to `freigegeben_fuer`.
    pub gesperrt: bool,
    pub freigegeben_fuer: Vec<i64>,
    pub offener_fachdienstauftrag: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Aktion {
    /// Open the case file (logged with purpose, see [`standardzweck`]).
    FallLesen,
    /// Any change: profiling, goal, strategies, EV, Vermerk, Folgegespräch, appointments, consents.
    FallBearbeiten,
    /// Fallakte JSON export.
    FallExportieren,
    /// Art. 15 DSGVO Auskunft.
    AuskunftErstellen,
    /// Read the access log of a case.
    ProtokollEinsehen,
    /// Reassign VFK/team.
    ZustaendigkeitAendern,
    /// Set/clear the restricted flag and its named users.
    SperreSetzen,
    /// No case yet (`fall = None`).
    KundeAnlegen,
    BenutzerVerwalten,
    /// Local strategies (S11), Kontaktdichtekonzept (K1).
    DienststelleKonfigurieren,
    /// Team KPIs and lists.
    TeamUebersicht,
}

impl Aktion {
    pub fn alle() -> [Aktion; 11] {
        use Aktion::*;
        [
            FallLesen,
            FallBearbeiten,
            FallExportieren,
            AuskunftErstellen,
            ProtokollEinsehen,
            ZustaendigkeitAendern,
            SperreSetzen,
            KundeAnlegen,
            BenutzerVerwalten,
            DienststelleKonfigurieren,
            TeamUebersicht,
        ]
    }

    /// Whether the action concerns one case (and so needs a [`FallBezug`]).
    pub fn betrifft_fall(self) -> bool {
        use Aktion::*;
        match self {
            FallLesen
            | FallBearbeiten
            | FallExportieren
            | AuskunftErstellen
            | ProtokollEinsehen
            | ZustaendigkeitAendern
            | SperreSetzen => true,
            KundeAnlegen | BenutzerVerwalten | DienststelleKonfigurieren | TeamUebersicht => false,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Entscheidung {
    Erlaubt,
    /// The case is not visible at all: the API answers exactly like for a case that does not exist.
    Unsichtbar,
    /// Visible, but this action is not allowed.
    Verboten,
}

/// Decides whether `akteur` may do `aktion`; `fall` is the case for case actions and is ignored
/// by the others.
pub fn pruefen(akteur: &Akteur, aktion: Aktion, fall: Option<&FallBezug>) -> Entscheidung {
    use Aktion::*;
    use Entscheidung::*;
    use Rolle::*;

    let fall = match (aktion.betrifft_fall(), fall) {
        (false, _) => None,
        (true, None) => return Verboten,
        // D1: a case of another Dienststelle does not exist for anyone.
        (true, Some(f)) if f.dienststelle_id != akteur.dienststelle_id => return Unsichtbar,
        // §35 SGB I: a restricted case exists only for the named users.
        (true, Some(f)) if f.gesperrt && !f.freigegeben_fuer.contains(&akteur.benutzer_id) => return Unsichtbar,
        (true, Some(f)) => Some(f),
    };
    let erlaubt_wenn = |ja: bool| if ja { Erlaubt } else { Verboten };

    match (akteur.rolle, aktion, fall) {
        // Actions without a case.
        (Vfk, KundeAnlegen, _) => Erlaubt,
        (Teamleitung, TeamUebersicht, _) => Erlaubt,
        (Admin, BenutzerVerwalten | DienststelleKonfigurieren, _) => Erlaubt,
        (_, _, None) => Verboten,

        // Vfk: reads every case of her Dienststelle, changes only her own caseload and the ones she stands in for.
        (Vfk, FallLesen | FallExportieren, Some(_)) => Erlaubt,
        (Vfk, FallBearbeiten | AuskunftErstellen, Some(f)) => erlaubt_wenn(akteur.zustaendig_fuer(f)),
        // Teamleitung: sees only her team's cases, reads and reassigns them, does not edit them.
        (Teamleitung, _, Some(f)) if f.team_id.is_none() || f.team_id != akteur.team_id => Unsichtbar,
        (Teamleitung, FallLesen | FallExportieren | ZustaendigkeitAendern, Some(_)) => Erlaubt,
        // Fachdienst: only its referrals (D3), and only reading.
        (Fachdienst, _, Some(f)) if !f.offener_fachdienstauftrag => Unsichtbar,
        (Fachdienst, FallLesen, Some(_)) => Erlaubt,
        // Admin: configures, reads no case content.
        (Admin, _, Some(_)) => Unsichtbar,
        // Datenschutz: the access log, the Auskunft and the restriction, not the working file.
        (Datenschutz, ProtokollEinsehen | AuskunftErstellen | SperreSetzen, Some(_)) => Erlaubt,

        (_, _, Some(_)) => Verboten,
    }
}

impl Akteur {
    /// Responsible for the case herself or as stand-in.
    fn zustaendig_fuer(&self, fall: &FallBezug) -> bool {
        fall.vfk_id.is_some_and(|vfk| vfk == self.benutzer_id || self.vertritt.contains(&vfk))
    }
}

/// The purpose logged for a read (D3) when the user names none.
pub fn standardzweck(rolle: Rolle) -> &'static str {
    match rolle {
        Rolle::Vfk => "Beratung",
        Rolle::Teamleitung => "Teamleitung-Qualitätsprüfung",
        Rolle::Fachdienst => "Fachdienst-Auftrag",
        Rolle::Datenschutz => "Auskunft Art. 15",
        Rolle::Admin => "Administration",
    }
}
