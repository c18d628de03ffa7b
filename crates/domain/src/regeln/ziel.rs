//! Z1–Z7: the agreed Zieloption.

use crate::befund::Befund;
use crate::fallakte::GepruefteFallakte;
use crate::grundtypen::{Profillage, Rechtskreis};
use crate::katalog::Suchhorizont;
use crate::regel::Regel;

pub fn ziel_pruefen(f: &GepruefteFallakte<'_>, profillage: Option<Profillage>) -> Vec<Befund> {
    let mut b = Vec::new();
    let p = &f.katalog.parameter.strategie;
    // Z1: one agreed goal at a time — two on the same day leave it open which one holds.
    for (i, w) in f.akte.ziele.windows(2).enumerate() {
        if w[0].vereinbart_am == w[1].vereinbart_am {
            b.push(Befund::fehler(
                Regel::Z1,
                format!("ziele[{}]", i + 1),
                "Zwei Zieloptionen am selben Tag vereinbart: Es gilt immer genau eine Zieloption.",
            ));
        }
    }
    let Some((ziel, option)) = f.aktuelles_ziel() else {
        if profillage.is_some_and(|p| p.ist_integrationsnah() || p.ist_komplex()) {
            b.push(Befund::warnung(
                Regel::Z1,
                "ziele",
                "Profillage festgelegt, aber noch keine Zieloption vereinbart.",
            ));
        }
        return b;
    };
    let bezug = format!("ziele[{}]", f.akte.ziele.len() - 1);
    // Z2
    if let Some(rk) = option.nur_rechtskreis
        && rk != f.akte.kunde.rechtskreis
    {
        b.push(Befund::fehler(Regel::Z2, &bezug, format!("„{}“ gibt es nur im {}.", option.label, rk.label())));
    }
    // Z3
    if option.fuer_komplexe_profillagen && profillage.is_some_and(Profillage::ist_integrationsnah) {
        b.push(Befund::warnung(
            Regel::Z3,
            &bezug,
            format!(
                "„{}“ ist für ausgewählte komplexe Profillagen gedacht, die Profillage ist integrationsnah.",
                option.label
            ),
        ));
    }
    // Z4
    if profillage.is_some_and(Profillage::ist_komplex) {
        match ziel.horizont_monate {
            Some(h) if u32::from(h) > p.komplex_horizont_monate => b.push(Befund::warnung(
                Regel::Z4,
                &bezug,
                format!(
                    "Komplexe Profillage: Zieloption für höchstens {} Monate wählen, hier {h} Monate.",
                    p.komplex_horizont_monate
                ),
            )),
            None => b.push(Befund::hinweis(
                Regel::Z4,
                &bezug,
                format!(
                    "Komplexe Profillage: Zeithorizont des Ziels angeben (höchstens {} Monate).",
                    p.komplex_horizont_monate
                ),
            )),
            _ => {}
        }
    }
    // Z5
    if option.bestaetigung_erforderlich && !ziel.beendet_arbeitslosigkeit_oder_verringert_hilfebeduerftigkeit {
        let was = if f.akte.kunde.rechtskreis == Rechtskreis::SgbII {
            "die Hilfebedürftigkeit verringert"
        } else {
            "die Arbeitslosigkeit beendet"
        };
        b.push(Befund::warnung(
            Regel::Z5,
            &bezug,
            format!(
                "Mini-/Midi-Jobs und kurzfristige Beschäftigung zählen nur, wenn dadurch {was} wird – bitte bestätigen."
            ),
        ));
    }
    b
}

/// Z6: where matching looks for a goal: local, plus Germany, plus abroad.
pub fn suchhorizont_stufen(h: Suchhorizont) -> &'static [Suchhorizont] {
    match h {
        Suchhorizont::Lokal => &[Suchhorizont::Lokal],
        Suchhorizont::Ueberregional => &[Suchhorizont::Lokal, Suchhorizont::Ueberregional],
        Suchhorizont::International => &[Suchhorizont::Lokal, Suchhorizont::Ueberregional, Suchhorizont::International],
        Suchhorizont::Keiner => &[],
    }
}
