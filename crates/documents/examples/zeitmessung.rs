//! How long one document takes after warm-up, and the PDFs to look at.
//!
//! `cargo run --release -p vierphasen-documents --example zeitmessung [-- AUSGABEORDNER]`
//!
//! Renders each document once (cold: fonts, library, templates), then 20 times with changing data
//! (a different task text each time, so typst's caches cannot return the previous PDF), and prints
//! the median and the maximum. With an output folder it writes the four PDFs there.

use std::time::{Duration, Instant};

use chrono::NaiveDate;
use vierphasen_documents::{
    Angabe, AuskunftDokument, Briefkopf, DokumentFehler, EvKontext, Person, Rechtsinformationen, VerlaufEintrag,
    VermerkKontext, Zugriffstag, auskunft_pdf, vereinbarung_pdf, vermerk_pdf,
};
use vierphasen_domain::fallakte::{
    Aufgabe, Beratungsvermerk, Eigenbemuehungen, Eingliederungsvereinbarung, Fallakte, Nachtrag, Turnus,
    Verantwortlich, Vereinbarungsart, Vermerkart,
};
use vierphasen_domain::{Katalog, Rechtskreis};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ausgabe = std::env::args().nth(1);
    let katalog = Katalog::standard()?;
    let akte: Fallakte = serde_json::from_str(include_str!("../../../examples/foerderprofil_sgb3.json"))?;
    let tag = |t: &str| NaiveDate::parse_from_str(t, "%Y-%m-%d");
    let kopf = Briefkopf {
        dienststelle: "Agentur für Arbeit Musterstadt".into(),
        anschrift: vec!["Schloßstraße 12".into(), "12345 Musterstadt".into()],
        ansprechpartner: "Jörg Weißmüller".into(),
        telefon: Some("0800 4 5555 00".into()),
        email: Some("musterstadt@example.invalid".into()),
    };
    let person = Person {
        name: "Änne Jürgens-Größer".into(),
        kundennummer: "123D456789".into(),
        geburtsdatum: Some(tag("1988-03-14")?),
        anschrift: vec!["Gänseblümchenweg 7".into(), "12345 Musterstadt".into()],
    };
    let ev = |runde: usize, art: Vereinbarungsart| -> Result<Eingliederungsvereinbarung, chrono::ParseError> {
        Ok(Eingliederungsvereinbarung {
            art,
            erstellt_am: tag("2026-11-20")?,
            abgeschlossen_am: None,
            ausgehaendigt_am: None,
            gueltig_bis: None,
            ersetzt_am: None,
            eigenbemuehungen: Some(Eigenbemuehungen {
                anzahl: 6,
                turnus: Turnus::Monat,
                von: tag("2026-12-01")?,
                bis: tag("2027-05-31")?,
                nachweis: Some("Legen Sie die Nachweise jeweils zum Folgegespräch vor.".into()),
            }),
            zwischenziel: None,
            unterschrift_kunde_am: None,
            unterschrift_fachkraft_am: None,
            aufgaben: (1..=8)
                .map(|i| Aufgabe {
                    text: format!("Runde {runde}, Aufgabe {i}: Bewerbungsunterlagen überarbeiten und vorlegen"),
                    verantwortlich: if i == 8 { Verantwortlich::Vfk } else { Verantwortlich::Kunde },
                    frist: tag("2026-12-15").ok(),
                })
                .collect(),
        })
    };
    let mut kontext = EvKontext::aus_fallakte(&akte, katalog, tag("2026-11-24")?);
    kontext.ort = Some("Musterstadt".into());
    let vermerk = |runde: usize| -> Result<Beratungsvermerk, chrono::ParseError> {
        Ok(Beratungsvermerk {
            datum: tag("2026-11-19")?,
            art: Vermerkart::Folgegespraech,
            text: format!("Runde {runde}: Folgegespräch geführt.\n\nWeiterbildung und Bewerbungen besprochen."),
            nachtraege: vec![Nachtrag { datum: tag("2026-11-20")?, text: "Unterlagen nachgereicht.".into() }],
        })
    };
    let vk = VermerkKontext {
        verfasst_von: "Jörg Weißmüller (Vermittlungsfachkraft)".into(),
        gespeichert_um: None,
        nachtrag_verfasser: vec!["Jörg Weißmüller".into()],
    };
    let jetzt = chrono::DateTime::parse_from_rfc3339("2026-11-24T09:30:00Z")?.to_utc();
    let auskunft = |runde: usize| AuskunftDokument {
        erstellt_am: jetzt,
        stammdaten: vec![Angabe::neu("Name", &person.name), Angabe::neu("Kundennummer", format!("123D45678{runde}"))],
        fallakte: akte.clone(),
        verlauf: vec![VerlaufEintrag {
            zeitpunkt: jetzt,
            wer: "Vermittlungsfachkraft".into(),
            was: format!("Runde {runde}"),
        }],
        zugriffe: vec![Zugriffstag { tag: jetzt.date_naive(), zweck: "Auskunft Art. 15".into(), anzahl: 1 }],
        unterzeichnet_von: Some("D. Schutz".into()),
        rechtsinformationen: Rechtsinformationen::standard(Rechtskreis::SgbIII),
    };

    type Erzeuger<'a> = Box<dyn Fn(usize) -> Result<Vec<u8>, DokumentFehler> + 'a>;
    let dokumente: Vec<(&str, Erzeuger<'_>)> = vec![
        (
            "eingliederungsvereinbarung",
            Box::new(|r| {
                let ev = ev(r, Vereinbarungsart::Eingliederungsvereinbarung)
                    .map_err(|e| DokumentFehler::Eingabe(e.to_string()))?;
                vereinbarung_pdf(&kopf, &person, &ev, &kontext, katalog)
            }),
        ),
        (
            "kooperationsplan",
            Box::new(|r| {
                let ev =
                    ev(r, Vereinbarungsart::Kooperationsplan).map_err(|e| DokumentFehler::Eingabe(e.to_string()))?;
                vereinbarung_pdf(&kopf, &person, &ev, &kontext, katalog)
            }),
        ),
        (
            "beratungsvermerk",
            Box::new(|r| {
                let v = vermerk(r).map_err(|e| DokumentFehler::Eingabe(e.to_string()))?;
                vermerk_pdf(&kopf, &person, &v, &vk)
            }),
        ),
        ("auskunft_art15", Box::new(|r| auskunft_pdf(&kopf, &person, &auskunft(r), katalog))),
    ];

    for (name, erzeuge) in &dokumente {
        let start = Instant::now();
        let pdf = erzeuge(0)?;
        let kalt = start.elapsed();
        let mut zeiten: Vec<Duration> = (1..=20)
            .map(|r| {
                let start = Instant::now();
                erzeuge(r).map(|_| start.elapsed())
            })
            .collect::<Result<_, _>>()?;
        zeiten.sort();
        println!(
            "{name:<28} erstes Mal {:>6.1} ms, danach Median {:>6.1} ms, Maximum {:>6.1} ms ({} KiB)",
            kalt.as_secs_f64() * 1000.0,
            zeiten[zeiten.len() / 2].as_secs_f64() * 1000.0,
            zeiten[zeiten.len() - 1].as_secs_f64() * 1000.0,
            pdf.len() / 1024
        );
        if let Some(ordner) = &ausgabe {
            std::fs::write(format!("{ordner}/{name}.pdf"), &pdf)?;
        }
    }
    Ok(())
}
