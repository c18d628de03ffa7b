//! The demo data set (`vierphasen serve --demo`): an Agentur für Arbeit (SGB III) and a Jobcenter
//! (SGB II), two teams each, accounts of every role with one shared password, and 240 synthetic
//! customers in every Profillage, imported with [`App::fall_importieren`](crate::App) so that every
//! screen has something true to show.
//!
//! Only into an empty database: when a Dienststelle exists, [`einrichten`] refuses with
//! [`AppFehler::Konflikt`] ("Demo-Daten nur in einer leeren Datenbank") and changes nothing. It does
//! not guess whether an existing database holds an earlier demo (its passwords may have changed).
//!
//! Reproducible: names and details come from a fixed seed, the dates are laid out relative to
//! `heute` (see [`vorlagen`]). Most cases pass the Fallprüfung without `fehler`; a few show typical
//! open points on purpose ([`OffenerPunkt`]): per Dienststelle two overdue EVs (E3), two EV drafts
//! (E1), two overdue Folgegespräche (K1), two Merkmale "zu klären" (P4), one strategy beyond its
//! window (S8), one Profillage N past the Zweitgespräch (P8) and one Handlungsbedarf without a
//! strategy (S1, the only `fehler`).

mod auftraege;
mod daten;
mod stellen;
mod uebergaben;
pub mod vorlagen;

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use vierphasen_domain::zugriff::{Akteur, Rolle};
use vierphasen_store::sql;

pub use vorlagen::{DemoDienststelle, DemoTermin, Demofall, OffenerPunkt, faelle};

use crate::fall::{Verlaufsaktion, termin_einfuegen};
use crate::konto::NeuerBenutzer;
use crate::termine::{Kanal, Terminzeit};
use crate::vertretung::VertretungEingabe;
use crate::{App, AppFehler};

/// The shared password of every demo account (passes `passwort::richtlinie_pruefen`).
pub const PASSWORT: &str = "Vierphasen-Demo-2026";

/// What the demo created: who can log in, with which password, and how many customers.
#[derive(Debug, Clone, Serialize)]
pub struct DemoZugaenge {
    /// (login, role and team, Dienststelle)
    pub logins: Vec<(String, String, String)>,
    pub passwort: String,
    pub kunden: usize,
}

/// Sets up the demo in an empty database (see the module documentation).
pub async fn einrichten(app: &App, heute: NaiveDate) -> Result<DemoZugaenge, AppFehler> {
    {
        let mut tx = app.db.begin().await?;
        let vorhanden = sql!(&mut tx, wert<i64> "SELECT COUNT(*) FROM dienststelle")?;
        if vorhanden > 0 {
            return Err(AppFehler::Konflikt(
                "Demo-Daten nur in einer leeren Datenbank: es gibt bereits Dienststellen.".into(),
            ));
        }
    }
    let mut logins = Vec::new();
    let mut konten = Vec::new();
    let mut datenschutz = Vec::new();
    let mut fachdienste = Vec::new();
    for (nr, d) in DemoDienststelle::BEIDE.into_iter().enumerate() {
        let (vfk, dsb, fd) = dienststelle_einrichten(app, d, &daten::PERSONAL[nr], &mut logins, heute).await?;
        konten.push(vfk);
        datenschutz.push(dsb);
        fachdienste.push(fd);
    }

    // All cases in one transaction: the demo is there completely or not at all.
    let faelle = faelle(app.katalog, heute);
    let jetzt = app.jetzt();
    let mut tx = app.db.begin().await?;
    let mut kunden = Vec::with_capacity(faelle.len());
    let mut belegt = HashMap::new();
    for f in &faelle {
        let nr = DemoDienststelle::BEIDE.iter().position(|d| *d == f.dienststelle).unwrap_or(0);
        let vfk = &konten[nr][f.vfk];
        let kunde_id = app.fall_importieren_in(&mut tx, vfk, f.stamm.clone(), f.akte.clone()).await?;
        kunden.push(kunde_id);
        for t in &f.termine {
            let benutzer = Some(vfk.benutzer_id);
            let zeit = demo_terminzeit(f, f.vfk, t, &mut belegt, vfk.benutzer_id);
            let id = termin_einfuegen(&mut tx, kunde_id, benutzer, t.datum, t.regel, &t.text, &zeit, jetzt).await?;
            let nachher = serde_json::json!({
                "faellig_am": t.datum, "regel": t.regel, "text": t.text, "benutzer_id": vfk.benutzer_id,
                "uhrzeit": zeit.uhrzeit, "dauer_minuten": zeit.dauer_minuten, "kanal": zeit.kanal.map(Kanal::id),
                "raum": zeit.raum,
            });
            crate::fall::verlauf_schreiben(
                &mut tx,
                crate::fall::Eintrag::<(), _> {
                    kunde_id,
                    benutzer_id: vfk.benutzer_id,
                    zeitpunkt: jetzt,
                    entitaet: "termin",
                    entitaet_id: Some(id),
                    aktion: Verlaufsaktion::Angelegt,
                    vorher: None,
                    nachher: Some(&nachher),
                },
            )
            .await?;
        }
    }
    tx.commit().await?;
    let stellen = stellen::anlegen(app, heute).await?;
    let mut tx = app.db.begin().await?;
    for &id in &kunden {
        app.matching.profil_neu_laden(&mut tx, app.katalog, id, heute).await?;
    }
    drop(tx);
    ausnahme_vorfuehren(app, &konten[0], &faelle, &kunden).await?;
    if let Some(vfk) = konten[0].first() {
        auftraege::vorfuehren(app, vfk, &fachdienste[0], &faelle, &kunden, heute).await?;
    }
    let uebernommen = uebergaben::vorfuehren(app, &konten[0], &konten[1], &faelle, &kunden).await?;
    loeschung_vorfuehren(app, &konten[0], &datenschutz[0], &faelle, &kunden, heute).await?;
    let kunden = faelle.len() + uebernommen;
    tracing::info!(kunden, stellen, "Demo-Daten eingerichtet");
    Ok(DemoZugaenge { logins, passwort: PASSWORT.to_string(), kunden })
}

/// When and how a demo appointment is held: the VFK's appointments of a day one after the other
/// from 08:30 on the hour, in her room, every fifth by phone and every ninth by video; as long as
/// the Dienststelle's conversations last (P11).
fn demo_terminzeit(
    f: &Demofall,
    vfk_nr: usize,
    t: &DemoTermin,
    belegt: &mut HashMap<(i64, NaiveDate), i64>,
    benutzer_id: i64,
) -> Terminzeit {
    let n = belegt.entry((benutzer_id, t.datum)).or_insert(0);
    let slot = *n % 9;
    *n += 1;
    let dauer = f.dienststelle.konfiguration().gespraechsdauer;
    let minuten = if t.regel.is_none() { dauer.erstgespraech_minuten } else { dauer.folgegespraech_minuten };
    let nummer = benutzer_id + slot;
    let kanal = if nummer % 5 == 0 {
        Kanal::Telefon
    } else if nummer % 9 == 0 {
        Kanal::Video
    } else {
        Kanal::VorOrt
    };
    Terminzeit {
        uhrzeit: Some(format!("{:02}:30", 8 + slot)),
        dauer_minuten: minuten.map(i64::from),
        kanal: Some(kanal),
        raum: (kanal == Kanal::VorOrt).then(|| format!("Raum 1.{:02}", vfk_nr + 1)),
    }
}

/// D1 break-the-glass, so that the Datenschutz report has something true to show: the first VFK
/// finds a customer of the other team by name and opens her file stating a reason.
async fn ausnahme_vorfuehren(
    app: &App,
    vfk: &[Akteur],
    faelle: &[Demofall],
    kunden: &[vierphasen_domain::KundeId],
) -> Result<(), AppFehler> {
    let Some(ich) = vfk.first() else { return Ok(()) };
    let Some((fall, &kunde_id)) =
        faelle.iter().zip(kunden).find(|(f, _)| f.dienststelle == DemoDienststelle::BEIDE[0] && f.vfk == 2)
    else {
        return Ok(());
    };
    let suche = crate::fall::Kundensuche { suche: Some(fall.stamm.nachname.clone()), meine: false };
    app.kunden_liste(ich, &suche).await?;
    let angabe = crate::kenntnis::Ausnahmeangabe {
        grund: vierphasen_domain::zugriff::Ausnahmegrund::VorspracheOhneTermin,
        erlaeuterung: Some("Vorsprache am Empfang, Termin bei der zuständigen Kollegin erst nächste Woche".into()),
    };
    app.ausnahmezugriff(ich, kunde_id, angabe).await?;
    app.akte_lesen(ich, kunde_id, None).await?;
    Ok(())
}

/// Issue 17/6, so that the Datenschutz pages have something true to show: a customer of the
/// second team has found work and asks for deletion (Art. 17); the day's deletion run removes her
/// working data at once and restricts the rest until its period ends.
async fn loeschung_vorfuehren(
    app: &App,
    vfk: &[Akteur],
    datenschutz: &Akteur,
    faelle: &[Demofall],
    kunden: &[vierphasen_domain::KundeId],
    heute: NaiveDate,
) -> Result<(), AppFehler> {
    let Some((_, &kunde_id)) =
        faelle.iter().zip(kunden).rev().find(|(f, _)| f.dienststelle == DemoDienststelle::BEIDE[0] && f.vfk == 3)
    else {
        return Ok(());
    };
    let Some(zustaendig) = vfk.get(3) else { return Ok(()) };
    let abmeldung =
        crate::fall::Abmeldung { datum: heute, grund: vierphasen_domain::fallakte::Abmeldegrund::Arbeitsaufnahme };
    app.abmelden_kunde(zustaendig, kunde_id, abmeldung).await?;
    let antrag = crate::aufbewahrung::Loeschantragsangabe { eingegangen_am: heute };
    app.loeschantrag_erfassen(datenschutz, kunde_id, antrag).await?;
    app.loeschlauf(heute, false).await?;
    Ok(())
}

async fn dienststelle_einrichten(
    app: &App,
    d: DemoDienststelle,
    personal: &[&str; 11],
    logins: &mut Vec<(String, String, String)>,
    heute: NaiveDate,
) -> Result<(Vec<Akteur>, Akteur, Vec<Akteur>), AppFehler> {
    let dienststelle_id = app.dienststelle_anlegen(d.name(), d.rechtskreis()).await?;
    // The demo signs in with the password only (CI's smoke step, the browser tests); an
    // Administration turns the requirement on under Verwaltung.
    let ohne = crate::zweiter_faktor::Vorgabe { pflicht: false, fuer_alle: false };
    app.zweiter_faktor_vorgeben(None, dienststelle_id, ohne).await?;
    let mut teams = Vec::new();
    for name in d.teams() {
        teams.push(app.team_anlegen(dienststelle_id, name).await?);
    }
    let kurz = d.kurz();
    // (login, role, team index, service) in the order of `personal`.
    let konten: [(String, Rolle, Option<usize>, Option<&str>); 11] = [
        (format!("vfk.{kurz}1"), Rolle::Vfk, Some(0), None),
        (format!("vfk.{kurz}2"), Rolle::Vfk, Some(0), None),
        (format!("vfk.{kurz}3"), Rolle::Vfk, Some(1), None),
        (format!("vfk.{kurz}4"), Rolle::Vfk, Some(1), None),
        (format!("teamleitung.{kurz}1"), Rolle::Teamleitung, Some(0), None),
        (format!("teamleitung.{kurz}2"), Rolle::Teamleitung, Some(1), None),
        (format!("aed.{kurz}"), Rolle::Fachdienst, None, Some("aerztlicher_dienst")),
        (format!("bps.{kurz}"), Rolle::Fachdienst, None, Some("berufspsychologischer_service")),
        (format!("tbd.{kurz}"), Rolle::Fachdienst, None, Some("technischer_beratungsdienst")),
        (format!("admin.{kurz}"), Rolle::Admin, None, None),
        (format!("datenschutz.{kurz}"), Rolle::Datenschutz, None, None),
    ];
    let mut vfk = Vec::new();
    let mut fachdienste = Vec::new();
    let mut admin = None;
    let mut datenschutz = None;
    for ((login, rolle, team, fachdienst), name) in konten.into_iter().zip(personal) {
        let team_id = team.map(|t| teams[t]);
        let id = app
            .benutzer_anlegen(
                None,
                dienststelle_id,
                NeuerBenutzer {
                    login: login.clone(),
                    name: (*name).to_string(),
                    rolle,
                    team_id,
                    passwort: PASSWORT.into(),
                    fachdienst: fachdienst.map(str::to_owned),
                },
            )
            .await?;
        let fachdienst = fachdienst.map(str::to_owned);
        let label = match (team, &fachdienst) {
            (Some(t), _) => format!("{}, {}", rolle.label(), d.teams()[t]),
            (None, Some(f)) => app
                .katalog
                .dienst(f)
                .map_or_else(|| rolle.label().to_string(), |d| format!("{}, {}", rolle.label(), d.label)),
            (None, None) => rolle.label().to_string(),
        };
        let akteur = Akteur { benutzer_id: id, rolle, dienststelle_id, team_id, vertritt: Vec::new(), fachdienst };
        logins.push((login, label, d.name().to_string()));
        match rolle {
            Rolle::Vfk => vfk.push(akteur),
            Rolle::Fachdienst => fachdienste.push(akteur),
            Rolle::Admin => admin = Some(akteur),
            Rolle::Datenschutz => datenschutz = Some(akteur),
            _ => {}
        }
    }
    let admin = admin.ok_or_else(|| AppFehler::intern_meldung("Demo: kein Admin-Konto"))?;
    app.konfiguration_setzen(&admin, d.konfiguration()).await?;
    // Issue 13/6: the second VFK of each team stands in for the first — in the first team this
    // week (a holiday), in the second for two weeks from the week after next (planned).
    let tag = |n: i64| heute.checked_add_signed(chrono::TimeDelta::days(n));
    for (nr, paar) in vfk.chunks(2).enumerate() {
        if let [a, b] = paar {
            let (von, bis) = if nr == 0 { (-3, 4) } else { (14, 27) };
            let e = VertretungEingabe {
                vertretene_id: a.benutzer_id,
                vertreter_id: b.benutzer_id,
                von: tag(von),
                bis: tag(bis),
            };
            app.vertretung_eintragen(a, e).await?;
        }
    }
    let datenschutz = datenschutz.ok_or_else(|| AppFehler::intern_meldung("Demo: kein Datenschutz-Konto"))?;
    Ok((vfk, datenschutz, fachdienste))
}
