//! Phase 1 (P1–P8, PL1–PL4): saving a profiling version, and the Profillage the engine derives
//! for the data of the form. Also the rule gate the use cases of phases 1–3 share (`tor`).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::fallakte::{
    MerkmalBewertung, ProfilingVersion, ProfillageWahl, Staerke, Standortbestimmung, Verdichtung, ZGrundAngabe,
};
use vierphasen_domain::pruefung::profillage_eingabe;
use vierphasen_domain::regeln::profillage::{ProfillageErgebnis, Wahl, ableiten, wahl_pruefen};
use vierphasen_domain::zugriff::{Akteur, Aktion};
use vierphasen_domain::{Befund, Katalog};

use super::kunde::{text_opt, text_pruefen};
use super::schreiben::nicht_vor;
use super::{Aenderung, aufloesen, fall_laden};
use super::{Tor, Verlaufsaktion};
use crate::grenzen;
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

/// A profiling as the VFK enters it (the fields of `ProfilingVersion`; the date is today).
#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfilingEingabe {
    /// P1: KldB 2010 code (5 digits).
    #[serde(default)]
    pub zielberuf: Option<String>,
    /// P1: the job title it was chosen by ("Verkäuferin"), printed in documents for the customer.
    #[serde(default)]
    pub zielberuf_bezeichnung: Option<String>,
    #[serde(default)]
    pub alternativberufe: Vec<String>,
    /// P1a: provisional profiling (no Zielberuf could be worked out yet).
    #[serde(default)]
    pub vorlaeufig: bool,
    /// P2
    #[serde(default)]
    pub staerken: Vec<Staerke>,
    /// P3: status per Merkmal (id or label); a Merkmal not listed has not been assessed.
    #[serde(default)]
    pub merkmale: Vec<MerkmalBewertung>,
    /// PL2: groups marked as verdichtet (with comment).
    #[serde(default)]
    pub verdichtung: Vec<Verdichtung>,
    /// PL2: the Schwerpunkt (Schlüsselgruppe id).
    #[serde(default)]
    pub schwerpunkt: Option<String>,
    /// P7
    #[serde(default)]
    pub standortbestimmung: Option<Standortbestimmung>,
    /// PL3
    #[serde(default)]
    pub z_grund: Option<ZGrundAngabe>,
    /// PL4
    #[serde(default)]
    pub i_grund: Option<String>,
    /// PL1: the chosen Profillage; outside the admissible set only with `begruendung`.
    #[serde(default)]
    pub profillage: Option<ProfillageWahl>,
    /// Confirms the warnings the change brings.
    #[serde(default)]
    pub bestaetigt: bool,
}

/// PL1: the engine's answer for the entered profiling, and what it says about the choice.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct ProfillageVorschlag {
    /// Suggestion, admissible set and hints (PL1–PL4).
    pub ergebnis: ProfillageErgebnis,
    /// Findings on the entered Profillage (e.g. PL1: outside the admissible set without
    /// Begründung); empty when the choice is fine or none was entered.
    pub wahl: Vec<Befund>,
}

/// An optional free text: trimmed, empty means absent.
/// A text the rules themselves check for emptiness (so the refusal names the rule): only
/// length and control characters are checked here.
fn text_frei(feld: &str, wert: &str, max: usize) -> Result<String, AppFehler> {
    Ok(text_opt(feld, Some(wert), max)?.unwrap_or_default())
}

/// Catalogue references are stored by id; an unknown one stays as entered, so the Fallakte
/// check names it.
fn version_bauen(k: &Katalog, e: &ProfilingEingabe, heute: NaiveDate) -> Result<ProfilingVersion, AppFehler> {
    if e.staerken.len() > 100 || e.merkmale.len() > 100 || e.alternativberufe.len() > 20 || e.verdichtung.len() > 5 {
        return Err(AppFehler::ungueltig("(Profiling)", "zu viele Einträge"));
    }
    let kurz = |t: &str| t.trim().to_string();
    let mut staerken = Vec::with_capacity(e.staerken.len());
    for (j, st) in e.staerken.iter().enumerate() {
        staerken.push(Staerke {
            bezeichnung: text_pruefen(&format!("staerken[{j}].bezeichnung"), &st.bezeichnung, grenzen::BEZEICHNUNG)?,
            ..st.clone()
        });
    }
    let mut merkmale = Vec::with_capacity(e.merkmale.len());
    for (j, m) in e.merkmale.iter().enumerate() {
        merkmale.push(MerkmalBewertung {
            merkmal: k.finde_merkmal(&m.merkmal).map_or_else(|| kurz(&m.merkmal), |r| k.merkmal(r).id.clone()),
            status: m.status,
            kommentar: text_opt(&format!("merkmale[{j}].kommentar"), m.kommentar.as_deref(), grenzen::ABSATZ)?,
        });
    }
    let gruppe = |t: &str| k.finde_gruppe(t).map_or_else(|| kurz(t), |g| g.id().to_string());
    let mut verdichtung = Vec::with_capacity(e.verdichtung.len());
    for (j, v) in e.verdichtung.iter().enumerate() {
        verdichtung.push(Verdichtung {
            gruppe: gruppe(&v.gruppe),
            kommentar: text_frei(&format!("verdichtung[{j}].kommentar"), &v.kommentar, grenzen::ABSATZ)?,
        });
    }
    let standortbestimmung = match &e.standortbestimmung {
        Some(sb) => {
            if sb.datum > heute {
                return Err(AppFehler::ungueltig("standortbestimmung.datum", "liegt in der Zukunft"));
            }
            Some(Standortbestimmung {
                fazit: text_pruefen("standortbestimmung.fazit", &sb.fazit, grenzen::LANGTEXT)?,
                ..sb.clone()
            })
        }
        None => None,
    };
    let z_grund = e.z_grund.as_ref().map(|z| ZGrundAngabe {
        grund: k.finde_z_grund(&z.grund).map_or_else(|| kurz(&z.grund), |i| k.z_gruende[i].id.clone()),
        ..z.clone()
    });
    let profillage = match &e.profillage {
        Some(w) => Some(ProfillageWahl {
            wert: k.finde_profillage(&w.wert).map_or_else(|| kurz(&w.wert), |p| p.id().to_string()),
            begruendung: text_opt("profillage.begruendung", w.begruendung.as_deref(), grenzen::LANGTEXT)?,
        }),
        None => None,
    };
    let zielberuf = e.zielberuf.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(str::to_string);
    let zielberuf_bezeichnung = match zielberuf {
        Some(_) => text_opt("zielberuf_bezeichnung", e.zielberuf_bezeichnung.as_deref(), grenzen::BEZEICHNUNG)?,
        None => None,
    };
    Ok(ProfilingVersion {
        gespeichert_am: heute,
        zielberuf,
        zielberuf_bezeichnung,
        alternativberufe: e.alternativberufe.iter().map(|a| kurz(a)).collect(),
        vorlaeufig: e.vorlaeufig,
        staerken,
        merkmale,
        verdichtung,
        schwerpunkt: e.schwerpunkt.as_deref().map(str::trim).filter(|t| !t.is_empty()).map(gruppe),
        standortbestimmung,
        z_grund,
        i_grund: e
            .i_grund
            .as_deref()
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(|t| k.finde_i_grund(t).map_or_else(|| t.to_string(), |i| k.i_gruende[i].id.clone())),
        profillage,
    })
}

impl App {
    /// P1–P8: saves a new profiling version dated today (the latest is current). A Profillage
    /// outside the admissible set needs a Begründung (PL1); the gate refuses it otherwise.
    pub async fn profiling_speichern(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        eingabe: ProfilingEingabe,
    ) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let version = version_bauen(self.katalog, &eingabe, s.heute)?;
        let vorher = s.fall.akte.profiling.last().cloned();
        nicht_vor("gespeichert_am", s.heute, vorher.as_ref().map(|v| v.gespeichert_am))?;
        let (id, i) = s.anfuegen(version, Verlaufsaktion::Gespeichert).await?;
        let befunde = s.abschliessen(Tor::pruefen(eingabe.bestaetigt).fuer(format!("profiling[{i}]."))).await?;
        Ok(Aenderung { id, befunde })
    }

    /// PL1–PL4: the Profillage the engine derives for the entered profiling, without saving.
    pub async fn profillage_vorschlag(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        eingabe: ProfilingEingabe,
    ) -> Result<ProfillageVorschlag, AppFehler> {
        let heute = self.heute();
        let version = version_bauen(self.katalog, &eingabe, heute)?;
        // Not written to the access log: this is a computation on the form's data (the case adds
        // only its Rechtskreis and running strategies); the case is opened, and logged, separately.
        let mut tx = self.db.begin().await?;
        let fall = fall_laden(&mut tx, wer, kunde_id, Aktion::FallLesen, self.jetzt()).await?;
        drop(tx);
        let mut akte = fall.akte;
        let i = akte.profiling.len();
        akte.profiling.push(version);
        let f = aufloesen(akte, self.katalog, &format!("profiling[{i}]."))?;
        let e = profillage_eingabe(&f, heute);
        let ergebnis = ableiten(&e);
        let wahl = match f.aktuelles_profiling() {
            Some((v, st)) => wahl_pruefen(
                &e,
                &ergebnis,
                Wahl {
                    profillage: st.profillage,
                    begruendung: v.profillage.as_ref().and_then(|p| p.begruendung.as_deref()),
                    schwerpunkt_gewaehlt: st.schwerpunkt,
                },
            ),
            None => Vec::new(),
        };
        Ok(ProfillageVorschlag { ergebnis, wahl })
    }
}
