//! Retention, deletion and restriction (issue 17/6): a run over 10,000 generated cases deletes
//! exactly what an independent oracle says, restricts what it must keep, a second run deletes
//! nothing, the access log still verifies; the Datenschutz handles holds and Art. 17 requests
//! through the same path.

use std::collections::BTreeSet;

use chrono::{Datelike, NaiveDate, TimeDelta, TimeZone, Utc};
use vierphasen_app::aufbewahrung::{Anordnungsangabe, Loeschantragsangabe};
use vierphasen_app::fall::Kundensuche;
use vierphasen_app::{App, AppFehler};
use vierphasen_domain::Segment;
use vierphasen_domain::aufbewahrung::{Anordnungsgrund, Datenkategorie, Fristen, Verfuegung};
use vierphasen_store::protokoll::{self, Schluessel, Zugriff};
use vierphasen_store::testdb::datenbanken;
use vierphasen_store::{Tx, sql};

use crate::gemeinsam::{abmeldung, neuer_kunde, umgebung};

const FAELLE: i64 = 10_000;

fn tag(j: i32, m: u32, t: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(j, m, t).unwrap()
}

/// Deterministic pseudo-random numbers (a generated set the oracle checks, the same every run).
struct Zufall(u64);

impl Zufall {
    fn bis(&mut self, n: u64) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// One generated case as the oracle sees it.
#[derive(Debug, Clone)]
struct Fall {
    id: i64,
    sgb2: bool,
    /// `None`: still registered.
    abgemeldet: Option<NaiveDate>,
    angeordnet: bool,
    antrag: Option<NaiveDate>,
}

/// The oracle, written from the periods file's numbers and the rules in words: a category is due
/// when the customer is deregistered and the Stichtag lies after 31 December of (year of
/// deregistration + years), or — for data kept only while needed — an Art. 17 request came in by
/// the Stichtag; a hold turns "due" into "restricted"; a request turns "kept by obligation" into
/// "restricted"; the customer row goes when every category goes.
fn orakel(f: &Fall, k: Datenkategorie, fristen: &Fristen, stichtag: NaiveDate) -> (bool, bool) {
    let Some(ab) = f.abgemeldet else { return (false, false) };
    let (jahre, pflicht) = {
        let x =
            fristen.frist.iter().find(|x| x.kategorie == k && (x.rechtskreis.label() == "SGB II") == f.sgb2).unwrap();
        (x.jahre as i32, x.pflicht)
    };
    let beantragt = f.antrag.is_some_and(|a| a <= stichtag);
    let abgelaufen = stichtag.year() > ab.year() + jahre;
    let faellig = abgelaufen || (beantragt && !pflicht);
    let geloescht = faellig && !f.angeordnet;
    let eingeschraenkt = (faellig && f.angeordnet) || (!faellig && beantragt);
    (geloescht, eingeschraenkt)
}

/// The cases whose rows of a category are still there.
async fn mit_zeilen(tx: &mut Tx, k: Datenkategorie) -> BTreeSet<i64> {
    let ids: Vec<(i64,)> = match k {
        Datenkategorie::Arbeitsdaten => sql!(tx, zeilen<(i64,)> "SELECT kunde_id FROM profiling").unwrap(),
        Datenkategorie::Vereinbarungen => {
            sql!(tx, zeilen<(i64,)> "SELECT kunde_id FROM eingliederungsvereinbarung").unwrap()
        }
        Datenkategorie::Vermerke => sql!(tx, zeilen<(i64,)> "SELECT kunde_id FROM vermerk").unwrap(),
        Datenkategorie::Verlauf => sql!(tx, zeilen<(i64,)> "SELECT kunde_id FROM verlauf").unwrap(),
        Datenkategorie::Dokumente => sql!(tx, zeilen<(i64,)> "SELECT kunde_id FROM dokument").unwrap(),
    };
    ids.into_iter().map(|(i,)| i).collect()
}

/// Inserts the generated cases directly (one transaction): each with one row in every category,
/// some registered, some never registered, some with holds (active or lifted) and requests.
async fn erzeugen(app: &App, agentur: i64, jobcenter: i64, benutzer: i64) -> Vec<Fall> {
    let mut z = Zufall(17);
    let segment = serde_json::to_value(Segment::default()).unwrap().as_str().unwrap().to_owned();
    let jetzt = Utc::now();
    let mut tx = app.db.begin().await.unwrap();
    let mut faelle = Vec::new();
    for i in 0..FAELLE {
        let sgb2 = z.bis(2) == 0;
        let (dienststelle, rk) = if sgb2 { (jobcenter, "SGB_II") } else { (agentur, "SGB_III") };
        let id = sql!(&mut tx, wert<i64>
            "INSERT INTO kunde (kundennummer, dienststelle_id, vorname, nachname, geburtsdatum, rechtskreis, segment,
                                gesperrt, erstellt_um, geaendert_um)
             VALUES ($1, $2, 'Test', $3, $4, $5, $6, FALSE, $7, $7) RETURNING id",
            format!("G{i:08}"), dienststelle, format!("Fall{i}"), tag(1980, 1, 1), rk, &segment,
            Utc.with_ymd_and_hms(2010, 3, 1, 9, 0, 0).unwrap())
        .unwrap();
        let beginn = tag(2010, 1, 1) + TimeDelta::days(z.bis(365) as i64);
        let (abgemeldet, ende) = match z.bis(50) {
            0..=9 => (None, None),
            // Never registered: the period runs from the creation of the record (1 March 2010).
            10 => (Some(tag(2010, 3, 1)), None),
            _ => {
                let ende = tag(2012, 1, 1) + TimeDelta::days(z.bis(15 * 365) as i64);
                (Some(ende), Some(ende))
            }
        };
        if abgemeldet.is_none() || ende.is_some() {
            sql!(&mut tx, ausfuehren "INSERT INTO meldung (kunde_id, beginn, ende) VALUES ($1, $2, $3)", id, beginn, ende)
                .unwrap();
        }
        sql!(&mut tx, ausfuehren "INSERT INTO profiling (kunde_id, gespeichert_am, erstellt_von, erstellt_um, inhalt)
            VALUES ($1, $2, $3, $4, '{}')", id, beginn, benutzer, jetzt)
        .unwrap();
        sql!(&mut tx, ausfuehren "INSERT INTO eingliederungsvereinbarung (kunde_id, erstellt_am, status, erstellt_von, erstellt_um, inhalt)
            VALUES ($1, $2, 'abgeschlossen', $3, $4, '{}')", id, beginn, benutzer, jetzt)
        .unwrap();
        let vermerk = sql!(&mut tx, wert<i64> "INSERT INTO vermerk (kunde_id, datum, erstellt_von, erstellt_um, inhalt)
            VALUES ($1, $2, $3, $4, '{}') RETURNING id", id, beginn, benutzer, jetzt)
        .unwrap();
        if z.bis(10) == 0 {
            sql!(&mut tx, ausfuehren "INSERT INTO nachtrag (vermerk_id, datum, text, erstellt_von, erstellt_um)
                VALUES ($1, $2, 'Nachtrag', $3, $4)", vermerk, beginn, benutzer, jetzt)
            .unwrap();
        }
        sql!(&mut tx, ausfuehren "INSERT INTO verlauf (kunde_id, benutzer_id, zeitpunkt, entitaet, aktion)
            VALUES ($1, $2, $3, 'kunde', 'angelegt')", id, benutzer, jetzt)
        .unwrap();
        sql!(&mut tx, ausfuehren "INSERT INTO dokument (kunde_id, art, bezug_id, vorlage, daten, erstellt_von, erstellt_um)
            VALUES ($1, 'vermerk', $2, 'vermerk.typ', '{}', $3, $4)", id, vermerk, benutzer, jetzt)
        .unwrap();
        let angeordnet = match z.bis(40) {
            0 => {
                sql!(&mut tx, ausfuehren "INSERT INTO aufbewahrungsanordnung (kunde_id, grund, angeordnet_von, angeordnet_um)
                    VALUES ($1, 'klageverfahren', $2, $3)", id, benutzer, jetzt)
                .unwrap();
                true
            }
            1 => {
                sql!(&mut tx, ausfuehren "INSERT INTO aufbewahrungsanordnung (kunde_id, grund, angeordnet_von, angeordnet_um, aufgehoben_von, aufgehoben_um)
                    VALUES ($1, 'widerspruchsverfahren', $2, $3, $2, $3)", id, benutzer, jetzt)
                .unwrap();
                false
            }
            _ => false,
        };
        let antrag = (z.bis(20) == 0).then(|| tag(2020, 1, 1) + TimeDelta::days(z.bis(10 * 365) as i64));
        if let Some(a) = antrag {
            sql!(&mut tx, ausfuehren "INSERT INTO loeschantrag (dienststelle_id, kunde_id, eingegangen_am, erfasst_von, erfasst_um)
                VALUES ($1, $2, $3, $4, $5)", dienststelle, id, a, benutzer, jetzt)
            .unwrap();
        }
        faelle.push(Fall { id, sgb2, abgemeldet, angeordnet, antrag });
    }
    tx.commit().await.unwrap();
    faelle
}

#[tokio::test]
async fn loeschlauf_loescht_genau_was_das_orakel_sagt() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let faelle = erzeugen(&app, u.agentur_id, u.jobcenter_id, u.vfk.benutzer_id).await;
        // Access-log entries from 2020 to 2026 (a chain keyed with the test key).
        let eintraege: Vec<Zugriff> = (0..700)
            .map(|i| Zugriff {
                zeitpunkt: Utc.with_ymd_and_hms(2020, 1, 1, 8, 0, 0).unwrap() + TimeDelta::hours(i * 88),
                benutzer_id: u.vfk.benutzer_id,
                kunde_id: faelle[i as usize].id,
                zweck: "Beratung".into(),
            })
            .collect();
        protokoll::anhaengen(&app.db, &Schluessel::fuer_tests(), &eintraege).await.unwrap();
        let stichtag = tag(2027, 3, 1);
        let fristen = Fristen::standard();

        // The dry run reports what the run then does, and changes nothing.
        let probe = app.loeschlauf(stichtag, true).await.unwrap();
        let mut tx = app.db.begin().await.unwrap();
        assert_eq!(mit_zeilen(&mut tx, Datenkategorie::Verlauf).await.len() as i64, FAELLE, "{}", t.name);
        drop(tx);
        let bericht = app.loeschlauf(stichtag, false).await.unwrap();
        assert_eq!(bericht, vierphasen_app::aufbewahrung::Loeschbericht { trocken: false, ..probe }, "{}", t.name);

        let mut tx = app.db.begin().await.unwrap();
        for k in Datenkategorie::ALLE {
            let erwartet: BTreeSet<i64> =
                faelle.iter().filter(|f| !orakel(f, k, &fristen, stichtag).0).map(|f| f.id).collect();
            let da = mit_zeilen(&mut tx, k).await;
            assert_eq!(da.len(), erwartet.len(), "{}: {k:?}", t.name);
            assert!(da == erwartet, "{}: {k:?} weicht vom Orakel ab", t.name);
        }
        let kunden: BTreeSet<i64> = sql!(&mut tx, zeilen<(i64,)> "SELECT id FROM kunde WHERE kundennummer LIKE 'G%'")
            .unwrap()
            .into_iter()
            .map(|(i,)| i)
            .collect();
        let bleiben: BTreeSet<i64> = faelle
            .iter()
            .filter(|f| !Datenkategorie::ALLE.iter().all(|k| orakel(f, *k, &fristen, stichtag).0))
            .map(|f| f.id)
            .collect();
        assert!(kunden == bleiben, "{}: gelöschte Kunden weichen vom Orakel ab", t.name);
        let eingeschraenkt: BTreeSet<i64> =
            sql!(&mut tx, zeilen<(i64,)> "SELECT id FROM kunde WHERE eingeschraenkt_seit IS NOT NULL")
                .unwrap()
                .into_iter()
                .map(|(i,)| i)
                .collect();
        let erwartet: BTreeSet<i64> = faelle
            .iter()
            .filter(|f| Datenkategorie::ALLE.iter().any(|k| orakel(f, *k, &fristen, stichtag).1))
            .map(|f| f.id)
            .collect();
        assert!(eingeschraenkt == erwartet, "{}: Einschränkungen weichen vom Orakel ab", t.name);
        // Nachträge go with their Vermerk; no orphan rows.
        let verwaist = sql!(&mut tx, wert<i64>
            "SELECT COUNT(*) FROM nachtrag n WHERE NOT EXISTS (SELECT 1 FROM vermerk v WHERE v.id = n.vermerk_id)")
        .unwrap();
        assert_eq!(verwaist, 0);
        assert_eq!(bericht.faelle_geloescht as usize, faelle.len() - bleiben.len(), "{}", t.name);
        assert!(bericht.faelle_geloescht > 1000 && eingeschraenkt.len() > 100, "{}: {bericht:?}", t.name);
        // Access log: the entries before 1 Jan 2025 (two years after 2024) are gone, the rest verifies.
        let grenze = Utc.with_ymd_and_hms(2024, 12, 31, 23, 0, 0).unwrap();
        let alt = eintraege.iter().filter(|e| e.zeitpunkt < grenze).count() as i64;
        assert_eq!(bericht.zugriffsprotokoll_zeilen as i64, alt, "{}", t.name);
        let pruefung = protokoll::pruefen(&app.db).await.unwrap();
        assert!(pruefung.intakt(), "{}: {pruefung:?}", t.name);
        assert_eq!((pruefung.beginn_ab, pruefung.eintraege), (alt + 1, 700 - alt), "{}", t.name);
        drop(tx);

        // A second run on the same day deletes nothing.
        let nochmal = app.loeschlauf(stichtag, false).await.unwrap();
        assert!(nochmal.leer(), "{}: {nochmal:?}", t.name);
        assert_eq!(nochmal.faelle_eingeschraenkt, bericht.faelle_eingeschraenkt);

        // Outside a run the Verlauf and the log stay undeletable, and a beginning moved without
        // the key is found.
        let mut tx = app.db.begin().await.unwrap();
        let f = sql!(&mut tx, ausfuehren "DELETE FROM verlauf WHERE kunde_id = $1", kunden.first().copied().unwrap());
        assert!(f.unwrap_err().to_string().contains("unveränderlich"), "{}", t.name);
        drop(tx);
        let mut tx = app.db.begin().await.unwrap();
        sql!(&mut tx, ausfuehren "INSERT INTO loeschfreigabe (id) VALUES (1)").unwrap();
        sql!(&mut tx, ausfuehren "DELETE FROM zugriffsprotokoll WHERE id = $1", alt + 1).unwrap();
        sql!(&mut tx, ausfuehren "DELETE FROM loeschfreigabe").unwrap();
        sql!(&mut tx, ausfuehren "UPDATE protokoll_kopf SET beginn_ab = beginn_ab + 1").unwrap();
        tx.commit().await.unwrap();
        let pruefung = protokoll::pruefen(&app.db).await.unwrap();
        assert!(!pruefung.intakt(), "{}: Kürzung ohne Schlüssel nicht erkannt", t.name);
        t.aufraeumen().await;
    }
}

#[tokio::test]
async fn loeschantrag_und_anordnung_ueber_die_app() {
    for t in datenbanken().await {
        let app = App::starten(t.db.clone()).await.unwrap();
        let u = umgebung(&app).await;
        let heute = app.heute();
        let mut neu = neuer_kunde("Antrag");
        neu.meldung_am = Some(heute - TimeDelta::days(30));
        let kunde = app.kunde_anlegen(&u.vfk, neu).await.unwrap();
        let mut neu = neuer_kunde("Klage");
        neu.meldung_am = Some(heute - TimeDelta::days(30));
        let klage = app.kunde_anlegen(&u.vfk, neu).await.unwrap();

        // Only the Datenschutz records requests and holds.
        let antrag = || Loeschantragsangabe { eingegangen_am: heute };
        let f = app.loeschantrag_erfassen(&u.vfk, kunde, antrag()).await.unwrap_err();
        assert!(matches!(f, AppFehler::Verboten(_)), "{f}");
        let f = app.loeschantrag_erfassen(
            &u.datenschutz,
            kunde,
            Loeschantragsangabe { eingegangen_am: heute + TimeDelta::days(1) },
        );
        assert!(matches!(f.await, Err(AppFehler::Ungueltig { .. })));
        let f = app
            .aufbewahrung_anordnen(
                &u.datenschutz,
                klage,
                Anordnungsangabe { grund: Anordnungsgrund::Sonstiges, aktenzeichen: None },
            )
            .await
            .unwrap_err();
        assert!(matches!(&f, AppFehler::Ungueltig { feld, .. } if feld == "aktenzeichen"), "{f}");

        // Registered: a request changes nothing yet (Art. 17(3)(b)).
        app.loeschantrag_erfassen(&u.datenschutz, kunde, antrag()).await.unwrap();
        let a = app.aufbewahrung_ansehen(&u.datenschutz, kunde).await.unwrap();
        assert!(a.plan.iter().all(|p| p.verfuegung == Verfuegung::Laeuft), "{}", t.name);
        assert_eq!(a.loeschantraege, vec![heute]);
        assert!(app.loeschlauf(heute, false).await.unwrap().faelle_geprueft == 0);

        // Deregistered: the working data go at once, the rest is restricted until its period ends.
        app.abmelden_kunde(&u.vfk, kunde, abmeldung(heute)).await.unwrap();
        let a = app.aufbewahrung_ansehen(&u.datenschutz, kunde).await.unwrap();
        assert_eq!(a.plan[0].verfuegung, Verfuegung::Loeschen, "{}", t.name);
        assert!(matches!(a.plan[1].verfuegung, Verfuegung::Einschraenken { .. }), "{}", t.name);
        let b = app.loeschlauf(heute, false).await.unwrap();
        assert_eq!((b.kategorien[0].faelle, b.faelle_eingeschraenkt), (1, 1), "{}: {b:?}", t.name);
        // Restricted: no one but the Datenschutz sees the case any more.
        assert!(matches!(app.akte_lesen(&u.vfk, kunde, None).await, Err(AppFehler::NichtGefunden(_))));
        let liste = app.kunden_liste(&u.vfk, &Kundensuche { suche: None, meine: false }).await.unwrap();
        assert!(liste.iter().all(|k| k.id != kunde.0), "{}", t.name);
        let a = app.aufbewahrung_ansehen(&u.datenschutz, kunde).await.unwrap();
        assert_eq!(a.eingeschraenkt_seit, Some(heute));
        assert_eq!(a.plan[0].geloescht_am, Some(heute), "{}", t.name);
        app.auskunft_art15(&u.datenschutz, kunde).await.unwrap();

        // A hold keeps everything past its period (restricted); lifted, the next run deletes all.
        app.abmelden_kunde(&u.vfk, klage, abmeldung(heute)).await.unwrap();
        let anordnung = app
            .aufbewahrung_anordnen(
                &u.datenschutz,
                klage,
                Anordnungsangabe {
                    grund: Anordnungsgrund::Klageverfahren,
                    aktenzeichen: Some("S 12 AS 345/26".into()),
                },
            )
            .await
            .unwrap();
        let spaeter = tag(heute.year() + 6, 1, 2);
        let b = app.loeschlauf(spaeter, false).await.unwrap();
        assert_eq!(b.faelle_geloescht, 1, "{}: nur der Antragsfall ist nach 5 Jahren ganz fällig: {b:?}", t.name);
        assert!(app.aufbewahrung_ansehen(&u.datenschutz, klage).await.unwrap().eingeschraenkt_seit.is_some());
        app.aufbewahrung_aufheben(&u.datenschutz, klage, anordnung.id).await.unwrap();
        let f = app.aufbewahrung_aufheben(&u.datenschutz, klage, anordnung.id).await.unwrap_err();
        assert!(matches!(f, AppFehler::Konflikt(_)), "{f}");
        let b = app.loeschlauf(spaeter, false).await.unwrap();
        assert_eq!((b.faelle_geloescht, b.loeschantraege_erledigt), (1, 0), "{}", t.name);
        assert!(matches!(app.aufbewahrung_ansehen(&u.datenschutz, klage).await, Err(AppFehler::NichtGefunden(_))));
        assert!(matches!(app.aufbewahrung_ansehen(&u.datenschutz, kunde).await, Err(AppFehler::NichtGefunden(_))));
        let laeufe = app.loeschlaeufe(&u.datenschutz).await.unwrap();
        assert_eq!(laeufe.len(), 4, "{}", t.name);
        assert!(matches!(app.loeschlaeufe(&u.vfk).await, Err(AppFehler::Verboten(_))));
        // The request is recorded as carried out (the case is gone, the request stays).
        let mut tx = app.db.begin().await.unwrap();
        let erledigt = sql!(&mut tx, wert<i64> "SELECT COUNT(*) FROM loeschantrag WHERE kunde_id = $1 AND erledigt_um IS NOT NULL", kunde.0).unwrap();
        assert_eq!(erledigt, 1, "{}", t.name);
        drop(tx);
        t.aufraeumen().await;
    }
}
