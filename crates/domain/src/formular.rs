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

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;

    #[test]
    fn liest_wiederholte_namen_und_leere_werte() {
        let f = lesen(b"a=+1+&b=&a=2&c=%C3%A4").unwrap();
        assert_eq!(wert(&f, "a"), Some("1"));
        assert_eq!(wert(&f, "b"), None);
        assert_eq!(alle(&f, "a"), ["1", "2"]);
        assert_eq!(wert(&f, "c"), Some("ä"));
        // Bytes that are no UTF-8 arrive as U+FFFD, as browsers show them; the form is not lost.
        assert_eq!(wert(&lesen(b"a=%FF").unwrap(), "a"), Some("\u{fffd}"));
    }

    #[test]
    fn datum_und_zahl_wie_getippt() {
        let tag = NaiveDate::from_ymd_opt(2026, 12, 31);
        assert_eq!(datum("2026-12-31"), tag);
        assert_eq!(datum("31.12.2026"), tag);
        assert_eq!(datum("31.13.2026"), None);
        assert_eq!(kommazahl("52,52"), Some(52.52));
        assert_eq!(kommazahl("52.52"), Some(52.52));
        assert_eq!(kommazahl("52 Grad"), None);
    }
}
