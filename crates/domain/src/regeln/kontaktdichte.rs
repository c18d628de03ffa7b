//! K1: the next Folgegespräch per Kontaktdichtekonzept; P1a: soon after a provisional profiling.

use chrono::NaiveDate;

use super::frist::Frist;
use crate::Katalog;
use crate::befund::Befund;
use crate::datum::{de, plus_tage};
use crate::fallakte::{Dienststelle, GepruefteFallakte};
use crate::grundtypen::Profillage;
use crate::kalender::arbeitstag_bis;
use crate::regel::Regel;

/// K1 for a Profillage and customer group: the Dienststelle's value for the group (under 25),
/// else its value for all, else the catalogue's value for the group.
pub fn tage_fuer(dienststelle: &Dienststelle, katalog: &Katalog, profillage: Profillage, unter_25: bool) -> u32 {
    let lokal = |tabelle: &std::collections::BTreeMap<String, u32>| {
        tabelle.iter().find(|(k, _)| katalog.finde_profillage(k) == Some(profillage)).map(|(_, t)| *t)
    };
    let gruppe = if unter_25 { lokal(&dienststelle.kontaktdichte_tage_unter_25) } else { None };
    gruppe
        .or_else(|| lokal(&dienststelle.kontaktdichte_tage))
        .unwrap_or_else(|| katalog.kontaktdichte.tage(profillage, unter_25))
}

/// Days until the next Folgegespräch for this case ([`tage_fuer`] its group; P1a: sooner after a
/// provisional profiling).
pub fn intervall_tage(f: &GepruefteFallakte<'_>, profillage: Profillage, stichtag: NaiveDate) -> u32 {
    let mut tage = tage_fuer(&f.akte.dienststelle, f.katalog, profillage, f.alter_am(stichtag) < 25);
    if f.akte.profiling.last().is_some_and(|p| p.vorlaeufig) {
        tage = tage.min(f.katalog.parameter.profiling.vorlaeufig_folgegespraech_tage);
    }
    tage.max(1)
}

/// The proposed date of the next Folgegespräch after a conversation on `letztes`: the end of the
/// interval, or the Dienststelle's last working day before it (a closer contact is always
/// allowed, a later one not).
pub fn naechster_termin(f: &GepruefteFallakte<'_>, profillage: Profillage, letztes: NaiveDate) -> NaiveDate {
    arbeitstag_bis(plus_tage(letztes, intervall_tage(f, profillage, letztes)), f.akte.dienststelle.bundesland)
}

/// K1: the due Folgegespräch, and whether agreed appointments respect the concept.
pub fn folgegespraech_frist(
    f: &GepruefteFallakte<'_>,
    profillage: Profillage,
    stichtag: NaiveDate,
) -> (Option<Frist>, Vec<Befund>) {
    let mut b = Vec::new();
    let Some((i, letztes)) =
        f.akte.gespraeche.iter().enumerate().filter(|(_, g)| g.datum <= stichtag).max_by_key(|(_, g)| g.datum)
    else {
        return (None, b);
    };
    let intervall = intervall_tage(f, profillage, letztes.datum);
    let vorschlag = naechster_termin(f, profillage, letztes.datum);
    let vereinbart = letztes
        .folgegespraech
        .as_ref()
        .and_then(|fg| fg.schritt4.as_ref())
        .and_then(|s| s.naechster_termin)
        .or(letztes.naechster_termin);
    if let Some(t) = vereinbart
        && t > vorschlag
    {
        b.push(Befund::warnung(
                Regel::K1,
                format!("gespraeche[{i}]"),
                format!("Vereinbarter Termin {} liegt nach dem Kontaktdichtekonzept ({} Tage bei {}: spätestens {}). Engere Taktung ist immer möglich, weitere nicht.", de(t), intervall, profillage.label(), de(vorschlag)),
            ));
    }
    let datum = vereinbart.map_or(vorschlag, |t| t.min(vorschlag));
    let spaeter = f.akte.gespraeche.iter().any(|g| g.datum > letztes.datum && g.datum <= stichtag);
    let status = Frist::status(stichtag, datum, datum, spaeter);
    if status == super::frist::FristStatus::Ueberfaellig {
        b.push(Befund::warnung(
            Regel::K1,
            "gespraeche",
            format!("Folgegespräch war am {} fällig (Kontaktdichtekonzept, {}).", de(datum), profillage.label()),
        ));
    }
    (
        Some(Frist {
            regel: Regel::K1,
            art: "folgegespraech",
            bezeichnung: format!(
                "Nächstes Folgegespräch ({} Tage nach dem {} bei {})",
                intervall,
                letztes.art.label(),
                profillage.label()
            ),
            datum,
            spaetestens: datum,
            status,
            bezug: format!("gespraeche[{i}]"),
        }),
        b,
    )
}
