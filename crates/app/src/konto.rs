//! Login, sessions in the database, API tokens, user accounts (issue 3 item 6).
//!
//! Sessions: a random id in the cookie, only its SHA-256 in the table; a new id at every login;
//! idle 30 min, absolute 10 h; all sessions end when the account is disabled. Unknown and known
//! logins fail with the same message after the same argon2 work.
//!
//! Second factor (issue 17): after the password a session has a stage (`sitzung.stufe`): `code`
//! waits for the TOTP or a recovery code (see `zweiter_faktor`) and signs in nobody; `einrichten`
//! is a user whose role requires a second factor she has not enrolled yet: she may only enrol.
//! API tokens stay single-factor but expire (`token_gueltigkeit`, default 90 days).

use chrono::{DateTime, NaiveDate, TimeDelta, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, Rolle, pruefen};
use vierphasen_store::{Tx, sql};

use crate::{App, AppFehler, geheimnis, grenzen, passwort};

pub const LEERLAUF: TimeDelta = TimeDelta::minutes(30);
/// How long a session waits for the second factor after the password.
pub const CODE_FRIST: TimeDelta = TimeDelta::minutes(5);
/// Default lifetime of a new API token.
pub const TOKEN_GUELTIGKEIT: TimeDelta = TimeDelta::days(90);
pub const HOECHSTDAUER: TimeDelta = TimeDelta::hours(10);
/// `zuletzt_um` is refreshed at most this often (a read is not a write on every request).
const AKTUALISIEREN_NACH: TimeDelta = TimeDelta::minutes(1);

const ADMINISTRATION: &str = "Benutzer verwaltet die Administration der Dienststelle.";

/// Accounts, teams and caseloads are the Administration's.
pub(crate) fn nur_administration(wer: &Akteur) -> Result<(), AppFehler> {
    if pruefen(wer, Aktion::BenutzerVerwalten, None) == Entscheidung::Erlaubt {
        Ok(())
    } else {
        Err(AppFehler::Verboten(ADMINISTRATION.into()))
    }
}

/// A team given for an account or a case must be one of the Dienststelle.
pub(crate) async fn team_der_dienststelle(tx: &mut Tx, team_id: i64, dienststelle_id: i64) -> Result<(), AppFehler> {
    match sql!(tx, zeile<(i64,)> "SELECT id FROM team WHERE id = $1 AND dienststelle_id = $2", team_id, dienststelle_id)?
    {
        Some(_) => Ok(()),
        None => Err(AppFehler::ungueltig("team_id", "Dieses Team gibt es in der Dienststelle nicht.")),
    }
}

const FALSCH: &str = "Anmeldung fehlgeschlagen: Benutzername oder Passwort ist falsch.";

/// Who is signed in (what the UI shows and the access decision reads).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Angemeldet {
    pub benutzer_id: i64,
    pub login: String,
    pub name: String,
    pub rolle: Rolle,
    pub dienststelle_id: i64,
    pub team_id: Option<i64>,
    #[serde(skip)]
    pub akteur: Akteur,
    /// Her role requires a second factor that is not enrolled yet: until she enrolls it
    /// (`/api/v1/profil/totp`) nothing else is allowed.
    pub zweiter_faktor_fehlt: bool,
}

/// The stage of a session after the password (`sitzung.stufe`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stufe {
    /// Signed in.
    Voll,
    /// Waits for the code of the second factor.
    Code,
    /// Signed in only to enrol the second factor her role requires.
    Einrichten,
}

impl Stufe {
    pub fn as_str(self) -> &'static str {
        match self {
            Stufe::Voll => "voll",
            Stufe::Code => "code",
            Stufe::Einrichten => "einrichten",
        }
    }
}

/// The result of the password step: a session (its secret goes into the cookie) and its stage.
#[derive(Debug, Clone)]
pub struct Anmeldung {
    pub geheim: String,
    pub angemeldet: Angemeldet,
    pub stufe: Stufe,
}

#[derive(Debug, Clone, Deserialize, ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NeuerBenutzer {
    pub login: String,
    pub name: String,
    pub rolle: Rolle,
    pub team_id: Option<i64>,
    pub passwort: String,
    /// The service of a Fachdienst user (catalogue id of a service with an inbox; issue 13/1).
    #[serde(default)]
    pub fachdienst: Option<String>,
}

type BenutzerZeile = (i64, String, String, String, i64, Option<i64>, Option<String>, bool);

/// The account as a logged-in user; `heute` decides which stand-ins hold (issue 13/6).
/// The name of a staff member (`None`: no such account).
pub(crate) async fn benutzername(tx: &mut Tx, benutzer_id: i64) -> Result<Option<String>, AppFehler> {
    Ok(sql!(tx, zeile<(String,)> "SELECT name FROM benutzer WHERE id = $1", benutzer_id)?.map(|(n,)| n))
}

/// The account as a logged-in user; `heute` decides which stand-ins hold (issue 13/6).
pub(crate) async fn angemeldet_laden(
    tx: &mut Tx,
    benutzer_id: i64,
    heute: NaiveDate,
) -> Result<Option<Angemeldet>, AppFehler> {
    let Some((id, login, name, rolle, dienststelle_id, team_id, fachdienst, aktiv)) = sql!(tx, zeile<BenutzerZeile>
        "SELECT id, login, name, rolle, dienststelle_id, team_id, fachdienst, aktiv FROM benutzer WHERE id = $1",
        benutzer_id)?
    else {
        return Ok(None);
    };
    if !aktiv {
        return Ok(None);
    }
    let rolle: Rolle =
        rolle.parse().map_err(|_| AppFehler::intern_meldung(format!("Gespeicherte Rolle „{rolle}“ unbekannt")))?;
    let vertritt = crate::vertretung::vertritt_heute(tx, id, heute).await?;
    let akteur = Akteur { benutzer_id: id, rolle, dienststelle_id, team_id, vertritt, fachdienst };
    Ok(Some(Angemeldet {
        benutzer_id: id,
        login,
        name,
        rolle,
        dienststelle_id,
        team_id,
        akteur,
        zweiter_faktor_fehlt: false,
    }))
}

/// Creates a session of `benutzer_id` at `stufe`; returns its secret.
pub(crate) async fn sitzung_anlegen(app: &App, benutzer_id: i64, stufe: Stufe) -> Result<String, AppFehler> {
    let geheim = geheimnis::neu();
    let mut w = app.schreiber.beginnen().await?;
    sql!(&mut w, ausfuehren
        "INSERT INTO sitzung (id_hash, benutzer_id, erstellt_um, zuletzt_um, stufe) VALUES ($1, $2, $3, $3, $4)",
        geheimnis::hash(&geheim), benutzer_id, app.jetzt(), stufe.as_str())?;
    w.festschreiben().await?;
    Ok(geheim)
}

fn normalisiert(login: &str) -> String {
    login.trim().to_lowercase()
}

impl App {
    /// Checks login and password; on success a new session whose secret goes into the cookie, at
    /// the stage the second factor asks for.
    pub async fn anmelden(&self, login: &str, kennwort: &str) -> Result<Anmeldung, AppFehler> {
        let mut tx = self.db.begin().await?;
        let zeile = sql!(&mut tx, zeile<(i64, String, bool)>
            "SELECT id, passwort_hash, aktiv FROM benutzer WHERE login = $1", normalisiert(login))?;
        let benutzer_id = match zeile {
            Some((id, hash, aktiv)) => {
                let passt = tokio::task::spawn_blocking({
                    let kennwort = kennwort.to_string();
                    move || passwort::verifizieren(&kennwort, &hash)
                })
                .await
                .unwrap_or(false);
                if !passt || !aktiv {
                    return Err(AppFehler::Verboten(FALSCH.into()));
                }
                id
            }
            None => {
                let kennwort = kennwort.to_string();
                let _ = tokio::task::spawn_blocking(move || passwort::blindpruefung(&kennwort)).await;
                return Err(AppFehler::Verboten(FALSCH.into()));
            }
        };
        let mut angemeldet =
            angemeldet_laden(&mut tx, benutzer_id, self.heute()).await?.ok_or(AppFehler::NichtAngemeldet)?;
        let stufe = if crate::zweiter_faktor::eingerichtet(&mut tx, benutzer_id).await? {
            Stufe::Code
        } else if crate::zweiter_faktor::vorgeschrieben(&mut tx, &angemeldet).await? {
            Stufe::Einrichten
        } else {
            Stufe::Voll
        };
        drop(tx);
        angemeldet.zweiter_faktor_fehlt = stufe == Stufe::Einrichten;
        let geheim = sitzung_anlegen(self, benutzer_id, stufe).await?;
        Ok(Anmeldung { geheim, angemeldet, stufe })
    }

    /// The signed-in user of a session cookie; expired sessions are removed. Reads in a read
    /// transaction; the rare writes go through the batching writer (on SQLite a transaction that
    /// reads first and writes later fails at once under concurrent writers instead of waiting).
    pub async fn sitzung_pruefen(&self, geheim: &str) -> Result<Angemeldet, AppFehler> {
        let hash = geheimnis::hash(geheim);
        let jetzt = self.jetzt();
        let mut tx = self.db.begin().await?;
        let Some((benutzer_id, erstellt, zuletzt, stufe)) = sql!(&mut tx, zeile<(i64, DateTime<Utc>, DateTime<Utc>, String)>
            "SELECT benutzer_id, erstellt_um, zuletzt_um, stufe FROM sitzung WHERE id_hash = $1", &hash)?
        else {
            return Err(AppFehler::NichtAngemeldet);
        };
        if jetzt - zuletzt > LEERLAUF || jetzt - erstellt > HOECHSTDAUER {
            drop(tx);
            self.abmelden(geheim).await?;
            return Err(AppFehler::NichtAngemeldet);
        }
        // A session waiting for its code signs in nobody.
        if stufe == Stufe::Code.as_str() {
            return Err(AppFehler::NichtAngemeldet);
        }
        let mut angemeldet =
            angemeldet_laden(&mut tx, benutzer_id, self.heute()).await?.ok_or(AppFehler::NichtAngemeldet)?;
        angemeldet.zweiter_faktor_fehlt = stufe == Stufe::Einrichten.as_str();
        drop(tx);
        if jetzt - zuletzt > AKTUALISIEREN_NACH {
            let mut w = self.schreiber.beginnen().await?;
            sql!(&mut w, ausfuehren "UPDATE sitzung SET zuletzt_um = $1 WHERE id_hash = $2", jetzt, &hash)?;
            w.festschreiben().await?;
        }
        Ok(angemeldet)
    }

    pub async fn abmelden(&self, geheim: &str) -> Result<(), AppFehler> {
        let mut tx = self.schreiber.beginnen().await?;
        sql!(&mut tx, ausfuehren "DELETE FROM sitzung WHERE id_hash = $1", geheimnis::hash(geheim))?;
        tx.festschreiben().await
    }

    /// A machine client's bearer token (single-factor, but it expires). Its last use is recorded
    /// at most once a minute.
    pub async fn token_pruefen(&self, token: &str) -> Result<Angemeldet, AppFehler> {
        let jetzt = self.jetzt();
        let mut tx = self.db.begin().await?;
        let Some((id, benutzer_id, erstellt, gueltig_bis, zuletzt)) = sql!(&mut tx,
            zeile<(i64, i64, DateTime<Utc>, Option<DateTime<Utc>>, Option<DateTime<Utc>>)>
            "SELECT id, benutzer_id, erstellt_um, gueltig_bis, zuletzt_um FROM api_token WHERE hash = $1 AND widerrufen_um IS NULL",
            geheimnis::hash(token))?
        else {
            return Err(AppFehler::NichtAngemeldet);
        };
        if jetzt >= gueltig_bis.unwrap_or(erstellt + self.token_gueltigkeit) {
            return Err(AppFehler::NichtAngemeldet);
        }
        let angemeldet =
            angemeldet_laden(&mut tx, benutzer_id, self.heute()).await?.ok_or(AppFehler::NichtAngemeldet)?;
        drop(tx);
        if zuletzt.is_none_or(|z| jetzt - z > AKTUALISIEREN_NACH) {
            let mut w = self.schreiber.beginnen().await?;
            sql!(&mut w, ausfuehren "UPDATE api_token SET zuletzt_um = $1 WHERE id = $2", jetzt, id)?;
            w.festschreiben().await?;
        }
        Ok(angemeldet)
    }

    /// Creates an API token for the signed-in user; the secret is shown once, stored hashed. It
    /// expires after `token_gueltigkeit`.
    pub async fn token_erstellen(
        &self,
        wer: &Angemeldet,
        name: &str,
    ) -> Result<(i64, String, DateTime<Utc>), AppFehler> {
        let name = name.trim();
        if name.is_empty() || name.chars().count() > 100 {
            return Err(AppFehler::ungueltig("name", "Bitte einen Namen mit 1 bis 100 Zeichen angeben."));
        }
        let geheim = geheimnis::neu();
        let jetzt = self.jetzt();
        let gueltig_bis = jetzt + self.token_gueltigkeit;
        let mut tx = self.db.begin().await?;
        let id = sql!(&mut tx, wert<i64>
            "INSERT INTO api_token (benutzer_id, name, hash, erstellt_um, gueltig_bis) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            wer.benutzer_id, name, geheimnis::hash(&geheim), jetzt, gueltig_bis)?;
        tx.commit().await?;
        Ok((id, geheim, gueltig_bis))
    }

    pub async fn token_widerrufen(&self, wer: &Angemeldet, id: i64) -> Result<(), AppFehler> {
        let mut tx = self.db.begin().await?;
        let n = sql!(&mut tx, ausfuehren
            "UPDATE api_token SET widerrufen_um = $1 WHERE id = $2 AND benutzer_id = $3 AND widerrufen_um IS NULL",
            self.jetzt(), id, wer.benutzer_id)?;
        tx.commit().await?;
        if n == 0 {
            return Err(AppFehler::NichtGefunden("Das Token"));
        }
        Ok(())
    }

    /// A new account (Admin of the Dienststelle; `wer = None` from the command line).
    pub async fn benutzer_anlegen(
        &self,
        wer: Option<&Akteur>,
        dienststelle_id: i64,
        neu: NeuerBenutzer,
    ) -> Result<i64, AppFehler> {
        if let Some(a) = wer {
            nur_administration(a)?;
            if a.dienststelle_id != dienststelle_id {
                return Err(AppFehler::Verboten(ADMINISTRATION.into()));
            }
        }
        let login = normalisiert(&neu.login);
        if login.is_empty()
            || login.chars().count() > grenzen::LOGIN
            || !login.chars().all(|c| c.is_ascii_alphanumeric() || ".-_".contains(c))
        {
            return Err(AppFehler::ungueltig(
                "login",
                "1 bis 64 Zeichen: Buchstaben a–z, Ziffern, Punkt, Bindestrich, Unterstrich.",
            ));
        }
        let name = neu.name.trim();
        if name.is_empty() || name.chars().count() > grenzen::BEZEICHNUNG {
            return Err(AppFehler::ungueltig("name", "Bitte den Namen angeben (höchstens 200 Zeichen)."));
        }
        passwort::richtlinie_pruefen(&neu.passwort, &login)
            .map_err(|e| AppFehler::ungueltig("passwort", e.to_string()))?;
        let fachdienst = self.fachdienst_des_kontos(neu.rolle, neu.fachdienst.as_deref())?;
        let hash = passwort::hashen_im_hintergrund(&neu.passwort).await?;
        let mut tx = self.db.begin().await?;
        if let Some(team) = neu.team_id {
            team_der_dienststelle(&mut tx, team, dienststelle_id).await?;
        }
        if sql!(&mut tx, zeile<(i64,)> "SELECT id FROM benutzer WHERE login = $1", &login)?.is_some() {
            return Err(AppFehler::Konflikt(format!("Den Benutzernamen „{login}“ gibt es schon.")));
        }
        let id = sql!(&mut tx, wert<i64>
            "INSERT INTO benutzer (dienststelle_id, team_id, login, name, rolle, passwort_hash, aktiv, erstellt_um, fachdienst)
             VALUES ($1, $2, $3, $4, $5, $6, TRUE, $7, $8) RETURNING id",
            dienststelle_id, neu.team_id, &login, name, neu.rolle.as_str(), hash, self.jetzt(), fachdienst)?;
        tx.commit().await?;
        Ok(id)
    }

    /// The service a Fachdienst account belongs to: required for that role (one of the services
    /// with an inbox), none for the others.
    pub(crate) fn fachdienst_des_kontos(
        &self,
        rolle: Rolle,
        fachdienst: Option<&str>,
    ) -> Result<Option<String>, AppFehler> {
        let fachdienst = fachdienst.map(str::trim).filter(|f| !f.is_empty());
        match (rolle, fachdienst) {
            (Rolle::Fachdienst, Some(f)) => match self.katalog.dienst(f).filter(|d| d.mit_posteingang) {
                Some(d) => Ok(Some(d.id.clone())),
                None => Err(AppFehler::ungueltig("fachdienst", format!("unbekannter Fachdienst „{f}“"))),
            },
            (Rolle::Fachdienst, None) => Err(AppFehler::ungueltig(
                "fachdienst",
                "Für die Rolle Fachdienst den Dienst angeben (Ärztlicher Dienst, Berufspsychologischer Service oder Technischer Beratungsdienst).",
            )),
            (_, _) => Ok(None),
        }
    }

    /// Disables an account: every session and token of it ends at once.
    pub async fn benutzer_deaktivieren(&self, wer: &Akteur, benutzer_id: i64) -> Result<(), AppFehler> {
        nur_administration(wer)?;
        let mut tx = self.db.begin().await?;
        let n = sql!(&mut tx, ausfuehren
            "UPDATE benutzer SET aktiv = FALSE WHERE id = $1 AND dienststelle_id = $2", benutzer_id, wer.dienststelle_id)?;
        if n == 0 {
            return Err(AppFehler::NichtGefunden("Der Benutzer"));
        }
        sql!(&mut tx, ausfuehren "DELETE FROM sitzung WHERE benutzer_id = $1", benutzer_id)?;
        sql!(&mut tx, ausfuehren "UPDATE api_token SET widerrufen_um = $1 WHERE benutzer_id = $2 AND widerrufen_um IS NULL",
            self.jetzt(), benutzer_id)?;
        tx.commit().await?;
        Ok(())
    }
}
