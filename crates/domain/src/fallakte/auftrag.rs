//! Referrals to the Fachdienste (U4–U7) and the ZAV (U2) and their lifecycle (issue 13/1): the
//! VFK refers, a named user of the service takes the referral, may ask back, answers with a
//! result, and the VFK takes note of it. Pure: who may take which step is access control
//! (`zugriff`), when a step is allowed is [`Auftragsstatus::nach`].

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::daten::ZavAngaben;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Fragestellung {
    /// U6: no consent needed.
    VerfuegbarkeitErwerbsfaehigkeit,
    Eignungsfeststellung,
    #[default]
    Sonstige,
}

impl Fragestellung {
    pub const ALLE: [Fragestellung; 3] =
        [Fragestellung::VerfuegbarkeitErwerbsfaehigkeit, Fragestellung::Eignungsfeststellung, Fragestellung::Sonstige];

    pub fn label(self) -> &'static str {
        match self {
            Fragestellung::VerfuegbarkeitErwerbsfaehigkeit => "Verfügbarkeit/Erwerbsfähigkeit",
            Fragestellung::Eignungsfeststellung => "Eignungsfeststellung",
            Fragestellung::Sonstige => "Sonstige Fragestellung",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Auftrag {
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
    /// Service id or label from the catalogue (`fachdienste.toml`).
    pub leistung: String,
    #[serde(default)]
    pub fragestellung: Fragestellung,
    /// U2: facts for ZAV admission.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub zav: Option<ZavAngaben>,
    /// The case-specific question to the service (seed 2.2.4 "fallspezifische Fragestellung").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub anliegen: Option<String>,
    /// D1 need-to-know: the parts of the case file the service may read with the referral.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub freigabe: Vec<Aktenteil>,
    #[serde(default)]
    pub status: Auftragsstatus,
    /// The named user of the service who took the referral.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bearbeitet_von: Option<String>,
    /// The appointment of the service with the customer, if it needs one.
    #[serde(
        default,
        deserialize_with = "crate::datum::serde_strikt::datum_opt",
        skip_serializing_if = "Option::is_none"
    )]
    pub termin: Option<NaiveDate>,
    /// The service's question back to the VFK (status `zurueckgegeben`) and her answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub rueckfrage: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub antwort: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ergebnis: Option<Auftragsergebnis>,
    /// Why the referral ended without a result (storniert by the VFK, gestoppt by a revoked consent).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub abbruchgrund: Option<String>,
}

impl Auftrag {
    /// A new referral as the VFK writes it.
    pub fn neu(datum: NaiveDate, leistung: String, fragestellung: Fragestellung) -> Auftrag {
        Auftrag {
            datum,
            leistung,
            fragestellung,
            zav: None,
            anliegen: None,
            freigabe: Vec::new(),
            status: Auftragsstatus::Beauftragt,
            bearbeitet_von: None,
            termin: None,
            rueckfrage: None,
            antwort: None,
            ergebnis: None,
            abbruchgrund: None,
        }
    }
}

/// A part of the case file a referral opens to the service (D1).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Aktenteil {
    /// The current profiling: Merkmale with their status and comments, strengths.
    Profiling,
    /// Werdegang and qualifications.
    Werdegang,
    /// Goal and chosen strategies.
    ZielUndStrategien,
    /// The Beratungsvermerke (the prior conversation of U4).
    Beratungsvermerke,
}

impl Aktenteil {
    pub const ALLE: [Aktenteil; 4] =
        [Aktenteil::Profiling, Aktenteil::Werdegang, Aktenteil::ZielUndStrategien, Aktenteil::Beratungsvermerke];

    pub fn label(self) -> &'static str {
        match self {
            Aktenteil::Profiling => "Profiling (Merkmale und Stärken)",
            Aktenteil::Werdegang => "Werdegang und Qualifikationen",
            Aktenteil::ZielUndStrategien => "Ziel und Strategien",
            Aktenteil::Beratungsvermerke => "Beratungsvermerke",
        }
    }
}

/// Where a referral stands. Open for the service: beauftragt, angenommen, in Bearbeitung,
/// zurückgegeben; the others are closed for it (it no longer reads the case through it).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Auftragsstatus {
    #[default]
    Beauftragt,
    Angenommen,
    InBearbeitung,
    /// The service asked back (Rückfrage); the VFK answers and sends it again.
    Zurueckgegeben,
    ErgebnisMitgeteilt,
    ZurKenntnisGenommen,
    Storniert,
    /// U6: the consent the referral depends on was revoked.
    Gestoppt,
}

impl Auftragsstatus {
    pub const ALLE: [Auftragsstatus; 8] = [
        Auftragsstatus::Beauftragt,
        Auftragsstatus::Angenommen,
        Auftragsstatus::InBearbeitung,
        Auftragsstatus::Zurueckgegeben,
        Auftragsstatus::ErgebnisMitgeteilt,
        Auftragsstatus::ZurKenntnisGenommen,
        Auftragsstatus::Storniert,
        Auftragsstatus::Gestoppt,
    ];

    pub fn id(self) -> &'static str {
        match self {
            Auftragsstatus::Beauftragt => "beauftragt",
            Auftragsstatus::Angenommen => "angenommen",
            Auftragsstatus::InBearbeitung => "in_bearbeitung",
            Auftragsstatus::Zurueckgegeben => "zurueckgegeben",
            Auftragsstatus::ErgebnisMitgeteilt => "ergebnis_mitgeteilt",
            Auftragsstatus::ZurKenntnisGenommen => "zur_kenntnis_genommen",
            Auftragsstatus::Storniert => "storniert",
            Auftragsstatus::Gestoppt => "gestoppt",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Auftragsstatus::Beauftragt => "beauftragt",
            Auftragsstatus::Angenommen => "angenommen",
            Auftragsstatus::InBearbeitung => "in Bearbeitung",
            Auftragsstatus::Zurueckgegeben => "zurückgegeben (Rückfrage)",
            Auftragsstatus::ErgebnisMitgeteilt => "Ergebnis mitgeteilt",
            Auftragsstatus::ZurKenntnisGenommen => "zur Kenntnis genommen",
            Auftragsstatus::Storniert => "storniert",
            Auftragsstatus::Gestoppt => "gestoppt (Einwilligung widerrufen)",
        }
    }

    pub fn aus_id(id: &str) -> Option<Auftragsstatus> {
        Auftragsstatus::ALLE.into_iter().find(|s| s.id() == id)
    }

    /// Open for the service: it sees the referral in its inbox and reads the case through it.
    pub fn offen(self) -> bool {
        matches!(
            self,
            Auftragsstatus::Beauftragt
                | Auftragsstatus::Angenommen
                | Auftragsstatus::InBearbeitung
                | Auftragsstatus::Zurueckgegeben
        )
    }

    /// The state after `schritt`, or why the step is not possible now (naming the current state).
    pub fn nach(self, schritt: Auftragsschritt) -> Result<Auftragsstatus, String> {
        use Auftragsschritt as S;
        use Auftragsstatus as A;
        let neu = match (self, schritt) {
            (A::Beauftragt, S::Annehmen) => A::Angenommen,
            (A::Angenommen, S::Bearbeiten) => A::InBearbeitung,
            (A::Beauftragt | A::Angenommen | A::InBearbeitung, S::Zurueckgeben) => A::Zurueckgegeben,
            (A::Zurueckgegeben, S::ErneutSenden) => A::Beauftragt,
            (A::Angenommen | A::InBearbeitung, S::ErgebnisMitteilen) => A::ErgebnisMitgeteilt,
            (A::ErgebnisMitgeteilt, S::ZurKenntnisNehmen) => A::ZurKenntnisGenommen,
            (s, S::Stornieren) if s.offen() => A::Storniert,
            (s, S::Stoppen) if s.offen() => A::Gestoppt,
            (s, _) => {
                return Err(format!("„{}“ ist nicht möglich: Der Auftrag ist {}.", schritt.label(), s.label()));
            }
        };
        Ok(neu)
    }
}

/// A step in the lifecycle of a referral.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Auftragsschritt {
    /// Service: a named user takes the referral.
    Annehmen,
    /// Service: works on it, optionally with an appointment with the customer.
    Bearbeiten,
    /// Service: asks back (Rückfrage, with reason).
    Zurueckgeben,
    /// Service: communicates the result.
    ErgebnisMitteilen,
    /// VFK: answers the Rückfrage and sends the referral again.
    ErneutSenden,
    /// VFK: has read the result.
    ZurKenntnisNehmen,
    /// VFK: withdraws the referral.
    Stornieren,
    /// U6: the consent was revoked (never a user's step; the revocation does it).
    Stoppen,
}

impl Auftragsschritt {
    pub fn label(self) -> &'static str {
        match self {
            Auftragsschritt::Annehmen => "Annehmen",
            Auftragsschritt::Bearbeiten => "In Bearbeitung nehmen",
            Auftragsschritt::Zurueckgeben => "Zurückgeben mit Rückfrage",
            Auftragsschritt::ErgebnisMitteilen => "Ergebnis mitteilen",
            Auftragsschritt::ErneutSenden => "Rückfrage beantworten und erneut senden",
            Auftragsschritt::ZurKenntnisNehmen => "Zur Kenntnis nehmen",
            Auftragsschritt::Stornieren => "Stornieren",
            Auftragsschritt::Stoppen => "Stoppen",
        }
    }

    /// Taken by the service (else by the responsible VFK).
    pub fn durch_fachdienst(self) -> bool {
        matches!(
            self,
            Auftragsschritt::Annehmen
                | Auftragsschritt::Bearbeiten
                | Auftragsschritt::Zurueckgeben
                | Auftragsschritt::ErgebnisMitteilen
        )
    }
}

/// The result a service communicates (U4: ÄD, U5: BPS, U7: TBD).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Auftragsergebnis {
    #[serde(deserialize_with = "crate::datum::serde_strikt::datum")]
    pub datum: NaiveDate,
    /// U4: the format of the Begutachtung the doctor chose (a catalogue service with `format_von`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// U4: the daily working capacity.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub leistungsbild: Option<Leistungsbild>,
    /// U4: qualitative limitations (e.g. no heavy lifting, no night shifts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub einschraenkungen: Option<String>,
    /// U4: how long the limitations are expected to last.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dauer: Option<Einschraenkungsdauer>,
    /// U5 Deutsch-Test: the level per GER (A1 … C2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ger_niveau: Option<String>,
    /// The Merkmal of the profiling the result concerns (its id), for the proposal to settle a
    /// "zu klären" Merkmal (P4).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub merkmal: Option<String>,
    /// The result in words: the ÄD's summary, the BPS result, the TBD Stellungnahme.
    pub text: String,
}

/// U4: the Leistungsbild of a sozialmedizinische Begutachtung.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Leistungsbild {
    /// Six hours and more a day.
    Vollschichtig,
    /// Three to under six hours a day.
    UnterSechsStunden,
    /// Under three hours a day.
    UnterDreiStunden,
}

impl Leistungsbild {
    pub const ALLE: [Leistungsbild; 3] =
        [Leistungsbild::Vollschichtig, Leistungsbild::UnterSechsStunden, Leistungsbild::UnterDreiStunden];

    pub fn label(self) -> &'static str {
        match self {
            Leistungsbild::Vollschichtig => "vollschichtig (6 Stunden und mehr täglich)",
            Leistungsbild::UnterSechsStunden => "3 bis unter 6 Stunden täglich",
            Leistungsbild::UnterDreiStunden => "unter 3 Stunden täglich",
        }
    }
}

/// U4: the expected duration of the limitations.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Einschraenkungsdauer {
    BisSechsMonate,
    LaengerAlsSechsMonate,
    Dauerhaft,
}

impl Einschraenkungsdauer {
    pub const ALLE: [Einschraenkungsdauer; 3] = [
        Einschraenkungsdauer::BisSechsMonate,
        Einschraenkungsdauer::LaengerAlsSechsMonate,
        Einschraenkungsdauer::Dauerhaft,
    ];

    pub fn label(self) -> &'static str {
        match self {
            Einschraenkungsdauer::BisSechsMonate => "voraussichtlich bis zu 6 Monate",
            Einschraenkungsdauer::LaengerAlsSechsMonate => "voraussichtlich länger als 6 Monate",
            Einschraenkungsdauer::Dauerhaft => "voraussichtlich auf Dauer",
        }
    }
}
