//! The second factor of an account (issue 17 item 2): TOTP (RFC 6238, see `totp`) enrolled on
//! the user's own profile (start → code from the app → 10 recovery codes shown once), the code
//! step of the login, disabling with a current code, the Administration's reset (recorded in
//! `konto_ereignis`), and the Dienststelle's requirement.
//!
//! Required for the roles that read case content (VFK, Teamleitung, Fachdienst, Datenschutz)
//! when the Dienststelle's `zweiter_faktor_pflicht` is on (the default), for every role when
//! `zweiter_faktor_fuer_alle` is on.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use utoipa::ToSchema;
use vierphasen_domain::zugriff::{Akteur, Aktion, Entscheidung, Rolle, pruefen};
use vierphasen_store::{Tx, sql};

use crate::konto::{Angemeldet, CODE_FRIST, Stufe, sitzung_anlegen};
use crate::{App, AppFehler, geheimnis, totp};

/// Number of recovery codes issued at a time.
pub const WIEDERHERSTELLUNGSCODES: usize = 10;

const CODE_FALSCH: &str =
    "Der Code ist falsch oder wurde schon verwendet. Bitte den aktuellen Code aus der Authentifizierungs-App eingeben.";

/// The second factor of the signed-in user as her profile shows it.
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Status {
    /// Enrolled and confirmed: every login asks for a code.
    pub eingerichtet: bool,
    /// Started but not yet confirmed with a code.
    pub ausstehend: bool,
    /// Her role requires a second factor in her Dienststelle.
    pub vorgeschrieben: bool,
    /// Recovery codes not used yet.
    pub codes_uebrig: i64,
}

/// A started enrolment: the secret for the app (as QR code of `uri` or typed in as base32).
#[derive(Debug, Clone, Serialize, ToSchema)]
pub struct Einrichtung {
    /// Base32 secret to type into the app.
    pub geheimnis: String,
    /// `otpauth://totp/…` URI (the content of the QR code).
    pub uri: String,
}

/// The Dienststelle's settings for the second factor.
#[derive(Debug, Clone, Copy, Serialize, Deserialize, ToSchema, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct Vorgabe {
    /// Required for the roles that read case content.
    pub pflicht: bool,
    /// Required for every role, Administration included.
    pub fuer_alle: bool,
}

/// One entry of the accounts' events for the Administration.
#[derive(Debug, Clone, Serialize)]
pub struct Ereignis {
    pub zeitpunkt: DateTime<Utc>,
    pub benutzer: String,
    pub ausgeloest_von: String,
    pub art: String,
    /// What changed, in words (role, team, caseload).
    pub angabe: Option<String>,
}

/// Roles that read case content.
pub fn liest_fallinhalte(rolle: Rolle) -> bool {
    matches!(rolle, Rolle::Vfk | Rolle::Teamleitung | Rolle::Fachdienst | Rolle::Datenschutz)
}

/// Whether the account has a confirmed second factor.
pub(crate) async fn eingerichtet(tx: &mut Tx, benutzer_id: i64) -> Result<bool, AppFehler> {
    Ok(sql!(tx, zeile<(i64,)>
        "SELECT benutzer_id FROM zweiter_faktor WHERE benutzer_id = $1 AND bestaetigt_um IS NOT NULL", benutzer_id)?
    .is_some())
}

/// Whether the Dienststelle requires a second factor of this user.
pub(crate) async fn vorgeschrieben(tx: &mut Tx, wer: &Angemeldet) -> Result<bool, AppFehler> {
    let (pflicht, fuer_alle) = sql!(tx, zeile<(bool, bool)>
        "SELECT zweiter_faktor_pflicht, zweiter_faktor_fuer_alle FROM dienststelle WHERE id = $1", wer.dienststelle_id)?
    .unwrap_or((true, false));
    Ok(fuer_alle || (pflicht && liest_fallinhalte(wer.rolle)))
}

/// A recovery code as typed: letters and digits only, lower case.
pub fn code_normalisiert(eingabe: &str) -> String {
    eingabe.chars().filter(char::is_ascii_alphanumeric).map(|c| c.to_ascii_lowercase()).collect()
}

/// A new recovery code: 10 base32 characters (50 bits) as `xxxxx-xxxxx`.
pub fn neuer_wiederherstellungscode() -> String {
    let roh = totp::base32(&geheimnis::zufall::<8>()).to_ascii_lowercase();
    format!("{}-{}", &roh[0..5], &roh[5..10])
}

fn unix(zeit: DateTime<Utc>) -> i64 {
    zeit.timestamp()
}

/// Records what happened to an account and who did it (`angabe`: what changed, in words).
pub(crate) async fn ereignis(
    tx: &mut Tx,
    benutzer_id: i64,
    von: i64,
    art: &str,
    angabe: Option<&str>,
    jetzt: DateTime<Utc>,
) -> Result<(), AppFehler> {
    sql!(tx, ausfuehren
        "INSERT INTO konto_ereignis (benutzer_id, ausgeloest_von, zeitpunkt, art, angabe) VALUES ($1, $2, $3, $4, $5)",
        benutzer_id, von, jetzt, art, angabe)?;
    Ok(())
}

/// Checks a TOTP code against the confirmed secret (a used step is refused and the step is
/// recorded) or a recovery code (used up). True if accepted.
async fn code_verbrauchen(tx: &mut Tx, benutzer_id: i64, code: &str, jetzt: DateTime<Utc>) -> Result<bool, AppFehler> {
    let Some((geheim, zuletzt)) = sql!(tx, zeile<(String, Option<i64>)>
        "SELECT geheimnis, letzter_schritt FROM zweiter_faktor WHERE benutzer_id = $1 AND bestaetigt_um IS NOT NULL",
        benutzer_id)?
    else {
        return Ok(false);
    };
    let bytes = totp::base32_lesen(&geheim)
        .ok_or_else(|| AppFehler::intern_meldung("Gespeichertes TOTP-Geheimnis unlesbar"))?;
    if let Some(schritt) = totp::pruefen(&bytes, code, unix(jetzt), zuletzt) {
        // Conditional: of two requests with the same code only one passes.
        let n = sql!(tx, ausfuehren
            "UPDATE zweiter_faktor SET letzter_schritt = $1
             WHERE benutzer_id = $2 AND (letzter_schritt IS NULL OR letzter_schritt < $1)",
            schritt, benutzer_id)?;
        return Ok(n == 1);
    }
    let normal = code_normalisiert(code);
    if normal.len() != 10 {
        return Ok(false);
    }
    let n = sql!(tx, ausfuehren
        "UPDATE wiederherstellungscode SET verwendet_um = $1 WHERE benutzer_id = $2 AND hash = $3 AND verwendet_um IS NULL",
        jetzt, benutzer_id, geheimnis::hash(&normal))?;
    Ok(n == 1)
}

impl App {
    /// The second factor of the signed-in user.
    pub async fn zweiter_faktor_status(&self, wer: &Angemeldet) -> Result<Status, AppFehler> {
        let mut tx = self.db.begin().await?;
        let zeile = sql!(&mut tx, zeile<(Option<DateTime<Utc>>,)>
            "SELECT bestaetigt_um FROM zweiter_faktor WHERE benutzer_id = $1", wer.benutzer_id)?;
        let codes_uebrig = sql!(&mut tx, wert<i64>
            "SELECT COUNT(*) FROM wiederherstellungscode WHERE benutzer_id = $1 AND verwendet_um IS NULL", wer.benutzer_id)?;
        Ok(Status {
            eingerichtet: matches!(zeile, Some((Some(_),))),
            ausstehend: matches!(zeile, Some((None,))),
            vorgeschrieben: vorgeschrieben(&mut tx, wer).await?,
            codes_uebrig,
        })
    }

    /// Starts (or restarts) the enrolment: a new secret that counts once confirmed with a code.
    /// An enrolled second factor must be removed first (with a current code).
    pub async fn zweiter_faktor_starten(&self, wer: &Angemeldet) -> Result<Einrichtung, AppFehler> {
        let geheim = totp::base32(&geheimnis::zufall::<{ totp::GEHEIMNIS_BYTES }>());
        let mut w = self.schreiber.beginnen().await?;
        if eingerichtet(w.as_mut(), wer.benutzer_id).await? {
            return Err(AppFehler::Konflikt(
                "Der zweite Faktor ist schon eingerichtet. Um ihn neu einzurichten, zuerst mit einem aktuellen Code abschalten.".into(),
            ));
        }
        sql!(&mut w, ausfuehren "DELETE FROM zweiter_faktor WHERE benutzer_id = $1", wer.benutzer_id)?;
        sql!(&mut w, ausfuehren
            "INSERT INTO zweiter_faktor (benutzer_id, geheimnis, erstellt_um) VALUES ($1, $2, $3)",
            wer.benutzer_id, &geheim, self.jetzt())?;
        w.festschreiben().await?;
        Ok(Einrichtung { uri: totp::uri(&wer.login, &geheim), geheimnis: geheim })
    }

    /// The pending enrolment's secret (to show the QR code again after a wrong code).
    pub async fn zweiter_faktor_ausstehend(&self, wer: &Angemeldet) -> Result<Option<Einrichtung>, AppFehler> {
        let mut tx = self.db.begin().await?;
        Ok(sql!(&mut tx, zeile<(String,)>
            "SELECT geheimnis FROM zweiter_faktor WHERE benutzer_id = $1 AND bestaetigt_um IS NULL", wer.benutzer_id)?
        .map(|(g,)| Einrichtung { uri: totp::uri(&wer.login, &g), geheimnis: g }))
    }

    /// Confirms the enrolment with a code from the app; returns the recovery codes (shown once,
    /// stored as hashes). The session `geheim` (if any) becomes a full session.
    pub async fn zweiter_faktor_bestaetigen(
        &self,
        wer: &Angemeldet,
        geheim: Option<&str>,
        code: &str,
    ) -> Result<Vec<String>, AppFehler> {
        let jetzt = self.jetzt();
        let mut w = self.schreiber.beginnen().await?;
        let Some((g,)) = sql!(&mut w, zeile<(String,)>
            "SELECT geheimnis FROM zweiter_faktor WHERE benutzer_id = $1 AND bestaetigt_um IS NULL", wer.benutzer_id)?
        else {
            return Err(AppFehler::Konflikt(
                "Es ist keine Einrichtung begonnen. Bitte zuerst „Zweiten Faktor einrichten“ wählen.".into(),
            ));
        };
        let bytes =
            totp::base32_lesen(&g).ok_or_else(|| AppFehler::intern_meldung("Gespeichertes TOTP-Geheimnis unlesbar"))?;
        let Some(schritt) = totp::pruefen(&bytes, code, unix(jetzt), None) else {
            return Err(AppFehler::ungueltig("code", CODE_FALSCH));
        };
        sql!(&mut w, ausfuehren
            "UPDATE zweiter_faktor SET bestaetigt_um = $1, letzter_schritt = $2 WHERE benutzer_id = $3",
            jetzt, schritt, wer.benutzer_id)?;
        sql!(&mut w, ausfuehren "DELETE FROM wiederherstellungscode WHERE benutzer_id = $1", wer.benutzer_id)?;
        let codes: Vec<String> = (0..WIEDERHERSTELLUNGSCODES).map(|_| neuer_wiederherstellungscode()).collect();
        for c in &codes {
            sql!(&mut w, ausfuehren
                "INSERT INTO wiederherstellungscode (benutzer_id, hash) VALUES ($1, $2)",
                wer.benutzer_id, geheimnis::hash(&code_normalisiert(c)))?;
        }
        if let Some(geheim) = geheim {
            sql!(&mut w, ausfuehren
                "UPDATE sitzung SET stufe = $1 WHERE id_hash = $2 AND benutzer_id = $3",
                Stufe::Voll.as_str(), geheimnis::hash(geheim), wer.benutzer_id)?;
        }
        ereignis(w.as_mut(), wer.benutzer_id, wer.benutzer_id, "zweiter_faktor_eingerichtet", None, jetzt).await?;
        w.festschreiben().await?;
        Ok(codes)
    }

    /// Removes the second factor with a current code (or a recovery code). Where her role
    /// requires one, her sessions may then only enrol a new one.
    pub async fn zweiter_faktor_entfernen(&self, wer: &Angemeldet, code: &str) -> Result<(), AppFehler> {
        let jetzt = self.jetzt();
        let mut w = self.schreiber.beginnen().await?;
        if !eingerichtet(w.as_mut(), wer.benutzer_id).await? {
            return Err(AppFehler::NichtGefunden("Der zweite Faktor"));
        }
        if !code_verbrauchen(w.as_mut(), wer.benutzer_id, code, jetzt).await? {
            return Err(AppFehler::ungueltig("code", CODE_FALSCH));
        }
        sql!(&mut w, ausfuehren "DELETE FROM zweiter_faktor WHERE benutzer_id = $1", wer.benutzer_id)?;
        sql!(&mut w, ausfuehren "DELETE FROM wiederherstellungscode WHERE benutzer_id = $1", wer.benutzer_id)?;
        if vorgeschrieben(w.as_mut(), wer).await? {
            sql!(&mut w, ausfuehren
                "UPDATE sitzung SET stufe = $1 WHERE benutzer_id = $2", Stufe::Einrichten.as_str(), wer.benutzer_id)?;
        }
        ereignis(w.as_mut(), wer.benutzer_id, wer.benutzer_id, "zweiter_faktor_entfernt", None, jetzt).await?;
        w.festschreiben().await
    }

    /// The code step of the login: `vorlaeufig` is the session of the password step (stage
    /// `code`, at most `CODE_FRIST` old). On success a new full session replaces it.
    pub async fn anmelden_mit_code(&self, vorlaeufig: &str, code: &str) -> Result<(String, Angemeldet), AppFehler> {
        let jetzt = self.jetzt();
        let hash = geheimnis::hash(vorlaeufig);
        let mut w = self.schreiber.beginnen().await?;
        let Some((benutzer_id, erstellt)) = sql!(&mut w, zeile<(i64, DateTime<Utc>)>
            "SELECT benutzer_id, erstellt_um FROM sitzung WHERE id_hash = $1 AND stufe = $2", &hash, Stufe::Code.as_str())?
        else {
            return Err(AppFehler::NichtAngemeldet);
        };
        if jetzt - erstellt > CODE_FRIST {
            sql!(&mut w, ausfuehren "DELETE FROM sitzung WHERE id_hash = $1", &hash)?;
            w.festschreiben().await?;
            return Err(AppFehler::NichtAngemeldet);
        }
        if !code_verbrauchen(w.as_mut(), benutzer_id, code, jetzt).await? {
            return Err(AppFehler::Verboten(CODE_FALSCH.into()));
        }
        sql!(&mut w, ausfuehren "DELETE FROM sitzung WHERE id_hash = $1", &hash)?;
        let angemeldet = crate::konto::angemeldet_laden(w.as_mut(), benutzer_id, self.heute())
            .await?
            .ok_or(AppFehler::NichtAngemeldet)?;
        w.festschreiben().await?;
        let geheim = sitzung_anlegen(self, benutzer_id, Stufe::Voll).await?;
        Ok((geheim, angemeldet))
    }

    /// The login name of a session waiting for its code (for the rate limit of the code step).
    pub async fn login_der_codesitzung(&self, vorlaeufig: &str) -> Result<Option<String>, AppFehler> {
        let mut tx = self.db.begin().await?;
        Ok(sql!(&mut tx, zeile<(String,)>
            "SELECT b.login FROM sitzung s JOIN benutzer b ON b.id = s.benutzer_id WHERE s.id_hash = $1 AND s.stufe = $2",
            geheimnis::hash(vorlaeufig), Stufe::Code.as_str())?
        .map(|(l,)| l))
    }

    /// The Administration resets a user's second factor (lost phone): it and the recovery codes
    /// are removed, her sessions end, the event is recorded.
    pub async fn zweiter_faktor_zuruecksetzen(&self, wer: &Akteur, benutzer_id: i64) -> Result<(), AppFehler> {
        crate::konto::nur_administration(wer)?;
        let jetzt = self.jetzt();
        let mut w = self.schreiber.beginnen().await?;
        if sql!(&mut w, zeile<(i64,)>
            "SELECT id FROM benutzer WHERE id = $1 AND dienststelle_id = $2", benutzer_id, wer.dienststelle_id)?
        .is_none()
        {
            return Err(AppFehler::NichtGefunden("Der Benutzer"));
        }
        let n = sql!(&mut w, ausfuehren "DELETE FROM zweiter_faktor WHERE benutzer_id = $1", benutzer_id)?;
        if n == 0 {
            return Err(AppFehler::Konflikt("Dieses Konto hat keinen zweiten Faktor.".into()));
        }
        sql!(&mut w, ausfuehren "DELETE FROM wiederherstellungscode WHERE benutzer_id = $1", benutzer_id)?;
        sql!(&mut w, ausfuehren "DELETE FROM sitzung WHERE benutzer_id = $1", benutzer_id)?;
        ereignis(w.as_mut(), benutzer_id, wer.benutzer_id, "zweiter_faktor_zurueckgesetzt", None, jetzt).await?;
        w.festschreiben().await
    }

    /// Ids of the Dienststelle's accounts with a confirmed second factor (Administration).
    pub async fn zweiter_faktor_konten(&self, wer: &Akteur) -> Result<Vec<i64>, AppFehler> {
        if pruefen(wer, Aktion::BenutzerVerwalten, None) != Entscheidung::Erlaubt {
            return Ok(Vec::new());
        }
        let mut tx = self.db.begin().await?;
        Ok(sql!(&mut tx, zeilen<(i64,)>
            "SELECT z.benutzer_id FROM zweiter_faktor z JOIN benutzer b ON b.id = z.benutzer_id
             WHERE b.dienststelle_id = $1 AND z.bestaetigt_um IS NOT NULL",
            wer.dienststelle_id)?
        .into_iter()
        .map(|(id,)| id)
        .collect())
    }

    /// The newest 50 events of the Dienststelle's accounts (Administration).
    pub async fn konto_ereignisse(&self, wer: &Akteur) -> Result<Vec<Ereignis>, AppFehler> {
        if pruefen(wer, Aktion::BenutzerVerwalten, None) != Entscheidung::Erlaubt {
            return Ok(Vec::new());
        }
        let mut tx = self.db.begin().await?;
        Ok(sql!(&mut tx, zeilen<(DateTime<Utc>, String, String, String, Option<String>)>
            "SELECT e.zeitpunkt, b.name, v.name, e.art, e.angabe FROM konto_ereignis e
             JOIN benutzer b ON b.id = e.benutzer_id JOIN benutzer v ON v.id = e.ausgeloest_von
             WHERE b.dienststelle_id = $1 ORDER BY e.id DESC LIMIT 50",
            wer.dienststelle_id)?
        .into_iter()
        .map(|(zeitpunkt, benutzer, ausgeloest_von, art, angabe)| Ereignis {
            zeitpunkt,
            benutzer,
            ausgeloest_von,
            art,
            angabe,
        })
        .collect())
    }

    /// The Dienststelle's settings for the second factor.
    pub async fn zweiter_faktor_vorgabe(&self, dienststelle_id: i64) -> Result<Vorgabe, AppFehler> {
        let mut tx = self.db.begin().await?;
        let (pflicht, fuer_alle) = sql!(&mut tx, zeile<(bool, bool)>
            "SELECT zweiter_faktor_pflicht, zweiter_faktor_fuer_alle FROM dienststelle WHERE id = $1", dienststelle_id)?
        .ok_or(AppFehler::NichtGefunden("Die Dienststelle"))?;
        Ok(Vorgabe { pflicht, fuer_alle })
    }

    /// Sets the Dienststelle's requirement (Administration; `wer = None` for setup and the demo).
    pub async fn zweiter_faktor_vorgeben(
        &self,
        wer: Option<&Akteur>,
        dienststelle_id: i64,
        vorgabe: Vorgabe,
    ) -> Result<(), AppFehler> {
        if let Some(a) = wer
            && (pruefen(a, Aktion::DienststelleKonfigurieren, None) != Entscheidung::Erlaubt
                || a.dienststelle_id != dienststelle_id)
        {
            return Err(AppFehler::Verboten("Die Dienststelle konfiguriert die Administration.".into()));
        }
        let mut w = self.schreiber.beginnen().await?;
        let n = sql!(&mut w, ausfuehren
            "UPDATE dienststelle SET zweiter_faktor_pflicht = $1, zweiter_faktor_fuer_alle = $2 WHERE id = $3",
            vorgabe.pflicht, vorgabe.fuer_alle, dienststelle_id)?;
        if n == 0 {
            return Err(AppFehler::NichtGefunden("Die Dienststelle"));
        }
        w.festschreiben().await
    }
}
