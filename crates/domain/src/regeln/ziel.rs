//! Z1–Z7: the agreed Zieloption.

use chrono::NaiveDate;

use crate::befund::{Befund, Schwere};
use crate::datum::{de, plus_tage};
use crate::fallakte::{GepruefteFallakte, Gespraechsart};
use crate::grundtypen::{Profillage, Rechtskreis};
use crate::katalog::Suchhorizont;
use crate::regel::Regel;

/// Z2: the Zielgruppe (catalogue id) of "Stabilisierung bestehender Beschäftigung/Selbständigkeit",
/// the options for customers who work.
pub const ZIELGRUPPE_STABILISIERUNG: &str = "stabilisierung";

/// Z2: the customer works — recorded in `kunde.erwerbstaetigkeit`, or shown by a current profiling
/// with an I-Grund (PL4: "erwerbstätig … bzw. selbständig tätig").
pub fn erwerbstaetig(f: &GepruefteFallakte<'_>) -> bool {
    f.akte.kunde.erwerbstaetigkeit.is_some() || f.aktuelles_profiling().is_some_and(|(_, s)| s.i_grund.is_some())
}

/// Z1/P8: the date by which the Zweitgespräch is due, while it is pending on `stichtag`: an
/// Erstgespräch is recorded (the latest on or before `stichtag`), no Zweitgespräch or
/// Folgegespräch has been held since, and its date has not passed — the next appointment agreed
/// in the Erstgespräch, else the P8 period (`n_zweitgespraech_tage`) after it.
pub fn zweitgespraech_aussteht(f: &GepruefteFallakte<'_>, stichtag: NaiveDate) -> Option<NaiveDate> {
    let erst = f
        .akte
        .gespraeche
        .iter()
        .filter(|g| matches!(g.art, Gespraechsart::Erstgespraech | Gespraechsart::ErstgespraechSgb2))
        .filter(|g| g.datum <= stichtag)
        .max_by_key(|g| g.datum)?;
    let gehalten = f.akte.gespraeche.iter().any(|g| {
        matches!(g.art, Gespraechsart::Zweitgespraech | Gespraechsart::Folgegespraech)
            && g.datum >= erst.datum
            && g.datum <= stichtag
    });
    let bis = erst
        .naechster_termin
        .unwrap_or_else(|| plus_tage(erst.datum, f.katalog.parameter.profiling.n_zweitgespraech_tage));
    (!gehalten && stichtag <= bis).then_some(bis)
}

pub fn ziel_pruefen(f: &GepruefteFallakte<'_>, profillage: Option<Profillage>, stichtag: NaiveDate) -> Vec<Befund> {
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
        // Z1/P8: a complex profile may agree its goal in the Zweitgespräch (seed 2.1.2: "bei
        // komplexen Profillagen ggf. im Zweitgespräch"); until then no warning.
        let zweitgespraech = zweitgespraech_aussteht(f, stichtag);
        match (profillage, zweitgespraech) {
            (Some(p), Some(bis)) if p.ist_komplex() => b.push(Befund::hinweis(
                Regel::Z1,
                "ziele",
                format!(
                    "Noch keine Zieloption vereinbart: Bei komplexen Profillagen kann das Ziel im Zweitgespräch (bis {}) vereinbart werden.",
                    de(bis)
                ),
            )),
            (Some(p), _) if p.ist_integrationsnah() || p.ist_komplex() => b.push(Befund::schritt_oder(
                f.in_arbeit_am(stichtag),
                Schwere::Warnung,
                Regel::Z1,
                "ziele",
                "Profillage festgelegt, aber noch keine Zieloption vereinbart.",
            )),
            _ => {}
        }
        return b;
    };
    let bezug = format!("ziele[{}]", f.akte.ziele.len() - 1);
    // Z2: only in SGB II, and only for customers who are employed or self-employed.
    if let Some(rk) = option.nur_rechtskreis
        && rk != f.akte.kunde.rechtskreis
    {
        b.push(Befund::fehler(Regel::Z2, &bezug, format!("„{}“ gibt es nur im {}.", option.label, rk.label())));
    } else if option.gruppe == ZIELGRUPPE_STABILISIERUNG && !erwerbstaetig(f) {
        b.push(Befund::fehler(
            Regel::Z2,
            &bezug,
            format!(
                "„{}“ gilt für leistungsberechtigte Beschäftigte und Selbständige; die Kundin bzw. der Kunde ist nicht als beschäftigt oder selbständig erfasst.",
                option.label
            ),
        ));
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

/// Z6: the search horizon as the VFK reads it.
pub fn suchhorizont_text(h: Suchhorizont) -> &'static str {
    match h {
        Suchhorizont::Lokal => "Suchhorizont: Tagespendelbereich (TPB)",
        Suchhorizont::Ueberregional => "Suchhorizont: bundesweit, weiterhin auch lokale Integrationschancen (Z6)",
        Suchhorizont::International => {
            "Suchhorizont: bundesweit und Ausland, weiterhin auch lokale und überregionale Integrationschancen (Z6)"
        }
        Suchhorizont::Keiner => "ohne Stellensuche im Matching",
    }
}
