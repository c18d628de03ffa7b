#![allow(clippy::unwrap_used, clippy::expect_used)]
//! Operations around the cycle: conversations and K1, consents and referrals, the Wiedervorlagen
//! worker, export and Art. 15 Auskunft, responsibility and restriction.

use crate::gemeinsam::{am_montag, neuer_kunde, umgebung};
use chrono::{Duration, NaiveDate};
use serde_json::json;
use vierphasen_app::fall::{
    AuftragEingabe, AuftragsschrittEingabe, EinwilligungEingabe, GespraechEingabe, Sperre, Zustaendigkeit,
};
use vierphasen_app::termine::{TerminEingabe, TerminFilter};
use vierphasen_app::{App, AppFehler};
use vierphasen_domain::fallakte::Auftragsstatus;
use vierphasen_domain::fallakte::Dienststelle;
use vierphasen_domain::kalender::kein_arbeitstag;
use vierphasen_store::sql;
use vierphasen_store::testdb::datenbanken;

fn regeln(f: &AppFehler) -> Vec<&'static str> {
    match f {
        AppFehler::Regelverstoss(b) | AppFehler::BestaetigungNoetig(b) => b.iter().map(|b| b.regel.id()).collect(),
        _ => Vec::new(),
    }
}

fn gespraech(wert: serde_json::Value) -> GespraechEingabe {
    serde_json::from_value(wert).unwrap()
}

/// A Folgegespräch with the F1 preparation and all four F2 steps, without a next appointment.
fn folgegespraech(datum: NaiveDate) -> serde_json::Value {
    json!({
        "datum": datum,
        "art": "folgegespraech",
        "folgegespraech": {
            "vorbereitung": { "profil_gesichtet": true, "ev_gesichtet": true },
            "schritt1": { "aufgaben": [], "erfolge_misserfolge": "Bewerbungen geschrieben" },
            "schritt2": { "profiling_geprueft": true, "ziel_besprochen": true, "strategien_geprueft": true },
            "schritt3": { "bewerbungsaktivitaeten": "Fünf Bewerbungen, ein Vorstellungsgespräch" },
            "schritt4": { "vereinbarungen": [
                { "text": "Drei Bewerbungen pro Woche", "verantwortlich": "kunde", "frist": datum + Duration::days(7) }
            ] }
        }
    })
}

async fn termine_der_art(app: &App, kunde_id: i64, art: &str) -> Vec<(Option<i64>, NaiveDate, Option<String>, String)> {
    let mut tx = app.db.begin().await.unwrap();
    sql!(&mut tx, zeilen<(Option<i64>, NaiveDate, Option<String>, String)>
        "SELECT benutzer_id, faellig_am, regel, text FROM termin WHERE kunde_id = $1 AND art = $2 ORDER BY id",
        kunde_id, art)
    .unwrap()
}

async fn profiling_einfuegen(app: &App, kunde_id: i64, erstellt_von: i64, inhalt: serde_json::Value) {
    let mut tx = app.db.begin().await.unwrap();
    let datum: NaiveDate = serde_json::from_value(inhalt["gespeichert_am"].clone()).unwrap();
    sql!(&mut tx, ausfuehren
        "INSERT INTO profiling (kunde_id, gespeichert_am, erstellt_von, erstellt_um, inhalt) VALUES ($1, $2, $3, $4, $5)",
        kunde_id, datum, erstellt_von, app.jetzt(), inhalt.to_string())
    .unwrap();
    tx.commit().await.unwrap();
}

async fn verlauf_aktionen(app: &App, kunde_id: i64) -> Vec<(String, String)> {
    let mut tx = app.db.begin().await.unwrap();
    sql!(&mut tx, zeilen<(String, String)> "SELECT entitaet, aktion FROM verlauf WHERE kunde_id = $1 ORDER BY id", kunde_id)
        .unwrap()
}

#[tokio::test]
async fn folgegespraech_mit_vier_schritten_bekommt_den_naechsten_termin_nach_kontaktdichtekonzept() {
    for t in datenbanken().await {
        let app = am_montag(App::starten(t.db.clone()).await.unwrap());
        let u = umgebung(&app).await;
        // K1: the Dienststelle's own concept (10 days for N instead of the default 14).
        let konfiguration: Dienststelle = serde_json::from_value(json!({ "kontaktdichte_tage": { "N": 10 } })).unwrap();
        app.konfiguration_setzen(&u.admin, konfiguration).await.unwrap();
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Folge")).await.unwrap();
        let heute = app.heute();

        let erg = app.gespraech_erfassen(&u.vfk, id, gespraech(folgegespraech(heute))).await.unwrap();
        assert_eq!(erg.naechster_termin, heute + Duration::days(10), "{}: K1 aus der Dienststelle", t.name);
        let fall = app.fall_lesen(&u.vfk, id, None).await.unwrap();
        assert_eq!(fall.fallakte.gespraeche.len(), 1);
        assert_eq!(fall.fallakte.gespraeche[0].naechster_termin, Some(heute + Duration::days(10)));
        assert_eq!(fall.ids.gespraeche, vec![erg.id]);
        let termine = termine_der_art(&app, id.0, "termin").await;
        assert_eq!(
            termine,
            vec![(Some(u.vfk.benutzer_id), heute + Duration::days(10), Some("K1".into()), "Folgegespräch".into())],
            "{}",
            t.name
        );
        let liste = app.termine_liste(&u.vfk, &TerminFilter::default()).await.unwrap();
        assert_eq!(liste.len(), 1);
        assert_eq!(liste[0].nachname, "Folge");
        assert!(verlauf_aktionen(&app, id.0).await.contains(&("gespraech".into(), "erfasst".into())));

        // An agreed appointment within the concept is stored as agreed.
        let mut eingabe = folgegespraech(heute);
        eingabe["naechster_termin"] = json!(heute + Duration::days(4));
        let erg = app.gespraech_erfassen(&u.vfk, id, gespraech(eingabe)).await.unwrap();
        assert_eq!(erg.naechster_termin, heute + Duration::days(4));
        // Not on a Saturday (issue 15/6).
        let mut eingabe = folgegespraech(heute);
        eingabe["naechster_termin"] = json!(heute + Duration::days(5));
        match app.gespraech_erfassen(&u.vfk, id, gespraech(eingabe)).await.unwrap_err() {
            AppFehler::Ungueltig { feld, meldung } => {
                assert_eq!(feld, "naechster_termin");
                assert!(meldung.contains("12.12.2026 ist ein Samstag"), "{meldung}");
            }
            f => panic!("{f:?}"),
        }
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn zu_lange_texte_im_folgegespraech_werden_alle_zugleich_abgelehnt() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Lang")).await.unwrap();
        // Through the API as through the form (issue 15/7): every text has its limit, and every
        // refusal comes at once, named by the field of the form.
        let mut eingabe = folgegespraech(app.heute());
        eingabe["folgegespraech"]["schritt3"]["bewerbungsaktivitaeten"] = json!("x".repeat(2001));
        eingabe["folgegespraech"]["schritt4"]["vereinbarungen"][0]["text"] = json!("y".repeat(501));
        match app.gespraech_erfassen(&u.vfk, id, gespraech(eingabe)).await.unwrap_err() {
            AppFehler::UngueltigeFelder(felder) => {
                let namen: Vec<&str> = felder.iter().map(|(f, _)| f.as_str()).collect();
                assert_eq!(
                    namen,
                    [
                        "folgegespraech.schritt3.bewerbungsaktivitaeten",
                        "folgegespraech.schritt4.vereinbarungen[0].text"
                    ],
                    "{}",
                    t.name
                );
                assert!(felder[0].1.contains("2000"), "{:?}", felder[0]);
            }
            f => panic!("{}: {f:?}", t.name),
        }
        assert!(app.fall_lesen(&u.vfk, id, None).await.unwrap().fallakte.gespraeche.is_empty());
        // Trimmed texts are kept trimmed.
        let mut eingabe = folgegespraech(app.heute());
        eingabe["folgegespraech"]["schritt3"]["bewerbungsaktivitaeten"] = json!("  Zwei Bewerbungen  ");
        app.gespraech_erfassen(&u.vfk, id, gespraech(eingabe)).await.unwrap();
        let fall = app.fall_lesen(&u.vfk, id, None).await.unwrap();
        let s3 = fall.fallakte.gespraeche[0].folgegespraech.as_ref().unwrap().schritt3.as_ref().unwrap();
        assert_eq!(s3.bewerbungsaktivitaeten.as_deref(), Some("Zwei Bewerbungen"));
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn unvollstaendiges_folgegespraech_wird_mit_f2_abgelehnt() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Lücke")).await.unwrap();
        let heute = app.heute();
        let mut eingabe = folgegespraech(heute);
        eingabe["folgegespraech"].as_object_mut().unwrap().remove("schritt3");
        let fehler = app.gespraech_erfassen(&u.vfk, id, gespraech(eingabe)).await.unwrap_err();
        assert_eq!(regeln(&fehler), vec!["F2"], "{}: {fehler}", t.name);
        assert!(fehler.to_string().contains("Schritt 3"), "{fehler}");
        // Without the four steps at all, too.
        let fehler = app
            .gespraech_erfassen(&u.vfk, id, gespraech(json!({ "datum": heute, "art": "folgegespraech" })))
            .await
            .unwrap_err();
        assert!(regeln(&fehler).contains(&"F2"), "{fehler}");
        // Nothing was stored.
        assert!(app.fall_lesen(&u.vfk, id, None).await.unwrap().fallakte.gespraeche.is_empty());
        assert!(termine_der_art(&app, id.0, "termin").await.is_empty());
        // Z7 is a warning: the goal not discussed needs a confirmation.
        let mut eingabe = folgegespraech(heute);
        eingabe["folgegespraech"]["schritt2"]["ziel_besprochen"] = json!(false);
        let fehler = app.gespraech_erfassen(&u.vfk, id, gespraech(eingabe.clone())).await.unwrap_err();
        assert!(matches!(fehler, AppFehler::BestaetigungNoetig(_)) && regeln(&fehler) == vec!["Z7"], "{fehler:?}");
        eingabe["bestaetigt"] = json!(true);
        let erg = app.gespraech_erfassen(&u.vfk, id, gespraech(eingabe)).await.unwrap();
        assert!(erg.befunde.iter().any(|b| b.regel == "Z7"));
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn gespraech_mit_bedarfsgemeinschaft_braucht_alle_einwilligungen() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let mut k = neuer_kunde("Haushalt");
        k.rechtskreis = vierphasen_domain::Rechtskreis::SgbII;
        k.bedarfsgemeinschaft = Some("BG-7".into());
        let a = app.kunde_anlegen(&u.vfk_jobcenter, k.clone()).await.unwrap();
        k.vorname = "Max".into();
        let b = app.kunde_anlegen(&u.vfk_jobcenter, k).await.unwrap();
        let heute = app.heute();
        let eingabe = json!({ "datum": heute, "art": "einzelberatung", "mit_bedarfsgemeinschaft": true });
        let fehler = app.gespraech_erfassen(&u.vfk_jobcenter, a, gespraech(eingabe.clone())).await.unwrap_err();
        assert_eq!(regeln(&fehler), vec!["P10"], "{}: {fehler}", t.name);
        app.bg_einwilligung_setzen(&u.vfk_jobcenter, b, Some(heute)).await.unwrap();
        app.gespraech_erfassen(&u.vfk_jobcenter, a, gespraech(eingabe)).await.unwrap();
        // Not in a Bedarfsgemeinschaft: nothing to consent to.
        let ohne = app.kunde_anlegen(&u.vfk, neuer_kunde("Allein")).await.unwrap();
        let fehler = app.bg_einwilligung_setzen(&u.vfk, ohne, Some(heute)).await.unwrap_err();
        assert!(fehler.to_string().contains("P10"), "{fehler}");
        t.aufraeumen().await;
    }
}

/// U2 through the use case: leadership experience that is not current refuses the referral to
/// the Managementvermittlung on its own; an unknown Region is bad input naming the field; the
/// Branche given by its label is stored by id, the Zielposition trimmed.
#[tokio::test]
async fn zav_auftrag_mit_den_neuen_angaben() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Zav")).await.unwrap();
        let heute = app.heute();
        let zav = |aktuell: bool, region: &str| -> AuftragEingabe {
            serde_json::from_value(json!({ "datum": heute, "leistung": "zav_managementvermittlung", "zav": {
                "zielposition": " Geschäftsführung ", "fuehrungserfahrung_jahre": 5, "fuehrungserfahrung_aktuell": aktuell,
                "personalverantwortung": true, "budgetverantwortung": true, "bundesweit_mobil": true,
                "jahresgehalt_euro": 80000, "akademischer_abschluss": true,
                "branche": "Energieversorgung", "region": region
            } }))
            .unwrap()
        };
        let fehler = app.auftrag_erteilen(&u.vfk, id, zav(false, "bayern")).await.unwrap_err();
        assert_eq!(regeln(&fehler), vec!["U2"], "{}: {fehler}", t.name);
        assert!(format!("{fehler:?}").contains("muss aktuell sein"), "{}: {fehler:?}", t.name);
        match app.auftrag_erteilen(&u.vfk, id, zav(true, "Ruhrgebiet")).await.unwrap_err() {
            AppFehler::Ungueltig { feld, meldung } => {
                assert_eq!(feld, "auftraege[0].zav.region", "{}", t.name);
                assert!(meldung.contains("unbekannte Region „Ruhrgebiet“"), "{}: {meldung}", t.name);
            }
            f => panic!("{}: {f:?}", t.name),
        }
        app.auftrag_erteilen(&u.vfk, id, zav(true, "Bayern")).await.unwrap();
        let fall = app.fall_lesen(&u.vfk, id, None).await.unwrap();
        let z = fall.fallakte.auftraege[0].zav.clone().unwrap();
        assert_eq!(
            (z.zielposition.as_deref(), z.branche.as_deref(), z.region.as_deref(), z.fuehrungserfahrung_aktuell),
            (Some("Geschäftsführung"), Some("energieversorgung"), Some("bayern"), true),
            "{}",
            t.name
        );
        t.aufraeumen().await;
    }
}

fn schritt(schritt: &str, mehr: serde_json::Value) -> AuftragsschrittEingabe {
    let mut e = json!({ "schritt": schritt });
    e.as_object_mut().unwrap().extend(mehr.as_object().unwrap().clone());
    serde_json::from_value(e).unwrap()
}

/// Issue 13/1 with U4/U6: a referral needs consent, opens the case to its own service only and
/// only through the referral; it moves through its states, a step out of order names the state,
/// a revoked consent stops it, the result reaches the VFK as a Wiedervorlage.
#[tokio::test]
async fn auftrag_lebenszyklus_mit_einwilligung_posteingang_und_ergebnis() {
    for t in datenbanken().await {
        let app = am_montag(App::starten(t.db.clone()).await.unwrap());
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Auftrag")).await.unwrap();
        let heute = app.heute();
        let auftrag = |leistung: &str| -> AuftragEingabe {
            serde_json::from_value(
                json!({ "datum": heute, "leistung": leistung, "fragestellung": "eignungsfeststellung",
                "anliegen": "Eignung für die Umschulung?", "freigabe": ["werdegang"] }),
            )
            .unwrap()
        };
        let fehler = app.auftrag_erteilen(&u.vfk, id, auftrag("bps_deutsch_test")).await.unwrap_err();
        assert_eq!(regeln(&fehler), vec!["U6"], "{}: {fehler}", t.name);
        let fehler = app.auftrag_erteilen(&u.vfk, id, auftrag("zav_managementvermittlung")).await.unwrap_err();
        assert_eq!(regeln(&fehler), vec!["U2"], "{fehler}");
        // U4: the doctor chooses the format of a Begutachtung, the VFK asks for the Begutachtung.
        match app.auftrag_erteilen(&u.vfk, id, auftrag("aed_gutachten_aktenlage")).await.unwrap_err() {
            AppFehler::Ungueltig { feld, meldung } => {
                assert_eq!(feld, "leistung");
                assert!(meldung.contains("wählt der Ärztlicher Dienst selbst (U4)"), "{meldung}");
            }
            f => panic!("{f:?}"),
        }
        // U8: a BiZ order is a task of the customer in the EV, not a referral.
        match app.auftrag_erteilen(&u.vfk, id, auftrag("biz_stellensuche")).await.unwrap_err() {
            AppFehler::Ungueltig { feld, meldung } => {
                assert_eq!(feld, "leistung");
                assert!(meldung.contains("als Aufgabe mit Frist in der Eingliederungsvereinbarung"), "{meldung}");
            }
            f => panic!("{f:?}"),
        }

        let einwilligung: EinwilligungEingabe =
            serde_json::from_value(json!({ "umfang": "berufspsychologischer_service", "erteilt_am": heute })).unwrap();
        let ew = app.einwilligung_erteilen(&u.vfk, id, einwilligung).await.unwrap();
        let a = app.auftrag_erteilen(&u.vfk, id, auftrag("bps_deutsch_test")).await.unwrap();
        // Need-to-know: the BPS reads the referral with the part it opens, never the whole file;
        // the ÄD does not see it at all.
        let eingang = app.posteingang(&u.fachdienst).await.unwrap();
        assert_eq!(eingang.zeilen.iter().map(|z| z.auftrag_id).collect::<Vec<_>>(), vec![a.id], "{}", t.name);
        assert!(app.posteingang(&u.aed).await.unwrap().zeilen.is_empty());
        let akte = app.auftrag_lesen(&u.fachdienst, id, a.id).await.unwrap();
        assert_eq!(
            akte.auszuege.iter().map(|x| x.titel.as_str()).collect::<Vec<_>>(),
            vec!["Werdegang und Qualifikationen"]
        );
        assert!(matches!(app.fall_lesen(&u.fachdienst, id, None).await.unwrap_err(), AppFehler::NichtGefunden(_)));
        assert!(matches!(app.auftrag_lesen(&u.aed, id, a.id).await.unwrap_err(), AppFehler::NichtGefunden(_)));
        let fehler = app.auftrag_schritt(&u.aed, id, a.id, schritt("annehmen", json!({}))).await.unwrap_err();
        assert!(matches!(fehler, AppFehler::NichtGefunden(_)), "{fehler:?}");

        // Steps in order; out of order they name the state.
        app.auftrag_schritt(&u.fachdienst, id, a.id, schritt("annehmen", json!({}))).await.unwrap();
        match app.auftrag_schritt(&u.fachdienst, id, a.id, schritt("annehmen", json!({}))).await.unwrap_err() {
            AppFehler::Konflikt(m) => assert_eq!(m, "„Annehmen“ ist nicht möglich: Der Auftrag ist angenommen."),
            f => panic!("{f:?}"),
        }
        let fehler = app.auftrag_schritt(&u.fachdienst, id, a.id, schritt("zur_kenntnis_nehmen", json!({}))).await;
        assert!(matches!(fehler.unwrap_err(), AppFehler::NichtGefunden(_)), "a service takes no step of the VFK");

        // U6: the revocation stops the referral at once; the service no longer sees it.
        app.einwilligung_widerrufen(&u.vfk, id, ew.id, serde_json::from_value(json!({ "datum": heute })).unwrap())
            .await
            .unwrap();
        let fall = app.fall_lesen(&u.vfk, id, None).await.unwrap();
        assert_eq!(fall.fallakte.auftraege[0].status, Auftragsstatus::Gestoppt, "{}", t.name);
        assert!(matches!(app.auftrag_lesen(&u.fachdienst, id, a.id).await.unwrap_err(), AppFehler::NichtGefunden(_)));
        assert!(app.posteingang(&u.fachdienst).await.unwrap().zeilen.is_empty());

        // A new consent, a new referral: answered with its GER level, taken note of by the VFK.
        let einwilligung: EinwilligungEingabe =
            serde_json::from_value(json!({ "umfang": "berufspsychologischer_service", "erteilt_am": heute })).unwrap();
        app.einwilligung_erteilen(&u.vfk, id, einwilligung).await.unwrap();
        let b = app.auftrag_erteilen(&u.vfk, id, auftrag("bps_deutsch_test")).await.unwrap();
        app.auftrag_schritt(&u.fachdienst, id, b.id, schritt("annehmen", json!({}))).await.unwrap();
        let ohne_text = app
            .auftrag_schritt(
                &u.fachdienst,
                id,
                b.id,
                schritt("ergebnis_mitteilen", json!({ "ergebnis": { "text": " ", "ger_niveau": "D1" } })),
            )
            .await
            .unwrap_err();
        match ohne_text {
            AppFehler::UngueltigeFelder(f) => {
                let felder: Vec<&str> = f.iter().map(|(f, _)| f.as_str()).collect();
                assert_eq!(felder, vec!["ergebnis.text", "ergebnis.ger_niveau"]);
            }
            f => panic!("{f:?}"),
        }
        let ergebnis = json!({ "ergebnis": { "text": "Deutsch sicher im Alltag.", "ger_niveau": "b2", "merkmal": "Sprachkenntnisse" } });
        app.auftrag_schritt(&u.fachdienst, id, b.id, schritt("ergebnis_mitteilen", ergebnis)).await.unwrap();
        let fall = app.fall_lesen(&u.vfk, id, None).await.unwrap();
        let e = fall.fallakte.auftraege[1].ergebnis.clone().unwrap();
        assert_eq!((e.ger_niveau.as_deref(), e.merkmal.as_deref()), (Some("B2"), Some("sprachkenntnisse")));
        assert_eq!(fall.fallakte.auftraege[1].bearbeitet_von.as_deref(), Some("fd"));
        app.jobs_abarbeiten(100).await.unwrap();
        let offen = |app: &App| {
            let db = app.db.clone();
            async move {
                let mut tx = db.begin().await.unwrap();
                sql!(&mut tx, zeilen<(String, String)>
                    "SELECT regel, text FROM termin WHERE kunde_id = $1 AND art = 'wiedervorlage' AND erledigt_um IS NULL AND regel = 'U5'",
                    id.0)
                .unwrap()
            }
        };
        let wv = offen(&app).await;
        assert_eq!(wv.len(), 1, "{}: {wv:?}", t.name);
        assert!(wv[0].1.starts_with("Ergebnis „Deutsch-Test“ (Berufspsychologischer Service) liegt vor"), "{wv:?}");
        app.auftrag_schritt(&u.vfk, id, b.id, schritt("zur_kenntnis_nehmen", json!({}))).await.unwrap();
        app.jobs_abarbeiten(100).await.unwrap();
        assert!(offen(&app).await.is_empty(), "{}: the Wiedervorlage closes with the step", t.name);

        let aktionen = verlauf_aktionen(&app, id.0).await;
        for erwartet in [
            ("auftrag", "erteilt"),
            ("auftrag", "angenommen"),
            ("einwilligung", "widerrufen"),
            ("auftrag", "gestoppt: Einwilligung widerrufen (U6)"),
            ("auftrag", "beantwortet (Ergebnis mitgeteilt)"),
            ("auftrag", "mit Ergebnis zur Kenntnis genommen"),
        ] {
            assert!(
                aktionen.contains(&(erwartet.0.into(), erwartet.1.into())),
                "{}: {erwartet:?} fehlt im Verlauf",
                t.name
            );
        }
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn arbeiter_legt_wiedervorlagen_aus_den_fristen_einmal_an() {
    for t in datenbanken().await {
        let app = am_montag(App::starten(t.db.clone()).await.unwrap());
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Frist")).await.unwrap();
        let heute = app.heute();
        profiling_einfuegen(
            &app,
            id.0,
            u.vfk.benutzer_id,
            json!({
                "gespeichert_am": heute,
                "merkmale": [{ "merkmal": "wohnsituation", "status": "zu_klaeren", "kommentar": "Unterlagen fehlen" }]
            }),
        )
        .await;
        let erstgespraech = json!({ "datum": heute, "art": "erstgespraech" });
        app.gespraech_erfassen(&u.vfk, id, gespraech(erstgespraech)).await.unwrap();

        let erledigt = app.jobs_abarbeiten(100).await.unwrap();
        assert!(erledigt >= 1, "{}", t.name);
        let wiedervorlagen = termine_der_art(&app, id.0, "wiedervorlage").await;
        let regeln: Vec<&str> = wiedervorlagen.iter().filter_map(|w| w.2.as_deref()).collect();
        for r in ["P8", "P4"] {
            assert!(regeln.contains(&r), "{}: Wiedervorlage {r} fehlt: {wiedervorlagen:?}", t.name);
        }
        // The next Folgegespräch (K1) is in the calendar as the appointment the Erstgespräch
        // made: one row, no reminder beside it.
        assert!(!regeln.contains(&"K1"), "{}: {wiedervorlagen:?}", t.name);
        assert_eq!(termine_der_art(&app, id.0, "termin").await.len(), 1);
        // Reminders fall on working days.
        assert!(wiedervorlagen.iter().all(|w| kein_arbeitstag(w.1, None).is_none()), "{wiedervorlagen:?}");
        assert!(wiedervorlagen.iter().all(|w| w.0 == Some(u.vfk.benutzer_id)), "für die zuständige VFK");
        let p4 = wiedervorlagen.iter().find(|w| w.2.as_deref() == Some("P4")).unwrap();
        assert!(p4.3.contains("Wohnsituation"), "{p4:?}");
        let mut tx = app.db.begin().await.unwrap();
        let offen = sql!(&mut tx, wert<i64> "SELECT COUNT(*) FROM job").unwrap();
        drop(tx);
        assert_eq!(offen, 0, "erledigte Jobs sind gelöscht");

        // Another change enqueues the job again; running it twice creates nothing twice.
        let termin: TerminEingabe =
            serde_json::from_value(json!({ "datum": heute, "text": "Unterlagen abholen" })).unwrap();
        app.termin_anlegen(&u.vfk, id, termin).await.unwrap();
        assert_eq!(app.jobs_abarbeiten(100).await.unwrap(), 1);
        assert_eq!(app.jobs_abarbeiten(100).await.unwrap(), 0, "nichts mehr fällig");
        assert_eq!(termine_der_art(&app, id.0, "wiedervorlage").await, wiedervorlagen, "{}: keine Duplikate", t.name);

        // They show in the VFK's list, not in a colleague's.
        let liste = app.termine_liste(&u.vfk, &TerminFilter::default()).await.unwrap();
        assert_eq!(liste.len(), wiedervorlagen.len() + 2, "Wiedervorlagen, Folgegespräch (K1) und der eigene Termin");
        assert!(app.termine_liste(&u.kollegin, &TerminFilter::default()).await.unwrap().is_empty());
        let bis_heute = TerminFilter { bis: Some(heute), erledigte: false };
        let faellig = app.termine_liste(&u.vfk, &bis_heute).await.unwrap();
        assert!(faellig.iter().all(|z| z.faellig_am <= heute));
        let eigener = faellig.iter().find(|z| z.text == "Unterlagen abholen").unwrap();
        assert!(matches!(app.termin_erledigen(&u.kollegin, eigener.id).await.unwrap_err(), AppFehler::Verboten(_)));
        app.termin_erledigen(&u.vfk, eigener.id).await.unwrap();
        let danach = app.termine_liste(&u.vfk, &bis_heute).await.unwrap();
        assert!(danach.iter().all(|z| z.id != eigener.id));
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn fehlschlagender_job_wird_zurueckgestellt() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let mut tx = app.db.begin().await.unwrap();
        sql!(&mut tx, ausfuehren
            "INSERT INTO job (art, faellig_um, versuche, erstellt_um) VALUES ('gibt_es_nicht', $1, 0, $1)", app.jetzt())
        .unwrap();
        tx.commit().await.unwrap();
        assert_eq!(app.jobs_abarbeiten(10).await.unwrap(), 0);
        let mut tx = app.db.begin().await.unwrap();
        let (versuche, fehler, faellig) =
            sql!(&mut tx, zeile<(i64, Option<String>, chrono::DateTime<chrono::Utc>)> "SELECT versuche, letzter_fehler, faellig_um FROM job")
                .unwrap()
                .unwrap();
        drop(tx);
        assert_eq!(versuche, 1, "{}", t.name);
        assert!(fehler.unwrap().contains("Jobart"));
        assert!(faellig > app.jetzt() + Duration::seconds(90), "zwei Minuten Wartezeit nach dem ersten Fehlschlag");
        assert_eq!(app.jobs_abarbeiten(10).await.unwrap(), 0, "vor Ablauf der Wartezeit nicht erneut");
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn export_ist_eine_pruefbare_fallakte_und_steht_im_protokoll() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Export")).await.unwrap();
        let heute = app.heute();
        app.gespraech_erfassen(&u.vfk, id, gespraech(json!({ "datum": heute, "art": "erstgespraech" }))).await.unwrap();
        app.gespraech_erfassen(&u.vfk, id, gespraech(folgegespraech(heute))).await.unwrap();

        let akte = app.fall_exportieren(&u.vfk, id).await.unwrap();
        assert_eq!(akte.gespraeche.len(), 2);
        // As a file, the export is what `vierphasen pruefen` reads.
        let text = serde_json::to_vec(&akte).unwrap();
        let gf = vierphasen_domain::einlesen(&text, app.katalog).expect("Export ist eine gültige Fallakte");
        let pruefung = vierphasen_domain::pruefen(&gf, heute);
        assert!(!pruefung.hat_fehler(), "{}: {:?}", t.name, pruefung.befunde);
        vierphasen_domain::fallakte::pruefen_und_aufloesen(akte, app.katalog).unwrap();

        let protokoll = app.protokoll_lesen(&u.datenschutz, id).await.unwrap();
        assert!(
            protokoll.iter().any(|z| z.zweck == "Export Fallakte" && z.benutzer_id == u.vfk.benutzer_id),
            "{}: {protokoll:?}",
            t.name
        );
        assert!(matches!(app.protokoll_lesen(&u.vfk, id).await.unwrap_err(), AppFehler::Verboten(_)));
        assert!(vierphasen_store::protokoll::pruefen(&app.db).await.unwrap().intakt());
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn auskunft_art15_nennt_fruehere_zugriffe_mit_zweck() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Auskunft")).await.unwrap();
        app.fall_lesen(&u.vfk, id, Some("Beratung")).await.unwrap();
        app.fall_lesen(&u.kollegin, id, Some("Vertretung im Urlaub")).await.unwrap();
        app.fall_lesen(&u.kollegin, id, Some("Beratung")).await.unwrap();

        // Issue 15/9: the reads of a day per purpose with their number, and who signs.
        let auskunft = app.auskunft_art15(&u.datenschutz, id).await.unwrap();
        let tage: Vec<(&str, u32)> = auskunft.zugriffe.iter().map(|z| (z.zweck.as_str(), z.anzahl)).collect();
        assert_eq!(tage, vec![("Beratung", 2), ("Vertretung im Urlaub", 1)], "{}", t.name);
        assert_eq!(auskunft.zugriffe[0].tag, app.heute());
        assert!(auskunft.unterzeichnet_von.is_some(), "{}", t.name);
        assert_eq!(auskunft.stammdaten.nachname, "Auskunft");
        assert!(auskunft.verlauf.iter().any(|v| v.entitaet == "kunde" && v.aktion == "angelegt"));
        // Dates and purposes, not who read.
        let text = serde_json::to_value(&auskunft).unwrap();
        for z in text["zugriffe"].as_array().unwrap() {
            let mut felder: Vec<&str> = z.as_object().unwrap().keys().map(String::as_str).collect();
            felder.sort_unstable();
            assert_eq!(felder, vec!["anzahl", "tag", "zweck"]);
        }
        // The Auskunft itself is logged.
        let protokoll = app.protokoll_lesen(&u.datenschutz, id).await.unwrap();
        assert_eq!(protokoll.last().unwrap().zweck, "Auskunft Art. 15");
        // The responsible VFK may prepare it (the Datenschutz signs by hand), a colleague may not.
        assert_eq!(app.auskunft_art15(&u.vfk, id).await.unwrap().unterzeichnet_von, None);
        assert!(matches!(app.auskunft_art15(&u.kollegin, id).await.unwrap_err(), AppFehler::Verboten(_)));
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn admin_sieht_keinen_fall_aber_konfiguriert_die_dienststelle() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Geheim")).await.unwrap();
        assert!(
            matches!(app.fall_lesen(&u.admin, id, None).await.unwrap_err(), AppFehler::NichtGefunden(_)),
            "{}",
            t.name
        );
        assert!(matches!(app.fall_exportieren(&u.admin, id).await.unwrap_err(), AppFehler::NichtGefunden(_)));
        assert!(matches!(app.auskunft_art15(&u.admin, id).await.unwrap_err(), AppFehler::NichtGefunden(_)));

        let konfiguration = |wert: serde_json::Value| -> Dienststelle { serde_json::from_value(wert).unwrap() };
        let gut = konfiguration(json!({
            "lokale_strategien": [{ "id": "jobclub", "bezeichnung": "Jobclub Musterstadt", "merkmal": "Örtliche Mobilität" }],
            "kontaktdichte_tage": { "Marktprofil": 60 }
        }));
        assert!(matches!(app.konfiguration_setzen(&u.vfk, gut.clone()).await.unwrap_err(), AppFehler::Verboten(_)));
        let gespeichert = app.konfiguration_setzen(&u.admin, gut).await.unwrap();
        assert_eq!(gespeichert.lokale_strategien[0].merkmal.as_deref(), Some("oertliche_mobilitaet"));
        assert_eq!(gespeichert.kontaktdichte_tage.get("marktprofil"), Some(&60));
        assert_eq!(app.konfiguration_lesen(&u.vfk).await.unwrap(), gespeichert);
        // The case file carries the configuration of its Dienststelle.
        assert_eq!(app.fall_exportieren(&u.vfk, id).await.unwrap().dienststelle, gespeichert);

        for (falsch, feld) in [
            (json!({ "lokale_strategien": [{ "id": "vermittlung", "bezeichnung": "x" }] }), "lokale_strategien[0].id"),
            (
                json!({ "lokale_strategien": [{ "id": "a", "bezeichnung": "x" }, { "id": "a", "bezeichnung": "y" }] }),
                "lokale_strategien[1].id",
            ),
            (
                json!({ "lokale_strategien": [{ "id": "b", "bezeichnung": "x", "merkmal": "Glück" }] }),
                "lokale_strategien[0].merkmal",
            ),
            (json!({ "kontaktdichte_tage": { "Superprofil": 30 } }), "kontaktdichte_tage.Superprofil"),
            (json!({ "kontaktdichte_tage": { "N": 0 } }), "kontaktdichte_tage.N"),
        ] {
            match app.konfiguration_setzen(&u.admin, konfiguration(falsch)).await.unwrap_err() {
                AppFehler::Ungueltig { feld: f, .. } => assert_eq!(f, feld),
                f => panic!("{f:?}"),
            }
        }
        let teams = app.teams_liste(&u.admin).await.unwrap();
        assert_eq!(teams.len(), 2);
        let benutzer = app.benutzer_liste(&u.teamleitung).await.unwrap();
        assert!(benutzer.iter().any(|b| b.id == u.vfk.benutzer_id));
        assert!(!serde_json::to_string(&benutzer).unwrap().contains("passwort"));
        assert!(matches!(app.benutzer_liste(&u.vfk).await.unwrap_err(), AppFehler::Verboten(_)));
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn teamleitung_weist_den_fall_neu_zu() {
    for t in datenbanken().await {
        let app = am_montag(App::starten(t.db.clone()).await.unwrap());
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Wechsel")).await.unwrap();
        let heute = app.heute();
        let termin =
            || -> TerminEingabe { serde_json::from_value(json!({ "datum": heute, "text": "Rückruf" })).unwrap() };
        app.termin_anlegen(&u.vfk, id, termin()).await.unwrap();
        let zu_kollegin = Zustaendigkeit { vfk_id: u.kollegin.benutzer_id, team_id: None };

        assert!(matches!(
            app.zustaendigkeit_aendern(&u.vfk, id, zu_kollegin.clone()).await.unwrap_err(),
            AppFehler::Verboten(_)
        ));
        let ungueltig = Zustaendigkeit { vfk_id: u.admin.benutzer_id, team_id: None };
        assert!(matches!(
            app.zustaendigkeit_aendern(&u.teamleitung, id, ungueltig).await.unwrap_err(),
            AppFehler::Ungueltig { .. }
        ));
        app.zustaendigkeit_aendern(&u.teamleitung, id, zu_kollegin).await.unwrap();

        let fall = app.fall_lesen(&u.kollegin, id, None).await.unwrap();
        assert_eq!(fall.stammdaten.vfk_id, Some(u.kollegin.benutzer_id), "{}", t.name);
        app.termin_anlegen(&u.kollegin, id, termin()).await.expect("die neue VFK bearbeitet den Fall");
        assert!(matches!(app.termin_anlegen(&u.vfk, id, termin()).await.unwrap_err(), AppFehler::Verboten(_)));
        // The open appointment moved along.
        assert!(app.termine_liste(&u.vfk, &TerminFilter::default()).await.unwrap().is_empty());
        assert_eq!(app.termine_liste(&u.kollegin, &TerminFilter::default()).await.unwrap().len(), 2);
        assert!(verlauf_aktionen(&app, id.0).await.contains(&("kunde".into(), "Zuständigkeit geändert".into())));
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn gesperrter_fall_verschwindet_fuer_nicht_benannte() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Kollege")).await.unwrap();
        let suche = vierphasen_app::fall::Kundensuche::default();
        assert_eq!(app.kunden_liste(&u.kollegin, &suche).await.unwrap().len(), 1);

        let sperre = Sperre { gesperrt: true, freigegeben_fuer: vec![u.vfk.benutzer_id] };
        assert!(matches!(app.sperre_setzen(&u.vfk, id, sperre.clone()).await.unwrap_err(), AppFehler::Verboten(_)));
        app.sperre_setzen(&u.datenschutz, id, sperre).await.unwrap();

        assert!(app.kunden_liste(&u.kollegin, &suche).await.unwrap().is_empty(), "{}", t.name);
        assert!(matches!(app.fall_lesen(&u.kollegin, id, None).await.unwrap_err(), AppFehler::NichtGefunden(_)));
        app.fall_lesen(&u.vfk, id, None).await.expect("die benannte VFK sieht den Fall");
        app.protokoll_lesen(&u.datenschutz, id).await.expect("der Datenschutz bleibt benannt");

        app.sperre_setzen(&u.datenschutz, id, Sperre { gesperrt: false, freigegeben_fuer: Vec::new() }).await.unwrap();
        app.fall_lesen(&u.kollegin, id, None).await.unwrap();
        let aktionen = verlauf_aktionen(&app, id.0).await;
        assert!(aktionen.iter().any(|(e, a)| e == "kunde" && a.starts_with("Sperre gesetzt")));
        assert!(aktionen.iter().any(|(e, a)| e == "kunde" && a.starts_with("Sperre aufgehoben")));
        t.aufraeumen().await;
    }
}

fn termin_eingabe(wert: serde_json::Value) -> TerminEingabe {
    serde_json::from_value(wert).unwrap()
}

fn feldfehler(f: AppFehler) -> (String, String) {
    match f {
        AppFehler::Ungueltig { feld, meldung } => (feld, meldung),
        f => panic!("{f:?}"),
    }
}

/// Issue 15/6: an appointment has a time, a duration, a channel and a room; it falls on a working
/// day of the Dienststelle's Land and does not overlap another one in the VFK's calendar.
#[tokio::test]
async fn termin_mit_uhrzeit_dauer_kanal_und_raum() {
    for t in datenbanken().await {
        let app = am_montag(App::starten(t.db.clone()).await.unwrap());
        let u = umgebung(&app).await;
        let konfiguration: Dienststelle = serde_json::from_value(json!({ "bundesland": "NW" })).unwrap();
        app.konfiguration_setzen(&u.admin, konfiguration).await.unwrap();
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Kalender")).await.unwrap();

        // Closed days, each with its reason.
        for (datum, grund) in [
            ("2026-12-13", "13.12.2026 ist ein Sonntag"),
            ("2026-12-25", "Feiertag (1. Weihnachtstag)"),
            ("2027-05-27", "Feiertag (Fronleichnam in Nordrhein-Westfalen)"),
        ] {
            let e = termin_eingabe(json!({ "datum": datum, "text": "Folgegespräch" }));
            let (feld, meldung) = feldfehler(app.termin_anlegen(&u.vfk, id, e).await.unwrap_err());
            assert_eq!(feld, "datum", "{}", t.name);
            assert!(meldung.contains(grund), "{meldung}");
        }

        let termin = json!({ "datum": "2026-12-08", "text": "Folgegespräch", "uhrzeit": "10:30",
                             "dauer_minuten": 30, "kanal": "telefon" });
        app.termin_anlegen(&u.vfk, id, termin_eingabe(termin)).await.unwrap();
        // Overlapping the first one in the same calendar: refused, naming the time taken.
        let ueberschneidung = json!({ "datum": "2026-12-08", "text": "Rückfrage", "uhrzeit": "10:45" });
        let (feld, meldung) =
            feldfehler(app.termin_anlegen(&u.vfk, id, termin_eingabe(ueberschneidung)).await.unwrap_err());
        assert_eq!(feld, "uhrzeit");
        assert!(meldung.contains("10:30–11:00"), "{meldung}");
        // Right after it, in a room (on site without saying so).
        let danach = json!({ "datum": "2026-12-08", "text": "Unterlagen", "uhrzeit": "11:00", "raum": "Raum 1.03" });
        app.termin_anlegen(&u.vfk, id, termin_eingabe(danach)).await.unwrap();

        for (falsch, feld, teil) in [
            (json!({ "uhrzeit": "25:00" }), "uhrzeit", "Stunden:Minuten"),
            (json!({ "uhrzeit": "5:30" }), "uhrzeit", "zwischen 06:00 und 19:59"),
            (json!({ "uhrzeit": "8:30", "datum": "2026-12-07" }), "uhrzeit", "Vergangenheit"),
            (json!({ "dauer_minuten": 3 }), "dauer_minuten", "5 bis 480"),
            (json!({ "kanal": "video", "raum": "Raum 2" }), "raum", "bei Video bitte leer lassen"),
        ] {
            let mut e = json!({ "datum": "2026-12-09", "text": "x" });
            for (k, v) in falsch.as_object().unwrap() {
                e[k] = v.clone();
            }
            let (f, meldung) = feldfehler(app.termin_anlegen(&u.vfk, id, termin_eingabe(e)).await.unwrap_err());
            assert_eq!(f, feld, "{falsch}");
            assert!(meldung.contains(teil), "{falsch}: {meldung}");
        }
        // Later today is fine.
        let heute_spaeter = json!({ "datum": "2026-12-07", "text": "Rückruf", "uhrzeit": "9:30", "kanal": "video" });
        app.termin_anlegen(&u.vfk, id, termin_eingabe(heute_spaeter)).await.unwrap();

        let liste = app.termine_liste(&u.vfk, &TerminFilter::default()).await.unwrap();
        let zeiten: Vec<String> = liste.iter().map(|z| z.zeit().text()).collect();
        assert_eq!(
            zeiten,
            ["09:30 Uhr · Video", "10:30–11:00 Uhr · Telefon", "11:00 Uhr · vor Ort, Raum 1.03"],
            "{}: nach Tag und Uhrzeit",
            t.name
        );
        let akte = app.akte_lesen(&u.vfk, id, None).await.unwrap();
        assert_eq!(akte.termine[1].zeit().text(), "10:30–11:00 Uhr · Telefon");
        t.aufraeumen().await;
    }
}

/// Issue 15/6: the Kontaktdichtekonzept's proposal moves back to the last working day, and the
/// Wiedervorlagen of a Land's holidays too.
#[tokio::test]
async fn vorschlaege_fallen_auf_arbeitstage_des_landes() {
    for t in datenbanken().await {
        let app = am_montag(App::starten(t.db.clone()).await.unwrap());
        let u = umgebung(&app).await;
        // 12 days after Monday 7 December is Saturday 19 December.
        let konfiguration: Dienststelle =
            serde_json::from_value(json!({ "bundesland": "NW", "kontaktdichte_tage": { "N": 12 } })).unwrap();
        app.konfiguration_setzen(&u.admin, konfiguration).await.unwrap();
        let id = app.kunde_anlegen(&u.vfk, neuer_kunde("Werktag")).await.unwrap();
        let heute = app.heute();
        let erg = app.gespraech_erfassen(&u.vfk, id, gespraech(folgegespraech(heute))).await.unwrap();
        assert_eq!(erg.naechster_termin, NaiveDate::from_ymd_opt(2026, 12, 18).unwrap(), "{}: Freitag davor", t.name);
        let mut eingabe = folgegespraech(heute);
        eingabe["naechster_termin"] = json!("2026-12-25");
        let (feld, meldung) = feldfehler(app.gespraech_erfassen(&u.vfk, id, gespraech(eingabe)).await.unwrap_err());
        assert_eq!(feld, "naechster_termin");
        assert!(meldung.contains("1. Weihnachtstag"), "{meldung}");
        t.aufraeumen().await;
    }
}
