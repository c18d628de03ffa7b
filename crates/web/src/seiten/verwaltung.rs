//! Administration of the Dienststelle: staff accounts (list, create, deactivate after a
//! confirmation step), teams, the Kontaktdichtekonzept (K1) and the local strategies (S11).
//! Administration changes, Teamleitung reads; the Datenschutz gets a search for a case by its
//! Kundennummer that leads to the access log (she may not open case contents, so the customer
//! search shows her no cases). Other roles get "Nicht erlaubt" from the use cases.

use std::collections::BTreeMap;

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use axum::routing::get;
use serde::Deserialize;
use vierphasen_app::AppFehler;
use vierphasen_app::konto::{Angemeldet, NeuerBenutzer};
use vierphasen_app::passwort::{HOECHSTLAENGE, MINDESTLAENGE};
use vierphasen_domain::Katalog;
use vierphasen_domain::fallakte::{Dienststelle, Gespraechsdauer, LokaleStrategie};
use vierphasen_domain::zugriff::Rolle;

use super::anzeige::merkmal_name;
use super::formular::{Feldfehler, feld_id};
use super::gespeichert::{self, Erledigt};
use super::{
    Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, beschriften, html, mit_status, nummer, weiter_zu,
};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/verwaltung", get(seite))
        .route("/verwaltung/benutzer", axum::routing::post(benutzer_anlegen))
        .route("/verwaltung/benutzer/{bid}/deaktivieren", get(deaktivieren_fragen).post(deaktivieren))
        .route("/verwaltung/teams", axum::routing::post(team_anlegen))
        .route("/verwaltung/kontaktdichte", axum::routing::post(kontaktdichte_speichern))
        .route("/verwaltung/gespraechsdauer", axum::routing::post(gespraechsdauer_speichern))
        .route("/verwaltung/strategien", axum::routing::post(strategien_speichern))
        .route("/verwaltung/fall", get(fall_suchen))
}

pub struct Auswahl {
    pub wert: String,
    pub text: String,
}

pub struct Merkmalgruppe {
    pub text: String,
    pub merkmale: Vec<Auswahl>,
}

pub struct Benutzer {
    pub id: i64,
    pub name: String,
    pub login: String,
    pub rolle: &'static str,
    pub team: String,
    pub aktiv: bool,
    pub selbst: bool,
    pub vfk: bool,
}

/// The form "Benutzer anlegen" as typed (the password is never written back).
#[derive(Default)]
pub struct NeuerBenutzerFormular {
    pub name: String,
    pub login: String,
    pub rolle: String,
    pub team_id: String,
    pub fachdienst: String,
}

/// K1: one input of the Dienststelle's own value (for all, or for the group under 25).
pub struct Kontaktfeld {
    pub name: String,
    pub id: String,
    pub wert: String,
    pub fehler: Option<String>,
    /// The group in words (" unter 25 Jahren", or empty for all).
    pub gruppe: &'static str,
    /// The catalogue's value for the group.
    pub katalog: u32,
}

/// K1: one Profillage with its inputs for all and for the group under 25.
pub struct Kontaktzeile {
    pub profillage: &'static str,
    pub nur: String,
    pub felder: [Kontaktfeld; 2],
}

/// The two tables of the Kontaktdichtekonzept as (field prefix, group in words, under 25).
const KONTAKTDICHTE_TABELLEN: [(&str, &str, bool); 2] =
    [("kontaktdichte_tage", "", false), ("kontaktdichte_tage_unter_25", " unter 25 Jahren", true)];

/// S11: one local strategy (a row of the repeating group).
pub struct Strategiezeile {
    pub nr: usize,
    pub id: String,
    pub bezeichnung: String,
    pub merkmal: String,
    pub merkmal_text: String,
    pub fid_id: String,
    pub fid_bezeichnung: String,
    pub fid_merkmal: String,
    pub fehler_id: Option<String>,
    pub fehler_bezeichnung: Option<String>,
    pub fehler_merkmal: Option<String>,
}

#[derive(Template)]
#[template(path = "verwaltung.html")]
struct Verwaltungsseite {
    rahmen: Rahmen,
    erledigt: Option<&'static str>,
    admin: bool,
    benutzer: Vec<Benutzer>,
    teams: Vec<Auswahl>,
    rollen: Vec<Auswahl>,
    fachdienste: Vec<Auswahl>,
    neu: NeuerBenutzerFormular,
    rm_benutzer: Rueckmeldung,
    team_name: String,
    rm_team: Rueckmeldung,
    kontaktdichte: Vec<Kontaktzeile>,
    rm_kontakt: Rueckmeldung,
    /// P11: the durations as stored or typed (fields `gespraechsdauer-…`).
    dauer: Formular,
    /// P11: the durations in words, for those who may not change them.
    dauer_text: String,
    rm_dauer: Rueckmeldung,
    strategien: Vec<Strategiezeile>,
    merkmalgruppen: Vec<Merkmalgruppe>,
    rm_strategien: Rueckmeldung,
    passwort_hinweis: String,
}

#[derive(Template)]
#[template(path = "verwaltung_datenschutz.html")]
struct Datenschutzseite {
    rahmen: Rahmen,
    kundennummer: String,
    rueckmeldung: Rueckmeldung,
}

#[derive(Template)]
#[template(path = "verwaltung_deaktivieren.html")]
struct Deaktivierenseite {
    rahmen: Rahmen,
    b: Benutzer,
}

#[derive(Debug, Deserialize)]
pub struct Parameter {
    #[serde(default, deserialize_with = "gespeichert::lesen")]
    erledigt: Option<Erledigt>,
}

/// The services a Fachdienst user can belong to (those with an inbox).
pub(super) fn fachdienste(k: &Katalog) -> Vec<Auswahl> {
    k.dienste
        .iter()
        .filter(|d| d.mit_posteingang)
        .map(|d| Auswahl { wert: d.id.clone(), text: d.label.clone() })
        .collect()
}

pub(super) fn rollen() -> Vec<Auswahl> {
    Rolle::alle().into_iter().map(|r| Auswahl { wert: r.as_str().to_owned(), text: r.label().to_owned() }).collect()
}

fn merkmalgruppen(k: &Katalog) -> Vec<Merkmalgruppe> {
    k.schluesselgruppen
        .iter()
        .map(|g| Merkmalgruppe {
            text: g.label.clone(),
            merkmale: k
                .merkmale
                .iter()
                .filter(|m| m.gruppe == g.id)
                .map(|m| Auswahl { wert: m.id.clone(), text: m.label.clone() })
                .collect(),
        })
        .collect()
}

const ERSTGESPRAECH: &str = "gespraechsdauer-erstgespraech_minuten";
const FOLGEGESPRAECH: &str = "gespraechsdauer-folgegespraech_minuten";

/// P11: the stored durations as form values (empty: not set).
fn dauer_werte(d: &Gespraechsdauer) -> Formular {
    let text = |m: Option<u16>| m.map(|m| m.to_string()).unwrap_or_default();
    Formular(vec![
        (ERSTGESPRAECH.to_owned(), text(d.erstgespraech_minuten)),
        (FOLGEGESPRAECH.to_owned(), text(d.folgegespraech_minuten)),
    ])
}

/// K1 rows: every Profillage with the catalogue's defaults and the typed or stored values
/// (`werte`: field name → text).
fn kontaktzeilen(k: &Katalog, werte: &BTreeMap<String, String>, rm: &Rueckmeldung) -> Vec<Kontaktzeile> {
    k.profillagen
        .iter()
        .map(|p| Kontaktzeile {
            profillage: p.id.label(),
            nur: p.nur_rechtskreis.map(|r| format!("nur {}", r.label())).unwrap_or_default(),
            felder: KONTAKTDICHTE_TABELLEN.map(|(tabelle, gruppe, jung)| {
                let name = format!("{tabelle}.{}", p.id.id());
                let id = feld_id(&name);
                Kontaktfeld {
                    fehler: rm.zu(&id).map(str::to_owned),
                    wert: werte.get(&name).cloned().unwrap_or_default(),
                    name,
                    id,
                    gruppe,
                    katalog: k.kontaktdichte.tage(p.id, jung),
                }
            }),
        })
        .collect()
}

/// K1: the stored tables as field name → text.
fn kontaktwerte(d: &Dienststelle) -> BTreeMap<String, String> {
    KONTAKTDICHTE_TABELLEN
        .iter()
        .zip([&d.kontaktdichte_tage, &d.kontaktdichte_tage_unter_25])
        .flat_map(|((tabelle, ..), werte)| werte.iter().map(move |(k, v)| (format!("{tabelle}.{k}"), v.to_string())))
        .collect()
}

fn strategiezeilen(k: &Katalog, lokale: &[LokaleStrategie], rm: &Rueckmeldung) -> Vec<Strategiezeile> {
    lokale
        .iter()
        .enumerate()
        .map(|(i, l)| {
            let fid = |f: &str| feld_id(&format!("lokale_strategien[{i}].{f}"));
            let (fid_id, fid_bezeichnung, fid_merkmal) = (fid("id"), fid("bezeichnung"), fid("merkmal"));
            let merkmal = l.merkmal.clone().unwrap_or_default();
            Strategiezeile {
                nr: i + 1,
                id: l.id.clone(),
                bezeichnung: l.bezeichnung.clone(),
                merkmal_text: if merkmal.is_empty() { "übergreifend".to_owned() } else { merkmal_name(k, &merkmal) },
                merkmal,
                fehler_id: rm.zu(&fid_id).map(str::to_owned),
                fehler_bezeichnung: rm.zu(&fid_bezeichnung).map(str::to_owned),
                fehler_merkmal: rm.zu(&fid_merkmal).map(str::to_owned),
                fid_id,
                fid_bezeichnung,
                fid_merkmal,
            }
        })
        .collect()
}

fn leere_strategie() -> LokaleStrategie {
    LokaleStrategie { id: String::new(), bezeichnung: String::new(), merkmal: None }
}

/// The page with what is stored now (the use cases decide who may see it: Administration and
/// Teamleitung); the handlers of refused forms replace the parts the user typed.
async fn laden(z: &Zustand, b: &Angemeldet) -> Result<Verwaltungsseite, AppFehler> {
    let benutzer = z.app.benutzer_liste(&b.akteur).await?;
    let teams = z.app.teams_liste(&b.akteur).await?;
    let konfiguration = z.app.konfiguration_lesen(&b.akteur).await?;
    let katalog = z.app.katalog;
    let teamname = |id: Option<i64>| {
        id.and_then(|id| teams.iter().find(|t| t.id == id)).map(|t| t.name.clone()).unwrap_or_default()
    };
    let benutzer = benutzer
        .into_iter()
        .map(|u| Benutzer {
            team: teamname(u.team_id),
            id: u.id,
            name: u.name,
            login: u.login,
            rolle: u.rolle.label(),
            aktiv: u.aktiv,
            selbst: u.id == b.benutzer_id,
            vfk: u.rolle == Rolle::Vfk,
        })
        .collect();
    let werte = kontaktwerte(&konfiguration);
    let leer = Rueckmeldung::default();
    let mut lokale = konfiguration.lokale_strategien.clone();
    let admin = b.rolle == Rolle::Admin;
    if admin {
        lokale.push(leere_strategie());
    }
    Ok(Verwaltungsseite {
        rahmen: Rahmen::neu(b, "verwaltung"),
        erledigt: None,
        admin,
        benutzer,
        teams: teams.iter().map(|t| Auswahl { wert: t.id.to_string(), text: t.name.clone() }).collect(),
        rollen: rollen(),
        fachdienste: fachdienste(z.app.katalog),
        neu: NeuerBenutzerFormular { rolle: Rolle::Vfk.as_str().to_owned(), ..Default::default() },
        rm_benutzer: Rueckmeldung::default(),
        team_name: String::new(),
        rm_team: Rueckmeldung::default(),
        kontaktdichte: kontaktzeilen(katalog, &werte, &leer),
        rm_kontakt: Rueckmeldung::default(),
        dauer: dauer_werte(&konfiguration.gespraechsdauer),
        dauer_text: konfiguration.gespraechsdauer.text(),
        rm_dauer: Rueckmeldung::default(),
        strategien: strategiezeilen(katalog, &lokale, &leer),
        merkmalgruppen: merkmalgruppen(katalog),
        rm_strategien: Rueckmeldung::default(),
        passwort_hinweis: format!(
            "{MINDESTLAENGE} bis {HOECHSTLAENGE} Zeichen, nicht der Benutzername und kein häufig verwendetes Passwort. \
             Geben Sie es der Person persönlich; sie ändert es nach der ersten Anmeldung unter „Profil“."
        ),
    })
}

/// Points the messages of one field (or of the whole form, `inhalt`) at another input id.
fn umlenken(mut rm: Rueckmeldung, von: &[&str], nach: &str) -> Rueckmeldung {
    for f in rm.fehler.iter_mut().filter(|f| von.contains(&f.id.as_str())) {
        f.id = nach.to_owned();
    }
    rm
}

fn datenschutzseite(b: &Angemeldet, kundennummer: String, rueckmeldung: Rueckmeldung) -> Datenschutzseite {
    Datenschutzseite { rahmen: Rahmen::neu(b, "verwaltung"), kundennummer, rueckmeldung }
}

pub async fn seite(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Query(p): Query<Parameter>,
) -> SeitenErgebnis {
    if b.rolle == Rolle::Datenschutz {
        return Ok(html(&datenschutzseite(&b, String::new(), Rueckmeldung::default())));
    }
    let mut seite = laden(&z, &b).await?;
    seite.erledigt = p.erledigt.map(Erledigt::text);
    Ok(html(&seite))
}

pub async fn benutzer_anlegen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    f: Formular,
) -> SeitenErgebnis {
    let eingabe = NeuerBenutzerFormular {
        name: f.text("name"),
        login: f.text("login"),
        rolle: f.text("rolle"),
        team_id: f.text("team_id"),
        fachdienst: f.text("fachdienst"),
    };
    let passwort = f.0.iter().find(|(n, _)| n == "passwort").map(|(_, w)| w.clone()).unwrap_or_default();
    let ergebnis = async {
        let rolle: Rolle =
            eingabe.rolle.parse().map_err(|_| AppFehler::ungueltig("rolle", "Bitte eine Rolle auswählen."))?;
        let team_id = f.zahl::<i64>("team_id", "Team")?;
        let fachdienst = f.wert("fachdienst").map(str::to_owned);
        let neu = NeuerBenutzer {
            login: eingabe.login.clone(),
            name: eingabe.name.clone(),
            rolle,
            team_id,
            passwort,
            fachdienst,
        };
        z.app.benutzer_anlegen(Some(&b.akteur), b.dienststelle_id, neu).await
    }
    .await;
    match ergebnis {
        Ok(_) => Ok(weiter_zu(&format!("{}#h-benutzer", Erledigt::Benutzer.nach("/verwaltung")))),
        Err(e) => {
            // A login that is taken is a correction of the field "Benutzername".
            let rm = umlenken(Rueckmeldung::aus(e)?, &["inhalt"], "login");
            let mut seite = laden(&z, &b).await?;
            seite.neu = eingabe;
            let status = rm.status();
            seite.rm_benutzer = rm;
            Ok(mit_status(&seite, status))
        }
    }
}

async fn benutzer_finden(z: &Zustand, b: &Angemeldet, bid: &str) -> Result<Benutzer, AppFehler> {
    let bid = nummer(bid, "Der Benutzer")?;
    let u = z
        .app
        .benutzer_liste(&b.akteur)
        .await?
        .into_iter()
        .find(|u| u.id == bid)
        .ok_or(AppFehler::NichtGefunden("Der Benutzer"))?;
    Ok(Benutzer {
        id: u.id,
        name: u.name,
        login: u.login,
        rolle: u.rolle.label(),
        team: String::new(),
        aktiv: u.aktiv,
        selbst: u.id == b.benutzer_id,
        vfk: u.rolle == Rolle::Vfk,
    })
}

/// The confirmation step before an account is deactivated.
pub async fn deaktivieren_fragen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path(bid): Path<String>,
) -> SeitenErgebnis {
    let u = benutzer_finden(&z, &b, &bid).await?;
    Ok(html(&Deaktivierenseite { rahmen: Rahmen::neu(&b, "verwaltung"), b: u }))
}

pub async fn deaktivieren(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path(bid): Path<String>,
) -> SeitenErgebnis {
    let bid = nummer(&bid, "Der Benutzer")?;
    z.app.benutzer_deaktivieren(&b.akteur, bid).await?;
    Ok(weiter_zu(&format!("{}#h-benutzer", Erledigt::Deaktiviert.nach("/verwaltung"))))
}

pub async fn team_anlegen(State(z): State<Zustand>, SeitenBenutzer(b): SeitenBenutzer, f: Formular) -> SeitenErgebnis {
    let name = f.text("team_name");
    match z.app.team_anlegen_als(&b.akteur, &name).await {
        Ok(_) => Ok(weiter_zu(&format!("{}#h-teams", Erledigt::Team.nach("/verwaltung")))),
        Err(e) => {
            let rm = umlenken(Rueckmeldung::aus(e)?, &["name", "inhalt"], "team_name");
            let mut seite = laden(&z, &b).await?;
            seite.team_name = name;
            let status = rm.status();
            seite.rm_team = rm;
            Ok(mit_status(&seite, status))
        }
    }
}

/// K1: empty fields fall back to the catalogue; the rest of the configuration stays as stored.
pub async fn kontaktdichte_speichern(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    f: Formular,
) -> SeitenErgebnis {
    let katalog = z.app.katalog;
    let ergebnis = async {
        // Every unreadable number at once.
        let mut tabellen = [BTreeMap::new(), BTreeMap::new()];
        let mut fehler = Vec::new();
        for ((tabelle, gruppe, _), werte) in KONTAKTDICHTE_TABELLEN.iter().zip(&mut tabellen) {
            for p in &katalog.profillagen {
                let name = format!("{tabelle}.{}", p.id.id());
                match f.zahl::<u32>(&name, &format!("Tage für {}{gruppe}", p.id.label())) {
                    Ok(Some(t)) => {
                        werte.insert(p.id.id().to_owned(), t);
                    }
                    Ok(None) => {}
                    Err(e) => fehler.push(e),
                }
            }
        }
        AppFehler::alle(fehler)?;
        let [alle, jung] = tabellen;
        let alt = z.app.konfiguration_lesen(&b.akteur).await?;
        z.app
            .konfiguration_setzen(
                &b.akteur,
                Dienststelle { kontaktdichte_tage: alle, kontaktdichte_tage_unter_25: jung, ..alt },
            )
            .await
    }
    .await;
    match ergebnis {
        Ok(_) => Ok(weiter_zu(&format!("{}#h-kontaktdichte", Erledigt::Kontaktdichte.nach("/verwaltung")))),
        Err(e) => {
            let rm = Rueckmeldung::aus(e)?;
            let mut seite = laden(&z, &b).await?;
            let getippt = f.0.iter().cloned().collect();
            seite.kontaktdichte = kontaktzeilen(katalog, &getippt, &rm);
            let status = rm.status();
            seite.rm_kontakt = rm;
            Ok(mit_status(&seite, status))
        }
    }
}

/// P11: the durations of Erstgespräch and Folgegespräch; empty: the recommendation (60 minutes)
/// or case by case.
pub async fn gespraechsdauer_speichern(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    f: Formular,
) -> SeitenErgebnis {
    let ergebnis = async {
        let gespraechsdauer = Gespraechsdauer {
            erstgespraech_minuten: f.zahl(ERSTGESPRAECH, "Erstgespräch")?,
            folgegespraech_minuten: f.zahl(FOLGEGESPRAECH, "Folgegespräch")?,
        };
        let alt = z.app.konfiguration_lesen(&b.akteur).await?;
        z.app.konfiguration_setzen(&b.akteur, Dienststelle { gespraechsdauer, ..alt }).await
    }
    .await;
    match ergebnis {
        Ok(_) => Ok(weiter_zu(&format!("{}#h-gespraechsdauer", Erledigt::Gespraechsdauer.nach("/verwaltung")))),
        Err(e) => {
            let rm = beschriften(
                Rueckmeldung::aus(e)?,
                &[(ERSTGESPRAECH, "Erstgespräch"), (FOLGEGESPRAECH, "Folgegespräch")],
            );
            let mut seite = laden(&z, &b).await?;
            seite.dauer = f;
            let status = rm.status();
            seite.rm_dauer = rm;
            Ok(mit_status(&seite, status))
        }
    }
}

/// The rows of the repeating group as typed; rows left completely empty and rows marked
/// "entfernen" are dropped (so the row numbers match the use case's field names).
fn strategien_aus(f: &Formular) -> Vec<LokaleStrategie> {
    let roh = |name: &str| -> Vec<String> {
        f.0.iter().filter(|(n, _)| n == name).map(|(_, w)| w.trim().to_owned()).collect()
    };
    let (ids, bezeichnungen, merkmale) = (roh("ls_id"), roh("ls_bezeichnung"), roh("ls_merkmal"));
    let entfernen: Vec<usize> = f.alle("ls_entfernen").iter().filter_map(|n| n.parse().ok()).collect();
    ids.into_iter()
        .enumerate()
        .filter(|(i, _)| !entfernen.contains(&(i + 1)))
        .map(|(i, id)| LokaleStrategie {
            id,
            bezeichnung: bezeichnungen.get(i).cloned().unwrap_or_default(),
            merkmal: merkmale.get(i).filter(|m| !m.is_empty()).cloned(),
        })
        .filter(|l| !(l.id.is_empty() && l.bezeichnung.is_empty()))
        .collect()
}

/// S11: saves the local strategies, or adds an empty row ("Weitere Zeile") without saving.
pub async fn strategien_speichern(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    f: Formular,
) -> SeitenErgebnis {
    let katalog = z.app.katalog;
    let mut lokale = strategien_aus(&f);
    if f.wert("aktion") == Some("zeile") {
        let mut seite = laden(&z, &b).await?;
        if !seite.admin {
            return Err(AppFehler::Verboten("Die Dienststelle konfiguriert die Administration.".into()).into());
        }
        lokale.push(leere_strategie());
        seite.strategien = strategiezeilen(katalog, &lokale, &Rueckmeldung::default());
        return Ok(html(&seite));
    }
    let ergebnis = async {
        let alt = z.app.konfiguration_lesen(&b.akteur).await?;
        z.app.konfiguration_setzen(&b.akteur, Dienststelle { lokale_strategien: lokale.clone(), ..alt }).await
    }
    .await;
    match ergebnis {
        Ok(_) => Ok(weiter_zu(&format!("{}#h-strategien", Erledigt::LokaleStrategien.nach("/verwaltung")))),
        Err(e) => {
            // A strategy still chosen in cases cannot go (S11): the message belongs to the group.
            let rm = umlenken(Rueckmeldung::aus(e)?, &["inhalt"], "lokale_strategien");
            let mut seite = laden(&z, &b).await?;
            seite.strategien = strategiezeilen(katalog, &lokale, &rm);
            let status = rm.status();
            seite.rm_strategien = rm;
            Ok(mit_status(&seite, status))
        }
    }
}

#[derive(Debug, Deserialize)]
pub struct Fallsuche {
    #[serde(default)]
    kundennummer: String,
}

/// Datenschutz: from a Kundennummer to the access log of the case (nothing of the case is read).
pub async fn fall_suchen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Query(p): Query<Fallsuche>,
) -> SeitenErgebnis {
    match z.app.fall_nach_kundennummer(&b.akteur, &p.kundennummer).await {
        Ok(id) => Ok(weiter_zu(&format!("/kunden/{id}/protokoll"))),
        Err(AppFehler::NichtGefunden(_)) => {
            let rm = Rueckmeldung {
                fehler: vec![Feldfehler {
                    id: "kundennummer".into(),
                    meldung: "Zu dieser Kundennummer gibt es in Ihrer Dienststelle keinen Fall.".into(),
                }],
                ..Default::default()
            };
            Ok(mit_status(&datenschutzseite(&b, p.kundennummer, rm), StatusCode::NOT_FOUND))
        }
        Err(e) => {
            let rm = Rueckmeldung::aus(e)?;
            let status = rm.status();
            Ok(mit_status(&datenschutzseite(&b, p.kundennummer, rm), status))
        }
    }
}
