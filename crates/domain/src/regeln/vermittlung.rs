//! S12 (with F3): placement has priority over carrying out strategies.

use chrono::NaiveDate;

use crate::befund::Befund;
use crate::datum::de;
use crate::fallakte::GepruefteFallakte;
use crate::katalog::Suchhorizont;
use crate::regel::Regel;
use crate::regeln::profiling::matchingfaehig;

/// The übergreifende strategy "Vermittlung".
const VERMITTLUNG: &str = "vermittlung";

/// S12: "… dass bestehende Möglichkeiten einer situationsangemessenen, passgenauen Vermittlung
/// Vorrang vor der Durchführung einer Handlungsstrategie … haben", and F3: search runs "richten
/// sich insbesondere an Kundinnen und Kunden, bei denen die übergreifende Strategie „Vermittlung“
/// vereinbart wurde".
/// **Interpretation:** a registered customer with a matchingfähig profile (P9), a goal with job
/// search (Z6) and an open "Vermittlung" whose window has begun, who has had no
/// Vermittlungsvorschlag for `matching.vermittlung_ohne_vorschlag_tage` days (counted from the
/// later of the window's start and the last proposal), gets a `hinweis`: no fitting posting may
/// exist, so it only asks to check.
pub fn vermittlung_pruefen(f: &GepruefteFallakte<'_>, stichtag: NaiveDate) -> Vec<Befund> {
    let gemeldet = f.akte.meldungen.last().is_some_and(|m| m.ende.is_none_or(|e| e > stichtag));
    let profil = f.aktuelles_profiling().is_some_and(|(v, s)| matchingfaehig(v, &s.status));
    let suche = f.aktuelles_ziel().is_none_or(|(_, o)| o.suchhorizont != Suchhorizont::Keiner);
    if !gemeldet || !profil || !suche {
        return Vec::new();
    }
    let Some((i, beginn)) = (0..f.akte.strategien.len())
        .filter(|i| f.akte.strategien[*i].ergebnis.is_none())
        .filter(|i| f.nationale_strategie(*i).is_some_and(|s| s.id == VERMITTLUNG))
        .filter_map(|i| f.akte.strategien[i].beginn.filter(|b| *b <= stichtag).map(|b| (i, b)))
        .min_by_key(|(_, b)| *b)
    else {
        return Vec::new();
    };
    let letzter = f.akte.vermittlungsvorschlaege.iter().map(|v| v.datum).filter(|d| *d <= stichtag).max();
    let seit = letzter.map_or(beginn, |l| l.max(beginn));
    let tage = f.katalog.parameter.matching.vermittlung_ohne_vorschlag_tage;
    if (stichtag - seit).num_days() <= i64::from(tage) {
        return Vec::new();
    }
    let bisher = match letzter {
        Some(l) => format!("Der letzte Vermittlungsvorschlag ist vom {}", de(l)),
        None => {
            format!("Seit Beginn der Strategie „Vermittlung“ am {} gab es keinen Vermittlungsvorschlag", de(beginn))
        }
    };
    vec![Befund::hinweis(
        Regel::S12,
        format!("strategien[{i}]"),
        format!(
            "{bisher}. Vermittlung hat Vorrang: mit Suchläufen prüfen, ob passgenaue Stellen für einen Vermittlungsvorschlag vorliegen."
        ),
    )]
}
