//! What the profiling page shows beside the typed values: the Schlüsselgruppen with their
//! Merkmale, the Zielberuf choice with search hits, the Profillagen with their marks, and the
//! engine's answer (PL1) in the box that updates live.

use vierphasen_app::fall::ProfillageVorschlag;
use vierphasen_domain::katalog::{Benennungsherkunft, KldbCode};
use vierphasen_domain::{Katalog, Profillage, Rechtskreis, Schluesselgruppe};

use super::formular::{Formularstand, StaerkeZeile, niveau_text};
use crate::seiten::formular::{BefundZeile, Rueckmeldung, befund_zeilen};

/// Berufe shown per search.
const TREFFER: usize = 20;

/// Messages next to the inputs: input errors and rule findings, by input id.
#[derive(Debug, Clone, Default)]
pub struct Meldungen(Vec<(String, String)>);

impl Meldungen {
    pub fn aus(f: &Formularstand, r: &Rueckmeldung) -> Meldungen {
        let mut m: Vec<(String, String)> = r.fehler.iter().map(|e| (e.id.clone(), e.meldung.clone())).collect();
        for b in &r.befunde {
            if let Some((id, _)) = f.feld(&b.bezug) {
                m.push((id, format!("{} {}: {}", b.schwere, b.regel, b.meldung)));
            }
        }
        Meldungen(m)
    }

    /// All messages for one input, joined.
    pub fn zu(&self, id: &str) -> Option<String> {
        let texte: Vec<&str> = self.0.iter().filter(|(i, _)| i == id).map(|(_, t)| t.as_str()).collect();
        (!texte.is_empty()).then(|| texte.join(" "))
    }
}

#[derive(Debug, Clone)]
pub struct Merkmalzeile {
    pub id: String,
    pub label: String,
    pub status: String,
    pub kommentar: String,
    pub fehler: Option<String>,
    pub status_fehler: Option<String>,
    /// Results of Fachdienst referrals that concern this Merkmal (issue 13/1, P4).
    pub ergebnisse: Vec<String>,
}

#[derive(Debug, Clone)]
pub struct Verdichtungsfeld {
    pub markiert: bool,
    pub kommentar: String,
    pub fehler: Option<String>,
}

#[derive(Debug, Clone)]
pub struct Gruppenansicht {
    pub id: &'static str,
    pub label: String,
    /// Person (Q, L, M) or Umfeld (R, A).
    pub bereich: &'static str,
    pub hinweis: &'static str,
    pub merkmale: Vec<Merkmalzeile>,
    /// PL2: only Q, L, R.
    pub verdichtung: Option<Verdichtungsfeld>,
}

fn gruppenhinweis(g: Schluesselgruppe) -> &'static str {
    match g {
        Schluesselgruppe::Arbeitsmarktbedingungen => {
            "Führt zu keiner Handlungsstrategie (P5): günstige oder ungünstige Ausprägungen sind Hinweise, Rahmenbedingungen (Örtliche Mobilität, Familiäre Situation) und Motivation besonders aufmerksam zu analysieren und ggf. den Zielberuf neu auszurichten."
        }
        _ => {
            "Handlungsbedarf nur, wenn er der Integration in den Zielberuf tatsächlich im Wege steht; daraus folgt immer eine Handlungsstrategie (S1)."
        }
    }
}

/// The results of the case's referrals per Merkmal id, in words (issue 13/1): "Ärztlicher
/// Dienst, Ergebnis vom 01.12.2026: … (Leistungsbild …)".
pub fn auftragsergebnisse(k: &Katalog, akte: &vierphasen_domain::Fallakte) -> Vec<(String, String)> {
    akte.auftraege
        .iter()
        .filter_map(|a| {
            let e = a.ergebnis.as_ref()?;
            let merkmal = e.merkmal.clone()?;
            let dienst = k.dienst_der_leistung(&a.leistung).map_or("Fachdienst", |d| d.label.as_str());
            let mut text =
                format!("{dienst}, Ergebnis vom {}: {}", crate::seiten::anzeige::datum_text(e.datum), e.text);
            if let Some(l) = e.leistungsbild {
                text.push_str(&format!(" Leistungsbild: {}.", l.label()));
            }
            if let Some(n) = &e.ger_niveau {
                text.push_str(&format!(" Sprachniveau: {n}."));
            }
            Some((merkmal, text))
        })
        .collect()
}

pub fn gruppen(k: &Katalog, f: &Formularstand, m: &Meldungen, ergebnisse: &[(String, String)]) -> Vec<Gruppenansicht> {
    k.schluesselgruppen
        .iter()
        .map(|g| {
            let merkmale = k
                .merkmale
                .iter()
                .filter(|mk| mk.gruppe == g.id)
                .map(|mk| {
                    let b = f.bewertungen.iter().find(|b| b.merkmal == mk.id);
                    Merkmalzeile {
                        id: mk.id.clone(),
                        label: mk.label.clone(),
                        status: b.map(|b| b.status.clone()).unwrap_or_default(),
                        kommentar: b.map(|b| b.kommentar.clone()).unwrap_or_default(),
                        fehler: m.zu(&format!("kommentar_{}", mk.id)),
                        status_fehler: m.zu(&format!("status_{}_kein_handlungsbedarf", mk.id)),
                        ergebnisse: ergebnisse.iter().filter(|(id, _)| *id == mk.id).map(|(_, t)| t.clone()).collect(),
                    }
                })
                .collect();
            let verdichtung = f.verdichtung.iter().find(|v| v.gruppe == g.id.id()).map(|v| Verdichtungsfeld {
                markiert: v.markiert,
                kommentar: v.kommentar.clone(),
                fehler: m.zu(&format!("verdichtung_kommentar_{}", v.gruppe)),
            });
            Gruppenansicht {
                id: g.id.id(),
                label: g.label.clone(),
                bereich: match g.id {
                    Schluesselgruppe::Rahmenbedingungen | Schluesselgruppe::Arbeitsmarktbedingungen => "Umfeld",
                    _ => "Person",
                },
                hinweis: gruppenhinweis(g.id),
                merkmale,
                verdichtung,
            }
        })
        .collect()
}

#[derive(Debug, Clone)]
pub struct Staerkenzeile {
    pub nr: usize,
    pub bezeichnung: String,
    pub niveau: String,
    pub besondere: bool,
    pub fehler: Option<String>,
}

pub fn staerken(f: &Formularstand, m: &Meldungen) -> Vec<Staerkenzeile> {
    f.staerken
        .iter()
        .enumerate()
        .map(|(nr, s): (usize, &StaerkeZeile)| Staerkenzeile {
            nr,
            bezeichnung: s.bezeichnung.clone(),
            niveau: if s.niveau.is_empty() {
                niveau_text(vierphasen_domain::fallakte::Niveau::Grundkenntnisse).to_owned()
            } else {
                s.niveau.clone()
            },
            besondere: s.besondere,
            fehler: m.zu(&format!("staerke_bezeichnung_{nr}")),
        })
        .collect()
}

#[derive(Debug, Clone)]
pub struct Berufsoption {
    pub code: String,
    pub titel: String,
    /// The job title the search found the occupation by ("Verkäuferin"); empty when it is the
    /// occupation's own title.
    pub benennung: String,
}

/// The Zielberuf radios: the chosen one, "none", and the hits of the search.
#[derive(Debug, Clone)]
pub struct Berufsauswahl {
    pub gewaehlt: Option<Berufsoption>,
    pub treffer: Vec<Berufsoption>,
    pub suche: String,
    pub gesucht: bool,
    pub ansage: String,
}

fn titel(k: &Katalog, code: &str) -> String {
    KldbCode::parse(code)
        .and_then(|c| k.berufe.get(c))
        .map(|b| b.titel.clone())
        .unwrap_or_else(|| "unbekannter Code".to_owned())
}

/// `bezeichnung`: the job title the chosen Zielberuf was found by (kept with the profiling).
pub fn berufsauswahl(k: &Katalog, zielberuf: &str, bezeichnung: &str, suche: &str) -> Berufsauswahl {
    let suche = suche.trim().chars().take(100).collect::<String>();
    let gewaehlt = (!zielberuf.is_empty()).then(|| Berufsoption {
        code: zielberuf.to_owned(),
        titel: titel(k, zielberuf),
        benennung: bezeichnung.chars().take(200).collect(),
    });
    let funde = k.berufe.finden(&suche, TREFFER);
    // Hits far below the best are noise to a reader ("Fachinformatikerin" would list every
    // "…in"): at least half the points of the best.
    let bester = funde.first().map_or(0, |t| t.punkte);
    let treffer: Vec<Berufsoption> = funde
        .into_iter()
        .filter(|t| t.punkte * 2 >= bester && t.beruf.kldb.as_str() != zielberuf)
        .map(|t| Berufsoption {
            code: t.beruf.kldb.to_string(),
            titel: t.beruf.titel.clone(),
            benennung: if t.herkunft == Benennungsherkunft::Titel { String::new() } else { t.benennung },
        })
        .collect();
    let gesucht = !suche.is_empty();
    let ansage = match (gesucht, treffer.len()) {
        (false, _) => String::new(),
        (true, 0) => format!("Kein Beruf gefunden für {suche}."),
        (true, 1) => "1 Beruf gefunden.".to_owned(),
        (true, n) => format!("{n} Berufe gefunden."),
    };
    Berufsauswahl { gewaehlt, treffer, suche, gesucht, ansage }
}

/// The titles of the alternative occupations (shown after saving or re-rendering).
pub fn alternativen(k: &Katalog, f: &Formularstand) -> Vec<String> {
    f.alternativ_codes().iter().map(|c| format!("{} ({c})", titel(k, c))).collect()
}

/// The mark next to a Profillage radio; replaced out of band when the suggestion changes.
#[derive(Debug, Clone)]
pub struct Marke {
    pub id: &'static str,
    pub text: &'static str,
    /// KERN badge modifier.
    pub art: &'static str,
}

#[derive(Debug, Clone)]
pub struct Lageoption {
    pub id: &'static str,
    pub label: &'static str,
    pub beschreibung: String,
    pub gewaehlt: bool,
    /// I exists only in SGB II (PL4).
    pub nicht_im_rechtskreis: bool,
    pub marke: Marke,
}

pub fn lageoptionen(k: &Katalog, f: &Formularstand, box_: &Vorschlagsbox, rechtskreis: Rechtskreis) -> Vec<Lageoption> {
    Profillage::ALLE
        .iter()
        .map(|p| Lageoption {
            id: p.id(),
            label: p.label(),
            beschreibung: k.profillagen.iter().find(|e| e.id == *p).map(|e| e.beschreibung.clone()).unwrap_or_default(),
            gewaehlt: f.profillage == p.id(),
            nicht_im_rechtskreis: *p == Profillage::I && rechtskreis == Rechtskreis::SgbIII,
            marke: box_.marke(*p),
        })
        .collect()
}

/// PL1: the engine's answer for the form as it stands.
#[derive(Debug, Clone, Default)]
pub struct Vorschlagsbox {
    pub vorschlag: Option<Profillage>,
    pub zulaessig: Vec<Profillage>,
    pub konsistent: bool,
    pub naechstliegend: Option<Profillage>,
    pub schwerpunkt: String,
    pub schwerpunkt_waehlen: bool,
    pub hinweise: Vec<BefundZeile>,
    /// Findings on the chosen Profillage.
    pub wahl: Vec<BefundZeile>,
    /// Why no suggestion could be computed (the form cannot be read yet).
    pub fehler: String,
}

impl Vorschlagsbox {
    pub fn aus(v: &ProfillageVorschlag) -> Vorschlagsbox {
        let e = &v.ergebnis;
        Vorschlagsbox {
            vorschlag: e.vorschlag,
            zulaessig: e.zulaessig.clone(),
            konsistent: e.konsistent,
            naechstliegend: e.naechstliegend,
            schwerpunkt: e.schwerpunkt.map(|g| g.label().to_owned()).unwrap_or_default(),
            schwerpunkt_waehlen: e.schwerpunkt_waehlen,
            hinweise: befund_zeilen(&e.hinweise),
            wahl: befund_zeilen(&v.wahl),
            fehler: String::new(),
        }
    }

    pub fn ohne(fehler: String) -> Vorschlagsbox {
        Vorschlagsbox { konsistent: true, fehler, ..Default::default() }
    }

    pub fn vorschlag_text(&self) -> &'static str {
        self.vorschlag.map_or("kein Vorschlag", Profillage::label)
    }

    pub fn zulaessig_text(&self) -> String {
        if self.zulaessig.is_empty() {
            "keine – jede Wahl braucht eine Begründung".to_owned()
        } else {
            self.zulaessig.iter().map(|p| p.label()).collect::<Vec<_>>().join(", ")
        }
    }

    pub fn naechstliegend_text(&self) -> &'static str {
        self.naechstliegend.map_or("", Profillage::label)
    }

    /// What a screen reader hears when the box changes.
    pub fn ansage(&self) -> String {
        if !self.fehler.is_empty() {
            return format!("Kein Vorschlag: {}", self.fehler);
        }
        let mut t = format!(
            "Vorschlag nach den Regeln: {}. Zulässig ohne Begründung: {}.",
            self.vorschlag_text(),
            self.zulaessig_text()
        );
        if self.wahl.iter().any(|b| b.schwere == "Fehler") {
            t.push_str(" Die gewählte Profillage braucht eine Korrektur oder Begründung.");
        }
        t
    }

    pub fn marke(&self, p: Profillage) -> Marke {
        let (text, art) = if self.vorschlag == Some(p) {
            ("vorgeschlagen, zulässig", "success")
        } else if self.zulaessig.contains(&p) {
            ("zulässig", "info")
        } else if self.naechstliegend == Some(p) {
            ("nächstliegend, nur mit Begründung", "warning")
        } else {
            ("", "")
        };
        Marke { id: p.id(), text, art }
    }

    pub fn marken(&self) -> Vec<Marke> {
        Profillage::ALLE.iter().map(|p| self.marke(*p)).collect()
    }
}

#[derive(Debug, Clone)]
pub struct Auswahl {
    pub id: String,
    pub label: String,
}

/// PL3: the reasons for Z valid in this Rechtskreis.
pub fn z_gruende(k: &Katalog, r: Rechtskreis) -> Vec<Auswahl> {
    k.z_gruende
        .iter()
        .filter(|g| g.nur_rechtskreis.is_none_or(|n| n == r))
        .map(|g| Auswahl {
            id: g.id.clone(),
            label: format!("{}) {}", g.id.split('_').next().unwrap_or_default(), g.label),
        })
        .collect()
}

/// PL4: the reasons for I.
pub fn i_gruende(k: &Katalog) -> Vec<Auswahl> {
    k.i_gruende.iter().map(|g| Auswahl { id: g.id.clone(), label: g.label.clone() }).collect()
}
