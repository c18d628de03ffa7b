//! Loading a case from the store into the Fallakte format (so export and rules see the same).

use chrono::NaiveDate;
use serde::Serialize;
use utoipa::ToSchema;
use vierphasen_domain::fallakte::*;
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, FallBezug, pruefen};
use vierphasen_domain::{Rechtskreis, Segment};
use vierphasen_store::{Tx, sql};

use super::spalten::aus_text;
use crate::AppFehler;

/// The master data of a customer (not part of the Fallakte, which is pseudonymous).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Stammdaten {
    pub id: i64,
    pub kundennummer: String,
    pub vorname: String,
    pub nachname: String,
    pub geburtsdatum: NaiveDate,
    pub rechtskreis: Rechtskreis,
    pub segment: Segment,
    pub plz: Option<String>,
    pub dienststelle_id: i64,
    pub team_id: Option<i64>,
    pub vfk_id: Option<i64>,
    /// §35 SGB I: visible only to named users.
    pub gesperrt: bool,
    pub bedarfsgemeinschaft: Option<String>,
    #[serde(skip)]
    pub(crate) bedarfsgemeinschaft_id: Option<i64>,
    #[serde(skip)]
    pub bg_einwilligung_am: Option<NaiveDate>,
    #[serde(skip)]
    pub(crate) arbeitslos_seit: Option<NaiveDate>,
    #[serde(skip)]
    pub(crate) rechtskreiswechsel: Option<String>,
}

/// Row ids parallel to the Fallakte's lists (for routes like `/strategien/{id}`).
#[derive(Debug, Clone, Default, Serialize, ToSchema)]
pub struct FallIds {
    pub meldungen: Vec<i64>,
    pub profiling: Vec<i64>,
    pub ziele: Vec<i64>,
    pub strategien: Vec<i64>,
    pub eingliederungsvereinbarungen: Vec<i64>,
    pub gespraeche: Vec<i64>,
    pub vermerke: Vec<i64>,
    pub auftraege: Vec<i64>,
    pub einwilligungen: Vec<i64>,
}

#[derive(Debug, Clone)]
pub struct Fall {
    pub stamm: Stammdaten,
    pub akte: Fallakte,
    pub ids: FallIds,
}

type StammZeile = (
    String,
    i64,
    Option<i64>,
    Option<i64>,
    String,
    String,
    NaiveDate,
    String,
    String,
    Option<String>,
    Option<i64>,
    Option<NaiveDate>,
    Option<NaiveDate>,
    Option<String>,
    bool,
    i64,
);

/// Master data and the facts the access decision needs; `None` when the case does not exist.
pub(crate) async fn stammdaten_laden(tx: &mut Tx, kunde_id: i64) -> Result<Option<(Stammdaten, FallBezug)>, AppFehler> {
    let Some(z) = sql!(tx, zeile<StammZeile>
        "SELECT k.kundennummer, k.dienststelle_id, k.team_id, k.vfk_id, k.vorname, k.nachname, k.geburtsdatum,
                k.rechtskreis, k.segment, k.plz, k.bedarfsgemeinschaft_id, k.bg_einwilligung_am, k.arbeitslos_seit,
                k.rechtskreiswechsel, k.gesperrt,
                (SELECT COUNT(*) FROM auftrag a WHERE a.kunde_id = k.id AND a.erledigt = FALSE)
         FROM kunde k WHERE k.id = $1", kunde_id)?
    else {
        return Ok(None);
    };
    let freigegeben_fuer = if z.14 { freigaben(tx, kunde_id).await? } else { Vec::new() };
    let bedarfsgemeinschaft = match z.10 {
        Some(bg) => {
            sql!(tx, zeile<(String,)> "SELECT nummer FROM bedarfsgemeinschaft WHERE id = $1", bg)?.map(|(n,)| n)
        }
        None => None,
    };
    let stamm = Stammdaten {
        id: kunde_id,
        kundennummer: z.0,
        dienststelle_id: z.1,
        team_id: z.2,
        vfk_id: z.3,
        vorname: z.4,
        nachname: z.5,
        geburtsdatum: z.6,
        rechtskreis: aus_text("rechtskreis", &z.7)?,
        segment: aus_text("segment", &z.8)?,
        plz: z.9,
        bedarfsgemeinschaft_id: z.10,
        bg_einwilligung_am: z.11,
        arbeitslos_seit: z.12,
        rechtskreiswechsel: z.13,
        gesperrt: z.14,
        bedarfsgemeinschaft,
    };
    let bezug = FallBezug {
        dienststelle_id: stamm.dienststelle_id,
        team_id: stamm.team_id,
        vfk_id: stamm.vfk_id,
        gesperrt: stamm.gesperrt,
        freigegeben_fuer,
        offener_fachdienstauftrag: z.15 > 0,
    };
    Ok(Some((stamm, bezug)))
}

/// The users a restricted case is released to (§35 SGB I).
pub(crate) async fn freigaben(tx: &mut Tx, kunde_id: i64) -> Result<Vec<i64>, AppFehler> {
    Ok(sql!(tx, zeilen<(i64,)> "SELECT benutzer_id FROM kunde_freigabe WHERE kunde_id = $1", kunde_id)?
        .into_iter()
        .map(|(b,)| b)
        .collect())
}

/// Checks the access decision, then loads the whole case. An invisible case answers exactly like
/// a missing one (D1).
pub(crate) async fn fall_laden(tx: &mut Tx, wer: &Akteur, kunde_id: i64, aktion: Aktion) -> Result<Fall, AppFehler> {
    let Some((stamm, bezug)) = stammdaten_laden(tx, kunde_id).await? else {
        return Err(AppFehler::NichtGefunden("Der Fall"));
    };
    match pruefen(wer, aktion, Some(&bezug)) {
        Entscheidung::Erlaubt => {}
        Entscheidung::Unsichtbar => return Err(AppFehler::NichtGefunden("Der Fall")),
        Entscheidung::Verboten => {
            return Err(AppFehler::Verboten(
                "Für diesen Fall fehlt Ihnen die Berechtigung zu dieser Aktion (D1: Kenntnis nur, soweit erforderlich).".into(),
            ));
        }
    }
    akte_laden(tx, stamm).await
}

fn json<T: serde::de::DeserializeOwned>(tabelle: &str, id: i64, text: &str) -> Result<T, AppFehler> {
    serde_json::from_str(text)
        .map_err(|e| crate::fehler::unlesbar(format_args!("Gespeicherter Eintrag {tabelle}/{id}"), &e))
}

fn inhalte<T: serde::de::DeserializeOwned>(
    zeilen: Vec<(i64, String)>,
    tabelle: &str,
) -> Result<(Vec<i64>, Vec<T>), AppFehler> {
    let mut ids = Vec::with_capacity(zeilen.len());
    let mut werte = Vec::with_capacity(zeilen.len());
    for (id, text) in zeilen {
        werte.push(json(tabelle, id, &text)?);
        ids.push(id);
    }
    Ok((ids, werte))
}

pub(crate) async fn akte_laden(tx: &mut Tx, stamm: Stammdaten) -> Result<Fall, AppFehler> {
    let k = stamm.id;
    let (konfiguration,) =
        sql!(tx, zeile<(String,)> "SELECT konfiguration FROM dienststelle WHERE id = $1", stamm.dienststelle_id)?
            .ok_or(AppFehler::NichtGefunden("Die Dienststelle"))?;
    let dienststelle: Dienststelle = json("dienststelle", stamm.dienststelle_id, &konfiguration)?;

    let meldungen: Vec<(i64, NaiveDate, Option<NaiveDate>)> = sql!(tx, zeilen<(i64, NaiveDate, Option<NaiveDate>)> "SELECT id, beginn, ende FROM meldung WHERE kunde_id = $1 ORDER BY beginn, id", k)?;
    let (profiling_ids, profiling) = inhalte::<ProfilingVersion>(
        sql!(tx, zeilen<(i64, String)> "SELECT id, inhalt FROM profiling WHERE kunde_id = $1 ORDER BY gespeichert_am, id", k)?,
        "profiling",
    )?;
    let (ziel_ids, ziele) = inhalte::<Ziel>(
        sql!(tx, zeilen<(i64, String)> "SELECT id, inhalt FROM ziel WHERE kunde_id = $1 ORDER BY vereinbart_am, id", k)?,
        "ziel",
    )?;
    let (strategie_ids, strategien) = inhalte::<StrategieWahl>(
        sql!(tx, zeilen<(i64, String)> "SELECT id, inhalt FROM strategie WHERE kunde_id = $1 ORDER BY id", k)?,
        "strategie",
    )?;
    let (ev_ids, evs) = inhalte::<Eingliederungsvereinbarung>(
        sql!(tx, zeilen<(i64, String)> "SELECT id, inhalt FROM eingliederungsvereinbarung WHERE kunde_id = $1 ORDER BY erstellt_am, id", k)?,
        "eingliederungsvereinbarung",
    )?;
    let (gespraech_ids, gespraeche) = inhalte::<Gespraech>(
        sql!(tx, zeilen<(i64, String)> "SELECT id, inhalt FROM gespraech WHERE kunde_id = $1 ORDER BY datum, id", k)?,
        "gespraech",
    )?;
    let (vermerk_ids, mut vermerke) = inhalte::<Beratungsvermerk>(
        sql!(tx, zeilen<(i64, String)> "SELECT id, inhalt FROM vermerk WHERE kunde_id = $1 ORDER BY datum, id", k)?,
        "vermerk",
    )?;
    let nachtraege: Vec<(i64, NaiveDate, String)> = sql!(tx, zeilen<(i64, NaiveDate, String)>
        "SELECT n.vermerk_id, n.datum, n.text FROM nachtrag n JOIN vermerk v ON v.id = n.vermerk_id
         WHERE v.kunde_id = $1 ORDER BY n.datum, n.id", k)?;
    for (vermerk_id, datum, text) in nachtraege {
        if let Some(i) = vermerk_ids.iter().position(|v| *v == vermerk_id) {
            vermerke[i].nachtraege.push(Nachtrag { datum, text });
        }
    }
    let (auftrag_ids, auftraege) = inhalte::<Auftrag>(
        sql!(tx, zeilen<(i64, String)> "SELECT id, inhalt FROM auftrag WHERE kunde_id = $1 ORDER BY datum, id", k)?,
        "auftrag",
    )?;
    let einwilligungen: Vec<(i64, String, NaiveDate, Option<NaiveDate>)> = sql!(tx, zeilen<(i64, String, NaiveDate, Option<NaiveDate>)>
        "SELECT id, umfang, erteilt_am, widerrufen_am FROM einwilligung WHERE kunde_id = $1 ORDER BY erteilt_am, id", k)?;

    let bedarfsgemeinschaft = match (stamm.bedarfsgemeinschaft_id, &stamm.bedarfsgemeinschaft) {
        (Some(bg), Some(nummer)) => {
            let mitglieder: Vec<(String, Option<NaiveDate>)> = sql!(tx, zeilen<(String, Option<NaiveDate>)>
                "SELECT kundennummer, bg_einwilligung_am FROM kunde WHERE bedarfsgemeinschaft_id = $1 AND id <> $2 ORDER BY id",
                bg, k)?;
            Some(Bedarfsgemeinschaft {
                nummer: nummer.clone(),
                mitglieder: mitglieder
                    .into_iter()
                    .map(|(kundennummer, e)| BgMitglied { kundennummer, einwilligung_gemeinsames_gespraech: e })
                    .collect(),
            })
        }
        _ => None,
    };
    let rechtskreiswechsel = match &stamm.rechtskreiswechsel {
        Some(t) => Some(json("kunde.rechtskreiswechsel", k, t)?),
        None => None,
    };
    let mut einwilligung_ids = Vec::new();
    let mut einwilligungen_akte = Vec::new();
    for (id, umfang, erteilt_am, widerrufen_am) in einwilligungen {
        einwilligung_ids.push(id);
        einwilligungen_akte.push(Einwilligung {
            umfang: aus_text("einwilligung.umfang", &umfang)?,
            erteilt_am,
            widerrufen_am,
        });
    }
    let akte = Fallakte {
        format: 1,
        kunde: Kunde {
            kundennummer: Some(stamm.kundennummer.clone()),
            geburtsdatum: stamm.geburtsdatum,
            rechtskreis: stamm.rechtskreis,
            segment: stamm.segment,
            bedarfsgemeinschaft,
            rechtskreiswechsel,
            arbeitslos_seit: stamm.arbeitslos_seit,
        },
        dienststelle,
        meldungen: meldungen.iter().map(|(_, beginn, ende)| Meldung { beginn: *beginn, ende: *ende }).collect(),
        profiling,
        ziele,
        strategien,
        eingliederungsvereinbarungen: evs,
        gespraeche,
        vermerke,
        auftraege,
        einwilligungen: einwilligungen_akte,
    };
    let ids = FallIds {
        meldungen: meldungen.iter().map(|m| m.0).collect(),
        profiling: profiling_ids,
        ziele: ziel_ids,
        strategien: strategie_ids,
        eingliederungsvereinbarungen: ev_ids,
        gespraeche: gespraech_ids,
        vermerke: vermerk_ids,
        auftraege: auftrag_ids,
        einwilligungen: einwilligung_ids,
    };
    Ok(Fall { stamm, akte, ids })
}
