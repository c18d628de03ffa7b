//! The shapes of the catalogue files (`catalog/*.toml`), as loaded.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use crate::grundtypen::{Profillage, Rechtskreis, Schluesselgruppe, Segment};

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchluesselgruppenDatei {
    pub version: String,
    pub schluesselgruppe: Vec<SchluesselgruppeEintrag>,
    pub merkmal: Vec<Merkmal>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SchluesselgruppeEintrag {
    pub id: Schluesselgruppe,
    pub kurz: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliase: Vec<String>,
    pub bereich: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Merkmal {
    pub id: String,
    pub gruppe: Schluesselgruppe,
    pub label: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliase: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfillagenDatei {
    pub version: String,
    pub profillage: Vec<ProfillageEintrag>,
    pub z_grund: Vec<ZGrund>,
    pub i_grund: Vec<IGrund>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfillageEintrag {
    pub id: Profillage,
    pub kurz: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliase: Vec<String>,
    pub bereich: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nur_rechtskreis: Option<Rechtskreis>,
    pub beschreibung: String,
}

/// PL3: a reason for Profillage Z.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZGrund {
    pub id: String,
    pub label: String,
    /// a): the end date must be given.
    #[serde(default)]
    pub ende_datum_erforderlich: bool,
    /// d): the date up to which no progress is achievable must be given.
    #[serde(default)]
    pub kein_fortschritt_bis_erforderlich: bool,
    /// § 440 SGB III i. V. m. § 237 SGB VI and § 10 SGB II: only when integration is not sought.
    #[serde(default)]
    pub nur_ohne_integrationsabsicht: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nur_rechtskreis: Option<Rechtskreis>,
}

/// PL4: a reason for Profillage I.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct IGrund {
    pub id: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliase: Vec<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrategienDatei {
    pub version: String,
    pub strategie: Vec<Strategie>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Strategie {
    pub id: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliase: Vec<String>,
    pub merkmale: Vec<String>,
    pub uebergreifend: bool,
    /// S13: a measure with qualifying content.
    #[serde(default)]
    pub qualifizierend: bool,
    /// S2: needs Absolventenmanagement.
    #[serde(default)]
    pub erfordert_absolventenmanagement: bool,
    /// S5
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nur_rechtskreis: Option<Rechtskreis>,
    /// S6
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nur_segmente: Option<Vec<Segment>>,
    /// S14
    pub leitfaden: Leitfaden,
    /// Filled at load: the Schlüsselgruppe of its Merkmale (None when übergreifend).
    #[serde(skip_deserializing)]
    pub gruppe: Option<Schluesselgruppe>,
}

/// S14: recommended steps, duration and activities of a strategy (prefills the EV, E6).
#[derive(Debug, Clone, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Leitfaden {
    pub zwischenziel: String,
    /// The same goal for the customer herself, in plain language with "Sie" (the Kooperationsplan,
    /// §7.1 note).
    pub zwischenziel_sie: String,
    pub schritte: Vec<String>,
    pub dauer_monate_von: u16,
    pub dauer_monate_bis: u16,
    pub aktivitaeten_kunde: Vec<String>,
    pub aktivitaeten_vfk: Vec<String>,
    pub aktivitaeten_dritte: Vec<String>,
    pub ev_textbaustein: String,
}

impl Leitfaden {
    /// E4/S14: the Zwischenziel as the document of `art` prints it: plain language with "Sie"
    /// in the Kooperationsplan, the guidance's wording in the Eingliederungsvereinbarung.
    pub fn zwischenziel_fuer(&self, art: crate::fallakte::Vereinbarungsart) -> &str {
        match art {
            crate::fallakte::Vereinbarungsart::Kooperationsplan => &self.zwischenziel_sie,
            crate::fallakte::Vereinbarungsart::Eingliederungsvereinbarung => &self.zwischenziel,
        }
    }
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZieloptionenDatei {
    pub version: String,
    pub gruppe: Vec<Zielgruppe>,
    pub zieloption: Vec<Zieloption>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Zielgruppe {
    pub id: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliase: Vec<String>,
}

/// Z6: how far matching searches for a goal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Suchhorizont {
    /// Tagespendelbereich.
    Lokal,
    /// Germany (and still local chances).
    Ueberregional,
    /// Germany and abroad (and still local and überregional chances).
    International,
    /// No job search (self-employment, school, activities beyond the 1. Arbeitsmarkt).
    Keiner,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Zieloption {
    pub id: String,
    pub gruppe: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliase: Vec<String>,
    pub suchhorizont: Suchhorizont,
    /// Z5
    #[serde(default)]
    pub bestaetigung_erforderlich: bool,
    /// Z3
    #[serde(default)]
    pub fuer_komplexe_profillagen: bool,
    /// Z2
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nur_rechtskreis: Option<Rechtskreis>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FachdiensteDatei {
    pub version: String,
    pub dienst: Vec<Dienst>,
    pub leistung: Vec<Leistung>,
    pub tbd_form: Vec<TbdForm>,
    pub kuenstlerbereich: Vec<Kuenstlerbereich>,
    pub zav_branche: Vec<ZavAuswahl>,
    pub zav_region: Vec<ZavAuswahl>,
    #[serde(default)]
    pub zav_mindestgehalt: Vec<ZavMindestgehalt>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Dienst {
    pub id: String,
    pub kurz: String,
    pub label: String,
    /// U6
    #[serde(default)]
    pub einwilligung_erforderlich: bool,
    /// U4
    #[serde(default)]
    pub vorgespraech_erforderlich: bool,
    /// The service answers referrals itself (issue 13/1): its users have an inbox. BiZ orders are
    /// tasks for the customer (U8) and have none.
    #[serde(default)]
    pub mit_posteingang: bool,
    /// The service level (seed 2.2.4 "Service-Level-Agreement"): days from the referral to the
    /// result, unless the Dienststelle agreed another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sla_tage: Option<u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Leistung {
    pub id: String,
    pub dienst: String,
    pub kategorie: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliase: Vec<String>,
    /// U4: a format of the service `format_von` that the service chooses itself (the doctor picks
    /// the format of a Begutachtung); the VFK asks for `format_von`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format_von: Option<String>,
    /// U8: an order to the customer (BiZ) is a task of the EV, not a referral; its wording there.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ev_aufgabe: Option<String>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TbdForm {
    pub id: String,
    pub label: String,
}

/// U2: admission criteria of the Künstlervermittlung per area.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Kuenstlerbereich {
    pub id: String,
    pub label: String,
    pub hochschulabschluss_genuegt: bool,
    pub berufserfahrung_genuegt: bool,
}

/// U2: a Branche or Region the Managementvermittlung's salary threshold depends on.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZavAuswahl {
    pub id: String,
    pub label: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub aliase: Vec<String>,
}

/// U2: the minimum annual salary for a Branche, a Region or both ("je nach Branche und Region
/// von 45.000 € bis 65.000 Euro"); without a matching entry `zav.management_mindestgehalt_euro`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZavMindestgehalt {
    /// `zav_branche` id; none = every Branche.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub branche: Option<String>,
    /// `zav_region` id; none = every Region.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    pub euro: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProdukteDatei {
    pub version: String,
    pub produkt: Vec<Produkt>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Produktkategorie {
    BeratungVermittlung,
    IndividuelleIntegrationshilfe,
    LeistungDritter,
    OeffentlichGefoerderteBeschaeftigung,
}

/// PK1: a product of the Produktkatalog.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Produkt {
    pub id: String,
    pub label: String,
    pub kategorie: Produktkategorie,
    pub rechtsgrundlage: String,
    pub rechtskreise: Vec<Rechtskreis>,
    pub empfohlene_strategien: Vec<String>,
    pub beschreibung: String,
}

/// K1: days until the next Folgegespräch per Profillage id.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct KontaktdichteDatei {
    pub version: String,
    pub standard: BTreeMap<String, u32>,
    pub unter_25: BTreeMap<String, u32>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Parameter {
    pub version: String,
    pub ev: EvParameter,
    pub profiling: ProfilingParameter,
    pub strategie: StrategieParameter,
    pub reaktivierung: ReaktivierungParameter,
    pub uebergabe: UebergabeParameter,
    pub zav: ZavParameter,
    pub matching: MatchingParameter,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EvParameter {
    pub gueltigkeit_monate: u32,
    pub gueltigkeit_u25_sgb3_monate: u32,
    pub faellig_vorlauf_tage: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProfilingParameter {
    pub vorlaeufig_folgegespraech_tage: u32,
    pub z_a_regel_monate: u32,
    pub z_d_hoechstens_monate: u32,
    pub fbw_mehr_als_monate: u32,
    pub n_zweitgespraech_tage: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StrategieParameter {
    pub komplex_horizont_monate: u32,
    pub instrument_horizont_monate: u32,
    pub s13_vorlauf_monate: u32,
    pub s13_nachlauf_tage: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReaktivierungParameter {
    pub monate: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UebergabeParameter {
    pub gruppeninformation_monate_vorher: u32,
    pub abschlussgespraech_monate_vorher: u32,
    pub erstgespraech_sgb2_tage_nachher: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZavParameter {
    /// Default threshold, and the lower end of the seed's range.
    pub management_mindestgehalt_euro: u32,
    /// Upper end of the seed's range; a catalogue entry above it is refused at load.
    pub management_mindestgehalt_hoechstens_euro: u32,
    pub management_fuehrungserfahrung_jahre: u32,
    pub management_hoechstens_arbeitslos_monate: u32,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MatchingParameter {
    pub tagespendelbereich_km: u32,
    /// S12/F3: days with the strategy "Vermittlung" and no Vermittlungsvorschlag before a hint.
    pub vermittlung_ohne_vorschlag_tage: u32,
}
