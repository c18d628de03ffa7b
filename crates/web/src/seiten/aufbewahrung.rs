//! Retention, deletion and restriction on the pages (issue 17/6; Datenschutz): the plan of a case
//! with the period and legal basis of each category, legal holds, Art. 17 requests; the list of
//! deletion runs.

use askama::Template;
use axum::Router;
use axum::extract::{Query, State};
use axum::routing::{get, post};
use vierphasen_app::AppFehler;
use vierphasen_app::aufbewahrung::{Anordnungsangabe, Aufbewahrungsansicht, Kategorieloeschung, Loeschantragsangabe};
use vierphasen_app::konto::Angemeldet;
use vierphasen_domain::KundeId;
use vierphasen_domain::aufbewahrung::{Anordnungsgrund, Verfuegung};

use super::anzeige::{datum_text, zeit_text};
use super::gespeichert::{Gespeichert, Hinweis};
use super::{
    FallPfad, FallZeile, Formular, Rahmen, Rueckmeldung, SeitenBenutzer, SeitenErgebnis, beschriften, html, mit_status,
    weiter_zu,
};
use crate::zustand::Zustand;

pub fn routen() -> Router<Zustand> {
    Router::new()
        .route("/kunden/{id}/aufbewahrung", get(anzeigen))
        .route("/kunden/{id}/aufbewahrung/anordnung", post(anordnen))
        .route("/kunden/{id}/aufbewahrung/anordnung/{anordnung}/aufhebung", post(aufheben))
        .route("/kunden/{id}/aufbewahrung/loeschantrag", post(loeschantrag))
        .route("/verwaltung/loeschlaeufe", get(laeufe))
}

struct Planzeile {
    kategorie: &'static str,
    frist: String,
    rechtsgrundlage: String,
    stand: String,
    /// Due or restricted: highlighted.
    faellig: bool,
}

struct Anordnung {
    id: i64,
    grund: &'static str,
    aktenzeichen: String,
    seit: String,
    aufgehoben: Option<String>,
}

#[derive(Template)]
#[template(path = "aufbewahrung.html")]
struct Seite {
    rahmen: Rahmen,
    gespeichert: Option<&'static str>,
    id: i64,
    kundennummer: String,
    stichtag: String,
    meldestand: String,
    eingeschraenkt_seit: Option<String>,
    plan: Vec<Planzeile>,
    anordnungen: Vec<Anordnung>,
    loeschantraege: Vec<String>,
    gruende: Vec<(&'static str, &'static str)>,
    rueckmeldung: Rueckmeldung,
    /// What was typed into a refused form.
    grund: String,
    aktenzeichen: String,
    eingegangen_am: String,
}

fn seite(
    b: &Angemeldet,
    a: Aufbewahrungsansicht,
    gespeichert: Option<&'static str>,
    rueckmeldung: Rueckmeldung,
    f: Option<&Formular>,
) -> SeitenErgebnis {
    let status = rueckmeldung.status();
    let plan = a
        .plan
        .into_iter()
        .map(|p| Planzeile {
            kategorie: p.kategorie.label(),
            frist: format!(
                "{} Jahre{}",
                p.jahre,
                if p.pflicht { " (Aufbewahrungspflicht)" } else { " (solange für die Vermittlung erforderlich)" }
            ),
            rechtsgrundlage: p.rechtsgrundlage,
            stand: match p.geloescht_am {
                Some(d) => format!("gelöscht im Löschlauf vom {}", datum_text(d)),
                None => p.verfuegung.text(),
            },
            faellig: p.geloescht_am.is_none()
                && !matches!(p.verfuegung, Verfuegung::Laeuft | Verfuegung::Behalten { .. }),
        })
        .collect();
    let anordnungen = a
        .anordnungen
        .into_iter()
        .rev()
        .map(|o| Anordnung {
            id: o.id,
            grund: o.grund.label(),
            aktenzeichen: o.aktenzeichen.unwrap_or_default(),
            seit: zeit_text(o.angeordnet_um),
            aufgehoben: o.aufgehoben_um.map(zeit_text),
        })
        .collect();
    let text = |name: &str| f.map(|f| f.text(name)).unwrap_or_default();
    Ok(mit_status(
        &Seite {
            rahmen: Rahmen::neu(b, "verwaltung"),
            gespeichert,
            id: a.kunde_id,
            kundennummer: a.kundennummer,
            stichtag: datum_text(a.stichtag),
            meldestand: match a.abgemeldet_am {
                None => "gemeldet: die Fristen beginnen erst mit der Abmeldung".into(),
                Some(d) => format!("abgemeldet am {}", datum_text(d)),
            },
            eingeschraenkt_seit: a.eingeschraenkt_seit.map(datum_text),
            plan,
            anordnungen,
            loeschantraege: a.loeschantraege.into_iter().map(datum_text).collect(),
            gruende: Anordnungsgrund::ALLE.into_iter().map(|g| (g.id(), g.label())).collect(),
            rueckmeldung,
            grund: text("grund"),
            aktenzeichen: text("aktenzeichen"),
            eingegangen_am: f.map_or_else(|| a.stichtag.to_string(), |f| f.text("eingegangen_am")),
        },
        status,
    ))
}

async fn anzeigen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    Query(p): Query<Hinweis>,
) -> SeitenErgebnis {
    let a = z.app.aufbewahrung_ansehen(&b.akteur, id).await?;
    seite(&b, a, p.text(), Rueckmeldung::default(), None)
}

/// A refused form: the page again with the messages and what was typed.
async fn zurueck(z: &Zustand, b: &Angemeldet, id: KundeId, fehler: AppFehler, f: &Formular) -> SeitenErgebnis {
    let r = beschriften(
        Rueckmeldung::aus(fehler)?,
        &[("grund", "Grund"), ("aktenzeichen", "Aktenzeichen"), ("eingegangen_am", "Eingegangen am")],
    );
    let a = z.app.aufbewahrung_ansehen(&b.akteur, id).await?;
    seite(b, a, None, r, Some(f))
}

async fn anordnen(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let ergebnis = match f.wert("grund").and_then(Anordnungsgrund::aus_id) {
        Some(grund) => {
            let angabe = Anordnungsangabe { grund, aktenzeichen: f.wert("aktenzeichen").map(str::to_owned) };
            z.app.aufbewahrung_anordnen(&b.akteur, id, angabe).await
        }
        None => Err(AppFehler::ungueltig("grund", "Bitte das Verfahren wählen.")),
    };
    match ergebnis {
        Ok(_) => Ok(weiter_zu(&Gespeichert::Anordnung.nach(format!("/kunden/{id}/aufbewahrung")))),
        Err(e) => zurueck(&z, &b, id, e, &f).await,
    }
}

async fn aufheben(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallZeile(id, anordnung): FallZeile,
    f: Formular,
) -> SeitenErgebnis {
    match z.app.aufbewahrung_aufheben(&b.akteur, id, anordnung).await {
        Ok(_) => Ok(weiter_zu(&Gespeichert::AnordnungAufgehoben.nach(format!("/kunden/{id}/aufbewahrung")))),
        Err(e) => zurueck(&z, &b, id, e, &f).await,
    }
}

async fn loeschantrag(
    State(z): State<Zustand>,
    SeitenBenutzer(b): SeitenBenutzer,
    FallPfad(id): FallPfad,
    f: Formular,
) -> SeitenErgebnis {
    let ergebnis = match f.datum_pflicht("eingegangen_am", "Eingegangen am") {
        Ok(eingegangen_am) => z.app.loeschantrag_erfassen(&b.akteur, id, Loeschantragsangabe { eingegangen_am }).await,
        Err(e) => Err(e),
    };
    match ergebnis {
        Ok(_) => Ok(weiter_zu(&Gespeichert::Loeschantrag.nach(format!("/kunden/{id}/aufbewahrung")))),
        Err(e) => zurueck(&z, &b, id, e, &f).await,
    }
}

struct Laufzeile {
    beendet: String,
    stichtag: String,
    geprueft: u64,
    geloescht: u64,
    eingeschraenkt: u64,
    kategorien: Vec<String>,
    protokoll: u64,
    suchen: u64,
    antraege: u64,
}

#[derive(Template)]
#[template(path = "loeschlaeufe.html")]
struct Laufseite {
    rahmen: Rahmen,
    laeufe: Vec<Laufzeile>,
}

async fn laeufe(State(z): State<Zustand>, SeitenBenutzer(b): SeitenBenutzer) -> SeitenErgebnis {
    let laeufe = z
        .app
        .loeschlaeufe(&b.akteur)
        .await?
        .into_iter()
        .map(|l| {
            let r = l.bericht;
            Laufzeile {
                beendet: zeit_text(l.beendet_um),
                stichtag: datum_text(r.stichtag),
                geprueft: r.faelle_geprueft,
                geloescht: r.faelle_geloescht,
                eingeschraenkt: r.faelle_eingeschraenkt,
                kategorien: r.kategorien.iter().filter(|k| k.zeilen > 0).map(Kategorieloeschung::text).collect(),
                protokoll: r.zugriffsprotokoll_zeilen,
                suchen: r.suchprotokoll_zeilen,
                antraege: r.loeschantraege_erledigt,
            }
        })
        .collect();
    Ok(html(&Laufseite { rahmen: Rahmen::neu(&b, "verwaltung"), laeufe }))
}
