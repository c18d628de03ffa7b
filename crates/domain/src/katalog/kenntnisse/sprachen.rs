//! Languages and their levels per the Gemeinsamer Europäischer Referenzrahmen (GER, A1–C2):
//! "Deutsch C1" covers every lower level of German, "Englischkenntnisse" asks for English at any
//! level.

use crate::fallakte::Niveau;

/// The languages a skill text is searched for, as [`crate::katalog::normalisieren::suchtext`]
/// spells them (German first).
pub const SPRACHEN: [(&str, &str); 25] = [
    ("deutsch", "Deutsch"),
    ("englisch", "Englisch"),
    ("franzoesisch", "Französisch"),
    ("spanisch", "Spanisch"),
    ("italienisch", "Italienisch"),
    ("portugiesisch", "Portugiesisch"),
    ("niederlaendisch", "Niederländisch"),
    ("polnisch", "Polnisch"),
    ("tschechisch", "Tschechisch"),
    ("russisch", "Russisch"),
    ("ukrainisch", "Ukrainisch"),
    ("rumaenisch", "Rumänisch"),
    ("bulgarisch", "Bulgarisch"),
    ("ungarisch", "Ungarisch"),
    ("kroatisch", "Kroatisch"),
    ("serbisch", "Serbisch"),
    ("griechisch", "Griechisch"),
    ("tuerkisch", "Türkisch"),
    ("arabisch", "Arabisch"),
    ("persisch", "Persisch"),
    ("chinesisch", "Chinesisch"),
    ("japanisch", "Japanisch"),
    ("daenisch", "Dänisch"),
    ("schwedisch", "Schwedisch"),
    ("norwegisch", "Norwegisch"),
];

/// Index of German in [`SPRACHEN`].
pub const DEUTSCH: usize = 0;

/// What may follow a language's stem in one word ("Englischkenntnisse", "deutschsprachig").
const ENDUNGEN: [&str; 9] =
    ["", "e", "en", "kenntnis", "kenntnisse", "sprachig", "sprachige", "sprachkenntnisse", "sprachlich"];

/// GER levels, lowest first.
pub const STUFEN: [&str; 6] = ["A1", "A2", "B1", "B2", "C1", "C2"];

/// The language a word names (`None`: none).
pub fn sprache(wort: &str) -> Option<usize> {
    SPRACHEN.iter().position(|(stamm, _)| wort.strip_prefix(stamm).is_some_and(|rest| ENDUNGEN.contains(&rest)))
}

/// The GER level a word states, with the word before it ("sehr gute"). **Interpretation**
/// (no source fixes words to levels): "Grundkenntnisse" A2, "gut"/"erweitert" B2,
/// "sehr gut"/"fließend"/"verhandlungssicher"/"Experte" C1, "Muttersprache" C2.
pub fn stufe(vorher: Option<&str>, wort: &str) -> Option<usize> {
    if let Some(i) = STUFEN.iter().position(|s| s.eq_ignore_ascii_case(wort)) {
        return Some(i);
    }
    let beginnt = |p: &[&str]| p.iter().any(|p| wort.starts_with(p));
    if beginnt(&["mutterspra"]) {
        Some(5)
    } else if beginnt(&["verhandlungssicher", "fliessend", "expert"]) || (vorher == Some("sehr") && beginnt(&["gut"])) {
        Some(4)
    } else if beginnt(&["gut", "erweitert"]) {
        Some(3)
    } else if beginnt(&["grundkenntnis", "grundlegend", "basiskenntnis"]) {
        Some(1)
    } else {
        None
    }
}

/// The level a Stärke stands for when its text names none.
pub fn stufe_aus_niveau(n: Niveau) -> usize {
    match n {
        Niveau::Grundkenntnisse => 1,
        Niveau::Erweitert => 3,
        Niveau::Experte => 4,
    }
}

/// "Deutsch" (any level) or "Deutsch B2".
pub fn name(sprache: usize, stufe: Option<usize>) -> String {
    let s = SPRACHEN[sprache].1;
    match stufe {
        Some(i) => format!("{s} {}", STUFEN[i]),
        None => s.to_string(),
    }
}

/// What someone speaking `sprache` at `stufe` has: the language and every level up to hers.
pub fn bestand(sprache: usize, stufe: usize) -> impl Iterator<Item = String> {
    std::iter::once(name(sprache, None)).chain((0..=stufe.min(5)).map(move |i| name(sprache, Some(i))))
}
