//! What a Bewerberprofil needs beyond the Fallakte (§8.4): working time, availability and the
//! commuting radius the customer states (Z6).

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::zugriff::{Akteur, Aktion};
use vierphasen_store::{Tx, sql};

use super::{Tor, Verlaufsaktion};
use crate::stellen::arbeitszeit_pruefen;
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

/// What the Bewerberprofil needs beyond the Fallakte (§8.4).
#[derive(Debug, Clone, Default, Serialize, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Vermittlungsangaben {
    /// `vz`, `tz`, `snw`, `ho`, `mj`, comma-separated; empty: every working time.
    #[serde(default)]
    pub arbeitszeit: Option<String>,
    #[serde(default, deserialize_with = "vierphasen_domain::datum::serde_strikt::datum_opt")]
    pub verfuegbar_ab: Option<NaiveDate>,
    /// A commuting radius the customer stated (local goal), 1–500 km.
    #[serde(default)]
    pub umkreis_km: Option<u16>,
}

#[derive(sqlx::FromRow)]
struct VermittlungsangabenZeile {
    arbeitszeit: Option<String>,
    verfuegbar_ab: Option<NaiveDate>,
    umkreis_km: Option<i64>,
}

/// The Vermittlungsangaben as stored (all empty for an unknown case).
pub(crate) async fn vermittlungsangaben_laden(
    tx: &mut Tx,
    kunde_id: KundeId,
) -> Result<Vermittlungsangaben, AppFehler> {
    let z = sql!(tx, zeile<VermittlungsangabenZeile>
        "SELECT arbeitszeit, verfuegbar_ab, umkreis_km FROM kunde WHERE id = $1", kunde_id.0)?;
    Ok(z.map(|z| Vermittlungsangaben {
        arbeitszeit: z.arbeitszeit,
        verfuegbar_ab: z.verfuegbar_ab,
        umkreis_km: z.umkreis_km.and_then(|k| u16::try_from(k).ok()),
    })
    .unwrap_or_default())
}

impl App {
    /// Working time, availability and commuting radius of the Bewerberprofil.
    pub async fn vermittlungsangaben_setzen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        a: Vermittlungsangaben,
    ) -> Result<(), AppFehler> {
        let arbeitszeit = match a.arbeitszeit.as_deref().map(str::trim).filter(|t| !t.is_empty()) {
            Some(t) => Some(arbeitszeit_pruefen(t)?),
            None => None,
        };
        if let Some(k) = a.umkreis_km
            && !(1..=500).contains(&k)
        {
            return Err(AppFehler::ungueltig("umkreis_km", "zwischen 1 und 500 km"));
        }
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let vorher = vermittlungsangaben_laden(s.tx.as_mut(), kunde_id).await?;
        sql!(&mut s.tx, ausfuehren
            "UPDATE kunde SET arbeitszeit = $1, verfuegbar_ab = $2, umkreis_km = $3 WHERE id = $4",
            arbeitszeit.as_deref(), a.verfuegbar_ab, a.umkreis_km.map(i64::from), kunde_id.0)?;
        let nachher = Vermittlungsangaben { arbeitszeit, ..a };
        s.verlauf("vermittlungsangaben", None, Verlaufsaktion::Geaendert, Some(&vorher), Some(&nachher)).await?;
        s.abschliessen(Tor::pruefen(false)).await?;
        Ok(())
    }
}
