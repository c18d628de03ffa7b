//! The one taxonomy of faults for the JSON API and the pages: the status of every `AppFehler`,
//! its problem type and title, the German text the user reads, and what goes to the log.

use axum::http::StatusCode;
use vierphasen_app::AppFehler;

/// How an answer shows a fault.
#[derive(Debug, Clone)]
pub struct Einordnung {
    pub status: StatusCode,
    /// The problem type: `urn:vierphasen:problem:<art>`.
    pub art: &'static str,
    pub titel: &'static str,
    /// The heading of the error page: a refusal the user can act on reads "Nicht möglich".
    pub seitentitel: &'static str,
    /// German, for the user; never internal details.
    pub text: String,
    /// The request's number, for an internal fault the user should report.
    pub anfrage: Option<String>,
}

/// Status, type, title and text of a fault; an internal fault or an unreachable database is also
/// logged (with the request's number; the context chain names operations and ids, no personal
/// data).
pub fn einordnen(f: &AppFehler) -> Einordnung {
    let (status, art, titel) = match f {
        AppFehler::NichtAngemeldet => (StatusCode::UNAUTHORIZED, "nicht-angemeldet", "Nicht angemeldet"),
        AppFehler::NichtGefunden(_) => (StatusCode::NOT_FOUND, "nicht-gefunden", "Nicht gefunden"),
        AppFehler::Verboten(_) => (StatusCode::FORBIDDEN, "verboten", "Nicht erlaubt"),
        AppFehler::BegruendungNoetig { .. } => (StatusCode::FORBIDDEN, "begruendung-noetig", "Grund angeben"),
        AppFehler::Ungueltig { .. } | AppFehler::UngueltigeFelder(_) => {
            (StatusCode::UNPROCESSABLE_ENTITY, "ungueltige-eingabe", "Ungültige Eingabe")
        }
        AppFehler::Regelverstoss(_) => (StatusCode::UNPROCESSABLE_ENTITY, "regelverstoss", "Regelverstoß"),
        AppFehler::BestaetigungNoetig(_) => (StatusCode::CONFLICT, "bestaetigung-noetig", "Bestätigung nötig"),
        AppFehler::Konflikt(_) => (StatusCode::CONFLICT, "konflikt", "Konflikt"),
        AppFehler::NichtVerfuegbar(_) => (StatusCode::SERVICE_UNAVAILABLE, "speicher", "Vorübergehend nicht verfügbar"),
        AppFehler::Intern(_) => (StatusCode::INTERNAL_SERVER_ERROR, "intern", "Interner Fehler"),
    };
    let (text, anfrage) = match f {
        AppFehler::NichtVerfuegbar(e) => {
            tracing::error!(anfrage = %crate::anfrage::nummer(), fehler = %e, "Speicher nicht erreichbar");
            (f.to_string(), None)
        }
        AppFehler::Intern(kette) => {
            let nummer = crate::anfrage::nummer();
            tracing::error!(anfrage = %nummer, fehler = %kette, "Interner Fehler");
            (format!("Interner Fehler; bitte mit der Anfragenummer {nummer} melden."), Some(nummer))
        }
        andere => (andere.to_string(), None),
    };
    let seitentitel = match f {
        AppFehler::Regelverstoss(_) | AppFehler::BestaetigungNoetig(_) | AppFehler::Konflikt(_) => "Nicht möglich",
        _ => titel,
    };
    Einordnung { status, art, titel, seitentitel, text, anfrage }
}

/// The single exception to [`einordnen`]'s statuses: a form shown again with its input answers
/// by what it shows — only rule findings (refused or to be confirmed, the same page either way)
/// 409, messages at fields (an invalid input, also a conflict shown at its field) 422.
pub fn formular_status(nur_befunde: bool) -> StatusCode {
    if nur_befunde { StatusCode::CONFLICT } else { StatusCode::UNPROCESSABLE_ENTITY }
}
