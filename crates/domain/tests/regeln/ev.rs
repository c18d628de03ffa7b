//! E1–E3 (DOMAIN §7.1).

use serde_json::json;
use vierphasen_domain::Rechtskreis;
use vierphasen_domain::Schwere;
use vierphasen_domain::regeln::ev::gueltigkeit_monate;
use vierphasen_domain::regeln::frist::FristStatus;

use super::basis::*;

#[test]
fn e1_profiling_without_valid_agreement_warns_except_for_z() {
    let mut akte = basis();
    akte["eingliederungsvereinbarungen"] = json!([]);
    assert!(hat(&pruefe(&akte, STICHTAG), "E1", Schwere::Warnung));
    akte["profiling"][0]["z_grund"] = json!({ "grund": "c" });
    akte["profiling"][0]["profillage"] = json!({ "wert": "Z" });
    assert!(befunde(&pruefe(&akte, STICHTAG), "E1").is_empty());
}

#[test]
fn e1_kooperationsplan_only_in_sgb2() {
    let mut akte = basis();
    akte["eingliederungsvereinbarungen"][0]["art"] = json!("kooperationsplan");
    assert!(hat(&pruefe(&akte, STICHTAG), "E1", Schwere::Fehler));
}

#[test]
fn e2_validity_by_rechtskreis_and_age() {
    let p = &katalog().parameter.ev;
    assert_eq!(gueltigkeit_monate(Rechtskreis::SgbIII, 25, p), 6);
    assert_eq!(gueltigkeit_monate(Rechtskreis::SgbIII, 24, p), 3);
    assert_eq!(gueltigkeit_monate(Rechtskreis::SgbII, 19, p), 6);
    let mut akte = basis();
    akte["kunde"]["geburtsdatum"] = json!("2004-01-01"); // 22 at conclusion
    let e = pruefe(&akte, STICHTAG);
    let f = e.fristen.iter().find(|f| f.art == "ev_ueberpruefung").expect("EV-Frist");
    assert_eq!(f.spaetestens, tag("2027-01-01"));
}

/// Issue 15: a task's deadline after the end of the agreement is named while drafting and on the
/// day of conclusion (a warning to confirm), not on the concluded agreement afterwards.
#[test]
fn e2_task_deadline_within_the_validity() {
    let mut akte = basis();
    let ev = &mut akte["eingliederungsvereinbarungen"][0];
    ev["aufgaben"][0]["frist"] = json!("2027-06-30"); // concluded 2026-10-01: valid to 2027-04-01
    // Concluded weeks ago: immutable, no reminder.
    assert!(befunde(&pruefe(&akte, STICHTAG), "E2").is_empty());
    // The day of conclusion.
    let e = pruefe(&akte, "2026-10-01");
    let b = befunde(&e, "E2");
    assert_eq!(b.len(), 1, "{b:?}");
    assert!(b[0].1.contains("30.06.2027") && b[0].1.contains("01.04.2027"), "{b:?}");
    // A draft of today: validity counted from its creation.
    let ev = &mut akte["eingliederungsvereinbarungen"][0];
    for feld in ["abgeschlossen_am", "unterschrift_kunde_am", "unterschrift_fachkraft_am", "ausgehaendigt_am"] {
        ev.as_object_mut().unwrap().remove(feld);
    }
    ev["erstellt_am"] = json!(STICHTAG);
    let e = pruefe(&akte, STICHTAG);
    let b = befunde(&e, "E2");
    assert!(b.len() == 1 && b[0].1.contains("24.05.2027"), "{b:?}");
    akte["eingliederungsvereinbarungen"][0]["aufgaben"][0]["frist"] = json!("2027-05-20");
    assert!(befunde(&pruefe(&akte, STICHTAG), "E2").is_empty());
}

#[test]
fn e3_due_and_overdue() {
    let akte = basis(); // concluded 2026-10-01, 6 months → 2027-04-01
    let e = pruefe(&akte, STICHTAG);
    let f = e.fristen.iter().find(|f| f.art == "ev_ueberpruefung").expect("EV-Frist");
    assert_eq!((f.spaetestens, f.status), (tag("2027-04-01"), FristStatus::Offen));
    let e = pruefe(&akte, "2027-03-25");
    assert!(hat(&e, "E3", Schwere::Hinweis));
    let e = pruefe(&akte, "2027-04-02");
    assert!(hat(&e, "E3", Schwere::Warnung));
    assert_eq!(
        e.fristen.iter().find(|f| f.art == "ev_ueberpruefung").map(|f| f.status),
        Some(FristStatus::Ueberfaellig)
    );
}

/// Adds a Zweitgespräch on `datum`.
fn mit_zweitgespraech(mut akte: serde_json::Value, datum: &str) -> serde_json::Value {
    akte["gespraeche"].as_array_mut().unwrap().push(json!({ "datum": datum, "art": "zweitgespraech" }));
    akte
}

/// Replaces the agreement in force by a new version concluded (and handed over) on `am`.
fn neue_ev(mut akte: serde_json::Value, am: &str) -> serde_json::Value {
    akte["eingliederungsvereinbarungen"][0]["ersetzt_am"] = json!(am);
    akte["eingliederungsvereinbarungen"].as_array_mut().unwrap().push(json!({
        "erstellt_am": am, "abgeschlossen_am": am, "ausgehaendigt_am": am,
        "unterschrift_kunde_am": am, "unterschrift_fachkraft_am": am,
        "aufgaben": [{ "text": "Wohnungsamt aufsuchen", "frist": "2027-01-15" }]
    }));
    akte
}

// E1: "Gerade auch bei komplexen Profilen, bei denen ein Abschluss des Profiling im Erstgespräch
// noch nicht erfolgt bzw. erfolgen kann, ist eine schriftliche Eingliederungsvereinbarung mit
// Blick auf das Zweitgespräch … abzuschließen. Nach Abschluss des Zweitgesprächs ist hier eine
// neuerliche Eingliederungsvereinbarung für den sich anschließenden Integrationsprozess zu
// erstellen." – whether or not the Profillage changed.
/// (case, Fallakte, Zweitgespräch on, new EV concluded on, E1 warning expected)
type ZweitFall = (&'static str, serde_json::Value, Option<&'static str>, Option<&'static str>, bool);

#[test]
fn e1_new_agreement_after_the_zweitgespraech() {
    let faelle: [ZweitFall; 6] = [
        (
            "komplex, Zweitgespräch nach der EV, Profillage unverändert",
            komplexer_fall(),
            Some("2026-10-20"),
            None,
            true,
        ),
        ("komplex, neue EV nach dem Zweitgespräch", komplexer_fall(), Some("2026-10-20"), Some("2026-10-27"), false),
        ("komplex, neue EV am Tag des Zweitgesprächs", komplexer_fall(), Some("2026-10-20"), Some("2026-10-20"), false),
        ("komplex, Zweitgespräch vor der EV", komplexer_fall(), Some("2026-09-15"), None, false),
        ("komplex, Zweitgespräch erst nach dem Stichtag", komplexer_fall(), Some("2026-12-01"), None, false),
        ("integrationsnah (Förderprofil), kein komplexes Profil", basis(), Some("2026-10-20"), None, false),
    ];
    for (fall, akte, zweit, neu, erwartet) in faelle {
        let mut akte = match zweit {
            Some(d) => mit_zweitgespraech(akte, d),
            None => akte,
        };
        if let Some(am) = neu {
            akte = neue_ev(akte, am);
        }
        let e = pruefe(&akte, STICHTAG);
        let gefunden = befunde(&e, "E1").iter().any(|b| b.0 == Schwere::Warnung && b.1.contains("Zweitgespräch"));
        assert_eq!(gefunden, erwartet, "{fall}: {:#?}", e.befunde);
    }
}

// E5: "Die Eingliederungsvereinbarung ist … von Kundin bzw. Kunde und Vermittlungsfachkraft zu
// unterschreiben und der Kundin bzw. dem Kunden in einfacher Ausfertigung auszuhändigen."
#[test]
fn e5_signed_agreement_needs_a_recorded_handover() {
    // (case, art, Rechtskreis, abgeschlossen_am, ausgehaendigt_am, E5 warning expected)
    let faelle = [
        (
            "unterschrieben und ausgehändigt",
            "eingliederungsvereinbarung",
            "SGB_III",
            Some("2026-10-01"),
            Some("2026-10-01"),
            false,
        ),
        ("unterschrieben, Aushändigung fehlt", "eingliederungsvereinbarung", "SGB_III", Some("2026-10-01"), None, true),
        ("Entwurf, noch nicht unterschrieben", "eingliederungsvereinbarung", "SGB_III", None, None, false),
        ("Kooperationsplan (nicht unterschrieben)", "kooperationsplan", "SGB_II", Some("2026-10-01"), None, false),
    ];
    for (fall, art, rk, abgeschlossen, ausgehaendigt, erwartet) in faelle {
        let mut akte = basis();
        akte["kunde"]["rechtskreis"] = json!(rk);
        let ev = &mut akte["eingliederungsvereinbarungen"][0];
        ev["art"] = json!(art);
        ev["abgeschlossen_am"] = json!(abgeschlossen);
        ev["ausgehaendigt_am"] = json!(ausgehaendigt);
        let e = pruefe(&akte, STICHTAG);
        let e5 = befunde(&e, "E5");
        assert_eq!(!e5.is_empty(), erwartet, "{fall}: {e5:#?}");
        assert!(e5.iter().all(|b| b.0 == Schwere::Warnung && b.1.contains("ausgehändigt")), "{fall}: {e5:#?}");
    }
}

// E5: "Die Eingliederungsvereinbarung ist … von Kundin bzw. Kunde und Vermittlungsfachkraft zu
// unterschreiben". Both signatures are recorded separately; the EV is concluded with the later.
#[test]
fn e5_both_signatures_recorded() {
    // (case, art, customer's signature, Fachkraft's signature, expected (field, Schwere) findings)
    type Fall<'a> = (&'a str, &'a str, Option<&'a str>, Option<&'a str>, &'a [(&'a str, Schwere)]);
    let faelle: [Fall<'_>; 6] = [
        ("beide am Abschlusstag", "eingliederungsvereinbarung", Some("2026-10-01"), Some("2026-10-01"), &[]),
        (
            "Kunde früher, Fachkraft am Abschlusstag",
            "eingliederungsvereinbarung",
            Some("2026-09-29"),
            Some("2026-10-01"),
            &[],
        ),
        (
            "Unterschrift der Kundin fehlt",
            "eingliederungsvereinbarung",
            None,
            Some("2026-10-01"),
            &[("unterschrift_kunde_am", Schwere::Warnung)],
        ),
        (
            "beide fehlen",
            "eingliederungsvereinbarung",
            None,
            None,
            &[("unterschrift_kunde_am", Schwere::Warnung), ("unterschrift_fachkraft_am", Schwere::Warnung)],
        ),
        (
            "Unterschrift nach dem Abschluss",
            "eingliederungsvereinbarung",
            Some("2026-10-01"),
            Some("2026-10-02"),
            &[("unterschrift_fachkraft_am", Schwere::Fehler)],
        ),
        ("Kooperationsplan wird nicht unterschrieben", "kooperationsplan", None, None, &[]),
    ];
    for (fall, art, kunde, fachkraft, erwartet) in faelle {
        let mut akte = basis();
        if art == "kooperationsplan" {
            akte["kunde"]["rechtskreis"] = json!("SGB_II");
        }
        let ev = &mut akte["eingliederungsvereinbarungen"][0];
        ev["art"] = json!(art);
        ev["unterschrift_kunde_am"] = json!(kunde);
        ev["unterschrift_fachkraft_am"] = json!(fachkraft);
        let e = pruefe(&akte, STICHTAG);
        let gefunden: Vec<(String, Schwere)> = e
            .befunde
            .iter()
            .filter(|b| b.regel == "E5" && b.bezug.contains("unterschrift"))
            .map(|b| (b.bezug.rsplit('.').next().unwrap_or_default().to_owned(), b.schwere))
            .collect();
        let erwartet: Vec<(String, Schwere)> = erwartet.iter().map(|(f, s)| ((*f).to_owned(), *s)).collect();
        assert_eq!(gefunden, erwartet, "{fall}: {:#?}", e.befunde);
    }
}

// E3: "Spätestens nach sechs Monaten, in der Regel jedoch anlassbezogen gemäß des Fortschreitens
// des vereinbarten Integrationsprozesses ist die Eingliederungsvereinbarung … zu aktualisieren
// bzw. fortzuschreiben." A strategy chosen anew, changed or ended after the EV is such an occasion.
#[test]
fn e3_strategy_chosen_or_changed_after_the_agreement_is_an_occasion() {
    let neu = |gewaehlt: &str| json!({ "strategie": "mobilitaet_erhoehen", "gewaehlt_am": gewaehlt, "beginn": gewaehlt, "ende": "2027-02-26" });
    // (case, change to the basis case (EV concluded 2026-10-01), occasion expected)
    type Aenderung = Box<dyn Fn(&mut serde_json::Value)>;
    let faelle: Vec<(&str, Aenderung, bool)> = vec![
        ("kein Anlass", Box::new(|_| {}), false),
        (
            "Strategie nach der EV neu gewählt",
            Box::new(move |a| a["strategien"].as_array_mut().unwrap().push(neu("2026-11-02"))),
            true,
        ),
        (
            "Strategie am Tag der EV gewählt",
            Box::new(move |a| a["strategien"].as_array_mut().unwrap().push(neu("2026-10-01"))),
            false,
        ),
        (
            "Strategie erst nach dem Stichtag gewählt",
            Box::new(move |a| a["strategien"].as_array_mut().unwrap().push(neu("2026-12-01"))),
            false,
        ),
        (
            "Strategie nach der EV geändert",
            Box::new(|a| a["strategien"][2]["geaendert_am"] = json!("2026-11-05")),
            true,
        ),
        (
            "Strategie vor der EV geändert",
            Box::new(|a| a["strategien"][2]["geaendert_am"] = json!("2026-09-05")),
            false,
        ),
        (
            "Strategie nach der EV erledigt",
            Box::new(|a| {
                a["strategien"][2]["ergebnis"] = json!("erfolgreich_umgesetzt");
                a["strategien"][2]["erledigt_am"] = json!("2026-11-03");
            }),
            true,
        ),
    ];
    for (fall, aendern, erwartet) in faelle {
        let mut akte = basis();
        aendern(&mut akte);
        let e = pruefe(&akte, STICHTAG);
        let anlass = befunde(&e, "E3").iter().any(|b| b.0 == Schwere::Hinweis && b.1.contains("Anlass"));
        assert_eq!(anlass, erwartet, "{fall}: {:#?}", e.befunde);
        let frist = e.fristen.iter().find(|f| f.art == "ev_ueberpruefung").expect("EV-Frist");
        let status = if erwartet { FristStatus::Faellig } else { FristStatus::Offen };
        assert_eq!(frist.status, status, "{fall}");
        assert_eq!(frist.spaetestens, tag("2027-04-01"), "{fall}: the 6-month limit stays");
    }
}
