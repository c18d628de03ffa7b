//! U1: the Agentur's VFK sends the handover packet to a partner Jobcenter, or withdraws it while
//! it waits.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::zugriff::{Akteur, Aktion};
use vierphasen_domain::{Fallakte, KundeId, Rechtskreis};
use vierphasen_store::sql;

use super::{RECHTSGRUNDLAGE, Uebergabepaket, Uebergabestatus, standard};
use crate::fall::{Tor, Verlaufsaktion, als_text, aus_text, json, text_pruefen};
use crate::konto::benutzername;
use crate::{App, AppFehler, grenzen};

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct UebergabeEingabe {
    /// A partner Jobcenter of the Agentur (see `GET /api/v1/uebergabestandards`).
    pub jobcenter_id: i64,
    /// The handover note: where the integration work stands and what comes next.
    pub notiz: String,
}

/// How many of the last Beratungsvermerke travel with the packet.
const VERMERKE: usize = 5;

/// What the Verlauf of the Agentur's case records about a handover.
#[derive(Serialize)]
struct Vermerkt<'a> {
    uebergabe_id: i64,
    jobcenter_id: i64,
    rechtsgrundlage: &'a str,
}

/// The case as far as the Jobcenter needs it: current profiling and goal, open strategies, the
/// valid EV, registrations, Werdegang and the last Beratungsvermerke. Conversations, activities,
/// referrals, consents (given to the Agentur) and proposals stay at the Agentur.
fn paket_akte(akte: &Fallakte, heute: NaiveDate) -> Fallakte {
    let mut a = akte.clone();
    let letzte = |n: usize, len: usize| len.saturating_sub(n);
    a.profiling.drain(..letzte(1, a.profiling.len()));
    a.ziele.drain(..letzte(1, a.ziele.len()));
    a.strategien.retain(|s| s.erledigt_am.is_none());
    a.eingliederungsvereinbarungen
        .retain(|e| e.abgeschlossen_am.is_some() && e.ersetzt_am.is_none() && e.gueltig_bis.is_none_or(|b| b >= heute));
    a.vermerke.drain(..letzte(VERMERKE, a.vermerke.len()));
    a.gespraeche.clear();
    a.aktivitaeten.clear();
    a.auftraege.clear();
    a.einwilligungen.clear();
    a.vermittlungsvorschlaege.clear();
    a.kunde.bedarfsgemeinschaft = None;
    a
}

impl App {
    /// The responsible VFK (or her stand-in) sends the packet to a partner Jobcenter. Needs a
    /// case in SGB III with a Rechtskreiswechsel and no handover waiting already.
    pub async fn uebergabe_senden(
        &self,
        wer: &Akteur,
        kunde_id: KundeId,
        e: UebergabeEingabe,
    ) -> Result<i64, AppFehler> {
        let notiz = text_pruefen("notiz", &e.notiz, grenzen::LANGTEXT)?;
        let mut s = self.aendern(wer, kunde_id, Aktion::FallBearbeiten).await?;
        if !wer.zustaendig_fuer_vfk(s.fall.stamm.vfk_id) {
            return Err(AppFehler::Verboten(
                "Die Übergabe sendet die zuständige Vermittlungsfachkraft oder ihre Vertretung.".into(),
            ));
        }
        if s.fall.akte.kunde.rechtskreis != Rechtskreis::SgbIII {
            return Err(AppFehler::Konflikt(
                "Übergeben wird ein Fall der Agentur für Arbeit (SGB III) an das Jobcenter.".into(),
            ));
        }
        let Some(wechsel) = s.fall.akte.kunde.rechtskreiswechsel.clone() else {
            return Err(AppFehler::Konflikt(
                "Zuerst das Datum des Rechtskreiswechsels (Ende des Arbeitslosengeldes) erfassen (U1).".into(),
            ));
        };
        if standard::standard_des_paars(s.tx.as_mut(), wer.dienststelle_id, e.jobcenter_id).await?.is_none() {
            return Err(AppFehler::ungueltig(
                "jobcenter_id",
                "Bitte ein Partner-Jobcenter aus der Liste wählen (die Administration trägt sie mit ihrem Übergabestandard ein)",
            ));
        }
        let wartend = sql!(s.tx.as_mut(), zeile<(i64,)>
            "SELECT id FROM uebergabe WHERE kunde_id = $1 AND status = $2",
            kunde_id.0, als_text(&Uebergabestatus::Gesendet))?;
        if wartend.is_some() {
            return Err(AppFehler::Konflikt(
                "Für diesen Fall wartet bereits eine Übergabe auf die Übernahme durch das Jobcenter.".into(),
            ));
        }
        let vfk = benutzername(s.tx.as_mut(), wer.benutzer_id).await?.unwrap_or_default();
        let st = &s.fall.stamm;
        let paket = Uebergabepaket {
            rechtsgrundlage: RECHTSGRUNDLAGE.into(),
            notiz,
            vorname: st.vorname.clone(),
            nachname: st.nachname.clone(),
            plz: st.plz.clone(),
            kundennummer: st.kundennummer.clone(),
            vfk,
            akte: paket_akte(&s.fall.akte, self.heute()),
        };
        let id = sql!(s.tx.as_mut(), wert<i64>
            "INSERT INTO uebergabe (kunde_id, agentur_id, jobcenter_id, rechtskreiswechsel, gesendet_von, gesendet_um, status, paket)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
            kunde_id.0, wer.dienststelle_id, e.jobcenter_id, wechsel.datum, wer.benutzer_id, self.jetzt(),
            als_text(&Uebergabestatus::Gesendet), json(&paket)?)?;
        let v = Vermerkt { uebergabe_id: id, jobcenter_id: e.jobcenter_id, rechtsgrundlage: RECHTSGRUNDLAGE };
        s.verlauf::<(), _>("uebergabe", Some(id), Verlaufsaktion::Uebergeben, None, Some(&v)).await?;
        s.abschliessen(Tor::melden()).await?;
        Ok(id)
    }

    /// The responsible VFK withdraws a handover the Jobcenter has not taken over yet.
    pub async fn uebergabe_zurueckziehen(&self, wer: &Akteur, id: i64) -> Result<(), AppFehler> {
        let mut tx = self.db.begin().await?;
        let Some((kunde_id, status)) = sql!(&mut tx, zeile<(i64, String)>
            "SELECT kunde_id, status FROM uebergabe WHERE id = $1 AND agentur_id = $2", id, wer.dienststelle_id)?
        else {
            return Err(AppFehler::NichtGefunden("Die Übergabe"));
        };
        drop(tx);
        let mut s = self.aendern(wer, KundeId(kunde_id), Aktion::FallBearbeiten).await?;
        if !wer.zustaendig_fuer_vfk(s.fall.stamm.vfk_id) {
            return Err(AppFehler::Verboten(
                "Die Übergabe zieht die zuständige Vermittlungsfachkraft oder ihre Vertretung zurück.".into(),
            ));
        }
        let status: Uebergabestatus = aus_text("uebergabe.status", &status)?;
        let geaendert = sql!(s.tx.as_mut(), ausfuehren
            "UPDATE uebergabe SET status = $1 WHERE id = $2 AND status = $3",
            als_text(&Uebergabestatus::Zurueckgezogen), id, als_text(&Uebergabestatus::Gesendet))?;
        if geaendert == 0 {
            return Err(AppFehler::Konflikt(format!(
                "Die Übergabe ist {} und kann nicht mehr zurückgezogen werden.",
                status.label()
            )));
        }
        let v = serde_json::json!({ "uebergabe_id": id });
        s.verlauf::<(), _>("uebergabe", Some(id), Verlaufsaktion::Zurueckgezogen, None, Some(&v)).await?;
        s.abschliessen(Tor::melden()).await?;
        Ok(())
    }
}
