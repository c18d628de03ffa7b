//! F1/F2 step 3 (§8.4): Vermittlungsvorschläge — a match proposed to the customer, its lifecycle
//! and the employer's feedback. S12: open strategies never block a proposal.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::datum::de;
use vierphasen_domain::zugriff::{Akteur, Aktion};
use vierphasen_matching::{Tag, bewerten};
use vierphasen_store::{Tx, sql};

use super::{Aenderung, text_opt};
use super::{Tor, Verlaufsaktion};
use crate::grenzen;
use crate::stellen::{stelle_aus_json, stelle_laden};
use crate::{App, AppFehler};
use vierphasen_domain::KundeId;

/// Lifecycle of a Vermittlungsvorschlag (the domain's, as the Fallakte holds it).
pub use vierphasen_domain::fallakte::VorschlagStatus;

#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Vorschlag {
    pub id: i64,
    pub stelle_id: i64,
    /// The posting's reference number.
    pub refnr: String,
    pub titel: String,
    pub arbeitgeber: String,
    pub ort: String,
    pub status: VorschlagStatus,
    pub ablehnungsgrund: Option<String>,
    /// The employer's feedback.
    pub rueckmeldung: Option<String>,
    pub punkte: u32,
    pub erstellt_um: DateTime<Utc>,
    pub geaendert_um: DateTime<Utc>,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VorschlagEingabe {
    pub stelle_id: i64,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct VorschlagAenderung {
    pub status: VorschlagStatus,
    /// Required for `abgelehnt`.
    #[serde(default)]
    pub ablehnungsgrund: Option<String>,
    /// The employer's feedback.
    #[serde(default)]
    pub rueckmeldung: Option<String>,
}

type VorschlagZeile = (i64, i64, String, Option<String>, Option<String>, i64, DateTime<Utc>, DateTime<Utc>, String);

pub(crate) async fn vorschlaege_laden(tx: &mut Tx, kunde_id: KundeId) -> Result<Vec<Vorschlag>, AppFehler> {
    let zeilen = sql!(tx, zeilen<VorschlagZeile>
        "SELECT v.id, v.stellenangebot_id, v.status, v.ablehnungsgrund, v.rueckmeldung, v.punkte, v.erstellt_um,
                v.geaendert_um, s.inhalt
         FROM vermittlungsvorschlag v JOIN stellenangebot s ON s.id = v.stellenangebot_id
         WHERE v.kunde_id = $1 ORDER BY v.erstellt_um DESC, v.id DESC", kunde_id.0)?;
    let mut aus = Vec::with_capacity(zeilen.len());
    for (id, stelle_id, status, ablehnungsgrund, rueckmeldung, punkte, erstellt_um, geaendert_um, inhalt) in zeilen {
        let s = stelle_aus_json(stelle_id, &inhalt)?;
        aus.push(Vorschlag {
            id,
            stelle_id,
            refnr: s.refnr,
            titel: s.titel,
            arbeitgeber: s.arbeitgeber,
            ort: s.ort,
            status: VorschlagStatus::aus_id(&status)
                .ok_or_else(|| AppFehler::intern_meldung(format!("Vorschlag {id}: unbekannter Status {status}")))?,
            ablehnungsgrund,
            rueckmeldung,
            punkte: u32::try_from(punkte).unwrap_or(0),
            erstellt_um,
            geaendert_um,
        });
    }
    Ok(aus)
}

impl App {
    /// Turns a match into a Vermittlungsvorschlag (S12: open strategies never block it).
    pub async fn vorschlag_anlegen(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        eingabe: VorschlagEingabe,
    ) -> Result<Aenderung, AppFehler> {
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let Some((stelle, _)) = stelle_laden(s.tx.as_mut(), eingabe.stelle_id).await? else {
            return Err(AppFehler::ungueltig("stelle_id", "Diese Stelle gibt es nicht"));
        };
        if !stelle.offen(s.heute) {
            return Err(AppFehler::ungueltig(
                "stelle_id",
                format!("Die Stelle ist seit dem {} nicht mehr offen", de(stelle.ablauf)),
            ));
        }
        let profil = self.matching.profil(kunde_id).ok_or_else(|| {
            AppFehler::Konflikt(format!("Kein Vermittlungsvorschlag möglich: {}", self.ohne_profil_grund(&s.fall)))
        })?;
        let angebot = self
            .matching
            .angebot(&stelle)
            .ok_or_else(|| AppFehler::ungueltig("stelle_id", "Die Stelle hat keinen gültigen KldB-Schlüssel"))?;
        let punkte = bewerten(&profil, &angebot, Tag::aus_datum(s.heute)).map_or(0, |e| e.punkte);
        let schon = sql!(&mut s.tx, zeile<(i64,)>
            "SELECT id FROM vermittlungsvorschlag WHERE kunde_id = $1 AND stellenangebot_id = $2", kunde_id.0, stelle.id)?;
        if schon.is_some() {
            return Err(AppFehler::Konflikt("Diese Stelle wurde dem Kunden bereits vorgeschlagen.".into()));
        }
        let id = sql!(&mut s.tx, wert<i64>
            "INSERT INTO vermittlungsvorschlag (kunde_id, stellenangebot_id, status, punkte, erstellt_von, erstellt_um, geaendert_um)
             VALUES ($1, $2, 'vorgeschlagen', $3, $4, $5, $6) RETURNING id",
            kunde_id.0, stelle.id, i64::from(punkte), s.benutzer_id, s.jetzt, s.jetzt)?;
        let nachher = serde_json::json!({ "stelle": stelle.refnr, "titel": stelle.titel, "status": "vorgeschlagen", "punkte": punkte });
        s.verlauf::<(), _>(
            "vermittlungsvorschlag",
            Some(id),
            Verlaufsaktion::Vorschlag(VorschlagStatus::Vorgeschlagen),
            None,
            Some(&nachher),
        )
        .await?;
        let befunde = s.abschliessen(Tor::pruefen(false)).await?;
        Ok(Aenderung { id, befunde })
    }

    /// The next step of a Vermittlungsvorschlag, with the employer's feedback.
    pub async fn vorschlag_aendern(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        vorschlag_id: i64,
        a: VorschlagAenderung,
    ) -> Result<Aenderung, AppFehler> {
        let grund = text_opt("ablehnungsgrund", a.ablehnungsgrund.as_deref(), grenzen::NOTIZ)?;
        let rueckmeldung = text_opt("rueckmeldung", a.rueckmeldung.as_deref(), grenzen::ABSATZ)?;
        if a.status == VorschlagStatus::Abgelehnt && grund.is_none() {
            return Err(AppFehler::ungueltig("ablehnungsgrund", "ist bei „abgelehnt“ anzugeben"));
        }
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        let vorher = vorschlaege_laden(s.tx.as_mut(), kunde_id)
            .await?
            .into_iter()
            .find(|v| v.id == vorschlag_id)
            .ok_or(AppFehler::NichtGefunden("Der Vermittlungsvorschlag"))?;
        if a.status != vorher.status && !vorher.status.naechste().contains(&a.status) {
            let erlaubt: Vec<&str> = vorher.status.naechste().iter().map(|n| n.label()).collect();
            return Err(AppFehler::ungueltig(
                "status",
                if erlaubt.is_empty() {
                    format!("Der Vorschlag ist abgeschlossen ({})", vorher.status.label())
                } else {
                    format!("Nach „{}“ folgt {}", vorher.status.label(), erlaubt.join(" oder "))
                },
            ));
        }
        let grund = grund.or(vorher.ablehnungsgrund.clone()).filter(|_| a.status == VorschlagStatus::Abgelehnt);
        let rueckmeldung = rueckmeldung.or(vorher.rueckmeldung.clone());
        sql!(&mut s.tx, ausfuehren
            "UPDATE vermittlungsvorschlag SET status = $1, ablehnungsgrund = $2, rueckmeldung = $3, geaendert_um = $4
             WHERE id = $5",
            a.status.id(), grund.as_deref(), rueckmeldung.as_deref(), s.jetzt, vorschlag_id)?;
        let nachher = serde_json::json!({ "status": a.status, "ablehnungsgrund": grund, "rueckmeldung": rueckmeldung });
        let alt = serde_json::json!({ "status": vorher.status, "ablehnungsgrund": vorher.ablehnungsgrund, "rueckmeldung": vorher.rueckmeldung });
        s.verlauf(
            "vermittlungsvorschlag",
            Some(vorschlag_id),
            Verlaufsaktion::Vorschlag(a.status),
            Some(&alt),
            Some(&nachher),
        )
        .await?;
        let befunde = s.abschliessen(Tor::pruefen(false)).await?;
        Ok(Aenderung { id: vorschlag_id, befunde })
    }
}
