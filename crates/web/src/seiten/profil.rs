//! Profil: the signed-in user's account, her sessions (end one or all others), her API tokens
//! (a new one is shown once, on the answer to the POST, never in a URL) and the password change.

use std::net::SocketAddr;
use std::time::Instant;

use askama::Template;
use axum::Router;
use axum::extract::{ConnectInfo, Path, Query, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use serde::Deserialize;
use vierphasen_app::AppFehler;
use vierphasen_app::konto::Angemeldet;
use vierphasen_app::passwort::{HOECHSTLAENGE, MINDESTLAENGE};
use vierphasen_app::profil::Passwortwechsel;
use vierphasen_domain::zugriff::Rolle;

use super::anzeige::zeit_text;
use super::gespeichert::{self, Erledigt};
use super::{Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, html, mit_status, nummer, weiter_zu};
use crate::anmeldung::cookie;
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/profil", get(seite))
        .route("/profil/passwort", post(passwort))
        .route("/profil/sitzungen/beenden", post(andere_beenden))
        .route("/profil/sitzungen/{sid}/beenden", post(sitzung_beenden))
        .route("/profil/tokens", post(token_erstellen))
        .route("/profil/tokens/{id}/widerrufen", post(token_widerrufen))
}

pub struct Sitzung {
    pub kennung: String,
    pub erstellt: String,
    pub zuletzt: String,
    pub endet: String,
    pub aktuell: bool,
}

pub struct Token {
    pub id: i64,
    pub name: String,
    pub erstellt: String,
    pub gueltig_bis: String,
    pub zuletzt: String,
}

/// A token just created: its secret appears only on this one answer.
pub struct NeuesToken {
    pub name: String,
    pub geheim: String,
}

#[derive(Template)]
#[template(path = "profil.html")]
struct Profilseite {
    rahmen: Rahmen,
    erledigt: Option<&'static str>,
    name: String,
    login: String,
    rolle: &'static str,
    dienststelle: String,
    team: String,
    datenschutz: bool,
    /// VFK and Teamleitung enter stand-ins (issue 13/6).
    vertretung: bool,
    sitzungen: Vec<Sitzung>,
    andere_sitzungen: bool,
    tokens: Vec<Token>,
    neues_token: Option<NeuesToken>,
    token_name: String,
    rm_token: Rueckmeldung,
    rm_passwort: Rueckmeldung,
    mindestlaenge: usize,
    hoechstlaenge: usize,
    zweiter_faktor: vierphasen_app::zweiter_faktor::Status,
    token_tage: i64,
}

#[derive(Debug, Deserialize)]
pub struct Parameter {
    #[serde(default, deserialize_with = "gespeichert::lesen")]
    erledigt: Option<Erledigt>,
}

/// The page with what is stored now; the caller fills in feedback of a refused form.
async fn laden(z: &Zustand, b: &Angemeldet, geheim: &str) -> Result<Profilseite, AppFehler> {
    let angaben = z.app.profil_lesen(b).await?;
    let sitzungen: Vec<Sitzung> = z
        .app
        .sitzungen_liste(b, geheim)
        .await?
        .into_iter()
        .map(|s| Sitzung {
            kennung: s.kennung,
            erstellt: zeit_text(s.erstellt_um),
            zuletzt: zeit_text(s.zuletzt_um),
            endet: zeit_text(s.endet_um),
            aktuell: s.aktuell,
        })
        .collect();
    let tokens = z
        .app
        .tokens_liste(b)
        .await?
        .into_iter()
        .map(|t| Token {
            id: t.id,
            name: t.name,
            erstellt: zeit_text(t.erstellt_um),
            gueltig_bis: zeit_text(t.gueltig_bis),
            zuletzt: t.zuletzt_um.map_or_else(|| "noch nie".to_owned(), zeit_text),
        })
        .collect();
    let zweiter_faktor = z.app.zweiter_faktor_status(b).await?;
    Ok(Profilseite {
        rahmen: Rahmen::neu(b, "profil"),
        erledigt: None,
        name: b.name.clone(),
        login: b.login.clone(),
        rolle: b.rolle.label(),
        dienststelle: angaben.dienststelle,
        team: angaben.team.unwrap_or_default(),
        datenschutz: b.rolle == Rolle::Datenschutz,
        vertretung: matches!(b.rolle, Rolle::Vfk | Rolle::Teamleitung),
        andere_sitzungen: sitzungen.iter().any(|s| !s.aktuell),
        sitzungen,
        tokens,
        neues_token: None,
        token_name: String::new(),
        rm_token: Rueckmeldung::default(),
        rm_passwort: Rueckmeldung::default(),
        mindestlaenge: MINDESTLAENGE,
        hoechstlaenge: HOECHSTLAENGE,
        zweiter_faktor,
        token_tage: z.app.token_gueltigkeit.num_days(),
    })
}

fn geheimnis<'a>(z: &Zustand, kopf: &'a HeaderMap) -> &'a str {
    cookie(kopf, z.cookie_name()).unwrap_or_default()
}

pub async fn seite(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    kopf: HeaderMap,
    Query(p): Query<Parameter>,
) -> SeitenErgebnis {
    let mut seite = laden(&z, &b, geheimnis(&z, &kopf)).await?;
    seite.erledigt = p.erledigt.map(Erledigt::text);
    Ok(html(&seite))
}

pub async fn passwort(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    ConnectInfo(adresse): ConnectInfo<SocketAddr>,
    kopf: HeaderMap,
    f: Formular,
) -> SeitenErgebnis {
    let geheim = geheimnis(&z, &kopf);
    // Passwords are taken as typed (no trimming) and never written back into the form.
    let roh = |n: &str| f.0.iter().find(|(k, _)| k == n).map(|(_, w)| w.clone()).unwrap_or_default();
    let wechsel = Passwortwechsel {
        bisher: roh("passwort_bisher"),
        neu: roh("passwort_neu"),
        wiederholung: roh("passwort_wiederholung"),
    };
    // Guessing the current password counts like failed logins of the account from this address.
    let ergebnis = match z.drossel.pruefen(&b.login, adresse.ip(), Instant::now()) {
        Ok(()) => z.app.passwort_aendern(&b, geheim, wechsel).await,
        Err(warten) => Err(AppFehler::ungueltig(
            "passwort_bisher",
            format!("Zu viele Versuche. Bitte in {} Sekunden erneut versuchen.", crate::fehler::sekunden(warten)),
        )),
    };
    match ergebnis {
        Ok(()) => {
            z.drossel.erfolg(&b.login, adresse.ip());
            Ok(weiter_zu(&Erledigt::Passwort.nach("/profil")))
        }
        Err(e) => {
            if matches!(&e, AppFehler::Ungueltig { feld, .. } if feld == "passwort_bisher") {
                z.drossel.fehlschlag(&b.login, adresse.ip(), Instant::now());
            }
            let rm = Rueckmeldung::aus(e)?;
            let status = rm.status();
            let mut seite = laden(&z, &b, geheim).await?;
            seite.rm_passwort = rm;
            Ok(mit_status(&seite, status))
        }
    }
}

pub async fn sitzung_beenden(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path(sid): Path<String>,
) -> SeitenErgebnis {
    z.app.sitzung_beenden(&b, &sid).await?;
    Ok(weiter_zu(&Erledigt::Sitzung.nach("/profil")))
}

pub async fn andere_beenden(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    kopf: HeaderMap,
) -> SeitenErgebnis {
    z.app.andere_sitzungen_beenden(&b, geheimnis(&z, &kopf)).await?;
    Ok(weiter_zu(&Erledigt::AndereSitzungen.nach("/profil")))
}

/// Answers with the page itself (200): the secret is shown this once and never put in a URL.
pub async fn token_erstellen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    kopf: HeaderMap,
    f: Formular,
) -> SeitenErgebnis {
    let name = f.text("name");
    let geheim = geheimnis(&z, &kopf);
    match z.app.token_erstellen(&b, &name).await {
        Ok((_, token, _)) => {
            let mut seite = laden(&z, &b, geheim).await?;
            seite.neues_token = Some(NeuesToken { name, geheim: token });
            Ok(html(&seite))
        }
        Err(e) => {
            let rm = Rueckmeldung::aus(e)?;
            let status = rm.status();
            let mut seite = laden(&z, &b, geheim).await?;
            seite.rm_token = rm;
            seite.token_name = name;
            Ok(mit_status(&seite, status))
        }
    }
}

pub async fn token_widerrufen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path(id): Path<String>,
) -> SeitenErgebnis {
    let id = nummer(&id, "Das Token")?;
    z.app.token_widerrufen(&b, id).await?;
    Ok(weiter_zu(&Erledigt::TokenWiderrufen.nach("/profil")))
}
