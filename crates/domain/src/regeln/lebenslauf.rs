//! C1/C2: re-registration of a customer (Reaktivierungskunde vs. Neukunde, SGB III) and the N
//! default after more than 6 months (both Rechtskreise).

use chrono::NaiveDate;
use schemars::JsonSchema;
use serde::Serialize;

use crate::befund::Befund;
use crate::datum::{de, plus_monate};
use crate::fallakte::{GepruefteFallakte, ProfilingVersion, StrategieErgebnis};
use crate::grundtypen::{Profillage, Rechtskreis};
use crate::regel::Regel;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Wiedermeldung {
    /// C1: keeps the last profiling and Profillage (in SGB II: except the Profillage after more
    /// than 6 months, see [`Reaktivierung::profillage_zuruecksetzen`]).
    Reaktivierungskunde,
    /// C2 (SGB III): open strategies automatically erledigt, profiling and Profillage reset to N.
    Neukunde,
}

/// C2/PL2a: the new registration comes more than `monate` months after the deregistration.
pub fn nach_mehr_als(abmeldung: NaiveDate, neue_meldung: NaiveDate, monate: u32) -> bool {
    neue_meldung > plus_monate(abmeldung, monate)
}

/// C1/C2: the seed's terms "Reaktivierungskunde im SGB III" / "Neukunde im SGB III". In SGB II
/// there is no Neukunde in this sense (strategies and profiling stay); the N default after more
/// than 6 months holds there too, see [`reaktivieren`].
pub fn wiedermeldung(
    rechtskreis: Rechtskreis,
    abmeldung: NaiveDate,
    neue_meldung: NaiveDate,
    monate: u32,
) -> Wiedermeldung {
    if rechtskreis == Rechtskreis::SgbIII && nach_mehr_als(abmeldung, neue_meldung, monate) {
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
    /// Indices into `strategien` to mark `automatisch_erledigt` (C2, SGB III).
    pub automatisch_erledigen: Vec<usize>,
    /// C2 (SGB III Neukunde): the whole profiling goes back to the default — Merkmale, Stärken,
    /// Zielberuf, Standortbestimmung and Profillage (seed: "das Profiling und die Profillage werden
    /// auf die Standardeinstellung zurückgesetzt").
    pub profiling_zuruecksetzen: bool,
    /// C2/PL2a (both Rechtskreise): after more than 6 months the Profillage goes back to N (seed:
    /// "bei Reaktivierung eines Kundendatensatzes nach mehr als 6 Monaten verfügt die Profillage
    /// über die Grundeinstellung „N: Noch nicht festgelegt“"). True whenever
    /// `profiling_zuruecksetzen` is.
    pub profillage_zuruecksetzen: bool,
}

impl Reaktivierung {
    /// The profiling version to append for the reset, dated `datum` (not before `letzte`), or
    /// `None` when nothing is reset. SGB III Neukunde: an empty version (nothing assessed, not
    /// matchingfähig). Otherwise, when only the Profillage is reset (SGB II): the last version
    /// without the Profillage and what it was set from (Standortbestimmung, Z- and I-Grund), so
    /// that it is N (PL2a); the Potenzialanalyse, Stärken and Zielberuf stay.
    pub fn zurueckgesetzte_version(&self, letzte: &ProfilingVersion, datum: NaiveDate) -> Option<ProfilingVersion> {
        let gespeichert_am = datum.max(letzte.gespeichert_am);
        if self.profiling_zuruecksetzen {
            return Some(ProfilingVersion {
                gespeichert_am,
                zielberuf: None,
                zielberuf_bezeichnung: None,
                alternativberufe: Vec::new(),
                vorlaeufig: false,
                staerken: Vec::new(),
                merkmale: Vec::new(),
                verdichtung: Vec::new(),
                schwerpunkt: None,
                standortbestimmung: None,
                z_grund: None,
                i_grund: None,
                profillage: None,
            });
        }
        if !self.profillage_zuruecksetzen {
            return None;
        }
        let mut neu = letzte.clone();
        neu.gespeichert_am = gespeichert_am;
        neu.standortbestimmung = None;
        neu.z_grund = None;
        neu.i_grund = None;
        neu.profillage = None;
        Some(neu)
    }
}

pub fn reaktivieren(f: &GepruefteFallakte<'_>, neue_meldung: NaiveDate) -> Option<Reaktivierung> {
    let abmeldung = f.akte.meldungen.iter().filter_map(|m| m.ende).filter(|e| *e <= neue_meldung).max()?;
    let monate = f.katalog.parameter.reaktivierung.monate;
    let art = wiedermeldung(f.akte.kunde.rechtskreis, abmeldung, neue_meldung, monate);
    let neu = art == Wiedermeldung::Neukunde;
    Some(Reaktivierung {
        art,
        automatisch_erledigen: if neu {
            (0..f.akte.strategien.len()).filter(|i| f.akte.strategien[*i].ergebnis.is_none()).collect()
        } else {
            Vec::new()
        },
        profiling_zuruecksetzen: neu,
        profillage_zuruecksetzen: nach_mehr_als(abmeldung, neue_meldung, monate),
    })
}

/// C2 on a stored case: after a registration more than 6 months after the deregistration, the
/// Profillage (SGB III: the whole profiling) is back at the default until profiled anew, and in
/// SGB III (Neukunde) nothing of before stays open.
pub fn lebenslauf_pruefen(f: &GepruefteFallakte<'_>) -> Vec<Befund> {
    let mut b = Vec::new();
    let monate = f.katalog.parameter.reaktivierung.monate;
    let rk = f.akte.kunde.rechtskreis;
    for paar in f.akte.meldungen.windows(2) {
        let (Some(ab), neu) = (paar[0].ende, paar[1].beginn) else { continue };
        if !nach_mehr_als(ab, neu, monate) {
            continue;
        }
        let neukunde = wiedermeldung(rk, ab, neu, monate) == Wiedermeldung::Neukunde;
        if neukunde {
            for (i, s) in f.akte.strategien.iter().enumerate() {
                let offen_geblieben = s.gewaehlt_am < neu && s.erledigt_am.is_none_or(|e| e >= neu);
                if offen_geblieben && s.ergebnis != Some(StrategieErgebnis::AutomatischErledigt) {
                    b.push(Befund::fehler(Regel::C2, format!("strategien[{i}]"), format!("Neue Meldung am {} mehr als {monate} Monate nach der Abmeldung ({}): „{}“ hätte automatisch erledigt werden müssen.", de(neu), de(ab), f.strategie_label(i))));
                }
            }
        }
        let neues_profiling = f.akte.profiling.iter().any(|v| v.gespeichert_am >= neu);
        let Some((v, s)) = f.profiling_vor(neu).filter(|_| !neues_profiling) else { continue };
        let lage_gesetzt = s.profillage.is_some_and(|p| p != Profillage::N);
        let profiling_da = !v.merkmale.is_empty() || !v.staerken.is_empty() || v.zielberuf.is_some();
        if neukunde && (lage_gesetzt || profiling_da) {
            b.push(Befund::fehler(Regel::C2, "profiling", format!("Neukunde seit {}: Profiling und Profillage stehen auf der Grundeinstellung N, bis neu profiliert ist.", de(neu))));
        } else if lage_gesetzt {
            b.push(Befund::fehler(Regel::C2, "profiling", format!("Neue Meldung am {} mehr als {monate} Monate nach der Abmeldung ({}): Die Profillage steht auf der Grundeinstellung N: Noch nicht festgelegt, bis sie neu festgelegt ist.", de(neu), de(ab))));
        }
    }
    b
}
