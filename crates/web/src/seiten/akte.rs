//! The Kundenakte at a glance: the plan of the four phases on one page (Profillage with its
//! reason, goal, strategies with windows and status, the valid EV, next appointments, open
//! referrals, consents) and the timeline of Vermerke and changes. Labels come from the catalogue,
//! so the page uses the seed's terms.

use chrono::NaiveDate;
use vierphasen_app::fall::Akte;
use vierphasen_domain::{Befund, Fallakte, Katalog, MerkmalStatus, Rechtskreis, Regel, Schwere};

use super::anzeige::{
    aktivitaet_text, beruf_name, datum_text, einwilligung_text, merkmal_name, profillage_text, segment_text,
    strategie_name, strategie_status, tag_text, termin_anlass, vermerkart, werdegang_text,
};
use super::formular::{BefundZeile, befund_zeilen};

#[derive(Debug)]
pub struct Strategiezeile {
    pub name: String,
    pub merkmal: String,
    pub zeitraum: String,
    pub status: String,
}

#[derive(Debug)]
pub struct Zeitleiste {
    pub datum: String,
    /// Sort key (ISO date + time).
    pub sortierung: String,
    pub art: String,
    pub text: String,
    pub von: String,
}

#[derive(Debug)]
pub struct Terminzeile {
    pub datum: String,
    /// Time, duration, channel of an appointment ("09:30–10:00 Uhr · Telefon").
    pub zeit: String,
    pub anlass: &'static str,
    pub regel: String,
    pub text: String,
}

#[derive(Debug)]
pub struct BgZeile {
    pub kunde_id: Option<i64>,
    pub name: String,
    pub profillage: String,
    pub einwilligung: String,
}

#[derive(Debug, Default)]
/// A referral in the Kundenakte (issue 13/1): what, its state, the result in words.
pub struct Aktenauftrag {
    pub id: i64,
    pub text: String,
    pub status: &'static str,
    pub ergebnis: String,
}

pub struct Aktenbild {
    pub id: i64,
    pub name: String,
    pub kundennummer: String,
    pub geburtsdatum: String,
    pub alter: i32,
    pub rechtskreis: &'static str,
    pub sgb2: bool,
    pub segment: String,
    pub plz: String,
    pub bedarfsgemeinschaft: String,
    /// P10: the other members with their Profillage.
    pub bg: Vec<BgZeile>,
    pub bg_einwilligung: String,
    pub gesperrt: bool,
    pub vfk: String,
    pub gemeldet_seit: String,
    /// Empty when not unemployed (or not recorded).
    pub arbeitslos_seit: String,
    pub profillage: String,
    pub profillage_begruendung: String,
    pub profiling_am: String,
    pub zielberuf: String,
    pub handlungsbedarfe: Vec<String>,
    pub zu_klaeren: Vec<String>,
    pub staerken: Vec<String>,
    /// The Werdegang, one line per stage, oldest first.
    pub werdegang: Vec<String>,
    /// F4: activities, newest first.
    pub aktivitaeten: Vec<String>,
    pub ziel: String,
    pub ziel_am: String,
    pub strategien: Vec<Strategiezeile>,
    pub ev_text: String,
    pub ev_entwurf: bool,
    pub termine: Vec<Terminzeile>,
    pub auftraege: Vec<Aktenauftrag>,
    pub einwilligungen: Vec<String>,
    pub befunde: Vec<BefundZeile>,
    /// Phases not reached yet while today's work goes on (issue 15/3), with their page.
    pub naechste_schritte: Vec<NaechsterSchritt>,
    pub zeitleiste: Vec<Zeitleiste>,
}

/// The next phase of the model and the page to do it on.
#[derive(Debug, Clone)]
pub struct NaechsterSchritt {
    pub text: String,
    pub regel: &'static str,
    pub seite: String,
    pub aktion: &'static str,
}

impl NaechsterSchritt {
    fn aus(b: &Befund, id: i64) -> Self {
        let (seite, aktion) = match b.regel {
            Regel::Z1 => ("ziel", "Ziel vereinbaren"),
            Regel::S1 => ("strategien", "Strategie wählen"),
            Regel::E1 => ("ev", "Eingliederungsvereinbarung entwerfen"),
            _ => ("", "Kundenakte"),
        };
        NaechsterSchritt {
            text: b.meldung.clone(),
            regel: b.regel.id(),
            seite: format!("/kunden/{id}/{seite}"),
            aktion,
        }
    }
}

fn alter(geburt: NaiveDate, heute: NaiveDate) -> i32 {
    heute.years_since(geburt).map(|j| j as i32).unwrap_or(0)
}

fn ev_zusammenfassung(akte: &Fallakte) -> (String, bool) {
    let gueltig =
        akte.eingliederungsvereinbarungen.iter().rev().find(|e| e.abgeschlossen_am.is_some() && e.ersetzt_am.is_none());
    let entwurf = akte.eingliederungsvereinbarungen.iter().any(|e| e.abgeschlossen_am.is_none());
    let text = match gueltig {
        Some(e) => format!(
            "abgeschlossen am {}{}, {} Aufgaben",
            e.abgeschlossen_am.map(datum_text).unwrap_or_default(),
            e.gueltig_bis.map(|d| format!(", gültig bis {}", datum_text(d))).unwrap_or_default(),
            e.aufgaben.len()
        ),
        None => "keine abgeschlossene Vereinbarung".to_owned(),
    };
    (text, entwurf)
}

impl Aktenbild {
    pub fn aus(a: &Akte, katalog: &Katalog, heute: NaiveDate) -> Aktenbild {
        let s = &a.ansicht.stammdaten;
        let akte = &a.ansicht.fallakte;
        let profiling = akte.profiling.last();
        let merkmale_mit = |status: MerkmalStatus| -> Vec<String> {
            profiling
                .map(|p| {
                    p.merkmale
                        .iter()
                        .filter(|m| m.status == status)
                        .map(|m| merkmal_name(katalog, &m.merkmal))
                        .collect()
                })
                .unwrap_or_default()
        };
        let strategien = akte
            .strategien
            .iter()
            .map(|w| Strategiezeile {
                name: strategie_name(katalog, &w.strategie),
                merkmal: w.merkmal.as_deref().map(|m| merkmal_name(katalog, m)).unwrap_or_default(),
                zeitraum: w.zeitfenster_text(" – "),
                status: strategie_status(w, heute),
            })
            .collect();
        let mut zeitleiste: Vec<Zeitleiste> = akte
            .vermerke
            .iter()
            .map(|v| Zeitleiste {
                datum: datum_text(v.datum),
                sortierung: format!("{}T99", v.datum),
                art: format!("Beratungsvermerk ({})", vermerkart(v.art)),
                text: v.text.clone(),
                von: String::new(),
            })
            .collect();
        zeitleiste.extend(a.aenderungen.iter().map(|v| Zeitleiste {
            datum: tag_text(v.zeitpunkt),
            sortierung: v.zeitpunkt.format("%Y-%m-%dT%H:%M:%S").to_string(),
            art: "Änderung".to_owned(),
            text: vierphasen_app::fall::verlauf_satz(&v.entitaet, &v.aktion),
            von: v.benutzer.clone(),
        }));
        zeitleiste.sort_by(|x, y| y.sortierung.cmp(&x.sortierung));
        let (ev_text, ev_entwurf) = ev_zusammenfassung(akte);
        let ziel = akte.ziele.last();
        Aktenbild {
            id: s.id,
            name: format!("{} {}", s.vorname, s.nachname),
            kundennummer: s.kundennummer.clone(),
            geburtsdatum: datum_text(s.geburtsdatum),
            alter: alter(s.geburtsdatum, heute),
            rechtskreis: s.rechtskreis.label(),
            sgb2: s.rechtskreis == Rechtskreis::SgbII,
            segment: segment_text(s.segment).to_owned(),
            plz: s.plz.clone().unwrap_or_default(),
            bedarfsgemeinschaft: s.bedarfsgemeinschaft.clone().unwrap_or_default(),
            bg: a
                .bedarfsgemeinschaft
                .iter()
                .map(|m| BgZeile {
                    kunde_id: m.kunde_id,
                    name: m.name.clone(),
                    profillage: m.profillage.as_deref().map(|w| profillage_text(katalog, w)).unwrap_or_default(),
                    einwilligung: einwilligung_bg(m.einwilligung_am),
                })
                .collect(),
            bg_einwilligung: einwilligung_bg(a.bg_einwilligung_am),
            gesperrt: s.gesperrt,
            vfk: a.vfk_name.clone().unwrap_or_else(|| "nicht zugewiesen".to_owned()),
            gemeldet_seit: akte
                .meldungen
                .last()
                .filter(|m| m.ende.is_none())
                .map(|m| datum_text(m.beginn))
                .unwrap_or_default(),
            arbeitslos_seit: akte.kunde.arbeitslos_seit.map(datum_text).unwrap_or_default(),
            profillage: profiling
                .and_then(|p| p.profillage.as_ref())
                .map(|w| profillage_text(katalog, &w.wert))
                .unwrap_or_else(|| "noch nicht festgelegt".to_owned()),
            profillage_begruendung: profiling
                .and_then(|p| p.profillage.as_ref())
                .and_then(|w| w.begruendung.clone())
                .unwrap_or_default(),
            profiling_am: profiling.map(|p| datum_text(p.gespeichert_am)).unwrap_or_default(),
            zielberuf: profiling
                .and_then(|p| p.zielberuf.as_deref())
                .map(|c| beruf_name(katalog, c))
                .unwrap_or_default(),
            handlungsbedarfe: merkmale_mit(MerkmalStatus::Handlungsbedarf),
            zu_klaeren: merkmale_mit(MerkmalStatus::ZuKlaeren),
            staerken: profiling.map(|p| p.staerken.iter().map(|s| s.bezeichnung.clone()).collect()).unwrap_or_default(),
            werdegang: akte.kunde.werdegang.iter().map(|w| werdegang_text(katalog, w)).collect(),
            aktivitaeten: akte.aktivitaeten.iter().rev().map(aktivitaet_text).collect(),
            ziel: ziel
                .map(|z| {
                    katalog
                        .finde_zieloption(&z.zieloption)
                        .map(|o| o.label.clone())
                        .unwrap_or_else(|| z.zieloption.clone())
                })
                .unwrap_or_default(),
            ziel_am: ziel.map(|z| datum_text(z.vereinbart_am)).unwrap_or_default(),
            strategien,
            ev_text,
            ev_entwurf,
            termine: a
                .termine
                .iter()
                .map(|t| Terminzeile {
                    datum: datum_text(t.faellig_am),
                    zeit: t.zeit().text(),
                    anlass: termin_anlass(&t.art, t.regel.as_deref()),
                    regel: t.regel.clone().unwrap_or_default(),
                    text: t.text.clone(),
                })
                .collect(),
            auftraege: akte
                .auftraege
                .iter()
                .zip(&a.ansicht.ids.auftraege)
                .map(|(u, id)| {
                    let leistung = katalog
                        .finde_leistung(&u.leistung)
                        .map(|l| l.label.clone())
                        .unwrap_or_else(|| u.leistung.clone());
                    Aktenauftrag {
                        id: *id,
                        text: format!("{leistung} (erteilt am {})", datum_text(u.datum)),
                        status: u.status.label(),
                        ergebnis: u.ergebnis.as_ref().map(|e| e.text.clone()).unwrap_or_default(),
                    }
                })
                .collect(),
            einwilligungen: akte
                .einwilligungen
                .iter()
                .map(|e| {
                    format!(
                        "{}: erteilt am {}{}",
                        einwilligung_text(e.umfang),
                        datum_text(e.erteilt_am),
                        e.widerrufen_am.map(|d| format!(", widerrufen am {}", datum_text(d))).unwrap_or_default()
                    )
                })
                .collect(),
            befunde: befund_zeilen(
                &a.ansicht
                    .pruefung
                    .befunde
                    .iter()
                    .filter(|b| b.schwere != Schwere::NaechsterSchritt)
                    .cloned()
                    .collect::<Vec<_>>(),
            ),
            naechste_schritte: a
                .ansicht
                .pruefung
                .befunde
                .iter()
                .filter(|b| b.schwere == Schwere::NaechsterSchritt)
                .map(|b| NaechsterSchritt::aus(b, s.id))
                .collect(),
            zeitleiste,
        }
    }
}

fn einwilligung_bg(am: Option<NaiveDate>) -> String {
    match am {
        Some(d) => format!("Einwilligung in Gespräche mit der Bedarfsgemeinschaft seit {}", datum_text(d)),
        None => "keine Einwilligung in Gespräche mit der Bedarfsgemeinschaft".to_owned(),
    }
}
