//! Extractors that refuse bad input at the edge with a German problem naming the field:
//! JSON bodies (unknown fields refused by the types), path ids, query strings.

use axum::extract::{FromRequest, FromRequestParts, Path, Query, Request};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use serde::de::DeserializeOwned;

use crate::fehler::ApiFehler;

/// A JSON body; `422` with the field path when it does not fit the type.
#[derive(Debug)]
pub struct Eingabe<T>(pub T);

/// serde's English messages in German (the field path is reported separately); no English
/// text of serde or serde_json reaches the user.
pub fn meldung(e: &serde_json::Error) -> String {
    if e.is_eof() {
        return "unvollständiges JSON".into();
    }
    if e.is_syntax() {
        return format!("kein gültiges JSON (Zeile {}, Spalte {})", e.line(), e.column());
    }
    let text = e.to_string();
    datenfehler(text.split(" at line ").next().unwrap_or(&text))
}

/// A serde data error (JSON body or query string) in German. Messages of our own deserializers
/// are German already and pass unchanged.
pub fn datenfehler(text: &str) -> String {
    let text = text.trim();
    if let Some(rest) = text.strip_prefix("unknown field ") {
        let feld = rest.split(',').next().unwrap_or(rest);
        return format!("unbekanntes Feld {feld}");
    }
    if let Some(rest) = text.strip_prefix("missing field ") {
        return format!("Pflichtfeld {rest} fehlt");
    }
    if let Some(rest) = text.strip_prefix("duplicate field ") {
        return format!("Feld {rest} ist doppelt angegeben");
    }
    if let Some(rest) = text.strip_prefix("unknown variant ") {
        let (wert, erlaubt) = rest.split_once(", expected").unwrap_or((rest, ""));
        let erlaubt = erlaubt.trim_start_matches(" one of").trim();
        return if erlaubt.is_empty() {
            format!("unbekannter Wert {wert}")
        } else {
            format!("unbekannter Wert {wert}, erlaubt: {erlaubt}")
        };
    }
    for (vorsilbe, art) in [("invalid type: ", "falscher Typ"), ("invalid value: ", "ungültiger Wert")] {
        if let Some(rest) = text.strip_prefix(vorsilbe) {
            let erwartet = rest.split_once(", expected ").map_or("", |(_, e)| e);
            return match typ(erwartet) {
                Some(t) => format!("{art}, erwartet: {t}"),
                None => art.to_string(),
            };
        }
    }
    if text.starts_with("invalid length") {
        return "falsche Anzahl von Einträgen".into();
    }
    if text.contains("invalid digit") || text.contains("cannot parse integer") || text.contains("number too") {
        return "keine gültige ganze Zahl".into();
    }
    if text.contains("`true` or `false`") {
        return "bitte true oder false angeben".into();
    }
    if text.is_ascii() && (text.contains("expected") || text.starts_with("invalid")) {
        return "ungültiger Wert".into();
    }
    text.to_string()
}

/// What serde expected, in words ("u32" → "ganze Zahl"); `None` when unknown.
fn typ(erwartet: &str) -> Option<&'static str> {
    let e = erwartet.trim().trim_start_matches("a ").trim_start_matches("an ");
    let ganz = ["u8", "u16", "u32", "u64", "usize", "i8", "i16", "i32", "i64", "isize", "integer"];
    Some(match e {
        _ if ganz.iter().any(|g| e.starts_with(g)) => "ganze Zahl",
        _ if e.starts_with("f32") || e.starts_with("f64") || e.starts_with("floating") || e.starts_with("number") => {
            "Zahl"
        }
        _ if e.starts_with("string") || e.starts_with("borrowed str") || e.starts_with("char") => "Text",
        _ if e.starts_with("bool") => "true oder false",
        _ if e.starts_with("sequence") || e.starts_with("tuple") || e.starts_with("array") => "Liste",
        _ if e.starts_with("map") || e.starts_with("struct") || e.starts_with("object") => "Objekt",
        _ if e.starts_with("unit") || e.starts_with("null") => "null",
        _ if e.starts_with("enum") || e.starts_with("variant") => "einer der erlaubten Werte",
        _ => return None,
    })
}

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for Eingabe<T> {
    type Rejection = ApiFehler;

    async fn from_request(req: Request, state: &S) -> Result<Self, ApiFehler> {
        let json =
            req.headers().get(header::CONTENT_TYPE).and_then(|v| v.to_str().ok()).is_some_and(|v| {
                v.split(';').next().is_some_and(|m| m.trim().eq_ignore_ascii_case("application/json"))
            });
        if !json {
            return Err(ApiFehler::neu(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "medientyp",
                "Falscher Medientyp",
                "Bitte JSON senden (Content-Type: application/json).",
            ));
        }
        let bytes = axum::body::Bytes::from_request(req, state).await.map_err(|_| {
            ApiFehler::neu(
                StatusCode::PAYLOAD_TOO_LARGE,
                "zu-gross",
                "Zu groß",
                "Die Anfrage ist zu groß (höchstens 1 MiB).",
            )
        })?;
        // Every body is a JSON object (no operation takes a list): serde would otherwise read a
        // list into a struct's fields by position ("[null, null]").
        if bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'[') {
            return Err(ApiFehler::ungueltig("(Dokument)", "falscher Typ, erwartet: Objekt"));
        }
        let mut de = serde_json::Deserializer::from_slice(&bytes);
        let wert = serde_path_to_error::deserialize(&mut de).map_err(|e| {
            let pfad = e.path().to_string();
            let pfad = if pfad == "." { String::new() } else { pfad };
            // A missing field is named itself, not its parent object.
            let fehlt = e
                .inner()
                .to_string()
                .strip_prefix("missing field `")
                .and_then(|r| r.split('`').next().map(str::to_string));
            let feld = match (fehlt, pfad.is_empty()) {
                (Some(f), true) => f,
                (Some(f), false) => format!("{pfad}.{f}"),
                (None, true) => "(Dokument)".to_string(),
                (None, false) => pfad,
            };
            ApiFehler::ungueltig(feld, meldung(e.inner()))
        })?;
        de.end().map_err(|e| ApiFehler::ungueltig("(Dokument)", meldung(&e)))?;
        Ok(Eingabe(wert))
    }
}

/// A path parameter; one that does not parse names nothing that exists (404).
#[derive(Debug)]
pub struct Pfad<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for Pfad<T> {
    type Rejection = ApiFehler;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiFehler> {
        Path::<T>::from_request_parts(parts, state).await.map(|Path(w)| Pfad(w)).map_err(|_| {
            ApiFehler::neu(StatusCode::NOT_FOUND, "nicht-gefunden", "Nicht gefunden", "Diese Adresse gibt es nicht.")
        })
    }
}

/// A query string; `422` naming what does not fit.
#[derive(Debug)]
pub struct Abfrage<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Abfrage<T> {
    type Rejection = ApiFehler;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, ApiFehler> {
        Query::<T>::from_request_parts(parts, state).await.map(|Query(w)| Abfrage(w)).map_err(|e| {
            let text = e.body_text();
            let text = text.trim_start_matches("Failed to deserialize query string: ");
            ApiFehler::ungueltig("(Abfrage)", datenfehler(text).replace("unbekanntes Feld", "unbekannter Parameter"))
        })
    }
}
