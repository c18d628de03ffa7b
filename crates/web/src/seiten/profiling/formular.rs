//! The profiling form as typed (every value kept as text, so a refused form shows exactly what
//! was entered), read from the saved version or the submitted form, and turned into the use
//! case's input. Also where a field the use case or a rule names (`merkmale[3].kommentar`,
//! `profiling[0].verdichtung[1].kommentar`) is on this page.

use chrono::NaiveDate;
use vierphasen_app::AppFehler;
use vierphasen_app::fall::ProfilingEingabe;
use vierphasen_domain::fallakte::{
    MerkmalBewertung, Niveau, ProfilingVersion, ProfillageWahl, Staerke, Standortbestimmung, Verdichtung, ZGrundAngabe,
};
use vierphasen_domain::{Katalog, MerkmalStatus, Schluesselgruppe};

use crate::seiten::Formular;

/// Empty Stärken rows below the filled ones.
pub const LEERE_ZEILEN: usize = 3;
/// More rows than this are not offered (the use case accepts at most 100).
const HOECHSTENS_ZEILEN: usize = 100;

/// PL2: the groups a Schwerpunkt and a Verdichtung can lie in (Q, L, R).
pub const FOERDERGRUPPEN: [Schluesselgruppe; 3] =
    [Schluesselgruppe::Qualifikation, Schluesselgruppe::Leistungsfaehigkeit, Schluesselgruppe::Rahmenbedingungen];

#[derive(Debug, Clone, Default)]
pub struct StaerkeZeile {
    pub bezeichnung: String,
    /// `grundkenntnisse`, `erweitert`, `experte`.
    pub niveau: String,
    pub besondere: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Bewertung {
    pub merkmal: String,
    /// `kein_handlungsbedarf`, `handlungsbedarf`, `zu_klaeren`, or empty (not assessed).
    pub status: String,
    pub kommentar: String,
}

#[derive(Debug, Clone, Default)]
pub struct VerdichtungZeile {
    pub gruppe: &'static str,
    pub markiert: bool,
    pub kommentar: String,
}

/// Everything the form holds, as typed.
#[derive(Debug, Clone, Default)]
pub struct Formularstand {
    /// KldB code of the Zielberuf, empty = none.
    pub zielberuf: String,
    /// The job title it was chosen by (the hidden field of its radio), empty = none.
    pub zielberuf_bezeichnung: String,
    pub berufsuche: String,
    /// KldB codes, separated by commas.
    pub alternativberufe: String,
    pub vorlaeufig: bool,
    /// The filled rows first, then the empty ones.
    pub staerken: Vec<StaerkeZeile>,
    /// One per catalogue Merkmal, in catalogue order.
    pub bewertungen: Vec<Bewertung>,
    /// One per Förder-Schlüsselgruppe.
    pub verdichtung: Vec<VerdichtungZeile>,
    /// Schlüsselgruppe id, empty = by the rule.
    pub schwerpunkt: String,
    /// JJJJ-MM-TT as the date input sends it.
    pub sb_datum: String,
    pub sb_prognose: String,
    pub sb_fazit: String,
    /// PL2: planned duration of the FbW in months, empty = none.
    pub sb_fbw_dauer: String,
    /// PL2: the prognosis exceeds 12 months only because of the FbW.
    pub sb_fbw: bool,
    /// `ja`, `nein`, or empty (no statement).
    pub sb_heranfuehren: String,
    /// Profillage id, empty = none chosen.
    pub profillage: String,
    pub begruendung: String,
    pub z_grund: String,
    pub z_ende: String,
    /// PL3 d): JJJJ-MM-TT of the next agreed conversation.
    pub z_kein_fortschritt: String,
    pub z_integration: bool,
    pub i_grund: String,
}

fn status_text(s: MerkmalStatus) -> &'static str {
    match s {
        MerkmalStatus::KeinHandlungsbedarf => "kein_handlungsbedarf",
        MerkmalStatus::Handlungsbedarf => "handlungsbedarf",
        MerkmalStatus::ZuKlaeren => "zu_klaeren",
    }
}

fn status_aus(t: &str) -> Option<MerkmalStatus> {
    match t {
        "kein_handlungsbedarf" => Some(MerkmalStatus::KeinHandlungsbedarf),
        "handlungsbedarf" => Some(MerkmalStatus::Handlungsbedarf),
        "zu_klaeren" => Some(MerkmalStatus::ZuKlaeren),
        _ => None,
    }
}

pub fn niveau_text(n: Niveau) -> &'static str {
    match n {
        Niveau::Grundkenntnisse => "grundkenntnisse",
        Niveau::Erweitert => "erweitert",
        Niveau::Experte => "experte",
    }
}

fn niveau_aus(t: &str) -> Niveau {
    match t {
        "erweitert" => Niveau::Erweitert,
        "experte" => Niveau::Experte,
        _ => Niveau::Grundkenntnisse,
    }
}

/// Splits "43413, 43414" into codes.
fn codes(text: &str) -> Vec<String> {
    text.split(|c: char| c == ',' || c == ';' || c.is_whitespace())
        .filter(|t| !t.is_empty())
        .map(str::to_owned)
        .collect()
}

impl Formularstand {
    /// The form for a new version: prefilled from the current one (or empty), the date of the
    /// Standortbestimmung today when there is none yet.
    pub fn aus_version(k: &Katalog, v: Option<&ProfilingVersion>, heute: NaiveDate) -> Formularstand {
        let bewertungen = k
            .merkmale
            .iter()
            .map(|m| {
                let b = v.and_then(|v| {
                    v.merkmale.iter().find(|b| k.finde_merkmal(&b.merkmal).is_some_and(|r| k.merkmal(r).id == m.id))
                });
                Bewertung {
                    merkmal: m.id.clone(),
                    status: b.map(|b| status_text(b.status)).unwrap_or_default().to_owned(),
                    kommentar: b.and_then(|b| b.kommentar.clone()).unwrap_or_default(),
                }
            })
            .collect();
        let verdichtung = FOERDERGRUPPEN
            .iter()
            .map(|g| {
                let d = v.and_then(|v| v.verdichtung.iter().find(|d| k.finde_gruppe(&d.gruppe) == Some(*g)));
                VerdichtungZeile {
                    gruppe: g.id(),
                    markiert: d.is_some(),
                    kommentar: d.map(|d| d.kommentar.clone()).unwrap_or_default(),
                }
            })
            .collect();
        let mut staerken: Vec<StaerkeZeile> = v
            .map(|v| {
                v.staerken
                    .iter()
                    .map(|s| StaerkeZeile {
                        bezeichnung: s.bezeichnung.clone(),
                        niveau: niveau_text(s.niveau).to_owned(),
                        besondere: s.besondere,
                    })
                    .collect()
            })
            .unwrap_or_default();
        staerken.extend((0..LEERE_ZEILEN).map(|_| StaerkeZeile::default()));
        let sb = v.and_then(|v| v.standortbestimmung.as_ref());
        let wahl = v.and_then(|v| v.profillage.as_ref());
        let z = v.and_then(|v| v.z_grund.as_ref());
        Formularstand {
            zielberuf: v.and_then(|v| v.zielberuf.clone()).unwrap_or_default(),
            zielberuf_bezeichnung: v.and_then(|v| v.zielberuf_bezeichnung.clone()).unwrap_or_default(),
            berufsuche: String::new(),
            alternativberufe: v.map(|v| v.alternativberufe.join(", ")).unwrap_or_default(),
            vorlaeufig: v.is_some_and(|v| v.vorlaeufig),
            staerken,
            bewertungen,
            verdichtung,
            schwerpunkt: v
                .and_then(|v| v.schwerpunkt.as_deref())
                .and_then(|s| k.finde_gruppe(s))
                .map(|g| g.id().to_owned())
                .unwrap_or_default(),
            sb_datum: sb.map_or(heute, |s| s.datum).to_string(),
            sb_prognose: sb.map(|s| s.prognose_monate.to_string()).unwrap_or_default(),
            sb_fazit: sb.map(|s| s.fazit.clone()).unwrap_or_default(),
            sb_fbw_dauer: sb.and_then(|s| s.fbw_dauer_monate).map(|d| d.to_string()).unwrap_or_default(),
            sb_fbw: sb.is_some_and(|s| s.prognose_nur_wegen_fbw),
            sb_heranfuehren: match sb.and_then(|s| s.heranfuehren_binnen_12_monaten) {
                Some(true) => "ja",
                Some(false) => "nein",
                None => "",
            }
            .to_owned(),
            profillage: wahl.and_then(|w| k.finde_profillage(&w.wert)).map(|p| p.id().to_owned()).unwrap_or_default(),
            begruendung: wahl.and_then(|w| w.begruendung.clone()).unwrap_or_default(),
            z_grund: z.and_then(|z| k.finde_z_grund(&z.grund)).map(|i| k.z_gruende[i].id.clone()).unwrap_or_default(),
            z_ende: z.and_then(|z| z.ende_datum).map(|d| d.to_string()).unwrap_or_default(),
            z_kein_fortschritt: z.and_then(|z| z.kein_fortschritt_bis).map(|d| d.to_string()).unwrap_or_default(),
            z_integration: z.is_some_and(|z| z.integration_angestrebt),
            i_grund: v
                .and_then(|v| v.i_grund.as_deref())
                .and_then(|t| k.finde_i_grund(t))
                .map(|i| k.i_gruende[i].id.clone())
                .unwrap_or_default(),
        }
    }

    /// The submitted form. Filled Stärken rows move up; `weitere_zeile` adds one empty row.
    pub fn aus_formular(k: &Katalog, f: &Formular, weitere_zeile: bool) -> Formularstand {
        let zeilen = f.zahl::<usize>("staerken_zeilen", "Zeilen").ok().flatten().unwrap_or(0).min(HOECHSTENS_ZEILEN);
        let alle: Vec<StaerkeZeile> = (0..zeilen)
            .map(|n| StaerkeZeile {
                bezeichnung: f.text(&format!("staerke_bezeichnung_{n}")),
                niveau: f.text(&format!("staerke_niveau_{n}")),
                besondere: f.haken(&format!("staerke_besondere_{n}")),
            })
            .collect();
        let leer_vorher = alle.iter().filter(|s| s.bezeichnung.is_empty()).count();
        let mut staerken: Vec<StaerkeZeile> = alle.into_iter().filter(|s| !s.bezeichnung.is_empty()).collect();
        let leer = leer_vorher.max(LEERE_ZEILEN) + usize::from(weitere_zeile);
        let leer = leer.min(HOECHSTENS_ZEILEN.saturating_sub(staerken.len()));
        staerken.extend((0..leer).map(|_| StaerkeZeile::default()));
        Formularstand {
            zielberuf: f.text("zielberuf"),
            zielberuf_bezeichnung: f.text(&format!("zielberuf_bezeichnung_{}", f.text("zielberuf"))),
            berufsuche: f.text("berufsuche"),
            alternativberufe: f.text("alternativberufe"),
            vorlaeufig: f.haken("vorlaeufig"),
            staerken,
            bewertungen: k
                .merkmale
                .iter()
                .map(|m| Bewertung {
                    merkmal: m.id.clone(),
                    status: f.text(&format!("status_{}", m.id)),
                    kommentar: f.text(&format!("kommentar_{}", m.id)),
                })
                .collect(),
            verdichtung: FOERDERGRUPPEN
                .iter()
                .map(|g| VerdichtungZeile {
                    gruppe: g.id(),
                    markiert: f.haken(&format!("verdichtung_{}", g.id())),
                    kommentar: f.text(&format!("verdichtung_kommentar_{}", g.id())),
                })
                .collect(),
            schwerpunkt: f.text("schwerpunkt"),
            sb_datum: f.text("sb_datum"),
            sb_prognose: f.text("sb_prognose"),
            sb_fazit: f.text("sb_fazit"),
            sb_fbw_dauer: f.text("sb_fbw_dauer"),
            sb_fbw: f.haken("sb_fbw"),
            sb_heranfuehren: f.text("sb_heranfuehren"),
            profillage: f.text("profillage"),
            begruendung: f.text("begruendung"),
            z_grund: f.text("z_grund"),
            z_ende: f.text("z_ende"),
            z_kein_fortschritt: f.text("z_kein_fortschritt"),
            z_integration: f.haken("z_integration"),
            i_grund: f.text("i_grund"),
        }
    }

    /// The use case's input; what cannot be read is refused with the input's id.
    pub fn eingabe(&self, bestaetigt: bool) -> Result<ProfilingEingabe, AppFehler> {
        let als_formular = |name: &str, wert: &str| Formular(vec![(name.to_owned(), wert.to_owned())]);
        let datum = |name: &str, wert: &str, bezeichnung: &str| als_formular(name, wert).datum(name, bezeichnung);
        let staerken = self
            .staerken
            .iter()
            .filter(|s| !s.bezeichnung.is_empty())
            .map(|s| Staerke {
                bezeichnung: s.bezeichnung.clone(),
                niveau: niveau_aus(&s.niveau),
                besondere: s.besondere,
            })
            .collect();
        let mut merkmale = Vec::new();
        for b in &self.bewertungen {
            if let Some(status) = status_aus(&b.status) {
                let kommentar = Some(b.kommentar.clone()).filter(|t| !t.is_empty());
                merkmale.push(MerkmalBewertung { merkmal: b.merkmal.clone(), status, kommentar });
            } else if !b.kommentar.is_empty() {
                return Err(AppFehler::ungueltig(
                    format!("status_{}_kein_handlungsbedarf", b.merkmal),
                    "Zu einem Kommentar bitte auch den Status des Merkmals wählen.",
                ));
            }
        }
        let verdichtung = self
            .verdichtung
            .iter()
            .filter(|v| v.markiert)
            .map(|v| Verdichtung { gruppe: v.gruppe.to_owned(), kommentar: v.kommentar.clone() })
            .collect();
        let standortbestimmung = if self.sb_prognose.is_empty() && self.sb_fazit.is_empty() {
            None
        } else {
            let datum = datum("sb_datum", &self.sb_datum, "Datum der Standortbestimmung")?.ok_or_else(|| {
                AppFehler::ungueltig("sb_datum", "Datum der Standortbestimmung: bitte ein Datum angeben")
            })?;
            let prognose = als_formular("sb_prognose", &self.sb_prognose)
                .zahl::<u16>("sb_prognose", "Integrationsprognose")?
                .ok_or_else(|| AppFehler::ungueltig("sb_prognose", "Integrationsprognose: bitte die Monate angeben"))?;
            Some(Standortbestimmung {
                datum,
                prognose_monate: prognose,
                fazit: self.sb_fazit.clone(),
                fbw_dauer_monate: als_formular("sb_fbw_dauer", &self.sb_fbw_dauer)
                    .zahl::<u16>("sb_fbw_dauer", "Dauer der FbW in Monaten")?,
                prognose_nur_wegen_fbw: self.sb_fbw,
                heranfuehren_binnen_12_monaten: match self.sb_heranfuehren.as_str() {
                    "ja" => Some(true),
                    "nein" => Some(false),
                    _ => None,
                },
            })
        };
        let z_grund = match self.z_grund.as_str() {
            "" => None,
            g => Some(ZGrundAngabe {
                grund: g.to_owned(),
                ende_datum: datum("z_ende", &self.z_ende, "Ende der Arbeitslosigkeit bzw. Hilfebedürftigkeit")?,
                kein_fortschritt_bis: datum(
                    "z_kein_fortschritt",
                    &self.z_kein_fortschritt,
                    "Nächstes vereinbartes Beratungsgespräch",
                )?,
                integration_angestrebt: self.z_integration,
            }),
        };
        Ok(ProfilingEingabe {
            zielberuf: Some(self.zielberuf.clone()).filter(|t| !t.is_empty()),
            zielberuf_bezeichnung: Some(self.zielberuf_bezeichnung.clone()).filter(|t| !t.is_empty()),
            alternativberufe: codes(&self.alternativberufe),
            vorlaeufig: self.vorlaeufig,
            staerken,
            merkmale,
            verdichtung,
            schwerpunkt: Some(self.schwerpunkt.clone()).filter(|t| !t.is_empty()),
            standortbestimmung,
            z_grund,
            i_grund: Some(self.i_grund.clone()).filter(|t| !t.is_empty()),
            profillage: match self.profillage.as_str() {
                "" => None,
                p => Some(ProfillageWahl {
                    wert: p.to_owned(),
                    begruendung: Some(self.begruendung.clone()).filter(|t| !t.is_empty()),
                }),
            },
            bestaetigt,
        })
    }

    pub fn alternativ_codes(&self) -> Vec<String> {
        codes(&self.alternativberufe)
    }

    /// Merkmal ids in the order the input sends them (for `merkmale[j]`).
    fn gesendete_merkmale(&self) -> Vec<&str> {
        self.bewertungen.iter().filter(|b| status_aus(&b.status).is_some()).map(|b| b.merkmal.as_str()).collect()
    }

    fn gesendete_verdichtung(&self) -> Vec<&'static str> {
        self.verdichtung.iter().filter(|v| v.markiert).map(|v| v.gruppe).collect()
    }

    /// Where a field the use case or a rule names is on this page: the input's id and a label
    /// for the error summary. `pfad` may carry the rules' prefix (`profiling[0].`).
    pub fn feld(&self, pfad: &str) -> Option<(String, &'static str)> {
        let pfad = ohne_praefix(pfad);
        let (kopf, rest) = match pfad.split_once('[') {
            Some((kopf, rest)) => {
                let (nr, rest) = rest.split_once(']')?;
                (kopf, Some((nr.parse::<usize>().ok()?, rest.trim_start_matches('.'))))
            }
            None => (pfad, None),
        };
        Some(match (kopf, rest) {
            ("zielberuf", None) => ("berufsuche".to_owned(), "Zielberuf"),
            ("alternativberufe", _) => ("alternativberufe".to_owned(), "Alternativberufe"),
            ("staerken", Some((j, _))) => (format!("staerke_bezeichnung_{j}"), "Stärke"),
            ("merkmale", Some((j, "merkmal"))) => {
                (format!("status_{}_kein_handlungsbedarf", self.gesendete_merkmale().get(j)?), "Potenzialanalyse")
            }
            ("merkmale", Some((j, _))) => (format!("kommentar_{}", self.gesendete_merkmale().get(j)?), "Kommentar"),
            ("verdichtung", Some((j, _))) => {
                (format!("verdichtung_kommentar_{}", self.gesendete_verdichtung().get(j)?), "Verdichtung")
            }
            ("schwerpunkt", None) => ("schwerpunkt_regel".to_owned(), "Schwerpunkt"),
            ("standortbestimmung.datum", None) => ("sb_datum".to_owned(), "Datum der Standortbestimmung"),
            ("standortbestimmung.prognose_monate", None) => ("sb_prognose".to_owned(), "Integrationsprognose"),
            ("standortbestimmung.fazit", None) => ("sb_fazit".to_owned(), "Fazit der Standortbestimmung"),
            ("standortbestimmung.fbw_dauer_monate", None) => ("sb_fbw_dauer".to_owned(), "Dauer der FbW"),
            ("z_grund.kein_fortschritt_bis", None) => {
                ("z_kein_fortschritt".to_owned(), "Nächstes vereinbartes Beratungsgespräch")
            }
            ("z_grund.grund" | "z_grund", None) => ("z_grund".to_owned(), "Grund für Z"),
            ("i_grund", None) => ("i_grund".to_owned(), "Grund für I"),
            ("profillage.begruendung", None) => ("begruendung".to_owned(), "Begründung der Profillage"),
            ("profillage" | "profillage.wert", None) => ("profillage_marktprofil".to_owned(), "Profillage"),
            _ => return None,
        })
    }
}

/// `profiling[3].merkmale[0].kommentar` → `merkmale[0].kommentar`; `profiling.profillage` →
/// `profillage`.
pub fn ohne_praefix(pfad: &str) -> &str {
    if let Some(rest) = pfad.strip_prefix("profiling.") {
        return rest;
    }
    match pfad.strip_prefix("profiling[").and_then(|r| r.split_once("].")) {
        Some((nr, rest)) if nr.bytes().all(|b| b.is_ascii_digit()) => rest,
        _ => pfad,
    }
}
