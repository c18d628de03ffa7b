//! F1/F2: preparation and completeness of a Folgegespräch (four steps), with Z7 and P4 where they
//! meet it, and the step-4 agreements that belong into the EV.

use chrono::NaiveDate;

use crate::befund::Befund;
use crate::fallakte::{Aufgabe, GepruefteFallakte, Gespraech, Gespraechsart};
use crate::grundtypen::MerkmalStatus;
use crate::regel::Regel;

fn leer(t: &Option<String>) -> bool {
    t.as_deref().is_none_or(|x| x.trim().is_empty())
}

/// "1 Vermittlungsvorschlag" / "2 Vermittlungsvorschläge", with an adjective stem ("anhängig")
/// declined for the dative after "zu" when given, else nominative.
fn vorschlaege(n: usize, adjektiv: &str) -> String {
    match (n, adjektiv.is_empty()) {
        (1, true) => "1 Vermittlungsvorschlag".to_owned(),
        (1, false) => format!("1 {adjektiv}en Vermittlungsvorschlag"),
        (n, true) => format!("{n} Vermittlungsvorschläge"),
        (n, false) => format!("{n} {adjektiv}en Vermittlungsvorschlägen"),
    }
}

/// Checks every Folgegespräch of the case.
pub fn folgegespraeche_pruefen(f: &GepruefteFallakte<'_>) -> Vec<Befund> {
    let mut b = Vec::new();
    for (i, g) in f.akte.gespraeche.iter().enumerate() {
        if g.art == Gespraechsart::Folgegespraech {
            b.extend(vorbereitung_pruefen(f, i, g));
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
            let ev = crate::regeln::ev::gueltige(f, g.datum).map(|(e, _)| &f.akte.eingliederungsvereinbarungen[e]);
            let ev_aufgaben = ev.map_or(0, |e| e.nachzuhalten().len());
            // F2 step 1 / E4: "Verstößen gegen die Vereinbarungen bzw. der Nichteinhaltung von
            // Vereinbarungen ist konsequent nachzugehen (z. B. … Eigenbemühungen mit Rechtsfolgen
            // einfordern)": Eigenbemühungen not met need a recorded follow-up, or the statement
            // that a Sperrzeit-/Sanktionstatbestand was examined (initiated, not decided here).
            let eigenbemuehungen = ev.and_then(|e| e.eigenbemuehungen.as_ref()).map(|e| e.aufgabe_text());
            if let Some(text) = eigenbemuehungen
                && s.aufgaben.iter().any(|a| !a.erledigt && normalisiert(&a.aufgabe) == normalisiert(&text))
                && !s.sanktionstatbestand
                && leer(&s.folgeschritte)
            {
                b.push(Befund::warnung(
                    Regel::F2,
                    bezug("schritt1.folgeschritte"),
                    "Schritt 1: Die vereinbarten Eigenbemühungen wurden nicht erfüllt – prüfen, ob ein Sperrzeit- bzw. Sanktionstatbestand vorliegt, und die eingeleiteten Schritte festhalten.",
                ));
            }
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
            // F2 step 3 counts "konkrete Bewerbungsvorgänge, die … durch die Vermittlungs-/
            // Beratungsfachkraft eingeleitet wurden" and the employers' answers: proposals made
            // since the previous conversation are discussed even when step 3 is skipped (S12:
            // the needs mark the profile, they do not stop placement).
            let vorher = f.akte.gespraeche.iter().map(|x| x.datum).filter(|d| *d < g.datum).max();
            let neue = f
                .akte
                .vermittlungsvorschlaege
                .iter()
                .filter(|v| v.datum <= g.datum && vorher.is_none_or(|d| v.datum > d))
                .count();
            if !s.entfaellt_wegen.is_empty() && neue > 0 {
                b.push(Befund::hinweis(
                    Regel::F2,
                    bezug("schritt3"),
                    format!(
                        "Schritt 3 entfällt wegen entgegenstehender Handlungsbedarfe, seit dem letzten Gespräch gab es aber {}: Stand und Rückmeldungen der Arbeitgeber besprechen.",
                        vorschlaege(neue, "")
                    ),
                ));
            }
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

/// F1: "Eine Sichtung des Stärken- und Potenzialprofils, der Standortbestimmung und der
/// Eingliederungsvereinbarung sind unabdingbare Voraussetzungen." Each sighting is required only
/// when there is something to sight at the conversation's date.
/// Interpretation: missing sightings are a `warnung` (confirmed, never refusing: the record of a
/// conversation held must stay saveable); the further points of the checklist (documents,
/// feedback, candidate search) a `hinweis` — except the feedback on Vermittlungsvorschläge pending
/// before the conversation, which is there to sight (a `warnung`). A candidate search done in
/// step 3 counts; none is expected when Handlungsbedarfe stand against applications (step 3
/// skipped).
pub fn vorbereitung_pruefen(f: &GepruefteFallakte<'_>, i: usize, g: &Gespraech) -> Vec<Befund> {
    let mut b = Vec::new();
    let Some(fg) = &g.folgegespraech else { return b }; // F2 reports the missing record
    let v = &fg.vorbereitung;
    let bezug = format!("gespraeche[{i}].folgegespraech.vorbereitung");
    let profiling = f.akte.profiling.iter().filter(|p| p.gespeichert_am <= g.datum);
    let mit_standort = profiling.clone().any(|p| p.standortbestimmung.is_some());
    let ev = crate::regeln::ev::gueltige(f, g.datum).map(|(e, _)| f.akte.eingliederungsvereinbarungen[e].art);
    let mut pflicht: Vec<&str> = Vec::new();
    if !v.profil_gesichtet && profiling.count() > 0 {
        pflicht.push("Stärken- und Potenzialprofil");
    }
    if !v.standortbestimmung_gesichtet && mit_standort {
        pflicht.push("Standortbestimmung");
    }
    match ev {
        Some(art) if !v.ev_gesichtet => pflicht.push(art.label()),
        _ => {}
    }
    if !pflicht.is_empty() {
        b.push(Befund::warnung(
            Regel::F1,
            &bezug,
            format!(
                "Vorbereitung des Folgegesprächs: Sichtung von {} nicht vermerkt. Sie ist unabdingbare Voraussetzung des Gesprächs.",
                pflicht.join(", ")
            ),
        ));
    }
    // F1: "Rückmeldungen zu anhängigen Vermittlungsvorschlägen … zu sichten": required when
    // proposals were pending before the conversation (a `warnung`, like the sightings above).
    let anhaengig = g
        .datum
        .pred_opt()
        .map_or(0, |vortag| f.akte.vermittlungsvorschlaege.iter().filter(|x| x.anhaengig_am(vortag)).count());
    if !v.rueckmeldungen_gesichtet && anhaengig > 0 {
        b.push(Befund::warnung(
            Regel::F1,
            format!("{bezug}.rueckmeldungen_gesichtet"),
            format!(
                "Vorbereitung des Folgegesprächs: Die Rückmeldungen zu {} sind zu sichten (nicht vermerkt).",
                vorschlaege(anhaengig, "anhängig")
            ),
        ));
    }
    let schritt3 = fg.schritt3.as_ref();
    let suchlauf =
        v.suchlauf_durchgefuehrt || schritt3.is_some_and(|s| s.suchlauf_durchgefuehrt || !s.entfaellt_wegen.is_empty());
    let mut weitere: Vec<&str> = Vec::new();
    if !v.unterlagen_ausgewertet {
        weitere.push("Auswertung eingereichter Unterlagen (z. B. Eigenbemühungen, Bewerbungsunterlagen)");
    }
    if !v.rueckmeldungen_gesichtet && anhaengig == 0 {
        weitere.push("Sichtung der Rückmeldungen zu Vermittlungsvorschlägen bzw. von Trägern");
    }
    if !suchlauf {
        weitere.push("bewerberorientierter Suchlauf");
    }
    if !weitere.is_empty() {
        b.push(Befund::hinweis(
            Regel::F1,
            &bezug,
            format!("Vorbereitung des Folgegesprächs: nicht vermerkt sind {}.", weitere.join("; ")),
        ));
    }
    b
}

/// Text of an agreement as compared with the EV's tasks: case and spacing do not matter.
fn normalisiert(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ").to_lowercase()
}

/// F2 step 4: the agreements of the latest Folgegespräch up to `stichtag` (its index, the
/// agreement's index) that the agreement in force at `stichtag` does not hold.
fn schritt4_offen<'a>(f: &'a GepruefteFallakte<'_>, stichtag: NaiveDate) -> Vec<(usize, usize, &'a Aufgabe)> {
    let letztes = f
        .akte
        .gespraeche
        .iter()
        .enumerate()
        .filter(|(_, g)| g.art == Gespraechsart::Folgegespraech && g.datum <= stichtag)
        .filter_map(|(i, g)| g.folgegespraech.as_ref().and_then(|fg| fg.schritt4.as_ref()).map(|s| (i, g.datum, s)))
        .max_by_key(|(i, d, _)| (*d, *i));
    let Some((i, _, s4)) = letztes else { return Vec::new() };
    let in_ev: Vec<String> = crate::regeln::ev::gueltige(f, stichtag)
        .map(|(e, _)| f.akte.eingliederungsvereinbarungen[e].aufgaben.iter().map(|a| normalisiert(&a.text)).collect())
        .unwrap_or_default();
    s4.vereinbarungen
        .iter()
        .enumerate()
        .filter(|(_, a)| !a.text.trim().is_empty() && !in_ev.contains(&normalisiert(&a.text)))
        .map(|(j, a)| (i, j, a))
        .collect()
}

/// F2 step 4 → E6: the agreements of the latest Folgegespräch not yet in the agreement in force
/// at `stichtag` (compared by text, ignoring case and spacing), for the next EV draft.
pub fn vereinbarungen_ohne_ev(f: &GepruefteFallakte<'_>, stichtag: NaiveDate) -> Vec<Aufgabe> {
    schritt4_offen(f, stichtag).into_iter().map(|(_, _, a)| a.clone()).collect()
}

/// F2 step 4: "… zielführende Folgeaktivitäten, die sofern nicht bereits geschehen, in einer
/// Eingliederungsvereinbarung festgeschrieben werden." An agreement of the latest Folgegespräch
/// missing from the agreement in force is a `hinweis` (the normal state right after the
/// conversation, until the EV is updated; E6 offers it in the next draft).
pub fn schritt4_in_ev_pruefen(f: &GepruefteFallakte<'_>, stichtag: NaiveDate) -> Vec<Befund> {
    schritt4_offen(f, stichtag)
        .into_iter()
        .map(|(i, j, a)| {
            Befund::hinweis(
                Regel::F2,
                format!("gespraeche[{i}].folgegespraech.schritt4.vereinbarungen[{j}]"),
                format!(
                    "Schritt 4: „{}“ ist noch in keiner geltenden Eingliederungsvereinbarung festgeschrieben – bei der Fortschreibung übernehmen.",
                    a.text
                ),
            )
        })
        .collect()
}
