//! Issue 13/6: the Vertretung page (`/vertretung`) of a VFK (her own) and of a Teamleitung (her
//! team's): who stands in for whom and on which days; enter, change and end.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use vierphasen_app::AppFehler;
use vierphasen_app::konto::Angemeldet;
use vierphasen_app::vertretung::{VertretungEingabe, Vertretungszeile};

use super::anzeige::datum_text;
use super::gespeichert::{Gespeichert, Hinweis};
use super::verwaltung::Auswahl;
use super::{Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, beschriften, mit_status, weiter_zu};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/vertretung", get(anzeigen).post(eintragen))
        .route("/vertretung/{vertretene}/{vertreter}/beenden", post(beenden))
}

struct Zeile {
    z: Vertretungszeile,
    zeitraum: String,
}

#[derive(Template)]
#[template(path = "vertretung.html")]
struct Seite {
    rahmen: Rahmen,
    gespeichert: Option<&'static str>,
    teamleitung: bool,
    zeilen: Vec<Zeile>,
    fuer: Vec<Auswahl>,
    durch: Vec<Auswahl>,
    rueckmeldung: Rueckmeldung,
    /// The form as typed (or its defaults).
    vertretene: String,
    vertreter: String,
    von: String,
    bis: String,
}

fn zeitraum(z: &Vertretungszeile) -> String {
    match (z.von, z.bis) {
        (None, None) => "bis sie beendet wird".into(),
        (Some(v), None) => format!("ab {}", datum_text(v)),
        (None, Some(b)) => format!("bis {}", datum_text(b)),
        (Some(v), Some(b)) => format!("{} bis {}", datum_text(v), datum_text(b)),
    }
}

async fn seite(
    b: &Angemeldet,
    z: &Zustand,
    gespeichert: Option<&'static str>,
    f: Option<&Formular>,
    rueckmeldung: Rueckmeldung,
) -> SeitenErgebnis {
    let zeilen = z.app.vertretungen(&b.akteur).await?;
    let auswahl = z.app.vertretungsauswahl(&b.akteur).await?;
    let liste =
        |l: &[(i64, String)]| l.iter().map(|(id, name)| Auswahl { wert: id.to_string(), text: name.clone() }).collect();
    let status = rueckmeldung.status();
    Ok(mit_status(
        &Seite {
            rahmen: Rahmen::neu(b, "profil"),
            gespeichert,
            teamleitung: b.rolle == vierphasen_domain::zugriff::Rolle::Teamleitung,
            zeilen: zeilen.into_iter().map(|z| Zeile { zeitraum: zeitraum(&z), z }).collect(),
            fuer: liste(&auswahl.fuer),
            durch: liste(&auswahl.durch),
            rueckmeldung,
            vertretene: f.map_or_else(|| b.benutzer_id.to_string(), |f| f.text("vertretene_id")),
            vertreter: f.map(|f| f.text("vertreter_id")).unwrap_or_default(),
            von: f.map_or_else(|| z.app.heute().to_string(), |f| f.text("von")),
            bis: f.map(|f| f.text("bis")).unwrap_or_default(),
        },
        status,
    ))
}

async fn anzeigen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Query(h): Query<Hinweis>,
) -> SeitenErgebnis {
    seite(&b, &z, h.text(), None, Rueckmeldung::default()).await
}

async fn eintragen(State(z): State<Zustand>, SeitenBenutzer(b): SeitenBenutzer, f: Formular) -> SeitenErgebnis {
    let ergebnis = async {
        let vertretene_id = f
            .zahl::<i64>("vertretene_id", "Vertretene Vermittlungsfachkraft")?
            .ok_or_else(|| AppFehler::ungueltig("vertretene_id", "Bitte auswählen, wer vertreten wird."))?;
        let vertreter_id = f
            .zahl::<i64>("vertreter_id", "Vertretung")?
            .ok_or_else(|| AppFehler::ungueltig("vertreter_id", "Bitte auswählen, wer vertritt."))?;
        let von = f.datum("von", "Von")?;
        let bis = f.datum("bis", "Bis")?;
        z.app.vertretung_eintragen(&b.akteur, VertretungEingabe { vertretene_id, vertreter_id, von, bis }).await
    }
    .await;
    match ergebnis {
        Ok(()) => Ok(weiter_zu(&Gespeichert::Vertretung.nach("/vertretung"))),
        Err(e) => {
            let r = beschriften(
                Rueckmeldung::aus(e)?,
                &[("vertreter_id", "Vertretung"), ("vertretene_id", "Vertretene"), ("von", "Von"), ("bis", "Bis")],
            );
            seite(&b, &z, None, Some(&f), r).await
        }
    }
}

async fn beenden(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path((vertretene, vertreter)): Path<(i64, i64)>,
) -> SeitenErgebnis {
    z.app.vertretung_beenden(&b.akteur, vertretene, vertreter).await?;
    Ok(weiter_zu(&Gespeichert::VertretungBeendet.nach("/vertretung")))
}
