//! The page of a one-time password link (issue 15/9): no login; the secret in the path decides
//! whose password is set. An unknown, used, replaced or expired link gets the same answer.

use askama::Template;
use axum::Router;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::routing::get;
use vierphasen_app::AppFehler;
use vierphasen_app::passwort::{HOECHSTLAENGE, MINDESTLAENGE};

use super::{Formular, Rueckmeldung, SeitenErgebnis, html, mit_status, weiter_zu};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new().route("/passwort-neu/{geheim}", get(seite).post(setzen))
}

#[derive(Template)]
#[template(path = "passwort_neu.html")]
struct Passwortseite {
    geheim: String,
    /// None: the link cannot be used (any more).
    login: Option<String>,
    hinweis: String,
    rueckmeldung: Rueckmeldung,
}

fn hinweis() -> String {
    format!("{MINDESTLAENGE} bis {HOECHSTLAENGE} Zeichen, nicht der Benutzername und kein häufig verwendetes Passwort.")
}

async fn seite(State(z): State<Zustand>, Path(geheim): Path<String>) -> SeitenErgebnis {
    let login = match z.app.passwort_link_login(&geheim).await {
        Ok(l) => Some(l),
        Err(AppFehler::NichtGefunden(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let status = if login.is_some() { StatusCode::OK } else { StatusCode::NOT_FOUND };
    let seite = Passwortseite { geheim, login, hinweis: hinweis(), rueckmeldung: Rueckmeldung::default() };
    Ok(mit_status(&seite, status))
}

async fn setzen(State(z): State<Zustand>, Path(geheim): Path<String>, f: Formular) -> SeitenErgebnis {
    match z.app.passwort_per_link_setzen(&geheim, &f.text("passwort_neu"), &f.text("passwort_wiederholung")).await {
        Ok(()) => Ok(weiter_zu("/anmelden?passwort=neu")),
        Err(AppFehler::NichtGefunden(_)) => {
            let seite =
                Passwortseite { geheim, login: None, hinweis: hinweis(), rueckmeldung: Rueckmeldung::default() };
            Ok(mit_status(&seite, StatusCode::NOT_FOUND))
        }
        Err(e) => {
            let rueckmeldung = Rueckmeldung::aus(e)?;
            let login = z.app.passwort_link_login(&geheim).await.ok();
            let status = rueckmeldung.status();
            let seite = Passwortseite { geheim, login, hinweis: hinweis(), rueckmeldung };
            Ok(if status.is_success() { html(&seite) } else { mit_status(&seite, status) })
        }
    }
}
