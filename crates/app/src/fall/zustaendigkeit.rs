//! Who is responsible for a case (Teamleitung reassigns) and the §35 SGB I restriction
//! (Datenschutz names the users who may still see a restricted case).

use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::zugriff::{Akteur, Aktion, Rolle};
use vierphasen_store::sql;

use super::Aenderung;
use super::{Eintrag, Tor, Verlaufsaktion, sperre_setzen, verlauf_schreiben, zustaendigkeit_setzen};
use crate::konto::{nur_administration, team_der_dienststelle};
use crate::zweiter_faktor::ereignis;
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

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
        kunde_id: KundeId,
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
                team_der_dienststelle(s.tx.as_mut(), t, dienststelle_id).await?;
                Some(t)
            }
            None => vfk_team,
        };
        let vorher = ZustaendigkeitStand { vfk_id: s.fall.stamm.vfk_id, team_id: s.fall.stamm.team_id };
        let nachher = ZustaendigkeitStand { vfk_id: Some(neu.vfk_id), team_id };
        if vorher.vfk_id == nachher.vfk_id && vorher.team_id == nachher.team_id {
            return Ok(Aenderung { id: kunde_id.0, befunde: Vec::new() });
        }
        zustaendigkeit_setzen(s.tx.as_mut(), kunde_id, neu.vfk_id, team_id, vorher.vfk_id).await?;
        s.verlauf("kunde", Some(kunde_id.0), Verlaufsaktion::ZustaendigkeitGeaendert, Some(&vorher), Some(&nachher))
            .await?;
        let befunde = s.abschliessen(Tor::pruefen(false)).await?;
        Ok(Aenderung { id: kunde_id.0, befunde })
    }

    /// Issue 15/9: the Administration moves the whole caseload of a VFK (leaving, on long leave,
    /// changed role) to another active VFK of the Dienststelle, in one transaction: each case
    /// gets the new VFK and her team, its open appointments move along, and its Verlauf says so
    /// (D2). Nothing of the cases is read. Returns the number of cases moved.
    pub async fn bestand_uebertragen(&self, wer: &Akteur, von_vfk: i64, an_vfk: i64) -> Result<u64, AppFehler> {
        nur_administration(wer)?;
        if von_vfk == an_vfk {
            return Err(AppFehler::ungueltig("an", "Bitte eine andere Vermittlungsfachkraft wählen."));
        }
        let jetzt = self.jetzt();
        let mut w = self.schreiber.beginnen().await?;
        let Some((von_name, von_rolle)) = sql!(&mut w, zeile<(String, String)>
            "SELECT name, rolle FROM benutzer WHERE id = $1 AND dienststelle_id = $2", von_vfk, wer.dienststelle_id)?
        else {
            return Err(AppFehler::NichtGefunden("Der Benutzer"));
        };
        if von_rolle != Rolle::Vfk.as_str() {
            return Err(AppFehler::ungueltig("von", format!("{von_name} ist keine Vermittlungsfachkraft.")));
        }
        let Some((an_name, an_team)) = sql!(&mut w, zeile<(String, Option<i64>)>
            "SELECT name, team_id FROM benutzer WHERE id = $1 AND dienststelle_id = $2 AND rolle = 'vfk' AND aktiv = TRUE",
            an_vfk, wer.dienststelle_id)?
        else {
            return Err(AppFehler::ungueltig("an", "Bitte eine aktive Vermittlungsfachkraft der Dienststelle wählen."));
        };
        let faelle = sql!(&mut w, zeilen<(i64, Option<i64>)>
            "SELECT id, team_id FROM kunde WHERE vfk_id = $1 AND dienststelle_id = $2 ORDER BY id",
            von_vfk, wer.dienststelle_id)?;
        if faelle.is_empty() {
            return Err(AppFehler::Konflikt(format!("{von_name} betreut keine Fälle.")));
        }
        for &(id, team_id) in &faelle {
            let kunde_id = KundeId(id);
            let vorher = ZustaendigkeitStand { vfk_id: Some(von_vfk), team_id };
            let nachher = ZustaendigkeitStand { vfk_id: Some(an_vfk), team_id: an_team };
            sql!(&mut w, ausfuehren "UPDATE kunde SET geaendert_um = $1 WHERE id = $2", jetzt, id)?;
            zustaendigkeit_setzen(w.as_mut(), kunde_id, an_vfk, an_team, Some(von_vfk)).await?;
            verlauf_schreiben(
                w.as_mut(),
                Eintrag {
                    kunde_id,
                    benutzer_id: wer.benutzer_id,
                    zeitpunkt: jetzt,
                    entitaet: "kunde",
                    entitaet_id: Some(id),
                    aktion: Verlaufsaktion::ZustaendigkeitGeaendert,
                    vorher: Some(&vorher),
                    nachher: Some(&nachher),
                },
            )
            .await?;
        }
        let n = faelle.len() as u64;
        let angabe = format!("{} an {an_name}", crate::kontopflege::faelle(i64::try_from(n).unwrap_or(i64::MAX)));
        ereignis(w.as_mut(), von_vfk, wer.benutzer_id, "bestand_uebertragen", Some(&angabe), jetzt).await?;
        w.festschreiben().await?;
        Ok(n)
    }

    /// §35 SGB I: restricts a case to named users, or lifts the restriction (Datenschutz).
    pub async fn sperre_setzen(&self, wer: &Akteur, kunde_id: KundeId, sperre: Sperre) -> Result<Aenderung, AppFehler> {
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
            "SELECT benutzer_id FROM kunde_freigabe WHERE kunde_id = $1 ORDER BY benutzer_id", kunde_id.0)?
        .into_iter()
        .map(|(b,)| b)
        .collect();
        freigegeben.sort_unstable();
        let vorher = SperreStand { gesperrt: s.fall.stamm.gesperrt, freigegeben_fuer: bisher };
        let nachher = SperreStand { gesperrt: sperre.gesperrt, freigegeben_fuer: freigegeben };
        if vorher.gesperrt == nachher.gesperrt && vorher.freigegeben_fuer == nachher.freigegeben_fuer {
            return Ok(Aenderung { id: kunde_id.0, befunde: Vec::new() });
        }
        sperre_setzen(s.tx.as_mut(), kunde_id, nachher.gesperrt, &nachher.freigegeben_fuer).await?;
        let aktion = if nachher.gesperrt { Verlaufsaktion::SperreGesetzt } else { Verlaufsaktion::SperreAufgehoben };
        s.verlauf("kunde", Some(kunde_id.0), aktion, Some(&vorher), Some(&nachher)).await?;
        let befunde = s.abschliessen(Tor::pruefen(false)).await?;
        Ok(Aenderung { id: kunde_id.0, befunde })
    }
}
