//! The signed-in user's own sessions and API tokens: list them, end a session of her own, end all
//! others, list her tokens. Only the SHA-256 of a session cookie is stored (`sitzung.id_hash`);
//! the current session is the one whose hash equals the hash of the request's cookie. A session
//! is named in pages and URLs by the first 16 hex characters of its hash (`kennung`), never by
//! the cookie value.

use chrono::{DateTime, Utc};
use serde::Serialize;
use vierphasen_store::sql;

use crate::konto::{Angemeldet, HOECHSTDAUER, LEERLAUF};
use crate::{App, AppFehler, geheimnis};

/// Length of a session's public name (hex characters of its hash).
const KENNUNG_LAENGE: usize = 16;

/// One session of the user as her profile shows it.
#[derive(Debug, Clone, Serialize)]
pub struct Sitzungszeile {
    pub kennung: String,
    pub erstellt_um: DateTime<Utc>,
    pub zuletzt_um: DateTime<Utc>,
    /// When it ends without further activity (idle limit or absolute limit, whichever first).
    pub endet_um: DateTime<Utc>,
    /// The session of this request.
    pub aktuell: bool,
}

/// One API token of the user (never its secret or hash).
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Tokenzeile {
    pub id: i64,
    pub name: String,
    pub erstellt_um: DateTime<Utc>,
    /// From then on the token is refused.
    pub gueltig_bis: DateTime<Utc>,
    /// Last request with the token (recorded at most once a minute).
    pub zuletzt_um: Option<DateTime<Utc>>,
}

fn kennung(id_hash: &str) -> String {
    id_hash.chars().take(KENNUNG_LAENGE).collect()
}

impl App {
    /// The user's sessions that have not expired, newest first; `geheim` is the cookie of this
    /// request (marks the current one).
    pub async fn sitzungen_liste(&self, wer: &Angemeldet, geheim: &str) -> Result<Vec<Sitzungszeile>, AppFehler> {
        let eigene = geheimnis::hash(geheim);
        let jetzt = self.jetzt();
        let mut tx = self.db.begin().await?;
        let zeilen = sql!(&mut tx, zeilen<(String, DateTime<Utc>, DateTime<Utc>)>
            "SELECT id_hash, erstellt_um, zuletzt_um FROM sitzung WHERE benutzer_id = $1 ORDER BY erstellt_um DESC",
            wer.benutzer_id)?;
        Ok(zeilen
            .into_iter()
            .map(|(hash, erstellt_um, zuletzt_um)| Sitzungszeile {
                kennung: kennung(&hash),
                erstellt_um,
                zuletzt_um,
                endet_um: (zuletzt_um + LEERLAUF).min(erstellt_um + HOECHSTDAUER),
                aktuell: hash == eigene,
            })
            .filter(|s| s.endet_um > jetzt)
            .collect())
    }

    /// Ends one of the user's own sessions; a session of another user is "not found".
    pub async fn sitzung_beenden(&self, wer: &Angemeldet, kennung: &str) -> Result<(), AppFehler> {
        if kennung.len() != KENNUNG_LAENGE || !kennung.bytes().all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b))
        {
            return Err(AppFehler::NichtGefunden("Die Sitzung"));
        }
        let mut w = self.schreiber.beginnen().await?;
        let n = sql!(&mut w, ausfuehren
            "DELETE FROM sitzung WHERE benutzer_id = $1 AND substr(id_hash, 1, 16) = $2", wer.benutzer_id, kennung)?;
        if n == 0 {
            return Err(AppFehler::NichtGefunden("Die Sitzung"));
        }
        w.festschreiben().await
    }

    /// Ends every session of the user except the one of this request; returns how many ended.
    pub async fn andere_sitzungen_beenden(&self, wer: &Angemeldet, geheim: &str) -> Result<u64, AppFehler> {
        let mut w = self.schreiber.beginnen().await?;
        let n = sql!(&mut w, ausfuehren
            "DELETE FROM sitzung WHERE benutzer_id = $1 AND id_hash <> $2", wer.benutzer_id, geheimnis::hash(geheim))?;
        w.festschreiben().await?;
        Ok(n)
    }

    /// The user's API tokens that are neither revoked nor expired, newest first.
    pub async fn tokens_liste(&self, wer: &Angemeldet) -> Result<Vec<Tokenzeile>, AppFehler> {
        let jetzt = self.jetzt();
        let mut tx = self.db.begin().await?;
        Ok(sql!(&mut tx, zeilen<(i64, String, DateTime<Utc>, Option<DateTime<Utc>>, Option<DateTime<Utc>>)>
            "SELECT id, name, erstellt_um, gueltig_bis, zuletzt_um FROM api_token WHERE benutzer_id = $1 AND widerrufen_um IS NULL
             ORDER BY erstellt_um DESC, id DESC",
            wer.benutzer_id)?
        .into_iter()
        .map(|(id, name, erstellt_um, gueltig_bis, zuletzt_um)| Tokenzeile {
            id,
            name,
            erstellt_um,
            gueltig_bis: gueltig_bis.unwrap_or(erstellt_um + self.token_gueltigkeit),
            zuletzt_um,
        })
        .filter(|t| t.gueltig_bis > jetzt)
        .collect())
    }
}
