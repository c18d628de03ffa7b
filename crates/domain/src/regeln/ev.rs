//! E1–E3, E5: who needs an Eingliederungsvereinbarung, how long it holds, when it is due, and
//! its handover.

use chrono::NaiveDate;

use super::frist::{Frist, FristStatus};
use crate::befund::{Befund, Schwere};
use crate::datum::{de, plus_monate};
use crate::fallakte::{
    Eingliederungsvereinbarung, GepruefteFallakte, Gespraechsart, StrategieErgebnis, Vereinbarungsart,
};
use crate::grundtypen::{Profillage, Rechtskreis};
use crate::katalog::EvParameter;
use crate::regel::Regel;

/// E2: months of validity by Rechtskreis and age at conclusion.
pub fn gueltigkeit_monate(rechtskreis: Rechtskreis, alter: i32, p: &EvParameter) -> u32 {
    match rechtskreis {
        Rechtskreis::SgbIII if alter < 25 => p.gueltigkeit_u25_sgb3_monate,
        _ => p.gueltigkeit_monate,
    }
}

/// E2: the end of the validity the rule gives an agreement concluded on `abgeschlossen`.
pub fn regelende(abgeschlossen: NaiveDate, rechtskreis: Rechtskreis, alter: i32, p: &EvParameter) -> NaiveDate {
    plus_monate(abgeschlossen, gueltigkeit_monate(rechtskreis, alter, p))
}

/// E2/E3: the date the agreement must be reviewed at the latest.
pub fn ueberpruefung_bis(
    ev: &Eingliederungsvereinbarung,
    abgeschlossen: NaiveDate,
    rechtskreis: Rechtskreis,
    alter: i32,
    p: &EvParameter,
) -> NaiveDate {
    let regel = regelende(abgeschlossen, rechtskreis, alter, p);
    ev.gueltig_bis.map_or(regel, |g| g.min(regel))
}

/// The agreement in force at a date: concluded, not replaced.
pub fn gueltige(f: &GepruefteFallakte<'_>, stichtag: NaiveDate) -> Option<(usize, NaiveDate)> {
    f.akte
        .eingliederungsvereinbarungen
        .iter()
        .enumerate()
        .filter_map(|(i, e)| {
            e.abgeschlossen_am.filter(|a| *a <= stichtag && e.ersetzt_am.is_none_or(|r| r > stichtag)).map(|a| (i, a))
        })
        .max_by_key(|(_, a)| *a)
}

pub fn ev_pruefen(
    f: &GepruefteFallakte<'_>,
    profillage: Option<Profillage>,
    stichtag: NaiveDate,
) -> (Vec<Frist>, Vec<Befund>) {
    let mut b = Vec::new();
    let mut fristen = Vec::new();
    let p = &f.katalog.parameter.ev;
    let rk = f.akte.kunde.rechtskreis;
    // E1: every customer with a profiling (not Z) gets a written EV.
    let braucht = !f.akte.profiling.is_empty() && profillage != Some(Profillage::Z);
    let name = |e: &Eingliederungsvereinbarung| e.art.label();
    for (i, e) in f.akte.eingliederungsvereinbarungen.iter().enumerate() {
        if e.art == Vereinbarungsart::Kooperationsplan && rk == Rechtskreis::SgbIII {
            b.push(Befund::fehler(Regel::E1, format!("eingliederungsvereinbarungen[{i}]"), "Der Kooperationsplan gilt nur im SGB II (§ 15 SGB II); im SGB III bleibt es bei der Eingliederungsvereinbarung (§ 37 SGB III)."));
        }
        // E5: "zu unterschreiben und der Kundin bzw. dem Kunden in einfacher Ausfertigung
        // auszuhändigen". Interpretation: only the agreement in force is checked (replaced
        // versions are history); the Kooperationsplan is not signed and not covered by the seed.
        if e.art == Vereinbarungsart::Eingliederungsvereinbarung
            && let Some(a) = e.abgeschlossen_am
            && a <= stichtag
            && e.ersetzt_am.is_none_or(|r| r > stichtag)
            && e.ausgehaendigt_am.is_none()
        {
            b.push(Befund::warnung(
                Regel::E5,
                format!("eingliederungsvereinbarungen[{i}].ausgehaendigt_am"),
                format!(
                    "Die Eingliederungsvereinbarung vom {} ist unterschrieben, aber nicht als ausgehändigt vermerkt: Der Kundin bzw. dem Kunden ist eine Ausfertigung auszuhändigen.",
                    de(a)
                ),
            ));
        }
        // E5: "von Kundin bzw. Kunde und Vermittlungsfachkraft zu unterschreiben". Interpretation:
        // the agreement is concluded when both have signed, so a signature after the conclusion
        // date contradicts it; a missing one is reported for the agreement in force.
        if e.art == Vereinbarungsart::Eingliederungsvereinbarung
            && let Some(a) = e.abgeschlossen_am
        {
            let in_kraft = a <= stichtag && e.ersetzt_am.is_none_or(|r| r > stichtag);
            for (feld, wer, am) in [
                ("unterschrift_kunde_am", "der Kundin bzw. des Kunden", e.unterschrift_kunde_am),
                ("unterschrift_fachkraft_am", "der Fachkraft", e.unterschrift_fachkraft_am),
            ] {
                let bezug = format!("eingliederungsvereinbarungen[{i}].{feld}");
                match am {
                    None if in_kraft => b.push(Befund::warnung(
                        Regel::E5,
                        bezug,
                        format!("Die Eingliederungsvereinbarung vom {} ist ohne Unterschrift {wer} vermerkt.", de(a)),
                    )),
                    Some(u) if u > a => b.push(Befund::fehler(
                        Regel::E5,
                        bezug,
                        format!(
                            "Die Unterschrift {wer} ({}) liegt nach dem Abschluss ({}); abgeschlossen ist die Vereinbarung mit der letzten Unterschrift.",
                            de(u),
                            de(a)
                        ),
                    )),
                    _ => {}
                }
            }
        }
        // E2: a task's deadline after the end of the agreement cannot be followed up within it
        // (what comes later belongs to the next version). Checked while the agreement is drafted
        // and on the day it is concluded; a concluded one is immutable, so no reminder after.
        if e.ersetzt_am.is_none() && e.abgeschlossen_am.is_none_or(|a| a == stichtag) {
            let ab = e.abgeschlossen_am.unwrap_or(e.erstellt_am);
            let ende = ueberpruefung_bis(e, ab, rk, f.alter_am(ab), p);
            for (j, a) in e.aufgaben.iter().enumerate() {
                if let Some(frist) = a.frist
                    && frist > ende
                {
                    b.push(Befund::warnung(
                        Regel::E2,
                        format!("eingliederungsvereinbarungen[{i}].aufgaben[{j}].frist"),
                        format!(
                            "Die Frist {} von „{}“ liegt nach dem Ende der Gültigkeit am {}: Bitte eine Frist innerhalb der Vereinbarung wählen; was danach kommt, gehört in die Fortschreibung.",
                            de(frist),
                            a.text,
                            de(ende)
                        ),
                    ));
                }
            }
        }
        if e.abgeschlossen_am.is_some() && e.aufgaben.is_empty() {
            b.push(Befund::warnung(
                Regel::E1,
                format!("eingliederungsvereinbarungen[{i}]"),
                format!("{} ohne konkrete, nachhaltbare Aufgaben.", name(e)),
            ));
        }
    }
    match gueltige(f, stichtag) {
        None if braucht => {
            let entwurf = f
                .akte
                .eingliederungsvereinbarungen
                .iter()
                .any(|e| e.abgeschlossen_am.is_none() && e.ersetzt_am.is_none());
            let zusatz = if entwurf { " Ein Entwurf liegt vor, ist aber noch nicht abgeschlossen." } else { "" };
            b.push(Befund::schritt_oder(
                f.in_arbeit_am(stichtag),
                Schwere::Warnung,
                Regel::E1,
                "eingliederungsvereinbarungen",
                format!("Profiling liegt vor, aber keine gültige Eingliederungsvereinbarung.{zusatz}"),
            ));
        }
        None => {}
        Some((i, abgeschlossen)) => {
            let e = &f.akte.eingliederungsvereinbarungen[i];
            let alter = f.alter_am(abgeschlossen);
            let bis = ueberpruefung_bis(e, abgeschlossen, rk, alter, p);
            let vorlauf = crate::datum::minus_tage(bis, p.faellig_vorlauf_tage);
            // E3: "in der Regel jedoch anlassbezogen": a strategy chosen, changed or ended after
            // the agreement makes it due from that day.
            let anlaesse = anlaesse(f, abgeschlossen, stichtag);
            let ab = anlaesse.first().map_or(vorlauf, |(d, _)| (*d).min(vorlauf));
            let status = Frist::status(stichtag, ab, bis, false);
            let bezug = format!("eingliederungsvereinbarungen[{i}]");
            match status {
                FristStatus::Ueberfaellig => b.push(Befund::warnung(
                    Regel::E3,
                    &bezug,
                    format!(
                        "{} vom {} hätte spätestens am {} fortgeschrieben werden müssen (überfällig).",
                        name(e),
                        de(abgeschlossen),
                        de(bis)
                    ),
                )),
                FristStatus::Faellig if !anlaesse.is_empty() => {
                    let texte: Vec<&str> = anlaesse.iter().map(|(_, t)| t.as_str()).collect();
                    b.push(Befund::hinweis(
                        Regel::E3,
                        &bezug,
                        format!(
                            "Anlass, die {} vom {} fortzuschreiben: {}. Spätestens bis {} zu aktualisieren.",
                            name(e),
                            de(abgeschlossen),
                            texte.join("; "),
                            de(bis)
                        ),
                    ));
                }
                FristStatus::Faellig => b.push(Befund::hinweis(
                    Regel::E3,
                    &bezug,
                    format!("{} vom {} ist bis {} zu aktualisieren (fällig).", name(e), de(abgeschlossen), de(bis)),
                )),
                _ => {}
            }
            fristen.push(Frist {
                regel: Regel::E3,
                art: "ev_ueberpruefung",
                bezeichnung: format!(
                    "{} aktualisieren (spätestens nach {} Monaten)",
                    name(e),
                    gueltigkeit_monate(rk, alter, p)
                ),
                datum: ab,
                spaetestens: bis,
                status,
                bezug: bezug.clone(),
            });
            // E1: "Nach Abschluss des Zweitgesprächs ist hier eine neuerliche
            // Eingliederungsvereinbarung für den sich anschließenden Integrationsprozess zu
            // erstellen" – for a complex profile, whether or not the Profillage changed.
            let lage_damals = f.profiling_am(abgeschlossen).and_then(|(_, s)| s.profillage);
            let komplex = lage_damals.is_none_or(|l| l == Profillage::N || l.ist_komplex())
                || profillage.is_some_and(Profillage::ist_komplex);
            let zweitgespraech = f
                .akte
                .gespraeche
                .iter()
                .filter(|g| g.art == Gespraechsart::Zweitgespraech && g.datum > abgeschlossen && g.datum <= stichtag)
                .map(|g| g.datum)
                .max();
            if let Some(d) = zweitgespraech.filter(|_| komplex) {
                b.push(Befund::warnung(
                    Regel::E1,
                    &bezug,
                    format!(
                        "Zweitgespräch am {} nach Abschluss der {} vom {}: Nach dem Zweitgespräch ist eine neue {} für den weiteren Integrationsprozess abzuschließen.",
                        de(d),
                        name(e),
                        de(abgeschlossen),
                        name(e)
                    ),
                ));
            } else if let (Some(damals), Some(jetzt)) = (lage_damals, profillage)
                && damals != jetzt
            {
                b.push(Befund::hinweis(Regel::E1, &bezug, format!("Profillage seit Abschluss geändert ({} → {}): nach dem Zweitgespräch eine neue Eingliederungsvereinbarung abschließen.", damals.label(), jetzt.label())));
            }
        }
    }
    (fristen, b)
}

/// E3: occasions to update the agreement concluded on `abgeschlossen`, up to `stichtag`: a
/// strategy chosen anew, changed or ended (not by C2) after it; earliest first, worded for staff.
pub fn anlaesse(f: &GepruefteFallakte<'_>, abgeschlossen: NaiveDate, stichtag: NaiveDate) -> Vec<(NaiveDate, String)> {
    let danach = |d: NaiveDate| d > abgeschlossen && d <= stichtag;
    let mut liste = Vec::new();
    for (i, w) in f.akte.strategien.iter().enumerate() {
        let label = f.strategie_label(i);
        if danach(w.gewaehlt_am) {
            liste.push((w.gewaehlt_am, format!("„{label}“ am {} neu gewählt", de(w.gewaehlt_am))));
        }
        if let Some(g) = w.geaendert_am.filter(|g| danach(*g)) {
            liste.push((g, format!("„{label}“ am {} geändert", de(g))));
        }
        if let (Some(e), Some(erg)) = (w.erledigt_am, w.ergebnis)
            && erg != StrategieErgebnis::AutomatischErledigt
            && danach(e)
        {
            liste.push((e, format!("„{label}“ am {} erledigt ({})", de(e), erg.label())));
        }
    }
    liste.sort();
    liste
}
