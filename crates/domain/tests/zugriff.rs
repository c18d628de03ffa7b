//! Access control (D1 need-to-know, D3; issue 3 item 4): the full matrix role × relation × action,
//! written out literally, plus a few cases a user would notice.
#![allow(clippy::unwrap_used, clippy::expect_used)] // a failing test should panic

use vierphasen_domain::zugriff::{
    Akteur, Aktion, Ausnahmegrund, Entscheidung, FallBezug, Rolle, pruefen, standardzweck,
};

const E: Entscheidung = Entscheidung::Erlaubt;
const U: Entscheidung = Entscheidung::Unsichtbar;
const V: Entscheidung = Entscheidung::Verboten;
const B: Entscheidung = Entscheidung::NurMitBegruendung;

const ICH: i64 = 100;
const VERTRETENE: i64 = 200;
const KOLLEGIN: i64 = 300;
const ANDERE: i64 = 400;
const AED: &str = "aerztlicher_dienst";
const DIENSTSTELLE: i64 = 1;
const TEAM: i64 = 7;

/// How a case relates to the actor (every actor: user 100, Dienststelle 1, team 7, stands in for 200).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Relation {
    EigenerFall,
    Vertretung,
    Teamkollegin,
    AnderesTeam,
    /// Everything else would allow access: own case, own team, open Fachdienst order.
    AndereDienststelle,
    GesperrtNichtFreigegeben,
    GesperrtFreigegeben,
    /// Another team's case with an open referral to the actor's service (the ÄD).
    Fachdienstauftrag,
    /// Another team's case with an open referral to another service only (issue 13/1).
    FachdienstauftragAndererDienst,
    /// Another team's case the actor opened with a stated reason (break-the-glass).
    Ausnahme,
    /// The own case, restricted under Art. 18 GDPR (issue 17/6): only the Datenschutz sees it.
    Eingeschraenkt,
    /// `fall = None`.
    OhneFall,
}
use Relation::*;

fn akteur(rolle: Rolle) -> Akteur {
    Akteur {
        benutzer_id: ICH,
        rolle,
        dienststelle_id: DIENSTSTELLE,
        team_id: Some(TEAM),
        vertritt: vec![VERTRETENE],
        fachdienst: Some(AED.into()),
    }
}

fn fall(vfk: i64) -> FallBezug {
    FallBezug {
        dienststelle_id: DIENSTSTELLE,
        team_id: Some(TEAM),
        vfk_id: Some(vfk),
        gesperrt: false,
        freigegeben_fuer: vec![],
        offene_auftraege_an: vec![],
        ausnahme_fuer: vec![],
        eingeschraenkt: false,
    }
}

fn fall_zu(relation: Relation) -> Option<FallBezug> {
    let fall = match relation {
        EigenerFall => fall(ICH),
        Vertretung => fall(VERTRETENE),
        Teamkollegin => fall(KOLLEGIN),
        AnderesTeam => FallBezug { team_id: Some(TEAM + 1), ..fall(ANDERE) },
        AndereDienststelle => FallBezug { dienststelle_id: 2, offene_auftraege_an: vec![AED.into()], ..fall(ICH) },
        GesperrtNichtFreigegeben => FallBezug { gesperrt: true, freigegeben_fuer: vec![KOLLEGIN], ..fall(ICH) },
        GesperrtFreigegeben => FallBezug { gesperrt: true, freigegeben_fuer: vec![ICH], ..fall(ICH) },
        Fachdienstauftrag => {
            FallBezug { team_id: Some(TEAM + 1), offene_auftraege_an: vec![AED.into()], ..fall(ANDERE) }
        }
        FachdienstauftragAndererDienst => FallBezug {
            team_id: Some(TEAM + 1),
            offene_auftraege_an: vec!["berufspsychologischer_service".into()],
            ..fall(ANDERE)
        },
        Ausnahme => FallBezug { team_id: Some(TEAM + 1), ausnahme_fuer: vec![ICH], ..fall(ANDERE) },
        Eingeschraenkt => FallBezug { eingeschraenkt: true, ..fall(ICH) },
        OhneFall => return None,
    };
    Some(fall)
}

/// Columns in the order of `Aktion::alle()`:
/// Lesen, Bearbeiten, Exportieren, Auskunft, Protokoll, Zuständigkeit, Sperre | KundeAnlegen,
/// BenutzerVerwalten, DienststelleKonfigurieren, TeamUebersicht, Zugriffsbericht | AuftragBearbeiten.
#[rustfmt::skip]
const ERWARTET: &[(Rolle, Relation, [Entscheidung; 13])] = &[
    (Rolle::Vfk, EigenerFall,              [E, E, E, E, V, V, V,  E, V, V, V, V,  V]),
    (Rolle::Vfk, Vertretung,               [E, E, E, E, V, V, V,  E, V, V, V, V,  V]),
    (Rolle::Vfk, Teamkollegin,             [E, V, E, V, V, V, V,  E, V, V, V, V,  V]),
    (Rolle::Vfk, AnderesTeam,              [B, V, V, V, V, V, V,  E, V, V, V, V,  V]),
    (Rolle::Vfk, AndereDienststelle,       [U, U, U, U, U, U, U,  E, V, V, V, V,  U]),
    (Rolle::Vfk, GesperrtNichtFreigegeben, [U, U, U, U, U, U, U,  E, V, V, V, V,  U]),
    (Rolle::Vfk, GesperrtFreigegeben,      [E, E, E, E, V, V, V,  E, V, V, V, V,  V]),
    (Rolle::Vfk, Fachdienstauftrag,        [B, V, V, V, V, V, V,  E, V, V, V, V,  V]),
    (Rolle::Vfk, FachdienstauftragAndererDienst, [B, V, V, V, V, V, V,  E, V, V, V, V,  V]),
    (Rolle::Vfk, Ausnahme,                 [E, V, V, V, V, V, V,  E, V, V, V, V,  V]),
    (Rolle::Vfk, Eingeschraenkt,           [U, U, U, U, U, U, U,  E, V, V, V, V,  U]),
    (Rolle::Vfk, OhneFall,                 [V, V, V, V, V, V, V,  E, V, V, V, V,  V]),

    (Rolle::Teamleitung, EigenerFall,              [E, V, E, V, V, E, V,  V, V, V, E, V,  V]),
    (Rolle::Teamleitung, Vertretung,               [E, V, E, V, V, E, V,  V, V, V, E, V,  V]),
    (Rolle::Teamleitung, Teamkollegin,             [E, V, E, V, V, E, V,  V, V, V, E, V,  V]),
    (Rolle::Teamleitung, AnderesTeam,              [U, U, U, U, U, U, U,  V, V, V, E, V,  U]),
    (Rolle::Teamleitung, AndereDienststelle,       [U, U, U, U, U, U, U,  V, V, V, E, V,  U]),
    (Rolle::Teamleitung, GesperrtNichtFreigegeben, [U, U, U, U, U, U, U,  V, V, V, E, V,  U]),
    (Rolle::Teamleitung, GesperrtFreigegeben,      [E, V, E, V, V, E, V,  V, V, V, E, V,  V]),
    (Rolle::Teamleitung, Fachdienstauftrag,        [U, U, U, U, U, U, U,  V, V, V, E, V,  U]),
    (Rolle::Teamleitung, FachdienstauftragAndererDienst, [U, U, U, U, U, U, U,  V, V, V, E, V,  U]),
    (Rolle::Teamleitung, Ausnahme,                 [U, U, U, U, U, U, U,  V, V, V, E, V,  U]),
    (Rolle::Teamleitung, Eingeschraenkt,           [U, U, U, U, U, U, U,  V, V, V, E, V,  U]),
    (Rolle::Teamleitung, OhneFall,                 [V, V, V, V, V, V, V,  V, V, V, E, V,  V]),

    (Rolle::Fachdienst, EigenerFall,              [U, U, U, U, U, U, U,  V, V, V, V, V,  U]),
    (Rolle::Fachdienst, Vertretung,               [U, U, U, U, U, U, U,  V, V, V, V, V,  U]),
    (Rolle::Fachdienst, Teamkollegin,             [U, U, U, U, U, U, U,  V, V, V, V, V,  U]),
    (Rolle::Fachdienst, AnderesTeam,              [U, U, U, U, U, U, U,  V, V, V, V, V,  U]),
    (Rolle::Fachdienst, AndereDienststelle,       [U, U, U, U, U, U, U,  V, V, V, V, V,  U]),
    (Rolle::Fachdienst, GesperrtNichtFreigegeben, [U, U, U, U, U, U, U,  V, V, V, V, V,  U]),
    (Rolle::Fachdienst, GesperrtFreigegeben,      [U, U, U, U, U, U, U,  V, V, V, V, V,  U]),
    (Rolle::Fachdienst, Fachdienstauftrag,        [U, U, U, U, U, U, U,  V, V, V, V, V,  E]),
    (Rolle::Fachdienst, FachdienstauftragAndererDienst, [U, U, U, U, U, U, U,  V, V, V, V, V,  U]),
    (Rolle::Fachdienst, Ausnahme,                 [U, U, U, U, U, U, U,  V, V, V, V, V,  U]),
    (Rolle::Fachdienst, Eingeschraenkt,           [U, U, U, U, U, U, U,  V, V, V, V, V,  U]),
    (Rolle::Fachdienst, OhneFall,                 [V, V, V, V, V, V, V,  V, V, V, V, V,  V]),

    (Rolle::Admin, EigenerFall,              [U, U, U, U, U, U, U,  V, E, E, V, V,  U]),
    (Rolle::Admin, Vertretung,               [U, U, U, U, U, U, U,  V, E, E, V, V,  U]),
    (Rolle::Admin, Teamkollegin,             [U, U, U, U, U, U, U,  V, E, E, V, V,  U]),
    (Rolle::Admin, AnderesTeam,              [U, U, U, U, U, U, U,  V, E, E, V, V,  U]),
    (Rolle::Admin, AndereDienststelle,       [U, U, U, U, U, U, U,  V, E, E, V, V,  U]),
    (Rolle::Admin, GesperrtNichtFreigegeben, [U, U, U, U, U, U, U,  V, E, E, V, V,  U]),
    (Rolle::Admin, GesperrtFreigegeben,      [U, U, U, U, U, U, U,  V, E, E, V, V,  U]),
    (Rolle::Admin, Fachdienstauftrag,        [U, U, U, U, U, U, U,  V, E, E, V, V,  U]),
    (Rolle::Admin, FachdienstauftragAndererDienst, [U, U, U, U, U, U, U,  V, E, E, V, V,  U]),
    (Rolle::Admin, Ausnahme,                 [U, U, U, U, U, U, U,  V, E, E, V, V,  U]),
    (Rolle::Admin, Eingeschraenkt,           [U, U, U, U, U, U, U,  V, E, E, V, V,  U]),
    (Rolle::Admin, OhneFall,                 [V, V, V, V, V, V, V,  V, E, E, V, V,  V]),

    (Rolle::Datenschutz, EigenerFall,              [V, V, V, E, E, V, E,  V, V, V, V, E,  V]),
    (Rolle::Datenschutz, Vertretung,               [V, V, V, E, E, V, E,  V, V, V, V, E,  V]),
    (Rolle::Datenschutz, Teamkollegin,             [V, V, V, E, E, V, E,  V, V, V, V, E,  V]),
    (Rolle::Datenschutz, AnderesTeam,              [V, V, V, E, E, V, E,  V, V, V, V, E,  V]),
    (Rolle::Datenschutz, AndereDienststelle,       [U, U, U, U, U, U, U,  V, V, V, V, E,  U]),
    (Rolle::Datenschutz, GesperrtNichtFreigegeben, [U, U, U, U, U, U, U,  V, V, V, V, E,  U]),
    (Rolle::Datenschutz, GesperrtFreigegeben,      [V, V, V, E, E, V, E,  V, V, V, V, E,  V]),
    (Rolle::Datenschutz, Fachdienstauftrag,        [V, V, V, E, E, V, E,  V, V, V, V, E,  V]),
    (Rolle::Datenschutz, FachdienstauftragAndererDienst, [V, V, V, E, E, V, E,  V, V, V, V, E,  V]),
    (Rolle::Datenschutz, Ausnahme,                 [V, V, V, E, E, V, E,  V, V, V, V, E,  V]),
    (Rolle::Datenschutz, Eingeschraenkt,           [V, V, V, E, E, V, E,  V, V, V, V, E,  V]),
    (Rolle::Datenschutz, OhneFall,                 [V, V, V, V, V, V, V,  V, V, V, V, E,  V]),
];

#[test]
fn matrix_rolle_relation_aktion() {
    // Every role × relation has exactly one row.
    assert_eq!(ERWARTET.len(), Rolle::alle().len() * 12);
    for (i, (rolle, relation, _)) in ERWARTET.iter().enumerate() {
        assert!(
            !ERWARTET[..i].iter().any(|(r, rel, _)| r == rolle && rel == relation),
            "{rolle:?}/{relation:?} doppelt"
        );
    }

    let mut abweichungen = Vec::new();
    for (rolle, relation, erwartet) in ERWARTET {
        let fall = fall_zu(*relation);
        for (aktion, erwartet) in Aktion::alle().into_iter().zip(erwartet) {
            let ist = pruefen(&akteur(*rolle), aktion, fall.as_ref());
            if ist != *erwartet {
                abweichungen.push(format!("{rolle:?} / {relation:?} / {aktion:?}: erwartet {erwartet:?}, ist {ist:?}"));
            }
        }
    }
    assert!(abweichungen.is_empty(), "Abweichungen:\n{}", abweichungen.join("\n"));
}

#[test]
fn admin_sieht_keinen_fallinhalt() {
    let admin = akteur(Rolle::Admin);
    for aktion in Aktion::alle().into_iter().filter(|a| a.betrifft_fall()) {
        assert_eq!(pruefen(&admin, aktion, Some(&fall(ICH))), U, "{aktion:?}");
    }
    assert_eq!(pruefen(&admin, Aktion::BenutzerVerwalten, None), E);
}

#[test]
fn fremde_dienststelle_ist_unsichtbar_auch_fuer_datenschutz() {
    let fremd = FallBezug { dienststelle_id: 2, ..fall(ICH) };
    for rolle in Rolle::alle() {
        assert_eq!(pruefen(&akteur(rolle), Aktion::AuskunftErstellen, Some(&fremd)), U, "{rolle:?}");
        assert_eq!(pruefen(&akteur(rolle), Aktion::ProtokollEinsehen, Some(&fremd)), U, "{rolle:?}");
    }
}

#[test]
fn gesperrter_fall_nur_fuer_namentlich_freigegebene() {
    // §35 SGB I: a colleague as customer; even her own VFK sees the case only when named.
    let gesperrt = FallBezug { gesperrt: true, freigegeben_fuer: vec![KOLLEGIN], ..fall(ICH) };
    assert_eq!(pruefen(&akteur(Rolle::Vfk), Aktion::FallLesen, Some(&gesperrt)), U);
    let benannt = Akteur { benutzer_id: KOLLEGIN, ..akteur(Rolle::Vfk) };
    assert_eq!(pruefen(&benannt, Aktion::FallLesen, Some(&gesperrt)), E);
    // Named, but not her caseload: the normal role rules still apply.
    assert_eq!(pruefen(&benannt, Aktion::FallBearbeiten, Some(&gesperrt)), V);
}

#[test]
fn vertretung_darf_bearbeiten_bis_sie_endet() {
    let mut vfk = akteur(Rolle::Vfk);
    assert_eq!(pruefen(&vfk, Aktion::FallBearbeiten, Some(&fall(VERTRETENE))), E);
    vfk.vertritt.clear();
    assert_eq!(pruefen(&vfk, Aktion::FallBearbeiten, Some(&fall(VERTRETENE))), V);
}

#[test]
fn ausnahme_oeffnet_nur_das_lesen_und_nur_fuer_die_begruendende() {
    // D1 break-the-glass: the stated reason opens the case for reading to her, not to a colleague,
    // and never for changes or the export.
    let fremd = FallBezug { team_id: Some(TEAM + 1), ausnahme_fuer: vec![KOLLEGIN], ..fall(ANDERE) };
    assert_eq!(pruefen(&akteur(Rolle::Vfk), Aktion::FallLesen, Some(&fremd)), B);
    let begruendet = Akteur { benutzer_id: KOLLEGIN, team_id: None, ..akteur(Rolle::Vfk) };
    assert_eq!(pruefen(&begruendet, Aktion::FallLesen, Some(&fremd)), E);
    assert_eq!(pruefen(&begruendet, Aktion::FallBearbeiten, Some(&fremd)), V);
    assert_eq!(pruefen(&begruendet, Aktion::FallExportieren, Some(&fremd)), V);
    for grund in Ausnahmegrund::ALLE {
        assert_eq!(Ausnahmegrund::aus_id(grund.id()), Some(grund));
        assert_eq!(serde_json::to_value(grund).unwrap(), serde_json::json!(grund.id()));
    }
}

#[test]
fn rolle_id_label_und_zweck() {
    for rolle in Rolle::alle() {
        assert_eq!(rolle.as_str().parse::<Rolle>(), Ok(rolle));
        assert_eq!(serde_json::to_value(rolle).unwrap(), serde_json::json!(rolle.as_str()));
        assert!(!rolle.label().is_empty() && !standardzweck(rolle).is_empty());
    }
    assert_eq!(serde_json::from_str::<Rolle>("\"teamleitung\"").unwrap(), Rolle::Teamleitung);
    assert_eq!(Rolle::Vfk.label(), "Vermittlungsfachkraft");
    assert_eq!(standardzweck(Rolle::Datenschutz), "Auskunft Art. 15");
    assert!("Sachbearbeitung".parse::<Rolle>().is_err());
}
