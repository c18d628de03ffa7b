//! The signed-in user's own account: where she works (Dienststelle, team) and changing her
//! password (current password, the policy of `passwort.rs`; her other sessions end).

use serde::Serialize;
use vierphasen_store::sql;

use crate::konto::Angemeldet;
use crate::{App, AppFehler, geheimnis, passwort};

/// Names the profile page shows beside the account.
#[derive(Debug, Clone, Serialize)]
pub struct Profilangaben {
    pub dienststelle: String,
    pub team: Option<String>,
}

/// A password change as the form sends it.
#[derive(Debug, Clone)]
pub struct Passwortwechsel {
    pub bisher: String,
    pub neu: String,
    pub wiederholung: String,
}

impl App {
    pub async fn profil_lesen(&self, wer: &Angemeldet) -> Result<Profilangaben, AppFehler> {
        let mut tx = self.db.begin().await?;
        let (dienststelle,) =
            sql!(&mut tx, zeile<(String,)> "SELECT name FROM dienststelle WHERE id = $1", wer.dienststelle_id)?
                .ok_or(AppFehler::NichtGefunden("Die Dienststelle"))?;
        let team = match wer.team_id {
            Some(t) => sql!(&mut tx, zeile<(String,)> "SELECT name FROM team WHERE id = $1", t)?.map(|(n,)| n),
            None => None,
        };
        Ok(Profilangaben { dienststelle, team })
    }

    /// Changes the user's password. The current password is checked first (same argon2 work as a
    /// login); the new one must follow the policy and be typed twice. Every other session of the
    /// user ends; `geheim` (the cookie of this request) stays signed in.
    pub async fn passwort_aendern(&self, wer: &Angemeldet, geheim: &str, w: Passwortwechsel) -> Result<(), AppFehler> {
        if w.bisher.is_empty() {
            return Err(AppFehler::ungueltig("passwort_bisher", "Bitte das bisherige Passwort angeben."));
        }
        let mut tx = self.db.begin().await?;
        let (hash,) =
            sql!(&mut tx, zeile<(String,)> "SELECT passwort_hash FROM benutzer WHERE id = $1", wer.benutzer_id)?
                .ok_or(AppFehler::NichtAngemeldet)?;
        drop(tx);
        let passt = tokio::task::spawn_blocking({
            let bisher = w.bisher.clone();
            move || passwort::verifizieren(&bisher, &hash)
        })
        .await
        .unwrap_or(false);
        if !passt {
            return Err(AppFehler::ungueltig("passwort_bisher", "Das bisherige Passwort ist falsch."));
        }
        passwort::richtlinie_pruefen(&w.neu, &wer.login)
            .map_err(|e| AppFehler::ungueltig("passwort_neu", e.to_string()))?;
        if w.neu != w.wiederholung {
            return Err(AppFehler::ungueltig(
                "passwort_wiederholung",
                "Die beiden neuen Passwörter stimmen nicht überein.",
            ));
        }
        if w.neu == w.bisher {
            return Err(AppFehler::ungueltig(
                "passwort_neu",
                "Das neue Passwort muss sich vom bisherigen unterscheiden.",
            ));
        }
        let neu_hash = passwort::hashen_im_hintergrund(&w.neu).await?;
        let mut s = self.schreiber.beginnen().await?;
        sql!(&mut s, ausfuehren "UPDATE benutzer SET passwort_hash = $1 WHERE id = $2", neu_hash, wer.benutzer_id)?;
        sql!(&mut s, ausfuehren "DELETE FROM sitzung WHERE benutzer_id = $1 AND id_hash <> $2",
            wer.benutzer_id, geheimnis::hash(geheim))?;
        s.festschreiben().await
    }
}
