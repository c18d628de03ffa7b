//! The chosen strategies (the Umsetzungsfahrplan): open ones in the order of work (S10), closed
//! ones with their outcome (S8), each with the rule findings that concern it.

use vierphasen_domain::fallakte::StrategieWahl;
use vierphasen_domain::{Befund, Schluesselgruppe};

use super::Formularwerte;
use super::angebote::{Lage, Produktwahl};
use crate::seiten::anzeige::{merkmal_name, strategie_status};
use crate::seiten::formular::{BefundZeile, befund_zeilen};

/// One chosen strategy with the forms to adjust and close it.
#[derive(Debug)]
pub struct Gewaehlt {
    /// The row id (routes `/strategien/{sid}/…`).
    pub sid: i64,
    /// Keys of its two forms (adjust, close), also the prefixes of their input ids.
    pub schluessel_anpassen: String,
    pub schluessel_abschluss: String,
    pub name: String,
    pub merkmal: String,
    pub zeitraum: String,
    pub reihenfolge: String,
    pub status: String,
    pub produkte: Vec<String>,
    /// Findings with `bezug` `strategien[i]`.
    pub befunde: Vec<BefundZeile>,
    /// Products to tick when adjusting: the recommended ones and those already used.
    pub auswahl: Vec<Produktwahl>,
    pub werte: Formularwerte,
    /// The forms are shown open (after a refused submission of one of them).
    pub aufgeklappt: bool,
}

#[derive(Debug)]
pub struct Plan {
    pub offene: Vec<Gewaehlt>,
    pub erledigte: Vec<Gewaehlt>,
    /// Which order the open ones are listed in (S10).
    pub sortierung: &'static str,
    /// S10: the open strategies in the recommended order R → L → M → Q.
    pub empfehlung: Vec<String>,
}

impl Lage<'_> {
    fn merkmal_text(&self, w: &StrategieWahl) -> String {
        if let Some(m) = &w.merkmal {
            return merkmal_name(self.katalog, m);
        }
        let merkmale = self.merkmale_der_wahl(w);
        if merkmale.is_empty() {
            "übergreifend".to_owned()
        } else {
            merkmale.iter().map(|m| merkmal_name(self.katalog, m)).collect::<Vec<_>>().join(", ")
        }
    }

    /// The Schlüsselgruppe of a chosen strategy (none when übergreifend).
    fn gruppe(&self, w: &StrategieWahl) -> Option<Schluesselgruppe> {
        let k = self.katalog;
        match k.finde_strategie(&w.strategie) {
            Some(r) if k.strategie(r).uebergreifend => None,
            Some(r) => k.strategie(r).gruppe,
            None => self.merkmale_der_wahl(w).first().and_then(|m| k.finde_merkmal(m)).map(|r| k.merkmal(r).gruppe),
        }
    }

    fn gewaehlt(&self, i: usize, w: &StrategieWahl, befunde: &[Befund]) -> Gewaehlt {
        let k = self.katalog;
        let id = self.strategie_id(&w.strategie);
        let produktname = |p: &String| k.finde_produkt(p).map(|x| x.label.clone()).unwrap_or_else(|| p.clone());
        let mut auswahl: Vec<Produktwahl> =
            k.produkte_fuer(&id, self.rechtskreis).map(|p| Produktwahl::aus(p, w.produkte.contains(&p.id))).collect();
        for p in &w.produkte {
            if !auswahl.iter().any(|a| a.id == *p)
                && let Some(x) = k.finde_produkt(p)
            {
                auswahl.push(Produktwahl::aus(x, true));
            }
        }
        let bezug = format!("strategien[{i}]");
        let eigene: Vec<Befund> = befunde.iter().filter(|b| b.bezug == bezug).cloned().collect();
        let sid = self.fall.ids.strategien.get(i).copied().unwrap_or_default();
        Gewaehlt {
            sid,
            schluessel_anpassen: format!("a-{sid}"),
            schluessel_abschluss: format!("e-{sid}"),
            name: self.strategie_name(&w.strategie),
            merkmal: self.merkmal_text(w),
            zeitraum: w.zeitfenster_text(" – "),
            reihenfolge: w.reihenfolge.map(|r| r.to_string()).unwrap_or_default(),
            status: strategie_status(w, self.heute),
            produkte: w.produkte.iter().map(produktname).collect(),
            befunde: befund_zeilen(&eigene),
            auswahl,
            werte: Formularwerte::aus_wahl(w, self.heute),
            aufgeklappt: false,
        }
    }

    pub fn plan(&self) -> Plan {
        let akte = &self.fall.fallakte;
        let befunde = &self.fall.pruefung.befunde;
        let offen: Vec<usize> = (0..akte.strategien.len()).filter(|i| akte.strategien[*i].ergebnis.is_none()).collect();
        let alle_nummeriert = !offen.is_empty() && offen.iter().all(|i| akte.strategien[*i].reihenfolge.is_some());
        let mut sortiert = offen.clone();
        sortiert.sort_by_key(|i| {
            let w = &akte.strategien[*i];
            if alle_nummeriert { (w.reihenfolge.unwrap_or(u8::MAX), w.beginn) } else { (0, w.beginn) }
        });
        let mut mit_gruppe: Vec<(usize, Schluesselgruppe)> =
            offen.iter().filter_map(|i| self.gruppe(&akte.strategien[*i]).map(|g| (*i, g))).collect();
        mit_gruppe.sort_by_key(|(i, g)| (g.empfohlener_rang(), akte.strategien[*i].beginn));
        let empfehlung = if mit_gruppe.len() < 2 {
            Vec::new()
        } else {
            mit_gruppe
                .iter()
                .map(|(i, g)| format!("{} ({})", self.strategie_name(&akte.strategien[*i].strategie), g.label()))
                .collect()
        };
        Plan {
            offene: sortiert.iter().map(|i| self.gewaehlt(*i, &akte.strategien[*i], befunde)).collect(),
            erledigte: (0..akte.strategien.len())
                .filter(|i| akte.strategien[*i].ergebnis.is_some())
                .map(|i| self.gewaehlt(i, &akte.strategien[i], befunde))
                .collect(),
            sortierung: if alle_nummeriert {
                "Sortiert nach der gewählten Reihenfolge (S10)."
            } else {
                "Sortiert nach dem Beginn des Zeitfensters, weil nicht alle offenen Strategien eine Reihenfolge haben (S10)."
            },
            empfehlung,
        }
    }
}
