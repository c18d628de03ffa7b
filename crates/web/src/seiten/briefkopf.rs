//! What the Dienststelle's letters print about it (Administration): address, phone, e-mail, the
//! place of signing of the Eingliederungsvereinbarung and the data protection officer of the
//! Art. 15 Auskunft; and its Land, whose public holidays proposed dates skip.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::get;
use serde::Deserialize;
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::fallakte::{Dienststelle, Kontaktangaben};
use vierphasen_domain::kalender::Bundesland;
use vierphasen_domain::zugriff::Rolle;

use super::gespeichert::{self, Erledigt};
use super::{Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, beschriften, html, mit_status, weiter_zu};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new().route("/verwaltung/briefkopf", get(anzeigen).post(speichern))
}

#[derive(Template)]
#[template(path = "briefkopf.html")]
struct Seite {
    rahmen: Rahmen,
    erledigt: Option<&'static str>,
    admin: bool,
    /// The values as stored or as typed into the refused form.
    f: Formular,
    rueckmeldung: Rueckmeldung,
    /// (abbreviation, name) of the 16 Länder for the select.
    laender: Vec<(&'static str, &'static str)>,
    /// The chosen Land as read-only text.
    land: &'static str,
}

#[derive(Debug, Deserialize)]
pub struct Parameter {
    #[serde(default, deserialize_with = "gespeichert::lesen")]
    erledigt: Option<Erledigt>,
}

fn formular(k: &Kontaktangaben, land: Option<Bundesland>) -> Formular {
    let wert = |o: &Option<String>| o.clone().unwrap_or_default();
    Formular(vec![
        ("bundesland".into(), land.map(Bundesland::kuerzel).unwrap_or_default().into()),
        ("anschrift".into(), k.anschrift.join("\n")),
        ("telefon".into(), wert(&k.telefon)),
        ("email".into(), wert(&k.email)),
        ("ort".into(), wert(&k.ort)),
        ("datenschutzbeauftragter".into(), wert(&k.datenschutzbeauftragter)),
    ])
}

fn seite(b: &Angemeldet, f: Formular, rueckmeldung: Rueckmeldung, erledigt: Option<&'static str>) -> Seite {
    let laender = Bundesland::ALLE.iter().map(|l| (l.kuerzel(), l.name())).collect();
    let land = Bundesland::aus_kuerzel(&f.text("bundesland"))
        .map_or("nicht angegeben (nur bundesweite Feiertage)", Bundesland::name);
    Seite {
        rahmen: Rahmen::neu(b, "verwaltung"),
        erledigt,
        admin: b.rolle == Rolle::Admin,
        f,
        rueckmeldung,
        laender,
        land,
    }
}

async fn anzeigen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Query(p): Query<Parameter>,
) -> SeitenErgebnis {
    let d = z.app.konfiguration_lesen(&b.akteur).await?;
    Ok(html(&seite(&b, formular(&d.kontakt, d.bundesland), Rueckmeldung::default(), p.erledigt.map(Erledigt::text))))
}

async fn speichern(State(z): State<Zustand>, SeitenBenutzer(b): SeitenBenutzer, f: Formular) -> SeitenErgebnis {
    let kontakt = Kontaktangaben {
        anschrift: f.text("anschrift").lines().map(str::to_owned).collect(),
        telefon: f.wert("telefon").map(str::to_owned),
        email: f.wert("email").map(str::to_owned),
        ort: f.wert("ort").map(str::to_owned),
        datenschutzbeauftragter: f.wert("datenschutzbeauftragter").map(str::to_owned),
    };
    // The select offers only the 16 Länder; anything else is a forged form and reads as "none".
    let bundesland = f.wert("bundesland").and_then(Bundesland::aus_kuerzel);
    let ergebnis = async {
        let alt = z.app.konfiguration_lesen(&b.akteur).await?;
        z.app.konfiguration_setzen(&b.akteur, Dienststelle { kontakt, bundesland, ..alt }).await
    }
    .await;
    match ergebnis {
        Ok(_) => Ok(weiter_zu(&Erledigt::Briefkopf.nach("/verwaltung/briefkopf"))),
        Err(e) => {
            let mut rm = Rueckmeldung::aus(e)?;
            for fehler in &mut rm.fehler {
                if let Some(feld) = fehler.id.strip_prefix("kontakt-") {
                    fehler.id = feld.to_owned();
                }
            }
            let rm = beschriften(
                rm,
                &[
                    ("anschrift", "Anschrift"),
                    ("telefon", "Telefon"),
                    ("email", "E-Mail"),
                    ("ort", "Ort der Unterschrift"),
                    ("datenschutzbeauftragter", "Datenschutzbeauftragte(r)"),
                ],
            );
            let status = rm.status();
            Ok(mit_status(&seite(&b, f, rm, None), status))
        }
    }
}
