//! Reading the Werdegang and the F4 activities: no rule reads them, but a Fallakte with a stage
//! ending before it began, an unknown occupation, a day instead of a month or an empty
//! description is bad input naming the field.

use serde_json::{Value, json};
use vierphasen_domain::{Katalog, einlesen, pruefen};

fn katalog() -> &'static Katalog {
    Katalog::standard().expect("Katalog lädt")
}

fn akte(werdegang: Value, aktivitaeten: Value) -> Vec<u8> {
    serde_json::to_vec(&json!({
        "format": 1,
        "kunde": { "geburtsdatum": "1986-05-04", "rechtskreis": "SGB_III", "werdegang": werdegang },
        "aktivitaeten": aktivitaeten
    }))
    .unwrap()
}

#[test]
fn gueltiger_werdegang_und_aktivitaeten_aendern_keinen_befund() {
    let werdegang = json!([
        { "art": "schule", "von": "1992-08", "bis": "2002-07", "bezeichnung": "Realschulabschluss" },
        { "art": "ausbildung", "von": "2002-08", "bis": "2005-07", "bezeichnung": "Ausbildung zum Elektroniker", "beruf": "26212" },
        { "art": "beschaeftigung", "von": "2005-08", "bezeichnung": "Elektroniker bei Hansen & Söhne" }
    ]);
    let aktivitaeten = json!([
        { "datum": "2026-10-01", "art": "gruppenmassnahme", "beschreibung": "Gruppeninformation Photovoltaik" },
        { "datum": "2026-09-01", "art": "bewerbercoaching", "beschreibung": "Bewerbungstraining", "traeger": "Bildungswerk" }
    ]);
    let mit = einlesen(&akte(werdegang, aktivitaeten), katalog()).unwrap();
    let ohne = einlesen(&akte(json!([]), json!([])), katalog()).unwrap();
    assert_eq!(mit.akte.kunde.werdegang[1].von.to_string(), "08/2002");
    let stichtag = chrono::NaiveDate::from_ymd_opt(2026, 11, 24).unwrap();
    assert_eq!(pruefen(&mit, stichtag).befunde, pruefen(&ohne, stichtag).befunde);
}

#[test]
fn falsche_angaben_nennen_das_feld() {
    let fall = |w: Value, a: Value| einlesen(&akte(w, a), katalog()).map(|_| ()).unwrap_err();
    let tabelle = [
        (
            json!([{ "art": "studium", "von": "2010-10", "bis": "2009-09", "bezeichnung": "BWL" }]),
            json!([]),
            "kunde.werdegang[0].bis",
            "Ende (09/2009) liegt vor dem Beginn (10/2010)",
        ),
        (
            json!([{ "art": "beschaeftigung", "von": "2010-10", "bezeichnung": "Lager", "beruf": "99999" }]),
            json!([]),
            "kunde.werdegang[0].beruf",
            "KldB-Code 99999 gibt es nicht",
        ),
        (
            json!([{ "art": "schule", "von": "2010-10-01", "bezeichnung": "Schule" }]),
            json!([]),
            "kunde.werdegang[0].von",
            "kein gültiger Monat, erwartet JJJJ-MM",
        ),
        (
            json!([{ "art": "schule", "von": "2010-08", "bezeichnung": "B" }, { "art": "schule", "von": "2001-08", "bezeichnung": "A" }]),
            json!([]),
            "kunde.werdegang[1].von",
            "liegt vor dem vorherigen Eintrag",
        ),
        (
            json!([{ "art": "lehre", "von": "2010-08", "bezeichnung": "Lehre" }]),
            json!([]),
            "kunde.werdegang[0].art",
            "unbekannter Wert",
        ),
        (
            json!([]),
            json!([{ "datum": "2026-10-01", "art": "bewerbercoaching", "beschreibung": "  " }]),
            "aktivitaeten[0].beschreibung",
            "darf nicht leer sein",
        ),
        (
            json!([]),
            json!([{ "datum": "2026-10-01", "art": "coaching", "beschreibung": "Training" }]),
            "aktivitaeten[0].art",
            "unbekannter Wert",
        ),
    ];
    for (w, a, feld, meldung) in tabelle {
        let e = fall(w, a);
        assert_eq!(e.feld, feld, "{e}");
        assert!(e.meldung.contains(meldung), "{e}");
    }
}
