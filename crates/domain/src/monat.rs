//! A calendar month (`JJJJ-MM` in the Fallakte, `09/2015` on screen): the precision of a
//! Werdegang, where nobody remembers the day an apprenticeship began.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A month of a year between 1900 and 9999.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Monat {
    jahr: i32,
    monat: u32,
}

/// Text that is not a month.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("kein gültiger Monat, erwartet MM/JJJJ: „{0}“")]
pub struct KeinMonat(pub String);

/// The Fallakte's form of a month.
const MUSTER: &str = r"^[0-9]{4}-(0[1-9]|1[0-2])$";

impl Monat {
    pub fn neu(jahr: i32, monat: u32) -> Option<Monat> {
        ((1900..=9999).contains(&jahr) && (1..=12).contains(&monat)).then_some(Monat { jahr, monat })
    }

    /// The month a date lies in.
    pub fn von_datum(d: NaiveDate) -> Monat {
        Monat { jahr: d.year(), monat: d.month() }
    }

    /// Strict `JJJJ-MM` (the Fallakte and `<input type="month">`).
    pub fn parse_strikt(text: &str) -> Result<Monat, KeinMonat> {
        let fehler = || KeinMonat(text.to_owned());
        let (j, m) = text.split_once('-').ok_or_else(fehler)?;
        if j.len() != 4 || m.len() != 2 || !(j.bytes().chain(m.bytes()).all(|b| b.is_ascii_digit())) {
            return Err(fehler());
        }
        Monat::neu(j.parse().map_err(|_| fehler())?, m.parse().map_err(|_| fehler())?).ok_or_else(fehler)
    }

    /// What a user types: `JJJJ-MM`, `MM/JJJJ` or `MM.JJJJ` (the month also with one digit).
    pub fn lesen(text: &str) -> Result<Monat, KeinMonat> {
        let t = text.trim();
        if let Ok(m) = Monat::parse_strikt(t) {
            return Ok(m);
        }
        let fehler = || KeinMonat(t.to_owned());
        let (m, j) = t.split_once(['/', '.']).ok_or_else(fehler)?;
        let ziffern = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !(ziffern(m) && m.len() <= 2 && ziffern(j) && j.len() == 4) {
            return Err(fehler());
        }
        Monat::neu(j.parse().map_err(|_| fehler())?, m.parse().map_err(|_| fehler())?).ok_or_else(fehler)
    }

    /// The first day of the month (for ordering beside dates).
    pub fn erster_tag(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.jahr, self.monat, 1).unwrap_or(NaiveDate::MIN)
    }

    /// `2015-09`, as stored.
    pub fn iso(self) -> String {
        format!("{:04}-{:02}", self.jahr, self.monat)
    }
}

/// `09/2015`, as printed.
impl fmt::Display for Monat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}/{:04}", self.monat, self.jahr)
    }
}

impl Serialize for Monat {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.iso())
    }
}

impl<'de> Deserialize<'de> for Monat {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Monat, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(d)?;
        Monat::parse_strikt(&text)
            .map_err(|_| serde::de::Error::custom(format!("kein gültiger Monat, erwartet JJJJ-MM: „{text}“")))
    }
}

impl JsonSchema for Monat {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Monat".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "pattern": MUSTER,
            "description": "Monat im Format JJJJ-MM",
            "examples": ["2015-09"]
        })
    }
}

#[cfg(feature = "openapi")]
impl utoipa::PartialSchema for Monat {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        utoipa::openapi::ObjectBuilder::new()
            .schema_type(utoipa::openapi::schema::Type::String)
            .pattern(Some(MUSTER))
            .description(Some("Monat im Format JJJJ-MM"))
            .examples(["2015-09"])
            .into()
    }
}

#[cfg(feature = "openapi")]
impl utoipa::ToSchema for Monat {}
