//! Administration → Anmeldung: the Dienststelle's requirement of a second factor, which accounts
//! have one (reset for a lost phone, recorded as an account event), accounts with failed logins
//! (the back-off of `drossel`, a broad attack marked) and the accounts' events.

use std::time::Instant;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use serde::Deserialize;
use vierphasen_app::AppFehler;
use vierphasen_app::konto::Angemeldet;
use vierphasen_app::zweiter_faktor::Vorgabe;
use vierphasen_domain::zugriff::Rolle;

use super::anzeige::zeit_text;
use super::{Formular, Rahmen, SeitenBenutzer, SeitenErgebnis, html, nummer, weiter_zu};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/verwaltung/anmeldung", get(seite))
        .route("/verwaltung/anmeldung/vorgabe", post(vorgabe))
        .route("/verwaltung/anmeldung/{bid}/zuruecksetzen", post(zuruecksetzen))
}

pub struct Konto {
    pub id: i64,
    pub name: String,
    pub login: String,
    pub rolle: &'static str,
    pub zweiter_faktor: bool,
}

pub struct Fehlversuche {
    pub konto: String,
    pub anzahl: u32,
    pub adressen: usize,
    pub seit: String,
    pub breit: bool,
    pub wartet: u64,
}

pub struct Ereigniszeile {
    pub zeitpunkt: String,
    pub benutzer: String,
    pub ausgeloest_von: String,
    pub art: String,
}

#[derive(Template)]
#[template(path = "verwaltung_anmeldung.html")]
struct Seite {
    rahmen: Rahmen,
    hinweis: Option<&'static str>,
    vorgabe: Vorgabe,
    konten: Vec<Konto>,
    fehlversuche: Vec<Fehlversuche>,
    ereignisse: Vec<Ereigniszeile>,
}

#[derive(Debug, Deserialize)]
pub struct Parameter {
    erledigt: Option<String>,
}

/// Pages only the Administration uses (accounts, their sign-in).
pub(super) fn nur_administration(b: &Angemeldet) -> Result<(), AppFehler> {
    if b.rolle == Rolle::Admin {
        Ok(())
    } else {
        Err(AppFehler::Verboten("Die Konten verwaltet die Administration der Dienststelle.".into()))
    }
}

fn art_text(art: &str) -> &'static str {
    match art {
        "zweiter_faktor_eingerichtet" => "Zweiter Faktor eingerichtet",
        "zweiter_faktor_entfernt" => "Zweiter Faktor abgeschaltet",
        "zweiter_faktor_zurueckgesetzt" => "Zweiter Faktor von der Administration zurückgesetzt",
        "rolle_geaendert" => "Rolle geändert",
        "team_geaendert" => "Team geändert",
        "passwort_link_erstellt" => "Link zum Setzen eines neuen Passworts erstellt",
        "passwort_neu_gesetzt" => "Neues Passwort über den Link gesetzt",
        "bestand_uebertragen" => "Fallbestand übertragen",
        _ => "Sonstiges",
    }
}

pub async fn seite(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Query(p): Query<Parameter>,
) -> SeitenErgebnis {
    nur_administration(&b)?;
    let vorgabe = z.app.zweiter_faktor_vorgabe(b.dienststelle_id).await?;
    let mit_faktor = z.app.zweiter_faktor_konten(&b.akteur).await?;
    let benutzer = z.app.benutzer_liste(&b.akteur).await?;
    let jetzt = chrono::Utc::now();
    let fehlversuche = z
        .drossel
        .angriffe(Instant::now())
        .into_iter()
        // Only accounts of this Dienststelle (unknown login names are nobody's business here).
        .filter(|a| benutzer.iter().any(|u| u.login == a.konto))
        .map(|a| Fehlversuche {
            konto: a.konto,
            anzahl: a.fehlversuche,
            adressen: a.adressen,
            seit: zeit_text(jetzt - chrono::TimeDelta::seconds(i64::try_from(a.seit.as_secs()).unwrap_or(0))),
            breit: a.breit,
            wartet: a.wartet.as_secs(),
        })
        .collect();
    let konten = benutzer
        .into_iter()
        .filter(|u| u.aktiv)
        .map(|u| Konto {
            zweiter_faktor: mit_faktor.contains(&u.id),
            id: u.id,
            name: u.name,
            login: u.login,
            rolle: u.rolle.label(),
        })
        .collect();
    let ereignisse = z
        .app
        .konto_ereignisse(&b.akteur)
        .await?
        .into_iter()
        .map(|e| Ereigniszeile {
            zeitpunkt: zeit_text(e.zeitpunkt),
            benutzer: e.benutzer,
            ausgeloest_von: e.ausgeloest_von,
            art: match &e.angabe {
                Some(a) => format!("{}: {a}", art_text(&e.art)),
                None => art_text(&e.art).to_owned(),
            },
        })
        .collect();
    let hinweis = match p.erledigt.as_deref() {
        Some("vorgabe") => Some("Die Vorgabe zum zweiten Faktor ist gespeichert."),
        Some("zurueckgesetzt") => Some(
            "Der zweite Faktor ist zurückgesetzt; die Sitzungen des Kontos sind beendet. Bei der nächsten Anmeldung richtet die Person ihn neu ein.",
        ),
        _ => None,
    };
    Ok(html(&Seite { rahmen: Rahmen::neu(&b, "verwaltung"), hinweis, vorgabe, konten, fehlversuche, ereignisse }))
}

pub async fn vorgabe(State(z): State<Zustand>, SeitenBenutzer(b): SeitenBenutzer, f: Formular) -> SeitenErgebnis {
    nur_administration(&b)?;
    let vorgabe = Vorgabe { pflicht: f.haken("pflicht"), fuer_alle: f.haken("fuer_alle") };
    z.app.zweiter_faktor_vorgeben(Some(&b.akteur), b.dienststelle_id, vorgabe).await?;
    Ok(weiter_zu("/verwaltung/anmeldung?erledigt=vorgabe"))
}

pub async fn zuruecksetzen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path(bid): Path<String>,
) -> SeitenErgebnis {
    let bid = nummer(&bid, "Der Benutzer")?;
    z.app.zweiter_faktor_zuruecksetzen(&b.akteur, bid).await?;
    Ok(weiter_zu("/verwaltung/anmeldung?erledigt=zurueckgesetzt"))
}
