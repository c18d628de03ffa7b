//! Test data and PDF reading shared by the document tests.
#![allow(dead_code)]

use chrono::{DateTime, NaiveDate, Utc};
use pdf_extract::{Document, Object};
use vierphasen_documents::{
    Angabe, AuskunftDokument, Briefkopf, EvKontext, Person, Rechtsinformationen, VerlaufEintrag, Zugriffstag,
};
use vierphasen_domain::fallakte::{
    Aufgabe, Beratungsvermerk, Eigenbemuehungen, Eingliederungsvereinbarung, Fallakte, Nachtrag, Turnus,
    Verantwortlich, Vereinbarungsart, Vermerkart,
};
use vierphasen_domain::{Katalog, Rechtskreis};

/// 81 characters, umlauts and ß in every part.
pub const LANGER_NAME: &str = "Änne-Özlem Jürgens-Straßburger-Übelhör von Größenwahn-Müller-Lüdenscheidt-Äbißen";

pub fn datum(t: &str) -> NaiveDate {
    NaiveDate::parse_from_str(t, "%Y-%m-%d").unwrap()
}

pub fn zeit(t: &str) -> DateTime<Utc> {
    DateTime::parse_from_rfc3339(t).unwrap().to_utc()
}

pub fn katalog() -> &'static Katalog {
    Katalog::standard().unwrap()
}

pub fn kopf(jobcenter: bool) -> Briefkopf {
    Briefkopf {
        dienststelle: if jobcenter { "Jobcenter Musterstadt" } else { "Agentur für Arbeit Musterstadt" }.into(),
        anschrift: vec!["Schloßstraße 12".into(), "12345 Musterstadt".into()],
        ansprechpartner: "Jörg Weißmüller".into(),
        telefon: Some("0800 4 5555 00".into()),
        email: None,
    }
}

pub fn person() -> Person {
    Person {
        name: LANGER_NAME.into(),
        kundennummer: "123D456789".into(),
        geburtsdatum: Some(datum("1988-03-14")),
        anschrift: vec!["Gänseblümchenweg 7".into(), "12345 Musterstadt".into()],
    }
}

/// The text of task `i` (1-based): each distinct, with umlauts.
pub fn aufgabe_text(i: usize) -> String {
    format!("Aufgabe {i:02}: Bewerbungsunterlagen für Bürokaufleute überarbeiten und Größe prüfen")
}

/// 30 customer tasks, 2 for the VFK, 1 for third parties.
pub fn aufgaben() -> Vec<Aufgabe> {
    let mut liste: Vec<Aufgabe> = (1..=30)
        .map(|i| Aufgabe {
            text: aufgabe_text(i),
            verantwortlich: Verantwortlich::Kunde,
            frist: if i % 3 == 0 { None } else { Some(datum("2026-12-01") + chrono::Days::new(i as u64)) },
        })
        .collect();
    liste.push(Aufgabe {
        text: "Gibt einen Bildungsgutschein für die Weiterbildung aus".into(),
        verantwortlich: Verantwortlich::Vfk,
        frist: Some(datum("2026-12-15")),
    });
    liste.push(Aufgabe {
        text: "Führt monatlich einen Suchlauf im Matching durch".into(),
        verantwortlich: Verantwortlich::Vfk,
        frist: None,
    });
    liste.push(Aufgabe {
        text: "Bildungsträger meldet Fehlzeiten an die Agentur".into(),
        verantwortlich: Verantwortlich::Dritte,
        frist: None,
    });
    liste
}

/// The Förderprofil example of the repository (SGB III), with a goal and strategies.
pub fn fallakte_sgb3() -> Fallakte {
    serde_json::from_str(include_str!("../../../../examples/foerderprofil_sgb3.json")).unwrap()
}

pub fn fallakte_sgb2() -> Fallakte {
    serde_json::from_str(include_str!("../../../../examples/entwicklungsprofil_sgb2.json")).unwrap()
}

pub fn ev(art: Vereinbarungsart, abgeschlossen: Option<NaiveDate>) -> Eingliederungsvereinbarung {
    Eingliederungsvereinbarung {
        art,
        erstellt_am: datum("2026-11-20"),
        abgeschlossen_am: abgeschlossen,
        ausgehaendigt_am: abgeschlossen,
        gueltig_bis: None,
        ersetzt_am: None,
        aufgaben: aufgaben(),
        eigenbemuehungen: Some(Eigenbemuehungen {
            anzahl: 6,
            turnus: Turnus::Monat,
            von: datum("2026-12-01"),
            bis: datum("2027-05-31"),
            nachweis: Some("Legen Sie die Nachweise jeweils zum Folgegespräch vor.".into()),
        }),
        zwischenziel: None,
        unterschrift_kunde_am: abgeschlossen,
        unterschrift_fachkraft_am: abgeschlossen,
    }
}

pub fn kontext(akte: &Fallakte) -> EvKontext<'_> {
    let mut k = EvKontext::aus_fallakte(akte, katalog(), datum("2026-11-24"));
    k.leistungen = vec!["Übernahme von Bewerbungskosten aus dem Vermittlungsbudget (§ 44 SGB III)".into()];
    k.ort = Some("Musterstadt".into());
    k
}

pub fn vermerk(text: &str, nachtraege: usize) -> Beratungsvermerk {
    Beratungsvermerk {
        datum: datum("2026-11-19"),
        art: Vermerkart::Folgegespraech,
        text: text.into(),
        nachtraege: (1..=nachtraege)
            .map(|i| Nachtrag { datum: datum("2026-11-20") + chrono::Days::new(i as u64), text: aufgabe_text(i) })
            .collect(),
    }
}

pub fn auskunft() -> AuskunftDokument {
    let mut akte = fallakte_sgb3();
    akte.eingliederungsvereinbarungen.push(ev(Vereinbarungsart::Eingliederungsvereinbarung, Some(datum("2026-11-21"))));
    akte.vermerke.push(vermerk("Folgegespräch geführt; Unterlagen für die Weiterbildung besprochen.", 2));
    AuskunftDokument {
        erstellt_am: zeit("2026-11-24T09:30:00Z"),
        stammdaten: vec![
            Angabe::neu("Name", LANGER_NAME),
            Angabe::neu("Kundennummer", "123D456789"),
            Angabe::neu("Geburtsdatum", "14.03.1988"),
            Angabe::neu("Rechtskreis", "SGB III"),
            Angabe::neu("Postleitzahl", "12345"),
        ],
        fallakte: akte,
        verlauf: (1..=30)
            .map(|i| VerlaufEintrag {
                zeitpunkt: zeit("2026-10-01T07:00:00Z") + chrono::TimeDelta::hours(i * 13),
                wer: "Vermittlungsfachkraft J. Weißmüller".into(),
                was: format!("Änderung {i:02}: Profiling gespeichert"),
            })
            .collect(),
        zugriffe: (1..=12)
            .map(|i| Zugriffstag {
                tag: zeit("2026-10-01T08:15:00Z").date_naive() + chrono::TimeDelta::days(i),
                zweck: format!("Zweck {i:02}: Fallakte öffnen (Folgegespräch vorbereiten)"),
                anzahl: (i % 3 + 1) as u32,
            })
            .collect(),
        rechtsinformationen: Rechtsinformationen::standard(Rechtskreis::SgbIII),
        unterzeichnet_von: Some("Dana Schutz".into()),
    }
}

/// With `VP_PDF_AUSGABE=ordner` the tests leave their PDFs there, to look at.
pub fn ablegen(name: &str, pdf: &[u8]) {
    if let Some(ordner) = std::env::var_os("VP_PDF_AUSGABE") {
        std::fs::write(std::path::Path::new(&ordner).join(format!("{name}.pdf")), pdf).unwrap();
    }
}

/// Checks the PDF header and returns the extracted text, whitespace normalised per line.
pub fn text(pdf: &[u8]) -> String {
    assert!(pdf.starts_with(b"%PDF-"), "kein PDF");
    let roh = pdf_extract::extract_text_from_mem(pdf).unwrap();
    let mut zeilen: Vec<String> = Vec::new();
    for z in roh.lines() {
        let z = z.split_whitespace().collect::<Vec<_>>().join(" ");
        if z.is_empty() && zeilen.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        zeilen.push(z);
    }
    zeilen.join("\n").trim().to_string()
}

pub fn seiten(pdf: &[u8]) -> usize {
    Document::load_mem(pdf).unwrap().get_pages().len()
}

/// The text with all white space removed (words broken across lines still match).
pub fn kompakt(text: &str) -> String {
    text.split_whitespace().collect()
}

/// `/StructTreeRoot`, `/Lang (de)`, `/MarkInfo` in the catalog and `pdfuaid:part` = 1 in the
/// XMP metadata, plus the title shown in the window (PDF/UA-1).
pub fn pdf_ua_pruefen(pdf: &[u8], titel: &str) {
    let doc = Document::load_mem(pdf).unwrap();
    let katalog = doc.catalog().unwrap();
    assert!(katalog.get(b"StructTreeRoot").is_ok(), "kein /StructTreeRoot");
    let lang = katalog.get(b"Lang").unwrap().as_str().unwrap();
    assert!(lang.starts_with(b"de"), "Sprache {:?}", String::from_utf8_lossy(lang));
    let mark = doc.dereference(katalog.get(b"MarkInfo").unwrap()).unwrap().1.as_dict().unwrap().clone();
    assert!(mark.get(b"Marked").unwrap().as_bool().unwrap(), "/MarkInfo /Marked");
    let vp = doc.dereference(katalog.get(b"ViewerPreferences").unwrap()).unwrap().1.as_dict().unwrap().clone();
    assert!(vp.get(b"DisplayDocTitle").unwrap().as_bool().unwrap(), "/DisplayDocTitle");
    let meta_ref = katalog.get(b"Metadata").unwrap().as_reference().unwrap();
    let Object::Stream(stream) = doc.get_object(meta_ref).unwrap() else { panic!("Metadata ist kein Stream") };
    let xmp = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    let xmp = String::from_utf8_lossy(&xmp);
    assert!(
        xmp.contains("<pdfuaid:part>1</pdfuaid:part>") || xmp.contains("pdfuaid:part=\"1\""),
        "pdfuaid:part fehlt im XMP:\n{xmp}"
    );
    assert!(xmp.contains(titel), "Titel `{titel}` fehlt im XMP");
}

/// The structure types used in the tag tree (`/S` of every `/StructElem`), e.g. "H1", "Table", "TH".
pub fn strukturtypen(pdf: &[u8]) -> std::collections::BTreeSet<String> {
    let doc = Document::load_mem(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"S").is_ok() && d.get(b"P").is_ok())
        .filter_map(|d| d.get(b"S").ok()?.as_name().ok().map(|n| String::from_utf8_lossy(n).into_owned()))
        .collect()
}
