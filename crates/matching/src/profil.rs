//! §8.4: the Bewerberprofil derived from a case's current profiling (P1, P2, P9), goal (Z6) and
//! the facts the case file does not hold (address, working time, availability).

use chrono::NaiveDate;
use vierphasen_domain::MerkmalStatus;
use vierphasen_domain::fallakte::GepruefteFallakte;
use vierphasen_domain::katalog::{KldbCode, Suchhorizont};
use vierphasen_domain::regeln::profiling::matchingfaehig;

use crate::stammdaten::Faehigkeiten;
use crate::typen::{Arbeitszeit, Bewerberprofil, Ort, Tag, Umkreis};

/// What matching needs beyond the Fallakte (from the customer's master data).
#[derive(Debug, Clone, PartialEq)]
pub struct Zusatzangaben {
    pub id: u64,
    /// The PLZ centroid of the customer's address ([`crate::PlzTabelle::ort`]).
    pub ort: Ort,
    pub arbeitszeit: Arbeitszeit,
    pub verfuegbar_ab: NaiveDate,
    /// A commuting radius the customer stated; overrides the Tagespendelbereich for a local goal.
    pub umkreis_km: Option<u16>,
}

/// The Merkmal "Örtliche Mobilität" (P3, Rahmenbedingungen).
const MERKMAL_MOBILITAET: &str = "oertliche_mobilitaet";

/// **Interpretation** (Z6 with Örtliche Mobilität): a Handlungsbedarf in Örtliche Mobilität
/// halves the local radius (the daily commuting area the customer can actually reach).
pub const MOBILITAET_EINGESCHRAENKT_ANTEIL_PROZENT: u16 = 50;

/// The Bewerberprofil of a case, or `None` when it takes no part in matching: not
/// matchingfähig (P9), no Zielberuf, or a goal without job search (Selbstständigkeit, school,
/// beyond the 1. Arbeitsmarkt). Without an agreed goal the local horizon applies.
///
/// Skills are the Stärken (P2) and what they cover by the vocabulary ([`Faehigkeiten::bestand`]). Profiles whose open
/// Handlungsbedarfe stand against applications (F2 step 3) are marked, not left out (S12).
pub fn bewerberprofil_aus(
    f: &GepruefteFallakte<'_>,
    angaben: &Zusatzangaben,
    faehigkeiten: &Faehigkeiten,
) -> Option<Bewerberprofil> {
    let (v, stand) = f.aktuelles_profiling()?;
    // P9
    if !matchingfaehig(v, &stand.status) {
        return None;
    }
    let zielberuf = stand.zielberuf.or_else(|| v.zielberuf.as_deref().and_then(KldbCode::parse))?;
    let mut alternativberufe: Vec<KldbCode> = Vec::new();
    for a in v.alternativberufe.iter().filter_map(|a| KldbCode::parse(a)) {
        if a != zielberuf && !alternativberufe.contains(&a) {
            alternativberufe.push(a);
        }
    }
    let katalog = f.katalog;
    // Z6: the radius follows the goal.
    let horizont = f.aktuelles_ziel().map_or(Suchhorizont::Lokal, |(_, o)| o.suchhorizont);
    let tpb = u16::try_from(katalog.parameter.matching.tagespendelbereich_km).unwrap_or(u16::MAX);
    let mobilitaet_bedarf = katalog
        .finde_merkmal(MERKMAL_MOBILITAET)
        .is_some_and(|m| stand.status(m) == Some(MerkmalStatus::Handlungsbedarf));
    let umkreis = match horizont {
        Suchhorizont::Keiner => return None,
        Suchhorizont::Lokal => {
            let km = angaben.umkreis_km.unwrap_or(tpb);
            Umkreis::Km(if mobilitaet_bedarf { km * MOBILITAET_EINGESCHRAENKT_ANTEIL_PROZENT / 100 } else { km })
        }
        Suchhorizont::Ueberregional => Umkreis::Inland,
        Suchhorizont::International => Umkreis::InlandUndAusland,
    };
    let mut ids: Vec<_> =
        v.staerken.iter().flat_map(|s| faehigkeiten.bestand(&katalog.kenntnisse, &s.bezeichnung, s.niveau)).collect();
    ids.sort_unstable();
    ids.dedup();
    // F2 step 3: the latest Folgegespräch recorded Merkmale that stand against applications;
    // the mark holds while one of them still has a Handlungsbedarf.
    let bewerbung_entgegen = f
        .akte
        .gespraeche
        .iter()
        .rev()
        .find_map(|g| g.folgegespraech.as_ref().and_then(|fg| fg.schritt3.as_ref()))
        .is_some_and(|s3| {
            s3.entfaellt_wegen.iter().any(|m| {
                katalog.finde_merkmal(m).is_some_and(|r| stand.status(r) == Some(MerkmalStatus::Handlungsbedarf))
            })
        });
    Some(Bewerberprofil {
        id: angaben.id,
        zielberuf,
        alternativberufe,
        faehigkeiten: ids,
        arbeitszeit: angaben.arbeitszeit,
        verfuegbar_ab: Tag::aus_datum(angaben.verfuegbar_ab),
        ort: angaben.ort,
        umkreis,
        bewerbung_entgegen,
    })
}
