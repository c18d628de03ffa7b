//! Profil → Zweiter Faktor: enrol an authenticator app (QR code rendered here as inline SVG, the
//! secret as text for typing in), confirm with a code, see the recovery codes once, remove it
//! with a current code. A user whose role requires a second factor is sent here after the
//! password and can reach nothing else until she has enrolled one.

use std::net::SocketAddr;
use std::time::Instant;

use askama::Template;
use axum::Router;
use axum::extract::{ConnectInfo, Query, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use serde::Deserialize;
use vierphasen_app::AppFehler;
use vierphasen_app::konto::Angemeldet;
use vierphasen_app::zweiter_faktor::{Einrichtung, Status};

use super::{Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, html, mit_status, weiter_zu};
use crate::anmeldung::cookie;
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/profil/zweiter-faktor", get(seite))
        .route("/profil/zweiter-faktor/starten", post(starten))
        .route("/profil/zweiter-faktor/bestaetigen", post(bestaetigen))
        .route("/profil/zweiter-faktor/entfernen", post(entfernen))
}

#[derive(Template)]
#[template(path = "zweiter_faktor.html")]
struct Seite {
    rahmen: Rahmen,
    status: Status,
    einrichtung: Option<Einrichtung>,
    /// The QR code of the pending enrolment's URI (SVG made here, no outside service).
    qr_svg: String,
    /// The recovery codes, on the answer to the confirmation only.
    codes: Vec<String>,
    hinweis: Option<&'static str>,
    rm: Rueckmeldung,
}

#[derive(Debug, Deserialize)]
pub struct Parameter {
    entfernt: Option<String>,
}

/// The QR code of `uri` as an inline `<svg>` element with a text alternative.
pub fn qr_svg(uri: &str) -> String {
    let Ok(code) = qrcode::QrCode::new(uri.as_bytes()) else { return String::new() };
    let svg = code.render::<qrcode::render::svg::Color<'_>>().min_dimensions(200, 200).quiet_zone(true).build();
    let ohne_kopf = svg.find("<svg").map_or(svg.as_str(), |i| &svg[i..]);
    ohne_kopf.replacen(
        "<svg ",
        "<svg role=\"img\" aria-label=\"QR-Code zum Einrichten der Authentifizierungs-App\" class=\"qr-code\" ",
        1,
    )
}

async fn laden(z: &Zustand, b: &Angemeldet) -> Result<Seite, AppFehler> {
    let status = z.app.zweiter_faktor_status(b).await?;
    let einrichtung = if status.ausstehend { z.app.zweiter_faktor_ausstehend(b).await? } else { None };
    let qr_svg = einrichtung.as_ref().map(|e| qr_svg(&e.uri)).unwrap_or_default();
    Ok(Seite {
        rahmen: Rahmen::neu(b, "profil"),
        status,
        einrichtung,
        qr_svg,
        codes: Vec::new(),
        hinweis: None,
        rm: Rueckmeldung::default(),
    })
}

async fn mit_rueckmeldung(z: &Zustand, b: &Angemeldet, e: AppFehler) -> SeitenErgebnis {
    let rm = Rueckmeldung::aus(e)?;
    let status = rm.status();
    let mut seite = laden(z, b).await?;
    seite.rm = rm;
    Ok(mit_status(&seite, status))
}

pub async fn seite(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Query(p): Query<Parameter>,
) -> SeitenErgebnis {
    let mut seite = laden(&z, &b).await?;
    if p.entfernt.is_some() {
        seite.hinweis = Some("Der zweite Faktor ist abgeschaltet. Die Wiederherstellungscodes gelten nicht mehr.");
    }
    Ok(html(&seite))
}

pub async fn starten(State(z): State<Zustand>, SeitenBenutzer(b): SeitenBenutzer) -> SeitenErgebnis {
    match z.app.zweiter_faktor_starten(&b).await {
        Ok(_) => Ok(weiter_zu("/profil/zweiter-faktor")),
        Err(e) => mit_rueckmeldung(&z, &b, e).await,
    }
}

/// Answers with the page itself (200): the recovery codes are shown this once.
pub async fn bestaetigen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    kopf: HeaderMap,
    f: Formular,
) -> SeitenErgebnis {
    let geheim = cookie(&kopf, z.cookie_name());
    match z.app.zweiter_faktor_bestaetigen(&b, geheim, &f.text("code")).await {
        Ok(codes) => {
            let mut seite = laden(&z, &b).await?;
            seite.codes = codes;
            Ok(html(&seite))
        }
        Err(e) => mit_rueckmeldung(&z, &b, e).await,
    }
}

/// Guessing codes here counts like failed logins of the account from this address.
pub async fn entfernen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    ConnectInfo(adresse): ConnectInfo<SocketAddr>,
    f: Formular,
) -> SeitenErgebnis {
    if let Err(warten) = z.drossel.pruefen(&b.login, adresse.ip(), Instant::now()) {
        let s = crate::fehler::sekunden(warten);
        let meldung = format!("Zu viele falsche Codes. Bitte in {s} Sekunden erneut versuchen.");
        return mit_rueckmeldung(&z, &b, AppFehler::ungueltig("code", meldung)).await;
    }
    match z.app.zweiter_faktor_entfernen(&b, &f.text("code")).await {
        Ok(()) => {
            z.drossel.erfolg(&b.login, adresse.ip());
            Ok(weiter_zu("/profil/zweiter-faktor?entfernt=1"))
        }
        Err(e) => {
            if matches!(e, AppFehler::Ungueltig { .. }) {
                z.drossel.fehlschlag(&b.login, adresse.ip(), Instant::now());
            }
            mit_rueckmeldung(&z, &b, e).await
        }
    }
}
