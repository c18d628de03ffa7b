//! Issue 13/6: Vertretung. A VFK (for herself) or her Teamleitung (for a VFK of her team) enters
//! who stands in for her and for which days; during them the stand-in reads and changes the
//! caseload (D1: `Akteur::vertritt` holds only the stand-ins valid today) and finds its
//! appointments and Wiedervorlagen in her Arbeitsliste.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::zugriff::{Akteur, Rolle};
use vierphasen_store::{Tx, sql};

use crate::{App, AppFehler};

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VertretungEingabe {
    /// The VFK who is away.
    pub vertretene_id: i64,
    /// The VFK who stands in.
    pub vertreter_id: i64,
    /// First and last day; without them the stand-in holds until it is ended.
    #[serde(default, deserialize_with = "vierphasen_domain::datum::serde_strikt::datum_opt")]
    pub von: Option<NaiveDate>,
    #[serde(default, deserialize_with = "vierphasen_domain::datum::serde_strikt::datum_opt")]
    pub bis: Option<NaiveDate>,
}

/// Whom the user may enter a stand-in for, and who may stand in (id, name).
#[derive(Debug, Clone, Default)]
pub struct Vertretungsauswahl {
    pub fuer: Vec<(i64, String)>,
    pub durch: Vec<(i64, String)>,
}

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Vertretungszeile {
    pub vertretene_id: i64,
    pub vertretene: String,
    pub vertreter_id: i64,
    pub vertreter: String,
    pub von: Option<NaiveDate>,
    pub bis: Option<NaiveDate>,
    /// Holds today.
    pub gilt_heute: bool,
}

/// The VFKs `vertreter_id` stands in for on `heute`.
pub(crate) async fn vertritt_heute(tx: &mut Tx, vertreter_id: i64, heute: NaiveDate) -> Result<Vec<i64>, AppFehler> {
    Ok(sql!(tx, zeilen<(i64,)>
        "SELECT v.vertretener_id FROM vertretung v
         WHERE v.vertreter_id = $1 AND (v.von IS NULL OR v.von <= $2) AND (v.bis IS NULL OR v.bis >= $2)",
        vertreter_id, heute)?
    .into_iter()
    .map(|(v,)| v)
    .collect())
}

/// Both are active VFKs of one Dienststelle and not the same person; returns the Dienststelle.
async fn paar_pruefen(tx: &mut Tx, vertreter_id: i64, vertretene_id: i64) -> Result<(i64, Option<i64>), AppFehler> {
    if vertreter_id == vertretene_id {
        return Err(AppFehler::ungueltig("vertreter_id", "Eine Vermittlungsfachkraft vertritt nicht sich selbst."));
    }
    let mut gefunden = Vec::with_capacity(2);
    for (feld, id) in [("vertreter_id", vertreter_id), ("vertretene_id", vertretene_id)] {
        let Some(z) = sql!(tx, zeile<(i64, Option<i64>)>
            "SELECT dienststelle_id, team_id FROM benutzer WHERE id = $1 AND rolle = 'vfk' AND aktiv = TRUE", id)?
        else {
            return Err(AppFehler::ungueltig(feld, "keine aktive Vermittlungsfachkraft"));
        };
        gefunden.push(z);
    }
    if gefunden[0].0 != gefunden[1].0 {
        return Err(AppFehler::ungueltig("vertreter_id", "Vertretung nur innerhalb einer Dienststelle"));
    }
    Ok(gefunden[1])
}

/// Who may enter or end a stand-in for `vertretene`: she herself, or the Teamleitung of her team.
fn darf_fuer(wer: &Akteur, vertretene_id: i64, dienststelle_id: i64, team_id: Option<i64>) -> Result<(), AppFehler> {
    let ok = wer.dienststelle_id == dienststelle_id
        && match wer.rolle {
            Rolle::Vfk => wer.benutzer_id == vertretene_id,
            Rolle::Teamleitung => team_id.is_some() && team_id == wer.team_id,
            _ => false,
        };
    if ok {
        Ok(())
    } else {
        Err(AppFehler::Verboten(
            "Eine Vertretung trägt die Vermittlungsfachkraft selbst oder ihre Teamleitung ein.".into(),
        ))
    }
}

impl App {
    /// Enters (or changes the days of) a stand-in. The last day must not lie in the past.
    pub async fn vertretung_eintragen(&self, wer: &Akteur, e: VertretungEingabe) -> Result<(), AppFehler> {
        if let (Some(von), Some(bis)) = (e.von, e.bis)
            && bis < von
        {
            return Err(AppFehler::ungueltig("bis", "liegt vor dem ersten Tag der Vertretung"));
        }
        if e.bis.is_some_and(|b| b < self.heute()) {
            return Err(AppFehler::ungueltig("bis", "liegt in der Vergangenheit"));
        }
        let mut w = self.schreiber.beginnen().await?;
        let (dienststelle, team) = paar_pruefen(w.as_mut(), e.vertreter_id, e.vertretene_id).await?;
        darf_fuer(wer, e.vertretene_id, dienststelle, team)?;
        sql!(&mut w, ausfuehren
            "INSERT INTO vertretung (vertreter_id, vertretener_id, von, bis) VALUES ($1, $2, $3, $4)
             ON CONFLICT (vertreter_id, vertretener_id) DO UPDATE SET von = $3, bis = $4",
            e.vertreter_id, e.vertretene_id, e.von, e.bis)?;
        w.festschreiben().await
    }

    /// Ends a stand-in at once.
    pub async fn vertretung_beenden(
        &self,
        wer: &Akteur,
        vertretene_id: i64,
        vertreter_id: i64,
    ) -> Result<(), AppFehler> {
        let mut w = self.schreiber.beginnen().await?;
        let Some((dienststelle, team)) = sql!(w.as_mut(), zeile<(i64, Option<i64>)>
            "SELECT b.dienststelle_id, b.team_id FROM vertretung v JOIN benutzer b ON b.id = v.vertretener_id
             WHERE v.vertretener_id = $1 AND v.vertreter_id = $2", vertretene_id, vertreter_id)?
        else {
            return Err(AppFehler::NichtGefunden("Die Vertretung"));
        };
        darf_fuer(wer, vertretene_id, dienststelle, team)?;
        sql!(&mut w, ausfuehren "DELETE FROM vertretung WHERE vertretener_id = $1 AND vertreter_id = $2",
            vertretene_id, vertreter_id)?;
        w.festschreiben().await
    }

    /// The choices of the form: the VFK herself (the Teamleitung: the VFKs of her team) and the
    /// active VFKs of the Dienststelle who may stand in.
    pub async fn vertretungsauswahl(&self, wer: &Akteur) -> Result<Vertretungsauswahl, AppFehler> {
        let mut tx = self.db.begin().await?;
        let vfk = sql!(&mut tx, zeilen<(i64, String, Option<i64>)>
            "SELECT id, name, team_id FROM benutzer WHERE dienststelle_id = $1 AND rolle = 'vfk' AND aktiv = TRUE
             ORDER BY name, id", wer.dienststelle_id)?;
        let fuer = vfk
            .iter()
            .filter(|(id, _, team)| match wer.rolle {
                Rolle::Vfk => *id == wer.benutzer_id,
                Rolle::Teamleitung => team.is_some() && *team == wer.team_id,
                _ => false,
            })
            .map(|(id, name, _)| (*id, name.clone()))
            .collect();
        Ok(Vertretungsauswahl { fuer, durch: vfk.into_iter().map(|(id, name, _)| (id, name)).collect() })
    }

    /// The stand-ins a VFK is part of (for her and by her), or those of a Teamleitung's team.
    pub async fn vertretungen(&self, wer: &Akteur) -> Result<Vec<Vertretungszeile>, AppFehler> {
        let (vfk, team) = match wer.rolle {
            Rolle::Vfk => (wer.benutzer_id, -1),
            Rolle::Teamleitung => (-1, wer.team_id.unwrap_or(-1)),
            _ => return Err(AppFehler::Verboten("Vertretungen tragen VFK und Teamleitung ein.".into())),
        };
        let heute = self.heute();
        let mut tx = self.db.begin().await?;
        type Zeile = (i64, String, i64, String, Option<NaiveDate>, Option<NaiveDate>);
        let zeilen = sql!(&mut tx, zeilen<Zeile>
            "SELECT v.vertretener_id, a.name, v.vertreter_id, s.name, v.von, v.bis
             FROM vertretung v JOIN benutzer a ON a.id = v.vertretener_id JOIN benutzer s ON s.id = v.vertreter_id
             WHERE a.dienststelle_id = $1 AND (v.vertretener_id = $2 OR v.vertreter_id = $2 OR a.team_id = $3)
             ORDER BY a.name, v.von, s.name",
            wer.dienststelle_id, vfk, team)?;
        Ok(zeilen
            .into_iter()
            .map(|(vertretene_id, vertretene, vertreter_id, vertreter, von, bis)| Vertretungszeile {
                vertretene_id,
                vertretene,
                vertreter_id,
                vertreter,
                von,
                bis,
                gilt_heute: von.is_none_or(|v| v <= heute) && bis.is_none_or(|b| b >= heute),
            })
            .collect())
    }
}
