//! The case leaving the system: Fallakte export, the Art. 15 DSGVO Auskunft, and the access log of
//! a case for the Datenschutz (D3). Every export and Auskunft is itself logged before it is
//! answered (fail closed).

use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use utoipa::ToSchema;
use vierphasen_domain::Fallakte;
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, Rolle, pruefen};
use vierphasen_store::protokoll::Zugriff;
use vierphasen_store::sql;

use super::{Fall, Stammdaten, fall_laden, stammdaten_laden};
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

pub const ZWECK_EXPORT: &str = "Export Fallakte";
pub const ZWECK_AUSKUNFT: &str = "Auskunft Art. 15";

/// Art. 15 DSGVO: what is stored about the customer, the history of changes and on which days
/// the file was read and why (days, purposes and how often — not the staff's names).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Auskunft {
    pub erstellt_am: DateTime<Utc>,
    pub stammdaten: Stammdaten,
    pub fallakte: Fallakte,
    pub verlauf: Vec<VerlaufEintrag>,
    /// The reads per day (Berlin) and purpose, oldest day first (issue 15/9).
    pub zugriffe: Vec<Zugriffstag>,
    /// Who signs it: the Datenschutz user who issued it; none when the responsible VFK prepared
    /// it (then the Datenschutz signs the printed letter by hand).
    pub unterzeichnet_von: Option<String>,
}

#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct VerlaufEintrag {
    pub zeitpunkt: DateTime<Utc>,
    pub entitaet: String,
    pub aktion: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
struct ZugriffEintrag {
    zeitpunkt: DateTime<Utc>,
    zweck: String,
}

/// The reads of one day for one purpose.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, ToSchema)]
pub struct Zugriffstag {
    pub tag: NaiveDate,
    pub zweck: String,
    pub anzahl: u32,
}

/// Repeated reads per day (Berlin) and purpose, in the order of the log.
fn je_tag(zugriffe: &[ZugriffEintrag]) -> Vec<Zugriffstag> {
    let mut tage: Vec<Zugriffstag> = Vec::new();
    let mut tag_beginnt = 0;
    for z in zugriffe {
        let tag = vierphasen_domain::datum::berlin_datum(z.zeitpunkt);
        if tage.last().is_none_or(|t| t.tag != tag) {
            tag_beginnt = tage.len();
        }
        match tage[tag_beginnt..].iter_mut().find(|t| t.tag == tag && t.zweck == z.zweck) {
            Some(t) => t.anzahl += 1,
            None => tage.push(Zugriffstag { tag, zweck: z.zweck.clone(), anzahl: 1 }),
        }
    }
    tage
}

/// One row of the access log as the Datenschutz sees it.
#[derive(Debug, Clone, Serialize, ToSchema, sqlx::FromRow)]
pub struct Protokolleintrag {
    pub id: i64,
    pub zeitpunkt: DateTime<Utc>,
    pub benutzer_id: i64,
    pub zweck: String,
}

impl App {
    /// The case as a Fallakte (the format `vierphasen pruefen` reads); logged as "Export Fallakte".
    pub async fn fall_exportieren(&self, wer: &Akteur, kunde_id: KundeId) -> Result<Fallakte, AppFehler> {
        Ok(self.fall_oeffnen(wer, kunde_id, Aktion::FallExportieren, ZWECK_EXPORT.into()).await?.akte)
    }

    /// Art. 15 DSGVO Auskunft; logged as "Auskunft Art. 15".
    pub async fn auskunft_art15(&self, wer: &Akteur, kunde_id: KundeId) -> Result<Auskunft, AppFehler> {
        let mut tx = self.db.begin().await?;
        let Fall { stamm, akte, .. } =
            fall_laden(&mut tx, wer, kunde_id, Aktion::AuskunftErstellen, self.jetzt()).await?;
        let verlauf = sql!(&mut tx, zeilen<VerlaufEintrag>
            "SELECT zeitpunkt, entitaet, aktion FROM verlauf WHERE kunde_id = $1 ORDER BY id", kunde_id.0)?;
        let zugriffe = sql!(&mut tx, zeilen<ZugriffEintrag>
            "SELECT zeitpunkt, zweck FROM zugriffsprotokoll WHERE kunde_id = $1 ORDER BY id", kunde_id.0)?;
        let unterzeichnet_von = match wer.rolle {
            Rolle::Datenschutz => crate::konto::benutzername(&mut tx, wer.benutzer_id).await?,
            _ => None,
        };
        drop(tx);
        let erstellt_am = self.jetzt();
        self.protokoll
            .protokollieren(Zugriff {
                zeitpunkt: erstellt_am,
                benutzer_id: wer.benutzer_id,
                kunde_id: kunde_id.0,
                zweck: ZWECK_AUSKUNFT.into(),
            })
            .await?;
        Ok(Auskunft {
            erstellt_am,
            stammdaten: stamm,
            fallakte: akte,
            verlauf,
            zugriffe: je_tag(&zugriffe),
            unterzeichnet_von,
        })
    }

    /// D3: the access log of one case with user ids (Datenschutz).
    pub async fn protokoll_lesen(&self, wer: &Akteur, kunde_id: KundeId) -> Result<Vec<Protokolleintrag>, AppFehler> {
        let mut tx = self.db.begin().await?;
        let Some((_, bezug)) = stammdaten_laden(&mut tx, kunde_id).await? else {
            return Err(AppFehler::NichtGefunden("Der Fall"));
        };
        match pruefen(wer, Aktion::ProtokollEinsehen, Some(&bezug)) {
            Entscheidung::Erlaubt => {}
            Entscheidung::Unsichtbar => return Err(AppFehler::NichtGefunden("Der Fall")),
            Entscheidung::Verboten | Entscheidung::NurMitBegruendung => {
                return Err(AppFehler::Verboten("Das Zugriffsprotokoll sieht der Datenschutz ein (D3).".into()));
            }
        }
        Ok(sql!(&mut tx, zeilen<Protokolleintrag>
            "SELECT id, zeitpunkt, benutzer_id, zweck FROM zugriffsprotokoll WHERE kunde_id = $1 ORDER BY id", kunde_id.0)?)
    }
}
