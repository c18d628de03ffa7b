//! What every document shows at its top: who writes (Briefkopf) and about whom (Person).

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

/// The Dienststelle's letterhead.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Briefkopf {
    /// e.g. "Agentur für Arbeit Musterstadt" or "Jobcenter Musterstadt".
    pub dienststelle: String,
    /// Address lines, printed as given (may be empty).
    #[serde(default)]
    pub anschrift: Vec<String>,
    /// The contact person (Vermittlungs-/Integrationsfachkraft) named in the header.
    pub ansprechpartner: String,
    #[serde(default)]
    pub telefon: Option<String>,
    #[serde(default)]
    pub email: Option<String>,
}

/// The customer the document is about.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Person {
    /// Full name as it is to be printed ("Vorname Nachname").
    pub name: String,
    pub kundennummer: String,
    #[serde(default)]
    pub geburtsdatum: Option<NaiveDate>,
    /// Address lines, printed as given (may be empty).
    #[serde(default)]
    pub anschrift: Vec<String>,
}

/// Header and customer block as the templates read them (`d.kopf`, `d.person`).
#[derive(Debug, Serialize)]
pub(crate) struct KopfDaten<'a> {
    pub titel: &'a str,
    /// The document's date (TT.MM.JJJJ) and its parts for `set document(date: …)`.
    pub datum: String,
    pub datum_teile: [i32; 3],
    pub dienststelle: &'a str,
    pub anschrift: &'a [String],
    pub ansprechpartner: &'a str,
    pub telefon: Option<&'a str>,
    pub email: Option<&'a str>,
    pub name: &'a str,
    pub kundennummer: &'a str,
    pub geburtsdatum: Option<String>,
    pub person_anschrift: &'a [String],
}

impl<'a> KopfDaten<'a> {
    pub fn neu(titel: &'a str, datum: NaiveDate, kopf: &'a Briefkopf, person: &'a Person) -> Self {
        KopfDaten {
            titel,
            datum: de(datum),
            datum_teile: [datum.year(), datum.month() as i32, datum.day() as i32],
            dienststelle: &kopf.dienststelle,
            anschrift: &kopf.anschrift,
            ansprechpartner: &kopf.ansprechpartner,
            telefon: kopf.telefon.as_deref(),
            email: kopf.email.as_deref(),
            name: &person.name,
            kundennummer: &person.kundennummer,
            geburtsdatum: person.geburtsdatum.map(de),
            person_anschrift: &person.anschrift,
        }
    }
}

/// German date: 24.11.2026.
pub(crate) fn de(datum: NaiveDate) -> String {
    vierphasen_domain::datum::de(datum)
}

/// German date and time in Europe/Berlin: 24.11.2026, 14:05 Uhr.
pub(crate) fn de_zeit(zeit: DateTime<Utc>) -> String {
    let ortszeit = vierphasen_domain::datum::berlin_ortszeit(zeit);
    format!("{}, {} Uhr", de(ortszeit.date()), ortszeit.format("%H:%M"))
}
