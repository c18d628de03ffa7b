//! F1/F2: completeness of a Folgegespräch (four steps), with Z7 and P4 where they meet it.

use crate::befund::Befund;
use crate::fallakte::{GepruefteFallakte, Gespraech, Gespraechsart};
use crate::grundtypen::MerkmalStatus;
use crate::regel::Regel;

fn leer(t: &Option<String>) -> bool {
    t.as_deref().is_none_or(|x| x.trim().is_empty())
}

/// Checks every Folgegespräch of the case.
pub fn folgegespraeche_pruefen(f: &GepruefteFallakte<'_>) -> Vec<Befund> {
    let mut b = Vec::new();
    for (i, g) in f.akte.gespraeche.iter().enumerate() {
        if g.art == Gespraechsart::Folgegespraech {
            b.extend(vollstaendigkeit(f, i, g));
        }
    }
    b
}

/// F2: a Folgegespräch records all four steps.
pub fn vollstaendigkeit(f: &GepruefteFallakte<'_>, i: usize, g: &Gespraech) -> Vec<Befund> {
    let mut b = Vec::new();
    let bezug = |s: &str| format!("gespraeche[{i}].folgegespraech.{s}");
    let Some(fg) = &g.folgegespraech else {
        b.push(Befund::fehler(Regel::F2, format!("gespraeche[{i}]"), "Folgegespräch ohne die vier Schritte (Abgleich EV, Überprüfung Profiling/Ziel/Strategien, Bewerbungsaktivitäten, Vereinbarungen und Termin)."));
        return b;
    };
    // Step 1: EV vs. implementation, task by task.
    match &fg.schritt1 {
        None => b.push(Befund::fehler(
            Regel::F2,
            bezug("schritt1"),
            "Schritt 1 fehlt: Abgleich der Eingliederungsvereinbarung mit der Umsetzung.",
        )),
        Some(s) => {
            let ev_aufgaben = crate::regeln::ev::gueltige(f, g.datum)
                .map_or(0, |(e, _)| f.akte.eingliederungsvereinbarungen[e].aufgaben.len());
            if s.aufgaben.is_empty() && ev_aufgaben > 0 {
                b.push(Befund::fehler(Regel::F2, bezug("schritt1.aufgaben"), format!("Schritt 1: Die {ev_aufgaben} Aufgaben der Eingliederungsvereinbarung einzeln auf ihre Umsetzung prüfen.")));
            }
            for (j, a) in s.aufgaben.iter().enumerate() {
                if !a.erledigt && leer(&a.grund) {
                    b.push(Befund::fehler(
                        Regel::F2,
                        bezug(&format!("schritt1.aufgaben[{j}].grund")),
                        format!("Schritt 1: „{}“ nicht umgesetzt – Ursache angeben.", a.aufgabe),
                    ));
                }
            }
            if s.sanktionstatbestand && leer(&s.folgeschritte) {
                b.push(Befund::fehler(
                    Regel::F2,
                    bezug("schritt1.folgeschritte"),
                    "Schritt 1: Sperrzeit- bzw. Sanktionstatbestand erfüllt – die eingeleiteten Schritte festhalten.",
                ));
            }
        }
    }
    // Step 2: review of profiling, goal (Z7) and strategies.
    match &fg.schritt2 {
        None => b.push(Befund::fehler(
            Regel::F2,
            bezug("schritt2"),
            "Schritt 2 fehlt: Überprüfung von Profiling, Zieloption und Strategieauswahl.",
        )),
        Some(s) => {
            if !s.profiling_geprueft || !s.strategien_geprueft {
                b.push(Befund::fehler(
                    Regel::F2,
                    bezug("schritt2"),
                    "Schritt 2: Profiling und Strategieauswahl sind in jedem Folgegespräch zu überprüfen.",
                ));
            }
            if !s.ziel_besprochen {
                b.push(Befund::warnung(
                    Regel::Z7,
                    bezug("schritt2.ziel_besprochen"),
                    "Die Gültigkeit der Zieloption ist in jedem Folgegespräch zu besprechen.",
                ));
            }
            // P4: Merkmale "zu klären" are plausibilised in the next Folgegespräch.
            let offen = f
                .profiling_vor(g.datum)
                .map(|(_, s)| s.status.iter().filter(|x| **x == Some(MerkmalStatus::ZuKlaeren)).count())
                .unwrap_or(0);
            if offen > 0 && leer(&s.anpassungen) {
                b.push(Befund::warnung(Regel::P4, bezug("schritt2.anpassungen"), format!("{offen} Merkmal(e) „zu klären“ aus dem Profiling: im Folgegespräch plausibilisieren und das Ergebnis festhalten.")));
            }
        }
    }
    // Step 3: application activities unless Handlungsbedarfe stand against them.
    match &fg.schritt3 {
        None => b.push(Befund::fehler(
            Regel::F2,
            bezug("schritt3"),
            "Schritt 3 fehlt: Besprechung der Bewerbungsaktivitäten (oder welche Handlungsbedarfe entgegenstehen).",
        )),
        Some(s) => {
            if s.entfaellt_wegen.is_empty() && leer(&s.bewerbungsaktivitaeten) {
                b.push(Befund::fehler(
                    Regel::F2,
                    bezug("schritt3"),
                    "Schritt 3: Bewerbungsaktivitäten festhalten oder die entgegenstehenden Handlungsbedarfe nennen.",
                ));
            }
            let stand = f.profiling_am(g.datum).map(|(_, s)| s);
            for (j, m) in s.entfaellt_wegen.iter().enumerate() {
                let bedarf = f
                    .katalog
                    .finde_merkmal(m)
                    .zip(stand)
                    .is_some_and(|(r, st)| st.status(r) == Some(MerkmalStatus::Handlungsbedarf));
                if !bedarf {
                    b.push(Befund::fehler(
                        Regel::F2,
                        bezug(&format!("schritt3.entfaellt_wegen[{j}]")),
                        format!(
                            "Schritt 3 entfällt nur wegen eines festgestellten Handlungsbedarfs; „{m}“ ist keiner."
                        ),
                    ));
                }
            }
        }
    }
    // Step 4: dated agreements and the next appointment.
    match &fg.schritt4 {
        None => b.push(Befund::fehler(
            Regel::F2,
            bezug("schritt4"),
            "Schritt 4 fehlt: Vereinbarungen für die nächsten Schritte und nächster Termin.",
        )),
        Some(s) => {
            if s.naechster_termin.or(g.naechster_termin).is_none() {
                b.push(Befund::fehler(
                    Regel::F2,
                    bezug("schritt4.naechster_termin"),
                    "Schritt 4: Das nächste Folgegespräch terminieren (Kontaktdichtekonzept).",
                ));
            }
            if s.vereinbarungen.is_empty() {
                b.push(Befund::fehler(
                    Regel::F2,
                    bezug("schritt4.vereinbarungen"),
                    "Schritt 4: Vereinbarungen für die nächsten Schritte festhalten.",
                ));
            }
            for (j, a) in s.vereinbarungen.iter().enumerate() {
                if a.verantwortlich == crate::fallakte::Verantwortlich::Kunde && a.frist.is_none() {
                    b.push(Befund::fehler(
                        Regel::F2,
                        bezug(&format!("schritt4.vereinbarungen[{j}].frist")),
                        format!("Schritt 4: Aktivität der Kundin bzw. des Kunden „{}“ terminieren.", a.text),
                    ));
                }
            }
        }
    }
    b
}
