//! Label matching: the seed spells some entries in more than one way
//! ("(Teil-) Qualifikation" / "(Teil-)Qualifikation", "Selbständigkeit" / "Selbstständigkeit").

/// Folds a label or id to a comparison key: lower case, no white space,
/// "selbstständ" = "selbständ".
pub fn schluessel(text: &str) -> String {
    let klein: String = text.chars().filter(|c| !c.is_whitespace()).flat_map(char::to_lowercase).collect();
    klein.replace("selbstständ", "selbständ")
}

/// Folds text for search: lower case, umlauts and ß spelled out, everything but letters and
/// digits becomes a single space.
pub fn suchtext(text: &str) -> String {
    let mut aus = String::with_capacity(text.len());
    let mut leer = true;
    for c in text.chars().flat_map(char::to_lowercase) {
        let ersatz = match c {
            'ä' => Some("ae"),
            'ö' => Some("oe"),
            'ü' => Some("ue"),
            'ß' => Some("ss"),
            _ => None,
        };
        if let Some(e) = ersatz {
            aus.push_str(e);
            leer = false;
        } else if c.is_alphanumeric() {
            aus.push(c);
            leer = false;
        } else if !leer {
            aus.push(' ');
            leer = true;
        }
    }
    aus.trim_end().to_string()
}
