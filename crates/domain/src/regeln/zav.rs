//! U2: admission to the ZAV's pools — every unmet criterion is named.

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use crate::datum::plus_monate;
use crate::fallakte::ZavAngaben;
use crate::katalog::{Katalog, ZavAuswahl};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ZavPruefung {
    pub zugelassen: bool,
    /// Each unmet criterion in German.
    pub nicht_erfuellt: Vec<String>,
    /// Desirable, not required (e.g. academic degree).
    pub hinweise: Vec<String>,
}

/// U2: the minimum annual salary that applies, and why (German, for the finding).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mindestgehalt {
    pub euro: u32,
    pub grund: String,
}

/// U2: "mindestens ein Jahresgehalt – je nach Branche und Region - von 45.000 € bis 65.000 Euro".
/// The most specific catalogue entry matching the Branche and Region wins (both before one),
/// the higher amount among equally specific ones; without a match the default threshold.
pub fn mindestgehalt(a: &ZavAngaben, k: &Katalog) -> Mindestgehalt {
    let branche = a.branche.as_deref().and_then(|b| k.zav_branche(b));
    let region = a.region.as_deref().and_then(|r| k.zav_region(r));
    let passt = |soll: &Option<String>, ist: Option<&ZavAuswahl>| match soll {
        None => Some(0),
        Some(id) => ist.filter(|x| &x.id == id).map(|_| 1),
    };
    let treffer = k
        .zav_mindestgehaelter
        .iter()
        .filter_map(|g| Some((passt(&g.branche, branche)? + passt(&g.region, region)?, g)))
        .max_by_key(|(genauigkeit, g)| (*genauigkeit, g.euro));
    let name = |x: Option<&ZavAuswahl>| x.map(|x| format!("„{}“", x.label));
    match treffer {
        Some((_, g)) => {
            let fuer: Vec<String> = [
                g.branche.as_ref().and(name(branche)).map(|b| format!("Branche {b}")),
                g.region.as_ref().and(name(region)).map(|r| format!("Region {r}")),
            ]
            .into_iter()
            .flatten()
            .collect();
            Mindestgehalt { euro: g.euro, grund: format!("Schwelle für {}", fuer.join(" und ")) }
        }
        None => {
            let angaben: Vec<String> =
                [name(branche).map(|b| format!("Branche {b}")), name(region).map(|r| format!("Region {r}"))]
                    .into_iter()
                    .flatten()
                    .collect();
            let grund = if angaben.is_empty() {
                "Standardschwelle, da Branche und Region nicht angegeben sind".to_string()
            } else {
                format!("Standardschwelle, da für {} keine eigene Schwelle hinterlegt ist", angaben.join(" und "))
            };
            Mindestgehalt { euro: k.parameter.zav.management_mindestgehalt_euro, grund }
        }
    }
}

/// Managementvermittlung: ≥ 3 years current leadership with personnel AND budget responsibility;
/// unemployed less than 6 months; mobile nationwide; salary ≥ threshold by Branche and Region;
/// degree desirable.
pub fn managementvermittlung(
    a: &ZavAngaben,
    arbeitslos_seit: Option<NaiveDate>,
    datum: NaiveDate,
    k: &Katalog,
) -> ZavPruefung {
    let p = &k.parameter.zav;
    let mut fehlt = Vec::new();
    if a.fuehrungserfahrung_jahre < p.management_fuehrungserfahrung_jahre as f32 {
        fehlt.push(format!(
            "mindestens {} Jahre aktuelle Führungserfahrung (angegeben: {})",
            p.management_fuehrungserfahrung_jahre, a.fuehrungserfahrung_jahre
        ));
    }
    if !a.fuehrungserfahrung_aktuell {
        fehlt.push("die Führungserfahrung muss aktuell sein (liegt sie länger zurück, zählt sie nicht)".to_string());
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
    let schwelle = mindestgehalt(a, k);
    let soll = format!("Jahresgehalt von mindestens {} € ({})", euro(schwelle.euro), schwelle.grund);
    match a.jahresgehalt_euro {
        Some(g) if g >= schwelle.euro => {}
        Some(g) => fehlt.push(format!("{soll}, angegeben: {} €", euro(g))),
        None => fehlt.push(format!("{soll}, nicht angegeben")),
    }
    let hinweise = if a.akademischer_abschluss {
        Vec::new()
    } else {
        vec!["Ein akademischer Abschluss ist erwünscht, aber keine Voraussetzung.".to_string()]
    };
    ZavPruefung { zugelassen: fehlt.is_empty(), nicht_erfuellt: fehlt, hinweise }
}

/// An amount as German text: 45000 → "45.000".
fn euro(betrag: u32) -> String {
    let ziffern = betrag.to_string();
    let mut aus = String::new();
    for (i, c) in ziffern.chars().enumerate() {
        if i > 0 && (ziffern.len() - i).is_multiple_of(3) {
            aus.push('.');
        }
        aus.push(c);
    }
    aus
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
