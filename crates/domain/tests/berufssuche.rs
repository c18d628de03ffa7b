//! The Zielberuf search (P1) finds what people type (issue 15/1): every gender form, everyday
//! titles, umlauts spelled out, typos, compounds; the plain occupation first.
//!
//! `bewertung_mit_echten_angaben` measures it on free-text answers coded by people (see
//! `daten/README.md`) and prints the figures:
//! `cargo test -p vierphasen-domain --release --test integration berufssuche -- --nocapture`
//! (with `BERUFSSUCHE_ZEIGEN=alwa` also the inputs of that part whose code is not first).

use vierphasen_domain::katalog::{Katalog, Zuordnungsfehler, berufsformen};

fn katalog() -> &'static Katalog {
    Katalog::standard().expect("catalogue")
}

fn erster(anfrage: &str) -> String {
    katalog().berufe.finden(anfrage, 1).first().map(|t| t.beruf.kldb.to_string()).unwrap_or_default()
}

fn unter_den_ersten(anfrage: &str, n: usize) -> Vec<String> {
    katalog().berufe.finden(anfrage, n).iter().map(|t| t.beruf.kldb.to_string()).collect()
}

#[test]
fn gender_notations_give_both_forms() {
    assert_eq!(
        berufsformen("Fachinformatiker/in - Anwendungsentwicklung"),
        [
            "Fachinformatiker - Anwendungsentwicklung".to_string(),
            "Fachinformatikerin - Anwendungsentwicklung".to_string()
        ]
    );
    assert_eq!(berufsformen("Pflegefachmann/-frau (Ausbildung)")[1], "Pflegefachfrau (Ausbildung)");
    assert_eq!(berufsformen("Ackerbauer/-bäuerin")[1], "Ackerbäuerin");
    assert_eq!(berufsformen("Reisebürokaufmann/-kauffrau")[1], "Reisebürokauffrau");
    assert_eq!(berufsformen("Bauer/Bäuerin"), ["Bauer".to_string(), "Bäuerin".to_string()]);
    assert_eq!(
        berufsformen("Medizinische/r Fachangestellte/r"),
        ["Medizinischer Fachangestellter".to_string(), "Medizinische Fachangestellte".to_string()]
    );
    assert_eq!(berufsformen("Psycholog(e/in)"), ["Psychologe".to_string(), "Psychologin".to_string()]);
    assert_eq!(berufsformen("Koch (m/w/d)"), ["Koch".to_string(), "Koch".to_string()]);
    assert_eq!(berufsformen("Krankenschwester/-pfleger")[1], "Krankenpfleger");
    assert_eq!(
        berufsformen("Bootsmann/-frau/Pumpenmann/-frau"),
        ["Bootsmann Pumpenmann".to_string(), "Bootsfrau Pumpenfrau".to_string()]
    );
    assert_eq!(berufsformen("Schweißfachmann/frau")[1], "Schweißfachfrau");
    assert_eq!(berufsformen("Vormann-/frau - Ewerführerei")[1], "Vorfrau - Ewerführerei");
}

#[test]
fn what_people_type_finds_the_occupation_first() {
    // The examples of issue 15: each put the wrong code first or found nothing.
    for (anfrage, code) in [
        ("Verkäuferin", "62102"),
        ("Verkäufer", "62102"),
        ("Erzieherin", "83113"),
        ("Pflegefachfrau", "81302"),
        ("Kassiererin", "62112"),
        ("Bürokauffrau", "71402"),
        ("Kauffrau für Büromanagement", "71402"),
        ("Sekretärin", "71402"),
        ("Koch", "29302"),
        ("Köchin", "29302"),
        ("Putzfrau", "54101"),
        ("LKW-Fahrer", "52122"),
        ("Koch (m/w/d)", "29302"),
    ] {
        assert_eq!(erster(anfrage), code, "{anfrage}");
    }
}

#[test]
fn umlauts_typos_compounds_and_typing_are_tolerated() {
    assert_eq!(erster("Baeckerin"), "29222", "umlaut spelled out");
    assert_eq!(erster("VERKAEUFERIN"), "62102", "capitals");
    assert_eq!(erster("Sekräterin"), "71402", "two letters swapped");
    assert_eq!(erster("Friseurinn"), "82312", "one letter too many");
    assert!(unter_den_ersten("Pfarramtssekretärin", 5).contains(&"71402".to_string()), "a Sekretärin of a compound");
    assert!(unter_den_ersten("Verk", 5).contains(&"62102".to_string()), "typing in progress");
    assert!(katalog().berufe.finden("Xylophonbaumeisterei Qwertz", 5).is_empty(), "nonsense finds nothing");
}

#[test]
fn the_plain_occupation_ranks_before_specialisations() {
    let verkaeufer = unter_den_ersten("Verkäufer", 10);
    let karten = verkaeufer.iter().position(|c| c == "62112");
    assert_eq!(verkaeufer[0], "62102");
    assert!(karten.is_none_or(|i| i > 0), "Kartenverkäufer after Verkäufer: {verkaeufer:?}");
    let treffer = katalog().berufe.finden("Verkäuferin", 1);
    assert_eq!(treffer[0].benennung, "Verkäuferin", "the hit shows the form typed");
}

#[test]
fn import_mapping_is_unique_or_names_the_candidates() {
    let b = &katalog().berufe;
    let code = |t: &str| b.zuordnen(t).map(|c| c.to_string());
    assert_eq!(code("Pflegefachmann/-frau").as_deref(), Ok("81302"), "the BA's own title");
    assert_eq!(code("Fachinformatiker/in - Anwendungsentwicklung").as_deref(), Ok("43412"));
    assert_eq!(code("Verkäuferin").as_deref(), Ok("62102"));
    assert_eq!(code("43412").as_deref(), Ok("43412"));
    assert_eq!(code("99999"), Err(Zuordnungsfehler::UnbekannterCode));
    assert_eq!(code("Qwertzuiop"), Err(Zuordnungsfehler::KeinTreffer));
    assert_eq!(code("Astronaut/in auf dem Mars"), Err(Zuordnungsfehler::KeinTreffer), "fragments are no candidates");
    match code("Industriemechanikerin Produktion") {
        Err(Zuordnungsfehler::Mehrdeutig(kandidaten)) => {
            assert!(kandidaten.len() >= 2, "{kandidaten:?}");
            assert!(kandidaten.iter().any(|k| k.starts_with("24202 ")), "{kandidaten:?}");
        }
        anders => panic!("not unique, expected the candidates: {anders:?}"),
    }
}

/// One input of the evaluation set and the code people gave it.
struct Angabe {
    teil: String,
    eingabe: String,
    kldb: String,
    /// The code under which the Fassung 2020 of the KldB (which the search uses) lists the
    /// occupation, where it moved it (Erzieher/in, Heilerziehungspfleger/in; `daten/README.md`).
    kldb_2020: String,
}

impl Angabe {
    fn richtig(&self, code: &String) -> bool {
        code == &self.kldb || (!self.kldb_2020.is_empty() && code == &self.kldb_2020)
    }
}

fn bewertungsdaten() -> Vec<Angabe> {
    let text = include_str!("daten/berufssuche_bewertung.csv");
    let mut leser = csv::Reader::from_reader(text.as_bytes());
    leser
        .records()
        .map(|s| {
            let s = s.expect("row");
            Angabe {
                teil: s[0].to_string(),
                eingabe: s[1].to_string(),
                kldb: s[2].to_string(),
                kldb_2020: s[3].to_string(),
            }
        })
        .collect()
}

#[test]
fn bewertung_mit_echten_angaben() {
    let daten = bewertungsdaten();
    assert!(daten.len() >= 300, "at least 300 inputs");
    let mut teile: Vec<String> = Vec::new();
    for a in &daten {
        if !teile.contains(&a.teil) {
            teile.push(a.teil.clone());
        }
    }
    teile.push("alle".to_string());
    let mut top5 = std::collections::HashMap::new();
    println!(
        "{:<22} {:>6} {:>7} {:>7} {:>9} {:>14}",
        "Teil", "Anzahl", "Top-1", "Top-5", "kein Treffer", "Top-5 KldB 2010"
    );
    for teil in &teile {
        let auswahl: Vec<&Angabe> = daten.iter().filter(|a| teil == "alle" || &a.teil == teil).collect();
        let (mut eins, mut fuenf, mut keiner, mut fuenf_2010) = (0, 0, 0, 0);
        let zeigen = std::env::var("BERUFSSUCHE_ZEIGEN").is_ok_and(|t| &t == teil);
        for a in &auswahl {
            let codes = unter_den_ersten(&a.eingabe, 5);
            if zeigen && !codes.iter().take(5).any(|c| a.richtig(c)) {
                println!("  {:<40} erwartet {} gefunden {}", a.eingabe, a.kldb, codes.join(" "));
            }
            eins += usize::from(codes.first().is_some_and(|c| a.richtig(c)));
            fuenf += usize::from(codes.iter().any(|c| a.richtig(c)));
            fuenf_2010 += usize::from(codes.contains(&a.kldb));
            keiner += usize::from(codes.is_empty());
        }
        let anteil = |n: usize| 100.0 * n as f64 / auswahl.len() as f64;
        println!(
            "{teil:<22} {:>6} {:>6.1} % {:>6.1} % {:>10.1} % {:>13.1} %",
            auswahl.len(),
            anteil(eins),
            anteil(fuenf),
            anteil(keiner),
            anteil(fuenf_2010)
        );
        top5.insert(teil.clone(), anteil(fuenf));
    }
    // Floors at the figures of issue 15's stop (the note has them): a change that finds fewer
    // fails here. The issue's target of 90 % top-5 is reached on the survey titles held out
    // from development only nearly, on the ALWA answers not (see daten/README.md).
    for (teil, boden) in [("alwa", 64.0), ("umfrage-entwicklung", 91.0), ("umfrage-pruefung", 89.0), ("alle", 84.0)] {
        assert!(top5[teil] >= boden, "top-5 of {teil}: {:.1} % < {boden} %", top5[teil]);
    }
}
