//! Loading a case from the store into the Fallakte format (so export and rules see the same).
//! Reads every list of the Fallakte; the writes are in `eintraege.rs`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use vierphasen_domain::datum::berlin_datum;
use vierphasen_domain::fallakte::*;
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, FallBezug, pruefen};
use vierphasen_domain::{Rechtskreis, Segment};
use vierphasen_store::{Tx, sql};

use vierphasen_domain::KundeId;

use super::super::vorschlag::vorschlaege_laden;
use super::spalten::aus_text;
use super::zeilen::{BgMitgliedZeile, EinwilligungZeile, Id, InhaltZeile, MeldungZeile, NachtragZeile};
use crate::AppFehler;
use crate::fehler::unlesbar;

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
    /// Z2: works beside the benefit.
    #[serde(skip)]
    pub(crate) erwerbstaetigkeit: Option<Erwerbstaetigkeit>,
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
    pub aktivitaeten: Vec<i64>,
    pub vermerke: Vec<i64>,
    pub auftraege: Vec<i64>,
    pub einwilligungen: Vec<i64>,
    /// Parallel to `kunde.werdegang`.
    pub werdegang: Vec<i64>,
}

#[derive(Debug, Clone)]
pub struct Fall {
    pub stamm: Stammdaten,
    pub akte: Fallakte,
    pub ids: FallIds,
}

/// The `kunde` row with what the access decision needs.
#[derive(sqlx::FromRow)]
struct KundeZeile {
    kundennummer: String,
    dienststelle_id: i64,
    team_id: Option<i64>,
    vfk_id: Option<i64>,
    vorname: String,
    nachname: String,
    geburtsdatum: NaiveDate,
    rechtskreis: String,
    segment: String,
    plz: Option<String>,
    bedarfsgemeinschaft_id: Option<i64>,
    bedarfsgemeinschaft: Option<String>,
    bg_einwilligung_am: Option<NaiveDate>,
    arbeitslos_seit: Option<NaiveDate>,
    erwerbstaetigkeit: Option<String>,
    rechtskreiswechsel: Option<String>,
    gesperrt: bool,
    eingeschraenkt: bool,
    offene_fachdienstauftraege: i64,
}

/// Master data and the facts the access decision needs; `None` when the case does not exist.
pub(crate) async fn stammdaten_laden(
    tx: &mut Tx,
    kunde_id: KundeId,
) -> Result<Option<(Stammdaten, FallBezug)>, AppFehler> {
    let Some(z) = sql!(tx, zeile<KundeZeile>
        "SELECT k.kundennummer, k.dienststelle_id, k.team_id, k.vfk_id, k.vorname, k.nachname, k.geburtsdatum,
                k.rechtskreis, k.segment, k.plz, k.bedarfsgemeinschaft_id, bg.nummer AS bedarfsgemeinschaft,
                k.bg_einwilligung_am, k.arbeitslos_seit, k.erwerbstaetigkeit, k.rechtskreiswechsel, k.gesperrt,
                k.eingeschraenkt_seit IS NOT NULL AS eingeschraenkt,
                (SELECT COUNT(*) FROM auftrag a WHERE a.kunde_id = k.id AND a.erledigt = FALSE) AS offene_fachdienstauftraege
         FROM kunde k LEFT JOIN bedarfsgemeinschaft bg ON bg.id = k.bedarfsgemeinschaft_id
         WHERE k.id = $1", kunde_id.0)?
    else {
        return Ok(None);
    };
    let freigegeben_fuer = if z.gesperrt { freigaben(tx, kunde_id).await? } else { Vec::new() };
    let offene_auftraege_an = if z.offene_fachdienstauftraege > 0 {
        sql!(tx, zeilen<(String,)> "SELECT DISTINCT dienst FROM auftrag WHERE kunde_id = $1 AND erledigt = FALSE", kunde_id.0)?
            .into_iter()
            .map(|(d,)| d)
            .collect()
    } else {
        Vec::new()
    };
    let stamm = Stammdaten {
        id: kunde_id.0,
        kundennummer: z.kundennummer,
        dienststelle_id: z.dienststelle_id,
        team_id: z.team_id,
        vfk_id: z.vfk_id,
        vorname: z.vorname,
        nachname: z.nachname,
        geburtsdatum: z.geburtsdatum,
        rechtskreis: aus_text("rechtskreis", &z.rechtskreis)?,
        segment: aus_text("segment", &z.segment)?,
        plz: z.plz,
        bedarfsgemeinschaft_id: z.bedarfsgemeinschaft_id,
        bg_einwilligung_am: z.bg_einwilligung_am,
        arbeitslos_seit: z.arbeitslos_seit,
        erwerbstaetigkeit: z.erwerbstaetigkeit.as_deref().map(|e| aus_text("erwerbstaetigkeit", e)).transpose()?,
        rechtskreiswechsel: z.rechtskreiswechsel,
        gesperrt: z.gesperrt,
        bedarfsgemeinschaft: z.bedarfsgemeinschaft,
    };
    let bezug = FallBezug {
        dienststelle_id: stamm.dienststelle_id,
        team_id: stamm.team_id,
        vfk_id: stamm.vfk_id,
        gesperrt: stamm.gesperrt,
        freigegeben_fuer,
        offene_auftraege_an,
        // Loaded by `fall_laden` only where the decision depends on it (lists do not open cases).
        ausnahme_fuer: Vec::new(),
        eingeschraenkt: z.eingeschraenkt,
    };
    Ok(Some((stamm, bezug)))
}

/// D1 break-the-glass: `benutzer_id` if she holds a grant for the case valid at `jetzt`.
async fn ausnahmen(
    tx: &mut Tx,
    kunde_id: KundeId,
    benutzer_id: i64,
    jetzt: DateTime<Utc>,
) -> Result<Vec<i64>, AppFehler> {
    Ok(sql!(tx, zeilen<Id> "SELECT benutzer_id AS id FROM ausnahmezugriff
        WHERE kunde_id = $1 AND benutzer_id = $2 AND gueltig_bis > $3 LIMIT 1", kunde_id.0, benutzer_id, jetzt)?
    .into_iter()
    .map(|z| z.id)
    .collect())
}

/// The users a restricted case is released to (§35 SGB I).
pub(crate) async fn freigaben(tx: &mut Tx, kunde_id: KundeId) -> Result<Vec<i64>, AppFehler> {
    Ok(sql!(tx, zeilen<Id> "SELECT benutzer_id AS id FROM kunde_freigabe WHERE kunde_id = $1", kunde_id.0)?
        .into_iter()
        .map(|z| z.id)
        .collect())
}

/// Checks the access decision, then loads the whole case. An invisible case answers exactly like
/// a missing one (D1); a case that needs a stated reason is opened by the user's grant valid at
/// `jetzt` (break-the-glass) or answers [`AppFehler::BegruendungNoetig`].
pub(crate) async fn fall_laden(
    tx: &mut Tx,
    wer: &Akteur,
    kunde_id: KundeId,
    aktion: Aktion,
    jetzt: DateTime<Utc>,
) -> Result<Fall, AppFehler> {
    let Some((stamm, mut bezug)) = stammdaten_laden(tx, kunde_id).await? else {
        return Err(AppFehler::NichtGefunden("Der Fall"));
    };
    let mut entscheidung = pruefen(wer, aktion, Some(&bezug));
    if entscheidung == Entscheidung::NurMitBegruendung {
        bezug.ausnahme_fuer = ausnahmen(tx, kunde_id, wer.benutzer_id, jetzt).await?;
        entscheidung = pruefen(wer, aktion, Some(&bezug));
    }
    match entscheidung {
        Entscheidung::Erlaubt => {}
        Entscheidung::Unsichtbar => return Err(AppFehler::NichtGefunden("Der Fall")),
        Entscheidung::NurMitBegruendung => return Err(AppFehler::BegruendungNoetig { kunde_id: kunde_id.0 }),
        Entscheidung::Verboten => {
            return Err(AppFehler::Verboten(
                "Für diesen Fall fehlt Ihnen die Berechtigung zu dieser Aktion (D1: Kenntnis nur, soweit erforderlich).".into(),
            ));
        }
    }
    akte_laden(tx, stamm).await
}

fn json<T: serde::de::DeserializeOwned>(tabelle: &str, id: i64, text: &str) -> Result<T, AppFehler> {
    serde_json::from_str(text).map_err(|e| unlesbar(format_args!("Gespeicherter Eintrag {tabelle}/{id}"), &e))
}

/// The entries of one list of the Fallakte: row ids and their JSON, in the Fallakte's order.
fn inhalte<T: serde::de::DeserializeOwned>(
    zeilen: Vec<InhaltZeile>,
    tabelle: &str,
) -> Result<(Vec<i64>, Vec<T>), AppFehler> {
    let mut ids = Vec::with_capacity(zeilen.len());
    let mut werte = Vec::with_capacity(zeilen.len());
    for z in zeilen {
        werte.push(json(tabelle, z.id, &z.inhalt)?);
        ids.push(z.id);
    }
    Ok((ids, werte))
}

pub(crate) async fn akte_laden(tx: &mut Tx, stamm: Stammdaten) -> Result<Fall, AppFehler> {
    let k = stamm.id;
    let konfiguration =
        sql!(tx, wert<String> "SELECT konfiguration FROM dienststelle WHERE id = $1", stamm.dienststelle_id)?;
    let dienststelle: Dienststelle = json("dienststelle", stamm.dienststelle_id, &konfiguration)?;

    let meldungen = sql!(tx, zeilen<MeldungZeile> "SELECT id, beginn, ende, abmeldegrund FROM meldung WHERE kunde_id = $1 ORDER BY beginn, id", k)?;
    let (profiling_ids, profiling) = inhalte::<ProfilingVersion>(
        sql!(tx, zeilen<InhaltZeile> "SELECT id, inhalt FROM profiling WHERE kunde_id = $1 ORDER BY gespeichert_am, id", k)?,
        "profiling",
    )?;
    let (ziel_ids, ziele) = inhalte::<Ziel>(
        sql!(tx, zeilen<InhaltZeile> "SELECT id, inhalt FROM ziel WHERE kunde_id = $1 ORDER BY vereinbart_am, id", k)?,
        "ziel",
    )?;
    let (strategie_ids, strategien) = inhalte::<StrategieWahl>(
        sql!(tx, zeilen<InhaltZeile> "SELECT id, inhalt FROM strategie WHERE kunde_id = $1 ORDER BY id", k)?,
        "strategie",
    )?;
    let (ev_ids, evs) = inhalte::<Eingliederungsvereinbarung>(
        sql!(tx, zeilen<InhaltZeile> "SELECT id, inhalt FROM eingliederungsvereinbarung WHERE kunde_id = $1 ORDER BY erstellt_am, id", k)?,
        "eingliederungsvereinbarung",
    )?;
    let (gespraech_ids, gespraeche) = inhalte::<Gespraech>(
        sql!(tx, zeilen<InhaltZeile> "SELECT id, inhalt FROM gespraech WHERE kunde_id = $1 ORDER BY datum, id", k)?,
        "gespraech",
    )?;
    let (aktivitaet_ids, aktivitaeten) = inhalte::<Aktivitaet>(
        sql!(tx, zeilen<InhaltZeile> "SELECT id, inhalt FROM aktivitaet WHERE kunde_id = $1 ORDER BY datum, id", k)?,
        "aktivitaet",
    )?;
    let (werdegang_ids, werdegang) = inhalte::<Werdegangseintrag>(
        sql!(tx, zeilen<InhaltZeile> "SELECT id, inhalt FROM werdegang WHERE kunde_id = $1 ORDER BY von, id", k)?,
        "werdegang",
    )?;
    let (vermerk_ids, mut vermerke) = inhalte::<Beratungsvermerk>(
        sql!(tx, zeilen<InhaltZeile> "SELECT id, inhalt FROM vermerk WHERE kunde_id = $1 ORDER BY datum, id", k)?,
        "vermerk",
    )?;
    let nachtraege = sql!(tx, zeilen<NachtragZeile>
        "SELECT n.vermerk_id, n.datum, n.text FROM nachtrag n JOIN vermerk v ON v.id = n.vermerk_id
         WHERE v.kunde_id = $1 ORDER BY n.datum, n.id", k)?;
    for n in nachtraege {
        if let Some(i) = vermerk_ids.iter().position(|v| *v == n.vermerk_id) {
            vermerke[i].nachtraege.push(Nachtrag { datum: n.datum, text: n.text });
        }
    }
    let (auftrag_ids, auftraege) = inhalte::<Auftrag>(
        sql!(tx, zeilen<InhaltZeile> "SELECT id, inhalt FROM auftrag WHERE kunde_id = $1 ORDER BY datum, id", k)?,
        "auftrag",
    )?;
    let vermittlungsvorschlaege = vorschlaege_laden(tx, KundeId(k))
        .await?
        .into_iter()
        .rev()
        .map(|v| {
            let datum = berlin_datum(v.erstellt_um);
            let geaendert = berlin_datum(v.geaendert_um);
            Vermittlungsvorschlag {
                datum,
                stelle: v.refnr,
                titel: Some(v.titel),
                status: v.status,
                geaendert_am: (geaendert > datum).then_some(geaendert),
                ablehnungsgrund: v.ablehnungsgrund,
                rueckmeldung: v.rueckmeldung,
            }
        })
        .collect();
    let einwilligungen = sql!(tx, zeilen<EinwilligungZeile>
        "SELECT id, umfang, erteilt_am, widerrufen_am FROM einwilligung WHERE kunde_id = $1 ORDER BY erteilt_am, id", k)?;

    let bedarfsgemeinschaft = match (stamm.bedarfsgemeinschaft_id, &stamm.bedarfsgemeinschaft) {
        (Some(bg), Some(nummer)) => {
            let mitglieder = sql!(tx, zeilen<BgMitgliedZeile>
                "SELECT kundennummer, bg_einwilligung_am FROM kunde WHERE bedarfsgemeinschaft_id = $1 AND id <> $2 ORDER BY id",
                bg, k)?;
            Some(Bedarfsgemeinschaft {
                nummer: nummer.clone(),
                mitglieder: mitglieder
                    .into_iter()
                    .map(|m| BgMitglied {
                        kundennummer: m.kundennummer,
                        einwilligung_gemeinsames_gespraech: m.bg_einwilligung_am,
                    })
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
    for e in einwilligungen {
        einwilligung_ids.push(e.id);
        einwilligungen_akte.push(Einwilligung {
            umfang: aus_text("einwilligung.umfang", &e.umfang)?,
            erteilt_am: e.erteilt_am,
            widerrufen_am: e.widerrufen_am,
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
            erwerbstaetigkeit: stamm.erwerbstaetigkeit,
            werdegang,
        },
        dienststelle,
        meldungen: meldungen
            .iter()
            .map(|m| {
                let abmeldegrund =
                    m.abmeldegrund.as_deref().map(|g| aus_text("meldung.abmeldegrund", g)).transpose()?;
                Ok(Meldung { beginn: m.beginn, ende: m.ende, abmeldegrund })
            })
            .collect::<Result<_, AppFehler>>()?,
        profiling,
        ziele,
        strategien,
        eingliederungsvereinbarungen: evs,
        gespraeche,
        aktivitaeten,
        vermerke,
        auftraege,
        einwilligungen: einwilligungen_akte,
        vermittlungsvorschlaege,
    };
    let ids = FallIds {
        meldungen: meldungen.iter().map(|m| m.id).collect(),
        profiling: profiling_ids,
        ziele: ziel_ids,
        strategien: strategie_ids,
        eingliederungsvereinbarungen: ev_ids,
        gespraeche: gespraech_ids,
        aktivitaeten: aktivitaet_ids,
        vermerke: vermerk_ids,
        auftraege: auftrag_ids,
        einwilligungen: einwilligung_ids,
        werdegang: werdegang_ids,
    };
    Ok(Fall { stamm, akte, ids })
}
