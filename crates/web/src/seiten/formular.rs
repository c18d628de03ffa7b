//! Submitted HTML forms and what a form shows after a refused submission: the German error
//! summary linked to its fields, the rule findings with their ids, and the confirmation of
//! warnings (`bestaetigt`).

use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use vierphasen_app::AppFehler;
use vierphasen_domain::{Befund, Monat, Schwere, formular};

use super::SeitenFehler;
use crate::fehlerart::formular_status;

/// A submitted form as its (name, value) pairs in order; a name may repeat.
#[derive(Debug, Clone, Default)]
pub struct Formular(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequest<S> for Formular {
    type Rejection = Response;

    async fn from_request(req: Request, s: &S) -> Result<Self, Response> {
        let roh = Bytes::from_request(req, s).await.map_err(IntoResponse::into_response)?;
        formular::lesen(&roh)
            .map(Formular)
            .ok_or_else(|| (StatusCode::BAD_REQUEST, "Das Formular konnte nicht gelesen werden.").into_response())
    }
}

impl Formular {
    /// The trimmed value; empty counts as missing.
    pub fn wert(&self, name: &str) -> Option<&str> {
        formular::wert(&self.0, name)
    }

    pub fn text(&self, name: &str) -> String {
        self.wert(name).unwrap_or_default().to_owned()
    }

    /// Every non-empty value of a repeated name, in order.
    pub fn alle(&self, name: &str) -> Vec<&str> {
        formular::alle(&self.0, name)
    }

    pub fn haken(&self, name: &str) -> bool {
        self.wert(name).is_some()
    }

    /// A date from `<input type="date">` (JJJJ-MM-TT) or typed as TT.MM.JJJJ.
    pub fn datum(&self, name: &str, bezeichnung: &str) -> Result<Option<NaiveDate>, AppFehler> {
        let Some(w) = self.wert(name) else { return Ok(None) };
        formular::datum(w)
            .map(Some)
            .ok_or_else(|| AppFehler::ungueltig(name, format!("{bezeichnung}: bitte ein Datum wie 31.12.2026 angeben")))
    }

    pub fn datum_pflicht(&self, name: &str, bezeichnung: &str) -> Result<NaiveDate, AppFehler> {
        self.datum(name, bezeichnung)?
            .ok_or_else(|| AppFehler::ungueltig(name, format!("{bezeichnung}: bitte ein Datum angeben")))
    }

    /// A month typed as MM/JJJJ (also MM.JJJJ or JJJJ-MM).
    pub fn monat(&self, name: &str, bezeichnung: &str) -> Result<Option<Monat>, AppFehler> {
        let Some(w) = self.wert(name) else { return Ok(None) };
        Monat::lesen(w)
            .map(Some)
            .map_err(|_| AppFehler::ungueltig(name, format!("{bezeichnung}: bitte einen Monat wie 09/2015 angeben")))
    }

    /// A decimal number as typed in Germany (`52,52`) or with a point.
    pub fn kommazahl(&self, name: &str, bezeichnung: &str) -> Result<Option<f64>, AppFehler> {
        let Some(w) = self.wert(name) else { return Ok(None) };
        formular::kommazahl(w)
            .map(Some)
            .ok_or_else(|| AppFehler::ungueltig(name, format!("{bezeichnung}: bitte eine Zahl wie 52,52 angeben")))
    }

    pub fn zahl<T: std::str::FromStr>(&self, name: &str, bezeichnung: &str) -> Result<Option<T>, AppFehler> {
        let Some(w) = self.wert(name) else { return Ok(None) };
        w.parse()
            .map(Some)
            .map_err(|_| AppFehler::ungueltig(name, format!("{bezeichnung}: bitte eine ganze Zahl angeben")))
    }

    /// The user confirmed the warnings shown after the last submission.
    pub fn bestaetigt(&self) -> bool {
        self.haken("bestaetigt")
    }
}

#[derive(Debug, Clone)]
pub struct Feldfehler {
    /// The `id` of the input the summary links to.
    pub id: String,
    pub meldung: String,
}

/// A rule finding as a page shows it: rule id, severity in words (never colour alone), message.
#[derive(Debug, Clone)]
pub struct BefundZeile {
    pub regel: &'static str,
    pub schwere: &'static str,
    /// KERN badge modifier: `danger`, `warning`, `info`.
    pub art: &'static str,
    pub meldung: String,
    pub bezug: String,
}

impl From<&Befund> for BefundZeile {
    fn from(b: &Befund) -> Self {
        let (schwere, art) = match b.schwere {
            Schwere::Fehler => ("Fehler", "danger"),
            Schwere::Warnung => ("Warnung", "warning"),
            Schwere::NaechsterSchritt => ("Nächster Schritt", "info"),
            Schwere::Hinweis => ("Hinweis", "info"),
        };
        BefundZeile { regel: b.regel.id(), schwere, art, meldung: b.meldung.clone(), bezug: b.bezug.clone() }
    }
}

pub fn befund_zeilen(befunde: &[Befund]) -> Vec<BefundZeile> {
    befunde.iter().map(BefundZeile::from).collect()
}

/// What a form shows above its fields after a refused submission.
#[derive(Debug, Clone, Default)]
pub struct Rueckmeldung {
    pub fehler: Vec<Feldfehler>,
    pub befunde: Vec<BefundZeile>,
    /// Warnings need the explicit confirmation `bestaetigt`.
    pub bestaetigen: bool,
}

/// The id of the input for a field name as the use cases report it (`aufgaben[2].text`).
pub fn feld_id(feld: &str) -> String {
    feld.chars().map(|c| if c.is_ascii_alphanumeric() || c == '_' { c } else { '-' }).collect()
}

/// Names the field in the use cases' short messages ("liegt in der Zukunft" → "Gespräch am:
/// liegt in der Zukunft"), for the error summary; `namen` pairs input ids with their labels.
pub fn beschriften(mut r: Rueckmeldung, namen: &[(&str, &str)]) -> Rueckmeldung {
    for f in &mut r.fehler {
        if let Some((_, label)) = namen.iter().find(|(id, _)| *id == f.id)
            && !f.meldung.starts_with(label)
        {
            f.meldung = format!("{label}: {}", f.meldung);
        }
    }
    r
}

impl Rueckmeldung {
    /// Turns a refusal the user can correct into the form's feedback; anything else stays an
    /// error page.
    pub fn aus(fehler: AppFehler) -> Result<Rueckmeldung, SeitenFehler> {
        match fehler {
            AppFehler::Ungueltig { feld, meldung } => {
                Ok(Rueckmeldung { fehler: vec![Feldfehler { id: feld_id(&feld), meldung }], ..Default::default() })
            }
            AppFehler::UngueltigeFelder(felder) => Ok(Rueckmeldung {
                fehler: felder.into_iter().map(|(feld, meldung)| Feldfehler { id: feld_id(&feld), meldung }).collect(),
                ..Default::default()
            }),
            AppFehler::Regelverstoss(b) => Ok(Rueckmeldung { befunde: befund_zeilen(&b), ..Default::default() }),
            AppFehler::BestaetigungNoetig(b) => {
                Ok(Rueckmeldung { befunde: befund_zeilen(&b), bestaetigen: true, ..Default::default() })
            }
            AppFehler::Konflikt(meldung) => {
                Ok(Rueckmeldung { fehler: vec![Feldfehler { id: "inhalt".into(), meldung }], ..Default::default() })
            }
            f => Err(SeitenFehler(f)),
        }
    }

    pub fn leer(&self) -> bool {
        self.fehler.is_empty() && self.befunde.is_empty()
    }

    /// The message for one input (shown under it and referenced by `aria-describedby`).
    pub fn zu(&self, id: &str) -> Option<&str> {
        self.fehler.iter().find(|f| f.id == id).map(|f| f.meldung.as_str())
    }

    /// Status of the page: 200 without feedback, else `fehlerart::formular_status`.
    pub fn status(&self) -> StatusCode {
        if self.leer() { StatusCode::OK } else { formular_status(self.fehler.is_empty()) }
    }
}
