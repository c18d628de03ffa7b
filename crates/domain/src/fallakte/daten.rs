//! The Fallakte: one case as JSON, holding everything the rules read (docs/fallakte.md).
//! Catalogue entries are named by id; the seed's label is accepted as alias.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::auftrag::Auftrag;
use crate::grundtypen::{MerkmalStatus, Rechtskreis, Segment};

/// A whole case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Fallakte {
    /// Format version; currently 1.
    pub format: u32,
    pub kunde: Kunde,
    #[serde(default)]
    pub dienststelle: Dienststelle,
    /// Registration episodes (C1/C2), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub meldungen: Vec<Meldung>,
    /// Profiling versions (P1–P8); every save is a new version, the latest is current.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub profiling: Vec<ProfilingVersion>,
    /// Agreed goals (Z1); the latest is current, earlier ones are history.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ziele: Vec<Ziel>,
    /// Chosen Handlungsstrategien (S1–S13).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub strategien: Vec<StrategieWahl>,
    /// Eingliederungsvereinbarungen / Kooperationspläne (E1–E6), as versions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub eingliederungsvereinbarungen: Vec<Eingliederungsvereinbarung>,
    /// Conversations (Erstgespräch, Folgegespräche, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub gespraeche: Vec<Gespraech>,
    /// F4: activities beside the Folgegespräche (group formats, coaching), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aktivitaeten: Vec<super::Aktivitaet>,
    /// Beratungsvermerke (V1–V3).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vermerke: Vec<Beratungsvermerk>,
    /// Referrals to ÄD, BPS, TBD, BiZ, ZAV (U2–U8).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub auftraege: Vec<Auftrag>,
    /// Consents (U6, P10).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub einwilligungen: Vec<Einwilligung>,
    /// §8.4: Vermittlungsvorschläge made to the customer (F1, F2 step 3, S12), oldest first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub vermittlungsvorschlaege: Vec<Vermittlungsvorschlag>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Kunde {
    /// Pseudonymous case number; never a name.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kundennummer: Option<String>,
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub geburtsdatum: NaiveDate,
    pub rechtskreis: Rechtskreis,
    #[serde(default)]
    pub segment: Segment,
    /// P10 (SGB II): the Bedarfsgemeinschaft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bedarfsgemeinschaft: Option<Bedarfsgemeinschaft>,
    /// U1: planned change SGB III → SGB II (end of Arbeitslosengeld).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rechtskreiswechsel: Option<Rechtskreiswechsel>,
    /// U2: unemployed since (for ZAV admission).
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub arbeitslos_seit: Option<NaiveDate>,
    /// Z2: the customer is employed or self-employed (a "leistungsberechtigte Beschäftigte bzw.
    /// Selbständige"); none = neither recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erwerbstaetigkeit: Option<Erwerbstaetigkeit>,
    /// The Werdegang (school, training, employment) of the Stärken- und Potenzialanalyse, oldest
    /// first; no rule reads it.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub werdegang: Vec<super::Werdegangseintrag>,
}

/// Z2: the kind of work of a customer who works (seed 2.1.2: "Für die Gruppe der
/// leistungsberechtigten Beschäftigten und Selbständigen gilt die Zieloption „Stabilisierung
/// bestehender Beschäftigung/Selbständigkeit“").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Erwerbstaetigkeit {
    /// Employed (also part-time, Mini-/Midi-Job).
    Beschaeftigt,
    /// Self-employed.
    Selbstaendig,
}

impl Erwerbstaetigkeit {
    pub const ALLE: [Erwerbstaetigkeit; 2] = [Erwerbstaetigkeit::Beschaeftigt, Erwerbstaetigkeit::Selbstaendig];

    pub fn label(self) -> &'static str {
        match self {
            Erwerbstaetigkeit::Beschaeftigt => "beschäftigt (auch Teilzeit, Mini- oder Midijob)",
            Erwerbstaetigkeit::Selbstaendig => "selbständig",
        }
    }

    /// The value in forms and the database (as in JSON).
    pub fn id(self) -> &'static str {
        match self {
            Erwerbstaetigkeit::Beschaeftigt => "beschaeftigt",
            Erwerbstaetigkeit::Selbstaendig => "selbstaendig",
        }
    }

    pub fn aus_id(id: &str) -> Option<Erwerbstaetigkeit> {
        Erwerbstaetigkeit::ALLE.into_iter().find(|e| e.id() == id)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Bedarfsgemeinschaft {
    pub nummer: String,
    /// The other members (pseudonymous numbers) and their consent to joint conversations (P10).
    #[serde(default)]
    pub mitglieder: Vec<BgMitglied>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BgMitglied {
    pub kundennummer: String,
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub einwilligung_gemeinsames_gespraech: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Rechtskreiswechsel {
    /// Expected date of the change (end of Alg I).
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
    /// An application for Bürgergeld/Alg II is expected.
    #[serde(default)]
    pub antrag_sgb2_erwartet: bool,
    /// SGB II side: the change has happened.
    #[serde(default)]
    pub erfolgt: bool,
    /// SGB II side: the Erstgespräch SGB II is due by this day under the local handover
    /// standard of the Agentur and the Jobcenter (set at the Übernahme); without it the
    /// catalogue's default days after the change apply.
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub erstgespraech_bis: Option<NaiveDate>,
}

/// The Dienststelle's own settings that the rules read (S11, K1).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Dienststelle {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// The Land whose public holidays close the Dienststelle (proposed dates skip them); none:
    /// only the nationwide holidays are known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundesland: Option<crate::kalender::Bundesland>,
    /// S11: local strategies, selectable only here.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lokale_strategien: Vec<LokaleStrategie>,
    /// K1: the local Kontaktdichtekonzept in days per Profillage id (overrides the default).
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub kontaktdichte_tage: std::collections::BTreeMap<String, u32>,
    /// K1 for the customer group under 25 years: days per Profillage id; where none is set, the
    /// value for all (`kontaktdichte_tage`) or the catalogue's value for the group applies.
    #[serde(default, skip_serializing_if = "std::collections::BTreeMap::is_empty")]
    pub kontaktdichte_tage_unter_25: std::collections::BTreeMap<String, u32>,
    /// What the documents print about the Dienststelle (letterhead, place of signing, data
    /// protection officer); no rule reads it.
    #[serde(default, skip_serializing_if = "Kontaktangaben::ist_leer")]
    pub kontakt: Kontaktangaben,
    /// P11: the duration of conversations the Dienststelle sets (shown in the calendar).
    #[serde(default, skip_serializing_if = "Gespraechsdauer::ist_leer")]
    pub gespraechsdauer: Gespraechsdauer,
}

/// P11: "Die Dauer des Erstgesprächs wird durch die Dienststelle festgelegt. Empfohlen wird eine
/// Dauer von ca. 60 Minuten inkl. Vor- und Nachbereitungszeit. Der zeitliche Umfang eines
/// Folgegesprächs ist entweder durch die jeweilige Dienststelle oder im Einzelfall durch die
/// zuständige Vermittlungs-/Beratungsfachkraft fallangemessen zu bestimmen."
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Gespraechsdauer {
    /// Minutes incl. preparation; none: the recommended 60.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erstgespraech_minuten: Option<u16>,
    /// Minutes; none: set case by case by the Fachkraft.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folgegespraech_minuten: Option<u16>,
}

impl Gespraechsdauer {
    /// P11: the seed's recommendation for the Erstgespräch.
    pub const ERSTGESPRAECH_EMPFOHLEN_MINUTEN: u16 = 60;

    pub fn ist_leer(&self) -> bool {
        self == &Gespraechsdauer::default()
    }

    pub fn erstgespraech(&self) -> u16 {
        self.erstgespraech_minuten.unwrap_or(Self::ERSTGESPRAECH_EMPFOHLEN_MINUTEN)
    }

    /// As calendar and administration show it.
    pub fn text(&self) -> String {
        let folge = self.folgegespraech_minuten.map_or("im Einzelfall".to_owned(), |m| format!("ca. {m} Minuten"));
        format!("Erstgespräch ca. {} Minuten, Folgegespräch {folge}", self.erstgespraech())
    }
}

/// The Dienststelle as its letters show it.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Kontaktangaben {
    /// Address lines of the letterhead ("Musterstraße 1", "34117 Kassel").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub anschrift: Vec<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub telefon: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// Place of signing on the Eingliederungsvereinbarung ("Kassel").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ort: Option<String>,
    /// Contact of the data protection officer (Art. 15 Auskunft).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub datenschutzbeauftragter: Option<String>,
}

impl Kontaktangaben {
    pub fn ist_leer(&self) -> bool {
        self == &Kontaktangaben::default()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LokaleStrategie {
    pub id: String,
    pub bezeichnung: String,
    /// The Merkmal it addresses; none = übergreifend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merkmal: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Meldung {
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub beginn: NaiveDate,
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub ende: Option<NaiveDate>,
    /// Why the registration ended (recorded with the deregistration).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abmeldegrund: Option<Abmeldegrund>,
}

/// Why a registration ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Abmeldegrund {
    /// Arbeitsaufnahme auf dem 1. Arbeitsmarkt.
    Arbeitsaufnahme,
    Ausbildung,
    Selbstaendigkeit,
    SonstigerAbgang,
}

impl Abmeldegrund {
    pub const ALLE: [Abmeldegrund; 4] = [
        Abmeldegrund::Arbeitsaufnahme,
        Abmeldegrund::Ausbildung,
        Abmeldegrund::Selbstaendigkeit,
        Abmeldegrund::SonstigerAbgang,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Abmeldegrund::Arbeitsaufnahme => "Arbeitsaufnahme auf dem 1. Arbeitsmarkt",
            Abmeldegrund::Ausbildung => "Aufnahme einer Ausbildung",
            Abmeldegrund::Selbstaendigkeit => "Aufnahme einer Selbständigkeit",
            Abmeldegrund::SonstigerAbgang => "Sonstiger Abgang",
        }
    }

    /// The value in forms and the database (as in JSON).
    pub fn id(self) -> &'static str {
        match self {
            Abmeldegrund::Arbeitsaufnahme => "arbeitsaufnahme",
            Abmeldegrund::Ausbildung => "ausbildung",
            Abmeldegrund::Selbstaendigkeit => "selbstaendigkeit",
            Abmeldegrund::SonstigerAbgang => "sonstiger_abgang",
        }
    }

    pub fn aus_id(id: &str) -> Option<Abmeldegrund> {
        Abmeldegrund::ALLE.into_iter().find(|g| g.id() == id)
    }
}

/// One saved version of the profiling.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfilingVersion {
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub gespeichert_am: NaiveDate,
    /// P1: KldB 2010 code (5 digits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zielberuf: Option<String>,
    /// P1: the job title the Zielberuf was chosen by ("Verkäuferin"), as documents for the
    /// customer name it; the code decides everything else.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zielberuf_bezeichnung: Option<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub alternativberufe: Vec<String>,
    /// P1a: provisional profiling (no Zielberuf could be worked out yet).
    #[serde(default)]
    pub vorlaeufig: bool,
    /// P2
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub staerken: Vec<Staerke>,
    /// P3: status per Merkmal; a Merkmal not listed has not been assessed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub merkmale: Vec<MerkmalBewertung>,
    /// PL2 Interpretation: groups the VFK marks as verdichtet (with comment).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub verdichtung: Vec<Verdichtung>,
    /// PL2: the Schwerpunkt chosen by the VFK (Schlüsselgruppe id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schwerpunkt: Option<String>,
    /// P7
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub standortbestimmung: Option<Standortbestimmung>,
    /// PL3: facts that make profiling unnecessary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub z_grund: Option<ZGrundAngabe>,
    /// PL4: facts for "integriert, aber weiter hilfebedürftig" (i_grund id).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub i_grund: Option<String>,
    /// PL1: the Profillage the VFK chose.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub profillage: Option<ProfillageWahl>,
}

impl ProfilingVersion {
    /// P1 in documents for the customer (Issue 15/5): the job title the Zielberuf was chosen by,
    /// else what [`crate::katalog::Berufe::bezeichnung`] calls the code.
    pub fn zielberuf_name(&self, berufe: &crate::katalog::Berufe) -> Option<String> {
        let code = self.zielberuf.as_deref()?;
        Some(self.zielberuf_bezeichnung.clone().unwrap_or_else(|| berufe.bezeichnung(code)))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Niveau {
    Grundkenntnisse,
    Erweitert,
    Experte,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Staerke {
    pub bezeichnung: String,
    pub niveau: Niveau,
    #[serde(default)]
    pub besondere: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct MerkmalBewertung {
    pub merkmal: String,
    pub status: MerkmalStatus,
    /// Required for `zu_klaeren` (P4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kommentar: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Verdichtung {
    pub gruppe: String,
    pub kommentar: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Standortbestimmung {
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
    /// Integrationsprognose in months.
    pub prognose_monate: u16,
    pub fazit: String,
    /// PL2: planned duration in months of the Maßnahme zur Förderung der beruflichen
    /// Weiterbildung (FbW, § 81 SGB III) the customer is to attend; none = not given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fbw_dauer_monate: Option<u16>,
    /// PL2: the Integrationsprognose exceeds 12 months only because of that FbW.
    #[serde(default)]
    pub prognose_nur_wegen_fbw: bool,
    /// PL2: "Heranführen an Erwerbstätigkeit binnen 12 Monaten wahrscheinlich".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub heranfuehren_binnen_12_monaten: Option<bool>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ZGrundAngabe {
    /// z_grund id (`a`, `b_252`, `b_440`, `c`, `d`).
    pub grund: String,
    /// a): the date unemployment / need ends.
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub ende_datum: Option<NaiveDate>,
    /// d), condition 1: the next agreed conversation, up to which no progress towards
    /// integration is achievable (at the latest 6 months after the profiling).
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub kein_fortschritt_bis: Option<NaiveDate>,
    /// b_440, d (condition 2): does the customer actually seek integration?
    #[serde(default)]
    pub integration_angestrebt: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfillageWahl {
    /// Profillage id or label.
    pub wert: String,
    /// PL1: required when the choice is outside the admissible set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub begruendung: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Ziel {
    /// Zieloption id or label.
    pub zieloption: String,
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub vereinbart_am: NaiveDate,
    /// Z4: horizon of the goal in months.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub horizont_monate: Option<u16>,
    /// Z5: confirmed that the Mini-/Midi-Job ends unemployment or reduces the need.
    #[serde(default)]
    pub beendet_arbeitslosigkeit_oder_verringert_hilfebeduerftigkeit: bool,
    /// Z8: further goals the customer pursues on her own.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eigene_ziele: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StrategieErgebnis {
    ErfolgreichUmgesetzt,
    NichtErfolgreichUmgesetzt,
    Storniert,
    /// C2: closed by reactivation after more than 6 months.
    AutomatischErledigt,
}

impl StrategieErgebnis {
    pub fn label(self) -> &'static str {
        match self {
            StrategieErgebnis::ErfolgreichUmgesetzt => "erfolgreich umgesetzt",
            StrategieErgebnis::NichtErfolgreichUmgesetzt => "nicht erfolgreich umgesetzt",
            StrategieErgebnis::Storniert => "storniert",
            StrategieErgebnis::AutomatischErledigt => "automatisch erledigt",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StrategieWahl {
    /// Strategy id or label, or the id of a local strategy of the Dienststelle (S11).
    pub strategie: String,
    /// The Merkmal it addresses (needed only when the strategy serves several).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merkmal: Option<String>,
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub gewaehlt_am: NaiveDate,
    /// S7: Zeitfenster (start, planned end). Missing is not bad input but an S7 finding.
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub beginn: Option<NaiveDate>,
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub ende: Option<NaiveDate>,
    /// E3: last change of the entry (window, order, products) after it was chosen; a change
    /// after the EV in force is an occasion to update it.
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub geaendert_am: Option<NaiveDate>,
    /// S8: set when erledigt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ergebnis: Option<StrategieErgebnis>,
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub erledigt_am: Option<NaiveDate>,
    /// S10: the order the VFK chose (1 = first).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reihenfolge: Option<u8>,
    /// PK1: products used (ids).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub produkte: Vec<String>,
}

impl StrategieWahl {
    /// S7: the Zeitfenster (start, planned end), if both are recorded.
    pub fn zeitfenster(&self) -> Option<(NaiveDate, NaiveDate)> {
        self.beginn.zip(self.ende)
    }

    /// S7: the window as printed, `bis` between the dates ("01.02.2026 – 31.07.2026").
    pub fn zeitfenster_text(&self, bis: &str) -> String {
        use crate::datum::de;
        match (self.beginn, self.ende) {
            (Some(b), Some(e)) => format!("{}{bis}{}", de(b), de(e)),
            (Some(b), None) => format!("ab {}", de(b)),
            (None, Some(e)) => format!("bis {}", de(e)),
            (None, None) => "ohne Zeitfenster (S7)".to_owned(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Vereinbarungsart {
    #[default]
    Eingliederungsvereinbarung,
    /// §15 SGB II since 1 July 2023.
    Kooperationsplan,
}

impl Vereinbarungsart {
    pub fn label(self) -> &'static str {
        match self {
            Vereinbarungsart::Eingliederungsvereinbarung => "Eingliederungsvereinbarung",
            Vereinbarungsart::Kooperationsplan => "Kooperationsplan",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Eingliederungsvereinbarung {
    #[serde(default)]
    pub art: Vereinbarungsart,
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub erstellt_am: NaiveDate,
    /// E5: signed (EV) or agreed (Kooperationsplan); until then a draft.
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub abgeschlossen_am: Option<NaiveDate>,
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub ausgehaendigt_am: Option<NaiveDate>,
    /// E2: explicit end of validity (default: by Rechtskreis and age).
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub gueltig_bis: Option<NaiveDate>,
    /// Set when a newer version replaced it.
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub ersetzt_am: Option<NaiveDate>,
    /// E4: concrete, checkable tasks.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aufgaben: Vec<Aufgabe>,
    /// E4: the Eigenbemühungen with number and period (printed with the Rechtsfolgenbelehrung).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub eigenbemuehungen: Option<Eigenbemuehungen>,
    /// E4/S14: the next Zwischenziel on the way to the goal ("Jede einzelne Handlungsstrategie …
    /// mündet in ein Zwischenziel"); none: the guidance of the first open strategy is printed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zwischenziel: Option<String>,
    /// E5: signature of the customer (an EV; the Kooperationsplan is not signed).
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub unterschrift_kunde_am: Option<NaiveDate>,
    /// E5: signature of the Vermittlungs-/Integrationsfachkraft.
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub unterschrift_fachkraft_am: Option<NaiveDate>,
}

impl Eingliederungsvereinbarung {
    /// F2 step 1: what is checked task by task in a Folgegespräch: the tasks, and the
    /// Eigenbemühungen as one more task of the customer (due at the end of their period).
    pub fn nachzuhalten(&self) -> Vec<Aufgabe> {
        let mut aufgaben = self.aufgaben.clone();
        if let Some(e) = &self.eigenbemuehungen {
            aufgaben.push(Aufgabe {
                text: e.aufgabe_text(),
                verantwortlich: Verantwortlich::Kunde,
                frist: Some(e.bis),
            });
        }
        aufgaben
    }
}

/// How often the Eigenbemühungen are due.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Turnus {
    Woche,
    Monat,
}

impl Turnus {
    pub const ALLE: [Turnus; 2] = [Turnus::Woche, Turnus::Monat];

    /// As printed after the number ("5 Bewerbungen je Monat").
    pub fn label(self) -> &'static str {
        match self {
            Turnus::Woche => "je Woche",
            Turnus::Monat => "je Monat",
        }
    }

    /// The value in forms (as in JSON).
    pub fn id(self) -> &'static str {
        match self {
            Turnus::Woche => "woche",
            Turnus::Monat => "monat",
        }
    }

    pub fn aus_id(id: &str) -> Option<Turnus> {
        Turnus::ALLE.into_iter().find(|t| t.id() == id)
    }
}

/// E4: "Eigenbemühungen with number and period": at least `anzahl` applications per `turnus`
/// from `von` to `bis`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Eigenbemuehungen {
    pub anzahl: u32,
    pub turnus: Turnus,
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub von: NaiveDate,
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub bis: NaiveDate,
    /// How they are proven, e.g. "Legen Sie die Nachweise jeweils zum Folgegespräch vor."
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nachweis: Option<String>,
}

impl Eigenbemuehungen {
    /// As a task to be checked in a Folgegespräch (F2 step 1).
    pub fn aufgabe_text(&self) -> String {
        format!("Eigenbemühungen: {}", self.text())
    }

    /// "mindestens 4 Bewerbungen je Monat vom 01.09.2026 bis 28.02.2027".
    pub fn text(&self) -> String {
        use crate::datum::de;
        let bewerbungen = if self.anzahl == 1 { "Bewerbung" } else { "Bewerbungen" };
        format!(
            "mindestens {} {bewerbungen} {} vom {} bis {}",
            self.anzahl,
            self.turnus.label(),
            de(self.von),
            de(self.bis)
        )
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Verantwortlich {
    #[default]
    Kunde,
    Vfk,
    Dritte,
}

impl Verantwortlich {
    /// Who does a task, in words.
    pub fn label(self) -> &'static str {
        match self {
            Verantwortlich::Kunde => "Kundin bzw. Kunde",
            Verantwortlich::Vfk => "Vermittlungsfachkraft",
            Verantwortlich::Dritte => "Dritte",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Aufgabe {
    pub text: String,
    #[serde(default)]
    pub verantwortlich: Verantwortlich,
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub frist: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Gespraechsart {
    Erstgespraech,
    Zweitgespraech,
    Folgegespraech,
    /// U1: Gruppeninformation ca. 3 Monate vor dem Rechtskreiswechsel.
    Gruppeninformation,
    Einzelberatung,
    /// U1: ca. 1 Monat vor dem Rechtskreiswechsel.
    Abschlussgespraech,
    /// U1: SGB II side after the change.
    ErstgespraechSgb2,
}

impl Gespraechsart {
    pub fn label(self) -> &'static str {
        match self {
            Gespraechsart::Erstgespraech => "Erstgespräch",
            Gespraechsart::Zweitgespraech => "Zweitgespräch",
            Gespraechsart::Folgegespraech => "Folgegespräch",
            Gespraechsart::Gruppeninformation => "Gruppeninformation",
            Gespraechsart::Einzelberatung => "Einzelberatung",
            Gespraechsart::Abschlussgespraech => "Abschlussgespräch",
            Gespraechsart::ErstgespraechSgb2 => "Erstgespräch SGB II",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Gespraech {
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
    pub art: Gespraechsart,
    /// P10: held with the whole Bedarfsgemeinschaft.
    #[serde(default)]
    pub mit_bedarfsgemeinschaft: bool,
    /// F1/F2: the record of a Folgegespräch.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folgegespraech: Option<Folgegespraech>,
    /// K1: the next appointment agreed.
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub naechster_termin: Option<NaiveDate>,
}

/// F1 and the four steps of F2.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Folgegespraech {
    #[serde(default)]
    pub vorbereitung: Vorbereitung,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schritt1: Option<Schritt1>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schritt2: Option<Schritt2>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schritt3: Option<Schritt3>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub schritt4: Option<Schritt4>,
}

/// F1: preparation checklist.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Vorbereitung {
    #[serde(default)]
    pub profil_gesichtet: bool,
    #[serde(default)]
    pub standortbestimmung_gesichtet: bool,
    #[serde(default)]
    pub ev_gesichtet: bool,
    #[serde(default)]
    pub unterlagen_ausgewertet: bool,
    #[serde(default)]
    pub rueckmeldungen_gesichtet: bool,
    #[serde(default)]
    pub suchlauf_durchgefuehrt: bool,
}

/// F2 step 1: EV against what was done, task by task.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Schritt1 {
    #[serde(default)]
    pub aufgaben: Vec<Aufgabenpruefung>,
    /// A Sperrzeit- or Sanktionstatbestand is met.
    #[serde(default)]
    pub sanktionstatbestand: bool,
    /// The follow-up that was initiated (required when `sanktionstatbestand`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub folgeschritte: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub erfolge_misserfolge: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Aufgabenpruefung {
    pub aufgabe: String,
    pub erledigt: bool,
    /// Required when not done.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grund: Option<String>,
}

/// F2 step 2: review of profiling, goal and strategies.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Schritt2 {
    pub profiling_geprueft: bool,
    /// Z7
    pub ziel_besprochen: bool,
    pub strategien_geprueft: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anpassungen: Option<String>,
}

/// F2 step 3: application activities, unless Handlungsbedarfe stand against them.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Schritt3 {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bewerbungsaktivitaeten: Option<String>,
    /// Merkmale whose Handlungsbedarf stands against applications (then the step is skipped).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub entfaellt_wegen: Vec<String>,
    #[serde(default)]
    pub suchlauf_durchgefuehrt: bool,
}

/// F2 step 4: agreements and next appointment.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Schritt4 {
    #[serde(default)]
    pub vereinbarungen: Vec<Aufgabe>,
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub naechster_termin: Option<NaiveDate>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Vermerkart {
    Erstgespraech,
    Folgegespraech,
    Sonstiges,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Beratungsvermerk {
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
    pub art: Vermerkart,
    pub text: String,
    /// V3: dated addenda; the Vermerk itself is immutable.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub nachtraege: Vec<Nachtrag>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Nachtrag {
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
    pub text: String,
}

/// U2: what the ZAV admission criteria read.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ZavAngaben {
    /// Managementvermittlung: the position sought (e.g. Geschäftsführung, Bereichsleitung);
    /// shown with the admission check, no criterion reads it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zielposition: Option<String>,
    #[serde(default)]
    pub fuehrungserfahrung_jahre: f32,
    /// The leadership experience is current ("mindestens drei Jahre aktuelle Führungserfahrung").
    #[serde(default)]
    pub fuehrungserfahrung_aktuell: bool,
    #[serde(default)]
    pub personalverantwortung: bool,
    #[serde(default)]
    pub budgetverantwortung: bool,
    #[serde(default)]
    pub bundesweit_mobil: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub jahresgehalt_euro: Option<u32>,
    /// Branche (id or label of `zav_branche` in `fachdienste.toml`): the salary threshold
    /// depends on it ("je nach Branche und Region").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branche: Option<String>,
    /// Region (id or label of `zav_region` in `fachdienste.toml`), for the salary threshold.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    #[serde(default)]
    pub akademischer_abschluss: bool,
    /// Künstlervermittlung: area id (`buehne`, `film_fernsehen`, `stab_technik`, `unterhaltung_werbung`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kuenstlerbereich: Option<String>,
    #[serde(default)]
    pub hochschulabschluss_staatlich_anerkannt: bool,
    #[serde(default)]
    pub einschlaegige_berufserfahrung: bool,
    #[serde(default)]
    pub schwerbehindert: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Einwilligungsumfang {
    /// U6: Ärztlicher Dienst.
    AerztlicherDienst,
    /// U6: Berufspsychologischer Service.
    BerufspsychologischerService,
}

impl Einwilligungsumfang {
    /// U6: the consent a referral to the service `dienst` (catalogue id) depends on.
    pub fn fuer_dienst(dienst: &str) -> Option<Einwilligungsumfang> {
        match dienst {
            "aerztlicher_dienst" => Some(Einwilligungsumfang::AerztlicherDienst),
            "berufspsychologischer_service" => Some(Einwilligungsumfang::BerufspsychologischerService),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Einwilligung {
    pub umfang: Einwilligungsumfang,
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub erteilt_am: NaiveDate,
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub widerrufen_am: Option<NaiveDate>,
}

/// Lifecycle of a Vermittlungsvorschlag (§8.4).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum VorschlagStatus {
    Vorgeschlagen,
    Beworben,
    Vorstellungsgespraech,
    Eingestellt,
    Abgelehnt,
}

impl VorschlagStatus {
    pub const ALLE: [VorschlagStatus; 5] = [
        VorschlagStatus::Vorgeschlagen,
        VorschlagStatus::Beworben,
        VorschlagStatus::Vorstellungsgespraech,
        VorschlagStatus::Eingestellt,
        VorschlagStatus::Abgelehnt,
    ];

    /// The value in forms and the database (as in JSON).
    pub fn id(self) -> &'static str {
        match self {
            VorschlagStatus::Vorgeschlagen => "vorgeschlagen",
            VorschlagStatus::Beworben => "beworben",
            VorschlagStatus::Vorstellungsgespraech => "vorstellungsgespraech",
            VorschlagStatus::Eingestellt => "eingestellt",
            VorschlagStatus::Abgelehnt => "abgelehnt",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            VorschlagStatus::Vorgeschlagen => "vorgeschlagen",
            VorschlagStatus::Beworben => "beworben",
            VorschlagStatus::Vorstellungsgespraech => "Vorstellungsgespräch",
            VorschlagStatus::Eingestellt => "eingestellt",
            VorschlagStatus::Abgelehnt => "abgelehnt",
        }
    }

    pub fn aus_id(t: &str) -> Option<VorschlagStatus> {
        VorschlagStatus::ALLE.into_iter().find(|s| s.id() == t)
    }

    /// vorgeschlagen → beworben → Vorstellungsgespräch → eingestellt; abgelehnt from every open
    /// step; eingestellt and abgelehnt are final.
    pub fn naechste(self) -> &'static [VorschlagStatus] {
        use VorschlagStatus::*;
        match self {
            Vorgeschlagen => &[Beworben, Abgelehnt],
            Beworben => &[Vorstellungsgespraech, Eingestellt, Abgelehnt],
            Vorstellungsgespraech => &[Eingestellt, Abgelehnt],
            Eingestellt | Abgelehnt => &[],
        }
    }

    /// Final: the employer's answer is in (eingestellt or abgelehnt).
    pub fn abgeschlossen(self) -> bool {
        self.naechste().is_empty()
    }
}

/// §8.4: a match proposed to the customer, as the application records it: the posting by its
/// reference number and title (no employer data), the lifecycle and the employer's feedback.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Vermittlungsvorschlag {
    /// When the proposal was made.
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
    /// Reference number of the posting (BA `refnr`).
    pub stelle: String,
    /// Title of the posting.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub titel: Option<String>,
    pub status: VorschlagStatus,
    /// Last change of status or feedback (none: unchanged since `datum`).
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub geaendert_am: Option<NaiveDate>,
    /// Why it ended without hiring (with `abgelehnt`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ablehnungsgrund: Option<String>,
    /// The employer's feedback.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rueckmeldung: Option<String>,
}

impl Vermittlungsvorschlag {
    /// F1 "anhängig" on `datum`: made by then and not yet final. **Interpretation:** only the
    /// current status and the date of the last change are kept, so a final status counts from
    /// that date.
    pub fn anhaengig_am(&self, datum: NaiveDate) -> bool {
        self.datum <= datum && !(self.status.abgeschlossen() && self.geaendert_am.unwrap_or(self.datum) <= datum)
    }
}
