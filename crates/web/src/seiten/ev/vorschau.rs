//! The print preview of one version: the document as the customer gets it (E4/E5). An
//! Eingliederungsvereinbarung carries the Rechtsfolgenbelehrung and two signature lines; a
//! Kooperationsplan (§ 15 SGB II) uses its own rubrics, is not signed and names the
//! Schlichtungsverfahren instead. Goal and strategies are those of the version's date.

use askama::Template;
use axum::extract::State;
use chrono::NaiveDate;
use vierphasen_app::AppFehler;
use vierphasen_domain::Katalog;
use vierphasen_domain::fallakte::{Fallakte, Vereinbarungsart};

use super::dokument::{Aufgabenliste, abschluss_wort, art_name, gruppieren, status, stelle};
use super::{FallZeile, Kopf, kopf, regel_monate, spaetestens};
use crate::seiten::anzeige::{datum_text, strategie_name};
use crate::seiten::{Rahmen, SeitenBenutzer, SeitenErgebnis, html};
use crate::zustand::Zustand;

#[derive(Debug)]
pub struct Strategiepunkt {
    pub name: String,
    pub zwischenziel: String,
    pub zeitraum: String,
}

#[derive(Template)]
#[template(path = "ev_vorschau.html")]
struct Vorschau {
    rahmen: Rahmen,
    k: Kopf,
    titel: &'static str,
    kp: bool,
    sgb2: bool,
    stelle: &'static str,
    status: &'static str,
    entwurf: bool,
    erstellt: String,
    wort: &'static str,
    abgeschlossen: String,
    ausgehaendigt: String,
    /// "bis 21.04.2027" or "6 Monate ab Unterschrift".
    gueltigkeit: String,
    ersetzt: String,
    ziel: String,
    zielberuf: String,
    eigene_ziele: String,
    strategien: Vec<Strategiepunkt>,
    listen: Vec<Aufgabenliste>,
    /// E4: the Zwischenziel agreed in this version (else the strategies' guidance is shown).
    zwischenziel: String,
    /// E4: "mindestens 4 Bewerbungen je Monat vom … bis …".
    eigenbemuehungen: String,
    nachweis: String,
}

/// Goal, Zielberuf, own goals (Z8) and the strategies pursued on `stichtag`.
struct Plan {
    ziel: String,
    zielberuf: String,
    eigene_ziele: String,
    strategien: Vec<Strategiepunkt>,
}

fn plan(akte: &Fallakte, katalog: &Katalog, stichtag: NaiveDate, art: Vereinbarungsart) -> Plan {
    let ziel = akte.ziele.iter().rfind(|z| z.vereinbart_am <= stichtag);
    let profiling = akte.profiling.iter().rfind(|p| p.gespeichert_am <= stichtag);
    let mut laufend: Vec<_> = akte
        .strategien
        .iter()
        .filter(|w| w.gewaehlt_am <= stichtag && w.erledigt_am.is_none_or(|e| e > stichtag))
        .collect();
    laufend.sort_by_key(|w| (w.reihenfolge.unwrap_or(u8::MAX), w.beginn));
    Plan {
        ziel: ziel
            .map(|z| katalog.finde_zieloption(&z.zieloption).map_or_else(|| z.zieloption.clone(), |o| o.label.clone()))
            .unwrap_or_default(),
        zielberuf: profiling.and_then(|p| p.zielberuf_name(&katalog.berufe)).unwrap_or_default(),
        eigene_ziele: ziel.and_then(|z| z.eigene_ziele.clone()).unwrap_or_default(),
        strategien: laufend
            .into_iter()
            .map(|w| Strategiepunkt {
                name: strategie_name(katalog, &w.strategie),
                zwischenziel: katalog
                    .finde_strategie(&w.strategie)
                    .map(|r| katalog.strategie(r).leitfaden.zwischenziel_fuer(art).to_string())
                    .unwrap_or_default(),
                zeitraum: w.zeitfenster_text(" bis "),
            })
            .collect(),
    }
}

pub async fn anzeigen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, ev_id): FallZeile,
) -> SeitenErgebnis {
    let a = z.app.fall_lesen(&b.akteur, id, None).await?;
    let i = a
        .ids
        .eingliederungsvereinbarungen
        .iter()
        .position(|x| *x == ev_id)
        .ok_or(AppFehler::NichtGefunden("Die Eingliederungsvereinbarung"))?;
    let ev = &a.fallakte.eingliederungsvereinbarungen[i];
    let heute = z.app.heute();
    let rk = a.stammdaten.rechtskreis;
    let p = plan(&a.fallakte, z.app.katalog, ev.abgeschlossen_am.unwrap_or(heute), ev.art);
    let gueltigkeit = match (ev.gueltig_bis, spaetestens(&a, i)) {
        (Some(d), _) => format!("bis {}", datum_text(d)),
        (None, Some(s)) => format!("bis {s}"),
        (None, None) => format!(
            "{} Monate ab {}",
            regel_monate(&a, z.app.katalog, heute),
            if ev.art == Vereinbarungsart::Kooperationsplan { "Vereinbarung" } else { "Unterschrift" }
        ),
    };
    let seite = Vorschau {
        rahmen: Rahmen::neu(&b, "kunden"),
        k: kopf(&a),
        titel: art_name(ev.art),
        kp: ev.art == Vereinbarungsart::Kooperationsplan,
        sgb2: rk == vierphasen_domain::Rechtskreis::SgbII,
        stelle: stelle(rk),
        status: status(ev).0,
        entwurf: ev.abgeschlossen_am.is_none(),
        erstellt: datum_text(ev.erstellt_am),
        wort: abschluss_wort(ev.art),
        abgeschlossen: ev.abgeschlossen_am.map(datum_text).unwrap_or_default(),
        ausgehaendigt: ev.ausgehaendigt_am.map(datum_text).unwrap_or_default(),
        gueltigkeit,
        ersetzt: ev.ersetzt_am.map(datum_text).unwrap_or_default(),
        ziel: p.ziel,
        zielberuf: p.zielberuf,
        eigene_ziele: p.eigene_ziele,
        strategien: p.strategien,
        listen: gruppieren(&ev.aufgaben, ev.art, rk),
        zwischenziel: ev.zwischenziel.clone().unwrap_or_default(),
        eigenbemuehungen: ev.eigenbemuehungen.as_ref().map(|e| e.text()).unwrap_or_default(),
        nachweis: ev.eigenbemuehungen.as_ref().and_then(|e| e.nachweis.clone()).unwrap_or_default(),
    };
    Ok(html(&seite))
}
