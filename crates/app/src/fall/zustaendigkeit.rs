//! Who is responsible for a case (Teamleitung reassigns) and the §35 SGB I restriction
//! (Datenschutz names the users who may still see a restricted case).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::zugriff::{Akteur, Aktion};
use vierphasen_store::sql;

use super::Aenderung;
use crate::{App, AppFehler};

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Zustaendigkeit {
    /// The new responsible VFK (active, same Dienststelle).
    pub vfk_id: i64,
    /// The team the case belongs to; default: the VFK's team.
    #[serde(default)]
    pub team_id: Option<i64>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Sperre {
    pub gesperrt: bool,
    /// Users who may still see the restricted case (the Datenschutz user who sets it always stays
    /// named, so the restriction can be lifted again).
    #[serde(default)]
    pub freigegeben_fuer: Vec<i64>,
}

#[derive(Debug, Clone, Serialize)]
struct ZustaendigkeitStand {
    vfk_id: Option<i64>,
    team_id: Option<i64>,
}

#[derive(Debug, Clone, Serialize)]
struct SperreStand {
    gesperrt: bool,
    freigegeben_fuer: Vec<i64>,
}

impl App {
    /// Reassigns a case (Teamleitung). Open appointments and Wiedervorlagen of the previous VFK
    /// for this case move along.
    pub async fn zustaendigkeit_aendern(
        &self,
        wer: &Akteur,
        kunde_id: i64,
        neu: Zustaendigkeit,
    ) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::ZustaendigkeitAendern).await?;
        let dienststelle_id = s.fall.stamm.dienststelle_id;
        let Some((vfk_team,)) = sql!(&mut s.tx, zeile<(Option<i64>,)>
            "SELECT team_id FROM benutzer WHERE id = $1 AND dienststelle_id = $2 AND rolle = 'vfk' AND aktiv = TRUE",
            neu.vfk_id, dienststelle_id)?
        else {
            return Err(AppFehler::ungueltig("vfk_id", "keine aktive Vermittlungsfachkraft dieser Dienststelle"));
        };
        let team_id = match neu.team_id {
            Some(t) => {
                let passt = sql!(&mut s.tx, zeile<(i64,)>
                    "SELECT id FROM team WHERE id = $1 AND dienststelle_id = $2", t, dienststelle_id)?;
                if passt.is_none() {
                    return Err(AppFehler::ungueltig("team_id", "Dieses Team gibt es in der Dienststelle nicht."));
                }
                Some(t)
            }
            None => vfk_team,
        };
        let vorher = ZustaendigkeitStand { vfk_id: s.fall.stamm.vfk_id, team_id: s.fall.stamm.team_id };
        let nachher = ZustaendigkeitStand { vfk_id: Some(neu.vfk_id), team_id };
        if vorher.vfk_id == nachher.vfk_id && vorher.team_id == nachher.team_id {
            return Ok(Aenderung { id: kunde_id, befunde: Vec::new() });
        }
        sql!(&mut s.tx, ausfuehren "UPDATE kunde SET vfk_id = $1, team_id = $2 WHERE id = $3", neu.vfk_id, team_id, kunde_id)?;
        if let Some(alt) = vorher.vfk_id
            && alt != neu.vfk_id
        {
            sql!(&mut s.tx, ausfuehren
                "UPDATE termin SET benutzer_id = $1 WHERE kunde_id = $2 AND benutzer_id = $3 AND erledigt_um IS NULL",
                neu.vfk_id, kunde_id, alt)?;
        }
        s.verlauf("kunde", Some(kunde_id), "Zuständigkeit geändert", Some(&vorher), Some(&nachher)).await?;
        s.abschliessen().await?;
        Ok(Aenderung { id: kunde_id, befunde: Vec::new() })
    }

    /// §35 SGB I: restricts a case to named users, or lifts the restriction (Datenschutz).
    pub async fn sperre_setzen(&self, wer: &Akteur, kunde_id: i64, sperre: Sperre) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::SperreSetzen).await?;
        let mut freigegeben: Vec<i64> = Vec::new();
        if sperre.gesperrt {
            for &b in sperre.freigegeben_fuer.iter().chain(std::iter::once(&wer.benutzer_id)) {
                if freigegeben.contains(&b) {
                    continue;
                }
                let gibt_es = sql!(&mut s.tx, zeile<(i64,)>
                    "SELECT id FROM benutzer WHERE id = $1 AND dienststelle_id = $2 AND aktiv = TRUE",
                    b, s.fall.stamm.dienststelle_id)?;
                if gibt_es.is_none() {
                    return Err(AppFehler::ungueltig(
                        "freigegeben_fuer",
                        format!("Benutzer {b} ist kein aktiver Benutzer dieser Dienststelle"),
                    ));
                }
                freigegeben.push(b);
            }
        } else if !sperre.freigegeben_fuer.is_empty() {
            return Err(AppFehler::ungueltig("freigegeben_fuer", "Freigaben gibt es nur für einen gesperrten Fall"));
        }
        let bisher: Vec<i64> = sql!(&mut s.tx, zeilen<(i64,)>
            "SELECT benutzer_id FROM kunde_freigabe WHERE kunde_id = $1 ORDER BY benutzer_id", kunde_id)?
        .into_iter()
        .map(|(b,)| b)
        .collect();
        freigegeben.sort_unstable();
        let vorher = SperreStand { gesperrt: s.fall.stamm.gesperrt, freigegeben_fuer: bisher };
        let nachher = SperreStand { gesperrt: sperre.gesperrt, freigegeben_fuer: freigegeben };
        if vorher.gesperrt == nachher.gesperrt && vorher.freigegeben_fuer == nachher.freigegeben_fuer {
            return Ok(Aenderung { id: kunde_id, befunde: Vec::new() });
        }
        sql!(&mut s.tx, ausfuehren "UPDATE kunde SET gesperrt = $1 WHERE id = $2", nachher.gesperrt, kunde_id)?;
        sql!(&mut s.tx, ausfuehren "DELETE FROM kunde_freigabe WHERE kunde_id = $1", kunde_id)?;
        for b in &nachher.freigegeben_fuer {
            sql!(&mut s.tx, ausfuehren "INSERT INTO kunde_freigabe (kunde_id, benutzer_id) VALUES ($1, $2)", kunde_id, b)?;
        }
        let aktion = if nachher.gesperrt { "Sperre gesetzt (§ 35 SGB I)" } else { "Sperre aufgehoben (§ 35 SGB I)" };
        s.verlauf("kunde", Some(kunde_id), aktion, Some(&vorher), Some(&nachher)).await?;
        s.abschliessen().await?;
        Ok(Aenderung { id: kunde_id, befunde: Vec::new() })
    }
}
