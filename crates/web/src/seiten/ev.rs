//! Phase 4, the Eingliederungsvereinbarung or, in SGB II since 1 July 2023, the Kooperationsplan
//! (E1–E7, DOMAIN §7.1): the versions, a draft prefilled from goal and strategies (E6), its
//! editor, and the record of signature and handover after which a version is
//! immutable (E5).

mod dokument;
mod editor;

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::routing::{get, post};
use chrono::NaiveDate;
use vierphasen_app::AppFehler;
use vierphasen_app::fall::{EvAbschluss, EvAushaendigung, EvBearbeitung, EvEntwurf, Fallansicht};
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::fallakte::{Eigenbemuehungen, Eingliederungsvereinbarung, Turnus, Vereinbarungsart};
use vierphasen_domain::regeln::ev::gueltigkeit_monate;
use vierphasen_domain::{Katalog, KundeId, Rechtskreis};

use self::dokument::{
    Aufgabenliste, Version, abschluss_wort, art_name, aus_schluessel, gruppieren, gueltige_name, version,
};
use self::editor::{Auswahl, Bausteine, Gruppe, Zeile};
use super::anzeige::datum_text;
use super::formular::{BefundZeile, Feldfehler, befund_zeilen, feld_id};
use super::gespeichert::{Gespeichert, Hinweis};
use super::{
    FallPfad, FallZeile, Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, SeitenFehler, html,
    mit_status, weiter_zu,
};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/kunden/{id}/ev", get(anzeigen).post(entwerfen))
        .route("/kunden/{id}/ev/{ev_id}", post(bearbeiten))
        .route("/kunden/{id}/ev/{ev_id}/abschluss", post(abschliessen))
        .route("/kunden/{id}/ev/{ev_id}/aushaendigung", post(aushaendigen))
}

/// The customer the page is about.
#[derive(Debug)]
pub struct Kopf {
    pub id: i64,
    pub name: String,
    pub kundennummer: String,
    pub rechtskreis: &'static str,
    pub sgb2: bool,
}

pub fn kopf(a: &Fallansicht) -> Kopf {
    let s = &a.stammdaten;
    Kopf {
        id: s.id,
        name: format!("{} {}", s.vorname, s.nachname),
        kundennummer: s.kundennummer.clone(),
        rechtskreis: s.rechtskreis.label(),
        sgb2: s.rechtskreis == Rechtskreis::SgbII,
    }
}

/// E2: months of validity for an agreement concluded today.
fn regel_monate(a: &Fallansicht, katalog: &Katalog, heute: NaiveDate) -> u32 {
    let alter = heute.years_since(a.stammdaten.geburtsdatum).map_or(0, |j| i32::try_from(j).unwrap_or(i32::MAX));
    gueltigkeit_monate(a.stammdaten.rechtskreis, alter, &katalog.parameter.ev)
}

/// E3: the latest review date of version `i`, when it is the one in force.
fn spaetestens(a: &Fallansicht, i: usize) -> Option<String> {
    let bezug = format!("eingliederungsvereinbarungen[{i}]");
    a.pruefung.fristen.iter().find(|f| f.regel == "E3" && f.bezug == bezug).map(|f| datum_text(f.spaetestens))
}

/// The draft being edited.
#[derive(Debug)]
pub struct Entwurfsansicht {
    pub id: i64,
    pub art: &'static str,
    pub kp: bool,
    pub erstellt: String,
    pub gruppen: Vec<Gruppe>,
    pub auswahl: Vec<Auswahl>,
    pub gueltig_bis: String,
    pub regel_monate: u32,
    pub bausteine: Vec<Bausteine>,
    /// "unterschrieben" (EV) or "vereinbart" (Kooperationsplan).
    pub wort: &'static str,
    /// The values of the single fields (Zwischenziel, Eigenbemühungen, signature, handover): as
    /// stored, or as typed before a refusal.
    pub werte: Formular,
    /// E4: the choices of the Eigenbemühungen's period (id, label).
    pub turnus: Vec<(&'static str, &'static str)>,
}

/// The version in force, read-only (E5).
#[derive(Debug)]
pub struct Gueltige {
    pub id: i64,
    /// "Gültige Eingliederungsvereinbarung", "Gültiger Kooperationsplan".
    pub titel: &'static str,
    pub wort: &'static str,
    pub abgeschlossen: String,
    /// E5: the two signatures when given on different days ("Kundin/Kunde am …, Fachkraft am …").
    pub unterschriften: String,
    pub ausgehaendigt: String,
    pub gueltig_bis: String,
    pub zwischenziel: String,
    /// E4: "mindestens 4 Bewerbungen je Monat vom … bis …".
    pub eigenbemuehungen: String,
    pub listen: Vec<Aufgabenliste>,
    /// E5: no handover recorded yet: the form offers it, with this date.
    pub aushaendigung: Option<String>,
}

#[derive(Template)]
#[template(path = "ev.html")]
struct Evseite {
    rahmen: Rahmen,
    k: Kopf,
    befunde: Vec<BefundZeile>,
    versionen: Vec<Version>,
    entwurf: Option<Entwurfsansicht>,
    gueltige: Option<Gueltige>,
    /// SGB II chooses between EV and Kooperationsplan; the value preselected.
    art_wahl: bool,
    art: String,
    rueckmeldung: Rueckmeldung,
    /// The form the feedback belongs to: `entwurf`, `bearbeiten` or `abschluss`.
    formular: &'static str,
    /// A refusal of the whole request (E5: immutable; a draft exists already).
    konflikt: Option<String>,
    gespeichert: Option<&'static str>,
}

/// What the user typed, shown again after a refusal (instead of the stored values).
#[derive(Debug, Default)]
struct Eingaben {
    ev_id: Option<i64>,
    zeilen: Option<Vec<Zeile>>,
    gueltig_bis: Option<String>,
    /// The single fields as typed.
    formular: Option<Formular>,
    art: Option<String>,
}

fn seite(b: &Angemeldet, a: &Fallansicht, katalog: &Katalog, heute: NaiveDate, e: Eingaben) -> Evseite {
    let rk = a.stammdaten.rechtskreis;
    let evs = &a.fallakte.eingliederungsvereinbarungen;
    let ids = &a.ids.eingliederungsvereinbarungen;
    let versionen =
        evs.iter().zip(ids).enumerate().rev().map(|(i, (ev, id))| version(*id, ev, spaetestens(a, i))).collect();
    let entwurf = evs
        .iter()
        .zip(ids)
        .rposition(|(ev, _)| ev.abgeschlossen_am.is_none() && ev.ersetzt_am.is_none())
        .map(|i| entwurfsansicht(a, katalog, heute, i, &e));
    let gueltige = evs
        .iter()
        .enumerate()
        .filter(|(_, ev)| ev.abgeschlossen_am.is_some() && ev.ersetzt_am.is_none())
        .max_by_key(|(_, ev)| ev.abgeschlossen_am)
        .map(|(i, ev)| {
            let mut g = gueltige(ids[i], ev, rk, spaetestens(a, i));
            if ev.ausgehaendigt_am.is_none() {
                let getippt =
                    e.formular.as_ref().filter(|_| e.ev_id == Some(ids[i])).map(|f| f.text("ausgehaendigt_am"));
                g.aushaendigung = Some(getippt.unwrap_or_else(|| heute.to_string()));
            }
            g
        });
    let befunde: Vec<_> =
        a.pruefung.befunde.iter().filter(|x| x.bezug.starts_with("eingliederungsvereinbarungen")).cloned().collect();
    Evseite {
        rahmen: Rahmen::neu(b, "kunden"),
        k: kopf(a),
        befunde: befund_zeilen(&befunde),
        versionen,
        entwurf,
        gueltige,
        art_wahl: rk == Rechtskreis::SgbII,
        art: e.art.unwrap_or_else(|| "kooperationsplan".into()),
        rueckmeldung: Rueckmeldung::default(),
        formular: "",
        konflikt: None,
        gespeichert: None,
    }
}

fn entwurfsansicht(a: &Fallansicht, katalog: &Katalog, heute: NaiveDate, i: usize, e: &Eingaben) -> Entwurfsansicht {
    let ev = &a.fallakte.eingliederungsvereinbarungen[i];
    let id = a.ids.eingliederungsvereinbarungen[i];
    let eigene = e.ev_id == Some(id);
    let zeilen = match &e.zeilen {
        Some(z) if eigene => z.clone(),
        _ => editor::aus_vereinbarung(&ev.aufgaben),
    };
    let geordnet = editor::ordnen(&zeilen);
    let werte = match &e.formular {
        Some(f) if eigene => f.clone(),
        _ => gespeicherte_werte(ev, heute),
    };
    Entwurfsansicht {
        id,
        art: art_name(ev.art),
        kp: ev.art == Vereinbarungsart::Kooperationsplan,
        erstellt: datum_text(ev.erstellt_am),
        bausteine: editor::bausteine(&a.fallakte, katalog, &geordnet),
        gruppen: editor::gruppen(geordnet, ev.art, a.stammdaten.rechtskreis),
        auswahl: editor::auswahl(),
        gueltig_bis: match &e.gueltig_bis {
            Some(g) if eigene => g.clone(),
            _ => ev.gueltig_bis.map(|d| d.to_string()).unwrap_or_default(),
        },
        regel_monate: regel_monate(a, katalog, heute),
        wort: abschluss_wort(ev.art),
        werte,
        turnus: Turnus::ALLE.iter().map(|t| (t.id(), t.label())).collect(),
    }
}

/// The single fields of a draft as the form shows them: the stored values, and today for
/// signature and handover.
fn gespeicherte_werte(ev: &Eingliederungsvereinbarung, heute: NaiveDate) -> Formular {
    let mut w = vec![("zwischenziel".to_owned(), ev.zwischenziel.clone().unwrap_or_default())];
    if let Some(e) = &ev.eigenbemuehungen {
        w.push(("eigenbemuehungen-anzahl".into(), e.anzahl.to_string()));
        w.push(("eigenbemuehungen-turnus".into(), e.turnus.id().into()));
        w.push(("eigenbemuehungen-von".into(), e.von.to_string()));
        w.push(("eigenbemuehungen-bis".into(), e.bis.to_string()));
        w.push(("eigenbemuehungen-nachweis".into(), e.nachweis.clone().unwrap_or_default()));
    }
    for feld in ["abgeschlossen_am", "unterschrift_kunde_am", "unterschrift_fachkraft_am", "ausgehaendigt_am"] {
        w.push((feld.into(), heute.to_string()));
    }
    Formular(w)
}

/// E4: the Eigenbemühungen of the form; all empty is none.
fn eigenbemuehungen(f: &Formular) -> Result<Option<Eigenbemuehungen>, AppFehler> {
    let felder =
        ["eigenbemuehungen-anzahl", "eigenbemuehungen-von", "eigenbemuehungen-bis", "eigenbemuehungen-nachweis"];
    if felder.iter().all(|n| f.wert(n).is_none()) {
        return Ok(None);
    }
    let anzahl = f
        .zahl("eigenbemuehungen-anzahl", "Anzahl der Bewerbungen")?
        .ok_or_else(|| AppFehler::ungueltig("eigenbemuehungen.anzahl", "Anzahl der Bewerbungen: bitte angeben"))?;
    let turnus = f
        .wert("eigenbemuehungen-turnus")
        .and_then(Turnus::aus_id)
        .ok_or_else(|| AppFehler::ungueltig("eigenbemuehungen.turnus", "bitte „je Woche“ oder „je Monat“ wählen"))?;
    Ok(Some(Eigenbemuehungen {
        anzahl,
        turnus,
        von: f.datum_pflicht("eigenbemuehungen-von", "Eigenbemühungen vom")?,
        bis: f.datum_pflicht("eigenbemuehungen-bis", "Eigenbemühungen bis")?,
        nachweis: f.wert("eigenbemuehungen-nachweis").map(str::to_owned),
    }))
}

fn gueltige(id: i64, ev: &Eingliederungsvereinbarung, rk: Rechtskreis, spaetestens: Option<String>) -> Gueltige {
    let v = version(id, ev, spaetestens);
    Gueltige {
        id,
        titel: gueltige_name(ev.art),
        wort: abschluss_wort(ev.art),
        abgeschlossen: ev.abgeschlossen_am.map(datum_text).unwrap_or_default(),
        unterschriften: match (ev.unterschrift_kunde_am, ev.unterschrift_fachkraft_am) {
            (Some(k), Some(f)) if k != f => {
                format!("Kundin bzw. Kunde am {}, Fachkraft am {}", datum_text(k), datum_text(f))
            }
            _ => String::new(),
        },
        ausgehaendigt: v.ausgehaendigt,
        gueltig_bis: v.gueltig_bis,
        zwischenziel: ev.zwischenziel.clone().unwrap_or_default(),
        eigenbemuehungen: ev.eigenbemuehungen.as_ref().map(Eigenbemuehungen::text).unwrap_or_default(),
        listen: gruppieren(&ev.aufgaben, ev.art, rk),
        aushaendigung: None,
    }
}

async fn anzeigen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    Query(p): Query<Hinweis>,
) -> SeitenErgebnis {
    let a = z.app.fall_lesen(&b.akteur, id, None).await?;
    let mut s = seite(&b, &a, z.app.katalog, z.app.heute(), Eingaben::default());
    s.gespeichert = p.text();
    Ok(html(&s))
}

/// The page again after a refused or unfinished submission, with what was typed; `geladen` is
/// the case when the handler has read it already (one logged read per request).
async fn erneut(
    z: &Zustand,
    b: &Angemeldet,
    (id, geladen): (KundeId, Option<Fallansicht>),
    formular: &'static str,
    ablehnung: Ablehnung,
    eingaben: Eingaben,
) -> SeitenErgebnis {
    let a = match geladen {
        Some(a) => a,
        None => z.app.fall_lesen(&b.akteur, id, None).await?,
    };
    let mut s = seite(b, &a, z.app.katalog, z.app.heute(), eingaben);
    let status = match ablehnung {
        Ablehnung::Keine => StatusCode::OK,
        Ablehnung::Konflikt(m) => {
            s.konflikt = Some(m);
            StatusCode::CONFLICT
        }
        Ablehnung::Rueckmeldung(r) => {
            let status = r.status();
            s.rueckmeldung = r;
            status
        }
    };
    s.formular = formular;
    Ok(mit_status(&s, status))
}

#[derive(Debug)]
enum Ablehnung {
    /// Not refused: only rows were added.
    Keine,
    Konflikt(String),
    Rueckmeldung(Rueckmeldung),
}

/// A refusal by the use case; field messages get the name of their field, task messages land at
/// the row they came from.
fn ablehnung(fehler: AppFehler, herkunft: &[Zeile]) -> Result<Ablehnung, SeitenFehler> {
    Ok(match fehler {
        AppFehler::Konflikt(m) => Ablehnung::Konflikt(m),
        AppFehler::Ungueltig { feld, meldung } => {
            let f = editor::zur_zeile(&feld, &meldung, herkunft).unwrap_or_else(|| {
                let was = match feld.as_str() {
                    "gueltig_bis" => "Gültig bis: ",
                    "abgeschlossen_am" => "Datum des Abschlusses: ",
                    "unterschrift_kunde_am" => "Unterschrift der Kundin bzw. des Kunden: ",
                    "unterschrift_fachkraft_am" => "Unterschrift der Fachkraft: ",
                    "ausgehaendigt_am" => "Ausgehändigt am: ",
                    "zwischenziel" => "Zwischenziel: ",
                    "eigenbemuehungen.anzahl" => "Anzahl der Bewerbungen: ",
                    "eigenbemuehungen.von" => "Eigenbemühungen vom: ",
                    "eigenbemuehungen.bis" => "Eigenbemühungen bis: ",
                    "eigenbemuehungen.nachweis" => "Nachweis: ",
                    "aufgaben" => "Aufgaben: ",
                    "art" => "Art der Vereinbarung: ",
                    _ => "",
                };
                Feldfehler { id: feld_id(&feld), meldung: format!("{was}{meldung}") }
            });
            Ablehnung::Rueckmeldung(Rueckmeldung { fehler: vec![f], ..Default::default() })
        }
        andere => Ablehnung::Rueckmeldung(Rueckmeldung::aus(andere)?),
    })
}

/// E1/E6: a new draft, prefilled by the use case from goal and open strategies.
async fn entwerfen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let art = match f.wert("art") {
        None => Ok(None),
        Some("eingliederungsvereinbarung") => Ok(Some(Vereinbarungsart::Eingliederungsvereinbarung)),
        Some("kooperationsplan") => Ok(Some(Vereinbarungsart::Kooperationsplan)),
        Some(_) => Err(AppFehler::ungueltig("art", "bitte Eingliederungsvereinbarung oder Kooperationsplan wählen")),
    };
    let ergebnis = match art {
        Ok(art) => z.app.ev_entwerfen(&b.akteur, id, EvEntwurf { art, bestaetigt: f.bestaetigt() }).await,
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(_) => Ok(weiter_zu(&Gespeichert::EvEntwurf.nach(format!("/kunden/{id}/ev")))),
        Err(e) => {
            let eingaben = Eingaben { art: f.wert("art").map(str::to_owned), ..Default::default() };
            erneut(&z, &b, (id, None), "entwurf", ablehnung(e, &[])?, eingaben).await
        }
    }
}

/// E4: saves tasks and validity of the draft; "weitere Aufgabe" and "übernehmen" only add a row.
async fn bearbeiten(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, ev_id): FallZeile,
    f: Formular,
) -> SeitenErgebnis {
    let mut zeilen = editor::aus_formular(&f);
    let gueltig_bis = f.text("gueltig_bis");
    let eingaben = |zeilen: Vec<Zeile>| Eingaben {
        ev_id: Some(ev_id),
        zeilen: Some(zeilen),
        gueltig_bis: Some(gueltig_bis.clone()),
        formular: Some(f.clone()),
        ..Default::default()
    };
    if let Some(v) = f.wert("weitere").and_then(aus_schluessel) {
        editor::leere_zeile(&mut zeilen, v, String::new());
        return erneut(&z, &b, (id, None), "bearbeiten", Ablehnung::Keine, eingaben(zeilen)).await;
    }
    if let Some(schluessel) = f.wert("uebernehmen") {
        let a = z.app.fall_lesen(&b.akteur, id, None).await?;
        let baustein = editor::bausteine(&a.fallakte, z.app.katalog, &zeilen)
            .into_iter()
            .flat_map(|g| g.bausteine)
            .find(|x| x.schluessel == schluessel);
        if let Some(x) = baustein {
            editor::leere_zeile(&mut zeilen, x.verantwortlich, x.text);
        }
        return erneut(&z, &b, (id, Some(a)), "bearbeiten", Ablehnung::Keine, eingaben(zeilen)).await;
    }
    let geordnet = editor::ordnen(&zeilen);
    let mut fehler = Vec::new();
    let gueltig = f.datum("gueltig_bis", "Gültig bis").unwrap_or_else(|e| {
        fehler.push(editor::feldfehler(e));
        None
    });
    let eigenbemuehungen = eigenbemuehungen(&f).unwrap_or_else(|e| {
        fehler.push(editor::feldfehler(e));
        None
    });
    let (aufgaben, herkunft) = match editor::aufgaben(&geordnet, &f) {
        Ok(x) => x,
        Err(mut zeilenfehler) => {
            zeilenfehler.append(&mut fehler);
            fehler = zeilenfehler;
            (Vec::new(), Vec::new())
        }
    };
    if !fehler.is_empty() {
        let r = Rueckmeldung { fehler, ..Default::default() };
        return erneut(&z, &b, (id, None), "bearbeiten", Ablehnung::Rueckmeldung(r), eingaben(zeilen)).await;
    }
    let bearbeitung = EvBearbeitung {
        aufgaben,
        eigenbemuehungen,
        zwischenziel: f.wert("zwischenziel").map(str::to_owned),
        gueltig_bis: gueltig,
        bestaetigt: f.bestaetigt(),
    };
    match z.app.ev_bearbeiten(&b.akteur, id, ev_id, bearbeitung).await {
        Ok(_) => Ok(weiter_zu(&Gespeichert::EvBearbeitet.nach(format!("/kunden/{id}/ev")))),
        Err(e) => erneut(&z, &b, (id, None), "bearbeiten", ablehnung(e, &herkunft)?, eingaben(zeilen)).await,
    }
}

/// E5: signature (EV: both signatures; concluded with the later one) or agreement
/// (Kooperationsplan) and handover; immutable from then on.
async fn abschliessen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, ev_id): FallZeile,
    f: Formular,
) -> SeitenErgebnis {
    let eingaben = Eingaben { ev_id: Some(ev_id), formular: Some(f.clone()), ..Default::default() };
    let abschluss = || -> Result<EvAbschluss, AppFehler> {
        let kunde = f.datum("unterschrift_kunde_am", "Unterschrift der Kundin bzw. des Kunden")?;
        let fachkraft = f.datum("unterschrift_fachkraft_am", "Unterschrift der Fachkraft")?;
        let abgeschlossen_am = match (f.datum("abgeschlossen_am", "Vereinbart am")?, kunde, fachkraft) {
            (Some(am), _, _) => am,
            (None, Some(k), Some(v)) => k.max(v),
            (None, None, _) => {
                return Err(AppFehler::ungueltig("unterschrift_kunde_am", "bitte das Datum der Unterschrift angeben"));
            }
            (None, _, None) => {
                return Err(AppFehler::ungueltig(
                    "unterschrift_fachkraft_am",
                    "bitte das Datum der Unterschrift angeben",
                ));
            }
        };
        Ok(EvAbschluss {
            abgeschlossen_am,
            unterschrift_kunde_am: kunde,
            unterschrift_fachkraft_am: fachkraft,
            ausgehaendigt_am: f.datum("ausgehaendigt_am", "Ausgehändigt am")?,
            bestaetigt: f.bestaetigt(),
        })
    };
    let ergebnis = match abschluss() {
        Ok(a) => z.app.ev_abschliessen(&b.akteur, id, ev_id, a).await,
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(_) => Ok(weiter_zu(&Gespeichert::EvAbschluss.nach(format!("/kunden/{id}/ev")))),
        Err(e) => erneut(&z, &b, (id, None), "abschluss", ablehnung(e, &[])?, eingaben).await,
    }
}

/// E5: the handover of the signed copy, recorded afterwards.
async fn aushaendigen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, ev_id): FallZeile,
    f: Formular,
) -> SeitenErgebnis {
    let eingaben = Eingaben { ev_id: Some(ev_id), formular: Some(f.clone()), ..Default::default() };
    let ergebnis = match f.datum_pflicht("ausgehaendigt_am", "Ausgehändigt am") {
        Ok(am) => {
            let a = EvAushaendigung { ausgehaendigt_am: am, bestaetigt: f.bestaetigt() };
            z.app.ev_aushaendigen(&b.akteur, id, ev_id, a).await
        }
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(_) => Ok(weiter_zu(&Gespeichert::EvAusgehaendigt.nach(format!("/kunden/{id}/ev")))),
        Err(e) => {
            // The field has its own id beside a draft's handover field on the same page.
            let mut a = ablehnung(e, &[])?;
            if let Ablehnung::Rueckmeldung(r) = &mut a {
                r.fehler
                    .iter_mut()
                    .filter(|f| f.id == "ausgehaendigt_am")
                    .for_each(|f| f.id = "aushaendigung-am".into());
            }
            erneut(&z, &b, (id, None), "aushaendigung", a, eingaben).await
        }
    }
}
