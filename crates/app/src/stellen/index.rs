//! §8.4: the matching index the application owns. Built from the database at start, updated in
//! the write path after every commit (a posting saved or imported, a case changed), so a change
//! is searchable when its use case returns.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};

use chrono::{DateTime, NaiveDate, Utc};
use vierphasen_domain::fallakte::{Staerke, pruefen_und_aufloesen};
use vierphasen_domain::katalog::kenntnisse::Kenntnisse;
use vierphasen_domain::{Fallakte, Katalog};
use vierphasen_matching::{
    Arbeitszeit, Bewerberprofil, FaehigkeitId, Faehigkeiten, Meldebestand, Profilindex, Stammdaten, Stellenangebot,
    Stellenindex, Tag, Zusatzangaben, bewerberprofil_aus, meldezeiten, verlaufstage,
};
use vierphasen_store::{Tx, sql};

use super::Stelle;
use super::eingabe::fuer_index;
use super::speichern::stellen_seit;
use crate::AppFehler;
use crate::fall::{Fall, Vermittlungsangaben, akte_laden, stammdaten_laden, vermittlungsangaben_laden};
use vierphasen_domain::KundeId;

/// Months of BAC trend (P6): expired postings stay in the index this long (never matched), and
/// job seekers who deregistered since are still counted for the months they were registered.
pub const BAC_MONATE: u16 = 6;

/// The first date of the BAC trend.
fn bac_beginn(heute: NaiveDate) -> NaiveDate {
    let heute = Tag::aus_datum(heute);
    verlaufstage(heute, BAC_MONATE).first().copied().unwrap_or(heute).datum()
}

/// Both indexes and when each posting arrived (F3: "neue passende Stellen" since the last look).
#[derive(Debug)]
pub struct Matching {
    pub daten: Arc<Stammdaten>,
    pub stellen: Stellenindex,
    pub profile: Profilindex,
    /// P6: the job seekers' registrations by Zielberuf, for the BAC and its trend.
    pub meldungen: Meldebestand,
    /// The KldB activities plus every skill named by a posting or a Stärke (ids stay stable).
    faehigkeiten: RwLock<Faehigkeiten>,
    /// What a skill text names and covers (`catalog/kenntnisse.toml`).
    kenntnisse: &'static Kenntnisse,
    /// The profiles by customer (the index keeps columns only): F3 runs them again.
    profile_nach_kunde: RwLock<HashMap<u64, Bewerberprofil>>,
    eingang: RwLock<HashMap<u64, DateTime<Utc>>>,
}

fn index_fehler(e: impl std::fmt::Display) -> AppFehler {
    AppFehler::intern_meldung(format!("Matching-Index: {e}"))
}

/// What a case's Bewerberprofil is derived from.
pub(crate) struct Profilquelle<'a> {
    pub kunde_id: i64,
    pub plz: Option<&'a str>,
    pub angaben: &'a Vermittlungsangaben,
    pub akte: &'a Fallakte,
}

/// The Bewerberprofil of a case (`None`: takes no part in matching — no known PLZ, not
/// registered, not matchingfähig P9, or a goal without job search Z6). The Stärken join the skill
/// vocabulary, so a posting asking for one later finds them.
fn profil_ableiten(
    katalog: &Katalog,
    daten: &Stammdaten,
    faehigkeiten: &mut Faehigkeiten,
    q: &Profilquelle<'_>,
    heute: NaiveDate,
) -> Option<Bewerberprofil> {
    let ort = q.plz.and_then(|p| daten.plz.ort(p))?;
    q.akte.meldungen.last().filter(|m| m.ende.is_none())?;
    for s in q.akte.profiling.last().map(|p| p.staerken.as_slice()).unwrap_or_default() {
        faehigkeiten.bestand_aufnehmen(&katalog.kenntnisse, &s.bezeichnung, s.niveau);
    }
    let angaben = Zusatzangaben {
        id: q.kunde_id as u64,
        ort,
        arbeitszeit: q.angaben.arbeitszeit.as_deref().and_then(Arbeitszeit::parse).unwrap_or(Arbeitszeit::ALLE),
        verfuegbar_ab: q.angaben.verfuegbar_ab.unwrap_or(heute),
        umkreis_km: q.angaben.umkreis_km,
    };
    let f = pruefen_und_aufloesen(q.akte.clone(), katalog).ok()?;
    bewerberprofil_aus(&f, &angaben, faehigkeiten)
}

/// A case as its profile needs it, without access decision (start-up, imports).
async fn fall_fuer_profil(tx: &mut Tx, kunde_id: KundeId) -> Result<Option<(Fall, Vermittlungsangaben)>, AppFehler> {
    let Some((stamm, _)) = stammdaten_laden(tx, kunde_id).await? else { return Ok(None) };
    let angaben = vermittlungsangaben_laden(tx, kunde_id).await?;
    Ok(Some((akte_laden(tx, stamm).await?, angaben)))
}

/// P6: a case's registrations by Zielberuf, at the place of its PLZ (unknown: left out).
fn meldungen_setzen(meldungen: &Meldebestand, daten: &Stammdaten, q: &Profilquelle<'_>) {
    let ort = q.plz.and_then(|p| daten.plz.ort(p));
    meldungen.setzen(q.kunde_id as u64, ort, &meldezeiten(q.akte));
}

fn quelle<'a>(fall: &'a Fall, angaben: &'a Vermittlungsangaben) -> Profilquelle<'a> {
    Profilquelle { kunde_id: fall.stamm.id, plz: fall.stamm.plz.as_deref(), angaben, akte: &fall.akte }
}

impl Matching {
    /// Reads every open posting, every registered customer's profile, and the registrations of
    /// everyone registered since the BAC trend's first date.
    pub(crate) async fn aufbauen(
        tx: &mut Tx,
        katalog: &'static Katalog,
        heute: NaiveDate,
    ) -> Result<Matching, AppFehler> {
        let daten = Stammdaten::eingebaut().map_err(index_fehler)?;
        let mut faehigkeiten = daten.faehigkeiten.clone();
        let mut eingang = HashMap::new();
        let mut angebote = Vec::new();
        for (stelle, erstellt_um) in stellen_seit(tx, bac_beginn(heute)).await? {
            if let Some(s) = fuer_index(&stelle, &mut faehigkeiten, &katalog.kenntnisse) {
                eingang.insert(s.id, erstellt_um);
                angebote.push(s);
            }
        }
        let stellen = Stellenindex::aufbauen(Arc::clone(&daten), &angebote).map_err(index_fehler)?;
        let mut profile = Vec::new();
        let meldungen = Meldebestand::neu(Arc::clone(&daten));
        let kunden = sql!(tx, zeilen<(i64,)>
            "SELECT DISTINCT m.kunde_id FROM meldung m JOIN profiling p ON p.kunde_id = m.kunde_id
             WHERE m.ende IS NULL OR m.ende >= $1 ORDER BY m.kunde_id", bac_beginn(heute))?;
        for (kunde_id,) in kunden {
            if let Some((fall, angaben)) = fall_fuer_profil(tx, KundeId(kunde_id)).await? {
                let q = quelle(&fall, &angaben);
                meldungen_setzen(&meldungen, &daten, &q);
                profile.extend(profil_ableiten(katalog, &daten, &mut faehigkeiten, &q, heute));
            }
        }
        let index = Profilindex::aufbauen(Arc::clone(&daten), &profile).map_err(index_fehler)?;
        Ok(Matching {
            daten,
            stellen,
            profile: index,
            meldungen,
            faehigkeiten: RwLock::new(faehigkeiten),
            kenntnisse: &katalog.kenntnisse,
            profile_nach_kunde: RwLock::new(profile.into_iter().map(|p| (p.id, p)).collect()),
            eingang: RwLock::new(eingang),
        })
    }

    /// The posting as the engine sees it (its skills join the vocabulary).
    pub(crate) fn angebot(&self, s: &Stelle) -> Option<Stellenangebot> {
        fuer_index(
            s,
            &mut self.faehigkeiten.write().unwrap_or_else(std::sync::PoisonError::into_inner),
            self.kenntnisse,
        )
    }

    /// What each Stärke gives ([`Faehigkeiten::bestand`]), read once per case for
    /// [`Matching::vorhandene_kenntnisse`].
    pub fn staerkenbestand<'a>(&self, staerken: &'a [Staerke]) -> Vec<(&'a Staerke, Vec<FaehigkeitId>)> {
        let f = self.faehigkeiten.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        staerken.iter().map(|s| (s, f.bestand(self.kenntnisse, &s.bezeichnung, s.niveau))).collect()
    }

    /// §8.4 in the customer's words: each skill `angebot` asks for that a Stärke covers, with
    /// that Stärke where its words differ ("Tabellenkalkulation – angegeben als „MS Office (Word,
    /// Excel)“"). The same ids as the engine's score, so it agrees with "n von m vorhanden".
    pub fn vorhandene_kenntnisse(
        &self,
        bestand: &[(&Staerke, Vec<FaehigkeitId>)],
        angebot: &Stellenangebot,
    ) -> Vec<String> {
        let f = self.faehigkeiten.read().unwrap_or_else(std::sync::PoisonError::into_inner);
        let verlangt = &angebot.faehigkeiten;
        verlangt
            .iter()
            .enumerate()
            .filter(|(i, id)| !verlangt[..*i].contains(id))
            .filter_map(|(_, id)| {
                let (s, _) = bestand.iter().find(|(_, b)| b.contains(id))?;
                let name = f.name(*id);
                // The Stärke's own words are this skill: no need to name them twice.
                Some(if f.finde(&s.bezeichnung) == Some(*id) {
                    name.to_string()
                } else {
                    format!("{name} – angegeben als „{}“", s.bezeichnung.trim())
                })
            })
            .collect()
    }

    /// The name of a skill id.
    pub fn faehigkeit(&self, id: FaehigkeitId) -> String {
        self.faehigkeiten.read().unwrap_or_else(std::sync::PoisonError::into_inner).name(id).to_string()
    }

    /// A changed case: its profile (see [`profil_ableiten`]) and its registrations follow.
    pub(crate) fn profil_aktualisieren(&self, katalog: &Katalog, q: &Profilquelle<'_>, heute: NaiveDate) {
        meldungen_setzen(&self.meldungen, &self.daten, q);
        let profil = {
            let mut f = self.faehigkeiten.write().unwrap_or_else(std::sync::PoisonError::into_inner);
            profil_ableiten(katalog, &self.daten, &mut f, q, heute)
        };
        self.profil_setzen(KundeId(q.kunde_id), profil);
    }

    /// A saved posting (new or changed).
    pub(crate) fn stelle_setzen(&self, s: &Stelle, erstellt_um: DateTime<Utc>) {
        let Some(angebot) = self.angebot(s) else { return };
        if self.stellen.einfuegen(&angebot).is_ok() {
            self.eingang.write().unwrap_or_else(std::sync::PoisonError::into_inner).insert(angebot.id, erstellt_um);
        }
    }

    /// A new profile, or out of the index.
    fn profil_setzen(&self, kunde_id: KundeId, profil: Option<Bewerberprofil>) {
        let mut nach_kunde = self.profile_nach_kunde.write().unwrap_or_else(std::sync::PoisonError::into_inner);
        match profil {
            Some(p) if self.profile.einfuegen(&p).is_ok() => {
                nach_kunde.insert(p.id, p);
            }
            _ => {
                self.profile.entfernen(kunde_id.0 as u64);
                nach_kunde.remove(&(kunde_id.0 as u64));
            }
        }
    }

    /// The current Bewerberprofil of a customer (`None`: not in matching).
    pub fn profil(&self, kunde_id: KundeId) -> Option<Bewerberprofil> {
        self.profile_nach_kunde
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .get(&(kunde_id.0 as u64))
            .cloned()
    }

    /// Derives a case's profile anew from the database (after imports that bypass the write path).
    pub(crate) async fn profil_neu_laden(
        &self,
        tx: &mut Tx,
        katalog: &Katalog,
        kunde_id: KundeId,
        heute: NaiveDate,
    ) -> Result<(), AppFehler> {
        match fall_fuer_profil(tx, kunde_id).await? {
            Some((fall, angaben)) => self.profil_aktualisieren(katalog, &quelle(&fall, &angaben), heute),
            None => {
                self.profil_setzen(kunde_id, None);
                self.meldungen.setzen(kunde_id.0 as u64, None, &[]);
            }
        }
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
