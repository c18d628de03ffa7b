//! D3 for the Datenschutz (issue 15/9): the access log of the whole Dienststelle, filtered by
//! user, days, purpose and case, newest first, and the same selection as CSV.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderValue, header};
use axum::response::IntoResponse;
use axum::routing::get;
use serde::{Deserialize, Serialize};
use vierphasen_app::AppFehler;
use vierphasen_app::datenschutz::{Protokollauszug, Protokollfilter, Protokollzeile};
use vierphasen_app::protokollierer::FENSTER_MINUTEN;
use vierphasen_domain::datum::{berlin_ortszeit, parse_strikt};

use super::anzeige::zeit_text;
use super::verwaltung::Auswahl;
use super::{Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, html, mit_status};
use crate::zustand::Zustand;

/// Rows on the page; the CSV holds up to [`CSV_HOECHSTENS`].
const SEITE_HOECHSTENS: i64 = 500;
const CSV_HOECHSTENS: i64 = 100_000;

pub fn routen() -> Router<Zustand> {
    Router::new().route("/verwaltung/protokoll", get(seite)).route("/verwaltung/protokoll.csv", get(csv))
}

/// The filter as typed (empty fields: no condition).
#[derive(Debug, Default, Deserialize, Serialize)]
pub struct Suche {
    #[serde(default)]
    benutzer: String,
    #[serde(default)]
    von: String,
    #[serde(default)]
    bis: String,
    #[serde(default)]
    zweck: String,
    #[serde(default)]
    kundennummer: String,
}

impl Suche {
    /// The filter, or every field that cannot be read at once.
    fn filter(&self) -> Result<Protokollfilter, AppFehler> {
        let mut fehler = Vec::new();
        let mut datum = |feld: &str, text: &str| match text.trim() {
            "" => None,
            t => parse_strikt(t).or_else(|| {
                fehler.push(AppFehler::ungueltig(feld, "Bitte ein Datum wählen (TT.MM.JJJJ)."));
                None
            }),
        };
        let von = datum("von", &self.von);
        let bis = datum("bis", &self.bis);
        let benutzer_id = match self.benutzer.trim() {
            "" => None,
            t => t
                .parse()
                .map_err(|_| fehler.push(AppFehler::ungueltig("benutzer", "Bitte einen Benutzer wählen.")))
                .ok(),
        };
        AppFehler::alle(fehler)?;
        Ok(Protokollfilter {
            benutzer_id,
            von,
            bis,
            zweck: Some(self.zweck.clone()),
            kundennummer: Some(self.kundennummer.clone()),
        })
    }

    /// The query string of this filter (for the CSV link).
    fn abfrage(&self) -> String {
        serde_urlencoded::to_string(self).unwrap_or_default()
    }
}

pub struct Zeile {
    pub zeit: String,
    pub benutzer: String,
    pub kunde_id: i64,
    pub kundennummer: Option<String>,
    pub zweck: String,
}

#[derive(Template)]
#[template(path = "zugriffsprotokoll.html")]
struct Protokollseite {
    rahmen: Rahmen,
    suche: Suche,
    /// The staff ("Name (login)") and the purposes logged, for the choice.
    benutzer: Vec<Auswahl>,
    zwecke: Vec<Auswahl>,
    rueckmeldung: Rueckmeldung,
    /// None before a valid filter was read.
    ergebnis: Option<(Vec<Zeile>, i64)>,
    abfrage: String,
    seite_hoechstens: i64,
    csv_hoechstens: i64,
    fenster_minuten: i64,
}

fn benutzer_text(z: &Protokollzeile) -> String {
    match (&z.benutzer, &z.login) {
        (Some(n), Some(l)) => format!("{n} ({l})"),
        _ => format!("gelöschtes Konto Nr. {}", z.benutzer_id),
    }
}

async fn seite(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Query(suche): Query<Suche>,
) -> SeitenErgebnis {
    let zwecke =
        z.app.protokoll_zwecke(&b.akteur).await?.into_iter().map(|z| Auswahl { wert: z.clone(), text: z }).collect();
    let benutzer = z
        .app
        .protokoll_konten(&b.akteur)
        .await?
        .into_iter()
        .map(|(id, name, login)| Auswahl { wert: id.to_string(), text: format!("{name} ({login})") })
        .collect();
    let gefunden = match suche.filter() {
        Ok(filter) => z.app.protokoll_suchen(&b.akteur, &filter, SEITE_HOECHSTENS).await,
        Err(e) => Err(e),
    };
    let (rueckmeldung, ergebnis) = match gefunden {
        Ok(Protokollauszug { zeilen, gesamt }) => {
            let zeilen = zeilen
                .into_iter()
                .map(|p| Zeile {
                    zeit: zeit_text(p.zeitpunkt),
                    benutzer: benutzer_text(&p),
                    kunde_id: p.kunde_id,
                    kundennummer: p.kundennummer,
                    zweck: p.zweck,
                })
                .collect();
            (Rueckmeldung::default(), Some((zeilen, gesamt)))
        }
        Err(e) => (Rueckmeldung::aus(e)?, None),
    };
    let status = rueckmeldung.status();
    let seite = Protokollseite {
        rahmen: Rahmen::neu(&b, "verwaltung"),
        abfrage: suche.abfrage(),
        suche,
        benutzer,
        zwecke,
        rueckmeldung,
        ergebnis,
        seite_hoechstens: SEITE_HOECHSTENS,
        csv_hoechstens: CSV_HOECHSTENS,
        fenster_minuten: FENSTER_MINUTEN,
    };
    Ok(if status.is_success() { html(&seite) } else { mit_status(&seite, status) })
}

/// A CSV cell: always quoted; a leading `=`, `+`, `-`, `@` or control character is defused
/// so that a spreadsheet does not read the cell as a formula.
fn zelle(text: &str) -> String {
    let gefaehrlich = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    format!("\"{}{}\"", if gefaehrlich { "'" } else { "" }, text.replace('"', "\"\""))
}

/// The selection as CSV for a spreadsheet (semicolons, UTF-8 with BOM, Berlin time).
async fn csv(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Query(suche): Query<Suche>,
) -> SeitenErgebnis {
    let auszug = z.app.protokoll_suchen(&b.akteur, &suche.filter()?, CSV_HOECHSTENS).await?;
    let mut text = String::from("\u{feff}Zeitpunkt;Benutzer;Benutzername;Benutzer-Nr.;Kundennummer;Zweck\r\n");
    for p in &auszug.zeilen {
        let zeile = [
            berlin_ortszeit(p.zeitpunkt).format("%d.%m.%Y %H:%M:%S").to_string(),
            p.benutzer.clone().unwrap_or_default(),
            p.login.clone().unwrap_or_default(),
            p.benutzer_id.to_string(),
            p.kundennummer.clone().unwrap_or_else(|| "(gelöscht)".into()),
            p.zweck.clone(),
        ];
        text.push_str(&zeile.iter().map(|t| zelle(t)).collect::<Vec<_>>().join(";"));
        text.push_str("\r\n");
    }
    Ok((
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/csv; charset=utf-8")),
            (header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"Zugriffsprotokoll.csv\"")),
        ],
        text,
    )
        .into_response())
}
