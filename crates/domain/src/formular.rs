//! Reading submitted HTML forms (`application/x-www-form-urlencoded`): the body as its (name,
//! value) pairs, and the values people type into date and number fields. Pure, so that the
//! parsers can be fuzzed (fuzz/); the web layer turns a refused value into the field's German
//! message.

use chrono::NaiveDate;

/// The pairs of a form body in order (a name may repeat); `None` if the body is not a form.
pub fn lesen(body: &[u8]) -> Option<Vec<(String, String)>> {
    serde_urlencoded::from_bytes(body).ok()
}

/// The trimmed value of `name`; empty counts as missing.
pub fn wert<'f>(felder: &'f [(String, String)], name: &str) -> Option<&'f str> {
    felder.iter().find(|(n, _)| n == name).map(|(_, w)| w.trim()).filter(|w| !w.is_empty())
}

/// Every non-empty value of a repeated name, in order.
pub fn alle<'f>(felder: &'f [(String, String)], name: &str) -> Vec<&'f str> {
    felder.iter().filter(|(n, _)| n == name).map(|(_, w)| w.trim()).filter(|w| !w.is_empty()).collect()
}

/// A date from `<input type="date">` (JJJJ-MM-TT) or typed as TT.MM.JJJJ.
pub fn datum(wert: &str) -> Option<NaiveDate> {
    NaiveDate::parse_from_str(wert, "%Y-%m-%d").or_else(|_| NaiveDate::parse_from_str(wert, "%d.%m.%Y")).ok()
}

/// A decimal number as typed in Germany (`52,52`) or with a point.
pub fn kommazahl(wert: &str) -> Option<f64> {
    wert.replace(',', ".").parse().ok()
}
