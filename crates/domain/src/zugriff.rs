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
    /// A Fachdienst user: the service she belongs to (catalogue id, e.g. `aerztlicher_dienst`).
    pub fachdienst: Option<String>,
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
    /// The services (catalogue ids) with an open referral of this case (issue 13/1).
    pub offene_auftraege_an: Vec<String>,
    /// D1 break-the-glass: users of the Dienststelle who stated a reason to read this case
    /// although it is not theirs (a grant of limited time, see [`AUSNAHME_GUELTIG_STUNDEN`]).
    pub ausnahme_fuer: Vec<i64>,
    /// Art. 18 GDPR (issue 17/6): processing restricted instead of deletion (a legal hold, or a
    /// deletion request under a retention obligation). Only the Datenschutz sees the case.
    pub eingeschraenkt: bool,
}

/// How long a stated reason opens a case outside the own caseload and team (one working day).
pub const AUSNAHME_GUELTIG_STUNDEN: i64 = 10;

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
    /// The processing status of a case: the §35 SGB I lock and its named users, legal holds and
    /// deletion requests (Art. 17/18 GDPR, issue 17/6).
    SperreSetzen,
    /// No case yet (`fall = None`).
    KundeAnlegen,
    BenutzerVerwalten,
    /// Local strategies (S11), Kontaktdichtekonzept (K1).
    DienststelleKonfigurieren,
    /// Team KPIs and lists.
    TeamUebersicht,
    /// D1/D3: the report of exceptional reads (break-the-glass) and of customer searches.
    Zugriffsbericht,
    /// A Fachdienst user reads a referral to her service, with the parts of the case it opens,
    /// and moves it on (issue 13/1).
    AuftragBearbeiten,
}

impl Aktion {
    pub fn alle() -> [Aktion; 13] {
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
            Zugriffsbericht,
            AuftragBearbeiten,
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
            | SperreSetzen
            | AuftragBearbeiten => true,
            KundeAnlegen | BenutzerVerwalten | DienststelleKonfigurieren | TeamUebersicht | Zugriffsbericht => false,
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
    /// D1 break-the-glass: a case of the own Dienststelle outside the caseload, team and
    /// stand-ins; reading it needs a stated reason, which is logged and reported.
    NurMitBegruendung,
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
        // Art. 18 GDPR: a restricted case exists only for the Datenschutz (log, Auskunft, holds).
        (true, Some(f)) if f.eingeschraenkt && akteur.rolle != Rolle::Datenschutz => return Unsichtbar,
        (true, Some(f)) => Some(f),
    };
    let erlaubt_wenn = |ja: bool| if ja { Erlaubt } else { Verboten };

    match (akteur.rolle, aktion, fall) {
        // Actions without a case.
        (Vfk, KundeAnlegen, _) => Erlaubt,
        (Teamleitung, TeamUebersicht, _) => Erlaubt,
        (Admin, BenutzerVerwalten | DienststelleKonfigurieren, _) => Erlaubt,
        (Datenschutz, Zugriffsbericht, _) => Erlaubt,
        (_, _, None) => Verboten,

        // Vfk (D1 need-to-know): reads her caseload, her stand-ins' and her team's cases; any other
        // case of her Dienststelle only with a stated reason; changes only her own and her stand-ins'.
        (Vfk, FallLesen, Some(f)) if akteur.kennt(f) || f.ausnahme_fuer.contains(&akteur.benutzer_id) => Erlaubt,
        (Vfk, FallLesen, Some(_)) => NurMitBegruendung,
        (Vfk, FallExportieren, Some(f)) => erlaubt_wenn(akteur.kennt(f)),
        (Vfk, FallBearbeiten | AuskunftErstellen, Some(f)) => erlaubt_wenn(akteur.zustaendig_fuer(f)),
        // Teamleitung: sees only her team's cases, reads and reassigns them, does not edit them.
        (Teamleitung, _, Some(f)) if f.team_id.is_none() || f.team_id != akteur.team_id => Unsichtbar,
        (Teamleitung, FallLesen | FallExportieren | ZustaendigkeitAendern, Some(_)) => Erlaubt,
        // Fachdienst (D1, D3): a case exists for her only through an open referral to her own
        // service, and only as far as the referral opens it (never the whole file).
        (Fachdienst, AuftragBearbeiten, Some(f))
            if akteur.fachdienst.as_ref().is_some_and(|d| f.offene_auftraege_an.contains(d)) =>
        {
            Erlaubt
        }
        (Fachdienst, _, Some(_)) => Unsichtbar,
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
        self.zustaendig_fuer_vfk(fall.vfk_id)
    }

    /// A VFK responsible for the case of `vfk_id` herself or as stand-in: she may change it
    /// (`Aktion::FallBearbeiten`); pages show their editing buttons to her only (issue 15/8).
    pub fn zustaendig_fuer_vfk(&self, vfk_id: Option<i64>) -> bool {
        self.rolle == Rolle::Vfk && vfk_id.is_some_and(|vfk| vfk == self.benutzer_id || self.vertritt.contains(&vfk))
    }

    /// D1 need-to-know of a VFK: her caseload, her stand-ins' and her team's cases.
    pub fn kennt(&self, fall: &FallBezug) -> bool {
        self.zustaendig_fuer(fall) || (fall.team_id.is_some() && fall.team_id == self.team_id)
    }
}

/// D1 break-the-glass: why a VFK opens a case outside her caseload, team and stand-ins.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Ausnahmegrund {
    /// The customer stands at the desk without an appointment.
    VorspracheOhneTermin,
    /// The responsible VFK is absent and no stand-in is recorded.
    VertretungNichtEingetragen,
    /// The customer calls and asks for her case.
    AnrufDesKunden,
    /// Anything else; the explanation is then required.
    Sonstiges,
}

impl Ausnahmegrund {
    pub const ALLE: [Ausnahmegrund; 4] = [
        Ausnahmegrund::VorspracheOhneTermin,
        Ausnahmegrund::VertretungNichtEingetragen,
        Ausnahmegrund::AnrufDesKunden,
        Ausnahmegrund::Sonstiges,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Ausnahmegrund::VorspracheOhneTermin => "vorsprache_ohne_termin",
            Ausnahmegrund::VertretungNichtEingetragen => "vertretung_nicht_eingetragen",
            Ausnahmegrund::AnrufDesKunden => "anruf_des_kunden",
            Ausnahmegrund::Sonstiges => "sonstiges",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Ausnahmegrund::VorspracheOhneTermin => "Vorsprache ohne Termin",
            Ausnahmegrund::VertretungNichtEingetragen => "Vertretung nicht eingetragen",
            Ausnahmegrund::AnrufDesKunden => "Anruf des Kunden",
            Ausnahmegrund::Sonstiges => "Sonstiger Grund",
        }
    }

    pub fn aus_id(id: &str) -> Option<Ausnahmegrund> {
        Ausnahmegrund::ALLE.into_iter().find(|g| g.id() == id)
    }
}

/// The purpose logged for a read (D3) when the user names none.
pub fn standardzweck(rolle: Rolle) -> &'static str {
    match rolle {
        Rolle::Vfk => "Beratung",
        Rolle::Teamleitung => "Teamleitung-Qualitätsprüfung",
        Rolle::Fachdienst => "Fachdienst-Auftrag (§32 SGB III)",
        Rolle::Datenschutz => "Auskunft Art. 15",
        Rolle::Admin => "Administration",
    }
}
