//! Values as they sit in text columns: enums by their serde name; new Kundennummern.

use serde::Serialize;
use serde::de::DeserializeOwned;

use crate::{AppFehler, geheimnis};

/// The stable id of an enum value (its serde name), e.g. `SGB_III`, `aerztlicher_dienst`.
pub(crate) fn als_text<T: Serialize>(wert: &T) -> String {
    serde_json::to_value(wert).ok().and_then(|v| v.as_str().map(str::to_string)).unwrap_or_default()
}

/// The enum value of a stored id.
pub(crate) fn aus_text<T: DeserializeOwned>(feld: &str, text: &str) -> Result<T, AppFehler> {
    serde_json::from_value(serde_json::Value::String(text.to_string()))
        .map_err(|e| crate::fehler::unlesbar(format_args!("Gespeicherter Wert in `{feld}`"), &e))
}

/// A pseudonymous, random Kundennummer (`K` + 10 characters); never derived from the person.
pub(crate) fn neue_kundennummer() -> String {
    format!("K{}", &geheimnis::neu()[..10].to_uppercase().replace(['-', '_'], "X"))
}
