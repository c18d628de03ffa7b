//! Einwilligungen of a case: consents to referrals to the Ärztlicher Dienst and the
//! Berufspsychologischer Service (U6, § 32 SGB III) with revocation, and in SGB II the consent to
//! conversations with the whole Bedarfsgemeinschaft (P10).

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::{get, post};
use vierphasen_app::AppFehler;
use vierphasen_app::fall::{Akte, Datumsangabe, EinwilligungEingabe};
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::KundeId;
use vierphasen_domain::fallakte::Einwilligungsumfang;

use super::akte::Aktenbild;
use super::anzeige::{datum_text, einwilligung_text};
use super::formular::{BefundZeile, befund_zeilen};
use super::gespeichert::{Gespeichert, Hinweis};
use super::{
    FallPfad, FallZeile, Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, beschriften, mit_status,
    weiter_zu,
};
use crate::zustand::Zustand;
use vierphasen_domain::Regel;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/kunden/{id}/einwilligungen", get(anzeigen).post(erteilen))
        .route("/kunden/{id}/einwilligungen/{eid}/widerruf", post(widerrufen))
        .route("/kunden/{id}/einwilligungen/bedarfsgemeinschaft", post(bedarfsgemeinschaft))
}

struct Zeile {
    id: i64,
    umfang: &'static str,
    erteilt_am: String,
    widerrufen_am: String,
    /// The form of this row (`widerruf-{id}`), also the id of its date input.
    ort: String,
}

struct Mitglied {
    kundennummer: String,
    status: String,
}

/// P10 for a customer in a Bedarfsgemeinschaft.
struct Bg {
    nummer: String,
    eigene: Option<String>,
    /// For the date input: the given consent's date, else today.
    eigene_iso: String,
    mitglieder: Vec<Mitglied>,
}

#[derive(Template)]
#[template(path = "einwilligungen.html")]
struct Seite {
    rahmen: Rahmen,
    a: Aktenbild,
    gespeichert: Option<&'static str>,
    zeilen: Vec<Zeile>,
    befunde: Vec<BefundZeile>,
    bg: Option<Bg>,
    /// Which form the feedback belongs to: `erteilen`, `widerruf-{id}` or `bg`.
    ort: String,
    rueckmeldung: Rueckmeldung,
    /// What was typed into the form that was refused (else today / nothing).
    umfang: String,
    datum: String,
    heute: String,
}

/// What a refused form keeps.
struct Getippt {
    ort: String,
    umfang: String,
    datum: Option<String>,
}

fn seite(
    b: &Angemeldet,
    z: &Zustand,
    akte: &Akte,
    g: Getippt,
    r: Rueckmeldung,
    gespeichert: Option<&'static str>,
) -> SeitenErgebnis {
    let heute = z.app.heute();
    let fallakte = &akte.ansicht.fallakte;
    let zeilen = fallakte
        .einwilligungen
        .iter()
        .zip(&akte.ansicht.ids.einwilligungen)
        .map(|(e, id)| Zeile {
            id: *id,
            umfang: einwilligung_text(e.umfang),
            erteilt_am: datum_text(e.erteilt_am),
            widerrufen_am: e.widerrufen_am.map(datum_text).unwrap_or_default(),
            ort: format!("widerruf-{id}"),
        })
        .collect();
    let befunde: Vec<_> =
        akte.ansicht.pruefung.befunde.iter().filter(|b| matches!(b.regel, Regel::U6 | Regel::P10)).cloned().collect();
    let stamm = &akte.ansicht.stammdaten;
    let bg = stamm.bedarfsgemeinschaft.as_ref().map(|nummer| Bg {
        nummer: nummer.clone(),
        eigene: stamm.bg_einwilligung_am.map(datum_text),
        eigene_iso: stamm.bg_einwilligung_am.unwrap_or(heute).to_string(),
        mitglieder: fallakte
            .kunde
            .bedarfsgemeinschaft
            .iter()
            .flat_map(|bg| &bg.mitglieder)
            .map(|m| Mitglied {
                kundennummer: m.kundennummer.clone(),
                status: match m.einwilligung_gemeinsames_gespraech {
                    Some(d) => format!("erteilt am {}", datum_text(d)),
                    None => "keine Einwilligung".to_owned(),
                },
            })
            .collect(),
    });
    let status = r.status();
    Ok(mit_status(
        &Seite {
            rahmen: Rahmen::neu(b, "kunden"),
            a: Aktenbild::aus(akte, z.app.katalog, heute),
            gespeichert,
            zeilen,
            befunde: befund_zeilen(&befunde),
            bg,
            ort: g.ort,
            rueckmeldung: r,
            umfang: g.umfang,
            datum: g.datum.unwrap_or_else(|| heute.to_string()),
            heute: heute.to_string(),
        },
        status,
    ))
}

async fn anzeigen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    Query(p): Query<Hinweis>,
) -> SeitenErgebnis {
    let akte = z.app.akte_lesen(&b.akteur, id, None).await?;
    let leer = Getippt { ort: String::new(), umfang: String::new(), datum: None };
    seite(&b, &z, &akte, leer, Rueckmeldung::default(), p.text())
}

/// After a refusal: the page again with the feedback in the submitted form; `id` renames the
/// use case's field to the input of that form.
async fn zurueck(
    b: &Angemeldet,
    z: &Zustand,
    kunde: KundeId,
    fehler: AppFehler,
    g: Getippt,
    feld: (&str, &str),
) -> SeitenErgebnis {
    let mut r = Rueckmeldung::aus(fehler)?;
    for f in &mut r.fehler {
        if f.id == feld.0 {
            f.id = feld.1.to_owned();
        }
    }
    let r = beschriften(r, &[("erteilt_am", "Erteilt am"), ("bg_erteilt_am", "Erteilt am"), (feld.1, "Widerrufen am")]);
    let akte = z.app.akte_lesen(&b.akteur, kunde, None).await?;
    seite(b, z, &akte, g, r, None)
}

fn umfang(wert: Option<&str>) -> Option<Einwilligungsumfang> {
    match wert? {
        "aerztlicher_dienst" => Some(Einwilligungsumfang::AerztlicherDienst),
        "berufspsychologischer_service" => Some(Einwilligungsumfang::BerufspsychologischerService),
        _ => None,
    }
}

/// U6: records a consent.
async fn erteilen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let g =
        Getippt { ort: "erteilen".into(), umfang: f.text("umfang"), datum: f.wert("erteilt_am").map(str::to_owned) };
    let ergebnis = match (umfang(f.wert("umfang")), f.datum_pflicht("erteilt_am", "Erteilt am")) {
        (Some(umfang), Ok(erteilt_am)) => {
            z.app.einwilligung_erteilen(&b.akteur, id, EinwilligungEingabe { umfang, erteilt_am }).await.map(|_| ())
        }
        (None, _) => Err(AppFehler::ungueltig("umfang", "Bitte angeben, wofür die Einwilligung gilt.")),
        (_, Err(e)) => Err(e),
    };
    match ergebnis {
        Ok(()) => Ok(weiter_zu(&Gespeichert::Einwilligung.nach(format!("/kunden/{id}/einwilligungen")))),
        Err(e) => zurueck(&b, &z, id, e, g, ("erteilt_am", "erteilt_am")).await,
    }
}

/// U6: records the revocation; it always takes effect, the findings it causes show on the page.
async fn widerrufen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, eid): FallZeile,
    f: Formular,
) -> SeitenErgebnis {
    let ort = format!("widerruf-{eid}");
    let g = Getippt { ort: ort.clone(), umfang: String::new(), datum: f.wert("datum").map(str::to_owned) };
    let ergebnis = match f.datum_pflicht("datum", "Widerrufen am") {
        Ok(datum) => z.app.einwilligung_widerrufen(&b.akteur, id, eid, Datumsangabe { datum }).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(()) => Ok(weiter_zu(&Gespeichert::Widerruf.nach(format!("/kunden/{id}/einwilligungen")))),
        Err(e) => zurueck(&b, &z, id, e, g, ("datum", &ort)).await,
    }
}

/// P10: the customer's consent to conversations with the whole Bedarfsgemeinschaft, or its
/// withdrawal (`aktion=widerrufen`).
async fn bedarfsgemeinschaft(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let g = Getippt { ort: "bg".into(), umfang: String::new(), datum: f.wert("erteilt_am").map(str::to_owned) };
    let datum = if f.wert("aktion") == Some("widerrufen") {
        Ok(None)
    } else {
        f.datum_pflicht("erteilt_am", "Erteilt am").map(Some)
    };
    let ergebnis = match datum {
        Ok(d) => z.app.bg_einwilligung_setzen(&b.akteur, id, d).await.map(|_| ()),
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(()) => Ok(weiter_zu(&Gespeichert::BgEinwilligung.nach(format!("/kunden/{id}/einwilligungen")))),
        Err(e) => zurueck(&b, &z, id, e, g, ("erteilt_am", "bg_erteilt_am")).await,
    }
}
