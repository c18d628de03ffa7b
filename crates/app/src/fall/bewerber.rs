//! §8.4 from the posting's side (candidates for a vacancy, the AG-S view) and F3 (the worklist of
//! new matches between conversations). Only cases the user may read are named; each named
//! candidate is a logged read of that case (D3).

use chrono::{DateTime, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use vierphasen_domain::KundeId;
use vierphasen_domain::fallakte::StrategieWahl;
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, pruefen};
use vierphasen_matching::Tag;
use vierphasen_store::protokoll::Zugriff;
use vierphasen_store::sql;

use super::stammdaten_laden;
use super::vermittlung::{Faktor, ZWECK_BEWERBERSUCHE, faktoren};
use super::vorschlag::VorschlagStatus;
use crate::stellen::{Stelle, stelle_laden};
use crate::{App, AppFehler};

/// F3: the strategy whose customers the worklist puts first.
const STRATEGIE_VERMITTLUNG: &str = "vermittlung";

/// Candidates searched per posting.
pub const BEWERBER_JE_STELLE: usize = 50;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Bewerbertreffer {
    pub kunde_id: i64,
    pub kundennummer: String,
    pub name: String,
    pub punkte: u32,
    pub faktoren: Vec<Faktor>,
    pub fehlende_kenntnisse: Vec<String>,
    /// F2 step 3: Handlungsbedarfe stand against applications (marked, S12).
    pub bewerbung_entgegen: bool,
    pub vorschlag: Option<VorschlagStatus>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Bewerberliste {
    pub stelle: Stelle,
    pub bewerber: Vec<Bewerbertreffer>,
    /// Matching candidates in cases this user may not read (counted, never named).
    pub weitere_ohne_zugriff: usize,
}

/// F3: a customer of the user's caseload with matches that arrived since the last look.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct NeueTreffer {
    pub kunde_id: i64,
    pub kundennummer: String,
    pub name: String,
    pub neue: usize,
    pub bester_titel: String,
    pub beste_punkte: u32,
    /// The customer has the strategy "Vermittlung" (F3: especially these).
    pub vermittlungsstrategie: bool,
}

/// A customer of the user with the time she last looked at its matches (F3).
#[derive(sqlx::FromRow)]
struct EigenerKunde {
    id: i64,
    kundennummer: String,
    vorname: String,
    nachname: String,
    gesehen_um: Option<DateTime<Utc>>,
}

impl App {
    /// B2 for the user: the best candidates for a posting among the cases she may read.
    pub async fn bewerber_zur_stelle(&self, wer: &Akteur, stelle_id: i64) -> Result<Bewerberliste, AppFehler> {
        if wer.rolle == vierphasen_domain::zugriff::Rolle::Datenschutz {
            return Err(AppFehler::Verboten("Bewerbersuchen gehören nicht zu Ihrer Rolle.".into()));
        }
        let mut tx = self.db.begin().await?;
        let (stelle, _) = stelle_laden(&mut tx, stelle_id).await?.ok_or(AppFehler::NichtGefunden("Die Stelle"))?;
        let heute = self.heute();
        let m = &self.matching;
        let treffer = match m.angebot(&stelle) {
            Some(a) => m.profile.suchen(&a, Tag::aus_datum(heute), BEWERBER_JE_STELLE),
            None => Vec::new(),
        };
        let mut bewerber = Vec::new();
        let mut weitere = 0;
        for t in treffer {
            let kunde_id = t.id as i64;
            let Some((stamm, bezug)) = stammdaten_laden(&mut tx, KundeId(kunde_id)).await? else { continue };
            if pruefen(wer, Aktion::FallLesen, Some(&bezug)) != Entscheidung::Erlaubt {
                weitere += 1;
                continue;
            }
            let vorschlag = sql!(&mut tx, zeile<(String,)>
                "SELECT status FROM vermittlungsvorschlag WHERE kunde_id = $1 AND stellenangebot_id = $2",
                kunde_id, stelle_id)?
            .and_then(|(s,)| VorschlagStatus::aus_id(&s));
            bewerber.push(Bewerbertreffer {
                kunde_id,
                kundennummer: stamm.kundennummer,
                name: format!("{} {}", stamm.vorname, stamm.nachname),
                punkte: t.punkte,
                faktoren: faktoren(&t.erklaerung, &stelle, heute),
                fehlende_kenntnisse: t.erklaerung.fehlende_faehigkeiten.iter().map(|f| m.faehigkeit(*f)).collect(),
                bewerbung_entgegen: t.erklaerung.bewerbung_entgegen,
                vorschlag,
            });
        }
        drop(tx);
        for b in &bewerber {
            self.protokoll
                .protokollieren(Zugriff {
                    zeitpunkt: self.jetzt(),
                    benutzer_id: wer.benutzer_id,
                    kunde_id: b.kunde_id,
                    zweck: ZWECK_BEWERBERSUCHE.to_string(),
                })
                .await?;
        }
        Ok(Bewerberliste { stelle, bewerber, weitere_ohne_zugriff: weitere })
    }

    /// F3: the user's own customers with matches newer than her last look at them; customers
    /// with the strategy "Vermittlung" first, then by number of new matches.
    pub async fn neue_treffer(&self, wer: &Akteur) -> Result<Vec<NeueTreffer>, AppFehler> {
        let mut tx = self.db.begin().await?;
        let kunden = sql!(&mut tx, zeilen<EigenerKunde>
            "SELECT k.id, k.kundennummer, k.vorname, k.nachname, g.gesehen_um
             FROM kunde k LEFT JOIN treffer_gesehen g ON g.kunde_id = k.id AND g.benutzer_id = $1
             WHERE k.vfk_id = $1 ORDER BY k.nachname, k.id", wer.benutzer_id)?;
        let heute = Tag::aus_datum(self.heute());
        let m = &self.matching;
        let mut aus = Vec::new();
        for EigenerKunde { id: kunde_id, kundennummer, vorname, nachname, gesehen_um: gesehen } in kunden {
            let Some(profil) = m.profil(KundeId(kunde_id)) else { continue };
            let neu: Vec<_> = m
                .stellen
                .suchen(&profil, heute, super::vermittlung::TREFFER_JE_FALL)
                .into_iter()
                .filter(|t| gesehen.is_none_or(|g| m.eingang(t.id).is_some_and(|e| e > g)))
                .collect();
            let Some(bester) = neu.first() else { continue };
            let bester_titel = stelle_laden(&mut tx, bester.id as i64).await?.map(|(s, _)| s.titel).unwrap_or_default();
            let offen = sql!(&mut tx, zeilen<(String,)>
                "SELECT inhalt FROM strategie WHERE kunde_id = $1 AND erledigt = FALSE", kunde_id)?;
            let vermittlungsstrategie = offen.iter().any(|(inhalt,)| {
                serde_json::from_str::<StrategieWahl>(inhalt)
                    .ok()
                    .and_then(|w| self.katalog.finde_strategie(&w.strategie))
                    == self.katalog.finde_strategie(STRATEGIE_VERMITTLUNG)
            });
            aus.push(NeueTreffer {
                kunde_id,
                kundennummer,
                name: format!("{vorname} {nachname}"),
                neue: neu.len(),
                bester_titel,
                beste_punkte: bester.punkte,
                vermittlungsstrategie,
            });
        }
        aus.sort_by(|a, b| b.vermittlungsstrategie.cmp(&a.vermittlungsstrategie).then(b.neue.cmp(&a.neue)));
        Ok(aus)
    }
}
