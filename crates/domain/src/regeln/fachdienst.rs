//! Referrals to the Fachdienste: U2 (ZAV admission), U4 (prior conversation for the ÄD),
//! U6 (consent for ÄD and BPS), and P10 (consent for a conversation with the whole BG).

use chrono::NaiveDate;

use super::zav;
use crate::befund::Befund;
use crate::datum::de;
use crate::fallakte::{Einwilligung, Einwilligungsumfang, Fragestellung, GepruefteFallakte};
use crate::regel::Regel;

/// The rule that describes the service `dienst` (catalogue id): U4 ÄD, U5 BPS, U7 TBD, U8 BiZ,
/// U2 ZAV.
pub fn regel_des_dienstes(dienst: &str) -> Option<Regel> {
    match dienst {
        "aerztlicher_dienst" => Some(Regel::U4),
        "berufspsychologischer_service" => Some(Regel::U5),
        "technischer_beratungsdienst" => Some(Regel::U7),
        "biz" => Some(Regel::U8),
        "zav" => Some(Regel::U2),
        _ => None,
    }
}

/// U6: a consent of `umfang` valid on `datum` among `einwilligungen`.
pub fn einwilligung_gilt(einwilligungen: &[Einwilligung], umfang: Einwilligungsumfang, datum: NaiveDate) -> bool {
    einwilligungen
        .iter()
        .any(|e| e.umfang == umfang && e.erteilt_am <= datum && e.widerrufen_am.is_none_or(|w| w > datum))
}

pub fn auftraege_pruefen(f: &GepruefteFallakte<'_>) -> Vec<Befund> {
    let mut b = Vec::new();
    for (i, (a, l)) in f.akte.auftraege.iter().zip(&f.auftraege).enumerate() {
        let bezug = format!("auftraege[{i}]");
        let dienst = f.katalog.dienst(&l.dienst);
        // U6
        if dienst.is_some_and(|d| d.einwilligung_erforderlich)
            && a.fragestellung != Fragestellung::VerfuegbarkeitErwerbsfaehigkeit
            && let Some(umfang) = Einwilligungsumfang::fuer_dienst(&l.dienst)
            && !einwilligung_gilt(&f.akte.einwilligungen, umfang, a.datum)
        {
            b.push(Befund::fehler(Regel::U6, &bezug, format!("Auftrag „{}“ ({}) braucht die Einwilligung der Kundin bzw. des Kunden (§ 32 SGB III); nur bei der Frage der Verfügbarkeit/Erwerbsfähigkeit nicht.", l.label, dienst.map_or("", |d| d.label.as_str()))));
        }
        // U4
        if dienst.is_some_and(|d| d.vorgespraech_erforderlich) && !f.akte.vermerke.iter().any(|v| v.datum <= a.datum) {
            b.push(Befund::fehler(Regel::U4, &bezug, format!("Die Einschaltung des Ärztlichen Dienstes setzt ein vorab geführtes, dokumentiertes Gespräch voraus (kein Beratungsvermerk bis {}).", de(a.datum))));
        }
        // U2
        let pruefung = match (l.id.as_str(), &a.zav) {
            ("zav_managementvermittlung", Some(z)) => {
                Some(zav::managementvermittlung(z, f.akte.kunde.arbeitslos_seit, a.datum, f.katalog))
            }
            ("zav_kuenstlervermittlung", Some(z)) => Some(zav::kuenstlervermittlung(z, f.katalog)),
            ("zav_managementvermittlung" | "zav_kuenstlervermittlung", None) => {
                b.push(Befund::fehler(
                    Regel::U2,
                    &bezug,
                    format!("Für „{}“ die Angaben zu den Aufnahmekriterien machen.", l.label),
                ));
                None
            }
            ("zav_schwerbehinderte_akademiker", z) => {
                let ok = z.as_ref().is_some_and(|z| z.schwerbehindert && z.akademischer_abschluss);
                (!ok).then(|| zav::ZavPruefung {
                    zugelassen: false,
                    nicht_erfuellt: vec!["Schwerbehinderung (oder Gleichstellung) und akademischer Abschluss".into()],
                    hinweise: Vec::new(),
                })
            }
            _ => None,
        };
        if let Some(p) = pruefung {
            if !p.zugelassen {
                b.push(Befund::fehler(
                    Regel::U2,
                    &bezug,
                    format!(
                        "Aufnahme in „{}“{} nicht möglich, nicht erfüllt: {}.",
                        l.label,
                        zielposition(a),
                        p.nicht_erfuellt.join("; ")
                    ),
                ));
            }
            for h in p.hinweise {
                b.push(Befund::hinweis(Regel::U2, &bezug, h));
            }
        }
    }
    // P10: a conversation with the whole Bedarfsgemeinschaft needs every member's consent.
    for (i, g) in f.akte.gespraeche.iter().enumerate().filter(|(_, g)| g.mit_bedarfsgemeinschaft) {
        let bezug = format!("gespraeche[{i}]");
        match &f.akte.kunde.bedarfsgemeinschaft {
            None => b.push(Befund::fehler(
                Regel::P10,
                &bezug,
                "Gespräch mit der Bedarfsgemeinschaft, aber keine Bedarfsgemeinschaft erfasst.",
            )),
            Some(bg) => {
                let fehlend: Vec<&str> = bg
                    .mitglieder
                    .iter()
                    .filter(|m| m.einwilligung_gemeinsames_gespraech.is_none_or(|d| d > g.datum))
                    .map(|m| m.kundennummer.as_str())
                    .collect();
                if !fehlend.is_empty() {
                    b.push(Befund::fehler(Regel::P10, &bezug, format!("Ein Gespräch mit der gesamten Bedarfsgemeinschaft bedarf der Einwilligung aller Mitglieder; es fehlt: {}.", fehlend.join(", "))));
                }
            }
        }
    }
    b
}

/// U2: the position sought, as shown after the service (" (Zielposition: Geschäftsführung)").
fn zielposition(a: &crate::fallakte::Auftrag) -> String {
    match a.zav.as_ref().and_then(|z| z.zielposition.as_deref()).map(str::trim).filter(|t| !t.is_empty()) {
        Some(t) => format!(" (Zielposition: {t})"),
        None => String::new(),
    }
}
