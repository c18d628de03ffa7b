//! What can be chosen: per open need the catalogue row of §5 (plus the Dienststelle's local
//! strategies for that Merkmal, S11), the übergreifende strategies, the remaining local ones, and
//! the free choice of any strategy. Entries the rules would refuse (S3–S6) stay visible, marked
//! with the rule, instead of silently missing.

use chrono::NaiveDate;
use vierphasen_app::fall::Fallansicht;
use vierphasen_domain::datum::plus_monate;
use vierphasen_domain::fallakte::{LokaleStrategie, StrategieWahl};
use vierphasen_domain::katalog::{Leitfaden, Produkt, Produktkategorie, Strategie};
use vierphasen_domain::regeln::strategien::ABSOLVENTENMANAGEMENT;
use vierphasen_domain::{Gruppen, Katalog, MerkmalStatus, Profillage, Rechtskreis, Schluesselgruppe, Segment};

use super::Formularwerte;

/// A product of the Produktkatalog to tick (PK1).
#[derive(Debug, Clone)]
pub struct Produktwahl {
    pub id: String,
    pub label: String,
    pub rechtsgrundlage: String,
    pub gewaehlt: bool,
}

impl Produktwahl {
    pub fn aus(p: &Produkt, gewaehlt: bool) -> Produktwahl {
        Produktwahl { id: p.id.clone(), label: p.label.clone(), rechtsgrundlage: p.rechtsgrundlage.clone(), gewaehlt }
    }
}

/// Why an entry cannot be chosen for this customer, with the rule.
#[derive(Debug, Clone)]
pub struct Sperre {
    pub regel: &'static str,
    pub text: String,
}

/// One strategy to choose, with its guidance (S14), products (PK1) and the choice form.
#[derive(Debug)]
pub struct Angebot {
    /// The form's key (`w-<merkmal>-<strategie>`), also the prefix of its input ids.
    pub schluessel: String,
    pub strategie: String,
    /// The Merkmal the choice addresses (empty: übergreifend).
    pub merkmal: String,
    pub name: String,
    pub lokal: bool,
    pub gesperrt: Option<Sperre>,
    /// An open strategy of this kind is already in the plan.
    pub bereits: bool,
    pub leitfaden: Option<Leitfaden>,
    pub produkte: Vec<Produktwahl>,
    pub werte: Formularwerte,
}

/// An open need of the current profiling with what the catalogue offers for it.
#[derive(Debug)]
pub struct Bedarf {
    pub merkmal: String,
    pub gruppe: &'static str,
    pub status: &'static str,
    pub kommentar: String,
    /// S10: the step in the recommended order R → L → M → Q.
    pub schritt: usize,
    /// Open strategies that already address it (S1).
    pub abgedeckt: Vec<String>,
    pub handlungsbedarf: bool,
    /// P5: Arbeitsmarktbedingungen lead to no strategy.
    pub ohne_strategie: bool,
    pub angebote: Vec<Angebot>,
}

#[derive(Debug)]
pub struct Auswahl {
    pub id: String,
    pub label: String,
    pub gewaehlt: bool,
}

#[derive(Debug)]
pub struct Auswahlgruppe {
    pub label: String,
    pub optionen: Vec<Auswahl>,
}

#[derive(Debug)]
pub struct Produktgruppe {
    pub label: &'static str,
    pub produkte: Vec<Produktwahl>,
}

/// The free choice: any strategy (national or local), optionally for a Merkmal.
#[derive(Debug)]
pub struct Andere {
    pub strategien: Vec<Auswahlgruppe>,
    pub merkmale: Vec<Auswahlgruppe>,
    pub produkte: Vec<Produktgruppe>,
    /// The product list is shown open (products were ticked in a refused submission).
    pub produkte_offen: bool,
    pub werte: Formularwerte,
}

pub fn kategorie_text(k: Produktkategorie) -> &'static str {
    match k {
        Produktkategorie::BeratungVermittlung => "Beratungs- und Vermittlungsdienstleistungen",
        Produktkategorie::IndividuelleIntegrationshilfe => "Durch die BA erbrachte individuelle Integrationshilfen",
        Produktkategorie::LeistungDritter => "Durch Dritte erbrachte Arbeitsmarktdienstleistungen",
        Produktkategorie::OeffentlichGefoerderteBeschaeftigung => "Öffentlich geförderte Beschäftigung",
    }
}

/// What the rules know about the customer that decides whether an entry is selectable.
pub struct Lage<'a> {
    pub katalog: &'a Katalog,
    pub fall: &'a Fallansicht,
    pub rechtskreis: Rechtskreis,
    pub segment: Segment,
    pub profillage: Option<Profillage>,
    /// Schlüsselgruppen with a Handlungsbedarf (A never counts), for S4.
    pub gruppen: Gruppen,
    pub heute: NaiveDate,
    /// S2: where the Absolventenmanagement's window is proposed to start — the end of the
    /// qualification it follows (see [`absolventenmanagement_ab`]); none: today.
    pub absolventenmanagement_ab: Option<NaiveDate>,
}

/// S2: "its window starts no earlier than the qualification's end": the latest planned end of
/// the open strategies that require an Absolventenmanagement, and of such a strategy just
/// submitted (`eingereicht`: strategy id and end; its refusal by S2 shows the Absolventenmanagement
/// form next to it).
pub fn absolventenmanagement_ab(
    katalog: &Katalog,
    plan: &[StrategieWahl],
    eingereicht: Option<(&str, NaiveDate)>,
) -> Option<NaiveDate> {
    let erfordert =
        |s: &str| katalog.finde_strategie(s).is_some_and(|r| katalog.strategie(r).erfordert_absolventenmanagement);
    plan.iter()
        .filter(|w| w.ergebnis.is_none() && erfordert(&w.strategie))
        .filter_map(|w| w.ende)
        .chain(eingereicht.filter(|(s, _)| erfordert(s)).map(|(_, ende)| ende))
        .max()
}

impl Lage<'_> {
    /// S3–S6, as the rules of the Fallprüfung decide them.
    pub fn sperre(&self, st: Option<&Strategie>, gruppe: Option<Schluesselgruppe>) -> Option<Sperre> {
        if let Some(rk) = st.and_then(|s| s.nur_rechtskreis)
            && rk != self.rechtskreis
        {
            return Some(Sperre {
                regel: "S5",
                text: format!("Nur im {}; die Kundin bzw. der Kunde ist im {}.", rk.label(), self.rechtskreis.label()),
            });
        }
        if let Some(seg) = st.and_then(|s| s.nur_segmente.as_ref())
            && !seg.contains(&self.segment)
        {
            return Some(Sperre {
                regel: "S6",
                text: "Nur für Kundinnen und Kunden der Ausbildungsvermittlung und/oder Reha.".to_owned(),
            });
        }
        let gr = gruppe?;
        match self.profillage {
            Some(Profillage::Markt) => Some(Sperre {
                regel: "S3",
                text: "Marktprofil: nur übergreifende Handlungsstrategien wählbar.".to_owned(),
            }),
            Some(p @ (Profillage::Aktivierung | Profillage::Foerder)) if !self.gruppen.enthaelt(gr) => Some(Sperre {
                regel: "S4",
                text: format!(
                    "{}: nur Strategien der Schlüsselgruppen mit Handlungsbedarf; {} hat keinen.",
                    p.label(),
                    gr.label()
                ),
            }),
            _ => None,
        }
    }

    fn lokale(&self) -> &[LokaleStrategie] {
        &self.fall.fallakte.dienststelle.lokale_strategien
    }

    fn merkmal_id(&self, text: &str) -> Option<String> {
        self.katalog.finde_merkmal(text).map(|r| self.katalog.merkmal(r).id.clone())
    }

    /// The Merkmale an entry of the plan addresses (its own, else its whole row).
    pub fn merkmale_der_wahl(&self, w: &StrategieWahl) -> Vec<String> {
        if let Some(m) = w.merkmal.as_deref().and_then(|m| self.merkmal_id(m)) {
            return vec![m];
        }
        if let Some(r) = self.katalog.finde_strategie(&w.strategie) {
            return self.katalog.strategie(r).merkmale.clone();
        }
        self.lokale()
            .iter()
            .find(|l| l.id == w.strategie)
            .and_then(|l| l.merkmal.as_deref())
            .and_then(|m| self.merkmal_id(m))
            .into_iter()
            .collect()
    }

    /// The name of a chosen strategy: the catalogue's label or the local strategy's own (S11).
    pub fn strategie_name(&self, id: &str) -> String {
        match self.lokale().iter().find(|l| l.id == id) {
            Some(l) if self.katalog.finde_strategie(id).is_none() => l.bezeichnung.clone(),
            _ => crate::seiten::anzeige::strategie_name(self.katalog, id),
        }
    }

    /// The catalogue id of a chosen strategy (a local one keeps its own id).
    pub fn strategie_id(&self, text: &str) -> String {
        self.katalog.finde_strategie(text).map_or_else(|| text.to_owned(), |r| self.katalog.strategie(r).id.clone())
    }

    fn offen_gewaehlt(&self, strategie: &str, merkmal: &str) -> bool {
        self.fall.fallakte.strategien.iter().any(|w| {
            w.ergebnis.is_none()
                && self.strategie_id(&w.strategie) == strategie
                && (merkmal.is_empty() || self.merkmale_der_wahl(w).iter().any(|m| m == merkmal))
        })
    }

    fn produkte(&self, strategie: &str) -> Vec<Produktwahl> {
        self.katalog.produkte_fuer(strategie, self.rechtskreis).map(|p| Produktwahl::aus(p, false)).collect()
    }

    /// A catalogue entry; the window defaults to today (the Absolventenmanagement: the
    /// qualification's end, S2) plus the guidance's longest duration (S14).
    fn national(&self, st: &Strategie, merkmal: &str, reihenfolge: Option<usize>) -> Angebot {
        let gruppe = if st.uebergreifend { None } else { st.gruppe };
        let beginn = match self.absolventenmanagement_ab {
            Some(ab) if st.id == ABSOLVENTENMANAGEMENT => ab,
            _ => self.heute,
        };
        let mut werte = Formularwerte::vorschlag(
            self.heute,
            Some(plus_monate(beginn, u32::from(st.leitfaden.dauer_monate_bis))),
            reihenfolge,
        );
        werte.beginn = beginn.to_string();
        Angebot {
            schluessel: schluessel(merkmal, &st.id),
            strategie: st.id.clone(),
            merkmal: merkmal.to_owned(),
            name: st.label.clone(),
            lokal: false,
            gesperrt: self.sperre(Some(st), gruppe),
            bereits: self.offen_gewaehlt(&st.id, merkmal),
            leitfaden: Some(st.leitfaden.clone()),
            produkte: self.produkte(&st.id),
            werte,
        }
    }

    fn lokal(&self, l: &LokaleStrategie, merkmal: &str, reihenfolge: Option<usize>) -> Angebot {
        let gruppe =
            l.merkmal.as_deref().and_then(|m| self.katalog.finde_merkmal(m)).map(|r| self.katalog.merkmal(r).gruppe);
        Angebot {
            schluessel: schluessel(merkmal, &l.id),
            strategie: l.id.clone(),
            merkmal: merkmal.to_owned(),
            name: l.bezeichnung.clone(),
            lokal: true,
            gesperrt: self.sperre(None, gruppe),
            bereits: self.offen_gewaehlt(&l.id, merkmal),
            leitfaden: None,
            produkte: self.produkte(&l.id),
            werte: Formularwerte::vorschlag(self.heute, None, reihenfolge),
        }
    }

    /// Per Merkmal with Handlungsbedarf or "zu klären" in the current profiling, in the order
    /// S10 recommends (Rahmenbedingungen, Leistungsfähigkeit, Motivation, Qualifikation).
    pub fn bedarfe(&self) -> Vec<Bedarf> {
        let k = self.katalog;
        let Some(p) = self.fall.fallakte.profiling.last() else { return Vec::new() };
        let mut offen: Vec<(usize, &vierphasen_domain::fallakte::MerkmalBewertung)> = p
            .merkmale
            .iter()
            .filter(|m| matches!(m.status, MerkmalStatus::Handlungsbedarf | MerkmalStatus::ZuKlaeren))
            .filter_map(|m| {
                k.finde_merkmal(&m.merkmal)
                    .map(|r| (k.merkmale.iter().position(|x| x.id == k.merkmal(r).id).unwrap_or(0), m))
            })
            .collect();
        offen.sort_by_key(|(i, _)| (k.merkmale[*i].gruppe.empfohlener_rang(), *i));
        let mut schritte: Vec<Schluesselgruppe> = Vec::new();
        offen
            .into_iter()
            .map(|(i, bewertung)| {
                let m = &k.merkmale[i];
                if m.gruppe != Schluesselgruppe::Arbeitsmarktbedingungen && !schritte.contains(&m.gruppe) {
                    schritte.push(m.gruppe);
                }
                let schritt = schritte.iter().position(|g| *g == m.gruppe).map_or(0, |s| s + 1);
                let ohne_strategie = m.gruppe == Schluesselgruppe::Arbeitsmarktbedingungen;
                let mut angebote: Vec<Angebot> = Vec::new();
                if !ohne_strategie {
                    angebote.extend(
                        k.strategien
                            .iter()
                            .filter(|s| !s.uebergreifend && s.merkmale.contains(&m.id))
                            .map(|s| self.national(s, &m.id, Some(schritt))),
                    );
                    angebote.extend(
                        self.lokale()
                            .iter()
                            .filter(|l| {
                                l.merkmal.as_deref().and_then(|x| self.merkmal_id(x)).as_deref() == Some(m.id.as_str())
                            })
                            .map(|l| self.lokal(l, &m.id, Some(schritt))),
                    );
                }
                Bedarf {
                    merkmal: m.label.clone(),
                    gruppe: m.gruppe.label(),
                    status: if bewertung.status == MerkmalStatus::Handlungsbedarf {
                        "Handlungsbedarf"
                    } else {
                        "zu klären"
                    },
                    kommentar: bewertung.kommentar.clone().unwrap_or_default(),
                    schritt,
                    abgedeckt: self.abgedeckt(&m.id),
                    handlungsbedarf: bewertung.status == MerkmalStatus::Handlungsbedarf,
                    ohne_strategie,
                    angebote,
                }
            })
            .collect()
    }

    fn abgedeckt(&self, merkmal: &str) -> Vec<String> {
        self.fall
            .fallakte
            .strategien
            .iter()
            .filter(|w| w.ergebnis.is_none() && self.merkmale_der_wahl(w).iter().any(|m| m == merkmal))
            .map(|w| self.strategie_name(&w.strategie))
            .collect()
    }

    /// The übergreifende strategies, "Vermittlung" first (S12).
    pub fn uebergreifend(&self) -> Vec<Angebot> {
        let mut liste: Vec<Angebot> =
            self.katalog.strategien.iter().filter(|s| s.uebergreifend).map(|s| self.national(s, "", None)).collect();
        liste.sort_by_key(|a| a.strategie != "vermittlung");
        liste
    }

    /// Local strategies not offered under an open need: übergreifende ones and those whose
    /// Merkmal has no need now (choosing one brings the warning S1a).
    pub fn lokale_uebrige(&self, bedarfe: &[Bedarf]) -> Vec<Angebot> {
        let gezeigt: Vec<&str> =
            bedarfe.iter().flat_map(|b| b.angebote.iter().filter(|a| a.lokal).map(|a| a.strategie.as_str())).collect();
        self.lokale()
            .iter()
            .filter(|l| !gezeigt.contains(&l.id.as_str()))
            .map(|l| {
                let merkmal = l.merkmal.as_deref().and_then(|m| self.merkmal_id(m)).unwrap_or_default();
                self.lokal(l, &merkmal, None)
            })
            .collect()
    }

    /// The free choice form's lists.
    pub fn andere(&self) -> Andere {
        let k = self.katalog;
        let option = |st: &Strategie| {
            let gruppe = if st.uebergreifend { None } else { st.gruppe };
            let zusatz =
                self.sperre(Some(st), gruppe).map(|s| format!(" – nicht wählbar ({})", s.regel)).unwrap_or_default();
            Auswahl { id: st.id.clone(), label: format!("{}{zusatz}", st.label), gewaehlt: false }
        };
        let mut strategien: Vec<Auswahlgruppe> = Schluesselgruppe::ALLE
            .iter()
            .filter(|g| **g != Schluesselgruppe::Arbeitsmarktbedingungen)
            .map(|g| Auswahlgruppe {
                label: g.label().to_owned(),
                optionen: k
                    .strategien
                    .iter()
                    .filter(|s| !s.uebergreifend && s.gruppe == Some(*g))
                    .map(option)
                    .collect(),
            })
            .collect();
        strategien.push(Auswahlgruppe {
            label: "Übergreifend".to_owned(),
            optionen: k.strategien.iter().filter(|s| s.uebergreifend).map(option).collect(),
        });
        if !self.lokale().is_empty() {
            strategien.push(Auswahlgruppe {
                label: "Lokale Strategien der Dienststelle (S11)".to_owned(),
                optionen: self
                    .lokale()
                    .iter()
                    .map(|l| Auswahl { id: l.id.clone(), label: l.bezeichnung.clone(), gewaehlt: false })
                    .collect(),
            });
        }
        let merkmale = Schluesselgruppe::ALLE
            .iter()
            .filter(|g| **g != Schluesselgruppe::Arbeitsmarktbedingungen)
            .map(|g| Auswahlgruppe {
                label: g.label().to_owned(),
                optionen: k
                    .merkmale
                    .iter()
                    .filter(|m| m.gruppe == *g)
                    .map(|m| Auswahl { id: m.id.clone(), label: m.label.clone(), gewaehlt: false })
                    .collect(),
            })
            .collect();
        let kategorien = [
            Produktkategorie::BeratungVermittlung,
            Produktkategorie::IndividuelleIntegrationshilfe,
            Produktkategorie::LeistungDritter,
            Produktkategorie::OeffentlichGefoerderteBeschaeftigung,
        ];
        let produkte = kategorien
            .into_iter()
            .map(|kat| Produktgruppe {
                label: kategorie_text(kat),
                produkte: k
                    .produkte
                    .iter()
                    .filter(|p| p.kategorie == kat && p.rechtskreise.contains(&self.rechtskreis))
                    .map(|p| Produktwahl::aus(p, false))
                    .collect(),
            })
            .filter(|g| !g.produkte.is_empty())
            .collect();
        Andere {
            strategien,
            merkmale,
            produkte,
            produkte_offen: false,
            werte: Formularwerte::vorschlag(self.heute, None, None),
        }
    }
}

/// The key of a choice form: unique per (Merkmal, strategy) on the page; ids are `[a-z0-9_-]`.
fn schluessel(merkmal: &str, strategie: &str) -> String {
    let m = if merkmal.is_empty() { "uebergreifend" } else { merkmal };
    format!("w-{m}-{strategie}")
}
