//! PL1–PL4 (DOMAIN §4).

use serde_json::json;
use vierphasen_domain::einlesen;
use vierphasen_domain::regeln::profillage::{FbwEingabe, ProfillageEingabe, Wahl, ZEingabe, ableiten, wahl_pruefen};
use vierphasen_domain::{Gruppen, Profillage as P, Rechtskreis, Schluesselgruppe as G, Schwere};

use super::basis::*;

/// Needs per group in the order Q, L, M, R, A.
fn eingabe(bedarfe: [u8; 5], prognose: Option<u16>) -> ProfillageEingabe {
    ProfillageEingabe {
        rechtskreis: Some(Rechtskreis::SgbIII),
        bedarfe,
        prognose_monate: prognose,
        ..Default::default()
    }
}

/// (needs Q L M R A, prognosis, suggestion, admissible, consistent)
type Fall = ([u8; 5], u16, Option<P>, &'static [P], bool);

#[test]
fn pl2_derivation_table() {
    let faelle: &[Fall] = &[
        ([0, 0, 0, 0, 0], 4, Some(P::Markt), &[P::Markt], true),
        ([0, 0, 0, 0, 1], 4, Some(P::Markt), &[P::Markt], true), // A never counts
        ([0, 0, 0, 0, 0], 10, Some(P::Markt), &[P::Markt], true), // with hint "bis 6 Monate"
        ([0, 0, 1, 0, 0], 6, Some(P::Aktivierung), &[P::Aktivierung], true),
        ([0, 0, 1, 0, 0], 9, None, &[], false), // Aktivierung only with Begründung
        ([1, 0, 0, 0, 0], 12, Some(P::Foerder), &[P::Foerder], true),
        ([1, 0, 1, 0, 0], 8, Some(P::Foerder), &[P::Foerder], true), // Motivation possible
        ([1, 1, 0, 0, 0], 8, Some(P::Foerder), &[P::Foerder], true), // hint: names one group
        ([1, 0, 0, 0, 0], 18, None, &[], false),                     // komplexe Förderprofillage needs Begründung
        ([2, 0, 0, 0, 0], 18, Some(P::Entwicklung), &[P::Entwicklung], true), // Verdichtung in Q
        ([1, 0, 1, 0, 0], 18, Some(P::Entwicklung), &[P::Entwicklung], true),
        ([0, 2, 0, 0, 0], 18, Some(P::Stabilisierung), &[P::Entwicklung, P::Stabilisierung], true),
        ([1, 2, 1, 0, 0], 18, Some(P::Stabilisierung), &[P::Entwicklung, P::Stabilisierung], true),
        ([0, 1, 1, 0, 0], 18, Some(P::Entwicklung), &[P::Entwicklung], true), // L + only one further
        ([0, 0, 0, 2, 0], 24, Some(P::Unterstuetzung), &[P::Entwicklung, P::Unterstuetzung], true),
        ([1, 0, 1, 1, 0], 24, Some(P::Unterstuetzung), &[P::Entwicklung, P::Unterstuetzung], true),
        ([0, 0, 1, 0, 0], 18, None, &[], false), // Motivation only, > 12
        ([0, 0, 0, 0, 0], 18, None, &[], false),
    ];
    for (bedarfe, p, vorschlag, zulaessig, konsistent) in faelle {
        let e = ableiten(&eingabe(*bedarfe, Some(*p)));
        assert_eq!(e.vorschlag, *vorschlag, "Vorschlag für {bedarfe:?}, {p} Monate");
        assert_eq!(e.zulaessig, *zulaessig, "zulässig für {bedarfe:?}, {p} Monate");
        assert_eq!(e.konsistent, *konsistent, "konsistent für {bedarfe:?}, {p} Monate");
        if !konsistent {
            assert!(e.hinweise.iter().any(|h| h.regel == "PL2"), "Hinweis, was zu prüfen ist: {bedarfe:?}");
        }
    }
}

#[test]
fn pl2_absolventenmanagement_keeps_foerder_over_12_months() {
    let mut e = eingabe([1, 0, 0, 0, 0], Some(20));
    e.absolventenmanagement_laeuft = true;
    assert_eq!(ableiten(&e).vorschlag, Some(P::Foerder));
}

/// PL2 (seed 2.1.1, Förderprofile): "Übersteigt die Integrationsprognose allein deshalb zwölf
/// Monate, weil die Kundin bzw. der Kunde eine Maßnahme zur Förderung der beruflichen
/// Weiterbildung (FbW) nach § 81 SGB III bzw. § 81 SGB III i. V. m. § 16 SGB II von mehr als 9
/// Monaten durchlaufen soll, ist der Fall dem Förderprofil zuzuordnen." Both facts are needed:
/// the prognosis exceeds 12 months only because of the FbW, and the FbW lasts more than 9 months.
#[test]
fn pl2_fbw_needs_the_flag_and_more_than_nine_months() {
    // (prognosis only because of the FbW, planned duration, suggestion, hint on the FbW contains)
    type FbwFall = (bool, Option<u16>, Option<P>, Option<&'static str>);
    let faelle: &[FbwFall] = &[
        (true, Some(10), Some(P::Foerder), None),
        (true, Some(24), Some(P::Foerder), None),
        (true, Some(9), None, Some("höchstens 9 Monaten (geplant: 9 Monate)")), // "mehr als 9"
        (true, Some(6), None, Some("höchstens 9 Monaten (geplant: 6 Monate)")),
        (true, None, None, Some("geplante Dauer der FbW")),
        (false, Some(12), None, None), // a long FbW alone is not the reason for the prognosis
        (false, None, None, None),
    ];
    for (nur_wegen_fbw, dauer, vorschlag, hinweis) in faelle {
        let mut e = eingabe([1, 0, 0, 0, 0], Some(20));
        e.fbw = nur_wegen_fbw.then_some(FbwEingabe { dauer_monate: *dauer, mehr_als_monate: 9 });
        let erg = ableiten(&e);
        let fall = format!("nur wegen FbW {nur_wegen_fbw}, Dauer {dauer:?}");
        assert_eq!(erg.vorschlag, *vorschlag, "{fall}");
        assert_eq!(erg.konsistent, vorschlag.is_some(), "{fall}");
        let fbw_hinweise: Vec<&str> = erg
            .hinweise
            .iter()
            .filter(|h| h.bezug == "profiling.standortbestimmung.fbw_dauer_monate")
            .map(|h| h.meldung.as_str())
            .collect();
        match hinweis {
            Some(t) => assert!(
                fbw_hinweise.len() == 1 && fbw_hinweise[0].contains(t) && erg.hinweise.iter().all(|h| h.regel == "PL2"),
                "{fall}: {fbw_hinweise:?}"
            ),
            None => assert!(fbw_hinweise.is_empty(), "{fall}: {fbw_hinweise:?}"),
        }
    }
}

/// PL2 through the whole case: the two facts of the Standortbestimmung, the threshold from
/// `parameter.toml`, and a planned duration of 0 months is refused as input.
#[test]
fn pl2_fbw_facts_in_the_fallakte() {
    let mut akte = basis();
    akte["profiling"][0]["standortbestimmung"]["prognose_monate"] = json!(20);
    akte["profiling"][0]["standortbestimmung"]["prognose_nur_wegen_fbw"] = json!(true);
    akte["profiling"][0]["standortbestimmung"]["fbw_dauer_monate"] = json!(12);
    let e = pruefe(&akte, STICHTAG);
    assert_eq!(e.profillage.ergebnis.vorschlag, Some(P::Foerder));
    assert!(!hat(&e, "PL1", Schwere::Fehler), "{:#?}", e.befunde);
    akte["profiling"][0]["standortbestimmung"]["fbw_dauer_monate"] = json!(9);
    let e = pruefe(&akte, STICHTAG);
    assert_eq!(e.profillage.ergebnis.vorschlag, None);
    assert!(hat(&e, "PL1", Schwere::Fehler), "Förderprofil without Begründung: {:#?}", e.befunde);
    assert!(befunde(&e, "PL2").iter().any(|b| b.1.contains("höchstens 9 Monaten")));
    akte["profiling"][0]["standortbestimmung"]["fbw_dauer_monate"] = json!(0);
    let fehler = einlesen(&serde_json::to_vec(&akte).unwrap(), katalog()).unwrap_err();
    assert_eq!(fehler.feld, "profiling[0].standortbestimmung.fbw_dauer_monate");
    assert!(fehler.meldung.contains("mindestens 1 Monat"), "{fehler}");
    // The combined flag of before is gone.
    akte["profiling"][0]["standortbestimmung"] = json!({
        "datum": "2026-03-10", "prognose_monate": 20, "fazit": "x", "fbw_ueber_9_monate": true
    });
    let fehler = einlesen(&serde_json::to_vec(&akte).unwrap(), katalog()).unwrap_err();
    assert!(fehler.meldung.contains("unbekanntes Feld"), "{fehler}");
}

/// PL2 (seed 2.1.1, Förderprofile): "Auch nach absolvierter Förderung ist eine Kundin bzw. ein
/// Kunde im Rahmen der Handlungsstrategie „Absolventenmanagement“ immer noch als Förderprofil zu
/// führen." With a running Absolventenmanagement and a prognosis up to 12 months, the Förderprofil
/// is suggested even when no need (or only Motivation) is left.
#[test]
fn pl2_running_absolventenmanagement_keeps_foerder_without_need() {
    // (needs Q L M R A, prognosis)
    let faelle: &[([u8; 5], u16)] = &[
        ([0, 0, 0, 0, 0], 3),  // would be Markt
        ([0, 0, 0, 0, 0], 10), // would be Markt with the "bis 6 Monate" hint
        ([0, 0, 0, 0, 1], 2),  // A never counts
        ([0, 0, 1, 0, 0], 4),  // would be Aktivierung
        ([0, 0, 1, 0, 0], 9),  // would be inconsistent
        ([1, 0, 0, 0, 0], 9),  // Förder anyway
    ];
    for (bedarfe, p) in faelle {
        let mut e = eingabe(*bedarfe, Some(*p));
        e.absolventenmanagement_laeuft = true;
        let erg = ableiten(&e);
        assert_eq!(erg.vorschlag, Some(P::Foerder), "Vorschlag für {bedarfe:?}, {p} Monate");
        assert_eq!(erg.zulaessig, vec![P::Foerder], "zulässig für {bedarfe:?}, {p} Monate");
        assert!(erg.konsistent, "konsistent für {bedarfe:?}, {p} Monate");
    }
}

/// PL2, S3, S4, S1a through the whole case: the qualification is done, no need is left, the
/// Absolventenmanagement runs. It stays Förderprofil, and the Absolventenmanagement is not
/// rejected — neither for the Förderprofil nor for a (begründetes) Marktprofil.
#[test]
fn pl2_s3_absolventenmanagement_after_the_measure_in_the_whole_case() {
    let mut akte = basis();
    akte["strategien"][0]["ende"] = json!("2026-10-31");
    akte["strategien"][0]["ergebnis"] = json!("erfolgreich_umgesetzt");
    akte["strategien"][0]["erledigt_am"] = json!("2026-10-31");
    akte["strategien"][1]["beginn"] = json!("2026-10-31");
    akte["strategien"][1]["ende"] = json!("2027-01-31");
    let mut neu = akte["profiling"][0].clone();
    neu["gespeichert_am"] = json!("2026-11-02");
    neu["merkmale"] = alle_merkmale(&[]);
    neu["standortbestimmung"] = json!({ "datum": "2026-11-02", "prognose_monate": 3, "fazit": "Abschluss erreicht." });
    akte["profiling"].as_array_mut().unwrap().push(neu);
    let am_abgelehnt = |e: &vierphasen_domain::Pruefergebnis| {
        e.befunde.iter().any(|b| b.bezug == "strategien[1]" && ["S3", "S4", "S1a"].contains(&b.regel.id()))
    };
    // (chosen Profillage, Begründung)
    let faelle: &[(&str, Option<&str>)] =
        &[("foerderprofil", None), ("marktprofil", Some("Absolventenmanagement endet im Januar"))];
    for (wert, begruendung) in faelle {
        akte["profiling"][1]["profillage"] = json!({ "wert": wert, "begruendung": begruendung });
        let e = pruefe(&akte, STICHTAG);
        assert_eq!(e.profillage.ergebnis.vorschlag, Some(P::Foerder), "{wert}");
        assert!(!am_abgelehnt(&e), "{wert}: {:#?}", e.befunde);
        assert!(!hat(&e, "PL1", Schwere::Fehler), "{wert}: {:#?}", e.befunde);
    }
}

/// PL3 a): "wenn das Ende der Arbeitslosigkeit bzw. der Hilfebedürftigkeit bereits zu einem
/// konkreten Zeitpunkt feststeht (i. d. R. innerhalb der nächsten 2 Monate)". Without that date
/// the reason does not hold: no Z; the Profillage is derived as if there were no Z-Grund, with a
/// PL3 hint, and choosing Z is refused until the date is given.
#[test]
fn pl3_a_without_a_concrete_end_date_is_no_z() {
    // (end date, needs Q L M R A, prognosis, suggestion)
    type ZFall = (Option<&'static str>, [u8; 5], Option<u16>, Option<P>);
    let faelle: &[ZFall] = &[
        (None, [1, 0, 0, 0, 0], Some(8), Some(P::Foerder)),
        (None, [0, 0, 0, 0, 0], Some(3), Some(P::Markt)),
        (None, [0, 0, 0, 0, 0], None, Some(P::N)),
        (Some("2026-12-15"), [1, 0, 0, 0, 0], Some(8), Some(P::Z)),
        (Some("2027-06-01"), [1, 0, 0, 0, 0], Some(8), Some(P::Z)), // later than 2 months: hint only
    ];
    for (ende, bedarfe, p, vorschlag) in faelle {
        let mut e = eingabe(*bedarfe, *p);
        e.z = Some(ZEingabe {
            grund: "a".into(),
            nur_ohne_integrationsabsicht: false,
            integration_angestrebt: false,
            nur_rechtskreis: None,
            ende_datum_erforderlich: true,
            ende_datum: ende.map(tag),
            stand: tag("2026-11-01"),
            regel_monate: 2,
            kein_fortschritt_bis_erforderlich: false,
            kein_fortschritt_bis: None,
            kein_fortschritt_hoechstens_monate: 6,
        });
        let erg = ableiten(&e);
        assert_eq!(erg.vorschlag, *vorschlag, "{ende:?} {bedarfe:?} {p:?}");
        let wahl = Wahl { profillage: Some(P::Z), begruendung: None, schwerpunkt_gewaehlt: None };
        let z_verweigert =
            wahl_pruefen(&e, &erg, wahl).iter().any(|b| b.regel == "PL3" && b.schwere == Schwere::Fehler);
        if ende.is_none() {
            assert!(erg.hinweise.iter().any(|h| h.regel == "PL3" && h.meldung.contains("konkret")), "{erg:?}");
            assert!(z_verweigert, "Z ohne Datum nach a)");
        } else {
            assert!(!z_verweigert, "Z mit Datum nach a)");
        }
    }
}

#[test]
fn pl2_schwerpunkt_default_and_choice() {
    // Tie Q/R with 1 each, complex: R before L before Q → R, with one further group → Entwicklung.
    let e = eingabe([1, 0, 0, 1, 0], Some(18));
    let erg = ableiten(&e);
    assert_eq!(erg.schwerpunkt, Some(G::Rahmenbedingungen));
    // L and R tie in a complex profile: no default, the VFK must choose.
    let e = eingabe([0, 2, 1, 2, 0], Some(18));
    let erg = ableiten(&e);
    assert!(erg.schwerpunkt_waehlen);
    assert_eq!(erg.vorschlag, None);
    assert_eq!(erg.zulaessig, vec![P::Entwicklung, P::Stabilisierung, P::Unterstuetzung]);
    let mut e = eingabe([0, 2, 1, 2, 0], Some(18));
    e.schwerpunkt_gewaehlt = Some(G::Leistungsfaehigkeit);
    assert_eq!(ableiten(&e).vorschlag, Some(P::Stabilisierung));
}

#[test]
fn pl2_verdichtung_marked_by_the_vfk() {
    let mut e = eingabe([0, 1, 0, 0, 0], Some(18));
    assert!(!ableiten(&e).konsistent);
    e.verdichtet_markiert = Gruppen::leer().mit(G::Leistungsfaehigkeit);
    assert_eq!(ableiten(&e).vorschlag, Some(P::Stabilisierung));
}

#[test]
fn pl2_heranfuehren_contradiction_is_a_hint_only() {
    let mut e = eingabe([0, 0, 1, 2, 0], Some(24));
    e.heranfuehren_binnen_12 = Some(true);
    let erg = ableiten(&e);
    assert_eq!(erg.vorschlag, Some(P::Unterstuetzung));
    assert!(erg.hinweise.iter().any(|h| h.meldung.contains("Stabilisierungsprofil")));
}

#[test]
fn pl2a_n_without_standortbestimmung_and_precedence_z_before_i() {
    assert_eq!(ableiten(&eingabe([1, 1, 0, 0, 0], None)).vorschlag, Some(P::N));
    let z = ZEingabe {
        grund: "a".into(),
        nur_ohne_integrationsabsicht: false,
        integration_angestrebt: true,
        nur_rechtskreis: None,
        ende_datum_erforderlich: true,
        ende_datum: Some(tag("2026-12-15")),
        stand: tag("2026-11-01"),
        regel_monate: 2,
        kein_fortschritt_bis_erforderlich: false,
        kein_fortschritt_bis: None,
        kein_fortschritt_hoechstens_monate: 6,
    };
    let mut e = eingabe([1, 0, 0, 0, 0], Some(8));
    e.rechtskreis = Some(Rechtskreis::SgbII);
    e.i_grund = true;
    assert_eq!(ableiten(&e).vorschlag, Some(P::I));
    e.z = Some(z);
    assert_eq!(ableiten(&e).vorschlag, Some(P::Z));
}

#[test]
fn pl3_z_reasons_and_their_limits() {
    let mut z = ZEingabe {
        grund: "d".into(),
        nur_ohne_integrationsabsicht: true,
        integration_angestrebt: true,
        nur_rechtskreis: Some(Rechtskreis::SgbII),
        ende_datum_erforderlich: false,
        ende_datum: None,
        stand: tag("2026-11-01"),
        regel_monate: 2,
        kein_fortschritt_bis_erforderlich: false,
        kein_fortschritt_bis: None,
        kein_fortschritt_hoechstens_monate: 6,
    };
    let mut e = eingabe([1, 0, 0, 0, 0], Some(8));
    e.rechtskreis = Some(Rechtskreis::SgbII);
    e.z = Some(z.clone());
    // § 10 SGB II while integration is sought: no Z.
    assert_eq!(ableiten(&e).vorschlag, Some(P::Foerder));
    let wahl = Wahl { profillage: Some(P::Z), begruendung: None, schwerpunkt_gewaehlt: None };
    assert!(wahl_pruefen(&e, &ableiten(&e), wahl).iter().any(|b| b.regel == "PL3" && b.schwere == Schwere::Fehler));
    z.integration_angestrebt = false;
    e.z = Some(z);
    assert_eq!(ableiten(&e).vorschlag, Some(P::Z));
    // a) more than 2 months ahead: hint "i. d. R. innerhalb von 2 Monaten".
    let mut e = eingabe([0; 5], None);
    e.z = Some(ZEingabe {
        grund: "a".into(),
        nur_ohne_integrationsabsicht: false,
        integration_angestrebt: false,
        nur_rechtskreis: None,
        ende_datum_erforderlich: true,
        ende_datum: Some(tag("2027-06-01")),
        stand: tag("2026-11-01"),
        regel_monate: 2,
        kein_fortschritt_bis_erforderlich: false,
        kein_fortschritt_bis: None,
        kein_fortschritt_hoechstens_monate: 6,
    });
    let erg = ableiten(&e);
    assert_eq!(erg.vorschlag, Some(P::Z));
    assert!(erg.hinweise.iter().any(|h| h.regel == "PL3" && h.meldung.contains("2 Monate")));
}

#[test]
fn pl4_i_only_in_sgb2() {
    let mut e = eingabe([0, 0, 0, 0, 0], Some(3));
    e.i_grund = true;
    assert_eq!(ableiten(&e).vorschlag, Some(P::Markt), "SGB III: I is never valid");
    let wahl = Wahl { profillage: Some(P::I), begruendung: Some("x"), schwerpunkt_gewaehlt: None };
    let b = wahl_pruefen(&e, &ableiten(&e), wahl);
    assert!(b.iter().any(|b| b.regel == "PL4" && b.schwere == Schwere::Fehler));
}

#[test]
fn pl1_choice_outside_the_admissible_set_needs_a_begruendung() {
    let e = eingabe([1, 0, 0, 0, 0], Some(8));
    let erg = ableiten(&e);
    let ohne = wahl_pruefen(
        &e,
        &erg,
        Wahl { profillage: Some(P::Entwicklung), begruendung: None, schwerpunkt_gewaehlt: None },
    );
    assert!(ohne.iter().any(|b| b.regel == "PL1" && b.schwere == Schwere::Fehler && b.meldung.contains("Begründung")));
    let mit = wahl_pruefen(
        &e,
        &erg,
        Wahl {
            profillage: Some(P::Entwicklung),
            begruendung: Some("Mehrere Bedarfe erwartet"),
            schwerpunkt_gewaehlt: None,
        },
    );
    assert!(mit.iter().all(|b| b.schwere != Schwere::Fehler));
    assert!(mit.iter().any(|b| b.regel == "PL1" && b.schwere == Schwere::Hinweis));
    let passend =
        wahl_pruefen(&e, &erg, Wahl { profillage: Some(P::Foerder), begruendung: None, schwerpunkt_gewaehlt: None });
    assert!(passend.is_empty());
}

#[test]
fn pl1_through_the_whole_case() {
    let mut akte = basis();
    akte["profiling"][0]["profillage"] = json!({ "wert": "Marktprofil" });
    let e = pruefe(&akte, STICHTAG);
    assert!(hat(&e, "PL1", Schwere::Fehler));
    assert_eq!(e.profillage.ergebnis.vorschlag, Some(P::Foerder));
    assert_eq!(e.profillage.gewaehlt, Some(P::Markt));
}

/// PL3 d), seed 2.1.1: "bei Kundinnen/Kunden, die unter einen Tatbestand des § 10 SGB II fallen
/// und bei denen absehbar ist, dass bis zum nächsten vereinbarten Beratungsgespräch, spätestens
/// aber bis zum Ablauf von 6 Monaten, keine Integrationsfortschritte erzielbar sind" and "Für die
/// Personenkreise nach … § 10 SGB II gilt dies analog, sofern eine berufliche Eingliederung von der
/// Kundin bzw. dem Kunden tatsächlich nicht angestrebt wird." Two conditions, each reported on its
/// own: the date of the next agreed conversation (after the profiling, at most 6 months later),
/// and no integration sought.
#[test]
fn pl3_d_two_conditions_reported_separately() {
    // (kein_fortschritt_bis, integration sought, Z holds, unmet conditions: texts they contain)
    type DFall = (Option<&'static str>, bool, bool, &'static [&'static str]);
    let faelle: &[DFall] = &[
        (Some("2027-01-15"), false, true, &[]),
        (Some("2027-05-01"), false, true, &[]), // exactly 6 months: "spätestens"
        (Some("2027-05-02"), false, false, &["liegt nach dem 01.05.2027"]),
        (Some("2026-11-01"), false, false, &["muss nach dem Profiling"]),
        (None, false, false, &["das Datum dieses Gesprächs angeben"]),
        (Some("2027-01-15"), true, false, &["tatsächlich nicht angestrebt"]),
        (None, true, false, &["das Datum dieses Gesprächs angeben", "tatsächlich nicht angestrebt"]),
        (Some("2027-08-01"), true, false, &["liegt nach dem 01.05.2027", "tatsächlich nicht angestrebt"]),
    ];
    for (bis, angestrebt, z_gilt, nicht_erfuellt) in faelle {
        let mut e = eingabe([1, 0, 0, 0, 0], Some(8));
        e.rechtskreis = Some(Rechtskreis::SgbII);
        e.z = Some(ZEingabe {
            grund: "d".into(),
            nur_ohne_integrationsabsicht: true,
            integration_angestrebt: *angestrebt,
            nur_rechtskreis: Some(Rechtskreis::SgbII),
            ende_datum_erforderlich: false,
            ende_datum: None,
            stand: tag("2026-11-01"),
            regel_monate: 2,
            kein_fortschritt_bis_erforderlich: true,
            kein_fortschritt_bis: bis.map(tag),
            kein_fortschritt_hoechstens_monate: 6,
        });
        let fall = format!("bis {bis:?}, angestrebt {angestrebt}");
        let erg = ableiten(&e);
        assert_eq!(erg.vorschlag, Some(if *z_gilt { P::Z } else { P::Foerder }), "{fall}");
        let pl3: Vec<&str> = erg.hinweise.iter().filter(|h| h.regel == "PL3").map(|h| h.meldung.as_str()).collect();
        assert_eq!(pl3.len(), nicht_erfuellt.len(), "{fall}: {pl3:?}");
        for (m, t) in pl3.iter().zip(nicht_erfuellt.iter()) {
            assert!(m.contains(t), "{fall}: „{m}“ enthält nicht „{t}“");
        }
        // Choosing Z anyway: one PL3 error per unmet condition.
        let wahl = Wahl { profillage: Some(P::Z), begruendung: Some("trotzdem"), schwerpunkt_gewaehlt: None };
        let fehler: Vec<_> = wahl_pruefen(&e, &erg, wahl)
            .into_iter()
            .filter(|b| b.regel == "PL3" && b.schwere == Schwere::Fehler)
            .collect();
        assert_eq!(fehler.len(), nicht_erfuellt.len(), "{fall}: {fehler:?}");
    }
}

/// PL3 d) through the whole case: `z_grund.kein_fortschritt_bis` in the Fallakte, the limit from
/// `parameter.toml` counted from the profiling date.
#[test]
fn pl3_d_kein_fortschritt_bis_in_the_fallakte() {
    let mut akte = basis();
    akte["kunde"]["rechtskreis"] = json!("SGB_II");
    akte["eingliederungsvereinbarungen"][0]["art"] = json!("kooperationsplan");
    akte["profiling"][0]["z_grund"] = json!({ "grund": "d", "kein_fortschritt_bis": "2026-09-10" });
    akte["profiling"][0]["profillage"] = json!({ "wert": "Z" });
    let e = pruefe(&akte, STICHTAG);
    assert_eq!(e.profillage.ergebnis.vorschlag, Some(P::Z), "{:#?}", e.befunde);
    assert!(befunde(&e, "PL3").is_empty(), "{:#?}", e.befunde);
    akte["profiling"][0]["z_grund"]["kein_fortschritt_bis"] = json!("2026-09-11");
    let e = pruefe(&akte, STICHTAG);
    assert!(befunde(&e, "PL3").iter().any(|b| b.0 == Schwere::Fehler && b.1.contains("6 Monaten")), "{:#?}", e.befunde);
}
