//! P1–P9 on the current profiling: comments for "zu klären", the A hint, provisional profiling,
//! and whether the Bewerberprofil is matchingfähig.

use crate::befund::Befund;
use crate::fallakte::{GepruefteFallakte, ProfilingVersion};
use crate::grundtypen::{MerkmalStatus, Schluesselgruppe};
use crate::regel::Regel;

pub fn profiling_pruefen(f: &GepruefteFallakte<'_>) -> Vec<Befund> {
    let mut b = Vec::new();
    let Some((v, s)) = f.aktuelles_profiling() else { return b };
    let k = f.katalog;
    let i = f.akte.profiling.len() - 1;
    for (j, m) in v.merkmale.iter().enumerate() {
        if m.status == MerkmalStatus::ZuKlaeren && m.kommentar.as_deref().is_none_or(|c| c.trim().is_empty()) {
            let label = k.finde_merkmal(&m.merkmal).map_or(m.merkmal.as_str(), |r| k.merkmal(r).label.as_str());
            b.push(Befund::fehler(
                Regel::P4,
                format!("profiling[{i}].merkmale[{j}].kommentar"),
                format!("„{label}“ ist „zu klären“: Kommentar mit den eingeleiteten Aktivitäten zur Feststellung erforderlich."),
            ));
        }
    }
    for (j, vd) in v.verdichtung.iter().enumerate() {
        if vd.kommentar.trim().is_empty() {
            b.push(Befund::fehler(
                Regel::PL2,
                format!("profiling[{i}].verdichtung[{j}].kommentar"),
                "Eine markierte Verdichtung braucht einen Kommentar.",
            ));
        }
    }
    if s.mit_bedarf().any(|m| k.merkmal(m).gruppe == Schluesselgruppe::Arbeitsmarktbedingungen) {
        b.push(Befund::hinweis(Regel::P5, format!("profiling[{i}]"), "Arbeitsmarktbedingungen führen zu keiner Strategie: Rahmenbedingungen (Örtliche Mobilität, Familiäre Situation) und Motivation besonders aufmerksam analysieren und ggf. den Zielberuf neu ausrichten (BAC)."));
    }
    // A version with nothing assessed is a profiling reset to the default (C2), not yet one
    // without Zielberuf.
    if v.zielberuf.is_none() && !v.vorlaeufig && !zurueckgesetzt(v) {
        b.push(Befund::warnung(Regel::P1, format!("profiling[{i}].zielberuf"), "Kein Zielberuf: Profiling wird mit Blick auf einen Zielberuf durchgeführt – sonst als vorläufig kennzeichnen (P1a)."));
    }
    if v.vorlaeufig {
        b.push(Befund::hinweis(Regel::P1, format!("profiling[{i}]"), "Vorläufiges Profiling: möglichst zeitnah ein Folgegespräch terminieren und Zielberuf sowie Stärken- und Potenzialanalyse ergänzen; ein Stellengesuch ist bis dahin nicht zwingend."));
    }
    b
}

/// C2: a version with nothing in it (as a reset to the default leaves it): no Zielberuf, Stärke,
/// Merkmal, Verdichtung, Standortbestimmung, Z-/I-Grund or Profillage.
pub fn zurueckgesetzt(v: &ProfilingVersion) -> bool {
    v.zielberuf.is_none()
        && v.alternativberufe.is_empty()
        && v.staerken.is_empty()
        && v.merkmale.is_empty()
        && v.verdichtung.is_empty()
        && v.schwerpunkt.is_none()
        && v.standortbestimmung.is_none()
        && v.z_grund.is_none()
        && v.i_grund.is_none()
        && v.profillage.is_none()
}

/// P9: after a complete Stärken- und Potenzialanalyse the profile is matchingfähig.
/// Interpretation: Zielberuf set, at least one Stärke, every Merkmal assessed, not provisional.
pub fn matchingfaehig(v: &ProfilingVersion, status: &[Option<MerkmalStatus>]) -> bool {
    v.zielberuf.is_some() && !v.vorlaeufig && !v.staerken.is_empty() && status.iter().all(Option::is_some)
}
