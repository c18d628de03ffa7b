//! C1/C2: re-registration of a customer (Reaktivierungskunde vs. Neukunde, SGB III).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use crate::befund::Befund;
use crate::datum::{de, plus_monate};
use crate::fallakte::{GepruefteFallakte, StrategieErgebnis};
use crate::grundtypen::{Profillage, Rechtskreis};
use crate::regel::Regel;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Wiedermeldung {
    /// C1: keeps the last profiling and Profillage.
    Reaktivierungskunde,
    /// C2: open strategies automatically erledigt, profiling and Profillage reset to N.
    Neukunde,
}

/// C1/C2. Interpretation: the seed states both for SGB III only; in SGB II nothing is reset.
pub fn wiedermeldung(
    rechtskreis: Rechtskreis,
    abmeldung: NaiveDate,
    neue_meldung: NaiveDate,
    monate: u32,
) -> Wiedermeldung {
    if rechtskreis == Rechtskreis::SgbIII && neue_meldung > plus_monate(abmeldung, monate) {
        Wiedermeldung::Neukunde
    } else {
        Wiedermeldung::Reaktivierungskunde
    }
}

/// What a re-registration changes in the case (applied by the app in one transaction).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Reaktivierung {
    pub art: Wiedermeldung,
    /// Indices into `strategien` to mark `automatisch_erledigt` (C2).
    pub automatisch_erledigen: Vec<usize>,
    /// C2: profiling and Profillage go back to N.
    pub profiling_zuruecksetzen: bool,
}

pub fn reaktivieren(f: &GepruefteFallakte<'_>, neue_meldung: NaiveDate) -> Option<Reaktivierung> {
    let abmeldung = f.akte.meldungen.iter().filter_map(|m| m.ende).filter(|e| *e <= neue_meldung).max()?;
    let art =
        wiedermeldung(f.akte.kunde.rechtskreis, abmeldung, neue_meldung, f.katalog.parameter.reaktivierung.monate);
    let neu = art == Wiedermeldung::Neukunde;
    Some(Reaktivierung {
        art,
        automatisch_erledigen: if neu {
            (0..f.akte.strategien.len()).filter(|i| f.akte.strategien[*i].ergebnis.is_none()).collect()
        } else {
            Vec::new()
        },
        profiling_zuruecksetzen: neu,
    })
}

/// C2 on a stored case: after a Neukunde registration nothing of before may stay open or set.
pub fn lebenslauf_pruefen(f: &GepruefteFallakte<'_>) -> Vec<Befund> {
    let mut b = Vec::new();
    let monate = f.katalog.parameter.reaktivierung.monate;
    for paar in f.akte.meldungen.windows(2) {
        let (Some(ab), neu) = (paar[0].ende, paar[1].beginn) else { continue };
        if wiedermeldung(f.akte.kunde.rechtskreis, ab, neu, monate) != Wiedermeldung::Neukunde {
            continue;
        }
        for (i, s) in f.akte.strategien.iter().enumerate() {
            let offen_geblieben = s.gewaehlt_am < neu && s.erledigt_am.is_none_or(|e| e >= neu);
            if offen_geblieben && s.ergebnis != Some(StrategieErgebnis::AutomatischErledigt) {
                b.push(Befund::fehler(Regel::C2, format!("strategien[{i}]"), format!("Neue Meldung am {} mehr als {monate} Monate nach der Abmeldung ({}): „{}“ hätte automatisch erledigt werden müssen.", de(neu), de(ab), f.strategie_label(i))));
            }
        }
        let alte_lage = f.profiling_vor(neu).and_then(|(_, s)| s.profillage);
        let neues_profiling = f.akte.profiling.iter().any(|v| v.gespeichert_am >= neu);
        if !neues_profiling && alte_lage.is_some_and(|p| p != Profillage::N) {
            b.push(Befund::fehler(Regel::C2, "profiling", format!("Neukunde seit {}: Profiling und Profillage stehen auf der Grundeinstellung N, bis neu profiliert ist.", de(neu))));
        }
    }
    b
}
