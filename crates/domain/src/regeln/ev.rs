//! E1–E3: who needs an Eingliederungsvereinbarung, how long it holds, when it is due.

use chrono::NaiveDate;

use super::frist::{Frist, FristStatus};
use crate::befund::Befund;
use crate::datum::{de, plus_monate};
use crate::fallakte::{Eingliederungsvereinbarung, GepruefteFallakte, Vereinbarungsart};
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

/// E2/E3: the date the agreement must be reviewed at the latest.
pub fn ueberpruefung_bis(
    ev: &Eingliederungsvereinbarung,
    abgeschlossen: NaiveDate,
    rechtskreis: Rechtskreis,
    alter: i32,
    p: &EvParameter,
) -> NaiveDate {
    let regel = plus_monate(abgeschlossen, gueltigkeit_monate(rechtskreis, alter, p));
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
    let name = |e: &Eingliederungsvereinbarung| match e.art {
        Vereinbarungsart::Eingliederungsvereinbarung => "Eingliederungsvereinbarung",
        Vereinbarungsart::Kooperationsplan => "Kooperationsplan",
    };
    for (i, e) in f.akte.eingliederungsvereinbarungen.iter().enumerate() {
        if e.art == Vereinbarungsart::Kooperationsplan && rk == Rechtskreis::SgbIII {
            b.push(Befund::fehler(Regel::E1, format!("eingliederungsvereinbarungen[{i}]"), "Der Kooperationsplan gilt nur im SGB II (§ 15 SGB II); im SGB III bleibt es bei der Eingliederungsvereinbarung (§ 37 SGB III)."));
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
            b.push(Befund::warnung(
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
            let ab = crate::datum::minus_tage(bis, p.faellig_vorlauf_tage);
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
            // E1: a complex profile finished after the EV (Zweitgespräch) needs a new EV.
            let lage_damals = f.profiling_am(abgeschlossen).and_then(|(_, s)| s.profillage);
            if let (Some(damals), Some(jetzt)) = (lage_damals, profillage)
                && damals != jetzt
            {
                b.push(Befund::hinweis(Regel::E1, &bezug, format!("Profillage seit Abschluss geändert ({} → {}): nach dem Zweitgespräch eine neue Eingliederungsvereinbarung abschließen.", damals.label(), jetzt.label())));
            }
        }
    }
    (fristen, b)
}
