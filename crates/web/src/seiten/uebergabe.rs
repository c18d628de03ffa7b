//! Issue 13/5, U1: the Rechtskreiswechsel of a case and its Übergabe to the Jobcenter as pages —
//! the Agentur's VFK enters the date and sends the packet from the case (`/kunden/{id}/uebergabe`),
//! the Jobcenter finds it in its Eingang (`/uebergaben`) and takes it over on its page.

use askama::Template;
use axum::Router;
use axum::extract::{Path, Query, State};
use axum::routing::{get, post};
use vierphasen_app::AppFehler;
use vierphasen_app::fall::{Akte, RechtskreiswechselAngabe};
use vierphasen_app::konto::Angemeldet;
use vierphasen_app::uebergabe::{
    RECHTSGRUNDLAGE, Uebergabe, UebergabeEingabe, Uebergabeakte, Uebergabestandard, Uebergabestatus, UebernahmeEingabe,
};
use vierphasen_domain::fallakte::Rechtskreiswechsel;
use vierphasen_domain::regeln::frist::FristStatus;
use vierphasen_domain::zugriff::Rolle;
use vierphasen_domain::{KundeId, Rechtskreis, Regel};

use super::akte::Aktenbild;
use super::anzeige::datum_text;
use super::gespeichert::{Gespeichert, Hinweis};
use super::verwaltung::Auswahl;
use super::{
    FallPfad, Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, beschriften, html, mit_status, weiter_zu,
};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/kunden/{id}/uebergabe", get(fallseite).post(senden))
        .route("/kunden/{id}/uebergabe/rechtskreiswechsel", post(wechsel_speichern))
        .route("/uebergaben", get(liste))
        .route("/uebergaben/{uid}", get(ansehen))
        .route("/uebergaben/{uid}/uebernahme", post(uebernehmen))
        .route("/uebergaben/{uid}/zurueckziehen", post(zurueckziehen))
}

/// A date of the U1 timeline as the case page lists it.
struct Schritt {
    text: String,
    datum: String,
    spaetestens: String,
    status: &'static str,
    art: &'static str,
}

#[derive(Template)]
#[template(path = "uebergabe_fall.html")]
struct Fallseite {
    rahmen: Rahmen,
    a: Aktenbild,
    gespeichert: Option<&'static str>,
    bearbeiten: bool,
    sgb3: bool,
    datum: String,
    antrag: bool,
    erfolgt: bool,
    schritte: Vec<Schritt>,
    partner: Vec<Uebergabestandard>,
    jobcenter_id: String,
    notiz: String,
    uebergaben: Vec<Uebergabe>,
    /// A handover waits: no second one.
    wartet: bool,
    rechtsgrundlage: &'static str,
    /// Which form was refused (`wechsel`, `senden`) and why.
    ort: &'static str,
    rueckmeldung: Rueckmeldung,
}

fn frist_status(s: FristStatus) -> (&'static str, &'static str) {
    match s {
        FristStatus::Offen => ("noch nicht fällig", "info"),
        FristStatus::Faellig => ("fällig", "warning"),
        FristStatus::Ueberfaellig => ("überfällig", "danger"),
        FristStatus::Erledigt => ("erledigt", "success"),
    }
}

async fn fallbild(
    b: &Angemeldet,
    z: &Zustand,
    akte: &Akte,
    f: Option<&Formular>,
    ort: &'static str,
    rueckmeldung: Rueckmeldung,
    gespeichert: Option<&'static str>,
) -> SeitenErgebnis {
    let heute = z.app.heute();
    let s = &akte.ansicht.stammdaten;
    let kunde = &akte.ansicht.fallakte.kunde;
    let wechsel = kunde.rechtskreiswechsel.as_ref();
    let partner: Vec<Uebergabestandard> =
        z.app.uebergabestandards(&b.akteur).await?.into_iter().filter(|p| p.agentur_id == s.dienststelle_id).collect();
    let uebergaben = z.app.uebergaben_des_falls(&b.akteur, KundeId(s.id)).await?;
    let schritte = akte
        .ansicht
        .pruefung
        .fristen
        .iter()
        .filter(|fr| fr.regel == Regel::U1)
        .map(|fr| {
            let (status, art) = frist_status(fr.status);
            Schritt {
                text: fr.bezeichnung.clone(),
                datum: datum_text(fr.datum),
                spaetestens: datum_text(fr.spaetestens),
                status,
                art,
            }
        })
        .collect();
    let status = rueckmeldung.status();
    // What was typed into the refused form; the other form shows what is stored.
    let wechsel_form = f.filter(|_| ort == "wechsel");
    let getippt = |name: &str, sonst: String| f.and_then(|f| f.wert(name)).map_or(sonst, str::to_owned);
    Ok(mit_status(
        &Fallseite {
            rahmen: Rahmen::neu(b, "kunden"),
            a: Aktenbild::aus(akte, z.app.katalog, heute),
            gespeichert,
            bearbeiten: b.akteur.zustaendig_fuer_vfk(s.vfk_id),
            sgb3: s.rechtskreis == Rechtskreis::SgbIII,
            datum: getippt("datum", wechsel.map(|w| w.datum.to_string()).unwrap_or_default()),
            antrag: wechsel_form
                .map_or(wechsel.is_some_and(|w| w.antrag_sgb2_erwartet), |f| f.haken("antrag_sgb2_erwartet")),
            erfolgt: wechsel_form.map_or(wechsel.is_some_and(|w| w.erfolgt), |f| f.haken("erfolgt")),
            schritte,
            jobcenter_id: getippt(
                "jobcenter_id",
                partner.first().map(|p| p.jobcenter_id.to_string()).unwrap_or_default(),
            ),
            partner,
            notiz: getippt("notiz", String::new()),
            wartet: uebergaben.iter().any(|u| u.status == Uebergabestatus::Gesendet),
            uebergaben,
            rechtsgrundlage: RECHTSGRUNDLAGE,
            ort,
            rueckmeldung,
        },
        status,
    ))
}

async fn fallseite(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    Query(h): Query<Hinweis>,
) -> SeitenErgebnis {
    let akte = z.app.akte_lesen(&b.akteur, id, None).await?;
    fallbild(&b, &z, &akte, None, "", Rueckmeldung::default(), h.text()).await
}

async fn zurueck_zum_fall(
    b: &Angemeldet,
    z: &Zustand,
    id: KundeId,
    f: &Formular,
    ort: &'static str,
    e: AppFehler,
) -> SeitenErgebnis {
    let r = beschriften(
        Rueckmeldung::aus(e)?,
        &[("datum", "Ende des Arbeitslosengeldes"), ("jobcenter_id", "Jobcenter"), ("notiz", "Übergabenotiz")],
    );
    let akte = z.app.akte_lesen(&b.akteur, id, None).await?;
    fallbild(b, z, &akte, Some(f), ort, r, None).await
}

/// U1: the date of the change (empty: removed), whether an SGB II application is expected, and
/// on the SGB II side whether it has happened.
async fn wechsel_speichern(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let ergebnis = match f.datum("datum", "Ende des Arbeitslosengeldes") {
        Ok(datum) => {
            let rechtskreiswechsel = datum.map(|datum| Rechtskreiswechsel {
                datum,
                antrag_sgb2_erwartet: f.haken("antrag_sgb2_erwartet"),
                erfolgt: f.haken("erfolgt"),
                erstgespraech_bis: None,
            });
            z.app.rechtskreiswechsel_setzen(&b.akteur, id, RechtskreiswechselAngabe { rechtskreiswechsel }).await
        }
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(_) => Ok(weiter_zu(&Gespeichert::Rechtskreiswechsel.nach(format!("/kunden/{id}/uebergabe")))),
        Err(e) => zurueck_zum_fall(&b, &z, id, &f, "wechsel", e).await,
    }
}

async fn senden(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let ergebnis = match f.zahl::<i64>("jobcenter_id", "Jobcenter") {
        Ok(Some(jobcenter_id)) => {
            z.app.uebergabe_senden(&b.akteur, id, UebergabeEingabe { jobcenter_id, notiz: f.text("notiz") }).await
        }
        Ok(None) => Err(AppFehler::ungueltig("jobcenter_id", "Bitte das Jobcenter wählen.")),
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(_) => Ok(weiter_zu(&Gespeichert::Uebergabe.nach(format!("/kunden/{id}/uebergabe")))),
        Err(e) => zurueck_zum_fall(&b, &z, id, &f, "senden", e).await,
    }
}

#[derive(Template)]
#[template(path = "uebergaben.html")]
struct Listenseite {
    rahmen: Rahmen,
    teile: Vec<Listenteil>,
}

/// Eingang (to the Jobcenter) or Ausgang (from the Agentur).
struct Listenteil {
    titel: &'static str,
    id: &'static str,
    eingang: bool,
    zeilen: Vec<Uebergabe>,
}

async fn liste(State(z): State<Zustand>, SeitenBenutzer(b): SeitenBenutzer) -> SeitenErgebnis {
    let l = z.app.uebergaben(&b.akteur).await?;
    let teile = vec![
        Listenteil { titel: "Eingang", id: "h-eingang", eingang: true, zeilen: l.eingang },
        Listenteil { titel: "Ausgang", id: "h-ausgang", eingang: false, zeilen: l.ausgang },
    ];
    Ok(html(&Listenseite { rahmen: Rahmen::neu(&b, "uebergaben"), teile }))
}

#[derive(Template)]
#[template(path = "uebergabe.html")]
struct Uebergabeseite {
    rahmen: Rahmen,
    gespeichert: Option<&'static str>,
    u: Uebergabeakte,
    /// The Teamleitung names the VFK who continues the case.
    vfk_waehlen: bool,
    vfks: Vec<Auswahl>,
    /// The Agentur's responsible VFK may withdraw it while it waits.
    zurueckziehen: bool,
    rueckmeldung: Rueckmeldung,
}

fn uebergabe_id(uid: &str) -> Result<i64, AppFehler> {
    uid.parse().map_err(|_| AppFehler::NichtGefunden("Die Übergabe"))
}

async fn uebergabeseite(
    b: &Angemeldet,
    z: &Zustand,
    id: i64,
    rueckmeldung: Rueckmeldung,
    gespeichert: Option<&'static str>,
) -> SeitenErgebnis {
    let u = z.app.uebergabe_lesen(&b.akteur, id).await?;
    let vfk_waehlen = u.uebernehmen && b.rolle == Rolle::Teamleitung;
    let vfks = if vfk_waehlen {
        z.app
            .benutzer_liste(&b.akteur)
            .await?
            .into_iter()
            .filter(|v| v.rolle == Rolle::Vfk && v.aktiv)
            .map(|v| Auswahl { wert: v.id.to_string(), text: v.name })
            .collect()
    } else {
        Vec::new()
    };
    let zurueckziehen =
        !u.uebergabe.eingang && u.uebergabe.status == Uebergabestatus::Gesendet && b.rolle == Rolle::Vfk;
    let status = rueckmeldung.status();
    Ok(mit_status(
        &Uebergabeseite {
            rahmen: Rahmen::neu(b, "uebergaben"),
            gespeichert,
            u,
            vfk_waehlen,
            vfks,
            zurueckziehen,
            rueckmeldung,
        },
        status,
    ))
}

async fn ansehen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path(uid): Path<String>,
    Query(h): Query<Hinweis>,
) -> SeitenErgebnis {
    uebergabeseite(&b, &z, uebergabe_id(&uid)?, Rueckmeldung::default(), h.text()).await
}

async fn uebernehmen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path(uid): Path<String>,
    f: Formular,
) -> SeitenErgebnis {
    let id = uebergabe_id(&uid)?;
    let ergebnis = match f.zahl::<i64>("vfk_id", "Vermittlungsfachkraft") {
        Ok(vfk_id) => z.app.uebergabe_uebernehmen(&b.akteur, id, UebernahmeEingabe { vfk_id }).await,
        Err(e) => Err(e),
    };
    match ergebnis {
        // The VFK continues in the new case; the Teamleitung stays with the handover.
        Ok(u) if b.rolle == Rolle::Vfk => {
            Ok(weiter_zu(&Gespeichert::Uebernommen.nach(format!("/kunden/{}", u.kunde_id))))
        }
        Ok(_) => Ok(weiter_zu(&Gespeichert::Uebernommen.nach(format!("/uebergaben/{id}")))),
        Err(e) => {
            let r = beschriften(Rueckmeldung::aus(e)?, &[("vfk_id", "Vermittlungsfachkraft")]);
            uebergabeseite(&b, &z, id, r, None).await
        }
    }
}

async fn zurueckziehen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    Path(uid): Path<String>,
) -> SeitenErgebnis {
    let id = uebergabe_id(&uid)?;
    match z.app.uebergabe_zurueckziehen(&b.akteur, id).await {
        Ok(()) => Ok(weiter_zu(&Gespeichert::UebergabeZurueckgezogen.nach(format!("/uebergaben/{id}")))),
        Err(e) => uebergabeseite(&b, &z, id, Rueckmeldung::aus(e)?, None).await,
    }
}
