//! Fixture of the app tests: two Dienststellen (Agentur SGB III, Jobcenter SGB II), teams and one
//! user per role, inserted directly (accounts with logins are tested in konto.rs).

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use chrono::Utc;
use vierphasen_app::App;
use vierphasen_domain::zugriff::{Akteur, Rolle};
use vierphasen_store::{Tx, sql};

#[derive(Debug, Clone)]
pub struct Umgebung {
    pub agentur_id: i64,
    pub jobcenter_id: i64,
    pub team_a: i64,
    pub team_b: i64,
    /// VFK in team A of the Agentur.
    pub vfk: Akteur,
    /// Colleague in team A.
    pub kollegin: Akteur,
    /// VFK in team B of the Agentur.
    pub vfk_b: Akteur,
    pub teamleitung: Akteur,
    /// A user of the Berufspsychologischer Service.
    pub fachdienst: Akteur,
    /// A user of the Ärztlicher Dienst.
    pub aed: Akteur,
    pub admin: Akteur,
    pub datenschutz: Akteur,
    /// VFK of the Jobcenter (another Dienststelle).
    pub vfk_jobcenter: Akteur,
}

async fn dienststelle(tx: &mut Tx, name: &str, rechtskreis: &str) -> i64 {
    sql!(tx, wert<i64>
        "INSERT INTO dienststelle (name, rechtskreis, konfiguration, erstellt_um) VALUES ($1, $2, '{}', $3) RETURNING id",
        name, rechtskreis, Utc::now())
    .unwrap()
}

async fn team(tx: &mut Tx, dienststelle_id: i64, name: &str) -> i64 {
    sql!(tx, wert<i64> "INSERT INTO team (dienststelle_id, name) VALUES ($1, $2) RETURNING id", dienststelle_id, name)
        .unwrap()
}

async fn benutzer(tx: &mut Tx, dienststelle_id: i64, team_id: Option<i64>, login: &str, rolle: Rolle) -> Akteur {
    let id = sql!(tx, wert<i64>
        "INSERT INTO benutzer (dienststelle_id, team_id, login, name, rolle, passwort_hash, aktiv, erstellt_um)
         VALUES ($1, $2, $3, $3, $4, 'kein-login', TRUE, $5) RETURNING id",
        dienststelle_id, team_id, login, rolle.as_str(), Utc::now())
    .unwrap();
    Akteur { benutzer_id: id, rolle, dienststelle_id, team_id, vertritt: Vec::new(), fachdienst: None }
}

/// A Fachdienst user of the service `dienst` (catalogue id).
async fn fachdienst(tx: &mut Tx, dienststelle_id: i64, login: &str, dienst: &str) -> Akteur {
    let a = benutzer(tx, dienststelle_id, None, login, Rolle::Fachdienst).await;
    sql!(tx, ausfuehren "UPDATE benutzer SET fachdienst = $1 WHERE id = $2", dienst, a.benutzer_id).unwrap();
    Akteur { fachdienst: Some(dienst.into()), ..a }
}

pub async fn umgebung(app: &App) -> Umgebung {
    let mut tx = app.db.begin().await.unwrap();
    let agentur_id = dienststelle(&mut tx, "Agentur für Arbeit Musterstadt", "SGB_III").await;
    let jobcenter_id = dienststelle(&mut tx, "Jobcenter Musterstadt", "SGB_II").await;
    let team_a = team(&mut tx, agentur_id, "Team A").await;
    let team_b = team(&mut tx, agentur_id, "Team B").await;
    let team_jc = team(&mut tx, jobcenter_id, "Team Jobcenter").await;
    let u = Umgebung {
        agentur_id,
        jobcenter_id,
        team_a,
        team_b,
        vfk: benutzer(&mut tx, agentur_id, Some(team_a), "vfk.a", Rolle::Vfk).await,
        kollegin: benutzer(&mut tx, agentur_id, Some(team_a), "vfk.a2", Rolle::Vfk).await,
        vfk_b: benutzer(&mut tx, agentur_id, Some(team_b), "vfk.b", Rolle::Vfk).await,
        teamleitung: benutzer(&mut tx, agentur_id, Some(team_a), "tl.a", Rolle::Teamleitung).await,
        fachdienst: fachdienst(&mut tx, agentur_id, "fd", "berufspsychologischer_service").await,
        aed: fachdienst(&mut tx, agentur_id, "aed", "aerztlicher_dienst").await,
        admin: benutzer(&mut tx, agentur_id, None, "admin", Rolle::Admin).await,
        datenschutz: benutzer(&mut tx, agentur_id, None, "dsb", Rolle::Datenschutz).await,
        vfk_jobcenter: benutzer(&mut tx, jobcenter_id, Some(team_jc), "vfk.jc", Rolle::Vfk).await,
    };
    tx.commit().await.unwrap();
    u
}

/// A registered SGB III customer in the caseload of `u.vfk`.
pub fn neuer_kunde(nachname: &str) -> vierphasen_app::fall::NeuerKunde {
    serde_json::from_value(serde_json::json!({
        "vorname": "Erika", "nachname": nachname, "geburtsdatum": "1985-04-12", "rechtskreis": "SGB_III", "plz": "10115",
    }))
    .unwrap()
}

/// Monday, 7 December 2026, 09:00 in Germany, standing still: tests of dates and working days do
/// not depend on the day they run.
pub fn am_montag(app: App) -> App {
    let jetzt = chrono::DateTime::parse_from_rfc3339("2026-12-07T08:00:00Z").unwrap().to_utc();
    app.mit_uhr(std::sync::Arc::new(move || jetzt))
}

/// A deregistration on `datum` because the customer took up work.
pub fn abmeldung(datum: chrono::NaiveDate) -> vierphasen_app::fall::Abmeldung {
    vierphasen_app::fall::Abmeldung { datum, grund: vierphasen_domain::fallakte::Abmeldegrund::Arbeitsaufnahme }
}

/// Number of Verlauf rows of a case.
pub async fn verlauf_zeilen(app: &App, kunde_id: i64) -> i64 {
    let mut tx = app.db.begin().await.unwrap();
    sql!(&mut tx, wert<i64> "SELECT COUNT(*) FROM verlauf WHERE kunde_id = $1", kunde_id).unwrap()
}

/// Number of Verlauf rows of a case about one kind of entry.
pub async fn verlauf_zeilen_von(app: &App, kunde_id: i64, entitaet: &str) -> i64 {
    let mut tx = app.db.begin().await.unwrap();
    sql!(&mut tx, wert<i64> "SELECT COUNT(*) FROM verlauf WHERE kunde_id = $1 AND entitaet = $2", kunde_id, entitaet)
        .unwrap()
}
