//! The Dienststelle: its configuration (local strategies S11, Kontaktdichtekonzept K1), teams and
//! users as lists, and the setup steps the command line and the demo use.

use std::collections::{BTreeMap, HashSet};

use serde::Serialize;
use utoipa::ToSchema;
use vierphasen_domain::Rechtskreis;
use vierphasen_domain::fallakte::{Dienststelle, Kontaktangaben, LokaleStrategie, StrategieWahl};
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, Rolle, pruefen};
use vierphasen_store::{Tx, sql};

use crate::fall::{als_text, json, text_opt, text_pruefen};
use crate::grenzen;
use crate::{App, AppFehler};

/// S11: the id of a new local strategy from its name ("Mobilitätstraining Landkreis" →
/// "lokal_mobilitaetstraining_landkreis"), never a national one, unique among `vergeben` (which
/// it joins).
fn kennung_aus(bezeichnung: &str, vergeben: &mut HashSet<String>) -> String {
    let mut wort = String::new();
    for c in vierphasen_domain::katalog::normalisieren::suchtext(bezeichnung).chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            wort.push(c);
        } else if !wort.is_empty() && !wort.ends_with('_') {
            wort.push('_');
        }
    }
    let stamm: String = format!("lokal_{wort}").chars().take(58).collect();
    let stamm = stamm.trim_end_matches('_').to_string();
    let mut id = stamm.clone();
    let mut n = 2;
    while vergeben.contains(&id) {
        id = format!("{stamm}_{n}");
        n += 1;
    }
    vergeben.insert(id.clone());
    id
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Teamzeile {
    pub id: i64,
    pub name: String,
}

/// A staff account as the lists show it (never the password hash).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Benutzerzeile {
    pub id: i64,
    pub login: String,
    pub name: String,
    pub rolle: Rolle,
    pub team_id: Option<i64>,
    pub aktiv: bool,
    /// A Fachdienst user's service (catalogue id).
    pub fachdienst: Option<String>,
}

/// Longest interval of a Kontaktdichtekonzept in days.
const KONTAKTDICHTE_MAX_TAGE: u32 = 365;

fn darf_listen(wer: &Akteur) -> Result<(), AppFehler> {
    if pruefen(wer, Aktion::BenutzerVerwalten, None) == Entscheidung::Erlaubt
        || pruefen(wer, Aktion::TeamUebersicht, None) == Entscheidung::Erlaubt
    {
        Ok(())
    } else {
        Err(AppFehler::Verboten("Teams und Benutzer sehen Administration und Teamleitung.".into()))
    }
}

impl App {
    /// The configuration of the user's Dienststelle. Every staff member may read it: it holds no
    /// personal data and is part of every case file of the Dienststelle anyway.
    pub async fn konfiguration_lesen(&self, wer: &Akteur) -> Result<Dienststelle, AppFehler> {
        let mut tx = self.db.begin().await?;
        konfiguration_laden(&mut tx, wer.dienststelle_id).await
    }

    /// The Rechtskreis the user's Dienststelle works in (Agentur: SGB III, Jobcenter: SGB II).
    pub async fn rechtskreis_der_dienststelle(&self, wer: &Akteur) -> Result<Rechtskreis, AppFehler> {
        let mut tx = self.db.begin().await?;
        let (text,) =
            sql!(&mut tx, zeile<(String,)> "SELECT rechtskreis FROM dienststelle WHERE id = $1", wer.dienststelle_id)?
                .ok_or(AppFehler::NichtGefunden("Die Dienststelle"))?;
        crate::fall::aus_text("rechtskreis", &text)
    }

    /// Sets the local strategies (S11) and the Kontaktdichtekonzept (K1) of the Dienststelle
    /// (Administration). Returns the configuration as stored (catalogue references as ids).
    pub async fn konfiguration_setzen(&self, wer: &Akteur, neu: Dienststelle) -> Result<Dienststelle, AppFehler> {
        if pruefen(wer, Aktion::DienststelleKonfigurieren, None) != Entscheidung::Erlaubt {
            return Err(AppFehler::Verboten("Die Dienststelle konfiguriert die Administration.".into()));
        }
        let neu = self.konfiguration_pruefen(neu)?;
        let mut tx = self.db.begin().await?;
        let alt = konfiguration_laden(&mut tx, wer.dienststelle_id).await?;
        // Cases refer to local strategies by id: one in use cannot disappear.
        let bleibt: HashSet<&str> = neu.lokale_strategien.iter().map(|l| l.id.as_str()).collect();
        for weg in alt.lokale_strategien.iter().filter(|l| !bleibt.contains(l.id.as_str())) {
            let muster = format!("%\"strategie\":\"{}\"%", weg.id);
            let kandidaten = sql!(&mut tx, zeilen<(String,)>
                "SELECT s.inhalt FROM strategie s JOIN kunde k ON k.id = s.kunde_id
                 WHERE k.dienststelle_id = $1 AND s.inhalt LIKE $2",
                wer.dienststelle_id, &muster)?;
            let benutzt = kandidaten
                .iter()
                .filter_map(|(t,)| serde_json::from_str::<StrategieWahl>(t).ok())
                .any(|w| w.strategie == weg.id);
            if benutzt {
                return Err(AppFehler::Konflikt(format!(
                    "Die lokale Strategie „{}“ ist in Fällen gewählt und kann nicht entfernt werden (S11).",
                    weg.bezeichnung
                )));
            }
        }
        sql!(&mut tx, ausfuehren "UPDATE dienststelle SET konfiguration = $1 WHERE id = $2",
            json(&neu)?, wer.dienststelle_id)?;
        tx.commit().await?;
        Ok(neu)
    }

    fn konfiguration_pruefen(&self, neu: Dienststelle) -> Result<Dienststelle, AppFehler> {
        // P11: a conversation takes between a quarter of an hour and half a day.
        for (feld, minuten) in [
            ("gespraechsdauer.erstgespraech_minuten", neu.gespraechsdauer.erstgespraech_minuten),
            ("gespraechsdauer.folgegespraech_minuten", neu.gespraechsdauer.folgegespraech_minuten),
        ] {
            if minuten.is_some_and(|m| !(15..=240).contains(&m)) {
                return Err(AppFehler::ungueltig(feld, "bitte zwischen 15 und 240 Minuten angeben"));
            }
        }
        let name = neu.name.as_deref().map(|n| text_pruefen("name", n, grenzen::BEZEICHNUNG)).transpose()?;
        let mut ids = HashSet::new();
        let mut vergeben: HashSet<String> = neu.lokale_strategien.iter().map(|l| l.id.trim().to_string()).collect();
        let mut lokale = Vec::with_capacity(neu.lokale_strategien.len());
        for (i, l) in neu.lokale_strategien.iter().enumerate() {
            let feld = |f: &str| format!("lokale_strategien[{i}].{f}");
            let id = match l.id.trim() {
                // issue 15/9: a new strategy needs no technical id typed; it follows from its name.
                "" if !l.bezeichnung.trim().is_empty() => kennung_aus(&l.bezeichnung, &mut vergeben),
                id => id.to_string(),
            };
            if id.is_empty()
                || id.len() > 64
                || !id.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-')
            {
                return Err(AppFehler::ungueltig(
                    feld("id"),
                    "1 bis 64 Zeichen: Kleinbuchstaben a–z, Ziffern, Unterstrich, Bindestrich (S11)",
                ));
            }
            if self.katalog.finde_strategie(&id).is_some() {
                return Err(AppFehler::ungueltig(
                    feld("id"),
                    format!("„{id}“ ist bereits eine bundesweite Strategie (S11)"),
                ));
            }
            if !ids.insert(id.clone()) {
                return Err(AppFehler::ungueltig(feld("id"), format!("„{id}“ ist doppelt vergeben")));
            }
            let bezeichnung = text_pruefen(&feld("bezeichnung"), &l.bezeichnung, grenzen::BEZEICHNUNG)?;
            let merkmal = match l.merkmal.as_deref().map(str::trim).filter(|m| !m.is_empty()) {
                Some(m) => {
                    let r = self
                        .katalog
                        .finde_merkmal(m)
                        .ok_or_else(|| AppFehler::ungueltig(feld("merkmal"), format!("unbekanntes Merkmal „{m}“")))?;
                    Some(self.katalog.merkmal(r).id.clone())
                }
                None => None,
            };
            lokale.push(LokaleStrategie { id, bezeichnung, merkmal });
        }
        let kontaktdichte = self.kontaktdichte_pruefen(&neu.kontaktdichte_tage, "kontaktdichte_tage")?;
        let kontaktdichte_unter_25 =
            self.kontaktdichte_pruefen(&neu.kontaktdichte_tage_unter_25, "kontaktdichte_tage_unter_25")?;
        let kontakt = kontakt_pruefen(&neu.kontakt)?;
        Ok(Dienststelle {
            name,
            bundesland: neu.bundesland,
            lokale_strategien: lokale,
            kontaktdichte_tage: kontaktdichte,
            kontaktdichte_tage_unter_25: kontaktdichte_unter_25,
            kontakt,
            gespraechsdauer: neu.gespraechsdauer,
        })
    }

    /// K1: one table of the Kontaktdichtekonzept (days per Profillage, for all or for the group
    /// under 25), checked and keyed by the Profillage's id.
    fn kontaktdichte_pruefen(
        &self,
        tabelle: &BTreeMap<String, u32>,
        name: &str,
    ) -> Result<BTreeMap<String, u32>, AppFehler> {
        let mut geprueft = BTreeMap::new();
        for (k, tage) in tabelle {
            let feld = format!("{name}.{k}");
            let p = self
                .katalog
                .finde_profillage(k)
                .ok_or_else(|| AppFehler::ungueltig(feld.clone(), "unbekannte Profillage (K1)"))?;
            if !(1..=KONTAKTDICHTE_MAX_TAGE).contains(tage) {
                return Err(AppFehler::ungueltig(feld, format!("1 bis {KONTAKTDICHTE_MAX_TAGE} Tage (K1)")));
            }
            if geprueft.insert(p.id().to_string(), *tage).is_some() {
                return Err(AppFehler::ungueltig(feld, format!("{} ist doppelt angegeben", p.label())));
            }
        }
        Ok(geprueft)
    }

    /// The teams of the Dienststelle (Administration, Teamleitung).
    pub async fn teams_liste(&self, wer: &Akteur) -> Result<Vec<Teamzeile>, AppFehler> {
        darf_listen(wer)?;
        let mut tx = self.db.begin().await?;
        Ok(sql!(&mut tx, zeilen<(i64, String)>
            "SELECT id, name FROM team WHERE dienststelle_id = $1 ORDER BY name, id", wer.dienststelle_id)?
        .into_iter()
        .map(|(id, name)| Teamzeile { id, name })
        .collect())
    }

    /// The staff of the Dienststelle (Administration, Teamleitung).
    pub async fn benutzer_liste(&self, wer: &Akteur) -> Result<Vec<Benutzerzeile>, AppFehler> {
        darf_listen(wer)?;
        let mut tx = self.db.begin().await?;
        let zeilen = sql!(&mut tx, zeilen<(i64, String, String, String, Option<i64>, bool, Option<String>)>
            "SELECT id, login, name, rolle, team_id, aktiv, fachdienst FROM benutzer WHERE dienststelle_id = $1 ORDER BY name, id",
            wer.dienststelle_id)?;
        let mut liste = Vec::with_capacity(zeilen.len());
        for (id, login, name, rolle, team_id, aktiv, fachdienst) in zeilen {
            let rolle = rolle
                .parse()
                .map_err(|_| AppFehler::intern_meldung(format!("Gespeicherte Rolle „{rolle}“ unbekannt")))?;
            liste.push(Benutzerzeile { id, login, name, rolle, team_id, aktiv, fachdienst });
        }
        Ok(liste)
    }

    /// Setup (command line, demo): a new Dienststelle with the default configuration.
    pub async fn dienststelle_anlegen(&self, name: &str, rechtskreis: Rechtskreis) -> Result<i64, AppFehler> {
        let name = text_pruefen("name", name, grenzen::BEZEICHNUNG)?;
        let mut tx = self.db.begin().await?;
        if sql!(&mut tx, zeile<(i64,)> "SELECT id FROM dienststelle WHERE name = $1", &name)?.is_some() {
            return Err(AppFehler::Konflikt(format!("Die Dienststelle „{name}“ gibt es schon.")));
        }
        let id = sql!(&mut tx, wert<i64>
            "INSERT INTO dienststelle (name, rechtskreis, konfiguration, erstellt_um) VALUES ($1, $2, $3, $4) RETURNING id",
            &name, als_text(&rechtskreis), json(&Dienststelle::default())?, self.jetzt())?;
        tx.commit().await?;
        Ok(id)
    }

    /// Setup: a team of a Dienststelle.
    pub async fn team_anlegen(&self, dienststelle_id: i64, name: &str) -> Result<i64, AppFehler> {
        let name = text_pruefen("name", name, grenzen::BEZEICHNUNG)?;
        let mut tx = self.db.begin().await?;
        if sql!(&mut tx, zeile<(i64,)> "SELECT id FROM dienststelle WHERE id = $1", dienststelle_id)?.is_none() {
            return Err(AppFehler::NichtGefunden("Die Dienststelle"));
        }
        if sql!(&mut tx, zeile<(i64,)> "SELECT id FROM team WHERE dienststelle_id = $1 AND name = $2", dienststelle_id, &name)?
            .is_some()
        {
            return Err(AppFehler::Konflikt(format!("Das Team „{name}“ gibt es schon.")));
        }
        let id = sql!(&mut tx, wert<i64>
            "INSERT INTO team (dienststelle_id, name) VALUES ($1, $2) RETURNING id", dienststelle_id, &name)?;
        tx.commit().await?;
        Ok(id)
    }
}

async fn konfiguration_laden(tx: &mut Tx, dienststelle_id: i64) -> Result<Dienststelle, AppFehler> {
    let (text,) = sql!(tx, zeile<(String,)> "SELECT konfiguration FROM dienststelle WHERE id = $1", dienststelle_id)?
        .ok_or(AppFehler::NichtGefunden("Die Dienststelle"))?;
    serde_json::from_str(&text)
        .map_err(|e| crate::fehler::unlesbar(format_args!("Konfiguration der Dienststelle {dienststelle_id}"), &e))
}

/// The contact data of the letters: short plain texts, the address as up to four lines.
fn kontakt_pruefen(k: &Kontaktangaben) -> Result<Kontaktangaben, AppFehler> {
    let zeilen: Vec<String> =
        k.anschrift.iter().map(|z| z.trim()).filter(|z| !z.is_empty()).map(str::to_owned).collect();
    if zeilen.len() > 4 {
        return Err(AppFehler::ungueltig("kontakt.anschrift", "höchstens vier Zeilen"));
    }
    let mut anschrift = Vec::with_capacity(zeilen.len());
    for z in &zeilen {
        anschrift.push(text_pruefen("kontakt.anschrift", z, grenzen::ZEILE)?);
    }
    let email = text_opt("kontakt.email", k.email.as_deref(), grenzen::BEZEICHNUNG)?;
    if let Some(e) = &email
        && (!e.contains('@') || e.contains(char::is_whitespace))
    {
        return Err(AppFehler::ungueltig("kontakt.email", "keine E-Mail-Adresse (name@beispiel.de)"));
    }
    Ok(Kontaktangaben {
        anschrift,
        telefon: text_opt("kontakt.telefon", k.telefon.as_deref(), grenzen::ZEILE)?,
        email,
        ort: text_opt("kontakt.ort", k.ort.as_deref(), grenzen::BEZEICHNUNG)?,
        datenschutzbeauftragter: text_opt(
            "kontakt.datenschutzbeauftragter",
            k.datenschutzbeauftragter.as_deref(),
            300,
        )?,
    })
}
