//! Driving licence classes and what each also allows, per § 6 Abs. 3 Fahrerlaubnis-Verordnung
//! (FeV), plus the classes a class requires first (§ 9 FeV: C, C1, D, D1 only with B; CE only
//! with C, …): whoever holds CE holds C, C1, C1E, BE, B, T, L and AM.

/// The classes, as [`crate::katalog::normalisieren::suchtext`] spells them, with what each
/// includes directly.
const KLASSEN: [(&str, &[&str]); 16] = [
    ("am", &[]),
    ("a1", &["am"]),
    ("a2", &["a1", "am"]),
    ("a", &["a2", "a1", "am"]),
    ("b", &["am", "l"]),
    ("be", &["b"]),
    ("c1", &["b"]),
    ("c1e", &["c1", "be"]),
    ("c", &["c1", "b"]),
    ("ce", &["c", "c1e", "be", "t"]),
    ("d1", &["b"]),
    ("d1e", &["d1", "be", "c1e"]),
    ("d", &["d1", "b"]),
    ("de", &["d", "d1e", "be", "c1e"]),
    ("t", &["am", "l"]),
    ("l", &[]),
];

/// Words that start a licence ("Führerschein Klasse B", "Fahrerlaubnis der Klasse CE", "FS B").
const AUSLOESER: [&str; 7] =
    ["fuehrerschein", "fahrerlaubnis", "fuehrerscheinklasse", "fahrerlaubnisklasse", "klasse", "kl", "fs"];
/// Words a list of classes may contain between classes.
const FUELLER: [&str; 8] = ["klasse", "klassen", "kl", "der", "die", "und", "oder", "bzw"];
/// Old classes (before 1999) and what they were converted to (Anlage 3 FeV): 3 → C1E (with
/// B, BE, C1), 2 → CE, 1 → A.
const ALTE_KLASSEN: [(&str, &str); 3] = [("3", "c1e"), ("2", "ce"), ("1", "a")];

fn klasse(wort: &str) -> Option<usize> {
    KLASSEN.iter().position(|(k, _)| *k == wort)
}

/// "Führerschein Klasse CE".
pub fn name(k: usize) -> String {
    format!("Führerschein Klasse {}", KLASSEN[k].0.to_uppercase())
}

/// The classes named from `woerter[i]` on, and how many words they took (0: none start here).
/// "Führerschein"/"Fahrerlaubnis" without a class means B — what German job ads mean by it;
/// "Pkw-/Lkw-/Bus-Führerschein" mean B, C and D.
pub fn lesen(woerter: &[&str], i: usize) -> (Vec<usize>, usize) {
    let (fahrzeug, start) = match woerter.get(i) {
        Some(&"pkw") => (Some("b"), i + 1),
        Some(&"lkw") => (Some("c"), i + 1),
        Some(&"bus") => (Some("d"), i + 1),
        _ => (None, i),
    };
    let Some(ausloeser) = woerter.get(start).filter(|w| AUSLOESER.contains(w)) else { return (Vec::new(), 0) };
    let mut klassen: Vec<usize> = fahrzeug.and_then(klasse).into_iter().collect();
    let mut j = start + 1;
    while let Some(w) = woerter.get(j) {
        let alt = ALTE_KLASSEN.iter().find(|(a, _)| a == w).map(|(_, n)| *n);
        if let Some(k) = klasse(w).or_else(|| alt.and_then(klasse)) {
            klassen.push(k);
        } else if !FUELLER.contains(w) {
            break;
        }
        j += 1;
    }
    if klassen.is_empty() && matches!(*ausloeser, "fuehrerschein" | "fahrerlaubnis") {
        klassen.extend(klasse("b"));
    }
    if klassen.is_empty() { (Vec::new(), 0) } else { (klassen, j - i) }
}

/// Every class `k` allows (itself included).
pub fn umfasst(k: usize) -> Vec<usize> {
    let mut aus = vec![k];
    let mut i = 0;
    while let Some(&n) = aus.get(i) {
        for u in KLASSEN[n].1.iter().filter_map(|u| klasse(u)) {
            if !aus.contains(&u) {
                aus.push(u);
            }
        }
        i += 1;
    }
    aus
}

/// What a posting naming `klassen` asks for: the lowest of them ("C/CE" asks for C).
pub fn mindestens(klassen: &[usize]) -> Vec<usize> {
    let mut aus: Vec<usize> = Vec::new();
    for &k in klassen {
        let von_anderer = klassen.iter().any(|&a| a != k && umfasst(k).contains(&a));
        if !von_anderer && !aus.contains(&k) {
            aus.push(k);
        }
    }
    aus
}
