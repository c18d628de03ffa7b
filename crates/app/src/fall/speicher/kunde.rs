//! The customer's own rows: registering one (`kunde`) and the Bedarfsgemeinschaft she belongs to.

use chrono::{DateTime, NaiveDate, Utc};
use vierphasen_domain::fallakte::Erwerbstaetigkeit;
use vierphasen_domain::{KundeId, Rechtskreis, Segment};
use vierphasen_store::{Tx, sql};

use super::spalten::als_text;
use super::zeilen::Id;
use crate::AppFehler;
use crate::termine::{Kanal, Terminzeit};
use vierphasen_matching::Plz;

/// A new `kunde` row: in the caseload (team, VFK) of the one who registers or imports her.
#[derive(Debug)]
pub(crate) struct NeuerKundeZeile<'a> {
    pub kundennummer: &'a str,
    pub dienststelle_id: i64,
    pub team_id: Option<i64>,
    pub vfk_id: i64,
    pub vorname: &'a str,
    pub nachname: &'a str,
    pub geburtsdatum: NaiveDate,
    pub rechtskreis: Rechtskreis,
    pub segment: Segment,
    /// A known PLZ (`crate::plz`).
    pub plz: Option<&'a Plz>,
    pub bedarfsgemeinschaft_id: Option<i64>,
    pub arbeitslos_seit: Option<NaiveDate>,
    pub erwerbstaetigkeit: Option<Erwerbstaetigkeit>,
    /// U1: the Übergabe as stored JSON.
    pub rechtskreiswechsel: Option<String>,
}

pub(crate) async fn kunde_einfuegen(
    tx: &mut Tx,
    k: &NeuerKundeZeile<'_>,
    jetzt: DateTime<Utc>,
) -> Result<KundeId, AppFehler> {
    let id = sql!(tx, wert<i64>
        "INSERT INTO kunde (kundennummer, dienststelle_id, team_id, vfk_id, vorname, nachname, geburtsdatum, rechtskreis,
                            segment, plz, bedarfsgemeinschaft_id, arbeitslos_seit, rechtskreiswechsel, gesperrt,
                            erstellt_um, geaendert_um, erwerbstaetigkeit, suchname)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, FALSE, $14, $14, $15, $16) RETURNING id",
        k.kundennummer, k.dienststelle_id, k.team_id, k.vfk_id, k.vorname, k.nachname, k.geburtsdatum,
        als_text(&k.rechtskreis), als_text(&k.segment), k.plz.map(Plz::as_str), k.bedarfsgemeinschaft_id, k.arbeitslos_seit,
        k.rechtskreiswechsel.as_deref(), jetzt, k.erwerbstaetigkeit.as_ref().map(als_text),
        crate::fall::namenssuche::suchname(k.vorname, k.nachname))?;
    Ok(KundeId(id))
}

/// P10: the Bedarfsgemeinschaft of this number in the Dienststelle, created when new.
pub(crate) async fn bedarfsgemeinschaft(tx: &mut Tx, dienststelle_id: i64, nummer: &str) -> Result<i64, AppFehler> {
    if let Some(bg) = sql!(tx, zeile<Id>
        "SELECT id FROM bedarfsgemeinschaft WHERE dienststelle_id = $1 AND nummer = $2", dienststelle_id, nummer)?
    {
        return Ok(bg.id);
    }
    Ok(sql!(tx, wert<i64>
        "INSERT INTO bedarfsgemeinschaft (dienststelle_id, nummer) VALUES ($1, $2) RETURNING id", dienststelle_id, nummer)?)
}

/// The Rechtskreis a Dienststelle works in and its configuration (JSON).
#[derive(Debug, sqlx::FromRow)]
pub(crate) struct DienststellenZeile {
    pub rechtskreis: String,
    pub konfiguration: String,
}

pub(crate) async fn dienststelle_laden(tx: &mut Tx, id: i64) -> Result<DienststellenZeile, AppFehler> {
    sql!(tx, zeile<DienststellenZeile> "SELECT rechtskreis, konfiguration FROM dienststelle WHERE id = $1", id)?
        .ok_or(AppFehler::NichtGefunden("Die Dienststelle"))
}

/// P10: the customer's consent to conversations with the whole Bedarfsgemeinschaft.
pub(crate) async fn bg_einwilligung_setzen(
    tx: &mut Tx,
    kunde_id: KundeId,
    erteilt_am: Option<NaiveDate>,
) -> Result<(), AppFehler> {
    sql!(tx, ausfuehren "UPDATE kunde SET bg_einwilligung_am = $1 WHERE id = $2", erteilt_am, kunde_id.0)?;
    Ok(())
}

/// Who is responsible for the case; open appointments of the former VFK move with it.
pub(crate) async fn zustaendigkeit_setzen(
    tx: &mut Tx,
    kunde_id: KundeId,
    vfk_id: i64,
    team_id: Option<i64>,
    bisher: Option<i64>,
) -> Result<(), AppFehler> {
    sql!(tx, ausfuehren "UPDATE kunde SET vfk_id = $1, team_id = $2 WHERE id = $3", vfk_id, team_id, kunde_id.0)?;
    if let Some(alt) = bisher
        && alt != vfk_id
    {
        sql!(tx, ausfuehren
            "UPDATE termin SET benutzer_id = $1 WHERE kunde_id = $2 AND benutzer_id = $3 AND erledigt_um IS NULL",
            vfk_id, kunde_id.0, alt)?;
    }
    Ok(())
}

/// §35 SGB I: restricts the case to the named users (or lifts the restriction).
pub(crate) async fn sperre_setzen(
    tx: &mut Tx,
    kunde_id: KundeId,
    gesperrt: bool,
    freigegeben_fuer: &[i64],
) -> Result<(), AppFehler> {
    sql!(tx, ausfuehren "UPDATE kunde SET gesperrt = $1 WHERE id = $2", gesperrt, kunde_id.0)?;
    sql!(tx, ausfuehren "DELETE FROM kunde_freigabe WHERE kunde_id = $1", kunde_id.0)?;
    for b in freigegeben_fuer {
        sql!(tx, ausfuehren "INSERT INTO kunde_freigabe (kunde_id, benutzer_id) VALUES ($1, $2)", kunde_id.0, b)?;
    }
    Ok(())
}

/// An appointment in a user's calendar; returns its id.
#[allow(clippy::too_many_arguments)] // one per column
pub(crate) async fn termin_einfuegen(
    tx: &mut Tx,
    kunde_id: KundeId,
    benutzer_id: Option<i64>,
    faellig_am: NaiveDate,
    regel: Option<&str>,
    text: &str,
    zeit: &Terminzeit,
    jetzt: DateTime<Utc>,
) -> Result<i64, AppFehler> {
    let kanal = zeit.kanal.map(Kanal::id);
    Ok(sql!(tx, wert<i64>
        "INSERT INTO termin (kunde_id, benutzer_id, art, faellig_am, regel, text, uhrzeit, dauer_minuten, kanal, raum, erstellt_um)
         VALUES ($1, $2, 'termin', $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
        kunde_id.0, benutzer_id, faellig_am, regel, text, &zeit.uhrzeit, zeit.dauer_minuten, kanal, &zeit.raum, jetzt)?)
}
