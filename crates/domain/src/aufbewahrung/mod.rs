//! Retention, deletion and restriction (issue 17/6; § 84 SGB X, Art. 17 and 18 GDPR): which data
//! of a case are kept, restricted or deleted on a Stichtag. Pure: the periods are configuration
//! ([`Fristen`], defaults in `fristen.toml`), the dates are parameters.
//!
//! A period begins at the end of the calendar year of the customer's deregistration (for the
//! logs: of the entry) and ends after `jahre` years on 31 December; from the next day on the data
//! are due. While a customer is registered no period runs. A deletion request (Art. 17) deletes
//! what is kept only for the placement work at once after deregistration and restricts what is
//! kept by obligation until its period ends (Art. 17(3)(b), Art. 18). A legal hold stops every
//! deletion due; the data are restricted instead.

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};

use crate::Rechtskreis;

/// The data of a case, by retention period.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Datenkategorie {
    /// Profiling, Ziele, Strategien, Gespräche, Termine, Aufträge, Einwilligungen, Aktivitäten,
    /// Werdegang, Vermittlungsvorschläge: the working file.
    Arbeitsdaten,
    /// Eingliederungsvereinbarungen and Kooperationspläne (all versions).
    Vereinbarungen,
    /// Beratungsvermerke with their Nachträge.
    Vermerke,
    /// The history of changes (D2).
    Verlauf,
    /// The documents as handed over (EV, Vermerk; data and PDF).
    Dokumente,
}

impl Datenkategorie {
    pub const ALLE: [Datenkategorie; 5] = [
        Datenkategorie::Arbeitsdaten,
        Datenkategorie::Vereinbarungen,
        Datenkategorie::Vermerke,
        Datenkategorie::Verlauf,
        Datenkategorie::Dokumente,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Datenkategorie::Arbeitsdaten => "arbeitsdaten",
            Datenkategorie::Vereinbarungen => "vereinbarungen",
            Datenkategorie::Vermerke => "vermerke",
            Datenkategorie::Verlauf => "verlauf",
            Datenkategorie::Dokumente => "dokumente",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Datenkategorie::Arbeitsdaten => "Arbeitsdaten (Profiling, Ziel, Strategien, Gespräche, Termine, Aufträge)",
            Datenkategorie::Vereinbarungen => "Eingliederungsvereinbarungen und Kooperationspläne",
            Datenkategorie::Vermerke => "Beratungsvermerke mit Nachträgen",
            Datenkategorie::Verlauf => "Verlauf der Änderungen",
            Datenkategorie::Dokumente => "Ausgehändigte Schreiben (PDF)",
        }
    }
}

/// The logs, kept by the age of each entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Protokollart {
    Zugriffsprotokoll,
    Suchprotokoll,
}

/// The period of one category in one Rechtskreis.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Frist {
    pub kategorie: Datenkategorie,
    pub rechtskreis: Rechtskreis,
    pub jahre: u32,
    /// A retention obligation: an Art. 17 request restricts instead of deleting before the end.
    pub pflicht: bool,
    pub rechtsgrundlage: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Protokollfrist {
    pub kategorie: Protokollart,
    pub jahre: u32,
    pub rechtsgrundlage: String,
}

/// All periods: one per category and Rechtskreis, one per log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Fristen {
    pub frist: Vec<Frist>,
    pub protokoll: Vec<Protokollfrist>,
}

/// The shipped periods file (commented, to copy and adapt).
pub const STANDARD_TOML: &str = include_str!("fristen.toml");

/// Longest period accepted (a typo like 200 would keep data forever).
const HOECHSTENS_JAHRE: u32 = 30;

impl Fristen {
    /// The defaults shipped with vierphasen (`fristen.toml`).
    pub fn standard() -> Fristen {
        #[allow(clippy::expect_used)] // the shipped file is tested (`standardfristen_vollstaendig`)
        Fristen::aus_toml(STANDARD_TOML).expect("fristen.toml ist gültig")
    }

    /// Reads and checks a periods file: every category in both Rechtskreise and both logs exactly
    /// once, 1 to 30 years, a legal basis named. Errors in German.
    pub fn aus_toml(text: &str) -> Result<Fristen, String> {
        let f: Fristen = toml::from_str(text).map_err(|e| format!("Fristen nicht lesbar: {}", e.message()))?;
        for k in Datenkategorie::ALLE {
            for r in [Rechtskreis::SgbIII, Rechtskreis::SgbII] {
                let n = f.frist.iter().filter(|x| x.kategorie == k && x.rechtskreis == r).count();
                if n != 1 {
                    return Err(format!(
                        "Fristen: „{}“ im {} steht {n}-mal da, erwartet genau einmal",
                        k.id(),
                        r.label()
                    ));
                }
            }
        }
        for p in [Protokollart::Zugriffsprotokoll, Protokollart::Suchprotokoll] {
            if f.protokoll.iter().filter(|x| x.kategorie == p).count() != 1 {
                return Err(format!("Fristen: die Frist für das {p:?} steht nicht genau einmal da"));
            }
        }
        let jahre = f
            .frist
            .iter()
            .map(|x| (x.jahre, &x.rechtsgrundlage))
            .chain(f.protokoll.iter().map(|x| (x.jahre, &x.rechtsgrundlage)));
        for (j, grundlage) in jahre {
            if !(1..=HOECHSTENS_JAHRE).contains(&j) {
                return Err(format!("Fristen: {j} Jahre; erlaubt sind 1 bis {HOECHSTENS_JAHRE}"));
            }
            if grundlage.trim().is_empty() {
                return Err("Fristen: jede Frist nennt ihre Rechtsgrundlage".into());
            }
        }
        Ok(f)
    }

    pub fn fuer(&self, kategorie: Datenkategorie, rechtskreis: Rechtskreis) -> &Frist {
        #[allow(clippy::expect_used)] // `aus_toml` checked that every pair is there
        self.frist.iter().find(|f| f.kategorie == kategorie && f.rechtskreis == rechtskreis).expect("geprüft")
    }

    pub fn protokoll(&self, art: Protokollart) -> &Protokollfrist {
        #[allow(clippy::expect_used)] // `aus_toml` checked that both are there
        self.protokoll.iter().find(|f| f.kategorie == art).expect("geprüft")
    }

    /// Log entries made before this day are due on `stichtag` (the period ran to 31 Dec of the
    /// entry's year + `jahre`).
    pub fn protokoll_grenze(&self, art: Protokollart, stichtag: NaiveDate) -> NaiveDate {
        let jahr = stichtag.year() - self.protokoll(art).jahre as i32;
        NaiveDate::from_ymd_opt(jahr, 1, 1).unwrap_or(NaiveDate::MIN)
    }
}

/// What the plan needs to know about a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aufbewahrungslage {
    pub rechtskreis: Rechtskreis,
    /// End of the last registration; `None` while registered.
    pub abgemeldet_am: Option<NaiveDate>,
    /// An active legal hold (Widerspruch, Klage, Erstattung …).
    pub angeordnet: bool,
    /// The date an Art. 17 request came in, if any.
    pub loeschantrag_am: Option<NaiveDate>,
}

/// What happens to one category on the Stichtag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "stand", rename_all = "snake_case")]
pub enum Verfuegung {
    /// Registered: no period runs.
    Laeuft,
    /// Kept until the end of `bis` (then due).
    Behalten { bis: NaiveDate },
    /// Due, deleted by the run.
    Loeschen,
    /// Kept but restricted (Art. 18): due under a legal hold, or requested under an obligation.
    Einschraenken { grund: Einschraenkungsgrund },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Einschraenkungsgrund {
    /// Due, but a legal hold keeps it (§ 84 SGB X, Art. 17(3)(e)).
    Aufbewahrungsanordnung,
    /// Requested for deletion, but kept by obligation until `bis` (Art. 17(3)(b)).
    Aufbewahrungspflicht { bis: NaiveDate },
}

impl Verfuegung {
    /// In plain German, for the Datenschutz.
    pub fn text(self) -> String {
        let tag = |d: NaiveDate| d.format("%d.%m.%Y").to_string();
        match self {
            Verfuegung::Laeuft => "gemeldet: die Frist läuft erst nach der Abmeldung".into(),
            Verfuegung::Behalten { bis } => format!("aufbewahrt bis {}", tag(bis)),
            Verfuegung::Loeschen => "fällig: wird beim nächsten Löschlauf gelöscht".into(),
            Verfuegung::Einschraenken { grund: Einschraenkungsgrund::Aufbewahrungsanordnung } => {
                "fällig, wegen der Aufbewahrungsanordnung eingeschränkt statt gelöscht (Art. 18 DSGVO)".into()
            }
            Verfuegung::Einschraenken { grund: Einschraenkungsgrund::Aufbewahrungspflicht { bis } } => format!(
                "Löschantrag: wegen der Aufbewahrungspflicht bis {} eingeschränkt statt gelöscht (Art. 17 Abs. 3 lit. b, Art. 18 DSGVO)",
                tag(bis)
            ),
        }
    }
}

/// The plan for one case on one Stichtag, category by category.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Aufbewahrungsplan {
    pub kategorien: Vec<(Datenkategorie, Verfuegung)>,
}

impl Aufbewahrungsplan {
    pub fn verfuegung(&self, k: Datenkategorie) -> Verfuegung {
        self.kategorien.iter().find(|(x, _)| *x == k).map_or(Verfuegung::Laeuft, |(_, v)| *v)
    }

    /// Everything is deleted: the master data (name, birth date, registrations) go too.
    pub fn vollstaendig_loeschen(&self) -> bool {
        self.kategorien.iter().all(|(_, v)| *v == Verfuegung::Loeschen)
    }

    /// Some data are restricted (Art. 18): the case is closed to everyone but the Datenschutz.
    pub fn einschraenken(&self) -> bool {
        self.kategorien.iter().any(|(_, v)| matches!(v, Verfuegung::Einschraenken { .. }))
    }
}

/// The last day of the period of `jahre` years after the year of `ereignis`.
pub fn fristende(ereignis: NaiveDate, jahre: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(ereignis.year() + jahre as i32, 12, 31).unwrap_or(NaiveDate::MAX)
}

/// The plan of a case on `stichtag` (see the module documentation).
pub fn planen(fristen: &Fristen, lage: &Aufbewahrungslage, stichtag: NaiveDate) -> Aufbewahrungsplan {
    let kategorien = Datenkategorie::ALLE
        .into_iter()
        .map(|k| {
            let Some(abgemeldet) = lage.abgemeldet_am else { return (k, Verfuegung::Laeuft) };
            let frist = fristen.fuer(k, lage.rechtskreis);
            let ende = fristende(abgemeldet, frist.jahre);
            let beantragt = lage.loeschantrag_am.is_some_and(|a| a <= stichtag);
            let faellig = stichtag > ende || (beantragt && !frist.pflicht);
            let v = match (faellig, lage.angeordnet, beantragt) {
                (true, false, _) => Verfuegung::Loeschen,
                (true, true, _) => Verfuegung::Einschraenken { grund: Einschraenkungsgrund::Aufbewahrungsanordnung },
                (false, _, true) => {
                    Verfuegung::Einschraenken { grund: Einschraenkungsgrund::Aufbewahrungspflicht { bis: ende } }
                }
                (false, _, false) => Verfuegung::Behalten { bis: ende },
            };
            (k, v)
        })
        .collect();
    Aufbewahrungsplan { kategorien }
}

/// Why a legal hold is set.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Anordnungsgrund {
    Widerspruchsverfahren,
    Klageverfahren,
    Erstattungsverfahren,
    Strafverfahren,
    Sonstiges,
}

impl Anordnungsgrund {
    pub const ALLE: [Anordnungsgrund; 5] = [
        Anordnungsgrund::Widerspruchsverfahren,
        Anordnungsgrund::Klageverfahren,
        Anordnungsgrund::Erstattungsverfahren,
        Anordnungsgrund::Strafverfahren,
        Anordnungsgrund::Sonstiges,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Anordnungsgrund::Widerspruchsverfahren => "widerspruchsverfahren",
            Anordnungsgrund::Klageverfahren => "klageverfahren",
            Anordnungsgrund::Erstattungsverfahren => "erstattungsverfahren",
            Anordnungsgrund::Strafverfahren => "strafverfahren",
            Anordnungsgrund::Sonstiges => "sonstiges",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Anordnungsgrund::Widerspruchsverfahren => "Widerspruchsverfahren",
            Anordnungsgrund::Klageverfahren => "Klageverfahren vor dem Sozialgericht",
            Anordnungsgrund::Erstattungsverfahren => "Erstattungsverfahren (§ 50 SGB X)",
            Anordnungsgrund::Strafverfahren => "Straf- oder Ordnungswidrigkeitenverfahren",
            Anordnungsgrund::Sonstiges => "Sonstiges Verfahren",
        }
    }

    pub fn aus_id(id: &str) -> Option<Anordnungsgrund> {
        Anordnungsgrund::ALLE.into_iter().find(|g| g.id() == id)
    }
}
