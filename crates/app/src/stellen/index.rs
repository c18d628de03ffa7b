//! §8.4: the matching index the application owns. Built from the database at start, updated in
//! the write path after every commit (a posting saved or imported, a case changed), so a change
//! is searchable when its use case returns.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use chrono::{DateTime, NaiveDate, Utc};
use vierphasen_domain::fallakte::pruefen_und_aufloesen;
use vierphasen_domain::{Fallakte, Katalog};
use vierphasen_matching::{
    Arbeitszeit, Bewerberprofil, FaehigkeitId, Faehigkeiten, Profilindex, Stammdaten, Stellenangebot, Stellenindex,
    Tag, Zusatzangaben, bewerberprofil_aus,
};
use vierphasen_store::{Tx, sql};

use super::Stelle;
use super::eingabe::fuer_index;
use super::speichern::stellen_seit;
use crate::AppFehler;
use crate::fall::{akte_laden, stammdaten_laden};

/// Months of BAC trend (P6): expired postings stay in the index this long (never matched).
pub const BAC_MONATE: u16 = 6;

fn bac_beginn(heute: NaiveDate) -> NaiveDate {
    heute - chrono::Days::new(u64::from(BAC_MONATE) * 30)
}

/// Both indexes and when each posting arrived (F3: "neue passende Stellen" since the last look).
#[derive(Debug)]
pub struct Matching {
    pub daten: Arc<Stammdaten>,
    pub stellen: Stellenindex,
    pub profile: Profilindex,
    /// The KldB activities plus every skill named by a posting or a Stärke (ids stay stable).
    faehigkeiten: RwLock<Faehigkeiten>,
    /// The profiles by customer (the index keeps columns only): F3 runs them again.
    profile_nach_kunde: RwLock<HashMap<u64, Bewerberprofil>>,
    eingang: RwLock<HashMap<u64, DateTime<Utc>>>,
}

fn index_fehler(e: impl std::fmt::Display) -> AppFehler {
    AppFehler::Konflikt(format!("Matching-Index: {e}"))
}

/// What a Bewerberprofil needs beside the Fallakte (columns of `kunde`, the registration).
pub(crate) async fn zusatzangaben_laden(
    tx: &mut Tx,
    daten: &Stammdaten,
    kunde_id: i64,
    plz: Option<&str>,
    heute: NaiveDate,
) -> Result<Option<Zusatzangaben>, AppFehler> {
    let Some(ort) = plz.and_then(|p| daten.plz.ort(p)) else { return Ok(None) };
    let Some((arbeitszeit, verfuegbar_ab, umkreis_km)) = sql!(tx, zeile<(Option<String>, Option<NaiveDate>, Option<i64>)>
        "SELECT arbeitszeit, verfuegbar_ab, umkreis_km FROM kunde WHERE id = $1", kunde_id)?
    else {
        return Ok(None);
    };
    let gemeldet_seit = sql!(tx, zeile<(NaiveDate,)>
        "SELECT beginn FROM meldung WHERE kunde_id = $1 ORDER BY beginn DESC, id DESC LIMIT 1", kunde_id)?;
    Ok(Some(Zusatzangaben {
        id: kunde_id as u64,
        ort,
        arbeitszeit: arbeitszeit.as_deref().and_then(Arbeitszeit::parse).unwrap_or(Arbeitszeit::ALLE),
        verfuegbar_ab: verfuegbar_ab.unwrap_or(heute),
        gemeldet_seit: gemeldet_seit.map_or(heute, |(b,)| b),
        umkreis_km: umkreis_km.and_then(|k| u16::try_from(k).ok()),
    }))
}

/// The Bewerberprofil of a case (`None`: takes no part in matching, P9/Z6, or deregistered).
/// The Stärken join the skill vocabulary, so a posting asking for one later finds them.
fn profil_ableiten(
    katalog: &Katalog,
    faehigkeiten: &mut Faehigkeiten,
    akte: &Fallakte,
    angaben: Option<&Zusatzangaben>,
) -> Option<Bewerberprofil> {
    let angaben = angaben?;
    if akte.meldungen.last().is_none_or(|m| m.ende.is_some()) {
        return None;
    }
    for s in akte.profiling.last().map(|p| p.staerken.as_slice()).unwrap_or_default() {
        faehigkeiten.aufnehmen(&s.bezeichnung);
    }
    let f = pruefen_und_aufloesen(akte.clone(), katalog).ok()?;
    bewerberprofil_aus(&f, angaben, faehigkeiten)
}

impl Matching {
    /// Reads every open posting and every registered customer's profile.
    pub(crate) async fn aufbauen(tx: &mut Tx, katalog: &Katalog, heute: NaiveDate) -> Result<Matching, AppFehler> {
        let daten = Stammdaten::eingebaut().map_err(index_fehler)?;
        let mut faehigkeiten = daten.faehigkeiten.clone();
        let mut eingang = HashMap::new();
        let mut angebote = Vec::new();
        for (stelle, erstellt_um) in stellen_seit(tx, bac_beginn(heute)).await? {
            if let Some(s) = fuer_index(&stelle, &mut faehigkeiten) {
                eingang.insert(s.id, erstellt_um);
                angebote.push(s);
            }
        }
        let stellen = Stellenindex::aufbauen(Arc::clone(&daten), &angebote).map_err(index_fehler)?;
        let mut profile = Vec::new();
        let kunden = sql!(tx, zeilen<(i64,)>
            "SELECT DISTINCT m.kunde_id FROM meldung m JOIN profiling p ON p.kunde_id = m.kunde_id
             WHERE m.ende IS NULL ORDER BY m.kunde_id")?;
        for (kunde_id,) in kunden {
            let Some((stamm, _)) = stammdaten_laden(tx, kunde_id).await? else { continue };
            let angaben = zusatzangaben_laden(tx, &daten, kunde_id, stamm.plz.as_deref(), heute).await?;
            let fall = akte_laden(tx, stamm).await?;
            profile.extend(profil_ableiten(katalog, &mut faehigkeiten, &fall.akte, angaben.as_ref()));
        }
        let index = Profilindex::aufbauen(Arc::clone(&daten), &profile).map_err(index_fehler)?;
        Ok(Matching {
            daten,
            stellen,
            profile: index,
            faehigkeiten: RwLock::new(faehigkeiten),
            profile_nach_kunde: RwLock::new(profile.into_iter().map(|p| (p.id, p)).collect()),
            eingang: RwLock::new(eingang),
        })
    }

    /// The posting as the engine sees it (its skills join the vocabulary).
    pub(crate) fn angebot(&self, s: &Stelle) -> Option<Stellenangebot> {
        fuer_index(s, &mut self.faehigkeiten.write().unwrap_or_else(std::sync::PoisonError::into_inner))
    }

    /// The name of a skill id.
    pub fn faehigkeit(&self, id: FaehigkeitId) -> String {
        self.faehigkeiten.read().unwrap_or_else(std::sync::PoisonError::into_inner).name(id).to_string()
    }

    /// The case's profile after a change (see [`profil_ableiten`]).
    pub(crate) fn profil_aus(
        &self,
        katalog: &Katalog,
        akte: &Fallakte,
        angaben: Option<&Zusatzangaben>,
    ) -> Option<Bewerberprofil> {
        let mut f = self.faehigkeiten.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        profil_ableiten(katalog, &mut f, akte, angaben)
    }

    /// A saved posting (new or changed).
    pub(crate) fn stelle_setzen(&self, s: &Stelle, erstellt_um: DateTime<Utc>) {
        let Some(angebot) = self.angebot(s) else { return };
        if self.stellen.einfuegen(&angebot).is_ok() {
            self.eingang.write().unwrap_or_else(std::sync::PoisonError::into_inner).insert(angebot.id, erstellt_um);
        }
    }

    /// A changed case: its new profile, or out of the index.
    pub(crate) fn profil_setzen(&self, kunde_id: i64, profil: Option<Bewerberprofil>) {
        let mut nach_kunde = self.profile_nach_kunde.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        match profil {
            Some(p) if self.profile.einfuegen(&p).is_ok() => {
                nach_kunde.insert(p.id, p);
            }
            _ => {
                self.profile.entfernen(kunde_id as u64);
                nach_kunde.remove(&(kunde_id as u64));
            }
        }
    }

    /// The current Bewerberprofil of a customer (`None`: not in matching).
    pub fn profil(&self, kunde_id: i64) -> Option<Bewerberprofil> {
        self.profile_nach_kunde
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&(kunde_id as u64))
            .cloned()
    }

    /// Derives a case's profile anew from the database (after imports that bypass the write path).
    pub(crate) async fn profil_neu_laden(
        &self,
        tx: &mut Tx,
        katalog: &Katalog,
        kunde_id: i64,
        heute: NaiveDate,
    ) -> Result<(), AppFehler> {
        let Some((stamm, _)) = stammdaten_laden(tx, kunde_id).await? else {
            self.profil_setzen(kunde_id, None);
            return Ok(());
        };
        let angaben = zusatzangaben_laden(tx, &self.daten, kunde_id, stamm.plz.as_deref(), heute).await?;
        let fall = akte_laden(tx, stamm).await?;
        self.profil_setzen(kunde_id, self.profil_aus(katalog, &fall.akte, angaben.as_ref()));
        Ok(())
    }

    /// When the posting arrived in the system.
    pub fn eingang(&self, stelle_id: u64) -> Option<DateTime<Utc>> {
        self.eingang.read().unwrap_or_else(std::sync::PoisonError::into_inner).get(&stelle_id).copied()
    }

    /// Drops postings expired longer than the BAC trend reaches (the worker calls this).
    pub fn abgelaufene_entfernen(&self, heute: NaiveDate) -> usize {
        self.stellen.abgelaufene_entfernen(Tag::aus_datum(bac_beginn(heute)))
    }
}
