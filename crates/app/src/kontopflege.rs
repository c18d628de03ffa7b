//! The Administration looks after the accounts of her Dienststelle (issue 15/9): changing a
//! user's role and team, and a one-time link with which the user sets a new password herself
//! (the Administration never learns it). Every change is a `konto_ereignis`. Moving a caseload
//! is in `fall::zustaendigkeit`.

use chrono::{DateTime, TimeDelta, Utc};
use vierphasen_domain::zugriff::{Akteur, Rolle};
use vierphasen_store::{Tx, sql};

use crate::konto::{nur_administration, team_der_dienststelle};
use crate::zweiter_faktor::ereignis;
use crate::{App, AppFehler, geheimnis, passwort};

/// How long a password link may be used.
pub const PASSWORT_LINK_GUELTIG: TimeDelta = TimeDelta::hours(24);

/// The new role and team of a user as the Administration sets them.
#[derive(Debug, Clone)]
pub struct Kontoaenderung {
    pub rolle: Rolle,
    pub team_id: Option<i64>,
    /// The service of a Fachdienst user.
    pub fachdienst: Option<String>,
}

/// A password link just created: the secret goes into the link, only its hash is stored.
#[derive(Debug, Clone)]
pub struct Passwortlink {
    /// The name of the account, to say whose link it is.
    pub name: String,
    pub geheim: String,
    pub gueltig_bis: DateTime<Utc>,
}

/// (name, role, team id, active) of an account of the Dienststelle.
async fn konto(
    tx: &mut Tx,
    dienststelle_id: i64,
    benutzer_id: i64,
) -> Result<(String, Rolle, Option<i64>, bool, Option<String>), AppFehler> {
    let (name, rolle, team, aktiv, fachdienst) = sql!(tx, zeile<(String, String, Option<i64>, bool, Option<String>)>
        "SELECT name, rolle, team_id, aktiv, fachdienst FROM benutzer WHERE id = $1 AND dienststelle_id = $2",
        benutzer_id, dienststelle_id)?
    .ok_or(AppFehler::NichtGefunden("Der Benutzer"))?;
    let rolle =
        rolle.parse().map_err(|_| AppFehler::intern_meldung(format!("Gespeicherte Rolle „{rolle}“ unbekannt")))?;
    Ok((name, rolle, team, aktiv, fachdienst))
}

/// The number of cases a VFK is responsible for.
async fn faelle_von(tx: &mut Tx, vfk_id: i64, dienststelle_id: i64) -> Result<i64, AppFehler> {
    Ok(
        sql!(tx, wert<i64> "SELECT COUNT(*) FROM kunde WHERE vfk_id = $1 AND dienststelle_id = $2", vfk_id, dienststelle_id)?,
    )
}

/// "1 Fall", "2 Fälle".
pub(crate) fn faelle(n: i64) -> String {
    format!("{n} {}", if n == 1 { "Fall" } else { "Fälle" })
}

async fn teamname(tx: &mut Tx, team_id: Option<i64>) -> Result<String, AppFehler> {
    Ok(match team_id {
        Some(t) => sql!(tx, zeile<(String,)> "SELECT name FROM team WHERE id = $1", t)?
            .map(|(n,)| n)
            .unwrap_or_else(|| "unbekanntes Team".into()),
        None => "kein Team".into(),
    })
}

impl App {
    /// Changes role and team of a user. Refused for her own role (another Administration does
    /// that: nobody locks the office out by mistake) and for a VFK who still holds cases (move
    /// her caseload first). A new role ends her sessions and API tokens: she signs in again with
    /// what the new role requires (second factor).
    pub async fn konto_aendern(&self, wer: &Akteur, benutzer_id: i64, neu: Kontoaenderung) -> Result<(), AppFehler> {
        nur_administration(wer)?;
        let jetzt = self.jetzt();
        let mut w = self.schreiber.beginnen().await?;
        let fachdienst = self.fachdienst_des_kontos(neu.rolle, neu.fachdienst.as_deref())?;
        let (name, rolle, team, _, fachdienst_bisher) = konto(w.as_mut(), wer.dienststelle_id, benutzer_id).await?;
        if let Some(t) = neu.team_id {
            team_der_dienststelle(w.as_mut(), t, wer.dienststelle_id).await?;
        }
        if neu.rolle != rolle {
            if benutzer_id == wer.benutzer_id {
                return Err(AppFehler::ungueltig(
                    "rolle",
                    "Ihre eigene Rolle ändert eine andere Person der Administration.",
                ));
            }
            if rolle == Rolle::Vfk {
                let n = faelle_von(w.as_mut(), benutzer_id, wer.dienststelle_id).await?;
                if n > 0 {
                    return Err(AppFehler::ungueltig(
                        "rolle",
                        format!(
                            "{name} betreut noch {}. Übertragen Sie zuerst den Fallbestand an eine andere Vermittlungsfachkraft.",
                            faelle(n)
                        ),
                    ));
                }
                sql!(&mut w, ausfuehren "DELETE FROM vertretung WHERE vertreter_id = $1 OR vertretener_id = $1", benutzer_id)?;
            }
            sql!(&mut w, ausfuehren "UPDATE benutzer SET rolle = $1 WHERE id = $2", neu.rolle.as_str(), benutzer_id)?;
            sql!(&mut w, ausfuehren "DELETE FROM sitzung WHERE benutzer_id = $1", benutzer_id)?;
            sql!(&mut w, ausfuehren
                "UPDATE api_token SET widerrufen_um = $1 WHERE benutzer_id = $2 AND widerrufen_um IS NULL", jetzt, benutzer_id)?;
            let angabe = format!("{} → {}", rolle.label(), neu.rolle.label());
            ereignis(w.as_mut(), benutzer_id, wer.benutzer_id, "rolle_geaendert", Some(&angabe), jetzt).await?;
        }
        if fachdienst != fachdienst_bisher {
            sql!(&mut w, ausfuehren "UPDATE benutzer SET fachdienst = $1 WHERE id = $2", &fachdienst, benutzer_id)?;
            let dienst = |d: &Option<String>| {
                d.as_deref()
                    .and_then(|d| self.katalog.dienst(d))
                    .map_or_else(|| "kein Fachdienst".to_owned(), |d| d.label.clone())
            };
            // The service is part of the role: the same event.
            let angabe = format!("Fachdienst: {} → {}", dienst(&fachdienst_bisher), dienst(&fachdienst));
            ereignis(w.as_mut(), benutzer_id, wer.benutzer_id, "rolle_geaendert", Some(&angabe), jetzt).await?;
        }
        if neu.team_id != team {
            sql!(&mut w, ausfuehren "UPDATE benutzer SET team_id = $1 WHERE id = $2", neu.team_id, benutzer_id)?;
            let angabe =
                format!("{} → {}", teamname(w.as_mut(), team).await?, teamname(w.as_mut(), neu.team_id).await?);
            ereignis(w.as_mut(), benutzer_id, wer.benutzer_id, "team_geaendert", Some(&angabe), jetzt).await?;
        }
        w.festschreiben().await
    }

    /// How many cases a VFK of the Dienststelle is responsible for (before moving them).
    pub async fn fallbestand(&self, wer: &Akteur, benutzer_id: i64) -> Result<i64, AppFehler> {
        nur_administration(wer)?;
        let mut tx = self.db.begin().await?;
        faelle_von(&mut tx, benutzer_id, wer.dienststelle_id).await
    }

    /// A one-time link for a user who forgot her password (not for oneself: the profile page
    /// changes the own password). An earlier link of the user stops working.
    pub async fn passwort_link_erstellen(&self, wer: &Akteur, benutzer_id: i64) -> Result<Passwortlink, AppFehler> {
        nur_administration(wer)?;
        if benutzer_id == wer.benutzer_id {
            return Err(AppFehler::Konflikt("Ihr eigenes Passwort ändern Sie in Ihrem Profil.".into()));
        }
        let jetzt = self.jetzt();
        let mut w = self.schreiber.beginnen().await?;
        let (name, _, _, aktiv, _) = konto(w.as_mut(), wer.dienststelle_id, benutzer_id).await?;
        if !aktiv {
            return Err(AppFehler::Konflikt("Das Konto ist deaktiviert.".into()));
        }
        let geheim = geheimnis::neu();
        let gueltig_bis = jetzt + PASSWORT_LINK_GUELTIG;
        sql!(&mut w, ausfuehren "DELETE FROM passwort_link WHERE benutzer_id = $1", benutzer_id)?;
        sql!(&mut w, ausfuehren
            "INSERT INTO passwort_link (id_hash, benutzer_id, erstellt_von, erstellt_um, gueltig_bis) VALUES ($1, $2, $3, $4, $5)",
            geheimnis::hash(&geheim), benutzer_id, wer.benutzer_id, jetzt, gueltig_bis)?;
        ereignis(w.as_mut(), benutzer_id, wer.benutzer_id, "passwort_link_erstellt", None, jetzt).await?;
        w.festschreiben().await?;
        Ok(Passwortlink { name, geheim, gueltig_bis })
    }

    /// The login of a password link that can still be used; "not found" otherwise (used, replaced,
    /// expired, or the account deactivated meanwhile).
    pub async fn passwort_link_login(&self, geheim: &str) -> Result<String, AppFehler> {
        let mut tx = self.db.begin().await?;
        let (login, _) = link_lesen(&mut tx, geheim, self.jetzt()).await?;
        Ok(login)
    }

    /// Sets the new password of a password link (policy, typed twice); the link is used up and
    /// every session of the account ends. The second factor stays: the next login asks for it.
    pub async fn passwort_per_link_setzen(&self, geheim: &str, neu: &str, wiederholung: &str) -> Result<(), AppFehler> {
        let jetzt = self.jetzt();
        let (login, benutzer_id) = {
            let mut tx = self.db.begin().await?;
            link_lesen(&mut tx, geheim, jetzt).await?
        };
        passwort::richtlinie_pruefen(neu, &login).map_err(|e| AppFehler::ungueltig("passwort_neu", e.to_string()))?;
        if neu != wiederholung {
            return Err(AppFehler::ungueltig("passwort_wiederholung", "Die beiden Passwörter stimmen nicht überein."));
        }
        let hash = passwort::hashen_im_hintergrund(neu).await?;
        let mut w = self.schreiber.beginnen().await?;
        // Used once: a second request with the same link finds nothing to delete.
        if sql!(&mut w, ausfuehren "DELETE FROM passwort_link WHERE id_hash = $1", geheimnis::hash(geheim))? == 0 {
            return Err(AppFehler::NichtGefunden("Der Link"));
        }
        sql!(&mut w, ausfuehren "UPDATE benutzer SET passwort_hash = $1 WHERE id = $2", hash, benutzer_id)?;
        sql!(&mut w, ausfuehren "DELETE FROM sitzung WHERE benutzer_id = $1", benutzer_id)?;
        ereignis(w.as_mut(), benutzer_id, benutzer_id, "passwort_neu_gesetzt", None, jetzt).await?;
        w.festschreiben().await
    }
}

/// (login, user id) of a usable link.
async fn link_lesen(tx: &mut Tx, geheim: &str, jetzt: DateTime<Utc>) -> Result<(String, i64), AppFehler> {
    sql!(tx, zeile<(String, i64)>
        "SELECT b.login, b.id FROM passwort_link l JOIN benutzer b ON b.id = l.benutzer_id
         WHERE l.id_hash = $1 AND l.gueltig_bis > $2 AND b.aktiv = TRUE",
        geheimnis::hash(geheim), jetzt)?
    .ok_or(AppFehler::NichtGefunden("Der Link"))
}
