//! U1: Übergabe SGB III → SGB II — the dates around the Rechtskreiswechsel.

use chrono::NaiveDate;

use super::frist::{Frist, FristStatus};
use crate::befund::Befund;
use crate::datum::{de, minus_monate, plus_tage};
use crate::fallakte::{GepruefteFallakte, Gespraechsart};
use crate::grundtypen::Rechtskreis;
use crate::regel::Regel;

pub fn uebergabe_fristen(f: &GepruefteFallakte<'_>, stichtag: NaiveDate) -> (Vec<Frist>, Vec<Befund>) {
    let mut fristen = Vec::new();
    let mut b = Vec::new();
    let Some(w) = &f.akte.kunde.rechtskreiswechsel else { return (fristen, b) };
    let p = &f.katalog.parameter.uebergabe;
    let gehalten = |arten: &[Gespraechsart], von: NaiveDate, bis: NaiveDate| {
        f.akte.gespraeche.iter().any(|g| arten.contains(&g.art) && g.datum >= von && g.datum <= bis)
    };

    if f.akte.kunde.rechtskreis == Rechtskreis::SgbIII && !w.erfolgt {
        let info = minus_monate(w.datum, p.gruppeninformation_monate_vorher);
        let abschluss = minus_monate(w.datum, p.abschlussgespraech_monate_vorher);
        let info_ok = gehalten(
            &[Gespraechsart::Gruppeninformation, Gespraechsart::Einzelberatung],
            minus_monate(info, 1),
            w.datum,
        );
        let abschluss_ok = gehalten(&[Gespraechsart::Abschlussgespraech], minus_monate(abschluss, 1), w.datum);
        let mut hinweis = String::new();
        if w.antrag_sgb2_erwartet {
            hinweis = " – mit Hinweis auf die Terminvereinbarung zur Antragsausgabe beim Jobcenter".into();
        }
        fristen.push(Frist {
            regel: Regel::U1,
            art: "uebergabe_gruppeninformation",
            bezeichnung: "Gruppeninformation bzw. Einzelberatung vor dem Rechtskreiswechsel (ca. 3 Monate vorher)"
                .into(),
            datum: info,
            spaetestens: abschluss,
            status: Frist::status(stichtag, info, abschluss, info_ok),
            bezug: "kunde.rechtskreiswechsel".into(),
        });
        fristen.push(Frist {
            regel: Regel::U1,
            art: "uebergabe_abschlussgespraech",
            bezeichnung: format!(
                "Abschlussgespräch zu Integrations- und Abgangsoptionen (ca. 1 Monat vorher){hinweis}"
            ),
            datum: abschluss,
            spaetestens: w.datum,
            status: Frist::status(stichtag, abschluss, w.datum, abschluss_ok),
            bezug: "kunde.rechtskreiswechsel".into(),
        });
    }
    if f.akte.kunde.rechtskreis == Rechtskreis::SgbII && w.erfolgt {
        let bis = w.erstgespraech_bis.unwrap_or_else(|| plus_tage(w.datum, p.erstgespraech_sgb2_tage_nachher));
        let ok = gehalten(&[Gespraechsart::ErstgespraechSgb2, Gespraechsart::Erstgespraech], w.datum, bis);
        fristen.push(Frist {
            regel: Regel::U1,
            art: "uebergabe_erstgespraech_sgb2",
            bezeichnung:
                "Zeitnahes Erstgespräch SGB II nach dem Rechtskreiswechsel (Integrationsarbeit nahtlos fortsetzen)"
                    .into(),
            datum: w.datum,
            spaetestens: bis,
            status: Frist::status(stichtag, w.datum, bis, ok),
            bezug: "kunde.rechtskreiswechsel".into(),
        });
    }
    for fr in &fristen {
        if fr.status == FristStatus::Ueberfaellig {
            b.push(Befund::warnung(
                Regel::U1,
                &fr.bezug,
                format!("{}: bis {} nicht durchgeführt.", fr.bezeichnung, de(fr.spaetestens)),
            ));
        }
    }
    (fristen, b)
}
