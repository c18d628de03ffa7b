#![allow(clippy::unwrap_used, clippy::expect_used)]

//! Issue 3, item 4 (and the case routes of §8.4 matching): every case route × role × relation against the expected table. `E` = allowed
//! (any answer but 401/403 and but the "no such case" answer), `V` = forbidden (403), `U` =
//! invisible (exactly the answer for a case that does not exist: a denial reveals nothing), `B` =
//! only with a stated reason (403 `begruendung-noetig`, D1 break-the-glass, issue 17 item 1).

use std::collections::BTreeMap;

use crate::gemeinsam::{konten, spawn_apps};
use hyper::{Method, StatusCode};
use serde_json::{Value, json};
use vierphasen_store::sql;

/// The case actions in the order of the table's letters.
const AKTIONEN: [&str; 7] = ["lesen", "bearbeiten", "exportieren", "auskunft", "protokoll", "zustaendigkeit", "sperre"];

/// (method, path with `{id}` for the case, body, action). Bodies are well-formed, so the answer
/// shows the access decision; where allowed they are refused later or change nothing that
/// matters for the other rows (sub-resources 999999 do not exist).
fn routen(heute: &str) -> Vec<(Method, String, Option<Value>, &'static str)> {
    let d = json!({ "datum": heute });
    let alt = json!({ "datum": "1900-01-01", "grund": "sonstiger_abgang" });
    vec![
        (Method::GET, "/kunden/{id}".into(), None, "lesen"),
        (Method::GET, "/kunden/{id}/vermerke/vorbefuellung?art=sonstiges".into(), None, "lesen"),
        (Method::POST, "/kunden/{id}/profillage-vorschlag".into(), Some(json!({})), "lesen"),
        (Method::POST, "/kunden/{id}/meldungen".into(), Some(d.clone()), "bearbeiten"),
        (Method::POST, "/kunden/{id}/abmeldung".into(), Some(alt.clone()), "bearbeiten"),
        (Method::POST, "/kunden/{id}/profiling".into(), Some(json!({ "zielberuf": "0" })), "bearbeiten"),
        (Method::POST, "/kunden/{id}/ziele".into(), Some(json!({ "zieloption": "gibt-es-nicht" })), "bearbeiten"),
        (
            Method::POST,
            "/kunden/{id}/strategien".into(),
            Some(json!({ "strategie": "gibt-es-nicht", "beginn": heute, "ende": heute })),
            "bearbeiten",
        ),
        (Method::PATCH, "/kunden/{id}/strategien/999999".into(), Some(json!({})), "bearbeiten"),
        (
            Method::POST,
            "/kunden/{id}/strategien/999999/abschluss".into(),
            Some(json!({ "ergebnis": "storniert", "erledigt_am": heute })),
            "bearbeiten",
        ),
        (Method::POST, "/kunden/{id}/ev".into(), Some(json!({ "art": "kooperationsplan" })), "bearbeiten"),
        (Method::PUT, "/kunden/{id}/ev/999999".into(), Some(json!({ "aufgaben": [] })), "bearbeiten"),
        (
            Method::POST,
            "/kunden/{id}/ev/999999/abschluss".into(),
            Some(json!({ "abgeschlossen_am": heute })),
            "bearbeiten",
        ),
        (
            Method::POST,
            "/kunden/{id}/vermerke".into(),
            Some(json!({ "datum": "1900-01-01", "art": "sonstiges", "text": "x" })),
            "bearbeiten",
        ),
        (Method::POST, "/kunden/{id}/vermerke/999999/nachtraege".into(), Some(json!({ "text": "x" })), "bearbeiten"),
        (
            Method::POST,
            "/kunden/{id}/gespraeche".into(),
            Some(json!({ "datum": "2999-01-01", "art": "einzelberatung" })),
            "bearbeiten",
        ),
        (
            Method::POST,
            "/kunden/{id}/einwilligungen".into(),
            Some(json!({ "umfang": "aerztlicher_dienst", "erteilt_am": "2999-01-01" })),
            "bearbeiten",
        ),
        (Method::POST, "/kunden/{id}/einwilligungen/999999/widerruf".into(), Some(d.clone()), "bearbeiten"),
        (Method::PUT, "/kunden/{id}/bg-einwilligung".into(), Some(json!({ "datum": "2999-01-01" })), "bearbeiten"),
        (
            Method::POST,
            "/kunden/{id}/auftraege".into(),
            Some(json!({ "datum": heute, "leistung": "gibt-es-nicht" })),
            "bearbeiten",
        ),
        (
            Method::POST,
            "/kunden/{id}/auftraege/999999/schritt".into(),
            Some(json!({ "schritt": "stornieren", "text": "Test" })),
            "bearbeiten",
        ),
        (
            Method::POST,
            "/kunden/{id}/termine".into(),
            Some(json!({ "datum": "1900-01-01", "text": "x" })),
            "bearbeiten",
        ),
        (Method::GET, "/kunden/{id}/treffer".into(), None, "lesen"),
        (Method::POST, "/kunden/{id}/vorschlaege".into(), Some(json!({ "stelle_id": 999999 })), "bearbeiten"),
        (Method::PUT, "/kunden/{id}/vorschlaege/999999".into(), Some(json!({ "status": "beworben" })), "bearbeiten"),
        (Method::PUT, "/kunden/{id}/vermittlungsangaben".into(), Some(json!({ "arbeitszeit": "vz" })), "bearbeiten"),
        // Issue 13/5 (U1): the change and the handover are changes of the case.
        (
            Method::PUT,
            "/kunden/{id}/rechtskreiswechsel".into(),
            Some(json!({ "rechtskreiswechsel": null })),
            "bearbeiten",
        ),
        (
            Method::POST,
            "/kunden/{id}/uebergabe".into(),
            Some(json!({ "jobcenter_id": 999999, "notiz": "x" })),
            "bearbeiten",
        ),
        (Method::GET, "/kunden/{id}/export".into(), None, "exportieren"),
        (Method::GET, "/kunden/{id}/auskunft".into(), None, "auskunft"),
        (Method::GET, "/kunden/{id}/protokoll".into(), None, "protokoll"),
        (Method::PUT, "/kunden/{id}/zustaendigkeit".into(), Some(json!({ "vfk_id": 999999 })), "zustaendigkeit"),
        (
            Method::PUT,
            "/kunden/{id}/sperre".into(),
            Some(json!({ "gesperrt": false, "freigegeben_fuer": [] })),
            "sperre",
        ),
    ]
}

/// Expected decision per login and case, one letter per action of AKTIONEN.
/// Cases: A = caseload of `vfk` (team A), B = caseload of `vfk.b` (team B, open referral to the
/// Ärztlicher Dienst: the ÄD user `fachdienst` reads it only through the referral, not the file;
/// `bps` not at all, issue 13/1),
/// J = Jobcenter (another Dienststelle), G = restricted (§35 SGB I, in `vfk`'s caseload, nobody named),
/// X = caseload of `vfk.b` (team B) that `vfk` opened stating a reason (break-the-glass).
const ERWARTET: &[(&str, [&str; 5])] = &[
    //                A          B          J          G          X
    ("vfk", ["EEEEVVV", "BVVVVVV", "UUUUUUU", "UUUUUUU", "EVVVVVV"]),
    ("kollegin", ["EVEVVVV", "BVVVVVV", "UUUUUUU", "UUUUUUU", "BVVVVVV"]),
    ("vfk.b", ["BVVVVVV", "EEEEVVV", "UUUUUUU", "UUUUUUU", "EEEEVVV"]),
    ("teamleitung", ["EVEVVEV", "UUUUUUU", "UUUUUUU", "UUUUUUU", "UUUUUUU"]),
    ("fachdienst", ["UUUUUUU", "UUUUUUU", "UUUUUUU", "UUUUUUU", "UUUUUUU"]),
    ("bps", ["UUUUUUU", "UUUUUUU", "UUUUUUU", "UUUUUUU", "UUUUUUU"]),
    ("admin", ["UUUUUUU", "UUUUUUU", "UUUUUUU", "UUUUUUU", "UUUUUUU"]),
    ("datenschutz", ["VVVEEVE", "VVVEEVE", "UUUUUUU", "UUUUUUU", "VVVEEVE"]),
    ("vfk.jobcenter", ["UUUUUUU", "UUUUUUU", "EEEEVVV", "UUUUUUU", "UUUUUUU"]),
];

fn kunde(nachname: &str, rechtskreis: &str) -> Value {
    json!({ "vorname": "Test", "nachname": nachname, "geburtsdatum": "1980-05-05", "rechtskreis": rechtskreis })
}

fn bestaetigt(mut kunde: Value) -> Value {
    kunde["bestaetigt"] = json!(true);
    kunde
}

#[tokio::test]
async fn jede_fallroute_jede_rolle_jede_beziehung() {
    for t in spawn_apps().await {
        konten(&t).await;
        let heute = t.app.heute().to_string();
        let mut cookies = BTreeMap::new();
        for (login, _) in ERWARTET {
            cookies.insert(*login, t.anmelden(login).await);
        }
        let anlegen = |login: &'static str, k: Value| {
            let c = cookies[login].clone();
            let t = &t;
            async move {
                let a = t.anfrage(Method::POST, "/api/v1/kunden", Some(k), Some(&c)).await;
                assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.json);
                a.json["id"].as_i64().unwrap()
            }
        };
        let fall_a = anlegen("vfk", kunde("A", "SGB_III")).await;
        let fall_b = anlegen("vfk.b", kunde("B", "SGB_III")).await;
        let fall_j = anlegen("vfk.jobcenter", kunde("J", "SGB_II")).await;
        let fall_g = anlegen("vfk", kunde("G", "SGB_III")).await;
        let fall_x = anlegen("vfk.b", kunde("X", "SGB_III")).await;
        let grund = json!({ "grund": "vertretung_nicht_eingetragen" });
        let a = t
            .anfrage(
                Method::POST,
                &format!("/api/v1/kunden/{fall_x}/ausnahmezugriff"),
                Some(grund),
                Some(&cookies["vfk"]),
            )
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{:?}", a.json);
        let auftrag_b;
        {
            let mut tx = t.db().begin().await.unwrap();
            sql!(&mut tx, ausfuehren "UPDATE kunde SET gesperrt = TRUE WHERE id = $1", fall_g).unwrap();
            auftrag_b = sql!(&mut tx, wert<i64>
                "INSERT INTO auftrag (kunde_id, datum, leistung, dienst, status, erledigt, erstellt_von, erstellt_um, inhalt)
                 SELECT $1, $2, 'aed_begutachtung', 'aerztlicher_dienst', 'beauftragt', FALSE, vfk_id, $3, $4
                 FROM kunde WHERE id = $1 RETURNING id",
                fall_b, t.app.heute(), chrono::Utc::now(),
                format!(r#"{{"datum":"{}","leistung":"aed_begutachtung"}}"#, t.app.heute()))
            .unwrap();
            tx.commit().await.unwrap();
        }
        let faelle = [fall_a, fall_b, fall_j, fall_g, fall_x];
        let fehlt = faelle.iter().max().unwrap() + 1000;

        let mut abweichungen = Vec::new();
        for (login, zeilen) in ERWARTET {
            let cookie = &cookies[login];
            for (methode, pfad, koerper, aktion) in routen(&heute) {
                let spalte = AKTIONEN.iter().position(|a| *a == aktion).unwrap();
                let nichts = t
                    .anfrage(
                        methode.clone(),
                        &format!("/api/v1{}", pfad.replace("{id}", &fehlt.to_string())),
                        koerper.clone(),
                        Some(cookie),
                    )
                    .await;
                for (fall, erwartet) in faelle.iter().zip(zeilen) {
                    let url = format!("/api/v1{}", pfad.replace("{id}", &fall.to_string()));
                    let a = t.anfrage(methode.clone(), &url, koerper.clone(), Some(cookie)).await;
                    let ist = if a.status == nichts.status && a.json == nichts.json {
                        'U'
                    } else if a.status == StatusCode::FORBIDDEN
                        && a.json["type"].as_str().is_some_and(|t| t.ends_with("begruendung-noetig"))
                    {
                        'B'
                    } else if a.status == StatusCode::FORBIDDEN {
                        'V'
                    } else if a.status == StatusCode::UNAUTHORIZED || a.status.is_server_error() {
                        '!'
                    } else {
                        'E'
                    };
                    let soll = erwartet.as_bytes()[spalte] as char;
                    if ist != soll {
                        abweichungen.push(format!(
                            "{login} {methode} {pfad} Fall {fall}: erwartet {soll}, ist {ist} ({} {})",
                            a.status, a.json
                        ));
                    }
                }
            }
        }
        assert!(
            abweichungen.is_empty(),
            "{}: {} Abweichungen:\n{}",
            t.name,
            abweichungen.len(),
            abweichungen.join("\n")
        );

        // Issue 13/1: the referral opens the case to its own service only, in its inbox and on
        // the referral's page; to another service it answers like a referral that does not exist.
        let pfad = format!("/api/v1/kunden/{fall_b}/auftraege/{auftrag_b}");
        let fehlt_pfad = format!("/api/v1/kunden/{fall_b}/auftraege/{}", auftrag_b + 1000);
        let aed = t.anfrage(Method::GET, &pfad, None, Some(&cookies["fachdienst"])).await;
        assert_eq!(aed.status, StatusCode::OK, "{}: {:?}", t.name, aed.json);
        assert_eq!(aed.json["auftrag"]["status"], "beauftragt");
        let bps = t.anfrage(Method::GET, &pfad, None, Some(&cookies["bps"])).await;
        let nichts = t.anfrage(Method::GET, &fehlt_pfad, None, Some(&cookies["bps"])).await;
        assert_eq!((bps.status, &bps.json), (StatusCode::NOT_FOUND, &nichts.json), "{}", t.name);
        let eingang = |login: &'static str| {
            let c = cookies[login].clone();
            let t = &t;
            async move { t.anfrage(Method::GET, "/api/v1/auftraege", None, Some(&c)).await.json["zeilen"].clone() }
        };
        assert_eq!(eingang("fachdienst").await.as_array().map(Vec::len), Some(1), "{}", t.name);
        assert_eq!(eingang("fachdienst").await[0]["auftrag_id"], auftrag_b);
        assert_eq!(eingang("bps").await.as_array().map(Vec::len), Some(0), "{}", t.name);

        // Issue 13/5 (U1): a handover of case A to the Jobcenter. The sender's side reads it like
        // the case; the receiving Jobcenter reads it and alone takes it over; no other role.
        let mut tx = t.db().begin().await.unwrap();
        let jobcenter = sql!(&mut tx, wert<i64> "SELECT dienststelle_id FROM kunde WHERE id = $1", fall_j).unwrap();
        drop(tx);
        let standard = json!({ "jobcenter_id": jobcenter, "uebernahme_tage": 5, "erstgespraech_tage": 14, "antragsausgabe": "Termin vereinbaren." });
        let a = t.anfrage(Method::PUT, "/api/v1/uebergabestandards", Some(standard), Some(&cookies["admin"])).await;
        assert_eq!(a.status, StatusCode::OK, "{}: {:?}", t.name, a.json);
        let wechsel = json!({ "rechtskreiswechsel": { "datum": heute } });
        let a = t
            .anfrage(
                Method::PUT,
                &format!("/api/v1/kunden/{fall_a}/rechtskreiswechsel"),
                Some(wechsel),
                Some(&cookies["vfk"]),
            )
            .await;
        assert_eq!(a.status, StatusCode::OK, "{}: {:?}", t.name, a.json);
        let paket = json!({ "jobcenter_id": jobcenter, "notiz": "Stand der Integrationsarbeit." });
        let a = t
            .anfrage(Method::POST, &format!("/api/v1/kunden/{fall_a}/uebergabe"), Some(paket), Some(&cookies["vfk"]))
            .await;
        assert_eq!(a.status, StatusCode::CREATED, "{}: {:?}", t.name, a.json);
        let uid = a.json.as_i64().unwrap();
        //                     login            reads  takes over
        let uebergabe: [(&str, StatusCode, StatusCode); 9] = [
            ("vfk", StatusCode::OK, StatusCode::FORBIDDEN),
            ("kollegin", StatusCode::OK, StatusCode::FORBIDDEN),
            ("vfk.b", StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
            ("teamleitung", StatusCode::OK, StatusCode::FORBIDDEN),
            ("fachdienst", StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
            ("bps", StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
            ("admin", StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
            ("datenschutz", StatusCode::FORBIDDEN, StatusCode::FORBIDDEN),
            ("vfk.jobcenter", StatusCode::OK, StatusCode::OK),
        ];
        for (login, lesen, uebernehmen) in uebergabe {
            let c = &cookies[login];
            let a = t.anfrage(Method::GET, &format!("/api/v1/uebergaben/{uid}"), None, Some(c)).await;
            assert_eq!(a.status, lesen, "{}: {login} liest die Übergabe: {}", t.name, a.json);
            let a = t
                .anfrage(Method::POST, &format!("/api/v1/uebergaben/{uid}/uebernahme"), Some(json!({})), Some(c))
                .await;
            assert_eq!(a.status, uebernehmen, "{}: {login} übernimmt: {}", t.name, a.json);
        }
        t.aufraeumen().await;
    }
}

/// Routes without a case: who may do what.
#[tokio::test]
async fn routen_ohne_fall_nach_rolle() {
    for t in spawn_apps().await {
        let k = konten(&t).await;
        // (method, path, body, logins allowed)
        let faelle: Vec<(Method, &str, Option<Value>, &[&str])> = vec![
            // Three VFKs register a "Test Neu" each: three people of the same name and birth date,
            // as confirmed (issue 15/7), so that the second is not refused as the first again.
            (Method::POST, "/kunden", Some(bestaetigt(kunde("Neu", "SGB_III"))), &["vfk", "kollegin", "vfk.b"]),
            (
                Method::GET,
                "/dienststelle/konfiguration",
                None,
                &["vfk", "kollegin", "vfk.b", "teamleitung", "fachdienst", "bps", "admin", "datenschutz"],
            ),
            (Method::PUT, "/dienststelle/konfiguration", Some(json!({})), &["admin"]),
            (Method::GET, "/teams", None, &["teamleitung", "admin"]),
            (Method::GET, "/benutzer", None, &["teamleitung", "admin"]),
            (Method::GET, "/datenschutz/zugriffsbericht", None, &["datenschutz"]),
            (
                Method::POST,
                "/benutzer",
                Some(
                    json!({ "login": "neu.x", "name": "Neu", "rolle": "vfk", "team_id": k.team_a, "passwort": "Ein-langes-Passwort-42" }),
                ),
                &["admin"],
            ),
        ];
        for login in ["vfk", "kollegin", "vfk.b", "teamleitung", "fachdienst", "bps", "admin", "datenschutz"] {
            let cookie = t.anmelden(login).await;
            for (methode, pfad, koerper, erlaubt) in &faelle {
                let a = t.anfrage(methode.clone(), &format!("/api/v1{pfad}"), koerper.clone(), Some(&cookie)).await;
                let darf = erlaubt.contains(&login);
                if darf {
                    assert!(
                        a.status.is_success() || a.status == StatusCode::CONFLICT,
                        "{}: {login} {methode} {pfad}: {} {}",
                        t.name,
                        a.status,
                        a.json
                    );
                } else {
                    assert_eq!(a.status, StatusCode::FORBIDDEN, "{}: {login} {methode} {pfad}: {}", t.name, a.json);
                }
            }
        }
        t.aufraeumen().await;
    }
}
