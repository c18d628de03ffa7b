//! The rule gate of a change to a case: the Fallprüfung before and after; only findings the
//! change brings decide (a problem the case already had is not the change's).
//!
//! - A finding is new only if none of the same rule, severity and reference existed before
//!   (E1 words its message differently once a draft exists).
//! - A new finding that refuses ([`Befund::verweigert`]: every `fehler` but S1) refuses the
//!   change, naming its rule ids; a new `warnung` needs an explicit confirmation; everything else
//!   is returned for display.

use crate::befund::{Befund, Schwere};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Torentscheid {
    /// The change may be written; the findings it brought (warnings confirmed, hints, S1).
    Durchgelassen(Vec<Befund>),
    /// New warnings the user has not confirmed yet.
    BestaetigungNoetig(Vec<Befund>),
    /// New findings that refuse the change.
    Verweigert(Vec<Befund>),
}

/// Decides a change from the findings before and after it.
pub fn entscheiden(vorher: &[Befund], nachher: Vec<Befund>, bestaetigt: bool) -> Torentscheid {
    let neu: Vec<Befund> = nachher.into_iter().filter(|b| !vorher.iter().any(|a| a.gleich(b))).collect();
    let verweigert: Vec<Befund> = neu.iter().filter(|b| b.verweigert()).cloned().collect();
    if !verweigert.is_empty() {
        return Torentscheid::Verweigert(verweigert);
    }
    let warnungen: Vec<Befund> = neu.iter().filter(|b| b.schwere == Schwere::Warnung).cloned().collect();
    if !warnungen.is_empty() && !bestaetigt {
        return Torentscheid::BestaetigungNoetig(warnungen);
    }
    Torentscheid::Durchgelassen(neu)
}
