//! One account in the administration (issue 15/9): role and team, a one-time link to set a new
//! password, and moving a VFK's caseload to a colleague. The link's own page (`/passwort-neu/…`)
//! is in `passwort_neu.rs`.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderMap, header};
use axum::routing::{get, post};
use vierphasen_app::AppFehler;
use vierphasen_app::kontopflege::{Kontoaenderung, PASSWORT_LINK_GUELTIG};
use vierphasen_domain::zugriff::Rolle;

use super::anzeige::zeit_text;
use super::gespeichert::{self, Erledigt};
use super::verwaltung::{Auswahl, fachdienste, rollen};
use super::verwaltung_anmeldung::nur_administration;
use super::{Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, html, mit_status, nummer, weiter_zu};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/verwaltung/benutzer/{bid}", get(seite).post(konto_speichern))
        .route("/verwaltung/benutzer/{bid}/passwortlink", post(passwortlink))
        .route("/verwaltung/benutzer/{bid}/bestand", post(bestand_uebertragen))
}

#[derive(Debug, serde::Deserialize)]
struct Parameter {
    #[serde(default, deserialize_with = "gespeichert::lesen")]
    erledigt: Option<Erledigt>,
}

#[derive(Template)]
#[template(path = "benutzer.html")]
struct Benutzerseite {
    rahmen: Rahmen,
    erledigt: Option<&'static str>,
    id: i64,
    name: String,
    login: String,
    rolle_text: &'static str,
    aktiv: bool,
    selbst: bool,
    /// The form "Rolle und Team" as stored or typed.
    rolle: String,
    team_id: String,
    fachdienst: String,
    rollen: Vec<Auswahl>,
    fachdienste: Vec<Auswahl>,
    teams: Vec<Auswahl>,
    rm_konto: Rueckmeldung,
    /// Cases she is responsible for (VFK only).
    faelle: i64,
    /// The other active VFK of the Dienststelle (target of a caseload).
    kolleginnen: Vec<Auswahl>,
    an: String,
    rm_bestand: Rueckmeldung,
    link_stunden: i64,
}

#[derive(Template)]
#[template(path = "passwort_link.html")]
struct Linkseite {
    rahmen: Rahmen,
    id: i64,
    name: String,
    link: String,
    gueltig_bis: String,
}

async fn laden(z: &Zustand, b: &vierphasen_app::konto::Angemeldet, bid: i64) -> Result<Benutzerseite, AppFehler> {
    let liste = z.app.benutzer_liste(&b.akteur).await?;
    let u = liste.iter().find(|u| u.id == bid).ok_or(AppFehler::NichtGefunden("Der Benutzer"))?;
    let faelle = if u.rolle == Rolle::Vfk { z.app.fallbestand(&b.akteur, bid).await? } else { 0 };
    let teams = z.app.teams_liste(&b.akteur).await?;
    Ok(Benutzerseite {
        rahmen: Rahmen::neu(b, "verwaltung"),
        erledigt: None,
        id: u.id,
        name: u.name.clone(),
        login: u.login.clone(),
        rolle_text: u.rolle.label(),
        aktiv: u.aktiv,
        selbst: u.id == b.benutzer_id,
        rolle: u.rolle.as_str().to_owned(),
        team_id: u.team_id.map(|t| t.to_string()).unwrap_or_default(),
        fachdienst: u.fachdienst.clone().unwrap_or_default(),
        rollen: rollen(),
        fachdienste: fachdienste(z.app.katalog),
        teams: teams.into_iter().map(|t| Auswahl { wert: t.id.to_string(), text: t.name }).collect(),
        rm_konto: Rueckmeldung::default(),
        faelle,
        kolleginnen: liste
            .iter()
            .filter(|k| k.rolle == Rolle::Vfk && k.aktiv && k.id != bid)
            .map(|k| Auswahl { wert: k.id.to_string(), text: format!("{} ({})", k.name, k.login) })
            .collect(),
        an: String::new(),
        rm_bestand: Rueckmeldung::default(),
        link_stunden: PASSWORT_LINK_GUELTIG.num_hours(),
    })
}

/// A refused form: the page again, `setzen` puts the feedback and the typed values at its form.
async fn abgewiesen(
    z: &Zustand,
    b: &vierphasen_app::konto::Angemeldet,
    bid: i64,
    e: AppFehler,
    setzen: impl FnOnce(&mut Benutzerseite, Rueckmeldung),
) -> SeitenErgebnis {
    let rm = Rueckmeldung::aus(e)?;
    let mut seite = laden(z, b, bid).await?;
    let status = rm.status();
    setzen(&mut seite, rm);
    Ok(mit_status(&seite, status))
}

async fn seite(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path(bid): Path<String>,
    Query(p): Query<Parameter>,
) -> SeitenErgebnis {
    nur_administration(&b)?;
    let bid = nummer(&bid, "Der Benutzer")?;
    let mut seite = laden(&z, &b, bid).await?;
    seite.erledigt = p.erledigt.map(Erledigt::text);
    Ok(html(&seite))
}

async fn konto_speichern(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path(bid): Path<String>,
    f: Formular,
) -> SeitenErgebnis {
    nur_administration(&b)?;
    let bid = nummer(&bid, "Der Benutzer")?;
    let ergebnis = async {
        let rolle = f
            .wert("rolle")
            .and_then(|r| r.parse::<Rolle>().ok())
            .ok_or_else(|| AppFehler::ungueltig("rolle", "Bitte eine Rolle wählen."))?;
        let team_id = f.zahl::<i64>("team_id", "Team")?;
        let fachdienst = f.wert("fachdienst").map(str::to_owned);
        z.app.konto_aendern(&b.akteur, bid, Kontoaenderung { rolle, team_id, fachdienst }).await
    }
    .await;
    match ergebnis {
        Ok(()) => Ok(weiter_zu(&Erledigt::Konto.nach(format!("/verwaltung/benutzer/{bid}")))),
        Err(e) => {
            abgewiesen(&z, &b, bid, e, |seite, rm| {
                seite.rolle = f.text("rolle");
                seite.team_id = f.text("team_id");
                seite.fachdienst = f.text("fachdienst");
                seite.rm_konto = rm;
            })
            .await
        }
    }
}

/// Creates the link and shows it once (the secret is not stored, only its hash).
async fn passwortlink(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path(bid): Path<String>,
    kopf: HeaderMap,
) -> SeitenErgebnis {
    nur_administration(&b)?;
    let bid = nummer(&bid, "Der Benutzer")?;
    let link = z.app.passwort_link_erstellen(&b.akteur, bid).await?;
    // The address as the Administration's browser reached the server (https unless the server
    // runs on plain-http localhost); without a usable Host header, the path alone.
    let schema = if z.einstellungen.cookie_sicher { "https" } else { "http" };
    let herkunft = kopf
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_alphanumeric() || ".-:[]".contains(c)))
        .map(|h| format!("{schema}://{h}"))
        .unwrap_or_default();
    Ok(html(&Linkseite {
        rahmen: Rahmen::neu(&b, "verwaltung"),
        id: bid,
        name: link.name,
        link: format!("{herkunft}/passwort-neu/{}", link.geheim),
        gueltig_bis: zeit_text(link.gueltig_bis),
    }))
}

async fn bestand_uebertragen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path(bid): Path<String>,
    f: Formular,
) -> SeitenErgebnis {
    nur_administration(&b)?;
    let bid = nummer(&bid, "Der Benutzer")?;
    let ergebnis = async {
        let an = f.zahl::<i64>("an", "Übertragen an")?.ok_or_else(|| {
            AppFehler::ungueltig("an", "Bitte die Vermittlungsfachkraft wählen, die die Fälle übernimmt.")
        })?;
        z.app.bestand_uebertragen(&b.akteur, bid, an).await
    }
    .await;
    match ergebnis {
        Ok(_) => Ok(weiter_zu(&Erledigt::Bestand.nach(format!("/verwaltung/benutzer/{bid}")))),
        Err(e) => {
            abgewiesen(&z, &b, bid, e, |seite, rm| {
                seite.an = f.text("an");
                seite.rm_bestand = rm;
            })
            .await
        }
    }
}
