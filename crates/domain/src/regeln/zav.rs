//! U2: admission to the ZAV's pools — every unmet criterion is named.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use crate::datum::plus_monate;
use crate::fallakte::ZavAngaben;
use crate::katalog::{Katalog, ZavParameter};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ZavPruefung {
    pub zugelassen: bool,
    /// Each unmet criterion in German.
    pub nicht_erfuellt: Vec<String>,
    /// Desirable, not required (e.g. academic degree).
    pub hinweise: Vec<String>,
}

/// Managementvermittlung: ≥ 3 years leadership with personnel AND budget responsibility;
/// unemployed less than 6 months; mobile nationwide; salary ≥ threshold; degree desirable.
pub fn managementvermittlung(
    a: &ZavAngaben,
    arbeitslos_seit: Option<NaiveDate>,
    datum: NaiveDate,
    p: &ZavParameter,
) -> ZavPruefung {
    let mut fehlt = Vec::new();
    if a.fuehrungserfahrung_jahre < p.management_fuehrungserfahrung_jahre as f32 {
        fehlt.push(format!(
            "mindestens {} Jahre aktuelle Führungserfahrung (angegeben: {})",
            p.management_fuehrungserfahrung_jahre, a.fuehrungserfahrung_jahre
        ));
    }
    if !a.personalverantwortung {
        fehlt.push("Personalverantwortung".to_string());
    }
    if !a.budgetverantwortung {
        fehlt.push("Budgetverantwortung".to_string());
    }
    match arbeitslos_seit {
        Some(seit) if plus_monate(seit, p.management_hoechstens_arbeitslos_monate) <= datum => {
            fehlt.push(format!("weniger als {} Monate arbeitslos", p.management_hoechstens_arbeitslos_monate));
        }
        _ => {}
    }
    if !a.bundesweit_mobil {
        fehlt.push("bundesweite Mobilität".to_string());
    }
    match a.jahresgehalt_euro {
        Some(g) if g >= p.management_mindestgehalt_euro => {}
        Some(g) => {
            fehlt.push(format!("Jahresgehalt von mindestens {} € (angegeben: {g} €)", p.management_mindestgehalt_euro))
        }
        None => {
            fehlt.push(format!("Jahresgehalt von mindestens {} € (nicht angegeben)", p.management_mindestgehalt_euro))
        }
    }
    let hinweise = if a.akademischer_abschluss {
        Vec::new()
    } else {
        vec!["Ein akademischer Abschluss ist erwünscht, aber keine Voraussetzung.".to_string()]
    };
    ZavPruefung { zugelassen: fehlt.is_empty(), nicht_erfuellt: fehlt, hinweise }
}

/// Künstlervermittlung: per area, a degree from a state-recognised Hochschule and/or relevant
/// professional experience.
pub fn kuenstlervermittlung(a: &ZavAngaben, katalog: &Katalog) -> ZavPruefung {
    let Some(bereich) = a.kuenstlerbereich.as_deref().and_then(|b| katalog.kuenstlerbereich(b)) else {
        return ZavPruefung {
            zugelassen: false,
            nicht_erfuellt: vec!["Bereich angeben (Bühne, Film/Fernsehen, Stab/Technik, Unterhaltung/Werbung)".into()],
            hinweise: Vec::new(),
        };
    };
    let ok = (bereich.hochschulabschluss_genuegt && a.hochschulabschluss_staatlich_anerkannt)
        || (bereich.berufserfahrung_genuegt && a.einschlaegige_berufserfahrung);
    let mut fehlt = Vec::new();
    if !ok {
        fehlt.push(match (bereich.hochschulabschluss_genuegt, bereich.berufserfahrung_genuegt) {
            (true, true) => format!(
                "{}: Abschluss an einer staatlich anerkannten Hochschule oder Nachweis einschlägiger Berufserfahrungen",
                bereich.label
            ),
            (true, false) => format!("{}: Abschluss an einer staatlich anerkannten Hochschule", bereich.label),
            _ => format!("{}: Nachweis einschlägiger Berufserfahrungen", bereich.label),
        });
    }
    ZavPruefung { zugelassen: ok, nicht_erfuellt: fehlt, hinweise: Vec::new() }
}
