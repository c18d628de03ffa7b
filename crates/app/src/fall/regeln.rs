//! The rule gate of every change: the whole Fallprüfung before and after; findings the change
//! introduces decide. A new `fehler` refuses it (rule ids named), a new `warnung` needs an explicit
//! confirmation, everything else is returned for display.
//!
//! - A finding is new only if none of the same rule, severity and reference existed before: a
//!   problem the case already had is not the change's (E1 words its message differently once a
//!   draft exists).
//! - S1 (a Handlungsbedarf without strategy) is reported, never refused: strategies follow the
//!   profiling, so saving a profiling or closing a strategy leaves a need open until the VFK
//!   chooses the next one. It stays visible in every Fallprüfung.

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use vierphasen_domain::fallakte::{GepruefteFallakte, pruefen_und_aufloesen};
use vierphasen_domain::{Befund, Fallakte, Katalog, Schwere, pruefen};

use crate::AppFehler;

/// What a successful change answers: the id of what was written and the findings the change
/// brought (warnings confirmed, hints).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Aenderung {
    pub id: i64,
    pub befunde: Vec<Befund>,
}

/// Resolves the case against the catalogue; an input error names the field relative to the
/// entry being changed (`profiling[3].zielberuf` → `zielberuf`).
pub(crate) fn aufloesen<'k>(
    akte: Fallakte,
    katalog: &'k Katalog,
    praefix: &str,
) -> Result<GepruefteFallakte<'k>, AppFehler> {
    pruefen_und_aufloesen(akte, katalog).map_err(|e| {
        let feld = e.feld.strip_prefix(praefix).map_or(e.feld.clone(), str::to_string);
        AppFehler::Ungueltig { feld, meldung: e.meldung }
    })
}

/// Checks `nachher` against `vorher`; returns the new findings that do not block.
pub(crate) fn regeln_anwenden(
    katalog: &Katalog,
    vorher: &Fallakte,
    nachher: &Fallakte,
    heute: NaiveDate,
    bestaetigt: bool,
    praefix: &str,
) -> Result<Vec<Befund>, AppFehler> {
    let alt: Vec<Befund> =
        pruefen_und_aufloesen(vorher.clone(), katalog).map(|f| pruefen(&f, heute).befunde).unwrap_or_default();
    let neu: Vec<Befund> = pruefen(&aufloesen(nachher.clone(), katalog, praefix)?, heute)
        .befunde
        .into_iter()
        .filter(|b| !alt.iter().any(|a| a.regel == b.regel && a.schwere == b.schwere && a.bezug == b.bezug))
        .collect();
    let blockiert = |b: &Befund| b.schwere == Schwere::Fehler && b.regel != "S1";
    let fehler: Vec<Befund> = neu.iter().filter(|b| blockiert(b)).cloned().collect();
    if !fehler.is_empty() {
        return Err(AppFehler::Regelverstoss(fehler));
    }
    let warnungen: Vec<Befund> = neu.iter().filter(|b| b.schwere == Schwere::Warnung).cloned().collect();
    if !warnungen.is_empty() && !bestaetigt {
        return Err(AppFehler::BestaetigungNoetig(warnungen));
    }
    Ok(neu)
}
