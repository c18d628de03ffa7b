//! S1–S10, S13: checking the strategy plan.

use chrono::NaiveDate;

use super::frist::{Frist, FristStatus};
use crate::befund::{Befund, Schwere};
use crate::datum::{de, minus_monate, plus_monate, plus_tage};
use crate::fallakte::{GepruefteFallakte, StrategieErgebnis};
use crate::grundtypen::{Gruppen, MerkmalStatus, Profillage, Schluesselgruppe};
use crate::regel::Regel;

/// S2: the strategy a qualification requiring it must be followed by.
pub const ABSOLVENTENMANAGEMENT: &str = "absolventenmanagement";

fn bezug(i: usize) -> String {
    format!("strategien[{i}]")
}

/// Checks the plan against the current profiling and the effective Profillage.
pub fn plan_pruefen(f: &GepruefteFallakte<'_>, profillage: Option<Profillage>, stichtag: NaiveDate) -> Vec<Befund> {
    let mut b = Vec::new();
    let k = f.katalog;
    let kunde = &f.akte.kunde;
    let stand = f.profiling.last();
    let status = |m| stand.and_then(|s| s.status(m));
    let g: Gruppen = stand
        .map(|s| {
            s.mit_bedarf()
                .map(|m| k.merkmal(m).gruppe)
                .filter(|g| *g != Schluesselgruppe::Arbeitsmarktbedingungen)
                .collect()
        })
        .unwrap_or_default();
    let offen: Vec<usize> = (0..f.akte.strategien.len()).filter(|i| f.akte.strategien[*i].ergebnis.is_none()).collect();
    let national = |i: usize| f.nationale_strategie(i);

    // S1: every Merkmal in need is covered by an open strategy of its row (or a local one).
    if let Some(s) = stand {
        for m in s.mit_bedarf() {
            let merkmal = k.merkmal(m);
            if merkmal.gruppe == Schluesselgruppe::Arbeitsmarktbedingungen {
                continue; // P5: no strategy
            }
            if offen.iter().any(|i| f.strategien[*i].merkmale.contains(&m)) {
                continue;
            }
            let zeile: Vec<&str> =
                k.strategien.iter().filter(|x| x.merkmale.contains(&merkmal.id)).map(|x| x.label.as_str()).collect();
            let nur_erledigt = f.strategien.iter().any(|x| x.merkmale.contains(&m));
            let zusatz = if nur_erledigt {
                " Die bisherigen Strategien dazu sind erledigt – neue Strategie nach erneuter Standortbestimmung (S9)."
            } else {
                ""
            };
            b.push(Befund::schritt_oder(
                f.in_arbeit_am(stichtag),
                Schwere::Fehler,
                Regel::S1,
                format!("profiling.merkmale.{}", merkmal.id),
                format!(
                    "Handlungsbedarf „{}“ ohne Handlungsstrategie. Zur Wahl: {}.{zusatz}",
                    merkmal.label,
                    zeile.join(" · ")
                ),
            ));
        }
    }

    // S7: every chosen strategy has a Zeitfenster (start and planned end).
    for (i, w) in f.akte.strategien.iter().enumerate() {
        let fehlt = match (w.beginn, w.ende) {
            (None, None) => "Beginn und Ende",
            (None, Some(_)) => "Beginn",
            (Some(_), None) => "Ende",
            (Some(_), Some(_)) => continue,
        };
        b.push(Befund::fehler(
            Regel::S7,
            bezug(i),
            format!(
                "„{}“ hat kein vollständiges Zeitfenster ({fehlt} fehlt): Jede Handlungsstrategie ist mit einem Zeitfenster der Umsetzung zu versehen.",
                f.strategie_label(i)
            ),
        ));
    }

    for &i in &offen {
        let w = &f.akte.strategien[i];
        let geprueft = &f.strategien[i];
        let label = f.strategie_label(i);
        let st = national(i);

        // S5 Rechtskreis, S6 Segment.
        if let Some(rk) = st.and_then(|s| s.nur_rechtskreis)
            && rk != kunde.rechtskreis
        {
            b.push(Befund::fehler(
                Regel::S5,
                bezug(i),
                format!(
                    "„{label}“ gibt es nur im {}, die Kundin bzw. der Kunde ist im {}.",
                    rk.label(),
                    kunde.rechtskreis.label()
                ),
            ));
        }
        if let Some(seg) = st.and_then(|s| s.nur_segmente.as_ref())
            && !seg.contains(&kunde.segment)
        {
            b.push(Befund::fehler(
                Regel::S6,
                bezug(i),
                format!("„{label}“ nur für Kundinnen und Kunden der Ausbildungsvermittlung und/oder Reha."),
            ));
        }

        // S3 / S4 / S1a: strategy fits the Profillage and the needs.
        // A running Absolventenmanagement keeps the Förderprofil after the measure (PL2), so it is
        // neither refused by S3/S4 nor bound to a need that the measure has resolved (S1a).
        let am_laeuft = super::profillage::absolventenmanagement_laeuft(f, i, stichtag);
        let mut gruppe_passt = true;
        if let Some(gr) = geprueft.gruppe.filter(|_| !am_laeuft) {
            match profillage {
                Some(Profillage::Markt) => {
                    gruppe_passt = false;
                    b.push(Befund::fehler(
                        Regel::S3,
                        bezug(i),
                        format!(
                            "Marktprofil: nur übergreifende Strategien wählbar, „{label}“ gehört zu {}.",
                            gr.label()
                        ),
                    ));
                }
                Some(Profillage::Aktivierung | Profillage::Foerder) if !g.enthaelt(gr) => {
                    gruppe_passt = false;
                    b.push(Befund::fehler(Regel::S4, bezug(i), format!("{}: nur Strategien der Schlüsselgruppen mit Handlungsbedarf; „{label}“ gehört zu {} ohne Handlungsbedarf.", profillage.map_or("", Profillage::label), gr.label())));
                }
                _ => {}
            }
            let bedarf = geprueft
                .merkmale
                .iter()
                .any(|m| matches!(status(*m), Some(MerkmalStatus::Handlungsbedarf | MerkmalStatus::ZuKlaeren)));
            if gruppe_passt && !bedarf {
                let namen: Vec<&str> = geprueft.merkmale.iter().map(|m| k.merkmal(*m).label.as_str()).collect();
                b.push(Befund::warnung(Regel::S1a, bezug(i), format!("„{label}“ ist an „{}“ gebunden, dort ist kein Handlungsbedarf festgestellt. Der individuelle Bedarf entscheidet über Art und Zahl der Strategien.", namen.join(", "))));
            }
        }

        // S2: Qualifizierung requires a scheduled Absolventenmanagement after its end.
        if st.is_some_and(|s| s.erfordert_absolventenmanagement) {
            let am: Vec<usize> = (0..f.akte.strategien.len())
                .filter(|j| national(*j).is_some_and(|s| s.id == ABSOLVENTENMANAGEMENT))
                .collect();
            if am.is_empty() {
                b.push(Befund::fehler(
                    Regel::S2,
                    bezug(i),
                    format!("Zu „{label}“ muss auch „Absolventenmanagement“ gewählt und terminiert werden."),
                ));
            } else if let Some(ende) = w.ende
                && !am.iter().any(|j| f.akte.strategien[*j].beginn.is_some_and(|b| b >= ende))
            {
                // Without an end of the qualification (S7) the order cannot be checked.
                b.push(Befund::fehler(
                    Regel::S2,
                    bezug(i),
                    format!(
                        "„Absolventenmanagement“ muss frühestens mit dem Ende von „{label}“ ({}) beginnen.",
                        de(ende)
                    ),
                ));
            }
        }

        // S7: two-year horizon for complex profiles; shorter with instruments.
        if profillage.is_some_and(Profillage::ist_komplex)
            && let Some((beginn, ende)) = w.zeitfenster()
        {
            let p = &k.parameter.strategie;
            if ende > plus_monate(w.gewaehlt_am, p.komplex_horizont_monate) {
                b.push(Befund::warnung(Regel::S7, bezug(i), format!("Komplexe Profillage: Der Umsetzungsfahrplan ist auf höchstens {} Monate auszurichten; „{label}“ endet am {}.", p.komplex_horizont_monate, de(ende))));
            } else if !w.produkte.is_empty() && ende > plus_monate(beginn, p.instrument_horizont_monate) {
                b.push(Befund::hinweis(Regel::S7, bezug(i), format!("Mit arbeitsmarktpolitischen Instrumenten empfiehlt sich ein kürzerer Zeitraum (bis {} Monate), um den Maßnahmeerfolg zu beobachten.", p.instrument_horizont_monate)));
            }
        }

        // S8: open beyond its window.
        if let Some(ende) = w.ende
            && ende < stichtag
        {
            b.push(Befund::warnung(Regel::S8, bezug(i), format!("„{label}“ ist seit {} über das Zeitfenster hinaus offen: als erledigt kennzeichnen oder Zeitfenster anpassen.", de(ende))));
        }
    }

    // S8: after a strategy ends, review the profiling.
    for (i, w) in f.akte.strategien.iter().enumerate() {
        if let (Some(e), Some(erg)) = (w.erledigt_am, w.ergebnis)
            && erg != StrategieErgebnis::AutomatischErledigt
            && !f.akte.profiling.iter().any(|p| p.gespeichert_am >= e)
        {
            b.push(Befund::hinweis(
                Regel::S8,
                bezug(i),
                format!(
                    "„{}“ ist {} erledigt ({}): Auswirkungen auf Merkmale und Profillage im Profiling prüfen.",
                    f.strategie_label(i),
                    de(e),
                    erg.label()
                ),
            ));
        }
    }

    b.extend(neuauswahl_pruefen(f));
    b.extend(reihenfolge_pruefen(f, &offen));
    b
}

/// When a strategy ended (erledigt, or its window passed).
fn beendet_am(f: &GepruefteFallakte<'_>, j: usize, bis: NaiveDate) -> Option<NaiveDate> {
    let w = &f.akte.strategien[j];
    match w.erledigt_am {
        Some(e) => Some(e),
        None => w.ende.filter(|e| *e < bis),
    }
}

/// S9: "Nach Ablauf oder Abbruch einer Handlungsstrategie kann eine neue Handlungsstrategie nur
/// nach einer erneuten Standortbestimmung … ausgewählt werden": any new strategy (whatever its
/// Merkmal, übergreifende included) chosen on or after the end of any other one needs a
/// Standortbestimmung dated between that end and the choice.
/// Interpretation: every ending counts. Ablauf = the strategy ran its course (erfolgreich or
/// nicht erfolgreich umgesetzt, or its window passed while open); Abbruch = storniert, or closed
/// automatically (C2, which resets the profiling anyway).
fn neuauswahl_pruefen(f: &GepruefteFallakte<'_>) -> Vec<Befund> {
    let mut b = Vec::new();
    let standorte: Vec<NaiveDate> =
        f.akte.profiling.iter().filter_map(|p| p.standortbestimmung.as_ref().map(|s| s.datum)).collect();
    for (i, neu) in f.akte.strategien.iter().enumerate() {
        for (j, alt) in f.akte.strategien.iter().enumerate() {
            if i == j || alt.gewaehlt_am > neu.gewaehlt_am {
                continue;
            }
            let Some(ende) = beendet_am(f, j, neu.gewaehlt_am) else { continue };
            if ende > neu.gewaehlt_am {
                continue;
            }
            if !standorte.iter().any(|d| *d >= ende && *d <= neu.gewaehlt_am) {
                b.push(Befund::fehler(
                    Regel::S9,
                    bezug(i),
                    format!(
                        "„{}“ wurde am {} gewählt, nachdem „{}“ am {} endete: Eine neue Strategie ist erst nach einer erneuten Standortbestimmung möglich.",
                        f.strategie_label(i),
                        de(neu.gewaehlt_am),
                        f.strategie_label(j),
                        de(ende)
                    ),
                ));
                break;
            }
        }
    }
    b
}

/// S10: recommended order R → L → M → Q; a deviation is only a hint.
fn reihenfolge_pruefen(f: &GepruefteFallakte<'_>, offen: &[usize]) -> Vec<Befund> {
    let mut mit_gruppe: Vec<(usize, Schluesselgruppe)> =
        offen.iter().filter_map(|i| f.strategien[*i].gruppe.map(|g| (*i, g))).collect();
    if mit_gruppe.len() < 2 {
        return Vec::new();
    }
    let alle_nummeriert = mit_gruppe.iter().all(|(i, _)| f.akte.strategien[*i].reihenfolge.is_some());
    mit_gruppe.sort_by_key(|(i, _)| {
        let w = &f.akte.strategien[*i];
        if alle_nummeriert { (w.reihenfolge.unwrap_or(u8::MAX), w.beginn) } else { (0, w.beginn) }
    });
    let raenge: Vec<u8> = mit_gruppe.iter().map(|(_, g)| g.empfohlener_rang()).collect();
    if raenge.windows(2).all(|w| w[0] <= w[1]) {
        return Vec::new();
    }
    let gewaehlt: Vec<&str> = mit_gruppe.iter().map(|(_, g)| g.label()).collect();
    vec![Befund::hinweis(
        Regel::S10,
        "strategien",
        format!(
            "Empfohlene Reihenfolge: Rahmenbedingungen vor Leistungsfähigkeit vor Motivation vor Qualifikation. Gewählt: {}. Abweichen ist möglich (z. B. Motivation zuerst).",
            gewaehlt.join(" → ")
        ),
    )]
}

/// S13: conversations before (≈ 3 months) and right after the end of qualifying measures.
pub fn massnahme_gespraeche(f: &GepruefteFallakte<'_>, stichtag: NaiveDate) -> (Vec<Frist>, Vec<Befund>) {
    let p = &f.katalog.parameter.strategie;
    let kontakte: Vec<NaiveDate> =
        f.akte.gespraeche.iter().map(|g| g.datum).chain(f.akte.vermerke.iter().map(|v| v.datum)).collect();
    let mut fristen = Vec::new();
    let mut befunde = Vec::new();
    for (i, w) in f.akte.strategien.iter().enumerate() {
        let qualifizierend = f.nationale_strategie(i).is_some_and(|s| s.qualifizierend);
        if !qualifizierend
            || w.ergebnis == Some(StrategieErgebnis::Storniert)
            || w.ergebnis == Some(StrategieErgebnis::AutomatischErledigt)
        {
            continue;
        }
        // Without a planned end (S7) there is no date to schedule the conversations by.
        let Some(ende) = w.ende else { continue };
        let label = f.strategie_label(i);
        let vor = minus_monate(ende, p.s13_vorlauf_monate);
        let vor_erledigt = kontakte.iter().any(|d| *d >= minus_monate(vor, 1) && *d < ende);
        let nach_bis = plus_tage(ende, p.s13_nachlauf_tage);
        let nach_erledigt = kontakte.iter().any(|d| *d >= ende && *d <= nach_bis);
        let f_vor = Frist {
            regel: Regel::S13,
            art: "s13_vor_massnahmeende",
            bezeichnung: format!("Gespräch vor Ende von „{label}“"),
            datum: vor,
            spaetestens: ende,
            status: Frist::status(stichtag, vor, ende, vor_erledigt),
            bezug: bezug(i),
        };
        let f_nach = Frist {
            regel: Regel::S13,
            art: "s13_nach_massnahmeende",
            bezeichnung: format!("Gespräch unmittelbar nach Ende von „{label}“"),
            datum: ende,
            spaetestens: nach_bis,
            status: Frist::status(stichtag, ende, nach_bis, nach_erledigt),
            bezug: bezug(i),
        };
        for fr in [&f_vor, &f_nach] {
            if fr.status == FristStatus::Ueberfaellig {
                befunde.push(Befund::warnung(
                    Regel::S13,
                    bezug(i),
                    format!("{}: bis {} nicht dokumentiert.", fr.bezeichnung, de(fr.spaetestens)),
                ));
            }
        }
        fristen.push(f_vor);
        fristen.push(f_nach);
    }
    (fristen, befunde)
}
