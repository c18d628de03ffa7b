//! The rule gate every change to a case passes when it is committed (`Schreibvorgang::abschliessen`):
//! the Fallprüfung of the case as loaded and as changed, once each; what the change brings is
//! decided by the domain (`vierphasen_domain::tor`).

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use vierphasen_domain::fallakte::{GepruefteFallakte, pruefen_und_aufloesen};
use vierphasen_domain::{Befund, Fallakte, Katalog, Torentscheid, entscheiden, pruefen};

use crate::AppFehler;

/// What a successful change answers: the id of what was written and the findings the change
/// brought (warnings confirmed, hints).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Aenderung {
    pub id: i64,
    pub befunde: Vec<Befund>,
}

/// How the gate treats a change.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tor {
    bestaetigt: bool,
    /// A fact that takes effect whatever it causes (a revocation, a registration): the gate
    /// runs and reports, it refuses nothing.
    nur_melden: bool,
    /// Input errors name the field relative to the changed entry (`profiling[3].`).
    praefix: String,
}

impl Tor {
    /// New refusing findings refuse the change; new warnings need `bestaetigt`.
    pub fn pruefen(bestaetigt: bool) -> Tor {
        Tor { bestaetigt, ..Tor::default() }
    }

    /// The change takes effect; its findings are returned for display.
    pub fn melden() -> Tor {
        Tor { nur_melden: true, ..Tor::default() }
    }

    /// Input errors of the entry at `praefix` (e.g. `strategien[2].`) name its field only.
    pub fn fuer(mut self, praefix: String) -> Tor {
        self.praefix = praefix;
        self
    }
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

/// The gate over `vorher` → `nachher` (both taken, `nachher` handed back unchanged).
pub(crate) fn tor_pruefen(
    katalog: &Katalog,
    vorher: Fallakte,
    nachher: Fallakte,
    heute: NaiveDate,
    tor: &Tor,
) -> Result<(Fallakte, Vec<Befund>), AppFehler> {
    // A case that was unreadable before has no findings the change could keep.
    let alt: Vec<Befund> =
        pruefen_und_aufloesen(vorher, katalog).map(|f| pruefen(&f, heute).befunde).unwrap_or_default();
    let geprueft = aufloesen(nachher, katalog, &tor.praefix)?;
    let neu = pruefen(&geprueft, heute).befunde;
    let akte = geprueft.akte;
    match entscheiden(&alt, neu, tor.bestaetigt) {
        Torentscheid::Durchgelassen(b) => Ok((akte, b)),
        Torentscheid::Verweigert(b) | Torentscheid::BestaetigungNoetig(b) if tor.nur_melden => Ok((akte, b)),
        Torentscheid::Verweigert(b) => Err(AppFehler::Regelverstoss(b)),
        Torentscheid::BestaetigungNoetig(b) => Err(AppFehler::BestaetigungNoetig(b)),
    }
}
