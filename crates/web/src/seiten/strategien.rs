//! Phase 3 "Strategie bzw. Strategiebündel auswählen" (S1–S14, PK1): the Umsetzungsfahrplan of
//! chosen strategies with their findings, and per open need the catalogue's strategies with
//! guidance and products to choose; adjusting and closing open strategies.

mod angebote;
mod plan;

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::{get, post};
use chrono::NaiveDate;
use vierphasen_app::AppFehler;
use vierphasen_app::fall::{Fallansicht, StrategieAbschluss, StrategieAnpassung, StrategieEingabe};
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::fallakte::{StrategieErgebnis, StrategieWahl};
use vierphasen_domain::{Gruppen, Katalog, KundeId, MerkmalStatus, Schluesselgruppe};

use self::angebote::{Andere, Angebot, Bedarf, Lage, Produktwahl};
use self::plan::Plan;
use super::formular::{BefundZeile, befund_zeilen};
use super::gespeichert::{Gespeichert, Hinweis};
use super::ziel::{Fallkopf, wirksame_profillage};
use super::{
    FallPfad, FallZeile, Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, html, mit_status, weiter_zu,
};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/kunden/{id}/strategien", get(seite).post(waehlen))
        .route("/kunden/{id}/strategien/{sid}/anpassen", post(anpassen))
        .route("/kunden/{id}/strategien/{sid}/abschliessen", post(abschliessen))
}

/// The values of one form on this page: a proposal, the stored values, or what was typed.
#[derive(Debug, Clone, Default)]
pub struct Formularwerte {
    pub beginn: String,
    pub ende: String,
    pub reihenfolge: String,
    pub ergebnis: String,
    pub erledigt_am: String,
}

impl Formularwerte {
    fn vorschlag(heute: NaiveDate, ende: Option<NaiveDate>, reihenfolge: Option<usize>) -> Formularwerte {
        Formularwerte {
            beginn: heute.to_string(),
            ende: ende.map(|d| d.to_string()).unwrap_or_default(),
            reihenfolge: reihenfolge.map(|r| r.to_string()).unwrap_or_default(),
            erledigt_am: heute.to_string(),
            ..Formularwerte::default()
        }
    }

    fn aus_wahl(w: &StrategieWahl, heute: NaiveDate) -> Formularwerte {
        Formularwerte {
            beginn: w.beginn.map(|d| d.to_string()).unwrap_or_default(),
            ende: w.ende.map(|d| d.to_string()).unwrap_or_default(),
            reihenfolge: w.reihenfolge.map(|r| r.to_string()).unwrap_or_default(),
            ergebnis: String::new(),
            erledigt_am: heute.to_string(),
        }
    }

    fn aus(f: &Formular) -> Formularwerte {
        Formularwerte {
            beginn: f.text("beginn"),
            ende: f.text("ende"),
            reihenfolge: f.text("reihenfolge"),
            ergebnis: f.text("ergebnis"),
            erledigt_am: f.text("erledigt_am"),
        }
    }
}

/// The fields the forms of this page send; a reported field outside them points to the form.
const FELDER: [&str; 8] =
    ["strategie", "merkmal", "beginn", "ende", "reihenfolge", "produkte", "ergebnis", "erledigt_am"];

/// S8: the outcomes the VFK sets ("automatisch erledigt" is set only by C2).
const ERGEBNISSE: [(&str, &str); 3] = [
    ("erfolgreich_umgesetzt", "erfolgreich umgesetzt"),
    ("nicht_erfolgreich_umgesetzt", "nicht erfolgreich umgesetzt"),
    ("storniert", "storniert"),
];

#[derive(Template)]
#[template(path = "strategien.html")]
struct Strategieseite {
    rahmen: Rahmen,
    kopf: Fallkopf,
    gespeichert: Option<&'static str>,
    profiling_vorhanden: bool,
    /// S-rule findings about the whole plan (S1 need without strategy, S10 order).
    fallbefunde: Vec<BefundZeile>,
    plan: Plan,
    bedarfe: Vec<Bedarf>,
    uebergreifend: Vec<Angebot>,
    lokale: Vec<Angebot>,
    andere: Andere,
    ergebnisse: [(&'static str, &'static str); 3],
    /// The key of the form the feedback belongs to.
    formular: String,
    /// The feedback belongs to a form no longer shown (e.g. a strategy closed meanwhile).
    rueckmeldung_oben: bool,
    rueckmeldung: Rueckmeldung,
}

impl Strategieseite {
    /// The message for one input of one form (ids are `<form key>-<field>`).
    fn fehler_zu(&self, schluessel: &str, feld: &str) -> Option<&str> {
        self.rueckmeldung.zu(&format!("{schluessel}-{feld}"))
    }
}

/// Builds the page; `eingabe` is a refused form to show again with what was typed.
fn seite_bauen(
    b: &Angemeldet,
    fall: &Fallansicht,
    katalog: &Katalog,
    heute: NaiveDate,
    gespeichert: Option<&'static str>,
    eingabe: Option<&Formular>,
    mut rueckmeldung: Rueckmeldung,
) -> Strategieseite {
    let profiling = fall.fallakte.profiling.last();
    let gruppen: Gruppen = profiling
        .map(|p| {
            p.merkmale
                .iter()
                .filter(|m| m.status == MerkmalStatus::Handlungsbedarf)
                .filter_map(|m| katalog.finde_merkmal(&m.merkmal))
                .map(|r| katalog.merkmal(r).gruppe)
                .filter(|g| *g != Schluesselgruppe::Arbeitsmarktbedingungen)
                .collect()
        })
        .unwrap_or_default();
    let lage = Lage {
        katalog,
        fall,
        rechtskreis: fall.stammdaten.rechtskreis,
        segment: fall.stammdaten.segment,
        profillage: wirksame_profillage(fall),
        gruppen,
        heute,
        absolventenmanagement_ab: angebote::absolventenmanagement_ab(
            katalog,
            &fall.fallakte.strategien,
            eingabe.and_then(|f| Some((f.wert("strategie")?, f.datum("ende", "").ok()??))),
        ),
    };
    let fallbefunde: Vec<_> = fall
        .pruefung
        .befunde
        .iter()
        .filter(|b| b.regel.id().starts_with('S') && !b.bezug.starts_with("strategien["))
        .cloned()
        .collect();
    let bedarfe = lage.bedarfe();
    let lokale = lage.lokale_uebrige(&bedarfe);
    let mut seite = Strategieseite {
        rahmen: Rahmen::neu(b, "kunden"),
        kopf: Fallkopf::aus(fall),
        gespeichert,
        profiling_vorhanden: profiling.is_some(),
        fallbefunde: befund_zeilen(&fallbefunde),
        plan: lage.plan(),
        bedarfe,
        uebergreifend: lage.uebergreifend(),
        lokale,
        andere: lage.andere(),
        ergebnisse: ERGEBNISSE,
        formular: String::new(),
        rueckmeldung_oben: false,
        rueckmeldung: Rueckmeldung::default(),
    };
    if let Some(f) = eingabe {
        seite.formular = seite.eingabe_zeigen(f);
        seite.rueckmeldung_oben = seite.formular.is_empty();
        let praefix = if seite.rueckmeldung_oben { String::new() } else { format!("{}-", seite.formular) };
        for fehler in &mut rueckmeldung.fehler {
            let feld = if FELDER.contains(&fehler.id.as_str()) { fehler.id.as_str() } else { "inhalt" };
            fehler.id = format!("{praefix}{feld}");
        }
        seite.rueckmeldung = rueckmeldung;
    }
    seite
}

fn produkte_setzen(produkte: &mut [Produktwahl], f: &Formular) {
    let gewaehlt = f.alle("produkte");
    for p in produkte {
        p.gewaehlt = gewaehlt.contains(&p.id.as_str());
    }
}

impl Strategieseite {
    /// Puts the typed values into the submitted form and returns its key; a choice whose form
    /// is not on the page goes to the free choice form; otherwise "" (feedback at the top).
    fn eingabe_zeigen(&mut self, f: &Formular) -> String {
        let schluessel = f.text("formular");
        let werte = Formularwerte::aus(f);
        let angebote = self
            .bedarfe
            .iter_mut()
            .flat_map(|b| b.angebote.iter_mut())
            .chain(self.uebergreifend.iter_mut())
            .chain(self.lokale.iter_mut());
        for a in angebote {
            if a.schluessel == schluessel && a.gesperrt.is_none() {
                a.werte = werte;
                produkte_setzen(&mut a.produkte, f);
                return schluessel;
            }
        }
        for g in &mut self.plan.offene {
            if schluessel == g.schluessel_anpassen {
                g.werte = werte;
                produkte_setzen(&mut g.auswahl, f);
                g.aufgeklappt = true;
                return schluessel;
            }
            if schluessel == g.schluessel_abschluss {
                g.werte.ergebnis = werte.ergebnis;
                g.werte.erledigt_am = werte.erledigt_am;
                g.aufgeklappt = true;
                return schluessel;
            }
        }
        if !schluessel.starts_with("w-") {
            return String::new();
        }
        let a = &mut self.andere;
        a.werte = werte;
        let strategie = f.text("strategie");
        let merkmal = f.text("merkmal");
        for o in a.strategien.iter_mut().flat_map(|g| g.optionen.iter_mut()) {
            o.gewaehlt = o.id == strategie;
        }
        for o in a.merkmale.iter_mut().flat_map(|g| g.optionen.iter_mut()) {
            o.gewaehlt = o.id == merkmal;
        }
        for g in &mut a.produkte {
            produkte_setzen(&mut g.produkte, f);
        }
        a.produkte_offen = !f.alle("produkte").is_empty();
        "w-andere".to_owned()
    }
}

async fn seite(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    Query(p): Query<Hinweis>,
) -> SeitenErgebnis {
    let fall = z.app.fall_lesen(&b.akteur, id, None).await?;
    let gespeichert = p.text();
    Ok(html(&seite_bauen(&b, &fall, z.app.katalog, z.app.heute(), gespeichert, None, Rueckmeldung::default())))
}

/// After a POST: back to the page with a status message, or the page again with the feedback
/// inside the submitted form.
async fn antwort(
    z: &Zustand,
    b: &Angemeldet,
    id: KundeId,
    ergebnis: Result<Gespeichert, AppFehler>,
    f: &Formular,
) -> SeitenErgebnis {
    match ergebnis {
        Ok(was) => Ok(weiter_zu(&was.nach(format!("/kunden/{id}/strategien")))),
        Err(fehler) => {
            let r = Rueckmeldung::aus(fehler)?;
            let fall = z.app.fall_lesen(&b.akteur, id, None).await?;
            let status = r.status();
            let seite = seite_bauen(b, &fall, z.app.katalog, z.app.heute(), None, Some(f), r);
            Ok(mit_status(&seite, status))
        }
    }
}

fn wahl_eingabe(f: &Formular) -> Result<StrategieEingabe, AppFehler> {
    let strategie = f
        .wert("strategie")
        .ok_or_else(|| AppFehler::ungueltig("strategie", "Handlungsstrategie: bitte eine Strategie wählen"))?
        .to_owned();
    Ok(StrategieEingabe {
        strategie,
        merkmal: f.wert("merkmal").map(str::to_owned),
        beginn: f.datum_pflicht("beginn", "Beginn des Zeitfensters")?,
        ende: f.datum_pflicht("ende", "Ende des Zeitfensters")?,
        reihenfolge: f.zahl("reihenfolge", "Reihenfolge")?,
        produkte: f.alle("produkte").into_iter().map(str::to_owned).collect(),
        bestaetigt: f.bestaetigt(),
    })
}

/// S1–S13: chooses a strategy.
async fn waehlen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let ergebnis = match wahl_eingabe(&f) {
        Ok(e) => z.app.strategie_waehlen(&b.akteur, id, e).await.map(|_| Gespeichert::Strategie),
        Err(e) => Err(e),
    };
    antwort(&z, &b, id, ergebnis, &f).await
}

/// S7/S10/PK1: adjusts the window, order and products of an open strategy.
async fn anpassen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, sid): FallZeile,
    f: Formular,
) -> SeitenErgebnis {
    let eingabe = || -> Result<StrategieAnpassung, AppFehler> {
        Ok(StrategieAnpassung {
            beginn: Some(f.datum_pflicht("beginn", "Beginn des Zeitfensters")?),
            ende: Some(f.datum_pflicht("ende", "Ende des Zeitfensters")?),
            reihenfolge: f.zahl("reihenfolge", "Reihenfolge")?,
            produkte: Some(f.alle("produkte").into_iter().map(str::to_owned).collect()),
            bestaetigt: f.bestaetigt(),
        })
    };
    let ergebnis = match eingabe() {
        Ok(e) => z.app.strategie_anpassen(&b.akteur, id, sid, e).await.map(|_| Gespeichert::StrategieAngepasst),
        Err(e) => Err(e),
    };
    antwort(&z, &b, id, ergebnis, &f).await
}

/// S8: marks an open strategy erledigt with its outcome.
async fn abschliessen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, sid): FallZeile,
    f: Formular,
) -> SeitenErgebnis {
    let eingabe = || -> Result<(StrategieAbschluss, Gespeichert), AppFehler> {
        let (ergebnis, gespeichert) = match f.wert("ergebnis") {
            Some("erfolgreich_umgesetzt") => {
                (StrategieErgebnis::ErfolgreichUmgesetzt, Gespeichert::StrategieErfolgreich)
            }
            Some("nicht_erfolgreich_umgesetzt") => {
                (StrategieErgebnis::NichtErfolgreichUmgesetzt, Gespeichert::StrategieNichtErfolgreich)
            }
            Some("storniert") => (StrategieErgebnis::Storniert, Gespeichert::StrategieStorniert),
            _ => return Err(AppFehler::ungueltig("ergebnis", "Ergebnis: bitte ein Ergebnis wählen (S8)")),
        };
        let erledigt_am = f.datum_pflicht("erledigt_am", "Erledigt am")?;
        Ok((StrategieAbschluss { ergebnis, erledigt_am, bestaetigt: f.bestaetigt() }, gespeichert))
    };
    let ergebnis = match eingabe() {
        Ok((e, gespeichert)) => z.app.strategie_abschliessen(&b.akteur, id, sid, e).await.map(|_| gespeichert),
        Err(e) => Err(e),
    };
    antwort(&z, &b, id, ergebnis, &f).await
}
