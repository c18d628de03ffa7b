//! The male and the female form of a job title as the KldB and employers write it
//! ("Fachinformatiker/in", "Pflegefachmann/-frau", "Bauer/Bäuerin", "Angestellte/r",
//! "Psycholog(e/in)", "Koch (m/w/d)"), so that a search finds a title by what people type: one
//! form, never the notation (issue 15/1).

/// `[männlich, weiblich]`: the title with the first alternative of every gender notation, and
/// with the second. Both equal the title (without "(m/w/d)") when it has no such notation.
pub fn formen(titel: &str) -> [String; 2] {
    let mut maennlich: Vec<String> = Vec::new();
    let mut weiblich: Vec<String> = Vec::new();
    // "Schweißfachmann/ -frau", "Vormann/- frau": one word.
    let titel = titel.replace("/ -", "/-").replace("/- ", "/-");
    for wort in titel.split_whitespace() {
        if ist_geschlechtsangabe(wort) {
            continue;
        }
        let (m, w) = wort_formen(wort);
        maennlich.push(m);
        weiblich.push(w);
    }
    [maennlich.join(" "), weiblich.join(" ")]
}

/// "(m/w/d)", "(w/m/d)", "(m/w)", "m/w/d", "(gn)" and the like.
fn ist_geschlechtsangabe(wort: &str) -> bool {
    let kern: String = wort.chars().filter(|c| !matches!(c, '(' | ')' | ',' | ';')).collect::<String>().to_lowercase();
    let teile: Vec<&str> = kern.split('/').collect();
    kern == "gn" || (teile.len() >= 2 && teile.iter().all(|t| matches!(*t, "m" | "w" | "d" | "x" | "i")))
}

/// Both forms of one word of a title.
fn wort_formen(wort: &str) -> (String, String) {
    // "Psycholog(e/in)", "Kauf(mann/frau)": the alternatives in brackets after a stem.
    if let Some((stamm, rest)) = wort.split_once('(')
        && stamm.chars().last().is_some_and(char::is_alphabetic)
        && let Some((innen, danach)) = rest.split_once(')')
        && let Some((a, b)) = innen.split_once('/')
    {
        return (format!("{stamm}{a}{danach}"), format!("{stamm}{b}{danach}"));
    }
    // Punctuation around the word stays around both forms: "(Landarbeiter/in)," .
    let anfang = wort.find(|c: char| c.is_alphanumeric()).unwrap_or(wort.len());
    let ende = wort
        .rfind(|c: char| c.is_alphanumeric())
        .map_or(anfang, |i| i + wort[i..].chars().next().map_or(1, char::len_utf8));
    let (vorn, kern, hinten) = (&wort[..anfang], &wort[anfang..ende.max(anfang)], &wort[ende.max(anfang)..]);
    if !kern.contains('/') {
        return (wort.to_string(), wort.to_string());
    }
    // One pair per alternative: "Bootsmann/-frau/Pumpenmann/-frau" is two.
    let mut teile = kern.split('/');
    let erstes = teile.next().unwrap_or_default().to_string();
    let mut paare: Vec<(String, String)> = vec![(erstes.clone(), erstes)];
    for teil in teile {
        let Some((m, w)) = paare.last_mut() else { break };
        let gepaart = m != w;
        // "-frau", "-bäuerin", and written without the dash: "Schweißfachmann/frau".
        let endung = teil
            .strip_prefix('-')
            .or_else(|| teil.chars().next().is_some_and(char::is_lowercase).then_some(teil))
            .filter(|e| !matches!(*e, "in" | "innen" | "r" | "e"));
        match (teil, endung) {
            ("in" | "In" | "innen" | "Innen" | "-in", _) if !gepaart => *w = format!("{m}in"),
            ("r", _) if !gepaart => m.push('r'),
            ("e", _) if !gepaart => m.push('e'),
            (_, Some(endung)) if !gepaart => {
                // "Vormann-/frau"
                let stamm = m.trim_end_matches('-').to_string();
                if let Some(f) = weibliche_endung(&stamm, endung) {
                    *w = f;
                }
                *m = stamm;
            }
            // "Bauer/Bäuerin", "Arzt/Ärztin": the second word is the female form of the first.
            _ if !gepaart && gleicher_stamm(m, teil) => *w = teil.to_string(),
            // Another alternative ("Landbau/Landwirtschaft"): a word of its own in both forms.
            _ => paare.push((teil.to_string(), teil.to_string())),
        }
    }
    let m: Vec<&str> = paare.iter().map(|(m, _)| m.as_str()).collect();
    let w: Vec<&str> = paare.iter().map(|(_, w)| w.as_str()).collect();
    let (m, w) = (m.join(" "), w.join(" "));
    (format!("{vorn}{m}{hinten}"), format!("{vorn}{w}{hinten}"))
}

/// ä → a, ö → o, ü → u (one char for one, so positions stay), lower case.
fn ohne_umlaut(c: char) -> char {
    match c.to_lowercase().next().unwrap_or(c) {
        'ä' => 'a',
        'ö' => 'o',
        'ü' => 'u',
        k => k,
    }
}

fn gleicher_stamm(a: &str, b: &str) -> bool {
    let a: Vec<char> = a.chars().map(ohne_umlaut).collect();
    let b: Vec<char> = b.chars().map(ohne_umlaut).collect();
    a.len() >= 3 && b.len() >= 3 && a[..3] == b[..3]
}

/// The female form from "Pflegefachmann" and "-frau", "Ackerbauer" and "-bäuerin",
/// "Krankenschwester" and "-pfleger" (there the second is the male form; we keep both words).
fn weibliche_endung(maennlich: &str, endung: &str) -> Option<String> {
    let klein = endung.to_lowercase();
    if klein.starts_with("in") {
        return Some(format!("{maennlich}{endung}"));
    }
    if klein.starts_with("frau") && maennlich.ends_with("mann") {
        return Some(format!("{}{endung}", &maennlich[..maennlich.len() - 4]));
    }
    if let Some(vorn) = maennlich.strip_suffix("schwester") {
        return Some(format!("{vorn}{endung}"));
    }
    let m: Vec<char> = maennlich.chars().collect();
    let mo: Vec<char> = m.iter().map(|c| ohne_umlaut(*c)).collect();
    let schluessel: Vec<char> = endung.chars().map(ohne_umlaut).take(3).collect();
    if schluessel.len() < 3 {
        return None;
    }
    let stelle = (1..mo.len().saturating_sub(2)).rev().find(|&i| mo[i..].starts_with(&schluessel))?;
    Some(format!("{}{endung}", m[..stelle].iter().collect::<String>()))
}
